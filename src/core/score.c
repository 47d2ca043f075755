/* SPDX-License-Identifier: GPL-3.0-or-later */
/* score.c - the scoring rules: pure arithmetic on the model, no state. */
#include "score.h"

#include <math.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

double score_choices(const struct question *q, const size_t *picks, size_t n)
{
	bool *seen;
	double sum = 0;
	size_t i;

	if (n == 0 || q->n_choices == 0)
		return 0;
	if (q->type != Q_MULTIPLE) {
		if (n != 1 || picks[0] >= q->n_choices)
			return 0;
		sum = q->choices[picks[0]].credit;
	} else {
		seen = xcalloc(q->n_choices, sizeof(*seen));
		for (i = 0; i < n; i++) {
			if (picks[i] >= q->n_choices || seen[picks[i]])
				continue;
			seen[picks[i]] = true;
			sum += q->choices[picks[i]].credit;
		}
		free(seen);
	}
	if (sum >= 100 - MODEL_PERCENT_EPSILON)
		return 1;
	if (sum <= 0)
		return 0;
	return sum / 100;
}

double score_ordering(const struct question *q, const size_t *picks, size_t n)
{
	size_t k, i;
	double total = 0;
	bool *seen;

	if (n != q->n_choices || n < 2)
		return 0;
	seen = xcalloc(n, sizeof(*seen));
	for (k = 0; k < n; k++) {
		if (picks[k] >= n || seen[picks[k]]) {
			free(seen);
			return 0;
		}
		seen[picks[k]] = true;
	}
	free(seen);
	/* every place an item stands away from its own costs the same, and
	 * the farthest any order can stand from the right one (reversed)
	 * earns nothing: a random order earns about a third, where counting
	 * each item against n - 1 places gave it three fifths */
	for (k = 0; k < n; k++) {
		i = picks[k]; /* the item given at place k belongs at place i */
		total += (double)(k > i ? k - i : i - k);
	}
	return 1.0 - total / (double)score_ordering_farthest(n);
}

size_t score_ordering_farthest(size_t n)
{
	return n * n / 2;
}

/* Lower case for ASCII and the Latin-1 and Latin Extended-A letters, so
 * that matching does not depend on the locale. */
static uint32_t fold(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
		return c + 32;
	/* Latin Extended-A: upper and lower case alternate in pairs */
	if (c >= 0x100 && c <= 0x137 && c != 0x130 && c != 0x131)
		return c | 1;
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
		return (c & 1) ? c + 1 : c;
	if (c >= 0x14A && c <= 0x177)
		return c | 1;
	if (c == 0x178)
		return 0xFF;
	return c;
}

static bool is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0;
}

/* Trims, folds spaces and drops final punctuation; folds case when asked.
 * Caller frees. */
static char *tidy(const char *answer, bool fold_case)
{
	struct strbuf sb = { 0 };
	size_t n = strlen(answer), i = 0, k;
	bool space = false;
	uint32_t c;
	char enc[4];

	strbuf_add(&sb, "", 0);
	while (i < n) {
		k = utf8_decode(answer + i, n - i, &c);
		i += k;
		if (is_space(c)) {
			space = sb.len > 0;
			continue;
		}
		if (space)
			strbuf_addc(&sb, ' ');
		space = false;
		if (fold_case)
			c = fold(c);
		strbuf_add(&sb, enc, utf8_encode(c, enc));
	}
	while (sb.len && strchr(".!?,;:", sb.buf[sb.len - 1])) {
		sb.buf[--sb.len] = '\0';
		if (sb.len && sb.buf[sb.len - 1] == ' ')
			sb.buf[--sb.len] = '\0';
	}
	return strbuf_detach(&sb);
}

char *score_normalize(const char *answer)
{
	return tidy(answer, true);
}

static bool is_word_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       (unsigned char)c >= 0x80;
}

/* True when word (normalized) stands in text (normalized) as a whole word. */
static bool has_word(const char *text, const char *word)
{
	size_t n = strlen(word);
	const char *p = text;

	if (n == 0)
		return false;
	while ((p = strstr(p, word)) != NULL) {
		bool start = p == text || !is_word_byte(p[-1]);
		bool end = !is_word_byte(p[n]);
		if (start && end)
			return true;
		p++;
	}
	return false;
}

static bool matches_pattern(const char *pattern, const char *answer)
{
	char *anchored = xasprintf("^(%s)$", pattern);
	char *tidied = tidy(answer, false);
	regex_t re;
	bool yes = false;

	if (regcomp(&re, anchored, REG_EXTENDED | REG_ICASE | REG_NOSUB) == 0) {
		yes = regexec(&re, tidied, 0, NULL, 0) == 0;
		regfree(&re);
	}
	free(anchored);
	free(tidied);
	return yes;
}

double score_short(const struct question *q, const char *answer)
{
	char *given = score_normalize(answer);
	size_t i, found = 0;
	bool right = false;

	if (!*given) {
		free(given);
		return 0;
	}
	for (i = 0; i < q->n_accept && !right; i++) {
		char *ok = score_normalize(q->accept[i]);
		right = strcmp(ok, given) == 0;
		free(ok);
	}
	if (!right && q->pattern)
		right = matches_pattern(q->pattern, answer);
	if (!right && q->n_keywords && q->min_keywords) {
		for (i = 0; i < q->n_keywords; i++) {
			char *kw = score_normalize(q->keywords[i]);
			if (has_word(given, kw))
				found++;
			free(kw);
		}
		right = found >= q->min_keywords;
	}
	free(given);
	return right ? 1 : 0;
}

void scale_range(const struct scale *s, int *lo, int *hi)
{
	bool any = false;
	size_t i;

	*lo = *hi = 0;
	for (i = 0; i < s->n_points; i++) {
		const struct scale_point *p = &s->points[i];
		if (p->not_applicable)
			continue;
		if (!any || p->value < *lo)
			*lo = p->value;
		if (!any || p->value > *hi)
			*hi = p->value;
		any = true;
	}
}

bool scale_not_applicable(const struct scale *s, int value)
{
	size_t i;

	for (i = 0; i < s->n_points; i++)
		if (s->points[i].value == value)
			return s->points[i].not_applicable;
	return false;
}

bool scale_has(const struct scale *s, int value)
{
	size_t i;

	for (i = 0; i < s->n_points; i++)
		if (s->points[i].value == value)
			return true;
	return false;
}

int likert_keyed(const struct scale *s, bool reverse, int value)
{
	int lo, hi;

	if (!reverse)
		return value;
	scale_range(s, &lo, &hi);
	return lo + hi - value;
}

int score_percent(double score)
{
	/* clamped before the cast: a value out of range (from a database
	 * an older rapport merged into) must not make the cast undefined */
	if (!(score > -100))
		return score == score && score <= -100 ? -100 : 0;
	if (score >= 100)
		return 100;
	return (int)floor(score + 1e-9);
}
