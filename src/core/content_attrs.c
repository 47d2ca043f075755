/* SPDX-License-Identifier: GPL-3.0-or-later */
/* content_attrs.c - attribute rules read from the schema itself, to explain
 * the schema errors libxml2 words vaguely ("element lesson failed to
 * validate attributes") by naming the attribute and what it must be. */
#include "content_attrs.h"

#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlregexp.h>
#include <libxml/xmlschemastypes.h>

#include "util.h"

#define RNG_NS "http://relaxng.org/ns/structure/1.0"
#define XSD_NS "http://www.w3.org/2001/XMLSchema"

struct attr_rule {
	const char *name;    /* the attribute */
	bool required;	     /* not under optional, zeroOrMore or choice */
	const char *type;    /* an XSD type name, or NULL for any text */
	const char *pattern; /* its pattern facet, or NULL */
	xmlRegexpPtr regexp; /* the pattern compiled */
	const char *value;   /* a fixed value (<value>), or NULL */
};

struct elem_rule {
	const char *parent; /* the enclosing element, "" at the top */
	const char *name;   /* the element */
	struct attr_rule *attrs;
	size_t n, cap;
};

static struct {
	xmlDocPtr doc; /* the schema, kept for its strings */
	struct elem_rule *v;
	size_t n, cap;
	bool loaded;
} rules;

static bool is_rng(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns &&
	       strcmp((const char *)n->ns->href, RNG_NS) == 0 &&
	       strcmp((const char *)n->name, name) == 0;
}

/* An attribute's value in the schema document; it lives as long as the
 * document, so nothing is copied. */
static const char *prop(const xmlNode *n, const char *name)
{
	const xmlAttr *a = xmlHasProp(n, (const xmlChar *)name);

	if (!a || !a->children || !a->children->content)
		return NULL;
	return (const char *)a->children->content;
}

static const xmlNode *find_define(const char *name)
{
	const xmlNode *root = xmlDocGetRootElement(rules.doc), *d;

	for (d = root->children; d; d = d->next) {
		const char *n = is_rng(d, "define") ? prop(d, "name") : NULL;
		if (n && strcmp(n, name) == 0)
			return d;
	}
	return NULL;
}

static struct elem_rule *find_rule(const char *parent, const char *name)
{
	size_t i;

	for (i = 0; i < rules.n; i++)
		if (strcmp(rules.v[i].parent, parent) == 0 &&
		    strcmp(rules.v[i].name, name) == 0)
			return &rules.v[i];
	return NULL;
}

/* The type of an attribute's content: the first data or value inside,
 * following references. */
static void read_type(const xmlNode *n, struct attr_rule *a, int depth)
{
	const xmlNode *c;

	if (depth > 8)
		return;
	for (c = n->children; c; c = c->next) {
		if (is_rng(c, "data")) {
			const xmlNode *p;
			a->type = prop(c, "type");
			for (p = c->children; p; p = p->next)
				if (is_rng(p, "param") && prop(p, "name") &&
				    strcmp(prop(p, "name"), "pattern") == 0 &&
				    p->children)
					a->pattern =
						(const char *)
							p->children->content;
			return;
		}
		if (is_rng(c, "value") && c->children) {
			a->value = (const char *)c->children->content;
			return;
		}
		if (is_rng(c, "ref")) {
			const xmlNode *d = find_define(prop(c, "name"));
			if (d)
				read_type(d, a, depth + 1);
			return;
		}
	}
}

#define NO_RULE ((size_t)-1)

static void visit(const xmlNode *n, size_t cur, bool optional, int depth);

static void visit_children(const xmlNode *n, size_t cur, bool optional,
			   int depth)
{
	const xmlNode *c;

	for (c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			visit(c, cur, optional, depth);
}

static void add_attr(size_t cur, const xmlNode *n, bool optional)
{
	struct elem_rule *r = &rules.v[cur];
	struct attr_rule *a;
	void *p = r->attrs;

	xgrow(&p, &r->cap, r->n + 1, sizeof(*r->attrs));
	r->attrs = p;
	a = &r->attrs[r->n++];
	memset(a, 0, sizeof(*a));
	a->name = prop(n, "name");
	a->required = !optional;
	read_type(n, a, 0);
	if (a->pattern)
		a->regexp = xmlRegexpCompile((const xmlChar *)a->pattern);
}

/* Walks a pattern inside the element whose rule is rules.v[cur] (NO_RULE
 * at the top); optional is true under optional, zeroOrMore and choice.
 * Rules are referred to by index: rules.v moves as it grows. */
static void visit(const xmlNode *n, size_t cur, bool optional, int depth)
{
	if (depth > 64)
		return;
	if (is_rng(n, "element")) {
		const char *name = prop(n, "name");
		const char *here = cur == NO_RULE ? "" : rules.v[cur].name;
		void *p = rules.v;
		size_t idx;
		if (!name || find_rule(here, name))
			return; /* seen: the same context gives the same rules
				 */
		xgrow(&p, &rules.cap, rules.n + 1, sizeof(*rules.v));
		rules.v = p;
		idx = rules.n++;
		memset(&rules.v[idx], 0, sizeof(rules.v[idx]));
		rules.v[idx].parent = here;
		rules.v[idx].name = name;
		visit_children(n, idx, false, depth + 1);
	} else if (is_rng(n, "attribute")) {
		if (cur != NO_RULE)
			add_attr(cur, n, optional);
	} else if (is_rng(n, "ref")) {
		const xmlNode *d = find_define(prop(n, "name"));
		if (d)
			visit_children(d, cur, optional, depth + 1);
	} else if (is_rng(n, "optional") || is_rng(n, "zeroOrMore") ||
		   is_rng(n, "choice")) {
		visit_children(n, cur, true, depth + 1);
	} else if (is_rng(n, "oneOrMore") || is_rng(n, "group") ||
		   is_rng(n, "interleave")) {
		visit_children(n, cur, optional, depth + 1);
	}
}

void content_attrs_load(const char *rng, size_t len)
{
	const xmlNode *root, *c;

	if (rules.loaded)
		return;
	rules.loaded = true;
	rules.doc = xmlReadMemory(rng, (int)len, "rapport.rng", NULL,
				  XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	if (!rules.doc)
		return;
	xmlSchemaInitTypes();
	root = xmlDocGetRootElement(rules.doc);
	for (c = root ? root->children : NULL; c; c = c->next)
		if (is_rng(c, "start"))
			visit_children(c, NO_RULE, false, 0);
}

void content_attrs_free(void)
{
	size_t i, j;

	for (i = 0; i < rules.n; i++) {
		for (j = 0; j < rules.v[i].n; j++)
			if (rules.v[i].attrs[j].regexp)
				xmlRegFreeRegexp(rules.v[i].attrs[j].regexp);
		free(rules.v[i].attrs);
	}
	free(rules.v);
	if (rules.doc)
		xmlFreeDoc(rules.doc);
	memset(&rules, 0, sizeof(rules));
}

static const char *hint(const struct attr_rule *a)
{
	if (a->value)
		return NULL;
	if (a->pattern)
		return "1 to 64 letters, digits, '_', '.' or '-', starting "
		       "with "
		       "a letter or digit";
	if (!a->type)
		return NULL;
	if (strcmp(a->type, "decimal") == 0)
		return "a number such as 80 or 12.5";
	if (strcmp(a->type, "boolean") == 0)
		return "true or false";
	if (strcmp(a->type, "positiveInteger") == 0)
		return "a whole number above 0";
	if (strcmp(a->type, "integer") == 0)
		return "a whole number";
	if (strcmp(a->type, "language") == 0)
		return "a language tag such as en or en-GB";
	return NULL;
}

static bool value_ok(const struct attr_rule *a, const char *v)
{
	if (a->value)
		return strcmp(a->value, v) == 0;
	if (a->regexp && xmlRegexpExec(a->regexp, (const xmlChar *)v) != 1)
		return false;
	if (a->type && strcmp(a->type, "string") != 0) {
		xmlSchemaTypePtr t = xmlSchemaGetPredefinedType(
			(const xmlChar *)a->type, (const xmlChar *)XSD_NS);
		if (t && xmlSchemaValPredefTypeNode(t, (const xmlChar *)v, NULL,
						    NULL) != 0)
			return false;
	}
	return true;
}

/* Why one attribute breaks its rule, or NULL. */
static char *explain_attr(const struct elem_rule *r, const xmlAttr *at)
{
	const struct attr_rule *a = NULL;
	const char *v = at->children && at->children->content
				? (const char *)at->children->content
				: "";
	const char *h;
	size_t i;

	for (i = 0; i < r->n && !a; i++)
		if (r->attrs[i].name &&
		    strcmp(r->attrs[i].name, (const char *)at->name) == 0)
			a = &r->attrs[i];
	if (!a || at->ns)
		return xasprintf("'%s' has no attribute '%s'", r->name,
				 (const char *)at->name);
	if (value_ok(a, v))
		return NULL;
	h = hint(a);
	if (a->value)
		return xasprintf("the attribute '%s' of '%s' must be '%s', not "
				 "'%s'",
				 a->name, r->name, a->value, v);
	if (h)
		return xasprintf(
			"the attribute '%s' of '%s' is not valid: '%s' "
			"(it takes %s)",
			a->name, r->name, v, h);
	return xasprintf("the attribute '%s' of '%s' is not valid: '%s'",
			 a->name, r->name, v);
}

char *content_attrs_explain(const xmlNode *node)
{
	struct strbuf sb = { 0 };
	const char *parent = "";
	const struct elem_rule *r;
	const xmlAttr *at;
	size_t i;

	if (!node || node->type != XML_ELEMENT_NODE)
		return NULL;
	if (node->parent && node->parent->type == XML_ELEMENT_NODE)
		parent = (const char *)node->parent->name;
	r = find_rule(parent, (const char *)node->name);
	if (!r)
		return NULL;
	for (i = 0; i < r->n; i++)
		if (r->attrs[i].required && r->attrs[i].name &&
		    !xmlHasProp(node, (const xmlChar *)r->attrs[i].name))
			strbuf_addf(&sb, "%s'%s' needs the attribute '%s'",
				    sb.len ? "\n" : "", r->name,
				    r->attrs[i].name);
	for (at = node->properties; at; at = at->next) {
		char *why = explain_attr(r, at);
		if (why) {
			strbuf_addf(&sb, "%s%s", sb.len ? "\n" : "", why);
			free(why);
		}
	}
	return sb.len ? strbuf_detach(&sb) : NULL;
}
