#!/usr/bin/env bash
# The release plan, opened with p from the person record: the readiness view (days to
# release, overdue tasks, what blocks release), a section's checklist with due dates counted
# back from the SRD, a task ticked with Space, the section verified through the status dialog
# (refused first while its blocking task is open), a task and a contact added, the person
# referred from the section to a resource of the directory (f) and its outcome recorded (o),
# and the readiness view following.
source "$(dirname "$0")/lib.sh"
db=$E2E_TMP/demo.db
make_demo "$db" 40 tester
me="(select id from staff where username = 'tester')"
oid=$(sql "$db" "select oid from person where caseworker_id = $me order by length(last_name || first_name), id limit 1")
pid=$(sql "$db" "select id from person where oid = '$oid'")
# release on Monday 2026-12-21: 28 days from today (2026-11-23)
sql "$db" "update person set srd = '2026-12-21' where oid = '$oid'"
pw=$(demo_password "$db")
out=$(printf '%s\n' "$pw" | "$CASELOAD_BIN" --db "$db" resources import \
  "$CASELOAD_SOURCE_DIR/data/resources.example.csv" --as tester 2>&1)
assert_eq "$out" "20 added, 0 updated, 0 refused" "the example directory"
tui_start_shell 100 30
tui_open "$db" tester
to_caseload
keys o
type_text "$oid"
keys Enter
wait_for "OID $oid"
keys p
wait_for "Release plan: .*\\($oid\\)"
wait_for 'Release 2026-12-21 \(in 28 days\) · 20 tasks overdue'
wait_for 'Blocks release: no verified housing, Identification documents, Physical health'
assert_screen 'Housing +not started +0/3'
assert_screen 'First 72 hours +not started'
assert_eq "$(sql "$db" "select count(*) from release_section r join release_plan p on p.id = r.plan_id where p.person_id = $pid")" 13 "sections"
# "srd - 30" is Saturday 2026-11-21: moved back to Friday 11-20
assert_eq "$(sql "$db" "select due_on from release_task where task = 'residence_verified'")" 2026-11-20 "due date"
# the housing section: its checklist, by due date
keys Enter
wait_for 'Housing: not started'
wait_for 'Residence verified and approved +agent +2026-11-20 OVERDUE'
# verifying is refused while the residence is not verified
keys s
wait_for 'Status of Housing'
keys C-u
type_text verified
keys Enter
wait_for 'cannot be verified: "Residence verified and approved" is not done yet'
keys Escape
wait_gone 'Status of Housing'
# tick it (the third task), then verify the section
keys j j Space
wait_for '\[x\] Residence verified and approved'
wait_sql "$db" "select count(*) from release_task where task = 'residence_verified' and done_on = '2026-11-23'" 1
keys s
wait_for 'Status of Housing'
keys C-u
type_text verified
keys Enter
wait_for 'Housing: verified'
# a task of one's own and a contact
keys a
wait_for 'Add a task to Housing'
type_text 'Call Hope House'
keys Tab Tab
type_text '2026-12-01'
keys Enter
wait_for 'Call Hope House +caseworker +2026-12-01'
keys c
wait_for 'Add a contact to Housing'
type_text 'Hope House'
keys Tab
type_text shelter
keys Tab
type_text 555-0100
keys Enter
wait_for 'Hope House \(shelter\)  555-0100'
# refer from the section: the directory, found as you type, r with a note
keys f
wait_for "Refer .*\\($oid\\)"
refer_to 'twin cities reentry' 'Twin Cities Reentry Housing Collaborative' 'Needs a bed from release day'
wait_for 'Housing: verified'
wait_for 'Referred to +Status +Last change'
wait_for 'Twin Cities Reentry Housing Collaborative +sent +2026-11-23'
assert_eq "$(sql "$db" "select origin || ' ' || origin_ref || ' ' || status from referral where person_id = $pid")" \
  "release_plan housing sent" "the referral's origin"
# its outcome: o on the referral (below the tasks) moves it on with the referrals' rules
keys G o
wait_for 'Referral to Twin Cities Reentry Housing Collaborative'
wait_for 'accepted, declined or withdrawn'
type_text acc
keys Tab
type_text 'Bed on 12/3'
keys Enter
wait_for 'Twin Cities Reentry Housing Collaborative +accepted +2026-11-23'
wait_sql "$db" "select count(*) from referral_event e join referral f on f.id = e.referral_id where f.person_id = $pid and e.status = 'accepted' and e.note = 'Bed on 12/3'" 1
# back to the readiness view: housing verified, no longer blocking
keys Escape
wait_for 'Housing +verified +1/4 +2$'
wait_for '19 tasks overdue'
wait_for 'Blocks release: Identification documents, Physical health'
assert_eq "$(sql "$db" "select count(*) from release_change where change = 'status' and value = 'verified'")" 1 "history"
assert_eq "$(sql "$db" "select count(*) from audit_log where event like 'relplan.%' and person_id = $pid and outcome = 'ok'")" \
  "$(sql "$db" "select count(*) from audit_log where event like 'relplan.%' and person_id = $pid")" "audited"
keys Escape
wait_for "OID $oid"
keys Q
wait_for 'EXIT=0'
echo ok
