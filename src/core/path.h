/* SPDX-License-Identifier: GPL-3.0-or-later */
/* path.h - the onboarding path's rules: when a step is done, and which
 * step is next, decided from facts the store returns (a lesson read, a
 * quiz's best score, a finished attempt, the review queue) and never from a
 * flag the learner sets. The caller gathers the facts and records the
 * steps newly done; nothing here reads the store or the clock. */
#ifndef RAPPORT_PATH_H
#define RAPPORT_PATH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* What the store says about one step. */
struct step_facts {
	bool recorded; /* the store has the step recorded as done */
	int64_t when;  /* when it was recorded */
	bool read;     /* read: the lesson was read */
	bool has_best; /* pass: the quiz was finished at least once */
	double best;   /* pass: its best score (0..100) */
	bool finished; /* assess, meet: a finished attempt of the target */
	size_t queue;  /* review: questions in the review queue, due or not */
};

/* Where one step stands. */
struct step_state {
	bool done;
	bool newly;   /* done by the facts now, not yet recorded: the caller
			 records it, at when */
	int64_t when; /* done at (recorded, or now when newly) */
	double best;  /* a pass step's best score so far, or -1 */
};

/* The mark a pass step asks for: its own, else the quiz's pass mark, else
 * 100. */
double path_step_mark(const struct step *s);

/* Whether the facts satisfy step s. before_done: every step before it is
 * done; the review step waits for them, or an empty queue at the start
 * would count. */
bool path_step_satisfied(const struct step *s, const struct step_facts *f,
			 bool before_done);

/* Fills states (one per step of p) from facts (one per step): a step once
 * recorded stays done; one the facts satisfy now is done and newly, at
 * now. Returns the index of the next step, n_steps when all are done. */
size_t path_evaluate(const struct path *p, const struct step_facts *facts,
		     int64_t now, struct step_state *states);

#endif
