/* validate.c - `validate [PATH...]`: check courses, report like a compiler. */
#include <stdlib.h>
#include <sys/stat.h>

#include "../core/check.h"
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
	bool werror; /* --werror: a warning fails the run too */
};

/* Loads and checks one course; prints its diagnostics and summary line.
 * Returns true when it has no errors (nor, with --werror, warnings). */
static bool validate_course(struct app *app, const char *path,
			    const struct validate_opts *vo)
{
	struct diag_list dl = {0};
	struct course_counts counts;
	struct course *c = content_load(path, &dl);
	char *shown, *safe, *totals, *status;
	size_t i;
	bool ok;

	check_course(c, c->files_skipped == 0, &dl);
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

int cmd_validate(struct app *app, int argc, char **argv)
{
	const char *werror = NULL, *dir;
	const struct cmd_option opts[] = {
		{"--werror", NULL, false, &werror},
		{NULL, NULL, false, NULL},
	};
	struct validate_opts vo = {0};
	bool ok = true;
	int i, rest;

	if (!app_options(app, argc, argv, opts, &rest))
		return EXIT_USAGE;
	vo.werror = werror != NULL;
	if (rest > 0) {
		for (i = 1; i <= rest; i++)
			ok = validate_path(app, argv[i], &vo) && ok;
		return ok ? EXIT_OK : EXIT_FAILED;
	}
	dir = app_content_dir(app);
	if (!dir)
		return EXIT_FAILED;
	return validate_path(app, dir, &vo) ? EXIT_OK : EXIT_FAILED;
}
