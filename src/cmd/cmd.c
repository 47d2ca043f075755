/* cmd.c - the command table, dispatch, help, and what commands share. */
#include "cmd.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/check.h"
#include "../core/content.h"
#include "../core/text.h"

#ifndef RAPPORT_DATADIR
#define RAPPORT_DATADIR "/usr/local/share/rapport"
#endif

const struct cmd_entry cmd_table[] = {
	{"help", NULL, 0, 1, "[COMMAND]", "list the commands, or explain one",
	 0, cmd_help},
	{"validate", NULL, 0, -1, "[PATH...]",
	 "check courses and report every problem (default: the open course)",
	 0, cmd_validate},
};

const size_t cmd_count = sizeof(cmd_table) / sizeof(cmd_table[0]);

const struct cmd_entry *cmd_find(const char *name)
{
	size_t i;

	for (i = 0; i < cmd_count; i++) {
		if (strcmp(cmd_table[i].name, name) == 0 ||
		    (cmd_table[i].alias && strcmp(cmd_table[i].alias, name) == 0))
			return &cmd_table[i];
	}
	return NULL;
}

void cmd_usage(const struct app *app, const struct cmd_entry *e)
{
	fprintf(app->err, "usage: rapport %s%s%s\n", e->name,
		*e->usage ? " " : "", e->usage);
}

int cmd_run(struct app *app, int argc, char **argv)
{
	const struct cmd_entry *e = cmd_find(argv[0]);
	int nargs = argc - 1;

	if (!e) {
		char *safe = text_sanitize(argv[0], TEXT_ONE_LINE);
		fprintf(app->err,
			"rapport: unknown command '%s'; 'rapport help' lists "
			"them\n",
			safe);
		free(safe);
		return EXIT_USAGE;
	}
	if (nargs < e->min_args || (e->max_args >= 0 && nargs > e->max_args)) {
		fprintf(app->err, "rapport: %s: %s\n", e->name,
			nargs < e->min_args ? "missing argument"
					    : "too many arguments");
		cmd_usage(app, e);
		return EXIT_USAGE;
	}
	if ((e->flags & CMD_COURSE) && !app_open_course(app))
		return EXIT_FAILED;
	return e->run(app, argc, argv);
}

int cmd_help(struct app *app, int argc, char **argv)
{
	size_t i, width = 0;

	if (argc > 1) {
		const struct cmd_entry *e = cmd_find(argv[1]);
		if (!e) {
			char *safe = text_sanitize(argv[1], TEXT_ONE_LINE);
			fprintf(app->err, "rapport: no command '%s'\n", safe);
			free(safe);
			return EXIT_USAGE;
		}
		fprintf(app->out, "%s%s%s\n  %s\n", e->name,
			*e->usage ? " " : "", e->usage, e->summary);
		if (e->alias)
			fprintf(app->out, "  (also: %s)\n", e->alias);
		return EXIT_OK;
	}
	for (i = 0; i < cmd_count; i++) {
		size_t w = strlen(cmd_table[i].name) + 1 +
			   strlen(cmd_table[i].usage);
		if (w > width)
			width = w;
	}
	fprintf(app->out, "Commands:\n");
	for (i = 0; i < cmd_count; i++) {
		const struct cmd_entry *e = &cmd_table[i];
		char *head = xasprintf("%s %s", e->name, e->usage);
		fprintf(app->out, "  %-*s  %s\n", (int)width, head, e->summary);
		free(head);
	}
	return EXIT_OK;
}

/* ---- the content folder ---- */

static bool is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

char *display_path(const char *path)
{
	char cwd[PATH_MAX];
	size_t n;

	if (path[0] == '/' && getcwd(cwd, sizeof(cwd))) {
		n = strlen(cwd);
		if (strncmp(path, cwd, n) == 0 && path[n] == '/' && path[n + 1])
			return xstrdup(path + n + 1);
	}
	return xstrdup(path);
}

/* The folder beside the program that holds courses: the source tree's
 * content/ (for build/rapport and build/sanitize/rapport) or an installed
 * share/rapport (for bin/rapport). NULL when none. Caller frees. */
static char *content_near_program(void)
{
	static const char *const rel[] = {
		"../content", "../../content", "../share/rapport",
	};
	char exe[PATH_MAX], probe[PATH_MAX + 64], real[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;
	size_t i;

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	for (i = 0; i < RP_ARRAY_LEN(rel); i++) {
		snprintf(probe, sizeof(probe), "%s/%s/schema/rapport.rng", exe,
			 rel[i]);
		if (access(probe, R_OK) != 0)
			continue;
		snprintf(probe, sizeof(probe), "%s/%s", exe, rel[i]);
		if (realpath(probe, real))
			return display_path(real);
	}
	return NULL;
}

const char *app_content_dir(struct app *app)
{
	const char *env = getenv("RAPPORT_CONTENT");
	char *dir = NULL;

	if (app->content_dir)
		return app->content_dir;
	if (app->content)
		dir = xstrdup(app->content);
	else if (env && *env)
		dir = xstrdup(env);
	else if (!(dir = content_near_program()) && is_dir(RAPPORT_DATADIR))
		dir = xstrdup(RAPPORT_DATADIR);
	if (!dir) {
		fprintf(app->err, "rapport: no course found: give --content DIR "
				  "or set RAPPORT_CONTENT\n");
		return NULL;
	}
	if (!is_dir(dir)) {
		char *safe = text_sanitize(dir, TEXT_ONE_LINE);
		fprintf(app->err, "rapport: content folder '%s' does not exist\n",
			safe);
		free(safe);
		free(dir);
		return NULL;
	}
	app->content_dir = dir;
	return dir;
}

bool app_open_course(struct app *app)
{
	struct diag_list dl = {0};
	const char *dir;
	char **courses;
	size_t n, i;

	if (app->course)
		return true;
	dir = app_content_dir(app);
	if (!dir)
		return false;
	n = content_find_courses(dir, &courses);
	if (n == 0) {
		char *safe = text_sanitize(dir, TEXT_ONE_LINE);
		fprintf(app->err, "rapport: no course in '%s'\n", safe);
		free(safe);
		free(courses);
		return false;
	}
	app->course = content_load(courses[0], &dl);
	check_course(app->course, app->course->files_skipped == 0, &dl);
	diag_sort(&dl, (const char *const *)app->course->files.v,
		  app->course->files.n);
	for (i = 0; i < dl.n; i++) {
		if (dl.items[i].level == DIAG_ERROR) {
			char *line = diag_format(&dl.items[i]);
			fprintf(app->err, "%s\n", line);
			free(line);
		}
	}
	if (dl.errors) {
		char *safe = text_sanitize(courses[0], TEXT_ONE_LINE);
		fprintf(app->err,
			"rapport: the course '%s' has errors; 'rapport validate' "
			"lists them all\n",
			safe);
		free(safe);
		course_free(app->course);
		app->course = NULL;
	}
	diag_list_release(&dl);
	for (i = 0; i < n; i++)
		free(courses[i]);
	free(courses);
	return app->course != NULL;
}

void app_release(struct app *app)
{
	course_free(app->course);
	app->course = NULL;
	free(app->content_dir);
	app->content_dir = NULL;
}
