// SPDX-License-Identifier: GPL-2.0
/*
 * vgate: IKEv2 remote-access headend data plane, module init and exit.
 *
 * Copyright (C) 2026 The vgate authors
 */

#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/vgate.h>

#include "netlink.h"
#include "netns.h"
#include "template.h"

static int __init vgate_init(void)
{
	int err;

	/* per-netns lists first: a template links itself in on creation */
	err = vgate_net_register();
	if (err)
		return err;

	err = vgate_link_register();
	if (err)
		goto err_net;

	err = vgate_nl_register();
	if (err)
		goto err_link;

	return 0;

err_link:
	vgate_link_unregister();
err_net:
	vgate_net_unregister();
	return err;
}

static void __exit vgate_exit(void)
{
	vgate_nl_unregister();
	vgate_link_unregister();
	vgate_net_unregister();
	/* wait for RCU callbacks that may still run module code */
	rcu_barrier();
}

module_init(vgate_init);
module_exit(vgate_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("vgate IKEv2 remote-access headend data plane");
MODULE_AUTHOR("The vgate authors");
