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

lead=$(sql "$db" "select username from staff where role = 'lead' order by id limit 1")
sql "$db" "update staff set lead_id = (select id from staff where username = '$lead') where username = 'tester'"
enrol_totp "$db" "$lead"

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
# a case plan signed by tester goes to the lead, who reviews it on the plan's own screen
keys c
wait_for 'My caseload'
keys o
type_text "$oid"
keys Enter
wait_for "OID $oid"
keys C
wait_for 'no plan yet'
keys g
wait_for 'New goal'
type_text 'antisocial_cog'
keys Tab Tab
type_text 'Name three thinking errors and a replacement thought for each by 2027-02-01'
keys Tab
type_text 'Thinking reports reviewed weekly'
keys Enter
wait_for '1\. Antisocial cognition'
keys a
wait_for 'New step'
type_text 'Complete Thinking for a Change, sessions 1-25'
keys Tab Tab
type_text '2027-03-15'
keys Enter
wait_for 'sessions 1-25'
keys g
wait_for 'New goal'
type_text 'substance'
keys Tab Tab
type_text 'Attend the outpatient group twice a week'
keys Enter
wait_for '2\. Substance abuse'
keys S
wait_for 'Sign this version'
type_text 'yes'
keys Enter
wait_for 'submitted for review'
keys q q q q
wait_for 'EXIT=0'
send_line clear
tui_run "$CASELOAD_BIN --db $db"
sign_in "$lead" "$(demo_password "$db")"
wait_for '6-digit code'
type_text "$(totp $E2E_TOTP_SECRET)"
keys Enter
wait_for 'caseload · Home'
keys R
wait_for 'Case plan v1'
keys Enter
wait_for 'QA review \(required\), round 1'
keys m
wait_for 'Comment on Antisocial cognition'
type_text 'Good target; add how the thinking reports will be checked.'
keys Enter
wait_for 'Good target; add how'
keys j j j
screen > "$captures/review"
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
