/* SPDX-License-Identifier: GPL-3.0-or-later */
/* input.h - where lines come from: GNU readline on a terminal (editing,
 * history, completion, Ctrl-C), plain lines from a file or pipe otherwise.
 * One interface for both, so scripts and people go through the same loop. */
#ifndef RAPPORT_INPUT_H
#define RAPPORT_INPUT_H

#include <stdbool.h>
#include <stdio.h>

enum input_status {
	INPUT_LINE,	 /* a line was read */
	INPUT_EOF,	 /* end of input (Ctrl-D on an empty line) */
	INPUT_INTERRUPT, /* Ctrl-C: the line was dropped */
	INPUT_BAD,	 /* a line no one could have meant (a NUL byte, over
			    INPUT_MAX_LINE bytes) or a read error: the input
			    ends here, input_problem() says why */
};

/* The longest line taken, in bytes: an answer, a name or a command. A
 * longer one typed at the terminal is dropped, with a message, and the
 * line read again. */
#define INPUT_MAX_LINE 65536

struct input;

/* Candidates for completing word, the text before it being line. Returns
 * a NULL-terminated array of strings, all freed by the caller, or NULL. */
typedef char **(*input_completer)(void *data, const char *line,
				  const char *word);

/* Reads from f. With terminal true, f must be stdin on a terminal:
 * readline edits the lines, keeps the history at history_path (may be
 * NULL: none) and completes with complete. Caller closes. */
struct input *input_open(FILE *f, bool terminal, const char *history_path,
			 input_completer complete, void *data);
/* Saves the history (commands only) and restores the terminal. */
void input_close(struct input *in);

/* Reads one line, without its newline, into *line (caller frees); a byte
 * that is not UTF-8 comes back as U+FFFD. On a terminal prompt is shown
 * first and remember puts the line in the history; elsewhere prompt is not
 * shown. */
enum input_status input_read(struct input *in, const char *prompt,
			     bool remember, char **line);

/* While waiting for a line on a terminal, calls prompt(data) every second
 * and shows what it returns (freed here) as the new prompt: a live
 * countdown. NULL stops it. Scripts never tick. */
void input_set_ticker(struct input *in, char *(*prompt)(void *data),
		      void *data);

/* While waiting for a line on a terminal, calls ready(data) whenever fd
 * has something to read, with the line being typed cleared from the
 * screen: what it prints appears above the prompt, which comes back (as
 * the text it returns, freed here, or as it was for NULL) with the line
 * as it was. fd -1 stops it. Scripts never watch. */
void input_set_watch(struct input *in, int fd, char *(*ready)(void *data),
		     void *data);

/* Why input_read() returned INPUT_BAD (lowercase, no full stop), or
 * NULL. Every read after that is INPUT_EOF, so that nothing after a bad
 * line is taken as an answer or a command. */
const char *input_problem(const struct input *in);

/* Lines read so far (for "line N" in script errors). */
unsigned long input_line_number(const struct input *in);

/* True when reading from a terminal. */
bool input_is_terminal(const struct input *in);

#endif
