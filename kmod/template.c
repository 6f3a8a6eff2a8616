// SPDX-License-Identifier: GPL-2.0
/*
 * vgate: virtual template devices ("ip link add vt10 type vgate").
 *
 * Copyright (C) 2026 The vgate authors
 *
 * A template holds the settings per-session access devices are cloned
 * from.  It is a point-to-point device without link layer that carries no
 * traffic itself: whatever is routed into it is dropped and counted.
 */

#include <linux/if_arp.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/rculist.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>
#include <linux/vgate.h>
#include <net/rtnetlink.h>

#include "access.h"
#include "netns.h"
#include "template.h"

/* set in module exit: every deletion from then on is a teardown */
bool vgate_module_exiting;

static int vgate_tmpl_init(struct net_device *dev)
{
	struct vgate_net *vn = vgate_net_get(dev_net(dev));
	struct vgate_tmpl *tmpl = netdev_priv(dev);

	ASSERT_RTNL();

	tmpl->dev = dev;
	INIT_LIST_HEAD(&tmpl->access);
	list_add_tail_rcu(&tmpl->node, &vn->tmpls);
	WRITE_ONCE(vn->tmpls_gen, vn->tmpls_gen + 1);
	return 0;
}

/*
 * Called on unregistration and when register_netdevice() fails after
 * ndo_init: either way the template leaves its list here.  Lockless
 * readers may still see it until the device is freed, which happens after
 * an RCU grace period.
 */
static void vgate_tmpl_uninit(struct net_device *dev)
{
	struct vgate_net *vn = vgate_net_get(dev_net(dev));
	struct vgate_tmpl *tmpl = netdev_priv(dev);

	ASSERT_RTNL();

	list_del_rcu(&tmpl->node);
	WRITE_ONCE(vn->tmpls_gen, vn->tmpls_gen + 1);
}

static netdev_tx_t vgate_tmpl_xmit(struct sk_buff *skb, struct net_device *dev)
{
	/* a template carries no traffic */
	DEV_STATS_INC(dev, tx_dropped);
	kfree_skb_reason(skb, SKB_DROP_REASON_DEV_READY);
	return NETDEV_TX_OK;
}

static const struct net_device_ops vgate_tmpl_netdev_ops = {
	.ndo_init = vgate_tmpl_init,
	.ndo_uninit = vgate_tmpl_uninit,
	.ndo_start_xmit = vgate_tmpl_xmit,
};

static void vgate_tmpl_setup(struct net_device *dev)
{
	struct vgate_tmpl *tmpl = netdev_priv(dev);

	dev->netdev_ops = &vgate_tmpl_netdev_ops;
	dev->type = ARPHRD_NONE;
	dev->flags = IFF_POINTOPOINT | IFF_NOARP;
	dev->priv_flags |= IFF_NO_QUEUE;
	dev->hard_header_len = 0;
	dev->addr_len = 0;
	dev->mtu = VGATE_TMPL_MTU_DEFAULT;
	dev->min_mtu = VGATE_TMPL_MTU_MIN;
	dev->max_mtu = VGATE_TMPL_MTU_MAX;
	dev->needs_free_netdev = true;
	vgate_dev_set_lltx(dev);
	/* the template belongs to the netns it was created in */
	vgate_dev_set_netns_immutable(dev);

	tmpl->max_access = VGATE_TMPL_MAX_ACCESS_DEFAULT;
}

/*
 * "ip link del" of either kind of vgate device, and every deletion the
 * core does on netns exit or rtnl_link_unregister(): a template takes the
 * access devices cloned from it along, in the same batch.
 */
static void vgate_dellink(struct net_device *dev, struct list_head *head)
{
	struct vgate_tmpl *tmpl = vgate_tmpl_from_dev(dev);
	struct vgate_access *acc;

	ASSERT_RTNL();

	if (tmpl) {
		list_for_each_entry(acc, &tmpl->access, tmpl_node)
			vgate_access_del_queue(acc, VGATE_DEL_REASON_TEMPLATE,
					       head);
		unregister_netdevice_queue(dev, head);
		return;
	}
	acc = vgate_access_from_dev(dev);
	if (acc)
		vgate_access_del_queue(acc, VGATE_DEL_REASON_USERSPACE, head);
	else
		unregister_netdevice_queue(dev, head);
}

/*
 * Access devices carry these ops too (so that "ip -d link" shows their
 * kind), but only templates are created through rtnetlink.
 */
struct rtnl_link_ops vgate_link_ops __read_mostly = {
	.kind = VGATE_LINK_KIND,
	.priv_size = sizeof(struct vgate_tmpl),
	.setup = vgate_tmpl_setup,
	.dellink = vgate_dellink,
	/* die with the netns instead of moving to init_net */
	.netns_refund = false,
};

/**
 * vgate_tmpl_from_dev - the template behind a net device
 * @dev: any net device
 *
 * Context: RTNL or rcu_read_lock() held, so that @dev cannot be freed.
 * Return: the template, or NULL if @dev is not a vgate template.
 */
struct vgate_tmpl *vgate_tmpl_from_dev(struct net_device *dev)
{
	if (dev->netdev_ops != &vgate_tmpl_netdev_ops)
		return NULL;
	return netdev_priv(dev);
}

/**
 * vgate_link_register - register the "vgate" rtnl link kind
 *
 * Context: process context, module init.
 * Return: 0 or a negative errno.
 */
int vgate_link_register(void)
{
	return rtnl_link_register(&vgate_link_ops);
}

/**
 * vgate_link_unregister - unregister the "vgate" rtnl link kind
 *
 * Deletes every vgate device left in any netns.
 *
 * Context: process context, module exit.
 */
void vgate_link_unregister(void)
{
	rtnl_link_unregister(&vgate_link_ops);
}

MODULE_ALIAS_RTNL_LINK(VGATE_LINK_KIND);
