#!/usr/bin/env bash
# QA review end to end. An intern submits an interview note and the supervising caseworker
# co-signs it. A caseworker submits an assessment that requires review; the lead returns it
# with a comment on a field; the caseworker sees the comment beside the field, fixes it and
# submits again; the lead sees what changed and approves. The database holds each step.
source "$(dirname "$0")/lib.sh"
db=$E2E_TMP/demo.db
make_demo "$db" 60 tester
pw=$(demo_password "$db")
lead=$(sql "$db" "select username from staff where role = 'lead' order by id limit 1")
intern=$(sql "$db" "select username from staff where role = 'intern' order by id limit 1")
sql "$db" "update staff set lead_id = (select id from staff where username = '$lead') where username = 'tester'"
enrol_totp "$db" "$lead"
at() { CASELOAD_NOW=$1 totp $E2E_TOTP_SECRET; }
oid=$(sql "$db" "select oid from person order by id limit 1")
pid=$(sql "$db" "select id from person where oid = '$oid'")
mkdir -p "$E2E_TMP/forms"
cat > "$E2E_TMP/forms/housing_screen.yaml" <<'YAML'
caseform: 1
id: housing_screen
version: 1
title: Housing screen
workflow: {complete: [caseworker, lead], review: required, reviewers: [lead]}
sections:
  - id: housing
    title: Housing after release
    fields:
      - {id: plan, type: select_one, label: Housing plan, required: true,
         choices: [{value: family, label: With family}, {value: shelter, label: Shelter},
                   {value: none, label: No plan yet}]}
      - {id: evidence, type: textarea, label: Evidence for the plan, required: true}
YAML
printf 'forms_dir: "%s"\n' "$E2E_TMP/forms" > "$E2E_TMP/caseload.yaml"
run() { tui_run "CASELOAD_NOW=$1 $CASELOAD_BIN --db $db --config $E2E_TMP/caseload.yaml"; }

tui_start_shell 110 30

# 1. the intern's interview note goes to the supervising caseworker, who co-signs it
run 2026-11-23T15:00:00Z
sign_in "$intern" "$pw"
to_caseload
open_timeline "$oid"
keys w
wait_for 'draft saves as you type'
keys BTab BTab
type_text 'Intake interview'
keys Tab Tab
type_text 'Interview: talked through the intake questions with him.'
keys F5
wait_for 'co-signature'
keys q
keys Q
wait_for 'EXIT=0'
nid=$(sql "$db" "select id from note where body like 'Interview: talked%'")
assert_eq "$(sql "$db" "select state from note where id = $nid")" pending_cosign "waiting for co-signature"
send_line clear
run 2026-11-23T15:01:00Z
sign_in tester "$pw"
to_caseload
keys C
wait_for 'Co-signature queue'
wait_for 'Intake interview'
# the queue is longest waiting first: this note, just written, is the last
for _ in $(seq 2 "$(sql "$db" "select count(*) from note where state = 'pending_cosign'")"); do keys j; done
keys Enter
wait_for 'Interview: talked'
wait_for 'c co-sign'
keys c
wait_sql "$db" "select state from note where id = $nid" final

# 2. the caseworker submits an assessment that requires review
keys q q
wait_for 'My caseload'
keys o
type_text "$oid"
keys Enter
wait_for "OID $oid"
keys 7 f
wait_for 'Start a form'
keys h Enter
wait_for 'Section 1 of 1: Housing after release'
keys 3 Down
type_text 'He says a shelter bed, maybe.'
keys F5
wait_for 'Submitted for review'
rid=$(sql "$db" "select id from form_response where person_id = $pid")
assert_eq "$(sql "$db" "select state from form_response where id = $rid")" pending_review "submitted"
keys Escape q
wait_for 'My caseload'
keys Q
wait_for 'EXIT=0'

# 3. the lead returns it with a comment on the evidence
send_line clear
run 2026-11-23T15:02:00Z
sign_in "$lead" "$pw"
wait_for '6-digit code'
type_text "$(at 2026-11-23T15:02:00Z)"
keys Enter
wait_for 'caseload'
keys R
wait_for 'Review queue'
wait_for 'Housing screen v1'
keys Enter
wait_for 'QA review \(required\), round 1'
keys PPage
wait_for 'Section 1 of 1'
keys j
keys m
wait_for 'Comment on Evidence for the plan'
type_text 'Name the shelter and whether a bed is confirmed.'
keys Enter
wait_for 'Name the shelter and whether a bed'
keys R
wait_for 'Return it to its author'
type_text 'Evidence is too thin for a plan.'
keys Enter
wait_sql "$db" "select state from form_response where id = $rid" returned
keys Escape
keys Q
wait_for 'EXIT=0'

# 4. the caseworker sees the comment beside the field, fixes it and submits again
send_line clear
run 2026-11-23T15:03:00Z
sign_in tester "$pw"
to_caseload
keys W
wait_for 'My work'
wait_for 'returned'
keys Enter
wait_for 'e change it'
keys e
wait_for 'Open for changes'
assert_screen 'Name the shelter and whether'
keys Down C-e C-u
type_text 'Bed confirmed at Union Gospel Mission for 2027-01-04.'
keys F5
wait_for 'Submitted for review'
assert_eq "$(sql "$db" "select state from form_response where id = $rid")" pending_review "resubmitted"
keys Escape q
keys Q
wait_for 'EXIT=0'

# 5. the lead sees what changed and approves
send_line clear
run 2026-11-23T15:04:00Z
sign_in "$lead" "$pw"
wait_for '6-digit code'
type_text "$(at 2026-11-23T15:04:00Z)"
keys Enter
wait_for 'caseload'
keys R
wait_for 'Housing screen v1 · round 2'
keys Enter
wait_for 'round 2'
keys PPage
wait_for 'changed since the last submission; was: He says'
keys A
wait_for 'Approve this form'
keys Enter
wait_sql "$db" "select state from form_response where id = $rid" approved
keys Escape
keys Q
wait_for 'EXIT=0'
assert_eq "$(sql "$db" "select group_concat(event, ',') from (select event from review_event order by id)")" \
  "submitted,returned,resubmitted,approved" "the review's history"
assert_eq "$(sql "$db" "select count(*) from audit_log where event like 'review.%' and outcome = 'ok'")" 3 "comment, return, approve audited"

# the team view as CSV, for the lead: tester submitted one, returned once, decided
printf '%s\n%s\n' "$pw" "$(at 2026-11-23T15:05:00Z)" |
  CASELOAD_NOW=2026-11-23T15:05:00Z "$CASELOAD_BIN" --db "$db" review team \
    --from 2026-11-01 --to 2026-12-01 --as "$lead" > "$E2E_TMP/team.csv" || fail "review team failed"
head -n 1 "$E2E_TMP/team.csv" | grep -q '^staff,role,submitted,approved_first_time,returned' || fail "CSV header"
grep -q '^tester (you),caseworker,1,0,1,1,' "$E2E_TMP/team.csv" || fail "team row: $(cat "$E2E_TMP/team.csv")"
# a caseworker has none
printf '%s\n' "$pw" | "$CASELOAD_BIN" --db "$db" review team --from 2026-11-01 --to 2026-12-01 \
  --as tester > /dev/null 2> "$E2E_TMP/err.txt" && fail "a caseworker got the team view"
grep -q 'not permitted\|permission\|may not' "$E2E_TMP/err.txt" || fail "refusal: $(cat "$E2E_TMP/err.txt")"
echo ok
