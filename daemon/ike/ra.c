// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Remote-access sessions (ra.h): authorization, address assignment
 * (spec ch2-5 §11.3: a fixed user address first, else the pool; no
 * fallback when the pool is exhausted), selector narrowing, and what
 * the session gives back when it ends.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "common/log.h"
#include "common/xalloc.h"
#include "ike/engine_internal.h"
#include "ike/ra.h"
#include "ike/ts.h"

/*
 * One family's address: FIXED (the user's own) if set, else from POOL.
 * 0 (nothing configured for this family is not an error), or -1 with
 * WHY.
 */
static int assign(struct ike_engine *e, struct ike_ra *ra, sa_family_t family,
		  bool has_fixed, const void *fixed, const char *pool,
		  char *why, size_t why_len)
{
	bool *has = family == AF_INET ? &ra->has_vip4 : &ra->has_vip6;
	void *vip = family == AF_INET ? (void *)&ra->vip4 : (void *)&ra->vip6;
	size_t alen = family == AF_INET ? 4 : 16;
	char *from = family == AF_INET ? ra->pool4 : ra->pool6;
	union aaa_addr addr;
	sa_family_t got;
	int ret;

	if (has_fixed) {
		memcpy(vip, fixed, alen);
		*has = true;
		return 0;
	}
	if (!pool)
		return 0;
	ret = aaa_pool_alloc(e->pools, pool, ra->user, &got, &addr);
	if (ret == -ENOSPC) {
		snprintf(why, why_len, "pool %s is exhausted", pool);
		return -1;
	}
	if (ret < 0 || got != family) {
		snprintf(why, why_len, "pool %s does not exist (any more)", pool);
		return -1;
	}
	memcpy(vip, &addr, alen);
	snprintf(from, sizeof(ra->pool4), "%s", pool);
	*has = true;
	return 0;
}

static void copy_routes(struct ike_ra *ra, const struct aaa_attrs *a)
{
	for (unsigned int i = 0; i < a->n_routes && i < AAA_MAX_ROUTES; i++) {
		struct vgate_prefix *p = &ra->routes[ra->n_routes++];

		memset(p, 0, sizeof(*p));
		p->addr.family = a->routes[i].family;
		p->len = a->routes[i].len;
		memcpy(p->addr.bytes, a->routes[i].addr, sizeof(a->routes[i].addr));
	}
}

uint16_t ike_ra_setup(struct ike_engine *e, struct ike_sa *sa,
		      const struct conf_profile *prof, const char *user,
		      const struct ike_payload *cp, struct aaa_attrs *a)
{
	bool want4 = ike_cp_requested(cp, IKEV2_CFG_INTERNAL_IP4_ADDRESS);
	bool want6 = ike_cp_requested(cp, IKEV2_CFG_INTERNAL_IP6_ADDRESS);
	struct ike_ra *ra = xcalloc(1, sizeof(*ra));
	const char *group = NULL;
	char why[256] = "", desc[512];

	sa->ra = ra;
	ra->sa = sa;
	snprintf(ra->user, sizeof(ra->user), "%s", user);
	aaa_authorize(e->conf, prof, user, a, &group);
	snprintf(ra->group, sizeof(ra->group), "%s", group ? group : "");
	snprintf(ra->vrf, sizeof(ra->vrf), "%s", a->vrf ? a->vrf : "");
	snprintf(ra->profile_hook, sizeof(ra->profile_hook), "%s",
		 prof->hook ? prof->hook : "");
	ra->has_flow_limit = a->has_flow_limit;
	ra->flow_limit = a->flow_limit;
	copy_routes(ra, a);
	if ((want4 &&
	     assign(e, ra, AF_INET, a->has_address, &a->address, a->pool,
		    why, sizeof(why)) < 0) ||
	    (want6 &&
	     assign(e, ra, AF_INET6, a->has_ipv6_address, &a->ipv6_address,
		    a->ipv6_pool, why, sizeof(why)) < 0))
		goto fail;
	if ((want4 || want6) &&
	    !ra->has_vip4 && !ra->has_vip6) {
		snprintf(why, sizeof(why), "no address or pool is configured for user %s",
			 user);
		goto fail;
	}
	return 0;
fail:
	ike_count(e, IKE_CNT_ADDRESS_FAILED);
	ike_sa_describe(sa, desc, sizeof(desc));
	log_warning("%s: no address for the client: %s", desc, why);
	ike_ra_free(e, sa);
	return IKEV2_N_INTERNAL_ADDRESS_FAILURE;
}

static void on_session_lifetime(evutil_socket_t fd, short what, void *arg)
{
	struct ike_ra *ra = arg;
	struct ike_sa *sa = ra->sa;
	struct ike_engine *e = sa->engine;

	(void)fd;
	(void)what;
	ike_send_delete(e, sa);
	ike_sa_destroy(e, sa, "session-lifetime reached");
}

void ike_ra_started(struct ike_engine *e, struct ike_sa *sa, uint32_t lifetime)
{
	struct ike_ra *ra = sa->ra;

	if (!ra)
		return;
	memcpy(ra->ifname, sa->access_name, sizeof(ra->ifname));
	if (lifetime) {
		struct timeval tv = { lifetime, 0 };

		ra->lifetime_timer = evtimer_new(e->base, on_session_lifetime, ra);
		evtimer_add(ra->lifetime_timer, &tv);
	}
	if (ra->profile_hook[0]) {
		ike_ra_hook_run(e, sa, "up");
		ra->hook_up = true;
	}
}

void ike_ra_free(struct ike_engine *e, struct ike_sa *sa)
{
	struct ike_ra *ra = sa->ra;
	union aaa_addr addr;

	if (!ra)
		return;
	if (ra->hook_up)
		ike_ra_hook_run(e, sa, "down");
	if (ra->lifetime_timer)
		event_free(ra->lifetime_timer);
	if (ra->has_vip4 && ra->pool4[0]) {
		memcpy(&addr.v4, &ra->vip4, sizeof(addr.v4));
		aaa_pool_release(e->pools, ra->pool4, &addr);
	}
	if (ra->has_vip6 && ra->pool6[0]) {
		memcpy(&addr.v6, &ra->vip6, sizeof(addr.v6));
		aaa_pool_release(e->pools, ra->pool6, &addr);
	}
	free(ra);
	sa->ra = NULL;
}

bool ike_ra_narrow(const struct ike_ra *ra, struct vgate_prefix *peer,
		   unsigned int *n_peer, struct vgate_prefix *ours,
		   unsigned int *n_ours)
{
	struct vgate_prefix vips[2];
	unsigned int n_vips = 0;

	memset(vips, 0, sizeof(vips));
	if (ra->has_vip4) {
		vips[n_vips].addr.family = AF_INET;
		memcpy(vips[n_vips].addr.bytes, &ra->vip4, 4);
		vips[n_vips++].len = 32;
	}
	if (ra->has_vip6) {
		vips[n_vips].addr.family = AF_INET6;
		memcpy(vips[n_vips].addr.bytes, &ra->vip6, 16);
		vips[n_vips++].len = 128;
	}
	/* a client with no virtual address keeps the inner subnet it proposed */
	if (n_vips)
		*n_peer = ike_ts_narrow(peer, *n_peer, vips, n_vips);
	if (ra->n_routes)
		*n_ours = ike_ts_narrow(ours, *n_ours, ra->routes, ra->n_routes);
	return *n_peer && *n_ours;
}
