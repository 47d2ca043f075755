/* SPDX-License-Identifier: GPL-3.0-or-later */
/* record.c - an attempt with everything stored about it: JSON both ways,
 * CSV rows, and the ISO 8601 times and durations they use. */
#include "record.h"

#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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

bool record_is_finished(const struct record *r)
{
	return r->status && strcmp(r->status, "finished") == 0;
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

#define DIFF(what)                                                             \
	do {                                                                   \
		*why = what;                                                   \
		return false;                                                  \
	} while (0)
	if (strcasecmp(a->uuid, b->uuid) != 0) /* RFC 4122: either case */
		DIFF("the id");
	if (!same_str(a->user, b->user))
		DIFF("the user");
	if (!same_str(a->course, b->course) || !same_str(a->kind, b->kind) ||
	    !same_str(a->item, b->item))
		DIFF("what was taken");
	if (!same_str(a->meeting, b->meeting))
		DIFF("the meeting");
	if (!same_str(a->status, b->status) ||
	    (record_is_finished(a) && a->finished != b->finished))
		DIFF("whether it was finished");
	if (a->started != b->started || !same_str(a->seed, b->seed) ||
	    a->total != b->total || !same_str(a->fingerprint, b->fingerprint))
		DIFF("how it began");
	if (a->scored != b->scored ||
	    (a->scored && !same_num(a->score, b->score)) ||
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
		const struct record_answer *x = &a->answers[i],
					   *y = &b->answers[i];
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
		const struct record_score *x = &a->scores[i],
					  *y = &b->scores[i];
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

/* An attempt is written value by value, not built as one tree and dumped:
 * one object holds the attempt's own fields, and one each a plan item, an
 * answer and a competency score; they are filled in again for every
 * attempt and every element of its lists, dumped by jansson, and their
 * lines indented to where a whole tree's dump would put them. The text is
 * the same, byte for byte, but an export of a million answers makes no
 * object per answer. The stored JSON of responses and option orders
 * repeats from attempt to attempt, so each text is parsed once and kept,
 * in a small table where a text's place is chosen by its hash. */

#define RAW_SLOTS  4096 /* a power of two */
#define DUMP_FLAGS (JSON_INDENT(2) | JSON_REAL_PRECISION(17))

struct record_writer {
	json_t *attempt, *item, *answer, *score;
	struct strbuf element; /* one list element's dump */
	struct raw_slot {
		char *text;
		json_t *value;
	} raw[RAW_SLOTS];
};

static const char *const attempt_keys[] = {
	"uuid",	 "user",	"course",  "kind",
	"item",	 "status",	"started", "finished",
	"seed",	 "fingerprint", "meeting", "total",
	"score", "band",	"passed",  "straight_lining",
	NULL
};
static const char *const item_keys[] = { "position", "item", "choices", NULL };
static const char *const answer_keys[] = { "position", "item",	   "competency",
					   "outcome",  "response", "credit",
					   "earned",   "possible", "keyed",
					   "answered", "seconds",  NULL };
static const char *const score_keys[] = { "competency", "scored",   "score",
					  "earned",	"possible", "answered",
					  "total",	NULL };

/* An object with these keys in this order, each null for now. */
static json_t *with_keys(const char *const *keys)
{
	json_t *o = json_object();

	for (; *keys; keys++)
		json_object_set_new(o, *keys, json_null());
	return o;
}

struct record_writer *record_writer_new(void)
{
	struct record_writer *w = xcalloc(1, sizeof(*w));

	w->attempt = with_keys(attempt_keys);
	w->item = with_keys(item_keys);
	w->answer = with_keys(answer_keys);
	w->score = with_keys(score_keys);
	return w;
}

void record_writer_free(struct record_writer *w)
{
	size_t i;

	if (!w)
		return;
	for (i = 0; i < RAW_SLOTS; i++) {
		free(w->raw[i].text);
		json_decref(w->raw[i].value);
	}
	json_decref(w->attempt);
	json_decref(w->item);
	json_decref(w->answer);
	json_decref(w->score);
	strbuf_release(&w->element);
	free(w);
}

/* Sets a field to v, taking its reference; NULL (a string jansson refused
 * as not UTF-8, a number that is not finite) writes null. */
static void set(json_t *o, const char *key, json_t *v)
{
	json_object_set_new(o, key, v ? v : json_null());
}

/* Fields whose value is ours alone are changed in place. */
static void set_str(json_t *o, const char *key, const char *s)
{
	json_t *old = json_object_get(o, key);

	if (s && json_is_string(old) && json_string_set(old, s) == 0)
		return;
	set(o, key, s ? json_string(s) : NULL);
}

static void set_int(json_t *o, const char *key, bool has, long long v)
{
	json_t *old = json_object_get(o, key);

	if (has && json_is_integer(old))
		json_integer_set(old, (json_int_t)v);
	else
		set(o, key, has ? json_integer((json_int_t)v) : NULL);
}

static void set_real(json_t *o, const char *key, bool has, double v)
{
	json_t *old = json_object_get(o, key);

	if (has && json_is_real(old) && json_real_set(old, v) == 0)
		return;
	set(o, key, has ? json_real(v) : NULL);
}

/* A time, or null when has is false; every time is a time, the epoch's
 * first second too. */
static void set_time(json_t *o, const char *key, bool has, int64_t t)
{
	char buf[32];

	if (has)
		iso_time(t, buf);
	set_str(o, key, has ? buf : NULL);
}

static void set_tristate(json_t *o, const char *key, int v)
{
	set(o, key, v < 0 ? NULL : json_boolean(v));
}

/* A stored JSON text as a JSON value again (a new reference, shared with
 * the table, never changed); null when absent or broken. */
static json_t *raw_value(struct record_writer *w, const char *text)
{
	struct raw_slot *slot;
	json_t *v;

	if (!text)
		return json_null();
	slot = &w->raw[str_hash(text) & (RAW_SLOTS - 1)];
	if (slot->text && strcmp(slot->text, text) == 0)
		return json_incref(slot->value);
	v = json_loads(text, JSON_DECODE_ANY, NULL);
	if (!v)
		return json_null();
	free(slot->text);
	json_decref(slot->value);
	slot->text = xstrdup(text);
	slot->value = json_incref(v);
	return v;
}

static void fill_item(struct record_writer *w, const struct record *r, size_t i)
{
	const struct record_item *x = &r->items[i];

	set_int(w->item, "position", true, x->position);
	set_str(w->item, "item", x->item);
	set(w->item, "choices", raw_value(w, x->choices));
}

static void fill_answer(struct record_writer *w, const struct record *r,
			size_t i)
{
	const struct record_answer *x = &r->answers[i];
	json_t *o = w->answer;

	set_int(o, "position", true, x->position);
	set_str(o, "item", x->item);
	set_str(o, "competency", x->competency);
	set_str(o, "outcome", x->outcome);
	set(o, "response", raw_value(w, x->response));
	set_real(o, "credit", x->has_points, x->credit);
	set_real(o, "earned", x->has_points, x->earned);
	set_real(o, "possible", x->has_points, x->possible);
	set_int(o, "keyed", x->has_keyed, x->keyed);
	set_time(o, "answered", true, x->answered_at);
	set_real(o, "seconds", true, x->seconds);
}

static void fill_score(struct record_writer *w, const struct record *r,
		       size_t i)
{
	const struct record_score *x = &r->scores[i];
	json_t *o = w->score;

	set_str(o, "competency", x->competency);
	set(o, "scored", json_boolean(x->scored));
	set_real(o, "score", x->scored, x->score);
	set_real(o, "earned", true, x->earned);
	set_real(o, "possible", true, x->possible);
	set_int(o, "answered", true, x->answered);
	set_int(o, "total", true, x->total);
}

/* jansson hands its text over a token at a time, tens of millions of
 * pieces in a big export: the buffer grows only when one does not fit. */
static int dump_to(const char *buf, size_t size, void *data)
{
	struct strbuf *sb = data;

	if (sb->len + size + 1 > sb->cap)
		strbuf_add(sb, buf, size);
	else {
		if (size == 1) /* a quote, a comma, a brace: most pieces */
			sb->buf[sb->len] = *buf;
		else
			memcpy(sb->buf + sb->len, buf, size);
		sb->buf[sb->len += size] = '\0';
	}
	return 0;
}

/* ,\n  "key": [...] as the attempt's dump would have it: each element
 * filled into o, dumped, and its lines indented two levels. */
static void put_list(struct record_writer *w, const struct record *r,
		     struct strbuf *sb, const char *key, json_t *o, size_t n,
		     void (*fill)(struct record_writer *, const struct record *,
				  size_t))
{
	size_t i;

	strbuf_addf(sb, ",\n  \"%s\": [", key);
	for (i = 0; i < n; i++) {
		const char *p, *end, *nl;

		fill(w, r, i);
		strbuf_reset(&w->element);
		json_dump_callback(o, dump_to, &w->element, DUMP_FLAGS);
		strbuf_adds(sb, i ? ",\n    " : "\n    ");
		p = strbuf_str(&w->element);
		end = p + w->element.len;
		while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
			strbuf_add(sb, p, (size_t)(nl - p) + 1);
			strbuf_add(sb, "    ", 4);
			p = nl + 1;
		}
		strbuf_add(sb, p, (size_t)(end - p));
	}
	strbuf_adds(sb, n ? "\n  ]" : "]");
}

char *record_writer_json(struct record_writer *w, const struct record *r)
{
	struct strbuf sb = { 0 };
	json_t *o = w->attempt;

	set_str(o, "uuid", r->uuid);
	set_str(o, "user", r->user);
	set_str(o, "course", r->course);
	set_str(o, "kind", r->kind);
	set_str(o, "item", r->item);
	set_str(o, "status", r->status);
	set_time(o, "started", true, r->started);
	set_time(o, "finished", record_is_finished(r), r->finished);
	set_str(o, "seed", r->seed);
	set_str(o, "fingerprint", r->fingerprint);
	set_str(o, "meeting", r->meeting);
	set_int(o, "total", true, r->total);
	set_real(o, "score", r->scored, r->score);
	set_str(o, "band", r->band);
	set_tristate(o, "passed", r->passed);
	set_tristate(o, "straight_lining", r->straight);
	json_dump_callback(o, dump_to, &sb, DUMP_FLAGS);
	/* the lists go in before the closing "\n}" of the fields' dump */
	if (sb.len >= 2 && strcmp(sb.buf + sb.len - 2, "\n}") == 0)
		sb.buf[sb.len -= 2] = '\0';
	put_list(w, r, &sb, "plan", w->item, r->n_items, fill_item);
	put_list(w, r, &sb, "answers", w->answer, r->n_answers, fill_answer);
	put_list(w, r, &sb, "scores", w->score, r->n_scores, fill_score);
	strbuf_adds(&sb, "\n}");
	return strbuf_detach(&sb);
}

char *record_to_json(const struct record *r)
{
	struct record_writer *w = record_writer_new();
	char *json = record_writer_json(w, r);

	record_writer_free(w);
	return json;
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

/* Whether s is all one number, as "-2" or "0.5" or "1e-3": a spreadsheet
 * reads it as that number, never as a formula. */
static bool is_number(const char *s)
{
	char *end;

	if (!*s || isspace((unsigned char)*s))
		return false;
	(void)strtod(s, &end);
	return *end == '\0';
}

/* Whether a spreadsheet would take s for a formula (OWASP, "CSV
 * Injection"): it starts, after any spaces, with = + - @, a tab or a
 * carriage return, or their full-width forms, and is not simply a
 * number. */
static bool formula_like(const char *s)
{
	static const char *const wide[] = { "\xEF\xBC\x9D", "\xEF\xBC\x8B",
					    "\xEF\xBC\x8D", "\xEF\xBC\xA0" };
	size_t i;

	if (is_number(s))
		return false;
	while (*s == ' ')
		s++;
	if (*s && strchr("=+-@\t\r", *s))
		return true;
	for (i = 0; i < RP_ARRAY_LEN(wide); i++)
		if (strncmp(s, wide[i], 3) == 0)
			return true;
	return false;
}

/* One field: quoted when it holds a comma, a quote or a line break, with
 * quotes doubled (RFC 4180). A field a spreadsheet would run as a
 * formula gets a single quote in front, which spreadsheets read as "this
 * is text" and do not show, and is quoted. */
static void csv_field(struct strbuf *sb, const char *s, bool last)
{
	bool formula = s && formula_like(s);
	const char *p;

	if (s && (formula || strpbrk(s, ",\"\r\n"))) {
		strbuf_addc(sb, '"');
		if (formula)
			strbuf_addc(sb, '\'');
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
	if (record_is_finished(r))
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
		strbuf_addf(out, "%.3f\r\n",
			    x->seconds); /* to the millisecond */
	}
}
