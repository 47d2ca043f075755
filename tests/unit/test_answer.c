/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_answer.c - reading typed answers: every form, every unclear case. */
#include "testlib.h"

#include "answer.h"
#include "engine.h"

static const char course_xml[] = COURSE(
	"<quiz id='q' pass='50' shuffle='false'><title>Q</title>"
	"<single-choice id='sc' competency='c' "
	"shuffle='false'><prompt>P</prompt>"
	"<option id='w' correct='true'><text>W</text></option>"
	"<option id='x'><text>X</text></option><option id='y'><text>Y</text>"
	"</option><option id='z'><text>Z</text></option></single-choice>"
	"<multiple-response id='mr' competency='c' "
	"shuffle='false'><prompt>P</prompt>"
	"<option id='a' fraction='50'><text>A</text></option>"
	"<option id='b' fraction='50'><text>B</text></option>"
	"<option id='c' "
	"fraction='-50'><text>C</text></option></multiple-response>"
	"<ordering id='or' competency='c'><prompt>P</prompt><item "
	"id='i1'>1</item>"
	"<item id='i2'>2</item><item id='i3'>3</item><item id='i4'>4</item>"
	"</ordering>"
	"<true-false id='tf' competency='c' answer='false'><prompt>P</prompt>"
	"</true-false>"
	"<short-answer id='sa' competency='c'><prompt>P</prompt>"
	"<accept>goodwill</accept></short-answer>" BANDS_OK "</quiz>"
	"<assessment id='a'><title>A</title><scale><point "
	"value='1'>Never</point>"
	"<point value='2'>Sometimes</point><point value='3'>Almost "
	"always</point>"
	"</scale><statement id='s' competency='c'>I do.</statement>" BANDS_OK
	"<actions><action competency='c'>Do.</action></actions></assessment>");

static struct course *course;
static struct run *quiz, *self;

static int setup(void **state)
{
	(void)state;
	course = test_course(course_xml);
	if (!course)
		return -1;
	quiz = run_new_quiz(course, course_find_kind(course, "q", ITEM_QUIZ),
			    1);
	self = run_new_assessment(
		course, course_find_kind(course, "a", ITEM_ASSESSMENT), 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	run_free(quiz);
	run_free(self);
	course_free(course);
	content_cleanup();
	return 0;
}

static const struct run_item *item(const char *id)
{
	size_t i;

	for (i = 0; i < quiz->n_items; i++)
		if (strcmp(quiz->items[i].question->item.id, id) == 0)
			return &quiz->items[i];
	return NULL;
}

/* Parses line for item id; expects a response whose picks, as shown
 * letters, are want (a string of letters). */
static void expect_letters(const char *id, const char *line, const char *want)
{
	const struct run_item *it = item(id);
	struct answer a;
	size_t i;

	answer_parse(quiz, it, line, &a);
	if (a.kind != ANSWER_RESPONSE)
		fail_msg("'%s' for %s: %s", line, id,
			 a.why ? a.why : "not a response");
	assert_int_equal(a.response.n_picks, strlen(want));
	for (i = 0; i < a.response.n_picks; i++)
		assert_int_equal(a.response.picks[i], it->order[want[i] - 'a']);
	answer_release(&a);
}

static void expect_unclear(const struct run *r, const struct run_item *it,
			   const char *line, const char *why)
{
	struct answer a;

	answer_parse(r, it, line, &a);
	assert_int_equal(a.kind, ANSWER_UNCLEAR);
	assert_string_equal(a.why, why);
	answer_release(&a);
}

static void letters_in_every_form(void **state)
{
	(void)state;
	expect_letters("sc", "b", "b");
	expect_letters("sc", "  B \n", "b");
	expect_letters("mr", "a c", "ac");
	expect_letters("mr", "a,c", "ac");
	expect_letters("mr", "a, c", "ac");
	expect_letters("mr", "AC", "ac");
	expect_letters("mr", "c", "c");
	expect_letters("or", "c a b d", "cabd");
	expect_letters("or", "cabd", "cabd");
	expect_letters("or", "d,c,b,a", "dcba");
	expect_letters("tf", "a", "a");
	expect_letters("tf", "False", "b");
	expect_letters("tf", "t", "a");
}

static void unclear_answers_are_explained(void **state)
{
	(void)state;
	expect_unclear(quiz, item("sc"), "z",
		       "'z' is not one of the letters, a to d");
	expect_unclear(quiz, item("sc"), "e",
		       "'e' is not one of the letters, a to d");
	expect_unclear(quiz, item("sc"), "", "type a letter");
	expect_unclear(quiz, item("sc"), "   ", "type a letter");
	expect_unclear(quiz, item("sc"), "a b", "pick one letter only");
	expect_unclear(quiz, item("sc"), "ab", "pick one letter only");
	expect_unclear(quiz, item("sc"), "hello",
		       "answer with one letter, a to d");
	expect_unclear(quiz, item("mr"), "a a", "'a' is there twice");
	expect_unclear(quiz, item("mr"), "aa", "'a' is there twice");
	expect_unclear(quiz, item("mr"), ",", "type one or more letters");
	expect_unclear(quiz, item("mr"), "d",
		       "'d' is not one of the letters, a to c");
	expect_unclear(quiz, item("or"), "a b c",
		       "put all 4 letters in order, each once (you gave 3)");
	expect_unclear(quiz, item("or"), "a b c c", "'c' is there twice");
	expect_unclear(quiz, item("tf"), "c",
		       "'c' is not one of the letters, a to b");
	expect_unclear(quiz, item("sa"), "  ", "type your answer, or skip");
	expect_unclear(quiz, item("sc"), "back",
		       "a quiz goes forward only; answer, skip or quit");
}

static void commands_are_words(void **state)
{
	struct answer a;

	(void)state;
	answer_parse(quiz, item("sc"), "skip", &a);
	assert_int_equal(a.kind, ANSWER_SKIP);
	answer_parse(quiz, item("sa"), " HINT ", &a);
	assert_int_equal(a.kind, ANSWER_HINT);
	answer_parse(quiz, item("mr"), "quit", &a);
	assert_int_equal(a.kind, ANSWER_QUIT);
	answer_parse(self, &self->items[0], "back", &a);
	assert_int_equal(a.kind, ANSWER_BACK);
	answer_parse(self, &self->items[0], "hint", &a);
	assert_int_equal(a.kind, ANSWER_UNCLEAR);
	answer_release(&a);
}

static void short_answers_keep_their_text(void **state)
{
	struct answer a;

	(void)state;
	answer_parse(quiz, item("sa"), "  Good Will \n", &a);
	assert_int_equal(a.kind, ANSWER_RESPONSE);
	assert_string_equal(a.response.text, "Good Will");
	answer_release(&a);
	/* letters are text here */
	answer_parse(quiz, item("sa"), "b", &a);
	assert_int_equal(a.kind, ANSWER_RESPONSE);
	assert_string_equal(a.response.text, "b");
	answer_release(&a);
}

static void likert_takes_numbers_and_labels(void **state)
{
	struct answer a;

	(void)state;
	answer_parse(self, &self->items[0], "3", &a);
	assert_int_equal(a.kind, ANSWER_RESPONSE);
	assert_int_equal(a.response.value, 3);
	answer_parse(self, &self->items[0], "almost ALWAYS", &a);
	assert_int_equal(a.kind, ANSWER_RESPONSE);
	assert_int_equal(a.response.value, 3);
	expect_unclear(self, &self->items[0], "4",
		       "answer with a number from 1 to 3");
	expect_unclear(self, &self->items[0], "0",
		       "answer with a number from 1 to 3");
	expect_unclear(self, &self->items[0], "2.5",
		       "answer with a number from 1 to 3");
	expect_unclear(self, &self->items[0], "",
		       "answer with a number from 1 to 3");
	expect_unclear(self, &self->items[0], "b",
		       "answer with a number from 1 to 3");
}

static void prompts_say_what_is_expected(void **state)
{
	char *s;

	(void)state;
	s = answer_expected(quiz, item("sc"));
	assert_string_equal(s, "a letter, a to d");
	free(s);
	s = answer_expected(quiz, item("mr"));
	assert_string_equal(s, "one or more letters, a to c");
	free(s);
	s = answer_expected(quiz, item("or"));
	assert_string_equal(s, "all 4 letters, in the order you choose");
	free(s);
	s = answer_expected(quiz, item("sa"));
	assert_string_equal(s, "your answer in a few words");
	free(s);
	s = answer_expected(self, &self->items[0]);
	assert_string_equal(s, "a number, 1 to 3");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(letters_in_every_form),
		cmocka_unit_test(unclear_answers_are_explained),
		cmocka_unit_test(commands_are_words),
		cmocka_unit_test(short_answers_keep_their_text),
		cmocka_unit_test(likert_takes_numbers_and_labels),
		cmocka_unit_test(prompts_say_what_is_expected),
	};
	return cmocka_run_group_tests_name("answer", tests, setup, teardown);
}
