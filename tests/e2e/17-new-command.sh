#!/bin/bash
# docs/HACKING.md's example command really is one new file and one line:
# a copy of the tree with the guide's hello.c added to src/cmd/ and
# CMD(hello) to src/cmd/list.h builds, and the command, its option, its
# help, its usage line and its completion all work.
. "$(dirname "$0")/lib.sh"

tree=$work/tree
mkdir -p "$tree"
cp -r Makefile src content scripts "$tree/"
# the example, exactly as the guide shows it
awk '/^```c$/ { grab = 1; next } /^```$/ { grab = 0 } grab' docs/HACKING.md \
	>"$tree/src/cmd/hello.c"
grep -q 'cmd_hello_entry' "$tree/src/cmd/hello.c" || fail "no example in docs/HACKING.md"
sed -i 's/^CMD(help)$/CMD(hello)\nCMD(help)/' "$tree/src/cmd/list.h"
changed=$(diff -r src "$tree/src" | grep -c '^Only in\|^[0-9]')
[ "$changed" -eq 2 ] || fail "the example changed $changed places, not a file and a line"

(cd "$tree" && make -s --no-print-directory -j2 WERROR=1 BUILD=b b/rapport) \
	>"$work/out" 2>&1 || { fail "the tree with the example does not build"; cat "$work/out"; }
hello=$tree/b/rapport
expect_exit 0 "hello" env USER=ana "$hello" --content content hello
expect_output "^Hello, ana\.$" "hello greets"
expect_exit 0 "hello -g" "$hello" --user ana --content content hello -g Welcome
expect_output "^Welcome, ana\.$" "the option's alias"
expect_exit 0 "hello --greeting=Hi" "$hello" --user ana --content content hello --greeting=Hi
expect_output "^Hi, ana\.$" "the option with ="
expect_exit 2 "hello --loud" "$hello" --user ana --content content hello --loud
expect_output "hello: no option '--loud'" "an unknown option refused"
expect_output "^usage: rapport hello \[--greeting WORD\]$" "the usage line"
expect_exit 2 "hello stray" "$hello" --content content hello stray
expect_output "hello: unexpected 'stray'" "a stray word refused"
expect_exit 0 "help" "$hello" help
expect_output "^  hello \[--greeting WORD\] +say hello$" "help lists it"
expect_exit 0 "help hello" "$hello" help hello
expect_output "^  say hello$" "help explains it"
[ "$("$hello" __complete hel)" = "$(printf 'hello\nhelp')" ] || fail "completion of hel"
[ "$("$hello" __complete hello --g)" = "--greeting" ] || fail "completion of its option"
finish
