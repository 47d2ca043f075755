/* SPDX-License-Identifier: GPL-3.0-or-later */
/* model.h - a course in memory: the pure model every other module reads.
 *
 * A course owns everything in it through one arena: strings, items and
 * arrays live until course_free(). No libxml2 type appears here. Every item
 * keeps its id and where it was written (file, line, column). References
 * between items are kept as ids (for messages) and, once course_link() has
 * run, as pointers (NULL when the reference does not resolve). */
#ifndef RAPPORT_MODEL_H
#define RAPPORT_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct src_loc {
	const char *file; /* path as loaded, owned by the course */
	unsigned line;	  /* 1-based, 0 when unknown */
	unsigned col;	  /* 1-based, 0 when unknown */
};

enum item_kind {
	ITEM_COMPETENCY,
	ITEM_LESSON,
	ITEM_QUIZ,
	ITEM_POOL,
	ITEM_BANK,
	ITEM_QUESTION,
	ITEM_ASSESSMENT,
	ITEM_STATEMENT,
	ITEM_EXERCISE,
	ITEM_SCENARIO,
	ITEM_POLL,
	ITEM_PATH,
	ITEM_STEP,
	ITEM_KIND_COUNT
};

/* An item-writing warning accepted on purpose, with the author's reason:
 * <allow check="key-longest">the long key is the point here</allow>. */
struct allowance {
	const char *check;  /* the check's name, as itemcheck.h lists them */
	const char *reason; /* why; never empty */
	struct src_loc loc;
};

/* The header every identified item starts with, so that one index serves
 * all kinds. */
struct item {
	enum item_kind kind; /* what the enclosing struct is */
	const char *id;	     /* stable id; NULL for an unnamed pool */
	struct src_loc loc;  /* where the element starts */
	const struct allowance *allows; /* warnings accepted here */
	size_t n_allows;
};

/* "lesson", "quiz", ... as used in messages. */
const char *item_kind_name(enum item_kind kind);
/* The title of a lesson, quiz, self-assessment, exercise or scenario;
 * NULL for other items and for NULL. */
const char *item_title(const struct item *it);

struct competency {
	struct item item;
	const char *name;	 /* display name */
	const char *description; /* may be NULL */
	size_t index;		 /* position in course->competencies */
};

/* A reference to another item by id, resolved by course_link(). */
struct ref {
	const char *id;	    /* as written; NULL when absent */
	struct src_loc loc; /* the element that holds the reference */
	void *target;	    /* the item, or NULL */
};

enum block_kind {
	BLOCK_PARAGRAPH,
	BLOCK_LIST,
	BLOCK_STORY,
};

struct block {
	enum block_kind kind;
	const char *title;  /* a story's title, may be NULL */
	const char **lines; /* paragraph: 1; list: its items; story: paras */
	size_t n_lines;	    /* entries in lines */
	bool ordered;	    /* a numbered list */
	struct src_loc loc; /* where the block starts */
};

struct section {
	const char *heading; /* may be NULL */
	struct block *blocks;
	size_t n_blocks;
};

struct lesson {
	struct item item;
	struct ref competency; /* -> struct competency */
	const char *title;
	const char *summary;	/* may be NULL */
	unsigned minutes;	/* as written, or estimated from words */
	bool minutes_estimated; /* minutes came from the word count */
	size_t words;		/* words of body text */
	struct section *sections;
	size_t n_sections;
	const char **key_points;
	size_t n_key_points;
};

enum question_type {
	Q_SINGLE,   /* single-choice */
	Q_MULTIPLE, /* multiple-response */
	Q_TRUEFALSE,
	Q_JUDGEMENT, /* situational judgement: weighted options */
	Q_ORDERING,
	Q_SHORT, /* short-answer */
	Q_TYPE_COUNT
};

/* "single-choice", ... the element names. */
const char *question_type_name(enum question_type type);

/* A choice, a weighted option, a true/false value or an ordering item. */
struct choice {
	const char *id;	      /* unique within the question */
	const char *text;     /* what the learner sees */
	const char *feedback; /* shown when chosen (rationale for weighted); may
				 be NULL */
	double credit; /* percent of the points: correct 100, fraction, weight
			*/
	struct src_loc loc; /* where the option starts */
};

struct question {
	struct item item;
	enum question_type type;
	struct ref competency; /* -> struct competency */
	struct ref lesson;     /* -> struct lesson; id NULL when none */
	double points;	       /* > 0 */
	bool shuffle;	       /* options may be shown shuffled */
	const char *prompt;
	const char *hint;	 /* may be NULL */
	const char *explanation; /* may be NULL */
	struct choice *choices;	 /* options; true/false: "true", "false";
				    ordering: items in the right order */
	size_t n_choices;
	/* short-answer only */
	const char **accept; /* accepted answers, the first is the model */
	size_t n_accept;
	const char **keywords;
	size_t n_keywords;
	unsigned min_keywords; /* 0 when there are no keywords */
	const char *pattern;   /* POSIX ERE or NULL */
};

struct band {
	double min, max; /* min <= score < max; the top band holds 100 */
	const char *label;
	const char *advice;
	struct ref lesson;  /* -> struct lesson; id NULL when none */
	struct src_loc loc; /* where the band starts */
};

struct pool {
	struct item item;	     /* id may be NULL */
	unsigned draw;		     /* questions to draw; 0: all */
	struct ref bank;	     /* -> struct bank; id NULL when none */
	struct question **questions; /* its own questions */
	size_t n_questions;
};

struct quiz {
	struct item item;
	const char *title;
	const char *intro;   /* may be NULL */
	double pass;	     /* pass mark in percent */
	bool shuffle;	     /* mix the question order */
	unsigned time_limit; /* minutes, 0: none */
	struct pool **pools; /* loose questions form unnamed pools */
	size_t n_pools;
	struct band *bands;
	size_t n_bands;
};

struct bank {
	struct item item;
	const char *title; /* may be NULL */
	struct question **questions;
	size_t n_questions;
};

struct scale_point {
	int value;
	const char *label;
	struct src_loc loc;
	bool not_applicable; /* "Hasn't come up": answered, never scored */
};

struct scale {
	struct scale_point *points; /* in written order */
	size_t n_points;	    /* 0: no scale */
	struct src_loc loc;
};

struct statement {
	struct item item;
	struct ref competency; /* -> struct competency */
	bool reverse;	       /* reverse-keyed */
	const char *text;
};

struct action {
	struct ref competency; /* -> struct competency */
	struct ref lesson;     /* -> struct lesson; id NULL when none */
	const char *text;
	struct src_loc loc;
};

struct assessment {
	struct item item;
	const char *title;
	const char *intro; /* may be NULL */
	struct scale scale;
	struct statement **statements;
	size_t n_statements;
	struct band *bands;
	size_t n_bands;
	struct action *actions;
	size_t n_actions;
};

struct role_card {
	const char *role;  /* who plays whom */
	const char *knows; /* what this person knows */
	const char *goal;  /* may be NULL */
};

struct scenario {
	struct item item;
	struct ref competency; /* -> struct competency */
	struct ref lesson;     /* -> struct lesson; id NULL when none */
	unsigned minutes;      /* 0: not set */
	const char *title;
	const char **situation; /* paragraphs */
	size_t n_situation;
	const char *question;
	struct choice *choices; /* weighted, feedback is the rationale */
	size_t n_choices;
	const char **discuss; /* discussion prompts, the best first */
	size_t n_discuss;     /* the first n_discuss - n_extra are shown at
				 the reveal, */
	size_t n_extra;	      /* the rest kept for a longer talk */
	struct role_card *cards;
	size_t n_cards;
	const char *debrief; /* may be NULL */
};

struct poll {
	struct item item;
	struct ref competency; /* -> struct competency */
	bool reverse;
	const char *text;
};

/* An exercise runs its scenarios and polls in written order. */
struct exercise_part {
	struct scenario *scenario; /* exactly one of these is set */
	struct poll *poll;
};

/* One part of a run sheet: a scenario or poll of the exercise. */
struct sheet_step {
	size_t part;	    /* its index in the exercise's parts */
	unsigned pairs;	    /* minutes of talk in pairs before the vote */
	const char *prompt; /* the prompt at the reveal; NULL: the
			       scenario's own */
	struct src_loc loc;
};

/* A run sheet: a meeting of a set length made of some of the exercise's
 * parts, such as a weekly meeting's twenty minutes. */
struct run_sheet {
	const char *id; /* unique in its exercise */
	const char *title;
	unsigned minutes;
	struct sheet_step *steps;
	size_t n_steps;
	struct src_loc loc;
};

struct exercise {
	struct item item;
	const char *title;
	const char *intro;  /* may be NULL */
	unsigned minutes;   /* 0: not set */
	struct scale scale; /* n_points 0 when absent */
	struct exercise_part *parts;
	size_t n_parts;
	struct run_sheet *sheets; /* its formats */
	size_t n_sheets;
};

enum step_kind {
	STEP_READ,   /* read a lesson */
	STEP_PASS,   /* pass a quiz */
	STEP_ASSESS, /* complete an assessment */
	STEP_MEET,   /* take part in an exercise */
	STEP_REVIEW, /* clear the review queue */
};

struct step {
	struct item item;
	enum step_kind kind;
	struct ref target; /* lesson, quiz, assessment or exercise; none for
			      review */
	double mark;	   /* pass: the mark, when has_mark */
	bool has_mark;	   /* false: the quiz's own pass mark applies */
};

struct path {
	struct item item;
	const char *title;
	const char *intro; /* may be NULL */
	struct step **steps;
	size_t n_steps;
};

/* A growable list of pointers to items of one kind, for the course. */
struct item_list {
	void **v;   /* owned array; the items belong to the arena */
	size_t n;   /* in use */
	size_t cap; /* allocated */
};

struct course {
	struct item item;
	const char *title;   /* NULL until a course element is loaded */
	const char *summary; /* may be NULL */
	const char *lang;    /* may be NULL */
	const char *path;    /* the folder or file it was loaded from */
	struct item_list competencies, lessons, quizzes, banks, questions,
		assessments, statements, exercises, scenarios, polls, paths,
		steps, pools;
	struct item_list files; /* const char *: every file read, in order */
	size_t files_skipped;	/* files whose items are missing: unreadable,
				   not well-formed or not valid */
	uint64_t hash;		/* of every file's bytes, in load order */
	char fingerprint[17];	/* hash as hex, set by course_link() */
	struct arena *arena;	/* owns everything above */
	struct id_index *index; /* id -> item, built by course_link() */
};

/* A new empty course for path; caller frees with course_free(). */
struct course *course_new(const char *path);
void course_free(struct course *c);

/* Remembers a file name in the course; returns the course's copy. */
const char *course_add_file(struct course *c, const char *file);
void item_list_push(struct item_list *l, void *item);
/* Adds a file's bytes to the course's fingerprint. */
void course_hash(struct course *c, const char *bytes, size_t n);

/* Builds the id index and resolves every reference. Duplicate ids keep the
 * first; references that do not resolve, or resolve to another kind, stay
 * NULL (the checker reports them). May be called again after changes. */
void course_link(struct course *c);

/* The item with this id, or NULL; needs course_link(). */
struct item *course_find(const struct course *c, const char *id);
/* The item with this id if it is of this kind, else NULL. */
void *course_find_kind(const struct course *c, const char *id,
		       enum item_kind kind);

/* Percentages closer than this are equal: fractions such as 33.33 add up
 * to 100 within it. */
#define MODEL_PERCENT_EPSILON 0.05

/* The band holding score (0..100, unrounded), or NULL when none does. */
const struct band *band_for_score(const struct band *bands, size_t n,
				  double score);

#endif
