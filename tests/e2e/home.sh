#!/usr/bin/env bash
# The home screen after sign-in: releases within 90 days, key dates due, the work waiting;
# it follows what happens elsewhere (a form left as a draft shows up there) and each item
# opens where its work is done.
source "$(dirname "$0")/lib.sh"
db=$E2E_TMP/demo.db
make_demo "$db" 80 tester
me="(select id from staff where username = 'tester')"
oid=$(sql "$db" "select oid from person where caseworker_id = $me order by length(last_name || first_name), id limit 1")
# a quiet caseload but one person releasing in ten days
sql "$db" "update person set srd = '2035-01-01', next_due_date = '2035-01-01', refresh_on = '2035-01-01' where caseworker_id = $me;
           update person set srd = '2026-12-03' where oid = '$oid'"
name=$(sql "$db" "select last_name from person where oid = '$oid'")
tui_start_shell 120 30
tui_open "$db" tester
wait_for 'caseload · Home'
wait_for "2026-12-03  in 10 days +$name.*\\($oid\\)"
wait_for 'Releasing in the next 90 days \(1\)'
assert_screen 'Due this week \(0\)'
assert_screen 'no release plan'
assert_screen 'Caseload by risk level'
# the first item opens the person's record
keys Enter
wait_for "OID $oid"
# a form left as a draft waits on the home screen
keys 7 f
wait_for 'Start a form'
keys i i Enter
wait_for 'Section 1 of 8'
keys Escape q
wait_for 'caseload · Home'
wait_for 'draft +Intake interview v1'

# the next item is that draft: Enter takes the user back into it
keys j Enter
wait_for 'Section 1 of 8: Identity and language'
keys Escape
wait_for 'caseload · Home'
# the release plan starts from the record (p); one of its sections is settled as not
# applicable, and the home screen follows: the plan's readiness, its tasks now due
keys k Enter
wait_for "OID $oid"
keys p
wait_for 'Blocks release'
keys Enter
wait_for 'Housing: not started'
keys s
wait_for 'Status of Housing'
keys C-u
type_text not_applicable
keys Tab
type_text 'Returns to the family home'
keys Enter
wait_for 'Housing: not applicable'
keys Escape Escape
wait_for "OID $oid"
keys q
wait_for 'caseload · Home'
wait_for "$oid\\) · release plan 1/13 ready"
assert_screen 'release plan: '
keys q
wait_for 'EXIT=0'
echo ok
