/* SPDX-License-Identifier: GPL-3.0-or-later */
/* meeting.c - a sales meeting's state and rules. */
#include "meeting.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

struct meeting *meeting_new(const struct course *c, const struct exercise *e)
{
	struct meeting *m = xcalloc(1, sizeof(*m));

	size_t i;

	m->course = c;
	m->ex = e;
	m->order = xcalloc(e->n_parts + 1, sizeof(size_t));
	for (i = 0; i < e->n_parts; i++)
		m->order[i] = i;
	m->n_order = e->n_parts;
	return m;
}

bool meeting_set_order(struct meeting *m, const size_t *parts, size_t n,
		       const struct run_sheet *sheet)
{
	bool *seen;
	size_t i;

	if (!n || m->started)
		return false;
	seen = xcalloc(m->ex->n_parts, sizeof(bool));
	for (i = 0; i < n; i++) {
		if (parts[i] >= m->ex->n_parts || seen[parts[i]]) {
			free(seen);
			return false;
		}
		seen[parts[i]] = true;
	}
	free(seen);
	memcpy(m->order, parts, n * sizeof(size_t));
	m->n_order = n;
	m->pos = 0;
	m->part = parts[0];
	m->sheet = sheet;
	return true;
}

const struct sheet_step *meeting_step(const struct meeting *m)
{
	return m->sheet ? &m->sheet->steps[m->pos] : NULL;
}

void meeting_free(struct meeting *m)
{
	size_t i, j;

	if (!m)
		return;
	for (i = 0; i < m->n_parties; i++) {
		for (j = 0; j < m->parties[i].n_members; j++) {
			free(m->parties[i].members[j].name);
			run_free(m->parties[i].members[j].run);
			free(m->parties[i].members[j].voted);
		}
		free(m->parties[i].members);
		free(m->parties[i].name);
	}
	free(m->parties);
	if (m->parts)
		for (i = 0; i < m->ex->n_parts; i++) {
			const struct scenario *sc = m->ex->parts[i].scenario;
			size_t k;
			free(m->parts[i].counts);
			free(m->parts[i].tally);
			for (k = 0;
			     sc && m->parts[i].players && k < sc->n_cards; k++)
				free(m->parts[i].players[k]);
			free(m->parts[i].players);
		}
	free(m->parts);
	free(m->order);
	free(m);
}

/* ---- who takes part ---- */

struct meeting_party *meeting_find(struct meeting *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->n_parties; i++)
		if (strcasecmp(m->parties[i].name, name) == 0)
			return &m->parties[i];
	return NULL;
}

bool meeting_name_taken(const struct meeting *m, const char *name)
{
	size_t i, j;

	for (i = 0; i < m->n_parties; i++) {
		if (strcasecmp(m->parties[i].name, name) == 0)
			return true;
		for (j = 0; j < m->parties[i].n_members; j++)
			if (strcasecmp(m->parties[i].members[j].name, name) ==
			    0)
				return true;
	}
	return false;
}

static struct meeting_party *add_party(struct meeting *m, const char *name,
				       bool team)
{
	void *p = m->parties;
	size_t cap = m->n_parties;
	struct meeting_party *party;

	xgrow(&p, &cap, m->n_parties + 1, sizeof(*m->parties));
	m->parties = p;
	party = &m->parties[m->n_parties++];
	memset(party, 0, sizeof(*party));
	party->name = xstrdup(name);
	party->team = team;
	return party;
}

/* A member of party; one who joins after the start gets a run at once. */
static void add_member(struct meeting *m, struct meeting_party *party,
		       const char *name)
{
	struct meeting_member *mb;

	party->members =
		xrealloc(party->members,
			 (party->n_members + 1) * sizeof(*party->members));
	mb = &party->members[party->n_members++];
	memset(mb, 0, sizeof(*mb));
	mb->name = xstrdup(name);
	if (m->started) {
		mb->run = run_new_exercise_in_order(m->course, m->ex);
		mb->voted = xcalloc(m->ex->n_parts, sizeof(bool));
	}
}

bool meeting_add_person(struct meeting *m, const char *name)
{
	if (!*name || meeting_name_taken(m, name))
		return false;
	add_member(m, add_party(m, name, false), name);
	return true;
}

bool meeting_add_empty_team(struct meeting *m, const char *name)
{
	if (!*name || meeting_name_taken(m, name))
		return false;
	add_party(m, name, true);
	return true;
}

void meeting_drop_last(struct meeting *m, size_t party)
{
	struct meeting_party *pa;
	struct meeting_member *mb;

	if (party >= m->n_parties || !m->parties[party].n_members)
		return;
	pa = &m->parties[party];
	mb = &pa->members[--pa->n_members];
	free(mb->name);
	run_free(mb->run);
	free(mb->voted);
	if (!pa->team && party == m->n_parties - 1) {
		free(pa->members);
		free(pa->name);
		m->n_parties--;
	}
}

bool meeting_join_team(struct meeting *m, size_t team, const char *name)
{
	if (team >= m->n_parties || !m->parties[team].team || !*name ||
	    meeting_name_taken(m, name))
		return false;
	add_member(m, &m->parties[team], name);
	return true;
}

bool meeting_add_team(struct meeting *m, const char *name,
		      const char *const *members, size_t n,
		      const char ***skipped, size_t *n_skipped)
{
	struct meeting_party *party;
	size_t i, k = 0;

	if (skipped) {
		*skipped = xcalloc(n + 1, sizeof(char *));
		*n_skipped = 0;
	}
	if (!*name || meeting_name_taken(m, name))
		return false;
	party = add_party(m, name, true);
	for (i = 0; i < n; i++) {
		if (!*members[i])
			continue;
		/* a member in twice, or in another party, is left out */
		if (meeting_name_taken(m, members[i])) {
			if (skipped)
				(*skipped)[(*n_skipped)++] = members[i];
			continue;
		}
		add_member(m, party, members[i]);
		k++;
	}
	if (!k) {
		free(party->members);
		free(party->name);
		m->n_parties--;
		return false;
	}
	return true;
}

void meeting_start(struct meeting *m)
{
	size_t i, j;

	for (i = 0; i < m->n_parties; i++)
		for (j = 0; j < m->parties[i].n_members; j++) {
			struct meeting_member *mb = &m->parties[i].members[j];
			mb->run = run_new_exercise_in_order(m->course, m->ex);
			mb->voted = xcalloc(m->ex->n_parts, sizeof(bool));
		}
	m->started = true;
	m->parts = xcalloc(m->ex->n_parts, sizeof(*m->parts));
	for (i = 0; i < m->ex->n_parts; i++) {
		const struct scenario *sc = m->ex->parts[i].scenario;
		size_t n = sc ? sc->n_choices : m->ex->scale.n_points;
		m->parts[i].n_counts = n;
		m->parts[i].counts = xcalloc(n, sizeof(size_t));
		m->parts[i].tally = xcalloc(n, sizeof(size_t));
		if (sc && sc->n_cards)
			m->parts[i].players =
				xcalloc(sc->n_cards, sizeof(char *));
	}
}

/* ---- the part on show ---- */

size_t meeting_scenario_index(const struct meeting *m, size_t part)
{
	size_t i, k = 0;

	if (!m->ex->parts[part].scenario)
		return SIZE_MAX;
	for (i = 0; i < part; i++)
		if (m->ex->parts[i].scenario)
			k++;
	return k;
}

void meeting_show(struct meeting *m)
{
	m->parts[m->part].shown = true;
}

bool meeting_next(struct meeting *m)
{
	if (m->pos + 1 >= m->n_order)
		return false;
	m->part = m->order[++m->pos];
	meeting_show(m);
	return true;
}

bool meeting_back(struct meeting *m)
{
	if (m->pos == 0)
		return false;
	m->part = m->order[--m->pos];
	meeting_show(m);
	return true;
}

/* ---- answers ---- */

size_t meeting_option_of(const struct scenario *sc, const char *word)
{
	size_t i;

	if (strlen(word) != 1 || !isalpha((unsigned char)word[0]))
		return SIZE_MAX;
	i = (size_t)(tolower((unsigned char)word[0]) - 'a');
	return i < sc->n_choices ? i : SIZE_MAX;
}

size_t meeting_point_of(const struct scale *s, const char *word)
{
	char *end;
	long v = strtol(word, &end, 10);
	size_t i;

	if (*end || end == word)
		return SIZE_MAX;
	for (i = 0; i < s->n_points; i++)
		if (s->points[i].value == v)
			return i;
	return SIZE_MAX;
}

enum meeting_answer meeting_answer(struct meeting *m,
				   struct meeting_party *party, size_t at)
{
	return meeting_answer_by(m, party, SIZE_MAX, at);
}

/* Whether member k of party (SIZE_MAX: any) voted in the poll on show. */
static bool voted(const struct meeting *m, const struct meeting_party *party,
		  size_t k)
{
	size_t j;

	for (j = 0; j < party->n_members; j++)
		if ((k == SIZE_MAX || k == j) &&
		    party->members[j].voted[m->part])
			return true;
	return false;
}

enum meeting_answer meeting_answer_by(struct meeting *m,
				      struct meeting_party *party,
				      size_t member, size_t at)
{
	const struct exercise_part *p = &m->ex->parts[m->part];
	struct meeting_part *st = &m->parts[m->part];
	size_t j;

	if (st->revealed)
		return MEETING_REVEALED;
	if (at >= st->n_counts || !party->n_members ||
	    (member != SIZE_MAX && member >= party->n_members))
		return MEETING_NOT_AN_ANSWER;
	if (!p->scenario) {
		/* polls stay anonymous: a count, never a name; one vote for
		 * the party as one, or one for each member voting alone */
		if (voted(m, party, member))
			return MEETING_ANSWERED;
		for (j = 0; j < party->n_members; j++)
			if (member == SIZE_MAX || member == j)
				party->members[j].voted[m->part] = true;
		st->counts[at]++;
		return MEETING_OK;
	}
	for (j = 0; j < party->n_members; j++) {
		struct run *run = party->members[j].run;
		struct response resp = { 0 };
		resp.picks = xcalloc(1, sizeof(size_t));
		resp.picks[0] = at;
		resp.n_picks = 1;
		run->pos = meeting_scenario_index(m, m->part);
		if (!run_answer(run, &resp)) {
			response_release(&resp);
			return MEETING_NOT_AN_ANSWER;
		}
	}
	return MEETING_OK;
}

enum meeting_answer meeting_tally(struct meeting *m, const size_t *counts)
{
	struct meeting_part *st = &m->parts[m->part];

	/* a tally after the reveal counts at the next one */
	memcpy(st->tally, counts, st->n_counts * sizeof(size_t));
	return MEETING_OK;
}

size_t meeting_choice_of(const struct meeting_party *party, size_t idx)
{
	const struct run_item *it;

	if (!party->n_members || idx == SIZE_MAX)
		return SIZE_MAX;
	it = &party->members[0].run->items[idx];
	if (it->outcome == OUTCOME_PENDING || it->outcome == OUTCOME_SKIPPED ||
	    !it->response.n_picks)
		return SIZE_MAX;
	return it->response.picks[0];
}

/* ---- role cards ---- */

bool meeting_find_member(const struct meeting *m, const char *name,
			 size_t *party, size_t *member)
{
	size_t i, j;

	for (i = 0; i < m->n_parties; i++)
		for (j = 0; j < m->parties[i].n_members; j++)
			if (strcasecmp(m->parties[i].members[j].name, name) ==
			    0) {
				if (party)
					*party = i;
				if (member)
					*member = j;
				return true;
			}
	return false;
}

bool meeting_cast(struct meeting *m, size_t card, const char *name)
{
	const struct scenario *sc = m->ex->parts[m->part].scenario;
	struct meeting_part *st = &m->parts[m->part];
	size_t k;

	if (!sc || card >= sc->n_cards)
		return false;
	/* one card a person: the one they had goes back */
	for (k = 0; name && k < sc->n_cards; k++)
		if (st->players[k] && strcasecmp(st->players[k], name) == 0) {
			free(st->players[k]);
			st->players[k] = NULL;
		}
	free(st->players[card]);
	st->players[card] = name ? xstrdup(name) : NULL;
	return true;
}

size_t meeting_card_of(const struct meeting *m, const char *name)
{
	const struct scenario *sc;
	size_t k;

	if (!m->started || !(sc = m->ex->parts[m->part].scenario))
		return SIZE_MAX;
	for (k = 0; k < sc->n_cards; k++)
		if (m->parts[m->part].players[k] &&
		    strcasecmp(m->parts[m->part].players[k], name) == 0)
			return k;
	return SIZE_MAX;
}

/* ---- reveal, scores, most missed ---- */

void meeting_reveal(struct meeting *m)
{
	const struct scenario *sc = m->ex->parts[m->part].scenario;
	struct meeting_part *st = &m->parts[m->part];
	size_t idx = meeting_scenario_index(m, m->part), i, j;

	if (sc) {
		for (i = 0; i < sc->n_choices; i++)
			st->counts[i] = st->tally[i];
		for (j = 0; j < m->n_parties; j++) {
			size_t c = meeting_choice_of(&m->parties[j], idx);
			if (c != SIZE_MAX)
				st->counts[c]++;
		}
		if (!st->revealed) {
			/* points once, at the first reveal */
			for (j = 0; j < m->n_parties; j++) {
				struct meeting_party *party = &m->parties[j];
				if (meeting_choice_of(party, idx) == SIZE_MAX)
					continue;
				party->points += party->members[0]
							 .run->items[idx]
							 .credit;
				party->answered++;
			}
		}
	}
	st->revealed = true;
}

size_t meeting_revealed(const struct meeting *m)
{
	size_t i, n = 0;

	for (i = 0; i < m->ex->n_parts; i++)
		if (m->ex->parts[i].scenario && m->parts[i].revealed)
			n++;
	return n;
}

static int cmp_party(const void *pa, const void *pb)
{
	const struct meeting_party *a =
		*(const struct meeting_party *const *)pa;
	const struct meeting_party *b =
		*(const struct meeting_party *const *)pb;

	if (fabs(a->points - b->points) > 1e-9)
		return a->points > b->points ? -1 : 1;
	return strcasecmp(a->name, b->name);
}

const struct meeting_party **meeting_ranking(const struct meeting *m, size_t *n)
{
	const struct meeting_party **v = xcalloc(m->n_parties + 1, sizeof(*v));
	size_t i;

	*n = 0;
	for (i = 0; i < m->n_parties; i++)
		if (m->parties[i].n_members)
			v[(*n)++] = &m->parties[i];
	sort_array(v, *n, sizeof(*v), cmp_party);
	return v;
}

bool meeting_has_answered(const struct meeting *m,
			  const struct meeting_party *party)
{
	if (!m->started)
		return false;
	if (!m->ex->parts[m->part].scenario)
		return voted(m, party, SIZE_MAX);
	return meeting_choice_of(party, meeting_scenario_index(m, m->part)) !=
	       SIZE_MAX;
}

size_t meeting_most_missed(const struct meeting *m, struct meeting_missed *out,
			   size_t max)
{
	struct meeting_missed *all = xcalloc(m->ex->n_parts, sizeof(*all));
	size_t i, j, n = 0, k;

	for (i = 0; i < m->ex->n_parts; i++) {
		const struct scenario *sc = m->ex->parts[i].scenario;
		const struct meeting_part *st = &m->parts[i];
		struct meeting_missed mm = { i, 0, SIZE_MAX, 0, 0 };
		double sum = 0;
		if (!sc || !st->revealed)
			continue;
		for (j = 0; j < sc->n_choices; j++) {
			sum += (double)st->counts[j] * sc->choices[j].credit;
			mm.total += st->counts[j];
			if (sc->choices[j].credit < 100 && st->counts[j] &&
			    (mm.worst == SIZE_MAX ||
			     st->counts[j] > st->counts[mm.worst]))
				mm.worst = j;
		}
		if (!mm.total)
			continue;
		mm.avg = sum / (double)mm.total;
		if (mm.worst != SIZE_MAX)
			mm.worst_count = st->counts[mm.worst];
		/* worst first, in order of the parts among equals */
		for (k = n; k > 0 && all[k - 1].avg > mm.avg; k--)
			all[k] = all[k - 1];
		all[k] = mm;
		n++;
	}
	/* what was answered well (99.5 rounds to 100) is not missed */
	for (k = 0; k < n && k < max && all[k].avg < 99.5; k++)
		out[k] = all[k];
	free(all);
	return k;
}

void meeting_close(struct meeting *m)
{
	size_t i, j, k;

	for (i = 0; i < m->n_parties; i++)
		for (j = 0; j < m->parties[i].n_members; j++)
			for (k = 0; k < m->ex->n_parts; k++) {
				size_t idx = meeting_scenario_index(m, k);
				if (idx != SIZE_MAX && !m->parts[k].shown)
					m->parties[i]
						.members[j]
						.run->items[idx]
						.left_out = true;
			}
}
