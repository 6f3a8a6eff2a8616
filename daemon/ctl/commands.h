/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The commands vgated answers on its control socket. */
#ifndef VGATE_CTL_COMMANDS_H
#define VGATE_CTL_COMMANDS_H

#include <stddef.h>
#include <time.h>

#include <json-c/json.h>

/* A command the daemon adds to the built-in "status". */
struct ctl_command {
	const char *name;
	/* ARGS may be NULL; returns the reply data, or NULL and ERROR */
	json_object *(*run)(void *ctx, json_object *args, char *error,
			    size_t error_len);
};

/* What the commands report about the running daemon. */
struct ctl_daemon_info {
	const char *config_path;
	time_t started;			/* wall clock, for display */
	struct timespec started_mono;	/* CLOCK_MONOTONIC, for uptime */
	const struct ctl_command *commands;	/* may be NULL */
	size_t n_commands;
	void *ctx;			/* passed to their run() */
};

/*
 * Answers one request line (newline excluded): decode, run, encode.
 * Returns the newline-terminated reply (malloc'ed).
 */
char *ctl_handle_request(const struct ctl_daemon_info *info, const char *line,
			 size_t len);

#endif
