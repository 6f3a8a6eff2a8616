// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The data plane of vgate-loadgen, make bench-ike's load generator: vgated
 * linked with this file in place of dataplane/genl_access.c, genl_sa.c and
 * rtnl.c.  It negotiates like vgated and keeps nothing in the kernel: its
 * CHILD SAs get no access device, kernel SA or route.
 *
 * Why: as vgated itself, the generator created one network device per
 * session in the same guest as the responder under test, and that kernel
 * work took about as much CPU as the responder's own, so the setup rate
 * measured the guest rather than the responder.  Only the generator's end
 * is hollow: the responder (vgated or charon) installs everything.
 */
#include <stdio.h>
#include <string.h>

#include <linux/netlink.h>

#include "dataplane/genl_access.h"
#include "dataplane/genl_sa.h"
#include "dataplane/rtnl.h"

/* far above what the guest's own devices use: never a real ifindex */
#define LOADGEN_IFINDEX_BASE 0x40000000u

static uint32_t next_ifindex = LOADGEN_IFINDEX_BASE;

int vgate_access_new(struct vgate_genl *g, uint32_t template_ifindex,
		     bool ipv6, struct vgate_access *created)
{
	(void)g, (void)ipv6;
	memset(created, 0, sizeof(*created));
	created->ifindex = next_ifindex++;
	created->template_ifindex = template_ifindex;
	snprintf(created->ifname, sizeof(created->ifname), "lg%u",
		 created->ifindex - LOADGEN_IFINDEX_BASE);
	return 0;
}

int vgate_access_del(struct vgate_genl *g, uint32_t ifindex, bool has_reason,
		     uint32_t reason)
{
	(void)g, (void)ifindex, (void)has_reason, (void)reason;
	return 0;
}

int vgate_access_get(struct vgate_genl *g, uint32_t ifindex,
		     uint32_t template_ifindex, struct vgate_access **list,
		     size_t *count)
{
	(void)g, (void)ifindex, (void)template_ifindex;
	*list = NULL;
	*count = 0;
	return 0;
}

void vgate_sa_wipe_keys(struct vgate_sa *sa)
{
	explicit_bzero(sa->enc_key, sizeof(sa->enc_key));
	explicit_bzero(sa->integ_key, sizeof(sa->integ_key));
}

int vgate_sa_new(struct vgate_genl *g, const struct vgate_sa *sa)
{
	(void)g, (void)sa;
	return 0;
}

int vgate_sa_del(struct vgate_genl *g, uint32_t access, uint32_t dir,
		 uint32_t spi, bool has_reason, uint32_t reason)
{
	(void)g, (void)access, (void)dir, (void)spi, (void)has_reason,
		(void)reason;
	return 0;
}

int vgate_sa_swap(struct vgate_genl *g, uint32_t access, uint32_t spi)
{
	(void)g, (void)access, (void)spi;
	return 0;
}

int vgate_sa_get(struct vgate_genl *g, uint32_t access, struct vgate_sa **list,
		 size_t *count)
{
	(void)g, (void)access;
	*list = NULL;
	*count = 0;
	return 0;
}

int vgate_rtnl_open(struct vgate_genl *g)
{
	return vgate_netlink_open(g, NETLINK_ROUTE);
}

int vgate_link_ipv6_on(struct vgate_genl *g, const char *ifname)
{
	(void)g, (void)ifname;
	return 0;
}

int vgate_rtnl_link_up(struct vgate_genl *g, uint32_t ifindex)
{
	(void)g, (void)ifindex;
	return 0;
}

int vgate_rtnl_route(struct vgate_genl *g, bool add,
		     const struct vgate_prefix *prefix, uint32_t ifindex,
		     const struct vgate_addr *src, uint32_t table)
{
	(void)g, (void)add, (void)prefix, (void)ifindex, (void)src, (void)table;
	return 0;
}

int vgate_rtnl_link_set_master(struct vgate_genl *g, uint32_t ifindex,
			       uint32_t master)
{
	(void)g, (void)ifindex, (void)master;
	return 0;
}

int vgate_rtnl_vrf_table(struct vgate_genl *g, uint32_t ifindex, uint32_t *table)
{
	(void)g, (void)ifindex;
	*table = 0;
	return 0;
}

int vgate_rtnl_addrs_first(struct vgate_genl *g, uint32_t ifindex,
			   struct vgate_addr out[2])
{
	(void)g, (void)ifindex;
	memset(out, 0, 2 * sizeof(out[0]));
	return 0;
}
