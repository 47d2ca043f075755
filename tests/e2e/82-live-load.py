#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""82-live-load - 100 phones, each from its own address, join the shipped
course's meeting and answer the same part at once, within about a second,
for 10 rounds of scenarios and polls. Every answer is acknowledged and
stored exactly once, each poll's counts add up to the phones, none is
lost, and the database passes its integrity check. Times are printed, not
judged: make bench measures them."""
import os
import sqlite3
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from livelib import Facilitator, Phone  # noqa: E402
from subcases import check, finish  # noqa: E402

PHONES, ROUNDS = 100, 10
work = tempfile.mkdtemp(dir=os.environ.get("TESTS_TMP", "/tmp"))
db = os.path.join(work, "load.db")


fac = Facilitator(db, exercise="team-meeting", content="content/inside-relationships")
phones = []
for i in range(PHONES):
    p = Phone(fac, 0)
    p.source = f"127.0.2.{i + 1}"
    phones.append(p)
joined = [None] * PHONES


def join(i):
    r, _ = phones[i].join(f"rep{i:03d}")
    joined[i] = r.status


threads = [threading.Thread(target=join, args=(i,)) for i in range(PHONES)]
for t in threads:
    t.start()
for t in threads:
    t.join()
check(joined.count(303) == PHONES, "100 phones join", sorted(set(joined)))
fac.type("")
fac.wait_for(rf"^{PHONES} taking part\.")

acks = {}        # round -> statuses
spread = []
kinds = []
for rnd in range(ROUNDS):
    if rnd:
        fac.type("next")
    head = fac.wait_for(rf"^{rnd + 1} of \d+ · (.*)$").group(1)
    poll = "poll" in head
    kinds.append("poll" if poll else "scenario")
    pick = "3" if poll else "abcd"[rnd % 3]
    statuses = [None] * PHONES
    done = [0.0] * PHONES
    gate = threading.Barrier(PHONES)

    def answer(i):
        gate.wait()
        r, _ = phones[i].answer(rnd, pick)
        statuses[i] = r.status
        done[i] = time.monotonic()

    threads = [threading.Thread(target=answer, args=(i,)) for i in range(PHONES)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    acks[rnd] = statuses
    spread.append(max(done) - start)
    fac.type("reveal")
print(f"# answer rounds took {min(spread):.2f} to {max(spread):.2f} s "
      f"for {PHONES} phones at once")
for rnd, statuses in acks.items():
    check(statuses.count(303) == PHONES,
          f"round {rnd + 1} ({kinds[rnd]}): all {PHONES} answers acknowledged",
          sorted(set(map(str, statuses))))
fac.type("end")
rc = fac.finish(timeout=300)
check(rc == 0, "the meeting ends", (rc, fac.err[-5:]))

con = sqlite3.connect(db)
check(con.execute("PRAGMA integrity_check").fetchone()[0] == "ok",
      "the database passes its integrity check")
per_item = dict(con.execute(
    "SELECT item, count(*) FROM answers GROUP BY item").fetchall())
dupes = con.execute(
    "SELECT count(*) FROM (SELECT attempt_id, position FROM answers"
    " GROUP BY attempt_id, position HAVING count(*) > 1)").fetchone()[0]
polls = dict(con.execute(
    "SELECT item, sum(count) FROM meeting_poll_counts GROUP BY item").fetchall())
finished = con.execute(
    "SELECT count(*) FROM attempts WHERE status = 'finished'").fetchone()[0]
con.close()
scenarios = kinds.count("scenario")
check(len(per_item) == scenarios and all(v == PHONES for v in per_item.values()),
      f"each of the {scenarios} scenarios has exactly {PHONES} answers", per_item)
check(dupes == 0, "no answer is stored twice", dupes)
check(len(polls) == kinds.count("poll") and all(v == PHONES for v in polls.values()),
      f"each poll counts {PHONES} votes", polls)
check(finished == PHONES, "every phone's attempt is finished", finished)

finish()
