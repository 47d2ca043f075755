#!/usr/bin/python3
"""Every file of the W3C XML conformance suite is foreign to rapport: each
must be refused by `rapport validate FILE` with exit 1, a file:line
message, no raw control byte, and in under 1 s, without a crash.

The second is CPU time (user + system, from wait4), not the clock: a
loaded machine makes a run wait, never use more CPU, so the bound is the
program's own and cannot fail because of its neighbours. Under a wrapper
(valgrind) every 25th file is taken and times are only reported."""
import concurrent.futures
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import threading

here = os.path.dirname(os.path.abspath(__file__))
corpus = os.path.normpath(os.path.join(here, "..", "..", "..", "shared", "corpora", "xmlconf"))
if not os.path.isdir(corpus):
    print("skip: no corpus at", corpus)
    sys.exit(77)

rapport = shlex.split(os.environ["RAPPORT"])
wrapped = bool(os.environ.get("WRAP"))
stride = 25 if wrapped else 1
limit = 1.0  # CPU seconds a file may take
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(corpus) for f in fs)[::stride]
control = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")
located = re.compile(rb":[0-9]+(:[0-9]+)?: error: ")


def run(path):
    """Returns (path, problem or None, CPU seconds)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        p = subprocess.Popen(rapport + ["validate", path], stdout=out, stderr=err)
        hang = threading.Timer(120, lambda: os.kill(p.pid, signal.SIGKILL))
        hang.start()
        _, status, usage = os.wait4(p.pid, 0)
        hang.cancel()
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    took = usage.ru_utime + usage.ru_stime
    both = stdout + stderr
    if p.returncode == -signal.SIGKILL:
        return path, "hung", took
    if p.returncode != 1:
        return path, f"exit {p.returncode}: {both[:200]!r}", took
    if not located.search(stdout):
        return path, f"no file:line message: {both[:200]!r}", took
    if control.search(both):
        return path, "raw control byte in output", took
    if took >= limit and not wrapped:
        return path, f"took {took:.3f}s of CPU", took
    return path, None, took


bad = []
slowest = (0.0, "")
with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
    for path, problem, took in pool.map(run, files):
        slowest = max(slowest, (took, path))
        if problem:
            bad.append(f"{os.path.relpath(path, corpus)}: {problem}")
for b in bad[:30]:
    print("not ok:", b)
print(f"{len(files)} files, {len(bad)} not refused as required; "
      f"slowest {slowest[0]:.3f}s of CPU ({os.path.relpath(slowest[1], corpus) if slowest[1] else '-'})")
sys.exit(1 if bad else 0)
