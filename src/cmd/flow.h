/* SPDX-License-Identifier: GPL-3.0-or-later */
/* flow.h - taking a quiz, a self-assessment, an exercise or a review: the
 * machinery of asking and answering (flow.c), which shows each kind
 * through its view (view.h). */
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

#endif
