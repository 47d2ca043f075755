/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qbank_out.c - a course's questions written as a Moodle XML question bank
 * or as GIFT (export-bank), for another tool to take in; what that format
 * has no home for is said, as import says it the other way (qbank.h). */
#include "qbank.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

/* ---- text ---- */

/* Text as it goes into the file: a course's text has no line ends (the
 * loader folds them), so this is plain XML escaping. */
static void esc(struct strbuf *sb, const char *s)
{
	if (s)
		qbank_xml_escape(sb, s, true);
}

/* <tag format="html"><text><![CDATA[<p>text</p>]]></text></tag>, the text
 * escaped as HTML (so "]]>" cannot occur in it), as Moodle writes its
 * own. */
static void moodle_html(struct strbuf *sb, int indent, const char *tag,
			const char *extra, const char *text)
{
	strbuf_addf(sb, "%*s<%s%s format=\"html\">\n%*s<text>", indent, "", tag,
		    extra ? extra : "", indent + 2, "");
	if (text && *text) {
		strbuf_adds(sb, "<![CDATA[<p>");
		esc(sb, text);
		strbuf_adds(sb, "</p>]]>");
	}
	strbuf_addf(sb, "</text>\n");
}

static void moodle_close(struct strbuf *sb, int indent, const char *tag)
{
	strbuf_addf(sb, "%*s</%s>\n", indent, "", tag);
}

static void moodle_field(struct strbuf *sb, const char *tag, const char *text,
			 int indent)
{
	moodle_html(sb, indent, tag, NULL, text);
	moodle_close(sb, indent, tag);
}

/* A percentage as Moodle writes a fraction: up to seven places. */
static void grade(struct strbuf *sb, double v)
{
	qbank_number(sb, v, 7);
}

/* ---- what is written, and where ---- */

struct out {
	const struct course *c;
	enum qb_out_format fmt;
	struct strbuf *sb;
	struct qb_export *st;
	struct diag_list *dl;
	char *category; /* the last written */
};

static void warn(struct out *o, const struct question *q, const char *fmt, ...)
	RP_PRINTF(3, 4);
static void warn(struct out *o, const struct question *q, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_add(o->dl, DIAG_WARNING, q->item.loc.file, q->item.loc.line,
		 q->item.loc.col, "question '%s': %s", q->item.id, msg);
	free(msg);
}

/* The credit of an option on Moodle's list, said when it had to move. */
static double moodle_credit(struct out *o, const struct question *q,
			    const struct choice *ch, const char *what)
{
	double g = qbank_moodle_grade_nearest(ch->credit);

	if (fabs(g - ch->credit) >= 0.001) {
		warn(o, q,
		     "option '%s' %s %g%% moved to %.7g%%, the nearest grade "
		     "Moodle allows",
		     ch->id, what, ch->credit, g);
		o->st->moved++;
	}
	return g;
}

static void category(struct out *o, const char *path)
{
	if (o->category && strcmp(o->category, path) == 0)
		return;
	free(o->category);
	o->category = xstrdup(path);
	o->st->categories++;
	if (o->fmt == QB_OUT_GIFT) {
		strbuf_addf(o->sb, "$CATEGORY: $course$/%s\n\n", path);
		return;
	}
	strbuf_adds(o->sb, "  <question type=\"category\">\n    <category>\n"
			   "      <text>$course$/");
	esc(o->sb, path);
	strbuf_adds(o->sb, "</text>\n    </category>\n  </question>\n\n");
}

/* "COURSE/CONTAINER/COMPETENCY", each part's '/' doubled, as Moodle
 * writes a '/' inside a name. */
static char *path_for(const struct course *c, const char *container,
		      const struct question *q)
{
	const struct competency *k =
		(const struct competency *)course_find_kind(c, q->competency.id,
							    ITEM_COMPETENCY);
	const char *parts[3] = { c->title ? c->title : c->item.id, container,
				 k && k->name ? k->name : q->competency.id };
	struct strbuf sb = { 0 };
	size_t i;
	const char *p;

	for (i = 0; i < 3; i++) {
		if (i)
			strbuf_addc(&sb, '/');
		for (p = parts[i] ? parts[i] : ""; *p; p++) {
			if (*p == '/')
				strbuf_addc(&sb, '/');
			strbuf_addc(&sb, *p);
		}
	}
	return strbuf_detach(&sb);
}

/* ---- Moodle XML ---- */

static const char *const moodle_type[] = {
	[Q_SINGLE] = "multichoice",  [Q_MULTIPLE] = "multichoice",
	[Q_TRUEFALSE] = "truefalse", [Q_JUDGEMENT] = "multichoice",
	[Q_ORDERING] = "ordering",   [Q_SHORT] = "shortanswer",
};

static void moodle_answer(struct strbuf *sb, double fraction, const char *text,
			  const char *feedback, bool plain)
{
	strbuf_adds(sb, "    <answer fraction=\"");
	grade(sb, fraction);
	strbuf_addf(sb, "\" format=\"%s\">\n      <text>",
		    plain ? "moodle_auto_format" : "html");
	if (plain) {
		esc(sb, text);
	} else {
		strbuf_adds(sb, "<![CDATA[<p>");
		esc(sb, text);
		strbuf_adds(sb, "</p>]]>");
	}
	strbuf_adds(sb, "</text>\n");
	if (feedback)
		moodle_field(sb, "feedback", feedback, 6);
	strbuf_adds(sb, "    </answer>\n");
}

static void moodle_question(struct out *o, const struct question *q)
{
	struct strbuf *sb = o->sb;
	char *name = qbank_first_words(q->prompt, 60);
	size_t i;

	strbuf_addf(sb, "  <question type=\"%s\">\n    <name>\n      <text>",
		    moodle_type[q->type]);
	esc(sb, name);
	free(name);
	strbuf_adds(sb, "</text>\n    </name>\n");
	moodle_field(sb, "questiontext", q->prompt, 4);
	moodle_field(sb, "generalfeedback", q->explanation, 4);
	strbuf_adds(sb, "    <defaultgrade>");
	grade(sb, q->points);
	strbuf_adds(sb, "</defaultgrade>\n    <penalty>0</penalty>\n"
			"    <hidden>0</hidden>\n    <idnumber>");
	esc(sb, q->item.id);
	strbuf_adds(sb, "</idnumber>\n");
	switch (q->type) {
	case Q_SINGLE:
	case Q_MULTIPLE:
	case Q_JUDGEMENT:
		strbuf_addf(sb,
			    "    <single>%s</single>\n"
			    "    <shuffleanswers>%s</shuffleanswers>\n"
			    "    <answernumbering>abc</answernumbering>\n",
			    q->type == Q_MULTIPLE ? "false" : "true",
			    q->shuffle ? "true" : "false");
		for (i = 0; i < q->n_choices; i++) {
			const struct choice *ch = &q->choices[i];
			double g = q->type == Q_SINGLE
					   ? (ch->credit > 99.999 ? 100 : 0)
					   : moodle_credit(o, q, ch,
							   q->type == Q_MULTIPLE
								   ? "fraction"
								   : "weight");
			moodle_answer(sb, g, ch->text, ch->feedback, false);
		}
		break;
	case Q_TRUEFALSE:
		for (i = 0; i < q->n_choices; i++)
			moodle_answer(
				sb, q->choices[i].credit > 99.999 ? 100 : 0,
				q->choices[i].id, q->choices[i].feedback, true);
		break;
	case Q_SHORT:
		strbuf_adds(sb, "    <usecase>0</usecase>\n");
		for (i = 0; i < q->n_accept; i++)
			moodle_answer(sb, 100, q->accept[i], NULL, true);
		break;
	case Q_ORDERING:
		strbuf_adds(
			sb,
			"    <layouttype>VERTICAL</layouttype>\n"
			"    <selecttype>ALL</selecttype>\n"
			"    <selectcount>0</selectcount>\n"
			"    <gradingtype>RELATIVE_TO_CORRECT</gradingtype>\n"
			"    <showgrading>SHOW</showgrading>\n");
		for (i = 0; i < q->n_choices; i++)
			moodle_answer(sb, (double)(i + 1), q->choices[i].text,
				      NULL, false);
		break;
	default:
		break;
	}
	if (q->hint)
		moodle_field(sb, "hint", q->hint, 4);
	strbuf_adds(sb, "  </question>\n\n");
}

/* ---- GIFT ---- */

static void gift_esc(struct strbuf *sb, const char *s)
{
	for (; s && *s; s++) {
		if (strchr("~=#{}:\\", *s))
			strbuf_addc(sb, '\\');
		if (*s == '\n')
			strbuf_adds(sb, "\\n");
		else
			strbuf_addc(sb, *s);
	}
}

static void gift_feedback(struct strbuf *sb, const char *fb)
{
	if (fb) {
		strbuf_addc(sb, '#');
		gift_esc(sb, fb);
	}
}

static void gift_question(struct out *o, const struct question *q)
{
	struct strbuf *sb = o->sb;
	size_t i;

	if (q->type == Q_ORDERING) {
		warn(o, q, "not exported: GIFT has no ordering questions");
		o->st->left_out++;
		return;
	}
	if (q->hint)
		warn(o, q, "its hint not exported: GIFT has no hints");
	if (fabs(q->points - 1) > 1e-9)
		warn(o, q,
		     "its %g points not exported: a GIFT question has no "
		     "mark of its own",
		     q->points);
	strbuf_adds(sb, "::");
	gift_esc(sb, q->item.id);
	strbuf_adds(sb, ":: ");
	gift_esc(sb, q->prompt);
	strbuf_adds(sb, " {");
	switch (q->type) {
	case Q_TRUEFALSE: {
		const struct choice *right = NULL, *wrong = NULL;
		for (i = 0; i < q->n_choices; i++)
			if (q->choices[i].credit > 99.999)
				right = &q->choices[i];
			else
				wrong = &q->choices[i];
		strbuf_adds(sb, right && strcmp(right->id, "true") == 0
					? "TRUE"
					: "FALSE");
		if (wrong && wrong->feedback) {
			gift_feedback(sb, wrong->feedback);
			if (right && right->feedback)
				gift_feedback(sb, right->feedback);
		} else if (right && right->feedback) {
			strbuf_adds(sb, "#");
			gift_feedback(sb, right->feedback);
		}
		break;
	}
	case Q_SHORT:
		for (i = 0; i < q->n_accept; i++) {
			strbuf_adds(sb, "\n\t=");
			gift_esc(sb, q->accept[i]);
		}
		break;
	default:
		for (i = 0; i < q->n_choices; i++) {
			const struct choice *ch = &q->choices[i];
			strbuf_adds(sb, "\n\t");
			if (q->type == Q_SINGLE) {
				strbuf_adds(sb,
					    ch->credit > 99.999 ? "=" : "~");
			} else {
				double g = moodle_credit(o, q, ch,
							 q->type == Q_MULTIPLE
								 ? "fraction"
								 : "weight");
				if (q->type == Q_JUDGEMENT && g > 99.999) {
					strbuf_adds(sb, "=");
				} else {
					strbuf_adds(sb, "~%");
					grade(sb, g);
					strbuf_adds(sb, "%");
				}
			}
			gift_esc(sb, ch->text);
			gift_feedback(sb, ch->feedback);
		}
		break;
	}
	if (q->explanation) {
		strbuf_adds(sb, "\n\t####");
		gift_esc(sb, q->explanation);
	}
	strbuf_adds(sb, q->type == Q_TRUEFALSE ? "}\n\n" : "\n}\n\n");
}

/* ---- the course ---- */

static void one(struct out *o, const char *container, const struct question *q)
{
	char *path = path_for(o->c, container, q);

	if (q->type == Q_SHORT && (q->n_keywords || q->pattern))
		warn(o, q,
		     "its %s not exported: %s takes only answers to match "
		     "whole",
		     q->n_keywords && q->pattern ? "keywords and pattern"
		     : q->n_keywords		 ? "keywords"
						 : "pattern",
		     o->fmt == QB_OUT_GIFT ? "GIFT" : "Moodle");
	if (!(o->fmt == QB_OUT_GIFT && q->type == Q_ORDERING))
		category(o, path);
	free(path);
	if (o->fmt == QB_OUT_GIFT) {
		gift_question(o, q);
		if (q->type != Q_ORDERING)
			o->st->questions++;
		return;
	}
	moodle_question(o, q);
	o->st->questions++;
}

static const char *container_title(const struct item *it)
{
	const char *t = item_title(it);

	if (it->kind == ITEM_BANK && ((const struct bank *)it)->title)
		t = ((const struct bank *)it)->title;
	return t ? t : it->id;
}

static void bank_questions(struct out *o, const struct bank *b)
{
	size_t i;

	for (i = 0; i < b->n_questions; i++)
		one(o, container_title(&b->item), b->questions[i]);
}

static void quiz_questions(struct out *o, const struct quiz *z, bool banks)
{
	size_t p, i;

	for (p = 0; p < z->n_pools; p++) {
		const struct pool *pl = z->pools[p];
		for (i = 0; i < pl->n_questions; i++)
			one(o, z->title, pl->questions[i]);
		if (banks && pl->bank.id) {
			const struct bank *b =
				(const struct bank *)course_find_kind(
					o->c, pl->bank.id, ITEM_BANK);
			if (b)
				bank_questions(o, b);
		}
	}
}

void qbank_export(const struct course *c, const struct item *only,
		  enum qb_out_format fmt, struct strbuf *sb,
		  struct qb_export *st, struct diag_list *dl)
{
	struct out o = { c, fmt, sb, st, dl, NULL };
	size_t i;

	memset(st, 0, sizeof(*st));
	if (fmt == QB_OUT_MOODLE)
		strbuf_adds(sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				"<quiz>\n");
	else
		strbuf_adds(sb, "// GIFT, written by rapport export-bank\n\n");
	if (only && only->kind == ITEM_QUIZ) {
		quiz_questions(&o, (const struct quiz *)only, true);
	} else if (only && only->kind == ITEM_BANK) {
		bank_questions(&o, (const struct bank *)only);
	} else {
		for (i = 0; i < c->quizzes.n; i++)
			quiz_questions(&o, c->quizzes.v[i], false);
		for (i = 0; i < c->banks.n; i++)
			bank_questions(&o, c->banks.v[i]);
		st->statements = c->statements.n;
		st->scenarios = c->scenarios.n;
		st->lessons = c->lessons.n;
	}
	if (fmt == QB_OUT_MOODLE)
		strbuf_adds(sb, "</quiz>\n");
	free(o.category);
}
