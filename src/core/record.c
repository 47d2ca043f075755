/* record.c - an attempt with everything stored about it: JSON both ways,
 * CSV rows, and the ISO 8601 times and durations they use. */
#include "record.h"

#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void record_release(struct record *r)
{
	size_t i;

	free(r->user);
	free(r->course);
	free(r->kind);
	free(r->item);
	free(r->fingerprint);
	free(r->seed);
	free(r->status);
	free(r->meeting);
	free(r->band);
	for (i = 0; i < r->n_items; i++) {
		free(r->items[i].item);
		free(r->items[i].choices);
	}
	free(r->items);
	for (i = 0; i < r->n_answers; i++) {
		free(r->answers[i].item);
		free(r->answers[i].competency);
		free(r->answers[i].outcome);
		free(r->answers[i].response);
	}
	free(r->answers);
	for (i = 0; i < r->n_scores; i++)
		free(r->scores[i].competency);
	free(r->scores);
	memset(r, 0, sizeof(*r));
}

static bool same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool same_num(double a, double b)
{
	return fabs(a - b) <= 1e-9 * (1 + fabs(a));
}

bool record_same(const struct record *a, const struct record *b,
		 const char **why)
{
	size_t i;

#define DIFF(what)                                                           \
	do {                                                                 \
		*why = what;                                                 \
		return false;                                                \
	} while (0)
	if (strcmp(a->uuid, b->uuid) != 0)
		DIFF("the id");
	if (!same_str(a->user, b->user))
		DIFF("the user");
	if (!same_str(a->course, b->course) || !same_str(a->kind, b->kind) ||
	    !same_str(a->item, b->item))
		DIFF("what was taken");
	if (!same_str(a->meeting, b->meeting))
		DIFF("the meeting");
	if (!same_str(a->status, b->status) || a->finished != b->finished)
		DIFF("whether it was finished");
	if (a->started != b->started || !same_str(a->seed, b->seed) ||
	    a->total != b->total || !same_str(a->fingerprint, b->fingerprint))
		DIFF("how it began");
	if (a->scored != b->scored || (a->scored && !same_num(a->score, b->score)) ||
	    !same_str(a->band, b->band) || a->passed != b->passed ||
	    a->straight != b->straight)
		DIFF("the score");
	if (a->n_items != b->n_items)
		DIFF("the questions asked");
	for (i = 0; i < a->n_items; i++)
		if (a->items[i].position != b->items[i].position ||
		    !same_str(a->items[i].item, b->items[i].item) ||
		    !same_str(a->items[i].choices, b->items[i].choices))
			DIFF("the questions asked");
	if (a->n_answers != b->n_answers)
		DIFF("the answers");
	for (i = 0; i < a->n_answers; i++) {
		const struct record_answer *x = &a->answers[i], *y = &b->answers[i];
		if (x->position != y->position || !same_str(x->item, y->item) ||
		    !same_str(x->competency, y->competency) ||
		    !same_str(x->outcome, y->outcome) ||
		    !same_str(x->response, y->response) ||
		    x->answered_at != y->answered_at ||
		    !same_num(x->seconds, y->seconds) ||
		    x->has_points != y->has_points ||
		    (x->has_points && (!same_num(x->credit, y->credit) ||
				       !same_num(x->earned, y->earned) ||
				       !same_num(x->possible, y->possible))) ||
		    x->has_keyed != y->has_keyed ||
		    (x->has_keyed && x->keyed != y->keyed))
			DIFF("the answers");
	}
	if (a->n_scores != b->n_scores)
		DIFF("the scores by competency");
	for (i = 0; i < a->n_scores; i++) {
		const struct record_score *x = &a->scores[i], *y = &b->scores[i];
		if (!same_str(x->competency, y->competency) ||
		    x->scored != y->scored ||
		    (x->scored && !same_num(x->score, y->score)) ||
		    x->answered != y->answered || x->total != y->total)
			DIFF("the scores by competency");
	}
#undef DIFF
	*why = NULL;
	return true;
}

/* ---- times ---- */

void iso_time(int64_t t, char out[32])
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int64_t iso_time_parse(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	struct tm tm, back;
	time_t t;
	size_t i;

	/* exactly the form iso_time writes, digit for digit */
	if (!s || strlen(s) != sizeof(shape) - 1)
		return -1;
	for (i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? !isdigit((unsigned char)s[i])
				    : s[i] != shape[i])
			return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = atoi(s) - 1900;
	tm.tm_mon = atoi(s + 5) - 1;
	tm.tm_mday = atoi(s + 8);
	tm.tm_hour = atoi(s + 11);
	tm.tm_min = atoi(s + 14);
	tm.tm_sec = atoi(s + 17);
	back = tm;
	t = timegm(&tm);
	/* timegm moves 30 February on to March: such a day is not a time */
	if (t == (time_t)-1 || tm.tm_year != back.tm_year ||
	    tm.tm_mon != back.tm_mon || tm.tm_mday != back.tm_mday ||
	    tm.tm_hour != back.tm_hour || tm.tm_min != back.tm_min ||
	    tm.tm_sec != back.tm_sec)
		return -1;
	return (int64_t)t;
}

void iso_duration(double seconds, char out[48])
{
	long long centis, whole, frac;
	int len;

	if (seconds < 0 || !isfinite(seconds) || seconds > 1e12)
		seconds = 0;
	/* round first, so that 59.999 s carries into a whole minute */
	centis = llround(seconds * 100);
	whole = centis / 100;
	frac = centis % 100;
	len = snprintf(out, 48, "PT");
	if (whole / 3600)
		len += snprintf(out + len, (size_t)(48 - len), "%lldH",
				whole / 3600);
	if (whole % 3600 / 60)
		len += snprintf(out + len, (size_t)(48 - len), "%lldM",
				whole % 3600 / 60);
	if (frac)
		snprintf(out + len, (size_t)(48 - len), "%lld.%02lldS",
			 whole % 60, frac);
	else if (whole % 60 || whole < 60)
		snprintf(out + len, (size_t)(48 - len), "%lldS", whole % 60);
}

/* ---- JSON ---- */

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *time_or_null(int64_t t)
{
	char buf[32];

	if (!t)
		return json_null();
	iso_time(t, buf);
	return json_string(buf);
}

/* A stored JSON text as a JSON value again; null when absent or broken. */
static json_t *raw_json(const char *text)
{
	json_t *v = text ? json_loads(text, JSON_DECODE_ANY, NULL) : NULL;

	return v ? v : json_null();
}

static json_t *tristate(int v)
{
	return v < 0 ? json_null() : json_boolean(v);
}

char *record_to_json(const struct record *r)
{
	json_t *o = json_object(), *a;
	char *out;
	size_t i;

	json_object_set_new(o, "uuid", json_string(r->uuid));
	json_object_set_new(o, "user", str_or_null(r->user));
	json_object_set_new(o, "course", str_or_null(r->course));
	json_object_set_new(o, "kind", str_or_null(r->kind));
	json_object_set_new(o, "item", str_or_null(r->item));
	json_object_set_new(o, "status", str_or_null(r->status));
	json_object_set_new(o, "started", time_or_null(r->started));
	json_object_set_new(o, "finished", time_or_null(r->finished));
	json_object_set_new(o, "seed", str_or_null(r->seed));
	json_object_set_new(o, "fingerprint", str_or_null(r->fingerprint));
	json_object_set_new(o, "meeting", str_or_null(r->meeting));
	json_object_set_new(o, "total", json_integer((json_int_t)r->total));
	json_object_set_new(o, "score", r->scored ? json_real(r->score) : json_null());
	json_object_set_new(o, "band", str_or_null(r->band));
	json_object_set_new(o, "passed", tristate(r->passed));
	json_object_set_new(o, "straight_lining", tristate(r->straight));
	a = json_array();
	for (i = 0; i < r->n_items; i++) {
		json_t *it = json_object();
		json_object_set_new(it, "position",
				    json_integer((json_int_t)r->items[i].position));
		json_object_set_new(it, "item", str_or_null(r->items[i].item));
		json_object_set_new(it, "choices", raw_json(r->items[i].choices));
		json_array_append_new(a, it);
	}
	json_object_set_new(o, "plan", a);
	a = json_array();
	for (i = 0; i < r->n_answers; i++) {
		const struct record_answer *x = &r->answers[i];
		json_t *it = json_object();
		json_object_set_new(it, "position", json_integer((json_int_t)x->position));
		json_object_set_new(it, "item", str_or_null(x->item));
		json_object_set_new(it, "competency", str_or_null(x->competency));
		json_object_set_new(it, "outcome", str_or_null(x->outcome));
		json_object_set_new(it, "response", raw_json(x->response));
		json_object_set_new(it, "credit", x->has_points ? json_real(x->credit)
								: json_null());
		json_object_set_new(it, "earned", x->has_points ? json_real(x->earned)
								: json_null());
		json_object_set_new(it, "possible",
				    x->has_points ? json_real(x->possible) : json_null());
		json_object_set_new(it, "keyed", x->has_keyed
							 ? json_integer((json_int_t)x->keyed)
							 : json_null());
		json_object_set_new(it, "answered", time_or_null(x->answered_at));
		json_object_set_new(it, "seconds", json_real(x->seconds));
		json_array_append_new(a, it);
	}
	json_object_set_new(o, "answers", a);
	a = json_array();
	for (i = 0; i < r->n_scores; i++) {
		const struct record_score *x = &r->scores[i];
		json_t *it = json_object();
		json_object_set_new(it, "competency", str_or_null(x->competency));
		json_object_set_new(it, "scored", json_boolean(x->scored));
		json_object_set_new(it, "score", x->scored ? json_real(x->score)
							  : json_null());
		json_object_set_new(it, "earned", json_real(x->earned));
		json_object_set_new(it, "possible", json_real(x->possible));
		json_object_set_new(it, "answered", json_integer((json_int_t)x->answered));
		json_object_set_new(it, "total", json_integer((json_int_t)x->total));
		json_array_append_new(a, it);
	}
	json_object_set_new(o, "scores", a);
	out = json_dumps(o, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
	json_decref(o);
	return out;
}

/* ---- reading JSON back ---- */

struct reader {
	char *err; /* the first problem; owned */
};

static void problem(struct reader *rd, const char *fmt, const char *field)
{
	if (!rd->err)
		rd->err = xasprintf(fmt, field);
}

static char *get_str(struct reader *rd, json_t *o, const char *key,
		     bool nullable)
{
	json_t *v = json_object_get(o, key);

	if (json_is_string(v))
		return xstrdup(json_string_value(v));
	if (nullable && (!v || json_is_null(v)))
		return NULL;
	problem(rd, "'%s' is missing or not a text", key);
	return NULL;
}

static double get_num(struct reader *rd, json_t *o, const char *key, bool *has)
{
	json_t *v = json_object_get(o, key);

	if (has)
		*has = json_is_number(v);
	if (json_is_number(v))
		return json_number_value(v);
	if (!has || (v && !json_is_null(v)))
		problem(rd, "'%s' is missing or not a number", key);
	return 0;
}

static int64_t get_int(struct reader *rd, json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (json_is_integer(v))
		return (int64_t)json_integer_value(v);
	problem(rd, "'%s' is missing or not a whole number", key);
	return 0;
}

static int64_t get_time(struct reader *rd, json_t *o, const char *key,
			bool nullable)
{
	json_t *v = json_object_get(o, key);
	int64_t t;

	if (nullable && (!v || json_is_null(v)))
		return 0;
	t = json_is_string(v) ? iso_time_parse(json_string_value(v)) : -1;
	if (t < 0)
		problem(rd, "'%s' is not a time such as 2026-11-27T09:00:00Z", key);
	return t < 0 ? 0 : t;
}

static int get_tristate(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_boolean(v) ? json_is_true(v) : -1;
}

/* A JSON value stored as compact text; NULL for null or absent. */
static char *get_raw(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v))
		return NULL;
	return json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
}

static json_t *get_array(struct reader *rd, json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_array(v))
		problem(rd, "'%s' is missing or not a list", key);
	return v;
}

static bool one_of(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (s && strcmp(s, *words) == 0)
			return true;
	return false;
}

/* The fields that only take certain words, and the id's shape: a file
 * from elsewhere must not put into the database what rapport never
 * writes. */
static void check_words(struct reader *rd, const struct record *r)
{
	static const char *const kinds[] = {"quiz", "assessment", "exercise",
					    "review", NULL};
	static const char *const statuses[] = {"open", "finished",
					       "abandoned", NULL};
	static const char *const outcomes[] = {"right", "partial", "wrong",
					       "skipped", "answered", NULL};
	size_t i;

	if (r->uuid[0] && !uuid_valid(r->uuid))
		problem(rd, "'%s' is not a UUID", "uuid");
	if (r->kind && !one_of(r->kind, kinds))
		problem(rd, "'%s' is not quiz, assessment, exercise or review",
			"kind");
	if (r->status && !one_of(r->status, statuses))
		problem(rd, "'%s' is not open, finished or abandoned", "status");
	for (i = 0; i < r->n_answers; i++)
		if (r->answers[i].outcome && !one_of(r->answers[i].outcome, outcomes))
			problem(rd, "an answer's '%s' is not right, partial, wrong,"
				    " skipped or answered",
				"outcome");
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

bool record_from_json(const char *json, struct record *out, char **err)
{
	struct reader rd = {0};
	json_error_t je;
	json_t *o = json_loads(json, 0, &je), *a;
	char *uuid;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (!json_is_object(o)) {
		*err = xasprintf("not an attempt: %s", o ? "not an object" : je.text);
		json_decref(o);
		return false;
	}
	uuid = get_str(&rd, o, "uuid", false);
	if (uuid && strlen(uuid) == 36)
		memcpy(out->uuid, uuid, 37);
	else
		problem(&rd, "'%s' is not a UUID", "uuid");
	free(uuid);
	out->user = get_str(&rd, o, "user", false);
	out->course = get_str(&rd, o, "course", false);
	out->kind = get_str(&rd, o, "kind", false);
	out->item = get_str(&rd, o, "item", false);
	out->status = get_str(&rd, o, "status", false);
	out->started = get_time(&rd, o, "started", false);
	out->finished = get_time(&rd, o, "finished", true);
	out->seed = get_str(&rd, o, "seed", false);
	out->fingerprint = get_str(&rd, o, "fingerprint", false);
	out->meeting = get_str(&rd, o, "meeting", true);
	out->total = get_int(&rd, o, "total");
	out->score = get_num(&rd, o, "score", &out->scored);
	out->band = get_str(&rd, o, "band", true);
	out->passed = get_tristate(o, "passed");
	out->straight = get_tristate(o, "straight_lining");
	if ((a = get_array(&rd, o, "plan"))) {
		out->items = xcalloc(json_array_size(a) + 1, sizeof(*out->items));
		for (i = 0; i < json_array_size(a); i++) {
			json_t *it = json_array_get(a, i);
			struct record_item *x = &out->items[out->n_items++];
			x->position = get_int(&rd, it, "position");
			x->item = get_str(&rd, it, "item", false);
			x->choices = get_raw(it, "choices");
		}
	}
	if ((a = get_array(&rd, o, "answers"))) {
		out->answers = xcalloc(json_array_size(a) + 1, sizeof(*out->answers));
		for (i = 0; i < json_array_size(a); i++) {
			json_t *it = json_array_get(a, i);
			struct record_answer *x = &out->answers[out->n_answers++];
			bool has;
			x->position = get_int(&rd, it, "position");
			x->item = get_str(&rd, it, "item", false);
			x->competency = get_str(&rd, it, "competency", true);
			x->outcome = get_str(&rd, it, "outcome", false);
			x->response = get_raw(it, "response");
			x->credit = get_num(&rd, it, "credit", &x->has_points);
			x->earned = get_num(&rd, it, "earned", &has);
			x->possible = get_num(&rd, it, "possible", &has);
			x->keyed = (int64_t)get_num(&rd, it, "keyed", &x->has_keyed);
			x->answered_at = get_time(&rd, it, "answered", false);
			x->seconds = get_num(&rd, it, "seconds", NULL);
		}
	}
	if ((a = get_array(&rd, o, "scores"))) {
		out->scores = xcalloc(json_array_size(a) + 1, sizeof(*out->scores));
		for (i = 0; i < json_array_size(a); i++) {
			json_t *it = json_array_get(a, i);
			struct record_score *x = &out->scores[out->n_scores++];
			bool has;
			x->competency = get_str(&rd, it, "competency", false);
			x->scored = json_is_true(json_object_get(it, "scored"));
			x->score = get_num(&rd, it, "score", &has);
			x->earned = get_num(&rd, it, "earned", NULL);
			x->possible = get_num(&rd, it, "possible", NULL);
			x->answered = get_int(&rd, it, "answered");
			x->total = get_int(&rd, it, "total");
		}
	}
	json_decref(o);
	check_words(&rd, out);
	if (rd.err) {
		*err = rd.err;
		record_release(out);
		return false;
	}
	return true;
}

/* ---- an export file ---- */

bool record_read_export(const char *text, size_t len, struct record **recs,
			size_t *n, char **err)
{
	json_error_t je;
	json_t *doc = json_loadb(text, len, 0, &je), *list, *v;
	const char *format;
	size_t i;

	*recs = NULL;
	*n = 0;
	if (!doc) {
		*err = xasprintf("%d:%d: not JSON: %s", je.line, je.column, je.text);
		return false;
	}
	format = json_string_value(json_object_get(doc, "format"));
	list = json_object_get(doc, "attempts");
	if (!format || strcmp(format, RECORD_FORMAT) != 0 || !json_is_array(list)) {
		*err = xasprintf("not a rapport export (no \"format\": \"%s\" with"
				 " a list of attempts)",
				 RECORD_FORMAT);
		json_decref(doc);
		return false;
	}
	*recs = xcalloc(json_array_size(list) + 1, sizeof(**recs));
	json_array_foreach(list, i, v) {
		char *one = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY), *why;
		bool ok = record_from_json(one, &(*recs)[i], &why);
		free(one);
		if (!ok) {
			*err = xasprintf("attempt %zu: %s", i + 1, why);
			free(why);
			record_free_all(*recs, i);
			*recs = NULL;
			*n = 0;
			json_decref(doc);
			return false;
		}
		*n = i + 1;
	}
	json_decref(doc);
	return true;
}

void record_free_all(struct record *recs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		record_release(&recs[i]);
	free(recs);
}

/* ---- CSV ---- */

const char *record_csv_header(void)
{
	return "attempt,user,course,kind,activity,status,started,finished,"
	       "position,item,competency,outcome,response,credit,earned,"
	       "possible,keyed,answered,seconds\r\n";
}

/* One field: quoted when it holds a comma, a quote or a line break, with
 * quotes doubled (RFC 4180). */
static void csv_field(struct strbuf *sb, const char *s, bool last)
{
	const char *p;

	if (s && strpbrk(s, ",\"\r\n")) {
		strbuf_addc(sb, '"');
		for (p = s; *p; p++) {
			if (*p == '"')
				strbuf_addc(sb, '"');
			strbuf_addc(sb, *p);
		}
		strbuf_addc(sb, '"');
	} else if (s) {
		strbuf_adds(sb, s);
	}
	strbuf_adds(sb, last ? "\r\n" : ",");
}

/* Points as a spreadsheet shows them: 15 significant digits, so 0.1
 * stays 0.1. */
static void csv_number(struct strbuf *sb, bool has, double v)
{
	if (has)
		strbuf_addf(sb, "%.15g", v);
	strbuf_addc(sb, ',');
}

void record_csv_rows(const struct record *r, struct strbuf *out)
{
	char started[32] = "", finished[32] = "", when[32];
	size_t i;

	iso_time(r->started, started);
	if (r->finished)
		iso_time(r->finished, finished);
	for (i = 0; i < r->n_answers; i++) {
		const struct record_answer *x = &r->answers[i];
		char pos[24];
		csv_field(out, r->uuid, false);
		csv_field(out, r->user, false);
		csv_field(out, r->course, false);
		csv_field(out, r->kind, false);
		csv_field(out, r->item, false);
		csv_field(out, r->status, false);
		csv_field(out, started, false);
		csv_field(out, finished, false);
		snprintf(pos, sizeof(pos), "%lld", (long long)x->position);
		csv_field(out, pos, false);
		csv_field(out, x->item, false);
		csv_field(out, x->competency, false);
		csv_field(out, x->outcome, false);
		csv_field(out, x->response, false);
		csv_number(out, x->has_points, x->credit);
		csv_number(out, x->has_points, x->earned);
		csv_number(out, x->has_points, x->possible);
		if (x->has_keyed)
			strbuf_addf(out, "%lld", (long long)x->keyed);
		strbuf_addc(out, ',');
		iso_time(x->answered_at, when);
		csv_field(out, when, false);
		strbuf_addf(out, "%.3f\r\n", x->seconds); /* to the millisecond */
	}
}
