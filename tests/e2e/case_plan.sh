#!/usr/bin/env bash
# The case plan: from a person's record (C), build a plan with two goals and their steps,
# see the RNR warning for a goal without steps come and go, move a step on (dropping one
# needs a reason), sign the version with the person's acknowledgement, start a new version
# and find the signed one unchanged in the database; review it and see the progress under
# each goal; V shows version 1 read-only, and V again the current one.
source "$(dirname "$0")/lib.sh"
db=$E2E_TMP/demo.db
make_demo "$db" 40 tester
me="(select id from staff where username = 'tester')"
oid=$(sql "$db" "select oid from person where caseworker_id = $me order by length(last_name || first_name), id limit 1")
pid=$(sql "$db" "select id from person where oid = '$oid'")
printf '%s\n' "$(demo_password "$db")" | "$CASELOAD_BIN" --db "$db" resources import \
  "$CASELOAD_SOURCE_DIR/data/resources.example.csv" --as tester > /dev/null 2>&1 || fail "import"
tui_start_shell 100 30
tui_open "$db" tester
to_caseload
keys o
type_text "$oid"
keys Enter
wait_for "OID $oid"
keys C
wait_for 'caseload · Case plan: .*no plan yet'

# the first goal: a unique start of the domain's code is enough
keys g
wait_for 'New goal'
type_text 'antisocial_cog'
keys Tab Tab
type_text 'Complete a thinking report each week until March'
keys Tab
type_text 'Twelve reports reviewed with the caseworker'
keys Enter
wait_for '1\. Antisocial cognition \[contemplation\] Complete a thinking report'
wait_for 'version 1 · draft · next review 2027-02-21'
wait_for '! Goal 1 \(Antisocial cognition\) has no steps'
keys a
wait_for 'New step'
type_text 'Enrol in Thinking for a Change'
keys Tab Tab
type_text '2027-01-15'
keys Enter
wait_for '\[not started\] Enrol in Thinking for a Change \(person, by 2027-01-15\)'
assert_not_screen 'has no steps'

# the second goal and two steps, one of them the caseworker's
keys g
wait_for 'New goal'
type_text 'housing'
keys Tab Tab
type_text 'Approved residence 60 days before release'
keys Enter
wait_for '2\. housing \[contemplation\] Approved residence'
keys a
wait_for 'New step'
type_text 'Apply to the halfway house'
keys Tab C-a C-k
type_text 'caseworker'
keys Enter
wait_for '\[not started\] Apply to the halfway house \(caseworker\)'
# refer from that step: the directory, found as you type, r with a note
keys f
wait_for "Refer .*\\($oid\\) for the case plan"
refer_to 'twin cities reentry' 'Twin Cities Reentry Housing Collaborative' 'Halfway house application'
wait_for '\[not started\] Apply to the halfway house \(caseworker\)'
assert_eq "$(sql "$db" "select origin || ' ' || origin_ref from referral where person_id = $pid")" \
  "case_plan $(sql "$db" "select id from plan_step where description = 'Apply to the halfway house'")" \
  "the referral's origin"
keys a
wait_for 'New step'
type_text 'Ask family about a room'
keys Enter
wait_for '\[not started\] Ask family about a room \(person\)'

# dropping a step needs a reason
keys s
wait_for 'Step status'
keys C-a C-k
type_text 'dropped'
keys Enter
wait_for 'A dropped step needs the reason'
keys Tab
type_text 'No family nearby'
keys Enter
wait_for '\[dropped\] Ask family about a room \(person\): No family nearby'
assert_eq "$(sql "$db" "select status || '|' || drop_reason from plan_step where description = 'Ask family about a room'")" \
  'dropped|No family nearby' 'the dropped step'

# sign: confirm, and say whether the person acknowledged it
keys S
wait_for 'Sign this version\?'
type_text 'yes'
keys Enter
wait_for 'version 1 · signed \(acknowledged\)'
assert_eq "$(sql "$db" "select state || '|' || person_acknowledged || '|' || (select count(*) from plan_goal g where g.plan_id = case_plan.id) from case_plan where person_id = $pid")" \
  'signed|1|2' 'the signed plan'
# a signed version does not change: a change needs a new version
keys g
wait_for 'New goal'
type_text 'school_work'
keys Tab Tab
type_text 'Earn the GED'
keys Enter
wait_for 'Version 1 is signed and never changes: start a new version'
keys Escape
keys n
wait_for 'Version 2 started as a draft'
wait_for 'version 2 · draft'
assert_eq "$(sql "$db" "select group_concat(version || ':' || state, ',') from (select * from case_plan where person_id = $pid order by version)")" \
  '1:signed,2:draft' 'both versions'
assert_eq "$(sql "$db" "select count(*) from plan_step s join plan_goal g on g.id = s.goal_id join case_plan p on p.id = g.plan_id where p.person_id = $pid and p.version = 2")" \
  '3' 'the steps copied'
assert_eq "$(sql "$db" "select count(*) from audit_log where event = 'caseplan.sign' and outcome = 'ok'")" '1' 'audited'
# a review: progress per goal, and the next review a cadence (90 days) from today
keys v
wait_for 'Plan review: progress per goal'
type_text 'some'
keys Tab
type_text 'achieved'
keys Enter
wait_for 'Review recorded; the next is due 2027-02-21'
assert_eq "$(sql "$db" "select group_concat(progress, ',') from (select progress from plan_review_goal order by goal_id)")" \
  'some,achieved' 'the review'
# each goal shows its progress at the latest review
wait_for 'Progress at the review of 2026-11-23: some'
wait_for 'Progress at the review of 2026-11-23: achieved'
# V: the signed version 1 as it was, read-only; nothing changes through it
keys V
wait_for 'version 1 \(signed on 2026-11-23\), read-only'
wait_for '1\. Antisocial cognition \[contemplation\] Complete a thinking report'
assert_not_screen 'Progress at the review'
keys g
wait_for 'Version 1 is an older version, read-only: V returns to the current one'
assert_not_screen 'New goal'
keys V
wait_for 'version 2 · draft'
wait_for 'Progress at the review of 2026-11-23: some'
assert_eq "$(sql "$db" "select count(*) from audit_log where event = 'caseplan.view' and object like '% version=1' and outcome = 'ok'")" \
  '1' 'the old version read is audited'
keys Escape
wait_for "OID $oid"
keys q q
wait_for 'caseload · Home'
keys q
wait_for 'EXIT=0'
echo ok
