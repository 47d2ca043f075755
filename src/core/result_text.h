/* SPDX-License-Identifier: GPL-3.0-or-later */
/* result_text.h - a run's result as text for a terminal or a file. */
#ifndef RAPPORT_RESULT_TEXT_H
#define RAPPORT_RESULT_TEXT_H

#include "engine.h"
#include "render.h"

/* The result res of run, as its kind shows it, wrapped and styled by o.
 * Caller frees. */
char *result_text(const struct run *run, const struct result *res,
		  const struct render_opts *o);

/* "'Partners, not a drop-off point' (read partners)": a lesson to read,
 * made safe for a terminal; nothing for NULL. */
void result_lesson_ref(struct strbuf *sb, const struct lesson *l);

#endif
