/* SPDX-License-Identifier: GPL-3.0-or-later */
/* meeting_keep.h - a meeting kept in the store as it goes: each member's
 * attempt, each answer the moment it is given (the terminal's typed ones
 * and the phones' alike), a poll's votes as counts, and the close. One
 * path for every front end, so that what a phone is told was received is
 * what the store holds. The caller gives the time. */
#ifndef RAPPORT_MEETING_KEEP_H
#define RAPPORT_MEETING_KEEP_H

#include <stdint.h>

#include "meeting.h"
#include "store.h"

struct meeting_keep {
	struct store *store;
	const char *course;	 /* the course's id */
	const char *fingerprint; /* of its files */
	const char *holder;	 /* the process answering in the attempts */
	const char *facilitator; /* the user running the meeting */
	char uuid[37];		 /* the meeting, once begun */
	/* where phones reach it, "" when it is not live: kept with its
	 * state, so that a resumed meeting is where they left it */
	char listen[112]; /* "ADDR:PORT" */
	char token[17], code[7];
};

/* Records the meeting's start (its UUID into k->uuid) and an attempt for
 * everyone in it so far. 0, or -1 with *err (the caller frees). */
int meeting_keep_begin(struct meeting_keep *k, const struct meeting *m,
		       int64_t now, char **err);

/* A user and an attempt for member mb of party pa, who joined after the
 * start. */
int meeting_keep_member(const struct meeting_keep *k,
			const struct meeting_party *pa,
			struct meeting_member *mb, int64_t now, char **err);

/* party's answer at (an option of the scenario on show, or a point of the
 * poll), from its member at index member (SIZE_MAX: the party as one; see
 * meeting_answer_by), into the meeting and then the store, seconds after
 * the part was shown (0: not measured). *st says what the meeting made of it;
 * the store is written only when that is MEETING_OK. -1 with *err when the
 * store refused it: nothing was received. */
int meeting_keep_answer(const struct meeting_keep *k, struct meeting *m,
			size_t party, size_t member, size_t at, int64_t now,
			double seconds, enum meeting_answer *st, char **err);

/* Saves what it takes to go on with m after a crash (meeting_keep_resume):
 * who is in and their attempts and phone sessions, the parts in their
 * order and the one on show, what was revealed, the tallies and the role
 * cards, each poll's counts and who voted in it (never what), where the
 * phones reach it. Call after anything but a scenario's answer changed
 * (those are in the members' attempts); the store wipes it at the end. */
int meeting_keep_save(const struct meeting_keep *k, const struct meeting *m,
		      char **err);

/* The meeting k->uuid again from its saved state (store_meeting_unfinished)
 * in course c, exercise ex: its members' answers back from their attempts,
 * the points of what was revealed counted again, k's listen, token and
 * code as they were, and in *old_holder (the caller's) the process that
 * ran it. NULL with *err when the state cannot be read or names what the
 * course no longer has. */
struct meeting *meeting_keep_resume(struct meeting_keep *k,
				    const struct course *c,
				    const struct exercise *ex,
				    const char *state, char **old_holder,
				    int64_t now, char **err);

/* Takes every member's attempt over from old_holder (store_claim): 0, 1
 * when one has another holder now, -1 on an error. */
int meeting_keep_claim(const struct meeting_keep *k, const struct meeting *m,
		       const char *old_holder, int64_t now, char **err);

/* Closes the meeting: every member's attempt finished (set aside when
 * they answered nothing), scored on the scenarios the room saw. Goes on
 * past a failure; -1 with the first error in *err. */
int meeting_keep_close(const struct meeting_keep *k, struct meeting *m,
		       int64_t now, char **err);

#endif
