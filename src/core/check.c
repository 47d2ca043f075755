/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check.c - the semantic pass: what the schema cannot say about a course. */
#include "check.h"

#include <math.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

struct checker {
	const struct course *c;
	struct diag_list *dl;
	bool complete; /* every file loaded: missing items really are */
	size_t errors; /* added by this pass */
};

static void report(struct checker *k, enum diag_level level,
		   const struct src_loc *at, const char *fmt, ...)
	RP_PRINTF(4, 5);

static void report(struct checker *k, enum diag_level level,
		   const struct src_loc *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(k->dl, level, at->file ? at->file : k->c->path, at->line,
		  at->col, fmt, ap);
	va_end(ap);
	if (level == DIAG_ERROR)
		k->errors++;
}

#define ERROR(k, at, ...)   report(k, DIAG_ERROR, at, __VA_ARGS__)
#define WARNING(k, at, ...) report(k, DIAG_WARNING, at, __VA_ARGS__)

static bool near(double a, double b)
{
	return fabs(a - b) < MODEL_PERCENT_EPSILON;
}

/* "a" or "an" before a kind's name. */
static const char *article(const char *word)
{
	return strchr("aeiou", word[0]) ? "an" : "a";
}

static const char *id_or(const struct item *it)
{
	return it->id ? it->id : "?";
}

/* ---- ids ---- */

struct id_entry {
	const struct item *item;
	size_t file; /* the file's position in course->files */
};

static size_t file_rank(const struct course *c, const char *file)
{
	size_t i;

	for (i = 0; i < c->files.n; i++)
		if (c->files.v[i] == file)
			return i;
	return c->files.n;
}

static int cmp_id_entry(const void *pa, const void *pb)
{
	const struct id_entry *a = pa, *b = pb;
	int r = strcmp(a->item->id, b->item->id);

	if (r)
		return r;
	if (a->file != b->file)
		return a->file < b->file ? -1 : 1;
	if (a->item->loc.line != b->item->loc.line)
		return a->item->loc.line < b->item->loc.line ? -1 : 1;
	return a->item->loc.col < b->item->loc.col
		       ? -1
		       : a->item->loc.col > b->item->loc.col;
}

static void check_ids(struct checker *k)
{
	const struct course *c = k->c;
	const struct item_list *lists[] = {
		&c->competencies, &c->lessons,	  &c->quizzes,
		&c->banks,	  &c->pools,	  &c->questions,
		&c->assessments,  &c->statements, &c->exercises,
		&c->scenarios,	  &c->polls,	  &c->paths,
		&c->steps,
	};
	struct id_entry *v = NULL;
	size_t n = 0, cap = 0, i, j;

	for (i = 0; i < RP_ARRAY_LEN(lists); i++) {
		for (j = 0; j < lists[i]->n; j++) {
			const struct item *it = lists[i]->v[j];
			void *p = v;
			if (!it->id)
				continue;
			xgrow(&p, &cap, n + 1, sizeof(*v));
			v = p;
			v[n].item = it;
			v[n].file = file_rank(c, it->loc.file);
			n++;
		}
	}
	if (n)
		sort_array(v, n, sizeof(*v), cmp_id_entry);
	for (i = 1; i < n; i++) {
		const struct item *first;
		if (strcmp(v[i].item->id, v[i - 1].item->id) != 0)
			continue;
		for (j = i;
		     j > 0 && strcmp(v[j - 1].item->id, v[i].item->id) == 0;)
			j--;
		first = v[j].item;
		ERROR(k, &v[i].item->loc,
		      "duplicate id '%s': the %s at %s:%u:%u has it already",
		      v[i].item->id, item_kind_name(first->kind),
		      first->loc.file, first->loc.line, first->loc.col);
	}
	free(v);
}

static void check_option_ids(struct checker *k, const struct item *owner,
			     const struct choice *o, size_t n, const char *what)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		for (j = 0; j < i; j++) {
			if (o[i].id && o[j].id &&
			    strcmp(o[i].id, o[j].id) == 0) {
				ERROR(k, &o[i].loc,
				      "duplicate %s id '%s' in %s '%s'", what,
				      o[i].id, item_kind_name(owner->kind),
				      id_or(owner));
				break;
			}
		}
	}
}

/* Options are answered by letter, a to z. */
static void check_letters(struct checker *k, const struct item *owner, size_t n)
{
	if (n > 26)
		ERROR(k, &owner->loc,
		      "%s '%s' has %zu options; at most 26 can be lettered",
		      item_kind_name(owner->kind), id_or(owner), n);
}

/* ---- references ---- */

static void check_ref(struct checker *k, const struct ref *r,
		      enum item_kind want, const char *by_kind,
		      const char *by_id)
{
	const struct item *it;

	if (!r->id || r->target)
		return;
	it = course_find(k->c, r->id);
	if (it)
		ERROR(k, &r->loc, "'%s' is %s %s, not %s %s (named by %s '%s')",
		      r->id, article(item_kind_name(it->kind)),
		      item_kind_name(it->kind), article(item_kind_name(want)),
		      item_kind_name(want), by_kind, by_id);
	else if (k->complete)
		ERROR(k, &r->loc, "unknown %s '%s' (named by %s '%s')",
		      item_kind_name(want), r->id, by_kind, by_id);
}

static void check_item_ref(struct checker *k, const struct ref *r,
			   enum item_kind want, const struct item *by)
{
	check_ref(k, r, want, item_kind_name(by->kind), id_or(by));
}

/* ---- scoring rules ---- */

static void check_weighted(struct checker *k, const struct item *owner,
			   const struct choice *o, size_t n)
{
	bool full = false;
	size_t i;

	for (i = 0; i < n; i++) {
		if (o[i].credit < 0 || o[i].credit > 100)
			ERROR(k, &o[i].loc,
			      "option '%s' of %s '%s' weighs %g; weights run "
			      "from 0 to 100",
			      o[i].id, item_kind_name(owner->kind),
			      id_or(owner), o[i].credit);
		if (near(o[i].credit, 100))
			full = true;
	}
	if (!full)
		ERROR(k, &owner->loc,
		      "no option of %s '%s' weighs 100; the best answer must",
		      item_kind_name(owner->kind), id_or(owner));
}

static void check_single(struct checker *k, const struct question *q)
{
	size_t i, correct = 0;

	for (i = 0; i < q->n_choices; i++)
		if (q->choices[i].credit > 0)
			correct++;
	if (correct == 0)
		ERROR(k, &q->item.loc,
		      "single-choice question '%s' has no correct option",
		      id_or(&q->item));
	else if (correct > 1)
		ERROR(k, &q->item.loc,
		      "single-choice question '%s' has %zu correct options; "
		      "it needs exactly one (use multiple-response for more)",
		      id_or(&q->item), correct);
	if (q->n_choices < 2)
		ERROR(k, &q->item.loc,
		      "single-choice question '%s' has only one option",
		      id_or(&q->item));
}

static void check_multiple(struct checker *k, const struct question *q)
{
	double positive = 0;
	size_t i, npos = 0;

	for (i = 0; i < q->n_choices; i++) {
		const struct choice *o = &q->choices[i];
		if (o->credit < -100 || o->credit > 100)
			ERROR(k, &o->loc,
			      "option '%s' of question '%s' has fraction %g; "
			      "fractions run from -100 to 100",
			      o->id, id_or(&q->item), o->credit);
		if (o->credit > 0) {
			positive += o->credit;
			npos++;
		}
	}
	if (npos == 0)
		ERROR(k, &q->item.loc,
		      "multiple-response question '%s' has no option with a "
		      "positive fraction",
		      id_or(&q->item));
	else if (positive < 100 - MODEL_PERCENT_EPSILON)
		ERROR(k, &q->item.loc,
		      "the positive fractions of question '%s' add up to %g, "
		      "so it can never score 100%%",
		      id_or(&q->item), positive);
	else if (positive > 100 + MODEL_PERCENT_EPSILON)
		WARNING(k, &q->item.loc,
			"the positive fractions of question '%s' add up to %g; "
			"scores stop at 100%%",
			id_or(&q->item), positive);
}

static void check_short(struct checker *k, const struct question *q)
{
	regex_t re;
	int rc;

	if (q->n_accept == 0)
		ERROR(k, &q->item.loc,
		      "short-answer question '%s' accepts no answer",
		      id_or(&q->item));
	if (q->n_keywords &&
	    (q->min_keywords == 0 || q->min_keywords > q->n_keywords))
		ERROR(k, &q->item.loc,
		      "question '%s' needs %u keywords but lists %zu",
		      id_or(&q->item), q->min_keywords, q->n_keywords);
	if (!q->pattern)
		return;
	rc = regcomp(&re, q->pattern, REG_EXTENDED | REG_ICASE | REG_NOSUB);
	if (rc != 0) {
		char msg[256];
		regerror(rc, &re, msg, sizeof(msg));
		if (msg[0] >= 'A' && msg[0] <= 'Z')
			msg[0] = (char)(msg[0] - 'A' + 'a');
		ERROR(k, &q->item.loc,
		      "the pattern of question '%s' does not compile: %s",
		      id_or(&q->item), msg);
		return;
	}
	regfree(&re);
}

static void check_question(struct checker *k, const struct question *q)
{
	const struct item *it = &q->item;

	check_item_ref(k, &q->competency, ITEM_COMPETENCY, it);
	check_item_ref(k, &q->lesson, ITEM_LESSON, it);
	if (!(q->points > 0) || q->points > 1000)
		ERROR(k, &it->loc,
		      "question '%s' is worth %g points; points run above 0 "
		      "up to 1000",
		      id_or(it), q->points);
	switch (q->type) {
	case Q_SINGLE:
		check_single(k, q);
		break;
	case Q_MULTIPLE:
		check_multiple(k, q);
		break;
	case Q_JUDGEMENT:
		check_weighted(k, it, q->choices, q->n_choices);
		break;
	case Q_ORDERING:
		if (q->n_choices < 2)
			ERROR(k, &it->loc,
			      "ordering question '%s' has %zu item; it needs "
			      "at least 2",
			      id_or(it), q->n_choices);
		break;
	case Q_SHORT:
		check_short(k, q);
		break;
	case Q_TRUEFALSE:
	case Q_TYPE_COUNT:
		break;
	}
	if (q->type != Q_TRUEFALSE && q->type != Q_SHORT) {
		check_option_ids(k, it, q->choices, q->n_choices,
				 q->type == Q_ORDERING ? "item" : "option");
		check_letters(k, it, q->n_choices);
	}
}

/* ---- bands, pools, scales ---- */

static int cmp_band_min(const void *pa, const void *pb)
{
	const struct band *a = *(const struct band *const *)pa;
	const struct band *b = *(const struct band *const *)pb;

	return a->min < b->min ? -1 : a->min > b->min;
}

static void check_bands(struct checker *k, const struct item *owner,
			const struct band *bands, size_t n)
{
	const struct band **v;
	double reach = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		const struct band *b = &bands[i];
		check_item_ref(k, &b->lesson, ITEM_LESSON, owner);
		if (b->min < 0 || b->max > 100)
			ERROR(k, &b->loc,
			      "band '%s' runs from %g to %g, outside 0 to 100",
			      b->label, b->min, b->max);
		else if (!(b->min < b->max))
			ERROR(k, &b->loc,
			      "band '%s' is empty: its min %g is not below its "
			      "max %g",
			      b->label, b->min, b->max);
	}
	if (n == 0) {
		ERROR(k, &owner->loc, "%s '%s' has no bands",
		      item_kind_name(owner->kind), id_or(owner));
		return;
	}
	v = xcalloc(n, sizeof(*v));
	for (i = 0; i < n; i++)
		v[i] = &bands[i];
	sort_array(v, n, sizeof(*v), cmp_band_min);
	for (i = 0; i < n; i++) {
		if (v[i]->min > reach)
			ERROR(k, &v[i]->loc,
			      "the bands of %s '%s' leave a gap from %g to %g",
			      item_kind_name(owner->kind), id_or(owner), reach,
			      v[i]->min);
		else if (v[i]->min < reach && i > 0)
			ERROR(k, &v[i]->loc,
			      "bands '%s' and '%s' overlap from %g to %g",
			      v[i - 1]->label, v[i]->label, v[i]->min,
			      reach < v[i]->max ? reach : v[i]->max);
		if (v[i]->max > reach)
			reach = v[i]->max;
	}
	if (reach < 100)
		ERROR(k, &v[n - 1]->loc,
		      "the bands of %s '%s' leave a gap from %g to 100",
		      item_kind_name(owner->kind), id_or(owner), reach);
	free(v);
}

static void check_percent(struct checker *k, const struct src_loc *at, double v,
			  const char *what, const struct item *of)
{
	if (v < 0 || v > 100)
		ERROR(k, at, "%s %g of %s '%s' is outside 0 to 100", what, v,
		      item_kind_name(of->kind), id_or(of));
}

static void check_quiz(struct checker *k, const struct quiz *q)
{
	size_t i;

	check_percent(k, &q->item.loc, q->pass, "the pass mark", &q->item);
	for (i = 0; i < q->n_pools; i++) {
		const struct pool *p = q->pools[i];
		const struct bank *b = p->bank.target;
		size_t size = p->n_questions + (b ? b->n_questions : 0);
		check_ref(k, &p->bank, ITEM_BANK, "quiz", id_or(&q->item));
		if (size == 0 && !(p->bank.id && !b))
			ERROR(k, &p->item.loc, "a pool of quiz '%s' is empty",
			      id_or(&q->item));
		else if (p->draw > size && (b || !p->bank.id))
			ERROR(k, &p->item.loc,
			      "a pool of quiz '%s' draws %u questions but "
			      "holds %zu",
			      id_or(&q->item), p->draw, size);
	}
	check_bands(k, &q->item, q->bands, q->n_bands);
}

static void check_scale(struct checker *k, const struct item *owner,
			const struct scale *s)
{
	size_t i, j, na = 0;

	for (i = 0; i < s->n_points; i++) {
		if (!s->points[i].not_applicable)
			continue;
		if (owner->kind == ITEM_EXERCISE)
			ERROR(k, &s->points[i].loc,
			      "a poll's scale has no not-applicable point: "
			      "a poll asks the room, whom it always concerns");
		else if (na++)
			ERROR(k, &s->points[i].loc,
			      "the scale of %s '%s' has a second "
			      "not-applicable "
			      "point; it takes one at most",
			      item_kind_name(owner->kind), id_or(owner));
	}
	if (s->n_points - na < 2)
		ERROR(k, &s->loc,
		      "the scale of %s '%s' has %zu point%s to score; it needs "
		      "at "
		      "least 2",
		      item_kind_name(owner->kind), id_or(owner),
		      s->n_points - na, s->n_points - na == 1 ? "" : "s");
	for (i = 1; i < s->n_points; i++)
		for (j = 0; j < i; j++)
			if (s->points[i].value == s->points[j].value) {
				ERROR(k, &s->points[i].loc,
				      "the scale of %s '%s' has the value %d "
				      "twice",
				      item_kind_name(owner->kind), id_or(owner),
				      s->points[i].value);
				break;
			}
}

static void check_assessment(struct checker *k, const struct assessment *a)
{
	const struct course *c = k->c;
	size_t i, j;

	check_scale(k, &a->item, &a->scale);
	for (i = 0; i < a->n_statements; i++)
		check_item_ref(k, &a->statements[i]->competency,
			       ITEM_COMPETENCY, &a->statements[i]->item);
	check_bands(k, &a->item, a->bands, a->n_bands);
	for (i = 0; i < a->n_actions; i++) {
		check_item_ref(k, &a->actions[i].competency, ITEM_COMPETENCY,
			       &a->item);
		check_item_ref(k, &a->actions[i].lesson, ITEM_LESSON, &a->item);
	}
	/* Every competency the assessment measures needs a next action. */
	for (i = 0; i < c->competencies.n; i++) {
		const struct competency *comp = c->competencies.v[i];
		bool measured = false, acted = false;
		for (j = 0; j < a->n_statements; j++)
			if (a->statements[j]->competency.target == comp)
				measured = true;
		for (j = 0; j < a->n_actions; j++)
			if (a->actions[j].competency.target == comp)
				acted = true;
		if (measured && !acted)
			WARNING(k, &a->item.loc,
				"assessment '%s' has no next action for "
				"competency '%s'",
				id_or(&a->item), id_or(&comp->item));
	}
}

/* A format that its parts cannot fit: each scenario takes the minutes
 * it says (5 when it says none), at least its talk in pairs and two
 * minutes for the vote and the reveal; a poll two. */
#define POLL_MINUTES 2
static void check_sheet(struct checker *k, const struct exercise *e,
			const struct run_sheet *sh)
{
	unsigned need = 0;
	size_t i;

	for (i = 0; i < sh->n_steps; i++) {
		const struct scenario *s = e->parts[sh->steps[i].part].scenario;
		unsigned m = POLL_MINUTES;
		if (s) {
			m = s->minutes ? s->minutes : 5;
			if (sh->steps[i].pairs + 2 > m)
				m = sh->steps[i].pairs + 2;
		}
		need += m;
	}
	if (need > sh->minutes)
		WARNING(k, &sh->loc,
			"format '%s' is %u minutes, but its parts take about "
			"%u",
			sh->id, sh->minutes, need);
}

static void check_exercise(struct checker *k, const struct exercise *e)
{
	bool polls = false;
	size_t i;

	for (i = 0; i < e->n_parts; i++) {
		const struct scenario *s = e->parts[i].scenario;
		const struct poll *p = e->parts[i].poll;
		if (s) {
			check_item_ref(k, &s->competency, ITEM_COMPETENCY,
				       &s->item);
			check_item_ref(k, &s->lesson, ITEM_LESSON, &s->item);
			check_weighted(k, &s->item, s->choices, s->n_choices);
			check_option_ids(k, &s->item, s->choices, s->n_choices,
					 "option");
			check_letters(k, &s->item, s->n_choices);
		} else if (p) {
			check_item_ref(k, &p->competency, ITEM_COMPETENCY,
				       &p->item);
			polls = true;
		}
	}
	if (e->scale.n_points)
		check_scale(k, &e->item, &e->scale);
	else if (polls)
		ERROR(k, &e->item.loc,
		      "exercise '%s' has polls but no scale to answer them on",
		      id_or(&e->item));
	for (i = 0; i < e->n_sheets; i++)
		check_sheet(k, e, &e->sheets[i]);
}

static void check_path(struct checker *k, const struct path *p)
{
	static const enum item_kind targets[] = {
		[STEP_READ] = ITEM_LESSON,	 [STEP_PASS] = ITEM_QUIZ,
		[STEP_ASSESS] = ITEM_ASSESSMENT, [STEP_MEET] = ITEM_EXERCISE,
		[STEP_REVIEW] = ITEM_KIND_COUNT,
	};
	size_t i;

	for (i = 0; i < p->n_steps; i++) {
		const struct step *s = p->steps[i];
		if (s->kind != STEP_REVIEW)
			check_item_ref(k, &s->target, targets[s->kind],
				       &s->item);
		if (s->kind == STEP_PASS && s->has_mark)
			check_percent(k, &s->item.loc, s->mark, "the mark",
				      &s->item);
	}
}

/* ---- coverage ---- */

static void check_coverage(struct checker *k)
{
	const struct course *c = k->c;
	size_t n = c->competencies.n, i;
	size_t *lessons, *questions, *statements;

	if (!n)
		return;
	lessons = xcalloc(n, sizeof(size_t));
	questions = xcalloc(n, sizeof(size_t));
	statements = xcalloc(n, sizeof(size_t));
	for (i = 0; i < c->lessons.n; i++) {
		const struct competency *t =
			((struct lesson *)c->lessons.v[i])->competency.target;
		if (t)
			lessons[t->index]++;
	}
	for (i = 0; i < c->questions.n; i++) {
		const struct competency *t =
			((struct question *)c->questions.v[i])
				->competency.target;
		if (t)
			questions[t->index]++;
	}
	for (i = 0; i < c->statements.n; i++) {
		const struct competency *t =
			((struct statement *)c->statements.v[i])
				->competency.target;
		if (t)
			statements[t->index]++;
	}
	for (i = 0; i < n; i++) {
		const struct competency *comp = c->competencies.v[i];
		const char *missing[3];
		size_t m = 0;
		if (!lessons[i])
			missing[m++] = "lessons";
		if (!questions[i])
			missing[m++] = "questions";
		if (!statements[i])
			missing[m++] = "statements";
		if (m == 1)
			WARNING(k, &comp->item.loc, "competency '%s' has no %s",
				id_or(&comp->item), missing[0]);
		else if (m == 2)
			WARNING(k, &comp->item.loc,
				"competency '%s' has no %s and no %s",
				id_or(&comp->item), missing[0], missing[1]);
		else if (m == 3)
			WARNING(k, &comp->item.loc,
				"competency '%s' has no lessons, questions or "
				"statements",
				id_or(&comp->item));
	}
	free(lessons);
	free(questions);
	free(statements);
}

static void check_banks_used(struct checker *k)
{
	const struct course *c = k->c;
	size_t i, j;

	for (i = 0; i < c->banks.n; i++) {
		const struct bank *b = c->banks.v[i];
		bool used = false;
		for (j = 0; j < c->pools.n && !used; j++)
			used = ((struct pool *)c->pools.v[j])->bank.target == b;
		if (!used)
			WARNING(k, &b->item.loc,
				"bank '%s' is not used by any quiz",
				id_or(&b->item));
	}
}

size_t check_course(const struct course *c, bool complete, struct diag_list *dl)
{
	struct checker k = { c, dl, complete, 0 };
	size_t i;

	check_ids(&k);
	for (i = 0; i < c->lessons.n; i++) {
		const struct lesson *l = c->lessons.v[i];
		check_item_ref(&k, &l->competency, ITEM_COMPETENCY, &l->item);
	}
	for (i = 0; i < c->questions.n; i++)
		check_question(&k, c->questions.v[i]);
	for (i = 0; i < c->quizzes.n; i++)
		check_quiz(&k, c->quizzes.v[i]);
	for (i = 0; i < c->assessments.n; i++)
		check_assessment(&k, c->assessments.v[i]);
	for (i = 0; i < c->exercises.n; i++)
		check_exercise(&k, c->exercises.v[i]);
	for (i = 0; i < c->paths.n; i++)
		check_path(&k, c->paths.v[i]);
	if (complete) {
		check_banks_used(&k);
		check_coverage(&k);
	}
	return k.errors;
}

void course_count(const struct course *c, struct course_counts *out)
{
	out->lessons = c->lessons.n;
	out->questions = c->questions.n;
	out->statements = c->statements.n;
	out->scenarios = c->scenarios.n;
	out->paths = c->paths.n;
	out->quizzes = c->quizzes.n;
	out->assessments = c->assessments.n;
	out->exercises = c->exercises.n;
	out->competencies = c->competencies.n;
}

static void add_count(struct strbuf *sb, size_t n, const char *one,
		      const char *many)
{
	strbuf_addf(sb, "%s%zu %s", sb->len ? ", " : "", n,
		    n == 1 ? one : many);
}

char *course_counts_format(const struct course_counts *k)
{
	struct strbuf sb = { 0 };

	add_count(&sb, k->lessons, "lesson", "lessons");
	add_count(&sb, k->questions, "question", "questions");
	add_count(&sb, k->statements, "statement", "statements");
	add_count(&sb, k->scenarios, "scenario", "scenarios");
	add_count(&sb, k->paths, "path", "paths");
	return strbuf_detach(&sb);
}
