/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd.c - the command table, dispatch, help and completion, all generated
 * from the one table. */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

#include "../core/model.h"
#include "../core/text.h"

#define CMD(name) extern const struct cmd_entry cmd_##name##_entry;
#include "list.h"
#undef CMD

const struct cmd_entry *const cmd_table[] = {
#define CMD(name) &cmd_##name##_entry,
#include "list.h"
#undef CMD
};

const size_t cmd_count = sizeof(cmd_table) / sizeof(cmd_table[0]);

const struct cmd_entry *cmd_find(const char *name)
{
	size_t i;

	for (i = 0; i < cmd_count; i++) {
		const struct cmd_entry *e = cmd_table[i];
		if (strcmp(e->name, name) == 0 ||
		    (e->alias && strcmp(e->alias, name) == 0))
			return e;
	}
	return NULL;
}

/* "export [--format ...]": the name and its usage; caller frees. */
static char *head_of(const struct cmd_entry *e)
{
	bool usage = e->usage && *e->usage;

	return xasprintf("%s%s%s", e->name, usage ? " " : "",
			 usage ? e->usage : "");
}

static void usage_line(const struct app *app, const struct cmd_entry *e)
{
	char *head = head_of(e);

	fprintf(app->err, "usage: %s%s\n", app->in_shell ? "" : "rapport ",
		head);
	free(head);
}

/* The index of the option word names (its first len bytes), or -1. */
static int find_option(const struct cmd_entry *e, const char *word, size_t len)
{
	int i;

	for (i = 0; i < CMD_OPTIONS_MAX && e->options[i].name; i++) {
		const struct cmd_option *o = &e->options[i];
		if ((strlen(o->name) == len &&
		     strncmp(o->name, word, len) == 0) ||
		    (o->alias && strlen(o->alias) == len &&
		     strncmp(o->alias, word, len) == 0))
			return i;
	}
	return -1;
}

/* Reads argv[1..] against e's options into args, the other words moved
 * to the front of argv[1..] in order; "--" ends the options. Prints why
 * and returns false on an unknown option or a missing value. */
static bool read_options(const struct app *app, const struct cmd_entry *e,
			 int argc, char **argv, struct cmd_args *args)
{
	bool options_end = false;
	int i, rest = 0;

	memset(args, 0, sizeof(*args));
	args->entry = e;
	for (i = 1; i < argc; i++) {
		char *w = argv[i], *eq;
		size_t len;
		int o;

		if (options_end || w[0] != '-' || !w[1]) {
			argv[1 + rest++] = w;
			continue;
		}
		if (strcmp(w, "--") == 0) {
			options_end = true;
			continue;
		}
		eq = strncmp(w, "--", 2) == 0 ? strchr(w, '=') : NULL;
		len = eq ? (size_t)(eq - w) : strlen(w);
		o = find_option(e, w, len);
		if (o < 0) {
			app_error(app, "%s: no option '%s'", e->name, w);
			return false;
		}
		if (!e->options[o].value) {
			if (eq) {
				app_error(app, "%s: '%s' takes no value",
					  e->name, w);
				return false;
			}
			args->values[o] = "";
		} else if (eq) {
			args->values[o] = eq + 1;
		} else if (i + 1 < argc) {
			args->values[o] = argv[++i];
		} else {
			app_error(app, "%s: '%s' needs a value", e->name, w);
			return false;
		}
	}
	argv[1 + rest] = NULL;
	args->argc = rest;
	args->argv = argv + 1;
	return true;
}

const char *cmd_value(const struct cmd_args *args, const char *name)
{
	int i = find_option(args->entry, name, strlen(name));

	if (i < 0) { /* a mistake in the handler, never in the input */
		fprintf(stderr, "rapport: bug: %s has no option %s\n",
			args->entry->name, name);
		abort();
	}
	return args->values[i];
}

bool cmd_flag(const struct cmd_args *args, const char *name)
{
	return cmd_value(args, name) != NULL;
}

int cmd_run(struct app *app, int argc, char **argv)
{
	const struct cmd_entry *e = cmd_find(argv[0]);
	struct cmd_args args;
	char **words;
	int status;

	if (!e) {
		app_error(app, "unknown command '%s'; %s lists them", argv[0],
			  app->in_shell ? "'help'" : "'rapport help'");
		return EXIT_USAGE;
	}
	/* a copy, so the caller's words stay as they were */
	words = xcalloc((size_t)argc + 1, sizeof(char *));
	memcpy(words, argv, (size_t)argc * sizeof(char *));
	if (!read_options(app, e, argc, words, &args)) {
		usage_line(app, e);
		free(words);
		return EXIT_USAGE;
	}
	if (args.argc < e->min_args) {
		app_error(app, "%s: missing argument", e->name);
		usage_line(app, e);
		free(words);
		return EXIT_USAGE;
	}
	if (e->max_args >= 0 && args.argc > e->max_args) {
		app_error(app, "%s: unexpected '%s'%s", e->name,
			  args.argv[e->max_args], e->extra ? e->extra : "");
		usage_line(app, e);
		free(words);
		return EXIT_USAGE;
	}
	status = EXIT_FAILED;
	if ((e->flags & CMD_COURSE) && !app_open_course(app))
		goto done;
	if ((e->flags & CMD_STORE) &&
	    !app_open_store(app, !(e->flags & CMD_READS),
			    !(e->flags & (CMD_READS | CMD_ANYONE))))
		goto done;
	status = e->run(app, &args);
done:
	free(words);
	return status;
}

/* The width of help's first column: a usage longer than this goes on a
 * line of its own, its summary below it. */
#define HELP_HEAD 24

void cmd_help_row(const struct app *app, struct strbuf *sb, const char *head,
		  const char *summary)
{
	char rest[HELP_HEAD + 5], first[HELP_HEAD + 5];

	memset(rest, ' ', sizeof(rest) - 1);
	rest[sizeof(rest) - 1] = '\0'; /* the summary column: 2 + HEAD + 2 */
	if (app->width < 2 * HELP_HEAD + 16) {
		/* too narrow for two columns: the summary below */
		app_wrap(app, sb, head, "  ", "      ");
		app_wrap(app, sb, summary, "      ", "      ");
	} else if (strlen(head) <= HELP_HEAD) {
		snprintf(first, sizeof(first), "  %-*s  ", HELP_HEAD, head);
		app_wrap(app, sb, summary, first, rest);
	} else {
		app_wrap(app, sb, head, "  ", "      ");
		app_wrap(app, sb, summary, rest, rest);
	}
}

void cmd_help_one(const struct app *app, struct strbuf *sb, const char *head,
		  const char *summary, const char *alias)
{
	app_wrap(app, sb, head, "", "    ");
	app_wrap(app, sb, summary, "  ", "  ");
	if (alias)
		strbuf_addf(sb, "  (also: %s)\n", alias);
}

static int cmd_help(struct app *app, const struct cmd_args *args)
{
	struct strbuf sb = { 0 };
	size_t i;

	if (args->argc > 0) {
		const struct cmd_entry *e = cmd_find(args->argv[0]);
		char *head;
		if (!e) {
			app_error(app, "no command '%s'", args->argv[0]);
			return EXIT_USAGE;
		}
		head = head_of(e);
		cmd_help_one(app, &sb, head, e->summary, e->alias);
		fputs(sb.buf, app->out);
		strbuf_release(&sb);
		free(head);
		return EXIT_OK;
	}
	strbuf_adds(&sb, "Commands:\n");
	for (i = 0; i < cmd_count; i++) {
		const struct cmd_entry *e = cmd_table[i];
		char *head;
		if ((e->flags & CMD_SHELL) && !app->in_shell)
			continue;
		head = head_of(e);
		cmd_help_row(app, &sb, head, e->summary);
		free(head);
	}
	if (app->in_shell)
		app_wrap(app, &sb,
			 "Tab completes commands and ids; 'help COMMAND' "
			 "explains one.",
			 "", "");
	fputs(sb.buf, app->out);
	strbuf_release(&sb);
	return EXIT_OK;
}

const struct cmd_entry cmd_help_entry = {
	.name = "help",
	.max_args = 1,
	.usage = "[COMMAND]",
	.summary = "list the commands, or explain one",
	.complete = COMPLETE_COMMAND,
	.run = cmd_help,
};

/* ---- completion ---- */

struct matches {
	char **v;
	size_t n, cap;
};

static void add_match(struct matches *m, const char *s, const char *word)
{
	void *p = m->v;
	size_t i;

	if (!s || strncmp(s, word, strlen(word)) != 0)
		return;
	for (i = 0; i < m->n; i++)
		if (strcmp(m->v[i], s) == 0)
			return;
	xgrow(&p, &m->cap, m->n + 2, sizeof(char *));
	m->v = p;
	m->v[m->n++] = xstrdup(s);
	m->v[m->n] = NULL;
}

static void add_ids(struct matches *m, const struct item_list *l,
		    const char *word)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		add_match(m, ((const struct item *)l->v[i])->id, word);
}

/* The formats of the exercise named (NULL: of every exercise). */
static void add_formats(struct matches *m, struct app *app, const char *id,
			const char *word)
{
	const struct item_list *l;
	size_t i, j;

	if (!app_open_course(app))
		return;
	l = &app->course->exercises;
	for (i = 0; i < l->n; i++) {
		const struct exercise *ex = l->v[i];
		if (id && strcmp(ex->item.id, id) != 0)
			continue;
		for (j = 0; j < ex->n_sheets; j++)
			add_match(m, ex->sheets[j].id, word);
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_commands(struct matches *m, const struct app *app,
			 const char *word)
{
	size_t i;

	for (i = 0; i < cmd_count; i++)
		if (app->in_shell || !(cmd_table[i]->flags & CMD_SHELL))
			add_match(m, cmd_table[i]->name, word);
}

/* The choices of a value written "csv|json|xapi". */
static void add_choices(struct matches *m, const char *value, const char *word)
{
	char *copy = xstrdup(value), *save = NULL, *t;

	for (t = strtok_r(copy, "|", &save); t; t = strtok_r(NULL, "|", &save))
		add_match(m, t, word);
	free(copy);
}

char **cmd_complete(struct app *app, const char *line, const char *word,
		    bool *files)
{
	struct matches m = { 0 };
	char *copy = xstrdup(line), *first, *t, *save = NULL;
	const struct cmd_option *wants = NULL; /* the option before word */
	const struct cmd_entry *e;
	const char *named = NULL; /* the first word that is not an option */
	int positional = 0, o;
	size_t i;

	if (files)
		*files = false;
	first = strtok_r(copy, " \t", &save);
	if (!first) {
		/* the command itself */
		add_commands(&m, app, word);
		goto done;
	}
	e = cmd_find(first);
	if (!e)
		goto done;
	/* the words so far: options, their values, and the others */
	while ((t = strtok_r(NULL, " \t", &save))) {
		if (wants) {
			wants = NULL;
		} else if (t[0] == '-' && t[1] && !strchr(t, '=') &&
			   (o = find_option(e, t, strlen(t))) >= 0) {
			if (e->options[o].value)
				wants = &e->options[o];
		} else {
			if (!positional++)
				named = t;
		}
	}
	if (wants) {
		/* the option's value: its choices, or a file */
		if (strchr(wants->value, '|'))
			add_choices(&m, wants->value, word);
		else if (e->complete == COMPLETE_EXERCISE &&
			 strcmp(wants->name, "--format") == 0)
			add_formats(&m, app, named, word);
		else if (files)
			*files = strcmp(wants->value, "FILE") == 0 ||
				 strcmp(wants->value, "DIR") == 0;
		goto done;
	}
	if (word[0] == '-') {
		for (o = 0; o < CMD_OPTIONS_MAX && e->options[o].name; o++)
			add_match(&m, e->options[o].name, word);
		goto done;
	}
	if (e->max_args >= 0 && positional >= e->max_args)
		goto done;
	if (e->complete == COMPLETE_FILE) {
		if (files)
			*files = true;
		goto done;
	}
	if (e->complete == COMPLETE_COMMAND) {
		add_commands(&m, app, word);
		goto done;
	}
	if (e->complete == COMPLETE_NONE || !app_open_course(app))
		goto done;
	switch (e->complete) {
	case COMPLETE_LESSON:
		add_ids(&m, &app->course->lessons, word);
		break;
	case COMPLETE_QUIZ:
		add_ids(&m, &app->course->quizzes, word);
		break;
	case COMPLETE_ASSESSMENT:
		add_ids(&m, &app->course->assessments, word);
		break;
	case COMPLETE_EXERCISE:
		add_ids(&m, &app->course->exercises, word);
		break;
	case COMPLETE_ACTIVITY:
		add_ids(&m, &app->course->quizzes, word);
		add_ids(&m, &app->course->assessments, word);
		add_ids(&m, &app->course->exercises, word);
		break;
	default: {
		const struct course *c = app->course;
		const struct item_list *all[] = {
			&c->competencies, &c->lessons,	 &c->quizzes,
			&c->banks,	  &c->questions, &c->assessments,
			&c->statements,	  &c->exercises, &c->scenarios,
			&c->polls,	  &c->paths,	 &c->steps,
		};
		for (i = 0; i < RP_ARRAY_LEN(all); i++)
			add_ids(&m, all[i], word);
	}
	}
done:
	free(copy);
	if (m.n > 1)
		sort_array(m.v, m.n, sizeof(char *), cmp_str);
	return m.v;
}
