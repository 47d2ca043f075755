#!/usr/bin/python3
"""Soak: four rapport shells answer into one database at once, 2,000
answers each, quizzes and reviews back to back, and some of the processes
are killed with SIGKILL at random moments (then started again for the same
learner). Afterwards:

- every answer whose feedback was shown is in the database, for the
  question that was shown and with the outcome that was shown;
- the only answers stored without feedback are the ones in flight at a kill;
- no position of an attempt is answered twice;
- every quiz a kill (or a quit) left unfinished was offered again by the next
  'quiz', with the count of answers the database holds, went on at the
  next question with the same questions in the same order, and finished;
- PRAGMA integrity_check is ok and no row points nowhere.

The learner's answers come from the course files: each question is told
apart by the first line of its prompt. Under a wrapper (WRAP, valgrind) a
run is many times slower, so there each process gives 100 answers, not
2,000. ANSWERS=N in the environment sets another size, SOAK_SEED=N other
choices and kill times."""
import os
import random
import re
import shlex
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from learner import load_questions, squash  # noqa: E402

os.chdir(os.path.join(here, "..", ".."))
rapport = shlex.split(os.environ["RAPPORT"])
slow = bool(os.environ.get("WRAP"))
PROCESSES = 4
TARGET = int(os.environ.get("ANSWERS") or (100 if slow else 2000))
KILL_SHARE = 0.5      # of the processes started, about this many are killed
QUIT_SHARE = 0.01     # of the quiz answers, a learner's own stop instead
REVIEW_SHARE = 0.15   # of the commands, a review rather than a quiz
SEED = int(os.environ.get("SOAK_SEED") or 20261127)  # the learners' choices and kill times
CONTENT = "content/inside-relationships"
QUIZ = "knowledge-check"
work = tempfile.mkdtemp(dir=os.environ.get("TESTS_TMP", "/tmp"))
db = os.path.join(work, "soak.db")
# wide, so that each message is one line to read as it streams in: the
# soak is about who holds which attempt, not about wrapping
env = dict(os.environ, LC_ALL="C.UTF-8", COLUMNS="1000")

QUESTIONS = list(load_questions(CONTENT).values())
HEADER = re.compile(r"^Question (\d+) of (\d+)\b")
RESUME = re.compile(r"^Resuming an unfinished '([^']*)' started .*, (\d+) of (\d+) answered\.$")
FEEDBACK = (("Right:", "right"), ("Not quite:", "wrong"), ("Partly right:", "partial"),
            ("  Skipped:", "skipped"))

problems = []
problems_lock = threading.Lock()


def problem(text):
    with problems_lock:
        problems.append(text)


def identify(first_line):
    """The question whose prompt starts with this line, or None."""
    start = squash(first_line)
    found = [q for q in QUESTIONS if len(start) >= 15 and q.prompt.startswith(start)]
    return found[0] if len(found) == 1 else None


def reader():
    """A read-only connection: the test never writes the database."""
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=60)


def query(sql, args):
    """The rows of sql; none while no process has made the database yet
    (the first ones may all be killed before they do)."""
    if not os.path.exists(db):
        return []
    con = reader()
    try:
        return con.execute(sql, args).fetchall()
    except sqlite3.OperationalError as e:
        if "no such table" in str(e):
            return []
        raise
    finally:
        con.close()


class Attempt:
    """One attempt as the output showed it."""

    def __init__(self, kind, db_id=None):
        self.kind = kind          # 'quiz' or 'review'
        self.db_id = db_id        # attempts.id, once known
        self.shown = {}           # position -> question id shown there
        self.acked = {}           # position -> (question id, outcome) with feedback
        self.in_flight = set()    # positions answered when a kill came
        self.total = None         # questions in it, from the header
        self.resumes = 0


class Learner(threading.Thread):
    """One learner: rapport shells started one after another, each running
    a few quizzes and reviews back to back, some killed on the way."""

    def __init__(self, n):
        super().__init__()
        self.user = f"soak{n}"
        self.rng = random.Random(SEED + n)
        self.attempts = []        # in the order they were made
        self.by_id = {}           # attempts.id -> Attempt
        self.open_quiz = None     # the unfinished quiz the next 'quiz' resumes
        self.acked = 0
        self.stats = dict(lives=0, killed=0, killed_in_quiz=0, killed_in_review=0,
                          in_flight_kept=0, in_flight_lost=0, resumed=0, quits=0)
        self.per_answer = PER_ANSWER  # seconds, measured as it goes
        self.startup = STARTUP        # seconds to the first output, likewise
        self.max_id = 0

    # ---- one process ----

    def life(self, final):
        cmds = ["quiz " + QUIZ] if final else [
            "review --all" if self.rng.random() < REVIEW_SHARE else "quiz " + QUIZ
            for _ in range(self.rng.randint(1, 6))]
        seed = self.rng.randrange(1, 2 ** 31)
        p = subprocess.Popen(rapport + ["--db", db, "--user", self.user, "--seed", str(seed)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, env=env)
        lock = threading.Lock()
        done = [False]

        def kill():
            with lock:
                if not done[0]:
                    p.kill()

        # a kill while it starts, or at a moment while it answers (timed
        # from its first output, as starting takes long under a wrapper)
        timer = None
        kill_at = None
        if not final and self.rng.random() < KILL_SHARE:
            if self.rng.random() < 0.15:
                timer = threading.Timer(self.rng.uniform(0, self.startup), kill)
                timer.start()
            else:
                kill_at = self.rng.uniform(0, len(cmds) * 24 * self.per_answer)
        started = time.monotonic()
        new = []                  # attempts this process made, in order
        current = None            # the attempt being answered
        pending = None            # (attempt, position, question id, outcome) not yet acknowledged
        resumed = None            # the attempt a "Resuming" line named
        expect_header = None      # the first question a resumed attempt asks
        kind = None               # what the last command started
        first_prompt = None       # (attempt, position): the next line starts the prompt
        acked_here = 0
        closed = False
        log = []

        def send(line):
            nonlocal closed
            if closed:
                return
            try:
                p.stdin.write((line + "\n").encode())
                p.stdin.flush()
            except (BrokenPipeError, OSError):
                closed = True

        def next_command():
            nonlocal kind, resumed, closed
            if closed:
                return
            if not cmds:
                try:
                    p.stdin.close()
                except (BrokenPipeError, OSError):
                    pass
                closed = True
                return
            cmd = cmds.pop(0)
            kind = cmd.split()[0]
            resumed = None
            send(cmd)

        next_command()
        for raw in p.stdout:
            if not log:
                self.startup = 0.7 * self.startup + 0.3 * (time.monotonic() - started)
                if kill_at is not None:
                    timer = threading.Timer(kill_at, kill)
                    timer.start()
            line = raw.decode("utf-8", "replace").rstrip("\n")
            log.append(line)
            del log[:-60]
            m = RESUME.match(line)
            if m:
                title, answered, total = m.group(1), int(m.group(2)), int(m.group(3))
                if kind != "quiz" or self.open_quiz is None or title != "Knowledge check":
                    problem(f"{self.user}: a resume nobody expected: {line!r}")
                    continue
                resumed = self.open_quiz
                # one stopped by 'quit' in this process has no id yet, and no kill
                want = (self.count_answers(resumed.db_id) if resumed.db_id
                        else len(resumed.acked))
                if answered != want or total != 24:
                    problem(f"{self.user}: resumed with {answered} of {total} answered; "
                            f"the database holds {want} of 24 for attempt {resumed.db_id}")
                resumed.resumes += 1
                self.stats["resumed"] += 1
                expect_header = answered + 1
                if answered == total:
                    # killed after the last answer, before the result: it
                    # finishes at once, and the shell wants its next command
                    self.open_quiz = None
                    resumed = None
                    next_command()
                continue
            m = HEADER.match(line)
            if m:
                k, total = int(m.group(1)), int(m.group(2))
                if current is None:
                    if resumed is not None:
                        current = resumed
                        if k != expect_header:
                            problem(f"{self.user}: attempt {current.db_id} resumed at question "
                                    f"{k}, not {expect_header}")
                    else:
                        if kind == "quiz" and self.open_quiz is not None:
                            problem(f"{self.user}: the unfinished quiz (attempt "
                                    f"{self.open_quiz.db_id}) was not offered again")
                            self.open_quiz = None
                        current = Attempt("quiz" if kind == "quiz" else "review")
                        new.append(current)
                        if k != 1:
                            problem(f"{self.user}: a new attempt began at question {k}")
                    current.total = total
                first_prompt = (current, k - 1)
                continue
            if first_prompt:
                att, pos = first_prompt
                first_prompt = None
                q = identify(line)
                if q is None:
                    problem(f"{self.user}: no question starts with {line!r}")
                    send("skip")
                    continue
                att.shown[pos] = q.id
                answer = self.choose(q, final or att.kind != "quiz")
                if answer == "quit":
                    send("quit")
                    self.stats["quits"] += 1
                    self.open_quiz = att
                    current = None
                    next_command()
                    continue
                pending = (att, pos, q.id, "skipped" if answer == "skip" else None)
                send(answer)
                if pos + 1 == att.total:
                    next_command()   # the shell reads it once the result is shown
                continue
            for text, outcome in FEEDBACK:
                if line.startswith(text) and pending:
                    att, pos, qid, want = pending
                    if want and want != outcome:
                        problem(f"{self.user}: a skip shown as {outcome!r}")
                    att.acked[pos] = (qid, outcome)
                    pending = None
                    acked_here += 1
                    if pos + 1 == att.total:
                        if att is self.open_quiz:
                            self.open_quiz = None
                        current = None
                    break
            else:
                if line.startswith("rapport:"):
                    problem(f"{self.user}: {line}")
                elif line.startswith(("Your review queue is empty", "Nothing is due today")):
                    next_command()
        with lock:
            done[0] = True
        if timer:
            timer.cancel()
        p.wait()
        elapsed = time.monotonic() - started
        killed = p.returncode == -9
        self.stats["lives"] += 1
        if acked_here:
            self.per_answer = (0.7 * self.per_answer +
                               0.3 * max(0.001, elapsed - self.startup) / acked_here)
        if killed:
            self.stats["killed"] += 1
            if pending:
                pending[0].in_flight.add(pending[1])
            if current is not None:
                self.stats["killed_in_" + current.kind] += 1
                if current.kind == "quiz":
                    self.open_quiz = current
        elif p.returncode != 0:
            problem(f"{self.user}: rapport exit {p.returncode}:\n    " + "\n    ".join(log[-15:]))
        if pending and not killed:
            problem(f"{self.user}: an answer was never acknowledged:\n    " + "\n    ".join(log[-15:]))
        self.acked += acked_here
        self.settle(new, killed)

    def choose(self, q, no_quit):
        """A valid answer to q, right or wrong by chance, sometimes a skip."""
        r = self.rng.random()
        if r < QUIT_SHARE and not no_quit:
            return "quit"
        if r < 0.08:
            return "skip"
        letters = "abcdefghij"[:len(q.options)]
        if q.kind == "short-answer":
            return q.accept if self.rng.random() < 0.5 else "no idea"
        if q.kind == "ordering":
            order = list(letters)
            self.rng.shuffle(order)
            return " ".join(order)
        if q.kind == "multiple-response":
            return " ".join(sorted(self.rng.sample(letters, self.rng.randint(1, len(letters)))))
        return self.rng.choice(letters)

    # ---- what the database says between processes ----

    def count_answers(self, attempt_id):
        return query("SELECT count(DISTINCT position) FROM answers WHERE attempt_id = ?",
                     (attempt_id,))[0][0]

    def settle(self, new, killed):
        """Gives this process's attempts their database ids, and finds the
        unfinished quiz the next process must offer."""
        rows = query(
            "SELECT t.id, t.kind FROM attempts t JOIN users u ON u.id = t.user_id"
            " WHERE u.name = ? AND t.id > ? ORDER BY t.id", (self.user, self.max_id))
        open_quizzes = query(
            "SELECT t.id FROM attempts t JOIN users u ON u.id = t.user_id"
            " WHERE u.name = ? AND t.kind = 'quiz' AND t.status = 'open'", (self.user,))
        # a kill may come after an attempt is stored but before anything of it is shown
        if len(rows) not in (len(new), len(new) + killed):
            problem(f"{self.user}: {len(new)} attempts shown, {len(rows)} stored")
        for i, (attempt_id, kind) in enumerate(rows):
            if i < len(new):
                att = new[i]
                if att.kind != kind:
                    problem(f"{self.user}: attempt {attempt_id} is a {kind}, shown as a {att.kind}")
            else:
                att = Attempt(kind)
                if kind == "quiz":
                    self.open_quiz = att
            att.db_id = attempt_id
            self.attempts.append(att)
            self.by_id[attempt_id] = att
            self.max_id = attempt_id
        if len(open_quizzes) > 1:
            problem(f"{self.user}: {len(open_quizzes)} unfinished quizzes")
        if open_quizzes:
            att = self.by_id.get(open_quizzes[0][0])
            if att is None:
                problem(f"{self.user}: unfinished quiz {open_quizzes[0][0]} was never made here")
            elif self.open_quiz is not None and self.open_quiz is not att:
                problem(f"{self.user}: attempt {att.db_id} is unfinished, not "
                        f"{self.open_quiz.db_id}")
            # a kill between the last answer and the result leaves it open too
            self.open_quiz = att
        elif self.open_quiz is not None:
            att = self.open_quiz
            if len(att.acked) + len(att.in_flight) < 24 and killed:
                problem(f"{self.user}: attempt {att.db_id} ended without its answers")
            self.open_quiz = None

    def run(self):
        try:
            while self.acked < TARGET:
                self.life(final=False)
            if self.open_quiz is not None:
                self.life(final=True)
        except Exception as e:  # a broken test must not look like a pass
            problem(f"{self.user}: the driver failed: {e!r}")


# kill times spread over how long a process takes here: time one start and
# one quiz on a database of their own to begin with
scratch = os.path.join(work, "timing.db")
t0 = time.monotonic()
subprocess.run(rapport + ["--db", scratch, "users"], capture_output=True, env=env, timeout=600)
STARTUP = time.monotonic() - t0
t0 = time.monotonic()
subprocess.run(rapport + ["--db", scratch, "--seed", "1", "quiz", QUIZ],
               input=b"skip\n" * 24, capture_output=True, env=env, timeout=600)
PER_ANSWER = max(0.001, (time.monotonic() - t0 - STARTUP) / 24)

t0 = time.monotonic()
learners = [Learner(n) for n in range(PROCESSES)]
for l in learners:
    l.start()
for l in learners:
    l.join()
elapsed = time.monotonic() - t0

# ---- the database against what was shown ----
con = reader()
checked = extra = 0
for l in learners:
    for att in l.attempts:
        rows = con.execute("SELECT position, item, outcome FROM answers WHERE attempt_id = ?",
                           (att.db_id,)).fetchall()
        plan = dict(con.execute("SELECT position, item FROM attempt_items WHERE attempt_id = ?",
                                (att.db_id,)).fetchall())
        status, total = con.execute("SELECT status, total FROM attempts WHERE id = ?",
                                    (att.db_id,)).fetchone()
        stored = {}
        for pos, item, outcome in rows:
            if pos in stored:
                problem(f"{l.user}: attempt {att.db_id} answers position {pos} twice")
            stored[pos] = (item, outcome)
        for pos, (qid, outcome) in att.acked.items():
            checked += 1
            if stored.get(pos) != (qid, outcome):
                problem(f"{l.user}: attempt {att.db_id} question {pos + 1}: shown {qid} "
                        f"{outcome}, stored {stored.get(pos)}")
        for pos in stored.keys() - att.acked.keys():
            if pos in att.in_flight:
                extra += 1
            else:
                problem(f"{l.user}: attempt {att.db_id} question {pos + 1} is stored but was "
                        f"neither acknowledged nor in flight at a kill")
        for pos in att.in_flight:
            # kept: stored by the killed process; else asked again on resuming
            kept = pos in stored and pos not in att.acked
            l.stats["in_flight_kept" if kept else "in_flight_lost"] += 1
        for pos, qid in att.shown.items():
            if plan.get(pos) != qid:
                problem(f"{l.user}: attempt {att.db_id} showed {qid} as question {pos + 1}; "
                        f"its plan has {plan.get(pos)}")
        if att.kind == "quiz" and (status != "finished" or len(stored) != total or total != 24):
            problem(f"{l.user}: quiz attempt {att.db_id} is {status} with {len(stored)} of "
                    f"{total} answered")
integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
orphans = con.execute("PRAGMA foreign_key_check").fetchall()
total_answers = con.execute("SELECT count(*) FROM answers").fetchone()[0]
con.close()
if integrity != "ok":
    problems.append(f"integrity_check: {integrity}")
if orphans:
    problems.append(f"foreign_key_check: {orphans[:5]}")
for l in learners:
    if l.acked < TARGET:
        problems.append(f"{l.user}: only {l.acked} answers acknowledged")

s = {k: sum(l.stats[k] for l in learners) for k in learners[0].stats}
if not slow and TARGET >= 1000 and (s["killed_in_quiz"] < 10 or s["resumed"] < 10):
    problems.append(f"too few kills inside a quiz ({s['killed_in_quiz']}) or resumes "
                    f"({s['resumed']}) to prove anything")
for p in problems[:40]:
    print("not ok:", p)
if len(problems) > 40:
    print(f"not ok: ... and {len(problems) - 40} more")
print(f"{PROCESSES} processes x {TARGET}+ answers in {elapsed:.1f} s: {checked} acknowledged "
      f"answers all stored as shown ({total_answers} rows); {s['lives']} processes started, "
      f"{s['killed']} killed ({s['killed_in_quiz']} inside a quiz, {s['killed_in_review']} "
      f"inside a review); {s['resumed']} resumes, all with the same questions; {s['quits']} "
      f"quits; answers in flight at a kill: {s['in_flight_kept']} stored, "
      f"{s['in_flight_lost']} not (a quiz asks those again); seed {SEED}, "
      f"integrity {integrity}")
sys.exit(1 if problems else 0)
