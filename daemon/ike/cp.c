// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The CFG_REPLY a remote-access client gets (RFC 7296 §3.15, RFC 8598,
 * spec ch2-5 §11): its addresses only when it asked for them (one of
 * each family however many it asked for), the netmask only with an
 * IPv4 address, every other configured standard attribute whether
 * asked or not, and the Cisco Unity ones (banner, default domain,
 * split DNS, backup servers, PFS, local LAN) and our version only when
 * the client asked for them: other clients do not know them.
 *
 * A client's CFG_SET (a FlexVPN client pushing its own subnets) gets a
 * CFG_ACK for each subnet its CHILD SA already routes to it, and for
 * nothing else: acknowledging a subnet vgated does not route would be
 * a lie.  vgated sends no CFG_SET itself (RFC 7296 §3.15 makes it a
 * request payload, and IKE_AUTH's requests are the client's).
 */
#include <string.h>

#include "common/version.h"
#include "ike/engine_internal.h"
#include "ike/ra.h"
#include "ike/ts.h"

/* Room for every attribute a reply can hold, and for their values. */
#define CP_ATTRS_MAX	(8 + 3 * AAA_MAX_SERVERS + AAA_MAX_ROUTES + \
			 2 * AAA_MAX_SPLIT_DNS + AAA_MAX_BACKUP_GW + 4)
#define CP_VALUES_MAX	(AAA_MAX_ROUTES * 17 + 64 * 17)

struct cp_reply {
	struct ike_cfg_attr attrs[CP_ATTRS_MAX];
	unsigned int n;
	uint8_t values[CP_VALUES_MAX];
	size_t used;
};

bool ike_cp_requested(const struct ike_payload *cp, uint16_t type)
{
	if (!cp || cp->u.cp.cfg_type != IKEV2_CFG_REQUEST)
		return false;
	for (unsigned int i = 0; i < cp->u.cp.n_attrs; i++)
		if (cp->u.cp.attrs[i].type == type)
			return true;
	return false;
}

/* Appends attribute TYPE with LEN octets of value (copied). */
static void add(struct cp_reply *r, uint16_t type, const void *value, size_t len)
{
	if (r->n >= CP_ATTRS_MAX || len > sizeof(r->values) - r->used || len > 0xffff)
		return;
	memcpy(r->values + r->used, value, len);
	r->attrs[r->n++] = (struct ike_cfg_attr){
		.type = type, .len = (uint16_t)len, .value = r->values + r->used,
	};
	r->used += len;
}

static void add_text(struct cp_reply *r, uint16_t type, const char *s)
{
	if (s)
		add(r, type, s, strlen(s));
}

/* INTERNAL_IP6_ADDRESS / _SUBNET: address and prefix length. */
static void add_v6_prefix(struct cp_reply *r, uint16_t type,
			  const void *addr, uint8_t len)
{
	uint8_t v[17];

	memcpy(v, addr, 16);
	v[16] = len;
	add(r, type, v, sizeof(v));
}

static void add_routes(struct cp_reply *r, const struct aaa_attrs *a)
{
	for (unsigned int i = 0; i < a->n_routes; i++) {
		const struct conf_prefix *p = &a->routes[i];

		if (p->family == AF_INET) {
			uint8_t v[8] = { 0 };
			uint32_t mask = p->len ? htonl(~0u << (32 - p->len)) : 0;

			memcpy(v, p->addr, 4);
			memcpy(v + 4, &mask, 4);
			add(r, IKEV2_CFG_INTERNAL_IP4_SUBNET, v, sizeof(v));
		} else {
			add_v6_prefix(r, IKEV2_CFG_INTERNAL_IP6_SUBNET, p->addr, p->len);
		}
	}
}

/* The Cisco Unity attributes the client asked for. */
static void add_unity(struct cp_reply *r, const struct ike_payload *req,
		      const struct aaa_attrs *a)
{
	if (ike_cp_requested(req, IKEV2_CFG_UNITY_BANNER))
		add_text(r, IKEV2_CFG_UNITY_BANNER, a->banner);
	if (ike_cp_requested(req, IKEV2_CFG_UNITY_DEF_DOMAIN))
		add_text(r, IKEV2_CFG_UNITY_DEF_DOMAIN, a->def_domain);
	if (ike_cp_requested(req, IKEV2_CFG_UNITY_SPLITDNS_NAME) && a->n_split_dns) {
		char list[AAA_MAX_SPLIT_DNS * 256] = "";
		size_t len = 0;

		/* one attribute, the names separated by commas */
		for (unsigned int i = 0; i < a->n_split_dns; i++)
			len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
						i ? "," : "", a->split_dns[i]);
		add(r, IKEV2_CFG_UNITY_SPLITDNS_NAME, list,
		    len < sizeof(list) ? len : sizeof(list) - 1);
	}
	if (ike_cp_requested(req, IKEV2_CFG_UNITY_BACKUP_SERVERS))
		for (unsigned int i = 0; i < a->n_backup_gw; i++)
			add_text(r, IKEV2_CFG_UNITY_BACKUP_SERVERS, a->backup_gw[i]);
	if (ike_cp_requested(req, IKEV2_CFG_UNITY_PFS) && a->has_pfs) {
		uint16_t v = htons(a->pfs);

		add(r, IKEV2_CFG_UNITY_PFS, &v, sizeof(v));
	}
	if (ike_cp_requested(req, IKEV2_CFG_UNITY_LOCAL_LAN) && a->has_include_local_lan &&
	    a->include_local_lan)
		add(r, IKEV2_CFG_UNITY_LOCAL_LAN, NULL, 0);
}

void ike_cp_put_reply(struct ike_writer *w, const struct ike_payload *req,
		      const struct ike_ra *ra, const struct aaa_attrs *a)
{
	static struct cp_reply r;	/* large; the engine is one thread */

	r.n = 0;
	r.used = 0;
	if (ra->has_vip4) {
		add(&r, IKEV2_CFG_INTERNAL_IP4_ADDRESS, &ra->vip4, 4);
		if (a->has_netmask)
			add(&r, IKEV2_CFG_INTERNAL_IP4_NETMASK, &a->netmask, 4);
	}
	if (ra->has_vip6)
		add_v6_prefix(&r, IKEV2_CFG_INTERNAL_IP6_ADDRESS, &ra->vip6, 128);
	for (unsigned int i = 0; i < a->n_dns; i++)
		add(&r, IKEV2_CFG_INTERNAL_IP4_DNS, &a->dns[i], 4);
	for (unsigned int i = 0; i < a->n_dns6; i++)
		add(&r, IKEV2_CFG_INTERNAL_IP6_DNS, &a->dns6[i], 16);
	for (unsigned int i = 0; i < a->n_wins; i++)
		add(&r, IKEV2_CFG_INTERNAL_IP4_NBNS, &a->wins[i], 4);
	add_routes(&r, a);
	/* RFC 8598: the domains to resolve through the tunnel's DNS */
	for (unsigned int i = 0; i < a->n_split_dns; i++)
		add_text(&r, IKEV2_CFG_INTERNAL_DNS_DOMAIN, a->split_dns[i]);
	if (ike_cp_requested(req, IKEV2_CFG_APPLICATION_VERSION))
		add_text(&r, IKEV2_CFG_APPLICATION_VERSION, "vgate " VGATE_VERSION);
	add_unity(&r, req, a);
	ike_put_cp(w, IKEV2_CFG_REPLY, r.attrs, r.n);
}

/* A CFG_SET subnet attribute as a prefix; false when malformed. */
static bool set_subnet(const struct ike_cfg_attr *a, struct vgate_prefix *p)
{
	memset(p, 0, sizeof(*p));
	if (a->type == IKEV2_CFG_INTERNAL_IP4_SUBNET && a->len == 8) {
		uint32_t mask;

		memcpy(&mask, a->value + 4, 4);
		mask = ntohl(mask);
		p->addr.family = AF_INET;
		memcpy(p->addr.bytes, a->value, 4);
		p->len = (uint8_t)__builtin_popcount(mask);
		/* a mask must be contiguous ones */
		return p->len == 0 ? mask == 0 : mask == ~0u << (32 - p->len);
	}
	if (a->type == IKEV2_CFG_INTERNAL_IP6_SUBNET && a->len == 17 &&
	    a->value[16] <= 128) {
		p->addr.family = AF_INET6;
		memcpy(p->addr.bytes, a->value, 16);
		p->len = a->value[16];
		return true;
	}
	return false;
}

/* P lies inside one of CHILD's prefixes of the peer. */
static bool routed(const struct child_sa *child, const struct vgate_prefix *p)
{
	for (unsigned int i = 0; i < child->n_ts_peer; i++)
		if (child->ts_peer[i].len <= p->len &&
		    ike_prefixes_contain(&child->ts_peer[i], 1, &p->addr))
			return true;
	return false;
}

void ike_cp_put_ack(struct ike_writer *w, const struct ike_payload *set,
		    const struct child_sa *child)
{
	struct ike_cfg_attr acked[IKE_MAX_CFG_ATTRS];
	unsigned int n = 0;

	for (unsigned int i = 0; child && i < set->u.cp.n_attrs; i++) {
		const struct ike_cfg_attr *a = &set->u.cp.attrs[i];
		struct vgate_prefix p;

		/* accepted only if the CHILD SA already routes it to the client */
		if (set_subnet(a, &p) && routed(child, &p))
			acked[n++] = (struct ike_cfg_attr){ .type = a->type };
	}
	if (n)
		ike_put_cp(w, IKEV2_CFG_ACK, acked, n);
}
