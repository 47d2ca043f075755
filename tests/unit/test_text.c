/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_text.c - UTF-8 decoding, terminal-safe text, white space folding. */
#include "testlib.h"

static void decodes_valid_sequences(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(utf8_decode("\xC3\xA9", 2, &cp), 2);
	assert_int_equal(cp, 0xE9);
	assert_int_equal(utf8_decode("\xE6\x97\xA5", 3, &cp), 3);
	assert_int_equal(cp, 0x65E5);
	assert_int_equal(utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
}

static void refuses_malformed_sequences(void **state)
{
	static const char *const bad[] = {
		"\x80",		    /* lone continuation */
		"\xC0\xAF",	    /* overlong '/' */
		"\xE0\x80\xAF",	    /* overlong */
		"\xED\xA0\x80",	    /* surrogate */
		"\xF4\x90\x80\x80", /* above U+10FFFF */
		"\xC3",		    /* truncated */
		"\xFF",
	};
	size_t i;
	uint32_t cp;

	(void)state;
	for (i = 0; i < RP_ARRAY_LEN(bad); i++) {
		assert_int_equal(utf8_decode(bad[i], strlen(bad[i]), &cp), 1);
		assert_int_equal(cp, 0xFFFD);
	}
}

static void encode_round_trips(void **state)
{
	static const uint32_t cps[] = { 0x41, 0xE9, 0x65E5, 0x1F600, 0x10FFFF };
	char buf[4];
	size_t i, n;
	uint32_t back;

	(void)state;
	for (i = 0; i < RP_ARRAY_LEN(cps); i++) {
		n = utf8_encode(cps[i], buf);
		assert_int_equal(utf8_decode(buf, n, &back), n);
		assert_int_equal(back, cps[i]);
	}
}

static void sanitize_replaces_controls_and_bidi(void **state)
{
	char *s;

	(void)state;
	s = text_sanitize("a\x1b[31mred\x7f\xc2\x9b"
			  "b",
			  0);
	assert_string_equal(s, "a" TEXT_REPLACEMENT
			       "[31mred" TEXT_REPLACEMENT TEXT_REPLACEMENT "b");
	free(s);
	s = text_sanitize("x\xe2\x80\xaey\xe2\x81\xa6z", 0); /* U+202E U+2066 */
	assert_string_equal(s, "x" TEXT_REPLACEMENT "y" TEXT_REPLACEMENT "z");
	free(s);
	s = text_sanitize("bad\xff"
			  "byte",
			  0);
	assert_string_equal(s, "bad" TEXT_REPLACEMENT "byte");
	free(s);
}

static void sanitize_keeps_text_and_newlines(void **state)
{
	char *s;

	(void)state;
	s = text_sanitize("caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac\n\tok", 0);
	assert_string_equal(s, "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac\n\tok");
	free(s);
	s = text_sanitize("one\ntwo", TEXT_ONE_LINE);
	assert_string_equal(s, "one" TEXT_REPLACEMENT "two");
	free(s);
	/* a real U+FFFD stays as it is */
	s = text_sanitize(TEXT_REPLACEMENT, 0);
	assert_string_equal(s, TEXT_REPLACEMENT);
	free(s);
}

static void repair_touches_only_bad_bytes(void **state)
{
	char *s;

	(void)state;
	/* controls and direction marks are text here, kept as they are */
	s = text_repair_utf8("a\x1b[2J\x7f\xc2\x9b\xe2\x80\xae\r\n\tb");
	assert_string_equal(s, "a\x1b[2J\x7f\xc2\x9b\xe2\x80\xae\r\n\tb");
	free(s);
	/* a lone byte, a cut sequence, an overlong one: each byte U+FFFD */
	s = text_repair_utf8("x\x9by\xe2\x80z\xc0\xafw");
	assert_string_equal(s, "x" TEXT_REPLACEMENT
			       "y" TEXT_REPLACEMENT TEXT_REPLACEMENT
			       "z" TEXT_REPLACEMENT TEXT_REPLACEMENT "w");
	free(s);
	s = text_repair_utf8("");
	assert_string_equal(s, "");
	free(s);
}

static void classifies_code_points(void **state)
{
	(void)state;
	assert_true(text_is_control(0x1B));
	assert_true(text_is_control(0x7F));
	assert_true(text_is_control(0x9B));
	assert_false(text_is_control('\n'));
	assert_false(text_is_control('\t'));
	assert_false(text_is_control(0xA0));
	assert_true(text_is_bidi(0x202E));
	assert_true(text_is_bidi(0x2066));
	assert_true(text_is_bidi(0x200F));
	assert_false(text_is_bidi(0x2010));
}

static void folds_white_space(void **state)
{
	char out[64];
	const char *in = "  \n\tTwo   words\r\n and\tmore  \n";

	(void)state;
	assert_int_equal(text_fold_space(in, strlen(in), out), 18);
	assert_string_equal(out, "Two words and more");
	assert_int_equal(text_fold_space(" \n ", 3, out), 0);
	assert_string_equal(out, "");
	/* no-break space is text, not XML white space */
	assert_int_equal(text_fold_space("a\xc2\xa0 b", 5, out), 5);
	assert_string_equal(out, "a\xc2\xa0 b");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decodes_valid_sequences),
		cmocka_unit_test(refuses_malformed_sequences),
		cmocka_unit_test(encode_round_trips),
		cmocka_unit_test(sanitize_replaces_controls_and_bidi),
		cmocka_unit_test(sanitize_keeps_text_and_newlines),
		cmocka_unit_test(repair_touches_only_bad_bytes),
		cmocka_unit_test(classifies_code_points),
		cmocka_unit_test(folds_white_space),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
