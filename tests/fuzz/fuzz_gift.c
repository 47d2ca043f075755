/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_gift.c - the GIFT reader (core/gift.c) on any bytes.
 *
 * What must hold: it ends; every question it keeps has its text and a
 * place in the file within the input's lines; answers have text (a
 * matching pair its right side: an empty left is a distractor, as Moodle
 * has them); weights are from -100 to 100; a category question names its
 * category; errors are counted as many as the diagnostics say. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "gift.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl = { 0 };
	struct gift_file f;
	size_t errors, i, j, lines = 1;

	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	errors = gift_parse("f.gift", (const char *)data, size, &f, &dl);
	if (errors != dl.errors)
		abort();
	for (i = 0; i < f.n; i++) {
		const struct gift_question *q = &f.v[i];
		if (q->line < 1 || q->line > lines || !q->format)
			abort();
		if (q->type == GIFT_CATEGORY ? !q->category : !q->text)
			abort();
		for (j = 0; j < q->n_answers; j++) {
			const struct gift_answer *a = &q->answers[j];
			bool pair = q->type == GIFT_MATCHING;
			if (!a->text || (!pair && !*a->text) ||
			    (pair && (!a->match || !*a->match)) ||
			    a->line < q->line ||
			    (a->has_weight &&
			     !(a->weight >= -100 && a->weight <= 100)) ||
			    (q->type == GIFT_MATCHING) != (a->match != NULL))
				abort();
		}
	}
	gift_release(&f);
	diag_list_release(&dl);
	return 0;
}
