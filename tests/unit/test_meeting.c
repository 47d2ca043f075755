/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_meeting.c - a meeting's state and rules on the weekly exercise of
 * tests/content/good/meeting.xml (s1: ask 100, mail 50, boss 0; s2: blame
 * 0, own 100, quiet 60; the poll p1; s3, s4, s5): who may join, answers
 * into every member's run, a poll counted without names, the tally, the
 * reveal's counts and points, the ranking, the most missed and the
 * scenarios left out at the close. */
#include "testlib.h"

#include <math.h>

#include "meeting.h"
#include "meeting_keep.h"

struct fixture {
	struct course *course;
	struct meeting *m;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	struct diag_list dl = { 0 };
	const struct exercise *ex;
	const char *red[] = { "kim", "raj", "ana", "kim" };
	const char **skipped;
	size_t n_skipped;

	f->course = content_load("tests/content/good/meeting.xml", &dl);
	assert_int_equal(dl.errors, 0);
	diag_list_release(&dl);
	ex = course_find_kind(f->course, "weekly", ITEM_EXERCISE);
	assert_non_null(ex);
	f->m = meeting_new(f->course, ex);
	assert_true(meeting_add_person(f->m, "ana"));
	assert_true(meeting_add_person(f->m, "tom"));
	assert_true(meeting_add_person(f->m, "lee"));
	/* ana is in already, and kim is named twice: both left out */
	assert_true(
		meeting_add_team(f->m, "Red", red, 4, &skipped, &n_skipped));
	assert_int_equal(n_skipped, 2);
	assert_string_equal(skipped[0], "ana");
	assert_string_equal(skipped[1], "kim");
	free(skipped);
	meeting_start(f->m);
	meeting_show(f->m);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	meeting_free(f->m);
	course_free(f->course);
	free(f);
	return 0;
}

static void who_may_join(void **state)
{
	struct fixture *f = *state;
	const char *none[] = { "", "tom" };

	assert_int_equal(f->m->n_parties, 4);
	assert_false(meeting_add_person(f->m, "ANA")); /* any case */
	assert_false(meeting_add_person(f->m, ""));
	assert_false(meeting_add_person(f->m, "raj")); /* a team's member */
	assert_false(meeting_add_team(f->m, "red", none, 2, NULL, NULL));
	assert_false(meeting_add_team(f->m, "Blue", none, 2, NULL, NULL));
	assert_int_equal(f->m->n_parties, 4);
	assert_true(meeting_name_taken(f->m, "Kim"));
	assert_non_null(meeting_find(f->m, "RED"));
	assert_int_equal(meeting_find(f->m, "Red")->n_members, 2);
	assert_null(meeting_find(f->m, "kim")); /* a member, not a party */
}

static void letters_and_points(void **state)
{
	struct fixture *f = *state;
	const struct scenario *s1 = f->m->ex->parts[0].scenario;

	assert_int_equal(meeting_option_of(s1, "a"), 0);
	assert_int_equal(meeting_option_of(s1, "C"), 2);
	assert_int_equal(meeting_option_of(s1, "d"), SIZE_MAX);
	assert_int_equal(meeting_option_of(s1, "ab"), SIZE_MAX);
	assert_int_equal(meeting_option_of(s1, "1"), SIZE_MAX);
	assert_int_equal(meeting_point_of(&f->m->ex->scale, "4"), 3);
	assert_int_equal(meeting_point_of(&f->m->ex->scale, "6"), SIZE_MAX);
	assert_int_equal(meeting_point_of(&f->m->ex->scale, "4x"), SIZE_MAX);
	assert_int_equal(meeting_point_of(&f->m->ex->scale, ""), SIZE_MAX);
}

static void reveal_counts_names_and_hands_and_scores_once(void **state)
{
	struct fixture *f = *state;
	struct meeting *m = f->m;
	const size_t hands[3] = { 2, 0, 1 };
	struct meeting_party *ana = meeting_find(m, "ana"),
			     *tom = meeting_find(m, "tom"),
			     *lee = meeting_find(m, "lee"),
			     *red = meeting_find(m, "red");
	const struct meeting_party **rank;
	size_t n_rank;

	assert_int_equal(meeting_answer(m, ana, 1), MEETING_OK);
	assert_int_equal(meeting_answer(m, ana, 0), MEETING_OK); /* changed */
	assert_int_equal(meeting_answer(m, tom, 1), MEETING_OK);
	assert_int_equal(meeting_answer(m, lee, 2), MEETING_OK);
	assert_int_equal(meeting_answer(m, red, 0), MEETING_OK);
	assert_int_equal(meeting_answer(m, red, 7), MEETING_NOT_AN_ANSWER);
	assert_int_equal(meeting_tally(m, hands), MEETING_OK);
	/* a team's answer is each member's */
	assert_int_equal(meeting_choice_of(red, 0), 0);
	assert_int_equal(red->members[1].run->items[0].response.picks[0], 0);
	meeting_reveal(m);
	assert_int_equal(m->parts[0].counts[0], 4);
	assert_int_equal(m->parts[0].counts[1], 1);
	assert_int_equal(m->parts[0].counts[2], 2);
	assert_true(fabs(ana->points - 1) < 1e-9);
	assert_true(fabs(tom->points - 0.5) < 1e-9);
	assert_true(fabs(lee->points) < 1e-9);
	assert_int_equal(lee->answered, 1);
	/* revealed: closed to answers; a second reveal scores nothing more */
	assert_int_equal(meeting_answer(m, lee, 0), MEETING_REVEALED);
	meeting_reveal(m);
	assert_true(fabs(ana->points - 1) < 1e-9);
	assert_int_equal(meeting_revealed(m), 1);
	rank = meeting_ranking(m, &n_rank);
	assert_int_equal(n_rank, 4);
	assert_string_equal(rank[0]->name, "ana"); /* ties go by name */
	assert_string_equal(rank[1]->name, "Red");
	assert_string_equal(rank[2]->name, "tom");
	assert_string_equal(rank[3]->name, "lee");
	free(rank);
}

static void a_poll_counts_each_party_once_and_no_name(void **state)
{
	struct fixture *f = *state;
	struct meeting *m = f->m;
	struct meeting_party *ana = meeting_find(m, "ana");

	assert_true(meeting_next(m));
	assert_true(meeting_next(m));
	assert_int_equal(m->part, 2);
	assert_int_equal(meeting_scenario_index(m, 2), SIZE_MAX);
	assert_int_equal(meeting_scenario_index(m, 3), 2);
	assert_int_equal(meeting_answer(m, ana, 3), MEETING_OK);
	assert_int_equal(meeting_answer(m, ana, 4), MEETING_ANSWERED);
	assert_int_equal(meeting_answer(m, meeting_find(m, "tom"), 4),
			 MEETING_OK);
	assert_int_equal(m->parts[2].counts[3], 1);
	assert_int_equal(m->parts[2].counts[4], 1);
	/* no run holds a poll answer */
	assert_int_equal(ana->members[0].run->n_items, 5);
	meeting_reveal(m);
	assert_int_equal(meeting_revealed(m), 0); /* polls are not scored */
}

static void late_arrivals_and_teams_joined_from_phones(void **state)
{
	struct fixture *f = *state;
	struct meeting *m = f->m;
	const struct meeting_party **rank;
	size_t n_rank, blue;

	/* after the start: a person, and a team that people join one by
	 * one; each gets a run of their own at once */
	assert_true(meeting_add_person(m, "zoe"));
	assert_non_null(meeting_find(m, "zoe")->members[0].run);
	assert_true(meeting_add_empty_team(m, "Blue"));
	assert_false(meeting_add_empty_team(m, "blue")); /* taken */
	assert_false(meeting_add_empty_team(m, "kim"));	 /* a member */
	blue = (size_t)(meeting_find(m, "Blue") - m->parties);
	/* nobody in it yet: it cannot answer and is not ranked */
	assert_int_equal(meeting_answer(m, &m->parties[blue], 0),
			 MEETING_NOT_AN_ANSWER);
	rank = meeting_ranking(m, &n_rank);
	assert_int_equal(n_rank, 5);
	free(rank);
	assert_false(meeting_join_team(m, blue, "ZOE")); /* taken */
	assert_false(meeting_join_team(m, 0, "sam"));	 /* ana: no team */
	assert_false(meeting_join_team(m, 99, "sam"));
	assert_true(meeting_join_team(m, blue, "sam"));
	/* one whose place could not be kept is taken back, and may come
	 * again: from a team, and alone */
	assert_true(meeting_join_team(m, blue, "eve"));
	meeting_drop_last(m, blue);
	assert_int_equal(m->parties[blue].n_members, 1);
	assert_false(meeting_name_taken(m, "eve"));
	assert_true(meeting_add_person(m, "eve"));
	meeting_drop_last(m, m->n_parties - 1);
	assert_null(meeting_find(m, "eve"));
	assert_true(meeting_join_team(m, blue, "eve"));
	assert_int_equal(m->parties[blue].n_members, 2);
	assert_non_null(m->parties[blue].members[1].run);
	assert_false(meeting_has_answered(m, &m->parties[blue]));
	assert_int_equal(meeting_answer(m, &m->parties[blue], 1), MEETING_OK);
	assert_true(meeting_has_answered(m, &m->parties[blue]));
	assert_int_equal(meeting_choice_of(&m->parties[blue], 0), 1);
	assert_false(meeting_has_answered(m, meeting_find(m, "zoe")));
	meeting_reveal(m);
	assert_true(fabs(m->parties[blue].points - 0.5) < 1e-9);
	rank = meeting_ranking(m, &n_rank);
	assert_int_equal(n_rank, 6);
	assert_string_equal(rank[0]->name, "Blue");
	free(rank);
	/* a poll: whether a late arrival voted, never what */
	assert_true(meeting_next(m));
	assert_true(meeting_next(m));
	assert_true(meeting_add_person(m, "ivy"));
	assert_false(meeting_has_answered(m, meeting_find(m, "ivy")));
	assert_int_equal(meeting_answer(m, meeting_find(m, "ivy"), 0),
			 MEETING_OK);
	assert_true(meeting_has_answered(m, meeting_find(m, "ivy")));
	assert_int_equal(meeting_answer(m, meeting_find(m, "ivy"), 1),
			 MEETING_ANSWERED);
	/* on phones, each member of a team votes on their own, once */
	assert_int_equal(meeting_answer_by(m, &m->parties[blue], 0, 2),
			 MEETING_OK);
	assert_int_equal(meeting_answer_by(m, &m->parties[blue], 0, 3),
			 MEETING_ANSWERED);
	assert_int_equal(meeting_answer_by(m, &m->parties[blue], 1, 3),
			 MEETING_OK);
	assert_int_equal(meeting_answer_by(m, &m->parties[blue], 2, 3),
			 MEETING_NOT_AN_ANSWER);
	/* and the team as one has voted, through them */
	assert_true(meeting_has_answered(m, &m->parties[blue]));
	assert_int_equal(meeting_answer(m, &m->parties[blue], 3),
			 MEETING_ANSWERED);
	assert_int_equal(m->parts[2].counts[0], 1);
	assert_int_equal(m->parts[2].counts[2], 1);
	assert_int_equal(m->parts[2].counts[3], 1);
}

static void role_cards_to_one_player_each(void **state)
{
	struct fixture *f = *state;
	struct meeting *m = f->m;
	size_t party = 0, member = 0;

	assert_true(meeting_find_member(m, "RAJ", &party, &member));
	assert_string_equal(m->parties[party].name, "Red");
	assert_int_equal(member, 1);
	assert_false(meeting_find_member(m, "Red", NULL, NULL)); /* a team */
	assert_int_equal(meeting_card_of(m, "ana"), SIZE_MAX);
	assert_true(meeting_cast(m, 0, "ana"));
	assert_true(meeting_cast(m, 1, "raj"));
	assert_false(meeting_cast(m, 2, "tom")); /* s1 has two cards */
	assert_int_equal(meeting_card_of(m, "ANA"), 0);
	assert_int_equal(meeting_card_of(m, "raj"), 1);
	/* one card a person: ana's first goes back when she takes another */
	assert_true(meeting_cast(m, 1, "ana"));
	assert_int_equal(meeting_card_of(m, "ana"), 1);
	assert_null(m->parts[0].players[0]);
	assert_int_equal(meeting_card_of(m, "raj"), SIZE_MAX);
	assert_true(meeting_cast(m, 1, NULL));
	assert_int_equal(meeting_card_of(m, "ana"), SIZE_MAX);
	/* the cards are the part's: the next part has none, polls none */
	assert_true(meeting_cast(m, 0, "tom"));
	assert_true(meeting_next(m));
	assert_int_equal(meeting_card_of(m, "tom"), SIZE_MAX);
	assert_true(meeting_next(m));
	assert_false(meeting_cast(m, 0, "tom"));
	assert_true(meeting_back(m));
	assert_true(meeting_back(m));
	assert_int_equal(meeting_card_of(m, "tom"), 0);
}

static void most_missed_worst_first_and_the_close(void **state)
{
	struct fixture *f = *state;
	struct meeting *m = f->m;
	struct meeting_missed mm[3];
	const size_t none[3] = { 0, 0, 0 };
	size_t n;

	/* s1: everyone right but lee (0); s2: tom 100, ana 0 */
	meeting_answer(m, meeting_find(m, "ana"), 0);
	meeting_answer(m, meeting_find(m, "tom"), 0);
	meeting_answer(m, meeting_find(m, "lee"), 2);
	meeting_tally(m, none);
	meeting_reveal(m);
	assert_true(meeting_next(m));
	meeting_answer(m, meeting_find(m, "ana"), 0);
	meeting_answer(m, meeting_find(m, "tom"), 1);
	meeting_reveal(m);
	n = meeting_most_missed(m, mm, 3);
	assert_int_equal(n, 2);
	assert_int_equal(mm[0].part, 1); /* s2: 50 */
	assert_true(fabs(mm[0].avg - 50) < 1e-9);
	assert_int_equal(mm[0].worst, 0);
	assert_int_equal(mm[0].worst_count, 1);
	assert_int_equal(mm[0].total, 2);
	assert_int_equal(mm[1].part, 0); /* s1: 200/3 */
	assert_int_equal(mm[1].worst, 2);
	assert_int_equal(meeting_most_missed(m, mm, 1), 1);
	/* s3, s4 and s5 were never shown: left out of every run */
	meeting_close(m);
	assert_false(meeting_find(m, "red")->members[1].run->items[0].left_out);
	assert_false(meeting_find(m, "red")->members[1].run->items[1].left_out);
	assert_true(meeting_find(m, "red")->members[1].run->items[2].left_out);
	assert_true(meeting_find(m, "ana")->members[0].run->items[4].left_out);
	assert_true(meeting_back(m));
	assert_int_equal(m->part, 0);
	assert_false(meeting_back(m));
}

static void answered_well_is_not_missed(void **state)
{
	struct fixture *f = *state;
	struct meeting_missed mm[3];

	meeting_answer(f->m, meeting_find(f->m, "ana"), 0);
	meeting_reveal(f->m);
	assert_int_equal(meeting_most_missed(f->m, mm, 3), 0);
}

/* What meeting_keep_save keeps comes back whole in meeting_keep_resume,
 * as after a crash: who is in and their answers (from their attempts),
 * the order and the part on show, the reveal and its points, a tally, the
 * cast, a poll's counts and who voted in it, the phones' secrets. */
static void kept_state_comes_back_whole(void **state)
{
	struct fixture *f = *state;
	struct meeting *m = f->m, *back;
	const char *tmp = getenv("TESTS_TMP") ? getenv("TESTS_TMP") : "/tmp";
	char *dir = xasprintf("%s/keep-XXXXXX", tmp), *path, *err = NULL;
	char uuid[37], *exercise = NULL, *saved = NULL, *old = NULL;
	struct meeting_keep k = { 0 }, k2 = { 0 };
	const size_t hands[3] = { 0, 2, 1 };
	enum meeting_answer st;
	size_t red = 3, i;

	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/m.db", dir);
	k.store = store_open(path, &err);
	assert_non_null(k.store);
	k.course = "meeting";
	k.fingerprint = "f";
	k.holder = "host boot 1 1";
	snprintf(k.listen, sizeof(k.listen), "127.0.0.1:8041");
	snprintf(k.token, sizeof(k.token), "0123456789abcdef");
	snprintf(k.code, sizeof(k.code), "ABCDEF");
	snprintf(m->parties[0].members[0].session, 33, "%032d", 7);
	k.facilitator = "fac";
	assert_int_equal(meeting_keep_begin(&k, m, 100, &err), 0);
	/* s1: ana 100, tom 50, Red 0 (raj for both), two hands for b */
	assert_int_equal(
		meeting_keep_answer(&k, m, 0, SIZE_MAX, 0, 101, 2, &st, &err),
		0);
	meeting_keep_answer(&k, m, 1, SIZE_MAX, 1, 101, 2, &st, &err);
	meeting_keep_answer(&k, m, red, 1, 2, 101, 2, &st, &err);
	assert_int_equal(meeting_tally(m, hands), MEETING_OK);
	assert_true(meeting_cast(m, 1, "raj"));
	meeting_reveal(m);
	/* s2 unrevealed, ana's answer in it; then the poll, one vote */
	assert_true(meeting_next(m));
	meeting_keep_answer(&k, m, 0, SIZE_MAX, 2, 102, 2, &st, &err);
	assert_true(meeting_next(m));
	meeting_show(m);
	assert_int_equal(
		meeting_keep_answer(&k, m, red, 0, 3, 103, 2, &st, &err), 0);
	assert_int_equal(meeting_keep_save(&k, m, &err), 0);

	assert_int_equal(store_meeting_unfinished(k.store, "meeting", "fac",
						  uuid, &exercise, &saved,
						  &err),
			 1);
	assert_string_equal(uuid, k.uuid);
	assert_string_equal(exercise, "weekly");
	k2 = k;
	memset(k2.listen, 0,
	       sizeof(k2.listen) + sizeof(k2.token) + sizeof(k2.code));
	back = meeting_keep_resume(&k2, f->course, m->ex, saved, &old, 104,
				   &err);
	assert_non_null(back);
	assert_string_equal(old, "host boot 1 1");
	assert_string_equal(k2.listen, "127.0.0.1:8041");
	assert_string_equal(k2.token, "0123456789abcdef");
	assert_string_equal(k2.code, "ABCDEF");
	assert_int_equal(back->n_parties, m->n_parties);
	assert_int_equal(back->pos, 2);
	assert_int_equal(back->part, 2);
	for (i = 0; i < m->n_parties; i++) {
		assert_string_equal(back->parties[i].name, m->parties[i].name);
		assert_int_equal(back->parties[i].n_members,
				 m->parties[i].n_members);
		assert_true(fabs(back->parties[i].points -
				 m->parties[i].points) < 1e-9);
		assert_int_equal(back->parties[i].answered,
				 m->parties[i].answered);
		assert_int_equal(meeting_choice_of(&back->parties[i], 0),
				 meeting_choice_of(&m->parties[i], 0));
		assert_int_equal(meeting_choice_of(&back->parties[i], 1),
				 meeting_choice_of(&m->parties[i], 1));
		assert_string_equal(back->parties[i].members[0].uuid,
				    m->parties[i].members[0].uuid);
	}
	assert_true(back->parties[0].points > 0.99);
	assert_string_equal(back->parties[0].members[0].session,
			    m->parties[0].members[0].session);
	assert_true(back->parts[0].revealed);
	assert_false(back->parts[1].revealed);
	assert_int_equal(back->parts[0].tally[1], 2);
	assert_int_equal(back->parts[0].counts[1], 3); /* tom and two hands */
	assert_string_equal(back->parts[0].players[1], "raj");
	assert_null(back->parts[0].players[0]);
	assert_int_equal(back->parts[2].counts[3], 1);
	/* kim voted in the poll, raj did not */
	assert_int_equal(meeting_answer_by(back, &back->parties[red], 0, 1),
			 MEETING_ANSWERED);
	assert_int_equal(meeting_answer_by(back, &back->parties[red], 1, 1),
			 MEETING_OK);
	/* the process that ran it still holds the attempts: claimed here */
	k2.holder = "host boot 2 2";
	assert_int_equal(meeting_keep_claim(&k2, back, old, 105, &err), 0);
	assert_int_equal(meeting_keep_claim(&k2, back, old, 105, &err), 1);
	/* a state that names a part the course does not have */
	{
		char *bad = xstrdup(saved), *at = strstr(bad, "\"s2\"");
		struct meeting *none;
		char *old2 = NULL;
		assert_non_null(at);
		at[2] = 'X';
		none = meeting_keep_resume(&k2, f->course, m->ex, bad, &old2,
					   106, &err);
		assert_null(none);
		assert_non_null(strstr(err, "'sX'"));
		free(err);
		err = NULL;
		free(bad);
		free(old2);
	}
	/* a name that is not UTF-8 (none gets in: they are cleaned) is
	 * said, never saved as a state without that person */
	assert_true(meeting_add_person(back, "bad\xff"));
	assert_int_equal(meeting_keep_save(&k2, back, &err), -1);
	assert_non_null(strstr(err, "not UTF-8"));
	free(err);
	err = NULL;
	meeting_drop_last(back, back->n_parties - 1);
	/* the end wipes it */
	assert_int_equal(meeting_keep_close(&k2, back, 107, &err), 0);
	free(saved);
	free(exercise);
	assert_int_equal(store_meeting_unfinished(k.store, "meeting", "fac",
						  uuid, &exercise, &saved,
						  &err),
			 0);
	meeting_free(back);
	free(old);
	store_close(k.store);
	free(path);
	path = xasprintf("rm -rf '%s'", dir);
	if (system(path) != 0)
		print_message("could not remove %s\n", dir);
	free(path);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(who_may_join, setup, teardown),
		cmocka_unit_test_setup_teardown(letters_and_points, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			reveal_counts_names_and_hands_and_scores_once, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			a_poll_counts_each_party_once_and_no_name, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			most_missed_worst_first_and_the_close, setup, teardown),
		cmocka_unit_test_setup_teardown(
			late_arrivals_and_teams_joined_from_phones, setup,
			teardown),
		cmocka_unit_test_setup_teardown(role_cards_to_one_player_each,
						setup, teardown),
		cmocka_unit_test_setup_teardown(kept_state_comes_back_whole,
						setup, teardown),
		cmocka_unit_test_setup_teardown(answered_well_is_not_missed,
						setup, teardown),
	};
	int rc = cmocka_run_group_tests_name("meeting", tests, NULL, NULL);

	content_cleanup();
	return rc;
}
