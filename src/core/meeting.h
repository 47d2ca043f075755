/* SPDX-License-Identifier: GPL-3.0-or-later */
/* meeting.h - a sales meeting's state and rules, whoever drives it (the
 * facilitator's terminal today, phones tomorrow): who takes part (people
 * and teams), the part on show, the answers and show-of-hands tallies,
 * the reveal and its points, the scoreboard, what the room missed most,
 * and the scenarios left out of everyone's score.
 *
 * Each member of a party has a run of the exercise, in written order, that
 * the party's answers go into; the caller keeps them in the store (the
 * member's user and attempt are the caller's keys, kept here beside the
 * run) and says what happens. Nothing here prints or reads the store. */
#ifndef RAPPORT_MEETING_H
#define RAPPORT_MEETING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine.h"
#include "model.h"

struct meeting_member {
	char *name;	  /* a user name; owned */
	struct run *run;  /* the exercise, in written order; owned */
	int64_t user_id;  /* the caller's: the member in the store */
	char uuid[37];	  /* the caller's: the member's attempt */
	char session[33]; /* the caller's: the phone session it joined
			     with, "" when none */
	bool *voted;	  /* per part, once started: voted in this poll
			     (whether, never what) */
};

/* Parties and their members are arrays that grow as people join: keep
 * their indexes, never pointers, across a join. */

/* Who answers: a person (one member, the same name) or a team. */
struct meeting_party {
	char *name; /* owned */
	bool team;
	struct meeting_member *members; /* owned */
	size_t n_members;
	double points;	 /* credits over the scenarios revealed */
	size_t answered; /* scenarios it answered, of those revealed */
};

/* What the room said at one part of the exercise. */
struct meeting_part {
	size_t *counts; /* per option (written order) or scale point: the
			   named answers and the tally, as of the reveal
			   (polls: as they come) */
	size_t n_counts;
	size_t *tally; /* the show-of-hands counts */
	bool shown;    /* the room has seen it */
	bool revealed;
	char **players; /* per role card of its scenario: the name of the
			   member who plays it (owned), or NULL */
};

struct meeting {
	const struct course *course;
	const struct exercise *ex;
	struct meeting_party *parties; /* owned */
	size_t n_parties;
	struct meeting_part *parts; /* one per part of ex, once started */
	size_t part;		    /* the part on show (of ex) */
	size_t *order;		    /* the parts the meeting goes through */
	size_t n_order;
	size_t pos;		       /* the part on show's place in order */
	const struct run_sheet *sheet; /* the format it follows, or NULL */
	bool started;
};

/* A meeting of exercise e, nobody in it yet. */
struct meeting *meeting_new(const struct course *c, const struct exercise *e);
void meeting_free(struct meeting *m);

/* Goes through the parts given (indexes of ex's parts, each once) in
 * their order instead of all of them in written order; sheet, when it is
 * not NULL, is the format they come from. Call before the start. false,
 * changing nothing, when n is 0 or a part is out of range or twice. */
bool meeting_set_order(struct meeting *m, const size_t *parts, size_t n,
		       const struct run_sheet *sheet);
/* The format's step on show, or NULL. */
const struct sheet_step *meeting_step(const struct meeting *m);

/* ---- who takes part ---- */

/* The party called name (any case), or NULL. */
struct meeting_party *meeting_find(struct meeting *m, const char *name);
/* Whether name is taken already, by a party or a team's member. */
bool meeting_name_taken(const struct meeting *m, const char *name);
/* Adds a person, before the start or after it (a late arrival, who gets a
 * run of their own at once); false when the name is empty or taken. */
bool meeting_add_person(struct meeting *m, const char *name);
/* Adds team name with the members given that are not taken (their names
 * into *skipped, the caller's to free, when skipped is not NULL); false,
 * adding nothing, when the name is empty or taken or no member is left. */
bool meeting_add_team(struct meeting *m, const char *name,
		      const char *const *members, size_t n,
		      const char ***skipped, size_t *n_skipped);
/* Adds team name with nobody in it yet, for people to join it (from their
 * phones); false when the name is empty or taken. A team nobody joins
 * answers nothing and is left off the scoreboard. */
bool meeting_add_empty_team(struct meeting *m, const char *name);
/* Takes back the member who joined last, into party (the last party,
 * for a person, which goes too), when what it takes to keep them failed.
 * Nothing else may have happened since. */
void meeting_drop_last(struct meeting *m, size_t party);
/* Puts a person called name into the team at index team, before the start
 * or after it; false when the name is empty or taken or that party is not
 * a team. */
bool meeting_join_team(struct meeting *m, size_t team, const char *name);

/* Gives every member a run and every part its counts: call once the room
 * is in, before anything else below. People may still join after it. */
void meeting_start(struct meeting *m);

/* ---- the part on show ---- */

/* The run index of part i (scenarios only count), SIZE_MAX for a poll. */
size_t meeting_scenario_index(const struct meeting *m, size_t part);
/* Marks the part on show as seen. */
void meeting_show(struct meeting *m);
/* Moves to the next or the previous part in the order (and shows it);
 * false at the end or the start. */
bool meeting_next(struct meeting *m);
bool meeting_back(struct meeting *m);

/* ---- answers ---- */

/* The option of the scenario a letter names ("b", "B"), or SIZE_MAX. */
size_t meeting_option_of(const struct scenario *sc, const char *word);
/* The scale point with the value a word gives ("4"), or SIZE_MAX. */
size_t meeting_point_of(const struct scale *s, const char *word);

enum meeting_answer {
	MEETING_OK,
	MEETING_REVEALED,      /* the part is revealed: answers are closed */
	MEETING_NOT_AN_ANSWER, /* not an option or a point of this part */
	MEETING_ANSWERED,      /* a poll this party has answered already */
};

/* party's answer to the part on show: an option index of the scenario
 * (each member's run answered there, the earlier answer replaced) or a
 * point index of the poll (counted once, never linked to the party). */
enum meeting_answer meeting_answer(struct meeting *m,
				   struct meeting_party *party, size_t at);
/* The same, from one member of the party (its index): at a scenario the
 * party's answer still, but at a poll that member's own vote, so that
 * each person on a phone votes once. */
enum meeting_answer meeting_answer_by(struct meeting *m,
				      struct meeting_party *party,
				      size_t member, size_t at);

/* A show of hands at the part on show: counts (n_counts of them, each
 * option's or point's) replace the tally. Refused once revealed. */
enum meeting_answer meeting_tally(struct meeting *m, const size_t *counts);

/* The option party chose at scenario run index idx, or SIZE_MAX. */
size_t meeting_choice_of(const struct meeting_party *party, size_t idx);

/* ---- role cards ---- */

/* The party and member called name (any case): true, with their indexes
 * in *party and *member (either may be NULL), or false. */
bool meeting_find_member(const struct meeting *m, const char *name,
			 size_t *party, size_t *member);
/* Gives role card card of the scenario on show to name (NULL: to nobody),
 * taking it from whoever had it; the card name had there before goes
 * back. false when the part is a poll or there is no such card. */
bool meeting_cast(struct meeting *m, size_t card, const char *name);
/* The card name plays in the scenario on show, or SIZE_MAX. */
size_t meeting_card_of(const struct meeting *m, const char *name);

/* ---- reveal, scores, most missed ---- */

/* Reveals the part on show: a scenario's counts (named answers and the
 * tally), and the first time, every party's points for it. */
void meeting_reveal(struct meeting *m);

/* Scenarios revealed so far. */
size_t meeting_revealed(const struct meeting *m);

/* The parties with someone in them, most points first (ties by name):
 * pointers into m, *n of them, the caller's to free. */
const struct meeting_party **meeting_ranking(const struct meeting *m,
					     size_t *n);

/* Whether the party answered the part on show (a scenario, or a poll
 * when any of its members voted). */
bool meeting_has_answered(const struct meeting *m,
			  const struct meeting_party *party);

/* A scenario the room did badly in. */
struct meeting_missed {
	size_t part;  /* its part */
	double avg;   /* the room's average credit, 0..100 */
	size_t worst; /* the option below full credit most chose, or
			 SIZE_MAX */
	size_t worst_count, total;
};

/* Up to max revealed scenarios the room averaged below full credit in,
 * worst first, into out; returns how many. */
size_t meeting_most_missed(const struct meeting *m, struct meeting_missed *out,
			   size_t max);

/* Leaves the scenarios the room never saw out of every member's run, so
 * each is scored on what the meeting went through. */
void meeting_close(struct meeting *m);

#endif
