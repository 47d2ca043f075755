#!/usr/bin/python3
"""85-lrs - send: a team's results to a real learning record store,
Learning Locker's statements service (tests/npm/lrs.js, on 127.0.0.1 with
in-memory models kept in a file). Every statement arrives and validates,
a second send adds nothing, a store killed in the middle of a send and
started again ends with exactly the set, a statement it has with the same
content counts as sent and one with other content is said, a refusal is
reported with the store's own words; credentials come from a file only
its owner reads, or the environment, and reach the store; a terminal
shows a progress bar."""
import base64
import http.server
import json
import os
import shlex
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import xapilib  # noqa: E402
from learner import Learner  # noqa: E402
from subcases import check, finish, problems  # noqa: E402

import pexpect  # noqa: E402

RAPPORT = shlex.split(os.environ["RAPPORT"])
SLOW = bool(os.environ.get("WRAP"))  # under valgrind
work = tempfile.mkdtemp(prefix="lrs.", dir=os.environ.get("TESTS_TMP", "/tmp"))
COURSE = "content/inside-relationships"
env = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC")
env.pop("RAPPORT_LRS_USER", None)
env.pop("RAPPORT_LRS_PASSWORD", None)
stores = []


def path(name):
    return os.path.join(work, name)


def rapport(db, *args, expect=0, course=COURSE, extra_env=None, timeout=600):
    r = subprocess.run(RAPPORT + ["--db", path(db), "--user", "manager", "--content", course]
                       + list(args), capture_output=True, text=True, timeout=timeout,
                       env=dict(env, **(extra_env or {})))
    if expect is not None and r.returncode != expect:
        problems.append(f"{' '.join(args)}: exit {r.returncode}, want {expect}: {r.stderr[-400:]}")
    return r


def store(name, **extra):
    s = xapilib.LRS(path(name), **extra)
    os.makedirs(s.dir, exist_ok=True)
    stores.append(s)
    return s.start()


def ids(statements):
    return sorted(s["id"] for s in statements)


# ---- a team's results, and what they are as statements ----
for user, skill, seed in (("ana", 0.9, 1), ("tom", 0.5, 2), ("eve", 0.7, 3)):
    learner = Learner(RAPPORT, path("team.db"), COURSE, user, skill, seed, env=env)
    learner.quiz("knowledge-check")
    if user != "eve":
        learner.assess("self-check")
shutil.copy(path("team.db"), path("fresh.db"))  # nothing sent from this one yet
exported = json.loads(rapport("team.db", "export", "--all", "--format", "xapi").stdout)
N = len(exported)
check(N > 100, f"the team's results are {N} statements")

# ---- dry run, then the send ----
lrs = store("lrs")
r = rapport("team.db", "send", "--all", "--lrs", lrs.url, "--dry-run")
check(f"Would send {N} statements (5 attempts of 3 people)" in " ".join(r.stdout.split())
      and lrs.statements() == [], "send --dry-run says what would go, and sends nothing",
      r.stdout)
r = rapport("team.db", "send", "--all", "--lrs", lrs.url, "--batch", "40")
got = lrs.statements()
check(r.returncode == 0 and ids(got) == ids(exported),
      f"send: every one of the {N} statements arrives", r.stdout + r.stderr[-300:])
check(f"it has all {N} now" in " ".join(r.stdout.split()), "and it says so", r.stdout)
bad = xapilib.problems(got)
check(not bad, "every statement the LRS keeps is valid to Learning Locker's validator", bad[:3])
r = rapport("team.db", "send", "--all", "--lrs", lrs.url)
check(r.returncode == 0 and "Nothing to send" in r.stdout and len(lrs.statements()) == N,
      "a second send adds nothing", r.stdout)
r = rapport("team.db", "send", "--all", "--lrs", lrs.url.rstrip("/") + "/statements", "--dry-run")
check(f"Would send 0 statements" in " ".join(r.stdout.split()) and f"{N} are there already" in
      " ".join(r.stdout.split()), "the endpoint or its statements resource are the same store",
      r.stdout)

# ---- the manager's side: merge --lrs ----
# From the store into an empty database: the same team as the JSON
# exports merged give, to the byte.
open(path("team.json"), "w").write(rapport("team.db", "export", "--all", "--format", "json").stdout)
rapport("from-files.db", "merge", path("team.json"))
r = rapport("from-lrs.db", "merge", "--lrs", lrs.url)
check(r.returncode == 0 and "5 added, 0 already here" in r.stdout,
      "merge --lrs brings the team's finished attempts in", r.stdout + r.stderr[-300:])
reports = [rapport(d, "report", "--all").stdout for d in ("from-files.db", "from-lrs.db")]
check(reports[0] == reports[1] and "ana" in reports[0],
      "and the team report is the same as from the merged JSON exports", reports[1][-400:])
exports = [json.loads(rapport(d, "export", "--all", "--format", "json").stdout)["attempts"]
           for d in ("from-files.db", "from-lrs.db")]
check(exports[0] == exports[1], "every attempt the same, field for field")
r = rapport("from-lrs.db", "merge", "--lrs", lrs.url)
check(r.returncode == 0 and "0 added, 5 already here" in r.stdout, "a second merge --lrs adds nothing",
      r.stdout)
r = rapport("since.db", "merge", "--lrs", lrs.url, "--since", "2099-01-01")
check(r.returncode == 0 and "0 added" in r.stdout, "--since leaves out what began before the day",
      r.stdout)

# pages of statements, one from another tool, one whose attempt is not its own
lrs6 = store("lrs6")
completed = next(s for s in exported if s["verb"]["id"].endswith("/completed"))
EXT = "https://rapport.example.org/xapi/extension/record"
ATT = "https://rapport.example.org/xapi/extension/attempt"
batch = []
for i in range(230):
    st = json.loads(json.dumps(completed))
    record = json.loads(st["result"]["extensions"][EXT])
    record["uuid"] = f"{i:08x}-0000-4000-8000-{i:012x}"
    st["id"] = f"{i:08x}-1111-4000-8000-{i:012x}"
    st["context"]["extensions"][ATT] = record["uuid"]
    st["result"]["extensions"][EXT] = json.dumps(record, indent=2)
    batch.append(st)
other = json.loads(json.dumps(completed))
other["id"] = "00000000-2222-4000-8000-000000000000"
del other["result"]["extensions"]
batch.append(other)
wrong = json.loads(json.dumps(batch[0]))
wrong["id"] = "00000000-3333-4000-8000-000000000000"
wrong["actor"]["name"] = "mallory"
batch.append(wrong)
status, data = lrs6.request("POST", "/xAPI/statements", json.dumps(batch).encode())
r = rapport("pages.db", "merge", "--lrs", lrs6.url, expect=1)
check(status == 200 and "230 added" in r.stdout and "1 statement not rapport's" in r.stdout
      and "1 refused" in r.stdout and "00000000-3333-4000-8000-000000000000" in r.stderr,
      "merge --lrs follows the store's pages (230 attempts), passes over another tool's "
      "statement, and refuses one whose attempt is someone else's", r.stdout + r.stderr[-300:])
r = rapport("nowhere.db", "merge", "--lrs", "http://127.0.0.1:9/xAPI/", expect=1)
check(r.returncode == 1 and "nothing merged" in r.stderr and "did not answer" in r.stderr,
      "a store that does not answer: nothing merged, and why", r.stderr[-300:])
r = rapport("nowhere.db", "merge", "--lrs", lrs.url, path("team.json"), expect=2)
check(r.returncode == 2 and "not both" in r.stderr, "files and --lrs together are refused", r.stderr)

# ---- the store dies in the middle of a send, and comes back ----
# It dies after storing the third batch and before answering for it: the
# hardest case, statements kept that the sender was never told about.
shutil.copy(path("fresh.db"), path("killed.db"))
lrs2 = store("lrs2", LRS_DIE_AFTER="3")
sender = subprocess.Popen(RAPPORT + ["--db", path("killed.db"), "--user", "manager", "--content",
                                     COURSE, "send", "--all", "--lrs", lrs2.url, "--batch", "10"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
lrs2.proc.wait(timeout=300)
time.sleep(1.5)  # the sender is trying again meanwhile
check(sender.poll() is None, "while the store is down, send keeps trying")
lrs2.start(LRS_DIE_AFTER="")
out, err = sender.communicate(timeout=600)
got = lrs2.statements()
check(sender.returncode == 0 and ids(got) == ids(exported),
      "started again, it ends with exactly the set of statements, none twice",
      f"exit {sender.returncode}, {len(got)} of {N}: {err[-300:]}")
r = rapport("killed.db", "send", "--all", "--lrs", lrs2.url)
check("Nothing to send" in r.stdout, "and the next send has nothing left", r.stdout)

# dead for longer than send tries: it stops, says so, and a later send
# finishes the job
shutil.copy(path("fresh.db"), path("later.db"))
lrs3 = store("lrs3", LRS_DIE_AFTER="2")
r = rapport("later.db", "send", "--all", "--lrs", lrs3.url, "--batch", "10", "--retry-for", "2",
            expect=1)
sent_before = len(lrs3.statements()) if lrs3.proc.poll() is None else None
check(r.returncode == 1 and "did not take the statements" in r.stderr and
      "send again" in " ".join(r.stdout.split()),
      "a store that stays down: send stops after --retry-for, exit 1, and says to send again",
      r.stdout + r.stderr[-300:])
lrs3.start(LRS_DIE_AFTER="")
r = rapport("later.db", "send", "--all", "--lrs", lrs3.url)
check(r.returncode == 0 and ids(lrs3.statements()) == ids(exported) and sent_before is None,
      "the send after it sends the rest: exactly the set", r.stdout + r.stderr[-300:])

# ---- a statement the store has already ----
# The same results from another database, taken with a course whose
# wording changed since: the same statements by xAPI's rules, which
# Learning Locker answers 409 Conflict for. They count as sent.
reworded = path("reworded")
shutil.copytree(COURSE, reworded)
for name in sorted(os.listdir(reworded)):
    file = os.path.join(reworded, name)
    if name.endswith(".xml"):
        text = open(file, encoding="utf-8").read()
        if "<prompt>" in text:
            open(file, "w", encoding="utf-8").write(text.replace("<prompt>", "<prompt>Now: ", 3))
shutil.copy(path("fresh.db"), path("copy.db"))
r = rapport("copy.db", "send", "--all", "--lrs", lrs.url, course=reworded)
said = " ".join(r.stdout.split())
check(r.returncode == 0 and "of them it had already" in said and len(lrs.statements()) == N,
      "statements it has with other wording (409 Conflict) count as sent, nothing added",
      r.stdout + r.stderr[-300:])

# one it has with other content under the same id: said, and the rest go
shutil.copy(path("fresh.db"), path("clash.db"))
lrs4 = store("lrs4")
forged = json.loads(json.dumps(exported[1]))
forged["result"]["response"] = "something else"
status, _ = lrs4.request("POST", "/xAPI/statements", json.dumps([forged]).encode())
r = rapport("clash.db", "send", "--all", "--lrs", lrs4.url, expect=1)
check(status == 200 and r.returncode == 1 and f"another statement with the id {forged['id']}"
      in r.stderr and len(lrs4.statements()) == N,
      "a statement it has with other content is named, the others all go, exit 1",
      r.stderr[-400:])

# ---- refusals in the store's own words ----
class Fake(http.server.BaseHTTPRequestHandler):
    """A store that answers as told: the tests' own, for the answers
    Learning Locker does not give (400 to a valid statement, 503, a proxy's
    413 to a large request)."""
    seen = []
    busy = [2]
    taken = []

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Fake.seen.append((self.path, self.headers.get("Authorization"), len(json.loads(body))))
        if self.path.startswith("/refuse/"):
            self.answer(400, {"message": "Invalid statement: what our rules say"})
        elif self.path.startswith("/busy/") and Fake.busy[0] > 0:
            Fake.busy[0] -= 1
            self.answer(503, {"message": "try later"})
        elif self.path.startswith("/small/") and len(json.loads(body)) > 7:
            data = b"<html><body><h1>413 Request Entity Too Large</h1></body></html>"
            self.send_response(413)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        elif self.path.startswith("/small/"):
            Fake.taken += [s["id"] for s in json.loads(body)]
            self.answer(200, [s["id"] for s in json.loads(body)])
        else:
            self.answer(200, [s["id"] for s in json.loads(body)])

    def answer(self, status, value):
        data = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


fake = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Fake)
threading.Thread(target=fake.serve_forever, daemon=True).start()
FAKE = f"http://127.0.0.1:{fake.server_address[1]}"
r = rapport("fresh.db", "send", "--all", "--lrs", FAKE + "/refuse/", expect=1)
check(r.returncode == 1 and "the LRS refused a batch: HTTP 400: Invalid statement: what our rules say"
      in r.stderr and len(Fake.seen) == 1, "a 400 is reported with the store's message, at once",
      r.stderr[-300:])
shutil.copy(path("fresh.db"), path("small.db"))
r = rapport("small.db", "send", "--all", "--lrs", FAKE + "/small/", "--batch", "50")
check(r.returncode == 0 and sorted(Fake.taken) == ids(exported),
      "batches too large for the store (413) are halved until they go: every statement, once",
      r.stderr[-300:])
shutil.copy(path("fresh.db"), path("busy.db"))
r = rapport("busy.db", "send", "--all", "--lrs", FAKE + "/busy/")
check(r.returncode == 0 and Fake.busy[0] == 0, "a 503 is tried again, after a wait, until it goes",
      r.stderr[-300:])

# ---- TLS: the store's certificate is checked ----
cert, key = path("cert.pem"), path("key.pem")
made = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                       "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                       "-addext", "subjectAltName=IP:127.0.0.1"], capture_output=True, text=True)
check(made.returncode == 0, "a certificate of the test's own", made.stderr[-300:])
tls = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Fake)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
tls.socket = context.wrap_socket(tls.socket, server_side=True)
threading.Thread(target=tls.serve_forever, daemon=True).start()
TLS = f"https://127.0.0.1:{tls.server_address[1]}"
shutil.copy(path("fresh.db"), path("tls.db"))
r = rapport("tls.db", "send", "--all", "--lrs", TLS + "/tls/", expect=1)
check(r.returncode == 1 and "certificate is not trusted" in r.stderr and "--ca-file" in r.stderr
      and not any(p == "/tls/statements" for p, _, _ in Fake.seen),
      "over https, a certificate no authority the system knows signed is refused, nothing sent",
      r.stderr[-300:])
r = rapport("tls.db", "send", "--all", "--lrs", TLS + "/tls/", "--ca-file", cert)
check(r.returncode == 0 and sum(n for p, _, n in Fake.seen if p == "/tls/statements") == N,
      "with --ca-file naming the one that signed it, everything goes", r.stderr[-300:])
tls.shutdown()

# ---- credentials ----
auth = path("auth")
open(auth, "w").write("key-1:s3cret\n")
os.chmod(auth, 0o644)
shutil.copy(path("fresh.db"), path("auth.db"))
r = rapport("auth.db", "send", "--all", "--lrs", FAKE + "/auth/", "--auth-file", auth, expect=1)
check(r.returncode == 1 and "chmod 600" in r.stderr and not any(p == "/auth/statements"
                                                                 for p, _, _ in Fake.seen),
      "an auth file others can read is refused, and nothing is sent", r.stderr[-300:])
os.chmod(auth, 0o600)
r = rapport("auth.db", "send", "--all", "--lrs", FAKE + "/auth/", "--auth-file", auth)
basic = "Basic " + base64.b64encode(b"key-1:s3cret").decode()
check(r.returncode == 0 and {a for p, a, _ in Fake.seen if p == "/auth/statements"} == {basic},
      "one only its owner reads gives the store its key and secret", r.stderr[-300:])
shutil.copy(path("fresh.db"), path("env.db"))
r = rapport("env.db", "send", "--all", "--lrs", FAKE + "/env/",
            extra_env={"RAPPORT_LRS_USER": "key-2", "RAPPORT_LRS_PASSWORD": "pw"})
check({a for p, a, _ in Fake.seen if p == "/env/statements"} ==
      {"Basic " + base64.b64encode(b"key-2:pw").decode()},
      "or the environment does", r.stderr[-300:])
r = rapport("env.db", "send", "--all", "--lrs", "http://key:s3cret@127.0.0.1:9/", expect=2)
check(r.returncode == 2 and "s3cret" not in r.stderr and "--auth-file" in r.stderr,
      "credentials in the address are refused, and not said back", r.stderr)
for args, message in ((["--lrs", "ftp://x/"], "http:// or https://"),
                      ([], "--lrs URL"),
                      (["--lrs", FAKE, "--batch", "0"], "--batch takes a whole number"),
                      (["--lrs", FAKE, "--user", "ana", "--all"], "not both")):
    r = rapport("env.db", "send", *args, expect=2)
    check(r.returncode == 2 and message in r.stderr, f"send {' '.join(args)}: refused, {message}",
          r.stderr)

# ---- on a terminal: a progress bar ----
shutil.copy(path("fresh.db"), path("tty.db"))
p = pexpect.spawn(RAPPORT[0], RAPPORT[1:] + ["--db", path("tty.db"), "--user", "manager",
                                               "--content", COURSE, "send", "--all", "--lrs",
                                               FAKE + "/tty/", "--batch", "20"],
                  env=dict(env, TERM="xterm"), encoding="utf-8", timeout=300, dimensions=(24, 80))
p.expect(pexpect.EOF)
p.close()
screen = p.before
check(p.exitstatus == 0 and "Sending" in screen and "\u2588" in screen and
      f"{N} of {N}" in screen, "a terminal shows a progress bar", screen[-300:])
r = rapport("fresh.db", "send", "--all", "--lrs", FAKE + "/pipe/", "--dry-run")
check("Sending" not in r.stderr, "a pipe does not")

fake.shutdown()
for s in stores:
    s.stop()
finish()
