#!/bin/bash
# A results database that fails under a command is said, with exit 1,
# never taken for "nothing there": the path, 'next' and the review queue
# over a database whose tables were taken away.
. "$(dirname "$0")/lib.sh"

course=tests/content/good/minimal.xml
fresh() {
	rm -f "$work"/s.db*
	$RAPPORT --db "$work/s.db" --content "$course" path >/dev/null 2>&1
	sqlite3 "$work/s.db" "DROP TABLE $1;"
}

fresh review
expect_exit 1 "path with no review table" $RAPPORT --db "$work/s.db" --content "$course" path
expect_output "^rapport: the path's progress cannot be read: .*no such table: review" \
	"path says why"
expect_exit 1 "review with no review table" $RAPPORT --db "$work/s.db" --content "$course" review
expect_output "^rapport: .*no such table: review" "review says why"

fresh lesson_reads
expect_exit 1 "path with no reading list" $RAPPORT --db "$work/s.db" --content "$course" path
expect_output "^rapport: the path's progress cannot be read: .*lesson_reads" "path says why"
expect_exit 1 "next with no reading list" $RAPPORT --db "$work/s.db" --content "$course" next
grep -q "Question\|Step 1" "$work/out" && fail "next went on as if nothing was read"

fresh path_progress
expect_exit 1 "path with no record of steps" $RAPPORT --db "$work/s.db" --content "$course" path
expect_output "path_progress" "path names the missing table"
finish
