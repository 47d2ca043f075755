/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_record.c - attempts as exports carry them: JSON both ways and what
 * it refuses, whole export files, CSV rows, ISO 8601 times and durations,
 * UUIDs. */
#include "testlib.h"

#include <jansson.h>
#include <math.h>
#include <regex.h>

#include "record.h"

#define UUID_A	     "0f8fad5b-d9cb-469f-a165-70867728950e"
#define UUID_B	     "7C9E6679-7425-40DE-944B-E07FC1F90AE7" /* capitals */
#define UUID_B_LOWER "7c9e6679-7425-40de-944b-e07fc1f90ae7"
#define UUID_C	     "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
#define STARTED	     1795760880000 /* 2026-11-27T06:28:00.000Z, in ms */

/* ---- building records ---- */

static struct record_item *add_item(struct record *r, const char *item,
				    const char *choices)
{
	struct record_item *x;

	r->items = xrealloc(r->items, (r->n_items + 1) * sizeof(*r->items));
	x = &r->items[r->n_items];
	memset(x, 0, sizeof(*x));
	x->position = (int64_t)r->n_items++;
	x->item = xstrdup(item);
	x->choices = choices ? xstrdup(choices) : NULL;
	return x;
}

/* An answer at the next position, given 10 seconds after the one before
 * it, with no points until the caller sets them. */
static struct record_answer *add_answer(struct record *r, const char *item,
					const char *competency,
					const char *outcome,
					const char *response)
{
	struct record_answer *x;

	r->answers =
		xrealloc(r->answers, (r->n_answers + 1) * sizeof(*r->answers));
	x = &r->answers[r->n_answers];
	memset(x, 0, sizeof(*x));
	x->position = (int64_t)r->n_answers++;
	x->item = xstrdup(item);
	x->competency = competency ? xstrdup(competency) : NULL;
	x->outcome = xstrdup(outcome);
	x->response = response ? xstrdup(response) : NULL;
	x->answered_ms = r->started_ms + 10000 * (int64_t)r->n_answers;
	x->seconds = 4.5;
	return x;
}

static void set_points(struct record_answer *x, double credit, double earned,
		       double possible)
{
	x->has_points = true;
	x->credit = credit;
	x->earned = earned;
	x->possible = possible;
}

static struct record_score *add_score(struct record *r, const char *comp,
				      bool scored, double score)
{
	struct record_score *x;

	r->scores = xrealloc(r->scores, (r->n_scores + 1) * sizeof(*r->scores));
	x = &r->scores[r->n_scores++];
	memset(x, 0, sizeof(*x));
	x->competency = xstrdup(comp);
	x->scored = scored;
	x->score = score;
	return x;
}

static void head(struct record *r, const char *uuid, const char *kind,
		 const char *item, const char *status)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->uuid, sizeof(r->uuid), "%s", uuid);
	r->user = xstrdup("Zoë Łódź");
	r->course = xstrdup("inside-relationships");
	r->kind = xstrdup(kind);
	r->item = xstrdup(item);
	r->status = xstrdup(status);
	r->seed = xstrdup("12345678901234567890");
	r->fingerprint = xstrdup("c8fe0be11b943662");
	r->started_ms = STARTED;
	r->passed = -1;
	r->straight = -1;
}

/* An open quiz with every kind of answer in it: with points, without,
 * a keyed Likert value with no competency, and a skip. Not finished, so
 * no overall score, band or pass. */
static void open_quiz(struct record *r)
{
	struct record_answer *x;

	head(r, UUID_A, "quiz", "knowledge-check", "open");
	r->total = 4;
	add_item(r, "sc", "[\"w\",\"x\",\"y\"]");
	add_item(r, "sa", NULL);
	add_item(r, "s1", NULL);
	add_item(r, "tf", "[\"true\",\"false\"]");
	x = add_answer(r, "sc", "partners", "wrong", "[\"x\"]");
	set_points(x, 0, 0, 1);
	x = add_answer(r, "sa", "partners", "partial", "\"ask early\"");
	set_points(x, 0.5, 1, 2);
	x->seconds = 61.25;
	x = add_answer(r, "s1", NULL, "answered", "2");
	x->has_keyed = true;
	x->keyed = 4;
	add_answer(r, "tf", "thanks", "skipped", NULL);
}

/* The same quiz finished: its result, and its scores by competency. */
static void finished_quiz(struct record *r)
{
	struct record_score *s;

	open_quiz(r);
	free(r->status);
	r->status = xstrdup("finished");
	r->finished_ms = STARTED + 300000;
	r->scored = true;
	r->score = 25;
	r->band = xstrdup("Keep going");
	r->passed = 0;
	s = add_score(r, "partners", true, 100.0 / 3);
	s->earned = 1;
	s->possible = 3;
	s->answered = 2;
	s->total = 2;
	s = add_score(r, "thanks", false, 0);
	s->possible = 1;
	s->total = 1;
}

/* A finished self-assessment, with every overall field it has set. */
static void finished_assessment(struct record *r)
{
	struct record_answer *x;

	head(r, UUID_B, "assessment", "self-check", "finished");
	r->total = 2;
	r->finished_ms = STARTED + 725000;
	r->scored = true;
	r->score = 62.5;
	r->band = xstrdup("Growing");
	r->straight = 0;
	add_item(r, "s1", NULL);
	add_item(r, "s2", NULL);
	x = add_answer(r, "s1", "partners", "answered", "5");
	x->has_keyed = true;
	x->keyed = 5;
	x = add_answer(r, "s2", "partners", "answered", "4");
	x->has_keyed = true;
	x->keyed = 2; /* reverse-keyed on a 1..5 scale */
	add_score(r, "partners", true, 62.5)->answered = 2;
	r->scores[0].total = 2;
}

/* A participant's answers in a sales meeting: an exercise with the
 * meeting's id. */
static void meeting_exercise(struct record *r)
{
	head(r, UUID_C, "exercise", "team-meeting", "finished");
	r->meeting = xstrdup("11111111-2222-3333-4444-555555555555");
	r->team = xstrdup("Blue");
	r->facilitator = xstrdup("pat");
	r->total = 1;
	r->finished_ms = STARTED + 1200000;
	r->scored = true;
	r->score = 100;
	add_item(r, "sc1", "[\"a\",\"b\",\"c\"]");
	set_points(add_answer(r, "sc1", "repair", "right", "[\"b\"]"), 1, 1, 1);
	add_score(r, "repair", true, 100)->answered = 1;
	r->scores[0].total = 1;
	r->scores[0].earned = r->scores[0].possible = 1;
}

/* JSON text back into a record; fails the test when it is refused. */
static void read_ok(const char *json, struct record *out)
{
	char *err = NULL;

	if (!record_from_json(json, out, &err))
		fail_msg("record_from_json: %s", err);
}

/* ---- JSON both ways ---- */

static void json_round_trip_keeps_every_field(void **state)
{
	struct record r, back;
	const char *why = "unset";
	char *json, *again;

	(void)state;
	finished_quiz(&r);
	json = record_to_json(&r);
	read_ok(json, &back);
	assert_true(record_same(&r, &back, &why));
	assert_null(why);

	/* what record_same does not look at must come back too */
	assert_string_equal(back.uuid, UUID_A);
	assert_string_equal(back.user, "Zoë Łódź");
	assert_string_equal(back.status, "finished");
	assert_int_equal(back.finished_ms, STARTED + 300000);
	assert_int_equal(back.started_ms, STARTED);
	assert_true(back.scored);
	assert_float_equal(back.score, 25, 1e-12);
	assert_string_equal(back.band, "Keep going");
	assert_null(back.meeting);
	assert_int_equal(back.passed, 0);
	assert_int_equal(back.straight, -1);
	assert_int_equal(back.n_items, 4);
	assert_string_equal(back.items[0].choices, "[\"w\",\"x\",\"y\"]");
	assert_null(back.items[1].choices);
	assert_int_equal(back.n_answers, 4);
	assert_true(back.answers[0].has_points);
	assert_false(back.answers[0].has_keyed);
	assert_float_equal(back.answers[1].credit, 0.5, 1e-12);
	assert_float_equal(back.answers[1].earned, 1, 1e-12);
	assert_float_equal(back.answers[1].possible, 2, 1e-12);
	assert_float_equal(back.answers[1].seconds, 61.25, 1e-12);
	assert_string_equal(back.answers[1].response, "\"ask early\"");
	/* the Likert answer: no points, a keyed value, no competency */
	assert_false(back.answers[2].has_points);
	assert_true(back.answers[2].has_keyed);
	assert_int_equal(back.answers[2].keyed, 4);
	assert_null(back.answers[2].competency);
	assert_string_equal(back.answers[2].response, "2");
	/* a skip has no response */
	assert_null(back.answers[3].response);
	assert_string_equal(back.answers[3].outcome, "skipped");
	assert_int_equal(back.answers[3].answered_ms, STARTED + 40000);
	assert_int_equal(back.n_scores, 2);
	assert_float_equal(back.scores[0].score, 100.0 / 3, 1e-12);
	assert_float_equal(back.scores[0].earned, 1, 1e-12);
	assert_float_equal(back.scores[0].possible, 3, 1e-12);
	assert_false(back.scores[1].scored);
	assert_int_equal(back.scores[1].total, 1);

	/* and writing it out again gives the same text, byte for byte */
	again = record_to_json(&back);
	assert_string_equal(again, json);
	free(again);
	free(json);
	record_release(&back);
	record_release(&r);
}

static void json_round_trip_of_a_finished_attempt(void **state)
{
	struct record r, back;
	const char *why = "unset";
	char *json;

	(void)state;
	finished_assessment(&r);
	json = record_to_json(&r);
	read_ok(json, &back);
	assert_true(record_same(&r, &back, &why));
	assert_null(why);
	assert_int_equal(back.finished_ms, STARTED + 725000);
	assert_true(back.scored);
	assert_float_equal(back.score, 62.5, 1e-12);
	assert_string_equal(back.band, "Growing");
	assert_null(back.meeting);
	assert_int_equal(back.passed, -1);
	assert_int_equal(back.straight, 0);
	assert_int_equal(back.answers[1].keyed, 2);
	/* the UUID was written in capitals: it comes back canonical */
	assert_string_equal(back.uuid, UUID_B_LOWER);
	free(json);
	record_release(&back);
	record_release(&r);

	meeting_exercise(&r);
	json = record_to_json(&r);
	read_ok(json, &back);
	assert_true(record_same(&r, &back, &why));
	assert_string_equal(back.meeting,
			    "11111111-2222-3333-4444-555555555555");
	free(json);
	record_release(&back);
	record_release(&r);
}

/* docs/export.md: times are ISO 8601 in UTC, an open attempt's finished
 * is null, and response and choices are JSON values, not strings holding
 * JSON. */
static void json_has_the_documented_shape(void **state)
{
	struct record r;
	char *json;
	json_t *o, *ans;

	(void)state;
	open_quiz(&r);
	json = record_to_json(&r);
	o = json_loads(json, 0, NULL);
	assert_non_null(o);
	assert_string_equal(json_string_value(json_object_get(o, "started")),
			    "2026-11-27T06:28:00.000Z");
	assert_true(json_is_null(json_object_get(o, "finished")));
	assert_true(json_is_null(json_object_get(o, "score")));
	assert_true(json_is_null(json_object_get(o, "passed")));
	assert_true(json_is_array(json_object_get(
		json_array_get(json_object_get(o, "plan"), 0), "choices")));
	ans = json_object_get(o, "answers");
	assert_true(json_is_array(
		json_object_get(json_array_get(ans, 0), "response")));
	assert_true(json_is_string(
		json_object_get(json_array_get(ans, 1), "response")));
	assert_true(json_is_integer(
		json_object_get(json_array_get(ans, 2), "response")));
	assert_true(json_is_null(
		json_object_get(json_array_get(ans, 2), "credit")));
	assert_true(json_is_null(
		json_object_get(json_array_get(ans, 2), "competency")));
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(ans, 0), "answered")),
			    "2026-11-27T06:28:10.000Z");
	json_decref(o);
	free(json);
	record_release(&r);
}

/* The attempt as one jansson tree, dumped whole: what record_to_json must
 * write byte for byte, though it never builds the tree. */
static json_t *when_or_null(int64_t t)
{
	char buf[32];

	if (!t)
		return json_null();
	iso_time(t, buf);
	return json_string(buf);
}

static json_t *parsed_or_null(const char *s)
{
	json_t *v = s ? json_loads(s, JSON_DECODE_ANY, NULL) : NULL;

	return v ? v : json_null();
}

static json_t *real_or_null(bool has, double v)
{
	return has ? json_real(v) : json_null();
}

static json_t *bool_or_null(int v)
{
	return v < 0 ? json_null() : json_boolean(v);
}

static char *whole_tree(const struct record *r)
{
	json_t *plan = json_array(), *answers = json_array(),
	       *scores = json_array(), *o;
	char *text;
	size_t i;

	for (i = 0; i < r->n_items; i++)
		json_array_append_new(
			plan, json_pack("{s:I, s:s?, s:o}", "position",
					(json_int_t)r->items[i].position,
					"item", r->items[i].item, "choices",
					parsed_or_null(r->items[i].choices)));
	for (i = 0; i < r->n_answers; i++) {
		const struct record_answer *x = &r->answers[i];
		json_array_append_new(
			answers,
			json_pack("{s:I, s:s?, s:s?, s:s?, s:o, s:o, s:o, s:o,"
				  " s:o, s:o, s:f}",
				  "position", (json_int_t)x->position, "item",
				  x->item, "competency", x->competency,
				  "outcome", x->outcome, "response",
				  parsed_or_null(x->response), "credit",
				  real_or_null(x->has_points, x->credit),
				  "earned",
				  real_or_null(x->has_points, x->earned),
				  "possible",
				  real_or_null(x->has_points, x->possible),
				  "keyed",
				  x->has_keyed ? json_integer(x->keyed)
					       : json_null(),
				  "answered", when_or_null(x->answered_ms),
				  "seconds", x->seconds));
	}
	for (i = 0; i < r->n_scores; i++) {
		const struct record_score *x = &r->scores[i];
		json_array_append_new(
			scores,
			json_pack("{s:s, s:b, s:o, s:f, s:f, s:I, s:I}",
				  "competency", x->competency, "scored",
				  x->scored, "score",
				  real_or_null(x->scored, x->score), "earned",
				  x->earned, "possible", x->possible,
				  "answered", (json_int_t)x->answered, "total",
				  (json_int_t)x->total));
	}
	o = json_pack("{s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:o, s:o, s:s?,"
		      " s:s?, s:s?, s:s?, s:s?, s:I, s:o, s:s?, s:o, s:o, s:o,"
		      " s:o, s:o}",
		      "uuid", r->uuid, "user", r->user, "course", r->course,
		      "kind", r->kind, "item", r->item, "status", r->status,
		      "started", when_or_null(r->started_ms), "finished",
		      when_or_null(r->finished_ms), "seed", r->seed,
		      "fingerprint", r->fingerprint, "meeting", r->meeting,
		      "team", r->team, "facilitator", r->facilitator, "total",
		      (json_int_t)r->total, "score",
		      real_or_null(r->scored, r->score), "band", r->band,
		      "passed", bool_or_null(r->passed), "straight_lining",
		      bool_or_null(r->straight), "plan", plan, "answers",
		      answers, "scores", scores);
	assert_non_null(o);
	text = json_dumps(o, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
	json_decref(o);
	return text;
}

static void json_is_the_dump_of_the_whole_tree(void **state)
{
	struct record r[3];
	size_t i;

	(void)state;
	open_quiz(&r[0]);
	finished_assessment(&r[1]);
	head(&r[2], UUID_A, "quiz", "knowledge-check", "open"); /* no lists */
	for (i = 0; i < 3; i++) {
		char *want = whole_tree(&r[i]), *got = record_to_json(&r[i]);
		assert_string_equal(got, want);
		free(want);
		free(got);
		record_release(&r[i]);
	}
}

/* One writer for a whole export: each attempt comes out as it would
 * alone, whatever came before it (a field set then unset, a list longer
 * then shorter). */
static void a_writer_writes_each_attempt_as_alone(void **state)
{
	struct record r[3];
	struct record_writer *w = record_writer_new();
	static const size_t order[] = { 0, 1, 2, 1, 0, 2, 0 };
	size_t i;

	(void)state;
	open_quiz(&r[0]);
	finished_assessment(&r[1]);
	head(&r[2], UUID_B, "quiz", "knowledge-check", "open");
	for (i = 0; i < RP_ARRAY_LEN(order); i++) {
		char *want = whole_tree(&r[order[i]]);
		char *got = record_writer_json(w, &r[order[i]]);
		assert_string_equal(got, want);
		free(want);
		free(got);
	}
	record_writer_free(w);
	for (i = 0; i < 3; i++)
		record_release(&r[i]);
}

/* The writer keeps parsed responses in a table smaller than this many
 * different ones, so some share a place: each answer must still show its
 * own, the first time and when the table is full. */
static void a_writer_never_mixes_up_responses(void **state)
{
	struct record r;
	struct record_writer *w = record_writer_new();
	const size_t n = 10000;
	char *first, *again;
	size_t i;
	json_t *o;

	(void)state;
	head(&r, UUID_A, "quiz", "knowledge-check", "open");
	for (i = 0; i < n; i++) {
		char text[32];
		snprintf(text, sizeof(text), "[\"o%zu\",\"x\"]", i);
		add_answer(&r, "q", "c", "wrong", text);
		add_item(&r, "q", i % 2 ? text : "[\"x\"]");
	}
	first = record_writer_json(w, &r);
	again = record_writer_json(w, &r);
	assert_string_equal(again, first);
	o = json_loads(first, 0, NULL);
	assert_non_null(o);
	for (i = 0; i < n; i++) {
		char want[32];
		json_t *a = json_array_get(json_object_get(o, "answers"), i);
		json_t *p = json_array_get(json_object_get(o, "plan"), i);
		snprintf(want, sizeof(want), "o%zu", i);
		assert_string_equal(json_string_value(json_array_get(
					    json_object_get(a, "response"), 0)),
				    want);
		assert_string_equal(json_string_value(json_array_get(
					    json_object_get(p, "choices"), 0)),
				    i % 2 ? want : "x");
	}
	json_decref(o);
	free(first);
	free(again);
	record_writer_free(w);
	record_release(&r);
}

/* ---- record_same ---- */

/* b becomes a copy of a, through JSON. */
static void copy_of(const struct record *a, struct record *b)
{
	char *json = record_to_json(a);

	read_ok(json, b);
	free(json);
}

#define assert_differs(a, b, what)                                             \
	do {                                                                   \
		const char *why_ = NULL;                                       \
		assert_false(record_same((a), (b), &why_));                    \
		assert_non_null(why_);                                         \
		assert_string_equal(why_, (what));                             \
	} while (0)

static void same_says_what_differs_first(void **state)
{
	struct record a, b;
	const char *why = NULL;
	char *keep;

	(void)state;
	finished_assessment(&a);
	copy_of(&a, &b);
	assert_true(record_same(&a, &b, &why));

	b.score = 62.6;
	assert_differs(&a, &b, "the score");
	b.score = 62.5 + 1e-12; /* within rounding: the same */
	assert_true(record_same(&a, &b, &why));
	b.scored = false;
	assert_differs(&a, &b, "the score");
	b.scored = true;
	b.passed = 0;
	assert_differs(&a, &b, "the score");
	b.passed = -1;

	keep = b.answers[1].response;
	b.answers[1].response = xstrdup("3");
	assert_differs(&a, &b, "the answers");
	free(b.answers[1].response);
	b.answers[1].response = keep;
	b.answers[0].answered_ms++;
	assert_differs(&a, &b, "the answers");
	b.answers[0].answered_ms--;
	b.n_answers--; /* one answer fewer */
	assert_differs(&a, &b, "the answers");
	b.n_answers++;

	b.scores[0].score = 50;
	assert_differs(&a, &b, "the scores by competency");
	b.scores[0].score = 62.5;
	b.scores[0].total = 3;
	assert_differs(&a, &b, "the scores by competency");
	b.scores[0].total = 2;

	b.items[1].position = 5;
	assert_differs(&a, &b, "the questions asked");
	b.items[1].position = 1;
	b.n_items--; /* one question fewer */
	assert_differs(&a, &b, "the questions asked");
	b.n_items++;
	b.total = 3;
	assert_differs(&a, &b, "how it began");
	b.total = 2;
	b.seed[0] = '9';
	assert_differs(&a, &b, "how it began");
	b.seed[0] = '1';
	b.item[0] = 'S';
	assert_differs(&a, &b, "what was taken");
	b.item[0] = 's';
	b.user[0] = 'z';
	assert_differs(&a, &b, "the user");
	b.user[0] = 'Z';

	b.finished_ms++;
	assert_differs(&a, &b, "whether it was finished");
	b.finished_ms--;
	b.uuid[0] = 'f';
	/* the id is looked at first, even when more differs */
	b.score = 1;
	assert_differs(&a, &b, "the id");
	b.uuid[0] = a.uuid[0];
	b.score = a.score;
	assert_true(record_same(&a, &b, &why));
	record_release(&b);
	record_release(&a);
}

static void same_compares_points_earned(void **state)
{
	struct record a, b;
	const char *why = NULL;

	(void)state;
	open_quiz(&a);
	copy_of(&a, &b);
	b.answers[1].earned = 2; /* full marks where a had half */
	assert_differs(&a, &b, "the answers");
	b.answers[1].earned = 1;
	assert_true(record_same(&a, &b, &why));
	record_release(&b);
	record_release(&a);
}

/* Merge tells a conflict from a copy with record_same, so it must look at
 * every field, and the same way round from either side. */
static void same_compares_every_field(void **state)
{
	struct record a, b;
	const char *why = NULL;
	char *keep;

	(void)state;
	meeting_exercise(&a);
	copy_of(&a, &b);
	keep = b.meeting;
	b.meeting = NULL;
	assert_false(record_same(&a, &b, &why));
	b.meeting = keep;
	assert_true(record_same(&a, &b, &why));
	keep = b.team;
	b.team = NULL;
	assert_false(record_same(&a, &b, &why));
	b.team = keep;
	keep = b.facilitator;
	b.facilitator = xstrdup("lee");
	assert_false(record_same(&a, &b, &why));
	free(b.facilitator);
	b.facilitator = keep;
	assert_true(record_same(&a, &b, &why));
	record_release(&b);
	record_release(&a);

	finished_assessment(&a);
	copy_of(&a, &b);
	b.straight = 1;
	assert_false(record_same(&a, &b, &why));
	b.straight = 0;
	b.answers[1].keyed = 4; /* the reverse keying lost */
	assert_false(record_same(&a, &b, &why));
	b.answers[1].keyed = 2;
	keep = b.answers[0].competency;
	b.answers[0].competency = NULL;
	assert_false(record_same(&a, &b, &why));
	b.answers[0].competency = keep;
	b.answers[0].seconds = 99;
	assert_false(record_same(&a, &b, &why));
	b.answers[0].seconds = a.answers[0].seconds;
	/* a has no points for this answer, b has some */
	set_points(&b.answers[0], 1, 1, 1);
	assert_false(record_same(&a, &b, &why));
	record_release(&b);
	record_release(&a);
}

/* ---- what record_from_json refuses ---- */

/* The finished quiz as JSON with one change: in the attempt (list NULL)
 * or in element i of its list, key set to v (removed when v is NULL).
 * Returns the error when it is refused (caller frees), NULL when it is
 * read. Takes v's reference. */
static char *refusal_in(const char *list, size_t i, const char *key, json_t *v)
{
	struct record r, out;
	char *json, *err = NULL;
	json_t *o, *target;

	finished_quiz(&r);
	json = record_to_json(&r);
	record_release(&r);
	o = json_loads(json, 0, NULL);
	free(json);
	target = list ? json_array_get(json_object_get(o, list), i) : o;
	assert_non_null(target);
	if (v)
		json_object_set_new(target, key, v);
	else
		json_object_del(target, key);
	json = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	memset(&out, 0xab, sizeof(out));
	if (record_from_json(json, &out, &err)) {
		record_release(&out);
		free(json);
		return NULL;
	}
	/* refused: nothing is left in out to free */
	assert_null(out.user);
	assert_null(out.answers);
	assert_int_equal(out.n_answers, 0);
	assert_int_equal(out.n_items, 0);
	assert_non_null(err);
	free(json);
	return err;
}

static char *refusal(const char *key, json_t *v, bool in_answer)
{
	return refusal_in(in_answer ? "answers" : NULL, 0, key, v);
}

#define assert_refused_in(list, i, key, v, text)                               \
	do {                                                                   \
		char *e_ = refusal_in((list), (i), (key), (v));                \
		if (!e_)                                                       \
			fail_msg("'%s' was accepted", (key));                  \
		assert_string_equal(e_, (text));                               \
		free(e_);                                                      \
	} while (0)

#define assert_refused(key, v, in_answer, text)                                \
	assert_refused_in((in_answer) ? "answers" : NULL, 0, key, v, text)

static void from_json_refuses_a_bad_uuid(void **state)
{
	(void)state;
	assert_refused("uuid", json_string("1234"), false,
		       "uuid: '1234' is not a UUID");
	/* the right length, but not hex digits */
	assert_refused("uuid",
		       json_string("0f8fad5b-d9cb-469f-a165-70867728950z"),
		       false,
		       "uuid: '0f8fad5b-d9cb-469f-a165-70867728950z' is not a "
		       "UUID");
	assert_refused("uuid",
		       json_string("0f8fad5bd-9cb-469f-a165-70867728950e"),
		       false,
		       "uuid: '0f8fad5bd-9cb-469f-a165-70867728950e' is not a "
		       "UUID");
	assert_refused("uuid", json_integer(7), false, "uuid: 7 is not a UUID");
	assert_refused("uuid", NULL, false, "uuid: missing");
}

static void from_json_refuses_unknown_words(void **state)
{
	(void)state;
	assert_refused("kind", json_string("exam"), false,
		       "kind: 'exam' is not quiz, assessment, exercise or "
		       "review");
	assert_refused("kind", json_string("Quiz"), false,
		       "kind: 'Quiz' is not quiz, assessment, exercise or "
		       "review");
	assert_refused("status", json_string("done"), false,
		       "status: 'done' is not open, finished or abandoned");
	assert_refused("outcome", json_string("correct"), true,
		       "answers[0].outcome: 'correct' is not right, partial, "
		       "wrong, skipped, answered or not-applicable");
}

static void from_json_refuses_missing_or_mistyped_fields(void **state)
{
	char *err;

	(void)state;
	assert_refused("user", NULL, false, "user: missing");
	assert_refused("course", json_null(), false,
		       "course: null, where rapport always writes a value");
	assert_refused("started", NULL, false, "started: missing");
	assert_refused("started", json_string("yesterday"), false,
		       "started: 'yesterday' is not a time such as "
		       "2026-11-27T09:00:00.000Z");
	assert_refused("total", json_string("4"), false,
		       "total: '4' is not a whole number from 0 to 1000000");
	assert_refused("total", json_real(4.5), false,
		       "total: 4.5 is not a whole number from 0 to 1000000");
	assert_refused("score", json_string("high"), false,
		       "score: 'high' is not a number from 0 to 100");
	assert_refused("plan", json_object(), false,
		       "plan: an object is not a list");
	assert_refused("answers", NULL, false, "answers: missing");
	assert_refused("item", NULL, true, "answers[0].item: missing");
	assert_refused("answered", json_null(), true,
		       "answers[0].answered: null, where rapport always "
		       "writes a value");
	assert_refused("seconds", NULL, true, "answers[0].seconds: missing");
	/* what may be null may also be left out */
	err = refusal("meeting", NULL, false);
	assert_null(err);
	err = refusal("competency", NULL, true);
	assert_null(err);
}

/* What a hostile or hand-edited file tried, and rapport never writes:
 * each refused with the path of the value. */
static void from_json_refuses_values_out_of_range(void **state)
{
	(void)state;
	assert_refused("score", json_real(1e308), false,
		       "score: 1e+308 is not a number from 0 to 100");
	assert_refused("score", json_integer(1000), false,
		       "score: 1000 is not a number from 0 to 100");
	assert_refused("score", json_integer(-50), false,
		       "score: -50 is not a number from 0 to 100");
	assert_refused("total", json_integer(-1), false,
		       "total: -1 is not a whole number from 0 to 1000000");
	assert_refused("passed", json_string("yes"), false,
		       "passed: 'yes' is not true, false or null");
	assert_refused_in("answers", 1, "earned", json_integer(3),
			  "answers[1].earned: 3 is not a number from 0 to 2");
	assert_refused_in("answers", 1, "credit", json_real(1.5),
			  "answers[1].credit: 1.5 is not a number from 0 to 1");
	assert_refused_in("answers", 1, "possible", json_integer(5000),
			  "answers[1].possible: 5000 is not a number from 0 to "
			  "1000");
	assert_refused_in("answers", 1, "earned", json_real(0.25),
			  "answers[1].earned: 0.25 is not the credit times the "
			  "points possible (1)");
	assert_refused_in("answers", 1, "seconds", json_integer(-1),
			  "answers[1].seconds: -1 is not a number from 0 to "
			  "1e+09");
	assert_refused_in("answers", 2, "keyed", json_real(1e308),
			  "answers[2].keyed: 1e+308 is not a whole number from "
			  "-1000 to 1000");
	assert_refused_in("answers", 2, "response", json_integer(99999),
			  "answers[2].response: 99999 is not a whole number "
			  "from -1000 to 1000");
	assert_refused_in("scores", 0, "earned", json_integer(4),
			  "scores[0].earned: 4 is not a number from 0 to 3");
	assert_refused_in("scores", 0, "score", json_integer(101),
			  "scores[0].score: 101 is not a number from 0 to 100");
	assert_refused_in("scores", 0, "answered", json_integer(3),
			  "scores[0].answered: 3 is not a whole number from 0 "
			  "to 2");
	assert_refused("user", json_string(""), false, "user: is empty");
	{
		char *big = xmalloc(RECORD_MAX_TEXT + 2);
		memset(big, 'x', RECORD_MAX_TEXT + 1);
		big[RECORD_MAX_TEXT + 1] = '\0';
		assert_refused("user", json_string(big), false,
			       "user: the text is over 65536 bytes long");
		free(big);
	}
	assert_refused("seed", json_string("-4"), false,
		       "seed: '-4' is not a 64-bit whole number");
	assert_refused("seed", json_string("18446744073709551616"), false,
		       "seed: '18446744073709551616' is not a 64-bit whole "
		       "number");
	assert_refused("fingerprint", json_string("C8FE0BE11B943662"), false,
		       "fingerprint: 'C8FE0BE11B943662' is not 16 hex digits");
}

static void from_json_refuses_ids_that_are_not_ids(void **state)
{
	(void)state;
	assert_refused(
		"course", json_string("=HYPERLINK(\"http://x\",\"c\")"), false,
		"course: '=HYPERLINK(\"http://x\",\"c\")' is not an id (a "
		"letter or digit, then letters, digits, '_', '.' or "
		"'-')");
	assert_refused_in("answers", 0, "competency",
			  json_string("=cmd|' /C calc'!A0"),
			  "answers[0].competency: '=cmd|' /C calc'!A0' is not "
			  "an id (a letter or digit, then letters, digits, "
			  "'_', '.' or '-')");
	assert_refused_in(
		"plan", 0, "item", json_string("a b"),
		"plan[0].item: 'a b' is not an id (a letter or digit, "
		"then letters, digits, '_', '.' or '-')");
	assert_refused_in("answers", 0, "response",
			  json_pack("[s]", "@SUM(1+1)"),
			  "answers[0].response[0]: '@SUM(1+1)' is not an "
			  "option id");
}

/* Fields that must agree with each other, as they do in what rapport
 * writes. */
static void from_json_refuses_what_does_not_fit_together(void **state)
{
	char *two_dates;

	(void)state;
	assert_refused("finished", json_null(), false,
		       "finished: null, where rapport always writes a value");
	assert_refused("finished", json_string("2026-11-27T06:00:00.000Z"),
		       false, "finished: the attempt ends before it starts");
	assert_refused("status", json_string("open"), false,
		       "finished: an attempt that is open has no finish");
	assert_refused(
		"meeting", json_string("11111111-2222-3333-4444-555555555555"),
		false, "meeting: only an exercise is taken in a meeting");
	assert_refused("team", json_string("Blue"), false,
		       "team: only an attempt in a meeting has one");
	assert_refused("straight_lining", json_false(), false,
		       "straight_lining: only a self-assessment is checked "
		       "for it");
	assert_refused("extra", json_true(), false,
		       "'extra' is not a field of rapport's export");
	assert_refused_in("answers", 0, "note", json_string("hi"),
			  "answers[0]: 'note' is not a field of rapport's "
			  "export");
	assert_refused("total", json_integer(5), false,
		       "plan: holds 4 items where 'total' says 5");
	assert_refused_in("plan", 1, "position", json_integer(3),
			  "plan[1].position: 3 is not a whole number from 1 to "
			  "1");
	assert_refused_in("answers", 0, "item", json_string("tf"),
			  "answers[0].item: 'tf' is not the item at position 0 "
			  "of the plan");
	assert_refused_in(
		"answers", 3, "response", json_pack("[s]", "true"),
		"answers[3].response: a skipped item has no response");
	assert_refused_in("answers", 0, "response", json_null(),
			  "answers[0].response: a wrong answer has a response");
	assert_refused_in("answers", 1, "outcome", json_string("right"),
			  "answers[1].outcome: 'right' with a credit of 0.5");
	assert_refused_in("answers", 2, "credit", json_integer(1),
			  "answers[2].credit: a statement's answer has no "
			  "points");
	assert_refused_in("answers", 0, "keyed", json_integer(2),
			  "answers[0].keyed: only a statement's answer has a "
			  "value");
	assert_refused_in("scores", 1, "competency", json_string("partners"),
			  "scores[1].competency: 'partners' comes twice or out "
			  "of order");
	assert_refused_in("scores", 1, "score", json_integer(10),
			  "scores[1].score: a competency not scored has no "
			  "score");
	/* answers come in the order of their positions */
	{
		struct record r, out;
		struct record_answer keep;
		char *json, *err = NULL;
		finished_quiz(&r);
		keep = r.answers[0];
		r.answers[0] = r.answers[1];
		r.answers[1] = keep;
		json = record_to_json(&r);
		assert_false(record_from_json(json, &out, &err));
		assert_string_equal(err, "answers[1].position: the answers are "
					 "not in the order of their positions");
		free(err);
		free(json);
		record_release(&r);
	}
	/* the same key twice is never rapport's */
	{
		struct record out;
		char *err = NULL;
		two_dates = xstrdup("{\"uuid\": \"0f8fad5b-d9cb-469f-a165-"
				    "70867728950e\", \"uuid\": \"0f8fad5b-d9cb-"
				    "469f-a165-70867728950e\"}");
		assert_false(record_from_json(two_dates, &out, &err));
		assert_non_null(strstr(err, "duplicate object key"));
		free(err);
		free(two_dates);
	}
}

/* The first second of 1970 is a time like any other: it goes out as
 * itself and comes back (it once went out as null). */
static void from_json_takes_the_epoch_as_a_time(void **state)
{
	struct record r, back;
	const char *why;
	char *json;

	(void)state;
	finished_quiz(&r);
	r.started_ms = 0;
	r.finished_ms = 0;
	for (size_t i = 0; i < r.n_answers; i++)
		r.answers[i].answered_ms = 0;
	json = record_to_json(&r);
	assert_non_null(
		strstr(json, "\"finished\": \"1970-01-01T00:00:00.000Z\""));
	assert_null(strstr(json, "null,\n  \"seed\""));
	read_ok(json, &back);
	assert_true(record_same(&r, &back, &why));
	assert_int_equal(back.finished_ms, 0);
	assert_true(record_is_finished(&back));
	free(json);
	record_release(&back);
	record_release(&r);
}

static void from_json_refuses_what_is_not_an_object(void **state)
{
	struct record out;
	char *err = NULL;

	(void)state;
	assert_false(record_from_json("[1, 2]", &out, &err));
	assert_string_equal(err, "a list is not an attempt (an object)");
	free(err);
	err = NULL;
	assert_false(record_from_json("{\"uuid\": ", &out, &err));
	assert_non_null(err);
	assert_true(strncmp(err, "not an attempt: ", 16) == 0);
	assert_true(strlen(err) > 16); /* jansson says what is wrong */
	free(err);
	err = NULL;
	assert_false(record_from_json("", &out, &err));
	assert_true(strncmp(err, "not an attempt: ", 16) == 0);
	free(err);
	assert_null(out.user);
	assert_int_equal(out.n_answers, 0);
}

/* ---- export files ---- */

/* An export document holding the JSON of each record, with the head a
 * real export has. Caller frees. */
static char *export_of(const struct record *recs, size_t n, const char *format)
{
	json_t *doc = json_object(), *list = json_array();
	char *out;
	size_t i;

	json_object_set_new(doc, "format", json_string(format));
	json_object_set_new(doc, "generator", json_string("rapport 0.1.0"));
	json_object_set_new(doc, "exported",
			    json_string("2026-11-28T09:00:00.000Z"));
	json_object_set_new(doc, "course",
			    json_pack("{ss ss ss}", "id",
				      "inside-relationships", "title",
				      "Inside relationships", "fingerprint",
				      "c8fe0be11b943662"));
	for (i = 0; i < n; i++) {
		char *one = record_to_json(&recs[i]);
		json_array_append_new(list, json_loads(one, 0, NULL));
		free(one);
	}
	json_object_set_new(doc, "attempts", list);
	out = json_dumps(doc, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
	json_decref(doc);
	return out;
}

static void export_reads_every_attempt(void **state)
{
	struct record two[2], *recs = NULL;
	const char *why;
	size_t n = 99;
	char *text, *err = NULL;

	(void)state;
	open_quiz(&two[0]);
	finished_assessment(&two[1]);
	text = export_of(two, 2, RECORD_FORMAT);
	if (!record_read_export(text, strlen(text), &recs, &n, &err))
		fail_msg("record_read_export: %s", err);
	assert_int_equal(n, 2);
	assert_true(record_same(&two[0], &recs[0], &why));
	assert_true(record_same(&two[1], &recs[1], &why));
	assert_string_equal(recs[1].uuid, UUID_B_LOWER);
	record_free_all(recs, n);
	free(text);

	/* len is what counts, not a NUL: bytes after the document are not
	 * read */
	text = export_of(two, 2, RECORD_FORMAT);
	text = xrealloc(text, strlen(text) + 8);
	strcat(text, "garbage");
	assert_true(
		record_read_export(text, strlen(text) - 7, &recs, &n, &err));
	assert_int_equal(n, 2);
	record_free_all(recs, n);
	free(text);
	record_release(&two[0]);
	record_release(&two[1]);
}

static void export_with_no_attempts_is_empty(void **state)
{
	const char *text =
		"{\"format\": \"rapport-export-1\", \"generator\": \"rapport "
		"0.1.0\", \"exported\": \"2026-11-28T09:00:00.000Z\", "
		"\"course\": "
		"{\"id\": \"c\", \"title\": \"C\", \"fingerprint\": "
		"\"0123456789abcdef\"}, \"attempts\": []}";
	struct record *recs = NULL;
	size_t n = 99;
	char *err = NULL;

	(void)state;
	if (!record_read_export(text, strlen(text), &recs, &n, &err))
		fail_msg("record_read_export: %s", err);
	assert_int_equal(n, 0);
	record_free_all(recs, n);
}

#define assert_export_refused(text, len, want)                                 \
	do {                                                                   \
		struct record *recs_ = (struct record *)1;                     \
		size_t n_ = 99;                                                \
		char *err_ = NULL;                                             \
		assert_false(record_read_export((text), (len), &recs_, &n_,    \
						&err_));                       \
		assert_null(recs_);                                            \
		assert_int_equal(n_, 0);                                       \
		assert_non_null(err_);                                         \
		assert_string_equal(err_, (want));                             \
		free(err_);                                                    \
	} while (0)

#define NOT_THIS_FORMAT                                                        \
	"not a rapport export (its \"format\" is not \"rapport-export-1\")"

static void export_refuses_another_format(void **state)
{
	struct record one;
	const char *lit;
	char *text;

	(void)state;
	open_quiz(&one);
	text = export_of(&one, 1, "rapport-export-2");
	assert_export_refused(text, strlen(text), "2:13: " NOT_THIS_FORMAT);
	free(text);
	record_release(&one);
	lit = "{\"attempts\": []}";
	assert_export_refused(lit, strlen(lit),
			      "1:17: not a rapport export (no \"format\": "
			      "\"rapport-export-1\")");
	lit = "{\"format\": \"rapport-export-1\", \"attempts\": {}}";
	assert_export_refused(lit, strlen(lit),
			      "1:44: \"attempts\" is not a list");
	lit = "{\"format\": 1, \"attempts\": []}";
	assert_export_refused(lit, strlen(lit), "1:12: " NOT_THIS_FORMAT);
	/* a list at the top, not an object */
	lit = "[{\"format\": \"rapport-export-1\", \"attempts\": []}]";
	assert_export_refused(lit, strlen(lit),
			      "1:1: not a rapport export (not a JSON object)");
}

/* The head of an export is rapport's too: nothing missing, nothing
 * added, nothing twice. */
static void export_refuses_a_head_rapport_never_writes(void **state)
{
	struct record one;
	char *text, *at;

	(void)state;
	open_quiz(&one);
	text = export_of(&one, 1, RECORD_FORMAT);
	record_release(&one);
	/* a field of its own */
	at = strstr(text, "\"generator\"");
	memcpy(at, "\"generatoR\"", 11);
	assert_export_refused(text, strlen(text),
			      "3:16: 'generatoR' is not a field of rapport's "
			      "export");
	memcpy(at, "\"generator\"", 11);
	at = strstr(text, "\"c8fe0be11b943662\"");
	memcpy(at, "\"C8fe0be11b943662\"", 18);
	assert_export_refused(text, strlen(text),
			      "5:13: course.fingerprint: 'C8fe0be11b943662' is "
			      "not 16 hex digits");
	free(text);
}

static void export_refuses_text_that_is_not_json(void **state)
{
	/* the list is cut short on line 3: the brace at column 1 */
	const char *text = "{\"format\": \"rapport-export-1\",\n"
			   " \"attempts\": [\n"
			   "}";
	struct record *recs = NULL;
	size_t n = 99;
	char *err = NULL;

	(void)state;
	assert_false(record_read_export(text, strlen(text), &recs, &n, &err));
	assert_null(recs);
	assert_int_equal(n, 0);
	assert_non_null(err);
	if (strncmp(err, "3:1: not JSON: ", 15) != 0)
		fail_msg("error \"%s\" does not start \"3:1: not JSON: \"",
			 err);
	free(err);
	err = NULL;
	assert_false(record_read_export("", 0, &recs, &n, &err));
	assert_string_equal(err, "1:1: not a rapport export (not a JSON "
				 "object)");
	free(err);
	/* jansson's own complaint, placed in the file: line 2, column 12 */
	text = "{\"format\": \"rapport-export-1\", \"attempts\": [\n"
	       "{\"uuid\": tru}]}";
	assert_export_refused(text, strlen(text),
			      "2:12: not JSON: invalid token near 'tru'");
	text = "{\"format\": \"rapport-export-1\", \"attempts\": []} {}";
	assert_export_refused(text, strlen(text),
			      "1:48: not JSON: more follows the end of the "
			      "export");
	text = "{\"format\": \"rapport-export-1\", \"format\": "
	       "\"rapport-export-1\"}";
	assert_export_refused(text, strlen(text),
			      "1:42: \"format\" comes twice");
}

/* Some editors start a UTF-8 file with a byte-order mark: it is read as
 * the same export. */
static void export_may_start_with_a_byte_order_mark(void **state)
{
	struct record one, *recs = NULL;
	const char *why;
	size_t n = 0;
	char *text, *with, *err = NULL;

	(void)state;
	finished_quiz(&one);
	text = export_of(&one, 1, RECORD_FORMAT);
	with = xasprintf("\xEF\xBB\xBF%s", text);
	if (!record_read_export(with, strlen(with), &recs, &n, &err))
		fail_msg("record_read_export: %s", err);
	assert_int_equal(n, 1);
	assert_true(record_same(&one, &recs[0], &why));
	record_free_all(recs, n);
	with[1] = 'x';
	assert_export_refused(with, strlen(with),
			      "1:2: not JSON: a broken byte-order mark");
	free(with);
	free(text);
	record_release(&one);
}

/* A source that hands the text over a few bytes at a time, as a pipe
 * might: every attempt must come out whole, however it was cut. */
struct dribble {
	const char *text;
	size_t len, at, step;
};

static ssize_t read_dribble(void *ctx, void *buf, size_t n)
{
	struct dribble *d = ctx;

	if (n > d->step)
		n = d->step;
	if (n > d->len - d->at)
		n = d->len - d->at;
	memcpy(buf, d->text + d->at, n);
	d->at += n;
	return (ssize_t)n;
}

static void export_is_read_an_attempt_at_a_time(void **state)
{
	static const size_t steps[] = { 1, 7, 4096, 1 << 20 };
	struct record many[40];
	const char *why;
	char *text, *err = NULL;
	size_t i, k;

	(void)state;
	for (i = 0; i < RP_ARRAY_LEN(many); i++) {
		if (i % 2)
			finished_quiz(&many[i]);
		else
			finished_assessment(&many[i]);
		snprintf(many[i].uuid, sizeof(many[i].uuid),
			 "0f8fad5b-d9cb-469f-a165-%012zx", i);
	}
	text = export_of(many, RP_ARRAY_LEN(many), RECORD_FORMAT);
	for (k = 0; k < RP_ARRAY_LEN(steps); k++) {
		struct dribble d = { text, strlen(text), 0, steps[k] };
		struct export_reader *r = export_reader_new(read_dribble, &d);
		struct record got;
		for (i = 0; export_reader_next(r, &got, &err) == 1; i++) {
			assert_true(i < RP_ARRAY_LEN(many));
			assert_true(record_same(&many[i], &got, &why));
			record_release(&got);
		}
		assert_null(err);
		assert_int_equal(i, RP_ARRAY_LEN(many));
		assert_int_equal(export_reader_count(r), RP_ARRAY_LEN(many));
		/* at the end it stays at the end */
		assert_int_equal(export_reader_next(r, &got, &err), 0);
		export_reader_free(r);
	}
	free(text);
	for (i = 0; i < RP_ARRAY_LEN(many); i++)
		record_release(&many[i]);
}

/* An endless source: the head, then one text that never ends. The reader
 * holds no more than one attempt's worth before it says so. */
static ssize_t read_endless(void *ctx, void *buf, size_t n)
{
	static const char head[] = "{\"format\": \"rapport-export-1\", "
				   "\"attempts\": [{\"user\": \"";
	size_t *at = ctx, i;

	for (i = 0; i < n; i++, (*at)++)
		((char *)buf)[i] = *at < sizeof(head) - 1 ? head[*at] : 'x';
	return (ssize_t)n;
}

static void export_refuses_an_attempt_over_the_limit(void **state)
{
	struct export_reader *r;
	struct record got;
	size_t at = 0;
	char *err = NULL;

	(void)state;
	r = export_reader_new(read_endless, &at);
	assert_int_equal(export_reader_next(r, &got, &err), -1);
	assert_non_null(strstr(err, "attempts[0] is over 64 MiB, more than "
				    "rapport writes for one attempt"));
	assert_true(at < RECORD_MAX_ATTEMPT + (4u << 20));
	free(err);
	export_reader_free(r);
}

/* Three attempts, the one at index bad given a status rapport never
 * writes, as an export document; caller frees. */
static char *export_with_bad(size_t bad)
{
	struct record three[3];
	char *text;
	size_t i;

	open_quiz(&three[0]);
	finished_assessment(&three[1]);
	open_quiz(&three[2]);
	free(three[bad].status);
	three[bad].status = xstrdup("paused");
	text = export_of(three, 3, RECORD_FORMAT);
	for (i = 0; i < 3; i++)
		record_release(&three[i]);
	return text;
}

/* A broken attempt among good ones: the error names it by its place in
 * the file and its path, nothing is returned, and the attempts read
 * before it are freed (valgrind checks that). */
/* The line on which attempt k of an export_of() text begins: its brace
 * alone, four spaces in. */
static int line_of_attempt(const char *text, size_t k)
{
	const char *p;
	int line = 1;

	for (p = text; *p; p++) {
		if (*p != '\n')
			continue;
		line++;
		if (strncmp(p + 1, "    {\n", 6) == 0 && k-- == 0)
			return line;
	}
	return -1;
}

static void export_names_the_bad_attempt(void **state)
{
	struct record *recs = (struct record *)1;
	size_t n;
	char *text, *err = NULL, *want;

	(void)state;
	text = export_with_bad(1);
	assert_false(record_read_export(text, strlen(text), &recs, &n, &err));
	assert_null(recs);
	assert_non_null(err);
	want = xasprintf("%d:5: attempts[1].status: 'paused' is not open, "
			 "finished or abandoned",
			 line_of_attempt(text, 1));
	assert_string_equal(err, want);
	free(want);
	free(err);
	free(text);

	/* the last one broken, after two good ones */
	err = NULL;
	text = export_with_bad(2);
	assert_false(record_read_export(text, strlen(text), &recs, &n, &err));
	assert_null(recs);
	assert_non_null(strstr(err, ": attempts[2].status: 'paused' is not "
				    "open"));
	free(err);
	free(text);

	/* and the first, before any good one */
	text = export_with_bad(0);
	want = xasprintf("%d:5: attempts[0].status: 'paused' is not open, "
			 "finished or abandoned",
			 line_of_attempt(text, 0));
	assert_export_refused(text, strlen(text), want);
	free(want);
	free(text);
}

/* ---- CSV ---- */

static void csv_header_names_every_column(void **state)
{
	(void)state;
	assert_string_equal(record_csv_header(),
			    "attempt,user,course,kind,activity,status,started,"
			    "finished,position,item,competency,outcome,"
			    "response,credit,earned,possible,keyed,answered,"
			    "seconds\r\n");
}

/* One row per answer; a field holding a comma, a double quote, a CR or
 * an LF is quoted with its quotes doubled; UTF-8 passes through as it is;
 * points are %.15g, seconds to the millisecond, and each row ends in
 * CRLF. An open attempt's finished column is empty. */
static void csv_rows_follow_rfc_4180(void **state)
{
	struct record r;
	struct strbuf sb = { 0 };
	struct record_answer *x;

	(void)state;
	open_quiz(&r);
	free(r.user);
	r.user = xstrdup("Ng, \"Zoë\"");
	r.answers[0].credit = 0.1 + 0.2; /* 0.30000000000000004: 0.3 */
	r.answers[1].credit = 1.0 / 3;
	r.answers[1].seconds = 0.0004;
	x = add_answer(&r, "sa", "partners", "right",
		       "\"say \\\"thanks\\\", then ask\"");
	set_points(x, 1, 1e-7, 1e15);
	record_csv_rows(&r, &sb);
	assert_string_equal(
		strbuf_str(&sb),
		UUID_A ",\"Ng, \"\"Zoë\"\"\",inside-relationships,quiz,"
		       "knowledge-check,open,2026-11-27T06:28:00.000Z,,"
		       "0,sc,partners,wrong,\"[\"\"x\"\"]\",0.3,0,1,,"
		       "2026-11-27T06:28:10.000Z,4.500\r\n" UUID_A
		       ",\"Ng, \"\"Zoë\"\"\",inside-relationships,quiz,"
		       "knowledge-check,open,2026-11-27T06:28:00.000Z,,"
		       "1,sa,partners,partial,\"\"\"ask early\"\"\","
		       "0.333333333333333,1,2,,2026-11-27T06:28:20.000Z,0."
		       "000\r\n" UUID_A
		       ",\"Ng, \"\"Zoë\"\"\",inside-relationships,quiz,"
		       "knowledge-check,open,2026-11-27T06:28:00.000Z,,"
		       "2,s1,,answered,2,,,,4,2026-11-27T06:28:30.000Z,4."
		       "500\r\n" UUID_A
		       ",\"Ng, \"\"Zoë\"\"\",inside-relationships,quiz,"
		       "knowledge-check,open,2026-11-27T06:28:00.000Z,,"
		       "3,tf,thanks,skipped,,,,,,2026-11-27T06:28:40.000Z,4."
		       "500\r\n" UUID_A
		       ",\"Ng, \"\"Zoë\"\"\",inside-relationships,quiz,"
		       "knowledge-check,open,2026-11-27T06:28:00.000Z,,"
		       "4,sa,partners,right,"
		       "\"\"\"say \\\"\"thanks\\\"\", then ask\"\"\","
		       "1,1e-07,1e+15,,2026-11-27T06:28:50.000Z,4.500\r\n");
	strbuf_release(&sb);
	record_release(&r);
}

/* The CSV row of r's first answer with its user named user. Caller
 * frees. */
static char *csv_with_user(struct record *r, const char *user)
{
	struct strbuf sb = { 0 };
	struct record one = *r;

	one.user = (char *)user;
	one.n_answers = 1;
	record_csv_rows(&one, &sb);
	return strbuf_detach(&sb);
}

/* A name, a typed answer or an id that a spreadsheet would run as a
 * formula (OWASP: = + - @, tab, carriage return at the start, or after
 * spaces, or their full-width forms) is written with a single quote in
 * front, inside quotes; a plain number stays a number. */
static void csv_neutralises_formulas(void **state)
{
	static const struct {
		const char *user, *cell;
	} cases[] = {
		{ "=HYPERLINK(\"http://x\",\"c\")",
		  "\"'=HYPERLINK(\"\"http://x\"\",\"\"c\"\")\"" },
		{ "=cmd|' /C calc'!A0", "\"'=cmd|' /C calc'!A0\"" },
		{ "+1+1", "\"'+1+1\"" },
		{ "-2+3+cmd|' /C calc'!A0", "\"'-2+3+cmd|' /C calc'!A0\"" },
		{ "@SUM(A1:A9)", "\"'@SUM(A1:A9)\"" },
		{ "\t=1+1", "\"'\t=1+1\"" },
		{ "\r=1+1", "\"'\r=1+1\"" },
		{ "  =1+1", "\"'  =1+1\"" },
		{ "\xEF\xBC\x9D"
		  "1+1",
		  "\"'\xEF\xBC\x9D"
		  "1+1\"" }, /* U+FF1D */
		{ "-2", "-2" },
		{ "-0.5", "-0.5" },
		{ "1e-3", "1e-3" },
		{ "Ana-Maria", "Ana-Maria" },
		{ "a=b", "a=b" },
	};
	struct record r;
	size_t i;

	(void)state;
	open_quiz(&r);
	for (i = 0; i < RP_ARRAY_LEN(cases); i++) {
		char *row = csv_with_user(&r, cases[i].user);
		char *want = xasprintf(UUID_A ",%s,inside-relationships,",
				       cases[i].cell);
		if (strncmp(row, want, strlen(want)) != 0)
			fail_msg("user '%s': row '%s', want it to start '%s'",
				 cases[i].user, row, want);
		free(row);
		free(want);
	}
	/* a typed answer is stored as JSON: "\"=1+1\"" starts with a quote,
	 * and a spreadsheet shows it as the text it is */
	{
		struct strbuf sb = { 0 };
		free(r.answers[1].response);
		r.answers[1].response = xstrdup("\"=1+1\"");
		record_csv_rows(&r, &sb);
		assert_non_null(strstr(strbuf_str(&sb), ",\"\"\"=1+1\"\"\","));
		strbuf_release(&sb);
	}
	record_release(&r);
}

/* Line breaks inside a field are kept inside the quotes: CR, LF, CRLF (a
 * field that starts with CR is also taken for a formula, and neutralised,
 * as csv_neutralises_formulas shows). A finished attempt fills the
 * finished column. Rows are appended to what
 * the buffer holds. */
static void csv_quotes_line_breaks(void **state)
{
	struct record r;
	struct strbuf sb = { 0 };

	(void)state;
	finished_assessment(&r);
	free(r.user);
	r.user = xstrdup("a\r\nb");
	free(r.course);
	r.course = xstrdup("lf\n");
	free(r.item);
	r.item = xstrdup("\rcr");
	r.n_answers = 1; /* one row is enough; the second is freed below */
	strbuf_adds(&sb, record_csv_header());
	record_csv_rows(&r, &sb);
	r.n_answers = 2;
	assert_string_equal(
		strbuf_str(&sb),
		"attempt,user,course,kind,activity,status,started,"
		"finished,position,item,competency,outcome,"
		"response,credit,earned,possible,keyed,answered,"
		"seconds\r\n" UUID_B ",\"a\r\nb\",\"lf\n\","
		"assessment,\"'\rcr\",finished," /* CR first: see below */
		"2026-11-27T06:28:00.000Z,2026-11-27T06:40:05.000Z,"
		"0,s1,partners,answered,5,,,,5,"
		"2026-11-27T06:28:10.000Z,4.500\r\n");
	strbuf_release(&sb);
	record_release(&r);
}

static void csv_of_an_attempt_without_answers_is_empty(void **state)
{
	struct record r;
	struct strbuf sb = { 0 };

	(void)state;
	head(&r, UUID_A, "quiz", "q", "open");
	record_csv_rows(&r, &sb);
	assert_int_equal(sb.len, 0);
	strbuf_release(&sb);
	record_release(&r);
}

/* ---- times ---- */

static void iso_time_round_trips(void **state)
{
	static const struct {
		int64_t t;
		const char *text;
	} cases[] = {
		{ 0, "1970-01-01T00:00:00.000Z" },
		/* a leap day in a year divisible by 400 */
		{ 951782400000, "2000-02-29T00:00:00.000Z" },
		/* the last millisecond of a leap day, and the next */
		{ 1709251199999, "2024-02-29T23:59:59.999Z" },
		{ 1709251200000, "2024-03-01T00:00:00.000Z" },
		{ STARTED, "2026-11-27T06:28:00.000Z" },
		{ STARTED + 250, "2026-11-27T06:28:00.250Z" },
		{ 2147483648007,
		  "2038-01-19T03:14:08.007Z" }, /* past 32 bits */
		{ -1, "1969-12-31T23:59:59.999Z" },
	};
	char out[32];
	int64_t back;
	size_t i;

	(void)state;
	for (i = 0; i < RP_ARRAY_LEN(cases); i++) {
		iso_time(cases[i].t, out);
		assert_string_equal(out, cases[i].text);
		back = 42;
		assert_true(iso_time_parse(cases[i].text, &back));
		assert_int_equal(back, cases[i].t);
	}
	/* as rapport wrote times before: whole seconds */
	assert_true(iso_time_parse("2026-11-27T06:28:00Z", &back));
	assert_int_equal(back, STARTED);
}

static void refuse_all(const char *const *bad, size_t n)
{
	int64_t t = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (iso_time_parse(bad[i], &t))
			fail_msg("\"%s\" was read as %lld", bad[i],
				 (long long)t);
}

static void iso_time_parse_refuses_what_is_not_a_time(void **state)
{
	static const char *const bad[] = {
		"",
		"garbage",
		"2026-11-27",
		"2026-11-27T06:28:00",	 /* no Z: not UTC */
		"2026-11-27T06:28:00Z ", /* something after it */
		"2026-11-27T06:28:00+01:00",
		"2026-11-27 06:28:00Z",
		"2026-13-01T00:00:00Z",
		"2026-00-10T00:00:00Z",
		"2026-11-00T00:00:00Z",
		"2026-11-32T00:00:00Z",
		"2026-11-27T24:00:00Z",
		"2026-11-27T06:60:00Z",
		"2026-11-27T06:28:00.5Z", /* milliseconds are three digits */
		"2026-11-27T06:28:00.12Z",
		"2026-11-27T06:28:00.1234Z",
		"2026-11-27T06:28:00.Z",
		"2026-11-27T06:28:00.000",
		"2026-11-27T06:28:00.-12Z",
	};
	int64_t t = 0;

	(void)state;
	assert_false(iso_time_parse(NULL, &t));
	refuse_all(bad, RP_ARRAY_LEN(bad));
}

/* Only times that exist, in exactly the form iso_time writes. */
static void iso_time_parse_refuses_days_that_do_not_exist(void **state)
{
	static const char *const bad[] = {
		"2026-02-30T00:00:00Z",
		"2026-02-29T00:00:00.000Z", /* 2026 is not a leap year */
		"1900-02-29T00:00:00Z",	    /* nor was 1900 */
		"2026-04-31T00:00:00Z",
		"2026-11-27T23:59:60Z",
		"2026-1-1T0:0:0Z",
		" 2026-11-27T06:28:00Z",
	};

	(void)state;
	refuse_all(bad, RP_ARRAY_LEN(bad));
}

/* An ISO 8601 duration as xAPI takes it, time part only: "PT", then
 * hours, minutes and seconds in that order, each optional but not all
 * absent, only the seconds with a fraction. */
static bool valid_duration(const char *s)
{
	regex_t re;
	bool ok;

	if (regcomp(&re, "^PT([0-9]+H)?([0-9]+M)?([0-9]+(\\.[0-9]+)?S)?$",
		    REG_EXTENDED | REG_NOSUB) != 0)
		return false;
	ok = regexec(&re, s, 0, NULL, 0) == 0 && strcmp(s, "PT") != 0;
	regfree(&re);
	return ok;
}

static void iso_duration_writes_valid_durations(void **state)
{
	/* Fractions are written to the hundredth, with its trailing zero
	 * ("PT12.50S", where record.h's example says "PT12.5S"; both are
	 * valid); whole parts that are zero are left out, except the
	 * seconds of a zero duration. */
	static const struct {
		double seconds;
		const char *text;
	} cases[] = {
		{ 0, "PT0S" },
		{ 0.004, "PT0S" }, /* under half a hundredth */
		{ 0.5, "PT0.50S" },
		{ 12.5, "PT12.50S" },
		{ 59.9, "PT59.90S" },
		{ 60, "PT1M" },
		{ 61, "PT1M1S" },
		{ 64.5, "PT1M4.50S" },
		{ 3600, "PT1H" },
		{ 3600.5, "PT1H0.50S" },
		{ 3661, "PT1H1M1S" },
		{ 3723.25, "PT1H2M3.25S" },
		{ 90061, "PT25H1M1S" }, /* hours do not carry into days */
		{ -3, "PT0S" },		/* nothing negative */
		{ NAN, "PT0S" },
		{ INFINITY, "PT0S" },
	};
	char out[48];
	size_t i;

	(void)state;
	for (i = 0; i < RP_ARRAY_LEN(cases); i++) {
		iso_duration(cases[i].seconds, out);
		assert_string_equal(out, cases[i].text);
		if (!valid_duration(out))
			fail_msg("%s is not an ISO 8601 duration", out);
	}
	/* the checker itself refuses what is not one */
	assert_false(valid_duration("PT"));
	assert_false(valid_duration("PT1M1H"));
	assert_false(valid_duration("PT1.5M"));
	assert_false(valid_duration("P1S"));
}

/* Rounding comes before the split into hours, minutes and seconds, so
 * 59.999 s is a whole minute, never "PT60.00S". */
static void iso_duration_carries_rounded_seconds(void **state)
{
	char out[48];

	(void)state;
	iso_duration(59.999, out);
	assert_string_equal(out, "PT1M");
	iso_duration(3599.999, out);
	assert_string_equal(out, "PT1H");
	iso_duration(119.996, out);
	assert_string_equal(out, "PT2M");
}

/* ---- UUIDs ---- */

static void uuid_valid_wants_8_4_4_4_12_hex_digits(void **state)
{
	(void)state;
	assert_true(uuid_valid(UUID_A));
	assert_true(uuid_valid(UUID_B)); /* capitals too */
	assert_true(uuid_valid("00000000-0000-0000-0000-000000000000"));
	assert_false(uuid_valid(""));
	assert_false(uuid_valid("0f8fad5b-d9cb-469f-a165-70867728950"));
	assert_false(uuid_valid("0f8fad5b-d9cb-469f-a165-70867728950e0"));
	assert_false(uuid_valid("0f8fad5bd9cb469fa16570867728950e"));
	assert_false(uuid_valid("0f8fad5b-d9cb-469f-a165-70867728950g"));
	assert_false(uuid_valid("0f8fad5b-d9cb-469f-a16570867728950e-"));
	assert_false(uuid_valid("0f8fad5b+d9cb-469f-a165-70867728950e"));
	assert_false(uuid_valid("{f8fad5b-d9cb-469f-a165-70867728950}"));
	assert_false(uuid_valid(" f8fad5b-d9cb-469f-a165-70867728950e"));
}

/* The export file's envelope, exactly as rapport has always written it. */
static void export_envelope_is_written_in_one_place(void **state)
{
	char *head = record_export_head("{\"id\":\"c\"}", 0, "rapport 9.9");
	char *first = record_export_attempt(0, "{\n  \"a\": 1\n}");
	char *second = record_export_attempt(1, "{}");

	(void)state;
	assert_string_equal(head,
			    "{\n  \"format\": \"" RECORD_FORMAT "\",\n"
			    "  \"generator\": \"rapport 9.9\",\n"
			    "  \"exported\": \"1970-01-01T00:00:00.000Z\",\n"
			    "  \"course\": {\"id\":\"c\"},\n"
			    "  \"attempts\": [");
	assert_string_equal(first, "\n    {\n      \"a\": 1\n    }");
	assert_string_equal(second, ",\n    {}");
	assert_string_equal(record_export_tail(2), "\n  ]\n}\n");
	assert_string_equal(record_export_tail(0), "]\n}\n");
	free(head);
	free(first);
	free(second);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_round_trip_keeps_every_field),
		cmocka_unit_test(json_round_trip_of_a_finished_attempt),
		cmocka_unit_test(json_has_the_documented_shape),
		cmocka_unit_test(json_is_the_dump_of_the_whole_tree),
		cmocka_unit_test(a_writer_writes_each_attempt_as_alone),
		cmocka_unit_test(a_writer_never_mixes_up_responses),
		cmocka_unit_test(same_says_what_differs_first),
		cmocka_unit_test(same_compares_points_earned),
		cmocka_unit_test(same_compares_every_field),
		cmocka_unit_test(from_json_refuses_a_bad_uuid),
		cmocka_unit_test(from_json_refuses_unknown_words),
		cmocka_unit_test(from_json_refuses_missing_or_mistyped_fields),
		cmocka_unit_test(from_json_refuses_values_out_of_range),
		cmocka_unit_test(from_json_refuses_ids_that_are_not_ids),
		cmocka_unit_test(from_json_refuses_what_does_not_fit_together),
		cmocka_unit_test(from_json_takes_the_epoch_as_a_time),
		cmocka_unit_test(from_json_refuses_what_is_not_an_object),
		cmocka_unit_test(export_reads_every_attempt),
		cmocka_unit_test(export_with_no_attempts_is_empty),
		cmocka_unit_test(export_refuses_another_format),
		cmocka_unit_test(export_refuses_a_head_rapport_never_writes),
		cmocka_unit_test(export_refuses_text_that_is_not_json),
		cmocka_unit_test(export_may_start_with_a_byte_order_mark),
		cmocka_unit_test(export_is_read_an_attempt_at_a_time),
		cmocka_unit_test(export_refuses_an_attempt_over_the_limit),
		cmocka_unit_test(export_names_the_bad_attempt),
		cmocka_unit_test(csv_header_names_every_column),
		cmocka_unit_test(csv_rows_follow_rfc_4180),
		cmocka_unit_test(csv_quotes_line_breaks),
		cmocka_unit_test(csv_neutralises_formulas),
		cmocka_unit_test(csv_of_an_attempt_without_answers_is_empty),
		cmocka_unit_test(iso_time_round_trips),
		cmocka_unit_test(iso_time_parse_refuses_what_is_not_a_time),
		cmocka_unit_test(iso_time_parse_refuses_days_that_do_not_exist),
		cmocka_unit_test(iso_duration_writes_valid_durations),
		cmocka_unit_test(iso_duration_carries_rounded_seconds),
		cmocka_unit_test(uuid_valid_wants_8_4_4_4_12_hex_digits),
		cmocka_unit_test(export_envelope_is_written_in_one_place),
	};
	return cmocka_run_group_tests_name("record", tests, NULL, NULL);
}
