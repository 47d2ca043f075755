#!/bin/bash
# run.sh - the one test runner: unit tests, content fixtures, end-to-end tests.
#
# usage: tests/run.sh [--bless] BUILD [valgrind | browser] [PATTERN]
#
# "browser" runs only the browser suite (tests/browser): the HTML report
# opened in headless Chromium, which `make check-browser` installs, and a
# live meeting with three phones (screenshots kept in build/screenshots/).
# PATTERN runs only the tests whose name holds it: "unit/test_stats",
# "e2e/70-meeting", "content/bad", "meeting" (make check T=PATTERN).
# --bless rewrites the golden files of the tests it runs (the content
# fixtures' .expected and the transcripts) from what the program prints
# now, and says which it rewrote; read the diff before committing it.
#
# Runs in a clean environment (C.UTF-8, a temporary HOME and XDG folders,
# TERM=dumb), prints one PASS or FAIL line per test, the output of each
# failure, and ends with "N passed, N failed". Exit status 1 on any failure.
# An end-to-end test that exits 77 is skipped (said, and not counted).
set -u

bless=${BLESS:-}
if [ "${1:-}" = --bless ]; then
	bless=1
	shift
fi
if [ "${1:-}" != --clean ]; then
	top=$(cd "$(dirname "$0")/.." && pwd)
	tmp=$(mktemp -d /tmp/rapport-tests.XXXXXX)
	mkdir -p "$tmp/home"
	env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$tmp/home" \
		LC_ALL=C.UTF-8 LANG=C.UTF-8 TERM=dumb TZ=UTC \
		XDG_DATA_HOME="$tmp/home/.local/share" \
		XDG_STATE_HOME="$tmp/home/.local/state" \
		XDG_CONFIG_HOME="$tmp/home/.config" \
		XDG_CACHE_HOME="$tmp/home/.cache" \
		TESTS_TMP="$tmp" USER=tester LOGNAME=tester BLESS="$bless" \
		bash "$top/tests/run.sh" --clean "$top" "$@"
	status=$?
	rm -rf "$tmp"
	exit $status
fi

shift
top=$1
build=${2:?usage: tests/run.sh [--bless] BUILD [valgrind | browser] [PATTERN]}
shift 2
wrapper=
case ${1:-} in valgrind | browser)
	wrapper=$1
	shift
	;;
esac
pattern=${1:-}
suite=all
if [ "$wrapper" = browser ]; then
	suite=browser
	wrapper=
fi
cd "$top" || exit 2

RAPPORT_BIN=$top/$build/rapport
WRAP=
if [ "$wrapper" = valgrind ]; then
	# --vgdb=no: no debugger pipes in /tmp, which a killed run leaves
	# behind and a later process with the same pid then cannot make
	WRAP="valgrind -q --vgdb=no --error-exitcode=99 --leak-check=full \
--show-leak-kinds=definite,indirect,possible \
--errors-for-leak-kinds=definite,indirect,possible"
fi
RAPPORT="$WRAP $RAPPORT_BIN"
export RAPPORT RAPPORT_BIN WRAP TESTS_TMP BLESS

pass=0
fail=0
skip=0
log=$TESTS_TMP/log
export RAPPORT_BUILD=$build

# wanted NAME: whether the test called NAME is among those asked for
wanted() {
	[ -z "$pattern" ] || [[ $1 == *"$pattern"* ]]
}

# golden EXPECTED ACTUAL NAME: compares, or with --bless rewrites EXPECTED
golden() {
	if [ -n "$BLESS" ] && ! cmp -s "$1" "$2"; then
		cp "$2" "$1"
		echo "BLESSED $1"
	fi
	diff -u "$1" "$2" >"$log"
}

ok() {
	echo "PASS $1"
	pass=$((pass + 1))
}

not_ok() {
	echo "FAIL $1"
	fail=$((fail + 1))
	if [ -s "$log" ]; then
		tail -n 40 "$log" | sed 's/^/    /'
	fi
}

# ---- scripts: each is a test; exit 0 passes, 77 skips ----

# Runs every executable script in folder $1, naming results $2/SCRIPT.
run_scripts() {
	local t name status line
	for t in "$1"/[0-9]*; do
		[ -x "$t" ] || continue
		name=$2/$(basename "$t")
		wanted "$name" || continue
		"$t" >"$log" 2>&1
		status=$?
		grep '^BLESSED ' "$log"
		# a script that reports its own cases ("ok 3 - name") counts each
		if grep -q '^ok [0-9]* - \|^not ok [0-9]* - ' "$log"; then
			while IFS= read -r line; do
				case "$line" in
				"ok "[0-9]*" - "*) ok "$name: ${line#* - }" ;;
				"not ok "[0-9]*" - "*)
					echo "FAIL $name: ${line#* - }"
					fail=$((fail + 1))
					;;
				"#"*) echo "    $line" ;;
				esac
			done <"$log"
			# what went wrong, which the script lists again at its end
			sed -n '/^not ok: /,$p' "$log" | head -n 60 | sed 's/^/    /'
			[ $status -eq 0 ] || grep -q '^not ok' "$log" ||
				not_ok "$name (exit $status)"
			continue
		fi
		case $status in
		0) ok "$name" ;;
		77)
			echo "SKIP $name: $(tail -n 1 "$log")"
			skip=$((skip + 1))
			;;
		*) not_ok "$name" ;;
		esac
	done
}

if [ $suite = browser ]; then
	run_scripts tests/browser browser
	[ $skip -eq 0 ] || echo "$skip skipped"
	echo "$pass passed, $fail failed"
	[ $fail -eq 0 ]
	exit
fi

# ---- unit tests: cmocka in TAP form, one line per test case ----

for t in "$build"/tests/test_*; do
	[ -x "$t" ] || continue
	case "$t" in *.d) continue ;; esac
	name=unit/$(basename "$t")
	wanted "$name" || continue
	CMOCKA_MESSAGE_OUTPUT=TAP $WRAP "$t" >"$log" 2>&1
	status=$?
	cases=0
	while IFS= read -r line; do
		case "$line" in
		*" # SKIP"*)
			# cmocka's skip() (for one, root may write any file)
			echo "SKIP $name: ${line#*# SKIP }"
			skip=$((skip + 1))
			;;
		"ok "*)
			cases=$((cases + 1))
			ok "$name: ${line#* - }"
			;;
		"not ok "[0-9]*)
			cases=$((cases + 1))
			: >"$TESTS_TMP/case"
			echo "FAIL $name: ${line#* - }"
			fail=$((fail + 1))
			;;
		"# "*)
			[ -e "$TESTS_TMP/case" ] && echo "    ${line#\# }"
			;;
		esac
	done <"$log"
	rm -f "$TESTS_TMP/case"
	if [ $status -ne 0 ] && ! grep -q '^not ok [0-9]' "$log"; then
		not_ok "$name (exit $status)"
	elif [ $cases -eq 0 ]; then
		not_ok "$name (ran no tests)"
	fi
done

# ---- content fixtures: exact diagnostics, and the exit status ----

for f in tests/content/bad/*.xml tests/content/bad/*/; do
	[ -e "$f" ] || continue
	f=${f%/}
	wanted "content/${f#tests/content/}" || continue
	expected=${f%.xml}.expected
	if [ ! -f "$expected" ] && [ -z "$BLESS" ]; then
		: >"$log"
		echo "no $expected" >"$log"
		not_ok "content/${f#tests/content/}"
		continue
	fi
	{
		$RAPPORT validate "$f" 2>&1
		echo "exit $?"
	} >"$TESTS_TMP/actual"
	if golden "$expected" "$TESTS_TMP/actual"; then
		ok "content/${f#tests/content/}"
	else
		not_ok "content/${f#tests/content/}"
	fi
done

# item-writing checks: each warning exactly, and --werror failing the run
for f in tests/content/warn/*.xml; do
	[ -e "$f" ] || continue
	wanted "content/${f#tests/content/}" || continue
	{
		$RAPPORT validate --werror "$f" 2>&1
		echo "exit $?"
	} >"$TESTS_TMP/actual"
	if golden "${f%.xml}.expected" "$TESTS_TMP/actual"; then
		ok "content/${f#tests/content/}"
	else
		not_ok "content/${f#tests/content/}"
	fi
done

for f in tests/content/good/*.xml tests/content/good/*/; do
	[ -e "$f" ] || continue
	f=${f%/}
	wanted "content/${f#tests/content/}" || continue
	if $RAPPORT validate "$f" >"$log" 2>&1 && ! grep -q 'error:' "$log"; then
		ok "content/${f#tests/content/}"
	else
		not_ok "content/${f#tests/content/}"
	fi
done

# ---- fuzz harnesses replayed: seeds, and what fuzzing once found ----

for name in content answer text merge gift import; do
	wanted "fuzz/$name" || continue
	t=$build/tests/replay_$name
	case $name in
	content) inputs="content tests/content" ;;
	*) inputs=tests/fuzz/seed/$name ;;
	esac
	# shellcheck disable=SC2086
	if $WRAP "$t" $inputs "tests/fuzz/regress/$name" >"$log" 2>&1; then
		ok "fuzz/$name: $(sed -n 's/.*: \([0-9]* inputs\)$/\1/p' "$log") replayed"
	else
		not_ok "fuzz/$name"
	fi
done

# ---- end-to-end ----

run_scripts tests/e2e e2e

[ $skip -eq 0 ] || echo "$skip skipped"
if [ -n "$pattern" ] && [ $((pass + fail + skip)) -eq 0 ]; then
	echo "no test matches '$pattern'"
	fail=1
fi
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
