#!/usr/bin/python3
"""rapport's own files, where links and odd files are about:

- A $HOME reached through a link (as /home -> /var/home on Fedora Atomic)
  and a --db in a linked folder work like any other: before, every
  results command failed with "No such file or directory".
- A --db that is itself a link is refused, saying why, and what it
  points to is left alone.
- A FIFO where the shell's history goes no longer hangs the shell before
  its first prompt: it says so and keeps no history this time.
- --user NAME on a command that only reads adds nobody to the database.
- A data folder made 0777 before is made private (0700) again; the
  folders above it are the user's and are left as they are."""
import hashlib
import os
import shlex
import sqlite3
import stat
import subprocess
import sys
import tempfile

import pexpect

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "bench"))
os.chdir(os.path.join(HERE, "..", ".."))
import gen_db  # noqa: E402
from subcases import check, finish  # noqa: E402

RAPPORT = shlex.split(os.environ["RAPPORT"])
SLOW = bool(os.environ.get("WRAP"))
COURSE = "content/inside-relationships"
work = tempfile.mkdtemp(dir=os.environ.get("TESTS_TMP", "/tmp"))
BASE = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC", NO_COLOR="1", TERM="dumb", PAGER="cat",
            ASAN_OPTIONS="verify_asan_link_order=0:" + os.environ.get("ASAN_OPTIONS", ""))
for var in ("XDG_DATA_HOME", "XDG_STATE_HOME"):
    BASE.pop(var, None)


def run(*args, env=None, stdin=b""):
    r = subprocess.run(RAPPORT + ["--content", COURSE] + list(args), input=stdin,
                       capture_output=True, env=env or BASE, timeout=600)
    return r.returncode, r.stdout.decode(), r.stderr.decode()


def users(db):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    names = [n for (n,) in con.execute("SELECT name FROM users ORDER BY name")]
    con.close()
    return names


ANSWERS = gen_db.answer_lines(3).encode()

# ---- links in the folders above ----
real_home = os.path.join(work, "var", "home", "ana")
os.makedirs(real_home)
os.symlink(os.path.join(work, "var", "home"), os.path.join(work, "home"))
env = dict(BASE, HOME=os.path.join(work, "home", "ana"))
code, out, err = run("--user", "ana", "quiz", "knowledge-check", env=env, stdin=ANSWERS)
check(code == 0 and "Score" in out, "a quiz with $HOME reached through a link", err[-300:])
code, out, err = run("--user", "ana", "history", env=env)
check(code == 0 and "Knowledge check" in out, "and its history, through the same link", err[-300:])
check(os.path.isfile(os.path.join(real_home, ".local", "share", "rapport", "rapport.db")),
      "the database is where the link leads")
os.makedirs(os.path.join(work, "real-results"))
os.symlink("real-results", os.path.join(work, "results"))
linked = os.path.join(work, "results", "team.db")
code, out, err = run("--db", linked, "--user", "ana", "quiz", "knowledge-check", stdin=ANSWERS)
code2, out2, err2 = run("--db", linked, "export", "--all")
check(code == 0 and code2 == 0 and '"user": "ana"' in out2,
      "--db in a linked folder: a quiz, then its export", err + err2)

# ---- a link at the database itself ----
target = os.path.join(work, "real-results", "team.db")
before = hashlib.sha256(open(target, "rb").read()).hexdigest()
os.symlink(target, os.path.join(work, "alias.db"))
for cmd in (["history"], ["quiz", "knowledge-check"], ["export"]):
    code, out, err = run("--db", os.path.join(work, "alias.db"), *cmd, stdin=ANSWERS)
    check(code == 1 and "is a symbolic link; rapport keeps results in the file itself" in err,
          f"{cmd[0]} on a --db that is a link is refused, saying why", f"exit {code}: {err}")
check(hashlib.sha256(open(target, "rb").read()).hexdigest() == before,
      "and the file it points to is untouched")

# ---- a FIFO where the history goes ----
state = os.path.join(work, "state")
os.makedirs(os.path.join(state, "rapport"))
fifo = os.path.join(state, "rapport", "history")
os.mkfifo(fifo)
penv = dict(BASE, HOME=os.path.join(work, "home", "ana"), XDG_STATE_HOME=state,
            INPUTRC=os.path.join(work, "inputrc"))
with open(penv["INPUTRC"], "w") as f:
    f.write("set enable-bracketed-paste off\nset bell-style none\n")
c = pexpect.spawn(RAPPORT[0], RAPPORT[1:] + ["--content", COURSE, "--user", "ana"], env=penv,
                  timeout=120 if SLOW else 15, dimensions=(40, 100))
try:
    c.expect("the history file '.*history' is not a regular file; no history is kept this "
             "time")
    c.expect(r"ana@inside-relationships> ")
    c.sendline("lessons")
    c.expect(r"ana@inside-relationships> ")
    c.sendcontrol("d")
    c.expect(pexpect.EOF)
    c.close()
    check(c.exitstatus == 0, "a FIFO at the history: the shell says so, works, and leaves")
except (pexpect.TIMEOUT, pexpect.EOF) as e:
    check(False, "a FIFO at the history: the shell says so, works, and leaves",
          f"{type(e).__name__} (it hung before, waiting for a writer): {c.before[-300:]!r}")
    c.close(force=True)
check(stat.S_ISFIFO(os.lstat(fifo).st_mode), "and the FIFO is still a FIFO")

# ---- reading adds nobody ----
db = os.path.join(work, "real-results", "team.db")
for cmd in (["history"], ["progress"], ["report"], ["export"], ["users"]):
    run("--db", db, "--user", "somebody-new", *cmd)
check(users(db) == ["ana"], "--user NAME with history, progress, report, export or users adds "
      "nobody", str(users(db)))

# ---- the data folder is private ----
data = os.path.join(work, "data")
os.makedirs(os.path.join(data, "rapport"))
os.chmod(data, 0o755)
os.chmod(os.path.join(data, "rapport"), 0o777)
run("history", env=dict(BASE, XDG_DATA_HOME=data))
check(stat.S_IMODE(os.stat(os.path.join(data, "rapport")).st_mode) == 0o700 and
      stat.S_IMODE(os.stat(data).st_mode) == 0o755,
      "an open (0777) data folder is made 0700 again; the folder above is left",
      oct(os.stat(os.path.join(data, "rapport")).st_mode))
finish()
