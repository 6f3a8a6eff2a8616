/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reading vgate virtual templates from the kernel over the vgate generic
 * netlink family (uapi/linux/vgate.h), in the caller's network namespace.
 */
#ifndef VGATE_DATAPLANE_GENL_TEMPLATES_H
#define VGATE_DATAPLANE_GENL_TEMPLATES_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vgate_template {
	char ifname[IF_NAMESIZE];
	uint32_t ifindex;
	uint32_t mtu;
	bool has_unnumbered;
	uint32_t unnumbered_ifindex;
	uint32_t max_access;
	uint32_t n_access;
};

/*
 * Reads the template named IFNAME, or every template when IFNAME is NULL,
 * into a malloc'ed array.  Returns 0, or -1 with the reason in ERROR
 * (the kernel's extack message when it gave one).
 */
int vgate_templates_get(const char *ifname, struct vgate_template **templates,
			size_t *count, char *error, size_t error_size);

#endif
