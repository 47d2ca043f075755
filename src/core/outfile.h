/* SPDX-License-Identifier: GPL-3.0-or-later */
/* outfile.h - writing a file the user named without damaging what is
 * there. What the name leads to decides how it is written:
 *
 *   a regular file, or none yet   written to a new nameless file in the
 *                                 same folder, put in place whole at the
 *                                 end (links followed to the file they
 *                                 name); a failure or a kill leaves the
 *                                 old file, and no stray name, behind
 *   a terminal, a pipe, a device  written in place, as a shell's '>'
 *                                 would, since nothing can replace them
 *   standard output               left to the caller, who writes
 *                                 there as it would without a name
 *   a folder, a disk, a link to   refused
 *   nothing, a file guarded by
 *   the caller (the open
 *   database and its journals)
 *
 * Functions return 0, or -1 with *err set to a message that names the
 * file (lowercase, no full stop; the caller frees). */
#ifndef RAPPORT_OUTFILE_H
#define RAPPORT_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>

/* A file never to be written over, and what it is ("the results
 * database"), compared both by identity and by name, so that a link to
 * it, or a journal that is not there yet, is refused too. */
struct outfile_guard {
	const char *path;
	const char *what;
};

enum outfile_kind {
	OUTFILE_REPLACE, /* a regular file, put in place at the end */
	OUTFILE_STREAM,	 /* a terminal, pipe or device, written as it goes */
	OUTFILE_STDOUT,	 /* the caller's standard output: f is NULL */
};

struct outfile {
	FILE *f; /* write here */
	enum outfile_kind kind;
	char *shown; /* the name as given, for messages; owned */
	int dirfd;   /* REPLACE: the folder, or -1 */
	char *name;  /* REPLACE: the file's name in it; owned */
	char *tmp;   /* REPLACE: a named temporary file, when the
			file system has no nameless ones; owned */
};

/* Opens path for writing; guards (n of them) are refused. On failure of
 * is cleared and nothing was created. When path is standard output
 * (/dev/stdout, or the file or pipe it goes to) of->kind says so and
 * of->f is NULL; the caller writes to its own stdout and need not commit
 * or discard. */
int outfile_open(struct outfile *of, const char *path,
		 const struct outfile_guard *guards, size_t n, char **err);

/* Flushes what was written and, for a regular file, syncs it and puts it
 * in place. -1 when anything failed: a regular file is then left as it
 * was. Either way of is released. */
int outfile_commit(struct outfile *of, char **err);

/* Drops what was written (a regular file is left as it was; a stream has
 * had it already) and releases of. Does nothing for a cleared of. */
void outfile_discard(struct outfile *of);

#endif
