// SPDX-License-Identifier: GPL-2.0
/*
 * vgate: notifications on the "events" multicast group.
 *
 * Copyright (C) 2026 The vgate authors
 *
 * Built only when someone listens in the netns concerned.  A message that
 * cannot be allocated is lost: listeners that must not miss one also read
 * the state back (ACCESS_GET, SA_GET).
 */

#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <linux/vgate.h>
#include <net/genetlink.h>

#include "access.h"
#include "netlink.h"
#include "notify.h"
#include "sa.h"

static struct sk_buff *vgate_notify_new(struct net *net, u8 cmd, gfp_t gfp,
					void **hdr)
{
	struct sk_buff *msg;

	if (!genl_has_listeners(&vgate_nl_family, net, 0))
		return NULL;
	msg = genlmsg_new(NLMSG_GOODSIZE, gfp);
	if (!msg)
		return NULL;
	*hdr = genlmsg_put(msg, 0, 0, &vgate_nl_family, 0, cmd);
	if (!*hdr) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/**
 * vgate_notify_access_del - send ACCESS_DEL_NTF
 * @acc: the access device being deleted
 * @reason: enum vgate_del_reason
 *
 * Context: RTNL held (ndo_uninit).  The unregister path may run it
 * inside an RCU read-side section, so nothing here may sleep: a
 * congested listener must not make netlink_broadcast() yield.
 */
void vgate_notify_access_del(struct vgate_access *acc, u32 reason)
{
	struct net *net = dev_net(acc->dev);
	struct sk_buff *msg;
	void *hdr;

	msg = vgate_notify_new(net, VGATE_CMD_ACCESS_DEL_NTF, GFP_ATOMIC, &hdr);
	if (!msg)
		return;
	if (vgate_nl_access_put(msg, acc, reason)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	vgate_nl_multicast(net, msg, GFP_ATOMIC);
}

/**
 * vgate_notify_sa_expire - send SA_EXPIRE_NTF
 * @sa: the SA, held by the caller
 * @hard: the hard limit was reached (the SA is being deleted)
 * @limit: enum vgate_expire_limit
 * @gfp: allocation context
 *
 * Context: any.
 */
void vgate_notify_sa_expire(struct vgate_sa *sa, bool hard, u32 limit,
			    gfp_t gfp)
{
	struct net *net = dev_net(sa->access->dev);
	struct sk_buff *msg;
	void *hdr;

	msg = vgate_notify_new(net, VGATE_CMD_SA_EXPIRE_NTF, gfp, &hdr);
	if (!msg)
		return;
	if (vgate_nl_sa_put(msg, sa, limit, hard)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	vgate_nl_multicast(net, msg, gfp);
}

/**
 * vgate_notify_unknown_spi - send UNKNOWN_SPI_NTF (the caller rate-limits)
 * @net: the netns the packet arrived in
 * @skb: the packet, outer IP header in place, at the ESP header
 * @spi: its SPI, host order
 * @us: the UDP socket it came through (its UDP header is the transport
 *	header), NULL for raw ESP
 *
 * Context: softirq.
 */
void vgate_notify_unknown_spi(struct net *net, struct sk_buff *skb, u32 spi,
			      struct vgate_udp_sock *us)
{
	const struct iphdr *iph = ip_hdr(skb);
	struct nlattr *nest;
	struct sk_buff *msg;
	int err;
	void *hdr;

	msg = vgate_notify_new(net, VGATE_CMD_UNKNOWN_SPI_NTF, GFP_ATOMIC,
			       &hdr);
	if (!msg)
		return;
	nest = nla_nest_start(msg, VGATE_A_NET);
	if (!nest)
		goto err_free;
	err = nla_put_u32(msg, VGATE_A_NET_SPI, spi);
	if (!err && iph->version == 4)
		err = nla_put_in_addr(msg, VGATE_A_NET_PEER_ADDR, iph->saddr);
	else if (!err)
		err = nla_put_in6_addr(msg, VGATE_A_NET_PEER_ADDR,
				       &ipv6_hdr(skb)->saddr);
	if (!err && us)
		err = nla_put_u16(msg, VGATE_A_NET_PEER_PORT,
				  ntohs(udp_hdr(skb)->source));
	if (err)
		goto err_free;
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	vgate_nl_multicast(net, msg, GFP_ATOMIC);
	return;

err_free:
	nlmsg_free(msg);
}
