/* SPDX-License-Identifier: GPL-3.0-or-later */
/* path.c - when an onboarding step is done, and which is next. */
#include "path.h"

double path_step_mark(const struct step *s)
{
	const struct quiz *q = s->target.target;

	if (s->has_mark)
		return s->mark;
	return q ? q->pass : 100;
}

bool path_step_satisfied(const struct step *s, const struct step_facts *f,
			 bool before_done)
{
	switch (s->kind) {
	case STEP_READ:
		return f->read;
	case STEP_PASS:
		return f->has_best && f->best >= path_step_mark(s);
	case STEP_ASSESS:
	case STEP_MEET:
		return f->finished;
	case STEP_REVIEW:
		return before_done && f->queue == 0;
	}
	return false;
}

size_t path_evaluate(const struct path *p, const struct step_facts *facts,
		     int64_t now, struct step_state *states)
{
	size_t i, next = p->n_steps;
	bool all_before = true;

	for (i = 0; i < p->n_steps; i++) {
		const struct step *s = p->steps[i];
		const struct step_facts *f = &facts[i];
		struct step_state *st = &states[i];

		st->done = f->recorded;
		st->newly = false;
		st->when = f->when;
		st->best = s->kind == STEP_PASS && f->has_best ? f->best : -1;
		if (!st->done && path_step_satisfied(s, f, all_before)) {
			st->done = st->newly = true;
			st->when = now;
		}
		if (!st->done && next == p->n_steps)
			next = i;
		all_before = all_before && st->done;
	}
	return next;
}
