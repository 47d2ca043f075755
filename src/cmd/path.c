/* SPDX-License-Identifier: GPL-3.0-or-later */
/* path.c - the onboarding path: a checklist whose steps are done by what
 * the store records (a lesson read, a quiz passed at its mark, an
 * assessment or exercise finished, the review queue cleared), never by a
 * flag the learner sets; and 'next', which starts the next step. */
#include <stdlib.h>
#include <string.h>

#include "../core/model.h"
#include "../core/score.h"
#include "../core/store.h"
#include "../core/text.h"
#include "present.h"

/* Whether the records satisfy step s now. before_done: every step before
 * it is done (the review step waits for them, or an empty queue at the
 * start would count). */
static bool satisfied(struct app *app, const struct step *s, bool before_done,
		      double *best)
{
	const char *course = app->course->item.id;
	struct history_row *h;
	struct review_row *q;
	size_t n, i;
	bool yes = false;
	char *err = NULL;
	int rc;

	*best = -1;
	switch (s->kind) {
	case STEP_READ:
		return store_has_read(app->store, app->user_id, course,
				      s->target.id, &err) == 1;
	case STEP_PASS: {
		const struct quiz *quiz = s->target.target;
		double mark = s->has_mark ? s->mark : quiz ? quiz->pass : 100;
		rc = store_best_score(app->store, app->user_id, course, "quiz",
				      s->target.id, best, &err);
		free(err);
		return rc == 1 && *best >= mark;
	}
	case STEP_ASSESS:
	case STEP_MEET:
		if (store_history(app->store, app->user_id, course, &h, &n,
				  &err) != 0) {
			free(err);
			return false;
		}
		for (i = 0; i < n && !yes; i++)
			yes = strcmp(h[i].status, "finished") == 0 &&
			      strcmp(h[i].kind, s->kind == STEP_ASSESS
							? "assessment"
							: "exercise") == 0 &&
			      strcmp(h[i].item, s->target.id) == 0;
		store_free_history(h, n);
		return yes;
	case STEP_REVIEW:
		if (!before_done)
			return false;
		if (store_review_queue(app->store, app->user_id, course, false, 0,
				       &q, &n, &err) != 0) {
			free(err);
			return false;
		}
		store_free_review(q, n);
		return n == 0;
	}
	return false;
}

struct step_state {
	bool done;
	int64_t when; /* recorded done at */
	double best;  /* a pass step's best score so far, or -1 */
};

/* Brings the recorded progress of path p up to date and reads it into
 * states (one per step). Returns the index of the next step, or n_steps
 * when the path is done. */
static size_t update(struct app *app, const struct path *p,
		     struct step_state *states)
{
	const char *course = app->course->item.id;
	size_t i, next = p->n_steps;
	bool all_before = true;

	for (i = 0; i < p->n_steps; i++) {
		const struct step *s = p->steps[i];
		struct step_state *st = &states[i];
		char *err = NULL;
		st->best = -1;
		st->done = store_step_is_done(app->store, app->user_id, course,
					      p->item.id, s->item.id, &st->when,
					      &err) == 1;
		free(err);
		if (!st->done && satisfied(app, s, all_before, &st->best)) {
			err = NULL;
			if (store_step_done(app->store, app->user_id, course,
					    p->item.id, s->item.id, app_now(),
					    &err) == 0)
				st->done = true, st->when = app_now();
			free(err);
		} else if (s->kind == STEP_PASS && !st->done) {
			satisfied(app, s, all_before, &st->best);
		}
		if (!st->done && next == p->n_steps)
			next = i;
		all_before = all_before && st->done;
	}
	return next;
}

/* "Read 'Partners, not a drop-off point'" and so on. */
static void step_text(const struct app *app, struct strbuf *sb,
		      const struct step *s)
{
	const char *title = item_title(s->target.target);

	if (!title)
		title = s->target.id;
	switch (s->kind) {
	case STEP_READ:
		strbuf_adds(sb, "Read '");
		break;
	case STEP_PASS:
		strbuf_adds(sb, "Pass '");
		break;
	case STEP_ASSESS:
		strbuf_adds(sb, "Take the self-assessment '");
		break;
	case STEP_MEET:
		strbuf_adds(sb, "Work through the exercise '");
		break;
	case STEP_REVIEW:
		strbuf_adds(sb, "Clear your review queue");
		return;
	}
	app_safe(sb, title);
	strbuf_addc(sb, '\'');
	if (s->kind == STEP_PASS) {
		const struct quiz *q = s->target.target;
		strbuf_addf(sb, " with %d%% or more",
			    score_percent(s->has_mark ? s->mark : q ? q->pass : 100));
	}
	(void)app;
}

/* The command that does step s, as words for cmd_run; NULL for none. */
static int step_command(const struct step *s, char *cmd, size_t size)
{
	switch (s->kind) {
	case STEP_READ:
		snprintf(cmd, size, "read");
		return 2;
	case STEP_PASS:
		snprintf(cmd, size, "quiz");
		return 2;
	case STEP_ASSESS:
		snprintf(cmd, size, "assess");
		return 2;
	case STEP_MEET:
		snprintf(cmd, size, "practice");
		return 2;
	case STEP_REVIEW:
		snprintf(cmd, size, "review");
		return 1;
	}
	return 0;
}

static const struct path *first_path(struct app *app)
{
	return app->course->paths.n ? app->course->paths.v[0] : NULL;
}

static int cmd_path(struct app *app, const struct cmd_args *args)
{
	const struct path *p = first_path(app);
	struct step_state *st;
	struct strbuf sb = {0};
	size_t i, next, done = 0;

	(void)args;
	if (!p) {
		fprintf(app->out, "This course has no onboarding path.\n");
		return EXIT_OK;
	}
	st = xcalloc(p->n_steps ? p->n_steps : 1, sizeof(*st));
	next = update(app, p, st);
	present_heading(app, &sb, p->title);
	for (i = 0; i < p->n_steps; i++) {
		struct strbuf line = {0};
		const char *mark = st[i].done ? (app->unicode ? "✓" : "x")
				   : i == next ? (app->unicode ? "→" : ">")
					       : " ";
		done += st[i].done;
		if (i == next)
			strbuf_adds(&sb, app_on(app, STYLE_BOLD));
		else if (st[i].done)
			strbuf_adds(&sb, app_on(app, STYLE_GOOD));
		strbuf_addf(&line, "%zu. ", i + 1);
		step_text(app, &line, p->steps[i]);
		if (st[i].done) {
			char *when = app_when(st[i].when);
			strbuf_addf(&line, " (done %s)", when);
			free(when);
		} else if (p->steps[i]->kind == STEP_PASS && st[i].best >= 0) {
			strbuf_addf(&line, " (best so far: %d%%)",
				    score_percent(st[i].best));
		} else if (p->steps[i]->kind == STEP_REVIEW) {
			struct review_row *q;
			size_t n;
			char *err = NULL;
			if (store_review_queue(app->store, app->user_id,
					       app->course->item.id, false, 0, &q,
					       &n, &err) == 0) {
				if (n)
					strbuf_addf(&line, " (%zu question%s in it)",
						    n, n == 1 ? "" : "s");
				store_free_review(q, n);
			} else {
				free(err);
			}
		}
		{
			char *head = xasprintf("  %s ", mark);
			app_wrap(app, &sb, line.buf, head, "      ");
			free(head);
		}
		strbuf_adds(&sb, app_off(app));
		strbuf_release(&line);
	}
	if (next < p->n_steps)
		strbuf_addf(&sb, "%zu of %zu done. Type 'next' for step %zu.\n",
			    done, p->n_steps, next + 1);
	else
		strbuf_addf(&sb, "All %zu steps done: the path is complete.\n",
			    p->n_steps);
	fputs(sb.buf, app->out);
	strbuf_release(&sb);
	free(st);
	return EXIT_OK;
}

const struct cmd_entry cmd_path_entry = {
	.name = "path",
	.max_args = 0,
	.summary = "show your onboarding path and the next step",
	.flags = CMD_COURSE | CMD_STORE,
	.run = cmd_path,
};

static int cmd_next(struct app *app, const struct cmd_args *args)
{
	const struct path *p = first_path(app);
	struct step_state *st;
	size_t next, after;
	char cmd[16], *words[3];
	int n, status;

	(void)args;
	if (!p) {
		fprintf(app->out, "This course has no onboarding path; 'help' "
				  "lists what you can do.\n");
		return EXIT_OK;
	}
	st = xcalloc(p->n_steps ? p->n_steps : 1, sizeof(*st));
	next = update(app, p, st);
	if (next == p->n_steps) {
		fprintf(app->out, "Your path is complete. 'progress' shows the "
				  "journey; 'review' keeps what you learned fresh.\n");
		free(st);
		return EXIT_OK;
	}
	{
		struct strbuf sb = {0};
		strbuf_addf(&sb, "Step %zu of %zu: ", next + 1, p->n_steps);
		step_text(app, &sb, p->steps[next]);
		strbuf_adds(&sb, ".\n\n");
		fputs(sb.buf, app->out);
		strbuf_release(&sb);
	}
	n = step_command(p->steps[next], cmd, sizeof(cmd));
	words[0] = cmd;
	words[1] = (char *)p->steps[next]->target.id;
	words[2] = NULL;
	status = cmd_run(app, n, words);
	after = update(app, p, st);
	if (after > next && after < p->n_steps) {
		struct strbuf sb = {0};
		strbuf_addf(&sb, "\nStep %zu done. Next: ", next + 1);
		step_text(app, &sb, p->steps[after]);
		strbuf_adds(&sb, " ('next').\n");
		fputs(sb.buf, app->out);
		strbuf_release(&sb);
	} else if (after == p->n_steps) {
		fprintf(app->out, "\nThat was the last step: your path is "
				  "complete.\n");
	}
	free(st);
	return status;
}

const struct cmd_entry cmd_next_entry = {
	.name = "next",
	.max_args = 0,
	.summary = "start the next step of your path",
	.flags = CMD_COURSE | CMD_STORE,
	.run = cmd_next,
};

char *path_next_text(struct app *app)
{
	const struct path *p = first_path(app);
	struct step_state *st;
	struct strbuf sb = {0};
	size_t next, i, done = 0;

	if (!p || !app->store)
		return NULL;
	st = xcalloc(p->n_steps ? p->n_steps : 1, sizeof(*st));
	next = update(app, p, st);
	for (i = 0; i < p->n_steps; i++)
		done += st[i].done;
	if (next < p->n_steps) {
		strbuf_adds(&sb, "Your path '");
		app_safe(&sb, p->title);
		strbuf_addf(&sb, "': %zu of %zu done; next: ", done, p->n_steps);
		step_text(app, &sb, p->steps[next]);
		strbuf_adds(&sb, " (type 'next').");
	}
	free(st);
	return sb.len ? strbuf_detach(&sb) : NULL;
}
