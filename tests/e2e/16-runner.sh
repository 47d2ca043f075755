#!/bin/bash
# The runner runs one test by name (tests/run.sh BUILD PATTERN) and its
# bless mode rewrites a golden file from the program's output, on a copy of
# the test tree here so the real golden files are never touched.
. "$(dirname "$0")/lib.sh"

top=$work/tree
mkdir -p "$top/tests" "$top/build"
cp tests/run.sh "$top/tests/"
cp -r tests/content "$top/tests/"
ln -s "$RAPPORT_BIN" "$top/build/rapport"
golden=$top/tests/content/bad/duplicate-id.expected
cp "$golden" "$work/right"

"$top/tests/run.sh" build content/bad/duplicate-id >"$work/out" 2>&1 ||
	fail "one test by name: exit $?"
grep -q '^PASS content/bad/duplicate-id.xml$' "$work/out" &&
	grep -q '^1 passed, 0 failed$' "$work/out" ||
	{ fail "one test by name ran something else"; cat "$work/out"; }

"$top/tests/run.sh" build no-such-test >"$work/out" 2>&1 &&
	fail "a pattern that matches nothing passed"
grep -q "no test matches 'no-such-test'" "$work/out" || fail "no word on an empty match"

echo "a stale line" >>"$golden"
"$top/tests/run.sh" build content/bad/duplicate-id >"$work/out" 2>&1 &&
	fail "a stale golden file passed"
grep -q '^FAIL content/bad/duplicate-id.xml$' "$work/out" || fail "the stale file not named"

"$top/tests/run.sh" --bless build content/bad/duplicate-id >"$work/out" 2>&1 ||
	{ fail "bless: exit $?"; cat "$work/out"; }
grep -q "^BLESSED tests/content/bad/duplicate-id.expected$" "$work/out" ||
	fail "bless did not say what it rewrote"
cmp -s "$golden" "$work/right" || fail "bless did not write what the program prints"
"$top/tests/run.sh" --bless build content/bad/duplicate-id >"$work/out" 2>&1
grep -q '^BLESSED' "$work/out" && fail "bless rewrote a file that was right"
finish
