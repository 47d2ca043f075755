#!/bin/bash
# Completion on the command line: completions/rapport in bash, which asks
# the program (rapport __complete), offers the commands (not the shell's
# own), each command's options, an option's choices, the course's ids for
# the command's argument and file names where a file goes, all from the
# command table.
. "$(dirname "$0")/lib.sh"

meeting=tests/content/good/meeting.xml
# complete WORD...: what bash offers for the last word, one line
complete_() {
	PATH=$(dirname "$RAPPORT_BIN"):$PATH bash -c '
		. completions/rapport
		COMP_WORDS=(rapport "$@"); COMP_CWORD=$#; _rapport
		printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' - "$@"
}

# want DESCRIPTION EXPECTED WORD...
want() {
	local what=$1 expected=$2 got
	shift 2
	got=$(complete_ "$@")
	got=${got% }
	[ "$got" = "$expected" ] || fail "$what: got '$got', wanted '$expected'"
}

want "commands starting qu" "quiz quizzes" qu
want "the shell's own commands are left out (quit)" "quiz quizzes" qui
want "nor reload" "" relo
want "every command line command" \
	"$(printf '%s\n' assess assessments exercises export export-bank help history import lessons \
		meeting merge next path practice progress quiz quizzes read report \
		review send show stats users validate | tr '\n' ' ' | sed 's/ $//')" ""
want "a command's options" "--format" export --f
want "an option's alias counts as the option" "json" export -f j
want "an option's choices" "csv json xapi" export --format ""
want "options after other options" "--since" report --all --s
want "review's one option" "--all" review -
want "the global options" "--content" --co
want "the quiz ids of the shipped course" "knowledge-check" quiz ""
want "--content picks the course" "weekly" --content "$meeting" meeting ""
want "--content=DIR too" "weekly" --content="$meeting" practice ""
want "a meeting's formats, of the exercise named" "quick" --content "$meeting" meeting weekly --format ""
want "the shipped formats" "week-01 week-02 week-03 week-04 week-05 week-06 week-07 week-08 week-09 week-10" meeting team-meeting --format "week-"
want "meeting's options" "--listen --live" meeting --l
want "--resume" "--resume" meeting --r
want "stats takes any activity" "knowledge-check self-check team-meeting" stats --all ""
want "one id, then nothing" "" quiz knowledge-check ""
want "help completes commands" "read report review" help re
want "show completes every id" "sc-drop-off" show sc-drop
want "a broken course offers nothing and says nothing" "" --content /nonexistent quiz ""

# file names where a file goes
mkdir -p "$work/files/sub"
: >"$work/files/results.json"
want "-o takes a file" "$work/files/results.json" export -o "$work/files/res"
want "merge takes files" "$work/files/results.json" merge "$work/files/res"
want "validate takes folders" "$work/files/sub" validate "$work/files/su"
want "--db takes a file" "$work/files/results.json" --db "$work/files/r"

# the program's own answer: one candidate a line, @files first for a file
out=$($RAPPORT __complete export -o "" 2>&1)
[ "$out" = @files ] || fail "__complete for -o: '$out'"
out=$($RAPPORT __complete --content "$meeting" meeting w 2>&1)
[ "$out" = weekly ] || fail "__complete for meeting w: '$out'"
# completion opens no database and makes no file
home_files=$(find "$HOME" -type f 2>/dev/null | wc -l)
$RAPPORT __complete quiz "" >/dev/null 2>&1
[ "$(find "$HOME" -type f 2>/dev/null | wc -l)" = "$home_files" ] ||
	fail "completion wrote a file under HOME"
finish
