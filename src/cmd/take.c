/* take.c - taking a quiz or a self-assessment: one flow for a person at a
 * terminal and for a script (the terminal only adds prompts, colour and
 * line editing), and the result in text or JSON. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../core/answer.h"
#include "../core/render.h"
#include "../core/result_json.h"
#include "../core/score.h"
#include "../core/text.h"
#include "../shell/input.h"
#include "present.h"

enum flow_end {
	FLOW_DONE,      /* every item had its turn */
	FLOW_TIME_UP,   /* the time limit ended it */
	FLOW_QUIT,      /* the learner typed quit */
	FLOW_LEFT,      /* Ctrl-D, or Ctrl-C */
	FLOW_RAN_OUT,   /* a script's answers ended early */
};

/* A flow's state beside the run: where text goes. */
struct flow {
	struct app *app;
	struct run *run;
	bool quiet; /* --json: only the JSON is printed */
};

static void say(struct flow *f, const struct strbuf *sb)
{
	if (!f->quiet && sb->len)
		fputs(sb->buf, f->app->out);
}

static uint64_t choose_seed(const struct app *app)
{
	struct timespec ts;
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
	if (!seed) {
		clock_gettime(CLOCK_REALTIME, &ts);
		seed = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^
		       (uint64_t)getpid();
	}
	return seed;
}

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Reads one answer line; the prompt only shows on a terminal. */
static enum input_status ask(struct flow *f, const char *expected,
			     char **line)
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

/* Explains an unclear answer; the question is then asked again. */
static void unclear(struct flow *f, const char *why)
{
	if (f->quiet) {
		app_error(f->app, "%s; try again", why);
	} else {
		struct strbuf sb = {0};
		/* the core's messages are lowercase; shown alone, a sentence */
		char *line = xasprintf("  %c%s. Try again.",
				       why[0] >= 'a' && why[0] <= 'z'
					       ? why[0] - 'a' + 'A'
					       : why[0],
				       why + 1);
		strbuf_adds(&sb, f->app->color ? "\033[33m" : "");
		app_safe(&sb, line);
		strbuf_adds(&sb, f->app->color ? "\033[0m" : "");
		strbuf_addc(&sb, '\n');
		fputs(sb.buf, f->app->out);
		strbuf_release(&sb);
		free(line);
	}
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
			*end = st == INPUT_INTERRUPT || f->app->interactive
				       ? FLOW_LEFT
				       : FLOW_RAN_OUT;
			free(expected);
			return false;
		}
		answer_parse(f->run, it, line, a);
		free(line);
		if (a->kind != ANSWER_UNCLEAR)
			break;
		unclear(f, a->why);
		answer_release(a);
	}
	free(expected);
	return true;
}

/* ---- quizzes ---- */

static void quiz_intro(struct flow *f)
{
	const struct quiz *q = f->run->quiz;
	struct app *app = f->app;
	struct strbuf sb = {0};
	char *line;

	present_heading(app, &sb, q->title);
	if (q->intro)
		app_wrap(app, &sb, q->intro, "", "");
	line = xasprintf("%zu questions, pass mark %d%%%s. Answer with the "
			 "letters shown; type skip, hint or quit at any time.",
			 f->run->n_items, app_percent(q->pass),
			 q->time_limit ? ", a time limit" : "");
	app_wrap(app, &sb, line, "", "");
	free(line);
	if (q->time_limit) {
		line = xasprintf("You have %u minutes.", q->time_limit);
		app_wrap(app, &sb, line, "", "");
		free(line);
	}
	say(f, &sb);
	strbuf_release(&sb);
}

static void question_header(struct flow *f, const struct run_item *it)
{
	struct app *app = f->app;
	struct strbuf sb = {0};

	strbuf_addc(&sb, '\n');
	strbuf_adds(&sb, app_on(app, STYLE_BOLD));
	strbuf_addf(&sb, "Question %zu of %zu", f->run->pos + 1, f->run->n_items);
	strbuf_adds(&sb, app_off(app));
	strbuf_adds(&sb, app_on(app, STYLE_DIM));
	strbuf_adds(&sb, app->sep);
	app_safe(&sb, competency_name(&it->question->competency));
	if (it->question->type == Q_MULTIPLE)
		strbuf_addf(&sb, "%schoose all that apply", app->sep);
	else if (it->question->type == Q_ORDERING)
		strbuf_addf(&sb, "%sput them in order", app->sep);
	if (app->interactive && f->run->limit > 0) {
		int left = run_minutes_left(f->run, now_seconds());
		strbuf_addf(&sb, "%s%d min left", app->sep, left);
	}
	strbuf_adds(&sb, app_off(app));
	strbuf_addc(&sb, '\n');
	present_question(app, &sb, it->question, it->order, it->n_order);
	say(f, &sb);
	strbuf_release(&sb);
}

/* The shown letter of choice index c. */
static char letter_of(const struct run_item *it, size_t c)
{
	size_t i;

	for (i = 0; i < it->n_order; i++)
		if (it->order[i] == c)
			return answer_letter(i);
	return '?';
}

static void choice_line(const struct app *app, struct strbuf *sb,
			const struct run_item *it, size_t c, bool feedback)
{
	const struct choice *ch = &it->question->choices[c];
	char head[32];

	snprintf(head, sizeof(head), "    %c) ", letter_of(it, c));
	app_wrap(app, sb, ch->text, head, "       ");
	if (feedback && ch->feedback)
		app_wrap(app, sb, ch->feedback, "       ", "       ");
}

static void feedback(struct flow *f, const struct run_item *it)
{
	const struct question *q = it->question;
	struct app *app = f->app;
	struct strbuf sb = {0};
	char *of = points_text(it->possible);
	size_t i;

	switch (it->outcome) {
	case OUTCOME_RIGHT:
		strbuf_adds(&sb, app_on(app, STYLE_GOOD));
		strbuf_adds(&sb, "Right");
		break;
	case OUTCOME_PARTIAL:
		strbuf_adds(&sb, app_on(app, STYLE_PART));
		strbuf_adds(&sb, "Partly right");
		break;
	default:
		strbuf_adds(&sb, app_on(app, STYLE_BAD));
		strbuf_adds(&sb, "Not quite");
		break;
	}
	{
		/* "1 point" reads "0.5 of 1 point" */
		char *got = number_text(it->earned);
		strbuf_addf(&sb, ": %s of %s.", got, of);
		free(got);
	}
	strbuf_adds(&sb, app_off(app));
	strbuf_addc(&sb, '\n');
	free(of);

	if (q->type == Q_SHORT) {
		strbuf_adds(&sb, "  You wrote: ");
		app_safe(&sb, it->response.text);
		strbuf_addc(&sb, '\n');
		if (it->outcome != OUTCOME_RIGHT)
			app_wrap(app, &sb, q->accept[0], "  An answer that counts: ",
				 "    ");
	} else if (q->type == Q_ORDERING) {
		strbuf_adds(&sb, "  Your order:");
		for (i = 0; i < it->response.n_picks; i++)
			strbuf_addf(&sb, " %c", letter_of(it, it->response.picks[i]));
		strbuf_addc(&sb, '\n');
		if (it->outcome != OUTCOME_RIGHT) {
			strbuf_adds(&sb, "  The right order:\n");
			for (i = 0; i < q->n_choices; i++)
				choice_line(app, &sb, it, i, false);
		}
	} else {
		strbuf_adds(&sb, "  You chose:\n");
		for (i = 0; i < it->response.n_picks; i++)
			choice_line(app, &sb, it, it->response.picks[i], true);
		if (it->outcome != OUTCOME_RIGHT) {
			strbuf_adds(&sb, q->type == Q_MULTIPLE
						 ? "  The right answers:\n"
						 : "  The best answer:\n");
			/* in the order shown */
			for (i = 0; i < it->n_order; i++) {
				size_t c = it->order[i];
				bool best = q->type == Q_MULTIPLE
						    ? q->choices[c].credit > 0
						    : q->choices[c].credit >= 100;
				if (best)
					choice_line(app, &sb, it, c,
						    q->type == Q_JUDGEMENT);
			}
		}
	}
	if (q->explanation)
		app_wrap(app, &sb, q->explanation, "  ", "  ");
	if (q->lesson.target && it->outcome != OUTCOME_RIGHT) {
		struct strbuf ref = {0};
		strbuf_adds(&ref, "To read more: ");
		present_lesson_ref(&ref, q->lesson.target);
		app_wrap(app, &sb, ref.buf, "  ", "    ");
		strbuf_release(&ref);
	}
	say(f, &sb);
	strbuf_release(&sb);
}

static void hint(struct flow *f, const struct question *q)
{
	struct strbuf sb = {0};

	if (q->hint)
		app_wrap(f->app, &sb, q->hint, "  Hint: ", "    ");
	else
		strbuf_adds(&sb, "  There is no hint for this question.\n");
	say(f, &sb);
	strbuf_release(&sb);
}

static enum flow_end quiz_loop(struct flow *f)
{
	struct run_item *it;
	enum flow_end end;

	run_start_clock(f->run, now_seconds());
	while ((it = run_current(f->run))) {
		bool asked = false;
		question_header(f, it);
		while (!asked) {
			struct answer a;
			if (!read_answer(f, it, &a, &end))
				return end;
			if (run_time_up(f->run, now_seconds())) {
				answer_release(&a);
				return FLOW_TIME_UP;
			}
			switch (a.kind) {
			case ANSWER_RESPONSE:
				if (run_answer(f->run, &a.response)) {
					feedback(f, it);
					asked = true;
				} else {
					unclear(f, "that answer does not fit "
						   "this question");
				}
				break;
			case ANSWER_SKIP: {
				struct strbuf sb = {0};
				run_skip(f->run);
				strbuf_adds(&sb, "  Skipped: it counts as no points.\n");
				say(f, &sb);
				strbuf_release(&sb);
				asked = true;
				break;
			}
			case ANSWER_HINT:
				hint(f, it->question);
				break;
			case ANSWER_QUIT:
				answer_release(&a);
				return FLOW_QUIT;
			default: /* back and unclear never come in a quiz */
				break;
			}
			answer_release(&a);
		}
	}
	return FLOW_DONE;
}

/* "  Respect      ███████░░░  75%" lines, the names padded to one width. */
static void chart(const struct app *app, struct strbuf *sb,
		  const struct result *res, bool quiz)
{
	size_t i, w = 0;

	for (i = 0; i < res->n_comps; i++) {
		size_t k = render_width(res->comps[i].competency->name);
		if (k > w)
			w = k;
	}
	for (i = 0; i < res->n_comps; i++) {
		const struct comp_score *c = &res->comps[i];
		struct strbuf name = {0};
		strbuf_adds(sb, "  ");
		app_safe(&name, c->competency->name);
		render_pad(sb, name.buf, w);
		strbuf_release(&name);
		strbuf_adds(sb, "  ");
		if (!c->scored) {
			strbuf_addf(sb, "not enough answers (%zu of %zu)\n",
				    c->answered, c->total);
			continue;
		}
		render_bar(sb, c->score, 20, app->unicode);
		if (quiz) {
			char *e = number_text(c->earned), *p = number_text(c->possible);
			strbuf_addf(sb, " %3d%%  %s of %s\n", app_percent(c->score),
				    e, p);
			free(e);
			free(p);
		} else
			strbuf_addf(sb, " %3d\n", app_percent(c->score));
	}
}

/* A band's advice and the lesson it points to. */
static void band_advice(const struct app *app, struct strbuf *sb,
			const struct band *b)
{
	app_wrap(app, sb, b->advice, "", "");
	if (b->lesson.target) {
		struct strbuf ref = {0};
		strbuf_adds(&ref, "Start with ");
		present_lesson_ref(&ref, b->lesson.target);
		strbuf_addc(&ref, '.');
		app_wrap(app, sb, ref.buf, "", "");
		strbuf_release(&ref);
	}
}

/* "  3. (partly) The prompt cut to fit…  → read lesson", one line. */
static void missed_line(const struct app *app, struct strbuf *sb, size_t n,
			const struct run_item *it)
{
	struct strbuf head = {0}, tail = {0};
	char *prompt;
	size_t room;

	if (it->outcome == OUTCOME_RIGHT)
		return;
	strbuf_addf(&head, "  %2zu. %s", n,
		    it->outcome == OUTCOME_PARTIAL ? "(partly) "
		    : it->outcome == OUTCOME_WRONG ? ""
						   : "(skipped) ");
	if (it->question->lesson.id) {
		strbuf_addf(&tail, "  %s read ", app->arrow);
		app_safe(&tail, it->question->lesson.id);
	}
	room = app->width > head.len + render_width(strbuf_str(&tail)) + 10
		       ? app->width - head.len - render_width(strbuf_str(&tail))
		       : 10;
	prompt = text_sanitize(it->question->prompt, TEXT_ONE_LINE);
	strbuf_adds(sb, head.buf);
	render_cut(sb, prompt, room, app->unicode);
	strbuf_adds(sb, app_on(app, STYLE_DIM));
	strbuf_adds(sb, strbuf_str(&tail));
	strbuf_adds(sb, app_off(app));
	strbuf_addc(sb, '\n');
	free(prompt);
	strbuf_release(&head);
	strbuf_release(&tail);
}

static void quiz_result(struct flow *f, const struct result *res)
{
	const struct quiz *q = f->run->quiz;
	struct app *app = f->app;
	struct strbuf sb = {0};
	size_t i, missed = 0;

	strbuf_addc(&sb, '\n');
	present_heading(app, &sb, "Your result");
	{
		char *e = number_text(res->earned), *p = number_text(res->possible);
		strbuf_addf(&sb, "  Score:  %d%% (%s of %s points)\n",
			    app_percent(res->score), e, p);
		free(e);
		free(p);
	}
	if (res->band) {
		strbuf_adds(&sb, "  Band:   ");
		app_safe(&sb, res->band->label);
		strbuf_addc(&sb, '\n');
	}
	strbuf_adds(&sb, "  Passed: ");
	strbuf_adds(&sb, app_on(app, res->passed ? STYLE_GOOD : STYLE_BAD));
	strbuf_adds(&sb, res->passed ? "yes" : "not yet");
	strbuf_adds(&sb, app_off(app));
	strbuf_addf(&sb, " (pass mark %d%%)\n", app_percent(q->pass));
	if (res->band) {
		strbuf_addc(&sb, '\n');
		band_advice(app, &sb, res->band);
	}
	strbuf_addc(&sb, '\n');
	strbuf_adds(&sb, app_on(app, STYLE_BOLD));
	strbuf_adds(&sb, "By competency\n");
	strbuf_adds(&sb, app_off(app));
	chart(app, &sb, res, true);
	for (i = 0; i < f->run->n_items; i++)
		if (f->run->items[i].outcome != OUTCOME_RIGHT)
			missed++;
	if (missed) {
		strbuf_addc(&sb, '\n');
		strbuf_adds(&sb, app_on(app, STYLE_BOLD));
		strbuf_addf(&sb, "To go over (%zu)\n", missed);
		strbuf_adds(&sb, app_off(app));
		for (i = 0; i < f->run->n_items; i++)
			missed_line(app, &sb, i + 1, &f->run->items[i]);
	}
	say(f, &sb);
	strbuf_release(&sb);
}

/* The question order is the seed's: say it so that a run can be repeated. */
static void seed_note(struct flow *f, const char *cmd, const char *id)
{
	struct strbuf sb = {0};

	if (f->app->seed_set || f->quiet)
		return;
	strbuf_addc(&sb, '\n');
	strbuf_adds(&sb, app_on(f->app, STYLE_DIM));
	strbuf_addf(&sb, "(Seed %llu: 'rapport --seed %llu %s ", 
		    (unsigned long long)f->run->seed,
		    (unsigned long long)f->run->seed, cmd);
	app_safe(&sb, id);
	strbuf_adds(&sb, "' asks the same again.)");
	strbuf_adds(&sb, app_off(f->app));
	strbuf_addc(&sb, '\n');
	say(f, &sb);
	strbuf_release(&sb);
}

/* What happens when a flow stops early. */
static int stopped(struct flow *f, enum flow_end end, const char *what)
{
	struct strbuf sb = {0};
	size_t at = f->run->pos + 1;

	if (end == FLOW_RAN_OUT) {
		app_error(f->app, "the answers ran out at %s %zu of %zu", what,
			  at, f->run->n_items);
		return EXIT_FAILED;
	}
	strbuf_addf(&sb, "\nStopped at %s %zu of %zu; nothing was scored.\n",
		    what, at, f->run->n_items);
	say(f, &sb);
	strbuf_release(&sb);
	return EXIT_OK;
}

static void print_json(struct flow *f, const struct result *res, bool finished)
{
	char *json = result_to_json(f->run, res, f->app->user, finished);

	fputs(json, f->app->out);
	free(json);
}

int cmd_quiz(struct app *app, int argc, char **argv)
{
	const struct quiz *q = course_find_kind(app->course, argv[1], ITEM_QUIZ);
	struct flow f = {app, NULL, app->json};
	struct result res;
	enum flow_end end;
	int status = EXIT_OK;

	(void)argc;
	if (!q) {
		char *safe = text_sanitize(argv[1], TEXT_ONE_LINE);
		app_error(app, "no quiz '%s'; 'quizzes' lists them", safe);
		free(safe);
		return EXIT_FAILED;
	}
	f.run = run_new_quiz(app->course, q, choose_seed(app));
	quiz_intro(&f);
	end = quiz_loop(&f);
	if (end == FLOW_DONE || end == FLOW_TIME_UP) {
		if (end == FLOW_TIME_UP) {
			struct strbuf sb = {0};
			strbuf_adds(&sb, "\nTime is up: the questions left count "
					 "as skipped.\n");
			say(&f, &sb);
			strbuf_release(&sb);
		}
		run_result(f.run, &res);
		if (app->json)
			print_json(&f, &res, end == FLOW_DONE);
		else
			quiz_result(&f, &res);
		seed_note(&f, "quiz", q->item.id);
		if (app->require_pass && !res.passed)
			status = EXIT_FAILED;
		result_release(&res);
	} else {
		status = stopped(&f, end, "question");
	}
	run_free(f.run);
	return status;
}

/* ---- self-assessments ---- */

static void scale_line(const struct app *app, struct strbuf *sb,
		       const struct scale *s)
{
	struct strbuf line = {0};
	size_t i;

	for (i = 0; i < s->n_points; i++)
		strbuf_addf(&line, "%s%d %s", i ? app->sep : "", s->points[i].value,
			    s->points[i].label);
	app_wrap(app, sb, line.buf, "  ", "  ");
	strbuf_release(&line);
}

static void assess_intro(struct flow *f)
{
	const struct assessment *a = f->run->assessment;
	struct app *app = f->app;
	struct strbuf sb = {0};
	char *line;

	present_heading(app, &sb, a->title);
	if (a->intro)
		app_wrap(app, &sb, a->intro, "", "");
	line = xasprintf("%zu statements. Answer each with a number:",
			 f->run->n_items);
	app_wrap(app, &sb, line, "", "");
	free(line);
	scale_line(app, &sb, &a->scale);
	app_wrap(app, &sb, "Type back to change your last answer, skip to pass "
			   "one over, quit to stop.",
		 "", "");
	say(f, &sb);
	strbuf_release(&sb);
}

static void statement_header(struct flow *f, const struct run_item *it)
{
	struct app *app = f->app;
	struct strbuf sb = {0};
	size_t i;

	strbuf_addc(&sb, '\n');
	strbuf_adds(&sb, app_on(app, STYLE_BOLD));
	strbuf_addf(&sb, "Statement %zu of %zu", f->run->pos + 1, f->run->n_items);
	strbuf_adds(&sb, app_off(app));
	strbuf_adds(&sb, app_on(app, STYLE_DIM));
	strbuf_adds(&sb, app->sep);
	app_safe(&sb, competency_name(&it->statement->competency));
	strbuf_adds(&sb, app_off(app));
	strbuf_addc(&sb, '\n');
	app_wrap(app, &sb, it->statement->text, "", "");
	if (it->outcome == OUTCOME_ANSWERED) {
		const struct scale *s = &f->run->assessment->scale;
		for (i = 0; i < s->n_points; i++)
			if (s->points[i].value == it->response.value) {
				strbuf_addf(&sb, "  (You answered %d ", s->points[i].value);
				app_safe(&sb, s->points[i].label);
				strbuf_adds(&sb, ".)\n");
			}
	}
	if (app->interactive)
		scale_line(app, &sb, &f->run->assessment->scale);
	say(f, &sb);
	strbuf_release(&sb);
}

static enum flow_end assess_loop(struct flow *f)
{
	struct run_item *it;
	enum flow_end end;

	while ((it = run_current(f->run))) {
		bool moved = false;
		statement_header(f, it);
		while (!moved) {
			struct answer a;
			if (!read_answer(f, it, &a, &end))
				return end;
			switch (a.kind) {
			case ANSWER_RESPONSE:
				moved = run_answer(f->run, &a.response) != NULL;
				if (!moved)
					unclear(f, "that is not on the scale");
				break;
			case ANSWER_SKIP:
				run_skip(f->run);
				moved = true;
				break;
			case ANSWER_BACK:
				moved = run_back(f->run);
				if (!moved)
					unclear(f, "this is the first statement");
				break;
			case ANSWER_QUIT:
				answer_release(&a);
				return FLOW_QUIT;
			default: /* hint and unclear never come here */
				break;
			}
			answer_release(&a);
		}
	}
	return FLOW_DONE;
}

static void assess_result(struct flow *f, const struct result *res)
{
	struct app *app = f->app;
	struct strbuf sb = {0};
	size_t i;

	strbuf_addc(&sb, '\n');
	present_heading(app, &sb, "Your result");
	if (!res->scored) {
		app_wrap(app, &sb, "Not enough answers to score: answer at least "
				   "half of the statements of a competency.",
			 "  ", "  ");
		say(f, &sb);
		strbuf_release(&sb);
		return;
	}
	strbuf_addf(&sb, "  Practice score: %d of 100\n", app_percent(res->score));
	if (res->band) {
		strbuf_adds(&sb, "  Band:           ");
		app_safe(&sb, res->band->label);
		strbuf_addc(&sb, '\n');
		strbuf_addc(&sb, '\n');
		band_advice(app, &sb, res->band);
	}
	strbuf_addc(&sb, '\n');
	strbuf_adds(&sb, app_on(app, STYLE_BOLD));
	strbuf_adds(&sb, "By competency\n");
	strbuf_adds(&sb, app_off(app));
	chart(app, &sb, res, false);
	if (res->straight_lining) {
		strbuf_addc(&sb, '\n');
		strbuf_adds(&sb, app_on(app, STYLE_PART));
		app_wrap(app, &sb,
			 "Every answer was the same. Some statements describe "
			 "the habit to avoid, so one answer for all of them "
			 "rarely describes anyone; the score may not reflect "
			 "you. Consider taking it again, reading each "
			 "statement on its own.",
			 "", "");
		strbuf_adds(&sb, app_off(app));
	}
	if (res->n_actions) {
		strbuf_addc(&sb, '\n');
		strbuf_adds(&sb, app_on(app, STYLE_BOLD));
		strbuf_addf(&sb, "Your next %s\n",
			    res->n_actions == 1 ? "action"
			    : res->n_actions == 2 ? "two actions"
						  : "three actions");
		strbuf_adds(&sb, app_off(app));
		for (i = 0; i < res->n_actions; i++) {
			const struct next_action *n = &res->actions[i];
			char num[32];
			snprintf(num, sizeof(num), "  %zu. ", i + 1);
			if (n->text) {
				app_wrap(app, &sb, n->text, num, "     ");
				if (n->lesson) {
					struct strbuf ref = {0};
					strbuf_adds(&ref, "Read ");
					present_lesson_ref(&ref, n->lesson);
					strbuf_addc(&ref, '.');
					app_wrap(app, &sb, ref.buf, "     ", "     ");
					strbuf_release(&ref);
				}
			} else {
				struct strbuf ref = {0};
				strbuf_adds(&ref, "Work on ");
				strbuf_adds(&ref, n->competency->name);
				if (n->lesson) {
					strbuf_adds(&ref, ": read ");
					present_lesson_ref(&ref, n->lesson);
				}
				strbuf_addc(&ref, '.');
				app_wrap(app, &sb, ref.buf, num, "     ");
				strbuf_release(&ref);
			}
		}
	}
	say(f, &sb);
	strbuf_release(&sb);
}

int cmd_assess(struct app *app, int argc, char **argv)
{
	const struct assessment *a =
		course_find_kind(app->course, argv[1], ITEM_ASSESSMENT);
	struct flow f = {app, NULL, app->json};
	struct result res;
	enum flow_end end;
	int status = EXIT_OK;

	(void)argc;
	if (!a) {
		char *safe = text_sanitize(argv[1], TEXT_ONE_LINE);
		app_error(app, "no self-assessment '%s'; 'assessments' lists them",
			  safe);
		free(safe);
		return EXIT_FAILED;
	}
	f.run = run_new_assessment(app->course, a, choose_seed(app));
	assess_intro(&f);
	end = assess_loop(&f);
	if (end == FLOW_DONE) {
		run_result(f.run, &res);
		if (app->json)
			print_json(&f, &res, true);
		else
			assess_result(&f, &res);
		result_release(&res);
	} else {
		status = stopped(&f, end, "statement");
	}
	run_free(f.run);
	return status;
}
