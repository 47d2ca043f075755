# SPDX-License-Identifier: GPL-3.0-or-later
"""livelib - a live meeting for the tests: the facilitator's rapport on a
pipe, and phones as plain HTTP clients, each from an address of its own on
the loopback network (127.0.0.N), as phones in a room have."""
import http.client
import os
import queue
import re
import shlex
import subprocess
import threading
import time
import urllib.parse

RAPPORT = shlex.split(os.environ["RAPPORT"])


class Facilitator:
    """rapport meeting EXERCISE --live on 127.0.0.1, a port it picks; lines
    typed with type(), its output read as it comes."""

    def __init__(self, db, exercise="weekly",
                 content="tests/content/good/meeting.xml", extra=(), env=None,
                 command=None):
        """command: the meeting's own words instead of EXERCISE --live
        --listen 127.0.0.1:0 (a port it picks)"""
        if command is None:
            command = [exercise, "--live", "--listen", "127.0.0.1:0"]
        self.proc = subprocess.Popen(
            RAPPORT + ["--db", db, "--user", "facilitator", "--content", content,
                       "meeting", *command, *extra],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=dict(os.environ, LC_ALL="C.UTF-8", **(env or {})))
        self.out = []
        self.err = []
        self.lines = queue.Queue()
        threading.Thread(target=self._read, args=(self.proc.stdout, self.out, True),
                         daemon=True).start()
        threading.Thread(target=self._read, args=(self.proc.stderr, self.err, False),
                         daemon=True).start()
        self.url = self.wait_for(r"^The whole address: (\S+)$").group(1)
        u = urllib.parse.urlsplit(self.url)
        self.host, self.port, self.join_path = u.hostname, u.port, u.path

    def _read(self, f, into, queue_it):
        for raw in iter(f.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip("\n")
            into.append(line)
            if queue_it:
                self.lines.put(line)

    def wait_for(self, pattern, timeout=60):
        """the first line from now on that matches pattern"""
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no line like {pattern!r} in: " +
                                     "\n".join(self.out[-30:]) + "\n" +
                                     "\n".join(self.err[-10:]))
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                continue
            m = re.search(pattern, line)
            if m:
                return m

    def type(self, line):
        self.proc.stdin.write(line.encode() + b"\n")
        self.proc.stdin.flush()

    def finish(self, timeout=120):
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        self.proc.wait(timeout=timeout)
        time.sleep(0.1)
        return self.proc.returncode

    def text(self):
        return "\n".join(self.out)


class Phone:
    """a phone's browser, as far as the server can tell: its own address,
    its cookie, one connection at a time"""

    def __init__(self, fac, n=2):
        self.fac = fac
        self.source = f"127.0.0.{n}"
        self.cookie = None

    def request(self, method, path, form=None, headers=None, cookie=True):
        c = http.client.HTTPConnection(self.fac.host, self.fac.port, timeout=30,
                                       source_address=(self.source, 0))
        h = dict(headers or {})
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            h["Content-Type"] = "application/x-www-form-urlencoded"
        if cookie and self.cookie:
            h["Cookie"] = self.cookie
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        data = r.read().decode("utf-8", "replace")
        c.close()
        set_cookie = r.getheader("Set-Cookie")
        if set_cookie:
            self.cookie = set_cookie.split(";", 1)[0]
        return r, data

    def join(self, name, team=None):
        form = {"name": name}
        if team is not None:
            form["team"] = str(team)
        return self.request("POST", self.fac.join_path, form)

    def page(self):
        return self.request("GET", "/p")

    def answer(self, part, pick):
        return self.request("POST", "/p/answer", {"part": str(part), "pick": pick})
