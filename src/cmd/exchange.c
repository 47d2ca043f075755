/* exchange.c - results leaving and joining the database: export as CSV,
 * JSON or xAPI statements, and merge other people's JSON exports. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/model.h"
#include "../core/record.h"
#include "../core/store.h"
#include "../core/text.h"
#include "../core/xapi.h"
#include "cmd.h"

/* Exports and merges are read whole; a team's year fits many times. */
#define MERGE_MAX_FILE_BYTES ((size_t)256 << 20)

static void say_error(struct app *app, char *err)
{
	app_error(app, "%s", err);
	free(err);
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
	size_t attempts, items; /* items: rows, attempts or statements */
	bool terminal;          /* f is a terminal: read there, not kept */
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
static void put_indented(FILE *f, const char *text, size_t pad)
{
	static const char margin[] = "        ";
	size_t len = strlen(text), lines = 1, n;
	const char *p, *end = text + len, *nl;
	char *out, *o;

	if (pad > sizeof(margin) - 1)
		pad = sizeof(margin) - 1;
	for (p = text; (nl = memchr(p, '\n', (size_t)(end - p))); p = nl + 1)
		lines++;
	o = out = xmalloc(len + lines * pad);
	for (p = text;; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		memcpy(o, margin, pad);
		memcpy(o + pad, p, n);
		o += pad + n;
		if (!nl)
			break;
	}
	fwrite(out, 1, (size_t)(o - out), f);
	free(out);
}

static int export_one(void *ctx, const struct record *r, char **err)
{
	struct exporter *x = ctx;
	struct strbuf sb = {0};
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
		char *json = as_written(x, record_writer_json(x->json, r));
		fputs(x->attempts ? ",\n" : "\n", x->f);
		put_indented(x->f, json, 4);
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
	char now[32], *text;

	iso_time(app_now(), now);
	json_object_set_new(course, "id", json_string(x->app->course->item.id));
	json_object_set_new(course, "title", json_string(x->app->course->title));
	json_object_set_new(course, "fingerprint",
			    json_string(x->app->course->fingerprint));
	text = as_written(x, json_dumps(course, JSON_COMPACT));
	fprintf(x->f,
		"{\n  \"format\": \"" RECORD_FORMAT "\",\n"
		"  \"generator\": \"rapport " RAPPORT_VERSION "\",\n"
		"  \"exported\": \"%s\",\n  \"course\": %s,\n  \"attempts\": [",
		now, text);
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

static bool iri_option(struct app *app, const char *name, const char *v)
{
	char *safe;

	if (!v || xapi_iri_ok(v))
		return true;
	safe = text_sanitize(v, TEXT_ONE_LINE);
	app_error(app, "export: %s takes an absolute IRI such as"
		       " https://learning.example.com/, not '%s'",
		  name, safe);
	free(safe);
	return false;
}

int cmd_export(struct app *app, int argc, char **argv)
{
	const char *format = NULL, *user = NULL, *all = NULL, *since = NULL,
		   *output = NULL, *base = getenv("RAPPORT_XAPI_BASE"),
		   *home = getenv("RAPPORT_XAPI_HOME");
	const struct cmd_option opts[] = {
		{"--format", "-f", true, &format},
		{"--user", NULL, true, &user},
		{"--all", NULL, false, &all},
		{"--since", NULL, true, &since},
		{"--output", "-o", true, &output},
		{"--base", NULL, true, &base},
		{"--home-page", NULL, true, &home},
		{NULL, NULL, false, NULL},
	};
	struct exporter x = {0};
	struct record_filter f;
	struct out_file of;
	char *err = NULL;
	int rest, rc;
	bool ok, to_file;

	if (!app_options(app, argc, argv, opts, &rest))
		return EXIT_USAGE;
	if (rest > 0) {
		app_error(app,
			  "export: unexpected '%s' (the file goes after -o)",
			  argv[1]);
		return EXIT_USAGE;
	}
	if (!parse_format(app, format, &x.format) ||
	    !app_filter(app, "export", user, all, since, &f) ||
	    !iri_option(app, "--base", base) ||
	    !iri_option(app, "--home-page", home))
		return EXIT_USAGE;
	x.app = app;
	x.xapi.base = base && *base ? base : NULL;
	x.xapi.home_page = home && *home ? home : NULL;
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
		fputs(x.attempts ? "\n  ]\n}\n" : "]\n}\n", x.f);
	else if (x.format == FORMAT_XAPI)
		fputs(x.items ? "\n]\n" : "]\n", x.f);
	if (rc != 0)
		say_error(app, err);
	to_file = of.path != NULL;
	ok = out_file_close(app, &of, rc == 0);
	if (!ok || rc != 0)
		return EXIT_FAILED;
	if (to_file) {
		char *safe = text_sanitize(output, TEXT_ONE_LINE);
		fprintf(app->out, "Exported %zu attempt%s", x.attempts,
			x.attempts == 1 ? "" : "s");
		if (x.format == FORMAT_CSV)
			fprintf(app->out, " (%zu answers)", x.items);
		else if (x.format == FORMAT_XAPI)
			fprintf(app->out, " as %zu xAPI statements", x.items);
		fprintf(app->out, " to %s.\n", safe);
		free(safe);
	}
	return EXIT_OK;
}

/* ---- merge ---- */

static const char *kind_word(const char *kind)
{
	return strcmp(kind, "assessment") == 0 ? "self-assessment" : kind;
}

/* Merges one file; false when it could not be read or stored. Conflicts
 * are counted, not failures. */
static bool merge_file(struct app *app, const char *path, size_t *conflicts)
{
	enum file_problem why;
	struct record *recs = NULL;
	enum merge_outcome *outcome;
	const char **whys;
	size_t len, n = 0, i, count[4] = {0};
	char *err = NULL, *text, *safe = text_sanitize(path, TEXT_ONE_LINE);
	bool ok = false;

	text = file_read(path, MERGE_MAX_FILE_BYTES, &len, &why, &err);
	if (!text || !record_read_export(text, len, &recs, &n, &err)) {
		app_error(app, "%s: %s", safe, err);
		free(err);
		free(text);
		free(safe);
		return false;
	}
	free(text);
	outcome = xcalloc(n + 1, sizeof(*outcome));
	whys = xcalloc(n + 1, sizeof(*whys));
	if (store_merge(app->store, recs, n, outcome, whys, &err) != 0) {
		app_error(app, "%s: nothing merged: %s", safe, err);
		free(err);
		goto out;
	}
	for (i = 0; i < n; i++)
		count[outcome[i]]++;
	fprintf(app->out, "%s: %zu added, %zu already here", safe,
		count[MERGE_ADDED], count[MERGE_SAME]);
	if (count[MERGE_UNFINISHED])
		fprintf(app->out, ", %zu unfinished left out",
			count[MERGE_UNFINISHED]);
	if (count[MERGE_CONFLICT])
		fprintf(app->out, ", %zu in conflict", count[MERGE_CONFLICT]);
	fputs(".\n", app->out);
	for (i = 0; i < n; i++) {
		char started[32], *who, *item;
		if (outcome[i] != MERGE_CONFLICT)
			continue;
		iso_time(recs[i].started, started);
		who = text_sanitize(recs[i].user, TEXT_ONE_LINE);
		item = text_sanitize(recs[i].item, TEXT_ONE_LINE);
		app_error(app, "%s: attempt %s (%s's %s '%s', %s) is here already"
			       " but differs in %s; kept the one here",
			  safe, recs[i].uuid, who, kind_word(recs[i].kind), item,
			  started, whys[i]);
		free(who);
		free(item);
	}
	*conflicts += count[MERGE_CONFLICT];
	ok = true;
out:
	free(outcome);
	free(whys);
	record_free_all(recs, n);
	free(safe);
	return ok;
}

int cmd_merge(struct app *app, int argc, char **argv)
{
	size_t conflicts = 0;
	bool ok = true;
	int i;

	for (i = 1; i < argc; i++)
		if (!merge_file(app, argv[i], &conflicts))
			ok = false;
	if (!ok)
		return EXIT_FAILED;
	return conflicts ? EXIT_FAILED : EXIT_OK;
}
