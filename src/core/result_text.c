/* SPDX-License-Identifier: GPL-3.0-or-later */
/* result_text.c - what a run comes to, as text for the terminal, beside
 * its JSON sibling (result_json.c): a quiz's score, band, chart and the
 * questions to go over; a self-assessment's practice score and next
 * actions; an exercise's and a review's result. Drawn with struct
 * render_opts; nothing is printed here. */
#include "result_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "score.h"
#include "text.h"
#include "util.h"

/* Appends text made safe for a terminal, on one line. */
static void safe_add(struct strbuf *sb, const char *text)
{
	char *safe = text_sanitize(text ? text : "", TEXT_ONE_LINE);

	strbuf_adds(sb, safe);
	free(safe);
}

void result_lesson_ref(struct strbuf *sb, const struct lesson *l)
{
	if (!l)
		return;
	strbuf_addc(sb, '\'');
	safe_add(sb, l->title);
	strbuf_adds(sb, "' (read ");
	safe_add(sb, l->item.id);
	strbuf_addc(sb, ')');
}

/* "  Respect      ███████░░░  75%" lines, the names padded to one width,
 * the bars as long as the width leaves room for (20 at most). */
static void chart(const struct render_opts *o, struct strbuf *sb,
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
			char *e = render_number(c->earned),
			     *p = render_number(c->possible);
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
	if (o->width < 4 + w + tw + bar)
		bar = o->width > 4 + w + tw + 6 ? o->width - 4 - w - tw : 6;
	for (i = 0; i < res->n_comps; i++) {
		const struct comp_score *c = &res->comps[i];
		struct strbuf name = { 0 };
		strbuf_adds(sb, "  ");
		safe_add(&name, c->competency->name);
		render_pad(sb, name.buf, w);
		strbuf_release(&name);
		strbuf_adds(sb, "  ");
		if (c->scored)
			render_bar(sb, c->score, bar, o->unicode);
		strbuf_adds(sb, tails[i]);
		strbuf_addc(sb, '\n');
		free(tails[i]);
	}
	free(tails);
}

/* A band's advice and the lesson it points to. */
static void band_advice(const struct render_opts *o, struct strbuf *sb,
			const struct band *b)
{
	render_text(o, sb, b->advice, "", "");
	if (b->lesson.target) {
		struct strbuf ref = { 0 };
		strbuf_adds(&ref, "Start with ");
		result_lesson_ref(&ref, b->lesson.target);
		strbuf_addc(&ref, '.');
		render_text(o, sb, ref.buf, "", "");
		strbuf_release(&ref);
	}
}

/* "  3. (partly) The prompt, wrapped under itself  → read lesson". */
static void missed_line(const struct render_opts *o, struct strbuf *sb,
			size_t n, const struct run_item *it)
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
		strbuf_addf(&tail, "  %s read %s", o->arrow,
			    it->question->lesson.id);
		spans[1].text = tail.buf;
	}
	rest = xasprintf("%*s", 6, "");
	render_spans(o, sb, spans, 2, head.buf, rest);
	free(rest);
	strbuf_release(&head);
	strbuf_release(&tail);
}

static void quiz_text(const struct run *run, const struct result *res,
		      const struct render_opts *o, struct strbuf *out)
{
	const struct quiz *q = run->quiz;
	struct strbuf sb = { 0 };
	size_t i, missed = 0;

	strbuf_addc(&sb, '\n');
	render_heading(o, &sb, STYLE_TITLE, "Your result");
	{
		char *e = render_number(res->earned),
		     *p = render_number(res->possible);
		strbuf_addf(&sb, "  Score:  %d%% (%s of %s points)\n",
			    score_percent(res->score), e, p);
		free(e);
		free(p);
	}
	if (res->band) {
		strbuf_adds(&sb, "  Band:   ");
		safe_add(&sb, res->band->label);
		strbuf_addc(&sb, '\n');
	}
	strbuf_adds(&sb, "  Passed: ");
	strbuf_adds(&sb, o->on[res->passed ? STYLE_GOOD : STYLE_BAD]);
	strbuf_adds(&sb, res->passed ? "yes" : "not yet");
	strbuf_adds(&sb, o->off);
	strbuf_addf(&sb, " (pass mark %d%%)\n", score_percent(q->pass));
	if (res->band) {
		strbuf_addc(&sb, '\n');
		band_advice(o, &sb, res->band);
	}
	strbuf_addc(&sb, '\n');
	render_heading(o, &sb, STYLE_BOLD, "By competency");
	chart(o, &sb, res, true);
	for (i = 0; i < run->n_items; i++)
		if (run->items[i].outcome != OUTCOME_RIGHT)
			missed++;
	if (missed) {
		strbuf_addc(&sb, '\n');
		char *head = xasprintf("To go over (%zu)", missed);
		render_heading(o, &sb, STYLE_BOLD, head);
		free(head);
		for (i = 0; i < run->n_items; i++)
			missed_line(o, &sb, i + 1, &run->items[i]);
	}
	strbuf_adds(out, strbuf_str(&sb));
	strbuf_release(&sb);
}

static void assess_text(const struct run *run, const struct result *res,
			const struct render_opts *o, struct strbuf *out)
{
	struct strbuf sb = { 0 };
	size_t i;
	(void)run;

	strbuf_addc(&sb, '\n');
	render_heading(o, &sb, STYLE_TITLE, "Your result");
	if (!res->scored) {
		render_text(o, &sb,
			    "Not enough answers to score: answer at least "
			    "half of the statements of a competency.",
			    "  ", "  ");
		strbuf_adds(out, strbuf_str(&sb));
		strbuf_release(&sb);
		return;
	}
	strbuf_addf(&sb, "  Practice score: %d of 100\n",
		    score_percent(res->score));
	if (res->band) {
		strbuf_adds(&sb, "  Band:           ");
		safe_add(&sb, res->band->label);
		strbuf_addc(&sb, '\n');
		strbuf_addc(&sb, '\n');
		band_advice(o, &sb, res->band);
	}
	strbuf_addc(&sb, '\n');
	render_heading(o, &sb, STYLE_BOLD, "By competency");
	chart(o, &sb, res, false);
	if (res->not_applicable) {
		char *line = xasprintf(
			"%zu statement%s had not come up for you; %s left out "
			"of the score, and a competency with too few of the "
			"others says so rather than guess.",
			res->not_applicable,
			res->not_applicable == 1 ? "" : "s",
			res->not_applicable == 1 ? "it is" : "they are");
		strbuf_addc(&sb, '\n');
		render_text(o, &sb, line, "", "");
		free(line);
	}
	if (res->straight_lining) {
		strbuf_addc(&sb, '\n');
		strbuf_adds(&sb, o->on[STYLE_PART]);
		render_text(
			o, &sb,
			"Every answer was the same. Some statements describe "
			"the habit to avoid, so one answer for all of them "
			"rarely describes anyone; the score may not reflect "
			"you. Consider taking it again, reading each "
			"statement on its own.",
			"", "");
		strbuf_adds(&sb, o->off);
	}
	if (res->n_actions) {
		strbuf_addc(&sb, '\n');
		strbuf_adds(&sb, o->on[STYLE_BOLD]);
		strbuf_addf(&sb, "Your next %s\n",
			    res->n_actions == 1	  ? "action"
			    : res->n_actions == 2 ? "two actions"
						  : "three actions");
		strbuf_adds(&sb, o->off);
		for (i = 0; i < res->n_actions; i++) {
			const struct next_action *n = &res->actions[i];
			char num[32];
			snprintf(num, sizeof(num), "  %zu. ", i + 1);
			if (n->text) {
				render_text(o, &sb, n->text, num, "     ");
				if (n->lesson) {
					struct strbuf ref = { 0 };
					strbuf_adds(&ref, "Read ");
					result_lesson_ref(&ref, n->lesson);
					strbuf_addc(&ref, '.');
					render_text(o, &sb, ref.buf, "     ",
						    "     ");
					strbuf_release(&ref);
				}
			} else {
				struct strbuf ref = { 0 };
				strbuf_adds(&ref, "Work on ");
				strbuf_adds(&ref, n->competency->name);
				if (n->lesson) {
					strbuf_adds(&ref, ": read ");
					result_lesson_ref(&ref, n->lesson);
				}
				strbuf_addc(&ref, '.');
				render_text(o, &sb, ref.buf, num, "     ");
				strbuf_release(&ref);
			}
		}
	}
	strbuf_adds(out, strbuf_str(&sb));
	strbuf_release(&sb);
}

static void exercise_text(const struct run *run, const struct result *res,
			  const struct render_opts *o, struct strbuf *out)
{
	struct strbuf sb = { 0 };
	char *e = render_number(res->earned), *p = render_number(res->possible);
	(void)run;

	strbuf_addc(&sb, '\n');
	render_heading(o, &sb, STYLE_TITLE, "Your result");
	strbuf_addf(&sb, "  Score:  %d%% (%s of %s)\n",
		    score_percent(res->score), e, p);
	free(e);
	free(p);
	strbuf_addc(&sb, '\n');
	render_heading(o, &sb, STYLE_BOLD, "By competency");
	chart(o, &sb, res, true);
	render_text(o, &sb,
		    "In a sales meeting the team works through the same "
		    "scenarios together; the discussion is where most "
		    "of the learning happens.",
		    "\n", "");
	strbuf_adds(out, strbuf_str(&sb));
	strbuf_release(&sb);
}

static void review_text(const struct run *run, const struct result *res,
			const struct render_opts *o, struct strbuf *out)
{
	struct strbuf sb = { 0 };
	size_t right = 0, i;

	for (i = 0; i < run->n_items; i++)
		if (run->items[i].outcome == OUTCOME_RIGHT)
			right++;
	strbuf_addc(&sb, '\n');
	render_heading(o, &sb, STYLE_TITLE, "Review done");
	strbuf_addf(&sb, "  %zu of %zu right", right, res->total);
	if (right < res->total)
		strbuf_addf(&sb, "; the other %zu come back tomorrow",
			    res->total - right);
	strbuf_adds(&sb, ".\n");
	strbuf_adds(out, strbuf_str(&sb));
	strbuf_release(&sb);
}

char *result_text(const struct run *run, const struct result *res,
		  const struct render_opts *o)
{
	struct strbuf out = { 0 };

	switch (run->kind) {
	case RUN_QUIZ:
		quiz_text(run, res, o, &out);
		break;
	case RUN_ASSESSMENT:
		assess_text(run, res, o, &out);
		break;
	case RUN_EXERCISE:
		exercise_text(run, res, o, &out);
		break;
	case RUN_REVIEW:
		review_text(run, res, o, &out);
		break;
	}
	return out.buf ? strbuf_detach(&out) : xstrdup("");
}
