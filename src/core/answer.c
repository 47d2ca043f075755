/* SPDX-License-Identifier: GPL-3.0-or-later */
/* answer.c - what a learner typed, read against the item being asked. */
#include "answer.h"

#include <stdlib.h>
#include <string.h>

#include "score.h"
#include "util.h"

char answer_letter(size_t i)
{
	return (char)('a' + i);
}

static bool is_sep(char c)
{
	return c == ' ' || c == '\t' || c == ',' || c == ';';
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* line without surrounding blanks, lower case; caller frees. */
static char *trimmed_lower(const char *line)
{
	size_t n;
	char *s, *p;

	while (*line == ' ' || *line == '\t')
		line++;
	s = xstrdup(line);
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
		     s[n - 1] == '\n'))
		s[--n] = '\0';
	for (p = s; *p; p++)
		*p = lower(*p);
	return s;
}

static void unclear(struct answer *out, const char *fmt, ...) RP_PRINTF(2, 3);

static void unclear(struct answer *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	out->kind = ANSWER_UNCLEAR;
	out->why = xvasprintf(fmt, ap);
	va_end(ap);
}

char *answer_expected(const struct run *r, const struct run_item *it)
{
	if (r->kind == RUN_ASSESSMENT) {
		const struct scale *s = &r->assessment->scale;
		int lo, hi;
		size_t i;
		scale_range(s, &lo, &hi);
		for (i = 0; i < s->n_points; i++)
			if (s->points[i].not_applicable)
				return xasprintf("a number, %d to %d, or %d",
						 lo, hi, s->points[i].value);
		return xasprintf("a number, %d to %d", lo, hi);
	}
	switch (it->question->type) {
	case Q_SHORT:
		return xstrdup("your answer in a few words");
	case Q_MULTIPLE:
		return xasprintf("one or more letters, a to %c",
				 answer_letter(it->n_order - 1));
	case Q_ORDERING:
		return xasprintf("all %zu letters, in the order you choose",
				 it->n_order);
	default:
		return xasprintf("a letter, a to %c",
				 answer_letter(it->n_order - 1));
	}
}

/* Letters to choice indexes (through the shown order). */
static void parse_letters(const struct run_item *it, const char *s,
			  struct answer *out)
{
	const struct question *q = it->question;
	size_t *picks = xcalloc(strlen(s) + 1, sizeof(*picks));
	bool *seen = xcalloc(it->n_order ? it->n_order : 1, sizeof(*seen));
	size_t n = 0;
	const char *p = s;
	char last = answer_letter(it->n_order - 1);

	while (*p) {
		const char *start;
		size_t len, i;
		while (is_sep(*p))
			p++;
		if (!*p)
			break;
		start = p;
		while (*p && !is_sep(*p))
			p++;
		len = (size_t)(p - start);
		/* "ac" is a run of letters when every one of them is one */
		for (i = 0; i < len; i++)
			if (start[i] < 'a' || start[i] > last)
				break;
		if (i < len) {
			if (len == 1)
				unclear(out,
					"'%c' is not one of the letters, a to "
					"%c",
					start[0], last);
			else
				unclear(out, "answer with %s, a to %c",
					q->type == Q_SINGLE ||
							q->type ==
								Q_TRUEFALSE ||
							q->type == Q_JUDGEMENT
						? "one letter"
						: "letters",
					last);
			goto done;
		}
		for (i = 0; i < len; i++) {
			size_t pos = (size_t)(start[i] - 'a');
			if (seen[pos]) {
				unclear(out, "'%c' is there twice", start[i]);
				goto done;
			}
			seen[pos] = true;
			picks[n++] = it->order[pos];
		}
	}
	if (n == 0) {
		unclear(out, "type %s",
			q->type == Q_MULTIPLE ? "one or more letters"
					      : "a letter");
		goto done;
	}
	if (q->type == Q_ORDERING && n != it->n_order) {
		unclear(out,
			"put all %zu letters in order, each once (you gave "
			"%zu)",
			it->n_order, n);
		goto done;
	}
	if (q->type != Q_MULTIPLE && q->type != Q_ORDERING && n > 1) {
		unclear(out, "pick one letter only");
		goto done;
	}
	out->kind = ANSWER_RESPONSE;
	out->response.picks = picks;
	out->response.n_picks = n;
	picks = NULL;
done:
	free(picks);
	free(seen);
}

static void parse_likert(const struct run *r, const char *s, struct answer *out)
{
	const struct scale *sc = &r->assessment->scale;
	char *end;
	long v;
	size_t i;
	int lo, hi;

	scale_range(sc, &lo, &hi);
	if (*s) {
		v = strtol(s, &end, 10);
		if (*end == '\0' && v >= -1000 && v <= 1000 &&
		    scale_has(sc, (int)v)) {
			out->kind = ANSWER_RESPONSE;
			out->response.value = (int)v;
			return;
		}
		for (i = 0; i < sc->n_points; i++) {
			char *label = trimmed_lower(sc->points[i].label);
			bool same = strcmp(label, s) == 0;
			free(label);
			if (same) {
				out->kind = ANSWER_RESPONSE;
				out->response.value = sc->points[i].value;
				return;
			}
		}
	}
	for (i = 0; i < sc->n_points; i++)
		if (sc->points[i].not_applicable) {
			unclear(out,
				"answer with a number from %d to %d, or %d "
				"for '%s'",
				lo, hi, sc->points[i].value,
				sc->points[i].label);
			return;
		}
	unclear(out, "answer with a number from %d to %d", lo, hi);
}

void answer_parse(const struct run *r, const struct run_item *it,
		  const char *line, struct answer *out)
{
	char *s = trimmed_lower(line);

	memset(out, 0, sizeof(*out));
	if (strcmp(s, "skip") == 0)
		out->kind = ANSWER_SKIP;
	else if (strcmp(s, "quit") == 0)
		out->kind = ANSWER_QUIT;
	else if (strcmp(s, "hint") == 0 && r->kind != RUN_ASSESSMENT)
		out->kind = ANSWER_HINT;
	else if (strcmp(s, "back") == 0 && r->kind == RUN_ASSESSMENT)
		out->kind = ANSWER_BACK;
	else if (strcmp(s, "back") == 0)
		unclear(out, "a quiz goes forward only; answer, skip or quit");
	else if (r->kind == RUN_ASSESSMENT)
		parse_likert(r, s, out);
	else if (it->question->type == Q_SHORT) {
		const char *p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == '\n' || *p == '\r') {
			unclear(out, "type your answer, or skip");
		} else {
			char *text = xstrdup(p);
			size_t n = strlen(text);
			while (n && strchr(" \t\r\n", text[n - 1]))
				text[--n] = '\0';
			out->kind = ANSWER_RESPONSE;
			out->response.text = text;
		}
	} else if (it->question->type == Q_TRUEFALSE &&
		   (strcmp(s, "true") == 0 || strcmp(s, "t") == 0 ||
		    strcmp(s, "false") == 0 || strcmp(s, "f") == 0)) {
		/* True is shown first, False second */
		out->kind = ANSWER_RESPONSE;
		out->response.picks = xcalloc(1, sizeof(size_t));
		out->response.picks[0] = s[0] == 't' ? 0 : 1;
		out->response.n_picks = 1;
	} else {
		parse_letters(it, s, out);
	}
	free(s);
}

void answer_release(struct answer *a)
{
	response_release(&a->response);
	free(a->why);
	memset(a, 0, sizeof(*a));
}
