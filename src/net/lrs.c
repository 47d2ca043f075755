/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lrs.c - a learning record store's statements resource, over libcurl. */
#include "lrs.h"

#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "../core/xapi.h"
#include "curl.h"

/* the most of an answer kept: a page of statements is a few MiB */
#define REPLY_MAX ((size_t)64 << 20)

struct lrs {
	CURL *h;
	char *url; /* the statements resource */
	struct curl_slist *json_headers, *get_headers;
	char *user, *password, *ca_file;
	long timeout_ms;
	char error[CURL_ERROR_SIZE];
	struct strbuf body;
	bool too_big;
};

static size_t take(char *data, size_t size, size_t n, void *ctx)
{
	struct lrs *l = ctx;
	size_t len = size * n;

	if (l->body.len + len > REPLY_MAX) {
		l->too_big = true;
		return 0; /* libcurl stops the transfer */
	}
	strbuf_add(&l->body, data, len);
	return len;
}

struct lrs *lrs_new(const struct lrs_options *o, char **err)
{
	struct lrs *l;
	char *url = xapi_statements_url(o->url, err);

	if (!url)
		return NULL;
	if (!curl_open(err)) {
		free(url);
		return NULL;
	}
	l = xcalloc(1, sizeof(*l));
	l->url = url;
	l->h = curl_easy_init();
	if (!l->h) {
		*err = xstrdup("libcurl could not start a connection");
		lrs_free(l);
		return NULL;
	}
	l->user = o->user ? xstrdup(o->user) : NULL;
	l->password = o->password ? xstrdup(o->password) : NULL;
	l->ca_file = o->ca_file ? xstrdup(o->ca_file) : NULL;
	l->timeout_ms = o->timeout_ms > 0 ? o->timeout_ms : 30000;
	l->get_headers =
		curl_slist_append(NULL, "X-Experience-API-Version: 1.0.3");
	l->json_headers =
		curl_slist_append(NULL, "X-Experience-API-Version: 1.0.3");
	l->json_headers = curl_slist_append(
		l->json_headers,
		"Content-Type: application/json; charset=utf-8");
	/* no "Expect: 100-continue" wait before a large body */
	l->json_headers = curl_slist_append(l->json_headers, "Expect:");
	return l;
}

void lrs_free(struct lrs *l)
{
	if (!l)
		return;
	if (l->h)
		curl_easy_cleanup(l->h);
	if (l->json_headers)
		curl_slist_free_all(l->json_headers);
	if (l->get_headers)
		curl_slist_free_all(l->get_headers);
	free(l->url);
	free(l->user);
	if (l->password) /* not left in freed memory */
		memset(l->password, 0, strlen(l->password));
	free(l->password);
	free(l->ca_file);
	strbuf_release(&l->body);
	free(l);
}

/* The options every request has; the handle keeps its connection. */
static void common(struct lrs *l, const char *url, struct curl_slist *headers)
{
	CURL *h = l->h;

	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, take);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, l);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, l->error);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, l->timeout_ms);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
			 l->timeout_ms < 10000 ? l->timeout_ms : 10000L);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "rapport/" RAPPORT_VERSION);
	if (l->ca_file)
		curl_easy_setopt(h, CURLOPT_CAINFO, l->ca_file);
	if (l->user) {
		curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		curl_easy_setopt(h, CURLOPT_USERNAME, l->user);
		curl_easy_setopt(h, CURLOPT_PASSWORD,
				 l->password ? l->password : "");
	}
}

static void perform(struct lrs *l, struct lrs_reply *r)
{
	CURLcode rc;

	memset(r, 0, sizeof(*r));
	strbuf_reset(&l->body);
	l->too_big = false;
	l->error[0] = '\0';
	rc = curl_easy_perform(l->h);
	if (rc == CURLE_OK) {
		curl_easy_getinfo(l->h, CURLINFO_RESPONSE_CODE, &r->status);
	} else {
		r->timed_out = rc == CURLE_OPERATION_TIMEDOUT;
		r->certificate = rc == CURLE_PEER_FAILED_VERIFICATION ||
				 rc == CURLE_SSL_CACERT_BADFILE;
		r->error = l->too_big	 ? xstrdup("its answer was too large")
			   : l->error[0] ? xstrdup(l->error)
					 : xstrdup(curl_easy_strerror(rc));
	}
	r->len = l->body.len;
	r->body = xstrndup(l->body.len ? l->body.buf : "", l->body.len);
}

void lrs_post(struct lrs *l, const char *json, size_t len, struct lrs_reply *r)
{
	common(l, l->url, l->json_headers);
	curl_easy_setopt(l->h, CURLOPT_HTTPGET, 0L);
	curl_easy_setopt(l->h, CURLOPT_POST, 1L);
	curl_easy_setopt(l->h, CURLOPT_POSTFIELDS, json);
	curl_easy_setopt(l->h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	perform(l, r);
}

void lrs_get(struct lrs *l, const char *query, const char *more,
	     struct lrs_reply *r)
{
	char *url = NULL;

	if (more && *more) {
		/* "more" is an address on the LRS's host (relative, mostly) */
		CURLU *u = curl_url();
		char *whole = NULL;
		if (u &&
		    curl_url_set(u, CURLUPART_URL, l->url, 0) == CURLUE_OK &&
		    curl_url_set(u, CURLUPART_URL, more, 0) == CURLUE_OK &&
		    curl_url_get(u, CURLUPART_URL, &whole, 0) == CURLUE_OK)
			url = xstrdup(whole);
		curl_free(whole);
		curl_url_cleanup(u);
		if (!url) {
			memset(r, 0, sizeof(*r));
			r->error = xstrdup("its \"more\" is not an address");
			r->body = xstrdup("");
			return;
		}
	} else {
		url = query && *query ? xasprintf("%s?%s", l->url, query)
				      : xstrdup(l->url);
	}
	common(l, url, l->get_headers);
	curl_easy_setopt(l->h, CURLOPT_HTTPGET, 1L);
	perform(l, r);
	free(url);
}

void lrs_reply_release(struct lrs_reply *r)
{
	free(r->body);
	free(r->error);
	memset(r, 0, sizeof(*r));
}
