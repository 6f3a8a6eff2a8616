/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The commands vgated answers on its control socket. */
#ifndef VGATE_CTL_COMMANDS_H
#define VGATE_CTL_COMMANDS_H

#include <stddef.h>
#include <time.h>

/* What the commands report about the running daemon. */
struct ctl_daemon_info {
	const char *config_path;
	time_t started;			/* wall clock, for display */
	struct timespec started_mono;	/* CLOCK_MONOTONIC, for uptime */
};

/*
 * Answers one request line (newline excluded): decode, run, encode.
 * Returns the newline-terminated reply (malloc'ed).
 */
char *ctl_handle_request(const struct ctl_daemon_info *info, const char *line,
			 size_t len);

#endif
