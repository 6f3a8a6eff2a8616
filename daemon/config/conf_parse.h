/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Parsers for the small value languages inside vgated.conf strings:
 * address prefixes, DPD settings, hex keys.  Each returns NULL on
 * success, else a short reason for the operator (no file/line: the
 * caller knows where the string was).
 */
#ifndef VGATE_CONFIG_CONF_PARSE_H
#define VGATE_CONFIG_CONF_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "config/ikev2_conf.h"

/*
 * "192.0.2.1" (a host), "10.0.0.0/8", "10.0.0.0 255.0.0.0" (IOS mask
 * form), "2001:db8::/64", or "any" (both families).  Host bits must be
 * clear: "10.0.0.1/8" is refused rather than silently widened.
 */
const char *conf_parse_prefix(const char *text, struct conf_prefix *out);

/* One address, no length: "192.0.2.1" or "2001:db8::1". */
const char *conf_parse_address(const char *text, sa_family_t *family,
			       uint8_t addr[16]);

/*
 * An IKE peer: "192.0.2.1" or "2001:db8::1 port 4501" into OUT (a
 * sockaddr_in or sockaddr_in6), with DEFAULT_PORT when no port is given.
 */
const char *conf_parse_endpoint(const char *text, uint16_t default_port,
				struct sockaddr_storage *out);

/* "INTERVAL RETRY periodic|on-demand", e.g. "30 5 on-demand". */
const char *conf_parse_dpd(const char *text, enum conf_dpd_mode *mode,
			   uint32_t *interval, uint32_t *retry);

/* Hex octets, optionally separated by ':' or spaces; *OUT is malloc'ed. */
const char *conf_parse_hex(const char *text, uint8_t **out, size_t *len);

/*
 * The address of SA as a family and 4 or 16 octets; an IPv4-mapped IPv6
 * address (a dual-stack socket) counts as the IPv4 address.  False for
 * other families.
 */
bool conf_sockaddr_addr(const struct sockaddr *sa, sa_family_t *family,
			uint8_t addr[16]);

/* True when the address of SA lies in P. */
bool conf_prefix_contains(const struct conf_prefix *p,
			  const struct sockaddr *sa);

/*
 * How specific P is, for longest-prefix match: by length, and "any"
 * below the family-specific 0.0.0.0/0 and ::/0.
 */
static inline int conf_prefix_rank(const struct conf_prefix *p)
{
	return p->len * 2 + (p->family != AF_UNSPEC);
}

/* "10.0.0.0/8", "any", for messages. */
void conf_prefix_format(const struct conf_prefix *p, char *buf, size_t len);

#endif
