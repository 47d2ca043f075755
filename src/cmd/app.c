/* SPDX-License-Identifier: GPL-3.0-or-later */
/* app.c - what the commands share: the content folder, the open course,
 * terminal-safe wrapped output, colour, paging, reading answers. */
#include "cmd.h"

#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <errno.h>

#include "../core/check.h"
#include "../core/content.h"
#include "../core/render.h"
#include "../core/store.h"
#include "../core/text.h"
#include "../term/input.h"
#include "../term/term.h"

#ifndef RAPPORT_DATADIR
#define RAPPORT_DATADIR "/usr/local/share/rapport"
#endif

/* ---- the content folder ---- */

static bool is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

char *display_path(const char *path)
{
	char cwd[PATH_MAX];
	size_t n;

	if (path[0] == '/' && getcwd(cwd, sizeof(cwd))) {
		n = strlen(cwd);
		if (strncmp(path, cwd, n) == 0 && path[n] == '/' && path[n + 1])
			return xstrdup(path + n + 1);
	}
	return xstrdup(path);
}

/* The folder beside the program that holds courses: the source tree's
 * content/ (for build/rapport and build/sanitize/rapport) or an installed
 * share/rapport (for bin/rapport). NULL when none. Caller frees. */
static char *content_near_program(void)
{
	static const char *const rel[] = {
		"../content",
		"../../content",
		"../share/rapport",
	};
	char exe[PATH_MAX], probe[PATH_MAX + 64], real[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;
	size_t i;

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	for (i = 0; i < RP_ARRAY_LEN(rel); i++) {
		snprintf(probe, sizeof(probe), "%s/%s/schema/rapport.rng", exe,
			 rel[i]);
		if (access(probe, R_OK) != 0)
			continue;
		snprintf(probe, sizeof(probe), "%s/%s", exe, rel[i]);
		if (realpath(probe, real))
			return display_path(real);
	}
	return NULL;
}

const char *app_content_dir(struct app *app)
{
	const char *env = getenv("RAPPORT_CONTENT");
	char *dir = NULL;

	if (app->content_dir)
		return app->content_dir;
	if (app->content)
		dir = xstrdup(app->content);
	else if (env && *env)
		dir = xstrdup(env);
	else if (!(dir = content_near_program()) && is_dir(RAPPORT_DATADIR))
		dir = xstrdup(RAPPORT_DATADIR);
	if (!dir) {
		app_error(app, "no course found: give --content DIR or set "
			       "RAPPORT_CONTENT");
		return NULL;
	}
	if (!is_dir(dir) && access(dir, R_OK) != 0) {
		app_error(app, "content folder '%s' does not exist", dir);
		free(dir);
		return NULL;
	}
	app->content_dir = dir;
	return dir;
}

bool app_open_course(struct app *app)
{
	struct diag_list dl = { 0 };
	const char *dir;
	char **courses;
	size_t n, i;

	if (app->course)
		return true;
	dir = app_content_dir(app);
	if (!dir)
		return false;
	if (is_dir(dir)) {
		n = content_find_courses(dir, &courses);
	} else {
		/* a course in one file */
		n = 1;
		courses = xcalloc(1, sizeof(char *));
		courses[0] = xstrdup(dir);
	}
	if (n == 0) {
		app_error(app, "no course in '%s'", dir);
		free(courses);
		return false;
	}
	app->course = content_load(courses[0], &dl);
	check_course(app->course, app->course->files_skipped == 0, &dl);
	diag_sort(&dl, (const char *const *)app->course->files.v,
		  app->course->files.n);
	for (i = 0; i < dl.n; i++) {
		if (dl.items[i].level == DIAG_ERROR) {
			char *line = diag_format(&dl.items[i]);
			fprintf(app->err, "%s\n", line);
			free(line);
		}
	}
	if (dl.errors) {
		app_error(app,
			  "the course '%s' has errors; 'rapport validate' "
			  "lists them all",
			  courses[0]);
		course_free(app->course);
		app->course = NULL;
	}
	diag_list_release(&dl);
	for (i = 0; i < n; i++)
		free(courses[i]);
	free(courses);
	return app->course != NULL;
}

/* mkdir -p with mode 0700 for each folder made. */
static int make_private_dirs(char *path)
{
	char *p;

	for (p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return mkdir(path, 0700) != 0 && errno != EEXIST ? -1 : 0;
}

char *app_xdg_file(const char *var, const char *fallback, const char *name)
{
	const char *base = getenv(var), *home = getenv("HOME");
	char *dir, *path;

	if (base && *base == '/')
		dir = xasprintf("%s/rapport", base);
	else if (home && *home)
		dir = xasprintf("%s/%s/rapport", home, fallback);
	else
		return NULL;
	if (make_private_dirs(dir) != 0) {
		free(dir);
		return NULL;
	}
	{
		/* rapport's own folder is private even if it was made open
		 * (mode 0777, say) before; the folders above are the user's */
		struct stat st;
		if (stat(dir, &st) == 0 && st.st_uid == geteuid() &&
		    (st.st_mode & 077))
			chmod(dir, st.st_mode & 0700);
	}
	path = xasprintf("%s/%s", dir, name);
	free(dir);
	return path;
}

bool app_open_store(struct app *app, bool write, bool add_user)
{
	char *path, *err = NULL;

	if (app->store && (!write || !app->store_read_only))
		return true;
	if (app->store) { /* read so far: writing needs it opened again */
		store_close(app->store);
		app->store = NULL;
	}
	path = app->db ? xstrdup(app->db)
		       : app_xdg_file("XDG_DATA_HOME", ".local/share",
				      "rapport.db");
	if (!path) {
		app_error(app, "no place for the results: set HOME or "
			       "XDG_DATA_HOME, or give --db FILE");
		return false;
	}
	app->store =
		write ? store_open(path, &err) : store_open_read(path, &err);
	app->store_read_only = !write;
	free(path);
	if (!app->store) {
		app_error(app, "%s", err);
		free(err);
		return false;
	}
	return app_set_user(app, app->user, write && add_user);
}

bool app_set_user(struct app *app, const char *name, bool add)
{
	/* stored and exported as text: a byte that is not UTF-8 is U+FFFD */
	char *err = NULL, *copy = text_repair_utf8(name);
	int64_t id;

	if (!app->store) {
		free(app->user);
		app->user = copy;
		return true;
	}
	if (!add ? store_find_user(app->store, copy, &id, &err) < 0
		 : store_user(app->store, copy, app_now_ms(), &id, &err) != 0) {
		app_error(app, "%s", err);
		free(err);
		free(copy);
		return false;
	}
	free(app->user);
	app->user = copy;
	app->user_id = id;
	return true;
}

double app_clock(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int64_t app_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The local calendar day of a time in ms, as days since 1970-01-01. */
static int64_t day_of(int64_t ms)
{
	time_t tt = (time_t)ms_to_seconds(ms);
	struct tm tm;

	localtime_r(&tt, &tm);
	tm.tm_hour = 12; /* noon: clear of daylight-saving edges */
	tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = 0;
	return (int64_t)timegm(&tm) / 86400;
}

int64_t app_today(void)
{
	return day_of(app_now_ms());
}

/* "Tuesday 3 November" for a broken-down time. */
static char *day_name(const struct tm *tm)
{
	char wd[32], mon[32];

	strftime(wd, sizeof(wd), "%A", tm);
	strftime(mon, sizeof(mon), "%B", tm);
	return xasprintf("%s %d %s", wd, tm->tm_mday, mon);
}

char *app_day_text(int64_t day)
{
	time_t t = (time_t)(day * 86400 + 43200);
	struct tm tm;

	gmtime_r(&t, &tm);
	return day_name(&tm);
}

char *app_when(int64_t ms)
{
	time_t tt = (time_t)ms_to_seconds(ms);
	int64_t days = app_today() - day_of(ms);
	struct tm tm;
	char buf[64];

	localtime_r(&tt, &tm);
	if (days == 0)
		strftime(buf, sizeof(buf), "today at %H:%M", &tm);
	else if (days == 1)
		strftime(buf, sizeof(buf), "yesterday at %H:%M", &tm);
	else if (days > 1 && days < 7)
		strftime(buf, sizeof(buf), "on %A", &tm);
	else {
		char *d = day_name(&tm),
		     *s = xasprintf("on %s %d", d, tm.tm_year + 1900);
		free(d);
		return s;
	}
	return xstrdup(buf);
}

/* ---- one writer per attempt ---- */

/* The 22nd field of /proc/PID/stat: when the process started, in clock
 * ticks since boot; "" when it cannot be read (no such process). */
static void start_time(long pid, char out[32])
{
	char path[64], buf[1024], *p;
	FILE *f;
	int field;
	size_t n;

	out[0] = '\0';
	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	if (!(f = fopen(path, "r")))
		return;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* the command name in parentheses may hold spaces: count from the
	 * last ')' on, which is field 2 */
	if (!(p = strrchr(buf, ')')))
		return;
	for (field = 2; *p && field < 22; p++)
		if (*p == ' ')
			field++;
	snprintf(out, 32, "%.*s", (int)strcspn(p, " \n"), p);
}

static void boot_id(char out[40])
{
	FILE *f = fopen("/proc/sys/kernel/random/boot_id", "r");

	snprintf(out, 40, "-");
	if (f) {
		if (fgets(out, 40, f))
			out[strcspn(out, "\n")] = '\0';
		fclose(f);
	}
}

static void host_name(char out[256])
{
	size_t i;

	if (gethostname(out, 255) != 0 || !*out)
		snprintf(out, 256, "localhost");
	out[255] = '\0';
	for (i = 0; out[i]; i++)
		if (out[i] == ' ')
			out[i] = '_';
}

const char *app_holder(struct app *app)
{
	char host[256], boot[40], start[32];

	if (!app->holder) {
		host_name(host);
		boot_id(boot);
		start_time((long)getpid(), start);
		app->holder = xasprintf("%s %s %ld %s", host, boot,
					(long)getpid(), *start ? start : "0");
	}
	return app->holder;
}

/* The parts of a holder; false when it is not one. */
static bool holder_parts(const char *holder, char host[256], char boot[40],
			 long *pid, char start[32])
{
	return sscanf(holder, "%255s %39s %ld %31s", host, boot, pid, start) ==
	       4;
}

bool app_holder_alive(const char *holder)
{
	char host[256], boot[40], start[32], me[256], my_boot[40], now[32];
	long pid;

	if (!holder_parts(holder, host, boot, &pid, start))
		return false; /* not ours to read: nobody's */
	host_name(me);
	if (strcmp(host, me) != 0)
		return true;
	boot_id(my_boot);
	if (strcmp(boot, my_boot) != 0 && strcmp(boot, "-") != 0)
		return false; /* it ran before the machine last started */
	start_time(pid, now);
	if (*now)
		return strcmp(now, start) == 0 || strcmp(start, "0") == 0;
	/* no /proc to look in: whether the process id is in use at all */
	return pid > 0 && (kill((pid_t)pid, 0) == 0 || errno == EPERM);
}

char *app_holder_text(const char *holder)
{
	char host[256], boot[40], start[32], me[256];
	long pid;

	if (!holder_parts(holder, host, boot, &pid, start))
		return xstrdup("another rapport");
	host_name(me);
	if (strcmp(host, me) == 0)
		return xasprintf("process %ld on this computer", pid);
	return xasprintf("a rapport on %s", host);
}

void app_release(struct app *app)
{
	store_close(app->store);
	app->store = NULL;
	course_free(app->course);
	app->course = NULL;
	free(app->content_dir);
	app->content_dir = NULL;
	free(app->user);
	app->user = NULL;
	free(app->holder);
	app->holder = NULL;
}

/* ---- output ---- */

const char *app_on(const struct app *app, enum style s)
{
	return app->color ? term_style_on(s) : "";
}

const char *app_off(const struct app *app)
{
	return app->color ? TERM_STYLE_OFF : "";
}

void app_clear_screen(const struct app *app)
{
	if (app->ansi)
		fputs(TERM_CLEAR, app->out);
}

void app_safe(struct strbuf *sb, const char *text)
{
	char *safe = text_sanitize(text ? text : "", TEXT_ONE_LINE);

	strbuf_adds(sb, safe);
	free(safe);
}

void app_wrap(const struct app *app, struct strbuf *sb, const char *text,
	      const char *first, const char *rest)
{
	char *safe = text_sanitize(text ? text : "", 0);

	render_wrap(sb, safe, app->width, first, rest);
	free(safe);
}

void app_render_opts(const struct app *app, struct render_opts *o)
{
	int i;

	render_opts_plain(o, app->width, app->unicode);
	o->sep = app->sep;
	o->arrow = app->arrow;
	for (i = 0; i < STYLE_COUNT; i++)
		o->on[i] = app_on(app, (enum style)i);
	o->off = app_off(app);
}

void app_wrap_spans(const struct app *app, struct strbuf *sb,
		    const struct span *spans, size_t n, const char *first,
		    const char *rest)
{
	struct render_opts o;

	app_render_opts(app, &o);
	render_spans(&o, sb, spans, n, first, rest);
}

static void wrap_lines(const struct app *app, struct strbuf *sb, char *msg)
{
	char *line, *next;

	for (line = msg; *line; line = next) {
		char indent[16];
		size_t n = strspn(line, " ");
		next = strchr(line, '\n');
		next = next ? next + 1 : line + strlen(line);
		if (line[n] == '\n' || !line[n]) { /* a blank line */
			strbuf_addc(sb, '\n');
			continue;
		}
		if (n >= sizeof(indent))
			n = sizeof(indent) - 1;
		memset(indent, ' ', n);
		indent[n] = '\0';
		if (next[-1] == '\n')
			next[-1] = '\0';
		app_wrap(app, sb, line + n, indent, indent);
	}
}

void app_wrapf(const struct app *app, struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	wrap_lines(app, sb, msg);
	free(msg);
}

void app_say(const struct app *app, const char *fmt, ...)
{
	struct strbuf sb = { 0 };
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	wrap_lines(app, &sb, msg);
	fputs(sb.buf ? sb.buf : "", app->out);
	strbuf_release(&sb);
	free(msg);
}

void app_row(const struct app *app, struct strbuf *sb, const char *indent,
	     const char *head, size_t col, const char *text)
{
	char *safe = text_sanitize(head ? head : "", TEXT_ONE_LINE);
	size_t in = strlen(indent), hw = render_width(safe);
	char *first, *rest, *under;

	head = safe;

	rest = xasprintf("%*s", (int)(in + col + 2), "");
	under = xasprintf("%s    ", indent);
	if (app->width < in + col + 2 + 24) {
		/* too narrow for two columns: the text below */
		app_wrap(app, sb, head, indent, under);
		app_wrap(app, sb, text, under, under);
	} else if (hw <= col) {
		first = xasprintf("%s%s%*s  ", indent, head, (int)(col - hw),
				  "");
		app_wrap(app, sb, text, first, rest);
		free(first);
	} else {
		app_wrap(app, sb, head, indent, under);
		app_wrap(app, sb, text, rest, rest);
	}
	free(rest);
	free(under);
	free(safe);
}

void app_wrap_styled(const struct app *app, struct strbuf *sb, enum style s,
		     const char *text)
{
	strbuf_adds(sb, app_on(app, s));
	app_wrap(app, sb, text, "", "");
	if (sb->len && sb->buf[sb->len - 1] == '\n')
		sb->buf[--sb->len] = '\0';
	strbuf_adds(sb, app_off(app));
	strbuf_addc(sb, '\n');
}

void app_page(struct app *app, const char *text)
{
	fflush(app->out);
	if (!app->interactive || app->out != stdout)
		fputs(text, app->out);
	else
		term_page(text);
}

int app_read_answer(struct app *app, const char *prompt, char **line)
{
	return input_read(app->input, prompt, false, line);
}

void app_error(const struct app *app, const char *fmt, ...)
{
	va_list ap;
	char *msg, *whole;

	fflush(app->out);
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	/* in a script or answers file, say where */
	if (app->input && !input_is_terminal(app->input) &&
	    input_line_number(app->input) > 0)
		whole = xasprintf("rapport: line %lu: %s",
				  input_line_number(app->input), msg);
	else
		whole = xasprintf("rapport: %s", msg);
	if (isatty(fileno(app->err))) {
		/* a person reads it: wrapped like everything else */
		struct strbuf sb = { 0 };
		app_wrap(app, &sb, whole, "", "  ");
		fputs(sb.buf ? sb.buf : "\n", app->err);
		strbuf_release(&sb);
	} else {
		/* a log or a script's caller: one problem a line. Details
		 * passed up from below (a JSON parser's "near '...'", a
		 * database's message) may quote bytes from a file */
		char *safe = text_sanitize(whole, TEXT_ONE_LINE);
		fprintf(app->err, "%s\n", safe);
		free(safe);
	}
	free(whole);
	free(msg);
}

/* "a" or "an", for the noun word */
static const char *article(const char *word)
{
	return strchr("aeiou", word[0]) && word[0] ? "an" : "a";
}

const void *app_find(struct app *app, const char *id, enum item_kind kind,
		     const char *what, const char *list_cmd)
{
	const void *it = course_find_kind(app->course, id, kind);
	const struct item *other;

	if (it)
		return it;
	other = course_find(app->course, id);
	if (other)
		app_error(app, "'%s' is %s %s, not %s %s", id,
			  article(item_kind_name(other->kind)),
			  item_kind_name(other->kind), article(what), what);
	else
		app_error(app, "no %s '%s'; '%s' lists them", what, id,
			  list_cmd);
	return NULL;
}

unsigned app_room_width(const struct app *app)
{
	unsigned cols = app->interactive ? term_columns(STDOUT_FILENO) : 0;

	return cols >= 40 ? cols : app->width;
}
