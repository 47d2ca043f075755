#!/bin/sh
# npm-tools.sh - install the test tools that come from npm, pinned by
# tests/npm/package-lock.json, into build/npm: Learning Locker's xAPI
# validator and statements service (a real learning record store for the
# send and merge tests) and the gift-pegjs GIFT parser the import tests
# compare against. rapport itself never needs node; only its tests do.
# Called by make check, sanitize and valgrind; does nothing when the
# installed tools already match the lock file.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
dir=$top/build/npm
stamp=$dir/node_modules/.rapport-lock

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	"$top/scripts/deps.sh" node
fi
if [ -f "$stamp" ] && cmp -s "$stamp" "$top/tests/npm/package-lock.json"; then
	exit 0
fi
echo "npm-tools: installing the npm test tools into build/npm (pinned by tests/npm/package-lock.json)"
mkdir -p "$dir"
cp "$top/tests/npm/package.json" "$top/tests/npm/package-lock.json" "$dir/"
# --ignore-scripts: nothing of theirs runs at install; the tools are
# plain JavaScript
(cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error \
	--engine-strict=false)
cp "$top/tests/npm/package-lock.json" "$stamp"
