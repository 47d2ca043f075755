/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gift_dump.c - what rapport's GIFT reader (core/gift.c) makes of a file,
 * as JSON in the shape of the npm gift-pegjs parser's, for the test that
 * compares the two (tests/e2e/86-gift.py). Diagnostics go to stderr as
 * rapport prints them; the exit status is 1 when there was an error. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "diag.h"
#include "gift.h"
#include "util.h"

static json_t *text(const struct gift_question *q, const char *s)
{
	if (!s)
		return json_null();
	return json_pack("{s:s, s:s}", "format", q->format, "text", s);
}

static const char *type_of(enum gift_type t)
{
	static const char *const names[] = {
		[GIFT_DESCRIPTION] = "Description",
		[GIFT_CATEGORY] = "Category",
		[GIFT_MC] = "MC",
		[GIFT_TF] = "TF",
		[GIFT_SHORT] = "Short",
		[GIFT_NUMERICAL] = "Numerical",
		[GIFT_MATCHING] = "Matching",
		[GIFT_ESSAY] = "Essay",
	};
	return names[t];
}

static json_t *question(const struct gift_question *q)
{
	json_t *o = json_object(), *list;
	size_t i;

	json_object_set_new(o, "type", json_string(type_of(q->type)));
	json_object_set_new(o, "line", json_integer(q->line));
	if (q->type == GIFT_CATEGORY) {
		json_object_set_new(o, "title", json_string(q->category));
		return o;
	}
	json_object_set_new(o, "title",
			    q->title ? json_string(q->title) : json_null());
	json_object_set_new(o, "stem", text(q, q->text));
	json_object_set_new(o, "hasEmbeddedAnswers", json_boolean(q->embedded));
	if (q->type == GIFT_DESCRIPTION)
		return o;
	json_object_set_new(o, "globalFeedback", text(q, q->general));
	if (q->type == GIFT_TF) {
		json_object_set_new(o, "isTrue", json_boolean(q->is_true));
		json_object_set_new(o, "trueFeedback", text(q, q->feedback1));
		json_object_set_new(o, "falseFeedback", text(q, q->feedback2));
	}
	if (q->type == GIFT_MC || q->type == GIFT_SHORT) {
		list = json_array();
		for (i = 0; i < q->n_answers; i++) {
			const struct gift_answer *a = &q->answers[i];
			json_array_append_new(
				list,
				json_pack("{s:b, s:o, s:o, s:o}", "isCorrect",
					  a->correct, "weight",
					  a->has_weight ? json_real(a->weight)
							: json_null(),
					  "text", text(q, a->text), "feedback",
					  text(q, a->feedback)));
		}
		json_object_set_new(o, "choices", list);
	}
	if (q->type == GIFT_MATCHING) {
		list = json_array();
		for (i = 0; i < q->n_answers; i++)
			json_array_append_new(
				list,
				json_pack("{s:o, s:s}", "subquestion",
					  text(q, q->answers[i].text),
					  "subanswer", q->answers[i].match));
		json_object_set_new(o, "matchPairs", list);
	}
	return o;
}

int main(int argc, char **argv)
{
	struct diag_list dl = { 0 };
	struct gift_file f;
	json_t *out = json_array();
	char *s, buf[65536];
	struct strbuf sb = { 0 };
	size_t n, i;
	FILE *in;

	if (argc != 2 || !(in = fopen(argv[1], "rb"))) {
		fprintf(stderr, "usage: gift_dump FILE\n");
		return 2;
	}
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(in);
	gift_parse(argv[1], sb.len ? sb.buf : "", sb.len, &f, &dl);
	for (i = 0; i < f.n; i++)
		json_array_append_new(out, question(&f.v[i]));
	s = json_dumps(out, JSON_INDENT(1) | JSON_REAL_PRECISION(15));
	puts(s);
	free(s);
	for (i = 0; i < dl.n; i++) {
		char *d = diag_format(&dl.items[i]);
		fprintf(stderr, "%s\n", d);
		free(d);
	}
	n = dl.errors;
	json_decref(out);
	gift_release(&f);
	diag_list_release(&dl);
	strbuf_release(&sb);
	return n ? 1 : 0;
}
