#!/usr/bin/python3
"""Every file of the W3C XML conformance suite is foreign to rapport: each
must be refused by `rapport validate FILE` with exit 1, a file:line
message, and no raw control byte, without a crash. Times are reported,
not asserted (the benchmark measures speed); a generous timeout only
catches a hang. Under valgrind, every 25th file is taken."""
import concurrent.futures
import os
import re
import shlex
import subprocess
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
corpus = os.path.normpath(os.path.join(here, "..", "..", "..", "shared", "corpora", "xmlconf"))
if not os.path.isdir(corpus):
    print("skip: no corpus at", corpus)
    sys.exit(77)

rapport = shlex.split(os.environ["RAPPORT"])
stride = 25 if os.environ.get("WRAP") else 1
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(corpus) for f in fs)[::stride]
control = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")
located = re.compile(rb":[0-9]+(:[0-9]+)?: error: ")


def run(path):
    start = time.monotonic()
    try:
        r = subprocess.run(rapport + ["validate", path], capture_output=True, timeout=120)
    except subprocess.TimeoutExpired:
        return path, "hung", 120.0
    took = time.monotonic() - start
    out = r.stdout + r.stderr
    if r.returncode != 1:
        return path, f"exit {r.returncode}: {out[:200]!r}", took
    if not located.search(r.stdout):
        return path, f"no file:line message: {out[:200]!r}", took
    if control.search(out):
        return path, "raw control byte in output", took
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
      f"slowest {slowest[0]:.3f}s ({os.path.relpath(slowest[1], corpus) if slowest[1] else '-'})")
sys.exit(1 if bad else 0)
