// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Address pools at run time: exhaustion, release and reuse, sticky
 * addresses, IPv6 prefixes, reloads that keep, replace or remove a
 * pool, use counts, and that memory follows the peak in use rather than
 * the number of allocations (asserted on the structure, not on time).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "kselftest_harness.h"

#include "aaa/aaa.h"
#include "config/conf_parse.h"
#include "leak_check.h"

#define MAX_POOLS 4

/* A configuration of pools only: what aaa_pools_sync() reads. */
struct pools_conf {
	struct ikev2_conf conf;
	struct conf_pool pools[MAX_POOLS];
};

/* "NAME FIRST LAST" or "NAME PREFIX" */
static void add_pool(struct pools_conf *pc, const char *name, const char *a,
		     const char *b)
{
	struct conf_pool *p = &pc->pools[pc->conf.n_pools++];

	memset(p, 0, sizeof(*p));
	p->name = (char *)name;
	if (b) {
		p->family = AF_INET;
		inet_pton(AF_INET, a, &p->first);
		inet_pton(AF_INET, b, &p->last);
	} else {
		p->family = AF_INET6;
		conf_parse_prefix(a, &p->prefix);
	}
	pc->conf.pools = pc->pools;
}

static const char *ntop(sa_family_t family, const union aaa_addr *a)
{
	static char buf[8][INET6_ADDRSTRLEN];
	static int i;

	i = (i + 1) % 8;
	return inet_ntop(family, a, buf[i], sizeof(buf[i]));
}

/* The address as text, or the error as "-ENOSPC"/"-ENOENT". */
static const char *alloc(struct aaa_pools *pools, const char *name,
			 const char *owner)
{
	union aaa_addr a;
	sa_family_t family = 0;
	int ret = aaa_pool_alloc(pools, name, owner, &family, &a);

	if (ret == -ENOSPC)
		return "-ENOSPC";
	if (ret == -ENOENT)
		return "-ENOENT";
	return ret ? "?" : ntop(family, &a);
}

static void release(struct aaa_pools *pools, const char *name, const char *text)
{
	union aaa_addr a;

	memset(&a, 0, sizeof(a));
	if (inet_pton(AF_INET, text, &a.v4) != 1)
		inet_pton(AF_INET6, text, &a.v6);
	aaa_pool_release(pools, name, &a);
}

struct usage_list {
	unsigned int n;
	struct aaa_pool_usage u[MAX_POOLS * 2];
	char names[MAX_POOLS * 2][32];
};

static void collect(void *ctx, const struct aaa_pool_usage *u)
{
	struct usage_list *l = ctx;

	/* copied by value: the name stays in names[] */
	l->u[l->n] = *u;
	snprintf(l->names[l->n], sizeof(l->names[0]), "%s", u->name);
	l->u[l->n].name = NULL;
	l->n++;
}

static struct usage_list usage(const struct aaa_pools *pools)
{
	struct usage_list l = { 0 };

	aaa_pools_foreach(pools, collect, &l);
	return l;
}

FIXTURE(pool)
{
	struct aaa_pools *pools;
	struct pools_conf pc;
	char err[128];
};

FIXTURE_SETUP(pool)
{
	self->pools = aaa_pools_new();
	memset(&self->pc, 0, sizeof(self->pc));
	/* a /29's worth: 8 addresses */
	add_pool(&self->pc, "v4", "10.0.0.8", "10.0.0.15");
	add_pool(&self->pc, "v6", "2001:db8::/120", NULL);
	ASSERT_EQ(0, aaa_pools_sync(self->pools, &self->pc.conf, self->err,
				    sizeof(self->err)));
}

FIXTURE_TEARDOWN(pool)
{
	aaa_pools_free(self->pools);
	EXPECT_EQ(0, leaks_found());
}

TEST_F(pool, allocate_all_then_enospc)
{
	char owner[16];

	for (int i = 0; i < 8; i++) {
		char want[16];

		snprintf(owner, sizeof(owner), "u%d", i);
		snprintf(want, sizeof(want), "10.0.0.%d", 8 + i);
		EXPECT_STREQ(want, alloc(self->pools, "v4", owner));
	}
	EXPECT_STREQ("-ENOSPC", alloc(self->pools, "v4", "late"));
	EXPECT_STREQ("-ENOSPC", alloc(self->pools, "v4", NULL));
	EXPECT_STREQ("-ENOENT", alloc(self->pools, "nope", "u1"));
}

TEST_F(pool, release_and_reuse)
{
	for (int i = 0; i < 8; i++)
		alloc(self->pools, "v4", NULL);
	release(self->pools, "v4", "10.0.0.11");
	/* releasing twice, or what the pool never gave, changes nothing */
	release(self->pools, "v4", "10.0.0.11");
	release(self->pools, "v4", "10.0.0.99");
	release(self->pools, "v6", "10.0.0.12");
	EXPECT_EQ(7, usage(self->pools).u[0].in_use);
	EXPECT_STREQ("10.0.0.11", alloc(self->pools, "v4", "new"));
	EXPECT_STREQ("-ENOSPC", alloc(self->pools, "v4", "newer"));
}

TEST_F(pool, sticky_address_on_reconnect)
{
	EXPECT_STREQ("10.0.0.8", alloc(self->pools, "v4", "alice"));
	EXPECT_STREQ("10.0.0.9", alloc(self->pools, "v4", "bob"));
	EXPECT_STREQ("10.0.0.10", alloc(self->pools, "v4", "carol"));
	release(self->pools, "v4", "10.0.0.9");		/* bob, first */
	release(self->pools, "v4", "10.0.0.8");		/* then alice */
	/* alice reconnects: hers, although bob's was released before */
	EXPECT_STREQ("10.0.0.8", alloc(self->pools, "v4", "alice"));
	/* someone new gets a never-used one: bob's stays free for him */
	EXPECT_STREQ("10.0.0.11", alloc(self->pools, "v4", "dave"));
	EXPECT_STREQ("10.0.0.9", alloc(self->pools, "v4", "bob"));
}

/* Once every address was used, the one released longest ago goes first. */
TEST_F(pool, oldest_release_reused_first)
{
	for (int i = 0; i < 8; i++)
		alloc(self->pools, "v4", NULL);
	release(self->pools, "v4", "10.0.0.13");
	release(self->pools, "v4", "10.0.0.9");
	EXPECT_STREQ("10.0.0.13", alloc(self->pools, "v4", "x"));
	EXPECT_STREQ("10.0.0.9", alloc(self->pools, "v4", "y"));
}

TEST_F(pool, sticky_address_taken_by_someone_else)
{
	char owner[16];

	for (int i = 0; i < 8; i++) {
		snprintf(owner, sizeof(owner), "u%d", i);
		alloc(self->pools, "v4", owner);
	}
	release(self->pools, "v4", "10.0.0.8");		/* u0's */
	EXPECT_STREQ("10.0.0.8", alloc(self->pools, "v4", "eve"));
	release(self->pools, "v4", "10.0.0.12");	/* u4's */
	/* u0 is back: its address is eve's now, it gets another one */
	EXPECT_STREQ("10.0.0.12", alloc(self->pools, "v4", "u0"));
	release(self->pools, "v4", "10.0.0.8");		/* eve leaves */
	release(self->pools, "v4", "10.0.0.12");	/* u0 leaves */
	/* and .12 is u0's now, not u4's; .8 is eve's, not u0's */
	EXPECT_STREQ("10.0.0.8", alloc(self->pools, "v4", "u4"));
	EXPECT_STREQ("10.0.0.12", alloc(self->pools, "v4", "u0"));
	/* a slot remembers one owner, an owner one slot: bounded */
	EXPECT_EQ(8, usage(self->pools).u[0].owners);
}

/* Two sessions of one identity: two addresses; the later is remembered. */
TEST_F(pool, same_owner_twice)
{
	EXPECT_STREQ("10.0.0.8", alloc(self->pools, "v4", "alice"));
	EXPECT_STREQ("10.0.0.9", alloc(self->pools, "v4", "alice"));
	release(self->pools, "v4", "10.0.0.8");
	release(self->pools, "v4", "10.0.0.9");
	EXPECT_EQ(1, usage(self->pools).u[0].owners);
	EXPECT_STREQ("10.0.0.9", alloc(self->pools, "v4", "alice"));
}

TEST_F(pool, ipv6_prefix_120)
{
	char want[64];

	/* ::0, the subnet-router anycast address, goes to nobody */
	for (int i = 1; i < 256; i++) {
		snprintf(want, sizeof(want), "2001:db8::%x", i);
		ASSERT_STREQ(want, alloc(self->pools, "v6", NULL));
	}
	EXPECT_STREQ("-ENOSPC", alloc(self->pools, "v6", "x"));
	release(self->pools, "v6", "2001:db8::ff");
	EXPECT_STREQ("2001:db8::ff", alloc(self->pools, "v6", "y"));
	EXPECT_EQ(255, usage(self->pools).u[1].size);
	EXPECT_STREQ("2001:db8::/120", usage(self->pools).u[1].range);
}

TEST_F(pool, ipv6_prefix_64)
{
	struct usage_list l;

	self->pc.conf.n_pools = 0;
	add_pool(&self->pc, "wide", "2001:db8:1:2::/64", NULL);
	ASSERT_EQ(0, aaa_pools_sync(self->pools, &self->pc.conf, self->err,
				    sizeof(self->err)));
	EXPECT_STREQ("2001:db8:1:2::1", alloc(self->pools, "wide", "a"));
	EXPECT_STREQ("2001:db8:1:2::2", alloc(self->pools, "wide", "b"));
	for (int i = 0; i < 0x10000 - 2; i++)
		alloc(self->pools, "wide", NULL);
	EXPECT_STREQ("2001:db8:1:2::1:1", alloc(self->pools, "wide", "c"));
	release(self->pools, "wide", "2001:db8:1:2::1:1");
	l = usage(self->pools);
	ASSERT_EQ(1, l.n);
	EXPECT_EQ(UINT64_MAX, l.u[0].size);	/* 2^64 - 1: fits the counter */
	EXPECT_EQ(0x10000, l.u[0].in_use);
	EXPECT_EQ(0x10001, l.u[0].touched);
}

TEST_F(pool, use_counts_in_config_order)
{
	struct usage_list l;

	alloc(self->pools, "v4", "a");
	alloc(self->pools, "v4", "b");
	alloc(self->pools, "v6", "a");
	l = usage(self->pools);
	ASSERT_EQ(2, l.n);
	EXPECT_STREQ("v4", l.names[0]);
	EXPECT_EQ(AF_INET, l.u[0].family);
	EXPECT_STREQ("10.0.0.8 10.0.0.15", l.u[0].range);
	EXPECT_EQ(8, l.u[0].size);
	EXPECT_EQ(2, l.u[0].in_use);
	EXPECT_FALSE(l.u[0].removed);
	EXPECT_STREQ("v6", l.names[1]);
	EXPECT_EQ(AF_INET6, l.u[1].family);
	EXPECT_EQ(1, l.u[1].in_use);
}

TEST_F(pool, reload_keeps_allocations)
{
	struct usage_list l;

	EXPECT_STREQ("10.0.0.8", alloc(self->pools, "v4", "alice"));
	EXPECT_STREQ("10.0.0.9", alloc(self->pools, "v4", "bob"));
	release(self->pools, "v4", "10.0.0.8");
	/* the same pools, in another order, and a new one */
	self->pc.conf.n_pools = 0;
	add_pool(&self->pc, "new", "10.1.0.1", "10.1.0.2");
	add_pool(&self->pc, "v6", "2001:db8::/120", NULL);
	add_pool(&self->pc, "v4", "10.0.0.8", "10.0.0.15");
	ASSERT_EQ(0, aaa_pools_sync(self->pools, &self->pc.conf, self->err,
				    sizeof(self->err)));
	l = usage(self->pools);
	ASSERT_EQ(3, l.n);
	EXPECT_STREQ("new", l.names[0]);
	EXPECT_STREQ("v4", l.names[2]);
	EXPECT_EQ(1, l.u[2].in_use);
	/* bob still has .9; alice's .8 is still hers */
	EXPECT_STREQ("10.0.0.10", alloc(self->pools, "v4", "carol"));
	EXPECT_STREQ("10.0.0.8", alloc(self->pools, "v4", "alice"));
	EXPECT_STREQ("10.1.0.1", alloc(self->pools, "new", "alice"));
}

TEST_F(pool, removed_pool_drains)
{
	struct usage_list l;

	alloc(self->pools, "v4", "a");
	alloc(self->pools, "v4", "b");
	self->pc.conf.n_pools = 0;
	add_pool(&self->pc, "v6", "2001:db8::/120", NULL);
	ASSERT_EQ(0, aaa_pools_sync(self->pools, &self->pc.conf, self->err,
				    sizeof(self->err)));
	EXPECT_STREQ("-ENOENT", alloc(self->pools, "v4", "c"));
	l = usage(self->pools);
	ASSERT_EQ(2, l.n);
	EXPECT_STREQ("v4", l.names[1]);	/* removed ones last */
	EXPECT_TRUE(l.u[1].removed);
	EXPECT_EQ(2, l.u[1].in_use);
	release(self->pools, "v4", "10.0.0.8");
	EXPECT_EQ(1, usage(self->pools).u[1].in_use);
	release(self->pools, "v4", "10.0.0.9");
	EXPECT_EQ(1, usage(self->pools).n);	/* freed with its last address */
	/* an unused pool goes at once */
	self->pc.conf.n_pools = 0;
	ASSERT_EQ(0, aaa_pools_sync(self->pools, &self->pc.conf, self->err,
				    sizeof(self->err)));
	EXPECT_EQ(0, usage(self->pools).n);
}

/* A changed range replaces the pool; the old one's addresses in use are
 * never handed out again until released. */
TEST_F(pool, changed_range_replaces_and_blocks)
{
	struct usage_list l;

	EXPECT_STREQ("10.0.0.8", alloc(self->pools, "v4", "a"));
	EXPECT_STREQ("10.0.0.9", alloc(self->pools, "v4", "b"));
	EXPECT_STREQ("10.0.0.10", alloc(self->pools, "v4", "c"));
	release(self->pools, "v4", "10.0.0.9");
	self->pc.conf.pools[0].first.s_addr = htonl(0x0a000009);	/* .9-.15 */
	ASSERT_EQ(0, aaa_pools_sync(self->pools, &self->pc.conf, self->err,
				    sizeof(self->err)));
	l = usage(self->pools);
	ASSERT_EQ(3, l.n);
	EXPECT_STREQ("10.0.0.9 10.0.0.15", l.u[0].range);
	EXPECT_EQ(0, l.u[0].in_use);
	EXPECT_TRUE(l.u[2].removed);
	EXPECT_EQ(2, l.u[2].in_use);
	/* .10 is still c's in the old pool: skipped */
	EXPECT_STREQ("10.0.0.9", alloc(self->pools, "v4", "d"));
	EXPECT_STREQ("10.0.0.11", alloc(self->pools, "v4", "e"));
	/* c leaves: .10 comes free in the new pool */
	release(self->pools, "v4", "10.0.0.10");
	EXPECT_STREQ("10.0.0.12", alloc(self->pools, "v4", "f"));
	/* a leaves: outside the new range, the old pool is gone */
	release(self->pools, "v4", "10.0.0.8");
	l = usage(self->pools);
	ASSERT_EQ(2, l.n);
	EXPECT_EQ(3, l.u[0].in_use);
	EXPECT_STREQ("10.0.0.13", alloc(self->pools, "v4", NULL));
	EXPECT_STREQ("10.0.0.14", alloc(self->pools, "v4", NULL));
	EXPECT_STREQ("10.0.0.15", alloc(self->pools, "v4", NULL));
	EXPECT_STREQ("10.0.0.10", alloc(self->pools, "v4", NULL));
	EXPECT_STREQ("-ENOSPC", alloc(self->pools, "v4", NULL));
}

/* An address the old pool still has but the new one has not reached. */
TEST_F(pool, blocked_address_released_before_it_is_reached)
{
	for (int i = 0; i < 8; i++)
		alloc(self->pools, "v4", NULL);
	self->pc.conf.pools[0].last.s_addr = htonl(0x0a000011);	/* .8-.17 */
	ASSERT_EQ(0, aaa_pools_sync(self->pools, &self->pc.conf, self->err,
				    sizeof(self->err)));
	release(self->pools, "v4", "10.0.0.12");
	EXPECT_STREQ("10.0.0.12", alloc(self->pools, "v4", NULL));
	EXPECT_STREQ("10.0.0.16", alloc(self->pools, "v4", NULL));
	EXPECT_STREQ("10.0.0.17", alloc(self->pools, "v4", NULL));
	EXPECT_STREQ("-ENOSPC", alloc(self->pools, "v4", NULL));
}

TEST_F(pool, sync_refuses_a_pool_without_addresses)
{
	self->pc.pools[1].family = 0;
	EXPECT_EQ(-1, aaa_pools_sync(self->pools, &self->pc.conf, self->err,
				     sizeof(self->err)));
	EXPECT_STREQ("pool v6 has no addresses", self->err);
	EXPECT_EQ(2, usage(self->pools).n);	/* unchanged */
}

/*
 * 100k sessions of different identities come and go while four stay
 * up: records (slots, remembered owners) stop at the pool's size or at
 * the spread of 65536, whatever the count of allocations, and each
 * operation touches O(1) of them.
 */
TEST_F(pool, churn_stays_bounded)
{
	static const struct {
		const char *name;
		uint64_t records;
	} cases[] = { { "v4", 8 }, { "v6", 255 }, { "wide", 65536 } };
	char owner[32];

	add_pool(&self->pc, "wide", "2001:db8:1:2::/64", NULL);
	ASSERT_EQ(0, aaa_pools_sync(self->pools, &self->pc.conf, self->err,
				    sizeof(self->err)));
	for (int n = 0; n < 3; n++) {
		const char *name = cases[n].name;
		struct usage_list l;
		union aaa_addr keep[4], a;
		sa_family_t family;

		for (int i = 0; i < 4; i++) {
			snprintf(owner, sizeof(owner), "stay%d", i);
			ASSERT_EQ(0, aaa_pool_alloc(self->pools, name, owner,
						    &family, &keep[i]));
		}
		for (int i = 0; i < 100000; i++) {
			snprintf(owner, sizeof(owner), "user%d", i);
			ASSERT_EQ(0, aaa_pool_alloc(self->pools, name, owner,
						    &family, &a));
			aaa_pool_release(self->pools, name, &a);
		}
		l = usage(self->pools);
		TH_LOG("pool %s", name);
		EXPECT_EQ(4, l.u[n].in_use);
		EXPECT_EQ(cases[n].records, l.u[n].touched);
		EXPECT_EQ(cases[n].records, l.u[n].owners);
		for (int i = 0; i < 4; i++)
			aaa_pool_release(self->pools, name, &keep[i]);
		EXPECT_EQ(0, usage(self->pools).u[n].in_use);
		/* the stayers kept their addresses throughout */
		snprintf(owner, sizeof(owner), "stay%d", 2);
		ASSERT_EQ(0, aaa_pool_alloc(self->pools, name, owner, &family, &a));
		EXPECT_EQ(0, memcmp(&keep[2], &a, sizeof(a)));
	}
}

TEST_HARNESS_MAIN
