/* SPDX-License-Identifier: GPL-3.0-or-later */
/* meeting.c - a sales meeting run by a facilitator: one scenario at a time,
 * large and clear, answers from each participant, team or a show of hands,
 * a reveal with the reasoning for every option, a scoreboard, and what the
 * room missed most. Every participant's answers are stored under their own
 * name, as an attempt of the exercise. */
#include <ctype.h>
#include <stdarg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/answer.h"
#include "../core/render.h"
#include "../core/score.h"
#include "../core/store.h"
#include "../core/text.h"
#include "../term/input.h"
#include "present.h"

struct member {
	char *name;        /* a user name; owned */
	int64_t user_id;
	struct run *run;   /* the exercise, in written order; owned */
	char uuid[37];     /* the member's attempt */
};

/* Who answers: a person (one member, the same name) or a team. */
struct party {
	char *name;             /* owned */
	bool team;
	struct member *members; /* owned */
	size_t n_members;
	double points;          /* credits over the scenarios answered */
	size_t answered;
};

/* What the room said at one part of the exercise. */
struct part_state {
	size_t *counts;   /* per option (written order) or scale point */
	size_t n_counts;
	size_t *tally;    /* the show-of-hands counts, added to counts */
	bool shown;       /* the room has seen it */
	bool revealed;
	bool *heard;      /* per party: answered this part (polls only) */
};

struct meeting {
	struct app *app;
	const struct exercise *ex;
	struct party *parties;
	size_t n_parties;
	struct part_state *st;  /* one per part */
	size_t part;            /* the part on show */
	char uuid[37];
	double timer_end;       /* team talk ends (app_clock), 0: no timer */
	unsigned width;         /* the room sees the whole terminal width */
};

/* The run index of part i (scenarios only count), or SIZE_MAX for a poll. */
static size_t scenario_index(const struct meeting *m, size_t part)
{
	size_t i, k = 0;

	if (!m->ex->parts[part].scenario)
		return SIZE_MAX;
	for (i = 0; i < part; i++)
		if (m->ex->parts[i].scenario)
			k++;
	return k;
}

static void out(struct meeting *m, const struct strbuf *sb)
{
	if (sb->len)
		fputs(sb->buf, m->app->out);
}

/* Wraps to the meeting's width rather than the reading width. */
static void wide(const struct meeting *m, struct strbuf *sb, const char *text,
		 const char *first, const char *rest)
{
	struct app room = *m->app;

	room.width = m->width;
	app_wrap(&room, sb, text, first, rest);
}

/* app_say() at the meeting's width. */
static void say(const struct meeting *m, const char *fmt, ...) RP_PRINTF(2, 3);
static void say(const struct meeting *m, const char *fmt, ...)
{
	struct app room = *m->app;
	va_list ap;
	char *msg;

	room.width = m->width;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	app_say(&room, "%s", msg);
	free(msg);
}

/* A heading for the room, wrapped, underlined as wide as its widest line. */
static void big_heading(const struct meeting *m, struct strbuf *sb,
			const char *text)
{
	struct strbuf lines = {0}, safe = {0};
	size_t w = 0, i;
	char *p, *nl;

	app_safe(&safe, text); /* one line, whatever it holds */
	render_wrap(&lines, safe.buf, m->width, "", "");
	strbuf_release(&safe);
	for (p = lines.buf; p && *p; p = nl + 1) {
		nl = strchr(p, '\n');
		*nl = '\0';
		if (render_width(p) > w)
			w = render_width(p);
		*nl = '\n';
	}
	strbuf_adds(sb, app_on(m->app, STYLE_TITLE));
	if (lines.len)
		strbuf_add(sb, lines.buf, lines.len - 1); /* the style ends first */
	strbuf_addc(sb, '\n');
	for (i = 0; i < w && i < m->width; i++)
		strbuf_adds(sb, m->app->unicode ? "═" : "=");
	strbuf_adds(sb, app_off(m->app));
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

static struct party *find_party(struct meeting *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->n_parties; i++)
		if (strcasecmp(m->parties[i].name, name) == 0)
			return &m->parties[i];
	return NULL;
}

static bool known_member(struct meeting *m, const char *name)
{
	size_t i, j;

	for (i = 0; i < m->n_parties; i++)
		for (j = 0; j < m->parties[i].n_members; j++)
			if (strcasecmp(m->parties[i].members[j].name, name) == 0)
				return true;
	return false;
}

static void add_party(struct meeting *m, const char *name, bool team)
{
	void *p = m->parties;
	size_t cap = m->n_parties;

	xgrow(&p, &cap, m->n_parties + 1, sizeof(*m->parties));
	m->parties = p;
	memset(&m->parties[m->n_parties], 0, sizeof(*m->parties));
	m->parties[m->n_parties].name = xstrdup(name);
	m->parties[m->n_parties].team = team;
	m->n_parties++;
}

static void add_member(struct party *party, const char *name)
{
	party->members = xrealloc(party->members,
				  (party->n_members + 1) * sizeof(*party->members));
	memset(&party->members[party->n_members], 0, sizeof(*party->members));
	party->members[party->n_members++].name = xstrdup(name);
}

/* Reads the participants, one a line ("team NAME: a, b" for a team), until
 * an empty line or the end of input. False when Ctrl-C cancels. */
static bool read_participants(struct meeting *m)
{
	struct app *app = m->app;

	say(m, "Who is taking part? One name a line; 'team NAME: member, member' "
	      "for a team;\nan empty line when everyone is in (nobody: answers "
	      "by show of hands).\n");
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
		if (strncasecmp(s, "team ", 5) == 0 && strchr(s, ':')) {
			char *colon = strchr(s, ':'), *name, *tok, *save = NULL;
			*colon = '\0';
			name = trim(s + 5);
			if (!*name || find_party(m, name)) {
				app_error(app, "a team needs a name of its own");
				free(line);
				continue;
			}
			add_party(m, name, true);
			for (tok = strtok_r(colon + 1, ",", &save); tok;
			     tok = strtok_r(NULL, ",", &save)) {
				char *who = trim(tok);
				if (!*who)
					continue;
				if (known_member(m, who)) {
					app_error(app, "'%s' is in already",
						  who);
					continue;
				}
				add_member(&m->parties[m->n_parties - 1], who);
			}
			if (m->parties[m->n_parties - 1].n_members == 0) {
				app_error(app,
					  "team '%s' has no members; name them "
					  "after the colon",
					  name);
				free(m->parties[--m->n_parties].name);
			}
		} else if (find_party(m, s) || known_member(m, s)) {
			app_error(app, "'%s' is in already", s);
		} else {
			add_party(m, s, false);
			add_member(&m->parties[m->n_parties - 1], s);
		}
		free(line);
	}
}

/* Gives every member a user and an attempt of the exercise. */
static bool start_attempts(struct meeting *m)
{
	struct app *app = m->app;
	size_t i, j;
	char *err = NULL;

	for (i = 0; i < m->n_parties; i++) {
		for (j = 0; j < m->parties[i].n_members; j++) {
			struct member *mb = &m->parties[i].members[j];
			struct attempt_key key = {0, app->course->item.id,
						  app->course->fingerprint, m->uuid,
						  app_holder(app)};
			if (store_user(app->store, mb->name, app_now(), &mb->user_id,
				       &err) != 0)
				goto fail;
			key.user = mb->user_id;
			mb->run = run_new_exercise_in_order(app->course, m->ex);
			if (store_begin(app->store, &key, mb->run, app_now(),
					mb->uuid, &err) != 0)
				goto fail;
		}
	}
	return true;
fail:
	app_error(app, "the meeting could not be saved: %s", err);
	free(err);
	return false;
}

/* ---- showing a part ---- */

static const struct scale *poll_scale(const struct meeting *m)
{
	return &m->ex->scale;
}

static void show_part(struct meeting *m)
{
	const struct exercise_part *p = &m->ex->parts[m->part];
	struct app *app = m->app;
	struct strbuf sb = {0};
	size_t i, n = m->ex->n_parts;

	m->st[m->part].shown = true;
	strbuf_addc(&sb, '\n');
	if (p->scenario) {
		const struct scenario *sc = p->scenario;
		char *head = xasprintf("%zu of %zu%s%s", m->part + 1, n, app->sep,
				       competency_name(&sc->competency));
		strbuf_adds(&sb, app_on(app, STYLE_DIM));
		app_safe(&sb, head);
		if (sc->minutes)
			strbuf_addf(&sb, "%s%u min", app->sep, sc->minutes);
		strbuf_adds(&sb, app_off(app));
		strbuf_addc(&sb, '\n');
		free(head);
		big_heading(m, &sb, sc->title);
		strbuf_addc(&sb, '\n');
		for (i = 0; i < sc->n_situation; i++) {
			wide(m, &sb, sc->situation[i], "", "");
			strbuf_addc(&sb, '\n');
		}
		strbuf_adds(&sb, app_on(app, STYLE_BOLD));
		wide(m, &sb, sc->question, "", "");
		strbuf_adds(&sb, app_off(app));
		strbuf_addc(&sb, '\n');
		for (i = 0; i < sc->n_choices; i++) {
			char head2[16];
			snprintf(head2, sizeof(head2), "  %c) ", answer_letter(i));
			wide(m, &sb, sc->choices[i].text, head2, "     ");
		}
		if (sc->n_discuss) {
			strbuf_addc(&sb, '\n');
			strbuf_adds(&sb, "Talk it over:\n");
			for (i = 0; i < sc->n_discuss; i++)
				wide(m, &sb, sc->discuss[i],
				     app->unicode ? "  • " : "  - ", "    ");
		}
	} else {
		const struct scale *s = poll_scale(m);
		char *head = xasprintf("%zu of %zu%sa quick poll, anonymous",
				       m->part + 1, n, app->sep);
		strbuf_adds(&sb, app_on(app, STYLE_DIM));
		strbuf_adds(&sb, head);
		strbuf_adds(&sb, app_off(app));
		strbuf_addc(&sb, '\n');
		free(head);
		big_heading(m, &sb, p->poll->text);
		for (i = 0; i < s->n_points; i++) {
			char *line = xasprintf("%d %s", s->points[i].value,
					       s->points[i].label);
			wide(m, &sb, line, "  ", "    ");
			free(line);
		}
	}
	out(m, &sb);
	strbuf_release(&sb);
}

static void show_cards(struct meeting *m)
{
	const struct scenario *sc = m->ex->parts[m->part].scenario;
	struct strbuf sb = {0};
	size_t i;

	if (!sc || !sc->n_cards) {
		say(m, "There are no role-play cards here.\n");
		return;
	}
	strbuf_addc(&sb, '\n');
	for (i = 0; i < sc->n_cards; i++) {
		big_heading(m, &sb, sc->cards[i].role);
		wide(m, &sb, sc->cards[i].knows, "  You know: ", "    ");
		if (sc->cards[i].goal)
			wide(m, &sb, sc->cards[i].goal, "  You want: ", "    ");
		strbuf_addc(&sb, '\n');
	}
	out(m, &sb);
	strbuf_release(&sb);
}

/* ---- answers ---- */

/* Index of the option called by letter in a scenario, or SIZE_MAX. */
static size_t option_of(const struct scenario *sc, const char *word)
{
	size_t i;

	if (strlen(word) != 1 || !isalpha((unsigned char)word[0]))
		return SIZE_MAX;
	i = (size_t)(tolower((unsigned char)word[0]) - 'a');
	return i < sc->n_choices ? i : SIZE_MAX;
}

/* Index of the scale point with this value, or SIZE_MAX. */
static size_t point_of(const struct scale *s, const char *word)
{
	char *end;
	long v = strtol(word, &end, 10);
	size_t i;

	if (*end || end == word)
		return SIZE_MAX;
	for (i = 0; i < s->n_points; i++)
		if (s->points[i].value == v)
			return i;
	return SIZE_MAX;
}

/* Stores party's answer (option index) to the scenario on show. */
static bool answer_scenario(struct meeting *m, struct party *party,
			    size_t option)
{
	const struct scenario *sc = m->ex->parts[m->part].scenario;
	size_t idx = scenario_index(m, m->part), j;
	char *err = NULL;

	for (j = 0; j < party->n_members; j++) {
		struct member *mb = &party->members[j];
		struct response resp = {0};
		resp.picks = xcalloc(1, sizeof(size_t));
		resp.picks[0] = option;
		resp.n_picks = 1;
		mb->run->pos = idx;
		if (!run_answer(mb->run, &resp) ||
		    store_answer(m->app->store, mb->uuid, app_holder(m->app),
				 mb->run, idx, app_now(), 0, NULL, &err) != 0) {
			response_release(&resp);
			app_error(m->app, "the answer was not saved: %s",
				  err ? err : "it does not fit");
			free(err);
			return false;
		}
	}
	if (store_meeting_vote(m->app->store, m->uuid, sc->item.id, party->name,
			       sc->choices[option].id, 1, app_now(), &err) != 0) {
		app_error(m->app, "the answer was not saved: %s", err);
		free(err);
		return false;
	}
	return true;
}

/* "tally a=3 b=5": a show of hands. The counts named replace those
 * before them and the others stay; a tally with one count that is not
 * one changes nothing at all. The room's counts as they then stand are
 * stored in place of the last tally's. */
static void tally(struct meeting *m, int n, char **words)
{
	const struct exercise_part *p = &m->ex->parts[m->part];
	struct part_state *st = &m->st[m->part];
	size_t *next = xcalloc(st->n_counts ? st->n_counts : 1, sizeof(size_t));
	const char **choices = xcalloc(st->n_counts + 1, sizeof(char *));
	int64_t *counts = xcalloc(st->n_counts + 1, sizeof(int64_t));
	char (*values)[16] = xcalloc(st->n_counts + 1, sizeof(*values));
	char *err = NULL;
	size_t k;
	int i;

	memcpy(next, st->tally, st->n_counts * sizeof(size_t));
	for (i = 0; i < n; i++) {
		char *eq = strchr(words[i], '='), *end;
		size_t at;
		long count;
		if (!eq) {
			app_error(m->app, "write each count as %s=COUNT; nothing "
					  "was counted",
				  p->scenario ? "LETTER" : "VALUE");
			goto out;
		}
		*eq = '\0';
		at = p->scenario ? option_of(p->scenario, words[i])
				 : point_of(poll_scale(m), words[i]);
		count = strtol(eq + 1, &end, 10);
		if (at == SIZE_MAX || *end || eq[1] == '\0' || count < 0 ||
		    count > 100000) {
			app_error(m->app, "'%s=%s' is not a count for this %s; "
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
				 poll_scale(m)->points[k].value);
			choices[k] = values[k];
		}
		counts[k] = (int64_t)next[k];
	}
	if (store_meeting_tally(m->app->store, m->uuid,
				p->scenario ? p->scenario->item.id
					    : p->poll->item.id,
				choices, counts, st->n_counts, app_now(),
				&err) != 0) {
		app_error(m->app, "the tally was not saved: %s", err);
		free(err);
		goto out;
	}
	memcpy(st->tally, next, st->n_counts * sizeof(size_t));
	say(m, "Tally noted.\n");
out:
	free(next);
	free(choices);
	free(counts);
	free(values);
}

/* "NAME b" or "NAME 4": the last word is the answer, the rest the name. */
static void answer_line(struct meeting *m, char *line)
{
	const struct exercise_part *p = &m->ex->parts[m->part];
	struct part_state *st = &m->st[m->part];
	char *last = strrchr(line, ' ');
	struct party *party;
	size_t at;

	if (!last) {
		char *safe = text_sanitize(line, TEXT_ONE_LINE);
		app_error(m->app, "'%s' is not a meeting command; type 'help'", safe);
		free(safe);
		return;
	}
	*last++ = '\0';
	party = find_party(m, trim(line));
	if (!party) {
		char *safe = text_sanitize(trim(line), TEXT_ONE_LINE);
		app_error(m->app, "nobody called '%s' is taking part; type 'who'",
			  safe);
		free(safe);
		return;
	}
	if (st->revealed) {
		app_error(m->app, "the answers are revealed; 'next' moves on");
		return;
	}
	at = p->scenario ? option_of(p->scenario, last)
			 : point_of(poll_scale(m), last);
	if (at == SIZE_MAX) {
		char *safe = text_sanitize(last, TEXT_ONE_LINE);
		if (p->scenario)
			app_error(m->app, "'%s' is not one of the letters, a to %c",
				  safe, answer_letter(p->scenario->n_choices - 1));
		else
			app_error(m->app, "'%s' is not on the scale", safe);
		free(safe);
		return;
	}
	if (p->scenario) {
		answer_scenario(m, party, at);
	} else {
		/* polls stay anonymous: a count, never a name */
		size_t k = (size_t)(party - m->parties);
		char value[16], *err = NULL;
		if (st->heard[k]) {
			char *safe = text_sanitize(party->name, TEXT_ONE_LINE);
			app_error(m->app, "'%s' has answered this poll already",
				  safe);
			free(safe);
			return;
		}
		st->heard[k] = true;
		st->counts[at]++;
		snprintf(value, sizeof(value), "%d",
			 poll_scale(m)->points[at].value);
		if (store_meeting_vote(m->app->store, m->uuid, p->poll->item.id,
				       NULL, value, 1, app_now(), &err) != 0) {
			app_error(m->app, "the answer was not saved: %s", err);
			free(err);
		}
	}
}

/* The option a party chose at scenario run index idx, or SIZE_MAX. */
static size_t choice_of(const struct party *party, size_t idx)
{
	const struct run_item *it = &party->members[0].run->items[idx];

	if (it->outcome == OUTCOME_PENDING || it->outcome == OUTCOME_SKIPPED ||
	    !it->response.n_picks)
		return SIZE_MAX;
	return it->response.picks[0];
}

/* ---- reveal, scores, most missed ---- */

#define BAR_LABEL 34 /* the label's column */
#define BAR_CELLS 16

/* The label column a table of bars needs to show this row on one line
 * (BAR_LABEL at least), or 0 when it cannot. */
static size_t bar_column(const struct meeting *m, const char *label,
			 size_t count, const char *who)
{
	char num[24];
	size_t col = render_width(label), w;

	if (col < BAR_LABEL)
		col = BAR_LABEL;
	w = 2 + col + 2 + BAR_CELLS;
	w += (size_t)snprintf(num, sizeof(num), " %zu", count);
	if (who && *who)
		w += 2 + render_width(who);
	return w <= m->width ? col : 0;
}

/* The widest column of a table's rows, or 0 when one cannot fit. */
static size_t widest(size_t col, size_t row)
{
	return col == 0 || row == 0 ? 0 : row > col ? row : col;
}

/* "  a) label   ████░░ 3  ana, tom": on one line, the label padded to
 * col, or with col 0 stacked (the label wrapped, the bar below it, who
 * after it wrapped), when the table's rows do not all fit. */
static void bar_line(const struct meeting *m, struct strbuf *sb,
		     const char *label, size_t count, size_t total,
		     const char *who, size_t col)
{
	struct strbuf bar = {0}, safe = {0};
	double share = total ? 100.0 * (double)count / (double)total : 0;

	app_safe(&safe, label);
	if (col) {
		strbuf_adds(sb, "  ");
		render_pad(sb, safe.buf, col);
		strbuf_adds(sb, "  ");
		render_bar(sb, share, BAR_CELLS, m->app->unicode);
		strbuf_addf(sb, " %zu", count);
		if (who && *who) {
			strbuf_adds(sb, "  ");
			app_safe(sb, who);
		}
		strbuf_addc(sb, '\n');
	} else {
		wide(m, sb, safe.buf, "  ", "     ");
		strbuf_adds(&bar, "     ");
		render_bar(&bar, share,
			   m->width >= 5 + BAR_CELLS + 8 ? BAR_CELLS : 8,
			   m->app->unicode);
		strbuf_addf(&bar, " %zu  ", count);
		if (who && *who)
			wide(m, sb, who, bar.buf, "       ");
		else
			strbuf_addf(sb, "%.*s\n", (int)(bar.len - 2), bar.buf);
	}
	strbuf_release(&bar);
	strbuf_release(&safe);
}

static void reveal_scenario(struct meeting *m)
{
	const struct scenario *sc = m->ex->parts[m->part].scenario;
	struct part_state *st = &m->st[m->part];
	size_t idx = scenario_index(m, m->part), i, j, total = 0;
	struct strbuf sb = {0};

	for (i = 0; i < sc->n_choices; i++)
		st->counts[i] = st->tally[i];
	for (j = 0; j < m->n_parties; j++) {
		size_t c = choice_of(&m->parties[j], idx);
		if (c != SIZE_MAX)
			st->counts[c]++;
	}
	for (i = 0; i < sc->n_choices; i++)
		total += st->counts[i];
	if (!st->revealed) {
		/* points once, at the first reveal */
		for (j = 0; j < m->n_parties; j++) {
			const struct run_item *it =
				&m->parties[j].members[0].run->items[idx];
			if (choice_of(&m->parties[j], idx) == SIZE_MAX)
				continue;
			m->parties[j].points += it->credit;
			m->parties[j].answered++;
		}
	}
	st->revealed = true;
	strbuf_addc(&sb, '\n');
	big_heading(m, &sb, "How the room answered");
	{
		struct strbuf *who = xcalloc(sc->n_choices + 1, sizeof(*who));
		struct strbuf *label = xcalloc(sc->n_choices + 1, sizeof(*label));
		size_t col = BAR_LABEL;
		for (i = 0; i < sc->n_choices; i++) {
			for (j = 0; j < m->n_parties; j++)
				if (choice_of(&m->parties[j], idx) == i) {
					if (who[i].len)
						strbuf_adds(&who[i], ", ");
					strbuf_adds(&who[i], m->parties[j].name);
				}
			if (st->tally[i])
				strbuf_addf(&who[i], "%s%zu by hands",
					    who[i].len ? ", " : "", st->tally[i]);
			strbuf_addf(&label[i], "%c) ", answer_letter(i));
			app_safe(&label[i], sc->choices[i].text);
			col = widest(col, bar_column(m, label[i].buf,
						     st->counts[i], who[i].buf));
		}
		for (i = 0; i < sc->n_choices; i++) {
			bar_line(m, &sb, label[i].buf, st->counts[i], total,
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
	big_heading(m, &sb, "Why");
	for (i = 0; i < sc->n_choices; i++) {
		const struct choice *c = &sc->choices[i];
		char *head = xasprintf("%c) %s", answer_letter(i), c->text);
		strbuf_adds(&sb, app_on(m->app, c->credit >= 100 ? STYLE_GOOD
								 : STYLE_BOLD));
		wide(m, &sb, head, "  ", "     ");
		strbuf_adds(&sb, app_off(m->app));
		free(head);
		head = xasprintf("%s%g%%: ", c->credit >= 100 ? "The best answer, " : "",
				 c->credit);
		{
			struct strbuf line = {0};
			strbuf_adds(&line, head);
			strbuf_adds(&line, c->feedback ? c->feedback : "");
			wide(m, &sb, line.buf, "     ", "     ");
			strbuf_release(&line);
		}
		free(head);
	}
	if (sc->debrief) {
		strbuf_addc(&sb, '\n');
		strbuf_adds(&sb, app_on(m->app, STYLE_BOLD));
		wide(m, &sb, sc->debrief, "The point: ", "  ");
		strbuf_adds(&sb, app_off(m->app));
	}
	out(m, &sb);
	strbuf_release(&sb);
}

static void reveal_poll(struct meeting *m)
{
	const struct poll *poll = m->ex->parts[m->part].poll;
	const struct scale *s = poll_scale(m);
	struct part_state *st = &m->st[m->part];
	struct strbuf sb = {0};
	size_t i, total = 0;
	double sum = 0;
	int lo, hi;

	st->revealed = true;
	for (i = 0; i < s->n_points; i++) {
		size_t n = st->counts[i] + st->tally[i];
		total += n;
		sum += (double)n * s->points[i].value;
	}
	scale_range(s, &lo, &hi);
	strbuf_addc(&sb, '\n');
	big_heading(m, &sb, "How the room sees it");
	{
		char **labels = xcalloc(s->n_points + 1, sizeof(char *));
		size_t col = BAR_LABEL;
		for (i = 0; i < s->n_points; i++) {
			labels[i] = xasprintf("%d %s", s->points[i].value,
					      s->points[i].label);
			col = widest(col, bar_column(m, labels[i],
						     st->counts[i] + st->tally[i],
						     NULL));
		}
		for (i = 0; i < s->n_points; i++) {
			bar_line(m, &sb, labels[i], st->counts[i] + st->tally[i],
				 total, NULL, col);
			free(labels[i]);
		}
		free(labels);
	}
	if (total) {
		char *line = xasprintf("%zu answers, on average %.1f of %d%s. "
				       "Nobody's answer is shown.",
				       total, sum / (double)total, hi,
				       poll->reverse ? " (here, lower is better)"
						     : "");
		wide(m, &sb, line, "  ", "  ");
		free(line);
	} else {
		strbuf_adds(&sb, "  (no answers)\n");
	}
	out(m, &sb);
	strbuf_release(&sb);
}

static int cmp_party(const void *pa, const void *pb)
{
	const struct party *a = *(const struct party *const *)pa;
	const struct party *b = *(const struct party *const *)pb;

	if (fabs(a->points - b->points) > 1e-9)
		return a->points > b->points ? -1 : 1;
	return strcasecmp(a->name, b->name);
}

static void scoreboard(struct meeting *m, const char *title)
{
	const struct party **v;
	struct strbuf sb = {0};
	size_t i, revealed = 0, w = 0, tw = 0, bar = 20;
	char **tails;

	for (i = 0; i < m->ex->n_parts; i++)
		if (m->ex->parts[i].scenario && m->st[i].revealed)
			revealed++;
	strbuf_addc(&sb, '\n');
	big_heading(m, &sb, title);
	if (!m->n_parties) {
		wide(m, &sb, "Answers came by show of hands: no names to score.",
		     "  ", "  ");
		out(m, &sb);
		strbuf_release(&sb);
		return;
	}
	v = xcalloc(m->n_parties, sizeof(*v));
	tails = xcalloc(m->n_parties, sizeof(*tails));
	for (i = 0; i < m->n_parties; i++)
		v[i] = &m->parties[i];
	sort_array(v, m->n_parties, sizeof(*v), cmp_party);
	for (i = 0; i < m->n_parties; i++) {
		size_t k = render_width(v[i]->name);
		char *pts = number_text(v[i]->points);
		if (k > w)
			w = k;
		tails[i] = v[i]->team ? xasprintf("  %s of %zu  (team of %zu)", pts,
						  revealed, v[i]->n_members)
				      : xasprintf("  %s of %zu", pts, revealed);
		if (strlen(tails[i]) > tw)
			tw = strlen(tails[i]);
		free(pts);
	}
	/* names whole: the bars shrink to fit, and below 6 cells each name
	 * goes on a line of its own */
	if (6 + w + 2 + bar + tw > m->width)
		bar = m->width > 6 + w + 2 + tw + 6 ? m->width - 6 - w - 2 - tw : 0;
	for (i = 0; i < m->n_parties; i++) {
		struct strbuf name = {0};
		double share = revealed ? 100.0 * v[i]->points / (double)revealed
					: 0;
		app_safe(&name, v[i]->name);
		strbuf_addf(&sb, "  %2zu. ", i + 1);
		if (bar) {
			render_pad(&sb, name.buf, w);
			strbuf_adds(&sb, "  ");
			render_bar(&sb, share, bar, m->app->unicode);
		} else {
			strbuf_adds(&sb, name.buf);
			strbuf_adds(&sb, "\n      ");
			render_bar(&sb, share,
				   m->width >= 6 + tw + 12   ? 12
				   : m->width >= 6 + tw + 4 ? m->width - 6 - tw
							     : 4,
				   m->app->unicode);
		}
		strbuf_adds(&sb, tails[i]);
		strbuf_addc(&sb, '\n');
		free(tails[i]);
		strbuf_release(&name);
	}
	free(tails);
	free(v);
	out(m, &sb);
	strbuf_release(&sb);
}

/* The scenarios the room did worst in, and the answer most chose there. */
static void most_missed(struct meeting *m)
{
	struct strbuf sb = {0};
	size_t i, j, shown = 0, n = 0, *order;
	double *avg;

	order = xcalloc(m->ex->n_parts ? m->ex->n_parts : 1, sizeof(*order));
	avg = xcalloc(m->ex->n_parts ? m->ex->n_parts : 1, sizeof(*avg));
	for (i = 0; i < m->ex->n_parts; i++) {
		const struct scenario *sc = m->ex->parts[i].scenario;
		const struct part_state *st = &m->st[i];
		double sum = 0;
		size_t total = 0;
		if (!sc || !st->revealed)
			continue;
		for (j = 0; j < sc->n_choices; j++) {
			sum += (double)st->counts[j] * sc->choices[j].credit;
			total += st->counts[j];
		}
		if (!total)
			continue;
		avg[i] = sum / (double)total;
		order[n++] = i;
	}
	/* worst first; a simple insertion sort of a handful of scenarios */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && avg[order[j]] < avg[order[j - 1]]; j--) {
			size_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	strbuf_addc(&sb, '\n');
	big_heading(m, &sb, "Most missed: talk these over");
	for (i = 0; i < n && shown < 3; i++) {
		const struct scenario *sc = m->ex->parts[order[i]].scenario;
		const struct part_state *st = &m->st[order[i]];
		size_t worst = SIZE_MAX, total = 0;
		struct strbuf line = {0};
		if (avg[order[i]] >= 99.5)
			break; /* the rest were answered well */
		for (j = 0; j < sc->n_choices; j++) {
			total += st->counts[j];
			if (sc->choices[j].credit < 100 && st->counts[j] &&
			    (worst == SIZE_MAX || st->counts[j] > st->counts[worst]))
				worst = j;
		}
		strbuf_addf(&line, "%zu. %s: the room averaged %d%%", shown + 1,
			    sc->title, score_percent(avg[order[i]]));
		if (worst != SIZE_MAX)
			strbuf_addf(&line, "; %zu of %zu chose %c) '%s'",
				    st->counts[worst], total, answer_letter(worst),
				    sc->choices[worst].text);
		/* no second full stop after a quoted sentence */
		if (!strchr(".!?", line.buf[line.len - (worst != SIZE_MAX ? 2 : 1)]))
			strbuf_adds(&line, ".");
		wide(m, &sb, line.buf, "  ", "     ");
		strbuf_release(&line);
		shown++;
	}
	if (!shown)
		wide(m, &sb, "Nothing: every scenario was answered well.", "  ",
		     "  ");
	out(m, &sb);
	strbuf_release(&sb);
	free(order);
	free(avg);
}

/* Finishes every member's attempt (sets aside those who answered
 * nothing) and the meeting. */
static void close_meeting(struct meeting *m)
{
	struct app *app = m->app;
	size_t i, j;
	char *err = NULL;

	for (i = 0; i < m->n_parties; i++) {
		for (j = 0; j < m->parties[i].n_members; j++) {
			struct member *mb = &m->parties[i].members[j];
			struct result res;
			size_t k;
			/* scored on what the room went through, not the whole
			 * exercise */
			for (k = 0; k < m->ex->n_parts; k++) {
				size_t idx = scenario_index(m, k);
				if (idx != SIZE_MAX && !m->st[k].shown)
					mb->run->items[idx].left_out = true;
			}
			run_result(mb->run, &res);
			if (res.answered == 0)
				store_abandon(app->store, mb->uuid,
					      app_holder(app), &err);
			else
				store_finish(app->store, mb->uuid,
					     app_holder(app), mb->run, &res,
					     app_now(), &err);
			result_release(&res);
			if (err) {
				app_error(app, "%s", err);
				free(err);
				err = NULL;
			}
		}
	}
	if (store_meeting_end(app->store, m->uuid, app_now(), &err) != 0) {
		app_error(app, "%s", err);
		free(err);
	}
}

static void who_is_in(struct meeting *m)
{
	struct strbuf sb = {0};
	size_t i, j;

	for (i = 0; i < m->n_parties; i++) {
		strbuf_adds(&sb, "  ");
		app_safe(&sb, m->parties[i].name);
		if (m->parties[i].team) {
			strbuf_adds(&sb, ": ");
			for (j = 0; j < m->parties[i].n_members; j++) {
				if (j)
					strbuf_adds(&sb, ", ");
				app_safe(&sb, m->parties[i].members[j].name);
			}
		}
		strbuf_addc(&sb, '\n');
	}
	if (!m->n_parties)
		wide(m, &sb, "Nobody by name: answers come by show of hands.", "  ",
		     "  ");
	out(m, &sb);
	strbuf_release(&sb);
}

/* The prompt, with the team-talk time left when a timer runs. */
static char *meeting_prompt(struct meeting *m)
{
	char timer[32] = "";

	if (m->timer_end > 0) {
		double left = m->timer_end - app_clock();
		if (left > 0)
			snprintf(timer, sizeof(timer), "[%d:%02d] ", (int)left / 60,
				 (int)left % 60);
		else
			snprintf(timer, sizeof(timer), "[time] ");
	}
	return xasprintf("%smeeting %zu/%zu> ", timer, m->part + 1,
			 m->ex->n_parts);
}

static char *tick(void *data)
{
	return meeting_prompt(data);
}

static void free_meeting(struct meeting *m)
{
	size_t i, j;

	for (i = 0; i < m->n_parties; i++) {
		for (j = 0; j < m->parties[i].n_members; j++) {
			free(m->parties[i].members[j].name);
			run_free(m->parties[i].members[j].run);
		}
		free(m->parties[i].members);
		free(m->parties[i].name);
	}
	free(m->parties);
	for (i = 0; i < m->ex->n_parts; i++) {
		free(m->st[i].counts);
		free(m->st[i].tally);
		free(m->st[i].heard);
	}
	free(m->st);
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
	bool (*run)(struct meeting *m, int argc, char **argv);
};

static bool mc_next(struct meeting *m, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (m->part + 1 < m->ex->n_parts) {
		m->part++;
		m->timer_end = 0;
		input_set_ticker(m->app->input, NULL, NULL);
		show_part(m);
	} else {
		say(m, "That was the last part; 'end' closes the meeting.\n");
	}
	return false;
}

static bool mc_back(struct meeting *m, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (m->part > 0) {
		m->part--;
		show_part(m);
	} else {
		say(m, "This is the first part.\n");
	}
	return false;
}

static bool mc_reveal(struct meeting *m, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (m->ex->parts[m->part].scenario)
		reveal_scenario(m);
	else
		reveal_poll(m);
	return false;
}

static bool mc_scores(struct meeting *m, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	scoreboard(m, "Scoreboard");
	return false;
}

static bool mc_cards(struct meeting *m, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	show_cards(m);
	return false;
}

static bool mc_show(struct meeting *m, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	show_part(m);
	return false;
}

static bool mc_who(struct meeting *m, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	who_is_in(m);
	return false;
}

static bool mc_timer(struct meeting *m, int argc, char **argv)
{
	struct app *app = m->app;
	char *end;
	long mins = strtol(argv[0], &end, 10);

	(void)argc;
	if (strcmp(argv[0], "off") == 0) {
		m->timer_end = 0;
		input_set_ticker(app->input, NULL, NULL);
		say(m, "No timer.\n");
	} else if (*end || mins < 1 || mins > 120) {
		app_error(app, "timer takes minutes (1 to 120) or 'off'");
	} else {
		m->timer_end = app_clock() + (double)mins * 60;
		input_set_ticker(app->input, tick, m);
		say(m,
		    "Team talk: %ld minute%s. The time shows in the "
			"prompt; speed earns nothing.\n",
			mins, mins == 1 ? "" : "s");
	}
	return false;
}

static bool mc_tally(struct meeting *m, int argc, char **argv)
{
	tally(m, argc, argv);
	return false;
}

static bool mc_end(struct meeting *m, int argc, char **argv)
{
	(void)m;
	(void)argc;
	(void)argv;
	return true;
}

static bool mc_help(struct meeting *m, int argc, char **argv);

static const struct meeting_cmd meeting_cmds[] = {
	{"reveal", 0, 0, "",
	 "how the room answered, the best answer and why", mc_reveal},
	{"tally", 1, -1, "LETTER=COUNT...",
	 "a show of hands ('tally a=3 b=5'; for a poll: 4=3 5=2)", mc_tally},
	{"cards", 0, 0, "", "the role-play cards of this scenario", mc_cards},
	{"timer", 1, 1, "MINUTES|off", "time for team talk, or none",
	 mc_timer},
	{"scores", 0, 0, "", "the scoreboard so far", mc_scores},
	{"next", 0, 0, "", "the next part", mc_next},
	{"back", 0, 0, "", "the part before", mc_back},
	{"show", 0, 0, "", "this part again", mc_show},
	{"who", 0, 0, "", "who is taking part", mc_who},
	{"help", 0, 1, "[COMMAND]", "these commands, or one explained",
	 mc_help},
	{"end", 0, 0, "", "the final scoreboard and what was missed most",
	 mc_end},
	{NULL, 0, 0, NULL, NULL, NULL},
};

/* What a line typed without a command word does, for help. */
static const struct {
	const char *head, *summary;
} answer_forms[] = {
	{"NAME LETTER", "a participant's or team's answer ('ana b')"},
	{"NAME NUMBER", "an answer to a poll ('ana 4'; never shown by name)"},
};

static bool mc_help(struct meeting *m, int argc, char **argv)
{
	struct app room = *m->app;
	struct strbuf sb = {0};
	const struct meeting_cmd *c;
	size_t i;

	room.width = m->width;
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
		app_error(m->app, "no meeting command '%s'; 'help' lists them",
			  safe);
		free(safe);
	}
	out(m, &sb);
	strbuf_release(&sb);
	return false;
}


/* Runs the meeting command line names (its words w[0..n-1]), or takes the
 * line as an answer. A line that starts with a command's name but has the
 * wrong number of words is that command used wrongly, unless someone
 * taking part has that name. True when the meeting is over. */
static bool meeting_command(struct meeting *m, char *line, char **w, int n)
{
	const struct meeting_cmd *c;

	for (c = meeting_cmds; c->name; c++)
		if (strcmp(w[0], c->name) == 0)
			break;
	if (c->name && n - 1 >= c->min_args &&
	    (c->max_args < 0 || n - 1 <= c->max_args))
		return c->run(m, n - 1, w + 1);
	if (c->name && !find_party(m, w[0])) {
		app_error(m->app, "usage: %s%s%s", c->name,
			  *c->usage ? " " : "", c->usage);
		return false;
	}
	answer_line(m, line);
	return false;
}

static int cmd_meeting(struct app *app, const struct cmd_args *args)
{
	const struct exercise *ex =
		course_find_kind(app->course, args->argv[0], ITEM_EXERCISE);
	struct meeting m = {0};
	char *err = NULL;
	size_t i;
	bool over = false;
	int status = EXIT_OK;

	if (!ex) {
		app_error(app, "no exercise '%s'; 'exercises' lists them",
			  args->argv[0]);
		return EXIT_FAILED;
	}
	m.app = app;
	m.ex = ex;
	m.width = app_room_width(app); /* the room sees the whole terminal */
	m.st = xcalloc(ex->n_parts ? ex->n_parts : 1, sizeof(*m.st));
	{
		struct strbuf sb = {0};
		big_heading(&m, &sb, ex->title);
		if (ex->intro)
			wide(&m, &sb, ex->intro, "", "");
		fputs(sb.buf ? sb.buf : "", app->out);
		strbuf_release(&sb);
	}
	if (!read_participants(&m)) {
		free_meeting(&m);
		say(&m, "\nThe meeting did not start.\n");
		return input_problem(app->input) ? EXIT_FAILED : EXIT_OK;
	}
	for (i = 0; i < ex->n_parts; i++) {
		size_t n = ex->parts[i].scenario ? ex->parts[i].scenario->n_choices
						 : ex->scale.n_points;
		m.st[i].n_counts = n;
		m.st[i].counts = xcalloc(n ? n : 1, sizeof(size_t));
		m.st[i].tally = xcalloc(n ? n : 1, sizeof(size_t));
		m.st[i].heard = xcalloc(m.n_parties ? m.n_parties : 1, sizeof(bool));
	}
	if (store_meeting_begin(app->store, app->course->item.id, ex->item.id,
				app->user, app_now(), m.uuid, &err) != 0) {
		app_error(app, "the meeting could not be saved: %s", err);
		free(err);
		free_meeting(&m);
		return EXIT_FAILED;
	}
	if (!start_attempts(&m)) {
		free_meeting(&m);
		return EXIT_FAILED;
	}
	say(&m, "\n%zu taking part. Type 'help' for the meeting "
			  "commands.\n",
		m.n_parties);
	show_part(&m);
	while (!over) {
		char *line = NULL, *prompt = meeting_prompt(&m), *w[64];
		enum input_status st;
		int n;
		fflush(app->out);
		st = input_read(app->input, prompt, false, &line);
		free(prompt);
		if (st != INPUT_LINE) {
			/* Ctrl-C, Ctrl-D or the end of a script ends the meeting;
			 * every answer is saved already */
			if (st == INPUT_BAD) {
				app_error(app, "%s; the meeting ends here",
					  input_problem(app->input));
				status = EXIT_FAILED;
			}
			break;
		}
		{
			char *copy = xstrdup(line);
			n = words_of(copy, w, 64);
			if (n == 0) {
				free(copy);
				free(line);
				continue;
			}
			over = meeting_command(&m, line, w, n);
			free(copy);
		}
		free(line);
	}
	input_set_ticker(app->input, NULL, NULL);
	scoreboard(&m, "Final scoreboard");
	most_missed(&m);
	close_meeting(&m);
	say(&m, "\nEveryone's answers are kept under their own name.\n");
	free_meeting(&m);
	return status;
}

const struct cmd_entry cmd_meeting_entry = {
	.name = "meeting",
	.min_args = 1,
	.max_args = 1,
	.usage = "EXERCISE",
	.summary = "run a sales meeting: scenarios, everyone's answers, "
	    "reveal, scores",
	.flags = CMD_COURSE | CMD_STORE,
	.complete = COMPLETE_EXERCISE,
	.run = cmd_meeting,
};
