#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A live meeting with phones in a real browser: three phones (headless
Chromium, 360 by 740, each with its own cookies) join, one into a team;
the facilitator is driven through a pty in the same test. The phones move
on by themselves when the facilitator does (the event stream and the page's
own script, which the strict CSP must let run); two of them see only their
own role card and the third none; they answer, one changes its answer, the
facilitator's prompt counts them, all see the reveal and the final scores.
No console reports a blocked script or style. Screenshots of every phone
page are kept in build/screenshots/ to look at."""
import os
import re
import shlex
import sys
import tempfile

import pexpect

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
os.chdir(os.path.join(HERE, "..", ".."))
from cdp import Browser  # noqa: E402
from subcases import check, finish  # noqa: E402

RAPPORT = shlex.split(os.environ["RAPPORT"])
work = tempfile.mkdtemp(dir=os.environ.get("TESTS_TMP", "/tmp"))
shots = os.path.join("build", "screenshots")
os.makedirs(shots, exist_ok=True)
env = dict(os.environ, LC_ALL="C.UTF-8", TERM="xterm", NO_COLOR="1", PAGER="cat")
argv = RAPPORT + ["--db", os.path.join(work, "b.db"), "--user", "facilitator",
                  "--content", "tests/content/good/meeting.xml", "meeting", "weekly",
                  "--live", "--listen", "127.0.0.1:0"]
room = pexpect.spawn(argv[0], argv[1:], env=env, encoding="utf-8", timeout=60,
                     dimensions=(40, 100))
room.logfile_read = open(os.path.join(work, "room.log"), "w")
room.expect(r"The whole address: (http://\S+)")
url = room.match.group(1)
room.expect_exact("participant> ")
room.sendline("team Blue")
room.expect_exact("Team Blue: phones can pick it.")
room.expect_exact("participant> ")

b = Browser(work)
ana, tom, eve = b.phone("ana"), b.phone("tom"), b.phone("eve")


def shot(phone, what):
    phone.screenshot(os.path.join(shots, f"live-{phone.name}-{what}.png"))


for p in (ana, tom, eve):
    p.go(url)
    check(p.wait_text("Your name"), f"{p.name}'s phone opens the join page", p.text()[:300])
shot(eve, "join")
ana.submit({"name": "Ana"})
tom.submit({"name": "Tom"})
eve.js("var s=document.getElementById('team');"
       "for(var i=0;i<s.options.length;i++)if(s.options[i].text==='Blue')s.selectedIndex=i;")
eve.submit({"name": "Eve"})
for p in (ana, tom, eve):
    check(p.wait_text("You are in"), f"{p.name} has joined and waits", p.text()[:300])
shot(ana, "waiting")
check("team Blue" in eve.text(), "eve is in team Blue", eve.text()[:300])
room.expect(r"Eve joined team Blue")

# the start: every phone moves on by itself
room.sendline("")
room.expect_exact("0 of 3 answered> ")
for p in (ana, tom, eve):
    check(p.wait_text("The rush order"), f"{p.name}'s phone moves on to the scenario by itself",
          p.text()[:300])

# role cards: each to its player alone
room.sendline("cards lee=ana sam=tom")
room.expect_exact("2. Sam, sales rep: Tom")
check(ana.wait_text("Your card") and "Twenty orders are due today." in ana.text() and
      "half the order" not in ana.text(), "ana's phone shows her card and no other",
      ana.text()[:600])
check(tom.wait_text("Your card") and "half the order today" in tom.text() and
      "Twenty orders" not in tom.text(), "tom's phone shows his card and no other",
      tom.text()[:600])
eve.wait_text("Role play")
check("Your card" not in eve.text() and "Twenty orders" not in eve.text() and
      "half the order" not in eve.text() and "Ana plays Lee" in eve.text(),
      "eve's phone shows who plays whom and no card", eve.text()[:600])
shot(ana, "card")
shot(eve, "scenario")

ana.submit({"pick": "b"})
check(ana.wait_text("Received: b."), "ana's answer is received", ana.text()[:400])
tom.submit({"pick": "a"})
check(tom.wait_text("Received: a."), "tom's answer is received", tom.text()[:400])
tom.submit({"pick": "c"}, button="button[type=submit]")
check(tom.wait_text("Received: c."), "tom changes his answer", tom.text()[:400])
check(tom.js("document.querySelector('input[value=c]').checked") is True,
      "tom's phone shows his changed answer chosen")
shot(tom, "received")
eve.submit({"pick": "a"})
check(eve.wait_text("Received: a."), "eve answers for team Blue", eve.text()[:400])
try:
    room.expect_exact("3 of 3 answered> ", timeout=20)
    check(True, "the facilitator's prompt counts the phones' answers")
except pexpect.TIMEOUT:
    check(False, "the facilitator's prompt counts the phones' answers", room.before[-300:])

room.sendline("reveal")
room.expect("How the room answered")
check(ana.wait_text("You chose b: 50 of 100."), "ana sees the reveal and her points",
      ana.text()[:500])
check(tom.wait_text("You chose c: 0 of 100."), "tom sees the reveal and his points",
      tom.text()[:500])
check(eve.wait_text("You chose a: 100 of 100."), "eve sees the reveal for her team",
      eve.text()[:500])
check("Scores so far" in eve.text() and "Blue" in eve.text(), "the phones show the scores",
      eve.text()[-400:])
shot(ana, "reveal")

room.sendline("end")
for p in (ana, tom, eve):
    check(p.wait_text("Thank you"), f"{p.name}'s phone shows the end", p.text()[:300])
shot(eve, "end")
room.expect(pexpect.EOF)
room.close()
check(room.exitstatus == 0, "the meeting ends, exit 0", room.exitstatus)

blocked = [line for p in (ana, tom, eve) for line in p.console()
           if re.search(r"Content Security Policy|Refused to", line)]
check(not blocked, "no console reports a blocked script or style", blocked[:3])
errors = [line for p in (ana, tom, eve) for line in p.console()
          if "Uncaught" in line or "SyntaxError" in line]
check(not errors, "no script error", errors[:3])
b.close()
pngs = [f for f in os.listdir(shots) if f.startswith("live-")]
check(len(pngs) >= 7 and all(os.path.getsize(os.path.join(shots, f)) > 5000 for f in pngs),
      "the phone pages' screenshots are kept", pngs)
print(f"# screenshots in {shots}/: " + " ".join(sorted(pngs)))
finish()
