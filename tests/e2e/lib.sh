# lib.sh - what the shell end-to-end tests share. Source it first.
# The runner exports RAPPORT (the binary, behind any wrapper such as
# valgrind), RAPPORT_BIN (the bare binary), WRAP and TESTS_TMP.
set -u
cd "$(dirname "$0")/../.." || exit 2
: "${RAPPORT:?run through tests/run.sh}"
work=$(mktemp -d "$TESTS_TMP/e2e.XXXXXX")
failures=0

# fail MESSAGE: records a failure and says why; the script goes on.
fail() {
	echo "not ok: $*"
	failures=$((failures + 1))
}

# expect_exit CODE DESCRIPTION COMMAND...: runs COMMAND, output in $work/out.
expect_exit() {
	want=$1 what=$2
	shift 2
	"$@" >"$work/out" 2>&1
	got=$?
	if [ "$got" -ne "$want" ]; then
		fail "$what: exit $got, wanted $want"
		sed 's/^/    /' "$work/out" | head -20
	fi
}

# expect_output PATTERN DESCRIPTION: the last output matches (grep -E).
expect_output() {
	if ! grep -Eq -- "$1" "$work/out"; then
		fail "$2: no line matches /$1/"
		sed 's/^/    /' "$work/out" | head -20
	fi
}

# no_control_bytes DESCRIPTION: the last output holds no raw control byte
# (C0 but tab and newline, DEL, C1 in UTF-8).
no_control_bytes() {
	if LC_ALL=C grep -aqP '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]' "$work/out"; then
		fail "$1: a raw control byte reached the output"
	fi
}

# finish: the script's exit status.
finish() {
	rm -rf "$work"
	[ "$failures" -eq 0 ]
}
