/* SPDX-License-Identifier: GPL-3.0-or-later */
/* itemcheck.h - item-writing checks: what in a question lets it be
 * answered from its options alone, by someone who reads neither the
 * stem nor a lesson, found before anyone takes it. Each finding is a
 * warning with a name in brackets ("[key-longest]"); an author who means
 * it writes <allow check="NAME">reason</allow> in the question, scenario,
 * quiz, bank or exercise the warning is about, and the warning is
 * counted as accepted instead of shown.
 *
 * The checks (docs/content-format.md shows each with a bad and a good
 * example):
 *
 *   key-longest        the key is the longest option by a wide margin
 *   key-shortest       the key is the shortest option by a wide margin
 *   keys-longest       in a quiz, bank or exercise the key is the longest
 *                      option in clearly more items than chance gives
 *   keys-shortest      the same for the shortest
 *   true-false-balance most true/false answers in a quiz or bank agree
 *   multiple-pattern   most multiple-response items share one keyed count
 *                      or one pattern of fractions
 *   weight-pattern     most judgement items (or scenarios) share one set
 *                      of weights
 *   all-of-the-above   an option "all of the above" or "none of the above"
 *   stem-echo          the key repeats the stem's words, the others not
 *   same-option-text   two options read the same
 *   ordering-untouched leaving the shown order, or turning it round,
 *                      earns half the points or more
 */
#ifndef RAPPORT_ITEMCHECK_H
#define RAPPORT_ITEMCHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"

/* The names above, NULL-terminated. */
extern const char *const itemcheck_names[];

/* True when name is one of the checks. */
bool itemcheck_known(const char *name);

/* Runs every check over a linked course: a warning for each finding that
 * no <allow> accepts, and dl->accepted counts the others. An <allow> that
 * accepts nothing is a warning too, so that none outlives its reason.
 * Returns the number of warnings added. */
size_t itemcheck_course(const struct course *c, struct diag_list *dl);

/* The characters of text, as a reader counts them (code points). */
size_t itemcheck_length(const char *text);

#endif
