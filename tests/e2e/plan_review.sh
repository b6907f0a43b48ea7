#!/usr/bin/env bash
# Plans under QA review, end to end. A caseworker signs a case plan: it goes to their lead.
# The lead opens it from the review queue on the case plan's own screen, comments on a
# goal and returns it. The caseworker finds it on the home screen with the comment under
# the goal, starts a new version, changes the goal and signs it: the same review comes back
# to the lead (round 2), who sees the change under the goal and approves. Then the
# caseworker submits the release plan by hand (F5) and the lead, filtering the queue by
# kind, comments on a section and approves it. The database holds each step.
source "$(dirname "$0")/lib.sh"
db=$E2E_TMP/demo.db
make_demo "$db" 40 tester
pw=$(demo_password "$db")
lead=$(sql "$db" "select username from staff where role = 'lead' order by id limit 1")
lead_name=$(sql "$db" "select display_name from staff where username = '$lead'")
sql "$db" "update staff set lead_id = (select id from staff where username = '$lead') where username = 'tester'"
enrol_totp "$db" "$lead"
at() { CASELOAD_NOW=$1 totp $E2E_TOTP_SECRET; }
me="(select id from staff where username = 'tester')"
oid=$(sql "$db" "select oid from person where caseworker_id = $me order by length(last_name || first_name), id limit 1")
pid=$(sql "$db" "select id from person where oid = '$oid'")
run() { tui_run "CASELOAD_NOW=$1 $CASELOAD_BIN --db $db"; }
lead_in() {
  send_line clear
  run "$1"
  sign_in "$lead" "$pw"
  wait_for '6-digit code'
  type_text "$(at "$1")"
  keys Enter
  wait_for 'caseload'
}
quit() {
  keys Q
  wait_for 'EXIT=0'
}

tui_start_shell 80 24 # a standard terminal: the review screens must read there

# 1. the caseworker signs a first case plan: it goes to the lead
run 2026-11-23T15:00:00Z
sign_in tester "$pw"
to_caseload
keys o
type_text "$oid"
keys Enter
wait_for "OID $oid"
keys C
wait_for 'caseload · Case plan: .*no plan yet'
keys g
wait_for 'New goal'
type_text 'antisocial_cog'
keys Tab Tab
type_text 'Do better'
keys Enter
wait_for '1\. Antisocial cognition \[contemplation\] Do better'
keys S
wait_for 'Sign this version\?'
type_text 'yes'
keys Enter
wait_for "submitted for review to $lead_name"
v1=$(sql "$db" "select id from case_plan where person_id = $pid and version = 1")
assert_eq "$(sql "$db" "select kind || '|' || state || '|' || (assigned_to = (select id from staff where username = '$lead')) from review where object_id = $v1")" \
  'case_plan|submitted|1' 'the signed plan went to the lead'
wait_for 'QA review \(required\), round 1: submitted'
quit

# 2. the lead opens it from the queue, comments on the goal and returns it
lead_in 2026-11-23T15:01:00Z
keys R
wait_for 'Review queue'
wait_for 'Case plan v1'
keys Enter
wait_for 'caseload · Case plan: .*version 1'
wait_for 'QA review \(required\), round 1: submitted'
wait_for 'reviewing'
# nothing changes here: the plan is read-only under review
keys g
wait_for 'Under review here the plan is read-only'
keys m
wait_for 'Comment on Antisocial cognition'
type_text 'Not measurable: say what and by when.'
keys Enter
wait_for 'Comment saved on Antisocial cognition'
wait_for '◆ .* \(round 1\): Not measurable: say what and by when\.'
keys R
wait_for 'Return it to its author'
type_text 'Make the goal SMART.'
keys Enter
wait_sql "$db" "select state from review where object_id = $v1" returned
assert_eq "$(sql "$db" "select anchor || '|' || body from review_comment")" \
  'antisocial_cognition|Not measurable: say what and by when.' 'the comment on the goal'
keys Escape
quit

# 3. the caseworker finds it returned, changes it in a new version and signs it again
send_line clear
run 2026-11-23T15:02:00Z
sign_in tester "$pw"
wait_for 'caseload · Home'
wait_for 'returned  Case plan v1'
keys W
wait_for 'My work'
wait_for 'returned .*Case plan v1'
keys Enter
wait_for 'caseload · Case plan: .*version 1'
wait_for 'Returned: start a new version \(n\)'
wait_for '◆ .* \(round 1\): Not measurable'
keys n
wait_for 'Version 2 started as a draft'
keys e
wait_for 'Edit goal'
keys Tab Tab C-a C-k
type_text 'Complete a thinking report each week until March'
keys Enter
wait_for '1\. Antisocial cognition \[contemplation\] Complete a thinking report'
keys S
wait_for 'Sign this version\?'
type_text 'yes'
keys Enter
wait_for "resubmitted for review to $lead_name"
v2=$(sql "$db" "select id from case_plan where person_id = $pid and version = 2")
assert_eq "$(sql "$db" "select object_id || '|' || state || '|' || round from review where kind = 'case_plan'")" \
  "$v2|submitted|2" 'the same review, now of version 2'
keys Escape Escape
to_caseload
keys o
type_text "$oid"
keys Enter
wait_for "OID $oid"

# 4. the caseworker submits the release plan by hand
keys p
wait_for 'caseload · Release plan'
keys F5
wait_for "Submitted for review: $lead_name"
rp=$(sql "$db" "select id from release_plan where person_id = $pid")
assert_eq "$(sql "$db" "select reason || '|' || state from review where kind = 'release_plan' and object_id = $rp")" \
  'required|submitted' 'the release plan submitted'
keys F5
wait_for 'It is waiting for review already'
keys Escape Escape
quit

# 5. the lead sees what changed in the case plan and approves; then the release plan
lead_in 2026-11-23T15:03:00Z
keys R
wait_for 'Case plan v2 · round 2'
keys Enter
wait_for 'QA review \(required\), round 2: submitted'
wait_for '1 change since the last submission'
wait_for '↺ goal was: Do better; now: Complete a thinking report'
# the QA checklist of the review, started from the plan and shown on it at a glance
wait_for 'QA checklist: not started \(c fills it in\)'
keys c
wait_for 'caseload · QA review checklist v1'
wait_for 'Section 1 of'
keys Escape
wait_for 'QA checklist \(draft\): compliance not yet computed'
assert_eq "$(sql "$db" "select count(*) from review r join form_response c on c.id = r.checklist_id where r.kind = 'case_plan' and c.state = 'draft'")" \
  1 'the checklist linked to the plan review'
keys A
wait_for 'Approve this plan'
keys Enter
wait_sql "$db" "select state from review where kind = 'case_plan'" approved
# a decision steps on to the next review of the queue: the release plan
wait_for 'caseload · Release plan'
wait_for 'QA review \(required\), round 1: submitted'
keys Escape
wait_for 'Review queue'
keys F
wait_for 'Filter the queue'
keys Tab
type_text 'release'
keys Enter
wait_for 'Everyone.s work, release plans'
wait_for '1 waiting'
keys Enter
wait_for 'caseload · Release plan'
keys m
wait_for 'Comment on '
type_text 'Good: keep the housing contact current.'
keys Enter
wait_for '◆'
keys A
wait_for 'Approve this plan'
keys Enter
wait_sql "$db" "select state from review where kind = 'release_plan'" approved
keys Escape
quit
assert_eq "$(sql "$db" "select group_concat(event, ',') from (select event from review_event e join review r on r.id = e.review_id where r.kind = 'case_plan' order by e.id)")" \
  'submitted,returned,resubmitted,approved' "the case plan review's history"
assert_eq "$(sql "$db" "select count(*) from audit_log where event in ('review.submit', 'review.approve', 'review.return', 'review.comment') and outcome = 'ok'")" \
  6 'submit, comment, return, approve, comment, approve audited'
echo ok
