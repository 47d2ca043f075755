/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report_text.c - the team report as text for the terminal, beside its
 * HTML sibling (report_html.c): where people stand by competency, the
 * self-assessment next to knowledge, scores over time, the most missed
 * questions, drawn with struct render_opts. */
#include "report_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "render.h"
#include "score.h"
#include "text.h"

#define NAME_W	     14
#define CELL_W	     9
#define MISSED_SHOWN 5

/* Appends text made safe for a terminal, on one line. */
static void safe_add(struct strbuf *sb, const char *text)
{
	char *safe = text_sanitize(text ? text : "", TEXT_ONE_LINE);

	strbuf_adds(sb, safe);
	free(safe);
}

static void cell(struct strbuf *sb, const struct figure *f)
{
	if (f->has)
		strbuf_addf(sb, "%*d%%", CELL_W - 1, score_percent(f->value));
	else
		strbuf_addf(sb, "%*s", CELL_W, "-");
}

/* A name made safe, cut and padded to w columns. */
static void name_cell(const struct render_opts *o, struct strbuf *sb,
		      const char *name, size_t w)
{
	struct strbuf safe = { 0 }, cutted = { 0 };

	safe_add(&safe, name);
	render_cut(&cutted, strbuf_str(&safe), w - 1, o->unicode);
	render_pad(sb, strbuf_str(&cutted), w);
	strbuf_release(&safe);
	strbuf_release(&cutted);
}

/* The table, too wide for the terminal, as a list: each person's name,
 * then their figures one competency a line. */
static void table_list(const struct render_opts *o, struct strbuf *sb,
		       const struct report *r)
{
	size_t c, i, w = 3; /* "All" */

	for (c = 0; c < r->n_comps; c++)
		if (render_width(report_comp_name(r, c)) > w)
			w = render_width(report_comp_name(r, c));
	for (i = 0; i <= r->n_people; i++) {
		bool team = i == r->n_people;
		struct strbuf name = { 0 };
		safe_add(&name, team ? "Team" : r->people[i].name);
		strbuf_adds(sb, "  ");
		strbuf_adds(sb, o->on[STYLE_BOLD]);
		strbuf_adds(sb, name.buf);
		strbuf_adds(sb, o->off);
		strbuf_addc(sb, '\n');
		for (c = 0; c <= r->n_comps; c++) {
			struct strbuf label = { 0 };
			safe_add(&label, report_comp_name(r, c));
			strbuf_adds(sb, "    ");
			render_pad(sb, label.buf, w);
			cell(sb, report_knowledge(r, i, c));
			strbuf_addc(sb, '\n');
			strbuf_release(&label);
		}
		strbuf_release(&name);
	}
}

static void table(const struct render_opts *o, struct strbuf *sb,
		  const struct report *r)
{
	size_t c, i;

	if (2 + NAME_W + (r->n_comps + 1) * CELL_W > o->width) {
		table_list(o, sb, r);
		return;
	}
	strbuf_addf(sb, "%*s", NAME_W + 2, "");
	for (c = 0; c <= r->n_comps; c++) {
		const char *name = report_comp_name(r, c);
		struct strbuf safe = { 0 }, head = { 0 };
		safe_add(&safe, name);
		render_cut(&head, strbuf_str(&safe), CELL_W - 1, o->unicode);
		strbuf_addf(sb, "%*s%s",
			    (int)(CELL_W - render_width(strbuf_str(&head))), "",
			    strbuf_str(&head));
		strbuf_release(&safe);
		strbuf_release(&head);
	}
	strbuf_addc(sb, '\n');
	for (i = 0; i <= r->n_people; i++) {
		bool team = i == r->n_people;
		strbuf_adds(sb, "  ");
		if (team)
			strbuf_adds(sb, o->on[STYLE_BOLD]);
		name_cell(o, sb, team ? "Team" : r->people[i].name, NAME_W);
		for (c = 0; c <= r->n_comps; c++) {
			cell(sb, report_knowledge(r, i, c));
		}
		if (team)
			strbuf_adds(sb, o->off);
		strbuf_addc(sb, '\n');
	}
}

static void self_lines(const struct render_opts *o, struct strbuf *sb,
		       const struct report *r)
{
	size_t i;
	bool any = false;

	for (i = 0; i < r->n_people; i++) {
		const struct report_person *p = &r->people[i];
		struct strbuf head = { 0 };
		struct span note = { NULL, true, STYLE_PART };
		char self[16], know[16], *gap_text = NULL;
		if (!p->self_all.has && !p->knowledge_all.has)
			continue;
		any = true;
		snprintf(self, sizeof(self), p->self_all.has ? "%d" : "-",
			 score_percent(p->self_all.value));
		snprintf(know, sizeof(know),
			 p->knowledge_all.has ? "%d%%" : "-",
			 score_percent(p->knowledge_all.value));
		/* the figures in columns beside the name, or below it when
		 * the width has no room for both */
		if (o->width < 2 + NAME_W + 2 + 26) {
			strbuf_adds(sb, "  ");
			safe_add(sb, p->name);
			strbuf_addc(sb, '\n');
			strbuf_adds(&head, "    ");
		} else {
			strbuf_adds(&head, "  ");
			name_cell(o, &head, p->name, NAME_W);
			strbuf_adds(&head, "  ");
		}
		strbuf_addf(&head, "self %4s   knowledge %4s", self, know);
		if (p->self_all.has && p->knowledge_all.has) {
			int gap = score_percent(p->self_all.value) -
				  score_percent(p->knowledge_all.value);
			if (gap >= 15 || gap <= -15)
				gap_text = xasprintf(
					"%s by %d",
					gap > 0 ? "rates own habits higher"
						: "rates own habits lower",
					gap > 0 ? gap : -gap);
		}
		if (gap_text) {
			note.text = gap_text;
			strbuf_adds(&head, "   ");
			render_spans(o, sb, &note, 1, head.buf, "      ");
		} else {
			strbuf_adds(sb, head.buf);
			strbuf_addc(sb, '\n');
		}
		free(gap_text);
		strbuf_release(&head);
	}
	if (!any)
		render_text(o, sb,
			    "No finished self-assessments or quizzes yet.",
			    "  ", "  ");
}

static void trend_lines(const struct render_opts *o, struct strbuf *sb,
			const struct report *r)
{
	size_t i, k;
	bool any = false;

	for (i = 0; i < r->n_people; i++) {
		const struct report_person *p = &r->people[i];
		double *v;
		if (!p->n_trend)
			continue;
		any = true;
		v = xcalloc(p->n_trend, sizeof(*v));
		for (k = 0; k < p->n_trend; k++)
			v[k] = p->trend[k].score;
		strbuf_adds(sb, "  ");
		name_cell(o, sb, p->name, NAME_W);
		strbuf_adds(sb, "  ");
		render_sparkline(o, sb, v, p->n_trend > 24 ? 24 : p->n_trend);
		if (p->n_trend == 1)
			strbuf_addf(sb, "  %d%% in 1 attempt\n",
				    score_percent(v[0]));
		else
			strbuf_addf(sb, "  %d%% %s %d%% over %zu attempts\n",
				    score_percent(v[0]), o->arrow,
				    score_percent(v[p->n_trend - 1]),
				    p->n_trend);
		free(v);
	}
	if (!any)
		render_text(o, sb, "No finished quizzes or exercises yet.",
			    "  ", "  ");
}

static void missed_lines(const struct render_opts *o, struct strbuf *sb,
			 const struct report *r)
{
	size_t i;

	for (i = 0; i < r->n_misses && i < MISSED_SHOWN; i++) {
		const struct report_miss *m = &r->misses[i];
		const struct report_pick *top = report_top_pick(m);
		const struct competency *comp =
			m->competency
				? course_find_kind(r->course, m->competency,
						   ITEM_COMPETENCY)
				: NULL;
		char *head =
			xasprintf("%zu. missed %zu of %zu (%d%%)%s%s: ", i + 1,
				  m->missed, m->asked,
				  score_percent(100.0 * (double)m->missed /
						(double)m->asked),
				  comp ? o->sep : "", comp ? comp->name : "");
		char *text = xasprintf("%s%s", head,
				       report_item_text(r->course, m->item));
		render_text(o, sb, text, "  ", "     ");
		free(text);
		free(head);
		if (top) {
			const char *said = report_choice_text(
				r->course, m->item, top->choice);
			text = xasprintf("chosen most often: %s", said);
			render_text(o, sb, text, "     ", "     ");
			free(text);
		}
	}
	if (!r->n_misses)
		strbuf_adds(sb, "  Nothing missed yet.\n");
}

char *report_text(const struct report *r, const struct render_opts *o,
		  const char *scope)
{
	struct strbuf sb = { 0 }, line = { 0 };
	size_t finished = 0, i;

	for (i = 0; i < r->n_people; i++)
		finished += r->people[i].finished;
	strbuf_adds(&line, "Team report: ");
	strbuf_adds(&line, r->course->title);
	render_heading(o, &sb, STYLE_TITLE, line.buf);
	strbuf_reset(&line);
	strbuf_addf(&line, "%s%s%zu %s, %zu finished attempt%s, %zu answers",
		    scope, o->sep, r->n_people,
		    r->n_people == 1 ? "person" : "people", finished,
		    finished == 1 ? "" : "s", r->answers);
	render_text(o, &sb, line.buf, "", "");
	strbuf_release(&line);
	if (!r->attempts) {
		strbuf_adds(&sb, "\nNo results here yet.\n");
		return strbuf_detach(&sb);
	}
	strbuf_addc(&sb, '\n');
	render_heading(o, &sb, STYLE_TITLE, "Knowledge by competency");
	render_text(o, &sb,
		    "(the latest finished attempt of each quiz and exercise)",
		    "  ", "  ");
	if (r->team_knowledge_all.has)
		table(o, &sb, r);
	else
		render_text(o, &sb, "No finished quizzes or exercises yet.",
			    "  ", "  ");
	strbuf_addc(&sb, '\n');
	render_heading(o, &sb, STYLE_TITLE,
		       "Self-assessment next to knowledge");
	self_lines(o, &sb, r);
	strbuf_addc(&sb, '\n');
	render_heading(o, &sb, STYLE_TITLE, "Scores over time");
	trend_lines(o, &sb, r);
	strbuf_addc(&sb, '\n');
	render_heading(o, &sb, STYLE_TITLE, "Most missed");
	missed_lines(o, &sb, r);
	return strbuf_detach(&sb);
}
