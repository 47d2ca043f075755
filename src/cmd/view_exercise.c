/* SPDX-License-Identifier: GPL-3.0-or-later */
/* view_exercise.c - how an exercise taken alone looks: the scenarios, the
 * reasoning behind every option, the result. */
#include <stdlib.h>
#include <string.h>

#include "../core/answer.h"
#include "../core/render.h"
#include "../core/score.h"
#include "../core/text.h"
#include "view.h"

static void exercise_intro(struct view *f)
{
	const struct exercise *e = f->run->exercise;
	struct app *app = f->app;
	struct strbuf sb = { 0 };
	char *line;

	present_heading(app, &sb, e->title);
	line = xasprintf("%zu scenarios from the sales-meeting exercise, taken "
			 "on your own. Read each situation, pick what you "
			 "would do, then see the reasoning behind every "
			 "option. Type skip, hint or quit at any time.",
			 f->run->n_items);
	app_wrap(app, &sb, line, "", "");
	free(line);
	view_put(f, &sb);
	strbuf_release(&sb);
}

static void scenario_header(struct view *f, const struct run_item *it)
{
	const struct scenario *sc = it->scenario;
	struct app *app = f->app;
	struct strbuf sb = { 0 };
	size_t i;

	strbuf_addc(&sb, '\n');
	strbuf_adds(&sb, app_on(app, STYLE_BOLD));
	strbuf_addf(&sb, "Scenario %zu of %zu", f->run->pos + 1,
		    f->run->n_items);
	strbuf_adds(&sb, app_off(app));
	strbuf_adds(&sb, app_on(app, STYLE_DIM));
	strbuf_adds(&sb, app->sep);
	app_safe(&sb, competency_name(&sc->competency));
	strbuf_adds(&sb, app_off(app));
	strbuf_addc(&sb, '\n');
	present_heading(app, &sb, sc->title);
	for (i = 0; i < sc->n_situation; i++) {
		app_wrap(app, &sb, sc->situation[i], "", "");
		strbuf_addc(&sb, '\n');
	}
	present_question(app, &sb, it->question, it->order, it->n_order);
	view_put(f, &sb);
	strbuf_release(&sb);
}

/* Every option with its weight and why, the debrief, the prompts. */
static void scenario_reveal(struct view *f, const struct run_item *it)
{
	const struct scenario *sc = it->scenario;
	struct app *app = f->app;
	struct strbuf sb = { 0 };
	size_t i;

	for (i = 0; i < it->n_order; i++) {
		const struct choice *c = &it->question->choices[it->order[i]];
		bool picked = it->response.n_picks &&
			      it->response.picks[0] == it->order[i];
		char *head = xasprintf("%s%c) ", picked ? "  > " : "    ",
				       answer_letter(i));
		char *line = xasprintf("%s (%g%%)", c->text, c->credit);
		strbuf_adds(&sb, app_on(app, c->credit >= 100 ? STYLE_GOOD
							      : STYLE_BOLD));
		app_wrap(app, &sb, line, head, "       ");
		strbuf_adds(&sb, app_off(app));
		app_wrap(app, &sb, c->feedback, "       ", "       ");
		free(head);
		free(line);
	}
	if (sc->debrief)
		app_wrap(app, &sb, sc->debrief, "  The point: ", "    ");
	if (sc->n_discuss) {
		strbuf_adds(&sb, "  To think about:\n");
		for (i = 0; i < sc->n_discuss; i++)
			app_wrap(app, &sb, sc->discuss[i],
				 app->unicode ? "    • " : "    - ", "      ");
	}
	view_put(f, &sb);
	strbuf_release(&sb);
}

/* A scenario's answer: how good, then every option's reasoning. */
static void scenario_feedback(struct view *f, const struct run_item *it)
{
	struct strbuf sb = { 0 };

	strbuf_adds(&sb,
		    app_on(f->app, it->outcome == OUTCOME_RIGHT ? STYLE_GOOD
								: STYLE_PART));
	strbuf_addf(&sb, "%s (%d%%).\n",
		    it->outcome == OUTCOME_RIGHT   ? "The best answer"
		    : it->outcome == OUTCOME_WRONG ? "Not a good answer"
						   : "A fair answer",
		    score_percent(it->credit * 100));
	strbuf_adds(&sb, app_off(f->app));
	view_put(f, &sb);
	strbuf_release(&sb);
	scenario_reveal(f, it);
}

static void scenario_skipped(struct view *f, const struct run_item *it)
{
	view_skipped(f, it);
	scenario_reveal(f, it);
}

const struct run_view view_exercise = {
	.intro = exercise_intro,
	.header = scenario_header,
	.feedback = scenario_feedback,
	.skipped = scenario_skipped,
	.hint = view_hint,
	.result = view_result,
};
