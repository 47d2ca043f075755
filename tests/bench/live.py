"""live.py - the live meeting's benchmark, for bench.py: 100 phones
answering the same scenario at once, against the same server answering its
smallest GET (the page that asks for the code) from the same 100 phones
at once, in turns, in the same run; and the server's resident memory with
100 people in against the same meeting idle, before anyone joined.

Each phone has an address of its own on the loopback network (127.0.0.2
to 127.0.0.101), as phones in a room have, and opens a new connection for
each request, as a browser without keep-alive would. A round connects all
100 at once, from one thread; a request's latency is from just before it
connects to its response read whole."""
import http.client
import os
import queue
import re
import selectors
import socket
import statistics
import subprocess
import threading
import time
import urllib.parse

PHONES = 100
ROUNDS = 10  # of answers, and as many of plain GETs, in turns

GOAL_P99_MS = 100.0   # the answer request's p99
GOAL_VS_GET = 3.0     # its p50 and p99 against the plain GET's
GOAL_RSS = 2.0        # resident memory, 100 people against idle


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"^VmRSS:\s+(\d+)", f.read(), re.M).group(1))


class Meeting:
    """rapport meeting EXERCISE --live on 127.0.0.1, a port it picks."""

    def __init__(self, rapport, content, exercise, db, env):
        self.proc = subprocess.Popen(
            [rapport, "--db", db, "--user", "bench", "--content", content,
             "meeting", exercise, "--live", "--listen", "127.0.0.1:0"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, env=env)
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        url = self.wait_for(r"^The whole address: (\S+)$").group(1)
        u = urllib.parse.urlsplit(url)
        self.port, self.join_path = u.port, u.path

    def _read(self):
        for raw in iter(self.proc.stdout.readline, b""):
            self.lines.put(raw.decode("utf-8", "replace").rstrip("\n"))

    def wait_for(self, pattern, timeout=60):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                line = self.lines.get(timeout=max(0.01, end - time.monotonic()))
            except queue.Empty:
                continue
            m = re.search(pattern, line)
            if m:
                return m
        raise RuntimeError(f"the meeting never said {pattern!r}")

    def type(self, line):
        self.proc.stdin.write(line.encode() + b"\n")
        self.proc.stdin.flush()

    def end(self):
        self.type("end")
        self.proc.stdin.close()
        self.proc.wait(timeout=120)


class Phone:
    def __init__(self, port, n):
        self.port, self.source, self.cookie = port, f"127.0.0.{n}", None

    def request(self, method, path, form=None):
        h = {}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            h["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookie:
            h["Cookie"] = self.cookie
        t0 = time.perf_counter()
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60,
                                       source_address=(self.source, 0))
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        r.read()
        t1 = time.perf_counter()
        c.close()
        if r.getheader("Set-Cookie"):
            self.cookie = r.getheader("Set-Cookie").split(";", 1)[0]
        return r.status, t1 - t0


def at_once(phones, method, path, form=None):
    """Sends the same request from every phone at the same moment, from
    one thread that waits on all their sockets (so that the client's own
    work stays small beside the server's); returns the statuses, the
    latencies and the wall time from the first connect to the last
    response."""
    body = urllib.parse.urlencode(form).encode() if form is not None else b""
    sel = selectors.DefaultSelector()
    state = {}
    t_start = time.perf_counter()
    for i, p in enumerate(phones):
        head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{p.port}\r\n"
        if p.cookie:
            head += f"Cookie: {p.cookie}\r\n"
        if form is not None:
            head += ("Content-Type: application/x-www-form-urlencoded\r\n"
                     f"Content-Length: {len(body)}\r\n")
        head += "Connection: close\r\n\r\n"
        s = socket.socket()
        s.bind((p.source, 0))
        s.setblocking(False)
        t0 = time.perf_counter()
        s.connect_ex(("127.0.0.1", p.port))
        state[s] = [i, t0, head.encode() + body, bytearray(), None]
        sel.register(s, selectors.EVENT_WRITE)
    out = [None] * len(phones)
    while state:
        for key, ev in sel.select(timeout=60):
            s = key.fileobj
            st = state[s]
            if ev & selectors.EVENT_WRITE:
                sent = s.send(st[2])
                st[2] = st[2][sent:]
                if not st[2]:
                    sel.modify(s, selectors.EVENT_READ)
                continue
            data = s.recv(65536)
            if data:
                st[3] += data
                continue
            t1 = time.perf_counter()
            sel.unregister(s)
            s.close()
            del state[s]
            status = int(st[3].split(b" ", 2)[1]) if st[3] else 0
            out[st[0]] = (status, t1 - st[1])
    sel.close()
    wall = time.perf_counter() - t_start
    return [o[0] for o in out], [o[1] for o in out], wall


def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]


def bench_live(rapport, root, work, env, say, verdict, summary):
    db = os.path.join(work, "live.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    content = os.path.join(root, "tests", "content", "good", "meeting.xml")
    say(f"\nLive meeting: {PHONES} phones at once, {ROUNDS} rounds of answers"
        f" and {ROUNDS} of the smallest GET, in turns")
    m = Meeting(rapport, content, "weekly", db, env)
    time.sleep(0.5)
    idle = rss_kb(m.proc.pid)
    phones = [Phone(m.port, 2 + i) for i in range(PHONES)]
    for i, p in enumerate(phones):
        status, _ = p.request("POST", m.join_path, {"name": f"p{i:03d}"})
        if status != 303:
            raise RuntimeError(f"phone {i} could not join: {status}")
    m.type("")
    m.wait_for(rf"^{PHONES} taking part\.")
    gets, posts, rates = [], [], []
    for r in range(ROUNDS):
        pick = "abc"[r % 3]
        for kind in (("get", "post") if r % 2 == 0 else ("post", "get")):
            time.sleep(0.3)  # the per-address rate limit refills
            if kind == "get":
                st, lat, _ = at_once(phones, "GET", "/")
                gets += lat
            else:
                st, lat, wall = at_once(phones, "POST", "/p/answer",
                                        {"part": "0", "pick": pick})
                posts += lat
                rates.append(PHONES / wall)
            bad = [s for s in st if s not in (200, 303)]
            if bad:
                raise RuntimeError(f"{kind} round {r}: statuses {sorted(set(bad))}")
    busy = rss_kb(m.proc.pid)
    m.end()
    import sqlite3
    con = sqlite3.connect(db)
    stored = con.execute("SELECT count(*) FROM answers").fetchone()[0]
    ok = con.execute("PRAGMA integrity_check").fetchone()[0]
    con.close()
    if stored != PHONES * ROUNDS or ok != "ok":
        raise RuntimeError(f"{stored} answers stored of {PHONES * ROUNDS}; "
                           f"integrity_check: {ok}")
    ms = lambda s: s * 1000  # noqa: E731
    say(f"  answer (POST /p/answer)  p50 {ms(pct(posts, 50)):6.1f} ms  "
        f"p99 {ms(pct(posts, 99)):6.1f} ms  max {ms(max(posts)):6.1f} ms; "
        f"{statistics.median(rates):.0f} answers/s")
    say(f"  smallest GET (GET /)     p50 {ms(pct(gets, 50)):6.1f} ms  "
        f"p99 {ms(pct(gets, 99)):6.1f} ms  max {ms(max(gets)):6.1f} ms")
    say(f"  every answer stored once ({stored}), integrity_check ok")
    say(f"  resident memory: idle {idle / 1024:.1f} MB, with {PHONES} in "
        f"after the rounds {busy / 1024:.1f} MB")
    p99 = ms(pct(posts, 99))
    r50 = pct(posts, 50) / pct(gets, 50)
    r99 = pct(posts, 99) / pct(gets, 99)
    say(f"  answer p99 {p99:.1f} ms, goal <= {GOAL_P99_MS:.0f} ms: "
        f"{verdict(p99, GOAL_P99_MS)}; answer / GET: p50 {r50:.2f}x, "
        f"p99 {r99:.2f}x, goal <= {GOAL_VS_GET:g}x: "
        f"{verdict(max(r50, r99), GOAL_VS_GET)}; memory {busy / idle:.2f}x, "
        f"goal <= {GOAL_RSS:g}x: {verdict(busy / idle, GOAL_RSS)}")
    summary.append(("live answer p99, 100 phones at once", p99, GOAL_P99_MS, " ms"))
    summary.append(("live answer / smallest GET (p99)", r99, GOAL_VS_GET, "x"))
    summary.append(("live memory, 100 people / idle", busy / idle, GOAL_RSS, "x"))
