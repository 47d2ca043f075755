/* SPDX-License-Identifier: GPL-3.0-or-later */
/* present.c - how items look in the terminal. */
#include "present.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/render.h"

const char *competency_name(const struct ref *r)
{
	const struct competency *c = r->target;

	return c ? c->name : r->id ? r->id : "";
}

void present_heading(const struct app *app, struct strbuf *sb, const char *text)
{
	struct render_opts o;

	app_render_opts(app, &o);
	render_heading(&o, sb, STYLE_TITLE, text);
}

char *number_text(double v)
{
	return render_number(v);
}

char *points_text(double points)
{
	char *n = number_text(points), *s;

	s = xasprintf("%s point%s", n, strcmp(n, "1") == 0 ? "" : "s");
	free(n);
	return s;
}

static void present_block(const struct app *app, struct strbuf *sb,
			  const struct block *b)
{
	const char *bullet = app->unicode ? "  • " : "  - ";
	size_t i;

	switch (b->kind) {
	case BLOCK_PARAGRAPH:
		app_wrap(app, sb, b->lines[0], "", "");
		break;
	case BLOCK_LIST:
		for (i = 0; i < b->n_lines; i++) {
			char num[32];
			if (b->ordered)
				snprintf(num, sizeof(num), "  %zu. ", i + 1);
			app_wrap(app, sb, b->lines[i],
				 b->ordered ? num : bullet,
				 b->ordered && i + 1 >= 10 ? "      " : "    ");
		}
		break;
	case BLOCK_STORY: {
		const char *bar = app->unicode ? "  │ " : "  | ";
		strbuf_adds(sb, "  ");
		strbuf_adds(sb, app_on(app, STYLE_BOLD));
		strbuf_adds(sb, "Example");
		if (b->title) {
			strbuf_adds(sb, ": ");
			app_safe(sb, b->title);
		}
		strbuf_adds(sb, app_off(app));
		strbuf_addc(sb, '\n');
		for (i = 0; i < b->n_lines; i++) {
			if (i)
				strbuf_adds(sb,
					    app->unicode ? "  │\n" : "  |\n");
			app_wrap(app, sb, b->lines[i], bar, bar);
		}
		break;
	}
	}
}

void present_lesson(const struct app *app, struct strbuf *sb,
		    const struct lesson *l)
{
	size_t i, j;

	present_heading(app, sb, l->title);
	strbuf_adds(sb, app_on(app, STYLE_DIM));
	app_safe(sb, competency_name(&l->competency));
	strbuf_addf(sb, "%s%u min read", app->sep, l->minutes);
	strbuf_adds(sb, app_off(app));
	strbuf_addc(sb, '\n');
	if (l->summary) {
		strbuf_addc(sb, '\n');
		app_wrap(app, sb, l->summary, "", "");
	}
	for (i = 0; i < l->n_sections; i++) {
		const struct section *s = &l->sections[i];
		strbuf_addc(sb, '\n');
		if (s->heading) {
			strbuf_adds(sb, app_on(app, STYLE_BOLD));
			app_safe(sb, s->heading);
			strbuf_adds(sb, app_off(app));
			strbuf_addc(sb, '\n');
		}
		for (j = 0; j < s->n_blocks; j++) {
			if (j)
				strbuf_addc(sb, '\n');
			present_block(app, sb, &s->blocks[j]);
		}
	}
	if (l->n_key_points) {
		strbuf_addc(sb, '\n');
		strbuf_adds(sb, app_on(app, STYLE_BOLD));
		strbuf_adds(sb, "Key points");
		strbuf_adds(sb, app_off(app));
		strbuf_addc(sb, '\n');
		for (i = 0; i < l->n_key_points; i++)
			app_wrap(app, sb, l->key_points[i],
				 app->unicode ? "  • " : "  - ", "    ");
	}
}

void present_question(const struct app *app, struct strbuf *sb,
		      const struct question *q, const size_t *order, size_t n)
{
	size_t i;

	app_wrap(app, sb, q->prompt, "", "");
	if (q->type == Q_SHORT)
		return;
	strbuf_addc(sb, '\n');
	for (i = 0; i < n; i++) {
		const struct choice *c = &q->choices[order ? order[i] : i];
		char head[32];
		snprintf(head, sizeof(head), "  %c) ", (char)('a' + i));
		app_wrap(app, sb, c->text, head, "     ");
	}
}

/* A sparkline of scores (0..100): one character each, newest last. */
void present_sparkline(const struct app *app, struct strbuf *sb,
		       const double *v, size_t n)
{
	struct render_opts o;

	app_render_opts(app, &o);
	render_sparkline(&o, sb, v, n);
}
