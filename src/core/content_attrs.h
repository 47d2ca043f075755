/* SPDX-License-Identifier: GPL-3.0-or-later */
/* content_attrs.h - attribute rules from the schema, private to the loader. */
#ifndef RAPPORT_CONTENT_ATTRS_H
#define RAPPORT_CONTENT_ATTRS_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

/* Reads the attribute rules (which element, in which parent, takes which
 * attributes of which type) from the RelaxNG schema text. Once; later
 * calls do nothing. */
void content_attrs_load(const char *rng, size_t len);
void content_attrs_free(void);

/* Why node's attributes break the rules: every missing required
 * attribute, unknown one, or value of the wrong type, one message a line,
 * in a string the caller frees; NULL when the rules find nothing wrong. */
char *content_attrs_explain(const xmlNode *node);

#endif
