#!/bin/bash
# The command line: help, version, exit codes for usage errors, and
# arguments that carry escape sequences shown harmlessly.
. "$(dirname "$0")/lib.sh"

expect_exit 0 "--help" $RAPPORT --help
expect_output '^usage: rapport \[OPTION\.\.\.\] \[COMMAND \[ARG\.\.\.\]\]' "--help usage"
expect_output '^  validate +check courses' "--help lists commands from the table"

expect_output "^Report a problem to your course's maintainer" "--help says where to report a problem"

expect_exit 0 "--version" $RAPPORT --version
expect_output '^rapport [0-9]+\.[0-9]+\.[0-9]+$' "--version"
expect_output '^Copyright \(C\) [0-9]{4} ' "--version: copyright"
expect_output '^License GPLv3\+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>\.$' "--version: licence"
expect_output '^There is NO WARRANTY, to the extent permitted by law\.$' "--version: no warranty"
[ -f COPYING ] && grep -q 'GNU GENERAL PUBLIC LICENSE' COPYING && grep -q 'Version 3, 29 June 2007' COPYING ||
	fail "COPYING holds the GPL version 3"

expect_exit 0 "help" $RAPPORT help
expect_output '^  validate \[--werror\] \[--guessers \[--runs N\]\] \[PATH\.\.\.\]$' "help lists validate, its long usage on a line of its own"
expect_output '^ {28}check courses and report every problem' "and its summary in the second column"
expect_output '^  quiz QUIZ {17}take a quiz and see your score$' "a short usage beside its summary"
expect_exit 0 "help validate" $RAPPORT help validate
expect_output '^validate \[--werror\] \[--guessers \[--runs N\]\] \[PATH\.\.\.\]$' "help for one command"
expect_exit 2 "help for no such command" $RAPPORT help frobnicate
expect_output "^rapport: no command 'frobnicate'$" "help names the unknown command"
expect_exit 2 "help with two arguments" $RAPPORT help validate extra
expect_output '^usage: rapport help \[COMMAND\]$' "usage line for help"

expect_exit 2 "unknown option" $RAPPORT --frobnicate
expect_output "^rapport: unknown or incomplete option '--frobnicate'$" "unknown option named"
expect_exit 2 "option without its argument" $RAPPORT --content
expect_exit 2 "bad seed" $RAPPORT --seed -4 validate
expect_output "^rapport: --seed needs a whole number, not '-4'$" "bad seed named"
expect_exit 2 "a seed with a space and a sign" $RAPPORT --seed ' -1' validate
expect_output "^rapport: --seed needs a whole number, not ' -1'$" "' -1' is not 2^64-1"
expect_exit 2 "a seed past 2^64" $RAPPORT --seed 18446744073709551616 validate
expect_exit 2 "unknown command" $RAPPORT frobnicate
expect_output "^rapport: unknown command 'frobnicate'; 'rapport help' lists them$" "unknown command named"

expect_exit 1 "missing content folder" $RAPPORT --content "$work/none" validate
expect_output "^rapport: content folder '.*/none' does not exist$" "missing content folder named"
mkdir "$work/empty"
expect_exit 1 "content folder without courses" $RAPPORT --content "$work/empty" validate
expect_output "empty: error: no course here" "empty content folder"
expect_exit 1 "missing file" $RAPPORT validate "$work/none.xml"
expect_output "none.xml: error: cannot open the file: No such file or directory" "missing file"

# escape sequences in arguments never reach the terminal raw
expect_exit 2 "escape in a command name" $RAPPORT $'\e]0;pwned\a\e[2Jx'
no_control_bytes "escape in a command name"
expect_exit 2 "C1 and bidi in an option" $RAPPORT $'--\xc2\x9b31m\xe2\x80\xaex'
no_control_bytes "C1 and bidi in an option"
expect_exit 1 "escape in a path" $RAPPORT validate $'\e[31m/nowhere.xml'
no_control_bytes "escape in a path"

# outside a UTF-8 locale, rapport's own text is plain ASCII: '#' bars, '-'
# separators, '...' (the minimal course is ASCII itself)
m=tests/content/good/minimal.xml
printf 'skip\nskip\nskip\nskip\nskip\nskip\n3\n1\nread ask-first\nshow q-late\nlessons\n' >"$work/in"
{
	LC_ALL=C $RAPPORT --seed 3 --content $m quiz check <"$work/in"
	printf '3\n1\n' | LC_ALL=C $RAPPORT --content $m assess habits
	printf 'read ask-first\nshow q-late\nlessons\n' | LC_ALL=C $RAPPORT --content $m
} >"$work/out" 2>&1
LC_ALL=C grep -q -P '[\x80-\xff]' "$work/out" && fail "non-ASCII output in the C locale"
expect_output '^  Respect  \.\.\.\.\.\.\.\.\.\.\.\.\.\.\.\.\.\.\.\.   0%' "an ASCII bar"
expect_output '^  Respect  #################### 100$' "an ASCII bar in the self-assessment"
expect_output '^Question 2 of 6 - Respect - choose all that apply$' "ASCII separators"
expect_output '^  \| Sam left six rush orders' "an ASCII story bar"

# with no command and no terminal, rapport runs the commands it is given
expect_exit 0 "no command, empty input" $RAPPORT </dev/null
[ -s "$work/out" ] && fail "no command, empty input: printed something"
printf 'quizzes\n' >"$work/in"
expect_exit 0 "no command, one command piped" $RAPPORT <"$work/in"
expect_output '^  knowledge-check +Knowledge check' "piped command ran"
expect_exit 0 "--answers as the script" $RAPPORT --answers "$work/in"
expect_output '^Quizzes$' "--answers script ran"
expect_exit 2 "--answers that cannot be read" $RAPPORT --answers "$work/none" quizzes
expect_output "^rapport: cannot read '.*/none': No such file or directory$" "--answers error"
expect_exit 2 "--answers naming a folder" $RAPPORT --answers "$work/empty" quizzes
expect_output "^rapport: cannot read '.*/empty': it is a folder$" "--answers folder named"

# a full standard output is an error that says so, whatever wrote to it
for args in --help --version lessons "export --all"; do
	# shellcheck disable=SC2086
	$RAPPORT --db "$work/full.db" $args >/dev/full 2>"$work/out"
	got=$?
	[ "$got" -eq 1 ] || fail "$args into /dev/full: exit $got, wanted 1"
	expect_output '^rapport: cannot write the output: No space left on device$' \
		"$args into /dev/full says why"
done
# an id of another kind is named for what it is
expect_exit 1 "quiz given a lesson's id" $RAPPORT --db "$work/kind.db" quiz the-inside-team
expect_output "^rapport: 'the-inside-team' is a lesson, not a quiz$" "a lesson is not a quiz"
expect_exit 1 "meeting given a quiz's id" $RAPPORT --db "$work/kind.db" meeting knowledge-check
expect_output "^rapport: 'knowledge-check' is a quiz, not an exercise$" \
	"a quiz is not an exercise"
finish
