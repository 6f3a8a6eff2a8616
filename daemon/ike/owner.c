// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Established IKE SAs by their owner, so that INITIAL_CONTACT (RFC 7296
 * §2.4) finds a peer's older SAs without walking every SA: each SA is
 * filed under its profile and remote identity and, for a remote-access
 * session, under its profile and user as well.  A bucket is keyed by
 * uthash's digest of that text, so owners whose digests collide share
 * one: callers still compare the fields themselves.  Buckets hold an
 * array, as an owner rarely has more than a couple of SAs at once.
 */
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "ike/engine_internal.h"
#include "ike/ra.h"

struct ike_owner {
	unsigned int digest;
	unsigned int n, cap;
	struct ike_sa **sas;
	UT_hash_handle hh;
};

/* KIND 'i': the remote identity, 'u': the user; DATA, LEN: its octets. */
static unsigned int owner_digest(const struct ike_sa *sa, char kind,
				 const void *data, size_t len)
{
	uint8_t key[sizeof(sa->profile) + 2 + CONF_ID_MAX + 1];
	size_t plen = strnlen(sa->profile, sizeof(sa->profile));
	unsigned int digest;

	if (len > CONF_ID_MAX + 1)
		len = CONF_ID_MAX + 1;
	memcpy(key, sa->profile, plen);
	key[plen] = '\0';
	key[plen + 1] = (uint8_t)kind;
	memcpy(key + plen + 2, data, len);
	HASH_VALUE(key, plen + 2 + len, digest);
	return digest;
}

static unsigned int identity_digest(const struct ike_sa *sa)
{
	uint8_t id[CONF_ID_MAX + 1];

	id[0] = sa->id_remote.type;
	memcpy(id + 1, sa->id_remote.data, sa->id_remote.len);
	return owner_digest(sa, 'i', id, 1u + sa->id_remote.len);
}

static unsigned int user_digest(const struct ike_sa *sa, const char *user)
{
	return owner_digest(sa, 'u', user, strlen(user));
}

static struct ike_owner *file(struct ike_engine *e, unsigned int digest,
			      struct ike_sa *sa)
{
	struct ike_owner *o;

	HASH_FIND_INT(e->owners, &digest, o);
	if (!o) {
		o = xcalloc(1, sizeof(*o));
		o->digest = digest;
		HASH_ADD_INT(e->owners, digest, o);
	}
	if (o->n == o->cap) {
		o->cap = o->cap ? 2 * o->cap : 2;
		o->sas = xreallocarray(o->sas, o->cap, sizeof(*o->sas));
	}
	o->sas[o->n++] = sa;
	return o;
}

static void unfile(struct ike_engine *e, struct ike_owner **slot,
		   const struct ike_sa *sa)
{
	struct ike_owner *o = *slot;

	if (!o)
		return;
	*slot = NULL;
	for (unsigned int i = 0; i < o->n; i++)
		if (o->sas[i] == sa) {
			o->sas[i] = o->sas[--o->n];
			break;
		}
	if (o->n)
		return;
	HASH_DEL(e->owners, o);
	free(o->sas);
	free(o);
}

void ike_owner_add(struct ike_engine *e, struct ike_sa *sa)
{
	ike_owner_remove(e, sa);
	sa->owner_id = file(e, identity_digest(sa), sa);
	if (sa->ra)
		sa->owner_user = file(e, user_digest(sa, sa->ra->user), sa);
}

void ike_owner_remove(struct ike_engine *e, struct ike_sa *sa)
{
	unfile(e, &sa->owner_id, sa);
	unfile(e, &sa->owner_user, sa);
}

struct ike_sa **ike_owner_candidates(struct ike_engine *e,
				     const struct ike_sa *sa, const char *user,
				     unsigned int *n)
{
	unsigned int digest = user ? user_digest(sa, user) : identity_digest(sa);
	struct ike_owner *o;

	HASH_FIND_INT(e->owners, &digest, o);
	*n = o ? o->n : 0;
	return *n ? xmemdup(o->sas, *n * sizeof(*o->sas)) : NULL;
}
