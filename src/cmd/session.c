/* SPDX-License-Identifier: GPL-3.0-or-later */
/* session.c - commands about the session itself: reload, quit. */
#include <stdlib.h>

#include "../core/check.h"
#include "../core/model.h"
#include "cmd.h"

int cmd_reload(struct app *app, int argc, char **argv)
{
	struct course *old = app->course;
	struct course_counts k;
	char *counts;

	(void)argc;
	(void)argv;
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

int cmd_clear(struct app *app, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	app_clear_screen(app);
	return EXIT_OK;
}

int cmd_quit(struct app *app, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	app->leave = true;
	return EXIT_OK;
}
