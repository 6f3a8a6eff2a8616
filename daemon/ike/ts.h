/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Traffic selectors (RFC 7296 §3.13) as vgate uses them: an access
 * device carries whole address ranges, so a selector must cover every
 * protocol and port, and its range becomes the prefixes that route to
 * the device and that an inbound SA accepts as inner sources.
 */
#ifndef VGATE_IKE_TS_H
#define VGATE_IKE_TS_H

#include <stdbool.h>

#include "config/ikev2_conf.h"
#include "dataplane/parse.h"
#include "ike/codec.h"

/*
 * Appends the smallest set of prefixes that exactly covers TS's range
 * to OUT (room for MAX, *N already there).  False when TS limits
 * protocol or ports, or the prefixes do not fit.
 */
bool ike_ts_to_prefixes(const struct ike_traffic_selector *ts,
			struct vgate_prefix *out, unsigned int max,
			unsigned int *n);

/*
 * The selector for a configured prefix (every protocol and port), its
 * addresses written to START and END (16 octets of room each).
 */
void ike_ts_from_prefix(const struct conf_prefix *p,
			struct ike_traffic_selector *ts, uint8_t *start,
			uint8_t *end);

/* True when ADDR lies in one of the N prefixes. */
bool ike_prefixes_contain(const struct vgate_prefix *p, unsigned int n,
			  const struct vgate_addr *addr);

#endif
