/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_gift.c - Moodle's GIFT format read: each kind of question, what
 * escapes stand for, categories, places in the file, and what is refused
 * without losing the questions around it. */
#include "testlib.h"

#include "gift.h"

static size_t parse(const char *text, struct gift_file *f, struct diag_list *dl)
{
	return gift_parse("t.gift", text, strlen(text), f, dl);
}

static void test_every_kind(void **state)
{
	struct diag_list dl = { 0 };
	struct gift_file f;
	static const char text[] =
		"// a comment\n"
		"$CATEGORY: Desk/Basics\n"
		"\n"
		"::One:: Who first? {=the desk#yes ~%-50%you#no ####Ask.}\n"
		"\n"
		"::Two:: It is busy. {FALSE#it is#right}\n"
		"\n"
		"Short {=reason =%50%why}\n"
		"\n"
		"Pairs {=desk -> orders = -> stock}\n"
		"\n"
		"You thank the desk {~before =after} it ships.\n"
		"\n"
		"Essay {}\n"
		"\n"
		"Numbers {#3:1}\n"
		"\n"
		"Just words.\n";
	const struct gift_question *q;

	(void)state;
	assert_int_equal(parse(text, &f, &dl), 0);
	assert_int_equal(f.n, 9);
	assert_int_equal(f.v[0].type, GIFT_CATEGORY);
	assert_string_equal(f.v[0].category, "Desk/Basics");
	q = &f.v[1];
	assert_int_equal(q->type, GIFT_MC);
	assert_string_equal(q->title, "One");
	assert_string_equal(q->text, "Who first?");
	assert_string_equal(q->category, "Desk/Basics");
	assert_int_equal(q->line, 4);
	assert_int_equal(q->n_answers, 2);
	assert_true(q->answers[0].correct);
	assert_string_equal(q->answers[0].feedback, "yes");
	assert_true(q->answers[1].has_weight);
	assert_float_equal(q->answers[1].weight, -50, 0);
	assert_string_equal(q->answers[1].text, "you");
	assert_int_equal(q->answers[1].col, 35);
	assert_string_equal(q->general, "Ask.");
	q = &f.v[2];
	assert_int_equal(q->type, GIFT_TF);
	assert_false(q->is_true);
	assert_string_equal(q->feedback1, "it is");
	assert_string_equal(q->feedback2, "right");
	assert_int_equal(f.v[3].type, GIFT_SHORT);
	assert_int_equal(f.v[3].n_answers, 2);
	q = &f.v[4];
	assert_int_equal(q->type, GIFT_MATCHING);
	assert_string_equal(q->answers[0].text, "desk");
	assert_string_equal(q->answers[0].match, "orders");
	assert_string_equal(q->answers[1].text, ""); /* a distractor */
	q = &f.v[5];
	assert_true(q->embedded);
	assert_string_equal(q->text, "You thank the desk _____ it ships.");
	assert_int_equal(f.v[6].type, GIFT_ESSAY);
	assert_int_equal(f.v[7].type, GIFT_NUMERICAL);
	assert_string_equal(f.v[7].numerical, "3:1");
	assert_int_equal(f.v[8].type, GIFT_DESCRIPTION);
	assert_string_equal(f.v[8].text, "Just words.");
	gift_release(&f);
	diag_list_release(&dl);
}

static void test_escapes_and_spacing(void **state)
{
	struct diag_list dl = { 0 };
	struct gift_file f;

	(void)state;
	assert_int_equal(
		parse("\xEF\xBB\xBF::A\\: title::[html] Say \\{this\\} \\~ "
		      "that\\nand\r\n  more\\# here {=a \\= b#fine}\r\n",
		      &f, &dl),
		0);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.v[0].title, "A: title");
	assert_string_equal(f.v[0].format, "html");
	assert_string_equal(f.v[0].text, "Say {this} ~ that\nand more# here");
	assert_string_equal(f.v[0].answers[0].text, "a = b");
	assert_int_equal(f.v[0].line, 1);
	gift_release(&f);
	diag_list_release(&dl);
}

/* A bad question is said where it is, and the next ones still read. */
static void test_errors_keep_the_rest(void **state)
{
	struct diag_list dl = { 0 };
	struct gift_file f;

	(void)state;
	assert_int_equal(parse("Open {=a ~b\n"
			       "\n"
			       "Weight {~%200%a =b}\n"
			       "\n"
			       "Fine {=yes ~no}\n",
			       &f, &dl),
			 2);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.v[0].text, "Fine");
	assert_int_equal(dl.n, 2);
	assert_int_equal(dl.items[0].line, 1);
	assert_int_equal(dl.items[0].col, 6);
	assert_non_null(strstr(dl.items[0].msg, "does not end"));
	assert_int_equal(dl.items[1].line, 3);
	assert_non_null(strstr(dl.items[1].msg, "-100 to 100"));
	gift_release(&f);
	diag_list_release(&dl);
}

/* A GIFT file is UTF-8 text. A NUL byte, or a byte that is not UTF-8 (a
 * file saved as Latin-1), is refused where it stands, once a file for
 * each, with how many lines have one; the text around it is not cut off
 * at the NUL or changed, and what is read holds neither. */
static void test_bytes_that_are_not_text(void **state)
{
	struct diag_list dl = { 0 };
	struct gift_file f;
	static const char text[] = "$CATEGORY: Desk/\0edent\n"
				   "\n"
				   "::Caf\xE9:: Who \0first? {=the desk ~you}\n"
				   "\n"
				   "Tr\xE8s {=oui ~non}\n"
				   "\n"
				   "Fine \xC3\xA9 {=yes ~no}\n";
	size_t i, j;

	(void)state;
	assert_int_equal(gift_parse("t.gift", text, sizeof(text) - 1, &f, &dl),
			 2);
	assert_int_equal(dl.n, 2);
	assert_int_equal(dl.items[0].line, 1);
	assert_int_equal(dl.items[0].col, 17);
	assert_diag(&dl, "a NUL byte");
	assert_diag(&dl, "and 1 more line");
	assert_int_equal(dl.items[1].line, 3);
	assert_int_equal(dl.items[1].col, 6);
	assert_diag(&dl, "byte 0xE9 is not UTF-8");
	assert_diag(&dl, "and 1 more line");
	assert_int_equal(f.n, 4);
	assert_string_equal(f.v[0].category, "Desk/?edent");
	assert_string_equal(f.v[1].text, "Who ?first?");
	assert_string_equal(f.v[3].text, "Fine \xC3\xA9");
	for (i = 0; i < f.n; i++)
		for (j = 0; j < f.v[i].n_answers; j++)
			assert_null(strchr(f.v[i].answers[j].text, '\xE9'));
	assert_null(strchr(f.v[1].title, '\xE9'));
	gift_release(&f);
	diag_list_release(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_kind),
		cmocka_unit_test(test_escapes_and_spacing),
		cmocka_unit_test(test_errors_keep_the_rest),
		cmocka_unit_test(test_bytes_that_are_not_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
