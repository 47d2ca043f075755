#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""81-live-hostile - requests a live meeting must refuse with a clear HTTP
error and no change: a 10 MB body, a chunked one over the cap, a huge
header, a slow drip of headers, 1,000 connections from one address, a
burst over the rate, a forged session, a session from another meeting,
answers after the reveal and to a scenario not on show, a name with
control characters and <script>, methods and paths that serve nothing,
and more people than the meeting takes. A phone from another address is
served all along."""
import os
import re
import resource
import secrets
import socket
import sqlite3
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from livelib import Facilitator, Phone  # noqa: E402
from subcases import check, finish  # noqa: E402

work = tempfile.mkdtemp(dir=os.environ.get("TESTS_TMP", "/tmp"))
db = os.path.join(work, "hostile.db")


def raw(fac, data, source="127.0.0.20", read=True, timeout=15):
    """data sent on a socket of its own; the reply's status line"""
    s = socket.create_connection((fac.host, fac.port), timeout=timeout,
                                 source_address=(source, 0))
    try:
        s.sendall(data)
        if not read:
            return s
        got = b""
        while b"\r\n" not in got:
            chunk = s.recv(4096)
            if not chunk:
                break
            got += chunk
        return got.split(b"\r\n", 1)[0].decode("latin-1")
    finally:
        if read:
            s.close()


def stored():
    con = sqlite3.connect(db)
    try:
        return (con.execute("SELECT count(*) FROM answers").fetchone()[0],
                con.execute("SELECT count(*) FROM users").fetchone()[0],
                con.execute("SELECT coalesce(sum(count), 0) FROM meeting_poll_counts")
                .fetchone()[0])
    finally:
        con.close()


# a meeting from before, ended: its session is replayed below
old = Facilitator(os.path.join(work, "old.db"))
old_phone = Phone(old, 2)
old_phone.join("ana")
old.type("")
old.type("end")
old.finish()
old_cookie = old_phone.cookie

fac = Facilitator(db)
ana, good = Phone(fac, 2), Phone(fac, 3)
ana.join("ana")
good.join("kim")
fac.type("")
fac.wait_for(r"^2 taking part\.")
ana.answer(0, "a")
before = stored()
cookie = ana.cookie.encode()

# a 10 MB body: refused at once, before it is sent
s = raw(fac, b"POST /p/answer HTTP/1.1\r\nHost: x\r\nCookie: " + cookie +
        b"\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        b"Content-Length: 10485760\r\n\r\n", read=False)
s.settimeout(10)
status = b""
try:
    s.sendall(b"part=0&pick=b&" + b"x" * 65536)
    status = s.recv(4096).split(b"\r\n", 1)[0]
except OSError as e:
    status = str(e).encode()
s.close()
check(status.startswith(b"HTTP/1.1 413"), "a 10 MB body gets 413 before it is sent", status)

# a chunked body over the cap
body = b"part=0&pick=b&" + b"y" * 8000
st = raw(fac, b"POST /p/answer HTTP/1.1\r\nHost: x\r\nCookie: " + cookie +
         b"\r\nContent-Type: application/x-www-form-urlencoded\r\n"
         b"Transfer-Encoding: chunked\r\n\r\n" +
         f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n")
check(st.startswith("HTTP/1.1 413"), "a chunked body over 4 KB gets 413", st)

# a huge header
st = raw(fac, b"GET /p HTTP/1.1\r\nHost: x\r\nX-Junk: " + b"z" * 65536 + b"\r\n\r\n")
check(re.match(r"HTTP/1\.1 (431|413|400)", st) is not None or st == "",
      "a 64 KB header is refused", st)

# a slow drip of headers: cut off at the request deadline (10 s), while
# another phone is served
drip = socket.create_connection((fac.host, fac.port), timeout=30,
                                source_address=("127.0.0.21", 0))
started = time.monotonic()
cut = None
served = None
for i, byte in enumerate(b"GET /p HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 100):
    try:
        drip.send(bytes([byte]))
    except OSError:
        cut = time.monotonic() - started
        break
    if i == 3:
        t = time.monotonic()
        r, _ = good.page()
        served = (r.status, time.monotonic() - t)
    time.sleep(0.5)
    drip.settimeout(0.01)
    try:
        if drip.recv(1) == b"":
            cut = time.monotonic() - started
            break
    except socket.timeout:
        pass
    except OSError:
        cut = time.monotonic() - started
        break
drip.close()
check(cut is not None and cut < 16, "a slow drip of headers is cut off at its deadline",
      cut)
check(served and served[0] == 200 and served[1] < 5,
      "a phone is served while the drip goes on", served)

# 1,000 connections from one address: the address's share is capped, and
# a phone from another address is served
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4096), hard))
flood, refused = [], 0
for i in range(1000):
    try:
        c = socket.create_connection((fac.host, fac.port), timeout=5,
                                     source_address=("127.0.0.22", 0))
        flood.append(c)
    except OSError:
        refused += 1
time.sleep(0.5)
closed = 0
for c in flood:
    c.settimeout(0.001)
    try:
        if c.recv(1) == b"":
            closed += 1
    except socket.timeout:
        pass
    except OSError:
        closed += 1
t = time.monotonic()
r, body = good.page()
check(r.status == 200 and time.monotonic() - t < 5,
      "with 1,000 connections open from one address, a phone from another is served",
      r.status)
check(refused + closed >= 1000 - 32, "one address holds 32 connections at most",
      f"{refused} refused, {closed} closed of 1000")
for c in flood:
    c.close()

# a burst over the rate from one address
burst = Phone(fac, 23)
codes = []
for i in range(80):
    r, _ = burst.request("GET", "/")
    codes.append(r.status)
check(429 in codes and codes[0] == 200, "a burst over the rate gets 429",
      sorted(set(codes)))
r = [x for x in codes if x == 429]

# a forged session and one from another meeting
forged = Phone(fac, 24)
forged.cookie = "rapport=" + secrets.token_hex(16)
r1, b1 = forged.page()
r2, _ = forged.answer(0, "b")
check(r1.status == 403 and r2.status == 403 and "not joined" in b1,
      "a forged session is refused", (r1.status, r2.status))
replay = Phone(fac, 25)
replay.cookie = old_cookie
r1, _ = replay.page()
r2, _ = replay.answer(0, "b")
check(r1.status == 403 and r2.status == 403, "a session from another meeting is refused",
      (r1.status, r2.status))

# answers to a scenario not on show and after the reveal
r, _ = ana.answer(1, "b")
check(r.status == 409, "an answer to a scenario not on show gets 409", r.status)
r, _ = ana.answer("x", "b")
check(r.status == 409, "an answer to no scenario at all gets 409", r.status)
# a form cut short in a %-escape at its very end (once read past the body)
st = raw(fac, b"POST /p/answer HTTP/1.1\r\nHost: x\r\nCookie: " + cookie +
         b"\r\nContent-Type: application/x-www-form-urlencoded\r\n"
         b"Content-Length: 14\r\n\r\npart=0&pick=%6")
check(st.startswith("HTTP/1.1 400"), "a form ending in half an escape gets 400", st)
fac.type("reveal")
fac.wait_for(r"^How the room answered")
r, body = ana.answer(0, "b")
check(r.status == 409 and "revealed" in body, "an answer after the reveal gets 409",
      r.status)

# methods and paths that serve nothing; nothing comes from disk
st = raw(fac, b"PUT /p HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
check(st.startswith("HTTP/1.1 405"), "PUT gets 405", st)
for path in (b"/../../../../etc/passwd", b"/etc/passwd", b"/p/../../etc/hosts",
             b"/j/" + b"0" * 16, b"/favicon.ico"):
    st = raw(fac, b"GET " + path + b" HTTP/1.1\r\nHost: x\r\n\r\n", source="127.0.0.26")
    check(st.startswith("HTTP/1.1 404"), f"GET {path.decode()} gets 404", st)

check(stored() == before, "none of it changed the store", (before, stored()))

# a name with control characters and a script
fac.type("next")
evil = Phone(fac, 27)
r, _ = evil.join("zo\x07e\x1b <script>alert(1)</script>")
r2, body = evil.page()
check(r.status == 303 and "<script>alert" not in body and
      "zoe &lt;script&gt;alert(1)&lt;/script&gt;" in body,
      "a name with controls and <script> is cleaned and escaped", body[-500:])

# more people than the meeting takes (200): the next is told it is full
full = 0
for i in range(200):
    p = Phone(fac, 0)
    p.source = f"127.0.{1 + i // 200}.{1 + i % 200}"
    r, body = p.join(f"p{i}")
    if r.status == 503 and "full" in body:
        full += 1
check(full >= 1, "the participant after the 200th is told the meeting is full", full)

fac.type("end")
rc = fac.finish()
out = fac.text()
check(rc == 0, "the meeting ends", (rc, fac.err[-5:]))
check("\x1b" not in out and "\x07" not in out,
      "no control character reaches the room's screen")
con = sqlite3.connect(db)
names = [x for (x,) in con.execute("SELECT name FROM users WHERE name LIKE 'zo%'")]
con.close()
check(names == ["zoe <script>alert(1)</script>"], "the stored name is the cleaned one",
      names)

finish()
