/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store/open.c - the store: opening a results database: its identity, creation,
 * migration, a read-only or full disk. */
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

/* ---- opening: identity, creation, migration ---- */

static const char *const schema_v1 =
	"CREATE TABLE users ("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL UNIQUE,"
	" created INTEGER NOT NULL);"
	"CREATE TABLE attempts ("
	" id INTEGER PRIMARY KEY,"
	" uuid TEXT NOT NULL UNIQUE,"
	" user_id INTEGER NOT NULL REFERENCES users(id),"
	" course TEXT NOT NULL,"
	" kind TEXT NOT NULL CHECK (kind IN"
	"  ('quiz', 'assessment', 'exercise', 'review')),"
	" item TEXT NOT NULL,"
	" fingerprint TEXT NOT NULL,"
	" seed TEXT NOT NULL,"
	" started INTEGER NOT NULL,"
	" finished INTEGER,"
	" status TEXT NOT NULL DEFAULT 'open' CHECK (status IN"
	"  ('open', 'finished', 'abandoned')),"
	" total INTEGER NOT NULL,"
	" score REAL,"
	" band TEXT,"
	" passed INTEGER,"
	" straight_lining INTEGER);"
	"CREATE INDEX attempts_by_user ON attempts(user_id, course, status);"
	"CREATE TABLE attempt_items ("
	" attempt_id INTEGER NOT NULL REFERENCES attempts(id),"
	" position INTEGER NOT NULL,"
	" item TEXT NOT NULL,"
	" choices TEXT,"
	" PRIMARY KEY (attempt_id, position));"
	"CREATE TABLE answers ("
	" id INTEGER PRIMARY KEY,"
	" attempt_id INTEGER NOT NULL REFERENCES attempts(id),"
	" position INTEGER NOT NULL,"
	" item TEXT NOT NULL,"
	" competency TEXT,"
	" outcome TEXT NOT NULL,"
	" response TEXT,"
	" credit REAL,"
	" earned REAL,"
	" possible REAL,"
	" keyed INTEGER,"
	" answered_at INTEGER NOT NULL,"
	" seconds REAL);"
	"CREATE INDEX answers_by_attempt ON answers(attempt_id, position);"
	"CREATE TABLE attempt_scores ("
	" attempt_id INTEGER NOT NULL REFERENCES attempts(id),"
	" competency TEXT NOT NULL,"
	" scored INTEGER NOT NULL,"
	" score REAL,"
	" earned REAL,"
	" possible REAL,"
	" answered INTEGER NOT NULL,"
	" total INTEGER NOT NULL,"
	" PRIMARY KEY (attempt_id, competency));"
	"CREATE TABLE lesson_reads ("
	" user_id INTEGER NOT NULL REFERENCES users(id),"
	" course TEXT NOT NULL,"
	" lesson TEXT NOT NULL,"
	" read_at INTEGER NOT NULL);"
	"CREATE INDEX lesson_reads_by_user ON lesson_reads(user_id, course, "
	"lesson);"
	"CREATE TABLE review ("
	" user_id INTEGER NOT NULL REFERENCES users(id),"
	" course TEXT NOT NULL,"
	" question TEXT NOT NULL,"
	" box INTEGER NOT NULL CHECK (box BETWEEN 1 AND 4),"
	" due_day INTEGER NOT NULL,"
	" lapses INTEGER NOT NULL DEFAULT 0,"
	" updated INTEGER NOT NULL,"
	" PRIMARY KEY (user_id, course, question));"
	"CREATE TABLE path_progress ("
	" user_id INTEGER NOT NULL REFERENCES users(id),"
	" course TEXT NOT NULL,"
	" path TEXT NOT NULL,"
	" step TEXT NOT NULL,"
	" done_at INTEGER NOT NULL,"
	" PRIMARY KEY (user_id, course, path, step));";

/* What each version adds to the one before, applied in turn from the
 * file's version; a new file gets schema_v1 and then every step. */
static const char *const migrations[] = {
	[1] = NULL, /* schema_v1 */
	[2] = "CREATE TABLE meetings ("
	      " id INTEGER PRIMARY KEY,"
	      " uuid TEXT NOT NULL UNIQUE,"
	      " course TEXT NOT NULL,"
	      " exercise TEXT NOT NULL,"
	      " facilitator TEXT NOT NULL,"
	      " started INTEGER NOT NULL,"
	      " finished INTEGER);"
	      "CREATE TABLE meeting_votes ("
	      " id INTEGER PRIMARY KEY,"
	      " meeting_id INTEGER NOT NULL REFERENCES meetings(id),"
	      " item TEXT NOT NULL,"
	      " who TEXT,"
	      " choice TEXT NOT NULL,"
	      " count INTEGER NOT NULL,"
	      " at INTEGER NOT NULL);"
	      "ALTER TABLE attempts ADD COLUMN meeting TEXT;"
	      "CREATE INDEX answers_by_item ON answers(item, outcome);",
	/* who has an open attempt: the one process that may answer in it;
	 * and every UUID in its canonical lower case, as merges now keep
	 * them (one merged in capitals before stays as it is when its lower
	 * case twin is here too) */
	[3] = "ALTER TABLE attempts ADD COLUMN holder TEXT;"
	      "ALTER TABLE attempts ADD COLUMN held_since INTEGER;"
	      "UPDATE attempts SET uuid = lower(uuid) WHERE uuid <> lower(uuid)"
	      " AND lower(uuid) NOT IN (SELECT uuid FROM attempts);"
	      "UPDATE attempts SET meeting = lower(meeting)"
	      " WHERE meeting <> lower(meeting);"
	      "UPDATE meetings SET uuid = lower(uuid) WHERE uuid <> lower(uuid)"
	      " AND lower(uuid) NOT IN (SELECT uuid FROM meetings);",
	/* a poll's votes as counts alone, apart from the show-of-hands
	 * tallies that replace each other in meeting_votes */
	[4] = "CREATE TABLE meeting_poll_counts ("
	      " meeting_id INTEGER NOT NULL REFERENCES meetings(id),"
	      " item TEXT NOT NULL,"
	      " choice TEXT NOT NULL,"
	      " count INTEGER NOT NULL,"
	      " PRIMARY KEY (meeting_id, item, choice)) WITHOUT ROWID;",
	/* what a meeting that is still running needs to be taken up again
	 * after a crash (meeting --resume), wiped at its end; and a meeting
	 * attempt's team and facilitator, for its records */
	[5] = "ALTER TABLE meetings ADD COLUMN state TEXT;"
	      "ALTER TABLE attempts ADD COLUMN team TEXT;"
	      "ALTER TABLE attempts ADD COLUMN facilitator TEXT;",
	/* every time to the millisecond, as xAPI statements carry them:
	 * whole seconds before (days stay days) */
	[6] = "UPDATE users SET created = created * 1000;"
	      "UPDATE attempts SET started = started * 1000,"
	      " finished = finished * 1000, held_since = held_since * 1000;"
	      "UPDATE answers SET answered_at = answered_at * 1000;"
	      "UPDATE lesson_reads SET read_at = read_at * 1000;"
	      "UPDATE path_progress SET done_at = done_at * 1000;"
	      "UPDATE meetings SET started = started * 1000,"
	      " finished = finished * 1000;"
	      "UPDATE meeting_votes SET at = at * 1000;",
	/* the statements each learning record store has acknowledged, by
	 * the address of its statements resource (send) */
	[7] = "CREATE TABLE lrs_sent ("
	      " lrs TEXT NOT NULL,"
	      " statement TEXT NOT NULL,"
	      " sent INTEGER NOT NULL,"
	      " PRIMARY KEY (lrs, statement)) WITHOUT ROWID;",
};

static int pragma_int(sqlite3 *db, const char *sql, long long *out)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);

	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* Checks, on a connection that only reads, that an existing file is a
 * rapport database this program can read (its schema version in
 * *version_out), or an empty one it may take. */
static int check_identity_on(sqlite3 *db, const char *path,
			     long long *version_out, char **err)
{
	sqlite3_stmt *st = NULL;
	long long app = 0, version = 0, tables = 0;
	int rc;

	/* one statement, so one snapshot: another rapport may be creating
	 * the schema this very moment */
	sqlite3_busy_timeout(db, STORE_BUSY_MS);
	rc = sqlite3_prepare_v2(
		db,
		"SELECT (SELECT application_id FROM pragma_application_id),"
		" (SELECT user_version FROM pragma_user_version),"
		" (SELECT count(*) FROM sqlite_master)",
		-1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		app = sqlite3_column_int64(st, 0);
		version = sqlite3_column_int64(st, 1);
		tables = sqlite3_column_int64(st, 2);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_NOTADB) {
		*err = xasprintf(
			"'%s' is not a rapport database (not an SQLite "
			"file); it was left as it is",
			path);
		return -1;
	}
	if (rc != SQLITE_OK) {
		char *why = sq_plain_error(db);
		*err = xasprintf("cannot read '%s': %s", path, why);
		free(why);
		return -1;
	}
	*version_out = version;
	if (app == 0 && version == 0 && tables == 0)
		return 0; /* an empty database: ours to fill */
	if (app != STORE_APPLICATION_ID) {
		*err = xasprintf(
			"'%s' is not a rapport database (it belongs to "
			"another program); it was left as it is",
			path);
		return -1;
	}
	if (version > STORE_SCHEMA_VERSION) {
		*err = xasprintf(
			"'%s' was written by a newer rapport (schema %lld; "
			"this one reads up to %d); it was left as it is",
			path, version, STORE_SCHEMA_VERSION);
		return -1;
	}
	return 0;
}

/* The same on a read-only connection of its own, for a file about to be
 * opened for writing (which read_only_message has found writable). */
static int check_identity(const char *file, const char *path,
			  long long *version_out, char **err)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(file, &db, SQLITE_OPEN_READONLY, NULL);

	if (rc != SQLITE_OK) {
		char *why =
			db ? sq_plain_error(db) : xstrdup(sqlite3_errstr(rc));
		*err = xasprintf("cannot read '%s': %s", path, why);
		free(why);
		sqlite3_close(db);
		return -1;
	}
	rc = check_identity_on(db, path, version_out, err);
	sqlite3_close(db);
	return rc;
}

/* Creates or upgrades the schema, inside one write transaction; another
 * process may have done it first, so the version is read under the lock. */
static int migrate(struct store *s, char **err)
{
	long long version = 0;
	size_t v;

	if (sq_begin(s, err) != 0)
		return -1;
	if (pragma_int(s->db, "PRAGMA user_version", &version) != SQLITE_OK) {
		sq_rollback(s);
		return sq_fail(s, err, "cannot read the schema version");
	}
	if (version == 0) {
		char *set = xasprintf("PRAGMA application_id = %d;"
				      "PRAGMA user_version = 1;",
				      STORE_APPLICATION_ID);
		int rc = sq_exec(s, schema_v1, err);
		if (rc == 0)
			rc = sq_exec(s, set, err);
		free(set);
		if (rc != 0) {
			sq_rollback(s);
			return -1;
		}
		version = 1;
	}
	for (v = (size_t)version + 1; v <= STORE_SCHEMA_VERSION; v++) {
		char *set = xasprintf("PRAGMA user_version = %zu;", v);
		int rc = migrations[v] ? sq_exec(s, migrations[v], err) : 0;
		if (rc == 0)
			rc = sq_exec(s, set, err);
		free(set);
		if (rc != 0) {
			sq_rollback(s);
			return -1;
		}
	}
	return sq_commit(s, err);
}

/* Puts the file in WAL mode, once: the change needs the file to itself, and
 * when two new connections race for it SQLite answers "locked" at once
 * rather than waiting, so the wait is done here. */
static int use_wal(struct store *s, char **err)
{
	int waited = 0;

	for (;;) {
		sqlite3_stmt *st = NULL;
		int rc = sqlite3_prepare_v2(s->db, "PRAGMA journal_mode = WAL",
					    -1, &st, NULL);
		if (rc == SQLITE_OK)
			rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc == SQLITE_ROW || rc == SQLITE_DONE)
			return 0;
		if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) ||
		    waited >= STORE_BUSY_MS)
			return sq_fail(s, err, "cannot set the journal mode");
		sqlite3_sleep(20);
		waited += 20;
	}
}

/* Whether the effective user may not write f: EACCES, EPERM or EROFS. */
static bool cannot_write(const char *f, int *why)
{
	if (faccessat(AT_FDCWD, f, W_OK, AT_EACCESS) == 0)
		return false;
	*why = errno;
	return errno == EACCES || errno == EPERM || errno == EROFS;
}

/* Says why nothing could be saved at path, before SQLite opens anything (a
 * read-only open leaves journal files behind, made read-only too): the
 * file or a journal beside it cannot be written, or its folder cannot
 * when a file must be made there. NULL when nothing stands in the way;
 * else the message, which the caller frees. */
static char *read_only_message(const char *file, const char *path, bool exists)
{
	static const char *const journals[] = { "-wal", "-shm" };
	bool make = !exists;
	char *dir, *slash, *msg = NULL;
	size_t i;
	int why = 0;

	if (exists && cannot_write(file, &why))
		return xasprintf("'%s' is %s, so no result can be saved in it; "
				 "it was left as it is",
				 path,
				 why == EROFS ? "on a read-only file system"
					      : "read-only");
	for (i = 0; i < sizeof(journals) / sizeof(journals[0]) && !msg; i++) {
		char *f = xasprintf("%s%s", file, journals[i]);
		if (access(f, F_OK) != 0)
			make = true;
		else if (cannot_write(f, &why))
			msg = xasprintf(
				"'%s%s' is read-only, so no result can be "
				"saved in '%s'; it was left as it is",
				path, journals[i], path);
		free(f);
	}
	if (msg || !make)
		return msg;
	dir = xstrdup(file);
	slash = strrchr(dir, '/');
	if (slash)
		*(slash == dir ? slash + 1 : slash) = '\0';
	if (cannot_write(slash ? dir : ".", &why))
		msg = exists ? xasprintf(
				       "the folder of '%s' is read-only, so no "
				       "result can be saved in it; it was "
				       "left as it is",
				       path)
			     : xasprintf("cannot create '%s': its folder is "
					 "read-only",
					 path);
	free(dir);
	return msg;
}

/* path with the links in its folders followed: the name SQLite opens
 * (with SQLITE_OPEN_NOFOLLOW, which then refuses a link only at the file
 * itself). A $HOME reached through a link, as /home -> /var/home, is
 * normal; a link at the database could send the results anywhere. NULL
 * with *err when the folder is not there or the file is a link. */
static char *real_path(const char *path, char **err)
{
	const char *slash = strrchr(path, '/');
	char *dir =
		slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
	char real[PATH_MAX], *out = NULL;
	struct stat st;

	if (!*dir) {
		free(dir);
		dir = xstrdup("/");
	}
	if (!slash || slash[1]) {
		if (!realpath(dir, real))
			*err = xasprintf("cannot open '%s': its folder '%s' %s",
					 path, dir,
					 errno == ENOENT ? "does not exist"
							 : strerror(errno));
		else if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
			*err = xasprintf(
				"'%s' is a symbolic link; rapport keeps "
				"results in the file itself, never through "
				"a link that could lead them elsewhere",
				path);
		else
			out = xasprintf("%s/%s", strcmp(real, "/") ? real : "",
					slash ? slash + 1 : path);
	} else {
		*err = xasprintf("'%s' is a folder, not a database file", path);
	}
	free(dir);
	return out;
}

static struct store *store_new(const char *path)
{
	struct store *s = xcalloc(1, sizeof(*s));

	s->path = xstrdup(path);
	s->files[0] = xstrdup(path);
	s->files[1] = xasprintf("%s-wal", path);
	s->files[2] = xasprintf("%s-shm", path);
	s->files[3] = xasprintf("%s-journal", path);
	return s;
}

/* Opens file (real_path of path, which messages name) for writing. */
static struct store *open_writable(const char *file, const char *path,
				   char **err)
{
	struct store *s;
	struct stat st;
	bool exists = stat(file, &st) == 0;
	long long sync = 0, version = 0;
	char *why = NULL;
	mode_t old;
	int rc;

	if (exists && !S_ISREG(st.st_mode)) {
		*err = xasprintf("'%s' is not a regular file", path);
		return NULL;
	}
	if ((*err = read_only_message(file, path, exists)) != NULL)
		return NULL;
	if (exists && st.st_size > 0 &&
	    check_identity(file, path, &version, err) != 0)
		return NULL;
	s = store_new(path);
	/* results are personal: the file and its journals are the owner's */
	old = umask(077);
	rc = sqlite3_open_v2(file, &s->db,
			     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				     SQLITE_OPEN_NOFOLLOW,
			     NULL);
	umask(old);
	if (rc != SQLITE_OK) {
		why = s->db ? sq_plain_error(s->db)
			    : xstrdup(sqlite3_errstr(rc));
		*err = xasprintf("cannot open '%s': %s", path, why);
		free(why);
		store_close(s);
		return NULL;
	}
	if (sqlite3_db_readonly(s->db, "main") == 1) {
		*err = xasprintf("'%s' is read-only, so no result can be saved "
				 "in it; it was left as it is",
				 path);
		store_close(s);
		return NULL;
	}
	/* take from others what they may do, never from the owner: a file
	 * the owner made read-only stays so */
	if (stat(file, &st) == 0 && (st.st_mode & 077))
		chmod(file, st.st_mode & 0700);
	sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
	if (use_wal(s, &why) != 0 ||
	    sq_exec(s, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
		    &why) != 0 ||
	    migrate(s, &why) != 0) {
		*err = xasprintf("cannot open '%s': %s", path, why);
		free(why);
		store_close(s);
		return NULL;
	}
	/* power-loss durability needs FULL: check it took */
	if (pragma_int(s->db, "PRAGMA synchronous", &sync) != SQLITE_OK ||
	    sync != 2) {
		*err = xasprintf("'%s' would not take synchronous=FULL", path);
		store_close(s);
		return NULL;
	}
	return s;
}

struct store *store_open(const char *path, char **err)
{
	char *file = real_path(path, err);
	struct store *s = file ? open_writable(file, path, err) : NULL;

	free(file);
	return s;
}

/* "file:PATH?immutable=1", the path percent-encoded as a URI wants it. */
static char *immutable_uri(const char *file)
{
	struct strbuf sb = { 0 };
	const unsigned char *p;

	strbuf_adds(&sb, "file:");
	for (p = (const unsigned char *)file; *p; p++) {
		if (isalnum(*p) || strchr("/._-~", *p))
			strbuf_addc(&sb, (char)*p);
		else
			strbuf_addf(&sb, "%%%02X", *p);
	}
	strbuf_adds(&sb, "?immutable=1");
	return strbuf_detach(&sb);
}

/* Whether a connection can read: WAL needs its -shm, which a read-only
 * folder or a full disk may not let be made. */
static bool can_read(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master",
				    -1, &st, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW;
}

/* Whether the effective user may write f. */
static bool writable(const char *f)
{
	return faccessat(AT_FDCWD, f, W_OK, AT_EACCESS) == 0;
}

/* A connection to file that only reads, and changes nothing beside it.
 * Where rapport may write the file, its folder and any journal beside
 * it, SQLite reads as usual. Where it may not, a read-only connection would
 * leave read-only journals behind (in a writable folder) or fail (with none):
 * then, when the -wal and -shm of a writer are there, they are read as they
 * are; when no -wal holds unsaved pages, the file holds everything and is read
 * as it stands (immutable), which is also how a full disk, where no -shm
 * can be made, is read. NULL with *err. */
/* Whether rapport may write file, its folder and any journal beside it,
 * and there is room to: where SQLite reads as usual. On a full disk the
 * -shm could not be made whole, only begun. */
static bool may_write_here(const char *file)
{
	char *wal = xasprintf("%s-wal", file), *shm = xasprintf("%s-shm", file);
	char *dir = xstrdup(file), *slash = strrchr(dir, '/');
	struct statvfs vfs;
	bool here;

	if (slash)
		*(slash == dir ? slash + 1 : slash) = '\0';
	here = writable(file) && writable(slash ? dir : ".") &&
	       (access(wal, F_OK) != 0 || writable(wal)) &&
	       (access(shm, F_OK) != 0 || writable(shm)) &&
	       (statvfs(file, &vfs) != 0 || vfs.f_bavail > 0);
	free(dir);
	free(wal);
	free(shm);
	return here;
}

static sqlite3 *open_to_read(const char *file, const char *path, bool here,
			     char **err)
{
	char *wal = xasprintf("%s-wal", file), *shm = xasprintf("%s-shm", file);
	char *why, *uri;
	sqlite3 *db = NULL;
	struct stat st;
	bool journals, unsaved;
	int rc;

	unsaved = stat(wal, &st) == 0 && st.st_size > 0;
	journals = unsaved && stat(shm, &st) == 0;
	free(wal);
	free(shm);
	if (here || journals) {
		/* where rapport may write, the connection may too, so that it
		 * takes its journals away again when it closes, as a reading
		 * one cannot; it never writes a row */
		rc = sqlite3_open_v2(
			file, &db,
			(here ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY) |
				SQLITE_OPEN_NOFOLLOW,
			NULL);
		if (rc == SQLITE_OK && can_read(db))
			return db;
		if (db && sqlite3_errcode(db) == SQLITE_NOTADB)
			goto not_ours;
		if (unsaved) {
			why = db ? sq_plain_error(db)
				 : xstrdup(sqlite3_errstr(rc));
			*err = xasprintf("cannot read '%s': %s", path, why);
			free(why);
			sqlite3_close(db);
			return NULL;
		}
		sqlite3_close(db);
		db = NULL;
	}
	uri = immutable_uri(file);
	rc = sqlite3_open_v2(uri, &db,
			     SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
				     SQLITE_OPEN_NOFOLLOW,
			     NULL);
	free(uri);
	if (rc == SQLITE_OK && can_read(db))
		return db;
	if (db && sqlite3_errcode(db) == SQLITE_NOTADB)
		goto not_ours;
	why = db ? sq_plain_error(db) : xstrdup(sqlite3_errstr(rc));
	*err = xasprintf("cannot read '%s': %s", path, why);
	free(why);
	sqlite3_close(db);
	return NULL;
not_ours:
	*err = xasprintf("'%s' is not a rapport database (not an SQLite file); "
			 "it was left as it is",
			 path);
	sqlite3_close(db);
	return NULL;
}

struct store *store_open_read(const char *path, char **err)
{
	char *file = real_path(path, err), *why;
	struct store *s = NULL;
	struct stat st;
	long long version = 0;
	sqlite3 *db;
	bool here;

	if (!file)
		return NULL;
	if (stat(file, &st) == 0 && !S_ISREG(st.st_mode)) {
		*err = xasprintf("'%s' is not a regular file", path);
		goto out;
	}
	if (stat(file, &st) != 0 || st.st_size == 0) {
		/* nothing kept yet: an empty store in memory, and no file made
		 * for a command that only reads */
		s = store_new(path);
		why = NULL;
		if (sqlite3_open(":memory:", &s->db) != SQLITE_OK ||
		    migrate(s, &why) != 0) {
			*err = xasprintf("cannot open '%s': %s", path,
					 why ? why : "no memory for it");
			free(why);
			store_close(s);
			s = NULL;
		}
		goto out;
	}
	/* whose file it is, before a connection that could write it: one
	 * that only reads (where rapport may write, as before any write;
	 * elsewhere, the reading connection itself) */
	here = may_write_here(file);
	if (here && check_identity(file, path, &version, err) != 0)
		goto out;
	if (!(db = open_to_read(file, path, here, err)))
		goto out;
	if (!here && check_identity_on(db, path, &version, err) != 0) {
		sqlite3_close(db);
		goto out;
	}
	if (version < STORE_SCHEMA_VERSION) {
		/* an older schema is read once it is brought up to date */
		sqlite3_close(db);
		s = open_writable(file, path, err);
		if (!s) {
			why = *err;
			*err = xasprintf(
				"%s; it must be upgraded to be read by this "
				"rapport",
				why);
			free(why);
		}
		goto out;
	}
	s = store_new(path);
	s->db = db;
	sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
out:
	free(file);
	return s;
}

void store_close(struct store *s)
{
	size_t i;

	if (!s)
		return;
	sqlite3_close(s->db);
	free(s->path);
	for (i = 0; s->files[i]; i++)
		free(s->files[i]);
	free(s);
}

const char *const *store_files(const struct store *s)
{
	return (const char *const *)s->files;
}
