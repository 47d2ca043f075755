/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_store.c - the SQLite store: identity and refusal, file mode,
 * attempts with their plans and answers, resuming, the review queue, lesson
 * reads, path steps, history. */
#include "testlib.h"

#include <fcntl.h>
#include <math.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine.h"
#include "record.h"
#include "review.h"
#include "store.h"

static char *dir;
static struct course *course;

static const char course_xml[] = COURSE(
	"<quiz id='q' pass='50' shuffle='false'><title>Q</title>"
	"<single-choice id='sc' competency='c'><prompt>P</prompt>"
	"<option id='w' correct='true'><text>W</text></option>"
	"<option id='x'><text>X</text></option><option id='y'><text>Y</text>"
	"</option></single-choice>"
	"<short-answer id='sa' competency='c'><prompt>P</prompt>"
	"<accept>goodwill</accept></short-answer>" TF_QUESTION BANDS_OK
	"</quiz>" ASSESSMENT_OK);

static int setup(void **state)
{
	const char *tmp = getenv("TESTS_TMP") ? getenv("TESTS_TMP") : "/tmp";

	(void)state;
	dir = xasprintf("%s/store-XXXXXX", tmp);
	if (!mkdtemp(dir))
		return -1;
	course = test_course(course_xml);
	return course ? 0 : -1;
}

static int teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	(void)state;
	if (system(cmd) != 0)
		print_message("could not remove %s\n", dir);
	free(cmd);
	free(dir);
	course_free(course);
	content_cleanup();
	sqlite3_shutdown();
	return 0;
}

static char *db_path(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static struct store *open_ok(const char *path)
{
	char *err = NULL;
	struct store *s = store_open(path, &err);

	if (!s)
		fail_msg("store_open: %s", err);
	return s;
}

static void creates_a_private_file(void **state)
{
	char *path = db_path("new.db");
	struct store *s = open_ok(path);
	struct stat st;
	int64_t id, again;
	char *err = NULL;

	(void)state;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(store_user(s, "ana", 100, &id, &err), 0);
	assert_int_equal(store_user(s, "ana", 200, &again, &err), 0);
	assert_true(id == again);
	store_close(s);
	/* reopening finds the same schema and data */
	s = open_ok(path);
	assert_int_equal(store_user(s, "ana", 300, &again, &err), 0);
	assert_true(id == again);
	store_close(s);
	free(path);
}

/* Reads a whole file; caller frees. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = { 0 };
	char buf[4096];
	size_t n;

	assert_non_null(f);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	*len = sb.len;
	return strbuf_detach(&sb);
}

/* Opening path must fail with a message containing why, and leave the
 * file byte for byte as it was. */
static void expect_refused(const char *path, const char *why)
{
	size_t before_len, after_len;
	char *before = slurp(path, &before_len), *after, *err = NULL;
	struct store *s = store_open(path, &err);

	assert_null(s);
	assert_non_null(err);
	if (!strstr(err, why))
		fail_msg("'%s' does not say '%s'", err, why);
	assert_non_null(strstr(err, "left as it is"));
	after = slurp(path, &after_len);
	assert_int_equal(before_len, after_len);
	assert_memory_equal(before, after, before_len);
	free(before);
	free(after);
	free(err);
}

static void refuses_foreign_and_newer_files(void **state)
{
	char *foreign = db_path("foreign.db"), *newer = db_path("newer.db");
	char *text = db_path("text.db");
	sqlite3 *db;
	FILE *f;

	(void)state;
	assert_int_equal(sqlite3_open(foreign, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
				      "CREATE TABLE t (x); INSERT INTO t "
				      "VALUES (1);",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	expect_refused(foreign, "belongs to another program");

	assert_int_equal(sqlite3_open(newer, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
				      "PRAGMA application_id = 1380995668;"
				      "PRAGMA user_version = 99;"
				      "CREATE TABLE future (x);",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	expect_refused(newer, "written by a newer rapport (schema 99");

	f = fopen(text, "w");
	fputs("name,score\nana,80\n", f);
	fclose(f);
	expect_refused(text, "not an SQLite file");
	free(foreign);
	free(newer);
	free(text);
}

static struct run *new_quiz(uint64_t seed)
{
	return run_new_quiz(course, course_find_kind(course, "q", ITEM_QUIZ),
			    seed);
}

static void answer_pick(struct run *r, size_t shown)
{
	struct response resp = { 0 };
	struct run_item *it = run_current(r);

	resp.picks = xcalloc(1, sizeof(size_t));
	resp.picks[0] = it->order[shown];
	resp.n_picks = 1;
	assert_non_null(run_answer(r, &resp));
}

/* The holder the attempts of these tests are answered by. */
#define ME "testhost boot-1 100 5000"

static void answer_text(struct run *r, const char *text)
{
	struct response resp = { .text = xstrdup(text) };

	assert_non_null(run_answer(r, &resp));
}

static void an_attempt_survives_and_resumes(void **state)
{
	char *path = db_path("attempts.db"), *err = NULL;
	struct store *s = open_ok(path);
	struct attempt_key k = { .course = "t",
				 .fingerprint = "fp1",
				 .holder = ME };
	struct stored_attempt sa;
	struct run *r = new_quiz(7), *back;
	struct plan_entry plan[3];
	size_t map[3], dropped, changed, i;
	char uuid[37];

	(void)state;
	assert_int_equal(store_user(s, "ana", 1000, &k.user, &err), 0);
	assert_int_equal(store_begin(s, &k, r, 1000, uuid, &err), 0);
	assert_int_equal(strlen(uuid), 36);
	assert_int_equal(uuid[14], '4');
	answer_pick(r, 1);
	assert_int_equal(
		store_answer(s, uuid, ME, r, 0, 1010, 10.0, NULL, &err), 0);
	answer_text(r, "Goodwill!");
	assert_int_equal(store_answer(s, uuid, ME, r, 1, 1020, 9.5, NULL, &err),
			 0);
	store_close(s);

	/* a later process finds it unfinished, with its plan and answers */
	s = open_ok(path);
	assert_int_equal(
		store_unfinished(s, k.user, "t", NULL, NULL, &sa, &err), 1);
	assert_string_equal(sa.uuid, uuid);
	assert_string_equal(sa.kind, "quiz");
	assert_string_equal(sa.item, "q");
	assert_string_equal(sa.fingerprint, "fp1");
	assert_true(sa.seed == 7);
	assert_int_equal(sa.total, 3);
	assert_int_equal(sa.answered, 2);
	assert_int_equal(store_load_plan(s, &sa, &err), 0);
	assert_int_equal(sa.n_items, 3);
	assert_string_equal(sa.items[0].item, "sc");
	assert_int_equal(sa.items[0].n_choices, 3);
	assert_true(sa.items[0].answered);
	assert_int_equal(sa.items[0].n_picks, 1);
	assert_string_equal(sa.items[1].text, "Goodwill!");
	assert_false(sa.items[2].answered);

	/* the engine rebuilds the same run from it */
	for (i = 0; i < sa.n_items; i++) {
		plan[i].item = sa.items[i].item;
		plan[i].choices = (const char *const *)sa.items[i].choices;
		plan[i].n_choices = sa.items[i].n_choices;
	}
	back = run_restore(course, RUN_QUIZ, r->quiz, sa.seed, plan, 3, map,
			   &dropped, &changed);
	assert_int_equal(dropped, 0);
	assert_int_equal(changed, 0);
	for (i = 0; i < 3; i++) {
		assert_ptr_equal(back->items[i].question, r->items[i].question);
		if (r->items[i].n_order)
			assert_memory_equal(
				back->items[i].order, r->items[i].order,
				r->items[i].n_order * sizeof(size_t));
	}
	for (i = 0; i < 2; i++)
		assert_true(run_replay(back, map[i],
				       (const char *const *)sa.items[i].picks,
				       sa.items[i].n_picks, sa.items[i].text,
				       sa.items[i].value, sa.items[i].skipped));
	run_seek_pending(back);
	assert_int_equal(back->pos, 2);
	assert_int_equal(back->items[0].outcome, r->items[0].outcome);
	assert_int_equal(back->items[1].outcome, OUTCOME_RIGHT);

	/* finishing it: no longer unfinished, its scores kept */
	answer_pick(back, 0);
	{
		/* the answer and its move in the review queue commit together
		 */
		const struct review_move miss = { k.user, "t", "q-missed",
						  false, 40 };
		struct review_row *q;
		size_t nq;
		assert_int_equal(store_answer(s, uuid, ME, back, 2, 1030, 3,
					      &miss, &err),
				 0);
		assert_int_equal(store_review_queue(s, k.user, "t", false, 0,
						    &q, &nq, &err),
				 0);
		assert_int_equal(nq, 1);
		assert_string_equal(q[0].question, "q-missed");
		assert_int_equal(q[0].box, 1);
		assert_true(q[0].due == 41);
		store_free_review(q, nq);
	}
	{
		struct result res;
		struct history_row *h;
		struct score_point *pts;
		size_t n;
		double best;
		run_result(back, &res);
		assert_int_equal(
			store_finish(s, uuid, ME, back, &res, 1040, &err), 0);
		{
			/* an answer refused (the attempt is finished) moves
			 * nothing in the review queue: both or neither */
			const struct review_move miss = { k.user, "t", "q-late",
							  false, 50 };
			struct review_row *q;
			size_t nq;
			assert_int_equal(store_answer(s, uuid, ME, back, 2,
						      1050, 3, &miss, &err),
					 -1);
			free(err);
			err = NULL;
			assert_int_equal(store_review_queue(s, k.user, "t",
							    false, 0, &q, &nq,
							    &err),
					 0);
			assert_int_equal(nq, 1); /* q-missed only */
			assert_string_equal(q[0].question, "q-missed");
			store_free_review(q, nq);
		}
		{
			struct stored_attempt none;
			assert_int_equal(store_unfinished(s, k.user, "t", NULL,
							  NULL, &none, &err),
					 0);
			store_attempt_release(&none);
		}
		assert_int_equal(store_history(s, k.user, "t", &h, &n, &err),
				 0);
		assert_int_equal(n, 1);
		assert_string_equal(h[0].status, "finished");
		assert_true(h[0].finished == 1040);
		assert_true(h[0].scored);
		assert_true(fabs(h[0].score - res.score) < 1e-9);
		assert_int_equal(h[0].answered, 3);
		store_free_history(h, n);
		assert_int_equal(store_competency_scores(s, k.user, "t", "c",
							 &pts, &n, &err),
				 0);
		assert_int_equal(n, 1);
		assert_true(fabs(pts[0].score - res.score) < 1e-9);
		store_free_points(pts, n);
		assert_int_equal(store_best_score(s, k.user, "t", "quiz", "q",
						  &best, &err),
				 1);
		assert_true(fabs(best - res.score) < 1e-9);
		assert_int_equal(store_best_score(s, k.user, "t", "quiz",
						  "other", &best, &err),
				 0);
		result_release(&res);
	}
	store_attempt_release(&sa);
	run_free(back);
	run_free(r);
	store_close(s);
	free(path);
}

static void a_changed_course_resumes_what_is_left(void **state)
{
	const char *const gone_choices[] = { "x", "gone", "w" };
	struct plan_entry plan[] = {
		{ "sc", gone_choices, 3 },
		{ "removed-question", NULL, 0 },
		{ "tf", NULL, 0 },
	};
	size_t map[3], dropped, changed;
	struct run *r = run_restore(course, RUN_QUIZ,
				    course_find_kind(course, "q", ITEM_QUIZ), 1,
				    plan, 3, map, &dropped, &changed);

	(void)state;
	assert_int_equal(r->n_items, 2);
	assert_int_equal(dropped, 1);
	assert_int_equal(changed,
			 2); /* sc lost 'gone' and gained 'y'; tf new */
	assert_int_equal(map[0], 0);
	assert_true(map[1] == SIZE_MAX);
	assert_int_equal(map[2], 1);
	/* x, w as stored, then the new y */
	assert_int_equal(r->items[0].n_order, 3);
	assert_string_equal(
		r->items[0].question->choices[r->items[0].order[0]].id, "x");
	assert_string_equal(
		r->items[0].question->choices[r->items[0].order[1]].id, "w");
	assert_string_equal(
		r->items[0].question->choices[r->items[0].order[2]].id, "y");
	/* an answer naming an option that is gone does not fit */
	{
		const char *const picks[] = { "gone" };
		assert_false(run_replay(r, 0, picks, 1, NULL, 0, false));
		assert_int_equal(r->items[0].outcome, OUTCOME_PENDING);
	}
	run_free(r);
}

static void the_review_queue_moves_through_boxes(void **state)
{
	char *path = db_path("review.db"), *err = NULL;
	struct store *s = open_ok(path);
	struct review_row *q;
	int64_t user;
	size_t n;

	(void)state;
	assert_int_equal(review_interval(1), 1);
	assert_int_equal(review_interval(2), 3);
	assert_int_equal(review_interval(3), 7);
	assert_int_equal(review_interval(4), 14);
	assert_int_equal(store_user(s, "ana", 0, &user, &err), 0);
	/* missed on day 100: box 1, due on day 101 */
	assert_int_equal(store_review_missed(s, user, "t", "sc", 100, &err), 0);
	assert_int_equal(
		store_review_queue(s, user, "t", true, 100, &q, &n, &err), 0);
	assert_int_equal(n, 0);
	store_free_review(q, n);
	assert_int_equal(
		store_review_queue(s, user, "t", true, 101, &q, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(q[0].box, 1);
	assert_true(q[0].due == 101);
	store_free_review(q, n);
	/* right on 101: box 2, due 104; right on 104: box 3, due 111 */
	assert_int_equal(
		store_review_result(s, user, "t", "sc", true, 101, &err), 0);
	assert_int_equal(
		store_review_queue(s, user, "t", false, 0, &q, &n, &err), 0);
	assert_int_equal(q[0].box, 2);
	assert_true(q[0].due == 104);
	store_free_review(q, n);
	assert_int_equal(
		store_review_result(s, user, "t", "sc", true, 104, &err), 0);
	/* a miss in box 3 goes back to box 1 */
	assert_int_equal(
		store_review_result(s, user, "t", "sc", false, 111, &err), 0);
	assert_int_equal(
		store_review_queue(s, user, "t", false, 0, &q, &n, &err), 0);
	assert_int_equal(q[0].box, 1);
	assert_true(q[0].due == 112);
	store_free_review(q, n);
	/* up through 2, 3, 4, and out after box 4 */
	assert_int_equal(
		store_review_result(s, user, "t", "sc", true, 112, &err), 0);
	assert_int_equal(
		store_review_result(s, user, "t", "sc", true, 115, &err), 0);
	assert_int_equal(
		store_review_result(s, user, "t", "sc", true, 122, &err), 0);
	assert_int_equal(
		store_review_queue(s, user, "t", false, 0, &q, &n, &err), 0);
	assert_int_equal(q[0].box, 4);
	assert_true(q[0].due == 136);
	store_free_review(q, n);
	assert_int_equal(
		store_review_result(s, user, "t", "sc", true, 136, &err), 0);
	assert_int_equal(
		store_review_queue(s, user, "t", false, 0, &q, &n, &err), 0);
	assert_int_equal(n, 0);
	store_free_review(q, n);
	/* right for a question not in the queue changes nothing */
	assert_int_equal(
		store_review_result(s, user, "t", "tf", true, 136, &err), 0);
	assert_int_equal(
		store_review_queue(s, user, "t", false, 0, &q, &n, &err), 0);
	assert_int_equal(n, 0);
	store_free_review(q, n);
	store_close(s);
	free(path);
}

static void reads_steps_and_users(void **state)
{
	char *path = db_path("misc.db"), *err = NULL;
	struct store *s = open_ok(path);
	struct user_row *u;
	int64_t ana, ben, when = 0;
	size_t n;

	(void)state;
	assert_int_equal(store_user(s, "ben", 5, &ben, &err), 0);
	assert_int_equal(store_user(s, "ana", 6, &ana, &err), 0);
	assert_int_equal(store_has_read(s, ana, "t", "l", &err), 0);
	assert_int_equal(store_read(s, ana, "t", "l", 7, &err), 0);
	assert_int_equal(store_has_read(s, ana, "t", "l", &err), 1);
	assert_int_equal(store_has_read(s, ben, "t", "l", &err), 0);
	assert_int_equal(store_has_read(s, ana, "other", "l", &err), 0);
	assert_int_equal(
		store_step_is_done(s, ana, "t", "p", "s1", &when, &err), 0);
	assert_int_equal(store_step_done(s, ana, "t", "p", "s1", 8, &err), 0);
	assert_int_equal(store_step_done(s, ana, "t", "p", "s1", 9, &err), 0);
	assert_int_equal(
		store_step_is_done(s, ana, "t", "p", "s1", &when, &err), 1);
	assert_true(when == 8); /* the first time counts */
	assert_int_equal(store_users(s, &u, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(u[0].name, "ana");
	assert_string_equal(u[1].name, "ben");
	store_free_users(u, n);
	store_close(s);
	free(path);
}

static void two_handles_share_one_file(void **state)
{
	char *path = db_path("shared.db"), *err = NULL;
	struct store *a = open_ok(path), *b = open_ok(path);
	struct attempt_key ka = { .course = "t",
				  .fingerprint = "fp",
				  .holder = ME },
			   kb = { .course = "t",
				  .fingerprint = "fp",
				  .holder = ME };
	struct run *ra = new_quiz(1), *rb = new_quiz(2);
	struct history_row *h;
	char ua[37], ub[37];
	size_t n, i;

	(void)state;
	assert_int_equal(store_user(a, "ana", 0, &ka.user, &err), 0);
	assert_int_equal(store_user(b, "ben", 0, &kb.user, &err), 0);
	assert_int_equal(store_begin(a, &ka, ra, 1, ua, &err), 0);
	assert_int_equal(store_begin(b, &kb, rb, 1, ub, &err), 0);
	assert_string_not_equal(ua, ub);
	for (i = 0; i < 3; i++) {
		assert_non_null(run_skip(ra));
		assert_int_equal(
			store_answer(a, ua, ME, ra, i, 2, 1, NULL, &err), 0);
		assert_non_null(run_skip(rb));
		assert_int_equal(
			store_answer(b, ub, ME, rb, i, 2, 1, NULL, &err), 0);
	}
	assert_int_equal(store_history(a, kb.user, "t", &h, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].answered, 3);
	store_free_history(h, n);
	run_free(ra);
	run_free(rb);
	store_close(a);
	store_close(b);
	free(path);
}

/* One attempt, one writer: an attempt begun by one holder takes answers
 * from that holder only; another must take it over first, by one
 * compare-and-set that only one of two can win, and the first is then
 * refused with STORE_TAKEN. An attempt let go is nobody's, and anyone
 * may take it. */
static void an_attempt_has_one_writer(void **state)
{
	char *path = db_path("claims.db"), *err = NULL;
	struct store *a = open_ok(path), *b = open_ok(path);
	const char *other = "testhost boot-1 200 6000";
	struct attempt_key k = { .course = "t",
				 .fingerprint = "fp",
				 .holder = ME };
	struct stored_attempt sa;
	struct run *r = new_quiz(3);
	char uuid[37];

	(void)state;
	assert_int_equal(store_user(a, "ana", 0, &k.user, &err), 0);
	assert_int_equal(store_begin(a, &k, r, 100, uuid, &err), 0);
	assert_non_null(run_skip(r));
	assert_int_equal(store_answer(a, uuid, ME, r, 0, 101, 1, NULL, &err),
			 0);
	/* a second process sees who holds it, and since when */
	assert_int_equal(
		store_unfinished(b, k.user, "t", NULL, NULL, &sa, &err), 1);
	assert_string_equal(sa.holder, ME);
	assert_int_equal(sa.held_since, 100);
	/* it may not answer in it */
	assert_non_null(run_skip(r));
	assert_int_equal(store_answer(b, uuid, other, r, 1, 102, 1, NULL, &err),
			 STORE_TAKEN);
	assert_string_equal(err, "another rapport has taken the attempt over");
	free(err);
	err = NULL;
	/* taking it needs the holder it had: a stale view loses */
	assert_int_equal(store_claim(b, uuid, other, NULL, 103, &err), 1);
	assert_int_equal(store_claim(b, uuid, other, ME, 103, &err), 0);
	assert_int_equal(store_claim(a, uuid, ME, ME, 104, &err), 1);
	/* now the first is refused, answer and finish alike */
	assert_int_equal(store_answer(a, uuid, ME, r, 1, 105, 1, NULL, &err),
			 STORE_TAKEN);
	free(err);
	err = NULL;
	assert_int_equal(store_abandon(a, uuid, ME, &err), STORE_TAKEN);
	free(err);
	err = NULL;
	assert_int_equal(store_answer(b, uuid, other, r, 1, 106, 1, NULL, &err),
			 0);
	/* let go, it is nobody's: the next one takes it without a fight */
	assert_int_equal(store_let_go(b, uuid, other, &err), 0);
	store_attempt_release(&sa);
	assert_int_equal(
		store_unfinished(a, k.user, "t", NULL, NULL, &sa, &err), 1);
	assert_null(sa.holder);
	assert_int_equal(sa.answered, 2);
	assert_int_equal(store_claim(a, uuid, ME, NULL, 107, &err), 0);
	store_attempt_release(&sa);
	{
		struct history_row *h;
		size_t n;
		assert_int_equal(store_history(a, k.user, "t", &h, &n, &err),
				 0);
		assert_int_equal(n, 1);
		assert_int_equal(h[0].answered, 2); /* no position twice */
		store_free_history(h, n);
	}
	run_free(r);
	store_close(a);
	store_close(b);
	free(path);
}

/* store_each_record: keeps the time of the first answer of a record. */
static int first_answer_time(void *data, const struct record *r, char **err)
{
	(void)err;
	if (r->n_answers)
		*(int64_t *)data = r->answers[0].answered_ms;
	return 0;
}

/* A database written by schema version 1 (tests/fixtures/schema-v1.sql)
 * opens, is migrated to the current version under the write lock, and
 * keeps every result. */
static void an_old_database_is_migrated(void **state)
{
	char *path = db_path("v1.db"), *sql, *err = NULL;
	struct history_row *h;
	struct stored_attempt sa;
	struct store *s;
	sqlite3 *db;
	int64_t ana, ben;
	size_t n, len;
	long long version = 0;
	sqlite3_stmt *st;

	(void)state;
	sql = slurp("tests/fixtures/schema-v1.sql", &len);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	free(sql);

	s = open_ok(path);
	assert_int_equal(store_user(s, "ana", 0, &ana, &err), 0);
	assert_int_equal(store_history(s, ana, "desk-basics", &h, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(h[0].status, "finished");
	assert_int_equal(h[0].answered, 6);
	/* and version 6: times in whole seconds become milliseconds */
	assert_int_equal(h[0].started, 1795763122000);
	assert_int_equal(h[0].finished, 1795763122000);
	store_free_history(h, n);
	{
		struct record_filter f = { "desk-basics", "ana", 0 };
		int64_t answered = 0;
		assert_int_equal(store_each_record(s, &f, first_answer_time,
						   &answered, &err),
				 0);
		assert_int_equal(answered, 1795763122000);
	}
	assert_int_equal(store_user(s, "ben", 0, &ben, &err), 0);
	assert_int_equal(
		store_unfinished(s, ben, "desk-basics", NULL, NULL, &sa, &err),
		1);
	assert_string_equal(sa.kind, "assessment");
	assert_int_equal(sa.answered, 1);
	store_attempt_release(&sa);
	/* and what version 2 adds works */
	{
		char uuid[37];
		assert_int_equal(store_meeting_begin(s, "desk-basics",
						     "meeting", "ana", 5, uuid,
						     &err),
				 0);
		assert_int_equal(store_meeting_vote(s, uuid, "sc-chair", NULL,
						    "talk", 4, 6, &err),
				 0);
	}
	/* and version 3: the attempt in capitals is in lower case, and an
	 * unfinished one can be held */
	assert_int_equal(
		store_unfinished(s, ben, "desk-basics", NULL, NULL, &sa, &err),
		1);
	assert_string_equal(sa.uuid, "5affa181-543e-4553-99aa-1b0cd9e0e27a");
	assert_null(sa.holder);
	assert_int_equal(store_claim(s, sa.uuid, ME, NULL, 9, &err), 0);
	store_attempt_release(&sa);
	store_close(s);

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(
		sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL),
		SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	version = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	assert_int_equal(version, STORE_SCHEMA_VERSION);
	free(path);
}

/* A group of writes is one transaction: nothing of it seen elsewhere
 * before its commit, all of it after; a write that fails inside it is
 * undone alone; one group at a time. */
static void a_group_of_writes_is_one_commit(void **state)
{
	char *path = db_path("group.db"), *err = NULL;
	struct store *a = open_ok(path), *b = open_ok(path);
	int64_t id = 0, found = 0;
	char uuid[37];

	(void)state;
	assert_int_equal(store_group_begin(a, &err), 0);
	assert_int_equal(store_group_begin(a, &err), -1);
	assert_non_null(strstr(err, "open already"));
	free(err);
	err = NULL;
	assert_int_equal(store_user(a, "ana", 1, &id, &err), 0);
	assert_int_equal(
		store_meeting_begin(a, "t", "ex", "pat", 1, uuid, &err), 0);
	/* a vote with no choice breaks a constraint: undone alone */
	assert_int_equal(
		store_meeting_vote(a, uuid, "s1", "ana", NULL, 1, 1, &err), -1);
	free(err);
	err = NULL;
	assert_int_equal(store_meeting_save(a, uuid, "{}", &err), 0);
	assert_int_equal(store_find_user(b, "ana", &found, &err), 0);
	assert_int_equal(store_group_commit(a, &err), 0);
	assert_int_equal(store_find_user(b, "ana", &found, &err), 1);
	assert_int_equal(found, id);
	{
		char u2[37], *ex = NULL, *st = NULL;
		assert_int_equal(store_meeting_unfinished(b, "t", "pat", u2,
							  &ex, &st, &err),
				 1);
		assert_string_equal(u2, uuid);
		assert_string_equal(st, "{}");
		free(ex);
		free(st);
	}
	/* without a group, each write is its own commit as before */
	assert_int_equal(store_group_commit(a, &err), 0);
	assert_int_equal(store_user(a, "ben", 2, &id, &err), 0);
	assert_int_equal(store_find_user(b, "ben", &found, &err), 1);
	store_close(a);
	store_close(b);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(creates_a_private_file),
		cmocka_unit_test(refuses_foreign_and_newer_files),
		cmocka_unit_test(an_attempt_survives_and_resumes),
		cmocka_unit_test(an_attempt_has_one_writer),
		cmocka_unit_test(a_changed_course_resumes_what_is_left),
		cmocka_unit_test(the_review_queue_moves_through_boxes),
		cmocka_unit_test(reads_steps_and_users),
		cmocka_unit_test(two_handles_share_one_file),
		cmocka_unit_test(a_group_of_writes_is_one_commit),
		cmocka_unit_test(an_old_database_is_migrated),
	};
	return cmocka_run_group_tests_name("store", tests, setup, teardown);
}
