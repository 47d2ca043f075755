/* SPDX-License-Identifier: GPL-3.0-or-later */
/* testlib.h - what the unit tests share: cmocka, and loading courses from
 * strings. Included once per test program. */
#ifndef RAPPORT_TESTLIB_H
#define RAPPORT_TESTLIB_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "check.h"
#include "content.h"
#include "diag.h"
#include "model.h"
#include "text.h"
#include "util.h"

/* A course loaded from one in-memory document named "t.xml", linked. */
static inline struct course *load_xml(const char *xml, struct diag_list *dl)
{
	struct course *c = course_new("t.xml");

	content_load_memory(c, "t.xml", xml, strlen(xml), dl);
	course_link(c);
	return c;
}

/* Loads and checks; returns the course. */
static inline struct course *check_xml(const char *xml, struct diag_list *dl)
{
	struct course *c = load_xml(xml, dl);

	check_course(c, c->files_skipped == 0, dl);
	diag_sort(dl, (const char *const *)c->files.v, c->files.n);
	return c;
}

/* The course a test group works on: loaded and checked, or NULL after
 * printing what was wrong with it (a setup function then returns -1). */
static inline struct course *test_course(const char *xml)
{
	struct diag_list dl = { 0 };
	struct course *c = check_xml(xml, &dl);
	size_t i;

	if (dl.errors) {
		for (i = 0; i < dl.n; i++) {
			char *s = diag_format(&dl.items[i]);
			print_message("%s\n", s);
			free(s);
		}
		course_free(c);
		c = NULL;
	}
	diag_list_release(&dl);
	return c;
}

/* The index of the first diagnostic whose formatted text contains needle,
 * or -1. */
static inline int find_diag(const struct diag_list *dl, const char *needle)
{
	size_t i;

	for (i = 0; i < dl->n; i++) {
		char *s = diag_format(&dl->items[i]);
		int hit = strstr(s, needle) != NULL;
		free(s);
		if (hit)
			return (int)i;
	}
	return -1;
}

/* Fails the test, listing what was there, unless a diagnostic contains
 * needle. */
#define assert_diag(dl, needle)                                                \
	do {                                                                   \
		if (find_diag((dl), (needle)) < 0) {                           \
			size_t i_;                                             \
			for (i_ = 0; i_ < (dl)->n; i_++) {                     \
				char *s_ = diag_format(&(dl)->items[i_]);      \
				print_message("  have: %s\n", s_);             \
				free(s_);                                      \
			}                                                      \
			fail_msg("no diagnostic contains \"%s\"", (needle));   \
		}                                                              \
	} while (0)

#define assert_no_diag(dl, needle)                                             \
	assert_int_equal(find_diag((dl), (needle)), -1)

/* A group teardown for tests that load content: frees libxml2's globals
 * so that leak checkers see a clean exit. */
static inline int teardown_content(void **state)
{
	(void)state;
	content_cleanup();
	return 0;
}

/* The course a group of tests works on, from the document xml: defines
 * `course` and the group's setup() and teardown(). */
#define COURSE_GROUP(xml)                                                      \
	static struct course *course;                                          \
	static int setup(void **state)                                         \
	{                                                                      \
		(void)state;                                                   \
		course = test_course(xml);                                     \
		return course ? 0 : -1;                                        \
	}                                                                      \
	static int teardown(void **state)                                      \
	{                                                                      \
		(void)state;                                                   \
		course_free(course);                                           \
		return teardown_content(state);                                \
	}

/* A course frame with one competency that has a lesson, a question and a
 * statement, so that only what a test adds can cause diagnostics. QUIZ,
 * ASSESS and EXTRA are spliced in by the tests. */
#define COURSE_HEAD                                                            \
	"<course id='t'><title>T</title>"                                      \
	"<competency id='c'><name>C</name></competency>"                       \
	"<lesson id='l' competency='c'><title>L</title>"                       \
	"<section><p>Text.</p></section></lesson>"
#define BANDS_OK                                                               \
	"<bands><band min='0' max='50'><label>Low</label><advice>a</advice>"   \
	"</band><band min='50' max='100'><label>High</label>"                  \
	"<advice>b</advice></band></bands>"
#define TF_QUESTION                                                            \
	"<true-false id='tf' competency='c' answer='true'>"                    \
	"<prompt>P</prompt></true-false>"
#define ASSESSMENT_OK                                                          \
	"<assessment id='a'><title>A</title><scale><point value='1'>No"        \
	"</point><point value='2'>Yes</point></scale>"                         \
	"<statement id='s' competency='c'>I do.</statement>" BANDS_OK          \
	"<actions><action competency='c' lesson='l'>Do it.</action>"           \
	"</actions></assessment>"
#define QUIZ(body)                                                             \
	"<quiz id='q' pass='50'><title>Q</title>" body BANDS_OK "</quiz>"
#define COURSE(body) COURSE_HEAD body "</course>"

#endif
