/* SPDX-License-Identifier: GPL-3.0-or-later */
/* shell.h - the interactive shell: one loop for a person and a script. */
#ifndef RAPPORT_SHELL_H
#define RAPPORT_SHELL_H

#include "../cmd/cmd.h"

/* Runs commands from app->input until quit or end of input. On a terminal
 * it greets, prompts, keeps history and completes; in a script it reads
 * one command a line ('#' starts a comment). Returns the exit status: 0,
 * or the worst status of the commands a script ran. */
int shell_run(struct app *app);

/* Where the command history lives: $XDG_STATE_HOME/rapport/history (or
 * ~/.local/state/...), its folder made 0700. NULL when there is no home.
 * Caller frees. */
char *shell_history_path(void);

/* Completion for the input layer: data is the struct app. */
char **shell_complete(void *data, const char *line, const char *word);

#endif
