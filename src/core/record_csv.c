/* SPDX-License-Identifier: GPL-3.0-or-later */
/* record_csv.c - attempts as CSV rows for a spreadsheet, one row per
 * answer, with nothing a spreadsheet would take for a formula. */
#include "record.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* ---- CSV ---- */

const char *record_csv_header(void)
{
	return "attempt,user,course,kind,activity,status,started,finished,"
	       "position,item,competency,outcome,response,credit,earned,"
	       "possible,keyed,answered,seconds\r\n";
}

/* Whether s is all one number, as "-2" or "0.5" or "1e-3": a spreadsheet
 * reads it as that number, never as a formula. */
static bool is_number(const char *s)
{
	char *end;

	if (!*s || isspace((unsigned char)*s))
		return false;
	(void)strtod(s, &end);
	return *end == '\0';
}

/* Whether a spreadsheet would take s for a formula (OWASP, "CSV
 * Injection"): it starts, after any spaces, with = + - @, a tab or a
 * carriage return, or their full-width forms, and is not simply a
 * number. */
static bool formula_like(const char *s)
{
	static const char *const wide[] = { "\xEF\xBC\x9D", "\xEF\xBC\x8B",
					    "\xEF\xBC\x8D", "\xEF\xBC\xA0" };
	size_t i;

	if (is_number(s))
		return false;
	while (*s == ' ')
		s++;
	if (*s && strchr("=+-@\t\r", *s))
		return true;
	for (i = 0; i < RP_ARRAY_LEN(wide); i++)
		if (strncmp(s, wide[i], 3) == 0)
			return true;
	return false;
}

/* One field: quoted when it holds a comma, a quote or a line break, with
 * quotes doubled (RFC 4180). A field a spreadsheet would run as a
 * formula gets a single quote in front, which spreadsheets read as "this
 * is text" and do not show, and is quoted. */
static void csv_field(struct strbuf *sb, const char *s, bool last)
{
	bool formula = s && formula_like(s);
	const char *p;

	if (s && (formula || strpbrk(s, ",\"\r\n"))) {
		strbuf_addc(sb, '"');
		if (formula)
			strbuf_addc(sb, '\'');
		for (p = s; *p; p++) {
			if (*p == '"')
				strbuf_addc(sb, '"');
			strbuf_addc(sb, *p);
		}
		strbuf_addc(sb, '"');
	} else if (s) {
		strbuf_adds(sb, s);
	}
	strbuf_adds(sb, last ? "\r\n" : ",");
}

/* Points as a spreadsheet shows them: 15 significant digits, so 0.1
 * stays 0.1. */
static void csv_number(struct strbuf *sb, bool has, double v)
{
	if (has)
		strbuf_addf(sb, "%.15g", v);
	strbuf_addc(sb, ',');
}

void record_csv_rows(const struct record *r, struct strbuf *out)
{
	char started[32] = "", finished[32] = "", when[32];
	size_t i;

	iso_time(r->started_ms, started);
	if (record_is_finished(r))
		iso_time(r->finished_ms, finished);
	for (i = 0; i < r->n_answers; i++) {
		const struct record_answer *x = &r->answers[i];
		char pos[24];
		csv_field(out, r->uuid, false);
		csv_field(out, r->user, false);
		csv_field(out, r->course, false);
		csv_field(out, r->kind, false);
		csv_field(out, r->item, false);
		csv_field(out, r->status, false);
		csv_field(out, started, false);
		csv_field(out, finished, false);
		snprintf(pos, sizeof(pos), "%lld", (long long)x->position);
		csv_field(out, pos, false);
		csv_field(out, x->item, false);
		csv_field(out, x->competency, false);
		csv_field(out, x->outcome, false);
		csv_field(out, x->response, false);
		csv_number(out, x->has_points, x->credit);
		csv_number(out, x->has_points, x->earned);
		csv_number(out, x->has_points, x->possible);
		if (x->has_keyed)
			strbuf_addf(out, "%lld", (long long)x->keyed);
		strbuf_addc(out, ',');
		iso_time(x->answered_ms, when);
		csv_field(out, when, false);
		strbuf_addf(out, "%.3f\r\n",
			    x->seconds); /* to the millisecond */
	}
}
