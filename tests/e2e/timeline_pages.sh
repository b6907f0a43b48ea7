#!/usr/bin/env bash
# The record's timeline shows 300 entries a page: ] goes to older ones, [ back, and the
# oldest entry of a long record is reachable without a filter.
source "$(dirname "$0")/lib.sh"
db=$E2E_TMP/demo.db
make_demo "$db" 40 tester
oid=$(sql "$db" "select oid from person order by id limit 1")
pid=$(sql "$db" "select id from person where oid = '$oid'")
# 400 old record changes, the oldest first, years before anything the demo wrote
sql "$db" "with recursive n(i) as (select 1 union all select i + 1 from n where i < 400)
           insert into person_change (person_id, field, old_value, new_value, changed_at)
           select $pid, 'unit', 'U' || (i - 1), 'U' || i,
                  strftime('%Y-%m-%dT%H:%M:%fZ', '2001-01-01', '+' || i || ' hours') from n"
tui_start_shell 100 30
tui_open "$db" tester
to_caseload
open_timeline "$oid"
assert_not_screen 'page 2'
keys G
wait_for 'Older entries follow'
keys ]
wait_for 'page 2: \[ newer'
# about 420 entries: the very first change is at the end of the second page
keys G
wait_for 'unit: U0 → U1'
assert_not_screen 'Older entries follow'
keys [
wait_gone 'unit: U0 → U1'
keys q
wait_for 'My caseload'
keys Q
wait_for 'EXIT=0'
echo ok
