#!/bin/bash
# Scripted runs against golden transcripts: tests/e2e/transcripts/NAME.args
# holds the arguments, NAME.in the input, NAME.expected the exact output
# (stdout and stderr) and exit status. Each runs twice: the second run must
# match the first byte for byte (same input and seed, same output).
#
# tests/run.sh --bless build transcripts (or BLESS=1) rewrites the
# expected files; read the diff before committing it.
. "$(dirname "$0")/lib.sh"

bless=false
[ "${1:-}" = --bless ] || [ -n "${BLESS:-}" ] && bless=true
n=0
for args_file in tests/e2e/transcripts/*.args; do
	name=${args_file%.args}
	read -r -a args <"$args_file"
	for round in 1 2; do
		# a fresh results database each time: nothing carries over
		rm -f "$work"/run.db*
		{
			env -u COLUMNS -u NO_COLOR USER=tester LOGNAME=tester \
				LC_ALL=C.UTF-8 $RAPPORT --db "$work/run.db" \
				"${args[@]}" <"$name.in" 2>&1
			echo "exit $?"
		} >"$work/run$round"
	done
	n=$((n + 1))
	if ! cmp -s "$work/run1" "$work/run2"; then
		fail "$(basename "$name"): two runs differ"
		diff "$work/run1" "$work/run2" | head -10
	fi
	if $bless; then
		cmp -s "$work/run1" "$name.expected" || echo "BLESSED $name.expected"
		cp "$work/run1" "$name.expected"
	elif ! diff -u "$name.expected" "$work/run1" >"$work/diff"; then
		fail "$(basename "$name"): output differs from $name.expected"
		head -40 "$work/diff"
	fi
done
[ "$n" -ge 8 ] || fail "only $n transcripts"
finish
