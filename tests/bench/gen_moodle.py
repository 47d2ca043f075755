#!/usr/bin/env python3
"""gen_moodle.py - a Moodle XML question bank of N questions, as Moodle
writes one, for import's benchmark: a category every 500 questions, and
the kinds mixed as a real bank has them (single and multiple answers,
partial credit, true/false, short answers, ordering), their text HTML.

usage: gen_moodle.py N FILE"""
import sys

WORDS = ("desk order stock credit buyer shipping quote thanks week call note "
         "ask plan load date team help").split()


def words(i, n):
    return " ".join(WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(n))


def text(tag, body, fmt="html"):
    return f'    <{tag} format="{fmt}">\n      <text><![CDATA[{body}]]></text>\n    </{tag}>\n'


def answer(fraction, body, feedback=""):
    return (f'    <answer fraction="{fraction}" format="html">\n'
            f"      <text><![CDATA[<p>{body}</p>]]></text>\n"
            f'      <feedback format="html">\n        <text>{feedback}</text>\n'
            "      </feedback>\n    </answer>\n")


def question(i):
    kind = i % 6
    head = (f"    <name>\n      <text>Question {i} about the {words(i, 2)}</text>\n    </name>\n"
            + text("questiontext", f"<p>When the {words(i, 4)} is late, what do you do "
                                   f"<strong>first</strong>?</p>")
            + text("generalfeedback", f"<p>Think of the {words(i + 1, 3)}.</p>")
            + "    <defaultgrade>1.0000000</defaultgrade>\n"
            "    <penalty>0.3333333</penalty>\n    <hidden>0</hidden>\n"
            "    <idnumber></idnumber>\n")
    if kind in (0, 1, 2):
        single = "false" if kind == 2 else "true"
        grades = (["100", "0", "0", "0"], ["100", "50", "0", "0"],
                  ["50", "50", "-50", "-50"])[kind]
        body = "".join(answer(g, f"Option {k}: {words(i + k, 5)}", f"Because {words(k, 3)}.")
                       for k, g in enumerate(grades))
        return (f'  <question type="multichoice">\n{head}'
                f"    <single>{single}</single>\n    <shuffleanswers>true</shuffleanswers>\n"
                "    <answernumbering>abc</answernumbering>\n"
                + text("correctfeedback", "Your answer is correct.")
                + text("incorrectfeedback", "Your answer is incorrect.")
                + body + "  </question>\n")
    if kind == 3:
        return (f'  <question type="truefalse">\n{head}'
                + answer("100", "true", "Yes.").replace('format="html"', 'format="moodle_auto_format"')
                + answer("0", "false", "No.").replace('format="html"', 'format="moodle_auto_format"')
                + "  </question>\n").replace("<p>true</p>", "true").replace("<p>false</p>", "false")
    if kind == 4:
        return (f'  <question type="shortanswer">\n{head}    <usecase>0</usecase>\n'
                + answer("100", WORDS[i % len(WORDS)]) + answer("100", "the " + WORDS[i % 5] + "*")
                + "  </question>\n")
    items = "".join(answer(str(k + 1), f"Step {k + 1}: {words(i + k, 3)}") for k in range(4))
    return (f'  <question type="ordering">\n{head}    <layouttype>VERTICAL</layouttype>\n'
            "    <selecttype>ALL</selecttype>\n    <selectcount>0</selectcount>\n"
            "    <gradingtype>RELATIVE_TO_CORRECT</gradingtype>\n" + items + "  </question>\n")


def main():
    n, path = int(sys.argv[1]), sys.argv[2]
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n')
        for i in range(n):
            if i % 500 == 0:
                f.write('  <question type="category">\n    <category>\n'
                        f"      <text>$course$/Top/Bank/Part {i // 500 + 1}</text>\n"
                        "    </category>\n  </question>\n")
            f.write(f"<!-- question: {i + 1}  -->\n" + question(i))
        f.write("</quiz>\n")


if __name__ == "__main__":
    main()
