/* SPDX-License-Identifier: GPL-3.0-or-later */
/* diag.c - diagnostics collected from every layer, printed like a compiler's.
 */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

void diag_vadd(struct diag_list *dl, enum diag_level level, const char *file,
	       unsigned line, unsigned col, const char *fmt, va_list ap)
{
	void *p = dl->items;
	struct diag *d;

	xgrow(&p, &dl->cap, dl->n + 1, sizeof(*d));
	dl->items = p;
	d = &dl->items[dl->n];
	d->file = xstrdup(file ? file : "");
	d->line = line;
	d->col = line ? col : 0;
	d->level = level;
	d->msg = xvasprintf(fmt, ap);
	d->seq = dl->n++;
	if (level == DIAG_ERROR)
		dl->errors++;
	else
		dl->warnings++;
}

void diag_add(struct diag_list *dl, enum diag_level level, const char *file,
	      unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(dl, level, file, line, col, fmt, ap);
	va_end(ap);
}

void diag_list_append(struct diag_list *to, struct diag_list *from)
{
	void *p = to->items;
	size_t i;

	xgrow(&p, &to->cap, to->n + from->n, sizeof(*to->items));
	to->items = p;
	for (i = 0; i < from->n; i++) {
		to->items[to->n] = from->items[i];
		to->items[to->n].seq = to->n;
		to->n++;
	}
	to->errors += from->errors;
	to->warnings += from->warnings;
	to->accepted += from->accepted;
	free(from->items);
	memset(from, 0, sizeof(*from));
}

/* Files sort by the arrival of their first diagnostic, so a course reads in
 * the order it was loaded; rank holds that order during the sort. */
struct ranked {
	struct diag d;
	size_t rank;
};

static int cmp_ranked(const void *pa, const void *pb)
{
	const struct ranked *a = pa, *b = pb;

	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if (a->d.line != b->d.line)
		return a->d.line < b->d.line ? -1 : 1;
	if (a->d.col != b->d.col)
		return a->d.col < b->d.col ? -1 : 1;
	return a->d.seq < b->d.seq ? -1 : a->d.seq > b->d.seq;
}

void diag_sort(struct diag_list *dl, const char *const *files, size_t n)
{
	struct ranked *r;
	size_t i, j;

	if (dl->n < 2)
		return;
	r = xcalloc(dl->n, sizeof(*r));
	for (i = 0; i < dl->n; i++) {
		r[i].d = dl->items[i];
		r[i].rank = n + i;
		for (j = 0; j < n; j++) {
			if (strcmp(files[j], dl->items[i].file) == 0) {
				r[i].rank = j;
				break;
			}
		}
		if (j < n)
			continue;
		for (j = 0; j < i; j++) {
			if (strcmp(dl->items[j].file, dl->items[i].file) == 0) {
				r[i].rank = r[j].rank;
				break;
			}
		}
	}
	sort_array(r, dl->n, sizeof(*r), cmp_ranked);
	for (i = 0; i < dl->n; i++)
		dl->items[i] = r[i].d;
	free(r);
}

char *diag_format(const struct diag *d)
{
	char *file = text_sanitize(d->file, TEXT_ONE_LINE);
	char *msg = text_sanitize(d->msg, TEXT_ONE_LINE);
	const char *level = d->level == DIAG_ERROR ? "error" : "warning";
	char *out;

	if (d->line && d->col)
		out = xasprintf("%s:%u:%u: %s: %s", file, d->line, d->col,
				level, msg);
	else if (d->line)
		out = xasprintf("%s:%u: %s: %s", file, d->line, level, msg);
	else
		out = xasprintf("%s: %s: %s", file, level, msg);
	free(file);
	free(msg);
	return out;
}

char *diag_summary(size_t errors, size_t warnings, size_t accepted)
{
	struct strbuf sb = { 0 };

	if (errors)
		strbuf_addf(&sb, "%zu error%s", errors, errors == 1 ? "" : "s");
	if (warnings)
		strbuf_addf(&sb, "%s%zu warning%s", sb.len ? ", " : "",
			    warnings, warnings == 1 ? "" : "s");
	if (!sb.len)
		strbuf_adds(&sb, "ok");
	if (accepted && warnings)
		strbuf_addf(&sb, " (%zu more accepted)", accepted);
	else if (accepted)
		strbuf_addf(&sb, " (%zu warning%s accepted)", accepted,
			    accepted == 1 ? "" : "s");
	return strbuf_detach(&sb);
}

void diag_list_release(struct diag_list *dl)
{
	size_t i;

	for (i = 0; i < dl->n; i++) {
		free(dl->items[i].file);
		free(dl->items[i].msg);
	}
	free(dl->items);
	memset(dl, 0, sizeof(*dl));
}
