/* SPDX-License-Identifier: GPL-3.0-or-later */
/* replay.c - runs a fuzz harness without libFuzzer: every file named on
 * the command line (or found in a folder named there) is given to
 * LLVMFuzzerTestOneInput once. `make check` builds each harness with this
 * and runs it over the seeds and the regression inputs, so what a fuzzer
 * once found stays fixed, with gcc, under the sanitizers and valgrind. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static size_t inputs;
static int failed;

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void replay(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		fprintf(stderr, "replay: %s: cannot read\n", path);
		failed = 1;
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *e;
		char **names = NULL;
		size_t n = 0, cap = 0, i;
		if (!d) {
			fprintf(stderr, "replay: %s: cannot list\n", path);
			failed = 1;
			return;
		}
		while ((e = readdir(d))) {
			void *p = names;
			if (e->d_name[0] == '.')
				continue;
			xgrow(&p, &cap, n + 1, sizeof(*names));
			names = p;
			names[n++] = xasprintf("%s/%s", path, e->d_name);
		}
		closedir(d);
		sort_array(names, n, sizeof(*names), by_name);
		for (i = 0; i < n; i++) {
			replay(names[i]);
			free(names[i]);
		}
		free(names);
		return;
	}
	{
		enum file_problem why;
		char *err = NULL;
		size_t len;
		char *buf = file_read(path, (size_t)64 << 20, &len, &why, &err);
		if (!buf) {
			fprintf(stderr, "replay: %s: %s\n", path, err);
			free(err);
			failed = 1;
			return;
		}
		LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
		free(buf);
		inputs++;
	}
}

int main(int argc, char **argv)
{
	int i;

	LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++)
		replay(argv[i]);
	printf("%s: %zu inputs\n", argv[0], inputs);
	return failed;
}
