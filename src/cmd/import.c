/* SPDX-License-Identifier: GPL-3.0-or-later */
/* import.c - `import FILE... [--into DIR]`: Moodle XML and GIFT question
 * banks made into course files. Every file is read and mapped, the files
 * to write are checked as the loader will read them, and only then is
 * any written; a file import did not write is never written over. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/check.h"
#include "../core/content.h"
#include "../core/gift.h"
#include "../core/moodle.h"
#include "../core/qbank.h"
#include "../core/text.h"
#include "cmd.h"

/* The ids the course has outside the files being written again. */
struct taken {
	const char **v;
	size_t n, cap;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool is_taken(void *ctx, const char *id)
{
	const struct taken *t = ctx;

	return t->n && bsearch(&id, t->v, t->n, sizeof(*t->v), cmp_str);
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* The source a file import wrote names in its first lines; NULL for a
 * file import did not write (or none). Caller frees. */
static char *written_from(const char *path)
{
	enum file_problem why;
	char *err = NULL, *buf, *at, *end, *name = NULL;
	size_t len;

	buf = file_read(path, CONTENT_MAX_FILE_BYTES, &len, &why, &err);
	free(err);
	if (!buf)
		return NULL;
	at = strstr(buf, QBANK_MARK);
	if (at && at - buf < 64) {
		at += strlen(QBANK_MARK);
		end = strstr(at, " -->");
		if (end)
			name = xstrndup(at, (size_t)(end - at));
	}
	free(buf);
	return name;
}

/* Whether the file import wrote from one of the sources being imported. */
static bool rewritten(const char *path, char **sources, size_t n)
{
	char *from = written_from(path);
	bool yes = false;
	size_t i;

	for (i = 0; from && i < n && !yes; i++)
		yes = strcmp(from, base_name(sources[i])) == 0;
	free(from);
	return yes;
}

/* The course's files an import of these sources wrote and will write
 * again (course.xml, which it never writes twice, aside). */
struct again {
	const char **v;
	size_t n;
};

static bool is_again(const struct again *a, const char *file)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (a->v[i] == file)
			return true;
	return false;
}

static void take_list(struct taken *t, const struct item_list *l,
		      const struct again *a)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		const struct item *it = l->v[i];
		if (!it->id || is_again(a, it->loc.file))
			continue;
		xgrow((void **)&t->v, &t->cap, t->n + 1, sizeof(*t->v));
		t->v[t->n++] = it->id;
	}
}

/* What the folder holds: the course, when there is one, and what of it
 * stays. */
struct target {
	const char *dir;
	struct course *course; /* NULL: a new course */
	struct taken taken;
	const char **comp_ids, **comp_names;
	size_t n_comps;
	char *course_id, *course_title;
};

static bool open_target(struct app *app, struct target *t, char **sources,
			size_t n)
{
	struct diag_list ignored = { 0 };
	struct stat st;
	char real[PATH_MAX];
	size_t i;

	if (stat(t->dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		app_error(app, "import: '%s' is not a folder", t->dir);
		return false;
	}
	if (content_is_course_dir(t->dir)) {
		const struct item_list *l;
		struct course *c = content_load(t->dir, &ignored);
		struct again a = { 0 };

		t->course = c;
		a.v = xcalloc(c->files.n + 1, sizeof(*a.v));
		for (i = 0; i < c->files.n; i++) {
			const char *f = c->files.v[i];
			if (strcmp(base_name(f), CONTENT_COURSE_FILE) != 0 &&
			    rewritten(f, sources, n))
				a.v[a.n++] = f;
		}
		l = &c->competencies;
		take_list(&t->taken, &c->competencies, &a);
		take_list(&t->taken, &c->lessons, &a);
		take_list(&t->taken, &c->quizzes, &a);
		take_list(&t->taken, &c->banks, &a);
		take_list(&t->taken, &c->questions, &a);
		take_list(&t->taken, &c->assessments, &a);
		take_list(&t->taken, &c->statements, &a);
		take_list(&t->taken, &c->exercises, &a);
		take_list(&t->taken, &c->scenarios, &a);
		take_list(&t->taken, &c->polls, &a);
		take_list(&t->taken, &c->paths, &a);
		take_list(&t->taken, &c->steps, &a);
		free(a.v);
		if (c->item.id) {
			xgrow((void **)&t->taken.v, &t->taken.cap,
			      t->taken.n + 1, sizeof(*t->taken.v));
			t->taken.v[t->taken.n++] = c->item.id;
		}
		sort_array(t->taken.v, t->taken.n, sizeof(*t->taken.v),
			   cmp_str);
		t->comp_ids = xcalloc(l->n + 1, sizeof(char *));
		t->comp_names = xcalloc(l->n + 1, sizeof(char *));
		for (i = 0; i < l->n; i++) {
			const struct competency *k = l->v[i];
			t->comp_ids[i] = k->item.id;
			t->comp_names[i] = k->name;
		}
		t->n_comps = l->n;
		if (!c->title) {
			app_error(app,
				  "import: the course in '%s' does not load: "
				  "run 'rapport validate %s' to see why",
				  t->dir, t->dir);
			diag_list_release(&ignored);
			return false;
		}
	} else {
		const char *name = t->dir;
		if (realpath(t->dir, real))
			name = real;
		t->course_title = xstrdup(base_name(name));
		if (!*t->course_title || strcmp(t->course_title, ".") == 0) {
			free(t->course_title);
			t->course_title = xstrdup("Imported questions");
		}
		t->course_id = qbank_slug(t->course_title, 56, "imported");
	}
	diag_list_release(&ignored);
	return true;
}

static void close_target(struct target *t)
{
	if (t->course)
		course_free(t->course);
	free(t->taken.v);
	free(t->comp_ids);
	free(t->comp_names);
	free(t->course_id);
	free(t->course_title);
}

/* Reads one source into qb; the count of errors. */
static size_t read_source(const char *path, struct qbank *qb,
			  struct diag_list *dl)
{
	enum file_problem why;
	char *err = NULL, *buf;
	size_t len, errors;

	buf = file_read(path, CONTENT_MAX_BANK_BYTES, &len, &why, &err);
	if (!buf) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "%s", err);
		free(err);
		return 1;
	}
	if (moodle_is_xml(buf, len)) {
		errors = moodle_read(qb, buf, len, dl);
	} else {
		struct gift_file g = { 0 };
		errors = gift_parse(path, buf, len, &g, dl);
		qbank_from_gift(qb, &g, dl);
		gift_release(&g);
	}
	free(buf);
	return errors;
}

/* --map 'CATEGORY=ID,CATEGORY=ID': parsed into maps (pointing into the
 * copy *keep, which the caller frees). False after saying why. */
static bool parse_map(struct app *app, const char *text, struct qb_map **maps,
		      size_t *n, char **keep)
{
	char *s, *part, *save = NULL;

	*maps = NULL;
	*n = 0;
	*keep = NULL;
	if (!text)
		return true;
	*keep = s = xstrdup(text);
	for (part = strtok_r(s, ",", &save); part;
	     part = strtok_r(NULL, ",", &save)) {
		char *eq = strrchr(part, '=');
		char *cat;
		if (!eq || eq == part || !eq[1]) {
			app_error(app,
				  "import: --map takes CATEGORY=COMPETENCY, "
				  "pairs apart by commas, not '%s'",
				  part);
			free(*maps);
			*maps = NULL;
			return false;
		}
		*eq = '\0';
		cat = part;
		while (*cat == ' ')
			cat++;
		*maps = xrealloc(*maps, (*n + 1) * sizeof(**maps));
		(*maps)[*n].category = cat;
		(*maps)[*n].competency = eq + 1;
		(*n)++;
	}
	return true;
}

static char *join(const char *dir, const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

/* The files to write, loaded as the loader will load them beside the
 * course's own course.xml; errors mean a mistake of import's own. */
static size_t check_output(const struct target *t, const struct qb_output *out,
			   struct diag_list *dl)
{
	struct course *c = course_new(t->dir);
	size_t i, errors;

	if (t->course) {
		char *path = join(t->dir, CONTENT_COURSE_FILE);
		size_t len;
		char *buf = content_read_file(path, &len, dl);
		if (buf)
			content_load_member(c, path, buf, len, dl);
		free(buf);
		free(path);
	}
	for (i = 0; i < out->n_files; i++) {
		char *path = join(t->dir, out->files[i].name);
		content_load_member(c, path, out->files[i].text,
				    strlen(out->files[i].text), dl);
		free(path);
	}
	course_link(c);
	check_course(c, true, dl);
	errors = dl->errors;
	course_free(c);
	return errors;
}

/* Refuses to write over a file import did not write, or a source. */
static bool may_write(struct app *app, const char *path, char **sources,
		      size_t n)
{
	char a[PATH_MAX], b[PATH_MAX];
	struct stat st;
	char *from;
	size_t i;

	if (lstat(path, &st) != 0)
		return errno == ENOENT;
	for (i = 0; i < n; i++)
		if (realpath(path, a) && realpath(sources[i], b) &&
		    strcmp(a, b) == 0) {
			app_error(app,
				  "import: '%s' is a file being imported; "
				  "import into another folder",
				  path);
			return false;
		}
	from = written_from(path);
	if (!from) {
		app_error(app,
			  "import: '%s' is there already and import did not "
			  "write it; move it, or import into another folder",
			  path);
		return false;
	}
	free(from);
	return true;
}

static bool write_files(struct app *app, const struct target *t,
			const struct qb_output *out, char **sources, size_t n)
{
	size_t i;

	if (mkdir(t->dir, 0777) != 0 && errno != EEXIST) {
		app_error(app, "import: cannot make the folder '%s': %s",
			  t->dir, strerror(errno));
		return false;
	}
	for (i = 0; i < out->n_files; i++) {
		char *path = join(t->dir, out->files[i].name);
		bool ok = may_write(app, path, sources, n);
		free(path);
		if (!ok)
			return false;
	}
	for (i = 0; i < out->n_files; i++) {
		char *path = join(t->dir, out->files[i].name), *err = NULL;
		struct outfile of;
		if (outfile_open(&of, path, NULL, 0, &err) != 0 ||
		    of.kind != OUTFILE_REPLACE) {
			if (!err)
				outfile_discard(&of);
			app_error(app, "import: %s",
				  err ? err : "cannot write there");
			free(err);
			free(path);
			return false;
		}
		fputs(out->files[i].text, of.f);
		if (outfile_commit(&of, &err) != 0) {
			app_error(app, "import: %s", err);
			free(err);
			free(path);
			return false;
		}
		free(path);
	}
	return true;
}

/* The diagnostics in file order (the n files first), one a line. */
static void print_diags(FILE *to, struct diag_list *dl,
			const char *const *files, size_t n)
{
	size_t i;

	diag_sort(dl, files, n);
	for (i = 0; i < dl->n; i++) {
		char *line = diag_format(&dl->items[i]);
		fprintf(to, "%s\n", line);
		free(line);
	}
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static int cmd_import(struct app *app, const struct cmd_args *args)
{
	const char *into = cmd_value(args, "--into");
	bool dry = cmd_flag(args, "--dry-run");
	struct qb_write_opts o = { 0 };
	struct qb_output out = { 0 };
	struct target t = { 0 };
	struct diag_list dl = { 0 }, internal = { 0 };
	struct qbank *banks;
	struct qb_map *maps;
	char *keep, *shown;
	size_t i, n = (size_t)args->argc, errors = 0, seen = 0, dropped = 0;
	int rc = EXIT_OK;

	if (!parse_map(app, cmd_value(args, "--map"), &maps, &o.n_map, &keep))
		return EXIT_USAGE;
	t.dir = into ? into : ".";
	if (!open_target(app, &t, args->argv, n)) {
		close_target(&t);
		free(maps);
		free(keep);
		return EXIT_FAILED;
	}
	banks = xcalloc(n, sizeof(*banks));
	for (i = 0; i < n; i++) {
		banks[i].file = args->argv[i];
		errors += read_source(args->argv[i], &banks[i], &dl);
		seen += banks[i].seen;
		dropped += banks[i].dropped;
	}
	o.competency = cmd_value(args, "--competency");
	o.map = maps;
	o.comp_ids = t.comp_ids;
	o.comp_names = t.comp_names;
	o.n_comps = t.n_comps;
	o.new_course = t.course == NULL;
	o.course_id = t.course_id;
	o.course_title = t.course_title;
	o.taken = is_taken;
	o.taken_ctx = &t.taken;
	errors += qbank_write(banks, n, &o, &out, &dl);
	print_diags(app->out, &dl, (const char *const *)args->argv, n);
	if (!errors && check_output(&t, &out, &internal)) {
		/* a file import made that the loader refuses: import's own
		 * mistake, said as it is and nothing written */
		print_diags(app->out, &internal, NULL, 0);
		app_error(app, "import: the files made do not load (above); "
			       "nothing was written");
		errors++;
	}
	shown = display_path(t.dir);
	if (errors) {
		fprintf(app->out,
			"import: %zu %s, %zu not imported; %zu %s: nothing "
			"written\n",
			seen, plural(seen, "question", "questions"), dropped,
			errors, plural(errors, "error", "errors"));
		rc = EXIT_FAILED;
	} else if (!dry && !write_files(app, &t, &out, args->argv, n)) {
		rc = EXIT_FAILED;
	} else {
		struct strbuf sb = { 0 };
		strbuf_addf(&sb, "import: %zu of %zu %s imported, %zu not",
			    out.questions, seen,
			    plural(seen, "question", "questions"), dropped);
		strbuf_addf(&sb, "; %s %zu %s into ",
			    dry ? "would write" : "wrote", out.n_files,
			    plural(out.n_files, "file", "files"));
		app_safe(&sb, shown);
		strbuf_addf(&sb, " (%zu %s", out.banks,
			    plural(out.banks, "bank", "banks"));
		if (out.lessons)
			strbuf_addf(&sb, ", %zu %s", out.lessons,
				    plural(out.lessons, "lesson", "lessons"));
		if (out.competencies)
			strbuf_addf(&sb, ", a course with %zu %s",
				    out.competencies,
				    plural(out.competencies, "competency",
					   "competencies"));
		strbuf_adds(&sb, ")\n");
		fputs(sb.buf, app->out);
		strbuf_release(&sb);
	}
	free(shown);
	qb_output_release(&out);
	for (i = 0; i < n; i++)
		qbank_release(&banks[i]);
	free(banks);
	diag_list_release(&dl);
	diag_list_release(&internal);
	close_target(&t);
	free(maps);
	free(keep);
	return rc;
}

const struct cmd_entry cmd_import_entry = {
	.name = "import",
	.options = {
		{"--into", NULL, "DIR"},
		{"--competency", NULL, "ID"},
		{"--map", NULL, "CATEGORY=ID,..."},
		{"--dry-run", "-n", NULL},
	},
	.min_args = 1,
	.max_args = -1,
	.usage = "FILE... [--into DIR] [--competency ID] [--map CAT=ID,...]",
	.summary = "bring Moodle XML or GIFT questions into a course",
	.complete = COMPLETE_FILE,
	.run = cmd_import,
};

/* ---- export-bank ---- */

static int cmd_export_bank(struct app *app, const struct cmd_args *args)
{
	const char *format = cmd_value(args, "--format");
	const char *id = args->argc ? args->argv[0] : NULL;
	const struct item *only = NULL;
	enum qb_out_format fmt;
	struct diag_list dl = { 0 };
	struct qb_export st;
	struct strbuf sb = { 0 }, said = { 0 };
	struct out_file of;
	bool ok;

	if (!format || strcmp(format, "moodle") == 0)
		fmt = QB_OUT_MOODLE;
	else if (strcmp(format, "gift") == 0)
		fmt = QB_OUT_GIFT;
	else {
		app_error(app,
			  "export-bank: --format takes moodle or gift, not "
			  "'%s'",
			  format);
		return EXIT_USAGE;
	}
	if (id) {
		only = course_find(app->course, id);
		if (!only ||
		    (only->kind != ITEM_QUIZ && only->kind != ITEM_BANK)) {
			app_error(app,
				  "export-bank: no quiz or bank '%s' in the "
				  "course ('quizzes' lists the quizzes)",
				  id);
			return EXIT_FAILED;
		}
	}
	qbank_export(app->course, only, fmt, &sb, &st, &dl);
	print_diags(app->err, &dl, (const char *const *)app->course->files.v,
		    app->course->files.n);
	ok = out_file_open(app, &of, cmd_value(args, "--output"));
	if (ok) {
		fputs(strbuf_str(&sb), of.f);
		ok = out_file_close(app, &of, true);
	}
	strbuf_addf(&said, "export-bank: %zu %s in %zu %s", st.questions,
		    plural(st.questions, "question", "questions"),
		    st.categories,
		    plural(st.categories, "category", "categories"));
	if (st.moved)
		strbuf_addf(&said, "; %zu %s moved to Moodle's grades",
			    st.moved, plural(st.moved, "weight", "weights"));
	if (st.left_out)
		strbuf_addf(&said, "; %zu left out (no such kind in GIFT)",
			    st.left_out);
	if (st.statements || st.scenarios || st.lessons)
		strbuf_addf(
			&said,
			"; no %s question type for the %zu self-assessment "
			"%s, %zu %s and %zu %s",
			fmt == QB_OUT_GIFT ? "GIFT" : "Moodle", st.statements,
			plural(st.statements, "statement", "statements"),
			st.scenarios,
			plural(st.scenarios, "scenario", "scenarios"),
			st.lessons, plural(st.lessons, "lesson", "lessons"));
	if (ok)
		fprintf(app->err, "%s\n", said.buf);
	strbuf_release(&said);
	strbuf_release(&sb);
	diag_list_release(&dl);
	return ok ? EXIT_OK : EXIT_FAILED;
}

const struct cmd_entry cmd_export_bank_entry = {
	.name = "export-bank",
	.options = {
		{"--format", "-f", "moodle|gift"},
		{"--output", "-o", "FILE"},
	},
	.max_args = 1,
	.usage = "[QUIZ|BANK] [--format moodle|gift] [-o FILE]",
	.summary = "write the course's questions as a Moodle XML or GIFT bank",
	.flags = CMD_COURSE,
	.complete = COMPLETE_QUIZ,
	.run = cmd_export_bank,
};
