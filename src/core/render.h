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

/* What a piece of text is shown as; how (escape sequences or nothing) is
 * the caller's, through struct render_opts. */
enum style {
	STYLE_BOLD,
	STYLE_DIM,
	STYLE_GOOD,  /* right, passed */
	STYLE_BAD,   /* wrong, failed */
	STYLE_PART,  /* partly right, warnings */
	STYLE_TITLE, /* headings */
	STYLE_COUNT
};

/* How the text renderers draw: the width to wrap to, the characters to
 * use, and the text that starts and ends each style ("" for none). */
struct render_opts {
	size_t width;
	bool unicode;	   /* blocks and "·", or '#' and "-" */
	const char *sep;   /* " · " or " - " */
	const char *arrow; /* "→" or "->" */
	const char *on[STYLE_COUNT];
	const char *off;
};

/* Plain text: no styles, the UTF-8 or the ASCII characters. */
void render_opts_plain(struct render_opts *o, size_t width, bool unicode);

/* A piece of a line, in a style or none. */
struct span {
	const char *text;
	bool styled;
	enum style style;
};

/* Appends text made safe for a terminal (text_sanitize) and wrapped to
 * o->width; first and rest prefix the first and the other lines. */
void render_text(const struct render_opts *o, struct strbuf *sb,
		 const char *text, const char *first, const char *rest);
/* Appends text made safe on one line and wrapped, in style s, the style
 * ended before the last line does. */
void render_heading(const struct render_opts *o, struct strbuf *sb,
		    enum style s, const char *text);
/* render_text() of the spans one after another, each in its style, the
 * styles ended before every line end and started again after it. */
void render_spans(const struct render_opts *o, struct strbuf *sb,
		  const struct span *spans, size_t n, const char *first,
		  const char *rest);
/* A sparkline of n scores (0..100): one block (or ASCII mark) each. */
void render_sparkline(const struct render_opts *o, struct strbuf *sb,
		      const double *v, size_t n);

/* A number as few digits as it needs, at most two decimals: "3.5", "2",
 * never "-0". Caller frees. */
char *render_number(double v);

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
