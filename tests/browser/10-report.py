#!/usr/bin/python3
"""The HTML team report in a real browser: headless Chromium opens the file
the way a manager opens it from a USB stick, and we look at what it made of
it. The charts are there and drawn; names that are markup stay text; and
nothing is fetched from outside the file, which a local web server and
Chromium's own network log would both notice. A control page that does
fetch proves the two would."""
import http.server
import json
import os
import re
import shlex
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
os.chdir(os.path.join(HERE, "..", ".."))
import fakeclock  # noqa: E402
from learner import Learner  # noqa: E402
from subcases import check, finish, problems  # noqa: E402

chromium = shutil.which("chromium") or shutil.which("chromium-browser")
if not chromium:
    print("not ok 1 - Chromium is installed (make check-browser installs it)")
    sys.exit(1)
rapport = shlex.split(os.environ["RAPPORT"])
work = tempfile.mkdtemp(dir=os.environ.get("TESTS_TMP", "/tmp"))
course = "content/inside-relationships"
env = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC")


# ---- a web server that counts what anyone asks of it ----
hits = []


class Counter(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Counter)
port = server.server_address[1]
threading.Thread(target=server.serve_forever, daemon=True).start()

SCRIPT = "<script>document.title='owned'</script>"
IMG = f"<img src=http://127.0.0.1:{port}/leak.png>"


def browse(page, *extra, tag="run"):
    """Opens page in a fresh headless Chromium; returns its stdout and the
    URLs the page itself asked for (Chromium's own update and account
    requests carry no page origin and are left out)."""
    netlog = os.path.join(work, f"{tag}.netlog.json")
    profile = tempfile.mkdtemp(dir=work)
    cmd = [chromium, "--headless=new", "--no-sandbox", "--disable-gpu",
           "--disable-background-networking", "--disable-component-update",
           "--disable-default-apps", "--disable-sync", "--disable-extensions",
           "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
           f"--user-data-dir={profile}", f"--log-net-log={netlog}",
           "--window-size=1100,3200", *extra, "file://" + os.path.abspath(page)]
    r = subprocess.run(cmd, capture_output=True, timeout=180,
                       env=dict(env, HOME=profile))
    asked = []
    try:
        with open(netlog) as f:
            text = f.read().rstrip()
        if not text.endswith("}"):  # a log cut short by the exit
            text = text.rstrip(",") + "]}"
        log = json.loads(text)
        start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
        for e in log["events"]:
            p = e.get("params", {})
            if e["type"] == start and "url" in p and p.get("initiator") != "not an origin":
                asked.append(p.get("url"))
    except (OSError, ValueError, KeyError) as e:
        asked.append(f"(no readable network log: {e})")
    return r.stdout.decode(errors="replace"), asked


# ---- the control: a page that does fetch is caught both ways ----
control = os.path.join(work, "control.html")
with open(control, "w") as f:
    f.write(f'<!DOCTYPE html><title>control</title><img src="http://127.0.0.1:{port}/control.png">')
_, asked = browse(control, "--dump-dom", tag="control")
check("/control.png" in hits and any("control.png" in (u or "") for u in asked),
      "a page that fetches is noticed by the server and in the network log",
      f"server saw {hits}, log {asked}")
hits.clear()

# ---- a team's results, the report ----
db = os.path.join(work, "team.db")
have_faketime = fakeclock.available()
for n, (name, skill) in enumerate((("ana", 0.9), ("tom", 0.5), (SCRIPT, 0.7), (IMG, 0.6))):
    l = Learner(rapport, db, course, name, skill, 20 + n, env=env)
    for day in ("2026-11-02", "2026-11-09", "2026-11-16"):
        l.quiz("knowledge-check", when=day + " 10:00:00" if have_faketime else None)
    l.assess("self-check", when="2026-11-17 09:00:00" if have_faketime else None)
page = os.path.join(work, "team report.html")
r = subprocess.run(rapport + ["--db", db, "--content", course, "report", "--all", "--html", page],
                   capture_output=True, env=env, timeout=300)
check(r.returncode == 0 and os.path.exists(page), "the report is written", r.stderr.decode())

dom, asked = browse(page, "--dump-dom", tag="dom")
check(dom.count("<svg") == 9, "Chromium finds the nine charts", f"{dom.count('<svg')} svg elements")
check(dom.count("<rect") > 100 and "<polyline" in dom, "the charts have their bars, cells and lines")
check("&lt;script&gt;document.title='owned'&lt;/script&gt;" in dom and "<script" not in dom,
      "a name with <script> is shown as text and never runs")
check(f"&lt;img src=http://127.0.0.1:{port}/leak.png&gt;" in dom and "<img" not in dom,
      "a name with <img> is shown as text, not an image")
check(re.search(r"<title>Team report: Inside relationships</title>", dom),
      "the page title is the report's own", re.findall(r"<title>[^<]*</title>", dom)[:1])
check(not hits, "the web server was asked for nothing", f"{hits}")
check(not asked, "the network log shows no request from the page", f"{asked}")


# ---- the screenshot: decoded here, checked for the charts' colours ----
def png_pixels(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), "an unexpected PNG layout"
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, stride, prev, rows = zlib.decompress(idat), width * bpp, None, []
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i] if prev else 0
            c = prev[i - bpp] if prev and i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    colours = set()
    for line in rows[::3]:
        for x in range(0, stride, bpp * 3):
            colours.add(tuple(line[x:x + 3]))
    return width, height, colours


shot = os.path.join(work, "report.png")
browse(page, f"--screenshot={shot}", tag="shot")
try:
    w, h, colours = png_pixels(shot)
    check(w == 1100 and h == 3200, "the screenshot is the size asked for", f"{w}x{h}")
    # the person colours of the bars and lines, and the deepest heatmap blue
    for rgb, what in (((0x00, 0x72, 0xB2), "blue bars"), ((0xD5, 0x5E, 0x00), "orange bars"),
                      ((0x3A, 0x3A, 0x3A), "the team's bars")):
        check(rgb in colours, f"the screenshot shows {what}")
    check(len(colours) > 40, "the screenshot is a drawn page, not a blank one", f"{len(colours)} colours")
except (OSError, AssertionError, zlib.error) as e:
    check(False, "the screenshot can be read", str(e))

pdf = os.path.join(work, "report.pdf")
browse(page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", tag="pdf")
data = open(pdf, "rb").read() if os.path.exists(pdf) else b""
pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
check(data.startswith(b"%PDF") and 1 <= pages <= 6, "it prints, on a few pages", f"{pages} pages")
check(not hits, "printing fetched nothing either", f"{hits}")

server.shutdown()
finish()
