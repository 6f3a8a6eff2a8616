// SPDX-License-Identifier: GPL-2.0
/*
 * vgate: transmit path of access devices: inner packet -> ESP -> wire.
 *
 * Copyright (C) 2026 The vgate authors
 *
 * Inline like mainline ovpn: ndo_start_xmit segments GSO packets and hands
 * each one to the ESP transform under the device's active outbound SA;
 * the completion, immediate or asynchronous, puts it on the wire.  Each
 * packet in flight holds a reference to its SA, so an SA replaced by
 * SA_SWAP or deleted meanwhile stays alive until its last packet is out.
 *
 * The outer header gets the inner packet's DSCP, not its ECN bits (RFC
 * 4301 5.1.2.1, the default; outer ECN stays Not-ECT); it is read before
 * encryption and carried to the completion in skb->cb.
 */

#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <net/dsfield.h>
#include <net/dst.h>
#include <net/inet_ecn.h>

#include "access.h"
#include "esp.h"
#include "sa.h"

/**
 * struct vgate_tx_cb - what the encryption's completion needs besides the
 *	SA, kept in skb->cb, which the ESP code leaves alone
 * @dsfield: the inner packet's DSCP (ECN bits clear), for the outer header
 */
struct vgate_tx_cb {
	u8 dsfield;
};

#define VGATE_TX_CB(skb) ((struct vgate_tx_cb *)(skb)->cb)

/* count on the SA and on its device */
static void vgate_tx_count(struct vgate_sa *sa, enum vgate_a_stats i, u64 v)
{
	vgate_stats_add(sa->stats, i, v);
	vgate_stats_add(sa->access->stats, i, v);
}

/* the completion of vgate_esp_encrypt(): owns @skb and the SA reference */
static void vgate_tx_done(struct sk_buff *skb, int err, void *ctx)
{
	struct vgate_sa *sa = ctx;

	if (unlikely(err)) {
		vgate_tx_count(sa, VGATE_A_STATS_TX_ERRORS, 1);
		kfree_skb(skb);
		goto out;
	}
	/* the transport consumes the skb, sent or not */
	err = vgate_transport_xmit(dev_net(sa->access->dev), sa->us, &sa->ep,
				   &sa->dst_cache, skb,
				   VGATE_TX_CB(skb)->dsfield);
	if (unlikely(err)) {
		vgate_tx_count(sa, VGATE_A_STATS_TX_ERRORS, 1);
		net_dbg_ratelimited("%s: SA 0x%08x: transmit failed: %d\n",
				    sa->access->dev->name, sa->spi, err);
	}
out:
	vgate_sa_put(sa);
}

/* the DSCP of an inner packet whose IP header vgate_tx_proto_ok() pulled */
static u8 vgate_tx_dscp(const struct sk_buff *skb)
{
	u8 dsfield;

	if (skb->protocol == htons(ETH_P_IP))
		dsfield = ipv4_get_dsfield(ip_hdr(skb));
	else
		dsfield = ipv6_get_dsfield(ipv6_hdr(skb));
	return dsfield & ~INET_ECN_MASK;
}

/* one (segmented) packet under @sa, which the caller holds */
static void vgate_tx_one(struct vgate_sa *sa, struct sk_buff *skb)
{
	unsigned int len = skb->len;
	u64 seq;

	BUILD_BUG_ON(sizeof(struct vgate_tx_cb) > sizeof(skb->cb));
	VGATE_TX_CB(skb)->dsfield = vgate_tx_dscp(skb);

	if (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb)) {
		vgate_tx_count(sa, VGATE_A_STATS_TX_ERRORS, 1);
		kfree_skb(skb);
		return;
	}
	seq = atomic64_inc_return(&sa->seq);
	if (unlikely(seq > sa->seq_limit)) {
		vgate_sa_expire(sa, true, VGATE_EXPIRE_SEQ, GFP_ATOMIC);
		vgate_tx_count(sa, VGATE_A_STATS_TX_DROPS, 1);
		kfree_skb(skb);
		return;
	}
	/* counted when handed to ESP; failures show up as tx_errors */
	vgate_tx_count(sa, VGATE_A_STATS_TX_PACKETS, 1);
	vgate_tx_count(sa, VGATE_A_STATS_TX_BYTES, len);
	vgate_sa_account(sa, len);

	/* the packet's own reference, dropped by vgate_tx_done() */
	kref_get(&sa->refcount);
	vgate_esp_encrypt(&sa->crypto, skb, htonl(sa->spi), seq, vgate_tx_done,
			  sa);
}

static bool vgate_tx_proto_ok(struct sk_buff *skb)
{
	switch (skb->protocol) {
	case htons(ETH_P_IP):
		return pskb_network_may_pull(skb, sizeof(struct iphdr)) &&
		       ip_hdr(skb)->version == 4;
	case htons(ETH_P_IPV6):
		return pskb_network_may_pull(skb, sizeof(struct ipv6hdr)) &&
		       ipv6_hdr(skb)->version == 6;
	default:
		return false;
	}
}

/**
 * vgate_access_xmit - ndo_start_xmit of access devices
 * @skb: an inner IPv4 or IPv6 packet, possibly GSO
 * @dev: the access device
 *
 * Context: softirq or process context with BH disabled (LLTX: no lock).
 * Return: NETDEV_TX_OK; the skb is always consumed.
 */
netdev_tx_t vgate_access_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct vgate_access *acc = netdev_priv(dev);
	struct sk_buff *segs, *next;
	struct vgate_sa *sa;

	if (unlikely(!vgate_tx_proto_ok(skb))) {
		vgate_stats_inc(acc->stats, VGATE_A_STATS_TX_ERRORS);
		kfree_skb(skb);
		return NETDEV_TX_OK;
	}

	rcu_read_lock();
	sa = rcu_dereference(acc->out_sa);
	if (unlikely(!sa || test_bit(VGATE_SA_F_HARD, &sa->flags) ||
		     !vgate_sa_hold(sa))) {
		rcu_read_unlock();
		vgate_stats_inc(acc->stats, VGATE_A_STATS_TX_DROPS);
		kfree_skb(skb);
		return NETDEV_TX_OK;
	}
	rcu_read_unlock();

	/* the outer packet gets its own route */
	skb_dst_drop(skb);

	if (skb_is_gso(skb)) {
		segs = skb_gso_segment(skb, 0);
		if (IS_ERR_OR_NULL(segs)) {
			vgate_tx_count(sa, VGATE_A_STATS_TX_ERRORS, 1);
			kfree_skb(skb);
			goto out;
		}
		consume_skb(skb);
		skb = segs;
	}

	skb_list_walk_safe(skb, skb, next) {
		skb_mark_not_on_list(skb);
		vgate_tx_one(sa, skb);
	}
out:
	vgate_sa_put(sa);
	return NETDEV_TX_OK;
}
