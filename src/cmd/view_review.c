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

const struct run_view view_review = {
	.intro = review_intro,
	.header = view_question_header,
	.feedback = view_question_feedback,
	.skipped = view_skipped,
	.hint = view_hint,
	.result = view_result,
};
