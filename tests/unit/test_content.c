/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_content.c - the loader: every element into the model, and every
 * kind of hostile or broken input refused with a located message. */
#include "testlib.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "content_dom.h"

static const char full[] =
	"<?xml version='1.0' encoding='UTF-8'?>\n"
	"<course id='t' lang='en'><title>  The\n   course </title>"
	"<summary>S</summary>"
	"<competency "
	"id='c'><name>C</name><description>D</description></competency>"
	"<lesson id='l' competency='c'><title>L</title><summary>Sum</summary>"
	"<section><heading>H</heading><p>one two three</p>"
	"<list ordered='true'><item>i1</item><item>i2</item></list>"
	"<story><title>St</title><p>s1</p><p>s2</p></story></section>"
	"<section><p>four</p></section>"
	"<key-points><point>k1</point><point>k2</point></key-points></lesson>"
	"<bank id='b'><true-false id='tf' competency='c' answer='false'>"
	"<prompt>P</prompt><feedback when='true'>no</feedback>"
	"<feedback when='false'>yes</feedback></true-false></bank>"
	"<quiz id='q' pass='75.5' shuffle='false' "
	"time-limit='12'><title>Q</title>"
	"<intro>I</intro>"
	"<single-choice id='sc' competency='c' lesson='l' points='2' "
	"shuffle='false'>"
	"<prompt>P</prompt><hint>H</hint>"
	"<option id='a' "
	"correct='true'><text>A</text><feedback>fa</feedback></option>"
	"<option id='b'><text>B</text></option><explanation>E</explanation>"
	"</single-choice>"
	"<multiple-response id='mr' competency='c'><prompt>P</prompt>"
	"<option id='a' fraction='50'><text>A</text></option>"
	"<option id='b' fraction='50'><text>B</text></option>"
	"<option id='c' "
	"fraction='-33.5'><text>C</text></option></multiple-response>"
	"<pool id='pl' draw='1' bank='b'>"
	"<judgement id='jd' competency='c'><prompt>P</prompt>"
	"<option id='a' "
	"weight='100'><text>A</text><rationale>R</rationale></option>"
	"<option id='b' "
	"weight='40'><text>B</text><rationale>R2</rationale></option>"
	"</judgement></pool>"
	"<ordering id='od' competency='c'><prompt>P</prompt>"
	"<item id='x'>X</item><item id='y'>Y</item><item "
	"id='z'>Z</item></ordering>"
	"<short-answer id='sa' competency='c'><prompt>P</prompt>"
	"<accept>goodwill</accept><accept>good will</accept>"
	"<keywords min='2'><keyword>trust</keyword><keyword>time</keyword>"
	"<keyword>thanks</keyword></keywords><pattern>^good ?will$</pattern>"
	"</short-answer>"
	"<bands><band min='0' max='50' lesson='l'><label>Lo</label>"
	"<advice>Read.</advice></band><band min='50' "
	"max='100'><label>Hi</label>"
	"<advice>Go.</advice></band></bands></quiz>"
	"<assessment id='as'><title>A</title><scale><point "
	"value='1'>Never</point>"
	"<point value='5'>Always</point></scale>"
	"<statement id='s1' competency='c'>I ask.</statement>"
	"<statement id='s2' competency='c' reverse='true'>I "
	"drop.</statement>" BANDS_OK
	"<actions><action competency='c' lesson='l'>Ask.</action>"
	"</actions></assessment>"
	"<exercise id='ex' minutes='30'><title>E</title><scale>"
	"<point value='1'>No</point><point value='2'>Yes</point></scale>"
	"<poll id='p0' competency='c' reverse='1'>I poll.</poll>"
	"<scenario id='sn' competency='c' lesson='l' "
	"minutes='9'><title>T</title>"
	"<situation><p>p1</p><p>p2</p></situation><question>Q?</question>"
	"<option id='a' "
	"weight='100'><text>A</text><rationale>R</rationale></option>"
	"<discuss><prompt>d1</prompt></discuss>"
	"<roles><card role='Ana, desk'><knows>k</knows><goal>g</goal></card>"
	"<card role='Tom, rep'><knows>k2</knows></card></roles>"
	"<debrief>D</debrief></scenario></exercise>"
	"<path id='pa'><title>P</title><read id='r1' lesson='l'/>"
	"<pass id='r2' quiz='q' mark='90'/><pass id='r3' quiz='q'/>"
	"<meet id='r4' exercise='ex'/><review id='r5'/></path>"
	"</course>\n";

static void builds_every_item(void **state)
{
	struct diag_list dl = { 0 };
	struct course *c = load_xml(full, &dl);
	struct lesson *l;
	struct quiz *q;
	struct question *qu;
	struct assessment *as;
	struct exercise *ex;
	struct path *pa;

	(void)state;
	assert_int_equal(dl.n, 0);
	assert_string_equal(c->title, "The course");
	assert_string_equal(c->lang, "en");
	assert_int_equal(c->competencies.n, 1);

	l = c->lessons.v[0];
	assert_int_equal(l->n_sections, 2);
	assert_string_equal(l->sections[0].heading, "H");
	assert_int_equal(l->sections[0].n_blocks, 3);
	assert_int_equal(l->sections[0].blocks[1].kind, BLOCK_LIST);
	assert_true(l->sections[0].blocks[1].ordered);
	assert_int_equal(l->sections[0].blocks[1].n_lines, 2);
	assert_int_equal(l->sections[0].blocks[2].kind, BLOCK_STORY);
	assert_string_equal(l->sections[0].blocks[2].title, "St");
	assert_string_equal(l->sections[0].blocks[2].lines[1], "s2");
	assert_int_equal(l->n_key_points, 2);
	assert_true(l->minutes_estimated);
	assert_int_equal(l->minutes, 1);
	/* H, one two three, i1 i2, St s1 s2, four, k1 k2 */
	assert_int_equal(l->words, 12);

	assert_int_equal(c->questions.n, 6);
	q = c->quizzes.v[0];
	assert_true(q->pass > 75.49 && q->pass < 75.51);
	assert_false(q->shuffle);
	assert_int_equal(q->time_limit, 12);
	/* sc + mr form a pool, then pl, then od + sa */
	assert_int_equal(q->n_pools, 3);
	assert_null(q->pools[0]->item.id);
	assert_int_equal(q->pools[0]->n_questions, 2);
	assert_string_equal(q->pools[1]->item.id, "pl");
	assert_int_equal(q->pools[1]->draw, 1);
	assert_ptr_equal(q->pools[1]->bank.target, course_find(c, "b"));
	assert_int_equal(q->pools[2]->n_questions, 2);
	assert_int_equal(q->n_bands, 2);
	assert_ptr_equal(q->bands[0].lesson.target, l);

	qu = course_find_kind(c, "sc", ITEM_QUESTION);
	assert_int_equal(qu->type, Q_SINGLE);
	assert_true(qu->points == 2);
	assert_false(qu->shuffle);
	assert_string_equal(qu->hint, "H");
	assert_string_equal(qu->explanation, "E");
	assert_true(qu->choices[0].credit == 100);
	assert_true(qu->choices[1].credit == 0);
	assert_string_equal(qu->choices[0].feedback, "fa");
	assert_null(qu->choices[1].feedback);

	qu = course_find_kind(c, "mr", ITEM_QUESTION);
	assert_true(qu->choices[2].credit == -33.5);
	assert_true(qu->shuffle);

	qu = course_find_kind(c, "tf", ITEM_QUESTION);
	assert_int_equal(qu->type, Q_TRUEFALSE);
	assert_int_equal(qu->n_choices, 2);
	assert_string_equal(qu->choices[0].id, "true");
	assert_true(qu->choices[0].credit == 0);
	assert_true(qu->choices[1].credit == 100);
	assert_string_equal(qu->choices[0].feedback, "no");
	assert_string_equal(qu->choices[1].feedback, "yes");

	qu = course_find_kind(c, "jd", ITEM_QUESTION);
	assert_true(qu->choices[1].credit == 40);
	assert_string_equal(qu->choices[1].feedback, "R2");

	qu = course_find_kind(c, "od", ITEM_QUESTION);
	assert_int_equal(qu->n_choices, 3);
	assert_string_equal(qu->choices[2].id, "z");

	qu = course_find_kind(c, "sa", ITEM_QUESTION);
	assert_int_equal(qu->n_accept, 2);
	assert_string_equal(qu->accept[1], "good will");
	assert_int_equal(qu->n_keywords, 3);
	assert_int_equal(qu->min_keywords, 2);
	assert_string_equal(qu->pattern, "^good ?will$");

	as = c->assessments.v[0];
	assert_int_equal(as->scale.n_points, 2);
	assert_int_equal(as->scale.points[1].value, 5);
	assert_true(as->statements[1]->reverse);
	assert_false(as->statements[0]->reverse);
	assert_int_equal(as->n_actions, 1);

	ex = c->exercises.v[0];
	assert_int_equal(ex->n_parts, 2);
	assert_non_null(ex->parts[0].poll);
	assert_true(ex->parts[0].poll->reverse);
	assert_non_null(ex->parts[1].scenario);
	assert_int_equal(ex->parts[1].scenario->n_cards, 2);
	assert_null(ex->parts[1].scenario->cards[1].goal);
	assert_string_equal(ex->parts[1].scenario->cards[0].role, "Ana, desk");
	assert_int_equal(ex->parts[1].scenario->minutes, 9);

	pa = c->paths.v[0];
	assert_int_equal(pa->n_steps, 5);
	assert_true(pa->steps[1]->has_mark);
	assert_true(pa->steps[1]->mark == 90);
	assert_false(pa->steps[2]->has_mark);
	assert_int_equal(pa->steps[3]->kind, STEP_MEET);

	diag_list_release(&dl);
	course_free(c);
}

static void records_line_and_column(void **state)
{
	static const char xml[] =
		"<course id='t'>\n"
		"  <title>T</title>\n"
		"  <competency id='c'><name>C</name></competency>\n"
		"      <lesson id='l'\n"
		"              competency='c'><title>L</title>\n"
		"<section><p>x</p></section></lesson></course>\n";
	struct diag_list dl = { 0 };
	struct course *c = load_xml(xml, &dl);
	struct competency *k;
	struct lesson *l;

	(void)state;
	assert_int_equal(dl.n, 0);
	k = c->competencies.v[0];
	assert_int_equal(k->item.loc.line, 3);
	assert_int_equal(k->item.loc.col, 3);
	l = c->lessons.v[0];
	assert_int_equal(l->item.loc.line, 4);
	assert_int_equal(l->item.loc.col, 7);
	assert_string_equal(l->item.loc.file, "t.xml");
	diag_list_release(&dl);
	course_free(c);
}

/* Loads xml (len bytes); expects it refused with a diagnostic containing
 * needle. Returns how many items still made it into the course (those
 * read before a problem found while building the model). */
static size_t expect_refused(const char *xml, size_t len, const char *needle)
{
	struct diag_list dl = { 0 };
	struct course *c = course_new("t.xml");
	size_t items;

	assert_false(content_load_memory(c, "t.xml", xml, len, &dl));
	assert_true(dl.errors > 0);
	assert_diag(&dl, needle);
	items = c->lessons.n + c->questions.n + c->competencies.n;
	diag_list_release(&dl);
	course_free(c);
	return items;
}

/* Refused before any item was built. */
#define REFUSED(xml, needle)                                                   \
	assert_int_equal(expect_refused((xml), sizeof(xml) - 1, (needle)), 0)

static void refuses_entity_attacks(void **state)
{
	(void)state;
	REFUSED("<?xml version='1.0'?>\n<!DOCTYPE lolz [\n"
		"<!ENTITY a \"aaaaaaaaaa\">\n"
		"<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
		"<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n]>\n"
		"<course id='t'><title>&c;</title></course>",
		"t.xml:2:1: error: document type declarations are not allowed");
	REFUSED("<!DOCTYPE course [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
		"<course id='t'><title>&x;</title></course>",
		"t.xml:1:1: error: document type declarations");
	REFUSED("<!DOCTYPE course SYSTEM 'http://example.com/x.dtd'>"
		"<course id='t'/>",
		"document type declarations are not allowed");
	/* an entity never declared is an error, not a fetch */
	REFUSED("<course id='t'><title>&nbsp;</title></course>",
		"t.xml:1:29: error: entity 'nbsp' not defined");
}

static void refuses_quadratic_blowup_quickly(void **state)
{
	struct strbuf sb = { 0 };
	int i;

	(void)state;
	strbuf_adds(&sb, "<!DOCTYPE c [<!ENTITY a \"");
	for (i = 0; i < 50000; i++)
		strbuf_addc(&sb, 'a');
	strbuf_adds(&sb, "\">]><course id='t'><title>");
	for (i = 0; i < 20000; i++)
		strbuf_adds(&sb, "&a;");
	strbuf_adds(&sb, "</title></course>");
	assert_int_equal(
		expect_refused(sb.buf, sb.len, "document type declarations"),
		0);
	strbuf_release(&sb);
}

static void refuses_what_is_not_xml(void **state)
{
	(void)state;
	REFUSED("", "t.xml:1:1: error: the file is empty");
	REFUSED("\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip-compressed");
	REFUSED("\xfd"
		"7zXZ\0\0\x04",
		"xz-compressed");
	REFUSED("<course id='t'><title>caf\xe9</title></course>",
		"t.xml:1:26: error: input is not proper UTF-8");
	REFUSED("<course id='t'><title>T</titel></course>",
		"opening and ending tag mismatch");
	REFUSED("just text", "t.xml:1:1: error: start tag expected");
}

static void refuses_foreign_roots(void **state)
{
	(void)state;
	REFUSED("<doc/>", "t.xml:1:1: error: 'doc' is not a rapport element");
	REFUSED("<x:course xmlns:x='urn:x' id='t'/>",
		"is not a rapport element");
	REFUSED("<lesson id='l' competency='c'><title>L</title>"
		"<section><p>x</p></section></lesson>",
		"a 'lesson' file is not a course on its own");
}

static void refuses_schema_violations(void **state)
{
	(void)state;
	REFUSED(COURSE("<lesson id='l2' competency='c'><title>L</title>"
		       "<section><p>x</p><xi:include "
		       "xmlns:xi='http://www.w3.org/2001/XInclude' "
		       "href='/etc/passwd'/></section></lesson>"),
		"error: did not expect element include there");
	REFUSED("<course id='has space'><title>T</title>"
		"<competency id='c'><name>C</name></competency></course>",
		"t.xml:1:1: error:");
	REFUSED("<course id='t'><title>T</title></course>",
		"t.xml:1:1: error:");
}

static void refuses_huge_inputs(void **state)
{
	struct strbuf sb = { 0 };
	size_t i;

	(void)state;
	/* a 2 MB text node */
	strbuf_adds(&sb, COURSE_HEAD "<lesson id='big' competency='c'>"
				     "<title>B</title><section><p>");
	for (i = 0; i < 2u << 20; i++)
		strbuf_addc(&sb, 'x');
	strbuf_adds(&sb, "</p></section></lesson></course>");
	expect_refused(sb.buf, sb.len, "text of 'p' is too long");
	strbuf_reset(&sb);

	/* 10,000 nested elements */
	strbuf_adds(&sb, "<course id='t'>");
	for (i = 0; i < 10000; i++)
		strbuf_adds(&sb, "<a>");
	for (i = 0; i < 10000; i++)
		strbuf_adds(&sb, "</a>");
	strbuf_adds(&sb, "</course>");
	assert_int_equal(
		expect_refused(sb.buf, sb.len, "excessive depth in document"),
		0);
	strbuf_reset(&sb);

	/* too many lines */
	strbuf_adds(&sb, "<course id='t'>");
	for (i = 0; i < CONTENT_MAX_LINES + 1; i++)
		strbuf_addc(&sb, '\n');
	strbuf_adds(&sb, "</course>");
	expect_refused(sb.buf, sb.len, "more than 65535 lines");
	strbuf_reset(&sb);

	/* too many bytes */
	for (i = 0; i < CONTENT_MAX_FILE_BYTES + 1; i++)
		strbuf_addc(&sb, ' ');
	expect_refused(sb.buf, sb.len, "the file is too large");
	strbuf_release(&sb);
}

static void flags_control_and_bidi_characters(void **state)
{
	struct diag_list dl = { 0 };
	struct course *c;

	(void)state;
	c = load_xml(COURSE("<lesson id='x' competency='c'><title>X</title>"
			    "<section><p>a&#x9B;31m b</p></section></lesson>"),
		     &dl);
	assert_diag(&dl, "error: 'p' contains the control character U+009B");
	diag_list_release(&dl);
	course_free(c);

	c = load_xml(COURSE("<lesson id='x' competency='c'><title>X&#x202E;"
			    "</title><section><p>b</p></section></lesson>"),
		     &dl);
	assert_int_equal(dl.errors, 0);
	assert_diag(&dl, "warning: 'title' contains the invisible direction "
			 "mark U+202E");
	diag_list_release(&dl);
	course_free(c);
}

static void empty_text_is_an_error(void **state)
{
	struct diag_list dl = { 0 };
	struct course *c;

	(void)state;
	c = load_xml(COURSE("<lesson id='x' competency='c'><title>X</title>"
			    "<section><p>  \n </p></section></lesson>"),
		     &dl);
	assert_diag(&dl, "error: 'p' is empty");
	diag_list_release(&dl);
	course_free(c);
}

static void read_file_refuses_what_is_not_a_file(void **state)
{
	const char *tmp = getenv("TESTS_TMP") ? getenv("TESTS_TMP") : "/tmp";
	char *dir = xasprintf("%s/read-XXXXXX", tmp);
	char *file, *link, *fifo, *big, *buf;
	struct diag_list dl = { 0 };
	size_t len = 0;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	file = xasprintf("%s/ok.xml", dir);
	link = xasprintf("%s/link.xml", dir);
	fifo = xasprintf("%s/fifo.xml", dir);
	big = xasprintf("%s/big.xml", dir);
	f = fopen(file, "w");
	fputs("<course/>", f);
	fclose(f);
	assert_int_equal(symlink(file, link), 0);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	f = fopen(big, "w");
	assert_int_equal(fseek(f, CONTENT_MAX_FILE_BYTES, SEEK_SET), 0);
	fputc('x', f);
	fclose(f);

	buf = content_read_file(file, &len, &dl);
	assert_non_null(buf);
	assert_int_equal(len, 9);
	assert_string_equal(buf, "<course/>");
	free(buf);
	assert_int_equal(dl.n, 0);

	assert_null(content_read_file(link, &len, &dl));
	assert_diag(&dl, "link.xml: error: the file is a symbolic link");
	assert_null(content_read_file(dir, &len, &dl));
	assert_diag(&dl, "error: a folder, not a file");
	assert_null(content_read_file(fifo, &len, &dl));
	assert_diag(&dl, "fifo.xml: error: not a regular file");
	assert_null(content_read_file(big, &len, &dl));
	assert_diag(&dl, "big.xml:1:1: error: the file is too large");
	assert_null(content_read_file("/nonexistent/x.xml", &len, &dl));
	assert_diag(&dl, "cannot open the file: No such file or directory");

	unlink(file);
	unlink(link);
	unlink(fifo);
	unlink(big);
	rmdir(dir);
	free(file);
	free(link);
	free(fifo);
	free(big);
	free(dir);
	diag_list_release(&dl);
}

static void limits_errors_per_file(void **state)
{
	struct strbuf sb = { 0 };
	struct diag_list dl = { 0 };
	struct course *c;
	int i;

	(void)state;
	strbuf_adds(&sb, COURSE_HEAD "<lesson id='x' competency='c'>"
				     "<title>X</title><section>");
	for (i = 0; i < 100; i++)
		strbuf_adds(&sb, "<bogus/>");
	strbuf_adds(&sb, "</section></lesson></course>");
	c = load_xml(sb.buf, &dl);
	assert_true(dl.n <= CONTENT_MAX_FILE_ERRORS + 1);
	strbuf_release(&sb);
	diag_list_release(&dl);
	course_free(c);
}

/* The streaming parse (ld->take_child) hands over and frees each element
 * of the root's as its end tag is read. The root's text on either side of
 * it must join as text does, not where the parser's note of the freed
 * element's last text says the join is: that note once put "TAIL" at
 * byte 3 of the text before, and wrote past the end of a buffer sized for
 * "ok" when the element ended on an empty one (a heap overflow the import
 * fuzzer found; make sanitize shows it here). */
static void count_child(struct load *ld, xmlNode *n)
{
	(void)n;
	++*(unsigned *)ld->take_ctx;
}

static void streaming_keeps_the_roots_text_whole(void **state)
{
	static const char doc[] =
		"<quiz>abcdefghijklmnopqrst<question>xyz</question>TAIL"
		"<question>a much longer text inside<e/></question>ok</quiz>";
	struct diag_list dl = { 0 };
	struct load ld = { 0 };
	unsigned taken = 0;
	xmlDocPtr d;
	xmlChar *text;

	(void)state;
	ld.dl = &dl;
	ld.file = "t.xml";
	ld.buf = doc;
	ld.len = sizeof doc - 1;
	ld.bank = true;
	ld.take_child = count_child;
	ld.take_ctx = &taken;
	d = content_parse(&ld);
	assert_non_null(d);
	assert_int_equal(taken, 2);
	assert_null(xmlFirstElementChild(xmlDocGetRootElement(d)));
	text = xmlNodeGetContent(xmlDocGetRootElement(d));
	assert_string_equal((const char *)text, "abcdefghijklmnopqrstTAILok");
	xmlFree(text);
	xmlFreeDoc(d);
	assert_int_equal(dl.n, 0);
	diag_list_release(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(builds_every_item),
		cmocka_unit_test(records_line_and_column),
		cmocka_unit_test(refuses_entity_attacks),
		cmocka_unit_test(refuses_quadratic_blowup_quickly),
		cmocka_unit_test(refuses_what_is_not_xml),
		cmocka_unit_test(refuses_foreign_roots),
		cmocka_unit_test(refuses_schema_violations),
		cmocka_unit_test(refuses_huge_inputs),
		cmocka_unit_test(flags_control_and_bidi_characters),
		cmocka_unit_test(empty_text_is_an_error),
		cmocka_unit_test(read_file_refuses_what_is_not_a_file),
		cmocka_unit_test(limits_errors_per_file),
		cmocka_unit_test(streaming_keeps_the_roots_text_whole),
	};
	return cmocka_run_group_tests_name("content", tests, NULL,
					   teardown_content);
}
