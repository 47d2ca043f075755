/* SPDX-License-Identifier: GPL-3.0-or-later */
/* meeting.c - a sales meeting run by a facilitator: one scenario at a time,
 * large and clear, answers from each participant, team or a show of hands,
 * a reveal with the reasoning for every option, a scoreboard, and what the
 * room missed most. Every participant's answers are stored under their own
 * name, as an attempt of the exercise. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../core/answer.h"
#include "../core/meeting.h"
#include "../core/meeting_keep.h"
#include "../core/render.h"
#include "../core/score.h"
#include "../core/store.h"
#include "../core/text.h"
#include "../live/live.h"
#include "../term/input.h"
#include "../term/term.h"
#include "present.h"

/* The meeting as this terminal runs it: the core's state (meeting.h), and
 * what only the room's screen and the store need. */
struct room {
	struct app *app;
	struct meeting *m;	  /* the state and its rules */
	struct meeting_keep keep; /* the meeting in the store */
	double timer_end;	  /* team talk ends (app_clock), 0: no timer */
	unsigned width;		  /* the room sees the whole terminal width */
	struct live *live;	  /* the phones' server, or NULL */
	bool recast;		  /* a command gave out role cards */
};

/* The meeting is the phones' too while the terminal works on it. */
static void room_lock(struct room *r)
{
	if (r->live)
		live_lock(r->live);
}

static void room_unlock(struct room *r)
{
	if (r->live)
		live_unlock(r->live);
}

static void out(struct room *r, const struct strbuf *sb)
{
	if (sb->len)
		fputs(sb->buf, r->app->out);
}

/* Wraps to the meeting's width rather than the reading width. */
static void wide(const struct room *r, struct strbuf *sb, const char *text,
		 const char *first, const char *rest)
{
	struct app room = *r->app;

	room.width = r->width;
	app_wrap(&room, sb, text, first, rest);
}

/* app_say() at the meeting's width. */
static void say(const struct room *r, const char *fmt, ...) RP_PRINTF(2, 3);
static void say(const struct room *r, const char *fmt, ...)
{
	struct app room = *r->app;
	va_list ap;
	char *msg;

	room.width = r->width;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	app_say(&room, "%s", msg);
	free(msg);
}

/* What the phones did since the room last heard, a line each; holding
 * the lock. */
static void phone_news(struct room *r)
{
	char **ev;
	size_t i;

	if (!r->live || !(ev = live_events(r->live)))
		return;
	for (i = 0; ev[i]; i++) {
		say(r, "  %s\n", ev[i]);
		free(ev[i]);
	}
	free(ev);
}

/* A heading for the room, wrapped, underlined as wide as its widest line. */
static void big_heading(const struct room *r, struct strbuf *sb,
			const char *text)
{
	struct strbuf lines = { 0 }, safe = { 0 };
	size_t w = 0, i;
	char *p, *nl;

	app_safe(&safe, text); /* one line, whatever it holds */
	render_wrap(&lines, safe.buf, r->width, "", "");
	strbuf_release(&safe);
	for (p = lines.buf; p && *p; p = nl + 1) {
		nl = strchr(p, '\n');
		*nl = '\0';
		if (render_width(p) > w)
			w = render_width(p);
		*nl = '\n';
	}
	strbuf_adds(sb, app_on(r->app, STYLE_TITLE));
	if (lines.len)
		strbuf_add(sb, lines.buf,
			   lines.len - 1); /* the style ends first */
	strbuf_addc(sb, '\n');
	for (i = 0; i < w && i < r->width; i++)
		strbuf_adds(sb, r->app->unicode ? "═" : "=");
	strbuf_adds(sb, app_off(r->app));
	strbuf_addc(sb, '\n');
	strbuf_release(&lines);
}

/* ---- who is there ---- */

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* Reads the participants, one a line ("team NAME: a, b" for a team), until
 * an empty line or the end of input. False when Ctrl-C cancels. */
static bool read_participants(struct room *r)
{
	struct app *app = r->app;

	if (r->live)
		say(r, "Phones can join now. Type a name for anyone without "
		       "one, 'team NAME' for a team that phones can pick "
		       "('team NAME: member, member' with its members), and an "
		       "empty line to start.\n");
	else
		say(r, "Who is taking part? One name a line; 'team NAME: "
		       "member, member' for a team;\nan empty line when "
		       "everyone is in (nobody: answers by show of hands).\n");
	for (;;) {
		char *line = NULL, *s;
		enum input_status st;
		fflush(app->out);
		st = input_read(app->input, "participant> ", false, &line);
		if (st == INPUT_INTERRUPT)
			return false;
		if (st == INPUT_BAD) {
			app_error(app, "%s; the meeting does not start",
				  input_problem(app->input));
			return false;
		}
		if (st == INPUT_EOF)
			return true;
		s = trim(line);
		if (!*s) {
			free(line);
			return true;
		}
		room_lock(r);
		phone_news(r);
		if (r->live && strncasecmp(s, "team ", 5) == 0 &&
		    (!strchr(s, ':') || !*trim(strchr(s, ':') + 1))) {
			/* a team for phones to pick, nobody in it yet */
			char *name = s + 5;
			if (strchr(name, ':'))
				*strchr(name, ':') = '\0';
			name = trim(name);
			if (!meeting_add_empty_team(r->m, name))
				app_error(app,
					  "a team needs a name of its own");
			else
				say(r, "Team %s: phones can pick it.\n", name);
		} else if (strncasecmp(s, "team ", 5) == 0 && strchr(s, ':')) {
			char *colon = strchr(s, ':'), *name, *tok, *save = NULL;
			const char **members = NULL, **skipped = NULL;
			size_t n = 0, n_skipped = 0, k;
			*colon = '\0';
			name = trim(s + 5);
			if (!*name || meeting_name_taken(r->m, name)) {
				app_error(app,
					  "a team needs a name of its own");
				room_unlock(r);
				free(line);
				continue;
			}
			for (tok = strtok_r(colon + 1, ",", &save); tok;
			     tok = strtok_r(NULL, ",", &save)) {
				members = xrealloc(members,
						   (n + 1) * sizeof(*members));
				members[n++] = trim(tok);
			}
			if (!meeting_add_team(r->m, name, members, n, &skipped,
					      &n_skipped)) {
				for (k = 0; k < n_skipped; k++)
					app_error(app, "'%s' is in already",
						  skipped[k]);
				app_error(app,
					  "team '%s' has no members; name them "
					  "after the colon",
					  name);
			} else {
				for (k = 0; k < n_skipped; k++)
					app_error(app, "'%s' is in already",
						  skipped[k]);
			}
			free(members);
			free(skipped);
		} else if (!meeting_add_person(r->m, s)) {
			app_error(app, "'%s' is in already", s);
		}
		room_unlock(r);
		free(line);
	}
}

/* ---- showing a part ---- */

static const struct scale *poll_scale(const struct room *r)
{
	return &r->m->ex->scale;
}

static void show_part(struct room *r)
{
	const struct exercise_part *p = &r->m->ex->parts[r->m->part];
	struct app *app = r->app;
	struct strbuf sb = { 0 };
	size_t i, n = r->m->n_order;

	meeting_show(r->m);
	strbuf_addc(&sb, '\n');
	if (p->scenario) {
		const struct scenario *sc = p->scenario;
		char *head =
			xasprintf("%zu of %zu%s%s", r->m->pos + 1, n, app->sep,
				  competency_name(&sc->competency));
		strbuf_adds(&sb, app_on(app, STYLE_DIM));
		app_safe(&sb, head);
		if (sc->minutes)
			strbuf_addf(&sb, "%s%u min", app->sep, sc->minutes);
		strbuf_adds(&sb, app_off(app));
		strbuf_addc(&sb, '\n');
		free(head);
		big_heading(r, &sb, sc->title);
		strbuf_addc(&sb, '\n');
		for (i = 0; i < sc->n_situation; i++) {
			wide(r, &sb, sc->situation[i], "", "");
			strbuf_addc(&sb, '\n');
		}
		strbuf_adds(&sb, app_on(app, STYLE_BOLD));
		wide(r, &sb, sc->question, "", "");
		strbuf_adds(&sb, app_off(app));
		strbuf_addc(&sb, '\n');
		for (i = 0; i < sc->n_choices; i++) {
			char head2[16];
			snprintf(head2, sizeof(head2), "  %c) ",
				 answer_letter(i));
			wide(r, &sb, sc->choices[i].text, head2, "     ");
		}
		if (meeting_step(r->m) && meeting_step(r->m)->pairs) {
			char *line = xasprintf(
				"Talk it over in pairs for %u minute%s, then "
				"everyone answers.",
				meeting_step(r->m)->pairs,
				meeting_step(r->m)->pairs == 1 ? "" : "s");
			strbuf_addc(&sb, '\n');
			wide(r, &sb, line, "", "");
			free(line);
		}
	} else {
		const struct scale *s = poll_scale(r);
		char *head = xasprintf("%zu of %zu%sa quick poll, anonymous",
				       r->m->pos + 1, n, app->sep);
		strbuf_adds(&sb, app_on(app, STYLE_DIM));
		strbuf_adds(&sb, head);
		strbuf_adds(&sb, app_off(app));
		strbuf_addc(&sb, '\n');
		free(head);
		big_heading(r, &sb, p->poll->text);
		for (i = 0; i < s->n_points; i++) {
			char *line = xasprintf("%d %s", s->points[i].value,
					       s->points[i].label);
			wide(r, &sb, line, "  ", "    ");
			free(line);
		}
	}
	out(r, &sb);
	strbuf_release(&sb);
}

/* The card a word names: its number ("2") or the first word of its role
 * ("Lee" for "Lee, order desk"), any case; SIZE_MAX when none does. */
static size_t card_named(const struct scenario *sc, const char *word)
{
	char *end;
	unsigned long k = strtoul(word, &end, 10);
	size_t i, n = strlen(word);

	if (*word && !*end)
		return k >= 1 && k <= sc->n_cards ? k - 1 : SIZE_MAX;
	for (i = 0; i < sc->n_cards; i++) {
		const char *role = sc->cards[i].role;
		if (strncasecmp(role, word, n) == 0 &&
		    (role[n] == '\0' || role[n] == ',' || role[n] == ' '))
			return i;
	}
	return SIZE_MAX;
}

/* The room sees who plays whom, never what a card says: the hidden facts
 * are what the role-play is about. */
static void show_cast(struct room *r)
{
	const struct scenario *sc = r->m->ex->parts[r->m->part].scenario;
	const struct meeting_part *st = &r->m->parts[r->m->part];
	struct strbuf sb = { 0 };
	size_t i, cast = 0;

	strbuf_addc(&sb, '\n');
	big_heading(r, &sb, "Role play");
	for (i = 0; i < sc->n_cards; i++) {
		struct strbuf line = { 0 };
		strbuf_addf(&line, "%zu. ", i + 1);
		app_safe(&line, sc->cards[i].role); /* one line, whatever */
		strbuf_adds(&line, ": ");
		if (st->players[i]) {
			strbuf_adds(&line, st->players[i]);
			cast++;
		} else {
			strbuf_adds(&line, "nobody yet");
		}
		wide(r, &sb, line.buf, "  ", "     ");
		strbuf_release(&line);
	}
	out(r, &sb);
	strbuf_release(&sb);
	if (!cast)
		say(r,
		    "Give each card to its player with 'cards ROLE=NAME ...' "
		    "(ROLE: its number or first word)%s, or print them, one a "
		    "page, with 'cards --print FILE'. The cards stay off this "
		    "screen.\n",
		    r->live ? ": it goes to their phone" : "");
}

/* "cards --print FILE": every card of the scenario on show, each on a
 * page of its own (a form feed between), with its player when cast. */
static void print_cards(struct room *r, const char *path)
{
	const struct scenario *sc = r->m->ex->parts[r->m->part].scenario;
	const struct meeting_part *st = &r->m->parts[r->m->part];
	struct out_file of;
	struct app paper = *r->app;
	bool named;
	size_t i;

	if (!out_file_open(r->app, &of, path))
		return;
	paper.width = 72; /* a printed page, not the screen */
	for (i = 0; i < sc->n_cards; i++) {
		struct strbuf sb = { 0 }, role = { 0 };
		if (i)
			strbuf_addc(&sb, '\f');
		app_safe(&sb, sc->title);
		strbuf_addc(&sb, '\n');
		app_safe(&sb, st->players[i] ? st->players[i] : "");
		strbuf_adds(&sb, "\n\n");
		app_safe(&role, sc->cards[i].role);
		app_wrap(&paper, &sb, role.buf, "You play: ", "          ");
		strbuf_release(&role);
		strbuf_addc(&sb, '\n');
		app_wrap(&paper, &sb, sc->cards[i].knows,
			 "You know: ", "          ");
		if (sc->cards[i].goal) {
			strbuf_addc(&sb, '\n');
			app_wrap(&paper, &sb, sc->cards[i].goal,
				 "You want: ", "          ");
		}
		strbuf_adds(&sb, "\nKeep this card to yourself until the "
				 "reveal.\n");
		fputs(sb.buf, of.f);
		strbuf_release(&sb);
	}
	named = of.path != NULL; /* not standard output */
	if (out_file_close(r->app, &of, true) && named)
		say(r, "%zu card%s written to %s, one a page.\n", sc->n_cards,
		    sc->n_cards == 1 ? "" : "s", path);
}

/* "cards", "cards ROLE=NAME ...", "cards --print FILE". */
static void cards(struct room *r, int argc, char **argv)
{
	const struct scenario *sc = r->m->ex->parts[r->m->part].scenario;
	int i;

	if (!sc || !sc->n_cards) {
		say(r, "There are no role-play cards here.\n");
		return;
	}
	if (argc >= 1 && strcmp(argv[0], "--print") == 0) {
		if (argc != 2)
			app_error(r->app, "usage: cards --print FILE");
		else
			print_cards(r, argv[1]);
		return;
	}
	/* every word checked before any card is given */
	for (i = 0; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		size_t card;
		if (!eq) {
			app_error(r->app,
				  "write each card as ROLE=NAME; no card "
				  "was given");
			return;
		}
		*eq = '\0';
		card = card_named(sc, argv[i]);
		*eq = '=';
		if (card == SIZE_MAX) {
			char *safe = text_sanitize(argv[i], TEXT_ONE_LINE);
			app_error(r->app,
				  "'%s' names no card here (1 to %zu, or a "
				  "role's first word); no card was given",
				  safe, sc->n_cards);
			free(safe);
			return;
		}
		if (eq[1] && r->m->n_parties &&
		    !meeting_find_member(r->m, eq + 1, NULL, NULL)) {
			char *safe = text_sanitize(eq + 1, TEXT_ONE_LINE);
			app_error(r->app,
				  "nobody called '%s' is taking part; no card "
				  "was given",
				  safe);
			free(safe);
			return;
		}
	}
	for (i = 0; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		size_t party, member;
		const char *name = eq[1] ? eq + 1 : NULL;
		*eq = '\0';
		/* the member's name as they gave it, not as typed here */
		if (name && meeting_find_member(r->m, name, &party, &member))
			name = r->m->parties[party].members[member].name;
		meeting_cast(r->m, card_named(sc, argv[i]), name);
		*eq = '=';
	}
	r->recast = argc > 0;
	show_cast(r);
}

/* ---- answers ---- */

/* "tally a=3 b=5": a show of hands. The counts named replace those
 * before them and the others stay; a tally with one count that is not
 * one changes nothing at all. The room's counts as they then stand are
 * stored in place of the last tally's. */
static void tally(struct room *r, int n, char **words)
{
	const struct exercise_part *p = &r->m->ex->parts[r->m->part];
	struct meeting_part *st = &r->m->parts[r->m->part];
	size_t *next = xcalloc(st->n_counts ? st->n_counts : 1, sizeof(size_t));
	const char **choices = xcalloc(st->n_counts + 1, sizeof(char *));
	int64_t *counts = xcalloc(st->n_counts + 1, sizeof(int64_t));
	char(*values)[16] = xcalloc(st->n_counts + 1, sizeof(*values));
	char *err = NULL;
	size_t k;
	int i;

	memcpy(next, st->tally, st->n_counts * sizeof(size_t));
	for (i = 0; i < n; i++) {
		char *eq = strchr(words[i], '='), *end;
		size_t at;
		long count;
		if (!eq) {
			app_error(r->app,
				  "write each count as %s=COUNT; nothing "
				  "was counted",
				  p->scenario ? "LETTER" : "VALUE");
			goto out;
		}
		*eq = '\0';
		at = p->scenario ? meeting_option_of(p->scenario, words[i])
				 : meeting_point_of(poll_scale(r), words[i]);
		count = strtol(eq + 1, &end, 10);
		if (at == SIZE_MAX || *end || eq[1] == '\0' || count < 0 ||
		    count > 100000) {
			app_error(r->app,
				  "'%s=%s' is not a count for this %s; "
				  "nothing was counted",
				  words[i], eq + 1,
				  p->scenario ? "scenario" : "poll");
			goto out;
		}
		next[at] = (size_t)count;
	}
	for (k = 0; k < st->n_counts; k++) {
		if (p->scenario) {
			choices[k] = p->scenario->choices[k].id;
		} else {
			snprintf(values[k], sizeof(values[k]), "%d",
				 poll_scale(r)->points[k].value);
			choices[k] = values[k];
		}
		counts[k] = (int64_t)next[k];
	}
	if (store_meeting_tally(
		    r->app->store, r->keep.uuid,
		    p->scenario ? p->scenario->item.id : p->poll->item.id,
		    choices, counts, st->n_counts, app_now_ms(), &err) != 0) {
		app_error(r->app, "the tally was not saved: %s", err);
		free(err);
		goto out;
	}
	meeting_tally(r->m, next); /* once the store has it */
	say(r, "Tally noted.\n");
out:
	free(next);
	free(choices);
	free(counts);
	free(values);
}

/* "NAME b" or "NAME 4": the last word is the answer, the rest the name. */
static void answer_line(struct room *r, char *line)
{
	const struct exercise_part *p = &r->m->ex->parts[r->m->part];
	char *last = strrchr(line, ' ');
	struct meeting_party *party;
	enum meeting_answer st;
	char *err = NULL;
	size_t at;

	if (!last) {
		char *safe = text_sanitize(line, TEXT_ONE_LINE);
		app_error(r->app, "'%s' is not a meeting command; type 'help'",
			  safe);
		free(safe);
		return;
	}
	*last++ = '\0';
	party = meeting_find(r->m, trim(line));
	if (!party) {
		char *safe = text_sanitize(trim(line), TEXT_ONE_LINE);
		app_error(r->app,
			  "nobody called '%s' is taking part; type 'who'",
			  safe);
		free(safe);
		return;
	}
	if (r->m->parts[r->m->part].revealed) {
		app_error(r->app, "the answers are revealed; 'next' moves on");
		return;
	}
	at = p->scenario ? meeting_option_of(p->scenario, last)
			 : meeting_point_of(poll_scale(r), last);
	if (at == SIZE_MAX) {
		char *safe = text_sanitize(last, TEXT_ONE_LINE);
		if (p->scenario)
			app_error(r->app,
				  "'%s' is not one of the letters, a to %c",
				  safe,
				  answer_letter(p->scenario->n_choices - 1));
		else
			app_error(r->app, "'%s' is not on the scale", safe);
		free(safe);
		return;
	}
	if (meeting_keep_answer(&r->keep, r->m, (size_t)(party - r->m->parties),
				SIZE_MAX, at, app_now_ms(), 0, &st,
				&err) != 0) {
		app_error(r->app, "the answer was not saved: %s", err);
		free(err);
		return;
	}
	switch (st) {
	case MEETING_OK:
		break;
	case MEETING_ANSWERED: {
		char *safe = text_sanitize(party->name, TEXT_ONE_LINE);
		app_error(r->app, "'%s' has answered this poll already", safe);
		free(safe);
		break;
	}
	case MEETING_REVEALED:
	case MEETING_NOT_AN_ANSWER:
		app_error(r->app, "the answer was not saved: it does not fit");
		break;
	}
}

/* ---- reveal, scores, most missed ---- */

#define BAR_LABEL 34 /* the label's column */
#define BAR_CELLS 16

/* The label column a table of bars needs to show this row on one line
 * (BAR_LABEL at least), or 0 when it cannot. */
static size_t bar_column(const struct room *r, const char *label, size_t count,
			 const char *who)
{
	char num[24];
	size_t col = render_width(label), w;

	if (col < BAR_LABEL)
		col = BAR_LABEL;
	w = 2 + col + 2 + BAR_CELLS;
	w += (size_t)snprintf(num, sizeof(num), " %zu", count);
	if (who && *who)
		w += 2 + render_width(who);
	return w <= r->width ? col : 0;
}

/* The widest column of a table's rows, or 0 when one cannot fit. */
static size_t widest(size_t col, size_t row)
{
	return col == 0 || row == 0 ? 0 : row > col ? row : col;
}

/* "  a) label   ████░░ 3  ana, tom": on one line, the label padded to
 * col, or with col 0 stacked (the label wrapped, the bar below it, who
 * after it wrapped), when the table's rows do not all fit. */
static void bar_line(const struct room *r, struct strbuf *sb, const char *label,
		     size_t count, size_t total, const char *who, size_t col)
{
	struct strbuf bar = { 0 }, safe = { 0 };
	double share = total ? 100.0 * (double)count / (double)total : 0;

	app_safe(&safe, label);
	if (col) {
		strbuf_adds(sb, "  ");
		render_pad(sb, safe.buf, col);
		strbuf_adds(sb, "  ");
		render_bar(sb, share, BAR_CELLS, r->app->unicode);
		strbuf_addf(sb, " %zu", count);
		if (who && *who) {
			strbuf_adds(sb, "  ");
			app_safe(sb, who);
		}
		strbuf_addc(sb, '\n');
	} else {
		wide(r, sb, safe.buf, "  ", "     ");
		strbuf_adds(&bar, "     ");
		render_bar(&bar, share,
			   r->width >= 5 + BAR_CELLS + 8 ? BAR_CELLS : 8,
			   r->app->unicode);
		strbuf_addf(&bar, " %zu  ", count);
		if (who && *who)
			wide(r, sb, who, bar.buf, "       ");
		else
			strbuf_addf(sb, "%.*s\n", (int)(bar.len - 2), bar.buf);
	}
	strbuf_release(&bar);
	strbuf_release(&safe);
}

static void reveal_scenario(struct room *r)
{
	const struct scenario *sc = r->m->ex->parts[r->m->part].scenario;
	struct meeting_part *st = &r->m->parts[r->m->part];
	size_t idx = meeting_scenario_index(r->m, r->m->part), i, j, total = 0;
	struct strbuf sb = { 0 };

	meeting_reveal(r->m);
	for (i = 0; i < sc->n_choices; i++)
		total += st->counts[i];
	strbuf_addc(&sb, '\n');
	big_heading(r, &sb, "How the room answered");
	{
		struct strbuf *who = xcalloc(sc->n_choices + 1, sizeof(*who));
		struct strbuf *label =
			xcalloc(sc->n_choices + 1, sizeof(*label));
		size_t col = BAR_LABEL;
		for (i = 0; i < sc->n_choices; i++) {
			for (j = 0; j < r->m->n_parties; j++)
				if (meeting_choice_of(&r->m->parties[j], idx) ==
				    i) {
					if (who[i].len)
						strbuf_adds(&who[i], ", ");
					strbuf_adds(&who[i],
						    r->m->parties[j].name);
				}
			if (st->tally[i])
				strbuf_addf(&who[i], "%s%zu by hands",
					    who[i].len ? ", " : "",
					    st->tally[i]);
			strbuf_addf(&label[i], "%c) ", answer_letter(i));
			app_safe(&label[i], sc->choices[i].text);
			col = widest(col,
				     bar_column(r, label[i].buf, st->counts[i],
						who[i].buf));
		}
		for (i = 0; i < sc->n_choices; i++) {
			bar_line(r, &sb, label[i].buf, st->counts[i], total,
				 who[i].buf, col);
			strbuf_release(&who[i]);
			strbuf_release(&label[i]);
		}
		free(who);
		free(label);
	}
	if (!total)
		strbuf_adds(&sb, "  (no answers)\n");
	strbuf_addc(&sb, '\n');
	big_heading(r, &sb, "Why");
	for (i = 0; i < sc->n_choices; i++) {
		const struct choice *c = &sc->choices[i];
		char *head = xasprintf("%c) %s", answer_letter(i), c->text);
		strbuf_adds(&sb, app_on(r->app, c->credit >= 100 ? STYLE_GOOD
								 : STYLE_BOLD));
		wide(r, &sb, head, "  ", "     ");
		strbuf_adds(&sb, app_off(r->app));
		free(head);
		head = xasprintf(
			"%s%g%%: ", c->credit >= 100 ? "The best answer, " : "",
			c->credit);
		{
			struct strbuf line = { 0 };
			strbuf_adds(&line, head);
			strbuf_adds(&line, c->feedback ? c->feedback : "");
			wide(r, &sb, line.buf, "     ", "     ");
			strbuf_release(&line);
		}
		free(head);
	}
	if (sc->debrief) {
		strbuf_addc(&sb, '\n');
		strbuf_adds(&sb, app_on(r->app, STYLE_BOLD));
		wide(r, &sb, sc->debrief, "The point: ", "  ");
		strbuf_adds(&sb, app_off(r->app));
	}
	/* the vote first, then the talk: the prompts come with the reveal
	 * (the format's own, or the scenario's, its extras kept back) */
	{
		const struct sheet_step *step = meeting_step(r->m);
		const char *const *prompts =
			step && step->prompt ? &step->prompt : sc->discuss;
		size_t n =
			step && step->prompt ? 1 : sc->n_discuss - sc->n_extra;
		if (n) {
			strbuf_addc(&sb, '\n');
			strbuf_adds(&sb, "Talk it over:\n");
		}
		for (i = 0; i < n; i++)
			wide(r, &sb, prompts[i],
			     r->app->unicode ? "  • " : "  - ", "    ");
	}
	out(r, &sb);
	strbuf_release(&sb);
}

static void reveal_poll(struct room *r)
{
	const struct poll *poll = r->m->ex->parts[r->m->part].poll;
	const struct scale *s = poll_scale(r);
	struct meeting_part *st = &r->m->parts[r->m->part];
	struct strbuf sb = { 0 };
	size_t i, total = 0;
	double sum = 0;
	int lo, hi;

	meeting_reveal(r->m);
	for (i = 0; i < s->n_points; i++) {
		size_t n = st->counts[i] + st->tally[i];
		total += n;
		sum += (double)n * s->points[i].value;
	}
	scale_range(s, &lo, &hi);
	strbuf_addc(&sb, '\n');
	big_heading(r, &sb, "How the room sees it");
	{
		char **labels = xcalloc(s->n_points + 1, sizeof(char *));
		size_t col = BAR_LABEL;
		for (i = 0; i < s->n_points; i++) {
			labels[i] = xasprintf("%d %s", s->points[i].value,
					      s->points[i].label);
			col = widest(col,
				     bar_column(r, labels[i],
						st->counts[i] + st->tally[i],
						NULL));
		}
		for (i = 0; i < s->n_points; i++) {
			bar_line(r, &sb, labels[i],
				 st->counts[i] + st->tally[i], total, NULL,
				 col);
			free(labels[i]);
		}
		free(labels);
	}
	if (total) {
		char *line = xasprintf(
			"%zu answer%s, on average %.1f of %d%s. "
			"Nobody's answer is shown.",
			total, total == 1 ? "" : "s", sum / (double)total, hi,
			poll->reverse ? " (here, lower is better)" : "");
		wide(r, &sb, line, "  ", "  ");
		free(line);
	} else {
		strbuf_adds(&sb, "  (no answers)\n");
	}
	out(r, &sb);
	strbuf_release(&sb);
}

static void scoreboard(struct room *r, const char *title)
{
	const struct meeting_party **v;
	struct strbuf sb = { 0 };
	size_t i, revealed = 0, w = 0, tw = 0, bar = 20, n;
	char **tails;

	revealed = meeting_revealed(r->m);
	strbuf_addc(&sb, '\n');
	big_heading(r, &sb, title);
	v = meeting_ranking(r->m, &n);
	if (!n) {
		free(v);
		wide(r, &sb,
		     "Answers came by show of hands: no names to score.", "  ",
		     "  ");
		out(r, &sb);
		strbuf_release(&sb);
		return;
	}
	tails = xcalloc(n, sizeof(*tails));
	for (i = 0; i < n; i++) {
		size_t k = render_width(v[i]->name);
		char *pts = number_text(v[i]->points);
		if (k > w)
			w = k;
		tails[i] = v[i]->team
				   ? xasprintf("  %s of %zu  (team of %zu)",
					       pts, revealed, v[i]->n_members)
				   : xasprintf("  %s of %zu", pts, revealed);
		if (strlen(tails[i]) > tw)
			tw = strlen(tails[i]);
		free(pts);
	}
	/* names whole: the bars shrink to fit, and below 6 cells each name
	 * goes on a line of its own */
	if (6 + w + 2 + bar + tw > r->width)
		bar = r->width > 6 + w + 2 + tw + 6 ? r->width - 6 - w - 2 - tw
						    : 0;
	for (i = 0; i < n; i++) {
		struct strbuf name = { 0 };
		double share =
			revealed ? 100.0 * v[i]->points / (double)revealed : 0;
		app_safe(&name, v[i]->name);
		strbuf_addf(&sb, "  %2zu. ", i + 1);
		if (bar) {
			render_pad(&sb, name.buf, w);
			strbuf_adds(&sb, "  ");
			render_bar(&sb, share, bar, r->app->unicode);
		} else {
			strbuf_adds(&sb, name.buf);
			strbuf_adds(&sb, "\n      ");
			render_bar(&sb, share,
				   r->width >= 6 + tw + 12  ? 12
				   : r->width >= 6 + tw + 4 ? r->width - 6 - tw
							    : 4,
				   r->app->unicode);
		}
		strbuf_adds(&sb, tails[i]);
		strbuf_addc(&sb, '\n');
		free(tails[i]);
		strbuf_release(&name);
	}
	free(tails);
	free(v);
	out(r, &sb);
	strbuf_release(&sb);
}

/* The scenarios the room did worst in, and the answer most chose there. */
static void most_missed(struct room *r)
{
	struct meeting_missed worst[3];
	struct strbuf sb = { 0 };
	size_t i, n = meeting_most_missed(r->m, worst, RP_ARRAY_LEN(worst));

	strbuf_addc(&sb, '\n');
	big_heading(r, &sb, "Most missed: talk these over");
	for (i = 0; i < n; i++) {
		const struct scenario *sc =
			r->m->ex->parts[worst[i].part].scenario;
		struct strbuf line = { 0 };
		strbuf_addf(&line, "%zu. %s: the room averaged %d%%", i + 1,
			    sc->title, score_percent(worst[i].avg));
		if (worst[i].worst != SIZE_MAX)
			strbuf_addf(&line, "; %zu of %zu chose %c) '%s'",
				    worst[i].worst_count, worst[i].total,
				    answer_letter(worst[i].worst),
				    sc->choices[worst[i].worst].text);
		/* no second full stop after a quoted sentence */
		if (!strchr(".!?",
			    line.buf[line.len -
				     (worst[i].worst != SIZE_MAX ? 2 : 1)]))
			strbuf_adds(&line, ".");
		wide(r, &sb, line.buf, "  ", "     ");
		strbuf_release(&line);
	}
	if (!n)
		wide(r, &sb, "Nothing: every scenario was answered well.", "  ",
		     "  ");
	out(r, &sb);
	strbuf_release(&sb);
}

/* Finishes every member's attempt (sets aside those who answered
 * nothing) and the meeting. */
static void close_meeting(struct room *r)
{
	char *err = NULL;

	if (meeting_keep_close(&r->keep, r->m, app_now_ms(), &err) != 0) {
		app_error(r->app, "%s", err);
		free(err);
	}
}

/* How many of the parties that can answer have, at the part on show. */
static void answer_count(const struct room *r, size_t *answered,
			 size_t *parties)
{
	size_t i;

	*answered = *parties = 0;
	for (i = 0; i < r->m->n_parties; i++)
		if (r->m->parties[i].n_members) {
			++*parties;
			if (meeting_has_answered(r->m, &r->m->parties[i]))
				++*answered;
		}
}

static void who_is_in(struct room *r)
{
	struct strbuf sb = { 0 };
	size_t i, j, answered, parties;

	for (i = 0; i < r->m->n_parties; i++) {
		const struct meeting_party *pa = &r->m->parties[i];
		strbuf_adds(&sb, "  ");
		app_safe(&sb, pa->name);
		if (pa->team) {
			strbuf_adds(&sb, ": ");
			for (j = 0; j < pa->n_members; j++) {
				if (j)
					strbuf_adds(&sb, ", ");
				app_safe(&sb, pa->members[j].name);
			}
			if (!pa->n_members)
				strbuf_adds(&sb, "nobody yet");
		}
		/* whether, never what, until the reveal */
		if (r->live && live_on_phone(r->live, i))
			strbuf_adds(&sb, "  (phone)");
		if (r->m->started && pa->n_members &&
		    meeting_has_answered(r->m, pa))
			strbuf_adds(&sb, "  answered");
		strbuf_addc(&sb, '\n');
	}
	answer_count(r, &answered, &parties);
	if (!r->m->n_parties)
		wide(r, &sb, "Nobody by name: answers come by show of hands.",
		     "  ", "  ");
	else if (r->m->started)
		strbuf_addf(&sb, "  %zu of %zu answered.\n", answered, parties);
	out(r, &sb);
	strbuf_release(&sb);
}

/* The join address, the code and the QR code, large for the room. */
static void join_panel(struct room *r)
{
	const char *url = live_url(r->live);
	unsigned rows = r->app->interactive ? term_rows(STDOUT_FILENO) : 0;
	/* big when it fits the screen whole */
	char *qr = live_qr_text(url, r->width, rows, r->app->unicode);
	const char *code = live_code(r->live);

	if (qr) {
		fputs("\n", r->app->out);
		fputs(qr, r->app->out);
		free(qr);
	}
	say(r,
	    "\nJoin from a phone: scan the code, or open %s and type "
	    "the code %.3s-%s.\n",
	    live_address(r->live), code, code + 3);
	say(r, "The whole address: %s\n", url);
}

/* The prompt, with the team-talk time left when a timer runs. */
static char *meeting_prompt(struct room *r)
{
	char timer[32] = "";

	if (r->timer_end > 0) {
		double left = r->timer_end - app_clock();
		if (left > 0)
			snprintf(timer, sizeof(timer), "[%d:%02d] ",
				 (int)left / 60, (int)left % 60);
		else
			snprintf(timer, sizeof(timer), "[time] ");
	}
	if (r->live) {
		size_t answered, parties;
		answer_count(r, &answered, &parties);
		return xasprintf("%smeeting %zu/%zu, %zu of %zu answered> ",
				 timer, r->m->pos + 1, r->m->n_order, answered,
				 parties);
	}
	return xasprintf("%smeeting %zu/%zu> ", timer, r->m->pos + 1,
			 r->m->n_order);
}

/* Phones did something while the room waits at the prompt: it hears of
 * it above the prompt, which shows the new count. */
static char *on_phones(void *data)
{
	struct room *r = data;
	char *p;

	live_lock(r->live);
	phone_news(r);
	fflush(r->app->out);
	p = r->m->started ? meeting_prompt(r) : NULL;
	live_unlock(r->live);
	return p;
}

static char *tick(void *data)
{
	return meeting_prompt(data);
}

/* Splits a line into words at blanks; returns how many (at most max). */
static int words_of(char *line, char **w, int max)
{
	int n = 0;
	char *save = NULL, *t;

	for (t = strtok_r(line, " \t", &save); t && n < max;
	     t = strtok_r(NULL, " \t", &save))
		w[n++] = t;
	return n;
}

/* ---- the meeting's commands ---- */

/* A command typed in a meeting: the same shape as the shell's (cmd.h), its
 * handler given the meeting and the words after the name. */
struct meeting_cmd {
	const char *name;
	int min_args, max_args;
	const char *usage;
	const char *summary;
	/* returns true when the meeting is over */
	bool (*run)(struct room *r, int argc, char **argv);
};

/* A format's talk in pairs starts its timer as the part is shown. */
static void pairs_timer(struct room *r)
{
	const struct sheet_step *step = meeting_step(r->m);

	r->timer_end = 0;
	input_set_ticker(r->app->input, NULL, NULL);
	if (step && step->pairs && !r->m->parts[r->m->part].revealed) {
		r->timer_end = app_clock() + (double)step->pairs * 60;
		input_set_ticker(r->app->input, tick, r);
	}
}

static bool mc_next(struct room *r, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (meeting_next(r->m)) {
		show_part(r);
		pairs_timer(r);
	} else {
		say(r, "That was the last part; 'end' closes the meeting.\n");
	}
	return false;
}

static bool mc_back(struct room *r, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (meeting_back(r->m)) {
		show_part(r);
		pairs_timer(r);
	} else {
		say(r, "This is the first part.\n");
	}
	return false;
}

static bool mc_reveal(struct room *r, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (r->m->ex->parts[r->m->part].scenario)
		reveal_scenario(r);
	else
		reveal_poll(r);
	return false;
}

static bool mc_scores(struct room *r, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	scoreboard(r, "Scoreboard");
	return false;
}

static bool mc_cards(struct room *r, int argc, char **argv)
{
	cards(r, argc, argv);
	return false;
}

static bool mc_show(struct room *r, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	show_part(r);
	return false;
}

static bool mc_who(struct room *r, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	who_is_in(r);
	return false;
}

static bool mc_timer(struct room *r, int argc, char **argv)
{
	struct app *app = r->app;
	char *end;
	long mins = strtol(argv[0], &end, 10);

	(void)argc;
	if (strcmp(argv[0], "off") == 0) {
		r->timer_end = 0;
		input_set_ticker(app->input, NULL, NULL);
		say(r, "No timer.\n");
	} else if (*end || mins < 1 || mins > 120) {
		app_error(app, "timer takes minutes (1 to 120) or 'off'");
	} else {
		r->timer_end = app_clock() + (double)mins * 60;
		input_set_ticker(app->input, tick, r);
		say(r,
		    "Team talk: %ld minute%s. The time shows in the "
		    "prompt; speed earns nothing.\n",
		    mins, mins == 1 ? "" : "s");
	}
	return false;
}

static bool mc_prompts(struct room *r, int argc, char **argv)
{
	const struct scenario *sc = r->m->ex->parts[r->m->part].scenario;
	struct strbuf sb = { 0 };
	size_t i;

	(void)argc;
	(void)argv;
	if (!sc || !sc->n_discuss) {
		say(r, "There are no discussion prompts here.\n");
		return false;
	}
	strbuf_adds(&sb, "\nEvery prompt for this scenario:\n");
	for (i = 0; i < sc->n_discuss; i++)
		wide(r, &sb, sc->discuss[i], r->app->unicode ? "  • " : "  - ",
		     "    ");
	out(r, &sb);
	strbuf_release(&sb);
	return false;
}

static bool mc_join(struct room *r, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (r->live)
		join_panel(r);
	else
		say(r, "This meeting is not live: phones join a meeting "
		       "started with --live.\n");
	return false;
}

static bool mc_tally(struct room *r, int argc, char **argv)
{
	tally(r, argc, argv);
	return false;
}

static bool mc_end(struct room *r, int argc, char **argv)
{
	(void)r;
	(void)argc;
	(void)argv;
	return true;
}

static bool mc_help(struct room *r, int argc, char **argv);

static const struct meeting_cmd meeting_cmds[] = {
	{ "reveal", 0, 0, "", "how the room answered, the best answer and why",
	  mc_reveal },
	{ "tally", 1, -1, "LETTER=COUNT...",
	  "a show of hands ('tally a=3 b=5'; for a poll: 4=3 5=2)", mc_tally },
	{ "cards", 0, -1, "[ROLE=NAME...]",
	  "who plays whom; each card to its player (--print FILE: on paper)",
	  mc_cards },
	{ "timer", 1, 1, "MINUTES|off", "time for team talk, or none",
	  mc_timer },
	{ "scores", 0, 0, "", "the scoreboard so far", mc_scores },
	{ "next", 0, 0, "", "the next part", mc_next },
	{ "back", 0, 0, "", "the part before", mc_back },
	{ "show", 0, 0, "", "this part again", mc_show },
	{ "who", 0, 0, "", "who is taking part, and who has answered", mc_who },
	{ "join", 0, 0, "", "the address and QR code for phones (--live)",
	  mc_join },
	{ "prompts", 0, 0, "", "every discussion prompt, for a longer talk",
	  mc_prompts },
	{ "help", 0, 1, "[COMMAND]", "these commands, or one explained",
	  mc_help },
	{ "end", 0, 0, "", "the final scoreboard and what was missed most",
	  mc_end },
	{ NULL, 0, 0, NULL, NULL, NULL },
};

/* What a line typed without a command word does, for help. */
static const struct {
	const char *head, *summary;
} answer_forms[] = {
	{ "NAME LETTER", "a participant's or team's answer ('ana b')" },
	{ "NAME NUMBER", "an answer to a poll ('ana 4'; never shown by name)" },
};

static bool mc_help(struct room *r, int argc, char **argv)
{
	struct app room = *r->app;
	struct strbuf sb = { 0 };
	const struct meeting_cmd *c;
	size_t i;

	room.width = r->width;
	for (c = meeting_cmds; c->name; c++) {
		char *head = xasprintf("%s%s%s", c->name, *c->usage ? " " : "",
				       c->usage);
		if (argc == 0) {
			if (c == meeting_cmds) {
				strbuf_adds(&sb, "In the meeting:\n");
				for (i = 0; i < RP_ARRAY_LEN(answer_forms); i++)
					cmd_help_row(&room, &sb,
						     answer_forms[i].head,
						     answer_forms[i].summary);
			}
			cmd_help_row(&room, &sb, head, c->summary);
		} else if (strcmp(argv[0], c->name) == 0) {
			cmd_help_one(&room, &sb, head, c->summary, NULL);
		}
		free(head);
	}
	if (argc > 0 && !sb.len) {
		char *safe = text_sanitize(argv[0], TEXT_ONE_LINE);
		app_error(r->app, "no meeting command '%s'; 'help' lists them",
			  safe);
		free(safe);
	}
	out(r, &sb);
	strbuf_release(&sb);
	return false;
}

/* Runs the meeting command line names (its words w[0..n-1]), or takes the
 * line as an answer. A line that starts with a command's name but has the
 * wrong number of words is that command used wrongly, unless someone
 * taking part has that name. True when the meeting is over. */
static bool meeting_command(struct room *r, char *line, char **w, int n)
{
	const struct meeting_cmd *c;

	for (c = meeting_cmds; c->name; c++)
		if (strcmp(w[0], c->name) == 0)
			break;
	if (c->name && n - 1 >= c->min_args &&
	    (c->max_args < 0 || n - 1 <= c->max_args))
		return c->run(r, n - 1, w + 1);
	if (c->name && !meeting_find(r->m, w[0])) {
		app_error(r->app, "usage: %s%s%s", c->name,
			  *c->usage ? " " : "", c->usage);
		return false;
	}
	answer_line(r, line);
	return false;
}

/* The parts the meeting goes through: a format's (--format NAME) or those
 * named (--scenarios ID,...), else all. false (said) when they do not
 * name what the exercise has. */
static bool choose_parts(struct room *r, const char *format, const char *ids)
{
	const struct exercise *ex = r->m->ex;
	size_t *order, n = 0, i;
	bool ok = true;

	if (format && ids) {
		app_error(r->app, "--format and --scenarios: one or the other");
		return false;
	}
	if (format) {
		struct strbuf names = { 0 };
		for (i = 0; i < ex->n_sheets; i++) {
			const struct run_sheet *sh = &ex->sheets[i];
			size_t k;
			if (strcmp(sh->id, format) != 0) {
				strbuf_addf(&names, "%s%s",
					    names.len ? ", " : "", sh->id);
				continue;
			}
			order = xcalloc(sh->n_steps + 1, sizeof(size_t));
			for (k = 0; k < sh->n_steps; k++)
				order[k] = sh->steps[k].part;
			ok = meeting_set_order(r->m, order, sh->n_steps, sh);
			free(order);
			strbuf_release(&names);
			return ok;
		}
		if (names.len)
			app_error(r->app,
				  "exercise '%s' has no format '%s'; its "
				  "formats: %s",
				  ex->item.id, format, names.buf);
		else
			app_error(r->app, "exercise '%s' has no formats",
				  ex->item.id);
		strbuf_release(&names);
		return false;
	}
	if (!ids)
		return true;
	order = xcalloc(ex->n_parts + 1, sizeof(size_t));
	{
		char *copy = xstrdup(ids), *save = NULL, *id;
		for (id = strtok_r(copy, ",", &save); id && ok;
		     id = strtok_r(NULL, ",", &save)) {
			id = trim(id);
			for (i = 0; i < ex->n_parts; i++) {
				const struct item *it =
					ex->parts[i].scenario
						? &ex->parts[i].scenario->item
						: &ex->parts[i].poll->item;
				if (strcmp(it->id, id) == 0)
					break;
			}
			if (i == ex->n_parts) {
				char *safe = text_sanitize(id, TEXT_ONE_LINE);
				app_error(r->app,
					  "exercise '%s' has no scenario or "
					  "poll '%s'",
					  ex->item.id, safe);
				free(safe);
				ok = false;
			} else if (n < ex->n_parts) {
				order[n++] = i;
			}
		}
		free(copy);
	}
	if (ok && !meeting_set_order(r->m, order, n, NULL)) {
		app_error(r->app, "--scenarios names each part once, one at "
				  "least");
		ok = false;
	}
	free(order);
	return ok;
}

/* Starts the phones' server for r's meeting; false (said) when it
 * cannot listen. A resumed meeting's is where it was, with the same
 * address, token and code (listen NULL: where it listened before). */
static bool go_live(struct room *r, const char *listen)
{
	struct live_config cfg = { 0 };
	char *log =
		app_xdg_file("XDG_STATE_HOME", ".local/state", "meeting.log");
	char *err = NULL;

	cfg.listen = listen		 ? listen
		     : r->keep.listen[0] ? r->keep.listen
					 : NULL;
	if (r->keep.token[0]) {
		cfg.token = r->keep.token;
		cfg.code = r->keep.code;
	}
	cfg.log_path = log;
	r->live = live_start(&cfg, r->m, &r->keep, &err);
	free(log);
	if (!r->live) {
		app_error(r->app, "the meeting cannot go live: %s", err);
		free(err);
		return false;
	}
	snprintf(r->keep.listen, sizeof(r->keep.listen), "%s",
		 live_listen(r->live));
	snprintf(r->keep.token, sizeof(r->keep.token), "%s",
		 live_token(r->live));
	snprintf(r->keep.code, sizeof(r->keep.code), "%s", live_code(r->live));
	join_panel(r);
	input_set_watch(r->app->input, live_event_fd(r->live), on_phones, r);
	return true;
}

/* Keeps what a command changed for a resume; a failure is said, and the
 * meeting goes on (every answer is kept all the same). */
static void save_state(struct room *r)
{
	char *err = NULL;

	if (meeting_keep_save(&r->keep, r->m, &err) != 0) {
		app_error(r->app,
			  "the meeting's state could not be saved (a resume "
			  "after a crash would miss the last change): %s",
			  err);
		free(err);
	}
}

/* Runs one line typed in the meeting, holding the phones off while it
 * does; they move on when it moved the meeting on. */
static bool room_line(struct room *r, char *line)
{
	char *copy = xstrdup(line), *w[64];
	int n = words_of(copy, w, 64);
	bool over = false;

	if (n > 0) {
		size_t part;
		bool revealed;
		room_lock(r);
		phone_news(r);
		part = r->m->part;
		revealed = r->m->parts[part].revealed;
		r->recast = false;
		over = meeting_command(r, line, w, n);
		if (r->live && (over || r->recast || part != r->m->part ||
				revealed != r->m->parts[r->m->part].revealed))
			live_changed(r->live);
		if (!over)
			save_state(r);
		room_unlock(r);
	}
	free(copy);
	return over;
}

/* The exercise's title, large, and with intro its introduction. */
static void exercise_heading(struct room *r, const struct exercise *ex,
			     bool intro)
{
	struct strbuf sb = { 0 };

	big_heading(r, &sb, ex->title);
	if (intro && ex->intro)
		wide(r, &sb, ex->intro, "", "");
	out(r, &sb);
	strbuf_release(&sb);
}

/* A new meeting of ex: its parts, the phones' server, who takes part, the
 * start. false when it did not start (*status says how it ends). */
static bool begin(struct room *r, const struct cmd_args *args,
		  const char *listen, int *status)
{
	struct app *app = r->app;
	char *err = NULL, *exercise = NULL, *state = NULL, uuid[37];

	if (store_meeting_unfinished(app->store, app->course->item.id,
				     app->user, uuid, &exercise, &state,
				     &err) == 1)
		say(r,
		    "(A meeting of yours of '%s' did not end: if it was cut "
		    "short, 'meeting --resume' takes it up again.)\n",
		    exercise);
	free(err);
	free(exercise);
	free(state);
	err = NULL;
	if (!choose_parts(r, cmd_value(args, "--format"),
			  cmd_value(args, "--scenarios")))
		return false;
	if (r->m->sheet) {
		char *line =
			xasprintf("This meeting: %s, %u minutes.",
				  r->m->sheet->title, r->m->sheet->minutes);
		say(r, "%s\n", line);
		free(line);
	}
	if ((listen || cmd_flag(args, "--live")) && !go_live(r, listen))
		return false;
	if (!read_participants(r)) {
		say(r, "\nThe meeting did not start.\n");
		*status = input_problem(app->input) ? EXIT_FAILED : EXIT_OK;
		return false;
	}
	room_lock(r);
	phone_news(r);
	meeting_start(r->m);
	if (meeting_keep_begin(&r->keep, r->m, app_now_ms(), &err) != 0) {
		app_error(app, "the meeting could not be saved: %s", err);
		free(err);
		room_unlock(r);
		return false;
	}
	say(r,
	    "\n%zu taking part. Type 'help' for the meeting "
	    "commands.\n",
	    r->m->n_parties);
	return true;
}

/* The facilitator's newest meeting in the course that did not end, taken
 * up where it stopped (want: the exercise it must be of, or NULL), with
 * the phones' server where it was when it was live. */
static bool resume(struct room *r, const char *want, const char *listen)
{
	struct app *app = r->app;
	char *exercise = NULL, *state = NULL, *old = NULL, *err = NULL;
	const struct exercise *ex = NULL;
	bool ok = false;
	int rc;

	rc = store_meeting_unfinished(app->store, app->course->item.id,
				      app->user, r->keep.uuid, &exercise,
				      &state, &err);
	if (rc <= 0) {
		if (rc < 0)
			app_error(app, "%s", err);
		else
			app_error(app,
				  "no meeting of yours in this course was cut "
				  "short: nothing to resume");
		goto out;
	}
	if (want && strcmp(want, exercise) != 0) {
		char *safe = text_sanitize(want, TEXT_ONE_LINE);
		app_error(app,
			  "your meeting that was cut short is of '%s', not "
			  "'%s'",
			  exercise, safe);
		free(safe);
		goto out;
	}
	ex = app_find(app, exercise, ITEM_EXERCISE, "exercise", "exercises");
	if (!ex)
		goto out;
	r->m = meeting_keep_resume(&r->keep, app->course, ex, state, &old,
				   app_now_ms(), &err);
	if (!r->m) {
		app_error(app, "cannot resume the meeting: %s", err);
		goto out;
	}
	if (*old && strcmp(old, r->keep.holder) != 0 && app_holder_alive(old)) {
		char *who = app_holder_text(old);
		app_error(app,
			  "the meeting is still running in another rapport "
			  "(%s); end it there, or stop that rapport first",
			  who);
		free(who);
		goto out;
	}
	rc = meeting_keep_claim(&r->keep, r->m, old, app_now_ms(), &err);
	if (rc != 0) {
		app_error(app, "%s",
			  rc < 0 ? err
				 : "another rapport took the meeting over a "
				   "moment ago");
		goto out;
	}
	/* ours from now on, in the state too: if this rapport stops before
	 * the meeting goes on (it cannot listen where it did), the next
	 * --resume takes it from this one */
	save_state(r);
	exercise_heading(r, ex, false);
	say(r,
	    "The meeting goes on where it stopped: %zu taking part, every "
	    "answer they gave is kept.\n",
	    r->m->n_parties);
	if ((listen || r->keep.listen[0]) && !go_live(r, listen))
		goto out;
	room_lock(r);
	save_state(r);
	ok = true;
out:
	free(err);
	free(old);
	free(exercise);
	free(state);
	return ok;
}

static int cmd_meeting(struct app *app, const struct cmd_args *args)
{
	const char *listen = cmd_value(args, "--listen");
	bool resuming = cmd_flag(args, "--resume");
	struct room r = { 0 };
	bool over = false;
	int status = EXIT_OK;

	if (!resuming && args->argc < 1) {
		app_error(app, "meeting needs an EXERCISE, or --resume");
		return EXIT_USAGE;
	}
	if (resuming &&
	    (cmd_value(args, "--format") || cmd_value(args, "--scenarios"))) {
		app_error(app, "--resume goes on with the meeting's own parts: "
			       "no --format or --scenarios");
		return EXIT_USAGE;
	}
	r.app = app;
	r.keep.store = app->store;
	r.keep.course = app->course->item.id;
	r.keep.fingerprint = app->course->fingerprint;
	r.keep.holder = app_holder(app);
	r.keep.facilitator = app->user;
	r.width = app_room_width(app); /* the room sees the whole terminal */
	if (resuming) {
		if (!resume(&r, args->argc ? args->argv[0] : NULL, listen)) {
			status = EXIT_FAILED;
			goto done;
		}
	} else {
		const struct exercise *ex =
			app_find(app, args->argv[0], ITEM_EXERCISE, "exercise",
				 "exercises");
		if (!ex)
			return EXIT_FAILED;
		r.m = meeting_new(app->course, ex);
		exercise_heading(&r, ex, true);
		status = EXIT_FAILED;
		if (!begin(&r, args, listen, &status))
			goto done;
		status = EXIT_OK;
	}
	show_part(&r);
	pairs_timer(&r);
	if (r.live)
		live_changed(r.live);
	room_unlock(&r);
	while (!over) {
		char *line = NULL, *prompt;
		enum input_status st;
		room_lock(&r);
		prompt = meeting_prompt(&r);
		room_unlock(&r);
		fflush(app->out);
		st = input_read(app->input, prompt, false, &line);
		free(prompt);
		if (st != INPUT_LINE) {
			/* Ctrl-C, Ctrl-D or the end of a script ends the
			 * meeting; every answer is saved already */
			if (st == INPUT_BAD) {
				app_error(app, "%s; the meeting ends here",
					  input_problem(app->input));
				status = EXIT_FAILED;
			}
			break;
		}
		over = room_line(&r, line);
		free(line);
	}
	input_set_ticker(app->input, NULL, NULL);
	room_lock(&r);
	phone_news(&r);
	scoreboard(&r, "Final scoreboard");
	most_missed(&r);
	close_meeting(&r);
	say(&r, "\nEveryone's answers are kept under their own name.\n");
	room_unlock(&r);
done:
	if (r.live) {
		input_set_watch(app->input, -1, NULL, NULL);
		live_stop(r.live); /* the phones see the final scores first */
	}
	meeting_free(r.m);
	return status;
}

const struct cmd_entry cmd_meeting_entry = {
	.name = "meeting",
	.options = {
		{"--live", NULL, NULL},
		{"--listen", NULL, "ADDR:PORT"},
		{"--format", NULL, "NAME"},
		{"--scenarios", NULL, "ID,..."},
		{"--resume", NULL, NULL},
	},
	.min_args = 0,
	.max_args = 1,
	.usage = "EXERCISE | --resume [EXERCISE]",
	.summary = "run a sales meeting: scenarios, everyone's answers, "
		   "reveal, scores",
	.flags = CMD_COURSE | CMD_STORE,
	.complete = COMPLETE_EXERCISE,
	.run = cmd_meeting,
};
