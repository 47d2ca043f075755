/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_int.h - what the parts of the store share and nothing outside it
 * sees: the handle, and the small helpers around SQLite (helpers.c). The
 * store's folder is its fence: only these files include sqlite3.h. */
#ifndef RAPPORT_STORE_INT_H
#define RAPPORT_STORE_INT_H

#include <sqlite3.h>

#include "../store.h"

struct store {
	sqlite3 *db;
	char *path;	/* for messages */
	char *files[5]; /* path and its journals, NULL-terminated */
	bool group;	/* in store_group_begin's transaction: each write
			   is a savepoint inside it */
};

/* The last error on db in words a learner can act on; caller frees. */
char *sq_plain_error(sqlite3 *db);
/* Sets *err to "what: why" and returns -1. */
int sq_fail(struct store *s, char **err, const char *what);
/* Runs SQL that returns nothing. */
int sq_exec(struct store *s, const char *sql, char **err);
/* Starts or ends a write transaction; a failure says only why. */
int sq_begin_or_commit(struct store *s, const char *sql, char **err);
/* A write transaction, the write lock taken up front; and its end. */
int sq_begin(struct store *s, char **err);
int sq_commit(struct store *s, char **err);
void sq_rollback(struct store *s);
/* A prepared statement, or NULL with *err set. */
sqlite3_stmt *sq_prepare(struct store *s, const char *sql, char **err);
/* Binds text (NULL: null) to parameter i. */
void sq_bind_text(sqlite3_stmt *st, int i, const char *v);
/* Column i as a new string, NULL for null. */
char *sq_column_text(sqlite3_stmt *st, int i);
/* Steps st to its end, each row read by read into a new zeroed element of
 * size bytes; the array and its length go to *rows and *n even after an
 * error, for the caller to free. Finalizes st. */
int sq_read_rows(struct store *s, sqlite3_stmt *st, size_t size,
		 void (*read)(sqlite3_stmt *st, void *row), void **rows,
		 size_t *n, char **err, const char *what);
/* Runs a statement that returns no rows. */
int sq_step_done(struct store *s, sqlite3_stmt *st, char **err,
		 const char *what);
/* Runs one write statement, inside the caller's transaction; types names
 * each argument in turn: 'i' an int64_t, 't' a string (NULL: null). */
int sq_write(struct store *s, char **err, const char *what, const char *sql,
	     const char *types, ...);
/* The same in a transaction of its own. */
int sq_write_one(struct store *s, char **err, const char *what, const char *sql,
		 const char *types, ...);
/* Moves a question in the review queue (review.h's rule), inside the
 * caller's transaction (review.c). */
int sq_review_move(struct store *s, const struct review_move *m, char **err);

#endif
