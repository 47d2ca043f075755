/* SPDX-License-Identifier: GPL-3.0-or-later */
/* view_review.c - how a review of missed questions looks: its intro and its
 * result. */
#include <stdlib.h>
#include <string.h>

#include "../core/answer.h"
#include "../core/render.h"
#include "../core/score.h"
#include "../core/text.h"
#include "view.h"

static void review_intro(struct view *f)
{
	struct strbuf sb = { 0 };
	char *line = xasprintf(
		"%zu question%s to review. A right answer sends a question "
		"further away (3 days, a week, two weeks, then it is done); a "
		"miss brings it back tomorrow. Type skip, hint or quit at any "
		"time.",
		f->run->n_items, f->run->n_items == 1 ? "" : "s");

	present_heading(f->app, &sb, "Review");
	app_wrap(f->app, &sb, line, "", "");
	free(line);
	view_put(f, &sb);
	strbuf_release(&sb);
}

static void review_result(struct view *f, const struct result *res)
{
	struct strbuf sb = { 0 };
	size_t right = 0, i;

	for (i = 0; i < f->run->n_items; i++)
		if (f->run->items[i].outcome == OUTCOME_RIGHT)
			right++;
	strbuf_addc(&sb, '\n');
	present_heading(f->app, &sb, "Review done");
	strbuf_addf(&sb, "  %zu of %zu right", right, res->total);
	if (right < res->total)
		strbuf_addf(&sb, "; the other %zu come back tomorrow",
			    res->total - right);
	strbuf_adds(&sb, ".\n");
	view_put(f, &sb);
	strbuf_release(&sb);
}

const struct run_view view_review = {
	.intro = review_intro,
	.header = view_question_header,
	.feedback = view_question_feedback,
	.skipped = view_skipped,
	.hint = view_hint,
	.result = review_result,
};
