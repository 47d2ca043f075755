/* SPDX-License-Identifier: GPL-3.0-or-later */
/* stats.c - `stats`: item statistics for trainers, as text or JSON, from
 * the finished attempts in the store (core/stats.h has the figures). */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/render.h"
#include "../core/report.h"
#include "../core/stats.h"
#include "../core/store.h"
#include "cmd.h"
#include "present.h"

static int gather(void *ctx, const struct record *r, char **err)
{
	(void)err;
	stats_add(ctx, r);
	return 0;
}

/* ---- text ---- */

static const char *kind_title(const char *kind)
{
	return strcmp(kind, "quiz") == 0	 ? "Quiz"
	       : strcmp(kind, "assessment") == 0 ? "Self-assessment"
						 : "Exercise";
}

/* The id column: as wide as the longest id, within reason. */
static size_t id_width(const struct stats_activity *a)
{
	size_t i, w = 8;

	for (i = 0; i < a->n_items; i++) {
		size_t n = render_width(a->items[i].item->id);
		if (n > w)
			w = n;
	}
	return w > 24 ? 24 : w;
}

static void id_cell(const struct app *app, struct strbuf *sb, const char *id,
		    size_t w)
{
	struct strbuf safe = { 0 }, cut = { 0 };

	app_safe(&safe, id);
	render_cut(&cut, strbuf_str(&safe), w, app->unicode);
	render_pad(sb, strbuf_str(&cut), w);
	strbuf_release(&safe);
	strbuf_release(&cut);
}

static void reliability_line(const struct app *app, struct strbuf *sb,
			     const struct stats_reliability *rel,
			     size_t attempts, const char *noun)
{
	char *line = stats_reliability_text(rel, attempts, noun, app->sep);

	app_wrap(app, sb, line, "  ", "    ");
	free(line);
}

static void distribution(const struct app *app, struct strbuf *sb,
			 const struct stats_activity *a)
{
	size_t i, most = 0;

	for (i = 0; i < 10; i++)
		if (a->hist[i] > most)
			most = a->hist[i];
	strbuf_adds(sb, "  Scores\n");
	for (i = 0; i < 10; i++) {
		char label[16];
		snprintf(label, sizeof(label), "%zu-%zu%%", 10 * i,
			 i == 9 ? (size_t)100 : 10 * i + 9);
		strbuf_addf(sb, "    %-8s ", label);
		if (a->hist[i])
			render_bar(sb,
				   100.0 * (double)a->hist[i] / (double)most,
				   30, app->unicode);
		else
			strbuf_addf(sb, "%30s", "");
		strbuf_addf(sb, " %zu\n", a->hist[i]);
	}
}

static void item_table(const struct app *app, struct strbuf *sb,
		       const struct stats_activity *a)
{
	size_t w = id_width(a), i;
	bool statements = a->item->kind == ITEM_ASSESSMENT;

	if (2 + w + 38 > app->width) {
		/* no room for the table: each item with its figures named
		 * below it */
		for (i = 0; i < a->n_items; i++) {
			const struct stats_item *si = &a->items[i];
			struct strbuf line = { 0 };
			strbuf_addf(sb, "  %s\n", si->item->id);
			strbuf_addf(&line, "n %zu", si->n);
			if (statements)
				strbuf_addf(&line, ", n/a %zu",
					    si->not_applicable);
			if (!si->judged)
				strbuf_adds(&line,
					    si->n ? ", too few answers to judge"
						  : ", not answered");
			else if (statements)
				strbuf_addf(&line, ", mean %.1f, SD %.2f",
					    si->mean, si->sd);
			else
				strbuf_addf(&line,
					    ", facility %.0f%%, SD %.0f%%",
					    100 * si->facility, 100 * si->sd);
			if (si->judged && si->has_discrimination)
				strbuf_addf(&line, ", %s %.2f",
					    statements ? "item-rest"
						       : "discrimination",
					    si->discrimination);
			app_wrap(app, sb, line.buf, "    ", "    ");
			strbuf_release(&line);
		}
		return;
	}
	strbuf_adds(sb, "  ");
	render_pad(sb, statements ? "statement" : "question", w);
	strbuf_adds(sb, statements
				? "     n  n/a  mean    SD  item-rest\n"
				: "     n  facility    SD  discrimination\n");
	for (i = 0; i < a->n_items; i++) {
		const struct stats_item *si = &a->items[i];
		strbuf_adds(sb, "  ");
		id_cell(app, sb, si->item->id, w);
		if (statements)
			strbuf_addf(sb, "%6zu %4zu", si->n, si->not_applicable);
		else
			strbuf_addf(sb, "%6zu", si->n);
		if (!si->judged) {
			strbuf_addf(sb, "  %s\n",
				    si->n ? "too few answers to judge"
					  : "not answered");
			continue;
		}
		if (statements)
			strbuf_addf(sb, "  %4.1f  %4.2f", si->mean, si->sd);
		else
			strbuf_addf(sb, "  %7.0f%%  %3.0f%%",
				    100 * si->facility, 100 * si->sd);
		if (si->has_discrimination)
			strbuf_addf(sb, "  %*.2f", statements ? 9 : 14,
				    si->discrimination);
		else
			strbuf_addf(sb, "  %*s", statements ? 9 : 14, "-");
		strbuf_addc(sb, '\n');
	}
}

static void flag_lines(const struct app *app, struct strbuf *sb,
		       const struct stats_activity *a)
{
	size_t i, n = 0;

	for (i = 0; i < a->n_items; i++) {
		const struct stats_item *si = &a->items[i];
		struct strbuf line = { 0 };
		if (!si->judged || !si->flags)
			continue;
		if (!n++)
			strbuf_adds(sb, "\n  To look at\n");
		strbuf_addf(&line, "%s: ", si->item->id);
		stats_flags_text(&line, si->flags);
		app_wrap(app, sb, line.buf, "    ", "      ");
		strbuf_release(&line);
	}
}

static void share_cell(struct strbuf *sb, size_t k, size_t n)
{
	if (n)
		strbuf_addf(sb, "%6.0f%%", 100.0 * (double)k / (double)n);
	else
		strbuf_addf(sb, "%7s", "-");
}

static void option_tables(const struct app *app, struct strbuf *sb,
			  const struct stats_activity *a)
{
	size_t i, o, any = 0;
	size_t width = app->width > 20 ? app->width : 80;

	for (i = 0; i < a->n_items; i++) {
		const struct stats_item *si = &a->items[i];
		struct strbuf title = { 0 }, safe = { 0 };
		if (!si->n_options || !si->judged)
			continue; /* shares of a handful mean nothing */
		if (!any++) {
			strbuf_addc(sb, '\n');
			app_wrap(app, sb,
				 "Options: the share of answers choosing each, "
				 "overall and in the top and bottom thirds of "
				 "the attempts by score (* the key)",
				 "  ", "  ");
		}
		app_safe(&safe, report_item_text(app->course, si->item->id));
		strbuf_addf(&title, "%s  ", si->item->id);
		render_cut(&title, strbuf_str(&safe),
			   width - 4 - render_width(title.buf), app->unicode);
		strbuf_addf(sb, "\n  %s\n", title.buf);
		strbuf_release(&title);
		strbuf_release(&safe);
		strbuf_addf(sb, "    %-22s %7s %7s %7s\n", "option", "all",
			    "top", "bottom");
		for (o = 0; o < si->n_options; o++) {
			const struct stats_option *op = &si->options[o];
			struct strbuf id = { 0 };
			strbuf_adds(&id, op->key ? "* " : "  ");
			id_cell(app, &id, op->choice->id, 20);
			strbuf_addf(sb, "    %s ", id.buf);
			strbuf_release(&id);
			share_cell(sb, op->picks, si->n);
			share_cell(sb, op->top, si->n_top);
			share_cell(sb, op->bottom, si->n_bottom);
			strbuf_addc(sb, '\n');
		}
	}
}

static void competency_table(const struct app *app, struct strbuf *sb,
			     const struct stats_activity *a)
{
	size_t c;

	if (app->width < 44) {
		/* no room for the table: each competency with its figures
		 * named below it */
		for (c = 0; c < a->n_comps; c++) {
			const struct stats_competency *sc = &a->comps[c];
			char *line;
			strbuf_adds(sb, "  ");
			app_safe(sb, sc->competency->name);
			strbuf_addc(sb, '\n');
			if (!sc->judged)
				line = xasprintf(
					"n %zu, too few attempts to judge",
					sc->n);
			else if (sc->rel.has)
				line = xasprintf(
					"n %zu, mean %.0f, SD %.1f, alpha "
					"%.2f",
					sc->n, sc->mean, sc->sd, sc->rel.alpha);
			else
				line = xasprintf(
					"n %zu, mean %.0f, SD %.1f, alpha "
					"- (%s)",
					sc->n, sc->mean, sc->sd, sc->rel.why);
			app_wrap(app, sb, line, "    ", "    ");
			free(line);
		}
		return;
	}
	strbuf_adds(sb, "  competency          n  mean    SD  alpha\n");
	for (c = 0; c < a->n_comps; c++) {
		const struct stats_competency *sc = &a->comps[c];
		strbuf_adds(sb, "  ");
		id_cell(app, sb, sc->competency->name, 16);
		strbuf_addf(sb, "%5zu", sc->n);
		if (!sc->judged) {
			strbuf_adds(sb, "  too few attempts to judge\n");
			continue;
		}
		strbuf_addf(sb, "  %4.0f  %4.1f", sc->mean, sc->sd);
		if (sc->rel.has)
			strbuf_addf(sb, "  %5.2f\n", sc->rel.alpha);
		else
			strbuf_addf(sb, "  -  (%s)\n", sc->rel.why);
	}
}

static void text_activity(const struct app *app, struct strbuf *sb,
			  const struct stats_activity *a)
{
	struct strbuf line = { 0 };
	const char *title = item_title(a->item);

	strbuf_addf(&line, "%s '%s'%s%s", kind_title(a->kind), a->item->id,
		    title ? ": " : "", title ? title : "");
	strbuf_addc(sb, '\n');
	present_heading(app, sb, line.buf);
	strbuf_reset(&line);
	if (!a->attempts) {
		strbuf_adds(sb, "  No finished attempts.\n");
		strbuf_release(&line);
		return;
	}
	strbuf_addf(&line,
		    "%zu finished attempt%s%smean %.0f%sSD %.1f%smedian %.0f%s"
		    "range %.0f to %.0f",
		    a->attempts, a->attempts == 1 ? "" : "s", app->sep, a->mean,
		    app->sep, isnan(a->sd) ? 0 : a->sd, app->sep, a->median,
		    app->sep, a->min, a->max);
	app_wrap(app, sb, line.buf, "  ", "    ");
	if (!a->judged) {
		strbuf_reset(&line);
		strbuf_addf(&line,
			    "Too few attempts to judge: the figures need %d "
			    "answers to a question, and a test's reliability "
			    "%d attempts.",
			    STATS_MIN_ATTEMPTS, STATS_MIN_ATTEMPTS);
		app_wrap(app, sb, line.buf, "  ", "  ");
	}
	strbuf_release(&line);
	if (a->item->kind == ITEM_ASSESSMENT) {
		strbuf_addc(sb, '\n');
		competency_table(app, sb, a);
	} else {
		distribution(app, sb, a);
		reliability_line(app, sb, &a->rel, a->attempts,
				 a->item->kind == ITEM_QUIZ ? "questions"
							    : "scenarios");
	}
	strbuf_addc(sb, '\n');
	item_table(app, sb, a);
	flag_lines(app, sb, a);
	option_tables(app, sb, a);
}

static void text_stats(struct app *app, const struct stats *s,
		       const char *scope)
{
	struct strbuf sb = { 0 }, line = { 0 };
	size_t i;

	strbuf_adds(&line, "Item statistics: ");
	strbuf_adds(&line, s->course->title);
	present_heading(app, &sb, line.buf);
	strbuf_reset(&line);
	strbuf_addf(&line,
		    "%s%s%zu finished attempt%s. Each figure needs %d answers "
		    "or more; discrimination is the item's correlation with "
		    "the rest of the test.",
		    scope, app->sep, s->records, s->records == 1 ? "" : "s",
		    STATS_MIN_ATTEMPTS);
	app_wrap(app, &sb, line.buf, "", "");
	strbuf_release(&line);
	for (i = 0; i < s->n_acts; i++)
		text_activity(app, &sb, &s->acts[i]);
	app_page(app, sb.buf);
	strbuf_release(&sb);
}

/* ---- JSON ---- */

static json_t *number(bool has, double v)
{
	return has && isfinite(v) ? json_real(v) : json_null();
}

static json_t *share(size_t k, size_t n)
{
	return n ? json_real((double)k / (double)n) : json_null();
}

static json_t *reliability_json(const struct stats_reliability *rel)
{
	json_t *o = json_object();

	json_object_set_new(o, "alpha", number(rel->has, rel->alpha));
	json_object_set_new(o, "kr20", json_boolean(rel->kr20));
	json_object_set_new(o, "pairwise", json_boolean(rel->pairwise));
	json_object_set_new(o, "items", json_integer((json_int_t)rel->items));
	json_object_set_new(o, "left_out_constant",
			    json_integer((json_int_t)rel->constant));
	json_object_set_new(o, "sem", number(rel->has, rel->sem));
	json_object_set_new(o, "why_not",
			    rel->has || !rel->why ? json_null()
						  : json_string(rel->why));
	return o;
}

static json_t *item_json(const struct stats_activity *a,
			 const struct stats_item *si)
{
	json_t *o = json_object(), *flags = json_array(), *opts = json_array();
	const char *name;
	unsigned at = 0;
	size_t i;
	bool statements = a->item->kind == ITEM_ASSESSMENT;

	json_object_set_new(o, "id", json_string(si->item->id));
	json_object_set_new(o, "competency",
			    si->competency ? json_string(si->competency)
					   : json_null());
	json_object_set_new(o, "n", json_integer((json_int_t)si->n));
	if (statements)
		json_object_set_new(
			o, "not_applicable",
			json_integer((json_int_t)si->not_applicable));
	json_object_set_new(o, "judged", json_boolean(si->judged));
	if (statements)
		json_object_set_new(o, "mean", number(si->judged, si->mean));
	json_object_set_new(o, "facility", number(si->judged, si->facility));
	json_object_set_new(o, "sd", number(si->judged, si->sd));
	json_object_set_new(o, "discrimination",
			    number(si->has_discrimination, si->discrimination));
	while ((name = stats_flag_next(si->flags, &at)) != NULL)
		json_array_append_new(flags, json_string(name));
	json_object_set_new(o, "flags", flags);
	for (i = 0; i < si->n_options; i++) {
		const struct stats_option *op = &si->options[i];
		json_t *x = json_object();
		json_object_set_new(x, "id", json_string(op->choice->id));
		json_object_set_new(x, "key", json_boolean(op->key));
		json_object_set_new(x, "picks",
				    json_integer((json_int_t)op->picks));
		json_object_set_new(x, "share",
				    share(op->picks, si->judged ? si->n : 0));
		json_object_set_new(x, "top",
				    share(op->top, si->judged ? si->n_top : 0));
		json_object_set_new(
			x, "bottom",
			share(op->bottom, si->judged ? si->n_bottom : 0));
		json_array_append_new(opts, x);
	}
	if (si->n_options)
		json_object_set_new(o, "options", opts);
	else
		json_decref(opts);
	return o;
}

static json_t *activity_json(const struct stats_activity *a)
{
	json_t *o = json_object(), *items = json_array(), *hist = json_array();
	json_t *scores = json_object();
	size_t i;

	json_object_set_new(o, "kind", json_string(a->kind));
	json_object_set_new(o, "id", json_string(a->item->id));
	json_object_set_new(o, "attempts",
			    json_integer((json_int_t)a->attempts));
	json_object_set_new(o, "judged", json_boolean(a->judged));
	json_object_set_new(scores, "mean", number(a->attempts > 0, a->mean));
	json_object_set_new(scores, "sd", number(a->attempts > 1, a->sd));
	json_object_set_new(scores, "median",
			    number(a->attempts > 0, a->median));
	json_object_set_new(scores, "min", number(a->attempts > 0, a->min));
	json_object_set_new(scores, "max", number(a->attempts > 0, a->max));
	for (i = 0; i < 10; i++)
		json_array_append_new(hist,
				      json_integer((json_int_t)a->hist[i]));
	json_object_set_new(scores, "by_tens", hist);
	json_object_set_new(o, "scores", scores);
	if (a->item->kind != ITEM_ASSESSMENT) {
		json_object_set_new(o, "reliability",
				    reliability_json(&a->rel));
	} else {
		json_t *comps = json_array();
		for (i = 0; i < a->n_comps; i++) {
			const struct stats_competency *sc = &a->comps[i];
			json_t *c = json_object();
			json_object_set_new(
				c, "id", json_string(sc->competency->item.id));
			json_object_set_new(c, "n",
					    json_integer((json_int_t)sc->n));
			json_object_set_new(c, "judged",
					    json_boolean(sc->judged));
			json_object_set_new(c, "mean",
					    number(sc->n > 0, sc->mean));
			json_object_set_new(c, "sd", number(sc->n > 1, sc->sd));
			json_object_set_new(c, "reliability",
					    reliability_json(&sc->rel));
			json_array_append_new(comps, c);
		}
		json_object_set_new(o, "competencies", comps);
	}
	for (i = 0; i < a->n_items; i++)
		json_array_append_new(items, item_json(a, &a->items[i]));
	json_object_set_new(o, "items", items);
	return o;
}

static void json_stats(struct app *app, const struct stats *s,
		       const struct record_filter *f, const char *since)
{
	json_t *o = json_object(), *acts = json_array();
	char *text;
	size_t i;

	json_object_set_new(o, "format", json_string("rapport-stats-1"));
	json_object_set_new(o, "course", json_string(s->course->item.id));
	json_object_set_new(o, "user",
			    f->user ? json_string(f->user) : json_null());
	json_object_set_new(o, "since",
			    since ? json_string(since) : json_null());
	json_object_set_new(o, "minimum_attempts",
			    json_integer(STATS_MIN_ATTEMPTS));
	json_object_set_new(o, "attempts",
			    json_integer((json_int_t)s->records));
	for (i = 0; i < s->n_acts; i++)
		json_array_append_new(acts, activity_json(&s->acts[i]));
	json_object_set_new(o, "activities", acts);
	text = json_dumps(o, JSON_INDENT(1) | JSON_PRESERVE_ORDER |
				     JSON_REAL_PRECISION(10));
	fputs(text, app->out);
	fputc('\n', app->out);
	free(text);
	json_decref(o);
}

/* ---- the command ---- */

static int cmd_stats(struct app *app, const struct cmd_args *args)
{
	const char *user = cmd_value(args, "--user"),
		   *all = cmd_value(args, "--all"),
		   *since = cmd_value(args, "--since");
	bool json = cmd_flag(args, "--json");
	struct record_filter f;
	struct stats *s;
	const char *only = NULL;
	char *err = NULL, *scope;

	if (args->argc == 1) {
		const struct item *it = course_find(app->course, args->argv[0]);
		only = args->argv[0];
		if (!it ||
		    (it->kind != ITEM_QUIZ && it->kind != ITEM_ASSESSMENT &&
		     it->kind != ITEM_EXERCISE)) {
			if (it)
				app_error(app,
					  "stats: '%s' is a %s; stats are kept "
					  "for quizzes, self-assessments and "
					  "exercises",
					  only, item_kind_name(it->kind));
			else
				app_error(app,
					  "stats: no quiz, self-assessment or "
					  "exercise '%s'",
					  only);
			return EXIT_USAGE;
		}
	}
	if (!app_filter(app, "stats", user, all, since, &f))
		return EXIT_USAGE;
	s = stats_new(app->course, only);
	if (store_each_record(app->store, &f, gather, s, &err) != 0) {
		app_error(app, "%s", err);
		free(err);
		stats_free(s);
		return EXIT_FAILED;
	}
	stats_finish(s);
	if (json || app->json) {
		json_stats(app, s, &f, since);
	} else {
		scope = app_scope(&f, since);
		text_stats(app, s, scope);
		free(scope);
		if (f.user && !s->records && !user)
			fprintf(app->out, "There is nothing of yours here; "
					  "'stats --all' covers everyone.\n");
	}
	stats_free(s);
	return EXIT_OK;
}

const struct cmd_entry cmd_stats_entry = {
	.name = "stats",
	.options = {
		{"--user", NULL, "NAME"},
		{"--all", NULL, NULL},
		{"--since", NULL, "DATE"},
		{"--json", NULL, NULL},
	},
	.max_args = 1,
	.usage = "[QUIZ|ASSESSMENT|EXERCISE] [--user NAME|--all] [--since "
	    "DATE] [--json]",
	.summary = "item statistics for trainers: facility, discrimination, "
	    "distractors, reliability",
	.extra = " (one quiz, self-assessment or exercise at a time)",
	.flags = CMD_COURSE | CMD_STORE | CMD_READS,
	.complete = COMPLETE_ACTIVITY,
	.run = cmd_stats,
};
