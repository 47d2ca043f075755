/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report_html.h - the team report as one self-contained HTML file: a
 * libxml2 document tree (so every name and text is escaped by the
 * serializer, never by hand) with inline SVG charts, its own style sheet
 * for screen and print, and a content security policy that lets the page
 * fetch nothing at all. */
#ifndef RAPPORT_REPORT_HTML_H
#define RAPPORT_REPORT_HTML_H

#include <stddef.h>
#include <stdint.h>

#include "report.h"
#include "stats.h"

struct report_html_options {
	const char *scope;	   /* who and since when, e.g. "everyone since
				      2 November 2026"; may be NULL */
	int64_t made;		   /* when the report was made, in ms */
	const struct stats *stats; /* item statistics for their section;
				      NULL: none */
};

/* The page; *len its length in bytes. Caller frees. */
char *report_html(const struct report *r, const struct report_html_options *o,
		  size_t *len);

#endif
