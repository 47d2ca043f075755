/* SPDX-License-Identifier: GPL-3.0-or-later */
/* flow.h - taking a quiz, a self-assessment, an exercise or a review: the
 * machinery (flow.c) and how each kind looks (take.c). */
#ifndef RAPPORT_FLOW_H
#define RAPPORT_FLOW_H

#include "../core/engine.h"
#include "cmd.h"

struct flow {
	struct app *app;
	struct run *run;
	bool quiet;	 /* --json: only the JSON is printed */
	char uuid[37];	 /* the attempt in the store */
	double asked_at; /* when the current item was shown (monotonic) */
	bool taken;	 /* another rapport took the attempt over */
	bool cancelled;	 /* the learner chose not to start */
};

/* Prints sb unless the flow is quiet. */
void flow_say(struct flow *f, const struct strbuf *sb);
/* Explains an unclear answer; the item is then asked again. */
void flow_unclear(struct flow *f, const char *why);

/* ---- take.c: how each kind looks ---- */

/* The title, intro and how to answer. */
void flow_intro(struct flow *f);
/* "Question 3 of 24 · Respect" and what is asked. */
void flow_header(struct flow *f, const struct run_item *it);
/* After an answer to a question or scenario: right or not, points,
 * feedback, explanation, what to read. Nothing for statements. */
void flow_feedback(struct flow *f, const struct run_item *it);
void flow_skipped(struct flow *f, const struct run_item *it);
void flow_hint(struct flow *f, const struct question *q);
/* The end: scores, bands, charts, what to go over or do next. */
void flow_result(struct flow *f, const struct result *res);

#endif
