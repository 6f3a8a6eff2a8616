/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vgate: per-network-namespace state.
 *
 * Copyright (C) 2026 The vgate authors
 */
#ifndef _VGATE_NETNS_H_
#define _VGATE_NETNS_H_

#include <linux/atomic.h>
#include <linux/idr.h>
#include <linux/list.h>
#include <linux/ratelimit.h>
#include <linux/rhashtable-types.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

extern unsigned int vgate_net_id;

/**
 * struct vgate_net - vgate state of one network namespace
 * @tmpls: the templates living in this netns (&struct vgate_tmpl.node).
 *	Writers hold RTNL and use the _rcu list primitives; readers hold
 *	either RTNL or rcu_read_lock().
 * @tmpls_gen: bumped (under RTNL) on every change of @tmpls, so that a
 *	dump spread over several messages can tell it was interrupted
 * @access: the access devices of this netns (&struct vgate_access.node),
 *	same rules as @tmpls
 * @access_ida: the numbers N of the access devices' names va<N> (RTNL)
 * @sa_in: inbound SAs by SPI (&struct vgate_sa.hnode).  Writers hold
 *	RTNL, the data path looks up under rcu_read_lock().
 * @gen: bumped (under RTNL) on every change of @access or of the SA
 *	lists, for dump consistency
 * @n_access: access devices in this netns (RTNL; read with READ_ONCE)
 * @n_sa: SAs in this netns (RTNL; read with READ_ONCE)
 * @max_sa: most SAs this netns may hold (RTNL; read with READ_ONCE)
 * @unknown_spi: ESP packets for SPIs no SA has
 * @unknown_spi_rs: rate limit of UNKNOWN_SPI_NTF
 */
struct vgate_net {
	struct list_head tmpls;
	unsigned int tmpls_gen;
	struct list_head access;
	struct ida access_ida;
	struct rhashtable sa_in;
	unsigned int gen;
	u32 n_access;
	u32 n_sa;
	u32 max_sa;
	atomic64_t unknown_spi;
	struct ratelimit_state unknown_spi_rs;
};

/**
 * vgate_net_get - the vgate state of a network namespace
 * @net: the namespace
 *
 * Return: its &struct vgate_net; valid as long as @net is.
 */
static inline struct vgate_net *vgate_net_get(const struct net *net)
{
	return net_generic(net, vgate_net_id);
}

int vgate_net_register(void);
void vgate_net_unregister(void);

#endif /* _VGATE_NETNS_H_ */
