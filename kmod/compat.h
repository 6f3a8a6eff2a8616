/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vgate: every API difference between the supported kernels, in one place.
 *
 * Copyright (C) 2026 The vgate authors
 *
 * Force-included into every object by kmod/Kbuild.  Supported kernels:
 * Debian bookworm 6.1 (6.1.192, with stable backports) and
 * bookworm-security 6.12 (6.12.117).  Tests are on features (macros that
 * appeared or vanished together with the API), not on version numbers,
 * because Debian's stable kernels carry backports.
 */
#ifndef _VGATE_COMPAT_H_
#define _VGATE_COMPAT_H_

#include <linux/netdevice.h>
#include <linux/netlink.h>

/*
 * Lockless transmit.  6.12 turned the NETIF_F_LLTX feature bit into the
 * dev->lltx flag.
 */
static inline void vgate_dev_set_lltx(struct net_device *dev)
{
#ifdef NETIF_F_LLTX
	dev->features |= NETIF_F_LLTX;
#else
	dev->lltx = true;
#endif
}

/*
 * A device that must stay in the netns it was created in.  6.1 has the
 * NETIF_F_NETNS_LOCAL feature bit; Debian's 6.12 has dev->netns_immutable
 * (mainline 6.12 to 6.14 called the same bit netns_local).
 */
static inline void vgate_dev_set_netns_immutable(struct net_device *dev)
{
#ifdef NETIF_F_NETNS_LOCAL
	dev->features |= NETIF_F_NETNS_LOCAL;
#else
	dev->netns_immutable = true;
#endif
}

/*
 * Formatted extack messages need the message buffer the extack gained in
 * 6.2 together with NL_SET_ERR_MSG_FMT_MOD().  On older kernels the extack
 * holds only a pointer to a constant string, so the constant fallback
 * @msg is reported instead; the offending attribute is still pointed at
 * with NL_SET_BAD_ATTR() by the caller.
 */
#ifdef NL_SET_ERR_MSG_FMT_MOD
#define VGATE_SET_ERR_MSG_FMT(extack, msg, fmt, args...) do {	\
	(void)(msg);						\
	NL_SET_ERR_MSG_FMT_MOD(extack, fmt, ##args);		\
} while (0)
#else
#define VGATE_SET_ERR_MSG_FMT(extack, msg, fmt, args...) do {	\
	(void)(fmt);						\
	NL_SET_ERR_MSG_MOD(extack, msg);			\
} while (0)
#endif

/*
 * skb_gso_segment() moved from <linux/netdevice.h> to <net/gso.h> in 6.5,
 * together with SKB_GSO_CB() (from <linux/skbuff.h>, which netdevice.h
 * includes).
 */
#ifndef SKB_GSO_CB
#include <net/gso.h>
#endif

/* ---- ESP data path: crypto.c, esp.c, udp.c, rawesp.c ---- */

/*
 * Completion callbacks of asynchronous crypto requests.  6.3 changed
 * crypto_completion_t from (struct crypto_async_request *req, int err) to
 * (void *data, int err), with no macro to test.  The test is on the type
 * itself: a user writes the callback both ways (the first form finds its
 * data in req->data) and VGATE_CRYPTO_CB() picks the one this kernel's
 * crypto_completion_t takes.
 */
#include <linux/crypto.h>
#define VGATE_CRYPTO_CB(cb_req, cb_data)				\
	__builtin_choose_expr(						\
		__builtin_types_compatible_p(crypto_completion_t,	\
					     void (*)(void *, int)),	\
		(cb_data), (cb_req))

/*
 * Multicast loopback of an inet socket, which setup_udp_tunnel_sock()
 * turns off and detaching turns back on.  6.6 moved the inet_sock
 * bitfields into inet->inet_flags behind inet_set_bit().
 *
 * Differences vgate sidesteps instead of wrapping:
 *  - udp_tunnel6_xmit_skb() returns int and takes non-const addresses on
 *    6.1, returns void and takes const ones on 6.12: udp.c passes
 *    addresses in local copies and ignores the result;
 *  - udp_tunnel_encap_err_rcv_t changed its arguments: udp.c sets no
 *    encap_err_rcv (ICMP for the outer flow reaches the UDP socket).
 */
#include <net/inet_sock.h>
static inline void vgate_inet_set_mc_loop(struct sock *sk)
{
#ifdef inet_set_bit
	inet_set_bit(MC_LOOP, sk);
#else
	inet_sk(sk)->mc_loop = 1;
#endif
}

#endif /* _VGATE_COMPAT_H_ */
