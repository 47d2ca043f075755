/* SPDX-License-Identifier: GPL-3.0-or-later */
/* result_json.c - a run's result as JSON, built with jansson so that every
 * string is escaped by the library. */
#include "result_json.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define RESULT_FORMAT "rapport-result-1"

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *band_json(const struct band *b)
{
	json_t *o;

	if (!b)
		return json_null();
	o = json_object();
	json_object_set_new(o, "label", str_or_null(b->label));
	json_object_set_new(o, "min", json_real(b->min));
	json_object_set_new(o, "max", json_real(b->max));
	json_object_set_new(o, "advice", str_or_null(b->advice));
	json_object_set_new(o, "lesson", str_or_null(b->lesson.id));
	return o;
}

static json_t *comps_json(const struct result *res)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < res->n_comps; i++) {
		const struct comp_score *c = &res->comps[i];
		json_t *o = json_object();
		json_object_set_new(o, "id",
				    json_string(c->competency->item.id));
		json_object_set_new(o, "name",
				    str_or_null(c->competency->name));
		json_object_set_new(o, "scored", json_boolean(c->scored));
		json_object_set_new(o, "score",
				    c->scored ? json_real(c->score)
					      : json_null());
		if (res->kind != RUN_ASSESSMENT) {
			json_object_set_new(o, "earned", json_real(c->earned));
			json_object_set_new(o, "possible",
					    json_real(c->possible));
		}
		json_object_set_new(o, "answered",
				    json_integer((json_int_t)c->answered));
		json_object_set_new(o, "total",
				    json_integer((json_int_t)c->total));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *response_json(const struct run_item *it)
{
	const struct question *q = it->question;
	json_t *a;
	size_t i;

	if (it->outcome == OUTCOME_PENDING || it->outcome == OUTCOME_SKIPPED)
		return json_null();
	if (q->type == Q_SHORT)
		return str_or_null(it->response.text);
	a = json_array();
	for (i = 0; i < it->response.n_picks; i++)
		json_array_append_new(
			a, json_string(q->choices[it->response.picks[i]].id));
	return a;
}

static json_t *quiz_items(const struct run *r)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < r->n_items; i++) {
		const struct run_item *it = &r->items[i];
		json_t *o = json_object();
		json_object_set_new(o, "id",
				    json_string(it->question->item.id));
		json_object_set_new(
			o, "type",
			json_string(question_type_name(it->question->type)));
		json_object_set_new(o, "competency",
				    str_or_null(it->question->competency.id));
		json_object_set_new(o, "outcome",
				    json_string(outcome_name(it->outcome)));
		json_object_set_new(o, "response", response_json(it));
		json_object_set_new(o, "credit", json_real(it->credit));
		json_object_set_new(o, "earned", json_real(it->earned));
		json_object_set_new(o, "possible", json_real(it->possible));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *assessment_items(const struct run *r)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < r->n_items; i++) {
		const struct run_item *it = &r->items[i];
		bool answered = it->outcome == OUTCOME_ANSWERED;
		bool given = answered || it->outcome == OUTCOME_NOT_APPLICABLE;
		json_t *o = json_object();
		json_object_set_new(o, "id",
				    json_string(it->statement->item.id));
		json_object_set_new(o, "competency",
				    str_or_null(it->statement->competency.id));
		json_object_set_new(o, "reverse",
				    json_boolean(it->statement->reverse));
		json_object_set_new(o, "outcome",
				    json_string(outcome_name(it->outcome)));
		json_object_set_new(o, "value",
				    given ? json_integer(it->response.value)
					  : json_null());
		json_object_set_new(o, "keyed",
				    answered ? json_integer(it->keyed)
					     : json_null());
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *actions_json(const struct result *res)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < res->n_actions; i++) {
		const struct next_action *n = &res->actions[i];
		json_t *o = json_object();
		json_object_set_new(o, "competency",
				    json_string(n->competency->item.id));
		json_object_set_new(o, "text", str_or_null(n->text));
		json_object_set_new(o, "lesson",
				    n->lesson ? json_string(n->lesson->item.id)
					      : json_null());
		json_array_append_new(a, o);
	}
	return a;
}

char *result_to_json(const struct run *r, const struct result *res,
		     const char *user, bool finished)
{
	json_t *o = json_object();
	const struct item *what = NULL;
	const char *title = NULL, *kind = "review";
	char *text, *out;

	switch (r->kind) {
	case RUN_QUIZ:
		what = &r->quiz->item;
		title = r->quiz->title;
		kind = "quiz";
		break;
	case RUN_ASSESSMENT:
		what = &r->assessment->item;
		title = r->assessment->title;
		kind = "assessment";
		break;
	case RUN_EXERCISE:
		what = &r->exercise->item;
		title = r->exercise->title;
		kind = "exercise";
		break;
	case RUN_REVIEW:
		break;
	}
	json_object_set_new(o, "format", json_string(RESULT_FORMAT));
	json_object_set_new(o, "kind", json_string(kind));
	json_object_set_new(o, "course", str_or_null(r->course->item.id));
	json_object_set_new(o, "id",
			    what ? str_or_null(what->id) : json_null());
	json_object_set_new(o, "title", str_or_null(title));
	json_object_set_new(o, "user", str_or_null(user));
	/* as a string: a 64-bit seed does not fit every JSON reader's numbers
	 */
	text = xasprintf("%llu", (unsigned long long)r->seed);
	json_object_set_new(o, "seed", json_string(text));
	free(text);
	json_object_set_new(o, "finished", json_boolean(finished));
	json_object_set_new(o, "scored", json_boolean(res->scored));
	json_object_set_new(o, "score",
			    res->scored ? json_real(res->score) : json_null());
	json_object_set_new(o, "band", band_json(res->band));
	if (r->kind != RUN_ASSESSMENT) {
		json_object_set_new(o, "earned", json_real(res->earned));
		json_object_set_new(o, "possible", json_real(res->possible));
	}
	if (r->kind == RUN_QUIZ) {
		json_object_set_new(o, "pass_mark", json_real(r->quiz->pass));
		json_object_set_new(o, "passed", json_boolean(res->passed));
	} else if (r->kind == RUN_ASSESSMENT) {
		json_object_set_new(o, "straight_lining",
				    json_boolean(res->straight_lining));
	}
	json_object_set_new(o, "answered",
			    json_integer((json_int_t)res->answered));
	json_object_set_new(o, "skipped",
			    json_integer((json_int_t)res->skipped));
	json_object_set_new(o, "total", json_integer((json_int_t)res->total));
	json_object_set_new(o, "competencies", comps_json(res));
	if (r->kind == RUN_ASSESSMENT)
		json_object_set_new(o, "next_actions", actions_json(res));
	json_object_set_new(o, "items",
			    r->kind == RUN_ASSESSMENT ? assessment_items(r)
						      : quiz_items(r));
	text = json_dumps(o, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
	json_decref(o);
	out = xasprintf("%s\n", text ? text : "{}");
	free(text);
	return out;
}
