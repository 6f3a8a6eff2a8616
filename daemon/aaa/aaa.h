/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Authorization for remote-access sessions (spec ch2-5 §11-13, ch6-13
 * §14): the attribute set a session gets, the precedence by which user,
 * group and default attributes merge, and the address pools.
 *
 * struct aaa_attrs points into the configuration: it is built and used
 * while one IKE_AUTH message is handled and never kept; a session keeps
 * only what it was given (addresses, VRF, lifetime).
 */
#ifndef VGATE_AAA_AAA_H
#define VGATE_AAA_AAA_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config/ikev2_conf.h"

/* struct aaa_attrs (one level's attributes) is in config/ikev2_conf.h. */


/*
 * The session's attributes (spec §12): each attribute from the user
 * level if set there, else from the group, else from the default
 * policy; with OVERRIDE the group comes before the user.  Any level may
 * be NULL.
 */
void aaa_attrs_merge(struct aaa_attrs *out, const struct aaa_attrs *user,
		     const struct aaa_attrs *group, bool override,
		     const struct aaa_attrs *dflt);

/*
 * The levels for USER (may be NULL: PSK or certificate clients without a
 * user entry) authenticated with PROF: the user's own attributes, the
 * group (the user's group, else the profile's authorization group) and
 * the "default" authorization policy, merged by aaa_attrs_merge().  The
 * group's name goes to *GROUP (NULL: none).
 */
void aaa_authorize(const struct ikev2_conf *conf, const struct conf_profile *prof,
		   const char *user, struct aaa_attrs *out, const char **group);

/* ---- address pools (pool.c) ---------------------------------------- */

/*
 * The address pools at run time.  They outlive configuration reloads:
 * a pool that stays keeps its allocations, a removed pool hands no new
 * addresses out and is freed when its last address is released.
 */
struct aaa_pools;

union aaa_addr {
	struct in_addr v4;
	struct in6_addr v6;
};

struct aaa_pools *aaa_pools_new(void);
void aaa_pools_free(struct aaa_pools *pools);

/* Adopts CONF's pools (load and reload); -1 with ERR on failure. */
int aaa_pools_sync(struct aaa_pools *pools, const struct ikev2_conf *conf,
		   char *err, size_t err_len);

/*
 * An address of pool NAME for OWNER (the identity the session
 * authenticated as), in O(1): OWNER's previous address if it is free,
 * else any free one.  0, -ENOENT (no such pool) or -ENOSPC (exhausted).
 */
int aaa_pool_alloc(struct aaa_pools *pools, const char *name,
		   const char *owner, sa_family_t *family, union aaa_addr *out);

/* Gives ADDR back to pool NAME (remembering its owner). */
void aaa_pool_release(struct aaa_pools *pools, const char *name,
		      const union aaa_addr *addr);

struct aaa_pool_usage {
	const char *name;
	sa_family_t family;
	char range[96];		/* "10.0.0.10 10.0.0.200", "2001:db8::/112" */
	uint64_t size, in_use;
	uint64_t touched;	/* addresses ever handed out: one record each,
				 * at most the peak in use at once */
	uint64_t owners;	/* identities remembered for sticky addresses */
	bool removed;		/* gone from the config, draining */
};

/* Calls FN for each pool, in config order (removed ones last). */
void aaa_pools_foreach(const struct aaa_pools *pools,
		       void (*fn)(void *ctx, const struct aaa_pool_usage *u),
		       void *ctx);

#endif
