#!/usr/bin/env python3
"""gen_exports.py - hostile rapport-export-1 files, made from a good one.

Usage: gen_exports.py GOOD.json OUTDIR

GOOD.json is a real export holding a finished quiz (with a right, a
partial, a wrong and a skipped answer) and a finished self-assessment.
For every kind of value rapport never writes, OUTDIR gets NAME.json (the
good export with that one thing changed) and NAME.expected (a regular
expression that the refusal must match: the reason, and the JSON path of
the bad value where it has one). tests/e2e/75-hostile-merge.py merges
each and checks that it is refused for that reason and changes nothing;
the merge fuzzer starts from them too. Also importable: cases(good).
"""
import copy
import json
import os
import re
import sys


def _find(doc, kind):
    return next(i for i, a in enumerate(doc["attempts"]) if a["kind"] == kind)


def _answer(att, outcome):
    return next(i for i, x in enumerate(att["answers"]) if x["outcome"] == outcome)


def cases(good):
    """Yields (name, bytes, expected regex) for every hostile file."""
    base = json.loads(good)
    q, s = _find(base, "quiz"), _find(base, "assessment")
    quiz = base["attempts"][q]
    right, partial = _answer(quiz, "right"), _answer(quiz, "partial")
    wrong, skipped = _answer(quiz, "wrong"), _answer(quiz, "skipped")
    Q = f"attempts\\[{q}\\]"
    S = f"attempts\\[{s}\\]"

    def dump(doc):
        return json.dumps(doc, indent=2, ensure_ascii=False).encode()

    def doc_with(change):
        d = copy.deepcopy(base)
        change(d)
        return dump(d)

    def attempt(i, **fields):
        def change(d):
            for k, v in fields.items():
                if v is DELETE:
                    del d["attempts"][i][k]
                else:
                    d["attempts"][i][k] = v
        return doc_with(change)

    def part(i, lst, j, **fields):
        def change(d):
            for k, v in fields.items():
                if v is DELETE:
                    del d["attempts"][i][lst][j][k]
                else:
                    d["attempts"][i][lst][j][k] = v
        return doc_with(change)

    text = dump(base)

    # ---- the file as a whole ----
    yield "empty", b"", r"not a rapport export \(not a JSON object\)"
    yield "not-json", b"hello, manager\n", r"not a rapport export \(not a JSON object\)"
    yield "cut-short", text[: len(text) // 2], r"not JSON: the file ends"
    yield "garbage-after", text + b"\n{}\n", r"not JSON: more follows the end of the export"
    yield "a-list-at-the-top", b"[" + text + b"]", r"not a JSON object"
    yield "another-format", doc_with(lambda d: d.update(format="rapport-export-2")), \
        r'its "format" is not "rapport-export-1"'
    yield "format-a-number", doc_with(lambda d: d.update(format=1)), \
        r'its "format" is not "rapport-export-1"'
    yield "no-format", doc_with(lambda d: d.pop("format")), r'no "format": "rapport-export-1"'
    yield "no-attempts", doc_with(lambda d: d.pop("attempts")), r'the export has no "attempts"'
    yield "attempts-an-object", doc_with(lambda d: d.update(attempts={})), \
        r'"attempts" is not a list'
    yield "unknown-top-field", doc_with(lambda d: d.update(comment="hi")), \
        r"'comment' is not a field of rapport's export"
    yield "format-twice", text.replace(b'"format": "rapport-export-1",',
                                       b'"format": "rapport-export-1", '
                                       b'"format": "rapport-export-1",', 1), \
        r'"format" comes twice'
    yield "no-course", doc_with(lambda d: d.pop("course")), r'the export has no "course"'
    yield "course-fingerprint", doc_with(lambda d: d["course"].update(fingerprint="x")), \
        r"course\.fingerprint: 'x' is not 16 hex digits"
    yield "exported-not-a-time", doc_with(lambda d: d.update(exported="last Tuesday")), \
        r"exported: 'last Tuesday' is not a time"
    yield "generator-empty", doc_with(lambda d: d.update(generator="")), \
        r"generator: is empty"
    yield "broken-byte-order-mark", b"\xef\xbb" + text, r"not JSON: a broken byte-order mark"
    yield "nested-too-deep", text.replace(b'"attempts": [', b'"attempts": [' + b"[" * 100, 1), \
        r"nest deeper than rapport writes"
    yield "nul-in-a-name", text.replace(json.dumps(quiz["user"]).encode(),
                                        b'"ana\\u0000evil"', 1), r"not JSON: .*NUL|\\\\u0000"
    yield "not-utf8", text.replace(json.dumps(quiz["user"]).encode(), b'"an\xe9"', 1), \
        r"not JSON: unable to decode byte 0xe9"
    yield "lone-surrogate", text.replace(json.dumps(quiz["user"]).encode(), b'"\\ud800"', 1), \
        r"not JSON: invalid Unicode '\\uD800'"

    # ---- an attempt's own fields ----
    DELETE = object()
    yield "uuid-missing", attempt(q, uuid=DELETE), Q + r"\.uuid: missing"
    yield "uuid-not-a-uuid", attempt(q, uuid="1234"), Q + r"\.uuid: '1234' is not a UUID"
    yield "uuid-a-number", attempt(q, uuid=7), Q + r"\.uuid: 7 is not a UUID"
    yield "user-missing", attempt(q, user=DELETE), Q + r"\.user: missing"
    yield "user-empty", attempt(q, user=""), Q + r"\.user: is empty"
    yield "user-too-long", attempt(q, user="x" * 70000), \
        Q + r"\.user: the text is over 65536 bytes long"
    yield "course-a-formula", attempt(q, course='=HYPERLINK("http://x","c")'), \
        Q + r"\.course: .* is not an id"
    yield "kind-unknown", attempt(q, kind="poem"), \
        Q + r"\.kind: 'poem' is not quiz, assessment, exercise or review"
    yield "item-a-formula", attempt(q, item="=cmd|' /C calc'!A0"), Q + r"\.item: .* is not an id"
    yield "status-unknown", attempt(q, status="paused"), \
        Q + r"\.status: 'paused' is not open, finished or abandoned"
    yield "started-not-a-time", attempt(q, started="soon"), \
        Q + r"\.started: 'soon' is not a time"
    yield "started-no-such-day", attempt(q, started="2026-02-30T10:00:00Z"), \
        Q + r"\.started: '2026-02-30T10:00:00Z' is not a time"
    yield "finish-before-start", attempt(q, finished="2000-01-01T00:00:00Z"), \
        Q + r"\.finished: the attempt ends before it starts"
    yield "finished-null", attempt(q, finished=None), \
        Q + r"\.finished: null, where rapport always writes a value"
    yield "open-with-a-finish", attempt(q, status="open"), \
        Q + r"\.finished: an attempt that is open has no finish"
    yield "seed-not-digits", attempt(q, seed="-4"), Q + r"\.seed: '-4' is not a 64-bit"
    yield "seed-too-big", attempt(q, seed="18446744073709551616"), \
        Q + r"\.seed: '18446744073709551616' is not a 64-bit"
    yield "fingerprint-wrong", attempt(q, fingerprint="zz"), \
        Q + r"\.fingerprint: 'zz' is not 16 hex digits"
    yield "meeting-not-a-uuid", attempt(q, meeting="room 4"), \
        Q + r"\.meeting: 'room 4' is not a UUID"
    yield "meeting-on-a-quiz", attempt(q, meeting="11111111-2222-3333-4444-555555555555"), \
        Q + r"\.meeting: only an exercise is taken in a meeting"
    yield "total-negative", attempt(q, total=-1), Q + r"\.total: -1 is not a whole number"
    yield "total-a-text", attempt(q, total="24"), Q + r"\.total: '24' is not a whole number"
    yield "total-not-the-plan", attempt(q, total=quiz["total"] + 1), \
        Q + r"\.plan: holds \d+ items where 'total' says \d+"
    yield "score-1e308", attempt(q, score=1e308), \
        Q + r"\.score: 1e\+308 is not a number from 0 to 100"
    yield "score-1000", attempt(q, score=1000), Q + r"\.score: 1000 is not a number"
    yield "score-negative", attempt(q, score=-50), Q + r"\.score: -50 is not a number"
    yield "passed-yes", attempt(q, passed="yes"), \
        Q + r"\.passed: 'yes' is not true, false or null"
    yield "passed-on-a-self-assessment", attempt(s, passed=True), \
        S + r"\.passed: only a quiz is passed or failed"
    yield "straight-lining-on-a-quiz", attempt(q, straight_lining=True), \
        Q + r"\.straight_lining: only a self-assessment is checked for it"
    yield "unknown-attempt-field", attempt(q, note="hello"), \
        Q + r": 'note' is not a field of rapport's export"
    yield "attempt-field-twice", text.replace(b'"status": "finished",',
                                              b'"status": "finished", "status": "finished",', 1), \
        r"not JSON: duplicate object key"
    yield "attempt-a-number", doc_with(lambda d: d["attempts"].insert(0, 42)), \
        r"attempts\[0\]: 42 is not an attempt"

    def unfinished(d, i):
        d["attempts"][i]["status"] = "open"
        d["attempts"][i]["finished"] = None
        d["attempts"][i]["scores"] = []
        d["attempts"][i]["passed"] = None
        d["attempts"][i]["band"] = None

    def open_with(field, value):
        def change(d):
            unfinished(d, q)
            d["attempts"][q][field] = value
        return doc_with(change)
    yield "score-on-an-open-attempt", open_with("score", 50), \
        Q + r"\.score: an unfinished attempt has no score yet"
    yield "band-on-an-open-attempt", doc_with(lambda d: (unfinished(d, q), d["attempts"][q].update(
        score=None, band="Ready"))), Q + r"\.band: an unfinished attempt has no band yet"
    yield "scores-on-an-open-attempt", doc_with(lambda d: (unfinished(d, q), d["attempts"][q].update(
        score=None, scores=quiz["scores"]))), \
        Q + r"\.scores: an unfinished attempt has no scores"

    # ---- the plan ----
    yield "plan-an-object", attempt(q, plan={}), Q + r"\.plan: an object is not a list"
    yield "plan-position-wrong", part(q, "plan", 1, position=5), \
        Q + r"\.plan\[1\]\.position: 5 is not a whole number from 1 to 1"
    yield "plan-item-not-an-id", part(q, "plan", 0, item="a b"), \
        Q + r"\.plan\[0\]\.item: 'a b' is not an id"
    yield "plan-27-options", part(q, "plan", 0, choices=[f"o{i}" for i in range(27)]), \
        Q + r"\.plan\[0\]\.choices: a list is not a list of up to 26 option ids"
    yield "plan-option-not-an-id", part(q, "plan", 0, choices=["@SUM(1)"]), \
        Q + r"\.plan\[0\]\.choices\[0\]: '@SUM\(1\)' is not an option id"
    yield "plan-unknown-field", part(q, "plan", 0, weight=3), \
        Q + r"\.plan\[0\]: 'weight' is not a field"

    # ---- the answers ----
    A = Q + r"\.answers"
    yield "answer-position-past-the-plan", part(q, "answers", right, position=999), \
        A + rf"\[{right}\]\.position: 999 is not a whole number from 0 to"
    yield "answer-item-not-in-the-plan", part(q, "answers", right, item="someone-else"), \
        A + rf"\[{right}\]\.item: 'someone-else' is not the item at position"

    def swap(d):
        a = d["attempts"][q]["answers"]
        a[0], a[1] = a[1], a[0]
    yield "answers-out-of-order", doc_with(swap), \
        A + r"\[1\]\.position: the answers are not in the order of their positions"
    yield "outcome-unknown", part(q, "answers", right, outcome="correct"), \
        A + rf"\[{right}\]\.outcome: 'correct' is not right, partial"
    yield "credit-1.5", part(q, "answers", right, credit=1.5), \
        A + rf"\[{right}\]\.credit: 1\.5 is not a number from 0 to 1"
    yield "credit-negative", part(q, "answers", wrong, credit=-0.5), \
        A + rf"\[{wrong}\]\.credit: -0\.5 is not a number from 0 to 1"
    yield "possible-5000", part(q, "answers", right, possible=5000), \
        A + rf"\[{right}\]\.possible: 5000 is not a number from 0 to 1000"
    yield "earned-over-possible", part(q, "answers", right, earned=99), \
        A + rf"\[{right}\]\.earned: 99 is not a number from 0 to"
    yield "earned-not-credit-times-points", part(q, "answers", partial, earned=0), \
        A + rf"\[{partial}\]\.earned: 0 is not the credit times the points possible"
    yield "right-with-half-credit", part(q, "answers", partial, outcome="right"), \
        A + rf"\[{partial}\]\.outcome: 'right' with a credit of"
    yield "wrong-with-credit", part(q, "answers", partial, outcome="wrong"), \
        A + rf"\[{partial}\]\.outcome: 'wrong' with a credit of"
    yield "skip-with-a-response", part(q, "answers", skipped, response=["a"]), \
        A + rf"\[{skipped}\]\.response: a skipped item has no response"
    yield "wrong-without-a-response", part(q, "answers", wrong, response=None), \
        A + rf"\[{wrong}\]\.response: a wrong answer has a response"
    yield "response-a-number", part(q, "answers", wrong, response=3), \
        A + rf"\[{wrong}\]\.response: 3 is not the options picked or a text"
    yield "response-not-an-option-id", part(q, "answers", wrong, response=["=1+1"]), \
        A + rf"\[{wrong}\]\.response\[0\]: '=1\+1' is not an option id"
    yield "response-too-long", part(q, "answers", wrong, response="x" * 70000), \
        A + rf"\[{wrong}\]\.response: the text is over 65536 bytes long"
    yield "keyed-on-a-question", part(q, "answers", wrong, keyed=3), \
        A + rf"\[{wrong}\]\.keyed: only a statement's answer has a value"
    yield "statement-with-points", part(s, "answers", 0, credit=1, earned=1, possible=1), \
        S + r"\.answers\[0\]\.credit: a statement's answer has no points"
    yield "statement-keyed-1e308", part(s, "answers", 0, keyed=1e308), \
        S + r"\.answers\[0\]\.keyed: 1e\+308 is not a whole number from -1000 to 1000"
    yield "statement-value-huge", part(s, "answers", 0, response=99999), \
        S + r"\.answers\[0\]\.response: 99999 is not a whole number from -1000 to 1000"
    yield "seconds-negative", part(q, "answers", right, seconds=-1), \
        A + rf"\[{right}\]\.seconds: -1 is not a number from 0"
    yield "seconds-1e300", part(q, "answers", right, seconds=1e300), \
        A + rf"\[{right}\]\.seconds: 1e\+300 is not a number from 0"
    yield "answered-not-a-time", part(q, "answers", right, answered="now"), \
        A + rf"\[{right}\]\.answered: 'now' is not a time"
    yield "competency-a-formula", part(q, "answers", right, competency="+SUM(1)"), \
        A + rf"\[{right}\]\.competency: '\+SUM\(1\)' is not an id"
    yield "unknown-answer-field", part(q, "answers", right, hint=True), \
        A + rf"\[{right}\]: 'hint' is not a field"

    # ---- the scores ----
    C = Q + r"\.scores"

    def twice(d):
        sc = d["attempts"][q]["scores"]
        sc[1]["competency"] = sc[0]["competency"]
    yield "competency-twice", doc_with(twice), C + r"\[1\]\.competency: '.*' comes twice"

    def unscored(d):
        d["attempts"][q]["scores"][0]["scored"] = False
    yield "score-on-an-unscored-competency", doc_with(unscored), \
        C + r"\[0\]\.score: a competency not scored has no score"
    yield "competency-earned-over-possible", part(q, "scores", 0, earned=10 ** 6), \
        C + r"\[0\]\.earned: 1000000 is not a number from 0 to"
    yield "competency-answered-over-total", part(q, "scores", 0, answered=999), \
        C + r"\[0\]\.answered: 999 is not a whole number from 0 to"
    yield "competency-total-over-the-attempt", part(q, "scores", 0, total=999), \
        C + r"\[0\]\.total: 999 is not a whole number from 0 to"
    yield "competency-score-101", part(q, "scores", 0, score=101), \
        C + r"\[0\]\.score: 101 is not a number from 0 to 100"

    # ---- a good attempt first, then a bad one: nothing of either goes in ----
    def good_then_bad(d):
        late = copy.deepcopy(d["attempts"][q])
        late["uuid"] = "0f8fad5b-d9cb-469f-a165-70867728950e"
        late["score"] = 1e308
        d["attempts"].append(late)
    yield "good-then-bad", doc_with(good_then_bad), \
        rf"attempts\[{len(base['attempts'])}\]\.score: 1e\+308"


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gen_exports.py GOOD.json OUTDIR")
    with open(sys.argv[1], "rb") as f:
        good = f.read()
    os.makedirs(sys.argv[2], exist_ok=True)
    n = 0
    for name, data, expected in cases(good):
        re.compile(expected)
        with open(os.path.join(sys.argv[2], name + ".json"), "wb") as f:
            f.write(data)
        with open(os.path.join(sys.argv[2], name + ".expected"), "w") as f:
            f.write(expected + "\n")
        n += 1
    print(f"{n} hostile exports in {sys.argv[2]}")


if __name__ == "__main__":
    main()
