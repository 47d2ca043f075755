/* SPDX-License-Identifier: GPL-3.0-or-later */
/* outfile.c - writing a file the user named: a regular file replaced
 * whole through a nameless file beside it, a stream written in place,
 * and what must not be written refused (outfile.h). */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

static void clear(struct outfile *of)
{
	memset(of, 0, sizeof(*of));
	of->dirfd = -1;
}

static void release(struct outfile *of)
{
	if (of->dirfd >= 0)
		close(of->dirfd);
	free(of->shown);
	free(of->name);
	free(of->tmp);
	clear(of);
}

static int problem(char **err, const char *fmt, ...) RP_PRINTF(2, 3);

static int problem(char **err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	*err = xvasprintf(fmt, ap);
	va_end(ap);
	return -1;
}

/* The folder part of path ("." when it has none) and its last part. */
static void split(const char *path, char **dir, char **base)
{
	const char *slash = strrchr(path, '/');

	if (!slash) {
		*dir = xstrdup(".");
		*base = xstrdup(path);
	} else {
		*dir = slash == path ? xstrdup("/")
				     : xstrndup(path, (size_t)(slash - path));
		*base = xstrdup(slash + 1);
	}
}

/* path with its folder resolved (links followed, made absolute) and its
 * last part kept: the name a file has, or would have once made. NULL
 * when the folder does not resolve. Caller frees. */
static char *name_in_real_folder(const char *path)
{
	char *dir, *base, real[PATH_MAX], *out = NULL;

	split(path, &dir, &base);
	if (realpath(dir, real))
		out = xasprintf("%s/%s", strcmp(real, "/") ? real : "", base);
	free(dir);
	free(base);
	return out;
}

/* The guard that target (st: its status after links, NULL when it does
 * not exist; name: name_in_real_folder of it) would write over. */
static const struct outfile_guard *guarded(const struct stat *st,
					   const char *name,
					   const struct outfile_guard *g,
					   size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct stat gs;
		char *gname;
		bool same;
		if (!g[i].path)
			continue;
		if (st && stat(g[i].path, &gs) == 0 &&
		    gs.st_dev == st->st_dev && gs.st_ino == st->st_ino)
			return &g[i];
		gname = name_in_real_folder(g[i].path);
		same = gname && name && strcmp(gname, name) == 0;
		free(gname);
		if (same)
			return &g[i];
	}
	return NULL;
}

static int open_stream(struct outfile *of, const char *path, int fd, char **err)
{
	of->f = fdopen(fd, "w");
	if (!of->f) {
		close(fd);
		return problem(err, "cannot write '%s': %s", path,
			       strerror(errno));
	}
	of->kind = OUTFILE_STREAM;
	of->shown = xstrdup(path);
	return 0;
}

/* ".NAME.XXXXXX" with six random letters: a name for the moment the
 * new file has one before it replaces NAME. Caller frees. */
static char *temp_name(const char *name)
{
	static const char letters[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	unsigned char r[6];
	char suffix[7];
	size_t i;

	if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r))
		for (i = 0; i < sizeof(r); i++)
			r[i] = (unsigned char)(rand() & 0xff);
	for (i = 0; i < sizeof(r); i++)
		suffix[i] = letters[r[i] % (sizeof(letters) - 1)];
	suffix[6] = '\0';
	return xasprintf(".%.200s.%s", name, suffix);
}

/* A new file in the folder: nameless (O_TMPFILE) where the file system
 * has them, so that a kill leaves nothing; else under a temporary name,
 * removed again when the writing fails. */
static int open_replacement(struct outfile *of, const char *path,
			    const char *real, char **err)
{
	char *dir, *base;
	int fd, tries;

	split(real, &dir, &base);
	of->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	of->name = base;
	if (of->dirfd < 0)
		return problem(err, "cannot write '%s': %s", path,
			       strerror(errno));
	fd = openat(of->dirfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
	if (fd < 0 && errno != EOPNOTSUPP && errno != EISDIR &&
	    errno != EINVAL && errno != ENOENT)
		return problem(err, "cannot write '%s': %s", path,
			       errno == EACCES ? "its folder is not writable"
					       : strerror(errno));
	/* a nameless file gets its name through /proc, or AT_EMPTY_PATH for
	 * root: without either it could never be put in place */
	if (fd >= 0 && geteuid() != 0 && access("/proc/self/fd", F_OK) != 0) {
		close(fd);
		fd = -1;
	}
	for (tries = 0; fd < 0 && tries < 100; tries++) {
		free(of->tmp);
		of->tmp = temp_name(base);
		fd = openat(of->dirfd, of->tmp,
			    O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC |
				    O_NOFOLLOW,
			    0600);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		free(of->tmp);
		of->tmp = NULL;
		return problem(err, "cannot write '%s': %s", path,
			       errno == EACCES ? "its folder is not writable"
					       : strerror(errno));
	}
	of->f = fdopen(fd, "w");
	if (!of->f) {
		close(fd);
		return problem(err, "cannot write '%s': %s", path,
			       strerror(errno));
	}
	of->kind = OUTFILE_REPLACE;
	of->shown = xstrdup(path);
	return 0;
}

static bool is_stdout(const struct stat *st)
{
	struct stat out;

	return fstat(STDOUT_FILENO, &out) == 0 && out.st_dev == st->st_dev &&
	       out.st_ino == st->st_ino;
}

int outfile_open(struct outfile *of, const char *path,
		 const struct outfile_guard *guards, size_t n, char **err)
{
	const struct outfile_guard *g;
	struct stat st, lst;
	char real[PATH_MAX], *name;
	bool exists;
	int rc, fd;

	clear(of);
	if (!*path)
		return problem(err, "an empty file name");
	if (path[strlen(path) - 1] == '/')
		return problem(err, "'%s' names a folder; give a file name",
			       path);
	exists = stat(path, &st) == 0;
	if (!exists && errno != ENOENT)
		return problem(err, "cannot write '%s': %s", path,
			       strerror(errno));
	if (!exists && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
		return problem(
			err,
			"'%s' is a symbolic link to a file that does not "
			"exist",
			path);
	if (exists && S_ISDIR(st.st_mode))
		return problem(err, "'%s' is a folder; give a file name", path);
	name = name_in_real_folder(
		exists && S_ISREG(st.st_mode) && realpath(path, real) ? real
								      : path);
	if (!name && !exists) {
		char *dir, *base;
		split(path, &dir, &base);
		rc = problem(err, "cannot write '%s': no folder '%s'", path,
			     dir);
		free(dir);
		free(base);
		return rc;
	}
	g = guarded(exists ? &st : NULL, name, guards, n);
	if (g) {
		free(name);
		return problem(err, "'%s' is %s; write to another file", path,
			       g->what);
	}
	if (exists && S_ISBLK(st.st_mode)) {
		free(name);
		return problem(err,
			       "'%s' is a disk; rapport writes only files, "
			       "terminals and pipes",
			       path);
	}
	if (exists && is_stdout(&st)) {
		free(name);
		of->kind = OUTFILE_STDOUT;
		return 0;
	}
	if (exists && !S_ISREG(st.st_mode)) {
		/* nothing can take a device's or a pipe's place: write into
		 * it as a shell's '>' would, never creating, never
		 * truncating */
		free(name);
		fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
		if (fd < 0)
			return problem(err, "cannot write '%s': %s", path,
				       strerror(errno));
		if (fstat(fd, &lst) != 0 || S_ISREG(lst.st_mode)) {
			close(fd);
			return problem(err,
				       "'%s' changed while it was being "
				       "opened",
				       path);
		}
		return open_stream(of, path, fd, err);
	}
	if (exists && faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) != 0) {
		free(name);
		return problem(err, "cannot write '%s': %s", path,
			       errno == EACCES ? "it is read-only"
					       : strerror(errno));
	}
	rc = open_replacement(of, path, name, err);
	free(name);
	if (rc != 0)
		release(of);
	return rc;
}

/* Gives the nameless file fd a temporary name in the folder, from which
 * it is renamed over the target. */
static char *link_nameless(struct outfile *of, int fd)
{
	char proc[64];
	int tries;

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	for (tries = 0; tries < 100; tries++) {
		char *tmp = temp_name(of->name);
		if (linkat(fd, "", of->dirfd, tmp, AT_EMPTY_PATH) == 0 ||
		    (errno != EEXIST && linkat(AT_FDCWD, proc, of->dirfd, tmp,
					       AT_SYMLINK_FOLLOW) == 0))
			return tmp;
		free(tmp);
		if (errno != EEXIST)
			return NULL;
	}
	return NULL;
}

int outfile_commit(struct outfile *of, char **err)
{
	int fd, saved = 0;
	bool ok = true;

	if (!of->f)
		return problem(err, "nothing to write");
	fd = fileno(of->f);
	if (fflush(of->f) != 0 || ferror(of->f)) {
		saved = errno;
		ok = false;
	}
	if (ok && of->kind == OUTFILE_REPLACE && fsync(fd) != 0) {
		saved = errno;
		ok = false;
	}
	if (ok && of->kind == OUTFILE_REPLACE) {
		if (!of->tmp && !(of->tmp = link_nameless(of, fd)))
			saved = errno, ok = false;
		if (ok &&
		    renameat(of->dirfd, of->tmp, of->dirfd, of->name) != 0)
			saved = errno, ok = false;
		if (ok) {
			free(of->tmp);
			of->tmp = NULL;
			fsync(of->dirfd); /* the new name lasts too */
		}
	}
	if (fclose(of->f) != 0 && ok) {
		saved = errno;
		ok = false;
	}
	of->f = NULL;
	if (!ok) {
		*err = xasprintf("cannot write '%s': %s", of->shown,
				 strerror(saved ? saved : EIO));
		if (of->tmp)
			unlinkat(of->dirfd, of->tmp, 0);
	}
	release(of);
	return ok ? 0 : -1;
}

void outfile_discard(struct outfile *of)
{
	if (of->f)
		fclose(of->f);
	of->f = NULL;
	if (of->tmp && of->dirfd >= 0)
		unlinkat(of->dirfd, of->tmp, 0);
	release(of);
}
