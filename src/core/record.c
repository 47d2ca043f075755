/* SPDX-License-Identifier: GPL-3.0-or-later */
/* record.c - an attempt with everything stored about it: the data, when
 * two are the same, and the ISO 8601 times and durations the formats use.
 * The formats are record_json.c (with the export file), record_read.c
 * (reading it back) and record_csv.c. */
#include "record.h"

#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

void record_release(struct record *r)
{
	size_t i;

	free(r->user);
	free(r->course);
	free(r->kind);
	free(r->item);
	free(r->fingerprint);
	free(r->seed);
	free(r->status);
	free(r->meeting);
	free(r->team);
	free(r->facilitator);
	free(r->band);
	for (i = 0; i < r->n_items; i++) {
		free(r->items[i].item);
		free(r->items[i].choices);
	}
	free(r->items);
	for (i = 0; i < r->n_answers; i++) {
		free(r->answers[i].item);
		free(r->answers[i].competency);
		free(r->answers[i].outcome);
		free(r->answers[i].response);
	}
	free(r->answers);
	for (i = 0; i < r->n_scores; i++)
		free(r->scores[i].competency);
	free(r->scores);
	memset(r, 0, sizeof(*r));
}

bool record_is_finished(const struct record *r)
{
	return r->status && strcmp(r->status, "finished") == 0;
}

static bool same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool same_num(double a, double b)
{
	return fabs(a - b) <= 1e-9 * (1 + fabs(a));
}

bool record_same(const struct record *a, const struct record *b,
		 const char **why)
{
	size_t i;

#define DIFF(what)                                                             \
	do {                                                                   \
		*why = what;                                                   \
		return false;                                                  \
	} while (0)
	if (strcasecmp(a->uuid, b->uuid) != 0) /* RFC 4122: either case */
		DIFF("the id");
	if (!same_str(a->user, b->user))
		DIFF("the user");
	if (!same_str(a->course, b->course) || !same_str(a->kind, b->kind) ||
	    !same_str(a->item, b->item))
		DIFF("what was taken");
	if (!same_str(a->meeting, b->meeting) || !same_str(a->team, b->team) ||
	    !same_str(a->facilitator, b->facilitator))
		DIFF("the meeting");
	if (!same_str(a->status, b->status) ||
	    (record_is_finished(a) && a->finished_ms != b->finished_ms))
		DIFF("whether it was finished");
	if (a->started_ms != b->started_ms || !same_str(a->seed, b->seed) ||
	    a->total != b->total || !same_str(a->fingerprint, b->fingerprint))
		DIFF("how it began");
	if (a->scored != b->scored ||
	    (a->scored && !same_num(a->score, b->score)) ||
	    !same_str(a->band, b->band) || a->passed != b->passed ||
	    a->straight != b->straight)
		DIFF("the score");
	if (a->n_items != b->n_items)
		DIFF("the questions asked");
	for (i = 0; i < a->n_items; i++)
		if (a->items[i].position != b->items[i].position ||
		    !same_str(a->items[i].item, b->items[i].item) ||
		    !same_str(a->items[i].choices, b->items[i].choices))
			DIFF("the questions asked");
	if (a->n_answers != b->n_answers)
		DIFF("the answers");
	for (i = 0; i < a->n_answers; i++) {
		const struct record_answer *x = &a->answers[i],
					   *y = &b->answers[i];
		if (x->position != y->position || !same_str(x->item, y->item) ||
		    !same_str(x->competency, y->competency) ||
		    !same_str(x->outcome, y->outcome) ||
		    !same_str(x->response, y->response) ||
		    x->answered_ms != y->answered_ms ||
		    !same_num(x->seconds, y->seconds) ||
		    x->has_points != y->has_points ||
		    (x->has_points && (!same_num(x->credit, y->credit) ||
				       !same_num(x->earned, y->earned) ||
				       !same_num(x->possible, y->possible))) ||
		    x->has_keyed != y->has_keyed ||
		    (x->has_keyed && x->keyed != y->keyed))
			DIFF("the answers");
	}
	if (a->n_scores != b->n_scores)
		DIFF("the scores by competency");
	for (i = 0; i < a->n_scores; i++) {
		const struct record_score *x = &a->scores[i],
					  *y = &b->scores[i];
		if (!same_str(x->competency, y->competency) ||
		    x->scored != y->scored ||
		    (x->scored && !same_num(x->score, y->score)) ||
		    x->answered != y->answered || x->total != y->total)
			DIFF("the scores by competency");
	}
#undef DIFF
	*why = NULL;
	return true;
}

/* ---- times ---- */

void iso_time(int64_t ms, char out[32])
{
	int64_t sec = ms_to_seconds(ms);
	time_t tt = (time_t)sec;
	struct tm tm;
	size_t n;

	gmtime_r(&tt, &tm);
	n = strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out + n, 32 - n, ".%03dZ", (int)(ms - sec * 1000));
}

bool iso_time_parse(const char *s, int64_t *ms)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:dd";
	struct tm tm, back;
	const char *tail;
	int frac = 0;
	time_t t;
	size_t i;

	/* the form iso_time writes, digit for digit; or the same without the
	 * milliseconds, as rapport wrote times before */
	if (!s || strlen(s) < sizeof(shape) - 1)
		return false;
	for (i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? !isdigit((unsigned char)s[i])
				    : s[i] != shape[i])
			return false;
	tail = s + sizeof(shape) - 1;
	if (tail[0] == '.') {
		for (i = 1; i <= 3; i++)
			if (!isdigit((unsigned char)tail[i]))
				return false;
		frac = atoi(tail + 1);
		tail += 4;
	}
	if (strcmp(tail, "Z") != 0)
		return false;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = atoi(s) - 1900;
	tm.tm_mon = atoi(s + 5) - 1;
	tm.tm_mday = atoi(s + 8);
	tm.tm_hour = atoi(s + 11);
	tm.tm_min = atoi(s + 14);
	tm.tm_sec = atoi(s + 17);
	back = tm;
	t = timegm(&tm); /* (time_t)-1 is a second like any other here */
	/* timegm moves 30 February on to March: such a day is not a time */
	if (tm.tm_year != back.tm_year || tm.tm_mon != back.tm_mon ||
	    tm.tm_mday != back.tm_mday || tm.tm_hour != back.tm_hour ||
	    tm.tm_min != back.tm_min || tm.tm_sec != back.tm_sec)
		return false;
	*ms = (int64_t)t * 1000 + frac;
	return true;
}

void iso_duration(double seconds, char out[48])
{
	long long centis, whole, frac;
	int len;

	if (seconds < 0 || !isfinite(seconds) || seconds > 1e12)
		seconds = 0;
	/* round first, so that 59.999 s carries into a whole minute */
	centis = llround(seconds * 100);
	whole = centis / 100;
	frac = centis % 100;
	len = snprintf(out, 48, "PT");
	if (whole / 3600)
		len += snprintf(out + len, (size_t)(48 - len), "%lldH",
				whole / 3600);
	if (whole % 3600 / 60)
		len += snprintf(out + len, (size_t)(48 - len), "%lldM",
				whole % 3600 / 60);
	if (frac)
		snprintf(out + len, (size_t)(48 - len), "%lld.%02lldS",
			 whole % 60, frac);
	else if (whole % 60 || whole < 60)
		snprintf(out + len, (size_t)(48 - len), "%lldS", whole % 60);
}

void record_free_all(struct record *recs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		record_release(&recs[i]);
	free(recs);
}
