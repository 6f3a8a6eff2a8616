// SPDX-License-Identifier: GPL-2.0
/*
 * vgate: per-network-namespace state.
 *
 * Copyright (C) 2026 The vgate authors
 */

#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/net_namespace.h>

#include "access.h"
#include "netns.h"
#include "sa.h"
#include "template.h"

/* UNKNOWN_SPI_NTF: at most this many per second and netns */
#define VGATE_UNKNOWN_SPI_NTF_BURST	10

unsigned int vgate_net_id __read_mostly;

static int __net_init vgate_net_init(struct net *net)
{
	struct vgate_net *vn = vgate_net_get(net);

	INIT_LIST_HEAD(&vn->tmpls);
	/* non-zero, so that the first dump message already records it */
	vn->tmpls_gen = 1;
	INIT_LIST_HEAD(&vn->access);
	ida_init(&vn->access_ida);
	vn->gen = 1;
	vn->max_sa = VGATE_NET_MAX_SA_DEFAULT;
	atomic64_set(&vn->unknown_spi, 0);
	ratelimit_state_init(&vn->unknown_spi_rs, HZ,
			     VGATE_UNKNOWN_SPI_NTF_BURST);
	/* no "callbacks suppressed" lines in the kernel log */
	ratelimit_set_flags(&vn->unknown_spi_rs, RATELIMIT_MSG_ON_RELEASE);
	return vgate_sa_table_init(vn);
}

/*
 * A dying netns takes its templates and access devices with it (they are
 * netns-immutable and not refunded to init_net): queue them all here, the
 * core unregisters the whole batch with one unregister_netdevice_many()
 * and ndo_uninit unlinks each one from its lists (an access device also
 * deletes its SAs and reports reason teardown).
 */
static void __net_exit vgate_net_exit_batch_rtnl(struct list_head *net_list,
						 struct list_head *dev_kill_list)
{
	struct vgate_access *acc;
	struct vgate_tmpl *tmpl;
	struct vgate_net *vn;
	struct net *net;

	ASSERT_RTNL();

	list_for_each_entry(net, net_list, exit_list) {
		vn = vgate_net_get(net);
		list_for_each_entry(acc, &vn->access, node)
			vgate_access_del_queue(acc, VGATE_DEL_REASON_TEARDOWN,
					       dev_kill_list);
		list_for_each_entry(tmpl, &vn->tmpls, node)
			unregister_netdevice_queue(tmpl->dev, dev_kill_list);
	}
}

static void __net_exit vgate_net_exit(struct net *net)
{
	struct vgate_net *vn = vgate_net_get(net);

	/* exit_batch_rtnl has run and the devices are gone */
	DEBUG_NET_WARN_ON_ONCE(!list_empty(&vn->tmpls));
	DEBUG_NET_WARN_ON_ONCE(!list_empty(&vn->access));
	DEBUG_NET_WARN_ON_ONCE(vn->n_sa);
	vgate_sa_table_destroy(vn);
	ida_destroy(&vn->access_ida);
}

static struct pernet_operations vgate_net_ops = {
	.init = vgate_net_init,
	.exit_batch_rtnl = vgate_net_exit_batch_rtnl,
	.exit = vgate_net_exit,
	.id = &vgate_net_id,
	.size = sizeof(struct vgate_net),
};

/**
 * vgate_net_register - set up the per-netns state of every netns
 *
 * Context: process context, module init.
 * Return: 0 or a negative errno.
 */
int vgate_net_register(void)
{
	return register_pernet_device(&vgate_net_ops);
}

/**
 * vgate_net_unregister - tear down the per-netns state of every netns
 *
 * Removes the templates still present in any netns.
 *
 * Context: process context, module exit.
 */
void vgate_net_unregister(void)
{
	unregister_pernet_device(&vgate_net_ops);
}
