#!/usr/bin/env bash
# Every way out leaves the terminal as it was, with no record text on it: quitting,
# SIGTERM, SIGHUP, SIGINT (Ctrl-C), and crashes (SIGSEGV, SIGABRT).
source "$(dirname "$0")/lib.sh"
db=$E2E_TMP/demo.db
make_demo "$db" 100 tester
name=$(sql "$db" "select last_name from person p join staff s on s.id = p.caseworker_id where s.username = 'tester' order by name_key limit 1")

tui_start_shell 100 30
check_exit() { # how-to-end expected-exit
  send_line clear
  tui_open "$db" tester
  to_caseload
  assert_screen "$name"
  case $1 in
    quit) keys q; wait_for "caseload · Home"; keys q ;;
    ctrl-c) keys C-c ;;
    *) pkill "-$1" -f "caseload --db $db" ;;
  esac
  wait_for "EXIT=$2"
  assert_not_screen "$name"
  assert_not_screen 'My caseload'
  # echo is back on and the shell is usable: what we type shows, and runs
  send_line 'echo restored-$((6*7))'
  wait_for 'restored-42'
  tmux -L "$E2E_SOCK" display -p -t e2e '#{cursor_flag} #{alternate_on}' | grep -q '^1 0$' \
    || fail "cursor hidden or alternate screen still on after $1"
}
check_exit quit 0
check_exit ctrl-c 130
check_exit TERM 143
check_exit HUP 129
check_exit SEGV 139
check_exit ABRT 134
echo ok
