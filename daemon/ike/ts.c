// SPDX-License-Identifier: GPL-2.0-or-later
#include <string.h>
#include <sys/socket.h>

#include "ike/ts.h"

/* Big-endian arithmetic on LEN-octet addresses. */
static bool host_bits_clear(const uint8_t *a, unsigned int len,
			    unsigned int plen)
{
	for (unsigned int bit = plen; bit < len * 8; bit++)
		if (a[bit / 8] & (0x80 >> (bit % 8)))
			return false;
	return true;
}

static void set_host_bits(uint8_t *a, unsigned int len, unsigned int plen)
{
	for (unsigned int bit = plen; bit < len * 8; bit++)
		a[bit / 8] |= 0x80 >> (bit % 8);
}

/* A += 1; false on wrap-around. */
static bool increment(uint8_t *a, unsigned int len)
{
	for (unsigned int i = len; i-- > 0;)
		if (++a[i])
			return true;
	return false;
}

bool ike_ts_to_prefixes(const struct ike_traffic_selector *ts,
			struct vgate_prefix *out, unsigned int max,
			unsigned int *n)
{
	unsigned int len = ts->addr_len;
	uint8_t cur[16], last[16];

	if (ts->ip_protocol != 0 || ts->start_port != 0 ||
	    ts->end_port != 65535 || (len != 4 && len != 16))
		return false;
	memcpy(cur, ts->start_addr, len);
	if (memcmp(cur, ts->end_addr, len) > 0)
		return false;
	for (;;) {
		unsigned int plen;

		/* the largest aligned block at CUR that stays inside */
		for (plen = 0; plen <= len * 8; plen++) {
			if (!host_bits_clear(cur, len, plen))
				continue;
			memcpy(last, cur, len);
			set_host_bits(last, len, plen);
			if (memcmp(last, ts->end_addr, len) <= 0)
				break;
		}
		if (*n >= max)
			return false;
		memset(&out[*n], 0, sizeof(out[*n]));
		out[*n].addr.family = len == 4 ? AF_INET : AF_INET6;
		memcpy(out[*n].addr.bytes, cur, len);
		out[*n].len = (uint8_t)plen;
		(*n)++;
		if (!memcmp(last, ts->end_addr, len))
			return true;
		memcpy(cur, last, len);
		if (!increment(cur, len))
			return true;
	}
}

void ike_ts_from_prefix(const struct conf_prefix *p,
			struct ike_traffic_selector *ts, uint8_t *start,
			uint8_t *end)
{
	unsigned int len = p->family == AF_INET ? 4 : 16;

	memcpy(start, p->addr, len);
	memcpy(end, p->addr, len);
	set_host_bits(end, len, p->len);
	*ts = (struct ike_traffic_selector){
		.type = len == 4 ? IKEV2_TS_IPV4_ADDR_RANGE : IKEV2_TS_IPV6_ADDR_RANGE,
		.end_port = 65535, .addr_len = (uint8_t)len,
		.start_addr = start, .end_addr = end,
	};
}

bool ike_prefixes_contain(const struct vgate_prefix *p, unsigned int n,
			  const struct vgate_addr *addr)
{
	for (unsigned int i = 0; i < n; i++) {
		unsigned int alen = p[i].addr.family == AF_INET ? 4 : 16;
		uint8_t masked[16];

		if (p[i].addr.family != addr->family)
			continue;
		memcpy(masked, addr->bytes, alen);
		for (unsigned int bit = p[i].len; bit < alen * 8; bit++)
			masked[bit / 8] &= (uint8_t)~(0x80 >> (bit % 8));
		if (!memcmp(masked, p[i].addr.bytes, alen))
			return true;
	}
	return false;
}

void ike_ts_put_prefixes(struct ike_writer *w, uint8_t type,
			 const struct vgate_prefix *p, unsigned int n)
{
	struct ike_traffic_selector ts[IKE_SA_MAX_TS];
	uint8_t addrs[IKE_SA_MAX_TS][2][16];

	if (n > IKE_SA_MAX_TS)
		n = IKE_SA_MAX_TS;
	for (unsigned int i = 0; i < n; i++) {
		struct conf_prefix cp = {
			.family = (sa_family_t)p[i].addr.family, .len = p[i].len,
		};

		memcpy(cp.addr, p[i].addr.bytes, sizeof(cp.addr));
		ike_ts_from_prefix(&cp, &ts[i], addrs[i][0], addrs[i][1]);
	}
	ike_put_ts(w, type, ts, n);
}

/* A is inside B (same family, B no longer than A, A's bits under B's). */
static bool prefix_inside(const struct vgate_prefix *a,
			  const struct vgate_prefix *b)
{
	return a->addr.family == b->addr.family && b->len <= a->len &&
	       ike_prefixes_contain(b, 1, &a->addr);
}

unsigned int ike_ts_narrow(struct vgate_prefix *proposed, unsigned int n,
			   const struct vgate_prefix *allowed,
			   unsigned int n_allowed)
{
	struct vgate_prefix out[IKE_SA_MAX_TS];
	unsigned int n_out = 0;

	/* aligned blocks are nested or disjoint: the smaller one of a
	 * nested pair is their intersection */
	for (unsigned int i = 0; i < n_allowed; i++)
		for (unsigned int j = 0; j < n && n_out < IKE_SA_MAX_TS; j++) {
			if (prefix_inside(&allowed[i], &proposed[j]))
				out[n_out++] = allowed[i];
			else if (prefix_inside(&proposed[j], &allowed[i]))
				out[n_out++] = proposed[j];
		}
	memcpy(proposed, out, n_out * sizeof(out[0]));
	return n_out;
}
