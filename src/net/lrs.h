/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lrs.h - talking to a learning record store (LRS): its statements
 * resource over HTTP or HTTPS, through libcurl (curl.h), one connection
 * kept open between requests. Plumbing only: what to send, when to try
 * again and what to tell the person are send's (cmd/send.c). */
#ifndef RAPPORT_LRS_H
#define RAPPORT_LRS_H

#include <stdbool.h>
#include <stddef.h>

struct lrs;

struct lrs_options {
	const char *url;      /* the statements resource, http(s)://... */
	const char *user;     /* Basic authentication; NULL: none */
	const char *password; /* with user */
	const char *ca_file;  /* certificates to trust instead of the
				 system's; NULL: the system's */
	long timeout_ms;      /* for one whole request; 0: 30 s */
};

/* What one request came to. */
struct lrs_reply {
	long status;	  /* the HTTP status; 0: no answer (see error) */
	char *body;	  /* what the LRS said, NUL-ended; "" for none */
	size_t len;	  /* bytes of body */
	char *error;	  /* when status is 0: why, in words; else NULL */
	bool timed_out;	  /* when status is 0: it took too long */
	bool certificate; /* when status is 0: TLS refused the peer */
};

/* A connection to the LRS at o->url, or NULL with *err (libcurl missing,
 * a URL that is not http or https, or that holds a name and password). */
struct lrs *lrs_new(const struct lrs_options *o, char **err);
void lrs_free(struct lrs *l);

/* POSTs a JSON array of statements, len bytes. Fills *r (release it with
 * lrs_reply_release). */
void lrs_post(struct lrs *l, const char *json, size_t len, struct lrs_reply *r);
/* GETs the statements resource with query ("statementId=...", "" for
 * none), or a "more" address the LRS gave, relative to the resource or
 * whole. */
void lrs_get(struct lrs *l, const char *query, const char *more,
	     struct lrs_reply *r);
void lrs_reply_release(struct lrs_reply *r);

#endif
