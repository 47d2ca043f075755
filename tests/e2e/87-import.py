#!/usr/bin/python3
"""87-import - `rapport import` as a trainer runs it: Moodle XML written
the way Moodle writes it (tests/import/) and GIFT (tests/gift/) made into
course files that `rapport validate` accepts; every kind with a home
mapped, with its text, options, credit and feedback; what has none said
per question as file:line warnings; the same ids and bytes on a second
import; an existing course's competencies by --map and --competency, its
ids left alone; nothing written when there is an error, and no file
written over that import did not write."""
import filecmp
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from subcases import check, finish  # noqa: E402

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.chdir(TOP)
rapport = shlex.split(os.environ["RAPPORT"])
work = tempfile.mkdtemp(dir=os.environ.get("TESTS_TMP", "/tmp"))
env = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC", HOME=work,
           ASAN_OPTIONS="verify_asan_link_order=0:" + os.environ.get("ASAN_OPTIONS", ""))
EVERY = "tests/import/every-type.xml"


def true_false(name, extra=""):
    """A Moodle true/false question whose answer is true; extra goes
    before its answers."""
    return (f"<question type='truefalse'><name><text>{name}</text></name><questiontext>"
            f"<text>Yes?</text></questiontext>{extra}<answer fraction='100'><text>true"
            "</text></answer><answer fraction='0'><text>false</text></answer></question>")


def run(*args):
    r = subprocess.run(rapport + list(args), capture_output=True, text=True, env=env,
                       timeout=600)
    return r.returncode, r.stdout, r.stderr


def listing(d):
    out = {}
    for top, _, names in os.walk(d):
        for name in names:
            with open(os.path.join(top, name), "rb") as f:
                out[os.path.relpath(os.path.join(top, name), d)] = f.read()
    return out


def items(d):
    """Every element with an id in the files of d, by id."""
    found = {}
    for name in listing(d):
        root = ET.parse(os.path.join(d, name)).getroot()
        for el in root.iter():
            if "id" in el.attrib and el.tag != "option" and el.tag != "item" or el is root:
                found[el.attrib["id"]] = el
    return found


def text(el, tag):
    e = el.find(tag)
    return None if e is None else " ".join(e.text.split())


# ---- a Moodle bank with every kind, into a new folder ----
new = os.path.join(work, "new")
code, out, err = run("import", EVERY, "--into", new)
lines = out.splitlines()
check(code == 0 and not err, "import of every Moodle kind exits 0", f"{code}: {err}")
check(lines[-1] == f"import: 6 of 10 questions imported, 4 not; wrote 4 files into {new} "
      "(2 banks, 1 lesson, a course with 2 competencies)",
      "the summary counts what was imported and what was not", lines[-1:])
for line_no, name, kind, why in [
        (266, "Hours a week", "numerical", "rapport has no numerical questions"),
        (282, "Who does what", "matching", "rapport has no matching questions"),
        (296, "Your week", "essay", "rapport has no essays: nothing marks them"),
        (307, "Gaps", "multianswer", "rapport has no cloze questions")]:
    want = f"{EVERY}:{line_no}: warning: question '{name}' ({kind}) not imported: {why}"
    check(any(x.startswith(want) for x in lines), f"{kind} said at its line, not dropped", out)
check(any(x.startswith(f"{EVERY}:15: warning: question 'Friday request': its penalty of 0.333333, "
                       "combined feedback not imported:") for x in lines),
      "a penalty and combined feedback are said as losses of their question", out)
check(any(x.startswith(f"{EVERY}:64: warning: question 'Wrong bin': negative grades, images and "
                       "files not imported") for x in lines),
      "an image and negative grades in a single-answer question are said", out)
check(any(x.startswith(f"{EVERY}:181: warning: question 'Whose day': its penalty of 0.333333, "
                       "partial-credit answers, answer feedback not imported") for x in lines),
      "a partial-credit short answer is said", out)
check(sorted(os.listdir(new)) == ["course.xml", "why-it-matters.xml",
                                  "working-with-support-staff-bank.xml",
                                  "working-with-support-staff-habits-bank.xml"],
      "a course, a bank per category and a lesson per description", os.listdir(new))
code, vout, _ = run("validate", new)
check(code == 0 and "6 questions" in vout and "error" not in vout,
      "rapport validate accepts what import wrote", vout)

got = items(new)
course = ET.parse(os.path.join(new, "course.xml")).getroot()
comps = {c.attrib["id"]: (text(c, "name"), text(c, "description")) for c in course.iter("competency")}
check(comps == {"working-with-support-staff": ("Working with support staff",
                                               "How a rep treats the people inside the company."),
                "habits": ("Habits", "Small things done every week.")},
      "categories become competencies, their HTML info the description", comps)
q = got.get("friday-request")
opts = [] if q is None else [(o.attrib.get("correct"), text(o, "text"), text(o, "feedback"))
                             for o in q.iter("option")]
check(q is not None and q.tag == "single-choice"
      and text(q, "prompt") == "It is late on Friday and you need a quote priced. "
      "What do you do first?"
      and opts == [("true", "Ask the coordinator what fits in her day",
                    "Right: she plans her own afternoon."),
                   (None, "Email it marked urgent & leave",
                    "Urgent on everything means urgent on nothing."),
                   (None, "Price it yourself <from the old list>", None)]
      and text(q, "explanation") == "Ask before you pile work on someone.",
      "single answer: HTML made text, entities read, option feedback and general feedback kept",
      (q.tag if q is not None else None, opts))
q = got.get("wrong-bin")
opts = [] if q is None else [(o.attrib["weight"], text(o, "rationale")) for o in q.iter("option")]
check(q is not None and q.tag == "judgement" and q.attrib.get("points") == "2"
      and q.attrib.get("shuffle") == "false"
      and [w for w, _ in opts] == ["100", "50", "0"]
      and opts[0][1] == "The customer sees one company."
      and "[the bin label]" in text(q, "prompt"),
      "partial credit: a judgement with its weights, mark, order and an image's words",
      (q.attrib if q is not None else None, opts))
q = got.get("who-to-thank")
opts = [] if q is None else [o.attrib["fraction"] for o in q.iter("option")]
check(q is not None and q.tag == "multiple-response" and opts == ["50", "50", "-100"],
      "multiple answers: fractions, a negative one kept", opts)
q = got.get("thanks-in-writing")
fb = [] if q is None else [(f.attrib["when"], f.text) for f in q.iter("feedback")]
check(q is not None and q.tag == "true-false" and q.attrib["answer"] == "true"
      and fb == [("true", "Yes: managers rarely hear it."),
                 ("false", "It costs a minute and is remembered for months.")],
      "true/false: the answer, and the feedback for each reply", fb)
q = got.get("whose-day")
check(q is not None and q.tag == "short-answer"
      and [a.text for a in q.iter("accept")] == ["theirs"]
      and text(q, "pattern") == "the other person.*",
      "short answer: full-credit answers accepted, a wildcard made a pattern",
      ET.tostring(q) if q is not None else None)
q = got.get("mending-steps")
check(q is not None and q.tag == "ordering" and q.attrib.get("points") == "2"
      and [i.text for i in q.iter("item")] == ["Notice the signs", "Accept your part in it",
                                               "Apologise in person"],
      "ordering: items put in the order Moodle's fractions give", None)
q = got.get("why-it-matters")
check(q is not None and q.tag == "lesson" and q.attrib["competency"] == "habits"
      and [p.text for p in q.iter("p")] == [
          "Support staff decide how fast your customer is served.",
          "See the guide (https://example.org/guide)."]
      and [i.text for i in q.iter("item")] == ["Customer service", "Purchasing"],
      "a description becomes a lesson: paragraphs, a list, a link's address",
      ET.tostring(q) if q is not None else None)

# ---- the same again ----
before = listing(new)
code, out2, _ = run("import", EVERY, "--into", new)
check(code == 0 and listing(new) == before and out2.splitlines()[:-1] == lines[:-1]
      and "wrote 3 files" in out2,
      "importing the same file again gives the same files, byte for byte (course.xml, "
      "which the trainer may have changed since, left as it is)", out2)

course_xml = os.path.join(new, "course.xml")
with open(course_xml) as f:
    edited = f.read().replace("<title>new</title>", "<title>Desk skills</title>")
with open(course_xml, "w") as f:
    f.write(edited)
code, _, _ = run("import", EVERY, "--into", new)
check(code == 0 and "Desk skills" in edited and open(course_xml).read() == edited,
      "a course.xml the trainer has changed since is not written over on import", None)

# ---- Moodle's invalid-grade case ----
bad = os.path.join(work, "grades")
code, out, _ = run("import", "tests/import/invalid-grades.xml", "--into", bad)
check(code == 0 and out.splitlines()[0] ==
      "tests/import/invalid-grades.xml:4: warning: question 'Grades Moodle refuses : 33 is not "
      "33.33333' (multichoice) not imported: answer 2's grade 33% is not one Moodle allows "
      "(the nearest is 33.3333%), so Moodle would refuse it too"
      and "1 of 2 questions imported, 1 not" in out,
      "a grade Moodle does not allow refuses its question, and the rest is read", out)

# ---- into an existing course ----
course_dir = os.path.join(work, "course")
shutil.copytree("content/inside-relationships", course_dir)
before = listing(course_dir)
code, out, _ = run("import", EVERY, "--into", course_dir)
check(code == 1 and f"{EVERY}:15: error: category 'Working with support staff' is no competency "
      "of the course: give --competency ID, or --map 'Working with support staff=ID'" in out
      and out.splitlines()[-1].endswith("nothing written") and listing(course_dir) == before,
      "a category that is no competency of the course is an error, and nothing is written", out)
with open(os.path.join(course_dir, "own.xml"), "w") as f:
    f.write('<bank id="own"><true-false id="friday-request" competency="respect" answer="true">'
            "<prompt>A trainer's own question with the id import would make.</prompt>"
            "</true-false></bank>\n")
code, out, _ = run("import", EVERY, "--into", course_dir, "--map",
                   "Working with support staff=respect,Habits=investment")
got = items(course_dir)
check(code == 0 and got.get("friday-request-2") is not None
      and got["friday-request-2"].attrib["competency"] == "respect"
      and got["thanks-in-writing"].attrib["competency"] == "investment"
      and got["why-it-matters"].attrib["competency"] == "investment",
      "--map: a category by its name, a sub-category by its own over its parent's", out)
check(got.get("friday-request") is not None and got["friday-request"].tag == "true-false",
      "an id the course has is not taken: the import's gets -2", sorted(got)[:5])
code, vout, _ = run("validate", course_dir)
check(code == 0 and "43 questions" in vout, "the course still validates, with the new banks", vout)
before = listing(course_dir)
code, _, _ = run("import", EVERY, "--into", course_dir, "--map",
                 "Working with support staff=respect,Habits=investment")
check(code == 0 and listing(course_dir) == before,
      "again into the course: the files it wrote are written alike, their ids not counted taken",
      None)
code, out, _ = run("import", "tests/import/invalid-grades.xml", "--into", course_dir,
                   "--competency", "nosuch")
check(code == 1 and "competency 'nosuch' (for category 'invalid-grades') is not in the course"
      in out, "--competency must name one of the course's", out)
code, out, _ = run("import", "tests/import/invalid-grades.xml", "--into", course_dir,
                   "--competency", "respect", "--dry-run")
check(code == 0 and "would write 1 file" in out and listing(course_dir) == before,
      "--dry-run says what it would write and writes nothing", out)

# ---- files it must not touch ----
mine = os.path.join(work, "mine")
os.mkdir(mine)
hand = os.path.join(mine, "working-with-support-staff-bank.xml")
with open(hand, "w") as f:
    f.write("<bank id='mine'/>\n")
code, out, err = run("import", EVERY, "--into", mine)
check(code == 1 and "is there already and import did not write it" in err
      and open(hand).read() == "<bank id='mine'/>\n" and sorted(os.listdir(mine)) ==
      ["working-with-support-staff-bank.xml"],
      "a file import did not write is never written over, and nothing else is written", err)
inplace = os.path.join(work, "inplace")
os.mkdir(inplace)
source = os.path.join(inplace, "mine-bank.xml")
bank = ("<quiz><question type='category'><category><text>$course$/Mine</text></category>"
        f"</question>{true_false('T')}</quiz>\n")
with open(source, "w") as f:
    f.write(bank)
code, _, err = run("import", source, "--into", inplace)
check(code == 1 and "a file being imported" in err and open(source).read() == bank
      and sorted(os.listdir(inplace)) == ["mine-bank.xml"],
      "the file being imported is never written over", err)

# ---- files that are not banks ----
broken = os.path.join(work, "broken.xml")
with open(broken, "w") as f:
    f.write("<?xml version='1.0'?>\n<quiz>\n  <question type='truefalse'>\n</quiz>\n")
code, out, _ = run("import", broken, "--into", os.path.join(work, "b1"))
check(code == 1 and f"{broken}:4:" in out and "nothing written" in out
      and not os.path.exists(os.path.join(work, "b1")),
      "XML that is not well-formed: file:line:col, nothing written", out)
# the questions are mapped as the parser reads them: a file that breaks
# after them still gives only its error, counts nothing and writes nothing
late = os.path.join(work, "late.xml")
with open(late, "w") as f:
    f.write("<quiz>\n" + "".join(f"  {true_false(f'T{k}', '<penalty>0.5</penalty>')}\n"
                                  for k in range(3)) + "  <question>\n</quiz>\n")
code, out, _ = run("import", late, "--into", os.path.join(work, "b4"))
lines = out.strip().split("\n")
check(code == 1 and lines[0].startswith(f"{late}:6:")
      and all(": error: " in line for line in lines[:-1]) and "warning" not in out
      and lines[-1].startswith("import: 0 questions, 0 not imported;")
      and not os.path.exists(os.path.join(work, "b4")),
      "a bank that breaks after its questions: only its error, nothing counted or written",
      out)
evil = os.path.join(work, "evil.xml")
with open(evil, "w") as f:
    f.write('<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
            "<quiz><question type='description'><questiontext><text>&x;</text></questiontext>"
            "</question></quiz>\n")
code, out, _ = run("import", evil, "--into", os.path.join(work, "b2"))
check(code == 1 and f"{evil}:2:1: error: document type declarations are not allowed" in out
      and "root:" not in out,
      "a DOCTYPE is refused as the loader refuses it", out)
code, out, _ = run("import", "content/inside-relationships/quiz.xml", "--into",
                   os.path.join(work, "b3"))
check(code == 1 and "this is a rapport quiz, not a Moodle XML question bank" in out,
      "a rapport quiz is not taken for a Moodle bank", out)

# ---- GIFT ----
gift = os.path.join(work, "gift")
files = sorted(os.path.join("tests/gift", n) for n in os.listdir("tests/gift")
               if n.endswith(".gift"))
code, out, _ = run("import", *files, "--into", gift)
code2, vout, _ = run("validate", gift)
check(code == 0 and "(numerical) not imported" in out and "(matching) not imported" in out
      and code2 == 0 and "error" not in vout,
      "GIFT files (told from XML by content) import and validate", out + vout)
badgift = os.path.join(work, "bad.gift")
with open(badgift, "w") as f:
    f.write("::ok:: Fine? {T}\n\n::broken:: Never ends {=a ~b\n")
code, out, _ = run("import", badgift, "--into", os.path.join(work, "b4"))
check(code == 1 and f"{badgift}:3:" in out and "nothing written" in out,
      "a GIFT error is file:line:col and nothing is written", out)
latin1 = os.path.join(work, "latin1.gift")
with open(latin1, "wb") as f:
    f.write("::Café:: Who checks the stock first? {=the desk ~you}\n\n"
            "::Très:: And then? {=ask ~guess}\n".encode("latin-1"))
code, out, _ = run("import", latin1, "--into", os.path.join(work, "b5"))
check(code == 1 and f"{latin1}:1:6: error: byte 0xE9 is not UTF-8: save the file as UTF-8"
      in out and "(and 1 more line)" in out and "nothing written" in out
      and not os.path.exists(os.path.join(work, "b5")),
      "a GIFT file saved as Latin-1 is refused where its first accent is, not imported with "
      "its letters replaced", out)

# ---- the loader, for a bank dropped into a course folder ----
shutil.copy(EVERY, os.path.join(course_dir, "moodle.xml"))
code, vout, _ = run("validate", course_dir)
check(code == 1 and f"{course_dir}/moodle.xml:2:1: error: this is a Moodle XML question bank, "
      "not a rapport file: bring its questions in with 'rapport import moodle.xml --into "
      "FOLDER'" in vout,
      "a Moodle bank in a course folder is named as one, with the command to bring it in", vout)

finish()
