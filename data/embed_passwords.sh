#!/bin/sh
# Writes src/auth/password_list.c, the compiled copy of data/passwords-common.txt.
# The copy is kept in the tree so that building cl_auth needs no generation step; the test
# unit_auth_list runs this script with --check and fails when the copy is out of date.
# Usage: sh data/embed_passwords.sh [--check]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
txt=$root/data/passwords-common.txt
out=$root/src/auth/password_list.c
tmp=$(mktemp "${TMPDIR:-/tmp}/password_list.XXXXXX")
trap 'rm -f "$tmp"' EXIT

# Entries must be printable lower-case ASCII: password.c compares them byte for byte with a
# case-folded, NFKC-normalized password, which maps every other form to these.
LC_ALL=C awk '
function fail(msg) {
	printf "%s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"
	bad = 1
}
BEGIN {
	for (i = 32; i < 127; i++)
		ord[sprintf("%c", i)] = i
	print "/* Generated from data/passwords-common.txt by data/embed_passwords.sh: do not edit. */"
	print "#include \"password_list.h\""
	print ""
	print "const char *const password_common_list[] = {"
}
/^#( |$)/ || /^$/ { next }
{
	if ($0 ~ /[^ -~]/) { fail("not printable ASCII"); next }
	if ($0 ~ /[A-Z]/) { fail("not lower case"); next }
	if ($0 ~ /^ / || $0 ~ / $/) { fail("space at an end"); next }
	if (length($0) > 64) { fail("longer than 64 characters"); next }
	if ($0 in seen) { fail("listed twice"); next }
	seen[$0] = 1
	# quote, backslash and question mark (trigraphs) as octal escapes; the rest as is
	s = ""
	for (i = 1; i <= length($0); i++) {
		c = substr($0, i, 1)
		if (c == "\"" || c == "\\" || c == "?")
			s = s sprintf("\\%03o", ord[c])
		else
			s = s c
	}
	printf "\t\"%s\",\n", s
	n++
}
END {
	print "};"
	print ""
	print "const size_t password_common_count ="
	print "\tsizeof password_common_list / sizeof password_common_list[0];"
	if (n == 0) {
		print FILENAME ": no entries" > "/dev/stderr"
		bad = 1
	}
	exit bad
}' "$txt" >"$tmp"

if [ "${1:-}" = --check ]; then
	if ! cmp -s "$tmp" "$out"; then
		echo "src/auth/password_list.c is out of date: run sh data/embed_passwords.sh" >&2
		exit 1
	fi
	echo "password_list.c: up to date"
else
	cp "$tmp" "$out"
fi
