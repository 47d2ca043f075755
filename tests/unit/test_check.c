/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_check.c - the semantic pass: one test per rule, on small courses. */
#include "testlib.h"

/* Checks xml and expects exactly one diagnostic, containing needle. */
static void expect_one(const char *xml, const char *needle)
{
	struct diag_list dl = { 0 };
	struct course *c = check_xml(xml, &dl);

	assert_diag(&dl, needle);
	if (dl.n != 1) {
		size_t i;
		for (i = 0; i < dl.n; i++) {
			char *s = diag_format(&dl.items[i]);
			print_message("  have: %s\n", s);
			free(s);
		}
		fail_msg("expected one diagnostic, got %zu", dl.n);
	}
	diag_list_release(&dl);
	course_free(c);
}

#define SINGLE(opts)                                                           \
	"<single-choice id='s1' competency='c'><prompt>P</prompt>" opts        \
	"</single-choice>"
#define OPT(id, attrs)                                                         \
	"<option id='" id "' " attrs "><text>" id "</text></option>"
#define WOPT(id, w)                                                            \
	"<option id='" id "' weight='" w "'><text>" id "</text>"               \
	"<rationale>r</rationale></option>"
#define BAND(lo, hi, label)                                                    \
	"<band min='" lo "' max='" hi "'><label>" label "</label>"             \
	"<advice>a</advice></band>"
#define QUIZ_START "<quiz id='q' pass='50'><title>Q</title>"
#define QUIZ_BANDS(body, bands)                                                \
	"<quiz id='q' pass='50'><title>Q</title>" TF_QUESTION body             \
	"<bands>" bands "</bands></quiz>"

static void clean_course_has_no_diagnostics(void **state)
{
	struct diag_list dl = { 0 };
	struct course *c =
		check_xml(COURSE(QUIZ(TF_QUESTION) ASSESSMENT_OK), &dl);

	(void)state;
	assert_int_equal(dl.n, 0);
	diag_list_release(&dl);
	course_free(c);
}

static void duplicate_ids(void **state)
{
	(void)state;
	expect_one(
		COURSE(QUIZ(TF_QUESTION) ASSESSMENT_OK
		       "<path id='l'><title>P</title><review id='r'/></path>"),
		"error: duplicate id 'l': the lesson at t.xml:1:");
	expect_one(COURSE(QUIZ(TF_QUESTION SINGLE(OPT(
			   "a", "correct='true'") OPT("a", ""))) ASSESSMENT_OK),
		   "error: duplicate option id 'a' in question 's1'");
	expect_one(
		COURSE(QUIZ(TF_QUESTION
			    "<ordering id='o' competency='c'><prompt>P</prompt>"
			    "<item id='x'>X</item><item id='x'>Y</item>"
			    "</ordering>") ASSESSMENT_OK),
		"error: duplicate item id 'x' in question 'o'");
}

static void references_resolve(void **state)
{
	(void)state;
	expect_one(
		COURSE(QUIZ("<true-false id='tf' competency='zz' answer='true'>"
			    "<prompt>P</prompt></true-false>"
			    "<true-false id='tf2' competency='c' answer='true'>"
			    "<prompt>P</prompt></true-false>") ASSESSMENT_OK),
		"error: unknown competency 'zz' (named by question 'tf')");
	expect_one(
		COURSE(QUIZ("<true-false id='tf' competency='c' lesson='q' "
			    "answer='true'><prompt>P</prompt></true-false>")
			       ASSESSMENT_OK),
		"error: 'q' is a quiz, not a lesson (named by question 'tf')");
	expect_one(
		COURSE(QUIZ(TF_QUESTION) ASSESSMENT_OK
		       "<path id='p'><title>P</title><pass id='p1' quiz='l'/>"
		       "</path>"),
		"error: 'l' is a lesson, not a quiz (named by path step 'p1')");
	expect_one(
		COURSE(QUIZ(TF_QUESTION) ASSESSMENT_OK
		       "<path id='p'><title>P</title><assess id='p1' "
		       "assessment='nope'/></path>"),
		"error: unknown assessment 'nope' (named by path step 'p1')");
	expect_one(COURSE(QUIZ(TF_QUESTION) ASSESSMENT_OK
			  "<path id='p'><title>P</title><read id='p1' "
			  "lesson='nope'/></path>"),
		   "error: unknown lesson 'nope' (named by path step 'p1')");
	expect_one(COURSE(QUIZ_BANDS(
			   "", BAND("0", "50",
				    "Lo") "<band min='50' max='100' "
					  "lesson='gone'><label>Hi"
					  "</label><advice>a</advice></band>")
				  ASSESSMENT_OK),
		   "error: unknown lesson 'gone' (named by quiz 'q')");
}

static void assessment_references(void **state)
{
	(void)state;
	expect_one(
		COURSE(QUIZ(
			TF_QUESTION) "<assessment "
				     "id='a'><title>A</title><scale><point "
				     "value='1'>N</point><point "
				     "value='2'>Y</point></scale>"
				     "<statement id='s' competency='c'>I "
				     "do.</statement>"
				     "<statement id='s2' competency='nope'>I "
				     "do.</statement>" BANDS_OK
				     "<actions><action competency='c' "
				     "lesson='l'>D"
				     "</action></actions></assessment>"),
		"error: unknown competency 'nope' (named by statement 's2')");
	expect_one(
		COURSE(QUIZ(TF_QUESTION) "<assessment "
					 "id='a'><title>A</title><scale><point "
					 "value='1'>N</point><point "
					 "value='2'>Y</point></scale>"
					 "<statement id='s' competency='c'>I "
					 "do.</statement>" BANDS_OK
					 "<actions><action competency='c' "
					 "lesson='x'>D"
					 "</action></actions></assessment>"),
		"error: unknown lesson 'x' (named by assessment 'a')");
	expect_one(
		COURSE(QUIZ(TF_QUESTION) "<assessment "
					 "id='a'><title>A</title><scale><point "
					 "value='1'>N</point><point "
					 "value='2'>Y</point></scale>"
					 "<statement id='s' competency='c'>I "
					 "do.</statement>" BANDS_OK
					 "</assessment>"),
		"warning: assessment 'a' has no next action for competency "
		"'c'");
}

static void single_choice_needs_one_correct(void **state)
{
	(void)state;
	expect_one(
		COURSE(QUIZ(SINGLE(OPT("a", "") OPT("b", ""))) ASSESSMENT_OK),
		"error: single-choice question 's1' has no correct option");
	expect_one(COURSE(QUIZ(SINGLE(OPT("a", "correct='true'") OPT(
			   "b", "correct='1'"))) ASSESSMENT_OK),
		   "error: single-choice question 's1' has 2 correct options; "
		   "it needs exactly one");
	expect_one(
		COURSE(QUIZ(SINGLE(OPT("a", "correct='true'"))) ASSESSMENT_OK),
		"error: single-choice question 's1' has only one option");
}

#define MULTI(opts)                                                            \
	"<multiple-response id='m' competency='c'><prompt>P</prompt>" opts     \
	"</multiple-response>"

static void multiple_response_can_reach_full_marks(void **state)
{
	struct diag_list dl = { 0 };
	struct course *c;

	(void)state;
	expect_one(COURSE(QUIZ(MULTI(OPT("a", "fraction='-50'") OPT(
			   "b", "fraction='0'"))) ASSESSMENT_OK),
		   "error: multiple-response question 'm' has no option with a "
		   "positive fraction");
	expect_one(
		COURSE(QUIZ(MULTI(OPT("a", "fraction='40'") OPT(
			"b", "fraction='50'"))) ASSESSMENT_OK),
		"error: the positive fractions of question 'm' add up to 90, "
		"so it can never score 100%");
	expect_one(COURSE(QUIZ(MULTI(OPT("a", "fraction='100'") OPT(
			   "b", "fraction='50'"))) ASSESSMENT_OK),
		   "warning: the positive fractions of question 'm' add up to "
		   "150; scores stop at 100%");
	expect_one(COURSE(QUIZ(MULTI(OPT("a", "fraction='100'") OPT(
			   "b", "fraction='-150'"))) ASSESSMENT_OK),
		   "error: option 'b' of question 'm' has fraction -150; "
		   "fractions run from -100 to 100");
	/* thirds add up within the tolerance */
	c = check_xml(
		COURSE(QUIZ(MULTI(OPT("a", "fraction='33.33'") OPT(
			"b", "fraction='33.33'") OPT("c", "fraction='33.33'")))
			       ASSESSMENT_OK),
		&dl);
	assert_int_equal(dl.n, 0);
	diag_list_release(&dl);
	course_free(c);
}

#define JUDGE(opts)                                                            \
	"<judgement id='j' competency='c'><prompt>P</prompt>" opts             \
	"</judgement>"

static void weights_need_a_best_answer(void **state)
{
	(void)state;
	expect_one(COURSE(QUIZ(JUDGE(WOPT("a", "90") WOPT("b", "10")))
				  ASSESSMENT_OK),
		   "error: no option of question 'j' weighs 100; the best "
		   "answer must");
	expect_one(COURSE(QUIZ(JUDGE(WOPT("a", "100") WOPT("b", "-5")))
				  ASSESSMENT_OK),
		   "error: option 'b' of question 'j' weighs -5; weights run "
		   "from 0 to 100");
	expect_one(COURSE(QUIZ(TF_QUESTION) ASSESSMENT_OK
			  "<exercise id='e'><title>E</title>"
			  "<scenario id='sc' competency='c'><title>T</title>"
			  "<situation><p>S</p></situation><question>Q</"
			  "question>" WOPT("a", "60") "</scenario></exercise>"),
		   "error: no option of scenario 'sc' weighs 100");
}

static void options_fit_the_alphabet(void **state)
{
	struct strbuf sb = { 0 };
	int i;

	(void)state;
	strbuf_adds(&sb,
		    COURSE_HEAD QUIZ_START "<ordering id='o' competency='c'>"
					   "<prompt>P</prompt>");
	for (i = 0; i < 27; i++)
		strbuf_addf(&sb, "<item id='i%d'>I</item>", i);
	strbuf_adds(&sb,
		    "</ordering>" BANDS_OK "</quiz>" ASSESSMENT_OK "</course>");
	expect_one(sb.buf,
		   "error: question 'o' has 27 options; at most 26 can be "
		   "lettered");
	strbuf_release(&sb);
}

static void ordering_needs_two_items(void **state)
{
	(void)state;
	expect_one(
		COURSE(QUIZ("<ordering id='o' competency='c'><prompt>P"
			    "</prompt><item id='x'>X</item></ordering>")
			       ASSESSMENT_OK),
		"error: ordering question 'o' has 1 item; it needs at least 2");
}

#define SHORT(body)                                                            \
	"<short-answer id='sa' competency='c'><prompt>P</prompt>"              \
	"<accept>yes</accept>" body "</short-answer>"

static void short_answer_rules(void **state)
{
	(void)state;
	expect_one(COURSE(QUIZ(SHORT("<keywords min='3'><keyword>a</keyword>"
				     "<keyword>b</keyword></keywords>"))
				  ASSESSMENT_OK),
		   "error: question 'sa' needs 3 keywords but lists 2");
	expect_one(COURSE(QUIZ(SHORT("<pattern>(unclosed</pattern>"))
				  ASSESSMENT_OK),
		   "error: the pattern of question 'sa' does not compile:");
}

static void points_and_marks_in_range(void **state)
{
	(void)state;
	expect_one(COURSE(QUIZ("<true-false id='tf' competency='c' points='0' "
			       "answer='true'><prompt>P</prompt></true-false>")
				  ASSESSMENT_OK),
		   "error: question 'tf' is worth 0 points");
	expect_one(COURSE("<quiz id='q' pass='101'><title>Q</title>" TF_QUESTION
				  BANDS_OK "</quiz>" ASSESSMENT_OK),
		   "error: the pass mark 101 of quiz 'q' is outside 0 to 100");
	expect_one(COURSE(QUIZ(TF_QUESTION) ASSESSMENT_OK
			  "<path id='p'><title>P</title><pass id='p1' quiz='q' "
			  "mark='-1'/></path>"),
		   "error: the mark -1 of path step 'p1' is outside 0 to 100");
}

static void pools_hold_enough(void **state)
{
	(void)state;
	expect_one(COURSE(QUIZ("<pool draw='2'>" TF_QUESTION "</pool>")
				  ASSESSMENT_OK),
		   "error: a pool of quiz 'q' draws 2 questions but holds 1");
	expect_one(COURSE(QUIZ(TF_QUESTION "<pool/>") ASSESSMENT_OK),
		   "error: a pool of quiz 'q' is empty");
	expect_one(
		COURSE(QUIZ(TF_QUESTION "<pool bank='nobank'/>") ASSESSMENT_OK),
		"error: unknown bank 'nobank' (named by quiz 'q')");
	expect_one(
		COURSE(QUIZ(TF_QUESTION) ASSESSMENT_OK
		       "<bank id='b'><true-false id='t2' competency='c' "
		       "answer='true'><prompt>P</prompt></true-false></bank>"),
		"warning: bank 'b' is not used by any quiz");
}

static void bands_cover_everything_once(void **state)
{
	(void)state;
	expect_one(COURSE(QUIZ_BANDS("", BAND("0", "40", "Lo")
						 BAND("50", "100", "Hi"))
				  ASSESSMENT_OK),
		   "error: the bands of quiz 'q' leave a gap from 40 to 50");
	expect_one(
		COURSE(QUIZ_BANDS("", BAND("10", "100", "All")) ASSESSMENT_OK),
		"error: the bands of quiz 'q' leave a gap from 0 to 10");
	expect_one(
		COURSE(QUIZ_BANDS("", BAND("0", "90", "Most")) ASSESSMENT_OK),
		"error: the bands of quiz 'q' leave a gap from 90 to 100");
	expect_one(COURSE(QUIZ_BANDS("", BAND("0", "60", "Lo")
						 BAND("50", "100", "Hi"))
				  ASSESSMENT_OK),
		   "error: bands 'Lo' and 'Hi' overlap from 50 to 60");
	expect_one(COURSE(QUIZ_BANDS("", BAND("0", "100", "All")
						 BAND("100", "120", "More"))
				  ASSESSMENT_OK),
		   "error: band 'More' runs from 100 to 120, outside 0 to 100");
	expect_one(COURSE(QUIZ_BANDS(
			   "", BAND("0", "50", "Lo") BAND("50", "50", "Nil")
				       BAND("50", "100", "Hi")) ASSESSMENT_OK),
		   "error: band 'Nil' is empty: its min 50 is not below its "
		   "max 50");
}

static void scales_need_distinct_points(void **state)
{
	(void)state;
	expect_one(
		COURSE(QUIZ(TF_QUESTION) "<assessment "
					 "id='a'><title>A</title><scale><point "
					 "value='1'>Only</point></scale>"
					 "<statement id='s' competency='c'>I "
					 "do.</statement>" BANDS_OK
					 "<actions><action "
					 "competency='c'>D</action>"
					 "</actions></assessment>"),
		"error: the scale of assessment 'a' has 1 point to score; it "
		"needs at least 2");
	/* a not-applicable point is no point to score */
	expect_one(
		COURSE(QUIZ(
			TF_QUESTION) "<assessment "
				     "id='a'><title>A</title><scale><point "
				     "value='1'>Yes</point><point value='0' "
				     "not-applicable='true'>No</point></scale>"
				     "<statement id='s' competency='c'>I "
				     "do.</statement>" BANDS_OK
				     "<actions><action "
				     "competency='c'>D</action>"
				     "</actions></assessment>"),
		"error: the scale of assessment 'a' has 1 point to score; it "
		"needs at least 2");
	expect_one(
		COURSE(QUIZ(
			TF_QUESTION) "<assessment "
				     "id='a'><title>A</title><scale><point "
				     "value='1'>N</point><point "
				     "value='2'>Y</point><point "
				     "value='0' "
				     "not-applicable='true'>-</point><point "
				     "value='9' "
				     "not-applicable='true'>--</point></scale>"
				     "<statement id='s' competency='c'>I "
				     "do.</statement>" BANDS_OK
				     "<actions><action "
				     "competency='c'>D</action>"
				     "</actions></assessment>"),
		"error: the scale of assessment 'a' has a second "
		"not-applicable point; it takes one at most");
	expect_one(
		COURSE(QUIZ(TF_QUESTION) "<assessment "
					 "id='a'><title>A</title><scale><point "
					 "value='1'>N</point><point "
					 "value='1'>Y</point></scale>"
					 "<statement id='s' competency='c'>I "
					 "do.</statement>" BANDS_OK
					 "<actions><action "
					 "competency='c'>D</action>"
					 "</actions></assessment>"),
		"error: the scale of assessment 'a' has the value 1 twice");
	expect_one(
		COURSE(QUIZ(TF_QUESTION) ASSESSMENT_OK
		       "<exercise id='e'><title>E</title>"
		       "<poll id='p' competency='c'>I do.</poll></exercise>"),
		"error: exercise 'e' has polls but no scale to answer them on");
}

static void competencies_need_material(void **state)
{
	struct diag_list dl = { 0 };
	struct course *c;

	(void)state;
	c = check_xml("<course id='t'><title>T</title>"
		      "<competency id='c'><name>C</name></competency>"
		      "<competency id='c2'><name>Two</name></competency>"
		      "<lesson id='l' competency='c'><title>L</title>"
		      "<section><p>Text.</p></section></lesson>"
		      "<lesson id='l2' competency='c2'><title>L</title>"
		      "<section><p>Text.</p></section></lesson>" QUIZ(
			      TF_QUESTION) ASSESSMENT_OK "</course>",
		      &dl);
	assert_int_equal(dl.errors, 0);
	assert_int_equal(dl.warnings, 1);
	assert_diag(&dl, "warning: competency 'c2' has no questions and no "
			 "statements");
	course_free(c);
	diag_list_release(&dl);

	c = check_xml("<course id='t'><title>T</title>"
		      "<competency id='c'><name>C</name></competency></course>",
		      &dl);
	assert_diag(&dl, "warning: competency 'c' has no lessons, questions or "
			 "statements");
	course_free(c);
	diag_list_release(&dl);
}

static void skips_missing_references_when_incomplete(void **state)
{
	struct diag_list dl = { 0 };
	struct course *c =
		load_xml(COURSE(QUIZ("<true-false id='tf' "
				     "competency='c' lesson='elsewhere' "
				     "answer='true'><prompt>P</prompt>"
				     "</true-false>")),
			 &dl);

	(void)state;
	assert_int_equal(check_course(c, false, &dl), 0);
	assert_int_equal(dl.n, 0);
	assert_int_equal(check_course(c, true, &dl), 1);
	assert_diag(&dl, "unknown lesson 'elsewhere'");
	course_free(c);
	diag_list_release(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(clean_course_has_no_diagnostics),
		cmocka_unit_test(duplicate_ids),
		cmocka_unit_test(references_resolve),
		cmocka_unit_test(assessment_references),
		cmocka_unit_test(single_choice_needs_one_correct),
		cmocka_unit_test(multiple_response_can_reach_full_marks),
		cmocka_unit_test(weights_need_a_best_answer),
		cmocka_unit_test(ordering_needs_two_items),
		cmocka_unit_test(options_fit_the_alphabet),
		cmocka_unit_test(short_answer_rules),
		cmocka_unit_test(points_and_marks_in_range),
		cmocka_unit_test(pools_hold_enough),
		cmocka_unit_test(bands_cover_everything_once),
		cmocka_unit_test(scales_need_distinct_points),
		cmocka_unit_test(competencies_need_material),
		cmocka_unit_test(skips_missing_references_when_incomplete),
	};
	return cmocka_run_group_tests_name("check", tests, NULL,
					   teardown_content);
}
