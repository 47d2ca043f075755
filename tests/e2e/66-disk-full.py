#!/usr/bin/python3
"""No room to save, in the middle of a quiz: the file system fills up, or
the file size limit (ulimit -f) is reached. Each time the learner is told
which answer was not saved and why, the answer is not shown as taken,
rapport exits 1 without crashing, every answer acknowledged before is in
the database, nothing saved earlier is lost, a script stops instead of
running its remaining answers as commands, and once there is room again
the quiz goes on from the same question.

The full disk is real: a 2 MB tmpfs filled by this test while rapport
waits for an answer. Mounting it needs a mount namespace (unshare -m as
root, or unshare -rm where user namespaces are allowed); without one those
cases are left out, said in a comment, and the size-limit cases still run.
Each case prints "ok N - name" or "not ok N - name"."""
import errno
import os
import re
import resource
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

import pexpect

TOP = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
os.chdir(TOP)
RAPPORT = shlex.split(os.environ["RAPPORT"])
SLOW = bool(os.environ.get("WRAP"))
TIMEOUT = 120 if SLOW else 20
QUIZ = ["quiz", "knowledge-check"]
ENV = dict(os.environ, LC_ALL="C.UTF-8", TERM="dumb", NO_COLOR="1", PAGER="cat",
           ASAN_OPTIONS="verify_asan_link_order=0:" + os.environ.get("ASAN_OPTIONS", ""))
HEADER = re.compile(r"^Question (\d+) of 24\b", re.M)
NOT_SAVED = re.compile(r"your answer to question (\d+) (was not saved): ([^\r\n]*)")
case = [int(sys.argv[2]) if len(sys.argv) > 2 else 0]
failed = [False]


def report(ok, name, detail=""):
    case[0] += 1
    print(f"{'ok' if ok else 'not ok'} {case[0]} - {name}")
    if not ok:
        failed[0] = True
        for line in str(detail).splitlines()[-25:]:
            print("#   " + line)
    sys.stdout.flush()


def stored(db, user):
    """Every answer of user: {(attempt number from 1, position): outcome}."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    rows = con.execute(
        "SELECT t.id, a.position, a.outcome FROM answers a JOIN attempts t ON t.id = a.attempt_id"
        " JOIN users u ON u.id = t.user_id WHERE u.name = ? ORDER BY t.id, a.position",
        (user,)).fetchall()
    con.close()
    ids = sorted({r[0] for r in rows})
    return {(ids.index(i) + 1, pos): outcome for i, pos, outcome in rows}


def attempts(db, user):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    rows = con.execute(
        "SELECT t.status, (SELECT count(*) FROM answers WHERE attempt_id = t.id),"
        " (SELECT count(DISTINCT position) FROM answers WHERE attempt_id = t.id)"
        " FROM attempts t JOIN users u ON u.id = t.user_id WHERE u.name = ? ORDER BY t.id",
        (user,)).fetchall()
    con.close()
    return rows


def integrity(db):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    check = con.execute("PRAGMA integrity_check").fetchone()[0]
    con.close()
    return check


def baseline(db, user, answers):
    """A finished quiz, the results that must survive everything after."""
    r = subprocess.run(RAPPORT + ["--db", db, "--user", user, "--seed", "1", "--answers",
                                  answers] + QUIZ, capture_output=True, env=ENV, timeout=600)
    if r.returncode != 0:
        raise RuntimeError("the first quiz failed: " + r.stderr.decode())
    return stored(db, user)


class Piped:
    """rapport with its input and output through pipes (no terminal), its
    output read as it comes."""

    def __init__(self, args, **kw):
        self.p = subprocess.Popen(RAPPORT + args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, env=ENV, **kw)
        self.out, self.err = [], []
        self.cond = threading.Condition()
        self.threads = [threading.Thread(target=self._read, args=(s, b), daemon=True)
                        for s, b in ((self.p.stdout, self.out), (self.p.stderr, self.err))]
        for t in self.threads:
            t.start()

    def _read(self, stream, into):
        for raw in iter(stream.readline, b""):
            with self.cond:
                into.append(raw.decode("utf-8", "replace"))
                self.cond.notify_all()

    def send(self, *lines):
        try:
            self.p.stdin.write("".join(l + "\n" for l in lines).encode())
            self.p.stdin.flush()
        except BrokenPipeError:
            pass  # it ended: what it said tells why

    def wait_for(self, pattern):
        deadline = time.monotonic() + TIMEOUT
        with self.cond:
            while not re.search(pattern, "".join(self.out), re.M):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise RuntimeError(f"no /{pattern}/ in:\n" + "".join(self.out)[-1500:])
                self.cond.wait(left)

    def finish(self):
        try:
            self.p.stdin.close()
        except OSError:
            pass
        self.p.wait(timeout=TIMEOUT * 5)
        for t in self.threads:
            t.join()
        return self.p.returncode, "".join(self.out), "".join(self.err)


def acked(out):
    """The question numbers whose feedback was shown."""
    got, current = [], None
    for line in out.splitlines():
        m = HEADER.match(line)
        if m:
            current = int(m.group(1))
        elif line.startswith(("Right:", "Not quite:", "Partly right:", "  Skipped:")):
            got.append(current)
    return got


def check_refusal(name, code, out, err, reason, db, user, before, attempt):
    """What every refused answer must look like, and the database after."""
    m = NOT_SAVED.search(err)
    shown = acked(out)
    if code != 1 or not m:
        report(False, f"{name}: told which answer was not saved, exit 1",
               f"exit {code}\n{out[-800:]}\n{err}")
        return None
    q, saved, why = int(m.group(1)), m.group(2) == "was saved", m.group(3)
    report(why == reason, f"{name}: the reason is '{reason}'", err)
    report(q not in shown and all(k < q for k in shown) and
           f"Stopped at question {q} of 24; the answers before it are kept." in out,
           f"{name}: question {q} is not shown as taken, and the stop is said", out[-800:])
    now = stored(db, user)
    lost = [k for k in before if now.get(k) != before[k]]
    missing = [k for k in shown if (attempt, k - 1) not in now]
    wrongly = (attempt, q - 1) in now and not saved
    report(not lost and not missing and not wrongly,
           f"{name}: every acknowledged answer is stored, nothing earlier lost",
           f"lost {lost}, missing {missing}, refused answer stored anyway: {wrongly}")
    return q


SKIPS = ["skip"] * 24


# ---- the file size limit: no namespace needed ----

def file_size_limit(work):
    db = os.path.join(work, "limit.db")
    answers = os.path.join(work, "skips")
    with open(answers, "w") as f:
        f.write("\n".join(SKIPS) + "\n")
    before = baseline(db, "lim", answers)
    limit = os.path.getsize(db) + 24 * 1024

    def cap():
        # subprocess gives the child SIGXFSZ's default action back (it ends
        # the process), so this also proves rapport sets it aside itself
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    r = subprocess.run(RAPPORT + ["--db", db, "--user", "lim", "--seed", "2", "--answers",
                                  answers] + QUIZ, capture_output=True, env=ENV,
                       timeout=600, preexec_fn=cap)
    out, err = r.stdout.decode(), r.stderr.decode()
    report(r.returncode >= 0, "file size limit: no crash, no signal",
           f"exit {r.returncode}\n{err}")
    q = check_refusal("file size limit", r.returncode, out, err,
                      "the file size limit (ulimit -f) is reached", db, "lim", before, 2)
    # without the limit the same quiz goes on and finishes
    r = subprocess.run(RAPPORT + ["--db", db, "--user", "lim", "--answers", answers] + QUIZ,
                       capture_output=True, env=ENV, timeout=600)
    out = r.stdout.decode()
    first = HEADER.search(out)
    report(r.returncode == 0 and out.startswith("Resuming an unfinished 'Knowledge check'") and
           q is not None and first and int(first.group(1)) in (q, q + 1),
           "file size limit: without it, the quiz resumes at that question",
           f"exit {r.returncode}\n{out[:600]}\n{r.stderr.decode()}")
    report(attempts(db, "lim") == [("finished", 24, 24), ("finished", 24, 24)] and
           integrity(db) == "ok", "file size limit: both quizzes whole, integrity ok",
           f"{attempts(db, 'lim')} {integrity(db)}")


# ---- a full file system (inside a mount namespace) ----

def fill(folder):
    """Takes every byte left on the file system."""
    fd = os.open(os.path.join(folder, "filler"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    for size in (1 << 16, 4096, 512, 1):
        while True:
            try:
                os.write(fd, b"\0" * size)
            except OSError as e:
                if e.errno != errno.ENOSPC:
                    raise
                break
    os.close(fd)


def room(folder):
    path = os.path.join(folder, "filler")
    if os.path.exists(path):
        os.remove(path)


def full_disk(work):
    disk = os.path.join(work, "disk")
    os.mkdir(disk)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", disk], check=True)
    db = os.path.join(disk, "full.db")
    answers = os.path.join(work, "skips")
    with open(answers, "w") as f:
        f.write("\n".join(SKIPS) + "\n")
    before = baseline(db, "full", answers)

    # a script: three answers saved, then the disk fills up
    s = Piped(["--db", db, "--user", "full", "--seed", "3"])
    s.send("quiz knowledge-check", "skip", "skip", "skip")
    s.wait_for(r"^Question 4 of 24")
    fill(disk)
    s.send(*SKIPS[3:], "lessons")
    code, out, err = s.finish()
    report(code == 1 and "Type 'read ID' to read one." not in out and
           "the script ends here, as the lines after this one were meant as answers" in err,
           "full disk, script: it ends at the refused answer, runs none of the rest",
           f"exit {code}\n{out[-600:]}\n{err}")
    q = check_refusal("full disk, script", code, out, err, "the disk is full", db, "full",
                      before, 2)
    room(disk)
    report(integrity(db) == "ok", "full disk, script: integrity ok afterwards")

    # a full disk before rapport starts: said, and nothing acknowledged is lost
    fill(disk)
    r = subprocess.run(RAPPORT + ["--db", db, "--user", "full", "--answers", answers] + QUIZ,
                       capture_output=True, env=ENV, timeout=600)
    out, err = r.stdout.decode(), r.stderr.decode()
    mid = stored(db, "full")
    # what only reads still works on a full disk: the results can be
    # rescued to another one, even with no journal of SQLite's there yet
    # (none can be made)
    room(disk)
    subprocess.run(RAPPORT + ["--db", db, "--user", "full", "users"], capture_output=True,
                   env=ENV, timeout=600)
    journals = [j for j in ("-wal", "-shm") if os.path.exists(db + j)]
    fill(disk)
    rescued = os.path.join(work, "rescued.csv")
    x = subprocess.run(RAPPORT + ["--db", db, "--user", "full", "export", "--all", "--format",
                                  "csv", "-o", rescued], capture_output=True, env=ENV,
                       timeout=600)
    h = subprocess.run(RAPPORT + ["--db", db, "--user", "full", "history"],
                       capture_output=True, env=ENV, timeout=600)
    rows = open(rescued, encoding="utf-8", newline="").read().count("\r\n") - 1 \
        if os.path.exists(rescued) else -1
    report(x.returncode == 0 and rows == len(mid) and h.returncode == 0 and
           b"Knowledge check" in h.stdout and not journals,
           "full disk: export to another disk and history still work, every answer there",
           f"export exit {x.returncode} ({rows} rows of {len(mid)}): {x.stdout.decode()} "
           f"{x.stderr.decode()} "
           f"history exit {h.returncode}: {h.stderr.decode()} journals {journals}")
    room(disk)
    after = stored(db, "full")
    report(r.returncode == 1 and "the disk is full" in err and
           all(after.get(k) == v for k, v in mid.items()),
           "full disk at the start: 'the disk is full', exit 1, nothing lost",
           f"exit {r.returncode}\n{out[-400:]}\n{err}")

    # at a terminal: told, then once there is room the same question again
    n = len([k for k in after if k[0] == 2])
    home = os.path.join(work, "home")
    os.makedirs(home, exist_ok=True)
    inputrc = os.path.join(work, "inputrc")
    with open(inputrc, "w") as f:
        f.write("set enable-bracketed-paste off\nset bell-style none\n")
    env = dict(ENV, HOME=home, XDG_STATE_HOME=os.path.join(home, "state"), INPUTRC=inputrc)
    argv = RAPPORT + ["--db", db, "--user", "full"]
    c = pexpect.spawn(argv[0], argv[1:], env=env, encoding="utf-8", timeout=TIMEOUT,
                      dimensions=(40, 100))
    c.logfile_read = open(os.path.join(work, "pty.log"), "w")
    prompt = r"full@inside-relationships> "
    answer = r"Your answer \([^)]*\): "
    try:
        c.expect(rf"You have an unfinished 'Knowledge check' started [^,]*, {n} of 24 "
                 r"answered\. Resume\? \[Y/n\] ")
        c.sendline("y")
        for _ in range(2):
            c.expect(answer)
            c.sendline("skip")
        c.expect(r"Question (\d+) of 24[^\n]*\n([^\r\n]*)\r?\n")
        q, first_line = int(c.match.group(1)), c.match.group(2)
        c.expect(answer)
        fill(disk)
        c.sendline("skip")
        c.expect(prompt)
        said = c.before
        m = NOT_SAVED.search(said)
        report(m and int(m.group(1)) == q and m.group(3) == "the disk is full" and
               f"Stopped at question {q} of 24; the answers before it are kept." in said and
               "Skipped:" not in said, "full disk, terminal: told, and back at the prompt",
               said)
        room(disk)
        c.sendline("quiz knowledge-check")
        c.expect(r"Resume\? \[Y/n\] ")
        c.sendline("y")
        c.expect(r"Question (\d+) of 24[^\n]*\n([^\r\n]*)\r?\n")
        again = (int(c.match.group(1)), c.match.group(2))
        report(again == (q, first_line) or (m and m.group(2) == "was saved" and
                                             again[0] == q + 1),
               "full disk, terminal: with room again, the same question is asked",
               f"refused {q} {first_line!r}, then {again}")
        while True:
            k = c.expect([answer, prompt])
            if k == 1:
                break
            c.sendline("skip")
        c.sendline("quit")
        c.expect(pexpect.EOF)
        c.close()
        report(c.exitstatus == 0, "full disk, terminal: the shell leaves normally",
               f"exit {c.exitstatus} signal {c.signalstatus}")
    except (pexpect.TIMEOUT, pexpect.EOF) as e:
        report(False, "full disk, terminal", f"{type(e).__name__}\n{c.before}")
        c.close(force=True)
    final = stored(db, "full")
    report(all(final.get(k) == v for k, v in before.items()) and
           attempts(db, "full")[1] == ("finished", 24, 24) and integrity(db) == "ok",
           "full disk: afterwards the quiz is whole, the first untouched, integrity ok",
           f"{attempts(db, 'full')} {integrity(db)}")


def namespace():
    """How to get a mount namespace here, or None."""
    for cmd in (["unshare", "-m"], ["unshare", "-r", "-m"]):
        if cmd == ["unshare", "-m"] and os.geteuid() != 0:
            continue
        try:
            r = subprocess.run(cmd + ["sh", "-c", "mount -t tmpfs tmpfs /mnt 2>/dev/null || "
                                      "mount -t tmpfs tmpfs /tmp"],
                               capture_output=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if r.returncode == 0:
            return cmd
    return None


if len(sys.argv) > 1 and sys.argv[1] == "--in-namespace":
    work = tempfile.mkdtemp(dir=os.environ.get("TESTS_TMP", "/tmp"))
    try:
        full_disk(work)
    except Exception as e:  # a broken test must not look like a pass
        report(False, "full disk", repr(e))
    subprocess.run(["umount", os.path.join(work, "disk")], capture_output=True)
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failed[0] else 0)

work = tempfile.mkdtemp(dir=os.environ.get("TESTS_TMP", "/tmp"))
try:
    file_size_limit(work)
except Exception as e:
    report(False, "file size limit", repr(e))
ns = namespace()
if ns is None:
    print("# no mount namespace here (needs root, or user namespaces): the full-disk "
          "cases were not run")
else:
    r = subprocess.run(ns + [sys.executable, os.path.abspath(__file__), "--in-namespace",
                             str(case[0])], capture_output=True, env=os.environ, timeout=3600)
    out = r.stdout.decode()
    sys.stdout.write(out)
    if r.returncode != 0 and "not ok" not in out:
        report(False, "full disk: the namespace run", out + r.stderr.decode())
    failed[0] = failed[0] or r.returncode != 0
shutil.rmtree(work, ignore_errors=True)
sys.exit(1 if failed[0] else 0)
