/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd.c - the command table, dispatch, help and completion, all generated
 * from the one table. */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

#include "../core/model.h"
#include "../core/text.h"

const struct cmd_entry cmd_table[] = {
	{"lessons", NULL, 0, 0, "", "list the lessons", CMD_COURSE,
	 COMPLETE_NONE, cmd_lessons},
	{"read", NULL, 1, 1, "LESSON", "read a lesson",
	 CMD_COURSE | CMD_STORE, COMPLETE_LESSON, cmd_read},
	{"quizzes", NULL, 0, 0, "", "list the quizzes", CMD_COURSE,
	 COMPLETE_NONE, cmd_quizzes},
	{"quiz", NULL, 1, 1, "QUIZ", "take a quiz and see your score",
	 CMD_COURSE | CMD_STORE, COMPLETE_QUIZ, cmd_quiz},
	{"assessments", NULL, 0, 0, "", "list the self-assessments",
	 CMD_COURSE, COMPLETE_NONE, cmd_assessments},
	{"assess", NULL, 1, 1, "ASSESSMENT",
	 "rate your own habits and get your next actions",
	 CMD_COURSE | CMD_STORE, COMPLETE_ASSESSMENT, cmd_assess},
	{"exercises", NULL, 0, 0, "",
	 "list the sales-meeting exercises and their scenarios", CMD_COURSE,
	 COMPLETE_NONE, cmd_exercises},
	{"meeting", NULL, 1, 1, "EXERCISE",
	 "run a sales meeting: scenarios, everyone's answers, reveal, scores",
	 CMD_COURSE | CMD_STORE, COMPLETE_EXERCISE, cmd_meeting},
	{"practice", NULL, 1, 1, "EXERCISE",
	 "work through an exercise's scenarios on your own",
	 CMD_COURSE | CMD_STORE, COMPLETE_EXERCISE, cmd_practice},
	{"review", NULL, 0, 1, "[--all]",
	 "go over the questions you missed that are due (--all: every one)",
	 CMD_COURSE | CMD_STORE, COMPLETE_NONE, cmd_review},
	{"path", NULL, 0, 0, "", "show your onboarding path and the next step",
	 CMD_COURSE | CMD_STORE, COMPLETE_NONE, cmd_path},
	{"next", NULL, 0, 0, "", "start the next step of your path",
	 CMD_COURSE | CMD_STORE, COMPLETE_NONE, cmd_next},
	{"history", NULL, 0, 0, "", "list your attempts with their scores",
	 CMD_COURSE | CMD_STORE | CMD_READS, COMPLETE_NONE, cmd_history},
	{"progress", NULL, 0, 0, "",
	 "your scores over time, and what you know next to what you do",
	 CMD_COURSE | CMD_STORE | CMD_READS, COMPLETE_NONE, cmd_progress},
	{"users", NULL, 0, 0, "", "list the people with results here",
	 CMD_STORE | CMD_READS, COMPLETE_NONE, cmd_users},
	{"user", NULL, 1, 1, "NAME", "work as another person",
	 CMD_COURSE | CMD_STORE | CMD_SHELL, COMPLETE_NONE, cmd_user},
	{"export", NULL, 0, -1,
	 "[--format csv|json|xapi] [--user NAME|--all] [--since DATE] [-o FILE]",
	 "write results for a spreadsheet, another rapport or a learning record "
	 "store",
	 CMD_COURSE | CMD_STORE | CMD_READS, COMPLETE_NONE, cmd_export},
	{"merge", NULL, 1, -1, "FILE...",
	 "bring other people's JSON exports into this database",
	 CMD_STORE | CMD_ANYONE, COMPLETE_NONE, cmd_merge},
	{"report", NULL, 0, -1,
	 "[--html FILE] [--user NAME|--all] [--since DATE]",
	 "where people stand: by competency, over time, most missed questions",
	 CMD_COURSE | CMD_STORE | CMD_READS, COMPLETE_NONE, cmd_report},
	{"stats", NULL, 0, -1,
	 "[QUIZ|ASSESSMENT|EXERCISE] [--user NAME|--all] [--since DATE] [--json]",
	 "item statistics for trainers: facility, discrimination, distractors, "
	 "reliability",
	 CMD_COURSE | CMD_STORE | CMD_READS, COMPLETE_ACTIVITY, cmd_stats},
	{"show", NULL, 1, 1, "ID",
	 "preview any item by its id, as an author sees it", CMD_COURSE,
	 COMPLETE_ANY_ID, cmd_show},
	{"validate", NULL, 0, -1, "[--werror] [--guessers [--runs N]] [PATH...]",
	 "check courses and report every problem (default: the open course)",
	 0, COMPLETE_NONE, cmd_validate},
	{"reload", NULL, 0, 0, "", "read the course files again", CMD_SHELL,
	 COMPLETE_NONE, cmd_reload},
	{"clear", NULL, 0, 0, "", "clear the screen (Ctrl-L does too)",
	 CMD_SHELL, COMPLETE_NONE, cmd_clear},
	{"help", NULL, 0, 1, "[COMMAND]", "list the commands, or explain one",
	 0, COMPLETE_COMMAND, cmd_help},
	{"quit", "exit", 0, 0, "", "leave rapport (Ctrl-D does too)",
	 CMD_SHELL, COMPLETE_NONE, cmd_quit},
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

static void usage_line(const struct app *app, const struct cmd_entry *e)
{
	fprintf(app->err, "usage: %s%s%s%s\n", app->in_shell ? "" : "rapport ",
		e->name, *e->usage ? " " : "", e->usage);
}

int cmd_run(struct app *app, int argc, char **argv)
{
	const struct cmd_entry *e = cmd_find(argv[0]);
	int nargs = argc - 1;

	if (!e) {
		app_error(app, "unknown command '%s'; %s lists them", argv[0],
			  app->in_shell ? "'help'" : "'rapport help'");
		return EXIT_USAGE;
	}
	if (nargs < e->min_args || (e->max_args >= 0 && nargs > e->max_args)) {
		app_error(app, "%s: %s", e->name,
			  nargs < e->min_args ? "missing argument"
					      : "too many arguments");
		usage_line(app, e);
		return EXIT_USAGE;
	}
	if ((e->flags & CMD_COURSE) && !app_open_course(app))
		return EXIT_FAILED;
	if ((e->flags & CMD_STORE) &&
	    !app_open_store(app, !(e->flags & CMD_READS),
			    !(e->flags & (CMD_READS | CMD_ANYONE))))
		return EXIT_FAILED;
	return e->run(app, argc, argv);
}

/* The width of help's first column: a usage longer than this goes on a
 * line of its own, its summary below it. */
#define HELP_HEAD 24

int cmd_help(struct app *app, int argc, char **argv)
{
	struct strbuf sb = {0};
	char rest[HELP_HEAD + 5];
	size_t i;

	memset(rest, ' ', sizeof(rest) - 1);
	rest[sizeof(rest) - 1] = '\0'; /* the summary column: 2 + HEAD + 2 */
	if (argc > 1) {
		const struct cmd_entry *e = cmd_find(argv[1]);
		char *head;
		if (!e) {
			app_error(app, "no command '%s'", argv[1]);
			return EXIT_USAGE;
		}
		head = xasprintf("%s%s%s", e->name, *e->usage ? " " : "",
				 e->usage);
		app_wrap(app, &sb, head, "", "    ");
		app_wrap(app, &sb, e->summary, "  ", "  ");
		if (e->alias)
			strbuf_addf(&sb, "  (also: %s)\n", e->alias);
		fputs(sb.buf, app->out);
		strbuf_release(&sb);
		free(head);
		return EXIT_OK;
	}
	strbuf_adds(&sb, "Commands:\n");
	for (i = 0; i < cmd_count; i++) {
		const struct cmd_entry *e = &cmd_table[i];
		char *head;
		if ((e->flags & CMD_SHELL) && !app->in_shell)
			continue;
		head = xasprintf("%s%s%s", e->name, *e->usage ? " " : "",
				 e->usage);
		if (app->width < 2 * HELP_HEAD + 16) {
			/* too narrow for two columns: the summary below */
			app_wrap(app, &sb, head, "  ", "      ");
			app_wrap(app, &sb, e->summary, "      ", "      ");
		} else if (strlen(head) <= HELP_HEAD) {
			char first[HELP_HEAD + 5];
			snprintf(first, sizeof(first), "  %-*s  ", HELP_HEAD,
				 head);
			app_wrap(app, &sb, e->summary, first, rest);
		} else {
			app_wrap(app, &sb, head, "  ", "      ");
			app_wrap(app, &sb, e->summary, rest, rest);
		}
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

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **cmd_complete(struct app *app, const char *line, const char *word)
{
	struct matches m = {0};
	char *copy = xstrdup(line), *first, *save = NULL;
	const struct cmd_entry *e;
	size_t i;

	first = strtok_r(copy, " \t", &save);
	if (!first) {
		/* the command itself */
		for (i = 0; i < cmd_count; i++)
			add_match(&m, cmd_table[i].name, word);
		goto done;
	}
	e = cmd_find(first);
	/* commands take one id at most: nothing after it */
	if (!e || strtok_r(NULL, " \t", &save) ||
	    (e->max_args >= 0 && e->max_args < 1))
		goto done;
	if (e->complete == COMPLETE_COMMAND) {
		for (i = 0; i < cmd_count; i++)
			add_match(&m, cmd_table[i].name, word);
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
			&c->competencies, &c->lessons,	  &c->quizzes,
			&c->banks,	  &c->questions,  &c->assessments,
			&c->statements,	  &c->exercises,  &c->scenarios,
			&c->polls,	  &c->paths,	  &c->steps,
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
