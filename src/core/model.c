/* SPDX-License-Identifier: GPL-3.0-or-later */
/* model.c - the course model: lifetime, id index, reference resolution. */
#include "model.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An open-addressing hash of id -> item. */
struct id_index {
	struct item **slots; /* NULL or an item */
	size_t cap;	     /* a power of two */
	size_t n;	     /* items stored */
};

static const char *const kind_names[ITEM_KIND_COUNT] = {
	[ITEM_COMPETENCY] = "competency",
	[ITEM_LESSON] = "lesson",
	[ITEM_QUIZ] = "quiz",
	[ITEM_POOL] = "pool",
	[ITEM_BANK] = "bank",
	[ITEM_QUESTION] = "question",
	[ITEM_ASSESSMENT] = "assessment",
	[ITEM_STATEMENT] = "statement",
	[ITEM_EXERCISE] = "exercise",
	[ITEM_SCENARIO] = "scenario",
	[ITEM_POLL] = "poll",
	[ITEM_PATH] = "path",
	[ITEM_STEP] = "path step",
};

const char *item_kind_name(enum item_kind kind)
{
	return kind < ITEM_KIND_COUNT ? kind_names[kind] : "item";
}

const char *item_title(const struct item *it)
{
	switch (it ? it->kind : ITEM_KIND_COUNT) {
	case ITEM_LESSON:
		return ((const struct lesson *)it)->title;
	case ITEM_QUIZ:
		return ((const struct quiz *)it)->title;
	case ITEM_ASSESSMENT:
		return ((const struct assessment *)it)->title;
	case ITEM_EXERCISE:
		return ((const struct exercise *)it)->title;
	case ITEM_SCENARIO:
		return ((const struct scenario *)it)->title;
	default:
		return NULL;
	}
}

static const char *const type_names[Q_TYPE_COUNT] = {
	[Q_SINGLE] = "single-choice", [Q_MULTIPLE] = "multiple-response",
	[Q_TRUEFALSE] = "true-false", [Q_JUDGEMENT] = "judgement",
	[Q_ORDERING] = "ordering",    [Q_SHORT] = "short-answer",
};

const char *question_type_name(enum question_type type)
{
	return type < Q_TYPE_COUNT ? type_names[type] : "question";
}

struct course *course_new(const char *path)
{
	struct course *c = xcalloc(1, sizeof(*c));

	c->hash = 14695981039346656037ULL; /* FNV-1a */
	c->arena = arena_new();
	c->path = arena_strdup(c->arena, path);
	c->item.kind = ITEM_KIND_COUNT; /* not an indexed item */
	return c;
}

static void id_index_free(struct id_index *ix)
{
	if (!ix)
		return;
	free(ix->slots);
	free(ix);
}

void course_free(struct course *c)
{
	if (!c)
		return;
	free(c->competencies.v);
	free(c->lessons.v);
	free(c->quizzes.v);
	free(c->banks.v);
	free(c->questions.v);
	free(c->assessments.v);
	free(c->statements.v);
	free(c->exercises.v);
	free(c->scenarios.v);
	free(c->polls.v);
	free(c->paths.v);
	free(c->steps.v);
	free(c->pools.v);
	free(c->files.v);
	id_index_free(c->index);
	arena_free(c->arena);
	free(c);
}

void item_list_push(struct item_list *l, void *item)
{
	void *p = l->v;

	xgrow(&p, &l->cap, l->n + 1, sizeof(void *));
	l->v = p;
	l->v[l->n++] = item;
}

void course_hash(struct course *c, const char *bytes, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		c->hash ^= (unsigned char)bytes[i];
		c->hash *= 1099511628211ULL;
	}
	/* a separator, so that moving bytes between files shows */
	c->hash ^= 0xFF;
	c->hash *= 1099511628211ULL;
}

const char *course_add_file(struct course *c, const char *file)
{
	char *copy = arena_strdup(c->arena, file);

	item_list_push(&c->files, copy);
	return copy;
}

/* index */

/* Adds it unless its id is there already (the first one wins). */
static void id_index_add(struct id_index *ix, struct item *it)
{
	size_t i;

	if (!it->id)
		return;
	if ((ix->n + 1) * 2 > ix->cap) {
		struct item **old = ix->slots;
		size_t oldcap = ix->cap, j;

		ix->cap = ix->cap ? ix->cap * 2 : 64;
		ix->slots = xcalloc(ix->cap, sizeof(*ix->slots));
		ix->n = 0;
		for (j = 0; j < oldcap; j++)
			if (old[j])
				id_index_add(ix, old[j]);
		free(old);
	}
	for (i = str_hash(it->id) & (ix->cap - 1); ix->slots[i];
	     i = (i + 1) & (ix->cap - 1)) {
		if (strcmp(ix->slots[i]->id, it->id) == 0)
			return;
	}
	ix->slots[i] = it;
	ix->n++;
}

struct item *course_find(const struct course *c, const char *id)
{
	const struct id_index *ix = c->index;
	size_t i;

	if (!ix || !ix->cap || !id)
		return NULL;
	for (i = str_hash(id) & (ix->cap - 1); ix->slots[i];
	     i = (i + 1) & (ix->cap - 1)) {
		if (strcmp(ix->slots[i]->id, id) == 0)
			return ix->slots[i];
	}
	return NULL;
}

void *course_find_kind(const struct course *c, const char *id,
		       enum item_kind kind)
{
	struct item *it = course_find(c, id);

	return it && it->kind == kind ? it : NULL;
}

static void resolve(const struct course *c, struct ref *r, enum item_kind kind)
{
	r->target = r->id ? course_find_kind(c, r->id, kind) : NULL;
}

static void index_list(struct id_index *ix, const struct item_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		id_index_add(ix, l->v[i]);
}

void course_link(struct course *c)
{
	const struct item_list *all[] = {
		&c->competencies, &c->lessons,	  &c->quizzes,
		&c->banks,	  &c->pools,	  &c->questions,
		&c->assessments,  &c->statements, &c->exercises,
		&c->scenarios,	  &c->polls,	  &c->paths,
		&c->steps,
	};
	static const enum item_kind step_targets[] = {
		[STEP_READ] = ITEM_LESSON,	 [STEP_PASS] = ITEM_QUIZ,
		[STEP_ASSESS] = ITEM_ASSESSMENT, [STEP_MEET] = ITEM_EXERCISE,
		[STEP_REVIEW] = ITEM_KIND_COUNT,
	};
	size_t i, j;

	snprintf(c->fingerprint, sizeof(c->fingerprint), "%016llx",
		 (unsigned long long)c->hash);
	id_index_free(c->index);
	c->index = xcalloc(1, sizeof(*c->index));
	for (i = 0; i < RP_ARRAY_LEN(all); i++)
		index_list(c->index, all[i]);

	for (i = 0; i < c->competencies.n; i++)
		((struct competency *)c->competencies.v[i])->index = i;
	for (i = 0; i < c->lessons.n; i++) {
		struct lesson *l = c->lessons.v[i];
		resolve(c, &l->competency, ITEM_COMPETENCY);
	}
	for (i = 0; i < c->questions.n; i++) {
		struct question *q = c->questions.v[i];
		resolve(c, &q->competency, ITEM_COMPETENCY);
		resolve(c, &q->lesson, ITEM_LESSON);
	}
	for (i = 0; i < c->pools.n; i++) {
		struct pool *p = c->pools.v[i];
		resolve(c, &p->bank, ITEM_BANK);
	}
	for (i = 0; i < c->quizzes.n; i++) {
		struct quiz *q = c->quizzes.v[i];
		for (j = 0; j < q->n_bands; j++)
			resolve(c, &q->bands[j].lesson, ITEM_LESSON);
	}
	for (i = 0; i < c->assessments.n; i++) {
		struct assessment *a = c->assessments.v[i];
		for (j = 0; j < a->n_bands; j++)
			resolve(c, &a->bands[j].lesson, ITEM_LESSON);
		for (j = 0; j < a->n_actions; j++) {
			resolve(c, &a->actions[j].competency, ITEM_COMPETENCY);
			resolve(c, &a->actions[j].lesson, ITEM_LESSON);
		}
	}
	for (i = 0; i < c->statements.n; i++) {
		struct statement *s = c->statements.v[i];
		resolve(c, &s->competency, ITEM_COMPETENCY);
	}
	for (i = 0; i < c->scenarios.n; i++) {
		struct scenario *s = c->scenarios.v[i];
		resolve(c, &s->competency, ITEM_COMPETENCY);
		resolve(c, &s->lesson, ITEM_LESSON);
	}
	for (i = 0; i < c->polls.n; i++) {
		struct poll *p = c->polls.v[i];
		resolve(c, &p->competency, ITEM_COMPETENCY);
	}
	for (i = 0; i < c->steps.n; i++) {
		struct step *s = c->steps.v[i];
		if (s->kind == STEP_REVIEW)
			s->target.target = NULL;
		else
			resolve(c, &s->target, step_targets[s->kind]);
	}
}

const struct band *band_for_score(const struct band *bands, size_t n,
				  double score)
{
	const struct band *top = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		if (score >= bands[i].min && score < bands[i].max)
			return &bands[i];
		if (!top || bands[i].max > top->max)
			top = &bands[i];
	}
	if (top && score >= top->min && score <= top->max && top->max >= 100)
		return top;
	return NULL;
}
