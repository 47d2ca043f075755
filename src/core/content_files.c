/* SPDX-License-Identifier: GPL-3.0-or-later */
/* content_files.c - course files and folders: the safe read, the walk of a
 * course folder, finding courses, and content_load(). Each document goes
 * to the loader (content.c); nothing here includes libxml2. */
#include "content.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content_int.h"
#include "text.h"
#include "util.h"

/* ---- files and folders ---- */

char *content_read_file(const char *path, size_t *len, struct diag_list *dl)
{
	enum file_problem why;
	char *err = NULL;
	char *buf = file_read(path, CONTENT_MAX_FILE_BYTES, len, &why, &err);

	if (!buf) {
		unsigned at = why == FILE_TOO_LARGE ? 1 : 0;
		diag_add(dl, DIAG_ERROR, path, at, at, "%s%s", err,
			 why == FILE_TOO_LARGE ? ": split it into several files"
					       : "");
		free(err);
	}
	return buf;
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names in dir, without those starting with a dot; NULL when the
 * folder cannot be read (a diagnostic says why). */
static char **list_dir(const char *dir, size_t *count, struct diag_list *dl)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	size_t n = 0, cap = 0;

	*count = 0;
	if (!d) {
		if (dl)
			diag_add(dl, DIAG_ERROR, dir, 0, 0,
				 "cannot read the folder: %s", strerror(errno));
		return NULL;
	}
	while ((e = readdir(d)) != NULL) {
		void *p = v;
		if (e->d_name[0] == '.')
			continue;
		xgrow(&p, &cap, n + 1, sizeof(*v));
		v = p;
		v[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	sort_array(v, n, sizeof(*v), cmp_str);
	*count = n;
	return v;
}

static void free_list(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static char *join(const char *dir, const char *name)
{
	size_t n = strlen(dir);

	return xasprintf("%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/",
			 name);
}

/* Collects the .xml files under dir (course.xml first), refusing links. */
static void collect(const char *dir, int depth, struct item_list *files,
		    struct diag_list *dl)
{
	size_t n, i;
	char **names = list_dir(dir, &n, dl);

	for (i = 0; i < n; i++) {
		char *p = join(dir, names[i]);
		struct stat st;
		if (lstat(p, &st) != 0) {
			diag_add(dl, DIAG_ERROR, p, 0, 0, "cannot read: %s",
				 strerror(errno));
		} else if (S_ISLNK(st.st_mode)) {
			if (has_suffix(names[i], ".xml") || depth == 0)
				diag_add(dl, DIAG_ERROR, p, 0, 0,
					 "a symbolic link; links in a course "
					 "folder are not followed");
		} else if (S_ISDIR(st.st_mode)) {
			if (depth >= CONTENT_MAX_DEPTH)
				diag_add(dl, DIAG_ERROR, p, 0, 0,
					 "folders nest too deep (more than %d)",
					 CONTENT_MAX_DEPTH);
			else
				collect(p, depth + 1, files, dl);
		} else if (has_suffix(names[i], ".xml")) {
			if (!S_ISREG(st.st_mode)) {
				diag_add(dl, DIAG_ERROR, p, 0, 0,
					 "not a regular file");
			} else if (depth == 0 &&
				   strcmp(names[i], CONTENT_COURSE_FILE) == 0) {
				/* course.xml goes first */
				item_list_push(files, NULL);
				memmove(files->v + 1, files->v,
					(files->n - 1) * sizeof(void *));
				files->v[0] = p;
				p = NULL;
			} else {
				item_list_push(files, p);
				p = NULL;
			}
		}
		free(p);
	}
	free_list(names, n);
}

bool content_is_course_dir(const char *dir)
{
	char *p = join(dir, CONTENT_COURSE_FILE);
	struct stat st;
	bool yes = lstat(p, &st) == 0 && S_ISREG(st.st_mode);

	free(p);
	return yes;
}

static void load_file_into(struct course *c, const char *file, bool in_folder,
			   struct diag_list *dl)
{
	size_t len;
	char *buf = content_read_file(file, &len, dl);

	if (!buf) {
		course_add_file(c, file);
		c->files_skipped++;
		return;
	}
	content_load_document(c, file, buf, len, dl, in_folder);
	free(buf);
}

static struct course *load_folder(const char *dir, struct diag_list *dl)
{
	struct course *c = course_new(dir);
	struct item_list files = { 0 };
	size_t i;

	content_init();
	if (!content_is_course_dir(dir))
		diag_add(dl, DIAG_ERROR, dir, 0, 0,
			 "no %s here: a course folder needs one",
			 CONTENT_COURSE_FILE);
	collect(dir, 0, &files, dl);
	for (i = 0; i < files.n; i++) {
		load_file_into(c, files.v[i], true, dl);
		free(files.v[i]);
	}
	free(files.v);
	course_link(c);
	return c;
}

/* The folder that holds file, then its parent, up to two levels: the first
 * one that is a course folder, or NULL. Caller frees. */
static char *course_dir_of(const char *file)
{
	char *dir = xstrdup(file);
	int level;

	for (level = 0; level < 3; level++) {
		char *slash = strrchr(dir, '/');
		if (!slash) {
			if (level > 0 || strcmp(dir, ".") == 0)
				break;
			free(dir);
			dir = xstrdup(".");
		} else if (slash == dir) {
			dir[1] = '\0';
		} else {
			*slash = '\0';
		}
		if (content_is_course_dir(dir))
			return dir;
		if (strcmp(dir, "/") == 0 || strcmp(dir, ".") == 0)
			break;
	}
	free(dir);
	return NULL;
}

struct course *content_load(const char *path, struct diag_list *dl)
{
	struct stat st;
	struct course *c;
	char *dir;

	content_init();
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return load_folder(path, dl);
	dir = course_dir_of(path);
	if (dir) {
		c = load_folder(dir, dl);
		free(dir);
		return c;
	}
	c = course_new(path);
	load_file_into(c, path, false, dl);
	course_link(c);
	return c;
}

size_t content_find_courses(const char *root, char ***paths)
{
	size_t n, i, k = 0;
	char **names, **out;

	*paths = NULL;
	if (content_is_course_dir(root)) {
		*paths = xcalloc(1, sizeof(char *));
		(*paths)[0] = xstrdup(root);
		return 1;
	}
	names = list_dir(root, &n, NULL);
	out = xcalloc(n ? n : 1, sizeof(char *));
	for (i = 0; i < n; i++) {
		char *p = join(root, names[i]);
		struct stat st;
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode) &&
		    content_is_course_dir(p))
			out[k++] = p;
		else
			free(p);
	}
	free_list(names, n);
	*paths = out;
	return k;
}
