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
        r = subprocess.run(["node", SCRIPT] + files, capture_output=True, text=True,
                           env=dict(os.environ, NODE_PATH=NODE_MODULES), timeout=600)
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
