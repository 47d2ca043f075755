/* SPDX-License-Identifier: GPL-3.0-or-later */
/* args.c - what the commands that take options share: a day given as a
 * date, a file written whole or not at all, how xAPI names things. */
#include "cmd.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../core/store.h"
#include "../core/text.h"
#include "../core/xapi.h"

int64_t app_parse_day(const char *text)
{
	struct tm tm;
	int y, m, d;
	char tail;
	time_t t;

	if (sscanf(text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
	    strlen(text) != 10)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	/* mktime moves 31 February on to March: such a date is not one */
	if (t == (time_t)-1 || tm.tm_year != y - 1900 || tm.tm_mon != m - 1 ||
	    tm.tm_mday != d)
		return -1;
	return (int64_t)t * 1000;
}

bool out_file_open(struct app *app, struct out_file *of, const char *path)
{
	struct outfile_guard guards[6] = { { 0 } };
	size_t n = 0;
	char *err = NULL;

	memset(of, 0, sizeof(*of));
	if (!path || strcmp(path, "-") == 0) {
		of->f = app->out;
		return true;
	}
	if (app->store) {
		const char *const *files = store_files(app->store);
		for (; *files && n < RP_ARRAY_LEN(guards) - 1; files++, n++) {
			guards[n].path = *files;
			guards[n].what = n == 0 ? "the results database"
						: "a journal of the results "
						  "database";
		}
	}
	if (app->history) {
		guards[n].path = app->history;
		guards[n++].what = "the shell's history";
	}
	if (outfile_open(&of->file, path, guards, n, &err) != 0) {
		app_error(app, "%s", err);
		free(err);
		return false;
	}
	if (of->file.kind == OUTFILE_STDOUT) {
		of->f = app->out; /* as if it were "-" */
		return true;
	}
	of->path = path;
	of->f = of->file.f;
	return true;
}

bool out_file_close(struct app *app, struct out_file *of, bool keep)
{
	char *err = NULL;
	bool ok = keep;

	if (!of->path) {
		errno = 0;
		if (fflush(of->f) != 0 || ferror(of->f)) {
			/* said here, with the reason, not again at exit */
			app_error(app, "cannot write the output: %s",
				  errno ? strerror(errno) : "a write failed");
			clearerr(of->f);
			ok = false;
		}
		return ok;
	}
	if (!keep) {
		outfile_discard(&of->file);
	} else if (outfile_commit(&of->file, &err) != 0) {
		app_error(app, "%s", err);
		free(err);
		ok = false;
	}
	memset(of, 0, sizeof(*of));
	return ok;
}

/* v is NULL, or an absolute IRI; else says so. */
static bool iri_option(struct app *app, const char *cmd, const char *name,
		       const char *v)
{
	char *safe;

	if (!v || xapi_iri_ok(v))
		return true;
	safe = text_sanitize(v, TEXT_ONE_LINE);
	app_error(app,
		  "%s: %s takes an absolute IRI such as"
		  " https://learning.example.com/, not '%s'",
		  cmd, name, safe);
	free(safe);
	return false;
}

bool app_xapi_options(struct app *app, const char *cmd, const char *base,
		      const char *home, struct xapi_options *out)
{
	if (!base)
		base = getenv("RAPPORT_XAPI_BASE");
	if (!home)
		home = getenv("RAPPORT_XAPI_HOME");
	if (!iri_option(app, cmd, "--base", base) ||
	    !iri_option(app, cmd, "--home-page", home))
		return false;
	out->base = base && *base ? base : NULL;
	out->home_page = home && *home ? home : NULL;
	return true;
}
