#!/usr/bin/env bash
# The screens shown in README.md are captured here from the real program, so they stay
# true: this test fails when a README capture differs from what the program draws now.
# CASELOAD_UPDATE_README=1 rewrites them instead.
source "$(dirname "$0")/lib.sh"
readme=${CASELOAD_SOURCE_DIR:?}/README.md
db=$E2E_TMP/demo.db
export NO_COLOR=1
make_demo "$db" 2000 tester
# the record shown is on tester's caseload, so the edit screen can be shown too
sql "$db" "update person set caseworker_id = (select id from staff where username = 'tester') where id = (select id from person where last_name = 'Nguyễn' order by id limit 1)"

captures=$E2E_TMP/captures
mkdir -p "$captures"
tui_start_shell 100 24
tui_open "$db" tester
wait_for 'caseload · Home'
wait_for 'By time to release'
screen > "$captures/home"
keys c
wait_for 'My caseload'
screen > "$captures/list"
keys f /
type_text 'nguyen'
wait_for 'Nguyễn'
keys Enter
wait_gone 'Filter:'
screen > "$captures/filter"
oid=$(sql "$db" "select oid from person where last_name = 'Nguyễn' order by id limit 1")
keys o
type_text "$oid"
keys Enter
wait_for "OID $oid"
screen > "$captures/record"
keys 2
wait_for 'w write note'
screen > "$captures/timeline"
# an interview, part answered: skip logic has shown the interpreter questions
keys 7
wait_for 'f start a form'
keys f
wait_for 'Start a form'
keys i i Enter
wait_for 'Section 1 of 8'
keys Down Down
type_text 'Anh'
keys Down
type_text '1988-02-30'
keys Down y
wait_for 'How was the interview interpreted'
keys Down
type_text 'Vietnamese'
keys Down 2
wait_for 'Telephone or video interpreter'
screen > "$captures/form"
keys Escape
wait_for 'f start a form'
keys 1
keys d
wait_for 'Esc save & close'
keys Tab Tab C-u
type_text '99999'
keys Enter
wait_for 'Jail credit must be'
screen > "$captures/edit"
keys Escape Escape q
wait_for 'Whole facility'
keys N
wait_for 'Search:'
type_text 'thinking for a change'
keys Enter
wait_for 'results'
screen > "$captures/search"
keys q q
wait_for 'caseload · Home'
keys q
wait_for 'EXIT=0'

# trailing blanks are not part of a screen
for f in "$captures"/*; do sed -i 's/[[:space:]]*$//' "$f"; done

python3 - "$readme" "$captures" "${CASELOAD_UPDATE_README:-0}" <<'PY'
import pathlib, re, sys
readme, captures, update = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3] == "1"
text = readme.read_text()
stale = []
def replace(match):
    name = match.group(1)
    fresh = (captures / name).read_text().rstrip("\n")
    if match.group(2).rstrip("\n") != fresh:
        stale.append(name)
    return f"<!-- capture:{name} -->\n```text\n{fresh}\n```"
new = re.sub(r"<!-- capture:(\w+) -->\n```text\n(.*?)```", replace, text, flags=re.S)
names = re.findall(r"<!-- capture:(\w+) -->", text)
missing = [p.name for p in captures.iterdir() if p.name not in names]
if update:
    readme.write_text(new)
    print("README captures rewritten:", ", ".join(names))
elif stale or missing:
    print("README captures out of date:", ", ".join(stale + missing),
          "- run: CASELOAD_UPDATE_README=1 ctest -R readme", file=sys.stderr)
    sys.exit(1)
PY
echo ok
