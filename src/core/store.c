/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store.c - results that last: one SQLite database, the only user of
 * sqlite3.h. Every function prepares, steps and finalizes its statements
 * itself, with one cleanup path. */
#include "store.h"

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

#include "engine.h"
#include "model.h"
#include "record.h"
#include "review.h"
#include "util.h"

struct store {
	sqlite3 *db;
	char *path;	/* for messages */
	char *files[5]; /* path and its journals, NULL-terminated */
};

/* ---- errors and small helpers ---- */

/* The last error on db in words a learner can act on: a full disk, a
 * read-only file, a size limit, rather than SQLite's "disk I/O error"
 * alone. SQLite does not always keep the system's error number, so the
 * callers clear errno before a call and this reads what the failing
 * system call left there. Caller frees. */
static char *plain_error(sqlite3 *db)
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

static int fail(struct store *s, char **err, const char *what)
{
	if (err) {
		char *why = s && s->db ? plain_error(s->db)
				       : xstrdup("no database");
		*err = xasprintf("%s: %s", what, why);
		free(why);
	}
	return -1;
}

static int exec(struct store *s, const char *sql, char **err)
{
	char *msg = NULL;

	errno = 0;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		if (err) {
			char *why = plain_error(s->db);
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
static int begin_or_commit(struct store *s, const char *sql, char **err)
{
	errno = 0;
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		if (err)
			*err = plain_error(s->db);
		return -1;
	}
	return 0;
}

/* Every write takes the write lock up front: a deferred transaction that
 * reads then writes can fail with SQLITE_BUSY however long it waits. */
static int begin(struct store *s, char **err)
{
	return begin_or_commit(s, "BEGIN IMMEDIATE", err);
}

static int commit(struct store *s, char **err)
{
	return begin_or_commit(s, "COMMIT", err);
}

static void rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

static sqlite3_stmt *prepare(struct store *s, const char *sql, char **err)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		fail(s, err, "cannot prepare a statement");
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

static char *column_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? xstrdup((const char *)t) : NULL;
}

/* Steps st (a query) to its end, each row read by read into a new zeroed
 * element of size bytes at the end of an array, and finalizes it. The
 * array and its length go to *rows and *n even after an error, for the
 * caller to free; what says what failed. */
static int read_rows(struct store *s, sqlite3_stmt *st, size_t size,
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
		return fail(s, err, what);
	return 0;
}

/* Runs a statement that returns no rows. */
static int step_done(struct store *s, sqlite3_stmt *st, char **err,
		     const char *what)
{
	errno = 0;
	if (sqlite3_step(st) != SQLITE_DONE)
		return fail(s, err, what);
	return 0;
}

/* Runs one write statement in its own transaction. types names each
 * argument in turn: 'i' an int64_t, 't' a string (NULL: null). */
static int write_one(struct store *s, char **err, const char *what,
		     const char *sql, const char *types, ...)
{
	sqlite3_stmt *st = NULL;
	va_list ap;
	int i, rc = -1;

	if (begin(s, err) != 0)
		return -1;
	st = prepare(s, sql, err);
	if (!st)
		goto out;
	va_start(ap, types);
	for (i = 0; types[i]; i++) {
		if (types[i] == 'i')
			sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
		else
			bind_text(st, i + 1, va_arg(ap, const char *));
	}
	va_end(ap);
	if (step_done(s, st, err, what) != 0)
		goto out;
	sqlite3_finalize(st);
	st = NULL;
	rc = commit(s, err);
out:
	sqlite3_finalize(st);
	if (rc != 0)
		rollback(s);
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
		char *why = plain_error(db);
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
		char *why = db ? plain_error(db) : xstrdup(sqlite3_errstr(rc));
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

	if (begin(s, err) != 0)
		return -1;
	if (pragma_int(s->db, "PRAGMA user_version", &version) != SQLITE_OK) {
		rollback(s);
		return fail(s, err, "cannot read the schema version");
	}
	if (version == 0) {
		char *set = xasprintf("PRAGMA application_id = %d;"
				      "PRAGMA user_version = 1;",
				      STORE_APPLICATION_ID);
		int rc = exec(s, schema_v1, err);
		if (rc == 0)
			rc = exec(s, set, err);
		free(set);
		if (rc != 0) {
			rollback(s);
			return -1;
		}
		version = 1;
	}
	for (v = (size_t)version + 1; v <= STORE_SCHEMA_VERSION; v++) {
		char *set = xasprintf("PRAGMA user_version = %zu;", v);
		int rc = migrations[v] ? exec(s, migrations[v], err) : 0;
		if (rc == 0)
			rc = exec(s, set, err);
		free(set);
		if (rc != 0) {
			rollback(s);
			return -1;
		}
	}
	return commit(s, err);
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
			return fail(s, err, "cannot set the journal mode");
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
		why = s->db ? plain_error(s->db) : xstrdup(sqlite3_errstr(rc));
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
	    exec(s, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
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
			why = db ? plain_error(db)
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
	why = db ? plain_error(db) : xstrdup(sqlite3_errstr(rc));
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

/* ---- users ---- */

int store_user(struct store *s, const char *name, int64_t now, int64_t *id,
	       char **err)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;

	if (begin(s, err) != 0)
		return -1;
	st = prepare(s,
		     "INSERT OR IGNORE INTO users (name, created) "
		     "VALUES (?1, ?2)",
		     err);
	if (!st)
		goto out;
	bind_text(st, 1, name);
	sqlite3_bind_int64(st, 2, now);
	if (step_done(s, st, err, "cannot add the user") != 0)
		goto out;
	sqlite3_finalize(st);
	st = prepare(s, "SELECT id FROM users WHERE name = ?1", err);
	if (!st)
		goto out;
	bind_text(st, 1, name);
	if (sqlite3_step(st) != SQLITE_ROW) {
		fail(s, err, "cannot find the user");
		goto out;
	}
	*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	rc = commit(s, err);
out:
	sqlite3_finalize(st);
	if (rc != 0)
		rollback(s);
	return rc;
}

int store_find_user(struct store *s, const char *name, int64_t *id, char **err)
{
	sqlite3_stmt *st =
		prepare(s, "SELECT id FROM users WHERE name = ?1", err);
	int rc;

	*id = -1;
	if (!st)
		return -1;
	bind_text(st, 1, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return fail(s, err, "cannot look the user up");
}

static void read_user(sqlite3_stmt *st, void *row)
{
	struct user_row *u = row;

	u->name = column_text(st, 0);
	u->attempts = (size_t)sqlite3_column_int64(st, 1);
	u->last = sqlite3_column_int64(st, 2);
}

int store_users(struct store *s, struct user_row **rows, size_t *n, char **err)
{
	sqlite3_stmt *st = prepare(
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
	rc = read_rows(s, st, sizeof(**rows), read_user, &v, n, err,
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
	if (begin(s, err) != 0)
		return -1;
	st = prepare(
		s,
		"INSERT INTO attempts (uuid, user_id, course, kind, "
		"item, fingerprint, seed, started, total, meeting, "
		"holder, held_since) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?8)",
		err);
	if (!st)
		goto out;
	bind_text(st, 1, uuid);
	sqlite3_bind_int64(st, 2, k->user);
	bind_text(st, 3, k->course);
	bind_text(st, 4, run_kind_name(run->kind));
	bind_text(st, 5, run_item_id(run));
	bind_text(st, 6, k->fingerprint);
	bind_text(st, 7, seed);
	sqlite3_bind_int64(st, 8, now);
	sqlite3_bind_int64(st, 9, (sqlite3_int64)run->n_items);
	bind_text(st, 10, k->meeting);
	bind_text(st, 11, k->holder);
	if (step_done(s, st, err, "cannot record the attempt") != 0)
		goto out;
	id = sqlite3_last_insert_rowid(s->db);
	sqlite3_finalize(st);
	st = prepare(s,
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
		bind_text(st, 3, item_id(&run->items[i]));
		bind_text(st, 4, choices);
		free(choices);
		if (step_done(s, st, err, "cannot record the plan") != 0)
			goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	rc = commit(s, err);
out:
	sqlite3_finalize(st);
	if (rc != 0)
		rollback(s);
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

static int review_move(struct store *s, const struct review_move *m,
		       char **err);

/* Why an attempt refused a write: it is not open any more, or another
 * process holds it now. Sets *err; returns -1. */
static int refused(struct store *s, const char *uuid, const char *holder,
		   char **err)
{
	sqlite3_stmt *st = prepare(s,
				   "SELECT status, holder FROM attempts"
				   " WHERE uuid = ?1",
				   err);
	const char *status, *h;

	if (!st)
		return -1;
	bind_text(st, 1, uuid);
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

	if (begin(s, err) != 0) {
		free(response);
		return -1;
	}
	st = prepare(s,
		     "INSERT INTO answers (attempt_id, position, item, "
		     "competency, outcome, response, credit, earned, "
		     "possible, keyed, answered_at, seconds) "
		     "SELECT id, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12"
		     " FROM attempts WHERE uuid = ?1 AND status = 'open'"
		     " AND holder IS ?13",
		     err);
	if (!st)
		goto out;
	bind_text(st, 1, uuid);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)pos);
	bind_text(st, 3, item_id(it));
	bind_text(st, 4, comp->id);
	bind_text(st, 5, outcome_name(it->outcome));
	bind_text(st, 6, response);
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
	bind_text(st, 13, holder);
	if (step_done(s, st, err, "cannot save the answer") != 0)
		goto out;
	if (sqlite3_changes(s->db) != 1) {
		rc = refused(s, uuid, holder, err);
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (review && review_move(s, review, err) != 0)
		goto out;
	rc = commit(s, err);
out:
	sqlite3_finalize(st);
	free(response);
	if (rc != 0)
		rollback(s);
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
	if (begin(s, err) != 0)
		return -1;
	st = prepare(s,
		     "UPDATE attempts SET status = 'finished', finished = ?2,"
		     " score = ?3, band = ?4, passed = ?5,"
		     " straight_lining = ?6, holder = NULL"
		     " WHERE uuid = ?1 AND status = 'open' AND holder IS ?7",
		     err);
	if (!st)
		goto out;
	bind_text(st, 1, uuid);
	sqlite3_bind_int64(st, 2, now);
	if (res->scored)
		sqlite3_bind_double(st, 3, res->score);
	else
		sqlite3_bind_null(st, 3);
	bind_text(st, 4, res->band ? res->band->label : NULL);
	if (res->kind == RUN_QUIZ)
		sqlite3_bind_int(st, 5, res->passed);
	else
		sqlite3_bind_null(st, 5);
	if (res->kind == RUN_ASSESSMENT)
		sqlite3_bind_int(st, 6, res->straight_lining);
	else
		sqlite3_bind_null(st, 6);
	bind_text(st, 7, holder);
	if (step_done(s, st, err, "cannot finish the attempt") != 0)
		goto out;
	if (sqlite3_changes(s->db) != 1) {
		rc = refused(s, uuid, holder, err);
		goto out;
	}
	sqlite3_finalize(st);
	st = prepare(s,
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
		bind_text(st, 1, uuid);
		bind_text(st, 2, c->competency->item.id);
		sqlite3_bind_int(st, 3, c->scored);
		if (c->scored)
			sqlite3_bind_double(st, 4, c->score);
		else
			sqlite3_bind_null(st, 4);
		sqlite3_bind_double(st, 5, c->earned);
		sqlite3_bind_double(st, 6, c->possible);
		sqlite3_bind_int64(st, 7, (sqlite3_int64)c->answered);
		sqlite3_bind_int64(st, 8, (sqlite3_int64)c->total);
		if (step_done(s, st, err, "cannot save the scores") != 0)
			goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	rc = commit(s, err);
out:
	sqlite3_finalize(st);
	if (rc != 0)
		rollback(s);
	return rc;
}

int store_abandon(struct store *s, const char *uuid, const char *holder,
		  char **err)
{
	if (write_one(s, err, "cannot set the attempt aside",
		      "UPDATE attempts SET status = 'abandoned', holder = NULL"
		      " WHERE uuid = ?1 AND status = 'open' AND holder IS ?2",
		      "tt", uuid, holder) != 0)
		return -1;
	return sqlite3_changes(s->db) == 1 ? 0 : refused(s, uuid, holder, err);
}

int store_claim(struct store *s, const char *uuid, const char *holder,
		const char *expect, int64_t now, char **err)
{
	if (write_one(s, err, "cannot take the attempt",
		      "UPDATE attempts SET holder = ?2, held_since = ?4"
		      " WHERE uuid = ?1 AND status = 'open' AND holder IS ?3",
		      "ttti", uuid, holder, expect, now) != 0)
		return -1;
	return sqlite3_changes(s->db) == 1 ? 0 : 1;
}

int store_let_go(struct store *s, const char *uuid, const char *holder,
		 char **err)
{
	return write_one(s, err, "cannot let the attempt go",
			 "UPDATE attempts SET holder = NULL"
			 " WHERE uuid = ?1 AND holder = ?2",
			 "tt", uuid, holder);
}

int store_unfinished(struct store *s, int64_t user, const char *course,
		     const char *kind, const char *item,
		     struct stored_attempt *out, char **err)
{
	sqlite3_stmt *st = prepare(
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
	bind_text(st, 2, course);
	bind_text(st, 3, kind);
	bind_text(st, 4, item);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *u = (const char *)sqlite3_column_text(st, 0);
		char *seed;
		snprintf(out->uuid, sizeof(out->uuid), "%s", u ? u : "");
		out->kind = column_text(st, 1);
		out->item = column_text(st, 2);
		out->fingerprint = column_text(st, 3);
		seed = column_text(st, 4);
		out->seed = seed ? strtoull(seed, NULL, 10) : 0;
		free(seed);
		out->started = sqlite3_column_int64(st, 5);
		out->total = (size_t)sqlite3_column_int64(st, 6);
		out->answered = (size_t)sqlite3_column_int64(st, 7);
		out->seconds = sqlite3_column_double(st, 8);
		out->holder = column_text(st, 9);
		out->held_since = sqlite3_column_int64(st, 10);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return fail(s, err, "cannot look for an unfinished attempt");
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
	sqlite3_stmt *st = prepare(
		s,
		"SELECT i.position, i.item, i.choices FROM attempt_items i"
		" JOIN attempts a ON a.id = i.attempt_id WHERE a.uuid = ?1"
		" ORDER BY i.position",
		err);
	size_t cap = 0;
	int rc;

	if (!st)
		return -1;
	bind_text(st, 1, out->uuid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		void *p = out->items;
		struct stored_item *it;
		xgrow(&p, &cap, out->n_items + 1, sizeof(*out->items));
		out->items = p;
		it = &out->items[out->n_items++];
		memset(it, 0, sizeof(*it));
		it->item = column_text(st, 1);
		it->choices = strings_from_json(
			(const char *)sqlite3_column_text(st, 2),
			&it->n_choices);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return fail(s, err, "cannot read the attempt's plan");
	st = prepare(s,
		     "SELECT r.position, r.outcome, r.response FROM answers r"
		     " JOIN attempts a ON a.id = r.attempt_id WHERE a.uuid = ?1"
		     " ORDER BY r.id",
		     err);
	if (!st)
		return -1;
	bind_text(st, 1, out->uuid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 pos = sqlite3_column_int64(st, 0);
		const char *outcome = (const char *)sqlite3_column_text(st, 1);
		if (pos >= 0 && (size_t)pos < out->n_items && outcome)
			take_response(&out->items[pos], outcome,
				      (const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return fail(s, err, "cannot read the attempt's answers");
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

/* ---- history and progress ---- */

static void read_history(sqlite3_stmt *st, void *row)
{
	struct history_row *h = row;

	snprintf(h->uuid, sizeof(h->uuid), "%s",
		 (const char *)sqlite3_column_text(st, 0));
	h->kind = column_text(st, 1);
	h->item = column_text(st, 2);
	h->started = sqlite3_column_int64(st, 3);
	h->finished = sqlite3_column_int64(st, 4);
	h->status = column_text(st, 5);
	h->scored = sqlite3_column_type(st, 6) != SQLITE_NULL;
	h->score = sqlite3_column_double(st, 6);
	h->band = column_text(st, 7);
	h->passed = sqlite3_column_int(st, 8) != 0;
	h->total = (size_t)sqlite3_column_int64(st, 9);
	h->answered = (size_t)sqlite3_column_int64(st, 10);
}

int store_history(struct store *s, int64_t user, const char *course,
		  struct history_row **rows, size_t *n, char **err)
{
	sqlite3_stmt *st = prepare(
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
	bind_text(st, 2, course);
	rc = read_rows(s, st, sizeof(**rows), read_history, &v, n, err,
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

	v->kind = column_text(st, 0);
	v->item = column_text(st, 1);
	v->finished = sqlite3_column_int64(st, 2);
	v->scored = sqlite3_column_int(st, 3) != 0;
	v->score = sqlite3_column_double(st, 4);
}

int store_competency_scores(struct store *s, int64_t user, const char *course,
			    const char *competency, struct score_point **rows,
			    size_t *n, char **err)
{
	sqlite3_stmt *st = prepare(
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
	bind_text(st, 2, course);
	bind_text(st, 3, competency);
	rc = read_rows(s, st, sizeof(**rows), read_score_point, &v, n, err,
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
		prepare(s,
			"SELECT max(score) FROM attempts WHERE user_id = ?1"
			" AND course = ?2 AND kind = ?3 AND item = ?4"
			" AND status = 'finished' AND score IS NOT NULL",
			err);
	int rc, found = 0;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, user);
	bind_text(st, 2, course);
	bind_text(st, 3, kind);
	bind_text(st, 4, item);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		*best = sqlite3_column_double(st, 0);
		found = 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return fail(s, err, "cannot read the best score");
	return found;
}

/* ---- lessons read ---- */

int store_read(struct store *s, int64_t user, const char *course,
	       const char *lesson, int64_t now, char **err)
{
	return write_one(s, err, "cannot record the reading",
			 "INSERT INTO lesson_reads (user_id, course, lesson,"
			 " read_at) VALUES (?1, ?2, ?3, ?4)",
			 "itti", user, course, lesson, now);
}

int store_has_read(struct store *s, int64_t user, const char *course,
		   const char *lesson, char **err)
{
	sqlite3_stmt *st = prepare(
		s,
		"SELECT 1 FROM lesson_reads WHERE user_id = ?1 AND course = ?2"
		" AND lesson = ?3 LIMIT 1",
		err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, user);
	bind_text(st, 2, course);
	bind_text(st, 3, lesson);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return fail(s, err, "cannot read the reading list");
}

/* ---- review ---- */

int store_review_missed(struct store *s, int64_t user, const char *course,
			const char *question, int64_t today, char **err)
{
	return store_review_result(s, user, course, question, false, today,
				   err);
}

/* Moves question in the review queue, inside the caller's transaction. */
static int review_move(struct store *s, const struct review_move *m, char **err)
{
	sqlite3_stmt *st = NULL;
	struct review_step step;
	int rc = -1, box = 0;

	st = prepare(s,
		     "SELECT box FROM review WHERE user_id = ?1"
		     " AND course = ?2 AND question = ?3",
		     err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, m->user);
	bind_text(st, 2, m->course);
	bind_text(st, 3, m->question);
	if (sqlite3_step(st) == SQLITE_ROW)
		box = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	step = review_next(box, m->right, m->today); /* the rule: review.c */
	if (step.stays)
		return 0;
	if (step.leaves) {
		st = prepare(s,
			     "DELETE FROM review WHERE user_id = ?1"
			     " AND course = ?2 AND question = ?3",
			     err);
	} else {
		st = prepare(
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
	bind_text(st, 2, m->course);
	bind_text(st, 3, m->question);
	rc = step_done(s, st, err, "cannot update the review queue");
	sqlite3_finalize(st);
	return rc;
}

int store_review_result(struct store *s, int64_t user, const char *course,
			const char *question, bool right, int64_t today,
			char **err)
{
	const struct review_move m = { user, course, question, right, today };

	if (begin(s, err) != 0)
		return -1;
	if (review_move(s, &m, err) != 0 || commit(s, err) != 0) {
		rollback(s);
		return -1;
	}
	return 0;
}

static void read_review_row(sqlite3_stmt *st, void *row)
{
	struct review_row *r = row;

	r->question = column_text(st, 0);
	r->box = sqlite3_column_int(st, 1);
	r->due = sqlite3_column_int64(st, 2);
}

int store_review_queue(struct store *s, int64_t user, const char *course,
		       bool due_only, int64_t today, struct review_row **rows,
		       size_t *n, char **err)
{
	sqlite3_stmt *st = prepare(
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
	bind_text(st, 2, course);
	sqlite3_bind_int(st, 3, due_only);
	sqlite3_bind_int64(st, 4, today);
	rc = read_rows(s, st, sizeof(**rows), read_review_row, &v, n, err,
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
	return write_one(s, err, "cannot record the step",
			 "INSERT OR IGNORE INTO path_progress (user_id, course,"
			 " path, step, done_at) VALUES (?1, ?2, ?3, ?4, ?5)",
			 "ittti", user, course, path, step, now);
}

int store_step_is_done(struct store *s, int64_t user, const char *course,
		       const char *path, const char *step, int64_t *when,
		       char **err)
{
	sqlite3_stmt *st =
		prepare(s,
			"SELECT done_at FROM path_progress WHERE user_id = ?1"
			" AND course = ?2 AND path = ?3 AND step = ?4",
			err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, user);
	bind_text(st, 2, course);
	bind_text(st, 3, path);
	bind_text(st, 4, step);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && when)
		*when = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return fail(s, err, "cannot read the path");
}

/* ---- sales meetings ---- */

int store_meeting_begin(struct store *s, const char *course,
			const char *exercise, const char *facilitator,
			int64_t now, char uuid[37], char **err)
{
	store_uuid(uuid);
	return write_one(s, err, "cannot record the meeting",
			 "INSERT INTO meetings (uuid, course, exercise,"
			 " facilitator, started) VALUES (?1, ?2, ?3, ?4, ?5)",
			 "tttti", uuid, course, exercise, facilitator, now);
}

int store_meeting_vote(struct store *s, const char *meeting, const char *item,
		       const char *who, const char *choice, int64_t count,
		       int64_t now, char **err)
{
	return write_one(
		s, err, "cannot record the room's answer",
		"INSERT INTO meeting_votes (meeting_id, item, who, choice,"
		" count, at) SELECT id, ?2, ?3, ?4, ?5, ?6 FROM meetings"
		" WHERE uuid = ?1",
		"ttttii", meeting, item, who, choice, count, now);
}

int store_meeting_tally(struct store *s, const char *meeting, const char *item,
			const char *const *choices, const int64_t *counts,
			size_t n, int64_t now, char **err)
{
	sqlite3_stmt *st = NULL;
	size_t i;
	int rc = -1;

	if (begin(s, err) != 0)
		return -1;
	st = prepare(
		s,
		"DELETE FROM meeting_votes WHERE who IS NULL AND item = ?2"
		" AND meeting_id = (SELECT id FROM meetings WHERE uuid = ?1)",
		err);
	if (!st)
		goto out;
	bind_text(st, 1, meeting);
	bind_text(st, 2, item);
	if (step_done(s, st, err, "cannot record the show of hands") != 0)
		goto out;
	sqlite3_finalize(st);
	st = prepare(s,
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
		bind_text(st, 1, meeting);
		bind_text(st, 2, item);
		bind_text(st, 3, choices[i]);
		sqlite3_bind_int64(st, 4, counts[i]);
		sqlite3_bind_int64(st, 5, now);
		if (step_done(s, st, err, "cannot record the show of hands") !=
		    0)
			goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	rc = commit(s, err);
out:
	sqlite3_finalize(st);
	if (rc != 0)
		rollback(s);
	return rc;
}

int store_meeting_end(struct store *s, const char *meeting, int64_t now,
		      char **err)
{
	return write_one(s, err, "cannot close the meeting",
			 "UPDATE meetings SET finished = ?2 WHERE uuid = ?1",
			 "ti", meeting, now);
}

/* ---- records: exports and merges ---- */

/* The statements that read an attempt's parts, prepared once and bound
 * again for each attempt. */
struct parts_reader {
	sqlite3_stmt *items, *answers, *scores;
};

static int parts_open(struct store *s, struct parts_reader *pr, char **err)
{
	memset(pr, 0, sizeof(*pr));
	pr->items = prepare(s,
			    "SELECT position, item, choices FROM attempt_items"
			    " WHERE attempt_id = ?1 ORDER BY position",
			    err);
	if (pr->items)
		pr->answers = prepare(
			s,
			"SELECT position, item, competency, outcome, response,"
			" credit, earned, possible, keyed, answered_at, seconds"
			" FROM answers WHERE attempt_id = ?1 ORDER BY "
			"position, id",
			err);
	if (pr->answers)
		pr->scores = prepare(
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
		x->item = column_text(st, 1);
		x->choices = column_text(st, 2);
	}
	if (rc != SQLITE_DONE)
		return fail(s, err, "cannot read an attempt's questions");
	st = pr->answers;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct record_answer *x = push(&r->answers, &r->n_answers,
					       &cap_answers, sizeof(*x));
		x->position = sqlite3_column_int64(st, 0);
		x->item = column_text(st, 1);
		x->competency = column_text(st, 2);
		x->outcome = column_text(st, 3);
		x->response = column_text(st, 4);
		x->has_points = sqlite3_column_type(st, 5) != SQLITE_NULL;
		x->credit = sqlite3_column_double(st, 5);
		x->earned = sqlite3_column_double(st, 6);
		x->possible = sqlite3_column_double(st, 7);
		x->has_keyed = sqlite3_column_type(st, 8) != SQLITE_NULL;
		x->keyed = sqlite3_column_int64(st, 8);
		x->answered_at = sqlite3_column_int64(st, 9);
		x->seconds = sqlite3_column_double(st, 10);
	}
	if (rc != SQLITE_DONE)
		return fail(s, err, "cannot read an attempt's answers");
	st = pr->scores;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct record_score *x =
			push(&r->scores, &r->n_scores, &cap_scores, sizeof(*x));
		x->competency = column_text(st, 0);
		x->scored = sqlite3_column_int(st, 1) != 0;
		x->score = sqlite3_column_double(st, 2);
		x->earned = sqlite3_column_double(st, 3);
		x->possible = sqlite3_column_double(st, 4);
		x->answered = sqlite3_column_int64(st, 5);
		x->total = sqlite3_column_int64(st, 6);
	}
	if (rc != SQLITE_DONE)
		return fail(s, err, "cannot read an attempt's scores");
	return 0;
}

/* The columns of an attempt, in the order read_head() takes them. */
#define RECORD_HEAD                                                            \
	"SELECT a.id, a.uuid, u.name, a.course, a.kind, a.item,"               \
	" a.fingerprint, a.seed, a.status, a.meeting, a.band, a.started,"      \
	" a.finished, a.total, a.score, a.passed, a.straight_lining"           \
	" FROM attempts a JOIN users u ON u.id = a.user_id"

static int64_t read_head(sqlite3_stmt *st, struct record *r)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->uuid, sizeof(r->uuid), "%s",
		 (const char *)sqlite3_column_text(st, 1));
	r->user = column_text(st, 2);
	r->course = column_text(st, 3);
	r->kind = column_text(st, 4);
	r->item = column_text(st, 5);
	r->fingerprint = column_text(st, 6);
	r->seed = column_text(st, 7);
	r->status = column_text(st, 8);
	r->meeting = column_text(st, 9);
	r->band = column_text(st, 10);
	r->started = sqlite3_column_int64(st, 11);
	r->finished = sqlite3_column_int64(st, 12);
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
	if (exec(s, "BEGIN", err) != 0)
		return -1;
	st = prepare(s,
		     RECORD_HEAD
		     " WHERE (?1 IS NULL OR a.course = ?1)"
		     " AND (?2 IS NULL OR u.name = ?2) AND a.started >= ?3"
		     " ORDER BY a.started, a.id",
		     err);
	if (!st || parts_open(s, &pr, err) != 0)
		goto out;
	bind_text(st, 1, f->course);
	bind_text(st, 2, f->user);
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
		fail(s, err, "cannot read the attempts");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	parts_close(&pr);
	rollback(s); /* ends the read transaction */
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
	if (!(w->find = prepare(s, RECORD_HEAD " WHERE a.uuid = ?1", err)) ||
	    !(w->user = prepare(s,
				"INSERT OR IGNORE INTO users (name, created)"
				" VALUES (?1, ?2)",
				err)) ||
	    !(w->user_id = prepare(s, "SELECT id FROM users WHERE name = ?1",
				   err)) ||
	    !(w->attempt = prepare(
		      s,
		      "INSERT INTO attempts (uuid, user_id, course, kind, item,"
		      " fingerprint, seed, started, finished, status, total,"
		      " score, band, passed, straight_lining, meeting) VALUES"
		      " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
		      "?13,"
		      " ?14, ?15, ?16)",
		      err)) ||
	    !(w->item = prepare(s,
				"INSERT INTO attempt_items (attempt_id,"
				" position, item, choices)"
				" VALUES (?1, ?2, ?3, ?4)",
				err)) ||
	    !(w->answer =
		      prepare(s,
			      "INSERT INTO answers (attempt_id, position, item,"
			      " competency, outcome, response, credit, earned, "
			      "possible,"
			      " keyed, answered_at, seconds) VALUES (?1, ?2, "
			      "?3, ?4, ?5,"
			      " ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
			      err)) ||
	    !(w->score = prepare(
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
	int rc = step_done(s, st, err, what);

	sqlite3_reset(st);
	return rc;
}

static int insert_record(struct store *s, struct merge_writer *w,
			 const struct record *r, char **err)
{
	int64_t user, id;
	size_t i;
	sqlite3_stmt *st;

	bind_text(w->user, 1, r->user);
	sqlite3_bind_int64(w->user, 2, r->started);
	if (restep(s, w->user, err, "cannot add the user") != 0)
		return -1;
	bind_text(w->user_id, 1, r->user);
	if (sqlite3_step(w->user_id) != SQLITE_ROW) {
		sqlite3_reset(w->user_id);
		return fail(s, err, "cannot find the user");
	}
	user = sqlite3_column_int64(w->user_id, 0);
	sqlite3_reset(w->user_id);

	st = w->attempt;
	bind_text(st, 1, r->uuid);
	sqlite3_bind_int64(st, 2, user);
	bind_text(st, 3, r->course);
	bind_text(st, 4, r->kind);
	bind_text(st, 5, r->item);
	bind_text(st, 6, r->fingerprint);
	bind_text(st, 7, r->seed);
	sqlite3_bind_int64(st, 8, r->started);
	if (record_is_finished(r))
		sqlite3_bind_int64(st, 9, r->finished);
	else
		sqlite3_bind_null(st, 9);
	bind_text(st, 10, r->status);
	sqlite3_bind_int64(st, 11, r->total);
	bind_real_or_null(st, 12, r->scored, r->score);
	bind_text(st, 13, r->band);
	bind_tristate(st, 14, r->passed);
	bind_tristate(st, 15, r->straight);
	bind_text(st, 16, r->meeting);
	if (restep(s, st, err, "cannot add the attempt") != 0)
		return -1;
	id = sqlite3_last_insert_rowid(s->db);

	for (i = 0; i < r->n_items; i++) {
		st = w->item;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, r->items[i].position);
		bind_text(st, 3, r->items[i].item);
		bind_text(st, 4, r->items[i].choices);
		if (restep(s, st, err, "cannot add the attempt's plan") != 0)
			return -1;
	}
	for (i = 0; i < r->n_answers; i++) {
		const struct record_answer *x = &r->answers[i];
		st = w->answer;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, x->position);
		bind_text(st, 3, x->item);
		bind_text(st, 4, x->competency);
		bind_text(st, 5, x->outcome);
		bind_text(st, 6, x->response);
		bind_real_or_null(st, 7, x->has_points, x->credit);
		bind_real_or_null(st, 8, x->has_points, x->earned);
		bind_real_or_null(st, 9, x->has_points, x->possible);
		if (x->has_keyed)
			sqlite3_bind_int64(st, 10, x->keyed);
		else
			sqlite3_bind_null(st, 10);
		sqlite3_bind_int64(st, 11, x->answered_at);
		sqlite3_bind_double(st, 12, x->seconds);
		if (restep(s, st, err, "cannot add an answer") != 0)
			return -1;
	}
	for (i = 0; i < r->n_scores; i++) {
		const struct record_score *x = &r->scores[i];
		st = w->score;
		sqlite3_bind_int64(st, 1, id);
		bind_text(st, 2, x->competency);
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
	bind_text(w->find, 1, r->uuid);
	step = sqlite3_step(w->find);
	if (step == SQLITE_DONE) {
		sqlite3_reset(w->find);
		*outcome = MERGE_ADDED;
		return insert_record(s, w, r, err);
	}
	if (step != SQLITE_ROW) {
		sqlite3_reset(w->find);
		return fail(s, err, "cannot look the attempt up");
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
	if (begin(s, err) != 0)
		return -1;
	m = xcalloc(1, sizeof(*m));
	m->s = s;
	if (writer_open(s, &m->w, err) != 0) {
		free(m);
		rollback(s);
		return -1;
	}
	if (parts_open(s, &m->pr, err) != 0) {
		writer_close(&m->w);
		free(m);
		rollback(s);
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
		rc = commit(s, err);
	if (!keep || rc != 0)
		rollback(s);
	return rc;
}
