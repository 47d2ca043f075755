/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_import.c - import on any bytes: the Moodle XML reader (with its
 * HTML) or the GIFT reader, as the bytes say, then the writer.
 *
 * What must hold: it ends; every question seen is either written or said
 * not imported; and every file the writer makes loads in a course folder
 * and passes the course checks, with no error - so what import writes is
 * always a course rapport reads. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "content.h"
#include "diag.h"
#include "gift.h"
#include "moodle.h"
#include "qbank.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Says what broke before the run stops, so a finding explains itself. */
static void fail(const char *why, const struct diag_list *dl,
		 const struct qb_output *out)
{
	size_t i;

	fprintf(stderr, "fuzz_import: %s\n", why);
	for (i = 0; dl && i < dl->n; i++) {
		char *line = diag_format(&dl->items[i]);
		fprintf(stderr, "  %s\n", line);
		free(line);
	}
	for (i = 0; out && i < out->n_files; i++)
		fprintf(stderr, "--- %s\n%s", out->files[i].name,
			out->files[i].text);
	abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	content_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl = { 0 }, loaded = { 0 };
	struct qbank qb = { 0 };
	struct qb_write_opts o = { 0 };
	struct qb_output out;
	struct course *c;
	size_t i;

	qb.file = "f.bank";
	if (moodle_is_xml((const char *)data, size)) {
		moodle_read(&qb, (const char *)data, size, &dl);
	} else {
		struct gift_file g = { 0 };
		gift_parse("f.bank", (const char *)data, size, &g, &dl);
		qbank_from_gift(&qb, &g, &dl);
		gift_release(&g);
	}
	o.new_course = true;
	o.course_id = "fuzz";
	o.course_title = "Fuzz";
	if (qbank_write(&qb, 1, &o, &out, &dl) != 0)
		fail("a new course left a category out", &dl, NULL);
	if (out.questions + qb.dropped != qb.seen)
		fail("a question was neither written nor said not imported",
		     &dl, &out);
	c = course_new("fuzz");
	for (i = 0; i < out.n_files; i++) {
		char *name = xasprintf("fuzz/%s", out.files[i].name);
		content_load_member(c, name, out.files[i].text,
				    strlen(out.files[i].text), &loaded);
		free(name);
	}
	course_link(c);
	check_course(c, true, &loaded);
	if (loaded.errors)
		fail("what import wrote does not load", &loaded, &out);
	course_free(c);
	qb_output_release(&out);
	qbank_release(&qb);
	diag_list_release(&dl);
	diag_list_release(&loaded);
	return 0;
}
