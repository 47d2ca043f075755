/* SPDX-License-Identifier: GPL-3.0-or-later */
/* validate.c - `validate [PATH...]`: check courses, report like a compiler. */
#include <ctype.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "../core/check.h"
#include "../core/guess.h"
#include "../core/itemcheck.h"
#include "../core/content.h"
#include "../core/text.h"
#include "cmd.h"

static bool course_is_empty(const struct course_counts *k)
{
	return !k->lessons && !k->questions && !k->statements &&
	       !k->scenarios && !k->paths && !k->quizzes && !k->competencies;
}

/* What a validate run asks for. */
struct validate_opts {
	bool werror;	 /* --werror: a warning fails the run too */
	size_t guessers; /* --guessers: runs per strategy, 0: none */
};

/* A strategy that beats random guessing by more than this (in points),
 * or passes at all, is a warning. */
#define GUESS_MARGIN 10.0

/* One quiz or exercise against every guesser: the table to out, and a
 * warning in dl for each strategy that does too well. */
static void guess_one(struct app *app, const struct course *c,
		      const struct quiz *q, const struct exercise *e,
		      size_t runs, struct diag_list *dl)
{
	const struct item *it = q ? &q->item : &e->item;
	struct guess_result res[GUESS_COUNT];
	struct strbuf sb = { 0 };
	size_t s;

	for (s = 0; s < GUESS_COUNT; s++)
		guess_run(c, q, e, (enum guess_strategy)s, runs, &res[s]);
	strbuf_addf(&sb, "\nGuessers on %s '", item_kind_name(it->kind));
	app_safe(&sb, it->id);
	strbuf_adds(&sb, "'");
	if (q)
		strbuf_addf(&sb, " (pass mark %g%%)", q->pass);
	strbuf_addf(&sb, ", %zu runs each, reading no question:\n", runs);
	strbuf_addf(&sb, "  %-22s %7s %13s%s\n", "strategy", "mean", "range",
		    q ? "  passes" : "");
	for (s = 0; s < GUESS_COUNT; s++) {
		const struct guess_result *r = &res[s];
		double over = r->mean - res[GUESS_RANDOM].mean;
		bool bad =
			s != GUESS_RANDOM && (over > GUESS_MARGIN || r->passes);
		strbuf_addf(&sb, "  %-22s %6.1f%% %5.0f%% - %3.0f%%",
			    guess_name((enum guess_strategy)s), r->mean, r->low,
			    r->high);
		if (q)
			strbuf_addf(&sb, "  %6zu", r->passes);
		if (s != GUESS_RANDOM)
			strbuf_addf(&sb, "  %+5.1f%s", over,
				    bad ? "  too good" : "");
		strbuf_addc(&sb, '\n');
		if (bad && over > GUESS_MARGIN)
			diag_add(
				dl, DIAG_WARNING, it->loc.file, it->loc.line,
				it->loc.col,
				"in %s '%s', guessing by '%s' scores %.0f%% on "
				"average, %.0f points over random guessing "
				"(%.0f%%), without reading a question",
				item_kind_name(it->kind), it->id,
				guess_name((enum guess_strategy)s), r->mean,
				over, res[GUESS_RANDOM].mean);
		if (r->passes)
			diag_add(dl, DIAG_WARNING, it->loc.file, it->loc.line,
				 it->loc.col,
				 "in %s '%s', guessing by '%s' passes %zu of "
				 "%zu "
				 "runs (pass mark %g%%) without reading a "
				 "question",
				 item_kind_name(it->kind), it->id,
				 guess_name((enum guess_strategy)s), r->passes,
				 r->runs, q->pass);
	}
	fputs(sb.buf, app->out);
	strbuf_release(&sb);
}

/* Every quiz and exercise of c against the guessers. */
static void guess_course(struct app *app, const struct course *c, size_t runs,
			 struct diag_list *dl)
{
	size_t i;

	for (i = 0; i < c->quizzes.n; i++)
		guess_one(app, c, c->quizzes.v[i], NULL, runs, dl);
	for (i = 0; i < c->exercises.n; i++)
		guess_one(app, c, NULL, c->exercises.v[i], runs, dl);
}

/* Loads and checks one course; prints its diagnostics and summary line.
 * Returns true when it has no errors (nor, with --werror, warnings). */
static bool validate_course(struct app *app, const char *path,
			    const struct validate_opts *vo)
{
	struct diag_list dl = { 0 };
	struct course_counts counts;
	struct course *c = content_load(path, &dl);
	char *shown, *safe, *totals, *status;
	size_t i;
	bool ok;

	check_course(c, c->files_skipped == 0, &dl);
	/* the cues an item gives away, once the whole course is in and
	 * sound (an item with no key has no cue to measure); an author's
	 * concern, so only here and not each time a course is opened */
	if (!dl.errors && c->files_skipped == 0)
		itemcheck_course(c, &dl);
	if (vo->guessers && !dl.errors && c->files_skipped == 0) {
		/* the tables first, then every diagnostic in file order */
		guess_course(app, c, vo->guessers, &dl);
		fputc('\n', app->out);
	}
	diag_sort(&dl, (const char *const *)c->files.v, c->files.n);
	for (i = 0; i < dl.n; i++) {
		char *line = diag_format(&dl.items[i]);
		fprintf(app->out, "%s\n", line);
		free(line);
	}
	course_count(c, &counts);
	shown = display_path(c->path);
	safe = text_sanitize(shown, TEXT_ONE_LINE);
	totals = course_counts_format(&counts);
	status = diag_summary(dl.errors, dl.warnings, dl.accepted);
	if (c->files_skipped == 0)
		fprintf(app->out, "%s: %s: %s\n", safe, totals, status);
	else if (course_is_empty(&counts))
		fprintf(app->out, "%s: not loaded: %s\n", safe, status);
	else
		fprintf(app->out,
			"%s: %s: %s (references are checked once every file "
			"loads)\n",
			safe, totals, status);
	ok = dl.errors == 0 && !(vo->werror && dl.warnings);
	free(shown);
	free(safe);
	free(totals);
	free(status);
	diag_list_release(&dl);
	course_free(c);
	return ok;
}

/* A path: a course folder or file, or a folder of course folders. */
static bool validate_path(struct app *app, const char *path,
			  const struct validate_opts *vo)
{
	struct stat st;
	char **courses;
	size_t n, i;
	bool ok = true;

	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode) ||
	    content_is_course_dir(path))
		return validate_course(app, path, vo);
	n = content_find_courses(path, &courses);
	if (n == 0) {
		char *safe = text_sanitize(path, TEXT_ONE_LINE);
		fprintf(app->out,
			"%s: error: no course here (a course folder has a "
			"course.xml)\n",
			safe);
		free(safe);
		ok = false;
	}
	for (i = 0; i < n; i++) {
		ok = validate_course(app, courses[i], vo) && ok;
		free(courses[i]);
	}
	free(courses);
	return ok;
}

static int cmd_validate(struct app *app, const struct cmd_args *args)
{
	const char *runs = cmd_value(args, "--runs"), *dir;
	bool guessers = cmd_flag(args, "--guessers");
	struct validate_opts vo = { 0 };
	bool ok = true;
	int i;

	vo.werror = cmd_flag(args, "--werror");
	if (guessers || runs) {
		char *end;
		long n = runs ? strtol(runs, &end, 10) : 200;
		if (runs && (*end || n < 1 || n > 100000 ||
			     !isdigit((unsigned char)*runs))) {
			app_error(app,
				  "validate: --runs takes a number of runs "
				  "from 1 to 100000, not '%s'",
				  runs);
			return EXIT_USAGE;
		}
		vo.guessers = (size_t)n;
	}
	if (args->argc > 0) {
		for (i = 0; i < args->argc; i++)
			ok = validate_path(app, args->argv[i], &vo) && ok;
		return ok ? EXIT_OK : EXIT_FAILED;
	}
	dir = app_content_dir(app);
	if (!dir)
		return EXIT_FAILED;
	return validate_path(app, dir, &vo) ? EXIT_OK : EXIT_FAILED;
}

const struct cmd_entry cmd_validate_entry = {
	.name = "validate",
	.options = {
		{"--werror", NULL, NULL},
		{"--guessers", NULL, NULL},
		{"--runs", NULL, "N"},
	},
	.max_args = -1,
	.usage = "[--werror] [--guessers [--runs N]] [PATH...]",
	.summary = "check courses and report every problem (default: the "
	    "open course)",
	.complete = COMPLETE_FILE,
	.run = cmd_validate,
};
