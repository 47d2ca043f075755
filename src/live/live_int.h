/* SPDX-License-Identifier: GPL-3.0-or-later */
/* live_int.h - what the server (server.c) and its pages (pages.c) share. */
#ifndef RAPPORT_LIVE_INT_H
#define RAPPORT_LIVE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/meeting.h"
#include "../core/util.h"

#define LIVE_TOKEN_LEN 32 /* hex digits of a session: 128 bits */
#define LIVE_NAME_MAX  40 /* characters of a name typed on a phone */

/* Someone who joined from a phone. */
struct live_person {
	char token[LIVE_TOKEN_LEN + 1]; /* the session, in the cookie */
	size_t party, member;		/* indexes in the meeting */
};

/* What a page shows besides the meeting's state. */
struct live_page {
	const struct meeting *m;
	const struct live_person *who; /* NULL: not joined */
	unsigned version;	       /* the meeting's, for the script */
	bool ended;
	const char *nonce;   /* for the inline style and script */
	const char *message; /* an error or a notice, or NULL */
	const char *token;   /* the meeting's, for the join form */
	const char *title;   /* an error page's */
};

/* The pages, as whole HTML documents, into sb. */
void live_page_code(struct strbuf *sb, const struct live_page *pg);
void live_page_join(struct strbuf *sb, const struct live_page *pg);
void live_page_meeting(struct strbuf *sb, const struct live_page *pg);
void live_page_error(struct strbuf *sb, const struct live_page *pg);

/* text made safe (core/text.h) with &, <, >, " and ' escaped, into sb. */
void live_html_escape(struct strbuf *sb, const char *text);

#endif
