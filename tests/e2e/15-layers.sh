#!/bin/bash
# The layers run one way (scripts/layers, docs/HACKING.md): the source as it
# is passes, and a copy of it with one breach of each rule fails, naming the
# file and line.
. "$(dirname "$0")/lib.sh"

out=$(scripts/layers src 2>&1)
status=$?
if [ $status -ne 0 ] || [ -n "$out" ]; then
	fail "the source's arrows do not run one way (exit $status)"
	echo "$out" | head -20 | sed 's/^/    /'
fi

# breach FILE TEXT WANT: a copy of src with TEXT added to FILE must fail
# with a message matching WANT at FILE
breach() {
	local copy=$TESTS_TMP/layers.$RANDOM out status
	rm -rf "$copy"
	cp -r src "$copy"
	mkdir -p "$(dirname "$copy/$1")"
	printf '%s\n' "$2" >> "$copy/$1"
	out=$(scripts/layers "$copy" 2>&1)
	status=$?
	if [ $status -ne 1 ]; then
		fail "$3: not caught (exit $status)"
	elif ! grep -Eq "^$copy/$1:[0-9]+: " <<<"$out"; then
		fail "$3: caught but not placed at $1: $out"
	fi
	rm -rf "$copy"
}

breach core/score.c '#include "../cmd/cmd.h"' "the core including cmd"
breach core/score.c '#include "../term/term.h"' "the core including term"
breach core/engine.h '#include "../shell/shell.h"' "a core header including shell"
breach term/term.c '#include "../cmd/cmd.h"' "term including cmd"
breach cmd/app.c '#include "../shell/shell.h"' "cmd including shell"
breach cmd/report.c '#include <sqlite3.h>' "sqlite3.h outside the store"
breach core/store.h '#include <sqlite3.h>' "sqlite3.h in the store's header"
breach cmd/stats.c '#include <libxml/tree.h>' "libxml2 outside the content module"
breach cmd/flow.c '#include <readline/readline.h>' "readline outside term/"
breach cmd/meeting.c '#include <sys/ioctl.h>' "the terminal asked outside term/"
breach core/score.c 'static void f(void) { printf("x"); }' "the core printing"
breach core/score.c 'static void f(void) { fputs("x", stderr); }' "the core writing to stderr"
breach core/engine.c 'static void f(void) { exit(1); }' "the core exiting"
breach core/render.c 'static int f(void) { return isatty(1); }' "the core asking the terminal"
breach core/engine.c 'static long f(void) { return time(NULL); }' "the core reading the clock"
breach core/text.c 'static char *f(void) { return getenv("X"); }' "the core reading the environment"
breach core/stats.c 'static void f(void) { abort(); }' "an abort outside the out-of-memory path"

# what is only mentioned is not a breach: comments and strings
copy=$TESTS_TMP/layers.words
rm -rf "$copy"
cp -r src "$copy"
printf '%s\n' '/* printf(), exit(1) and time(NULL) are for the caller */' \
	'static const char *const f = "isatty(1) getenv(\"X\")";' >> "$copy/core/score.c"
out=$(scripts/layers "$copy" 2>&1)
[ $? -eq 0 ] && [ -z "$out" ] ||
	fail "words in comments and strings taken for calls: $out"
rm -rf "$copy"
finish
