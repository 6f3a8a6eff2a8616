// SPDX-License-Identifier: GPL-2.0-or-later
/* Objects by name: a handful of each, so a linear search does; users
 * and clients may be thousands and are sorted. */
#include <stdlib.h>
#include <string.h>

#include "config/ikev2_conf.h"

#define FIND(type, array, count)					\
	for (unsigned int i = 0; name && i < conf->count; i++)		\
		if (!strcmp(conf->array[i].name, name))			\
			return &conf->array[i];				\
	return NULL

const struct conf_proposal *conf_proposal_find(const struct ikev2_conf *conf,
					       const char *name)
{
	FIND(conf_proposal, proposals, n_proposals);
}

const struct conf_policy *conf_policy_find(const struct ikev2_conf *conf,
					   const char *name)
{
	FIND(conf_policy, policies, n_policies);
}

const struct conf_keyring *conf_keyring_find(const struct ikev2_conf *conf,
					     const char *name)
{
	FIND(conf_keyring, keyrings, n_keyrings);
}

const struct conf_transform_set *
conf_transform_set_find(const struct ikev2_conf *conf, const char *name)
{
	FIND(conf_transform_set, transform_sets, n_transform_sets);
}

const struct conf_ipsec_profile *
conf_ipsec_profile_find(const struct ikev2_conf *conf, const char *name)
{
	FIND(conf_ipsec_profile, ipsec_profiles, n_ipsec_profiles);
}

const struct conf_profile *conf_profile_find(const struct ikev2_conf *conf,
					     const char *name)
{
	FIND(conf_profile, profiles, n_profiles);
}

static int client_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct conf_client *)elem)->name);
}

const struct conf_client *conf_client_find(const struct ikev2_conf *conf,
					   const char *name)
{
	if (!name || !conf->n_clients)
		return NULL;
	return bsearch(name, conf->clients, conf->n_clients,
		       sizeof(*conf->clients), client_cmp);
}

const struct conf_pool *conf_pool_find(const struct ikev2_conf *conf,
				       const char *name)
{
	FIND(conf_pool, pools, n_pools);
}

const struct conf_authz *conf_authz_find(const struct ikev2_conf *conf,
					 const char *name)
{
	FIND(conf_authz, authz, n_authz);
}

static int user_cmp(const void *key, const void *item)
{
	return strcmp(key, ((const struct conf_user *)item)->name);
}

const struct conf_user *conf_user_find(const struct ikev2_conf *conf,
				       const char *name)
{
	if (!name || !conf->n_users)
		return NULL;
	return bsearch(name, conf->users, conf->n_users, sizeof(*conf->users),
		       user_cmp);
}
