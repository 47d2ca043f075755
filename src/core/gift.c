/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gift.c - Moodle's GIFT question format, read (gift.h has the format). */
#include "gift.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"
#include "util.h"

/* One question's lines, comments left out, with where each line began in
 * the file, so that any byte of it can be placed. */
struct record {
	struct strbuf text;
	struct rec_line {
		unsigned no; /* its line in the file */
		size_t at;   /* its offset in text */
	} * lines;
	size_t n_lines, cap_lines;
};

struct parser {
	const char *name;
	struct diag_list *dl;
	struct gift_file *out;
	char *category; /* in force */
	size_t errors;
	struct record *r;
};

static void place(const struct record *r, size_t at, unsigned *line,
		  unsigned *col)
{
	size_t i = 0;

	while (i + 1 < r->n_lines && r->lines[i + 1].at <= at)
		i++;
	*line = r->n_lines ? r->lines[i].no : 0;
	*col = r->n_lines ? (unsigned)(at - r->lines[i].at + 1) : 0;
}

static void error_at(struct parser *p, size_t at, const char *what)
{
	unsigned line, col;

	place(p->r, at, &line, &col);
	diag_add(p->dl, DIAG_ERROR, p->name, line, col, "%s", what);
	p->errors++;
}

static bool escaped(const char *s, size_t at)
{
	size_t n = 0;

	while (at > n && s[at - n - 1] == '\\')
		n++;
	return n % 2 == 1;
}

/* The first unescaped c in s[from..to), or to. */
static size_t find(const char *s, size_t from, size_t to, char c)
{
	size_t i;

	for (i = from; i < to; i++)
		if (s[i] == c && !escaped(s, i))
			return i;
	return to;
}

/* s[from..to) unescaped, its spaces folded and trimmed; caller frees. */
static char *clean(const char *s, size_t from, size_t to)
{
	struct strbuf sb = { 0 };
	bool space = false;
	size_t i;

	strbuf_add(&sb, "", 0);
	for (i = from; i < to; i++) {
		char c = s[i];
		if (c == '\\' && i + 1 < to) {
			c = s[++i];
			if (c == 'n')
				c = '\n';
			else if (!strchr("~=#{}:\\", c)) {
				/* a backslash before anything else stays */
				if (space && sb.len)
					strbuf_addc(&sb, ' ');
				space = false;
				strbuf_addc(&sb, '\\');
			}
		} else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = true;
			continue;
		}
		if (space && sb.len)
			strbuf_addc(&sb, ' ');
		space = false;
		strbuf_addc(&sb, c);
	}
	return strbuf_detach(&sb);
}

/* The same, NULL when nothing is left: a '#' with no feedback after it. */
static char *clean_or_null(const char *s, size_t from, size_t to)
{
	char *t = clean(s, from, to);

	if (*t)
		return t;
	free(t);
	return NULL;
}

static size_t skip_space(const char *s, size_t at, size_t to)
{
	while (at < to && isspace((unsigned char)s[at]))
		at++;
	return at;
}

static struct gift_question *new_question(struct parser *p, size_t at)
{
	struct gift_file *f = p->out;
	struct gift_question *q;
	void *v = f->v;

	xgrow(&v, &f->cap, f->n + 1, sizeof(*f->v));
	f->v = v;
	q = &f->v[f->n++];
	memset(q, 0, sizeof(*q));
	place(p->r, at, &q->line, &q->col);
	q->format = xstrdup("moodle");
	q->category = p->category ? xstrdup(p->category) : NULL;
	return q;
}

static void free_question(struct gift_question *q)
{
	size_t i;

	for (i = 0; i < q->n_answers; i++) {
		free(q->answers[i].text);
		free(q->answers[i].match);
		free(q->answers[i].feedback);
	}
	free(q->answers);
	free(q->title);
	free(q->format);
	free(q->text);
	free(q->category);
	free(q->feedback1);
	free(q->feedback2);
	free(q->general);
	free(q->numerical);
	memset(q, 0, sizeof(*q));
}

/* "%50%" at s[at]: the weight, and past it; false after an error. */
static bool weight(struct parser *p, const char *s, size_t *at, size_t to,
		   struct gift_answer *a)
{
	size_t end = find(s, *at + 1, to, '%');
	char *num, *stop;
	double w;

	if (end == to) {
		error_at(p, *at,
			 "a weight that does not end: %50% is the form");
		return false;
	}
	num = xstrndup(s + *at + 1, end - *at - 1);
	w = strtod(num, &stop);
	if (!*num || *stop || !(w >= -100 && w <= 100)) {
		error_at(p, *at + 1,
			 "a weight is a number from -100 to 100 percent");
		free(num);
		return false;
	}
	free(num);
	a->has_weight = true;
	a->weight = w;
	*at = end + 1;
	return true;
}

/* The answers of s[from..to): =right, ~wrong, ####general. */
static bool answers(struct parser *p, struct gift_question *q, const char *s,
		    size_t from, size_t to)
{
	size_t at, general = to, cap = 0;
	bool all_right = true, all_pairs = true;

	/* ####general feedback: from the first unescaped run of four */
	for (at = from; at + 4 <= to; at++)
		if (strncmp(s + at, "####", 4) == 0 && !escaped(s, at)) {
			general = at;
			break;
		}
	if (general < to)
		q->general = clean_or_null(s, general + 4, to);
	at = skip_space(s, from, general);
	if (at < general && s[at] != '=' && s[at] != '~') {
		error_at(p, at, "answers start with = (right) or ~ (wrong)");
		return false;
	}
	while (at < general) {
		struct gift_answer *a;
		size_t end = at + 1, fb;
		void *v = q->answers;
		/* this answer runs to the next unescaped = or ~ */
		while (end < general &&
		       !((s[end] == '=' || s[end] == '~') && !escaped(s, end)))
			end++;
		xgrow(&v, &cap, q->n_answers + 1, sizeof(*q->answers));
		q->answers = v;
		a = &q->answers[q->n_answers++];
		memset(a, 0, sizeof(*a));
		place(p->r, at, &a->line, &a->col);
		a->correct = s[at] == '=';
		at = skip_space(s, at + 1, end);
		if (at < end && s[at] == '%' && !weight(p, s, &at, end, a))
			return false;
		fb = find(s, at, end, '#');
		a->text = clean(s, at, fb);
		if (fb < end)
			a->feedback = clean_or_null(s, fb + 1, end);
		if (!*a->text) {
			error_at(p, at, "an answer with nothing in it");
			return false;
		}
		if (!a->correct)
			all_right = false;
		if (!strstr(a->text, "->"))
			all_pairs = false;
		at = end;
	}
	if (!q->n_answers) {
		error_at(p, from, "an answer block with no answer in it");
		return false;
	}
	if (all_right && all_pairs) {
		size_t i;
		q->type = GIFT_MATCHING;
		for (i = 0; i < q->n_answers; i++) {
			struct gift_answer *a = &q->answers[i];
			char *arrow = strstr(a->text, "->");
			char *right = clean(arrow + 2, 0, strlen(arrow + 2));
			*arrow = '\0';
			arrow = clean(a->text, 0, strlen(a->text));
			free(a->text);
			a->text = arrow; /* empty: a match to choose among,
					    alone */
			a->match = right;
			if (!*right) {
				error_at(p, from,
					 "a pair with nothing after its ->");
				return false;
			}
		}
	} else {
		q->type = all_right ? GIFT_SHORT : GIFT_MC;
	}
	return true;
}

static bool true_false(struct gift_question *q, const char *s, size_t from,
		       size_t to)
{
	size_t hash, second, at, general = to;
	char *word;

	/* ####general feedback, as in any other answer block */
	for (at = from; at + 4 <= to; at++)
		if (strncmp(s + at, "####", 4) == 0 && !escaped(s, at)) {
			general = at;
			break;
		}
	hash = find(s, from, general, '#');
	word = clean(s, from, hash);
	bool yes = strcasecmp(word, "T") == 0 || strcasecmp(word, "TRUE") == 0,
	     no = strcasecmp(word, "F") == 0 || strcasecmp(word, "FALSE") == 0;

	free(word);
	if (!yes && !no)
		return false;
	q->type = GIFT_TF;
	q->is_true = yes;
	if (general < to)
		q->general = clean_or_null(s, general + 4, to);
	to = general;
	if (hash < to) {
		second = find(s, hash + 1, to, '#');
		q->feedback1 = clean_or_null(s, hash + 1, second);
		if (second < to)
			q->feedback2 = clean_or_null(s, second + 1, to);
	}
	return true;
}

/* One question of the record p->r. */
static void question(struct parser *p)
{
	const char *s = strbuf_str(&p->r->text);
	size_t n = p->r->text.len, at = skip_space(s, 0, n), open, close;
	struct gift_question *q;
	char *before, *after;

	if (at == n)
		return;
	if (strncasecmp(s + at, "$CATEGORY:", 10) == 0) {
		size_t eol = at + strcspn(s + at, "\n");
		q = new_question(p, at);
		q->type = GIFT_CATEGORY;
		free(q->category);
		q->category = clean(s, at + 10, eol);
		free(p->category);
		p->category = xstrdup(q->category);
		return;
	}
	q = new_question(p, at);
	if (strncmp(s + at, "::", 2) == 0) {
		size_t end = at + 2;
		while (end + 1 < n && !(s[end] == ':' && s[end + 1] == ':' &&
					!escaped(s, end)))
			end++;
		if (end + 1 >= n) {
			error_at(p, at,
				 "a title that does not end: ::title:: "
				 "is the form");
			goto drop;
		}
		q->title = clean(s, at + 2, end);
		at = skip_space(s, end + 2, n);
	}
	if (at < n && s[at] == '[') {
		static const char *const formats[] = { "html", "moodle",
						       "plain", "markdown" };
		size_t i, end = find(s, at, n, ']');
		for (i = 0; end < n && i < RP_ARRAY_LEN(formats); i++)
			if (end - at - 1 == strlen(formats[i]) &&
			    strncmp(s + at + 1, formats[i], end - at - 1) ==
				    0) {
				free(q->format);
				q->format = xstrdup(formats[i]);
				at = end + 1;
				break;
			}
	}
	open = find(s, at, n, '{');
	if (open == n) { /* no answers: text to read */
		q->type = GIFT_DESCRIPTION;
		q->text = clean(s, at, n);
		return;
	}
	close = find(s, open + 1, n, '}');
	if (close == n) {
		error_at(p, open, "an answer block that does not end: no '}'");
		goto drop;
	}
	if (find(s, open + 1, close, '{') < close) {
		error_at(p, find(s, open + 1, close, '{'),
			 "a '{' inside an answer block (write \\{ for the "
			 "brace itself)");
		goto drop;
	}
	before = clean(s, at, open);
	after = clean(s, close + 1, n);
	q->embedded = *after != '\0';
	q->text = q->embedded ? xasprintf("%s _____ %s", before, after)
			      : xstrdup(before);
	if (q->embedded && !*before) { /* "_____ rest" */
		free(q->text);
		q->text = xasprintf("_____ %s", after);
	}
	free(before);
	free(after);
	at = skip_space(s, open + 1, close);
	if (at == close) {
		q->type = GIFT_ESSAY;
		return;
	}
	if (s[at] == '#') {
		q->type = GIFT_NUMERICAL;
		q->numerical = clean(s, at + 1, close);
		return;
	}
	if (true_false(q, s, at, close) || answers(p, q, s, open + 1, close))
		return;
drop:
	free_question(q);
	p->out->n--;
}

/* Bytes that cannot be text: the first of a kind in the file, and how
 * many lines have one. */
struct not_text {
	unsigned line, col, lines;
	unsigned char byte;
};

static void note_not_text(struct not_text *nt, unsigned no, size_t col,
			  unsigned char byte)
{
	if (nt->lines++ == 0) {
		nt->line = no;
		nt->col = (unsigned)col;
		nt->byte = byte;
	}
}

/* Replaces, in the line just added at s[0..len), each NUL byte and each
 * byte that is not part of well-formed UTF-8 with '?', one for one, so
 * that no string the parser makes is cut short and every column still
 * points where it did; notes the first of each per line. */
static void screen_line(char *s, size_t len, unsigned no, struct not_text *nul,
			struct not_text *utf8)
{
	bool seen_nul = false, seen_utf8 = false;
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (s[i] == '\0' || (n == 1 && (unsigned char)s[i] >= 0x80)) {
			if (s[i] == '\0' && !seen_nul) {
				note_not_text(nul, no, i + 1, 0);
				seen_nul = true;
			} else if (s[i] != '\0' && !seen_utf8) {
				note_not_text(utf8, no, i + 1,
					      (unsigned char)s[i]);
				seen_utf8 = true;
			}
			s[i] = '?';
		}
		i += n;
	}
}

static void report_not_text(struct parser *p, const struct not_text *nt,
			    const char *what)
{
	char more[48] = "";

	if (!nt->lines)
		return;
	if (nt->lines > 1)
		snprintf(more, sizeof(more), " (and %u more line%s)",
			 nt->lines - 1, nt->lines == 2 ? "" : "s");
	diag_add(p->dl, DIAG_ERROR, p->name, nt->line, nt->col, "%s%s", what,
		 more);
	p->errors++;
}

/* Both kinds, the one met first in the file first. */
static void report_bytes(struct parser *p, const struct not_text *nul,
			 const struct not_text *utf8)
{
	char bad_utf8[120];
	bool nul_first = !utf8->lines ||
			 (nul->lines &&
			  (nul->line < utf8->line ||
			   (nul->line == utf8->line && nul->col < utf8->col)));
	struct {
		const struct not_text *nt;
		const char *what;
	} kind[2] = {
		{ nul, "a NUL byte: GIFT is text, so this may not be a GIFT "
		       "file" },
		{ utf8, bad_utf8 },
	};

	snprintf(bad_utf8, sizeof(bad_utf8),
		 "byte 0x%02X is not UTF-8: save the file as UTF-8 (it may "
		 "be Latin-1 or Windows-1252) and import it again",
		 utf8->byte);
	report_not_text(p, kind[!nul_first].nt, kind[!nul_first].what);
	report_not_text(p, kind[nul_first].nt, kind[nul_first].what);
}

static void add_line(struct record *r, const char *line, size_t len,
		     unsigned no, struct not_text *nul, struct not_text *utf8)
{
	void *v = r->lines;

	xgrow(&v, &r->cap_lines, r->n_lines + 1, sizeof(*r->lines));
	r->lines = v;
	r->lines[r->n_lines].no = no;
	r->lines[r->n_lines].at = r->text.len;
	r->n_lines++;
	strbuf_add(&r->text, line, len);
	if (len)
		screen_line(r->text.buf + r->text.len - len, len, no, nul,
			    utf8);
	strbuf_addc(&r->text, '\n');
}

size_t gift_parse(const char *name, const char *text, size_t len,
		  struct gift_file *out, struct diag_list *dl)
{
	struct record r = { 0 };
	struct parser p = { name, dl, out, NULL, 0, &r };
	struct not_text nul = { 0 }, utf8 = { 0 };
	size_t at = 0;
	unsigned no = 0;

	memset(out, 0, sizeof(*out));
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		at = 3;
	while (at <= len) {
		size_t end = at, trim = at;
		bool blank, comment;
		while (end < len && text[end] != '\n')
			end++;
		no++;
		while (trim < end && isspace((unsigned char)text[trim]))
			trim++;
		blank = trim == end;
		comment = end - trim >= 2 && text[trim] == '/' &&
			  text[trim + 1] == '/';
		if (blank) { /* as Moodle reads GIFT: a blank line ends it */
			if (r.n_lines)
				question(&p);
			strbuf_reset(&r.text);
			r.n_lines = 0;
		} else if (!comment) {
			size_t l = end;
			if (l > at && text[l - 1] == '\r')
				l--;
			add_line(&r, text + at, l - at, no, &nul, &utf8);
		}
		if (end >= len)
			break;
		at = end + 1;
	}
	if (r.n_lines)
		question(&p);
	report_bytes(&p, &nul, &utf8);
	strbuf_release(&r.text);
	free(r.lines);
	free(p.category);
	return p.errors;
}

void gift_release(struct gift_file *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		free_question(&f->v[i]);
	free(f->v);
	memset(f, 0, sizeof(*f));
}

const char *gift_type_name(enum gift_type t)
{
	static const char *const names[] = {
		[GIFT_DESCRIPTION] = "description",
		[GIFT_CATEGORY] = "category",
		[GIFT_MC] = "multiple choice",
		[GIFT_TF] = "true/false",
		[GIFT_SHORT] = "short answer",
		[GIFT_NUMERICAL] = "numerical",
		[GIFT_MATCHING] = "matching",
		[GIFT_ESSAY] = "essay",
	};

	return t <= GIFT_ESSAY ? names[t] : "question";
}
