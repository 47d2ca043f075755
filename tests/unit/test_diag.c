/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_diag.c - collecting, sorting and formatting diagnostics. */
#include "testlib.h"

static void counts_and_formats(void **state)
{
	struct diag_list dl = { 0 };
	char *s;

	(void)state;
	diag_add(&dl, DIAG_ERROR, "a.xml", 3, 7, "question '%s' has no %s",
		 "q1", "correct option");
	diag_add(&dl, DIAG_WARNING, "a.xml", 0, 5, "whole file");
	diag_add(&dl, DIAG_ERROR, "b.xml", 9, 0, "no column");
	assert_int_equal(dl.errors, 2);
	assert_int_equal(dl.warnings, 1);
	s = diag_format(&dl.items[0]);
	assert_string_equal(
		s, "a.xml:3:7: error: question 'q1' has no correct option");
	free(s);
	s = diag_format(&dl.items[1]);
	assert_string_equal(s, "a.xml: warning: whole file");
	free(s);
	s = diag_format(&dl.items[2]);
	assert_string_equal(s, "b.xml:9: error: no column");
	free(s);
	diag_list_release(&dl);
	assert_int_equal(dl.n, 0);
}

static void format_makes_terminal_safe(void **state)
{
	struct diag_list dl = { 0 };
	char *s;

	(void)state;
	diag_add(&dl, DIAG_ERROR, "ev\x1b]0;il.xml", 1, 1, "'%s' is bad",
		 "\xc2\x9b"
		 "31m\xe2\x80\xae");
	s = diag_format(&dl.items[0]);
	assert_null(strchr(s, '\x1b'));
	assert_null(strstr(s, "\xc2\x9b"));
	assert_null(strstr(s, "\xe2\x80\xae"));
	assert_non_null(
		strstr(s, "ev" TEXT_REPLACEMENT "]0;il.xml:1:1: error:"));
	free(s);
	diag_list_release(&dl);
}

static void sorts_by_file_then_place(void **state)
{
	struct diag_list dl = { 0 };

	(void)state;
	diag_add(&dl, DIAG_ERROR, "z.xml", 5, 1, "z5");
	diag_add(&dl, DIAG_ERROR, "a.xml", 9, 1, "a9");
	diag_add(&dl, DIAG_ERROR, "z.xml", 2, 8, "z2-8");
	diag_add(&dl, DIAG_ERROR, "a.xml", 1, 1, "a1");
	diag_add(&dl, DIAG_ERROR, "z.xml", 2, 3, "z2-3");
	diag_add(&dl, DIAG_WARNING, "z.xml", 2, 3, "z2-3 second");
	diag_sort(&dl, NULL, 0);
	/* files keep the order they first appeared in, places sort within */
	assert_string_equal(dl.items[0].msg, "z2-3");
	assert_string_equal(dl.items[1].msg, "z2-3 second");
	assert_string_equal(dl.items[2].msg, "z2-8");
	assert_string_equal(dl.items[3].msg, "z5");
	assert_string_equal(dl.items[4].msg, "a1");
	assert_string_equal(dl.items[5].msg, "a9");
	diag_list_release(&dl);
}

static void sorts_files_in_load_order(void **state)
{
	static const char *const order[] = { "course.xml", "lessons/a.xml",
					     "quiz.xml" };
	struct diag_list dl = { 0 };

	(void)state;
	diag_add(&dl, DIAG_ERROR, "quiz.xml", 1, 1, "q");
	diag_add(&dl, DIAG_ERROR, "elsewhere.xml", 1, 1, "e");
	diag_add(&dl, DIAG_WARNING, "course.xml", 4, 3, "c");
	diag_add(&dl, DIAG_ERROR, "lessons/a.xml", 2, 1, "a");
	diag_sort(&dl, order, 3);
	assert_string_equal(dl.items[0].msg, "c");
	assert_string_equal(dl.items[1].msg, "a");
	assert_string_equal(dl.items[2].msg, "q");
	assert_string_equal(dl.items[3].msg, "e");
	diag_list_release(&dl);
}

static void append_moves_in_order(void **state)
{
	struct diag_list to = { 0 }, from = { 0 };

	(void)state;
	diag_add(&to, DIAG_ERROR, "a.xml", 4, 1, "first");
	diag_add(&from, DIAG_WARNING, "a.xml", 4, 1, "second");
	diag_add(&from, DIAG_ERROR, "a.xml", 4, 1, "third");
	diag_list_append(&to, &from);
	assert_int_equal(from.n, 0);
	assert_null(from.items);
	assert_int_equal(to.n, 3);
	assert_int_equal(to.errors, 2);
	assert_int_equal(to.warnings, 1);
	/* at one place, arrival decides: the moved ones come after */
	diag_sort(&to, NULL, 0);
	assert_string_equal(to.items[0].msg, "first");
	assert_string_equal(to.items[1].msg, "second");
	assert_string_equal(to.items[2].msg, "third");
	diag_list_release(&to);
	diag_list_release(&from);
}

static void summary_counts_in_words(void **state)
{
	char *s;

	(void)state;
	s = diag_summary(0, 0, 0);
	assert_string_equal(s, "ok");
	free(s);
	s = diag_summary(1, 0, 0);
	assert_string_equal(s, "1 error");
	free(s);
	s = diag_summary(0, 2, 0);
	assert_string_equal(s, "2 warnings");
	free(s);
	s = diag_summary(3, 1, 0);
	assert_string_equal(s, "3 errors, 1 warning");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(counts_and_formats),
		cmocka_unit_test(format_makes_terminal_safe),
		cmocka_unit_test(sorts_by_file_then_place),
		cmocka_unit_test(sorts_files_in_load_order),
		cmocka_unit_test(append_moves_in_order),
		cmocka_unit_test(summary_counts_in_words),
	};
	return cmocka_run_group_tests_name("diag", tests, NULL, NULL);
}
