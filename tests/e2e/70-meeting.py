#!/usr/bin/python3
"""A scripted sales meeting: three people and a team of two through four
of five scenarios and a poll. The scoreboard, the most-missed summary, the
anonymous poll and every participant's stored attempt must come out as
worked out by hand here.

Weights (tests/content/good/meeting.xml) and answers:
  s1 ask 100, mail 50, boss 0:   ana a, tom b, lee c, Red a; hands a=2 c=1
                                 (so c, 'boss', is the wrong answer most chose)
  s2 blame 0, own 100, quiet 60: ana a, tom b, lee b, Red c
  p1 poll:                       ana 4, tom 5, lee 2, Red 3
  s3 talk 100, wait 0:           ana b, tom b, lee b, Red a
  s4 pile 30, call 100, self 0:  ana b, tom a, lee b, Red c
Points: Red 1+.6+1+0 = 2.6; ana 1+0+0+1 = 2; lee 0+1+0+1 = 2;
tom .5+1+0+.3 = 1.8. Room averages: s3 100/4 = 25%; s4 230/4 = 57.5%;
s1 (with the hands) 450/7 = 64.3%; s2 260/4 = 65%. s5 is never shown, so
it is left out of everyone's score: ana 2/4 = 50%, tom 45%, lee 50%, and
the team's members kim and raj 65% each."""
import os
import re
import shlex
import sqlite3
import subprocess
import sys
import tempfile

os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
rapport = shlex.split(os.environ["RAPPORT"])
work = tempfile.mkdtemp(dir=os.environ.get("TESTS_TMP", "/tmp"))
db = os.path.join(work, "meeting.db")
problems = []

script = """ana
tom
lee
team Red: kim, raj

ana a
tom b
lee c
Red a
tally a=2 c=1
reveal
scores
next
ana a
tom b
lee b
Red c
reveal
next
ana 4
tom 5
lee 2
Red 3
reveal
next
ana b
tom b
lee b
Red a
reveal
next
ana b
tom a
lee b
Red c
reveal
end
"""
r = subprocess.run(rapport + ["--db", db, "--user", "facilitator", "--content",
                              "tests/content/good/meeting.xml", "meeting", "weekly"],
                   input=script.encode(), capture_output=True, timeout=600,
                   env=dict(os.environ, LC_ALL="C.UTF-8"))
out = r.stdout.decode()
if r.returncode != 0 or r.stderr:
    problems.append(f"exit {r.returncode}, stderr {r.stderr.decode()[-300:]!r}")


def expect(pattern, what):
    if not re.search(pattern, out, re.M):
        problems.append(f"{what}: no /{pattern}/")


def expect_text(text, what):
    """text, with its lines however they are wrapped"""
    if text not in " ".join(out.split()):
        problems.append(f"{what}: no '{text}'")


final = out[out.index("Final scoreboard"):] if "Final scoreboard" in out else ""
board = re.findall(r"^ +(\d)\. (\S+) .* (\S+) of (\d)(  \(team of 2\))?$", final, re.M)
if board != [("1", "Red", "2.6", "4", "  (team of 2)"), ("2", "ana", "2", "4", ""),
             ("3", "lee", "2", "4", ""), ("4", "tom", "1.8", "4", "")]:
    problems.append(f"final scoreboard: {board}")
expect_text("1. Who said that?: the room averaged 25%; 3 of 4 chose b) 'Wait for it "
            "to pass.' 2.", "most missed first")
expect_text("2. Friday afternoon: the room averaged 57%; 1 of 4 chose a) 'Email all "
            "three, flagged urgent.' 3.", "most missed second")
expect_text("3. The rush order: the room averaged 64%; 2 of 7 chose c) 'Call the "
            "manager.' Everyone's", "most missed third, with the hands counted")
expect(r"^  a\) Ask the desk what fits\. .* 4  ana, Red, 2 by hands$",
       "the reveal counts names and hands")
# the scoreboard after the first scenario: a tie goes by name
expect(r"^   1\. ana +█+  1 of 1$", "scores after one scenario")
expect(r"^   2\. Red +█+  1 of 1  \(team of 2\)$", "a team in the scores")
# the poll is an anonymous aggregate
poll = out[out.index("How the room sees it"):out.index("Who said that?")]
if re.search(r"\b(ana|tom|lee|Red)\b", poll):
    problems.append("a name shows in the poll's reveal")
if "4 answers, on average 3.5 of 5. Nobody's answer is shown." not in poll:
    problems.append("the poll's aggregate")
if "Not reached" in out:
    problems.append("s5 was shown")

con = sqlite3.connect(db)
rows = con.execute(
    "SELECT u.name, a.status, a.score, a.meeting IS NOT NULL,"
    " (SELECT count(*) FROM answers WHERE attempt_id = a.id)"
    " FROM attempts a JOIN users u ON u.id = a.user_id ORDER BY u.name").fetchall()
want = {"ana": 50.0, "kim": 65.0, "lee": 50.0, "raj": 65.0, "tom": 45.0}
got = {name: score for name, status, score, meeting, n in rows}
if sorted(got) != sorted(want) or any(abs(got[k] - want[k]) > 1e-9 for k in want):
    problems.append(f"stored scores {got}, want {want}")
for name, status, score, meeting, n in rows:
    if status != "finished" or not meeting or n != 4:
        problems.append(f"{name}: {status}, meeting {meeting}, {n} answers")
answers = dict(con.execute(
    "SELECT u.name, group_concat(r.response, ' ') FROM answers r"
    " JOIN attempts a ON a.id = r.attempt_id JOIN users u ON u.id = a.user_id"
    " GROUP BY u.name").fetchall())
if answers.get("kim") != answers.get("raj"):
    problems.append("the team's members do not share the team's answers")
poll_names = con.execute("SELECT count(*) FROM meeting_votes WHERE item = 'p1'"
                         " AND who IS NOT NULL").fetchone()[0]
if poll_names:
    problems.append("poll answers were stored with names")
meeting = con.execute("SELECT facilitator, finished IS NOT NULL FROM meetings").fetchall()
if meeting != [("facilitator", 1)]:
    problems.append(f"meeting record {meeting}")
con.close()

# the show of hands: a refused tally counts nothing, and the stored counts
# are the room's as they stand, however often they were typed
db2 = os.path.join(work, "tally.db")
script = """

tally a=3 zz=5
reveal
tally a=3
tally b=2
tally a=3 b=2
tally c=
reveal
end
"""
r = subprocess.run(rapport + ["--db", db2, "--user", "facilitator", "--content",
                              "tests/content/good/meeting.xml", "meeting", "weekly"],
                   input=script.encode(), capture_output=True, timeout=600,
                   env=dict(os.environ, LC_ALL="C.UTF-8"))
tally_out, tally_err = r.stdout.decode(), r.stderr.decode()
if "'zz=5' is not a count for this scenario; nothing was counted" not in tally_err:
    problems.append(f"a bad tally is not refused whole: {tally_err[-300:]!r}")
if "'c=' is not a count for this scenario" not in tally_err:
    problems.append(f"'c=' taken as a count: {tally_err[-300:]!r}")
first = re.search(r"^  a\) Ask the desk what fits\. .* (\d+)", tally_out, re.M)
if not first or first.group(1) != "0":
    problems.append("a refused tally still counted: " +
                    (first.group(0) if first else tally_out[-400:]))
last = re.findall(r"^  [ab]\) .* (\d+) by hands$", tally_out, re.M)
if last[-2:] != ["3", "2"]:
    problems.append(f"the last reveal's hands: {last}")
con = sqlite3.connect(db2)
stored = dict(con.execute("SELECT choice, sum(count) FROM meeting_votes WHERE who IS NULL"
                          " GROUP BY choice").fetchall())
con.close()
if stored != {"ask": 3, "mail": 2}:
    problems.append(f"stored hands {stored}, want ask 3 and mail 2 (once each)")

# a poll's votes are kept as counts alone (no name, no time, no order),
# and a show of hands at the poll adds to them instead of wiping them out
db_poll = os.path.join(work, "poll.db")
r = subprocess.run(rapport + ["--db", db_poll, "--user", "facilitator", "--content",
                              "tests/content/good/meeting.xml", "meeting", "weekly"],
                   input=b"ana\ntom\n\nnext\nnext\nana 4\ntom 5\ntally 3=2\nreveal\nend\n",
                   capture_output=True, timeout=600, env=dict(os.environ, LC_ALL="C.UTF-8"))
if "4 answers, on average 3.8 of 5." not in r.stdout.decode():
    problems.append("the poll with votes and hands: " + r.stdout.decode()[-500:])
con = sqlite3.connect(db_poll)
votes = dict(con.execute("SELECT choice, count FROM meeting_poll_counts"
                         " WHERE item = 'p1'").fetchall())
cols = [c[1] for c in con.execute("PRAGMA table_info(meeting_poll_counts)")]
hands = dict(con.execute("SELECT choice, count FROM meeting_votes WHERE item = 'p1'"
                         " AND who IS NULL").fetchall())
con.close()
if votes != {"4": 1, "5": 1}:
    problems.append(f"stored poll votes {votes}, want 4 and 5 once each")
if sorted(cols) != ["choice", "count", "item", "meeting_id"]:
    problems.append(f"a poll vote keeps more than its count: {cols}")
if hands != {"3": 2}:
    problems.append(f"stored poll hands {hands}, want 3 twice")

# the vote first: a scenario's discussion prompts come with its reveal
r = subprocess.run(rapport + ["--db", os.path.join(work, "talk.db"), "--user", "facilitator",
                              "meeting", "team-meeting"],
                   input=b"\nreveal\nend\n", capture_output=True, timeout=600,
                   env=dict(os.environ, LC_ALL="C.UTF-8"))
talk = r.stdout.decode()
if not ("How the room answered" in talk and "Talk it over:" in talk and
        talk.index("Talk it over:") > talk.index("How the room answered")):
    problems.append("the discussion prompts are not after the reveal: " + talk[-600:])

# a format: only its parts, in its order, the talk in pairs said, its own
# prompt at the reveal, scored on what was run; --scenarios picks and
# orders parts; a name that is not there is said
db_fmt = os.path.join(work, "format.db")
r = subprocess.run(rapport + ["--db", db_fmt, "--user", "facilitator", "--content",
                              "tests/content/good/meeting.xml", "meeting", "weekly",
                              "--format", "quick"],
                   input=b"ana\n\nana b\nreveal\nprompts\nnext\nana 4\nreveal\nnext\nend\n",
                   capture_output=True, timeout=600, env=dict(os.environ, LC_ALL="C.UTF-8"))
fmt = r.stdout.decode()
for want, what in (("This meeting: A quick one, 20 minutes.", "the format is named"),
                   ("1 of 2 · Repair", "its first part is s2, of 2"),
                   ("Talk it over in pairs for 2 minutes, then everyone answers.",
                    "the talk in pairs is said"),
                   ("Talk it over:\n  • Whose slip did we last own up to?", "its own prompt"),
                   ("2 of 2 · a quick poll", "then its poll"),
                   ("That was the last part", "and nothing else")):
    if want not in fmt:
        problems.append(f"--format: {what}: {fmt[-700:]!r}")
if "The rush order" in fmt:
    problems.append("--format ran a part it does not name")
con = sqlite3.connect(db_fmt)
score = con.execute("SELECT score FROM attempts").fetchone()[0]
con.close()
if score != 100.0:
    problems.append(f"a format's attempt is scored on its parts alone: {score}")
r = subprocess.run(rapport + ["--db", db_fmt, "--user", "facilitator", "--content",
                              "tests/content/good/meeting.xml", "meeting", "weekly",
                              "--scenarios", "s3,s1"],
                   input=b"\nnext\nnext\nend\n", capture_output=True, timeout=600,
                   env=dict(os.environ, LC_ALL="C.UTF-8"))
pick = r.stdout.decode()
if not ("1 of 2 · Repair" in pick and "2 of 2 · Respect" in pick and
        pick.index("Who said that?") < pick.index("The rush order") and
        "The missed delivery" not in pick):
    problems.append("--scenarios s3,s1: " + pick[-600:])
for args, msg in ((["--format", "nope"], "exercise 'weekly' has no format 'nope'; its formats: quick"),
                  (["--scenarios", "s1,zz"], "exercise 'weekly' has no scenario or poll 'zz'"),
                  (["--scenarios", "s1,s1"], "--scenarios names each part once"),
                  (["--format", "quick", "--scenarios", "s1"], "--format and --scenarios: one or the other")):
    r = subprocess.run(rapport + ["--db", db_fmt, "--content", "tests/content/good/meeting.xml",
                                  "meeting", "weekly"] + args,
                       input=b"", capture_output=True, timeout=600)
    if r.returncode != 1 or msg not in r.stderr.decode():
        problems.append(f"{args}: exit {r.returncode}, {r.stderr.decode()[-300:]!r}")

# the meeting's own commands: help made from their table, one explained,
# a command used wrongly named with its usage, and a participant whose
# name is a command still answering
db3 = os.path.join(work, "commands.db")
script = """ana
next

help
help timer
help nope
timer
tally
next b
ana a
reveal
end
"""
r = subprocess.run(rapport + ["--db", db3, "--user", "facilitator", "--content",
                              "tests/content/good/meeting.xml", "meeting", "weekly"],
                   input=script.encode(), capture_output=True, timeout=600,
                   env=dict(os.environ, LC_ALL="C.UTF-8", COLUMNS="80"))
cmd_out, cmd_err = r.stdout.decode(), r.stderr.decode()
help_text = cmd_out[cmd_out.index("In the meeting:"):] if "In the meeting:" in cmd_out else ""
for word in ("reveal", "tally", "cards", "timer", "scores", "next", "back", "show",
             "who", "help", "end"):
    if not re.search(rf"^  {word}\b.*  \S", help_text, re.M):
        problems.append(f"meeting help has no row for {word}")
if not re.search(r"^timer MINUTES\|off\n  time for team talk", cmd_out, re.M):
    problems.append("'help timer' does not explain timer")
for line, msg in (("line 6", "no meeting command 'nope'"),
                  ("line 7", "usage: timer MINUTES|off"),
                  ("line 8", "usage: tally LETTER=COUNT...")):
    if f"rapport: {line}: {msg}" not in cmd_err:
        problems.append(f"{msg!r} not said at {line}: {cmd_err[-300:]!r}")
if "usage: next" in cmd_err:
    problems.append("'next b' from the participant called next was taken as the command")
if not re.search(r"^  a\) Ask the desk what fits\. .* 1  ana$", cmd_out, re.M) or \
        not re.search(r"^  b\) .* 1  next$", cmd_out, re.M):
    problems.append("the reveal lacks ana's and next's answers: " + cmd_out[-600:])

for p in problems:
    print("not ok:", p)
sys.exit(1 if problems else 0)
