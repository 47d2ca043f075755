/* SPDX-License-Identifier: GPL-3.0-or-later */
/* browse.c - looking around a course: lessons, quizzes, assessments,
 * exercises, reading a lesson, and previewing any item for authors. */
#include <stdlib.h>
#include <string.h>

#include "../core/render.h"
#include "../core/score.h"
#include "../core/store.h"
#include "../core/text.h"
#include "present.h"

/* Column widths of a listing, from the ids and titles shown. */
static size_t id_width(const struct item_list *l)
{
	size_t i, w = 0;

	for (i = 0; i < l->n; i++) {
		size_t k = render_width(((const struct item *)l->v[i])->id);
		if (k > w)
			w = k;
	}
	return w;
}

/* "  id   title · rest": the id in bold in a column idw wide, the title and
 * rest (dim) wrapped beside it, or below it when the terminal is too
 * narrow for two columns. */
static void list_row(const struct app *app, struct strbuf *sb,
		     const char *indent, const char *id, size_t idw,
		     const char *title, const char *rest)
{
	char *more = rest && *rest ? xasprintf("%s%s", app->sep, rest) : NULL;
	const struct span text[] = {
		{ title, false, STYLE_BOLD },
		{ more ? more : "", true, STYLE_DIM },
	};
	struct strbuf cell = { 0 }, body = { 0 };
	size_t in = strlen(indent), w;
	bool stacked = app->width < in + idw + 2 + 24;
	char *pad;

	app_safe(&cell, id);
	w = render_width(cell.buf);
	strbuf_adds(sb, indent);
	strbuf_adds(sb, app_on(app, STYLE_BOLD));
	strbuf_adds(sb, cell.buf);
	strbuf_adds(sb, app_off(app));
	if (stacked) {
		pad = xasprintf("%s    ", indent);
		strbuf_addc(sb, '\n');
		app_wrap_spans(app, sb, text, 2, pad, pad);
	} else {
		/* the text's first line starts where the id's column ends */
		pad = xasprintf("%*s", (int)(in + idw + 2), "");
		app_wrap_spans(app, &body, text, 2, pad, pad);
		strbuf_addf(sb, "%*s", (int)(idw + 2 - (w < idw ? w : idw)),
			    "");
		if (body.len > in + idw + 2)
			strbuf_adds(sb, body.buf + in + idw + 2);
		else
			strbuf_addc(sb, '\n'); /* nothing beside the id */
	}
	free(pad);
	free(more);
	strbuf_release(&cell);
	strbuf_release(&body);
}

static int cmd_lessons(struct app *app, const struct cmd_args *args)
{
	const struct course *c = app->course;
	struct strbuf sb = { 0 };
	size_t i, w = id_width(&c->lessons);

	(void)args;
	present_heading(app, &sb, "Lessons");
	for (i = 0; i < c->lessons.n; i++) {
		const struct lesson *l = c->lessons.v[i];
		char *rest =
			xasprintf("%s, %u min", competency_name(&l->competency),
				  l->minutes);
		list_row(app, &sb, "  ", l->item.id, w, l->title, rest);
		free(rest);
	}
	if (!c->lessons.n)
		strbuf_adds(&sb, "  (none)\n");
	strbuf_adds(&sb, "Type 'read ID' to read one.\n");
	fputs(sb.buf, app->out);
	strbuf_release(&sb);
	return EXIT_OK;
}

const struct cmd_entry cmd_lessons_entry = {
	.name = "lessons",
	.max_args = 0,
	.summary = "list the lessons",
	.flags = CMD_COURSE,
	.run = cmd_lessons,
};

static int cmd_read(struct app *app, const struct cmd_args *args)
{
	const struct lesson *l;
	struct strbuf sb = { 0 };

	l = app_find(app, args->argv[0], ITEM_LESSON, "lesson", "lessons");
	if (!l)
		return EXIT_FAILED;
	present_lesson(app, &sb, l);
	app_page(app, sb.buf);
	strbuf_release(&sb);
	{
		char *err = NULL;
		if (store_read(app->store, app->user_id, app->course->item.id,
			       l->item.id, app_now_ms(), &err) != 0) {
			app_error(app, "the reading was not recorded: %s", err);
			free(err);
			return EXIT_FAILED;
		}
	}
	return EXIT_OK;
}

const struct cmd_entry cmd_read_entry = {
	.name = "read",
	.min_args = 1,
	.max_args = 1,
	.usage = "LESSON",
	.summary = "read a lesson",
	.flags = CMD_COURSE | CMD_STORE,
	.complete = COMPLETE_LESSON,
	.run = cmd_read,
};

/* Questions a quiz asks and holds. */
static void quiz_size(const struct quiz *q, size_t *asks, size_t *holds)
{
	size_t i;

	*asks = *holds = 0;
	for (i = 0; i < q->n_pools; i++) {
		const struct pool *p = q->pools[i];
		const struct bank *b = p->bank.target;
		size_t n = p->n_questions + (b ? b->n_questions : 0);
		*holds += n;
		*asks += p->draw && p->draw < n ? p->draw : n;
	}
}

static int cmd_quizzes(struct app *app, const struct cmd_args *args)
{
	const struct course *c = app->course;
	struct strbuf sb = { 0 };
	size_t i, w = id_width(&c->quizzes);

	(void)args;
	present_heading(app, &sb, "Quizzes");
	for (i = 0; i < c->quizzes.n; i++) {
		const struct quiz *q = c->quizzes.v[i];
		size_t asks, holds;
		char *rest;
		quiz_size(q, &asks, &holds);
		if (asks == holds)
			rest = xasprintf("%zu questions, pass mark %d%%", asks,
					 score_percent(q->pass));
		else
			rest = xasprintf("%zu of %zu questions, pass mark %d%%",
					 asks, holds, score_percent(q->pass));
		list_row(app, &sb, "  ", q->item.id, w, q->title, rest);
		free(rest);
	}
	if (!c->quizzes.n)
		strbuf_adds(&sb, "  (none)\n");
	strbuf_adds(&sb, "Type 'quiz ID' to take one.\n");
	fputs(sb.buf, app->out);
	strbuf_release(&sb);
	return EXIT_OK;
}

const struct cmd_entry cmd_quizzes_entry = {
	.name = "quizzes",
	.max_args = 0,
	.summary = "list the quizzes",
	.flags = CMD_COURSE,
	.run = cmd_quizzes,
};

static int cmd_assessments(struct app *app, const struct cmd_args *args)
{
	const struct course *c = app->course;
	struct strbuf sb = { 0 };
	size_t i, w = id_width(&c->assessments);

	(void)args;
	present_heading(app, &sb, "Self-assessments");
	for (i = 0; i < c->assessments.n; i++) {
		const struct assessment *a = c->assessments.v[i];
		char *rest =
			xasprintf("%zu statements, about %zu min",
				  a->n_statements, (a->n_statements + 4) / 5);
		list_row(app, &sb, "  ", a->item.id, w, a->title, rest);
		free(rest);
	}
	if (!c->assessments.n)
		strbuf_adds(&sb, "  (none)\n");
	strbuf_adds(&sb, "Type 'assess ID' to take one.\n");
	fputs(sb.buf, app->out);
	strbuf_release(&sb);
	return EXIT_OK;
}

const struct cmd_entry cmd_assessments_entry = {
	.name = "assessments",
	.max_args = 0,
	.summary = "list the self-assessments",
	.flags = CMD_COURSE,
	.run = cmd_assessments,
};

static int cmd_exercises(struct app *app, const struct cmd_args *args)
{
	const struct course *c = app->course;
	struct strbuf sb = { 0 };
	size_t i, j, w = id_width(&c->exercises), sw = id_width(&c->scenarios);

	(void)args;
	present_heading(app, &sb, "Sales-meeting exercises");
	for (i = 0; i < c->exercises.n; i++) {
		const struct exercise *e = c->exercises.v[i];
		size_t scenarios = 0, polls = 0;
		char *rest;
		for (j = 0; j < e->n_parts; j++)
			e->parts[j].scenario ? scenarios++ : polls++;
		rest = e->minutes
			       ? xasprintf("%zu scenarios, %zu polls, %u min",
					   scenarios, polls, e->minutes)
			       : xasprintf("%zu scenarios, %zu polls",
					   scenarios, polls);
		list_row(app, &sb, "  ", e->item.id, w, e->title, rest);
		free(rest);
		for (j = 0; j < e->n_parts; j++) {
			const struct scenario *s = e->parts[j].scenario;
			char *more;
			if (!s)
				continue;
			more = s->minutes ? xasprintf("%s, %u min",
						      competency_name(
							      &s->competency),
						      s->minutes)
					  : xstrdup(competency_name(
						    &s->competency));
			list_row(app, &sb, "    ", s->item.id, sw, s->title,
				 more);
			free(more);
		}
	}
	if (!c->exercises.n)
		strbuf_adds(&sb, "  (none)\n");
	app_wrapf(app, &sb, "Type 'show ID' to preview a scenario.\n");
	fputs(sb.buf, app->out);
	strbuf_release(&sb);
	return EXIT_OK;
}

const struct cmd_entry cmd_exercises_entry = {
	.name = "exercises",
	.max_args = 0,
	.summary = "list the sales-meeting exercises and their scenarios",
	.flags = CMD_COURSE,
	.run = cmd_exercises,
};

/* ---- show: everything an author wrote, with where it was written ---- */

static void where(const struct app *app, struct strbuf *sb,
		  const struct item *it)
{
	char *file = display_path(it->loc.file ? it->loc.file : "");
	char *text =
		xasprintf("%s %s%s%s:%u:%u", item_kind_name(it->kind), it->id,
			  app->sep, file, it->loc.line, it->loc.col);

	app_wrap_styled(app, sb, STYLE_DIM, text);
	free(text);
	free(file);
}

/* An option's feedback under it, after an arrow. */
static void feedback_line(const struct app *app, struct strbuf *sb,
			  const char *text)
{
	char *head;

	if (!text)
		return;
	head = xasprintf("       %s ", app->arrow);
	app_wrap(app, sb, text, head, "         ");
	free(head);
}

static void labelled(const struct app *app, struct strbuf *sb,
		     const char *label, const char *text)
{
	char *first;

	if (!text)
		return;
	first = xasprintf("  %s: ", label);
	app_wrap(app, sb, text, first, "    ");
	free(first);
}

static void show_bands(const struct app *app, struct strbuf *sb,
		       const struct band *b, size_t n)
{
	size_t i;

	strbuf_adds(sb, "Bands\n");
	for (i = 0; i < n; i++) {
		char *head = xasprintf("  %g to %g: ", b[i].min, b[i].max);
		struct strbuf line = { 0 };
		strbuf_adds(&line, head);
		app_safe(&line, b[i].label);
		strbuf_adds(&line, ": ");
		strbuf_adds(&line, b[i].advice ? b[i].advice : "");
		if (b[i].lesson.id) {
			strbuf_adds(&line, " (read ");
			strbuf_adds(&line, b[i].lesson.id);
			strbuf_addc(&line, ')');
		}
		app_wrap(app, sb, line.buf, "", "      ");
		strbuf_release(&line);
		free(head);
	}
}

static void show_question(const struct app *app, struct strbuf *sb,
			  const struct question *q)
{
	char *pts = points_text(q->points);
	struct strbuf top = { 0 };
	size_t i;

	strbuf_addf(&top, "%s%s%s%s%s", question_type_name(q->type), app->sep,
		    competency_name(&q->competency), app->sep, pts);
	if (q->lesson.id)
		strbuf_addf(&top, "%slesson %s", app->sep, q->lesson.id);
	app_wrap_styled(app, sb, STYLE_BOLD, top.buf);
	strbuf_release(&top);
	free(pts);
	app_wrap(app, sb, q->prompt, "", "");
	labelled(app, sb, "hint", q->hint);
	for (i = 0; q->type != Q_SHORT && i < q->n_choices; i++) {
		const struct choice *c = &q->choices[i];
		char *head;
		if (q->type == Q_ORDERING)
			head = xasprintf("  %zu. ", i + 1);
		else
			head = xasprintf("  %c) [%g%%] ", (char)('a' + i),
					 c->credit);
		app_wrap(app, sb, c->text, head, "       ");
		if (c->feedback)
			feedback_line(app, sb, c->feedback);
		free(head);
	}
	if (q->type == Q_SHORT) {
		for (i = 0; i < q->n_accept; i++)
			labelled(app, sb, i ? "also" : "answer", q->accept[i]);
		if (q->n_keywords) {
			struct strbuf kw = { 0 };
			size_t k;
			strbuf_addf(&kw, "any %u of:", q->min_keywords);
			for (k = 0; k < q->n_keywords; k++)
				strbuf_addf(&kw, " %s", q->keywords[k]);
			labelled(app, sb, "keywords", kw.buf);
			strbuf_release(&kw);
		}
		labelled(app, sb, "pattern", q->pattern);
	}
	labelled(app, sb, "explanation", q->explanation);
}

static void show_quiz(const struct app *app, struct strbuf *sb,
		      const struct quiz *q)
{
	size_t i, asks, holds;

	quiz_size(q, &asks, &holds);
	present_heading(app, sb, q->title);
	labelled(app, sb, "intro", q->intro);
	strbuf_addf(sb, "  asks %zu of %zu questions%spass mark %g%%%s%s", asks,
		    holds, app->sep, q->pass, app->sep,
		    q->shuffle ? "shuffled" : "in written order");
	if (q->time_limit)
		strbuf_addf(sb, "%s%u min", app->sep, q->time_limit);
	strbuf_addc(sb, '\n');
	for (i = 0; i < q->n_pools; i++) {
		const struct pool *p = q->pools[i];
		size_t j;
		strbuf_addf(sb, "  pool %zu%s", i + 1, p->item.id ? " " : "");
		app_safe(sb, p->item.id);
		if (p->draw)
			strbuf_addf(sb, ", draws %u", p->draw);
		if (p->bank.id) {
			strbuf_adds(sb, ", from bank ");
			app_safe(sb, p->bank.id);
		}
		strbuf_adds(sb, ":");
		for (j = 0; j < p->n_questions; j++) {
			strbuf_addc(sb, ' ');
			app_safe(sb, p->questions[j]->item.id);
		}
		strbuf_addc(sb, '\n');
	}
	show_bands(app, sb, q->bands, q->n_bands);
}

static void show_assessment(const struct app *app, struct strbuf *sb,
			    const struct assessment *a)
{
	size_t i;

	present_heading(app, sb, a->title);
	labelled(app, sb, "intro", a->intro);
	strbuf_adds(sb, "Scale:");
	for (i = 0; i < a->scale.n_points; i++) {
		strbuf_addf(sb, " %d ", a->scale.points[i].value);
		app_safe(sb, a->scale.points[i].label);
		if (i + 1 < a->scale.n_points)
			strbuf_addc(sb, ',');
	}
	strbuf_addc(sb, '\n');
	for (i = 0; i < a->n_statements; i++) {
		const struct statement *s = a->statements[i];
		struct strbuf head = { 0 };
		strbuf_adds(&head, "  ");
		app_safe(&head, s->item.id);
		strbuf_adds(&head, s->reverse ? " (reversed, " : " (");
		app_safe(&head, competency_name(&s->competency));
		strbuf_adds(&head, ") ");
		app_wrap(app, sb, s->text, head.buf, "      ");
		strbuf_release(&head);
	}
	show_bands(app, sb, a->bands, a->n_bands);
	strbuf_adds(sb, "Next actions\n");
	for (i = 0; i < a->n_actions; i++) {
		struct strbuf head = { 0 };
		strbuf_adds(&head, "  ");
		app_safe(&head, competency_name(&a->actions[i].competency));
		strbuf_adds(&head, ": ");
		app_wrap(app, sb, a->actions[i].text, head.buf, "      ");
		strbuf_release(&head);
	}
}

static void show_scenario(const struct app *app, struct strbuf *sb,
			  const struct scenario *s)
{
	size_t i;

	present_heading(app, sb, s->title);
	strbuf_adds(sb, app_on(app, STYLE_DIM));
	app_safe(sb, competency_name(&s->competency));
	if (s->minutes)
		strbuf_addf(sb, "%s%u min", app->sep, s->minutes);
	strbuf_adds(sb, app_off(app));
	strbuf_addc(sb, '\n');
	for (i = 0; i < s->n_situation; i++)
		app_wrap(app, sb, s->situation[i], "", "");
	strbuf_addc(sb, '\n');
	app_wrap(app, sb, s->question, "", "");
	for (i = 0; i < s->n_choices; i++) {
		char *head = xasprintf("  %c) [%g%%] ", (char)('a' + i),
				       s->choices[i].credit);
		app_wrap(app, sb, s->choices[i].text, head, "       ");
		feedback_line(app, sb, s->choices[i].feedback);
		free(head);
	}
	if (s->n_discuss)
		strbuf_adds(sb, "Discuss\n");
	for (i = 0; i < s->n_discuss; i++)
		app_wrap(app, sb, s->discuss[i], app->unicode ? "  • " : "  - ",
			 "    ");
	if (s->n_cards)
		strbuf_adds(sb, "Role-play cards\n");
	for (i = 0; i < s->n_cards; i++) {
		strbuf_adds(sb, "  ");
		strbuf_adds(sb, app_on(app, STYLE_BOLD));
		app_safe(sb, s->cards[i].role);
		strbuf_adds(sb, app_off(app));
		strbuf_addc(sb, '\n');
		labelled(app, sb, "knows", s->cards[i].knows);
		labelled(app, sb, "wants", s->cards[i].goal);
	}
	labelled(app, sb, "debrief", s->debrief);
}

static const char *step_verb(enum step_kind k)
{
	switch (k) {
	case STEP_READ:
		return "read";
	case STEP_PASS:
		return "pass";
	case STEP_ASSESS:
		return "assess";
	case STEP_MEET:
		return "meet";
	default:
		return "review";
	}
}

static void show_path(const struct app *app, struct strbuf *sb,
		      const struct path *p)
{
	size_t i;

	present_heading(app, sb, p->title);
	labelled(app, sb, "intro", p->intro);
	for (i = 0; i < p->n_steps; i++) {
		const struct step *s = p->steps[i];
		struct strbuf what = { 0 }, id = { 0 };
		struct span spans[2] = { { NULL, false, STYLE_DIM },
					 { NULL, true, STYLE_DIM } };
		char head[32];
		strbuf_adds(&what, step_verb(s->kind));
		if (s->target.id)
			strbuf_addf(&what, " %s", s->target.id);
		if (s->kind == STEP_PASS && s->has_mark)
			strbuf_addf(&what, " at %g%%", s->mark);
		strbuf_addf(&id, " (%s)", s->item.id);
		spans[0].text = what.buf;
		spans[1].text = id.buf;
		snprintf(head, sizeof(head), "  %zu. ", i + 1);
		app_wrap_spans(app, sb, spans, 2, head, "     ");
		strbuf_release(&what);
		strbuf_release(&id);
	}
}

static int cmd_show(struct app *app, const struct cmd_args *args)
{
	const struct item *it = course_find(app->course, args->argv[0]);
	struct strbuf sb = { 0 };
	size_t i;

	if (!it) {
		app_error(app, "no item '%s'; Tab completes the ids",
			  args->argv[0]);
		return EXIT_FAILED;
	}
	where(app, &sb, it);
	switch (it->kind) {
	case ITEM_COMPETENCY: {
		const struct competency *c = (const void *)it;
		present_heading(app, &sb, c->name);
		labelled(app, &sb, "about", c->description);
		break;
	}
	case ITEM_LESSON:
		present_lesson(app, &sb, (const void *)it);
		break;
	case ITEM_QUESTION:
		show_question(app, &sb, (const void *)it);
		break;
	case ITEM_QUIZ:
		show_quiz(app, &sb, (const void *)it);
		break;
	case ITEM_BANK: {
		const struct bank *b = (const void *)it;
		if (b->title)
			present_heading(app, &sb, b->title);
		for (i = 0; i < b->n_questions; i++) {
			strbuf_adds(&sb, "  ");
			app_safe(&sb, b->questions[i]->item.id);
			strbuf_addc(&sb, '\n');
		}
		break;
	}
	case ITEM_ASSESSMENT:
		show_assessment(app, &sb, (const void *)it);
		break;
	case ITEM_STATEMENT: {
		const struct statement *s = (const void *)it;
		app_wrap(app, &sb, s->text, "", "");
		labelled(app, &sb, "competency",
			 competency_name(&s->competency));
		if (s->reverse)
			strbuf_adds(&sb, "  reverse-keyed\n");
		break;
	}
	case ITEM_EXERCISE: {
		const struct exercise *e = (const void *)it;
		present_heading(app, &sb, e->title);
		labelled(app, &sb, "intro", e->intro);
		for (i = 0; i < e->n_parts; i++) {
			const struct item *part =
				e->parts[i].scenario
					? &e->parts[i].scenario->item
					: &e->parts[i].poll->item;
			strbuf_addf(&sb, "  %zu. %s ", i + 1,
				    item_kind_name(part->kind));
			app_safe(&sb, part->id);
			strbuf_addc(&sb, '\n');
		}
		break;
	}
	case ITEM_SCENARIO:
		show_scenario(app, &sb, (const void *)it);
		break;
	case ITEM_POLL: {
		const struct poll *p = (const void *)it;
		app_wrap(app, &sb, p->text, "", "");
		labelled(app, &sb, "competency",
			 competency_name(&p->competency));
		break;
	}
	case ITEM_PATH:
		show_path(app, &sb, (const void *)it);
		break;
	case ITEM_STEP: {
		const struct step *s = (const void *)it;
		strbuf_addf(&sb, "  %s ", step_verb(s->kind));
		app_safe(&sb, s->target.id);
		strbuf_addc(&sb, '\n');
		break;
	}
	default:
		break;
	}
	app_page(app, sb.buf);
	strbuf_release(&sb);
	return EXIT_OK;
}

const struct cmd_entry cmd_show_entry = {
	.name = "show",
	.min_args = 1,
	.max_args = 1,
	.usage = "ID",
	.summary = "preview any item by its id, as an author sees it",
	.flags = CMD_COURSE,
	.complete = COMPLETE_ANY_ID,
	.run = cmd_show,
};
