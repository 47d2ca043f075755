/* SPDX-License-Identifier: GPL-3.0-or-later */
/* record_json.c - attempts written as JSON (the export file and merges),
 * and the export file's envelope around them; record_read.c reads them
 * back. */
#include "record.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

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
	"uuid",	   "user",    "course",		 "kind",  "item",
	"status",  "started", "finished",	 "seed",  "fingerprint",
	"meeting", "team",    "facilitator",	 "total", "score",
	"band",	   "passed",  "straight_lining", NULL
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
	set_time(o, "answered", true, x->answered_ms);
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
	set_time(o, "started", true, r->started_ms);
	set_time(o, "finished", record_is_finished(r), r->finished_ms);
	set_str(o, "seed", r->seed);
	set_str(o, "fingerprint", r->fingerprint);
	set_str(o, "meeting", r->meeting);
	set_str(o, "team", r->team);
	set_str(o, "facilitator", r->facilitator);
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

/* ---- the export file ---- */

char *record_export_head(const char *course_json, int64_t now,
			 const char *generator)
{
	char stamp[32];

	iso_time(now, stamp);
	return xasprintf("{\n  \"format\": \"" RECORD_FORMAT "\",\n"
			 "  \"generator\": \"%s\",\n"
			 "  \"exported\": \"%s\",\n  \"course\": %s,\n"
			 "  \"attempts\": [",
			 generator, stamp, course_json);
}

char *record_export_attempt(size_t index, const char *json)
{
	static const char margin[] = "    ";
	struct strbuf sb = { 0 };
	const char *p, *nl;

	strbuf_adds(&sb, index ? ",\n" : "\n");
	for (p = json;; p = nl + 1) {
		nl = strchr(p, '\n');
		strbuf_adds(&sb, margin);
		if (!nl) {
			strbuf_adds(&sb, p);
			break;
		}
		strbuf_add(&sb, p, (size_t)(nl - p) + 1);
	}
	return strbuf_detach(&sb);
}

const char *record_export_tail(size_t attempts)
{
	return attempts ? "\n  ]\n}\n" : "]\n}\n";
}
