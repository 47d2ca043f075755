/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_itemcheck.c - the item-writing checks and the guessers on small
 * worked examples: where "a wide margin" starts, when keys are longest
 * more often than chance, the true/false and pattern thresholds, what an
 * <allow> accepts and when it is stale, and guessers that find exactly the
 * cue a quiz was built with. */
#include "testlib.h"

#include "guess.h"
#include "itemcheck.h"

#define HEAD                                                                   \
	"<course id='t'><title>T</title>"                                      \
	"<competency id='c'><name>C</name></competency>"                       \
	"<lesson id='l' competency='c'><title>L</title>"                       \
	"<section><p>x</p></section></lesson>"                                 \
	"<assessment id='a'><title>A</title><scale><point value='1'>N</point>" \
	"<point value='2'>Y</point></scale><statement id='s' competency='c'>"  \
	"I do.</statement>" BANDS_OK "<actions><action competency='c'>Do."     \
	"</action></actions></assessment>"
#define ONE_QUIZ(body)                                                         \
	HEAD "<quiz id='q' pass='80'><title>Q</title>" body BANDS_OK           \
	     "</quiz></course>"
/* A single choice whose key is k and whose other options are a, b, c. */
#define SC(id, k, a, b, c, extra)                                              \
	"<single-choice id='" id                                               \
	"' competency='c'><prompt>Which one?</prompt>"                         \
	"<option id='k' correct='true'><text>" k "</text></option>"            \
	"<option id='a'><text>" a "</text></option>"                           \
	"<option id='b'><text>" b "</text></option>"                           \
	"<option id='c'><text>" c "</text></option>" extra "</single-choice>"
#define TF(id, answer)                                                         \
	"<true-false id='" id "' competency='c' answer='" answer "'>"          \
	"<prompt>Is it so?</prompt></true-false>"

/* The warnings the item checks give on xml, in dl (caller releases). */
static struct course *checked(const char *xml, struct diag_list *dl)
{
	struct course *c = check_xml(xml, dl);

	assert_int_equal(dl->errors, 0);
	itemcheck_course(c, dl);
	return c;
}

static void a_wide_margin_starts_at_one_and_a_half(void **state)
{
	struct diag_list dl = { 0 };
	/* key 15 characters, the others 10: exactly 1.5 times */
	struct course *c =
		checked(ONE_QUIZ(SC("q1", "abcdefghijklmno", "abcdefghij",
				    "klmnopqrst", "uvwxyzabcd", "")),
			&dl);

	(void)state;
	assert_diag(&dl, "[key-longest]");
	assert_diag(&dl, "1.5 times the others' mean length (15 characters "
			 "against 10)");
	course_free(c);
	diag_list_release(&dl);
	memset(&dl, 0, sizeof(dl));
	/* 14 against 10 is not a wide margin */
	c = checked(ONE_QUIZ(SC("q1", "abcdefghijklmn", "abcdefghij",
				"klmnopqrst", "uvwxyzabcd", "")),
		    &dl);
	assert_no_diag(&dl, "[key-longest]");
	course_free(c);
	diag_list_release(&dl);
}

static void a_tie_for_longest_gives_nothing_away(void **state)
{
	struct diag_list dl = { 0 };
	struct course *c =
		checked(ONE_QUIZ(SC("q1", "abcdefghijklmnopqrst", "abcd",
				    "abcdefghijklmnopqrst", "abcd", "")),
			&dl);

	(void)state;
	assert_no_diag(&dl, "[key-longest]");
	course_free(c);
	diag_list_release(&dl);
}

/* Four items of four options: chance makes the key longest in one. Keys
 * a little longest (no wide margin) in 3 of 4 are not clearly more than
 * chance (p = 0.05: 13/256 is over it); in 4 of 4 they are (1/256). */
static void keys_longest_by_a_one_sided_test(void **state)
{
	struct diag_list dl = { 0 };
#define LONG_KEY(id)                                                           \
	SC(id, "abcdefghijk", "abcdefghij", "klmnopqrst", "uvwxyzabcd", "")
#define SHORT_KEY(id)                                                          \
	SC(id, "abcdefghi", "abcdefghij", "klmnopqrst", "uvwxyzabcd", "")
	struct course *c =
		checked(ONE_QUIZ(LONG_KEY("q1") LONG_KEY("q2") LONG_KEY("q3")
					 SHORT_KEY("q4")),
			&dl);

	(void)state;
	assert_no_diag(&dl, "[keys-longest]");
	course_free(c);
	diag_list_release(&dl);
	memset(&dl, 0, sizeof(dl));
	c = checked(ONE_QUIZ(LONG_KEY("q1") LONG_KEY("q2") LONG_KEY("q3")
				     LONG_KEY("q4")),
		    &dl);
	assert_diag(&dl,
		    "the key is the longest option in 4 of 4 "
		    "one-best-answer questions, where chance gives about 1");
	course_free(c);
	diag_list_release(&dl);
}

static void true_false_three_quarters_one_way(void **state)
{
	struct diag_list dl = { 0 };
	struct course *c =
		checked(ONE_QUIZ(TF("t1", "false") TF("t2", "false")
					 TF("t3", "false") TF("t4", "true")),
			&dl);

	(void)state;
	assert_diag(&dl, "3 of the 4 true/false questions in quiz 'q' are "
			 "false: answering 'false' to all of them scores 75%");
	course_free(c);
	diag_list_release(&dl);
	memset(&dl, 0, sizeof(dl));
	c = checked(ONE_QUIZ(TF("t1", "false") TF("t2", "true")
				     TF("t3", "false") TF("t4", "true")),
		    &dl);
	assert_no_diag(&dl, "[true-false-balance]");
	course_free(c);
	diag_list_release(&dl);
}

static void an_allow_accepts_its_check_and_no_other(void **state)
{
	struct diag_list dl = { 0 };
	struct course *c = checked(
		ONE_QUIZ(
			SC("q1", "abcdefghijklmnopqrstuvwxyz", "abcd", "efgh",
			   "ijkl",
			   "<allow check='key-longest'>a worked "
			   "example</allow>")
				SC("q2", "mnop", "abcd", "All of the above",
				   "ijkl",
				   "<allow check='key-longest'>stale</allow>")),
		&dl);

	(void)state;
	assert_no_diag(&dl, "the key of question 'q1'");
	assert_int_equal(dl.accepted, 1);
	/* q2's allow accepts nothing; its own warning still shows */
	assert_diag(&dl, "question 'q2' allows 'key-longest', but no such "
			 "warning is left there to accept");
	assert_diag(&dl, "option 'b' of question 'q2' is 'all of the above'");
	course_free(c);
	diag_list_release(&dl);
}

/* A quiz built with one cue: every key is the longest option. The
 * longest-option guesser must find it (every run passes), the shortest
 * must not, and random guessing sits near a quarter. */
static void guessers_find_the_cue_the_quiz_has(void **state)
{
	struct diag_list dl = { 0 };
	struct course *c = check_xml(
		ONE_QUIZ(SC("q1", "the long and careful key", "no", "nope",
			    "nah", "") SC("q2", "a long and careful answer",
					  "no", "nope", "nah", "")
				 SC("q3", "the fullest of the options", "no",
				    "nope", "nah", "")
					 SC("q4", "another long and full one",
					    "no", "nope", "nah", "")),
		&dl);
	const struct quiz *q = course_find_kind(c, "q", ITEM_QUIZ);
	struct guess_result longest, shortest, random;

	(void)state;
	assert_non_null(q);
	guess_run(c, q, NULL, GUESS_LONGEST, 50, &longest);
	guess_run(c, q, NULL, GUESS_SHORTEST, 50, &shortest);
	guess_run(c, q, NULL, GUESS_RANDOM, 200, &random);
	assert_int_equal(longest.runs, 50);
	assert_float_equal(longest.mean, 100, 1e-9);
	assert_int_equal(longest.passes, 50);
	assert_float_equal(shortest.mean, 0, 1e-9);
	assert_int_equal(shortest.passes, 0);
	assert_true(random.mean > 15 && random.mean < 35);
	assert_true(random.low >= 0 && random.high <= 100);
	course_free(c);
	diag_list_release(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_wide_margin_starts_at_one_and_a_half),
		cmocka_unit_test(a_tie_for_longest_gives_nothing_away),
		cmocka_unit_test(keys_longest_by_a_one_sided_test),
		cmocka_unit_test(true_false_three_quarters_one_way),
		cmocka_unit_test(an_allow_accepts_its_check_and_no_other),
		cmocka_unit_test(guessers_find_the_cue_the_quiz_has),
	};

	return cmocka_run_group_tests(tests, NULL, teardown_content);
}
