#!/usr/bin/python3
"""An attempt left unfinished resumes with the same questions in the same
order: stopped and resumed, a quiz scores exactly as one taken in one go.
If the course changed meanwhile, rapport says what changed and resumes what
is left. A stopped self-assessment resumes too."""
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
rapport = shlex.split(os.environ["RAPPORT"])
work = tempfile.mkdtemp(dir=os.environ.get("TESTS_TMP", "/tmp"))
env = dict(os.environ, USER="tester", LC_ALL="C.UTF-8")
problems = []
MINIMAL = "tests/content/good/minimal.xml"
ANSWERS = ["b", "b c", "a", "c b a", "reason", "a"]


def run(db, args, lines, content=MINIMAL):
    r = subprocess.run(rapport + ["--db", db, "--content", content] + args,
                       input=("\n".join(lines) + "\n").encode(),
                       capture_output=True, env=env, timeout=300)
    return r.returncode, r.stdout.decode(), r.stderr.decode()


def check(ok, what, out=""):
    if not ok:
        problems.append(what + ("\n" + out[-700:] if out else ""))


# in one go
code, whole, _ = run(os.path.join(work, "one.db"), ["--seed", "3", "--json", "quiz", "check"],
                     ANSWERS)
whole = json.loads(whole)

# stopped after two answers, then resumed with another seed: the stored
# plan wins over the seed
db = os.path.join(work, "two.db")
code, out, _ = run(db, ["--seed", "3", "quiz", "check"], ANSWERS[:2] + ["quit"])
check("Stopped at question 3 of 6. Your answers are kept" in out, "stopped", out)
code, out, _ = run(db, ["--seed", "999", "--json", "quiz", "check"], ANSWERS[2:])
check(out.startswith("Resuming an unfinished 'Desk basics check' started today at"),
      "the resume is said", out)
check(", 2 of 6 answered." in " ".join(out.split("\n\n")[0].split()), "how far it got", out)
resumed = json.loads(out[out.index("{"):])
check(resumed["score"] == whole["score"], f"score {resumed['score']} != {whole['score']}")
check([i["id"] for i in resumed["items"]] == [i["id"] for i in whole["items"]],
      "the same questions in the same order")
check([i["response"] for i in resumed["items"]] == [i["response"] for i in whole["items"]],
      "the same answers")
check(resumed["seed"] == "3", "the stored seed is kept")
code, out, _ = run(db, ["history"], [])
check(len(re.findall(r"Desk basics check +\d+%", out)) == 1, "one finished attempt", out)
check("unfinished" not in out, "nothing left unfinished", out)

# the course changes while an attempt is open
course = os.path.join(work, "desk.xml")
shutil.copy(MINIMAL, course)
db = os.path.join(work, "changed.db")
code, out, _ = run(db, ["--seed", "3", "quiz", "check"], ["b", "quit"], content=course)
text = open(course).read()
start = text.index('    <judgement id="q-late"')
end = text.index("</judgement>", start) + len("</judgement>\n")
text = text[:start] + text[end:]                  # a question removed
text = text.replace('<option id="rush" fraction="-50"><text>Marking everything urgent.</text>',
                    '<option id="hurry" fraction="-50"><text>Marking everything urgent.</text>')
open(course, "w").write(text)
code, out, err = run(db, ["--seed", "3", "quiz", "check"],
                     ["b c", "c b a", "reason", "b"], content=course)
check(code == 0, f"resume after a change exits {code}", out + err)
check("The course has changed since you started: 1 question is gone; 1 question has "
      "different options. The rest goes on as it was." in " ".join(out.split()),
      "the change is said", out)
check("Question 2 of 5" in out, "what is left is asked", out)
check("Your result" in out, "the changed attempt finishes", out)

# a self-assessment stopped and resumed
db = os.path.join(work, "assess.db")
code, out, _ = run(db, ["assess", "habits"], ["3", "quit"])
check("Stopped at statement 2 of 2" in out, "assessment stopped", out)
code, out, _ = run(db, ["--json", "assess", "habits"], ["1"])
res = json.loads(out[out.index("{"):])
check(res["answered"] == 2 and abs(res["score"] - 100) < 1e-9,
      f"resumed assessment: {res.get('answered')} answered, score {res.get('score')}")

for p in problems:
    print("not ok:", p)
sys.exit(1 if problems else 0)
