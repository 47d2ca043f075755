/* SPDX-License-Identifier: GPL-3.0-or-later */
/* diag.h - diagnostics collected from every layer, printed like a compiler's.
 */
#ifndef RAPPORT_DIAG_H
#define RAPPORT_DIAG_H

#include <stddef.h>

#include "util.h"

enum diag_level {
	DIAG_WARNING = 1,
	DIAG_ERROR = 2,
};

struct diag {
	char *file;	       /* where, as given by the caller; may be "" */
	unsigned line;	       /* 1-based, 0 when the whole file is meant */
	unsigned col;	       /* 1-based, 0 when unknown */
	enum diag_level level; /* warning or error */
	char *msg;	       /* lowercase, no full stop, raw bytes */
	size_t seq;	       /* order of arrival, for a stable sort */
};

/* Diagnostics in order of arrival. Initialise with {0}. */
struct diag_list {
	struct diag *items; /* owned */
	size_t n;	    /* items in use */
	size_t cap;	    /* items allocated */
	size_t errors;	    /* how many are errors */
	size_t warnings;    /* how many are warnings */
	size_t accepted;    /* warnings an author accepted on purpose, not
			       in the list */
};

void diag_add(struct diag_list *dl, enum diag_level level, const char *file,
	      unsigned line, unsigned col, const char *fmt, ...)
	RP_PRINTF(6, 7);
void diag_vadd(struct diag_list *dl, enum diag_level level, const char *file,
	       unsigned line, unsigned col, const char *fmt, va_list ap)
	RP_PRINTF(6, 0);
/* Orders by file, then line, then column; equal places keep their order of
 * arrival. Files come in the order of the n names in files (a course's
 * load order; may be NULL), then in order of their first diagnostic. */
void diag_sort(struct diag_list *dl, const char *const *files, size_t n);
/* "file:line:col: error: message" with every part made terminal-safe;
 * caller frees. */
char *diag_format(const struct diag *d);
/* "2 errors, 1 warning", "1 error" or "ok", and "(3 warnings accepted)"
 * or "(3 more accepted)" after it when some were; caller frees. */
char *diag_summary(size_t errors, size_t warnings, size_t accepted);
/* Moves every diagnostic of from to the end of to, in their order; from
 * is left empty. */
void diag_list_append(struct diag_list *to, struct diag_list *from);
void diag_list_release(struct diag_list *dl);

#endif
