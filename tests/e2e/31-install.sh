#!/bin/bash
# make install puts the program, the course and the schema (0644), the man
# page (its FILES naming PREFIX) and the docs under DESTDIR/PREFIX; the
# installed program finds its course from any folder; make uninstall
# removes everything it put there and nothing else.
. "$(dirname "$0")/lib.sh"

dest=$work/stage
# somebody else's files, where rapport's go too
mkdir -p "$dest/opt/rapport/share/doc/other" "$dest/opt/rapport/share/man/man1"
echo keep >"$dest/opt/rapport/share/doc/other/README"
echo keep >"$dest/opt/rapport/share/man/man1/other.1"
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
modes=$(find "$share" -type f ! -perm 0644 | head -3)
[ -z "$modes" ] || fail "data files not 0644: $modes"
man=$dest/opt/rapport/share/man/man1/rapport.1
grep -q '^\.I /opt/rapport/share/rapport/$' "$man" ||
	fail "the man page's FILES does not name the PREFIX's data folder"
grep -q '^\.I /opt/rapport/share/bash\\-completion/completions/rapport$' "$man" ||
	fail "the man page's FILES does not name the PREFIX's completion"
grep -q '/usr/local' "$man" && fail "the man page still names /usr/local"
for f in README.md COPYING content-format.md stats.md; do
	[ -f "$dest/opt/rapport/share/doc/rapport/$f" ] || fail "doc $f not installed"
done
cmp -s content/inside-relationships/quiz.xml "$share/inside-relationships/quiz.xml" ||
	fail "installed quiz differs"
comp=$dest/opt/rapport/share/bash-completion/completions/rapport
[ -f "$comp" ] && [ "$(stat -c %a "$comp")" = 644 ] ||
	fail "no bash completion (0644) where bash-completion looks: $comp"
# the installed completion, in bash, asks the installed program
got=$(cd / && bash -c '. "$1"; COMP_WORDS=("$2" quiz ""); COMP_CWORD=2; _rapport
	echo "${COMPREPLY[*]}"' - "$comp" "$prog" 2>&1)
[ "$got" = knowledge-check ] || fail "installed completion of 'quiz ': '$got'"

# the installed program, run from elsewhere, finds the installed course
(cd / && env -u RAPPORT_CONTENT $WRAP "$prog" validate) >"$work/out" 2>&1 ||
	{ fail "installed rapport validate"; cat "$work/out"; }
expect_output "^$share/inside-relationships: .*: (ok|[0-9]+ warnings?)" "installed course found"

make -s --no-print-directory uninstall DESTDIR="$dest" PREFIX=/opt/rapport >/dev/null 2>&1 ||
	fail "make uninstall"
left=$(find "$dest" -type f ! -name README ! -name other.1 | head -3)
[ -z "$left" ] || fail "uninstall left files: $left"
[ -f "$dest/opt/rapport/share/doc/other/README" ] && [ -f "$dest/opt/rapport/share/man/man1/other.1" ] ||
	fail "uninstall removed somebody else's files"
[ -d "$dest/opt/rapport/share/rapport" ] && fail "uninstall left the data folder"
[ -d "$dest/opt/rapport/share/doc/rapport" ] && fail "uninstall left the doc folder"
[ -d "$dest/opt/rapport/share/bash-completion" ] && fail "uninstall left the completion folder"

# as a distribution packages it: PREFIX=/usr into a staging DESTDIR, then
# uninstall with the same variables leaves an empty tree
dest=$work/usr-stage
make -s --no-print-directory -o "$build/rapport" install BUILD="$build" \
	DESTDIR="$dest" PREFIX=/usr >"$work/out" 2>&1 ||
	{ fail "make install PREFIX=/usr"; cat "$work/out"; }
[ -f "$dest/usr/share/bash-completion/completions/rapport" ] ||
	fail "PREFIX=/usr: completion not in /usr/share/bash-completion/completions"
grep -q '^\.I /usr/share/rapport/$' "$dest/usr/share/man/man1/rapport.1" ||
	fail "PREFIX=/usr: the man page's FILES"
make -s --no-print-directory uninstall DESTDIR="$dest" PREFIX=/usr >/dev/null 2>&1 ||
	fail "make uninstall PREFIX=/usr"
left=$(find "$dest" -mindepth 1 ! -type d | head -3)
[ -z "$left" ] || fail "PREFIX=/usr: uninstall left $left"
left=$(cd "$dest" && find . -mindepth 1 -type d | grep -E 'rapport|bash-completion' | head -3)
[ -z "$left" ] || fail "PREFIX=/usr: uninstall left folders: $left"
finish
