/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The control socket: a Unix stream socket (mode 0600) served from the
 * daemon's event loop.  Each client sends request lines and gets one
 * reply line for each; requests are bounded in size and idle clients are
 * dropped, so no client can hold the daemon up.
 */
#ifndef VGATE_CTL_SERVER_H
#define VGATE_CTL_SERVER_H

#include <stddef.h>

#include <event2/event.h>

#include "ctl/commands.h"

struct ctl_server;

/*
 * Takes the instance lock, replaces a stale socket left by a dead daemon,
 * and listens on PATH (creating its directory).  Returns NULL with the
 * reason in ERROR, e.g. when another vgated answers on PATH.
 */
struct ctl_server *ctl_server_open(struct event_base *base, const char *path,
				   const struct ctl_daemon_info *info,
				   char *error, size_t error_size);

/* Drops every client, removes the socket and the lock. */
void ctl_server_close(struct ctl_server *server);

#endif
