/* SPDX-License-Identifier: GPL-3.0-or-later */
/* curl.c - libcurl, opened when rapport first talks to a record store. */
#include "curl.h"

#include <dlfcn.h>

#include "../core/util.h"

#ifndef RAPPORT_CURL_SONAME
#define RAPPORT_CURL_SONAME "libcurl.so.4"
#endif

struct curl_api curl;

static const char *load(void *lib, void **field, const char *name)
{
	*field = dlsym(lib, name);
	return *field ? NULL : name;
}

bool curl_open(char **err)
{
	static void *lib;
	const char *missing = NULL;

	if (lib)
		return true;
	lib = dlopen(RAPPORT_CURL_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		*err = xasprintf("cannot load libcurl: %s", dlerror());
		return false;
	}
#define LOAD(field)                                                            \
	if (!missing)                                                          \
	missing = load(lib, (void **)&curl.field, "curl_" #field)
	LOAD(global_init);
	LOAD(easy_init);
	LOAD(easy_setopt);
	LOAD(easy_perform);
	LOAD(easy_getinfo);
	LOAD(easy_cleanup);
	LOAD(easy_strerror);
	LOAD(slist_append);
	LOAD(slist_free_all);
	LOAD(url);
	LOAD(url_set);
	LOAD(url_get);
	LOAD(url_cleanup);
	LOAD(free);
#undef LOAD
	if (missing) {
		*err = xasprintf("libcurl (%s) has no %s", RAPPORT_CURL_SONAME,
				 missing);
	} else if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		*err = xasprintf("libcurl (%s) could not start",
				 RAPPORT_CURL_SONAME);
		missing = "";
	}
	if (missing) {
		dlclose(lib);
		lib = NULL;
		return false;
	}
	return true;
}
