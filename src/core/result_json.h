/* SPDX-License-Identifier: GPL-3.0-or-later */
/* result_json.h - a run's result as JSON (format: docs/json.md). */
#ifndef RAPPORT_RESULT_JSON_H
#define RAPPORT_RESULT_JSON_H

#include <stdbool.h>

#include "engine.h"

/* The result of run r as an indented JSON document ending in a newline;
 * finished says whether every item had its turn. Caller frees. */
char *result_to_json(const struct run *r, const struct result *res,
		     const char *user, bool finished);

#endif
