#!/usr/bin/python3
"""One attempt, one writer. An unfinished quiz held by a running rapport
is never answered by a second one as well.

- Race: a quiz is left open by a rapport that was killed; then two
  rapports resume it at the same moment, answering slowly from pipes,
  round after round. Every time exactly one of them goes on, the other
  is told who has it and exits 1, and no position is ever answered twice
  (before, the attempt ended with 43 or 44 answers for 24 questions).
- A killed holder is no holder: the next rapport resumes without asking.
- At a terminal, the second rapport says which process has the quiz and
  offers to take it over, start a new one or cancel. Cancel leaves it;
  taking it over makes the first one stop at its next answer, saying so,
  with exit 1; a new one starts beside it, and the first goes on."""
import os
import re
import shlex
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

import pexpect

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "bench"))
os.chdir(os.path.join(HERE, "..", ".."))
import gen_db  # noqa: E402
from subcases import check, finish  # noqa: E402

RAPPORT = shlex.split(os.environ["RAPPORT"])
SLOW = bool(os.environ.get("WRAP"))
TIMEOUT = 240 if SLOW else 40
ROUNDS = 4 if SLOW else 25
COURSE = "content/inside-relationships"
ENV = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC", NO_COLOR="1", TERM="dumb", PAGER="cat",
           ASAN_OPTIONS="verify_asan_link_order=0:" + os.environ.get("ASAN_OPTIONS", ""))
work = tempfile.mkdtemp(dir=os.environ.get("TESTS_TMP", "/tmp"))
LINES = gen_db.answer_lines(5).splitlines()


def cmd(db, *extra):
    return RAPPORT + ["--db", db, "--content", COURSE, "--user", "same"] + list(extra) + \
        ["quiz", "knowledge-check"]


def positions(db):
    """Per attempt: (status, answer rows, distinct positions)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    rows = con.execute("SELECT a.status, count(r.id), count(DISTINCT r.position) FROM attempts a"
                       " LEFT JOIN answers r ON r.attempt_id = a.id GROUP BY a.id"
                       " ORDER BY a.id").fetchall()
    con.close()
    return rows


class Piped:
    """rapport answering from a pipe, a line at a time when told to."""

    def __init__(self, args):
        self.p = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, env=ENV)
        self.out, self.err = [], []
        self.cursor = 0  # the next of LINES to send
        self.lock = threading.Condition()
        for stream, into in ((self.p.stdout, self.out), (self.p.stderr, self.err)):
            threading.Thread(target=self._read, args=(stream, into), daemon=True).start()

    def _read(self, stream, into):
        for raw in iter(stream.readline, b""):
            with self.lock:
                into.append(raw.decode("utf-8", "replace"))
                self.lock.notify_all()

    def send(self, line):
        try:
            self.p.stdin.write((line + "\n").encode())
            self.p.stdin.flush()
            return True
        except (BrokenPipeError, ValueError):
            return False

    def wait_for(self, pattern, timeout=TIMEOUT):
        end = time.monotonic() + timeout
        with self.lock:
            while not re.search(pattern, "".join(self.out + self.err)):
                left = end - time.monotonic()
                if left <= 0 or (self.p.poll() is not None and not self.lock.wait(0.2)):
                    return False
                self.lock.wait(min(left, 0.5))
        return True

    def text(self):
        with self.lock:
            return "".join(self.out), "".join(self.err)

    def close(self):
        try:
            self.p.stdin.close()
        except OSError:
            pass
        try:
            return self.p.wait(TIMEOUT)
        except subprocess.TimeoutExpired:
            self.p.kill()
            return self.p.wait()


def answer_until(a, question):
    """Sends a's answers, a line at a time from where it got to, until it
    asks question N (some lines do not fit every kind of question).
    False when it never does."""
    while a.cursor < len(LINES):
        if a.wait_for(rf"Question {question} of 24", timeout=0.05 if not SLOW else 1):
            return True
        if a.p.poll() is not None or not a.send(LINES[a.cursor]):
            return False
        a.cursor += 1
        a.wait_for(r"(Try again|Question \d+ of 24)[^\n]*\n(?![\s\S]*Question)",
                   timeout=0.05 if not SLOW else 1)
    return a.wait_for(rf"Question {question} of 24")


def left_open(db, answers=3):
    """A quiz begun and left open by a rapport killed in the middle of it."""
    a = Piped(cmd(db, "--seed", "5"))
    ok = answer_until(a, answers + 1)
    a.p.kill()
    a.close()
    if not ok:
        raise SystemExit("setup: the first quiz did not get going: " + "".join(a.text()))


# ---- two at once, round after round ----
rounds = 0
for k in range(ROUNDS):
    db = os.path.join(work, f"race{k}.db")
    left_open(db)
    two = [Piped(cmd(db)), Piped(cmd(db))]
    # both start at once and race for the quiz; each says what it did
    # before any answer is sent, so that the one that got it still holds
    # it while the other looks (under valgrind one may start seconds
    # after the other)
    for p in two:
        p.wait_for(r"(?m)^Resuming |is\s+open\s+in\s+process|another\s+rapport\s+took")
    for i in range(40):  # slow answers, both at once
        for p in two:
            p.send(LINES[(7 * i) % len(LINES)])
        time.sleep(0.01)
    codes = [p.close() for p in two]
    texts = [p.text() for p in two]
    rows = positions(db)
    resumed = [bool(re.search(r"^Resuming ", out, re.M)) for out, _ in texts]
    refused = [bool(re.search(r"is\s+open\s+in\s+process\s+\d+\s+on\s+this\s+computer|another\s+rapport\s+took\s+"
                              r"the\s+attempt\s+a\s+moment\s+ago", err)) for _, err in texts]
    if not check(all(n == d for _, n, d in rows) and sum(resumed) == 1 and
                 [refused[i] for i in range(2) if not resumed[i]] == [True] and
                 [codes[i] for i in range(2) if not resumed[i]] == [1],
                 f"round {k + 1}: one rapport resumes, the other is told and exits 1, "
                 "no position twice",
                 f"rows {rows}, exits {codes}, resumed {resumed}, "
                 f"stderr {[e[-300:] for _, e in texts]}"):
        break
    rounds += 1
check(rounds == ROUNDS, f"all {ROUNDS} rounds of two rapports resuming one quiz at once",
      f"{rounds} passed")

# ---- a killed holder ----
db = os.path.join(work, "killed.db")
left_open(db)
r = subprocess.run(cmd(db), input="\n".join(LINES).encode(), capture_output=True, env=ENV,
                   timeout=TIMEOUT * 3)
check(b"Resuming an unfinished 'Knowledge check'" in r.stdout and b"is open in" not in r.stderr,
      "a quiz whose rapport was killed is resumed without asking", r.stderr.decode()[-300:])

# ---- at a terminal ----


def holder(db):
    """A rapport that has begun the quiz and waits for its next answer."""
    a = Piped(cmd(db, "--seed", "5"))
    if not answer_until(a, 2):
        raise SystemExit("setup: the holder did not start: " + "".join(a.text()))
    return a


def second(db):
    c = pexpect.spawn(RAPPORT[0], RAPPORT[1:] + ["--db", db, "--content", COURSE, "--user", "same",
                                                  "quiz", "knowledge-check"],
                      env=ENV, timeout=TIMEOUT, dimensions=(40, 120))
    # the message is wrapped to the terminal: any blank between words
    c.expect(r"is\s+open\s+in\s+process\s+(\d+)\s+on\s+this\s+computer,\s+since\s+today\s+at"
             r"\s+\d\d:\d\d\.")
    pid = int(c.match.group(1))
    c.expect(r"start\s+a\s+new\s+one,\s+or\s+cancel\?\s+\[t/n/C\] ")
    return c, pid


db = os.path.join(work, "pty.db")
a = holder(db)
try:
    c, pid = second(db)
    check(pid == a.p.pid, "the terminal names the process that has the quiz", f"{pid} vs {a.p.pid}")
    c.sendline("")
    c.expect("Nothing started; the other rapport goes on.")
    c.expect(pexpect.EOF)
    c.close()
    check(c.exitstatus == 0 and answer_until(a, 3),
          "cancel leaves it: the first goes on answering")
    c, _ = second(db)
    c.sendline("t")
    c.expect(r"Question 3 of 24")
    check(True, "take it over: the second goes on from the next question")
    answer_until(a, 4)
    code = a.close()
    out, err = a.text()
    check(code == 1 and "another rapport has taken the attempt over" in err and
          re.search(r"Stopped\s+at\s+question\s+3\s+of\s+24:\s+another\s+rapport\s+has\s+taken"
                    r"\s+this\s+attempt\s+over", out),
          "and the first stops at its next answer, saying why, exit 1",
          f"exit {code}: {out[-300:]} {err[-300:]}")
    c.sendline("quit")
    c.expect(pexpect.EOF)
    c.close()
    rows = positions(db)
    check(len(rows) == 1 and rows[0][1] == rows[0][2] == 2,
          "one attempt, two answers, no position twice", str(rows))
except (pexpect.TIMEOUT, pexpect.EOF) as e:
    check(False, "the terminal's choice when another rapport has the quiz",
          f"{type(e).__name__}: {c.before[-500:]!r} / {a.text()}")
    a.p.kill()

db = os.path.join(work, "beside.db")
a = holder(db)
try:
    c, _ = second(db)
    c.sendline("n")
    c.expect(r"Question 1 of 24")
    c.sendline("quit")
    c.expect(pexpect.EOF)
    c.close()
    check(answer_until(a, 3), "a new one beside it: the first still answers in its own")
    a.close()
    rows = positions(db)
    check(len(rows) == 2 and all(n == d for _, n, d in rows), "two attempts, each whole", str(rows))
except (pexpect.TIMEOUT, pexpect.EOF) as e:
    check(False, "a new attempt beside the held one", f"{type(e).__name__}: {c.before[-500:]!r}")
    a.p.kill()
finish()
