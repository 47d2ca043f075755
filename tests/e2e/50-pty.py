#!/usr/bin/python3
"""The shell through a real pseudo-terminal, driven as a person would with
pexpect: the prompt, Tab completion, a whole quiz, unclear answers, Ctrl-C,
Ctrl-D, the history file, paging, the self-assessment and colour.

TERM=dumb and an inputrc without bracketed paste keep readline's output
plain. Each case prints "ok N - name" or "not ok N - name"."""
import os
import re
import shlex
import stat
import sys
import tempfile
import traceback

import pexpect

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fakeclock  # noqa: E402

TOP = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
os.chdir(TOP)
RAPPORT = shlex.split(os.environ["RAPPORT"])
SLOW = bool(os.environ.get("WRAP"))  # under valgrind
TIMEOUT = 90 if SLOW else 10
MINIMAL = "tests/content/good/minimal.xml"
WORK = tempfile.mkdtemp(prefix="pty.", dir=os.environ.get("TESTS_TMP", "/tmp"))
INPUTRC = os.path.join(WORK, "inputrc")
with open(INPUTRC, "w") as f:
    f.write("set enable-bracketed-paste off\nset bell-style none\n")


SPAWNS = [0]


def env(**extra):
    SPAWNS[0] += 1
    e = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.path.join(WORK, "home"),
        # each session its own results, unless a test shares them
        "XDG_DATA_HOME": os.path.join(WORK, f"data{SPAWNS[0]}"),
        "XDG_STATE_HOME": os.path.join(WORK, "state"),
        "USER": "tester",
        "LOGNAME": "tester",
        "LC_ALL": "C.UTF-8",
        "TERM": "dumb",
        "INPUTRC": INPUTRC,
        "NO_COLOR": "1",
        "TZ": "UTC",
        "ASAN_OPTIONS": "verify_asan_link_order=0:" + os.environ.get("ASAN_OPTIONS", ""),
        "PAGER": "cat",
    }
    e.update(extra)
    return {k: v for k, v in e.items() if v is not None}


def spawn(*args, rows=40, cols=100, **extra):
    argv = RAPPORT + list(args)
    child = pexpect.spawn(argv[0], argv[1:], env=env(**extra), encoding="utf-8",
                          timeout=TIMEOUT, dimensions=(rows, cols))
    child.logfile_read = open(os.path.join(WORK, "last.log"), "w")
    return child


def shell(*args, **extra):
    child = spawn("--content", MINIMAL, "--seed", "3", *args, **extra)
    child.expect_exact("tester@desk-basics> ")
    return child


def leave(child):
    """Ctrl-D at the prompt; the program must exit 0."""
    child.sendcontrol("d")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, f"exit status {child.exitstatus}, signal {child.signalstatus}"


def test_prompt_and_welcome():
    child = spawn("--content", MINIMAL)
    child.expect_exact("Welcome to rapport, tester.")
    child.expect_exact("New here? Type 'lessons'")
    child.expect_exact("tester@desk-basics> ")
    leave(child)


def test_tab_completes_a_command():
    child = shell()
    child.send("hel\t")
    child.expect_exact("help")
    child.send("\r")
    child.expect_exact("Commands:")
    child.expect_exact("tester@desk-basics> ")
    leave(child)


def test_tab_completes_an_id():
    child = shell()
    child.send("read ask\t")
    child.expect_exact("ask-first")
    child.send("\r")
    child.expect_exact("Ask before you hand over")
    child.expect_exact("Key points")
    child.expect_exact("tester@desk-basics> ")
    child.send("quiz \t")  # the only quiz completes whole
    child.expect_exact("check")
    child.sendcontrol("c")
    child.expect_exact("tester@desk-basics> ")
    leave(child)


def test_stats_at_a_terminal():
    child = shell()
    child.send("stats h\t")  # quizzes, self-assessments and exercises complete
    child.expect_exact("habits")
    child.send("\r")
    child.expect_exact("Item statistics: Desk basics")
    child.expect_exact("Self-assessment 'habits': My desk habits")
    child.expect_exact("No finished attempts.")
    child.expect_exact("There is nothing of yours here; 'stats --all' covers everyone.")
    child.expect_exact("tester@desk-basics> ")
    child.send("stats les\t\r")  # a lesson is not offered, nor taken
    child.expect_exact("stats: no quiz, self-assessment or exercise 'les'")
    child.expect_exact("tester@desk-basics> ")
    leave(child)


def test_tab_never_offers_file_names():
    child = shell()
    child.send("validate Make\t\t")
    # Makefile is in the working folder; Tab must not reach for it
    i = child.expect(["Makefile", pexpect.TIMEOUT], timeout=1 if not SLOW else 5)
    assert i == 1, "Tab completed a file name"
    child.sendcontrol("c")
    child.expect_exact("tester@desk-basics> ")
    leave(child)


def test_a_whole_quiz():
    child = shell()
    child.sendline("quiz check")
    for answer in ["b", "b c", "a", "c a b", "reason", "b"]:
        child.expect_exact("Your answer (")
        child.expect_exact("): ")
        child.sendline(answer)
    child.expect_exact("Your result")
    child.expect(r"Score: +100% \(7 of 7 points\)")
    child.expect_exact("Passed: yes")
    child.expect_exact("tester@desk-basics> ")
    leave(child)


def test_an_unclear_answer_is_asked_again():
    child = shell()
    child.sendline("quiz check")
    child.expect_exact("Question 1 of 6")
    child.expect_exact("Your answer (a letter, a to b): ")
    child.sendline("z")
    child.expect_exact("'z' is not one of the letters, a to b. Try again.")
    child.expect_exact("Your answer (a letter, a to b): ")
    child.sendline("a b")
    child.expect_exact("Pick one letter only. Try again.")
    child.sendline("b")
    child.expect_exact("Right: 1 of 1 point.")
    child.expect_exact("Question 2 of 6")
    child.sendline("quit")
    child.expect_exact("Stopped at question 2 of 6. Your answers are kept")
    child.expect_exact("tester@desk-basics> ")
    leave(child)


def test_ctrl_c_cancels_the_question():
    child = shell()
    child.sendline("quiz check")
    child.expect_exact("Your answer (a letter, a to b): ")
    child.send("a")  # half-typed, then Ctrl-C
    child.sendcontrol("c")
    child.expect_exact("Stopped at question 1 of 6. Your answers are kept")
    child.expect_exact("tester@desk-basics> ")
    child.sendline("lessons")
    child.expect_exact("ask-first")
    child.expect_exact("tester@desk-basics> ")
    leave(child)


def test_ctrl_c_at_the_prompt_drops_the_line():
    child = shell()
    child.send("lessons")
    child.sendcontrol("c")
    child.expect_exact("tester@desk-basics> ")
    child.sendline("")
    child.expect_exact("tester@desk-basics> ")
    child.sendline("quizzes")
    child.expect_exact("Desk basics check")
    before = child.before
    assert "Lessons" not in before, "the dropped line ran"
    child.expect_exact("tester@desk-basics> ")
    leave(child)


def test_ctrl_d_leaves_with_exit_0():
    child = shell()
    child.sendcontrol("d")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_history_holds_commands_only():
    state = os.path.join(WORK, "state-history")
    child = shell(XDG_STATE_HOME=state)
    child.sendline("lessons")
    child.expect_exact("tester@desk-basics> ")
    child.sendline("quiz check")
    child.expect_exact("Your answer (")
    child.sendline("secret-answer-b")
    child.expect_exact("Try again.")
    child.sendline("quit")
    child.expect_exact("tester@desk-basics> ")
    leave(child)
    path = os.path.join(state, "rapport", "history")
    mode = stat.S_IMODE(os.stat(path).st_mode)
    assert mode == 0o600, f"history mode {oct(mode)}"
    dmode = stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode)
    assert dmode == 0o700, f"history folder mode {oct(dmode)}"
    lines = open(path).read().splitlines()
    assert "lessons" in lines and "quiz check" in lines, lines
    assert not any("secret" in l or l == "quit" for l in lines), lines
    # a second session reads it back: up-arrow brings the last command
    child = shell(XDG_STATE_HOME=state)
    child.send("\x1b[A")
    child.expect_exact("quiz check")
    child.sendcontrol("c")
    child.expect_exact("tester@desk-basics> ")
    leave(child)


def test_a_long_lesson_is_paged():
    pager = os.path.join(WORK, "pager")
    with open(pager, "w") as f:
        f.write("#!/bin/sh\nsed 's/^/PAGED:/'\n")
    os.chmod(pager, 0o755)
    child = spawn(rows=12, PAGER=pager)  # the shipped course
    child.expect_exact("tester@inside-relationships> ")
    child.sendline("read partners")
    child.expect_exact("PAGED:Partners, not a drop-off point")
    child.expect_exact("PAGED:Key points")
    child.expect_exact("tester@inside-relationships> ")
    # a short listing is not paged
    child.sendline("quizzes")
    child.expect_exact("Quizzes")
    child.expect_exact("tester@inside-relationships> ")
    assert "PAGED:" not in child.before
    leave(child)


def test_the_self_assessment():
    child = shell()
    child.sendline("assess habits")
    child.expect_exact("Statement 1 of 2")
    child.expect_exact("1 Never · 2 Sometimes · 3 Always")
    child.expect_exact("Your answer (a number, 1 to 3): ")
    child.sendline("3")
    child.expect_exact("Statement 2 of 2")
    child.sendline("back")
    child.expect_exact("Statement 1 of 2")
    child.expect_exact("(You answered 3 Always.)")
    child.sendline("2")
    child.sendline("1")
    child.expect_exact("Practice score: 75 of 100")
    child.expect_exact("Your next action")
    child.expect_exact("tester@desk-basics> ")
    leave(child)


def test_colour_only_on_a_terminal_without_no_color():
    child = spawn("--content", MINIMAL, NO_COLOR=None, TERM="xterm")
    child.expect_exact("\x1b[1;36mtester@desk-basics\x1b[0m> ")
    child.sendline("lessons")
    child.expect_exact("\x1b[1;36mLessons\x1b[0m")
    child.expect_exact("\x1b[1;36mtester@desk-basics\x1b[0m> ")
    leave(child)
    child = spawn("--no-color", "--content", MINIMAL, NO_COLOR=None, TERM="xterm")
    child.expect_exact("tester@desk-basics> ")
    child.sendline("lessons")
    child.expect_exact("tester@desk-basics> ")
    assert "\x1b[" not in child.before
    leave(child)
    # a terminal that is dumb, or does not say what it is, gets none either
    for term in ("dumb", None):
        child = spawn("--content", MINIMAL, NO_COLOR=None, TERM=term)
        child.expect_exact("tester@desk-basics> ")
        child.sendline("lessons")
        child.expect_exact("Lessons")
        child.expect_exact("tester@desk-basics> ")
        assert "\x1b[1" not in child.before, f"colour with TERM={term}"
        leave(child)


def test_clear_the_screen():
    child = spawn("--content", MINIMAL, TERM="xterm")
    child.expect_exact("tester@desk-basics> ")
    child.sendline("clear")
    child.expect_exact("\x1b[H\x1b[2J")
    child.expect_exact("tester@desk-basics> ")
    leave(child)
    child = shell()  # TERM=dumb: nothing to clear, no escape printed
    child.sendline("clear")
    child.expect_exact("tester@desk-basics> ")
    assert "\x1b[" not in child.before and "unknown" not in child.before
    leave(child)


def test_one_command_at_a_terminal():
    child = spawn("--content", MINIMAL, "--seed", "3", "quiz", "check")
    for answer in ["b", "b c", "a", "c a b", "reason", "a"]:
        child.expect_exact("Your answer (")
        child.sendline(answer)
    child.expect(r"Score: +85% \(6 of 7 points\)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_an_unfinished_quiz_is_offered_at_the_start():
    data = os.path.join(WORK, "resume-data")
    child = shell(XDG_DATA_HOME=data)
    child.sendline("quiz check")
    child.expect_exact("Your answer (")
    child.sendline("b")
    child.expect_exact("Question 2 of 6")
    child.sendline("quit")
    child.expect_exact("tester@desk-basics> ")
    leave(child)
    child = spawn("--content", MINIMAL, XDG_DATA_HOME=data)
    child.expect(r"You have an unfinished 'Desk basics check' started today at "
                 r"\d\d:\d\d, 1 of 6 answered\. Resume\? \[Y/n\] ")
    child.sendline("")
    child.expect_exact("Question 2 of 6")
    child.sendline("quit")
    child.expect_exact("tester@desk-basics> ")
    leave(child)
    # declined at the start, it stays; declined on the command, it is set
    # aside and a new attempt starts from question 1
    child = spawn("--content", MINIMAL, XDG_DATA_HOME=data)
    child.expect_exact("Resume? [Y/n] ")
    child.sendline("n")
    child.expect_exact("It stays as it is; 'quiz check' picks it up later.")
    child.expect_exact("tester@desk-basics> ")
    child.sendline("quiz check")
    child.expect_exact("Resume? [Y/n] ")
    child.sendline("no")
    child.expect_exact("Question 1 of 6")
    child.sendline("quit")
    child.expect_exact("tester@desk-basics> ")
    child.sendline("history")
    child.expect_exact("set aside after 1 of 6")
    child.expect_exact("unfinished: 0 of 6 answered")
    child.expect_exact("tester@desk-basics> ")
    leave(child)


def test_the_welcome_says_what_is_due():
    data = os.path.join(WORK, "due-data")
    argv = RAPPORT + ["--content", MINIMAL, "--seed", "3"]
    day1 = pexpect.spawn(argv[0], argv[1:],
                         env=fakeclock.at(env(XDG_DATA_HOME=data), "2026-12-01 09:00:00"),
                         encoding="utf-8",
                         timeout=TIMEOUT, dimensions=(40, 100))
    day1.expect_exact("tester@desk-basics> ")
    day1.sendline("quiz check")
    for answer in ["a", "a", "b", "a b c", "nothing", "a"]:  # all wrong
        day1.expect_exact("Your answer (")
        day1.sendline(answer)
    day1.expect_exact("Passed: not yet")
    day1.expect_exact("tester@desk-basics> ")
    leave(day1)
    day2 = pexpect.spawn(argv[0], argv[1:],
                         env=fakeclock.at(env(XDG_DATA_HOME=data), "2026-12-02 09:00:00"),
                         encoding="utf-8",
                         timeout=TIMEOUT, dimensions=(40, 100))
    day2.expect(r"\d questions are due for review today: type 'review'\.")
    day2.expect_exact("Your path 'First week': 0 of 5 done; next: Read 'Ask before "
                      "you hand over' (type 'next').")
    day2.expect_exact("tester@desk-basics> ")
    leave(day2)


def test_a_meeting_at_a_terminal():
    child = spawn("--content", "tests/content/good/meeting.xml", "meeting", "weekly")
    child.expect_exact("participant> ")
    child.sendline("ana")
    child.expect_exact("participant> ")
    child.sendline("team Red: kim, raj")
    child.expect_exact("participant> ")
    child.sendline("")
    child.expect_exact("2 taking part.")
    child.expect_exact("The rush order")
    child.expect_exact("meeting 1/6> ")
    child.sendline("timer 1")
    # the team-talk countdown ticks in the prompt while nobody types
    child.expect(r"\[0:(\d\d)\] meeting 1/6> ")
    first = int(child.match.group(1))
    child.expect(r"\[0:(\d\d)\] meeting 1/6> ")
    assert int(child.match.group(1)) < first, "the countdown did not move"
    child.sendline("ana a")
    child.sendline("Red c")
    child.sendline("reveal")
    child.expect_exact("How the room answered")
    child.expect_exact("The best answer, 100%: Best: a say in the timing.")
    child.sendline("end")
    child.expect_exact("Final scoreboard")
    child.expect(r"1\. ana +█+  1 of 1")
    child.expect_exact("Everyone's answers are kept under their own name.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def main():
    only = os.environ.get("PTY_ONLY", "")  # run the cases whose name has this
    tests = [(n, f) for n, f in globals().items() if n.startswith("test_") and only in n]
    failed = 0
    for i, (name, fn) in enumerate(tests, 1):
        label = name[len("test_"):].replace("_", " ")
        try:
            fn()
            print(f"ok {i} - {label}")
        except Exception as e:  # a failed expectation or a timeout
            failed += 1
            print(f"not ok {i} - {label}")
            for line in traceback.format_exception_only(type(e), e)[-1:]:
                print("#", line.strip()[:300])
            try:
                tail = open(os.path.join(WORK, "last.log")).read()[-600:]
                for line in tail.splitlines()[-12:]:
                    print("#   |", repr(line)[1:-1])
            except OSError:
                pass
    sys.exit(1 if failed else 0)


main()
