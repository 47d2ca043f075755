/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check.h - the semantic pass: what the schema cannot say about a course. */
#ifndef RAPPORT_CHECK_H
#define RAPPORT_CHECK_H

#include "diag.h"
#include "model.h"

/* Checks a linked course (content_load() links it; after changes, call
 * course_link() first) and adds a diagnostic for every problem: duplicate
 * ids, references that do not resolve, impossible scoring, band gaps and
 * overlaps, value ranges, and competencies without material (warnings).
 * The item-writing checks are apart (itemcheck.h): `validate` runs them
 * on a course that passes these.
 * complete is false when some files failed to load: references to missing
 * items and missing material are then not reported, since the items may be
 * in those files. Returns the number of errors added. */
size_t check_course(const struct course *c, bool complete,
		    struct diag_list *dl);

/* Totals for a course summary line. */
struct course_counts {
	size_t lessons, questions, statements, scenarios, paths;
	size_t quizzes, assessments, exercises, competencies;
};
void course_count(const struct course *c, struct course_counts *out);

/* "6 lessons, 34 questions, 20 statements, 9 scenarios, 1 path";
 * caller frees. */
char *course_counts_format(const struct course_counts *k);

#endif
