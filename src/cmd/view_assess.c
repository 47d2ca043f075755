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

static void assess_result(struct view *f, const struct result *res)
{
	struct app *app = f->app;
	struct strbuf sb = { 0 };
	size_t i;

	strbuf_addc(&sb, '\n');
	present_heading(app, &sb, "Your result");
	if (!res->scored) {
		app_wrap(app, &sb,
			 "Not enough answers to score: answer at least "
			 "half of the statements of a competency.",
			 "  ", "  ");
		view_put(f, &sb);
		strbuf_release(&sb);
		return;
	}
	strbuf_addf(&sb, "  Practice score: %d of 100\n",
		    score_percent(res->score));
	if (res->band) {
		strbuf_adds(&sb, "  Band:           ");
		app_safe(&sb, res->band->label);
		strbuf_addc(&sb, '\n');
		strbuf_addc(&sb, '\n');
		view_band_advice(app, &sb, res->band);
	}
	strbuf_addc(&sb, '\n');
	strbuf_adds(&sb, app_on(app, STYLE_BOLD));
	strbuf_adds(&sb, "By competency\n");
	strbuf_adds(&sb, app_off(app));
	view_chart(app, &sb, res, false);
	if (res->not_applicable) {
		char *line = xasprintf(
			"%zu statement%s had not come up for you; %s left out "
			"of the score, and a competency with too few of the "
			"others says so rather than guess.",
			res->not_applicable,
			res->not_applicable == 1 ? "" : "s",
			res->not_applicable == 1 ? "it is" : "they are");
		strbuf_addc(&sb, '\n');
		app_wrap(app, &sb, line, "", "");
		free(line);
	}
	if (res->straight_lining) {
		strbuf_addc(&sb, '\n');
		strbuf_adds(&sb, app_on(app, STYLE_PART));
		app_wrap(app, &sb,
			 "Every answer was the same. Some statements describe "
			 "the habit to avoid, so one answer for all of them "
			 "rarely describes anyone; the score may not reflect "
			 "you. Consider taking it again, reading each "
			 "statement on its own.",
			 "", "");
		strbuf_adds(&sb, app_off(app));
	}
	if (res->n_actions) {
		strbuf_addc(&sb, '\n');
		strbuf_adds(&sb, app_on(app, STYLE_BOLD));
		strbuf_addf(&sb, "Your next %s\n",
			    res->n_actions == 1	  ? "action"
			    : res->n_actions == 2 ? "two actions"
						  : "three actions");
		strbuf_adds(&sb, app_off(app));
		for (i = 0; i < res->n_actions; i++) {
			const struct next_action *n = &res->actions[i];
			char num[32];
			snprintf(num, sizeof(num), "  %zu. ", i + 1);
			if (n->text) {
				app_wrap(app, &sb, n->text, num, "     ");
				if (n->lesson) {
					struct strbuf ref = { 0 };
					strbuf_adds(&ref, "Read ");
					present_lesson_ref(&ref, n->lesson);
					strbuf_addc(&ref, '.');
					app_wrap(app, &sb, ref.buf, "     ",
						 "     ");
					strbuf_release(&ref);
				}
			} else {
				struct strbuf ref = { 0 };
				strbuf_adds(&ref, "Work on ");
				strbuf_adds(&ref, n->competency->name);
				if (n->lesson) {
					strbuf_adds(&ref, ": read ");
					present_lesson_ref(&ref, n->lesson);
				}
				strbuf_addc(&ref, '.');
				app_wrap(app, &sb, ref.buf, num, "     ");
				strbuf_release(&ref);
			}
		}
	}
	view_put(f, &sb);
	strbuf_release(&sb);
}

/* A statement has no right answer: no feedback, nothing said on a skip. */
const struct run_view view_assess = {
	.intro = assess_intro,
	.header = statement_header,
	.result = assess_result,
};
