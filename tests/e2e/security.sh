#!/usr/bin/env bash
# Sign-in and the session, end to end: the banner comes first, the password never shows,
# wrong passwords lock the account, the idle lock hides the record, only the same user
# unlocks, an intern cannot change a record, an administrator unlocks an account, an
# auditor reads and verifies the trail.
source "$(dirname "$0")/lib.sh"
db=$E2E_TMP/demo.db
make_demo "$db" 200 tester
pw=$(demo_password "$db")
admin=$(sql "$db" "select username from staff where role = 'admin'")
auditor=$(sql "$db" "select username from staff where role = 'auditor'")
# no demonstration hint here: what is typed is the only place the password could show
sql "$db" "delete from setting where key = 'demo.sign_in'"
enrol_totp "$db" "$admin"
at() { CASELOAD_NOW=$1 totp $E2E_TOTP_SECRET; }

tui_start_shell 100 30

# the banner first; nothing of the sign-in until it is acknowledged
tui_run "$CASELOAD_BIN --db $db"
wait_for 'NOTICE: RESTRICTED GOVERNMENT SYSTEM'
assert_screen 'monitored, recorded and audited'
assert_not_screen 'User name'
keys Enter
wait_for 'User name'
type_text tester
keys Enter
type_text "$pw"
wait_for '•••'
assert_not_screen "$pw"
keys Enter
to_caseload
wait_for 'My caseload: tester'
assert_eq "$(sql "$db" "select count(*) from audit_log where event = 'session.banner_ack'")" 1 "banner acknowledged"

# the idle lock hides what was open; a wrong password does not unlock; the right one does
name=$(screen | sed -n 3p | cut -c1-26 | sed 's/ *$//')
[ -n "$name" ] || fail "no name on the list"
keys Enter
wait_for 'Date of birth'
keys L
wait_for 'This terminal is locked'
assert_not_screen "$name"
assert_not_screen 'Date of birth'
assert_not_screen 'Supervised release'
type_text 'not my password at all'
keys Enter
wait_for 'Wrong password'
type_text "$pw"
keys Enter
wait_for 'Date of birth'
assert_eq "$(sql "$db" "select count(*) from audit_log where event = 'session.unlock' and outcome = 'ok'")" 1 "unlock audited"
keys q
wait_for 'My caseload'
keys Q
wait_for 'EXIT=0'

# idle: the screen locks by itself
send_line clear
tui_run "CASELOAD_IDLE_LOCK_SECONDS=2 $CASELOAD_BIN --db $db"
sign_in tester "$pw"
to_caseload
wait_for 'locked after a period without use'
assert_not_screen "$name"
# someone else cannot unlock it, only end the session
keys F10
wait_for 'EXIT=0'
assert_eq "$(sql "$db" "select count(*) from audit_log where event = 'session.sign_out' and object = 'how=ended_at_lock'")" 1 "ended at the lock"

# five wrong passwords lock the account; then even the right one is refused alike
send_line clear
tui_run "$CASELOAD_BIN --db $db"
wait_for 'acknowledge'
keys Enter
wait_for 'User name'
type_text tester
keys Enter
for i in 1 2 3 4 5; do
  type_text "wrong password number $i"
  keys Enter
  wait_sql "$db" "select count(*) from sign_in_failure" "$i"
done
assert_eq "$(sql "$db" "select locked_at is not null from staff where username = 'tester'")" 1 "account locked"
type_text "$pw"
keys Enter
wait_for 'Sign-in refused'
assert_not_screen 'My caseload'
keys Escape
wait_for 'User name'
# an unknown user gets the very same words
type_text 'no.such.person'
keys Enter
type_text "$pw"
keys Enter
wait_for 'Sign-in refused: wrong user name or password'
tmux -L "$E2E_SOCK" send-keys -t e2e C-c
wait_for 'EXIT=130'

# the administrator signs in with the second factor and unlocks the account
send_line clear
tui_run "CASELOAD_NOW=2026-11-23T15:01:00Z $CASELOAD_BIN --db $db"
sign_in "$admin" "$pw"
wait_for '6-digit code'
type_text "$(at 2026-11-23T15:01:00Z)"
keys Enter
wait_for 'Accounts'
wait_for 'tester +caseworker +LOCKED'
keys G   # tester sorts last
keys u
wait_for 'Your password'
type_text "$pw"
keys Enter
wait_for 'tester: unlock done'
assert_eq "$(sql "$db" "select locked_at is null from staff where username = 'tester'")" 1 "unlocked"
keys Q
wait_for 'EXIT=0'

# an intern added from the command line must change the temporary password, then cannot
# change a record
printf '%s\n%s\n' "$pw" "$(at 2026-11-23T15:02:00Z)" | CASELOAD_NOW=2026-11-23T15:02:00Z \
  "$CASELOAD_BIN" --db "$db" user add ina --name 'Ina Intern' --role intern --supervisor tester --as "$admin" >"$E2E_TMP/add.txt" \
  || fail "user add: $(cat "$E2E_TMP/add.txt")"
temp=$(sed -n 's/^Temporary password (shown once): //p' "$E2E_TMP/add.txt")
[ -n "$temp" ] || fail "no temporary password printed"
send_line clear
tui_run "$CASELOAD_BIN --db $db"
sign_in ina "$temp"
wait_for 'Choose a new password'
type_text 'short'
keys Enter
type_text 'short'
keys Enter
wait_for 'Too short'
type_text 'my quiet garden by the river'
keys Enter
type_text 'my quiet garden by the river'
keys Enter
to_caseload
wait_for 'Whole facility'
keys Enter
wait_for 'read only'
keys e
wait_for 'Not permitted: a intern may not change a record|Not permitted'
keys Q
wait_for 'EXIT=0'

# the auditor reads the trail and verifies it; the trail is intact
send_line clear
tui_run "$CASELOAD_BIN --db $db"
sign_in "$auditor" "$pw"
wait_for 'Audit trail'
assert_screen 'session.sign_in'
keys v
wait_for 'Audit trail intact'
keys Q
wait_for 'EXIT=0'
assert_eq "$(sql "$db" "select count(*) from audit_log where event = 'audit.read'")" 1 "reading the trail is audited"

# someone with the file tampers with one row using the sqlite3 shell: verify names it
verify() { printf '%s\n' "$pw" | "$CASELOAD_BIN" --db "$db" audit verify --as "$auditor"; }
verify | grep -q 'intact' || fail "trail not intact before tampering"
victim=$(sql "$db" "select min(id) from audit_log where event = 'person.view'")
sqlite3 "$db" "drop trigger audit_log_no_update;
  update audit_log set object = 'nothing to see' where id = $victim;
  create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end;"
set +e
verify > "$E2E_TMP/verify.txt" 2>&1
status=$?
set -e
[ $status -eq 1 ] || fail "verify exited $status after tampering"
grep -q "BROKEN at row $victim" "$E2E_TMP/verify.txt" || fail "verify did not name row $victim: $(cat "$E2E_TMP/verify.txt")"
echo ok
