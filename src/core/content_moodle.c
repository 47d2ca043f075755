/* SPDX-License-Identifier: GPL-3.0-or-later */
/* content_moodle.c - Moodle XML question banks read into imported
 * questions, and Moodle's text formats made into rapport's (moodle.h).
 * The bank is parsed by the loader's own safe parse (content.c); HTML by
 * libxml2's HTML parser with no network and no error output. */
#include "moodle.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "content.h"
#include "content_dom.h"
#include "util.h"

/* ---- text ---- */

/* Paragraphs being gathered from a text. */
struct gather {
	struct qb_question *q; /* paragraphs go here; NULL: into one */
	struct strbuf one;     /* the single paragraph */
	struct strbuf cur;     /* the paragraph being read */
	bool in_list, ordered; /* where cur stands */
	unsigned *lost;
};

static void end_para(struct gather *g)
{
	char *t = qbank_tidy(strbuf_str(&g->cur));

	strbuf_reset(&g->cur);
	if (!t)
		return;
	if (g->q) {
		qbank_add_para(g->q, t, g->in_list, g->ordered);
	} else {
		if (g->one.len)
			strbuf_addc(&g->one, ' ');
		strbuf_adds(&g->one, t);
	}
	free(t);
}

static bool is_tag(const xmlNode *n, const char *const *names)
{
	for (; *names; names++)
		if (strcasecmp((const char *)n->name, *names) == 0)
			return true;
	return false;
}

static const char *const block_tags[] = {
	"p",	  "div",     "h1",	   "h2",	 "h3",	    "h4",
	"h5",	  "h6",	     "blockquote", "pre",	 "section", "article",
	"header", "footer",  "figure",	   "figcaption", "dl",	    "dt",
	"dd",	  "address", "center",	   "caption",	 "tr",	    NULL,
};
static const char *const skip_tags[] = {
	"script", "style", "head", "title", "noscript", "template", NULL,
};
static const char *const media_tags[] = {
	"audio",  "video", "object", "embed", "iframe",
	"canvas", "svg",   "math",   NULL,
};

static void walk(struct gather *g, const xmlNode *n, int depth)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				strbuf_adds(&g->cur, (const char *)n->content);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE || depth > 200)
			continue;
		if (is_tag(n, skip_tags))
			continue;
		if (is_tag(n, media_tags)) {
			*g->lost |= MOODLE_LOST_MEDIA;
			continue;
		}
		if (strcasecmp((const char *)n->name, "img") == 0) {
			xmlChar *alt = xmlGetProp(n, BAD_CAST "alt");
			*g->lost |= MOODLE_LOST_IMAGE;
			/* the picture's words, where an author gave them */
			if (alt && *alt) {
				strbuf_adds(&g->cur, " [");
				strbuf_adds(&g->cur, (const char *)alt);
				strbuf_adds(&g->cur, "] ");
			}
			xmlFree(alt);
			continue;
		}
		if (strcasecmp((const char *)n->name, "br") == 0 ||
		    strcasecmp((const char *)n->name, "hr") == 0) {
			end_para(g);
			continue;
		}
		if (strcasecmp((const char *)n->name, "ul") == 0 ||
		    strcasecmp((const char *)n->name, "ol") == 0) {
			bool was_list = g->in_list, was_ordered = g->ordered;
			end_para(g);
			g->in_list = true;
			g->ordered =
				strcasecmp((const char *)n->name, "ol") == 0;
			walk(g, n->children, depth + 1);
			end_para(g);
			g->in_list = was_list;
			g->ordered = was_ordered;
			continue;
		}
		if (strcasecmp((const char *)n->name, "table") == 0)
			*g->lost |= MOODLE_LOST_TABLE;
		if (strcasecmp((const char *)n->name, "td") == 0 ||
		    strcasecmp((const char *)n->name, "th") == 0)
			strbuf_addc(&g->cur, ' ');
		if (strcasecmp((const char *)n->name, "a") == 0) {
			xmlChar *href = xmlGetProp(n, BAD_CAST "href");
			walk(g, n->children, depth + 1);
			if (href &&
			    strstr((const char *)href, "@@PLUGINFILE@@"))
				*g->lost |= MOODLE_LOST_IMAGE;
			else if (href && (strncmp((const char *)href, "http://",
						  7) == 0 ||
					  strncmp((const char *)href,
						  "https://", 8) == 0)) {
				/* the address, unless the words are it */
				if (!strstr(strbuf_str(&g->cur),
					    (const char *)href)) {
					strbuf_adds(&g->cur, " (");
					strbuf_adds(&g->cur,
						    (const char *)href);
					strbuf_adds(&g->cur, ")");
				}
			} else if (href && *href)
				*g->lost |= MOODLE_LOST_LINK;
			xmlFree(href);
			continue;
		}
		if (strcasecmp((const char *)n->name, "li") == 0 ||
		    is_tag(n, block_tags)) {
			end_para(g);
			walk(g, n->children, depth + 1);
			end_para(g);
			continue;
		}
		walk(g, n->children, depth + 1);
	}
}

/* Whether html is text the HTML parser would leave as it is: no markup
 * at all, or one <p> round text with none. Sets [*from, *to) to the
 * text. A bank holds tens of thousands of such texts, and parsing each
 * costs more than all the rest of an import. */
static bool plain_html(const char *html, size_t *from, size_t *to)
{
	size_t n = strlen(html), a = 0, b;

	while (a < n && isspace((unsigned char)html[a]))
		a++;
	b = n;
	while (b > a && isspace((unsigned char)html[b - 1]))
		b--;
	if (b - a >= 7 && strncmp(html + a, "<p>", 3) == 0 &&
	    strncmp(html + b - 4, "</p>", 4) == 0) {
		a += 3;
		b -= 4;
	}
	*from = a;
	*to = b;
	return !memchr(html + a, '<', b - a) && !memchr(html + a, '&', b - a);
}

/* One HTML parser for every text: a bank has tens of thousands of them,
 * and making a parser costs more than most texts take to parse. */
static htmlParserCtxtPtr html_parser;

void content_moodle_free(void)
{
	if (html_parser)
		htmlFreeParserCtxt(html_parser);
	html_parser = NULL;
}

static void gather_html(struct gather *g, const char *html)
{
	htmlDocPtr doc = NULL;
	size_t from, to;

	if (plain_html(html, &from, &to)) {
		strbuf_add(&g->cur, html + from, to - from);
		end_para(g);
		return;
	}
	content_init();
	if (!html_parser)
		html_parser = htmlNewParserCtxt();
	if (html_parser)
		doc = htmlCtxtReadMemory(html_parser, html, (int)strlen(html),
					 NULL, "UTF-8",
					 HTML_PARSE_NONET | HTML_PARSE_NOERROR |
						 HTML_PARSE_NOWARNING);
	if (!doc) {
		/* nothing HTML in it that the parser could make out */
		strbuf_adds(&g->cur, html);
		end_para(g);
		return;
	}
	walk(g, doc->children, 0);
	end_para(g);
	xmlFreeDoc(doc);
}

/* Plain text: a blank line ends a paragraph; other line ends are
 * spaces. */
static void gather_plain(struct gather *g, const char *s)
{
	const char *p = s;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		const char *q = p;

		while (q < p + n && isspace((unsigned char)*q))
			q++;
		if (q == p + n)
			end_para(g);
		else {
			strbuf_add(&g->cur, p, n);
			strbuf_addc(&g->cur, ' ');
		}
		p += n;
		if (*p)
			p++;
	}
	end_para(g);
}

static void gather_text(struct gather *g, const char *text, const char *format)
{
	if (!text)
		return;
	if (format && (strcmp(format, "plain_text") == 0 ||
		       strcmp(format, "plain") == 0)) {
		gather_plain(g, text);
	} else if (format && strcmp(format, "markdown") == 0) {
		if (strpbrk(text, "*_#`[>"))
			*g->lost |= MOODLE_LOST_FORMAT;
		gather_plain(g, text);
	} else if (format && (strcmp(format, "moodle_auto_format") == 0 ||
			      strcmp(format, "moodle") == 0)) {
		/* Moodle's own: HTML may be in it, and each line end is a
		 * break */
		if (strchr(text, '<')) {
			struct strbuf sb = { 0 };
			const char *p;
			for (p = text; *p; p++)
				if (*p == '\n')
					strbuf_adds(&sb, "<br>");
				else
					strbuf_addc(&sb, *p);
			gather_html(g, strbuf_str(&sb));
			strbuf_release(&sb);
		} else {
			gather_plain(g, text);
		}
	} else {
		gather_html(g, text);
	}
}

char *moodle_text(const char *text, const char *format, unsigned *lost)
{
	struct gather g = { 0 };

	g.lost = lost;
	gather_text(&g, text, format);
	strbuf_release(&g.cur);
	if (!g.one.len) {
		strbuf_release(&g.one);
		return NULL;
	}
	return strbuf_detach(&g.one);
}

void moodle_text_paras(struct qb_question *q, const char *text,
		       const char *format, unsigned *lost)
{
	struct gather g = { 0 };

	g.q = q;
	g.lost = lost;
	gather_text(&g, text, format);
	strbuf_release(&g.cur);
	strbuf_release(&g.one);
}

bool moodle_is_xml(const char *buf, size_t len)
{
	size_t i = 0;

	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && isspace((unsigned char)buf[i]))
		i++;
	return i < len && buf[i] == '<';
}

/* ---- the bank ---- */

static bool is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)n->name, name) == 0;
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
	for (n = n ? n->children : NULL; n; n = n->next)
		if (is(n, name))
			return n;
	return NULL;
}

/* The text of an element, owned by the caller; NULL when absent. */
static char *content_of(const xmlNode *n)
{
	xmlChar *c;
	char *s;

	if (!n)
		return NULL;
	c = xmlNodeGetContent(n);
	s = c ? xstrdup((const char *)c) : NULL;
	xmlFree(c);
	return s;
}

/* <name><text>..</text></name>-style: the <text> inside n. */
static char *text_in(const xmlNode *n)
{
	return content_of(child(n, "text"));
}

static char *prop(const xmlNode *n, const char *name)
{
	xmlChar *v = n ? xmlGetProp(n, BAD_CAST name) : NULL;
	char *s = v ? xstrdup((const char *)v) : NULL;

	xmlFree(v);
	return s;
}

/* A formatted text: <X format="html"><text>..</text></X>, made one
 * paragraph. Files inside it are images lost. */
static char *formatted(const xmlNode *n, unsigned *lost)
{
	char *raw, *fmt, *out;

	if (!n)
		return NULL;
	if (child(n, "file"))
		*lost |= MOODLE_LOST_IMAGE;
	raw = text_in(n);
	fmt = prop(n, "format");
	out = raw ? moodle_text(raw, fmt ? fmt : "html", lost) : NULL;
	free(raw);
	free(fmt);
	return out;
}

/* A field's number, or fallback when it has none. */
static double number_of(const xmlNode *n, double fallback)
{
	char *s = content_of(n), *end;
	double v;

	if (!s)
		return fallback;
	v = strtod(s, &end);
	while (isspace((unsigned char)*end))
		end++;
	if (end == s || *end || !isfinite(v))
		v = fallback;
	free(s);
	return v;
}

/* Moodle writes flags as 1/0 or true/false. */
static bool flag_of(const xmlNode *n, bool fallback)
{
	char *s = content_of(n);
	bool v = fallback;

	if (s) {
		char *t = qbank_tidy(s);
		if (t)
			v = strcmp(t, "1") == 0 || strcasecmp(t, "true") == 0;
		else
			v = true; /* <shownumcorrect/>: present is set */
		free(t);
		free(s);
	}
	return v;
}

struct reader {
	struct qbank *qb;
	struct diag_list *dl;
	char *category;
	size_t errors;
};

/* What every kind has: name, text, general feedback, grade, penalty,
 * hints. */
static void common(struct reader *r, const xmlNode *qn, struct qb_question *q,
		   struct qb_losses *l, unsigned *lost)
{
	const xmlNode *h;
	size_t hints = 0;
	double penalty;

	{
		char *raw = content_of(child(qn, "idnumber"));
		char *id = qbank_tidy(raw);
		free(raw);
		if (qbank_id_ok(id))
			q->idnumber = id;
		else
			free(id);
	}
	q->prompt = formatted(child(qn, "questiontext"), lost);
	q->explanation = formatted(child(qn, "generalfeedback"), lost);
	q->points = number_of(child(qn, "defaultgrade"), 1);
	if (!(q->points > 0) || q->points > 1000) {
		char *what = xasprintf("its mark of %g", q->points);
		qb_loss(l, what,
			"a rapport question is worth from above 0 to "
			"1000 points, so it is worth 1");
		free(what);
		q->points = 1;
	}
	penalty = number_of(child(qn, "penalty"), 0);
	if (penalty > 0) {
		char *what = xasprintf("its penalty of %g", penalty);
		qb_loss(l, what,
			"rapport asks each question once, so there is no "
			"second try to charge for");
		free(what);
	}
	if (flag_of(child(qn, "hidden"), false))
		qb_loss(l, "being hidden",
			"rapport has no hidden questions, so it is imported "
			"like the others");
	for (h = qn->children; h; h = h->next)
		if (is(h, "hint")) {
			char *t = formatted(h, lost);
			if (t && !q->hint)
				q->hint = t;
			else if (t)
				hints++;
			else
				free(t);
		}
	if (hints)
		qb_loss(l, "hints after the first",
			"a rapport question has one hint");
	free(q->category);
	q->category = xstrdup(r->category ? r->category : "");
}

/* correctfeedback and its kin: said when there are words in them. */
static void combined(const xmlNode *qn, struct qb_losses *l)
{
	static const char *const names[] = {
		"correctfeedback",
		"partiallycorrectfeedback",
		"incorrectfeedback",
	};
	unsigned lost = 0;
	size_t i;

	for (i = 0; i < RP_ARRAY_LEN(names); i++) {
		char *t = formatted(child(qn, names[i]), &lost);
		bool some = t != NULL;
		free(t);
		if (some) {
			qb_loss(l, "combined feedback",
				"rapport gives feedback per option and an "
				"explanation, not by how right the whole "
				"answer was");
			return;
		}
	}
}

/* Every <answer>: its text, fraction and feedback, into q's options. */
static void answers(const xmlNode *qn, struct qb_question *q, unsigned *lost)
{
	const xmlNode *a;

	for (a = qn->children; a; a = a->next) {
		char *fr, *fmt, *raw;
		struct qb_option *o;
		double credit = 0;

		if (!is(a, "answer"))
			continue;
		fr = prop(a, "fraction");
		if (fr) {
			char *end;
			credit = strtod(fr, &end);
			if (end == fr || !isfinite(credit))
				credit = 0;
		}
		free(fr);
		fmt = prop(a, "format");
		raw = text_in(a);
		if (child(a, "file"))
			*lost |= MOODLE_LOST_IMAGE;
		o = qbank_add_option(q, NULL, credit);
		o->text =
			raw ? moodle_text(raw, fmt ? fmt : "moodle_auto_format",
					  lost)
			    : NULL;
		o->feedback = formatted(child(a, "feedback"), lost);
		free(raw);
		free(fmt);
	}
}

static int by_credit(const void *a, const void *b)
{
	const struct qb_option *x = a, *y = b;

	return (x->credit > y->credit) - (x->credit < y->credit);
}

/* Why a kind rapport has no home for is left out. */
static const char *no_home(const char *type)
{
	static const struct {
		const char *type, *why;
	} kinds[] = {
		{ "numerical", "rapport has no numerical questions" },
		{ "calculated", "rapport has no calculated questions" },
		{ "calculatedsimple", "rapport has no calculated questions" },
		{ "calculatedmulti", "rapport has no calculated questions" },
		{ "matching", "rapport has no matching questions" },
		{ "randomsamatch", "rapport has no matching questions" },
		{ "essay", "rapport has no essays: nothing marks them" },
		{ "multianswer",
		  "rapport has no cloze questions (answers inside the text)" },
		{ "ddwtos", "rapport has no drag-and-drop questions" },
		{ "gapselect", "rapport has no questions with gaps to fill" },
		{ "ddimageortext", "rapport has no drag-and-drop questions" },
		{ "ddmarker", "rapport has no drag-and-drop questions" },
		{ "random", "it is a placeholder for a random question, not "
			    "a question; draw from a pool instead" },
	};
	size_t i;

	for (i = 0; i < RP_ARRAY_LEN(kinds); i++)
		if (strcmp(type, kinds[i].type) == 0)
			return kinds[i].why;
	return NULL;
}

static bool read_choice(struct reader *r, const xmlNode *qn,
			struct qb_question *q, struct qb_losses *l,
			unsigned *lost)
{
	bool single = flag_of(child(qn, "single"), true);

	q->shuffle = flag_of(child(qn, "shuffleanswers"), true);
	answers(qn, q, lost);
	combined(qn, l);
	return qbank_settle_choice(r->qb, q, !single, l, r->dl, "multichoice");
}

static bool read_true_false(struct reader *r, const xmlNode *qn,
			    struct qb_question *q, unsigned *lost)
{
	bool have = false;
	size_t i;

	answers(qn, q, lost);
	for (i = 0; i < q->n_opts; i++) {
		const struct qb_option *o = &q->opts[i];
		bool says_true;

		if (!o->text)
			continue;
		says_true = strcasecmp(o->text, "true") == 0;
		if (!says_true && strcasecmp(o->text, "false") != 0)
			continue;
		if (o->credit > 99.999) {
			q->answer = says_true;
			have = true;
		}
		if (o->feedback) {
			char **fb = says_true ? &q->fb_true : &q->fb_false;
			free(*fb);
			*fb = xstrdup(o->feedback);
		}
	}
	for (i = 0; i < q->n_opts; i++) {
		free(q->opts[i].text);
		free(q->opts[i].feedback);
	}
	free(q->opts);
	q->opts = NULL;
	q->n_opts = q->cap_opts = 0;
	if (!have)
		qbank_refuse(r->qb, r->dl, q->line, q->name, "truefalse",
			     "neither 'true' nor 'false' is worth 100%%");
	return have;
}

static bool read_short(struct reader *r, const xmlNode *qn,
		       struct qb_question *q, struct qb_losses *l,
		       unsigned *lost)
{
	struct qb_option *all;
	size_t n, i, partial = 0, feedback = 0;

	answers(qn, q, lost);
	all = q->opts;
	n = q->n_opts;
	q->opts = NULL;
	q->n_opts = q->cap_opts = 0;
	for (i = 0; i < n; i++) {
		if (all[i].feedback)
			feedback++;
		if (all[i].text && fabs(all[i].credit - 100) < 0.001)
			qbank_add_accept(q, all[i].text);
		else if (all[i].text && all[i].credit > 0)
			partial++;
		free(all[i].text);
		free(all[i].feedback);
	}
	free(all);
	if (flag_of(child(qn, "usecase"), false))
		qb_loss(l, "matching case",
			"rapport takes an answer in any case");
	return qbank_settle_short(r->qb, q, partial, feedback, l, r->dl,
				  "shortanswer");
}

static bool read_ordering(struct reader *r, const xmlNode *qn,
			  struct qb_question *q, struct qb_losses *l,
			  unsigned *lost)
{
	char *select = content_of(child(qn, "selecttype"));
	char *grading = content_of(child(qn, "gradingtype"));
	size_t i;

	answers(qn, q, lost);
	combined(qn, l);
	/* the fraction of an ordering answer is its place */
	sort_array(q->opts, q->n_opts, sizeof(*q->opts), by_credit);
	for (i = 0; i < q->n_opts; i++)
		q->opts[i].credit = 100;
	if (select) {
		char *t = qbank_tidy(select);
		if (t && strcasecmp(t, "ALL") != 0 && strcmp(t, "0") != 0)
			qb_loss(l, "showing only some of the items",
				"a rapport ordering question shows them all");
		free(t);
	}
	if (grading) {
		char *t = qbank_tidy(grading);
		if (t && strcasecmp(t, "RELATIVE_TO_CORRECT") != 0) {
			char *what = xasprintf("its grading (%s)", t);
			qb_loss(l, what,
				"rapport gives credit by how far the items "
				"are from their places");
			free(what);
		}
		free(t);
	}
	free(select);
	free(grading);
	for (i = 0; i < q->n_opts; i++)
		if (!q->opts[i].text) {
			qbank_refuse(r->qb, r->dl, q->line, q->name, "ordering",
				     "item %zu has no text", i + 1);
			return false;
		}
	if (q->n_opts < 2 || q->n_opts > 26) {
		qbank_refuse(r->qb, r->dl, q->line, q->name, "ordering",
			     "it has %zu items; rapport orders 2 to 26",
			     q->n_opts);
		return false;
	}
	return true;
}

static void read_category(struct reader *r, const xmlNode *qn)
{
	unsigned lost = 0;
	char *raw = text_in(child(qn, "category"));
	char *info;

	if (!raw) {
		diag_add(r->dl, DIAG_WARNING, r->qb->file, cx_node_line(qn), 0,
			 "a category with no <category><text> is passed over");
		return;
	}
	free(r->category);
	r->category = qbank_category_path(raw);
	free(raw);
	info = formatted(child(qn, "info"), &lost);
	if (r->category[0])
		qbank_describe_category(r->qb, r->category, info);
	free(info);
}

static void read_question(struct reader *r, const xmlNode *qn)
{
	static const struct {
		const char *type;
		enum qb_kind kind;
	} kinds[] = {
		{ "multichoice", QB_SINGLE },
		{ "truefalse", QB_TRUE_FALSE },
		{ "shortanswer", QB_SHORT },
		{ "ordering", QB_ORDERING },
		{ "description", QB_DESCRIPTION },
	};
	char *type = prop(qn, "type");
	unsigned line = cx_node_line(qn), lost = 0;
	struct qb_losses l = { 0 };
	struct qb_question *q;
	const char *why;
	char *name;
	bool kept = true;
	size_t i;

	if (!type) {
		diag_add(r->dl, DIAG_ERROR, r->qb->file, line, cx_node_col(qn),
			 "a <question> with no type");
		r->errors++;
		return;
	}
	if (strcmp(type, "category") == 0) {
		read_category(r, qn);
		free(type);
		return;
	}
	name = text_in(child(qn, "name"));
	if (name) {
		char *t = moodle_text(name, "html", &lost);
		free(name);
		name = t;
		lost = 0;
	}
	for (i = 0; i < RP_ARRAY_LEN(kinds); i++)
		if (strcmp(type, kinds[i].type) == 0)
			break;
	if (i == RP_ARRAY_LEN(kinds)) {
		r->qb->seen++;
		why = no_home(type);
		if (why)
			qbank_refuse(r->qb, r->dl, line, name, type, "%s", why);
		else
			qbank_refuse(r->qb, r->dl, line, name, type,
				     "rapport does not know Moodle's '%s' "
				     "questions",
				     type);
		free(name);
		free(type);
		return;
	}
	q = qbank_add(r->qb, kinds[i].kind, line);
	q->name = name;
	if (q->kind == QB_DESCRIPTION) {
		const xmlNode *t = child(qn, "questiontext");
		char *raw = text_in(t), *fmt = prop(t, "format");
		if (t && child(t, "file"))
			lost |= MOODLE_LOST_IMAGE;
		moodle_text_paras(q, raw, fmt ? fmt : "html", &lost);
		free(raw);
		free(fmt);
		free(q->category);
		q->category = xstrdup(r->category ? r->category : "");
		if (!q->n_paras)
			qbank_drop_last(r->qb);
		else {
			qb_text_losses(&l, lost);
			qb_losses_say(&l, r->dl, r->qb->file, line, q->name);
		}
		free(type);
		return;
	}
	r->qb->seen++;
	common(r, qn, q, &l, &lost);
	if (!q->prompt) {
		qbank_refuse(r->qb, r->dl, line, q->name, type,
			     "it has no question text");
		kept = false;
	} else if (q->kind == QB_SINGLE)
		kept = read_choice(r, qn, q, &l, &lost);
	else if (q->kind == QB_TRUE_FALSE)
		kept = read_true_false(r, qn, q, &lost);
	else if (q->kind == QB_SHORT)
		kept = read_short(r, qn, q, &l, &lost);
	else
		kept = read_ordering(r, qn, q, &l, &lost);
	if (kept) {
		qb_text_losses(&l, lost);
		qb_losses_say(&l, r->dl, r->qb->file, line, q->name);
	} else {
		strbuf_release(&l.what);
		strbuf_release(&l.why);
		qbank_drop_last(r->qb);
	}
	free(type);
}

/* Each <question> of a Moodle bank, read as soon as the parser has it
 * whole; content_parse() frees it after. */
static void take_question(struct load *ld, xmlNode *n)
{
	struct reader *r = ld->take_ctx;

	if (is(n->parent, "quiz") && !xmlHasProp(n->parent, BAD_CAST "id") &&
	    is(n, "question"))
		read_question(r, n);
}

/* What was read from a file that turned out not to be a bank, or not
 * well-formed past its questions: none of it counts. */
static void forget(struct qbank *qb, struct diag_list *found)
{
	qbank_release(qb);
	qb->seen = qb->dropped = 0;
	diag_list_release(found);
}

size_t moodle_read(struct qbank *qb, const char *buf, size_t len,
		   struct diag_list *dl)
{
	struct load ld = { 0 };
	struct diag_list found = { 0 };
	struct reader r = { qb, &found, NULL, 0 };
	xmlDocPtr doc;
	xmlNode *root;
	size_t before = dl->errors;

	ld.dl = dl;
	ld.file = qb->file;
	ld.buf = buf;
	ld.len = len;
	ld.bank = true;
	/* question by question as the parser goes: a bank of tens of
	 * thousands is never in memory whole */
	ld.take_child = take_question;
	ld.take_ctx = &r;
	doc = content_parse(&ld);
	free(r.category);
	if (!doc) {
		forget(qb, &found);
		return dl->errors - before ? dl->errors - before : 1;
	}
	root = xmlDocGetRootElement(doc);
	if (!root || !is(root, "quiz")) {
		diag_add(dl, DIAG_ERROR, qb->file,
			 root ? cx_node_line(root) : 1,
			 root ? cx_node_col(root) : 1,
			 "this is not a Moodle XML question bank: its root is "
			 "'%s', not 'quiz'",
			 root ? (const char *)root->name : "");
		forget(qb, &found);
		xmlFreeDoc(doc);
		return 1;
	}
	if (xmlHasProp(root, BAD_CAST "id")) {
		diag_add(dl, DIAG_ERROR, qb->file, cx_node_line(root),
			 cx_node_col(root),
			 "this is a rapport quiz, not a Moodle XML question "
			 "bank: it is a course file already");
		forget(qb, &found);
		xmlFreeDoc(doc);
		return 1;
	}
	diag_list_append(dl, &found);
	xmlFreeDoc(doc);
	return r.errors;
}
