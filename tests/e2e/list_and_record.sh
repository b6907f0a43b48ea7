#!/usr/bin/env bash
# The caseload list and the person record, end to end: filter, sort, page, jump by OID,
# open a record, edit fields (refused and accepted values), a stale write from "another
# terminal", a draft surviving a killed terminal, resizing, quitting. Asserts the screen
# and the database.
source "$(dirname "$0")/lib.sh"

db=$E2E_TMP/demo.db
make_demo "$db" 400 tester
zoe_oid=$(sql "$db" "select oid from person where first_name = 'Zoë'")
[ -n "$zoe_oid" ] || fail "demo has no Zoë"
# Zoë is on tester's caseload; Nguyễn is somebody else's
sql "$db" "update person set caseworker_id = (select id from staff where username = 'tester') where oid = '$zoe_oid'"
other_oid=$(sql "$db" "select oid from person where last_name = 'Nguyễn' and caseworker_id != (select id from staff where username = 'tester') order by id limit 1")

tui_start_shell 100 30
tui_open "$db" tester
to_caseload
wait_for 'My caseload: tester'
assert_screen 'Name.*OID.*Housing'
mine=$(sql "$db" "select count(*) from person p join staff s on s.id = p.caseworker_id where s.username = 'tester'")
assert_screen "$mine (person|people)"

# whole facility, then an accent-insensitive filter that narrows as it is typed
keys f
wait_for 'Whole facility'
assert_screen '400 people'
keys /
type_text 'zoe nu'
wait_for 'Ñúñez, Zoë'
assert_screen '1 person'
keys Enter
wait_gone 'Filter:'
keys Escape
wait_for '400 people'

# sort by OID, reverse it, and page to the end and back
keys s
wait_for 'by OID'
keys r
wait_for 'descending'
keys G
wait_for '400/400'
keys g
wait_for ' 1/400'
keys PageDown
wait_gone ' 1/400'

# a record on someone else's caseload opens read only: no edit keys offered, and refused
keys o
type_text "$other_oid"
keys Enter
wait_for "OID $other_oid"
wait_for 'read only'
assert_not_screen 'e identity'
keys d
wait_for "Not permitted: you may change a record only for people on your caseload"
assert_eq "$(sql "$db" "select count(*) from audit_log where event = 'access.denied' and person_id = (select id from person where oid = '$other_oid')")" 1 "refusal audited"
keys q
wait_for 'Whole facility'

# jump by OID opens the record (and audits the view)
keys o
type_text "$zoe_oid"
keys Enter
wait_for "OID $zoe_oid"
assert_screen 'Date of birth'
assert_screen 'Supervised release'
views=$(sql "$db" "select count(*) from audit_log where event = 'person.view' and person_id = (select id from person where oid = '$zoe_oid')")
assert_eq "$views" 1 "record view audited"

# an invalid jail credit is refused inline and kept; a valid one saves with its history
keys d
wait_for 'Esc save & close'
keys Tab Tab C-u
type_text 'abc'
keys Enter
wait_for 'Jail credit must be a whole number'
assert_screen 'abc'
assert_eq "$(sql "$db" "select count(*) from person_change where field = 'jail_credit_days'")" 0 "nothing saved"
keys C-u
type_text '45'
keys Enter
wait_for 'Jail credit \(days\) saved'
assert_eq "$(sql "$db" "select jail_credit_days from person where oid = '$zoe_oid'")" 45 "jail credit stored"
assert_eq "$(sql "$db" "select new_value || '/' || (select username from staff where id = changed_by) from person_change where field = 'jail_credit_days'")" "45/tester" "history row"
assert_eq "$(sql "$db" "select count(*) from audit_log where event = 'person.update' and object = 'field=jail_credit_days'")" 1 "update audited"
keys Escape
wait_gone 'Esc save & close'

# another terminal changes the language while this one edits it: no silent overwrite
keys e
wait_for 'Esc save & close'
keys Tab Tab Tab Tab Tab C-u
type_text 'Portuguese'
sql "$db" "update person set language = 'French', version = version + 1, updated_by = (select id from staff where role = 'lead' limit 1) where oid = '$zoe_oid'"
keys Enter
wait_for 'Not saved: .* changed this record'
assert_eq "$(sql "$db" "select language from person where oid = '$zoe_oid'")" French "other terminal's value kept"
assert_screen 'Portuguese'
keys Enter
wait_for 'Language saved'
assert_eq "$(sql "$db" "select language from person where oid = '$zoe_oid'")" Portuguese "saved over after a second Enter"

# typed but not saved: kept as a draft, even when the terminal is killed
keys Up Up Up Up Up C-u
type_text 'Zoey'
sleep 1.2
pkill -KILL -f "caseload --db $db" || fail "could not kill caseload"
wait_for 'EXIT=137'
assert_eq "$(sql "$db" "select value from edit_draft where field = 'first_name'")" Zoey "draft stored"
tui_open "$db" tester
to_caseload
keys o
type_text "$zoe_oid"
keys Enter
wait_for "OID $zoe_oid"
keys e
wait_for 'Restored text you had not saved'
assert_screen 'Zoey'
keys Enter
wait_for 'First name saved'
assert_eq "$(sql "$db" "select first_name from person where oid = '$zoe_oid'")" Zoey "restored draft saved"
assert_eq "$(sql "$db" "select count(*) from edit_draft")" 0 "draft gone once saved"
keys Escape
keys 6
wait_for 'first_name: Zoë → Zoey'

# a move shows up in the housing history
keys m
wait_for 'Record a move'
keys C-u
type_text 'Seg'
keys Tab C-u
type_text '101'
keys Tab Tab Tab
type_text 'keep separate'
keys Enter
wait_for 'Moved to Seg 101'
keys 3
wait_for 'Seg 101'
assert_eq "$(sql "$db" "select count(*) from housing_stay where person_id = (select id from person where oid = '$zoe_oid') and end_date is null")" 1 "one open stay"

# resizing reflows; too small says so; quitting restores the shell
keys q
wait_for 'My caseload'
resize 60 20
wait_for 'Name'
assert_not_screen 'Custody'
resize 50 12
wait_for 'Terminal too small'
resize 200 60
wait_for 'Next due'
assert_screen 'Custody'
keys q
wait_for 'caseload · Home'
keys q
wait_for 'EXIT=0'
echo "ok"
