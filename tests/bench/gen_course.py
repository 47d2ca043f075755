#!/usr/bin/env python3
"""gen_course.py - write a synthetic rapport course of N questions.

Usage: gen_course.py N DIR

The course is shaped like a real one: course.xml with competencies,
lessons and a self-assessment; quiz.xml drawing from every bank; and the
questions in banks/bank-NNN.xml, all six kinds in turn, written the way an
author writes them (one element a line, wrapped text). Each bank file is
filled to 90% of whichever of the loader's caps (4 MiB, 65,535 lines) it
reaches first, so the course has as few files as the format allows. The
output depends only on N: the same N gives the same bytes.
"""
import os
import random
import sys

MAX_BYTES = 4 << 20
MAX_LINES = 65535
FILL = 0.90

COMPETENCIES = [
    ("respect", "Respect"),
    ("investment", "Investment"),
    ("repair", "Repair"),
    ("delegation", "Delegation"),
    ("leverage", "Leverage"),
    ("influence", "Influence"),
]
LESSONS_PER_COMPETENCY = 2

WORDS = (
    "customer service purchasing warehouse credit order desk buyer supplier "
    "delivery invoice quote rush return account manager colleague team "
    "Friday morning afternoon promise deadline thanks favour request reason "
    "priority schedule phone email note meeting handover backlog shipment "
    "price discount complaint apology trust goodwill partner habit week "
    "plan follow up ask explain listen help share credit praise mistake "
    "repair own blame wait early late today tomorrow quickly carefully "
    "clearly politely honestly first before after because while unless"
).split()


def sentence(rng, lo, hi):
    n = rng.randint(lo, hi)
    w = [rng.choice(WORDS) for _ in range(n)]
    w[0] = w[0].capitalize()
    return " ".join(w) + rng.choice([".", ".", ".", "?"])


def wrapped(rng, lo, hi, indent):
    """lo to hi sentences wrapped at 72 columns, the lines after the first
    indented by indent + 2, as an author lays text out."""
    text = " ".join(sentence(rng, 6, 14) for _ in range(rng.randint(lo, hi)))
    out, line = [], ""
    for w in text.split():
        if len(line) + len(w) + 1 > 72 - indent and line:
            out.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    out.append(line)
    pad = "\n" + " " * (indent + 2)
    return pad.join(out)


def elem(rng, name, indent, lo=1, hi=2, attrs=""):
    return f"{' ' * indent}<{name}{attrs}>{wrapped(rng, lo, hi, indent)}</{name}>\n"


def question(rng, n, lessons):
    """The XML of question number n (its kind follows n)."""
    comp = COMPETENCIES[n % len(COMPETENCIES)][0]
    lesson = rng.choice(lessons[comp])
    qid = f"q{n:06d}"
    kind = n % 6
    head = f'id="{qid}" competency="{comp}" lesson="{lesson}"'
    s = []
    if kind == 0:
        s.append(f"  <single-choice {head}>\n")
        s.append(elem(rng, "prompt", 4, 2, 3))
        s.append(elem(rng, "hint", 4, 1, 1))
        right = rng.randrange(4)
        for i, oid in enumerate(("a1", "b2", "c3", "d4")):
            mark = ' correct="true"' if i == right else ""
            s.append(f'    <option id="{oid}"{mark}>\n')
            s.append(elem(rng, "text", 6, 1, 1))
            s.append(elem(rng, "feedback", 6, 1, 2))
            s.append("    </option>\n")
        s.append(elem(rng, "explanation", 4, 1, 3))
        s.append("  </single-choice>\n")
    elif kind == 1:
        s.append(f'  <multiple-response {head} points="2">\n')
        s.append(elem(rng, "prompt", 4, 1, 2))
        for oid, frac in (("w", "50"), ("x", "50"), ("y", "-50"), ("z", "-50")):
            s.append(f'    <option id="{oid}" fraction="{frac}">\n')
            s.append(elem(rng, "text", 6, 1, 1))
            s.append("    </option>\n")
        s.append(elem(rng, "explanation", 4, 1, 2))
        s.append("  </multiple-response>\n")
    elif kind == 2:
        s.append(f'  <true-false {head} answer="{rng.choice(["true", "false"])}">\n')
        s.append(elem(rng, "prompt", 4, 1, 2))
        s.append(elem(rng, "feedback", 4, 1, 1, ' when="true"'))
        s.append(elem(rng, "feedback", 4, 1, 1, ' when="false"'))
        s.append(elem(rng, "explanation", 4, 1, 2))
        s.append("  </true-false>\n")
    elif kind == 3:
        s.append(f"  <judgement {head}>\n")
        s.append(elem(rng, "prompt", 4, 2, 4))
        for oid, weight in (("best", "100"), ("fair", "50"), ("poor", "0")):
            s.append(f'    <option id="{oid}" weight="{weight}">\n')
            s.append(elem(rng, "text", 6, 1, 1))
            s.append(elem(rng, "rationale", 6, 1, 2))
            s.append("    </option>\n")
        s.append("  </judgement>\n")
    elif kind == 4:
        s.append(f"  <ordering {head}>\n")
        s.append(elem(rng, "prompt", 4, 1, 1))
        for iid in ("one", "two", "three", "four"):
            s.append(f'    <item id="{iid}">{sentence(rng, 3, 7)}</item>\n')
        s.append(elem(rng, "explanation", 4, 1, 2))
        s.append("  </ordering>\n")
    else:
        s.append(f"  <short-answer {head}>\n")
        s.append(elem(rng, "prompt", 4, 1, 2))
        a, b = rng.choice(WORDS), rng.choice(WORDS)
        s.append(f"    <accept>{a}</accept>\n")
        s.append(f"    <accept>{a} {b}</accept>\n")
        s.append('    <keywords min="1">\n')
        s.append(f"      <keyword>{a}</keyword>\n")
        s.append(f"      <keyword>{b}</keyword>\n")
        s.append("    </keywords>\n")
        if n % 12 == 5:  # every other short answer has a pattern
            s.append(f"    <pattern>(the )?{a}( {b})?</pattern>\n")
        s.append(elem(rng, "explanation", 4, 1, 2))
        s.append("  </short-answer>\n")
    return "".join(s)


def bands(indent, lesson):
    p = " " * indent
    return (
        f"{p}<bands>\n"
        f'{p}  <band min="0" max="80" lesson="{lesson}">\n'
        f"{p}    <label>Not yet</label>\n"
        f"{p}    <advice>Read the lessons again and retake the check.</advice>\n"
        f"{p}  </band>\n"
        f'{p}  <band min="80" max="100">\n'
        f"{p}    <label>Ready</label>\n"
        f"{p}    <advice>Put it to work this week.</advice>\n"
        f"{p}  </band>\n"
        f"{p}</bands>\n"
    )


def course_xml(rng, lessons):
    s = ['<?xml version="1.0" encoding="UTF-8"?>\n',
         '<course id="bench" format="1" lang="en">\n',
         "  <title>Benchmark course</title>\n",
         elem(rng, "summary", 2, 2, 3)]
    for cid, name in COMPETENCIES:
        s.append(f'  <competency id="{cid}">\n    <name>{name}</name>\n')
        s.append(elem(rng, "description", 4, 1, 2))
        s.append("  </competency>\n")
    for cid, _ in COMPETENCIES:
        for lid in lessons[cid]:
            s.append(f'  <lesson id="{lid}" competency="{cid}" minutes="5">\n')
            s.append(elem(rng, "title", 4, 1, 1))
            for _ in range(3):
                s.append("    <section>\n")
                s.append(elem(rng, "heading", 6, 1, 1))
                for _ in range(3):
                    s.append(elem(rng, "p", 6, 3, 5))
                s.append("    </section>\n")
            s.append("    <key-points>\n")
            s.append(elem(rng, "point", 6, 1, 1))
            s.append("    </key-points>\n")
            s.append("  </lesson>\n")
    s.append('  <assessment id="habits">\n    <title>My habits</title>\n')
    s.append("    <scale>\n")
    for v, label in enumerate(("Never", "Rarely", "Sometimes", "Often", "Always"), 1):
        s.append(f'      <point value="{v}">{label}</point>\n')
    s.append("    </scale>\n")
    for cid, _ in COMPETENCIES:
        for k in range(2):
            rev = ' reverse="true"' if k else ""
            s.append(elem(rng, "statement", 4, 1, 1,
                          f' id="s-{cid}-{k}" competency="{cid}"{rev}'))
    s.append(bands(4, lessons["respect"][0]))
    s.append("    <actions>\n")
    for cid, _ in COMPETENCIES:
        s.append(elem(rng, "action", 6, 1, 1,
                      f' competency="{cid}" lesson="{lessons[cid][0]}"'))
    s.append("    </actions>\n  </assessment>\n</course>\n")
    return "".join(s)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gen_course.py N DIR")
    total, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(total)
    lessons = {cid: [f"{cid}-{k}" for k in range(1, LESSONS_PER_COMPETENCY + 1)]
               for cid, _ in COMPETENCIES}
    os.makedirs(os.path.join(out, "banks"), exist_ok=True)
    with open(os.path.join(out, "course.xml"), "w") as f:
        f.write(course_xml(rng, lessons))

    banks, n = [], 0
    while n < total:
        bid = f"bank-{len(banks) + 1:03d}"
        head = f'<?xml version="1.0" encoding="UTF-8"?>\n<bank id="{bid}">\n'
        tail = "</bank>\n"
        parts, size, lines = [head], len(head) + len(tail), 3
        while n < total:
            q = question(rng, n, lessons)
            if (size + len(q) > FILL * MAX_BYTES or
                    lines + q.count("\n") > FILL * MAX_LINES):
                break
            parts.append(q)
            size += len(q)
            lines += q.count("\n")
            n += 1
        parts.append(tail)
        with open(os.path.join(out, "banks", bid + ".xml"), "w") as f:
            f.write("".join(parts))
        banks.append(bid)

    s = ['<?xml version="1.0" encoding="UTF-8"?>\n',
         '<quiz id="check" pass="80" shuffle="true" time-limit="30">\n',
         "  <title>Benchmark check</title>\n"]
    for bid in banks:
        s.append(f'  <pool id="pool-{bid}" draw="10" bank="{bid}"/>\n')
    s.append(bands(2, lessons["respect"][0]))
    s.append("</quiz>\n")
    with open(os.path.join(out, "quiz.xml"), "w") as f:
        f.write("".join(s))
    print(f"{total} questions in {len(banks)} bank files")


if __name__ == "__main__":
    main()
