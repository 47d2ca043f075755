/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store/attempts.c - the store: attempts: begun, answered one answer at a time,
 * finished, resumed, held by one process. */
#include "../store.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdarg.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "../engine.h"
#include "../model.h"
#include "../record.h"
#include "../review.h"
#include "../util.h"
#include "store_int.h"

/* ---- attempts ---- */

static const char *run_item_id(const struct run *r)
{
	switch (r->kind) {
	case RUN_QUIZ:
		return r->quiz->item.id;
	case RUN_ASSESSMENT:
		return r->assessment->item.id;
	case RUN_EXERCISE:
		return r->exercise->item.id;
	default:
		return "review";
	}
}

/* The id of what is asked at item it. */
static const char *item_id(const struct run_item *it)
{
	return it->question ? it->question->item.id : it->statement->item.id;
}

/* The shown order of an item's options as a JSON array of ids; NULL for
 * statements and short answers. Caller frees. */
static char *choices_json(const struct run_item *it)
{
	json_t *a;
	char *out;
	size_t i;

	if (!it->question || it->n_order == 0)
		return NULL;
	a = json_array();
	for (i = 0; i < it->n_order; i++)
		json_array_append_new(
			a, json_string(it->question->choices[it->order[i]].id));
	out = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	return out;
}

int store_begin(struct store *s, const struct attempt_key *k,
		const struct run *run, int64_t now, char uuid[37], char **err)
{
	sqlite3_stmt *st = NULL;
	char seed[32];
	int64_t id;
	size_t i;
	int rc = -1;

	store_uuid(uuid);
	snprintf(seed, sizeof(seed), "%llu", (unsigned long long)run->seed);
	if (sq_begin(s, err) != 0)
		return -1;
	st = sq_prepare(
		s,
		"INSERT INTO attempts (uuid, user_id, course, kind, "
		"item, fingerprint, seed, started, total, meeting, "
		"holder, held_since, team, facilitator) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?8, "
		"?12, ?13)",
		err);
	if (!st)
		goto out;
	sq_bind_text(st, 1, uuid);
	sqlite3_bind_int64(st, 2, k->user);
	sq_bind_text(st, 3, k->course);
	sq_bind_text(st, 4, run_kind_name(run->kind));
	sq_bind_text(st, 5, run_item_id(run));
	sq_bind_text(st, 6, k->fingerprint);
	sq_bind_text(st, 7, seed);
	sqlite3_bind_int64(st, 8, now);
	sqlite3_bind_int64(st, 9, (sqlite3_int64)run->n_items);
	sq_bind_text(st, 10, k->meeting);
	sq_bind_text(st, 11, k->holder);
	sq_bind_text(st, 12, k->team);
	sq_bind_text(st, 13, k->facilitator);
	if (sq_step_done(s, st, err, "cannot record the attempt") != 0)
		goto out;
	id = sqlite3_last_insert_rowid(s->db);
	sqlite3_finalize(st);
	st = sq_prepare(
		s,
		"INSERT INTO attempt_items (attempt_id, position, item, "
		"choices) VALUES (?1, ?2, ?3, ?4)",
		err);
	if (!st)
		goto out;
	for (i = 0; i < run->n_items; i++) {
		char *choices = choices_json(&run->items[i]);
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
		sq_bind_text(st, 3, item_id(&run->items[i]));
		sq_bind_text(st, 4, choices);
		free(choices);
		if (sq_step_done(s, st, err, "cannot record the plan") != 0)
			goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	rc = sq_commit(s, err);
out:
	sqlite3_finalize(st);
	if (rc != 0)
		sq_rollback(s);
	return rc;
}

/* The response at it as JSON: option ids, a text or a value; NULL for a
 * skip. Caller frees. */
static char *response_json(const struct run_item *it)
{
	json_t *v;
	char *out;
	size_t i;

	if (it->outcome == OUTCOME_SKIPPED || it->outcome == OUTCOME_PENDING)
		return NULL;
	if (it->statement) {
		v = json_integer(it->response.value);
	} else if (it->response.text) {
		v = json_string(it->response.text);
	} else {
		v = json_array();
		for (i = 0; i < it->response.n_picks; i++)
			json_array_append_new(
				v,
				json_string(
					it->question
						->choices[it->response.picks[i]]
						.id));
	}
	out = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	json_decref(v);
	return out;
}

/* Why an attempt refused a write: it is not open any more, or another
 * process holds it now. Sets *err; returns -1. */
static int refused(struct store *s, const char *uuid, const char *holder,
		   char **err)
{
	sqlite3_stmt *st = sq_prepare(s,
				      "SELECT status, holder FROM attempts"
				      " WHERE uuid = ?1",
				      err);
	const char *status, *h;

	if (!st)
		return -1;
	sq_bind_text(st, 1, uuid);
	if (sqlite3_step(st) != SQLITE_ROW) {
		*err = xasprintf("the attempt %s is not in the database", uuid);
	} else {
		status = (const char *)sqlite3_column_text(st, 0);
		h = (const char *)sqlite3_column_text(st, 1);
		if (status && strcmp(status, "open") != 0)
			*err = xasprintf("the attempt is %s already", status);
		else if (h && (!holder || strcmp(h, holder) != 0)) {
			*err = xstrdup("another rapport has taken the attempt "
				       "over");
			sqlite3_finalize(st);
			return STORE_TAKEN;
		} else
			*err = xasprintf("the attempt %s is not open", uuid);
	}
	sqlite3_finalize(st);
	return -1;
}

int store_answer(struct store *s, const char *uuid, const char *holder,
		 const struct run *run, size_t pos, int64_t now, double seconds,
		 const struct review_move *review, char **err)
{
	const struct run_item *it = &run->items[pos];
	const struct ref *comp = it->question ? &it->question->competency
					      : &it->statement->competency;
	char *response = response_json(it);
	sqlite3_stmt *st = NULL;
	int rc = -1;

	if (sq_begin(s, err) != 0) {
		free(response);
		return -1;
	}
	st = sq_prepare(
		s,
		"INSERT INTO answers (attempt_id, position, item, "
		"competency, outcome, response, credit, earned, "
		"possible, keyed, answered_at, seconds) "
		"SELECT id, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12"
		" FROM attempts WHERE uuid = ?1 AND status = 'open'"
		" AND holder IS ?13",
		err);
	if (!st)
		goto out;
	sq_bind_text(st, 1, uuid);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)pos);
	sq_bind_text(st, 3, item_id(it));
	sq_bind_text(st, 4, comp->id);
	sq_bind_text(st, 5, outcome_name(it->outcome));
	sq_bind_text(st, 6, response);
	if (it->statement) {
		sqlite3_bind_null(st, 7);
		sqlite3_bind_null(st, 8);
		sqlite3_bind_null(st, 9);
		if (it->outcome == OUTCOME_ANSWERED)
			sqlite3_bind_int(st, 10, it->keyed);
		else
			sqlite3_bind_null(st, 10);
	} else {
		sqlite3_bind_double(st, 7, it->credit);
		sqlite3_bind_double(st, 8, it->earned);
		sqlite3_bind_double(st, 9, it->possible);
		sqlite3_bind_null(st, 10);
	}
	sqlite3_bind_int64(st, 11, now);
	sqlite3_bind_double(st, 12, seconds);
	sq_bind_text(st, 13, holder);
	if (sq_step_done(s, st, err, "cannot save the answer") != 0)
		goto out;
	if (sqlite3_changes(s->db) != 1) {
		rc = refused(s, uuid, holder, err);
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (review && sq_review_move(s, review, err) != 0)
		goto out;
	rc = sq_commit(s, err);
out:
	sqlite3_finalize(st);
	free(response);
	if (rc != 0)
		sq_rollback(s);
	return rc;
}

int store_finish(struct store *s, const char *uuid, const char *holder,
		 const struct run *run, const struct result *res, int64_t now,
		 char **err)
{
	sqlite3_stmt *st = NULL;
	size_t i;
	int rc = -1;

	(void)run;
	if (sq_begin(s, err) != 0)
		return -1;
	st = sq_prepare(
		s,
		"UPDATE attempts SET status = 'finished', finished = ?2,"
		" score = ?3, band = ?4, passed = ?5,"
		" straight_lining = ?6, holder = NULL"
		" WHERE uuid = ?1 AND status = 'open' AND holder IS ?7",
		err);
	if (!st)
		goto out;
	sq_bind_text(st, 1, uuid);
	sqlite3_bind_int64(st, 2, now);
	if (res->scored)
		sqlite3_bind_double(st, 3, res->score);
	else
		sqlite3_bind_null(st, 3);
	sq_bind_text(st, 4, res->band ? res->band->label : NULL);
	if (res->kind == RUN_QUIZ)
		sqlite3_bind_int(st, 5, res->passed);
	else
		sqlite3_bind_null(st, 5);
	if (res->kind == RUN_ASSESSMENT)
		sqlite3_bind_int(st, 6, res->straight_lining);
	else
		sqlite3_bind_null(st, 6);
	sq_bind_text(st, 7, holder);
	if (sq_step_done(s, st, err, "cannot finish the attempt") != 0)
		goto out;
	if (sqlite3_changes(s->db) != 1) {
		rc = refused(s, uuid, holder, err);
		goto out;
	}
	sqlite3_finalize(st);
	st = sq_prepare(s,
			"INSERT INTO attempt_scores (attempt_id, competency,"
			" scored, score, earned, possible, answered, total)"
			" SELECT id, ?2, ?3, ?4, ?5, ?6, ?7, ?8 FROM attempts"
			" WHERE uuid = ?1",
			err);
	if (!st)
		goto out;
	for (i = 0; i < res->n_comps; i++) {
		const struct comp_score *c = &res->comps[i];
		sqlite3_reset(st);
		sq_bind_text(st, 1, uuid);
		sq_bind_text(st, 2, c->competency->item.id);
		sqlite3_bind_int(st, 3, c->scored);
		if (c->scored)
			sqlite3_bind_double(st, 4, c->score);
		else
			sqlite3_bind_null(st, 4);
		sqlite3_bind_double(st, 5, c->earned);
		sqlite3_bind_double(st, 6, c->possible);
		sqlite3_bind_int64(st, 7, (sqlite3_int64)c->answered);
		sqlite3_bind_int64(st, 8, (sqlite3_int64)c->total);
		if (sq_step_done(s, st, err, "cannot save the scores") != 0)
			goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	rc = sq_commit(s, err);
out:
	sqlite3_finalize(st);
	if (rc != 0)
		sq_rollback(s);
	return rc;
}

int store_abandon(struct store *s, const char *uuid, const char *holder,
		  char **err)
{
	if (sq_write_one(
		    s, err, "cannot set the attempt aside",
		    "UPDATE attempts SET status = 'abandoned', holder = NULL"
		    " WHERE uuid = ?1 AND status = 'open' AND holder IS ?2",
		    "tt", uuid, holder) != 0)
		return -1;
	return sqlite3_changes(s->db) == 1 ? 0 : refused(s, uuid, holder, err);
}

int store_claim(struct store *s, const char *uuid, const char *holder,
		const char *expect, int64_t now, char **err)
{
	if (sq_write_one(
		    s, err, "cannot take the attempt",
		    "UPDATE attempts SET holder = ?2, held_since = ?4"
		    " WHERE uuid = ?1 AND status = 'open' AND holder IS ?3",
		    "ttti", uuid, holder, expect, now) != 0)
		return -1;
	return sqlite3_changes(s->db) == 1 ? 0 : 1;
}

int store_let_go(struct store *s, const char *uuid, const char *holder,
		 char **err)
{
	return sq_write_one(s, err, "cannot let the attempt go",
			    "UPDATE attempts SET holder = NULL"
			    " WHERE uuid = ?1 AND holder = ?2",
			    "tt", uuid, holder);
}

int store_unfinished(struct store *s, int64_t user, const char *course,
		     const char *kind, const char *item,
		     struct stored_attempt *out, char **err)
{
	sqlite3_stmt *st = sq_prepare(
		s,
		"SELECT a.uuid, a.kind, a.item, a.fingerprint, a.seed,"
		" a.started, a.total,"
		" (SELECT count(DISTINCT position) FROM answers"
		"  WHERE attempt_id = a.id),"
		" (SELECT coalesce(sum(seconds), 0) FROM answers"
		"  WHERE attempt_id = a.id),"
		" a.holder, a.held_since"
		" FROM attempts a WHERE a.user_id = ?1 AND a.course = ?2"
		" AND a.status = 'open' AND a.kind != 'review'"
		" AND (?3 IS NULL OR a.kind = ?3) AND (?4 IS NULL OR a.item = "
		"?4)"
		" ORDER BY a.started DESC, a.id DESC LIMIT 1",
		err);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, user);
	sq_bind_text(st, 2, course);
	sq_bind_text(st, 3, kind);
	sq_bind_text(st, 4, item);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *u = (const char *)sqlite3_column_text(st, 0);
		char *seed;
		snprintf(out->uuid, sizeof(out->uuid), "%s", u ? u : "");
		out->kind = sq_column_text(st, 1);
		out->item = sq_column_text(st, 2);
		out->fingerprint = sq_column_text(st, 3);
		seed = sq_column_text(st, 4);
		out->seed = seed ? strtoull(seed, NULL, 10) : 0;
		free(seed);
		out->started = sqlite3_column_int64(st, 5);
		out->total = (size_t)sqlite3_column_int64(st, 6);
		out->answered = (size_t)sqlite3_column_int64(st, 7);
		out->seconds = sqlite3_column_double(st, 8);
		out->holder = sq_column_text(st, 9);
		out->held_since = sqlite3_column_int64(st, 10);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return sq_fail(s, err, "cannot look for an unfinished attempt");
}

/* Reads a JSON array of strings into a new array; NULL for none. */
static char **strings_from_json(const char *text, size_t *n)
{
	json_t *a = text ? json_loads(text, JSON_DECODE_ANY, NULL) : NULL;
	char **v = NULL;
	size_t i, k = 0;

	*n = 0;
	if (!a || !json_is_array(a)) {
		json_decref(a);
		return NULL;
	}
	v = xcalloc(json_array_size(a) + 1, sizeof(char *));
	for (i = 0; i < json_array_size(a); i++) {
		const char *s = json_string_value(json_array_get(a, i));
		if (s)
			v[k++] = xstrdup(s);
	}
	json_decref(a);
	*n = k;
	return v;
}

static void free_strings(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void stored_item_release(struct stored_item *it)
{
	free(it->item);
	free_strings(it->choices, it->n_choices);
	free_strings(it->picks, it->n_picks);
	free(it->text);
	memset(it, 0, sizeof(*it));
}

/* Puts the latest answer's response into it. */
static void take_response(struct stored_item *it, const char *outcome,
			  const char *response)
{
	json_t *v;

	free_strings(it->picks, it->n_picks);
	free(it->text);
	it->picks = NULL;
	it->n_picks = 0;
	it->text = NULL;
	it->answered = true;
	it->skipped = strcmp(outcome, "skipped") == 0;
	if (it->skipped || !response)
		return;
	v = json_loads(response, JSON_DECODE_ANY, NULL);
	if (json_is_integer(v))
		it->value = (int)json_integer_value(v);
	else if (json_is_string(v))
		it->text = xstrdup(json_string_value(v));
	else if (json_is_array(v))
		it->picks = strings_from_json(response, &it->n_picks);
	json_decref(v);
}

int store_load_plan(struct store *s, struct stored_attempt *out, char **err)
{
	sqlite3_stmt *st = sq_prepare(
		s,
		"SELECT i.position, i.item, i.choices FROM attempt_items i"
		" JOIN attempts a ON a.id = i.attempt_id WHERE a.uuid = ?1"
		" ORDER BY i.position",
		err);
	size_t cap = 0;
	int rc;

	if (!st)
		return -1;
	sq_bind_text(st, 1, out->uuid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		void *p = out->items;
		struct stored_item *it;
		xgrow(&p, &cap, out->n_items + 1, sizeof(*out->items));
		out->items = p;
		it = &out->items[out->n_items++];
		memset(it, 0, sizeof(*it));
		it->item = sq_column_text(st, 1);
		it->choices = strings_from_json(
			(const char *)sqlite3_column_text(st, 2),
			&it->n_choices);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, err, "cannot read the attempt's plan");
	st = sq_prepare(
		s,
		"SELECT r.position, r.outcome, r.response FROM answers r"
		" JOIN attempts a ON a.id = r.attempt_id WHERE a.uuid = ?1"
		" ORDER BY r.id",
		err);
	if (!st)
		return -1;
	sq_bind_text(st, 1, out->uuid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 pos = sqlite3_column_int64(st, 0);
		const char *outcome = (const char *)sqlite3_column_text(st, 1);
		if (pos >= 0 && (size_t)pos < out->n_items && outcome)
			take_response(&out->items[pos], outcome,
				      (const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, err, "cannot read the attempt's answers");
	return 0;
}

void store_attempt_release(struct stored_attempt *a)
{
	size_t i;

	for (i = 0; i < a->n_items; i++)
		stored_item_release(&a->items[i]);
	free(a->items);
	free(a->kind);
	free(a->item);
	free(a->fingerprint);
	free(a->holder);
	memset(a, 0, sizeof(*a));
}
