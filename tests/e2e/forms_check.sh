#!/usr/bin/env bash
# caseload forms check: every problem on stderr as file:line:column: message, exit 0 when
# all files pass, 1 when one fails, 2 for a usage error; the summary line on stdout only on
# a terminal or with -v.
source "$(dirname "$0")/lib.sh"
cd "$E2E_TMP"
fixtures="$CASELOAD_SOURCE_DIR/tests/unit/form_fixtures"
cp "$fixtures/good_all_types.yaml" good.yaml
cp "$fixtures/bad_unknown_key.yaml" bad.yaml
cp "$fixtures/form_v1.yaml" v1.yaml
cp "$fixtures/form_v2.yaml" v2.yaml

check() { # expected-status command...: runs it, output in out.txt and err.txt
  local want=$1; shift
  set +e
  "$@" >out.txt 2>err.txt
  local got=$?
  set -e
  [ "$got" -eq "$want" ] || fail "$* exited $got, expected $want ($(cat err.txt))"
}

check 0 "$CASELOAD_BIN" forms check good.yaml
[ ! -s err.txt ] || fail "a good form printed '$(cat err.txt)'"
[ ! -s out.txt ] || fail "no summary expected when stdout is not a terminal"

check 1 "$CASELOAD_BIN" forms check good.yaml bad.yaml
assert_eq "$(head -n 1 err.txt)" \
  'bad.yaml:12:9: unknown key "requird" in field "cog_rating" (did you mean "required"?)' "first line"
[ "$(wc -l < err.txt)" -eq 1 ] || fail "one problem expected, got: $(cat err.txt)"

check 1 "$CASELOAD_BIN" forms check -v bad.yaml good.yaml
assert_eq "$(cat out.txt)" "2 forms checked, 1 error" "summary with -v"

# versions of one form id are checked against each other, whatever the argument order
check 1 "$CASELOAD_BIN" forms check v2.yaml v1.yaml
assert_eq "$(head -n 1 err.txt)" \
  'v2.yaml:8:15: choice "1" of list "level" scored 1 in version 1 but scores 2 in version 2; a value never changes meaning, use a new value' "versions"
check 1 "$CASELOAD_BIN" forms check v1.yaml v1.yaml
assert_eq "$(head -n 1 err.txt)" 'v1.yaml:1:1: form "needs" version 1 is also defined in v1.yaml' "same version twice"

check 1 "$CASELOAD_BIN" forms check missing.yaml
assert_eq "$(head -n 1 err.txt)" "missing.yaml: cannot read: No such file or directory" "missing file"

# without files: every form the program reads, the installed ones and the facility's
mkdir facility
cp bad.yaml facility/
printf 'forms_dir: "%s"\n' "$E2E_TMP/facility" > caseload.yaml
check 1 "$CASELOAD_BIN" --config caseload.yaml forms check
assert_eq "$(head -n 1 err.txt)" \
  "$E2E_TMP/facility/bad.yaml:12:9: unknown key \"requird\" in field \"cog_rating\" (did you mean \"required\"?)" "search path"
rm facility/bad.yaml
cp good.yaml facility/
check 0 "$CASELOAD_BIN" --config caseload.yaml forms check -v
grep -Eq '^[0-9]+ forms checked, 0 errors$' out.txt || fail "summary: $(cat out.txt)"
check 0 "$CASELOAD_BIN" --config caseload.yaml forms list
grep -Eq '^intake_interview +1  active   yes +Intake interview' out.txt || fail "list: $(cat out.txt)"
grep -q "$E2E_TMP/facility/good.yaml" out.txt || fail "the facility's form is not listed: $(cat out.txt)"
check 2 "$CASELOAD_BIN" forms check --bogus good.yaml
grep -q 'usage\|unknown option' err.txt || fail "usage: $(cat err.txt)"
check 2 "$CASELOAD_BIN" forms frobnicate

# on a terminal the summary is printed without -v
tui_start_shell 100 10
tui_run "$CASELOAD_BIN forms check $E2E_TMP/good.yaml"
wait_for 'EXIT=0'
assert_screen '^1 form checked, 0 errors$'
