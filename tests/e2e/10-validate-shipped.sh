#!/bin/bash
# The shipped course validates without errors or item-writing warnings, by
# default and by path, and is as big as the product brief asks.
. "$(dirname "$0")/lib.sh"

expect_exit 0 "validate with no path" $RAPPORT validate
expect_output '^content/inside-relationships: [0-9]+ lessons, [0-9]+ questions, [0-9]+ statements, [0-9]+ scenarios, 1 path: ok$' "summary line, no warnings"
grep -q ': error:' "$work/out" && fail "validate found errors"
grep -q ': warning:' "$work/out" && fail "validate found warnings"
expect_exit 0 "validate --werror" $RAPPORT validate --werror
expect_output ': ok$' "--werror summary"

line=$(tail -n 1 "$work/out")
count() { echo "$line" | grep -Eo "[0-9]+ $1" | grep -Eo '^[0-9]+'; }
[ "$(count lessons)" -ge 6 ] || fail "fewer than 6 lessons"
[ "$(count questions)" -ge 30 ] || fail "fewer than 30 questions"
[ "$(count statements)" -ge 18 ] || fail "fewer than 18 statements"
[ "$(count scenarios)" -ge 8 ] || fail "fewer than 8 scenarios"

expect_exit 0 "validate the course folder" $RAPPORT validate content/inside-relationships
expect_output ': (ok|[0-9]+ warnings?).*$' "folder summary"

expect_exit 0 "validate the content root" $RAPPORT validate content
expect_output '^content/inside-relationships: .*: (ok|[0-9]+ warnings?)' "content root summary"

# a file inside the folder checks the whole course
expect_exit 0 "validate one lesson file" $RAPPORT validate content/inside-relationships/lessons/02-partners.xml
expect_output '^content/inside-relationships: .*: (ok|[0-9]+ warnings?)' "one file checks its course"

# several paths: each gets its summary; one bad one makes the status 1
expect_exit 1 "validate good and bad" $RAPPORT validate content/inside-relationships tests/content/bad/pool-empty.xml
expect_output '^content/inside-relationships: .*: (ok|[0-9]+ warnings?)' "good one still ok"
expect_output '^tests/content/bad/pool-empty.xml: .*: 1 error$' "bad one reported"

# from another folder, through --content and RAPPORT_CONTENT
top=$PWD
(cd / && $RAPPORT --content "$top/content" validate) >"$work/out" 2>&1 || fail "--content from /"
expect_output "^$top/content/inside-relationships: .*: (ok|[0-9]+ warnings?)" "--content summary"
(cd / && RAPPORT_CONTENT="$top/content" $RAPPORT validate) >"$work/out" 2>&1 || fail "RAPPORT_CONTENT from /"
expect_output ": (ok|[0-9]+ warnings?)" "RAPPORT_CONTENT summary"
finish
