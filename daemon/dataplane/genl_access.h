/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vgate access devices over the vgate genl family (VGATE_A_ACCESS). */
#ifndef VGATE_DATAPLANE_GENL_ACCESS_H
#define VGATE_DATAPLANE_GENL_ACCESS_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dataplane/genl.h"
#include "dataplane/stats.h"

struct vgate_access {
	char ifname[IF_NAMESIZE];
	uint32_t ifindex;
	uint32_t template_ifindex;
	bool has_out_spi;
	uint32_t out_spi;
	uint32_t n_sa;
	struct vgate_stats stats;
};

/* Each returns 0, or -1 with the reason in G->error. */

/*
 * Clones an access device from the template TEMPLATE_IFINDEX; without
 * IPV6 it starts with IPv6 off (its disable_ipv6 sysctl turns it on).
 */
int vgate_access_new(struct vgate_genl *g, uint32_t template_ifindex,
		     bool ipv6, struct vgate_access *created);
/* Deletes one; REASON is sent only when HAS_REASON. */
int vgate_access_del(struct vgate_genl *g, uint32_t ifindex, bool has_reason,
		     uint32_t reason);
/*
 * Reads the access device IFINDEX, or (IFINDEX 0) every one, or those of
 * the template TEMPLATE_IFINDEX when not 0, into a malloc'ed array.
 */
int vgate_access_get(struct vgate_genl *g, uint32_t ifindex,
		     uint32_t template_ifindex, struct vgate_access **list,
		     size_t *count);

#endif
