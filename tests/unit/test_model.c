/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_model.c - the course model: linking, lookup, bands, counts. */
#include "testlib.h"

static const char minimal[] =
	COURSE(QUIZ("<single-choice id='q1' competency='c' "
		    "lesson='l'><prompt>P</prompt>"
		    "<option id='a' correct='true'><text>A</text></option>"
		    "<option id='b'><text>B</text></option></single-choice>")
		       ASSESSMENT_OK
	       "<path id='p'><title>P</title><read id='r' lesson='l'/>"
	       "<pass id='s2' quiz='q'/><assess id='s3' assessment='a'/>"
	       "<review id='s4'/></path>");

static void links_every_reference(void **state)
{
	struct diag_list dl = { 0 };
	struct course *c = load_xml(minimal, &dl);
	struct question *q;
	struct path *p;
	struct lesson *l;

	(void)state;
	assert_int_equal(dl.n, 0);
	q = course_find_kind(c, "q1", ITEM_QUESTION);
	l = course_find_kind(c, "l", ITEM_LESSON);
	assert_non_null(q);
	assert_non_null(l);
	assert_ptr_equal(q->lesson.target, l);
	assert_ptr_equal(q->competency.target, course_find(c, "c"));
	assert_ptr_equal(l->competency.target, course_find(c, "c"));
	p = course_find_kind(c, "p", ITEM_PATH);
	assert_non_null(p);
	assert_int_equal(p->n_steps, 4);
	assert_ptr_equal(p->steps[0]->target.target, l);
	assert_ptr_equal(p->steps[1]->target.target, course_find(c, "q"));
	assert_ptr_equal(p->steps[2]->target.target, course_find(c, "a"));
	assert_null(p->steps[3]->target.target);
	assert_int_equal(p->steps[3]->kind, STEP_REVIEW);
	/* the wrong kind is no match */
	assert_null(course_find_kind(c, "q1", ITEM_LESSON));
	assert_null(course_find(c, "nothing"));
	diag_list_release(&dl);
	course_free(c);
}

static void titles_of_items(void **state)
{
	struct diag_list dl = { 0 };
	struct course *c = load_xml(minimal, &dl);
	const struct lesson *l = course_find_kind(c, "l", ITEM_LESSON);
	const struct quiz *q = course_find_kind(c, "q", ITEM_QUIZ);
	const struct assessment *a = course_find_kind(c, "a", ITEM_ASSESSMENT);

	(void)state;
	assert_int_equal(dl.n, 0);
	assert_ptr_equal(item_title(&l->item), l->title);
	assert_ptr_equal(item_title(&q->item), q->title);
	assert_ptr_equal(item_title(&a->item), a->title);
	assert_non_null(l->title);
	/* a question has a prompt, not a title */
	assert_null(item_title(course_find(c, "q1")));
	assert_null(item_title(NULL));
	diag_list_release(&dl);
	course_free(c);
}

static void relinking_is_harmless(void **state)
{
	struct diag_list dl = { 0 };
	struct course *c = load_xml(minimal, &dl);

	(void)state;
	course_link(c);
	course_link(c);
	assert_non_null(course_find_kind(c, "s", ITEM_STATEMENT));
	diag_list_release(&dl);
	course_free(c);
	course_free(NULL);
}

static void bands_are_half_open(void **state)
{
	struct band b[3] = {
		{ .min = 60, .max = 80, .label = "mid" },
		{ .min = 0, .max = 60, .label = "low" },
		{ .min = 80, .max = 100, .label = "top" },
	};

	(void)state;
	assert_string_equal(band_for_score(b, 3, 0)->label, "low");
	assert_string_equal(band_for_score(b, 3, 59.999)->label, "low");
	assert_string_equal(band_for_score(b, 3, 60)->label, "mid");
	assert_string_equal(band_for_score(b, 3, 79.9999)->label, "mid");
	assert_string_equal(band_for_score(b, 3, 80)->label, "top");
	assert_string_equal(band_for_score(b, 3, 100)->label, "top");
	assert_null(band_for_score(b, 3, 100.5));
	assert_null(band_for_score(b, 3, -1));
	assert_null(band_for_score(b, 0, 50));
}

static void counts_read_naturally(void **state)
{
	struct course_counts k = { .lessons = 1,
				   .questions = 34,
				   .statements = 20,
				   .scenarios = 0,
				   .paths = 1 };
	char *s = course_counts_format(&k);

	(void)state;
	assert_string_equal(s, "1 lesson, 34 questions, 20 statements, "
			       "0 scenarios, 1 path");
	free(s);
}

static void names_kinds_and_types(void **state)
{
	(void)state;
	assert_string_equal(item_kind_name(ITEM_STEP), "path step");
	assert_string_equal(item_kind_name(ITEM_KIND_COUNT), "item");
	assert_string_equal(question_type_name(Q_JUDGEMENT), "judgement");
	assert_string_equal(question_type_name(Q_SHORT), "short-answer");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(links_every_reference),
		cmocka_unit_test(titles_of_items),
		cmocka_unit_test(relinking_is_harmless),
		cmocka_unit_test(bands_are_half_open),
		cmocka_unit_test(counts_read_naturally),
		cmocka_unit_test(names_kinds_and_types),
	};
	return cmocka_run_group_tests_name("model", tests, NULL,
					   teardown_content);
}
