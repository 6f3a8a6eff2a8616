/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vgate: notifications on the "events" multicast group.
 *
 * Copyright (C) 2026 The vgate authors
 */
#ifndef _VGATE_NOTIFY_H_
#define _VGATE_NOTIFY_H_

#include <linux/gfp.h>
#include <linux/skbuff.h>
#include <linux/types.h>

struct net;
struct vgate_access;
struct vgate_sa;
struct vgate_udp_sock;

void vgate_notify_access_del(struct vgate_access *acc, u32 reason);
void vgate_notify_sa_expire(struct vgate_sa *sa, bool hard, u32 limit,
			    gfp_t gfp);
void vgate_notify_unknown_spi(struct net *net, struct sk_buff *skb, u32 spi,
			      struct vgate_udp_sock *us);

#endif /* _VGATE_NOTIFY_H_ */
