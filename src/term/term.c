/* SPDX-License-Identifier: GPL-3.0-or-later */
/* term.c - the terminal's size, its escape sequences and the pager. */
#include "term.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

unsigned term_columns(int fd)
{
	struct winsize ws;

	if (isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0)
		return ws.ws_col;
	return 0;
}

unsigned term_rows(int fd)
{
	struct winsize ws;

	if (isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0)
		return ws.ws_row;
	return 0;
}

unsigned term_reading_width(void)
{
	unsigned cols = term_columns(STDOUT_FILENO);
	const char *env = getenv("COLUMNS");
	long n;

	if (cols > 0)
		return cols > 100 ? 100 : cols;
	if (env && (n = strtol(env, NULL, 10)) >= 20 && n <= 1000)
		return (unsigned)n;
	return 80;
}

bool term_takes_escapes(int fd)
{
	const char *term = getenv("TERM");

	/* a terminal that says it is dumb, or says nothing, gets none */
	return isatty(fd) && term && *term && strcmp(term, "dumb") != 0;
}

const char *term_style_on(enum style s)
{
	static const char *const sgr[] = {
		[STYLE_BOLD] = "\033[1m",  [STYLE_DIM] = "\033[2m",
		[STYLE_GOOD] = "\033[32m", [STYLE_BAD] = "\033[31m",
		[STYLE_PART] = "\033[33m", [STYLE_TITLE] = "\033[1;36m",
	};

	return sgr[s];
}

static size_t count_lines(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (*s == '\n')
			n++;
	return n;
}

void term_page(const char *text)
{
	const char *pager = getenv("PAGER");
	unsigned rows = term_rows(STDOUT_FILENO);
	struct sigaction ign, old_pipe;
	FILE *p;

	fflush(stdout);
	if (!isatty(STDOUT_FILENO) || count_lines(text) < (rows ? rows : 24) ||
	    (pager && !*pager) || (pager && strcmp(pager, "cat") == 0)) {
		fputs(text, stdout);
		return;
	}
	if (!pager)
		pager = "less";
	/* less shows colour, leaves short text on screen and does not
	 * clear it, unless the user set LESS */
	setenv("LESS", "FRX", 0);
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old_pipe);
	p = popen(pager, "w");
	if (!p) {
		fputs(text, stdout);
	} else {
		fputs(text, p);
		pclose(p);
	}
	sigaction(SIGPIPE, &old_pipe, NULL);
}
