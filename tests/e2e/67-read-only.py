#!/usr/bin/python3
"""A results database that cannot be written: the file made read-only, its
folder made read-only, a journal file beside it left read-only, a read-only
file system. rapport says so plainly before asking anything, in a script
and at a terminal, exits 1, and leaves the file and its folder exactly as
they were (no journal files made, no mode changed back). Made writable
again, the database works at once, with every earlier result in it.

Root may write whatever the modes say, so as root the program runs as
'nobody' (setpriv), in a folder of its own; the read-only file system case
needs root (a read-only bind mount in a mount namespace) and is left out
otherwise. The test skips (77) only when no user without root can run the
program. Each case prints "ok N - name" or "not ok N - name"."""
import hashlib
import json
import os
import pwd
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile

import pexpect

TOP = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
os.chdir(TOP)
RAPPORT = shlex.split(os.environ["RAPPORT"])
SLOW = bool(os.environ.get("WRAP"))
TIMEOUT = 120 if SLOW else 20
QUIZ = ["quiz", "knowledge-check"]
case = [0]
failed = [False]


def report(ok, name, detail=""):
    case[0] += 1
    print(f"{'ok' if ok else 'not ok'} {case[0]} - {name}")
    if not ok:
        failed[0] = True
        for line in str(detail).splitlines()[-20:]:
            print("#   " + line)
    sys.stdout.flush()


# ---- who runs it ----
AS = []
owner = None
if os.geteuid() == 0:
    try:
        pw = pwd.getpwnam("nobody")
        AS = ["setpriv", f"--reuid={pw.pw_uid}", f"--regid={pw.pw_gid}", "--clear-groups"]
        owner = (pw.pw_uid, pw.pw_gid)
    except KeyError:
        print("no user 'nobody' to run the program without root; as root every file "
              "is writable")
        sys.exit(77)
# a folder the user can reach: the runner's temporary folder is root's own
work = tempfile.mkdtemp(prefix="rapport-ro.", dir="/tmp" if owner else
                        os.environ.get("TESTS_TMP", "/tmp"))
if owner:
    os.chmod(work, 0o755)
    os.chown(work, *owner)
ENV = dict(os.environ, LC_ALL="C.UTF-8", TERM="dumb", NO_COLOR="1", PAGER="cat",
           HOME=work, XDG_DATA_HOME=os.path.join(work, "data"),
           XDG_STATE_HOME=os.path.join(work, "state"),
           ASAN_OPTIONS="verify_asan_link_order=0:" + os.environ.get("ASAN_OPTIONS", ""))
probe = subprocess.run(AS + RAPPORT + ["lessons"], capture_output=True, env=ENV, cwd=work)
if probe.returncode != 0:
    shutil.rmtree(work, ignore_errors=True)
    print("the program cannot run as a user without root here (setpriv to nobody): "
          + probe.stderr.decode().strip()[-200:])
    sys.exit(77)


def run(*args, stdin=b""):
    r = subprocess.run(AS + RAPPORT + list(args), input=stdin, capture_output=True, env=ENV,
                       cwd=work, timeout=600)
    return r.returncode, r.stdout.decode(), r.stderr.decode()


def folder_state(folder):
    """Every file in folder with its mode and a hash of its bytes."""
    state = {}
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        with open(path, "rb") as f:
            state[name] = (oct(os.stat(path).st_mode & 0o7777),
                           hashlib.sha256(f.read()).hexdigest())
    return state


def answers(db):
    con = sqlite3.connect(f"file:{db}?mode=ro&immutable=1", uri=True)
    n = con.execute("SELECT count(*) FROM answers").fetchone()[0]
    con.close()
    return n


SKIPS = b"skip\n" * 24


def refused(name, db, message, folder):
    """A quiz, the shell and a terminal each refuse, saying message, and
    leave folder as it was."""
    before = folder_state(folder)
    code, out, err = run("--db", db, "--user", "ro", *QUIZ, stdin=SKIPS)
    report(code == 1 and err == f"rapport: {message}\n" and "Question" not in out,
           f"{name}: a quiz says so before asking, exit 1", f"exit {code}\n{out[-300:]}\n{err}")
    code, out, err = run("--db", db, "--user", "ro", stdin=b"quiz knowledge-check\n" + SKIPS)
    report(code == 1 and err == f"rapport: {message}\n" and "Question" not in out,
           f"{name}: the shell in a script says so, exit 1", f"exit {code}\n{out[-300:]}\n{err}")
    argv = AS + RAPPORT + ["--db", db, "--user", "ro"] + QUIZ
    c = pexpect.spawn(argv[0], argv[1:], env=ENV, cwd=work, encoding="utf-8",
                      timeout=TIMEOUT, dimensions=(40, 200))
    try:
        c.expect(pexpect.EOF)
        c.close()
        said = c.before.replace("\r", "")
        # at a terminal the message is wrapped like any other
        report(c.exitstatus == 1 and said.endswith("\n") and
               " ".join(said.split()) == " ".join(f"rapport: {message}".split()),
               f"{name}: at a terminal it says so, exit 1",
               f"exit {c.exitstatus} signal {c.signalstatus}\n{said}")
    except pexpect.TIMEOUT:
        c.close(force=True)
        report(False, f"{name}: at a terminal it says so, exit 1", c.before)
    readable(name, db, folder)
    after = folder_state(folder)
    report(after == before, f"{name}: the folder is left exactly as it was",
           f"before {before}\nafter  {after}")


def readable(name, db, folder, shell=run):
    """What only reads still works: history, the report, and an export to
    another folder, so that the results can be taken elsewhere."""
    out_file = os.path.join(work, "rescued.json")
    if os.path.exists(out_file):
        os.remove(out_file)
    code, out, err = shell("--db", db, "--user", "ro", "export", "--all", "-o", out_file)
    ok = code == 0 and os.path.exists(out_file)
    if ok:
        with open(out_file, encoding="utf-8") as f:
            ok = len(json.load(f)["attempts"]) >= 1
    report(ok, f"{name}: export to another folder still works", f"exit {code}\n{err}")
    code, out, err = shell("--db", db, "--user", "ro", "history")
    report(code == 0 and "Knowledge check" in out, f"{name}: history still works",
           f"exit {code}\n{out[-200:]}{err}")
    code, out, err = shell("--db", db, "--user", "ro", "report", "--all")
    report(code == 0 and err == "", f"{name}: the report still works", f"exit {code}\n{err}")


try:
    folder = os.path.join(work, "results")
    os.mkdir(folder, 0o700)
    if owner:
        os.chown(folder, *owner)
    db = os.path.join(folder, "rapport.db")
    code, out, err = run("--db", db, "--user", "ro", "--seed", "4", *QUIZ, stdin=SKIPS)
    if code != 0:
        raise RuntimeError(f"the first quiz failed: {err}")
    saved = answers(db)

    os.chmod(db, 0o400)
    refused("read-only file", db,
            f"'{db}' is read-only, so no result can be saved in it; it was left as it is", folder)
    os.chmod(db, 0o600)
    code, out, err = run("--db", db, "--user", "ro", *QUIZ, stdin=SKIPS)
    report(code == 0 and answers(db) == saved + 24,
           "read-only file: made writable again, it works at once, nothing lost",
           f"exit {code} {answers(db)} answers, wanted {saved + 24}\n{err}")
    saved = answers(db)

    os.chmod(folder, 0o500)
    refused("read-only folder", db, f"the folder of '{db}' is read-only, so no result can be "
            "saved in it; it was left as it is", folder)
    code, out, err = run("--db", os.path.join(folder, "new.db"), "--user", "ro", *QUIZ,
                         stdin=SKIPS)
    report(code == 1 and err == f"rapport: cannot create '{os.path.join(folder, 'new.db')}': "
           "its folder is read-only\n" and not os.path.exists(os.path.join(folder, "new.db")),
           "read-only folder: no new database made there, and it says why",
           f"exit {code}\n{err}")
    os.chmod(folder, 0o700)

    # a journal left read-only beside a writable database (older rapports
    # made one when they opened a read-only file)
    shm = db + "-shm"
    with open(shm, "wb") as f:
        f.write(b"\0" * 32768)
    os.chmod(shm, 0o400)
    if owner:
        os.chown(shm, *owner)
    refused("read-only journal", db, f"'{shm}' is read-only, so no result can be saved in "
            f"'{db}'; it was left as it is", folder)
    os.remove(shm)
    report(answers(db) == saved, "nothing saved earlier was lost", f"{answers(db)} != {saved}")

    if os.geteuid() == 0:
        mnt = os.path.join(work, "mnt")
        os.mkdir(mnt)
        out_file = os.path.join(work, "rescued-ro-fs.json")
        script = (f"mount --bind -o ro {shlex.quote(folder)} {shlex.quote(mnt)} && "
                  + shlex.join(AS + RAPPORT + ["--db", os.path.join(mnt, "rapport.db"),
                                                "--user", "ro"] + QUIZ) + " ; r=$?; "
                  + shlex.join(AS + RAPPORT + ["--db", os.path.join(mnt, "rapport.db"),
                                                "export", "--all", "-o", out_file])
                  + " >/dev/null || exit 9; exit $r")
        r = subprocess.run(["unshare", "-m", "sh", "-c", script], input=SKIPS,
                           capture_output=True, env=ENV, cwd=work, timeout=600)
        err = r.stderr.decode()
        if "mount:" in err:
            print("# no read-only bind mount here: " + err.strip()[-200:])
        else:
            ro_db = os.path.join(mnt, "rapport.db")
            report(r.returncode == 1 and err == f"rapport: '{ro_db}' is on a read-only file "
                   "system, so no result can be saved in it; it was left as it is\n",
                   "read-only file system: says so, exit 1", f"exit {r.returncode}\n{err}")
            report(os.path.exists(out_file), "read-only file system: the export still works",
                   f"exit {r.returncode}\n{err}")
    else:
        print("# not root: the read-only file system case was not run")
except Exception as e:  # a broken test must not look like a pass
    report(False, "read-only database", repr(e))
finally:
    for root, dirs, _ in os.walk(work):
        for d in dirs:
            os.chmod(os.path.join(root, d), 0o700)
    shutil.rmtree(work, ignore_errors=True)
sys.exit(1 if failed[0] else 0)
