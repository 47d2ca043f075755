/* SPDX-License-Identifier: GPL-3.0-or-later */
/* engine.c - a run (a quiz, self-assessment, exercise or review) as a
 * state machine: starting it, answering, the clock. Resuming one is
 * engine_restore.c's, its result engine_result.c's. */
#include "engine.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "score.h"
#include "engine_int.h"
#include "util.h"

const char *run_kind_name(enum run_kind kind)
{
	switch (kind) {
	case RUN_QUIZ:
		return "quiz";
	case RUN_ASSESSMENT:
		return "assessment";
	case RUN_EXERCISE:
		return "exercise";
	default:
		return "review";
	}
}

const char *outcome_name(enum outcome o)
{
	switch (o) {
	case OUTCOME_RIGHT:
		return "right";
	case OUTCOME_PARTIAL:
		return "partial";
	case OUTCOME_WRONG:
		return "wrong";
	case OUTCOME_SKIPPED:
		return "skipped";
	case OUTCOME_ANSWERED:
		return "answered";
	case OUTCOME_NOT_APPLICABLE:
		return "not-applicable";
	default:
		return "not asked";
	}
}

/* ---- starting a run ---- */

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

static bool already_in(const struct question **v, size_t n,
		       const struct question *q)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] == q)
			return true;
	return false;
}

/* The questions of one pool (its own, then its bank's), without any
 * already chosen. Caller frees. */
static const struct question **pool_candidates(const struct pool *p,
					       const struct question **chosen,
					       size_t n_chosen, size_t *count)
{
	const struct bank *b = p->bank.target;
	size_t cap = p->n_questions + (b ? b->n_questions : 0), n = 0, i;
	const struct question **v = xcalloc(cap ? cap : 1, sizeof(*v));

	for (i = 0; i < p->n_questions; i++)
		if (!already_in(chosen, n_chosen, p->questions[i]) &&
		    !already_in(v, n, p->questions[i]))
			v[n++] = p->questions[i];
	for (i = 0; b && i < b->n_questions; i++)
		if (!already_in(chosen, n_chosen, b->questions[i]) &&
		    !already_in(v, n, b->questions[i]))
			v[n++] = b->questions[i];
	*count = n;
	return v;
}

/* Draws each pool's questions, keeping the written order within a pool,
 * then shuffles the whole when the quiz says so. Caller frees. */
static const struct question **choose_questions(const struct quiz *quiz,
						struct rng *rng, size_t *count)
{
	const struct question **chosen = NULL;
	size_t n = 0, cap = 0, i, j;

	for (i = 0; i < quiz->n_pools; i++) {
		const struct pool *p = quiz->pools[i];
		size_t nc, take, *idx;
		const struct question **cand =
			pool_candidates(p, chosen, n, &nc);
		void *grow = chosen;

		take = p->draw && p->draw < nc ? p->draw : nc;
		idx = xcalloc(nc ? nc : 1, sizeof(*idx));
		for (j = 0; j < nc; j++)
			idx[j] = j;
		if (take < nc) {
			/* a partial Fisher-Yates: the first take are drawn */
			for (j = 0; j < take; j++) {
				size_t k = j + rng_below(rng, nc - j),
				       t = idx[j];
				idx[j] = idx[k];
				idx[k] = t;
			}
			sort_array(idx, take, sizeof(*idx), cmp_size);
		}
		xgrow(&grow, &cap, n + take, sizeof(*chosen));
		chosen = grow;
		for (j = 0; j < take; j++)
			chosen[n++] = cand[idx[j]];
		free(idx);
		free(cand);
	}
	if (quiz->shuffle && n > 1) {
		size_t *perm = xcalloc(n, sizeof(*perm));
		const struct question **copy = xcalloc(n, sizeof(*copy));
		for (j = 0; j < n; j++)
			perm[j] = j;
		rng_shuffle(rng, perm, n);
		for (j = 0; j < n; j++)
			copy[j] = chosen[perm[j]];
		free(chosen);
		free(perm);
		chosen = copy;
	}
	*count = n;
	return chosen;
}

/* The order the choices of q are shown in. */
static void order_choices(struct run_item *it, struct rng *rng)
{
	const struct question *q = it->question;
	size_t i;

	if (q->type == Q_SHORT)
		return;
	it->n_order = q->n_choices;
	it->order = xcalloc(q->n_choices ? q->n_choices : 1, sizeof(size_t));
	for (i = 0; i < q->n_choices; i++)
		it->order[i] = i;
	if (q->type == Q_ORDERING) {
		bool same = true, reversed = it->n_order >= 3;
		rng_shuffle(rng, it->order, it->n_order);
		for (i = 0; i < it->n_order; i++) {
			same = same && it->order[i] == i;
			reversed =
				reversed && it->order[i] == it->n_order - 1 - i;
		}
		if ((same || reversed) && it->n_order >= 2) {
			/* never show an ordering in the right order, nor (from
			 * three items on) reversed, which would turn it right
			 * with one blind flip; the first two swapped are
			 * neither */
			size_t t = it->order[0];
			it->order[0] = it->order[1];
			it->order[1] = t;
		}
	} else if (q->shuffle && q->type != Q_TRUEFALSE) {
		rng_shuffle(rng, it->order, it->n_order);
	}
}

void run_ordering_blind(size_t n, double *untouched, double *reversed)
{
	double all, shown, far;
	size_t k, fact;

	if (n < 2) {
		*untouched = *reversed = 1;
		return;
	}
	if (n == 2) { /* only ever shown swapped */
		*untouched = 0;
		*reversed = 1;
		return;
	}
	/* every order but the right one and the reversed is shown, equally
	 * often, and the set is its own reverse: both blind answers earn the
	 * mean credit of its orders. Over all n! orders the places off add
	 * up to n! (n^2 - 1) / 3; the right order has 0, the reversed the
	 * most, score_ordering_farthest(n). n! is capped where the ratio no
	 * longer moves. */
	far = (double)score_ordering_farthest(n);
	for (fact = 1, k = 2; k <= n && fact < 1000000000; k++)
		fact *= k;
	all = (double)fact * (double)(n * n - 1) / 3.0;
	shown = (all - far) / (double)(fact - 2);
	*untouched = *reversed = 1.0 - shown / far;
}

struct run *run_new_quiz(const struct course *c, const struct quiz *q,
			 uint64_t seed)
{
	struct run *r = xcalloc(1, sizeof(*r));
	const struct question **chosen;
	struct rng rng;
	size_t i;

	rng_init(&rng, seed);
	r->kind = RUN_QUIZ;
	r->course = c;
	r->quiz = q;
	r->seed = seed;
	chosen = choose_questions(q, &rng, &r->n_items);
	r->items = xcalloc(r->n_items ? r->n_items : 1, sizeof(*r->items));
	for (i = 0; i < r->n_items; i++) {
		r->items[i].question = chosen[i];
		r->items[i].possible = chosen[i]->points;
		order_choices(&r->items[i], &rng);
	}
	free(chosen);
	return r;
}

struct run *run_new_assessment(const struct course *c,
			       const struct assessment *a, uint64_t seed)
{
	struct run *r = xcalloc(1, sizeof(*r));
	size_t i;

	r->kind = RUN_ASSESSMENT;
	r->course = c;
	r->assessment = a;
	r->seed = seed;
	r->n_items = a->n_statements;
	r->items = xcalloc(r->n_items ? r->n_items : 1, sizeof(*r->items));
	for (i = 0; i < r->n_items; i++)
		r->items[i].statement = a->statements[i];
	return r;
}

/* A judgement question made from a scenario; it borrows the scenario's
 * strings and options. */
void engine_question_from_scenario(struct question *q, const struct scenario *s)
{
	memset(q, 0, sizeof(*q));
	q->item = s->item;
	q->type = Q_JUDGEMENT;
	q->competency = s->competency;
	q->lesson = s->lesson;
	q->points = 1;
	q->shuffle = true;
	q->prompt = s->question;
	q->explanation = s->debrief;
	q->choices = s->choices;
	q->n_choices = s->n_choices;
}

static struct run *exercise_run(const struct course *c,
				const struct exercise *e, uint64_t seed,
				bool shuffle);

struct run *run_new_exercise(const struct course *c, const struct exercise *e,
			     uint64_t seed)
{
	return exercise_run(c, e, seed, true);
}

struct run *run_new_exercise_in_order(const struct course *c,
				      const struct exercise *e)
{
	return exercise_run(c, e, 0, false);
}

static struct run *exercise_run(const struct course *c,
				const struct exercise *e, uint64_t seed,
				bool shuffle)
{
	struct run *r = xcalloc(1, sizeof(*r));
	struct rng rng;
	size_t i, n = 0;

	rng_init(&rng, seed);
	r->kind = RUN_EXERCISE;
	r->course = c;
	r->exercise = e;
	r->seed = seed;
	for (i = 0; i < e->n_parts; i++)
		if (e->parts[i].scenario)
			n++;
	r->made = xcalloc(n ? n : 1, sizeof(*r->made));
	r->items = xcalloc(n ? n : 1, sizeof(*r->items));
	for (i = 0; i < e->n_parts; i++) {
		const struct scenario *sc = e->parts[i].scenario;
		struct run_item *it;
		if (!sc)
			continue;
		it = &r->items[r->n_items];
		engine_question_from_scenario(&r->made[r->n_items], sc);
		r->made[r->n_items].shuffle = shuffle;
		it->scenario = sc;
		it->question = &r->made[r->n_items];
		it->possible = 1;
		order_choices(it, &rng);
		r->n_items++;
	}
	return r;
}

struct run *run_new_review(const struct course *c,
			   const struct question *const *questions, size_t n,
			   uint64_t seed)
{
	struct run *r = xcalloc(1, sizeof(*r));
	struct rng rng;
	size_t i;

	rng_init(&rng, seed);
	r->kind = RUN_REVIEW;
	r->course = c;
	r->seed = seed;
	r->n_items = n;
	r->items = xcalloc(n ? n : 1, sizeof(*r->items));
	for (i = 0; i < n; i++) {
		r->items[i].question = questions[i];
		r->items[i].possible = questions[i]->points;
		order_choices(&r->items[i], &rng);
	}
	return r;
}

void response_release(struct response *resp)
{
	free(resp->picks);
	free(resp->text);
	memset(resp, 0, sizeof(*resp));
}

void run_free(struct run *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n_items; i++) {
		free(r->items[i].order);
		response_release(&r->items[i].response);
	}
	free(r->items);
	free(r->made);
	free(r);
}

/* ---- answering ---- */

struct run_item *run_current(struct run *r)
{
	return r->pos < r->n_items ? &r->items[r->pos] : NULL;
}

static bool fits(const struct run *r, const struct run_item *it,
		 const struct response *resp)
{
	const struct question *q = it->question;
	size_t i;

	if (it->statement)
		return scale_has(&r->assessment->scale, resp->value);
	if (q->type == Q_SHORT)
		return resp->text != NULL;
	for (i = 0; i < resp->n_picks; i++)
		if (resp->picks[i] >= q->n_choices)
			return false;
	switch (q->type) {
	case Q_MULTIPLE:
		return resp->n_picks >= 1;
	case Q_ORDERING:
		return resp->n_picks == q->n_choices;
	default:
		return resp->n_picks == 1;
	}
}

static void score_item(struct run_item *it)
{
	const struct question *q = it->question;
	const struct response *resp = &it->response;

	switch (q->type) {
	case Q_SHORT:
		it->credit = score_short(q, resp->text);
		break;
	case Q_ORDERING:
		it->credit = score_ordering(q, resp->picks, resp->n_picks);
		break;
	default:
		it->credit = score_choices(q, resp->picks, resp->n_picks);
		break;
	}
	it->earned = it->credit * q->points;
	if (it->credit >= 1 - 1e-9)
		it->outcome = OUTCOME_RIGHT;
	else if (it->credit <= 1e-9)
		it->outcome = OUTCOME_WRONG;
	else
		it->outcome = OUTCOME_PARTIAL;
}

const struct run_item *run_answer(struct run *r, struct response *resp)
{
	struct run_item *it = run_current(r);

	if (!it || !fits(r, it, resp))
		return NULL;
	response_release(&it->response);
	it->response = *resp;
	memset(resp, 0, sizeof(*resp));
	if (it->statement &&
	    scale_not_applicable(&r->assessment->scale, it->response.value)) {
		/* it has not come up: answered, and left out like a missing
		 * answer, so the half rule counts it so too */
		it->outcome = OUTCOME_NOT_APPLICABLE;
		it->keyed = 0;
	} else if (it->statement) {
		it->outcome = OUTCOME_ANSWERED;
		it->keyed = likert_keyed(&r->assessment->scale,
					 it->statement->reverse,
					 it->response.value);
	} else {
		score_item(it);
	}
	r->pos++;
	return it;
}

const struct run_item *run_skip(struct run *r)
{
	struct run_item *it = run_current(r);

	if (!it)
		return NULL;
	response_release(&it->response);
	it->outcome = OUTCOME_SKIPPED;
	it->credit = it->earned = 0;
	r->pos++;
	return it;
}

void run_start_clock(struct run *r, double now)
{
	r->started = now;
	r->limit =
		r->quiz && r->quiz->time_limit ? r->quiz->time_limit * 60.0 : 0;
}

bool run_time_up(const struct run *r, double now)
{
	return r->limit > 0 && now - r->started > r->limit;
}

int run_minutes_left(const struct run *r, double now)
{
	double left;

	if (r->limit <= 0)
		return -1;
	left = r->limit - (now - r->started);
	return left <= 0 ? 0 : (int)ceil(left / 60.0);
}

bool run_back(struct run *r)
{
	if (r->pos == 0)
		return false;
	r->pos--;
	return true;
}
