// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/listener.h>

#include "common/log.h"
#include "common/xalloc.h"
#include "ctl/instance_lock.h"
#include "ctl/protocol.h"
#include "ctl/server.h"

/* Beyond this many clients at once, new ones are turned away. */
#define CTL_MAX_CLIENTS 32

struct ctl_client {
	struct ctl_server *server;
	struct bufferevent *bev;
	bool closing;		/* reply queued, close once it is sent */
	struct ctl_client *prev, *next;
};

struct ctl_server {
	struct evconnlistener *listener;
	struct instance_lock lock;
	char *path;
	const struct ctl_daemon_info *info;
	struct ctl_client *clients;
	unsigned int client_count;
};

static void client_free(struct ctl_client *client)
{
	struct ctl_server *server = client->server;

	if (client->prev)
		client->prev->next = client->next;
	else
		server->clients = client->next;
	if (client->next)
		client->next->prev = client->prev;
	server->client_count--;
	bufferevent_free(client->bev);
	free(client);
}

static void client_send(struct ctl_client *client, char *reply)
{
	bufferevent_write(client->bev, reply, strlen(reply));
	free(reply);
}

static void client_read(struct bufferevent *bev, void *arg)
{
	struct ctl_client *client = arg;
	struct evbuffer *in = bufferevent_get_input(bev);
	struct evbuffer_ptr eol;
	size_t len;
	char *line;

	while (!client->closing) {
		eol = evbuffer_search_eol(in, NULL, NULL, EVBUFFER_EOL_LF);
		if (eol.pos < 0) {
			if (evbuffer_get_length(in) <= CTL_MAX_REQUEST_BYTES)
				return;
			/* No newline within the limit: answer and hang up. */
			log_info("control: dropping a client whose request exceeds %d bytes",
				 CTL_MAX_REQUEST_BYTES);
			client_send(client, ctl_reply_error("request too long"));
			client->closing = true;
			bufferevent_disable(bev, EV_READ);
			return;
		}
		len = (size_t)eol.pos;
		line = (char *)evbuffer_pullup(in, (ssize_t)len + 1);
		client_send(client, ctl_handle_request(client->server->info,
						       line, len));
		evbuffer_drain(in, len + 1);
	}
}

static void client_written(struct bufferevent *bev, void *arg)
{
	struct ctl_client *client = arg;

	(void)bev;
	if (client->closing)
		client_free(client);
}

static void client_event(struct bufferevent *bev, short what, void *arg)
{
	struct ctl_client *client = arg;

	if (what & BEV_EVENT_TIMEOUT)
		log_info("control: dropping an idle client");
	else if ((what & BEV_EVENT_EOF) &&
		 evbuffer_get_length(bufferevent_get_output(bev))) {
		/* Half-closed: still deliver the replies already queued. */
		client->closing = true;
		return;
	}
	client_free(client);
}

static void client_accept(struct evconnlistener *listener, evutil_socket_t fd,
			  struct sockaddr *addr, int addrlen, void *arg)
{
	struct ctl_server *server = arg;
	struct timeval timeout = { .tv_sec = CTL_CLIENT_TIMEOUT_SECONDS };
	struct ctl_client *client;

	(void)addr;
	(void)addrlen;
	if (server->client_count >= CTL_MAX_CLIENTS) {
		log_warning("control: %d clients connected, turning one away",
			    CTL_MAX_CLIENTS);
		close(fd);
		return;
	}
	client = xcalloc(1, sizeof(*client));
	client->server = server;
	client->bev = bufferevent_socket_new(evconnlistener_get_base(listener),
					     fd, BEV_OPT_CLOSE_ON_FREE);
	if (!client->bev) {
		log_error("control: cannot set up a client connection");
		close(fd);
		free(client);
		return;
	}
	client->next = server->clients;
	if (server->clients)
		server->clients->prev = client;
	server->clients = client;
	server->client_count++;

	/* Reading pauses past the request limit, so memory stays bounded. */
	bufferevent_setwatermark(client->bev, EV_READ, 0,
				 CTL_MAX_REQUEST_BYTES + 1);
	bufferevent_set_timeouts(client->bev, &timeout, &timeout);
	bufferevent_setcb(client->bev, client_read, client_written,
			  client_event, client);
	bufferevent_enable(client->bev, EV_READ | EV_WRITE);
}

static int make_parent_dirs(const char *path, char *error, size_t error_size)
{
	char *dir = xstrdup(path);

	for (char *p = strchr(dir + 1, '/'); p; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (mkdir(dir, 0750) < 0 && errno != EEXIST) {
			snprintf(error, error_size, "cannot create %s: %s", dir,
				 strerror(errno));
			free(dir);
			return -1;
		}
		*p = '/';
	}
	free(dir);
	return 0;
}

/*
 * With the instance lock held: refuse when something answers on PATH,
 * remove PATH when it is a socket nobody listens on any more.
 */
static int clear_stale_socket(const struct sockaddr_un *addr, char *error,
			      size_t error_size)
{
	struct ucred peer;
	socklen_t peer_len = sizeof(peer);
	struct stat st;
	int fd, ret = 0;

	if (lstat(addr->sun_path, &st) < 0)
		return 0;
	if (!S_ISSOCK(st.st_mode)) {
		snprintf(error, error_size, "%s exists and is not a socket",
			 addr->sun_path);
		return -1;
	}
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		snprintf(error, error_size, "socket: %s", strerror(errno));
		return -1;
	}
	if (connect(fd, (const struct sockaddr *)addr, sizeof(*addr)) == 0) {
		if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &peer_len) == 0)
			snprintf(error, error_size,
				 "another vgated is running on %s (pid %d)",
				 addr->sun_path, (int)peer.pid);
		else
			snprintf(error, error_size,
				 "another vgated is running on %s", addr->sun_path);
		ret = -1;
	} else if (errno == ECONNREFUSED) {
		log_notice("removing stale control socket %s", addr->sun_path);
		if (unlink(addr->sun_path) < 0 && errno != ENOENT) {
			snprintf(error, error_size, "cannot remove %s: %s",
				 addr->sun_path, strerror(errno));
			ret = -1;
		}
	} else {
		snprintf(error, error_size, "cannot probe %s: %s",
			 addr->sun_path, strerror(errno));
		ret = -1;
	}
	close(fd);
	return ret;
}

static int listen_on(const struct sockaddr_un *addr, char *error,
		     size_t error_size)
{
	mode_t old_umask;
	int fd, ret;

	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0) {
		snprintf(error, error_size, "socket: %s", strerror(errno));
		return -1;
	}
	/* Created 0600 from the start: no window where others may connect. */
	old_umask = umask(0177);
	ret = bind(fd, (const struct sockaddr *)addr, sizeof(*addr));
	umask(old_umask);
	if (ret < 0 || listen(fd, 16) < 0) {
		snprintf(error, error_size, "cannot listen on %s: %s",
			 addr->sun_path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

struct ctl_server *ctl_server_open(struct event_base *base, const char *path,
				   const struct ctl_daemon_info *info,
				   char *error, size_t error_size)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	struct ctl_server *server;
	int fd;

	if (strlen(path) >= sizeof(addr.sun_path)) {
		snprintf(error, error_size, "control socket path %s is too long",
			 path);
		return NULL;
	}
	strcpy(addr.sun_path, path);
	if (make_parent_dirs(path, error, error_size) < 0)
		return NULL;

	server = xcalloc(1, sizeof(*server));
	server->info = info;
	if (instance_lock_acquire(&server->lock, path, error, error_size) < 0) {
		free(server);
		return NULL;
	}
	if (clear_stale_socket(&addr, error, error_size) < 0)
		goto err_lock;
	fd = listen_on(&addr, error, error_size);
	if (fd < 0)
		goto err_lock;
	server->listener = evconnlistener_new(base, client_accept, server,
					      LEV_OPT_CLOSE_ON_FREE |
					      LEV_OPT_CLOSE_ON_EXEC, 0, fd);
	if (!server->listener) {
		snprintf(error, error_size, "cannot watch %s", path);
		close(fd);
		unlink(path);
		goto err_lock;
	}
	server->path = xstrdup(path);
	return server;

err_lock:
	instance_lock_release(&server->lock);
	free(server);
	return NULL;
}

void ctl_server_close(struct ctl_server *server)
{
	while (server->clients)
		client_free(server->clients);
	evconnlistener_free(server->listener);
	unlink(server->path);
	instance_lock_release(&server->lock);
	free(server->path);
	free(server);
}
