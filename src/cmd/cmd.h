/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd.h - the command table: one entry per command, shared by the command
 * line and the shell, from which help and completion are generated; and
 * what every command can reach (struct app). */
#ifndef RAPPORT_CMD_H
#define RAPPORT_CMD_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "../core/model.h"
#include "../core/outfile.h"
#include "../core/util.h"
#include "../term/term.h"

struct course;
struct input;
struct record_filter;
struct store;

/* What every command can reach: options, streams, the course. */
struct app {
	const char *content;   /* --content, or NULL for the default */
	char *content_dir;     /* the folder courses are found in; owned */
	char *user;	       /* --user or the login name; owned */
	const char *db;	       /* --db, or NULL for the default */
	const char *history;   /* the shell's history file, or NULL */
	struct store *store;   /* the results, opened on first use */
	bool store_read_only;  /* opened only to read (CMD_READS) */
	int64_t user_id;       /* app->user in the store */
	uint64_t seed;	       /* --seed */
	bool seed_set;	       /* --seed was given */
	bool json;	       /* --json: results as JSON on out */
	bool require_pass;     /* --require-pass: a failed quiz exits 1 */
	bool color;	       /* colour may be used on out */
	bool ansi;	       /* out is a terminal that takes escape
				  sequences (TERM set, not dumb) */
	bool unicode;	       /* the locale is UTF-8: blocks, not '#' */
	const char *sep;       /* " · ", or " - " outside UTF-8 */
	const char *arrow;     /* "→", or "->" outside UTF-8 */
	bool interactive;      /* a person at a terminal types the input */
	unsigned width;	       /* columns to wrap to */
	FILE *out;	       /* results */
	FILE *err;	       /* problems */
	struct input *input;   /* where commands and answers come from */
	struct course *course; /* the open course, loaded on first use */
	bool in_shell;	       /* commands come from the shell's loop */
	bool resume_agreed;    /* the learner already said to resume */
	bool leave;	       /* the shell should end */
	char *holder;	       /* app_holder(), made on first use */
};

enum cmd_flags {
	CMD_COURSE = 1,	 /* needs the open course */
	CMD_SHELL = 2,	 /* only makes sense in the shell */
	CMD_STORE = 4,	 /* needs the results database */
	CMD_READS = 8,	 /* with CMD_STORE: only reads it, so a read-only
			    or full disk does not stand in the way, and no
			    user is added */
	CMD_ANYONE = 16, /* with CMD_STORE: works on everyone's results, so
			    the current user is not added either */
};

/* What Tab completes after a command's name. */
enum cmd_complete {
	COMPLETE_NONE,
	COMPLETE_COMMAND,
	COMPLETE_LESSON,
	COMPLETE_QUIZ,
	COMPLETE_ASSESSMENT,
	COMPLETE_EXERCISE,
	COMPLETE_ACTIVITY, /* a quiz, self-assessment or exercise */
	COMPLETE_ANY_ID,
	COMPLETE_FILE, /* a file or folder */
};

/* An option a command takes, anywhere after its name: "--format csv",
 * "--format=csv" or "-f csv"; a flag when value is NULL. */
struct cmd_option {
	const char *name;  /* "--format" */
	const char *alias; /* "-f", or NULL */
	const char *value; /* what it takes, e.g. "FORMAT"; NULL: a flag */
};

#define CMD_OPTIONS_MAX 12

/* A command's words once its options are read (cmd_run), as its handler
 * receives them. */
struct cmd_args {
	const struct cmd_entry *entry;
	int argc;    /* the words that are not options, */
	char **argv; /* in order (argv[argc] is NULL) */
	const char *values[CMD_OPTIONS_MAX]; /* by the entry's options: NULL
						when not given, "" for a
						flag that was */
};

/* A command, described where its handler is (tmux's cmd_entry): the one
 * table of them (cmd_table) gives dispatch, help and completion. */
struct cmd_entry {
	const char *name;			    /* as typed */
	const char *alias;			    /* another name, or NULL */
	struct cmd_option options[CMD_OPTIONS_MAX]; /* ended by one without
						       a name */
	int min_args;	     /* words after the name that are not options */
	int max_args;	     /* -1: any number */
	const char *usage;   /* the arguments, e.g. "[PATH...]" */
	const char *summary; /* one line, lowercase, no full stop */
	const char *extra;   /* said after "unexpected 'WORD'", or NULL */
	unsigned flags;	     /* enum cmd_flags */
	enum cmd_complete complete; /* what its argument is */
	int (*run)(struct app *app, const struct cmd_args *args); /* exit
								     status */
};

/* The value of the entry's option name ("--format"), NULL when not given;
 * "" for a flag that was. name must be one of the entry's options. */
const char *cmd_value(const struct cmd_args *args, const char *name);
/* Whether the flag or option name was given. */
bool cmd_flag(const struct cmd_args *args, const char *name);

enum {
	EXIT_OK = 0,
	EXIT_FAILED = 1, /* a failed check */
	EXIT_USAGE = 2,	 /* the command line is wrong */
};

/* Every command, in the order help lists them (list.h). */
extern const struct cmd_entry *const cmd_table[];
extern const size_t cmd_count;

/* The command called name (or with that alias), or NULL. */
const struct cmd_entry *cmd_find(const char *name);

/* Runs argv[0] with its arguments: reads the options and checks the count
 * of the other words against its entry, opens what it needs, then calls
 * the handler. Returns its exit status. */
int cmd_run(struct app *app, int argc, char **argv);

/* Completion candidates for word after line (the text before it): the
 * command names (outside the shell, not the shell's own), a command's
 * options, an option's choices ("csv|json|xapi"), the ids the command
 * takes. NULL-terminated, sorted; the caller frees each and the array.
 * *files (when files is not NULL) is set when the word is a file name,
 * which the caller completes itself. */
char **cmd_complete(struct app *app, const char *line, const char *word,
		    bool *files);

/* A line of help's table: head (a command and its usage) in the first
 * column, summary in the second, both wrapped to the app's width. */
void cmd_help_row(const struct app *app, struct strbuf *sb, const char *head,
		  const char *summary);
/* One command explained: head, then its summary indented below, and its
 * alias when it has one. */
void cmd_help_one(const struct app *app, struct strbuf *sb, const char *head,
		  const char *summary, const char *alias);

/* ---- app.c: what commands share ---- */

/* The folder holding the courses; resolves the default on first use.
 * Returns NULL (after printing why) when there is none. */
const char *app_content_dir(struct app *app);

/* Loads the default course into app->course if not yet loaded. Prints
 * problems to app->err; returns false when there is no usable course. */
bool app_open_course(struct app *app);

/* $VAR/rapport/NAME, or ~/FALLBACK/rapport/NAME when VAR is unset or not
 * absolute (the XDG rule), its folders made 0700 and the rapport folder
 * itself kept so. NULL without a home. Caller frees. */
char *app_xdg_file(const char *var, const char *fallback, const char *name);

/* Opens the results database (--db, else $XDG_DATA_HOME/rapport/
 * rapport.db, its folder made 0700) and finds app->user in it, adding
 * them when add_user; with write false, only to read it. Prints why and
 * returns false when it cannot. */
bool app_open_store(struct app *app, bool write, bool add_user);

/* Makes name the current user (creating it in the store when add); a
 * byte of it that is not UTF-8 becomes U+FFFD. */
bool app_set_user(struct app *app, const char *name, bool add);

/* The time now (milliseconds since the epoch, as every time rapport keeps)
 * and today (whole local days since the epoch): the one place the program
 * reads the wall clock. */
int64_t app_now_ms(void);
int64_t app_today(void);
/* Seconds on a steady clock, for durations and time limits. */
double app_clock(void);
/* A day number as "Tuesday 27 November 2026"-style text; caller frees. */
char *app_day_text(int64_t day);
/* When a time was, said plainly relative to now: "today at 09:14",
 * "yesterday at 17:02", "on Tuesday", "on 3 November". Caller frees. */
char *app_when(int64_t ms);

/* This process as the holder of the attempts it answers in (store.h):
 * "HOST BOOT PID START", the machine, its boot, and the process with
 * the time it started, so that a process id used again later is not
 * taken for this one. Owned by app. */
const char *app_holder(struct app *app);
/* Whether the process named by holder (another's) may still be running:
 * false when it is on this machine and gone, or from an earlier boot;
 * true for one on another machine, which cannot be looked at. */
bool app_holder_alive(const char *holder);
/* "process 4711 on this computer" or "a rapport on laptop-7", for
 * messages. Caller frees. */
char *app_holder_text(const char *holder);

/* Frees what app holds. */
void app_release(struct app *app);

/* path shortened to be relative to the working folder when inside it;
 * caller frees. */
char *display_path(const char *path);

/* The escape sequence for a style, or "" without colour; app_off() ends
 * it. With app_clear_screen(), these are the only escape sequences
 * rapport prints. */
const char *app_on(const struct app *app, enum style s);
const char *app_off(const struct app *app);
/* Clears the screen of a terminal that takes escape sequences (app->ansi);
 * elsewhere does nothing. */
void app_clear_screen(const struct app *app);

/* Appends text, made terminal-safe, wrapped to the app's width; first and
 * rest prefix the first and the other lines. */
void app_wrap(const struct app *app, struct strbuf *sb, const char *text,
	      const char *first, const char *rest);
/* app_wrap() with no prefixes, in style s, the style ended before the
 * last line does. */
void app_wrap_styled(const struct app *app, struct strbuf *sb, enum style s,
		     const char *text);
/* The render options of the app: its width, characters and styles. */
void app_render_opts(const struct app *app, struct render_opts *o);
/* app_wrap() of the spans one after another, each in its style, the
 * styles ended before every line end and started again after it. */
void app_wrap_spans(const struct app *app, struct strbuf *sb,
		    const struct span *spans, size_t n, const char *first,
		    const char *rest);
/* Prints a message to app->out, each of its lines made terminal-safe and
 * wrapped to the app's width, a line's leading spaces kept as the indent
 * of all it wraps to; blank lines stay. */
void app_say(const struct app *app, const char *fmt, ...) RP_PRINTF(2, 3);
/* app_say() appending to sb. */
void app_wrapf(const struct app *app, struct strbuf *sb, const char *fmt, ...)
	RP_PRINTF(3, 4);
/* Appends a row of a two-column table: indent, head padded to col columns,
 * two spaces, then text wrapped in the second column. A head wider than
 * col goes on a line of its own; on a terminal too narrow for two columns
 * the text goes below the head, indented. */
void app_row(const struct app *app, struct strbuf *sb, const char *indent,
	     const char *head, size_t col, const char *text);
/* Appends text made terminal-safe (one line). */
void app_safe(struct strbuf *sb, const char *text);

/* Prints text to app->out; on a terminal, text longer than the screen
 * goes through $PAGER (less by default), as git does. */
void app_page(struct app *app, const char *text);

/* Reads an answer (never kept in the history). */
int app_read_answer(struct app *app, const char *prompt, char **line);

/* Prints a problem to app->err: "rapport: " and, in a script, the line;
 * the message made safe for a terminal (text_sanitize), wrapped when
 * app->err is a terminal and on one line otherwise, so that a log or a
 * caller reads one problem a line. */
void app_error(const struct app *app, const char *fmt, ...) RP_PRINTF(2, 3);

/* The item called id, of kind (a what, such as "self-assessment"), in the
 * open course; NULL after saying there is none ('list_cmd' lists them) or
 * that id is another kind of item. */
const void *app_find(struct app *app, const char *id, enum item_kind kind,
		     const char *what, const char *list_cmd);

/* Columns for a room to read: the whole terminal (not capped for
 * reading), else the app's width. */
unsigned app_room_width(const struct app *app);

/* ---- args.c: dates, whom a command is about, output files ---- */

/* The start of a local day written YYYY-MM-DD, in milliseconds since the
 * epoch; -1 when text is not such a date. */
int64_t app_parse_day(const char *text);

/* The attempts a command is asked about, in the open course: --user
 * NAME, --all (everyone) or, without either, the current user; --since
 * DATE. The values are the options' (NULL when not given). Prints why and
 * returns false when they make no sense. */
/* Who and since when a filter covers, for a heading: "ana since
 * 2026-11-02", "everyone". Caller frees. */
char *app_scope(const struct record_filter *f, const char *since);
bool app_filter(struct app *app, const char *cmd, const char *user,
		const char *all, const char *since, struct record_filter *f);

/* merge --lrs URL: the attempts a learning record store's completed
 * statements carry, into this database (send.c). */
int app_merge_lrs(struct app *app, const struct cmd_args *args);

/* How xAPI statements name things (xapi.h): --base and --home-page as
 * given, else $RAPPORT_XAPI_BASE and $RAPPORT_XAPI_HOME, else rapport's
 * defaults. False after saying so when one is not an absolute IRI. */
struct xapi_options;
bool app_xapi_options(struct app *app, const char *cmd, const char *base,
		      const char *home, struct xapi_options *out);

/* A file a command writes its output to (outfile.h): a regular file is
 * replaced whole (mode 0600) or left as it was, a terminal, pipe or
 * device is written in place, and rapport's own files (the database and
 * its journals, the shell's history) are refused. NULL or "-" means
 * app->out. */
struct out_file {
	FILE *f;	     /* write here */
	const char *path;    /* the name given; NULL for app->out */
	struct outfile file; /* when path is set */
};
/* Prints why and returns false when path cannot be written. */
bool out_file_open(struct app *app, struct out_file *of, const char *path);
/* Finishes the file when keep (false: drops what was written). False
 * when writing failed, after saying why. */
bool out_file_close(struct app *app, struct out_file *of, bool keep);

/* ---- shared by the flows and the shell ---- */

/* Offers the newest unfinished attempt in the course and resumes it when
 * the learner agrees; true when one was offered. */
bool offer_resume(struct app *app);
/* Questions due for review today (0 when none or no store). */
size_t review_due_count(struct app *app);
/* "step 3 of 11: read 'Partners'" for the first path's next step, or NULL
 * when the path is done or there is none. Caller frees. */
char *path_next_text(struct app *app);

#endif
