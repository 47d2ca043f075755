/* SPDX-License-Identifier: GPL-3.0-or-later */
/* content.c - one course document to model: the loader's libxml2 session
 * (the one the HTML report writes through too), diagnostics with their
 * columns, the checks before parsing, the parse from memory and the
 * validation against the schema. The builders from the valid tree to the
 * model are content_build.c's, files and folders content_files.c's. */
#include "content.h"
#include "content_dom.h"
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

static bool initialised;
static xmlRelaxNGPtr schema;
static bool schema_failed;

/* ---- diagnostics ---- */

void content_diag(struct load *ld, enum diag_level level, unsigned line,
		  unsigned col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(ld->dl, level, ld->file, line, col, fmt, ap);
	va_end(ap);
	if (level == DIAG_ERROR)
		ld->failed = true;
}

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
	content_moodle_free();
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
	else if (((struct load *)ctxt->_private)->bank) {
		/* a bank is never validated, so psvi is free to hold it */
		ctxt->node->line = 65535;
		ctxt->node->psvi = (void *)(uintptr_t)line;
	}
	ctxt->node->extra = (unsigned short)(col > 65535 ? 65535 : col);
}

/* Called by the parser for every end tag: an element of the root's is
 * handed to ld->take_child, then taken out of the tree and freed. The
 * parser keeps no pointer to an element it has closed (its node stack
 * has popped it; ctxt->node is the root again), but it keeps a note of
 * the last text node it made, ctxt->nodelen and ctxt->nodemem, to append
 * the next characters in place when the parent's last child is text.
 * Once the element is gone the root's last child may be the text before
 * it, which that note does not describe: nodemem 0 tells the parser its
 * note is void, and it joins the two texts by their real lengths. */
static void on_end_element(void *ctx, const xmlChar *name,
			   const xmlChar *prefix, const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct load *ld = ctxt->_private;
	xmlNode *n = ctxt->node;

	xmlSAX2EndElementNs(ctx, name, prefix, uri);
	if (!n || !n->parent || n->parent->type != XML_ELEMENT_NODE ||
	    n->parent->parent != (xmlNode *)ctxt->myDoc || !ctxt->wellFormed ||
	    ld->failed || ld->doctype)
		return;
	ld->take_child(ld, n);
	xmlUnlinkNode(n);
	xmlFreeNode(n);
	ctxt->nodelen = 0;
	ctxt->nodemem = 0;
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

unsigned cx_node_line(const xmlNode *n)
{
	if (n->line == 65535 && n->psvi)
		return (unsigned)(uintptr_t)n->psvi;
	return n->line;
}

unsigned cx_node_col(const xmlNode *n)
{
	return n && n->type == XML_ELEMENT_NODE ? n->extra : 0;
}

/* Where an element starts. */
struct src_loc cx_loc_of(const struct load *ld, const xmlNode *n)
{
	struct src_loc l = { ld->file, n ? n->line : 0, cx_node_col(n) };
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
		col = cx_node_col(n);
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
		if (cx_is_elem(root, root_names[i]))
			return true;
	return false;
}

/* Moodle's XML export: <quiz> with no id, holding <question>s. */
static bool is_moodle_bank(const xmlNode *root)
{
	const xmlNode *n;

	if (!cx_is_elem(root, "quiz") || xmlHasProp(root, BAD_CAST "id"))
		return false;
	for (n = root->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return cx_is_elem(n, "question");
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
	if (ld->len >
	    (ld->bank ? CONTENT_MAX_BANK_BYTES : CONTENT_MAX_FILE_BYTES)) {
		ERR(ld, 1, 1,
		    "the file is too large (%zu bytes; the limit is "
		    "%u): split it into several files",
		    ld->len,
		    ld->bank ? CONTENT_MAX_BANK_BYTES : CONTENT_MAX_FILE_BYTES);
		return false;
	}
	if (ld->bank)
		return true;
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
	if (ld->take_child)
		ctxt->sax->endElementNs = on_end_element;
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
	doc = xmlCtxtReadMemory(
		ctxt, ld->buf, (int)ld->len, ld->file, NULL,
		XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOBLANKS |
			(ld->bank ? XML_PARSE_BIG_LINES | XML_PARSE_COMPACT
				  : 0));
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

xmlDocPtr content_parse(struct load *ld)
{
	content_init();
	return precheck(ld) ? parse(ld) : NULL;
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
			take(ld, DIAG_ERROR, n->line, cx_node_col(n), why);
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
		ERR(&ld, root ? root->line : 1, root ? cx_node_col(root) : 1,
		    "'%s' is not a rapport element; a course file starts with "
		    "course, lesson, quiz, bank, assessment, exercise or path",
		    root ? (const char *)root->name : "");
	} else if (is_moodle_bank(root)) {
		ERR(&ld, root->line, cx_node_col(root),
		    "this is a Moodle XML question bank, not a rapport file: "
		    "bring its questions in with 'rapport import %s --into "
		    "FOLDER', and keep the bank outside the course folder",
		    base);
	} else if (in_folder &&
		   cx_is_elem(root, "course") !=
			   (strcmp(base, CONTENT_COURSE_FILE) == 0)) {
		if (cx_is_elem(root, "course"))
			ERR(&ld, root->line, cx_node_col(root),
			    "the course element belongs in '%s'",
			    CONTENT_COURSE_FILE);
		else
			ERR(&ld, root->line, cx_node_col(root),
			    "'%s' must start with a course element, not '%s'",
			    CONTENT_COURSE_FILE, (const char *)root->name);
	} else if (!in_folder && !cx_is_elem(root, "course")) {
		ERR(&ld, root->line, cx_node_col(root),
		    "a '%s' file is not a course on its own: no %s was found "
		    "beside it or in the two folders above",
		    (const char *)root->name, CONTENT_COURSE_FILE);
	} else if (validate(&ld, doc)) {
		if (cx_is_elem(root, "course"))
			content_build_course(&ld, root);
		else
			content_build_item(&ld, root);
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

bool content_load_member(struct course *c, const char *name, const char *buf,
			 size_t len, struct diag_list *dl)
{
	return content_load_document(c, name, buf, len, dl, true);
}
