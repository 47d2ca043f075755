/* SPDX-License-Identifier: GPL-3.0-or-later */
/* moodle.h - Moodle XML question banks read (content_moodle.c), and the
 * text of Moodle's formats made into rapport's: HTML through libxml2's
 * HTML parser, read as safely as the loader reads course files; plain,
 * Moodle auto-format and Markdown as they are written.
 *
 * A bank is <quiz> holding <question type="...">s: "category" sets the
 * category of those after it; multichoice, truefalse, shortanswer,
 * ordering and description have a home in rapport; numerical, matching,
 * essay, cloze (multianswer), calculated and the drag-and-drop kinds do
 * not, and are said so per question (qbank.h). */
#ifndef RAPPORT_MOODLE_H
#define RAPPORT_MOODLE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "qbank.h"

/* What a text held that rapport's text cannot: said as losses. */
enum moodle_lost {
	MOODLE_LOST_IMAGE = 1,	/* <img>, an embedded file */
	MOODLE_LOST_MEDIA = 2,	/* audio, video, an object, a frame */
	MOODLE_LOST_TABLE = 4,	/* a table, read row by row */
	MOODLE_LOST_FORMAT = 8, /* Markdown's marks, kept as typed */
	MOODLE_LOST_LINK = 16,	/* a link's address (its words are kept) */
};

/* The text of text in format ("html", "moodle_auto_format", "plain_text",
 * "markdown"; GIFT's "html", "moodle", "plain", "markdown"; NULL is
 * HTML) as one paragraph; NULL when nothing is left. Adds to *lost what
 * could not be kept. Caller frees. */
char *moodle_text(const char *text, const char *format, unsigned *lost);
/* The same, as paragraphs and list items added to q (a description). */
void moodle_text_paras(struct qb_question *q, const char *text,
		       const char *format, unsigned *lost);

/* Says what a text lost (enum moodle_lost), once per kind. */
void qb_text_losses(struct qb_losses *l, unsigned lost);

/* True when buf is XML rather than GIFT: after a byte-order mark and
 * white space, it starts with '<'. */
bool moodle_is_xml(const char *buf, size_t len);

/* Reads the Moodle XML bank buf (len bytes, named qb->file) into qb.
 * Returns the count of errors: a file that is not well-formed, or not a
 * Moodle bank, reads nothing. */
size_t moodle_read(struct qbank *qb, const char *buf, size_t len,
		   struct diag_list *dl);

#endif
