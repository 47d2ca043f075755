#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""80-live - a live meeting from phones, as plain HTTP clients: join by the
address or the code, a team picked on the phone, answers and a changed
answer, the facilitator seeing who answered (never what), the reveal, a
poll voted once per phone and kept as counts, the end; what the store and
the request log then hold, and the headers on every page."""
import os
import re
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from livelib import Facilitator, Phone  # noqa: E402
from subcases import check, finish  # noqa: E402

work = tempfile.mkdtemp(dir=os.environ.get("TESTS_TMP", "/tmp"))
db = os.path.join(work, "live.db")
state = os.path.join(work, "state")


fac = Facilitator(db, env={"XDG_STATE_HOME": state})
out = fac.text()
check(re.search(r"Join from a phone: scan the code, or open http://127\.0\.0\.1:\d+/\s+"
                r"and\s+type\s+the\s+code\s+[A-Z2-9]{3}-[A-Z2-9]{3}\.", out) is not None,
      "the room sees the address and the code", out[-600:])
check("██" in out or "#" in out, "the room sees a QR code")
token = fac.join_path.rsplit("/", 1)[1]
check(re.fullmatch(r"[0-9a-f]{16}", token) is not None,
      "the join address carries 64 bits or more of randomness", token)

# the code typed at the bare address leads to the join page
code = re.search(r"code\s+([A-Z2-9]{3})-([A-Z2-9]{3})\.", out)
lee = Phone(fac, 9)
r, body = lee.request("POST", "/", {"code": (code.group(1) + "-" + code.group(2)).lower()})
check(r.status == 303 and r.getheader("Location") == fac.join_path,
      "the code, typed any way, leads to the join page", f"{r.status} {r.getheader('Location')}")
r, body = lee.request("POST", "/", {"code": "AAAAAA"})
check(r.status == 403 and "not the code" in body, "a wrong code is refused", r.status)

# a team for phones to pick, then three phones join
fac.type("team Blue")
fac.wait_for(r"Team Blue: phones can pick it\.")
ana, sam, eve = Phone(fac, 2), Phone(fac, 3), Phone(fac, 4)
r, body = ana.request("GET", fac.join_path)
check(r.status == 200 and 'name="name"' in body and ">Blue</option>" in body,
      "the join page asks a name and offers the team", body[-400:])
team = re.search(r'<option value="(\d+)">Blue</option>', body).group(1)
r, _ = ana.join("ana")
cookie = r.getheader("Set-Cookie") or ""
check(r.status == 303 and r.getheader("Location") == "/p", "ana joins", r.status)
check(re.fullmatch(r"rapport=[0-9a-f]{32}; Path=/; HttpOnly; SameSite=Strict", cookie)
      is not None, "the session is 128 random bits in an HttpOnly, SameSite=Strict cookie",
      cookie)
r, _ = sam.join("sam", team)
check(r.status == 303, "sam joins team Blue", r.status)
r, _ = eve.join("  eve\x07  ", team)
check(r.status == 303, "eve joins team Blue, her name cleaned", r.status)
r, body = Phone(fac, 5).join("ANA")
check(r.status == 409 and "in already" in body, "a name that is taken is refused", r.status)
r, body = Phone(fac, 5).join("\x1b\x07 ")
check(r.status == 400 and "Type your name" in body, "an empty name is refused", r.status)
r, body = ana.page()
check(r.status == 200 and "You are in" in body and 'http-equiv="refresh"' in body,
      "before the start, a phone waits (and reloads without JavaScript)", body[-300:])

# the start: the first scenario on every phone
fac.type("")
fac.wait_for(r"^2 taking part\.")
check(re.search(r"^  ana joined\n  sam joined team Blue\n  eve joined team Blue$",
                fac.text(), re.M) is not None, "the room hears who joined", fac.text()[-500:])
r, body = ana.page()
check("The rush order" in body and 'name="pick" value="a"' in body and
      'name="part" value="0"' in body, "the first scenario is on ana's phone", body[-500:])
check("Talk it over" not in body, "the discussion prompts wait for the reveal")
for h, want in (("Content-Security-Policy", "default-src 'none'"),
                ("X-Content-Type-Options", "nosniff"),
                ("Referrer-Policy", "no-referrer"),
                ("Cache-Control", "no-store"),
                ("X-Frame-Options", "DENY")):
    check(want in (r.getheader(h) or ""), f"the page has {h}: {want}", r.getheader(h))
nonce = re.search(r"'nonce-([0-9a-f]+)'", r.getheader("Content-Security-Policy")).group(1)
check(f'<script nonce="{nonce}">' in body and f'<style nonce="{nonce}">' in body,
      "the inline script and style carry the response's nonce")

# role cards: each to its player's phone alone; the room sees who plays whom
cards_file = os.path.join(work, "cards.txt")
fac.type("cards lee=ana Sam=SAM")
fac.type("cards --print " + cards_file)
fac.wait_for(r"^2 cards written to ")
r, body_ana = ana.page()
r, body_sam = sam.page()
r, body_eve = eve.page()
check("Your card" in body_ana and "Twenty orders are due today." in body_ana and
      "half the order" not in body_ana, "ana's phone has her card alone", body_ana[-900:])
check("Your card" in body_sam and "half the order today" in body_sam and
      "Twenty orders" not in body_sam, "sam's phone has his card alone", body_sam[-900:])
check("Your card" not in body_eve and "Twenty orders" not in body_eve and
      "half the order" not in body_eve and
      "ana plays Lee, order desk; sam plays Sam, sales rep." in body_eve,
      "eve's phone says who plays whom, and no card", body_eve[-900:])
room = fac.text()
check("1. Lee, order desk: ana" in room and "2. Sam, sales rep: sam" in room and
      "Twenty orders" not in room and "half the order" not in room,
      "the room's screen shows who plays whom, never a card", room[-500:])
printed = open(cards_file).read()
pages = printed.split("\f")
check(len(pages) == 2 and "ana" in pages[0] and "You know: Twenty orders are due today."
      in pages[0] and "sam" in pages[1] and "half the order" in pages[1],
      "cards --print writes one card a page, with its player", printed)

r, _ = ana.answer(0, "a")
check(r.status == 303, "ana answers a", r.status)
r, _ = ana.answer(0, "b")
r2, body = ana.page()
check(r.status == 303 and "Received: b." in body and 'value="b" required checked' in body,
      "ana changes her answer to b, and her phone says so", body[-600:])
r, _ = sam.answer(0, "c")
r2, body = eve.page()
check("Received: c." in body and "team Blue" in body,
      "sam answers for the team, and eve's phone shows it", body[-600:])
r, _ = eve.answer(1, "a")
check(r.status == 409, "an answer to a scenario not on show is refused", r.status)
r, _ = eve.answer(0, "z")
check(r.status == 400, "a letter that is not an option is refused", r.status)

fac.type("who")
m = fac.wait_for(r"^  2 of 2 answered\.$")
who = fac.text()[fac.text().rfind("who"):]
check(re.search(r"^  ana  \(phone\)  answered$", fac.text(), re.M) is not None and
      re.search(r"^  Blue: sam, eve  \(phone\)  answered$", fac.text(), re.M) is not None,
      "the facilitator sees who answered", fac.text()[-400:])

fac.type("reveal")
fac.wait_for(r"^How the room answered")
r, body = ana.answer(0, "a")
check(r.status == 409 and "revealed" in body, "an answer after the reveal is refused",
      r.status)
r, body = ana.page()
check("You chose b: 50 of 100." in body, "ana's phone shows her answer's credit",
      body[-800:])
check("Scores so far" in body and "The best answer" in body,
      "the reveal on the phone: why, and the scores", body[-800:])

# the poll: once per phone, a count and nothing else
fac.type("next")
fac.type("next")
fac.wait_for(r"a quick poll, anonymous")
r, body = sam.page()
check('name="pick" value="4"' in body and "Anonymous" in body, "the poll on sam's phone",
      body[-400:])
r1, _ = sam.answer(2, "4")
r2, body2 = sam.answer(2, "5")
r3, _ = eve.answer(2, "5")
r4, _ = ana.answer(2, "2")
check([r1.status, r2.status, r3.status, r4.status] == [303, 409, 303, 303],
      "each phone votes once in the poll", [r1.status, r2.status, r3.status, r4.status])
r, body = sam.page()
check("Your vote is counted" in body and 'value="4"' not in body,
      "after voting, the phone does not show the vote back", body[-400:])

fac.type("end")
rc = fac.finish()
check(rc == 0, "the meeting ends", f"exit {rc}: {fac.err[-5:]}")
try:
    r, _ = ana.page()
    check(False, "the server stops with the meeting", r.status)
except OSError:
    check(True, "the server stops with the meeting")

con = sqlite3.connect(db)
rows = con.execute(
    "SELECT u.name, r.response FROM answers r JOIN attempts a ON a.id = r.attempt_id"
    " JOIN users u ON u.id = a.user_id ORDER BY r.id").fetchall()
picks = [(name, resp) for name, resp in rows]
check(picks == [("ana", '["ask"]'), ("ana", '["mail"]'), ("sam", '["boss"]'),
                ("eve", '["boss"]')],
      "each answer stored once, ana's change after her first, the team's for both", picks)
secs = [s for (s,) in con.execute("SELECT seconds FROM answers")]
check(all(s is not None and s > 0 for s in secs), "live answers carry real durations", secs)
con.close()

log = os.path.join(state, "rapport", "meeting.log")
text = open(log).read() if os.path.exists(log) else ""
check(re.search(r"^\S+Z 127\.0\.0\.2 POST /p/answer 303 \d+ms$", text, re.M) is not None,
      "the request log has a line per request", text[-400:])
check(token not in text and "rapport=" not in text and "ana" not in text and
      "pick" not in text, "the log keeps no token, session, name or answer", text[-400:])
check("GET /p " not in fac.text() and "POST" not in fac.text(),
      "requests are not shown on the room's screen")

finish()
