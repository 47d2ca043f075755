/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_outfile.c - writing a named file: replaced whole or left alone,
 * links followed, streams written in place, guarded files refused. */
#include "testlib.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"

/* A fresh folder for each test, removed at the end. */
static char dir[64];

static int make_dir(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/rapport-outfile.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	int rc = system(cmd);

	(void)state;
	free(cmd);
	return rc == 0 ? 0 : -1;
}

static char *at(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static void put(const char *name, const char *text)
{
	char *p = at(name);
	FILE *f = fopen(p, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(p);
}

/* The whole of a file in the folder, or NULL. Caller frees. */
static char *got(const char *name)
{
	char *p = at(name), *text;
	size_t len;
	enum file_problem why;
	char *err = NULL;

	text = file_read(p, 1 << 20, &len, &why, &err);
	free(err);
	free(p);
	return text;
}

/* How many names the folder holds, besides . and .. */
static int names(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static int open_at(struct outfile *of, const char *name,
		   const struct outfile_guard *g, size_t n, char **err)
{
	char *p = at(name);
	int rc = outfile_open(of, p, g, n, err);

	free(p);
	return rc;
}

static void new_file_appears_only_when_committed(void **state)
{
	struct outfile of;
	struct stat st;
	char *err = NULL, *p = at("new.csv"), *text;

	(void)state;
	assert_int_equal(outfile_open(&of, p, NULL, 0, &err), 0);
	assert_int_equal(of.kind, OUTFILE_REPLACE);
	fputs("a,b\r\n", of.f);
	/* nameless until it is whole */
	assert_int_equal(names(), 0);
	assert_int_equal(outfile_commit(&of, &err), 0);
	text = got("new.csv");
	assert_string_equal(text, "a,b\r\n");
	free(text);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(names(), 1);
	free(p);
}

static void discarded_file_leaves_the_old_one(void **state)
{
	struct outfile of;
	char *err = NULL, *text;

	(void)state;
	put("old.json", "old\n");
	assert_int_equal(open_at(&of, "old.json", NULL, 0, &err), 0);
	fputs("half of something new", of.f);
	outfile_discard(&of);
	text = got("old.json");
	assert_string_equal(text, "old\n");
	free(text);
	assert_int_equal(names(), 1);
	outfile_discard(&of); /* a cleared one: nothing */

	assert_int_equal(open_at(&of, "old.json", NULL, 0, &err), 0);
	fputs("new\n", of.f);
	assert_int_equal(outfile_commit(&of, &err), 0);
	text = got("old.json");
	assert_string_equal(text, "new\n");
	free(text);
	assert_int_equal(names(), 1);
}

static void a_link_is_followed_and_kept(void **state)
{
	struct outfile of;
	struct stat st;
	char *err = NULL, *link = at("report.html"), *text;

	(void)state;
	put("real.html", "old\n");
	assert_int_equal(symlink("real.html", link), 0);
	assert_int_equal(outfile_open(&of, link, NULL, 0, &err), 0);
	fputs("<p>new</p>\n", of.f);
	assert_int_equal(outfile_commit(&of, &err), 0);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	text = got("real.html");
	assert_string_equal(text, "<p>new</p>\n");
	free(text);
	free(link);
}

static void refusals_name_the_file_and_why(void **state)
{
	static const struct {
		const char *name, *message;
	} cases[] = {
		{ "sub/", "names a folder; give a file name" },
		{ "sub", "is a folder; give a file name" },
		{ "dangling",
		  "is a symbolic link to a file that does not exist" },
		{ "nowhere/x.csv", "no folder" },
	};
	struct outfile of;
	char *link = at("dangling"), *sub = at("sub");
	size_t i;

	(void)state;
	assert_int_equal(mkdir(sub, 0700), 0);
	assert_int_equal(symlink("gone", link), 0);
	for (i = 0; i < RP_ARRAY_LEN(cases); i++) {
		char *err = NULL;
		assert_int_equal(open_at(&of, cases[i].name, NULL, 0, &err),
				 -1);
		assert_non_null(strstr(err, cases[i].message));
		assert_non_null(strstr(err, cases[i].name));
		assert_null(of.f);
		free(err);
	}
	assert_int_equal(names(), 2);
	free(link);
	free(sub);
}

static void guarded_files_are_refused_by_name_and_identity(void **state)
{
	struct outfile of;
	char *db = at("r.db"), *wal = at("r.db-wal"), *alias = at("alias");
	char *err = NULL;
	const struct outfile_guard g[] = {
		{ db, "the results database" },
		{ wal, "a journal of the results database" },
	};
	char *text;

	(void)state;
	put("r.db", "SQLite format 3");
	/* the file itself, through a link, and the journal not yet there,
	 * under another spelling of its folder */
	assert_int_equal(symlink("r.db", alias), 0);
	assert_int_equal(open_at(&of, "r.db", g, 2, &err), -1);
	assert_non_null(strstr(err, "is the results database"));
	free(err);
	assert_int_equal(open_at(&of, "alias", g, 2, &err), -1);
	assert_non_null(strstr(err, "is the results database"));
	free(err);
	assert_int_equal(open_at(&of, "./r.db-wal", g, 2, &err), -1);
	assert_non_null(strstr(err, "is a journal of the results database"));
	free(err);
	text = got("r.db");
	assert_string_equal(text, "SQLite format 3");
	free(text);
	assert_int_equal(names(), 2);
	free(db);
	free(wal);
	free(alias);
}

static void a_fifo_is_written_in_place(void **state)
{
	struct outfile of;
	struct stat st;
	char *fifo = at("pipe"), *err = NULL, buf[64] = { 0 };
	int rd;

	(void)state;
	assert_int_equal(mkfifo(fifo, 0600), 0);
	rd = open(fifo, O_RDONLY | O_NONBLOCK);
	assert_true(rd >= 0);
	assert_int_equal(outfile_open(&of, fifo, NULL, 0, &err), 0);
	assert_int_equal(of.kind, OUTFILE_STREAM);
	fputs("through the pipe\n", of.f);
	assert_int_equal(outfile_commit(&of, &err), 0);
	assert_int_equal(read(rd, buf, sizeof(buf) - 1), 17);
	assert_string_equal(buf, "through the pipe\n");
	close(rd);
	assert_int_equal(lstat(fifo, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	assert_int_equal(names(), 1);
	free(fifo);
}

static void a_terminal_is_written_in_place(void **state)
{
	struct outfile of;
	struct stat st;
	char *err = NULL, buf[64] = { 0 };
	const char *name;
	int master;

	(void)state;
	master = posix_openpt(O_RDWR | O_NOCTTY);
	assert_true(master >= 0);
	assert_int_equal(grantpt(master), 0);
	assert_int_equal(unlockpt(master), 0);
	name = ptsname(master);
	assert_int_equal(outfile_open(&of, name, NULL, 0, &err), 0);
	assert_int_equal(of.kind, OUTFILE_STREAM);
	fputs("x", of.f);
	assert_int_equal(outfile_commit(&of, &err), 0);
	assert_int_equal(read(master, buf, sizeof(buf) - 1), 1);
	assert_int_equal(stat(name, &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	close(master);
}

static void a_failed_write_leaves_nothing(void **state)
{
	struct outfile of;
	char *err = NULL, *text;

	(void)state;
	put("kept.csv", "kept\n");
	assert_int_equal(open_at(&of, "kept.csv", NULL, 0, &err), 0);
	fputs("more", of.f);
	/* the descriptor goes away under it: the flush fails */
	close(fileno(of.f));
	assert_int_equal(outfile_commit(&of, &err), -1);
	assert_non_null(strstr(err, "cannot write"));
	assert_non_null(strstr(err, "kept.csv"));
	free(err);
	text = got("kept.csv");
	assert_string_equal(text, "kept\n");
	free(text);
	assert_int_equal(names(), 1);
}

static void a_read_only_file_is_refused(void **state)
{
	struct outfile of;
	char *p = at("ro.csv"), *err = NULL, *text;

	(void)state;
	if (geteuid() == 0)
		skip(); /* root may write anything */
	put("ro.csv", "mine\n");
	assert_int_equal(chmod(p, 0400), 0);
	assert_int_equal(outfile_open(&of, p, NULL, 0, &err), -1);
	assert_non_null(strstr(err, "read-only"));
	free(err);
	text = got("ro.csv");
	assert_string_equal(text, "mine\n");
	free(text);
	free(p);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, make_dir, remove_dir)
	const struct CMUnitTest tests[] = {
		T(new_file_appears_only_when_committed),
		T(discarded_file_leaves_the_old_one),
		T(a_link_is_followed_and_kept),
		T(refusals_name_the_file_and_why),
		T(guarded_files_are_refused_by_name_and_identity),
		T(a_fifo_is_written_in_place),
		T(a_terminal_is_written_in_place),
		T(a_failed_write_leaves_nothing),
		T(a_read_only_file_is_refused),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
