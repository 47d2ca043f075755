#!/usr/bin/python3
"""A quiz's time limit ends it: answers that come after the limit are not
scored, the questions left count as skipped, and the result still shows.
libfaketime runs the program's clock 20 times fast, so a one-minute limit
passes in three real seconds; the test leaves wide margins either side.
The pause starts once question 2 is on the screen, not when the program
starts: under valgrind on a busy machine, starting alone can take longer
than the pause."""
import os
import shlex
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
os.chdir(os.path.join(HERE, "..", ".."))
import fakeclock  # noqa: E402

fakeclock.require()
rapport = shlex.split(os.environ["RAPPORT"])
env = dict(os.environ, USER="tester")
problems = []


def run(pause):
    """Answers question 1 at once and question 2 pause real seconds after
    it is asked."""
    p = subprocess.Popen(rapport +
                         ["--content", "tests/content/good/timed.xml", "quiz", "quick"],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         env=fakeclock.at(env, speed=20))
    seen = []
    asked = threading.Event()

    def read():
        for line in iter(p.stdout.readline, b""):
            seen.append(line)
            if line.startswith(b"Question 2 of 3"):
                asked.set()
        asked.set()  # the program ended without asking it

    reader = threading.Thread(target=read)
    reader.start()
    p.stdin.write(b"a\n")
    p.stdin.flush()
    asked.wait(timeout=300)
    time.sleep(pause)
    try:
        p.stdin.write(b"a\nb\n")
        p.stdin.close()
    except BrokenPipeError:
        pass
    reader.join(timeout=300)
    p.wait(timeout=300)
    return p.returncode, b"".join(seen).decode()


code, out = run(6)  # 120 seconds of the program's time: past the limit
if code != 0:
    problems.append(f"late run exits {code}")
if "Time is up: the questions left count as skipped." not in out:
    problems.append("no 'Time is up' after the limit")
if "Score:  33% (1 of 3 points)" not in out:
    problems.append("the late answers were scored")
if "Question 3 of 3" in out:
    problems.append("a question was asked after the limit")

code, out = run(0)  # well within the limit
if "Time is up" in out:
    problems.append("time was up before the limit")
if "Score:  100% (3 of 3 points)" not in out:
    problems.append("a run within the limit was not scored in full")

for p in problems:
    print("not ok:", p)
    print(out[-800:])
sys.exit(1 if problems else 0)
