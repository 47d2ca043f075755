/* SPDX-License-Identifier: GPL-3.0-or-later */
/* meeting_keep.c - a meeting kept in the store as it goes. */
#include "meeting_keep.h"

#include <stdio.h>
#include <stdlib.h>

#include "engine.h"
#include "score.h"
#include "util.h"

int meeting_keep_member(const struct meeting_keep *k, struct meeting_member *mb,
			int64_t now, char **err)
{
	struct attempt_key key = { 0, k->course, k->fingerprint, k->uuid,
				   k->holder };

	if (store_user(k->store, mb->name, now, &mb->user_id, err) != 0)
		return -1;
	key.user = mb->user_id;
	return store_begin(k->store, &key, mb->run, now, mb->uuid, err);
}

int meeting_keep_begin(struct meeting_keep *k, const struct meeting *m,
		       const char *facilitator, int64_t now, char **err)
{
	size_t i, j;

	if (store_meeting_begin(k->store, k->course, m->ex->item.id,
				facilitator, now, k->uuid, err) != 0)
		return -1;
	for (i = 0; i < m->n_parties; i++)
		for (j = 0; j < m->parties[i].n_members; j++)
			if (meeting_keep_member(k, &m->parties[i].members[j],
						now, err) != 0)
				return -1;
	return 0;
}

int meeting_keep_answer(const struct meeting_keep *k, struct meeting *m,
			size_t party, size_t member, size_t at, int64_t now,
			double seconds, enum meeting_answer *st, char **err)
{
	const struct exercise_part *p = &m->ex->parts[m->part];
	struct meeting_party *pa = &m->parties[party];
	size_t idx, j;
	char value[16];

	*st = meeting_answer_by(m, pa, member, at);
	if (*st != MEETING_OK)
		return 0;
	if (!p->scenario) {
		/* polls stay anonymous: a count, never a name */
		snprintf(value, sizeof(value), "%d",
			 m->ex->scale.points[at].value);
		return store_meeting_poll(k->store, k->uuid, p->poll->item.id,
					  value, err);
	}
	idx = meeting_scenario_index(m, m->part);
	for (j = 0; j < pa->n_members; j++) {
		struct meeting_member *mb = &pa->members[j];
		if (store_answer(k->store, mb->uuid, k->holder, mb->run, idx,
				 now, seconds, NULL, err) != 0)
			return -1;
	}
	return store_meeting_vote(k->store, k->uuid, p->scenario->item.id,
				  pa->name, p->scenario->choices[at].id, 1, now,
				  err);
}

int meeting_keep_close(const struct meeting_keep *k, struct meeting *m,
		       int64_t now, char **err)
{
	size_t i, j;
	int rc = 0;

	/* scored on what the room went through, not the whole exercise */
	meeting_close(m);
	for (i = 0; i < m->n_parties; i++) {
		for (j = 0; j < m->parties[i].n_members; j++) {
			struct meeting_member *mb = &m->parties[i].members[j];
			struct result res;
			char *e = NULL;
			int r;
			run_result(mb->run, &res);
			if (res.answered == 0)
				r = store_abandon(k->store, mb->uuid, k->holder,
						  &e);
			else
				r = store_finish(k->store, mb->uuid, k->holder,
						 mb->run, &res, now, &e);
			result_release(&res);
			if (r != 0) {
				if (rc == 0) {
					*err = e;
					e = NULL;
				}
				rc = -1;
			}
			free(e);
		}
	}
	{
		char *e = NULL;
		if (store_meeting_end(k->store, k->uuid, now, &e) != 0) {
			if (rc == 0)
				*err = e;
			else
				free(e);
			rc = -1;
		}
	}
	return rc;
}
