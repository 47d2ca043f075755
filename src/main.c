/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c - rapport's entry: global options, then one command or the shell. */
#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/content.h"
#include "core/render.h"
#include "core/text.h"
#include "core/util.h"
#include "term/input.h"
#include "term/term.h"
#include "shell/shell.h"

#ifndef RAPPORT_VERSION
#define RAPPORT_VERSION "0.1.0"
#endif

/* "  name  text" with text in a column of its own from column column + 3,
 * wrapped to width; on a terminal too narrow for two columns, the text on
 * the lines below. */
static void entry(struct strbuf *sb, unsigned width, const char *name,
		  int column, const char *text)
{
	char first[64], rest[64];

	if (width < 60) {
		strbuf_addf(sb, "  %s\n", name);
		render_wrap(sb, text, width, "      ", "      ");
		return;
	}
	snprintf(first, sizeof(first), "  %-*s ", column, name);
	snprintf(rest, sizeof(rest), "%*s", column + 3, "");
	render_wrap(sb, text, width, first, rest);
}

static void usage(FILE *f)
{
	static const char *const options[][2] = {
		{ "--content DIR", "the folder with the courses" },
		{ "--user NAME", "whose results (default: your login name)" },
		{ "--db FILE", "the results database (default: "
			       "$XDG_DATA_HOME/rapport/rapport.db)" },
		{ "--seed N", "the random seed for question order" },
		{ "--answers FILE",
		  "read answers (and shell commands) from FILE" },
		{ "--json", "print quiz and assessment results as JSON" },
		{ "--require-pass", "exit 1 when a quiz is not passed" },
		{ "--no-color", "never use colour (so does NO_COLOR)" },
		{ "--help", "show this help and exit" },
		{ "--version", "show the version and exit" },
	};
	struct strbuf sb = { 0 };
	unsigned width = term_reading_width();
	size_t i;

	/* everything wrapped to the terminal, each entry's text in a column
	 * of its own */
	render_wrap(&sb, "usage: rapport [OPTION...] [COMMAND [ARG...]]", width,
		    "", "       ");
	strbuf_addc(&sb, '\n');
	render_wrap(
		&sb,
		"rapport trains salespeople to work well with customer "
		"service, purchasing and the support staff inside their own "
		"company. With a COMMAND it runs that one command; without, "
		"it opens the shell.",
		width, "", "");
	strbuf_adds(&sb, "\nOptions:\n");
	for (i = 0; i < sizeof(options) / sizeof(options[0]); i++)
		entry(&sb, width, options[i][0], 16, options[i][1]);
	strbuf_adds(&sb, "\nCommands:\n");
	for (i = 0; i < cmd_count; i++)
		if (!(cmd_table[i]->flags & CMD_SHELL))
			entry(&sb, width, cmd_table[i]->name, 12,
			      cmd_table[i]->summary);
	strbuf_addc(&sb, '\n');
	render_wrap(&sb,
		    "Exit status: 0 ok, 1 a failed check, 2 a usage error.",
		    width, "", "");
	strbuf_addc(&sb, '\n');
	render_wrap(
		&sb,
		"Report a problem to your course's maintainer with the "
		"output of 'rapport --version' and the commands that led to "
		"it (README.md, \"Reporting a problem\").",
		width, "", "");
	fputs(strbuf_str(&sb), f);
	strbuf_release(&sb);
}

static bool parse_seed(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	/* digits only: strtoull would skip spaces and take ' -1' as 2^64-1 */
	if (!*s || strspn(s, "0123456789") != strlen(s))
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (*end || errno)
		return false;
	*out = v;
	return true;
}

/* status, or EXIT_FAILED (after saying so) when standard output could
 * not be written: a full disk, a closed pipe's reader, /dev/full. */
static int finish_output(int status)
{
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return status;
	fprintf(stderr, "rapport: cannot write the output: %s\n",
		errno ? strerror(errno) : "a write failed");
	return status == EXIT_OK ? EXIT_FAILED : status;
}

static char *login_name(void)
{
	const char *u = getenv("USER");
	struct passwd *pw;

	if (!u || !*u)
		u = getenv("LOGNAME");
	if ((!u || !*u) && (pw = getpwuid(getuid())))
		u = pw->pw_name;
	return xstrdup(u && *u ? u : "learner");
}

enum {
	OPT_CONTENT = 256,
	OPT_USER,
	OPT_DB,
	OPT_SEED,
	OPT_ANSWERS,
	OPT_JSON,
	OPT_REQUIRE_PASS,
	OPT_NO_COLOR,
	OPT_HELP,
	OPT_VERSION
};
static const struct option options[] = {
	{ "content", required_argument, NULL, OPT_CONTENT },
	{ "user", required_argument, NULL, OPT_USER },
	{ "db", required_argument, NULL, OPT_DB },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "answers", required_argument, NULL, OPT_ANSWERS },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "require-pass", no_argument, NULL, OPT_REQUIRE_PASS },
	{ "no-color", no_argument, NULL, OPT_NO_COLOR },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

/* rapport __complete [OPTION...] WORD...: what the shell's Tab would offer
 * for the last word (bash completion, completions/rapport, calls it): one
 * candidate a line, or "@files" when the word is a file name. The global
 * options before the command count (--content picks the course). */
static int complete_words(int argc, char **argv)
{
	struct app app = { 0 };
	struct strbuf line = { 0 };
	const char *word = argc > 0 ? argv[argc - 1] : "";
	char **found;
	bool files = false;
	int i, cmd = -1;
	size_t k;

	for (i = 0; i < argc - 1 && cmd < 0; i++) {
		const struct option *o;
		size_t len = strcspn(argv[i], "=");
		if (strncmp(argv[i], "--", 2) != 0) {
			cmd = i;
			break;
		}
		for (o = options; o->name; o++)
			if (strlen(o->name) == len - 2 &&
			    strncmp(o->name, argv[i] + 2, len - 2) == 0)
				break;
		if (!o->name || o->has_arg != required_argument)
			continue;
		if (argv[i][len]) { /* --content=DIR */
			if (o->val == OPT_CONTENT)
				app.content = argv[i] + len + 1;
			continue;
		}
		if (i + 1 == argc - 1) {
			/* the word is this option's value */
			if (o->val == OPT_CONTENT || o->val == OPT_DB ||
			    o->val == OPT_ANSWERS)
				puts("@files");
			return finish_output(EXIT_OK);
		}
		if (o->val == OPT_CONTENT)
			app.content = argv[i + 1];
		i++;
	}
	if (cmd < 0) {
		const struct option *o;
		if (word[0] == '-') {
			for (o = options; o->name; o++) {
				char *name = xasprintf("--%s", o->name);
				if (strncmp(name, word, strlen(word)) == 0)
					puts(name);
				free(name);
			}
			return finish_output(EXIT_OK);
		}
		cmd = argc - 1; /* the word is the command */
	}
	for (i = cmd; i < argc - 1; i++) {
		strbuf_adds(&line, argv[i]);
		strbuf_addc(&line, ' ');
	}
	app.out = stdout;
	app.err = fopen("/dev/null", "w"); /* a broken course: no candidates */
	if (!app.err)
		app.err = stderr;
	app.width = 80;
	found = cmd_complete(&app, line.buf ? line.buf : "", word, &files);
	if (files)
		puts("@files");
	for (k = 0; found && found[k]; k++) {
		puts(found[k]);
		free(found[k]);
	}
	free(found);
	strbuf_release(&line);
	if (app.err != stderr)
		fclose(app.err);
	app_release(&app);
	content_cleanup();
	return finish_output(EXIT_OK);
}

int main(int argc, char **argv)
{
	struct app app = { 0 };
	const char *answers = NULL, *nc;
	FILE *in = stdin;
	char *history = NULL;
	bool no_color = false;
	int c, status;

	/* characters follow the user's locale (widths, UTF-8); numbers and
	 * dates stay as the English text around them expects */
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
	setlocale(LC_TIME, "C");
	/* past a file size limit (ulimit -f) a write fails with EFBIG, which
	 * the store reports as an answer not saved, instead of the signal
	 * ending the program in the middle of a quiz */
	signal(SIGXFSZ, SIG_IGN);
	if (argc > 1 && strcmp(argv[1], "__complete") == 0)
		return complete_words(argc - 2, argv + 2);
	app.out = stdout;
	app.err = stderr;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+", options, NULL)) != -1) {
		switch (c) {
		case OPT_CONTENT:
			app.content = optarg;
			break;
		case OPT_USER:
			if (!*optarg) {
				fprintf(stderr,
					"rapport: --user needs a name\n");
				return EXIT_USAGE;
			}
			free(app.user);
			app.user = xstrdup(optarg);
			break;
		case OPT_DB:
			app.db = optarg;
			break;
		case OPT_SEED:
			if (!parse_seed(optarg, &app.seed)) {
				char *safe =
					text_sanitize(optarg, TEXT_ONE_LINE);
				fprintf(stderr,
					"rapport: --seed needs a whole "
					"number, not '%s'\n",
					safe);
				free(safe);
				return EXIT_USAGE;
			}
			app.seed_set = true;
			break;
		case OPT_ANSWERS:
			answers = optarg;
			break;
		case OPT_JSON:
			app.json = true;
			break;
		case OPT_REQUIRE_PASS:
			app.require_pass = true;
			break;
		case OPT_NO_COLOR:
			no_color = true;
			break;
		case OPT_HELP:
			usage(stdout);
			free(app.user);
			return finish_output(EXIT_OK);
		case OPT_VERSION:
			printf("rapport %s\n"
			       "Copyright (C) 2026 the rapport authors.\n"
			       "License GPLv3+: GNU GPL version 3 or later "
			       "<https://gnu.org/licenses/gpl.html>.\n"
			       "This is free software: you are free to change "
			       "and redistribute it.\n"
			       "There is NO WARRANTY, to the extent permitted "
			       "by "
			       "law.\n",
			       RAPPORT_VERSION);
			free(app.user);
			return finish_output(EXIT_OK);
		default: {
			char *safe =
				text_sanitize(argv[optind - 1], TEXT_ONE_LINE);
			fprintf(stderr,
				"rapport: unknown or incomplete option '%s'\n",
				safe);
			free(safe);
			usage(stderr);
			return EXIT_USAGE;
		}
		}
	}
	if (!app.user)
		app.user = login_name();
	if (answers) {
		struct stat st;
		in = fopen(answers, "r");
		if (!in ||
		    (fstat(fileno(in), &st) == 0 && S_ISDIR(st.st_mode))) {
			char *safe = text_sanitize(answers, TEXT_ONE_LINE);
			fprintf(stderr, "rapport: cannot read '%s': %s\n", safe,
				in ? "it is a folder" : strerror(errno));
			free(safe);
			free(app.user);
			if (in)
				fclose(in);
			return EXIT_USAGE;
		}
	}
	nc = getenv("NO_COLOR");
	app.ansi = term_takes_escapes(STDOUT_FILENO);
	app.color = app.ansi && !no_color && !(nc && *nc) && !app.json;
	app.unicode = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	app.sep = app.unicode ? " · " : " - ";
	app.arrow = app.unicode ? "→" : "->";
	app.interactive = !answers && isatty(STDIN_FILENO);
	app.width = term_reading_width();
	if (app.interactive && optind >= argc)
		history = shell_history_path();
	app.input =
		input_open(in, app.interactive, history, shell_complete, &app);
	app.history = history;

	if (optind < argc)
		status = cmd_run(&app, argc - optind, argv + optind);
	else
		status = shell_run(&app);

	input_close(app.input);
	if (in != stdin)
		fclose(in);
	app_release(&app);
	free(history);
	content_cleanup();
	return finish_output(status);
}
