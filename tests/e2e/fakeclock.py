"""fakeclock.py - runs a program under test at another date, or with its
clock running fast, by preloading libfaketime.

libfaketime 0.9.10 keeps a shared-memory segment and a semaphore in
/dev/shm named after the process id of the first faked process, and a
faked process that finds one of its name already there refuses to start
("shm_open: File exists"). A faked process that ends without running its
destructors (killed, say) leaves its pair behind; on a long run, once
process ids wrap, a later run then silently never started. So every use
first removes the pairs whose process is gone. The library is preloaded
directly, without the `faketime` command, which would add a process and a
pair of its own."""
import glob
import os
import re
import sys

_found = sorted(glob.glob("/usr/lib/*/faketime/libfaketime.so.1") +
                glob.glob("/usr/lib/faketime/libfaketime.so.1"))
LIBRARY = _found[0] if _found else None


def available():
    """Whether libfaketime is installed."""
    return LIBRARY is not None


def require():
    """Skips the test without libfaketime: exit 77, which tests/run.sh
    says and does not count."""
    if not available():
        print("skip: libfaketime is not installed")
        sys.exit(77)


def _sweep():
    """Removes the pairs left by faked processes that are gone."""
    try:
        names = os.listdir("/dev/shm")
    except OSError:
        return
    for name in names:
        m = re.fullmatch(r"(?:sem\.faketime_sem|faketime_shm)_(\d+)", name)
        if m and not os.path.exists(f"/proc/{m.group(1)}"):
            try:
                os.unlink(os.path.join("/dev/shm", name))
            except OSError:
                pass  # another user's, or gone already


def at(env, when=None, speed=None):
    """A copy of env whose programs see a clock that starts at when
    ("YYYY-MM-DD HH:MM:SS") and runs on from there, or that runs speed
    times fast from now. Neither given: env unchanged."""
    if when is None and speed is None:
        return dict(env)
    _sweep()
    e = dict(env)
    e.pop("FAKETIME_SHARED", None)
    e["FAKETIME"] = "@" + when if when else f"+0 x{speed}"
    e["LD_PRELOAD"] = LIBRARY + (":" + env["LD_PRELOAD"] if env.get("LD_PRELOAD") else "")
    # with a library preloaded the sanitizer runtime cannot come first
    if "verify_asan_link_order" not in env.get("ASAN_OPTIONS", ""):
        e["ASAN_OPTIONS"] = "verify_asan_link_order=0:" + env.get("ASAN_OPTIONS", "")
    return e
