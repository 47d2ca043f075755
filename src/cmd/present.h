/* SPDX-License-Identifier: GPL-3.0-or-later */
/* present.h - how items look in the terminal, shared by reading, previewing
 * and taking them. Everything is appended to a strbuf, made safe and
 * wrapped to the app's width. */
#ifndef RAPPORT_PRESENT_H
#define RAPPORT_PRESENT_H

#include "../core/engine.h"
#include "../core/model.h"
#include "cmd.h"

/* A lesson as a reader sees it: title, sections, lists, stories, key
 * points. */
void present_lesson(const struct app *app, struct strbuf *sb,
		    const struct lesson *l);

/* A question's prompt and its options lettered in the order given (order
 * maps shown position to choice index; NULL: written order). */
void present_question(const struct app *app, struct strbuf *sb,
		      const struct question *q, const size_t *order, size_t n);

/* "Respect" for a competency reference, or its id. */
const char *competency_name(const struct ref *r);

/* A heading line in the title style. */
void present_heading(const struct app *app, struct strbuf *sb,
		     const char *text);

/* "1 point", "2.5 points", "0.67 points". Caller frees. */
char *points_text(double points);
/* A number for display: at most two decimals, no trailing zeros. Caller
 * frees. */
char *number_text(double v);

/* A sparkline of scores (0..100): one character each, newest last. */
void present_sparkline(const struct app *app, struct strbuf *sb,
		       const double *v, size_t n);

#endif
