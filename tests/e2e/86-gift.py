#!/usr/bin/python3
"""86-gift - rapport's GIFT reader (core/gift.c, through build/tests/
gift_dump) against the npm gift-pegjs parser on the same files
(tests/gift/*.gift): the same questions, types, titles, text, answers,
weights and feedback. Where they part on purpose (tests/gift/differs/),
each file says how and why rapport reads it as it does. Bad files (tests/gift/bad/) get rapport's
file:line:col diagnostics, exactly as the .expected file beside each has
them."""
import glob
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from subcases import check, finish  # noqa: E402

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DUMP = os.path.join(TOP, os.environ.get("RAPPORT_BUILD", "build"), "tests", "gift_dump")
WRAP = os.environ.get("WRAP", "").split()
os.chdir(TOP)


def ours(path):
    r = subprocess.run(WRAP + [DUMP, path], capture_output=True, text=True, timeout=600)
    return r.returncode, json.loads(r.stdout), r.stderr


def theirs(path):
    r = subprocess.run(["node", "tests/gift/compare.js", path], capture_output=True, text=True,
                       timeout=600)
    return json.loads(r.stdout)


for path in sorted(glob.glob("tests/gift/*.gift")):
    code, mine, err = ours(path)
    other = theirs(path)
    if isinstance(other, dict):
        check(False, f"{path}: gift-pegjs reads it", other)
        continue
    for q in mine:
        q.pop("line")
    for q in other:  # rapport keeps a numerical block whole: it has no home for one
        if q["type"] == "Numerical":
            q.pop("choices", None)
    check(code == 0 and not err, f"{path}: rapport reads it, no diagnostic", err)
    differ = [(a, b) for a, b in zip(other, mine) if a != b]
    check(len(mine) == len(other) and not differ,
          f"{path}: the same {len(other)} questions as gift-pegjs, field for field",
          f"{len(mine)} against {len(other)}; first: {differ[:1]}")

for path in sorted(glob.glob("tests/gift/differs/*.gift")):
    code, mine, err = ours(path)
    other = theirs(path)
    for q in mine:
        q.pop("line")
    said = other["error"] if isinstance(other, dict) else f"{len(other)} questions, not {len(mine)}"
    check(code == 0 and mine and not err and other != mine,
          f"{path}: gift-pegjs reads it otherwise ({said}); rapport as the file says", err)

for path in sorted(glob.glob("tests/gift/bad/*.gift")):
    code, mine, err = ours(path)
    want = open(path[:-5] + ".expected", encoding="utf-8").read()
    got = err.replace("tests/gift/bad/", "")
    check(code == 1 and got == want, f"{path}: refused with file:line:col, as expected",
          f"exit {code}:\n{got}")

finish()
