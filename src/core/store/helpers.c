/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store/helpers.c - the store: the errors and the small helpers every part of
 * the store shares. */
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

/* ---- errors and small helpers ---- */

/* The last error on db in words a learner can act on: a full disk, a
 * read-only file, a size limit, rather than SQLite's "disk I/O error"
 * alone. SQLite does not always keep the system's error number, so the
 * callers clear errno before a call and this reads what the failing
 * system call left there. Caller frees. */
char *sq_plain_error(sqlite3 *db)
{
	int sys = sqlite3_system_errno(db) ? sqlite3_system_errno(db) : errno;
	int code = sqlite3_extended_errcode(db) & 0xff;

	if (code == SQLITE_FULL)
		return xstrdup("the disk is full");
	if (sqlite3_extended_errcode(db) == SQLITE_READONLY_DBMOVED)
		return xstrdup("the database file was moved or deleted");
	if (code == SQLITE_READONLY)
		return xstrdup("the database is read-only");
	if (code != SQLITE_IOERR && code != SQLITE_CANTOPEN)
		return xstrdup(sqlite3_errmsg(db));
	switch (sys) {
	case ENOSPC:
		return xstrdup("the disk is full");
	case EDQUOT:
		return xstrdup("the disk quota is used up");
	case EFBIG:
		return xstrdup("the file size limit (ulimit -f) is reached");
	case EROFS:
		return xstrdup("the file system is read-only");
	case 0:
		return xstrdup(sqlite3_errmsg(db));
	default:
		return xasprintf("%s (%s)", sqlite3_errmsg(db), strerror(sys));
	}
}

int sq_fail(struct store *s, char **err, const char *what)
{
	if (err) {
		char *why = s && s->db ? sq_plain_error(s->db)
				       : xstrdup("no database");
		*err = xasprintf("%s: %s", what, why);
		free(why);
	}
	return -1;
}

int sq_exec(struct store *s, const char *sql, char **err)
{
	char *msg = NULL;

	errno = 0;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		if (err) {
			char *why = sq_plain_error(s->db);
			*err = xasprintf("the database refused '%.40s': %s",
					 sql, why);
			free(why);
		}
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* Starts or ends a write transaction; a failure says only why, as the
 * caller says what was not saved. */
int sq_begin_or_commit(struct store *s, const char *sql, char **err)
{
	errno = 0;
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		if (err)
			*err = sq_plain_error(s->db);
		return -1;
	}
	return 0;
}

/* Every write takes the write lock up front: a deferred transaction that
 * reads then writes can fail with SQLITE_BUSY however long it waits. */
int sq_begin(struct store *s, char **err)
{
	return sq_begin_or_commit(
		s, s->group ? "SAVEPOINT w" : "BEGIN IMMEDIATE", err);
}

int sq_commit(struct store *s, char **err)
{
	return sq_begin_or_commit(s, s->group ? "RELEASE w" : "COMMIT", err);
}

void sq_rollback(struct store *s)
{
	if (s->group)
		sqlite3_exec(s->db, "ROLLBACK TO w; RELEASE w", NULL, NULL,
			     NULL);
	else if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

int store_group_begin(struct store *s, char **err)
{
	if (s->group) {
		*err = xstrdup("a group of writes is open already");
		return -1;
	}
	if (sq_begin(s, err) != 0)
		return -1;
	s->group = true;
	return 0;
}

int store_group_commit(struct store *s, char **err)
{
	if (!s->group)
		return 0;
	s->group = false;
	if (sq_commit(s, err) != 0) {
		sq_rollback(s);
		return -1;
	}
	return 0;
}

sqlite3_stmt *sq_prepare(struct store *s, const char *sql, char **err)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		sq_fail(s, err, "cannot prepare a statement");
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

void sq_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

char *sq_column_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? xstrdup((const char *)t) : NULL;
}

/* Steps st (a query) to its end, each row read by read into a new zeroed
 * element of size bytes at the end of an array, and finalizes it. The
 * array and its length go to *rows and *n even after an error, for the
 * caller to free; what says what failed. */
int sq_read_rows(struct store *s, sqlite3_stmt *st, size_t size,
		 void (*read)(sqlite3_stmt *st, void *row), void **rows,
		 size_t *n, char **err, const char *what)
{
	char *v = NULL;
	size_t cap = 0, k = 0;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		void *p = v;
		xgrow(&p, &cap, k + 1, size);
		v = p;
		memset(v + k * size, 0, size);
		read(st, v + k * size);
		k++;
	}
	sqlite3_finalize(st);
	*rows = v;
	*n = k;
	if (rc != SQLITE_DONE)
		return sq_fail(s, err, what);
	return 0;
}

/* Runs a statement that returns no rows. */
int sq_step_done(struct store *s, sqlite3_stmt *st, char **err,
		 const char *what)
{
	errno = 0;
	if (sqlite3_step(st) != SQLITE_DONE)
		return sq_fail(s, err, what);
	return 0;
}

static int vwrite(struct store *s, char **err, const char *what,
		  const char *sql, const char *types, va_list ap)
{
	sqlite3_stmt *st = sq_prepare(s, sql, err);
	int i, rc;

	if (!st)
		return -1;
	for (i = 0; types[i]; i++) {
		if (types[i] == 'i')
			sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
		else
			sq_bind_text(st, i + 1, va_arg(ap, const char *));
	}
	rc = sq_step_done(s, st, err, what);
	sqlite3_finalize(st);
	return rc;
}

int sq_write(struct store *s, char **err, const char *what, const char *sql,
	     const char *types, ...)
{
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = vwrite(s, err, what, sql, types, ap);
	va_end(ap);
	return rc;
}

int sq_write_one(struct store *s, char **err, const char *what, const char *sql,
		 const char *types, ...)
{
	va_list ap;
	int rc;

	if (sq_begin(s, err) != 0)
		return -1;
	va_start(ap, types);
	rc = vwrite(s, err, what, sql, types, ap);
	va_end(ap);
	if (rc == 0)
		rc = sq_commit(s, err);
	if (rc != 0)
		sq_rollback(s);
	return rc;
}

void store_uuid(char out[37])
{
	unsigned char b[16];

	sqlite3_randomness(sizeof(b), b);
	b[6] = (unsigned char)((b[6] & 0x0F) | 0x40); /* version 4 */
	b[8] = (unsigned char)((b[8] & 0x3F) | 0x80); /* RFC 4122 variant */
	snprintf(out, 37,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
		 "%02x%02x%02x%02x%02x%02x",
		 b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9],
		 b[10], b[11], b[12], b[13], b[14], b[15]);
}
