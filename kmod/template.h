/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vgate: virtual template devices.
 *
 * Copyright (C) 2026 The vgate authors
 */
#ifndef _VGATE_TEMPLATE_H_
#define _VGATE_TEMPLATE_H_

#include <linux/if.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/list.h>
#include <linux/netdevice.h>
#include <linux/types.h>
#include <linux/udp.h>
#include <net/ip.h>

/*
 * MTU of a template, which its access devices inherit.  The worst case
 * ESP-in-UDP overhead of the algorithms vgate supports is AES-CBC with
 * HMAC-SHA-512/256: outer IP header, UDP header (NAT-T), ESP header
 * (SPI + sequence number), a 16-byte IV, up to 15 bytes of padding, the
 * pad-length and next-header bytes and a 32-byte ICV.
 *
 * The default of 1400 is the classic IPsec tunnel MTU (Cisco's "ip mtu
 * 1400"): over IPv4 it fits every algorithm into a 1500-byte path, padding
 * included (a 1400-byte packet leaves as 1492 bytes with
 * AES-CBC/HMAC-SHA-512, 1464 with AES-GCM); over IPv6 only AES-CBC with
 * HMAC-SHA-384/512 exceeds it, by up to 12 bytes, and is fragmented
 * (udp.c, Documentation/dataplane.md "MTU and fragmentation").
 * The maximum leaves room for the worst case overhead of an IPv6 outer
 * header under the 64 KiB IP datagram limit; the minimum is the IPv4
 * minimum (IPv6 turns itself off below 1280 on its own).
 */
enum vgate_tmpl_mtu {
	VGATE_ESP_OVERHEAD_MAX = sizeof(struct ipv6hdr) + sizeof(struct udphdr) +
				 8 + 16 + 15 + 2 + 32,
	VGATE_TMPL_MTU_DEFAULT = 1400,
	VGATE_TMPL_MTU_MIN = IPV4_MIN_MTU,
	VGATE_TMPL_MTU_MAX = IP_MAX_MTU - VGATE_ESP_OVERHEAD_MAX,
};

/**
 * struct vgate_tmpl - a virtual template, the private part of its device
 * @dev: the template's net device
 * @node: entry in &struct vgate_net.tmpls of the device's netns; linked in
 *	ndo_init and unlinked in ndo_uninit, both under RTNL
 * @access: the access devices cloned from it (&struct vgate_access.tmpl_node),
 *	changed under RTNL with the _rcu list primitives
 * @max_access: most access devices this template may clone
 * @n_access: access devices currently cloned from this template
 * @unnumbered: ifindex of the device whose address access devices borrow,
 *	0 for none
 *
 * The device never changes netns, so @node always sits in the list of
 * dev_net(@dev).  The settings (@max_access, @unnumbered) and @n_access
 * are written under RTNL with WRITE_ONCE() and may be read locklessly
 * with READ_ONCE() under rcu_read_lock().
 */
struct vgate_tmpl {
	struct net_device *dev;
	struct list_head node;
	struct list_head access;
	u32 max_access;
	u32 n_access;
	int unnumbered;
};

extern struct rtnl_link_ops vgate_link_ops;
extern bool vgate_module_exiting;

struct vgate_tmpl *vgate_tmpl_from_dev(struct net_device *dev);
int vgate_link_register(void);
void vgate_link_unregister(void);

#endif /* _VGATE_TEMPLATE_H_ */
