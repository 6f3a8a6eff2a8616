// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "common/xalloc.h"
#include "ctl/client.h"
#include "ctl/protocol.h"

/* Replies carry whole tables later on; this only stops a runaway peer. */
#define CTL_MAX_REPLY_BYTES (16 * 1024 * 1024)

static int connect_daemon(const char *socket_path, char *error,
			  size_t error_size)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd;

	if (strlen(socket_path) >= sizeof(addr.sun_path)) {
		snprintf(error, error_size, "control socket path %s is too long",
			 socket_path);
		return -1;
	}
	strcpy(addr.sun_path, socket_path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		snprintf(error, error_size, "socket: %s", strerror(errno));
		return -1;
	}
	if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		snprintf(error, error_size,
			 "cannot connect to vgated on %s: %s (is vgated running?)",
			 socket_path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static int send_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Reads up to the first newline; returns the line (malloc'ed) or NULL. */
static char *read_line(int fd, char *error, size_t error_size)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	size_t len = 0, cap = 4096;
	char *buf = xcalloc(1, cap);

	for (;;) {
		ssize_t n;
		int ready = poll(&pfd, 1, CTL_CLIENT_TIMEOUT_SECONDS * 1000);

		if (ready < 0 && errno == EINTR)
			continue;
		if (ready == 0) {
			snprintf(error, error_size, "vgated did not answer within %d s",
				 CTL_CLIENT_TIMEOUT_SECONDS);
			break;
		}
		if (len + 1 >= cap) {
			if (cap >= CTL_MAX_REPLY_BYTES) {
				snprintf(error, error_size, "reply from vgated is too long");
				break;
			}
			cap *= 2;
			buf = xreallocarray(buf, cap, 1);
		}
		n = ready < 0 ? -1 : read(fd, buf + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			snprintf(error, error_size, "vgated closed the connection%s%s",
				 n < 0 ? ": " : " without a reply",
				 n < 0 ? strerror(errno) : "");
			break;
		}
		len += (size_t)n;
		buf[len] = '\0';
		if (memchr(buf + len - n, '\n', (size_t)n))
			return buf;
	}
	free(buf);
	return NULL;
}

json_object *ctl_client_call(const char *socket_path, const char *command,
			     json_object *args, char *error,
			     size_t error_size)
{
	json_object *request = json_object_new_object();
	json_object *reply = NULL;
	char *line = NULL;
	const char *text;
	int fd;

	json_object_object_add(request, "command", json_object_new_string(command));
	if (args)
		json_object_object_add(request, "args", args);
	fd = connect_daemon(socket_path, error, error_size);
	if (fd < 0)
		goto out;
	text = json_object_to_json_string_ext(request, JSON_C_TO_STRING_PLAIN);
	if (send_all(fd, text, strlen(text)) < 0 || send_all(fd, "\n", 1) < 0) {
		snprintf(error, error_size, "cannot send to vgated: %s",
			 strerror(errno));
		goto out;
	}
	line = read_line(fd, error, error_size);
	if (!line)
		goto out;
	reply = json_tokener_parse(line);
	if (!reply || !json_object_is_type(reply, json_type_object)) {
		snprintf(error, error_size, "vgated sent a malformed reply");
		json_object_put(reply);
		reply = NULL;
	}
out:
	if (fd >= 0)
		close(fd);
	free(line);
	json_object_put(request);
	return reply;
}
