/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_path.c - the onboarding path's rules: each kind of step done by its
 * fact, a pass step at its own mark or the quiz's, the review step waiting
 * for the steps before it, a recorded step staying done, and the next. */
#include "testlib.h"

#include "path.h"

static const char xml[] =
	"<course id='c' format='1'><title>C</title>"
	"<competency id='k'><name>K</name></competency>"
	"<lesson id='l1' competency='k'><title>L</title><section><p>x</p>"
	"</section></lesson>"
	"<quiz id='q' pass='70' shuffle='false'><title>Q</title>"
	"<true-false id='tf' competency='k' answer='true'><prompt>P</prompt>"
	"</true-false>"
	"<bands><band min='0' max='100'><label>All</label><advice>a</advice>"
	"</band></bands></quiz>"
	"<path id='p'><title>P</title>"
	"<read id='s1' lesson='l1'/>"
	"<pass id='s2' quiz='q'/>"
	"<pass id='s3' quiz='q' mark='90'/>"
	"<review id='s4'/>"
	"</path></course>";

static const struct path *the_path(struct course **c)
{
	struct diag_list dl = { 0 };

	*c = load_xml(xml, &dl);
	assert_int_equal(dl.errors, 0);
	diag_list_release(&dl);
	assert_int_equal((*c)->paths.n, 1);
	return (*c)->paths.v[0];
}

static void each_step_by_its_fact(void **state)
{
	struct course *c;
	const struct path *p = the_path(&c);
	struct step_facts f = { 0 };

	(void)state;
	assert_int_equal(p->n_steps, 4);
	assert_false(path_step_satisfied(p->steps[0], &f, true));
	f.read = true;
	assert_true(path_step_satisfied(p->steps[0], &f, true));
	/* the quiz's own mark, 70, and the step's, 90 */
	assert_true(path_step_mark(p->steps[1]) == 70);
	assert_true(path_step_mark(p->steps[2]) == 90);
	f.has_best = true;
	f.best = 69.9;
	assert_false(path_step_satisfied(p->steps[1], &f, true));
	f.best = 70;
	assert_true(path_step_satisfied(p->steps[1], &f, true));
	assert_false(path_step_satisfied(p->steps[2], &f, true));
	f.best = 90;
	assert_true(path_step_satisfied(p->steps[2], &f, true));
	/* a best score of a quiz never finished is no score */
	f.has_best = false;
	assert_false(path_step_satisfied(p->steps[1], &f, true));
	/* the review: an empty queue, once everything before is done */
	f.queue = 0;
	assert_false(path_step_satisfied(p->steps[3], &f, false));
	assert_true(path_step_satisfied(p->steps[3], &f, true));
	f.queue = 2;
	assert_false(path_step_satisfied(p->steps[3], &f, true));
	course_free(c);
}

static void evaluate_records_and_finds_the_next(void **state)
{
	struct course *c;
	const struct path *p = the_path(&c);
	struct step_facts f[4] = { { 0 } };
	struct step_state st[4];

	(void)state;
	/* nothing yet: an empty queue at the start does not count */
	assert_int_equal(path_evaluate(p, f, 500, st), 0);
	assert_false(st[3].done);
	assert_true(st[1].best == -1);
	/* the lesson read and the quiz passed at 80: two steps newly done,
	 * at now; the 90 step is next, its best so far shown */
	f[0].read = true;
	f[1].has_best = f[2].has_best = true;
	f[1].best = f[2].best = 80;
	assert_int_equal(path_evaluate(p, f, 500, st), 2);
	assert_true(st[0].done && st[0].newly && st[0].when == 500);
	assert_true(st[1].done && st[1].newly);
	assert_false(st[2].done);
	assert_true(st[2].best == 80);
	assert_false(st[3].done); /* the step before it is not done */
	/* once recorded, a step stays done though its fact is gone */
	f[0].read = false;
	f[0].recorded = true;
	f[0].when = 400;
	assert_int_equal(path_evaluate(p, f, 600, st), 2);
	assert_true(st[0].done && !st[0].newly && st[0].when == 400);
	/* all before done and the queue empty: the path is complete */
	f[2].best = 95;
	assert_int_equal(path_evaluate(p, f, 700, st), 4);
	assert_true(st[3].done && st[3].newly);
	course_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_step_by_its_fact),
		cmocka_unit_test(evaluate_records_and_finds_the_next),
	};
	return cmocka_run_group_tests_name("path", tests, NULL, NULL);
}
