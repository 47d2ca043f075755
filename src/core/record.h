/* SPDX-License-Identifier: GPL-3.0-or-later */
/* record.h - an attempt with everything stored about it, as exports carry
 * it and merges bring it back: plain data, no database, no course. */
#ifndef RAPPORT_RECORD_H
#define RAPPORT_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "util.h"

struct record_item {
	int64_t position;
	char *item;    /* question, statement or scenario id */
	char *choices; /* option ids in the order shown, as a JSON array; NULL
			*/
};

struct record_answer {
	int64_t position;
	char *item;	  /* question, statement or scenario id */
	char *competency; /* may be NULL */
	char *outcome;	  /* right, partial, wrong, skipped, answered */
	char *response;	  /* JSON: option ids, a text or a value; NULL: skip */
	bool has_points;  /* credit, earned and possible are set */
	double credit, earned, possible;
	bool has_keyed;
	int64_t keyed;	     /* a Likert answer after reverse keying */
	int64_t answered_ms; /* when, in milliseconds since the epoch */
	double seconds;	     /* time taken on it */
};

struct record_score {
	char *competency;
	bool scored;
	double score; /* when scored */
	double earned, possible;
	int64_t answered, total;
};

struct record {
	char uuid[37];
	char *user, *course, *kind, *item, *fingerprint, *seed, *status;
	char *meeting;	     /* a meeting's UUID, or NULL */
	char *team;	     /* in a meeting, the team, or NULL */
	char *facilitator;   /* in a meeting, who ran it, or NULL */
	char *band;	     /* may be NULL */
	int64_t started_ms;  /* milliseconds since the epoch */
	int64_t finished_ms; /* when record_is_finished(), else unset */
	int64_t total;	     /* items planned */
	bool scored;
	double score;
	int passed;   /* 1, 0, or -1 when it does not apply */
	int straight; /* straight-lining: 1, 0, or -1 */
	struct record_item *items;
	size_t n_items;
	struct record_answer *answers;
	size_t n_answers;
	struct record_score *scores;
	size_t n_scores;
};

/* Frees everything the record holds and clears it. */
void record_release(struct record *r);

/* Whether the attempt was finished (its status says so: a time of 0 is
 * the epoch's first second, not "no time"). */
bool record_is_finished(const struct record *r);

/* True when a and b say the same: every field, item, answer and score.
 * Where they differ, *why says what first (a static string). */
bool record_same(const struct record *a, const struct record *b,
		 const char **why);

/* ---- JSON: the export format "rapport-export-1" ---- */

/* Writes attempts as JSON, one after another, as an export does; it keeps
 * what repeats between them. */
struct record_writer;
struct record_writer *record_writer_new(void);
void record_writer_free(struct record_writer *w);
/* An attempt as one JSON object, two spaces a level, its closing brace
 * unindented; caller frees with free(). Times are ISO 8601 in UTC. */
char *record_writer_json(struct record_writer *w, const struct record *r);
/* The same for one attempt alone. */
char *record_to_json(const struct record *r);

/* ---- reading JSON back (record_read.c) ---- */

/* What rapport writes, and so the most a file read back may hold: */
#define RECORD_MAX_TEXT	   65536 /* bytes in a name, an answer, a band */
#define RECORD_MAX_ATTEMPT ((size_t)64 << 20) /* bytes of one attempt */
#define RECORD_MAX_ITEMS   1000000	      /* items in one attempt */
#define RECORD_MAX_POINTS  1000		      /* points of one question */
#define RECORD_MAX_OPTIONS 26		      /* options of one question */
#define RECORD_MAX_SECONDS 1e9		      /* seconds on one answer */

/* Reads an attempt object back, strictly: a field rapport does not write,
 * one missing, a value of the wrong type or out of range (a score over
 * 100, a credit over 1, points earned over points possible, a finish
 * before the start, a result on an unfinished attempt) is refused. False
 * with *err ("FIELD: message"; caller frees) and out cleared. A UUID comes
 * back in lower case, however it was written. */
bool record_from_json(const char *json, struct record *out, char **err);

/* The format an export file names. */
#define RECORD_FORMAT "rapport-export-1"

/* The export file around the attempts (record_json.c): its head, naming
 * the format, the generator, the time and the course (course_json, one
 * JSON object); each attempt's JSON (record_writer_json()) placed after
 * index others; and its end, after attempts of them. Caller frees the
 * first two. */
char *record_export_head(const char *course_json, int64_t now,
			 const char *generator);
char *record_export_attempt(size_t index, const char *json);
const char *record_export_tail(size_t attempts);

/* An export read an attempt at a time, from read(ctx, buf, n) (which
 * returns the bytes read, 0 at the end, -1 with errno), so that a file of
 * any size takes the memory of one attempt. */
typedef ssize_t (*export_read_fn)(void *ctx, void *buf, size_t n);
struct export_reader;
struct export_reader *export_reader_new(export_read_fn read, void *ctx);
/* The next attempt into *out (the caller releases it): 1; or 0 at the
 * end of a whole, well-formed export; or -1 with *err ("LINE:COL: PATH:
 * message", the path that of the bad value, such as
 * "attempts[3].answers[7].credit"; caller frees). Only a reader that
 * ends with 0 has read a valid export: its head may follow the attempts.
 * After 0 or -1 every call says the same again. */
int export_reader_next(struct export_reader *r, struct record *out, char **err);
/* Attempts read so far. */
size_t export_reader_count(const struct export_reader *r);
void export_reader_free(struct export_reader *r);

/* Every attempt of an export held in memory, or false with *err (as
 * export_reader_next says it) and nothing. Free the records with
 * record_free_all. */
bool record_read_export(const char *text, size_t len, struct record **recs,
			size_t *n, char **err);
void record_free_all(struct record *recs, size_t n);

/* True for a UUID written as 8-4-4-4-12 hex digits (either case). */
bool uuid_valid(const char *s);

/* ---- CSV (RFC 4180), one row per answer ---- */

/* The header row, ending in CRLF. */
const char *record_csv_header(void);
/* Appends one row per answer of r. */
void record_csv_rows(const struct record *r, struct strbuf *out);

/* "2026-11-27T06:28:00.250Z" for a time in milliseconds since the epoch;
 * and back, from that form or the same without milliseconds
 * ("2026-11-27T06:28:00Z"): false when s is neither, or not a day the
 * calendar has. */
void iso_time(int64_t ms, char out[32]);
bool iso_time_parse(const char *s, int64_t *ms);
/* An ISO 8601 duration to the hundredth of a second: "PT12.50S",
 * "PT1H2M3S", "PT0S". */
void iso_duration(double seconds, char out[48]);

#endif
