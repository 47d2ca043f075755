/* SPDX-License-Identifier: GPL-3.0-or-later */
/* guess.c - test-wise guessers run through the engine (guess.h). */
#include "guess.h"

#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "itemcheck.h"
#include "rng.h"

const char *guess_name(enum guess_strategy s)
{
	static const char *const names[GUESS_COUNT] = {
		[GUESS_RANDOM] = "random guessing",
		[GUESS_LONGEST] = "longest option",
		[GUESS_SHORTEST] = "shortest option",
		[GUESS_CLAUSES] = "most clauses",
		[GUESS_FALSE] = "always false",
		[GUESS_TRUE] = "always true",
		[GUESS_LONG_SET] = "choose-all by length",
		[GUESS_AS_SHOWN] = "orderings as shown",
		[GUESS_ALL_CUES] = "all cues at once",
	};

	return s < GUESS_COUNT ? names[s] : "?";
}

/* Clauses in an option: one, and one more for each comma, semicolon,
 * colon, dash and " and " / " then " / " but ". */
static size_t clauses(const char *s)
{
	static const char *const joins[] = { " and ", " then ", " but ", NULL };
	size_t n = 1, i;
	const char *p;

	for (p = s; p && *p; p++)
		n += *p == ',' || *p == ';' || *p == ':' ||
		     (*p == '-' && p[1] == ' ');
	for (i = 0; joins[i]; i++)
		for (p = s; p && (p = strstr(p, joins[i])); p++)
			n++;
	return n;
}

/* The shown option (an index into it->order) with the most of measure,
 * or the least; ties go to chance. */
static size_t pick_by(const struct run_item *it, struct rng *rng,
		      size_t (*measure)(const char *), bool least)
{
	size_t k, best = 0, ties = 0, best_m = 0;

	for (k = 0; k < it->n_order; k++) {
		size_t m = measure(it->question->choices[it->order[k]].text);
		if (k == 0 || (least ? m < best_m : m > best_m)) {
			best_m = m;
			best = k;
			ties = 1;
		} else if (m == best_m && rng_below(rng, ++ties) == 0) {
			best = k; /* each of the tied equally likely */
		}
	}
	return best;
}

static size_t one_at_random(const struct run_item *it, struct rng *rng)
{
	return rng_below(rng, it->n_order);
}

/* A response picking the shown options set[0..n). */
static void respond(const struct run_item *it, struct response *r,
		    const size_t *shown, size_t n)
{
	size_t k;

	r->picks = xcalloc(n ? n : 1, sizeof(*r->picks));
	for (k = 0; k < n; k++)
		r->picks[k] = it->order[shown[k]];
	r->n_picks = n;
}

/* What strategy s gives for item it; false to skip it. */
static bool answer(enum guess_strategy s, const struct run_item *it,
		   struct rng *rng, struct response *r)
{
	const struct question *q = it->question;
	bool cues = s == GUESS_ALL_CUES;
	size_t k, pick, *set, n = 0;

	memset(r, 0, sizeof(*r));
	if (!q || q->type == Q_SHORT || it->n_order == 0)
		return false;
	switch (q->type) {
	case Q_SINGLE:
	case Q_JUDGEMENT:
		pick = s == GUESS_LONGEST || cues
			       ? pick_by(it, rng, itemcheck_length, false)
		       : s == GUESS_SHORTEST
			       ? pick_by(it, rng, itemcheck_length, true)
		       : s == GUESS_CLAUSES ? pick_by(it, rng, clauses, false)
					    : one_at_random(it, rng);
		respond(it, r, &pick, 1);
		return true;
	case Q_TRUEFALSE:
		for (pick = 0; pick < it->n_order; pick++) {
			const char *id = q->choices[it->order[pick]].id;
			if ((s == GUESS_FALSE || cues) &&
			    strcmp(id, "false") == 0)
				break;
			if (s == GUESS_TRUE && strcmp(id, "true") == 0)
				break;
		}
		if (pick == it->n_order)
			pick = one_at_random(it, rng);
		respond(it, r, &pick, 1);
		return true;
	case Q_MULTIPLE:
		set = xcalloc(it->n_order, sizeof(*set));
		if (s == GUESS_LONG_SET || cues) {
			double mean = 0;
			for (k = 0; k < it->n_order; k++)
				mean += (double)itemcheck_length(
					q->choices[it->order[k]].text);
			mean /= (double)it->n_order;
			for (k = 0; k < it->n_order; k++)
				if ((double)itemcheck_length(
					    q->choices[it->order[k]].text) >
				    mean)
					set[n++] = k;
		} else {
			for (k = 0; k < it->n_order; k++)
				if (rng_below(rng, 2))
					set[n++] = k;
		}
		if (n == 0) /* one option at the least, or it is no answer */
			set[n++] = one_at_random(it, rng);
		respond(it, r, set, n);
		free(set);
		return true;
	case Q_ORDERING:
		set = xcalloc(it->n_order, sizeof(*set));
		for (k = 0; k < it->n_order; k++)
			set[k] = k;
		if (s != GUESS_AS_SHOWN && !cues)
			rng_shuffle(rng, set, it->n_order);
		respond(it, r, set, it->n_order);
		free(set);
		return true;
	default:
		return false;
	}
}

void guess_run(const struct course *c, const struct quiz *q,
	       const struct exercise *e, enum guess_strategy s, size_t runs,
	       struct guess_result *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 1; i <= runs; i++) {
		struct run *r =
			q ? run_new_quiz(c, q, i) : run_new_exercise(c, e, i);
		struct run_item *it;
		struct result res;
		struct rng rng;

		/* the strategy's own chances, apart from the run's */
		rng_init(&rng, i * 7919 + (uint64_t)s);
		while ((it = run_current(r))) {
			struct response resp;
			if (!answer(s, it, &rng, &resp) ||
			    !run_answer(r, &resp)) {
				response_release(&resp);
				run_skip(r);
			}
		}
		run_result(r, &res);
		if (res.scored) {
			out->mean += res.score;
			if (out->runs == 0 || res.score < out->low)
				out->low = res.score;
			if (out->runs == 0 || res.score > out->high)
				out->high = res.score;
			out->passes += q && res.passed;
			out->runs++;
		}
		result_release(&res);
		run_free(r);
	}
	if (out->runs)
		out->mean /= (double)out->runs;
}
