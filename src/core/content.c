/* SPDX-License-Identifier: GPL-3.0-or-later */
/* content.c - one course document to model: the loader's libxml2 session
 * (the one the HTML report writes through too), the checks before
 * parsing, the parse from memory, validation against the schema, and the
 * builders from the valid tree to the model. Files and folders are
 * content_files.c's. */
#include "content.h"
#include "content_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "content_attrs.h"
#include "schema.h"
#include "text.h"

/* ---- one load: where diagnostics go ---- */

struct load {
	struct course *course;
	struct diag_list *dl;
	const char *file;    /* the course's copy of the name */
	const char *buf;     /* the raw bytes, for columns */
	size_t len;	     /* bytes in buf */
	unsigned lib_errors; /* libxml2 diagnostics taken for this file */
	bool doctype;	     /* a DOCTYPE was refused */
	bool failed;	     /* any error in this file */
	size_t first_diag;   /* dl->n when this file began */
	char *pending;	     /* a schema error with no place, owned */
	/* elements libxml2 says failed to validate their attributes without
	 * saying which one: their names, to find them afterwards */
	char *unplaced[8];
	size_t n_unplaced;
	const char *col_base; /* the parser buffer of the last column */
	const char *col_at;   /* the byte of the last column asked for */
	unsigned col;	      /* that column */
};

static bool initialised;
static xmlRelaxNGPtr schema;
static bool schema_failed;

static void warn_or_err(struct load *ld, enum diag_level level, unsigned line,
			unsigned col, const char *fmt, ...) RP_PRINTF(5, 6);

static void warn_or_err(struct load *ld, enum diag_level level, unsigned line,
			unsigned col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(ld->dl, level, ld->file, line, col, fmt, ap);
	va_end(ap);
	if (level == DIAG_ERROR)
		ld->failed = true;
}

#define ERR(ld, line, col, ...)                                                \
	warn_or_err(ld, DIAG_ERROR, line, col, __VA_ARGS__)
#define WARN(ld, line, col, ...)                                               \
	warn_or_err(ld, DIAG_WARNING, line, col, __VA_ARGS__)

/* ---- libxml2 set-up ---- */

static xmlParserInputPtr deny_loader(const char *url, const char *id,
				     xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL; /* nothing outside the file is ever read */
}

static void ignore_generic(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

void content_init(void)
{
	if (initialised)
		return;
	initialised = true;
	xmlInitParser();
	xmlSetExternalEntityLoader(deny_loader);
	/* Every error we want arrives through a structured handler; the
	 * default printers would echo raw source bytes to the terminal. */
	xmlSetGenericErrorFunc(NULL, ignore_generic);
	xmlSetStructuredErrorFunc(NULL, NULL);
}

void content_cleanup(void)
{
	if (schema)
		xmlRelaxNGFree(schema);
	schema = NULL;
	content_attrs_free();
	schema_failed = false;
	if (initialised)
		xmlCleanupParser();
	initialised = false;
}

/* ---- positions ---- */

static unsigned count_chars(const char *from, const char *to)
{
	unsigned n = 0;

	for (; from < to; from++)
		if (((unsigned char)*from & 0xC0) != 0x80)
			n++;
	return n;
}

/* Column (1-based, in characters) of byte p of the parser's input, or 0
 * when its line starts before what the parser still holds. Elements come
 * in document order, so the last answer is kept: a long line is walked
 * once, not once per element. */
static unsigned column_at(struct load *ld, xmlParserInputPtr in, const char *p)
{
	const char *base = (const char *)in->base, *q = p;
	unsigned col = 0;

	while (q > base && q[-1] != '\n') {
		if (q == ld->col_at && base == ld->col_base) {
			col = ld->col + count_chars(q, p);
			break;
		}
		q--;
	}
	if (!col && (q > base || in->consumed == 0))
		col = 1 + count_chars(q, p);
	ld->col_base = base;
	ld->col_at = p;
	ld->col = col;
	return col;
}

/* Called by the parser for every start tag, after the attributes: finds the
 * '<' that opened the tag, and records its line and column on the node
 * (column in node->extra, which nothing else uses without XPath/XSLT). */
static void on_start_element(void *ctx, const xmlChar *name,
			     const xmlChar *prefix, const xmlChar *uri, int nns,
			     const xmlChar **ns, int nattr, int ndef,
			     const xmlChar **attrs)
{
	xmlParserCtxtPtr ctxt = ctx;
	xmlParserInputPtr in = ctxt->input;
	const char *base, *p;
	unsigned line, col, nl = 0;

	xmlSAX2StartElementNs(ctx, name, prefix, uri, nns, ns, nattr, ndef,
			      attrs);
	if (!ctxt->node || !in || !in->base || !in->cur)
		return;
	base = (const char *)in->base;
	/* No '<' can stand in a start tag after its first byte. */
	for (p = (const char *)in->cur; p > base && p[-1] != '<'; p--)
		if (p[-1] == '\n')
			nl++;
	if (p == base)
		return;
	p--;
	line = in->line > (int)nl ? (unsigned)in->line - nl : 1;
	col = column_at(ctxt->_private, in, p);
	if (line <= 65535)
		ctxt->node->line = (unsigned short)line;
	ctxt->node->extra = (unsigned short)(col > 65535 ? 65535 : col);
}

/* A DOCTYPE may declare entities: billion laughs, quadratic blowup, XXE.
 * Course files never need one, so the parser stops at the first. */
static void on_internal_subset(void *ctx, const xmlChar *name,
			       const xmlChar *eid, const xmlChar *sid)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct load *ld = ctxt->_private;
	xmlParserInputPtr in = ctxt->input;
	unsigned line = in ? (unsigned)in->line : 1, col = 1;

	(void)name;
	(void)eid;
	(void)sid;
	if (in && in->base && in->cur) {
		const char *base = (const char *)in->base;
		const char *p = (const char *)in->cur;
		unsigned nl = 0;
		while (p > base && !(p[0] == '<' && p[1] == '!')) {
			p--;
			if (*p == '\n')
				nl++;
		}
		line = line > nl ? line - nl : 1;
		col = column_at(ld, in, p);
	}
	ld->doctype = true;
	ERR(ld, line, col,
	    "document type declarations are not allowed in course files");
	xmlStopParser(ctxt);
}

static unsigned node_col(const xmlNode *n)
{
	return n && n->type == XML_ELEMENT_NODE ? n->extra : 0;
}

/* Where an element starts. */
static struct src_loc loc_of(const struct load *ld, const xmlNode *n)
{
	struct src_loc l = { ld->file, n ? n->line : 0, node_col(n) };
	return l;
}

/* True when this file already has this message on this line: libxml2 can
 * report one problem several times over. */
static bool already_said(const struct load *ld, unsigned line, const char *msg)
{
	size_t i;

	for (i = ld->first_diag; i < ld->dl->n; i++) {
		const struct diag *d = &ld->dl->items[i];
		if (d->line == line && strcmp(d->msg, msg) == 0 &&
		    strcmp(d->file, ld->file) == 0)
			return true;
	}
	return false;
}

/* Adds each line of msg as a diagnostic, once, up to the file's limit. */
static void take(struct load *ld, enum diag_level level, unsigned line,
		 unsigned col, const char *msg)
{
	const char *end;

	for (; *msg; msg = *end ? end + 1 : end) {
		char *one;
		end = strchr(msg, '\n');
		if (!end)
			end = msg + strlen(msg);
		one = xstrndup(msg, (size_t)(end - msg));
		if (!already_said(ld, line, one)) {
			if (++ld->lib_errors <= CONTENT_MAX_FILE_ERRORS)
				diag_add(ld->dl, level, ld->file, line, col,
					 "%s", one);
			else if (ld->lib_errors == CONTENT_MAX_FILE_ERRORS + 1)
				diag_add(ld->dl, DIAG_ERROR, ld->file, 0, 0,
					 "too many errors; the rest of this "
					 "file is not reported");
		}
		free(one);
	}
}

/* The element a schema error is about. libxml2 reports some errors, such
 * as "element course failed to validate attributes", on the first child of
 * the element it names; climb to the element the message names. */
static const xmlNode *error_node(const xmlError *e)
{
	const xmlNode *n = e->node;
	int up;

	for (up = 0; n && n->type == XML_ELEMENT_NODE && up < 3;
	     up++, n = n->parent) {
		if ((e->str1 && strcmp((const char *)n->name, e->str1) == 0) ||
		    (e->str2 && strcmp((const char *)n->name, e->str2) == 0))
			return n;
	}
	return e->node;
}

/* Keeps the name of an element whose attribute error came with no place,
 * once; a handful of names at most, which is all one file gives. */
static bool is_unplaced(const struct load *ld, const char *name)
{
	size_t i;

	for (i = 0; i < ld->n_unplaced; i++)
		if (strcmp(ld->unplaced[i], name) == 0)
			return true;
	return false;
}

static void note_unplaced(struct load *ld, const char *name)
{
	if (!is_unplaced(ld, name) &&
	    ld->n_unplaced < RP_ARRAY_LEN(ld->unplaced))
		ld->unplaced[ld->n_unplaced++] = xstrdup(name);
}

/* libxml2's errors, parser and schema alike, join our diagnostics. Only
 * the message is kept: the default printer would echo the raw source. */
static void on_error(void *data, xmlErrorPtr e)
{
	struct load *ld = data;
	struct strbuf msg = { 0 };
	const char *p;
	unsigned line, col;
	enum diag_level level;

	if (!ld || !e || !e->message)
		return;
	if (ld->doctype && e->code == XML_ERR_USER_STOP)
		return;
	level = e->level == XML_ERR_WARNING ? DIAG_WARNING : DIAG_ERROR;
	/* libxml2 ends messages with a newline and breaks some in two
	 * ("indicate encoding !\nBytes: ..."): make one line of them. */
	for (p = e->message; *p; p++) {
		if (*p == '\n') {
			while (msg.len && (msg.buf[msg.len - 1] == ' ' ||
					   msg.buf[msg.len - 1] == '!'))
				msg.buf[--msg.len] = '\0';
			if (p[1])
				strbuf_adds(&msg, "; ");
		} else {
			strbuf_addc(&msg, *p);
		}
	}
	while (msg.len && msg.buf[msg.len - 1] == ' ')
		msg.buf[--msg.len] = '\0';
	if (msg.len && msg.buf[0] >= 'A' && msg.buf[0] <= 'Z' &&
	    !(msg.len > 1 && msg.buf[1] >= 'A' && msg.buf[1] <= 'Z'))
		msg.buf[0] = (char)(msg.buf[0] - 'A' + 'a');
	line = e->line > 0 ? (unsigned)e->line : 0;
	col = e->int2 > 0 ? (unsigned)e->int2 : 0;
	if (e->node &&
	    (e->domain == XML_FROM_RELAXNGV || e->domain == XML_FROM_VALID)) {
		const xmlNode *n = error_node(e);
		line = n->line;
		col = node_col(n);
		if (e->code == XML_RELAXNG_ERR_ATTRVALID ||
		    e->code == XML_RELAXNG_ERR_INVALIDATTR ||
		    e->code == XML_RELAXNG_ERR_DATATYPE ||
		    e->code == XML_RELAXNG_ERR_TYPE ||
		    e->code == XML_RELAXNG_ERR_TYPEVAL ||
		    e->code == XML_RELAXNG_ERR_VALUE) {
			char *why;
			content_attrs_load((const char *)rapport_schema_rng,
					   rapport_schema_rng_len);
			why = content_attrs_explain(n);
			if (why) {
				strbuf_reset(&msg);
				strbuf_adds(&msg, why);
				free(why);
			}
		}
	}
	if (!line)
		line = 1;
	if (e->domain == XML_FROM_RELAXNGV && !e->node) {
		/* An echo with no place ("element x failed to validate
		 * attributes"): its elements are looked for once validation
		 * is over; said as it is only if nothing more precise is. */
		if (e->code == XML_RELAXNG_ERR_ATTRVALID && e->str1)
			note_unplaced(ld, e->str1);
		if (!ld->pending)
			ld->pending = strbuf_detach(&msg);
		strbuf_release(&msg);
		return;
	}
	if (level == DIAG_ERROR)
		ld->failed = true;
	take(ld, level, line, col, strbuf_str(&msg));
	strbuf_release(&msg);
}

static xmlRelaxNGPtr get_schema(struct diag_list *dl)
{
	xmlRelaxNGParserCtxtPtr pc;

	if (schema || schema_failed)
		return schema;
	pc = xmlRelaxNGNewMemParserCtxt((const char *)rapport_schema_rng,
					(int)rapport_schema_rng_len);
	if (pc) {
		struct load ld = { 0 };
		struct course *c = course_new("schema");
		ld.course = c;
		ld.dl = dl;
		ld.file = "rapport.rng (built in)";
		xmlRelaxNGSetParserStructuredErrors(pc, on_error, &ld);
		schema = xmlRelaxNGParse(pc);
		xmlRelaxNGFreeParserCtxt(pc);
		course_free(c);
	}
	if (!schema) {
		schema_failed = true;
		diag_add(dl, DIAG_ERROR, "rapport", 0, 0,
			 "the built-in schema does not compile");
	}
	return schema;
}

/* ---- DOM helpers ---- */

static bool is_elem(const xmlNode *n, const char *name)
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
		if (is_elem(c, name))
			return c;
	return NULL;
}

static size_t count_children(const xmlNode *n, const char *name)
{
	xmlNode *c;
	size_t k = 0;

	for (c = first_elem(n); c; c = next_elem(c))
		if (!name || is_elem(c, name))
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
			ERR(ld, n->line, node_col(n),
			    "'%s' contains the control character U+%04X",
			    (const char *)n->name, (unsigned)cp);
			return;
		}
		if (text_is_bidi(cp) && !bidi_seen) {
			WARN(ld, n->line, node_col(n),
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
		ERR(ld, n->line, node_col(n), "'%s' is empty",
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
		ERR(ld, n->line, node_col(n),
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
		ERR(ld, n->line, node_col(n), "'%s' is not a number: '%s'",
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
		ERR(ld, n->line, node_col(n),
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
	struct ref r = { attr(ld, n, name), loc_of(ld, n), NULL };
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
	it->loc = loc_of(ld, n);
	if (!k)
		return;
	v = arena_array(ld->course->arena, k, sizeof(*v));
	for (c = first_elem(n); c; c = next_elem(c))
		if (is_elem(c, "allow")) {
			v[i].check = attr(ld, c, "check");
			v[i].reason = text_of(ld, c);
			v[i].loc = loc_of(ld, c);
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
		if (is_elem(c, name))
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
		if (!is_elem(s, "section"))
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
			if (is_elem(b, "heading") || j >= sec->n_blocks)
				continue;
			blk = &sec->blocks[j++];
			blk->loc = loc_of(ld, b);
			if (is_elem(b, "p")) {
				blk->kind = BLOCK_PARAGRAPH;
				blk->lines = arena_alloc(a, sizeof(char *));
				blk->lines[0] = text_of(ld, b);
				blk->n_lines = 1;
			} else if (is_elem(b, "list")) {
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
		if (is_elem(n, question_elements[i].element)) {
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
		if (!is_elem(o, "option"))
			continue;
		opt = &v[i++];
		opt->id = attr(ld, o, "id");
		opt->loc = loc_of(ld, o);
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
		q->choices[i].loc = loc_of(ld, n);
	}
	for (f = first_elem(n); f; f = next_elem(f)) {
		if (!is_elem(f, "feedback"))
			continue;
		i = attr_bool(ld, f, "when", true) ? 0 : 1;
		if (q->choices[i].feedback)
			ERR(ld, f->line, node_col(f),
			    "question '%s' has two feedbacks for '%s'",
			    q->item.id ? q->item.id : "?", q->choices[i].id);
		q->choices[i].feedback = text_of(ld, f);
		q->choices[i].loc = loc_of(ld, f);
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
		if (!is_elem(it, "item"))
			continue;
		o = &q->choices[i++];
		o->id = attr(ld, it, "id");
		o->text = text_of(ld, it);
		o->loc = loc_of(ld, it);
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
		if (!is_elem(b, "band"))
			continue;
		band = &v[i++];
		band->min = attr_decimal(ld, b, "min", 0);
		band->max = attr_decimal(ld, b, "max", 0);
		band->label = child_text(ld, b, "label");
		band->advice = child_text(ld, b, "advice");
		band->lesson = ref_attr(ld, b, "lesson");
		band->loc = loc_of(ld, b);
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
		if (is_elem(c, "pool")) {
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
	s->loc = loc_of(ld, sc ? sc : n);
	for (p = first_elem(sc); p; p = next_elem(p)) {
		double v;
		if (!is_elem(p, "point"))
			continue;
		v = attr_decimal(ld, p, "value", 0);
		if (v < -1000 || v > 1000 || v != (double)(int)v) {
			ERR(ld, p->line, node_col(p),
			    "scale value must be a whole number from -1000 to "
			    "1000");
			v = 0;
		}
		s->points[i].value = (int)v;
		s->points[i].label = text_of(ld, p);
		s->points[i].loc = loc_of(ld, p);
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
		if (!is_elem(c, "statement"))
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
		if (!is_elem(c, "action"))
			continue;
		act = &as->actions[i++];
		act->competency = ref_attr(ld, c, "competency");
		act->lesson = ref_attr(ld, c, "lesson");
		act->text = text_of(ld, c);
		act->loc = loc_of(ld, c);
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
	s->discuss = texts_of(ld, child(n, "discuss"), "prompt", &s->n_discuss);
	c = child(n, "roles");
	k = count_children(c, "card");
	s->cards = arena_array(a, k, sizeof(*s->cards));
	for (c = first_elem(c); c; c = next_elem(c)) {
		if (!is_elem(c, "card"))
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
		if (is_elem(c, "scenario")) {
			e->parts[i++].scenario = build_scenario(ld, c);
		} else if (is_elem(c, "poll")) {
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
			if (!is_elem(c, step_elements[j].element))
				continue;
			s = arena_alloc(a, sizeof(*s));
			item_init(ld, &s->item, ITEM_STEP, c);
			s->kind = step_elements[j].kind;
			if (step_elements[j].target)
				s->target = ref_attr(ld, c,
						     step_elements[j].target);
			else
				s->target.loc = loc_of(ld, c);
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
static void build_item(struct load *ld, const xmlNode *n)
{
	if (is_elem(n, "lesson"))
		build_lesson(ld, n);
	else if (is_elem(n, "quiz"))
		build_quiz(ld, n);
	else if (is_elem(n, "bank"))
		build_bank(ld, n);
	else if (is_elem(n, "assessment"))
		build_assessment(ld, n);
	else if (is_elem(n, "exercise"))
		build_exercise(ld, n);
	else if (is_elem(n, "path"))
		build_path(ld, n);
}

static void build_course(struct load *ld, const xmlNode *n)
{
	struct course *c = ld->course;
	xmlNode *e;

	if (c->title) {
		ERR(ld, n->line, node_col(n),
		    "a second course element; a course has exactly one");
		return;
	}
	item_init(ld, &c->item, ITEM_KIND_COUNT, n);
	c->title = child_text(ld, n, "title");
	c->summary = child_text(ld, n, "summary");
	c->lang = attr(ld, n, "lang");
	for (e = first_elem(n); e; e = next_elem(e)) {
		if (is_elem(e, "competency")) {
			struct competency *k =
				arena_alloc(c->arena, sizeof(*k));
			item_init(ld, &k->item, ITEM_COMPETENCY, e);
			k->name = child_text(ld, e, "name");
			k->description = child_text(ld, e, "description");
			item_list_push(&c->competencies, k);
		} else {
			build_item(ld, e);
		}
	}
}

/* ---- one document ---- */

static const char *const root_names[] = {
	"course", "lesson", "quiz", "bank", "assessment", "exercise", "path",
};

static bool known_root(const xmlNode *root)
{
	size_t i;

	if (root->ns)
		return false;
	for (i = 0; i < RP_ARRAY_LEN(root_names); i++)
		if (is_elem(root, root_names[i]))
			return true;
	return false;
}

/* Refuses what is plainly not a course file before libxml2 sees it. */
static bool precheck(struct load *ld)
{
	const unsigned char *b = (const unsigned char *)ld->buf, *p;
	size_t lines = 1;

	if (ld->len == 0) {
		ERR(ld, 1, 1, "the file is empty");
		return false;
	}
	if (ld->len >= 2 && b[0] == 0x1F && b[1] == 0x8B) {
		ERR(ld, 1, 1,
		    "the file is gzip-compressed; course files "
		    "must be plain XML");
		return false;
	}
	if (ld->len >= 6 && memcmp(b,
				   "\xFD"
				   "7zXZ\0",
				   6) == 0) {
		ERR(ld, 1, 1,
		    "the file is xz-compressed; course files must "
		    "be plain XML");
		return false;
	}
	if (ld->len > CONTENT_MAX_FILE_BYTES) {
		ERR(ld, 1, 1,
		    "the file is too large (%zu bytes; the limit is "
		    "%u): split it into several files",
		    ld->len, CONTENT_MAX_FILE_BYTES);
		return false;
	}
	for (p = b; (p = memchr(p, '\n', (size_t)(b + ld->len - p))); p++)
		if (++lines > CONTENT_MAX_LINES) {
			ERR(ld, 1, 1,
			    "the file has more than %u lines: split "
			    "it into several files",
			    CONTENT_MAX_LINES);
			return false;
		}
	return true;
}

static xmlDocPtr parse(struct load *ld)
{
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	xmlDocPtr doc;

	if (!ctxt) {
		ERR(ld, 1, 1, "out of memory while parsing");
		return NULL;
	}
	ctxt->_private = ld;
	ctxt->sax->internalSubset = on_internal_subset;
	ctxt->sax->externalSubset = NULL;
	ctxt->sax->startElementNs = on_start_element;
	/* sax->serror would receive the parser context, not our state: the
	 * process-wide structured handler below gets the state instead. */
	ctxt->sax->serror = NULL;
	ctxt->sax->warning = NULL;
	ctxt->sax->error = NULL;
	ctxt->sax->fatalError = NULL;
	ctxt->userData = ctxt;
	xmlSetStructuredErrorFunc(ld, on_error);
	/* NOBLANKS: the indentation between elements makes no nodes. Neither
	 * the schema nor the model reads it, and the smaller tree is quicker
	 * to validate, walk and free. White space beside text is kept. */
	doc = xmlCtxtReadMemory(ctxt, ld->buf, (int)ld->len, ld->file, NULL,
				XML_PARSE_NONET | XML_PARSE_NOCDATA |
					XML_PARSE_NOBLANKS);
	if (doc && (!ctxt->wellFormed || ld->doctype || ld->failed)) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (!doc && !ld->failed)
		ERR(ld, 1, 1, "the file is not well-formed XML");
	xmlFreeParserCtxt(ctxt);
	xmlSetStructuredErrorFunc(NULL, NULL);
	return doc;
}

/* Places the attribute errors libxml2 gave no place: every element of a
 * name it named whose attributes break the schema's rules is reported
 * where it starts. libxml2 2.9.14 loses the place when an element with
 * optional attributes has a bad value, and then says only "element lesson
 * failed to validate attributes". A problem already said at its place is
 * not said again (take() drops a repeat). The parser's depth limit bounds
 * the recursion. */
static void place_attribute_errors(struct load *ld, const xmlNode *n)
{
	for (; n; n = n->next) {
		char *why;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_unplaced(ld, (const char *)n->name) &&
		    (why = content_attrs_explain(n)) != NULL) {
			ld->failed = true;
			take(ld, DIAG_ERROR, n->line, node_col(n), why);
			free(why);
		}
		place_attribute_errors(ld, n->children);
	}
}

static bool validate(struct load *ld, xmlDocPtr doc)
{
	xmlRelaxNGPtr rng = get_schema(ld->dl);
	xmlRelaxNGValidCtxtPtr vc;
	int rc;

	if (!rng)
		return false;
	vc = xmlRelaxNGNewValidCtxt(rng);
	if (!vc) {
		ERR(ld, 1, 1, "out of memory while validating");
		return false;
	}
	xmlRelaxNGSetValidStructuredErrors(vc, on_error, ld);
	rc = xmlRelaxNGValidateDoc(vc, doc);
	xmlRelaxNGFreeValidCtxt(vc);
	if (ld->n_unplaced) {
		size_t i;

		content_attrs_load((const char *)rapport_schema_rng,
				   rapport_schema_rng_len);
		place_attribute_errors(ld, xmlDocGetRootElement(doc));
		for (i = 0; i < ld->n_unplaced; i++)
			free(ld->unplaced[i]);
		ld->n_unplaced = 0;
	}
	if (rc != 0 && !ld->failed)
		ERR(ld, 1, 1, "%s",
		    ld->pending ? ld->pending
				: "the file does not match the course schema");
	free(ld->pending);
	ld->pending = NULL;
	return rc == 0;
}

bool content_load_document(struct course *c, const char *name, const char *buf,
			   size_t len, struct diag_list *dl, bool in_folder)
{
	struct load ld = { 0 };
	xmlDocPtr doc;
	xmlNode *root;
	const char *base;
	bool ok = false, built = false;

	content_init();
	ld.course = c;
	ld.dl = dl;
	ld.first_diag = dl->n;
	ld.file = course_add_file(c, name);
	ld.buf = buf;
	ld.len = len;
	course_hash(c, buf, len);
	if (!precheck(&ld)) {
		c->files_skipped++;
		return false;
	}
	doc = parse(&ld);
	if (!doc) {
		c->files_skipped++;
		return false;
	}
	root = xmlDocGetRootElement(doc);
	base = strrchr(name, '/');
	base = base ? base + 1 : name;
	if (!root || !known_root(root)) {
		ERR(&ld, root ? root->line : 1, root ? node_col(root) : 1,
		    "'%s' is not a rapport element; a course file starts with "
		    "course, lesson, quiz, bank, assessment, exercise or path",
		    root ? (const char *)root->name : "");
	} else if (in_folder &&
		   is_elem(root, "course") !=
			   (strcmp(base, CONTENT_COURSE_FILE) == 0)) {
		if (is_elem(root, "course"))
			ERR(&ld, root->line, node_col(root),
			    "the course element belongs in '%s'",
			    CONTENT_COURSE_FILE);
		else
			ERR(&ld, root->line, node_col(root),
			    "'%s' must start with a course element, not '%s'",
			    CONTENT_COURSE_FILE, (const char *)root->name);
	} else if (!in_folder && !is_elem(root, "course")) {
		ERR(&ld, root->line, node_col(root),
		    "a '%s' file is not a course on its own: no %s was found "
		    "beside it or in the two folders above",
		    (const char *)root->name, CONTENT_COURSE_FILE);
	} else if (validate(&ld, doc)) {
		if (is_elem(root, "course"))
			build_course(&ld, root);
		else
			build_item(&ld, root);
		built = true;
		ok = !ld.failed;
	}
	if (!built)
		c->files_skipped++;
	xmlFreeDoc(doc);
	return ok;
}

bool content_load_memory(struct course *c, const char *name, const char *buf,
			 size_t len, struct diag_list *dl)
{
	return content_load_document(c, name, buf, len, dl, false);
}
