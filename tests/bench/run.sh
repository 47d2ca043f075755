#!/bin/sh
# run.sh BUILD - the benchmarks (make bench): rapport against xmllint and
# the sqlite3 shell, measured in the same run. Prints a report; exits 0
# when it measured, whatever the ratios, and non-zero only when it could
# not. The work is in bench.py; docs/performance.md explains the numbers.
set -eu
here=$(dirname "$0")
if [ $# -ne 1 ]; then
	echo "usage: $0 BUILD" >&2
	exit 2
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "bench: cannot measure without python3" >&2
	exit 1
fi
exec python3 "$here/bench.py" "$1"
