/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store.h - results that last: one SQLite database per person or team, the
 * only user of sqlite3.h.
 *
 * Every write is its own BEGIN IMMEDIATE transaction with a busy timeout,
 * committed before the caller tells anyone it happened, so that a crash
 * loses nothing acknowledged and several processes can share a file. The
 * file carries an application id and a schema version; a foreign or newer
 * file is refused and left untouched. Times are passed in (milliseconds
 * since the epoch, in every table and every call here; days as whole local
 * days since the epoch): the store never reads a clock. Functions return 0 on
 * success or -1 with a message in *err (lowercase, no full stop; the caller
 * frees). */
#ifndef RAPPORT_STORE_H
#define RAPPORT_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define STORE_APPLICATION_ID 0x52505254 /* "RPRT" */
#define STORE_SCHEMA_VERSION 7
#define STORE_BUSY_MS	     10000

struct store;
struct run;
struct result;

/* Opens the database at path, creating it (mode 0600) and its schema when
 * missing, migrating an older schema. NULL with *err when it cannot, and
 * then a file that was there is left byte for byte as it was. */
struct store *store_open(const char *path, char **err);
/* Opens the database at path only to read it, so that results can be
 * read, and exported, from a read-only folder or a full disk: nothing is
 * created (a missing file reads as empty), nothing migrated unless it
 * can be, and when SQLite cannot make its -shm there the file is read as
 * it stands (with no unsaved -wal beside it, it holds everything). */
struct store *store_open_read(const char *path, char **err);
void store_close(struct store *s);

/* The id of the user called name, without creating it: 1 when found,
 * 0 when there is none (*id is then -1), -1 on an error. */
int store_find_user(struct store *s, const char *name, int64_t *id, char **err);

/* The files of the open database: the file itself, then the journals
 * SQLite keeps beside it (which may not exist yet); NULL-terminated,
 * owned by s. */
const char *const *store_files(const struct store *s);

/* The id of the user called name, created on first use. */
int store_user(struct store *s, const char *name, int64_t now, int64_t *id,
	       char **err);

struct user_row {
	char *name;	 /* owned */
	size_t attempts; /* finished attempts */
	int64_t last;	 /* latest activity, 0 when none */
};
/* Every user, by name. *rows is the caller's: free with store_free_users. */
int store_users(struct store *s, struct user_row **rows, size_t *n, char **err);
void store_free_users(struct user_row *rows, size_t n);

/* A group of writes as one transaction, for a server that keeps many
 * answers with one sync to the disk: every write between the two calls
 * is a savepoint inside it (one that fails is undone alone), and none is
 * committed before store_group_commit, which keeps all of them or, on a
 * failure, none (rolled back). One group at a time. */
int store_group_begin(struct store *s, char **err);
int store_group_commit(struct store *s, char **err);

/* ---- attempts ---- */

/* What a run was, to store it: the kind and item are those of the run. */
struct attempt_key {
	int64_t user;
	const char *course;	 /* course id */
	const char *fingerprint; /* of the course files, to notice changes */
	const char *meeting;	 /* the meeting's UUID, or NULL */
	const char *team;	 /* in a meeting, the team answered in, or
				    NULL */
	const char *facilitator; /* in a meeting, who ran it, or NULL */
	const char *holder;	 /* the process that answers in it */
};

/* Records a new attempt of run and its plan (every item and the order of
 * its options), before the first item is shown. Writes the attempt's new
 * UUID into uuid (37 bytes). */
int store_begin(struct store *s, const struct attempt_key *k,
		const struct run *run, int64_t now, char uuid[37], char **err);

/* How an answer moves a question in the review queue: a miss in a quiz
 * or a review sends it to box 1, a right answer in a review moves it up. */
struct review_move {
	int64_t user;
	const char *course, *question;
	bool right;
	int64_t today;
};

/* One attempt, one writer: an open attempt has a holder, the one process
 * that may answer in it (an opaque text the caller makes, such as
 * "host boot pid start"; NULL for an attempt nobody holds). Every write
 * below names the holder it is made for, and is refused with
 * STORE_TAKEN and "another rapport has taken the attempt over" when the
 * attempt has another. */
#define STORE_TAKEN (-2)

/* Records the answer just given to run->items[pos] (or its skip), with
 * the seconds taken, and when review is not NULL the question's move in
 * the review queue, in the same transaction: both are kept or neither.
 * Committed when it returns 0. */
int store_answer(struct store *s, const char *uuid, const char *holder,
		 const struct run *run, size_t pos, int64_t now, double seconds,
		 const struct review_move *review, char **err);

/* Marks the attempt finished with its result and per-competency scores;
 * it is nobody's any more. */
int store_finish(struct store *s, const char *uuid, const char *holder,
		 const struct run *run, const struct result *res, int64_t now,
		 char **err);

/* Marks an unfinished attempt abandoned (the learner started afresh). */
int store_abandon(struct store *s, const char *uuid, const char *holder,
		  char **err);

/* Makes holder the attempt's holder if it still has the holder expect
 * (NULL: nobody), as one compare-and-set, so that of two processes taking
 * the same attempt only one gets it: 0 when it did, 1 when the attempt
 * has another holder now (or is not open), -1 on an error. */
int store_claim(struct store *s, const char *uuid, const char *holder,
		const char *expect, int64_t now, char **err);
/* Lets an attempt go (when its holder stops without finishing), so that
 * the next process takes it without asking. */
int store_let_go(struct store *s, const char *uuid, const char *holder,
		 char **err);

/* An attempt as stored, to offer and resume it. */
struct stored_item {
	char *item;	/* question, statement or scenario id; owned */
	char **choices; /* option ids in the order shown; owned */
	size_t n_choices;
	/* the latest answer at this position, if any */
	bool answered; /* an answer or a skip was recorded */
	bool skipped;
	char **picks; /* option ids picked, in order; owned */
	size_t n_picks;
	char *text; /* a short answer; owned */
	int value;  /* a Likert value */
};

struct stored_attempt {
	char uuid[37];
	char *kind; /* "quiz", "assessment", "exercise", "review" */
	char *item; /* the quiz's, assessment's or exercise's id */
	char *fingerprint;
	uint64_t seed;
	int64_t started;
	size_t total;	 /* items planned */
	size_t answered; /* positions with an answer or a skip */
	double seconds;	 /* time spent answering so far */
	char *holder;	 /* who has it open, or NULL; owned */
	int64_t held_since;
	struct stored_item *items; /* filled by store_load_plan */
	size_t n_items;
};

/* The newest unfinished attempt of this user in this course (of any quiz,
 * assessment or exercise; not reviews). 1 when found, 0 when none, -1 on
 * error. Release with store_attempt_release(). */
int store_unfinished(struct store *s, int64_t user, const char *course,
		     const char *kind, const char *item,
		     struct stored_attempt *out, char **err);
/* Loads the plan and the latest answers of out->uuid into out->items. */
int store_load_plan(struct store *s, struct stored_attempt *out, char **err);
void store_attempt_release(struct stored_attempt *a);

/* ---- history and progress ---- */

struct history_row {
	char uuid[37];
	char *kind, *item;	   /* owned */
	int64_t started, finished; /* finished 0: not finished */
	char *status;		   /* "open", "finished", "abandoned"; owned */
	bool scored;
	double score;
	char *band; /* owned, may be NULL */
	bool passed;
	size_t answered, total;
};
/* A user's attempts in a course, oldest first. */
int store_history(struct store *s, int64_t user, const char *course,
		  struct history_row **rows, size_t *n, char **err);
void store_free_history(struct history_row *rows, size_t n);

struct score_point {
	char *kind; /* "quiz", "assessment" or "exercise"; owned */
	char *item; /* owned */
	int64_t finished;
	bool scored;
	double score;
};
/* One competency's scores in finished attempts, oldest first. */
int store_competency_scores(struct store *s, int64_t user, const char *course,
			    const char *competency, struct score_point **rows,
			    size_t *n, char **err);
void store_free_points(struct score_point *rows, size_t n);

/* The best finished score of an item (a quiz's id) into *best: 1 when
 * there is one, 0 when none was finished, -1 on error. */
int store_best_score(struct store *s, int64_t user, const char *course,
		     const char *kind, const char *item, double *best,
		     char **err);

/* ---- lessons read ---- */

int store_read(struct store *s, int64_t user, const char *course,
	       const char *lesson, int64_t now, char **err);
/* 1 when the lesson was read, 0 when not, -1 on error. */
int store_has_read(struct store *s, int64_t user, const char *course,
		   const char *lesson, char **err);

/* ---- the review queue (Leitner boxes; the rules are review.h's) ---- */

/* A question answered in a quiz: missed or partly right puts it in box 1,
 * due the next day; right leaves the queue as it is. */
int store_review_missed(struct store *s, int64_t user, const char *course,
			const char *question, int64_t today, char **err);
/* A question answered in a review: right moves it up a box (after box 4
 * it leaves the queue), anything else sends it back to box 1. */
int store_review_result(struct store *s, int64_t user, const char *course,
			const char *question, bool right, int64_t today,
			char **err);

struct review_row {
	char *question; /* owned */
	int box;
	int64_t due; /* day */
};
/* The queue: all of it (due_only false) or what is due by today. */
int store_review_queue(struct store *s, int64_t user, const char *course,
		       bool due_only, int64_t today, struct review_row **rows,
		       size_t *n, char **err);
void store_free_review(struct review_row *rows, size_t n);

/* ---- the onboarding path ---- */

/* Records that a path step is done (the first time only). */
int store_step_done(struct store *s, int64_t user, const char *course,
		    const char *path, const char *step, int64_t now,
		    char **err);
/* 1 with *when set when the step is recorded done, 0 when not, -1. */
int store_step_is_done(struct store *s, int64_t user, const char *course,
		       const char *path, const char *step, int64_t *when,
		       char **err);

/* ---- sales meetings ---- */

/* Records a meeting of exercise run by facilitator; its UUID into uuid. */
int store_meeting_begin(struct store *s, const char *course,
			const char *exercise, const char *facilitator,
			int64_t now, char uuid[37], char **err);
/* What the room answered at item: who (a participant or team; NULL for a
 * show of hands) chose choice (an option id), count times. */
int store_meeting_vote(struct store *s, const char *meeting, const char *item,
		       const char *who, const char *choice, int64_t count,
		       int64_t now, char **err);
/* One more vote for choice (a value of the scale) in poll item: a count
 * and nothing else, no name, no time, no order, so that nothing kept
 * links a person to what they said; with the meeting's state (see
 * store_meeting_save, NULL: left as it was) in the same transaction, so
 * that who voted (never what) is kept with the count. */
int store_meeting_poll(struct store *s, const char *meeting, const char *item,
		       const char *choice, const char *state, char **err);
/* The state of a meeting that is running (an opaque text the caller
 * makes), to take it up again after a crash; replaces the one before. */
int store_meeting_save(struct store *s, const char *meeting, const char *state,
		       char **err);
/* The newest meeting in course run by facilitator that did not end and
 * has a state: 1 with its UUID, exercise and state (the caller's to
 * free), 0 when there is none, -1 on an error. */
int store_meeting_unfinished(struct store *s, const char *course,
			     const char *facilitator, char uuid[37],
			     char **exercise, char **state, char **err);
/* The show of hands at item as it stands now: counts[i] hands for
 * choices[i] (n of each), replacing the one stored before, in one
 * transaction, so that the stored counts are the room's and not the sum
 * of every tally typed. */
int store_meeting_tally(struct store *s, const char *meeting, const char *item,
			const char *const *choices, const int64_t *counts,
			size_t n, int64_t now, char **err);
/* Marks the meeting ended, its state wiped (it holds the phones'
 * sessions). */
int store_meeting_end(struct store *s, const char *meeting, int64_t now,
		      char **err);

/* ---- records: exports and merges ---- */

/* ---- what a learning record store has (store/lrs.c) ---- */

/* Statement ids, sorted. */
struct store_ids {
	char **v;
	size_t n;
};
bool store_ids_has(const struct store_ids *ids, const char *id);
void store_ids_release(struct store_ids *ids);

/* The ids of the statements the record store at lrs (its statements
 * resource, as send names it) has acknowledged. */
int store_lrs_sent(struct store *s, const char *lrs, struct store_ids *out,
		   char **err);
/* Keeps that it has acknowledged these, in one transaction; an id kept
 * already stays as it was. */
int store_lrs_ack(struct store *s, const char *lrs, const char *const *ids,
		  size_t n, int64_t now, char **err);

struct record;

/* Which attempts to read: every field may be left empty. */
struct record_filter {
	const char *course; /* NULL: every course */
	const char *user;   /* NULL: everyone */
	int64_t since;	    /* attempts started at or after; 0: all */
};

/* Calls fn with each attempt that f lets through, oldest first, in one
 * consistent snapshot of the file, reading one attempt at a time. fn
 * returns 0 to go on or -1 with *err to stop; the record is freed after
 * it returns. */
int store_each_record(struct store *s, const struct record_filter *f,
		      int (*fn)(void *ctx, const struct record *r, char **err),
		      void *ctx, char **err);

/* What a merge did with each record. */
enum merge_outcome {
	MERGE_ADDED,	  /* new here: stored */
	MERGE_SAME,	  /* already here exactly: nothing to do */
	MERGE_CONFLICT,	  /* here with the same id but different: kept ours */
	MERGE_UNFINISHED, /* not finished where it was taken: left out */
};

/* A merge: records added one by one inside one write transaction, so
 * that the database takes all of them or, on an error or at the caller's
 * word, none. */
struct store_merge;
int store_merge_begin(struct store *s, struct store_merge **m, char **err);
/* Stores r if it is new; *outcome says what happened to it, and where it
 * conflicts *why names what differs (a static string; why may be NULL). */
int store_merge_add(struct store_merge *m, const struct record *r,
		    enum merge_outcome *outcome, const char **why, char **err);
/* Commits what was added when keep (else rolls it back), and frees m;
 * -1 when the commit fails, and then nothing was kept. */
int store_merge_end(struct store_merge *m, bool keep, char **err);

/* A UUID as text, from SQLite's random source; for tests and callers
 * that need one. */
void store_uuid(char out[37]);

#endif
