/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store/meetings.c - the store: sales meetings: who ran them, the votes and the
 * tallies. */
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

/* ---- sales meetings ---- */

int store_meeting_begin(struct store *s, const char *course,
			const char *exercise, const char *facilitator,
			int64_t now, char uuid[37], char **err)
{
	store_uuid(uuid);
	return sq_write_one(
		s, err, "cannot record the meeting",
		"INSERT INTO meetings (uuid, course, exercise,"
		" facilitator, started) VALUES (?1, ?2, ?3, ?4, ?5)",
		"tttti", uuid, course, exercise, facilitator, now);
}

int store_meeting_vote(struct store *s, const char *meeting, const char *item,
		       const char *who, const char *choice, int64_t count,
		       int64_t now, char **err)
{
	return sq_write_one(
		s, err, "cannot record the room's answer",
		"INSERT INTO meeting_votes (meeting_id, item, who, choice,"
		" count, at) SELECT id, ?2, ?3, ?4, ?5, ?6 FROM meetings"
		" WHERE uuid = ?1",
		"ttttii", meeting, item, who, choice, count, now);
}

int store_meeting_poll(struct store *s, const char *meeting, const char *item,
		       const char *choice, const char *state, char **err)
{
	static const char what[] = "cannot record the vote";
	int rc;

	if (sq_begin(s, err) != 0)
		return -1;
	/* "WHERE true": an upsert after a SELECT needs it, as SQLite's
	 * grammar would take ON for a join's */
	rc = sq_write(
		s, err, what,
		"INSERT INTO meeting_poll_counts (meeting_id, item, choice,"
		" count) SELECT id, ?2, ?3, 1 FROM meetings WHERE uuid = ?1"
		" AND true ON CONFLICT (meeting_id, item, choice)"
		" DO UPDATE SET count = count + 1",
		"ttt", meeting, item, choice);
	if (rc == 0 && state)
		rc = sq_write(s, err, what,
			      "UPDATE meetings SET state = ?2 WHERE uuid = ?1",
			      "tt", meeting, state);
	if (rc == 0)
		rc = sq_commit(s, err);
	if (rc != 0)
		sq_rollback(s);
	return rc;
}

int store_meeting_save(struct store *s, const char *meeting, const char *state,
		       char **err)
{
	return sq_write_one(s, err, "cannot save the meeting's state",
			    "UPDATE meetings SET state = ?2 WHERE uuid = ?1",
			    "tt", meeting, state);
}

int store_meeting_unfinished(struct store *s, const char *course,
			     const char *facilitator, char uuid[37],
			     char **exercise, char **state, char **err)
{
	sqlite3_stmt *st = sq_prepare(
		s,
		"SELECT uuid, exercise, state FROM meetings WHERE course = ?1"
		" AND facilitator = ?2 AND finished IS NULL AND state IS NOT"
		" NULL ORDER BY started DESC, id DESC LIMIT 1",
		err);
	int rc;

	*exercise = *state = NULL;
	if (!st)
		return -1;
	sq_bind_text(st, 1, course);
	sq_bind_text(st, 2, facilitator);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *u = (const char *)sqlite3_column_text(st, 0);
		snprintf(uuid, 37, "%s", u ? u : "");
		*exercise = sq_column_text(st, 1);
		*state = sq_column_text(st, 2);
		sqlite3_finalize(st);
		return 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, err, "cannot read the meetings");
	return 0;
}

int store_meeting_tally(struct store *s, const char *meeting, const char *item,
			const char *const *choices, const int64_t *counts,
			size_t n, int64_t now, char **err)
{
	sqlite3_stmt *st = NULL;
	size_t i;
	int rc = -1;

	if (sq_begin(s, err) != 0)
		return -1;
	st = sq_prepare(
		s,
		"DELETE FROM meeting_votes WHERE who IS NULL AND item = ?2"
		" AND meeting_id = (SELECT id FROM meetings WHERE uuid = ?1)",
		err);
	if (!st)
		goto out;
	sq_bind_text(st, 1, meeting);
	sq_bind_text(st, 2, item);
	if (sq_step_done(s, st, err, "cannot record the show of hands") != 0)
		goto out;
	sqlite3_finalize(st);
	st = sq_prepare(
		s,
		"INSERT INTO meeting_votes (meeting_id, item, who, choice,"
		" count, at) SELECT id, ?2, NULL, ?3, ?4, ?5 FROM meetings"
		" WHERE uuid = ?1",
		err);
	if (!st)
		goto out;
	for (i = 0; i < n; i++) {
		if (counts[i] <= 0)
			continue;
		sqlite3_reset(st);
		sq_bind_text(st, 1, meeting);
		sq_bind_text(st, 2, item);
		sq_bind_text(st, 3, choices[i]);
		sqlite3_bind_int64(st, 4, counts[i]);
		sqlite3_bind_int64(st, 5, now);
		if (sq_step_done(s, st, err,
				 "cannot record the show of hands") != 0)
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

int store_meeting_end(struct store *s, const char *meeting, int64_t now,
		      char **err)
{
	return sq_write_one(s, err, "cannot close the meeting",
			    "UPDATE meetings SET finished = ?2, state = NULL"
			    " WHERE uuid = ?1",
			    "ti", meeting, now);
}
