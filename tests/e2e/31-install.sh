#!/bin/bash
# make install puts the program, the course (read-only) and the schema
# under DESTDIR/PREFIX; the installed program finds its course from any
# folder; make uninstall removes everything it put there.
. "$(dirname "$0")/lib.sh"

dest=$work/stage
# -o: install the program under test as it is, never rebuild it (a
# sanitizer build must not be relinked with other flags)
build=${RAPPORT_BUILD:-build}
make -s --no-print-directory -o "$build/rapport" install BUILD="$build" \
	DESTDIR="$dest" PREFIX=/opt/rapport >"$work/out" 2>&1 ||
	{ fail "make install"; cat "$work/out"; }
prog=$dest/opt/rapport/bin/rapport
share=$dest/opt/rapport/share/rapport
[ -x "$prog" ] || fail "no program at $prog"
[ -f "$share/schema/rapport.rng" ] || fail "no schema installed"
[ -f "$share/inside-relationships/course.xml" ] || fail "no course installed"
[ -f "$share/inside-relationships/lessons/02-partners.xml" ] || fail "subfolders not installed"
[ -f "$dest/opt/rapport/share/man/man1/rapport.1" ] || fail "no man page installed"
writable=$(find "$share" -type f -perm /222 | head -3)
[ -z "$writable" ] || fail "course files are writable: $writable"
cmp -s content/inside-relationships/quiz.xml "$share/inside-relationships/quiz.xml" ||
	fail "installed quiz differs"

# the installed program, run from elsewhere, finds the installed course
(cd / && env -u RAPPORT_CONTENT $WRAP "$prog" validate) >"$work/out" 2>&1 ||
	{ fail "installed rapport validate"; cat "$work/out"; }
expect_output "^$share/inside-relationships: .*: (ok|[0-9]+ warnings?)" "installed course found"

make -s --no-print-directory uninstall DESTDIR="$dest" PREFIX=/opt/rapport >/dev/null 2>&1 ||
	fail "make uninstall"
left=$(find "$dest" -type f | head -3)
[ -z "$left" ] || fail "uninstall left files: $left"
finish
