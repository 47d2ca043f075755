#!/usr/bin/python3
"""'Hasn't come up' in the shipped self-assessment.

A good new hire in week two has had no falling-out with anyone inside. Told
to answer "Hasn't come up" to the four Repair statements, they are not told
Repair is their weakness: the result says "not enough answers", the JSON
marks it unscored, no next action sends them to mend a relationship they do
not have, and the export keeps each answer as 'not-applicable'. The same
answers as "Never" (what the course forced before) do make Repair the
weakest, so the test can tell the two apart."""
import csv
import io
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
os.chdir(os.path.join(HERE, "..", ".."))
from subcases import check, finish  # noqa: E402

RAPPORT = shlex.split(os.environ["RAPPORT"])
ASSESSMENT = ET.parse("content/inside-relationships/assessment.xml").getroot()
scale = ASSESSMENT.find("scale")
na = [p for p in scale.findall("point") if p.get("not-applicable") == "true"]
check(len(na) == 1 and na[0].text == "Hasn't come up",
      "the shipped scale offers one 'Hasn't come up' point")
statements = ASSESSMENT.findall("statement")
repair = [s.get("id") for s in statements if s.get("competency") == "repair"]
REPAIR_ACTIONS = [" ".join(a.text.split()) for a in ASSESSMENT.iter("action")
                  if a.get("competency") == "repair"]


def answers(repair_answer):
    """4 on the others (2 on a reversed one), repair_answer on Repair."""
    return "".join(f"{repair_answer}\n" if s.get("competency") == "repair"
                   else ("2\n" if s.get("reverse") == "true" else "4\n")
                   for s in statements)


def run(home, *args, stdin=""):
    env = dict(os.environ, HOME=home, LC_ALL="C.UTF-8", COLUMNS="80")
    r = subprocess.run(RAPPORT + list(args), input=stdin.encode(), capture_output=True,
                       env=env, timeout=600)
    return r.returncode, r.stdout.decode(), r.stderr.decode()


def flat(text):
    return " ".join(text.split())


with tempfile.TemporaryDirectory(dir=os.environ.get("TESTS_TMP")) as home:
    code, out, err = run(home, "assess", "self-check", stdin=answers("Hasn't come up"))
    check(code == 0, "answering by the label works", err)
    check("Repair      not enough answers (0 of 4)" in out,
          "Repair says 'not enough answers', not a score", out[-2500:])
    check(not any(a in flat(out) for a in REPAIR_ACTIONS) and "read mending" not in out,
          "and no next action sends them to mend anything", out[-1500:])
    check("4 statements had not come up for you" in flat(out),
          "the result says how many had not come up")
    check("Practice score: 75 of 100" in out, "the score is that of the others alone")

    code, out, err = run(home, "--json", "assess", "self-check", stdin=answers("0"))
    result = json.loads(out) if code == 0 else {}
    comp = {c["id"]: c for c in result.get("competencies", [])}
    check(comp.get("repair", {}).get("scored") is False
          and comp["repair"].get("score") is None and comp["repair"].get("answered") == 0,
          "in JSON, Repair is unscored with no answers counted", json.dumps(comp.get("repair")))
    check(all(a["competency"] != "repair" for a in result.get("next_actions", [{}])),
          "and has no next action")
    items = {i["id"]: i for i in result.get("items", [])}
    check(all(items.get(i, {}).get("outcome") == "not-applicable" for i in repair),
          "each Repair answer is 'not-applicable'", json.dumps([items.get(i) for i in repair]))

    code, out, err = run(home, "export", "--format", "csv", "-o", "-")
    rows = list(csv.DictReader(io.StringIO(out)))
    na_rows = [r for r in rows if r["item"] in repair]
    check(code == 0 and len(na_rows) == 8
          and all(r["outcome"] == "not-applicable" and r["keyed"] == "" for r in na_rows),
          "the CSV export keeps them as not-applicable, with no keyed value",
          json.dumps(na_rows[:2]))

    code, out, err = run(home, "assess", "self-check", stdin=answers("1"))
    check(code == 0 and re.search(r"^  Repair +[█░]+ +\d+$", out, re.M),
          "answered 'Never' instead, Repair is scored", out[-2500:])
    check(REPAIR_ACTIONS[0].split(",")[0] in flat(out),
          "and becomes the first thing to work on", out[-1500:])
finish()
