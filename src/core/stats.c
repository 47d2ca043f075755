/* SPDX-License-Identifier: GPL-3.0-or-later */
/* stats.c - item statistics for trainers (stats.h). */
#include "stats.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- the covariance matrix ---- */

/* Sums of one pair of items over the rows that have both: x is the item
 * with the lower index. Values are kept less each item's first value, so
 * that the sums stay small and the subtraction below loses nothing. */
struct pair_sums {
	size_t n;
	double sx, sy, sxx, syy, sxy;
};

struct stats_cov {
	size_t k;
	double *shift;	     /* each item's first value */
	bool *shifted;	     /* shift[i] is set */
	struct pair_sums *m; /* the upper triangle, i <= j, row by row */
};

struct stats_cov *stats_cov_new(size_t k)
{
	struct stats_cov *c = xcalloc(1, sizeof(*c));

	c->k = k;
	c->shift = xcalloc(k + 1, sizeof(*c->shift));
	c->shifted = xcalloc(k + 1, sizeof(*c->shifted));
	c->m = xcalloc(k * (k + 1) / 2 + 1, sizeof(*c->m));
	return c;
}

void stats_cov_free(struct stats_cov *c)
{
	if (!c)
		return;
	free(c->shift);
	free(c->shifted);
	free(c->m);
	free(c);
}

static struct pair_sums *pair(const struct stats_cov *c, size_t i, size_t j)
{
	size_t lo = i < j ? i : j, hi = i < j ? j : i;

	return &c->m[lo * c->k - lo * (lo - 1) / 2 + (hi - lo)];
}

void stats_cov_add(struct stats_cov *c, const size_t *items,
		   const double *values, size_t m)
{
	size_t a, b;

	for (a = 0; a < m; a++)
		if (!c->shifted[items[a]]) {
			c->shift[items[a]] = values[a];
			c->shifted[items[a]] = true;
		}
	for (a = 0; a < m; a++) {
		size_t i = items[a];
		double x = values[a] - c->shift[i];
		for (b = a; b < m; b++) {
			size_t j = items[b];
			double y = values[b] - c->shift[j];
			struct pair_sums *p = pair(c, i, j);
			if (i == j && a != b)
				continue; /* an item twice: counted once */
			if (i > j) {	  /* the lower index is x */
				double t = x;
				x = y;
				y = t;
			}
			p->n++;
			p->sx += x;
			p->sy += y;
			p->sxx += x * x;
			p->syy += y * y;
			p->sxy += x * y;
			x = values[a] - c->shift[i];
		}
	}
}

size_t stats_cov_count(const struct stats_cov *c, size_t i, size_t j)
{
	return pair(c, i, j)->n;
}

double stats_cov_get(const struct stats_cov *c, size_t i, size_t j)
{
	const struct pair_sums *p = pair(c, i, j);
	double n = (double)p->n;

	if (p->n < 2)
		return NAN;
	if (i == j)
		return (p->sxx - p->sx * p->sx / n) / (n - 1);
	return (p->sxy - p->sx * p->sy / n) / (n - 1);
}

static bool used(const bool *use, size_t i)
{
	return !use || use[i];
}

bool stats_cov_alpha(const struct stats_cov *c, const bool *use, double *alpha,
		     const char **why, size_t *a, size_t *b)
{
	double total = 0, trace = 0;
	size_t i, j, k = 0;

	for (i = 0; i < c->k; i++)
		k += used(use, i);
	if (k < 2) {
		*why = "it needs two items or more";
		return false;
	}
	for (i = 0; i < c->k; i++) {
		if (!used(use, i))
			continue;
		for (j = i; j < c->k; j++) {
			double v;
			if (!used(use, j))
				continue;
			if (pair(c, i, j)->n < STATS_MIN_PAIR) {
				*why = i == j ? "an item has too few answers"
					      : "two items were answered "
						"together "
						"too rarely";
				*a = i;
				*b = j;
				return false;
			}
			v = stats_cov_get(c, i, j);
			total += i == j ? v : 2 * v;
			if (i == j)
				trace += v;
		}
	}
	if (!(total > 0)) {
		*why = "the total of the items does not vary";
		return false;
	}
	*alpha = (1 - trace / total) * (double)k / (double)(k - 1);
	return true;
}

void stats_cov_rest_all(const struct stats_cov *c, const bool *use, double *r,
			bool *has)
{
	double *row = xcalloc(c->k + 1, sizeof(*row)), total = 0;
	bool *whole = xcalloc(c->k + 1, sizeof(*whole));
	size_t i, j;

	/* each used item's row sum, and whether every pair in it is known */
	for (i = 0; i < c->k; i++)
		whole[i] = used(use, i);
	for (i = 0; i < c->k; i++) {
		if (!used(use, i))
			continue;
		for (j = i; j < c->k; j++) {
			double v;
			if (!used(use, j))
				continue;
			if (pair(c, i, j)->n < 2) {
				whole[i] = whole[j] = false;
				continue;
			}
			v = stats_cov_get(c, i, j);
			row[i] += v;
			if (j != i)
				row[j] += v;
			total += i == j ? v : 2 * v;
		}
	}
	for (i = 0; i < c->k; i++) {
		double own = whole[i] ? stats_cov_get(c, i, i) : 0;
		double with = row[i] - own, rest = total - 2 * row[i] + own;
		bool rest_whole = whole[i];
		/* the rest is known only when every other used row is */
		for (j = 0; j < c->k && rest_whole; j++)
			rest_whole = j == i || !used(use, j) || whole[j];
		has[i] = rest_whole && own > 0 && rest > 1e-12;
		r[i] = has[i] ? with / sqrt(own * rest) : NAN;
	}
	free(row);
	free(whole);
}

bool stats_cov_rest_r(const struct stats_cov *c, const bool *use, size_t i,
		      double *r)
{
	double *all = xcalloc(c->k + 1, sizeof(*all));
	bool *has = xcalloc(c->k + 1, sizeof(*has)), ok;

	stats_cov_rest_all(c, use, all, has);
	ok = i < c->k && has[i];
	if (ok)
		*r = all[i];
	free(all);
	free(has);
	return ok;
}

/* ---- what arrives, kept for stats_finish() ---- */

/* One answer that counts: to items[item] in the attempt-th attempt. */
struct cell {
	uint32_t attempt, item;
	uint32_t picks; /* options chosen, one bit each (26 at most) */
	double value, possible;
};

struct stats_work {
	struct cell *cells;
	size_t n_cells, cap_cells;
	double *scores; /* per attempt: its score, 0..100 */
	size_t cap_scores;
	double *comp_scores; /* assessments: attempts x n_comps; NAN unscored */
	size_t cap_comp;
	int *third;	/* per attempt: -1 bottom, 1 top, 0 neither */
	size_t *slots;	/* find_item(): index + 1 of an item, 0 empty */
	size_t n_slots; /* a power of two */
};

static const struct choice *item_choices(const struct item *it, size_t *n)
{
	*n = 0;
	if (it->kind == ITEM_QUESTION) {
		const struct question *q = (const struct question *)it;
		if (q->type == Q_ORDERING || q->type == Q_SHORT)
			return NULL;
		*n = q->n_choices;
		return q->choices;
	}
	if (it->kind == ITEM_SCENARIO) {
		const struct scenario *sc = (const struct scenario *)it;
		*n = sc->n_choices;
		return sc->choices;
	}
	return NULL;
}

static const char *competency_of(const struct item *it)
{
	if (it->kind == ITEM_QUESTION)
		return ((const struct question *)it)->competency.id;
	if (it->kind == ITEM_STATEMENT)
		return ((const struct statement *)it)->competency.id;
	if (it->kind == ITEM_SCENARIO)
		return ((const struct scenario *)it)->competency.id;
	return NULL;
}

static void add_item(struct stats_activity *a, size_t *cap,
		     const struct item *it)
{
	void *p = a->items;
	struct stats_item *si;
	const struct choice *ch;
	size_t i, n;
	double best = -1;
	bool multiple = it->kind == ITEM_QUESTION &&
			((const struct question *)it)->type == Q_MULTIPLE;

	xgrow(&p, cap, a->n_items + 1, sizeof(*a->items));
	a->items = p;
	si = &a->items[a->n_items++];
	memset(si, 0, sizeof(*si));
	si->item = it;
	si->competency = competency_of(it);
	si->dichotomous = true;
	ch = item_choices(it, &n);
	if (n > 32)
		n = 0; /* more than a pick mask holds: no option analysis */
	if (!n)
		return;
	si->options = xcalloc(n, sizeof(*si->options));
	si->n_options = n;
	for (i = 0; i < n; i++)
		if (ch[i].credit > best)
			best = ch[i].credit;
	for (i = 0; i < n; i++) {
		si->options[i].choice = &ch[i];
		si->options[i].key =
			multiple ? ch[i].credit > 0 : ch[i].credit >= best;
	}
}

static void index_items(struct stats_activity *a);

static void add_activity(struct stats *s, size_t *cap, const struct item *it,
			 const char *kind)
{
	void *p = s->acts;
	struct stats_activity *a;
	size_t cap_items = 0, i, j;

	xgrow(&p, cap, s->n_acts + 1, sizeof(*s->acts));
	s->acts = p;
	a = &s->acts[s->n_acts++];
	memset(a, 0, sizeof(*a));
	a->item = it;
	a->kind = kind;
	a->work = xcalloc(1, sizeof(*a->work));
	if (it->kind == ITEM_QUIZ) {
		const struct quiz *q = (const struct quiz *)it;
		for (i = 0; i < q->n_pools; i++) {
			const struct pool *pl = q->pools[i];
			const struct bank *b = pl->bank.target;
			for (j = 0; j < pl->n_questions; j++)
				add_item(a, &cap_items,
					 &pl->questions[j]->item);
			for (j = 0; b && j < i; j++)
				if (q->pools[j]->bank.target == b)
					b = NULL; /* drawn from before */
			for (j = 0; b && j < b->n_questions; j++)
				add_item(a, &cap_items, &b->questions[j]->item);
		}
	} else if (it->kind == ITEM_ASSESSMENT) {
		const struct assessment *as = (const struct assessment *)it;
		const struct course *c = s->course;
		for (i = 0; i < as->n_statements; i++)
			add_item(a, &cap_items, &as->statements[i]->item);
		a->comps = xcalloc(c->competencies.n + 1, sizeof(*a->comps));
		for (i = 0; i < c->competencies.n; i++) {
			const struct competency *cp = c->competencies.v[i];
			for (j = 0; j < as->n_statements; j++)
				if (as->statements[j]->competency.target == cp)
					break;
			if (j < as->n_statements)
				a->comps[a->n_comps++].competency = cp;
		}
	} else {
		const struct exercise *e = (const struct exercise *)it;
		for (i = 0; i < e->n_parts; i++)
			if (e->parts[i].scenario)
				add_item(a, &cap_items,
					 &e->parts[i].scenario->item);
	}
	index_items(a);
}

struct stats *stats_new(const struct course *c, const char *only)
{
	struct stats *s = xcalloc(1, sizeof(*s));
	size_t cap = 0, i;

	s->course = c;
	for (i = 0; i < c->quizzes.n; i++) {
		const struct item *it = c->quizzes.v[i];
		if (!only || strcmp(it->id, only) == 0)
			add_activity(s, &cap, it, "quiz");
	}
	for (i = 0; i < c->assessments.n; i++) {
		const struct item *it = c->assessments.v[i];
		if (!only || strcmp(it->id, only) == 0)
			add_activity(s, &cap, it, "assessment");
	}
	for (i = 0; i < c->exercises.n; i++) {
		const struct item *it = c->exercises.v[i];
		if (!only || strcmp(it->id, only) == 0)
			add_activity(s, &cap, it, "exercise");
	}
	return s;
}

/* Items by address, so that an answer finds its item in one step however
 * big the banks: open addressing over a power of two. */
static size_t slot_of(const struct item *it, size_t mask)
{
	uintptr_t h = (uintptr_t)it;

	h ^= h >> 17;
	h *= (uintptr_t)0x9E3779B97F4A7C15ull;
	return (size_t)(h >> 7) & mask;
}

static void index_items(struct stats_activity *a)
{
	struct stats_work *w = a->work;
	size_t i;

	for (w->n_slots = 16; w->n_slots < 2 * a->n_items; w->n_slots *= 2)
		;
	w->slots = xcalloc(w->n_slots, sizeof(*w->slots));
	for (i = 0; i < a->n_items; i++) {
		size_t at = slot_of(a->items[i].item, w->n_slots - 1);
		while (w->slots[at])
			at = (at + 1) & (w->n_slots - 1);
		w->slots[at] = i + 1;
	}
}

static long find_item(const struct stats_activity *a, const struct item *it)
{
	const struct stats_work *w = a->work;
	size_t at;

	if (!it)
		return -1;
	for (at = slot_of(it, w->n_slots - 1); w->slots[at];
	     at = (at + 1) & (w->n_slots - 1))
		if (a->items[w->slots[at] - 1].item == it)
			return (long)w->slots[at] - 1;
	return -1;
}

/* The options a response (JSON: ["a", "b"]) chose, as bits. */
static uint32_t picks_of(const struct stats_item *si, const char *response)
{
	const char *p = response;
	uint32_t mask = 0;

	while (p && (*p == ' ' || *p == '\n'))
		p++;
	if (!p || *p != '[')
		return 0;
	while ((p = strchr(p, '"')) != NULL) {
		const char *start = ++p;
		size_t len, i;
		while (*p && *p != '"') {
			if (*p == '\\' && p[1])
				p++;
			p++;
		}
		len = (size_t)(p - start);
		for (i = 0; i < si->n_options; i++) {
			const char *id = si->options[i].choice->id;
			if (strlen(id) == len && memcmp(id, start, len) == 0)
				mask |= 1u << i;
		}
		if (!*p)
			break;
		p++;
	}
	return mask;
}

static void push_cell(struct stats_work *w, const struct cell *c)
{
	void *p = w->cells;

	xgrow(&p, &w->cap_cells, w->n_cells + 1, sizeof(*w->cells));
	w->cells = p;
	w->cells[w->n_cells++] = *c;
}

void stats_add(struct stats *s, const struct record *r)
{
	struct stats_activity *a = NULL;
	struct stats_work *w;
	size_t i, at;
	bool statements;

	if (!record_is_finished(r) || !r->kind || !r->item ||
	    (r->course && strcmp(r->course, s->course->item.id) != 0))
		return;
	for (i = 0; i < s->n_acts && !a; i++)
		if (strcmp(s->acts[i].kind, r->kind) == 0 &&
		    strcmp(s->acts[i].item->id, r->item) == 0)
			a = &s->acts[i];
	if (!a || !r->scored)
		return;
	statements = a->item->kind == ITEM_ASSESSMENT;
	w = a->work;
	at = a->attempts++;
	{
		void *p = w->scores;
		xgrow(&p, &w->cap_scores, at + 1, sizeof(*w->scores));
		w->scores = p;
		w->scores[at] = r->score;
	}
	if (statements) {
		void *p = w->comp_scores;
		size_t c;
		xgrow(&p, &w->cap_comp, (at + 1) * (a->n_comps + 1),
		      sizeof(*w->comp_scores));
		w->comp_scores = p;
		for (c = 0; c < a->n_comps; c++) {
			double *v = &w->comp_scores[at * a->n_comps + c];
			*v = NAN;
			for (i = 0; i < r->n_scores; i++)
				if (r->scores[i].scored &&
				    strcmp(r->scores[i].competency,
					   a->comps[c].competency->item.id) ==
					    0)
					*v = r->scores[i].score;
		}
	}
	for (i = 0; i < r->n_answers; i++) {
		const struct record_answer *ans = &r->answers[i];
		long k = find_item(a, course_find(s->course, ans->item));
		struct stats_item *si;
		struct cell c = { 0 };
		if (k < 0)
			continue;
		si = &a->items[k];
		c.attempt = (uint32_t)at;
		c.item = (uint32_t)k;
		if (statements) {
			if (ans->outcome &&
			    strcmp(ans->outcome, "not-applicable") == 0) {
				si->not_applicable++;
				continue;
			}
			if (!ans->has_keyed)
				continue;
			c.value = (double)ans->keyed;
			c.possible = 1;
		} else {
			if (!ans->has_points || !(ans->possible > 0))
				continue; /* a poll, or a scenario not scored */
			c.value = ans->earned;
			c.possible = ans->possible;
			c.picks = picks_of(si, ans->response);
		}
		push_cell(w, &c);
	}
}

/* ---- the figures ---- */

static double sample_sd(double sum, double sum_sq, size_t n)
{
	double v;

	if (n < 2)
		return NAN;
	v = (sum_sq - sum * sum / (double)n) / (double)(n - 1);
	return v > 0 ? sqrt(v) : 0;
}

static const double *sort_scores;

static int by_score(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	double u = sort_scores[x], v = sort_scores[y];

	if (u != v)
		return u < v ? -1 : 1;
	return x < y ? -1 : x > y;
}

static int by_value(const void *a, const void *b)
{
	double u = *(const double *)a, v = *(const double *)b;

	return u < v ? -1 : u > v;
}

/* Mean, SD, median, range and tens of the attempts' scores; and, for the
 * distractor analysis, which third each attempt is in (by score, ties by
 * the order they came in). */
static void score_figures(struct stats_activity *a)
{
	struct stats_work *w = a->work;
	size_t n = a->attempts, i, *order, third = n / 3;
	double sum = 0, sum_sq = 0, *sorted;

	w->third = xcalloc(n + 1, sizeof(*w->third));
	if (!n)
		return;
	sorted = xcalloc(n, sizeof(*sorted));
	order = xcalloc(n, sizeof(*order));
	for (i = 0; i < n; i++) {
		double v = w->scores[i];
		size_t ten = v >= 100 ? 9 : v < 0 ? 0 : (size_t)(v / 10);
		sum += v;
		sum_sq += v * v;
		a->hist[ten]++;
		sorted[i] = v;
		order[i] = i;
	}
	sort_array(sorted, n, sizeof(*sorted), by_value);
	a->mean = sum / (double)n;
	a->sd = sample_sd(sum, sum_sq, n);
	a->min = sorted[0];
	a->max = sorted[n - 1];
	a->median =
		n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	sort_scores = w->scores;
	sort_array(order, n, sizeof(*order), by_score);
	for (i = 0; i < third; i++) {
		w->third[order[i]] = -1;
		w->third[order[n - 1 - i]] = 1;
	}
	free(sorted);
	free(order);
}

/* The covariance matrix of the items, each attempt a row. Cells come in
 * attempt order. */
static struct stats_cov *matrix(const struct stats_activity *a)
{
	const struct stats_work *w = a->work;
	struct stats_cov *c = stats_cov_new(a->n_items);
	size_t *idx = xcalloc(a->n_items + 1, sizeof(*idx));
	double *val = xcalloc(a->n_items + 1, sizeof(*val));
	size_t i = 0;

	while (i < w->n_cells) {
		size_t at = w->cells[i].attempt, m = 0;
		for (; i < w->n_cells && w->cells[i].attempt == at; i++) {
			if (m == a->n_items)
				continue;
			idx[m] = w->cells[i].item;
			val[m++] = w->cells[i].value;
		}
		stats_cov_add(c, idx, val, m);
	}
	free(idx);
	free(val);
	return c;
}

static void item_sums(struct stats_activity *a)
{
	const struct stats_work *w = a->work;
	size_t i, o;

	for (i = 0; i < w->n_cells; i++) {
		const struct cell *c = &w->cells[i];
		struct stats_item *si = &a->items[c->item];
		double share = c->value / c->possible;
		int third = w->third[c->attempt];
		si->n++;
		si->sum += a->item->kind == ITEM_ASSESSMENT ? c->value : share;
		si->sum_sq += a->item->kind == ITEM_ASSESSMENT
				      ? c->value * c->value
				      : share * share;
		si->earned += c->value;
		si->possible += c->possible;
		if (c->value != 0 && fabs(c->value - c->possible) > 1e-9)
			si->dichotomous = false;
		si->n_top += third > 0;
		si->n_bottom += third < 0;
		for (o = 0; o < si->n_options; o++)
			if (c->picks & (1u << o)) {
				si->options[o].picks++;
				si->options[o].top += third > 0;
				si->options[o].bottom += third < 0;
			}
	}
}

static void scale_range(const struct stats_activity *a, double *lo, double *hi)
{
	const struct assessment *as = (const struct assessment *)a->item;
	size_t i;
	bool any = false;

	*lo = *hi = 0;
	for (i = 0; i < as->scale.n_points; i++) {
		double v = as->scale.points[i].value;
		if (as->scale.points[i].not_applicable)
			continue;
		if (!any || v < *lo)
			*lo = v;
		if (!any || v > *hi)
			*hi = v;
		any = true;
	}
}

static void item_flags(const struct stats_activity *a, struct stats_item *si)
{
	size_t o;
	long key = -1;
	bool single = true;

	if (si->has_discrimination) {
		if (si->discrimination < 0)
			si->flags |= STATS_F_NEGATIVE;
		else if (si->discrimination < STATS_FLAT)
			si->flags |= STATS_F_FLAT;
	}
	if (si->sd == 0)
		si->flags |= STATS_F_CONSTANT;
	if (a->item->kind == ITEM_ASSESSMENT)
		return; /* a habit has no right answer to be easy or hard */
	if (si->facility > STATS_EASY)
		si->flags |= STATS_F_EASY;
	if (si->facility < STATS_HARD)
		si->flags |= STATS_F_HARD;
	for (o = 0; o < si->n_options; o++) {
		if (si->options[o].key) {
			single = key < 0;
			key = (long)o;
		} else if (si->options[o].picks == 0) {
			si->flags |= STATS_F_UNPICKED;
		}
	}
	if (key < 0 || !single || si->n_top == 0)
		return;
	for (o = 0; o < si->n_options; o++)
		if (!si->options[o].key &&
		    si->options[o].top > si->options[key].top)
			si->flags |= STATS_F_TOP_PREFERS;
}

/* Alpha over the items use[] marks, from the covariance matrix; sd the
 * standard deviation of the scores it goes with, for the SEM. */
static void reliability(const struct stats_activity *a,
			const struct stats_cov *cov, const bool *use,
			const bool *mine, size_t attempts, double sd,
			struct stats_reliability *rel)
{
	size_t i, x = 0, y = 0;

	rel->kr20 = a->item->kind != ITEM_ASSESSMENT;
	for (i = 0; i < a->n_items; i++) {
		if (!use[i]) {
			rel->constant +=
				a->items[i].n >= 2 && (!mine || mine[i]);
			continue;
		}
		rel->items++;
		rel->kr20 = rel->kr20 && a->items[i].dichotomous;
		rel->pairwise = rel->pairwise || a->items[i].n < attempts;
	}
	if (attempts < STATS_MIN_ATTEMPTS) {
		rel->why = "too few attempts";
		return;
	}
	if (!cov) {
		rel->why = "it has too many items for every pair of them to be "
			   "answered together";
		return;
	}
	if (!stats_cov_alpha(cov, use, &rel->alpha, &rel->why, &x, &y)) {
		if (x < a->n_items && y < a->n_items && x != y) {
			rel->short_a = a->items[x].item;
			rel->short_b = a->items[y].item;
		} else if (x < a->n_items && x == y) {
			rel->short_a = a->items[x].item;
		}
		return;
	}
	rel->has = true;
	rel->sem = sd * sqrt(rel->alpha < 1 ? 1 - rel->alpha : 0);
}

/* Without the matrix (more than STATS_MAX_MATRIX items): each item's
 * correlation with the share of the points the attempt earned on the
 * rest of what it was asked. With every item asked of everyone this is
 * the same figure; with holes it is the usual stand-in. */
static void rest_share_r(struct stats_activity *a, const bool *use)
{
	const struct stats_work *w = a->work;
	double *earned = xcalloc(a->attempts + 1, sizeof(*earned));
	double *possible = xcalloc(a->attempts + 1, sizeof(*possible));
	double(*sums)[5] = xcalloc(a->n_items + 1, sizeof(*sums));
	size_t *n = xcalloc(a->n_items + 1, sizeof(*n)), i;

	for (i = 0; i < w->n_cells; i++) {
		const struct cell *c = &w->cells[i];
		if (!use[c->item])
			continue;
		earned[c->attempt] += c->value;
		possible[c->attempt] += c->possible;
	}
	for (i = 0; i < w->n_cells; i++) {
		const struct cell *c = &w->cells[i];
		double rest_p = possible[c->attempt] - c->possible, x, y;
		if (!use[c->item] || !(rest_p > 0))
			continue;
		x = c->value / c->possible;
		y = (earned[c->attempt] - c->value) / rest_p;
		n[c->item]++;
		sums[c->item][0] += x;
		sums[c->item][1] += y;
		sums[c->item][2] += x * x;
		sums[c->item][3] += y * y;
		sums[c->item][4] += x * y;
	}
	for (i = 0; i < a->n_items; i++) {
		struct stats_item *si = &a->items[i];
		double k = (double)n[i], sxx, syy, sxy;
		if (!use[i] || !si->judged || n[i] < 2)
			continue;
		sxx = sums[i][2] - sums[i][0] * sums[i][0] / k;
		syy = sums[i][3] - sums[i][1] * sums[i][1] / k;
		sxy = sums[i][4] - sums[i][0] * sums[i][1] / k;
		if (sxx > 1e-12 && syy > 1e-12) {
			si->has_discrimination = true;
			si->discrimination = sxy / sqrt(sxx * syy);
		}
	}
	free(earned);
	free(possible);
	free(sums);
	free(n);
}

/* Each judged item's discrimination among the items use[] marks. */
static void discriminations(struct stats_activity *a,
			    const struct stats_cov *cov, const bool *use)
{
	double *r;
	bool *has;
	size_t i;

	if (!cov) {
		rest_share_r(a, use);
		return;
	}
	r = xcalloc(a->n_items + 1, sizeof(*r));
	has = xcalloc(a->n_items + 1, sizeof(*has));
	stats_cov_rest_all(cov, use, r, has);
	for (i = 0; i < a->n_items; i++)
		if (use[i] && a->items[i].judged) {
			a->items[i].has_discrimination = has[i];
			a->items[i].discrimination = r[i];
		}
	free(r);
	free(has);
}

static void finish_activity(struct stats *s, struct stats_activity *a)
{
	struct stats_work *w = a->work;
	bool statements = a->item->kind == ITEM_ASSESSMENT;
	bool *use = xcalloc(a->n_items + 1, sizeof(*use));
	struct stats_cov *cov;
	double lo = 0, hi = 1;
	size_t i, c;

	(void)s;
	score_figures(a);
	a->judged = a->attempts >= STATS_MIN_ATTEMPTS;
	item_sums(a);
	cov = a->n_items <= STATS_MAX_MATRIX ? matrix(a) : NULL;
	if (statements)
		scale_range(a, &lo, &hi);
	/* an item everyone scored the same on says nothing about anyone:
	 * alpha leaves it out, as psych does, rather than count it in k */
	for (i = 0; i < a->n_items; i++) {
		struct stats_item *si = &a->items[i];
		double sd = sample_sd(si->sum, si->sum_sq, si->n);
		use[i] = si->n >= 2 && sd > 1e-9;
		if (si->n == 0)
			si->dichotomous = false;
	}
	for (i = 0; i < a->n_items; i++) {
		struct stats_item *si = &a->items[i];
		if (si->n < STATS_MIN_ATTEMPTS)
			continue;
		si->judged = true;
		si->sd = sample_sd(si->sum, si->sum_sq, si->n);
		if (statements) {
			si->mean = si->sum / (double)si->n;
			si->facility =
				hi > lo ? (si->mean - lo) / (hi - lo) : 0;
		} else {
			si->facility = si->possible > 0
					       ? si->earned / si->possible
					       : 0;
		}
	}
	if (!statements) {
		reliability(a, cov, use, NULL, a->attempts, a->sd, &a->rel);
		discriminations(a, cov, use);
	}
	for (c = 0; c < a->n_comps; c++) {
		struct stats_competency *sc = &a->comps[c];
		bool *mine = xcalloc(a->n_items + 1, sizeof(*mine));
		bool *of = xcalloc(a->n_items + 1, sizeof(*of));
		double sum = 0, sum_sq = 0;
		size_t at;
		for (at = 0; at < a->attempts; at++) {
			double v = w->comp_scores[at * a->n_comps + c];
			if (isnan(v))
				continue;
			sc->n++;
			sum += v;
			sum_sq += v * v;
		}
		sc->judged = sc->n >= STATS_MIN_ATTEMPTS;
		sc->mean = sc->n ? sum / (double)sc->n : 0;
		sc->sd = sample_sd(sum, sum_sq, sc->n);
		for (i = 0; i < a->n_items; i++) {
			const struct statement *st =
				(const struct statement *)a->items[i].item;
			of[i] = st->competency.target == sc->competency;
			mine[i] = use[i] && of[i];
		}
		reliability(a, cov, mine, of, sc->n, sc->sd, &sc->rel);
		discriminations(a, cov, mine);
		free(mine);
		free(of);
	}
	for (i = 0; i < a->n_items; i++)
		if (a->items[i].judged)
			item_flags(a, &a->items[i]);
	stats_cov_free(cov);
	free(use);
}

void stats_finish(struct stats *s)
{
	size_t i;

	for (i = 0; i < s->n_acts; i++) {
		finish_activity(s, &s->acts[i]);
		s->records += s->acts[i].attempts;
	}
}

void stats_free(struct stats *s)
{
	size_t i, j;

	if (!s)
		return;
	for (i = 0; i < s->n_acts; i++) {
		struct stats_activity *a = &s->acts[i];
		for (j = 0; j < a->n_items; j++)
			free(a->items[j].options);
		free(a->items);
		free(a->comps);
		if (a->work) {
			free(a->work->cells);
			free(a->work->scores);
			free(a->work->comp_scores);
			free(a->work->third);
			free(a->work->slots);
			free(a->work);
		}
	}
	free(s->acts);
	free(s);
}

void stats_flags_text(struct strbuf *sb, unsigned flags)
{
	const char *name;
	unsigned at = 0;
	bool first = true;

	while ((name = stats_flag_next(flags, &at)) != NULL) {
		strbuf_addf(sb, "%s%s", first ? "" : "; ", name);
		first = false;
	}
}

char *stats_reliability_text(const struct stats_reliability *rel,
			     size_t attempts, const char *noun, const char *sep)
{
	struct strbuf line = { 0 };

	if (rel->has) {
		strbuf_addf(&line, "Reliability: %s %.2f over %zu %s",
			    rel->kr20 ? "KR-20" : "Cronbach's alpha",
			    rel->alpha, rel->items, noun);
		if (rel->constant)
			strbuf_addf(&line,
				    " (%zu left out: everyone scored the same)",
				    rel->constant);
		if (rel->pairwise)
			strbuf_adds(&line, ", from pairwise covariances (not "
					   "everyone had every one)");
		strbuf_addf(&line,
			    "%sstandard error of measurement %.1f points", sep,
			    rel->sem);
		if (rel->alpha < 0)
			strbuf_adds(&line, "; below zero, the items do not "
					   "measure one thing");
	} else if (attempts < STATS_MIN_ATTEMPTS) {
		strbuf_addf(&line,
			    "Reliability: not given, %zu finished attempt%s "
			    "where it needs %d",
			    attempts, attempts == 1 ? "" : "s",
			    STATS_MIN_ATTEMPTS);
	} else {
		strbuf_addf(&line, "Reliability: not given, %s", rel->why);
		if (rel->short_a && rel->short_b)
			strbuf_addf(&line, " ('%s' and '%s', %d times needed)",
				    rel->short_a->id, rel->short_b->id,
				    STATS_MIN_PAIR);
		else if (rel->short_a)
			strbuf_addf(&line, " ('%s')", rel->short_a->id);
	}
	strbuf_add(&line, "", 0);
	return strbuf_detach(&line);
}

const char *stats_flag_next(unsigned flags, unsigned *at)
{
	static const char *const names[] = {
		"too easy",
		"too hard",
		"not discriminating",
		"negative discrimination",
		"everyone scored the same",
		"a distractor nobody chose",
		"the top third prefers a distractor to the key",
	};

	for (; *at < sizeof(names) / sizeof(names[0]); (*at)++)
		if (flags & (1u << *at))
			return names[(*at)++];
	return NULL;
}
