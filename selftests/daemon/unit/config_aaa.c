// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The remote-access objects of vgated.conf: pool, authorization-policy,
 * user and the profile's eap, authorization-group and hook keys.  Every
 * key parsed, the defaults, and each check's "FILE:LINE: message".
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kselftest_harness.h"

#include "auth/eap.h"
#include "conf_load.h"
#include "leak_check.h"

FIXTURE(aaa)
{
	struct conf_run r;
	const struct ikev2_conf *c;
};

FIXTURE_SETUP(aaa)
{
	conf_run_init(&self->r);
	self->c = &self->r.conf.ikev2;
	/* -t checks only that certificate files are readable. */
	free(write_file(self->r.dir, "ca.pem", "x"));
	free(write_file(self->r.dir, "cert.pem", "x"));
	free(write_file(self->r.dir, "key.pem", "x"));
}

FIXTURE_TEARDOWN(aaa)
{
	conf_run_free(&self->r);
	EXPECT_EQ(0, leaks_found());
}

#define EXPECT_REFUSED(text, want) do {					\
	ASSERT_EQ(-1, conf_run_load(&self->r, text));			\
	EXPECT_STREQ(want, self->r.errors);				\
} while (0)

#define EXPECT_LOADED(text) do {					\
	ASSERT_EQ(0, conf_run_load(&self->r, text));			\
	EXPECT_STREQ("", self->r.errors);				\
} while (0)

/* A profile for EAP clients: the server signs with a certificate. */
#define EAP_PROFILE(extra) \
	"profile = ( { name = \"ra\"; match-identity-remote = \"email domain example.com\";\n" \
	"  authentication-local = \"rsa-sig\"; authentication-remote = \"eap\";\n" \
	"  pki-trustpoint = \"ca.pem\"; certificate = \"cert.pem\"; private-key = \"key.pem\";\n" \
	extra "} );\n"

static const char *ntop(int family, const void *addr)
{
	static char buf[4][INET6_ADDRSTRLEN];
	static int i;

	i = (i + 1) % 4;
	return inet_ntop(family, addr, buf[i], sizeof(buf[i]));
}

static const char *prefix(const struct conf_prefix *p)
{
	static char buf[4][64];
	static int i;

	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%s/%u", ntop(p->family, p->addr), p->len);
	return buf[i];
}

/* ---- every key ----------------------------------------------------- */

TEST_F(aaa, pools_parsed)
{
	const struct conf_pool *p;

	EXPECT_LOADED("pool = ( { name = \"v4\"; range = \"10.10.0.10 10.10.0.250\"; },\n"
		      "  { name = \"v6\"; prefix = \"2001:db8:100::/112\"; },\n"
		      "  { name = \"one\"; range = \"10.20.0.1 10.20.0.1\"; },\n"
		      "  { name = \"wide\"; prefix = \"2001:db8:200::/64\"; } );\n");
	ASSERT_EQ(4, self->c->n_pools);
	p = conf_pool_find(self->c, "v4");
	ASSERT_NE(NULL, p);
	EXPECT_EQ(AF_INET, p->family);
	EXPECT_STREQ("10.10.0.10", ntop(AF_INET, &p->first));
	EXPECT_STREQ("10.10.0.250", ntop(AF_INET, &p->last));
	p = conf_pool_find(self->c, "v6");
	ASSERT_NE(NULL, p);
	EXPECT_EQ(AF_INET6, p->family);
	EXPECT_STREQ("2001:db8:100::/112", prefix(&p->prefix));
	EXPECT_EQ(AF_INET6, conf_pool_find(self->c, "wide")->family);
	EXPECT_EQ(NULL, conf_pool_find(self->c, "nope"));
	EXPECT_EQ(NULL, conf_pool_find(self->c, NULL));
}

#define POOLS "pool = ( { name = \"v4\"; range = \"10.10.0.10 10.10.0.250\"; },\n" \
	"  { name = \"v6\"; prefix = \"2001:db8:100::/112\"; } );\n"

TEST_F(aaa, authorization_policy_every_key)
{
	const struct conf_authz *z;
	const struct aaa_attrs *a;

	EXPECT_LOADED(POOLS
		"authorization-policy = ( { name = \"staff\";\n"
		"  pool = \"v4\"; ipv6-pool = \"v6\";\n"
		"  dns = [ \"10.0.0.53\", \"10.0.0.54\" ]; ipv6-dns = \"2001:db8::53\";\n"
		"  wins = [ \"10.0.0.137\" ]; def-domain = \"corp.example.com\";\n"
		"  split-dns = [ \"corp.example.com\", \"lab.example.net\" ];\n"
		"  banner = \"Authorized use only\"; netmask = \"255.255.255.0\";\n"
		"  route-set-remote = [ \"10.1.0.0/16\", \"2001:db8:10::/48\" ];\n"
		"  session-lifetime = 3600; flow-limit = 0; vrf = \"blue\";\n"
		"  include-local-lan = true; pfs = true;\n"
		"  backup-gateway = [ \"192.0.2.2\", \"vpn2.example.com\" ]; } );\n");
	ASSERT_EQ(2, self->c->n_authz);
	z = conf_authz_find(self->c, "staff");
	ASSERT_NE(NULL, z);
	a = &z->attrs;
	/* Pool names point at the pool's own name. */
	EXPECT_EQ(conf_pool_find(self->c, "v4")->name, a->pool);
	EXPECT_EQ(conf_pool_find(self->c, "v6")->name, a->ipv6_pool);
	ASSERT_EQ(2, a->n_dns);
	EXPECT_STREQ("10.0.0.53", ntop(AF_INET, &a->dns[0]));
	EXPECT_STREQ("10.0.0.54", ntop(AF_INET, &a->dns[1]));
	ASSERT_EQ(1, a->n_dns6);
	EXPECT_STREQ("2001:db8::53", ntop(AF_INET6, &a->dns6[0]));
	ASSERT_EQ(1, a->n_wins);
	EXPECT_STREQ("10.0.0.137", ntop(AF_INET, &a->wins[0]));
	EXPECT_STREQ("corp.example.com", a->def_domain);
	ASSERT_EQ(2, a->n_split_dns);
	EXPECT_STREQ("lab.example.net", a->split_dns[1]);
	EXPECT_STREQ("Authorized use only", a->banner);
	EXPECT_TRUE(a->has_netmask);
	EXPECT_STREQ("255.255.255.0", ntop(AF_INET, &a->netmask));
	ASSERT_EQ(2, a->n_routes);
	EXPECT_STREQ("10.1.0.0/16", prefix(&a->routes[0]));
	EXPECT_STREQ("2001:db8:10::/48", prefix(&a->routes[1]));
	EXPECT_EQ(3600, a->session_lifetime);
	EXPECT_TRUE(a->has_flow_limit);
	EXPECT_EQ(0, a->flow_limit);
	EXPECT_STREQ("blue", a->vrf);
	EXPECT_TRUE(a->has_include_local_lan && a->include_local_lan);
	EXPECT_TRUE(a->has_pfs && a->pfs);
	ASSERT_EQ(2, a->n_backup_gw);
	EXPECT_STREQ("192.0.2.2", a->backup_gw[0]);
	EXPECT_STREQ("vpn2.example.com", a->backup_gw[1]);
	EXPECT_FALSE(a->has_address || a->has_ipv6_address);
}

TEST_F(aaa, users_every_key)
{
	const struct conf_user *u;
	static const uint8_t nt[16] = {
		0x88, 0x46, 0xf7, 0xea, 0xee, 0x8f, 0xb1, 0x17,
		0xad, 0x06, 0xbd, 0xd8, 0x30, 0xb7, 0x58, 0x6c,
	};

	EXPECT_LOADED(POOLS
		"authorization-policy = ( { name = \"staff\"; pool = \"v4\"; } );\n"
		"user = ( { name = \"alice\"; password = \"pw-a\"; group = \"staff\";\n"
		"  address = \"10.10.0.5\"; ipv6-address = \"2001:db8:100::5\";\n"
		"  dns = \"10.9.9.9\"; flow-limit = 7; session-lifetime = 120; },\n"
		"  { name = \"bob\"; nt-hash = \"8846F7EAEE8FB117AD06BDD830B7586C\"; },\n"
		"  { name = \"carol\"; password-hash = \"$6$salt$hash\"; pool = \"v4\"; } );\n");
	ASSERT_EQ(3, self->c->n_users);
	u = conf_user_find(self->c, "alice");
	ASSERT_NE(NULL, u);
	EXPECT_STREQ("pw-a", u->password);
	EXPECT_EQ(conf_authz_find(self->c, "staff"), u->group);
	EXPECT_TRUE(u->attrs.has_address);
	EXPECT_STREQ("10.10.0.5", ntop(AF_INET, &u->attrs.address));
	EXPECT_TRUE(u->attrs.has_ipv6_address);
	EXPECT_STREQ("2001:db8:100::5", ntop(AF_INET6, &u->attrs.ipv6_address));
	EXPECT_EQ(1, u->attrs.n_dns);
	EXPECT_EQ(7, u->attrs.flow_limit);
	EXPECT_EQ(120, u->attrs.session_lifetime);
	u = conf_user_find(self->c, "bob");
	ASSERT_NE(NULL, u);
	EXPECT_EQ(NULL, u->password);
	EXPECT_TRUE(u->has_nt_hash);
	EXPECT_EQ(0, memcmp(nt, u->nt_hash, 16));
	EXPECT_EQ(NULL, u->group);
	EXPECT_FALSE(u->attrs.has_flow_limit);
	u = conf_user_find(self->c, "carol");
	ASSERT_NE(NULL, u);
	EXPECT_STREQ("$6$salt$hash", u->password_hash);
	EXPECT_STREQ("v4", u->attrs.pool);
	EXPECT_EQ(NULL, conf_user_find(self->c, "dave"));
	EXPECT_EQ(NULL, conf_user_find(self->c, NULL));
}

/* conf_user_find is a binary search: users are sorted whatever the file's order. */
TEST_F(aaa, users_sorted_for_lookup)
{
	static const char *const names[] = { "zed", "amy", "mo", "Bea", "amy2", "x" };
	char text[2048] = "user = (";

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
			 "%s { name = \"%s\"; password = \"p\"; }", i ? "," : "",
			 names[i]);
	strcat(text, " );\n");
	EXPECT_LOADED(text);
	for (unsigned int i = 1; i < self->c->n_users; i++)
		EXPECT_LT(0, strcmp(self->c->users[i].name, self->c->users[i - 1].name));
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const struct conf_user *u = conf_user_find(self->c, names[i]);

		ASSERT_NE(NULL, u);
		EXPECT_STREQ(names[i], u->name);
	}
	EXPECT_EQ(NULL, conf_user_find(self->c, "amy1"));
}

TEST_F(aaa, profile_eap_and_authorization)
{
	const struct conf_profile *p;
	char *hook = write_file(self->r.dir, "hook.sh", "#!/bin/sh\n");
	char text[2048];

	ASSERT_EQ(0, chmod(hook, 0755));
	snprintf(text, sizeof(text),
		 "authorization-policy = ( { name = \"staff\"; } );\n"
		 EAP_PROFILE("  eap = { methods = [ \"tls\", \"mschapv2\", \"gtc\", \"md5\" ];\n"
			     "    query-identity = true; timeout = 45; };\n"
			     "  authorization-group = \"staff\";\n"
			     "  authorization-group-override = true; hook = \"%s\";\n"),
		 hook);
	EXPECT_LOADED(text);
	p = conf_profile_find(self->c, "ra");
	ASSERT_NE(NULL, p);
	ASSERT_EQ(4, p->n_eap_methods);
	EXPECT_EQ(EAP_TYPE_TLS, p->eap_methods[0]);
	EXPECT_EQ(EAP_TYPE_MSCHAPV2, p->eap_methods[1]);
	EXPECT_EQ(EAP_TYPE_GTC, p->eap_methods[2]);
	EXPECT_EQ(EAP_TYPE_MD5, p->eap_methods[3]);
	EXPECT_TRUE(p->eap_query_identity);
	EXPECT_EQ(45, p->eap_timeout);
	EXPECT_EQ(conf_authz_find(self->c, "staff"), p->authz_group);
	EXPECT_TRUE(p->authz_group_override);
	EXPECT_STREQ(hook, p->hook);
	free(hook);
}

/* ---- defaults ------------------------------------------------------ */

TEST_F(aaa, defaults)
{
	const struct conf_authz *d;
	const struct conf_profile *p;
	static const struct aaa_attrs none;

	EXPECT_LOADED(EAP_PROFILE(""));
	EXPECT_EQ(0, self->c->n_pools);
	EXPECT_EQ(0, self->c->n_users);
	/* The built-in "default" policy: present, empty. */
	ASSERT_EQ(1, self->c->n_authz);
	d = conf_authz_find(self->c, "default");
	ASSERT_NE(NULL, d);
	EXPECT_EQ(0, memcmp(&none, &d->attrs, sizeof(none)));
	p = conf_profile_find(self->c, "ra");
	ASSERT_EQ(1, p->n_eap_methods);
	EXPECT_EQ(EAP_TYPE_MSCHAPV2, p->eap_methods[0]);
	EXPECT_FALSE(p->eap_query_identity);
	EXPECT_EQ(90, p->eap_timeout);
	EXPECT_EQ(NULL, p->authz_group);
	EXPECT_FALSE(p->authz_group_override);
	EXPECT_EQ(NULL, p->hook);
}

TEST_F(aaa, no_eap_methods_without_eap)
{
	EXPECT_LOADED("keyring = ( { name = \"kr\"; peer = ( { name = \"all\";\n"
		      "  address = \"any\"; pre-shared-key = \"s\"; } ); } );\n"
		      "profile = ( { name = \"p\"; match-identity-remote = \"fqdn x\";\n"
		      "  authentication-local = \"pre-share\";\n"
		      "  authentication-remote = \"pre-share\"; keyring = \"kr\"; } );\n");
	EXPECT_EQ(0, self->c->profiles[0].n_eap_methods);
}

TEST_F(aaa, default_policy_replaced)
{
	const struct conf_authz *d;

	EXPECT_LOADED("authorization-policy = ( { name = \"a\"; },\n"
		      "  { name = \"default\"; dns = \"10.0.0.53\"; } );\n");
	ASSERT_EQ(2, self->c->n_authz);
	d = conf_authz_find(self->c, "default");
	ASSERT_NE(NULL, d);
	EXPECT_EQ(1, d->attrs.n_dns);
}

/* pfs = false is no pfs command at all (IOS flags are there or not). */
TEST_F(aaa, false_flags_are_unset)
{
	EXPECT_LOADED("authorization-policy = ( { name = \"a\"; pfs = false;\n"
		      "  include-local-lan = false; } );\n");
	EXPECT_FALSE(self->c->authz[0].attrs.has_pfs);
	EXPECT_FALSE(self->c->authz[0].attrs.has_include_local_lan);
}

/* ---- errors -------------------------------------------------------- */

TEST_F(aaa, pool_errors)
{
	EXPECT_REFUSED(
		"pool = ( { name = \"a\"; range = \"10.0.0.9 10.0.0.1\"; },\n"
		"  { name = \"b\"; range = \"10.0.0.1\"; },\n"
		"  { name = \"c\"; range = \"10.0.0.1 2001:db8::1\"; },\n"
		"  { name = \"d\"; range = \"2001:db8::1 2001:db8::9\"; },\n"
		"  { name = \"e\"; range = \"10.0.0.1 ten\"; },\n"
		"  { name = \"f\"; prefix = \"2001:db8::/63\"; },\n"
		"  { name = \"g\"; prefix = \"10.0.0.0/24\"; },\n"
		"  { name = \"h\"; prefix = \"2001:db8::1/64\"; },\n"
		"  { name = \"i\"; },\n"
		"  { name = \"j\"; range = \"10.0.1.1 10.0.1.2\"; prefix = \"2001:db8::/64\"; } );\n",
		"vgated.conf:1: pool \"a\".range: \"10.0.0.9 10.0.0.1\": FIRST is after LAST\n"
		"vgated.conf:2: pool \"b\".range: \"10.0.0.1\" must be \"FIRST LAST\", "
		"e.g. \"10.0.0.10 10.0.0.250\"\n"
		"vgated.conf:3: pool \"c\".range: \"10.0.0.1 2001:db8::1\": FIRST and LAST "
		"are not of the same family\n"
		"vgated.conf:4: pool \"d\".range: \"2001:db8::1 2001:db8::9\" is IPv6: an "
		"IPv6 pool is written prefix = \"2001:db8::/112\"\n"
		"vgated.conf:5: pool \"e\".range: \"10.0.0.1 ten\": FIRST and LAST must be "
		"IPv4 addresses\n"
		"vgated.conf:6: pool \"f\".prefix: \"2001:db8::/63\": the prefix length must "
		"be 64 to 127 (each client gets one address; the prefix's own address is "
		"the subnet-router anycast)\n"
		"vgated.conf:7: pool \"g\".prefix: \"10.0.0.0/24\" is not IPv6: an IPv4 pool "
		"is written range = \"FIRST LAST\"\n"
		"vgated.conf:8: pool \"h\".prefix: \"2001:db8::1/64\" has host bits set after "
		"the prefix length\n"
		"vgated.conf:9: pool \"i\" needs a range (IPv4) or a prefix (IPv6)\n"
		"vgated.conf:10: pool \"j\" has both range (IPv4) and prefix (IPv6); make "
		"two pools\n");
}

TEST_F(aaa, pools_may_not_overlap)
{
	EXPECT_REFUSED(
		"pool = ( { name = \"a\";\n"
		"    range = \"10.0.0.10 10.0.0.20\"; },\n"
		"  { name = \"b\"; range = \"10.0.0.21 10.0.0.30\"; },\n"
		"  { name = \"c\"; range = \"10.0.0.30 10.0.0.40\"; },\n"
		"  { name = \"d\"; range = \"10.0.0.0 10.0.0.255\"; },\n"
		"  { name = \"v6\"; prefix = \"2001:db8::/120\"; },\n"
		"  { name = \"v6b\"; prefix = \"2001:db8::80/121\"; },\n"
		"  { name = \"v6c\"; prefix = \"2001:db8::100/120\"; } );\n",
		"vgated.conf:4: pool \"c\".range: overlaps pool \"b\" (vgated.conf:3)\n"
		"vgated.conf:5: pool \"d\".range: overlaps pool \"a\" (vgated.conf:2)\n"
		"vgated.conf:7: pool \"v6b\".prefix: overlaps pool \"v6\" (vgated.conf:6)\n");
}

TEST_F(aaa, authorization_policy_errors)
{
	EXPECT_REFUSED(POOLS
		"authorization-policy = ( { name = \"x\";\n"
		"  pool = \"v6\"; ipv6-pool = \"nope\";\n"
		"  dns = [ \"10.0.0.1\", \"2001:db8::1\" ]; ipv6-dns = \"10.0.0.1\";\n"
		"  wins = [ \"a\", \"b\", \"c\" ];\n"
		"  def-domain = \"bad..example\"; split-dns = [ \"ok.example\", \"sp ace\" ];\n"
		"  netmask = \"255.0.255.0\";\n"
		"  route-set-remote = [ \"any\", \"10.0.0.1/8\" ];\n"
		"  session-lifetime = 119; flow-limit = 50001; vrf = \"a/b\";\n"
		"  backup-gateway = [ \"-\", \"\" ]; pfs = 1; } );\n",
		"vgated.conf:6: authorization-policy \"x\".wins: more than 2 values\n"
		"vgated.conf:10: authorization-policy \"x\".session-lifetime: 119 is out of "
		"range 120..25920000\n"
		"vgated.conf:10: authorization-policy \"x\".flow-limit: 50001 is out of "
		"range 0..50000\n"
		"vgated.conf:11: authorization-policy \"x\".pfs must be true or false\n"
		"vgated.conf:4: authorization-policy \"x\".pool: pool \"v6\" is an IPv6 pool\n"
		"vgated.conf:4: authorization-policy \"x\".ipv6-pool: no pool named \"nope\"\n"
		"vgated.conf:5: authorization-policy \"x\".dns: \"2001:db8::1\" is not an "
		"IPv4 address\n"
		"vgated.conf:5: authorization-policy \"x\".ipv6-dns: \"10.0.0.1\" is not an "
		"IPv6 address\n"
		"vgated.conf:7: authorization-policy \"x\".def-domain: \"bad..example\" has "
		"an empty label\n"
		"vgated.conf:7: authorization-policy \"x\".split-dns: \"sp ace\" may hold "
		"only letters, digits, '-', '_' and dots\n"
		"vgated.conf:11: authorization-policy \"x\".backup-gateway: \"\" must be a "
		"DNS name of 1 to 253 characters\n"
		"vgated.conf:8: authorization-policy \"x\".netmask: \"255.0.255.0\" is not an "
		"IPv4 netmask such as 255.255.255.0\n"
		"vgated.conf:9: authorization-policy \"x\".route-set-remote: \"any\" is not a "
		"route: write 0.0.0.0/0 and/or ::/0\n"
		"vgated.conf:9: authorization-policy \"x\".route-set-remote: \"10.0.0.1/8\" "
		"has host bits set after the prefix length\n"
		"vgated.conf:10: authorization-policy \"x\".vrf: \"a/b\" is not an interface "
		"name\n");
}

TEST_F(aaa, attribute_list_limits)
{
	char text[4096], banner[2050];

	memset(banner, 'b', sizeof(banner) - 1);
	banner[sizeof(banner) - 1] = '\0';
	snprintf(text, sizeof(text),
		 "authorization-policy = ( { name = \"x\";\n"
		 "  split-dns = [ \"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\", \"h\", \"i\", \"j\", \"k\" ];\n"
		 "  backup-gateway = [ \"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\", \"h\", \"i\", \"j\", \"k\" ];\n"
		 "  banner = \"%s\"; } );\n", banner);
	EXPECT_REFUSED(text,
		"vgated.conf:2: authorization-policy \"x\".split-dns: more than 10 values\n"
		"vgated.conf:3: authorization-policy \"x\".backup-gateway: more than 10 values\n"
		"vgated.conf:4: authorization-policy \"x\".banner: is longer than 2048 characters\n");
}

TEST_F(aaa, user_errors)
{
	EXPECT_REFUSED(POOLS
		"user = ( { name = \"a\"; },\n"
		"  { name = \"b\"; password = \"\"; group = \"nope\"; },\n"
		"  { name = \"c\"; nt-hash = \"8846f7\"; },\n"
		"  { name = \"d\"; password-hash = \"plain\"; },\n"
		"  { name = \"e\"; password = \"p\"; address = \"2001:db8::1\";\n"
		"    ipv6-address = \"10.0.0.1\"; ipv6-pool = \"v4\"; },\n"
		"  { name = \"a\"; password = \"p\"; } );\n",
		"vgated.conf:9: duplicate user name \"a\" (first defined at vgated.conf:3)\n"
		"vgated.conf:3: user \"a\" needs a password, nt-hash or password-hash\n"
		"vgated.conf:4: user \"b\".password: is empty\n"
		"vgated.conf:4: user \"b\".group: no authorization-policy named \"nope\"\n"
		"vgated.conf:5: user \"c\".nt-hash: must be 32 hex digits (the MD4 of the "
		"UTF-16LE password)\n"
		"vgated.conf:6: user \"d\".password-hash: must be in crypt(3) form, e.g. "
		"\"$6$salt$...\" or \"$y$...\"\n"
		"vgated.conf:8: user \"e\".ipv6-pool: pool \"v4\" is an IPv4 pool\n"
		"vgated.conf:7: user \"e\".address: \"2001:db8::1\" is not an IPv4 address\n"
		"vgated.conf:8: user \"e\".ipv6-address: \"10.0.0.1\" is not an IPv6 address\n");
}

TEST_F(aaa, profile_eap_errors)
{
	EXPECT_REFUSED(
		"keyring = ( { name = \"kr\"; peer = ( { name = \"all\";\n"
		"  address = \"any\"; pre-shared-key = \"s\"; } ); } );\n"
		"profile = ( { name = \"psk\"; match-identity-remote = \"fqdn x\";\n"
		"  authentication-local = \"pre-share\"; authentication-remote = \"pre-share\";\n"
		"  keyring = \"kr\"; eap = { methods = \"mschapv2\"; }; } );\n",
		"vgated.conf:5: profile \"psk\".eap: needs eap in authentication-remote\n");
	EXPECT_REFUSED(EAP_PROFILE(
		"  eap = { methods = [ \"mschapv2\", \"leap\", \"mschapv2\" ];\n"
		"    timeout = 30; retries = 2; };\n"
		"  authorization-group = \"nope\";\n"),
		"vgated.conf:5: profile \"ra\".eap.timeout: 30 is out of range 45..180\n"
		"vgated.conf:5: unknown key \"retries\" in profile \"ra\".eap\n"
		"vgated.conf:4: profile \"ra\".eap.methods: \"leap\" is not one of: md5, "
		"gtc, mschapv2, tls\n"
		"vgated.conf:4: profile \"ra\".eap.methods: \"mschapv2\" is listed twice\n"
		"vgated.conf:6: profile \"ra\".authorization-group: no "
		"authorization-policy named \"nope\"\n");
	EXPECT_REFUSED(EAP_PROFILE("  eap = { methods = [ ]; };\n"),
		"vgated.conf:4: profile \"ra\".eap.methods: needs at least one method\n");
	EXPECT_REFUSED(EAP_PROFILE("  eap = [ \"tls\" ];\n"),
		"vgated.conf:4: profile \"ra\".eap must be a group: { ... }\n");
}

/* EAP-TLS: the profile's certificate is the server's TLS identity. */
TEST_F(aaa, eap_tls_needs_the_profile_certificate)
{
	EXPECT_REFUSED(
		"profile = ( { name = \"ra\"; match-identity-remote = \"fqdn x\";\n"
		"  authentication-local = \"rsa-sig\"; authentication-remote = \"eap\";\n"
		"  pki-trustpoint = \"ca.pem\";\n"
		"  eap = { methods = \"tls\"; }; } );\n",
		"vgated.conf:1: profile \"ra\" signs with a certificate (authentication-local "
		"rsa-sig) but names no certificate\n"
		"vgated.conf:1: profile \"ra\" signs with a certificate (authentication-local "
		"rsa-sig) but names no private-key\n"
		"vgated.conf:4: profile \"ra\".eap.methods: tls needs the profile's "
		"certificate, private-key and pki-trustpoint\n");
}

TEST_F(aaa, hook_errors)
{
	char *plain = write_file(self->r.dir, "plain", "#!/bin/sh\n");
	char text[2048];

	ASSERT_EQ(0, chmod(plain, 0644));
	EXPECT_REFUSED(EAP_PROFILE("  hook = \"bin/hook\";\n"),
		"vgated.conf:4: profile \"ra\".hook: \"bin/hook\" must be an absolute path\n");
	EXPECT_REFUSED(EAP_PROFILE("  hook = \"/nonexistent/hook\";\n"),
		"vgated.conf:4: profile \"ra\".hook: cannot execute /nonexistent/hook: "
		"No such file or directory\n");
	EXPECT_REFUSED(EAP_PROFILE("  hook = \"/\";\n"),
		"vgated.conf:4: profile \"ra\".hook: / is not a regular file\n");
	/* root may execute nothing without an x bit either */
	snprintf(text, sizeof(text), EAP_PROFILE("  hook = \"%s\";\n"), plain);
	ASSERT_EQ(-1, conf_run_load(&self->r, text));
	EXPECT_STREQ("vgated.conf:4: profile \"ra\".hook: cannot execute plain: "
		     "Permission denied\n", self->r.errors);
	free(plain);
}

TEST_HARNESS_MAIN
