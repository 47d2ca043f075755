#!/usr/bin/python3
"""help and --help at 40, 80 and 100 columns: no line wider than the
terminal, and no word broken: the text, read word by word, is the same as
at a width nothing needs wrapping at. At 100 columns or more the help is a
two-column table; narrower, each summary goes under its command. The
line that closes a quiz taken without --seed, which says how to take the
same again, is wrapped the same way."""
import re
import tempfile
import os
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
os.chdir(os.path.join(HERE, "..", ".."))
from subcases import check, finish  # noqa: E402

RAPPORT = shlex.split(os.environ["RAPPORT"])


def run(width, *args):
    env = dict(os.environ, COLUMNS=str(width), LC_ALL="C.UTF-8")
    r = subprocess.run(RAPPORT + list(args), capture_output=True, env=env, timeout=300)
    return r.stdout.decode()


for args in (["help"], ["--help"], ["help", "stats"]):
    wide = run(1000, *args)
    for width in (40, 80, 100):
        out = run(width, *args)
        long = [l for l in out.splitlines() if len(l) > width]
        check(not long, f"{' '.join(args)} at {width} columns: no line wider",
              "\n".join(long[:3]))
        check(out.split() == wide.split(),
              f"{' '.join(args)} at {width} columns: no word broken or lost",
              out[:600])
out = run(100, "help")
check("  quiz QUIZ                 take a quiz and see your score\n" in out,
      "at 100 columns, a short usage and its summary share a line", out[:400])
out = run(40, "help")
check("  quiz QUIZ\n      take a quiz and see your score\n" in out,
      "at 40 columns, the summary goes under its command", out[:400])

with tempfile.TemporaryDirectory(dir=os.environ.get("TESTS_TMP")) as home:
    answers = os.path.join(home, "answers")
    with open(answers, "w") as f:
        f.write("b\na b\na\nc b a\nreason\nfalse\n")
    env = dict(os.environ, COLUMNS="40", LC_ALL="C.UTF-8", HOME=home)
    r = subprocess.run(RAPPORT + ["--content", "tests/content/good/minimal.xml", "--answers",
                                  answers, "quiz", "check"],
                       capture_output=True, env=env, timeout=300)
    out = r.stdout.decode()
    seeds = re.findall(r"\(Seed (\d+): 'rapport\s+--seed\s+(\d+)\s+quiz\s+check'\s+asks\s+the"
                       r"\s+same\s+again\.\)", out)
    tail = out[out.find("(Seed"):]
    long = [l for l in tail.splitlines() if len(l) > 40]
    check(seeds and seeds[0][0] == seeds[0][1] and not long,
          "the closing seed line at 40 columns: wrapped, the seed whole",
          out[-400:] + "\n".join(long))
finish()
