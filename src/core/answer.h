/* SPDX-License-Identifier: GPL-3.0-or-later */
/* answer.h - what a learner typed, read against the item being asked.
 *
 * Letters name the choices in the order shown ("b", "a c", "a,c", "c a b d"
 * for an ordering); a self-assessment takes a number on the scale or a
 * scale label; short answers take any text. The words skip, hint, quit and
 * back are commands. Anything unclear is never guessed at: it comes back
 * with a one-line explanation, and the question is asked again. */
#ifndef RAPPORT_ANSWER_H
#define RAPPORT_ANSWER_H

#include "engine.h"

enum answer_kind {
	ANSWER_RESPONSE, /* a response to score */
	ANSWER_SKIP,
	ANSWER_HINT,
	ANSWER_QUIT,
	ANSWER_BACK,   /* self-assessments only */
	ANSWER_UNCLEAR /* see why */
};

struct answer {
	enum answer_kind kind;
	struct response response; /* ANSWER_RESPONSE; owned */
	char *why; /* ANSWER_UNCLEAR: lowercase, one line; owned */
};

/* Reads line as an answer to item it of run r. */
void answer_parse(const struct run *r, const struct run_item *it,
		  const char *line, struct answer *out);
void answer_release(struct answer *a);

/* The letter shown for position i: 'a', 'b', ... */
char answer_letter(size_t i);

/* What the item takes, for a prompt: "a letter, a to d", "letters, a to
 * e", "all 4 letters in your order", "your answer", "a number, 1 to 5".
 * Caller frees. */
char *answer_expected(const struct run *r, const struct run_item *it);

#endif
