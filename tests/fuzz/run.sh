#!/bin/bash
# run.sh - runs every libFuzzer harness of tests/fuzz for a while.
#
# usage: tests/fuzz/run.sh BUILD SECONDS [NAME...]
#
# Each harness BUILD/fuzz_NAME (all five unless NAMEs are given) starts from its seeds (the shipped course
# and every content fixture for the loader; tests/fuzz/seed/NAME for the
# others) and what earlier runs found (BUILD/corpus/NAME), plus the
# regression inputs in tests/fuzz/regress/NAME. The loader's fuzzer gets
# a dictionary of the format's element and attribute names, read from the
# schema so it never falls behind. A finding is any crash, sanitizer
# report, leak, input taking over 1 s, or input using over 512 MB; it is
# saved as BUILD/findings/NAME-*, and the run fails. Once fixed, copy the
# input into tests/fuzz/regress/NAME: `make check` replays it from then on.
set -u
cd "$(dirname "$0")/../.." || exit 2
build=${1:?usage: tests/fuzz/run.sh BUILD SECONDS}
seconds=${2:?usage: tests/fuzz/run.sh BUILD SECONDS}
shift 2
names=${*:-content answer text merge gift import}
schema=content/schema/rapport.rng

mkdir -p "$build/findings"

# The dictionary: "<name", "</name>" for elements, "name=\"" for
# attributes, and the XML that a course file is made of.
dict=$build/content.dict
{
	grep -o '<element name="[^"]*"' "$schema" | sed 's/.*name="\(.*\)"/\1/' |
		sort -u | while read -r e; do
		printf '"<%s"\n"</%s>"\n' "$e" "$e"
	done
	grep -o '<attribute name="[^"]*"' "$schema" | sed 's/.*name="\(.*\)"/\1/' |
		sort -u | while read -r a; do
		printf '"%s=\\""\n' "$a"
	done
	printf '%s\n' '"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"' \
		'"<![CDATA["' '"]]>"' '"<!--"' '"-->"' '"<!DOCTYPE"' \
		'"&amp;"' '"&#x"' '"xmlns=\""' '"format=\"1\""' '"true"' \
		'"false"' '"/>"'
} >"$dict"

# The merge fuzzer's dictionary: every field name of an export, and the
# words and values they take, read from the reader itself so that it
# never falls behind.
grep -o '"[a-z_]*"' src/core/record_read.c | grep -v '^""$' | sort -u >"$build/merge.dict"
printf '%s\n' '"\"1970-01-01T00:00:00Z\""' \
	'"\"0f8fad5b-d9cb-469f-a165-70867728950e\""' '"\"rapport-export-1\""' \
	'"1e308"' '"-0"' '"null"' '"true"' '"false"' '"\\u0000"' '"\\ud800"' \
	'"\xef\xbb\xbf"' >>"$build/merge.dict"

# ASan keeps 256 MB of freed memory in quarantine by default, which over
# a long run would push the process past the 512 MB limit with no input
# to blame; a smaller quarantine still catches use after free.
export ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=32:malloc_context_size=20}

failed=0
for name in $names; do
	bin=$build/fuzz_$name
	corpus=$build/corpus/$name
	mkdir -p "$corpus"
	case $name in
	content)
		seeds="content tests/content"
		extra="-dict=$dict -max_len=131072"
		;;
	answer)
		seeds=tests/fuzz/seed/answer
		extra="-max_len=512"
		;;
	text)
		seeds=tests/fuzz/seed/text
		extra="-max_len=8192"
		;;
	merge)
		seeds=tests/fuzz/seed/merge
		extra="-dict=$build/merge.dict -max_len=65536"
		;;
	gift)
		seeds=tests/fuzz/seed/gift
		extra="-max_len=16384"
		;;
	import)
		seeds=tests/fuzz/seed/import
		extra="-max_len=32768"
		;;
	esac
	log=$build/fuzz_$name.log
	# shellcheck disable=SC2086
	"$bin" -max_total_time="$seconds" -timeout=1 -rss_limit_mb=512 \
		-malloc_limit_mb=512 -print_final_stats=1 \
		-artifact_prefix="$build/findings/$name-" $extra \
		"$corpus" $seeds "tests/fuzz/regress/$name" >"$log" 2>&1
	status=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	size=$(find "$corpus" -type f | wc -l)
	if [ $status -eq 0 ]; then
		echo "fuzz $name: ${runs:-?} runs in ${seconds}s, corpus $size, no finding"
	else
		echo "fuzz $name: FINDING (exit $status) after ${runs:-?} runs; see $log"
		grep -aE '^(==[0-9]+==ERROR|fuzz_[a-z]+: |  [^ ].*: error: |SUMMARY|.*Test unit written)' "$log" |
			head -12 | sed 's/^/    /'
		failed=1
	fi
done
exit $failed
