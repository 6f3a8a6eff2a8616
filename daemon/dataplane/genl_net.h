/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Netns-wide vgate limits and counts over the vgate genl family (VGATE_A_NET). */
#ifndef VGATE_DATAPLANE_GENL_NET_H
#define VGATE_DATAPLANE_GENL_NET_H

#include <stdint.h>

#include "dataplane/genl.h"

struct vgate_net {
	uint32_t max_sa;
	uint32_t n_sa;
	uint32_t n_access;
	uint64_t unknown_spi;
};

/* Each returns 0, or -1 with the reason in G->error. */
int vgate_net_get(struct vgate_genl *g, struct vgate_net *net);
int vgate_net_set_max_sa(struct vgate_genl *g, uint32_t max_sa);

#endif
