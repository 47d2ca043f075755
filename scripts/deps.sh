#!/bin/sh
# deps.sh - install the Debian packages rapport needs to build and test,
# only those that are missing. Called by `make run`, `make check` and the
# other test targets; safe to run again. With an argument it installs what
# one other target needs instead: `browser` Chromium and a font to render
# with, `fuzz` clang and its libFuzzer runtime, `bench` the tools the
# benchmarks measure and time with.
set -eu

packages="gcc make pkg-config libxml2-dev libxml2-utils libreadline-dev
libsqlite3-dev sqlite3 libcmocka-dev libjansson-dev uuid-dev python3 python3-pexpect
valgrind gzip libfaketime r-cran-psych
mandoc"
case "${1:-}" in
browser) packages="chromium fonts-dejavu-core" ;;
fuzz) packages="clang libclang-rt-14-dev" ;;
bench) packages="libxml2-utils sqlite3 time hyperfine" ;;
"") ;;
*)
	echo "deps: no such set of packages: $1" >&2
	exit 2
	;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "deps: not a Debian system; install these yourself: $packages" >&2
	exit 0
fi

missing=
for p in $packages; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$status" in
	*" installed") ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0

echo "deps: installing:$missing"
if [ "$(id -u)" -eq 0 ]; then
	sudo=
elif command -v sudo >/dev/null 2>&1; then
	sudo=sudo
else
	echo "deps: these packages are missing and I am not root:$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
if ! $sudo apt-get install -y --no-install-recommends $missing; then
	$sudo apt-get update
	# shellcheck disable=SC2086
	$sudo apt-get install -y --no-install-recommends $missing
fi
