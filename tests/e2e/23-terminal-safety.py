#!/usr/bin/python3
"""Terminal safety: text rapport did not write itself never reaches the
terminal raw.

Course text, user names, typed answers, meeting participants and file
names carry hostile payloads: ESC sequences (ESC [2J clears the screen,
ESC ]0;...BEL sets the window title), the 8-bit CSI U+009B (UTF-8 C2 9B),
the lone byte 0x9B (not UTF-8), DEL, BEL, backspace, CR, NUL where a byte
can carry it, and the bidirectional controls U+202A-U+202E, U+2066-U+2069,
U+200E, U+200F and U+061C, which make text display in another order than
it is stored. Every command that shows them runs in batch mode and through
a real pseudo-terminal.

"Raw" in what rapport writes, precisely:
  - the bytes 0x00-0x08, 0x0B-0x1F and 0x7F (tab and newline are text;
    through a pty the line discipline turns "\\n" into "\\r\\n", so a CR
    right before a LF is allowed there),
  - C1 controls in UTF-8 (C2 80 - C2 9F),
  - any byte 0x80-0xFF that is not part of well-formed UTF-8,
  - U+202A-U+202E, U+2066-U+2069, U+200E, U+200F and U+061C,
except rapport's own SGR colour sequences, on a terminal without NO_COLOR.
rapport shows each such character or bad byte as U+FFFD (text_sanitize in
src/core/text.c); every sub-case also requires that shown form, so a
payload that vanishes fails as surely as one that leaks.

Exports are data, not terminal output: CSV and JSON give back the stored
name and typed answer byte for byte, xAPI is valid JSON carrying them, and
the HTML report holds no raw control at all (it shows U+FFFD, as the
terminal does). What a person types at the shell is echoed by readline,
not by rapport; the echoed line is left out of the checks.

Each case prints "ok N - name" or "not ok N - name"."""
import csv
import html.parser
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import traceback

import pexpect

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import xapilib  # noqa: E402

TOP = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
os.chdir(TOP)
RAPPORT = shlex.split(os.environ["RAPPORT"])
SLOW = bool(os.environ.get("WRAP"))  # under valgrind: fewer pty sessions
TIMEOUT = 120 if SLOW else 15
WORK = tempfile.mkdtemp(prefix="tsafe.", dir=os.environ.get("TESTS_TMP", "/tmp"))
MINIMAL = "tests/content/good/minimal.xml"
MEETING = "tests/content/good/meeting.xml"

# ---- payloads (str; a lone surrogate \udcXX is the raw byte 0xXX) ----

ESC_CLEAR = "\x1b[2J"
OSC_TITLE = "\x1b]0;owned\x07"
CSI8 = "\u009b31m"           # C1 CSI as UTF-8: C2 9B
RAW_CSI = "\udc9b"           # the byte 0x9B alone: not UTF-8
BIDI_ALL = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
BIDI_CHARS = set(BIDI_ALL)

# a user name, valid UTF-8: every control and bidi payload
NAME = ("eve" + ESC_CLEAR + "a" + OSC_TITLE + "b" + CSI8 + "c\x7f\x08\rd"
        "\u202elive\u2066x\u2069\u200f\u061c")
# a second one, typed at the shell
NAME2 = "bob\x1b[31m\u202eRED\u2067\u2068z\u2069\u200e\x7f"
# a name that is not UTF-8
NAME_BAD = "mal" + RAW_CSI + "\udcff" + ESC_CLEAR + "\u202e"
# a short answer, typed (and a wrong letter that is not even a letter)
TYPED = "rea" + ESC_CLEAR + CSI8 + "\u202enos\u2066\x7f"
NOT_A_LETTER = "\u202ez" + ESC_CLEAR + "\x08"
# file names carry everything but '/' and NUL
FNAME = ("f" + ESC_CLEAR + OSC_TITLE + CSI8 + RAW_CSI + "\x7f\x08\r\t\n"
         "\u202eLMX.exe\u2066\u2069\u200f")


def shown(s, one_line=True):
    """s as text_sanitize shows it: U+FFFD for each control, bidi control
    and bad byte; with one_line, for tab and newline too."""
    out = []
    for ch in s:
        o = ord(ch)
        if ch in "\t\n":
            out.append("\ufffd" if one_line else ch)
        elif o < 0x20 or 0x7F <= o <= 0x9F or ch in BIDI_CHARS or 0xDC80 <= o <= 0xDCFF:
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out)


def stored(s):
    """s as rapport keeps it: a byte that is not UTF-8 becomes U+FFFD."""
    return "".join("\ufffd" if 0xDC80 <= ord(c) <= 0xDCFF else c for c in s)


def b(s):
    return s.encode("utf-8", "surrogateescape")


# rapport's own colour, the only escape sequences it may write
SGR = [b"\x1b[1m", b"\x1b[2m", b"\x1b[32m", b"\x1b[31m", b"\x1b[33m", b"\x1b[1;36m", b"\x1b[0m"]


def raw_spots(data, pty=False, colour=False):
    """Where data (bytes) holds a raw control, as short descriptions."""
    if colour:
        for seq in SGR:
            data = data.replace(seq, b"")
    text = data.decode("utf-8", "surrogateescape")
    spots = []
    for i, ch in enumerate(text):
        o = ord(ch)
        if ch in "\t\n":
            continue
        if pty and ch == "\r" and text[i + 1:i + 2] == "\n":
            continue
        if o < 0x20 or 0x7F <= o <= 0x9F or 0xDC80 <= o <= 0xDCFF or ch in BIDI_CHARS:
            spots.append(f"U+{o:04X} at {i}: {text[max(0, i - 25):i + 15]!r}")
    return spots


# ---- reporting ----

COUNT = [0]
FAILED = [0]


def case(label, problems):
    """One sub-case: ok when problems is empty."""
    COUNT[0] += 1
    if problems:
        FAILED[0] += 1
        print(f"not ok {COUNT[0]} - {label}")
        for p in problems[:8]:
            print("#", str(p)[:400])
    else:
        print(f"ok {COUNT[0]} - {label}")


def clean(data, wants=(), pty=False, colour=False, what="output"):
    """Problems with data: raw controls, and each wanted text (str, as
    shown) that is missing."""
    problems = [f"raw in {what}: {s}" for s in raw_spots(data, pty, colour)[:5]]
    for w in wants:
        if b(w) not in data:
            problems.append(f"{what} lacks {w!r}; got {data.decode('utf-8', 'replace')[-600:]!r}")
    return problems


# ---- running rapport ----

def env(**extra):
    e = dict(os.environ)
    e.update(LC_ALL="C.UTF-8", TZ="UTC", TERM="dumb", PAGER="cat", COLUMNS="100",
             ASAN_OPTIONS="verify_asan_link_order=0:" + os.environ.get("ASAN_OPTIONS", ""))
    e.pop("NO_COLOR", None)
    e.update(extra)
    return {k: v for k, v in e.items() if v is not None}


DBS = [0]


def new_db():
    DBS[0] += 1
    return os.path.join(WORK, f"db{DBS[0]}.db")


def run(args, stdin=b"", **extra):
    """rapport with args (str, surrogates for raw bytes): (exit, stdout,
    stderr) as bytes."""
    r = subprocess.run(RAPPORT + [os.fsencode(a) for a in args], input=stdin,
                       capture_output=True, env=env(**extra), timeout=TIMEOUT * 20)
    return r.returncode, r.stdout, r.stderr


def batch(label, args, wants=(), stdin=b"", status=0, err_wants=(), **extra):
    """A batch run as one sub-case: the exit status, nothing raw on stdout
    or stderr, the wanted texts on stdout (wants) or stderr (err_wants).
    Returns (stdout, stderr)."""
    try:
        rc, out, err = run(args, stdin, **extra)
    except subprocess.TimeoutExpired:
        case(label, ["timed out"])
        return b"", b""
    problems = []
    if status is not None and rc != status:
        problems.append(f"exit {rc}, want {status}; stderr {err[-400:]!r}")
    problems += clean(out, wants, what="stdout")
    problems += clean(err, err_wants, what="stderr")
    case(label, problems)
    return out, err


INPUTRC = os.path.join(WORK, "inputrc")
with open(INPUTRC, "w") as f:
    f.write("set enable-bracketed-paste off\nset bell-style none\n"
            "set enable-keypad off\nset enable-meta-key off\n")


class Pty:
    """rapport on a pseudo-terminal. Everything rapport writes is kept in
    self.out; the echo of what is typed (readline's, not rapport's) is
    left out."""

    def __init__(self, args, colour=False, **extra):
        e = env(HOME=os.path.join(WORK, "home"), INPUTRC=INPUTRC,
                XDG_STATE_HOME=os.path.join(WORK, "state"),
                NO_COLOR=None if colour else "1",
                # colour needs a terminal that says it takes it
                **({"TERM": "xterm"} if colour else {}), **extra)
        argv = RAPPORT + args  # str; surrogates go out as the raw bytes
        self.colour = colour
        self.out = b""
        self.child = pexpect.spawn(argv[0], argv[1:], env=e, timeout=TIMEOUT,
                                   dimensions=(40, 100))
        self.log = open(os.path.join(WORK, "last-pty.log"), "wb")
        self.child.logfile_read = self.log

    def upto(self, text):
        """Waits for text (str) in rapport's output; returns what came
        before it."""
        self.child.expect_exact(b(text))
        self.out += self.child.before + self.child.after
        return self.child.before

    def upto_answer(self):
        """Waits for the prompt for an answer ("Your answer (...): ", bold
        in colour)."""
        self.child.expect_exact([b"): ", b"):\x1b[0m "])
        self.out += self.child.before + self.child.after

    def type(self, line):
        """Types line and Enter; control characters go in literally, with
        readline's quoted-insert (Ctrl-V). The echo is skipped."""
        data = b""
        for ch in b(line):
            c = bytes([ch])
            data += (b"\x16" + c) if ch < 0x20 or ch == 0x7F else c
        self.child.send(data + b"\r")
        self.child.expect_exact(b"\r\n")  # the end of the echoed line

    def leave(self):
        """Ctrl-D; returns the exit status."""
        self.child.sendcontrol("d")
        self.child.expect(pexpect.EOF)
        self.out += self.child.before
        self.child.close()
        return self.child.exitstatus

    def finish(self):
        """Waits for the end; returns the exit status."""
        self.child.expect(pexpect.EOF)
        self.out += self.child.before
        self.child.close()
        return self.child.exitstatus

    def problems(self, wants=()):
        return clean(self.out, wants, pty=True, colour=self.colour, what="the terminal")


def pty_case(label, fn):
    """Runs fn (returning its problems) as one sub-case; a timeout or a
    failed expectation is a problem too."""
    try:
        problems = fn()
    except Exception as e:  # pexpect.TIMEOUT, EOF, assertion
        problems = [traceback.format_exception_only(type(e), e)[-1].strip()[:300]]
        try:
            tail = open(os.path.join(WORK, "last-pty.log"), "rb").read()[-500:]
            problems.append(f"last output: {tail!r}")
        except OSError:
            pass
    case(label, problems)


# ---- courses ----

def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else b(data))


with open(MINIMAL, encoding="utf-8") as f:
    BASE = f.read()

# Course text that loads (with warnings): direction marks throughout, and a
# role attribute, which is free text, carrying C1, DEL, CR, tab and LF.
T_TITLE = "Desk\u202eTITLE\u2066x\u2069"
T_LESSON = "Ask\u202bLESSON\u200f\u061c"
T_PARA = "Before\u202dPARA\u2068y\u2069\u200e"
T_PROMPT = "What\u202ePROMPT\u2067"
T_OPTION = "Leave\u202eOPTION\u202c"
T_FEEDBACK = "The\u202eFEEDBACK\u2066"
T_HINT = "Think\u202eHINT\u2069"
T_SCENARIO = "The\u202eCHAIR\u2067"
T_ROLE = "Lee\u009b31m\x7f\r\t\nROLE\u202e"  # as the attribute's value
T_BAND = "Not\u202eYET"


def put(text, *pairs):
    """text with each (old, new) replaced; old must be there."""
    for old, new in pairs:
        assert old in text, f"{MINIMAL} changed: no {old!r} to put a payload in"
        text = text.replace(old, new)
    return text


HOSTILE = put(BASE,
              ("<title>Desk basics</title>", f"<title>{T_TITLE}</title>"),
              ("<title>Ask before you hand over</title>", f"<title>{T_LESSON}</title>"),
              ("<p>Before you pass", f"<p>{T_PARA} you pass"),
              ("What do you do first", f"{T_PROMPT} do you do first"),
              ("<text>Leave the order on the desk.", f"<text>{T_OPTION} the order on the desk."),
              ("The job arrives without", f"{T_FEEDBACK} job arrives without"),
              ("<hint>Think", f"<hint>{T_HINT}"),
              ("<title>The chair</title>", f"<title>{T_SCENARIO}</title>"),
              ('role="Lee, order desk"', 'role="Lee&#x9B;31m&#x7F;&#13;&#9;&#10;ROLE\u202e"'),
              ("<label>Not yet</label>", f"<label>{T_BAND}</label>"))
COURSE = os.path.join(WORK, "course", "hostile")
write(os.path.join(COURSE, "course.xml"), HOSTILE)
# what the screens show of them (text is folded: tab, CR and LF are blanks
# in element text, but kept in an attribute)
S_TITLE, S_LESSON, S_PARA, S_PROMPT, S_OPTION, S_FEEDBACK, S_HINT, S_SCENARIO, S_BAND = (
    shown(t) for t in (T_TITLE, T_LESSON, T_PARA, T_PROMPT, T_OPTION, T_FEEDBACK, T_HINT,
                       T_SCENARIO, T_BAND))
S_ROLE = shown(T_ROLE)

# Course files that are refused, each for a payload
BROKEN = os.path.join(WORK, "broken")
write(f"{BROKEN}/c1.xml", put(BASE, ("<p>Before you pass", "<p>Before\u009b31m you pass"),
                              ("<summary>Why a", "<summary>&#x9B;2J Why a"),
                              ("<point>A request", "<point>A\x7f request")))
TITLE = "<title>Desk basics"
write(f"{BROKEN}/esc.xml", b(put(BASE, (TITLE, "<title>Desk" + ESC_CLEAR + OSC_TITLE))))
write(f"{BROKEN}/raw9b.xml", b(put(BASE, (TITLE, "<title>Desk" + RAW_CSI + "31m"))))
write(f"{BROKEN}/nul.xml", b(put(BASE, (TITLE, "<title>Desk\x00" + ESC_CLEAR))))
write(f"{BROKEN}/charref.xml", put(BASE, (TITLE, "<title>Desk&#x1B;[2J")))
ID_LESSON = "ask\u202eevil"
ID_QUESTION = "q\u009b31m"
ID_OPTION = "dr\x7fop"
ID_REF = "resp\u2066ect"
write(f"{BROKEN}/ids.xml", put(BASE,
                               ('<lesson id="ask-first"', f'<lesson id="{ID_LESSON}"'),
                               ('<single-choice id="q-first"', '<single-choice id="q&#x9B;31m"'),
                               ('<option id="drop"', '<option id="dr&#x7F;op"'),
                               ('<true-false id="tf-note" competency="respect"',
                                f'<true-false id="tf-note" competency="{ID_REF}"'),
                               ('shuffle="false"', 'shuffle="no&#x9B;&#13;pe"')))

# ---- the cases ----


def content_batch():
    c = ["--db", new_db(), "--content", COURSE, "--seed", "3"]
    batch("validate: a course with direction marks warns, shows them escaped",
          c + ["validate", COURSE], ["contains the invisible direction mark U+202E", "1 lesson"])
    batch("lessons: titles shown escaped", c + ["lessons"], [S_LESSON])
    batch("read: a lesson's title and text shown escaped", c + ["read", "ask-first"],
          [S_LESSON, S_PARA])
    batch("quizzes: nothing raw", c + ["quizzes"], ["Desk basics check"])
    answers = "\n".join([NOT_A_LETTER, "hint", "a", "b c", "a", "c b a", TYPED, "b"]) + "\n"
    batch("quiz (answers on stdin): prompt, options, hint, feedback, a typed answer escaped",
          c + ["quiz", "check"],
          [S_PROMPT, S_OPTION, S_HINT, S_FEEDBACK, shown(TYPED), S_BAND],
          stdin=b(answers))
    for item, want in [("ask-first", [S_LESSON, S_PARA]), ("q-first", [S_PROMPT, S_OPTION, S_FEEDBACK]),
                       ("sc-chair", [S_SCENARIO, S_ROLE]), ("check", [S_BAND])]:
        batch(f"show {item}: as an author sees it, escaped", c + ["show", item], want)
    batch("show: an id that is not there is named escaped", c + ["show", NAME],
          status=1, err_wants=[shown(NAME)])
    batch("read: a lesson that is not there is named escaped", c + ["read", FNAME],
          status=1, err_wants=[shown(FNAME)])
    script = "\n".join(["lessons", "read ask-first", "show sc-chair", f"read '{NAME}'",
                        NAME, f"help {NAME2}"]) + "\n"
    batch("a scripted shell: lessons, read, show, unknown ids and commands escaped",
          c, [S_LESSON, S_PARA, S_ROLE], stdin=b(script), status=2,
          err_wants=[shown(NAME), shown(NAME2)])
    batch("meeting: scenario titles and role cards escaped",
          c + ["meeting", "meeting"], [S_SCENARIO, S_ROLE, "Talked to Lee first."],
          stdin=b"ana\n\ncards\nana a\nreveal\nend\n")


def broken_content():
    for name, wants in [
        ("c1.xml", ["control character U+009B", "control character U+007F"]),
        ("esc.xml", ["esc.xml:"]),
        ("raw9b.xml", ["raw9b.xml:"]),
        ("nul.xml", ["nul.xml:"]),
        ("charref.xml", ["charref.xml:"]),
        # (the lesson's id is refused without being quoted)
        ("ids.xml", [shown(ID_QUESTION), shown(ID_OPTION), shown(ID_REF), shown("no\u009b\rpe")]),
    ]:
        batch(f"validate {name}: refused, the payload shown escaped in the message",
              ["validate", os.path.join(BROKEN, name)], wants, status=1)


def users_batch():
    db = new_db()
    c = ["--db", db, "--content", MINIMAL, "--seed", "3"]
    answers = "\n".join(["b", "b c", "a", "c b a", TYPED, "b"]) + "\n"
    batch("--user: a quiz taken under a hostile name", ["--user", NAME] + c + ["quiz", "check"],
          ["You wrote: " + shown(TYPED)], stdin=b(answers))
    batch("--user: a name that is not UTF-8", ["--user", NAME_BAD] + c + ["quiz", "check"],
          stdin=b(answers))
    batch("users: the names shown escaped", ["--user", "tester"] + c + ["users"],
          [shown(NAME)[:12], shown(stored(NAME_BAD))[:8]])
    batch("history: the name shown escaped", ["--user", NAME] + c + ["history"],
          ["History of " + shown(NAME)])
    batch("progress: fine with a hostile name", ["--user", NAME] + c + ["progress"])
    batch("report: names shown escaped", ["--user", "tester"] + c + ["report", "--all"],
          [shown(NAME)[:12]])
    batch("$USER as the name: history shows it escaped", c + ["history"],
          ["History of " + shown(NAME2)], USER=NAME2)
    batch("user NAME in a script: 'Now working as' escaped", c,
          ["Now working as " + shown(NAME2)], stdin=b(f"user '{NAME2}'\nusers\n"))
    other = ["--user", "tester", "--db", new_db(), "--content", MINIMAL, "quiz", "check"]
    batch("an answer that is no letter: asked again, nothing of it raw", other,
          ["Answer with one letter, a to b. Try again."], stdin=b(NOT_A_LETTER + "\nquit\n"))
    batch("a NUL in a typed answer: the line is refused, and nothing of it leaks", other,
          stdin=b"z\x00\x1b[2J\x9b\nquit\n", status=1,
          err_wants=["line 1: the line holds a NUL byte"])
    return db


def exports(db):
    c = ["--db", db, "--content", MINIMAL]
    batch("export json: says where it went",
          c + ["export", "--all", "--format", "json", "-o", os.path.join(WORK, "x.json")],
          ["Exported 2 attempts"])
    problems = []
    try:
        doc = json.load(open(os.path.join(WORK, "x.json"), encoding="utf-8"))
        users = sorted(a.get("user", "<no user>") for a in doc["attempts"])
        if users != sorted([NAME, stored(NAME_BAD)]):
            problems.append(f"users {users!r}")
        for a in doc["attempts"]:
            word = [x.get("response") for x in a["answers"] if x["item"] == "q-word"]
            if word != [TYPED]:
                problems.append(f"{a.get('user')!r}: response {word!r}, want {TYPED!r}")
    except (ValueError, KeyError, OSError) as e:
        problems.append(f"not a JSON export: {e}")
    case("export json: the names and the typed answer come back byte for byte", problems)

    path = os.path.join(WORK, "x.csv")
    batch("export csv: says where it went", c + ["export", "--all", "--format", "csv", "-o", path],
          ["Exported 2 attempts"])
    problems = []
    try:
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        if sorted({r["user"] for r in rows}) != sorted([NAME, stored(NAME_BAD)]):
            problems.append(f"users {sorted({r['user'] for r in rows})!r}")
        words = [json.loads(r["response"]) for r in rows if r["item"] == "q-word"]
        if words != [TYPED, TYPED]:
            problems.append(f"responses {words!r}")
    except (ValueError, KeyError, OSError) as e:
        problems.append(f"not a CSV export: {e}")
    case("export csv: the names and the typed answer come back byte for byte", problems)

    path = os.path.join(WORK, "x.xapi.json")
    batch("export xapi: says where it went", c + ["export", "--all", "--format", "xapi", "-o", path],
          ["xAPI statements"])
    problems = []
    try:
        statements = json.load(open(path, encoding="utf-8"))
        names = {(s["actor"].get("name"), s["actor"].get("account", {}).get("name")) for s in statements}
        if names != {(NAME, NAME), (stored(NAME_BAD), stored(NAME_BAD))}:
            problems.append(f"actors {names!r}")
        typed = [s["result"]["response"] for s in statements
                 if s["object"]["id"].endswith("/question/q-word")]
        if typed != [TYPED, TYPED]:
            problems.append(f"responses {typed!r}")
        problems += xapilib.problems(statements)
    except (ValueError, KeyError, OSError) as e:
        problems.append(f"not valid xAPI JSON: {e}")
    case("export xapi: every statement valid to Learning Locker, every actor named as stored, "
         "the answer intact", problems)

    # to a pipe, an export is data: byte for byte (on a terminal it is
    # shown safely, pty_exports)
    _, out, _ = run(c + ["export", "--all", "--format", "csv"])
    case("export csv to a pipe: the data as stored", [] if b(NAME) in out else ["name not intact"])

    page = os.path.join(WORK, "report.html")
    batch("report --html: says where it went", c + ["report", "--all", "--html", page], ["Wrote the report"])
    problems = []
    data = open(page, "rb").read()
    problems += [f"raw in the HTML: {s}" for s in raw_spots(data)[:5]]

    class Page(html.parser.HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.text = []

        def handle_data(self, d):
            self.text.append(d)

        def handle_starttag(self, tag, attrs):
            self.text += [v or "" for _, v in attrs]

    p = Page()
    try:
        p.feed(data.decode("utf-8"))
        p.close()
    except UnicodeDecodeError as e:
        problems.append(f"the HTML is not UTF-8: {e}")
    seen = "\n".join(p.text)
    problems += [f"parsed text holds raw {s}" for s in raw_spots(b(seen))[:3]]
    if shown(NAME, one_line=False) not in seen:
        problems.append(f"the parsed page lacks the name shown as {shown(NAME, False)!r}")
    case("report --html: no raw control, the names shown escaped", problems)


def file_names():
    d = os.path.join(WORK, "files")
    os.makedirs(d, exist_ok=True)
    f = FNAME
    missing = os.path.join(d, "gone" + f, "x")
    bad_xml = os.path.join(d, f + ".xml")
    write(bad_xml, "<doc/>")
    folder = os.path.join(d, "course" + f)
    write(os.path.join(folder, "course.xml"), BASE)
    bad_folder = os.path.join(d, "bad" + f)
    write(os.path.join(bad_folder, "course.xml"), "<course id='x'>")
    not_db = os.path.join(d, "db" + f)
    write(not_db, "this is not a database\n")
    bad_json = os.path.join(d, "m" + f + ".json")
    write(bad_json, b"{\"format\": \x1b[2J\xc2\x9b\x9b\xe2\x80\xae}")
    bad_json2 = os.path.join(d, "n" + f + ".json")
    write(bad_json2, b"{\"format\": \"x\x1b]0;owned\x07\xc2\x9b\"}")
    s = shown
    c = ["--db", new_db(), "--content", MINIMAL]
    batch("validate: a missing file named escaped", ["validate", missing], [s(missing)], status=1)
    batch("validate: a bad XML file named escaped", ["validate", bad_xml], [s(bad_xml) + ":1:1: error:"],
          status=1)
    batch("validate: a good course in a hostile folder", ["validate", folder], [s(folder) + ": "])
    batch("--content: a missing folder named escaped", ["--content", missing, "lessons"],
          status=1, err_wants=[s(missing)])
    batch("--content: a broken course's messages name it escaped", ["--content", bad_folder, "lessons"],
          status=1, err_wants=[s(bad_folder)])
    batch("--content: a hostile folder name in the course's own messages",
          ["--content", folder, "--db", new_db(), "lessons"], ["Lessons"])
    batch("--db: a file that is not a database named escaped", ["--db", not_db, "--content", MINIMAL, "history"],
          status=1, err_wants=[s(not_db)])
    batch("--db: a folder that is not there named escaped",
          ["--db", missing, "--content", MINIMAL, "history"], status=1, err_wants=[s(missing)[:40]])
    batch("--answers: a missing file named escaped", c + ["--answers", missing, "quiz", "check"],
          status=2, err_wants=[s(missing)])
    batch("export -o: a folder that is not there named escaped", c + ["export", "-o", missing],
          status=1, err_wants=[s(missing)])
    # the name escaped on one line, wherever the message wraps before it
    batch("export -o: a hostile file name in the confirmation", c + ["export", "-o", bad_xml + ".csv"],
          [s(bad_xml + ".csv") + ".\n"])
    batch("report --html: a folder that is not there named escaped",
          c + ["report", "--html", missing], status=1, err_wants=[s(missing)])
    batch("merge: a missing file named escaped", c + ["merge", missing], status=1, err_wants=[s(missing)])
    batch("merge: bad JSON with escapes in it: the message shows them escaped",
          c + ["merge", bad_json], status=1, err_wants=[s(bad_json) + ":1:"])
    batch("merge: a bad string with escapes: the message shows them escaped",
          c + ["merge", bad_json2], status=1, err_wants=[s(bad_json2) + ":1:"])
    batch("--seed: a value that is not a number shown escaped",
          c + ["--seed", f], status=2, err_wants=[s(f)])
    batch("an unknown option named escaped", c + ["--" + f], status=2, err_wants=[s("--" + f)])
    batch("an unknown command named escaped", c + [f], status=2, err_wants=[s(f)])
    batch("export --since: a bad date shown escaped", c + ["export", "--since", f], status=2,
          err_wants=[s(f)])
    batch("export --format: a bad format shown escaped", c + ["export", "--format", f], status=2,
          err_wants=[s(f)])
    return folder, bad_folder


def meetings():
    db = new_db()
    red, kim, raj = "Red\u202e" + ESC_CLEAR, "kim\u009b31m", "raj\x7f\u2066"
    ana, tom = "ana" + OSC_TITLE + "\u202e", "tom" + ESC_CLEAR + "\x08"
    script = "\n".join([ana, tom, f"team {red}: {kim}, {raj}", "", f"{ana} a", f"{tom} b",
                        f"{red} c", f"zed{ESC_CLEAR}\u202e b", "who", "reveal", "scores", "end"]) + "\n"
    batch("meeting: participants, a team and an unknown name shown escaped",
          ["--db", db, "--user", "facilitator", "--content", MEETING, "meeting", "weekly"],
          [shown(ana), shown(tom), shown(red), shown(kim), shown(raj)],
          stdin=b(script), err_wants=[shown(f"zed{ESC_CLEAR}\u202e")], status=None)
    rc, out, _ = run(["--db", db, "--content", MEETING, "export", "--all", "--format", "json"])
    problems = []
    try:
        users = sorted({a["user"] for a in json.loads(out)["attempts"]})
        if users != sorted([ana, tom, kim, raj]):
            problems.append(f"users {users!r}")
    except (ValueError, KeyError) as e:
        problems.append(f"not JSON: {e}")
    case("meeting: every participant's answers kept under the very name typed", problems)


# ---- through a pseudo-terminal ----

def prompt(user, course="desk-basics", colour=False):
    """The shell's prompt for user, as the terminal gets it."""
    if colour:
        return "\x1b[1;36m" + shown(user) + "@" + course + "\x1b[0m> "
    return shown(user) + "@" + course + "> "


def pty_shell(colour):
    def fn():
        p = Pty(["--db", new_db(), "--user", NAME, "--content", COURSE, "--seed", "3"], colour=colour)
        p.upto(prompt(NAME, colour=colour))
        for cmd, want in [("lessons", S_LESSON), ("read ask-first", S_PARA), ("show q-first", S_FEEDBACK),
                          ("show sc-chair", S_ROLE), ("validate", "1 lesson"),
                          (f"read {NAME}", shown(NAME)), (f"{FNAME[:20]}", "unknown command")]:
            p.type(cmd)
            p.upto(want)
            p.upto(prompt(NAME, colour=colour))
        p.type("quiz check")
        for answer in [NOT_A_LETTER, "hint", "a", "b c", "a", "c b a", TYPED, "b"]:
            p.upto_answer()
            p.type(answer)
        p.upto(S_BAND)
        p.upto(prompt(NAME, colour=colour))
        p.type("users")
        p.upto(prompt(NAME, colour=colour))
        p.type("history")
        p.upto("History of ")
        p.upto(prompt(NAME, colour=colour))
        p.type(f"user {NAME2}")
        p.upto("Now working as " + shown(NAME2))
        p.upto(prompt(NAME2, colour=colour))
        status = p.leave()
        problems = p.problems(["Welcome to rapport, " + shown(NAME), shown(T_TITLE), S_LESSON, S_PROMPT,
                               S_OPTION, S_HINT, shown(TYPED), shown(NAME2)])
        if status != 0:
            problems.append(f"exit {status}")
        return problems
    return fn


def pty_errors(bad_folder):
    def fn():
        p = Pty(["--content", bad_folder])
        status = p.finish()
        problems = p.problems([shown(bad_folder)])
        if status != 1:
            problems.append(f"exit {status}, want 1")
        p = Pty(["validate", os.path.join(BROKEN, "ids.xml"), os.path.join(BROKEN, "esc.xml"),
                 os.path.join(BROKEN, "raw9b.xml")])
        p.finish()
        return problems + p.problems([shown(ID_OPTION), shown(ID_QUESTION)])
    return fn


def pty_exports(db, formats):
    """Exports, and a --json result, printed straight to the terminal."""
    def fn():
        problems = []
        answers = os.path.join(WORK, "answers")
        write(answers, "\n".join(["a", "b c", "a", "c b a", TYPED, "b"]) + "\n")
        p = Pty(["--db", new_db(), "--content", COURSE, "--seed", "3", "--answers", answers,
                 "--json", "quiz", "check"])
        status = p.finish()
        problems += [f"--json: {x}" for x in p.problems([S_BAND, shown(TYPED, one_line=False)[4:]])]
        if status != 0:
            problems.append(f"--json: exit {status}")
        for fmt in formats:
            p = Pty(["--db", db, "--content", MINIMAL, "export", "--all", "--format", fmt])
            status = p.finish()
            problems += [f"{fmt}: {x}" for x in p.problems([shown("\u202elive\u2066")])]
            if status != 0:
                problems.append(f"{fmt}: exit {status}")
        return problems
    return fn


def pty_meeting():
    def fn():
        ana, red = "ana" + OSC_TITLE + "\u202e", "Red\u2067" + CSI8
        p = Pty(["--db", new_db(), "--content", COURSE, "meeting", "meeting"])
        p.upto("participant> ")
        p.type(ana)
        p.upto("participant> ")
        p.type(f"team {red}: kim{ESC_CLEAR}, raj\x7f")
        p.upto("participant> ")
        p.type("")
        p.upto(S_SCENARIO)
        p.upto("> ")
        for line in ["cards", f"{ana} a", f"{red} b", f"zed{ESC_CLEAR} b", "who", "reveal", "scores"]:
            p.type(line)
            p.upto("> ")
        p.type("end")
        p.upto("Final scoreboard")
        status = p.finish()
        problems = p.problems([shown(ana), shown(red), shown(f"kim{ESC_CLEAR}"), S_ROLE,
                               shown(f"zed{ESC_CLEAR}")])
        if status != 0:
            problems.append(f"exit {status}")
        return problems
    return fn


def main():
    content_batch()
    broken_content()
    db = users_batch()
    exports(db)
    folder, bad_folder = file_names()
    meetings()
    pty_case("pty: the shell with a hostile name and course, no colour", pty_shell(False))
    if not SLOW:
        pty_case("pty: the same in colour, only rapport's own SGR sequences", pty_shell(True))
        pty_case("pty: errors at the start and from validate", pty_errors(bad_folder))
    pty_case("pty: a meeting with hostile participants", pty_meeting())
    pty_case("pty: exports and --json shown on the terminal, not acted on by it",
             pty_exports(db, ["csv"] if SLOW else ["csv", "json", "xapi"]))
    if FAILED[0] == 0:
        shutil.rmtree(WORK, ignore_errors=True)
    sys.exit(1 if FAILED[0] else 0)


main()
