/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_qbank.c - imported questions: Moodle's grades, category paths,
 * ids made of names, Moodle's text formats, GIFT mapped onto rapport's
 * kinds, and the files written (unique ids, wrapped text, split banks). */
#include "testlib.h"

#include "moodle.h"
#include "qbank.h"

static void test_grades(void **state)
{
	(void)state;
	assert_true(qbank_moodle_grade_ok(100));
	assert_true(qbank_moodle_grade_ok(33.33333));
	assert_true(qbank_moodle_grade_ok(-33.3333));
	assert_true(qbank_moodle_grade_ok(0));
	assert_false(qbank_moodle_grade_ok(33));
	assert_false(qbank_moodle_grade_ok(45));
	assert_true(qbank_moodle_grade_nearest(33) > 33.33 &&
		    qbank_moodle_grade_nearest(33) < 33.34);
	assert_true(qbank_moodle_grade_nearest(-47) == -50);
	assert_true(qbank_moodle_grade_nearest(97) == 100);
}

/* A category path tidied, shown as Moodle writes it, and its last part
 * as a name. "//" is a '/' inside a name (the pairs read from the left,
 * as Moodle reads them), and the parts keep where they end: "Desk//" is
 * one category named "Desk/", and "A/ //" is "/" inside "A", not "A/"
 * with an empty part after it. */
static void test_category_paths(void **state)
{
	static const char *const cases[][3] = {
		{ "$course$/top/Default for X/  Sales   desk ",
		  "Default for X/Sales desk", "Sales desk" },
		{ "$system$/Either//or/B", "Either//or/B", "B" },
		{ "Sales/Either//or", "Sales/Either//or", "Either/or" },
		{ "Desk// ", "Desk//", "Desk/" },
		{ "A/ //", "A///", "/" },
		{ "A///B", "A///B", "B" },
		{ "Desk", "Desk", "Desk" },
		{ "Top", "", "" },
	};
	char *p, *shown, *name;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		p = qbank_category_path(cases[i][0]);
		shown = qbank_category_shown(p);
		name = qbank_category_name(p);
		assert_string_equal(shown, cases[i][1]);
		assert_string_equal(name, cases[i][2]);
		free(p);
		free(shown);
		free(name);
	}
	p = qbank_category_path(NULL);
	assert_string_equal(p, "");
	free(p);
}

/* Text for a course file holds nothing the loader or XML refuses: a
 * control, U+FFFE or U+FFFF is a space; malformed UTF-8 is U+FFFD. */
static void test_tidy(void **state)
{
	static const char *const cases[][2] = {
		{ "  Ask   the\tdesk\n first ", "Ask the desk first" },
		{ "a\x01"
		  "b",
		  "a b" },
		{ "a\xEF\xBF\xBF"
		  "b \xEF\xBF\xBE",
		  "a b" },
		{ "caf\xC3\xA9 \xEF\xBF\xBD", "caf\xC3\xA9 \xEF\xBF\xBD" },
		{ "x\xFF", "x\xEF\xBF\xBD" },
		{ "\xC2\x85", NULL },
		{ "\xEF\xBF\xBF", NULL },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *t = qbank_tidy(cases[i][0]);
		if (cases[i][1])
			assert_string_equal(t, cases[i][1]);
		else
			assert_null(t);
		free(t);
	}
}

static void test_slugs(void **state)
{
	char *s;

	(void)state;
	s = qbank_slug("Who's on the desk? (Part 2)", 64, "q");
	assert_string_equal(s, "whos-on-the-desk-part-2");
	free(s);
	s = qbank_slug("Café für alle", 64, "q");
	assert_string_equal(s, "caf-f-r-alle");
	free(s);
	s = qbank_slug("???", 64, "q");
	assert_string_equal(s, "q");
	free(s);
	/* cut at a '-' before the limit */
	s = qbank_slug("one two three four", 10, "q");
	assert_string_equal(s, "one-two");
	free(s);
}

static void test_text_formats(void **state)
{
	unsigned lost = 0;
	char *t;
	struct qb_question q = { 0 };

	(void)state;
	t = moodle_text("<p>One &amp; <b>two</b></p><p>three<br>four</p>",
			"html", &lost);
	assert_string_equal(t, "One & two three four");
	assert_int_equal(lost, 0);
	free(t);
	t = moodle_text("<img src=\"@@PLUGINFILE@@/a.png\" alt=\"a map\">"
			"<script>x()</script>Go",
			"html", &lost);
	assert_string_equal(t, "[a map] Go");
	assert_int_equal(lost, MOODLE_LOST_IMAGE);
	free(t);
	lost = 0;
	t = moodle_text("**bold** words", "markdown", &lost);
	assert_string_equal(t, "**bold** words");
	assert_int_equal(lost, MOODLE_LOST_FORMAT);
	free(t);
	assert_null(moodle_text("<p>  </p>", "html", &lost));
	/* controls never reach a course file */
	t = moodle_text("a\x01"
			"b\xC2\x85"
			"c",
			"plain_text", &lost);
	assert_string_equal(t, "a b c");
	free(t);
	moodle_text_paras(&q, "First.\n\nSecond\nline.", "plain_text", &lost);
	assert_int_equal(q.n_paras, 2);
	assert_string_equal(q.paras[1].text, "Second line.");
	free(q.paras[0].text);
	free(q.paras[1].text);
	free(q.paras);
}

static void read_gift(const char *text, struct qbank *qb, struct diag_list *dl)
{
	struct gift_file g = { 0 };

	qb->file = "t.gift";
	assert_int_equal(gift_parse("t.gift", text, strlen(text), &g, dl), 0);
	qbank_from_gift(qb, &g, dl);
	gift_release(&g);
}

static void test_gift_kinds(void **state)
{
	struct qbank qb = { 0 };
	struct diag_list dl = { 0 };

	(void)state;
	read_gift("::A:: One? {=yes ~no}\n\n"
		  "::B:: Partial? {=best ~%50%half ~%-25%bad}\n\n"
		  "::C:: Several? {~%50%x ~%50%y ~%-100%z}\n\n"
		  "::D:: Says so. {F#wrong#right}\n\n"
		  "::E:: Word? {=word =%50%close}\n\n"
		  "::F:: Bad grade? {~%40%x ~%40%y}\n\n"
		  "::G:: Numbers {#2}\n",
		  &qb, &dl);
	assert_int_equal(qb.seen, 7);
	assert_int_equal(qb.dropped, 2);
	assert_int_equal(qb.n, 5);
	assert_int_equal(qb.v[0].kind, QB_SINGLE);
	assert_int_equal(qb.v[1].kind, QB_JUDGEMENT);
	assert_true(qb.v[1].opts[2].credit == 0); /* a penalty counts 0 */
	assert_int_equal(qb.v[2].kind, QB_MULTI);
	assert_true(qb.v[2].opts[2].credit == -100);
	assert_int_equal(qb.v[3].kind, QB_TRUE_FALSE);
	assert_false(qb.v[3].answer);
	assert_string_equal(qb.v[3].fb_false, "right");
	assert_string_equal(qb.v[3].fb_true, "wrong");
	assert_int_equal(qb.v[4].kind, QB_SHORT);
	assert_int_equal(qb.v[4].n_opts, 1);
	/* B's negative grade, E's partial answer, F refused, G refused */
	assert_int_equal(dl.n, 4);
	assert_non_null(strstr(dl.items[2].msg, "add up to 80%"));
	assert_non_null(strstr(dl.items[3].msg, "no numerical questions"));
	qbank_release(&qb);
	diag_list_release(&dl);
}

static bool taken(void *ctx, const char *id)
{
	(void)ctx;
	return strcmp(id, "one") == 0;
}

static void test_write(void **state)
{
	struct qbank qb = { 0 };
	struct diag_list dl = { 0 };
	struct qb_write_opts o = { 0 };
	struct qb_output out;
	struct qb_question *q;
	size_t i;

	(void)state;
	qb.file = "dir/bank.gift";
	for (i = 0; i < 3; i++) {
		q = qbank_add(&qb, QB_TRUE_FALSE, (unsigned)i + 1);
		q->name = xstrdup("One");
		q->prompt = xstrdup(
			"A prompt long enough to be wrapped over more than "
			"one line of the file, at a word, never inside one.");
	}
	o.new_course = true;
	o.course_id = "c";
	o.course_title = "C";
	o.taken = taken;
	assert_int_equal(qbank_write(&qb, 1, &o, &out, &dl), 0);
	assert_int_equal(out.n_files, 2);
	assert_string_equal(out.files[0].name, "course.xml");
	assert_string_equal(out.files[1].name, "bank-bank.xml");
	assert_non_null(strstr(out.files[0].text, "<competency id=\"bank\">"));
	/* "one" is the course's: the three get -2, -3, -4 */
	assert_non_null(strstr(out.files[1].text, "id=\"one-2\""));
	assert_non_null(strstr(out.files[1].text, "id=\"one-4\""));
	assert_non_null(
		strstr(out.files[1].text, "of the\n      file, at a word"));
	assert_int_equal(out.questions, 3);
	qb_output_release(&out);
	/* with no category, the file's name is one, made fit for a name */
	qb.file = "dir/odd\x1f  name.gift";
	assert_int_equal(qbank_write(&qb, 1, &o, &out, &dl), 0);
	assert_non_null(strstr(out.files[0].text, "<name>odd name</name>"));
	qb_output_release(&out);
	qb.file = "dir/bank.gift";
	/* an existing course with no such competency: an error, nothing */
	o.new_course = false;
	assert_int_equal(qbank_write(&qb, 1, &o, &out, &dl), 1);
	assert_int_equal(out.n_files, 0);
	assert_int_equal(out.unplaced, 3);
	assert_non_null(strstr(dl.items[0].msg, "--map 'bank=ID'"));
	qb_output_release(&out);
	qbank_release(&qb);
	diag_list_release(&dl);
}

/* A category whose name holds a '/' ("Desk//" in Moodle's writing) is
 * one competency of that name, not a path ending in an empty part; a
 * category above it in --map is not the start of its name. */
static void test_write_a_slash_in_a_name(void **state)
{
	static const char *const ids[] = { "handover", "desk" };
	static const char *const names[] = { "Either/or", "Desk" };
	static const struct qb_map map[] = { { "Sales", "desk" },
					     { "A", "handover" } };
	struct qbank qb = { 0 };
	struct diag_list dl = { 0 };
	struct qb_write_opts o = { 0 };
	struct qb_output out;
	struct qb_question *q;
	static const char *const cats[] = { "Desk//", "Sales//Ops/Either//or",
					    "Sales/Rush", "A/ //" };
	size_t i;

	(void)state;
	qb.file = "bank.xml";
	for (i = 0; i < 4; i++) {
		q = qbank_add(&qb, QB_TRUE_FALSE, (unsigned)i + 1);
		q->name = xasprintf("Q%zu", i);
		q->prompt = xstrdup("Is the desk told first?");
		free(q->category);
		q->category = qbank_category_path(cats[i]);
	}
	o.new_course = true;
	o.course_id = "c";
	o.course_title = "C";
	assert_int_equal(qbank_write(&qb, 1, &o, &out, &dl), 0);
	assert_non_null(strstr(out.files[0].text, "<name>Desk/</name>"));
	assert_non_null(strstr(out.files[0].text, "<name>Either/or</name>"));
	assert_non_null(strstr(out.files[0].text, "<name>/</name>"));
	assert_null(strstr(out.files[0].text, "<name></name>"));
	for (i = 1; i < out.n_files; i++)
		if (strstr(out.files[i].text, "<title>Sales/Ops/Either/or"))
			break;
	assert_true(i < out.n_files);
	qb_output_release(&out);
	/* an existing course: the name "Either/or" is found; --map 'Sales'
	 * takes Sales/Rush, not "Sales/Ops" */
	o.new_course = false;
	o.comp_ids = ids;
	o.comp_names = names;
	o.n_comps = 2;
	o.map = map;
	o.n_map = 2;
	assert_int_equal(qbank_write(&qb, 1, &o, &out, &dl), 0);
	for (i = 0; i < out.n_files; i++) {
		const char *t = out.files[i].text;
		if (strstr(t, "<title>Sales/Ops/Either/or"))
			assert_non_null(strstr(t, "competency=\"handover\""));
		if (strstr(t, "<title>Sales/Rush"))
			assert_non_null(strstr(t, "competency=\"desk\""));
		if (strstr(t, "<title>Desk/<"))
			assert_non_null(strstr(t, "competency=\"desk\""));
		if (strstr(t, "<title>A//<"))
			assert_non_null(strstr(t, "competency=\"handover\""));
	}
	qb_output_release(&out);
	/* with no --map, the error names the category as Moodle writes it */
	o.n_map = 0;
	assert_int_equal(qbank_write(&qb, 1, &o, &out, &dl), 2);
	assert_diag(&dl, "category 'A///' is no competency");
	assert_diag(&dl, "--map '//=ID'");
	assert_no_diag(&dl, "Either");
	qb_output_release(&out);
	qbank_release(&qb);
	diag_list_release(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grades),
		cmocka_unit_test(test_category_paths),
		cmocka_unit_test(test_tidy),
		cmocka_unit_test(test_slugs),
		cmocka_unit_test(test_text_formats),
		cmocka_unit_test(test_gift_kinds),
		cmocka_unit_test(test_write),
		cmocka_unit_test(test_write_a_slash_in_a_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
