/* SPDX-License-Identifier: GPL-3.0-or-later */
/* engine_restore.c - a run rebuilt from what the store kept: the stored
 * plan (the questions and their order), the answers replayed, the next
 * question to ask. */
#include "engine.h"

#include <stdlib.h>
#include <string.h>

#include "engine_int.h"
#include "util.h"

/* ---- resuming ---- */

/* Shows the options of it in the stored order: those gone are left out,
 * new ones go at the end. True when that differs from what was stored. */
static bool order_from_plan(struct run_item *it, const struct plan_entry *e)
{
	const struct question *q = it->question;
	bool *used, changed = false;
	size_t i, j, n = 0;

	if (q->type == Q_SHORT)
		return false;
	used = xcalloc(q->n_choices ? q->n_choices : 1, sizeof(*used));
	it->order = xcalloc(q->n_choices ? q->n_choices : 1, sizeof(size_t));
	for (i = 0; i < e->n_choices; i++) {
		for (j = 0; j < q->n_choices; j++)
			if (!used[j] && q->choices[j].id &&
			    strcmp(q->choices[j].id, e->choices[i]) == 0)
				break;
		if (j == q->n_choices) {
			changed = true; /* an option that is gone */
			continue;
		}
		used[j] = true;
		it->order[n++] = j;
	}
	for (j = 0; j < q->n_choices; j++)
		if (!used[j]) {
			it->order[n++] = j; /* a new option */
			changed = true;
		}
	it->n_order = n;
	free(used);
	return changed;
}

/* The item called id in what a run of kind is over; a scenario comes back
 * through *scenario. */
static const void *find_item(const struct course *c, enum run_kind kind,
			     const void *what, const char *id,
			     const struct scenario **scenario)
{
	*scenario = NULL;
	switch (kind) {
	case RUN_ASSESSMENT: {
		const struct assessment *a = what;
		size_t i;
		for (i = 0; i < a->n_statements; i++)
			if (strcmp(a->statements[i]->item.id, id) == 0)
				return a->statements[i];
		return NULL;
	}
	case RUN_EXERCISE:
		*scenario = course_find_kind(c, id, ITEM_SCENARIO);
		return *scenario;
	default:
		return course_find_kind(c, id, ITEM_QUESTION);
	}
}

struct run *run_restore(const struct course *c, enum run_kind kind,
			const void *what, uint64_t seed,
			const struct plan_entry *plan, size_t n, size_t *map,
			size_t *dropped, size_t *changed)
{
	struct run *r = xcalloc(1, sizeof(*r));
	size_t i;

	r->kind = kind;
	r->course = c;
	r->seed = seed;
	if (kind == RUN_QUIZ)
		r->quiz = what;
	else if (kind == RUN_ASSESSMENT)
		r->assessment = what;
	else if (kind == RUN_EXERCISE)
		r->exercise = what;
	r->items = xcalloc(n ? n : 1, sizeof(*r->items));
	r->made = xcalloc(n ? n : 1, sizeof(*r->made));
	*dropped = *changed = 0;
	for (i = 0; i < n; i++) {
		const struct scenario *sc;
		const void *found = find_item(c, kind, what, plan[i].item, &sc);
		struct run_item *it = &r->items[r->n_items];
		map[i] = SIZE_MAX;
		if (!found) {
			(*dropped)++;
			continue;
		}
		if (kind == RUN_ASSESSMENT) {
			it->statement = found;
		} else {
			if (sc) {
				engine_question_from_scenario(
					&r->made[r->n_items], sc);
				it->scenario = sc;
				it->question = &r->made[r->n_items];
			} else {
				it->question = found;
			}
			it->possible = it->question->points;
			if (order_from_plan(it, &plan[i]))
				(*changed)++;
		}
		map[i] = r->n_items++;
	}
	return r;
}

bool run_replay(struct run *r, size_t index, const char *const *picks,
		size_t n_picks, const char *text, int value, bool skipped)
{
	struct run_item *it;
	struct response resp = { 0 };
	size_t i, j;

	if (index >= r->n_items)
		return false;
	r->pos = index;
	if (skipped)
		return run_skip(r) != NULL;
	it = &r->items[index];
	if (it->statement) {
		resp.value = value;
	} else if (it->question->type == Q_SHORT) {
		if (!text)
			return false;
		resp.text = xstrdup(text);
	} else {
		resp.picks = xcalloc(n_picks ? n_picks : 1, sizeof(size_t));
		for (i = 0; i < n_picks; i++) {
			for (j = 0; j < it->question->n_choices; j++)
				if (it->question->choices[j].id &&
				    strcmp(it->question->choices[j].id,
					   picks[i]) == 0)
					break;
			if (j == it->question->n_choices) {
				response_release(&resp);
				return false; /* an option that is gone */
			}
			resp.picks[resp.n_picks++] = j;
		}
	}
	if (!run_answer(r, &resp)) {
		response_release(&resp);
		r->pos = index;
		return false;
	}
	return true;
}

void run_seek_pending(struct run *r)
{
	for (r->pos = 0; r->pos < r->n_items; r->pos++)
		if (r->items[r->pos].outcome == OUTCOME_PENDING)
			return;
}
