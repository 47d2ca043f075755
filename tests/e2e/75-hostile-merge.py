#!/usr/bin/python3
"""merge refuses what rapport never writes, and changes nothing when it
does; what rapport does write always merges.

- Every file of the hostile corpus (tests/hostile/gen_exports.py: at least
  59 kinds, from a broken file to a score of 1e308 or points earned over
  points possible) is refused with exit 1, its file, line and column, and
  the reason with the JSON path of the bad value; the database keeps its
  sha256 and holds no half-merged journal.
- An export whose UUIDs were put in capitals merges as the same attempts
  (before, every attempt came in a second time); a time of 1970-01-01
  goes out as itself and merges elsewhere (it went out as null, and the
  export was refused whole); a byte-order mark and standard input are
  read.
- rapport's own export of more than 16,000 attempts, over 256 MiB, merges
  (the old limit refused it).
- A score out of range already in a database (an older rapport merged
  it) shows as 100%, never as -2147483648%."""
import hashlib
import json
import os
import re
import shlex
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "bench"))
sys.path.insert(0, os.path.join(HERE, "..", "hostile"))
os.chdir(os.path.join(HERE, "..", ".."))
import gen_db  # noqa: E402
import gen_exports  # noqa: E402
from subcases import check, finish  # noqa: E402

RAPPORT = shlex.split(os.environ["RAPPORT"])
BARE = os.environ.get("RAPPORT_BIN", RAPPORT[-1])
SLOW = bool(os.environ.get("WRAP"))
SANITIZED = "sanitize" in os.environ.get("RAPPORT_BUILD", "")
COURSE = "content/inside-relationships"
ENV = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC", NO_COLOR="1",
           ASAN_OPTIONS="verify_asan_link_order=0:" + os.environ.get("ASAN_OPTIONS", ""))
work = tempfile.mkdtemp(dir=os.environ.get("TESTS_TMP", "/tmp"))


def path(name):
    return os.path.join(work, name)


def run(db, *args, stdin=None, bare=False):
    r = subprocess.run(([BARE] if bare else RAPPORT) + ["--db", path(db), "--content", COURSE] +
                       list(args), input=stdin, capture_output=True, env=ENV, timeout=3600)
    return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")


def sha(db):
    with open(path(db), "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def uuids(db):
    con = sqlite3.connect(f"file:{path(db)}?mode=ro", uri=True)
    got = sorted(u for (u,) in con.execute("SELECT uuid FROM attempts"))
    con.close()
    return got


# ---- a good export: a finished quiz with every outcome, a self-assessment ----
lines = ["skip"] + gen_db.answer_lines(11).splitlines()
code, _, err = run("source.db", "--user", "ana", "--seed", "11", "quiz", "knowledge-check",
                   stdin="\n".join(lines).encode(), bare=True)
code2, _, err2 = run("source.db", "--user", "ana", "--seed", "12", "assess", "self-check",
                     stdin=gen_db.answer_lines(12).encode(), bare=True)
if code not in (0, 1) or code2 != 0:
    raise SystemExit(f"setup: {err} {err2}")
run("source.db", "export", "--all", "-o", path("good.json"), bare=True)
good = open(path("good.json"), "rb").read()
outcomes = {a["outcome"] for x in json.loads(good)["attempts"] for a in x["answers"]}
if not {"right", "partial", "wrong", "skipped", "answered"} <= outcomes:
    raise SystemExit(f"setup: the good export lacks some outcomes: {outcomes}")

# the database merged into: someone's own results, closed and at rest
run("target.db", "--user", "tom", "--seed", "3", "quiz", "knowledge-check",
    stdin=gen_db.answer_lines(3).encode(), bare=True)
before = sha("target.db")

# ---- the corpus ----
subprocess.run([sys.executable, "tests/hostile/gen_exports.py", path("good.json"),
                path("hostile")], check=True, capture_output=True)
names = sorted(f[:-5] for f in os.listdir(path("hostile")) if f.endswith(".json"))
check(len(names) >= 59, f"the hostile corpus has {len(names)} kinds (at least 59)")
wrong = []
for name in names:
    f = os.path.join(path("hostile"), name + ".json")
    expected = open(f[:-5] + ".expected").read().strip()
    code, out, err = run("target.db", "merge", f)
    where = re.escape(f) + r":\d+:\d+: "
    if code != 1 or not re.search(where, err) or not re.search(expected, err) or \
            "added" in out or sha("target.db") != before:
        wrong.append(f"{name}: exit {code}, stderr {err.strip()[:300]!r}")
check(not wrong, f"each of the {len(names)} is refused with its place and reason, and the "
      "database keeps its sha256", "\n".join(wrong[:10]))
check(not os.path.exists(path("target.db-wal")) or os.path.getsize(path("target.db-wal")) == 0,
      "and no journal is left with a half merge in it")
code, out, _ = run("target.db", "history", "--user", "tom")
check(uuids("target.db") and len(uuids("target.db")) == 1, "only tom's own attempt is there")

# ---- what rapport writes merges ----
code, out, err = run("target.db", "merge", path("good.json"))
check(code == 0 and "2 added, 0 already here" in out, "the good export merges", err)
doc = json.loads(good)
for a in doc["attempts"]:
    a["uuid"] = a["uuid"].upper()
open(path("capitals.json"), "w").write(json.dumps(doc, indent=2))
code, out, err = run("target.db", "merge", path("capitals.json"))
check(code == 0 and "0 added, 2 already here" in out and len(uuids("target.db")) == 3,
      "the same export with its UUIDs in capitals adds nothing", out + err)
open(path("bom.json"), "wb").write(b"\xef\xbb\xbf" + good)
code, out, err = run("target.db", "merge", path("bom.json"))
check(code == 0 and "0 added, 2 already here" in out, "a byte-order mark is read past", err)
code, out, err = run("target.db", "merge", "-", stdin=good)
check(code == 0 and out.startswith("standard input: 0 added, 2 already here"),
      "merge - reads standard input", out + err)

# the first second of 1970 is a time
doc = json.loads(good)
for i, a in enumerate(doc["attempts"]):
    a["uuid"] = f"00000000-0000-4000-8000-00000000000{i}"
    a["started"] = a["finished"] = "1970-01-01T00:00:00Z"
    for x in a["answers"]:
        x["answered"] = "1970-01-01T00:00:00Z"
open(path("epoch.json"), "w").write(json.dumps(doc, indent=2))
code, _, err = run("epoch.db", "merge", path("epoch.json"))
code2, out2, _ = run("epoch.db", "export", "--all")
again = json.loads(out2)["attempts"] if code2 == 0 else []
check(code == 0 and again and all(a["finished"] == "1970-01-01T00:00:00.000Z" for a in again),
      "a merged time of 1970-01-01T00:00:00Z (whole seconds, as rapport wrote before) is exported "
      "as the same time to the millisecond, not null", err)
open(path("epoch-again.json"), "w").write(out2)
code, out, err = run("epoch2.db", "merge", path("epoch-again.json"))
check(code == 0 and "2 added" in out, "and that export merges into another database", err)

# ---- an out-of-range score already in a database ----
shutil_db = path("old.db")
with open(path("target.db"), "rb") as f, open(shutil_db, "wb") as g:
    g.write(f.read())
con = sqlite3.connect(shutil_db)
con.execute("UPDATE attempts SET score = 1e308")
con.execute("UPDATE attempt_scores SET score = -1e308, earned = 1e308")
con.commit()
con.close()
code, out, err = run("old.db", "--user", "tom", "history")
check(code == 0 and "-2147483648" not in out and re.search(r"\b100%", out),
      "history shows a stored 1e308 as 100%", out[-400:] + err)
code, out, err = run("old.db", "report", "--all")
check(code == 0 and "-2147483648" not in out, "and so does the report", err)
code, out, err = run("old.db", "--user", "tom", "progress")
check(code == 0 and "-2147483648" not in out, "and progress", err)

# ---- rapport's own export of more than 16,000 attempts ----
if SLOW or SANITIZED:
    print("# under valgrind or the sanitizers the export of 16,000 attempts is left out: "
          "its point is its size, which the plain build shows")
else:
    subprocess.run([sys.executable, "tests/bench/gen_db.py", BARE, COURSE, path("big.db"),
                    "450000"], check=True, capture_output=True, env=ENV)
    code, out, err = run("big.db", "export", "--all", "-o", path("big.json"), bare=True)
    n = int(re.search(r"Exported (\d+) attempts", out).group(1)) if code == 0 else 0
    size = os.path.getsize(path("big.json")) if code == 0 else 0
    code, out, err = run("big-merged.db", "merge", path("big.json"))
    finished = sum(1 for _ in open(path("big.json"), "rb") if _.startswith(b'      "status": "finished"'))
    check(n > 16000 and size > 256 << 20 and code == 0 and
          re.search(rf"big\.json: {finished} added, 0 already here", out),
          f"an export of {n:,} attempts ({size >> 20} MiB) merges whole", out + err[-300:])
    os.unlink(path("big.json"))
finish()
