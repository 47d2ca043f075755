/* SPDX-License-Identifier: GPL-3.0-or-later */
/* xapi.c - an attempt as xAPI 1.0.3 statements. */
#include "xapi.h"

#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <uuid/uuid.h>

#include "score.h"
#include "text.h"
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

/* Whether the n bytes at s are all letters, digits or either. */
static bool all_of(const char *s, size_t n, int (*is)(int))
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!is((unsigned char)s[i]))
			return false;
	return true;
}

/* Well-formed by BCP 47 (RFC 5646), as an LRS checks a language map's
 * keys: a language (2 to 3 letters with up to three
 * 3-letter extensions, or 4 to 8 letters), then an optional script (4
 * letters), region (2 letters or 3 digits), variants (5 to 8 letters or
 * digits, or a digit and 3 more), extensions (a singleton, then subtags
 * of 2 to 8) and private use ("x", then subtags of 1 to 8); or private
 * use alone. The XML schema's own language type lets through more
 * ("x1", "en-a"), which a record store refuses. */
bool xapi_lang_ok(const char *tag)
{
	enum { LANG, EXTLANG, SCRIPT, REGION, VARIANT, EXT, PRIV } at = LANG;
	const char *p = tag;
	size_t n, ext = 0, extlangs = 0;
	bool in_ext = false;

	if (!tag || !*tag || strlen(tag) > 64)
		return false;
	while (*p) {
		n = strcspn(p, "-");
		if (n == 0 || n > 8 || !all_of(p, n, isalnum))
			return false;
		if (at == PRIV) {
			/* anything of 1 to 8 */
		} else if (n == 1 && (*p == 'x' || *p == 'X')) {
			if (in_ext && ext == 0)
				return false;
			at = PRIV;
			p += n;
			if (!*p)
				return false; /* x needs a subtag after it */
			p++;
			continue;
		} else if (at == LANG) {
			if (n < 2 || !all_of(p, n, isalpha))
				return false;
			at = n <= 3 ? EXTLANG : SCRIPT;
		} else if (n == 1) { /* a singleton: an extension begins */
			if (in_ext && ext == 0)
				return false;
			in_ext = true;
			ext = 0;
			at = EXT;
		} else if (at == EXT) {
			if (n < 2)
				return false;
			ext++;
		} else if (at == EXTLANG && n == 3 && all_of(p, n, isalpha) &&
			   extlangs < 3) {
			extlangs++;
		} else if (at <= SCRIPT && n == 4 && all_of(p, n, isalpha)) {
			at = REGION;
		} else if (at <= REGION &&
			   ((n == 2 && all_of(p, n, isalpha)) ||
			    (n == 3 && all_of(p, n, isdigit)))) {
			at = VARIANT;
		} else if (n >= 5 || (n == 4 && isdigit((unsigned char)*p))) {
			at = VARIANT;
		} else {
			return false;
		}
		p += n;
		if (*p == '-' && !*++p)
			return false; /* a hyphen at the end */
	}
	return !(in_ext && at == EXT && ext == 0);
}

/* The course's language tag when it is well-formed (xapi_lang_ok), else
 * "en": an LRS refuses a statement whose language it cannot read. */
static const char *pick_lang(const struct course *c)
{
	const char *l = c ? c->lang : NULL;

	return xapi_lang_ok(l) ? l : "en";
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

	/* one type per activity id: an exercise is a simulation wherever it
	 * is run; the meeting it was run in is an activity of its own */
	if (strcmp(r->kind, "exercise") == 0)
		type = ADL_TYPE "simulation";
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

/* The most options whose every combination is tried for a multiple
 * response's patterns, and the most patterns listed. */
#define PATTERN_MAX_OPTIONS 10
#define PATTERN_MAX_COUNT   32

/* Every response that earns full credit, as xAPI patterns, found by
 * scoring it with the scoring rules themselves. NULL when that list would
 * not be exhaustive: a short answer (rapport folds spaces and case and
 * drops a final full stop, which a pattern cannot say), a multiple
 * response with too many options or full-credit sets to list. An empty
 * list when no response earns full credit. */
static json_t *correct_patterns(const struct question *q)
{
	json_t *list = json_array();
	struct strbuf sb = { 0 };
	size_t picks[PATTERN_MAX_OPTIONS], n, i;
	unsigned long mask;

	switch (q->type) {
	case Q_SHORT:
		json_decref(list);
		return NULL;
	case Q_ORDERING: /* only the model order has no place off */
		for (i = 0; i < q->n_choices; i++)
			join_ids(&sb, q->choices[i].id);
		json_array_append_new(list, json_string(strbuf_str(&sb)));
		break;
	case Q_MULTIPLE:
		if (q->n_choices > PATTERN_MAX_OPTIONS)
			goto not_exhaustive;
		for (mask = 1; mask < 1UL << q->n_choices; mask++) {
			for (i = n = 0; i < q->n_choices; i++)
				if (mask & 1UL << i)
					picks[n++] = i;
			if (score_choices(q, picks, n) < 1)
				continue;
			if (json_array_size(list) == PATTERN_MAX_COUNT)
				goto not_exhaustive;
			strbuf_reset(&sb);
			for (i = 0; i < n; i++)
				join_ids(&sb, q->choices[picks[i]].id);
			json_array_append_new(list,
					      json_string(strbuf_str(&sb)));
		}
		break;
	default: /* one pick */
		for (i = 0; i < q->n_choices; i++)
			if (score_choices(q, &i, 1) >= 1)
				json_array_append_new(
					list, json_string(q->choices[i].id));
		break;
	}
	strbuf_release(&sb);
	return list;
not_exhaustive:
	strbuf_release(&sb);
	json_decref(list);
	return NULL;
}

/* A name a person can read for an item known only by its text: the text
 * on one line, cut at a word before NAME_MAX_CHARS characters. Caller
 * frees. */
#define NAME_MAX_CHARS 80
static char *short_name(const char *text)
{
	struct strbuf sb = { 0 };
	size_t n = strlen(text), i = 0, k, chars = 0, cut = 0;
	bool space = false;
	uint32_t c;

	strbuf_add(&sb, "", 0);
	while (i < n) {
		k = utf8_decode(text + i, n - i, &c);
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = sb.len > 0;
			i += k;
			continue;
		}
		if (space) {
			cut = sb.len; /* the words so far */
			if (chars + 1 >= NAME_MAX_CHARS)
				break;
			strbuf_addc(&sb, ' ');
			chars++;
			space = false;
		}
		if (chars + 1 >= NAME_MAX_CHARS) {
			if (!cut) /* one long word: cut inside it */
				cut = sb.len;
			break;
		}
		strbuf_add(&sb, text + i, k);
		chars++;
		i += k;
	}
	if (i < n) {
		sb.buf[cut] = '\0';
		sb.len = cut;
		strbuf_adds(&sb, "\u2026");
	}
	return strbuf_detach(&sb);
}

/* name: what a person calls it; NULL: its prompt, shortened */
static json_t *question_definition(const struct ctx *x,
				   const struct question *q, const char *name)
{
	static const char *const types[Q_TYPE_COUNT] = {
		[Q_SINGLE] = "choice",	      [Q_MULTIPLE] = "choice",
		[Q_TRUEFALSE] = "true-false", [Q_JUDGEMENT] = "choice",
		[Q_ORDERING] = "sequencing",  [Q_SHORT] = "fill-in",
	};
	json_t *d = json_object(), *patterns = correct_patterns(q);
	char *shortened = name ? NULL : short_name(q->prompt);

	json_object_set_new(d, "name", lang_map(x, name ? name : shortened));
	free(shortened);
	json_object_set_new(d, "description", lang_map(x, q->prompt));
	json_object_set_new(d, "type", json_string(ADL_TYPE "cmi.interaction"));
	json_object_set_new(d, "interactionType", json_string(types[q->type]));
	if (patterns)
		json_object_set_new(d, "correctResponsesPattern", patterns);
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
	char *name = short_name(st->text);
	size_t i;

	json_object_set_new(d, "name", lang_map(x, name));
	free(name);
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
	return question_definition(x, &q, s->title);
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
			*definition = question_definition(x, q, NULL);
	}
	return "question";
}

/* Words typed, as an xAPI fill-in response: xAPI reads "[,]" as the line
 * between two responses and a "{" at the start as the opening of a
 * parameter such as {lang=en}, so each "[,]" is written "[ ,]" and a
 * leading "{" gets a space in front. Nothing else changes; the words
 * stay exact in rapport's own JSON export. */
static void add_typed(struct strbuf *sb, const char *s)
{
	const char *p;

	if (*s == '{')
		strbuf_addc(sb, ' ');
	while ((p = strstr(s, "[,]")) != NULL) {
		strbuf_add(sb, s, (size_t)(p - s));
		strbuf_adds(sb, "[ ,]");
		s = p + 3;
	}
	strbuf_adds(sb, s);
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
		add_typed(&sb, json_string_value(v));
	} else if (json_is_integer(v)) {
		strbuf_addf(&sb, "%lld", (long long)json_integer_value(v));
	}
	json_decref(v);
	return strbuf_detach(&sb);
}

/* ---- statements ---- */

/* A statement without its id yet (statement_id() gives it one, once it
 * is whole). */
static json_t *statement(const struct ctx *x, const char *verb_name,
			 json_t *object, int64_t when)
{
	json_t *s = json_object();
	char stamp[32];

	iso_time(when, stamp);
	json_object_set(s, "actor", x->actor);
	json_object_set_new(s, "verb", verb(verb_name));
	json_object_set_new(s, "object", object);
	json_object_set_new(s, "timestamp", json_string(stamp));
	return s;
}

/* The statement s with its id first: a name-based UUID (version 5,
 * SHA-1) of everything in it but the object's definition, which xAPI
 * does not count as part of a statement. Any change to what the
 * statement says (the actor's home page, an activity's base, a score, a
 * time) gives a new id; the same statement exported again, from any
 * database, the same one. */
static json_t *statement_id(json_t *s)
{
	json_t *bare = json_deep_copy(s), *out = json_object();
	json_t *object = json_object_get(bare, "object");
	uuid_t ns, id;
	char text[37], *canonical;

	json_object_del(object, "definition");
	canonical = json_dumps(bare, JSON_COMPACT | JSON_SORT_KEYS |
					     JSON_REAL_PRECISION(15));
	uuid_parse(id_namespace, ns);
	uuid_generate_sha1(id, ns, canonical, strlen(canonical));
	uuid_unparse_lower(id, text);
	free(canonical);
	json_decref(bare);
	json_object_set_new(out, "id", json_string(text));
	json_object_update(out, s);
	json_decref(s);
	return out;
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

/* position: the answer's place in the attempt, or -1 */
static json_t *context(const struct ctx *x, const char *parent,
		       const char *competency, int64_t position)
{
	json_t *c = json_object(), *acts = json_object(), *list, *ext;

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
	list = json_array();
	if (parent != x->course_iri)
		json_array_append_new(list, activity(x->course_iri, NULL));
	if (x->r->meeting) {
		json_t *d = json_object();
		char *id = iri(x, "meeting", x->r->meeting);
		json_object_set_new(d, "type", json_string(ADL_TYPE "meeting"));
		json_array_append_new(list, activity(id, d));
		free(id);
	}
	if (json_array_size(list))
		json_object_set_new(acts, "grouping", list);
	else
		json_decref(list);
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
	/* the attempt, and the answer's place in it: a meeting's
	 * registration is the meeting's, and two answers may say the same */
	ext = json_object();
	json_object_set_new(ext, XAPI_EXT_ATTEMPT, json_string(x->r->uuid));
	if (position >= 0)
		json_object_set_new(ext, XAPI_EXT_POSITION,
				    json_integer(position));
	json_object_set_new(c, "extensions", ext);
	return c;
}

/* x to places decimal places, for numbers an LRS shows: the points a
 * question is worth are whole or simple fractions, and the float noise
 * of adding them up (15.299999999999999) is not a score. */
static double rounded(double v, int places)
{
	double f = pow(10, places);

	return round(v * f) / f;
}

/* A score: scaled is raw/max when there are points (both rounded to 4
 * places, scaled to 6 from those), else the given share. */
static json_t *score(double share, bool has_points, double raw, double max)
{
	json_t *s = json_object();
	double scaled;

	raw = rounded(raw, 4);
	max = rounded(max, 4);
	if (raw < 0)
		raw = 0;
	if (raw > max)
		raw = max;
	scaled = has_points && max > 0 ? raw / max : share;
	if (!(scaled >= 0)) /* NaN too */
		scaled = 0;
	if (scaled > 1)
		scaled = 1;
	json_object_set_new(s, "scaled", json_real(rounded(scaled, 6)));
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
	char duration[48];

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
	s = statement(x, "answered", activity(id, definition), a->answered_ms);
	json_object_set_new(s, "result", result);
	json_object_set_new(
		s, "context",
		context(x, x->activity_iri, a->competency, a->position));
	free(id);
	free(response);
	return s;
}

/* The result of the whole attempt: its points are those of its scores
 * by competency, which count every item asked, answered or not; an
 * answer's statement comes only for what was answered. */
static json_t *attempt_result(const struct ctx *x, bool with_success)
{
	const struct record *r = x->r;
	json_t *result = json_object();
	double raw = 0, max = 0, seconds = 0;
	char duration[48];
	size_t i;

	for (i = 0; i < r->n_answers; i++)
		seconds += r->answers[i].seconds;
	for (i = 0; i < r->n_scores; i++) {
		raw += r->scores[i].earned;
		max += r->scores[i].possible;
	}
	if (r->scored)
		json_object_set_new(result, "score",
				    score(r->score / 100, max > 0, raw, max));
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
	s = statement_id(s);
	(*list)[(*n)++] = json_dumps(s, JSON_COMPACT | JSON_REAL_PRECISION(15));
	json_decref(s);
}

/* Whether two statements as push() writes them have the same id, which
 * comes first in each. */
static bool same_id(const char *a, const char *b)
{
	static const size_t len = sizeof("{\"id\":\"") - 1 + 36;

	return strlen(a) > len && strncmp(a, b, len) == 0;
}

size_t xapi_statements(const struct record *r, const struct course *course,
		       const struct xapi_options *o, char ***out)
{
	struct ctx x = { 0 };
	json_t *s;
	const char *base = o && o->base ? o->base : XAPI_DEFAULT_BASE;
	size_t n = 0, cap = 0, group = 0, i, j;

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

	s = statement(&x, "attempted",
		      activity(x.activity_iri, attempt_definition(&x)),
		      r->started_ms);
	json_object_set_new(s, "context", context(&x, x.course_iri, NULL, -1));
	push(out, &n, &cap, s);
	for (i = 0; i < r->n_answers; i++) {
		const struct record_answer *a = &r->answers[i];
		if (strcmp(a->outcome, "skipped") == 0)
			continue;
		if (i == 0 || a->position != a[-1].position)
			group = n; /* a place's answers come together */
		push(out, &n, &cap, answered(&x, a));
		/* the same answer kept twice at one place and time (changed,
		 * then changed back) is one statement: an LRS refuses a batch
		 * that has an id twice */
		for (j = group; j + 1 < n; j++)
			if (same_id((*out)[j], (*out)[n - 1])) {
				free((*out)[--n]);
				break;
			}
	}
	if (record_is_finished(r)) {
		s = statement(&x, "completed",
			      activity(x.activity_iri, attempt_definition(&x)),
			      r->finished_ms);
		json_t *result = attempt_result(&x, false);
		/* the whole attempt, as the JSON export writes it, so that a
		 * rapport reading the LRS (merge --lrs) rebuilds it exactly:
		 * the plan, skips and seed are in no other statement. Its
		 * text, not a JSON value, so that no number is rounded on
		 * the way. */
		char *whole = record_to_json(r);
		json_t *ext = json_object();
		json_object_set_new(ext, XAPI_EXT_RECORD, json_string(whole));
		json_object_set_new(result, "extensions", ext);
		free(whole);
		json_object_set_new(s, "result", result);
		json_object_set_new(s, "context",
				    context(&x, x.course_iri, NULL, -1));
		push(out, &n, &cap, s);
		if (strcmp(r->kind, "quiz") == 0 && r->passed >= 0) {
			const char *v = r->passed ? "passed" : "failed";
			s = statement(&x, v,
				      activity(x.activity_iri,
					       attempt_definition(&x)),
				      r->finished_ms);
			json_object_set_new(s, "result",
					    attempt_result(&x, true));
			json_object_set_new(
				s, "context",
				context(&x, x.course_iri, NULL, -1));
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

/* ---- the same statement ---- */

/* Whether a and b say the same, by xAPI's rules for comparing statements:
 * what the store adds (stored, authority, version) and the activities'
 * definitions do not count, numbers are numbers (1 and 1.0 alike), and a
 * timestamp is an instant, however it is written. */
static bool same_value(json_t *a, json_t *b, int depth);

static bool ignored(const char *key, int depth)
{
	if (strcmp(key, "definition") == 0)
		return true;
	return depth == 0 &&
	       (strcmp(key, "stored") == 0 || strcmp(key, "authority") == 0 ||
		strcmp(key, "version") == 0 || strcmp(key, "attachments") == 0);
}

/* every key of a that counts is in b with the same value */
static bool object_within(json_t *a, json_t *b, int depth)
{
	const char *key;
	json_t *v;

	json_object_foreach(a, key, v)
	{
		if (ignored(key, depth))
			continue;
		if (depth == 0 && strcmp(key, "timestamp") == 0) {
			int64_t ta, tb;
			json_t *w = json_object_get(b, key);
			if (!json_is_string(v) || !json_is_string(w) ||
			    !iso_time_parse(json_string_value(v), &ta) ||
			    !iso_time_parse(json_string_value(w), &tb)) {
				if (!same_value(v, w, depth + 1))
					return false;
			} else if (ta != tb) {
				return false;
			}
			continue;
		}
		if (!same_value(v, json_object_get(b, key), depth + 1))
			return false;
	}
	return true;
}

static bool same_value(json_t *a, json_t *b, int depth)
{
	size_t i;

	if (!a || !b)
		return a == b;
	if (json_is_number(a) && json_is_number(b)) {
		double x = json_number_value(a), y = json_number_value(b);
		return fabs(x - y) <= 1e-9 * fmax(1, fabs(x));
	}
	if (json_typeof(a) != json_typeof(b))
		return false;
	switch (json_typeof(a)) {
	case JSON_OBJECT:
		return object_within(a, b, depth) && object_within(b, a, depth);
	case JSON_ARRAY:
		if (json_array_size(a) != json_array_size(b))
			return false;
		for (i = 0; i < json_array_size(a); i++)
			if (!same_value(json_array_get(a, i),
					json_array_get(b, i), depth + 1))
				return false;
		return true;
	default:
		return json_equal(a, b);
	}
}

bool xapi_same_statement(const char *a, const char *b)
{
	json_t *x = json_loads(a, 0, NULL), *y = json_loads(b, 0, NULL);
	bool same =
		json_is_object(x) && json_is_object(y) && same_value(x, y, 0);

	json_decref(x);
	json_decref(y);
	return same;
}

/* ---- talking to a record store ---- */

char *xapi_statements_url(const char *url, char **err)
{
	const char *rest, *end;
	size_t n;

	if (strncasecmp(url, "https://", 8) == 0)
		rest = url + 8;
	else if (strncasecmp(url, "http://", 7) == 0)
		rest = url + 7;
	else {
		*err = xstrdup("takes an http:// or https:// address");
		return NULL;
	}
	end = rest + strcspn(rest, "/?#");
	if (end == rest) {
		*err = xstrdup("has no host");
		return NULL;
	}
	if (memchr(rest, '@', (size_t)(end - rest))) {
		*err = xstrdup("holds a name or password: put them in an "
			       "--auth-file, or RAPPORT_LRS_USER and "
			       "RAPPORT_LRS_PASSWORD, never on the command "
			       "line");
		return NULL;
	}
	for (const char *p = url; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' ||
		    *p == '>' || *p == '\\') {
			*err = xstrdup("holds a space or a character an "
				       "address cannot");
			return NULL;
		}
	if (strpbrk(end, "?#")) {
		*err = xstrdup("has a query or fragment; give the LRS's "
			       "xAPI endpoint");
		return NULL;
	}
	n = strlen(url);
	while (n && url[n - 1] == '/')
		n--;
	if (n >= 11 && strncmp(url + n - 11, "/statements", 11) == 0 &&
	    url + n - 11 >= end)
		return xstrndup(url, n);
	return xasprintf("%.*s/statements", (int)n, url);
}

/* The first line of text in body, tags left out (an HTML error page),
 * spaces folded, at most 200 bytes, into sb. */
static void first_line(struct strbuf *sb, const char *body, size_t len)
{
	bool tag = false, space = false;
	size_t i;

	for (i = 0; i < len && sb->len < 200; i++) {
		char c = body[i];
		if (c == '<') {
			tag = true;
		} else if (c == '>' && tag) {
			tag = false;
			space = sb->len > 0;
		} else if (tag) {
			continue;
		} else if (c == '\n' || c == '\r') {
			if (sb->len)
				break;
		} else if (c == ' ' || c == '\t') {
			space = sb->len > 0;
		} else {
			if (space)
				strbuf_addc(sb, ' ');
			space = false;
			strbuf_addc(sb, c);
		}
		if (tag && sb->len && i + 3 < len &&
		    (strncasecmp(body + i, "</h", 3) == 0 ||
		     strncasecmp(body + i, "</p", 3) == 0 ||
		     strncasecmp(body + i, "<br", 3) == 0))
			break; /* the end of a heading or paragraph */
	}
}

char *xapi_lrs_message(const char *body, size_t len)
{
	json_t *v = body && len ? json_loadb(body, len, 0, NULL) : NULL;
	const char *m = json_string_value(json_object_get(v, "message"));
	json_t *warnings = json_object_get(v, "warnings"), *w;
	struct strbuf sb = { 0 };
	size_t i;

	strbuf_add(&sb, "", 0);
	if (!m)
		m = json_string_value(json_object_get(v, "error"));
	if (m) {
		first_line(&sb, m, strlen(m));
	} else if (json_is_array(warnings)) { /* Learning Locker's 400 */
		json_array_foreach(warnings, i, w)
		{
			if (!json_is_string(w) || i == 3)
				break;
			if (i)
				strbuf_adds(&sb, "; ");
			first_line(&sb, json_string_value(w),
				   strlen(json_string_value(w)));
		}
	} else if (body) {
		first_line(&sb, body, len);
	}
	json_decref(v);
	return strbuf_detach(&sb);
}
