#!/bin/sh
# Proves check_layers.sh notices each kind of forbidden #include (and accepts the allowed
# ones) on small throw-away trees. Usage: check_layers_selftest.sh path/to/check_layers.sh
set -u
checker=${1:?usage: check_layers_selftest.sh check_layers.sh}
case "$checker" in /*) ;; *) checker=$(pwd)/$checker ;; esac
work=$(mktemp -d "${TMPDIR:-/tmp}/layers-selftest.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
failures=0

# A tree that follows every rule.
clean_tree() {
	rm -rf "$work/t"
	mkdir -p "$work/t/src/store" "$work/t/src/app" "$work/t/src/ui" "$work/t/src/util" \
		"$work/t/src/cli" "$work/t/src/forms" "$work/t/src/config" "$work/t/include/caseload" \
		"$work/t/tests/bench" "$work/t/tests/unit"
	cd "$work/t" || exit 2
	printf '#include <sqlite3.h>\n#include "caseload/store.h"\n' >src/store/store.c
	printf '#include "view.h"\n' >src/store/people.c # its own header, not the UI's
	printf '/* store-local */\n' >src/store/view.h
	printf '#include "caseload/store.h"\n#include <stdio.h>\n' >src/app/app.c
	printf '#include <curses.h>\n#include <term.h>\n#include "term.h"\n#include "caseload/ui.h"\n' \
		>src/ui/term.c
	printf '#include <curses.h>\n' >src/ui/draw.h
	printf '#include "draw.h"\n' >src/ui/draw.c
	printf '/* ui */\n' >src/ui/term.h
	printf '/* ui */\n' >src/ui/view.h
	printf '#include "caseload/app.h"\n' >include/caseload/ui.h
	printf '#include <stddef.h>\n' >include/caseload/store.h
	printf '#include "caseload/ui.h"\n' >src/cli/main.c
	printf '#include <yaml.h>\n' >src/forms/form_load.c
	printf '#  include <yaml.h>\n' >src/config/config.c
	printf '#include <sqlite3.h>\n' >tests/bench/bench.c
	printf '#include <sqlite3.h>\n' >tests/unit/test_store.c
}

expect() { # expect pass|fail DESCRIPTION FILE CONTENT
	clean_tree
	mkdir -p "$(dirname "$3")"
	printf '%s\n' "$4" >>"$3"
	out=$(sh "$checker" "$work/t" 2>&1)
	rc=$?
	if [ "$1" = pass ] && [ $rc -ne 0 ]; then
		echo "FAIL: $2: refused a tree that follows the rules:"
		echo "$out"
		failures=$((failures + 1))
	elif [ "$1" = fail ] && [ $rc -ne 1 ]; then
		echo "FAIL: $2: not noticed (exit $rc)"
		failures=$((failures + 1))
	elif [ "$1" = fail ] && ! printf '%s' "$out" | grep -q "^$3:"; then
		echo "FAIL: $2: the report does not name $3:"
		echo "$out"
		failures=$((failures + 1))
	else
		echo "ok: $2"
	fi
}

expect pass "the clean tree" src/app/app.c '#include <string.h>'
expect fail "sqlite3.h in the app" src/app/app.c '#include <sqlite3.h>'
expect fail "sqlite3.h in the UI" src/ui/draw.c '#include "sqlite3.h"'
expect fail "sqlite3.h in a public header" include/caseload/store.h '#include <sqlite3.h>'
expect fail "sqlite3.h, spaced directive" src/util/text.c '  #  include   <sqlite3.h>'
expect fail "curses in main" src/cli/main.c '#include <curses.h>'
expect fail "ncursesw in the app" src/app/app.c '#include <ncursesw/ncurses.h>'
expect fail "panel.h in the store" src/store/store.c '#include <panel.h>'
expect fail "terminfo in the store" src/store/store.c '#include <term.h>'
expect fail "curses in a public header" include/caseload/store.h '#include <ncurses.h>'
expect fail "yaml.h in util" src/util/text.c '#include <yaml.h>'
expect fail "yaml.h in the app" src/app/app.c '#include "yaml.h"'
expect fail "the UI header in the store" src/store/store.c '#include "caseload/ui.h"'
expect fail "a UI module header in the app" src/app/app.c '#include "draw.h"'
expect fail "a UI header by path" src/app/app.c '#include "../ui/term.h"'
expect pass "curses in the UI" src/ui/view.c '#include <ncursesw/curses.h>'
expect pass "curses in the UI's unit test" tests/unit/test_ui.c '#include <curses.h>'
expect fail "curses in another unit test" tests/unit/test_record.c '#include <curses.h>'
expect pass "yaml.h in forms" src/forms/expr.c '#include <yaml.h>'
expect pass "sqlite3.h in the store" src/store/audit.c '#include <sqlite3.h>'

if [ $failures -ne 0 ]; then
	echo "$failures check(s) failed"
	exit 1
fi
echo "check_layers selftest: all checks behaved"
