#!/bin/bash
# What a fresh machine meets: scripts/deps.sh says which packages are
# missing and why before apt-get runs, and a build without a library stops
# on pkg-config's own message naming it, not on a compiler error.
. "$(dirname "$0")/lib.sh"

# ---- a build with the libraries out of pkg-config's sight ----
mkdir -p "$work/no-pc"
PKG_CONFIG_LIBDIR=$work/no-pc make -s --no-print-directory BUILD="$work/b" \
	"$work/b/rapport" >"$work/out" 2>&1 && fail "a build without libraries succeeded"
expect_output "^Package 'jansson'.* not found|^Package jansson was not found" \
	"pkg-config names the missing library"
expect_output "^rapport: the libraries above are missing; on Debian, scripts/deps.sh" \
	"the Makefile says how to get them"
grep -q 'error:\|fatal error' "$work/out" && fail "a compiler error instead of pkg-config's"
[ -e "$work/b/src" ] && fail "something was compiled"

# ---- deps.sh on a machine missing two packages ----
fake=$work/fake
mkdir -p "$fake"
cat >"$fake/dpkg-query" <<'SH'
#!/bin/sh
case "$*" in *libjansson-dev*|*mandoc*) exit 1 ;; esac
printf 'install ok installed'
SH
cat >"$fake/apt-get" <<SH
#!/bin/sh
echo "apt-get \$*" >>"$work/apt.log"
SH
cat >"$fake/id" <<'SH'
#!/bin/sh
echo 0
SH
chmod +x "$fake"/*
PATH=$fake:$PATH scripts/deps.sh >"$work/out" 2>&1 || fail "deps.sh: exit $?"
expect_output "^deps: these Debian packages are missing, and apt-get will install them:$" \
	"deps.sh says what it is about to do"
expect_output "^  libjansson-dev +for JSON results and exports \(jansson\)$" \
	"deps.sh says why jansson"
expect_output "^  mandoc +to check the man page" "deps.sh says why mandoc"
grep -q 'libxml2-dev' "$work/out" && fail "deps.sh lists a package that is there"
[ "$(cat "$work/apt.log" 2>/dev/null)" = \
	"apt-get install -y --no-install-recommends libjansson-dev mandoc" ] ||
	fail "apt-get was not asked for exactly the missing two: $(cat "$work/apt.log" 2>/dev/null)"
# nothing missing: nothing said, nothing run
cat >"$fake/dpkg-query" <<'SH'
#!/bin/sh
printf 'install ok installed'
SH
rm -f "$work/apt.log"
PATH=$fake:$PATH scripts/deps.sh >"$work/out" 2>&1 || fail "deps.sh with everything: exit $?"
[ -s "$work/out" ] && fail "deps.sh spoke with nothing missing: $(cat "$work/out")"
[ -e "$work/apt.log" ] && fail "apt-get ran with nothing missing"
finish
