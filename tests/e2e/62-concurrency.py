#!/usr/bin/python3
"""Two and then four rapport processes answer into one database at once:
nothing is lost (every answer and attempt of every process is there) and
PRAGMA integrity_check is ok."""
import os
import shlex
import sqlite3
import subprocess
import sys
import tempfile

os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
rapport = shlex.split(os.environ["RAPPORT"])
slow = bool(os.environ.get("WRAP"))
QUIZZES = 3 if slow else 20    # per process
QUESTIONS = 24                 # the shipped knowledge check asks 24
work = tempfile.mkdtemp(dir=os.environ.get("TESTS_TMP", "/tmp"))
env = dict(os.environ, LC_ALL="C.UTF-8")
problems = []

# one process's session: quizzes, every answer a skip, and an assessment
script = os.path.join(work, "session.txt")
with open(script, "w") as f:
    for _ in range(QUIZZES):
        f.write("quiz knowledge-check\n" + "skip\n" * QUESTIONS)
    f.write("assess self-check\n" + "3\n" * 24)

for n in (2, 4):
    db = os.path.join(work, f"shared{n}.db")
    procs = [subprocess.Popen(rapport + ["--db", db, "--user", f"rep{i}", "--answers", script],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
             for i in range(n)]
    for i, p in enumerate(procs):
        _, err = p.communicate(timeout=1200)
        if p.returncode != 0:
            problems.append(f"{n} processes: rep{i} exit {p.returncode}: {err.decode()[-300:]}")
    con = sqlite3.connect(db)
    for i in range(n):
        answers = con.execute(
            "SELECT count(*) FROM answers a JOIN attempts t ON t.id = a.attempt_id"
            " JOIN users u ON u.id = t.user_id WHERE u.name = ?", (f"rep{i}",)).fetchone()[0]
        finished = con.execute(
            "SELECT count(*) FROM attempts t JOIN users u ON u.id = t.user_id"
            " WHERE u.name = ? AND t.status = 'finished'", (f"rep{i}",)).fetchone()[0]
        want = QUIZZES * QUESTIONS + 24
        if answers != want or finished != QUIZZES + 1:
            problems.append(f"{n} processes: rep{i} has {answers} answers (want {want}) "
                            f"and {finished} finished attempts (want {QUIZZES + 1})")
    total = con.execute("SELECT count(*) FROM answers").fetchone()[0]
    check = con.execute("PRAGMA integrity_check").fetchone()[0]
    con.close()
    if check != "ok":
        problems.append(f"{n} processes: integrity_check says {check}")
    print(f"{n} processes: {total} answers, integrity {check}")

# Regression: processes that create one new database together used to fail
# ("database is locked", or a half-made file taken for another program's,
# when the identity check read it over two snapshots).
rounds = 3 if slow else 30
for r in range(rounds):
    db = os.path.join(work, f"fresh{r}.db")
    procs = [subprocess.Popen(rapport + ["--db", db, "--user", f"u{i}", "users"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
             for i in range(6)]
    for i, p in enumerate(procs):
        _, err = p.communicate(timeout=600)
        if p.returncode != 0:
            problems.append(f"creation race {r}: u{i} exit {p.returncode}: "
                            f"{err.decode()[-200:]}")
print(f"{rounds} rounds of 6 processes creating one new database")

for p in problems:
    print("not ok:", p)
sys.exit(1 if problems else 0)
