#!/usr/bin/env python3
"""bench.py - rapport's benchmarks, as a report (never a pass/fail test).

Usage: bench.py BUILD      (run by tests/bench/run.sh, i.e. `make bench`)

Measures, in one run and on the same files:
  1. `rapport validate` against `xmllint --noout --relaxng` on generated
     courses of 1,000, 10,000 and 100,000 questions: time and peak memory;
  2. the time from start to the first prompt of the shell on the shipped
     course, through a pseudo-terminal, next to the time to start `true`
     and `rapport --version` the same way;
  3. `rapport report` and `rapport export` (CSV and JSON) over a database
     of 1,000,000 answers, against the sqlite3 shell running the equivalent
     query (tests/bench/*.sql) on the same database; the report once
     more with the answers spread over 10,000 questions; and the report of
     one person with 80,000 different activities;
  4. a live meeting: 100 phones answering at once, against the same server
     answering its smallest GET, and its memory with 100 people in against
     idle (tests/bench/live.py);
  5. `rapport send` of 10,000 statements to Learning Locker's statements
     service, against curl posting the same batches to it
     (tests/bench/send.py);
  6. `rapport import` of a 10,000-question Moodle XML bank, against
     `xmllint --noout` reading the same file: time and peak memory
     (tests/bench/importbench.py).
Each pair of commands is run in turn (A B B A ...) so that a change in the
machine's load falls on both; the median of the runs is compared. Prints
every measurement, the baseline, the ratio, the goal and whether it was
met. Exits 0 when everything was measured, whatever the ratios; 1 when
something could not be measured (a tool missing, a command failing, an
output that does not match).

Environment: BENCH_QUICK=1 measures smaller sizes with fewer runs (for
trying the benchmark out; its numbers are not the ones to quote).
Everything generated goes under BUILD/bench/.
"""
import os
import platform
import re
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen_db  # noqa: E402
import live  # noqa: E402
import importbench  # noqa: E402
import send  # noqa: E402
ROOT = os.path.dirname(os.path.dirname(HERE))
QUICK = os.environ.get("BENCH_QUICK") == "1"

SIZES = [(1000, 15), (10000, 7)] if QUICK else \
    [(1000, 15), (10000, 7), (100000, 3)]  # questions, timed runs
ANSWERS = 100000 if QUICK else 1000000
DB_RUNS = 2 if QUICK else 3
PROMPT_RUNS = 10 if QUICK else 20
MEMORY_RUNS = 2

GOAL_VALIDATE = 1.2  # time ratio to xmllint
GOAL_MEMORY = 1.0    # peak memory ratio to xmllint
GOAL_PROMPT_MS = 20.0
GOAL_DB = 1.5        # time ratio to the sqlite3 shell

COURSE = "inside-relationships"


class Unmeasurable(Exception):
    """Something the benchmark needs did not work."""


# ---- output ----

LOG = []


def say(line=""):
    print(line, flush=True)
    LOG.append(line)


def verdict(ratio, goal):
    return "met" if ratio <= goal else \
        f"MISSED by {100 * (ratio / goal - 1):.0f}%"


def secs(t):
    return f"{t * 1000:.1f} ms" if t < 1 else f"{t:.3f} s"


def mb(kb):
    return f"{kb / 1024:.1f} MB"


# ---- running things ----

def clean_env(home):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": home,
        "LC_ALL": "C.UTF-8",
        "XDG_DATA_HOME": os.path.join(home, "data"),
        "XDG_STATE_HOME": os.path.join(home, "state"),
        "XDG_CONFIG_HOME": os.path.join(home, "config"),
        "NO_COLOR": "1",
    }
    for d in ("data", "state", "config"):
        os.makedirs(os.path.join(home, d), exist_ok=True)
    return env


class Cmd:
    """A command to time: argv, optional stdin file, stdout file."""

    def __init__(self, name, argv, stdin=None, stdout=os.devnull):
        self.name, self.argv, self.stdin, self.stdout = name, argv, stdin, stdout
        self.wall, self.cpu = [], []


def run(cmd, env, stdout=None):
    """Runs cmd once; returns (wall seconds, cpu seconds). Raises
    Unmeasurable when it fails."""
    err = tempfile.TemporaryFile()
    fin = open(cmd.stdin, "rb") if cmd.stdin else subprocess.DEVNULL
    fout = open(stdout or cmd.stdout, "wb")
    try:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd.argv, stdin=fin, stdout=fout, stderr=err,
                             env=env)
        _, status, ru = os.wait4(p.pid, 0)
        t1 = time.perf_counter()
        p.returncode = os.waitstatus_to_exitcode(status)
    finally:
        fout.close()
        if cmd.stdin:
            fin.close()
    if p.returncode != 0:
        err.seek(0)
        raise Unmeasurable(f"{' '.join(cmd.argv)}: exit {p.returncode}: "
                           f"{err.read().decode(errors='replace')[-500:]}")
    return t1 - t0, ru.ru_utime + ru.ru_stime


def peak_kb(cmd, env, runs):
    """The median peak resident memory of cmd, by /usr/bin/time -f %M."""
    out = []
    for _ in range(runs):
        with tempfile.NamedTemporaryFile("r") as f:
            timed = Cmd(cmd.name, ["/usr/bin/time", "-f", "%M", "-o", f.name]
                        + cmd.argv, cmd.stdin, cmd.stdout)
            run(timed, env)
            out.append(int(f.read().split()[-1]))
    return statistics.median(out)


def race(a, b, runs, env):
    """Times a and b in turn, runs times each (a b, then b a, ...)."""
    for i in range(runs):
        for c in ((a, b) if i % 2 == 0 else (b, a)):
            w, u = run(c, env)
            c.wall.append(w)
            c.cpu.append(u)


def line(c, extra=""):
    say(f"  {c.name:<34} {secs(statistics.median(c.wall)):>10}"
        f"  (cpu {secs(statistics.median(c.cpu))}, fastest "
        f"{secs(min(c.wall))}){extra}")


def ratio_lines(a, b, goal):
    wall = statistics.median(a.wall) / statistics.median(b.wall)
    cpu = statistics.median(a.cpu) / statistics.median(b.cpu)
    say(f"  time ratio {wall:.2f}x (cpu {cpu:.2f}x); goal <= {goal}x: "
        f"{verdict(wall, goal)}")
    return wall


def load():
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


# ---- 1. validate against xmllint ----

def course_files(d):
    files = [os.path.join(d, "course.xml"), os.path.join(d, "quiz.xml")]
    banks = os.path.join(d, "banks")
    files += sorted(os.path.join(banks, f) for f in os.listdir(banks))
    return files


def bench_validate(rapport, work, env, summary):
    schema = os.path.join(ROOT, "content", "schema", "rapport.rng")
    for n, runs in SIZES:
        d = os.path.join(work, f"course-{n}")
        shutil.rmtree(d, ignore_errors=True)
        gen = subprocess.run([sys.executable, os.path.join(HERE, "gen_course.py"),
                              str(n), d], capture_output=True, text=True)
        if gen.returncode != 0:
            raise Unmeasurable(f"gen_course.py {n}: {gen.stderr.strip()}")
        files = course_files(d)
        size = sum(os.path.getsize(f) for f in files)
        lines = max(sum(1 for _ in open(f, "rb")) for f in files)
        say(f"\nValidate {n:,} questions: {len(files)} files, {mb(size / 1024)}"
            f" (the longest file {lines:,} lines)")
        ours = Cmd("rapport validate", [rapport, "validate", d],
                   stdout=os.path.join(work, "validate.out"))
        theirs = Cmd("xmllint --noout --relaxng",
                     ["xmllint", "--noout", "--relaxng", schema] + files)
        # the first run of each checks that both accept the course
        run(ours, env)
        with open(ours.stdout) as f:
            said = f.read()
        # the generated items repeat one pattern, so the item-writing
        # checks warn: accepted is no error, warnings or not
        if f"{n} questions" not in said or \
                not re.search(r": (ok|\d+ warnings?)(?: \(.*\))?$", said.rstrip()):
            raise Unmeasurable(f"rapport validate did not accept the course: "
                               f"{said[-300:]}")
        run(theirs, env)
        race(ours, theirs, runs, env)
        mem_ours = peak_kb(ours, env, MEMORY_RUNS)
        mem_theirs = peak_kb(theirs, env, MEMORY_RUNS)
        line(ours, f", peak {mb(mem_ours)}")
        line(theirs, f", peak {mb(mem_theirs)}")
        t = ratio_lines(ours, theirs, GOAL_VALIDATE)
        m = mem_ours / mem_theirs
        say(f"  memory ratio {m:.2f}x; goal <= {GOAL_MEMORY}x: "
            f"{verdict(m, GOAL_MEMORY)}")
        summary.append((f"validate {n:,} questions: time", t, GOAL_VALIDATE, "x"))
        summary.append((f"validate {n:,} questions: memory", m, GOAL_MEMORY, "x"))


# ---- 2. the first prompt, through a pseudo-terminal ----

PROMPT = re.compile(rb"@" + COURSE.encode() + rb"(\x1b\[[0-9;]*m)?> ")


def pty_time(argv, env, until):
    """Starts argv on a new pseudo-terminal; returns the seconds until its
    output matches until (a regex), or until it ends when until is None.
    Then sends Ctrl-D and waits for it to end."""
    t0 = time.perf_counter()
    pid, fd = os.forkpty()
    if pid == 0:
        try:
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    buf, seen = b"", None
    deadline = t0 + 10
    try:
        while seen is None:
            left = deadline - time.perf_counter()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                break
            try:
                data = os.read(fd, 65536)
            except OSError:  # EIO: the other side has closed
                data = b""
            if not data:
                if until is None:
                    seen = time.perf_counter()
                break
            buf += data
            if until is not None and until.search(buf):
                seen = time.perf_counter()
        if seen is not None and until is not None:
            os.write(fd, b"\x04")
        while select.select([fd], [], [], 5)[0]:
            try:
                if not os.read(fd, 65536):
                    break
            except OSError:
                break
    finally:
        os.close(fd)
        _, status = os.waitpid(pid, 0)
    if seen is None:
        raise Unmeasurable(f"{' '.join(argv)}: no "
                           f"{'prompt' if until else 'end'} within 10 s; "
                           f"it wrote {buf[-300:]!r}")
    if os.waitstatus_to_exitcode(status) != 0:
        raise Unmeasurable(f"{' '.join(argv)}: exit "
                           f"{os.waitstatus_to_exitcode(status)}")
    return seen - t0


def remove_db(path):
    for f in (path, path + "-wal", path + "-shm"):
        if os.path.exists(f):
            os.unlink(f)


def bench_prompt(rapport, work, env, big_db, summary):
    env = dict(env, TERM="xterm-256color")
    env.pop("NO_COLOR")
    content = os.path.join(ROOT, "content")
    small = os.path.join(work, "prompt.db")
    remove_db(small)
    shell = [rapport, "--content", content, "--user", "bench", "--db"]
    cases = [
        ("true (starting any program)", ["/bin/true"], None),
        ("rapport --version", [rapport, "--version"], re.compile(rb"rapport ")),
        ("rapport, to its first prompt", shell + [small], PROMPT),
        (f"  the same, {ANSWERS:,}-answer db", shell + [big_db], PROMPT),
    ]
    say(f"\nFirst prompt: the shell on the shipped course through a "
        f"pseudo-terminal ({PROMPT_RUNS} runs each, in turn)")
    pty_time(shell + [small], env, PROMPT)  # creates the database
    times = {name: [] for name, _, _ in cases}
    for i in range(PROMPT_RUNS):
        order = cases if i % 2 == 0 else list(reversed(cases))
        for name, argv, until in order:
            times[name].append(pty_time(argv, env, until))
    fresh = []
    for i in range(max(3, PROMPT_RUNS // 4)):
        db = os.path.join(work, "prompt-new.db")
        remove_db(db)
        fresh.append(pty_time(shell + [db], env, PROMPT))
    remove_db(os.path.join(work, "prompt-new.db"))
    for name, _, _ in cases:
        v = times[name]
        say(f"  {name:<34} {statistics.median(v) * 1000:7.1f} ms median,"
            f" {sorted(v)[int(0.9 * (len(v) - 1))] * 1000:.1f} ms p90")
    say(f"  {'  the same, a new database':<34} "
        f"{statistics.median(fresh) * 1000:7.1f} ms median")
    ms = statistics.median(times["rapport, to its first prompt"]) * 1000
    base = statistics.median(times["true (starting any program)"]) * 1000
    say(f"  first prompt {ms:.1f} ms ({ms - base:.1f} ms more than starting"
        f" true); goal <= {GOAL_PROMPT_MS:.0f} ms: "
        f"{verdict(ms, GOAL_PROMPT_MS)}")
    summary.append(("first prompt, shipped course", ms, GOAL_PROMPT_MS, " ms"))


# ---- 3. report and export against the sqlite3 shell ----

def bench_db(rapport, work, env, summary):
    db = os.path.join(work, "answers.db")
    say(f"\nResults database: {ANSWERS:,} answers")
    t0 = time.perf_counter()
    gen = subprocess.run([sys.executable, os.path.join(HERE, "gen_db.py"),
                          rapport, os.path.join(ROOT, "content"), db,
                          str(ANSWERS)], capture_output=True, text=True,
                         env=env)
    if gen.returncode != 0:
        raise Unmeasurable(f"gen_db.py: {gen.stderr.strip()}")
    say(f"  made in {time.perf_counter() - t0:.1f} s: {gen.stdout.strip()}"
        f"; {mb(os.path.getsize(db) / 1024)}")
    base = [rapport, "--content", os.path.join(ROOT, "content"), "--db", db]
    # rapport accepts the database it did not write itself
    hist = subprocess.run(base + ["--user", "rep-007", "history"],
                          capture_output=True, text=True, env=env)
    if hist.returncode != 0 or hist.stdout.count("\n") < 10:
        raise Unmeasurable(f"rapport history on the generated database: "
                           f"{hist.stderr.strip()}")
    sqlite = ["sqlite3", "-bail", "-batch",
              "-cmd", f".parameter set :course {COURSE}", db]
    out = lambda name: os.path.join(work, name)  # noqa: E731
    pairs = [
        ("report", GOAL_DB,
         Cmd("rapport report --all", base + ["report", "--all"],
             stdout=out("team-report.txt")),
         Cmd("sqlite3 < report.sql", sqlite,
             stdin=os.path.join(HERE, "report.sql"),
             stdout=out("report-sqlite.txt"))),
        ("export as CSV", GOAL_DB,
         Cmd("rapport export --all --format csv",
             base + ["export", "--all", "--format", "csv"],
             stdout=out("export.csv")),
         Cmd("sqlite3 < export.sql", sqlite,
             stdin=os.path.join(HERE, "export.sql"),
             stdout=out("export-sqlite.csv"))),
        ("export as JSON", GOAL_DB,
         Cmd("rapport export --all", base + ["export", "--all"],
             stdout=out("export.json")),
         Cmd("sqlite3 < export_json.sql", sqlite,
             stdin=os.path.join(HERE, "export_json.sql"),
             stdout=out("export-sqlite.json"))),
        ("item statistics", GOAL_DB,
         Cmd("rapport stats --all", base + ["stats", "--all"],
             stdout=out("stats.txt")),
         Cmd("sqlite3 < stats.sql", sqlite,
             stdin=os.path.join(HERE, "stats.sql"),
             stdout=out("stats-sqlite.txt"))),
    ]
    for what, goal, ours, theirs in pairs:
        run(ours, env)
        run(theirs, env)
        check_outputs(what, ours.stdout, theirs.stdout)
        race(ours, theirs, DB_RUNS, env)
        mem = peak_kb(ours, env, 1)
        say(f"\n{what[0].upper() + what[1:]} over {ANSWERS:,} answers "
            f"({DB_RUNS} runs each, in turn)")
        line(ours, f", peak {mb(mem)}")
        line(theirs)
        summary.append((f"{what}: time", ratio_lines(ours, theirs, goal),
                        goal, "x"))
    for f in ("team-report.txt", "report-sqlite.txt", "export.csv",
              "export-sqlite.csv", "export.json", "export-sqlite.json",
              "stats.txt", "stats-sqlite.txt"):
        os.unlink(out(f))
    bench_wide_report(db, base, sqlite, work, env, summary)
    bench_many_activities(db, base, sqlite, work, env, summary)
    return db


def bench_wide_report(db, base, sqlite, work, env, summary):
    """The report again, the answers spread over 10,000 questions instead
    of the shipped course's 46: what a course with big question banks
    gives, and where a lookup that walks a list per answer would show."""
    wide = os.path.join(work, "answers-wide.db")
    shutil.copyfile(db, wide)
    p = subprocess.run(["sqlite3", "-bail", "-batch", wide],
                       input="UPDATE answers SET item = "
                             "printf('q%05d', abs(random() % 10000));\n",
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise Unmeasurable(f"sqlite3 {wide}: {p.stderr.strip()}")
    race_reports(wide, base, sqlite, work, env, summary,
                 f"Report over {ANSWERS:,} answers to 10,000 different "
                 "questions", "report, 10,000 questions: time")


def race_reports(db, base, sqlite, work, env, summary, title, row):
    """`rapport report --all` against report.sql on db, which is then
    removed: a line of the summary."""
    out = os.path.join(work, "team-report-" + os.path.basename(db) + ".txt")
    ours = Cmd("rapport report --all", base[:-1] + [db, "report", "--all"],
               stdout=out)
    theirs = Cmd("sqlite3 < report.sql", sqlite[:-1] + [db],
                 stdin=os.path.join(HERE, "report.sql"),
                 stdout=out + ".sqlite")
    run(ours, env)
    run(theirs, env)
    check_outputs("report", ours.stdout, theirs.stdout)
    race(ours, theirs, DB_RUNS, env)
    say(f"\n{title} ({DB_RUNS} runs each, in turn)")
    line(ours)
    line(theirs)
    summary.append((row, ratio_lines(ours, theirs, GOAL_DB), GOAL_DB, "x"))
    os.unlink(out)
    os.unlink(out + ".sqlite")
    remove_db(db)


ACTIVITIES = 20000 if QUICK else 80000


def bench_many_activities(db, base, sqlite, work, env, summary):
    """The report of one person with ACTIVITIES different quizzes, each
    finished once: where a report that looked each activity up in a list
    took the square of their number (10 s at 80,000); a merged file within
    merge's limits can hold as many."""
    many = os.path.join(work, "activities.db")
    shutil.copyfile(db, many)
    sql = f"""
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TEMP TABLE one AS SELECT * FROM attempts
  WHERE kind = 'quiz' AND status = 'finished' ORDER BY id LIMIT 1;
CREATE TEMP TABLE one_scores AS
  SELECT s.* FROM attempt_scores s JOIN one ON s.attempt_id = one.id;
DELETE FROM answers; DELETE FROM attempt_items; DELETE FROM attempt_scores;
DELETE FROM attempts; DELETE FROM review; DELETE FROM lesson_reads;
DELETE FROM path_progress;
INSERT INTO attempts (id, uuid, user_id, course, kind, item, fingerprint,
                      seed, started, finished, status, total, score, band,
                      passed)
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
                          WHERE i < {ACTIVITIES})
  SELECT i, {gen_db.UUID}, (SELECT id FROM users WHERE name = 'rep-007'),
         one.course, 'quiz', printf('activity-%06d', i), one.fingerprint,
         one.seed, one.started + 60 * i, one.started + 60 * i + 30,
         'finished', 0, one.score, one.band, one.passed
  FROM n, one;
INSERT INTO attempt_scores (attempt_id, competency, scored, score, earned,
                            possible, answered, total)
  SELECT a.id, s.competency, s.scored, s.score, s.earned, s.possible,
         s.answered, s.total FROM attempts a, one_scores s;
COMMIT;
VACUUM;
"""
    p = subprocess.run(["sqlite3", "-bail", "-batch", many], input=sql,
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise Unmeasurable(f"sqlite3 {many}: {p.stderr.strip()}")
    race_reports(many, base, sqlite, work, env, summary,
                 f"Report of one person with {ACTIVITIES:,} different "
                 "activities", f"report, {ACTIVITIES:,} activities: time")


def check_outputs(what, ours, theirs):
    """The two sides of a pair must have done the same work."""
    if what == "export as CSV":
        if not same_file(ours, theirs):
            raise Unmeasurable("rapport's CSV export and export.sql's differ")
    elif what == "export as JSON":
        with open(ours, "rb") as f:
            a = sum(1 for l in f if l.startswith(b'      "uuid": '))
        with open(theirs, "rb") as f:
            b = sum(1 for _ in f)
        if a != b or a == 0:
            raise Unmeasurable(f"JSON exports hold {a} and {b} attempts")
    elif what == "item statistics":
        with open(ours) as f:
            head = " ".join(f.read(4096).split())
        with open(theirs) as f:
            first = f.readline().strip().split("|")
        if first[0] != "attempts" or \
                f"{int(first[1]):,} finished attempts".replace(",", "") \
                not in head.replace(",", ""):
            raise Unmeasurable(f"stats and stats.sql count different "
                               f"attempts: {first}")
    else:
        with open(ours) as f:
            head = f.read(4096)
        with open(theirs) as f:
            first = f.readline().strip().split("|")
        if f"{int(first[2])} answers" not in head.replace(",", ""):
            raise Unmeasurable(f"the report and report.sql count different "
                               f"answers: {first}")


def same_file(a, b):
    with open(a, "rb") as f, open(b, "rb") as g:
        while True:
            x, y = f.read(1 << 20), g.read(1 << 20)
            if x != y:
                return False
            if not x:
                return True


# ---- the whole run ----

def versions(rapport):
    def first_line(argv):
        try:
            p = subprocess.run(argv, capture_output=True, text=True)
            return (p.stdout or p.stderr).strip().splitlines()[0]
        except (OSError, IndexError):
            return "?"
    lib = first_line(["xmllint", "--version"]).split()[-1]  # e.g. 20914
    if lib.isdigit() and len(lib) >= 5:
        lib = f"{int(lib[:-4])}.{int(lib[-4:-2])}.{int(lib[-2:])}"
    return (f"{first_line([rapport, '--version'])}; "
            f"xmllint (libxml2 {lib}); "
            f"sqlite3 {first_line(['sqlite3', '--version']).split()[0]}")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: bench.py BUILD")
    build = os.path.abspath(sys.argv[1])
    rapport = os.path.join(build, "rapport")
    missing = [t for t in ("xmllint", "sqlite3") if not shutil.which(t)]
    if not os.access(rapport, os.X_OK):
        missing.append(rapport)
    if not os.access("/usr/bin/time", os.X_OK):
        missing.append("/usr/bin/time")
    if missing:
        print(f"bench: cannot measure without: {', '.join(missing)}",
              file=sys.stderr)
        return 1
    work = os.path.join(build, "bench")
    os.makedirs(work, exist_ok=True)
    home = tempfile.mkdtemp(prefix="rapport-bench-")
    env = clean_env(home)
    summary = []
    started = time.time()
    say(f"rapport benchmarks{' (BENCH_QUICK: small sizes, not for quoting)' if QUICK else ''}")
    say(f"  {versions(rapport)}")
    say(f"  {platform.node()}: {os.cpu_count()} cpus, "
        f"{platform.platform(terse=True)}; load average at start {load()}")
    try:
        bench_validate(rapport, work, env, summary)
        db = bench_db(rapport, work, env, summary)
        bench_prompt(rapport, work, env, db, summary)
        try:
            live.bench_live(rapport, ROOT, work, env, say, verdict, summary)
        except (RuntimeError, OSError) as e:
            raise Unmeasurable(f"the live meeting: {e}")
        try:
            send.bench_send(rapport, ROOT, work, env, say, verdict, summary,
                            2 if QUICK else 3)
        except (RuntimeError, OSError, ValueError) as e:
            raise Unmeasurable(f"send: {e}")
        try:
            importbench.bench_import(rapport, work, env, say, verdict, summary,
                                     3 if QUICK else 5)
        except (RuntimeError, OSError, subprocess.CalledProcessError) as e:
            raise Unmeasurable(f"import: {e}")
    except Unmeasurable as e:
        print(f"\nbench: could not measure: {e}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(home, ignore_errors=True)
    say(f"\nSummary (load average at the end {load()}; "
        f"{time.time() - started:.0f} s in all)")
    for what, value, goal, unit in summary:
        shown = f"{value:.2f}{unit}" if unit == "x" else f"{value:.1f}{unit}"
        say(f"  {what:<38} {shown:>9}  goal <= {goal:g}{unit}: "
            f"{verdict(value, goal)}")
    with open(os.path.join(work, "report.txt"), "w") as f:
        f.write("\n".join(LOG) + "\n")
    say(f"\n(this report is also in {os.path.relpath(os.path.join(work, 'report.txt'))})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
