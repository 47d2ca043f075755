/* SPDX-License-Identifier: GPL-3.0-or-later */
/* content.h - course files to model: the safe loader, and the owner of the
 * one libxml2 session, which the HTML report (report_html.c, the only other
 * file that includes libxml2) also writes through.
 *
 * Every file is read by the loader itself (regular file, no links, size and
 * line caps, no compressed data), parsed from memory with no DTD, no entity
 * substitution, no network and a deny-all external loader, checked against
 * the embedded RelaxNG schema, and turned into model items. Problems go to
 * a diag_list; nothing is printed. */
#ifndef RAPPORT_CONTENT_H
#define RAPPORT_CONTENT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"

#define CONTENT_MAX_FILE_BYTES	(4u << 20)   /* one file */
#define CONTENT_MAX_LINES	65535u	     /* one file */
#define CONTENT_MAX_TEXT	65536u	     /* one element's text */
#define CONTENT_MAX_FILE_ERRORS 20u	     /* reported per file */
#define CONTENT_MAX_BANK_BYTES	(256u << 20) /* a bank to import */
#define CONTENT_MAX_DEPTH	8	     /* folders inside a course */
#define CONTENT_COURSE_FILE	"course.xml"

/* Sets up libxml2 for safe use (deny-all loader, quiet default handlers).
 * Called by every load function and by report_html(); cheap after the
 * first call. */
void content_init(void);
/* Frees the compiled schema and libxml2's globals; call once at exit. */
void content_cleanup(void);

/* Loads the course at path: a course folder, or a file. A file loads the
 * course folder it belongs to (the nearest folder, up to two levels above,
 * holding course.xml); a file outside any course folder is a course of its
 * own. Returns the course, with whatever loaded, even when there were
 * errors; the caller frees it with course_free(). References are linked. */
struct course *content_load(const char *path, struct diag_list *dl);

/* Loads one document held in memory into c, under the file name name.
 * Returns true when it was well-formed, valid and added to c. Does not
 * link; call course_link() after the last document. Touches no files. */
bool content_load_memory(struct course *c, const char *name, const char *buf,
			 size_t len, struct diag_list *dl);

/* The same for one file of a course folder (a course element only in
 * course.xml, any other root beside it): the files an import is about to
 * write, checked before any is. */
bool content_load_member(struct course *c, const char *name, const char *buf,
			 size_t len, struct diag_list *dl);

/* Reads a course file safely: refuses links, anything but a regular file,
 * files over CONTENT_MAX_FILE_BYTES. Returns a NUL-terminated buffer the
 * caller frees and its length in *len, or NULL after adding a diagnostic. */
char *content_read_file(const char *path, size_t *len, struct diag_list *dl);

/* True when dir holds a course.xml. */
bool content_is_course_dir(const char *dir);

/* The course folders in root: root itself when it is one, else its
 * subfolders that are, sorted. Returns how many and sets *paths to an array
 * of strings; the caller frees each and the array. */
size_t content_find_courses(const char *root, char ***paths);

#endif
