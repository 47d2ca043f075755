#!/usr/bin/env python3
"""gen_db.py - build a rapport results database of about N answers.

Usage: gen_db.py RAPPORT CONTENT DB N

First rapport itself takes the shipped course a few times (quizzes, the
self-assessment, an exercise practised alone) for four people, answering
through --answers with a cycle of lines that every kind of question
accepts one of; so the seed rows are exactly what rapport writes. Then the
sqlite3 shell copies those attempts, with everything that hangs off them,
until the answers table holds N or a few more: every copy gets a new id
and a new random version-4 UUID, belongs to one of 500 people (each of
whom ends up with every kind of attempt), and is spread over the past
year with its answers timed inside it. Foreign keys
are checked at the end. Prints what it made.
"""
import os
import random
import subprocess
import sys
import tempfile
import time

PEOPLE = 500
SEED_USERS = ("ana", "ben", "cleo", "dev")
YEAR = 365 * 86400


def answer_lines(seed):
    """A cycle of answers: some line of it suits every kind of item (an
    order of 2 to 6 letters, one letter, a number for a statement)."""
    r = random.Random(seed)
    out = []
    for _ in range(400):
        for n in (2, 3, 4, 5, 6):
            p = list("abcdef"[:n])
            r.shuffle(p)
            out.append(" ".join(p))
        out.append(r.choice("abcd"))
        out.append(str(r.randint(1, 5)))
    return "\n".join(out) + "\n"


def seed(rapport, content, db, work):
    env = dict(os.environ)
    runs = 0
    for u, user in enumerate(SEED_USERS):
        for k, args in enumerate((["quiz", "knowledge-check"],
                                  ["quiz", "knowledge-check"],
                                  ["assess", "self-check"],
                                  ["practice", "team-meeting"])):
            s = 100 * u + k
            path = os.path.join(work, f"answers-{s}.txt")
            with open(path, "w") as f:
                f.write(answer_lines(s))
            cmd = [rapport, "--content", content, "--db", db, "--user", user,
                   "--seed", str(s), "--answers", path] + args
            p = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
            if p.returncode != 0:
                sys.exit(f"gen_db: {' '.join(cmd)}: exit {p.returncode}: "
                         f"{p.stderr.strip()}")
            runs += 1
    return runs


def sqlite(db, sql):
    p = subprocess.run(["sqlite3", "-bail", "-batch", db], input=sql,
                       capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"gen_db: sqlite3: {p.stderr.strip()}")
    return p.stdout.strip()


UUID = ("lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2)))"
        " || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'"
        " || substr('89ab', 1 + abs(random() % 4), 1)"
        " || substr(lower(hex(randomblob(2))), 2) || '-'"
        " || lower(hex(randomblob(6)))")


def replicate(db, target, now):
    per_copy = int(sqlite(db, "SELECT count(*) FROM answers;"))
    copies = -(-(target - per_copy) // per_copy)  # the seed is copy zero
    step = YEAR // copies
    sql = f"""
PRAGMA foreign_keys = ON;
BEGIN IMMEDIATE;
INSERT INTO users (name, created)
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {PEOPLE})
  SELECT printf('rep-%03d', i), {now - YEAR - 86400} FROM n;
CREATE TEMP TABLE tmpl AS
  SELECT id AS tid, started AS tstarted, row_number() OVER (ORDER BY id) - 1 AS ti
  FROM attempts;
CREATE TEMP TABLE map AS
  WITH RECURSIVE c(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM c WHERE k < {copies} - 1)
  SELECT (SELECT max(id) FROM attempts) + 1 + k * (SELECT count(*) FROM tmpl) + ti AS nid,
         tid, tstarted,
         (SELECT min(id) FROM users WHERE name GLOB 'rep-*')
           + (k + ti * 131) % {PEOPLE} AS uid,
         {now - YEAR} + k * {step} + ti * 600 AS started
  FROM c, tmpl;
INSERT INTO attempts (id, uuid, user_id, course, kind, item, fingerprint, seed,
                      started, finished, status, total, score, band, passed,
                      straight_lining, meeting)
  SELECT m.nid, {UUID}, m.uid, a.course, a.kind, a.item, a.fingerprint,
         CAST(abs(random()) AS TEXT), m.started,
         CASE WHEN a.finished IS NOT NULL THEN m.started + a.total * 40 + 30 END,
         a.status, a.total, a.score, a.band, a.passed, a.straight_lining, a.meeting
  FROM map m JOIN attempts a ON a.id = m.tid ORDER BY m.nid;
INSERT INTO attempt_items (attempt_id, position, item, choices)
  SELECT m.nid, i.position, i.item, i.choices
  FROM map m JOIN attempt_items i ON i.attempt_id = m.tid ORDER BY m.nid, i.position;
INSERT INTO answers (attempt_id, position, item, competency, outcome, response,
                     credit, earned, possible, keyed, answered_at, seconds)
  SELECT m.nid, r.position, r.item, r.competency, r.outcome, r.response,
         r.credit, r.earned, r.possible, r.keyed,
         m.started + (r.position + 1) * 40, 4 + abs(random() % 70000) / 1000.0
  FROM map m JOIN answers r ON r.attempt_id = m.tid ORDER BY m.nid, r.position;
INSERT INTO attempt_scores (attempt_id, competency, scored, score, earned,
                            possible, answered, total)
  SELECT m.nid, s.competency, s.scored, s.score, s.earned, s.possible,
         s.answered, s.total
  FROM map m JOIN attempt_scores s ON s.attempt_id = m.tid ORDER BY m.nid;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
SELECT count(*) FROM pragma_foreign_key_check;
SELECT (SELECT count(*) FROM users) || ' people, '
    || (SELECT count(*) FROM attempts) || ' attempts, '
    || (SELECT count(*) FROM answers) || ' answers, '
    || (SELECT count(*) FROM attempt_items) || ' planned items, '
    || (SELECT count(*) FROM attempt_scores) || ' competency scores';
"""
    out = sqlite(db, sql).splitlines()
    if out[-2].strip() != "0":
        sys.exit(f"gen_db: foreign key check found {out[-2]} problems")
    return out[-1]


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: gen_db.py RAPPORT CONTENT DB N")
    rapport, content, db, target = sys.argv[1:4] + [int(sys.argv[4])]
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.unlink(db + suffix)
    with tempfile.TemporaryDirectory() as work:
        runs = seed(rapport, content, db, work)
    print(f"{runs} sessions through rapport, then copied: "
          f"{replicate(db, target, int(time.time()))}")


if __name__ == "__main__":
    main()
