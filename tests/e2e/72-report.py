#!/usr/bin/python3
"""The team report, checked against figures worked out here from the JSON
export by the rules in src/core/report.h: knowledge from each person's
latest finished attempt of every quiz, self-assessment from the latest of
every self-assessment, the team as the mean of its people, the most missed
questions by count. Four people take the shipped course over three weeks;
two of them have names that would be markup if anything forgot to escape
them. The HTML file is then read as a browser would read it: its charts,
its text, and nothing that could fetch or run."""
import html.parser
import json
import math
import os
import re
import shlex
import stat
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
os.chdir(os.path.join(HERE, "..", ".."))
import fakeclock  # noqa: E402
from learner import Learner  # noqa: E402
from subcases import check, finish, problems  # noqa: E402

fakeclock.require()
rapport = shlex.split(os.environ["RAPPORT"])
work = tempfile.mkdtemp(dir=os.environ.get("TESTS_TMP", "/tmp"))
db = os.path.join(work, "team.db")
course = "content/inside-relationships"
env = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC", COLUMNS="100",
           ASAN_OPTIONS="verify_asan_link_order=0:" + os.environ.get("ASAN_OPTIONS", ""))
env.pop("NO_COLOR", None)
SCRIPT = "<script>document.title='owned'</script>"
IMG = "<img src=http://127.0.0.1:9/x.png>"
PEOPLE = [("ana", 0.9, 1.0), ("tom", 0.45, 1.5), (SCRIPT, 0.7, -1.0), (IMG, 0.6, 0.0)]


def run(*args, dbfile=db, expect=0):
    r = subprocess.run(rapport + ["--db", dbfile, "--user", "manager", "--content", course] + list(args),
                       capture_output=True, env=env, timeout=600)
    if expect is not None and r.returncode != expect:
        problems.append(f"{' '.join(args)}: exit {r.returncode}, want {expect}: {r.stderr.decode()[-400:]}")
    return r.stdout.decode(), r.stderr.decode()


for n, (name, skill, bias) in enumerate(PEOPLE):
    l = Learner(rapport, db, course, name, skill, 10 + n, env=env)
    days = ("2026-11-02", "2026-11-09", "2026-11-16") if n != 3 else ("2026-11-16",)
    for day in days:
        l.quiz("knowledge-check", when=day + " 10:00:00")
    if n != 1:  # tom never rates himself
        l.assess("self-check", bias=bias, when="2026-11-17 09:00:00")
        l.assess("self-check", bias=bias + 0.5, when="2026-11-18 09:00:00")

# ---- the figures, worked out from the export ----
doc = json.loads(run("export", "--all", "--format", "json")[0])
root = ET.parse(course + "/course.xml").getroot()
comps = [c.get("id") for c in root.iter("competency")]
comp_names = [c.find("name").text for c in root.iter("competency")]


def pct(v):
    return f"{math.floor(v + 1e-9)}%"


def figures(attempts):
    latest = {}
    for a in attempts:  # oldest first
        if a["status"] != "finished" or a["kind"] not in ("quiz", "exercise", "assessment"):
            continue
        key = (a["user"], a["kind"], a["item"])
        if key not in latest or a["finished"] >= latest[key]["finished"]:
            latest[key] = a
    people = {}
    for (user, kind, _), a in latest.items():
        p = people.setdefault(user, {"earned": {}, "possible": {}, "self": {}})
        for s in a["scores"]:
            if kind == "assessment":
                if s["scored"]:
                    p["self"].setdefault(s["competency"], []).append(s["score"])
            elif s["possible"] > 0:
                p["earned"][s["competency"]] = p["earned"].get(s["competency"], 0) + s["earned"]
                p["possible"][s["competency"]] = p["possible"].get(s["competency"], 0) + s["possible"]
    out = {}
    for user, p in people.items():
        know = {c: 100 * p["earned"][c] / p["possible"][c] for c in p["possible"]}
        self_ = {c: sum(v) / len(v) for c, v in p["self"].items()}
        tot = sum(p["possible"].values())
        out[user] = {"know": know, "self": self_,
                     "all": 100 * sum(p["earned"].values()) / tot if tot else None,
                     "self_all": sum(self_.values()) / len(self_) if self_ else None}
    for a in attempts:
        out.setdefault(a["user"], {"know": {}, "self": {}, "all": None, "self_all": None})
    return out


fig = figures(doc["attempts"])
names = sorted(fig, key=lambda s: (s.lower(), s))


def team(key, comp=None):
    vals = [fig[u][key].get(comp) if comp else fig[u][key] for u in names]
    vals = [v for v in vals if v is not None]
    return sum(vals) / len(vals) if vals else None


misses = {}
for a in doc["attempts"]:
    if a["kind"] not in ("quiz", "exercise"):
        continue
    for ans in a["answers"]:
        m = misses.setdefault(ans["item"], [0, 0])
        m[1] += 1
        m[0] += ans["outcome"] in ("wrong", "partial", "skipped")
ranked = sorted((k for k in misses if misses[k][0]),
                key=lambda k: (-misses[k][0], -misses[k][0] / misses[k][1], k))

# ---- the text report ----
out, _ = run("report", "--all")
lines = out.split("\n")
start = next(i for i, l in enumerate(lines) if l.startswith("Knowledge by competency"))
rows = lines[start + 3:start + 4 + len(names)]
want_rows = []
for u in names + ["Team"]:
    if u == "Team":
        cells = [team("know", c) for c in comps] + [team("all")]
    else:
        cells = [fig[u]["know"].get(c) for c in comps] + [fig[u]["all"]]
    want_rows.append(["-" if v is None else pct(v) for v in cells])
got_rows = [r[16:].split() for r in rows]
check(got_rows == want_rows, "knowledge by competency matches the export, person by person",
      f"got {got_rows}, want {want_rows}")
check([r[2:16].rstrip() for r in rows][-1] == "Team" and rows[0][2:5] == "<im",
      "people sorted by name, the team last, names shown as typed")
self_lines = re.findall(r"^  (.{14})  self\s+(\S+)\s+knowledge\s+(\S+)", out, re.M)
want_self = [(("-" if fig[u]["self_all"] is None else str(math.floor(fig[u]["self_all"] + 1e-9))),
              ("-" if fig[u]["all"] is None else pct(fig[u]["all"]))) for u in names]
check([(s, k) for _, s, k in self_lines] == want_self, "self-assessment next to knowledge",
      f"got {self_lines}, want {want_self}")
missed = re.findall(r"^  \d\. missed (\d+) of (\d+)", out, re.M)
check([tuple(map(int, m)) for m in missed] == [tuple(misses[k]) for k in ranked[:5]],
      "the most missed questions, most missed first", f"got {missed}")
check(re.search(r"^everyone · 4 people, 16 finished attempts, \d+ answers$", out, re.M),
      "the report says whom it covers")

out, _ = run("report", "--user", "tom")
check(re.search(r"^  tom  ", out, re.M) and "  ana " not in out and re.search(r"^tom · 1 person", out, re.M),
      "--user reports one person")
out, _ = run("report", "--all", "--since", "2026-11-16")
check(re.search(r"^everyone since 2026-11-16 · 4 people, 10 finished attempts", out, re.M),
      "--since leaves out older attempts")
out, _ = run("report", "--all", dbfile=os.path.join(work, "empty.db"))
check("No results here yet." in out, "an empty database gives a plain answer")
_, err = run("report", "--html", expect=2)
check("'--html' needs a value" in err, "--html without a file is refused")

# ---- the HTML report ----
page = os.path.join(work, "team.html")
out, _ = run("report", "--all", "--html", page)
check(out.startswith("Wrote the report on 4 people to "), "the HTML report says where it went")
check(stat.S_IMODE(os.stat(page).st_mode) == 0o600, "the report file is private (0600)")


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.texts, self.attrs, self.stack, self.titles = [], [], [], [], []
        self.cells, self.row, self.section = [], None, None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "section":
            self.section = dict(attrs).get("id")
        self.attrs += [(tag, k, v or "") for k, v in attrs]
        self.stack.append(tag)
        if tag == "tr":
            self.row = []
        if tag == "td" and self.row is not None:
            self.row.append(dict(attrs).get("title"))

    def handle_endtag(self, tag):
        if tag == "tr" and self.row and self.section == "missed":
            self.cells.append(self.row)
            self.row = None
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data):
        self.texts.append(data)
        if self.stack[-2:] == ["rect", "title"]:
            self.titles.append(data)


p = Page()
p.feed(open(page, encoding="utf-8").read())
text = "".join(p.texts)
check(p.tags.count("svg") == len(comps) + 3, f"one chart per competency, a heatmap, a trend and the "
      f"self-assessment chart ({p.tags.count('svg')} svg)")
check(not {"script", "img", "iframe", "link", "object", "embed", "base"} & set(p.tags),
      "nothing in the page can run code or fetch")
external = [(t, k, v) for t, k, v in p.attrs if re.match(r"\s*(https?:|//)", v) and k != "xmlns"]
check(not external, "no attribute points outside the file", f"{external[:2]}")
check(any(k == "http-equiv" and v == "Content-Security-Policy" for _, k, v in p.attrs) and
      any("default-src 'none'" in v for _, _, v in p.attrs), "a content security policy forbids fetching")
check(SCRIPT in text and IMG in text, "names that look like markup are shown as text")
want_titles = set()
for u in names + ["Team"]:
    for c, cname in zip(comps + [None], comp_names + ["all competencies"]):
        if u == "Team":
            v = team("know", c) if c else team("all")
        else:
            v = fig[u]["know"].get(c) if c else fig[u]["all"]
        want_titles.add(f"{u}, {cname}: {'–' if v is None else pct(v)}")
check(want_titles <= set(p.titles), "every heatmap cell carries its person, competency and figure",
      f"missing {sorted(want_titles - set(p.titles))[:3]}")
missed_ids = [r[0] for r in p.cells if r and r[0]]
check(missed_ids == ranked[:10], "the most missed table lists the same questions",
      f"got {missed_ids}, want {ranked[:10]}")

finish()
