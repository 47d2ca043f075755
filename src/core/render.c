/* SPDX-License-Identifier: GPL-3.0-or-later */
/* render.c - text for the terminal: display width, wrapping, bar charts. */
#include "render.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "text.h"

static size_t cp_width(uint32_t cp)
{
	int w = wcwidth((wchar_t)cp);

	return w < 0 ? 1 : (size_t)w;
}

size_t render_width(const char *s)
{
	size_t n = strlen(s), i = 0, w = 0;
	uint32_t cp;

	while (i < n) {
		i += utf8_decode(s + i, n - i, &cp);
		w += cp_width(cp);
	}
	return w;
}

/* Breaks a word too wide for any line into pieces of at most room
 * columns; combining marks stay with the character before them. */
static void break_word(struct strbuf *out, const char *w, size_t len,
		       size_t room, const char *rest, size_t *col,
		       struct strbuf *line)
{
	size_t i = 0, k, cw;
	uint32_t cp;

	while (i < len) {
		k = utf8_decode(w + i, len - i, &cp);
		cw = cp_width(cp);
		if (*col + cw > room && *col > 0) {
			strbuf_add(out, line->buf, line->len);
			strbuf_addc(out, '\n');
			strbuf_reset(line);
			strbuf_adds(line, rest);
			*col = 0;
		}
		strbuf_add(line, w + i, k);
		*col += cw;
		i += k;
	}
}

/* Columns left for text after prefix; never under 4, however narrow the
 * terminal. */
static size_t room_after(size_t width, const char *prefix)
{
	size_t w = render_width(prefix);

	return width >= w + 4 ? width - w : 4;
}

void render_wrap(struct strbuf *out, const char *text, size_t width,
		 const char *first, const char *rest)
{
	struct strbuf line = { 0 };
	size_t room_first = room_after(width, first);
	size_t room_rest = room_after(width, rest);
	size_t room = room_first, col = 0;
	const char *p = text;
	bool words = false;

	strbuf_adds(&line, first);
	for (;;) {
		const char *start;
		size_t len, w;
		while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
			p++;
		if (!*p)
			break;
		start = p;
		while (*p && *p != ' ' && *p != '\n' && *p != '\t' &&
		       *p != '\r')
			p++;
		len = (size_t)(p - start);
		{
			char *word = xstrndup(start, len);
			w = render_width(word);
			free(word);
		}
		if (col > 0 && col + 1 + w <= room) {
			strbuf_addc(&line, ' ');
			strbuf_add(&line, start, len);
			col += 1 + w;
		} else {
			if (col > 0) {
				strbuf_add(out, line.buf, line.len);
				strbuf_addc(out, '\n');
				strbuf_reset(&line);
				strbuf_adds(&line, rest);
				room = room_rest;
				col = 0;
			}
			if (w <= room) {
				strbuf_add(&line, start, len);
				col = w;
			} else {
				break_word(out, start, len, room, rest, &col,
					   &line);
				room = room_rest;
			}
		}
		words = true;
	}
	if (words) {
		strbuf_add(out, line.buf, line.len);
		strbuf_addc(out, '\n');
	}
	strbuf_release(&line);
}

void render_bar(struct strbuf *out, double score, size_t width, bool unicode)
{
	static const char *const part[] = { "",	 "▏", "▎", "▍",
					    "▌", "▋", "▊", "▉" };
	size_t eighths, cells, i;

	if (score < 0)
		score = 0;
	if (score > 100)
		score = 100;
	if (!unicode) {
		cells = (size_t)(score / 100.0 * (double)width + 0.5);
		for (i = 0; i < width; i++)
			strbuf_addc(out, i < cells ? '#' : '.');
		return;
	}
	eighths = (size_t)(score / 100.0 * (double)(width * 8) + 0.5);
	cells = eighths / 8;
	for (i = 0; i < cells; i++)
		strbuf_adds(out, "█");
	if (eighths % 8) {
		strbuf_adds(out, part[eighths % 8]);
		cells++;
	}
	for (; cells < width; cells++)
		strbuf_adds(out, "░");
}

void render_cut(struct strbuf *out, const char *s, size_t width, bool unicode)
{
	const char *dots = unicode ? "…" : "...";
	size_t dw = unicode ? 1 : 3, n = strlen(s), i = 0, k, w = 0, cw;
	size_t keep = 0; /* bytes that fit with room left for the dots */
	uint32_t cp;

	if (render_width(s) <= width) {
		strbuf_adds(out, s);
		return;
	}
	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		cw = cp_width(cp);
		if (w + cw + dw > width)
			break;
		w += cw;
		i += k;
		keep = i;
	}
	/* no space before the dots */
	while (keep && s[keep - 1] == ' ')
		keep--;
	strbuf_add(out, s, keep);
	strbuf_adds(out, dots);
}

void render_pad(struct strbuf *out, const char *s, size_t width)
{
	size_t w = render_width(s);

	strbuf_adds(out, s);
	for (; w < width; w++)
		strbuf_addc(out, ' ');
}

void render_opts_plain(struct render_opts *o, size_t width, bool unicode)
{
	int i;

	memset(o, 0, sizeof(*o));
	o->width = width;
	o->unicode = unicode;
	o->sep = unicode ? " · " : " - ";
	o->arrow = unicode ? "→" : "->";
	for (i = 0; i < STYLE_COUNT; i++)
		o->on[i] = "";
	o->off = "";
}

void render_text(const struct render_opts *o, struct strbuf *sb,
		 const char *text, const char *first, const char *rest)
{
	char *safe = text_sanitize(text ? text : "", 0);

	render_wrap(sb, safe, o->width, first, rest);
	free(safe);
}

void render_heading(const struct render_opts *o, struct strbuf *sb,
		    enum style s, const char *text)
{
	char *safe = text_sanitize(text ? text : "", TEXT_ONE_LINE);

	strbuf_adds(sb, o->on[s]);
	render_wrap(sb, safe, o->width, "", "");
	if (sb->len && sb->buf[sb->len - 1] == '\n')
		sb->buf[--sb->len] = '\0'; /* the style ends before the line */
	strbuf_adds(sb, o->off);
	strbuf_addc(sb, '\n');
	free(safe);
}

void render_spans(const struct render_opts *o, struct strbuf *sb,
		  const struct span *spans, size_t n, const char *first,
		  const char *rest)
{
	struct strbuf plain = { 0 }, wrapped = { 0 };
	size_t *ends = xcalloc(n + 1, sizeof(size_t)); /* non-blank bytes */
	size_t i, k = 0, seen = 0, skip = strlen(first), cur = 0;
	const char *p;
	bool on = false;

	for (i = 0; i < n; i++) {
		size_t from = plain.len;
		{
			char *safe = text_sanitize(spans[i].text ? spans[i].text
								 : "",
						   TEXT_ONE_LINE);
			strbuf_adds(&plain, safe);
			free(safe);
		}
		for (; from < plain.len; from++)
			if (plain.buf[from] != ' ')
				k++;
		ends[i] = k;
	}
	render_wrap(&wrapped, plain.buf ? plain.buf : "", o->width, first,
		    rest);
	/* the spans' styles put back: counting the bytes that are not blank,
	 * which wrapping keeps in order, each style is ended before a line
	 * ends and started again after the next line's prefix */
	for (p = wrapped.buf; p && *p; p++) {
		if (skip) {
			strbuf_addc(sb, *p);
			skip--;
			continue;
		}
		if (*p == '\n') {
			if (on)
				strbuf_adds(sb, o->off);
			on = false;
			strbuf_addc(sb, '\n');
			skip = strlen(rest);
			continue;
		}
		while (cur < n && seen >= ends[cur])
			cur++;
		if (*p != ' ') {
			bool want = cur < n && spans[cur].styled;
			if (want && !on)
				strbuf_adds(sb, o->on[spans[cur].style]);
			else if (!want && on)
				strbuf_adds(sb, o->off);
			on = want;
			seen++;
		} else if (on && (cur >= n || seen >= ends[cur])) {
			strbuf_adds(sb, o->off);
			on = false;
		}
		strbuf_addc(sb, *p);
	}
	free(ends);
	strbuf_release(&plain);
	strbuf_release(&wrapped);
}

void render_sparkline(const struct render_opts *o, struct strbuf *sb,
		      const double *v, size_t n)
{
	static const char *const blocks[] = { "▁", "▂", "▃", "▄",
					      "▅", "▆", "▇", "█" };
	static const char ascii[] = "_.-~=+*#";
	size_t i;

	for (i = 0; i < n; i++) {
		double x =
			v[i] > 0 ? (v[i] < 100 ? v[i] : 100) : 0; /* NaN: 0 */
		int k = (int)floor(x / 100.0 * 7.999);
		if (o->unicode)
			strbuf_adds(sb, blocks[k]);
		else
			strbuf_addc(sb, ascii[k]);
	}
}

char *render_number(double v)
{
	char *s = xasprintf("%.2f", v);
	size_t n = strlen(s);

	while (n && s[n - 1] == '0')
		s[--n] = '\0';
	if (n && s[n - 1] == '.')
		s[--n] = '\0';
	if (strcmp(s, "-0") == 0)
		s[0] = '0', s[1] = '\0';
	return s;
}
