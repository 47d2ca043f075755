#!/bin/bash
# The course, the docs and the README are written in our own words: no run
# of 8 or more words copied from the source article.
. "$(dirname "$0")/lib.sh"

tool=../shared/tools/seed-overlap
if [ ! -x "$tool" ]; then
	echo "skip: $tool is not here"
	exit 77
fi
"$tool" content docs README.md >"$work/out" 2>&1 || { fail "seed-overlap"; cat "$work/out"; }
finish
