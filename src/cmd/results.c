/* SPDX-License-Identifier: GPL-3.0-or-later */
/* results.c - what the store remembers, shown: history, progress over time,
 * users. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/model.h"
#include "../core/render.h"
#include "../core/score.h"
#include "../core/store.h"
#include "../core/text.h"
#include "present.h"

/* "2026-11-27 09:14" in local time, for a time in ms. */
static void stamp(struct strbuf *sb, int64_t ms)
{
	time_t tt = (time_t)ms_to_seconds(ms);
	struct tm tm;
	char buf[32];

	localtime_r(&tt, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M", &tm);
	strbuf_adds(sb, buf);
}

/* The title of the quiz, assessment or exercise called id, or id. */
static const char *title_for(const struct course *c, const char *kind,
			     const char *id)
{
	const char *title;

	if (strcmp(kind, "review") == 0)
		return "Review of missed questions";
	title = item_title(course_find(c, id));
	return title ? title : id;
}

static void fail_with(struct app *app, char *err)
{
	char *safe = text_sanitize(err, TEXT_ONE_LINE);

	app_error(app, "%s", safe);
	free(safe);
	free(err);
}

static void whose(struct app *app, struct strbuf *sb, const char *what)
{
	struct strbuf line = { 0 };

	strbuf_addf(&line, "%s of ", what);
	app_safe(&line, app->user);
	strbuf_adds(&line, " in '");
	app_safe(&line, app->course->title);
	strbuf_addc(&line, '\'');
	present_heading(app, sb, line.buf);
	strbuf_release(&line);
}

/* "  2026-11-02 09:14  quiz        ": what comes before a history title */
#define HISTORY_HEAD 32

static int cmd_history(struct app *app, const struct cmd_args *args)
{
	struct history_row *rows;
	struct strbuf sb = { 0 }, *tails;
	size_t n, i, w = 0, tw = 0;
	char *err = NULL;

	(void)args;
	if (store_history(app->store, app->user_id, app->course->item.id, &rows,
			  &n, &err) != 0) {
		fail_with(app, err);
		return EXIT_FAILED;
	}
	whose(app, &sb, "History");
	tails = xcalloc(n + 1, sizeof(*tails));
	for (i = 0; i < n; i++) {
		const struct history_row *h = &rows[i];
		size_t k =
			render_width(title_for(app->course, h->kind, h->item));
		if (k > w)
			w = k;
		if (strcmp(h->status, "finished") == 0 && h->scored) {
			strbuf_addf(&tails[i],
				    strcmp(h->kind, "assessment") == 0
					    ? "  %3d    "
					    : "  %3d%%   ",
				    score_percent(h->score));
			if (h->band)
				app_safe(&tails[i], h->band);
			if (strcmp(h->kind, "quiz") == 0)
				strbuf_adds(&tails[i],
					    h->passed ? ", passed"
						      : ", not passed");
		} else if (strcmp(h->status, "open") == 0) {
			strbuf_addf(&tails[i],
				    "  unfinished: %zu of %zu answered",
				    h->answered, h->total);
		} else if (strcmp(h->status, "abandoned") == 0) {
			strbuf_addf(&tails[i], "  set aside after %zu of %zu",
				    h->answered, h->total);
		}
		if (render_width(strbuf_str(&tails[i])) > tw)
			tw = render_width(strbuf_str(&tails[i]));
	}
	/* the titles wrap in their column, as wide as the longest (40 at
	 * most) or as the terminal leaves; too narrow, each row is stacked */
	if (w > 40)
		w = 40;
	if (HISTORY_HEAD + w + tw > app->width)
		w = app->width >= HISTORY_HEAD + tw + 12
			    ? app->width - HISTORY_HEAD - tw
			    : 0;
	for (i = 0; i < n; i++) {
		const struct history_row *h = &rows[i];
		struct strbuf title = { 0 };
		char *safe =
			text_sanitize(title_for(app->course, h->kind, h->item),
				      TEXT_ONE_LINE);
		strbuf_adds(&sb, "  ");
		stamp(&sb, h->finished ? h->finished : h->started);
		if (!w) {
			const char *tail = strbuf_str(&tails[i]);
			strbuf_addf(&sb, "  %s\n", h->kind);
			render_wrap(&sb, safe, app->width, "    ", "    ");
			if (*tail)
				render_wrap(&sb, tail + strspn(tail, " "),
					    app->width, "    ", "    ");
		} else {
			char *line = NULL, *nl;
			strbuf_addf(&sb, "  %-10s  ", h->kind);
			render_wrap(&title, *safe ? safe : "-", w, "", "");
			for (line = title.buf; line && *line; line = nl + 1) {
				nl = strchr(line, '\n');
				*nl = '\0';
				if (line != title.buf)
					strbuf_addf(&sb, "%*s", HISTORY_HEAD,
						    "");
				/* the outcome after the title's last line */
				if (!nl[1] && tails[i].len) {
					render_pad(&sb, line, w);
					strbuf_adds(&sb, tails[i].buf);
				} else {
					strbuf_adds(&sb, line);
				}
				strbuf_addc(&sb, '\n');
			}
		}
		free(safe);
		strbuf_release(&title);
		strbuf_release(&tails[i]);
	}
	free(tails);
	if (n == 0)
		app_wrapf(app, &sb,
			  "  Nothing yet: take a quiz or a self-assessment "
			  "and it shows here.\n");
	app_page(app, sb.buf);
	strbuf_release(&sb);
	store_free_history(rows, n);
	return EXIT_OK;
}

const struct cmd_entry cmd_history_entry = {
	.name = "history",
	.max_args = 0,
	.summary = "list your attempts with their scores",
	.flags = CMD_COURSE | CMD_STORE | CMD_READS,
	.run = cmd_history,
};

/* The scores of one competency from finished attempts of kind, oldest
 * first; *n of them. Caller frees. */
static double *scores_of(struct app *app, const char *competency,
			 const char *kind, size_t *n, int64_t *last)
{
	struct score_point *pts;
	size_t m, i;
	double *v;
	char *err = NULL;

	*n = 0;
	if (store_competency_scores(app->store, app->user_id,
				    app->course->item.id, competency, &pts, &m,
				    &err) != 0) {
		free(err);
		return NULL;
	}
	v = xcalloc(m ? m : 1, sizeof(*v));
	for (i = 0; i < m; i++) {
		if (strcmp(pts[i].kind, kind) != 0 || !pts[i].scored)
			continue;
		v[(*n)++] = pts[i].score;
		if (last)
			*last = pts[i].finished;
	}
	store_free_points(pts, m);
	return v;
}

/* One section of sparklines: every competency's scores in attempts of
 * kind. Returns whether there was anything. */
static bool trend(struct app *app, struct strbuf *sb, const char *kind,
		  const char *heading, const char *unit, size_t w)
{
	const struct course *c = app->course;
	bool any = false;
	size_t i;

	for (i = 0; i < c->competencies.n; i++) {
		const struct competency *comp = c->competencies.v[i];
		size_t n;
		double *v = scores_of(app, comp->item.id, kind, &n, NULL);
		struct strbuf name = { 0 };
		if (!v || n == 0) {
			free(v);
			continue;
		}
		if (!any) {
			strbuf_addc(sb, '\n');
			strbuf_adds(sb, app_on(app, STYLE_BOLD));
			strbuf_adds(sb, heading);
			strbuf_adds(sb, app_off(app));
			strbuf_addc(sb, '\n');
		}
		any = true;
		strbuf_adds(sb, "  ");
		app_safe(&name, comp->name);
		render_pad(sb, name.buf, w);
		strbuf_release(&name);
		strbuf_adds(sb, "  ");
		present_sparkline(app, sb, v, n);
		strbuf_addf(sb, "  %d%s", score_percent(v[0]), unit);
		if (n > 1)
			strbuf_addf(sb, " %s %d%s", app->arrow,
				    score_percent(v[n - 1]), unit);
		strbuf_addc(sb, '\n');
		free(v);
	}
	return any;
}

static int cmd_progress(struct app *app, const struct cmd_args *args)
{
	const struct course *c = app->course;
	struct strbuf sb = { 0 };
	size_t i, w = 0, bar = 12;
	bool any, stacked;
	const char *gap_name = NULL;
	double gap = 0, gap_know = 0, gap_do = 0;

	(void)args;
	for (i = 0; i < c->competencies.n; i++) {
		size_t k = render_width(
			((struct competency *)c->competencies.v[i])->name);
		if (k > w)
			w = k;
	}
	whose(app, &sb, "Progress");
	any = trend(app, &sb, "quiz", "Knowledge checks, oldest to newest", "%",
		    w);
	any = trend(app, &sb, "assessment",
		    "Self-assessments, oldest to newest", "", w) ||
	      any;
	any = trend(app, &sb, "exercise",
		    "Exercises practised, oldest to newest", "%", w) ||
	      any;
	if (!any) {
		app_wrapf(app, &sb,
			  "  Nothing yet: take a quiz or a self-assessment "
			  "and your progress shows here.\n");
		app_page(app, sb.buf);
		strbuf_release(&sb);
		return EXIT_OK;
	}
	/* what you know next to what you do: the latest of each */
	strbuf_addc(&sb, '\n');
	app_wrap_styled(app, &sb, STYLE_BOLD,
			"What you know and what you do (latest knowledge "
			"check, latest self-assessment)");
	/* two bars of 12 cells and their figures beside the names, or below
	 * each name when the width has no room for that */
	stacked = 2 + w + 2 + 12 + 5 + 3 + 12 + 4 > app->width;
	if (stacked && 4 + 12 + 5 + 3 + 12 + 4 > app->width)
		bar = app->width > 4 + 5 + 3 + 4 + 6
			      ? (app->width - 4 - 5 - 3 - 4) / 2
			      : 3;
	for (i = 0; i < c->competencies.n; i++) {
		const struct competency *comp = c->competencies.v[i];
		size_t nk, nd;
		double *k = scores_of(app, comp->item.id, "quiz", &nk, NULL);
		double *d =
			scores_of(app, comp->item.id, "assessment", &nd, NULL);
		struct strbuf name = { 0 };
		strbuf_adds(&sb, "  ");
		app_safe(&name, comp->name);
		if (stacked) {
			strbuf_adds(&sb, name.buf);
			strbuf_adds(&sb, "\n    ");
		} else {
			render_pad(&sb, name.buf, w);
			strbuf_adds(&sb, "  ");
		}
		strbuf_release(&name);
		if (nk) {
			render_bar(&sb, k[nk - 1], bar, app->unicode);
			strbuf_addf(&sb, " %3d%%", score_percent(k[nk - 1]));
		} else {
			strbuf_addf(&sb, "%-*s", (int)bar + 5, "(no check)");
		}
		strbuf_adds(&sb, "   ");
		if (nd) {
			render_bar(&sb, d[nd - 1], bar, app->unicode);
			strbuf_addf(&sb, " %3d", score_percent(d[nd - 1]));
		} else {
			strbuf_adds(&sb, "(not rated)");
		}
		strbuf_addc(&sb, '\n');
		if (nk && nd && fabs(k[nk - 1] - d[nd - 1]) > fabs(gap)) {
			gap = k[nk - 1] - d[nd - 1];
			gap_name = comp->name;
			gap_know = k[nk - 1];
			gap_do = d[nd - 1];
		}
		free(k);
		free(d);
	}
	if (gap_name && fabs(gap) >= 20) {
		struct strbuf line = { 0 };
		strbuf_adds(&line, "The widest gap is in ");
		strbuf_adds(&line, gap_name);
		if (gap > 0)
			strbuf_addf(&line,
				    ": you know it well (%d%%) but do it "
				    "less (%d). Knowing is not the hard "
				    "part here; pick one next action "
				    "and do it this week.",
				    score_percent(gap_know),
				    score_percent(gap_do));
		else
			strbuf_addf(&line,
				    ": you do it (%d) more than the check "
				    "showed you know (%d%%). Reading the "
				    "lesson will put words to what you "
				    "already do.",
				    score_percent(gap_do),
				    score_percent(gap_know));
		strbuf_addc(&sb, '\n');
		app_wrap(app, &sb, line.buf, "", "");
		strbuf_release(&line);
	}
	app_page(app, sb.buf);
	strbuf_release(&sb);
	return EXIT_OK;
}

const struct cmd_entry cmd_progress_entry = {
	.name = "progress",
	.max_args = 0,
	.summary = "your scores over time, and what you know next to what "
		   "you do",
	.flags = CMD_COURSE | CMD_STORE | CMD_READS,
	.run = cmd_progress,
};

static int cmd_users(struct app *app, const struct cmd_args *args)
{
	struct user_row *rows;
	struct strbuf sb = { 0 };
	size_t n, i;
	char *err = NULL;

	(void)args;
	if (store_users(app->store, &rows, &n, &err) != 0) {
		fail_with(app, err);
		return EXIT_FAILED;
	}
	present_heading(app, &sb, "Users");
	for (i = 0; i < n; i++) {
		struct strbuf what = { 0 };
		strbuf_addf(&what, "%zu finished", rows[i].attempts);
		if (rows[i].last) {
			char *when = app_when(rows[i].last);
			strbuf_addf(&what, ", last active %s", when);
			free(when);
		}
		app_row(app, &sb,
			strcmp(rows[i].name, app->user) == 0 ? "* " : "  ",
			rows[i].name, 20, what.buf);
		strbuf_release(&what);
	}
	fputs(sb.buf, app->out);
	strbuf_release(&sb);
	store_free_users(rows, n);
	return EXIT_OK;
}

const struct cmd_entry cmd_users_entry = {
	.name = "users",
	.max_args = 0,
	.summary = "list the people with results here",
	.flags = CMD_STORE | CMD_READS,
	.run = cmd_users,
};

static int cmd_user(struct app *app, const struct cmd_args *args)
{
	if (!*args->argv[0]) {
		app_error(app, "a user needs a name");
		return EXIT_USAGE;
	}
	if (!app_set_user(app, args->argv[0], true))
		return EXIT_FAILED;
	{
		struct strbuf sb = { 0 };
		size_t due = review_due_count(app);
		strbuf_adds(&sb, "Now working as ");
		app_safe(&sb, app->user);
		strbuf_adds(&sb, due ? "; " : ".\n");
		if (due)
			strbuf_addf(&sb, "%zu question%s due for review.\n",
				    due, due == 1 ? " is" : "s are");
		fputs(sb.buf, app->out);
		strbuf_release(&sb);
	}
	return EXIT_OK;
}

const struct cmd_entry cmd_user_entry = {
	.name = "user",
	.min_args = 1,
	.max_args = 1,
	.usage = "NAME",
	.summary = "work as another person",
	.flags = CMD_COURSE | CMD_STORE | CMD_SHELL,
	.run = cmd_user,
};
