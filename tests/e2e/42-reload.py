#!/usr/bin/python3
"""reload reads the course files again: an edit shows at once, and an edit
that breaks the course is refused with its errors while the course that
was open stays open."""
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
rapport = shlex.split(os.environ["RAPPORT"])
work = tempfile.mkdtemp(dir=os.environ.get("TESTS_TMP", "/tmp"))
course = os.path.join(work, "desk.xml")
shutil.copy("tests/content/good/minimal.xml", course)
problems = []

p = subprocess.Popen(rapport + ["--content", course], stdin=subprocess.PIPE,
                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                     env=dict(os.environ, USER="tester"))


def command(line, until):
    """Sends one command; reads output up to a line containing until."""
    p.stdin.write(line + "\n")
    p.stdin.flush()
    seen = []
    while True:
        out = p.stdout.readline()
        if not out:
            problems.append(f"'{line}': output ended before '{until}'")
            return seen
        seen.append(out.rstrip("\n"))
        if until in out:
            return seen


command("lessons", "Type 'read ID'")
text = open(course).read()
open(course, "w").write(text.replace("Ask before you hand over", "Ask, then hand over"))
out = command("reload", "Reloaded")
if not any(l.startswith("Reloaded: 1 lesson, 6 questions") for l in out):
    problems.append(f"reload did not say what it read: {out}")
out = command("lessons", "Type 'read ID'")
if not any("Ask, then hand over" in l for l in out):
    problems.append(f"the edit does not show after reload: {out}")

open(course, "w").write(text.replace('correct="true"', ""))  # no correct option
out = command("reload", "kept the course")
if not any("single-choice question 'q-first' has no correct option" in l for l in out):
    problems.append(f"reload did not show the error: {out}")
out = command("lessons", "Type 'read ID'")
if not any("Ask, then hand over" in l for l in out):
    problems.append(f"the open course was not kept: {out}")

p.stdin.write("quit\n")
p.stdin.close()
p.wait(timeout=300)
if p.returncode != 1:  # a script's worst status: the failed reload
    problems.append(f"exit status {p.returncode}, not 1")
for x in problems:
    print("not ok:", x)
sys.exit(1 if problems else 0)
