/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_content.c - the content loader and validator on one document held
 * in memory: the path `rapport validate` takes after reading a file,
 * with no file touched. Each input is parsed, checked against the schema,
 * turned into a model, linked, given every semantic check, and each
 * diagnostic is formatted as it would be printed; then everything is
 * freed, so LeakSanitizer sees a leak in any of it.
 *
 * What must hold besides "no crash, no leak": every formatted diagnostic
 * is one line with no control byte in it, whatever the input held. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "content.h"
#include "diag.h"
#include "model.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static void at_exit(void)
{
	content_cleanup();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	content_init();
	atexit(at_exit);
	return 0;
}

/* True when the formatted line holds a control byte: a terminal would
 * act on it. The sanitiser's job is that this never happens. */
static int has_control(const char *s)
{
	size_t n = strlen(s), i = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (cp == '\n' || cp == '\t' || text_is_control(cp) ||
		    text_is_bidi(cp))
			return 1;
		i += k;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl = { 0 };
	struct course *c;
	char *buf;
	size_t i;

	/* the loader reads files into NUL-terminated buffers; so do we */
	if (size > CONTENT_MAX_FILE_BYTES)
		return -1;
	buf = malloc(size + 1);
	if (!buf)
		return -1;
	memcpy(buf, data, size);
	buf[size] = '\0';

	c = course_new("fuzz/course.xml");
	content_load_memory(c, "fuzz/course.xml", buf, size, &dl);
	course_link(c);
	check_course(c, c->files_skipped == 0, &dl);
	diag_sort(&dl, NULL, 0);
	for (i = 0; i < dl.n; i++) {
		char *line = diag_format(&dl.items[i]);
		if (has_control(line))
			abort();
		free(line);
	}
	diag_list_release(&dl);
	course_free(c);
	free(buf);
	return 0;
}
