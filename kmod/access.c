// SPDX-License-Identifier: GPL-2.0
/*
 * vgate: access devices ("virtual-access" va<N>), cloned from a template
 * for one VPN session over genl.
 *
 * Copyright (C) 2026 The vgate authors
 *
 * An access device is a net device of the same rtnl kind as its template
 * ("vgate"), so "ip -d link" shows it and "ip link del" deletes it.
 * Everything about its life happens under RTNL: it is linked into the
 * per-netns and per-template lists in ndo_init and unlinked in
 * ndo_uninit, which also deletes its SAs and tells userspace why it went.
 */

#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netdevice.h>
#include <linux/rculist.h>
#include <linux/rtnetlink.h>
#include <linux/udp.h>
#include <linux/vgate.h>
#include <net/addrconf.h>
#include <net/rtnetlink.h>

#include "access.h"
#include "netns.h"
#include "notify.h"
#include "sa.h"
#include "template.h"

static int vgate_access_init(struct net_device *dev)
{
	struct vgate_net *vn = vgate_net_get(dev_net(dev));
	struct vgate_access *acc = netdev_priv(dev);
	int err;

	ASSERT_RTNL();

	acc->stats = vgate_stats_alloc();
	if (!acc->stats)
		return -ENOMEM;
	err = gro_cells_init(&acc->gro_cells, dev);
	if (err) {
		free_percpu(acc->stats);
		acc->stats = NULL;
		return err;
	}

	list_add_tail_rcu(&acc->node, &vn->access);
	list_add_tail_rcu(&acc->tmpl_node, &acc->tmpl->access);
	WRITE_ONCE(acc->tmpl->n_access, acc->tmpl->n_access + 1);
	WRITE_ONCE(vn->n_access, vn->n_access + 1);
	WRITE_ONCE(vn->gen, vn->gen + 1);
	return 0;
}

/*
 * Called on unregistration, whatever started it, and when
 * register_netdevice() fails after ndo_init.  Lockless readers may still
 * see the device until it is freed, after an RCU grace period.
 */
static void vgate_access_uninit(struct net_device *dev)
{
	struct vgate_net *vn = vgate_net_get(dev_net(dev));
	struct vgate_access *acc = netdev_priv(dev);
	u32 reason;

	ASSERT_RTNL();

	reason = acc->del_reason < 0 ? VGATE_DEL_REASON_TEARDOWN :
				       acc->del_reason;
	vgate_sa_unlink_all(acc, VGATE_DEL_REASON_ACCESS);
	list_del_rcu(&acc->node);
	list_del_rcu(&acc->tmpl_node);
	WRITE_ONCE(acc->tmpl->n_access, acc->tmpl->n_access - 1);
	WRITE_ONCE(vn->n_access, vn->n_access - 1);
	WRITE_ONCE(vn->gen, vn->gen + 1);
	ida_free(&vn->access_ida, acc->id);
	/* a device that never made it is not announced */
	if (dev->reg_state != NETREG_UNINITIALIZED)
		vgate_notify_access_del(acc, reason);
}

/* every reference is gone: no packet of this device is in flight */
static void vgate_access_destruct(struct net_device *dev)
{
	struct vgate_access *acc = netdev_priv(dev);

	gro_cells_destroy(&acc->gro_cells);
	free_percpu(acc->stats);
}

static void vgate_access_get_stats64(struct net_device *dev,
				     struct rtnl_link_stats64 *st)
{
	struct vgate_access *acc = netdev_priv(dev);
	u64 c[__VGATE_A_STATS_MAX];

	vgate_stats_read(acc->stats, c);
	st->rx_packets = c[VGATE_A_STATS_RX_PACKETS];
	st->rx_bytes = c[VGATE_A_STATS_RX_BYTES];
	st->tx_packets = c[VGATE_A_STATS_TX_PACKETS];
	st->tx_bytes = c[VGATE_A_STATS_TX_BYTES];
	st->rx_errors = c[VGATE_A_STATS_RX_ERRORS];
	st->tx_errors = c[VGATE_A_STATS_TX_ERRORS];
	st->rx_dropped = c[VGATE_A_STATS_RX_DROPS];
	st->tx_dropped = c[VGATE_A_STATS_TX_DROPS];
	st->rx_crc_errors = c[VGATE_A_STATS_AUTH_FAIL];
	st->rx_frame_errors = c[VGATE_A_STATS_MALFORMED] +
			      c[VGATE_A_STATS_BAD_PADDING];
}

static const struct net_device_ops vgate_access_netdev_ops = {
	.ndo_init = vgate_access_init,
	.ndo_uninit = vgate_access_uninit,
	.ndo_start_xmit = vgate_access_xmit,
	.ndo_get_stats64 = vgate_access_get_stats64,
};

/* room for the worst case outer headers and ESP trailer (template.h) */
enum {
	VGATE_ACCESS_HEADROOM = sizeof(struct ipv6hdr) + sizeof(struct udphdr) +
				8 + 16,
	VGATE_ACCESS_TAILROOM = 15 + 2 + 32,
};

static void vgate_access_setup(struct net_device *dev)
{
	const netdev_features_t features = NETIF_F_SG | NETIF_F_HW_CSUM |
					   NETIF_F_HIGHDMA | NETIF_F_GSO_SOFTWARE;

	dev->netdev_ops = &vgate_access_netdev_ops;
	dev->type = ARPHRD_NONE;
	dev->flags = IFF_POINTOPOINT | IFF_NOARP;
	dev->priv_flags |= IFF_NO_QUEUE;
	dev->hard_header_len = 0;
	dev->addr_len = 0;
	dev->needed_headroom = LL_MAX_HEADER + VGATE_ACCESS_HEADROOM;
	dev->needed_tailroom = VGATE_ACCESS_TAILROOM;
	dev->min_mtu = VGATE_TMPL_MTU_MIN;
	dev->max_mtu = VGATE_TMPL_MTU_MAX;
	dev->features |= features;
	dev->hw_features |= features;
	dev->hw_enc_features |= features;
	dev->needs_free_netdev = true;
	vgate_dev_set_lltx(dev);
	/* an access device belongs to the netns of its session */
	vgate_dev_set_netns_immutable(dev);
}

/**
 * vgate_access_from_dev - the access device behind a net device
 * @dev: any net device
 *
 * Context: RTNL or rcu_read_lock() held, so that @dev cannot be freed.
 * Return: the access device, or NULL if @dev is not one.
 */
struct vgate_access *vgate_access_from_dev(struct net_device *dev)
{
	if (dev->netdev_ops != &vgate_access_netdev_ops)
		return NULL;
	return netdev_priv(dev);
}

/* the lowest free N such that no device of @net is called va<N> yet */
static int vgate_access_alloc_name(struct net *net, struct vgate_net *vn,
				   char *name)
{
	unsigned int min = 0;
	int id;

	for (;;) {
		id = ida_alloc_min(&vn->access_ida, min, GFP_KERNEL);
		if (id < 0)
			return id;
		snprintf(name, IFNAMSIZ, "va%d", id);
		if (!__dev_get_by_name(net, name))
			return id;
		ida_free(&vn->access_ida, id);
		min = id + 1;
	}
}

/*
 * IPv6 off before the device first comes up, as its disable_ipv6 sysctl
 * would set it: addrconf then gives it no link-local address, no routes,
 * no DAD or MLD work, and does not walk the whole IPv6 FIB as it comes up
 * (per session, under RTNL).  The sysctl turns IPv6 on as on any device.
 */
static void vgate_access_ipv6_off(struct net_device *dev)
{
#if IS_ENABLED(CONFIG_IPV6)
	struct inet6_dev *idev = __in6_dev_get(dev);

	ASSERT_RTNL();

	if (idev)
		WRITE_ONCE(idev->cnf.disable_ipv6, 1);
#endif
}

/**
 * vgate_access_new - clone an access device from a template
 * @net: the netns of the template and of the new device
 * @tmpl: the template
 * @ipv6: false to create it with IPv6 off
 * @extack: where to explain a refusal
 *
 * The device is named va<N>, gets the template's MTU and is left down.
 *
 * Context: RTNL held, process context.
 * Return: the new access device or an ERR_PTR().
 */
struct vgate_access *vgate_access_new(struct net *net, struct vgate_tmpl *tmpl,
				      bool ipv6, struct netlink_ext_ack *extack)
{
	struct vgate_net *vn = vgate_net_get(net);
	struct vgate_access *acc;
	struct net_device *dev;
	char name[IFNAMSIZ];
	int id, err;

	ASSERT_RTNL();

	if (tmpl->n_access >= tmpl->max_access) {
		VGATE_SET_ERR_MSG_FMT(extack,
				      "the template reached its max-access limit",
				      "template %s reached its max-access limit (%u)",
				      tmpl->dev->name, tmpl->max_access);
		return ERR_PTR(-ENOSPC);
	}

	id = vgate_access_alloc_name(net, vn, name);
	if (id < 0)
		return ERR_PTR(id);

	dev = alloc_netdev(sizeof(*acc), name, NET_NAME_ENUM,
			   vgate_access_setup);
	if (!dev) {
		err = -ENOMEM;
		goto err_ida;
	}
	dev_net_set(dev, net);
	dev->rtnl_link_ops = &vgate_link_ops;
	dev->mtu = READ_ONCE(tmpl->dev->mtu);

	acc = netdev_priv(dev);
	acc->dev = dev;
	acc->tmpl = tmpl;
	acc->id = id;
	acc->del_reason = -1;
	INIT_LIST_HEAD(&acc->sas);

	err = register_netdevice(dev);
	if (err)
		goto err_free_dev;
	/*
	 * Only now: a failed register_netdevice() must not run it (the
	 * caller frees the device), like WireGuard's wg_newlink().
	 */
	dev->priv_destructor = vgate_access_destruct;
	if (!ipv6)
		vgate_access_ipv6_off(dev);
	return acc;

err_free_dev:
	if (acc->stats) {
		/* ndo_init ran, so ndo_uninit did, and gave the number back */
		gro_cells_destroy(&acc->gro_cells);
		free_percpu(acc->stats);
		free_netdev(dev);
		return ERR_PTR(err);
	}
	free_netdev(dev);
err_ida:
	ida_free(&vn->access_ida, id);
	return ERR_PTR(err);
}

/**
 * vgate_access_del_queue - queue an access device for deletion
 * @acc: the access device
 * @reason: enum vgate_del_reason reported in ACCESS_DEL_NTF, unless an
 *	earlier one was set; teardown while the module is being removed
 * @head: the kill list of unregister_netdevice_many()
 *
 * Context: RTNL held.
 */
void vgate_access_del_queue(struct vgate_access *acc, u32 reason,
			    struct list_head *head)
{
	ASSERT_RTNL();

	if (acc->del_reason < 0)
		acc->del_reason = READ_ONCE(vgate_module_exiting) ?
				  VGATE_DEL_REASON_TEARDOWN : reason;
	unregister_netdevice_queue(acc->dev, head);
}

/**
 * vgate_access_del - delete an access device now
 * @acc: the access device
 * @reason: enum vgate_del_reason reported in ACCESS_DEL_NTF
 *
 * Context: RTNL held.
 */
void vgate_access_del(struct vgate_access *acc, u32 reason)
{
	ASSERT_RTNL();

	acc->del_reason = reason;
	unregister_netdevice(acc->dev);
}
