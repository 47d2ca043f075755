/* SPDX-License-Identifier: GPL-3.0-or-later */
/* content_build.c - the builders of the loader: a document's tree, already
 * valid against the schema, turned into model items, with the checks the
 * schema cannot make said at their file, line and column. */
#include "content.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "content_attrs.h"
#include "content_dom.h"
#include "text.h"

/* ---- DOM helpers ---- */

bool cx_is_elem(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)n->name, name) == 0;
}

static xmlNode *first_elem(const xmlNode *n)
{
	xmlNode *c;

	for (c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

static xmlNode *next_elem(const xmlNode *n)
{
	xmlNode *c;

	for (c = n ? n->next : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

static xmlNode *child(const xmlNode *n, const char *name)
{
	xmlNode *c;

	for (c = first_elem(n); c; c = next_elem(c))
		if (cx_is_elem(c, name))
			return c;
	return NULL;
}

static size_t count_children(const xmlNode *n, const char *name)
{
	xmlNode *c;
	size_t k = 0;

	for (c = first_elem(n); c; c = next_elem(c))
		if (!name || cx_is_elem(c, name))
			k++;
	return k;
}

/* Checks text for characters that must not reach a terminal. */
static void scan_text(struct load *ld, const xmlNode *n, const char *s,
		      size_t len)
{
	size_t i = 0, k;
	uint32_t cp;
	bool bidi_seen = false;

	while (i < len) {
		unsigned char b = (unsigned char)s[i];
		/* printable ASCII, nearly all of any course, needs no decoding
		 */
		if (b >= 0x20 && b < 0x7F) {
			i++;
			continue;
		}
		k = utf8_decode(s + i, len - i, &cp);
		if (text_is_control(cp)) {
			ERR(ld, n->line, cx_node_col(n),
			    "'%s' contains the control character U+%04X",
			    (const char *)n->name, (unsigned)cp);
			return;
		}
		if (text_is_bidi(cp) && !bidi_seen) {
			WARN(ld, n->line, cx_node_col(n),
			     "'%s' contains the invisible direction mark "
			     "U+%04X",
			     (const char *)n->name, (unsigned)cp);
			bidi_seen = true;
		}
		i += k;
	}
}

/* raw (len bytes, the text of element n) with white space folded, in the
 * arena, checked: empty is an error. */
static const char *fold_checked(struct load *ld, const xmlNode *n,
				const char *raw, size_t len)
{
	char *out = arena_alloc(ld->course->arena, len + 1);

	len = text_fold_space(raw, len, out);
	if (len == 0)
		ERR(ld, n->line, cx_node_col(n), "'%s' is empty",
		    (const char *)n->name);
	else
		scan_text(ld, n, out, len);
	return out;
}

/* The text of element n with white space folded, in the arena; NULL when n
 * is NULL. An empty or oversized text is an error (and gives ""). */
static const char *text_of(struct load *ld, const xmlNode *n)
{
	struct strbuf raw = { 0 };
	const xmlNode *c;
	const char *out;
	size_t len;

	if (!n)
		return NULL;
	c = n->children;
	if (c && !c->next && c->type == XML_TEXT_NODE && c->content &&
	    (len = strlen((const char *)c->content)) <= CONTENT_MAX_TEXT)
		/* one text node, the usual case: no copy to join pieces */
		return fold_checked(ld, n, (const char *)c->content, len);
	for (c = n->children; c; c = c->next) {
		if ((c->type == XML_TEXT_NODE ||
		     c->type == XML_CDATA_SECTION_NODE) &&
		    c->content) {
			strbuf_adds(&raw, (const char *)c->content);
			if (raw.len > CONTENT_MAX_TEXT)
				break;
		}
	}
	if (raw.len > CONTENT_MAX_TEXT) {
		ERR(ld, n->line, cx_node_col(n),
		    "text of '%s' is too long (over %u bytes)",
		    (const char *)n->name, CONTENT_MAX_TEXT);
		strbuf_release(&raw);
		return "";
	}
	out = fold_checked(ld, n, strbuf_str(&raw), raw.len);
	strbuf_release(&raw);
	return out;
}

static const char *child_text(struct load *ld, const xmlNode *n,
			      const char *name)
{
	return text_of(ld, child(n, name));
}

/* An attribute's value in the arena, or NULL when absent. */
static const char *attr(struct load *ld, const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	const char *s;

	if (!v)
		return NULL;
	s = arena_strdup(ld->course->arena, (const char *)v);
	xmlFree(v);
	return s;
}

/* Parses an xsd:decimal ([+-]digits[.digits]) without the locale. */
static bool parse_decimal(const char *s, double *out)
{
	double v = 0, scale = 1;
	bool neg = false, digits = false;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	for (; *s >= '0' && *s <= '9'; s++, digits = true)
		v = v * 10 + (*s - '0');
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++, digits = true)
			v += (*s - '0') * (scale /= 10);
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	if (!digits || *s)
		return false;
	*out = neg ? -v : v;
	return true;
}

static double attr_decimal(struct load *ld, const xmlNode *n, const char *name,
			   double dflt)
{
	const char *s = attr(ld, n, name);
	double v;

	if (!s)
		return dflt;
	if (!parse_decimal(s, &v)) {
		ERR(ld, n->line, cx_node_col(n), "'%s' is not a number: '%s'",
		    name, s);
		return dflt;
	}
	return v;
}

static unsigned attr_unsigned(struct load *ld, const xmlNode *n,
			      const char *name, unsigned dflt)
{
	double v = attr_decimal(ld, n, name, dflt);

	if (v < 0 || v > 1e6 || v != (double)(unsigned)v) {
		ERR(ld, n->line, cx_node_col(n),
		    "'%s' must be a whole number from 0 to 1000000", name);
		return dflt;
	}
	return (unsigned)v;
}

static bool attr_bool(struct load *ld, const xmlNode *n, const char *name,
		      bool dflt)
{
	const char *s = attr(ld, n, name);

	if (!s)
		return dflt;
	return strcmp(s, "true") == 0 || strcmp(s, "1") == 0;
}

static struct ref ref_attr(struct load *ld, const xmlNode *n, const char *name)
{
	struct ref r = { attr(ld, n, name), cx_loc_of(ld, n), NULL };
	return r;
}

static void item_init(struct load *ld, struct item *it, enum item_kind kind,
		      const xmlNode *n)
{
	size_t k = count_children(n, "allow"), i = 0;
	struct allowance *v;
	xmlNode *c;

	it->kind = kind;
	it->id = attr(ld, n, "id");
	it->loc = cx_loc_of(ld, n);
	if (!k)
		return;
	v = arena_array(ld->course->arena, k, sizeof(*v));
	for (c = first_elem(n); c; c = next_elem(c))
		if (cx_is_elem(c, "allow")) {
			v[i].check = attr(ld, c, "check");
			v[i].reason = text_of(ld, c);
			v[i].loc = cx_loc_of(ld, c);
			i++;
		}
	it->allows = v;
	it->n_allows = i;
}

/* Texts of every child called name, as an arena array. */
static const char **texts_of(struct load *ld, const xmlNode *n,
			     const char *name, size_t *count)
{
	size_t k = count_children(n, name), i = 0;
	const char **v = arena_array(ld->course->arena, k, sizeof(*v));
	xmlNode *c;

	for (c = first_elem(n); c; c = next_elem(c))
		if (cx_is_elem(c, name))
			v[i++] = text_of(ld, c);
	*count = i;
	return v;
}

static size_t count_words(const char *s)
{
	size_t w = 0;
	bool in = false;

	for (; s && *s; s++) {
		if (*s == ' ') {
			in = false;
		} else if (!in) {
			in = true;
			w++;
		}
	}
	return w;
}

/* ---- builders: DOM (already valid against the schema) to model ---- */

static void build_lesson(struct load *ld, const xmlNode *n)
{
	struct arena *a = ld->course->arena;
	struct lesson *l = arena_alloc(a, sizeof(*l));
	xmlNode *s, *b;
	size_t i = 0, j, k;

	item_init(ld, &l->item, ITEM_LESSON, n);
	l->competency = ref_attr(ld, n, "competency");
	l->title = child_text(ld, n, "title");
	l->summary = child_text(ld, n, "summary");
	l->n_sections = count_children(n, "section");
	l->sections = arena_array(a, l->n_sections, sizeof(*l->sections));
	for (s = first_elem(n); s; s = next_elem(s)) {
		struct section *sec;
		if (!cx_is_elem(s, "section"))
			continue;
		sec = &l->sections[i++];
		sec->heading = child_text(ld, s, "heading");
		l->words += count_words(sec->heading);
		sec->n_blocks =
			count_children(s, NULL) - (sec->heading != NULL);
		sec->blocks =
			arena_array(a, sec->n_blocks, sizeof(*sec->blocks));
		j = 0;
		for (b = first_elem(s); b; b = next_elem(b)) {
			struct block *blk;
			if (cx_is_elem(b, "heading") || j >= sec->n_blocks)
				continue;
			blk = &sec->blocks[j++];
			blk->loc = cx_loc_of(ld, b);
			if (cx_is_elem(b, "p")) {
				blk->kind = BLOCK_PARAGRAPH;
				blk->lines = arena_alloc(a, sizeof(char *));
				blk->lines[0] = text_of(ld, b);
				blk->n_lines = 1;
			} else if (cx_is_elem(b, "list")) {
				blk->kind = BLOCK_LIST;
				blk->ordered =
					attr_bool(ld, b, "ordered", false);
				blk->lines =
					texts_of(ld, b, "item", &blk->n_lines);
			} else {
				blk->kind = BLOCK_STORY;
				blk->title = child_text(ld, b, "title");
				blk->lines =
					texts_of(ld, b, "p", &blk->n_lines);
				l->words += count_words(blk->title);
			}
			for (k = 0; k < blk->n_lines; k++)
				l->words += count_words(blk->lines[k]);
		}
		sec->n_blocks = j;
	}
	l->n_sections = i;
	s = child(n, "key-points");
	if (s) {
		l->key_points = texts_of(ld, s, "point", &l->n_key_points);
		for (k = 0; k < l->n_key_points; k++)
			l->words += count_words(l->key_points[k]);
	}
	l->minutes = attr_unsigned(ld, n, "minutes", 0);
	if (!l->minutes) {
		l->minutes = (unsigned)((l->words + 199) / 200);
		if (!l->minutes)
			l->minutes = 1;
		l->minutes_estimated = true;
	}
	item_list_push(&ld->course->lessons, l);
}

static const struct {
	const char *element;
	enum question_type type;
} question_elements[] = {
	{ "single-choice", Q_SINGLE }, { "multiple-response", Q_MULTIPLE },
	{ "true-false", Q_TRUEFALSE }, { "judgement", Q_JUDGEMENT },
	{ "ordering", Q_ORDERING },    { "short-answer", Q_SHORT },
};

static bool question_type_of(const xmlNode *n, enum question_type *type)
{
	size_t i;

	for (i = 0; i < RP_ARRAY_LEN(question_elements); i++) {
		if (cx_is_elem(n, question_elements[i].element)) {
			*type = question_elements[i].type;
			return true;
		}
	}
	return false;
}

/* Options of a choice question, a weighted question or a scenario. */
static struct choice *build_choices(struct load *ld, const xmlNode *n,
				    enum question_type type, size_t *count)
{
	size_t k = count_children(n, "option"), i = 0;
	struct choice *v = arena_array(ld->course->arena, k, sizeof(*v));
	xmlNode *o;

	for (o = first_elem(n); o; o = next_elem(o)) {
		struct choice *opt;
		if (!cx_is_elem(o, "option"))
			continue;
		opt = &v[i++];
		opt->id = attr(ld, o, "id");
		opt->loc = cx_loc_of(ld, o);
		opt->text = child_text(ld, o, "text");
		if (type == Q_JUDGEMENT) {
			opt->feedback = child_text(ld, o, "rationale");
			opt->credit = attr_decimal(ld, o, "weight", 0);
		} else {
			opt->feedback = child_text(ld, o, "feedback");
			if (type == Q_MULTIPLE)
				opt->credit =
					attr_decimal(ld, o, "fraction", 0);
			else
				opt->credit = attr_bool(ld, o, "correct", false)
						      ? 100
						      : 0;
		}
	}
	*count = i;
	return v;
}

static void build_true_false(struct load *ld, const xmlNode *n,
			     struct question *q)
{
	struct arena *a = ld->course->arena;
	bool answer = attr_bool(ld, n, "answer", true);
	xmlNode *f;
	int i;

	q->n_choices = 2;
	q->choices = arena_array(a, 2, sizeof(*q->choices));
	for (i = 0; i < 2; i++) {
		bool value = i == 0;
		q->choices[i].id = value ? "true" : "false";
		q->choices[i].text = value ? "True" : "False";
		q->choices[i].credit = value == answer ? 100 : 0;
		q->choices[i].loc = cx_loc_of(ld, n);
	}
	for (f = first_elem(n); f; f = next_elem(f)) {
		if (!cx_is_elem(f, "feedback"))
			continue;
		i = attr_bool(ld, f, "when", true) ? 0 : 1;
		if (q->choices[i].feedback)
			ERR(ld, f->line, cx_node_col(f),
			    "question '%s' has two feedbacks for '%s'",
			    q->item.id ? q->item.id : "?", q->choices[i].id);
		q->choices[i].feedback = text_of(ld, f);
		q->choices[i].loc = cx_loc_of(ld, f);
	}
}

static void build_ordering(struct load *ld, const xmlNode *n,
			   struct question *q)
{
	size_t k = count_children(n, "item"), i = 0;
	xmlNode *it;

	q->choices = arena_array(ld->course->arena, k, sizeof(*q->choices));
	for (it = first_elem(n); it; it = next_elem(it)) {
		struct choice *o;
		if (!cx_is_elem(it, "item"))
			continue;
		o = &q->choices[i++];
		o->id = attr(ld, it, "id");
		o->text = text_of(ld, it);
		o->loc = cx_loc_of(ld, it);
		o->credit = 100;
	}
	q->n_choices = i;
}

static void build_short_answer(struct load *ld, const xmlNode *n,
			       struct question *q)
{
	xmlNode *kw = child(n, "keywords");

	q->accept = texts_of(ld, n, "accept", &q->n_accept);
	if (kw) {
		q->keywords = texts_of(ld, kw, "keyword", &q->n_keywords);
		q->min_keywords = attr_unsigned(ld, kw, "min", 1);
	}
	q->pattern = child_text(ld, n, "pattern");
}

static struct question *build_question(struct load *ld, const xmlNode *n)
{
	struct question *q;
	enum question_type type;

	if (!question_type_of(n, &type))
		return NULL;
	q = arena_alloc(ld->course->arena, sizeof(*q));
	item_init(ld, &q->item, ITEM_QUESTION, n);
	q->type = type;
	q->competency = ref_attr(ld, n, "competency");
	q->lesson = ref_attr(ld, n, "lesson");
	q->points = attr_decimal(ld, n, "points", 1);
	q->shuffle = attr_bool(ld, n, "shuffle", true);
	q->prompt = child_text(ld, n, "prompt");
	q->hint = child_text(ld, n, "hint");
	q->explanation = child_text(ld, n, "explanation");
	switch (type) {
	case Q_SINGLE:
	case Q_MULTIPLE:
	case Q_JUDGEMENT:
		q->choices = build_choices(ld, n, type, &q->n_choices);
		break;
	case Q_TRUEFALSE:
		q->shuffle = false;
		build_true_false(ld, n, q);
		break;
	case Q_ORDERING:
		build_ordering(ld, n, q);
		break;
	case Q_SHORT:
		q->shuffle = false;
		build_short_answer(ld, n, q);
		break;
	case Q_TYPE_COUNT:
		break;
	}
	item_list_push(&ld->course->questions, q);
	return q;
}

/* The questions among n's children, as an arena array. */
static struct question **build_questions(struct load *ld, const xmlNode *n,
					 size_t *count)
{
	size_t k = count_children(n, NULL), i = 0;
	struct question **v = arena_array(ld->course->arena, k, sizeof(*v));
	xmlNode *c;

	for (c = first_elem(n); c; c = next_elem(c)) {
		struct question *q = build_question(ld, c);
		if (q)
			v[i++] = q;
	}
	*count = i;
	return v;
}

static struct band *build_bands(struct load *ld, const xmlNode *n,
				size_t *count)
{
	xmlNode *bands = child(n, "bands"), *b;
	size_t k = count_children(bands, "band"), i = 0;
	struct band *v = arena_array(ld->course->arena, k, sizeof(*v));

	for (b = first_elem(bands); b; b = next_elem(b)) {
		struct band *band;
		if (!cx_is_elem(b, "band"))
			continue;
		band = &v[i++];
		band->min = attr_decimal(ld, b, "min", 0);
		band->max = attr_decimal(ld, b, "max", 0);
		band->label = child_text(ld, b, "label");
		band->advice = child_text(ld, b, "advice");
		band->lesson = ref_attr(ld, b, "lesson");
		band->loc = cx_loc_of(ld, b);
	}
	*count = i;
	return v;
}

static struct pool *new_pool(struct load *ld, const xmlNode *n)
{
	struct pool *p = arena_alloc(ld->course->arena, sizeof(*p));

	item_init(ld, &p->item, ITEM_POOL, n);
	item_list_push(&ld->course->pools, p);
	return p;
}

static void build_quiz(struct load *ld, const xmlNode *n)
{
	struct arena *a = ld->course->arena;
	struct quiz *q = arena_alloc(a, sizeof(*q));
	size_t k = count_children(n, NULL), i = 0;
	struct pool *loose = NULL;
	xmlNode *c;

	item_init(ld, &q->item, ITEM_QUIZ, n);
	q->title = child_text(ld, n, "title");
	q->intro = child_text(ld, n, "intro");
	q->pass = attr_decimal(ld, n, "pass", 0);
	q->shuffle = attr_bool(ld, n, "shuffle", true);
	q->time_limit = attr_unsigned(ld, n, "time-limit", 0);
	q->pools = arena_array(a, k, sizeof(*q->pools));
	for (c = first_elem(n); c; c = next_elem(c)) {
		struct question *qu;
		if (cx_is_elem(c, "pool")) {
			struct pool *p = new_pool(ld, c);
			p->draw = attr_unsigned(ld, c, "draw", 0);
			p->bank = ref_attr(ld, c, "bank");
			p->questions = build_questions(ld, c, &p->n_questions);
			q->pools[i++] = p;
			loose = NULL;
			continue;
		}
		qu = build_question(ld, c);
		if (!qu) {
			loose = NULL;
			continue;
		}
		/* A run of questions written in the quiz is one pool that
		 * asks them all. */
		if (!loose) {
			loose = new_pool(ld, c);
			loose->item.id = NULL;
			loose->questions = arena_array(a, k, sizeof(qu));
			q->pools[i++] = loose;
		}
		loose->questions[loose->n_questions++] = qu;
	}
	q->n_pools = i;
	q->bands = build_bands(ld, n, &q->n_bands);
	item_list_push(&ld->course->quizzes, q);
}

static void build_bank(struct load *ld, const xmlNode *n)
{
	struct bank *b = arena_alloc(ld->course->arena, sizeof(*b));

	item_init(ld, &b->item, ITEM_BANK, n);
	b->title = child_text(ld, n, "title");
	b->questions = build_questions(ld, n, &b->n_questions);
	item_list_push(&ld->course->banks, b);
}

static void build_scale(struct load *ld, const xmlNode *n, struct scale *s)
{
	xmlNode *sc = child(n, "scale"), *p;
	size_t k = count_children(sc, "point"), i = 0;

	s->points = arena_array(ld->course->arena, k, sizeof(*s->points));
	s->loc = cx_loc_of(ld, sc ? sc : n);
	for (p = first_elem(sc); p; p = next_elem(p)) {
		double v;
		if (!cx_is_elem(p, "point"))
			continue;
		v = attr_decimal(ld, p, "value", 0);
		if (v < -1000 || v > 1000 || v != (double)(int)v) {
			ERR(ld, p->line, cx_node_col(p),
			    "scale value must be a whole number from -1000 to "
			    "1000");
			v = 0;
		}
		s->points[i].value = (int)v;
		s->points[i].label = text_of(ld, p);
		s->points[i].loc = cx_loc_of(ld, p);
		s->points[i].not_applicable =
			attr_bool(ld, p, "not-applicable", false);
		i++;
	}
	s->n_points = i;
}

static void build_assessment(struct load *ld, const xmlNode *n)
{
	struct arena *a = ld->course->arena;
	struct assessment *as = arena_alloc(a, sizeof(*as));
	size_t k, i = 0;
	xmlNode *c;

	item_init(ld, &as->item, ITEM_ASSESSMENT, n);
	as->title = child_text(ld, n, "title");
	as->intro = child_text(ld, n, "intro");
	build_scale(ld, n, &as->scale);
	k = count_children(n, "statement");
	as->statements = arena_array(a, k, sizeof(*as->statements));
	for (c = first_elem(n); c; c = next_elem(c)) {
		struct statement *s;
		if (!cx_is_elem(c, "statement"))
			continue;
		s = arena_alloc(a, sizeof(*s));
		item_init(ld, &s->item, ITEM_STATEMENT, c);
		s->competency = ref_attr(ld, c, "competency");
		s->reverse = attr_bool(ld, c, "reverse", false);
		s->text = text_of(ld, c);
		as->statements[i++] = s;
		item_list_push(&ld->course->statements, s);
	}
	as->n_statements = i;
	as->bands = build_bands(ld, n, &as->n_bands);
	c = child(n, "actions");
	k = count_children(c, "action");
	as->actions = arena_array(a, k, sizeof(*as->actions));
	i = 0;
	for (c = first_elem(c); c; c = next_elem(c)) {
		struct action *act;
		if (!cx_is_elem(c, "action"))
			continue;
		act = &as->actions[i++];
		act->competency = ref_attr(ld, c, "competency");
		act->lesson = ref_attr(ld, c, "lesson");
		act->text = text_of(ld, c);
		act->loc = cx_loc_of(ld, c);
	}
	as->n_actions = i;
	item_list_push(&ld->course->assessments, as);
}

static struct scenario *build_scenario(struct load *ld, const xmlNode *n)
{
	struct arena *a = ld->course->arena;
	struct scenario *s = arena_alloc(a, sizeof(*s));
	xmlNode *c;
	size_t k, i = 0;

	item_init(ld, &s->item, ITEM_SCENARIO, n);
	s->competency = ref_attr(ld, n, "competency");
	s->lesson = ref_attr(ld, n, "lesson");
	s->minutes = attr_unsigned(ld, n, "minutes", 0);
	s->title = child_text(ld, n, "title");
	s->situation =
		texts_of(ld, child(n, "situation"), "p", &s->n_situation);
	s->question = child_text(ld, n, "question");
	s->choices = build_choices(ld, n, Q_JUDGEMENT, &s->n_choices);
	/* the prompts for the reveal first, in written order, then the
	 * extras */
	c = child(n, "discuss");
	k = count_children(c, "prompt");
	s->discuss = arena_array(a, k, sizeof(*s->discuss));
	for (i = 0; i < 2; i++) {
		xmlNode *p;
		for (p = first_elem(c); p; p = next_elem(p))
			if (cx_is_elem(p, "prompt") &&
			    attr_bool(ld, p, "extra", false) == (i == 1)) {
				s->discuss[s->n_discuss++] = text_of(ld, p);
				s->n_extra += i;
			}
	}
	i = 0;
	c = child(n, "roles");
	k = count_children(c, "card");
	s->cards = arena_array(a, k, sizeof(*s->cards));
	for (c = first_elem(c); c; c = next_elem(c)) {
		if (!cx_is_elem(c, "card"))
			continue;
		s->cards[i].role = attr(ld, c, "role");
		s->cards[i].knows = child_text(ld, c, "knows");
		s->cards[i].goal = child_text(ld, c, "goal");
		i++;
	}
	s->n_cards = i;
	s->debrief = child_text(ld, n, "debrief");
	item_list_push(&ld->course->scenarios, s);
	return s;
}

/* The part of e whose scenario or poll (as kind says) is id, or SIZE_MAX. */
static size_t part_named(const struct exercise *e, const char *kind,
			 const char *id)
{
	size_t i;

	for (i = 0; id && i < e->n_parts; i++) {
		const struct item *it = e->parts[i].scenario
						? &e->parts[i].scenario->item
						: &e->parts[i].poll->item;
		if (strcmp(it->id, id) == 0 &&
		    (e->parts[i].scenario != NULL) ==
			    (strcmp(kind, "scenario") == 0))
			return i;
	}
	return SIZE_MAX;
}

/* The exercise's formats, their steps named by the parts' ids. */
static void build_sheets(struct load *ld, const xmlNode *n, struct exercise *e)
{
	struct arena *a = ld->course->arena;
	size_t k = count_children(n, "format"), i;
	xmlNode *f;

	e->sheets = arena_array(a, k, sizeof(*e->sheets));
	for (f = first_elem(n); f; f = next_elem(f)) {
		struct run_sheet *sh;
		xmlNode *c;
		if (!cx_is_elem(f, "format"))
			continue;
		sh = &e->sheets[e->n_sheets];
		sh->id = attr(ld, f, "id");
		sh->title = child_text(ld, f, "title");
		sh->minutes = attr_unsigned(ld, f, "minutes", 0);
		sh->loc = cx_loc_of(ld, f);
		for (i = 0; i < e->n_sheets; i++)
			if (sh->id && e->sheets[i].id &&
			    strcmp(e->sheets[i].id, sh->id) == 0)
				ERR(ld, f->line, cx_node_col(f),
				    "format '%s' is in exercise '%s' twice",
				    sh->id, e->item.id);
		sh->steps = arena_array(a, count_children(f, NULL),
					sizeof(*sh->steps));
		for (c = first_elem(f); c; c = next_elem(c)) {
			bool scenario = cx_is_elem(c, "scenario");
			struct sheet_step *st;
			const char *ref;
			if (!scenario && !cx_is_elem(c, "poll"))
				continue;
			ref = attr(ld, c, "ref");
			st = &sh->steps[sh->n_steps];
			st->part = part_named(e, scenario ? "scenario" : "poll",
					      ref);
			st->loc = cx_loc_of(ld, c);
			if (st->part == SIZE_MAX) {
				ERR(ld, c->line, cx_node_col(c),
				    "format '%s' names %s '%s', but exercise "
				    "'%s' has no such %s",
				    sh->id, scenario ? "scenario" : "poll",
				    ref ? ref : "", e->item.id,
				    scenario ? "scenario" : "poll");
				continue;
			}
			for (i = 0; i < sh->n_steps; i++)
				if (sh->steps[i].part == st->part)
					ERR(ld, c->line, cx_node_col(c),
					    "format '%s' names '%s' twice",
					    sh->id, ref);
			if (scenario) {
				st->pairs = attr_unsigned(ld, c, "pairs", 0);
				st->prompt = child_text(ld, c, "prompt");
			}
			sh->n_steps++;
		}
		e->n_sheets++;
	}
}

static void build_exercise(struct load *ld, const xmlNode *n)
{
	struct arena *a = ld->course->arena;
	struct exercise *e = arena_alloc(a, sizeof(*e));
	size_t k = count_children(n, NULL), i = 0;
	xmlNode *c;

	item_init(ld, &e->item, ITEM_EXERCISE, n);
	e->title = child_text(ld, n, "title");
	e->intro = child_text(ld, n, "intro");
	e->minutes = attr_unsigned(ld, n, "minutes", 0);
	if (child(n, "scale"))
		build_scale(ld, n, &e->scale);
	e->parts = arena_array(a, k, sizeof(*e->parts));
	for (c = first_elem(n); c; c = next_elem(c)) {
		if (cx_is_elem(c, "scenario")) {
			e->parts[i++].scenario = build_scenario(ld, c);
		} else if (cx_is_elem(c, "poll")) {
			struct poll *p = arena_alloc(a, sizeof(*p));
			item_init(ld, &p->item, ITEM_POLL, c);
			p->competency = ref_attr(ld, c, "competency");
			p->reverse = attr_bool(ld, c, "reverse", false);
			p->text = text_of(ld, c);
			item_list_push(&ld->course->polls, p);
			e->parts[i++].poll = p;
		}
	}
	e->n_parts = i;
	build_sheets(ld, n, e);
	item_list_push(&ld->course->exercises, e);
}

static const struct {
	const char *element;
	enum step_kind kind;
	const char *target; /* the attribute naming the target */
} step_elements[] = {
	{ "read", STEP_READ, "lesson" },
	{ "pass", STEP_PASS, "quiz" },
	{ "assess", STEP_ASSESS, "assessment" },
	{ "meet", STEP_MEET, "exercise" },
	{ "review", STEP_REVIEW, NULL },
};

static void build_path(struct load *ld, const xmlNode *n)
{
	struct arena *a = ld->course->arena;
	struct path *p = arena_alloc(a, sizeof(*p));
	size_t k = count_children(n, NULL), i = 0, j;
	xmlNode *c;

	item_init(ld, &p->item, ITEM_PATH, n);
	p->title = child_text(ld, n, "title");
	p->intro = child_text(ld, n, "intro");
	p->steps = arena_array(a, k, sizeof(*p->steps));
	for (c = first_elem(n); c; c = next_elem(c)) {
		for (j = 0; j < RP_ARRAY_LEN(step_elements); j++) {
			struct step *s;
			if (!cx_is_elem(c, step_elements[j].element))
				continue;
			s = arena_alloc(a, sizeof(*s));
			item_init(ld, &s->item, ITEM_STEP, c);
			s->kind = step_elements[j].kind;
			if (step_elements[j].target)
				s->target = ref_attr(ld, c,
						     step_elements[j].target);
			else
				s->target.loc = cx_loc_of(ld, c);
			s->has_mark =
				xmlHasProp(c, (const xmlChar *)"mark") != NULL;
			s->mark = attr_decimal(ld, c, "mark", 0);
			p->steps[i++] = s;
			item_list_push(&ld->course->steps, s);
		}
	}
	p->n_steps = i;
	item_list_push(&ld->course->paths, p);
}

/* An item at the top of a file or inside a course element. */
void content_build_item(struct load *ld, const xmlNode *n)
{
	if (cx_is_elem(n, "lesson"))
		build_lesson(ld, n);
	else if (cx_is_elem(n, "quiz"))
		build_quiz(ld, n);
	else if (cx_is_elem(n, "bank"))
		build_bank(ld, n);
	else if (cx_is_elem(n, "assessment"))
		build_assessment(ld, n);
	else if (cx_is_elem(n, "exercise"))
		build_exercise(ld, n);
	else if (cx_is_elem(n, "path"))
		build_path(ld, n);
}

void content_build_course(struct load *ld, const xmlNode *n)
{
	struct course *c = ld->course;
	xmlNode *e;

	if (c->title) {
		ERR(ld, n->line, cx_node_col(n),
		    "a second course element; a course has exactly one");
		return;
	}
	item_init(ld, &c->item, ITEM_KIND_COUNT, n);
	c->title = child_text(ld, n, "title");
	c->summary = child_text(ld, n, "summary");
	c->lang = attr(ld, n, "lang");
	for (e = first_elem(n); e; e = next_elem(e)) {
		if (cx_is_elem(e, "competency")) {
			struct competency *k =
				arena_alloc(c->arena, sizeof(*k));
			item_init(ld, &k->item, ITEM_COMPETENCY, e);
			k->name = child_text(ld, e, "name");
			k->description = child_text(ld, e, "description");
			item_list_push(&c->competencies, k);
		} else {
			content_build_item(ld, e);
		}
	}
}
