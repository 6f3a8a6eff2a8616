/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The vgatectl side of the control protocol (see ctl/protocol.h). */
#ifndef VGATE_CTL_CLIENT_H
#define VGATE_CTL_CLIENT_H

#include <stddef.h>

#include <json-c/json.h>

/*
 * Sends COMMAND, with ARGS when not NULL (taken over), to the vgated
 * listening on SOCKET_PATH and waits (boundedly) for its reply.  Returns
 * the reply object ({"ok":...}), or NULL with the reason in ERROR.
 */
json_object *ctl_client_call(const char *socket_path, const char *command,
			     json_object *args, char *error,
			     size_t error_size);

#endif
