/* SPDX-License-Identifier: GPL-3.0-or-later */
/* view.c - what the views of quizzes, reviews, self-assessments and
 * exercises share: a question asked and its feedback, the hint, the
 * competency chart, a band's advice, the questions to go over. */
#include <stdlib.h>
#include <string.h>

#include "../core/answer.h"
#include "../core/render.h"
#include "../core/score.h"
#include "../core/text.h"
#include "../core/result_text.h"
#include "view.h"

void view_put(struct view *f, const struct strbuf *sb)
{
	if (sb->len)
		strbuf_add(f->out, sb->buf, sb->len);
}

const struct run_view *view_for(enum run_kind kind)
{
	switch (kind) {
	case RUN_QUIZ:
		break;
	case RUN_ASSESSMENT:
		return &view_assess;
	case RUN_EXERCISE:
		return &view_exercise;
	case RUN_REVIEW:
		return &view_review;
	}
	return &view_quiz;
}

/* The shown letter of choice index c. */
static char letter_of(const struct run_item *it, size_t c)
{
	size_t i;

	for (i = 0; i < it->n_order; i++)
		if (it->order[i] == c)
			return answer_letter(i);
	return '?';
}

static void choice_line(const struct app *app, struct strbuf *sb,
			const struct run_item *it, size_t c, bool feedback)
{
	const struct choice *ch = &it->question->choices[c];
	char head[32];

	snprintf(head, sizeof(head), "    %c) ", letter_of(it, c));
	app_wrap(app, sb, ch->text, head, "       ");
	if (feedback && ch->feedback)
		app_wrap(app, sb, ch->feedback, "       ", "       ");
}

void view_question_header(struct view *f, const struct run_item *it)
{
	struct app *app = f->app;
	struct strbuf sb = { 0 };

	struct strbuf head = { 0 }, rest = { 0 };
	struct span spans[2] = { { NULL, true, STYLE_BOLD },
				 { NULL, true, STYLE_DIM } };

	strbuf_addf(&head, "Question %zu of %zu", f->run->pos + 1,
		    f->run->n_items);
	strbuf_adds(&rest, app->sep);
	strbuf_adds(&rest, competency_name(&it->question->competency));
	if (it->question->type == Q_MULTIPLE)
		strbuf_addf(&rest, "%schoose all that apply", app->sep);
	else if (it->question->type == Q_ORDERING)
		strbuf_addf(&rest, "%sput them in order", app->sep);
	if (app->interactive && f->run->limit > 0) {
		int left = run_minutes_left(f->run, app_clock());
		strbuf_addf(&rest, "%s%d min left", app->sep, left);
	}
	spans[0].text = head.buf;
	spans[1].text = rest.buf;
	strbuf_addc(&sb, '\n');
	app_wrap_spans(app, &sb, spans, 2, "", "");
	strbuf_release(&head);
	strbuf_release(&rest);
	present_question(app, &sb, it->question, it->order, it->n_order);
	view_put(f, &sb);
	strbuf_release(&sb);
}

void view_question_feedback(struct view *f, const struct run_item *it)
{
	const struct question *q = it->question;
	struct app *app = f->app;
	struct strbuf sb = { 0 };
	char *of = points_text(it->possible);
	size_t i;

	switch (it->outcome) {
	case OUTCOME_RIGHT:
		strbuf_adds(&sb, app_on(app, STYLE_GOOD));
		strbuf_adds(&sb, "Right");
		break;
	case OUTCOME_PARTIAL:
		strbuf_adds(&sb, app_on(app, STYLE_PART));
		strbuf_adds(&sb, "Partly right");
		break;
	default:
		strbuf_adds(&sb, app_on(app, STYLE_BAD));
		strbuf_adds(&sb, "Not quite");
		break;
	}
	{
		/* "1 point" reads "0.5 of 1 point" */
		char *got = number_text(it->earned);
		strbuf_addf(&sb, ": %s of %s.", got, of);
		free(got);
	}
	strbuf_adds(&sb, app_off(app));
	strbuf_addc(&sb, '\n');
	free(of);

	if (q->type == Q_SHORT) {
		strbuf_adds(&sb, "  You wrote: ");
		app_safe(&sb, it->response.text);
		strbuf_addc(&sb, '\n');
		if (it->outcome != OUTCOME_RIGHT)
			app_wrap(app, &sb, q->accept[0],
				 "  An answer that counts: ", "    ");
	} else if (q->type == Q_ORDERING) {
		strbuf_adds(&sb, "  Your order:");
		for (i = 0; i < it->response.n_picks; i++)
			strbuf_addf(&sb, " %c",
				    letter_of(it, it->response.picks[i]));
		strbuf_addc(&sb, '\n');
		if (it->outcome != OUTCOME_RIGHT) {
			strbuf_adds(&sb, "  The right order:\n");
			for (i = 0; i < q->n_choices; i++)
				choice_line(app, &sb, it, i, false);
		}
	} else {
		strbuf_adds(&sb, "  You chose:\n");
		for (i = 0; i < it->response.n_picks; i++)
			choice_line(app, &sb, it, it->response.picks[i], true);
		if (it->outcome != OUTCOME_RIGHT) {
			strbuf_adds(&sb, q->type == Q_MULTIPLE
						 ? "  The right answers:\n"
						 : "  The best answer:\n");
			/* in the order shown */
			for (i = 0; i < it->n_order; i++) {
				size_t c = it->order[i];
				bool best =
					q->type == Q_MULTIPLE
						? q->choices[c].credit > 0
						: q->choices[c].credit >= 100;
				if (best)
					choice_line(app, &sb, it, c,
						    q->type == Q_JUDGEMENT);
			}
		}
	}
	if (q->explanation)
		app_wrap(app, &sb, q->explanation, "  ", "  ");
	if (q->lesson.target && it->outcome != OUTCOME_RIGHT) {
		struct strbuf ref = { 0 };
		strbuf_adds(&ref, "To read more: ");
		result_lesson_ref(&ref, q->lesson.target);
		app_wrap(app, &sb, ref.buf, "  ", "    ");
		strbuf_release(&ref);
	}
	view_put(f, &sb);
	strbuf_release(&sb);
}

void view_hint(struct view *f, const struct question *q)
{
	struct strbuf sb = { 0 };

	if (q->hint)
		app_wrap(f->app, &sb, q->hint, "  Hint: ", "    ");
	else
		app_wrapf(f->app, &sb,
			  "  There is no hint for this question.\n");
	view_put(f, &sb);
	strbuf_release(&sb);
}

/* "Skipped: it counts as no points." */
void view_skipped(struct view *f, const struct run_item *it)
{
	struct strbuf sb = { 0 };

	app_wrapf(f->app, &sb, "  Skipped: it counts as no points.\n");
	view_put(f, &sb);
	strbuf_release(&sb);
	(void)it;
}

void view_result(struct view *f, const struct result *res)
{
	struct render_opts o;
	char *text;

	app_render_opts(f->app, &o);
	text = result_text(f->run, res, &o);
	strbuf_adds(f->out, text);
	free(text);
}
