/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report.c - the facts of the team report, gathered from attempts. */
#include "report.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A person's latest finished attempt of one quiz, exercise or
 * self-assessment: per competency, knowledge keeps points earned (a) and
 * possible (b); a self-assessment keeps its score (a) and 1 in b. */
struct latest {
	const char *key; /* "kind/item", in the arena */
	bool self;
	int64_t finished;
	double *a, *b;
};

/* An open-addressing table from a name to its place in an array: every
 * attempt finds its person and every answer its question at once, however
 * many people and questions there are. The names belong to the array. */
struct name_index {
	const char **names; /* NULL: a free slot */
	size_t *at;	    /* the place of names[i] */
	size_t cap, n;	    /* cap: a power of two */
};

/* The place of name, or SIZE_MAX when it is not there. */
static size_t index_find(const struct name_index *ix, const char *name)
{
	size_t i;

	if (!ix->cap)
		return SIZE_MAX;
	for (i = str_hash(name) & (ix->cap - 1); ix->names[i];
	     i = (i + 1) & (ix->cap - 1))
		if (strcmp(ix->names[i], name) == 0)
			return ix->at[i];
	return SIZE_MAX;
}

static void index_put(struct name_index *ix, const char *name, size_t at)
{
	size_t i;

	if (2 * (ix->n + 1) > ix->cap) { /* at most half full */
		struct name_index big = { 0 };
		big.cap = ix->cap ? 2 * ix->cap : 64;
		big.names = xcalloc(big.cap, sizeof(*big.names));
		big.at = xcalloc(big.cap, sizeof(*big.at));
		for (i = 0; i < ix->cap; i++)
			if (ix->names[i])
				index_put(&big, ix->names[i], ix->at[i]);
		free(ix->names);
		free(ix->at);
		*ix = big;
	}
	for (i = str_hash(name) & (ix->cap - 1); ix->names[i];
	     i = (i + 1) & (ix->cap - 1))
		;
	ix->names[i] = name;
	ix->at[i] = at;
	ix->n++;
}

static void index_free(struct name_index *ix)
{
	if (!ix)
		return;
	free(ix->names);
	free(ix->at);
	free(ix);
}

struct report *report_new(const struct course *c)
{
	struct report *r = xcalloc(1, sizeof(*r));

	r->course = c;
	r->n_comps = c->competencies.n;
	r->arena = arena_new();
	r->team_knowledge = xcalloc(r->n_comps + 1, sizeof(struct figure));
	r->team_self = xcalloc(r->n_comps + 1, sizeof(struct figure));
	r->people_ix = xcalloc(1, sizeof(*r->people_ix));
	r->misses_ix = xcalloc(1, sizeof(*r->misses_ix));
	return r;
}

static struct report_person *person(struct report *r, const char *name)
{
	struct report_person *p;
	size_t i = index_find(r->people_ix, name);
	void *v;

	if (i != SIZE_MAX)
		return &r->people[i];
	v = r->people;
	xgrow(&v, &r->cap_people, r->n_people + 1, sizeof(*p));
	r->people = v;
	p = &r->people[r->n_people++];
	memset(p, 0, sizeof(*p));
	p->name = xstrdup(name);
	p->knowledge = xcalloc(r->n_comps + 1, sizeof(struct figure));
	p->self = xcalloc(r->n_comps + 1, sizeof(struct figure));
	index_put(r->people_ix, p->name, r->n_people - 1);
	return p;
}

/* The index of competency id in the course, or -1. */
static long comp_index(const struct report *r, const char *id)
{
	const struct competency *c =
		id ? course_find_kind(r->course, id, ITEM_COMPETENCY) : NULL;

	return c ? (long)c->index : -1;
}

static struct latest *latest_for(struct report *r, struct report_person *p,
				 const char *kind, const char *item)
{
	struct latest *l;
	size_t i;
	void *v;
	char *key = xasprintf("%s/%s", kind, item);

	/* found at once, however many activities one person has: a list
	 * searched from the start made a report of 80,000 take minutes */
	if (!p->latest_ix)
		p->latest_ix = xcalloc(1, sizeof(*p->latest_ix));
	if ((i = index_find(p->latest_ix, key)) != SIZE_MAX) {
		free(key);
		return &p->latest[i];
	}
	v = p->latest;
	xgrow(&v, &p->cap_latest, p->n_latest + 1, sizeof(*l));
	p->latest = v;
	l = &p->latest[p->n_latest++];
	memset(l, 0, sizeof(*l));
	l->key = arena_strdup(r->arena, key);
	index_put(p->latest_ix, l->key, p->n_latest - 1);
	l->a = arena_array(r->arena, r->n_comps + 1, sizeof(double));
	l->b = arena_array(r->arena, r->n_comps + 1, sizeof(double));
	free(key);
	return l;
}

static void take_latest(struct report *r, struct report_person *p,
			const struct record *rec)
{
	bool self = strcmp(rec->kind, "assessment") == 0;
	struct latest *l = latest_for(r, p, rec->kind, rec->item);
	size_t i;

	if (l->finished > rec->finished_ms)
		return;
	l->self = self;
	l->finished = rec->finished_ms;
	memset(l->a, 0, r->n_comps * sizeof(double));
	memset(l->b, 0, r->n_comps * sizeof(double));
	for (i = 0; i < rec->n_scores; i++) {
		const struct record_score *s = &rec->scores[i];
		long c = comp_index(r, s->competency);
		if (c < 0)
			continue;
		if (self && s->scored) {
			l->a[c] = s->score;
			l->b[c] = 1;
		} else if (!self && s->possible > 0) {
			l->a[c] = s->earned;
			l->b[c] = s->possible;
		}
	}
}

static void take_point(struct report *r, struct report_person *p,
		       const struct record *rec)
{
	struct report_point *pt;
	void *v = p->trend;

	xgrow(&v, &p->cap_trend, p->n_trend + 1, sizeof(*pt));
	p->trend = v;
	pt = &p->trend[p->n_trend++];
	pt->when = rec->finished_ms;
	pt->score = rec->score;
	pt->kind = arena_strdup(r->arena, rec->kind);
	pt->item = arena_strdup(r->arena, rec->item);
}

static struct report_miss *miss_for(struct report *r,
				    const struct record_answer *a)
{
	struct report_miss *m;
	size_t i = index_find(r->misses_ix, a->item);
	void *v;

	if (i != SIZE_MAX)
		return &r->misses[i];
	v = r->misses;
	xgrow(&v, &r->cap_misses, r->n_misses + 1, sizeof(*m));
	r->misses = v;
	m = &r->misses[r->n_misses++];
	memset(m, 0, sizeof(*m));
	m->item = xstrdup(a->item);
	m->competency = a->competency ? xstrdup(a->competency) : NULL;
	index_put(r->misses_ix, m->item, r->n_misses - 1);
	return m;
}

static void take_pick(struct report_miss *m, const char *choice)
{
	size_t i;
	void *v;

	if (!m->picks_ix)
		m->picks_ix = xcalloc(1, sizeof(*m->picks_ix));
	if ((i = index_find(m->picks_ix, choice)) != SIZE_MAX) {
		m->picks[i].count++;
		return;
	}
	v = m->picks;
	xgrow(&v, &m->cap_picks, m->n_picks + 1, sizeof(*m->picks));
	m->picks = v;
	m->picks[m->n_picks].choice = xstrdup(choice);
	m->picks[m->n_picks].count = 1;
	index_put(m->picks_ix, m->picks[m->n_picks].choice, m->n_picks);
	m->n_picks++;
}

static void take_answer(struct report *r, const struct record_answer *a)
{
	struct report_miss *m = miss_for(r, a);
	bool missed = strcmp(a->outcome, "wrong") == 0 ||
		      strcmp(a->outcome, "partial") == 0 ||
		      strcmp(a->outcome, "skipped") == 0;

	m->asked++;
	if (!missed)
		return;
	m->missed++;
	if (a->response) {
		json_t *v = json_loads(a->response, JSON_DECODE_ANY, NULL), *e;
		size_t i;
		if (json_is_array(v))
			json_array_foreach(v, i, e) if (json_is_string(e))
				take_pick(m, json_string_value(e));
		json_decref(v);
	}
}

void report_add(struct report *r, const struct record *rec)
{
	struct report_person *p;
	bool finished = record_is_finished(rec);
	bool measured = strcmp(rec->kind, "quiz") == 0 ||
			strcmp(rec->kind, "exercise") == 0;
	size_t i;
	int64_t last = finished ? rec->finished_ms : rec->started_ms;

	r->attempts++;
	r->answers += rec->n_answers;
	if (!r->first || rec->started_ms < r->first)
		r->first = rec->started_ms;
	if (last > r->last)
		r->last = last;
	p = person(r, rec->user);
	if (last > p->last)
		p->last = last;
	if (measured)
		for (i = 0; i < rec->n_answers; i++)
			take_answer(r, &rec->answers[i]);
	if (!finished)
		return;
	p->finished++;
	if (measured || strcmp(rec->kind, "assessment") == 0)
		take_latest(r, p, rec);
	if (measured && rec->scored)
		take_point(r, p, rec);
}

/* ---- the figures ---- */

static void figures_for(struct report *r, struct report_person *p)
{
	double earned_all = 0, possible_all = 0, self_sum = 0;
	size_t c, i, self_n = 0;

	for (c = 0; c < r->n_comps; c++) {
		double earned = 0, possible = 0, sum = 0;
		size_t n = 0;
		for (i = 0; i < p->n_latest; i++) {
			const struct latest *l = &p->latest[i];
			if (l->self && l->b[c] > 0) {
				sum += l->a[c];
				n++;
			} else if (!l->self) {
				earned += l->a[c];
				possible += l->b[c];
			}
		}
		if (possible > 0) {
			p->knowledge[c].has = true;
			p->knowledge[c].value = 100 * earned / possible;
			earned_all += earned;
			possible_all += possible;
		}
		if (n) {
			p->self[c].has = true;
			p->self[c].value = sum / (double)n;
			self_sum += p->self[c].value;
			self_n++;
		}
	}
	if (possible_all > 0) {
		p->knowledge_all.has = true;
		p->knowledge_all.value = 100 * earned_all / possible_all;
	}
	if (self_n) {
		p->self_all.has = true;
		p->self_all.value = self_sum / (double)self_n;
	}
}

/* The mean of the figures that are there. */
static void mean_into(struct figure *out, const struct figure *v, size_t n)
{
	double sum = 0;
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (v[i].has) {
			sum += v[i].value;
			k++;
		}
	out->has = k > 0;
	out->value = k ? sum / (double)k : 0;
}

static void miss_release(struct report_miss *m)
{
	size_t i;

	for (i = 0; i < m->n_picks; i++)
		free(m->picks[i].choice);
	free(m->picks);
	index_free(m->picks_ix);
	free(m->item);
	free(m->competency);
}

/* People by name, as a reader looks them up: case aside, then exactly. */
static int by_name(const void *a, const void *b)
{
	const char *x = ((const struct report_person *)a)->name;
	const char *y = ((const struct report_person *)b)->name;
	int c = strcasecmp(x, y);

	return c ? c : strcmp(x, y);
}

static int by_misses(const void *a, const void *b)
{
	const struct report_miss *x = a, *y = b;
	double rx = (double)x->missed / (double)x->asked;
	double ry = (double)y->missed / (double)y->asked;

	if (x->missed != y->missed)
		return x->missed > y->missed ? -1 : 1;
	if (rx != ry)
		return rx > ry ? -1 : 1;
	return strcmp(x->item, y->item);
}

void report_finish(struct report *r)
{
	struct figure *column = xcalloc(r->n_people + 1, sizeof(*column));
	size_t c, i, k;

	/* the arrays are sorted below: their places change */
	index_free(r->people_ix);
	index_free(r->misses_ix);
	r->people_ix = r->misses_ix = NULL;
	sort_array(r->people, r->n_people, sizeof(*r->people), by_name);
	for (i = 0; i < r->n_people; i++)
		figures_for(r, &r->people[i]);
	for (c = 0; c < r->n_comps; c++) {
		for (i = 0; i < r->n_people; i++)
			column[i] = r->people[i].knowledge[c];
		mean_into(&r->team_knowledge[c], column, r->n_people);
		for (i = 0; i < r->n_people; i++)
			column[i] = r->people[i].self[c];
		mean_into(&r->team_self[c], column, r->n_people);
	}
	for (i = 0; i < r->n_people; i++)
		column[i] = r->people[i].knowledge_all;
	mean_into(&r->team_knowledge_all, column, r->n_people);
	for (i = 0; i < r->n_people; i++)
		column[i] = r->people[i].self_all;
	mean_into(&r->team_self_all, column, r->n_people);
	free(column);
	/* only what was missed at least once, most missed first */
	for (i = k = 0; i < r->n_misses; i++) {
		if (r->misses[i].missed) {
			r->misses[k++] = r->misses[i];
			continue;
		}
		miss_release(&r->misses[i]);
	}
	r->n_misses = k;
	sort_array(r->misses, r->n_misses, sizeof(*r->misses), by_misses);
}

const struct report_pick *report_top_pick(const struct report_miss *m)
{
	const struct report_pick *best = NULL;
	size_t i;

	for (i = 0; i < m->n_picks; i++)
		if (!best || m->picks[i].count > best->count ||
		    (m->picks[i].count == best->count &&
		     strcmp(m->picks[i].choice, best->choice) < 0))
			best = &m->picks[i];
	return best;
}

void report_free(struct report *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n_people; i++) {
		free(r->people[i].name);
		free(r->people[i].knowledge);
		free(r->people[i].self);
		free(r->people[i].trend);
		free(r->people[i].latest);
		index_free(r->people[i].latest_ix);
	}
	free(r->people);
	for (i = 0; i < r->n_misses; i++)
		miss_release(&r->misses[i]);
	free(r->misses);
	free(r->team_knowledge);
	free(r->team_self);
	index_free(r->people_ix);
	index_free(r->misses_ix);
	arena_free(r->arena);
	free(r);
}

const struct figure *report_knowledge(const struct report *r, size_t person,
				      size_t c)
{
	if (person == r->n_people)
		return c < r->n_comps ? &r->team_knowledge[c]
				      : &r->team_knowledge_all;
	return c < r->n_comps ? &r->people[person].knowledge[c]
			      : &r->people[person].knowledge_all;
}

const char *report_comp_name(const struct report *r, size_t c)
{
	return c < r->n_comps ? ((const struct competency *)
					 r->course->competencies.v[c])
					->name
			      : "All";
}

const char *report_item_text(const struct course *c, const char *id)
{
	const struct item *it = course_find(c, id);

	if (!it)
		return id;
	switch (it->kind) {
	case ITEM_QUESTION:
		return ((const struct question *)it)->prompt;
	case ITEM_SCENARIO:
		return ((const struct scenario *)it)->title;
	case ITEM_STATEMENT:
		return ((const struct statement *)it)->text;
	default:
		return id;
	}
}

const char *report_choice_text(const struct course *c, const char *item,
			       const char *choice)
{
	const struct item *it = course_find(c, item);
	const struct choice *v = NULL;
	size_t n = 0, i;

	if (it && it->kind == ITEM_QUESTION) {
		v = ((const struct question *)it)->choices;
		n = ((const struct question *)it)->n_choices;
	} else if (it && it->kind == ITEM_SCENARIO) {
		v = ((const struct scenario *)it)->choices;
		n = ((const struct scenario *)it)->n_choices;
	}
	for (i = 0; i < n; i++)
		if (strcmp(v[i].id, choice) == 0)
			return v[i].text;
	return choice;
}
