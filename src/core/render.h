/* SPDX-License-Identifier: GPL-3.0-or-later */
/* render.h - text for the terminal: display width, wrapping, bar charts.
 *
 * Widths are display columns (wcwidth under the current locale: a CJK
 * character takes two, a combining mark none). Text given here should be
 * made safe with text_sanitize() first; what is not printable counts as
 * one column. */
#ifndef RAPPORT_RENDER_H
#define RAPPORT_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/* Columns s takes on a terminal. */
size_t render_width(const char *s);

/* Appends text wrapped to width columns: the first line starts with first,
 * the others with rest (for hanging indents), every line ends with '\n'.
 * Runs of spaces and newlines in text are one space; a word wider than a
 * line is broken. */
void render_wrap(struct strbuf *out, const char *text, size_t width,
		 const char *first, const char *rest);

/* Appends a bar of width cells showing score (0..100): Unicode blocks to
 * an eighth of a cell, or '#' and '.' when unicode is false. */
void render_bar(struct strbuf *out, double score, size_t width, bool unicode);

/* Appends s cut to at most width columns, ending in an ellipsis ("…", or
 * "..." when unicode is false) when it had to be cut; never splits a
 * character or separates a combining mark from its letter. */
void render_cut(struct strbuf *out, const char *s, size_t width, bool unicode);

/* Appends s, then spaces up to width columns. */
void render_pad(struct strbuf *out, const char *s, size_t width);

#endif
