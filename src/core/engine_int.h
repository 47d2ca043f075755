/* SPDX-License-Identifier: GPL-3.0-or-later */
/* engine_int.h - what the engine's parts share (engine.c, engine_restore.c,
 * engine_result.c) and nothing outside them uses. */
#ifndef RAPPORT_ENGINE_INT_H
#define RAPPORT_ENGINE_INT_H

#include "engine.h"

/* Fills q, the question an exercise's scenario is asked as. */
void engine_question_from_scenario(struct question *q,
				   const struct scenario *s);

#endif
