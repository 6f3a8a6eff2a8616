/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The IKE sockets: UDP 500 and 4500 (RFC 3948), IPv4 and IPv6, each
 * reporting the local address a datagram came to (so the reply leaves
 * from it, and policies can match on it).  On 4500 IKE messages carry
 * the four-octet non-ESP marker, which this layer strips and adds; ESP
 * on 4500 never reaches it once vgate.ko holds the socket.
 */
#ifndef VGATE_IKE_NET_H
#define VGATE_IKE_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include <event2/event.h>

struct ike_net;

/* A datagram for the engine, marker already stripped when NATT. */
typedef void (*ike_net_rx_fn)(void *ctx, const uint8_t *data, size_t len,
			      const struct sockaddr_storage *local,
			      const struct sockaddr_storage *peer, bool natt);

/*
 * Binds PORT and NATT_PORT on every address family the host has.
 * NULL with the reason in ERROR.
 */
struct ike_net *ike_net_open(struct event_base *base, uint16_t port,
			     uint16_t natt_port, ike_net_rx_fn rx, void *ctx,
			     char *error, size_t error_len);
void ike_net_close(struct ike_net *net);

/* Sends from LOCAL's address to PEER, on 4500 with the marker if NATT. */
int ike_net_send(struct ike_net *net, const struct sockaddr_storage *local,
		 const struct sockaddr_storage *peer, bool natt,
		 const uint8_t *data, size_t len);

/* A NAT keepalive (one 0xff octet, RFC 3948 §2.3) from LOCAL on 4500. */
int ike_net_send_keepalive(struct ike_net *net,
			   const struct sockaddr_storage *local,
			   const struct sockaddr_storage *peer);

/* The NAT-T socket of FAMILY, for vgate.ko's UDP encapsulation; -1. */
int ike_net_natt_fd(const struct ike_net *net, int family);

/* The port NATT messages leave from. */
uint16_t ike_net_natt_port(const struct ike_net *net);

#endif
