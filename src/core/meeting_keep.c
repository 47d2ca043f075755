/* SPDX-License-Identifier: GPL-3.0-or-later */
/* meeting_keep.c - a meeting kept in the store as it goes. */
#include "meeting_keep.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "score.h"
#include "util.h"

int meeting_keep_member(const struct meeting_keep *k,
			const struct meeting_party *pa,
			struct meeting_member *mb, int64_t now, char **err)
{
	struct attempt_key key = { 0 };

	key.course = k->course;
	key.fingerprint = k->fingerprint;
	key.meeting = k->uuid;
	key.team = pa->team ? pa->name : NULL;
	key.facilitator = k->facilitator;
	key.holder = k->holder;

	if (store_user(k->store, mb->name, now, &mb->user_id, err) != 0)
		return -1;
	key.user = mb->user_id;
	return store_begin(k->store, &key, mb->run, now, mb->uuid, err);
}

int meeting_keep_begin(struct meeting_keep *k, const struct meeting *m,
		       int64_t now, char **err)
{
	size_t i, j;

	if (store_meeting_begin(k->store, k->course, m->ex->item.id,
				k->facilitator, now, k->uuid, err) != 0)
		return -1;
	for (i = 0; i < m->n_parties; i++)
		for (j = 0; j < m->parties[i].n_members; j++)
			if (meeting_keep_member(k, &m->parties[i],
						&m->parties[i].members[j], now,
						err) != 0)
				return -1;
	return meeting_keep_save(k, m, err);
}

/* ---- the state, for a resume ---- */

#define STATE_VERSION 1

static const struct item *part_item(const struct exercise *ex, size_t i)
{
	return ex->parts[i].scenario ? &ex->parts[i].scenario->item
				     : &ex->parts[i].poll->item;
}

/* Appends v to a; *ok false when v is NULL (a text jansson refused). */
static void put(json_t *a, json_t *v, bool *ok)
{
	if (!v || json_array_append_new(a, v) != 0)
		*ok = false;
}

static json_t *counts_json(const size_t *c, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_integer((json_int_t)c[i]));
	return a;
}

static json_t *member_json(const struct meeting *m,
			   const struct meeting_member *mb, bool *ok)
{
	json_t *voted = json_array();
	size_t i;

	for (i = 0; mb->voted && i < m->ex->n_parts; i++)
		if (mb->voted[i])
			put(voted, json_string(part_item(m->ex, i)->id), ok);
	return json_pack("{s:s, s:s, s:s, s:o}", "name", mb->name, "attempt",
			 mb->uuid, "session", mb->session, "voted", voted);
}

static json_t *part_json(const struct meeting *m, size_t i, bool *ok)
{
	const struct meeting_part *st = &m->parts[i];
	const struct scenario *sc = m->ex->parts[i].scenario;
	json_t *o =
		json_pack("{s:s, s:b, s:b, s:o}", "id", part_item(m->ex, i)->id,
			  "shown", st->shown, "revealed", st->revealed, "tally",
			  counts_json(st->tally, st->n_counts));

	if (!sc) /* a poll's counts are its votes: nowhere else in memory */
		json_object_set_new(o, "counts",
				    counts_json(st->counts, st->n_counts));
	if (sc && st->players) {
		json_t *pl = json_array();
		size_t k;
		for (k = 0; k < sc->n_cards; k++)
			put(pl,
			    st->players[k] ? json_string(st->players[k])
					   : json_null(),
			    ok);
		json_object_set_new(o, "players", pl);
	}
	return o;
}

/* m's state as a JSON text (see meeting_keep_save), or NULL when jansson
 * refused some of it (out of memory, or a text that is not UTF-8). */
static char *meeting_keep_state(const struct meeting_keep *k,
				const struct meeting *m)
{
	json_t *parties = json_array(), *parts = json_array(), *order, *root;
	size_t i, j;
	char *text;
	bool ok = true;

	for (i = 0; i < m->n_parties; i++) {
		const struct meeting_party *pa = &m->parties[i];
		json_t *members = json_array();
		for (j = 0; j < pa->n_members; j++)
			put(members, member_json(m, &pa->members[j], &ok), &ok);
		put(parties,
		    json_pack("{s:s, s:b, s:o}", "name", pa->name, "team",
			      pa->team, "members", members),
		    &ok);
	}
	order = json_array();
	for (i = 0; i < m->n_order; i++)
		put(order, json_string(part_item(m->ex, m->order[i])->id), &ok);
	for (i = 0; m->parts && i < m->ex->n_parts; i++)
		put(parts, part_json(m, i, &ok), &ok);
	root = json_pack("{s:i, s:s, s:s?, s:o, s:I, s:o, s:o}", "version",
			 STATE_VERSION, "holder", k->holder ? k->holder : "",
			 "format", m->sheet ? m->sheet->id : NULL, "order",
			 order, "pos", (json_int_t)m->pos, "parties", parties,
			 "parts", parts);
	if (k->listen[0])
		json_object_set_new(root, "live",
				    json_pack("{s:s, s:s, s:s}", "listen",
					      k->listen, "token", k->token,
					      "code", k->code));
	if (k->listen[0] && !json_object_get(root, "live"))
		ok = false;
	text = root && ok ? json_dumps(root, JSON_COMPACT) : NULL;
	json_decref(root);
	return text;
}

int meeting_keep_save(const struct meeting_keep *k, const struct meeting *m,
		      char **err)
{
	char *state = meeting_keep_state(k, m);
	int rc;

	if (!state) {
		*err = xstrdup("cannot save the meeting's state: a name in it "
			       "is not UTF-8, or memory ran out");
		return -1;
	}
	rc = store_meeting_save(k->store, k->uuid, state, err);
	free(state);
	return rc;
}

/* The index of the part called id, or SIZE_MAX. */
static size_t part_named(const struct exercise *ex, const char *id)
{
	size_t i;

	for (i = 0; id && i < ex->n_parts; i++)
		if (strcmp(part_item(ex, i)->id, id) == 0)
			return i;
	return SIZE_MAX;
}

static void copy_text(char *out, size_t size, json_t *v)
{
	snprintf(out, size, "%s",
		 json_is_string(v) ? json_string_value(v) : "");
}

/* The answers of mb's attempt, given to its run again. */
static int replay_member(const struct meeting_keep *k,
			 struct meeting_member *mb, char **err)
{
	struct stored_attempt sa;
	size_t i, j;

	memset(&sa, 0, sizeof(sa));
	snprintf(sa.uuid, sizeof(sa.uuid), "%s", mb->uuid);
	if (store_load_plan(k->store, &sa, err) != 0) {
		store_attempt_release(&sa);
		return -1;
	}
	for (i = 0; i < sa.n_items; i++) {
		const struct stored_item *it = &sa.items[i];
		if (!it->answered)
			continue;
		for (j = 0; j < mb->run->n_items; j++) {
			const struct scenario *sc = mb->run->items[j].scenario;
			if (sc && strcmp(sc->item.id, it->item) == 0) {
				run_replay(mb->run, j,
					   (const char *const *)it->picks,
					   it->n_picks, it->text, it->value,
					   it->skipped);
				break;
			}
		}
	}
	store_attempt_release(&sa);
	return 0;
}

static bool counts_from(json_t *a, size_t *out, size_t n)
{
	size_t i;

	if (!json_is_array(a) || json_array_size(a) != n)
		return false;
	for (i = 0; i < n; i++) {
		json_int_t v = json_integer_value(json_array_get(a, i));
		if (!json_is_integer(json_array_get(a, i)) || v < 0)
			return false;
		out[i] = (size_t)v;
	}
	return true;
}

/* Who was in, each with their attempt, session and votes. */
static bool parties_from(const struct meeting_keep *k, struct meeting *m,
			 json_t *parties, int64_t now, char **err)
{
	size_t i, j;
	json_t *pa, *mbj;

	json_array_foreach(parties, i, pa)
	{
		const char *name =
			json_string_value(json_object_get(pa, "name"));
		json_t *members = json_object_get(pa, "members");
		bool team = json_is_true(json_object_get(pa, "team"));
		if (!name || !json_is_array(members) ||
		    (team ? !meeting_add_empty_team(m, name)
			  : !meeting_add_person(m, name)))
			return false;
		json_array_foreach(members, j, mbj)
		{
			const char *who =
				json_string_value(json_object_get(mbj, "name"));
			if (!who || (team && !meeting_join_team(
						     m, m->n_parties - 1, who)))
				return false;
		}
	}
	meeting_start(m);
	for (i = 0; i < m->n_parties; i++) {
		pa = json_array_get(parties, i);
		json_array_foreach(json_object_get(pa, "members"), j, mbj)
		{
			struct meeting_member *mb = &m->parties[i].members[j];
			size_t v;
			json_t *id;
			copy_text(mb->uuid, sizeof(mb->uuid),
				  json_object_get(mbj, "attempt"));
			copy_text(mb->session, sizeof(mb->session),
				  json_object_get(mbj, "session"));
			json_array_foreach(json_object_get(mbj, "voted"), v, id)
			{
				size_t at = part_named(m->ex,
						       json_string_value(id));
				if (at != SIZE_MAX)
					mb->voted[at] = true;
			}
			if (store_user(k->store, mb->name, now, &mb->user_id,
				       err) != 0 ||
			    replay_member(k, mb, err) != 0)
				return false;
		}
	}
	return true;
}

/* Each part as it stood, and the points of those revealed again. */
static bool parts_from(struct meeting *m, json_t *parts)
{
	size_t i, k, on_show = m->part;
	json_t *pj;

	json_array_foreach(parts, i, pj)
	{
		size_t at = part_named(
			m->ex, json_string_value(json_object_get(pj, "id")));
		struct meeting_part *st;
		json_t *players = json_object_get(pj, "players"), *pl;
		if (at == SIZE_MAX)
			continue; /* a part the meeting did not go through */
		st = &m->parts[at];
		st->shown = json_is_true(json_object_get(pj, "shown"));
		if (!counts_from(json_object_get(pj, "tally"), st->tally,
				 st->n_counts))
			return false;
		if (!m->ex->parts[at].scenario &&
		    !counts_from(json_object_get(pj, "counts"), st->counts,
				 st->n_counts))
			return false;
		json_array_foreach(players, k, pl)
		{
			if (st->players && json_is_string(pl) &&
			    k < m->ex->parts[at].scenario->n_cards)
				st->players[k] = xstrdup(json_string_value(pl));
		}
		if (json_is_true(json_object_get(pj, "revealed"))) {
			m->part = at;
			meeting_reveal(m);
		}
	}
	m->part = on_show;
	return true;
}

struct meeting *meeting_keep_resume(struct meeting_keep *k,
				    const struct course *c,
				    const struct exercise *ex,
				    const char *state, char **old_holder,
				    int64_t now, char **err)
{
	json_error_t jerr;
	json_t *root = json_loads(state, 0, &jerr), *id, *live;
	struct meeting *m = meeting_new(c, ex);
	const struct run_sheet *sheet = NULL;
	const char *format;
	size_t *order = NULL, i, n = 0;
	json_int_t pos;

	*old_holder = NULL;
	if (!root || json_integer_value(json_object_get(root, "version")) !=
			     STATE_VERSION) {
		*err = xstrdup("the meeting's saved state cannot be read");
		goto fail;
	}
	format = json_string_value(json_object_get(root, "format"));
	for (i = 0; format && i < ex->n_sheets; i++)
		if (strcmp(ex->sheets[i].id, format) == 0)
			sheet = &ex->sheets[i];
	if (format && !sheet) {
		*err = xasprintf("the course no longer has the meeting's "
				 "format '%s'",
				 format);
		goto fail;
	}
	order = xcalloc(ex->n_parts + 1, sizeof(size_t));
	json_array_foreach(json_object_get(root, "order"), i, id)
	{
		size_t at = part_named(ex, json_string_value(id));
		if (at == SIZE_MAX || n >= ex->n_parts) {
			*err = xasprintf("the course no longer has the "
					 "meeting's part '%s'",
					 json_is_string(id)
						 ? json_string_value(id)
						 : "?");
			goto fail;
		}
		order[n++] = at;
	}
	pos = json_integer_value(json_object_get(root, "pos"));
	if (!meeting_set_order(m, order, n, sheet) || pos < 0 ||
	    (size_t)pos >= n) {
		*err = xstrdup("the meeting's saved state is not whole");
		goto fail;
	}
	m->pos = (size_t)pos;
	m->part = order[pos];
	if (!parties_from(k, m, json_object_get(root, "parties"), now, err)) {
		if (!*err)
			*err = xstrdup("the meeting's saved state names a "
				       "participant twice");
		goto fail;
	}
	if (!parts_from(m, json_object_get(root, "parts"))) {
		*err = xstrdup("the meeting's saved state is not whole");
		goto fail;
	}
	live = json_object_get(root, "live");
	copy_text(k->listen, sizeof(k->listen),
		  json_object_get(live, "listen"));
	copy_text(k->token, sizeof(k->token), json_object_get(live, "token"));
	copy_text(k->code, sizeof(k->code), json_object_get(live, "code"));
	format = json_string_value(json_object_get(root, "holder"));
	*old_holder = xstrdup(format ? format : "");
	free(order);
	json_decref(root);
	return m;
fail:
	free(order);
	json_decref(root);
	meeting_free(m);
	return NULL;
}

int meeting_keep_claim(const struct meeting_keep *k, const struct meeting *m,
		       const char *old_holder, int64_t now, char **err)
{
	size_t i, j;

	for (i = 0; i < m->n_parties; i++)
		for (j = 0; j < m->parties[i].n_members; j++) {
			int rc = store_claim(
				k->store, m->parties[i].members[j].uuid,
				k->holder, *old_holder ? old_holder : NULL, now,
				err);
			if (rc != 0)
				return rc;
		}
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
		char *state = meeting_keep_state(k, m);
		int rc = store_meeting_poll(k->store, k->uuid, p->poll->item.id,
					    value, state, err);
		free(state);
		return rc;
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
