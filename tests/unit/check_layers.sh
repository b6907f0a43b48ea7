#!/bin/sh
# Fails when an #include crosses a layer boundary (docs: ARCHITECTURE.md, "Layers"):
#   - sqlite3.h only in src/store (and the benchmark and unit tests, which craft files);
#   - curses headers only in src/ui (and the UI's own tests: tests/unit/test_ui*.c, test_textedit.c, tests/ui);
#   - yaml.h only in src/forms and src/config;
#   - src/store and src/app include nothing of the UI.
# Usage: check_layers.sh [project root]. Prints each violation as file:line: text.
set -u
root=${1:-.}
cd "$root" || exit 2
if [ ! -d src ]; then
	echo "check_layers: no src directory under $root" >&2
	exit 2
fi

found() { # found FILE LINE TEXT REASON
	printf '%s:%s: %s  <- %s\n' "$1" "$2" "$3" "$4"
}

# Every C source and header we own, except build trees and the e2e scripts.
sources() {
	find src include tests -type f \( -name '*.c' -o -name '*.h' \) 2>/dev/null |
		grep -v -e '/build' -e '^tests/e2e/' | LC_ALL=C sort
}

# "#  include <x>" or "#include "x"" -> x, with the line number: "LINE QUOTE NAME"
includes() {
	awk '
	/^[ \t]*#[ \t]*include[ \t]*[<"]/ {
		line = $0
		sub(/^[ \t]*#[ \t]*include[ \t]*/, "", line)
		q = substr(line, 1, 1)
		name = substr(line, 2)
		sub(/[>"].*$/, "", name)
		print NR, q, name
	}' "$1"
}

in_dir() { # in_dir FILE DIR...: true when FILE lies under one of the DIRs
	f=$1
	shift
	for d in "$@"; do
		case "$f" in "$d"/*) return 0 ;; esac
	done
	return 1
}

report=$(mktemp "${TMPDIR:-/tmp}/check_layers.XXXXXX") || exit 2
trap 'rm -f "$report"' EXIT

# The UI's own unit tests (key codes, layout) may use curses like the UI itself.
ui_test() {
	case "$1" in tests/unit/test_ui.c | tests/unit/test_ui_*.c | tests/unit/test_textedit.c) return 0 ;; esac
	return 1
}

# The UI's own header names, so that "view.h" from src/store is caught as well.
ui_headers=$( (find src/ui -name '*.h' 2>/dev/null; find include -path '*/ui*.h' 2>/dev/null) |
	sed 's|.*/||' | LC_ALL=C sort -u | tr '\n' ' ')

for f in $(sources); do
	includes "$f" | while read -r line quote name; do
		base=${name##*/}
		case "$name" in
		sqlite3.h | sqlite3ext.h)
			in_dir "$f" src/store tests/bench tests/unit ||
				found "$f" "$line" "#include $name" "SQLite belongs to src/store"
			;;
		curses.h | ncurses.h | ncursesw/* | ncurses/* | cursesw.h | cursesapp.h | \
			panel.h | menu.h | form.h | termcap.h)
			in_dir "$f" src/ui tests/ui || ui_test "$f" ||
				found "$f" "$line" "#include $name" "curses belongs to src/ui"
			;;
		term.h)
			# <term.h> is terminfo; "term.h" inside src/ui is the UI's own module
			if [ "$quote" = '<' ] && ! in_dir "$f" src/ui tests/ui && ! ui_test "$f"; then
				found "$f" "$line" "#include <term.h>" "curses belongs to src/ui"
			fi
			;;
		yaml.h)
			in_dir "$f" src/forms src/config ||
				found "$f" "$line" "#include $name" "libyaml belongs to src/forms and src/config"
			;;
		esac
		if in_dir "$f" src/store src/app src/util; then
			ui=0
			case "$name" in
			caseload/ui.h | caseload/ui_* | caseload/ui/* | ui/* | */ui/*) ui=1 ;;
			esac
			if [ "$quote" = '"' ] && [ $ui = 0 ]; then
				dir=${f%/*}
				for h in $ui_headers; do
					# a quoted name that is a UI header and not one of this directory's own
					if [ "$base" = "$h" ] && [ ! -e "$dir/$name" ] && [ ! -e "include/$name" ]; then
						ui=1
					fi
				done
			fi
			[ $ui = 1 ] && found "$f" "$line" "#include $quote$name" \
				"the data layers must not depend on the UI"
		fi
	done
done >"$report"

if [ -s "$report" ]; then
	cat "$report"
	exit 1
fi
echo "check_layers: ok ($(sources | wc -l) files)"
