#!/bin/sh
# deps.sh - install the Debian packages rapport needs to build and test,
# only those that are missing, after saying which and why. Called by
# `make run`, `make check` and the other test targets; safe to run again.
# With an argument it installs what one other target needs instead:
# `browser` Chromium and a font to render with, `fuzz` clang and its
# libFuzzer runtime, `bench` the tools the benchmarks measure and time with,
# `format` clang-format, `node` Node.js and npm for the test tools that come
# from npm (scripts/npm-tools.sh asks for them only when node or npm is not
# there at all, so a Node.js from elsewhere is used as it is).
set -eu

# each line: a package, then what rapport needs it for
base="gcc               to compile rapport
make              to build it
pkg-config        to find the libraries below
libxml2-dev       to read and check course files (libxml2)
libreadline-dev   for the shell's line editing and history (GNU readline)
libsqlite3-dev    to keep results (SQLite)
libjansson-dev    for JSON results and exports (jansson)
uuid-dev          for attempt and statement ids (libuuid)
libmicrohttpd-dev for the live meeting's web server (GNU libmicrohttpd)
libqrencode-dev   for the live meeting's QR code (libqrencode)
libcurl4-openssl-dev for send: statements to a learning record store (libcurl)
libcmocka-dev     for the unit tests (cmocka)
python3           for the end-to-end tests
python3-pexpect   to drive the shell through a pseudo-terminal in tests
libxml2-utils     xmllint, to check the schema and exports in tests
sqlite3           to look inside the results database in tests
valgrind          for make valgrind
gzip              to make compressed files the loader must refuse, in tests
libfaketime       to move the clock in the review and time-limit tests
r-cran-psych      R's psych package, the reference for the item statistics tests
mandoc            to check the man page (mandoc -Tlint) in tests
zbar-tools        to read the live meeting's QR code back in tests
openssl           to make a certificate for the tests of send over TLS"
case "${1:-}" in
browser) table="chromium          to render the HTML report and the live meeting's pages in tests
fonts-dejavu-core a font for those renderings
python3-websocket to drive Chromium through its DevTools protocol, as phones" ;;
fuzz) table="clang             to build the libFuzzer harnesses
libclang-rt-14-dev  the libFuzzer runtime" ;;
format) table="clang-format      to lay out the C sources (make format, format-check)" ;;
node) table="nodejs            to run the test tools from npm (xAPI validator, a learning record store)
npm               to install them, pinned, into build/npm" ;;
bench) table="libxml2-utils     xmllint, the loader's baseline
sqlite3           the store's baseline
time              to measure memory
hyperfine         to time the benchmarks
curl              the baseline of send, posting the same batches" ;;
"") table=$base ;;
*)
	echo "deps: no such set of packages: $1" >&2
	exit 2
	;;
esac
packages=$(printf '%s\n' "$table" | awk '{ print $1 }')

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "deps: not a Debian system; install these yourself:" >&2
	printf '%s\n' "$table" | sed 's/^/  /' >&2
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

echo "deps: these Debian packages are missing, and apt-get will install them:"
for p in $missing; do
	printf '%s\n' "$table" | awk -v p="$p" '$1 == p { print "  " $0 }'
done
if [ "$(id -u)" -eq 0 ]; then
	sudo=
elif command -v sudo >/dev/null 2>&1; then
	sudo=sudo
	echo "deps: through sudo, which may ask for your password"
else
	echo "deps: I am not root and there is no sudo; install them yourself:" >&2
	echo "  apt-get install$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
if ! $sudo apt-get install -y --no-install-recommends $missing; then
	$sudo apt-get update
	# shellcheck disable=SC2086
	$sudo apt-get install -y --no-install-recommends $missing
fi
