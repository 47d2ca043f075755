/* SPDX-License-Identifier: GPL-3.0-or-later */
/* util.h - allocation that cannot fail, growable strings, arenas, whole
 * files. */
#ifndef RAPPORT_UTIL_H
#define RAPPORT_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define RP_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define RP_PRINTF(f, a)
#endif

#define RP_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation: out of memory prints one line and aborts, here and only here,
 * so callers never check. Everything returned is freed with free(). */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows *p to hold at least need elements of size each, doubling *cap. */
void xgrow(void **p, size_t *cap, size_t need, size_t size);
/* qsort that takes an empty or one-element array (base may then be NULL,
 * which qsort itself must never be given). */
void sort_array(void *base, size_t n, size_t size,
		int (*cmp)(const void *, const void *));
char *xstrdup(const char *s);
/* FNV-1a of a string: the index of every hash table here. */
uint64_t str_hash(const char *s);

/* rapport's times are milliseconds since 1970-01-01 UTC; this is the whole
 * second one falls in (rounded down, before 1970 too), as time_t counts. */
int64_t ms_to_seconds(int64_t ms);
#define DAY_MS ((int64_t)86400000)
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) RP_PRINTF(1, 2);
char *xvasprintf(const char *fmt, va_list ap) RP_PRINTF(1, 0);

/* A growable NUL-terminated byte string. Initialise with {0}; release with
 * strbuf_release(), or keep the bytes with strbuf_detach() (caller frees). */
struct strbuf {
	char *buf;  /* NUL-terminated, or NULL while empty */
	size_t len; /* bytes used, without the NUL */
	size_t cap; /* bytes allocated */
};

void strbuf_add(struct strbuf *sb, const char *s, size_t n);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addc(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) RP_PRINTF(2, 3);
void strbuf_reset(struct strbuf *sb);
/* The text so far; "" while empty. Valid until the next change. */
const char *strbuf_str(const struct strbuf *sb);
char *strbuf_detach(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);

/* An arena: many small allocations freed together. A course model lives in
 * one, so it has a single owner and a single free. */
struct arena;

struct arena *arena_new(void);
/* Frees every allocation made from a; arena_free(NULL) does nothing. */
void arena_free(struct arena *a);
/* Zeroed memory aligned for any type, owned by the arena. */
void *arena_alloc(struct arena *a, size_t n);
void *arena_array(struct arena *a, size_t count, size_t size);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* Bytes the arena holds from the system, for benchmarks. */
size_t arena_size(const struct arena *a);

/* ---- files ---- */

enum file_problem {
	FILE_CANNOT_OPEN, /* missing, unreadable, or a symbolic link */
	FILE_NOT_REGULAR, /* a folder, a device, a pipe */
	FILE_TOO_LARGE,	  /* over the limit */
	FILE_CANNOT_READ,
};

/* The whole of a regular file (links are not followed), NUL-terminated,
 * its length in *len; caller frees. NULL with *why and *err (a message;
 * caller frees) when it cannot be read or is over limit bytes. */
char *file_read(const char *path, size_t limit, size_t *len,
		enum file_problem *why, char **err);

#endif
