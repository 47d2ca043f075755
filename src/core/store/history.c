/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store/history.c - the store: history and progress, and the lessons read. */
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

/* ---- history and progress ---- */

static void read_history(sqlite3_stmt *st, void *row)
{
	struct history_row *h = row;

	snprintf(h->uuid, sizeof(h->uuid), "%s",
		 (const char *)sqlite3_column_text(st, 0));
	h->kind = sq_column_text(st, 1);
	h->item = sq_column_text(st, 2);
	h->started = sqlite3_column_int64(st, 3);
	h->finished = sqlite3_column_int64(st, 4);
	h->status = sq_column_text(st, 5);
	h->scored = sqlite3_column_type(st, 6) != SQLITE_NULL;
	h->score = sqlite3_column_double(st, 6);
	h->band = sq_column_text(st, 7);
	h->passed = sqlite3_column_int(st, 8) != 0;
	h->total = (size_t)sqlite3_column_int64(st, 9);
	h->answered = (size_t)sqlite3_column_int64(st, 10);
}

int store_history(struct store *s, int64_t user, const char *course,
		  struct history_row **rows, size_t *n, char **err)
{
	sqlite3_stmt *st = sq_prepare(
		s,
		"SELECT a.uuid, a.kind, a.item, a.started, a.finished, "
		"a.status,"
		" a.score, a.band, a.passed, a.total,"
		" (SELECT count(DISTINCT position) FROM answers"
		"  WHERE attempt_id = a.id)"
		" FROM attempts a WHERE a.user_id = ?1 AND a.course = ?2"
		" ORDER BY a.started, a.id",
		err);
	void *v;
	int rc;

	*rows = NULL;
	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, user);
	sq_bind_text(st, 2, course);
	rc = sq_read_rows(s, st, sizeof(**rows), read_history, &v, n, err,
			  "cannot read the history");
	*rows = v;
	return rc;
}

void store_free_history(struct history_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rows[i].kind);
		free(rows[i].item);
		free(rows[i].status);
		free(rows[i].band);
	}
	free(rows);
}

static void read_score_point(sqlite3_stmt *st, void *row)
{
	struct score_point *v = row;

	v->kind = sq_column_text(st, 0);
	v->item = sq_column_text(st, 1);
	v->finished = sqlite3_column_int64(st, 2);
	v->scored = sqlite3_column_int(st, 3) != 0;
	v->score = sqlite3_column_double(st, 4);
}

int store_competency_scores(struct store *s, int64_t user, const char *course,
			    const char *competency, struct score_point **rows,
			    size_t *n, char **err)
{
	sqlite3_stmt *st = sq_prepare(
		s,
		"SELECT a.kind, a.item, a.finished, c.scored, c.score"
		" FROM attempt_scores c JOIN attempts a ON a.id = c.attempt_id"
		" WHERE a.user_id = ?1 AND a.course = ?2 AND c.competency = ?3"
		" AND a.status = 'finished' AND a.kind != 'review'"
		" ORDER BY a.finished, a.id",
		err);
	void *v;
	int rc;

	*rows = NULL;
	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, user);
	sq_bind_text(st, 2, course);
	sq_bind_text(st, 3, competency);
	rc = sq_read_rows(s, st, sizeof(**rows), read_score_point, &v, n, err,
			  "cannot read the scores");
	*rows = v;
	return rc;
}

void store_free_points(struct score_point *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rows[i].kind);
		free(rows[i].item);
	}
	free(rows);
}

int store_best_score(struct store *s, int64_t user, const char *course,
		     const char *kind, const char *item, double *best,
		     char **err)
{
	sqlite3_stmt *st =
		sq_prepare(s,
			   "SELECT max(score) FROM attempts WHERE user_id = ?1"
			   " AND course = ?2 AND kind = ?3 AND item = ?4"
			   " AND status = 'finished' AND score IS NOT NULL",
			   err);
	int rc, found = 0;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, user);
	sq_bind_text(st, 2, course);
	sq_bind_text(st, 3, kind);
	sq_bind_text(st, 4, item);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		*best = sqlite3_column_double(st, 0);
		found = 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return sq_fail(s, err, "cannot read the best score");
	return found;
}

/* ---- lessons read ---- */

int store_read(struct store *s, int64_t user, const char *course,
	       const char *lesson, int64_t now, char **err)
{
	return sq_write_one(s, err, "cannot record the reading",
			    "INSERT INTO lesson_reads (user_id, course, lesson,"
			    " read_at) VALUES (?1, ?2, ?3, ?4)",
			    "itti", user, course, lesson, now);
}

int store_has_read(struct store *s, int64_t user, const char *course,
		   const char *lesson, char **err)
{
	sqlite3_stmt *st = sq_prepare(
		s,
		"SELECT 1 FROM lesson_reads WHERE user_id = ?1 AND course = ?2"
		" AND lesson = ?3 LIMIT 1",
		err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, user);
	sq_bind_text(st, 2, course);
	sq_bind_text(st, 3, lesson);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return sq_fail(s, err, "cannot read the reading list");
}
