#!/bin/bash
# Hostile and broken files made on the spot (binary, links, special files,
# sizes that do not belong in git), each refused with a located message and
# a non-zero exit, never a crash or a hang. The checked-in ones (entity
# bombs, XXE, XInclude, invalid UTF-8) are golden fixtures in
# tests/content/bad/.
. "$(dirname "$0")/lib.sh"

good=tests/content/good/minimal.xml
h=$work/hostile
mkdir -p "$h"

# refused FILE PATTERN: validate FILE exits 1 with a line matching PATTERN
# and prints no raw control byte. timeout only guards against a hang.
refused() {
	expect_exit 1 "$1" timeout 60 $RAPPORT validate "$1"
	expect_output "$2" "$1"
	no_control_bytes "$1"
}

gzip -c "$good" >"$h/gzip.xml"
refused "$h/gzip.xml" '/gzip.xml:1:1: error: the file is gzip-compressed'

if command -v xz >/dev/null; then
	xz -c "$good" >"$h/xz.xml"
	refused "$h/xz.xml" '/xz.xml:1:1: error: the file is xz-compressed'
fi

ln -s /etc/passwd "$h/link.xml"
refused "$h/link.xml" '/link.xml: error: the file is a symbolic link'

mkfifo "$h/fifo.xml"
refused "$h/fifo.xml" '/fifo.xml: error: not a regular file'

mkdir "$h/folder.xml"
refused "$h/folder.xml" '/folder.xml: error: no course here'

: >"$h/empty.xml"
refused "$h/empty.xml" '/empty.xml:1:1: error: the file is empty'

python3 - "$h" <<'PY'
import sys
d = sys.argv[1]
head = ('<course id="t"><title>T</title>'
        '<competency id="c"><name>C</name></competency>'
        '<lesson id="l" competency="c"><title>L</title><section><p>')
tail = '</p></section></lesson></course>\n'
open(d + '/big-text.xml', 'w').write(head + 'x' * (2 << 20) + tail)
open(d + '/deep.xml', 'w').write('<course id="t">' + '<a>' * 10000 + '</a>' * 10000 + '</course>\n')
open(d + '/too-big.xml', 'w').write('<course id="t"><title>' + 'y' * (5 << 20) + '</title></course>\n')
open(d + '/too-many-lines.xml', 'w').write('<course id="t">' + '\n' * 70000 + '</course>\n')
open(d + '/quadratic.xml', 'w').write('<!DOCTYPE course [<!ENTITY a "' + 'a' * 100000 +
    '">]><course id="t"><title>' + '&a;' * 50000 + '</title></course>\n')
open(d + '/binary.xml', 'wb').write(bytes(range(256)) * 64)
open(d + '/escapes.xml', 'wb').write(b'\x1b]0;owned\x07\x1b[2J<course id="t">\x9b31m</course>')
PY
refused "$h/big-text.xml" "/big-text.xml:1:[0-9]+: error: text of 'p' is too long"
refused "$h/deep.xml" '/deep.xml:1:[0-9]+: error: excessive depth in document'
refused "$h/too-big.xml" '/too-big.xml:1:1: error: the file is too large'
refused "$h/too-many-lines.xml" '/too-many-lines.xml:1:1: error: the file has more than 65535 lines'
refused "$h/quadratic.xml" '/quadratic.xml:1:1: error: document type declarations are not allowed'
refused "$h/binary.xml" '/binary.xml:1:[0-9]+: error: '
refused "$h/escapes.xml" '/escapes.xml:1:[0-9]+: error: '

# a course folder holding a link and a FIFO among good files
mkdir -p "$h/course/lessons"
cp "$good" "$h/course/course.xml"
ln -s /etc/passwd "$h/course/lessons/secret.xml"
mkfifo "$h/course/pipe.xml"
refused "$h/course" '/course/lessons/secret.xml: error: a symbolic link; links in a course folder are not followed'
expect_output '/course/pipe.xml: error: not a regular file' "FIFO in a folder"

# a file name that carries escape sequences is shown harmlessly
name=$'\e[31mred\e[0m.xml'
printf '<doc/>' >"$h/$name"
refused "$h/$name" 'red.*\.xml:1:1: error:'
finish
