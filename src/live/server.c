/* SPDX-License-Identifier: GPL-3.0-or-later */
/* server.c - the meeting's web server, with GNU libmicrohttpd: one thread
 * polls every connection; an event stream per phone is parked (suspended)
 * until the meeting moves on. Everything a request touches is guarded by
 * the one lock the terminal holds too.
 *
 * What keeps it safe on an office network, besides libmicrohttpd's own
 * limits on connections (in all and per address), header memory and idle
 * time: a body cap, a deadline for each request's headers and body (a
 * watchdog shuts a connection that drips them), a request rate per
 * address, a cap on participants, random tokens for the meeting (in the
 * join address) and for each phone (an HttpOnly, SameSite=Strict cookie),
 * strict headers on every response, and nothing served from disk. */
#include "live.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../core/text.h"
#include "live_int.h"
#include "mhd.h"

#define BODY_MAX       4096 /* bytes of a form: a name or an answer */
#define PEERS	       1024 /* client addresses remembered for rates */
#define CODE_TRIES     5    /* wrong join codes from one address */
#define CODE_TRIES_ALL 100  /* wrong join codes in all, then it is off */
#define BEAT_SECONDS   15   /* an idle event stream gets a comment */
#define GRACE_SECONDS  3.0  /* phones get the final page at the end */
#define CODE_ALPHABET  "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
/* answers that come within this of each other are committed together,
 * with one sync to the disk */
#define BATCH_SECONDS 0.003

/* A connection, for the watchdog. */
struct conn {
	struct conn *prev, *next;
	int fd;
	double deadline; /* when its request must be in; 0: none */
};

/* A client address: its request rate and its wrong join codes. */
struct peer {
	bool used;
	int family;
	unsigned char addr[16];
	double tokens, last;
	unsigned bad_codes;
};

/* An open event stream: a phone waiting for the meeting to move on. */
struct stream {
	struct stream *prev, *next;
	struct live *l;
	struct MHD_Connection *conn;
	unsigned version; /* the last one sent */
	double beat;	  /* when it last sent anything */
	bool suspended;
};

/* One request, as it comes in. */
struct req {
	char method[8];
	char path[40]; /* for the log, the tokens left out */
	char addr[INET6_ADDRSTRLEN];
	char *body;
	size_t len;
	unsigned status;
	double start;
	bool too_big;  /* the body is over BODY_MAX */
	bool answered; /* a response is queued */
	bool held;     /* an answer waiting for its batch's commit */
	int kept;      /* then: 1 committed, -1 not */
};

/* An answer's connection, suspended until its batch is committed. */
struct held {
	struct MHD_Connection *conn;
	struct req *rq;
};

struct live {
	struct MHD_Daemon *d;
	struct live_config cfg;
	pthread_mutex_t lock; /* the meeting, the store and all below */
	struct meeting *m;
	const struct meeting_keep *keep; /* the terminal's, begun later */
	char token[17], code[7];
	char url[176], address[128], listen[112];
	struct live_person *people;
	size_t n_people;
	unsigned version;
	bool ended, stopping;
	bool batch;	   /* answers are going into a store group */
	double batch_due;  /* when it is committed */
	struct held *held; /* the answers in it */
	size_t n_held, cap_held;
	size_t shown_part; /* the part on show, as last seen */
	double shown_at;   /* since when */
	struct stream *streams;
	size_t n_streams, n_suspended;
	struct peer peers[PEERS];
	unsigned bad_codes;
	char **events;
	size_t n_events;
	int wake[2]; /* a byte in it: events for the terminal */
	FILE *log;
	/* the watchdog's, with a lock of its own */
	pthread_mutex_t conns_lock;
	struct conn *conns;
	pthread_t watchdog;
	pthread_cond_t tick;
	bool watching;
	bool kick; /* a batch began: count its time */
};

static double now_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The wall clock in milliseconds since the epoch, as rapport keeps times. */
static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* n random bytes as 2n hex digits into out (2n + 1 bytes). */
static int random_hex(char *out, size_t n)
{
	unsigned char b[32];
	size_t i;

	if (n > sizeof(b) || getrandom(b, n, 0) != (ssize_t)n)
		return -1;
	for (i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", b[i]);
	return 0;
}

/* Compares in time that does not depend on where they differ. */
static bool same_secret(const char *a, const char *b, size_t n)
{
	unsigned char d = 0;
	size_t i;

	if (strlen(a) != n || strlen(b) != n)
		return false;
	for (i = 0; i < n; i++)
		d |= (unsigned char)(a[i] ^ b[i]);
	return d == 0;
}

static void flush_batch(struct live *l);

/* The terminal's writes are its own: the phones' answers that came
 * before are committed first. */
void live_lock(struct live *l)
{
	pthread_mutex_lock(&l->lock);
	flush_batch(l);
}

void live_unlock(struct live *l)
{
	pthread_mutex_unlock(&l->lock);
}

const char *live_url(const struct live *l)
{
	return l->url;
}

const char *live_address(const struct live *l)
{
	return l->address;
}

const char *live_code(const struct live *l)
{
	return l->code;
}

const char *live_listen(const struct live *l)
{
	return l->listen;
}

const char *live_token(const struct live *l)
{
	return l->token;
}

int live_event_fd(const struct live *l)
{
	return l->wake[0];
}

/* Wakes the terminal: something changed that its prompt shows. */
static void nudge(struct live *l)
{
	char c = 1;

	/* the pipe is non-blocking: when it is full, it is readable */
	if (write(l->wake[1], &c, 1) < 0 && errno != EAGAIN)
		return;
}

/* An event for the terminal to say; holding the lock. */
static void event(struct live *l, char *line)
{
	l->events = xrealloc(l->events, (l->n_events + 2) * sizeof(char *));
	l->events[l->n_events++] = line;
	l->events[l->n_events] = NULL;
	nudge(l);
}

char **live_events(struct live *l)
{
	char **ev = l->events, buf[64];

	while (read(l->wake[0], buf, sizeof(buf)) > 0)
		;
	l->events = NULL;
	l->n_events = 0;
	return ev;
}

bool live_on_phone(const struct live *l, size_t party)
{
	size_t i;

	for (i = 0; i < l->n_people; i++)
		if (l->people[i].party == party)
			return true;
	return false;
}

/* Commits the answers of the batch and lets their phones hear how it
 * went. Holding the lock. */
static void flush_batch(struct live *l)
{
	char *err = NULL;
	size_t i;
	int rc;

	if (!l->batch)
		return;
	l->batch = false;
	rc = store_group_commit(l->keep->store, &err);
	if (rc != 0) {
		event(l, xasprintf("%zu answer%s not saved: %s", l->n_held,
				   l->n_held == 1 ? " was" : "s were", err));
		free(err);
	}
	for (i = 0; i < l->n_held; i++) {
		l->held[i].rq->kept = rc == 0 ? 1 : -1;
		MHD_resume_connection(l->held[i].conn);
	}
	if (rc == 0 && l->n_held)
		nudge(l); /* the room's count of answers */
	l->n_held = 0;
}

/* Resumes every parked stream; holding the lock. */
static void wake_streams(struct live *l, bool all, double now)
{
	struct stream *s;

	for (s = l->streams; s; s = s->next)
		if (s->suspended && (all || now - s->beat >= BEAT_SECONDS)) {
			s->suspended = false;
			l->n_suspended--;
			MHD_resume_connection(s->conn);
		}
}

void live_changed(struct live *l)
{
	if (l->m->started && l->m->part != l->shown_part) {
		l->shown_part = l->m->part;
		l->shown_at = now_mono();
	}
	l->version++;
	wake_streams(l, true, 0);
}

/* ---- the watchdog ---- */

static void *watch(void *data)
{
	struct live *l = data;

	pthread_mutex_lock(&l->conns_lock);
	while (l->watching) {
		struct timespec ts;
		struct conn *c;
		double now = now_mono();
		long wait_ns = 250 * 1000000L;
		/* a request not in by its deadline: shut, and libmicrohttpd
		 * closes it when the read fails; the socket stays ours while
		 * the lock is held, as closing it takes the lock first */
		for (c = l->conns; c; c = c->next)
			if (c->deadline > 0 && now > c->deadline) {
				shutdown(c->fd, SHUT_RDWR);
				c->deadline = 0;
			}
		pthread_mutex_unlock(&l->conns_lock);
		pthread_mutex_lock(&l->lock);
		wake_streams(l, false, now); /* the streams' heartbeats */
		if (l->batch && now_mono() >= l->batch_due)
			flush_batch(l);
		if (l->batch)
			wait_ns = (long)((l->batch_due - now_mono()) * 1e9);
		pthread_mutex_unlock(&l->lock);
		if (wait_ns < 100000)
			wait_ns = 100000;
		pthread_mutex_lock(&l->conns_lock);
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += wait_ns;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		/* a batch begun since it looked: its time is counted now */
		if (l->watching && !l->kick)
			pthread_cond_timedwait(&l->tick, &l->conns_lock, &ts);
		l->kick = false;
	}
	pthread_mutex_unlock(&l->conns_lock);
	return NULL;
}

static void on_connection(void *cls, struct MHD_Connection *connection,
			  void **socket_context,
			  enum MHD_ConnectionNotificationCode code)
{
	struct live *l = cls;
	struct conn *c = *socket_context;

	pthread_mutex_lock(&l->conns_lock);
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *fd = MHD_get_connection_info(
			connection, MHD_CONNECTION_INFO_CONNECTION_FD);
		c = xcalloc(1, sizeof(*c));
		c->fd = fd ? fd->connect_fd : -1;
		c->deadline = now_mono() + l->cfg.request_seconds;
		c->next = l->conns;
		if (l->conns)
			l->conns->prev = c;
		l->conns = c;
		*socket_context = c;
	} else if (c) {
		if (c->prev)
			c->prev->next = c->next;
		else
			l->conns = c->next;
		if (c->next)
			c->next->prev = c->prev;
		free(c);
		*socket_context = NULL;
	}
	pthread_mutex_unlock(&l->conns_lock);
}

/* Sets the connection's deadline: seconds from now, or none (0). */
static void set_deadline(struct live *l, struct MHD_Connection *connection,
			 double seconds)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(
		connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	struct conn *c = ci ? ci->socket_context : NULL;

	if (!c)
		return;
	pthread_mutex_lock(&l->conns_lock);
	c->deadline = seconds > 0 ? now_mono() + seconds : 0;
	pthread_mutex_unlock(&l->conns_lock);
}

/* ---- clients: rates and join codes ---- */

static struct peer *peer_of(struct live *l, const struct sockaddr *sa)
{
	unsigned char key[16] = { 0 };
	size_t klen, i, free_at = PEERS, oldest = 0;
	int family = sa ? sa->sa_family : AF_UNSPEC;

	if (family == AF_INET) {
		memcpy(key, &((const struct sockaddr_in *)sa)->sin_addr, 4);
		klen = 4;
	} else if (family == AF_INET6) {
		memcpy(key, &((const struct sockaddr_in6 *)sa)->sin6_addr, 16);
		klen = 16;
	} else {
		klen = 0;
	}
	for (i = 0; i < PEERS; i++) {
		struct peer *p = &l->peers[i];
		if (!p->used) {
			if (free_at == PEERS)
				free_at = i;
			continue;
		}
		if (p->family == family && memcmp(p->addr, key, klen) == 0)
			return p;
		if (p->last < l->peers[oldest].last)
			oldest = i;
	}
	/* a full table forgets the address heard from longest ago */
	i = free_at < PEERS ? free_at : oldest;
	memset(&l->peers[i], 0, sizeof(l->peers[i]));
	l->peers[i].used = true;
	l->peers[i].family = family;
	memcpy(l->peers[i].addr, key, klen);
	l->peers[i].tokens = 2.0 * l->cfg.rate;
	l->peers[i].last = now_mono();
	return &l->peers[i];
}

/* Whether this address may make one more request now. */
static bool peer_allow(struct live *l, struct peer *p)
{
	double now = now_mono(), cap = 2.0 * l->cfg.rate;

	p->tokens += (now - p->last) * l->cfg.rate;
	if (p->tokens > cap)
		p->tokens = cap;
	p->last = now;
	if (p->tokens < 1)
		return false;
	p->tokens -= 1;
	return true;
}

/* ---- forms, cookies, responses ---- */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)(c | 0x20);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The value of field name in a urlencoded form, decoded (caller frees),
 * or NULL. */
static char *form_value(const char *body, size_t len, const char *name)
{
	size_t nlen = strlen(name), i = 0;

	while (i < len) {
		size_t end = i;
		while (end < len && body[end] != '&')
			end++;
		if (end - i > nlen && memcmp(body + i, name, nlen) == 0 &&
		    body[i + nlen] == '=') {
			struct strbuf sb = { 0 };
			size_t k;
			for (k = i + nlen + 1; k < end; k++) {
				char ch = body[k];
				if (ch == '+') {
					ch = ' ';
				} else if (ch == '%' && k + 2 < end &&
					   hexval(body[k + 1]) >= 0 &&
					   hexval(body[k + 2]) >= 0) {
					ch = (char)(hexval(body[k + 1]) * 16 +
						    hexval(body[k + 2]));
					k += 2;
				}
				strbuf_addc(&sb, ch);
			}
			return sb.buf ? strbuf_detach(&sb) : xstrdup("");
		}
		i = end + 1;
	}
	return NULL;
}

/* The phone's session, from its cookie, or NULL. */
static struct live_person *person_of(struct live *l,
				     struct MHD_Connection *connection)
{
	const char *v = MHD_lookup_connection_value(connection, MHD_COOKIE_KIND,
						    "rapport");
	size_t i;

	if (!v)
		return NULL;
	for (i = 0; i < l->n_people; i++)
		if (same_secret(v, l->people[i].token, LIVE_TOKEN_LEN))
			return &l->people[i];
	return NULL;
}

/* Every response's headers: nothing cached, sniffed, framed or referred,
 * and nothing run or styled but what the page carries with its nonce. */
static void strict_headers(struct MHD_Response *r, const char *nonce)
{
	char csp[256];

	snprintf(csp, sizeof(csp),
		 "default-src 'none'; style-src 'nonce-%s'; "
		 "script-src 'nonce-%s'; connect-src 'self'; "
		 "form-action 'self'; base-uri 'none'; "
		 "frame-ancestors 'none'",
		 nonce, nonce);
	MHD_add_response_header(r, "Content-Security-Policy", csp);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Cache-Control", "no-store");
}

static enum MHD_Result respond(struct MHD_Connection *connection,
			       struct req *rq, unsigned status,
			       struct strbuf *body, const char *type,
			       const char *nonce)
{
	struct MHD_Response *r;
	enum MHD_Result ret;
	size_t len = body->len;
	char *buf = strbuf_detach(body);

	r = MHD_create_response_from_buffer(len, buf ? buf : xstrdup(""),
					    MHD_RESPMEM_MUST_FREE);
	if (!r)
		return MHD_NO;
	strict_headers(r, nonce ? nonce : "none");
	MHD_add_response_header(r, "Content-Type", type);
	if (status == MHD_HTTP_TOO_MANY_REQUESTS)
		MHD_add_response_header(r, "Retry-After", "2");
	if (status >= 400 && rq->body != NULL)
		MHD_add_response_header(r, "Connection", "close");
	ret = MHD_queue_response(connection, status, r);
	MHD_destroy_response(r);
	rq->status = status;
	rq->answered = true;
	return ret;
}

/* A page drawn with its own nonce (title: an error page's); holding the
 * lock. */
static enum MHD_Result
send_page(struct live *l, struct MHD_Connection *connection, struct req *rq,
	  unsigned status,
	  void (*draw)(struct strbuf *, const struct live_page *),
	  const struct live_person *who, const char *message, const char *title)
{
	struct strbuf sb = { 0 };
	char nonce[33];
	struct live_page pg;

	if (random_hex(nonce, 16) != 0)
		snprintf(nonce, sizeof(nonce), "%s", "0");
	pg.m = l->m;
	pg.who = who;
	pg.version = l->version;
	pg.ended = l->ended;
	pg.nonce = nonce;
	pg.message = message;
	pg.token = l->token;
	pg.title = title;
	draw(&sb, &pg);
	return respond(connection, rq, status, &sb, "text/html; charset=utf-8",
		       nonce);
}

static enum MHD_Result
page(struct live *l, struct MHD_Connection *connection, struct req *rq,
     unsigned status, void (*draw)(struct strbuf *, const struct live_page *),
     const struct live_person *who, const char *message)
{
	return send_page(l, connection, rq, status, draw, who, message, NULL);
}

static enum MHD_Result error_page(struct live *l,
				  struct MHD_Connection *connection,
				  struct req *rq, unsigned status,
				  const char *title, const char *message)
{
	return send_page(l, connection, rq, status, live_page_error, NULL,
			 message, title);
}

/* 303 to where, with a cookie to set or NULL. */
static enum MHD_Result see_other(struct MHD_Connection *connection,
				 struct req *rq, const char *where,
				 const char *cookie)
{
	static char nothing[1];
	struct MHD_Response *r = MHD_create_response_from_buffer(
		0, nothing, MHD_RESPMEM_PERSISTENT);
	enum MHD_Result ret;

	if (!r)
		return MHD_NO;
	strict_headers(r, "none");
	MHD_add_response_header(r, "Location", where);
	if (cookie)
		MHD_add_response_header(r, "Set-Cookie", cookie);
	ret = MHD_queue_response(connection, MHD_HTTP_SEE_OTHER, r);
	MHD_destroy_response(r);
	rq->status = MHD_HTTP_SEE_OTHER;
	rq->answered = true;
	return ret;
}

/* ---- what a phone asks for ---- */

/* A name typed on a phone, cleaned as the terminal's text is, and more,
 * as it names a person: malformed UTF-8 repaired, controls and bidi
 * formatting characters dropped, blanks run together. NULL when nothing
 * is left or it is too long (*why says which). */
static char *clean_name(const char *raw, const char **why)
{
	char *fixed = text_repair_utf8(raw), *out;
	size_t n = 0, chars = 0, i = 0, len = strlen(fixed);
	bool blank = true;

	out = xmalloc(len + 1);
	while (i < len) {
		uint32_t cp;
		size_t k = utf8_decode(fixed + i, len - i, &cp);
		if (k == 0)
			k = 1;
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
		    cp == 0xA0) {
			if (!blank)
				out[n++] = ' ';
			blank = true;
		} else if (!text_is_control(cp) && !text_is_bidi(cp) &&
			   cp != 0xFFFD) {
			memcpy(out + n, fixed + i, k);
			n += k;
			chars++;
			blank = false;
		}
		i += k;
	}
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	free(fixed);
	if (!n) {
		*why = "Type your name, as the others know you.";
	} else if (chars > LIVE_NAME_MAX) {
		*why = "That name is long: 40 characters at most.";
	} else {
		return out;
	}
	free(out);
	return NULL;
}

static enum MHD_Result
do_join(struct live *l, struct MHD_Connection *connection, struct req *rq)
{
	char *raw = form_value(rq->body, rq->len, "name");
	char *team = form_value(rq->body, rq->len, "team");
	const char *why = NULL;
	char *name = clean_name(raw ? raw : "", &why), *err = NULL;
	struct live_person *p;
	struct meeting_member *mb;
	size_t party = SIZE_MAX, member = 0;
	char cookie[128];
	enum MHD_Result ret;

	flush_batch(l); /* a place in the meeting is kept on its own */
	free(raw);
	if (!name) {
		free(team);
		return page(l, connection, rq, MHD_HTTP_BAD_REQUEST,
			    live_page_join, NULL, why);
	}
	if (l->ended) {
		ret = error_page(l, connection, rq, MHD_HTTP_CONFLICT,
				 "The meeting is over",
				 "It has ended: nobody can join it now.");
		goto out;
	}
	if (l->n_people >= l->cfg.max_participants) {
		ret = error_page(l, connection, rq,
				 MHD_HTTP_SERVICE_UNAVAILABLE,
				 "The meeting is full",
				 "Everyone it has room for is in. Ask the "
				 "facilitator to enter your answers.");
		goto out;
	}
	if (team && *team) {
		char *end;
		unsigned long t = strtoul(team, &end, 10);
		if (*end || t >= l->m->n_parties || !l->m->parties[t].team) {
			ret = page(l, connection, rq, MHD_HTTP_BAD_REQUEST,
				   live_page_join, NULL,
				   "Pick one of the teams listed.");
			goto out;
		}
		if (meeting_join_team(l->m, t, name)) {
			party = t;
			member = l->m->parties[t].n_members - 1;
		}
	} else if (meeting_add_person(l->m, name)) {
		party = l->m->n_parties - 1;
	}
	if (party == SIZE_MAX) {
		ret = page(l, connection, rq, MHD_HTTP_CONFLICT, live_page_join,
			   NULL,
			   "Someone of that name is in already: add the "
			   "first letter of your family name.");
		goto out;
	}
	l->people = xrealloc(l->people, (l->n_people + 1) * sizeof(*p));
	p = &l->people[l->n_people];
	mb = &l->m->parties[party].members[member];
	if (random_hex(p->token, LIVE_TOKEN_LEN / 2) != 0) {
		meeting_drop_last(l->m, party);
		ret = error_page(l, connection, rq,
				 MHD_HTTP_INTERNAL_SERVER_ERROR, "Not joined",
				 "No random numbers to make your session "
				 "with. Tell the facilitator.");
		goto out;
	}
	memcpy(mb->session, p->token, sizeof(mb->session));
	/* in the store with the session before the phone has its cookie,
	 * so that a resumed meeting knows it */
	if (l->m->started &&
	    (meeting_keep_member(l->keep, &l->m->parties[party], mb, now_ms(),
				 &err) != 0 ||
	     meeting_keep_save(l->keep, l->m, &err) != 0)) {
		event(l, xasprintf("%s could not join: %s", name, err));
		free(err);
		meeting_drop_last(l->m, party); /* they may try again */
		ret = error_page(l, connection, rq,
				 MHD_HTTP_INTERNAL_SERVER_ERROR, "Not saved",
				 "Your place could not be saved. Tell the "
				 "facilitator.");
		goto out;
	}
	p->party = party;
	p->member = member;
	l->n_people++;
	if (l->m->parties[party].team)
		event(l, xasprintf("%s joined team %s", name,
				   l->m->parties[party].name));
	else
		event(l, xasprintf("%s joined", name));
	snprintf(cookie, sizeof(cookie),
		 "rapport=%s; Path=/; HttpOnly; SameSite=Strict", p->token);
	ret = see_other(connection, rq, "/p", cookie);
out:
	free(name);
	free(team);
	return ret;
}

static enum MHD_Result do_answer(struct live *l,
				 struct MHD_Connection *connection,
				 struct req *rq, const struct live_person *who)
{
	char *part = form_value(rq->body, rq->len, "part");
	char *pick = form_value(rq->body, rq->len, "pick");
	const struct exercise_part *p;
	enum meeting_answer st;
	enum MHD_Result ret;
	char *end, *err = NULL;
	unsigned long at_part = part ? strtoul(part, &end, 10) : 0;
	size_t at;
	bool part_ok = part && *part && !*end;

	if (!l->m->started || l->ended || !part_ok || at_part != l->m->part ||
	    !l->m->parts[l->m->part].shown) {
		ret = page(l, connection, rq, MHD_HTTP_CONFLICT,
			   live_page_meeting, who,
			   "That question is not the one on the screen: "
			   "nothing was saved.");
		goto out;
	}
	p = &l->m->ex->parts[l->m->part];
	if (l->m->parts[l->m->part].revealed) {
		ret = page(l, connection, rq, MHD_HTTP_CONFLICT,
			   live_page_meeting, who,
			   "The answers are revealed: it is closed.");
		goto out;
	}
	at = !pick	   ? SIZE_MAX
	     : p->scenario ? meeting_option_of(p->scenario, pick)
			   : meeting_point_of(&l->m->ex->scale, pick);
	if (at == SIZE_MAX) {
		ret = page(l, connection, rq, MHD_HTTP_BAD_REQUEST,
			   live_page_meeting, who, "Pick one of the answers.");
		goto out;
	}
	if (!l->batch) {
		/* the answers that come in the next moment go into the
		 * store with this one, in one commit (without a batch, each
		 * is committed alone) */
		if (store_group_begin(l->keep->store, &err) == 0) {
			l->batch = true;
			l->batch_due = now_mono() + BATCH_SECONDS;
			pthread_mutex_lock(&l->conns_lock);
			l->kick = true;
			pthread_cond_signal(&l->tick);
			pthread_mutex_unlock(&l->conns_lock);
		}
		free(err);
		err = NULL;
	}
	if (meeting_keep_answer(l->keep, l->m, who->party, who->member, at,
				now_ms(), now_mono() - l->shown_at, &st,
				&err) != 0) {
		event(l, xasprintf("an answer was not saved: %s", err));
		free(err);
		ret = page(l, connection, rq, MHD_HTTP_INTERNAL_SERVER_ERROR,
			   live_page_meeting, who,
			   "Your answer was not saved: send it again.");
		goto out;
	}
	if (st == MEETING_ANSWERED)
		ret = page(l, connection, rq, MHD_HTTP_CONFLICT,
			   live_page_meeting, who,
			   "You have voted in this poll already.");
	else if (st != MEETING_OK)
		ret = page(l, connection, rq, MHD_HTTP_BAD_REQUEST,
			   live_page_meeting, who, "Pick one of the answers.");
	else if (l->batch) {
		/* "received" once it is committed: the phone waits */
		void *h = l->held;
		xgrow(&h, &l->cap_held, l->n_held + 1, sizeof(*l->held));
		l->held = h;
		l->held[l->n_held].conn = connection;
		l->held[l->n_held++].rq = rq;
		rq->held = true;
		MHD_suspend_connection(connection);
		ret = MHD_YES;
	} else {
		nudge(l); /* the room's count of answers */
		ret = see_other(connection, rq, "/p", NULL);
	}
out:
	/* what a phone said is not kept past its request: a poll's value
	 * lives on only as a count */
	if (pick)
		explicit_bzero(pick, strlen(pick));
	explicit_bzero(rq->body, rq->len);
	free(part);
	free(pick);
	return ret;
}

/* ---- the event stream ---- */

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct stream *s = cls;
	struct live *l = s->l;
	double now = now_mono();
	int n = 0;

	(void)pos;
	pthread_mutex_lock(&l->lock);
	if (l->stopping) {
		pthread_mutex_unlock(&l->lock);
		return MHD_CONTENT_READER_END_OF_STREAM;
	}
	if (s->version != l->version) {
		n = snprintf(buf, max, "retry: 3000\ndata: %u\n\n", l->version);
		s->version = l->version;
	} else if (now - s->beat >= BEAT_SECONDS) {
		n = snprintf(buf, max, ": still here\n\n");
	} else {
		s->suspended = true;
		l->n_suspended++;
		MHD_suspend_connection(s->conn);
	}
	if (n > 0)
		s->beat = now;
	pthread_mutex_unlock(&l->lock);
	return n < 0 || (size_t)n >= max ? 0 : n;
}

static void stream_free(void *cls)
{
	struct stream *s = cls;
	struct live *l = s->l;

	pthread_mutex_lock(&l->lock);
	if (s->prev)
		s->prev->next = s->next;
	else
		l->streams = s->next;
	if (s->next)
		s->next->prev = s->prev;
	if (s->suspended)
		l->n_suspended--;
	l->n_streams--;
	pthread_mutex_unlock(&l->lock);
	free(s);
}

static enum MHD_Result
open_stream(struct live *l, struct MHD_Connection *connection, struct req *rq)
{
	struct stream *s = xcalloc(1, sizeof(*s));
	struct MHD_Response *r;
	enum MHD_Result ret;

	s->l = l;
	s->conn = connection;
	s->version = l->version - 1; /* the first read says where it is */
	s->beat = now_mono();
	r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 256,
					      stream_read, s, stream_free);
	if (!r) {
		free(s);
		return MHD_NO;
	}
	s->next = l->streams;
	if (l->streams)
		l->streams->prev = s;
	l->streams = s;
	l->n_streams++;
	strict_headers(r, "none");
	MHD_add_response_header(r, "Content-Type", "text/event-stream");
	set_deadline(l, connection, 0); /* open for as long as it lasts */
	ret = MHD_queue_response(connection, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	rq->status = MHD_HTTP_OK;
	rq->answered = true;
	return ret;
}

/* ---- routing ---- */

/* Whether path is prefix followed by the meeting's token and nothing. */
static bool is_token_path(const struct live *l, const char *path,
			  const char *prefix)
{
	size_t n = strlen(prefix);

	return strncmp(path, prefix, n) == 0 &&
	       same_secret(path + n, l->token, strlen(l->token));
}

/* The code typed, its letters only, in capitals. */
static void code_letters(const char *typed, char *out, size_t size)
{
	size_t n = 0;

	for (; typed && *typed && n + 1 < size; typed++)
		if ((*typed >= 'a' && *typed <= 'z') ||
		    (*typed >= 'A' && *typed <= 'Z') ||
		    (*typed >= '0' && *typed <= '9'))
			out[n++] = (char)(*typed & ~((*typed >= 'a') << 5));
	out[n] = '\0';
}

static enum MHD_Result do_code(struct live *l,
			       struct MHD_Connection *connection,
			       struct req *rq, struct peer *peer)
{
	char *typed = form_value(rq->body, rq->len, "code"), got[16];
	char where[64];

	code_letters(typed, got, sizeof(got));
	free(typed);
	if (l->bad_codes >= CODE_TRIES_ALL || peer->bad_codes >= CODE_TRIES)
		return error_page(l, connection, rq, MHD_HTTP_TOO_MANY_REQUESTS,
				  "Too many tries",
				  "Scan the QR code on the screen instead, "
				  "or type the whole address.");
	if (!same_secret(got, l->code, strlen(l->code))) {
		peer->bad_codes++;
		if (++l->bad_codes == CODE_TRIES_ALL)
			event(l, xstrdup("the join code was tried wrongly "
					 "too often: it is off now, join by "
					 "the address or the QR code"));
		return page(l, connection, rq, MHD_HTTP_FORBIDDEN,
			    live_page_code, NULL,
			    "That is not the code on the screen.");
	}
	snprintf(where, sizeof(where), "/j/%s", l->token);
	return see_other(connection, rq, where, NULL);
}

static enum MHD_Result route(struct live *l, struct MHD_Connection *connection,
			     const char *url, struct req *rq, struct peer *peer)
{
	bool post = strcmp(rq->method, "POST") == 0;
	struct live_person *who = person_of(l, connection);

	if (strcmp(url, "/") == 0)
		return post ? do_code(l, connection, rq, peer)
			    : page(l, connection, rq, MHD_HTTP_OK,
				   live_page_code, NULL, NULL);
	if (is_token_path(l, url, "/j/")) {
		if (who)
			return see_other(connection, rq, "/p", NULL);
		return post ? do_join(l, connection, rq)
			    : page(l, connection, rq, MHD_HTTP_OK,
				   live_page_join, NULL, NULL);
	}
	if (strcmp(url, "/p") == 0 || strcmp(url, "/p/answer") == 0 ||
	    strcmp(url, "/p/events") == 0) {
		if (!who)
			return error_page(
				l, connection, rq, MHD_HTTP_FORBIDDEN,
				"Not in this meeting",
				"This phone has not joined this meeting. "
				"Scan the QR code on the screen to join.");
		if (strcmp(url, "/p/answer") == 0)
			return post ? do_answer(l, connection, rq, who)
				    : see_other(connection, rq, "/p", NULL);
		if (post)
			return error_page(l, connection, rq,
					  MHD_HTTP_METHOD_NOT_ALLOWED,
					  "Not here", "Nothing is sent here.");
		if (strcmp(url, "/p/events") == 0)
			return open_stream(l, connection, rq);
		return page(l, connection, rq, MHD_HTTP_OK, live_page_meeting,
			    who, NULL);
	}
	return error_page(l, connection, rq, MHD_HTTP_NOT_FOUND, "Not found",
			  "There is no such page in this meeting.");
}

/* The path for the log: the tokens in it left out. */
static void log_path(char *out, size_t size, const char *url)
{
	if (strncmp(url, "/j/", 3) == 0)
		snprintf(out, size, "/j/...");
	else
		snprintf(out, size, "%.*s", (int)(size - 1), url);
	for (; *out; out++)
		if ((unsigned char)*out < 0x20 || (unsigned char)*out >= 0x7f)
			*out = '?';
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *connection,
				  const char *url, const char *method,
				  const char *version, const char *upload_data,
				  size_t *upload_data_size, void **con_cls)
{
	struct live *l = cls;
	struct req *rq = *con_cls;
	enum MHD_Result ret;
	struct peer *peer;

	(void)version;
	if (!rq) {
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(
			connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		const char *length = MHD_lookup_connection_value(
			connection, MHD_HEADER_KIND,
			MHD_HTTP_HEADER_CONTENT_LENGTH);
		rq = xcalloc(1, sizeof(*rq));
		*con_cls = rq;
		rq->start = now_mono();
		snprintf(rq->method, sizeof(rq->method), "%s", method);
		log_path(rq->path, sizeof(rq->path), url);
		if (ci && ci->client_addr) {
			const struct sockaddr *sa = ci->client_addr;
			if (sa->sa_family == AF_INET)
				inet_ntop(AF_INET,
					  &((const struct sockaddr_in *)sa)
						   ->sin_addr,
					  rq->addr, sizeof(rq->addr));
			else if (sa->sa_family == AF_INET6)
				inet_ntop(AF_INET6,
					  &((const struct sockaddr_in6 *)sa)
						   ->sin6_addr,
					  rq->addr, sizeof(rq->addr));
		}
		if (strcmp(method, "POST") == 0) {
			rq->body = xmalloc(BODY_MAX + 1);
			if (length && strtoull(length, NULL, 10) > BODY_MAX) {
				struct strbuf sb = { 0 };
				strbuf_adds(&sb, "413: a form is at most 4096 "
						 "bytes\n");
				return respond(connection, rq, 413, &sb,
					       "text/plain; charset=utf-8",
					       NULL);
			}
			return MHD_YES; /* the body comes next */
		}
		if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
			struct strbuf sb = { 0 };
			strbuf_adds(&sb, "405: GET or POST only\n");
			return respond(connection, rq,
				       MHD_HTTP_METHOD_NOT_ALLOWED, &sb,
				       "text/plain; charset=utf-8", NULL);
		}
	}
	if (rq->answered) {
		*upload_data_size = 0; /* a body after an early answer */
		return MHD_YES;
	}
	if (*upload_data_size) {
		/* over the cap: the rest is dropped as it comes (the request
		 * deadline bounds how long), and 413 said at its end, as
		 * libmicrohttpd answers only a body it has read */
		if (rq->len + *upload_data_size > BODY_MAX)
			rq->too_big = true;
		else
			memcpy(rq->body + rq->len, upload_data,
			       *upload_data_size);
		if (!rq->too_big)
			rq->len += *upload_data_size;
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (rq->too_big) {
		struct strbuf sb = { 0 };
		strbuf_adds(&sb, "413: a form is at most 4096 bytes\n");
		return respond(connection, rq, 413, &sb,
			       "text/plain; charset=utf-8", NULL);
	}
	if (rq->held) {
		/* back from its batch's commit */
		rq->held = false;
		if (rq->kept > 0)
			return see_other(connection, rq, "/p", NULL);
		pthread_mutex_lock(&l->lock);
		ret = page(l, connection, rq, MHD_HTTP_INTERNAL_SERVER_ERROR,
			   live_page_meeting, person_of(l, connection),
			   "Your answer was not saved: send it again.");
		pthread_mutex_unlock(&l->lock);
		return ret;
	}
	/* the whole request is in: no deadline while it is answered */
	set_deadline(l, connection, 0);
	pthread_mutex_lock(&l->lock);
	{
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(
			connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		peer = peer_of(l, ci ? ci->client_addr : NULL);
	}
	if (!peer_allow(l, peer)) {
		struct strbuf sb = { 0 };
		pthread_mutex_unlock(&l->lock);
		strbuf_adds(&sb, "429: slow down\n");
		return respond(connection, rq, MHD_HTTP_TOO_MANY_REQUESTS, &sb,
			       "text/plain; charset=utf-8", NULL);
	}
	ret = route(l, connection, url, rq, peer);
	pthread_mutex_unlock(&l->lock);
	return ret;
}

static void on_completed(void *cls, struct MHD_Connection *connection,
			 void **con_cls, enum MHD_RequestTerminationCode toe)
{
	struct live *l = cls;
	struct req *rq = *con_cls;

	if (!rq)
		return;
	if (l->log) {
		char when[32];
		time_t t = time(NULL);
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
		/* no session, no name, no body: nothing that says who chose
		 * what */
		fprintf(l->log, "%s %s %s %s %u %.0fms%s\n", when,
			*rq->addr ? rq->addr : "-", rq->method, rq->path,
			rq->status, 1000 * (now_mono() - rq->start),
			toe == MHD_REQUEST_TERMINATED_COMPLETED_OK
				? ""
				: " (cut short)");
		fflush(l->log);
	}
	/* the next request on this connection has its own deadline */
	set_deadline(l, connection, l->cfg.request_seconds);
	if (rq->body) {
		explicit_bzero(rq->body, rq->len);
		free(rq->body);
	}
	free(rq);
	*con_cls = NULL;
}

/* ---- where to listen ---- */

/* This machine's address on its network: the first IPv4 address of an
 * interface that is up and not the loopback, a private one first. */
static bool lan_address(char *out, size_t size)
{
	struct ifaddrs *all, *i;
	bool found = false;
	int pass;

	if (getifaddrs(&all) != 0)
		return false;
	for (pass = 0; pass < 2 && !found; pass++)
		for (i = all; i && !found; i = i->ifa_next) {
			uint32_t a;
			bool private;
			if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET ||
			    !(i->ifa_flags & IFF_UP) ||
			    (i->ifa_flags & IFF_LOOPBACK))
				continue;
			a = ntohl(((struct sockaddr_in *)i->ifa_addr)
					  ->sin_addr.s_addr);
			private = (a >> 24) == 10 || (a >> 20) == 0xAC1 ||
				  (a >> 16) == 0xC0A8;
			if (pass == 0 && !private)
				continue;
			inet_ntop(
				AF_INET,
				&((struct sockaddr_in *)i->ifa_addr)->sin_addr,
				out, (socklen_t)size);
			found = true;
		}
	freeifaddrs(all);
	return found;
}

/* Parses "ADDR", "ADDR:PORT", "[V6]" or "[V6]:PORT" into host and port
 * (-1: none given). */
static bool parse_listen(const char *s, char *host, size_t size, long *port)
{
	const char *colon;
	char *end;

	*port = -1;
	if (*s == '[') {
		const char *close = strchr(s, ']');
		if (!close || (size_t)(close - s - 1) >= size)
			return false;
		snprintf(host, size, "%.*s", (int)(close - s - 1), s + 1);
		colon = close[1] == ':' ? close + 1 : NULL;
		if (close[1] && !colon)
			return false;
	} else {
		colon = strrchr(s, ':');
		if (colon && strchr(s, ':') != colon)
			return false; /* a bare IPv6 address needs brackets */
		if ((size_t)(colon ? colon - s : (long)strlen(s)) >= size)
			return false;
		snprintf(host, size, "%.*s",
			 (int)(colon ? colon - s : (long)strlen(s)), s);
	}
	if (colon) {
		*port = strtol(colon + 1, &end, 10);
		if (!colon[1] || *end || *port < 0 || *port > 65535)
			return false;
	}
	return *host != '\0';
}

static struct MHD_Daemon *listen_on(struct live *l,
				    const struct sockaddr_storage *sa, bool v6)
{
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL |
			 MHD_ALLOW_SUSPEND_RESUME;

	if (v6)
		flags |= MHD_USE_IPv6;
	return MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, l, MHD_OPTION_SOCK_ADDR,
		(const struct sockaddr *)sa, MHD_OPTION_CONNECTION_LIMIT,
		l->cfg.max_connections, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
		l->cfg.max_per_address, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
		(size_t)16384, MHD_OPTION_CONNECTION_TIMEOUT, 30u,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, l,
		MHD_OPTION_NOTIFY_CONNECTION, on_connection, l, MHD_OPTION_END);
}

static struct MHD_Daemon *start_daemon(struct live *l, char **err)
{
	char host[64];
	long port;
	struct sockaddr_storage sa;
	struct addrinfo hints = { 0 }, *ai = NULL;
	bool v6;
	int tries;
	const union MHD_DaemonInfo *info;
	struct MHD_Daemon *d = NULL;

	if (l->cfg.listen) {
		if (!parse_listen(l->cfg.listen, host, sizeof(host), &port)) {
			*err = xasprintf("--listen takes ADDR:PORT (an IP "
					 "address; [ADDR]:PORT for IPv6), "
					 "not '%s'",
					 l->cfg.listen);
			return NULL;
		}
	} else {
		port = -1;
		if (!lan_address(host, sizeof(host))) {
			*err = xstrdup("this machine has no network address "
				       "to listen on; give --listen "
				       "ADDR:PORT");
			return NULL;
		}
	}
	hints.ai_flags = AI_NUMERICHOST;
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(host, NULL, &hints, &ai) != 0 || !ai) {
		*err = xasprintf("'%s' is not an IP address to listen on",
				 host);
		return NULL;
	}
	memset(&sa, 0, sizeof(sa));
	memcpy(&sa, ai->ai_addr, ai->ai_addrlen);
	v6 = ai->ai_family == AF_INET6;
	freeaddrinfo(ai);
	/* no port given: the usual one, or the next free one after it */
	for (tries = 0; tries < (port < 0 ? 20 : 1) && !d; tries++) {
		unsigned short p =
			(unsigned short)(port < 0 ? LIVE_DEFAULT_PORT + tries
						  : port);
		if (v6)
			((struct sockaddr_in6 *)&sa)->sin6_port = htons(p);
		else
			((struct sockaddr_in *)&sa)->sin_port = htons(p);
		d = listen_on(l, &sa, v6);
	}
	if (!d) {
		*err = xasprintf("cannot listen on %s%s%s: %s", v6 ? "[" : "",
				 host, v6 ? "]" : "",
				 port < 0 ? "its ports from 8041 are taken"
					  : "the address is not this "
					    "machine's, or the port is "
					    "taken");
		return NULL;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	snprintf(l->listen, sizeof(l->listen), "%s%s%s:%u", v6 ? "[" : "", host,
		 v6 ? "]" : "", info ? (unsigned)info->port : (unsigned)port);
	snprintf(l->address, sizeof(l->address), "http://%s/", l->listen);
	return d;
}

/* The members who were on their phones when a resumed meeting stopped. */
static void rejoin(struct live *l)
{
	size_t i, j;

	for (i = 0; i < l->m->n_parties; i++)
		for (j = 0; j < l->m->parties[i].n_members; j++) {
			const char *t = l->m->parties[i].members[j].session;
			struct live_person *p;
			if (strlen(t) != LIVE_TOKEN_LEN)
				continue;
			l->people = xrealloc(l->people,
					     (l->n_people + 1) * sizeof(*p));
			p = &l->people[l->n_people++];
			memcpy(p->token, t, sizeof(p->token));
			p->party = i;
			p->member = j;
		}
}

struct live *live_start(const struct live_config *cfg, struct meeting *m,
			const struct meeting_keep *keep, char **err)
{
	struct live *l;
	unsigned char raw[6];
	size_t i;

	if (!mhd_open(err))
		return NULL;
	l = xcalloc(1, sizeof(*l));
	l->cfg = *cfg;
#define DEFAULT(f, v)                                                          \
	if (!l->cfg.f)                                                         \
	l->cfg.f = (v)
	DEFAULT(max_participants, 200);
	DEFAULT(max_connections, 400);
	DEFAULT(max_per_address, 32);
	DEFAULT(rate, 20);
	DEFAULT(request_seconds, 10);
#undef DEFAULT
	l->m = m;
	l->keep = keep;
	l->wake[0] = l->wake[1] = -1;
	pthread_mutex_init(&l->lock, NULL);
	pthread_mutex_init(&l->conns_lock, NULL);
	pthread_cond_init(&l->tick, NULL);
	/* 64 bits for the address, 30 for the code typed at it; a phone's
	 * page starts from a version of its own, so that a resumed meeting's
	 * phones all load it again */
	if (random_hex(l->token, 8) != 0 ||
	    getrandom(raw, sizeof(raw), 0) != (ssize_t)sizeof(raw) ||
	    getrandom(&l->version, sizeof(l->version), 0) !=
		    (ssize_t)sizeof(l->version)) {
		*err = xstrdup("no random numbers for the meeting's tokens");
		goto fail;
	}
	for (i = 0; i < 6; i++)
		l->code[i] =
			CODE_ALPHABET[raw[i] % (sizeof(CODE_ALPHABET) - 1)];
	if (cfg->token && cfg->code) {
		if (strlen(cfg->token) != sizeof(l->token) - 1 ||
		    strlen(cfg->code) != sizeof(l->code) - 1) {
			*err = xstrdup("the meeting's saved tokens are not "
				       "whole");
			goto fail;
		}
		memcpy(l->token, cfg->token, sizeof(l->token));
		memcpy(l->code, cfg->code, sizeof(l->code));
	}
	rejoin(l);
	if (pipe2(l->wake, O_NONBLOCK | O_CLOEXEC) != 0) {
		*err = xasprintf("cannot make a pipe: %s", strerror(errno));
		goto fail;
	}
	if (cfg->log_path) {
		int fd = open(cfg->log_path,
			      O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
		l->log = fd >= 0 ? fdopen(fd, "a") : NULL;
		if (!l->log) {
			*err = xasprintf("cannot open the request log %s: %s",
					 cfg->log_path, strerror(errno));
			if (fd >= 0)
				close(fd);
			goto fail;
		}
	}
	l->shown_part = SIZE_MAX;
	l->shown_at = now_mono();
	l->watching = true;
	if (pthread_create(&l->watchdog, NULL, watch, l) != 0) {
		l->watching = false;
		*err = xstrdup("cannot start the server's watchdog");
		goto fail;
	}
	l->d = start_daemon(l, err);
	if (!l->d)
		goto fail;
	snprintf(l->url, sizeof(l->url), "%sj/%s", l->address, l->token);
	return l;
fail:
	live_stop(l);
	return NULL;
}

/* Waits, for seconds at most, until the count at *n (guarded by the
 * lock) is 0. */
static void wait_for_none(struct live *l, const size_t *n, double seconds)
{
	double until = now_mono() + seconds;

	for (;;) {
		size_t left;
		pthread_mutex_lock(&l->lock);
		left = *n;
		pthread_mutex_unlock(&l->lock);
		if (!left || now_mono() > until)
			return;
		usleep(10000);
	}
}

void live_stop(struct live *l)
{
	if (!l)
		return;
	if (l->d) {
		/* the phones move to the final page: wait for their streams
		 * to close as they do, for a moment at most */
		pthread_mutex_lock(&l->lock);
		flush_batch(l);
		l->ended = true;
		l->version++;
		wake_streams(l, true, 0);
		pthread_mutex_unlock(&l->lock);
		wait_for_none(l, &l->n_streams, GRACE_SECONDS);
		usleep(200000); /* the final pages they asked for */
		pthread_mutex_lock(&l->lock);
		l->stopping = true;
		wake_streams(l, true, 0);
		pthread_mutex_unlock(&l->lock);
		wait_for_none(l, &l->n_suspended, 2);
		MHD_stop_daemon(l->d);
	}
	if (l->watching) {
		pthread_mutex_lock(&l->conns_lock);
		l->watching = false;
		pthread_cond_signal(&l->tick);
		pthread_mutex_unlock(&l->conns_lock);
		pthread_join(l->watchdog, NULL);
	}
	while (l->conns) {
		struct conn *c = l->conns;
		l->conns = c->next;
		free(c);
	}
	if (l->log)
		fclose(l->log);
	if (l->wake[0] >= 0)
		close(l->wake[0]);
	if (l->wake[1] >= 0)
		close(l->wake[1]);
	if (l->events) {
		size_t i;
		for (i = 0; l->events[i]; i++)
			free(l->events[i]);
		free(l->events);
	}
	free(l->people);
	free(l->held);
	pthread_mutex_destroy(&l->lock);
	pthread_mutex_destroy(&l->conns_lock);
	pthread_cond_destroy(&l->tick);
	free(l);
}
