#!/bin/bash
# The documentation keeps up with the program: the man page names every
# command and option, lints cleanly, and the JSON example parses.
. "$(dirname "$0")/lib.sh"

man=docs/rapport.1
$RAPPORT --help >"$work/help" 2>&1 || fail "--help"
# a command's line starts two spaces in; its wrapped summary further
for c in $(sed -n '/^Commands:/,/^$/p' "$work/help" | awk 'NR > 1 && /^  [^ ]/ {print $1}'); do
	# the man page writes a hyphen as \- there too (export\-bank)
	esc=$(printf '%s' "$c" | sed 's/-/\\\\-/g')
	grep -Eq "^\.[BIR]+ $esc( |$)" "$man" || fail "the man page does not describe '$c'"
done
for o in $(grep -o '^  --[a-z-]*' "$work/help"); do
	# the man page writes every hyphen as \-
	grep -qF -- "${o//-/\\-}" "$man" || fail "the man page does not describe '$o'"
done
if command -v groff >/dev/null; then
	groff -man -Tutf8 -ww -z "$man" >"$work/lint" 2>&1 || fail "groff rejects the man page"
	[ -s "$work/lint" ] && { fail "groff warns about the man page"; cat "$work/lint"; }
fi
# mandoc's lint (make check installs mandoc): no style problem either
mandoc -Tlint "$man" >"$work/lint" 2>&1
[ -s "$work/lint" ] && { fail "mandoc -Tlint finds problems in the man page"; cat "$work/lint"; }
awk '/^```json/{p=1; next} p && /^```/{exit} p' docs/json.md >"$work/example.json"
python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$work/example.json" ||
	fail "the example in docs/json.md does not parse"
finish
