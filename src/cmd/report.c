/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report.c - the team report: where people stand by competency, their
 * scores over time, self-assessment next to knowledge, the most missed
 * questions; in the terminal, or as an HTML file to share and print. */
#include <stdlib.h>
#include <string.h>

#include "../core/model.h"
#include "../core/render.h"
#include "../core/report.h"
#include "../core/report_html.h"
#include "../core/score.h"
#include "../core/store.h"
#include "../core/text.h"
#include "present.h"

#define NAME_W	     14
#define CELL_W	     9
#define MISSED_SHOWN 5

/* What one pass over the records fills: the report, and for the HTML
 * page the item statistics. */
struct gathering {
	struct report *report;
	struct stats *stats; /* NULL without --html */
};

static int gather(void *ctx, const struct record *rec, char **err)
{
	struct gathering *g = ctx;

	(void)err;
	report_add(g->report, rec);
	if (g->stats)
		stats_add(g->stats, rec);
	return 0;
}

static void cell(struct strbuf *sb, const struct figure *f)
{
	if (f->has)
		strbuf_addf(sb, "%*d%%", CELL_W - 1, score_percent(f->value));
	else
		strbuf_addf(sb, "%*s", CELL_W, "-");
}

/* A name made safe, cut and padded to w columns. */
static void name_cell(const struct app *app, struct strbuf *sb,
		      const char *name, size_t w)
{
	struct strbuf safe = { 0 }, cutted = { 0 };

	app_safe(&safe, name);
	render_cut(&cutted, strbuf_str(&safe), w - 1, app->unicode);
	render_pad(sb, strbuf_str(&cutted), w);
	strbuf_release(&safe);
	strbuf_release(&cutted);
}

/* The table, too wide for the terminal, as a list: each person's name,
 * then their figures one competency a line. */
static void table_list(const struct app *app, struct strbuf *sb,
		       const struct report *r)
{
	size_t c, i, w = 3; /* "All" */

	for (c = 0; c < r->n_comps; c++) {
		const struct competency *comp = r->course->competencies.v[c];
		if (render_width(comp->name) > w)
			w = render_width(comp->name);
	}
	for (i = 0; i <= r->n_people; i++) {
		bool team = i == r->n_people;
		struct strbuf name = { 0 };
		app_safe(&name, team ? "Team" : r->people[i].name);
		strbuf_adds(sb, "  ");
		strbuf_adds(sb, app_on(app, STYLE_BOLD));
		strbuf_adds(sb, name.buf);
		strbuf_adds(sb, app_off(app));
		strbuf_addc(sb, '\n');
		for (c = 0; c <= r->n_comps; c++) {
			struct strbuf label = { 0 };
			app_safe(&label,
				 c < r->n_comps
					 ? ((const struct competency *)r->course
						    ->competencies.v[c])
						   ->name
					 : "All");
			strbuf_adds(sb, "    ");
			render_pad(sb, label.buf, w);
			cell(sb, report_knowledge(r, i, c));
			strbuf_addc(sb, '\n');
			strbuf_release(&label);
		}
		strbuf_release(&name);
	}
}

static void table(const struct app *app, struct strbuf *sb,
		  const struct report *r)
{
	size_t c, i;

	if (2 + NAME_W + (r->n_comps + 1) * CELL_W > app->width) {
		table_list(app, sb, r);
		return;
	}
	strbuf_addf(sb, "%*s", NAME_W + 2, "");
	for (c = 0; c <= r->n_comps; c++) {
		const char *name =
			c < r->n_comps ? ((const struct competency *)
						  r->course->competencies.v[c])
						 ->name
				       : "All";
		struct strbuf safe = { 0 }, head = { 0 };
		app_safe(&safe, name);
		render_cut(&head, strbuf_str(&safe), CELL_W - 1, app->unicode);
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
			strbuf_adds(sb, app_on(app, STYLE_BOLD));
		name_cell(app, sb, team ? "Team" : r->people[i].name, NAME_W);
		for (c = 0; c <= r->n_comps; c++) {
			cell(sb, report_knowledge(r, i, c));
		}
		if (team)
			strbuf_adds(sb, app_off(app));
		strbuf_addc(sb, '\n');
	}
}

static void self_lines(const struct app *app, struct strbuf *sb,
		       const struct report *r)
{
	size_t i;
	bool any = false;

	for (i = 0; i < r->n_people; i++) {
		const struct report_person *p = &r->people[i];
		char self[16], know[16];
		if (!p->self_all.has && !p->knowledge_all.has)
			continue;
		any = true;
		snprintf(self, sizeof(self), p->self_all.has ? "%d" : "-",
			 score_percent(p->self_all.value));
		snprintf(know, sizeof(know),
			 p->knowledge_all.has ? "%d%%" : "-",
			 score_percent(p->knowledge_all.value));
		struct strbuf head = { 0 }, figures = { 0 }, note = { 0 };
		struct span spans[2] = { { NULL, false, STYLE_PART },
					 { "", true, STYLE_PART } };
		strbuf_adds(&head, "  ");
		name_cell(app, &head, p->name, NAME_W);
		strbuf_adds(&head, "  ");
		strbuf_addf(&figures, "self %4s   knowledge %4s", self, know);
		if (p->self_all.has && p->knowledge_all.has) {
			int gap = score_percent(p->self_all.value) -
				  score_percent(p->knowledge_all.value);
			if (gap >= 15 || gap <= -15)
				strbuf_addf(&note, "   %s by %d",
					    gap > 0 ? "rates own habits higher"
						    : "rates own habits lower",
					    gap > 0 ? gap : -gap);
		}
		spans[0].text = figures.buf;
		if (note.len)
			spans[1].text = note.buf;
		if (app->width < NAME_W + 4 + 24) {
			strbuf_adds(sb, "  ");
			app_safe(sb, p->name);
			strbuf_addc(sb, '\n');
			app_wrap_spans(app, sb, spans, 2, "    ", "    ");
		} else {
			app_wrap_spans(app, sb, spans, 2, head.buf,
				       "                    ");
		}
		strbuf_release(&head);
		strbuf_release(&figures);
		strbuf_release(&note);
	}
	if (!any)
		app_wrapf(app, sb,
			  "  No finished self-assessments or quizzes yet.\n");
}

static void trend_lines(const struct app *app, struct strbuf *sb,
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
		name_cell(app, sb, p->name, NAME_W);
		strbuf_adds(sb, "  ");
		present_sparkline(app, sb, v,
				  p->n_trend > 24 ? 24 : p->n_trend);
		if (p->n_trend == 1)
			strbuf_addf(sb, "  %d%% in 1 attempt\n",
				    score_percent(v[0]));
		else
			strbuf_addf(sb, "  %d%% %s %d%% over %zu attempts\n",
				    score_percent(v[0]), app->arrow,
				    score_percent(v[p->n_trend - 1]),
				    p->n_trend);
		free(v);
	}
	if (!any)
		app_wrapf(app, sb, "  No finished quizzes or exercises yet.\n");
}

static void missed_lines(const struct app *app, struct strbuf *sb,
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
				  comp ? app->sep : "", comp ? comp->name : "");
		char *text = xasprintf("%s%s", head,
				       report_item_text(r->course, m->item));
		app_wrap(app, sb, text, "  ", "     ");
		free(text);
		free(head);
		if (top) {
			const char *said = report_choice_text(
				r->course, m->item, top->choice);
			text = xasprintf("chosen most often: %s", said);
			app_wrap(app, sb, text, "     ", "     ");
			free(text);
		}
	}
	if (!r->n_misses)
		strbuf_adds(sb, "  Nothing missed yet.\n");
}

static void text_report(struct app *app, const struct report *r,
			const char *scope)
{
	struct strbuf sb = { 0 }, line = { 0 };
	size_t finished = 0, i;

	for (i = 0; i < r->n_people; i++)
		finished += r->people[i].finished;
	strbuf_adds(&line, "Team report: ");
	strbuf_adds(&line, r->course->title);
	present_heading(app, &sb, line.buf);
	strbuf_reset(&line);
	strbuf_addf(&line, "%s%s%zu %s, %zu finished attempt%s, %zu answers",
		    scope, app->sep, r->n_people,
		    r->n_people == 1 ? "person" : "people", finished,
		    finished == 1 ? "" : "s", r->answers);
	app_wrap(app, &sb, line.buf, "", "");
	strbuf_release(&line);
	if (!r->attempts) {
		strbuf_adds(&sb, "\nNo results here yet.\n");
		app_page(app, sb.buf);
		strbuf_release(&sb);
		return;
	}
	strbuf_addc(&sb, '\n');
	present_heading(app, &sb, "Knowledge by competency");
	app_wrapf(app, &sb,
		  "  (the latest finished attempt of each quiz and "
		  "exercise)\n");
	if (r->team_knowledge_all.has)
		table(app, &sb, r);
	else
		app_wrapf(app, &sb,
			  "  No finished quizzes or exercises yet.\n");
	strbuf_addc(&sb, '\n');
	present_heading(app, &sb, "Self-assessment next to knowledge");
	self_lines(app, &sb, r);
	strbuf_addc(&sb, '\n');
	present_heading(app, &sb, "Scores over time");
	trend_lines(app, &sb, r);
	strbuf_addc(&sb, '\n');
	present_heading(app, &sb, "Most missed");
	missed_lines(app, &sb, r);
	app_page(app, sb.buf);
	strbuf_release(&sb);
}

static int cmd_report(struct app *app, const struct cmd_args *args)
{
	const char *html = cmd_value(args, "--html"),
		   *user = cmd_value(args, "--user"),
		   *all = cmd_value(args, "--all"),
		   *since = cmd_value(args, "--since");
	struct record_filter f;
	struct gathering g;
	struct report *r;
	char *err = NULL, *scope;
	int status = EXIT_OK;

	if (html && !*html) {
		app_error(app, "report: --html needs a file name");
		return EXIT_USAGE;
	}
	if (!app_filter(app, "report", user, all, since, &f))
		return EXIT_USAGE;
	r = report_new(app->course);
	g.report = r;
	g.stats = html ? stats_new(app->course, NULL) : NULL;
	if (store_each_record(app->store, &f, gather, &g, &err) != 0) {
		app_error(app, "%s", err);
		free(err);
		report_free(r);
		stats_free(g.stats);
		return EXIT_FAILED;
	}
	report_finish(r);
	if (g.stats)
		stats_finish(g.stats);
	scope = app_scope(&f, since);
	if (html) {
		struct report_html_options o = { scope, app_now(), g.stats };
		struct out_file of;
		size_t len;
		char *page = report_html(r, &o, &len);
		if (!out_file_open(app, &of, html)) {
			status = EXIT_FAILED;
		} else {
			bool to_file = of.path != NULL;
			fwrite(page, 1, len, of.f);
			if (!out_file_close(app, &of, true))
				status = EXIT_FAILED;
			else if (to_file) {
				char *safe = text_sanitize(html, TEXT_ONE_LINE);
				fprintf(app->out,
					"Wrote the report on %zu %s to %s.\n",
					r->n_people,
					r->n_people == 1 ? "person" : "people",
					safe);
				free(safe);
			}
		}
		free(page);
	} else {
		text_report(app, r, scope);
	}
	if (f.user && !r->attempts && !user)
		fprintf(app->out,
			"There is nothing of yours here; 'report --all'"
			" covers everyone.\n");
	free(scope);
	report_free(r);
	stats_free(g.stats);
	return status;
}

const struct cmd_entry cmd_report_entry = {
	.name = "report",
	.options = {
		{"--html", NULL, "FILE"},
		{"--user", NULL, "NAME"},
		{"--all", NULL, NULL},
		{"--since", NULL, "DATE"},
	},
	.max_args = 0,
	.usage = "[--html FILE] [--user NAME|--all] [--since DATE]",
	.summary = "where people stand: by competency, over time, most "
	    "missed questions",
	.extra = " (the file goes after --html)",
	.flags = CMD_COURSE | CMD_STORE | CMD_READS,
	.run = cmd_report,
};
