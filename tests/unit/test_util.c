/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_util.c - strbuf, arena and the x* allocation helpers. */
#include "testlib.h"

static void strbuf_grows_and_detaches(void **state)
{
	struct strbuf sb = { 0 };
	char *s;
	int i;

	(void)state;
	assert_string_equal(strbuf_str(&sb), "");
	for (i = 0; i < 1000; i++)
		strbuf_addc(&sb, (char)('a' + i % 26));
	assert_int_equal(sb.len, 1000);
	assert_int_equal(sb.buf[26], 'a');
	strbuf_addf(&sb, "%d-%s", 42, "x");
	assert_string_equal(sb.buf + 1000, "42-x");
	strbuf_reset(&sb);
	assert_string_equal(strbuf_str(&sb), "");
	strbuf_adds(&sb, "kept");
	s = strbuf_detach(&sb);
	assert_string_equal(s, "kept");
	assert_null(sb.buf);
	free(s);
	s = strbuf_detach(&sb);
	assert_string_equal(s, "");
	free(s);
}

static void arena_keeps_alignment_and_zeroes(void **state)
{
	struct arena *a = arena_new();
	size_t i;

	(void)state;
	for (i = 1; i < 3000; i += 7) {
		unsigned char *p = arena_alloc(a, i);
		size_t j;
		assert_int_equal((uintptr_t)p % 16, 0);
		for (j = 0; j < i; j++)
			assert_int_equal(p[j], 0);
		memset(p, 0xAB, i);
	}
	/* a large block beside the small ones */
	{
		char *big = arena_alloc(a, 1 << 20);
		char *small = arena_strdup(a, "after");
		big[(1 << 20) - 1] = 'z';
		assert_string_equal(small, "after");
	}
	assert_true(arena_size(a) >= (1 << 20));
	assert_string_equal(arena_strndup(a, "abcdef", 3), "abc");
	arena_free(a);
	arena_free(NULL);
}

static void xasprintf_formats(void **state)
{
	char *s = xasprintf("%s:%u:%u", "f.xml", 3u, 14u);

	(void)state;
	assert_string_equal(s, "f.xml:3:14");
	free(s);
	s = xstrndup("hello", 2);
	assert_string_equal(s, "he");
	free(s);
}

static void xgrow_doubles(void **state)
{
	void *p = NULL;
	size_t cap = 0;

	(void)state;
	xgrow(&p, &cap, 1, sizeof(int));
	assert_int_equal(cap, 8);
	xgrow(&p, &cap, 9, sizeof(int));
	assert_int_equal(cap, 16);
	xgrow(&p, &cap, 5, sizeof(int));
	assert_int_equal(cap, 16);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(strbuf_grows_and_detaches),
		cmocka_unit_test(arena_keeps_alignment_and_zeroes),
		cmocka_unit_test(xasprintf_formats),
		cmocka_unit_test(xgrow_doubles),
	};
	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
