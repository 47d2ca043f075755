/* SPDX-License-Identifier: GPL-3.0-or-later */
/* engine_result.c - what a run comes to: the score by competency, the
 * band, a self-assessment's next actions. */
#include "engine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "score.h"
#include "util.h"

/* ---- results ---- */

static struct comp_score *comp_for(struct result *res,
				   const struct competency *c)
{
	size_t i;

	for (i = 0; i < res->n_comps; i++)
		if (res->comps[i].competency == c)
			return &res->comps[i];
	return NULL;
}

/* One entry per competency that has items in the run, in course order. */
static void gather_comps(const struct run *r, struct result *res)
{
	const struct course *c = r->course;
	size_t i, j;

	res->comps = xcalloc(c->competencies.n ? c->competencies.n : 1,
			     sizeof(*res->comps));
	for (i = 0; i < c->competencies.n; i++) {
		const struct competency *comp = c->competencies.v[i];
		for (j = 0; j < r->n_items; j++) {
			const struct ref *k;
			if (r->items[j].left_out)
				continue;
			k = r->items[j].question
				    ? &r->items[j].question->competency
				    : &r->items[j].statement->competency;
			if (k->target == comp) {
				res->comps[res->n_comps++].competency = comp;
				break;
			}
		}
	}
}

static const struct competency *item_comp(const struct run_item *it)
{
	return it->question ? it->question->competency.target
			    : it->statement->competency.target;
}

static void quiz_result(const struct run *r, struct result *res)
{
	size_t i;

	for (i = 0; i < r->n_items; i++) {
		const struct run_item *it = &r->items[i];
		struct comp_score *cs = comp_for(res, item_comp(it));
		bool answered;
		if (it->left_out) {
			res->total--;
			continue;
		}
		answered = it->outcome == OUTCOME_RIGHT ||
			   it->outcome == OUTCOME_PARTIAL ||
			   it->outcome == OUTCOME_WRONG;
		double earned = answered ? it->earned : 0;
		res->earned += earned;
		res->possible += it->possible;
		res->answered += answered;
		if (cs) {
			cs->earned += earned;
			cs->possible += it->possible;
			cs->answered += answered;
			cs->total++;
		}
	}
	for (i = 0; i < res->n_comps; i++) {
		struct comp_score *cs = &res->comps[i];
		cs->scored = cs->possible > 0;
		if (cs->scored)
			cs->score = cs->earned * 100.0 / cs->possible;
	}
	res->scored = res->possible > 0;
	if (res->scored) {
		/* points times 100 first, so that 20 of 25 is exactly 80 */
		res->score = res->earned * 100.0 / res->possible;
		if (r->quiz) { /* exercises and reviews have no bands */
			res->band = band_for_score(
				r->quiz->bands, r->quiz->n_bands, res->score);
			res->passed = res->score >= r->quiz->pass;
		}
	}
}

static const struct lesson *first_lesson(const struct course *c,
					 const struct competency *comp)
{
	size_t i;

	for (i = 0; i < c->lessons.n; i++) {
		const struct lesson *l = c->lessons.v[i];
		if (l->competency.target == comp)
			return l;
	}
	return NULL;
}

static int cmp_weakest(const void *pa, const void *pb)
{
	const struct comp_score *a = *(const struct comp_score *const *)pa;
	const struct comp_score *b = *(const struct comp_score *const *)pb;

	if (a->score != b->score)
		return a->score < b->score ? -1 : 1;
	return a->competency->index < b->competency->index
		       ? -1
		       : a->competency->index > b->competency->index;
}

/* Up to three actions for the weakest scored competencies: the first
 * action of each of the three weakest, then their second ones, and so on;
 * a competency with no action points to its first lesson. */
static void choose_actions(const struct run *r, struct result *res)
{
	const struct assessment *a = r->assessment;
	const struct comp_score **weak;
	size_t n = 0, i, j, round;

	weak = xcalloc(res->n_comps ? res->n_comps : 1, sizeof(*weak));
	for (i = 0; i < res->n_comps; i++)
		if (res->comps[i].scored)
			weak[n++] = &res->comps[i];
	sort_array(weak, n, sizeof(*weak), cmp_weakest);
	if (n > 3)
		n = 3;
	for (round = 0; res->n_actions < 3; round++) {
		bool any = false;
		for (i = 0; i < n && res->n_actions < 3; i++) {
			const struct competency *comp = weak[i]->competency;
			size_t seen = 0;
			bool has = false;
			for (j = 0; j < a->n_actions; j++) {
				const struct action *act = &a->actions[j];
				if (act->competency.target != comp)
					continue;
				has = true;
				if (seen++ != round)
					continue;
				res->actions[res->n_actions].competency = comp;
				res->actions[res->n_actions].text = act->text;
				res->actions[res->n_actions].lesson =
					act->lesson.target
						? act->lesson.target
						: first_lesson(r->course, comp);
				res->n_actions++;
				any = true;
				break;
			}
			if (!has && round == 0) {
				res->actions[res->n_actions].competency = comp;
				res->actions[res->n_actions].lesson =
					first_lesson(r->course, comp);
				res->n_actions++;
				any = true;
			}
		}
		if (!any)
			break;
	}
	free(weak);
}

static void assessment_result(const struct run *r, struct result *res)
{
	const struct assessment *a = r->assessment;
	int lo, hi, first_value = 0;
	double *sums = xcalloc(res->n_comps ? res->n_comps : 1, sizeof(*sums));
	double total = 0;
	size_t i, scored = 0;
	bool same = true;

	scale_range(&a->scale, &lo, &hi);
	for (i = 0; i < r->n_items; i++) {
		const struct run_item *it = &r->items[i];
		struct comp_score *cs = comp_for(res, item_comp(it));
		bool answered = it->outcome == OUTCOME_ANSWERED;
		if (cs)
			cs->total++;
		res->not_applicable += it->outcome == OUTCOME_NOT_APPLICABLE;
		if (!answered)
			continue;
		if (res->answered == 0)
			first_value = it->response.value;
		else if (it->response.value != first_value)
			same = false;
		res->answered++;
		if (cs) {
			cs->answered++;
			sums[cs - res->comps] += it->keyed;
		}
	}
	for (i = 0; i < res->n_comps; i++) {
		struct comp_score *cs = &res->comps[i];
		/* scored with at least half its statements answered; the
		 * mean of those answered stands for the missing ones */
		cs->scored = cs->answered > 0 &&
			     cs->answered * 2 >= cs->total && hi > lo;
		if (!cs->scored)
			continue;
		cs->score = (sums[i] / (double)cs->answered - lo) * 100.0 /
			    (double)(hi - lo);
		total += cs->score;
		scored++;
	}
	free(sums);
	res->straight_lining = same && res->answered >= 3;
	res->scored = scored > 0;
	if (res->scored) {
		res->score = total / (double)scored;
		res->band = band_for_score(a->bands, a->n_bands, res->score);
	}
	choose_actions(r, res);
}

void run_result(const struct run *r, struct result *out)
{
	memset(out, 0, sizeof(*out));
	out->kind = r->kind;
	out->total = r->n_items;
	gather_comps(r, out);
	if (r->kind == RUN_ASSESSMENT)
		assessment_result(r, out);
	else
		quiz_result(r, out);
	out->skipped = out->total - out->answered - out->not_applicable;
}

void result_release(struct result *res)
{
	free(res->comps);
	memset(res, 0, sizeof(*res));
}
