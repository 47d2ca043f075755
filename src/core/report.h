/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report.h - where a team stands: the facts of the team report, gathered
 * from attempts (struct record) in the order they began. Pure: no
 * database, no output; the text and HTML reports both print these.
 *
 * Knowledge is what quizzes and exercises measured: for each person, the
 * latest finished attempt of every quiz and exercise counts, and a
 * competency's knowledge is the points earned over the points possible in
 * them. Self-assessment is the latest finished attempt of every
 * self-assessment, averaged per competency. The team's figure for a
 * competency is the mean over the people who have one, each counting
 * once. Reviews count in neither: they ask again what was missed. */
#ifndef RAPPORT_REPORT_H
#define RAPPORT_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "record.h"

/* One figure: has is false when there is nothing to say. */
struct figure {
	bool has;
	double value; /* 0..100 */
};

struct report_point {
	int64_t when;		 /* finished, in ms */
	double score;		 /* 0..100 */
	const char *kind, *item; /* owned by the report */
};

struct report_person {
	char *name;
	size_t finished;	  /* finished attempts in the report */
	int64_t last;		  /* latest activity, in ms */
	struct figure *knowledge; /* per competency of the course */
	struct figure *self;	  /* per competency */
	struct figure knowledge_all, self_all; /* over every competency */
	struct report_point *trend; /* finished quizzes and exercises */
	size_t n_trend;
	/* the latest finished attempts, while records arrive, found by
	 * "kind/item" */
	struct latest *latest;
	size_t n_latest, cap_latest;
	struct name_index *latest_ix;
	size_t cap_trend;
};

struct report_pick {
	char *choice; /* an option id */
	size_t count;
};

/* A question or scenario and how often it was missed: answered wrong,
 * partly right, or skipped. Unlike the figures, misses count every answer
 * given in a quiz or exercise, in older and unfinished attempts too:
 * each one is something the team got wrong once and can talk about. */
struct report_miss {
	char *item;
	char *competency; /* may be NULL */
	size_t missed, asked;
	struct report_pick *picks; /* the options chosen when missed */
	size_t n_picks, cap_picks;
	struct name_index *picks_ix; /* picks by option id, while counting */
};

struct report {
	const struct course *course;
	size_t n_comps;		      /* the course's competencies */
	struct report_person *people; /* by name */
	size_t n_people, cap_people;
	struct figure *team_knowledge, *team_self; /* per competency */
	struct figure team_knowledge_all, team_self_all;
	struct report_miss *misses; /* most missed first */
	size_t n_misses, cap_misses;
	size_t attempts, answers; /* every attempt and answer seen */
	int64_t first, last;	  /* the span of the attempts, in ms */
	struct arena *arena;	  /* strings the points share */
	/* people by name and misses by item, while records arrive */
	struct name_index *people_ix, *misses_ix;
};

struct report *report_new(const struct course *c);
/* Takes one attempt into account; records come oldest first. */
void report_add(struct report *r, const struct record *rec);
/* Works out the figures once every record is in. */
void report_finish(struct report *r);
void report_free(struct report *r);

/* The knowledge figure of person (an index into people; n_people for the
 * team) in competency c (n_comps for every competency together). */
const struct figure *report_knowledge(const struct report *r, size_t person,
				      size_t c);

/* The most chosen option among a miss's picks, or NULL. */
const struct report_pick *report_top_pick(const struct report_miss *m);

/* What the question or scenario called id asks, for a reader: a
 * scenario's title, a question's prompt; id itself when the course has
 * no such item. */
const char *report_item_text(const struct course *c, const char *id);
/* The name of the report's competency c, or "All" for c == n_comps (the
 * column over every competency). */
const char *report_comp_name(const struct report *r, size_t c);

/* The text of option choice of the question or scenario item; choice
 * itself when the course has no such option. */
const char *report_choice_text(const struct course *c, const char *item,
			       const char *choice);

#endif
