/* SPDX-License-Identifier: GPL-3.0-or-later */
/* take.c - how taking a quiz, a self-assessment, an exercise or a review
 * looks: intros, headers, feedback and results. The machinery is flow.c. */
#include <stdlib.h>
#include <string.h>

#include "../core/answer.h"
#include "../core/render.h"
#include "../core/score.h"
#include "../core/text.h"
#include "flow.h"
#include "present.h"

/* ---- quizzes ---- */

static void quiz_intro(struct flow *f)
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
	flow_say(f, &sb);
	strbuf_release(&sb);
}

static void question_header(struct flow *f, const struct run_item *it)
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
	flow_say(f, &sb);
	strbuf_release(&sb);
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

static void feedback(struct flow *f, const struct run_item *it)
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
		present_lesson_ref(&ref, q->lesson.target);
		app_wrap(app, &sb, ref.buf, "  ", "    ");
		strbuf_release(&ref);
	}
	flow_say(f, &sb);
	strbuf_release(&sb);
}

static void hint(struct flow *f, const struct question *q)
{
	struct strbuf sb = { 0 };

	if (q->hint)
		app_wrap(f->app, &sb, q->hint, "  Hint: ", "    ");
	else
		app_wrapf(f->app, &sb,
			  "  There is no hint for this question.\n");
	flow_say(f, &sb);
	strbuf_release(&sb);
}

/* "  Respect      ███████░░░  75%" lines, the names padded to one width,
 * the bars as long as the width leaves room for (20 at most). */
static void chart(const struct app *app, struct strbuf *sb,
		  const struct result *res, bool quiz)
{
	char **tails = xcalloc(res->n_comps + 1, sizeof(char *));
	size_t i, w = 0, tw = 0, bar = 20;

	for (i = 0; i < res->n_comps; i++) {
		const struct comp_score *c = &res->comps[i];
		size_t k = render_width(c->competency->name);
		if (k > w)
			w = k;
		if (!c->scored) {
			tails[i] = xasprintf("not enough answers (%zu of %zu)",
					     c->answered, c->total);
			continue;
		}
		if (quiz) {
			char *e = number_text(c->earned),
			     *p = number_text(c->possible);
			tails[i] = xasprintf(" %3d%%  %s of %s",
					     score_percent(c->score), e, p);
			free(e);
			free(p);
		} else {
			tails[i] = xasprintf(" %3d", score_percent(c->score));
		}
		if (strlen(tails[i]) > tw)
			tw = strlen(tails[i]);
	}
	if (app->width < 4 + w + tw + bar)
		bar = app->width > 4 + w + tw + 6 ? app->width - 4 - w - tw : 6;
	for (i = 0; i < res->n_comps; i++) {
		const struct comp_score *c = &res->comps[i];
		struct strbuf name = { 0 };
		strbuf_adds(sb, "  ");
		app_safe(&name, c->competency->name);
		render_pad(sb, name.buf, w);
		strbuf_release(&name);
		strbuf_adds(sb, "  ");
		if (c->scored)
			render_bar(sb, c->score, bar, app->unicode);
		strbuf_adds(sb, tails[i]);
		strbuf_addc(sb, '\n');
		free(tails[i]);
	}
	free(tails);
}

/* A band's advice and the lesson it points to. */
static void band_advice(const struct app *app, struct strbuf *sb,
			const struct band *b)
{
	app_wrap(app, sb, b->advice, "", "");
	if (b->lesson.target) {
		struct strbuf ref = { 0 };
		strbuf_adds(&ref, "Start with ");
		present_lesson_ref(&ref, b->lesson.target);
		strbuf_addc(&ref, '.');
		app_wrap(app, sb, ref.buf, "", "");
		strbuf_release(&ref);
	}
}

/* "  3. (partly) The prompt, wrapped under itself  → read lesson". */
static void missed_line(const struct app *app, struct strbuf *sb, size_t n,
			const struct run_item *it)
{
	struct strbuf head = { 0 }, tail = { 0 };
	struct span spans[2] = { { it->question->prompt, false, STYLE_DIM },
				 { "", true, STYLE_DIM } };
	char *rest;

	if (it->outcome == OUTCOME_RIGHT)
		return;
	strbuf_addf(&head, "  %2zu. %s", n,
		    it->outcome == OUTCOME_PARTIAL ? "(partly) "
		    : it->outcome == OUTCOME_WRONG ? ""
						   : "(skipped) ");
	if (it->question->lesson.id) {
		strbuf_addf(&tail, "  %s read %s", app->arrow,
			    it->question->lesson.id);
		spans[1].text = tail.buf;
	}
	rest = xasprintf("%*s", 6, "");
	app_wrap_spans(app, sb, spans, 2, head.buf, rest);
	free(rest);
	strbuf_release(&head);
	strbuf_release(&tail);
}

static void quiz_result(struct flow *f, const struct result *res)
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
		band_advice(app, &sb, res->band);
	}
	strbuf_addc(&sb, '\n');
	strbuf_adds(&sb, app_on(app, STYLE_BOLD));
	strbuf_adds(&sb, "By competency\n");
	strbuf_adds(&sb, app_off(app));
	chart(app, &sb, res, true);
	for (i = 0; i < f->run->n_items; i++)
		if (f->run->items[i].outcome != OUTCOME_RIGHT)
			missed++;
	if (missed) {
		strbuf_addc(&sb, '\n');
		strbuf_adds(&sb, app_on(app, STYLE_BOLD));
		strbuf_addf(&sb, "To go over (%zu)\n", missed);
		strbuf_adds(&sb, app_off(app));
		for (i = 0; i < f->run->n_items; i++)
			missed_line(app, &sb, i + 1, &f->run->items[i]);
	}
	flow_say(f, &sb);
	strbuf_release(&sb);
}

/* ---- self-assessments ---- */

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

static void assess_intro(struct flow *f)
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
	flow_say(f, &sb);
	strbuf_release(&sb);
}

static void statement_header(struct flow *f, const struct run_item *it)
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
	flow_say(f, &sb);
	strbuf_release(&sb);
}

static void assess_result(struct flow *f, const struct result *res)
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
		flow_say(f, &sb);
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
		band_advice(app, &sb, res->band);
	}
	strbuf_addc(&sb, '\n');
	strbuf_adds(&sb, app_on(app, STYLE_BOLD));
	strbuf_adds(&sb, "By competency\n");
	strbuf_adds(&sb, app_off(app));
	chart(app, &sb, res, false);
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
	flow_say(f, &sb);
	strbuf_release(&sb);
}

/* ---- exercises, practised alone ---- */

static void exercise_intro(struct flow *f)
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
	flow_say(f, &sb);
	strbuf_release(&sb);
}

static void scenario_header(struct flow *f, const struct run_item *it)
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
	flow_say(f, &sb);
	strbuf_release(&sb);
}

/* Every option with its weight and why, the debrief, the prompts. */
static void scenario_reveal(struct flow *f, const struct run_item *it)
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
	flow_say(f, &sb);
	strbuf_release(&sb);
}

static void exercise_result(struct flow *f, const struct result *res)
{
	struct app *app = f->app;
	struct strbuf sb = { 0 };
	char *e = number_text(res->earned), *p = number_text(res->possible);

	strbuf_addc(&sb, '\n');
	present_heading(app, &sb, "Your result");
	strbuf_addf(&sb, "  Score:  %d%% (%s of %s)\n",
		    score_percent(res->score), e, p);
	free(e);
	free(p);
	strbuf_addc(&sb, '\n');
	strbuf_adds(&sb, app_on(app, STYLE_BOLD));
	strbuf_adds(&sb, "By competency\n");
	strbuf_adds(&sb, app_off(app));
	chart(app, &sb, res, true);
	app_wrap(app, &sb,
		 "In a sales meeting the team works through the same "
		 "scenarios together; the discussion is where most "
		 "of the learning happens.",
		 "\n", "");
	flow_say(f, &sb);
	strbuf_release(&sb);
}

/* ---- reviews ---- */

static void review_intro(struct flow *f)
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
	flow_say(f, &sb);
	strbuf_release(&sb);
}

static void review_result(struct flow *f, const struct result *res)
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
	flow_say(f, &sb);
	strbuf_release(&sb);
}

/* ---- what flow.c calls ---- */

void flow_intro(struct flow *f)
{
	switch (f->run->kind) {
	case RUN_QUIZ:
		quiz_intro(f);
		break;
	case RUN_ASSESSMENT:
		assess_intro(f);
		break;
	case RUN_EXERCISE:
		exercise_intro(f);
		break;
	case RUN_REVIEW:
		review_intro(f);
		break;
	}
}

void flow_header(struct flow *f, const struct run_item *it)
{
	if (it->statement)
		statement_header(f, it);
	else if (it->scenario)
		scenario_header(f, it);
	else
		question_header(f, it);
}

void flow_feedback(struct flow *f, const struct run_item *it)
{
	if (it->statement)
		return;
	if (it->scenario) {
		struct strbuf sb = { 0 };
		strbuf_adds(&sb, app_on(f->app, it->outcome == OUTCOME_RIGHT
							? STYLE_GOOD
							: STYLE_PART));
		strbuf_addf(&sb, "%s (%d%%).\n",
			    it->outcome == OUTCOME_RIGHT   ? "The best answer"
			    : it->outcome == OUTCOME_WRONG ? "Not a good answer"
							   : "A fair answer",
			    score_percent(it->credit * 100));
		strbuf_adds(&sb, app_off(f->app));
		flow_say(f, &sb);
		strbuf_release(&sb);
		scenario_reveal(f, it);
		return;
	}
	feedback(f, it);
}

void flow_skipped(struct flow *f, const struct run_item *it)
{
	struct strbuf sb = { 0 };

	if (it->statement)
		return;
	app_wrapf(f->app, &sb, "  Skipped: it counts as no points.\n");
	flow_say(f, &sb);
	strbuf_release(&sb);
	if (it->scenario)
		scenario_reveal(f, it);
}

void flow_hint(struct flow *f, const struct question *q)
{
	hint(f, q);
}

void flow_result(struct flow *f, const struct result *res)
{
	switch (f->run->kind) {
	case RUN_QUIZ:
		quiz_result(f, res);
		break;
	case RUN_ASSESSMENT:
		assess_result(f, res);
		break;
	case RUN_EXERCISE:
		exercise_result(f, res);
		break;
	case RUN_REVIEW:
		review_result(f, res);
		break;
	}
}
