// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Keyring lookups (spec §5): conf_keyring_lookup() for a responder's
 * peer, conf_keyring_lookup_peer() for a peer we initiate to.
 */
#include <strings.h>

#include "config/conf_identity.h"
#include "config/conf_parse.h"
#include "config/ikev2_conf.h"
#include "ike/codec_constants.h"

/* Identities are unique within a keyring (checked at load). */
static const struct conf_keyring_peer *by_identity(const struct conf_keyring *kr,
						   const struct conf_identity *remote)
{
	unsigned int lo = 0, hi = kr->n_by_identity;

	/* Binary search of the sorted index: keyrings can be large. */
	while (kr->by_identity && lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;
		const struct conf_keyring_peer *p = &kr->peers[kr->by_identity[mid]];
		int d = conf_identity_order(remote, &p->identity);

		if (!d)
			return p;
		if (d < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	/* No index, or a DN spelled differently: compare one by one. */
	for (unsigned int i = 0; i < kr->n_peers; i++) {
		const struct conf_keyring_peer *p = &kr->peers[i];

		if (p->has_identity && (!kr->by_identity ||
					remote->type == IKEV2_ID_DER_ASN1_DN) &&
		    conf_identity_equal(&p->identity, remote))
			return p;
	}
	return NULL;
}

/* Longest prefix wins; the first of equal ones; a host entry ends it. */
static const struct conf_keyring_peer *by_address(const struct conf_keyring *kr,
						  const struct sockaddr *peer)
{
	const struct conf_keyring_peer *best = NULL;
	int best_rank = -1;

	for (unsigned int i = 0; i < kr->n_peers; i++) {
		const struct conf_keyring_peer *p = &kr->peers[i];
		int host = p->address.family == AF_INET ? 32 : 128;

		if (!p->has_address || !conf_prefix_contains(&p->address, peer) ||
		    conf_prefix_rank(&p->address) <= best_rank)
			continue;
		best = p;
		best_rank = conf_prefix_rank(&p->address);
		if (p->address.family != AF_UNSPEC && p->address.len == host)
			break;
	}
	return best;
}

const struct conf_keyring_peer *conf_keyring_lookup(const struct conf_keyring *kr,
						    const struct conf_identity *remote,
						    const struct sockaddr *peer)
{
	const struct conf_keyring_peer *p = NULL;

	if (!kr)
		return NULL;
	if (remote && remote->type)
		p = by_identity(kr, remote);
	if (!p && peer)
		p = by_address(kr, peer);
	return p;
}

/* Host names are DNS names: compared without regard to case. */
static const struct conf_keyring_peer *by_hostname(const struct conf_keyring *kr,
						   const char *hostname)
{
	for (unsigned int i = 0; i < kr->n_peers; i++) {
		const struct conf_keyring_peer *p = &kr->peers[i];

		if (p->hostname && !strcasecmp(p->hostname, hostname))
			return p;
	}
	return NULL;
}

const struct conf_keyring_peer *conf_keyring_lookup_peer(const struct conf_keyring *kr,
							 const char *hostname,
							 const struct sockaddr *peer)
{
	const struct conf_keyring_peer *p = NULL;

	if (!kr)
		return NULL;
	if (hostname && *hostname)
		p = by_hostname(kr, hostname);
	if (!p && peer)
		p = by_address(kr, peer);
	return p;
}
