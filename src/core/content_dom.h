/* SPDX-License-Identifier: GPL-3.0-or-later */
/* content_dom.h - what the loader's libxml2 side shares: a document being
 * loaded and its diagnostics, the positions of its nodes (content.c) and
 * the builders from its tree to the model (content_build.c). */
#ifndef RAPPORT_CONTENT_DOM_H
#define RAPPORT_CONTENT_DOM_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "diag.h"
#include "model.h"
#include "util.h"

/* One document being loaded: where its diagnostics go. */
struct load {
	struct course *course;
	struct diag_list *dl;
	const char *file;    /* the course's copy of the name */
	const char *buf;     /* the raw bytes, for columns */
	size_t len;	     /* bytes in buf */
	unsigned lib_errors; /* libxml2 diagnostics taken for this file */
	bool doctype;	     /* a DOCTYPE was refused */
	bool failed;	     /* any error in this file */
	size_t first_diag;   /* dl->n when this file began */
	char *pending;	     /* a schema error with no place, owned */
	/* elements libxml2 says failed to validate their attributes without
	 * saying which one: their names, to find them afterwards */
	char *unplaced[8];
	size_t n_unplaced;
	bool bank; /* another tool's bank (import): its own
		      size cap, no line cap, lines past
		      65535 kept (cx_node_line) */
	/* set: each element the root holds is given to it as soon as its
	 * end tag is read, and then freed, so that a long file is never in
	 * memory whole (a bank of tens of thousands of questions). Not
	 * called once the document is known to be bad. */
	void (*take_child)(struct load *ld, xmlNode *n);
	void *take_ctx;
	const char *col_base; /* the parser buffer of the last column */
	const char *col_at;   /* the byte of the last column asked for */
	unsigned col;	      /* that column */
};

/* Adds a diagnostic at line and column of the document (an error marks it
 * failed); ERR and WARN say which. */
void content_diag(struct load *ld, enum diag_level level, unsigned line,
		  unsigned col, const char *fmt, ...) RP_PRINTF(5, 6);
#define ERR(ld, line, col, ...)                                                \
	content_diag(ld, DIAG_ERROR, line, col, __VA_ARGS__)
#define WARN(ld, line, col, ...)                                               \
	content_diag(ld, DIAG_WARNING, line, col, __VA_ARGS__)

/* content.c: where a node is, in columns of the raw bytes; whether it is
 * the element name. */
unsigned cx_node_col(const xmlNode *n);
struct src_loc cx_loc_of(const struct load *ld, const xmlNode *n);
bool cx_is_elem(const xmlNode *n, const char *name);

/* content.c: the checks before parsing and the parse itself, as every
 * course file gets them, for a document that is read but not built (a
 * Moodle bank: ld->bank). NULL after a diagnostic; the caller frees the
 * document with xmlFreeDoc(). With ld->take_child, what is left of it is
 * the root and what the root holds besides elements. */
xmlDocPtr content_parse(struct load *ld);
/* The line an element starts on, past 65535 too in a bank. */
unsigned cx_node_line(const xmlNode *n);

/* content_moodle.c: frees the HTML parser kept for the next text. */
void content_moodle_free(void);

/* content_build.c: the model built from a valid document's root, a course
 * or one item of a course folder. */
void content_build_course(struct load *ld, const xmlNode *n);
void content_build_item(struct load *ld, const xmlNode *n);

#endif
