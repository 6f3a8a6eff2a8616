// SPDX-License-Identifier: GPL-2.0
/*
 * vgate: ESP in UDP (RFC 3948) through a socket userspace hands over, and
 * the outer headers of every ESP packet vgate sends.
 *
 * Copyright (C) 2026 The vgate authors
 *
 * Socket ownership.  The daemon binds its IKE socket (port 4500) and
 * passes its fd with each SA.  The first SA attaches vgate to it with
 * setup_udp_tunnel_sock() and a private encap_type, so setsockopt
 * (UDP_ENCAP) users and the kernel's own ESP-in-UDP code never mistake
 * it for theirs; later SAs naming the same socket share the wrapper
 * (refcount).  The wrapper holds a reference to the socket's file, so
 * the socket, its port and the data plane outlive the daemon's close():
 * the last SA put detaches vgate (encap fields and sk_user_data cleared
 * under sk_callback_lock) and only then drops the file, freeing the
 * wrapper after an RCU grace period since encap_rcv finds it locklessly.
 *
 * It follows that udp_destroy_sock(), and with it encap_destroy, cannot
 * run while vgate is attached: the socket is destroyed when its file's
 * last reference goes, and one of them is vgate's until it detached.
 * encap_destroy is installed all the same and detaches, so that no path
 * can leave sk_user_data pointing at a freed wrapper.  Consequences the
 * daemon has to know: a restarted daemon must delete the access devices
 * it does not know (their SAs pin the old socket and its port) before it
 * binds 4500 again; and a socket pins its netns, so the SAs of a netns
 * whose daemon died keep that netns alive until they are deleted.
 *
 * Receive.  encap_rcv demultiplexes as RFC 3948 2.2 and xfrm do: a lone
 * 0xff octet is a NAT keepalive (consumed, counted), four zero octets are
 * the non-ESP marker in front of IKE (returned to the UDP stack, so the
 * daemon reads it), anything else is ESP: vgate strips the UDP header
 * and hands it to vgate_esp_rcv().
 *
 * MTU.  The inner PMTU is the access device's MTU, which the IP layer
 * enforces (and answers with ICMP) before a packet reaches vgate.  Outer
 * IPv4 packets leave without DF: a path narrower than expected fragments
 * them instead of dropping them into a PMTU black hole (NAT-T paths often
 * filter ICMP); the access devices' MTU (the template's, 1400 by default)
 * is sized so that a 1500-octet IPv4 path needs no fragmentation with any
 * algorithm.  IPv6 routers never fragment, so outer IPv6 packets are
 * fragmented here when they exceed the route's path MTU (ignore_df, set
 * after skb_scrub_packet(), which clears it); ICMPv6 Packet Too Big
 * lowers that MTU through the UDP socket (NAT-T) or rawesp.c's error
 * handler (raw ESP).  Documentation/dataplane.md, "MTU and
 * fragmentation", says the same for users.
 */

#include <linux/file.h>
#include <linux/net.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/udp.h>
#include <net/dst_cache.h>
#include <net/inet_common.h>
#include <net/ip.h>
#include <net/ip6_route.h>
#include <net/ip_tunnels.h>
#include <net/ipv6.h>
#include <net/route.h>
#include <net/sock.h>
#include <net/udp.h>
#include <net/udp_tunnel.h>

#include "transport.h"

/*
 * The encap_type vgate marks its sockets with: private to the kernel
 * (userspace cannot set it through UDP_ENCAP), outside the UDP_ENCAP_*
 * values of <linux/udp.h>.
 */
#define VGATE_UDP_ENCAP_TYPE	0xf6

/*
 * Serialises a socket's attachment with the final put of its wrapper:
 * under it, a wrapper found in sk_user_data has a non-zero refcount.
 */
static DEFINE_SPINLOCK(vgate_udp_lock);

static int vgate_udp_encap_rcv(struct sock *sk, struct sk_buff *skb);
static void vgate_udp_encap_destroy(struct sock *sk);

/* the wrapper of @sk if vgate owns it; RCU or vgate_udp_lock held */
static struct vgate_udp_sock *vgate_udp_sock_of(struct sock *sk)
{
	struct vgate_udp_sock *us;

	if (READ_ONCE(udp_sk(sk)->encap_type) != VGATE_UDP_ENCAP_TYPE)
		return NULL;
	us = rcu_dereference_sk_user_data(sk);
	if (unlikely(!us || us->sock->sk != sk))
		return NULL;
	return us;
}

/* undo setup_udp_tunnel_sock(); vgate_udp_lock held, bottom halves off */
static void vgate_udp_detach(struct vgate_udp_sock *us)
{
	struct sock *sk = us->sock->sk;

	write_lock(&sk->sk_callback_lock);
	/* a setsockopt(UDP_ENCAP) since then made the socket someone else's */
	if (udp_sk(sk)->encap_type == VGATE_UDP_ENCAP_TYPE) {
		WRITE_ONCE(udp_sk(sk)->encap_type, 0);
		WRITE_ONCE(udp_sk(sk)->encap_rcv, NULL);
		WRITE_ONCE(udp_sk(sk)->encap_destroy, NULL);
	}
	if (rcu_access_pointer(__sk_user_data(sk)) == us)
		rcu_assign_sk_user_data(sk, NULL);
	vgate_inet_set_mc_loop(sk);
	inet_dec_convert_csum(sk);
	write_unlock(&sk->sk_callback_lock);
}

static void vgate_udp_sock_release(struct kref *kref)
	__releases(&vgate_udp_lock)
{
	struct vgate_udp_sock *us = container_of(kref, struct vgate_udp_sock,
						 refcount);

	vgate_udp_detach(us);
	spin_unlock(&vgate_udp_lock);
	/* from softirq, fput() defers the socket's release to a work item */
	sockfd_put(us->sock);
	kfree_rcu(us, rcu);
}

/**
 * vgate_udp_sock_put - drop an SA's reference to its UDP socket
 * @us: the socket wrapper
 *
 * The last put detaches vgate from the socket and drops the module's
 * reference to its file; userspace's own references are unaffected.
 *
 * Context: any but hard IRQ.
 */
void vgate_udp_sock_put(struct vgate_udp_sock *us)
{
	local_bh_disable();
	kref_put_lock(&us->refcount, vgate_udp_sock_release, &vgate_udp_lock);
	local_bh_enable();
}

static int vgate_udp_sock_check(struct net *net, struct socket *sock,
				struct netlink_ext_ack *extack)
{
	struct sock *sk = sock->sk;

	if (!sk || sk->sk_type != SOCK_DGRAM ||
	    sk->sk_protocol != IPPROTO_UDP ||
	    (sk->sk_family != AF_INET && sk->sk_family != AF_INET6)) {
		NL_SET_ERR_MSG_MOD(extack, "the encapsulation fd is not a UDP socket");
		return -EINVAL;
	}
	if (!net_eq(sock_net(sk), net)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "the UDP socket belongs to another network namespace");
		return -EINVAL;
	}
	if (!READ_ONCE(inet_sk(sk)->inet_num)) {
		NL_SET_ERR_MSG_MOD(extack, "the UDP socket is not bound");
		return -EINVAL;
	}
	return 0;
}

/**
 * vgate_udp_sock_get - take the UDP socket an SA sends and receives
 *	ESP-in-UDP through
 * @net: the SA's netns, which the socket must belong to
 * @fd: a file descriptor of the calling process: a bound UDP (IPv4 or
 *	IPv6) socket
 * @extack: why it is refused
 *
 * The first SA attaches vgate to the socket; later ones share it.
 *
 * Context: process context (the caller's fd table); may sleep.
 * Return: the wrapper, with a reference for the caller, or an ERR_PTR():
 * -EBADF/-ENOTSOCK for a bad fd, -EINVAL for a socket of the wrong kind,
 * netns or not bound, -EBUSY if another encapsulation (an xfrm
 * UDP_ENCAP_ESPINUDP socket, L2TP, ...) owns it, -ENOMEM.
 */
struct vgate_udp_sock *vgate_udp_sock_get(struct net *net, int fd,
					  struct netlink_ext_ack *extack)
{
	struct udp_tunnel_sock_cfg cfg = {
		.encap_type = VGATE_UDP_ENCAP_TYPE,
		.encap_rcv = vgate_udp_encap_rcv,
		.encap_destroy = vgate_udp_encap_destroy,
	};
	struct vgate_udp_sock *us;
	struct socket *sock;
	struct sock *sk;
	int err;

	sock = sockfd_lookup(fd, &err);
	if (!sock) {
		NL_SET_ERR_MSG_MOD(extack, "the encapsulation fd is not a socket");
		return ERR_PTR(err);
	}
	err = vgate_udp_sock_check(net, sock, extack);
	if (err)
		goto err_put;
	sk = sock->sk;

	/* attachers of this socket queue here: no two see it unowned */
	lock_sock(sk);

	spin_lock_bh(&vgate_udp_lock);
	us = vgate_udp_sock_of(sk);
	if (us) {
		kref_get(&us->refcount);
		spin_unlock_bh(&vgate_udp_lock);
		release_sock(sk);
		/* the wrapper holds its own reference to the file */
		sockfd_put(sock);
		return us;
	}
	if (udp_sk(sk)->encap_type || rcu_access_pointer(__sk_user_data(sk))) {
		spin_unlock_bh(&vgate_udp_lock);
		NL_SET_ERR_MSG_MOD(extack,
				   "the UDP socket is already used for another encapsulation");
		err = -EBUSY;
		goto err_unlock;
	}
	spin_unlock_bh(&vgate_udp_lock);

	us = kzalloc(sizeof(*us), GFP_KERNEL);
	if (!us) {
		err = -ENOMEM;
		goto err_unlock;
	}
	us->sock = sock;
	kref_init(&us->refcount);
	atomic64_set(&us->keepalives, 0);

	/* publishes @us: encap_rcv may run from here on */
	cfg.sk_user_data = us;
	setup_udp_tunnel_sock(net, sock, &cfg);
	release_sock(sk);
	return us;

err_unlock:
	release_sock(sk);
err_put:
	sockfd_put(sock);
	return ERR_PTR(err);
}

/*
 * The socket is being destroyed with vgate still attached.  That cannot
 * happen while the wrapper holds the file (see the top of this file);
 * should it ever, leave nothing behind that points at the socket's
 * callbacks: detach, so encap_rcv stops, and let the SAs' puts free the
 * wrapper as usual.
 */
static void vgate_udp_encap_destroy(struct sock *sk)
{
	struct vgate_udp_sock *us;

	spin_lock_bh(&vgate_udp_lock);
	us = vgate_udp_sock_of(sk);
	if (us) {
		DEBUG_NET_WARN_ON_ONCE(1);
		vgate_udp_detach(us);
	}
	spin_unlock_bh(&vgate_udp_lock);
}

/*
 * Return: 0 if consumed, > 0 to deliver @skb to the socket's owner as a
 * plain UDP datagram (IKE), as udp_queue_rcv_one_skb() expects.
 */
static int vgate_udp_encap_rcv(struct sock *sk, struct sk_buff *skb)
{
	unsigned int len = skb->len - sizeof(struct udphdr);
	struct vgate_udp_sock *us;
	u8 buf[4];

	us = vgate_udp_sock_of(sk);
	if (unlikely(!us))
		return 1;

	if (len == 1) {
		if (skb_copy_bits(skb, sizeof(struct udphdr), buf, 1) ||
		    buf[0] != 0xff)
			return 1;
		/* RFC 3948 2.3: NAT keepalive */
		atomic64_inc(&us->keepalives);
		consume_skb(skb);
		return 0;
	}
	/* too short for ESP, or the non-ESP marker of IKE (RFC 3948 2.2) */
	if (len <= sizeof(struct ip_esp_hdr) ||
	    skb_copy_bits(skb, sizeof(struct udphdr), buf, 4) ||
	    !(buf[0] | buf[1] | buf[2] | buf[3]))
		return 1;

	/* the transport header stays the UDP header (the peer's port) */
	__skb_pull(skb, sizeof(struct udphdr));
	if (unlikely(vgate_esp_rcv(sock_net(sk), skb, us))) {
		/* not vgate's SPI: nobody else takes ESP on this socket */
		kfree_skb(skb);
	}
	return 0;
}

static int vgate_xmit4(struct net *net, struct vgate_udp_sock *us,
		       const struct vgate_endpoint *ep,
		       struct dst_cache *cache, struct sk_buff *skb, u8 dsfield,
		       bool xnet)
{
	struct sock *sk = us ? us->sock->sk : NULL;
	struct flowi4 fl4 = {
		.daddr = ep->peer.v4,
		.saddr = ep->local.v4,
		.flowi4_proto = us ? IPPROTO_UDP : IPPROTO_ESP,
	};
	struct rtable *rt;
	__be32 saddr;
	int err;

	rt = dst_cache_get_ip4(cache, &saddr);
	if (!rt) {
		if (sk) {
			fl4.flowi4_oif = READ_ONCE(sk->sk_bound_dev_if);
			fl4.flowi4_mark = READ_ONCE(sk->sk_mark);
			fl4.fl4_sport = ep->local_port;
			fl4.fl4_dport = ep->peer_port;
		}
		rt = ip_route_output_key(net, &fl4);
		if (IS_ERR(rt))
			return PTR_ERR(rt);
		if (unlikely(rt->dst.dev == skb->dev)) {
			/* the peer is routed into the tunnel itself */
			ip_rt_put(rt);
			return -ELOOP;
		}
		saddr = fl4.saddr;
		dst_cache_set_ip4(cache, &rt->dst, saddr);
	}

	err = skb_cow_head(skb, LL_RESERVED_SPACE(rt->dst.dev) +
			   rt->dst.header_len + sizeof(struct iphdr) +
			   (us ? sizeof(struct udphdr) : 0));
	if (unlikely(err)) {
		ip_rt_put(rt);
		return err;
	}
	/* the tunnel helpers count into skb->dev, vgate counts itself */
	skb->dev = NULL;

	if (us) {
		/* RFC 3948 3.1.1: no UDP checksum for ESP over IPv4 */
		udp_tunnel_xmit_skb(rt, sk, skb, saddr, ep->peer.v4, dsfield,
				    ip4_dst_hoplimit(&rt->dst), 0,
				    ep->local_port, ep->peer_port, xnet, true);
	} else {
		iptunnel_xmit(NULL, rt, skb, saddr, ep->peer.v4, IPPROTO_ESP,
			      dsfield, ip4_dst_hoplimit(&rt->dst), 0, xnet);
	}
	return 0;
}

#if IS_ENABLED(CONFIG_IPV6)
static int vgate_xmit6(struct net *net, struct vgate_udp_sock *us,
		       const struct vgate_endpoint *ep,
		       struct dst_cache *cache, struct sk_buff *skb, u8 dsfield,
		       bool xnet)
{
	struct sock *sk = us ? us->sock->sk : NULL;
	struct flowi6 fl6 = {
		.daddr = ep->peer.v6,
		.saddr = ep->local.v6,
		.flowi6_proto = us ? IPPROTO_UDP : IPPROTO_ESP,
	};
	struct in6_addr saddr, daddr = ep->peer.v6;
	struct dst_entry *dst;
	struct ipv6hdr *ip6h;
	int err;

	dst = dst_cache_get_ip6(cache, &saddr);
	if (!dst) {
		if (sk) {
			fl6.flowi6_oif = READ_ONCE(sk->sk_bound_dev_if);
			fl6.flowi6_mark = READ_ONCE(sk->sk_mark);
			fl6.fl6_sport = ep->local_port;
			fl6.fl6_dport = ep->peer_port;
		}
		dst = ip6_dst_lookup_flow(net, sk, &fl6, NULL);
		if (IS_ERR(dst))
			return PTR_ERR(dst);
		if (unlikely(dst->dev == skb->dev)) {
			dst_release(dst);
			return -ELOOP;
		}
		saddr = fl6.saddr;
		dst_cache_set_ip6(cache, dst, &saddr);
	}

	err = skb_cow_head(skb, LL_RESERVED_SPACE(dst->dev) + dst->header_len +
			   sizeof(struct ipv6hdr) +
			   (us ? sizeof(struct udphdr) : 0));
	if (unlikely(err)) {
		dst_release(dst);
		return err;
	}
	skb->dev = NULL;
	skb_scrub_packet(skb, xnet);
	/*
	 * Fragment locally rather than drop when the path is narrower.  Only
	 * now: skb_scrub_packet() clears ignore_df, and ip6_fragment() would
	 * then refuse every packet above the route's MTU.
	 */
	skb->ignore_df = 1;

	if (us) {
		udp_tunnel6_xmit_skb(dst, sk, skb, NULL, &saddr, &daddr, dsfield,
				     ip6_dst_hoplimit(dst), 0, ep->local_port,
				     ep->peer_port, false);
		return 0;
	}

	memset(IP6CB(skb), 0, sizeof(*IP6CB(skb)));
	skb_dst_set(skb, dst);
	skb_push(skb, sizeof(*ip6h));
	skb_reset_network_header(skb);
	ip6h = ipv6_hdr(skb);
	ip6_flow_hdr(ip6h, dsfield, 0);
	ip6h->nexthdr = IPPROTO_ESP;
	ip6h->hop_limit = ip6_dst_hoplimit(dst);
	ip6h->saddr = saddr;
	ip6h->daddr = daddr;
	skb->protocol = htons(ETH_P_IPV6);
	ip6_local_out(net, NULL, skb);
	return 0;
}
#endif

/**
 * vgate_transport_xmit - put an ESP packet on the wire
 * @net: the SA's netns (routes are looked up there)
 * @us: the UDP socket to send ESP-in-UDP through, NULL for raw ESP
 * @ep: outer addresses and ports; @ep->local may be unspecified (the
 *	route picks the source then)
 * @cache: the SA's route cache
 * @skb: the packet, skb->data at the ESP header
 * @dsfield: the outer TOS / traffic class (the inner packet's DSCP)
 *
 * Pushes the UDP header (with @us) and the outer IPv4/IPv6 header and
 * hands the packet to the IP layer, without DF over IPv4 and fragmented
 * locally over IPv6 when it exceeds the route's MTU (see the top of this
 * file).  Drops in the IP layer after that (qdisc, netfilter) are not
 * reported.
 *
 * Context: softirq or process context.
 * Return: 0 if the packet went to the IP layer, or a negative errno
 * (-ENETUNREACH/-EHOSTUNREACH/-EINVAL: no route, -ELOOP: routed into the
 * sending device, -ENOMEM, -EAFNOSUPPORT).  @skb is consumed either way.
 */
int vgate_transport_xmit(struct net *net, struct vgate_udp_sock *us,
			 const struct vgate_endpoint *ep,
			 struct dst_cache *cache, struct sk_buff *skb, u8 dsfield)
{
	bool xnet = skb->dev && !net_eq(net, dev_net(skb->dev));
	int err;

	/* the dst_cache is per CPU */
	local_bh_disable();
	switch (ep->family) {
	case AF_INET:
		err = vgate_xmit4(net, us, ep, cache, skb, dsfield, xnet);
		break;
#if IS_ENABLED(CONFIG_IPV6)
	case AF_INET6:
		err = vgate_xmit6(net, us, ep, cache, skb, dsfield, xnet);
		break;
#endif
	default:
		err = -EAFNOSUPPORT;
		break;
	}
	local_bh_enable();

	if (unlikely(err))
		kfree_skb(skb);
	return err;
}
