/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gift.h - Moodle's GIFT question format, read: the questions of a text
 * file as they are written, before anything decides what rapport makes of
 * them (import).
 *
 * A file is a list of questions separated by blank lines; lines starting
 * with // are comments; "$CATEGORY: path" sets the category of the
 * questions after it. A question is an optional ::title::, an optional
 * [format] (html, moodle, plain, markdown), its text, and an answer block
 * in braces, which may stand inside the text (a missing word). The block
 * says the type: {} an essay; {T}, {TRUE}, {F}, {FALSE} true/false, with
 * up to two #feedbacks; {#...} numerical; answers =right ~wrong, each with
 * an optional %weight% and #feedback, and a last ####general feedback:
 * matching when every answer is "=left -> right", short answer when every
 * one is =, multiple choice otherwise. A question without a block is a
 * description. \~ \= \# \{ \} \: and \\ stand for themselves, \n for a
 * line break. The file is UTF-8 text: a NUL byte, or a byte that is not
 * part of well-formed UTF-8, is an error (the first of each kind, with how
 * many lines have one) and reads as '?', so no string is cut short. */
#ifndef RAPPORT_GIFT_H
#define RAPPORT_GIFT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

enum gift_type {
	GIFT_DESCRIPTION,
	GIFT_CATEGORY,
	GIFT_MC,
	GIFT_TF,
	GIFT_SHORT,
	GIFT_NUMERICAL,
	GIFT_MATCHING,
	GIFT_ESSAY,
};

struct gift_answer {
	bool correct;	    /* written with =, not ~ */
	bool has_weight;    /* %weight% given */
	double weight;	    /* percent, -100 to 100 */
	char *text;	    /* unescaped; matching: the left side */
	char *match;	    /* matching: the right side; else NULL */
	char *feedback;	    /* may be NULL */
	unsigned line, col; /* where it starts */
};

struct gift_question {
	enum gift_type type;
	char *title;	 /* may be NULL */
	char *format;	 /* "moodle" unless [..] said */
	char *text;	 /* unescaped; a missing word is "_____" */
	bool embedded;	 /* the answers stood inside the text */
	char *category;	 /* GIFT_CATEGORY: the path; else the
			    category in force, or NULL */
	bool is_true;	 /* GIFT_TF */
	char *feedback1; /* GIFT_TF: the first and second #feedback */
	char *feedback2;
	char *general;	 /* ####general feedback; may be NULL */
	char *numerical; /* GIFT_NUMERICAL: the block as written */
	struct gift_answer *answers;
	size_t n_answers;
	unsigned line, col; /* where it starts */
};

struct gift_file {
	struct gift_question *v;
	size_t n, cap;
};

/* Reads len bytes of text (UTF-8; a byte-order mark is passed over) named
 * name in diagnostics. Every question that reads is kept; what does not
 * (an answer block that never ends, an answer with nothing in it, a weight
 * that is not a number from -100 to 100) is an error at its file:line:col
 * and the question is left out. Returns the count of errors. */
size_t gift_parse(const char *name, const char *text, size_t len,
		  struct gift_file *out, struct diag_list *dl);
void gift_release(struct gift_file *f);
/* "description", "category", "multiple choice", ... */
const char *gift_type_name(enum gift_type t);

#endif
