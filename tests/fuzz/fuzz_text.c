/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_text.c - the text that reaches a terminal: the sanitiser, UTF-8
 * decoding and repair, white-space folding, display widths, wrapping and
 * cutting.
 *
 * The first byte sets a width (0 to 127 columns) and the flags; the rest
 * is the text, as content, a user name or a file name might carry it.
 *
 * What must hold: sanitised text is valid UTF-8 with no control or bidi
 * character left (and no newline or tab on one line); repaired text is
 * valid UTF-8, and the same bytes when the input already was; decoding
 * always moves on; folding never grows the text; a wrapped line is never
 * wider than the width allows, every line ends in a newline and no word
 * is lost; a cut string fits its width. */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "text.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* widths come from wcwidth, which needs a UTF-8 locale */
	setlocale(LC_ALL, "C.UTF-8");
	return 0;
}

static void check_safe(const char *s, int one_line)
{
	size_t n = strlen(s), i = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (k == 0 || k > n - i)
			abort();
		/* U+FFFD from a bad byte: the sanitiser let a bad byte by */
		if (cp == 0xFFFD && memcmp(s + i, TEXT_REPLACEMENT, 3) != 0)
			abort();
		if (text_is_control(cp) || text_is_bidi(cp))
			abort();
		if (one_line && (cp == '\n' || cp == '\t'))
			abort();
		i += k;
	}
}

/* Non-space bytes, to see that wrapping loses no word. */
static size_t ink(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (*s != ' ' && *s != '\n' && *s != '\t' && *s != '\r')
			n++;
	return n;
}

static void check_wrap(const char *text, size_t width)
{
	static const char *const first = "  - ", *const rest = "    ";
	struct strbuf out = { 0 };
	size_t room = width >= 4 + 4 ? width : 4 + 4;
	char *p, *nl;

	render_wrap(&out, text, width, first, rest);
	if (!out.len) {
		if (ink(text))
			abort(); /* words went missing */
		return;
	}
	p = out.buf;
	if (p[out.len - 1] != '\n')
		abort();
	if (ink(p) != ink(text) + ink(first))
		abort();
	for (; (nl = strchr(p, '\n')); p = nl + 1) {
		*nl = '\0';
		if (render_width(p) > room)
			abort();
	}
	strbuf_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t width, n, i;
	char *text, *safe, *line, *folded, *repaired;
	int valid = 1;
	struct strbuf cut = { 0 };

	if (size < 1)
		return -1;
	width = data[0] & 0x7f;
	n = size - 1;
	text = malloc(n + 1);
	if (!text)
		abort();
	memcpy(text, data + 1, n);
	text[n] = '\0';
	n = strlen(text); /* C strings end at the first NUL */

	for (i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(text + i, n - i, &cp);
		if (k == 0 || k > n - i || cp > 0x10FFFF)
			abort();
		if (cp == 0xFFFD && k == 1)
			valid = 0;
		i += k;
	}

	repaired = text_repair_utf8(text);
	for (i = 0; repaired[i];) {
		uint32_t cp;
		size_t k = utf8_decode(repaired + i, strlen(repaired + i), &cp);
		if (cp == 0xFFFD && k == 1)
			abort(); /* a bad byte was let through */
		i += k;
	}
	if (valid && strcmp(repaired, text) != 0)
		abort();
	free(repaired);

	safe = text_sanitize(text, 0);
	check_safe(safe, 0);
	line = text_sanitize(text, TEXT_ONE_LINE);
	check_safe(line, 1);

	folded = malloc(n + 1);
	if (!folded)
		abort();
	if (text_fold_space(text, n, folded) > n)
		abort();

	check_wrap(safe, width);
	render_cut(&cut, line, width, data[0] & 0x80);
	if (render_width(strbuf_str(&cut)) > (width > 3 ? width : 3))
		abort();

	strbuf_release(&cut);
	free(folded);
	free(line);
	free(safe);
	free(text);
	return 0;
}
