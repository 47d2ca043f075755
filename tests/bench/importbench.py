"""importbench.py - import's benchmark, for bench.py: `rapport import` of
a 10,000-question Moodle XML bank (gen_moodle.py: categories, every kind
import maps, HTML text) into a new course folder, against `xmllint
--noout` reading the same file, in turns in the same run. import does
more than read the file: it maps every question, writes the course files,
and reads those back through the loader and its schema before writing."""
import os
import shutil
import statistics
import subprocess
import sys
import time

QUESTIONS = 10000
GOAL = 1.5  # import's time against xmllint's


def timed(argv, env):
    t0 = time.perf_counter()
    r = subprocess.run(argv, env=env, capture_output=True, text=True)
    t = time.perf_counter() - t0
    if r.returncode != 0:
        raise RuntimeError(f"{argv[0]}: exit {r.returncode}: {r.stderr[-300:]}")
    return t, r.stdout


def bench_import(rapport, work, env, say, verdict, summary, runs):
    say(f"\nImporting a Moodle XML question bank: {QUESTIONS:,} questions")
    if not shutil.which("xmllint"):
        raise RuntimeError("import's baseline needs xmllint")
    bank = os.path.join(work, "moodle-bank.xml")
    subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "gen_moodle.py"),
                    str(QUESTIONS), bank], check=True)
    say(f"  {os.path.getsize(bank) / 1e6:.1f} MB of Moodle XML")
    into = os.path.join(work, "imported")
    ours, theirs = [], []
    for run in range(runs):
        for who in (("import", "xmllint") if run % 2 == 0 else ("xmllint", "import")):
            if who == "import":
                shutil.rmtree(into, ignore_errors=True)
                t, out = timed([rapport, "import", bank, "--into", into], env)
                if f"import: {QUESTIONS} of {QUESTIONS} questions imported" not in out:
                    raise RuntimeError(f"import said: {out.strip()[-200:]}")
                ours.append(t)
            else:
                theirs.append(timed(["xmllint", "--noout", bank], env)[0])
    a, b = statistics.median(ours), statistics.median(theirs)
    say(f"  {'rapport import --into DIR':<34} {a:>9.2f} s  (fastest {min(ours):.2f} s)")
    say(f"  {'xmllint --noout, the same file':<34} {b:>9.2f} s  (fastest {min(theirs):.2f} s)")
    say(f"  time ratio {a / b:.2f}x; goal <= {GOAL}x: {verdict(a / b, GOAL)}")
    summary.append(("import 10,000 Moodle questions: time", a / b, GOAL, "x"))
    shutil.rmtree(into, ignore_errors=True)
    os.unlink(bank)
