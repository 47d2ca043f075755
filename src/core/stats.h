/* SPDX-License-Identifier: GPL-3.0-or-later */
/* stats.h - item statistics for trainers: how each question, statement
 * and scenario behaved in the attempts people finished, and how reliable
 * each quiz, exercise and self-assessment competency is as a measure.
 * Pure: records in (struct record, as the store and a merge give them),
 * figures out; no database, no output.
 *
 * The figures, for every item with at least STATS_MIN_ATTEMPTS answers:
 * - facility: the points earned over the points possible (a statement:
 *   the mean keyed answer on the scale, reverse keys applied);
 * - sd: the standard deviation of the item's score as a share of its
 *   points (n - 1 in the denominator);
 * - discrimination: the correlation of the item with the rest of the test
 *   (the corrected item-total correlation, psych's r.drop), taken from the
 *   covariance matrix below;
 * - for options: the share of answers that chose each, overall and in the
 *   top and bottom thirds of the attempts by their score.
 * And for a quiz, an exercise and each competency of a self-assessment:
 * Cronbach's alpha, (1 - trace(C) / sum(C)) * k / (k - 1), over the k
 * items' covariance matrix C, with the standard error of measurement.
 *
 * Pools give people different questions, so the attempts-by-items matrix
 * has holes. C is therefore made of pairwise covariances: each entry from
 * the attempts that answered both items (each variance from the attempts
 * that answered the item), as R's cov(use = "pairwise") and psych's alpha
 * do. Every pair of items must have been answered together at least
 * STATS_MIN_PAIR times, or alpha is not given and the reason says which
 * pair fell short. An item everyone scored the same on is left out of
 * alpha (as psych leaves it out), since it would only add to k. With no holes
 * this is the usual alpha (KR-20 when every item is scored right or wrong). */
#ifndef RAPPORT_STATS_H
#define RAPPORT_STATS_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "record.h"

/* Fewer answers than this and an item's figures mean nothing: they are
 * not given, and the output says how many there are. A test's alpha
 * needs as many attempts. */
#define STATS_MIN_ATTEMPTS 10
/* Past this many items in one quiz, exercise or self-assessment the
 * covariance matrix (its triangle, 48 bytes a cell) is not made: alpha is
 * not given, and discrimination is each item's correlation with the share
 * of the points its attempt earned on the rest. */
#define STATS_MAX_MATRIX 500
/* Attempts that answered both of two items, for their covariance. */
#define STATS_MIN_PAIR 3

/* Where the flags draw their lines. */
#define STATS_EASY 0.90 /* facility above: too easy */
#define STATS_HARD 0.20 /* facility below: too hard */
#define STATS_FLAT 0.20 /* discrimination below: not discriminating */

/* ---- the covariance matrix, on its own ---- */

/* Pairwise sums over k items: each person (row) adds the items they
 * answered. */
struct stats_cov;
struct stats_cov *stats_cov_new(size_t k);
void stats_cov_free(struct stats_cov *c);
/* One row: m items, their indexes and values. */
void stats_cov_add(struct stats_cov *c, const size_t *items,
		   const double *values, size_t m);
size_t stats_cov_count(const struct stats_cov *c, size_t i, size_t j);
/* The covariance of items i and j (the variance when i == j) from the
 * rows that have both, or NAN with fewer than 2 such rows. */
double stats_cov_get(const struct stats_cov *c, size_t i, size_t j);
/* Cronbach's alpha over the items whose use[] is true (all when use is
 * NULL). False, with *why (a static string) and the pair (*a, *b) that
 * fell short when that is the reason, when it cannot be had. */
bool stats_cov_alpha(const struct stats_cov *c, const bool *use, double *alpha,
		     const char **why, size_t *a, size_t *b);
/* The same for every item at once, in r (NAN where there is none, has[i]
 * false): k * k steps, where one at a time takes that for each. */
void stats_cov_rest_all(const struct stats_cov *c, const bool *use, double *r,
			bool *has);
/* The corrected item-total correlation of item i among the used items:
 * (sum of row i but C[i][i]) / sqrt(C[i][i] * the sum of C without i).
 * False when it is undefined (a constant item, or a constant rest). */
bool stats_cov_rest_r(const struct stats_cov *c, const bool *use, size_t i,
		      double *r);

/* ---- statistics of a course's activities ---- */

enum stats_flags {
	STATS_F_EASY = 1 << 0,	      /* facility above STATS_EASY */
	STATS_F_HARD = 1 << 1,	      /* facility below STATS_HARD */
	STATS_F_FLAT = 1 << 2,	      /* discrimination below STATS_FLAT */
	STATS_F_NEGATIVE = 1 << 3,    /* discrimination below 0 */
	STATS_F_CONSTANT = 1 << 4,    /* everyone scored the same */
	STATS_F_UNPICKED = 1 << 5,    /* a distractor nobody chose */
	STATS_F_TOP_PREFERS = 1 << 6, /* the top third chose a distractor
					 more often than the key */
};

struct stats_option {
	const struct choice *choice;
	bool key;		   /* the correct option, the best weighted one,
				      or (multiple response) one that earns */
	size_t picks, top, bottom; /* answers choosing it */
};

struct stats_item {
	const struct item *item; /* question, statement or scenario */
	const char *competency;	 /* its id, may be NULL */
	size_t n;		 /* answers that count */
	size_t not_applicable;	 /* statements: "hasn't come up" */
	size_t n_top, n_bottom;	 /* of n, in the top and bottom thirds */
	bool judged;		 /* n >= STATS_MIN_ATTEMPTS */
	double facility, sd;	 /* when judged */
	double mean;		 /* statements: the mean keyed answer */
	bool has_discrimination;
	double discrimination;
	struct stats_option *options; /* choice questions and scenarios */
	size_t n_options;
	unsigned flags; /* enum stats_flags, when judged */
	/* where the figures come from, while records arrive */
	double sum, sum_sq, earned, possible;
	bool dichotomous; /* every score 0 or all of the points */
};

struct stats_reliability {
	bool has;
	double alpha;
	bool kr20;	 /* every item right or wrong: alpha is KR-20 */
	bool pairwise;	 /* the matrix had holes (pools) */
	size_t items;	 /* items it is over */
	size_t constant; /* answered items left out: everyone scored the
			    same, so they tell nobody apart */
	double sem;	 /* standard error of measurement, in points of
			    the score (0..100) */
	const char *why; /* when not has: a static string */
	const struct item *short_a, *short_b; /* the pair that fell short */
};

struct stats_competency {
	const struct competency *competency;
	size_t n; /* attempts that scored it */
	bool judged;
	double mean, sd; /* of the competency score, 0..100 */
	struct stats_reliability rel;
};

struct stats_activity {
	const struct item *item; /* a quiz, assessment or exercise */
	const char *kind;	 /* "quiz", "assessment", "exercise" */
	size_t attempts;	 /* finished, with a score */
	bool judged;
	double mean, sd, median, min, max; /* of the scores, 0..100 */
	size_t hist[10];		   /* scores by tens; 100 in the last */
	struct stats_reliability rel;	   /* quizzes and exercises */
	struct stats_item *items; /* in the order the course has them */
	size_t n_items;
	struct stats_competency *comps; /* assessments: per competency */
	size_t n_comps;
	struct stats_work *work; /* what stats_finish() works from */
};

struct stats {
	const struct course *course;
	struct stats_activity *acts; /* quizzes, assessments, exercises */
	size_t n_acts;
	size_t records; /* finished attempts taken in */
};

/* Statistics of every quiz, self-assessment and exercise of c, or of the
 * one called only (NULL: all). */
struct stats *stats_new(const struct course *c, const char *only);
/* Takes one attempt into account: a finished one of an activity above. */
void stats_add(struct stats *s, const struct record *r);
/* Works out the figures once every record is in. */
void stats_finish(struct stats *s);
void stats_free(struct stats *s);

/* "Reliability: KR-20 0.78 over 36 questions, ..." or why it is not
 * given, for attempts finished attempts; noun names the items
 * ("questions"), sep goes between clauses. Caller frees. */
char *stats_reliability_text(const struct stats_reliability *rel,
			     size_t attempts, const char *noun,
			     const char *sep);

/* The names of flags joined with "; " ("too easy; a distractor nobody
 * chose") appended to sb, as the text and HTML reports show them. */
void stats_flags_text(struct strbuf *sb, unsigned flags);

/* The flags' names, one at a time, in order: "too easy", ... NULL after
 * the last. *at starts at 0. */
const char *stats_flag_next(unsigned flags, unsigned *at);

#endif
