/* SPDX-License-Identifier: GPL-3.0-or-later */
/* review.c - the Leitner boxes of the review queue. */
#include "review.h"

int review_interval(int box)
{
	static const int days[REVIEW_BOXES + 1] = { 1, 1, 3, 7, 14 };

	return box >= 1 && box <= REVIEW_BOXES ? days[box] : 1;
}

bool review_moves(enum run_kind kind, enum outcome outcome)
{
	switch (kind) {
	case RUN_QUIZ:
		return outcome == OUTCOME_WRONG || outcome == OUTCOME_PARTIAL ||
		       outcome == OUTCOME_SKIPPED;
	case RUN_REVIEW:
		return outcome != OUTCOME_PENDING;
	case RUN_ASSESSMENT:
	case RUN_EXERCISE:
		break;
	}
	return false;
}

struct review_step review_next(int box, bool right, int64_t today)
{
	struct review_step s = { 0 };

	if (right && box <= 0) {
		s.stays = true;
	} else if (right && box >= REVIEW_BOXES) {
		s.leaves = true;
	} else {
		s.box = right ? box + 1 : 1;
		s.due = today + review_interval(s.box);
		s.lapse = !right;
	}
	return s;
}
