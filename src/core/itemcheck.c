/* SPDX-License-Identifier: GPL-3.0-or-later */
/* itemcheck.c - item-writing checks (itemcheck.h): the cues by which a
 * test-wise reader answers from the options alone, measured on the model
 * before anyone takes a quiz. */
#include "itemcheck.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

const char *const itemcheck_names[] = {
	"key-longest",	    "key-shortest",	  "keys-longest",
	"keys-shortest",    "true-false-balance", "multiple-pattern",
	"weight-pattern",   "all-of-the-above",	  "stem-echo",
	"same-option-text", "ordering-untouched", NULL
};

/* How much longer than the others' mean a key must be to give itself
 * away; and how sure that keys are longest more often than chance (a
 * one-sided test) before a quiz is warned about. */
#define WIDE_MARGIN 1.5
#define CHANCE_P    0.05
/* A pattern shared by this share of the items, of at least this many. */
#define PATTERN_SHARE (2.0 / 3.0)
#define PATTERN_ITEMS 3

bool itemcheck_known(const char *name)
{
	size_t i;

	for (i = 0; name && itemcheck_names[i]; i++)
		if (strcmp(itemcheck_names[i], name) == 0)
			return true;
	return false;
}

size_t itemcheck_length(const char *text)
{
	size_t n = 0;

	for (; text && *text; text++)
		if (((unsigned char)*text & 0xC0) != 0x80)
			n++;
	return n;
}

/* ---- warnings, and the allowances that accept them ---- */

struct ichk {
	const struct course *c;
	struct diag_list *dl;
	size_t added;
	const struct allowance **used; /* allowances that accepted one */
	size_t n_used, cap_used;
};

static bool accepted(struct ichk *k, const struct item *owner,
		     const char *check)
{
	size_t i;

	for (i = 0; owner && i < owner->n_allows; i++) {
		const struct allowance *a = &owner->allows[i];
		void *p;
		if (!a->check || strcmp(a->check, check) != 0)
			continue;
		p = k->used;
		xgrow(&p, &k->cap_used, k->n_used + 1, sizeof(*k->used));
		k->used = p;
		k->used[k->n_used++] = a;
		return true;
	}
	return false;
}

static void warn(struct ichk *k, const struct item *owner,
		 const struct src_loc *at, const char *check, const char *fmt,
		 ...) RP_PRINTF(5, 6);

/* A warning about owner, at at, from check: shown, or counted accepted
 * when owner allows check. */
static void warn(struct ichk *k, const struct item *owner,
		 const struct src_loc *at, const char *check, const char *fmt,
		 ...)
{
	va_list ap;
	char *msg;

	if (accepted(k, owner, check)) {
		k->dl->accepted++;
		return;
	}
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_add(k->dl, DIAG_WARNING, at->file ? at->file : k->c->path,
		 at->line, at->col, "%s [%s]", msg, check);
	free(msg);
	k->added++;
}

static const char *id_of(const struct item *it)
{
	return it && it->id ? it->id : "?";
}

/* "question 'q-x'", "scenario 'sc-y'", "quiz 'check'". Caller frees. */
static char *name_of(const struct item *it)
{
	return xasprintf("%s '%s'", item_kind_name(it->kind), id_of(it));
}

/* ---- one item: its options, its key ---- */

/* What the checks need of a question or a scenario. */
struct opts {
	const struct item *item; /* the question or scenario */
	const char *stem;	 /* what it asks */
	const struct choice *choices;
	size_t n;
	long key; /* the best option, or -1 */
};

/* The best option: the correct single choice, the weightiest judgement
 * or scenario option (the first of equals); -1 for other kinds. */
static long best_of(const struct choice *v, size_t n)
{
	long best = -1;
	size_t i;

	for (i = 0; i < n; i++)
		if (best < 0 || v[i].credit > v[best].credit)
			best = (long)i;
	return best;
}

static bool opts_of_question(const struct question *q, struct opts *o)
{
	o->item = &q->item;
	o->stem = q->prompt;
	o->choices = q->choices;
	o->n = q->n_choices;
	o->key = q->type == Q_SINGLE || q->type == Q_JUDGEMENT
			 ? best_of(q->choices, q->n_choices)
			 : -1;
	return o->key >= 0 && o->n >= 2;
}

static bool opts_of_scenario(const struct scenario *s, struct opts *o)
{
	o->item = &s->item;
	o->stem = s->question;
	o->choices = s->choices;
	o->n = s->n_choices;
	o->key = best_of(s->choices, s->n_choices);
	return o->key >= 0 && o->n >= 2;
}

/* The key's length against the others': whether it is the longest (or,
 * with shortest, the shortest, ties included), how many options share
 * that length, and the key over the others' mean. */
struct length_view {
	bool extreme; /* the key is (one of) the longest, or shortest */
	size_t ties;  /* options as long as the extreme */
	double ratio; /* the key's length over the others' mean */
	size_t key_len;
	double others; /* the others' mean length */
};

static struct length_view lengths(const struct opts *o, bool shortest)
{
	struct length_view v = { 0 };
	size_t i, ext = 0, sum = 0;

	v.key_len = itemcheck_length(o->choices[o->key].text);
	for (i = 0; i < o->n; i++) {
		size_t len = itemcheck_length(o->choices[i].text);
		if (i == 0 || (shortest ? len < ext : len > ext))
			ext = len;
		if ((long)i != o->key)
			sum += len;
	}
	for (i = 0; i < o->n; i++)
		v.ties += itemcheck_length(o->choices[i].text) == ext;
	v.extreme = v.key_len == ext;
	v.others = (double)sum / (double)(o->n - 1);
	v.ratio = v.others > 0 ? (double)v.key_len / v.others : 0;
	return v;
}

static void check_key_length(struct ichk *k, const struct opts *o)
{
	struct length_view l = lengths(o, false), s = lengths(o, true);
	bool longest = l.extreme && l.ties == 1 && l.ratio >= WIDE_MARGIN;
	bool shortest = s.extreme && s.ties == 1 && s.ratio > 0 &&
			s.ratio <= 1 / WIDE_MARGIN;
	char *what;

	if (!longest && !shortest)
		return; /* most items: no name to make */
	what = name_of(o->item);
	if (longest)
		warn(k, o->item, &o->item->loc, "key-longest",
		     "the key of %s is its longest option, %.1f times the "
		     "others' mean length (%zu characters against %.0f): "
		     "whoever picks the longest gets it right unread",
		     what, l.ratio, l.key_len, l.others);
	else
		warn(k, o->item, &o->item->loc, "key-shortest",
		     "the key of %s is its shortest option, %.1f times the "
		     "others' mean length (%zu characters against %.0f): "
		     "whoever picks the shortest gets it right unread",
		     what, s.ratio, s.key_len, s.others);
	free(what);
}

/* ---- words ---- */

/* In strcmp() order, for bsearch(). */
static const char *const stop_words[] = {
	"about",   "after",   "again", "also",	"been",	  "before", "being",
	"both",	   "could",   "does",  "doing", "done",	  "each",   "even",
	"ever",	   "every",   "from",  "have",	"having", "here",   "into",
	"just",	   "know",    "like",  "make",	"many",	  "more",   "most",
	"much",	   "must",    "need",  "only",	"other",  "over",   "really",
	"same",	   "should",  "some",  "such",	"take",	  "than",   "that",
	"their",   "them",    "then",  "there", "these",  "they",   "this",
	"those",   "through", "very",  "want",	"what",	  "when",   "where",
	"which",   "while",   "will",  "with",	"would",  "your",   "yours",
	"yourself"
};

static int by_word(const void *key, const void *entry)
{
	return strcmp(key, *(const char *const *)entry);
}

static bool is_stop(const char *w)
{
	return bsearch(w, stop_words,
		       sizeof(stop_words) / sizeof(stop_words[0]),
		       sizeof(stop_words[0]), by_word) != NULL;
}

/* Words this long or longer are no words a reader matches by eye. */
#define WORD_MAX 64

/* The next word at *p of four letters or more, lower case in buf, less a
 * final "'s" and the common words; false at the end of the text. Letters
 * are ASCII letters and any byte of a UTF-8 sequence. */
static bool next_word(const char **p, char buf[WORD_MAX])
{
	for (;;) {
		const char *s;
		size_t len, i;
		while (**p && !isalpha((unsigned char)**p) &&
		       (unsigned char)**p < 0x80)
			(*p)++;
		if (!**p)
			return false;
		s = *p;
		while (**p && (isalpha((unsigned char)**p) ||
			       (unsigned char)**p >= 0x80 || **p == '\''))
			(*p)++;
		len = (size_t)(*p - s);
		if (len < 4 || len >= WORD_MAX)
			continue;
		for (i = 0; i < len; i++)
			buf[i] = (char)tolower((unsigned char)s[i]);
		buf[len] = '\0';
		if (strcmp(buf + len - 2, "'s") == 0)
			buf[len -= 2] = '\0';
		if (len >= 4 && !is_stop(buf))
			return true;
	}
}

/* The distinct words of text as next_word() finds them, as an array
 * (caller frees each and the array). */
static char **content_words(const char *text, size_t *n)
{
	char **v = NULL, buf[WORD_MAX];
	size_t cap = 0;
	const char *p = text ? text : "";

	*n = 0;
	while (next_word(&p, buf)) {
		size_t i;
		bool seen = false;
		for (i = 0; i < *n && !seen; i++)
			seen = strcmp(v[i], buf) == 0;
		if (seen)
			continue;
		{
			void *q = v;
			xgrow(&q, &cap, *n + 2, sizeof(*v));
			v = q;
		}
		v[(*n)++] = xstrdup(buf);
		v[*n] = NULL;
	}
	return v;
}

static void free_words(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* How many of words (n, distinct) text holds, and them as "'a', 'b'" in
 * *list, in the order of words (caller frees), when list is not NULL.
 * Reads text in place: this runs for every option of every question. */
static size_t shared(char **words, size_t n, const char *text, char **list)
{
	bool *hit = xcalloc(n + 1, sizeof(*hit));
	const char *p = text ? text : "";
	char buf[WORD_MAX];
	size_t i, count = 0;

	while (count < n && next_word(&p, buf))
		for (i = 0; i < n; i++)
			if (!hit[i] && strcmp(words[i], buf) == 0) {
				hit[i] = true;
				count++;
				break;
			}
	if (list) {
		struct strbuf sb = { 0 };
		size_t shown = 0;
		for (i = 0; i < n; i++)
			if (hit[i])
				strbuf_addf(&sb, "%s'%s'", shown++ ? ", " : "",
					    words[i]);
		*list = strbuf_detach(&sb);
	}
	free(hit);
	return count;
}

static void check_stem_echo(struct ichk *k, const struct opts *o)
{
	size_t n, i, key;
	char **stem = content_words(o->stem, &n), *list = NULL;
	bool others = false;

	key = shared(stem, n, o->choices[o->key].text, &list);
	for (i = 0; i < o->n && !others; i++)
		others = (long)i != o->key &&
			 shared(stem, n, o->choices[i].text, NULL) > 0;
	if (key >= 2 && !others) {
		char *what = name_of(o->item);
		warn(k, o->item, &o->choices[o->key].loc, "stem-echo",
		     "the key of %s repeats the stem's words %s, and no other "
		     "option does: the echo points to it",
		     what, list);
		free(what);
	}
	free(list);
	free_words(stem, n);
}

/* text lower case, runs of anything but letters and digits as one space,
 * trimmed: how two options are compared. Caller frees. */
static char *plain(const char *text)
{
	struct strbuf sb = { 0 };
	bool gap = false;

	for (; text && *text; text++) {
		unsigned char c = (unsigned char)*text;
		if (isalnum(c) || c >= 0x80) {
			if (gap && sb.len)
				strbuf_addc(&sb, ' ');
			gap = false;
			strbuf_addc(&sb, (char)tolower(c));
		} else {
			gap = true;
		}
	}
	strbuf_add(&sb, "", 0);
	return strbuf_detach(&sb);
}

static void check_options(struct ichk *k, const struct item *owner,
			  const struct choice *v, size_t n)
{
	static const char *const catch_all[] = {
		"all of the above",	"none of the above",
		"all the above",	"both of the above",
		"neither of the above", "all of these",
		"none of these",	NULL
	};
	char **texts = xcalloc(n + 1, sizeof(*texts));
	char *what = NULL; /* made when there is a warning to name it in */
	size_t i, j;

	for (i = 0; i < n; i++) {
		texts[i] = plain(v[i].text);
		for (j = 0; catch_all[j]; j++)
			if (strcmp(texts[i], catch_all[j]) == 0 &&
			    (what || (what = name_of(owner))))
				warn(k, owner, &v[i].loc, "all-of-the-above",
				     "option '%s' of %s is '%s': it is the key "
				     "or it is not, and a test-wise reader "
				     "knows which from the other options",
				     v[i].id, what, catch_all[j]);
		for (j = 0; j < i; j++)
			if (*texts[i] && strcmp(texts[i], texts[j]) == 0 &&
			    (what || (what = name_of(owner)))) {
				warn(k, owner, &v[i].loc, "same-option-text",
				     "options '%s' and '%s' of %s read the "
				     "same",
				     v[j].id, v[i].id, what);
				break;
			}
	}
	for (i = 0; i < n; i++)
		free(texts[i]);
	free(texts);
	free(what);
}

static void check_ordering(struct ichk *k, const struct question *q)
{
	double untouched, reversed;
	char *what;

	run_ordering_blind(q->n_choices, &untouched, &reversed);
	if (untouched < 0.5 && reversed < 0.5)
		return;
	what = name_of(&q->item);
	warn(k, &q->item, &q->item.loc, "ordering-untouched",
	     "%s has %zu items to order: left as shown it earns %.0f%% on "
	     "average, and turned round %.0f%%, read or not; give it more "
	     "items, or ask it another way",
	     what, q->n_choices, 100 * untouched, 100 * reversed);
	free(what);
}

/* ---- a quiz, a bank, an exercise: patterns over its items ---- */

/* Over this many items the exact sum below (n * n steps) gives way to the
 * normal approximation, which is then far closer than the test needs. */
#define EXACT_ITEMS 1000

/* P(X >= k) for a sum of independent trials with chances p[0..n-1]: how
 * likely chance alone gives k or more. Exact (the Poisson-binomial
 * distribution, built one trial at a time, and only as far as k: what
 * reaches k stays there) up to EXACT_ITEMS; beyond, normal with a
 * continuity correction. */
static double at_least(const double *p, size_t n, size_t k)
{
	double *d, tail = 0;
	size_t i, j;

	if (k == 0)
		return 1;
	if (n > EXACT_ITEMS) {
		double mean = 0, var = 0;
		for (i = 0; i < n; i++) {
			mean += p[i];
			var += p[i] * (1 - p[i]);
		}
		if (!(var > 0))
			return (double)k <= mean ? 1 : 0;
		return 0.5 * erfc(((double)k - 0.5 - mean) / sqrt(2 * var));
	}
	d = xcalloc(k + 1, sizeof(*d)); /* d[j]: the chance of j so far */
	d[0] = 1;
	for (i = 0; i < n; i++) {
		tail += d[k - 1] * p[i];
		for (j = k - 1; j > 0; j--)
			d[j] = d[j] * (1 - p[i]) + d[j - 1] * p[i];
		d[0] *= 1 - p[i];
	}
	free(d);
	return tail;
}

/* The one-best-answer items of a scope: questions or scenarios. */
struct scope {
	const struct item *owner; /* the quiz, bank or exercise */
	const char *noun;	  /* "one-best-answer questions", ... */
	struct opts *items;
	size_t n, cap;
};

static void scope_add(struct scope *s, const struct opts *o)
{
	void *p = s->items;

	xgrow(&p, &s->cap, s->n + 1, sizeof(*s->items));
	s->items = p;
	s->items[s->n++] = *o;
}

static void check_keys_by_length(struct ichk *k, const struct scope *s,
				 bool shortest)
{
	double *p, expected = 0;
	size_t i, observed = 0;
	char *what;

	if (s->n < 4)
		return;
	p = xcalloc(s->n, sizeof(*p));
	for (i = 0; i < s->n; i++) {
		struct length_view v = lengths(&s->items[i], shortest);
		p[i] = (double)v.ties / (double)s->items[i].n;
		expected += p[i];
		observed += v.extreme;
	}
	if ((double)observed > expected &&
	    at_least(p, s->n, observed) <= CHANCE_P) {
		what = name_of(s->owner);
		warn(k, s->owner, &s->owner->loc,
		     shortest ? "keys-shortest" : "keys-longest",
		     "in %s the key is the %s option in %zu of %zu %s, where "
		     "chance gives about %.0f: picking the %s is a winning "
		     "guess there",
		     what, shortest ? "shortest" : "longest", observed, s->n,
		     s->noun, expected, shortest ? "shortest" : "longest");
		free(what);
	}
	free(p);
}

/* The most common of n texts: how many share it, and it in *which. */
static char *const *common_v; /* for by_text() */

static int by_text(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(common_v[x], common_v[y]);

	return c ? c : x < y ? -1 : x > y;
}

/* How many of v (n) share the most common text, and it in *which: of two
 * as common, the one that comes first in v. Sorts, so that a bank of
 * thousands of items takes n log n, not n * n. */
static size_t most_common(char **v, size_t n, const char **which)
{
	size_t *order = xcalloc(n + 1, sizeof(*order));
	size_t i, run, best = 0, best_first = 0;

	*which = NULL;
	for (i = 0; i < n; i++)
		order[i] = i;
	common_v = v;
	sort_array(order, n, sizeof(*order), by_text);
	for (i = 0; i < n; i += run) {
		size_t first =
			order[i]; /* the run's earliest: sorted by index */
		for (run = 1;
		     i + run < n && strcmp(v[order[i]], v[order[i + run]]) == 0;
		     run++)
			;
		if (run > best || (run == best && first < best_first)) {
			best = run;
			best_first = first;
			*which = v[first];
		}
	}
	free(order);
	return best;
}

static bool a_pattern(size_t share, size_t n)
{
	return n >= PATTERN_ITEMS && (double)share >= PATTERN_SHARE * (double)n;
}

static int by_credit_down(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? 1 : x > y ? -1 : 0;
}

/* "100, 60, 30, 0" for a set of credits, highest first. Caller frees. */
static char *credit_set(const struct choice *v, size_t n, bool signs)
{
	double *c = xcalloc(n + 1, sizeof(*c));
	struct strbuf sb = { 0 };
	size_t i;

	for (i = 0; i < n; i++)
		c[i] = v[i].credit;
	sort_array(c, n, sizeof(*c), by_credit_down);
	for (i = 0; i < n; i++)
		strbuf_addf(&sb, "%s%s%g", i ? ", " : "",
			    signs && c[i] > 0 ? "+" : "", c[i]);
	free(c);
	strbuf_add(&sb, "", 0);
	return strbuf_detach(&sb);
}

static void check_weights(struct ichk *k, const struct item *owner,
			  const struct choice *const *sets, const size_t *sizes,
			  size_t n, const char *noun)
{
	char **v = xcalloc(n + 1, sizeof(*v)), *what;
	const char *which;
	size_t i, share;

	for (i = 0; i < n; i++)
		v[i] = credit_set(sets[i], sizes[i], false);
	share = most_common(v, n, &which);
	if (a_pattern(share, n)) {
		what = name_of(owner);
		warn(k, owner, &owner->loc, "weight-pattern",
		     "%zu of the %zu %s in %s weigh their options %s: once a "
		     "reader knows the pattern, the middle options are worth "
		     "a guess",
		     share, n, noun, what, which);
		free(what);
	}
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The checks over the questions a quiz or bank can ask. */
static void check_question_scope(struct ichk *k, const struct item *owner,
				 const struct question *const *qs, size_t n)
{
	struct scope best = { owner, "one-best-answer questions", NULL, 0, 0 };
	const struct choice **wsets = xcalloc(n + 1, sizeof(*wsets));
	size_t *wsizes = xcalloc(n + 1, sizeof(*wsizes));
	char **patterns = xcalloc(n + 1, sizeof(*patterns));
	char **counts = xcalloc(n + 1, sizeof(*counts));
	size_t i, n_tf = 0, n_true = 0, n_mr = 0, n_judge = 0, share;
	const char *which;
	char *what = name_of(owner);

	for (i = 0; i < n; i++) {
		const struct question *q = qs[i];
		struct opts o;
		if (opts_of_question(q, &o))
			scope_add(&best, &o);
		if (q->type == Q_JUDGEMENT) {
			wsets[n_judge] = q->choices;
			wsizes[n_judge++] = q->n_choices;
		} else if (q->type == Q_TRUEFALSE) {
			long key = best_of(q->choices, q->n_choices);
			n_tf++;
			n_true += key >= 0 &&
				  strcmp(q->choices[key].id, "true") == 0;
		} else if (q->type == Q_MULTIPLE) {
			size_t keyed = 0, j;
			for (j = 0; j < q->n_choices; j++)
				keyed += q->choices[j].credit > 0;
			patterns[n_mr] =
				credit_set(q->choices, q->n_choices, true);
			counts[n_mr++] = xasprintf("%zu", keyed);
		}
	}
	check_keys_by_length(k, &best, false);
	check_keys_by_length(k, &best, true);
	if (n_tf >= PATTERN_ITEMS &&
	    (n_true * 4 >= n_tf * 3 || (n_tf - n_true) * 4 >= n_tf * 3)) {
		bool t = n_true * 2 > n_tf;
		size_t most = t ? n_true : n_tf - n_true;
		warn(k, owner, &owner->loc, "true-false-balance",
		     "%zu of the %zu true/false questions in %s are %s: "
		     "answering '%s' to all of them scores %.0f%% there",
		     most, n_tf, what, t ? "true" : "false",
		     t ? "true" : "false", 100.0 * (double)most / (double)n_tf);
	}
	share = most_common(patterns, n_mr, &which);
	if (a_pattern(share, n_mr)) {
		warn(k, owner, &owner->loc, "multiple-pattern",
		     "%zu of the %zu multiple-response questions in %s share "
		     "one pattern of fractions (%s): a reader who knows it "
		     "picks by it",
		     share, n_mr, what, which);
	} else if (a_pattern(share = most_common(counts, n_mr, &which), n_mr)) {
		warn(k, owner, &owner->loc, "multiple-pattern",
		     "%zu of the %zu multiple-response questions in %s have %s "
		     "options keyed: a reader who knows it picks that many",
		     share, n_mr, what, which);
	}
	check_weights(k, owner, wsets, wsizes, n_judge, "judgement questions");
	for (i = 0; i < n_mr; i++) {
		free(patterns[i]);
		free(counts[i]);
	}
	free(patterns);
	free(counts);
	free(wsets);
	free(wsizes);
	free(best.items);
	free(what);
}

static void push_question(const struct question ***v, size_t *n, size_t *cap,
			  const struct question *q)
{
	void *pv = *v;

	xgrow(&pv, cap, *n + 1, sizeof(**v));
	*v = pv;
	(*v)[(*n)++] = q;
}

/* Every question a quiz can ask, each once: its pools' own (ids are
 * unique, so each is one question) and their banks', a bank that two
 * pools draw from taken once. Caller frees the array. */
static const struct question **quiz_questions(const struct quiz *q, size_t *n)
{
	const struct question **v = NULL;
	size_t cap = 0, i, j;

	*n = 0;
	for (i = 0; i < q->n_pools; i++) {
		const struct pool *p = q->pools[i];
		const struct bank *b = p->bank.target;
		for (j = 0; j < p->n_questions; j++)
			push_question(&v, n, &cap, p->questions[j]);
		for (j = 0; b && j < i; j++)
			if (q->pools[j]->bank.target == b)
				b = NULL; /* an earlier pool took it */
		for (j = 0; b && j < b->n_questions; j++)
			push_question(&v, n, &cap, b->questions[j]);
	}
	return v;
}

static void check_exercise_scope(struct ichk *k, const struct exercise *e)
{
	struct scope best = { &e->item, "scenarios", NULL, 0, 0 };
	const struct choice **wsets = xcalloc(e->n_parts + 1, sizeof(*wsets));
	size_t *wsizes = xcalloc(e->n_parts + 1, sizeof(*wsizes));
	size_t i, n = 0;

	for (i = 0; i < e->n_parts; i++) {
		const struct scenario *s = e->parts[i].scenario;
		struct opts o;
		if (!s)
			continue;
		if (opts_of_scenario(s, &o))
			scope_add(&best, &o);
		wsets[n] = s->choices;
		wsizes[n++] = s->n_choices;
	}
	check_keys_by_length(k, &best, false);
	check_keys_by_length(k, &best, true);
	check_weights(k, &e->item, wsets, wsizes, n, "scenarios");
	free(best.items);
	free(wsets);
	free(wsizes);
}

/* ---- the course ---- */

static bool bank_drawn(const struct course *c, const struct bank *b)
{
	size_t i;

	for (i = 0; i < c->pools.n; i++)
		if (((const struct pool *)c->pools.v[i])->bank.target == b)
			return true;
	return false;
}

/* Every <allow> that accepted nothing: a warning of its own. */
static void check_allows(struct ichk *k, const struct item_list *l)
{
	size_t i, j, u;

	for (i = 0; i < l->n; i++) {
		const struct item *it = l->v[i];
		for (j = 0; j < it->n_allows; j++) {
			const struct allowance *a = &it->allows[j];
			bool used = false;
			char *what;
			for (u = 0; u < k->n_used && !used; u++)
				used = k->used[u] == a;
			if (used)
				continue;
			what = name_of(it);
			diag_add(k->dl, DIAG_WARNING,
				 a->loc.file ? a->loc.file : k->c->path,
				 a->loc.line, a->loc.col,
				 "%s allows '%s', but no such warning is left "
				 "there to accept; remove the <allow>",
				 what, a->check ? a->check : "?");
			free(what);
			k->added++;
		}
	}
}

size_t itemcheck_course(const struct course *c, struct diag_list *dl)
{
	struct ichk k = { c, dl, 0, NULL, 0, 0 };
	size_t i;

	for (i = 0; i < c->questions.n; i++) {
		const struct question *q = c->questions.v[i];
		struct opts o;
		if (opts_of_question(q, &o)) {
			check_key_length(&k, &o);
			check_stem_echo(&k, &o);
		}
		if (q->type != Q_TRUEFALSE && q->type != Q_SHORT)
			check_options(&k, &q->item, q->choices, q->n_choices);
		if (q->type == Q_ORDERING)
			check_ordering(&k, q);
	}
	for (i = 0; i < c->scenarios.n; i++) {
		const struct scenario *s = c->scenarios.v[i];
		struct opts o;
		if (opts_of_scenario(s, &o)) {
			check_key_length(&k, &o);
			check_stem_echo(&k, &o);
		}
		check_options(&k, &s->item, s->choices, s->n_choices);
	}
	for (i = 0; i < c->quizzes.n; i++) {
		const struct quiz *q = c->quizzes.v[i];
		size_t n;
		const struct question **qs = quiz_questions(q, &n);
		check_question_scope(&k, &q->item,
				     (const struct question *const *)qs, n);
		free(qs);
	}
	for (i = 0; i < c->banks.n; i++) {
		const struct bank *b = c->banks.v[i];
		if (!bank_drawn(c, b))
			check_question_scope(
				&k, &b->item,
				(const struct question *const *)b->questions,
				b->n_questions);
	}
	for (i = 0; i < c->exercises.n; i++)
		check_exercise_scope(&k, c->exercises.v[i]);
	check_allows(&k, &c->questions);
	check_allows(&k, &c->scenarios);
	check_allows(&k, &c->quizzes);
	check_allows(&k, &c->banks);
	check_allows(&k, &c->exercises);
	free(k.used);
	return k.added;
}
