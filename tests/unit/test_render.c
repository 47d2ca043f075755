/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_render.c - display widths, wrapping (UTF-8, CJK, combining marks,
 * long words) and bar charts. */
#include "testlib.h"

#include <locale.h>

#include "render.h"

static char *wrap(const char *text, size_t width, const char *first,
		  const char *rest)
{
	struct strbuf sb = { 0 };

	render_wrap(&sb, text, width, first, rest);
	return strbuf_detach(&sb);
}

#define WRAPS_TO(text, width, first, rest, want)                               \
	do {                                                                   \
		char *got_ = wrap(text, width, first, rest);                   \
		assert_string_equal(got_, want);                               \
		free(got_);                                                    \
	} while (0)

static void widths_are_columns(void **state)
{
	(void)state;
	assert_int_equal(render_width("hello"), 5);
	assert_int_equal(render_width("caf\xc3\xa9"), 4);  /* é */
	assert_int_equal(render_width("cafe\xcc\x81"), 4); /* e + U+0301 */
	assert_int_equal(render_width("\xe6\x97\xa5\xe6\x9c\xac"),
			 4);				       /* 日本 */
	assert_int_equal(render_width("\xf0\x9f\x98\x80"), 2); /* emoji */
	assert_int_equal(render_width(""), 0);
}

static void wraps_words_to_the_width(void **state)
{
	(void)state;
	WRAPS_TO("the quick brown fox jumps over the lazy dog", 16, "", "",
		 "the quick brown\nfox jumps over\nthe lazy dog\n");
	WRAPS_TO("  many   spaces\nand a newline ", 80, "", "",
		 "many spaces and a newline\n");
	WRAPS_TO("", 20, "> ", "  ", "");
	WRAPS_TO("exactly ten", 11, "", "", "exactly ten\n");
	WRAPS_TO("exactly ten", 10, "", "", "exactly\nten\n");
}

static void hanging_indents(void **state)
{
	(void)state;
	/* a narrow terminal still leaves 4 columns for text */
	WRAPS_TO("ab cd", 5, "    - ", "      ", "    - ab\n      cd\n");
	WRAPS_TO("one two three four five six", 14, "  - ", "    ",
		 "  - one two\n    three four\n    five six\n");
}

static void wide_and_combining_characters(void **state)
{
	(void)state;
	/* five CJK words of 2 columns each: three fit in 8 columns */
	WRAPS_TO("\xe6\x97\xa5 \xe6\x9c\xac \xe8\xaa\x9e \xe6\x96\x87 "
		 "\xe5\xad\x97",
		 8, "", "",
		 "\xe6\x97\xa5 \xe6\x9c\xac \xe8\xaa\x9e\n\xe6\x96\x87 "
		 "\xe5\xad\x97\n");
	/* a word of six CJK characters (12 columns) broken at 8 columns */
	WRAPS_TO("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe6\x96\x87\xe5\xad\x97"
		 "\xe5\x8f\xa5",
		 8, "", "",
		 "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe6\x96\x87\n\xe5\xad"
		 "\x97\xe5\x8f\xa5\n");
	/* 7 columns: three characters a line, the fourth would straddle */
	WRAPS_TO("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe6\x96\x87", 7, "", "",
		 "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\n\xe6\x96\x87\n");
	/* combining marks count nothing and stay with their letter */
	WRAPS_TO("cafe\xcc\x81 cafe\xcc\x81 cafe\xcc\x81", 9, "", "",
		 "cafe\xcc\x81 cafe\xcc\x81\ncafe\xcc\x81\n");
}

static void long_words_are_broken(void **state)
{
	(void)state;
	WRAPS_TO("a supercalifragilisticexpialidocious word", 12, "", "",
		 "a\nsupercalifra\ngilisticexpi\nalidocious\nword\n");
	/* a combining mark at the break stays with its letter */
	WRAPS_TO("abcdefghije\xcc\x81xyz", 11, "", "",
		 "abcdefghije\xcc\x81\nxyz\n");
	/* a wide character that would straddle the edge moves down */
	WRAPS_TO("abcdefghij\xe6\x97\xa5", 11, "", "",
		 "abcdefghij\n\xe6\x97\xa5\n");
}

static char *bar(double score, size_t width, bool unicode)
{
	struct strbuf sb = { 0 };

	render_bar(&sb, score, width, unicode);
	return strbuf_detach(&sb);
}

#define BAR(score, width, unicode, want)                                       \
	do {                                                                   \
		char *got_ = bar(score, width, unicode);                       \
		assert_string_equal(got_, want);                               \
		free(got_);                                                    \
	} while (0)

static void bars_in_blocks_and_ascii(void **state)
{
	(void)state;
	BAR(0, 4, true, "░░░░");
	BAR(100, 4, true, "████");
	BAR(50, 4, true, "██░░");
	BAR(62.5, 2, true, "█▎"); /* 1.25 cells: a quarter block */
	BAR(150, 3, true, "███"); /* clamped */
	BAR(-5, 3, true, "░░░");
	BAR(0, 5, false, ".....");
	BAR(60, 5, false, "###..");
	BAR(100, 5, false, "#####");
	assert_int_equal(render_width("█▎░"), 3);
}

static char *cut(const char *s, size_t width, bool unicode)
{
	struct strbuf sb = { 0 };

	render_cut(&sb, s, width, unicode);
	return strbuf_detach(&sb);
}

#define CUTS_TO(s, width, unicode, want)                                       \
	do {                                                                   \
		char *got_ = cut(s, width, unicode);                           \
		assert_string_equal(got_, want);                               \
		free(got_);                                                    \
	} while (0)

static void cuts_to_a_width(void **state)
{
	(void)state;
	CUTS_TO("short", 10, true, "short");
	CUTS_TO("exactly10!", 10, true, "exactly10!");
	CUTS_TO("one two three", 9, true, "one two…");
	CUTS_TO("one two three", 9, false, "one tw...");
	CUTS_TO("one two three", 8, true, "one two…");
	/* a wide character that does not fit is left out whole */
	CUTS_TO("ab\xe6\x97\xa5\xe6\x9c\xac", 4, true, "ab…");
	/* a combining mark stays with its letter */
	CUTS_TO("cafe\xcc\x81 noir", 6, true, "cafe\xcc\x81…");
	assert_int_equal(render_width("one two…"), 8);
}

static void pads_by_columns(void **state)
{
	struct strbuf sb = { 0 };

	(void)state;
	render_pad(&sb, "\xe6\x97\xa5", 4);
	render_pad(&sb, "|", 1);
	render_pad(&sb, "toolong", 3);
	assert_string_equal(sb.buf, "\xe6\x97\xa5  |toolong");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(widths_are_columns),
		cmocka_unit_test(wraps_words_to_the_width),
		cmocka_unit_test(hanging_indents),
		cmocka_unit_test(wide_and_combining_characters),
		cmocka_unit_test(long_words_are_broken),
		cmocka_unit_test(bars_in_blocks_and_ascii),
		cmocka_unit_test(cuts_to_a_width),
		cmocka_unit_test(pads_by_columns),
	};
	if (!setlocale(LC_ALL, "C.UTF-8"))
		return 1;
	return cmocka_run_group_tests_name("render", tests, NULL, NULL);
}
