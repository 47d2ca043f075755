/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_stats.c - item statistics on worked examples: the covariance
 * matrix, alpha and the corrected item-total correlation against figures
 * R's psych package gives for the same data (complete and with holes), a
 * constant item, too few answers, and the option counts, thirds and flags
 * of a small quiz built attempt by attempt. */
#include "testlib.h"

#include <math.h>

#include "record.h"
#include "stats.h"

#define EPS 1e-9

/* Six people, three items; the same with three answers missing. */
static const double data[6][3] = {
	{ 1, 2, 1 }, { 2, 3, 2 }, { 3, 3, 4 },
	{ 4, 5, 3 }, { 5, 4, 5 }, { 2, 2, 2 },
};

static struct stats_cov *matrix_of(bool holes)
{
	struct stats_cov *c = stats_cov_new(3);
	size_t p, i;

	for (p = 0; p < 6; p++) {
		size_t idx[3], m = 0;
		double v[3];
		for (i = 0; i < 3; i++) {
			if (holes && ((p == 0 && i == 2) ||
				      (p == 3 && i == 0) || (p == 5 && i == 1)))
				continue;
			idx[m] = i;
			v[m++] = data[p][i];
		}
		stats_cov_add(c, idx, v, m);
	}
	return c;
}

static void complete_matrix_matches_psych(void **state)
{
	struct stats_cov *c = matrix_of(false);
	const char *why = NULL;
	size_t a = 9, b = 9;
	double alpha = 0, r = 0;

	(void)state;
	assert_int_equal(stats_cov_count(c, 0, 2), 6);
	/* psych::alpha(x)$total$raw_alpha */
	assert_true(stats_cov_alpha(c, NULL, &alpha, &why, &a, &b));
	assert_float_equal(alpha, 0.9130434783, 1e-9);
	/* psych::alpha(x)$item.stats$r.drop */
	assert_true(stats_cov_rest_r(c, NULL, 0, &r));
	assert_float_equal(r, 0.9760877280, 1e-9);
	assert_true(stats_cov_rest_r(c, NULL, 1, &r));
	assert_float_equal(r, 0.7338612410, 1e-9);
	assert_true(stats_cov_rest_r(c, NULL, 2, &r));
	assert_float_equal(r, 0.8056292333, 1e-9);
	stats_cov_free(c);
}

static void pairwise_matrix_matches_psych(void **state)
{
	struct stats_cov *c = matrix_of(true);
	const char *why = NULL;
	size_t a = 9, b = 9;
	double alpha = 0, r = 0;

	(void)state;
	/* cov(y, use = "pairwise"): each entry from the rows with both */
	assert_int_equal(stats_cov_count(c, 0, 0), 5);
	assert_int_equal(stats_cov_count(c, 0, 1), 4);
	assert_float_equal(stats_cov_get(c, 0, 0), 2.3, 1e-12);
	assert_float_equal(stats_cov_get(c, 0, 1), 4.0 / 3, 1e-12);
	assert_float_equal(stats_cov_get(c, 1, 0), 4.0 / 3, 1e-12);
	assert_float_equal(stats_cov_get(c, 1, 2), 1.0 / 6, 1e-12);
	assert_float_equal(stats_cov_get(c, 2, 2), 1.7, 1e-12);
	assert_true(stats_cov_alpha(c, NULL, &alpha, &why, &a, &b));
	assert_float_equal(alpha, 0.8536585366, 1e-9);
	/* a pairwise matrix need not be positive definite: psych's r.drop
	 * goes past 1 here, and so does ours */
	assert_true(stats_cov_rest_r(c, NULL, 0, &r));
	assert_float_equal(r, 1.2038585309, 1e-9);
	assert_true(stats_cov_rest_r(c, NULL, 2, &r));
	assert_float_equal(r, 0.6638184883, 1e-9);
	stats_cov_free(c);
}

static void too_few_together_names_the_pair(void **state)
{
	struct stats_cov *c = stats_cov_new(3);
	size_t idx01[2] = { 0, 1 }, idx2[1] = { 2 }, idx02[2] = { 0, 2 };
	double v[2] = { 1, 0 };
	const char *why = NULL;
	size_t a = 9, b = 9, p;
	double alpha = 0;

	(void)state;
	for (p = 0; p < 5; p++) {
		v[0] = (double)(p % 2);
		v[1] = (double)(p % 3 == 0);
		stats_cov_add(c, idx01, v, 2);
		stats_cov_add(c, idx2, v, 1);
	}
	stats_cov_add(c, idx02, v, 2); /* 0 and 2 together once */
	assert_false(stats_cov_alpha(c, NULL, &alpha, &why, &a, &b));
	assert_int_equal(a, 0);
	assert_int_equal(b, 2);
	assert_non_null(strstr(why, "together"));
	/* without item 2 it can be had */
	{
		bool use[3] = { true, true, false };
		assert_true(stats_cov_alpha(c, use, &alpha, &why, &a, &b));
	}
	stats_cov_free(c);
}

static void constant_item_has_no_correlation(void **state)
{
	struct stats_cov *c = stats_cov_new(2);
	size_t idx[2] = { 0, 1 }, p;
	const char *why = NULL;
	size_t a, b;
	double alpha = 0, r = 0;

	(void)state;
	for (p = 0; p < 6; p++) {
		double v[2] = { 1, (double)p };
		stats_cov_add(c, idx, v, 2);
	}
	assert_float_equal(stats_cov_get(c, 0, 0), 0, EPS);
	assert_false(stats_cov_rest_r(c, NULL, 0, &r));
	/* and a rest that is constant gives item 1 none either */
	assert_false(stats_cov_rest_r(c, NULL, 1, &r));
	/* alpha over the one item left is not defined */
	{
		bool use[2] = { false, true };
		assert_false(stats_cov_alpha(c, use, &alpha, &why, &a, &b));
	}
	stats_cov_free(c);
}

/* ---- a quiz, attempt by attempt ---- */

static const char course_xml[] =
	"<course id='t'><title>T</title>"
	"<competency id='c'><name>C</name></competency>"
	"<lesson id='l' competency='c'><title>L</title>"
	"<section><p>x</p></section></lesson>"
	"<quiz id='q' pass='50' shuffle='false'><title>Q</title>"
	"<single-choice id='sc' competency='c'><prompt>Who first?</prompt>"
	"<option id='k' correct='true'><text>The desk</text></option>"
	"<option id='x'><text>Nobody</text></option>"
	"<option id='y'><text>The boss</text></option></single-choice>"
	"<true-false id='tf' competency='c' answer='true'>"
	"<prompt>True?</prompt></true-false>" BANDS_OK "</quiz>"
	"<assessment id='a'><title>A</title><scale>"
	"<point value='1'>Never</point><point value='3'>Always</point>"
	"<point value='0' not-applicable='true'>Hasn't come up</point></scale>"
	"<statement id='s1' competency='c'>I ask.</statement>"
	"<statement id='s2' competency='c' reverse='true'>I "
	"drop.</statement>" BANDS_OK
	"<actions><action competency='c'>Ask.</action></actions>"
	"</assessment></course>";

COURSE_GROUP(course_xml)

static struct record rec;

static void begin(const char *kind, const char *item, const char *status,
		  double score)
{
	static int n;

	memset(&rec, 0, sizeof(rec));
	snprintf(rec.uuid, sizeof(rec.uuid), "00000000-0000-0000-0000-%012d",
		 ++n);
	rec.user = xstrdup("u");
	rec.course = xstrdup("t");
	rec.kind = xstrdup(kind);
	rec.item = xstrdup(item);
	rec.status = xstrdup(status);
	rec.started_ms = 1;
	rec.finished_ms = 2;
	rec.passed = -1;
	rec.straight = -1;
	rec.scored = true;
	rec.score = score;
}

static struct record_answer *answer(const char *item, const char *outcome,
				    const char *response)
{
	struct record_answer *a;

	rec.answers = xrealloc(rec.answers,
			       (rec.n_answers + 1) * sizeof(*rec.answers));
	a = &rec.answers[rec.n_answers++];
	memset(a, 0, sizeof(*a));
	a->position = (int64_t)rec.n_answers - 1;
	a->item = xstrdup(item);
	a->competency = xstrdup("c");
	a->outcome = xstrdup(outcome);
	a->response = response ? xstrdup(response) : NULL;
	return a;
}

static void points(struct record_answer *a, double earned)
{
	a->has_points = true;
	a->credit = earned;
	a->earned = earned;
	a->possible = 1;
}

static void add(struct stats *s)
{
	stats_add(s, &rec);
	record_release(&rec);
}

static const struct stats_item *item_of(const struct stats_activity *a,
					const char *id)
{
	size_t i;

	for (i = 0; i < a->n_items; i++)
		if (strcmp(a->items[i].item->id, id) == 0)
			return &a->items[i];
	fail_msg("no item %s", id);
	return NULL;
}

/* Twelve attempts: the four best chose the key, the four worst chose 'y',
 * the middle four 'x' - and the four best got the true/false wrong. */
static void thirds_options_and_flags(void **state)
{
	struct stats *s = stats_new(course, "q");
	const struct stats_activity *a;
	const struct stats_item *sc, *tf;
	unsigned at = 0;
	int p;

	(void)state;
	for (p = 0; p < 12; p++) {
		bool best = p >= 8, worst = p < 4;
		begin("quiz", "q", "finished", 100.0 * p / 11);
		points(answer("sc", best ? "right" : "wrong",
			      best    ? "[\"k\"]"
			      : worst ? "[\"y\"]"
				      : "[\"x\"]"),
		       best);
		points(answer("tf", best ? "wrong" : "right",
			      best ? "[\"false\"]" : "[\"true\"]"),
		       !best);
		points(answer("gone", "right", "[\"k\"]"), 1); /* not in it */
		add(s);
	}
	begin("quiz", "q", "open", 100); /* unfinished: left out */
	points(answer("sc", "right", "[\"k\"]"), 1);
	add(s);
	begin("review", "q", "finished", 100); /* a review: left out */
	points(answer("sc", "right", "[\"k\"]"), 1);
	add(s);
	stats_finish(s);
	assert_int_equal(s->n_acts, 1);
	a = &s->acts[0];
	assert_int_equal(a->attempts, 12);
	assert_true(a->judged);
	assert_int_equal(a->hist[0], 2); /* 0 and 9.1 */
	assert_int_equal(a->hist[9], 2); /* 90.9 and 100 */
	assert_float_equal(a->median, 50, 1e-9);
	sc = item_of(a, "sc");
	tf = item_of(a, "tf");
	assert_int_equal(sc->n, 12);
	assert_int_equal(sc->n_top, 4);
	assert_int_equal(sc->n_bottom, 4);
	assert_float_equal(sc->facility, 4.0 / 12, EPS);
	assert_true(sc->options[0].key);
	assert_int_equal(sc->options[0].top, 4);
	assert_int_equal(sc->options[0].bottom, 0);
	assert_int_equal(sc->options[2].bottom, 4);
	/* every option chosen, the top third all on the key: only the
	 * negative correlation with its one-item rest is flagged */
	assert_int_equal(sc->flags, STATS_F_NEGATIVE);
	/* the two items are each other's rest, exactly opposed */
	assert_true(sc->has_discrimination && tf->has_discrimination);
	assert_float_equal(sc->discrimination, -1, 1e-9);
	assert_true(tf->flags & STATS_F_NEGATIVE);
	assert_true(tf->flags & STATS_F_TOP_PREFERS);
	assert_string_equal(stats_flag_next(tf->flags, &at),
			    "negative discrimination");
	assert_string_equal(stats_flag_next(tf->flags, &at),
			    "the top third prefers a distractor to the key");
	assert_null(stats_flag_next(tf->flags, &at));
	/* and so their total never varies: there is no alpha to give */
	assert_false(a->rel.has);
	assert_string_equal(a->rel.why, "the total of the items does not vary");
	assert_true(a->rel.kr20);
	assert_false(a->rel.pairwise);
	stats_free(s);
}

static void too_few_answers_give_no_figures(void **state)
{
	struct stats *s = stats_new(course, NULL);
	const struct stats_activity *a;
	int p;

	(void)state;
	for (p = 0; p < STATS_MIN_ATTEMPTS - 1; p++) {
		begin("quiz", "q", "finished", 50);
		points(answer("sc", "right", "[\"k\"]"), 1);
		points(answer("tf", p % 2 ? "right" : "wrong", "[\"true\"]"),
		       p % 2);
		add(s);
	}
	stats_finish(s);
	assert_int_equal(s->n_acts, 2);
	a = &s->acts[0];
	assert_false(a->judged);
	assert_false(a->rel.has);
	assert_string_equal(a->rel.why, "too few attempts");
	assert_false(item_of(a, "sc")->judged);
	assert_int_equal(item_of(a, "sc")->flags, 0);
	assert_int_equal(s->acts[1].attempts, 0);
	stats_free(s);
}

/* Statements: keyed answers count, "hasn't come up" is counted apart, and
 * a competency's scores give its mean. */
static void statements_use_keyed_answers(void **state)
{
	struct stats *s = stats_new(course, "a");
	const struct stats_activity *a;
	const struct stats_item *s1, *s2;
	int p;

	(void)state;
	for (p = 0; p < 12; p++) {
		struct record_answer *x;
		begin("assessment", "a", "finished", 0);
		rec.scores = xcalloc(1, sizeof(*rec.scores));
		rec.n_scores = 1;
		rec.scores[0].competency = xstrdup("c");
		rec.scores[0].scored = true;
		rec.scores[0].score = 10.0 * p;
		x = answer("s1", "answered", "1");
		x->has_keyed = true;
		x->keyed = 1 + p % 3;
		if (p < 2) {
			answer("s2", "not-applicable", "0");
		} else {
			x = answer("s2", "answered", "1");
			x->has_keyed = true;
			x->keyed = 1 + p % 3; /* after its reverse key */
		}
		add(s);
	}
	stats_finish(s);
	a = &s->acts[0];
	s1 = item_of(a, "s1");
	s2 = item_of(a, "s2");
	assert_int_equal(s1->n, 12);
	assert_int_equal(s2->n, 10);
	assert_int_equal(s2->not_applicable, 2);
	assert_float_equal(s1->mean, 2, EPS);
	assert_float_equal(s1->facility, 0.5, EPS);
	assert_int_equal(a->n_comps, 1);
	assert_float_equal(a->comps[0].mean, 55, EPS);
	/* s1 is 1, 2, 3 four times: variance 8/11 over twelve; s2 is the same
	 * but for the first two, variance and covariance 23/30 over ten.
	 * Pairwise, alpha = 2 (1 - (8/11 + 23/30) / (8/11 + 3 * 23/30)),
	 * a little over 1 - which is what a pairwise matrix can do. */
	assert_true(a->comps[0].rel.has);
	assert_true(a->comps[0].rel.pairwise);
	assert_float_equal(
		a->comps[0].rel.alpha,
		2 * (1 - (8.0 / 11 + 23.0 / 30) / (8.0 / 11 + 3 * 23.0 / 30)),
		1e-9);
	assert_float_equal(s1->discrimination, sqrt((23.0 / 30) / (8.0 / 11)),
			   1e-9);
	stats_free(s);
}

/* A quiz of more items than the matrix is made for: no alpha, and why;
 * and on complete data the rest-share correlation is the matrix's own. */
static void past_the_matrix_discrimination_still_given(void **state)
{
	enum { K = STATS_MAX_MATRIX + 1, PEOPLE = 12 };
	struct strbuf xml = { 0 };
	struct stats_cov *cov = stats_cov_new(K);
	struct course *big;
	struct stats *s;
	const struct stats_activity *a;
	size_t idx[K], p, q;
	double val[K], r = 0;

	(void)state;
	strbuf_adds(&xml, "<course id='t'><title>T</title>"
			  "<competency id='c'><name>C</name></competency>"
			  "<lesson id='l' competency='c'><title>L</title>"
			  "<section><p>x</p></section></lesson>"
			  "<quiz id='q' pass='50'><title>Q</title>");
	for (q = 0; q < K; q++)
		strbuf_addf(&xml,
			    "<true-false id='t%zu' competency='c' "
			    "answer='true'><prompt>P</prompt></true-false>",
			    q);
	strbuf_adds(&xml, BANDS_OK
		    "</quiz>"
		    "<assessment id='a'><title>A</title><scale>"
		    "<point value='1'>N</point><point value='2'>Y</point>"
		    "</scale><statement id='s' "
		    "competency='c'>I.</statement>" BANDS_OK
		    "<actions><action competency='c'>Do.</action>"
		    "</actions></assessment></course>");
	big = test_course(xml.buf);
	assert_non_null(big);
	s = stats_new(big, "q");
	for (p = 0; p < PEOPLE; p++) {
		size_t right = 0;
		for (q = 0; q < K; q++)
			right += (p * (q % 7 + 1) + q) % 4 < 2;
		begin("quiz", "q", "finished", 100.0 * (double)right / K);
		for (q = 0; q < K; q++) {
			char id[16];
			bool ok = (p * (q % 7 + 1) + q) % 4 < 2;
			snprintf(id, sizeof(id), "t%zu", q);
			points(answer(id, ok ? "right" : "wrong",
				      ok ? "[\"true\"]" : "[\"false\"]"),
			       ok);
			idx[q] = q;
			val[q] = ok;
		}
		stats_cov_add(cov, idx, val, K);
		add(s);
	}
	stats_finish(s);
	a = &s->acts[0];
	assert_false(a->rel.has);
	assert_non_null(strstr(a->rel.why, "too many items"));
	assert_true(a->items[0].has_discrimination);
	assert_true(stats_cov_rest_r(cov, NULL, 0, &r));
	assert_float_equal(a->items[0].discrimination, r, 1e-9);
	stats_free(s);
	stats_cov_free(cov);
	course_free(big);
	strbuf_release(&xml);
}

int main(void)
{
	const struct CMUnitTest cov[] = {
		cmocka_unit_test(complete_matrix_matches_psych),
		cmocka_unit_test(pairwise_matrix_matches_psych),
		cmocka_unit_test(too_few_together_names_the_pair),
		cmocka_unit_test(constant_item_has_no_correlation),
	};
	const struct CMUnitTest records[] = {
		cmocka_unit_test(thirds_options_and_flags),
		cmocka_unit_test(too_few_answers_give_no_figures),
		cmocka_unit_test(statements_use_keyed_answers),
		cmocka_unit_test(past_the_matrix_discrimination_still_given),
	};
	int failed = cmocka_run_group_tests_name("covariance", cov, NULL, NULL);

	return failed +
	       cmocka_run_group_tests_name("records", records, setup, teardown);
}
