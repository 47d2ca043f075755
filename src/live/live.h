/* SPDX-License-Identifier: GPL-3.0-or-later */
/* live.h - a meeting served to phones: an embedded web server (GNU
 * libmicrohttpd) for the length of the meeting, plain HTML pages and
 * forms, a join address, code and QR code for the room's screen.
 *
 * The server runs in a thread of its own and drives the same meeting the
 * terminal does (core/meeting.h), keeping every answer through the same
 * path (core/meeting_keep.h) before the phone is told it was received.
 * One lock guards the meeting and the store: the terminal holds it
 * (live_lock) while it runs a command, the server while it answers a
 * request. Nothing here prints to the terminal; what phones did comes to
 * the terminal as events (live_events) and a descriptor to wait on. */
#ifndef RAPPORT_LIVE_H
#define RAPPORT_LIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/meeting.h"
#include "../core/meeting_keep.h"

/* How the server is set up; 0 and NULL take the defaults shown. */
struct live_config {
	const char *listen;	   /* "ADDR:PORT", "ADDR" or "[V6]:PORT";
				      NULL: this machine's LAN address */
	const char *log_path;	   /* one line per request; NULL: none */
	unsigned max_participants; /* 200 */
	unsigned max_connections;  /* 400 in all */
	unsigned max_per_address;  /* 32 connections from one address */
	unsigned rate;		   /* 20 requests a second from one address,
				      with bursts of twice that */
	unsigned request_seconds;  /* 10: a request's headers and body must
				      be in by then */
	const char *token;	   /* the join address's token and the code,
				      to take a meeting up again where the
				      phones left it; NULL: new ones */
	const char *code;
};

#define LIVE_DEFAULT_PORT 8041

struct live;

/* Starts serving meeting m, kept by keep (the caller's, read when people
 * join after the start). The members of m with a session (a resumed
 * meeting's) are on their phones again as soon as they ask. NULL with *err (the
 * caller's to free) when it cannot listen where it was told. */
struct live *live_start(const struct live_config *cfg, struct meeting *m,
			const struct meeting_keep *keep, char **err);

/* Ends the meeting for the phones (they see the final scores, for a
 * moment), stops the server and frees it. Safe with NULL. */
void live_stop(struct live *l);

/* Held by the terminal around everything it does to the meeting. */
void live_lock(struct live *l);
void live_unlock(struct live *l);

/* Call, holding the lock, after the part on show, a reveal or the cards
 * changed: every phone moves on. */
void live_changed(struct live *l);

/* The join address for the room ("http://192.168.1.20:8041/j/…"), the
 * address without the token, and the short code that opens it there. */
const char *live_url(const struct live *l);
const char *live_address(const struct live *l);
const char *live_code(const struct live *l);
/* Where it listens, as --listen takes it ("192.168.1.20:8041"), and the
 * join address's token: what a resumed meeting needs to be found again. */
const char *live_listen(const struct live *l);
const char *live_token(const struct live *l);

/* Readable when phones have done something the terminal should hear of;
 * live_events() then clears it. */
int live_event_fd(const struct live *l);

/* What phones did since the last call, holding the lock: one line each
 * ("ana joined", "Blue: sam joined"), a NULL-terminated array the caller
 * frees (and its strings), or NULL when nothing happened. */
char **live_events(struct live *l);

/* Whether the party joined from a phone. Holding the lock. */
bool live_on_phone(const struct live *l, size_t party);

/* The QR code of text, drawn in lines of text: each module two columns
 * wide when that fits in cols columns and rows lines (0: any number) with
 * four to spare (always, with unicode false: in '#'), else half a line
 * high. NULL when it cannot be encoded. Caller frees. */
char *live_qr_text(const char *text, unsigned cols, unsigned rows,
		   bool unicode);

#endif
