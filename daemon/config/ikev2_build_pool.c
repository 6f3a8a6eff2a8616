// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `pool` objects: `ip local pool NAME FIRST LAST` (range) and `ipv6
 * local pool NAME PREFIX/LEN 128` (prefix, one /128 per client), spec
 * §11.3 and ch6-13 §14.  Pools may not overlap: one address handed out
 * by two pools would go to two clients.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "common/xalloc.h"
#include "config/conf_parse.h"
#include "config/ikev2_build.h"

/*
 * IPv6 prefixes from /64 to /127: addresses come from a counter and a
 * free list (aaa/pool.c), so even a /64 costs memory only for the
 * addresses in use; a shorter prefix is a typo more often than a plan.
 * The prefix's own address is its subnet-router anycast address (RFC
 * 4291 §2.6.1) and goes to no client, so a /128 would hold none.
 */
#define POOL_MIN_PREFIX6	64
#define POOL_MAX_PREFIX6	127

static void build_range(const struct build_obj *o, const char *text,
			struct conf_pool *p)
{
	char first[64], last[64], extra[2];
	uint8_t a[16], b[16];
	sa_family_t fa, fb;

	if (sscanf(text, "%63s %63s %1s", first, last, extra) != 2) {
		obj_error(o, "range", "\"%s\" must be \"FIRST LAST\", e.g. "
			  "\"10.0.0.10 10.0.0.250\"", text);
	} else if (conf_parse_address(first, &fa, a) ||
		   conf_parse_address(last, &fb, b)) {
		obj_error(o, "range", "\"%s\": FIRST and LAST must be IPv4 "
			  "addresses", text);
	} else if (fa != fb) {
		obj_error(o, "range", "\"%s\": FIRST and LAST are not of the "
			  "same family", text);
	} else if (fa != AF_INET) {
		obj_error(o, "range", "\"%s\" is IPv6: an IPv6 pool is written "
			  "prefix = \"2001:db8::/112\"", text);
	} else if (memcmp(a, b, 4) > 0) {
		obj_error(o, "range", "\"%s\": FIRST is after LAST", text);
	} else {
		p->family = AF_INET;
		memcpy(&p->first, a, 4);
		memcpy(&p->last, b, 4);
	}
}

static void build_prefix(const struct build_obj *o, const char *text,
			 struct conf_pool *p)
{
	const char *why = conf_parse_prefix(text, &p->prefix);

	if (why)
		obj_error(o, "prefix", "\"%s\" %s", text, why);
	else if (p->prefix.family != AF_INET6)
		obj_error(o, "prefix", "\"%s\" is not IPv6: an IPv4 pool is "
			  "written range = \"FIRST LAST\"", text);
	else if (p->prefix.len < POOL_MIN_PREFIX6 || p->prefix.len > POOL_MAX_PREFIX6)
		obj_error(o, "prefix", "\"%s\": the prefix length must be %d to "
			  "%d (each client gets one address; the prefix's own "
			  "address is the subnet-router anycast)", text,
			  POOL_MIN_PREFIX6, POOL_MAX_PREFIX6);
	else
		p->family = AF_INET6;
	if (p->family != AF_INET6)
		memset(&p->prefix, 0, sizeof(p->prefix));
}

/* The pool's first and last address, 16 octets big-endian. */
static void pool_bounds(const struct conf_pool *p, uint8_t lo[16], uint8_t hi[16])
{
	memset(lo, 0, 16);
	memset(hi, 0, 16);
	if (p->family == AF_INET) {
		memcpy(lo, &p->first, 4);
		memcpy(hi, &p->last, 4);
		return;
	}
	memcpy(lo, p->prefix.addr, 16);
	memcpy(hi, p->prefix.addr, 16);
	for (unsigned int bit = p->prefix.len; bit < 128; bit++)
		hi[bit / 8] |= 0x80 >> (bit % 8);
}

/* Pools are few (one or two per address family): pairwise will do. */
static void check_overlaps(struct build_ctx *ctx, const struct ikev2_doc_pool *docs)
{
	const struct ikev2_conf *conf = ctx->conf;

	for (unsigned int i = 0; i < conf->n_pools; i++) {
		const struct conf_pool *p = &conf->pools[i];
		uint8_t lo[16], hi[16], lo2[16], hi2[16];

		pool_bounds(p, lo, hi);
		for (unsigned int j = 0; p->family && j < i; j++) {
			const struct conf_pool *q = &conf->pools[j];
			const char *key = p->family == AF_INET ? "range" : "prefix";
			const struct cfg_loc *loc;
			struct build_obj o, prev;

			if (q->family != p->family)
				continue;
			pool_bounds(q, lo2, hi2);
			if (memcmp(lo, hi2, 16) > 0 || memcmp(lo2, hi, 16) > 0)
				continue;
			build_obj_init(&o, ctx, &docs[i], "pool", p->name);
			build_obj_init(&prev, ctx, &docs[j], "pool", q->name);
			loc = obj_loc(&prev, key);
			obj_error(&o, key, "overlaps pool \"%s\" (%s:%d)", q->name,
				  loc ? loc->file : "?", loc ? loc->line : 0);
			break;
		}
	}
}

void ikev2_build_pools(struct build_ctx *ctx, const struct ikev2_doc *doc)
{
	const struct ikev2_doc_pool *items = doc->pools.items;
	struct ikev2_conf *conf = ctx->conf;

	conf->pools = xcalloc(doc->pools.count + 1, sizeof(*conf->pools));
	for (size_t i = 0; i < doc->pools.count; i++) {
		const struct ikev2_doc_pool *d = &items[i];
		struct conf_pool *p = &conf->pools[conf->n_pools++];
		struct build_obj o;

		build_obj_init(&o, ctx, d, "pool", d->name);
		p->name = xstrdup(d->name ? d->name : "");
		if (d->range && d->prefix)
			obj_error(&o, NULL, "has both range (IPv4) and prefix "
				  "(IPv6); make two pools");
		else if (d->range)
			build_range(&o, d->range, p);
		else if (d->prefix)
			build_prefix(&o, d->prefix, p);
		else if (!obj_has_key(&o, "range") && !obj_has_key(&o, "prefix"))
			obj_error(&o, NULL, "needs a range (IPv4) or a prefix (IPv6)");
	}
	check_overlaps(ctx, items);
}
