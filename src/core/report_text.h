/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report_text.h - the team report as text for a terminal or a file. */
#ifndef RAPPORT_REPORT_TEXT_H
#define RAPPORT_REPORT_TEXT_H

#include "render.h"
#include "report.h"

/* The report r as text wrapped and styled by o; scope says whom it covers
 * ("everyone", "ana since 2026-11-02"). Caller frees. */
char *report_text(const struct report *r, const struct render_opts *o,
		  const char *scope);

#endif
