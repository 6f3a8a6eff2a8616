// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "common/log.h"
#include "common/xalloc.h"
#include "ike/net.h"

#define NON_ESP_MARKER_LEN 4
#define RX_BUFFER 65536

struct ike_socket {
	struct ike_net *net;
	int fd;
	int family;
	bool natt;
	uint16_t port;			/* bound: the local port of each datagram */
	struct event *ev;
};

/* [0] v4/500, [1] v4/4500, [2] v6/500, [3] v6/4500; fd -1 if absent */
struct ike_net {
	struct ike_socket socks[4];
	uint16_t natt_port;
	ike_net_rx_fn rx;
	void *ctx;
	uint8_t buf[RX_BUFFER];
};

static struct ike_socket *socket_for(struct ike_net *net, int family,
				     bool natt)
{
	return &net->socks[(family == AF_INET6 ? 2 : 0) + (natt ? 1 : 0)];
}

/* The local address from IP_PKTINFO / IPV6_PKTINFO, port from the socket. */
static void local_from_cmsg(struct msghdr *mh, int family, uint16_t port,
			    struct sockaddr_storage *local)
{
	memset(local, 0, sizeof(*local));
	for (struct cmsghdr *c = CMSG_FIRSTHDR(mh); c; c = CMSG_NXTHDR(mh, c)) {
		if (family == AF_INET && c->cmsg_level == IPPROTO_IP &&
		    c->cmsg_type == IP_PKTINFO) {
			struct sockaddr_in *sin = (struct sockaddr_in *)local;
			struct in_pktinfo pi;

			memcpy(&pi, CMSG_DATA(c), sizeof(pi));
			sin->sin_family = AF_INET;
			sin->sin_addr = pi.ipi_addr;
			sin->sin_port = htons(port);
		} else if (family == AF_INET6 && c->cmsg_level == IPPROTO_IPV6 &&
			   c->cmsg_type == IPV6_PKTINFO) {
			struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)local;
			struct in6_pktinfo pi;

			memcpy(&pi, CMSG_DATA(c), sizeof(pi));
			sin6->sin6_family = AF_INET6;
			sin6->sin6_addr = pi.ipi6_addr;
			sin6->sin6_port = htons(port);
			sin6->sin6_scope_id = pi.ipi6_ifindex;
		}
	}
}

static void on_readable(evutil_socket_t fd, short what, void *arg)
{
	struct ike_socket *s = arg;
	struct ike_net *net = s->net;
	struct sockaddr_storage peer, local;
	char control[256];
	struct iovec iov = { net->buf, sizeof(net->buf) };
	struct msghdr mh = {
		.msg_name = &peer, .msg_namelen = sizeof(peer),
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = control, .msg_controllen = sizeof(control),
	};
	static const uint8_t marker[NON_ESP_MARKER_LEN];
	const uint8_t *data = net->buf;
	ssize_t n;

	(void)what;
	/* a bounded batch, so one busy socket cannot starve the loop */
	for (int i = 0; i < 64; i++) {
		mh.msg_namelen = sizeof(peer);
		mh.msg_controllen = sizeof(control);
		n = recvmsg(fd, &mh, MSG_DONTWAIT);
		if (n < 0)
			return;
		data = net->buf;
		if (s->natt) {
			/* a keepalive, or ESP before vgate.ko took the socket */
			if (n < NON_ESP_MARKER_LEN ||
			    memcmp(data, marker, NON_ESP_MARKER_LEN))
				continue;
			data += NON_ESP_MARKER_LEN;
			n -= NON_ESP_MARKER_LEN;
		}
		local_from_cmsg(&mh, s->family, s->port, &local);
		if (local.ss_family != s->family)
			continue;
		net->rx(net->ctx, data, (size_t)n, &local, &peer, s->natt);
	}
}

/*
 * A burst of handshakes (clients coming back after an outage) arrives
 * faster than one event loop answers; the default receive buffer
 * (about 200 KiB) holds a few hundred messages, this one thousands.
 * SO_RCVBUFFORCE passes net.core.rmem_max with CAP_NET_ADMIN, which
 * vgated has; without it, the plain option takes what the sysctl allows.
 */
#define IKE_SOCKET_RCVBUF (4 * 1024 * 1024)

static void grow_rcvbuf(int fd)
{
	int size = IKE_SOCKET_RCVBUF;

	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)) < 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
}

static int open_socket(struct ike_net *net, struct event_base *base,
		       int family, bool natt, uint16_t port, char *error,
		       size_t error_len)
{
	struct ike_socket *s = socket_for(net, family, natt);
	struct sockaddr_storage ss = { 0 };
	socklen_t sslen;
	int on = 1;

	s->net = net;
	s->family = family;
	s->natt = natt;
	s->port = port;
	s->fd = socket(family, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (s->fd < 0) {
		/* a host without IPv6 still serves IPv4 */
		if (family == AF_INET6 && errno == EAFNOSUPPORT)
			return 0;
		snprintf(error, error_len, "IKE socket: %s", strerror(errno));
		return -1;
	}
	grow_rcvbuf(s->fd);
	if (family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)&ss;

		setsockopt(s->fd, IPPROTO_IP, IP_PKTINFO, &on, sizeof(on));
		sin->sin_family = AF_INET;
		sin->sin_port = htons(port);
		sslen = sizeof(*sin);
	} else {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;

		setsockopt(s->fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof(on));
		setsockopt(s->fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, &on,
			   sizeof(on));
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(port);
		sslen = sizeof(*sin6);
	}
	if (bind(s->fd, (struct sockaddr *)&ss, sslen) < 0) {
		snprintf(error, error_len, "binding UDP port %u (%s): %s", port,
			 family == AF_INET ? "IPv4" : "IPv6", strerror(errno));
		return -1;
	}
	s->ev = event_new(base, s->fd, EV_READ | EV_PERSIST, on_readable, s);
	event_add(s->ev, NULL);
	return 0;
}

struct ike_net *ike_net_open(struct event_base *base, uint16_t port,
			     uint16_t natt_port, ike_net_rx_fn rx, void *ctx,
			     char *error, size_t error_len)
{
	static const int families[] = { AF_INET, AF_INET6 };
	struct ike_net *net = xcalloc(1, sizeof(*net));

	for (int i = 0; i < 4; i++)
		net->socks[i].fd = -1;
	net->rx = rx;
	net->ctx = ctx;
	net->natt_port = natt_port;
	for (int f = 0; f < 2; f++) {
		if (open_socket(net, base, families[f], false, port, error,
				error_len) < 0 ||
		    open_socket(net, base, families[f], true, natt_port, error,
				error_len) < 0) {
			ike_net_close(net);
			return NULL;
		}
	}
	return net;
}

void ike_net_close(struct ike_net *net)
{
	if (!net)
		return;
	for (int i = 0; i < 4; i++) {
		if (net->socks[i].ev)
			event_free(net->socks[i].ev);
		if (net->socks[i].fd >= 0)
			close(net->socks[i].fd);
	}
	free(net);
}

/* DATA after PREFIX (PREFIX_LEN octets) from LOCAL's address to PEER. */
static int send_from(struct ike_socket *s, const struct sockaddr_storage *local,
		     const struct sockaddr_storage *peer, const uint8_t *prefix,
		     size_t prefix_len, const uint8_t *data, size_t len)
{
	struct iovec iov[2] = {
		{ (void *)prefix, prefix_len },
		{ (void *)data, len },
	};
	char control[CMSG_SPACE(sizeof(struct in6_pktinfo))] = { 0 };
	struct msghdr mh = {
		.msg_name = (void *)peer,
		.msg_namelen = peer->ss_family == AF_INET6 ?
			sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in),
		.msg_iov = iov, .msg_iovlen = 2,
		.msg_control = control,
	};
	struct cmsghdr *c;

	if (s->fd < 0)
		return -1;
	c = (struct cmsghdr *)control;
	if (peer->ss_family == AF_INET) {
		struct in_pktinfo pi = {
			.ipi_spec_dst = ((const struct sockaddr_in *)local)->sin_addr,
		};

		mh.msg_controllen = CMSG_SPACE(sizeof(pi));
		c->cmsg_level = IPPROTO_IP;
		c->cmsg_type = IP_PKTINFO;
		c->cmsg_len = CMSG_LEN(sizeof(pi));
		memcpy(CMSG_DATA(c), &pi, sizeof(pi));
	} else {
		struct in6_pktinfo pi = {
			.ipi6_addr = ((const struct sockaddr_in6 *)local)->sin6_addr,
		};

		mh.msg_controllen = CMSG_SPACE(sizeof(pi));
		c->cmsg_level = IPPROTO_IPV6;
		c->cmsg_type = IPV6_PKTINFO;
		c->cmsg_len = CMSG_LEN(sizeof(pi));
		memcpy(CMSG_DATA(c), &pi, sizeof(pi));
	}
	if (sendmsg(s->fd, &mh, 0) < 0) {
		log_info("IKE send: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int ike_net_send(struct ike_net *net, const struct sockaddr_storage *local,
		 const struct sockaddr_storage *peer, bool natt,
		 const uint8_t *data, size_t len)
{
	static const uint8_t marker[NON_ESP_MARKER_LEN];

	return send_from(socket_for(net, peer->ss_family, natt), local, peer,
			 marker, natt ? NON_ESP_MARKER_LEN : 0, data, len);
}

int ike_net_send_keepalive(struct ike_net *net,
			   const struct sockaddr_storage *local,
			   const struct sockaddr_storage *peer)
{
	static const uint8_t keepalive = 0xff;

	return send_from(socket_for(net, peer->ss_family, true), local, peer,
			 NULL, 0, &keepalive, 1);
}

int ike_net_natt_fd(const struct ike_net *net, int family)
{
	return net->socks[(family == AF_INET6 ? 2 : 0) + 1].fd;
}

uint16_t ike_net_natt_port(const struct ike_net *net)
{
	return net->natt_port;
}
