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
#include "ike/codec_build.h"
#include "ike/ike_sa.h"

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

/* TSi or TSr (TYPE) holding the N prefixes (at most IKE_SA_MAX_TS). */
void ike_ts_put_prefixes(struct ike_writer *w, uint8_t type,
			 const struct vgate_prefix *p, unsigned int n);

/*
 * Narrows the N prefixes a peer PROPOSED (RFC 7296 §2.9) to their
 * intersection with ALLOWED, in place; returns how many are left
 * (0: nothing in common).
 */
unsigned int ike_ts_narrow(struct vgate_prefix *proposed, unsigned int n,
			   const struct vgate_prefix *allowed,
			   unsigned int n_allowed);

#endif
