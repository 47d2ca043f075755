"""subcases.py - what a test made of many small cases shares: a line per
case in the form tests/run.sh counts ("ok 3 - what", "not ok 4 - what"),
the problems kept for the end, and the exit status they make."""
import sys

problems = []
_counted = [0]


def check(ok, what, detail=""):
    """One case: its line for the runner; detail is kept only on failure."""
    _counted[0] += 1
    print(f"{'ok' if ok else 'not ok'} {_counted[0]} - {what}")
    if not ok:
        problems.append(f"{what}: {detail}" if detail else what)
    return ok


def finish():
    """Lists every problem again and exits 1 if there was one."""
    for p in problems:
        print("not ok:", p)
    sys.exit(1 if problems else 0)
