/* SPDX-License-Identifier: GPL-3.0-or-later */
/* view.h - how a run of each kind looks: one view per kind (view_quiz.c,
 * view_assess.c, view_exercise.c, view_review.c), each a table of
 * functions that append what is to be shown to a strbuf and print
 * nothing. flow.c, the machinery of asking and answering, calls them and
 * prints; nothing here calls back into it. */
#ifndef RAPPORT_VIEW_H
#define RAPPORT_VIEW_H

#include "../core/engine.h"
#include "cmd.h"
#include "present.h"

/* What a view draws from, and where it puts what it draws. */
struct view {
	struct app *app;
	const struct run *run;
	struct strbuf *out;
};

/* Appends sb to the view's output. */
void view_put(struct view *v, const struct strbuf *sb);

/* One kind's look. A function left NULL shows nothing. */
struct run_view {
	/* the title, intro and how to answer */
	void (*intro)(struct view *v);
	/* "Question 3 of 24 · Respect" and what is asked */
	void (*header)(struct view *v, const struct run_item *it);
	/* after an answer: right or not, points, feedback, what to read */
	void (*feedback)(struct view *v, const struct run_item *it);
	void (*skipped)(struct view *v, const struct run_item *it);
	void (*hint)(struct view *v, const struct question *q);
	/* the end: scores, bands, charts, what to go over or do next */
	void (*result)(struct view *v, const struct result *res);
};

extern const struct run_view view_quiz, view_assess, view_exercise, view_review;

/* The view of a run of kind. */
const struct run_view *view_for(enum run_kind kind);

/* ---- view.c: what the views share ---- */

void view_question_header(struct view *v, const struct run_item *it);
void view_question_feedback(struct view *v, const struct run_item *it);
void view_skipped(struct view *v, const struct run_item *it);
void view_hint(struct view *v, const struct question *q);
/* The end of every kind: its result (core/result_text.c). */
void view_result(struct view *v, const struct result *res);

#endif
