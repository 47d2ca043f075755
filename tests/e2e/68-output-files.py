#!/usr/bin/python3
"""Where `export -o` and `report --html` write, nothing is damaged.

- The open database, its journals (there or not yet), and a link to the
  database are refused, exit 1, and the database keeps its sha256 and
  still works.
- A FIFO stays a FIFO and its reader gets the whole export.
- A folder, "folder/" and a link to nothing are refused with a message
  that says so.
- An export killed while it writes leaves the old file as it was and no
  temporary name beside it; killed after the new file took its name (on
  its way out), it leaves the new one whole.
- As root, in a private mount namespace whose /dev is a tmpfs of its own
  (so the machine's /dev is never at stake): -o /dev/null leaves
  /dev/null a character device, -o /dev/full fails with "No space left
  on device" and exit 1, --html /dev/stdout leaves /dev/stdout a link,
  and -o /dev/stdout, into a pipe or a file, is the export alone, with no
  "Exported" line mixed in. (Every case that names a device is in there:
  the old code, run outside, replaced the machine's /dev/stdout.)

Before the output-file module, the first case replaced the database with
the export and exited 0, and the namespace cases turned the device nodes
into regular files."""
import hashlib
import os
import re
import shlex
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
os.chdir(os.path.join(HERE, "..", ".."))
from subcases import check, finish  # noqa: E402
sys.path.insert(0, os.path.join(HERE, "..", "bench"))
import gen_db  # noqa: E402

RAPPORT = shlex.split(os.environ["RAPPORT"])
BARE = os.environ.get("RAPPORT_BIN", RAPPORT[-1])
SLOW = bool(os.environ.get("WRAP"))
COURSE = "content/inside-relationships"
ENV = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC", NO_COLOR="1",
           ASAN_OPTIONS="verify_asan_link_order=0:" + os.environ.get("ASAN_OPTIONS", ""))
work = tempfile.mkdtemp(dir=os.environ.get("TESTS_TMP", "/tmp"))


def run(db, *args, wrap=True, timeout=600, stdout=subprocess.PIPE, **kw):
    cmd = (RAPPORT if wrap else [BARE]) + ["--db", db, "--content", COURSE, "--user", "ana"]
    return subprocess.run(cmd + list(args), stdout=stdout, stderr=subprocess.PIPE, env=ENV,
                          timeout=timeout, **kw)


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def unstamped(export):
    """An export without the line that says when it was made."""
    if isinstance(export, bytes):
        export = export.decode("utf-8", "replace")
    return re.sub(r'^  "exported": "[^"]*",\n', "", export, flags=re.M)


def in_work(name):
    return os.path.join(work, name)


def quiz(db, seed):
    """One finished quiz, answered from a cycle of lines that suits every
    kind of question."""
    r = run(db, "--seed", str(seed), "quiz", "knowledge-check", wrap=False,
            input=gen_db.answer_lines(seed).encode())
    if r.returncode not in (0, 1) or b"Score" not in r.stdout:
        raise SystemExit(f"setup: the quiz did not run: {r.stderr.decode()[-300:]}")


# ---- rapport's own files ----
db = in_work("a.db")
quiz(db, 1)
quiz(db, 2)
before = sha(db)
# the other sections each start from an untouched copy, so that one
# defect does not hide another
spare = in_work("spare.db")
with open(db, "rb") as f, open(spare, "wb") as g:
    g.write(f.read())
os.symlink("a.db", in_work("alias.db"))
for what, args in (
        ("export -o the database", ["export", "-o", db]),
        ("export --format csv -o the database", ["export", "--format", "csv", "-o", db]),
        ("report --html the database", ["report", "--html", db]),
        ("export -o a link to the database", ["export", "-o", in_work("alias.db")]),
        ("export -o its -wal journal", ["export", "-o", db + "-wal"]),
        ("export -o its -shm file", ["export", "-o", db + "-shm"]),
        ("export -o its rollback journal", ["export", "-o", db + "-journal"])):
    r = run(db, *args)
    err = r.stderr.decode()
    check(r.returncode == 1 and ("is the results database" in err or
                                 "is a journal of the results database" in err),
          f"{what} is refused, exit 1", f"exit {r.returncode}: {err}")
check(sha(db) == before, "the database is byte for byte as it was")
r = run(db, "history")
check(r.returncode == 0 and b"Knowledge check" in r.stdout, "and it still works",
      r.stderr.decode())
check(not os.path.exists(db + "-journal"), "no file was made in a journal's name")

# ---- streams ----
db = in_work("b.db")
with open(spare, "rb") as f, open(db, "wb") as g:
    g.write(f.read())
r = run(db, "export", "--all")
whole = r.stdout
fifo = in_work("pipe")
os.mkfifo(fifo)
got = []
reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()), daemon=True)
reader.start()
r = run(db, "export", "--all", "-o", fifo)
reader.join(60)
check(r.returncode == 0 and got and unstamped(got[0]) == unstamped(whole),
      "a FIFO's reader gets the whole export", f"exit {r.returncode}, {len(got[0]) if got else 0}"
      f" of {len(whole)} bytes: {r.stderr.decode()}")
check(stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO is still a FIFO")


# ---- names that are not files ----
os.mkdir(in_work("folder"))
os.symlink("nothing-here", in_work("dangling"))
for name, msg in (("folder/", "names a folder; give a file name"),
                  ("folder", "is a folder; give a file name"),
                  ("dangling", "is a symbolic link to a file that does not exist"),
                  ("no-such-folder/x.csv", "no folder")):
    r = run(db, "export", "-o", in_work(name))
    err = r.stderr.decode()
    check(r.returncode == 1 and msg in err and "Not a directory" not in err,
          f"-o {name} says '{msg}'", f"exit {r.returncode}: {err}")
check(sorted(os.listdir(in_work("folder"))) == [], "nothing was written into the folder")

# ---- a killed export ----
big = in_work("big.db")
subprocess.run([sys.executable, "tests/bench/gen_db.py", BARE, COURSE, big,
                "30000" if SLOW else "100000"], check=True, capture_output=True, env=ENV)
out = in_work("kill", )
os.mkdir(out)
target = os.path.join(out, "team.json")
with open(target, "w") as f:
    f.write("the export of last week\n")
start = time.monotonic()
r = run(big, "export", "--all", "-o", os.path.join(out, "probe.json"))
length = time.monotonic() - start
with open(os.path.join(out, "probe.json"), encoding="utf-8") as f:
    whole_big = unstamped(f.read())
os.unlink(os.path.join(out, "probe.json"))
OLD = "the export of last week\n"
# A kill lands before the new file takes the old one's name, and the old
# file is as it was; or after (the program can be killed on its way out,
# which a sanitizer build makes long), and the new file is whole. Never a
# part of either, and never a temporary name left over.
killed = kept = 0
for k in range(8):
    share = 0.2 + 0.08 * k
    p = subprocess.Popen(RAPPORT + ["--db", big, "--content", COURSE, "export", "--all", "-o",
                                    target], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, env=ENV)
    time.sleep(length * share)
    if p.poll() is None:
        os.kill(p.pid, signal.SIGKILL)
        killed += 1
    p.wait()
    if p.returncode == -signal.SIGKILL:
        left = sorted(os.listdir(out))
        with open(target, encoding="utf-8") as f:
            now = f.read()
        kept += now == OLD
        if not check(left == ["team.json"] and (now == OLD or unstamped(now) == whole_big),
                     f"export killed {share:.0%} of the way: the old file as it was or the new "
                     "one whole, no temporary name", f"{left}, {len(now)} bytes"):
            break
    with open(target, "w") as f:
        f.write(OLD)
check(killed > 0 and kept > 0,
      f"some exports were killed while writing, the old file kept ({kept} of 8)",
      f"{killed} killed; an export takes {length:.2f} s")

# ---- devices, as root, in a namespace of our own ----
INSIDE = r"""
set -u
mount --make-rprivate / 2>/dev/null
mount -t tmpfs -o mode=0755 tmpfs /dev || { echo "no tmpfs on /dev"; exit 3; }
mknod -m 666 /dev/null c 1 3 && mknod -m 666 /dev/full c 1 7 || exit 3
ln -s /proc/self/fd/1 /dev/stdout
ln -s /proc/self/fd/2 /dev/stderr
R="$1"; shift
"$@" export -o /dev/null > "$R/null.out" 2> "$R/null.err"; echo $? > "$R/null.rc"
stat -c %F:%t:%T /dev/null > "$R/null.stat"
"$@" export -o /dev/full > "$R/full.out" 2> "$R/full.err"; echo $? > "$R/full.rc"
stat -c %F:%t:%T /dev/full > "$R/full.stat"
"$@" report --all --html /dev/stdout > "$R/stdout.out" 2> "$R/stdout.err"; echo $? > "$R/stdout.rc"
stat -c %F /dev/stdout > "$R/stdout.stat"
"$@" export --all -o /dev/stdout 2> "$R/pipe.err" | cat > "$R/pipe.out"
"$@" export --all -o /dev/stdout > "$R/file.out" 2> "$R/file.err"
stat -c %F /dev/stdout > "$R/export.stat"
"$@" export -o "$DB" > "$R/db.out" 2> "$R/db.err"; echo $? > "$R/db.rc"
"""
if os.geteuid() != 0:
    print("# not root: the /dev cases need a mount namespace and mknod, and were not run")
else:
    db = in_work("c.db")
    with open(spare, "rb") as f, open(db, "wb") as g:
        g.write(f.read())
    res = in_work("ns")
    os.mkdir(res)
    r = subprocess.run(["unshare", "-m", "sh", "-c", INSIDE, "inside", res] + RAPPORT +
                       ["--db", db, "--content", COURSE, "--user", "ana"],
                       capture_output=True, env=dict(ENV, DB=db), timeout=600)
    if r.returncode == 3 or not os.path.exists(os.path.join(res, "null.rc")):
        check(False, "a private mount namespace with its own /dev", r.stdout + r.stderr)
    else:
        def part(name):
            with open(os.path.join(res, name), encoding="utf-8", errors="replace") as f:
                return f.read().strip()
        check(part("null.rc") == "0" and part("null.stat") == "character special file:1:3",
              "as root, export -o /dev/null exits 0 and leaves it a character device",
              part("null.rc") + " " + part("null.stat") + " " + part("null.err"))
        check(part("full.rc") == "1" and "No space left on device" in part("full.err") and
              part("full.stat") == "character special file:1:7" and "Exported" not in
              part("full.out"),
              "export -o /dev/full says the disk is full, exit 1, device untouched",
              part("full.rc") + " " + part("full.stat") + " " + part("full.err"))
        check(part("stdout.rc") == "0" and part("stdout.stat") == "symbolic link" and
              part("stdout.out").startswith("<!DOCTYPE html>"),
              "report --html /dev/stdout prints the page and leaves the link",
              part("stdout.rc") + " " + part("stdout.stat") + " " + part("stdout.err"))
        whole = run(db, "export", "--all").stdout.decode().strip()
        for name, what in (("pipe", "a pipe"), ("file", "a file")):
            check(unstamped(part(name + ".out")) == unstamped(whole) and
                  part(name + ".err") == "",
                  f"export -o /dev/stdout into {what} is the export and nothing else",
                  part(name + ".out")[-200:] + part(name + ".err"))
        check(part("export.stat") == "symbolic link", "and /dev/stdout is still a link")
        check(part("db.rc") == "1" and "is the results database" in part("db.err"),
              "and there too, -o naming the open database is refused", part("db.err"))
    check(sha(db) == before, "the database is untouched by all of it")
finish()
