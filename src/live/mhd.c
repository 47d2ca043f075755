/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mhd.c - GNU libmicrohttpd, opened when a meeting goes live. */
#include "mhd.h"

#include <dlfcn.h>

#include "../core/util.h"

#ifndef RAPPORT_MHD_SONAME
#define RAPPORT_MHD_SONAME "libmicrohttpd.so.12"
#endif

struct mhd_api mhd;

/* One function of the library into its field (the way dlsym(3) shows to
 * take a function's address); the name missing when it is not there. */
static const char *load(void *lib, void **field, const char *name)
{
	*field = dlsym(lib, name);
	return *field ? NULL : name;
}

bool mhd_open(char **err)
{
	static void *lib;
	const char *missing = NULL;

	if (lib)
		return true;
	lib = dlopen(RAPPORT_MHD_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		*err = xasprintf("cannot load GNU libmicrohttpd: %s",
				 dlerror());
		return false;
	}
#define LOAD(field)                                                            \
	if (!missing)                                                          \
	missing = load(lib, (void **)&mhd.field, "MHD_" #field)
	LOAD(start_daemon);
	LOAD(stop_daemon);
	LOAD(get_daemon_info);
	LOAD(get_connection_info);
	LOAD(lookup_connection_value);
	LOAD(create_response_from_buffer);
	LOAD(create_response_from_callback);
	LOAD(add_response_header);
	LOAD(queue_response);
	LOAD(destroy_response);
	LOAD(suspend_connection);
	LOAD(resume_connection);
#undef LOAD
	if (missing) {
		*err = xasprintf("GNU libmicrohttpd (%s) has no %s",
				 RAPPORT_MHD_SONAME, missing);
		dlclose(lib);
		lib = NULL;
		return false;
	}
	return true;
}
