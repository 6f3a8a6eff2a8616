// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * conf_profile_match() (spec §6.1), the initiator's check of IDr
 * against a profile's match statements, and the profile's local
 * identity (§6.3).  Unlike policies, overlapping profiles are not
 * resolved by order: a peer that two profiles claim is refused, with
 * the reason.
 */
#include <stdio.h>
#include <string.h>

#include "config/conf_id_match.h"
#include "config/conf_parse.h"
#include "config/ikev2_conf.h"
#include "ike/codec_constants.h"

static bool local_matches(const struct conf_profile *p,
			  const struct sockaddr *local)
{
	if (!p->n_match_local)
		return true;
	for (unsigned int i = 0; i < p->n_match_local; i++)
		if (conf_prefix_contains(&p->match_local[i], local))
			return true;
	return false;
}

bool conf_profile_matches_identity(const struct conf_profile *p,
				   const struct conf_identity *id)
{
	for (unsigned int i = 0; id && i < p->n_match_identity; i++)
		if (conf_id_match_holds(&p->match_identity[i], id))
			return true;
	return false;
}

static bool profile_matches(const struct conf_profile *p,
			    const struct conf_identity *remote,
			    const struct sockaddr *local)
{
	if (p->shutdown || !local_matches(p, local))
		return false;
	return conf_profile_matches_identity(p, remote);
}

const struct conf_profile *conf_profile_match(const struct ikev2_conf *conf,
					      const struct conf_identity *remote,
					      const struct sockaddr *local,
					      char *why, size_t why_len)
{
	const struct conf_profile *found = NULL, *second = NULL;
	char id[300];

	for (unsigned int i = 0; i < conf->n_profiles && !second; i++) {
		if (!profile_matches(&conf->profiles[i], remote, local))
			continue;
		if (found)
			second = &conf->profiles[i];
		else
			found = &conf->profiles[i];
	}
	if (found && !second)
		return found;
	if (why && why_len) {
		conf_identity_format(remote, id, sizeof(id));
		if (second)
			snprintf(why, why_len, "profiles %s and %s both match %s",
				 found->name, second->name, id);
		else
			snprintf(why, why_len, "no profile matches %s", id);
	}
	return NULL;
}

void conf_profile_local_identity(const struct conf_profile *p,
				 const struct sockaddr *local,
				 struct conf_identity *out)
{
	sa_family_t family;
	uint8_t addr[16];

	if (p->identity_local.type) {
		*out = p->identity_local;
		return;
	}
	memset(out, 0, sizeof(*out));
	if (p->auth_local & (CONF_AUTH_RSA_SIG | CONF_AUTH_ECDSA_SIG)) {
		/* The certificate's subject: the caller fills it in. */
		out->type = IKEV2_ID_DER_ASN1_DN;
		return;
	}
	if (!local || !conf_sockaddr_addr(local, &family, addr))
		return;
	out->type = family == AF_INET ? IKEV2_ID_IPV4_ADDR : IKEV2_ID_IPV6_ADDR;
	out->len = family == AF_INET ? 4 : 16;
	memcpy(out->data, addr, out->len);
}
