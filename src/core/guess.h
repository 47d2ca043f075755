/* SPDX-License-Identifier: GPL-3.0-or-later */
/* guess.h - test-wise guessers: strategies that never read a question, a
 * stem or a lesson, only the options as the engine shows them, run
 * through the real engine over many seeds, so that an author sees what
 * each would score next to random guessing, and proves that a rewrite
 * took a cue away rather than moved it.
 *
 * Every strategy answers what its rule does not cover as random guessing
 * does, so the gap between a strategy and random guessing is its cue
 * alone. No strategy answers a short answer (there is nothing to read a
 * cue from): it is skipped. */
#ifndef RAPPORT_GUESS_H
#define RAPPORT_GUESS_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

enum guess_strategy {
	GUESS_RANDOM,	/* an option at random, a random set, a random order */
	GUESS_LONGEST,	/* the longest option of a one-best-answer item */
	GUESS_SHORTEST, /* the shortest */
	GUESS_CLAUSES,	/* the one with the most clauses (commas, "and") */
	GUESS_FALSE,	/* "false" to every true/false */
	GUESS_TRUE,	/* "true" to every true/false */
	GUESS_LONG_SET, /* choose-all: every option longer than the mean */
	GUESS_AS_SHOWN, /* an ordering left as shown */
	GUESS_ALL_CUES, /* all of the above at once: longest, "false", the
			   long set, as shown */
	GUESS_COUNT
};

/* "random guessing", "longest option", ... */
const char *guess_name(enum guess_strategy s);

struct guess_result {
	size_t runs;
	double mean;	  /* mean score, 0..100 */
	double low, high; /* the lowest and highest score */
	size_t passes;	  /* runs at or over the pass mark (quizzes) */
};

/* Takes quiz q (or, with q NULL, exercise e, its scenarios alone as
 * practice takes them) runs times under strategy s: seeds 1..runs fix
 * the questions and their order as for a learner, and the strategy's own
 * random choices. */
void guess_run(const struct course *c, const struct quiz *q,
	       const struct exercise *e, enum guess_strategy s, size_t runs,
	       struct guess_result *out);

#endif
