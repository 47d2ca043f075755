"""A simulated learner: takes quizzes and self-assessments in the real
binary through a pseudo-terminal, the way a person would, knowing the
right answers from the course files and giving them with a set skill.

Used by the tests that need a team's worth of genuine results (exports,
merges, the team report). Each run is one `rapport ... quiz ID` command;
when, given, sets the day it happens on (fakeclock). A run that does not
end with exit 0 raises, so a test never builds on results that are not
there."""
import os
import random
import re
import shlex
import xml.etree.ElementTree as ET

import pexpect

import fakeclock

QUESTION_TAGS = ("single-choice", "multiple-response", "true-false",
                 "judgement", "ordering", "short-answer")


def squash(text):
    """Letters and digits only, lowercase: survives wrapping and quoting."""
    return re.sub(r"[^0-9a-z]+", "", text.lower())


class Question:
    def __init__(self, el):
        self.kind = el.tag
        self.id = el.get("id")
        self.prompt = squash("".join(el.find("prompt").itertext()))
        self.options = []   # (id, squashed text, credit)
        self.right = []     # ids of the right answer, in order
        self.accept = None
        if self.kind in ("single-choice", "multiple-response", "judgement"):
            for o in el.findall("option"):
                credit = float(o.get("fraction") or o.get("weight") or
                               (100 if o.get("correct") in ("true", "1") else 0))
                self.options.append((o.get("id"), squash("".join(o.find("text").itertext())), credit))
            best = max(c for _, _, c in self.options)
            self.right = [i for i, _, c in self.options
                          if (c > 0 if self.kind == "multiple-response" else c == best)]
            if self.kind != "multiple-response":
                self.right = self.right[:1]
        elif self.kind == "true-false":
            self.options = [("true", "true", 0), ("false", "false", 0)]
            self.right = [el.get("answer")]
        elif self.kind == "ordering":
            for it in el.findall("item"):
                self.options.append((it.get("id"), squash("".join(it.itertext())), 0))
            self.right = [i for i, _, _ in self.options]
        else:
            self.accept = el.find("accept").text.strip()


def load_questions(content):
    """Every question in the course at content (a file or a folder)."""
    files = []
    if os.path.isdir(content):
        for root, _, names in os.walk(content):
            files += [os.path.join(root, n) for n in names if n.endswith(".xml")]
    else:
        files = [content]
    found = {}
    for f in files:
        for el in ET.parse(f).iter():
            if el.tag in QUESTION_TAGS and el.get("id"):
                q = Question(el)
                found[q.prompt[:60]] = q
    return found


OPTION = re.compile(r"^  ([a-z])\) (.*)$")


def read_screen(text):
    """The last question on screen: its squashed prompt and letter -> text."""
    lines = text.replace("\r", "").split("\n")
    start = max(i for i, l in enumerate(lines) if re.match(r"^(Question|Statement|Review) \d+ of \d+", l))
    prompt, letters, i = [], {}, start + 1
    while i < len(lines) and lines[i].strip() and not OPTION.match(lines[i]):
        prompt.append(lines[i])
        i += 1
    current = None
    for l in lines[i:]:
        m = OPTION.match(l)
        if m:
            current = m.group(1)
            letters[current] = m.group(2)
        elif current and l.startswith("     "):
            letters[current] += " " + l.strip()
        elif l.strip():
            current = None
    return squash(" ".join(prompt)), {k: squash(v) for k, v in letters.items()}


class Learner:
    def __init__(self, rapport, db, content, user, skill=0.7, seed=1,
                 env=None):
        self.rapport = shlex.split(rapport) if isinstance(rapport, str) else list(rapport)
        self.db, self.content, self.user = db, content, user
        self.skill = skill
        self.rng = random.Random(seed)
        self.env = dict(env or os.environ)
        self.env.update(TERM="dumb", LC_ALL="C.UTF-8", COLUMNS="100", PAGER="cat")
        self.env.pop("NO_COLOR", None)
        self.questions = load_questions(content)
        self.transcript = ""

    def _spawn(self, args, when=None):
        # the learner's own random source picks each run's seed, so a
        # learner with the same seed gives the same runs
        cmd = self.rapport + ["--db", self.db, "--user", self.user,
                              "--content", self.content, "--no-color",
                              "--seed", str(self.rng.randrange(1, 2 ** 31))] + args
        p = pexpect.spawn(cmd[0], cmd[1:], env=fakeclock.at(self.env, when), encoding="utf-8",
                          dimensions=(50, 100), timeout=60)
        p.delaybeforesend = None
        return p

    def _choose(self, q, letters):
        by_id = {}
        for letter, text in letters.items():
            for oid, otext, _ in q.options:
                if otext and (text.startswith(otext[:50]) or otext.startswith(text[:50])):
                    by_id[oid] = letter
        right = self.rng.random() < self.skill
        if q.kind == "ordering":
            ids = list(q.right)
            if not right:
                while ids == q.right:
                    self.rng.shuffle(ids)
            return " ".join(by_id[i] for i in ids)
        if q.kind == "multiple-response":
            if right:
                return " ".join(sorted(by_id[i] for i in q.right))
            pick = sorted(self.rng.sample(sorted(letters), self.rng.randint(1, len(letters))))
            return " ".join(pick)
        if right:
            return by_id[q.right[0]]
        wrong = [by_id[i] for i, _, _ in q.options if i not in q.right and i in by_id]
        return self.rng.choice(wrong or sorted(letters))

    def _answer_loop(self, p, likert_bias=0.0):
        prompt = re.compile(r"Your answer \(([^)]*)\): ")
        screen, retries = "", 0
        while True:
            k = p.expect([prompt, pexpect.EOF, r"Resume\? \[Y/n\] "])
            screen = (screen + p.before + (p.after if k != 1 else ""))[-20000:]
            self.transcript = screen
            if k == 1:
                p.close()
                if p.exitstatus != 0:
                    raise RuntimeError(f"the run ended with exit {p.exitstatus}, "
                                       f"signal {p.signalstatus}:\n" + screen[-1500:])
                return p.exitstatus
            if k == 2:
                p.sendline("y")
                continue
            retries = retries + 1 if "Try again" in p.before else 0
            if retries > 3:
                raise RuntimeError("the answers are not taken:\n" + screen[-1500:])
            expected = p.match.group(1)
            scale = re.search(r"(\d+) to (\d+)", expected)
            if scale:
                lo, hi = int(scale.group(1)), int(scale.group(2))
                v = round((lo + hi) / 2 + likert_bias + self.rng.gauss(0, 0.8))
                p.sendline(str(min(hi, max(lo, v))))
                continue
            text, letters = read_screen(screen)
            q = self.questions.get(text[:60])
            if q is None:
                raise RuntimeError(f"no question matches the screen: {text[:80]}")
            if q.kind == "short-answer":
                p.sendline(q.accept if self.rng.random() < self.skill else "no idea")
            else:
                p.sendline(self._choose(q, letters))

    def quiz(self, quiz_id, when=None):
        """Takes the quiz; returns the exit status."""
        return self._answer_loop(self._spawn(["quiz", quiz_id], when))

    def assess(self, assessment_id, bias=0.0, when=None):
        """Rates every statement around the middle of the scale, moved by
        bias (positive: rates themselves higher)."""
        return self._answer_loop(self._spawn(["assess", assessment_id], when),
                                 likert_bias=bias)
