// SPDX-License-Identifier: GPL-2.0
/*
 * vgate: raw ESP (IP protocol 50) next to the kernel's own IPsec.
 *
 * Copyright (C) 2026 The vgate authors
 *
 * The xfrm4/xfrm6 protocol multiplexers own IPPROTO_ESP and try their
 * handlers in descending priority until one does not answer -EINVAL:
 * ip_vti and ip6_vti register at 100, xfrm interfaces at 10, esp4/esp6
 * at 0.  vgate registers above all of them, keeps the packets whose SPI
 * is one of its inbound SAs and passes every other one on untouched, so
 * xfrm SAs (strongSwan, vti, xfrmi) on the same host keep working.
 *
 * ICMP errors about ESP vgate sent: outer IPv4 packets leave without DF,
 * so a Fragmentation Needed cannot be about them and is passed on.  An
 * ICMPv6 Packet Too Big is applied to the route towards the outer
 * destination (ip6_update_pmtu(), whatever the SPI: the route exception
 * it creates is the outer path's, which is correct for an xfrm SA to the
 * same peer too) and then also passed on, for xfrm's own handler.
 * Redirects are left to the kernel's handlers.
 */

#include <linux/icmpv6.h>
#include <linux/skbuff.h>
#include <net/ip6_route.h>
#include <net/protocol.h>
#include <net/xfrm.h>

#include "transport.h"

/* above ip_vti/ip6_vti (100), xfrm interfaces (10) and esp4/esp6 (0) */
#define VGATE_RAWESP_PRIORITY	200

/* skb->data at the ESP header, rcu_read_lock() held (protocol delivery) */
static int vgate_rawesp_rcv(struct sk_buff *skb)
{
	if (vgate_esp_rcv(dev_net(skb->dev), skb, NULL) == -ENOENT)
		return -EINVAL;	/* not vgate's: next handler */
	return 0;
}

/* xfrm_input() of UDP-encapsulated xfrm states: never vgate's */
static int vgate_rawesp_input(struct sk_buff *skb, int nexthdr, __be32 spi,
			      int encap_type)
{
	return -EINVAL;
}

/* after xfrm_input(), which vgate never feeds: let the next one see it */
static int vgate_rawesp_cb(struct sk_buff *skb, int err)
{
	return 1;
}

static int vgate_rawesp4_err(struct sk_buff *skb, u32 info)
{
	return -ENOENT;
}

static struct xfrm4_protocol vgate_rawesp4 __read_mostly = {
	.handler = vgate_rawesp_rcv,
	.input_handler = vgate_rawesp_input,
	.cb_handler = vgate_rawesp_cb,
	.err_handler = vgate_rawesp4_err,
	.priority = VGATE_RAWESP_PRIORITY,
};

#if IS_ENABLED(CONFIG_IPV6)
static int vgate_rawesp6_err(struct sk_buff *skb, struct inet6_skb_parm *opt,
			     u8 type, u8 code, int offset, __be32 info)
{
	struct net *net = dev_net(skb->dev);

	if (type == ICMPV6_PKT_TOOBIG)
		ip6_update_pmtu(skb, net, info, 0, 0, sock_net_uid(net, NULL));
	return -ENOENT;
}

static struct xfrm6_protocol vgate_rawesp6 __read_mostly = {
	.handler = vgate_rawesp_rcv,
	.input_handler = vgate_rawesp_input,
	.cb_handler = vgate_rawesp_cb,
	.err_handler = vgate_rawesp6_err,
	.priority = VGATE_RAWESP_PRIORITY,
};
#endif

/**
 * vgate_rawesp_register - start receiving raw ESP
 *
 * Call once the per-netns SA tables exist (vgate_esp_rcv() may run from
 * here on, in any netns).
 *
 * Context: process context, module init.
 * Return: 0 or a negative errno (-EEXIST: another handler holds vgate's
 * priority).
 */
int vgate_rawesp_register(void)
{
	int err;

	err = xfrm4_protocol_register(&vgate_rawesp4, IPPROTO_ESP);
	if (err) {
		pr_err("vgate: cannot register the IPv4 ESP handler: %d\n", err);
		return err;
	}
#if IS_ENABLED(CONFIG_IPV6)
	err = xfrm6_protocol_register(&vgate_rawesp6, IPPROTO_ESP);
	if (err) {
		pr_err("vgate: cannot register the IPv6 ESP handler: %d\n", err);
		xfrm4_protocol_deregister(&vgate_rawesp4, IPPROTO_ESP);
		return err;
	}
#endif
	return 0;
}

/**
 * vgate_rawesp_unregister - stop receiving raw ESP
 *
 * Returns once no handler call is running any more (the deregistration
 * waits for an RCU grace period); asynchronous decryptions started before
 * may still complete.
 *
 * Context: process context, module exit.
 */
void vgate_rawesp_unregister(void)
{
#if IS_ENABLED(CONFIG_IPV6)
	xfrm6_protocol_deregister(&vgate_rawesp6, IPPROTO_ESP);
#endif
	xfrm4_protocol_deregister(&vgate_rawesp4, IPPROTO_ESP);
}
