#!/usr/bin/env bash
# Stored text with control characters and escape sequences is shown escaped, never sent to
# the terminal; names in other scripts keep the columns aligned.
source "$(dirname "$0")/lib.sh"
db=$E2E_TMP/demo.db
make_demo "$db" 120 tester
id=$(sql "$db" "select id from person where last_name = '李' and first_name = '小龍'")
[ -n "$id" ] || fail "demo lacks 李小龍"
# an alias holding a clear-screen and a color sequence, and a bidi override
sql "$db" "insert into person_alias(person_id, alias) values ($id, 'EVIL' || char(27) || '[2J' || char(27) || '[31mRED'), ($id, 'abc' || char(8238) || 'def')"

tui_start_shell 100 30
tui_open "$db" tester
to_caseload
keys f
wait_for 'Whole facility'
keys /
type_text '李 小龍'
wait_for '李, 小龍'
keys Enter Enter
wait_for 'Overview'
wait_for 'EVIL\^\[\[2J\^\[\[31mRED'
assert_screen 'abc<U\+202E>def'
# the screen was not cleared by the sequence: the record is still there
assert_screen 'Date of birth'
# alignment: the OID column starts at the same place on every row, whatever the script
keys q
wait_for 'Whole facility'
keys Escape
wait_for '120 people'
keys /
type_text 'n'
keys Enter
wait_for 'filtered'
cols=$(screen | sed -n '3,20p' | grep -E '[0-9]{6,7}' | while IFS= read -r line; do
  prefix=${line%%[0-9][0-9][0-9][0-9][0-9][0-9]*}
  printf '%s' "$prefix" | wc -L
done | sort -u | wc -l)
[ "$cols" -eq 1 ] || fail "OID column not aligned ($cols different start columns)"
keys Escape
wait_gone 'filtered'
keys q
wait_for 'caseload · Home'
keys q
wait_for 'EXIT=0'
echo ok
