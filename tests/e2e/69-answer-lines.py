#!/usr/bin/python3
"""Lines of answers or commands that no person could have meant are
refused where they are read, whole, with the line they were on; nothing
of them is stored and nothing after them is run.

- A NUL byte in an answer ("rea\\0son" once stored as "rea") stops the
  answers at that question, exit 1, and the question has no answer.
- A line over 64 KiB (a 50 MB answer was once stored) stops them too, and
  /dev/zero, a line with no end, is refused without filling the memory.
- In a script of commands, nothing after such a line runs.
- A last line without a newline is an answer like any other.
- At a terminal, a pasted line over 64 KiB is dropped with a message and
  the same question asked again."""
import os
import resource
import shlex
import sqlite3
import subprocess
import sys
import tempfile

import pexpect

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
os.chdir(os.path.join(HERE, "..", ".."))
from subcases import check, finish  # noqa: E402

RAPPORT = shlex.split(os.environ["RAPPORT"])
SLOW = bool(os.environ.get("WRAP"))
COURSE = "tests/content/good/minimal.xml"
ENV = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC", NO_COLOR="1", TERM="dumb", PAGER="cat",
           ASAN_OPTIONS="verify_asan_link_order=0:" + os.environ.get("ASAN_OPTIONS", ""))
work = tempfile.mkdtemp(dir=os.environ.get("TESTS_TMP", "/tmp"))
# the first four questions of the minimal course, in order, then its short answer
FIRST_FOUR = b"b\na c\nskip\nskip\n"


def quiz(name, data, *extra):
    db = os.path.join(work, name + ".db")
    path = os.path.join(work, name + ".txt")
    with open(path, "wb") as f:
        f.write(data)
    r = subprocess.run(RAPPORT + ["--db", db, "--content", COURSE, "--user", "ana", "--answers",
                                  path, "--seed", "1"] + list(extra) + ["quiz", "check"],
                       capture_output=True, env=ENV, timeout=600)
    return r, db


def answers(db):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = con.execute("SELECT position, outcome, response FROM answers ORDER BY id").fetchall()
    con.close()
    return rows


r, db = quiz("nul", FIRST_FOUR + b"rea\0son\n" + b"true\n")
err = r.stderr.decode()
check(r.returncode == 1 and "line 5: the line holds a NUL byte" in err and
      "the answers stop at question 5 of 6" in err,
      "a NUL byte in an answer stops the answers there, exit 1, saying where",
      f"exit {r.returncode}: {err}")
rows = answers(db)
check(len(rows) == 4 and all(p != 4 for p, _, _ in rows),
      "nothing of that line is stored (it was once 'rea')", str(rows))

r, db = quiz("long", FIRST_FOUR + b"reason " * 12000 + b"\ntrue\n")
err = r.stderr.decode()
check(r.returncode == 1 and "line 5: the line is over 65536 bytes long" in err,
      "an 84 kB answer is refused with its line", f"exit {r.returncode}: {err}")
check(len(answers(db)) == 4, "and not stored")

r, db = quiz("exact", FIRST_FOUR + b"r" * 65536 + b"\n")
check("over 65536" not in r.stderr.decode() and len(answers(db)) == 5,
      "a line of exactly 64 KiB is still an answer", r.stderr.decode())


def limited():
    # 512 MB of address space: an unbounded line would hit it at once
    # (not under valgrind or AddressSanitizer, which reserve far more)
    if not SLOW and "sanitize" not in os.environ.get("RAPPORT_BUILD", ""):
        resource.setrlimit(resource.RLIMIT_AS, (512 << 20, 512 << 20))


db = os.path.join(work, "zero.db")
r = subprocess.run(RAPPORT + ["--db", db, "--content", COURSE, "--answers", "/dev/zero",
                              "quiz", "check"], capture_output=True, env=ENV, timeout=600,
                   preexec_fn=limited)
err = r.stderr.decode()
check(r.returncode == 1 and "line 1: the line is over 65536 bytes long" in err,
      "/dev/zero as the answers is refused at once, within 512 MB",
      f"exit {r.returncode}: {err[-300:]}")

r, db = quiz("no-newline", b"b")
check("the answers ran out at question 2 of 6" in r.stderr.decode() and
      r.returncode == 1 and [p for p, _, _ in answers(db)] == [0],
      "a last line without a newline is an answer", r.stderr.decode() + str(answers(db)))

# a script of commands: nothing after the bad line runs
script = os.path.join(work, "script.txt")
with open(script, "wb") as f:
    f.write(b"lessons\n\0\nquizzes\n")
r = subprocess.run(RAPPORT + ["--db", os.path.join(work, "s.db"), "--content", COURSE, "--answers",
                              script], capture_output=True, env=ENV, timeout=600)
out, err = r.stdout.decode(), r.stderr.decode()
check(r.returncode == 1 and "line 2: the line holds a NUL byte" in err and "Lessons" in out and
      "Quizzes" not in out,
      "in a script, a NUL line ends it: the command after it does not run",
      f"exit {r.returncode}: {out[-200:]} {err}")

# at a terminal, a pasted line that is too long is dropped and asked again
db = os.path.join(work, "pty.db")
c = pexpect.spawn(RAPPORT[0], RAPPORT[1:] + ["--db", db, "--content", COURSE, "--seed", "1",
                                              "quiz", "check"],
                  env=ENV, timeout=120 if SLOW else 30, maxread=200000)
try:
    c.expect(r"Your answer")
    c.send("x" * 70000 + "\r")
    c.expect(r"that line is over 65536 bytes long; it was dropped")
    c.expect(r"Your answer")
    c.send("b\r")
    c.expect(r"Question 2 of 6")
    check(True, "at a terminal, a 70 kB line is dropped with a message and the question asked again")
    # Ctrl-D once the prompt is there, as a person types it: sent while the
    # question is still being drawn (under valgrind), the terminal would
    # take it as end of input before readline reads a key, and it would
    # never reach rapport
    c.expect(r"Your answer")
    c.sendcontrol("d")
    c.expect(pexpect.EOF)
except (pexpect.TIMEOUT, pexpect.EOF) as e:
    check(False, "at a terminal, a 70 kB line is dropped with a message and the question asked again",
          f"{type(e).__name__}: {c.before[-400:]!r}")
c.close(force=True)
finish()
