#!/usr/bin/env bash
# The note body in $EDITOR: refused where the configuration does not allow it; where it
# does, the editor gets the draft's text, its changes come back into the draft, the
# temporary file is gone afterwards, and a failing editor changes nothing.
source "$(dirname "$0")/lib.sh"
db=$E2E_TMP/demo.db
make_demo "$db" 60 tester
oid=$(sql "$db" "select oid from person order by id limit 1")
cat > "$E2E_TMP/allow.yaml" <<YAML
allow_external_editor: true
YAML
# an "editor" that proves it saw the draft, then appends a line
cat > "$E2E_TMP/ed.sh" <<'SH'
#!/bin/sh
grep -q 'typed in caseload' "$1" || exit 3
printf 'Added in the editor: Ünïcödé.\n' >> "$1"
SH
chmod +x "$E2E_TMP/ed.sh"
mkdir -p "$E2E_TMP/tmp"

write_note() {
  open_timeline "$oid"
  keys w
  wait_for 'draft saves as you type'
  type_text 'typed in caseload'
}

tui_start_shell 100 30
# not allowed by default
tui_open "$db" tester
to_caseload
write_note
keys F4
wait_for 'external editor is turned off'
keys Escape
wait_for 'Draft kept'
keys Q
wait_for 'EXIT=0'

send_line clear
tui_run "TMPDIR=$E2E_TMP/tmp EDITOR=$E2E_TMP/ed.sh $CASELOAD_BIN --db $db --config $E2E_TMP/allow.yaml"
sign_in tester "$(demo_password "$db")"
to_caseload
write_note
keys F4
wait_for 'Text from the editor saved'
assert_screen 'Added in the editor: Ünïcödé.'
wait_sql "$db" "select count(*) from note where body like 'typed in caseload%Added in the editor: Ünïcödé.'" 1
assert_eq "$(ls -A "$E2E_TMP/tmp" | wc -l)" 0 "the temporary file was removed"
# an editor that fails leaves the text alone
keys Escape
wait_for 'Draft kept'
keys Q
wait_for 'EXIT=0'
send_line clear
tui_run "TMPDIR=$E2E_TMP/tmp EDITOR=false $CASELOAD_BIN --db $db --config $E2E_TMP/allow.yaml"
sign_in tester "$(demo_password "$db")"
to_caseload
write_note
keys F4
wait_for 'did not finish cleanly'
assert_screen 'typed in caseload'
keys Escape
wait_for 'Draft kept'
keys Q
wait_for 'EXIT=0'
assert_eq "$(ls -A "$E2E_TMP/tmp" | wc -l)" 0 "no temporary file left behind"
echo ok
