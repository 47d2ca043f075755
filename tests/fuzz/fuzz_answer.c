/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_answer.c - the answer parser and the scoring behind it: what a
 * learner types, read against every kind of item.
 *
 * A small course with one question of each type, a self-assessment and
 * an exercise (tests/content/good/minimal.xml, built in) is loaded once.
 * For each input, its first byte picks the run (quiz, assessment,
 * exercise) and the item, the second a seed for the option order, and the
 * rest, up to a newline or NUL, is the line typed. The line is parsed; a
 * response is scored and the run's result worked out, as the shell does.
 *
 * What must hold: an unclear answer always says why, in one line; a
 * response always fits the item it was parsed for (run_answer takes it);
 * and credit stays between 0 and 1. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "content.h"
#include "engine.h"
#include "model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

extern const unsigned char fuzz_course_xml[];
extern const size_t fuzz_course_xml_len;

static struct course *course;
static const struct quiz *quiz;
static const struct assessment *assessment;
static const struct exercise *exercise;

static void at_exit(void)
{
	course_free(course);
	content_cleanup();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct diag_list dl = { 0 };

	(void)argc;
	(void)argv;
	course = course_new("minimal.xml");
	if (!content_load_memory(course, "minimal.xml",
				 (const char *)fuzz_course_xml,
				 fuzz_course_xml_len, &dl))
		abort();
	diag_list_release(&dl);
	course_link(course);
	quiz = course_find_kind(course, "check", ITEM_QUIZ);
	assessment = course_find_kind(course, "habits", ITEM_ASSESSMENT);
	exercise = course_find_kind(course, "meeting", ITEM_EXERCISE);
	if (!quiz || !assessment || !exercise)
		abort();
	atexit(at_exit);
	return 0;
}

static struct run *new_run(unsigned pick, uint64_t seed)
{
	switch (pick % 3) {
	case 0:
		return run_new_quiz(course, quiz, seed);
	case 1:
		return run_new_assessment(course, assessment, seed);
	default:
		return run_new_exercise(course, exercise, seed);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct answer a;
	struct result res;
	struct run *r;
	struct run_item *it;
	size_t len, skip;
	char *line;

	if (size < 2)
		return -1;
	r = new_run(data[0], data[1]);
	/* move to the item the first byte names */
	for (skip = (size_t)(data[0] / 3) % (r->n_items ? r->n_items : 1);
	     skip > 0; skip--)
		run_skip(r);
	it = run_current(r);
	if (!it) {
		run_free(r);
		return 0;
	}
	for (len = 0; 2 + len < size; len++)
		if (data[2 + len] == '\n' || data[2 + len] == '\0')
			break;
	line = malloc(len + 1);
	if (!line)
		abort();
	memcpy(line, data + 2, len);
	line[len] = '\0';

	free(answer_expected(r, it));
	answer_parse(r, it, line, &a);
	if (a.kind == ANSWER_UNCLEAR &&
	    (!a.why || !*a.why || strchr(a.why, '\n')))
		abort();
	if (a.kind == ANSWER_RESPONSE) {
		const struct run_item *done = run_answer(r, &a.response);
		if (!done)
			abort(); /* the parser let through what cannot be scored
				  */
		if (done->credit < 0 || done->credit > 1)
			abort();
		run_result(r, &res);
		if (res.scored && (res.score < 0 || res.score > 100))
			abort();
		result_release(&res);
	}
	answer_release(&a);
	free(line);
	run_free(r);
	return 0;
}
