/* app.c - what the commands share: the content folder, the open course,
 * terminal-safe wrapped output, colour, paging, reading answers. */
#include "cmd.h"

#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../core/check.h"
#include "../core/content.h"
#include "../core/render.h"
#include "../core/text.h"
#include "../shell/input.h"

#ifndef RAPPORT_DATADIR
#define RAPPORT_DATADIR "/usr/local/share/rapport"
#endif

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
		app_error(app, "no course found: give --content DIR or set "
			       "RAPPORT_CONTENT");
		return NULL;
	}
	if (!is_dir(dir) && access(dir, R_OK) != 0) {
		char *safe = text_sanitize(dir, TEXT_ONE_LINE);
		app_error(app, "content folder '%s' does not exist", safe);
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
	if (is_dir(dir)) {
		n = content_find_courses(dir, &courses);
	} else {
		/* a course in one file */
		n = 1;
		courses = xcalloc(1, sizeof(char *));
		courses[0] = xstrdup(dir);
	}
	if (n == 0) {
		char *safe = text_sanitize(dir, TEXT_ONE_LINE);
		app_error(app, "no course in '%s'", safe);
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
		app_error(app, "the course '%s' has errors; 'rapport validate' "
			       "lists them all",
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
	free(app->user);
	app->user = NULL;
}

/* ---- output ---- */

const char *app_on(const struct app *app, enum style s)
{
	static const char *const sgr[] = {
		[STYLE_BOLD] = "\033[1m", [STYLE_DIM] = "\033[2m",
		[STYLE_GOOD] = "\033[32m", [STYLE_BAD] = "\033[31m",
		[STYLE_PART] = "\033[33m", [STYLE_TITLE] = "\033[1;36m",
	};

	return app->color ? sgr[s] : "";
}

const char *app_off(const struct app *app)
{
	return app->color ? "\033[0m" : "";
}

void app_safe(struct strbuf *sb, const char *text)
{
	char *safe = text_sanitize(text ? text : "", TEXT_ONE_LINE);

	strbuf_adds(sb, safe);
	free(safe);
}

void app_wrap(const struct app *app, struct strbuf *sb, const char *text,
	      const char *first, const char *rest)
{
	char *safe = text_sanitize(text ? text : "", 0);

	render_wrap(sb, safe, app->width, first, rest);
	free(safe);
}

static size_t count_lines(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (*s == '\n')
			n++;
	return n;
}

static unsigned screen_rows(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0)
		return ws.ws_row;
	return 24;
}

void app_page(struct app *app, const char *text)
{
	const char *pager = getenv("PAGER");
	struct sigaction ign, old_pipe;
	FILE *p;

	fflush(app->out);
	if (!app->interactive || app->out != stdout || !isatty(STDOUT_FILENO) ||
	    count_lines(text) < screen_rows() || (pager && !*pager) ||
	    (pager && strcmp(pager, "cat") == 0)) {
		fputs(text, app->out);
		return;
	}
	if (!pager)
		pager = "less";
	/* less shows colour, leaves short text on screen and does not
	 * clear it, unless the user set LESS */
	setenv("LESS", "FRX", 0);
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old_pipe);
	p = popen(pager, "w");
	if (!p) {
		fputs(text, app->out);
	} else {
		fputs(text, p);
		pclose(p);
	}
	sigaction(SIGPIPE, &old_pipe, NULL);
}

int app_read_answer(struct app *app, const char *prompt, char **line)
{
	return input_read(app->input, prompt, false, line);
}

void app_error(const struct app *app, const char *fmt, ...)
{
	va_list ap;

	fflush(app->out);
	/* in a script or answers file, say where */
	if (app->input && !input_is_terminal(app->input) &&
	    input_line_number(app->input) > 0)
		fprintf(app->err, "rapport: line %lu: ",
			input_line_number(app->input));
	else
		fputs("rapport: ", app->err);
	va_start(ap, fmt);
	vfprintf(app->err, fmt, ap);
	va_end(ap);
	fputc('\n', app->err);
}

int app_percent(double score)
{
	return (int)floor(score + 1e-9);
}
