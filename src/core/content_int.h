/* SPDX-License-Identifier: GPL-3.0-or-later */
/* content_int.h - what the loader's parts share without libxml2: one
 * document read into a course (content.c), for the files and folders
 * (content_files.c). The tree's side is content_dom.h. */
#ifndef RAPPORT_CONTENT_INT_H
#define RAPPORT_CONTENT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"

/* Checks, parses, validates and builds the document buf (len bytes) named
 * name into c. in_folder: the document is one file of a course folder,
 * where the course element belongs in course.xml and nowhere else. True
 * when it was added without errors. */
bool content_load_document(struct course *c, const char *name, const char *buf,
			   size_t len, struct diag_list *dl, bool in_folder);

#endif
