#!/usr/bin/python3
"""rapport stats: item statistics checked against R's psych package.

Thirty people, each with an ability drawn from a seeded generator, take
the fixture course (tests/content/stats) through the real binary and
--answers: a quiz everyone gets whole, with a perfectly discriminating
question, a constant one, a reversed one and a partial-credit one; a
right-or-wrong quiz (KR-20); a quiz that draws three questions of five
(an incomplete matrix); and a self-assessment with reverse keys and
"hasn't come up" answers. R's psych (tests/e2e/psych.R) reads only the
CSV export and computes alpha, r.drop, facility and SD on its own; every
figure must agree to three decimals. Then the known answers: what the
perfect, constant and reversed items must show and flag, what too few
attempts say, the command line's refusals, and text that fits 80
columns."""
import csv
import json
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
os.chdir(os.path.join(HERE, "..", ".."))
from subcases import check, finish  # noqa: E402

RAPPORT = shlex.split(os.environ["RAPPORT"])
COURSE = "tests/content/stats/stats.xml"
PEOPLE = 30
tmp = tempfile.mkdtemp(dir=os.environ.get("TESTS_TMP"))
DB = os.path.join(tmp, "stats.db")
ENV = dict(os.environ, HOME=tmp, LC_ALL="C.UTF-8", COLUMNS="80")


def rapport(*args, user="trainer", answers=None):
    argv = RAPPORT + ["--content", COURSE, "--db", DB, "--user", user] + list(args)
    if answers is not None:
        path = os.path.join(tmp, "answers.txt")
        with open(path, "w") as f:
            f.write("\n".join(answers) + "\n")
        argv[len(RAPPORT):len(RAPPORT)] = ["--answers", path]
    r = subprocess.run(argv, capture_output=True, env=ENV, timeout=600)
    return r.returncode, r.stdout.decode(), r.stderr.decode()


# ---- the people and their answers ----
rng = random.Random(7)
people = sorted((rng.gauss(0, 1), i) for i in range(PEOPLE))
na_count = {}
for rank, (theta, i) in enumerate(people):
    user = f"p{i:02d}"
    top_half = rank >= PEOPLE // 2
    fixed = ["a" if theta + rng.gauss(0, 1) > d else rng.choice("bc")
             for d in (-1.0, -0.3, 0.3, 1.0)]
    fixed += ["a" if top_half else "b",                        # q-perfect
              "a",                                             # q-constant
              "a" if theta + rng.gauss(0, 0.5) < 0 else "c",   # q-reversed
              "abc"[0 if theta > 0.5 else 1 if theta > -0.5 else 2]]  # q-judge
    pooled = ["a" if theta + rng.gauss(0, 1) > d else "b" for d in (-0.5, 0, 0.5)]
    tf = [k if theta + rng.gauss(0, 1) > d else {"t": "f", "f": "t"}[k]
          for k, d in zip("tftft", (-1, -0.5, 0, 0.5, 1))]
    habits = []
    for s, reverse in enumerate((False, False, True, False, False, True)):
        v = max(1, min(5, round(3 + theta + rng.gauss(0, 0.8))))
        v = 6 - v if reverse else v
        if s >= 3 and rng.random() < 0.2:
            v = 0
            na_count[s] = na_count.get(s, 0) + 1
        habits.append(str(v))
    for seed, args, lines in ((1, ["quiz", "fixed"], fixed),
                              (100 + i, ["quiz", "pooled"], pooled),
                              (2, ["quiz", "right-wrong"], tf),
                              (3, ["assess", "habits"], habits)):
        code, _, err = rapport("--seed", str(seed), *args, user=user, answers=lines)
        if code not in (0, 1):
            check(False, f"{user} takes {args[1]}", err)

code, out, err = rapport("stats", "--all", "--json")
check(code == 0, "stats --all --json runs", err)
ours = json.loads(out) if code == 0 else {"activities": []}
acts = {a["id"]: a for a in ours["activities"]}
check(ours.get("minimum_attempts") == 10 and ours.get("attempts") == 4 * PEOPLE,
      "it states its minimum and takes in every finished attempt",
      f"{ours.get('minimum_attempts')} {ours.get('attempts')}")


def item(act, ident):
    return next((i for i in acts.get(act, {}).get("items", []) if i["id"] == ident), {})


# ---- R's psych on the CSV export ----
csv_path = os.path.join(tmp, "results.csv")
code, _, err = rapport("export", "--all", "--format", "csv", "-o", csv_path)
check(code == 0, "the CSV export for R", err)
rscript = shutil.which("Rscript")
check(rscript is not None, "Rscript is installed (make check installs r-cran-psych)")
theirs = {}
if rscript:
    r = subprocess.run([rscript, "tests/e2e/psych.R", csv_path, "s-r3,s-p3"],
                       capture_output=True, timeout=600)
    check(r.returncode == 0, "psych.R runs", r.stderr.decode()[-1500:])
    for line in r.stdout.decode().splitlines():
        f = line.split()
        if len(f) >= 4:
            theirs[tuple(f[:3])] = [None if v == "NA" else float(v) for v in f[3:]]
check(theirs.get(("range", "habits", "-")) == [1.0, 5.0],
      "the answers span the scale, so psych reverses keys as rapport does",
      str(theirs.get(("range", "habits", "-"))))


def same(a, b):
    return a is not None and b is not None and abs(a - b) < 0.0005


def compare(what, pairs):
    bad = [f"{k}: ours {a}, psych {b}" for k, a, b in pairs if not same(a, b)]
    check(pairs and not bad, f"{what}: {len(pairs)} figures agree to three decimals",
          "\n".join(bad[:20]))


alphas, rdrops, facilities, sds = [], [], [], []
for act in ("fixed", "right-wrong", "pooled"):
    a = acts.get(act, {})
    alphas.append((act, a.get("reliability", {}).get("alpha"),
                   theirs.get(("alpha", act, "-"), [None])[0]))
    for it in a.get("items", []):
        want = theirs.get(("r.drop", act, it["id"]))
        if want is not None:
            rdrops.append((f"{act}/{it['id']}", it["discrimination"], want[0]))
        facilities.append((f"{act}/{it['id']}", it["facility"],
                           theirs.get(("facility", act, it["id"]), [None])[0]))
        sds.append((f"{act}/{it['id']}", it["sd"],
                    theirs.get(("sd", act, it["id"]), [None])[0]))
habits = acts.get("habits", {})
for c in habits.get("competencies", []):
    alphas.append((f"habits/{c['id']}", c["reliability"]["alpha"],
                   theirs.get(("alpha", "habits", c["id"]), [None])[0]))
for it in habits.get("items", []):
    rdrops.append((f"habits/{it['id']}", it["discrimination"],
                   theirs.get(("r.drop", "habits", it["id"]), [None])[0]))
compare("alpha (KR-20, pairwise over pools, per competency with reverse keys)", alphas)
compare("discrimination: the corrected item-total correlation", rdrops)
compare("facility", facilities)
compare("standard deviation", sds)

# ---- the known answers ----
fixed = acts.get("fixed", {})
check(fixed.get("reliability", {}).get("kr20") is False
      and acts.get("right-wrong", {}).get("reliability", {}).get("kr20") is True,
      "KR-20 where every item is right or wrong, alpha where one gives partial credit")
check(acts.get("pooled", {}).get("reliability", {}).get("pairwise") is True
      and fixed.get("reliability", {}).get("pairwise") is False,
      "pairwise covariances where the pools left holes, and said so")
check(fixed.get("reliability", {}).get("left_out_constant") == 1
      and fixed.get("reliability", {}).get("items") == 7,
      "the constant question is left out of alpha", json.dumps(fixed.get("reliability")))
perfect = item("fixed", "q-perfect")
popt = {o["id"]: o for o in perfect.get("options", [])}
check(popt.get("right", {}).get("top") == 1.0 and popt.get("right", {}).get("bottom") == 0.0
      and perfect.get("facility") == 0.5,
      "the perfectly discriminating question: all of the top third, none of the bottom",
      json.dumps(perfect))
check(perfect.get("discrimination", 0) > 0.6 and "a distractor nobody chose" in perfect.get("flags", []),
      "and discriminates, with its unpicked distractor flagged", json.dumps(perfect.get("flags")))
constant = item("fixed", "q-constant")
check(constant.get("facility") == 1.0 and constant.get("sd") == 0.0
      and constant.get("discrimination") is None
      and {"too easy", "everyone scored the same"} <= set(constant.get("flags", [])),
      "the constant question: facility 1, no discrimination, flagged", json.dumps(constant))
reversed_ = item("fixed", "q-reversed")
check(reversed_.get("discrimination", 1) < 0
      and {"negative discrimination", "the top third prefers a distractor to the key"}
      <= set(reversed_.get("flags", [])),
      "the reversed question: negative, and the top third prefers a distractor",
      json.dumps(reversed_))
na = {it["id"]: it["not_applicable"] for it in habits.get("items", [])}
check(na == {"s-r1": 0, "s-r2": 0, "s-r3": 0, "s-p1": na_count.get(3, 0),
             "s-p2": na_count.get(4, 0), "s-p3": na_count.get(5, 0)},
      "'hasn't come up' is counted apart, not as an answer", f"{na} {na_count}")
sr3 = item("habits", "s-r3")
check(sr3.get("discrimination", -1) > 0,
      "a reverse-keyed statement correlates positively once its key is applied",
      json.dumps(sr3))

# ---- too few to judge ----
code, out, err = rapport("stats", "fixed", "--user", "p01", "--json")
one = json.loads(out)["activities"][0] if code == 0 else {}
check(one.get("attempts") == 1 and one.get("judged") is False
      and one["reliability"]["alpha"] is None and one["reliability"]["why_not"]
      and all(i["facility"] is None and not i["judged"] for i in one["items"]),
      "one person's one attempt: no figure, and why", json.dumps(one)[:800])
code, out, err = rapport("stats", "fixed", "--user", "p01")
check(code == 0 and "Too few attempts to judge" in out and "too few answers to judge" in out
      and "1 finished attempt where it needs 10" in " ".join(out.split())
      and "Options:" not in out and "%" not in out.split("Reliability")[-1],
      "and in words, with no share of a handful shown", out)
check(all(len(l) <= 80 for l in out.splitlines()), "that too fits 80 columns", out)
check(all(o["share"] is None and o["top"] is None for i in one["items"] for o in i.get("options", []))
      and any(o["picks"] for i in one["items"] for o in i.get("options", [])),
      "in JSON the picks are counted, and no share is given", json.dumps(one["items"][0]))

# ---- the text, at 80 columns ----
code, out, err = rapport("stats", "--all")
wide = [l for l in out.splitlines() if len(l) > 80]
check(code == 0 and not wide, "stats --all fits 80 columns", "\n".join(wide[:5]))
check(re.search(r"^Quiz 'fixed'", out, re.M) and "Cronbach's alpha 0.5" in out
      and re.search(r"KR-20 0\.\d\d over 5 questions", out)
      and "from pairwise covariances" in " ".join(out.split()),
      "the text names alpha, KR-20 and the pairwise matrix", out[:3000])
check(re.search(r"q-reversed: negative discrimination", out),
      "and lists what to look at", out)
code, out, err = rapport("stats", "--all", "--since", "2999-01-01")
check(code == 0 and "0 finished attempts" in out and "No finished attempts." in out,
      "--since after everything: nothing, said plainly", out)

# ---- in the HTML report ----
page = os.path.join(tmp, "team.html")
code, out, err = rapport("report", "--all", "--html", page)
html = open(page, encoding="utf-8").read() if code == 0 else ""
section = html[html.find('id="item-statistics"'):]
fixed_alpha = acts.get("fixed", {}).get("reliability", {}).get("alpha") or 0
check('id="item-statistics"' in html and f"Cronbach's alpha {fixed_alpha:.2f}" in section
      and "from pairwise covariances" in section,
      "report --html has the item statistics, with the same alpha", section[:1500])
rows = re.findall(r'<td title="([^"]+)">.*?</td>\s*<td class="n">(\d+)</td>\s*'
                  r'<td class="n">([^<]+)</td>.*?<td class="n">[^<]*</td>\s*<td>([^<]*)</td>',
                  section, re.S)
shown = {(ident, n, fac, flags) for ident, n, fac, flags in rows}
want = {(i["id"], str(i["n"]), f"{100 * i['facility']:.0f}%", "; ".join(i["flags"]))
        for a in ("fixed", "right-wrong", "pooled") for i in acts.get(a, {}).get("items", [])
        if i["flags"]}
check(want and want == shown, "the questions to look at, with their flags, as stats gives them",
      f"missing {sorted(want - shown)[:5]}, extra {sorted(shown - want)[:5]}")
check("8 of 8 questions judged, 3 to look at" in section,
      "and the others counted", section[:3000])

# ---- refusals ----
for args, message in ((["nosuch"], "no quiz, self-assessment or exercise 'nosuch'"),
                      (["one"], "'one' is a lesson"),
                      (["fixed", "pooled"], "one quiz, self-assessment or exercise at a time"),
                      (["--user", "p01", "--all"], "give --user NAME or --all, not both"),
                      (["--since", "soon"], "--since takes a date")):
    code, out, err = rapport("stats", *args)
    check(code == 2 and message in err, f"stats {' '.join(args)} is refused", err)
shutil.rmtree(tmp)
finish()
