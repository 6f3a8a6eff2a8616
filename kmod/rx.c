// SPDX-License-Identifier: GPL-2.0
/*
 * vgate: receive path: ESP -> SA by SPI -> decrypt -> access device.
 *
 * Copyright (C) 2026 The vgate authors
 *
 * Inline in the softirq that received the packet (UDP encap_rcv or the
 * raw-ESP xfrm handler).  The replay pre-check is lockless; the
 * authoritative check-and-set runs after the ICV verified.  Every drop is
 * counted under its reason on the SA and on the access device.
 */

#include <linux/if_ether.h>
#include <linux/inetdevice.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <net/esp.h>
#include <net/gro_cells.h>
#include <net/ipv6.h>
#include <net/route.h>

#include "access.h"
#include "esp.h"
#include "netns.h"
#include "notify.h"
#include "sa.h"
#include "transport.h"

/**
 * struct vgate_rx_cb - what the decryption's completion needs besides the
 *	SA (its context argument), kept in skb->cb, which the ESP code
 *	leaves alone
 * @seq: the packet's full 64-bit sequence number
 */
struct vgate_rx_cb {
	u64 seq;
};

#define VGATE_RX_CB(skb) ((struct vgate_rx_cb *)(skb)->cb)

/* count a drop under @reason (and rx_errors) on the SA and its device */
static void vgate_rx_error(struct vgate_sa *sa, enum vgate_a_stats reason)
{
	vgate_stats_inc(sa->stats, reason);
	vgate_stats_inc(sa->access->stats, reason);
	vgate_stats_inc(sa->stats, VGATE_A_STATS_RX_ERRORS);
	vgate_stats_inc(sa->access->stats, VGATE_A_STATS_RX_ERRORS);
}

static void vgate_rx_dropped(struct vgate_sa *sa)
{
	vgate_stats_inc(sa->stats, VGATE_A_STATS_RX_DROPS);
	vgate_stats_inc(sa->access->stats, VGATE_A_STATS_RX_DROPS);
}

/* check and trim the inner IP header; 0 if it is not a sane one */
static __be16 vgate_rx_inner(struct sk_buff *skb)
{
	const struct ipv6hdr *ip6h;
	const struct iphdr *iph;
	unsigned int len;

	if (!pskb_may_pull(skb, 1))
		return 0;
	switch (skb->data[0] >> 4) {
	case 4:
		if (!pskb_may_pull(skb, sizeof(*iph)))
			return 0;
		iph = (const struct iphdr *)skb->data;
		len = ntohs(iph->tot_len);
		if (iph->ihl < 5 || len < iph->ihl * 4 || len > skb->len ||
		    pskb_trim_rcsum(skb, len))
			return 0;
		return htons(ETH_P_IP);
	case 6:
		if (!pskb_may_pull(skb, sizeof(*ip6h)))
			return 0;
		ip6h = (const struct ipv6hdr *)skb->data;
		len = sizeof(*ip6h) + ntohs(ip6h->payload_len);
		if (len > skb->len || pskb_trim_rcsum(skb, len))
			return 0;
		return htons(ETH_P_IPV6);
	default:
		return 0;
	}
}

/* the inner source lies in one of the SA's prefixes, if it has any */
static bool vgate_rx_src_ok(const struct vgate_sa *sa,
			    const struct sk_buff *skb, __be16 proto)
{
	const struct vgate_prefix *p;
	unsigned int i;

	if (!sa->n_prefixes)
		return true;
	for (i = 0; i < sa->n_prefixes; i++) {
		p = &sa->prefixes[i];
		if (proto == htons(ETH_P_IP) && p->family == AF_INET &&
		    !((((const struct iphdr *)skb->data)->saddr ^ p->addr.v4) &
		      inet_make_mask(p->len)))
			return true;
		if (proto == htons(ETH_P_IPV6) && p->family == AF_INET6 &&
		    ipv6_prefix_equal(&((const struct ipv6hdr *)skb->data)->saddr,
				      &p->addr.v6, p->len))
			return true;
	}
	return false;
}

/* the completion of vgate_esp_decrypt(): owns @skb and the SA reference */
static void vgate_rx_done(struct sk_buff *skb, int err, void *ctx)
{
	struct vgate_sa *sa = ctx;
	struct vgate_access *acc = sa->access;
	unsigned int len;
	__be16 proto;

	if (unlikely(err)) {
		if (err == -EBADMSG)
			vgate_rx_error(sa, VGATE_A_STATS_AUTH_FAIL);
		else if (err == -EPROTO)
			vgate_rx_error(sa, VGATE_A_STATS_BAD_PADDING);
		else if (err == -ENOMEM)
			vgate_rx_dropped(sa);
		else
			vgate_rx_error(sa, VGATE_A_STATS_MALFORMED);
		goto drop;
	}
	if (unlikely(vgate_replay_advance(&sa->replay,
					  VGATE_RX_CB(skb)->seq))) {
		vgate_rx_error(sa, VGATE_A_STATS_REPLAY);
		goto drop;
	}
	proto = vgate_rx_inner(skb);
	if (unlikely(!proto)) {
		vgate_rx_error(sa, VGATE_A_STATS_MALFORMED);
		goto drop;
	}
	if (unlikely(!vgate_rx_src_ok(sa, skb, proto))) {
		vgate_rx_error(sa, VGATE_A_STATS_INNER_SRC);
		goto drop;
	}

	len = skb->len;
	vgate_sa_account(sa, len);

	/* a fresh packet on the access device, as if it arrived there */
	skb_scrub_packet(skb, true);
	skb->dev = acc->dev;
	skb->protocol = proto;
	skb->pkt_type = PACKET_HOST;
	/* authenticated by ESP: like WireGuard, trust the inner checksums */
	skb->ip_summed = CHECKSUM_UNNECESSARY;
	skb->csum_level = ~0;
	skb_reset_mac_header(skb);
	skb_reset_network_header(skb);
	skb_probe_transport_header(skb);

	local_bh_disable();
	if (likely(gro_cells_receive(&acc->gro_cells, skb) == NET_RX_SUCCESS)) {
		vgate_stats_inc(sa->stats, VGATE_A_STATS_RX_PACKETS);
		vgate_stats_inc(acc->stats, VGATE_A_STATS_RX_PACKETS);
		vgate_stats_add(sa->stats, VGATE_A_STATS_RX_BYTES, len);
		vgate_stats_add(acc->stats, VGATE_A_STATS_RX_BYTES, len);
	} else {
		vgate_rx_dropped(sa);
	}
	local_bh_enable();
	vgate_sa_put(sa);
	return;

drop:
	kfree_skb(skb);
	vgate_sa_put(sa);
}

/**
 * vgate_esp_rcv - entry of every received ESP packet
 * @net: netns it arrived in
 * @skb: skb->data at the ESP header; the outer IP header is in place
 * @us: the UDP socket it came through, NULL for raw ESP
 *
 * Context: softirq, rcu_read_lock() held.
 * Return: 0 if vgate consumed the skb (delivered or dropped), -ENOENT if
 * the SPI is not one of vgate's (raw ESP only: the skb goes to the
 * kernel's own IPsec).
 */
int vgate_esp_rcv(struct net *net, struct sk_buff *skb,
		  struct vgate_udp_sock *us)
{
	struct vgate_net *vn = vgate_net_get(net);
	const struct ip_esp_hdr *esph;
	struct vgate_sa *sa;
	u32 spi, seq_lo;
	u64 seq;

	if (unlikely(!pskb_may_pull(skb, sizeof(*esph)))) {
		if (!us)
			return -ENOENT;
		net_dbg_ratelimited("vgate: ESP packet too short (%u)\n",
				    skb->len);
		kfree_skb_reason(skb, SKB_DROP_REASON_PKT_TOO_SMALL);
		return 0;
	}
	esph = (const struct ip_esp_hdr *)skb->data;
	spi = ntohl(esph->spi);
	seq_lo = ntohl(esph->seq_no);

	sa = vgate_sa_lookup_in(vn, spi);
	if (!sa) {
		if (!us)
			return -ENOENT;
		atomic64_inc(&vn->unknown_spi);
		if (__ratelimit(&vn->unknown_spi_rs))
			vgate_notify_unknown_spi(net, skb, spi, us);
		kfree_skb_reason(skb, SKB_DROP_REASON_XFRM_POLICY);
		return 0;
	}

	/* the SA's memory lives until an RCU grace period after its end */
	if (unlikely(test_bit(VGATE_SA_F_HARD, &sa->flags))) {
		vgate_rx_dropped(sa);
		goto drop;
	}
	if (vgate_replay_check(&sa->replay, seq_lo, &seq)) {
		vgate_rx_error(sa, VGATE_A_STATS_REPLAY);
		goto drop;
	}
	/* the packet's own reference, dropped by vgate_rx_done() */
	if (unlikely(!vgate_sa_hold(sa))) {
		vgate_rx_dropped(sa);
		goto drop;
	}
	BUILD_BUG_ON(sizeof(struct vgate_rx_cb) > sizeof(skb->cb));
	VGATE_RX_CB(skb)->seq = seq;
	vgate_esp_decrypt(&sa->crypto, skb, seq, vgate_rx_done, sa);
	return 0;

drop:
	kfree_skb(skb);
	return 0;
}
