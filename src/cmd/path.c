/* SPDX-License-Identifier: GPL-3.0-or-later */
/* path.c - the onboarding path: a checklist whose steps are done by what
 * the store records (a lesson read, a quiz passed at its mark, an
 * assessment or exercise finished, the review queue cleared), never by a
 * flag the learner sets; and 'next', which starts the next step. */
#include <stdlib.h>
#include <string.h>

#include "../core/model.h"
#include "../core/path.h"
#include "../core/score.h"
#include "../core/store.h"
#include "../core/text.h"
#include "present.h"

/* Reads from the store what the rules of path.h decide on, for the steps
 * not yet recorded done. False, after saying why, when the store fails. */
static bool gather(struct app *app, const struct path *p,
		   struct step_facts *facts)
{
	const char *course = app->course->item.id;
	struct history_row *h = NULL;
	size_t n_h = 0, i, j;
	bool have_history = false;
	char *err = NULL;
	int rc = 0;

	for (i = 0; i < p->n_steps && rc >= 0; i++) {
		const struct step *s = p->steps[i];
		struct step_facts *f = &facts[i];
		memset(f, 0, sizeof(*f));
		rc = store_step_is_done(app->store, app->user_id, course,
					p->item.id, s->item.id, &f->when, &err);
		f->recorded = rc == 1;
		if (rc < 0 || f->recorded)
			continue;
		switch (s->kind) {
		case STEP_READ:
			rc = store_has_read(app->store, app->user_id, course,
					    s->target.id, &err);
			f->read = rc == 1;
			break;
		case STEP_PASS:
			rc = store_best_score(app->store, app->user_id, course,
					      "quiz", s->target.id, &f->best,
					      &err);
			f->has_best = rc == 1;
			break;
		case STEP_ASSESS:
		case STEP_MEET:
			if (!have_history) {
				rc = store_history(app->store, app->user_id,
						   course, &h, &n_h, &err);
				if (rc < 0)
					break;
				have_history = true;
			}
			for (j = 0; j < n_h && !f->finished; j++)
				f->finished =
					strcmp(h[j].status, "finished") == 0 &&
					strcmp(h[j].kind,
					       s->kind == STEP_ASSESS
						       ? "assessment"
						       : "exercise") == 0 &&
					strcmp(h[j].item, s->target.id) == 0;
			break;
		case STEP_REVIEW: {
			struct review_row *q;
			rc = store_review_queue(app->store, app->user_id,
						course, false, 0, &q, &f->queue,
						&err);
			if (rc == 0)
				store_free_review(q, f->queue);
			break;
		}
		}
	}
	if (have_history)
		store_free_history(h, n_h);
	if (rc < 0) {
		app_error(app, "the path's progress cannot be read: %s",
			  err ? err : "the results database failed");
		free(err);
		return false;
	}
	return true;
}

/* Where a learner stands on a path: one state and one set of facts per
 * step, and the next step (n_steps when the path is done). */
struct progress {
	struct step_state *st;
	struct step_facts *facts;
	size_t next;
};

static bool update(struct app *app, const struct path *p,
		   struct step_state *states, struct step_facts *facts,
		   size_t *next);

/* Reads pr for path p, the progress brought up to date; false, after
 * saying why and with nothing to free, when the store fails. */
static bool progress_read(struct app *app, const struct path *p,
			  struct progress *pr)
{
	pr->st = xcalloc(p->n_steps, sizeof(*pr->st));
	pr->facts = xcalloc(p->n_steps, sizeof(*pr->facts));
	if (update(app, p, pr->st, pr->facts, &pr->next))
		return true;
	free(pr->st);
	free(pr->facts);
	return false;
}

static void progress_free(struct progress *pr)
{
	free(pr->st);
	free(pr->facts);
}

/* Brings the recorded progress of path p up to date (path_evaluate over
 * what gather() read, the steps newly done recorded) and reads it into
 * states, one per step, and *next (n_steps when the path is done). False,
 * after saying why, when the store fails. */
static bool update(struct app *app, const struct path *p,
		   struct step_state *states, struct step_facts *facts,
		   size_t *next)
{
	size_t i;

	if (!gather(app, p, facts))
		return false;
	*next = path_evaluate(p, facts, app_now_ms(), states);
	for (i = 0; i < p->n_steps; i++) {
		char *err = NULL;
		if (!states[i].newly)
			continue;
		if (store_step_done(app->store, app->user_id,
				    app->course->item.id, p->item.id,
				    p->steps[i]->item.id, states[i].when,
				    &err) != 0) {
			app_error(app, "step %zu was not recorded as done: %s",
				  i + 1, err);
			free(err);
			return false;
		}
	}
	return true;
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
			    score_percent(s->has_mark ? s->mark
					  : q	      ? q->pass
						      : 100));
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
	struct progress pr;
	struct step_state *st;
	struct step_facts *facts;
	struct strbuf sb = { 0 };
	size_t i, next, done = 0;

	(void)args;
	if (!p) {
		app_say(app, "This course has no onboarding path.\n");
		return EXIT_OK;
	}
	if (!progress_read(app, p, &pr))
		return EXIT_FAILED;
	st = pr.st;
	facts = pr.facts;
	next = pr.next;
	present_heading(app, &sb, p->title);
	for (i = 0; i < p->n_steps; i++) {
		struct strbuf line = { 0 };
		const char *mark = st[i].done  ? (app->unicode ? "✓" : "x")
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
		} else if (p->steps[i]->kind == STEP_REVIEW && facts[i].queue) {
			strbuf_addf(&line, " (%zu question%s in it)",
				    facts[i].queue,
				    facts[i].queue == 1 ? "" : "s");
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
		app_wrapf(app, &sb,
			  "%zu of %zu done. Type 'next' for step %zu.\n", done,
			  p->n_steps, next + 1);
	else
		app_wrapf(app, &sb,
			  "All %zu steps done: the path is complete.\n",
			  p->n_steps);
	fputs(sb.buf, app->out);
	strbuf_release(&sb);
	progress_free(&pr);
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
	struct progress pr;
	struct step_state *st;
	struct step_facts *facts;
	size_t next, after;
	char cmd[16], *words[3];
	int n, status;

	(void)args;
	if (!p) {
		app_say(app, "This course has no onboarding path; 'help' lists "
			     "what you can do.\n");
		return EXIT_OK;
	}
	if (!progress_read(app, p, &pr))
		return EXIT_FAILED;
	st = pr.st;
	facts = pr.facts;
	next = pr.next;
	if (next == p->n_steps) {
		app_say(app,
			"Your path is complete. 'progress' shows the "
			"journey; 'review' keeps what you learned fresh.\n");
		progress_free(&pr);
		return EXIT_OK;
	}
	{
		struct strbuf sb = { 0 };
		strbuf_addf(&sb, "Step %zu of %zu: ", next + 1, p->n_steps);
		step_text(app, &sb, p->steps[next]);
		app_say(app, "%s.\n\n", sb.buf);
		strbuf_release(&sb);
	}
	n = step_command(p->steps[next], cmd, sizeof(cmd));
	words[0] = cmd;
	words[1] = (char *)p->steps[next]->target.id;
	words[2] = NULL;
	status = cmd_run(app, n, words);
	if (!update(app, p, st, facts, &after)) {
		status = EXIT_FAILED;
	} else if (after > next && after < p->n_steps) {
		struct strbuf sb = { 0 };
		strbuf_addf(&sb, "Step %zu done. Next: ", next + 1);
		step_text(app, &sb, p->steps[after]);
		app_say(app, "\n%s ('next').\n", sb.buf);
		strbuf_release(&sb);
	} else if (after == p->n_steps) {
		app_say(app,
			"\nThat was the last step: your path is complete.\n");
	}
	progress_free(&pr);
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
	struct progress pr;
	struct step_state *st;
	struct strbuf sb = { 0 };
	size_t next, i, done = 0;

	if (!p || !app->store || !p->n_steps)
		return NULL;
	if (!progress_read(app, p, &pr))
		return NULL;
	st = pr.st;
	next = pr.next;
	for (i = 0; i < p->n_steps; i++)
		done += st[i].done;
	if (next < p->n_steps) {
		strbuf_adds(&sb, "Your path '");
		app_safe(&sb, p->title);
		strbuf_addf(&sb, "': %zu of %zu done; next: ", done,
			    p->n_steps);
		step_text(app, &sb, p->steps[next]);
		strbuf_adds(&sb, " (type 'next').");
	}
	progress_free(&pr);
	return sb.len ? strbuf_detach(&sb) : NULL;
}
