/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store/users.c - the store: the people with results. */
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

/* ---- users ---- */

int store_user(struct store *s, const char *name, int64_t now, int64_t *id,
	       char **err)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;

	if (sq_begin(s, err) != 0)
		return -1;
	st = sq_prepare(s,
			"INSERT OR IGNORE INTO users (name, created) "
			"VALUES (?1, ?2)",
			err);
	if (!st)
		goto out;
	sq_bind_text(st, 1, name);
	sqlite3_bind_int64(st, 2, now);
	if (sq_step_done(s, st, err, "cannot add the user") != 0)
		goto out;
	sqlite3_finalize(st);
	st = sq_prepare(s, "SELECT id FROM users WHERE name = ?1", err);
	if (!st)
		goto out;
	sq_bind_text(st, 1, name);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sq_fail(s, err, "cannot find the user");
		goto out;
	}
	*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	rc = sq_commit(s, err);
out:
	sqlite3_finalize(st);
	if (rc != 0)
		sq_rollback(s);
	return rc;
}

int store_find_user(struct store *s, const char *name, int64_t *id, char **err)
{
	sqlite3_stmt *st =
		sq_prepare(s, "SELECT id FROM users WHERE name = ?1", err);
	int rc;

	*id = -1;
	if (!st)
		return -1;
	sq_bind_text(st, 1, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return sq_fail(s, err, "cannot look the user up");
}

static void read_user(sqlite3_stmt *st, void *row)
{
	struct user_row *u = row;

	u->name = sq_column_text(st, 0);
	u->attempts = (size_t)sqlite3_column_int64(st, 1);
	u->last = sqlite3_column_int64(st, 2);
}

int store_users(struct store *s, struct user_row **rows, size_t *n, char **err)
{
	sqlite3_stmt *st = sq_prepare(
		s,
		"SELECT u.name,"
		" (SELECT count(*) FROM attempts a WHERE a.user_id = u.id"
		"  AND a.status = 'finished'),"
		" (SELECT max(coalesce(a.finished, a.started)) FROM attempts a"
		"  WHERE a.user_id = u.id)"
		" FROM users u ORDER BY u.name",
		err);
	void *v;
	int rc;

	*rows = NULL;
	*n = 0;
	if (!st)
		return -1;
	rc = sq_read_rows(s, st, sizeof(**rows), read_user, &v, n, err,
			  "cannot list the users");
	*rows = v;
	return rc;
}

void store_free_users(struct user_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(rows[i].name);
	free(rows);
}
