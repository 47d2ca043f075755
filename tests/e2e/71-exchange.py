#!/usr/bin/python3
"""Results leaving and joining a database, as a team does it: two people
take the shipped course on their own machines (database A: ana, database B:
tom and a colleague whose name needs quoting), each exports JSON, and the
manager merges both into database C.

Merging gives exactly the union and is idempotent; a conflicting record is
reported and never overwrites; an unfinished attempt stays behind; a bad
file changes nothing. The CSV parses back to the very rows of the JSON; the
xAPI statements carry everything a learning record store requires, and
exporting again, from either database, gives the same statement ids."""
import csv
import datetime
import io
import json
import os
import re
import shlex
import stat
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
os.chdir(os.path.join(HERE, "..", ".."))
import fakeclock  # noqa: E402
from learner import Learner  # noqa: E402
import xapilib  # noqa: E402
from subcases import check, finish, problems  # noqa: E402

fakeclock.require()
rapport = shlex.split(os.environ["RAPPORT"])
work = tempfile.mkdtemp(dir=os.environ.get("TESTS_TMP", "/tmp"))
course = "content/inside-relationships"
env = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC",
           ASAN_OPTIONS="verify_asan_link_order=0:" + os.environ.get("ASAN_OPTIONS", ""))
QUOTED = 'O\'Brien, "Bo"'


def db(name):
    return os.path.join(work, name + ".db")


def run(dbname, *args, user="manager", expect=0):
    r = subprocess.run(rapport + ["--db", db(dbname), "--user", user, "--content", course] +
                       list(args), capture_output=True, env=env, timeout=600)
    out, err = r.stdout.decode(), r.stderr.decode()
    if expect is not None and r.returncode != expect:
        problems.append(f"{' '.join(args)}: exit {r.returncode}, want {expect}: {err[-400:]}")
    return out, err, r.returncode


def path(name):
    return os.path.join(work, name)


def attempts(file):
    with open(path(file), encoding="utf-8") as f:
        doc = json.load(f)
    return {a["uuid"]: a for a in doc["attempts"]}


# ---- the team's own runs: three days, then a self-assessment ----
for dbname, user, skill, seed in (("a", "ana", 0.95, 1), ("b", "tom", 0.5, 2),
                                  ("b", QUOTED, 0.65, 3)):
    l = Learner(rapport, db(dbname), course, user, skill, seed, env=env)
    for day in ("2026-11-02", "2026-11-09", "2026-11-16"):
        l.quiz("knowledge-check", when=day + " 10:00:00")
    l.assess("self-check", when="2026-11-17 09:00:00")
# an attempt left half done: the answers run out after three questions
r = subprocess.run(rapport + ["--db", db("a"), "--user", "ana", "--content", course,
                              "--seed", "1", "quiz", "knowledge-check"],
                   input=b"a\nb\na\n", capture_output=True, timeout=600,
                   env=fakeclock.at(env, "2026-11-18 10:00:00"))
check(r.returncode == 1 and b"the answers ran out at question 4 of 24" in r.stderr,
      "a quiz whose answers run out says where, exit 1",
      f"exit {r.returncode}: {r.stderr.decode()[-400:]}")

# ---- export and merge ----
out, _, _ = run("a", "export", "-o", path("a.json"), user="ana")
check(re.search(r"^Exported 5 attempts to .*a\.json\.$", out, re.M), "ana's export says what it wrote")
check(stat.S_IMODE(os.stat(path("a.json")).st_mode) == 0o600, "an export file is private (0600)")
run("b", "export", "--all", "-o", path("b.json"))
a, b = attempts("a.json"), attempts("b.json")
check(len(a) == 5 and sum(x["status"] == "open" for x in a.values()) == 1,
      "ana's export has her four finished attempts and the open one")
check(len(b) == 8 and {x["user"] for x in b.values()} == {"tom", QUOTED},
      "the second export has both people's attempts")

out, err, _ = run("c", "merge", path("a.json"), path("b.json"))
check(re.search(r"a\.json: 4 added, 0 already here, 1 unfinished left out\.$", out, re.M),
      "merging ana's file adds four and leaves the open attempt out")
check(re.search(r"b\.json: 8 added, 0 already here\.$", out, re.M), "merging the other file adds eight")
run("c", "export", "--all", "-o", path("c.json"))
c = attempts("c.json")
union = {k: v for k, v in list(a.items()) + list(b.items()) if v["status"] == "finished"}
check(c == union, "the merged database holds exactly the union of the finished attempts")

out, _, _ = run("c", "merge", path("a.json"))
check(re.search(r"a\.json: 0 added, 4 already here, 1 unfinished left out\.$", out, re.M),
      "merging the same file again adds nothing")
run("c", "export", "--all", "-o", path("c2.json"))
check(attempts("c2.json") == c, "and the database is unchanged")

# a record changed elsewhere: reported, ours kept
doc = json.load(open(path("a.json"), encoding="utf-8"))
victim = next(x for x in doc["attempts"] if x["status"] == "finished")
victim["score"] = 99.5
json.dump(doc, open(path("changed.json"), "w", encoding="utf-8"))
out, err, code = run("c", "merge", path("changed.json"), expect=1)
check(re.search(r"1 in conflict", out) and victim["uuid"] in err and "differs in the score" in err,
      "a conflicting record is reported with its id and what differs")
run("c", "export", "--all", "-o", path("c3.json"))
check(attempts("c3.json") == c, "a conflict never overwrites what is here")

# bad files: nothing at all is merged
good_then_bad = json.load(open(path("b.json"), encoding="utf-8"))
for x in good_then_bad["attempts"]:
    x["uuid"] = x["uuid"][:-4] + "beef"
good_then_bad["attempts"][-1]["kind"] = "poem"
json.dump(good_then_bad, open(path("bad-kind.json"), "w", encoding="utf-8"))
out, err, _ = run("c", "merge", path("bad-kind.json"), expect=1)
check(re.search(r"bad-kind\.json:\d+:\d+: attempts\[7\]\.kind: 'poem' is not quiz, "
                r"assessment, exercise or review", err),
      "a record that rapport never writes is refused with its place in the file")
with open(path("broken.json"), "w") as f:
    f.write('{"format": "rapport-export-1", "attempts": [\n  {"uuid": ')
out, err, _ = run("c", "merge", path("broken.json"), expect=1)
check(re.search(r"broken\.json:2:\d+: not JSON", err), "a broken file is reported with line and column",
      err)
with open(path("other.json"), "w") as f:
    f.write('{"statements": []}')
out, err, _ = run("c", "merge", path("other.json"), path("missing.json"), expect=1)
check("other.json:1:" in err and "not a rapport export" in err and
      "missing.json: cannot open the file" in err,
      "a foreign file and a missing file are named")
run("c", "export", "--all", "-o", path("c4.json"))
check(attempts("c4.json") == c, "none of the bad files changed the database")

# ---- CSV: the same rows as the JSON ----
out, _, _ = run("c", "export", "--all", "--format", "csv")
raw = out.encode()
lines = raw.split(b"\r\n")
check(lines[-1] == b"" and all(b"\n" not in l for l in lines), "every CSV record ends in CRLF")
rows = list(csv.DictReader(io.StringIO(out, newline="")))
want = []
for x in c.values():  # the JSON's order, which is the database's
    for ans in x["answers"]:
        want.append((x, ans))
check(len(rows) == len(want) == sum(len(x["answers"]) for x in c.values()),
      f"one CSV row per answer ({len(rows)})")


def num(text):
    return None if text == "" else float(text)


def same_row(row, x, ans):
    def close(a, b, tol):
        return (a is None and b is None) or (a is not None and b is not None and abs(a - b) <= tol)
    resp = "" if ans["response"] is None else json.dumps(ans["response"], separators=(",", ":"),
                                                        ensure_ascii=False)
    return (row["attempt"] == x["uuid"] and row["user"] == x["user"] and row["course"] == x["course"]
            and row["kind"] == x["kind"] and row["activity"] == x["item"]
            and row["status"] == x["status"] and row["started"] == x["started"]
            and row["finished"] == (x["finished"] or "") and int(row["position"]) == ans["position"]
            and row["item"] == ans["item"] and row["competency"] == (ans["competency"] or "")
            and row["outcome"] == ans["outcome"] and row["response"] == resp
            and close(num(row["credit"]), ans["credit"], 1e-12)
            and close(num(row["earned"]), ans["earned"], 1e-12)
            and close(num(row["possible"]), ans["possible"], 1e-12)
            and close(num(row["keyed"]), ans["keyed"], 0)
            and row["answered"] == ans["answered"]
            and close(num(row["seconds"]), ans["seconds"], 0.0005))


bad = [i for i, (row, (x, ans)) in enumerate(zip(rows, want)) if not same_row(row, x, ans)]
check(not bad, "every CSV row parses back to its answer in the JSON", f"first bad row: {bad[:1]}")
check(any(r["user"] == QUOTED for r in rows), "a name with a comma and quotes survives the CSV")

# ---- xAPI ----
BASE, HOME = "https://learning.example.com/xapi/", "https://crm.example.com/"
UUID5 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
IRI = re.compile(r"^[a-z][a-z0-9+.-]*://[^\s<>\"{}|\\^`]+$")
DURATION = re.compile(r"^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$")
VERBS = {"answered", "completed", "passed", "failed", "attempted"}
TYPES = {"choice", "true-false", "sequencing", "fill-in", "likert"}


def xapi(dbname, *extra):
    out, _, _ = run(dbname, "export", "--format", "xapi", "--base", BASE, "--home-page", HOME, *extra)
    return json.loads(out)


statements = xapi("c", "--all")


def statement_problems(s):
    p = []
    if not UUID5.match(s.get("id", "")):
        p.append("id is not a name-based UUID")
    actor = s.get("actor", {})
    if actor.get("objectType") != "Agent" or actor.get("account", {}).get("homePage") != HOME \
            or not actor.get("account", {}).get("name"):
        p.append("actor")
    verb = s.get("verb", {}).get("id", "")
    if not verb.startswith("http://adlnet.gov/expapi/verbs/") or verb.rsplit("/", 1)[1] not in VERBS \
            or not s["verb"].get("display"):
        p.append("verb")
    obj = s.get("object", {})
    if obj.get("objectType") != "Activity" or not IRI.match(obj.get("id", "")) \
            or not obj["id"].startswith(BASE + "course/inside-relationships"):
        p.append("object id")
    d = obj.get("definition", {})
    if verb.endswith("answered"):
        if d.get("type") != "http://adlnet.gov/expapi/activities/cmi.interaction" \
                or d.get("interactionType") not in TYPES:
            p.append("interaction definition")
        pats = d.get("correctResponsesPattern", [])
        if not isinstance(pats, list) or not all(isinstance(x, str) for x in pats):
            p.append("correctResponsesPattern")
        if d.get("interactionType") in ("choice", "sequencing"):
            ids = [ch["id"] for ch in d.get("choices", [])]
            given = s["result"]["response"].split("[,]")
            if len(set(ids)) != len(ids) or not set(given) <= set(ids):
                p.append("response not among the choices")
        if d.get("interactionType") == "true-false" and s["result"]["response"] not in ("true", "false"):
            p.append("true-false response")
    res = s.get("result")
    if res is not None:
        if "duration" in res and not DURATION.match(res["duration"]):
            p.append(f"duration {res['duration']}")
        sc = res.get("score")
        if sc is not None:
            if not -1 <= sc.get("scaled", 0) <= 1:
                p.append("scaled")
            if "raw" in sc and not sc["min"] <= sc["raw"] <= sc["max"]:
                p.append("raw outside min..max")
    try:
        t = datetime.datetime.fromisoformat(s["timestamp"].replace("Z", "+00:00"))
        if t.tzinfo is None:
            p.append("timestamp without a zone")
    except (KeyError, ValueError):
        p.append("timestamp")
    reg = s.get("context", {}).get("registration", "")
    if not UUID.match(reg) or reg not in c:
        p.append("registration")
    return p


found = [(s.get("id"), statement_problems(s)) for s in statements]
found = [f for f in found if f[1]]
check(not found, f"every xAPI statement has the required fields ({len(statements)} checked)",
      f"first problem: {found[:1]}")
check(len({s["id"] for s in statements}) == len(statements), "statement ids are unique")
finished_quizzes = [x for x in c.values() if x["kind"] == "quiz"]
want_n = sum(1 + sum(a["outcome"] != "skipped" for a in x["answers"]) + 2 for x in finished_quizzes) + \
    sum(1 + len(x["answers"]) + 1 for x in c.values() if x["kind"] == "assessment")
check(len(statements) == want_n, f"one statement per start, answer and finish ({len(statements)} of {want_n})")
kinds = {s["object"]["definition"].get("interactionType") for s in statements
         if s["verb"]["id"].endswith("answered")}
check(kinds == TYPES, f"all five interaction types appear: {sorted(k for k in kinds if k)}")
verbs = {s["verb"]["id"].rsplit("/", 1)[1] for s in statements}
check(verbs == VERBS, f"all five verbs appear: {sorted(verbs)}")
again = xapi("c", "--all")
check([s["id"] for s in again] == [s["id"] for s in statements], "exporting again gives the same statement ids")
ana_here = {s["id"] for s in statements if s["actor"]["account"]["name"] == "ana"}
ana_export = xapi("a", "--user", "ana")
ana_home = {s["id"] for s in ana_export if s["context"]["registration"] in c}
check(ana_here == ana_home, "ana's statements have the same ids from her own database and the merged one")
# a corrected export (the company's own base and home page) is a new set of
# statements, which an LRS takes instead of refusing them as conflicts
out, _, _ = run("c", "export", "--format", "xapi", "--all", "--base", "https://lrs.example.net/rapport/",
                "--home-page", HOME)
rebased = json.loads(out)
out, _, _ = run("c", "export", "--format", "xapi", "--all", "--base", BASE,
                "--home-page", "https://people.example.net/")
rehomed = json.loads(out)
check(len(rebased) == len(rehomed) == len(statements)
      and not {s["id"] for s in rebased} & {s["id"] for s in statements}
      and not {s["id"] for s in rehomed} & {s["id"] for s in statements},
      "another --base or --home-page gives every statement an id of its own")
completed = [s for s in statements if s["verb"]["id"].endswith("/completed") and "raw" in s["result"]["score"]]
check(completed and all(abs(s["result"]["score"]["scaled"] - s["result"]["score"]["raw"] /
                            s["result"]["score"]["max"]) < 1e-6 for s in completed),
      f"every completed score's scaled is raw/max ({len(completed)} checked)")
ATTEMPT_EXT = "https://rapport.example.org/xapi/extension/attempt"
by_attempt = {}
for s in statements:
    by_attempt.setdefault(s["context"]["extensions"][ATTEMPT_EXT], []).append(s["timestamp"])
check(all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", t) for t in sum(by_attempt.values(), []))
      and all(t == sorted(t) for t in by_attempt.values()) and set(by_attempt) == set(c),
      "every statement is timed to the millisecond, each attempt's in the order they happened")
bad = xapilib.problems(statements, again, ana_export, rebased, rehomed)
check(not bad, f"all {xapilib.count(statements, again, ana_export, rebased, rehomed)} statements are valid "
      "to Learning Locker's validator and rapport's own rules", bad[:5])

# ---- choosing what to export ----
out, _, _ = run("c", "export", "--user", "tom", "--format", "json")
check({x["user"] for x in json.loads(out)["attempts"]} == {"tom"}, "--user exports one person")
out, _, _ = run("c", "export", "--all", "--since", "2026-11-09", "--format", "json")
got = json.loads(out)["attempts"]
check(got and all(x["started"] >= "2026-11-09" for x in got) and len(got) == len(c) - 3,
      "--since leaves out what started before the day")
for args, message in ((["--user", "tom", "--all"], "not both"), (["--format", "yaml"], "csv, json or xapi"),
                      (["--since", "2026-02-30"], "a date such as"), (["--base", "not an iri"], "absolute IRI"),
                      (["--colour"], "no option '--colour'"), (["stray"], "unexpected 'stray'")):
    _, err, code = run("c", "export", *args, expect=2)
    check(code == 2 and message in err, f"export {' '.join(args)} is refused: {message}")
_, err, _ = run("c", "export", "-o", os.path.join(work, "no-such-folder", "x.csv"), expect=1)
check("cannot write" in err, "an export that cannot be written says so")

# ---- formulas: live in a spreadsheet only if the CSV lets them be ----
FORMULA = '=HYPERLINK("http://x","c")'
r = subprocess.run(rapport + ["--db", db("f"), "--user", FORMULA, "--content", course, "--seed",
                              "1", "quiz", "knowledge-check"],
                   input=b"\n".join([b"skip"] * 24) + b"\n", capture_output=True, env=env,
                   timeout=600)
check(r.returncode == 0, "a quiz under a name that is a formula", r.stderr.decode()[-300:])
out, _, _ = run("f", "export", "--all", "--format", "csv")
rows = list(csv.DictReader(io.StringIO(out, newline="")))
check(rows and all(row["user"] == "'" + FORMULA for row in rows),
      "the CSV has the name with a quote in front, which spreadsheets read as text",
      rows[0]["user"] if rows else out[-200:])
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
check(not any(v.startswith(TRIGGERS) and not re.fullmatch(r"-?[0-9.e+-]+", v)
              for row in rows for v in row.values()), "no CSV cell starts a formula")
out, _, _ = run("f", "export", "--all", "--format", "json")
check(json.loads(out)["attempts"][0]["user"] == FORMULA, "the JSON keeps the name byte for byte")
out, _, _ = run("f", "export", "--all", "--format", "xapi")
check(json.loads(out)[0]["actor"]["name"] == FORMULA, "and so does xAPI")
check(not xapilib.problems(out), "and its statements are valid", xapilib.problems(out)[:3])

finish()
