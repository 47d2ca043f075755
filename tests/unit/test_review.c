/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_review.c - the review queue's rules: which answers move a question,
 * and the Leitner boxes a question climbs and falls through. */
#include "testlib.h"

#include "review.h"

static void intervals_are_one_three_seven_fourteen(void **state)
{
	(void)state;
	assert_int_equal(review_interval(1), 1);
	assert_int_equal(review_interval(2), 3);
	assert_int_equal(review_interval(3), 7);
	assert_int_equal(review_interval(4), 14);
	/* out of range: as box 1 */
	assert_int_equal(review_interval(0), 1);
	assert_int_equal(review_interval(9), 1);
}

static void a_quiz_miss_enters_a_review_answer_moves(void **state)
{
	(void)state;
	assert_true(review_moves(RUN_QUIZ, OUTCOME_WRONG));
	assert_true(review_moves(RUN_QUIZ, OUTCOME_PARTIAL));
	assert_true(review_moves(RUN_QUIZ, OUTCOME_SKIPPED));
	assert_false(review_moves(RUN_QUIZ, OUTCOME_RIGHT));
	assert_true(review_moves(RUN_REVIEW, OUTCOME_RIGHT));
	assert_true(review_moves(RUN_REVIEW, OUTCOME_WRONG));
	assert_true(review_moves(RUN_REVIEW, OUTCOME_SKIPPED));
	assert_false(review_moves(RUN_REVIEW, OUTCOME_PENDING));
	/* self-assessments and exercises have no right answers to review */
	assert_false(review_moves(RUN_ASSESSMENT, OUTCOME_ANSWERED));
	assert_false(review_moves(RUN_EXERCISE, OUTCOME_WRONG));
	assert_false(review_moves(RUN_EXERCISE, OUTCOME_PARTIAL));
}

static void a_miss_goes_to_box_one_due_tomorrow(void **state)
{
	int box;

	(void)state;
	for (box = 0; box <= REVIEW_BOXES; box++) {
		struct review_step s = review_next(box, false, 100);
		assert_false(s.stays);
		assert_false(s.leaves);
		assert_int_equal(s.box, 1);
		assert_int_equal(s.due, 101);
		assert_true(s.lapse);
	}
}

static void right_climbs_a_box_and_leaves_after_the_last(void **state)
{
	struct review_step s;

	(void)state;
	s = review_next(0, true, 100); /* not in the queue: nothing to do */
	assert_true(s.stays);
	s = review_next(1, true, 100);
	assert_int_equal(s.box, 2);
	assert_int_equal(s.due, 103);
	assert_false(s.lapse);
	s = review_next(2, true, 100);
	assert_int_equal(s.box, 3);
	assert_int_equal(s.due, 107);
	s = review_next(3, true, 100);
	assert_int_equal(s.box, 4);
	assert_int_equal(s.due, 114);
	s = review_next(4, true, 100);
	assert_true(s.leaves);
	assert_false(s.stays);
}

/* A question missed in a quiz on day 10, then reviewed right every time
 * it comes due, is due on days 11, 14, 21 and 35, and then gone. */
static void a_question_walked_through_the_boxes(void **state)
{
	const int64_t due[] = { 11, 14, 21, 35 };
	struct review_step s = review_next(0, false, 10);
	size_t i;

	(void)state;
	for (i = 0; i < 4; i++) {
		assert_false(s.leaves);
		assert_int_equal(s.due, due[i]);
		s = review_next(s.box, true, s.due);
	}
	assert_true(s.leaves);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(intervals_are_one_three_seven_fourteen),
		cmocka_unit_test(a_quiz_miss_enters_a_review_answer_moves),
		cmocka_unit_test(a_miss_goes_to_box_one_due_tomorrow),
		cmocka_unit_test(right_climbs_a_box_and_leaves_after_the_last),
		cmocka_unit_test(a_question_walked_through_the_boxes),
	};
	return cmocka_run_group_tests_name("review", tests, NULL, NULL);
}
