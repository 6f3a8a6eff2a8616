/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The counters of an access device or an SA (enum vgate_a_stats). */
#ifndef VGATE_DATAPLANE_STATS_H
#define VGATE_DATAPLANE_STATS_H

#include <stdint.h>

#include <libmnl/libmnl.h>
#include <linux/vgate.h>

struct vgate_stats {
	uint64_t v[VGATE_A_STATS_MAX + 1];	/* by enum vgate_a_stats */
};

/* JSON member names by attribute ("rx_packets", ...); NULL for pad/unspec. */
extern const char *const vgate_stats_names[VGATE_A_STATS_MAX + 1];

/* Reads a VGATE_A_*_STATS nest; counters it lacks stay 0. */
void vgate_stats_parse(const struct nlattr *nest, struct vgate_stats *s);

#endif
