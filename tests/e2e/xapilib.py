"""xapilib - xAPI statements a test exported, run through Learning Locker's
validator and rapport's own rules (tests/npm/xapi-validate.js), with the
tools scripts/npm-tools.sh installs into build/npm."""
import json
import os
import subprocess
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NODE_MODULES = os.path.join(TOP, "build", "npm", "node_modules")
SCRIPT = os.path.join(TOP, "tests", "npm", "xapi-validate.js")


def problems(*batches):
    """What the validator finds in the batches (lists of statements, or
    the JSON text of one): a list of lines, empty when every statement
    is valid. Activity types are compared across all the batches."""
    if not os.path.isdir(os.path.join(NODE_MODULES, "@learninglocker", "xapi-validation")):
        return ["the xAPI validator is not installed: run scripts/npm-tools.sh (make check does)"]
    files = []
    try:
        for b in batches:
            f = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False,
                                            dir=os.environ.get("TESTS_TMP"))
            f.write(b if isinstance(b, str) else json.dumps(b))
            f.close()
            files.append(f.name)
        r = subprocess.run(["node", SCRIPT] + files, capture_output=True, text=True, timeout=600)
    finally:
        for f in files:
            os.unlink(f)
    lines = r.stdout.splitlines()
    if r.returncode == 0 and lines and lines[-1].endswith(" 0 problems"):
        return []
    found = lines[:-1] + ([r.stderr.strip()[-500:]] if r.stderr.strip() else [])
    return found or lines[-1:] or [f"the validator exited {r.returncode}"]


def count(*batches):
    """How many statements the batches hold."""
    return sum(len(json.loads(b) if isinstance(b, str) else b) for b in batches)


class LRS:
    """Learning Locker's statements service (tests/npm/lrs.js) in dir, on
    127.0.0.1: start() on a port the system picks (or the one it had,
    after a stop or a death), stop(), kill(), and statements(), every one
    it has, page after page."""

    def __init__(self, dir, **env):
        self.dir, self.env, self.port, self.proc = dir, env, 0, None

    def start(self, **env):
        import subprocess
        e = dict(os.environ)
        e.update(self.env)
        e.update(env)
        self.proc = subprocess.Popen(["node", os.path.join(TOP, "tests", "npm", "lrs.js"),
                                      self.dir, str(self.port)], stdout=subprocess.PIPE,
                                     stderr=open(os.path.join(self.dir + ".log"), "ab"), env=e)
        line = self.proc.stdout.readline().decode()
        if not line.startswith("listening "):
            raise RuntimeError(f"the LRS did not start: {line!r}, see {self.dir}.log")
        self.port = int(line.split()[1])
        return self

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)

    def request(self, method, where, body=None):
        import http.client
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        c.request(method, where, body=body, headers={
            "X-Experience-API-Version": "1.0.3", "Content-Type": "application/json"})
        r = c.getresponse()
        data = r.read()
        c.close()
        return r.status, data

    def statements(self):
        out, where = [], "/xAPI/statements?limit=500"
        while where:
            status, data = self.request("GET", where)
            if status != 200:
                raise RuntimeError(f"GET {where}: {status} {data[:200]!r}")
            page = json.loads(data)
            out += page["statements"]
            where = page.get("more") or ""
        return out
