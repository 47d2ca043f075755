/* SPDX-License-Identifier: GPL-3.0-or-later */
/* record_read.c - rapport-export-1 read back, strictly and a piece at a
 * time: the file is scanned for the span of each attempt, which jansson
 * parses alone, so an export of any size is read in the memory of one
 * attempt; and every value is checked against what rapport itself writes,
 * so that nothing it would never write reaches a database. */
#include "record.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- the checks of one attempt ---- */

/* What one attempt's check has got to: the JSON path of the value being
 * looked at ("attempts[3].answers[7]"), kept as parts and written out
 * only for a message, and the first problem. */
#define PATH_DEPTH 4

struct checker {
	const char *base;	     /* "attempts[3]", or "" */
	const char *key[PATH_DEPTH]; /* "answers" */
	size_t index[PATH_DEPTH];    /* 7 */
	size_t depth;
	char *err; /* owned */
};

static void bad(struct checker *c, const char *key, const char *fmt, ...)
	RP_PRINTF(3, 4);

/* The first problem, as "PATH.KEY: message". */
static void bad(struct checker *c, const char *key, const char *fmt, ...)
{
	struct strbuf path = { 0 };
	va_list ap;
	char *msg;
	size_t i;

	if (c->err)
		return;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	strbuf_adds(&path, c->base);
	for (i = 0; i < c->depth; i++) {
		if (c->key[i])
			strbuf_addf(&path, "%s%s", path.len ? "." : "",
				    c->key[i]);
		strbuf_addf(&path, "[%zu]", c->index[i]);
	}
	if (key)
		strbuf_addf(&path, "%s%s", path.len ? "." : "", key);
	if (!path.len) {
		c->err = msg; /* the attempt itself */
	} else {
		c->err = xasprintf("%s: %s", path.buf, msg);
		free(msg);
	}
	strbuf_release(&path);
}

/* Goes into element i of the list at key (NULL: of the list itself);
 * returns what leave() takes to come back. */
static size_t enter(struct checker *c, const char *key, size_t i)
{
	if (c->depth < PATH_DEPTH) {
		c->key[c->depth] = key;
		c->index[c->depth] = i;
	}
	return c->depth++;
}

static void leave(struct checker *c, size_t mark)
{
	c->depth = mark;
}

/* A value as a message shows it: a text quoted and cut short, a number
 * in full. Caller frees. */
static char *shown(json_t *v)
{
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		size_t n = strlen(s);
		return n > 40 ? xasprintf("'%.37s...'", s)
			      : xasprintf("'%s'", s);
	}
	if (json_is_integer(v))
		return xasprintf("%lld", (long long)json_integer_value(v));
	if (json_is_real(v)) {
		/* as few digits as give the same number back */
		double d = json_real_value(v);
		int digits;
		for (digits = 15; digits < 17; digits++) {
			char buf[40];
			snprintf(buf, sizeof(buf), "%.*g", digits, d);
			if (strtod(buf, NULL) == d)
				break;
		}
		return xasprintf("%.*g", digits, d);
	}
	if (json_is_true(v))
		return xstrdup("true");
	if (json_is_false(v))
		return xstrdup("false");
	if (json_is_null(v))
		return xstrdup("null");
	return xstrdup(json_is_array(v) ? "a list" : "an object");
}

static void bad_value(struct checker *c, const char *key, json_t *v,
		      const char *what)
{
	char *s = shown(v);

	bad(c, key, "%s is not %s", s, what);
	free(s);
}

/* Every key of o must be one of keys (rapport writes no others). */
static void only_keys(struct checker *c, json_t *o, const char *const *keys)
{
	const char *key;
	json_t *v;

	json_object_foreach(o, key, v)
	{
		const char *const *k;
		for (k = keys; *k && strcmp(*k, key) != 0; k++)
			;
		if (!*k) {
			char *s = xasprintf("'%.40s'", key);
			bad(c, NULL, "%s is not a field of rapport's export",
			    s);
			free(s);
			return;
		}
	}
}

/* The value at key: NULL when it is absent or null and may be (nullable),
 * else the value; a missing one is a problem. */
static json_t *field(struct checker *c, json_t *o, const char *key,
		     bool nullable)
{
	json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v)) {
		if (!nullable)
			bad(c, key, "%s",
			    v ? "null, where rapport always writes "
				"a value"
			      : "missing");
		return NULL;
	}
	return v;
}

static const char *text_at(struct checker *c, json_t *o, const char *key,
			   bool nullable)
{
	json_t *v = field(c, o, key, nullable);
	const char *s;

	if (!v)
		return NULL;
	if (!json_is_string(v)) {
		bad_value(c, key, v, "a text");
		return NULL;
	}
	s = json_string_value(v);
	if (strlen(s) > RECORD_MAX_TEXT) {
		bad(c, key, "the text is over %d bytes long", RECORD_MAX_TEXT);
		return NULL;
	}
	if (!*s) {
		bad(c, key, "is empty");
		return NULL;
	}
	return s;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* An id as the schema allows it: a letter or digit, then up to 63
 * letters, digits, '_', '.' or '-'. */
static bool is_id(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > 64 || !isalnum((unsigned char)s[0]))
		return false;
	for (i = 1; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("_.-", s[i]))
			return false;
	return true;
}

static char *id_at(struct checker *c, json_t *o, const char *key, bool nullable)
{
	json_t *v = field(c, o, key, nullable);

	if (!v)
		return NULL;
	if (!json_is_string(v) || !is_id(json_string_value(v))) {
		bad_value(c, key, v,
			  "an id (a letter or digit, then letters, "
			  "digits, '_', '.' or '-')");
		return NULL;
	}
	return xstrdup(json_string_value(v));
}

static bool is_one_of(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (strcmp(s, *words) == 0)
			return true;
	return false;
}

static char *word_at(struct checker *c, json_t *o, const char *key,
		     const char *const *words, const char *what)
{
	json_t *v = field(c, o, key, false);

	if (!v)
		return NULL;
	if (!json_is_string(v) || !is_one_of(json_string_value(v), words)) {
		bad_value(c, key, v, what);
		return NULL;
	}
	return xstrdup(json_string_value(v));
}

/* A UUID in its canonical form, lower case: RFC 4122 reads both cases,
 * and one attempt must not come in twice under two spellings. */
static bool uuid_at(struct checker *c, json_t *o, const char *key,
		    bool nullable, char out[37])
{
	json_t *v = field(c, o, key, nullable);
	size_t i;

	out[0] = '\0';
	if (!v)
		return false;
	if (!json_is_string(v) || !uuid_valid(json_string_value(v))) {
		bad_value(c, key, v, "a UUID");
		return false;
	}
	for (i = 0; i < 36; i++)
		out[i] = (char)tolower((unsigned char)json_string_value(v)[i]);
	out[36] = '\0';
	return true;
}

/* A whole number from lo to hi. */
static bool int_at(struct checker *c, json_t *o, const char *key, bool nullable,
		   long long lo, long long hi, int64_t *out)
{
	json_t *v = field(c, o, key, nullable);
	long long n;

	*out = 0;
	if (!v)
		return false;
	n = json_is_integer(v) ? (long long)json_integer_value(v) : 0;
	if (!json_is_integer(v) || n < lo || n > hi) {
		char *what =
			xasprintf("a whole number from %lld to %lld", lo, hi);
		bad_value(c, key, v, what);
		free(what);
		return false;
	}
	*out = n;
	return true;
}

/* A number from lo to hi: the one place numbers enter, so that nothing
 * later casts a value out of range. */
static bool num_at(struct checker *c, json_t *o, const char *key, bool nullable,
		   double lo, double hi, double *out)
{
	json_t *v = field(c, o, key, nullable);
	double d;

	*out = 0;
	if (!v)
		return false;
	d = json_is_number(v) ? json_number_value(v) : NAN;
	if (!json_is_number(v) || !isfinite(d) || d < lo || d > hi) {
		char *what = xasprintf("a number from %g to %g", lo, hi);
		bad_value(c, key, v, what);
		free(what);
		return false;
	}
	*out = d;
	return true;
}

/* true, false, or (nullable) null as -1. */
static int bool_at(struct checker *c, json_t *o, const char *key)
{
	json_t *v = field(c, o, key, true);

	if (!v)
		return -1;
	if (!json_is_boolean(v)) {
		bad_value(c, key, v, "true, false or null");
		return -1;
	}
	return json_is_true(v);
}

static bool time_at(struct checker *c, json_t *o, const char *key,
		    bool nullable, int64_t *out)
{
	json_t *v = field(c, o, key, nullable);

	*out = 0;
	if (!v)
		return false;
	if (!json_is_string(v) || !iso_time_parse(json_string_value(v), out)) {
		bad_value(c, key, v, "a time such as 2026-11-27T09:00:00.000Z");
		*out = 0;
		return false;
	}
	return true;
}

static json_t *list_at(struct checker *c, json_t *o, const char *key)
{
	json_t *v = field(c, o, key, false);

	if (v && !json_is_array(v)) {
		bad_value(c, key, v, "a list");
		return NULL;
	}
	return v;
}

/* A list of at most RECORD_MAX_OPTIONS ids (an item's options, in the
 * order shown, or the ones picked), as compact JSON text; NULL for null
 * when nullable. */
static char *ids_at(struct checker *c, json_t *o, const char *key,
		    bool nullable)
{
	json_t *v = field(c, o, key, nullable), *e;
	size_t i;

	if (!v)
		return NULL;
	if (!json_is_array(v) || json_array_size(v) > RECORD_MAX_OPTIONS) {
		bad_value(c, key, v, "a list of up to 26 option ids");
		return NULL;
	}
	json_array_foreach(v, i, e)
	{
		if (!json_is_string(e) || !is_id(json_string_value(e))) {
			size_t mark = enter(c, key, i);
			bad_value(c, NULL, e, "an option id");
			leave(c, mark);
			return NULL;
		}
	}
	return json_dumps(v, JSON_COMPACT);
}

static bool is_fingerprint(const char *s)
{
	size_t i;

	if (strlen(s) != 16)
		return false;
	for (i = 0; i < 16; i++)
		if (!isdigit((unsigned char)s[i]) &&
		    !(s[i] >= 'a' && s[i] <= 'f'))
			return false;
	return true;
}

/* A seed: the decimal digits of a 64-bit number. */
static bool is_seed(const char *s)
{
	char *end;
	unsigned long long v;

	if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 20)
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	(void)v;
	return errno == 0 && !*end;
}

static const char *const attempt_keys[] = {
	"uuid",	   "user",    "course",		 "kind",  "item",
	"status",  "started", "finished",	 "seed",  "fingerprint",
	"meeting", "team",    "facilitator",	 "total", "score",
	"band",	   "passed",  "straight_lining", "plan",  "answers",
	"scores",  NULL
};
static const char *const item_keys[] = { "position", "item", "choices", NULL };
static const char *const answer_keys[] = { "position", "item",	   "competency",
					   "outcome",  "response", "credit",
					   "earned",   "possible", "keyed",
					   "answered", "seconds",  NULL };
static const char *const score_keys[] = { "competency", "scored",   "score",
					  "earned",	"possible", "answered",
					  "total",	NULL };
static const char *const kinds[] = { "quiz", "assessment", "exercise", "review",
				     NULL };
static const char *const statuses[] = { "open", "finished", "abandoned", NULL };
static const char *const outcomes[] = { "right",   "partial",  "wrong",
					"skipped", "answered", "not-applicable",
					NULL };

/* The points of one answer: all three null (a statement, or a skipped
 * one), or credit 0..1 with earned = credit x possible, possible at most a
 * question's 1000 points, and the outcome that credit gives. */
static void read_points(struct checker *c, json_t *o, struct record_answer *x)
{
	json_t *cr = json_object_get(o, "credit");
	bool none = (!cr || json_is_null(cr)) && !field(c, o, "earned", true) &&
		    !field(c, o, "possible", true);
	bool skipped = strcmp(x->outcome, "skipped") == 0;

	bool statement = strcmp(x->outcome, "answered") == 0 ||
			 strcmp(x->outcome, "not-applicable") == 0;

	if (none) {
		if (!skipped && !statement)
			bad(c, "credit", "is missing for a %s answer",
			    x->outcome);
		return;
	}
	if (statement) {
		bad(c, "credit", "a statement's answer has no points");
		return;
	}
	x->has_points = true;
	num_at(c, o, "credit", false, 0, 1, &x->credit);
	num_at(c, o, "possible", false, 0, RECORD_MAX_POINTS, &x->possible);
	num_at(c, o, "earned", false, 0, x->possible, &x->earned);
	if (c->err)
		return;
	if (fabs(x->earned - x->credit * x->possible) >
	    1e-6 * (1 + x->possible))
		bad(c, "earned",
		    "%.17g is not the credit times the points "
		    "possible (%.17g)",
		    x->earned, x->credit * x->possible);
	else if (skipped && x->credit != 0)
		bad(c, "credit", "a skipped question earns nothing");
	else if (strcmp(x->outcome, "right") == 0 && x->credit < 1 - 1e-9)
		bad(c, "outcome", "'right' with a credit of %.17g", x->credit);
	else if (strcmp(x->outcome, "wrong") == 0 && x->credit > 1e-9)
		bad(c, "outcome", "'wrong' with a credit of %.17g", x->credit);
	else if (strcmp(x->outcome, "partial") == 0 &&
		 (x->credit <= 1e-9 || x->credit >= 1 - 1e-9))
		bad(c, "outcome", "'partial' with a credit of %.17g",
		    x->credit);
}

/* What was answered, by outcome: nothing for a skip, a scale value for a
 * statement, else the options picked or the words typed. */
static void read_response(struct checker *c, json_t *o, struct record_answer *x)
{
	json_t *v = field(c, o, "response", true);
	int64_t keyed;

	if (strcmp(x->outcome, "skipped") == 0) {
		if (v)
			bad(c, "response", "a skipped item has no response");
		else if (field(c, o, "keyed", true))
			bad(c, "keyed", "a skipped item has no value");
		return;
	}
	if (strcmp(x->outcome, "answered") == 0) {
		if (int_at(c, o, "response", false, -1000, 1000, &keyed))
			x->response = json_dumps(v, JSON_ENCODE_ANY);
		x->has_keyed =
			int_at(c, o, "keyed", false, -1000, 1000, &x->keyed);
		return;
	}
	if (strcmp(x->outcome, "not-applicable") == 0) {
		/* the point answered, which scores nothing */
		if (int_at(c, o, "response", false, -1000, 1000, &keyed))
			x->response = json_dumps(v, JSON_ENCODE_ANY);
		if (field(c, o, "keyed", true))
			bad(c, "keyed",
			    "a statement that has not come up has "
			    "no value to score");
		return;
	}
	if (field(c, o, "keyed", true))
		bad(c, "keyed", "only a statement's answer has a value");
	else if (!v)
		bad(c, "response", "a %s answer has a response", x->outcome);
	else if (json_is_string(v)) {
		if (text_at(c, o, "response", false))
			x->response = json_dumps(v, JSON_ENCODE_ANY);
	} else if (json_is_array(v) && json_array_size(v) > 0) {
		x->response = ids_at(c, o, "response", false);
	} else {
		bad_value(c, "response", v, "the options picked or a text");
	}
}

static void read_plan(struct checker *c, json_t *list, struct record *out)
{
	json_t *e;
	size_t i;

	if ((int64_t)json_array_size(list) != out->total) {
		bad(c, "plan", "holds %zu items where 'total' says %lld",
		    json_array_size(list), (long long)out->total);
		return;
	}
	out->items = xcalloc(json_array_size(list) + 1, sizeof(*out->items));
	json_array_foreach(list, i, e)
	{
		struct record_item *x = &out->items[out->n_items++];
		size_t mark = enter(c, "plan", i);
		if (!json_is_object(e)) {
			bad_value(c, NULL, e, "an object");
		} else {
			only_keys(c, e, item_keys);
			int_at(c, e, "position", false, (long long)i,
			       (long long)i, &x->position);
			x->item = id_at(c, e, "item", false);
			x->choices = ids_at(c, e, "choices", true);
		}
		leave(c, mark);
		if (c->err)
			return;
	}
}

static void read_answers(struct checker *c, json_t *list, struct record *out)
{
	int64_t last = 0;
	json_t *e;
	size_t i;

	out->answers =
		xcalloc(json_array_size(list) + 1, sizeof(*out->answers));
	json_array_foreach(list, i, e)
	{
		struct record_answer *x = &out->answers[out->n_answers++];
		size_t mark = enter(c, "answers", i);
		if (!json_is_object(e)) {
			bad_value(c, NULL, e, "an object");
			leave(c, mark);
			return;
		}
		only_keys(c, e, answer_keys);
		if (int_at(c, e, "position", false, 0,
			   out->total > 0 ? out->total - 1 : -1,
			   &x->position) &&
		    x->position < last)
			bad(c, "position",
			    "the answers are not in the order "
			    "of their positions");
		last = x->position;
		x->item = id_at(c, e, "item", false);
		if (x->item && !c->err &&
		    strcmp(x->item, out->items[x->position].item) != 0)
			bad(c, "item",
			    "'%s' is not the item at position %lld "
			    "of the plan",
			    x->item, (long long)x->position);
		x->competency = id_at(c, e, "competency", true);
		x->outcome = word_at(c, e, "outcome", outcomes,
				     "right, partial, wrong, skipped, answered "
				     "or not-applicable");
		if (x->outcome && !c->err) {
			read_response(c, e, x);
			read_points(c, e, x);
		}
		time_at(c, e, "answered", false, &x->answered_ms);
		num_at(c, e, "seconds", false, 0, RECORD_MAX_SECONDS,
		       &x->seconds);
		leave(c, mark);
		if (c->err)
			return;
	}
}

static void read_scores(struct checker *c, json_t *list, struct record *out)
{
	const char *before = NULL;
	json_t *e;
	size_t i;

	if (json_array_size(list) && !record_is_finished(out)) {
		bad(c, "scores", "an unfinished attempt has no scores");
		return;
	}
	out->scores = xcalloc(json_array_size(list) + 1, sizeof(*out->scores));
	json_array_foreach(list, i, e)
	{
		struct record_score *x = &out->scores[out->n_scores++];
		size_t mark = enter(c, "scores", i);
		int scored;
		if (!json_is_object(e)) {
			bad_value(c, NULL, e, "an object");
			leave(c, mark);
			return;
		}
		only_keys(c, e, score_keys);
		x->competency = id_at(c, e, "competency", false);
		if (x->competency && before &&
		    strcmp(before, x->competency) >= 0)
			bad(c, "competency", "'%s' comes twice or out of order",
			    x->competency);
		before = x->competency;
		scored = bool_at(c, e, "scored");
		if (scored < 0)
			bad(c, "scored", "is missing");
		x->scored = scored == 1;
		if (x->scored)
			num_at(c, e, "score", false, 0, 100, &x->score);
		else if (field(c, e, "score", true))
			bad(c, "score", "a competency not scored has no score");
		num_at(c, e, "possible", false, 0,
		       RECORD_MAX_POINTS * (double)RECORD_MAX_ITEMS,
		       &x->possible);
		num_at(c, e, "earned", false, 0, x->possible + 1e-9,
		       &x->earned);
		int_at(c, e, "total", false, 0, out->total, &x->total);
		int_at(c, e, "answered", false, 0, x->total, &x->answered);
		leave(c, mark);
		if (c->err)
			return;
	}
}

/* One attempt object into out; false with c->err set. */
static bool read_attempt(struct checker *c, json_t *o, struct record *out)
{
	json_t *plan, *answers, *scores;
	bool finished;
	const char *s;

	memset(out, 0, sizeof(*out));
	out->passed = out->straight = -1;
	if (!json_is_object(o)) {
		bad_value(c, NULL, o, "an attempt (an object)");
		return false;
	}
	only_keys(c, o, attempt_keys);
	uuid_at(c, o, "uuid", false, out->uuid);
	out->user = dup_or_null(text_at(c, o, "user", false));
	out->course = id_at(c, o, "course", false);
	out->kind = word_at(c, o, "kind", kinds,
			    "quiz, assessment, exercise or review");
	out->item = id_at(c, o, "item", false);
	out->status = word_at(c, o, "status", statuses,
			      "open, finished or abandoned");
	time_at(c, o, "started", false, &out->started_ms);
	if (c->err)
		return false;
	finished = record_is_finished(out);
	if (time_at(c, o, "finished", !finished, &out->finished_ms) &&
	    !finished)
		bad(c, "finished", "an attempt that is %s has no finish",
		    out->status);
	else if (finished && out->finished_ms < out->started_ms)
		bad(c, "finished", "the attempt ends before it starts");
	if ((s = text_at(c, o, "seed", false)) && !is_seed(s))
		bad(c, "seed", "'%.24s' is not a 64-bit whole number", s);
	out->seed = dup_or_null(s);
	if ((s = text_at(c, o, "fingerprint", false)) && !is_fingerprint(s))
		bad(c, "fingerprint", "'%.24s' is not 16 hex digits", s);
	out->fingerprint = dup_or_null(s);
	{
		char meeting[37];
		if (uuid_at(c, o, "meeting", true, meeting)) {
			if (out->kind && strcmp(out->kind, "exercise") != 0)
				bad(c, "meeting",
				    "only an exercise is taken in a "
				    "meeting");
			out->meeting = xstrdup(meeting);
		}
	}
	out->team = dup_or_null(text_at(c, o, "team", true));
	out->facilitator = dup_or_null(text_at(c, o, "facilitator", true));
	if ((out->team || out->facilitator) && !out->meeting)
		bad(c, out->team ? "team" : "facilitator",
		    "only an attempt in a meeting has one");
	int_at(c, o, "total", false, 0, RECORD_MAX_ITEMS, &out->total);
	out->scored = num_at(c, o, "score", true, 0, 100, &out->score);
	out->band = dup_or_null(text_at(c, o, "band", true));
	out->passed = bool_at(c, o, "passed");
	out->straight = bool_at(c, o, "straight_lining");
	if (c->err)
		return false;
	if (!finished && out->scored)
		bad(c, "score", "an unfinished attempt has no score yet");
	else if (!finished && out->band)
		bad(c, "band", "an unfinished attempt has no band yet");
	else if (!finished && (out->passed >= 0 || out->straight >= 0))
		bad(c, out->passed >= 0 ? "passed" : "straight_lining",
		    "an unfinished attempt has no result yet");
	else if (out->passed >= 0 && strcmp(out->kind, "quiz") != 0)
		bad(c, "passed", "only a quiz is passed or failed");
	else if (out->straight >= 0 && strcmp(out->kind, "assessment") != 0)
		bad(c, "straight_lining",
		    "only a self-assessment is checked "
		    "for it");
	if ((plan = list_at(c, o, "plan")) && !c->err)
		read_plan(c, plan, out);
	if ((answers = list_at(c, o, "answers")) && !c->err)
		read_answers(c, answers, out);
	if ((scores = list_at(c, o, "scores")) && !c->err)
		read_scores(c, scores, out);
	return !c->err;
}

/* Reads attempt o, named by path for messages; false with *err. */
static bool attempt_from(json_t *o, const char *path, struct record *out,
			 char **err)
{
	struct checker c = { 0 };

	c.base = path;
	if (read_attempt(&c, o, out))
		return true;
	*err = c.err;
	record_release(out);
	return false;
}

bool record_from_json(const char *json, struct record *out, char **err)
{
	json_error_t je;
	json_t *o = json_loads(json, JSON_REJECT_DUPLICATES, &je);
	bool ok;

	memset(out, 0, sizeof(*out));
	if (!o) {
		*err = xasprintf("not an attempt: %s", je.text);
		return false;
	}
	ok = attempt_from(o, "", out, err);
	json_decref(o);
	return ok;
}

bool uuid_valid(const char *s)
{
	size_t i;

	if (strlen(s) != 36)
		return false;
	for (i = 0; i < 36; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? s[i] != '-' : !isxdigit((unsigned char)s[i]))
			return false;
	}
	return true;
}

/* ---- the export file, a span at a time ---- */

#define CHUNK	  65536
#define MAX_DEPTH 32

enum reader_state {
	AT_START, /* before the top object */
	IN_TOP,	  /* among the top object's fields */
	IN_LIST,  /* among the attempts */
	AT_END,	  /* the export was whole: every call says 0 */
	BROKEN,	  /* a problem was found: every call says it again */
};

struct export_reader {
	export_read_fn read;
	void *ctx;
	char *buf;	 /* the file's bytes from base */
	size_t len, cap; /* bytes in buf, and room */
	size_t pos;	 /* the next byte, in buf */
	size_t keep;	 /* bytes from here on are kept when buf moves */
	bool keeping;	 /* a span is being scanned */
	bool eof;
	unsigned long long base;       /* the file offset of buf[0] */
	unsigned long long line;       /* the line of pos, from 1 */
	unsigned long long line_start; /* the file offset where it began */
	enum reader_state state;
	bool first;    /* no field or attempt yet in the object or list */
	size_t index;  /* attempts read */
	unsigned seen; /* top fields seen, a bit each (top_keys) */
	char *err;     /* owned, once BROKEN */
};

static const char *const top_keys[] = { "format", "generator", "exported",
					"course", "attempts",  NULL };

struct export_reader *export_reader_new(export_read_fn read, void *ctx)
{
	struct export_reader *r = xcalloc(1, sizeof(*r));

	r->read = read;
	r->ctx = ctx;
	r->line = 1;
	r->first = true;
	return r;
}

void export_reader_free(struct export_reader *r)
{
	if (!r)
		return;
	free(r->buf);
	free(r->err);
	free(r);
}

size_t export_reader_count(const struct export_reader *r)
{
	return r->index;
}

/* Where pos is, as "LINE:COL" (a byte column, from 1). */
static void where(const struct export_reader *r, unsigned long long *line,
		  unsigned long long *col)
{
	*line = r->line;
	*col = r->base + r->pos - r->line_start + 1;
}

/* Stops the reader with a problem at line:col. */
static int broken_at(struct export_reader *r, unsigned long long line,
		     unsigned long long col, const char *fmt, va_list ap)
{
	char *msg;

	if (r->state == BROKEN)
		return -1;
	msg = xvasprintf(fmt, ap);
	r->err = xasprintf("%llu:%llu: %s", line, col, msg);
	free(msg);
	r->state = BROKEN;
	return -1;
}

static int broken(struct export_reader *r, const char *fmt, ...)
	RP_PRINTF(2, 3);

/* Stops the reader with a problem at the current place. */
static int broken(struct export_reader *r, const char *fmt, ...)
{
	unsigned long long line, col;
	va_list ap;

	where(r, &line, &col);
	va_start(ap, fmt);
	broken_at(r, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

static int broken_from(struct export_reader *r, unsigned long long line,
		       unsigned long long col, const char *fmt, ...)
	RP_PRINTF(4, 5);

/* The same, at an earlier place: where a value began. */
static int broken_from(struct export_reader *r, unsigned long long line,
		       unsigned long long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	broken_at(r, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

/* Reads more of the file into buf; false at its end or on a problem
 * (then the reader is broken). Bytes before pos are let go, but those of
 * a span being scanned, which may be at most RECORD_MAX_ATTEMPT. */
static bool fill(struct export_reader *r)
{
	size_t from = r->keeping ? r->keep : r->pos;
	ssize_t n;

	if (r->eof || r->state == BROKEN)
		return false;
	if (from > 0 && from >= r->len / 2) {
		memmove(r->buf, r->buf + from, r->len - from);
		r->base += from;
		r->len -= from;
		r->pos -= from;
		if (r->keeping)
			r->keep -= from;
	}
	if (r->keeping && r->len - r->keep > RECORD_MAX_ATTEMPT) {
		broken(r,
		       "attempts[%zu] is over %zu MiB, more than rapport "
		       "writes for one attempt",
		       r->index, RECORD_MAX_ATTEMPT >> 20);
		return false;
	}
	if (r->cap - r->len < CHUNK) {
		/* doubling, but never far past what one attempt may take */
		size_t want = r->cap ? r->cap * 2 : 2 * CHUNK;
		if (want > RECORD_MAX_ATTEMPT + 2 * CHUNK)
			want = RECORD_MAX_ATTEMPT + 2 * CHUNK;
		if (want < r->len + CHUNK)
			want = r->len + CHUNK;
		r->buf = xrealloc(r->buf, want);
		r->cap = want;
	}
	do
		n = r->read(r->ctx, r->buf + r->len, CHUNK);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		broken(r, "cannot read the file: %s", strerror(errno));
		return false;
	}
	if (n == 0) {
		r->eof = true;
		return false;
	}
	r->len += (size_t)n;
	return true;
}

/* The next byte, or -1 at the end of the file. */
static int peek(struct export_reader *r)
{
	if (r->pos == r->len && !fill(r))
		return -1;
	return (unsigned char)r->buf[r->pos];
}

static void advance(struct export_reader *r)
{
	if (r->buf[r->pos] == '\n') {
		r->line++;
		r->line_start = r->base + r->pos + 1;
	}
	r->pos++;
}

static void skip_space(struct export_reader *r)
{
	int c;

	while ((c = peek(r)) == ' ' || c == '\t' || c == '\n' || c == '\r')
		advance(r);
}

/* Past a string, its opening quote at pos; jansson reads what is in it. */
static int skip_string(struct export_reader *r)
{
	int c;

	advance(r);
	while ((c = peek(r)) != '"') {
		if (c < 0)
			return r->state == BROKEN
				       ? -1
				       : broken(r, "not JSON: the file ends "
						   "inside a text");
		if (c == '\n')
			return broken(r, "not JSON: a text runs past the end "
					 "of its line");
		advance(r);
		if (c == '\\') {
			if (peek(r) < 0)
				return broken(r, "not JSON: the file ends "
						 "inside a text");
			advance(r);
		}
	}
	advance(r);
	return 0;
}

/* Past one value: a text, a number or word, or an object or list with
 * everything in it (brackets matched, to MAX_DEPTH levels). */
static int skip_value(struct export_reader *r)
{
	char stack[MAX_DEPTH];
	size_t depth = 0;
	int c = peek(r);

	if (c == '"')
		return skip_string(r);
	if (c != '{' && c != '[') {
		size_t n = 0;
		while ((c = peek(r)) >= 0 &&
		       (isalnum(c) || c == '-' || c == '+' || c == '.')) {
			advance(r);
			n++;
		}
		return n ? 0
			 : broken(r,
				  c < 0 ? "not JSON: the file ends where a "
					  "value should be"
					: "not JSON: a value cannot start "
					  "with '%c'",
				  c);
	}
	for (;;) {
		c = peek(r);
		if (c < 0)
			return r->state == BROKEN
				       ? -1
				       : broken(r,
						"not JSON: the file ends "
						"inside %s",
						depth && stack[depth - 1] == '['
							? "a list"
							: "an object");
		if (c == '"') {
			if (skip_string(r) != 0)
				return -1;
			continue;
		}
		if (c == '{' || c == '[') {
			if (depth == MAX_DEPTH)
				return broken(r, "the values nest deeper than "
						 "rapport writes");
			stack[depth++] = c == '{' ? '}' : ']';
		} else if (c == '}' || c == ']') {
			if (depth == 0 || stack[depth - 1] != c)
				return broken(r,
					      "not JSON: '%c' does not close "
					      "what is open here",
					      c);
			depth--;
		}
		advance(r);
		if (depth == 0)
			return 0;
	}
}

/* Scans a value and has jansson parse it: NULL after breaking the
 * reader, with jansson's line and column turned into the file's. */
static json_t *parse_value(struct export_reader *r, size_t flags)
{
	unsigned long long line, col;
	json_error_t je;
	json_t *v;

	where(r, &line, &col);
	r->keep = r->pos;
	r->keeping = true;
	if (skip_value(r) != 0) {
		r->keeping = false;
		return NULL;
	}
	r->keeping = false;
	/* fill() may have moved the bytes: keep follows them */
	v = json_loadb(r->buf + r->keep, r->pos - r->keep,
		       JSON_REJECT_DUPLICATES | JSON_DECODE_ANY | flags, &je);
	if (!v) {
		unsigned long long l = line + (unsigned long long)je.line - 1;
		unsigned long long k =
			je.line <= 1 ? col + (unsigned long long)je.column - 1
				     : (unsigned long long)je.column;
		r->err = xasprintf("%llu:%llu: not JSON: %s", l, k, je.text);
		r->state = BROKEN;
	}
	return v;
}

/* The top object's fields but the attempts: what an export begins with.
 * Which were seen, a bit each, goes into r->seen. */
static int top_field(struct export_reader *r, const char *key, json_t *v,
		     unsigned long long line, unsigned long long col)
{
	static const char *const course_keys[] = { "id", "title", "fingerprint",
						   NULL };
	struct checker c = { 0 };
	int64_t t;
	int rc = 0;

	c.base = "";

	if (strcmp(key, "format") == 0) {
		if (!json_is_string(v) ||
		    strcmp(json_string_value(v), RECORD_FORMAT) != 0)
			bad_value(&c, "format", v, "\"" RECORD_FORMAT "\"");
	} else if (strcmp(key, "generator") == 0) {
		json_t *o = json_pack("{sO}", "generator", v);
		text_at(&c, o, "generator", false);
		json_decref(o);
	} else if (strcmp(key, "exported") == 0) {
		json_t *o = json_pack("{sO}", "exported", v);
		time_at(&c, o, "exported", false, &t);
		json_decref(o);
	} else if (strcmp(key, "course") == 0) {
		c.base = "course";
		if (!json_is_object(v)) {
			bad_value(&c, NULL, v, "an object");
		} else {
			char *id = id_at(&c, v, "id", false);
			const char *fp;
			only_keys(&c, v, course_keys);
			text_at(&c, v, "title", false);
			if ((fp = text_at(&c, v, "fingerprint", false)) &&
			    !is_fingerprint(fp))
				bad(&c, "fingerprint",
				    "'%.24s' is not 16 hex "
				    "digits",
				    fp);
			free(id);
		}
	}
	if (c.err) {
		if (strcmp(key, "format") == 0) {
			free(c.err);
			c.err = xstrdup("not a rapport export (its \"format\" "
					"is not \"" RECORD_FORMAT "\")");
		}
		rc = broken_from(r, line, col, "%s", c.err);
	}
	free(c.err);
	return rc;
}

/* Up to the next member of the object or list being read, which ends
 * with close: 0 at its end (close read), 1 when a member follows (the
 * comma before it read), -1 on a problem. inside names it for a file
 * that ends there. */
static int next_member(struct export_reader *r, char close, const char *inside)
{
	int c;

	skip_space(r);
	c = peek(r);
	if (c == close) {
		advance(r);
		return 0;
	}
	if (!r->first) {
		if (c != ',')
			return c < 0 ? broken(r,
					      "not JSON: the file ends inside "
					      "%s",
					      inside)
				     : broken(r,
					      "not JSON: expected ',' or '%c' "
					      "here",
					      close);
		advance(r);
		skip_space(r);
	}
	r->first = false;
	return 1;
}

/* The next field name of the top object, its colon read: 1 with *key
 * (caller frees), 0 at the object's end, -1 on a problem. */
static int next_key(struct export_reader *r, char **key)
{
	json_t *k;
	int c, rc = next_member(r, '}', "the export");

	if (rc <= 0)
		return rc;
	c = peek(r);
	if (c != '"')
		return broken(r,
			      c < 0 ? "not JSON: the file ends inside the "
				      "export"
				    : "not JSON: expected a field name here");
	if (!(k = parse_value(r, 0)))
		return -1;
	*key = xstrdup(json_string_value(k));
	json_decref(k);
	skip_space(r);
	if (peek(r) != ':') {
		free(*key);
		return broken(r, "not JSON: expected ':' here");
	}
	advance(r);
	skip_space(r);
	return 1;
}

/* In the list of attempts: 1 with the next attempt, 0 at the list's
 * end, -1 on a problem. */
/* A UTF-8 byte-order mark at the very start, as some editors write one:
 * passed over, the column still counted from the text after it. */
static void skip_bom(struct export_reader *r)
{
	static const unsigned char bom[] = { 0xEF, 0xBB, 0xBF };
	size_t i;

	for (i = 0; i < sizeof(bom); i++) {
		if (peek(r) != bom[i]) {
			if (i > 0)
				broken(r, "not JSON: a broken byte-order mark");
			return;
		}
		advance(r);
	}
	r->line_start = r->base + r->pos;
}

static int next_attempt(struct export_reader *r, struct record *out)
{
	unsigned long long line, col;
	char path[48], *why = NULL;
	json_t *v;
	int rc = next_member(r, ']', "the list of attempts");

	if (rc <= 0) {
		if (rc == 0)
			r->state = IN_TOP;
		return rc;
	}
	where(r, &line, &col);
	if (!(v = parse_value(r, 0)))
		return -1;
	snprintf(path, sizeof(path), "attempts[%zu]", r->index);
	if (!attempt_from(v, path, out, &why)) {
		json_decref(v);
		r->err = xasprintf("%llu:%llu: %s", line, col, why);
		r->state = BROKEN;
		free(why);
		return -1;
	}
	json_decref(v);
	r->index++;
	return 1;
}

int export_reader_next(struct export_reader *r, struct record *out, char **err)
{
	memset(out, 0, sizeof(*out));
	for (;;) {
		char *key = NULL;
		size_t k;
		int rc;
		json_t *v;

		switch (r->state) {
		case AT_END:
			return 0;
		case BROKEN:
			*err = xstrdup(r->err);
			return -1;
		case AT_START:
			skip_bom(r);
			skip_space(r);
			if (r->state != BROKEN && peek(r) != '{')
				broken(r, "not a rapport export (not a JSON "
					  "object)");
			if (r->state == BROKEN)
				continue;
			advance(r);
			r->state = IN_TOP;
			continue;
		case IN_LIST:
			rc = next_attempt(r, out);
			if (rc != 0)
				return rc == 1 ? 1
					       : (*err = xstrdup(r->err), -1);
			continue;
		case IN_TOP:
			break;
		}
		rc = next_key(r, &key);
		if (rc < 0)
			continue;
		if (rc == 0) {
			unsigned long long line, col;
			where(r, &line, &col);
			skip_space(r);
			if (peek(r) >= 0)
				broken(r, "not JSON: more follows the end of "
					  "the export");
			for (k = 0; top_keys[k] && r->state != BROKEN; k++)
				if (!(r->seen & (1u << k)))
					broken_from(
						r, line, col,
						k == 0 ? "not a rapport export "
							 "(no \"format\": "
							 "\"" RECORD_FORMAT
							 "\")"
						       : "the export has no "
							 "\"%s\"",
						top_keys[k]);
			if (r->state != BROKEN)
				r->state = AT_END;
			continue;
		}
		for (k = 0; top_keys[k] && strcmp(top_keys[k], key); k++)
			;
		if (!top_keys[k])
			broken(r,
			       "%s'%.40s' is not a field of rapport's export",
			       r->seen & 1u ? "" : "not a rapport export: ",
			       key);
		else if (r->seen & (1u << k))
			broken(r, "\"%s\" comes twice", key);
		else if (strcmp(key, "attempts") == 0) {
			r->seen |= 1u << k;
			if (peek(r) != '[')
				broken(r, "\"attempts\" is not a list");
			else {
				advance(r);
				r->state = IN_LIST;
				r->first = true;
			}
		} else {
			unsigned long long line, col;
			where(r, &line, &col);
			if ((v = parse_value(r, 0))) {
				r->seen |= 1u << k;
				top_field(r, key, v, line, col);
				json_decref(v);
			}
		}
		free(key);
	}
}

/* ---- a whole export in memory ---- */

struct memory_source {
	const char *text;
	size_t len, at;
};

static ssize_t read_memory(void *ctx, void *buf, size_t n)
{
	struct memory_source *m = ctx;

	if (n > m->len - m->at)
		n = m->len - m->at;
	memcpy(buf, m->text + m->at, n);
	m->at += n;
	return (ssize_t)n;
}

bool record_read_export(const char *text, size_t len, struct record **recs,
			size_t *n, char **err)
{
	struct memory_source m = { text, len, 0 };
	struct export_reader *r = export_reader_new(read_memory, &m);
	size_t cap = 0;
	int rc;

	*recs = NULL;
	*n = 0;
	for (;;) {
		struct record one;
		void *p = *recs;
		rc = export_reader_next(r, &one, err);
		if (rc <= 0)
			break;
		xgrow(&p, &cap, *n + 1, sizeof(**recs));
		*recs = p;
		(*recs)[(*n)++] = one;
	}
	export_reader_free(r);
	if (rc < 0) {
		record_free_all(*recs, *n);
		*recs = NULL;
		*n = 0;
		return false;
	}
	return true;
}
