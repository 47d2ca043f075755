/* record.h - an attempt with everything stored about it, as exports carry
 * it and merges bring it back: plain data, no database, no course. */
#ifndef RAPPORT_RECORD_H
#define RAPPORT_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct record_item {
	int64_t position;
	char *item;    /* question, statement or scenario id */
	char *choices; /* option ids in the order shown, as a JSON array; NULL */
};

struct record_answer {
	int64_t position;
	char *item;        /* question, statement or scenario id */
	char *competency;  /* may be NULL */
	char *outcome;     /* right, partial, wrong, skipped, answered */
	char *response;    /* JSON: option ids, a text or a value; NULL: skip */
	bool has_points;   /* credit, earned and possible are set */
	double credit, earned, possible;
	bool has_keyed;
	int64_t keyed;     /* a Likert answer after reverse keying */
	int64_t answered_at;
	double seconds;
};

struct record_score {
	char *competency;
	bool scored;
	double score;      /* when scored */
	double earned, possible;
	int64_t answered, total;
};

struct record {
	char uuid[37];
	char *user, *course, *kind, *item, *fingerprint, *seed, *status;
	char *meeting;     /* a meeting's UUID, or NULL */
	char *band;        /* may be NULL */
	int64_t started;
	int64_t finished;  /* 0: not finished */
	int64_t total;     /* items planned */
	bool scored;
	double score;
	int passed;        /* 1, 0, or -1 when it does not apply */
	int straight;      /* straight-lining: 1, 0, or -1 */
	struct record_item *items;
	size_t n_items;
	struct record_answer *answers;
	size_t n_answers;
	struct record_score *scores;
	size_t n_scores;
};

/* Frees everything the record holds and clears it. */
void record_release(struct record *r);

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
/* Reads an attempt object back; false with *err (caller frees) when a
 * field is missing or of the wrong type. */
bool record_from_json(const char *json, struct record *out, char **err);

/* The format an export file names, and reading one back: every attempt
 * in the file, or false with *err ("LINE:COL: ..." or "attempt N: ...";
 * caller frees) and nothing. Free the records with record_free_all. */
#define RECORD_FORMAT "rapport-export-1"
bool record_read_export(const char *text, size_t len, struct record **recs,
			size_t *n, char **err);
void record_free_all(struct record *recs, size_t n);

/* True for a UUID written as 8-4-4-4-12 hex digits. */
bool uuid_valid(const char *s);

/* ---- CSV (RFC 4180), one row per answer ---- */

/* The header row, ending in CRLF. */
const char *record_csv_header(void);
/* Appends one row per answer of r. */
void record_csv_rows(const struct record *r, struct strbuf *out);

/* "2026-11-27T06:28:00Z" for t; and back (-1 when not such a time). */
void iso_time(int64_t t, char out[32]);
int64_t iso_time_parse(const char *s);
/* An ISO 8601 duration to the hundredth of a second: "PT12.50S",
 * "PT1H2M3S", "PT0S". */
void iso_duration(double seconds, char out[48]);

#endif
