/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mhd.h - GNU libmicrohttpd, opened (dlopen) when a meeting goes live and
 * not before: linked in, it and the GnuTLS under it are loaded and set up
 * at every start of rapport, a few milliseconds each time for a server
 * most runs never start. Include this instead of <microhttpd.h>: the
 * MHD_ calls the server makes go through the table below, under their
 * own names. */
#ifndef RAPPORT_MHD_H
#define RAPPORT_MHD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

#include <microhttpd.h>

struct mhd_api {
	__typeof__(MHD_start_daemon) *start_daemon;
	__typeof__(MHD_stop_daemon) *stop_daemon;
	__typeof__(MHD_get_daemon_info) *get_daemon_info;
	__typeof__(MHD_get_connection_info) *get_connection_info;
	__typeof__(MHD_lookup_connection_value) *lookup_connection_value;
	__typeof__(MHD_create_response_from_buffer)
		*create_response_from_buffer;
	__typeof__(MHD_create_response_from_callback)
		*create_response_from_callback;
	__typeof__(MHD_add_response_header) *add_response_header;
	__typeof__(MHD_queue_response) *queue_response;
	__typeof__(MHD_destroy_response) *destroy_response;
	__typeof__(MHD_suspend_connection) *suspend_connection;
	__typeof__(MHD_resume_connection) *resume_connection;
};

extern struct mhd_api mhd;

/* Opens the library and fills mhd, the first time; false with *err (the
 * caller's to free) when it cannot. */
bool mhd_open(char **err);

#define MHD_start_daemon		  mhd.start_daemon
#define MHD_stop_daemon			  mhd.stop_daemon
#define MHD_get_daemon_info		  mhd.get_daemon_info
#define MHD_get_connection_info		  mhd.get_connection_info
#define MHD_lookup_connection_value	  mhd.lookup_connection_value
#define MHD_create_response_from_buffer	  mhd.create_response_from_buffer
#define MHD_create_response_from_callback mhd.create_response_from_callback
#define MHD_add_response_header		  mhd.add_response_header
#define MHD_queue_response		  mhd.queue_response
#define MHD_destroy_response		  mhd.destroy_response
#define MHD_suspend_connection		  mhd.suspend_connection
#define MHD_resume_connection		  mhd.resume_connection

#endif
