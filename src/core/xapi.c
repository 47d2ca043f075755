/* SPDX-License-Identifier: GPL-3.0-or-later */
/* xapi.c - an attempt as xAPI 1.0.3 statements. */
#include "xapi.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>

#include "util.h"

#define ADL_VERB "http://adlnet.gov/expapi/verbs/"
#define ADL_TYPE "http://adlnet.gov/expapi/activities/"

/* The namespace of rapport's statement ids: fixed forever, or re-exports
 * would get new ids. */
static const char *const id_namespace = "3f6f2a5e-9b1c-4d2e-8a57-52505254a771";

bool xapi_iri_ok(const char *s)
{
	const char *p = s;

	if (!s || !isalpha((unsigned char)*p))
		return false;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' ||
	       *p == '.')
		p++;
	if (*p != ':' || !p[1])
		return false;
	for (; *p; p++)
		if ((unsigned char)*p <= ' ' || strchr("\"<>\\^`{|}", *p))
			return false;
	return true;
}

/* What the statements of one attempt share. */
struct ctx {
	const struct record *r;
	const struct course *course; /* NULL when not the attempt's course */
	const char *lang;	     /* for language maps */
	char *base;		     /* ends in '/' */
	const char *home;
	json_t *actor;
	char *course_iri, *activity_iri;
};

/* An id as an IRI path segment: unreserved bytes as they are, the rest
 * percent-encoded (ids are plain already; names from elsewhere may not
 * be). */
static void add_segment(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (isalnum(c) || strchr("-._~", c))
			strbuf_addc(sb, (char)c);
		else
			strbuf_addf(sb, "%%%02X", c);
	}
}

/* base + "course/C" [+ "/KIND/ID"]; caller frees. */
static char *iri(const struct ctx *x, const char *kind, const char *id)
{
	struct strbuf sb = { 0 };

	strbuf_adds(&sb, x->base);
	strbuf_adds(&sb, "course/");
	add_segment(&sb, x->r->course);
	if (kind) {
		strbuf_addc(&sb, '/');
		strbuf_adds(&sb, kind);
		strbuf_addc(&sb, '/');
		add_segment(&sb, id);
	}
	return strbuf_detach(&sb);
}

static json_t *lang_map(const struct ctx *x, const char *text)
{
	json_t *m = json_object();

	json_object_set_new(m, x->lang, json_string(text));
	return m;
}

/* A language tag as a course may give it, when it looks like one
 * (letters, digits and hyphens, starting with letters); else "en". */
static const char *pick_lang(const struct course *c)
{
	const char *l = c ? c->lang : NULL, *p;

	if (!l || !isalpha((unsigned char)*l) || strlen(l) > 35)
		return "en";
	for (p = l; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-')
			return "en";
	return l;
}

static json_t *activity(const char *id, json_t *definition)
{
	json_t *a = json_object();

	json_object_set_new(a, "objectType", json_string("Activity"));
	json_object_set_new(a, "id", json_string(id));
	if (definition)
		json_object_set_new(a, "definition", definition);
	return a;
}

static json_t *verb(const char *name)
{
	json_t *v = json_object(), *display = json_object();
	char *id = xasprintf(ADL_VERB "%s", name);

	json_object_set_new(v, "id", json_string(id));
	json_object_set_new(display, "en-US", json_string(name));
	json_object_set_new(v, "display", display);
	free(id);
	return v;
}

/* The definition of what was taken: its title and activity type. */
static json_t *attempt_definition(const struct ctx *x)
{
	const struct record *r = x->r;
	const char *type = ADL_TYPE "assessment", *title = NULL;
	json_t *d = json_object();

	if (strcmp(r->kind, "exercise") == 0)
		type = r->meeting ? ADL_TYPE "meeting" : ADL_TYPE "simulation";
	if (x->course && strcmp(r->kind, "review") == 0) {
		title = "Review of missed questions";
	} else if (x->course && r->item) {
		/* the item of that id, when it is of the kind taken */
		const struct item *it = course_find(x->course, r->item);
		if (it && strcmp(item_kind_name(it->kind), r->kind) == 0)
			title = item_title(it);
	}
	if (title)
		json_object_set_new(d, "name", lang_map(x, title));
	json_object_set_new(d, "type", json_string(type));
	return d;
}

/* ---- interactions ---- */

static void join_ids(struct strbuf *sb, const char *id)
{
	if (sb->len)
		strbuf_adds(sb, "[,]");
	strbuf_adds(sb, id);
}

static json_t *components(const struct ctx *x, const struct choice *c, size_t n)
{
	json_t *list = json_array();
	size_t i;

	for (i = 0; i < n; i++) {
		json_t *one = json_object();
		json_object_set_new(one, "id", json_string(c[i].id));
		json_object_set_new(one, "description", lang_map(x, c[i].text));
		json_array_append_new(list, one);
	}
	return list;
}

/* The responses that earn full credit, as xAPI patterns; empty when none
 * can be written (a short answer checked by keywords or a pattern). */
static json_t *correct_patterns(const struct question *q)
{
	json_t *list = json_array();
	struct strbuf sb = { 0 };
	double best = 0;
	size_t i;

	switch (q->type) {
	case Q_MULTIPLE:
		for (i = 0; i < q->n_choices; i++)
			if (q->choices[i].credit > 0)
				join_ids(&sb, q->choices[i].id);
		json_array_append_new(list, json_string(strbuf_str(&sb)));
		break;
	case Q_ORDERING:
		for (i = 0; i < q->n_choices; i++)
			join_ids(&sb, q->choices[i].id);
		json_array_append_new(list, json_string(strbuf_str(&sb)));
		break;
	case Q_SHORT:
		for (i = 0; i < q->n_accept; i++) {
			char *p = xasprintf("{case_matters=false}%s",
					    q->accept[i]);
			json_array_append_new(list, json_string(p));
			free(p);
		}
		break;
	default: /* one pick: every option with the best credit is right */
		for (i = 0; i < q->n_choices; i++)
			if (q->choices[i].credit > best)
				best = q->choices[i].credit;
		for (i = 0; i < q->n_choices; i++)
			if (best > 0 && q->choices[i].credit >= best)
				json_array_append_new(
					list, json_string(q->choices[i].id));
		break;
	}
	strbuf_release(&sb);
	return list;
}

static json_t *question_definition(const struct ctx *x,
				   const struct question *q)
{
	static const char *const types[Q_TYPE_COUNT] = {
		[Q_SINGLE] = "choice",	      [Q_MULTIPLE] = "choice",
		[Q_TRUEFALSE] = "true-false", [Q_JUDGEMENT] = "choice",
		[Q_ORDERING] = "sequencing",  [Q_SHORT] = "fill-in",
	};
	json_t *d = json_object(), *patterns = correct_patterns(q);

	json_object_set_new(d, "name", lang_map(x, q->item.id));
	json_object_set_new(d, "description", lang_map(x, q->prompt));
	json_object_set_new(d, "type", json_string(ADL_TYPE "cmi.interaction"));
	json_object_set_new(d, "interactionType", json_string(types[q->type]));
	if (json_array_size(patterns))
		json_object_set_new(d, "correctResponsesPattern", patterns);
	else
		json_decref(patterns);
	if (q->type != Q_SHORT && q->type != Q_TRUEFALSE)
		json_object_set_new(d, "choices",
				    components(x, q->choices, q->n_choices));
	return d;
}

static json_t *statement_definition(const struct ctx *x,
				    const struct statement *st,
				    const struct assessment *a)
{
	json_t *d = json_object(), *scale = json_array();
	size_t i;

	json_object_set_new(d, "name", lang_map(x, st->item.id));
	json_object_set_new(d, "description", lang_map(x, st->text));
	json_object_set_new(d, "type", json_string(ADL_TYPE "cmi.interaction"));
	json_object_set_new(d, "interactionType", json_string("likert"));
	for (i = 0; a && i < a->scale.n_points; i++) {
		json_t *one = json_object();
		char id[16];
		snprintf(id, sizeof(id), "%d", a->scale.points[i].value);
		json_object_set_new(one, "id", json_string(id));
		json_object_set_new(one, "description",
				    lang_map(x, a->scale.points[i].label));
		json_array_append_new(scale, one);
	}
	json_object_set_new(d, "scale", scale);
	return d;
}

/* A scenario answered as a judgement: a choice interaction. */
static json_t *scenario_definition(const struct ctx *x,
				   const struct scenario *s)
{
	struct question q;

	memset(&q, 0, sizeof(q));
	q.item = s->item;
	q.type = Q_JUDGEMENT;
	q.prompt = s->question;
	q.choices = s->choices;
	q.n_choices = s->n_choices;
	return question_definition(x, &q);
}

/* What kind of item id names in an attempt of this kind: the IRI part
 * and, when the course has it, its definition. */
static const char *item_part(const struct ctx *x, const char *id,
			     json_t **definition)
{
	const struct record *r = x->r;

	*definition = NULL;
	if (strcmp(r->kind, "assessment") == 0) {
		if (x->course) {
			const struct statement *st =
				course_find_kind(x->course, id, ITEM_STATEMENT);
			if (st)
				*definition = statement_definition(
					x, st,
					course_find_kind(x->course, r->item,
							 ITEM_ASSESSMENT));
		}
		return "statement";
	}
	if (strcmp(r->kind, "exercise") == 0) {
		const struct scenario *s =
			x->course
				? course_find_kind(x->course, id, ITEM_SCENARIO)
				: NULL;
		if (s)
			*definition = scenario_definition(x, s);
		return "scenario";
	}
	if (x->course) {
		const struct question *q =
			course_find_kind(x->course, id, ITEM_QUESTION);
		if (q)
			*definition = question_definition(x, q);
	}
	return "question";
}

/* A stored response (JSON: option ids, a text or a value) in xAPI's
 * response format. */
static char *xapi_response(const char *stored)
{
	json_t *v = stored ? json_loads(stored, JSON_DECODE_ANY, NULL) : NULL;
	struct strbuf sb = { 0 };
	json_t *e;
	size_t i;

	if (json_is_array(v)) {
		json_array_foreach(v, i, e) if (json_is_string(e))
			join_ids(&sb, json_string_value(e));
	} else if (json_is_string(v)) {
		strbuf_adds(&sb, json_string_value(v));
	} else if (json_is_integer(v)) {
		strbuf_addf(&sb, "%lld", (long long)json_integer_value(v));
	}
	json_decref(v);
	if (!sb.len)
		return xstrdup("");
	return strbuf_detach(&sb);
}

/* ---- statements ---- */

static json_t *statement(const struct ctx *x, const char *verb_name,
			 const char *what, json_t *object, int64_t when)
{
	json_t *s = json_object();
	uuid_t ns, id;
	char text[37], stamp[32];
	char *name = xasprintf("%s/%s/%s", x->r->uuid, verb_name, what);

	uuid_parse(id_namespace, ns);
	uuid_generate_sha1(id, ns, name, strlen(name));
	uuid_unparse_lower(id, text);
	free(name);
	iso_time(when, stamp);
	json_object_set_new(s, "id", json_string(text));
	json_object_set(s, "actor", x->actor);
	json_object_set_new(s, "verb", verb(verb_name));
	json_object_set_new(s, "object", object);
	json_object_set_new(s, "timestamp", json_string(stamp));
	return s;
}

/* An Agent or an identified Group: its name, and an account at the home
 * page. */
static json_t *agent(const struct ctx *x, const char *type, const char *name,
		     const char *account_name)
{
	json_t *a = json_object(), *account = json_object();

	json_object_set_new(account, "homePage", json_string(x->home));
	json_object_set_new(account, "name", json_string(account_name));
	json_object_set_new(a, "objectType", json_string(type));
	json_object_set_new(a, "name", json_string(name));
	json_object_set_new(a, "account", account);
	return a;
}

static json_t *context(const struct ctx *x, const char *parent,
		       const char *competency)
{
	json_t *c = json_object(), *acts = json_object(), *list;

	/* a meeting's attempts share its registration, and name who ran
	 * it and the team answered in */
	json_object_set_new(
		c, "registration",
		json_string(x->r->meeting ? x->r->meeting : x->r->uuid));
	if (x->r->meeting && x->r->facilitator)
		json_object_set_new(c, "instructor",
				    agent(x, "Agent", x->r->facilitator,
					  x->r->facilitator));
	if (x->r->meeting && x->r->team) {
		char *account = xasprintf("%s/%s", x->r->meeting, x->r->team);
		json_object_set_new(c, "team",
				    agent(x, "Group", x->r->team, account));
		free(account);
	}
	list = json_array();
	json_array_append_new(list, activity(parent, NULL));
	json_object_set_new(acts, "parent", list);
	if (parent != x->course_iri) {
		list = json_array();
		json_array_append_new(list, activity(x->course_iri, NULL));
		json_object_set_new(acts, "grouping", list);
	}
	if (competency) {
		char *id = iri(x, "competency", competency);
		list = json_array();
		json_array_append_new(list, activity(id, NULL));
		json_object_set_new(acts, "other", list);
		free(id);
	}
	json_object_set_new(c, "contextActivities", acts);
	json_object_set_new(c, "platform", json_string("rapport"));
	json_object_set_new(c, "language", json_string(x->lang));
	return c;
}

static json_t *score(double scaled, bool has_points, double raw, double max)
{
	json_t *s = json_object();

	if (scaled < 0)
		scaled = 0;
	if (scaled > 1)
		scaled = 1;
	json_object_set_new(s, "scaled", json_real(scaled));
	if (has_points && max > 0) {
		json_object_set_new(s, "raw", json_real(raw));
		json_object_set_new(s, "min", json_real(0));
		json_object_set_new(s, "max", json_real(max));
	}
	return s;
}

static json_t *answered(const struct ctx *x, const struct record_answer *a)
{
	json_t *definition, *result = json_object(), *s;
	const char *part = item_part(x, a->item, &definition);
	char *id = iri(x, part, a->item);
	char *response = xapi_response(a->response);
	char duration[48], what[64];

	if (a->has_points) {
		json_object_set_new(
			result, "score",
			score(a->credit, true, a->earned, a->possible));
		json_object_set_new(
			result, "success",
			json_boolean(strcmp(a->outcome, "right") == 0));
	}
	json_object_set_new(result, "completion", json_true());
	json_object_set_new(result, "response", json_string(response));
	iso_duration(a->seconds, duration);
	json_object_set_new(result, "duration", json_string(duration));
	snprintf(what, sizeof(what), "%lld/%lld", (long long)a->position,
		 (long long)a->answered_at);
	s = statement(x, "answered", what, activity(id, definition),
		      a->answered_at);
	json_object_set_new(s, "result", result);
	json_object_set_new(s, "context",
			    context(x, x->activity_iri, a->competency));
	free(id);
	free(response);
	return s;
}

/* The result of the whole attempt: its score over every answer. */
static json_t *attempt_result(const struct ctx *x, bool with_success)
{
	const struct record *r = x->r;
	json_t *result = json_object();
	double raw = 0, max = 0, seconds = 0;
	bool has_points = false;
	char duration[48];
	size_t i;

	for (i = 0; i < r->n_answers; i++) {
		seconds += r->answers[i].seconds;
		if (r->answers[i].has_points) {
			has_points = true;
			raw += r->answers[i].earned;
			max += r->answers[i].possible;
		}
	}
	if (r->scored)
		json_object_set_new(
			result, "score",
			score(r->score / 100, has_points, raw, max));
	if (with_success && r->passed >= 0)
		json_object_set_new(result, "success", json_boolean(r->passed));
	json_object_set_new(result, "completion", json_true());
	iso_duration(seconds, duration);
	json_object_set_new(result, "duration", json_string(duration));
	return result;
}

static void push(char ***list, size_t *n, size_t *cap, json_t *s)
{
	void *p = *list;

	xgrow(&p, cap, *n + 1, sizeof(char *));
	*list = p;
	(*list)[(*n)++] = json_dumps(s, JSON_COMPACT | JSON_REAL_PRECISION(17));
	json_decref(s);
}

size_t xapi_statements(const struct record *r, const struct course *course,
		       const struct xapi_options *o, char ***out)
{
	struct ctx x = { 0 };
	json_t *s;
	const char *base = o && o->base ? o->base : XAPI_DEFAULT_BASE;
	size_t n = 0, cap = 0, i;

	*out = NULL;
	x.r = r;
	x.course = course && course->item.id && r->course &&
				   strcmp(course->item.id, r->course) == 0
			   ? course
			   : NULL;
	x.lang = pick_lang(x.course);
	x.base = xasprintf("%s%s", base,
			   base[0] && base[strlen(base) - 1] == '/' ? "" : "/");
	x.home = o && o->home_page ? o->home_page : XAPI_DEFAULT_HOME;
	x.actor = agent(&x, "Agent", r->user, r->user);
	x.course_iri = iri(&x, NULL, NULL);
	x.activity_iri = iri(&x, r->kind, r->item);

	s = statement(&x, "attempted", "start",
		      activity(x.activity_iri, attempt_definition(&x)),
		      r->started);
	json_object_set_new(s, "context", context(&x, x.course_iri, NULL));
	push(out, &n, &cap, s);
	for (i = 0; i < r->n_answers; i++) {
		if (strcmp(r->answers[i].outcome, "skipped") == 0)
			continue;
		push(out, &n, &cap, answered(&x, &r->answers[i]));
	}
	if (record_is_finished(r)) {
		s = statement(&x, "completed", "end",
			      activity(x.activity_iri, attempt_definition(&x)),
			      r->finished);
		json_object_set_new(s, "result", attempt_result(&x, false));
		json_object_set_new(s, "context",
				    context(&x, x.course_iri, NULL));
		push(out, &n, &cap, s);
		if (strcmp(r->kind, "quiz") == 0 && r->passed >= 0) {
			const char *v = r->passed ? "passed" : "failed";
			s = statement(&x, v, "end",
				      activity(x.activity_iri,
					       attempt_definition(&x)),
				      r->finished);
			json_object_set_new(s, "result",
					    attempt_result(&x, true));
			json_object_set_new(s, "context",
					    context(&x, x.course_iri, NULL));
			push(out, &n, &cap, s);
		}
	}
	json_decref(x.actor);
	free(x.base);
	free(x.course_iri);
	free(x.activity_iri);
	return n;
}

void xapi_free(char **list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
}
