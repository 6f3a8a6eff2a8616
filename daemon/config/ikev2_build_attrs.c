// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The authorization attributes (spec §13) shared by `authorization-policy`
 * and `user` objects: the same keys, checked the same way, into a struct
 * aaa_attrs.  Strings are copied (ikev2_free.c frees them); pool names
 * point at the pool's own name.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "common/xalloc.h"
#include "config/conf_parse.h"
#include "config/ikev2_build.h"

/* MODECFG_BANNER goes in the IKE_AUTH response: keep it a few lines. */
#define BANNER_MAX	2048

static const char *family_name(sa_family_t family)
{
	return family == AF_INET ? "IPv4" : "IPv6";
}

/* DNS, WINS: addresses of FAMILY into OUT (4 or 16 octets each). */
static unsigned int parse_servers(const struct build_obj *o, const char *key,
				  const struct cfg_strings *in,
				  sa_family_t family, void *out)
{
	size_t len = family == AF_INET ? 4 : 16;
	unsigned int n = 0;

	for (size_t i = 0; i < in->count; i++) {
		uint8_t addr[16];
		sa_family_t f;

		if (conf_parse_address(in->items[i], &f, addr) || f != family)
			obj_error(o, key, "\"%s\" is not an %s address",
				  in->items[i], family_name(family));
		else
			memcpy((uint8_t *)out + len * n++, addr, len);
	}
	return n;
}

/* A host name: labels of letters, digits, '-' and '_' (RFC 1035 sizes). */
static const char *check_dns_name(const char *name)
{
	size_t label = 0;

	if (!*name || strlen(name) > 253)
		return "must be a DNS name of 1 to 253 characters";
	for (const char *p = name; *p; p++) {
		if (*p == '.') {
			if (!label)
				return "has an empty label";
			label = 0;
		} else if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_') {
			return "may hold only letters, digits, '-', '_' and dots";
		} else if (++label > 63) {
			return "has a label longer than 63 characters";
		}
	}
	return NULL;
}

static const char *dns_name(const struct build_obj *o, const char *key,
			    const char *name)
{
	const char *why = check_dns_name(name);

	if (why) {
		obj_error(o, key, "\"%s\" %s", name, why);
		return NULL;
	}
	return xstrdup(name);
}

static void parse_names(const struct build_obj *o, struct aaa_attrs *a,
			const struct ikev2_doc_attrs *d)
{
	uint8_t addr[16];
	sa_family_t f;

	if (d->def_domain)
		a->def_domain = dns_name(o, "def-domain", d->def_domain);
	for (size_t i = 0; i < d->split_dns.count; i++) {
		const char *name = dns_name(o, "split-dns", d->split_dns.items[i]);

		if (name)
			a->split_dns[a->n_split_dns++] = name;
	}
	/* A backup gateway is an address or a host name. */
	for (size_t i = 0; i < d->backup_gw.count; i++) {
		const char *gw = d->backup_gw.items[i];

		if (!conf_parse_address(gw, &f, addr))
			a->backup_gw[a->n_backup_gw++] = xstrdup(gw);
		else if ((gw = dns_name(o, "backup-gateway", gw)))
			a->backup_gw[a->n_backup_gw++] = gw;
	}
}

static void parse_netmask(const struct build_obj *o, const char *text,
			  struct aaa_attrs *a)
{
	struct conf_prefix p;
	char buf[80];

	/* conf_parse_prefix checks that a dotted mask is contiguous. */
	snprintf(buf, sizeof(buf), "0.0.0.0 %s", text);
	if (strchr(text, ' ') || conf_parse_prefix(buf, &p) ||
	    inet_pton(AF_INET, text, &a->netmask) != 1) {
		obj_error(o, "netmask", "\"%s\" is not an IPv4 netmask such as "
			  "255.255.255.0", text);
		return;
	}
	a->has_netmask = true;
}

static void parse_routes(const struct build_obj *o, const struct cfg_strings *in,
			 struct aaa_attrs *a)
{
	for (size_t i = 0; i < in->count; i++) {
		struct conf_prefix *p = &a->routes[a->n_routes];
		const char *why = conf_parse_prefix(in->items[i], p);

		if (!why && p->family == AF_UNSPEC)
			why = "is not a route: write 0.0.0.0/0 and/or ::/0";
		if (why)
			obj_error(o, "route-set-remote", "\"%s\" %s", in->items[i], why);
		else
			a->n_routes++;
	}
}

const char *build_pool_ref(const struct build_obj *o, const char *key,
			   const char *name, sa_family_t family)
{
	const struct conf_pool *p = conf_pool_find(o->ctx->conf, name);

	if (!p) {
		build_unknown_ref(o, key, "pool", name);
		return NULL;
	}
	/* A pool without a family was refused already. */
	if (p->family && p->family != family) {
		obj_error(o, key, "pool \"%s\" is an %s pool", name,
			  family_name(p->family));
		return NULL;
	}
	return p->name;
}

void build_attrs(const struct build_obj *o, const struct ikev2_doc_attrs *d,
		 struct aaa_attrs *a)
{
	if (d->pool)
		a->pool = build_pool_ref(o, "pool", d->pool, AF_INET);
	if (d->ipv6_pool)
		a->ipv6_pool = build_pool_ref(o, "ipv6-pool", d->ipv6_pool, AF_INET6);
	a->n_dns = parse_servers(o, "dns", &d->dns, AF_INET, a->dns);
	a->n_dns6 = parse_servers(o, "ipv6-dns", &d->ipv6_dns, AF_INET6, a->dns6);
	a->n_wins = parse_servers(o, "wins", &d->wins, AF_INET, a->wins);
	parse_names(o, a, d);
	if (d->banner && strlen(d->banner) > BANNER_MAX)
		obj_error(o, "banner", "is longer than %d characters", BANNER_MAX);
	else if (d->banner)
		a->banner = xstrdup(d->banner);
	if (d->netmask)
		parse_netmask(o, d->netmask, a);
	parse_routes(o, &d->routes, a);
	a->session_lifetime = d->session_lifetime;	/* 0: unset */
	a->has_flow_limit = d->flow_limit >= 0;		/* -1: unset */
	a->flow_limit = a->has_flow_limit ? d->flow_limit : 0;
	if (d->vrf && !build_valid_ifname(d->vrf))
		obj_error(o, "vrf", "\"%s\" is not an interface name", d->vrf);
	else if (d->vrf)
		a->vrf = xstrdup(d->vrf);
	/* Flags, as on IOS: the command is there or not; false is "not". */
	a->has_include_local_lan = a->include_local_lan = d->include_local_lan;
	a->has_pfs = a->pfs = d->pfs;
}
