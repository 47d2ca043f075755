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
#include "../core/report_text.h"
#include "../core/score.h"
#include "../core/store.h"
#include "../core/text.h"
#include "present.h"

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
		struct report_html_options o = { scope, app_now_ms(), g.stats };
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
				app_say(app,
					"Wrote the report on %zu %s to %s.\n",
					r->n_people,
					r->n_people == 1 ? "person" : "people",
					safe);
				free(safe);
			}
		}
		free(page);
	} else {
		struct render_opts o;
		char *text;
		app_render_opts(app, &o);
		text = report_text(r, &o, scope);
		app_page(app, text);
		free(text);
	}
	if (f.user && !r->attempts && !user)
		app_say(app, "There is nothing of yours here; 'report --all'"
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
