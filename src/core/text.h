/* SPDX-License-Identifier: GPL-3.0-or-later */
/* text.h - UTF-8 decoding, whitespace folding and terminal-safe text. */
#ifndef RAPPORT_TEXT_H
#define RAPPORT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TEXT_REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

/* Decodes one UTF-8 sequence from s (n > 0 bytes available). Stores the code
 * point in *cp, or U+FFFD for a malformed, overlong or surrogate sequence,
 * and returns the bytes consumed (1 for a bad byte). */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Writes cp as UTF-8 into out (4 bytes room); returns the length. */
size_t utf8_encode(uint32_t cp, char *out);

/* True for the bytes and code points that must never reach a terminal raw:
 * C0 controls (but tab and newline), DEL, C1 controls. */
bool text_is_control(uint32_t cp);
/* True for invisible bidirectional formatting characters, which can make
 * text display in a different order than it is stored. */
bool text_is_bidi(uint32_t cp);

enum text_flags {
	TEXT_ONE_LINE = 1, /* newlines and tabs are replaced too */
};

/* A copy of s safe to print on a terminal: controls, bidi formatting
 * characters and malformed UTF-8 become U+FFFD. Caller frees. */
char *text_sanitize(const char *s, int flags);

/* A copy of s with every byte that is not part of well-formed UTF-8
 * replaced by U+FFFD, and nothing else changed: text a person typed, made
 * fit to store and to export as JSON. Caller frees. */
char *text_repair_utf8(const char *s);

/* Folds runs of XML white space (space, tab, CR, LF) in s[0..n) into one
 * space and trims both ends, writing into out (n + 1 bytes room); returns
 * the new length. */
size_t text_fold_space(const char *s, size_t n, char *out);

#endif
