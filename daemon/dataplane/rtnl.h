/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The few rtnetlink requests vgated makes for a session: bring its
 * access device up, route the client's inner prefixes through it (from
 * the template's unnumbered address) and put it in its VRF.
 * A struct vgate_genl opened with vgate_netlink_open(NETLINK_ROUTE)
 * carries them, so errors read like the genl ones.
 */
#ifndef VGATE_DATAPLANE_RTNL_H
#define VGATE_DATAPLANE_RTNL_H

#include <stdbool.h>
#include <stdint.h>

#include "dataplane/genl.h"
#include "dataplane/parse.h"

int vgate_rtnl_open(struct vgate_genl *g);

/* Sets IFF_UP on IFINDEX.  0, or -1 with the reason in G->error. */
int vgate_rtnl_link_up(struct vgate_genl *g, uint32_t ifindex);

/*
 * Adds (ADD true) or deletes the route to PREFIX through IFINDEX in
 * TABLE (0: the main table), with SRC as preferred source when its
 * family is set.
 */
int vgate_rtnl_route(struct vgate_genl *g, bool add,
		     const struct vgate_prefix *prefix, uint32_t ifindex,
		     const struct vgate_addr *src, uint32_t table);

/*
 * Turns IPv6 on on IFNAME: net.ipv6.conf.IFNAME.disable_ipv6 = 0, which
 * rtnetlink cannot set.  0, or -1 with the reason in G->error.
 */
int vgate_link_ipv6_on(struct vgate_genl *g, const char *ifname);

/* Enslaves IFINDEX to MASTER (a VRF device).  0, or -1 (G->error). */
int vgate_rtnl_link_set_master(struct vgate_genl *g, uint32_t ifindex,
			       uint32_t master);

/*
 * The first IPv4 (OUT[0]) and first non-link-local IPv6 address (OUT[1])
 * of IFINDEX; family 0 where it has none.  The kernel dumps only that
 * interface's addresses, so the cost does not grow with the number of
 * access devices.  0, or -1 (G->error).
 */
int vgate_rtnl_addrs_first(struct vgate_genl *g, uint32_t ifindex,
			   struct vgate_addr out[2]);

/* The routing table of VRF device IFINDEX.  0, or -1 (G->error). */
int vgate_rtnl_vrf_table(struct vgate_genl *g, uint32_t ifindex, uint32_t *table);

#endif
