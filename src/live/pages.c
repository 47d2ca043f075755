/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pages.c - what a phone sees in a live meeting: plain HTML and forms that
 * work with JavaScript off (a page with nothing to fill in reloads itself
 * every few seconds), and with it on, a few lines that listen to the
 * server's event stream and move on when the facilitator does. Every
 * text from the course or a person is escaped here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/answer.h"
#include "../core/render.h"
#include "../core/score.h"
#include "../core/text.h"
#include "live_int.h"

#define SCORES_SHOWN 5 /* the top of the scoreboard on a phone */

void live_html_escape(struct strbuf *sb, const char *text)
{
	/* what no screen should get raw, a phone's neither: controls, bidi
	 * formatting and bad UTF-8 become U+FFFD first */
	char *safe = text_sanitize(text ? text : "", 0);
	const char *p;

	for (p = safe; *p; p++) {
		switch (*p) {
		case '&':
			strbuf_adds(sb, "&amp;");
			break;
		case '<':
			strbuf_adds(sb, "&lt;");
			break;
		case '>':
			strbuf_adds(sb, "&gt;");
			break;
		case '"':
			strbuf_adds(sb, "&quot;");
			break;
		case '\'':
			strbuf_adds(sb, "&#39;");
			break;
		default:
			strbuf_addc(sb, *p);
		}
	}
	free(safe);
}

static void esc(struct strbuf *sb, const char *text)
{
	live_html_escape(sb, text);
}

/* A phone's screen: big type, one column, options as wide buttons. */
static const char style[] =
	"body{font:18px/1.45 system-ui,sans-serif;margin:0 auto;"
	"max-width:36rem;padding:1rem;color:#111;background:#fff}"
	"h1{font-size:1.45rem;margin:.2rem 0 .8rem}"
	"h2{font-size:1.1rem;margin:1.2rem 0 .4rem}"
	".dim{color:#555;font-size:.9rem}"
	".note{background:#eef6ee;border-left:4px solid #2a7d2a;"
	"padding:.5rem .7rem;margin:.8rem 0}"
	".warn{background:#fdeeee;border-left:4px solid #b02a2a;"
	"padding:.5rem .7rem;margin:.8rem 0}"
	"label.opt{display:block;border:2px solid #bbb;border-radius:.5rem;"
	"padding:.6rem .7rem;margin:.5rem 0}"
	"label.opt input{margin-right:.5rem;transform:scale(1.3)}"
	"button,input[type=text],select{font:inherit;width:100%;"
	"box-sizing:border-box;padding:.7rem;margin:.4rem 0;"
	"border-radius:.5rem;border:2px solid #888}"
	"button{background:#1d4f91;color:#fff;border-color:#1d4f91}"
	".best{border-left:4px solid #2a7d2a;padding-left:.6rem}"
	".opt-why{margin:.6rem 0}"
	"ol.board{padding-left:1.6rem}ol.board li.me{font-weight:bold}"
	"progress{width:60%;vertical-align:middle}"
	".card{border:2px dashed #1d4f91;padding:.6rem .8rem;"
	"border-radius:.5rem;margin:1rem 0}";

/* Listens for the meeting to move on, and reloads when it has. */
static const char script[] = "(function(){if(!window.EventSource)return;"
			     "var v=document.body.getAttribute('data-v');"
			     "var e=new EventSource('/p/events');"
			     "e.onmessage=function(m){if(m.data!==v){e.close();"
			     "location.reload();}};})();";

/* The document's start; refresh: the page reloads itself without
 * JavaScript (it has nothing to fill in). */
static void head(struct strbuf *sb, const struct live_page *pg,
		 const char *title, bool refresh)
{
	strbuf_adds(sb, "<!doctype html>\n<html lang=\"en\"><head>"
			"<meta charset=\"utf-8\">"
			"<meta name=\"viewport\" content=\"width=device-width,"
			" initial-scale=1\"><title>");
	esc(sb, title);
	strbuf_addf(sb, "</title><style nonce=\"%s\">%s</style>", pg->nonce,
		    style);
	if (refresh)
		strbuf_adds(sb, "<noscript><meta http-equiv=\"refresh\" "
				"content=\"4\"></noscript>");
	strbuf_addf(sb, "</head><body data-v=\"%u\">\n", pg->version);
	if (pg->message) {
		strbuf_adds(sb, "<p class=\"warn\" role=\"alert\">");
		esc(sb, pg->message);
		strbuf_adds(sb, "</p>\n");
	}
}

/* The document's end; listen: with the script that moves on. */
static void tail(struct strbuf *sb, const struct live_page *pg, bool listen)
{
	if (listen)
		strbuf_addf(sb, "<script nonce=\"%s\">%s</script>\n", pg->nonce,
			    script);
	strbuf_adds(sb, "</body></html>\n");
}

void live_page_error(struct strbuf *sb, const struct live_page *pg)
{
	struct live_page quiet = *pg;

	quiet.message = NULL;
	head(sb, &quiet, pg->title, false);
	strbuf_adds(sb, "<h1>");
	esc(sb, pg->title);
	strbuf_adds(sb, "</h1>\n<p>");
	esc(sb, pg->message);
	strbuf_adds(sb, "</p>\n");
	tail(sb, pg, false);
}

void live_page_code(struct strbuf *sb, const struct live_page *pg)
{
	head(sb, pg, "Join the meeting", false);
	strbuf_adds(sb, "<h1>Join the meeting</h1>\n"
			"<form method=\"post\" action=\"/\">"
			"<label for=\"code\">The code on the screen</label>"
			"<input type=\"text\" id=\"code\" name=\"code\" "
			"autocomplete=\"off\" autocapitalize=\"characters\" "
			"maxlength=\"12\" required>"
			"<button type=\"submit\">Go on</button></form>\n");
	tail(sb, pg, false);
}

void live_page_join(struct strbuf *sb, const struct live_page *pg)
{
	const struct meeting *m = pg->m;
	size_t i, teams = 0;

	head(sb, pg, "Join the meeting", false);
	strbuf_adds(sb, "<h1>");
	esc(sb, m->ex->title);
	strbuf_addf(sb, "</h1>\n<form method=\"post\" action=\"/j/%s\">",
		    pg->token);
	strbuf_adds(sb, "<label for=\"name\">Your name</label>"
			"<input type=\"text\" id=\"name\" name=\"name\" "
			"maxlength=\"40\" autocomplete=\"given-name\" "
			"required>");
	for (i = 0; i < m->n_parties; i++)
		if (m->parties[i].team)
			teams++;
	if (teams) {
		strbuf_adds(sb, "<label for=\"team\">Your team</label>"
				"<select id=\"team\" name=\"team\">"
				"<option value=\"\">No team: on my own"
				"</option>");
		for (i = 0; i < m->n_parties; i++)
			if (m->parties[i].team) {
				strbuf_addf(sb, "<option value=\"%zu\">", i);
				esc(sb, m->parties[i].name);
				strbuf_adds(sb, "</option>");
			}
		strbuf_adds(sb, "</select>");
	}
	strbuf_adds(sb, "<button type=\"submit\">Join</button></form>\n"
			"<p class=\"dim\">Your answers are kept under this "
			"name by the person running the meeting. Poll "
			"answers are counted, never kept by name.</p>\n");
	tail(sb, pg, false);
}

/* "You: ana" or "You answer for team Blue: sam, eve". */
static void who_line(struct strbuf *sb, const struct meeting *m,
		     const struct live_person *who)
{
	const struct meeting_party *pa = &m->parties[who->party];
	size_t j;

	strbuf_adds(sb, "<p class=\"dim\">");
	if (pa->team) {
		strbuf_adds(sb, "You answer for team ");
		esc(sb, pa->name);
		strbuf_adds(sb, ": ");
		for (j = 0; j < pa->n_members; j++) {
			if (j)
				strbuf_adds(sb, ", ");
			esc(sb, pa->members[j].name);
		}
	} else {
		strbuf_adds(sb, "You: ");
		esc(sb, pa->name);
	}
	strbuf_adds(sb, "</p>\n");
}

static void scoreboard(struct strbuf *sb, const struct meeting *m,
		       const struct live_person *who, const char *title)
{
	size_t n, i, revealed = meeting_revealed(m);
	const struct meeting_party **v = meeting_ranking(m, &n);
	const struct meeting_party *me = &m->parties[who->party];

	strbuf_adds(sb, "<h2>");
	esc(sb, title);
	strbuf_adds(sb, "</h2>\n<ol class=\"board\">");
	for (i = 0; i < n; i++) {
		char *pts;
		if (i >= SCORES_SHOWN && v[i] != me)
			continue;
		pts = render_number(v[i]->points);
		strbuf_addf(sb, "<li value=\"%zu\"%s>", i + 1,
			    v[i] == me ? " class=\"me\"" : "");
		esc(sb, v[i]->name);
		strbuf_addf(sb, ": %s of %zu</li>", pts, revealed);
		free(pts);
	}
	strbuf_adds(sb, "</ol>\n");
	free(v);
}

/* The card this phone's person plays, theirs alone; for everyone else,
 * who plays whom. */
static void role_cards(struct strbuf *sb, const struct live_page *pg,
		       const struct scenario *sc)
{
	const struct meeting *m = pg->m;
	const struct meeting_part *st = &m->parts[m->part];
	const char *me =
		m->parties[pg->who->party].members[pg->who->member].name;
	size_t mine = meeting_card_of(m, me), i, cast = 0;

	if (!sc->n_cards)
		return;
	if (mine != SIZE_MAX) {
		const struct role_card *c = &sc->cards[mine];
		strbuf_adds(sb, "<div class=\"card\"><h2>Your card</h2>"
				"<p><strong>You play:</strong> ");
		esc(sb, c->role);
		strbuf_adds(sb, "</p><p><strong>You know:</strong> ");
		esc(sb, c->knows);
		strbuf_adds(sb, "</p>");
		if (c->goal) {
			strbuf_adds(sb, "<p><strong>You want:</strong> ");
			esc(sb, c->goal);
			strbuf_adds(sb, "</p>");
		}
		strbuf_adds(sb,
			    st->revealed
				    ? "<p class=\"dim\">The answers are out: "
				      "you may tell the room what your card "
				      "said.</p></div>\n"
				    : "<p class=\"dim\">Only your phone shows "
				      "this card. Keep it to yourself until "
				      "the reveal.</p></div>\n");
	}
	for (i = 0; i < sc->n_cards; i++)
		if (st->players[i] && i != mine)
			cast++;
	if (!cast)
		return;
	strbuf_adds(sb, "<p class=\"dim\">Role play: ");
	for (i = 0; i < sc->n_cards; i++) {
		if (!st->players[i] || i == mine)
			continue;
		esc(sb, st->players[i]);
		strbuf_adds(sb, " plays ");
		esc(sb, sc->cards[i].role);
		strbuf_adds(sb, --cast ? "; " : ".");
	}
	strbuf_adds(sb, "</p>\n");
}

static void scenario_open(struct strbuf *sb, const struct live_page *pg,
			  const struct scenario *sc)
{
	const struct meeting *m = pg->m;
	const struct meeting_party *pa = &m->parties[pg->who->party];
	size_t i, chose = meeting_choice_of(pa,
					    meeting_scenario_index(m, m->part));

	for (i = 0; i < sc->n_situation; i++) {
		strbuf_adds(sb, "<p>");
		esc(sb, sc->situation[i]);
		strbuf_adds(sb, "</p>\n");
	}
	role_cards(sb, pg, sc); /* after the story, before the vote */
	if (meeting_step(m) && meeting_step(m)->pairs && chose == SIZE_MAX)
		strbuf_addf(sb,
			    "<p class=\"note\">Talk it over in pairs for %u "
			    "minute%s, then answer.</p>\n",
			    meeting_step(m)->pairs,
			    meeting_step(m)->pairs == 1 ? "" : "s");
	if (chose != SIZE_MAX)
		strbuf_addf(sb,
			    "<p class=\"note\" role=\"status\">Received: %c. "
			    "You may change it until the reveal.</p>\n",
			    answer_letter(chose));
	strbuf_addf(sb,
		    "<form method=\"post\" action=\"/p/answer\">"
		    "<input type=\"hidden\" name=\"part\" value=\"%zu\">"
		    "<fieldset><legend><strong>",
		    m->part);
	esc(sb, sc->question);
	strbuf_adds(sb, "</strong></legend>\n");
	for (i = 0; i < sc->n_choices; i++) {
		strbuf_addf(sb,
			    "<label class=\"opt\"><input type=\"radio\" "
			    "name=\"pick\" value=\"%c\" required%s>%c) ",
			    answer_letter(i), i == chose ? " checked" : "",
			    answer_letter(i));
		esc(sb, sc->choices[i].text);
		strbuf_adds(sb, "</label>\n");
	}
	strbuf_addf(sb,
		    "</fieldset><button type=\"submit\">%s</button>"
		    "</form>\n",
		    chose != SIZE_MAX ? "Change my answer" : "Send my answer");
}

static void scenario_revealed(struct strbuf *sb, const struct live_page *pg,
			      const struct scenario *sc)
{
	const struct meeting *m = pg->m;
	const struct meeting_party *pa = &m->parties[pg->who->party];
	size_t idx = meeting_scenario_index(m, m->part), i;
	size_t chose = meeting_choice_of(pa, idx);

	if (chose != SIZE_MAX) {
		char *pts = render_number(sc->choices[chose].credit);
		strbuf_addf(sb,
			    "<p class=\"note\">You chose %c: %s of 100.</p>\n",
			    answer_letter(chose), pts);
		free(pts);
	} else {
		strbuf_adds(sb, "<p class=\"note\">No answer from you "
				"this time.</p>\n");
	}
	strbuf_adds(sb, "<h2>Why</h2>\n");
	for (i = 0; i < sc->n_choices; i++) {
		const struct choice *c = &sc->choices[i];
		char *pts = render_number(c->credit);
		strbuf_addf(sb, "<div class=\"opt-why%s\"><strong>%c) ",
			    c->credit >= 100 ? " best" : "", answer_letter(i));
		esc(sb, c->text);
		strbuf_addf(sb, "</strong><br>%s%s of 100. ",
			    c->credit >= 100 ? "The best answer: " : "", pts);
		esc(sb, c->feedback);
		strbuf_adds(sb, "</div>\n");
		free(pts);
	}
	if (sc->debrief) {
		strbuf_adds(sb, "<p><strong>The point:</strong> ");
		esc(sb, sc->debrief);
		strbuf_adds(sb, "</p>\n");
	}
	{
		/* the format's prompt, or the scenario's, extras kept back */
		const struct sheet_step *step = meeting_step(m);
		const char *const *prompts =
			step && step->prompt ? &step->prompt : sc->discuss;
		size_t n =
			step && step->prompt ? 1 : sc->n_discuss - sc->n_extra;
		if (n)
			strbuf_adds(sb, "<h2>Talk it over</h2>\n<ul>");
		for (i = 0; i < n; i++) {
			strbuf_adds(sb, "<li>");
			esc(sb, prompts[i]);
			strbuf_adds(sb, "</li>");
		}
		if (n)
			strbuf_adds(sb, "</ul>\n");
	}
	role_cards(sb, pg, sc);
	scoreboard(sb, m, pg->who, "Scores so far");
}

static void poll_open(struct strbuf *sb, const struct live_page *pg,
		      const struct poll *poll)
{
	const struct meeting *m = pg->m;
	const struct scale *s = &m->ex->scale;
	size_t i;

	if (m->parties[pg->who->party]
		    .members[pg->who->member]
		    .voted[m->part]) {
		strbuf_adds(sb, "<p class=\"note\" role=\"status\">Your vote "
				"is counted. Only the count is kept: nobody, "
				"not even the facilitator, can see what you "
				"chose.</p>\n");
		return;
	}
	strbuf_addf(sb,
		    "<form method=\"post\" action=\"/p/answer\">"
		    "<input type=\"hidden\" name=\"part\" value=\"%zu\">"
		    "<fieldset><legend><strong>",
		    m->part);
	esc(sb, poll->text);
	strbuf_adds(sb, "</strong></legend>\n");
	for (i = 0; i < s->n_points; i++) {
		strbuf_addf(sb,
			    "<label class=\"opt\"><input type=\"radio\" "
			    "name=\"pick\" value=\"%d\" required>%d ",
			    s->points[i].value, s->points[i].value);
		esc(sb, s->points[i].label);
		strbuf_adds(sb, "</label>\n");
	}
	strbuf_adds(sb, "</fieldset><button type=\"submit\">Vote</button>"
			"</form>\n<p class=\"dim\">Anonymous: the vote is "
			"counted and nothing else is kept.</p>\n");
}

static void poll_revealed(struct strbuf *sb, const struct live_page *pg)
{
	const struct meeting *m = pg->m;
	const struct scale *s = &m->ex->scale;
	const struct meeting_part *st = &m->parts[m->part];
	size_t i, total = 0;
	double sum = 0;
	int lo, hi;

	for (i = 0; i < s->n_points; i++) {
		total += st->counts[i] + st->tally[i];
		sum += (double)(st->counts[i] + st->tally[i]) *
		       s->points[i].value;
	}
	scale_range(s, &lo, &hi);
	strbuf_adds(sb, "<h2>How the room sees it</h2>\n");
	for (i = 0; i < s->n_points; i++) {
		size_t n = st->counts[i] + st->tally[i];
		strbuf_addf(sb, "<p>%d ", s->points[i].value);
		esc(sb, s->points[i].label);
		strbuf_addf(sb,
			    "<br><progress max=\"%zu\" value=\"%zu\">"
			    "</progress> %zu</p>\n",
			    total ? total : 1, n, n);
	}
	if (total)
		strbuf_addf(sb, "<p>%zu answer%s, on average %.1f of %d.</p>\n",
			    total, total == 1 ? "" : "s", sum / (double)total,
			    hi);
}

void live_page_meeting(struct strbuf *sb, const struct live_page *pg)
{
	const struct meeting *m = pg->m;
	const struct exercise_part *p;
	bool open;

	if (pg->ended) {
		head(sb, pg, "The meeting is over", false);
		strbuf_adds(sb, "<h1>Thank you</h1>\n");
		who_line(sb, m, pg->who);
		if (m->started)
			scoreboard(sb, m, pg->who, "Final scores");
		strbuf_adds(sb, "<p>The meeting is over. Your answers are "
				"kept under your name.</p>\n");
		tail(sb, pg, false);
		return;
	}
	if (!m->started) {
		head(sb, pg, "Waiting", true);
		strbuf_adds(sb, "<h1>You are in</h1>\n");
		who_line(sb, m, pg->who);
		strbuf_adds(sb, "<p>The first question comes up here when "
				"the facilitator starts.</p>\n");
		tail(sb, pg, true);
		return;
	}
	p = &m->ex->parts[m->part];
	open = !m->parts[m->part].revealed;
	/* a form to fill in does not reload under the person's thumb */
	head(sb, pg, p->scenario ? p->scenario->title : "A quick poll",
	     !open || (p->poll && m->parties[pg->who->party]
					  .members[pg->who->member]
					  .voted[m->part]));
	strbuf_addf(sb, "<p class=\"dim\">%zu of %zu</p>\n<h1>", m->pos + 1,
		    m->n_order);
	esc(sb, p->scenario ? p->scenario->title : "A quick poll");
	strbuf_adds(sb, "</h1>\n");
	who_line(sb, m, pg->who);
	if (p->scenario && open)
		scenario_open(sb, pg, p->scenario);
	else if (p->scenario)
		scenario_revealed(sb, pg, p->scenario);
	else if (open)
		poll_open(sb, pg, p->poll);
	else
		poll_revealed(sb, pg);
	strbuf_adds(sb, "<p><a href=\"/p\">Check for the next step</a></p>\n");
	tail(sb, pg, true);
}
