// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Attribute merging (spec §12): each attribute comes whole from the
 * first level that sets it (user, group, default; group first with
 * override), so a session never gets one level's primary DNS server
 * with another level's secondary.
 */
#include <string.h>

#include "aaa/aaa.h"

/* For the first level L of LV that satisfies SET, runs the copy. */
#define TAKE(set, ...) do {						\
	for (int i_ = 0; i_ < 3; i_++) {				\
		const struct aaa_attrs *l = lv[i_];			\
		if (l && (set)) {					\
			__VA_ARGS__;					\
			break;						\
		}							\
	}								\
} while (0)

#define COPY(field) (out->field = l->field)
#define COPY_ARRAY(field) memcpy(out->field, l->field, sizeof(out->field))

void aaa_attrs_merge(struct aaa_attrs *out, const struct aaa_attrs *user,
		     const struct aaa_attrs *group, bool override,
		     const struct aaa_attrs *dflt)
{
	const struct aaa_attrs *lv[3] = {
		override ? group : user, override ? user : group, dflt,
	};

	memset(out, 0, sizeof(*out));
	TAKE(l->pool, COPY(pool));
	TAKE(l->ipv6_pool, COPY(ipv6_pool));
	TAKE(l->has_address, COPY(has_address), COPY(address));
	TAKE(l->has_ipv6_address, COPY(has_ipv6_address), COPY(ipv6_address));
	TAKE(l->vrf, COPY(vrf));
	TAKE(l->session_lifetime, COPY(session_lifetime));
	TAKE(l->has_flow_limit, COPY(has_flow_limit), COPY(flow_limit));
	TAKE(l->has_netmask, COPY(has_netmask), COPY(netmask));
	TAKE(l->n_dns, COPY(n_dns), COPY_ARRAY(dns));
	TAKE(l->n_dns6, COPY(n_dns6), COPY_ARRAY(dns6));
	TAKE(l->n_wins, COPY(n_wins), COPY_ARRAY(wins));
	TAKE(l->def_domain, COPY(def_domain));
	TAKE(l->banner, COPY(banner));
	TAKE(l->n_split_dns, COPY(n_split_dns), COPY_ARRAY(split_dns));
	TAKE(l->n_routes, COPY(n_routes), COPY_ARRAY(routes));
	TAKE(l->has_include_local_lan, COPY(has_include_local_lan),
	     COPY(include_local_lan));
	TAKE(l->has_pfs, COPY(has_pfs), COPY(pfs));
	TAKE(l->n_backup_gw, COPY(n_backup_gw), COPY_ARRAY(backup_gw));
}

void aaa_authorize(const struct ikev2_conf *conf, const struct conf_profile *prof,
		   const char *user, struct aaa_attrs *out, const char **group)
{
	const struct conf_user *u = conf_user_find(conf, user);
	const struct conf_authz *g = u && u->group ? u->group :
				     prof ? prof->authz_group : NULL;
	const struct conf_authz *d = conf_authz_find(conf, "default");

	aaa_attrs_merge(out, u ? &u->attrs : NULL, g ? &g->attrs : NULL,
			prof && prof->authz_group_override,
			d ? &d->attrs : NULL);
	if (group)
		*group = g ? g->name : NULL;
}
