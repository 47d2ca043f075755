/* SPDX-License-Identifier: GPL-3.0-or-later */
/* view_quiz.c - how a quiz looks: its intro and its result. */
#include <stdlib.h>
#include <string.h>

#include "../core/answer.h"
#include "../core/render.h"
#include "../core/score.h"
#include "../core/text.h"
#include "view.h"

static void quiz_intro(struct view *f)
{
	const struct quiz *q = f->run->quiz;
	struct app *app = f->app;
	struct strbuf sb = { 0 };
	char *line;

	present_heading(app, &sb, q->title);
	if (q->intro)
		app_wrap(app, &sb, q->intro, "", "");
	line = xasprintf("%zu questions, pass mark %d%%%s. Answer with the "
			 "letters shown; type skip, hint or quit at any time.",
			 f->run->n_items, score_percent(q->pass),
			 q->time_limit ? ", a time limit" : "");
	app_wrap(app, &sb, line, "", "");
	free(line);
	if (q->time_limit) {
		line = xasprintf("You have %u minutes.", q->time_limit);
		app_wrap(app, &sb, line, "", "");
		free(line);
	}
	view_put(f, &sb);
	strbuf_release(&sb);
}

const struct run_view view_quiz = {
	.intro = quiz_intro,
	.header = view_question_header,
	.feedback = view_question_feedback,
	.skipped = view_skipped,
	.hint = view_hint,
	.result = view_result,
};
