/* SPDX-License-Identifier: GPL-3.0-or-later */
/* engine.h - a quiz or self-assessment run as a state machine.
 *
 *   run_new_quiz(seed) / run_new_assessment(seed)
 *   while ((item = run_current(run)))      the item to ask
 *       run_answer(run, &response) | run_skip(run) | run_back(run)
 *   run_result(run, &result)                scores, bands, next actions
 *
 * The seed fixes which questions are drawn and the order of questions and
 * options; the same seed always gives the same run. Nothing here prints,
 * reads input or looks at the clock. */
#ifndef RAPPORT_ENGINE_H
#define RAPPORT_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

enum run_kind {
	RUN_QUIZ,
	RUN_ASSESSMENT,
	RUN_EXERCISE, /* a meeting exercise's scenarios, taken alone */
	RUN_REVIEW,   /* questions due for review */
};

enum outcome {
	OUTCOME_PENDING,       /* not asked yet */
	OUTCOME_RIGHT,	       /* full credit */
	OUTCOME_PARTIAL,       /* some credit */
	OUTCOME_WRONG,	       /* no credit */
	OUTCOME_SKIPPED,       /* passed over: counts as no credit */
	OUTCOME_ANSWERED,      /* a self-assessment answer */
	OUTCOME_NOT_APPLICABLE /* "hasn't come up": answered, not scored */
};

/* "quiz", "assessment", "exercise", "review": as stored and exported. */
const char *run_kind_name(enum run_kind kind);
/* "right", "partial", "wrong", "skipped", "answered", "not-applicable",
 * "not asked". */
const char *outcome_name(enum outcome o);

/* What a learner gave for one item. */
struct response {
	size_t *picks; /* choices, as indexes into question->choices, in the
			  order given; owned */
	size_t n_picks;
	char *text; /* a short answer; owned */
	int value;  /* a Likert value */
};

struct run_item {
	const struct question *question;   /* in a quiz, exercise or review */
	const struct statement *statement; /* in an assessment run */
	const struct scenario *scenario;   /* in an exercise: question is
					      made from it */
	size_t *order;	/* shown position -> index in question->choices */
	size_t n_order; /* letters shown (0 for short answers) */
	struct response response; /* the last one given */
	enum outcome outcome;
	double credit;	 /* 0..1 of the points */
	double earned;	 /* points earned */
	double possible; /* points possible */
	int keyed;	 /* Likert: the value after reverse keying */
	bool left_out;	 /* not part of this run's result (a scenario a
			    meeting never reached) */
};

struct run {
	enum run_kind kind;
	const struct course *course;
	const struct quiz *quiz;	     /* RUN_QUIZ */
	const struct assessment *assessment; /* RUN_ASSESSMENT */
	const struct exercise *exercise;     /* RUN_EXERCISE */
	struct question *made; /* questions made from scenarios; owned */
	uint64_t seed;
	struct run_item *items; /* in the order asked */
	size_t n_items;
	size_t pos;	/* the item being asked; n_items when done */
	double started; /* when the clock started (seconds, any origin) */
	double limit;	/* seconds allowed; 0: no limit */
};

/* What an ordering of n items earns, on average over the orders a run
 * shows it in, when the learner leaves it as shown (*untouched) or turns
 * it round without reading it (*reversed): the orders shown are every one
 * but the right one and, from three items on, the reversed one. */
void run_ordering_blind(size_t n, double *untouched, double *reversed);

/* Starts a run; the caller frees it with run_free(). */
struct run *run_new_quiz(const struct course *c, const struct quiz *q,
			 uint64_t seed);
struct run *run_new_assessment(const struct course *c,
			       const struct assessment *a, uint64_t seed);
/* An exercise's scenarios (not its polls) asked as judgement questions:
 * the scenario's question, its weighted options, its debrief as the
 * explanation. */
struct run *run_new_exercise(const struct course *c, const struct exercise *e,
			     uint64_t seed);
/* The same with every option in written order, as a room sees them. */
struct run *run_new_exercise_in_order(const struct course *c,
				      const struct exercise *e);
/* The n questions given, in that order, options shuffled by seed. */
struct run *run_new_review(const struct course *c,
			   const struct question *const *questions, size_t n,
			   uint64_t seed);
void run_free(struct run *r);

/* What was asked at one place of a stored run. */
struct plan_entry {
	const char *item;	    /* question, statement or scenario id */
	const char *const *choices; /* option ids in the order shown */
	size_t n_choices;
};

/* Rebuilds a run of kind over what (a quiz, assessment or exercise) from
 * the stored plan, so a resumed run asks what was asked, in the same
 * order. Items the course no longer has are left out (*dropped counts
 * them); options are shown in the stored order, those gone left out and
 * new ones added at the end (*changed counts the items this touched).
 * map[i] is the run index of plan entry i, or SIZE_MAX. */
struct run *run_restore(const struct course *c, enum run_kind kind,
			const void *what, uint64_t seed,
			const struct plan_entry *plan, size_t n, size_t *map,
			size_t *dropped, size_t *changed);

/* Gives item index the stored answer again: option ids picked, a text, a
 * value, or a skip. Returns false (and leaves the item unanswered) when
 * the answer no longer fits. */
bool run_replay(struct run *r, size_t index, const char *const *picks,
		size_t n_picks, const char *text, int value, bool skipped);
/* Moves to the first item without an answer (n_items when none). */
void run_seek_pending(struct run *r);

/* The item being asked, or NULL when every item has had its turn. */
struct run_item *run_current(struct run *r);

/* Scores resp for the current item and moves on. resp's memory passes to
 * the run (the caller's struct is cleared). Returns the item answered, or
 * NULL when the run is done or resp does not fit the item (a Likert
 * value not on the scale, a choice out of range). */
const struct run_item *run_answer(struct run *r, struct response *resp);
/* Passes over the current item (no credit); NULL when done. */
const struct run_item *run_skip(struct run *r);
/* Goes back one item so it can be answered again; false at the first. */
bool run_back(struct run *r);

/* Starts the clock of a timed quiz at now, in seconds from any origin:
 * the engine never reads a clock, the caller passes the time in. */
void run_start_clock(struct run *r, double now);
/* True when the run has a time limit and now is past it. */
bool run_time_up(const struct run *r, double now);
/* Whole minutes left, rounded up; -1 without a limit. */
int run_minutes_left(const struct run *r, double now);

/* Releases what a response holds and clears it. */
void response_release(struct response *resp);

/* One competency's standing in a result. */
struct comp_score {
	const struct competency *competency;
	double earned;	 /* quiz: points earned */
	double possible; /* quiz: points possible */
	size_t answered; /* items answered (not skipped) */
	size_t total;	 /* items of this competency in the run */
	bool scored;	 /* false: not enough answers to score */
	double score;	 /* 0..100, unrounded, when scored */
};

struct next_action {
	const struct competency *competency; /* the weak competency */
	const char *text;	     /* the action, or NULL: read lesson */
	const struct lesson *lesson; /* where to read up; may be NULL */
};

struct result {
	enum run_kind kind;
	bool scored;		 /* an overall score exists */
	double score;		 /* 0..100, unrounded */
	double earned, possible; /* quiz points */
	const struct band
		*band; /* chosen on the unrounded score; may be NULL */
	bool passed;   /* quiz: score >= pass mark */
	size_t answered, skipped, total;
	size_t not_applicable;	  /* statements that had not come up */
	struct comp_score *comps; /* competencies in the run, course order */
	size_t n_comps;
	bool straight_lining; /* every answer the same value */
	struct next_action actions[3];
	size_t n_actions;
};

/* Scores the run as it stands (unanswered items count as skipped). The
 * caller releases the result with result_release(). */
void run_result(const struct run *r, struct result *out);
void result_release(struct result *res);

#endif
