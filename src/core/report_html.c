/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report_html.c - the team report as a self-contained HTML page with inline
 * SVG charts, built as a libxml2 tree in the session content.c owns. */
#include "report_html.h"

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include <time.h>

#include "score.h"
#include "text.h"
#include "util.h"

/* Colours that stay apart for colour-blind readers (Okabe and Ito),
 * without the yellow that vanishes on white paper. */
static const char *const person_colours[] = {
	"#0072B2", "#D55E00", "#009E73", "#CC79A7",
	"#E69F00", "#56B4E9", "#000000", "#8C8C8C",
};
#define N_COLOURS   RP_ARRAY_LEN(person_colours)
#define SELF_COLOUR "#E69F00"
#define KNOW_COLOUR "#0072B2"
#define TEAM_COLOUR "#3A3A3A"

static const char style_sheet[] =
	"*{box-sizing:border-box}"
	"body{margin:0 auto;max-width:60rem;padding:1.5rem;"
	"font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
	"color:#1d1d1f;background:#fff}"
	"h1{font-size:1.7rem;margin:0 0 .2rem}"
	"h2{font-size:1.2rem;margin:2rem 0 .4rem;padding-bottom:.2rem;"
	"border-bottom:2px solid #e3e3e3}"
	"h3{font-size:1rem;margin:.6rem 0 .2rem}"
	".sub,.note{color:#555;margin:.2rem 0 .8rem}"
	".note{font-size:.9rem}"
	".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,"
	"1fr));"
	"gap:.6rem;margin:1rem 0}"
	".card{border:1px solid #ddd;border-radius:6px;padding:.6rem .8rem}"
	".card b{display:block;font-size:1.5rem}"
	".card span{color:#555;font-size:.85rem}"
	".grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,"
	"1fr));"
	"gap:.4rem 1.4rem}"
	"figure{margin:0;break-inside:avoid}"
	"svg{max-width:100%;height:auto;display:block}"
	"svg text{font-family:inherit}"
	".legend{display:flex;flex-wrap:wrap;gap:.3rem 1rem;font-size:.85rem;"
	"margin:.4rem 0;padding:0;list-style:none}"
	".legend i{display:inline-block;width:.9rem;height:.9rem;"
	"border-radius:2px;margin-right:.3rem;vertical-align:-2px}"
	"table{border-collapse:collapse;width:100%;font-size:.92rem}"
	"th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid "
	"#e6e6e6;"
	"vertical-align:top}"
	"th{font-weight:600;border-bottom:2px solid #ccc}"
	"td.n{text-align:right;white-space:nowrap}"
	".empty{color:#666;font-style:italic}"
	"footer{margin-top:2.5rem;color:#777;font-size:.8rem}"
	"@media print{body{max-width:none;padding:0;font-size:10.5pt}"
	".cards{grid-template-columns:repeat(5,minmax(0,1fr))}"
	"h2,h3,.note{break-after:avoid}figure,svg,tr,.card{break-inside:avoid}"
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}"
	"@page{margin:14mm}";

/* ---- building the tree ---- */

static xmlNodePtr el(xmlNodePtr parent, const char *name)
{
	return xmlNewChild(parent, NULL, BAD_CAST name, NULL);
}

/* Text for the page: controls, direction marks and bytes that are not
 * UTF-8 shown as U+FFFD, as on a terminal (escaping does not disarm them:
 * a browser honours a direction override even as a character reference).
 * NULL for NULL; caller frees. */
static char *page_text(const char *text)
{
	return text ? text_sanitize(text, 0) : NULL;
}

/* An element holding text, escaped by libxml2 when written. */
static xmlNodePtr el_text(xmlNodePtr parent, const char *name, const char *text)
{
	char *safe = page_text(text);
	xmlNodePtr n =
		xmlNewTextChild(parent, NULL, BAD_CAST name, BAD_CAST safe);

	free(safe);
	return n;
}

static void attr(xmlNodePtr n, const char *name, const char *value)
{
	char *safe = page_text(value);

	xmlNewProp(n, BAD_CAST name, BAD_CAST safe);
	free(safe);
}

static void attrf(xmlNodePtr n, const char *name, const char *fmt, ...)
	RP_PRINTF(3, 4);
static void attrf(xmlNodePtr n, const char *name, const char *fmt, ...)
{
	va_list ap;
	char *v;

	va_start(ap, fmt);
	v = xvasprintf(fmt, ap);
	va_end(ap);
	attr(n, name, v);
	free(v);
}

static void add_text(xmlNodePtr n, const char *text)
{
	char *safe = page_text(text);

	xmlAddChild(n, xmlNewText(BAD_CAST safe));
	free(safe);
}

static void add_textf(xmlNodePtr n, const char *fmt, ...) RP_PRINTF(2, 3);
static void add_textf(xmlNodePtr n, const char *fmt, ...)
{
	va_list ap;
	char *v;

	va_start(ap, fmt);
	v = xvasprintf(fmt, ap);
	va_end(ap);
	add_text(n, v);
	free(v);
}

/* An SVG drawing w by h units, scaled to the page, labelled for screen
 * readers. */
static xmlNodePtr svg(xmlNodePtr parent, double w, double h, const char *label)
{
	xmlNodePtr s = el(parent, "svg");

	attr(s, "xmlns", "http://www.w3.org/2000/svg");
	attrf(s, "viewBox", "0 0 %g %g", w, h);
	/* drawn at its own size, shrunk to fit a narrow page */
	attrf(s, "width", "%g", w);
	attrf(s, "height", "%g", h);
	attr(s, "role", "img");
	attr(s, "aria-label", label);
	el_text(s, "title", label);
	return s;
}

static xmlNodePtr rect(xmlNodePtr s, double x, double y, double w, double h,
		       const char *fill)
{
	xmlNodePtr r = el(s, "rect");

	attrf(r, "x", "%.1f", x);
	attrf(r, "y", "%.1f", y);
	attrf(r, "width", "%.1f", w < 0 ? 0 : w);
	attrf(r, "height", "%.1f", h);
	attr(r, "fill", fill);
	return r;
}

/* anchor: "start", "middle" or "end". */
static xmlNodePtr text_at(xmlNodePtr s, double x, double y, const char *anchor,
			  const char *text)
{
	xmlNodePtr t = el_text(s, "text", text);

	attrf(t, "x", "%.1f", x);
	attrf(t, "y", "%.1f", y);
	if (strcmp(anchor, "start") != 0)
		attr(t, "text-anchor", anchor);
	return t;
}

static void line(xmlNodePtr s, double x1, double y1, double x2, double y2,
		 const char *stroke)
{
	xmlNodePtr l = el(s, "line");

	attrf(l, "x1", "%.1f", x1);
	attrf(l, "y1", "%.1f", y1);
	attrf(l, "x2", "%.1f", x2);
	attrf(l, "y2", "%.1f", y2);
	attr(l, "stroke", stroke);
}

/* A label cut to fit max characters, with an ellipsis. Caller frees. */
static char *cut(const char *s, size_t max)
{
	size_t n = 0, chars = 0;

	while (s[n]) {
		if (((unsigned char)s[n] & 0xC0) != 0x80 && ++chars > max)
			return xasprintf("%.*s…", (int)n, s);
		n++;
	}
	return xstrdup(s);
}

static void percent_text(char out[16], const struct figure *f)
{
	if (f->has)
		snprintf(out, 16, "%d%%", score_percent(f->value));
	else
		snprintf(out, 16, "–");
}

static const char *colour_of(size_t i)
{
	return person_colours[i % N_COLOURS];
}

/* "3 Nov 2026" in local time, for a time in milliseconds. */
static void day_text(int64_t ms, char out[32])
{
	time_t tt = (time_t)ms_to_seconds(ms);
	struct tm tm;
	char month[8];

	localtime_r(&tt, &tm);
	strftime(month, sizeof(month), "%b", &tm);
	snprintf(out, 32, "%d %s %d", tm.tm_mday, month, tm.tm_year + 1900);
}

/* ---- the sections ---- */

static void summary(xmlNodePtr body, const struct report *r)
{
	xmlNodePtr cards = el(body, "div"), c;
	char v[16];
	size_t finished = 0, i;

	attr(cards, "class", "cards");
	for (i = 0; i < r->n_people; i++)
		finished += r->people[i].finished;
#define CARD(value, what)                                                      \
	do {                                                                   \
		c = el(cards, "div");                                          \
		attr(c, "class", "card");                                      \
		el_text(c, "b", value);                                        \
		el_text(c, "span", what);                                      \
	} while (0)
	snprintf(v, sizeof(v), "%zu", r->n_people);
	CARD(v, r->n_people == 1 ? "person" : "people");
	snprintf(v, sizeof(v), "%zu", finished);
	CARD(v, "finished attempts");
	snprintf(v, sizeof(v), "%zu", r->answers);
	CARD(v, "answers");
	percent_text(v, &r->team_knowledge_all);
	CARD(v, "team knowledge");
	percent_text(v, &r->team_self_all);
	CARD(v, "team self-assessment");
#undef CARD
}

static void empty(xmlNodePtr parent, const char *text)
{
	attr(el_text(parent, "p", text), "class", "empty");
}

/* One horizontal bar with its label and value, on a 0..100 scale. */
static void bar_row(xmlNodePtr s, double y, const char *label,
		    const struct figure *f, const char *fill, bool bold)
{
	char v[16], *short_label = cut(label, 18);
	xmlNodePtr t;

	t = text_at(s, 0, y + 12, "start", short_label);
	if (bold)
		attr(t, "font-weight", "600");
	attr(t, "font-size", "12");
	rect(s, 130, y + 2, 180, 13, "#f0f0f0");
	if (f->has)
		rect(s, 130, y + 2, 1.8 * f->value, 13, fill);
	percent_text(v, f);
	t = text_at(s, 316, y + 13, "start", v);
	attr(t, "font-size", "12");
	free(short_label);
}

static void knowledge_section(xmlNodePtr body, const struct report *r)
{
	xmlNodePtr sec = el(body, "section"), grid;
	size_t c, i;

	attr(sec, "id", "knowledge");
	el_text(sec, "h2", "Knowledge by competency");
	attr(el_text(sec, "p",
		     "Points earned in each person's latest "
		     "finished attempt of every quiz and exercise. "
		     "The team bar is the mean of the people shown."),
	     "class", "note");
	if (!r->team_knowledge_all.has) {
		empty(sec, "No finished quizzes or exercises yet.");
		return;
	}
	grid = el(sec, "div");
	attr(grid, "class", "grid");
	for (c = 0; c < r->n_comps; c++) {
		const struct competency *comp = r->course->competencies.v[c];
		xmlNodePtr fig = el(grid, "figure"), s;
		char *label = xasprintf("Knowledge of %s: team and each person",
					comp->name);
		double h = 20.0 * (double)(r->n_people + 1) + 4;
		el_text(fig, "h3", comp->name);
		s = svg(fig, 350, h, label);
		free(label);
		bar_row(s, 0, "Team", &r->team_knowledge[c], TEAM_COLOUR, true);
		for (i = 0; i < r->n_people; i++)
			bar_row(s, 20.0 * (double)(i + 1), r->people[i].name,
				&r->people[i].knowledge[c], colour_of(i),
				false);
	}
}

/* A blue from pale (0) to deep (100) for a heatmap cell. */
static void heat_colour(double v, char out[8])
{
	static const int lo[3] = { 0xEE, 0xF4, 0xFB },
			 hi[3] = { 0x08, 0x3D, 0x7F };
	double t = v / 100;
	int rgb[3], k;

	if (t < 0)
		t = 0;
	if (t > 1)
		t = 1;
	for (k = 0; k < 3; k++)
		rgb[k] = (int)lround(lo[k] + (hi[k] - lo[k]) * t);
	snprintf(out, 8, "#%02X%02X%02X", rgb[0], rgb[1], rgb[2]);
}

static void heat_cell(xmlNodePtr s, double x, double y, double w,
		      const struct figure *f, const char *who, const char *what)
{
	char fill[8], v[16], *tip;
	xmlNodePtr cell, t;

	percent_text(v, f);
	if (f->has)
		heat_colour(f->value, fill);
	else
		snprintf(fill, sizeof(fill), "#FFFFFF");
	cell = rect(s, x + 1, y + 1, w - 2, 26, fill);
	attr(cell, "stroke", "#DDDDDD");
	tip = xasprintf("%s, %s: %s", who, what, v);
	el_text(cell, "title", tip);
	free(tip);
	t = text_at(s, x + w / 2, y + 18, "middle", v);
	attr(t, "font-size", "12");
	attr(t, "fill", f->has && f->value > 55 ? "#FFFFFF" : "#1D1D1F");
}

static void heatmap_section(xmlNodePtr body, const struct report *r)
{
	xmlNodePtr sec = el(body, "section"), s, t;
	double name_w = 140, cell_w = 78, w, h;
	size_t c, i;

	attr(sec, "id", "heatmap");
	el_text(sec, "h2", "People and competencies");
	attr(el_text(sec, "p",
		     "Knowledge per person and competency; darker is "
		     "stronger, a dash means not measured yet."),
	     "class", "note");
	if (!r->team_knowledge_all.has) {
		empty(sec, "Nothing measured yet.");
		return;
	}
	w = name_w + cell_w * (double)(r->n_comps + 1);
	h = 28.0 * (double)(r->n_people + 2) + 8;
	s = svg(sec, w, h, "Heatmap of knowledge: people by competency");
	for (c = 0; c <= r->n_comps; c++) {
		const char *name = report_comp_name(r, c);
		char *label = cut(name, 10);
		t = text_at(s, name_w + cell_w * ((double)c + 0.5), 18,
			    "middle", label);
		attr(t, "font-size", "12");
		attr(t, "font-weight", "600");
		free(label);
	}
	for (i = 0; i <= r->n_people; i++) {
		bool team = i == r->n_people;
		const char *who = team ? "Team" : r->people[i].name;
		double y = 28.0 * (double)(i + 1);
		char *label = cut(who, 18);
		t = text_at(s, 0, y + 18, "start", label);
		attr(t, "font-size", "12");
		if (team)
			attr(t, "font-weight", "600");
		free(label);
		for (c = 0; c <= r->n_comps; c++) {
			const struct figure *f = report_knowledge(r, i, c);
			const char *what =
				c < r->n_comps
					? ((const struct competency *)
						   r->course->competencies.v[c])
						  ->name
					: "all competencies";
			heat_cell(s, name_w + cell_w * (double)c, y, cell_w, f,
				  who, what);
		}
	}
}

static void legend(xmlNodePtr parent, const char *const *names,
		   const char *const *colours, size_t n)
{
	xmlNodePtr ul = el(parent, "ul"), li, sw;
	size_t i;

	attr(ul, "class", "legend");
	for (i = 0; i < n; i++) {
		li = el(ul, "li");
		sw = el(li, "i");
		attrf(sw, "style", "background:%s", colours[i]);
		add_text(li, names[i]);
	}
}

static void trend_section(xmlNodePtr body, const struct report *r)
{
	xmlNodePtr sec = el(body, "section"), s, t;
	const double left = 40, top = 10, pw = 620, ph = 220;
	int64_t lo = 0, hi = 0;
	const char **names, **colours;
	size_t i, k, any = 0;
	int tick;

	attr(sec, "id", "trend");
	el_text(sec, "h2", "Scores over time");
	attr(el_text(sec, "p",
		     "Every finished quiz and exercise, one line per "
		     "person."),
	     "class", "note");
	for (i = 0; i < r->n_people; i++)
		for (k = 0; k < r->people[i].n_trend; k++) {
			int64_t w = r->people[i].trend[k].when;
			if (!any++ || w < lo)
				lo = w;
			if (w > hi)
				hi = w;
		}
	if (!any) {
		empty(sec, "No finished quizzes or exercises yet.");
		return;
	}
	if (hi - lo < DAY_MS) { /* less than a day: show the day around it */
		lo -= DAY_MS / 2;
		hi += DAY_MS / 2;
	}
	s = svg(sec, left + pw + 20, top + ph + 40,
		"Scores over time by person");
	for (tick = 0; tick <= 100; tick += 25) {
		double y = top + ph - ph * tick / 100.0;
		char v[8];
		line(s, left, y, left + pw, y, tick ? "#E6E6E6" : "#999999");
		snprintf(v, sizeof(v), "%d", tick);
		t = text_at(s, left - 6, y + 4, "end", v);
		attr(t, "font-size", "11");
	}
	for (tick = 0; tick <= 2; tick++) {
		int64_t when = lo + (hi - lo) * tick / 2;
		char day[32];
		day_text(when, day);
		t = text_at(s, left + pw * tick / 2.0, top + ph + 18,
			    tick == 0	? "start"
			    : tick == 1 ? "middle"
					: "end",
			    day);
		attr(t, "font-size", "11");
	}
	for (i = 0; i < r->n_people; i++) {
		const struct report_person *p = &r->people[i];
		struct strbuf pts = { 0 };
		xmlNodePtr pl;
		if (!p->n_trend)
			continue;
		for (k = 0; k < p->n_trend; k++) {
			double x = left + pw * (double)(p->trend[k].when - lo) /
						  (double)(hi - lo);
			double y = top + ph - ph * p->trend[k].score / 100;
			xmlNodePtr dot = el(s, "circle");
			char day[32], *tip;
			strbuf_addf(&pts, "%s%.1f,%.1f", k ? " " : "", x, y);
			attrf(dot, "cx", "%.1f", x);
			attrf(dot, "cy", "%.1f", y);
			attr(dot, "r", "3.5");
			attr(dot, "fill", colour_of(i));
			day_text(p->trend[k].when, day);
			tip = xasprintf("%s: %s %s, %d%% on %s", p->name,
					p->trend[k].kind, p->trend[k].item,
					score_percent(p->trend[k].score), day);
			el_text(dot, "title", tip);
			free(tip);
		}
		if (p->n_trend > 1) {
			pl = el(s, "polyline");
			attr(pl, "points", strbuf_str(&pts));
			attr(pl, "fill", "none");
			attr(pl, "stroke", colour_of(i));
			attr(pl, "stroke-width", "2");
			if (i >= N_COLOURS)
				attr(pl, "stroke-dasharray", "6 3");
		}
		strbuf_release(&pts);
	}
	names = xcalloc(r->n_people + 1, sizeof(*names));
	colours = xcalloc(r->n_people + 1, sizeof(*colours));
	for (i = k = 0; i < r->n_people; i++)
		if (r->people[i].n_trend) {
			names[k] = r->people[i].name;
			colours[k++] = colour_of(i);
		}
	legend(sec, names, colours, k);
	free(names);
	free(colours);
}

static void self_section(xmlNodePtr body, const struct report *r)
{
	static const char *const names[] = { "Self-assessment", "Knowledge" };
	static const char *const colours[] = { SELF_COLOUR, KNOW_COLOUR };
	xmlNodePtr sec = el(body, "section"), s, ul = NULL;
	size_t i, shown = 0;

	attr(sec, "id", "self");
	el_text(sec, "h2", "Self-assessment next to knowledge");
	attr(el_text(sec, "p",
		     "How each person rates their own habits, next to "
		     "what the quizzes and exercises measured. A wide "
		     "gap is worth a conversation."),
	     "class", "note");
	for (i = 0; i < r->n_people; i++)
		if (r->people[i].self_all.has || r->people[i].knowledge_all.has)
			shown++;
	if (!shown) {
		empty(sec, "No finished self-assessments or quizzes yet.");
		return;
	}
	legend(sec, names, colours, 2);
	s = svg(sec, 350, 36.0 * (double)shown + 4,
		"Self-assessment and knowledge per person");
	for (i = shown = 0; i < r->n_people; i++) {
		const struct report_person *p = &r->people[i];
		double y = 36.0 * (double)shown;
		if (!p->self_all.has && !p->knowledge_all.has)
			continue;
		shown++;
		bar_row(s, y, p->name, &p->self_all, SELF_COLOUR, true);
		bar_row(s, y + 15, "", &p->knowledge_all, KNOW_COLOUR, false);
		if (p->self_all.has && p->knowledge_all.has &&
		    fabs(p->self_all.value - p->knowledge_all.value) >= 15) {
			xmlNodePtr li;
			if (!ul)
				ul = el(sec, "ul");
			li = el(ul, "li");
			el_text(li, "strong", p->name);
			add_textf(li,
				  " rates their own habits %d points %s than "
				  "the quizzes measured.",
				  abs(score_percent(p->self_all.value) -
				      score_percent(p->knowledge_all.value)),
				  p->self_all.value > p->knowledge_all.value
					  ? "higher"
					  : "lower");
		}
	}
}

static const char *competency_name(const struct report *r, const char *id)
{
	const struct competency *c =
		id ? course_find_kind(r->course, id, ITEM_COMPETENCY) : NULL;

	return c ? c->name : id ? id : "";
}

#define MISSED_SHOWN 10

static void missed_section(xmlNodePtr body, const struct report *r)
{
	xmlNodePtr sec = el(body, "section"), table, tr, td;
	size_t i;

	attr(sec, "id", "missed");
	el_text(sec, "h2", "Most missed questions");
	attr(el_text(sec, "p",
		     "Answered wrong, partly right or skipped, in "
		     "quizzes, exercises and meetings: what to talk "
		     "about next."),
	     "class", "note");
	if (!r->n_misses) {
		empty(sec, "Nothing missed yet.");
		return;
	}
	table = el(sec, "table");
	tr = el(el(table, "thead"), "tr");
	el_text(tr, "th", "Question");
	el_text(tr, "th", "Competency");
	attr(el_text(tr, "th", "Missed"), "class", "n");
	el_text(tr, "th", "Chosen most often when missed");
	table = el(table, "tbody");
	for (i = 0; i < r->n_misses && i < MISSED_SHOWN; i++) {
		const struct report_miss *m = &r->misses[i];
		const struct report_pick *top = report_top_pick(m);
		tr = el(table, "tr");
		td = el_text(tr, "td", report_item_text(r->course, m->item));
		attr(td, "title", m->item);
		el_text(tr, "td", competency_name(r, m->competency));
		td = el(tr, "td");
		attr(td, "class", "n");
		add_textf(td, "%zu of %zu (%d%%)", m->missed, m->asked,
			  score_percent(100.0 * (double)m->missed /
					(double)m->asked));
		el_text(tr, "td",
			top ? report_choice_text(r->course, m->item,
						 top->choice)
			    : "–");
	}
}

/* ---- item statistics ---- */

static void figure_cell(xmlNodePtr tr, bool has, const char *fmt, double v)
{
	xmlNodePtr td = el(tr, "td");

	attr(td, "class", "n");
	if (has)
		add_textf(td, fmt, v);
	else
		add_text(td, "–");
}

static void flags_cell(xmlNodePtr tr, const struct stats_item *si)
{
	struct strbuf sb = { 0 };

	stats_flags_text(&sb, si->flags);
	el_text(tr, "td", sb.len ? sb.buf : "");
	strbuf_release(&sb);
}

/* The questions (or statements) to look at: those with a flag. The rest
 * are counted; `rapport stats` lists every one. */
static void stats_items(xmlNodePtr sec, const struct report *r,
			const struct stats_activity *a)
{
	bool statements = a->item->kind == ITEM_ASSESSMENT;
	const char *noun = statements ? "statements" : "questions";
	xmlNodePtr table = NULL, tr, td;
	size_t i, judged = 0, flagged = 0;

	for (i = 0; i < a->n_items; i++) {
		const struct stats_item *si = &a->items[i];
		judged += si->judged;
		if (!si->judged || !si->flags)
			continue;
		if (!flagged++) {
			table = el(sec, "table");
			tr = el(el(table, "thead"), "tr");
			el_text(tr, "th",
				statements ? "Statement" : "Question");
			attr(el_text(tr, "th", "Answers"), "class", "n");
			attr(el_text(tr, "th",
				     statements ? "Mean" : "Facility"),
			     "class", "n");
			attr(el_text(tr, "th",
				     statements ? "Item-rest"
						: "Discrimination"),
			     "class", "n");
			el_text(tr, "th", "To look at");
			table = el(table, "tbody");
		}
		tr = el(table, "tr");
		td = el_text(tr, "td",
			     report_item_text(r->course, si->item->id));
		attr(td, "title", si->item->id);
		td = el(tr, "td");
		attr(td, "class", "n");
		add_textf(td, "%zu", si->n);
		if (statements)
			figure_cell(tr, true, "%.1f", si->mean);
		else
			figure_cell(tr, true, "%.0f%%", 100 * si->facility);
		figure_cell(tr, si->has_discrimination, "%.2f",
			    si->discrimination);
		flags_cell(tr, si);
	}
	td = el(sec, "p");
	attr(td, "class", "note");
	if (!judged)
		add_textf(td,
			  "Too few answers to judge any of its %zu %s yet: "
			  "each needs 10.",
			  a->n_items, noun);
	else
		add_textf(td,
			  "%zu of %zu %s judged, %zu to look at; "
			  "'rapport stats %s' lists every one with its "
			  "options.",
			  judged, a->n_items, noun, flagged, a->item->id);
}

static void stats_competencies(xmlNodePtr sec, const struct stats_activity *a)
{
	xmlNodePtr table = el(sec, "table"), tr, td;
	size_t c;

	tr = el(el(table, "thead"), "tr");
	el_text(tr, "th", "Competency");
	attr(el_text(tr, "th", "Attempts"), "class", "n");
	attr(el_text(tr, "th", "Mean"), "class", "n");
	attr(el_text(tr, "th", "SD"), "class", "n");
	attr(el_text(tr, "th", "Alpha"), "class", "n");
	table = el(table, "tbody");
	for (c = 0; c < a->n_comps; c++) {
		const struct stats_competency *sc = &a->comps[c];
		tr = el(table, "tr");
		el_text(tr, "td", sc->competency->name);
		td = el(tr, "td");
		attr(td, "class", "n");
		add_textf(td, "%zu", sc->n);
		figure_cell(tr, sc->judged, "%.0f", sc->mean);
		figure_cell(tr, sc->judged && !isnan(sc->sd), "%.1f", sc->sd);
		figure_cell(tr, sc->rel.has, "%.2f", sc->rel.alpha);
	}
}

static void stats_section(xmlNodePtr body, const struct report *r,
			  const struct stats *s)
{
	xmlNodePtr sec = el(body, "section");
	size_t i, shown = 0;

	attr(sec, "id", "item-statistics");
	el_text(sec, "h2", "Item statistics");
	attr(el_text(sec, "p",
		     "How each question behaved in the finished attempts: "
		     "facility is the share of its points earned, "
		     "discrimination its correlation with the rest of the "
		     "test. A figure needs 10 answers."),
	     "class", "note");
	for (i = 0; i < s->n_acts; i++) {
		const struct stats_activity *a = &s->acts[i];
		const char *title = item_title(a->item);
		char *head, *rel;
		if (!a->attempts)
			continue;
		shown++;
		head = xasprintf("%s: %s", a->item->id, title ? title : "");
		el_text(sec, "h3", head);
		free(head);
		if (a->item->kind == ITEM_ASSESSMENT) {
			stats_competencies(sec, a);
		} else {
			rel = stats_reliability_text(&a->rel, a->attempts,
						     a->item->kind == ITEM_QUIZ
							     ? "questions"
							     : "scenarios",
						     " · ");
			el_text(sec, "p", rel);
			free(rel);
		}
		stats_items(sec, r, a);
	}
	if (!shown)
		empty(sec, "No finished attempts yet.");
}

/* ---- the page ---- */

char *report_html(const struct report *r, const struct report_html_options *o,
		  size_t *len)
{
	htmlDocPtr doc;
	xmlNodePtr html, head, body, meta, p;
	xmlChar *mem = NULL;
	char made[32], first[32], last[32], *out;
	int size = 0;

	content_init(); /* libxml2's quiet handlers, even with no course read */
	doc = htmlNewDocNoDtD(NULL, NULL);

	xmlCreateIntSubset(doc, BAD_CAST "html", NULL, NULL);
	html = xmlNewNode(NULL, BAD_CAST "html");
	xmlDocSetRootElement(doc, html);
	attr(html, "lang", r->course->lang ? r->course->lang : "en");
	head = el(html, "head");
	meta = el(head, "meta");
	attr(meta, "http-equiv", "Content-Security-Policy");
	attr(meta, "content",
	     "default-src 'none'; style-src 'unsafe-inline'; "
	     "img-src data:");
	meta = el(head, "meta");
	attr(meta, "name", "viewport");
	attr(meta, "content", "width=device-width, initial-scale=1");
	{
		char *title = xasprintf("Team report: %s", r->course->title);
		el_text(head, "title", title);
		free(title);
	}
	xmlAddChild(el(head, "style"), xmlNewText(BAD_CAST style_sheet));
	body = el(html, "body");
	p = el(body, "header");
	el_text(p, "h1", "Team report");
	p = el_text(p, "p", r->course->title);
	attr(p, "class", "sub");
	day_text(o->made, made);
	if (o->scope)
		add_textf(p, " · %s", o->scope);
	if (r->attempts) {
		day_text(r->first, first);
		day_text(r->last, last);
		add_textf(p, " · attempts from %s to %s", first, last);
	}
	add_textf(p, " · made %s", made);
	summary(body, r);
	knowledge_section(body, r);
	heatmap_section(body, r);
	trend_section(body, r);
	self_section(body, r);
	missed_section(body, r);
	if (o->stats)
		stats_section(body, r, o->stats);
	p = el(body, "footer");
	add_textf(p,
		  "Made by rapport " RAPPORT_VERSION " from %zu attempts. "
		  "This file needs nothing else to open or print.",
		  r->attempts);
	htmlSetMetaEncoding(doc, BAD_CAST "UTF-8");
	htmlDocDumpMemoryFormat(doc, &mem, &size, 1);
	xmlFreeDoc(doc);
	out = xmalloc((size_t)size + 1);
	memcpy(out, mem, (size_t)size);
	out[size] = '\0';
	xmlFree(mem);
	*len = (size_t)size;
	return out;
}
