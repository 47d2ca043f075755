#!/usr/bin/python3
"""validate --guessers: strategies that read no question, run through the
real engine, against random guessing.

- On the course as it was before issue 10 (tests/content/before-issue-10)
  the longest option and all cues at once are reported, as warnings with
  the quiz's place, and --werror makes that fail the run.
- On the shipped course every strategy is within 10 points of random
  guessing, and none passes the knowledge check.
- The table has every strategy, the same output twice, and --runs is
  checked."""
import os
import re
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
os.chdir(os.path.join(HERE, "..", ".."))
from subcases import check, finish  # noqa: E402

RAPPORT = shlex.split(os.environ["RAPPORT"])
SLOW = bool(os.environ.get("WRAP"))
RUNS = "40" if SLOW else "200"
BEFORE = "tests/content/before-issue-10/inside-relationships"
ENV = dict(os.environ, LC_ALL="C.UTF-8",
           ASAN_OPTIONS="verify_asan_link_order=0:" + os.environ.get("ASAN_OPTIONS", ""))
STRATEGIES = ["random guessing", "longest option", "shortest option", "most clauses",
              "always false", "always true", "choose-all by length", "orderings as shown",
              "all cues at once"]


def validate(*args):
    r = subprocess.run(RAPPORT + ["validate"] + list(args), capture_output=True, env=ENV,
                       timeout=3600)
    return r.returncode, r.stdout.decode(), r.stderr.decode()


def table(out, kind, ident):
    """{strategy: (mean, passes or None)} from the table of one quiz or
    exercise."""
    m = re.search(rf"^Guessers on {kind} '{ident}'.*\n.*\n((?:  .*\n)+)", out, re.M)
    rows = {}
    if m:
        for line in m.group(1).splitlines():
            cells = re.match(r"^  (.+?) +(-?[\d.]+)% +\d+% - +\d+%(?: +(\d+))?", line)
            if cells:
                rows[cells.group(1)] = (float(cells.group(2)),
                                        int(cells.group(3)) if cells.group(3) else None)
    return rows


code, out, err = validate("--guessers", "--runs", RUNS, BEFORE)
quiz = table(out, "quiz", "knowledge-check")
meeting = table(out, "exercise", "team-meeting")
check(list(quiz) == STRATEGIES and list(meeting) == STRATEGIES,
      "the tables list every strategy, in order", out[:1500])
check(quiz and quiz["longest option"][0] > quiz["random guessing"][0] + 10,
      "before the rewrite, the longest option beats random guessing by more than 10 points",
      str(quiz))
check(re.search(r"quiz\.xml:\d+:\d+: warning: in quiz 'knowledge-check', guessing by "
                r"'longest option' scores \d+% on average, \d+ points over random guessing",
                out), "and it is a warning at the quiz", out[-2000:])
check(re.search(r"exercises\.xml:\d+:\d+: warning: in exercise 'team-meeting', guessing by "
                r"'longest option'", out), "and in the meeting exercise")
code2, out2, _ = validate("--werror", "--guessers", "--runs", RUNS, BEFORE)
check(code == 0 and code2 == 1, "the warnings fail the run with --werror",
      f"exit {code} and {code2}")
check(out2 == out, "the same output both times, byte for byte")

code, out, err = validate("--werror", "--guessers", "--runs", RUNS)
quiz = table(out, "quiz", "knowledge-check")
meeting = table(out, "exercise", "team-meeting")


def far_from_random(t, where):
    """Strategies more than 10 points from random guessing, either way."""
    return {f"{where}: {s}": v[0] for s, v in t.items()
            if abs(v[0] - t["random guessing"][0]) > 10}


far = {**far_from_random(quiz, "quiz"), **far_from_random(meeting, "meeting")}
check(quiz and meeting and not far, "on the shipped course every strategy is within 10 points "
      "of random guessing", f"{quiz} {meeting}")
check(quiz and all(p == 0 for _, p in quiz.values()), "and none passes the knowledge check",
      str(quiz))
check(code == 0, "validate --werror --guessers passes on the shipped course",
      out[-1500:] + err)

for bad in ("0", "x", "-3", "100001"):
    code, out, err = validate("--guessers", "--runs", bad)
    check(code == 2 and "--runs takes a number of runs from 1 to 100000" in err,
          f"--runs {bad} is refused", err)
finish()
