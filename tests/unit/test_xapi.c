/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_xapi.c - attempts as xAPI statements: ids that follow what a
 * statement says, one type per activity, scores an LRS can add up,
 * responses and patterns that mean what they say, names for people. */
#include "testlib.h"

#include <jansson.h>
#include <math.h>

#include "record.h"
#include "xapi.h"

#define UUID_A	"0f8fad5b-d9cb-469f-a165-70867728950e"
#define MEET	"3f2504e0-4f89-41d3-9a0c-0305e82c3301"
#define STARTED 1795760880000 /* 2026-11-27T06:28:00Z, in ms */

#define BANDS                                                                  \
	"<bands><band min='0' max='50'><label>Low</label><advice>a</advice>"   \
	"</band><band min='50' max='100'><label>High</label>"                  \
	"<advice>c</advice></band></bands>"

static const char course_xml[] =
	"<course id='t'><title>T</title>"
	"<competency id='a'><name>A</name></competency>"
	"<quiz id='q' pass='50' shuffle='false'><title>Q</title>"
	"<short-answer id='word' competency='a'><prompt>One word?</prompt>"
	"<accept>reason</accept></short-answer>"
	"<multiple-response id='multi' competency='a'>"
	"<prompt>Which of these build goodwill, when a colleague in the "
	"warehouse has stayed late to pack a rush order for your customer?"
	"</prompt>"
	"<option id='thanks' fraction='50'><text>T</text></option>"
	"<option id='why' fraction='50'><text>W</text></option>"
	"<option id='cake' fraction='0'><text>C</text></option>"
	"<option id='rush' fraction='-50'><text>R</text></option>"
	"</multiple-response>"
	"<judgement id='best' competency='a'><prompt>P</prompt>"
	"<option id='x' weight='100'><text>X</text><rationale>r</rationale>"
	"</option><option id='y' weight='100'><text>Y</text>"
	"<rationale>r</rationale></option><option id='z' weight='60'>"
	"<text>Z</text><rationale>r</rationale></option></judgement>" BANDS
	"</quiz>"
	"<exercise id='ex'><title>E</title>"
	"<scenario id='s1' competency='a'><title>The rush order</title>"
	"<situation><p>S</p></situation><question>What first?</question>"
	"<option id='ask' weight='100'><text>Ask.</text>"
	"<rationale>r</rationale></option>"
	"<option id='mail' weight='0'><text>Mail.</text>"
	"<rationale>r</rationale></option></scenario>"
	"<scenario id='s2' competency='a'><title>Two</title>"
	"<situation><p>S</p></situation><question>Q?</question>"
	"<option id='a' weight='100'><text>A.</text>"
	"<rationale>r</rationale></option>"
	"<option id='b' weight='0'><text>B.</text>"
	"<rationale>r</rationale></option></scenario>"
	"</exercise></course>";

static struct course *course;

static int setup(void **state)
{
	(void)state;
	course = test_course(course_xml);
	return course ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	course_free(course);
	return 0;
}

static void add_answer(struct record *r, const char *item, const char *outcome,
		       const char *response, double credit, double possible)
{
	struct record_answer *x;

	r->answers =
		xrealloc(r->answers, (r->n_answers + 1) * sizeof(*r->answers));
	x = &r->answers[r->n_answers];
	memset(x, 0, sizeof(*x));
	x->position = (int64_t)r->n_answers++;
	x->item = xstrdup(item);
	x->competency = xstrdup("a");
	x->outcome = xstrdup(outcome);
	x->response = xstrdup(response);
	x->has_points = true;
	x->credit = credit;
	x->possible = possible;
	x->earned = credit * possible;
	x->answered_ms = r->started_ms + 10000 * (int64_t)r->n_answers;
	x->seconds = 4.5;
}

/* A finished quiz of three questions, one unanswered: 1.6 of 3 points. */
static void quiz_record(struct record *r)
{
	memset(r, 0, sizeof(*r));
	strcpy(r->uuid, UUID_A);
	r->user = xstrdup("ana");
	r->course = xstrdup("t");
	r->kind = xstrdup("quiz");
	r->item = xstrdup("q");
	r->status = xstrdup("finished");
	r->started_ms = STARTED;
	r->finished_ms = STARTED + 60000;
	r->total = 3;
	r->passed = 1;
	r->straight = -1;
	add_answer(r, "word", "right", "\"{lang=fr}a[,]b\"", 1, 1);
	add_answer(r, "multi", "partial", "[\"thanks\",\"cake\"]", 0.6, 1);
	r->scored = true;
	r->score = 1.6 * 100 / 3;
	r->scores = xcalloc(1, sizeof(*r->scores));
	r->n_scores = 1;
	r->scores[0].competency = xstrdup("a");
	r->scores[0].scored = true;
	r->scores[0].score = r->score;
	r->scores[0].earned = 1.6;
	r->scores[0].possible = 3;
	r->scores[0].answered = 2;
	r->scores[0].total = 3;
}

/* The statements as JSON values; free with json_decref. */
static json_t *statements(const struct record *r, const char *base,
			  const char *home)
{
	struct xapi_options o = { base, home };
	json_t *list = json_array();
	char **out;
	size_t n = xapi_statements(r, course, &o, &out), i;

	for (i = 0; i < n; i++) {
		json_t *s = json_loads(out[i], 0, NULL);
		assert_non_null(s);
		json_array_append_new(list, s);
	}
	xapi_free(out, n);
	return list;
}

static const char *verb_of(json_t *s)
{
	const char *v = json_string_value(
		json_object_get(json_object_get(s, "verb"), "id"));
	return strrchr(v, '/') + 1;
}

static json_t *find(json_t *list, const char *verb, size_t nth)
{
	json_t *s;
	size_t i;

	json_array_foreach(list, i, s) if (strcmp(verb_of(s), verb) == 0 &&
					   nth-- == 0) return s;
	fail_msg("no %s statement", verb);
	return NULL;
}

static const char *id_of(json_t *s)
{
	return json_string_value(json_object_get(s, "id"));
}

static json_t *path(json_t *v, const char *keys)
{
	char *copy = xstrdup(keys), *k, *save = NULL;

	for (k = strtok_r(copy, ".", &save); k && v;
	     k = strtok_r(NULL, ".", &save))
		v = json_is_array(v) ? json_array_get(v, (size_t)atoi(k))
				     : json_object_get(v, k);
	free(copy);
	return v;
}

/* A corrected export (another base, another home page) has ids of its
 * own, so an LRS takes it instead of refusing it as a conflict; the same
 * export again has the same ids. */
static void test_ids_follow_content(void **state)
{
	struct record r;
	json_t *a, *again, *other_base, *other_home;
	size_t i;

	(void)state;
	quiz_record(&r);
	a = statements(&r, "https://a.example/x/", "https://sso.example/");
	again = statements(&r, "https://a.example/x/", "https://sso.example/");
	other_base =
		statements(&r, "https://b.example/x/", "https://sso.example/");
	other_home =
		statements(&r, "https://a.example/x/", "https://crm.example/");
	assert_int_equal(json_array_size(a), 5);
	for (i = 0; i < json_array_size(a); i++) {
		json_t *s = json_array_get(a, i);
		assert_string_equal(id_of(s), id_of(json_array_get(again, i)));
		assert_string_not_equal(id_of(s),
					id_of(json_array_get(other_base, i)));
		assert_string_not_equal(id_of(s),
					id_of(json_array_get(other_home, i)));
	}
	json_decref(a);
	json_decref(again);
	json_decref(other_base);
	json_decref(other_home);
	record_release(&r);
}

/* The completed statement's points count the question left unanswered,
 * as the score does: scaled is raw/max, and both are rounded. */
static void test_scaled_is_raw_over_max(void **state)
{
	struct record r;
	json_t *list, *score;
	char **out;
	size_t n;

	(void)state;
	quiz_record(&r);
	list = statements(&r, NULL, NULL);
	score = path(find(list, "completed", 0), "result.score");
	assert_float_equal(json_real_value(json_object_get(score, "raw")), 1.6,
			   1e-12);
	assert_float_equal(json_real_value(json_object_get(score, "max")), 3,
			   0);
	assert_float_equal(json_real_value(json_object_get(score, "scaled")),
			   0.533333, 1e-12);
	json_decref(list);

	/* float noise of adding points up is not written */
	r.answers[1].earned = 15.299999999999999;
	r.answers[1].possible = 20;
	n = xapi_statements(&r, course, NULL, &out);
	assert_int_equal(n, 5);
	assert_non_null(strstr(out[2], "\"raw\":15.3,"));
	assert_null(strstr(out[2], "15.29999"));
	xapi_free(out, n);
	record_release(&r);
}

/* Typed words that would read as xAPI notation are neutralised. */
static void test_typed_response_neutral(void **state)
{
	struct record r;
	json_t *list, *s;

	(void)state;
	quiz_record(&r);
	list = statements(&r, NULL, NULL);
	s = find(list, "answered", 0);
	assert_string_equal(json_string_value(path(s, "result.response")),
			    " {lang=fr}a[ ,]b");
	s = find(list, "answered", 1);
	assert_string_equal(json_string_value(path(s, "result.response")),
			    "thanks[,]cake");
	json_decref(list);
	record_release(&r);
}

/* An answer changed and changed back within a second is one statement:
 * an LRS refuses a batch with an id twice. */
static void test_same_answer_once(void **state)
{
	struct record r;
	char **out;
	size_t n, i;

	(void)state;
	quiz_record(&r);
	add_answer(&r, "best", "right", "[\"x\"]", 1, 1);
	add_answer(&r, "best", "partial", "[\"z\"]", 0.6, 1);
	add_answer(&r, "best", "right", "[\"x\"]", 1, 1);
	for (i = 2; i < 5; i++) {
		r.answers[i].position = 2;
		r.answers[i].answered_ms = r.answers[2].answered_ms;
	}
	n = xapi_statements(&r, course, NULL, &out);
	assert_int_equal(n, 1 + 4 + 2); /* attempted, 4 answers, 2 ends */
	for (i = 1; i < n; i++)
		assert_string_not_equal(out[i], out[i - 1]);
	assert_non_null(strstr(out[3], "\"response\":\"x\""));
	assert_non_null(strstr(out[4], "\"response\":\"z\""));
	xapi_free(out, n);
	record_release(&r);
}

/* Patterns only where they list every response that earns full credit;
 * names a person can read. */
static void test_patterns_and_names(void **state)
{
	struct record r;
	json_t *list, *d, *p;
	const char *name;

	(void)state;
	quiz_record(&r);
	add_answer(&r, "best", "partial", "[\"z\"]", 0.6, 1);
	list = statements(&r, NULL, NULL);

	/* a short answer is matched with spaces, case and a final stop
	 * folded: no pattern can say that */
	d = path(find(list, "answered", 0), "object.definition");
	assert_string_equal(json_string_value(path(d, "interactionType")),
			    "fill-in");
	assert_null(json_object_get(d, "correctResponsesPattern"));
	assert_string_equal(json_string_value(path(d, "name.en")), "One word?");

	/* both full-credit sets, the harmless option with or without */
	d = path(find(list, "answered", 1), "object.definition");
	p = json_object_get(d, "correctResponsesPattern");
	assert_int_equal(json_array_size(p), 2);
	assert_string_equal(json_string_value(json_array_get(p, 0)),
			    "thanks[,]why");
	assert_string_equal(json_string_value(json_array_get(p, 1)),
			    "thanks[,]why[,]cake");
	name = json_string_value(path(d, "name.en"));
	assert_true(strlen(name) < 90);
	assert_non_null(strstr(name, "Which of these build goodwill"));
	assert_non_null(strstr(name, "\u2026"));

	/* two best options, and one that earns only part */
	d = path(find(list, "answered", 2), "object.definition");
	p = json_object_get(d, "correctResponsesPattern");
	assert_int_equal(json_array_size(p), 2);
	assert_string_equal(json_string_value(json_array_get(p, 0)), "x");
	assert_string_equal(json_string_value(json_array_get(p, 1)), "y");
	json_decref(list);
	record_release(&r);
}

/* An exercise is a simulation in a meeting as in practice; the meeting
 * is an activity of its own, typed meeting, and scenarios go by title. */
static void test_one_type_per_activity(void **state)
{
	struct record r;
	json_t *practice, *meeting, *g;
	size_t i;

	(void)state;
	memset(&r, 0, sizeof(r));
	strcpy(r.uuid, UUID_A);
	r.user = xstrdup("ana");
	r.course = xstrdup("t");
	r.kind = xstrdup("exercise");
	r.item = xstrdup("ex");
	r.status = xstrdup("open");
	r.started_ms = STARTED;
	r.passed = r.straight = -1;
	add_answer(&r, "s1", "right", "\"ask\"", 1, 1);
	practice = statements(&r, NULL, NULL);
	r.meeting = xstrdup(MEET);
	meeting = statements(&r, NULL, NULL);
	for (i = 0; i < 2; i++) {
		json_t *s = json_array_get(i ? meeting : practice, 0);
		assert_string_equal(
			json_string_value(path(s, "object.definition.type")),
			"http://adlnet.gov/expapi/activities/simulation");
	}
	g = path(json_array_get(meeting, 1), "context.contextActivities."
					     "grouping");
	assert_int_equal(json_array_size(g), 2);
	assert_string_equal(json_string_value(path(g, "1.id")),
			    XAPI_DEFAULT_BASE "course/t/meeting/" MEET);
	assert_string_equal(json_string_value(path(g, "1.definition.type")),
			    "http://adlnet.gov/expapi/activities/meeting");
	assert_string_equal(
		json_string_value(path(json_array_get(meeting, 1),
				       "object.definition.name.en")),
		"The rush order");
	g = path(json_array_get(meeting, 1), "context.extensions");
	assert_string_equal(
		json_string_value(json_object_get(g, XAPI_EXT_ATTEMPT)),
		UUID_A);
	json_decref(practice);
	json_decref(meeting);
	record_release(&r);
}

/* What a record store answers for a statement it has, compared by xAPI's
 * rules. */
static void test_same_statement(void **state)
{
	struct record r;
	char **out, *theirs;
	json_t *s;
	size_t n;

	(void)state;
	quiz_record(&r);
	n = xapi_statements(&r, course, NULL, &out);
	s = json_loads(out[2], 0, NULL);
	/* what the store adds, numbers as JavaScript writes them, a time in
	 * whole seconds, a definition it has from before */
	json_object_set_new(s, "stored", json_string("2026-12-01T10:00:00Z"));
	json_object_set_new(s, "version", json_string("1.0.3"));
	json_object_set_new(s, "authority",
			    json_pack("{s:s, s:{s:s, s:s}}", "objectType",
				      "Agent", "account", "homePage",
				      "https://lrs.example/", "name", "key"));
	json_object_set_new(
		json_object_get(json_object_get(s, "result"), "score"), "max",
		json_integer(1));
	json_object_set_new(json_object_get(s, "object"), "definition",
			    json_pack("{s:{s:s}}", "name", "en", "Old words"));
	theirs = json_dumps(s, JSON_COMPACT);
	assert_true(xapi_same_statement(out[2], theirs));
	free(theirs);
	/* a response of its own is another statement */
	json_object_set_new(json_object_get(s, "result"), "response",
			    json_string("why"));
	theirs = json_dumps(s, JSON_COMPACT);
	assert_false(xapi_same_statement(out[2], theirs));
	free(theirs);
	json_decref(s);
	/* a time a millisecond off is another time */
	s = json_loads(out[0], 0, NULL);
	json_object_set_new(s, "timestamp",
			    json_string("2026-11-27T06:28:00.001Z"));
	theirs = json_dumps(s, JSON_COMPACT);
	assert_false(xapi_same_statement(out[0], theirs));
	json_object_set_new(s, "timestamp",
			    json_string("2026-11-27T06:28:00Z"));
	free(theirs);
	theirs = json_dumps(s, JSON_COMPACT);
	assert_true(xapi_same_statement(out[0], theirs));
	free(theirs);
	json_decref(s);
	assert_false(xapi_same_statement(out[0], "not json"));
	xapi_free(out, n);
	record_release(&r);
}

/* Language tags as a record store reads them. */
static void test_language_tags(void **state)
{
	static const char *const good[] = {
		"en",	      "en-GB",	      "zh-Hant-TW", "de-CH-1996",
		"sl-rozaj",   "es-419",	      "zh-yue",	    "x-whatever",
		"en-x-house", "en-a-bbb-x-c", "fil",	    "tlh-Latn",
	};
	static const char *const bad[] = {
		"",	     "x1",   "en--",	"en-",	    "-en",
		"abcdefghi", "en-a", "en-US-a", "i",	    "en-x",
		"x",	     "e n",  "en_GB",	"en-GB-GB", "ab-abcdefghi",
	};
	size_t i;

	(void)state;
	for (i = 0; i < RP_ARRAY_LEN(good); i++)
		if (!xapi_lang_ok(good[i]))
			fail_msg("'%s' was refused", good[i]);
	for (i = 0; i < RP_ARRAY_LEN(bad); i++)
		if (xapi_lang_ok(bad[i]))
			fail_msg("'%s' was taken", bad[i]);
	assert_false(xapi_lang_ok(NULL));
}

/* The record store's address, and what it says back. */
static void test_statements_url_and_message(void **state)
{
	static const struct {
		const char *given, *want;
	} ok[] = {
		{ "https://lrs.example.com/xapi/",
		  "https://lrs.example.com/xapi/statements" },
		{ "https://lrs.example.com/xapi",
		  "https://lrs.example.com/xapi/statements" },
		{ "http://127.0.0.1:8080/data/xAPI/statements/",
		  "http://127.0.0.1:8080/data/xAPI/statements" },
		{ "HTTPS://lrs.example.com",
		  "HTTPS://lrs.example.com/statements" },
	};
	static const char *const bad[] = {
		"ftp://lrs.example.com/",
		"lrs.example.com/xapi",
		"https://key:secret@lrs.example.com/xapi",
		"https://lrs.example.com/xapi?x=1",
		"https:///xapi",
		"https://lrs.example.com/a b",
	};
	char *err = NULL, *url, *m;
	size_t i;

	(void)state;
	for (i = 0; i < RP_ARRAY_LEN(ok); i++) {
		url = xapi_statements_url(ok[i].given, &err);
		assert_non_null(url);
		assert_string_equal(url, ok[i].want);
		free(url);
	}
	for (i = 0; i < RP_ARRAY_LEN(bad); i++) {
		url = xapi_statements_url(bad[i], &err);
		if (url)
			fail_msg("'%s' was taken as %s", bad[i], url);
		assert_non_null(err);
		free(err);
		err = NULL;
	}
#define MESSAGE(text) xapi_lrs_message(text, strlen(text))
	m = MESSAGE("{\"message\":\"abc is conflicting\"}");
	assert_string_equal(m, "abc is conflicting");
	free(m);
	m = MESSAGE("{\"warnings\":[\"Problem in 'x'\",\"Two\"]}");
	assert_string_equal(m, "Problem in 'x'; Two");
	free(m);
	m = MESSAGE("Bad gateway\nmore");
	assert_string_equal(m, "Bad gateway");
	free(m);
	m = MESSAGE("<html><body><h1>413 Request Entity Too Large</h1>"
		    "</body></html>");
	assert_string_equal(m, "413 Request Entity Too Large");
	free(m);
	m = xapi_lrs_message(NULL, 0);
	assert_string_equal(m, "");
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ids_follow_content),
		cmocka_unit_test(test_scaled_is_raw_over_max),
		cmocka_unit_test(test_typed_response_neutral),
		cmocka_unit_test(test_same_answer_once),
		cmocka_unit_test(test_patterns_and_names),
		cmocka_unit_test(test_one_type_per_activity),
		cmocka_unit_test(test_same_statement),
		cmocka_unit_test(test_language_tags),
		cmocka_unit_test(test_statements_url_and_message),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
