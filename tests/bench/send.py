"""send.py - send's benchmark, for bench.py: rapport send of about 10,000
statements to Learning Locker's statements service (tests/npm/lrs.js, on
127.0.0.1, its statements in memory only) against curl posting the same
statements, in the same batches of 100, over one connection, to the same
service freshly started, in turns in the same run. Both start from an
empty store: what is measured is the whole send, the store's own work
included, which is most of it."""
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

STATEMENTS = 10000
BATCH = 100
GOAL = 1.2  # send's time against curl's


class Store:
    def __init__(self, root, dir):
        self.root, self.dir, self.proc = root, dir, None

    def start(self):
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.dir)
        self.proc = subprocess.Popen(
            ["node", os.path.join(self.root, "tests", "npm", "lrs.js"), self.dir],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env=dict(os.environ, LRS_VOLATILE="1"))
        line = self.proc.stdout.readline().decode()
        if not line.startswith("listening "):
            raise RuntimeError(f"the LRS did not start: {line!r}")
        self.port = int(line.split()[1])
        return f"http://127.0.0.1:{self.port}/xAPI/statements"

    def count(self):
        import http.client
        n, where = 0, "/xAPI/statements?limit=1000"
        while where:
            c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            c.request("GET", where, headers={"X-Experience-API-Version": "1.0.3"})
            page = json.loads(c.getresponse().read())
            c.close()
            n += len(page["statements"])
            where = page.get("more") or ""
        return n

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=60)


def timed(argv, env):
    t0 = time.perf_counter()
    r = subprocess.run(argv, env=env, capture_output=True, text=True)
    t = time.perf_counter() - t0
    if r.returncode != 0:
        raise RuntimeError(f"{argv[0]}: exit {r.returncode}: {r.stderr[-300:]}")
    return t


def bench_send(rapport, root, work, env, say, verdict, summary, runs):
    import gen_db
    say(f"\nSending to a learning record store: about {STATEMENTS:,} statements")
    if not shutil.which("curl") or not shutil.which("node"):
        raise RuntimeError("send needs curl and node (scripts/deps.sh bench, make test-tools)")
    db = os.path.join(work, "send.db")
    if os.path.exists(db):
        os.unlink(db)
    gen = subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "gen_db.py"),
                          rapport, os.path.join(root, "content"), db, str(STATEMENTS * 9 // 10)],
                         capture_output=True, text=True, env=env)
    if gen.returncode != 0:
        raise RuntimeError(f"gen_db.py: {gen.stderr.strip()}")
    base = [rapport, "--content", os.path.join(root, "content"), "--db"]
    out = subprocess.run(base + [db, "export", "--all", "--format", "xapi"],
                         capture_output=True, text=True, env=env)
    statements = json.loads(out.stdout)
    n = len(statements)
    # the same batches as send makes: 100 at a time, in order
    files = []
    for i in range(0, n, BATCH):
        f = os.path.join(work, f"batch-{i // BATCH:04d}.json")
        with open(f, "w") as out_f:
            out_f.write("[" + ",".join(json.dumps(s, separators=(",", ":"))
                                       for s in statements[i:i + BATCH]) + "]")
        files.append(f)
    say(f"  {n:,} statements of {gen.stdout.strip()}, in {len(files)} batches")
    store = Store(root, os.path.join(work, "lrs"))
    ours, theirs = [], []
    for run in range(runs):
        for who in (("send", "curl") if run % 2 == 0 else ("curl", "send")):
            url = store.start()
            try:
                if who == "send":
                    copy = os.path.join(work, "send-run.db")
                    shutil.copy(db, copy)
                    ours.append(timed(base + [copy, "send", "--all", "--lrs", url,
                                              "--batch", str(BATCH)], env))
                else:
                    argv = ["curl", "-sS", "--fail"]
                    for k, f in enumerate(files):
                        if k:
                            argv.append("--next")
                        argv += ["-o", os.devnull, "-H", "X-Experience-API-Version: 1.0.3",
                                 "-H", "Content-Type: application/json", "--data-binary",
                                 "@" + f, url]
                    theirs.append(timed(argv, env))
                got = store.count()
                if got != n:
                    raise RuntimeError(f"{who} left {got} of {n} statements in the store")
            finally:
                store.stop()
    a, b = statistics.median(ours), statistics.median(theirs)
    say(f"  {'rapport send --all':<34} {a:>9.2f} s  (fastest {min(ours):.2f} s)")
    say(f"  {'curl, the same batches':<34} {b:>9.2f} s  (fastest {min(theirs):.2f} s)")
    say(f"  time ratio {a / b:.2f}x; goal <= {GOAL}x: {verdict(a / b, GOAL)}")
    summary.append(("send 10,000 statements: time", a / b, GOAL, "x"))
    for f in files:
        os.unlink(f)
