// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Address pools at run time (spec §11.3, ch6-13 §14), each allocation
 * and release O(1) whatever the pool's size:
 *
 *  - an address is an offset from the pool's first address; offsets at
 *    and above `next` have never been handed out and take no memory;
 *  - each offset below `next` has a slot: in use, or on the free list
 *    (doubly linked through the slots, so a sticky address is taken
 *    out of the middle in O(1));
 *  - sticky addresses: a hash from owner (the identity) to the offset
 *    it had last; a slot remembers at most one owner, so the hash never
 *    outgrows the slots;
 *  - a new owner gets a never-used address while fewer than POOL_SPREAD
 *    have been touched, so released addresses wait for their owners as
 *    long as the pool allows; after that the one released longest ago.
 *    Slots (and so owners) number at most max(min(size, POOL_SPREAD),
 *    peak in use): memory follows the pool's use, never the count of
 *    allocations.
 *
 * Reload (aaa_pools_sync): a pool whose name and range are unchanged
 * is kept with its allocations and owners.  A pool whose range changed
 * is replaced: the old one is marked removed and drains (it hands out
 * nothing and is freed with its last release), the new one starts
 * empty.  Addresses the draining pool still has in use are blocked in
 * any new pool that covers them, and unblocked when released, so one
 * address never goes to two clients.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uthash.h>

#include "aaa/aaa.h"
#include "common/xalloc.h"

#define NIL UINT64_MAX
#define POOL_SPREAD	65536	/* addresses touched before reuse starts */

enum slot_state { SLOT_FREE, SLOT_USED, SLOT_FOREIGN /* a draining pool's */ };

struct pool_owner {
	UT_hash_handle hh;
	uint64_t off;			/* the address it had last */
	char name[];
};

struct pool_slot {
	uint64_t prev, next;		/* free list links */
	struct pool_owner *owner;	/* holder, or last holder; NULL: none */
	uint8_t state;
};

/* An offset not reached yet that a draining pool has in use. */
struct pool_block {
	UT_hash_handle hh;
	uint64_t off;
};

struct pool {
	char *name;
	struct conf_pool range;		/* family and addresses; name unused */
	uint64_t size, next, in_use;
	uint64_t head, tail;		/* free list */
	struct pool_slot *slots;	/* [0, next) */
	size_t cap;
	struct pool_owner *owners;
	struct pool_block *blocked;
	bool removed;
};

struct aaa_pools {
	struct pool **v;		/* active in config order, then removed */
	unsigned int n;
};

static uint64_t load64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

static void store64(uint8_t *p, uint64_t v)
{
	for (int i = 7; i >= 0; i--, v >>= 8)
		p[i] = v & 0xff;
}

static void pool_addr(const struct pool *p, uint64_t off, union aaa_addr *out)
{
	if (p->range.family == AF_INET) {
		out->v4.s_addr = htonl(ntohl(p->range.first.s_addr) + (uint32_t)off);
		return;
	}
	/* len >= 64 and off + 1 < 2^(128-len): no carry out of the low half;
	 * + 1: the prefix's own address is its subnet-router anycast address
	 * (RFC 4291 §2.6.1), no client's */
	memcpy(out->v6.s6_addr, p->range.prefix.addr, 16);
	store64(out->v6.s6_addr + 8, load64(p->range.prefix.addr + 8) + off + 1);
}

/* ADDR's offset in P; NIL when P does not hold it. */
static uint64_t pool_off(const struct pool *p, const union aaa_addr *a)
{
	uint64_t off;

	if (p->range.family == AF_INET)
		off = (uint32_t)(ntohl(a->v4.s_addr) - ntohl(p->range.first.s_addr));
	else if (memcmp(a->v6.s6_addr, p->range.prefix.addr, 8))
		return NIL;
	else
		off = load64(a->v6.s6_addr + 8) - load64(p->range.prefix.addr + 8) - 1;
	return off < p->size ? off : NIL;
}

static bool same_range(const struct conf_pool *a, const struct conf_pool *b)
{
	if (a->family != b->family)
		return false;
	if (a->family == AF_INET)
		return a->first.s_addr == b->first.s_addr &&
		       a->last.s_addr == b->last.s_addr;
	return a->prefix.len == b->prefix.len &&
	       !memcmp(a->prefix.addr, b->prefix.addr, 16);
}

/* ---- slots and the free list ------------------------------------ */

static uint64_t slot_new(struct pool *p)
{
	if (p->next == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 16;
		p->slots = xreallocarray(p->slots, p->cap, sizeof(*p->slots));
	}
	p->slots[p->next] = (struct pool_slot){ .prev = NIL, .next = NIL };
	return p->next++;
}

static void free_push(struct pool *p, uint64_t off)
{
	struct pool_slot *s = &p->slots[off];

	s->state = SLOT_FREE;
	s->next = NIL;
	s->prev = p->tail;
	if (p->tail != NIL)
		p->slots[p->tail].next = off;
	else
		p->head = off;
	p->tail = off;
}

static void free_unlink(struct pool *p, uint64_t off)
{
	struct pool_slot *s = &p->slots[off];

	if (s->prev != NIL)
		p->slots[s->prev].next = s->next;
	else
		p->head = s->next;
	if (s->next != NIL)
		p->slots[s->next].prev = s->prev;
	else
		p->tail = s->prev;
	s->prev = s->next = NIL;
}

/* ---- owners ------------------------------------------------------ */

/* The slot's last holder forgets it: another client has it now. */
static void owner_drop(struct pool *p, struct pool_slot *s)
{
	if (!s->owner)
		return;
	HASH_DEL(p->owners, s->owner);
	free(s->owner);
	s->owner = NULL;
}

/* OFF is OWNER's address now (REC: OWNER's record, if it has one). */
static void owner_set(struct pool *p, uint64_t off, const char *owner,
		      struct pool_owner *rec)
{
	struct pool_slot *s = &p->slots[off];
	size_t len;

	if (rec && s->owner == rec)
		return;
	owner_drop(p, s);
	if (!owner)
		return;
	if (rec) {
		p->slots[rec->off].owner = NULL;
	} else {
		len = strlen(owner);
		rec = xcalloc(1, sizeof(*rec) + len + 1);
		memcpy(rec->name, owner, len);
		HASH_ADD_KEYPTR(hh, p->owners, rec->name, len, rec);
	}
	rec->off = off;
	s->owner = rec;
}

/* ---- blocking a draining pool's addresses ------------------------- */

static void block(struct pool *p, uint64_t off)
{
	struct pool_block *b;

	if (off < p->next) {
		if (p->slots[off].state == SLOT_FREE) {
			free_unlink(p, off);
			owner_drop(p, &p->slots[off]);
			p->slots[off].state = SLOT_FOREIGN;
		}
		return;
	}
	HASH_FIND(hh, p->blocked, &off, sizeof(off), b);
	if (b)
		return;
	b = xcalloc(1, sizeof(*b));
	b->off = off;
	HASH_ADD(hh, p->blocked, off, sizeof(b->off), b);
}

static void unblock(struct pool *p, uint64_t off)
{
	struct pool_block *b;

	if (off < p->next) {
		if (p->slots[off].state == SLOT_FOREIGN)
			free_push(p, off);
		return;
	}
	HASH_FIND(hh, p->blocked, &off, sizeof(off), b);
	if (b) {
		HASH_DEL(p->blocked, b);
		free(b);
	}
}

/* D's addresses in use, blocked in the new pool P. */
static void block_draining(struct pool *p, const struct pool *d)
{
	union aaa_addr a;
	uint64_t off;

	if (d->range.family != p->range.family)
		return;
	for (uint64_t i = 0; i < d->next; i++) {
		if (d->slots[i].state != SLOT_USED)
			continue;
		pool_addr(d, i, &a);
		off = pool_off(p, &a);
		if (off != NIL)
			block(p, off);
	}
}

/* ---- allocation --------------------------------------------------- */

/* A free offset: a new one while the spread allows, else the oldest
 * released; skips (at most once each) what a draining pool still has. */
static bool take(struct pool *p, uint64_t *off)
{
	struct pool_block *b;

	for (;;) {
		if (p->next < p->size && (p->next < POOL_SPREAD || p->head == NIL)) {
			*off = slot_new(p);
		} else if (p->head != NIL) {
			*off = p->head;
			free_unlink(p, *off);
		} else {
			return false;
		}
		b = NULL;
		if (p->blocked)
			HASH_FIND(hh, p->blocked, off, sizeof(*off), b);
		if (!b)
			return true;
		HASH_DEL(p->blocked, b);
		free(b);
		owner_drop(p, &p->slots[*off]);
		p->slots[*off].state = SLOT_FOREIGN;
	}
}

static struct pool *find_active(const struct aaa_pools *pools, const char *name)
{
	for (unsigned int i = 0; i < pools->n; i++)
		if (!pools->v[i]->removed && !strcmp(pools->v[i]->name, name))
			return pools->v[i];
	return NULL;
}

int aaa_pool_alloc(struct aaa_pools *pools, const char *name,
		   const char *owner, sa_family_t *family, union aaa_addr *out)
{
	struct pool *p = find_active(pools, name);
	struct pool_owner *rec = NULL;
	uint64_t off;

	if (!p)
		return -ENOENT;
	if (owner)
		HASH_FIND_STR(p->owners, owner, rec);
	if (rec && p->slots[rec->off].state == SLOT_FREE) {
		off = rec->off;
		free_unlink(p, off);
	} else if (!take(p, &off)) {
		return -ENOSPC;
	}
	owner_set(p, off, owner, rec);
	p->slots[off].state = SLOT_USED;
	p->in_use++;
	*family = p->range.family;
	pool_addr(p, off, out);
	return 0;
}

/* ---- pools -------------------------------------------------------- */

static struct pool *pool_new(const struct conf_pool *c)
{
	struct pool *p = xcalloc(1, sizeof(*p));

	p->name = xstrdup(c->name);
	p->range = *c;
	p->range.name = NULL;
	if (c->family == AF_INET)
		p->size = (uint64_t)ntohl(c->last.s_addr) - ntohl(c->first.s_addr) + 1;
	else	/* all but the subnet-router anycast address; in a /64 that
		 * is 2^64 - 1, so the size fits 64 bits */
		p->size = c->prefix.len == 64 ? UINT64_MAX
					      : ((uint64_t)1 << (128 - c->prefix.len)) - 1;
	p->head = p->tail = NIL;
	return p;
}

static void pool_free(struct pool *p)
{
	struct pool_owner *o, *otmp;
	struct pool_block *b, *btmp;

	HASH_ITER(hh, p->owners, o, otmp) {
		HASH_DEL(p->owners, o);
		free(o);
	}
	HASH_ITER(hh, p->blocked, b, btmp) {
		HASH_DEL(p->blocked, b);
		free(b);
	}
	free(p->slots);
	free(p->name);
	free(p);
}

struct aaa_pools *aaa_pools_new(void)
{
	return xcalloc(1, sizeof(struct aaa_pools));
}

void aaa_pools_free(struct aaa_pools *pools)
{
	if (!pools)
		return;
	for (unsigned int i = 0; i < pools->n; i++)
		pool_free(pools->v[i]);
	free(pools->v);
	free(pools);
}

void aaa_pool_release(struct aaa_pools *pools, const char *name,
		      const union aaa_addr *addr)
{
	for (unsigned int i = 0; i < pools->n; i++) {
		struct pool *p = pools->v[i];
		uint64_t off = pool_off(p, addr);

		if (strcmp(p->name, name) || off == NIL || off >= p->next ||
		    p->slots[off].state != SLOT_USED)
			continue;
		free_push(p, off);	/* keeps its owner: sticky */
		p->in_use--;
		if (!p->removed)
			return;
		for (unsigned int j = 0; j < pools->n; j++) {
			struct pool *q = pools->v[j];

			if (!q->removed && q->range.family == p->range.family &&
			    (off = pool_off(q, addr)) != NIL)
				unblock(q, off);
		}
		if (!p->in_use) {
			pool_free(p);
			memmove(&pools->v[i], &pools->v[i + 1],
				(pools->n - i - 1) * sizeof(*pools->v));
			pools->n--;
		}
		return;
	}
}

int aaa_pools_sync(struct aaa_pools *pools, const struct ikev2_conf *conf,
		   char *err, size_t err_len)
{
	struct pool **v;
	bool *kept;
	unsigned int n = 0, n_active;

	for (unsigned int i = 0; i < conf->n_pools; i++) {
		if (!conf->pools[i].family) {
			snprintf(err, err_len, "pool %s has no addresses",
				 conf->pools[i].name);
			return -1;
		}
	}
	v = xcalloc(conf->n_pools + pools->n + 1, sizeof(*v));
	kept = xcalloc(pools->n + 1, sizeof(*kept));
	for (unsigned int i = 0; i < conf->n_pools; i++) {
		const struct conf_pool *c = &conf->pools[i];
		unsigned int j = 0;

		while (j < pools->n && (pools->v[j]->removed || kept[j] ||
					strcmp(pools->v[j]->name, c->name) ||
					!same_range(&pools->v[j]->range, c)))
			j++;
		if (j < pools->n)
			kept[j] = true;
		v[n++] = j < pools->n ? pools->v[j] : pool_new(c);
	}
	n_active = n;
	for (unsigned int j = 0; j < pools->n; j++) {
		struct pool *p = pools->v[j];

		if (kept[j])
			continue;
		p->removed = true;
		if (p->in_use)
			v[n++] = p;
		else
			pool_free(p);
	}
	/* No active pool hands out what a draining one still has (a kept
	 * pool holds none of it already: blocking is idempotent). */
	for (unsigned int i = 0; i < n_active; i++)
		for (unsigned int k = n_active; k < n; k++)
			block_draining(v[i], v[k]);
	free(kept);
	free(pools->v);
	pools->v = v;
	pools->n = n;
	return 0;
}

void aaa_pools_foreach(const struct aaa_pools *pools,
		       void (*fn)(void *ctx, const struct aaa_pool_usage *u),
		       void *ctx)
{
	for (unsigned int i = 0; i < pools->n; i++) {
		const struct pool *p = pools->v[i];
		struct aaa_pool_usage u = {
			.name = p->name, .family = p->range.family,
			.size = p->size, .in_use = p->in_use,
			.removed = p->removed, .touched = p->next,
			.owners = HASH_COUNT(p->owners),
		};
		char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN];

		if (u.family == AF_INET)
			snprintf(u.range, sizeof(u.range), "%s %s",
				 inet_ntop(AF_INET, &p->range.first, a, sizeof(a)),
				 inet_ntop(AF_INET, &p->range.last, b, sizeof(b)));
		else
			snprintf(u.range, sizeof(u.range), "%s/%u",
				 inet_ntop(AF_INET6, p->range.prefix.addr, a, sizeof(a)),
				 p->range.prefix.len);
		fn(ctx, &u);
	}
}
