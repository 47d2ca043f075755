/* SPDX-License-Identifier: GPL-3.0-or-later */
/* term.h - what rapport knows about the terminal: its size, whether it
 * takes escape sequences, the styles it is sent, the pager. With input.h
 * (line input), the only place that asks the terminal anything. */
#ifndef RAPPORT_TERM_H
#define RAPPORT_TERM_H

#include <stdbool.h>
#include <stdio.h>

#include "../core/render.h" /* enum style */

/* Columns and rows of the terminal on fd, or 0 when fd is not one or does
 * not say. */
unsigned term_columns(int fd);
unsigned term_rows(int fd);

/* Columns to wrap reading text to: standard output's terminal (at most
 * 100), else $COLUMNS (20 to 1000), else 80, so that scripted output does
 * not depend on where it runs. */
unsigned term_reading_width(void);

/* Whether fd is a terminal that takes escape sequences: TERM set and not
 * "dumb". */
bool term_takes_escapes(int fd);

/* The escape sequence that starts style s, and the one that ends any;
 * with TERM_CLEAR, the only escape sequences rapport prints. */
const char *term_style_on(enum style s);
#define TERM_STYLE_OFF "\033[0m"
#define TERM_CLEAR     "\033[H\033[2J"

/* Writes text to standard output, through $PAGER (less by default, as git
 * does) when it is longer than the terminal is high. */
void term_page(const char *text);

#endif
