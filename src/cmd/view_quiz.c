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

static void quiz_result(struct view *f, const struct result *res)
{
	const struct quiz *q = f->run->quiz;
	struct app *app = f->app;
	struct strbuf sb = { 0 };
	size_t i, missed = 0;

	strbuf_addc(&sb, '\n');
	present_heading(app, &sb, "Your result");
	{
		char *e = number_text(res->earned),
		     *p = number_text(res->possible);
		strbuf_addf(&sb, "  Score:  %d%% (%s of %s points)\n",
			    score_percent(res->score), e, p);
		free(e);
		free(p);
	}
	if (res->band) {
		strbuf_adds(&sb, "  Band:   ");
		app_safe(&sb, res->band->label);
		strbuf_addc(&sb, '\n');
	}
	strbuf_adds(&sb, "  Passed: ");
	strbuf_adds(&sb, app_on(app, res->passed ? STYLE_GOOD : STYLE_BAD));
	strbuf_adds(&sb, res->passed ? "yes" : "not yet");
	strbuf_adds(&sb, app_off(app));
	strbuf_addf(&sb, " (pass mark %d%%)\n", score_percent(q->pass));
	if (res->band) {
		strbuf_addc(&sb, '\n');
		view_band_advice(app, &sb, res->band);
	}
	strbuf_addc(&sb, '\n');
	strbuf_adds(&sb, app_on(app, STYLE_BOLD));
	strbuf_adds(&sb, "By competency\n");
	strbuf_adds(&sb, app_off(app));
	view_chart(app, &sb, res, true);
	for (i = 0; i < f->run->n_items; i++)
		if (f->run->items[i].outcome != OUTCOME_RIGHT)
			missed++;
	if (missed) {
		strbuf_addc(&sb, '\n');
		strbuf_adds(&sb, app_on(app, STYLE_BOLD));
		strbuf_addf(&sb, "To go over (%zu)\n", missed);
		strbuf_adds(&sb, app_off(app));
		for (i = 0; i < f->run->n_items; i++)
			view_missed_line(app, &sb, i + 1, &f->run->items[i]);
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
	.result = quiz_result,
};
