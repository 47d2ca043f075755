#!/usr/bin/python3
"""Kill -9 at a random moment during a scripted quiz, 100 rounds: no answer
whose feedback was shown is ever lost, and the attempt always resumes and
finishes. Under valgrind, 15 rounds (each run is slow there)."""
import os
import random
import shlex
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
rapport = shlex.split(os.environ["RAPPORT"])
slow = bool(os.environ.get("WRAP"))
rounds = 15 if slow else 100
work = tempfile.mkdtemp(dir=os.environ.get("TESTS_TMP", "/tmp"))
db = os.path.join(work, "kill.db")
env = dict(os.environ, USER="tester", LC_ALL="C.UTF-8")
# valid for every question of the minimal quiz, whatever the option order
ANSWERS = ["a", "a", "a", "a b c", "x", "a"]
FEEDBACK = ("Right:", "Not quite:", "Partly right:", "  Skipped:")
rng = random.Random(20261127)
problems = []
stats = {"killed": 0, "finished_first": 0, "acknowledged": 0, "resumed": 0}


def command(user, seed):
    return rapport + ["--db", db, "--user", user, "--seed", str(seed), "--content",
                      "tests/content/good/minimal.xml", "quiz", "check"]


def feed(p, pause):
    try:
        for a in ANSWERS:
            time.sleep(pause * rng.random())
            p.stdin.write((a + "\n").encode())
            p.stdin.flush()
        p.stdin.close()
    except (BrokenPipeError, ValueError, OSError):
        pass


def attempt(user):
    con = sqlite3.connect(db, timeout=10)
    row = con.execute(
        "SELECT t.status, t.total, (SELECT count(DISTINCT position) FROM answers"
        " WHERE attempt_id = t.id) FROM attempts t JOIN users u ON u.id = t.user_id"
        " WHERE u.name = ? ORDER BY t.id DESC LIMIT 1", (user,)).fetchone()
    con.close()
    return row


pause = 0.2 if slow else 0.01
# kill times spread over how long an uninterrupted run takes here
t0 = time.monotonic()
p = subprocess.Popen(command("timing", 0), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                     stderr=subprocess.STDOUT, env=env)
feed(p, pause)
p.stdout.read()
p.wait()
window = time.monotonic() - t0
for r in range(rounds):
    user = f"learner{r}"
    p = subprocess.Popen(command(user, r), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, env=env)
    feeder = threading.Thread(target=feed, args=(p, pause))
    feeder.start()
    timer = threading.Timer(rng.uniform(0, window), p.kill)
    timer.start()
    out = p.stdout.read().decode(errors="replace")
    p.wait()
    timer.cancel()
    feeder.join()
    killed = p.returncode == -9
    acknowledged = sum(line.startswith(FEEDBACK) for line in out.splitlines())
    row = attempt(user)
    if "Question 1 of 6" in out and row is None:
        problems.append(f"round {r}: a question was shown but no attempt was stored")
        continue
    if row is None:
        continue  # killed before the quiz began: nothing to keep
    status, total, answered = row
    stats["acknowledged"] += acknowledged
    if answered < acknowledged:
        problems.append(f"round {r}: {acknowledged} answers acknowledged, {answered} stored")
    if status == "finished":
        stats["finished_first"] += 1
        continue
    stats["killed"] += killed
    # the next run resumes it and finishes
    res = subprocess.run(command(user, 12345), input=("\n".join(ANSWERS) + "\n").encode(),
                         capture_output=True, env=env, timeout=300)
    out2 = res.stdout.decode(errors="replace")
    if not out2.startswith("Resuming an unfinished 'Desk basics check'"):
        problems.append(f"round {r}: no resume: {out2[:200]!r}")
        continue
    said = " ".join(out2.split("\n\n")[0].split())  # the first message, however wrapped
    if f", {answered} of 6 answered." not in said:
        problems.append(f"round {r}: resumed at the wrong place: {said!r}"
                        f" (stored {answered})")
    if f"Question {answered + 1} of 6" not in out2 and answered < 6:
        problems.append(f"round {r}: did not go on at question {answered + 1}")
    row = attempt(user)
    if row != ("finished", 6, 6):
        problems.append(f"round {r}: after resuming, {row}")
    else:
        stats["resumed"] += 1

con = sqlite3.connect(db)
check = con.execute("PRAGMA integrity_check").fetchone()[0]
con.close()
if check != "ok":
    problems.append(f"integrity_check: {check}")
for p in problems:
    print("not ok:", p)
print(f"kill window {window * 1000:.0f} ms; {rounds} rounds: {stats['killed']} killed mid-quiz and resumed "
      f"({stats['resumed']} finished after resuming), {stats['finished_first']} "
      f"finished before the kill, {stats['acknowledged']} acknowledged answers all kept; "
      f"integrity {check}")
sys.exit(1 if problems else 0)
