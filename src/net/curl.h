/* SPDX-License-Identifier: GPL-3.0-or-later */
/* curl.h - libcurl, opened (dlopen) when rapport first talks to a learning
 * record store and not before: linked in, it and the TLS, Kerberos and
 * LDAP libraries under it are loaded at every start of rapport, for a
 * network most runs never touch (mhd.h does the same for the meeting's
 * server). Include this instead of <curl/curl.h>: the calls go through the
 * table below, under their own names. */
#ifndef RAPPORT_CURL_H
#define RAPPORT_CURL_H

#include <stdbool.h>

/* the option type checks are macros that would hide the table */
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>

struct curl_api {
	__typeof__(curl_global_init) *global_init;
	__typeof__(curl_easy_init) *easy_init;
	__typeof__(curl_easy_setopt) *easy_setopt;
	__typeof__(curl_easy_perform) *easy_perform;
	__typeof__(curl_easy_getinfo) *easy_getinfo;
	__typeof__(curl_easy_cleanup) *easy_cleanup;
	__typeof__(curl_easy_strerror) *easy_strerror;
	__typeof__(curl_slist_append) *slist_append;
	__typeof__(curl_slist_free_all) *slist_free_all;
	__typeof__(curl_url) *url;
	__typeof__(curl_url_set) *url_set;
	__typeof__(curl_url_get) *url_get;
	__typeof__(curl_url_cleanup) *url_cleanup;
	__typeof__(curl_free) *free;
};

extern struct curl_api curl;

/* Opens the library, fills curl and sets libcurl up, the first time;
 * false with *err (the caller's to free) when it cannot. */
bool curl_open(char **err);

/* curl.h makes these two macros of themselves */
#undef curl_easy_setopt
#undef curl_easy_getinfo
#define curl_global_init    curl.global_init
#define curl_easy_init	    curl.easy_init
#define curl_easy_setopt    curl.easy_setopt
#define curl_easy_perform   curl.easy_perform
#define curl_easy_getinfo   curl.easy_getinfo
#define curl_easy_cleanup   curl.easy_cleanup
#define curl_easy_strerror  curl.easy_strerror
#define curl_slist_append   curl.slist_append
#define curl_slist_free_all curl.slist_free_all
#define curl_url	    curl.url
#define curl_url_set	    curl.url_set
#define curl_url_get	    curl.url_get
#define curl_url_cleanup    curl.url_cleanup
#define curl_free	    curl.free

#endif
