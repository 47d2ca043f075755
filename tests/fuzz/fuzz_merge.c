/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_merge.c - what merge reads: a rapport-export-1 file, through the
 * strict reader that takes it an attempt at a time (export_reader), fed
 * from memory in pieces whose size the first byte sets, as a pipe might
 * hand them over.
 *
 * What must hold: the reader always comes to an end (1s, then 0 or -1);
 * a refusal says where, as "LINE:COL: ..."; and every attempt
 * it lets through is one rapport could have written: its values are in
 * range (a score from 0 to 100, a credit from 0 to 1, points earned no
 * more than points possible, positions inside the plan), its UUID is in
 * lower case, and written out again and read back it is the same
 * attempt. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

struct source {
	const uint8_t *data;
	size_t size, at, piece;
};

static ssize_t read_source(void *ctx, void *buf, size_t n)
{
	struct source *s = ctx;

	if (n > s->piece)
		n = s->piece;
	if (n > s->size - s->at)
		n = s->size - s->at;
	memcpy(buf, s->data + s->at, n);
	s->at += n;
	return (ssize_t)n;
}

static void check_record(const struct record *r)
{
	const char *why;
	struct record back;
	char *json, *err = NULL;
	size_t i;

	for (i = 0; i < 36; i++)
		if (isupper((unsigned char)r->uuid[i]))
			abort();
	if (r->scored && !(r->score >= 0 && r->score <= 100))
		abort();
	if (r->total < 0 || (size_t)r->total != r->n_items)
		abort();
	for (i = 0; i < r->n_answers; i++) {
		const struct record_answer *x = &r->answers[i];
		if (x->position < 0 || x->position >= r->total)
			abort();
		if (x->has_points &&
		    !(x->credit >= 0 && x->credit <= 1 && x->possible >= 0 &&
		      x->possible <= RECORD_MAX_POINTS && x->earned >= 0 &&
		      x->earned <= x->possible))
			abort();
		if (x->has_keyed && (x->keyed < -1000 || x->keyed > 1000))
			abort();
		if (!(x->seconds >= 0 && x->seconds <= RECORD_MAX_SECONDS))
			abort();
	}
	for (i = 0; i < r->n_scores; i++) {
		const struct record_score *x = &r->scores[i];
		if (x->scored && !(x->score >= 0 && x->score <= 100))
			abort();
		if (x->answered < 0 || x->answered > x->total ||
		    x->total > r->total)
			abort();
	}
	if (record_is_finished(r) && r->finished_ms < r->started_ms)
		abort();
	/* what it lets in goes out and comes back the same */
	json = record_to_json(r);
	if (!record_from_json(json, &back, &err)) {
		free(err);
		abort();
	}
	if (!record_same(r, &back, &why))
		abort();
	record_release(&back);
	free(json);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source src = { data, size, 0, 1 };
	struct export_reader *r;
	struct record rec;
	char *err = NULL;
	size_t n = 0;
	int rc;

	if (size > 0) {
		/* the first byte: how the bytes arrive, 1 to 4,096 at a time */
		src.piece = 1 + (size_t)data[0] * 16;
		src.at = 1;
	}
	r = export_reader_new(read_source, &src);
	while ((rc = export_reader_next(r, &rec, &err)) == 1) {
		check_record(&rec);
		record_release(&rec);
		if (++n > size) /* an attempt takes bytes: it must end */
			abort();
	}
	if (rc < 0) {
		/* "LINE:COL: message", on one line */
		const char *p = err;
		if (!isdigit((unsigned char)*p))
			abort();
		while (isdigit((unsigned char)*p))
			p++;
		if (*p++ != ':' || !isdigit((unsigned char)*p))
			abort();
		free(err);
		/* refused once, refused again, the same way */
		if (export_reader_next(r, &rec, &err) != -1)
			abort();
		free(err);
	} else if (export_reader_next(r, &rec, &err) != 0) {
		abort();
	}
	export_reader_free(r);
	return 0;
}
