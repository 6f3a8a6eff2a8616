// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Attribute merging (spec §12), table-driven: user, group and default
 * levels, with and without override, over conflicting DNS, pool,
 * netmask and routes; missing levels; and aaa_authorize() picking the
 * levels from the configuration.
 */
#include <arpa/inet.h>
#include <string.h>

#include "kselftest_harness.h"

#include "aaa/aaa.h"
#include "conf_load.h"
#include "leak_check.h"

enum { U, G, D, NONE };	/* which level an attribute came from */

/* Each level's value of every attribute under test is its own. */
static void level(struct aaa_attrs *a, int which, bool dns, bool pool,
		  bool mask, bool routes)
{
	static const char *const pools[] = { "pool-u", "pool-g", "pool-d" };

	memset(a, 0, sizeof(*a));
	if (dns) {
		a->n_dns = which + 1;	/* counts differ too: never mixed */
		for (int i = 0; i <= which && i < AAA_MAX_SERVERS; i++)
			a->dns[i].s_addr = htonl(0x0a000000 | which << 8 | i);
		a->n_dns = which < AAA_MAX_SERVERS ? which + 1 : AAA_MAX_SERVERS;
	}
	if (pool)
		a->pool = pools[which];
	if (mask) {
		a->has_netmask = true;
		a->netmask.s_addr = htonl(0xffffff00u << which);
	}
	if (routes) {
		a->n_routes = 1;
		a->routes[0].family = AF_INET;
		a->routes[0].len = 8 + which;
		a->routes[0].addr[0] = 10 + which;
	}
}

/* Which level OUT's attribute came from. */
static int from_dns(const struct aaa_attrs *out)
{
	return out->n_dns ? (int)(ntohl(out->dns[0].s_addr) >> 8 & 0xff) : NONE;
}

static int from_pool(const struct aaa_attrs *out)
{
	return out->pool ? (out->pool[5] == 'u' ? U : out->pool[5] == 'g' ? G : D)
			 : NONE;
}

static int from_mask(const struct aaa_attrs *out)
{
	uint32_t m = ntohl(out->netmask.s_addr);

	return !out->has_netmask ? NONE : m == 0xffffff00u ? U :
	       m == 0xfffffe00u ? G : D;
}

static int from_routes(const struct aaa_attrs *out)
{
	return out->n_routes ? out->routes[0].addr[0] - 10 : NONE;
}

/*
 * The levels present (NULL level: NULL pointer), which attributes each
 * level sets (bit 0 dns, 1 pool, 2 netmask, 3 routes), override, and
 * the level each attribute must come from.
 */
static const struct merge_case {
	const char *what;
	bool has[3];
	unsigned int sets[3];
	bool override;
	int dns, pool, mask, routes;
} cases[] = {
	{ "all levels set all: user wins", { 1, 1, 1 }, { 15, 15, 15 }, false, U, U, U, U },
	{ "override: group wins", { 1, 1, 1 }, { 15, 15, 15 }, true, G, G, G, G },
	{ "user sets some: the rest from group", { 1, 1, 1 }, { 1 | 4, 15, 15 }, false, U, G, U, G },
	{ "override, group sets some: the rest from user", { 1, 1, 1 }, { 15, 2, 15 }, true, U, G, U, U },
	{ "neither: default", { 1, 1, 1 }, { 0, 0, 15 }, false, D, D, D, D },
	{ "neither, override: default", { 1, 1, 1 }, { 0, 0, 15 }, true, D, D, D, D },
	{ "default fills gaps only", { 1, 1, 1 }, { 1, 2, 15 }, false, U, G, D, D },
	{ "no user level", { 0, 1, 1 }, { 15, 1, 15 }, false, G, D, D, D },
	{ "no group level, override", { 1, 0, 1 }, { 8, 15, 15 }, true, D, D, D, U },
	{ "no default level", { 1, 1, 0 }, { 1, 2, 15 }, false, U, G, NONE, NONE },
	{ "no level at all", { 0, 0, 0 }, { 15, 15, 15 }, true, NONE, NONE, NONE, NONE },
	{ "only the user", { 1, 0, 0 }, { 15, 0, 0 }, true, U, U, U, U },
};

TEST(merge_table)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct merge_case *c = &cases[i];
		struct aaa_attrs lv[3], out;

		for (int l = 0; l < 3; l++)
			level(&lv[l], l, c->sets[l] & 1, c->sets[l] & 2,
			      c->sets[l] & 4, c->sets[l] & 8);
		aaa_attrs_merge(&out, c->has[U] ? &lv[U] : NULL,
				c->has[G] ? &lv[G] : NULL, c->override,
				c->has[D] ? &lv[D] : NULL);
		TH_LOG("%s", c->what);
		EXPECT_EQ(c->dns, from_dns(&out));
		EXPECT_EQ(c->pool, from_pool(&out));
		EXPECT_EQ(c->mask, from_mask(&out));
		EXPECT_EQ(c->routes, from_routes(&out));
		/* A whole list from one level: its own count. */
		if (c->dns != NONE)
			EXPECT_EQ(lv[c->dns].n_dns, out.n_dns);
	}
}

/* Every other attribute follows the same rule. */
TEST(merge_every_attribute)
{
	struct aaa_attrs user = { 0 }, group = { 0 }, out;

	group.ipv6_pool = "g6";
	group.has_address = true;
	group.address.s_addr = htonl(1);
	group.has_ipv6_address = true;
	group.vrf = "red";
	group.session_lifetime = 600;
	group.has_flow_limit = true;	/* 0: no CHILD SA at all, still set */
	group.n_dns6 = 1;
	group.n_wins = 2;
	group.def_domain = "g.example";
	group.banner = "hi";
	group.n_split_dns = 1;
	group.split_dns[0] = "s.example";
	group.has_include_local_lan = group.include_local_lan = true;
	group.has_pfs = true;
	group.pfs = false;
	group.n_backup_gw = 1;
	group.backup_gw[0] = "gw";
	user.vrf = "blue";
	user.session_lifetime = 120;
	aaa_attrs_merge(&out, &user, &group, false, NULL);
	EXPECT_STREQ("g6", out.ipv6_pool);
	EXPECT_TRUE(out.has_address);
	EXPECT_EQ(htonl(1), out.address.s_addr);
	EXPECT_TRUE(out.has_ipv6_address);
	EXPECT_STREQ("blue", out.vrf);
	EXPECT_EQ(120, out.session_lifetime);
	EXPECT_TRUE(out.has_flow_limit);
	EXPECT_EQ(0, out.flow_limit);
	EXPECT_EQ(1, out.n_dns6);
	EXPECT_EQ(2, out.n_wins);
	EXPECT_STREQ("g.example", out.def_domain);
	EXPECT_STREQ("hi", out.banner);
	EXPECT_STREQ("s.example", out.split_dns[0]);
	EXPECT_TRUE(out.has_include_local_lan && out.include_local_lan);
	EXPECT_TRUE(out.has_pfs);
	EXPECT_FALSE(out.pfs);
	EXPECT_STREQ("gw", out.backup_gw[0]);
	aaa_attrs_merge(&out, &user, &group, true, NULL);
	EXPECT_STREQ("red", out.vrf);
	EXPECT_EQ(600, out.session_lifetime);
}

FIXTURE(authorize)
{
	struct conf_run r;
	const struct ikev2_conf *c;
};

FIXTURE_SETUP(authorize)
{
	conf_run_init(&self->r);
	self->c = &self->r.conf.ikev2;
	free(write_file(self->r.dir, "ca.pem", "x"));
	ASSERT_EQ(0, conf_run_load(&self->r,
		"pool = ( { name = \"v4\"; range = \"10.10.0.10 10.10.0.250\"; },\n"
		"  { name = \"v4b\"; range = \"10.20.0.10 10.20.0.250\"; } );\n"
		"authorization-policy = (\n"
		"  { name = \"default\"; dns = \"10.0.0.1\"; def-domain = \"d.example\"; },\n"
		"  { name = \"staff\"; dns = \"10.0.0.2\"; pool = \"v4\"; },\n"
		"  { name = \"guests\"; dns = \"10.0.0.3\"; pool = \"v4b\"; netmask = \"255.255.0.0\"; } );\n"
		"user = ( { name = \"alice\"; password = \"a\"; group = \"staff\";\n"
		"    dns = \"10.0.0.9\"; address = \"10.10.0.5\"; },\n"
		"  { name = \"bob\"; password = \"b\"; } );\n"
		"profile = (\n"
		"  { name = \"ra\"; match-identity-remote = \"fqdn a\"; authentication-local = \"rsa-sig\";\n"
		"    authentication-remote = \"eap\"; pki-trustpoint = \"ca.pem\";\n"
		"    certificate = \"ca.pem\"; private-key = \"ca.pem\";\n"
		"    authorization-group = \"guests\"; },\n"
		"  { name = \"ro\"; match-identity-remote = \"fqdn b\"; authentication-local = \"rsa-sig\";\n"
		"    authentication-remote = \"eap\"; pki-trustpoint = \"ca.pem\";\n"
		"    certificate = \"ca.pem\"; private-key = \"ca.pem\";\n"
		"    authorization-group = \"guests\"; authorization-group-override = true; },\n"
		"  { name = \"plain\"; match-identity-remote = \"fqdn c\"; authentication-local = \"rsa-sig\";\n"
		"    authentication-remote = \"eap\"; pki-trustpoint = \"ca.pem\";\n"
		"    certificate = \"ca.pem\"; private-key = \"ca.pem\"; } );\n"));
}

FIXTURE_TEARDOWN(authorize)
{
	conf_run_free(&self->r);
	EXPECT_EQ(0, leaks_found());
}

static uint32_t dns0(const struct aaa_attrs *a)
{
	return a->n_dns ? ntohl(a->dns[0].s_addr) & 0xff : 0;
}

TEST_F(authorize, levels_from_the_config)
{
	const struct conf_profile *ra = conf_profile_find(self->c, "ra");
	const struct conf_profile *ro = conf_profile_find(self->c, "ro");
	const struct conf_profile *plain = conf_profile_find(self->c, "plain");
	const char *group = "unset";
	struct aaa_attrs a;

	/* alice: her own DNS and address, her group's pool (not the profile's). */
	aaa_authorize(self->c, ra, "alice", &a, &group);
	EXPECT_STREQ("staff", group);
	EXPECT_EQ(9, dns0(&a));
	EXPECT_STREQ("v4", a.pool);
	EXPECT_TRUE(a.has_address);
	EXPECT_FALSE(a.has_netmask);
	EXPECT_STREQ("d.example", a.def_domain);
	/* Override: her group beats her own DNS; the address only she has. */
	aaa_authorize(self->c, ro, "alice", &a, &group);
	EXPECT_STREQ("staff", group);
	EXPECT_EQ(2, dns0(&a));
	EXPECT_TRUE(a.has_address);
	/* bob has no group: the profile's. */
	aaa_authorize(self->c, ra, "bob", &a, &group);
	EXPECT_STREQ("guests", group);
	EXPECT_EQ(3, dns0(&a));
	EXPECT_STREQ("v4b", a.pool);
	EXPECT_TRUE(a.has_netmask);
	/* Not a user (a certificate client): group and default only. */
	aaa_authorize(self->c, ra, "carol", &a, &group);
	EXPECT_STREQ("guests", group);
	EXPECT_EQ(3, dns0(&a));
	aaa_authorize(self->c, ra, NULL, &a, &group);
	EXPECT_STREQ("guests", group);
	/* No group anywhere: the default policy. */
	aaa_authorize(self->c, plain, "bob", &a, &group);
	EXPECT_EQ(NULL, group);
	EXPECT_EQ(1, dns0(&a));
	EXPECT_EQ(NULL, a.pool);
	aaa_authorize(self->c, NULL, NULL, &a, NULL);
	EXPECT_EQ(1, dns0(&a));
}

TEST_HARNESS_MAIN
