/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qbank.c - imported questions: what the readers share, GIFT mapped onto
 * rapport's kinds, Moodle's grades, and the course files written
 * (qbank.h). */
#include "qbank.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model.h"
#include "moodle.h"
#include "text.h"

/* ---- building ---- */

struct qb_question *qbank_add(struct qbank *qb, enum qb_kind kind,
			      unsigned line)
{
	struct qb_question *q;

	xgrow((void **)&qb->v, &qb->cap, qb->n + 1, sizeof(*qb->v));
	q = &qb->v[qb->n++];
	memset(q, 0, sizeof(*q));
	q->kind = kind;
	q->line = line;
	q->category = xstrdup("");
	q->points = 1;
	q->shuffle = true;
	return q;
}

static void question_release(struct qb_question *q)
{
	size_t i;

	for (i = 0; i < q->n_opts; i++) {
		free(q->opts[i].text);
		free(q->opts[i].feedback);
	}
	for (i = 0; i < q->n_paras; i++)
		free(q->paras[i].text);
	free(q->opts);
	free(q->paras);
	free(q->name);
	free(q->category);
	free(q->prompt);
	free(q->hint);
	free(q->idnumber);
	free(q->explanation);
	free(q->fb_true);
	free(q->fb_false);
	free(q->pattern);
}

void qbank_drop_last(struct qbank *qb)
{
	if (qb->n)
		question_release(&qb->v[--qb->n]);
}

struct qb_option *qbank_add_option(struct qb_question *q, const char *text,
				   double credit)
{
	struct qb_option *o;

	xgrow((void **)&q->opts, &q->cap_opts, q->n_opts + 1, sizeof(*q->opts));
	o = &q->opts[q->n_opts++];
	o->text = text ? xstrdup(text) : NULL;
	o->feedback = NULL;
	o->credit = credit;
	return o;
}

void qbank_add_para(struct qb_question *q, const char *text, bool in_list,
		    bool ordered)
{
	struct qb_para *p;

	q->paras = xrealloc(q->paras, (q->n_paras + 1) * sizeof(*q->paras));
	p = &q->paras[q->n_paras++];
	p->text = xstrdup(text);
	p->in_list = in_list;
	p->ordered = ordered;
}

void qbank_describe_category(struct qbank *qb, const char *path,
			     const char *info)
{
	size_t i;

	for (i = 0; i < qb->n_cats; i++)
		if (strcmp(qb->cats[i].path, path) == 0)
			break;
	if (i == qb->n_cats) {
		xgrow((void **)&qb->cats, &qb->cap_cats, qb->n_cats + 1,
		      sizeof(*qb->cats));
		qb->cats[qb->n_cats].path = xstrdup(path);
		qb->cats[qb->n_cats].info = NULL;
		qb->n_cats++;
	}
	free(qb->cats[i].info);
	qb->cats[i].info = info ? xstrdup(info) : NULL;
}

char *qbank_tidy(const char *text)
{
	char *fixed, *out;
	size_t i, n = 0, len;

	if (!text)
		return NULL;
	/* printable ASCII needs only its spaces folded */
	for (i = 0; text[i]; i++)
		if ((unsigned char)text[i] >= 0x7F ||
		    ((unsigned char)text[i] < 0x20 &&
		     !strchr("\t\n\r", text[i])))
			break;
	if (!text[i]) {
		out = xmalloc(i + 1);
		n = text_fold_space(text, i, out);
		if (n == 0) {
			free(out);
			return NULL;
		}
		return out;
	}
	fixed = text_repair_utf8(text);
	len = strlen(fixed);
	/* controls go, as the loader refuses them in a course file, and
	 * so do the two characters XML 1.0 has no place for */
	for (i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(fixed + i, len - i, &cp);
		if (k == 0)
			k = 1;
		if ((!text_is_control(cp) || cp == '\t' || cp == '\n') &&
		    cp != 0xFFFE && cp != 0xFFFF) {
			memmove(fixed + n, fixed + i, k);
			n += k;
		} else {
			fixed[n++] = ' ';
		}
		i += k;
	}
	out = xmalloc(n + 1);
	n = text_fold_space(fixed, n, out);
	free(fixed);
	if (n == 0) {
		free(out);
		return NULL;
	}
	return out;
}

char *qbank_category_path(const char *raw)
{
	struct strbuf sb = { 0 }, part = { 0 };
	const char *p = raw ? raw : "";
	bool first = true;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '$') {
		const char *end = strchr(p + 1, '$');
		if (end && end[1] == '/')
			p = end + 2;
		else if (end && !end[1])
			p = end + 1;
	}
	strbuf_add(&sb, "", 0);
	for (;; p++) {
		if (*p == '/' && p[1] == '/') {
			strbuf_addc(&part, '/');
			p++;
			continue;
		}
		if (*p && *p != '/') {
			strbuf_addc(&part, *p);
			continue;
		}
		{
			char *t = qbank_tidy(strbuf_str(&part));
			if (t &&
			    !(first && !sb.len && strcasecmp(t, "top") == 0)) {
				if (sb.len)
					strbuf_addc(&sb, QB_CAT_SEP);
				strbuf_adds(&sb, t);
			}
			if (t)
				first = false;
			free(t);
			strbuf_reset(&part);
		}
		if (!*p)
			break;
	}
	strbuf_release(&part);
	return strbuf_detach(&sb);
}

/* The parts of path joined by '/', and each '/' inside a part doubled
 * when moodle is set. */
static char *join_parts(const char *path, size_t len, bool moodle)
{
	struct strbuf sb = { 0 };
	size_t i;

	strbuf_add(&sb, "", 0);
	for (i = 0; i < len; i++) {
		if (path[i] == QB_CAT_SEP) {
			strbuf_addc(&sb, '/');
			continue;
		}
		if (moodle && path[i] == '/')
			strbuf_addc(&sb, '/');
		strbuf_addc(&sb, path[i]);
	}
	return strbuf_detach(&sb);
}

char *qbank_category_shown(const char *path)
{
	return join_parts(path, strlen(path), true);
}

/* The last part of path. */
static const char *last_part(const char *path)
{
	const char *sep = strrchr(path, QB_CAT_SEP);

	return sep ? sep + 1 : path;
}

char *qbank_category_name(const char *path)
{
	return xstrdup(last_part(path));
}

/* ---- losses ---- */

void qb_loss(struct qb_losses *l, const char *what, const char *why)
{
	if (l->n)
		strbuf_adds(&l->what, ", ");
	strbuf_adds(&l->what, what);
	if (why && !strstr(strbuf_str(&l->why), why)) {
		if (l->why.len)
			strbuf_adds(&l->why, "; ");
		strbuf_adds(&l->why, why);
	}
	l->n++;
}

static char *short_name(const char *name)
{
	size_t n = name ? strlen(name) : 0, cut = n;

	if (n <= 60)
		return xstrdup(name ? name : "");
	cut = 57;
	while (cut > 0 && ((unsigned char)name[cut] & 0xC0) == 0x80)
		cut--;
	return xasprintf("%.*s...", (int)cut, name);
}

void qb_losses_say(struct qb_losses *l, struct diag_list *dl, const char *file,
		   unsigned line, const char *name)
{
	if (l->n) {
		char *shown = short_name(name);
		diag_add(dl, DIAG_WARNING, file, line, 0,
			 "question '%s': %s not imported: %s", shown,
			 strbuf_str(&l->what), strbuf_str(&l->why));
		free(shown);
	}
	strbuf_release(&l->what);
	strbuf_release(&l->why);
	l->n = 0;
}

void qbank_refuse(struct qbank *qb, struct diag_list *dl, unsigned line,
		  const char *name, const char *kind, const char *why, ...)
{
	char *reason, *shown = short_name(name);
	va_list ap;

	va_start(ap, why);
	reason = xvasprintf(why, ap);
	va_end(ap);
	diag_add(dl, DIAG_WARNING, qb->file, line, 0,
		 "question '%s' (%s) not imported: %s", shown, kind, reason);
	free(reason);
	free(shown);
	qb->dropped++;
}

/* ---- Moodle's grades ---- */

const double qbank_moodle_grades[] = {
	100,	  90,	    83.33333, 80,	75, 70, 66.66667,
	60,	  50,	    40,	      33.33333, 30, 25, 20,
	16.66667, 14.28571, 12.5,     11.11111, 10, 5,	0,
};
const size_t qbank_moodle_grades_n = RP_ARRAY_LEN(qbank_moodle_grades);

bool qbank_moodle_grade_ok(double percent)
{
	size_t i;

	for (i = 0; i < qbank_moodle_grades_n; i++)
		if (fabs(fabs(percent) - qbank_moodle_grades[i]) < 0.001)
			return true;
	return false;
}

double qbank_moodle_grade_nearest(double percent)
{
	double best = 0, a = fabs(percent);
	size_t i;

	for (i = 0; i < qbank_moodle_grades_n; i++)
		if (fabs(a - qbank_moodle_grades[i]) < fabs(a - best))
			best = qbank_moodle_grades[i];
	return percent < 0 ? -best : best;
}

/* ---- GIFT ---- */

static const char *gift_format(const struct gift_question *g)
{
	return g->format ? g->format : "moodle";
}

/* Text of a GIFT question in its format; the losses noted. */
static char *gift_text(const struct gift_question *g, const char *s,
		       unsigned *lost)
{
	return s ? moodle_text(s, gift_format(g), lost) : NULL;
}

void qb_text_losses(struct qb_losses *l, unsigned lost)
{
	if (lost & MOODLE_LOST_IMAGE)
		qb_loss(l, "images and files",
			"rapport's text has no pictures or attachments");
	if (lost & MOODLE_LOST_MEDIA)
		qb_loss(l, "audio, video or embedded frames",
			"rapport's text has no media");
	if (lost & MOODLE_LOST_TABLE)
		qb_loss(l, "a table's layout",
			"rapport's text has no tables, so its cells are "
			"read in order");
	if (lost & MOODLE_LOST_FORMAT)
		qb_loss(l, "Markdown formatting",
			"rapport's text is plain, so the marks stay as typed");
	if (lost & MOODLE_LOST_LINK)
		qb_loss(l, "link addresses", "only a link's words are kept");
}

/* An ERE for a Moodle short answer with '*' wildcards. */
static char *wildcard_pattern(const char *answer)
{
	struct strbuf sb = { 0 };
	const char *p;

	for (p = answer; *p; p++) {
		if (*p == '*')
			strbuf_adds(&sb, ".*");
		else if (strchr("\\.^$|?+()[]{}", *p)) {
			strbuf_addc(&sb, '\\');
			strbuf_addc(&sb, *p);
		} else
			strbuf_addc(&sb, *p);
	}
	return strbuf_detach(&sb);
}

void qbank_add_accept(struct qb_question *q, const char *text)
{
	if (strchr(text, '*')) {
		char *re = wildcard_pattern(text);
		if (q->pattern) {
			char *both = xasprintf("%s|%s", q->pattern, re);
			free(q->pattern);
			free(re);
			q->pattern = both;
		} else {
			q->pattern = re;
		}
		return;
	}
	qbank_add_option(q, text, 100);
}

#define QB_MAX_OPTIONS 26

bool qbank_settle_choice(struct qbank *qb, struct qb_question *q, bool multiple,
			 struct qb_losses *l, struct diag_list *dl,
			 const char *kind)
{
	double positive = 0, best = -1000;
	size_t i, full = 0, partial = 0, negative = 0;

	if (q->n_opts < 2) {
		qbank_refuse(qb, dl, q->line, q->name, kind,
			     "it has %zu answer%s; a choice needs two or more",
			     q->n_opts, q->n_opts == 1 ? "" : "s");
		return false;
	}
	if (q->n_opts > QB_MAX_OPTIONS) {
		qbank_refuse(qb, dl, q->line, q->name, kind,
			     "it has %zu answers; rapport answers by letter, "
			     "so %d at most",
			     q->n_opts, QB_MAX_OPTIONS);
		return false;
	}
	for (i = 0; i < q->n_opts; i++) {
		double c = q->opts[i].credit;
		if (!qbank_moodle_grade_ok(c)) {
			qbank_refuse(qb, dl, q->line, q->name, kind,
				     "answer %zu's grade %g%% is not one "
				     "Moodle allows (the nearest is %g%%), "
				     "so Moodle would refuse it too",
				     i + 1, c, qbank_moodle_grade_nearest(c));
			return false;
		}
		if (!q->opts[i].text) {
			qbank_refuse(qb, dl, q->line, q->name, kind,
				     "answer %zu has no text", i + 1);
			return false;
		}
		if (c > 0)
			positive += c;
		if (c > best)
			best = c;
		full += fabs(c - 100) < 0.001;
		partial += c > 0.001 && c < 99.999;
		negative += c < -0.001;
	}
	if (multiple) {
		if (positive < 100 - MODEL_PERCENT_EPSILON) {
			qbank_refuse(qb, dl, q->line, q->name, kind,
				     "its right answers add up to %g%%, so it "
				     "can never score 100%%",
				     positive);
			return false;
		}
		q->kind = QB_MULTI;
		return true;
	}
	if (best < 99.999) {
		qbank_refuse(qb, dl, q->line, q->name, kind,
			     "no answer is worth 100%%; one must be");
		return false;
	}
	if (negative) {
		qb_loss(l, "negative grades",
			"a rapport judgement weighs options from 0 to 100, so "
			"they count 0");
		for (i = 0; i < q->n_opts; i++)
			if (q->opts[i].credit < 0)
				q->opts[i].credit = 0;
	}
	q->kind = full == 1 && !partial ? QB_SINGLE : QB_JUDGEMENT;
	return true;
}

static bool gift_choice(struct qbank *qb, const struct gift_question *g,
			struct qb_question *q, struct qb_losses *l,
			unsigned *lost, struct diag_list *dl)
{
	bool any_equals = false;
	size_t i;

	for (i = 0; i < g->n_answers; i++)
		any_equals |= g->answers[i].correct;
	for (i = 0; i < g->n_answers; i++) {
		const struct gift_answer *a = &g->answers[i];
		double credit = a->has_weight ? a->weight
				: a->correct  ? 100
					      : 0;
		struct qb_option *o = qbank_add_option(q, NULL, credit);
		o->text = gift_text(g, a->text, lost);
		o->feedback = gift_text(g, a->feedback, lost);
	}
	return qbank_settle_choice(qb, q, !any_equals, l, dl,
				   "multiple choice");
}

static bool gift_short(struct qbank *qb, const struct gift_question *g,
		       struct qb_question *q, struct qb_losses *l,
		       unsigned *lost, struct diag_list *dl)
{
	size_t i, partial = 0, feedback = 0;

	for (i = 0; i < g->n_answers; i++) {
		const struct gift_answer *a = &g->answers[i];
		double credit = a->has_weight ? a->weight : 100;
		char *t = gift_text(g, a->text, lost);

		if (a->feedback)
			feedback++;
		if (!t)
			continue;
		if (fabs(credit - 100) < 0.001)
			qbank_add_accept(q, t);
		else
			partial++;
		free(t);
	}
	return qbank_settle_short(qb, q, partial, feedback, l, dl,
				  "short answer");
}

bool qbank_settle_short(struct qbank *qb, struct qb_question *q, size_t partial,
			size_t feedback, struct qb_losses *l,
			struct diag_list *dl, const char *kind)
{
	if (!q->n_opts) {
		qbank_refuse(qb, dl, q->line, q->name, kind,
			     q->pattern ? "its only full-credit answers have "
					  "wildcards, and rapport needs one "
					  "model answer"
					: "no answer is worth 100%%");
		return false;
	}
	if (partial)
		qb_loss(l, "partial-credit answers",
			"a rapport short answer is right or wrong");
	if (feedback)
		qb_loss(l, "answer feedback",
			"a rapport short answer has one explanation, not one "
			"per answer");
	return true;
}

static void gift_true_false(const struct gift_question *g,
			    struct qb_question *q, unsigned *lost)
{
	/* {T#shown when wrong#shown when right} */
	char *wrong = gift_text(g, g->feedback1, lost);
	char *right = gift_text(g, g->feedback2, lost);

	q->answer = g->is_true;
	q->fb_true = g->is_true ? right : wrong;
	q->fb_false = g->is_true ? wrong : right;
}

static void gift_one(struct qbank *qb, const struct gift_question *g,
		     struct diag_list *dl)
{
	static const enum qb_kind kinds[] = {
		[GIFT_DESCRIPTION] = QB_DESCRIPTION,
		[GIFT_MC] = QB_SINGLE,
		[GIFT_TF] = QB_TRUE_FALSE,
		[GIFT_SHORT] = QB_SHORT,
	};
	const char *kind = gift_type_name(g->type);
	struct qb_losses l = { 0 };
	struct qb_question *q;
	unsigned lost = 0;
	bool kept = true;
	char *name = qbank_tidy(g->title);

	qb->seen++;
	switch (g->type) {
	case GIFT_NUMERICAL:
		qbank_refuse(qb, dl, g->line, name, kind,
			     "rapport has no numerical questions");
		free(name);
		return;
	case GIFT_MATCHING:
		qbank_refuse(qb, dl, g->line, name, kind,
			     "rapport has no matching questions");
		free(name);
		return;
	case GIFT_ESSAY:
		qbank_refuse(qb, dl, g->line, name, kind,
			     "rapport has no essays: nothing marks them");
		free(name);
		return;
	default:
		break;
	}
	q = qbank_add(qb, kinds[g->type], g->line);
	q->name = name;
	free(q->category);
	q->category = qbank_category_path(g->category);
	if (g->type == GIFT_DESCRIPTION) {
		qb->seen--; /* text, not a question */
		moodle_text_paras(q, g->text, gift_format(g), &lost);
		if (!q->n_paras) {
			qbank_drop_last(qb);
			return;
		}
		qb_text_losses(&l, lost);
		qb_losses_say(&l, dl, qb->file, g->line, name);
		return;
	}
	q->prompt = gift_text(g, g->text, &lost);
	q->explanation = gift_text(g, g->general, &lost);
	if (!q->prompt) {
		qbank_refuse(qb, dl, g->line, name, kind, "it has no text");
		qbank_drop_last(qb);
		return;
	}
	if (g->type == GIFT_MC)
		kept = gift_choice(qb, g, q, &l, &lost, dl);
	else if (g->type == GIFT_SHORT)
		kept = gift_short(qb, g, q, &l, &lost, dl);
	else
		gift_true_false(g, q, &lost);
	if (!kept) {
		/* said already; its losses go with it (and its name) */
		strbuf_release(&l.what);
		strbuf_release(&l.why);
		qbank_drop_last(qb);
		return;
	}
	qb_text_losses(&l, lost);
	qb_losses_say(&l, dl, qb->file, g->line, name);
}

void qbank_from_gift(struct qbank *qb, const struct gift_file *g,
		     struct diag_list *dl)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		if (g->v[i].type != GIFT_CATEGORY)
			gift_one(qb, &g->v[i], dl);
}

/* ---- ids ---- */

char *qbank_slug(const char *text, size_t max, const char *fallback)
{
	struct strbuf sb = { 0 };
	const unsigned char *p;
	bool dash = false;

	strbuf_add(&sb, "", 0);
	for (p = (const unsigned char *)(text ? text : ""); *p; p++) {
		if (isalnum(*p) && *p < 0x80) {
			if (dash && sb.len)
				strbuf_addc(&sb, '-');
			dash = false;
			strbuf_addc(&sb, (char)tolower(*p));
		} else if (*p != '\'' && !(*p >= 0x80 && *p < 0xC0)) {
			dash = true;
		}
	}
	if (sb.len > max) {
		size_t cut = max;
		while (cut > max / 2 && sb.buf[cut] != '-')
			cut--;
		if (sb.buf[cut] != '-')
			cut = max;
		sb.buf[cut] = '\0';
		sb.len = cut;
		while (sb.len && sb.buf[sb.len - 1] == '-')
			sb.buf[--sb.len] = '\0';
	}
	if (!sb.len) {
		strbuf_release(&sb);
		return xstrdup(fallback);
	}
	return strbuf_detach(&sb);
}

bool qbank_id_ok(const char *s)
{
	size_t n = 0;

	if (!s || !isalnum((unsigned char)*s) || (unsigned char)*s >= 0x80)
		return false;
	for (; *s; s++, n++)
		if (n >= 64 || (unsigned char)*s >= 0x80 ||
		    !(isalnum((unsigned char)*s) || strchr("_.-", *s)))
			return false;
	return true;
}

/* The ids this import has given, as an open-addressed set. */
struct idset {
	char **v;
	size_t cap, n;
};

static bool idset_has(const struct idset *s, const char *id)
{
	size_t i;

	if (!s->cap)
		return false;
	for (i = str_hash(id) & (s->cap - 1); s->v[i];
	     i = (i + 1) & (s->cap - 1))
		if (strcmp(s->v[i], id) == 0)
			return true;
	return false;
}

static void idset_put(struct idset *s, const char *id)
{
	size_t i;

	if ((s->n + 1) * 2 > s->cap) {
		struct idset bigger = { 0 };
		size_t k;
		bigger.cap = s->cap ? s->cap * 2 : 64;
		bigger.v = xcalloc(bigger.cap, sizeof(char *));
		for (k = 0; k < s->cap; k++)
			if (s->v[k]) {
				for (i = str_hash(s->v[k]) & (bigger.cap - 1);
				     bigger.v[i];
				     i = (i + 1) & (bigger.cap - 1))
					;
				bigger.v[i] = s->v[k];
			}
		bigger.n = s->n;
		free(s->v);
		*s = bigger;
	}
	for (i = str_hash(id) & (s->cap - 1); s->v[i];
	     i = (i + 1) & (s->cap - 1))
		;
	s->v[i] = xstrdup(id);
	s->n++;
}

static void idset_release(struct idset *s)
{
	size_t i;

	for (i = 0; i < s->cap; i++)
		free(s->v[i]);
	free(s->v);
}

/* ---- writing ---- */

#define QB_ID_BASE    56	 /* a base id's bytes, before "-NNN" */
#define QB_PART_BYTES (2u << 20) /* a bank file is split past these */
#define QB_PART_LINES 40000u	 /* (the loader's caps are 4 MiB, 65535) */

struct writer {
	const struct qb_write_opts *o;
	struct qb_output *out;
	struct diag_list *dl;
	struct idset ids;
	size_t errors;
};

/* base, or base-2, base-3 ...: the first the course and this import have
 * not given. Caller frees. */
static char *unique_id(struct writer *w, const char *base)
{
	char *id = xstrdup(base);
	unsigned k = 2;

	while (idset_has(&w->ids, id) ||
	       (w->o->taken && w->o->taken(w->o->taken_ctx, id))) {
		free(id);
		id = xasprintf("%s-%u", base, k++);
	}
	idset_put(&w->ids, id);
	return id;
}

void qbank_xml_escape(struct strbuf *sb, const char *s, bool attr)
{
	const char *special = attr ? "&<>\"\n\t" : "&<>\n\t";

	while (*s) {
		/* the run that needs nothing, in one go */
		size_t n = strcspn(s, special);
		strbuf_add(sb, s, n);
		s += n;
		if (!*s)
			break;
		if (*s == '&')
			strbuf_adds(sb, "&amp;");
		else if (*s == '<')
			strbuf_adds(sb, "&lt;");
		else if (*s == '>')
			strbuf_adds(sb, "&gt;");
		else if (*s == '"')
			strbuf_adds(sb, "&quot;");
		else
			strbuf_addc(sb, ' ');
		s++;
	}
}

#define QB_WRAP 78

/* <tag attrs>text</tag> at indent, the text wrapped at word ends to
 * QB_WRAP columns when it does not fit on one line. */
static void put_text(struct strbuf *sb, int indent, const char *tag,
		     const char *attrs, const char *text)
{
	struct strbuf esc = { 0 };
	size_t col, head;
	const char *p;

	qbank_xml_escape(&esc, text, false);
	strbuf_addf(sb, "%*s<%s%s>", indent, "", tag, attrs ? attrs : "");
	head = (size_t)indent + strlen(tag) + 2 + (attrs ? strlen(attrs) : 0);
	if (head + esc.len + strlen(tag) + 3 <= QB_WRAP) {
		strbuf_add(sb, esc.buf, esc.len);
		strbuf_addf(sb, "</%s>\n", tag);
		strbuf_release(&esc);
		return;
	}
	col = head;
	for (p = esc.buf; *p;) {
		const char *end = strchr(p, ' ');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (p != esc.buf && col + 1 + n > QB_WRAP) {
			strbuf_addf(sb, "\n%*s", indent + 2, "");
			col = (size_t)indent + 2;
		} else if (p != esc.buf) {
			strbuf_addc(sb, ' ');
			col++;
		}
		strbuf_add(sb, p, n);
		col += n;
		p += n;
		while (*p == ' ')
			p++;
	}
	strbuf_addf(sb, "</%s>\n", tag);
	strbuf_release(&esc);
}

static void put_attr(struct strbuf *sb, const char *name, const char *value)
{
	strbuf_addf(sb, " %s=\"", name);
	qbank_xml_escape(sb, value, true);
	strbuf_addc(sb, '"');
}

void qbank_number(struct strbuf *sb, double v, int places)
{
	char num[48];
	size_t n;

	snprintf(num, sizeof(num), "%.*f", places, v);
	n = strlen(num);
	while (n && num[n - 1] == '0')
		num[--n] = '\0';
	if (n && num[n - 1] == '.')
		num[--n] = '\0';
	strbuf_adds(sb, strcmp(num, "-0") == 0 ? "0" : num);
}

/* A percentage as the schema's decimal. */
static void put_percent(struct strbuf *sb, const char *name, double v)
{
	strbuf_addf(sb, " %s=\"", name);
	qbank_number(sb, v, 5);
	strbuf_addc(sb, '"');
}

static const char *const kind_elem[] = {
	[QB_SINGLE] = "single-choice", [QB_MULTI] = "multiple-response",
	[QB_JUDGEMENT] = "judgement",  [QB_TRUE_FALSE] = "true-false",
	[QB_SHORT] = "short-answer",   [QB_ORDERING] = "ordering",
	[QB_DESCRIPTION] = "lesson",
};

/* The ids of an ordering question's items: their first words, unique in
 * the question. Caller frees each and the array. */
static char **item_ids(const struct qb_question *q)
{
	char **ids = xcalloc(q->n_opts ? q->n_opts : 1, sizeof(char *));
	size_t i, k;

	for (i = 0; i < q->n_opts; i++) {
		char *base = qbank_slug(q->opts[i].text, 24, "item");
		unsigned n = 2;
		bool clash;

		ids[i] = xstrdup(base);
		do {
			clash = false;
			for (k = 0; k < i && !clash; k++)
				clash = strcmp(ids[k], ids[i]) == 0;
			if (clash) {
				free(ids[i]);
				ids[i] = xasprintf("%s-%u", base, n++);
			}
		} while (clash);
		free(base);
	}
	return ids;
}

char *qbank_first_words(const char *text, size_t max)
{
	size_t n = strlen(text), cut;

	if (n <= max)
		return xstrdup(text);
	cut = max;
	while (cut > max / 2 && text[cut] != ' ')
		cut--;
	if (text[cut] != ' ') {
		cut = max;
		while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
			cut--;
	}
	return xasprintf("%.*s...", (int)cut, text);
}

static void put_question(struct strbuf *sb, const struct qb_question *q,
			 const char *id, const char *competency)
{
	const char *el = kind_elem[q->kind];
	char **items = q->kind == QB_ORDERING ? item_ids(q) : NULL;
	size_t i;

	strbuf_addf(sb, "\n  <%s", el);
	put_attr(sb, "id", id);
	put_attr(sb, "competency", competency);
	if (fabs(q->points - 1) > 1e-9)
		put_percent(sb, "points", q->points);
	if (q->kind == QB_TRUE_FALSE)
		strbuf_addf(sb, " answer=\"%s\"", q->answer ? "true" : "false");
	if (!q->shuffle && (q->kind == QB_SINGLE || q->kind == QB_MULTI ||
			    q->kind == QB_JUDGEMENT))
		strbuf_adds(sb, " shuffle=\"false\"");
	strbuf_adds(sb, ">\n");
	put_text(sb, 4, "prompt", NULL, q->prompt);
	if (q->hint)
		put_text(sb, 4, "hint", NULL, q->hint);
	for (i = 0; i < q->n_opts; i++) {
		const struct qb_option *o = &q->opts[i];
		char letter[2] = { (char)('a' + i), 0 };

		switch (q->kind) {
		case QB_SINGLE:
		case QB_MULTI:
		case QB_JUDGEMENT:
			strbuf_adds(sb, "    <option");
			put_attr(sb, "id", letter);
			if (q->kind == QB_SINGLE && o->credit > 99.999)
				strbuf_adds(sb, " correct=\"true\"");
			else if (q->kind == QB_MULTI)
				put_percent(sb, "fraction", o->credit);
			else if (q->kind == QB_JUDGEMENT)
				put_percent(sb, "weight", o->credit);
			strbuf_adds(sb, ">\n");
			put_text(sb, 6, "text", NULL, o->text);
			if (q->kind == QB_JUDGEMENT) {
				char *why = o->feedback
						    ? NULL
						    : xasprintf("Worth %g%% of "
								"the credit.",
								o->credit);
				put_text(sb, 6, "rationale", NULL,
					 o->feedback ? o->feedback : why);
				free(why);
			} else if (o->feedback) {
				put_text(sb, 6, "feedback", NULL, o->feedback);
			}
			strbuf_adds(sb, "    </option>\n");
			break;
		case QB_SHORT:
			put_text(sb, 4, "accept", NULL, o->text);
			break;
		case QB_ORDERING: {
			struct strbuf a = { 0 };
			put_attr(&a, "id", items[i]);
			put_text(sb, 4, "item", a.buf, o->text);
			strbuf_release(&a);
			free(items[i]);
			break;
		}
		default:
			break;
		}
	}
	if (q->kind == QB_SHORT && q->pattern)
		put_text(sb, 4, "pattern", NULL, q->pattern);
	if (q->kind == QB_TRUE_FALSE) {
		if (q->fb_true)
			put_text(sb, 4, "feedback", " when=\"true\"",
				 q->fb_true);
		if (q->fb_false)
			put_text(sb, 4, "feedback", " when=\"false\"",
				 q->fb_false);
	}
	if (q->explanation)
		put_text(sb, 4, "explanation", NULL, q->explanation);
	strbuf_addf(sb, "  </%s>\n", el);
	free(items);
}

static void put_lesson(struct strbuf *sb, const struct qb_question *q,
		       const char *id, const char *competency,
		       const char *title)
{
	size_t i;

	strbuf_adds(sb, "<lesson");
	put_attr(sb, "id", id);
	put_attr(sb, "competency", competency);
	strbuf_adds(sb, ">\n");
	put_text(sb, 2, "title", NULL, title);
	strbuf_adds(sb, "  <section>\n");
	for (i = 0; i < q->n_paras;) {
		const struct qb_para *p = &q->paras[i];
		if (!p->in_list) {
			put_text(sb, 4, "p", NULL, p->text);
			i++;
			continue;
		}
		strbuf_addf(sb, "    <list%s>\n",
			    p->ordered ? " ordered=\"true\"" : "");
		for (; i < q->n_paras && q->paras[i].in_list &&
		       q->paras[i].ordered == p->ordered;
		     i++)
			put_text(sb, 6, "item", NULL, q->paras[i].text);
		strbuf_adds(sb, "    </list>\n");
	}
	strbuf_adds(sb, "  </section>\n</lesson>\n");
}

/* A category of this import: where its questions go. */
struct wcat {
	char *path;
	const char *info;    /* the first file's words for it */
	char *competency;    /* owned; NULL: none found */
	bool new_competency; /* the new course defines it */
	const char *file;    /* of its first question, for messages */
	unsigned line;
	size_t questions; /* not descriptions */
};

/* The last part of path as Moodle writes it ("//" for a '/'): how --map
 * names it. Caller frees. */
static char *last_part_shown(const char *path)
{
	return qbank_category_shown(last_part(path));
}

/* How well --map's category c names path: its whole path, else its last
 * part, else a category above it, the longer the better (case aside);
 * 0 when not at all. */
static size_t map_rank(const char *c, const char *path)
{
	char *whole = qbank_category_shown(path), *leaf;
	size_t rank = 0, i;

	if (strcasecmp(c, whole) == 0)
		rank = 3 * 4096;
	free(whole);
	if (rank)
		return rank;
	leaf = last_part_shown(path);
	if (strcasecmp(c, leaf) == 0)
		rank = 2 * 4096;
	free(leaf);
	for (i = 0; path[i] && !rank; i++) {
		char *above;
		if (path[i] != QB_CAT_SEP)
			continue;
		above = join_parts(path, i, true);
		if (strcasecmp(c, above) == 0)
			rank = 4096 + strlen(c);
		free(above);
	}
	return rank;
}

/* The --map entry that names path best; a later one wins a tie. */
static const char *mapped(const struct qb_write_opts *o, const char *path)
{
	const char *best = NULL;
	size_t best_rank = 0, i;

	for (i = 0; i < o->n_map; i++) {
		size_t rank = map_rank(o->map[i].category, path);
		if (rank && rank >= best_rank) {
			best = o->map[i].competency;
			best_rank = rank;
		}
	}
	return best;
}

static bool course_has(const struct qb_write_opts *o, const char *id)
{
	size_t i;

	for (i = 0; i < o->n_comps; i++)
		if (strcmp(o->comp_ids[i], id) == 0)
			return true;
	return false;
}

/* The course's competency whose id or name is leaf. */
static const char *competency_named(const struct qb_write_opts *o,
				    const char *leaf)
{
	char *slug = qbank_slug(leaf, 64, "");
	const char *found = NULL;
	size_t i;

	for (i = 0; i < o->n_comps && !found; i++)
		if (strcasecmp(o->comp_ids[i], leaf) == 0 ||
		    strcmp(o->comp_ids[i], slug) == 0 ||
		    (o->comp_names[i] &&
		     strcasecmp(o->comp_names[i], leaf) == 0))
			found = o->comp_ids[i];
	free(slug);
	return found;
}

/* The course's competency for a category: one named by its last part,
 * else by the nearest part above it (export-bank writes
 * COURSE/QUIZ/COMPETENCY). */
static const char *matching_competency(const struct qb_write_opts *o,
				       const char *path)
{
	char *p = xstrdup(path), *sep;
	const char *found;

	for (;;) {
		sep = strrchr(p, QB_CAT_SEP);
		found = competency_named(o, sep ? sep + 1 : p);
		if (found || !sep)
			break;
		*sep = '\0';
	}
	free(p);
	return found;
}

/* The category's path for a question: its own, or the file's name. */
static char *path_of(const struct qbank *qb, const struct qb_question *q)
{
	const char *base, *dot;
	char *stem, *path;

	if (q->category[0])
		return xstrdup(q->category);
	base = strrchr(qb->file, '/');
	base = base ? base + 1 : qb->file;
	dot = strrchr(base, '.');
	stem = dot && dot != base ? xstrndup(base, (size_t)(dot - base))
				  : xstrdup(base);
	/* a file's name may hold what a name in a course may not */
	path = qbank_tidy(stem);
	free(stem);
	return path ? path : xstrdup("bank");
}

static struct wcat *find_cat(struct wcat *cats, size_t n, const char *path)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(cats[i].path, path) == 0)
			return &cats[i];
	return NULL;
}

static struct qb_file *add_file(struct qb_output *out, char *name,
				const char *kind)
{
	struct qb_file *f;

	xgrow((void **)&out->files, &out->cap_files, out->n_files + 1,
	      sizeof(*out->files));
	f = &out->files[out->n_files++];
	f->name = name;
	f->text = NULL;
	f->kind = kind;
	f->questions = 0;
	return f;
}

static void put_head(struct strbuf *sb, const char *source)
{
	const char *base = strrchr(source, '/');
	struct strbuf esc = { 0 };
	const char *p;

	/* a comment may not hold "--" */
	for (p = base ? base + 1 : source; *p; p++)
		if (!(p[0] == '-' && p[1] == '-'))
			strbuf_addc(&esc, *p);
	strbuf_adds(sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	strbuf_adds(sb, QBANK_MARK);
	qbank_xml_escape(sb, strbuf_str(&esc), false);
	strbuf_adds(sb, " -->\n");
	strbuf_release(&esc);
}

static size_t count_lines(const char *s, size_t n)
{
	size_t k = 0;

	while (n--)
		k += *s++ == '\n';
	return k;
}

/* Settles every category's competency; errors for those with none. */
static void place_categories(struct writer *w, struct wcat *cats, size_t n)
{
	const struct qb_write_opts *o = w->o;
	size_t i;

	for (i = 0; i < n; i++) {
		struct wcat *c = &cats[i];
		const char *id = mapped(o, c->path);

		if (!id)
			id = o->competency;
		if (id) {
			if (!o->new_course && !course_has(o, id)) {
				char *shown = qbank_category_shown(c->path);
				diag_add(w->dl, DIAG_ERROR, c->file, c->line, 0,
					 "competency '%s' (for category '%s') "
					 "is not in the course",
					 id, shown);
				free(shown);
				w->errors++;
				continue;
			}
			c->competency = xstrdup(id);
			c->new_competency = o->new_course;
			continue;
		}
		if (!o->new_course) {
			id = matching_competency(o, c->path);
			if (!id) {
				char *shown = qbank_category_shown(c->path);
				char *leaf = last_part_shown(c->path);
				diag_add(w->dl, DIAG_ERROR, c->file, c->line, 0,
					 "category '%s' is no competency of "
					 "the course: give --competency ID, or "
					 "--map '%s=ID'",
					 shown, leaf);
				free(shown);
				free(leaf);
				w->errors++;
				continue;
			}
			c->competency = xstrdup(id);
			continue;
		}
		c->new_competency = true;
	}
	/* a new course's own competencies: one per category, after the
	 * named ones so that those keep their ids */
	for (i = 0; i < n; i++) {
		struct wcat *c = &cats[i];
		if (c->new_competency && c->competency &&
		    !idset_has(&w->ids, c->competency))
			idset_put(&w->ids, c->competency);
	}
	for (i = 0; i < n; i++) {
		struct wcat *c = &cats[i];
		if (c->new_competency && !c->competency) {
			char *name = qbank_category_name(c->path);
			char *base = qbank_slug(name, QB_ID_BASE, "competency");
			free(name);
			c->competency = unique_id(w, base);
			free(base);
		}
	}
}

static void write_course(struct writer *w, struct wcat *cats, size_t n,
			 const char *source)
{
	struct strbuf sb = { 0 };
	struct qb_file *f;
	size_t i, k;

	put_head(&sb, source);
	strbuf_adds(&sb, "<course");
	put_attr(&sb, "id", w->o->course_id);
	strbuf_adds(&sb, " format=\"1\">\n");
	put_text(&sb, 2, "title", NULL, w->o->course_title);
	for (i = 0; i < n; i++) {
		bool again = false;
		char *name;
		if (!cats[i].new_competency || !cats[i].competency)
			continue;
		for (k = 0; k < i && !again; k++)
			again = cats[k].new_competency && cats[k].competency &&
				strcmp(cats[k].competency,
				       cats[i].competency) == 0;
		if (again)
			continue;
		name = mapped(w->o, cats[i].path) || w->o->competency
			       ? xstrdup(cats[i].competency)
			       : qbank_category_name(cats[i].path);
		strbuf_adds(&sb, "  <competency");
		put_attr(&sb, "id", cats[i].competency);
		strbuf_adds(&sb, ">\n");
		put_text(&sb, 4, "name", NULL, name);
		free(name);
		if (cats[i].info && !mapped(w->o, cats[i].path) &&
		    !w->o->competency)
			put_text(&sb, 4, "description", NULL, cats[i].info);
		strbuf_adds(&sb, "  </competency>\n");
		w->out->competencies++;
	}
	strbuf_adds(&sb, "</course>\n");
	f = add_file(w->out, xstrdup("course.xml"), "course");
	f->text = strbuf_detach(&sb);
}

/* One category's bank file or files (split to stay under the loader's
 * caps) and its lessons. */
static void write_category(struct writer *w, const struct qbank *banks,
			   size_t n_banks, size_t *const *where, size_t at,
			   struct wcat *c)
{
	struct strbuf sb = { 0 };
	/* the bank file being written, by its place: adding a lesson's file
	 * may move the array */
	size_t f = SIZE_MAX, b, i, part = 1, lines = 0;
	char *bank_id = NULL;

	for (b = 0; b < n_banks; b++)
		for (i = 0; i < banks[b].n; i++) {
			const struct qb_question *q = &banks[b].v[i];
			char *base, *id;

			if (where[b][i] != at)
				continue;
			base = q->idnumber
				       ? xstrdup(q->idnumber)
				       : qbank_slug(q->name ? q->name
						    : q->prompt
							    ? q->prompt
							    : q->paras[0].text,
						    QB_ID_BASE,
						    q->kind == QB_DESCRIPTION
							    ? "lesson"
							    : "q");
			id = unique_id(w, base);
			free(base);
			if (q->kind == QB_DESCRIPTION) {
				struct strbuf l = { 0 };
				struct qb_file *lf;
				char *title =
					q->name ? xstrdup(q->name)
						: qbank_first_words(
							  q->paras[0].text, 60);
				put_head(&l, banks[b].file);
				put_lesson(&l, q, id, c->competency, title);
				free(title);
				lf = add_file(w->out, xasprintf("%s.xml", id),
					      "lesson");
				lf->text = strbuf_detach(&l);
				w->out->lessons++;
				free(id);
				continue;
			}
			if (f != SIZE_MAX &&
			    (sb.len > QB_PART_BYTES || lines > QB_PART_LINES)) {
				strbuf_adds(&sb, "</bank>\n");
				w->out->files[f].text = strbuf_detach(&sb);
				f = SIZE_MAX;
				part++;
			}
			if (f == SIZE_MAX) {
				char *shown = join_parts(
					c->path, strlen(c->path), false);
				char *name =
					qbank_slug(shown, QB_ID_BASE - 5, "");
				char *slug = xasprintf("%s%sbank", name,
						       *name ? "-" : "");
				free(name);
				char *title = part == 1
						      ? xstrdup(shown)
						      : xasprintf("%s (%zu)",
								  shown, part);
				free(shown);
				free(bank_id);
				bank_id = unique_id(w, slug);
				free(slug);
				put_head(&sb, banks[b].file);
				strbuf_adds(&sb, "<bank");
				put_attr(&sb, "id", bank_id);
				strbuf_adds(&sb, ">\n");
				put_text(&sb, 2, "title", NULL, title);
				free(title);
				add_file(w->out, xasprintf("%s.xml", bank_id),
					 "bank");
				f = w->out->n_files - 1;
				w->out->banks++;
				lines = 0;
			}
			{
				size_t before = sb.len;
				put_question(&sb, q, id, c->competency);
				lines += count_lines(sb.buf + before,
						     sb.len - before);
			}
			w->out->files[f].questions++;
			w->out->questions++;
			free(id);
		}
	if (f != SIZE_MAX) {
		strbuf_adds(&sb, "</bank>\n");
		w->out->files[f].text = strbuf_detach(&sb);
	}
	strbuf_release(&sb);
	free(bank_id);
}

size_t qbank_write(const struct qbank *banks, size_t n,
		   const struct qb_write_opts *o, struct qb_output *out,
		   struct diag_list *dl)
{
	struct writer w = { o, out, dl, { 0 }, 0 };
	struct wcat *cats = NULL;
	size_t n_cats = 0, cap = 0, b, i;
	/* each question's category, by its place in cats */
	size_t **where = xcalloc(n ? n : 1, sizeof(*where));

	memset(out, 0, sizeof(*out));
	/* room for every id at once: growing a set of tens of thousands
	 * step by step costs more than filling it */
	for (b = 0, i = 0; b < n; b++)
		i += banks[b].n;
	for (w.ids.cap = 64; w.ids.cap < 2 * (i + 16); w.ids.cap *= 2)
		;
	w.ids.v = xcalloc(w.ids.cap, sizeof(char *));
	/* names the loader gives a meaning, and the new course's id */
	idset_put(&w.ids, "course");
	if (o->new_course)
		idset_put(&w.ids, o->course_id);
	for (b = 0; b < n; b++) {
		where[b] = xcalloc(banks[b].n ? banks[b].n : 1, sizeof(size_t));
		for (i = 0; i < banks[b].n; i++) {
			const struct qb_question *q = &banks[b].v[i];
			struct wcat *c = NULL;
			char *path;
			size_t k;

			/* questions come in runs of one category */
			if (i && strcmp(q->category,
					banks[b].v[i - 1].category) == 0) {
				where[b][i] = where[b][i - 1];
				if (q->kind != QB_DESCRIPTION)
					cats[where[b][i]].questions++;
				continue;
			}
			path = path_of(&banks[b], q);
			c = find_cat(cats, n_cats, path);
			if (c) {
				free(path);
			} else {
				xgrow((void **)&cats, &cap, n_cats + 1,
				      sizeof(*cats));
				c = &cats[n_cats++];
				memset(c, 0, sizeof(*c));
				c->path = path;
				c->file = banks[b].file;
				c->line = q->line;
			}
			if (!c->info)
				for (k = 0; k < banks[b].n_cats; k++)
					if (strcmp(banks[b].cats[k].path,
						   c->path) == 0)
						c->info = banks[b].cats[k].info;
			if (q->kind != QB_DESCRIPTION)
				c->questions++;
			where[b][i] = (size_t)(c - cats);
		}
	}
	place_categories(&w, cats, n_cats);
	if (o->new_course && n_cats) /* a course needs a competency */
		write_course(&w, cats, n_cats, banks[0].file);
	for (i = 0; i < n_cats; i++) {
		if (cats[i].competency)
			write_category(&w, banks, n, where, i, &cats[i]);
		else
			out->unplaced += cats[i].questions;
	}
	for (i = 0; i < n_cats; i++) {
		free(cats[i].path);
		free(cats[i].competency);
	}
	for (b = 0; b < n; b++)
		free(where[b]);
	free(where);
	free(cats);
	idset_release(&w.ids);
	return w.errors;
}

void qb_output_release(struct qb_output *out)
{
	size_t i;

	for (i = 0; i < out->n_files; i++) {
		free(out->files[i].name);
		free(out->files[i].text);
	}
	free(out->files);
	memset(out, 0, sizeof(*out));
}

void qbank_release(struct qbank *qb)
{
	size_t i;

	for (i = 0; i < qb->n; i++)
		question_release(&qb->v[i]);
	for (i = 0; i < qb->n_cats; i++) {
		free(qb->cats[i].path);
		free(qb->cats[i].info);
	}
	free(qb->v);
	free(qb->cats);
	qb->v = NULL;
	qb->cats = NULL;
	qb->n = qb->cap = qb->n_cats = qb->cap_cats = 0;
}
