/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vgate virtual templates over the vgate genl family (VGATE_A_TEMPLATE). */
#ifndef VGATE_DATAPLANE_GENL_TEMPLATES_H
#define VGATE_DATAPLANE_GENL_TEMPLATES_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dataplane/genl.h"

struct vgate_template {
	char ifname[IF_NAMESIZE];
	uint32_t ifindex;
	uint32_t mtu;
	bool has_unnumbered;
	uint32_t unnumbered_ifindex;
	uint32_t max_access;
	uint32_t n_access;
};

/* What TEMPLATE_SET changes on the template named IFNAME. */
struct vgate_template_change {
	const char *ifname;
	bool set_max_access;
	uint32_t max_access;
	bool set_unnumbered;
	uint32_t unnumbered_ifindex;	/* 0 clears it */
};

/*
 * Reads the template named IFNAME, or every template when IFNAME is NULL,
 * into a malloc'ed array.  Returns 0, or -1 with the reason in G->error.
 */
int vgate_templates_get(struct vgate_genl *g, const char *ifname,
			struct vgate_template **templates, size_t *count);
int vgate_template_set(struct vgate_genl *g,
		       const struct vgate_template_change *change);

#endif
