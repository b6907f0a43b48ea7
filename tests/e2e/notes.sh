#!/usr/bin/env bash
# Case notes end to end: write one with UTF-8 text, kill the terminal mid-note and find
# the draft, finalize it, amend it, search for it and open the result.
source "$(dirname "$0")/lib.sh"
db=$E2E_TMP/demo.db
make_demo "$db" 150 tester
oid=$(sql "$db" "select oid from person where first_name = 'Zoë'")
sql "$db" "update person set caseworker_id = (select id from staff where username = 'tester') where oid = '$oid'"
open_zoe_timeline() { open_timeline "$oid"; }

tui_start_shell 100 30
tui_open "$db" tester
to_caseload
open_zoe_timeline
keys w
wait_for 'draft saves as you type'
type_text 'Met with Zoë Ñúñez about her ID documents; she will call her familia in Saint Paul.'
keys Enter
type_text 'Nguyễn from the library helps with the GED application.'
wait_sql "$db" "select count(*) from note where body like '%GED application.'" 1
pkill -KILL -f "caseload --db $db" || fail "could not kill caseload"
wait_for 'EXIT=137'
nid=$(sql "$db" "select id from note where body like '%GED application.'")
assert_eq "$(sql "$db" "select state from note where id = $nid")" draft "the draft survived"

send_line clear
tui_open "$db" tester
to_caseload
open_zoe_timeline
wait_for '\[draft\]'
keys Enter
wait_for 'draft saves as you type'
assert_screen 'familia in Saint Paul'
keys F5
wait_for 'Note finalized'
assert_eq "$(sql "$db" "select state from note where id = $nid")" final "finalized"
# immutable: the database refuses a change even from the sqlite3 shell
! sql "$db" "update note set body = 'rewritten' where id = $nid" 2>/dev/null || fail "a final note was changed"

# amend it
keys Enter
wait_for 'a amend'
keys a
wait_for 'Amending note'
keys C-e
type_text ' Correction: the GED test is on Friday.'
keys F5
wait_for 'Note finalized'
wait_for '\[amended\]'
assert_eq "$(sql "$db" "select count(*) from note where amends_id = $nid and state = 'final'")" 1 "amendment stored"

# search finds it, highlighted, and opens it
keys q
wait_for 'My caseload'
keys N
wait_for 'Search:'
type_text '"id documents" familia'
keys Enter
wait_for 'Ñúñez, Zoë'
keys Enter
wait_for 'familia in Saint Paul'
keys q
wait_for 'Search:'
keys q
wait_for 'My caseload'
keys Q
wait_for 'EXIT=0'
assert_eq "$(sql "$db" "select count(*) from audit_log where event = 'note.search'")" 1 "search audited"
# the note as written, for a records request
printf '%s\n' "$(demo_password "$db")" | "$CASELOAD_BIN" --db "$db" notes export --person "$oid" --as tester > "$E2E_TMP/export.txt" \
  || fail "export failed"
grep -q 'familia in Saint Paul' "$E2E_TMP/export.txt" || fail "export lacks the note"
grep -q "AMENDED by note" "$E2E_TMP/export.txt" || fail "export does not show the amendment"
echo ok
