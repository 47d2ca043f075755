/* SPDX-License-Identifier: GPL-3.0-or-later */
/* text.c - UTF-8 decoding, whitespace folding and terminal-safe text. */
#include "text.h"

#include <string.h>

#include "util.h"

size_t utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c, min;
	size_t len, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		c = s[0] & 0x1F;
		min = 0x80;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		c = s[0] & 0x0F;
		min = 0x800;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		c = s[0] & 0x07;
		min = 0x10000;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if (n < len) {
		*cp = 0xFFFD;
		return 1;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = c;
	return len;
}

size_t utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

bool text_is_control(uint32_t cp)
{
	if (cp == '\t' || cp == '\n')
		return false;
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

bool text_is_bidi(uint32_t cp)
{
	return cp == 0x200E || cp == 0x200F || cp == 0x061C ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* A copy of s with U+FFFD for every malformed byte and, when all is
 * true, for what must not reach a terminal as text_sanitize says. */
static char *replace(const char *s, int flags, bool all)
{
	struct strbuf sb = { 0 };
	size_t n = strlen(s), i = 0, k;
	uint32_t cp;

	strbuf_add(&sb, "", 0);
	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		if ((cp == 0xFFFD && k == 1) || /* a malformed byte */
		    (all &&
		     (text_is_control(cp) || text_is_bidi(cp) ||
		      ((flags & TEXT_ONE_LINE) && (cp == '\n' || cp == '\t')))))
			strbuf_adds(&sb, TEXT_REPLACEMENT);
		else
			strbuf_add(&sb, s + i, k);
		i += k;
	}
	return strbuf_detach(&sb);
}

char *text_sanitize(const char *s, int flags)
{
	return replace(s, flags, true);
}

char *text_repair_utf8(const char *s)
{
	return replace(s, 0, false);
}

static bool is_xml_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

size_t text_fold_space(const char *s, size_t n, char *out)
{
	size_t i, o = 0;
	bool pending = false;

	for (i = 0; i < n; i++) {
		if (is_xml_space(s[i])) {
			pending = o > 0;
			continue;
		}
		if (pending)
			out[o++] = ' ';
		pending = false;
		out[o++] = s[i];
	}
	out[o] = '\0';
	return o;
}
