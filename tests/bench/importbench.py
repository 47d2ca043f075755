"""importbench.py - import's benchmark, for bench.py: `rapport import` of
a 10,000-question Moodle XML bank (gen_moodle.py: categories, every kind
import maps, HTML text) into a new course folder, against `xmllint
--noout` reading the same file, in turns in the same run. import does
more than read the file: it maps every question, writes the course files,
and reads those back through the loader and its schema before writing.
Peak memory is measured too: import maps each question as the parser
finishes it and frees it, so the bank is never in memory whole."""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

QUESTIONS = 10000
GOAL = 1.5  # import's time against xmllint's
GOAL_MEMORY = 1.0  # and its peak memory: one question in memory at a time


def timed(argv, env):
    """Runs argv: its wall time, its standard output and its peak resident
    memory in KiB (wait4's, for this child alone)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, env=env, stdout=out, stderr=err)
        _, status, ru = os.wait4(p.pid, 0)
        t = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if p.returncode != 0:
            raise RuntimeError(f"{argv[0]}: exit {p.returncode}: "
                               f"{err.read().decode(errors='replace')[-300:]}")
        return t, out.read().decode(errors="replace"), ru.ru_maxrss


def bench_import(rapport, work, env, say, verdict, summary, runs):
    say(f"\nImporting a Moodle XML question bank: {QUESTIONS:,} questions")
    if not shutil.which("xmllint"):
        raise RuntimeError("import's baseline needs xmllint")
    bank = os.path.join(work, "moodle-bank.xml")
    subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "gen_moodle.py"),
                    str(QUESTIONS), bank], check=True)
    say(f"  {os.path.getsize(bank) / 1e6:.1f} MB of Moodle XML")
    into = os.path.join(work, "imported")
    ours, theirs, our_kb, their_kb = [], [], [], []
    for run in range(runs):
        for who in (("import", "xmllint") if run % 2 == 0 else ("xmllint", "import")):
            if who == "import":
                shutil.rmtree(into, ignore_errors=True)
                t, out, kb = timed([rapport, "import", bank, "--into", into], env)
                if f"import: {QUESTIONS} of {QUESTIONS} questions imported" not in out:
                    raise RuntimeError(f"import said: {out.strip()[-200:]}")
                ours.append(t)
                our_kb.append(kb)
            else:
                t, _, kb = timed(["xmllint", "--noout", bank], env)
                theirs.append(t)
                their_kb.append(kb)
    a, b = statistics.median(ours), statistics.median(theirs)
    say(f"  {'rapport import --into DIR':<34} {a:>9.2f} s  (fastest {min(ours):.2f} s)")
    say(f"  {'xmllint --noout, the same file':<34} {b:>9.2f} s  (fastest {min(theirs):.2f} s)")
    say(f"  time ratio {a / b:.2f}x; goal <= {GOAL}x: {verdict(a / b, GOAL)}")
    summary.append(("import 10,000 Moodle questions: time", a / b, GOAL, "x"))
    ma, mb = statistics.median(our_kb), statistics.median(their_kb)
    say(f"  peak memory: import {ma / 1024:.0f} MiB, xmllint {mb / 1024:.0f} MiB")
    say(f"  memory ratio {ma / mb:.2f}x; goal <= {GOAL_MEMORY}x: "
        f"{verdict(ma / mb, GOAL_MEMORY)}")
    summary.append(("import 10,000 Moodle questions: memory", ma / mb, GOAL_MEMORY, "x"))
    shutil.rmtree(into, ignore_errors=True)
    os.unlink(bank)
