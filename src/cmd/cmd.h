/* cmd.h - the command table: one entry per command, shared by the command
 * line and the shell, from which help and completion are generated. */
#ifndef RAPPORT_CMD_H
#define RAPPORT_CMD_H

#include <stdbool.h>
#include <stdio.h>

struct course;

/* What every command can reach: options, streams, the course. */
struct app {
	const char *content;   /* --content, or NULL for the default */
	char *content_dir;     /* the folder courses are found in; owned */
	const char *user;      /* --user, or NULL for the login name */
	unsigned long seed;    /* --seed */
	bool seed_set;         /* --seed was given */
	bool color;            /* colour may be used on out */
	FILE *out;             /* results */
	FILE *err;             /* problems */
	struct course *course; /* the open course, loaded on first use */
};

enum cmd_flags {
	CMD_COURSE = 1, /* needs the open course */
};

struct cmd_entry {
	const char *name;    /* as typed */
	const char *alias;   /* another name, or NULL */
	int min_args;        /* arguments after the name */
	int max_args;        /* -1: any number */
	const char *usage;   /* the arguments, e.g. "[PATH...]" */
	const char *summary; /* one line, lowercase, no full stop */
	unsigned flags;      /* enum cmd_flags */
	int (*run)(struct app *app, int argc, char **argv); /* exit status */
};

enum {
	EXIT_OK = 0,
	EXIT_FAILED = 1, /* a failed check */
	EXIT_USAGE = 2,  /* the command line is wrong */
};

extern const struct cmd_entry cmd_table[];
extern const size_t cmd_count;

/* The command called name (or with that alias), or NULL. */
const struct cmd_entry *cmd_find(const char *name);

/* Runs argv[0] with its arguments: checks the argument count against the
 * table, then calls the handler. Returns its exit status. */
int cmd_run(struct app *app, int argc, char **argv);

/* Prints "usage: rapport NAME ARGS" for e to app->err. */
void cmd_usage(const struct app *app, const struct cmd_entry *e);

/* The folder holding the courses; resolves the default on first use.
 * Returns NULL (after printing why) when there is none. */
const char *app_content_dir(struct app *app);

/* Loads the default course into app->course if not yet loaded. Prints
 * problems to app->err; returns false when there is no usable course. */
bool app_open_course(struct app *app);

/* Frees what app holds. */
void app_release(struct app *app);

/* path shortened to be relative to the working folder when inside it;
 * caller frees. */
char *display_path(const char *path);

int cmd_validate(struct app *app, int argc, char **argv);
int cmd_help(struct app *app, int argc, char **argv);

#endif
