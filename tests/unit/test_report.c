/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_report.c - the team report on worked examples: knowledge from the
 * latest finished quiz or exercise, self-assessment from the latest
 * finished assessment, team means over people, the most missed questions
 * and the texts a reader sees. */
#include "testlib.h"

#include "record.h"
#include "render.h"
#include "report.h"
#include "report_text.h"

#define EPS 1e-9

#define TF(id, comp)                                                           \
	"<true-false id='" id "' competency='" comp "' answer='true'>"         \
	"<prompt>Is " id " true?</prompt></true-false>"
#define LESSON(id, comp)                                                       \
	"<lesson id='" id "' competency='" comp "'><title>L</title>"           \
	"<section><p>x</p></section></lesson>"

static const char course_xml[] =
	"<course id='t'><title>T</title>"
	"<competency id='a'><name>A</name></competency>"
	"<competency id='b'><name>B</name></competency>"
	"<competency id='c'><name>C</name></competency>" LESSON(
		"la", "a") LESSON("lb", "b")
		LESSON("lc", "c") "<quiz id='q1' pass='50'><title>Q1</title>"
				  "<single-choice id='sc' competency='a'>"
				  "<prompt>Who do you call first?</prompt>"
				  "<option id='w' correct='true'><text>The "
				  "desk</text></option>"
				  "<option id='x'><text>Nobody</text></option>"
				  "<option id='y'><text>The "
				  "boss</text></option></single-choice>" TF(
					  "t1", "a") TF("t2", "b") TF("t3", "a")
					  TF("t4", "c") BANDS_OK
	"</quiz>"
	"<quiz id='q2' pass='50'><title>Q2</title>" TF("t5", "a") BANDS_OK
	"</quiz>"
	"<assessment id='self'><title>S</title><scale>"
	"<point value='1'>Never</point><point value='2'>Always</point></scale>"
	"<statement id='s1' competency='a'>I ask the desk first.</statement>"
	"<statement id='s2' competency='b'>I say thanks.</statement>" BANDS_OK
	"<actions><action competency='a' lesson='la'>Ask.</action>"
	"</actions></assessment>"
	"<exercise id='ex'><title>E</title>"
	"<scenario id='sn' competency='b'><title>The chair</title>"
	"<situation><p>Six rush orders sit on a chair.</p></situation>"
	"<question>What should the rep have done?</question>"
	"<option id='talk' weight='100'><text>Talked first.</text>"
	"<rationale>r</rationale></option>"
	"<option id='note' weight='40'><text>Left a note.</text>"
	"<rationale>r</rationale></option>"
	"<option id='wait' weight='0'><text>Waited.</text>"
	"<rationale>r</rationale></option></scenario></exercise>"
	"</course>";

COURSE_GROUP(course_xml)

/* The index of competency id in the course, as the report's arrays use. */
static size_t comp(const char *id)
{
	const struct competency *c =
		course_find_kind(course, id, ITEM_COMPETENCY);

	assert_non_null(c);
	return c->index;
}

#define assert_figure(f, v)                                                    \
	do {                                                                   \
		assert_true((f).has);                                          \
		assert_float_equal((f).value, (v), EPS);                       \
	} while (0)
#define assert_no_figure(f) assert_false((f).has)

/* ---- building attempts ---- */

/* The attempt being built; add() hands it to the report and frees it, so
 * the report must keep copies of whatever it needs. */
static struct record rec;

static void begin(const char *user, const char *kind, const char *item,
		  const char *status, int64_t started, int64_t finished)
{
	memset(&rec, 0, sizeof(rec));
	snprintf(rec.uuid, sizeof(rec.uuid), "00000000-0000-0000-0000-%012lld",
		 (long long)started);
	rec.user = xstrdup(user);
	rec.course = xstrdup("t");
	rec.kind = xstrdup(kind);
	rec.item = xstrdup(item);
	rec.status = xstrdup(status);
	rec.started_ms = started;
	rec.finished_ms = finished;
	rec.passed = -1;
	rec.straight = -1;
}

static struct record_score *score(const char *competency)
{
	struct record_score *s;

	rec.scores =
		xrealloc(rec.scores, (rec.n_scores + 1) * sizeof(*rec.scores));
	s = &rec.scores[rec.n_scores++];
	memset(s, 0, sizeof(*s));
	s->competency = xstrdup(competency);
	return s;
}

/* Points a quiz or exercise measured in one competency; the attempt's
 * overall score is kept as the percentage of all its points so far. */
static void knows(const char *competency, double earned, double possible)
{
	struct record_score *s = score(competency);
	double e = 0, p = 0;
	size_t i;

	s->scored = true;
	s->score = 100 * earned / possible;
	s->earned = earned;
	s->possible = possible;
	for (i = 0; i < rec.n_scores; i++) {
		e += rec.scores[i].earned;
		p += rec.scores[i].possible;
	}
	rec.scored = rec.finished_ms != 0;
	rec.score = 100 * e / p;
}

/* A self-assessment's score for one competency; not scored when too few
 * statements were answered. */
static void feels(const char *competency, bool scored, double value)
{
	struct record_score *s = score(competency);

	s->scored = scored;
	s->score = value;
	rec.scored = rec.finished_ms != 0;
}

static void said(const char *item, const char *competency, const char *outcome,
		 const char *response)
{
	struct record_answer *x;

	rec.answers = xrealloc(rec.answers,
			       (rec.n_answers + 1) * sizeof(*rec.answers));
	x = &rec.answers[rec.n_answers];
	memset(x, 0, sizeof(*x));
	x->position = (int64_t)rec.n_answers++;
	x->item = xstrdup(item);
	x->competency = competency ? xstrdup(competency) : NULL;
	x->outcome = xstrdup(outcome);
	x->response = response ? xstrdup(response) : NULL;
	x->answered_ms = rec.started_ms + 1;
}

static void add(struct report *r)
{
	report_add(r, &rec);
	record_release(&rec);
}

/* The person called name, or a failed test. */
static const struct report_person *who(const struct report *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->n_people; i++)
		if (strcmp(r->people[i].name, name) == 0)
			return &r->people[i];
	fail_msg("no person '%s' in the report", name);
	return NULL;
}

/* ---- knowledge ---- */

static void knowledge_counts_the_latest_finished_attempt(void **state)
{
	struct report *r = report_new(course);
	const struct report_person *ana, *bea, *carl;
	size_t a = comp("a"), b = comp("b"), c = comp("c");

	(void)state;
	/* Ana's first q1: replaced by her second, so it must not count */
	begin("Ana", "quiz", "q1", "finished", 90, 100);
	knows("a", 1, 4);
	add(r);
	begin("bea", "quiz", "q1", "finished", 140, 150);
	knows("a", 4, 4);
	add(r);
	/* Ana's second q1, the one that counts; a competency the course
	 * does not have is left out */
	begin("Ana", "quiz", "q1", "finished", 190, 200);
	knows("a", 3, 4);
	knows("b", 1, 2);
	knows("zz", 5, 5);
	add(r);
	/* later but unfinished attempts of q1 replace nothing */
	begin("Ana", "quiz", "q1", "open", 250, 0);
	knows("a", 0, 4);
	add(r);
	begin("Ana", "quiz", "q1", "abandoned", 260, 270);
	knows("a", 0, 4);
	add(r);
	/* a review counts in neither figure */
	begin("Ana", "review", "", "finished", 290, 300);
	knows("a", 0, 4);
	add(r);
	begin("bea", "exercise", "ex", "finished", 340, 350);
	knows("b", 3, 5);
	add(r);
	/* Carl began but never finished: he has no figures */
	begin("Carl", "quiz", "q1", "open", 360, 0);
	knows("a", 0, 4);
	add(r);
	begin("Ana", "quiz", "q2", "finished", 390, 400);
	knows("a", 2, 2);
	add(r);
	report_finish(r);

	assert_int_equal(r->attempts, 9);
	assert_int_equal(r->first, 90);
	assert_int_equal(r->last, 400);
	assert_int_equal(r->n_people, 3);
	ana = who(r, "Ana");
	bea = who(r, "bea");
	carl = who(r, "Carl");

	/* Ana: the second q1 (a 3/4, b 1/2) and q2 (a 2/2).
	 * a: (3 + 2) / (4 + 2) = 5/6 = 83.333...; b: 1/2 = 50;
	 * over every competency: (3 + 2 + 1) / (4 + 2 + 2) = 75 */
	assert_figure(ana->knowledge[a], 100.0 * 5 / 6);
	assert_figure(ana->knowledge[b], 50);
	assert_no_figure(ana->knowledge[c]);
	assert_figure(ana->knowledge_all, 75);
	assert_no_figure(ana->self_all);
	/* finished: both q1, the review and q2; not the open or abandoned */
	assert_int_equal(ana->finished, 4);
	assert_int_equal(ana->last, 400);
	/* her trend has every finished quiz, the older q1 too, in order */
	assert_int_equal(ana->n_trend, 3);
	assert_int_equal(ana->trend[0].when, 100);
	assert_float_equal(ana->trend[0].score, 25, EPS);
	assert_int_equal(ana->trend[1].when, 200);
	assert_string_equal(ana->trend[2].item, "q2");
	assert_string_equal(ana->trend[2].kind, "quiz");

	/* bea: q1 a 4/4 = 100; the exercise b 3/5 = 60; all 7/9 */
	assert_figure(bea->knowledge[a], 100);
	assert_figure(bea->knowledge[b], 60);
	assert_figure(bea->knowledge_all, 100.0 * 7 / 9);
	assert_int_equal(bea->n_trend, 2);
	assert_string_equal(bea->trend[1].kind, "exercise");

	assert_no_figure(carl->knowledge[a]);
	assert_no_figure(carl->knowledge_all);
	assert_int_equal(carl->finished, 0);
	assert_int_equal(carl->n_trend, 0);
	assert_int_equal(carl->last, 360);

	/* The team: the mean over Ana and bea, Carl has nothing to add.
	 * a: (83.333 + 100) / 2 = 91.667 (not 9/10 = 90 over the points,
	 * nor 61.1 with Carl as 0); b: (50 + 60) / 2 = 55; c: no one;
	 * all: (75 + 77.778) / 2 = 76.389 */
	assert_figure(r->team_knowledge[a], (100.0 * 5 / 6 + 100) / 2);
	assert_figure(r->team_knowledge[b], 55);
	assert_no_figure(r->team_knowledge[c]);
	assert_figure(r->team_knowledge_all, (75 + 100.0 * 7 / 9) / 2);
	assert_no_figure(r->team_self[a]);
	assert_no_figure(r->team_self_all);
	/* the heat map's cells: a person or the team, a competency or all */
	assert_ptr_equal(report_knowledge(r, 0, a), &r->people[0].knowledge[a]);
	assert_ptr_equal(report_knowledge(r, 1, r->n_comps),
			 &r->people[1].knowledge_all);
	assert_ptr_equal(report_knowledge(r, r->n_people, b),
			 &r->team_knowledge[b]);
	assert_ptr_equal(report_knowledge(r, r->n_people, r->n_comps),
			 &r->team_knowledge_all);
	report_free(r);
}

/* Attempts arrive in the order they began; the one finished last is the
 * latest, even when it began first. */
static void latest_is_the_one_finished_last(void **state)
{
	struct report *r = report_new(course);
	size_t a = comp("a");

	(void)state;
	begin("Ana", "quiz", "q2", "finished", 100, 900); /* a long one */
	knows("a", 0, 1);
	add(r);
	begin("Ana", "quiz", "q2", "finished", 200, 300);
	knows("a", 1, 1);
	add(r);
	report_finish(r);
	assert_figure(r->people[0].knowledge[a], 0);
	assert_int_equal(r->last, 900);
	report_free(r);
}

/* Each person counts once in the team's figure, however many points or
 * answers lie behind theirs. */
static void team_is_the_mean_over_people(void **state)
{
	struct report *r = report_new(course);
	size_t a = comp("a");

	(void)state;
	begin("Ana", "quiz", "q1", "finished", 10, 20);
	knows("a", 10, 10);
	add(r);
	begin("bea", "quiz", "q2", "finished", 30, 40);
	knows("a", 0, 1);
	add(r);
	report_finish(r);
	/* (100 + 0) / 2 = 50, where the points would give 10/11 = 90.9 */
	assert_figure(r->team_knowledge[a], 50);
	assert_figure(r->team_knowledge_all, 50);
	report_free(r);
}

/* ---- self-assessment ---- */

static void self_assessment_uses_the_latest_finished(void **state)
{
	struct report *r = report_new(course);
	const struct report_person *ana, *bea;
	size_t a = comp("a"), b = comp("b"), c = comp("c");

	(void)state;
	begin("Ana", "assessment", "self", "finished", 90, 100);
	feels("a", true, 40);
	feels("b", true, 80);
	add(r);
	/* another self-assessment: averaged with the latest of self */
	begin("Ana", "assessment", "other", "finished", 140, 150);
	feels("a", true, 100);
	add(r);
	begin("bea", "assessment", "self", "finished", 145, 155);
	feels("a", true, 20);
	feels("b", true, 100);
	add(r);
	/* Ana's latest self: b too few answers to score, so her b is gone */
	begin("Ana", "assessment", "self", "finished", 190, 200);
	feels("a", true, 60);
	feels("b", false, 0);
	add(r);
	/* unfinished: replaces nothing */
	begin("Ana", "assessment", "self", "open", 290, 0);
	feels("a", true, 0);
	add(r);
	begin("Ana", "assessment", "self", "abandoned", 295, 299);
	feels("a", true, 0);
	add(r);
	report_finish(r);

	ana = who(r, "Ana");
	bea = who(r, "bea");
	/* Ana: a = (60 from self + 100 from other) / 2 = 80; no b;
	 * over every competency: the mean of her figures, 80 */
	assert_figure(ana->self[a], 80);
	assert_no_figure(ana->self[b]);
	assert_no_figure(ana->self[c]);
	assert_figure(ana->self_all, 80);
	/* bea: a 20, b 100, all (20 + 100) / 2 = 60 */
	assert_figure(bea->self[a], 20);
	assert_figure(bea->self[b], 100);
	assert_figure(bea->self_all, 60);
	/* an assessment measures no knowledge and makes no trend */
	assert_no_figure(ana->knowledge_all);
	assert_int_equal(ana->n_trend, 0);
	/* team: a (80 + 20) / 2 = 50; b only bea, 100; all (80 + 60) / 2 */
	assert_figure(r->team_self[a], 50);
	assert_figure(r->team_self[b], 100);
	assert_no_figure(r->team_self[c]);
	assert_figure(r->team_self_all, 70);
	assert_no_figure(r->team_knowledge_all);
	report_free(r);
}

/* A review asks again what was missed: it counts in neither figure and
 * its answers are not misses. */
static void a_review_counts_in_neither(void **state)
{
	struct report *r = report_new(course);

	(void)state;
	begin("Ana", "review", "", "finished", 10, 20);
	knows("a", 1, 2);
	feels("b", true, 50);
	said("t1", "a", "wrong", "[\"false\"]");
	add(r);
	report_finish(r);
	assert_int_equal(r->n_people, 1);
	assert_int_equal(r->people[0].finished, 1);
	assert_int_equal(r->people[0].n_trend, 0);
	assert_no_figure(r->people[0].knowledge_all);
	assert_no_figure(r->people[0].self_all);
	assert_no_figure(r->team_knowledge_all);
	assert_no_figure(r->team_self_all);
	assert_int_equal(r->n_misses, 0);
	assert_int_equal(r->answers, 1); /* seen, all the same */
	report_free(r);
}

/* ---- people ---- */

static void people_sorted_case_insensitively(void **state)
{
	static const char *const arriving[] = { "carl", "bea", "Dan",
						"ana",	"Ana", "bea" };
	static const char *const sorted[] = { "Ana", "ana", "bea", "carl",
					      "Dan" };
	struct report *r = report_new(course);
	size_t i;

	(void)state;
	for (i = 0; i < RP_ARRAY_LEN(arriving); i++) {
		begin(arriving[i], "quiz", "q1", "open", (int64_t)i + 1, 0);
		add(r);
	}
	report_finish(r);
	/* bea twice is one person; ana and Ana are two, capitals first */
	assert_int_equal(r->n_people, RP_ARRAY_LEN(sorted));
	for (i = 0; i < RP_ARRAY_LEN(sorted); i++)
		assert_string_equal(r->people[i].name, sorted[i]);
	assert_int_equal(r->attempts, 6);
	report_free(r);
}

/* ---- misses ---- */

static void misses_sorted_by_count_rate_and_id(void **state)
{
	struct report *r = report_new(course);
	const struct report_miss *m;
	const struct report_pick *top;

	(void)state;
	begin("Ana", "quiz", "q1", "finished", 10, 20);
	said("sc", "a", "wrong", "[\"x\"]");
	said("t3", "a", "wrong", "[\"false\"]");
	said("t2", "b", "wrong", "[\"false\"]");
	said("t4", "c", "right", "[\"true\"]");
	add(r);
	begin("bea", "quiz", "q1", "finished", 30, 40);
	said("sc", "a", "wrong", "[\"y\"]");
	said("t2", "b", "wrong", "[\"false\"]");
	said("t1", "a", "skipped", NULL);
	said("t4", "c", "right", "[\"true\"]");
	add(r);
	begin("Carl", "quiz", "q1", "finished", 50, 60);
	said("sc", "a", "wrong", "[\"x\"]");
	said("t2", "b", "skipped", NULL);
	add(r);
	begin("Dan", "quiz", "q1", "finished", 70, 80);
	said("sc", "a", "right", "[\"w\"]");
	add(r);
	begin("Ana", "exercise", "ex", "finished", 90, 100);
	said("sn", "b", "partial", "[\"note\"]");
	add(r);
	begin("bea", "exercise", "ex", "finished", 110, 120);
	said("sn", "b", "wrong", "[\"wait\"]");
	add(r);
	/* neither a review's answers nor a self-assessment's are misses */
	begin("Dan", "review", "", "finished", 130, 140);
	said("t4", "c", "wrong", "[\"false\"]");
	add(r);
	begin("Dan", "assessment", "self", "finished", 150, 160);
	said("s1", "a", "skipped", NULL);
	add(r);
	report_finish(r);

	/* sc 3 of 4 (x x y); t2 3 of 3 (false false, a skip); sn 2 of 2;
	 * t1 1 of 1; t3 1 of 1; t4 never missed in a quiz: left out.
	 * Most missed first; at 3 each, t2's rate 1 beats sc's 0.75; sc's 3
	 * beats sn's 2 though sn's rate is higher; t1 and t3 tie on both
	 * and go by id, though t3 came first. */
	assert_int_equal(r->answers, 15);
	assert_int_equal(r->n_misses, 5);
	assert_string_equal(r->misses[0].item, "t2");
	assert_string_equal(r->misses[1].item, "sc");
	assert_string_equal(r->misses[2].item, "sn");
	assert_string_equal(r->misses[3].item, "t1");
	assert_string_equal(r->misses[4].item, "t3");

	m = &r->misses[0];
	assert_int_equal(m->missed, 3);
	assert_int_equal(m->asked, 3);
	assert_string_equal(m->competency, "b");
	assert_int_equal(m->n_picks, 1); /* a skip picks nothing */
	top = report_top_pick(m);
	assert_non_null(top);
	assert_string_equal(top->choice, "false");
	assert_int_equal(top->count, 2);

	m = &r->misses[1];
	assert_int_equal(m->missed, 3);
	assert_int_equal(m->asked, 4);
	assert_int_equal(m->n_picks, 2); /* the right pick is not a miss */
	top = report_top_pick(m);
	assert_string_equal(top->choice, "x");
	assert_int_equal(top->count, 2);

	/* a tie between picks: the first id */
	m = &r->misses[2];
	assert_int_equal(m->missed, 2);
	assert_int_equal(m->asked, 2);
	assert_int_equal(m->n_picks, 2);
	assert_string_equal(report_top_pick(m)->choice, "note");

	/* only skipped: nothing was chosen */
	m = &r->misses[3];
	assert_int_equal(m->n_picks, 0);
	assert_null(report_top_pick(m));
	report_free(r);
}

/* Many people and many questions: each attempt finds its person and each
 * answer its question by name, well past the size where the lookups
 * grow, and nobody or nothing is counted twice. */
static void many_people_and_questions_each_counted_once(void **state)
{
	struct report *r = report_new(course);
	char name[16], item[16];
	size_t i, k;

	(void)state;
	for (i = 0; i < 600; i++) {
		/* 300 people, each twice; 6,000 answers over 1,000 questions */
		snprintf(name, sizeof(name), "p%03zu", i % 300);
		begin(name, "quiz", "q1", "open", (int64_t)i + 1, 0);
		for (k = 0; k < 10; k++) {
			snprintf(item, sizeof(item), "x%04zu",
				 (i * 10 + k) % 1000);
			said(item, "a", k % 2 ? "wrong" : "right", "[\"b\"]");
		}
		add(r);
	}
	report_finish(r);

	assert_int_equal(r->n_people, 300);
	assert_string_equal(r->people[0].name, "p000");
	assert_string_equal(r->people[299].name, "p299");
	assert_int_equal(r->answers, 6000);
	/* the odd questions are missed every time they are asked: six */
	assert_int_equal(r->n_misses, 500);
	for (i = 0; i < r->n_misses; i++) {
		assert_int_equal(r->misses[i].asked, 6);
		assert_int_equal(r->misses[i].missed, 6);
		assert_int_equal(report_top_pick(&r->misses[i])->count, 6);
	}
	assert_string_equal(r->misses[0].item, "x0001");
	assert_string_equal(r->misses[499].item, "x0999");
	report_free(r);
}

/* ---- texts ---- */

static void texts_fall_back_to_the_id(void **state)
{
	(void)state;
	assert_string_equal(report_item_text(course, "sc"),
			    "Who do you call first?");
	assert_string_equal(report_item_text(course, "sn"), "The chair");
	assert_string_equal(report_item_text(course, "s1"),
			    "I ask the desk first.");
	assert_string_equal(report_item_text(course, "gone"), "gone");
	/* an item that is neither question, scenario nor statement */
	assert_string_equal(report_item_text(course, "la"), "la");

	assert_string_equal(report_choice_text(course, "sc", "y"), "The boss");
	assert_string_equal(report_choice_text(course, "sn", "note"),
			    "Left a note.");
	assert_string_equal(report_choice_text(course, "t1", "true"), "True");
	assert_string_equal(report_choice_text(course, "sc", "zz"), "zz");
	assert_string_equal(report_choice_text(course, "gone", "x"), "x");
	assert_string_equal(report_choice_text(course, "s1", "x"), "x");
}

static void an_empty_report_has_no_figures(void **state)
{
	struct report *r = report_new(course);

	(void)state;
	report_finish(r);
	assert_int_equal(r->n_people, 0);
	assert_int_equal(r->n_misses, 0);
	assert_int_equal(r->attempts, 0);
	assert_int_equal(r->n_comps, 3);
	assert_no_figure(r->team_knowledge[0]);
	assert_no_figure(r->team_self[2]);
	assert_no_figure(r->team_knowledge_all);
	assert_no_figure(r->team_self_all);
	report_free(r);
	report_free(NULL);
}

/* ---- the text report ---- */

/* Ana and bea through q1, the self-assessment and the exercise. */
static struct report *small_team(void)
{
	struct report *r = report_new(course);

	begin("Ana", "quiz", "q1", "finished", 90, 100);
	knows("a", 3, 4);
	knows("b", 1, 2);
	said("sc", "a", "wrong", "[\"x\"]");
	add(r);
	begin("bea", "quiz", "q1", "finished", 140, 150);
	knows("a", 4, 4);
	knows("c", 0, 1);
	said("sc", "a", "wrong", "[\"x\"]");
	add(r);
	begin("Ana", "assessment", "self", "finished", 160, 170);
	feels("a", true, 100);
	feels("b", true, 100);
	add(r);
	report_finish(r);
	return r;
}

/* The report as text, exactly: at 80 columns in UTF-8, and at 40 in
 * ASCII, where the heatmap becomes a list and the lines wrap. */
static const char golden_80[] =
	"Team report: T\n"
	"everyone · 2 people, 3 finished attempts, 2 answers\n"
	"\n"
	"Knowledge by competency\n"
	"  (the latest finished attempt of each quiz and exercise)\n"
	"                        A        B        C      All\n"
	"  Ana                 75%      50%        -      66%\n"
	"  bea                100%        -       0%      80%\n"
	"  Team                87%      50%       0%      73%\n"
	"\n"
	"Self-assessment next to knowledge\n"
	"  Ana             self  100   knowledge  66%   rates own habits "
	"higher by 34\n"
	"  bea             self    -   knowledge  80%\n"
	"\n"
	"Scores over time\n"
	"  Ana             ▆  66% in 1 attempt\n"
	"  bea             ▇  80% in 1 attempt\n"
	"\n"
	"Most missed\n"
	"  1. missed 2 of 2 (100%) · A: Who do you call first?\n"
	"     chosen most often: Nobody\n";

static const char golden_40[] = "Team report: T\n"
				"everyone - 2 people, 3 finished\n"
				"attempts, 2 answers\n"
				"\n"
				"Knowledge by competency\n"
				"  (the latest finished attempt of each\n"
				"  quiz and exercise)\n"
				"  Ana\n"
				"    A        75%\n"
				"    B        50%\n"
				"    C          -\n"
				"    All      66%\n"
				"  bea\n"
				"    A       100%\n"
				"    B          -\n"
				"    C         0%\n"
				"    All      80%\n"
				"  Team\n"
				"    A        87%\n"
				"    B        50%\n"
				"    C         0%\n"
				"    All      73%\n"
				"\n"
				"Self-assessment next to knowledge\n"
				"  Ana\n"
				"    self  100   knowledge  66%   rates\n"
				"      own habits higher by 34\n"
				"  bea\n"
				"    self    -   knowledge  80%\n"
				"\n"
				"Scores over time\n"
				"  Ana             +  66% in 1 attempt\n"
				"  bea             *  80% in 1 attempt\n"
				"\n"
				"Most missed\n"
				"  1. missed 2 of 2 (100%) - A: Who do\n"
				"     you call first?\n"
				"     chosen most often: Nobody\n";

static void text_report_golden(void **state)
{
	struct report *r = small_team();
	struct render_opts o;
	char *text;

	(void)state;
	render_opts_plain(&o, 80, true);
	text = report_text(r, &o, "everyone");
	assert_string_equal(text, golden_80);
	free(text);
	render_opts_plain(&o, 40, false);
	text = report_text(r, &o, "everyone");
	assert_string_equal(text, golden_40);
	free(text);
	report_free(r);
}

/* Styles come from the options, around the headings and the notes. */
static void text_report_styles(void **state)
{
	struct report *r = small_team();
	struct render_opts o;
	char *text;

	(void)state;
	render_opts_plain(&o, 80, true);
	o.on[STYLE_TITLE] = "<T>";
	o.on[STYLE_PART] = "<P>";
	o.on[STYLE_BOLD] = "<B>";
	o.off = "</>";
	text = report_text(r, &o, "everyone");
	assert_non_null(strstr(text, "<T>Team report: T</>\n"));
	assert_non_null(strstr(text, "<T>Most missed</>\n"));
	assert_non_null(
		strstr(text, "   <P>rates own habits higher by 34</>\n"));
	assert_non_null(strstr(text, "  <B>Team"));
	free(text);
	report_free(r);
}

static void an_empty_text_report(void **state)
{
	struct report *r = report_new(course);
	struct render_opts o;
	char *text;

	(void)state;
	report_finish(r);
	render_opts_plain(&o, 80, true);
	text = report_text(r, &o, "ana since 2026-11-02");
	assert_string_equal(text, "Team report: T\n"
				  "ana since 2026-11-02 · 0 people, 0 finished "
				  "attempts, 0 answers\n"
				  "\nNo results here yet.\n");
	free(text);
	report_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(knowledge_counts_the_latest_finished_attempt),
		cmocka_unit_test(latest_is_the_one_finished_last),
		cmocka_unit_test(team_is_the_mean_over_people),
		cmocka_unit_test(self_assessment_uses_the_latest_finished),
		cmocka_unit_test(a_review_counts_in_neither),
		cmocka_unit_test(people_sorted_case_insensitively),
		cmocka_unit_test(misses_sorted_by_count_rate_and_id),
		cmocka_unit_test(many_people_and_questions_each_counted_once),
		cmocka_unit_test(texts_fall_back_to_the_id),
		cmocka_unit_test(an_empty_report_has_no_figures),
		cmocka_unit_test(text_report_golden),
		cmocka_unit_test(text_report_styles),
		cmocka_unit_test(an_empty_text_report),
	};
	return cmocka_run_group_tests_name("report", tests, setup, teardown);
}
