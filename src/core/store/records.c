/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store/records.c - the store: records: attempts read for exports and reports,
 * and merged in from other databases. */
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

/* ---- records: exports and merges ---- */

/* The statements that read an attempt's parts, prepared once and bound
 * again for each attempt. */
struct parts_reader {
	sqlite3_stmt *items, *answers, *scores;
};

static int parts_open(struct store *s, struct parts_reader *pr, char **err)
{
	memset(pr, 0, sizeof(*pr));
	pr->items =
		sq_prepare(s,
			   "SELECT position, item, choices FROM attempt_items"
			   " WHERE attempt_id = ?1 ORDER BY position",
			   err);
	if (pr->items)
		pr->answers = sq_prepare(
			s,
			"SELECT position, item, competency, outcome, response,"
			" credit, earned, possible, keyed, answered_at, seconds"
			" FROM answers WHERE attempt_id = ?1 ORDER BY "
			"position, id",
			err);
	if (pr->answers)
		pr->scores = sq_prepare(
			s,
			"SELECT competency, scored, score, earned, possible,"
			" answered, total FROM attempt_scores"
			" WHERE attempt_id = ?1 ORDER BY competency",
			err);
	return pr->scores ? 0 : -1;
}

static void parts_close(struct parts_reader *pr)
{
	sqlite3_finalize(pr->items);
	sqlite3_finalize(pr->answers);
	sqlite3_finalize(pr->scores);
}

/* Grows a record's array by one zeroed element and returns it. */
static void *push(void *arrayp, size_t *n, size_t *cap, size_t size)
{
	void **a = arrayp;
	char *slot;

	xgrow(a, cap, *n + 1, size);
	slot = (char *)*a + *n * size;
	memset(slot, 0, size);
	(*n)++;
	return slot;
}

static int read_parts(struct store *s, struct parts_reader *pr, int64_t id,
		      struct record *r, char **err)
{
	size_t cap_items = 0, cap_answers = 0, cap_scores = 0;
	sqlite3_stmt *st;
	int rc;

	st = pr->items;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct record_item *x =
			push(&r->items, &r->n_items, &cap_items, sizeof(*x));
		x->position = sqlite3_column_int64(st, 0);
		x->item = sq_column_text(st, 1);
		x->choices = sq_column_text(st, 2);
	}
	if (rc != SQLITE_DONE)
		return sq_fail(s, err, "cannot read an attempt's questions");
	st = pr->answers;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct record_answer *x = push(&r->answers, &r->n_answers,
					       &cap_answers, sizeof(*x));
		x->position = sqlite3_column_int64(st, 0);
		x->item = sq_column_text(st, 1);
		x->competency = sq_column_text(st, 2);
		x->outcome = sq_column_text(st, 3);
		x->response = sq_column_text(st, 4);
		x->has_points = sqlite3_column_type(st, 5) != SQLITE_NULL;
		x->credit = sqlite3_column_double(st, 5);
		x->earned = sqlite3_column_double(st, 6);
		x->possible = sqlite3_column_double(st, 7);
		x->has_keyed = sqlite3_column_type(st, 8) != SQLITE_NULL;
		x->keyed = sqlite3_column_int64(st, 8);
		x->answered_ms = sqlite3_column_int64(st, 9);
		x->seconds = sqlite3_column_double(st, 10);
	}
	if (rc != SQLITE_DONE)
		return sq_fail(s, err, "cannot read an attempt's answers");
	st = pr->scores;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct record_score *x =
			push(&r->scores, &r->n_scores, &cap_scores, sizeof(*x));
		x->competency = sq_column_text(st, 0);
		x->scored = sqlite3_column_int(st, 1) != 0;
		x->score = sqlite3_column_double(st, 2);
		x->earned = sqlite3_column_double(st, 3);
		x->possible = sqlite3_column_double(st, 4);
		x->answered = sqlite3_column_int64(st, 5);
		x->total = sqlite3_column_int64(st, 6);
	}
	if (rc != SQLITE_DONE)
		return sq_fail(s, err, "cannot read an attempt's scores");
	return 0;
}

/* The columns of an attempt, in the order read_head() takes them. */
#define RECORD_HEAD                                                            \
	"SELECT a.id, a.uuid, u.name, a.course, a.kind, a.item,"               \
	" a.fingerprint, a.seed, a.status, a.meeting, a.band, a.started,"      \
	" a.finished, a.total, a.score, a.passed, a.straight_lining,"          \
	" a.team, a.facilitator"                                               \
	" FROM attempts a JOIN users u ON u.id = a.user_id"

static int64_t read_head(sqlite3_stmt *st, struct record *r)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->uuid, sizeof(r->uuid), "%s",
		 (const char *)sqlite3_column_text(st, 1));
	r->user = sq_column_text(st, 2);
	r->course = sq_column_text(st, 3);
	r->kind = sq_column_text(st, 4);
	r->item = sq_column_text(st, 5);
	r->fingerprint = sq_column_text(st, 6);
	r->seed = sq_column_text(st, 7);
	r->status = sq_column_text(st, 8);
	r->meeting = sq_column_text(st, 9);
	r->team = sq_column_text(st, 17);
	r->facilitator = sq_column_text(st, 18);
	r->band = sq_column_text(st, 10);
	r->started_ms = sqlite3_column_int64(st, 11);
	r->finished_ms = sqlite3_column_int64(st, 12);
	r->total = sqlite3_column_int64(st, 13);
	r->scored = sqlite3_column_type(st, 14) != SQLITE_NULL;
	r->score = sqlite3_column_double(st, 14);
	r->passed = sqlite3_column_type(st, 15) == SQLITE_NULL
			    ? -1
			    : sqlite3_column_int(st, 15) != 0;
	r->straight = sqlite3_column_type(st, 16) == SQLITE_NULL
			      ? -1
			      : sqlite3_column_int(st, 16) != 0;
	return sqlite3_column_int64(st, 0);
}

int store_each_record(struct store *s, const struct record_filter *f,
		      int (*fn)(void *ctx, const struct record *r, char **err),
		      void *ctx, char **err)
{
	struct parts_reader pr = { 0 };
	sqlite3_stmt *st = NULL;
	int rc = -1, step;

	/* a read transaction: one snapshot however long fn takes */
	if (sq_exec(s, "BEGIN", err) != 0)
		return -1;
	st = sq_prepare(s,
			RECORD_HEAD
			" WHERE (?1 IS NULL OR a.course = ?1)"
			" AND (?2 IS NULL OR u.name = ?2) AND a.started >= ?3"
			" ORDER BY a.started, a.id",
			err);
	if (!st || parts_open(s, &pr, err) != 0)
		goto out;
	sq_bind_text(st, 1, f->course);
	sq_bind_text(st, 2, f->user);
	sqlite3_bind_int64(st, 3, f->since);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct record r;
		int64_t id = read_head(st, &r);
		int ok = read_parts(s, &pr, id, &r, err) == 0 &&
			 fn(ctx, &r, err) == 0;
		record_release(&r);
		if (!ok)
			goto out;
	}
	if (step != SQLITE_DONE) {
		sq_fail(s, err, "cannot read the attempts");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	parts_close(&pr);
	sq_rollback(s); /* ends the read transaction */
	return rc;
}

/* The statements a merge writes with, prepared once. */
struct merge_writer {
	sqlite3_stmt *find, *user, *user_id, *attempt, *item, *answer, *score;
};

static void writer_close(struct merge_writer *w)
{
	sqlite3_finalize(w->find);
	sqlite3_finalize(w->user);
	sqlite3_finalize(w->user_id);
	sqlite3_finalize(w->attempt);
	sqlite3_finalize(w->item);
	sqlite3_finalize(w->answer);
	sqlite3_finalize(w->score);
}

static int writer_open(struct store *s, struct merge_writer *w, char **err)
{
	memset(w, 0, sizeof(*w));
	if (!(w->find = sq_prepare(s, RECORD_HEAD " WHERE a.uuid = ?1", err)) ||
	    !(w->user = sq_prepare(s,
				   "INSERT OR IGNORE INTO users (name, created)"
				   " VALUES (?1, ?2)",
				   err)) ||
	    !(w->user_id = sq_prepare(s, "SELECT id FROM users WHERE name = ?1",
				      err)) ||
	    !(w->attempt = sq_prepare(
		      s,
		      "INSERT INTO attempts (uuid, user_id, course, kind, item,"
		      " fingerprint, seed, started, finished, status, total,"
		      " score, band, passed, straight_lining, meeting, team,"
		      " facilitator) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
		      " ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
		      err)) ||
	    !(w->item = sq_prepare(s,
				   "INSERT INTO attempt_items (attempt_id,"
				   " position, item, choices)"
				   " VALUES (?1, ?2, ?3, ?4)",
				   err)) ||
	    !(w->answer = sq_prepare(
		      s,
		      "INSERT INTO answers (attempt_id, position, item,"
		      " competency, outcome, response, credit, earned, "
		      "possible,"
		      " keyed, answered_at, seconds) VALUES (?1, ?2, "
		      "?3, ?4, ?5,"
		      " ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
		      err)) ||
	    !(w->score = sq_prepare(
		      s,
		      "INSERT INTO attempt_scores (attempt_id, competency,"
		      " scored, score, earned, possible, answered, total)"
		      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
		      err))) {
		writer_close(w);
		return -1;
	}
	return 0;
}

static void bind_real_or_null(sqlite3_stmt *st, int i, bool has, double v)
{
	if (has)
		sqlite3_bind_double(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

static void bind_tristate(sqlite3_stmt *st, int i, int v)
{
	if (v < 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int(st, i, v);
}

/* Runs a prepared statement again from the start. */
static int restep(struct store *s, sqlite3_stmt *st, char **err,
		  const char *what)
{
	int rc = sq_step_done(s, st, err, what);

	sqlite3_reset(st);
	return rc;
}

static int insert_record(struct store *s, struct merge_writer *w,
			 const struct record *r, char **err)
{
	int64_t user, id;
	size_t i;
	sqlite3_stmt *st;

	sq_bind_text(w->user, 1, r->user);
	sqlite3_bind_int64(w->user, 2, r->started_ms);
	if (restep(s, w->user, err, "cannot add the user") != 0)
		return -1;
	sq_bind_text(w->user_id, 1, r->user);
	if (sqlite3_step(w->user_id) != SQLITE_ROW) {
		sqlite3_reset(w->user_id);
		return sq_fail(s, err, "cannot find the user");
	}
	user = sqlite3_column_int64(w->user_id, 0);
	sqlite3_reset(w->user_id);

	st = w->attempt;
	sq_bind_text(st, 1, r->uuid);
	sqlite3_bind_int64(st, 2, user);
	sq_bind_text(st, 3, r->course);
	sq_bind_text(st, 4, r->kind);
	sq_bind_text(st, 5, r->item);
	sq_bind_text(st, 6, r->fingerprint);
	sq_bind_text(st, 7, r->seed);
	sqlite3_bind_int64(st, 8, r->started_ms);
	if (record_is_finished(r))
		sqlite3_bind_int64(st, 9, r->finished_ms);
	else
		sqlite3_bind_null(st, 9);
	sq_bind_text(st, 10, r->status);
	sqlite3_bind_int64(st, 11, r->total);
	bind_real_or_null(st, 12, r->scored, r->score);
	sq_bind_text(st, 13, r->band);
	bind_tristate(st, 14, r->passed);
	bind_tristate(st, 15, r->straight);
	sq_bind_text(st, 16, r->meeting);
	sq_bind_text(st, 17, r->team);
	sq_bind_text(st, 18, r->facilitator);
	if (restep(s, st, err, "cannot add the attempt") != 0)
		return -1;
	id = sqlite3_last_insert_rowid(s->db);

	for (i = 0; i < r->n_items; i++) {
		st = w->item;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, r->items[i].position);
		sq_bind_text(st, 3, r->items[i].item);
		sq_bind_text(st, 4, r->items[i].choices);
		if (restep(s, st, err, "cannot add the attempt's plan") != 0)
			return -1;
	}
	for (i = 0; i < r->n_answers; i++) {
		const struct record_answer *x = &r->answers[i];
		st = w->answer;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, x->position);
		sq_bind_text(st, 3, x->item);
		sq_bind_text(st, 4, x->competency);
		sq_bind_text(st, 5, x->outcome);
		sq_bind_text(st, 6, x->response);
		bind_real_or_null(st, 7, x->has_points, x->credit);
		bind_real_or_null(st, 8, x->has_points, x->earned);
		bind_real_or_null(st, 9, x->has_points, x->possible);
		if (x->has_keyed)
			sqlite3_bind_int64(st, 10, x->keyed);
		else
			sqlite3_bind_null(st, 10);
		sqlite3_bind_int64(st, 11, x->answered_ms);
		sqlite3_bind_double(st, 12, x->seconds);
		if (restep(s, st, err, "cannot add an answer") != 0)
			return -1;
	}
	for (i = 0; i < r->n_scores; i++) {
		const struct record_score *x = &r->scores[i];
		st = w->score;
		sqlite3_bind_int64(st, 1, id);
		sq_bind_text(st, 2, x->competency);
		sqlite3_bind_int(st, 3, x->scored);
		bind_real_or_null(st, 4, x->scored, x->score);
		sqlite3_bind_double(st, 5, x->earned);
		sqlite3_bind_double(st, 6, x->possible);
		sqlite3_bind_int64(st, 7, x->answered);
		sqlite3_bind_int64(st, 8, x->total);
		if (restep(s, st, err, "cannot add a score") != 0)
			return -1;
	}
	return 0;
}

/* Merges one record: 1 when a record with its id is already here (then
 * *outcome says whether it is the same), 0 when added, -1 on error. */
static int merge_one(struct store *s, struct merge_writer *w,
		     struct parts_reader *pr, const struct record *r,
		     enum merge_outcome *outcome, const char **why, char **err)
{
	struct record ours;
	int64_t id;
	int step, rc;

	*why = NULL;
	if (strcmp(r->status, "finished") != 0) {
		*outcome = MERGE_UNFINISHED;
		return 0;
	}
	sq_bind_text(w->find, 1, r->uuid);
	step = sqlite3_step(w->find);
	if (step == SQLITE_DONE) {
		sqlite3_reset(w->find);
		*outcome = MERGE_ADDED;
		return insert_record(s, w, r, err);
	}
	if (step != SQLITE_ROW) {
		sqlite3_reset(w->find);
		return sq_fail(s, err, "cannot look the attempt up");
	}
	id = read_head(w->find, &ours);
	sqlite3_reset(w->find);
	rc = read_parts(s, pr, id, &ours, err);
	if (rc == 0)
		*outcome = record_same(&ours, r, why) ? MERGE_SAME
						      : MERGE_CONFLICT;
	record_release(&ours);
	return rc;
}

struct store_merge {
	struct store *s;
	struct merge_writer w;
	struct parts_reader pr;
};

int store_merge_begin(struct store *s, struct store_merge **out, char **err)
{
	struct store_merge *m;

	*out = NULL;
	if (sq_begin(s, err) != 0)
		return -1;
	m = xcalloc(1, sizeof(*m));
	m->s = s;
	if (writer_open(s, &m->w, err) != 0) {
		free(m);
		sq_rollback(s);
		return -1;
	}
	if (parts_open(s, &m->pr, err) != 0) {
		writer_close(&m->w);
		free(m);
		sq_rollback(s);
		return -1;
	}
	*out = m;
	return 0;
}

int store_merge_add(struct store_merge *m, const struct record *r,
		    enum merge_outcome *outcome, const char **why, char **err)
{
	const char *w_why = NULL;
	int rc = merge_one(m->s, &m->w, &m->pr, r, outcome, &w_why, err);

	if (why)
		*why = w_why;
	return rc;
}

int store_merge_end(struct store_merge *m, bool keep, char **err)
{
	struct store *s;
	int rc = 0;

	if (!m)
		return 0;
	s = m->s;
	parts_close(&m->pr);
	writer_close(&m->w);
	free(m);
	if (keep)
		rc = sq_commit(s, err);
	if (!keep || rc != 0)
		sq_rollback(s);
	return rc;
}
