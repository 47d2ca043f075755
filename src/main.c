/* main.c - rapport's entry: global options, then one command or the shell. */
#include <getopt.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/content.h"
#include "core/text.h"
#include "core/util.h"

#ifndef RAPPORT_VERSION
#define RAPPORT_VERSION "0.1.0"
#endif

static void usage(FILE *f)
{
	size_t i;

	fprintf(f,
		"usage: rapport [OPTION...] [COMMAND [ARG...]]\n"
		"\n"
		"rapport trains salespeople to work well with customer service,\n"
		"purchasing and the support staff inside their own company.\n"
		"With a COMMAND it runs that one command; without, it opens\n"
		"the shell.\n"
		"\n"
		"Options:\n"
		"  --content DIR   the folder with the courses\n"
		"  --user NAME     whose results (default: your login name)\n"
		"  --seed N        the random seed for question order\n"
		"  --no-color      never use colour (so does NO_COLOR)\n"
		"  --help          show this help and exit\n"
		"  --version       show the version and exit\n"
		"\n"
		"Commands:\n");
	for (i = 0; i < cmd_count; i++)
		fprintf(f, "  %-10s %s\n", cmd_table[i].name,
			cmd_table[i].summary);
	fprintf(f, "\nExit status: 0 ok, 1 a failed check, 2 a usage error.\n");
}

static bool parse_seed(const char *s, unsigned long *out)
{
	char *end;
	unsigned long v;

	if (!*s || *s == '-')
		return false;
	v = strtoul(s, &end, 10);
	if (*end)
		return false;
	*out = v;
	return true;
}

int main(int argc, char **argv)
{
	enum { OPT_CONTENT = 256, OPT_USER, OPT_SEED, OPT_NO_COLOR, OPT_HELP,
	       OPT_VERSION };
	static const struct option options[] = {
		{"content", required_argument, NULL, OPT_CONTENT},
		{"user", required_argument, NULL, OPT_USER},
		{"seed", required_argument, NULL, OPT_SEED},
		{"no-color", no_argument, NULL, OPT_NO_COLOR},
		{"help", no_argument, NULL, OPT_HELP},
		{"version", no_argument, NULL, OPT_VERSION},
		{NULL, 0, NULL, 0},
	};
	struct app app = {0};
	bool no_color = false;
	int c, status;

	setlocale(LC_ALL, "");
	app.out = stdout;
	app.err = stderr;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+", options, NULL)) != -1) {
		switch (c) {
		case OPT_CONTENT:
			app.content = optarg;
			break;
		case OPT_USER:
			app.user = optarg;
			break;
		case OPT_SEED:
			if (!parse_seed(optarg, &app.seed)) {
				fprintf(stderr, "rapport: --seed needs a whole "
						"number, not '%s'\n",
					optarg);
				return EXIT_USAGE;
			}
			app.seed_set = true;
			break;
		case OPT_NO_COLOR:
			no_color = true;
			break;
		case OPT_HELP:
			usage(stdout);
			return EXIT_OK;
		case OPT_VERSION:
			printf("rapport %s\n", RAPPORT_VERSION);
			return EXIT_OK;
		default: {
			char *safe = text_sanitize(argv[optind - 1],
						   TEXT_ONE_LINE);
			fprintf(stderr,
				"rapport: unknown or incomplete option '%s'\n",
				safe);
			free(safe);
			usage(stderr);
			return EXIT_USAGE;
		}
		}
	}
	{
		const char *nc = getenv("NO_COLOR");
		app.color = !no_color && !(nc && *nc) && isatty(STDOUT_FILENO);
	}

	if (optind < argc) {
		status = cmd_run(&app, argc - optind, argv + optind);
	} else {
		/* Until the shell lands: show the open course and its state. */
		char name[] = "validate";
		char *args[] = {name, NULL};
		status = cmd_run(&app, 1, args);
	}
	app_release(&app);
	content_cleanup();
	if (fflush(stdout) != 0 && status == EXIT_OK)
		status = EXIT_FAILED;
	return status;
}
