#!/usr/bin/python3
"""The shipped course is real training material: the floors of the product
brief, checked on the XML itself (lesson length, every question type, every
competency covered, feedback everywhere, reversed statements, role cards)."""
import os
import re
import sys
import xml.etree.ElementTree as ET

os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
COURSE = os.environ.get("COURSE", "content/inside-relationships")
problems = []


def check(ok, what):
    if not ok:
        problems.append(what)


def words(el):
    return len(" ".join(el.itertext()).split())


roots = []
for dirpath, _, names in os.walk(COURSE):
    for n in sorted(names):
        if n.endswith(".xml"):
            roots.append(ET.parse(os.path.join(dirpath, n)).getroot())

course = [r for r in roots if r.tag == "course"][0]
competencies = [c.get("id") for c in course.findall("competency")]
check(len(competencies) == 6, "six competencies")

lessons = [r for r in roots if r.tag == "lesson"]
check(len(lessons) >= 6, "at least 6 lessons")
for l in lessons:
    body = sum(words(s) for s in l.findall("section"))
    check(body >= 300, f"lesson {l.get('id')} has {body} words, under 300")
    check(l.find(".//story") is not None, f"lesson {l.get('id')} has no story")
    check(l.find("key-points") is not None, f"lesson {l.get('id')} has no key points")
check({l.get("competency") for l in lessons} == set(competencies),
      "every competency has a lesson")

TYPES = ["single-choice", "multiple-response", "true-false", "judgement",
         "ordering", "short-answer"]
quiz = [r for r in roots if r.tag == "quiz" and r.get("id") == "knowledge-check"]
check(len(quiz) == 1, "a quiz called knowledge-check")
questions = [q for q in quiz[0].iter() if q.tag in TYPES] if quiz else []
check(len(questions) >= 30, f"knowledge check has {len(questions)} questions, under 30")
for t in TYPES:
    check(sum(q.tag == t for q in questions) >= 3, f"fewer than 3 {t} questions")
for c in competencies:
    check(sum(q.get("competency") == c for q in questions) >= 3,
          f"competency {c} has fewer than 3 questions")
for q in questions:
    qid = q.get("id")
    check(q.find("explanation") is not None, f"{qid} has no explanation")
    check(q.get("lesson") is not None, f"{qid} names no lesson")
    if q.tag in ("single-choice", "multiple-response"):
        for o in q.findall("option"):
            check(o.find("feedback") is not None, f"{qid} option {o.get('id')} has no feedback")
    if q.tag == "true-false":
        check(len(q.findall("feedback")) == 2, f"{qid} lacks feedback for both answers")

assessment = [r for r in roots if r.tag == "assessment"]
check(len(assessment) == 1, "one self-assessment")
statements = assessment[0].findall("statement") if assessment else []
check(len(statements) >= 18, "at least 18 statements")
for c in competencies:
    mine = [s for s in statements if s.get("competency") == c]
    check(len(mine) >= 3, f"competency {c} has fewer than 3 statements")
check(sum(s.get("reverse") == "true" for s in statements) >= 3, "some reversed statements")
for s in statements:
    check(s.text.strip().startswith(("I ", "I'", "When I", "Before I", "After I", "If I")) or " I " in s.text,
          f"statement {s.get('id')} is not in the first person")
actions = assessment[0].findall("actions/action") if assessment else []
check({a.get("competency") for a in actions} >= set(competencies),
      "next actions for every competency")

scenarios = [s for r in roots if r.tag == "exercise" for s in r.findall("scenario")]
check(len(scenarios) >= 8, "at least 8 meeting scenarios")
for s in scenarios:
    sid = s.get("id")
    check(len(s.findall("discuss/prompt")) >= 2, f"{sid} has under 2 discussion prompts")
    check(len(s.findall("roles/card")) >= 2, f"{sid} has under 2 role cards")
    check(len(s.findall("option")) >= 3, f"{sid} has under 3 options")
check({s.get("competency") for s in scenarios} == set(competencies),
      "every competency has a scenario")

paths = [r for r in roots if r.tag == "path"]
check(len(paths) >= 1, "an onboarding path")
if paths:
    kinds = [c.tag for c in paths[0] if c.tag not in ("title", "intro")]
    for k in ("read", "pass", "assess", "review"):
        check(k in kinds, f"the path has no {k} step")

# US English throughout: British spellings a writer slips into, by stem.
BRITISH = re.compile(r"\b(\w*(?:favour|behaviour|colour|honour|labour|neighbour|organis|"
                     r"recognis|realis(?:e|ed|es|ing|ation)|apologis|prioritis|authoris|criticis|summaris|"
                     r"minimis|programme|defence|licence|cheque|catalogue|centre|"
                     r"fortnight)\w*)\b", re.I)
text = {}
for dirpath, _, names in os.walk(COURSE):
    for n in sorted(names):
        if n.endswith(".xml"):
            with open(os.path.join(dirpath, n), encoding="utf-8") as f:
                text[os.path.join(dirpath, n)] = f.read()
# What a learner reads; a short answer still accepts either spelling, and ids
# stay as they are stored.


def reading(el):
    if el.tag != "accept":
        yield el.text or ""
        for child in el:
            yield from reading(child)
    yield el.tail or ""


for n in text:
    for m in BRITISH.finditer(" ".join(reading(ET.parse(n).getroot()))):
        check(False, f"{n}: British spelling '{m.group(1)}'")

# One person, one name: a character with a full name lives in one file, and
# nobody else in the course answers to the first name. Capitalised words that
# start sentences ("Thank Rosa", "Keep Friday") are told apart because the
# course also uses them in lower case.
lower = set(re.findall(r"\b[a-z]+\b", " ".join(text.values())))
homes = {}
for n, t in text.items():
    for first, _ in re.findall(r"\b([A-Z][a-z]+) ([A-Z][a-z]+)\b", t):
        if first.lower() not in lower and first not in ("Buy",):
            homes.setdefault(first, set())
for first in homes:
    for n, t in text.items():
        if re.search(rf"\b{first}\b", t):
            homes[first].add(os.path.relpath(n, COURSE))
for first, files in sorted(homes.items()):
    check(len(files) == 1, f"{first} is a character in more than one file: {sorted(files)}")

for p in problems:
    print("not ok:", p)
print(f"{len(lessons)} lessons, {len(questions)} questions, {len(statements)} statements, "
      f"{len(scenarios)} scenarios: {len(problems)} problems")
sys.exit(1 if problems else 0)
