#!/usr/bin/python3
"""--json results parse, carry the overall, per-competency and band results,
and agree with the scoring rules computed here independently."""
import json
import os
import shlex
import subprocess
import sys
import xml.etree.ElementTree as ET

os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
rapport = shlex.split(os.environ["RAPPORT"])
env = dict(os.environ, USER="tester", LC_ALL="C.UTF-8")
problems = []


def check(ok, what):
    if not ok:
        problems.append(what)


runs = 0


def run(args, answers):
    """Runs rapport with a results database of its own."""
    global runs
    runs += 1
    db = os.path.join(os.environ.get("TESTS_TMP", "/tmp"), f"json-{os.getpid()}-{runs}.db")
    r = subprocess.run(rapport + ["--db", db] + args, input=answers.encode(),
                       capture_output=True, env=env, timeout=300)
    try:
        return r.returncode, json.loads(r.stdout)
    except json.JSONDecodeError as e:
        problems.append(f"{args}: not JSON ({e}): {r.stdout[:200]!r} {r.stderr[:200]!r}")
        return r.returncode, {}


# The minimal course's quiz, seed 3: b right (1), b of a multiple response
# (50% of 2), b wrong judgement (0), ordering "c b a" (two of the four
# places the farthest order stands off: 1/2), a short answer matched by
# keyword (1), true for a false statement (0): 3.5 of 7.
code, d = run(["--seed", "3", "--json", "--content", "tests/content/good/minimal.xml",
               "quiz", "check"], "b\nb\nb\nc b a\nwhy\ntrue\n")
check(code == 0, "quiz exit status")
check(d.get("format") == "rapport-result-1", "format name")
check(d.get("kind") == "quiz" and d.get("id") == "check", "kind and id")
check(d.get("seed") == "3", "the seed is recorded")
check(d.get("user") == "tester", "the user is recorded")
check(d.get("finished") is True, "finished")
want = (1 + 1 + 0 + 1 / 2 + 1 + 0) * 100 / 7
check(abs(d.get("score", -1) - want) < 1e-9, f"score {d.get('score')} is not {want}")
check(abs(d.get("earned", -1) - 3.5) < 1e-9, "earned points")
check(d.get("possible") == 7, "possible points")
check(d.get("passed") is False and d.get("pass_mark") == 75, "pass mark and verdict")
check((d.get("band") or {}).get("label") == "Not yet", "band")
comps = d.get("competencies", [])
check(len(comps) == 1 and comps[0]["id"] == "respect"
      and abs(comps[0]["score"] - want) < 1e-9, "competency subscore")
items = d.get("items", [])
check([i["outcome"] for i in items] == ["right", "partial", "wrong", "partial", "right", "wrong"],
      f"outcomes {[i['outcome'] for i in items]}")
check(items and items[0]["response"] == ["ask"], "responses are option ids")
check(len(items) > 4 and items[4]["response"] == "why", "a short answer's text")

# The shipped self-assessment answered 3 throughout: every competency is at
# the middle (50), the answers are flagged as all the same, and three next
# actions point to lessons.
course = "content/inside-relationships"
statements = ET.parse(f"{course}/assessment.xml").getroot().findall("statement")
code, d = run(["--json", "--seed", "1", "assess", "self-check"], "3\n" * len(statements))
check(code == 0, "assessment exit status")
check(d.get("kind") == "assessment", "assessment kind")
check(d.get("straight_lining") is True, "straight-lining flagged")
check(abs(d.get("score", -1) - 50) < 1e-9, "middle answers score 50")
check(all(c["scored"] and abs(c["score"] - 50) < 1e-9 for c in d.get("competencies", [])),
      "every competency at 50")
actions = d.get("next_actions", [])
check(len(actions) == 3 and all(a["lesson"] and a["text"] for a in actions),
      "three next actions with lessons")

# Best answers everywhere (5, or 1 when reversed) score 100, unflagged; one
# competency answered on only one statement of four is not scored.
answers = []
weak = statements[0].get("competency")
seen = 0
for s in statements:
    if s.get("competency") == weak:
        seen += 1
        if seen > 1:
            answers.append("skip")
            continue
    answers.append("1" if s.get("reverse") == "true" else "5")
code, d = run(["--json", "--seed", "1", "assess", "self-check"], "\n".join(answers) + "\n")
check(d.get("straight_lining") is False, "mixed answers are not flagged")
check(abs(d.get("score", -1) - 100) < 1e-9, f"best answers score 100, not {d.get('score')}")
by_id = {c["id"]: c for c in d.get("competencies", [])}
check(by_id.get(weak, {}).get("scored") is False and by_id[weak]["score"] is None,
      f"'{weak}' with 1 of {seen} answers is not scored")
check(by_id.get(weak, {}).get("answered") == 1, "answered count")

for p in problems:
    print("not ok:", p)
sys.exit(1 if problems else 0)
