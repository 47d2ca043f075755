/* SPDX-License-Identifier: GPL-3.0-or-later */
/* view_assess.c - how a self-assessment looks: its scale, its statements and
 * its result. */
#include <stdlib.h>
#include <string.h>

#include "../core/answer.h"
#include "../core/render.h"
#include "../core/score.h"
#include "../core/text.h"
#include "view.h"

static void scale_line(const struct app *app, struct strbuf *sb,
		       const struct scale *s)
{
	struct strbuf line = { 0 };
	size_t i;

	for (i = 0; i < s->n_points; i++)
		strbuf_addf(&line, "%s%d %s", i ? app->sep : "",
			    s->points[i].value, s->points[i].label);
	app_wrap(app, sb, line.buf, "  ", "  ");
	strbuf_release(&line);
}

static void assess_intro(struct view *f)
{
	const struct assessment *a = f->run->assessment;
	struct app *app = f->app;
	struct strbuf sb = { 0 };
	char *line;

	present_heading(app, &sb, a->title);
	if (a->intro)
		app_wrap(app, &sb, a->intro, "", "");
	line = xasprintf("%zu statements. Answer each with a number:",
			 f->run->n_items);
	app_wrap(app, &sb, line, "", "");
	free(line);
	scale_line(app, &sb, &a->scale);
	app_wrap(app, &sb,
		 "Type back to change your last answer, skip to pass "
		 "one over, quit to stop.",
		 "", "");
	view_put(f, &sb);
	strbuf_release(&sb);
}

static void statement_header(struct view *f, const struct run_item *it)
{
	struct app *app = f->app;
	struct strbuf sb = { 0 };
	size_t i;

	strbuf_addc(&sb, '\n');
	strbuf_adds(&sb, app_on(app, STYLE_BOLD));
	strbuf_addf(&sb, "Statement %zu of %zu", f->run->pos + 1,
		    f->run->n_items);
	strbuf_adds(&sb, app_off(app));
	strbuf_adds(&sb, app_on(app, STYLE_DIM));
	strbuf_adds(&sb, app->sep);
	app_safe(&sb, competency_name(&it->statement->competency));
	strbuf_adds(&sb, app_off(app));
	strbuf_addc(&sb, '\n');
	app_wrap(app, &sb, it->statement->text, "", "");
	if (it->outcome == OUTCOME_ANSWERED ||
	    it->outcome == OUTCOME_NOT_APPLICABLE) {
		const struct scale *s = &f->run->assessment->scale;
		for (i = 0; i < s->n_points; i++)
			if (s->points[i].value == it->response.value) {
				strbuf_addf(&sb, "  (You answered %d ",
					    s->points[i].value);
				app_safe(&sb, s->points[i].label);
				strbuf_adds(&sb, ".)\n");
			}
	}
	if (app->interactive)
		scale_line(app, &sb, &f->run->assessment->scale);
	view_put(f, &sb);
	strbuf_release(&sb);
}

/* A statement has no right answer: no feedback, nothing said on a skip. */
const struct run_view view_assess = {
	.intro = assess_intro,
	.header = statement_header,
	.result = view_result,
};
