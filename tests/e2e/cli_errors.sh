#!/usr/bin/env bash
# The command line and its error paths: each bad database gets one clear line on stderr, a
# non-zero exit, and is left exactly as it was.
source "$(dirname "$0")/lib.sh"
cd "$E2E_TMP"

expect_fail() { # expected-status expected-stderr-regex command...
  local want=$1 pattern=$2; shift 2
  set +e
  "$@" >out.txt 2>err.txt
  local got=$?
  set -e
  [ "$got" -eq "$want" ] || fail "$* exited $got, expected $want ($(cat err.txt))"
  grep -Eq -- "$pattern" err.txt || fail "$*: stderr '$(cat err.txt)' lacks /$pattern/"
  [ "$(wc -l < err.txt)" -le 2 ] || fail "$*: more than two lines on stderr"
}

"$CASELOAD_BIN" --version | grep -Eq '^caseload [0-9]+\.[0-9]+\.[0-9]+ \(schema [0-9]+\)$' || fail "--version"
"$CASELOAD_BIN" --help | grep -q 'Usage: caseload' || fail "--help"
expect_fail 2 "unknown command 'frobnicate'" "$CASELOAD_BIN" --db x.db frobnicate
expect_fail 2 "unknown or incomplete option '--bogus'" "$CASELOAD_BIN" --bogus
expect_fail 2 "--people needs a number" "$CASELOAD_BIN" --db x.db demo --people lots
expect_fail 2 "demo needs --people" "$CASELOAD_BIN" --db x.db demo

# a missing database is not created by opening or checking it
expect_fail 1 "no such database; create it with 'caseload init'" "$CASELOAD_BIN" --db missing.db check --as boss
[ ! -e missing.db ] || fail "check created a database"
expect_fail 1 "no such database" env CASELOAD_DB=missing.db "$CASELOAD_BIN"
[ ! -e missing.db ] || fail "the TUI created a database"

# init, the first administrator (never a default password), then check: clean
admin_pw='quiet river under the old stone bridge'
"$CASELOAD_BIN" --db fresh.db init | grep -q 'caseload database, schema' || fail "init"
[ "$(stat -c %a fresh.db)" = 660 ] || fail "database mode is $(stat -c %a fresh.db), not 660"
expect_fail 2 "usage: caseload check --as ADMIN" "$CASELOAD_BIN" --db fresh.db check
# a wrong QA sample is refused before anyone is asked for a password
for args in "--kind bogus" "--form intake --kind case_plan" "--form intake --percent 1x"; do
  set +e
  # shellcheck disable=SC2086
  "$CASELOAD_BIN" --db fresh.db review sample $args --period 2026-11 --as boss </dev/null >out.txt 2>err.txt
  got=$?
  set -e
  [ "$got" -eq 2 ] || fail "review sample $args exited $got ($(cat err.txt))"
  grep -q 'usage: caseload review sample --form ID|--kind case_plan|release_plan' err.txt ||
    fail "review sample $args: $(cat err.txt)"
  ! grep -qi 'password' err.txt || fail "review sample $args asked for a password"
done
expect_fail 1 "differ" sh -c "printf '%s\n%s\n' '$admin_pw' 'something else entirely here' | '$CASELOAD_BIN' --db fresh.db user add-admin boss --name 'Pat Chief'"
expect_fail 1 "Too short" sh -c "printf 'short\nshort\n' | '$CASELOAD_BIN' --db fresh.db user add-admin boss --name 'Pat Chief'"
printf '%s\n%s\n' "$admin_pw" "$admin_pw" | "$CASELOAD_BIN" --db fresh.db user add-admin boss --name 'Pat Chief' \
  | grep -q 'Administrator boss created' || fail "first administrator"
expect_fail 1 "An administrator exists" sh -c "printf '%s\n%s\n' '$admin_pw' '$admin_pw' | '$CASELOAD_BIN' --db fresh.db user add-admin boss2 --name 'Other'"
sql fresh.db "select password_hash from staff where username = 'boss'" | grep -q '^\$argon2id\$' || fail "password stored as Argon2id"
enrol_totp fresh.db boss
check_as_boss() { printf '%s\n%s\n' "$admin_pw" "$(totp $E2E_TOTP_SECRET)" | "$CASELOAD_BIN" --db "$1" check --as boss; }
check_as_boss fresh.db | grep -q 'ok (0 people)' || fail "check of a fresh database"
# the same code again is refused: a code is accepted once
expect_fail 1 "wrong, expired or already used" check_as_boss fresh.db
expect_fail 1 "Sign-in refused" sh -c "printf 'wrong password entirely\n' | '$CASELOAD_BIN' --db fresh.db check --as boss"
expect_fail 1 "Sign-in refused" sh -c "printf 'wrong password entirely\n' | '$CASELOAD_BIN' --db fresh.db check --as nobody"

# a file that is not a database
head -c 8192 /dev/urandom > garbage.db
cp garbage.db garbage.orig
expect_fail 1 "not a caseload database" "$CASELOAD_BIN" --db garbage.db check --as boss
cmp -s garbage.db garbage.orig || fail "garbage file was modified"

# a database of another program
sqlite3 other.db "create table t(x); insert into t values (1);"
cp other.db other.orig
expect_fail 1 "another program" "$CASELOAD_BIN" --db other.db
cmp -s other.db other.orig || fail "other program's database was modified"

# a database made by a newer caseload
"$CASELOAD_BIN" --db newer.db init >/dev/null
sqlite3 newer.db "pragma user_version = 999"
cp newer.db newer.orig
expect_fail 1 "made by a newer caseload \(schema 999" "$CASELOAD_BIN" --db newer.db
cmp -s newer.db newer.orig || fail "newer database was modified"
[ ! -e newer.db-wal ] || [ ! -s newer.db-wal ] || fail "newer database got a WAL"

# a damaged database: good header, pages overwritten
make_demo damaged.db 300 nobody
admin=$(sql damaged.db "select username from staff where role = 'admin'")
damaged_pw=$(demo_password damaged.db)
enrol_totp damaged.db "$admin"
sqlite3 damaged.db "pragma journal_mode=delete" >/dev/null
size=$(stat -c %s damaged.db)
dd if=/dev/urandom of=damaged.db bs=4096 seek=3 count=$(( size / 4096 - 4 )) conv=notrunc status=none
set +e
printf '%s\n%s\n' "$damaged_pw" "$(totp $E2E_TOTP_SECRET)" \
  | "$CASELOAD_BIN" --db damaged.db check --as "$admin" >out.txt 2>err.txt
status=$?
set -e
[ $status -eq 1 ] || fail "check of a damaged database exited $status"
grep -Eqi 'damaged|corrupt|malformed|problem' out.txt err.txt || fail "damage not reported: $(cat out.txt err.txt | head -5)"

# a file that cannot be written (root ignores permissions, so only as a normal user)
if [ "$(id -u)" -ne 0 ]; then
  "$CASELOAD_BIN" --db ro.db init >/dev/null
  chmod 0440 ro.db
  expect_fail 1 "cannot be opened for writing" "$CASELOAD_BIN" --db ro.db check --as boss
fi

# a demo twice into the same database is refused
make_demo twice.db 50 nobody
expect_fail 1 "already holds 50 people" "$CASELOAD_BIN" --db twice.db demo --people 10

# demo progress stays off a pipe; check of a demo is clean
"$CASELOAD_BIN" --db quiet.db demo --people 200 2>err.txt | cat >/dev/null
[ ! -s err.txt ] || fail "demo wrote to a non-terminal stderr: $(cat err.txt)"
admin=$(sql quiet.db "select username from staff where role = 'admin'")
enrol_totp quiet.db "$admin"
printf '%s\n%s\n' "$(demo_password quiet.db)" "$(totp $E2E_TOTP_SECRET)" | "$CASELOAD_BIN" --db quiet.db check --as "$admin" \
  | grep -q 'ok (200 people)' || fail "check of a demo"

# without a terminal the TUI says so instead of drawing
expect_fail 1 "needs a terminal" "$CASELOAD_BIN" --db quiet.db </dev/null
echo ok
