/* SPDX-License-Identifier: GPL-3.0-or-later */
/* shell.c - the interactive shell: one loop for a person and a script. */
#include "shell.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/model.h"
#include "../core/text.h"
#include "../term/input.h"
#include "../term/term.h"

char **shell_complete(void *data, const char *line, const char *word)
{
	return cmd_complete(data, line, word, NULL);
}

char *shell_history_path(void)
{
	return app_xdg_file("XDG_STATE_HOME", ".local/state", "history");
}

/* Splits line into words: blanks separate, quotes group. Returns argc;
 * *argv and its strings are the caller's to free. */
static int split(const char *line, char ***argv)
{
	struct strbuf word = { 0 };
	char **v = NULL;
	size_t n = 0, cap = 0;
	bool in_word = false;
	char quote = 0;
	const char *p;

	for (p = line;; p++) {
		char c = *p;
		if (c && quote) {
			if (c == quote)
				quote = 0;
			else
				strbuf_addc(&word, c);
			continue;
		}
		if (c == '\'' || c == '"') {
			quote = c;
			in_word = true;
			continue;
		}
		if (c && c != ' ' && c != '\t') {
			strbuf_addc(&word, c);
			in_word = true;
			continue;
		}
		if (in_word) {
			void *g = v;
			xgrow(&g, &cap, n + 2, sizeof(char *));
			v = g;
			v[n++] = strbuf_detach(&word);
			v[n] = NULL;
			in_word = false;
		}
		if (!c)
			break;
	}
	strbuf_release(&word);
	*argv = v;
	return (int)n;
}

static void free_words(char **v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void terminal_width(struct app *app)
{
	unsigned cols = term_columns(STDOUT_FILENO);

	if (cols > 0)
		app->width = cols > 100 ? 100 : cols;
}

static void welcome(struct app *app)
{
	const struct course *c = app->course;
	struct strbuf sb = { 0 }, line = { 0 };

	strbuf_adds(&line, "Welcome to rapport, ");
	strbuf_adds(&line, app->user);
	strbuf_adds(&line, ". This is the course '");
	strbuf_adds(&line, c->title ? c->title : c->item.id);
	strbuf_addf(&line,
		    "': %zu lesson%s, %zu quiz%s, %zu self-assessment%s.",
		    c->lessons.n, c->lessons.n == 1 ? "" : "s", c->quizzes.n,
		    c->quizzes.n == 1 ? "" : "zes", c->assessments.n,
		    c->assessments.n == 1 ? "" : "s");
	app_wrap_styled(app, &sb, STYLE_BOLD, line.buf);
	strbuf_reset(&line);
	strbuf_adds(&line, "New here? Type 'lessons' to see what to read");
	if (c->quizzes.n)
		strbuf_addf(&line, ", 'quiz %s' to test yourself",
			    ((const struct item *)c->quizzes.v[0])->id);
	if (c->assessments.n)
		strbuf_addf(&line, ", 'assess %s' to rate your habits",
			    ((const struct item *)c->assessments.v[0])->id);
	strbuf_adds(&line, ", or 'help' for every command. Tab completes; "
			   "Ctrl-D leaves.");
	app_wrap(app, &sb, line.buf, "", "");
	{
		size_t due = review_due_count(app);
		char *next = path_next_text(app);
		if (due) {
			strbuf_reset(&line);
			strbuf_addf(&line,
				    "%zu question%s due for review today: "
				    "type 'review'.",
				    due, due == 1 ? " is" : "s are");
			app_wrap(app, &sb, line.buf, "", "");
		}
		if (next)
			app_wrap(app, &sb, next, "", "");
		free(next);
	}
	fputs(sb.buf, app->out);
	strbuf_release(&sb);
	strbuf_release(&line);
}

static char *prompt_for(const struct app *app)
{
	char *user = text_sanitize(app->user, TEXT_ONE_LINE);
	const char *course = app->course && app->course->item.id
				     ? app->course->item.id
				     : "rapport";
	char *p;

	/* \001 and \002 tell readline the colour codes take no room */
	if (app->color)
		p = xasprintf("\001\033[1;36m\002%s@%s\001\033[0m\002> ", user,
			      course);
	else
		p = xasprintf("%s@%s> ", user, course);
	free(user);
	return p;
}

int shell_run(struct app *app)
{
	bool terminal = input_is_terminal(app->input);
	int worst = EXIT_OK;

	if (!app_open_course(app) || !app_open_store(app, true, true))
		return EXIT_FAILED;
	app->in_shell = true;
	if (terminal) {
		terminal_width(app);
		welcome(app);
		offer_resume(app);
	}
	while (!app->leave) {
		char *line, *prompt = prompt_for(app), **argv;
		enum input_status st;
		int argc, status;

		fflush(app->out);
		st = input_read(app->input, prompt, true, &line);
		free(prompt);
		if (st == INPUT_EOF) {
			if (terminal)
				fputc('\n', app->out);
			break;
		}
		if (st == INPUT_INTERRUPT)
			continue;
		if (st == INPUT_BAD) {
			app_error(app, "%s; the rest of the input is not read",
				  input_problem(app->input));
			worst = EXIT_FAILED;
			break;
		}
		argc = split(line, &argv);
		free(line);
		if (argc == 0 || argv[0][0] == '#') {
			free_words(argv, argc);
			continue;
		}
		if (terminal)
			terminal_width(app);
		status = cmd_run(app, argc, argv);
		if (status > worst)
			worst = status;
		free_words(argv, argc);
	}
	return terminal ? EXIT_OK : worst;
}
