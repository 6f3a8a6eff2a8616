/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The control protocol between vgatectl and vgated, over a Unix stream
 * socket: one JSON object per line each way.
 *
 *   request:  {"command":"status"}
 *   reply:    {"ok":true,"data":{...}}  or  {"ok":false,"error":"..."}
 */
#ifndef VGATE_CTL_PROTOCOL_H
#define VGATE_CTL_PROTOCOL_H

#include <stddef.h>

#include <json-c/json.h>

#define CTL_DEFAULT_SOCKET "/run/vgate/vgated.sock"

/* Longest request line accepted, newline excluded. */
#define CTL_MAX_REQUEST_BYTES 4096

/* Seconds a client may stay idle before the daemon drops it. */
#define CTL_CLIENT_TIMEOUT_SECONDS 5

/*
 * Decodes one request line (without its newline) of LEN bytes.  Returns
 * the command name (owned by *REQUEST, release with json_object_put), or
 * NULL with the reason in ERROR.
 */
const char *ctl_request_decode(const char *line, size_t len,
			       json_object **request, char *error,
			       size_t error_size);

/* Encode a reply as one newline-terminated line (malloc'ed). */
char *ctl_reply_ok(json_object *data);
char *ctl_reply_error(const char *message);

#endif
