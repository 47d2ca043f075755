/* SPDX-License-Identifier: GPL-3.0-or-later */
/* send.c - results to and from a company's learning record store. send:
 * the xAPI statements of the attempts asked for that the LRS has not
 * acknowledged yet, in batches, each acknowledgement kept in the store at
 * once, so that a send cut off anywhere goes on where it stopped (quizzes
 * never wait for the network: send runs whenever the person likes). merge
 * --lrs: the attempts the LRS's completed statements carry, brought into
 * this database as merge brings in files. */
#include "cmd.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../core/record.h"
#include "../core/store.h"
#include "../core/text.h"
#include "../core/xapi.h"
#include "../net/lrs.h"

#define BATCH_DEFAULT 100
#define BATCH_MAX     1000
#define BATCH_BYTES   ((size_t)1 << 20) /* a batch is cut before 1 MiB */
#define RETRY_DEFAULT 120		/* seconds of trying again */
#define BACKOFF_FIRST 0.25		/* seconds before the first retry */
#define BACKOFF_MOST  15.0

/* One statement to send. */
struct pending {
	char *id;
	char *json;
};

struct sender {
	struct app *app;
	struct xapi_options xapi;
	struct store_ids acked; /* what the LRS has, from before */
	struct pending *v;
	size_t n, cap;
	size_t attempts, already;
	char **people; /* whose statements go */
	size_t n_people, cap_people;
	/* sending */
	struct lrs *lrs;
	const char *url; /* the statements resource */
	size_t sent, known, conflicts;
	size_t unseen; /* 409s whose statement the LRS did not show */
	bool refused; /* stopped by an answer that sending again won't change */
	double retry_for;
	bool bar; /* a progress bar on the terminal */
};

/* ---- what goes ---- */

static char *statement_id(const char *json)
{
	json_t *v = json_loads(json, 0, NULL);
	char *id = xstrdup(json_string_value(json_object_get(v, "id")));

	json_decref(v);
	return id;
}

static int gather(void *ctx, const struct record *r, char **err)
{
	struct sender *s = ctx;
	char **list;
	size_t n = xapi_statements(r, s->app->course, &s->xapi, &list), i;
	bool any = false;

	(void)err;
	for (i = 0; i < n; i++) {
		char *id = statement_id(list[i]);
		void *p = s->v;
		if (store_ids_has(&s->acked, id)) {
			s->already++;
			free(id);
			continue;
		}
		xgrow(&p, &s->cap, s->n + 1, sizeof(*s->v));
		s->v = p;
		s->v[s->n].id = id;
		s->v[s->n].json = list[i];
		list[i] = NULL;
		s->n++;
		any = true;
	}
	xapi_free(list, n);
	if (any) {
		s->attempts++;
		/* records come by time, not by person: the names seen so far */
		for (i = 0; i < s->n_people; i++)
			if (strcmp(s->people[i], r->user) == 0)
				break;
		if (i == s->n_people) {
			void *p = s->people;
			xgrow(&p, &s->cap_people, s->n_people + 1,
			      sizeof(char *));
			s->people = p;
			s->people[s->n_people++] = xstrdup(r->user);
		}
	}
	return 0;
}

/* ---- credentials: a file only its owner reads, or the environment ---- */

static bool read_auth(struct app *app, const char *path, char **user,
		      char **password)
{
	char *safe = text_sanitize(path, TEXT_ONE_LINE), line[4096], *colon;
	struct stat st;
	FILE *f = fopen(path, "r");
	bool ok = false;

	if (!f) {
		app_error(app, "send: cannot read the auth file %s: %s", safe,
			  strerror(errno));
	} else if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		app_error(app, "send: the auth file %s is not a file", safe);
	} else if (st.st_mode & 077) {
		app_error(app,
			  "send: the auth file %s can be read by others (mode "
			  "%04o); make it yours alone: chmod 600 %s",
			  safe, (unsigned)(st.st_mode & 07777), safe);
	} else if (st.st_uid != geteuid()) {
		app_error(app, "send: the auth file %s is not yours", safe);
	} else if (!fgets(line, sizeof(line), f) ||
		   !(colon = strchr(line, ':'))) {
		app_error(app,
			  "send: the auth file %s should hold KEY:SECRET on "
			  "its first line",
			  safe);
	} else {
		line[strcspn(line, "\r\n")] = '\0';
		*colon = '\0';
		*user = xstrdup(line);
		*password = xstrdup(colon + 1);
		ok = true;
	}
	memset(line, 0, sizeof(line));
	if (f)
		fclose(f);
	free(safe);
	return ok;
}

/* The statements resource --lrs names, or NULL after saying why. An
 * address with a password in it is not said back. Caller frees. */
static char *statements_url(struct app *app, const char *cmd, const char *lrs)
{
	char *err = NULL, *url = xapi_statements_url(lrs, &err), *safe;

	if (url)
		return url;
	safe = strchr(lrs, '@') ? xstrdup("URL")
				: text_sanitize(lrs, TEXT_ONE_LINE);
	app_error(app, "%s: --lrs %s %s", cmd, safe, err);
	free(safe);
	free(err);
	return NULL;
}

/* The key and secret: from the auth file when one is given, else from
 * the environment, else none (both NULL). False after saying why. */
static bool credentials(struct app *app, const char *auth_file, char **key,
			char **secret)
{
	*key = *secret = NULL;
	if (auth_file)
		return read_auth(app, auth_file, key, secret);
	if (getenv("RAPPORT_LRS_USER")) {
		*key = xstrdup(getenv("RAPPORT_LRS_USER"));
		*secret = xstrdup(getenv("RAPPORT_LRS_PASSWORD")
					  ? getenv("RAPPORT_LRS_PASSWORD")
					  : "");
	}
	return true;
}

static void forget(char *key, char *secret)
{
	if (secret)
		memset(secret, 0, strlen(secret));
	free(key);
	free(secret);
}

/* ---- sending ---- */

static void sleep_for(double seconds)
{
	struct timespec ts = { (time_t)seconds,
			       (long)((seconds - (double)(time_t)seconds) *
				      1e9) };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static void show_bar(struct sender *s)
{
	unsigned width = s->app->width > 40 ? s->app->width - 30 : 10, fill, i;
	size_t done = s->sent + s->known, total = s->n;
	struct strbuf sb = { 0 };

	if (!s->bar)
		return;
	fill = total ? (unsigned)(done * width / total) : width;
	strbuf_adds(&sb, "\rSending ");
	for (i = 0; i < width; i++)
		strbuf_adds(&sb, i < fill ? (s->app->unicode ? "\u2588" : "#")
					  : (s->app->unicode ? "\u2591" : "."));
	strbuf_addf(&sb, " %zu of %zu", done, total);
	fputs(strbuf_str(&sb), s->app->err);
	fflush(s->app->err);
	strbuf_release(&sb);
}

static void end_bar(struct sender *s)
{
	if (s->bar)
		fputc('\n', s->app->err);
	s->bar = false;
}

/* Keeps that the LRS has v[from .. from + n - 1]. */
static bool ack(struct sender *s, size_t from, size_t n)
{
	const char **ids = xcalloc(n ? n : 1, sizeof(*ids));
	char *err = NULL;
	size_t i;
	int rc;

	for (i = 0; i < n; i++)
		ids[i] = s->v[from + i].id;
	rc = store_lrs_ack(s->app->store, s->url, ids, n, app_now_ms(), &err);
	free(ids);
	if (rc != 0) {
		end_bar(s);
		app_error(s->app, "send: %s", err);
		free(err);
		return false;
	}
	return true;
}

/* The batch v[from .. from + n - 1] as the JSON array a POST carries. */
static char *batch_json(const struct sender *s, size_t from, size_t n)
{
	struct strbuf sb = { 0 };
	size_t i;

	strbuf_addc(&sb, '[');
	for (i = 0; i < n; i++) {
		if (i)
			strbuf_addc(&sb, ',');
		strbuf_adds(&sb, s->v[from + i].json);
	}
	strbuf_addc(&sb, ']');
	return strbuf_detach(&sb);
}

static void say_refused(struct sender *s, const struct lrs_reply *r,
			const char *what)
{
	char *m = xapi_lrs_message(r->body, r->len);
	char *safe = text_sanitize(m, TEXT_ONE_LINE);

	end_bar(s);
	s->refused = true;
	app_error(s->app, "send: the LRS refused %s: HTTP %ld%s%s", what,
		  r->status, *safe ? ": " : "", safe);
	free(safe);
	free(m);
}

enum outcome { SENT, STOP };

static enum outcome send_batch(struct sender *s, size_t from, size_t n);

/* One statement the LRS answered 409 Conflict for: it has one with this
 * id. The same statement (by xAPI's rules) counts as sent. */
static enum outcome conflict(struct sender *s, size_t at)
{
	struct lrs_reply r;
	char *query = xasprintf("statementId=%s", s->v[at].id);
	bool same;

	lrs_get(s->lrs, query, NULL, &r);
	free(query);
	same = r.status == 200 && xapi_same_statement(s->v[at].json, r.body);
	if (same) {
		lrs_reply_release(&r);
		if (!ack(s, at, 1))
			return STOP;
		s->known++;
		show_bar(s);
		return SENT;
	}
	end_bar(s);
	if (r.status == 200) {
		app_error(s->app,
			  "send: the LRS has another statement with the id "
			  "%s; this one was not sent",
			  s->v[at].id);
	} else { /* it could not show what it has: try again later */
		char *m = r.status ? xapi_lrs_message(r.body, r.len)
				   : xstrdup(r.error);
		char *safe = text_sanitize(m, TEXT_ONE_LINE);
		app_error(s->app,
			  "send: the LRS has a statement with the id %s but "
			  "did not show it (%s); not sent",
			  s->v[at].id, *safe ? safe : "no reason given");
		free(safe);
		free(m);
	}
	if (r.status == 200)
		s->conflicts++;
	else
		s->unseen++;
	lrs_reply_release(&r);
	return SENT; /* the others can still go */
}

static enum outcome send_batch(struct sender *s, size_t from, size_t n)
{
	char *body = batch_json(s, from, n);
	double backoff = BACKOFF_FIRST, waited = 0;
	struct lrs_reply r;
	size_t i;

	for (;;) {
		lrs_post(s->lrs, body, strlen(body), &r);
		if (r.status == 200 || r.status == 204) {
			free(body);
			lrs_reply_release(&r);
			if (!ack(s, from, n))
				return STOP;
			s->sent += n;
			show_bar(s);
			return SENT;
		}
		if (r.status == 409 || (r.status == 413 && n > 1)) {
			/* one by one, or in halves when too large */
			size_t half = r.status == 413 ? (n + 1) / 2 : 1;
			free(body);
			lrs_reply_release(&r);
			if (n == 1)
				return conflict(s, from);
			for (i = 0; i < n; i += half) {
				size_t k = n - i < half ? n - i : half;
				if (send_batch(s, from + i, k) == STOP)
					return STOP;
			}
			return SENT;
		}
		if (r.status == 0 && r.certificate) {
			char *safe = text_sanitize(r.error, TEXT_ONE_LINE);
			end_bar(s);
			s->refused = true;
			app_error(s->app,
				  "send: the LRS's certificate is not trusted "
				  "(%s); give its authority with --ca-file",
				  safe);
			free(safe);
			break;
		}
		if (r.status == 0 || r.status >= 500 || r.status == 429 ||
		    r.status == 408) {
			if (waited + backoff > s->retry_for) {
				char *m = xapi_lrs_message(r.body, r.len);
				char *why =
					r.status ? xasprintf("HTTP %ld%s%s",
							     r.status,
							     *m ? ": " : "", m)
						 : xstrdup(r.error);
				char *safe = text_sanitize(why, TEXT_ONE_LINE);
				end_bar(s);
				app_error(s->app,
					  "send: the LRS did not take the "
					  "statements in %.0f seconds of "
					  "trying (last: %s)",
					  waited, safe);
				free(safe);
				free(why);
				free(m);
				break;
			}
			lrs_reply_release(&r);
			sleep_for(backoff);
			waited += backoff;
			backoff = backoff * 2 > BACKOFF_MOST ? BACKOFF_MOST
							     : backoff * 2;
			continue;
		}
		if (r.status == 401 || r.status == 403)
			say_refused(s, &r, "the credentials");
		else
			say_refused(s, &r, n == 1 ? "a statement" : "a batch");
		break;
	}
	free(body);
	lrs_reply_release(&r);
	return STOP;
}

/* "Sent 120 statements to URL; it has all 300 now." */
static void summary(const struct sender *s, const char *url, bool short_)
{
	size_t done = s->sent + s->known;
	struct strbuf sb = { 0 };

	strbuf_addf(&sb, "Sent %zu statement%s to %s", done,
		    done == 1 ? "" : "s", url);
	if (s->known)
		strbuf_addf(&sb, " (%zu of them it had already)", s->known);
	if (short_ && (s->refused || s->conflicts))
		strbuf_addf(&sb, "; %zu not sent.", s->n - done);
	else if (short_)
		strbuf_addf(&sb, "; %zu not sent: send again to send them.",
			    s->n - done);
	else
		strbuf_addf(&sb, "; it has all %zu now.", s->n + s->already);
	app_say(s->app, "%s\n", strbuf_str(&sb));
	strbuf_release(&sb);
}

static void release(struct sender *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->v[i].id);
		free(s->v[i].json);
	}
	free(s->v);
	for (i = 0; i < s->n_people; i++)
		free(s->people[i]);
	free(s->people);
	store_ids_release(&s->acked);
	lrs_free(s->lrs);
}

static size_t parse_count(const char *text, size_t fallback, size_t most)
{
	char *end;
	unsigned long v;

	if (!text)
		return fallback;
	errno = 0;
	v = strtoul(text, &end, 10);
	if (errno || *end || end == text || v == 0 || v > most || *text == '-')
		return 0;
	return (size_t)v;
}

static int cmd_send(struct app *app, const struct cmd_args *args)
{
	const char *lrs = cmd_value(args, "--lrs"),
		   *auth_file = cmd_value(args, "--auth-file"),
		   *user = cmd_value(args, "--user"),
		   *all = cmd_value(args, "--all"),
		   *since = cmd_value(args, "--since"),
		   *base = cmd_value(args, "--base"),
		   *home = cmd_value(args, "--home-page"),
		   *ca_file = cmd_value(args, "--ca-file");
	bool dry = cmd_flag(args, "--dry-run");
	size_t batch = parse_count(cmd_value(args, "--batch"), BATCH_DEFAULT,
				   BATCH_MAX),
	       retry = parse_count(cmd_value(args, "--retry-for"),
				   RETRY_DEFAULT, 86400),
	       from, k, bytes;
	struct sender s = { 0 };
	struct lrs_options o = { 0 };
	struct record_filter f;
	char *url, *err = NULL, *key = NULL, *secret = NULL, *safe;
	int rc = EXIT_FAILED;

	if (!lrs) {
		app_error(app, "send: which record store? --lrs URL, such as "
			       "https://lrs.example.com/xapi/");
		return EXIT_USAGE;
	}
	if (!batch || !retry) {
		app_error(app, "send: %s takes a whole number from 1 to %d",
			  batch ? "--retry-for" : "--batch",
			  batch ? 86400 : BATCH_MAX);
		return EXIT_USAGE;
	}
	if (!(url = statements_url(app, "send", lrs)))
		return EXIT_USAGE;
	if (!app_filter(app, "send", user, all, since, &f) ||
	    !app_xapi_options(app, "send", base, home, &s.xapi)) {
		free(url);
		return EXIT_USAGE;
	}
	if (!credentials(app, auth_file, &key, &secret)) {
		free(url);
		return EXIT_FAILED;
	}
	s.app = app;
	s.url = url;
	s.retry_for = (double)retry;
	safe = text_sanitize(url, TEXT_ONE_LINE);
	if (store_lrs_sent(app->store, url, &s.acked, &err) != 0 ||
	    store_each_record(app->store, &f, gather, &s, &err) != 0) {
		app_error(app, "send: %s", err);
		free(err);
		goto out;
	}
	if (dry) {
		app_say(app,
			"Would send %zu statement%s (%zu attempt%s of %zu "
			"%s) to %s, in %zu batch%s; %zu %s there already.\n",
			s.n, s.n == 1 ? "" : "s", s.attempts,
			s.attempts == 1 ? "" : "s", s.n_people,
			s.n_people == 1 ? "person" : "people", safe,
			(s.n + batch - 1) / batch,
			(s.n + batch - 1) / batch == 1 ? "" : "es", s.already,
			s.already == 1 ? "is" : "are");
		rc = EXIT_OK;
		goto out;
	}
	if (s.n == 0) {
		app_say(app, "Nothing to send: %s has all %zu statement%s.\n",
			safe, s.already, s.already == 1 ? "" : "s");
		rc = EXIT_OK;
		goto out;
	}
	o.url = url;
	o.user = key;
	o.password = secret;
	o.ca_file = ca_file;
	s.lrs = lrs_new(&o, &err);
	if (!s.lrs) {
		app_error(app, "send: %s", err);
		free(err);
		goto out;
	}
	s.bar = isatty(fileno(app->err)) && app->ansi;
	show_bar(&s);
	for (from = 0; from < s.n; from += k) {
		for (k = 0, bytes = 2; from + k < s.n && k < batch; k++) {
			size_t len = strlen(s.v[from + k].json) + 1;
			if (k && bytes + len > BATCH_BYTES)
				break;
			bytes += len;
		}
		if (send_batch(&s, from, k) == STOP)
			break;
	}
	end_bar(&s);
	summary(&s, safe, from < s.n || s.conflicts || s.unseen);
	rc = from < s.n || s.conflicts || s.unseen ? EXIT_FAILED : EXIT_OK;
out:
	forget(key, secret);
	free(safe);
	free(url);
	release(&s);
	return rc;
}

const struct cmd_entry cmd_send_entry = {
	.name = "send",
	.options = {
		{"--lrs", NULL, "URL"},
		{"--auth-file", NULL, "FILE"},
		{"--user", NULL, "NAME"},
		{"--all", NULL, NULL},
		{"--since", NULL, "DATE"},
		{"--base", NULL, "IRI"},
		{"--home-page", NULL, "IRI"},
		{"--dry-run", "-n", NULL},
		{"--batch", NULL, "N"},
		{"--retry-for", NULL, "SECONDS"},
		{"--ca-file", NULL, "FILE"},
	},
	.max_args = 0,
	.usage = "--lrs URL [--auth-file FILE] [--user NAME|--all] [--since "
	    "DATE] [--dry-run]",
	.summary = "send results to a learning record store (xAPI)",
	.flags = CMD_COURSE | CMD_STORE,
	.run = cmd_send,
};

/* ---- merge --lrs ---- */

struct lrs_merge {
	struct app *app;
	struct store_merge *m;
	int64_t since; /* attempts begun then or later; 0: all */
	size_t count[4], foreign, refused, statements;
	char **clashes;
	size_t n_clashes, cap;
};

/* One completed statement: the attempt its record extension carries. */
static bool take_statement(struct lrs_merge *x, json_t *st, char **err)
{
	json_t *ext = json_object_get(
		json_object_get(json_object_get(st, "result"), "extensions"),
		XAPI_EXT_RECORD);
	json_t *ctx =
		json_object_get(json_object_get(st, "context"), "extensions");
	const char *attempt =
		json_string_value(json_object_get(ctx, XAPI_EXT_ATTEMPT));
	const char *actor = json_string_value(
		json_object_get(json_object_get(st, "actor"), "name"));
	const char *id = json_string_value(json_object_get(st, "id"));
	enum merge_outcome outcome;
	const char *why = NULL;
	struct record rec;
	char *bad = NULL;
	bool parsed;

	x->statements++;
	if (!json_is_string(ext)) {
		x->foreign++; /* another tool's, or not an attempt's end */
		return true;
	}
	parsed = record_from_json(json_string_value(ext), &rec, &bad);
	if (!parsed || !attempt || strcasecmp(attempt, rec.uuid) != 0 ||
	    !actor || strcmp(actor, rec.user) != 0) {
		char *safe = text_sanitize(id ? id : "?", TEXT_ONE_LINE);
		char *what = text_sanitize(
			bad ? bad : "its attempt is not the statement's",
			TEXT_ONE_LINE);
		app_error(x->app, "merge: statement %s: %s; left out", safe,
			  what);
		free(safe);
		free(what);
		free(bad);
		if (parsed)
			record_release(&rec);
		x->refused++;
		return true;
	}
	if (x->since && rec.started_ms < x->since) {
		record_release(&rec);
		return true;
	}
	if (store_merge_add(x->m, &rec, &outcome, &why, err) != 0) {
		record_release(&rec);
		return false;
	}
	x->count[outcome]++;
	if (outcome == MERGE_CONFLICT) {
		void *p = x->clashes;
		xgrow(&p, &x->cap, x->n_clashes + 1, sizeof(char *));
		x->clashes = p;
		x->clashes[x->n_clashes++] = xasprintf(
			"attempt %s (%s's %s '%s') is here already but differs "
			"in %s; kept the one here",
			rec.uuid, rec.user, rec.kind, rec.item ? rec.item : "",
			why);
	}
	record_release(&rec);
	return true;
}

/* Every page of the LRS's completed statements, since the day asked. */
static bool read_pages(struct lrs_merge *x, struct lrs *l, char **err)
{
	struct strbuf query = { 0 };
	char *more = NULL;
	bool ok = false;

	strbuf_adds(&query, "verb=http%3A%2F%2Fadlnet.gov%2Fexpapi%2Fverbs%2F"
			    "completed&limit=100");
	if (x->since) {
		char when[32];
		iso_time(x->since, when);
		strbuf_addf(&query, "&since=%s", when);
	}
	for (;;) {
		struct lrs_reply r;
		json_t *page, *list, *st;
		size_t i;
		lrs_get(l, more ? "" : strbuf_str(&query), more, &r);
		free(more);
		more = NULL;
		if (r.status != 200) {
			char *m = r.status ? xapi_lrs_message(r.body, r.len)
					   : xstrdup(r.error);
			*err = r.status
				       ? xasprintf("the LRS answered HTTP "
						   "%ld%s%s",
						   r.status, *m ? ": " : "", m)
				       : xasprintf("the LRS did not answer: %s",
						   m);
			free(m);
			lrs_reply_release(&r);
			break;
		}
		page = json_loadb(r.body, r.len, 0, NULL);
		lrs_reply_release(&r);
		list = json_object_get(page, "statements");
		if (!json_is_array(list)) {
			*err = xstrdup("the LRS's answer is not a page of "
				       "statements");
			json_decref(page);
			break;
		}
		ok = true;
		json_array_foreach(list, i, st) if (!take_statement(x, st, err))
		{
			ok = false;
			break;
		}
		if (ok && json_string_length(json_object_get(page, "more")))
			more = xstrdup(json_string_value(
				json_object_get(page, "more")));
		json_decref(page);
		if (!ok || !more)
			break;
		ok = false;
	}
	free(more);
	strbuf_release(&query);
	return ok;
}

int app_merge_lrs(struct app *app, const struct cmd_args *args)
{
	const char *url = cmd_value(args, "--lrs"),
		   *since = cmd_value(args, "--since");
	struct lrs_merge x = { 0 };
	struct lrs_options o = { 0 };
	struct lrs *l = NULL;
	char *key = NULL, *secret = NULL, *err = NULL, *safe, *where;
	bool ok = false;
	size_t i;

	x.app = app;
	if (!(where = statements_url(app, "merge", url)))
		return EXIT_USAGE;
	if (since && (x.since = app_parse_day(since)) < 0) {
		safe = text_sanitize(since, TEXT_ONE_LINE);
		app_error(app,
			  "merge: --since takes a date such as 2026-11-02, "
			  "not '%s'",
			  safe);
		free(safe);
		free(where);
		return EXIT_USAGE;
	}
	if (!credentials(app, cmd_value(args, "--auth-file"), &key, &secret)) {
		free(where);
		return EXIT_FAILED;
	}
	safe = text_sanitize(where, TEXT_ONE_LINE);
	o.url = where;
	o.user = key;
	o.password = secret;
	o.ca_file = cmd_value(args, "--ca-file");
	if (!(l = lrs_new(&o, &err)) ||
	    store_merge_begin(app->store, &x.m, &err) != 0) {
		app_error(app, "merge: %s", err);
		goto out;
	}
	/* all of it in one transaction: a page that fails keeps nothing */
	if (!read_pages(&x, l, &err)) {
		store_merge_end(x.m, false, NULL);
		app_error(app, "merge: %s: nothing merged: %s", safe, err);
		goto out;
	}
	if (store_merge_end(x.m, true, &err) != 0) {
		app_error(app, "merge: %s: nothing merged: %s", safe, err);
		goto out;
	}
	fprintf(app->out, "%s: %zu added, %zu already here", safe,
		x.count[MERGE_ADDED], x.count[MERGE_SAME]);
	if (x.count[MERGE_UNFINISHED])
		fprintf(app->out, ", %zu unfinished left out",
			x.count[MERGE_UNFINISHED]);
	if (x.count[MERGE_CONFLICT])
		fprintf(app->out, ", %zu in conflict", x.count[MERGE_CONFLICT]);
	if (x.foreign)
		fprintf(app->out, ", %zu statement%s not rapport's", x.foreign,
			x.foreign == 1 ? "" : "s");
	if (x.refused)
		fprintf(app->out, ", %zu refused", x.refused);
	fputs(".\n", app->out);
	for (i = 0; i < x.n_clashes; i++)
		app_error(app, "%s: %s", safe, x.clashes[i]);
	ok = !x.count[MERGE_CONFLICT] && !x.refused;
out:
	for (i = 0; i < x.n_clashes; i++)
		free(x.clashes[i]);
	free(x.clashes);
	free(err);
	forget(key, secret);
	lrs_free(l);
	free(safe);
	free(where);
	return ok ? EXIT_OK : EXIT_FAILED;
}
