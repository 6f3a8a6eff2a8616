// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>

#include "config/conf_id_match.h"
#include "config/ikev2_conf.h"

static void free_key(uint8_t *key, size_t len)
{
	if (key)
		explicit_bzero(key, len);
	free(key);
}

static void free_keyring(struct conf_keyring *kr)
{
	for (unsigned int i = 0; i < kr->n_peers; i++) {
		struct conf_keyring_peer *p = &kr->peers[i];

		/* A symmetric key is one buffer behind both pointers. */
		if (p->key_remote != p->key_local)
			free_key(p->key_remote, p->key_remote_len);
		free_key(p->key_local, p->key_local_len);
		free(p->name);
		free(p->hostname);
	}
	free(kr->peers);
	free(kr->by_identity);
	free(kr->name);
}

static void free_secret(char *s)
{
	if (s)
		explicit_bzero(s, strlen(s));
	free(s);
}

/* The strings build_attrs() copied; pool names belong to the pools. */
static void free_attrs(struct aaa_attrs *a)
{
	free((char *)a->vrf);
	free((char *)a->def_domain);
	free((char *)a->banner);
	for (unsigned int i = 0; i < a->n_split_dns; i++)
		free((char *)a->split_dns[i]);
	for (unsigned int i = 0; i < a->n_backup_gw; i++)
		free((char *)a->backup_gw[i]);
}

static void free_user(struct conf_user *u)
{
	free_secret(u->password);
	free_secret(u->password_hash);
	explicit_bzero(u->nt_hash, sizeof(u->nt_hash));
	free_attrs(&u->attrs);
	free(u->name);
}

static void free_profile(struct conf_profile *p)
{
	for (unsigned int i = 0; i < p->n_match_identity; i++)
		conf_id_match_free(&p->match_identity[i]);
	free(p->name);
	free(p->description);
	free(p->trust_anchor);
	free(p->crl);
	free(p->certificate);
	free(p->private_key);
	free(p->virtual_template);
	free(p->hook);
}

void ikev2_conf_free(struct ikev2_conf *conf)
{
	for (unsigned int i = 0; i < conf->n_proposals; i++)
		free(conf->proposals[i].name);
	for (unsigned int i = 0; i < conf->n_policies; i++)
		free(conf->policies[i].name);
	for (unsigned int i = 0; i < conf->n_keyrings; i++)
		free_keyring(&conf->keyrings[i]);
	for (unsigned int i = 0; i < conf->n_transform_sets; i++)
		free(conf->transform_sets[i].name);
	for (unsigned int i = 0; i < conf->n_ipsec_profiles; i++)
		free(conf->ipsec_profiles[i].name);
	for (unsigned int i = 0; i < conf->n_profiles; i++)
		free_profile(&conf->profiles[i]);
	for (unsigned int i = 0; i < conf->n_clients; i++)
		free(conf->clients[i].name);
	for (unsigned int i = 0; i < conf->n_users; i++)
		free_user(&conf->users[i]);
	for (unsigned int i = 0; i < conf->n_authz; i++) {
		free_attrs(&conf->authz[i].attrs);
		free(conf->authz[i].name);
	}
	for (unsigned int i = 0; i < conf->n_pools; i++)
		free(conf->pools[i].name);
	free(conf->proposals);
	free(conf->policies);
	free(conf->keyrings);
	free(conf->transform_sets);
	free(conf->ipsec_profiles);
	free(conf->profiles);
	free(conf->clients);
	free(conf->users);
	free(conf->authz);
	free(conf->pools);
	memset(conf, 0, sizeof(*conf));
}
