#!/usr/bin/env bash
# The community resources directory: imported from CSV on the command line (bad rows named
# with file:line, the rest saved), then in the terminal: D on the caseload list opens the
# directory, / finds as you type (accents ignored), k shows one kind, a adds, e edits; r on
# a person's record opens their referrals, a refers from the directory, s moves the
# referral on and Enter shows its history.
source "$(dirname "$0")/lib.sh"
db=$E2E_TMP/demo.db
make_demo "$db" 30 tester
pw=$(demo_password "$db")
csv=$CASELOAD_SOURCE_DIR/data/resources.example.csv

# the example directory: 20 agencies, all added; again: all updated, none doubled
out=$(printf '%s\n' "$pw" | "$CASELOAD_BIN" --db "$db" resources import "$csv" --as tester 2>&1)
assert_eq "$out" "20 added, 0 updated, 0 refused" "first import"
out=$(printf '%s\n' "$pw" | "$CASELOAD_BIN" --db "$db" resources import "$csv" --as tester 2>/dev/null)
assert_eq "$out" "0 added, 20 updated, 0 refused" "second import"
assert_eq "$(sql "$db" "select count(*) from resource")" 20 "no duplicates"
# a file with bad rows: each on stderr as file:line, the summary on stdout, exit 1
bad=$E2E_TMP/bad.csv
printf 'name,kind,phone\nGood Place,housing,612-555-0190\n,housing,612-555-0191\nOdd,shelter,612-555-0192\n' >"$bad"
set +e
printf '%s\n' "$pw" | "$CASELOAD_BIN" --db "$db" resources import "$bad" --as tester \
  >"$E2E_TMP/out" 2>"$E2E_TMP/err"
rc=$?
set -e
assert_eq "$rc" 1 "exit status with refused rows"
assert_eq "$(cat "$E2E_TMP/out")" "1 added, 0 updated, 2 refused" "summary"
grep -q "^$bad:3: the name is empty$" "$E2E_TMP/err" || fail "no message for line 3: $(cat "$E2E_TMP/err")"
grep -q "^$bad:4: kind \"shelter\" is not one of housing, " "$E2E_TMP/err" || fail "no message for line 4"
# the list command, by kind and by text
"$CASELOAD_BIN" --db "$db" resources list --kind legal | grep -q "Legal Aid Reentry Project" \
  || fail "resources list --kind legal"
"$CASELOAD_BIN" --db "$db" resources list asociacion | grep -q "Asociación Latina de Empleo" \
  || fail "resources list finds without accents"

tui_start_shell 100 30
tui_open "$db" tester
to_caseload
keys D
wait_for 'caseload · Resources directory'
wait_for '21 shown'
# find as you type, accents ignored
keys /
type_text 'asociacion'
wait_for '1 shown'
wait_for 'Asociación Latina de Empleo'
keys Enter Enter
wait_for 'Spanish-speaking job seekers'
keys Escape
wait_for 'Resources directory'
keys Escape
wait_for '21 shown'
# one kind at a time: k goes housing first
keys k
wait_for 'Housing '
wait_for '4 shown'
keys Escape
wait_for '21 shown'
# add one; then edit it
keys a
wait_for 'Add a resource'
type_text 'Dakota Bridge Housing'
keys Tab
type_text 'housing'
keys Tab
type_text '952-555-0177'
keys Enter
wait_for 'Saved: Dakota Bridge Housing'
wait_for '22 shown'
keys /
type_text 'dakota bridge'
wait_for '1 shown'
keys Enter e
wait_for 'Edit the resource'
keys Tab Tab Tab Tab Tab Tab Tab
type_text '2 beds open'
keys Enter
wait_for 'Saved: Dakota Bridge Housing'
wait_sql "$db" "select capacity from resource where name = 'Dakota Bridge Housing'" '2 beds open'
keys Escape
wait_for '22 shown'
keys Escape
wait_for 'My caseload|Whole facility'

# a person's referrals: refer from the directory, accept, see the history
oid=$(sql "$db" "select oid from person where caseworker_id = (select id from staff where username = 'tester') order by length(last_name || first_name), id limit 1")
keys o
type_text "$oid"
keys Enter
wait_for "OID $oid"
keys r
wait_for 'caseload · Referrals'
wait_for 'No referrals yet'
keys a
wait_for 'caseload · Refer '
keys /
type_text 'northstar'
wait_for 'Northstar Sober Living'
keys Enter r
wait_for 'Refer to Northstar Sober Living'
type_text 'Needs a bed on release day'
keys Enter
wait_for 'Referred to Northstar Sober Living: sent'
keys Escape
wait_for '22 shown'
keys Escape
wait_for 'caseload · Referrals'
wait_for 'sent +Northstar Sober Living +Housing +record'
keys s
wait_for 'accepted, declined or withdrawn'
type_text 'acc'
keys Tab
type_text 'Bed held from 12/3'
keys Enter
wait_for 'Referral to Northstar Sober Living: accepted'
wait_for 'accepted +Northstar Sober Living'
# a refused move says why: completed needs accepted first (s offers only allowed states)
keys s
wait_for 'completed, declined or withdrawn'
keys Escape
keys Enter
wait_for 'History'
wait_for 'sent +by .*: Needs a bed on release day'
wait_for 'accepted +by .*: Bed held from 12/3'
keys Escape
wait_for 'caseload · Referrals'
keys Escape
wait_for "OID $oid"
assert_eq "$(sql "$db" "select count(*) from referral_event")" 2 "two events"
assert_eq "$(sql "$db" "select count(*) from audit_log where event in ('referral.create', 'referral.move') and outcome = 'ok'")" 2 "audited"
keys q
wait_for 'My caseload'
keys q
wait_for 'caseload · Home'
keys q
wait_for 'EXIT=0'
echo ok
