#!/usr/bin/python3
"""Every screen of scripted sessions at 40, 80 and 100 columns: each golden
transcript's session, and a tour of the shipped course (every listing, a
lesson, previews, a self-assessment, practice, a meeting, the path,
history, progress, the report and the stats). At each width no line is
wider than the terminal, and no word is broken or lost: read word by word,
the output is the one printed at 1000 columns, where nothing needs
wrapping (bars and rules, whose length follows the width, aside). JSON is
data, not text to read, and is left as it is; problems on standard error
are one a line when it is not a terminal (a log reads them so), and
wrapped like the rest on a terminal, which a pseudo-terminal at 40
columns shows."""
import fcntl
import os
import pty
import re
import struct
import termios
import shlex
import shutil
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
os.chdir(os.path.join(HERE, "..", ".."))
from subcases import check, finish  # noqa: E402

RAPPORT = shlex.split(os.environ["RAPPORT"])
TMP = tempfile.mkdtemp(dir=os.environ.get("TESTS_TMP"))
# the drawing characters of bars, rules and sparklines
DRAWN = set("█▏▎▍▌▋▊▉░▒▓═─━│┃▁▂▃▄▅▆▇#=-.")


def columns(line):
    """display columns, as a terminal counts them"""
    n = 0
    for ch in line:
        if unicodedata.combining(ch):
            continue
        n += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return n


def words(text):
    """the words, as a set: a word broken in two adds its pieces, a word
    lost is missing, while a table that reflows into a list at a narrow
    width (its heads then said once per row) changes nothing. Bars and
    rules are left out, and so is a word cut short on purpose with an
    ellipsis (a heatmap's column head); its whole form is then missed,
    unless it is cut at every width. A time of day is any time of day:
    the minute may turn between two widths' runs (it did, under
    valgrind)."""
    text = re.sub(r"\b\d{1,2}:\d{2}\b", "HH:MM", text)
    return set(w for w in text.split()
               if not set(w) <= DRAWN and not w.endswith(("…", "...")))


def run(width, args, stdin, db, cwd=None):
    for f in os.listdir(TMP):
        if f.startswith(os.path.basename(db)):
            os.unlink(os.path.join(TMP, f))
    env = dict(os.environ, COLUMNS=str(width), LC_ALL="C.UTF-8", USER="tester",
               LOGNAME="tester")
    env.pop("NO_COLOR", None)
    r = subprocess.run(RAPPORT + ["--db", db] + args, input=stdin, capture_output=True,
                       env=env, timeout=600, cwd=cwd)
    for line in r.stderr.decode().splitlines():
        check(line.startswith("rapport: "), f"one problem a line on stderr: {line!r}")
    return r.stdout.decode()


def session(name, args, stdin, cwd=None, same_words=True):
    db = os.path.join(TMP, name.replace(" ", "-") + ".db")
    outs = {}
    for width in (1000, 40, 80, 100):
        outs[width] = run(width, args, stdin, db, cwd)
    wide = words(outs[1000])
    for width in (40, 80, 100):
        out = outs[width]
        long = [l for l in out.splitlines() if columns(l) > width]
        check(not long, f"{name} at {width} columns: no line wider",
              "\n".join(long[:4]))
        if not same_words:
            continue
        got = words(out)
        lost, extra = wide - got, got - wide
        check(not lost and not extra, f"{name} at {width} columns: no word broken or lost",
              f"only at 1000 columns: {sorted(lost)[:8]}; "
              f"only at {width}: {sorted(extra)[:8]}")


# the golden transcripts' sessions
T = "tests/e2e/transcripts"
for f in sorted(os.listdir(T)):
    if f.endswith(".args"):
        name = f[:-5]
        with open(os.path.join(T, f)) as a:
            args = shlex.split(a.read())
        if "--json" in args:
            continue
        with open(os.path.join(T, name + ".in"), "rb") as i:
            stdin = i.read()
        session(name, args, stdin)

# a tour of the shipped course, at the shell, with everything a learner
# and a trainer look at
tour = """lessons
read partners
quizzes
assessments
exercises
show q-respect-1
show sc-drop-off
show s-respect-1
assess self-check
""" + "4\n" * 40 + """practice team-meeting
""" + "a\n" * 14 + """path
history
progress
report
users
help
help export
quit
"""
# run inside the course, so that the file names 'show' gives fit 40 columns
COURSE = os.path.abspath("content/inside-relationships")
session("tour of the shipped course", ["--seed", "4", "--content", "."], tour.encode(),
        cwd=COURSE)

meeting = "ana\nteam Red Team: kim, raj\n\n" + \
    "ana a\nRed Team b\ntally a=2 b=1\ntimer 5\nreveal\ncards\nscores\nnext\n" * 4 + \
    "help\nwho\nend\n"
# the item statistics: tables of figures that, too wide for the terminal,
# become lists with the figures named, so only the width is compared
session("the stats of the tour", ["--seed", "4", "--content", "."],
        ("assess self-check\n" + "4\n" * 40 + "stats\nstats self-check\nquit\n").encode(),
        cwd=COURSE, same_words=False)

session("a meeting of the shipped course",
        ["--content", COURSE, "meeting", "team-meeting"], meeting.encode())

# on a terminal, problems are wrapped too
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 40, 0, 0))
    os.execvp(RAPPORT[0], RAPPORT + ["--content", COURSE, "quiz",
                                     "a-quiz-that-is-not-there-at-all"])
chunks = []
while True:
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    chunks.append(data)
os.waitpid(pid, 0)
tty = b"".join(chunks).decode(errors="replace").replace("\r", "")
lines = [l for l in tty.splitlines() if l.strip()]
check(lines and all(columns(l) <= 40 for l in lines) and len(lines) > 1 and
      re.search(r"(^|\s)'a-quiz-that-is-not-there-at-all'", tty),
      "a problem at a 40-column terminal: wrapped, no word broken", tty)

shutil.rmtree(TMP, ignore_errors=True)
finish()
