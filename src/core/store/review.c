/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store/review.c - the store: the review queue, and the onboarding path's
 * progress. */
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

/* ---- review ---- */

int store_review_missed(struct store *s, int64_t user, const char *course,
			const char *question, int64_t today, char **err)
{
	return store_review_result(s, user, course, question, false, today,
				   err);
}

/* Moves question in the review queue, inside the caller's transaction. */
int sq_review_move(struct store *s, const struct review_move *m, char **err)
{
	sqlite3_stmt *st = NULL;
	struct review_step step;
	int rc = -1, box = 0;

	st = sq_prepare(s,
			"SELECT box FROM review WHERE user_id = ?1"
			" AND course = ?2 AND question = ?3",
			err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, m->user);
	sq_bind_text(st, 2, m->course);
	sq_bind_text(st, 3, m->question);
	if (sqlite3_step(st) == SQLITE_ROW)
		box = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	step = review_next(box, m->right, m->today); /* the rule: review.c */
	if (step.stays)
		return 0;
	if (step.leaves) {
		st = sq_prepare(s,
				"DELETE FROM review WHERE user_id = ?1"
				" AND course = ?2 AND question = ?3",
				err);
	} else {
		st = sq_prepare(
			s,
			"INSERT INTO review (user_id, course, question,"
			" box, due_day, lapses, updated)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
			" ON CONFLICT (user_id, course, question) DO UPDATE"
			" SET box = excluded.box, due_day = excluded.due_day,"
			" lapses = lapses + excluded.lapses,"
			" updated = excluded.updated",
			err);
		if (st) {
			sqlite3_bind_int(st, 4, step.box);
			sqlite3_bind_int64(st, 5, step.due);
			sqlite3_bind_int(st, 6, step.lapse ? 1 : 0);
			sqlite3_bind_int64(st, 7, m->today);
		}
	}
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, m->user);
	sq_bind_text(st, 2, m->course);
	sq_bind_text(st, 3, m->question);
	rc = sq_step_done(s, st, err, "cannot update the review queue");
	sqlite3_finalize(st);
	return rc;
}

int store_review_result(struct store *s, int64_t user, const char *course,
			const char *question, bool right, int64_t today,
			char **err)
{
	const struct review_move m = { user, course, question, right, today };

	if (sq_begin(s, err) != 0)
		return -1;
	if (sq_review_move(s, &m, err) != 0 || sq_commit(s, err) != 0) {
		sq_rollback(s);
		return -1;
	}
	return 0;
}

static void read_review_row(sqlite3_stmt *st, void *row)
{
	struct review_row *r = row;

	r->question = sq_column_text(st, 0);
	r->box = sqlite3_column_int(st, 1);
	r->due = sqlite3_column_int64(st, 2);
}

int store_review_queue(struct store *s, int64_t user, const char *course,
		       bool due_only, int64_t today, struct review_row **rows,
		       size_t *n, char **err)
{
	sqlite3_stmt *st = sq_prepare(
		s,
		"SELECT question, box, due_day FROM review WHERE user_id = ?1"
		" AND course = ?2 AND (?3 = 0 OR due_day <= ?4)"
		" ORDER BY due_day, box, question",
		err);
	void *v;
	int rc;

	*rows = NULL;
	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, user);
	sq_bind_text(st, 2, course);
	sqlite3_bind_int(st, 3, due_only);
	sqlite3_bind_int64(st, 4, today);
	rc = sq_read_rows(s, st, sizeof(**rows), read_review_row, &v, n, err,
			  "cannot read the review queue");
	*rows = v;
	return rc;
}

void store_free_review(struct review_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(rows[i].question);
	free(rows);
}

/* ---- the path ---- */

int store_step_done(struct store *s, int64_t user, const char *course,
		    const char *path, const char *step, int64_t now, char **err)
{
	return sq_write_one(
		s, err, "cannot record the step",
		"INSERT OR IGNORE INTO path_progress (user_id, course,"
		" path, step, done_at) VALUES (?1, ?2, ?3, ?4, ?5)",
		"ittti", user, course, path, step, now);
}

int store_step_is_done(struct store *s, int64_t user, const char *course,
		       const char *path, const char *step, int64_t *when,
		       char **err)
{
	sqlite3_stmt *st = sq_prepare(
		s,
		"SELECT done_at FROM path_progress WHERE user_id = ?1"
		" AND course = ?2 AND path = ?3 AND step = ?4",
		err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, user);
	sq_bind_text(st, 2, course);
	sq_bind_text(st, 3, path);
	sq_bind_text(st, 4, step);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && when)
		*when = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return sq_fail(s, err, "cannot read the path");
}
