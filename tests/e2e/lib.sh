# Shared helpers for the end-to-end tests: the real binary in a real terminal (tmux),
# keys sent with send-keys, the screen read back with capture-pane. Each test gets its own
# tmux server (-L) and temporary directory, both removed on exit. Tests wait for what they
# expect (polling) instead of sleeping a fixed time.
set -euo pipefail

: "${CASELOAD_BIN:?set CASELOAD_BIN to the caseload binary}"
export LC_ALL=C.UTF-8 TZ=UTC TERM=xterm-256color
export CASELOAD_NOW=2026-11-23T15:00:00Z
export LSAN_OPTIONS="suppressions=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lsan.supp:print_suppressions=0"
unset NO_COLOR CASELOAD_DB

E2E_TMP=$(mktemp -d)
E2E_SOCK="caseload-e2e-$$-$RANDOM"
E2E_TIMEOUT=${E2E_TIMEOUT:-20}
E2E_FAILED=0

e2e_cleanup() {
  tmux -L "$E2E_SOCK" kill-server 2>/dev/null || true
  # the program may still be closing its database after the hangup
  for _ in $(seq 50); do pgrep -f "$E2E_TMP" >/dev/null || break; sleep 0.1; done
  rm -rf "$E2E_TMP"
}
trap e2e_cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  echo "---- screen ----" >&2
  tmux -L "$E2E_SOCK" capture-pane -p -t e2e >&2 || true
  echo "----------------" >&2
  exit 1
}

# Starts a shell in tmux (cols x rows) in which tests run commands.
tui_start_shell() {
  local cols=$1 rows=$2
  tmux -L "$E2E_SOCK" -f /dev/null new-session -d -s e2e -x "$cols" -y "$rows" \
    "env -i PATH=$PATH HOME=$E2E_TMP LC_ALL=$LC_ALL TZ=$TZ TERM=$TERM CASELOAD_NOW=$CASELOAD_NOW LSAN_OPTIONS=$LSAN_OPTIONS ASAN_OPTIONS=${ASAN_OPTIONS:-} PS1='e2e\$ ' bash --norc --noprofile"
  tmux -L "$E2E_SOCK" set-option -t e2e -g status off >/dev/null
  wait_for 'e2e\$'
}

# Runs caseload with the given environment/arguments inside the tmux shell.
tui_run() {
  send_line "$*; echo EXIT=\$?"
}

send_line() { tmux -L "$E2E_SOCK" send-keys -t e2e -l "$1"; tmux -L "$E2E_SOCK" send-keys -t e2e Enter; }
keys() { tmux -L "$E2E_SOCK" send-keys -t e2e "$@"; }
type_text() { tmux -L "$E2E_SOCK" send-keys -t e2e -l "$1"; }
screen() { tmux -L "$E2E_SOCK" capture-pane -p -t e2e; }
resize() { tmux -L "$E2E_SOCK" resize-window -t e2e -x "$1" -y "$2"; }

# Waits until the screen matches the extended regex $1.
wait_for() {
  local deadline=$((SECONDS + E2E_TIMEOUT))
  while ! screen | grep -Eq -- "$1"; do
    [ $SECONDS -lt $deadline ] || fail "timed out waiting for /$1/"
    sleep 0.05
  done
}

# Waits until the screen no longer matches $1.
wait_gone() {
  local deadline=$((SECONDS + E2E_TIMEOUT))
  while screen | grep -Eq -- "$1"; do
    [ $SECONDS -lt $deadline ] || fail "timed out waiting for /$1/ to go"
    sleep 0.05
  done
}

assert_screen() { screen | grep -Eq -- "$1" || fail "screen lacks /$1/"; }
assert_not_screen() { ! screen | grep -Eq -- "$1" || fail "screen shows /$1/"; }

sql() { sqlite3 -batch -noheader -cmd ".timeout 5000" "$1" "$2"; }
# Waits until the query's answer is the expected one (the program may still be working).
wait_sql() {
  local deadline=$((SECONDS + E2E_TIMEOUT))
  while [ "$(sql "$1" "$2" 2>/dev/null)" != "$3" ]; do
    [ $SECONDS -lt $deadline ] || fail "timed out waiting for '$2' to be '$3' (is '$(sql "$1" "$2")')"
    sleep 0.05
  done
}
assert_eq() { [ "$1" = "$2" ] || fail "expected '$2', got '$1' ($3)"; }

# The TOTP code (RFC 6238, SHA-1, 6 digits) of a base32 secret at CASELOAD_NOW.
totp() {
  python3 - "$1" "$CASELOAD_NOW" <<'PY'
import base64, calendar, hashlib, hmac, struct, sys, time
secret, now = sys.argv[1], sys.argv[2]
t = calendar.timegm(time.strptime(now, "%Y-%m-%dT%H:%M:%SZ"))
key = base64.b32decode(secret + "=" * (-len(secret) % 8))
mac = hmac.new(key, struct.pack(">Q", t // 30), hashlib.sha1).digest()
o = mac[-1] & 15
print("%06d" % ((struct.unpack(">I", mac[o:o + 4])[0] & 0x7FFFFFFF) % 1000000))
PY
}

# Gives an account a known second factor, as if it had enrolled (tests hold the file).
E2E_TOTP_SECRET=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP
enrol_totp() {
  sql "$1" "update staff set totp_secret = '$E2E_TOTP_SECRET', totp_last_step = 0 where username = '$2'"
}

# A demo database of n people (seed fixed), with `user` as one of its caseworkers.
make_demo() {
  local db=$1 people=$2 user=${3:-tester}
  "$CASELOAD_BIN" --db "$db" demo --people "$people" --seed 7 --user "$user" >/dev/null 2>&1 \
    || fail "demo generation failed"
}

# The password every account of a demo database has.
demo_password() {
  sql "$1" "select value from setting where key = 'demo.sign_in'" | sed 's/^.* \/ //'
}

# Acknowledges the banner and signs in (password typed, never shown).
sign_in() {
  local user=$1 password=$2
  wait_for 'Press Enter to acknowledge'
  keys Enter
  wait_for 'User name'
  type_text "$user"
  keys Enter
  type_text "$password"
  keys Enter
}

# Starts caseload on db in the tmux shell and signs in as user.
tui_open() {
  local db=$1 user=$2
  tui_run "$CASELOAD_BIN --db $db"
  sign_in "$user" "$(demo_password "$db")"
}

# From the caseload list: jump to a person by OID and show their Timeline tab.
open_timeline() {
  keys o
  type_text "$1"
  keys Enter
  wait_for "OID $1"
  keys 2
  wait_for 'w write note'
}

# From the home screen (the first screen of those with a caseload) to the caseload list.
to_caseload() {
  wait_for 'caseload · Home'
  keys c
  wait_for 'My caseload|Whole facility'
}

# In the resources directory opened to refer someone: finds the one resource matching
# query as you type, refers to it with a note, and goes back (two Escapes).
refer_to() { # query resource-name note
  keys /
  type_text "$1"
  keys Enter
  wait_for '1 shown'
  keys r
  wait_for "Refer to $2"
  type_text "$3"
  keys Enter
  wait_for "Referred to $2: sent"
  keys Escape Escape
}
