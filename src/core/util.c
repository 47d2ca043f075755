/* SPDX-License-Identifier: GPL-3.0-or-later */
/* util.c - allocation that cannot fail, growable strings, arenas, whole
 * files. */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void out_of_memory(size_t n)
{
	fprintf(stderr, "rapport: out of memory (asked for %zu bytes)\n", n);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory(n);
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		out_of_memory(count * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		out_of_memory(n);
	return q;
}

void xgrow(void **p, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 8;

	if (need <= *cap)
		return;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			out_of_memory(SIZE_MAX);
		n *= 2;
	}
	if (n > SIZE_MAX / size)
		out_of_memory(SIZE_MAX);
	*p = xrealloc(*p, n * size);
	*cap = n;
}

uint64_t str_hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

void sort_array(void *base, size_t n, size_t size,
		int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	char *p;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		out_of_memory(0);
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

/* strbuf */

void strbuf_add(struct strbuf *sb, const char *s, size_t n)
{
	if (sb->len + n + 1 > sb->cap) {
		void *p = sb->buf;

		xgrow(&p, &sb->cap, sb->len + n + 1, 1);
		sb->buf = p;
	}
	if (n)
		memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void strbuf_adds(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_addc(struct strbuf *sb, char c)
{
	strbuf_add(sb, &c, 1);
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	strbuf_adds(sb, s);
	free(s);
}

void strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

const char *strbuf_str(const struct strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}

char *strbuf_detach(struct strbuf *sb)
{
	char *s = sb->buf ? sb->buf : xstrdup("");

	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return s;
}

void strbuf_release(struct strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

/* arena: a list of blocks; big requests get a block of their own */

#define ARENA_BLOCK 65536
#define ARENA_ALIGN 16

struct arena_block {
	struct arena_block *next;
	size_t used; /* bytes handed out from data */
	size_t size; /* bytes in data */
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

struct arena {
	struct arena_block *head; /* newest block first */
	size_t total;		  /* bytes held from the system */
};

struct arena *arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void arena_free(struct arena *a)
{
	struct arena_block *b, *next;

	if (!a)
		return;
	for (b = a->head; b; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

static struct arena_block *arena_block_new(size_t size)
{
	struct arena_block *b = xmalloc(sizeof(*b) + size);

	b->next = NULL;
	b->used = 0;
	b->size = size;
	return b;
}

void *arena_alloc(struct arena *a, size_t n)
{
	struct arena_block *b = a->head;
	size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	void *p;

	if (need < n)
		out_of_memory(n);
	if (need > ARENA_BLOCK / 4) {
		/* A large request gets its own block, behind the current one so
		 * that the current one keeps serving small requests. */
		struct arena_block *big = arena_block_new(need);
		big->used = need;
		a->total += need;
		if (b) {
			big->next = b->next;
			b->next = big;
		} else {
			a->head = big;
		}
		memset(big->data, 0, need);
		return big->data;
	}
	if (!b || b->size - b->used < need) {
		b = arena_block_new(ARENA_BLOCK);
		b->next = a->head;
		a->head = b;
		a->total += ARENA_BLOCK;
	}
	p = b->data + b->used;
	b->used += need;
	memset(p, 0, need);
	return p;
}

void *arena_array(struct arena *a, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		out_of_memory(SIZE_MAX);
	return arena_alloc(a, count * size);
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

size_t arena_size(const struct arena *a)
{
	return a->total;
}

/* ---- files ---- */

char *file_read(const char *path, size_t limit, size_t *len,
		enum file_problem *why, char **err)
{
	struct stat st;
	struct strbuf sb = { 0 };
	char chunk[65536];
	ssize_t n;
	int fd;
	void *room;

	*len = 0;
	fd = open(path,
		  O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		*why = FILE_CANNOT_OPEN;
		*err = errno == ELOOP
			       ? xstrdup("the file is a symbolic link; links"
					 " are not followed")
			       : xasprintf("cannot open the file: %s",
					   strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		*why = FILE_NOT_REGULAR;
		*err = xstrdup(S_ISDIR(st.st_mode) ? "a folder, not a file"
						   : "not a regular file");
		close(fd);
		return NULL;
	}
	if (st.st_size > (off_t)limit) {
		*why = FILE_TOO_LARGE;
		*err = xasprintf(
			"the file is too large (%lld bytes; the limit is"
			" %zu)",
			(long long)st.st_size, limit);
		close(fd);
		return NULL;
	}
	strbuf_add(&sb, "", 0);
	/* room for the whole file at once, so that it never moves as it grows
	 */
	room = sb.buf;
	xgrow(&room, &sb.cap, (size_t)st.st_size + 1, 1);
	sb.buf = room;
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			*why = FILE_CANNOT_READ;
			*err = xasprintf("cannot read the file: %s",
					 strerror(errno));
			strbuf_release(&sb);
			close(fd);
			return NULL;
		}
		strbuf_add(&sb, chunk, (size_t)n);
		if (sb.len > limit)
			break; /* it grew while we read; the size check says so
				*/
	}
	close(fd);
	*len = sb.len;
	return strbuf_detach(&sb);
}

int64_t ms_to_seconds(int64_t ms)
{
	return ms >= 0 ? ms / 1000 : -((-(ms + 1)) / 1000) - 1;
}
