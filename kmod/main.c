// SPDX-License-Identifier: GPL-2.0
/*
 * vgate: IKEv2 remote-access headend data plane, module init and exit.
 *
 * Copyright (C) 2026 The vgate authors
 */

#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/vgate.h>
#include <linux/workqueue.h>

#include "esp.h"
#include "netlink.h"
#include "netns.h"
#include "replay.h"
#include "sa.h"
#include "template.h"
#include "transport.h"

static int __init vgate_init(void)
{
	int err;

#ifdef VGATE_SELFTESTS
	if (!vgate_replay_selftest() || !vgate_esp_selftest())
		return -ENOTRECOVERABLE;
#endif

	/* SA lifetimes and SA freeing */
	vgate_wq = alloc_workqueue("vgate", 0, 0);
	if (!vgate_wq)
		return -ENOMEM;

	/* per-netns lists first: a template links itself in on creation */
	err = vgate_net_register();
	if (err)
		goto err_wq;

	err = vgate_link_register();
	if (err)
		goto err_net;

	err = vgate_nl_register();
	if (err)
		goto err_link;

	err = vgate_rawesp_register();
	if (err)
		goto err_nl;

	return 0;

err_nl:
	vgate_nl_unregister();
err_link:
	vgate_link_unregister();
err_net:
	vgate_net_unregister();
err_wq:
	destroy_workqueue(vgate_wq);
	return err;
}

static void __exit vgate_exit(void)
{
	/* no raw ESP arrives any more; UDP sockets go with their SAs */
	vgate_rawesp_unregister();
	/* no request, no notification */
	vgate_nl_unregister();
	/* every access device (and its SAs) and template, reason teardown */
	WRITE_ONCE(vgate_module_exiting, true);
	vgate_link_unregister();
	vgate_net_unregister();
	/*
	 * The devices' unregistration waited for the SAs to let go of them,
	 * but the SAs' own frees and RCU callbacks may still be queued: let
	 * the lifetime works finish, the grace periods pass, the frees run.
	 */
	flush_workqueue(vgate_wq);
	rcu_barrier();
	destroy_workqueue(vgate_wq);
	rcu_barrier();
}

module_init(vgate_init);
module_exit(vgate_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("vgate IKEv2 remote-access headend data plane");
MODULE_AUTHOR("The vgate authors");
