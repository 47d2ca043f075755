/* SPDX-License-Identifier: GPL-3.0-or-later */
/* flow.c - the machinery of taking a quiz, a self-assessment, an exercise
 * or a review: one loop for a person at a terminal and for a script; every
 * answer committed to the store before its feedback is shown; unfinished
 * attempts offered and resumed as they were. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../core/answer.h"
#include "../core/result_json.h"
#include "../core/review.h"
#include "../core/store.h"
#include "../core/text.h"
#include "../term/input.h"
#include "flow.h"
#include "view.h"
#include "present.h"

enum flow_end {
	FLOW_DONE,     /* every item had its turn */
	FLOW_TIME_UP,  /* the time limit ended it */
	FLOW_QUIT,     /* the learner typed quit */
	FLOW_LEFT,     /* Ctrl-D, or Ctrl-C */
	FLOW_RAN_OUT,  /* a script's answers ended early */
	FLOW_BAD_LINE, /* a script's line could not be taken */
	FLOW_UNSAVED,  /* the store refused an answer */
};

void flow_say(struct flow *f, const struct strbuf *sb)
{
	if (!f->quiet && sb->len)
		fputs(sb->buf, f->app->out);
}

/* ---- showing the run through its kind's view ---- */

/* Runs one of the view's functions into a buffer, then says it. */
#define SHOW(f, fn, ...)                                                       \
	do {                                                                   \
		const struct run_view *rv_ = view_for((f)->run->kind);         \
		struct strbuf sb_ = { 0 };                                     \
		struct view v_ = { (f)->app, (f)->run, &sb_ };                 \
		if (rv_->fn)                                                   \
			rv_->fn(&v_, __VA_ARGS__);                             \
		flow_say((f), &sb_);                                           \
		strbuf_release(&sb_);                                          \
	} while (0)

static void flow_intro(struct flow *f)
{
	const struct run_view *rv = view_for(f->run->kind);
	struct strbuf sb = { 0 };
	struct view v = { f->app, f->run, &sb };

	if (rv->intro)
		rv->intro(&v);
	flow_say(f, &sb);
	strbuf_release(&sb);
}

static void flow_header(struct flow *f, const struct run_item *it)
{
	SHOW(f, header, it);
}

static void flow_feedback(struct flow *f, const struct run_item *it)
{
	SHOW(f, feedback, it);
}

static void flow_skipped(struct flow *f, const struct run_item *it)
{
	SHOW(f, skipped, it);
}

static void flow_hint(struct flow *f, const struct question *q)
{
	SHOW(f, hint, q);
}

static void flow_result(struct flow *f, const struct result *res)
{
	SHOW(f, result, res);
}

void flow_unclear(struct flow *f, const char *why)
{
	if (f->quiet) {
		app_error(f->app, "%s; try again", why);
	} else {
		struct strbuf sb = { 0 };
		/* the core's messages are lowercase; shown alone, a sentence */
		char *line = xasprintf("  %c%s. Try again.",
				       why[0] >= 'a' && why[0] <= 'z'
					       ? why[0] - 'a' + 'A'
					       : why[0],
				       why + 1);
		const struct span part = { line + 2, true, STYLE_PART };
		app_wrap_spans(f->app, &sb, &part, 1, "  ", "  ");
		fputs(sb.buf, f->app->out);
		strbuf_release(&sb);
		free(line);
	}
}

static uint64_t choose_seed(const struct app *app)
{
	uint64_t seed = 0;
	int fd;

	if (app->seed_set)
		return app->seed;
	fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		if (read(fd, &seed, sizeof(seed)) != (ssize_t)sizeof(seed))
			seed = 0;
		close(fd);
	}
	if (!seed) /* no /dev/urandom: the clock, to the nanosecond */
		seed = (uint64_t)(app_clock() * 1e9) ^
		       ((uint64_t)app_now_ms() << 20) ^ (uint64_t)getpid();
	return seed;
}

/* Reads one answer line; the prompt only shows on a terminal. */
static enum input_status ask(struct flow *f, const char *expected, char **line)
{
	struct app *app = f->app;
	char *prompt = xasprintf("%sYour answer (%s):%s ",
				 app->color ? "\001\033[1m\002" : "", expected,
				 app->color ? "\001\033[0m\002" : "");
	enum input_status st;

	fflush(app->out);
	st = app_read_answer(app, prompt, line);
	free(prompt);
	return st;
}

/* Reads answers for item it until one is clear: unclear ones are explained
 * and the item asked again. Returns false when the input ended (*end says
 * how); else *a holds the answer, released by the caller. */
static bool read_answer(struct flow *f, const struct run_item *it,
			struct answer *a, enum flow_end *end)
{
	char *expected = answer_expected(f->run, it);

	for (;;) {
		char *line;
		enum input_status st = ask(f, expected, &line);
		if (st != INPUT_LINE) {
			*end = st == INPUT_BAD ? FLOW_BAD_LINE
			       : st == INPUT_INTERRUPT || f->app->interactive
				       ? FLOW_LEFT
				       : FLOW_RAN_OUT;
			free(expected);
			return false;
		}
		answer_parse(f->run, it, line, a);
		free(line);
		if (a->kind != ANSWER_UNCLEAR)
			break;
		flow_unclear(f, a->why);
		answer_release(a);
	}
	free(expected);
	return true;
}

static const char *noun(const struct run *r);

/* Commits the answer now at position pos, and what it means for the review
 * queue, in one transaction, before anything is said about it. When the
 * store refuses, says which answer was not saved and why, and returns
 * false: the caller stops without showing the answer as taken. */
static bool save(struct flow *f, size_t pos)
{
	struct app *app = f->app;
	const struct run_item *it = &f->run->items[pos];
	struct review_move move = { 0 }, *review = NULL;
	char *err = NULL;
	int rc;

	/* a quiz's miss enters the queue; a review's answer moves in it */
	if (it->question && review_moves(f->run->kind, it->outcome)) {
		move.user = app->user_id;
		move.course = app->course->item.id;
		move.question = it->question->item.id;
		move.right = f->run->kind == RUN_REVIEW &&
			     it->outcome == OUTCOME_RIGHT;
		move.today = app_today();
		review = &move;
	}
	rc = store_answer(app->store, f->uuid, app_holder(app), f->run, pos,
			  app_now_ms(), app_clock() - f->asked_at, review,
			  &err);
	if (rc != 0) {
		app_error(app, "your answer to %s %zu was not saved: %s",
			  noun(f->run), pos + 1, err);
		free(err);
		f->taken = rc == STORE_TAKEN;
		return false;
	}
	return true;
}

static enum flow_end flow_loop(struct flow *f)
{
	struct run_item *it;
	enum flow_end end;

	while ((it = run_current(f->run))) {
		size_t pos = f->run->pos;
		bool moved = false;
		flow_header(f, it);
		f->asked_at = app_clock();
		while (!moved) {
			struct answer a;
			if (!read_answer(f, it, &a, &end))
				return end;
			if (run_time_up(f->run, app_clock())) {
				answer_release(&a);
				return FLOW_TIME_UP;
			}
			switch (a.kind) {
			case ANSWER_RESPONSE:
				if (!run_answer(f->run, &a.response)) {
					flow_unclear(
						f,
						it->statement
							? "that is not on the "
							  "scale"
							: "that answer does "
							  "not "
							  "fit this question");
					break;
				}
				moved = true;
				if (!save(f, pos)) {
					answer_release(&a);
					return FLOW_UNSAVED;
				}
				flow_feedback(f, it);
				break;
			case ANSWER_SKIP:
				run_skip(f->run);
				moved = true;
				if (!save(f, pos)) {
					answer_release(&a);
					return FLOW_UNSAVED;
				}
				flow_skipped(f, it);
				break;
			case ANSWER_HINT:
				flow_hint(f, it->question);
				break;
			case ANSWER_BACK:
				moved = run_back(f->run);
				if (!moved)
					flow_unclear(
						f,
						"this is the first statement");
				break;
			case ANSWER_QUIT:
				answer_release(&a);
				return FLOW_QUIT;
			case ANSWER_UNCLEAR:
				break;
			}
			answer_release(&a);
		}
	}
	return FLOW_DONE;
}

/* ---- starting and resuming ---- */

static const char *noun(const struct run *r)
{
	switch (r->kind) {
	case RUN_ASSESSMENT:
		return "statement";
	case RUN_EXERCISE:
		return "scenario";
	default:
		return "question";
	}
}

static const char *title_of(enum run_kind k, const void *what)
{
	return k == RUN_REVIEW ? "Review" : item_title(what);
}

/* "your unfinished knowledge check from Tuesday, 7 of 24 answered". */
static char *describe_attempt(const struct stored_attempt *sa,
			      const char *title)
{
	char *when = app_when(sa->started),
	     *safe = text_sanitize(title, TEXT_ONE_LINE);
	char *s =
		xasprintf("an unfinished '%s' started %s, %zu of %zu answered",
			  safe, when, sa->answered, sa->total);

	free(when);
	free(safe);
	return s;
}

/* "You have WHAT. Resume? [Y/n] ", wrapped to the terminal like every
 * other line, the answer typed after it. */
/* Prints a question wrapped, its last line left open for the answer. */
static void ask_open(struct app *app, const char *text)
{
	struct strbuf sb = { 0 };

	app_wrapf(app, &sb, "%s", text);
	if (sb.len && sb.buf[sb.len - 1] == '\n')
		sb.buf[sb.len - 1] = ' ';
	fputs(sb.buf, app->out);
	fflush(app->out);
	strbuf_release(&sb);
}

static void resume_prompt(struct app *app, const char *what)
{
	char *text = xasprintf("You have %s. Resume? [Y/n]", what);

	ask_open(app, text);
	free(text);
}

/* Asks "Resume? [Y/n]" at the terminal: yes unless the answer starts
 * with n. */
static bool wants_resume(struct app *app, const struct stored_attempt *sa,
			 const char *title)
{
	char *line = NULL, *what = describe_attempt(sa, title);
	bool yes;

	resume_prompt(app, what);
	free(what);
	yes = input_read(app->input, "", false, &line) == INPUT_LINE &&
	      !(line[strspn(line, " ")] == 'n' ||
		line[strspn(line, " ")] == 'N');
	free(line);
	return yes;
}

/* What to do with an unfinished attempt found at the start. */
enum take_choice {
	TAKE_RESUME,	 /* it is ours now: go on with it */
	TAKE_NEW,	 /* ours now, set aside: start afresh */
	TAKE_NEW_BESIDE, /* another rapport keeps it: start afresh beside it */
	TAKE_CANCEL,	 /* the learner chose neither: nothing starts */
	TAKE_REFUSED,	 /* another rapport has it: nothing starts */
};

/* "the unfinished 'Knowledge check' you started today at 09:14 (7 of 24
 * answered) is open in process 4711 on this computer, since today at
 * 09:20". Caller frees. */
static char *describe_holder(const struct stored_attempt *sa, const char *title)
{
	char *when = app_when(sa->started), *since = app_when(sa->held_since);
	char *who = app_holder_text(sa->holder);
	char *safe = text_sanitize(title, TEXT_ONE_LINE);
	char *s = xasprintf("the unfinished '%s' you started %s (%zu of %zu "
			    "answered) is open in %s, since %s",
			    safe, when, sa->answered, sa->total, who, since);

	free(when);
	free(since);
	free(who);
	free(safe);
	return s;
}

/* An unfinished attempt has one writer: one that another live rapport
 * holds is never answered here too. On a terminal the learner chooses:
 * take it over (the other one then stops at its next answer), start a
 * new one beside it, or neither; a script is told and stops. An attempt
 * nobody holds, or held by a process that is gone (killed, say), is
 * offered as before. Taking it is one compare-and-set in the store, so
 * of two processes that try at once only one gets it. */
static enum take_choice take_attempt(struct app *app,
				     const struct stored_attempt *sa,
				     const char *title)
{
	const char *me = app_holder(app);
	char *text, *line = NULL, *err = NULL;
	enum take_choice choice;
	int rc;

	if (sa->holder && strcmp(sa->holder, me) != 0 &&
	    app_holder_alive(sa->holder)) {
		text = describe_holder(sa, title);
		if (!app->interactive) {
			app_error(app,
				  "%s; finish it there, or stop that "
				  "rapport first",
				  text);
			free(text);
			return TAKE_REFUSED;
		}
		text[0] = 'T';
		app_say(app, "%s.\n", text);
		ask_open(app,
			 "Take it over here (the other one stops at its next "
			 "answer), start a new one, or cancel? [t/n/C]");
		free(text);
		app->resume_agreed = false;
		choice = TAKE_CANCEL;
		if (input_read(app->input, "", false, &line) == INPUT_LINE) {
			char c = line[strspn(line, " ")];
			choice = c == 't' || c == 'T'	? TAKE_RESUME
				 : c == 'n' || c == 'N' ? TAKE_NEW_BESIDE
							: TAKE_CANCEL;
		}
		free(line);
		if (choice == TAKE_CANCEL) {
			app_say(app, "Nothing started; the other rapport goes "
				     "on.\n");
			return choice;
		}
		if (choice == TAKE_NEW_BESIDE)
			return choice;
	} else if (app->resume_agreed) { /* asked already, at the start */
		app->resume_agreed = false;
		choice = TAKE_RESUME;
	} else {
		choice = !app->interactive || wants_resume(app, sa, title)
				 ? TAKE_RESUME
				 : TAKE_NEW;
	}
	rc = store_claim(app->store, sa->uuid, me, sa->holder, app_now_ms(),
			 &err);
	if (rc != 0) {
		app_error(app, "%s",
			  rc < 0 ? err
				 : "another rapport took the attempt "
				   "a moment ago; try again");
		free(err);
		return TAKE_REFUSED;
	}
	if (choice == TAKE_RESUME && !app->interactive) {
		/* a script resumes without asking: said once it is ours */
		text = describe_attempt(sa, title);
		app_say(app, "Resuming %s.\n", text);
		free(text);
	}
	return choice;
}

/* Rebuilds the run of a stored attempt, replaying its answers, and says
 * what changed in the course since it began. NULL when nothing of it is
 * left in the course. */
static struct run *resume(struct flow *f, enum run_kind kind, const void *what,
			  struct stored_attempt *sa)
{
	struct app *app = f->app;
	struct plan_entry *plan;
	size_t *map, dropped, changed, i, lost = 0;
	struct run *run;
	char *err = NULL;

	if (store_load_plan(app->store, sa, &err) != 0) {
		app_error(app, "%s", err);
		free(err);
		return NULL;
	}
	plan = xcalloc(sa->n_items ? sa->n_items : 1, sizeof(*plan));
	map = xcalloc(sa->n_items ? sa->n_items : 1, sizeof(*map));
	for (i = 0; i < sa->n_items; i++) {
		plan[i].item = sa->items[i].item;
		plan[i].choices = (const char *const *)sa->items[i].choices;
		plan[i].n_choices = sa->items[i].n_choices;
	}
	run = run_restore(app->course, kind, what, sa->seed, plan, sa->n_items,
			  map, &dropped, &changed);
	for (i = 0; i < sa->n_items; i++) {
		const struct stored_item *s = &sa->items[i];
		if (map[i] == SIZE_MAX || !s->answered)
			continue;
		if (!run_replay(run, map[i], (const char *const *)s->picks,
				s->n_picks, s->text, s->value, s->skipped))
			lost++;
	}
	run_seek_pending(run);
	free(plan);
	free(map);
	if (dropped || changed || lost) {
		struct strbuf sb = { 0 };
		strbuf_adds(&sb, "The course has changed since you started:");
		if (dropped)
			strbuf_addf(&sb, " %zu %s%s gone;", dropped, noun(run),
				    dropped == 1 ? " is" : "s are");
		if (changed)
			strbuf_addf(&sb, " %zu %s%s different options;",
				    changed, noun(run),
				    changed == 1 ? " has" : "s have");
		if (lost)
			strbuf_addf(&sb,
				    " %zu earlier answer%s no longer fit%s "
				    "and will be asked again;",
				    lost, lost == 1 ? "" : "s",
				    lost == 1 ? "s" : "");
		sb.buf[sb.len - 1] = '.';
		strbuf_adds(&sb, " The rest goes on as it was.");
		{
			struct strbuf out = { 0 };
			app_wrap(app, &out, sb.buf, "", "");
			flow_say(f, &out);
			strbuf_release(&out);
		}
		strbuf_release(&sb);
	}
	if (run->n_items == 0) {
		run_free(run);
		return NULL;
	}
	/* the time already spent counts against a time limit */
	run_start_clock(run, app_clock() - sa->seconds);
	return run;
}

/* Starts a run of kind over what, or resumes the learner's unfinished one.
 * Sets f->run and f->uuid; false when it could not. */
static bool start(struct flow *f, enum run_kind kind, const void *what,
		  const char *id)
{
	struct app *app = f->app;
	struct stored_attempt sa;
	struct attempt_key key = { 0 };
	char *err = NULL;
	int found;

	found = kind == RUN_REVIEW
			? 0
			: store_unfinished(app->store, app->user_id,
					   app->course->item.id,
					   run_kind_name(kind), id, &sa, &err);
	if (found < 0) {
		app_error(app, "%s", err);
		free(err);
		return false;
	}
	if (found) {
		enum take_choice choice =
			take_attempt(app, &sa, title_of(kind, what));
		if (choice == TAKE_CANCEL || choice == TAKE_REFUSED) {
			f->cancelled = choice == TAKE_CANCEL;
			store_attempt_release(&sa);
			return false;
		}
		if (choice == TAKE_RESUME) {
			f->run = resume(f, kind, what, &sa);
			if (f->run) {
				memcpy(f->uuid, sa.uuid, sizeof(f->uuid));
				store_attempt_release(&sa);
				return true;
			}
		}
		/* held here now (unless left to the other rapport): set aside
		 * for a fresh start */
		if (choice != TAKE_NEW_BESIDE &&
		    store_abandon(app->store, sa.uuid, app_holder(app), &err) !=
			    0) {
			app_error(app, "%s", err);
			free(err);
			store_attempt_release(&sa);
			return false;
		}
		store_attempt_release(&sa);
	}
	switch (kind) {
	case RUN_QUIZ:
		f->run = run_new_quiz(app->course, what, choose_seed(app));
		break;
	case RUN_ASSESSMENT:
		f->run =
			run_new_assessment(app->course, what, choose_seed(app));
		break;
	case RUN_EXERCISE:
		f->run = run_new_exercise(app->course, what, choose_seed(app));
		break;
	case RUN_REVIEW:
		break; /* made by the caller */
	}
	if (!f->run)
		return false;
	run_start_clock(f->run, app_clock());
	key.user = app->user_id;
	key.course = app->course->item.id;
	key.fingerprint = app->course->fingerprint;
	key.meeting = NULL;
	key.holder = app_holder(app);
	if (store_begin(app->store, &key, f->run, app_now_ms(), f->uuid,
			&err) != 0) {
		app_error(app, "the attempt could not be saved: %s", err);
		free(err);
		run_free(f->run);
		f->run = NULL;
		return false;
	}
	return true;
}

/* The question order is the seed's: say it so that a run can be repeated. */
static void seed_note(struct flow *f, const char *cmd, const char *id)
{
	struct strbuf sb = { 0 }, text = { 0 };

	if (f->app->seed_set || f->quiet || !id)
		return;
	strbuf_addf(&text,
		    "(Seed %llu: 'rapport --seed %llu %s %s' asks the "
		    "same again.)",
		    (unsigned long long)f->run->seed,
		    (unsigned long long)f->run->seed, cmd, id);
	strbuf_addc(&sb, '\n');
	app_wrap_styled(f->app, &sb, STYLE_DIM, text.buf); /* id made safe */
	flow_say(f, &sb);
	strbuf_release(&sb);
	strbuf_release(&text);
}

/* After an answer the store refused: says what is kept and how to go on.
 * In a script the lines after it were answers to questions that are no
 * longer asked, so the script ends there rather than run them as
 * commands. */
static void stop_unsaved(struct flow *f, const char *cmd, const char *id)
{
	struct app *app = f->app;
	struct strbuf sb = { 0 }, msg = { 0 };
	size_t at = f->run->pos ? f->run->pos - 1 : 0;

	if (f->taken) {
		strbuf_addf(&msg,
			    "Stopped at %s %zu of %zu: another rapport has "
			    "taken this attempt over and goes on with it. The "
			    "answers before it are kept there.",
			    noun(f->run), at + 1, f->run->n_items);
	} else if (f->run->kind == RUN_REVIEW) {
		strbuf_addf(&msg,
			    "Stopped at %zu of %zu; what you answered "
			    "before it counts.",
			    at + 1, f->run->n_items);
		store_abandon(app->store, f->uuid, app_holder(app), NULL);
	} else {
		store_let_go(app->store, f->uuid, app_holder(app), NULL);
		strbuf_addf(&msg,
			    "Stopped at %s %zu of %zu; the answers before "
			    "it are kept. Once rapport can save again, '%s %s' "
			    "goes on from there.",
			    noun(f->run), at + 1, f->run->n_items, cmd, id);
	}
	strbuf_addc(&sb, '\n');
	app_wrap(app, &sb, msg.buf, "", ""); /* makes id safe too */
	flow_say(f, &sb);
	strbuf_release(&sb);
	strbuf_release(&msg);
	if (app->in_shell && !app->interactive) {
		app_error(app, "the script ends here, as the lines after this "
			       "one were meant as answers");
		app->leave = true;
	}
}

/* Runs the flow to its end, stores and shows the result. */
static int finish(struct flow *f, const char *cmd, const char *id)
{
	struct app *app = f->app;
	enum flow_end end;
	struct result res;
	char *err = NULL;
	int status = EXIT_OK;

	flow_intro(f);
	end = flow_loop(f);
	if (end == FLOW_UNSAVED) {
		stop_unsaved(f, cmd, id);
		return EXIT_FAILED;
	}
	if (end == FLOW_RAN_OUT || end == FLOW_BAD_LINE ||
	    ((end == FLOW_QUIT || end == FLOW_LEFT) &&
	     f->run->kind != RUN_REVIEW))
		/* kept open for later, and for whichever rapport comes next */
		store_let_go(app->store, f->uuid, app_holder(app), NULL);
	if (end == FLOW_RAN_OUT) {
		app_error(app, "the answers ran out at %s %zu of %zu",
			  noun(f->run), f->run->pos + 1, f->run->n_items);
		return EXIT_FAILED;
	}
	if (end == FLOW_BAD_LINE) {
		app_error(app, "%s; the answers stop at %s %zu of %zu",
			  input_problem(app->input), noun(f->run),
			  f->run->pos + 1, f->run->n_items);
		return EXIT_FAILED;
	}
	if (end == FLOW_QUIT || end == FLOW_LEFT) {
		struct strbuf sb = { 0 };
		if (f->run->kind == RUN_REVIEW) {
			app_wrapf(app, &sb,
				  "\nStopped after %zu of %zu; what "
				  "you answered counts.\n",
				  f->run->pos, f->run->n_items);
			store_abandon(app->store, f->uuid, app_holder(app),
				      NULL);
		} else {
			app_wrapf(app, &sb,
				  "\nStopped at %s %zu of %zu. Your "
				  "answers are kept: '%s %s' picks up "
				  "where you left off.\n",
				  noun(f->run), f->run->pos + 1,
				  f->run->n_items, cmd, id);
		}
		flow_say(f, &sb);
		strbuf_release(&sb);
		return EXIT_OK;
	}
	if (end == FLOW_TIME_UP) {
		struct strbuf sb = { 0 };
		app_wrapf(app, &sb,
			  "\nTime is up: the questions left count as "
			  "skipped.\n");
		flow_say(f, &sb);
		strbuf_release(&sb);
	}
	run_result(f->run, &res);
	if (store_finish(app->store, f->uuid, app_holder(app), f->run, &res,
			 app_now_ms(), &err) != 0) {
		app_error(app, "the result was not saved: %s", err);
		free(err);
		status = EXIT_FAILED;
	}
	if (app->json) {
		char *json = result_to_json(f->run, &res, app->user,
					    end == FLOW_DONE);
		/* on a terminal it is read, not parsed: shown safely there,
		 * as an export is; elsewhere byte for byte */
		if (isatty(fileno(app->out))) {
			char *safe = text_sanitize(json, 0);
			free(json);
			json = safe;
		}
		fputs(json, app->out);
		free(json);
	} else {
		flow_result(f, &res);
	}
	/* only quizzes and exercises are ordered by the seed */
	if (f->run->kind == RUN_QUIZ || f->run->kind == RUN_EXERCISE)
		seed_note(f, cmd, id);
	if (f->run->kind == RUN_QUIZ && app->require_pass && !res.passed)
		status = EXIT_FAILED;
	result_release(&res);
	return status;
}

static int take(struct app *app, enum run_kind kind, const void *what,
		const char *id, const char *cmd)
{
	struct flow f = { .app = app, .quiet = app->json };
	int status;

	if (!start(&f, kind, what, id))
		return f.cancelled ? EXIT_OK : EXIT_FAILED;
	status = finish(&f, cmd, id);
	run_free(f.run);
	return status;
}

/* The item called id of kind, or an error naming the list command. */
static int cmd_quiz(struct app *app, const struct cmd_args *args)
{
	const void *q =
		app_find(app, args->argv[0], ITEM_QUIZ, "quiz", "quizzes");

	return q ? take(app, RUN_QUIZ, q, args->argv[0], "quiz") : EXIT_FAILED;
}

const struct cmd_entry cmd_quiz_entry = {
	.name = "quiz",
	.min_args = 1,
	.max_args = 1,
	.usage = "QUIZ",
	.summary = "take a quiz and see your score",
	.flags = CMD_COURSE | CMD_STORE,
	.complete = COMPLETE_QUIZ,
	.run = cmd_quiz,
};

static int cmd_assess(struct app *app, const struct cmd_args *args)
{
	const void *a = app_find(app, args->argv[0], ITEM_ASSESSMENT,
				 "self-assessment", "assessments");

	return a ? take(app, RUN_ASSESSMENT, a, args->argv[0], "assess")
		 : EXIT_FAILED;
}

const struct cmd_entry cmd_assess_entry = {
	.name = "assess",
	.min_args = 1,
	.max_args = 1,
	.usage = "ASSESSMENT",
	.summary = "rate your own habits and get your next actions",
	.flags = CMD_COURSE | CMD_STORE,
	.complete = COMPLETE_ASSESSMENT,
	.run = cmd_assess,
};

static int cmd_practice(struct app *app, const struct cmd_args *args)
{
	const void *e = app_find(app, args->argv[0], ITEM_EXERCISE, "exercise",
				 "exercises");

	return e ? take(app, RUN_EXERCISE, e, args->argv[0], "practice")
		 : EXIT_FAILED;
}

const struct cmd_entry cmd_practice_entry = {
	.name = "practice",
	.min_args = 1,
	.max_args = 1,
	.usage = "EXERCISE",
	.summary = "work through an exercise's scenarios on your own",
	.flags = CMD_COURSE | CMD_STORE,
	.complete = COMPLETE_EXERCISE,
	.run = cmd_practice,
};

/* ---- review ---- */

static int cmd_review(struct app *app, const struct cmd_args *args)
{
	bool all = cmd_flag(args, "--all");
	struct review_row *rows;
	const struct question **qs;
	struct flow f = { .app = app, .quiet = app->json };
	size_t n, k = 0, i;
	char *err = NULL;
	int status;

	if (store_review_queue(app->store, app->user_id, app->course->item.id,
			       !all, app_today(), &rows, &n, &err) != 0) {
		app_error(app, "%s", err);
		free(err);
		return EXIT_FAILED;
	}
	qs = xcalloc(n ? n : 1, sizeof(*qs));
	for (i = 0; i < n; i++) {
		const struct question *q = course_find_kind(
			app->course, rows[i].question, ITEM_QUESTION);
		if (q)
			qs[k++] = q; /* a question gone from the course is
					passed over */
	}
	store_free_review(rows, n);
	if (k == 0) {
		struct review_row *later;
		size_t m;
		if (store_review_queue(app->store, app->user_id,
				       app->course->item.id, false, 0, &later,
				       &m, &err) == 0) {
			if (m == 0) {
				app_say(app, "Your review queue is empty: "
					     "nothing to go over.\n");
			} else {
				char *day = app_day_text(later[0].due);
				app_say(app,
					"Nothing is due today. %zu question%s "
					"come%s back from %s; 'review --all' "
					"goes over them now.\n",
					m, m == 1 ? "" : "s", m == 1 ? "s" : "",
					day);
				free(day);
			}
			store_free_review(later, m);
		} else {
			app_error(app, "%s", err);
			free(err);
			free(qs);
			return EXIT_FAILED;
		}
		free(qs);
		return EXIT_OK;
	}
	f.run = run_new_review(app->course, qs, k, choose_seed(app));
	free(qs);
	if (!start(&f, RUN_REVIEW, NULL, NULL)) {
		run_free(f.run);
		return EXIT_FAILED;
	}
	status = finish(&f, "review", NULL);
	run_free(f.run);
	return status;
}

const struct cmd_entry cmd_review_entry = {
	.name = "review",
	.options = {
		{"--all", NULL, NULL},
	},
	.max_args = 0,
	.usage = "[--all]",
	.summary = "go over the questions you missed that are due (--all: "
	    "every one)",
	.flags = CMD_COURSE | CMD_STORE,
	.run = cmd_review,
};

size_t review_due_count(struct app *app)
{
	struct review_row *rows;
	size_t n = 0;
	char *err = NULL;

	if (!app->store || !app->course)
		return 0;
	if (store_review_queue(app->store, app->user_id, app->course->item.id,
			       true, app_today(), &rows, &n, &err) != 0) {
		app_error(app, "the review queue cannot be read: %s", err);
		free(err);
		return 0;
	}
	store_free_review(rows, n);
	return n;
}

/* ---- the offer at the start of the shell ---- */

bool offer_resume(struct app *app)
{
	struct stored_attempt sa;
	const void *what = NULL;
	enum run_kind kind = RUN_QUIZ;
	char *err = NULL, *text;
	char cmd[16], *argv[3];
	int found =
		store_unfinished(app->store, app->user_id, app->course->item.id,
				 NULL, NULL, &sa, &err);

	if (found < 0)
		app_error(app, "unfinished attempts cannot be looked for: %s",
			  err);
	if (found <= 0) {
		free(err);
		return false;
	}
	if (strcmp(sa.kind, "quiz") == 0) {
		what = course_find_kind(app->course, sa.item, ITEM_QUIZ);
		snprintf(cmd, sizeof(cmd), "quiz");
	} else if (strcmp(sa.kind, "assessment") == 0) {
		kind = RUN_ASSESSMENT;
		what = course_find_kind(app->course, sa.item, ITEM_ASSESSMENT);
		snprintf(cmd, sizeof(cmd), "assess");
	} else {
		kind = RUN_EXERCISE;
		what = course_find_kind(app->course, sa.item, ITEM_EXERCISE);
		snprintf(cmd, sizeof(cmd), "practice");
	}
	if (!what) {
		store_attempt_release(&sa);
		return false;
	}
	if (sa.holder && strcmp(sa.holder, app_holder(app)) != 0 &&
	    app_holder_alive(sa.holder)) {
		/* never offered here as well: said, and left to it */
		text = describe_holder(&sa, title_of(kind, what));
		text[0] = 'T';
		app_say(app, "%s.\n", text);
		free(text);
		store_attempt_release(&sa);
		return true;
	}
	text = describe_attempt(&sa, title_of(kind, what));
	resume_prompt(app, text);
	free(text);
	{
		char *line = NULL;
		bool yes = input_read(app->input, "", false, &line) ==
				   INPUT_LINE &&
			   !(line[strspn(line, " ")] == 'n' ||
			     line[strspn(line, " ")] == 'N');
		free(line);
		if (!yes) {
			app_say(app,
				"It stays as it is; '%s %s' picks it up "
				"later.\n",
				cmd, sa.item);
			store_attempt_release(&sa);
			return true;
		}
	}
	argv[0] = cmd;
	argv[1] = sa.item;
	argv[2] = NULL;
	app->resume_agreed = true;
	cmd_run(app, 2, argv);
	app->resume_agreed = false;
	store_attempt_release(&sa);
	return true;
}
