/* SPDX-License-Identifier: GPL-3.0-or-later */
/* score.h - the scoring rules: pure arithmetic on the model, no state.
 *
 * Credits are fractions of a question's points, 0..1, kept unrounded.
 * Choices are named by their index in question->choices (the model order,
 * not the order shown). */
#ifndef RAPPORT_SCORE_H
#define RAPPORT_SCORE_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

/* Single choice, true/false, judgement: the credit of the one choice;
 * multiple response: the sum of the picked fractions, kept within 0..1.
 * Picking the same choice twice counts it once. */
double score_choices(const struct question *q, const size_t *picks, size_t n);

/* Ordering: picks holds every item once, in the order given. Every place
 * an item stands from its right place costs the same: the credit is
 * 1 - D/Dmax, D the places all items stand off in all, Dmax the most any
 * order can (score_ordering_farthest), so the right order earns 1 and a
 * reversed one 0. Returns 0 when picks is not a full permutation. */
double score_ordering(const struct question *q, const size_t *picks, size_t n);
/* The most places n items can stand off in all: floor(n * n / 2), which a
 * reversed order reaches. */
size_t score_ordering_farthest(size_t n);

/* Short answer: 1 when the answer matches an accepted answer (case,
 * spacing and final punctuation ignored), the pattern (on the whole
 * answer, case ignored), or holds at least min_keywords keywords as whole
 * words; else 0. */
double score_short(const struct question *q, const char *answer);

/* The answer as compared: case folded (ASCII and Latin letters), runs of
 * spaces made one, trimmed, final . ! ? , ; : removed. Caller frees. */
char *score_normalize(const char *answer);

/* The keyed value of a Likert answer: value itself, or, for a
 * reverse-keyed statement, (lowest + highest) - value. */
int likert_keyed(const struct scale *s, bool reverse, int value);

/* Lowest and highest values of a scale's scored points (a
 * not-applicable point is none of them). */
void scale_range(const struct scale *s, int *lo, int *hi);

/* True when value is one of the scale's points, not-applicable too. */
bool scale_has(const struct scale *s, int value);
/* True when value is the scale's not-applicable point. */
bool scale_not_applicable(const struct scale *s, int value);

/* A score as a whole percent for display, rounded down so that 79.6
 * never shows as a pass mark of 80; held to -100..100 (a gap between two
 * scores may be negative), and 0 for a value that is not a number. */
int score_percent(double score);

#endif
