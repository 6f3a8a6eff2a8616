/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vgate: per-network-namespace state.
 *
 * Copyright (C) 2026 The vgate authors
 */
#ifndef _VGATE_NETNS_H_
#define _VGATE_NETNS_H_

#include <linux/list.h>
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
 */
struct vgate_net {
	struct list_head tmpls;
	unsigned int tmpls_gen;
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
