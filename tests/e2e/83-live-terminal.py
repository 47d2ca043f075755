#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""83-live-terminal - the facilitator's screen of a live meeting, through a
real pseudo-terminal at 80 columns: the QR code fits the screen and reads
back (zbarimg) as the join address, big on a tall screen and in half
blocks on a short one; a phone
joining is said above the prompt while nobody types, the prompt counts the
answers as they come, a line half typed survives a phone's news, 'who'
shows who answered (never what), and 'end' stops the server."""
import os
import re
import shlex
import subprocess
import sys
import tempfile
import urllib.parse

import pexpect

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
os.chdir(os.path.join(HERE, "..", ".."))
from livelib import Phone  # noqa: E402
from subcases import check, finish  # noqa: E402

RAPPORT = shlex.split(os.environ["RAPPORT"])
TIMEOUT = 120 if os.environ.get("WRAP") else 30
work = tempfile.mkdtemp(dir=os.environ.get("TESTS_TMP", "/tmp"))
env = dict(os.environ, LC_ALL="C.UTF-8", TERM="xterm", NO_COLOR="1", PAGER="cat",
           ASAN_OPTIONS="verify_asan_link_order=0:" + os.environ.get("ASAN_OPTIONS", ""))
argv = RAPPORT + ["--db", os.path.join(work, "t.db"), "--user", "facilitator",
                  "--content", "tests/content/good/meeting.xml", "meeting", "weekly",
                  "--live", "--listen", "127.0.0.1:0"]
child = pexpect.spawn(argv[0], argv[1:], env=env, encoding="utf-8", timeout=TIMEOUT,
                      dimensions=(40, 80))
child.logfile_read = open(os.path.join(work, "screen.log"), "w")


def read_qr(lines, big):
    """the text a QR code drawn in lines decodes to, by zbarimg: light
    modules are drawn, so they are the image's white"""
    rows = []
    for ln in lines:
        if big:
            rows.append([ln[i:i + 2] == "██" for i in range(0, len(ln), 2)])
        else:
            rows.append([ch in "█▀" for ch in ln])
            rows.append([ch in "█▄" for ch in ln])
    width = max(len(r) for r in rows)
    scale = 6
    pgm = os.path.join(work, "qr.pgm")
    with open(pgm, "wb") as f:
        f.write(f"P5 {(width + 8) * scale} {(len(rows) + 8) * scale} 255\n".encode())
        for r in [[True] * width] * 4 + rows + [[True] * width] * 4:
            r = [True] * 4 + r + [True] * (width - len(r)) + [True] * 4
            line = bytes(255 if light else 0 for light in r for _ in range(scale))
            f.write(line * scale)
    z = subprocess.run(["zbarimg", "--raw", "-q", pgm], capture_output=True)
    return z.stdout.decode().strip()


def qr_lines(text):
    return [ln.rstrip("\r") for ln in text.splitlines()
            if set(ln.strip("\r")) and set(ln.strip("\r")) <= set("█▀▄ ")]


class Room:
    """what livelib's Phone needs of the facilitator"""

    def __init__(self, url):
        u = urllib.parse.urlsplit(url)
        self.host, self.port, self.join_path = u.hostname, u.port, u.path


child.expect(r"The whole address: (http://\S+)")
url = child.match.group(1)
room = Room(url)
lines = qr_lines(child.before)
check(lines and max(len(ln) for ln in lines) <= 80 and len(lines) <= 36,
      "the QR code fits an 80 by 40 screen whole",
      f"{len(lines)} lines, {max((len(ln) for ln in lines), default=0)} wide")
check(read_qr(lines, True) == url, "the big QR code reads as the join address",
      read_qr(lines, True))
child.expect_exact("participant> ")

ana = Phone(room, 2)
r, _ = ana.join("ana")
try:
    child.expect(r"ana joined\s+participant> ")
    check(True, "a phone joining is said above the prompt, nothing typed")
except pexpect.TIMEOUT:
    check(False, "a phone joining is said above the prompt, nothing typed", child.before[-300:])

child.sendline("")
child.expect_exact("meeting 1/6, 0 of 1 answered> ")
ana.answer(0, "b")
try:
    child.expect_exact("meeting 1/6, 1 of 1 answered> ")
    check(True, "the prompt counts the answer as it comes")
except pexpect.TIMEOUT:
    check(False, "the prompt counts the answer as it comes", child.before[-300:])

# a line half typed when a phone joins is there after the news
child.send("wh")
child.expect_exact("wh")
tom = Phone(room, 3)
tom.join("tom")
child.expect(r"tom joined")
child.expect_exact("meeting 1/6, 1 of 2 answered> wh")
child.send("o\r")
child.expect(r"1 of 2 answered\.")
who = child.before
check(re.search(r"ana  \(phone\)  answered", who) is not None and
      re.search(r"tom  \(phone\)\s", who) is not None and " b)" not in who,
      "who shows who answered, never what", who[-300:])

# a short screen: the code in half blocks, still whole and readable
short = pexpect.spawn(argv[0], argv[1:], env=env, encoding="utf-8", timeout=TIMEOUT,
                      dimensions=(24, 80))
short.expect(r"The whole address: (http://\S+)")
small = qr_lines(short.before)
check(len(small) <= 20 and read_qr(small, False) == short.match.group(1),
      "on a 24-line screen the QR code is in half blocks and reads as the address",
      f"{len(small)} lines: {read_qr(small, False)!r}")
short.expect_exact("participant> ")
short.sendcontrol("d")  # everyone is in
short.expect_exact("answered> ")
short.sendcontrol("d")  # and the meeting ends
short.expect(pexpect.EOF)

child.sendline("reveal")
child.expect("How the room answered")
child.sendline("end")
child.expect("Final scoreboard")
child.expect(pexpect.EOF)
child.close()
check(child.exitstatus == 0, "the meeting ends, exit 0", child.exitstatus)
try:
    ana.page()
    check(False, "the server is gone with the meeting")
except OSError:
    check(True, "the server is gone with the meeting")
finish()
