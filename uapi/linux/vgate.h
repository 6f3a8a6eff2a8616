/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * vgate: IKEv2 remote-access headend data plane, generic-netlink ABI.
 *
 * This is the only header shared by vgate.ko and its userspace.  The
 * authoritative description of every command and attribute, with its
 * checks, is Documentation/netlink/specs/vgate.yaml; keep the two in step.
 *
 * Objects:
 *  - template: a "virtual template" net device (rtnl kind "vgate") that
 *    holds the settings access devices are cloned from.  It carries no
 *    traffic itself.  Created and deleted with rtnetlink
 *    ("ip link add vt10 type vgate"), read over this family.
 */
#ifndef _UAPI_LINUX_VGATE_H
#define _UAPI_LINUX_VGATE_H

#define VGATE_GENL_NAME		"vgate"
#define VGATE_GENL_VERSION	1

/* rtnl link kind of every vgate device */
#define VGATE_LINK_KIND		"vgate"

/* Default and largest number of access devices one template may clone. */
#define VGATE_TMPL_MAX_ACCESS_DEFAULT	65536
#define VGATE_TMPL_MAX_ACCESS_LIMIT	1048576

/**
 * enum vgate_cmd - generic-netlink commands
 * @VGATE_CMD_TEMPLATE_GET: read one template (do, by ifindex or ifname) or
 *	every template of the caller's netns (dump)
 */
enum vgate_cmd {
	VGATE_CMD_UNSPEC,
	VGATE_CMD_TEMPLATE_GET,

	/* private */
	__VGATE_CMD_MAX,
	VGATE_CMD_MAX = __VGATE_CMD_MAX - 1,
};

/**
 * enum vgate_a - top-level attributes
 * @VGATE_A_TEMPLATE: nest of enum vgate_a_tmpl
 */
enum vgate_a {
	VGATE_A_UNSPEC,
	VGATE_A_TEMPLATE,

	/* private */
	__VGATE_A_MAX,
	VGATE_A_MAX = __VGATE_A_MAX - 1,
};

/**
 * enum vgate_a_tmpl - attributes of a virtual template
 * @VGATE_A_TMPL_IFINDEX: u32, interface index (selects the template in
 *	requests)
 * @VGATE_A_TMPL_IFNAME: string, interface name (selects the template in
 *	requests when no ifindex is given)
 * @VGATE_A_TMPL_MTU: u32, MTU given to cloned access devices
 * @VGATE_A_TMPL_UNNUMBERED: u32, ifindex of the device whose address
 *	access devices borrow ("ip unnumbered"); absent when none is set
 * @VGATE_A_TMPL_MAX_ACCESS: u32, most access devices this template may
 *	clone
 * @VGATE_A_TMPL_N_ACCESS: u32, access devices currently cloned (read-only)
 */
enum vgate_a_tmpl {
	VGATE_A_TMPL_UNSPEC,
	VGATE_A_TMPL_IFINDEX,
	VGATE_A_TMPL_IFNAME,
	VGATE_A_TMPL_MTU,
	VGATE_A_TMPL_UNNUMBERED,
	VGATE_A_TMPL_MAX_ACCESS,
	VGATE_A_TMPL_N_ACCESS,

	/* private */
	__VGATE_A_TMPL_MAX,
	VGATE_A_TMPL_MAX = __VGATE_A_TMPL_MAX - 1,
};

#endif /* _UAPI_LINUX_VGATE_H */
