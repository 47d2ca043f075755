/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_engine.c - runs: drawing and ordering by seed, scoring a whole quiz
 * and self-assessment, bands at their edges, Likert rules, next actions. */
#include "testlib.h"

#include "render.h"
#include "result_text.h"

#include "score.h"

#include <math.h>

#include "engine.h"

#define TF(id, comp, ans)                                                      \
	"<true-false id='" id "' competency='" comp "' answer='" ans "'>"      \
	"<prompt>P</prompt></true-false>"
#define BANDS3                                                                 \
	"<bands><band min='0' max='60'><label>Low</label><advice>a</advice>"   \
	"</band><band min='60' max='80'><label>Mid</label><advice>b</advice>"  \
	"</band><band min='80' max='100'><label>High</label>"                  \
	"<advice>c</advice></band></bands>"

static const char course_xml[] =
	"<course id='t'><title>T</title>"
	"<competency id='a'><name>A</name></competency>"
	"<competency id='b'><name>B</name></competency>"
	"<competency id='c'><name>C</name></competency>"
	"<lesson id='la' "
	"competency='a'><title>L</title><section><p>x</p></section></lesson>"
	"<lesson id='lb' "
	"competency='b'><title>L</title><section><p>x</p></section></lesson>"
	"<lesson id='lc' "
	"competency='c'><title>L</title><section><p>x</p></section></lesson>"
	"<quiz id='five' pass='80' shuffle='false'><title>Q</title>" TF(
		"t1", "a", "true") TF("t2", "a", "true") TF("t3", "a", "true")
		TF("t4", "b", "true") TF("t5", "b", "true") BANDS3
	"</quiz>"
	"<quiz id='pools' pass='50'><title>Q</title>"
	"<pool draw='2'>" TF("p1", "a", "true") TF("p2", "a", "true") TF(
		"p3", "a", "true") TF("p4", "a", "true")
		TF("p5", "a",
		   "true") "</pool>"
			   "<single-choice id='sc' "
			   "competency='b'><prompt>P</prompt>"
			   "<option id='w' "
			   "correct='true'><text>W</text></option>"
			   "<option id='x'><text>X</text></option><option "
			   "id='y'><text>Y</text>"
			   "</option><option "
			   "id='z'><text>Z</text></option></single-choice>"
			   "<ordering id='or' "
			   "competency='b'><prompt>P</prompt><item "
			   "id='i1'>1</item>"
			   "<item id='i2'>2</item><item id='i3'>3</item><item "
			   "id='i4'>4</item>"
			   "</ordering>" BANDS3 "</quiz>"
			   "<assessment id='self'><title>S</title><scale>"
			   "<point value='1'>Never</point><point "
			   "value='2'>Rarely</point>"
			   "<point value='3'>Sometimes</point><point "
			   "value='4'>Often</point>"
			   "<point value='5'>Always</point></scale>"
			   "<statement id='a1' competency='a'>I a1.</statement>"
			   "<statement id='a2' competency='a'>I a2.</statement>"
			   "<statement id='a3' competency='a' reverse='true'>I "
			   "a3.</statement>"
			   "<statement id='a4' competency='a'>I a4.</statement>"
			   "<statement id='b1' competency='b'>I b1.</statement>"
			   "<statement id='b2' competency='b'>I b2.</statement>"
			   "<statement id='c1' competency='c'>I c1.</statement>"
			   "<statement id='c2' competency='c'>I "
			   "c2.</statement>" BANDS3 "<actions>"
			   "<action competency='a' lesson='la'>Do a "
			   "first.</action>"
			   "<action competency='a'>Do a second.</action>"
			   "<action competency='b' lesson='lb'>Do b.</action>"
			   "</actions></assessment></course>";

/* A self-assessment with a point for what has not come up. */
static const char na_course_xml[] =
	"<course id='t' format='1'><title>T</title>"
	"<competency id='a'><name>A</name></competency>"
	"<competency id='b'><name>B</name></competency>"
	"<lesson id='la' competency='a'><title>LA</title><section><p>x</p>"
	"</section></lesson>"
	"<lesson id='lb' competency='b'><title>LB</title><section><p>x</p>"
	"</section></lesson>"
	"<assessment id='self-na'><title>S</title><scale>"
	"<point value='1'>Never</point><point value='2'>Rarely</point>"
	"<point value='3'>Sometimes</point><point value='4'>Often</point>"
	"<point value='5'>Always</point>"
	"<point value='0' not-applicable='true'>Hasn't come up</point></scale>"
	"<statement id='n1' competency='a'>I n1.</statement>"
	"<statement id='n2' competency='a' reverse='true'>I n2.</statement>"
	"<statement id='n3' competency='a'>I n3.</statement>"
	"<statement id='n4' competency='a'>I n4.</statement>"
	"<statement id='m1' competency='b'>I m1.</statement>"
	"<statement id='m2' competency='b'>I m2.</statement>" BANDS3 "<actions>"
	"<action competency='a' lesson='la'>Do a.</action>"
	"<action competency='b' lesson='lb'>Do b.</action>"
	"</actions></assessment></course>";

COURSE_GROUP(course_xml)

#define near(a, b) assert_true(fabs((double)(a) - (double)(b)) < 1e-9)

static struct run *quiz(const char *id, uint64_t seed)
{
	return run_new_quiz(course, course_find_kind(course, id, ITEM_QUIZ),
			    seed);
}

/* Answers the current item by shown letter (0 = a). */
static const struct run_item *pick(struct run *r, size_t shown)
{
	struct response resp = { 0 };
	struct run_item *it = run_current(r);

	resp.picks = xcalloc(1, sizeof(size_t));
	resp.picks[0] = it->order[shown];
	resp.n_picks = 1;
	return run_answer(r, &resp);
}

/* Answers true/false items: right when right is true. */
static void answer_tf(struct run *r, bool right)
{
	pick(r, right ? 0 : 1); /* every answer is 'true', shown first */
}

static void answer_five(struct run *r, const bool *right)
{
	size_t i;

	for (i = 0; i < 5; i++)
		answer_tf(r, right[i]);
}

static void all_right_is_100(void **state)
{
	const bool right[] = { 1, 1, 1, 1, 1 };
	struct run *r = quiz("five", 1);
	struct result res;

	(void)state;
	answer_five(r, right);
	assert_null(run_current(r));
	run_result(r, &res);
	assert_true(res.scored);
	near(res.score, 100);
	assert_true(res.passed);
	assert_string_equal(res.band->label, "High");
	assert_int_equal(res.n_comps, 2);
	near(res.comps[0].score, 100);
	near(res.comps[1].score, 100);
	assert_int_equal(res.answered, 5);
	result_release(&res);
	run_free(r);
}

static void all_wrong_is_0(void **state)
{
	const bool right[] = { 0, 0, 0, 0, 0 };
	struct run *r = quiz("five", 1);
	struct result res;

	(void)state;
	answer_five(r, right);
	run_result(r, &res);
	near(res.score, 0);
	assert_false(res.passed);
	assert_string_equal(res.band->label, "Low");
	assert_int_equal(r->items[0].outcome, OUTCOME_WRONG);
	result_release(&res);
	run_free(r);
}

static void bands_at_their_edges(void **state)
{
	const bool three[] = { 1, 1, 1, 0, 0 }, four[] = { 1, 1, 1, 1, 0 };
	struct run *r;
	struct result res;

	(void)state;
	r = quiz("five", 1);
	answer_five(r, three);
	run_result(r, &res);
	near(res.score, 60); /* exactly on the edge: the upper band */
	assert_string_equal(res.band->label, "Mid");
	assert_false(res.passed);
	result_release(&res);
	run_free(r);

	r = quiz("five", 1);
	answer_five(r, four);
	run_result(r, &res);
	near(res.score, 80);
	assert_string_equal(res.band->label, "High");
	assert_true(res.passed); /* exactly the pass mark passes */
	result_release(&res);
	run_free(r);
}

static void subscores_stay_unrounded(void **state)
{
	const bool right[] = { 1, 0, 0, 1, 1 };
	struct run *r = quiz("five", 1);
	struct result res;

	(void)state;
	answer_five(r, right);
	run_result(r, &res);
	assert_ptr_equal(res.comps[0].competency, course_find(course, "a"));
	near(res.comps[0].score, 100.0 / 3);
	near(res.comps[0].earned, 1);
	near(res.comps[0].possible, 3);
	near(res.comps[1].score, 100);
	near(res.score, 60);
	result_release(&res);
	run_free(r);
}

static void skipped_and_unasked_earn_nothing(void **state)
{
	struct run *r = quiz("five", 1);
	struct result res;

	(void)state;
	answer_tf(r, true);
	assert_non_null(run_skip(r));
	answer_tf(r, true);
	/* two never asked */
	run_result(r, &res);
	near(res.score, 40);
	assert_int_equal(res.answered, 2);
	assert_int_equal(res.skipped, 3);
	assert_int_equal(r->items[1].outcome, OUTCOME_SKIPPED);
	assert_int_equal(r->items[3].outcome, OUTCOME_PENDING);
	result_release(&res);
	run_free(r);
}

static void written_order_without_shuffle(void **state)
{
	struct run *r = quiz("five", 99);
	size_t i;

	(void)state;
	assert_int_equal(r->n_items, 5);
	for (i = 0; i < 5; i++) {
		char id[3] = { 't', (char)('1' + i), 0 };
		assert_string_equal(r->items[i].question->item.id, id);
		/* true/false keep True first */
		assert_int_equal(r->items[i].order[0], 0);
	}
	run_free(r);
}

static char *describe(const struct run *r)
{
	struct strbuf sb = { 0 };
	size_t i, j;

	for (i = 0; i < r->n_items; i++) {
		strbuf_addf(&sb, "%s:", r->items[i].question->item.id);
		for (j = 0; j < r->items[i].n_order; j++)
			strbuf_addf(&sb, "%zu", r->items[i].order[j]);
		strbuf_addc(&sb, ' ');
	}
	return strbuf_detach(&sb);
}

static void the_seed_fixes_the_run(void **state)
{
	struct run *a = quiz("pools", 7), *b = quiz("pools", 7);
	char *da = describe(a), *db = describe(b);
	size_t seed, distinct = 0;

	(void)state;
	assert_string_equal(da, db);
	for (seed = 0; seed < 20; seed++) {
		struct run *c = quiz("pools", seed);
		char *dc = describe(c);
		if (strcmp(dc, da) != 0)
			distinct++;
		free(dc);
		run_free(c);
	}
	assert_true(distinct >= 10);
	free(da);
	free(db);
	run_free(a);
	run_free(b);
}

static void pools_draw_without_repeats(void **state)
{
	uint64_t seed;
	size_t seen[5] = { 0 };

	(void)state;
	for (seed = 0; seed < 200; seed++) {
		struct run *r = quiz("pools", seed);
		size_t i, from_pool = 0;
		assert_int_equal(r->n_items, 4);
		for (i = 0; i < r->n_items; i++) {
			const char *id = r->items[i].question->item.id;
			if (id[0] == 'p') {
				from_pool++;
				seen[id[1] - '1']++;
			}
		}
		assert_int_equal(from_pool, 2);
		for (i = 1; i < r->n_items; i++)
			assert_ptr_not_equal(r->items[i].question,
					     r->items[i - 1].question);
		run_free(r);
	}
	for (seed = 0; seed < 5; seed++)
		assert_true(seen[seed] > 40); /* every question gets drawn */
}

/* An ordering is never shown solved, nor reversed (one blind flip from
 * solved); every other order turns up. */
static void ordering_is_never_shown_solved(void **state)
{
	bool seen[4][4][4][4] = { { { { false } } } };
	uint64_t seed;
	size_t kinds = 0;

	(void)state;
	for (seed = 0; seed < 2000; seed++) {
		struct run *r = quiz("pools", seed);
		size_t i;
		for (i = 0; i < r->n_items; i++) {
			const size_t *o = r->items[i].order;
			if (r->items[i].question->type != Q_ORDERING)
				continue;
			assert_false(o[0] == 0 && o[1] == 1 && o[2] == 2 &&
				     o[3] == 3);
			assert_false(o[0] == 3 && o[1] == 2 && o[2] == 1 &&
				     o[3] == 0);
			if (!seen[o[0]][o[1]][o[2]][o[3]])
				kinds++;
			seen[o[0]][o[1]][o[2]][o[3]] = true;
		}
		run_free(r);
	}
	assert_int_equal(kinds, 22);
}

/* What leaving an ordering as shown, or turning it round, earns: the
 * closed form against every order the engine may show, counted out. */
static void blind_ordering_answers_earn_little(void **state)
{
	struct question q = { 0 };
	size_t n;

	(void)state;
	q.type = Q_ORDERING;
	for (n = 2; n <= 6; n++) {
		size_t p[6], i, shown = 0;
		double untouched = 0, reversed = 0, u, rv;
		for (i = 0; i < n; i++)
			p[i] = i;
		q.n_choices = n;
		do { /* every permutation, in lexicographic order */
			size_t back[6], k;
			bool id = true, rev = true;
			for (k = 0; k < n; k++) {
				id = id && p[k] == k;
				rev = rev && p[k] == n - 1 - k;
				back[k] = p[n - 1 - k];
			}
			if (!id && !(rev && n >= 3)) {
				untouched += score_ordering(&q, p, n);
				reversed += score_ordering(&q, back, n);
				shown++;
			}
			/* next permutation */
			for (k = n - 1; k > 0 && p[k - 1] > p[k]; k--)
				;
			if (k == 0)
				break;
			{
				size_t j = n - 1, t;
				while (p[j] < p[k - 1])
					j--;
				t = p[k - 1], p[k - 1] = p[j], p[j] = t;
				for (j = n - 1; k < j; k++, j--)
					t = p[k], p[k] = p[j], p[j] = t;
			}
		} while (1);
		run_ordering_blind(n, &u, &rv);
		assert_float_equal(u, untouched / (double)shown, 1e-12);
		assert_float_equal(rv, reversed / (double)shown, 1e-12);
		if (n >= 3)
			assert_true(u < 0.4 && rv < 0.4);
	}
	{
		double u_two, r_two;
		run_ordering_blind(2, &u_two, &r_two);
		assert_float_equal(u_two, 0, 1e-12);
		assert_float_equal(r_two, 1, 1e-12);
	}
}

static void misfit_answers_are_refused(void **state)
{
	struct run *r = quiz("five", 1);
	struct response resp = { 0 };

	(void)state;
	resp.picks = xcalloc(2, sizeof(size_t));
	resp.picks[0] = 0;
	resp.picks[1] = 1;
	resp.n_picks = 2;
	assert_null(run_answer(r, &resp)); /* two picks for true/false */
	assert_int_equal(r->pos, 0);
	resp.n_picks = 1;
	resp.picks[0] = 9;
	assert_null(run_answer(r, &resp)); /* out of range */
	response_release(&resp);
	assert_int_equal(r->pos, 0);
	run_free(r);
}

static struct run *assess(uint64_t seed)
{
	return run_new_assessment(
		course, course_find_kind(course, "self", ITEM_ASSESSMENT),
		seed);
}

static void say(struct run *r, int value)
{
	struct response resp = { .value = value };

	assert_non_null(run_answer(r, &resp));
}

static const struct comp_score *comp(const struct result *res, const char *id)
{
	size_t i;

	for (i = 0; i < res->n_comps; i++)
		if (strcmp(res->comps[i].competency->item.id, id) == 0)
			return &res->comps[i];
	return NULL;
}

/* "Hasn't come up": answered like any point, left out of the score,
 * counted by the half rule like a missing answer, never a weakness. */
static void not_applicable_is_left_out(void **state)
{
	struct course *nc = test_course(na_course_xml);
	const struct assessment *a =
		course_find_kind(nc, "self-na", ITEM_ASSESSMENT);
	struct run *r = run_new_assessment(nc, a, 1);
	struct result res;
	size_t i;

	(void)state;
	/* the scale for scoring and reversing is 1..5: 0 is not on it */
	say(r, 0); /* n1: has not come up */
	say(r, 1); /* n2, reversed: 5 */
	say(r, 0);
	say(r, 5); /* n4: 5 */
	say(r, 0); /* m1 and m2: neither has come up */
	say(r, 0);
	assert_int_equal(r->items[0].outcome, OUTCOME_NOT_APPLICABLE);
	assert_int_equal(r->items[1].outcome, OUTCOME_ANSWERED);
	assert_int_equal(r->items[1].keyed, 5);
	run_result(r, &res);
	/* a: two of four answered, half: scored on those two */
	assert_true(comp(&res, "a")->scored);
	near(comp(&res, "a")->score, 100);
	assert_int_equal(comp(&res, "a")->answered, 2);
	/* b: none answered: not enough answers, and no action for it */
	assert_false(comp(&res, "b")->scored);
	assert_int_equal(res.not_applicable, 4);
	assert_int_equal(res.skipped, 0);
	assert_int_equal(res.answered, 2);
	for (i = 0; i < res.n_actions; i++)
		assert_string_not_equal(res.actions[i].competency->item.id,
					"b");
	near(res.score, 100);
	result_release(&res);
	run_free(r);

	/* three of four not come up: under half, a is not scored either */
	r = run_new_assessment(nc, a, 2);
	say(r, 0);
	say(r, 0);
	say(r, 4);
	say(r, 0);
	say(r, 2);
	say(r, 4);
	run_result(r, &res);
	assert_false(comp(&res, "a")->scored);
	assert_true(comp(&res, "b")->scored);
	near(comp(&res, "b")->score, 50);
	result_release(&res);
	run_free(r);
	course_free(nc);
}

static void likert_scores_with_reverse_keying(void **state)
{
	struct run *r = assess(1);
	struct result res;

	(void)state;
	/* a1 5, a2 5, a3 (reversed) 1, a4 5: every answer the best one */
	say(r, 5);
	say(r, 5);
	say(r, 1);
	say(r, 5);
	say(r, 1); /* b1: the worst */
	say(r, 1);
	say(r, 3); /* c: the middle */
	say(r, 3);
	run_result(r, &res);
	near(comp(&res, "a")->score, 100);
	near(comp(&res, "b")->score, 0);
	near(comp(&res, "c")->score, 50);
	near(res.score, 50); /* the mean of the competencies */
	assert_string_equal(res.band->label, "Low");
	assert_false(res.straight_lining);
	result_release(&res);
	run_free(r);
}

static void the_same_answer_everywhere_is_flagged(void **state)
{
	struct run *r = assess(1);
	struct result res;
	size_t i;

	(void)state;
	for (i = 0; i < 8; i++)
		say(r, 5);
	run_result(r, &res);
	assert_true(res.straight_lining);
	/* a: 5 5 1 5 keyed, mean 4 -> 75 */
	near(comp(&res, "a")->score, 75);
	result_release(&res);
	run_free(r);
}

static void half_the_statements_or_no_score(void **state)
{
	struct run *r = assess(1);
	struct result res;

	(void)state;
	say(r, 4);		      /* a1 */
	assert_non_null(run_skip(r)); /* a2 */
	assert_non_null(run_skip(r)); /* a3 */
	assert_non_null(run_skip(r)); /* a4 */
	say(r, 2);		      /* b1 */
	assert_non_null(run_skip(r)); /* b2 */
	/* c1, c2 never asked */
	run_result(r, &res);
	assert_false(comp(&res, "a")->scored); /* 1 of 4 */
	assert_true(comp(&res, "b")->scored);  /* 1 of 2: half is enough */
	near(comp(&res, "b")->score, 25);      /* prorated: (2-1)/4 */
	assert_false(comp(&res, "c")->scored);
	assert_int_equal(comp(&res, "c")->answered, 0);
	near(res.score, 25);
	assert_false(res.straight_lining);
	result_release(&res);
	run_free(r);
}

static void nothing_answered_scores_nothing(void **state)
{
	struct run *r = assess(1);
	struct result res;

	(void)state;
	run_result(r, &res);
	assert_false(res.scored);
	assert_null(res.band);
	assert_int_equal(res.n_actions, 0);
	result_release(&res);
	run_free(r);
}

static void next_actions_follow_the_weakest(void **state)
{
	struct run *r = assess(1);
	struct result res;

	(void)state;
	/* a strong (75), b weakest (0), c middle (50) */
	say(r, 4);
	say(r, 4);
	say(r, 2);
	say(r, 4);
	say(r, 1);
	say(r, 1);
	say(r, 3);
	say(r, 3);
	run_result(r, &res);
	assert_int_equal(res.n_actions, 3);
	assert_string_equal(res.actions[0].competency->item.id, "b");
	assert_string_equal(res.actions[0].text, "Do b.");
	assert_string_equal(res.actions[0].lesson->item.id, "lb");
	/* c has no action: read its lesson */
	assert_string_equal(res.actions[1].competency->item.id, "c");
	assert_null(res.actions[1].text);
	assert_string_equal(res.actions[1].lesson->item.id, "lc");
	assert_string_equal(res.actions[2].competency->item.id, "a");
	assert_string_equal(res.actions[2].text, "Do a first.");
	result_release(&res);
	run_free(r);
}

static void the_clock_is_passed_in(void **state)
{
	struct run *r = quiz("five", 1);
	struct quiz *q = course_find_kind(course, "five", ITEM_QUIZ);
	unsigned saved = q->time_limit;

	(void)state;
	run_start_clock(r, 1000);
	assert_false(run_time_up(r, 1e9)); /* no limit, never up */
	assert_int_equal(run_minutes_left(r, 5000), -1);
	run_free(r);

	q->time_limit = 10;
	r = quiz("five", 1);
	run_start_clock(r, 1000);
	assert_false(run_time_up(r, 1000));
	assert_false(run_time_up(r, 1600)); /* exactly ten minutes: still in */
	assert_true(run_time_up(r, 1600.5));
	assert_int_equal(run_minutes_left(r, 1000), 10);
	assert_int_equal(run_minutes_left(r, 1001), 10); /* 9.98: rounded up */
	assert_int_equal(run_minutes_left(r, 1541), 1);
	assert_int_equal(run_minutes_left(r, 1700), 0);
	run_free(r);
	q->time_limit = saved;
}

static void back_changes_the_last_answer(void **state)
{
	struct run *r = assess(1);

	(void)state;
	assert_false(run_back(r));
	say(r, 1);
	assert_int_equal(r->pos, 1);
	assert_true(run_back(r));
	assert_int_equal(r->pos, 0);
	assert_int_equal(run_current(r)->response.value, 1);
	say(r, 5);
	assert_int_equal(r->items[0].response.value, 5);
	assert_int_equal(r->items[0].keyed, 5);
	{
		struct response off = { .value = 9 };
		assert_null(run_answer(r, &off)); /* not on the scale */
	}
	run_free(r);
}

/* The quiz result as text (core/result_text.c), exactly: three of five
 * right, at 80 columns in UTF-8 and at 40 in ASCII. */
static const char result_80[] = "\n"
				"Your result\n"
				"  Score:  60% (3 of 5 points)\n"
				"  Band:   Mid\n"
				"  Passed: not yet (pass mark 80%)\n"
				"\n"
				"b\n"
				"\n"
				"By competency\n"
				"  A  █████████████▍░░░░░░  66%  2 of 3\n"
				"  B  ██████████░░░░░░░░░░  50%  1 of 2\n"
				"\n"
				"To go over (2)\n"
				"   2. P\n"
				"   5. P\n";

static const char result_40[] = "\n"
				"Your result\n"
				"  Score:  60% (3 of 5 points)\n"
				"  Band:   Mid\n"
				"  Passed: not yet (pass mark 80%)\n"
				"\n"
				"b\n"
				"\n"
				"By competency\n"
				"  A  #############.......  66%  2 of 3\n"
				"  B  ##########..........  50%  1 of 2\n"
				"\n"
				"To go over (2)\n"
				"   2. P\n"
				"   5. P\n";

static void quiz_result_text_golden(void **state)
{
	const bool right[] = { 1, 0, 1, 1, 0 };
	struct run *r = quiz("five", 1);
	struct render_opts o;
	struct result res;
	char *text;

	(void)state;
	answer_five(r, right);
	run_result(r, &res);
	render_opts_plain(&o, 80, true);
	text = result_text(r, &res, &o);
	assert_string_equal(text, result_80);
	free(text);
	render_opts_plain(&o, 40, false);
	o.on[STYLE_BAD] = "<bad>";
	o.off = "</>";
	text = result_text(r, &res, &o);
	assert_non_null(
		strstr(text, "Passed: <bad>not yet</> (pass mark 80%)"));
	free(text);
	o.on[STYLE_BAD] = "";
	o.off = "";
	text = result_text(r, &res, &o);
	assert_string_equal(text, result_40);
	free(text);
	result_release(&res);
	run_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quiz_result_text_golden),
		cmocka_unit_test(all_right_is_100),
		cmocka_unit_test(all_wrong_is_0),
		cmocka_unit_test(bands_at_their_edges),
		cmocka_unit_test(subscores_stay_unrounded),
		cmocka_unit_test(skipped_and_unasked_earn_nothing),
		cmocka_unit_test(written_order_without_shuffle),
		cmocka_unit_test(the_seed_fixes_the_run),
		cmocka_unit_test(pools_draw_without_repeats),
		cmocka_unit_test(ordering_is_never_shown_solved),
		cmocka_unit_test(blind_ordering_answers_earn_little),
		cmocka_unit_test(misfit_answers_are_refused),
		cmocka_unit_test(likert_scores_with_reverse_keying),
		cmocka_unit_test(not_applicable_is_left_out),
		cmocka_unit_test(the_same_answer_everywhere_is_flagged),
		cmocka_unit_test(half_the_statements_or_no_score),
		cmocka_unit_test(nothing_answered_scores_nothing),
		cmocka_unit_test(next_actions_follow_the_weakest),
		cmocka_unit_test(back_changes_the_last_answer),
		cmocka_unit_test(the_clock_is_passed_in),
	};
	return cmocka_run_group_tests_name("engine", tests, setup, teardown);
}
