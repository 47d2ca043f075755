/* SPDX-License-Identifier: GPL-3.0-or-later */
/* input.c - where lines come from: GNU readline on a terminal, plain lines
 * elsewhere. The only file that includes readline.
 *
 * readline runs through its callback interface: with its blocking
 * readline(), Ctrl-C discards the line but never returns, so no fresh
 * prompt appears. Here SIGINT only sets a flag. SIGINT stays blocked except
 * while waiting for a key, in pselect(), so it cannot slip in unseen; the
 * wait is ours (rl_getc_function), since readline's own would wait with the
 * signal blocked. A key read after Ctrl-C is EOF to readline, which then
 * returns, and the line state is cleaned up as its manual describes. */
#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "../core/text.h"
#include "../core/util.h"

#define HISTORY_LINES 1000

struct input {
	FILE *f;	     /* where lines come from */
	bool terminal;	     /* through readline */
	char *history_path;  /* NULL: no history kept */
	int history_added;   /* lines added this session */
	unsigned long lines; /* lines read */
	char *problem;	     /* why the input ended early; owned */
	input_completer complete;
	void *data;
	char *(*ticker)(void *data); /* a new prompt each second, or NULL */
	void *ticker_data;
	int watch_fd; /* something to hear of while waiting, or -1 */
	char *(*watch)(void *data);
	void *watch_data;
	struct sigaction old_int; /* restored on close */
	struct sigaction old_winch;
};

static volatile sig_atomic_t got_sigint;
static volatile sig_atomic_t got_sigwinch;
static sigset_t wait_mask; /* the signal mask to wait for keys with */
/* The terminal opened again, non-blocking, for reading keys: Ctrl-C
 * flushes the terminal's input, so a key pselect() saw may be gone by the
 * time it is read, and a blocking read would then wait with SIGINT
 * blocked. A descriptor of our own keeps O_NONBLOCK from other programs
 * sharing stdin. */
static int key_fd = -1;
static struct input *active; /* the terminal input, for completion */

/* the line handed over by readline's callback */
static char *cb_line;
static bool cb_done;

static void on_sigint(int sig)
{
	(void)sig;
	got_sigint = 1;
}

static void on_sigwinch(int sig)
{
	(void)sig;
	got_sigwinch = 1;
}

/* readline's key reader: waits with SIGINT open, reads one byte. */
static int read_key(FILE *f)
{
	int fd = key_fd >= 0 ? key_fd : fileno(f);

	for (;;) {
		unsigned char c;
		fd_set fds;
		ssize_t n;
		if (got_sigint)
			return EOF;
		FD_ZERO(&fds);
		FD_SET(fd, &fds);
		if (pselect(fd + 1, &fds, NULL, NULL, NULL, &wait_mask) < 0) {
			if (errno == EINTR)
				continue;
			return EOF;
		}
		n = read(fd, &c, 1);
		if (n == 1)
			return c;
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		return EOF;
	}
}

static char *no_match(const char *text, int state)
{
	(void)text;
	(void)state;
	return NULL;
}

static char **on_complete(const char *text, int start, int end)
{
	char *before, **found;

	(void)end;
	rl_attempted_completion_over = 1; /* never fall back to file names */
	if (!active || !active->complete)
		return NULL;
	before = xstrndup(rl_line_buffer, (size_t)start);
	found = active->complete(active->data, before, text);
	free(before);
	if (found && !found[0]) {
		free(found);
		return NULL;
	}
	if (found) {
		/* readline wants the common prefix first, then the matches */
		size_t n = 0, i, common;
		char **out;
		while (found[n])
			n++;
		common = strlen(found[0]);
		for (i = 1; i < n; i++) {
			size_t j = 0;
			while (j < common && found[i][j] == found[0][j])
				j++;
			common = j;
		}
		out = xcalloc(n + 2, sizeof(*out));
		out[0] =
			n == 1 ? xstrdup(found[0]) : xstrndup(found[0], common);
		for (i = 0; i < n; i++)
			out[i + 1] = n == 1 ? NULL : found[i];
		if (n == 1)
			free(found[0]);
		free(found);
		return out;
	}
	return NULL;
}

/* Reads the history file into readline's history, itself, as only a
 * regular file of its own: a FIFO there would hang the shell before its
 * first prompt, a link could lead anywhere. False (after saying so) when
 * it is something else; then no history is kept this time. */
static bool load_history(const char *path)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC |
				    O_NOCTTY);
	struct stat st;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	FILE *f;

	if (fd < 0 && errno == ENOENT)
		return true; /* none yet */
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		char *safe = text_sanitize(path, TEXT_ONE_LINE);
		fprintf(stderr,
			"rapport: the history file '%s' is %s; no "
			"history is kept this time\n",
			safe,
			fd < 0 && errno == ELOOP ? "a symbolic link"
			: fd < 0		 ? "not readable"
						 : "not a regular file");
		free(safe);
		if (fd >= 0)
			close(fd);
		return false;
	}
	f = fdopen(fd, "r");
	if (!f) {
		close(fd);
		return false;
	}
	while ((n = getline(&line, &cap, f)) > 0) {
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		if (n > 0 && n <= INPUT_MAX_LINE &&
		    !memchr(line, '\0', (size_t)n))
			add_history(line);
	}
	free(line);
	fclose(f);
	return true;
}

struct input *input_open(FILE *f, bool terminal, const char *history_path,
			 input_completer complete, void *data)
{
	struct input *in = xcalloc(1, sizeof(*in));
	struct sigaction sa;

	in->f = f;
	in->terminal = terminal;
	in->watch_fd = -1;
	if (!terminal)
		return in;
	in->complete = complete;
	in->data = data;
	active = in;
	rl_readline_name = "rapport";
	rl_instream = f;
	rl_outstream = stdout;
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_getc_function = read_key;
	{
		const char *tty = ttyname(fileno(f));
		key_fd = tty ? open(tty, O_RDONLY | O_NONBLOCK | O_CLOEXEC |
						 O_NOCTTY)
			     : -1;
	}
	rl_attempted_completion_function = on_complete;
	rl_completion_entry_function = no_match;
	rl_basic_word_break_characters = " \t\n";
	stifle_history(HISTORY_LINES);
	if (history_path && load_history(history_path))
		in->history_path = xstrdup(history_path);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: select() must see EINTR */
	sigaction(SIGINT, &sa, &in->old_int);
	sa.sa_handler = on_sigwinch;
	sigaction(SIGWINCH, &sa, &in->old_winch);
	return in;
}

/* Appends this session's lines to the history file, created 0600, and
 * trims it to HISTORY_LINES. */
static void save_history(struct input *in)
{
	struct stat st;
	int fd;

	if (!in->history_path || in->history_added == 0)
		return;
	/* O_NONBLOCK: a FIFO put there since must not hang the way out */
	fd = open(in->history_path,
		  O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW |
			  O_NONBLOCK | O_NOCTTY,
		  0600);
	if (fd < 0)
		return;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return;
	}
	fchmod(fd, 0600);
	close(fd);
	if (append_history(in->history_added, in->history_path) == 0)
		history_truncate_file(in->history_path, HISTORY_LINES);
	in->history_added = 0;
}

void input_close(struct input *in)
{
	if (!in)
		return;
	if (in->terminal) {
		save_history(in);
		rl_callback_handler_remove();
		clear_history();
		sigaction(SIGINT, &in->old_int, NULL);
		sigaction(SIGWINCH, &in->old_winch, NULL);
		if (key_fd >= 0)
			close(key_fd);
		key_fd = -1;
		if (active == in)
			active = NULL;
	}
	free(in->history_path);
	free(in->problem);
	free(in);
}

/* Adds line to the history unless it repeats the last entry. */
static void remember_line(struct input *in, const char *line)
{
	HIST_ENTRY *last =
		history_length > 0
			? history_get(history_base + history_length - 1)
			: NULL;

	if (last && strcmp(last->line, line) == 0)
		return;
	add_history(line);
	in->history_added++;
}

static void on_line(char *line)
{
	cb_line = line;
	cb_done = true;
	rl_callback_handler_remove();
}

/* line, any byte of it that is not UTF-8 made U+FFFD: answers and names
 * are stored, and exported as JSON, which only holds text. Frees line. */
static char *as_text(char *line)
{
	char *text = text_repair_utf8(line);

	free(line);
	return text;
}

/* Ends the input with a problem: this read is INPUT_BAD, every later one
 * INPUT_EOF. */
static enum input_status stop(struct input *in, char *problem)
{
	in->problem = problem;
	return INPUT_BAD;
}

/* A line from a file or a pipe, read a byte at a time up to the limit: a
 * file with no newline (/dev/zero) must not fill the memory, and a NUL
 * byte would cut the answer short where the rest of the program reads
 * it as a C string. */
static enum input_status read_plain(struct input *in, char **line)
{
	struct strbuf sb = { 0 };
	bool nul = false;
	int c;

	if (in->problem)
		return INPUT_EOF;
	strbuf_add(&sb, "", 0);
	while ((c = getc_unlocked(in->f)) != EOF && c != '\n') {
		if (sb.len == INPUT_MAX_LINE) {
			strbuf_release(&sb);
			in->lines++;
			return stop(in, xasprintf("the line is over %d bytes "
						  "long",
						  INPUT_MAX_LINE));
		}
		nul |= c == '\0';
		strbuf_addc(&sb, (char)c);
	}
	if (c == EOF && ferror(in->f)) {
		strbuf_release(&sb);
		return stop(in, xasprintf("cannot read the input: %s",
					  strerror(errno)));
	}
	if (c == EOF && sb.len == 0) {
		strbuf_release(&sb);
		return INPUT_EOF;
	}
	in->lines++;
	if (nul) {
		strbuf_release(&sb);
		return stop(in, xstrdup("the line holds a NUL byte, which "
					"text never does"));
	}
	while (sb.len > 0 && sb.buf[sb.len - 1] == '\r')
		sb.buf[--sb.len] = '\0';
	*line = as_text(strbuf_detach(&sb));
	return INPUT_LINE;
}

static enum input_status read_terminal(struct input *in, const char *prompt,
				       char **line);

enum input_status input_read(struct input *in, const char *prompt,
			     bool remember, char **line)
{
	char *raw;

	*line = NULL;
	if (!in->terminal)
		return read_plain(in, line);
	for (;;) {
		enum input_status st = read_terminal(in, prompt, &raw);
		size_t n;
		if (st != INPUT_LINE)
			return st;
		n = strlen(raw);
		if (n <= INPUT_MAX_LINE) {
			/* completion leaves a space after the last word */
			while (n && (raw[n - 1] == ' ' || raw[n - 1] == '\t'))
				n--;
			if (remember && n) {
				char *kept = xstrndup(raw, n);
				remember_line(in, kept);
				free(kept);
			}
			*line = as_text(raw);
			return INPUT_LINE;
		}
		free(raw);
		fprintf(stderr,
			"rapport: that line is over %d bytes long; "
			"it was dropped\n",
			INPUT_MAX_LINE);
	}
}

/* A line typed at the terminal, through readline's callbacks; caller
 * frees. */
static enum input_status read_terminal(struct input *in, const char *prompt,
				       char **line)
{
	sigset_t block, orig;
	int fd;

	fd = key_fd >= 0 ? key_fd : fileno(in->f);
	got_sigint = 0;
	cb_done = false;
	cb_line = NULL;
	/* SIGINT and SIGWINCH stay blocked but inside pselect(), so that one
	 * arriving while readline handles a key is seen at the next wait
	 * instead of being lost before it */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGWINCH);
	sigprocmask(SIG_BLOCK, &block, &orig);
	wait_mask = orig;
	rl_callback_handler_install(prompt, on_line);
	for (;;) {
		fd_set fds;
		int r;
		if (got_sigint) {
			got_sigint = 0;
			rl_free_line_state();
			rl_callback_sigcleanup();
			rl_cleanup_after_signal();
			rl_callback_handler_remove();
			sigprocmask(SIG_SETMASK, &orig, NULL);
			free(cb_line);
			cb_line = NULL;
			fputs("\n", stdout);
			fflush(stdout);
			return INPUT_INTERRUPT;
		}
		if (cb_done)
			break;
		if (got_sigwinch) {
			got_sigwinch = 0;
			rl_resize_terminal();
		}
		FD_ZERO(&fds);
		FD_SET(fd, &fds);
		if (in->watch_fd >= 0)
			FD_SET(in->watch_fd, &fds);
		{
			struct timespec second = { 1, 0 };
			int top = in->watch_fd > fd ? in->watch_fd : fd;
			r = pselect(top + 1, &fds, NULL, NULL,
				    in->ticker ? &second : NULL, &orig);
		}
		if (r > 0 && in->watch_fd >= 0 &&
		    FD_ISSET(in->watch_fd, &fds)) {
			char *p;
			rl_clear_visible_line();
			fflush(stdout);
			p = in->watch(in->watch_data);
			fflush(stdout);
			if (p)
				rl_set_prompt(p);
			rl_forced_update_display();
			free(p);
			if (!FD_ISSET(fd, &fds))
				continue;
		}
		if (r == 0 && in->ticker) {
			char *p = in->ticker(in->ticker_data);
			rl_set_prompt(p);
			rl_forced_update_display();
			free(p);
			continue;
		}
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			rl_callback_handler_remove();
			sigprocmask(SIG_SETMASK, &orig, NULL);
			return INPUT_EOF;
		}
		rl_callback_read_char();
	}
	sigprocmask(SIG_SETMASK, &orig, NULL);
	if (!cb_line)
		return INPUT_EOF;
	in->lines++;
	*line = cb_line;
	return INPUT_LINE;
}

void input_set_watch(struct input *in, int fd, char *(*ready)(void *data),
		     void *data)
{
	in->watch_fd = ready ? fd : -1;
	in->watch = ready;
	in->watch_data = data;
}

void input_set_ticker(struct input *in, char *(*prompt)(void *data), void *data)
{
	in->ticker = prompt;
	in->ticker_data = data;
}

const char *input_problem(const struct input *in)
{
	return in->problem;
}

unsigned long input_line_number(const struct input *in)
{
	return in->lines;
}

bool input_is_terminal(const struct input *in)
{
	return in->terminal;
}
