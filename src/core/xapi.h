/* SPDX-License-Identifier: GPL-3.0-or-later */
/* xapi.h - an attempt as xAPI 1.0.3 statements, for a learning record
 * store.
 *
 * Each attempt gives an "attempted" statement when it began, one
 * "answered" statement per answer (skips give none), and, once finished,
 * "completed" and for a quiz "passed" or "failed". Activity ids are IRIs
 * under a base the company chooses; questions, statements and scenarios
 * carry cmi.interaction definitions read from the course when it is the
 * course the attempt was taken in. Statement ids are name-based (SHA-1)
 * UUIDs of everything the statement says but its activity's definition,
 * so exporting the same attempt again, from this or a merged database,
 * gives the same ids and the record store does not count it twice, while
 * a statement that says something else (another base, home page, score)
 * gets an id of its own. */
#ifndef RAPPORT_XAPI_H
#define RAPPORT_XAPI_H

#include <stddef.h>

#include "model.h"
#include "record.h"

#define XAPI_DEFAULT_BASE "https://rapport.example.org/xapi/"
#define XAPI_DEFAULT_HOME "https://rapport.example.org/"

/* rapport's context extensions, the same whatever the base: the attempt's
 * UUID, and an answer's place in it. */
#define XAPI_EXT_ATTEMPT  "https://rapport.example.org/xapi/extension/attempt"
#define XAPI_EXT_POSITION "https://rapport.example.org/xapi/extension/position"
/* A result extension of the completed statement: the whole attempt, the
 * text of one attempt of the JSON export ("rapport-export-1"), for merge
 * --lrs. */
#define XAPI_EXT_RECORD "https://rapport.example.org/xapi/extension/record"

struct xapi_options {
	const char *base;      /* activity IRIs start here; NULL: the default */
	const char *home_page; /* the home page of the actors' accounts */
};

/* The statements about r as compact JSON objects, one string each, in the
 * order they happened. course may be NULL or another course: then
 * activities carry their ids and types but no definitions. Returns the
 * count; free the list with xapi_free(). */
size_t xapi_statements(const struct record *r, const struct course *course,
		       const struct xapi_options *o, char ***out);
void xapi_free(char **list, size_t n);

/* Whether two statements (JSON texts) are the same by xAPI's rules: what
 * a record store adds (stored, authority, version) and activity
 * definitions aside, numbers by value, timestamps as instants. What a
 * store that answers 409 Conflict for a statement it has is asked. */
bool xapi_same_statement(const char *a, const char *b);

/* The statements resource an LRS address names: "…/statements" as it is,
 * an endpoint ("…/xAPI" or "…/xAPI/") with "statements" after it. NULL
 * with *err (the caller's) when url is not an http or https address, or
 * carries a name or password, which belong in an auth file. Caller frees. */
char *xapi_statements_url(const char *url, char **err);

/* What an LRS said in the body of an answer: its JSON "message" (Learning
 * Locker and most stores give one), else the body's first line, at most
 * 200 bytes; "" when it said nothing. Caller frees. */
char *xapi_lrs_message(const char *body, size_t len);

/* Whether tag is a well-formed BCP 47 language tag, as a record store
 * checks the keys of a language map ("en", "en-GB", "zh-Hant-TW",
 * "de-CH-1996"; not "x1" or "en-a", which the XML schema's language type
 * lets through). Statements use "en" for a course whose tag is not. */
bool xapi_lang_ok(const char *tag);

/* True when s is an absolute IRI we can build on: a scheme such as
 * "https:" and no spaces, quotes or angle brackets. */
bool xapi_iri_ok(const char *s);

#endif
