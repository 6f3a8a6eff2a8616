/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vgate: access devices (va<N>), one per VPN session.
 *
 * Copyright (C) 2026 The vgate authors
 */
#ifndef _VGATE_ACCESS_H_
#define _VGATE_ACCESS_H_

#include <linux/list.h>
#include <linux/netdevice.h>
#include <linux/netlink.h>
#include <linux/rcupdate.h>
#include <linux/types.h>
#include <net/gro_cells.h>

#include "stats.h"

struct vgate_sa;
struct vgate_tmpl;

/**
 * struct vgate_access - an access device, the private part of its net device
 * @dev: the access device
 * @tmpl: the template it was cloned from; its device outlives this one
 *	(a template's deletion deletes its access devices in the same batch)
 * @node: entry in &struct vgate_net.access (RTNL, _rcu list primitives)
 * @tmpl_node: entry in &struct vgate_tmpl.access (RTNL)
 * @out_sa: the active outbound SA.  Replaced under RTNL with
 *	rcu_replace_pointer(); the transmit path reads it under RCU-bh and
 *	takes a reference for the asynchronous encryption.
 * @sas: every SA bound to this device (&struct vgate_sa.node; RTNL, _rcu
 *	list primitives so that dumps may walk it under rcu_read_lock())
 * @n_sa: number of entries of @sas (RTNL; read with READ_ONCE)
 * @id: the N of its name va<N>, from &struct vgate_net.access_ida
 * @del_reason: enum vgate_del_reason once its deletion was decided, -1
 *	before (RTNL)
 * @gro_cells: delivers decrypted packets into the stack
 * @stats: its counters; ndo_get_stats64 reads them
 */
struct vgate_access {
	struct net_device *dev;
	struct vgate_tmpl *tmpl;
	struct list_head node;
	struct list_head tmpl_node;
	struct vgate_sa __rcu *out_sa;
	struct list_head sas;
	u32 n_sa;
	int id;
	int del_reason;
	struct gro_cells gro_cells;
	struct vgate_stats __percpu *stats;
};

struct vgate_access *vgate_access_from_dev(struct net_device *dev);
struct vgate_access *vgate_access_new(struct net *net, struct vgate_tmpl *tmpl,
				      bool ipv6, struct netlink_ext_ack *extack);
void vgate_access_del(struct vgate_access *acc, u32 reason);
void vgate_access_del_queue(struct vgate_access *acc, u32 reason,
			    struct list_head *head);

/* tx.c */
netdev_tx_t vgate_access_xmit(struct sk_buff *skb, struct net_device *dev);

#endif /* _VGATE_ACCESS_H_ */
