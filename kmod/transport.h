/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vgate: getting ESP packets on and off the wire: UDP encapsulation
 * (RFC 3948) through a socket userspace hands over, and raw ESP (IP
 * protocol 50) next to the kernel's own IPsec.
 *
 * Copyright (C) 2026 The vgate authors
 */
#ifndef _VGATE_TRANSPORT_H_
#define _VGATE_TRANSPORT_H_

#include <linux/atomic.h>
#include <linux/in6.h>
#include <linux/kref.h>
#include <linux/netlink.h>
#include <linux/skbuff.h>
#include <linux/types.h>
#include <net/dst_cache.h>

struct socket;

/**
 * struct vgate_endpoint - the outer addresses of an SA
 * @family: AF_INET or AF_INET6
 * @local: local address (v4 in @local.v4)
 * @peer: peer address
 * @local_port: local UDP port, network order (0 for raw ESP)
 * @peer_port: peer UDP port, network order (0 for raw ESP)
 */
struct vgate_endpoint {
	u16 family;
	union {
		__be32 v4;
		struct in6_addr v6;
	} local, peer;
	__be16 local_port;
	__be16 peer_port;
};

/**
 * struct vgate_udp_sock - a UDP socket vgate receives ESP on and sends
 *	ESP through; shared by every SA that names it
 * @sock: the socket; the module holds a reference to its file
 * @refcount: one per SA using it (vgate_udp_sock_get() not yet put); the
 *	last put detaches vgate from the socket (see udp.c)
 * @rcu: frees the wrapper after a grace period
 * @keepalives: NAT keepalives (RFC 3948 2.3) received and consumed
 */
struct vgate_udp_sock {
	struct socket *sock;
	struct kref refcount;
	struct rcu_head rcu;
	atomic64_t keepalives;
};

struct vgate_udp_sock *vgate_udp_sock_get(struct net *net, int fd,
					  struct netlink_ext_ack *extack);
void vgate_udp_sock_put(struct vgate_udp_sock *us);

int vgate_transport_xmit(struct net *net, struct vgate_udp_sock *us,
			 const struct vgate_endpoint *ep,
			 struct dst_cache *cache, struct sk_buff *skb, u8 dsfield);

int vgate_rawesp_register(void);
void vgate_rawesp_unregister(void);

/**
 * vgate_esp_rcv - entry of every received ESP packet (provided by rx.c)
 * @net: netns it arrived in
 * @skb: skb->data at the ESP header; the outer IP header is in place
 *	(skb_network_header()), and for ESP-in-UDP skb_transport_header()
 *	is still the UDP header
 * @us: the UDP socket it came through, NULL for raw ESP
 *
 * Context: softirq, rcu_read_lock() held.
 * Return: 0 if vgate consumed the skb (delivered or dropped), -ENOENT if
 * the SPI is not one of vgate's (raw ESP: the skb is untouched and goes to
 * the kernel's own IPsec).
 */
int vgate_esp_rcv(struct net *net, struct sk_buff *skb,
		  struct vgate_udp_sock *us);

#endif /* _VGATE_TRANSPORT_H_ */
