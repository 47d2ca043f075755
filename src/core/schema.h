/* SPDX-License-Identifier: GPL-3.0-or-later */
/* schema.h - the RelaxNG schema, built into the program from content/schema. */
#ifndef RAPPORT_SCHEMA_H
#define RAPPORT_SCHEMA_H

#include <stddef.h>

extern const unsigned char rapport_schema_rng[]; /* the bytes of rapport.rng */
extern const size_t rapport_schema_rng_len;	 /* how many */

#endif
