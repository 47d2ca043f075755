/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qbank.h - questions brought in from another tool's bank (import): what
 * the readers of Moodle XML (content_moodle.c) and GIFT (gift.c) make of a
 * file once it is mapped onto rapport's question kinds, and the course
 * files written from it.
 *
 * A reader adds what has a home in rapport and says, per question, what
 * has not, as "file:line: warning: ... not imported: why"; nothing is
 * dropped without a word. The writer turns the questions into bank files
 * (one per category) and lessons (one per description), with ids made
 * from their names that stay the same when the same file is imported
 * again. */
#ifndef RAPPORT_QBANK_H
#define RAPPORT_QBANK_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "gift.h"
#include "util.h"

enum qb_kind {
	QB_SINGLE,	/* one right option */
	QB_MULTI,	/* several: fractions, negative ones allowed */
	QB_JUDGEMENT,	/* one option, partial credit: weights 0-100 */
	QB_TRUE_FALSE,	/* answer, feedback by what was said */
	QB_SHORT,	/* typed: accepted answers, a pattern */
	QB_ORDERING,	/* items in the right order */
	QB_DESCRIPTION, /* no question: a lesson's text */
};

/* A paragraph of text, or an item of a list when in_list. */
struct qb_para {
	char *text;
	bool in_list;
	bool ordered; /* the list is numbered */
};

struct qb_option {
	char *text;
	char *feedback; /* may be NULL */
	double credit;	/* percent: 100 right, a fraction, a weight */
};

struct qb_question {
	enum qb_kind kind;
	char *name;	   /* the source's name; may be NULL */
	char *category;	   /* qbank_category_path; never NULL */
	char *prompt;	   /* one paragraph */
	char *hint;	   /* may be NULL */
	char *idnumber;	   /* the source's own id, when it is one rapport
			      takes (an id of the course format); NULL */
	char *explanation; /* general feedback; may be NULL */
	struct qb_option *opts;
	size_t n_opts, cap_opts;
	bool answer;	/* true-false */
	char *fb_true;	/* true-false: said after "true"; may be NULL */
	char *fb_false; /* and after "false" */
	char *pattern;	/* short: POSIX ERE, from wildcards; may be NULL */
	struct qb_para *paras; /* description */
	size_t n_paras;
	double points; /* > 0 */
	bool shuffle;
	unsigned line; /* where it starts in the file */
};

/* A category the file describes (Moodle's "info"). */
struct qb_category {
	char *path;
	char *info; /* may be NULL */
};

struct qbank {
	const char *file; /* the file's name in messages, the caller's */
	struct qb_question *v;
	size_t n, cap;
	struct qb_category *cats;
	size_t n_cats, cap_cats;
	size_t seen;	/* questions in the file, categories not counted */
	size_t dropped; /* of them, not imported */
};

/* ---- what readers share ---- */

/* A new question at the end of qb, kind and line set, the category "",
 * one point, shuffled; the rest empty. */
struct qb_question *qbank_add(struct qbank *qb, enum qb_kind kind,
			      unsigned line);
/* Takes back the last question added (a reader that finds it cannot be
 * imported after all). */
void qbank_drop_last(struct qbank *qb);
struct qb_option *qbank_add_option(struct qb_question *q, const char *text,
				   double credit);
/* A short answer's full-credit answer: an option, or, with Moodle's '*'
 * wildcards in it, a part of the pattern. */
void qbank_add_accept(struct qb_question *q, const char *text);
void qbank_add_para(struct qb_question *q, const char *text, bool in_list,
		    bool ordered);
/* Records what the file says of a category; a second say replaces it. */
void qbank_describe_category(struct qbank *qb, const char *path,
			     const char *info);
/* A category path as Moodle writes it, tidied: the "$course$/" or
 * "$system$/" context and a leading "top/" removed, each part's spaces
 * folded, empty parts gone, "//" read as a '/' inside a name (the pairs
 * from the left, as Moodle reads them). The parts are joined by
 * QB_CAT_SEP, a control character that no part keeps, so that a '/' in a
 * name never reads as the end of one: "Desk//" is one category named
 * "Desk/". Caller frees. */
#define QB_CAT_SEP '\x1f'
char *qbank_category_path(const char *raw);
/* Such a path as Moodle writes it, to show and for --map to name:
 * "Sales/Either//or". Caller frees. */
char *qbank_category_shown(const char *path);
/* Its last part, as a name ("Either/or"). Caller frees. */
char *qbank_category_name(const char *path);
/* A copy of text fit for a course file: controls other than tab and
 * newline, and U+FFFE and U+FFFF (which XML cannot hold), made spaces;
 * malformed UTF-8 replaced; spaces folded. NULL for
 * NULL, or when nothing is left. Caller frees. */
char *qbank_tidy(const char *text);

/* Losses of one question, said together as one warning when it is done:
 * "question 'NAME': WHAT, WHAT not imported: WHY; WHY". */
struct qb_losses {
	struct strbuf what, why;
	size_t n;
};
void qb_loss(struct qb_losses *l, const char *what, const char *why);
/* Says the losses (if any) at file:line for the question called name (or
 * its kind's name when NULL), and empties l. */
void qb_losses_say(struct qb_losses *l, struct diag_list *dl, const char *file,
		   unsigned line, const char *name);
/* The whole question not imported: "question 'NAME' (KIND) not imported:
 * WHY"; counts it as dropped. */
void qbank_refuse(struct qbank *qb, struct diag_list *dl, unsigned line,
		  const char *name, const char *kind, const char *why, ...)
	RP_PRINTF(6, 7);

/* Settles a choice question's kind from its options' credits, as Moodle
 * reads them: several right answers (multiple), one right answer, or one
 * with partial credit (a judgement; negative grades count 0, a loss in
 * l). Refuses it (counted, said in dl, as kind) when it has fewer than two
 * or more than 26 options, an option with no text, a grade Moodle does
 * not allow, or no way to full credit. True when kept. */
bool qbank_settle_choice(struct qbank *qb, struct qb_question *q, bool multiple,
			 struct qb_losses *l, struct diag_list *dl,
			 const char *kind);

/* Settles a short answer once its full-credit answers are in: refused
 * (as kind) without one plain answer; partial-credit answers and
 * per-answer feedback said as losses. True when kept. */
bool qbank_settle_short(struct qbank *qb, struct qb_question *q, size_t partial,
			size_t feedback, struct qb_losses *l,
			struct diag_list *dl, const char *kind);

/* ---- Moodle's grades ---- */

/* Moodle's grades for an answer, in percent, largest first (the list its
 * question editor offers); the negative ones are the same with a minus. */
extern const double qbank_moodle_grades[];
extern const size_t qbank_moodle_grades_n;
/* Whether percent is one of them, as Moodle decides it on import (within
 * 0.001 of a percent, either sign). */
bool qbank_moodle_grade_ok(double percent);
/* The grade nearest to percent, either sign: what Moodle's own "nearest"
 * matching would make of it. */
double qbank_moodle_grade_nearest(double percent);

/* ---- GIFT ---- */

/* Maps a GIFT file onto qb, saying losses and refusals in dl. */
void qbank_from_gift(struct qbank *qb, const struct gift_file *g,
		     struct diag_list *dl);

/* ---- writing course files ---- */

/* Which competency a category's questions belong to, as the command line
 * and the course say it. */
struct qb_map {
	const char *category; /* a path, a last part or a path above, as
				 qbank_category_shown writes them */
	const char *competency;
};

struct qb_write_opts {
	const char *competency;	  /* --competency: every question; or NULL */
	const struct qb_map *map; /* --map, in order */
	size_t n_map;
	/* the course's competencies, id and name; none when it is new */
	const char *const *comp_ids;
	const char *const *comp_names;
	size_t n_comps;
	bool new_course;       /* no course.xml: write one */
	const char *course_id; /* new_course: its id and title */
	const char *course_title;
	/* ids the course already has, that new ones must not take */
	bool (*taken)(void *ctx, const char *id);
	void *taken_ctx;
};

/* A file to write: its name in the folder and its text. */
struct qb_file {
	char *name;
	char *text;
	const char *kind; /* "course", "bank", "lesson" */
	size_t questions; /* in it */
};

struct qb_output {
	struct qb_file *files;
	size_t n_files, cap_files;
	size_t questions, lessons, banks, competencies; /* written */
	size_t unplaced; /* questions left out: no competency */
};

/* The first line of every file the writer makes, and how a file says
 * which source it came from: "<!-- rapport import: FILE -->". */
#define QBANK_MARK "<!-- rapport import: "

/* Writes the n banks into out: bank and lesson files, and course.xml
 * when the course is new. A category with no competency is an error in dl
 * at its first question, and its questions are left out (counted in
 * unplaced). Returns the count of errors. */
size_t qbank_write(const struct qbank *banks, size_t n,
		   const struct qb_write_opts *o, struct qb_output *out,
		   struct diag_list *dl);
void qb_output_release(struct qb_output *out);
void qbank_release(struct qbank *qb);

/* s escaped for XML text (and, when attr, for an attribute's quotes);
 * a tab or line end becomes a space. */
void qbank_xml_escape(struct strbuf *sb, const char *s, bool attr);

/* v with up to places decimals, no trailing zeros, no exponent, never
 * "-0": a number as a course file or a bank writes it. */
void qbank_number(struct strbuf *sb, double v, int places);

/* Whether s is an id of the course format: 1 to 64 letters, digits,
 * '_', '.' or '-', the first a letter or digit. */
bool qbank_id_ok(const char *s);

/* The first words of text, cut at a word before max bytes, "..." after
 * them when cut. Caller frees. */
char *qbank_first_words(const char *text, size_t max);

/* ---- writing another tool's bank (export-bank, qbank_out.c) ---- */

struct course;
struct item;

enum qb_out_format {
	QB_OUT_MOODLE, /* Moodle XML */
	QB_OUT_GIFT,
};

/* What an export wrote and left out. */
struct qb_export {
	size_t questions, categories;
	size_t moved;	 /* weights and fractions moved to Moodle's grades */
	size_t left_out; /* questions the format has no kind for */
	/* the course's other items, which no format has a question for
	 * (counted when the whole course is written) */
	size_t statements, scenarios, lessons;
};

/* Writes into sb the questions of c, or those the quiz or bank only can
 * ask, in fmt. The categories are COURSE/QUIZ-OR-BANK/COMPETENCY (import
 * finds the competency again by the last part). Each loss is a warning in
 * dl at the question: a weight moved to the nearest grade Moodle allows,
 * a short answer's keywords or pattern, in GIFT an ordering question, a
 * hint, a mark. */
void qbank_export(const struct course *c, const struct item *only,
		  enum qb_out_format fmt, struct strbuf *sb,
		  struct qb_export *st, struct diag_list *dl);

/* An id made of text: lower-case letters and digits, runs of anything
 * else one '-', at most max bytes (cut at a '-' when it can be), fallback
 * when nothing is left. Caller frees. */
char *qbank_slug(const char *text, size_t max, const char *fallback);

#endif
