/* SPDX-License-Identifier: GPL-3.0-or-later */
/* review.h - the review queue's rules, as Leitner boxes: which answers
 * move a question in the queue, and where a move takes it. The store keeps
 * the boxes and applies these; nothing here reads the store or the clock
 * (days are whole local days, given by the caller). */
#ifndef RAPPORT_REVIEW_H
#define RAPPORT_REVIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "engine.h"

#define REVIEW_BOXES 4

/* Days until a question in box (1 to REVIEW_BOXES) is due: 1, 3, 7, 14. */
int review_interval(int box);

/* Whether an answer with outcome, in a run of kind, moves its question:
 * a quiz's miss (wrong, partly right or skipped) puts it in the queue,
 * every answer in a review moves it; nothing else does. */
bool review_moves(enum run_kind kind, enum outcome outcome);

/* Where a question in box (0: not in the queue) goes after an answer. */
struct review_step {
	bool stays;  /* nothing changes (right, and not in the queue) */
	bool leaves; /* it leaves the queue (right in the last box) */
	int box;     /* otherwise its new box, */
	int64_t due; /* due on this day */
	bool lapse;  /* a miss: counted against the question */
};

/* right moves it up a box, due after that box's interval (after the last
 * box it leaves the queue); a miss sends it back to box 1, due tomorrow. */
struct review_step review_next(int box, bool right, int64_t today);

#endif
