#!/usr/bin/env bash
# Forms end to end: start the intake interview on a person, answer with skip logic showing
# and hiding questions, see a validation message, kill the terminal mid-form and find the
# draft intact, then answer what is required and finalize; the answers, the state and the
# audit rows are in the database.
source "$(dirname "$0")/lib.sh"
db=$E2E_TMP/demo.db
make_demo "$db" 80 tester
oid=$(sql "$db" "select oid from person order by id limit 1")
pid=$(sql "$db" "select id from person where oid = '$oid'")
answer() { # answer FIELD -> the stored text of the intake's answer
  sql "$db" "select a.value from form_answer a join form_response r on r.id = a.response_id
             where r.person_id = $pid and a.field = '$1' order by r.id desc limit 1"
}
open_forms_tab() {
  keys o
  type_text "$oid"
  keys Enter
  wait_for "OID $oid"
  keys 7
  wait_for 'f start a form'
}

tui_start_shell 100 30
tui_open "$db" tester
to_caseload
open_forms_tab
wait_for 'No forms yet'
keys f
wait_for 'Start a form'
keys i i
keys Enter
wait_for 'Section 1 of 8: Identity and language'
wait_sql "$db" "select count(*) from form_response where person_id = $pid and state = 'draft'" 1
# the default (today) is an answer already
assert_eq "$(answer interview_date)" 2026-11-23 "default stored"
keys Down Down
type_text 'Zoë'
keys Down
type_text '1990-05-01'
keys Down
wait_sql "$db" "select count(*) from form_answer where field = 'preferred_name' and value = 'Zoë'" 1
# skip logic: "yes" shows the interpreter questions, "no" hides them again
assert_not_screen 'How was the interview interpreted'
keys y
wait_for 'How was the interview interpreted'
keys n
wait_gone 'How was the interview interpreted'
keys y
wait_for 'How was the interview interpreted'
keys Down
type_text 'Somali'
keys Down
keys 2
wait_for 'Telephone or video interpreter'
# a validation message beside the field, the text kept as typed
keys Down Down Down
type_text 'call me maybe'
keys Down
wait_for 'Write a phone number such as 651-555-0143'
wait_sql "$db" "select count(*) from form_answer where field = 'contact_phone' and value = 'call me maybe'" 1

# the terminal dies: nothing typed is lost
pkill -KILL -f "caseload --db $db" || fail "could not kill caseload"
wait_for 'EXIT=137'
send_line clear
tui_open "$db" tester
to_caseload
open_forms_tab
wait_for 'Intake interview v1 +draft'
keys Enter
wait_for 'Section 1 of 8'
assert_screen 'Zoë'
assert_screen 'Telephone or video interpreter'
assert_screen 'call me maybe'

# finalizing is refused while required answers are missing, and says what is missing
keys F5
wait_for 'must be fixed before finalizing'
wait_for 'Summary: check the answers'
keys PPage
wait_for 'Section 8 of 8'
# fix the phone, then answer every required question section by section
for i in 1 2 3 4 5 6 7; do keys PPage; done
wait_for 'Section 1 of 8'
for i in 1 2 3 4 5 6 7 8 9; do keys Down; done
keys C-u
type_text '651-555-0143'
keys Down
wait_gone 'Write a phone number'
keys NPage
wait_for 'Section 2 of 8: Sentence snapshot'
keys 1 Down n
keys NPage
wait_for 'Section 3 of 8: Immediate safety'
keys n Down n Down n
keys NPage
wait_for 'Section 4 of 8'
keys NPage
wait_for 'Section 5 of 8'
keys 6
keys NPage
wait_for 'Section 6 of 8'
keys NPage
wait_for 'Section 7 of 8: No-contact orders'
keys n
keys NPage
wait_for 'Section 8 of 8: Goals and readiness'
type_text 'Finish the GED and go home to family in Saint Paul.'
keys Down
type_text '7'
keys Down
type_text 'My kids.'
keys Down Down
keys Space
wait_sql "$db" "select count(*) from form_answer where field = 'interviewer_attestation' and value like '% at 2026-11-23 %'" 1
keys F5
wait_for 'Finalized'
assert_eq "$(sql "$db" "select state from form_response where person_id = $pid")" final "finalized"
! sql "$db" "update form_answer set value = 'x' where field = 'goals_text'" 2>/dev/null || fail "a final answer was changed"
keys Escape
wait_for 'f start a form'
wait_for 'Intake interview v1 +final'
keys q
wait_for 'My caseload'
keys Q
wait_for 'EXIT=0'
assert_eq "$(sql "$db" "select count(*) from audit_log where event = 'form.finalize'")" 1 "finalize audited"
assert_eq "$(sql "$db" "select count(*) from audit_log where event = 'form.view'")" 1 "view audited"
echo ok
