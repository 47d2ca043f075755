/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_score.c - every scoring rule on worked examples. */
#include "testlib.h"

#include "score.h"

static struct question *q_with(enum question_type t, const double *credits,
			       size_t n)
{
	static struct choice ch[8];
	static struct question q;
	size_t i;

	memset(&q, 0, sizeof(q));
	memset(ch, 0, sizeof(ch));
	q.type = t;
	q.points = 1;
	q.choices = ch;
	q.n_choices = n;
	for (i = 0; i < n; i++)
		ch[i].credit = credits[i];
	return &q;
}

#define PICKS(...)                                                             \
	((size_t[]){ __VA_ARGS__ }),                                           \
		(sizeof((size_t[]){ __VA_ARGS__ }) / sizeof(size_t))
#define near(a, b) assert_true(fabs((a) - (b)) < 1e-9)

#include <math.h>

static void single_choice_is_all_or_nothing(void **state)
{
	const double c[] = { 0, 100, 0 };
	struct question *q = q_with(Q_SINGLE, c, 3);

	(void)state;
	near(score_choices(q, PICKS(1)), 1);
	near(score_choices(q, PICKS(0)), 0);
	near(score_choices(q, PICKS(0, 1)), 0); /* two picks: not an answer */
	near(score_choices(q, NULL, 0), 0);
	near(score_choices(q, PICKS(7)), 0);
}

static void multiple_response_sums_and_clamps(void **state)
{
	const double c[] = { 50, 50, -50, 0 };
	const double thirds[] = { 33.33, 33.33, 33.33, -100 };
	struct question *q = q_with(Q_MULTIPLE, c, 4);

	(void)state;
	near(score_choices(q, PICKS(0)), 0.5);
	near(score_choices(q, PICKS(0, 1)), 1);
	near(score_choices(q, PICKS(1, 0)), 1);
	near(score_choices(q, PICKS(0, 1, 2)), 0.5);
	near(score_choices(q, PICKS(0, 2)), 0);
	near(score_choices(q, PICKS(2)), 0); /* -50 is clamped to 0 */
	near(score_choices(q, PICKS(2, 3)), 0);
	near(score_choices(q, PICKS(0, 0)), 0.5); /* a pick counts once */
	q = q_with(Q_MULTIPLE, thirds, 4);
	near(score_choices(q, PICKS(0, 1, 2)), 1); /* 99.99 is full marks */
	near(score_choices(q, PICKS(0, 1)), 0.6666);
	near(score_choices(q, PICKS(0, 1, 2, 3)), 0);
}

static void judgement_earns_the_weight(void **state)
{
	const double c[] = { 100, 60, 30, 0 };
	struct question *q = q_with(Q_JUDGEMENT, c, 4);

	(void)state;
	near(score_choices(q, PICKS(0)), 1);
	near(score_choices(q, PICKS(1)), 0.6);
	near(score_choices(q, PICKS(2)), 0.3);
	near(score_choices(q, PICKS(3)), 0);
}

static void ordering_loses_credit_by_distance(void **state)
{
	const double c[] = { 100, 100, 100, 100 };
	struct question *q = q_with(Q_ORDERING, c, 4);

	(void)state;
	near(score_ordering(q, PICKS(0, 1, 2, 3)), 1);
	/* reversed: places off 3 + 1 + 1 + 3 = 8, the most four can be */
	assert_int_equal(score_ordering_farthest(4), 8);
	near(score_ordering(q, PICKS(3, 2, 1, 0)), 0);
	/* one neighbour swap: 2 of 8 */
	near(score_ordering(q, PICKS(1, 0, 2, 3)), 0.75);
	/* first to last: 3 + 1 + 1 + 1 = 6 of 8 */
	near(score_ordering(q, PICKS(1, 2, 3, 0)), 0.25);
	/* two pairs swapped far: 2 + 2 + 2 + 2, as far as reversed */
	near(score_ordering(q, PICKS(2, 3, 0, 1)), 0);
	near(score_ordering(q, PICKS(0, 1, 2)), 0);    /* incomplete */
	near(score_ordering(q, PICKS(0, 0, 1, 2)), 0); /* repeated */
	q = q_with(Q_ORDERING, c, 2);
	near(score_ordering(q, PICKS(1, 0)), 0);
	near(score_ordering(q, PICKS(0, 1)), 1);
	/* five: the farthest is 12 (4 + 2 + 0 + 2 + 4) */
	assert_int_equal(score_ordering_farthest(5), 12);
	assert_int_equal(score_ordering_farthest(3), 4);
}

static void short_answer_variants_pattern_keywords(void **state)
{
	const char *accept[] = { "goodwill", "good will" };
	const char *keywords[] = { "trust", "time", "thanks" };
	struct question q;

	(void)state;
	memset(&q, 0, sizeof(q));
	q.type = Q_SHORT;
	q.points = 1;
	q.accept = accept;
	q.n_accept = 2;
	near(score_short(&q, "goodwill"), 1);
	near(score_short(&q, "  GOOD    Will. "), 1);
	near(score_short(&q, "Goodwill!"), 1);
	near(score_short(&q, "good-will"), 0);
	near(score_short(&q, ""), 0);
	near(score_short(&q, "   "), 0);
	q.pattern = "good[- ]?will|gw";
	near(score_short(&q, "Good-Will"), 1);
	near(score_short(&q, "gw."), 1);
	near(score_short(&q, "not goodwill"), 0); /* the whole answer */
	q.pattern = NULL;
	q.keywords = keywords;
	q.n_keywords = 3;
	q.min_keywords = 2;
	near(score_short(&q, "Trust takes time"), 1);
	near(score_short(&q, "trust"), 0);
	near(score_short(&q, "trusting timely"), 0); /* whole words only */
	near(score_short(&q, "thanks, trust"), 1);
}

static void normalizes_for_comparison(void **state)
{
	char *s;

	(void)state;
	s = score_normalize("  Good \t  Will?! ");
	assert_string_equal(s, "good will");
	free(s);
	s = score_normalize("ÉCOLE Œuvre ŁÓDŹ");
	assert_string_equal(s, "école œuvre łódź");
	free(s);
	s = score_normalize("...");
	assert_string_equal(s, "");
	free(s);
}

static void likert_reverse_keying(void **state)
{
	struct scale_point p5[] = { { 1, "N", { 0 }, false },
				    { 2, "R", { 0 }, false },
				    { 3, "S", { 0 }, false },
				    { 4, "O", { 0 }, false },
				    { 5, "A", { 0 }, false } };
	struct scale_point p0[] = { { 0, "a", { 0 }, false },
				    { 3, "d", { 0 }, false },
				    { 1, "b", { 0 }, false },
				    { 2, "c", { 0 }, false } };
	/* a not-applicable point is on the scale, but not in its range */
	struct scale_point pn[] = { { 1, "N", { 0 }, false },
				    { 5, "A", { 0 }, false },
				    { 9, "Hasn't come up", { 0 }, true } };
	struct scale s5 = { p5, 5, { 0 } }, s0 = { p0, 4, { 0 } },
		     sn = { pn, 3, { 0 } };
	int lo, hi;

	(void)state;
	assert_int_equal(likert_keyed(&s5, false, 2), 2);
	assert_int_equal(likert_keyed(&s5, true, 2), 4);
	assert_int_equal(likert_keyed(&s5, true, 5), 1);
	assert_int_equal(likert_keyed(&s0, true, 0), 3);
	scale_range(&s0, &lo, &hi);
	assert_int_equal(lo, 0);
	assert_int_equal(hi, 3);
	assert_true(scale_has(&s0, 2));
	assert_false(scale_has(&s0, 4));
	scale_range(&sn, &lo, &hi);
	assert_int_equal(lo, 1);
	assert_int_equal(hi, 5);
	assert_true(scale_has(&sn, 9));
	assert_true(scale_not_applicable(&sn, 9));
	assert_false(scale_not_applicable(&sn, 5));
	assert_int_equal(likert_keyed(&sn, true, 1), 5);
}

/* A whole percent for display: rounded down, and held in range, so that
 * a stored 1e308 (merged by an older rapport) shows as 100, never as
 * the -2147483648 an unchecked cast gave. */
static void percent_rounds_down_and_stays_in_range(void **state)
{
	(void)state;
	assert_int_equal(score_percent(79.6), 79);
	assert_int_equal(score_percent(80 - 1e-12), 80);
	assert_int_equal(score_percent(0), 0);
	assert_int_equal(score_percent(100), 100);
	assert_int_equal(score_percent(1e308), 100);
	assert_int_equal(score_percent(1000), 100);
	assert_int_equal(score_percent(-50), -50);
	assert_int_equal(score_percent(-1e308), -100);
	assert_int_equal(score_percent(NAN), 0);
	assert_int_equal(score_percent(INFINITY), 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(single_choice_is_all_or_nothing),
		cmocka_unit_test(multiple_response_sums_and_clamps),
		cmocka_unit_test(judgement_earns_the_weight),
		cmocka_unit_test(ordering_loses_credit_by_distance),
		cmocka_unit_test(short_answer_variants_pattern_keywords),
		cmocka_unit_test(normalizes_for_comparison),
		cmocka_unit_test(likert_reverse_keying),
		cmocka_unit_test(percent_rounds_down_and_stays_in_range),
	};
	return cmocka_run_group_tests_name("score", tests, NULL, NULL);
}
