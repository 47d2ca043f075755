/* SPDX-License-Identifier: GPL-3.0-or-later */
/* session.c - commands about the session itself: reload, quit. */
#include <stdlib.h>

#include "../core/check.h"
#include "../core/model.h"
#include "cmd.h"

static int cmd_reload(struct app *app, const struct cmd_args *args)
{
	struct course *old = app->course;
	struct course_counts k;
	char *counts;

	(void)args;
	app->course = NULL;
	if (!app_open_course(app)) {
		app->course = old;
		app_error(app, "kept the course as it was before");
		return EXIT_FAILED;
	}
	course_free(old);
	course_count(app->course, &k);
	counts = course_counts_format(&k);
	fprintf(app->out, "Reloaded: %s.\n", counts);
	free(counts);
	return EXIT_OK;
}

const struct cmd_entry cmd_reload_entry = {
	.name = "reload",
	.max_args = 0,
	.summary = "read the course files again",
	.flags = CMD_SHELL,
	.run = cmd_reload,
};

static int cmd_clear(struct app *app, const struct cmd_args *args)
{
	(void)args;
	app_clear_screen(app);
	return EXIT_OK;
}

const struct cmd_entry cmd_clear_entry = {
	.name = "clear",
	.max_args = 0,
	.summary = "clear the screen (Ctrl-L does too)",
	.flags = CMD_SHELL,
	.run = cmd_clear,
};

static int cmd_quit(struct app *app, const struct cmd_args *args)
{
	(void)args;
	app->leave = true;
	return EXIT_OK;
}

const struct cmd_entry cmd_quit_entry = {
	.name = "quit",
	.alias = "exit",
	.max_args = 0,
	.summary = "leave rapport (Ctrl-D does too)",
	.flags = CMD_SHELL,
	.run = cmd_quit,
};
