/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exchange.c - results leaving and joining the database: export as CSV,
 * JSON or xAPI statements, and merge other people's JSON exports. */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/model.h"
#include "../core/record.h"
#include "../core/store.h"
#include "../core/text.h"
#include "../core/xapi.h"
#include "cmd.h"

static void say_error(struct app *app, char *err)
{
	app_error(app, "%s", err);
	free(err);
}

char *app_scope(const struct record_filter *f, const char *since)
{
	if (f->user && since)
		return xasprintf("%s since %s", f->user, since);
	if (f->user)
		return xstrdup(f->user);
	return since ? xasprintf("everyone since %s", since)
		     : xstrdup("everyone");
}

bool app_filter(struct app *app, const char *cmd, const char *user,
		const char *all, const char *since, struct record_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->course = app->course->item.id;
	if (user && all) {
		app_error(app, "%s: give --user NAME or --all, not both", cmd);
		return false;
	}
	if (user && !*user) {
		app_error(app, "%s: --user needs a name", cmd);
		return false;
	}
	f->user = all ? NULL : user ? user : app->user;
	if (since) {
		f->since = app_parse_day(since);
		if (f->since < 0) {
			app_error(app,
				  "%s: --since takes a date such as 2026-11-02,"
				  " not '%s'",
				  cmd, since);
			return false;
		}
	}
	return true;
}

/* ---- export ---- */

enum format { FORMAT_CSV, FORMAT_JSON, FORMAT_XAPI };

struct exporter {
	struct app *app;
	FILE *f;
	enum format format;
	struct xapi_options xapi;
	struct record_writer *json; /* for --format json */
	size_t attempts, items;	    /* items: rows, attempts or statements */
	bool terminal;		    /* f is a terminal: read there, not kept */
};

/* text (freed here) as it is written: byte for byte to a file or a pipe;
 * on a terminal, controls and direction marks as U+FFFD (text_sanitize),
 * as everywhere else rapport shows text there. Caller frees. */
static char *as_written(const struct exporter *x, char *text)
{
	char *safe, *r, *w;

	if (!x->terminal)
		return text;
	/* CSV ends its lines with CR LF; there LF alone shows the same */
	for (r = w = text; *r; r++)
		if (r[0] != '\r' || r[1] != '\n')
			*w++ = *r;
	*w = '\0';
	safe = text_sanitize(text, 0);
	free(text);
	return safe;
}

/* Writes text with every line indented by pad spaces (8 at most): a
 * record's JSON placed inside the export's list. A record has hundreds of
 * lines, so they are put together in one buffer and written at once. */

static int export_one(void *ctx, const struct record *r, char **err)
{
	struct exporter *x = ctx;
	struct strbuf sb = { 0 };
	char **list;
	size_t n, i;

	(void)err;
	switch (x->format) {
	case FORMAT_CSV: {
		char *rows;
		record_csv_rows(r, &sb);
		rows = as_written(x, strbuf_detach(&sb));
		fputs(rows, x->f);
		free(rows);
		x->items += r->n_answers;
		break;
	}
	case FORMAT_JSON: {
		char *json = record_writer_json(x->json, r);
		char *placed =
			as_written(x, record_export_attempt(x->attempts, json));
		fputs(placed, x->f);
		free(placed);
		free(json);
		x->items++;
		break;
	}
	case FORMAT_XAPI:
		n = xapi_statements(r, x->app->course, &x->xapi, &list);
		for (i = 0; i < n; i++) {
			list[i] = as_written(x, list[i]);
			fputs(x->items ? ",\n  " : "\n  ", x->f);
			fputs(list[i], x->f);
			x->items++;
		}
		xapi_free(list, n);
		break;
	}
	x->attempts++;
	return 0;
}

static void json_head(struct exporter *x)
{
	json_t *course = json_object();
	char *text, *head;

	json_object_set_new(course, "id", json_string(x->app->course->item.id));
	json_object_set_new(course, "title",
			    json_string(x->app->course->title));
	json_object_set_new(course, "fingerprint",
			    json_string(x->app->course->fingerprint));
	text = json_dumps(course, JSON_COMPACT);
	head = as_written(x, record_export_head(text, app_now_ms(),
						"rapport " RAPPORT_VERSION));
	fputs(head, x->f);
	free(head);
	free(text);
	json_decref(course);
}

static bool parse_format(struct app *app, const char *text, enum format *out)
{
	if (!text || strcmp(text, "json") == 0)
		*out = FORMAT_JSON;
	else if (strcmp(text, "csv") == 0)
		*out = FORMAT_CSV;
	else if (strcmp(text, "xapi") == 0)
		*out = FORMAT_XAPI;
	else {
		app_error(app,
			  "export: --format is csv, json or xapi, not '%s'",
			  text);
		return false;
	}
	return true;
}

static int cmd_export(struct app *app, const struct cmd_args *args)
{
	const char *format = cmd_value(args, "--format"),
		   *user = cmd_value(args, "--user"),
		   *all = cmd_value(args, "--all"),
		   *since = cmd_value(args, "--since"),
		   *output = cmd_value(args, "--output"),
		   *base = cmd_value(args, "--base"),
		   *home = cmd_value(args, "--home-page");
	struct exporter x = { 0 };
	struct record_filter f;
	struct out_file of;
	char *err = NULL;
	int rc;
	bool ok, to_file;

	if (!parse_format(app, format, &x.format) ||
	    !app_filter(app, "export", user, all, since, &f) ||
	    !app_xapi_options(app, "export", base, home, &x.xapi))
		return EXIT_USAGE;
	x.app = app;
	if (!out_file_open(app, &of, output))
		return EXIT_FAILED;
	x.f = of.f;
	x.terminal = !of.path && isatty(fileno(of.f));
	if (x.format == FORMAT_CSV) {
		char *head = as_written(&x, xstrdup(record_csv_header()));
		fputs(head, x.f);
		free(head);
	} else if (x.format == FORMAT_JSON) {
		json_head(&x);
		x.json = record_writer_new();
	} else {
		fputc('[', x.f);
	}
	rc = store_each_record(app->store, &f, export_one, &x, &err);
	record_writer_free(x.json);
	if (x.format == FORMAT_JSON)
		fputs(record_export_tail(x.attempts), x.f);
	else if (x.format == FORMAT_XAPI)
		fputs(x.items ? "\n]\n" : "]\n", x.f);
	if (rc != 0)
		say_error(app, err);
	to_file = of.path != NULL;
	ok = out_file_close(app, &of, rc == 0);
	if (!ok || rc != 0)
		return EXIT_FAILED;
	if (to_file) {
		char what[64] = "";
		if (x.format == FORMAT_CSV)
			snprintf(what, sizeof(what), " (%zu answers)", x.items);
		else if (x.format == FORMAT_XAPI)
			snprintf(what, sizeof(what), " as %zu xAPI statements",
				 x.items);
		/* a file name on one line, whatever it holds */
		char *safe = text_sanitize(output, TEXT_ONE_LINE);
		app_say(app, "Exported %zu attempt%s%s to %s.\n", x.attempts,
			x.attempts == 1 ? "" : "s", what, safe);
		free(safe);
	}
	return EXIT_OK;
}

const struct cmd_entry cmd_export_entry = {
	.name = "export",
	.options = {
		{"--format", "-f", "csv|json|xapi"},
		{"--user", NULL, "NAME"},
		{"--all", NULL, NULL},
		{"--since", NULL, "DATE"},
		{"--output", "-o", "FILE"},
		{"--base", NULL, "IRI"},
		{"--home-page", NULL, "IRI"},
	},
	.max_args = 0,
	.usage = "[--format csv|json|xapi] [--user NAME|--all] [--since "
	    "DATE] [-o FILE]",
	.summary = "write results for a spreadsheet, another rapport or a "
	    "learning record store",
	.extra = " (the file goes after -o)",
	.flags = CMD_COURSE | CMD_STORE | CMD_READS,
	.run = cmd_export,
};

/* ---- merge ---- */

static const char *kind_word(const char *kind)
{
	return strcmp(kind, "assessment") == 0 ? "self-assessment" : kind;
}

/* A merge reads its file twice, first to check it whole, then to store
 * it: standard input, or anything else that is not a regular file, is
 * copied into a nameless temporary file first. The descriptor, or -1
 * after saying why. */
static int merge_source(struct app *app, const char *path, const char *safe)
{
	struct stat st;
	char buf[65536];
	ssize_t n;
	FILE *tmp;
	int fd = strcmp(path, "-") == 0
			 ? dup(STDIN_FILENO)
			 : open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);

	if (fd < 0 || fstat(fd, &st) != 0) {
		app_error(app, "%s: cannot open the file: %s", safe,
			  strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		app_error(app, "%s: a folder, not a file", safe);
		close(fd);
		return -1;
	}
	if (S_ISREG(st.st_mode))
		return fd;
	if (!(tmp = tmpfile())) {
		app_error(app, "%s: cannot make a temporary copy: %s", safe,
			  strerror(errno));
		close(fd);
		return -1;
	}
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || fwrite(buf, 1, (size_t)n, tmp) != (size_t)n) {
			app_error(app, "%s: cannot read it: %s", safe,
				  strerror(errno));
			fclose(tmp);
			close(fd);
			return -1;
		}
	}
	close(fd);
	fd = fflush(tmp) == 0 ? dup(fileno(tmp)) : -1;
	fclose(tmp);
	if (fd < 0 || lseek(fd, 0, SEEK_SET) != 0) {
		app_error(app, "%s: cannot make a temporary copy: %s", safe,
			  strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static ssize_t read_fd(void *ctx, void *buf, size_t n)
{
	return read(*(const int *)ctx, buf, n);
}

/* Reads the whole file through the strict reader: the number of
 * attempts, or -1 after saying where the first bad value is. */
static long check_file(struct app *app, int fd, const char *safe)
{
	struct export_reader *r = export_reader_new(read_fd, &fd);
	struct record rec;
	char *err = NULL;
	long n;
	int rc;

	while ((rc = export_reader_next(r, &rec, &err)) == 1)
		record_release(&rec);
	n = (long)export_reader_count(r);
	export_reader_free(r);
	if (rc < 0) {
		app_error(app, "%s:%s", safe, err);
		free(err);
		return -1;
	}
	return n;
}

/* "attempt UUID (ana's quiz 'knowledge-check', TIME) is here already but
 * differs in WHAT; kept the one here". Caller frees. */
static char *conflict_text(const struct record *r, const char *why)
{
	char started[32];

	iso_time(r->started_ms, started);
	return xasprintf("attempt %s (%s's %s '%s', %s) is here already but "
			 "differs in %s; kept the one here",
			 r->uuid, r->user, kind_word(r->kind), r->item, started,
			 why);
}

/* Merges one file; false when it could not be read or stored. Conflicts
 * are counted, not failures. */
static bool merge_file(struct app *app, const char *path, size_t *conflicts)
{
	struct store_merge *m = NULL;
	struct export_reader *r;
	struct record rec;
	char *err = NULL,
	     *safe = text_sanitize(strcmp(path, "-") ? path : "standard input",
				   TEXT_ONE_LINE);
	char **clashes = NULL;
	size_t count[4] = { 0 }, n_clashes = 0, cap = 0, i;
	bool ok = false;
	int fd, rc;

	fd = merge_source(app, path, safe);
	if (fd < 0 || check_file(app, fd, safe) < 0)
		goto out;
	/* checked whole: now into the database, in one transaction */
	if (lseek(fd, 0, SEEK_SET) != 0 ||
	    store_merge_begin(app->store, &m, &err) != 0) {
		app_error(app, "%s: nothing merged: %s", safe,
			  err ? err : strerror(errno));
		goto out;
	}
	r = export_reader_new(read_fd, &fd);
	while ((rc = export_reader_next(r, &rec, &err)) == 1) {
		enum merge_outcome outcome;
		const char *why = NULL;
		bool stored =
			store_merge_add(m, &rec, &outcome, &why, &err) == 0;
		if (stored && outcome == MERGE_CONFLICT) {
			void *p = clashes;
			xgrow(&p, &cap, n_clashes + 1, sizeof(*clashes));
			clashes = p;
			clashes[n_clashes++] = conflict_text(&rec, why);
		}
		if (stored)
			count[outcome]++;
		record_release(&rec);
		if (!stored) {
			rc = -2; /* the database refused: err says why */
			break;
		}
	}
	export_reader_free(r);
	if (rc == -1) {
		/* it read well a moment ago: someone is writing it */
		free(err);
		err = xstrdup("the file changed while it was being merged");
	}
	if (store_merge_end(m, rc == 0, rc == 0 ? &err : NULL) != 0 ||
	    rc != 0) {
		app_error(app, "%s: nothing merged: %s", safe, err);
		goto out;
	}
	fprintf(app->out, "%s: %zu added, %zu already here", safe,
		count[MERGE_ADDED], count[MERGE_SAME]);
	if (count[MERGE_UNFINISHED])
		fprintf(app->out, ", %zu unfinished left out",
			count[MERGE_UNFINISHED]);
	if (count[MERGE_CONFLICT])
		fprintf(app->out, ", %zu in conflict", count[MERGE_CONFLICT]);
	fputs(".\n", app->out);
	for (i = 0; i < n_clashes; i++)
		app_error(app, "%s: %s", safe, clashes[i]);
	*conflicts += count[MERGE_CONFLICT];
	ok = true;
out:
	for (i = 0; i < n_clashes; i++)
		free(clashes[i]);
	free(clashes);
	free(err);
	if (fd >= 0)
		close(fd);
	free(safe);
	return ok;
}

static int cmd_merge(struct app *app, const struct cmd_args *args)
{
	size_t conflicts = 0;
	bool ok = true;
	int i;

	if (cmd_value(args, "--lrs")) {
		if (args->argc) {
			app_error(app, "merge: files or --lrs, not both");
			return EXIT_USAGE;
		}
		return app_merge_lrs(app, args);
	}
	if (!args->argc) {
		app_error(app, "merge: which files? merge FILE... or merge "
			       "--lrs URL");
		return EXIT_USAGE;
	}

	for (i = 0; i < args->argc; i++)
		if (!merge_file(app, args->argv[i], &conflicts))
			ok = false;
	if (!ok)
		return EXIT_FAILED;
	return conflicts ? EXIT_FAILED : EXIT_OK;
}

const struct cmd_entry cmd_merge_entry = {
	.name = "merge",
	.options = {
		{"--lrs", NULL, "URL"},
		{"--auth-file", NULL, "FILE"},
		{"--since", NULL, "DATE"},
		{"--ca-file", NULL, "FILE"},
	},
	.min_args = 0,
	.max_args = -1,
	.usage = "FILE... | --lrs URL [--auth-file FILE] [--since DATE]",
	.summary = "bring other people's JSON exports, or a record store's "
	    "attempts, into this database",
	.flags = CMD_STORE | CMD_ANYONE,
	.complete = COMPLETE_FILE,
	.run = cmd_merge,
};
