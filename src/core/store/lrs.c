/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store/lrs.c - the store: which statements a learning record store has
 * acknowledged, so that send offers it only the rest. */
#include "../store.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "../util.h"
#include "store_int.h"

static void read_id(sqlite3_stmt *st, void *row)
{
	*(char **)row = sq_column_text(st, 0);
}

int store_lrs_sent(struct store *s, const char *lrs, struct store_ids *out,
		   char **err)
{
	sqlite3_stmt *st;
	void *rows = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	st = sq_prepare(s,
			"SELECT statement FROM lrs_sent WHERE lrs = ?1"
			" ORDER BY statement",
			err);
	if (!st)
		return -1;
	sq_bind_text(st, 1, lrs);
	rc = sq_read_rows(s, st, sizeof(char *), read_id, &rows, &out->n, err,
			  "cannot read what the record store has");
	out->v = rows;
	if (rc != 0)
		store_ids_release(out);
	return rc;
}

static int cmp_id(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

bool store_ids_has(const struct store_ids *ids, const char *id)
{
	return ids->n &&
	       bsearch(&id, ids->v, ids->n, sizeof(char *), cmp_id) != NULL;
}

void store_ids_release(struct store_ids *ids)
{
	size_t i;

	for (i = 0; i < ids->n; i++)
		free(ids->v[i]);
	free(ids->v);
	memset(ids, 0, sizeof(*ids));
}

int store_lrs_ack(struct store *s, const char *lrs, const char *const *ids,
		  size_t n, int64_t now, char **err)
{
	size_t i;

	if (sq_begin(s, err) != 0)
		return -1;
	for (i = 0; i < n; i++)
		if (sq_write(s, err, "cannot keep what the record store has",
			     "INSERT OR IGNORE INTO lrs_sent (lrs, statement,"
			     " sent) VALUES (?1, ?2, ?3)",
			     "tti", lrs, ids[i], now) != 0) {
			sq_rollback(s);
			return -1;
		}
	if (sq_commit(s, err) != 0) {
		sq_rollback(s);
		return -1;
	}
	return 0;
}
