#!/usr/bin/python3
"""88-export-bank - the shipped course's questions out to Moodle XML and to
GIFT (`rapport export-bank`), and back in with `rapport import`: every
question the format has a kind for comes back with its id, kind, text,
options, credit (moved to the nearest grade Moodle allows, and said so),
feedback, hint and mark; what the format cannot carry is a warning at
the question; the GIFT file is read without an error by gift-pegjs too."""
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from subcases import check, finish  # noqa: E402

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.chdir(TOP)
rapport = shlex.split(os.environ["RAPPORT"])
work = tempfile.mkdtemp(dir=os.environ.get("TESTS_TMP", "/tmp"))
env = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC", HOME=work,
           ASAN_OPTIONS="verify_asan_link_order=0:" + os.environ.get("ASAN_OPTIONS", ""))
COURSE = "content/inside-relationships"
GRADES = [100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20,
          16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0]
KINDS = ("single-choice", "multiple-response", "true-false", "judgement", "ordering",
         "short-answer")


def run(*args):
    r = subprocess.run(rapport + ["--content", "content"] + list(args), capture_output=True,
                       text=True, env=env, timeout=600)
    return r.returncode, r.stdout, r.stderr


def nearest(v):
    g = min(GRADES, key=lambda x: abs(abs(v) - x))
    return -g if v < 0 else g


def words(el, tag):
    e = el.find(tag)
    return None if e is None or e.text is None else " ".join(e.text.split())


def questions(d):
    """Every question in the course files under d, by id, as plain data."""
    found = {}
    for top, _, names in os.walk(d):
        for name in names:
            if not name.endswith(".xml"):
                continue
            for q in ET.parse(os.path.join(top, name)).getroot().iter():
                if q.tag not in KINDS:
                    continue
                opts = []
                for o in q.findall("option"):
                    credit = float(o.attrib.get("fraction", o.attrib.get("weight", "0")))
                    if q.tag == "single-choice":
                        credit = 100.0 if o.attrib.get("correct") == "true" else 0.0
                    opts.append((words(o, "text"), credit,
                                 words(o, "rationale") or words(o, "feedback")))
                found[q.attrib["id"]] = {
                    "kind": q.tag, "competency": q.attrib["competency"],
                    "points": float(q.attrib.get("points", "1")),
                    "prompt": words(q, "prompt"), "hint": words(q, "hint"),
                    "explanation": words(q, "explanation"), "options": opts,
                    "answer": q.attrib.get("answer"),
                    "feedback": {f.attrib["when"]: " ".join(f.text.split())
                                 for f in q.findall("feedback")},
                    "accept": [" ".join(a.text.split()) for a in q.findall("accept")],
                    "items": [" ".join(i.text.split()) for i in q.findall("item")],
                    "keywords": q.find("keywords") is not None, "pattern": words(q, "pattern"),
                }
    return found


def expected(q, gift):
    """What q should come back as."""
    want = dict(q, keywords=False, pattern=None)
    if q["kind"] in ("multiple-response", "judgement"):
        want["options"] = [(t, float(nearest(c)), f) for t, c, f in q["options"]]
    if q["kind"] == "judgement" and sorted(c for _, c, _ in want["options"])[-2:] == [0, 100] \
            and all(c in (0, 100) for _, c, _ in want["options"]):
        # one option at 100 and the rest at 0 is a single choice, in Moodle as here
        want["kind"] = "single-choice"
        want["options"] = [(t, c, f) for t, c, f in want["options"]]
    if gift:
        want["hint"] = None
        want["points"] = 1.0
    return want


original = questions(COURSE)
check(len(original) == 36, "the shipped course has its 36 questions to send out", len(original))

for fmt in ("moodle", "gift"):
    out_file = os.path.join(work, f"bank.{'xml' if fmt == 'moodle' else 'gift'}")
    code, out, err = run("export-bank", "--format", fmt, "-o", out_file)
    lines = err.splitlines()
    check(code == 0 and out == "" and lines[-1].startswith("export-bank: "),
          f"{fmt}: export-bank writes the file and a summary", err[-400:])
    moved = [x for x in lines if "moved to" in x]
    check(any(x.endswith("question 'q-respect-2': option 'latemail' fraction 34% moved to "
                         "33.33333%, the nearest grade Moodle allows") for x in moved),
          f"{fmt}: a fraction off Moodle's list is moved and said at its question", moved[:2])
    check(any("question 'q-respect-6': its keywords not exported" in x for x in lines),
          f"{fmt}: a short answer's keywords are said as not exported", err[-300:])
    check("no " + ("Moodle" if fmt == "moodle" else "GIFT") + " question type for the 24 "
          "self-assessment statements, 10 scenarios and 7 lessons" in lines[-1],
          f"{fmt}: the summary names what has no question type", lines[-1])
    if fmt == "gift":
        gone = [x for x in lines if "not exported: GIFT has no ordering questions" in x]
        check(len(gone) == sum(q["kind"] == "ordering" for q in original.values()) and
              "left out (no such kind in GIFT)" in lines[-1],
              "gift: ordering questions are left out, each said", gone)
        r = subprocess.run(["node", "tests/gift/compare.js", out_file], capture_output=True,
                           text=True, timeout=600)
        theirs = json.loads(r.stdout)
        check(isinstance(theirs, list) and
              len([t for t in theirs if t["type"] != "Category"]) == 36 - len(gone),
              "gift: gift-pegjs reads the file, every question", str(theirs)[:300])
    else:
        code, _, _ = subprocess.run(["xmllint", "--noout", out_file], capture_output=True,
                                    text=True), None, None
        check(code.returncode == 0, "moodle: the file is well-formed XML", code.stderr)
    back = os.path.join(work, f"back-{fmt}")
    os.makedirs(back)
    shutil.copy(os.path.join(COURSE, "course.xml"), back)
    r = subprocess.run(rapport + ["import", out_file, "--into", back], capture_output=True,
                       text=True, env=env, timeout=600)
    check(r.returncode == 0 and "not imported" not in r.stdout,
          f"{fmt}: import takes it all back, nothing lost on the way in", r.stdout[-400:])
    mine = questions(back)
    kinds = {q["kind"] for q in original.values()}
    for kind in sorted(kinds):
        ids = [i for i, q in original.items() if q["kind"] == kind]
        if fmt == "gift" and kind == "ordering":
            check(not any(i in mine for i in ids), "gift: no ordering question came back", None)
            continue
        bad = [(i, expected(original[i], fmt == "gift"), mine.get(i)) for i in ids
               if mine.get(i) != expected(original[i], fmt == "gift")]
        check(not bad, f"{fmt}: every {kind} comes back with its id, competency, text, "
              f"options, credit, feedback, hint and mark ({len(ids)})",
              bad[:1])
    code, vout, _ = run("validate", back)
    check(code == 0, f"{fmt}: the course made of it validates", vout[-300:])

# A competency whose name holds a '/': Moodle writes it "//" in the
# category, and it comes back as one name, not as a path one part longer.
slashed = os.path.join(work, "slashed")
shutil.copytree(COURSE, slashed)
with open(os.path.join(slashed, "course.xml"), encoding="utf-8") as f:
    text = f.read()
with open(os.path.join(slashed, "course.xml"), "w", encoding="utf-8") as f:
    f.write(text.replace("<name>Repair</name>", "<name>Repair/recovery</name>"))
bank = os.path.join(work, "slashed.xml")
r = subprocess.run(rapport + ["--content", slashed, "export-bank", "-o", bank],
                   capture_output=True, text=True, env=env, timeout=600)
check(r.returncode == 0 and "/Repair//recovery</text>" in open(bank, encoding="utf-8").read(),
      "a '/' in a competency's name is written '//' in its Moodle category", r.stderr[-300:])
fresh = os.path.join(work, "slashed-new")
r = subprocess.run(rapport + ["import", bank, "--into", fresh], capture_output=True,
                   text=True, env=env, timeout=600)
names = [n.text for n in ET.parse(os.path.join(fresh, "course.xml")).getroot().iter("name")]
check(r.returncode == 0 and "Repair/recovery" in names and "" not in names
      and "recovery" not in names,
      "imported into a new folder, that category is one competency named 'Repair/recovery'",
      names)
again = os.path.join(work, "slashed-again")
os.makedirs(again)
shutil.copy(os.path.join(slashed, "course.xml"), again)
r = subprocess.run(rapport + ["import", bank, "--into", again], capture_output=True,
                   text=True, env=env, timeout=600)
mine = questions(again)
repair = [i for i, q in original.items() if q["competency"] == "repair"]
check(r.returncode == 0 and repair and all(mine[i]["competency"] == "repair" for i in repair),
      "imported into the course, its questions find the competency by that name",
      r.stdout[-300:])

code, out, err = run("export-bank", "q-respect-1")
check(code == 1 and "no quiz or bank 'q-respect-1'" in err, "a question is not a quiz or bank",
      err)
code, out, err = run("export-bank", "knowledge-check", "--format", "gift")
check(code == 0 and out.startswith("// GIFT") and out.count("\n::q-") == 33,
      "one quiz to standard output, as GIFT", err[-200:])
code, out, err = run("export-bank", "--format", "qti")
check(code == 2 and "--format takes moodle or gift" in err, "an unknown format is refused", err)

finish()
