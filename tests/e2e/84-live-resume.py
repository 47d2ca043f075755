#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""84-live-resume - the facilitator's rapport killed (kill -9) in the middle
of a live meeting, then 'meeting --resume': the same address, token and
code, the phones back in with the session they had, every answer they were
told was received still there, a poll they voted in closed to them, the
reveal and the points as they were; the meeting then ends as any other."""
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import xapilib  # noqa: E402
from livelib import RAPPORT, Facilitator, Phone  # noqa: E402
from subcases import check, finish  # noqa: E402

work = tempfile.mkdtemp(dir=os.environ.get("TESTS_TMP", "/tmp"))
db = os.path.join(work, "live.db")
env = {"XDG_STATE_HOME": os.path.join(work, "state")}
CONTENT = "tests/content/good/meeting.xml"


def rapport(*args):
    return subprocess.run(RAPPORT + ["--db", db, "--user", "facilitator", "--content",
                                     CONTENT, *args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=60,
                          env=dict(os.environ, LC_ALL="C.UTF-8", **env))


r = rapport("meeting", "--resume")
check(r.returncode == 1 and "nothing to resume" in r.stderr,
      "with no meeting cut short, --resume says so", f"{r.returncode} {r.stderr}")

fac = Facilitator(db, env=env)
code = re.search(r"code\s+([A-Z2-9]{3}-[A-Z2-9]{3})\.", fac.text()).group(1)
fac.type("team Blue")
fac.wait_for(r"Team Blue: phones can pick it\.")
ana, sam, eve = Phone(fac, 2), Phone(fac, 3), Phone(fac, 4)
ana.join("ana")
r, body = sam.request("GET", fac.join_path)
team = re.search(r'<option value="(\d+)">Blue</option>', body).group(1)
sam.join("sam", team)
fac.type("")
fac.wait_for(r"^2 taking part\.")
r, _ = eve.join("eve")  # late, after the start
check(r.status == 303, "eve joins after the start", r.status)
fac.type("cards lee=ana")
fac.wait_for(r"1\. Lee, order desk: ana")

check([ana.answer(0, "b")[0].status, sam.answer(0, "c")[0].status] == [303, 303],
      "ana and sam answer the first scenario")
fac.type("reveal")
fac.wait_for(r"^How the room answered")
fac.type("next")
fac.wait_for(r"^2 of 6")
r, _ = ana.answer(1, "a")
check(r.status == 303, "ana answers the second scenario", r.status)
fac.type("next")
fac.wait_for(r"a quick poll, anonymous")
r, _ = ana.answer(2, "4")
check(r.status == 303, "ana votes in the poll", r.status)
r, body = ana.page()
check("Your vote is counted" in body, "her phone says her vote is counted", body[-300:])
fac.type("who")
fac.wait_for(r"answered\.$")

# the laptop dies
fac.proc.send_signal(signal.SIGKILL)
fac.proc.wait(timeout=30)
con = sqlite3.connect(db)
row = con.execute("SELECT finished, state IS NOT NULL FROM meetings").fetchone()
check(row == (None, 1), "the meeting is kept unfinished, with its state", row)
con.close()

r = rapport("meeting", "weekly")
check("A meeting of yours of 'weekly' did not end: if it was cut short, 'meeting --resume'"
      " takes it up again." in " ".join(r.stdout.split()), "a new meeting says one was cut short", r.stdout[-400:])

# a resume that cannot listen where it is told stops, and leaves the
# meeting for the next one
r = rapport("meeting", "--resume", "--listen", "192.0.2.1:8041")
check(r.returncode == 1 and "cannot go live" in r.stderr,
      "a resume that cannot listen says so", f"{r.returncode} {r.stderr}")

fac2 = Facilitator(db, env=env, command=["--resume"])
room = fac2.text()
check("The meeting goes on where it stopped: 3 taking part" in room,
      "the resumed meeting says so", room[-600:])
check(fac2.url == fac.url and f"code {code}." in re.sub(r"\s+", " ", room),
      "the same address, token and code", f"{fac.url} {fac2.url}")
fac2.wait_for(r"a quick poll, anonymous")

r, body = ana.page()
check(r.status == 200 and "Your vote is counted" in body,
      "ana's phone is back in with its session, on the poll, her vote counted",
      f"{r.status} {body[-400:]}")
r, body = ana.answer(2, "5")
check(r.status == 409, "she cannot vote in the poll again", r.status)
r, _ = eve.answer(2, "2")
check(r.status == 303, "eve, who joined late, votes from her phone", r.status)
r, _ = sam.answer(2, "3")
check(r.status == 303, "sam votes", r.status)

fac2.type("back")
fac2.wait_for(r"^2 of 6")
r, body = ana.page()
check("Received: a." in body, "ana's answer to the second scenario is there", body[-500:])
r, _ = sam.answer(1, "b")
check(r.status == 303, "sam answers the second scenario after the resume", r.status)
fac2.type("back")
fac2.wait_for(r"^1 of 6")
r, body = ana.answer(0, "a")
check(r.status == 409 and "revealed" in body, "the first scenario is still revealed",
      r.status)
r, body = sam.page()
check("ana plays Lee, order desk" in body, "the cast is as it was", body[-700:])

# a second rapport cannot take the meeting from the one running it
r = rapport("meeting", "--resume")
check(r.returncode == 1 and "still running" in r.stderr,
      "a second --resume is refused while the first runs", f"{r.returncode} {r.stderr}")

fac2.type("next")
fac2.type("reveal")
fac2.wait_for(r"^How the room answered")
fac2.type("end")
fac2.wait_for(r"^Final scoreboard")
rc = fac2.finish()
check(rc == 0, "the resumed meeting ends", f"exit {rc}: {fac2.err[-5:]}")
board = fac2.text()[fac2.text().rfind("Final scoreboard"):]
check(re.search(r"1\. Blue .* 1 of 2 ", board) is not None and
      re.search(r"2\. ana .* 0\.5 of 2$", board, re.M) is not None,
      "the points from before the crash (the first scenario's) and after it add up",
      board)

con = sqlite3.connect(db)
rows = con.execute(
    "SELECT u.name, i.item, r.response FROM answers r"
    " JOIN attempts a ON a.id = r.attempt_id JOIN users u ON u.id = a.user_id"
    " JOIN attempt_items i ON i.attempt_id = a.id AND i.position = r.position"
    " ORDER BY r.id").fetchall()
check(rows == [("ana", "s1", '["mail"]'), ("sam", "s1", '["boss"]'),
               ("ana", "s2", '["blame"]'), ("sam", "s2", '["own"]')],
      "every answer is stored once, before and after the crash", rows)
counts = con.execute("SELECT choice, count FROM meeting_poll_counts ORDER BY choice"
                     ).fetchall()
check(counts == [("2", 1), ("3", 1), ("4", 1)], "the poll counts each phone once", counts)
states = con.execute("SELECT status, holder FROM attempts").fetchall()
check(all(s == "finished" and h is None for s, h in states if s != "abandoned"),
      "every attempt is finished and nobody's", states)
row = con.execute("SELECT finished IS NOT NULL, state FROM meetings").fetchone()
check(row == (1, None), "the meeting is closed, its state (and sessions) wiped", row)
check(con.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "integrity_check is ok")
con.close()

r = rapport("meeting", "--resume")
check(r.returncode == 1 and "nothing to resume" in r.stderr,
      "an ended meeting is not resumed", f"{r.returncode} {r.stderr}")

# the records of the meeting: its registration shared, its team and its
# facilitator named, the same after a merge elsewhere
con = sqlite3.connect(db)
meeting = con.execute("SELECT meeting FROM attempts WHERE meeting IS NOT NULL").fetchone()[0]
con.close()
r = rapport("export", "--all", "--format", "json")
attempts = {a["user"]: a for a in json.loads(r.stdout)["attempts"] if a["meeting"]}
check({u: (a["team"], a["facilitator"]) for u, a in attempts.items()} ==
      {"ana": (None, "facilitator"), "sam": ("Blue", "facilitator"),
       "eve": (None, "facilitator")},
      "the export names each meeting attempt's team and facilitator",
      {u: (a["team"], a["facilitator"]) for u, a in attempts.items()})
r = rapport("export", "--all", "--format", "xapi")
statements = json.loads(r.stdout)
ours = [st for st in statements if st["actor"]["name"] in ("ana", "sam")]
check(ours and all(st["context"]["registration"] == meeting for st in ours),
      "every statement of the meeting has the meeting's registration",
      {st["context"]["registration"] for st in ours})
check(all(st["context"]["instructor"] == {
    "objectType": "Agent", "name": "facilitator",
    "account": {"homePage": st["actor"]["account"]["homePage"], "name": "facilitator"}}
    for st in ours), "and the facilitator as the instructor", ours[0]["context"])
teams = {(st["actor"]["name"], json.dumps(st["context"].get("team"))) for st in ours}
check(teams == {("ana", "null"), ("sam", json.dumps({
    "objectType": "Group", "name": "Blue",
    "account": {"homePage": ours[0]["actor"]["account"]["homePage"],
                "name": meeting + "/Blue"}}))},
      "sam's statements name his team, ana's (on her own) none", teams)
exported = os.path.join(work, "meeting.json")
rapport("export", "--all", "--format", "json", "-o", exported)
other = os.path.join(work, "other.db")
m = subprocess.run(RAPPORT + ["--db", other, "--content", CONTENT, "merge", exported],
                   capture_output=True, text=True, timeout=60,
                   env=dict(os.environ, LC_ALL="C.UTF-8"))
again = subprocess.run(RAPPORT + ["--db", other, "--content", CONTENT, "export", "--all",
                                  "--format", "xapi"], capture_output=True, text=True,
                       timeout=60, env=dict(os.environ, LC_ALL="C.UTF-8"))
bad = xapilib.problems(statements)
check(not bad, f"the meeting's {len(statements)} statements are valid to Learning Locker", bad[:5])
finished = [st for st in statements if st["actor"]["name"] != "eve"]
check(m.returncode == 0 and json.loads(again.stdout) == finished,
      "merged into another database, the finished attempts' statements are the same",
      m.stderr[-300:] + again.stderr[-300:])
finish()
