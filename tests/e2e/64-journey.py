#!/usr/bin/python3
"""A new hire follows the onboarding path across several runs on different
days, from the first lesson to a cleared review queue: 'next' always starts
the right step, a step is done only when the results say so, a missed
question comes back on the Leitner days (1, 3, 7, 14), and 'progress' shows
the journey. libfaketime sets each run's date."""
import os
import re
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
os.chdir(os.path.join(HERE, "..", ".."))
import fakeclock  # noqa: E402

fakeclock.require()
rapport = shlex.split(os.environ["RAPPORT"])
work = tempfile.mkdtemp(dir=os.environ.get("TESTS_TMP", "/tmp"))
db = os.path.join(work, "journey.db")
env = dict(os.environ, USER="newhire", LC_ALL="C.UTF-8", TZ="UTC",
           ASAN_OPTIONS="verify_asan_link_order=0:" + os.environ.get("ASAN_OPTIONS", ""))
env.pop("NO_COLOR", None)
problems = []


def session(day, script, label):
    """One run of the shell on 2026-12-DAY, fed script; returns its output."""
    when = f"2026-12-{day:02d} 09:00:00"
    r = subprocess.run(rapport + ["--db", db, "--seed", "1", "--content", "tests/content/good/journey"],
                       input=script.encode(), capture_output=True, env=fakeclock.at(env, when),
                       timeout=600)
    out = r.stdout.decode() + r.stderr.decode()
    if r.returncode != 0:
        problems.append(f"{label}: exit {r.returncode}\n{out[-600:]}")
    return out


def expect(out, pattern, what):
    if not re.search(pattern, out, re.M):
        problems.append(f"{what}: no /{pattern}/ in\n{out[-900:]}")


def refuse(out, pattern, what):
    if re.search(pattern, out, re.M):
        problems.append(f"{what}: /{pattern}/ should not be there")


# Day 1: the two lessons, then the check with one wrong answer.
out = session(1, "path\nnext\nnext\nnext\nb\na\npath\n", "day 1")
expect(out, r"^  → 1\. Read 'Ask first'$", "day 1 starts at step 1")
expect(out, r"^Step 1 of 6: Read 'Ask first'\.$", "next reads the first lesson")
expect(out, r"^Step 1 done\. Next: Read 'Hand over with context'", "step 1 is done by reading")
expect(out, r"^Step 3 of 6: Pass 'Journey check' with 100% or more\.$", "then the quiz")
expect(out, r"Passed: not yet", "the check is failed")
expect(out, r"3\. Pass 'Journey check' with 100% or more \(best so far: 50%\)$",
       "the path keeps the best score")
expect(out, r"^  → 3\. Pass", "the failed quiz is still the next step")

# Day 1 again: the missed question is not due yet.
out = session(1, "review\n", "day 1 review")
expect(out, r"Nothing is due today\. 1 question comes back from Wednesday 2 December",
       "a miss comes back the next day")

# Day 2: the review is due and is answered right (box 2: due in 3 days);
# then the check is passed, the self-assessment and the exercise done.
out = session(2, "review\na\nnext\na\na\nnext\n3\n2\nnext\na\npath\n", "day 2")
expect(out, r"1 of 1 right", "the review")
expect(out, r"Passed: yes", "the check is passed")
expect(out, r"Step 3 done\. Next: Take the self-assessment 'Habits'", "then the assessment")
expect(out, r"Practice score: 75 of 100", "the assessment's score")
expect(out, r"Step 4 done\. Next: Work through the exercise 'Team meeting'", "then the exercise")
expect(out, r"The best answer \(100%\)\.", "the exercise")
expect(out, r"^  → 6\. Clear your review queue \(1 question in it\)$",
       "the review step waits for the queue")
expect(out, r"^5 of 6 done\. Type 'next' for step 6\.$", "five steps done")

# Day 3: nothing due (box 2 comes back on day 5).
out = session(3, "next\n", "day 3")
expect(out, r"Nothing is due today\. 1 question comes back from Saturday 5 December",
       "box 2 waits three days")

# Days 5, 12 and 26: right each time, up through boxes 3 and 4 and out.
out = session(5, "next\na\n", "day 5")
expect(out, r"1 of 1 right", "day 5 review")
out = session(11, "review\n", "day 11")
expect(out, r"comes back from Saturday 12 December", "box 3 waits a week")
out = session(12, "next\na\n", "day 12")
out = session(25, "review\n", "day 25")
expect(out, r"comes back from Saturday 26 December", "box 4 waits two weeks")
out = session(26, "next\na\npath\nprogress\nhistory\n", "day 26")
expect(out, r"That was the last step: your path is complete\.", "the path ends")
expect(out, r"^All 6 steps done: the path is complete\.$", "path shows it complete")
expect(out, r"^  ✓ 6\. Clear your review queue \(done today at 09:00\)$", "the review step")
expect(out, r"^  ✓ 1\. Read 'Ask first' \(done on Tuesday 1 December 2026\)$",
       "the first step keeps its date")
# progress: the two checks, oldest to newest, and know next to do
expect(out, r"^Knowledge checks, oldest to newest$", "progress has the checks")
expect(out, r"^  Respect     ▁█  0% → 100%$", "respect, missed on day 1, improved")
expect(out, r"^  Delegation  ██  100% → 100%$", "delegation was right both times")
expect(out, r"^What you know and what you do", "know and do")
expect(out, r"2026-12-02 09:00  quiz        Journey check +100%   Ready, passed", "history")
expect(out, r"2026-12-01 09:00  quiz        Journey check +50%   Not yet, not passed",
       "history keeps the failed check")
refuse(out, r"unfinished", "nothing left unfinished")

for p in problems:
    print("not ok:", p)
sys.exit(1 if problems else 0)
