// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The lookups of ikev2_conf.h: keyring (identity first, then longest
 * prefix, host entry, wildcard), profile (exactly one match, else NULL
 * with the reason), policy (most specific, then first), and the
 * profile's default local identity.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include "conf_load.h"
#include "leak_check.h"
#include "config/conf_identity.h"

FIXTURE(match)
{
	struct conf_run r;
	const struct ikev2_conf *c;
	struct sockaddr_storage ss;
	char why[256];
};

FIXTURE_SETUP(match)
{
	conf_run_init(&self->r);
	self->c = &self->r.conf.ikev2;
	self->why[0] = '\0';
}

FIXTURE_TEARDOWN(match)
{
	conf_run_free(&self->r);
	EXPECT_EQ(0, leaks_found());
}

/* TEXT as a socket address (port 500) in SS. */
static const struct sockaddr *addr(struct sockaddr_storage *ss, const char *text)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, text, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons(500);
	} else if (inet_pton(AF_INET6, text, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(500);
	} else {
		abort();
	}
	return (struct sockaddr *)ss;
}

static struct conf_identity id(const char *text)
{
	struct conf_identity out;

	if (conf_identity_parse(text, false, &out))
		abort();
	return out;
}

/* The name of the keyring peer found, or "-". */
static const char *key_for(FIXTURE_DATA(match) *self, const char *identity,
			   const char *peer)
{
	struct conf_identity remote = { 0 };
	const struct conf_keyring_peer *p;

	if (identity)
		remote = id(identity);
	p = conf_keyring_lookup(conf_keyring_find(self->c, "kr"),
				identity ? &remote : NULL,
				peer ? addr(&self->ss, peer) : NULL);
	return p ? p->name : "-";
}

/* The name of the profile matched, or "-" with self->why set. */
static const char *profile_for(FIXTURE_DATA(match) *self, const char *identity,
			       const char *local)
{
	struct conf_identity remote = id(identity);
	const struct conf_profile *p;

	self->why[0] = '\0';
	p = conf_profile_match(self->c, &remote, addr(&self->ss, local),
			       self->why, sizeof(self->why));
	return p ? p->name : "-";
}

static const char *policy_for(FIXTURE_DATA(match) *self, const char *local)
{
	return conf_policy_match(self->c, addr(&self->ss, local))->name;
}

#define PSK_PROFILE(name, matches) \
	"{ name = \"" name "\"; keyring = \"kr\"; authentication-local = \"pre-share\";\n" \
	"  authentication-remote = \"pre-share\"; " matches " }"

static const char keyring_matrix[] =
	"keyring = ( { name = \"kr\"; peer = (\n"
	"  { name = \"wildcard\"; address = \"0.0.0.0/0\"; pre-shared-key = \"w\"; },\n"
	"  { name = \"prefix\"; address = \"192.0.2.0 255.255.255.0\"; pre-shared-key = \"p\"; },\n"
	"  { name = \"narrow\"; address = \"192.0.2.128/25\"; pre-shared-key = \"n\"; },\n"
	"  { name = \"host\"; address = \"192.0.2.10\"; pre-shared-key = \"h\"; },\n"
	"  { name = \"v6\"; address = \"2001:db8::/32\"; pre-shared-key = \"6\"; },\n"
	"  { name = \"branch\"; identity = \"fqdn Branch1.example.com\"; address = \"198.51.100.7\";\n"
	"    pre-shared-key-local = \"l\"; pre-shared-key-remote = \"r\"; },\n"
	"  { name = \"byname\"; hostname = \"b2.example.com\"; pre-shared-key = \"b\"; }\n"
	"); } );\n";

TEST_F(match, keyring_host_beats_prefix_beats_wildcard)
{
	ASSERT_EQ(0, conf_run_load(&self->r, keyring_matrix));
	EXPECT_STREQ("host", key_for(self, NULL, "192.0.2.10"));
	EXPECT_STREQ("prefix", key_for(self, NULL, "192.0.2.11"));
	EXPECT_STREQ("narrow", key_for(self, NULL, "192.0.2.200"));
	EXPECT_STREQ("wildcard", key_for(self, NULL, "203.0.113.1"));
	EXPECT_STREQ("v6", key_for(self, NULL, "2001:db8::1"));
	/* 0.0.0.0/0 is the IPv4 wildcard only */
	EXPECT_STREQ("-", key_for(self, NULL, "2001:db9::1"));
	/* a dual-stack socket's IPv4-mapped peer is its IPv4 address */
	EXPECT_STREQ("host", key_for(self, NULL, "::ffff:192.0.2.10"));
	EXPECT_STREQ("-", key_for(self, NULL, NULL));
}

TEST_F(match, keyring_matrix_in_any_order_gives_the_host_key)
{
	ASSERT_EQ(0, conf_run_load(&self->r,
		"keyring = ( { name = \"kr\"; peer = (\n"
		"  { name = \"host\"; address = \"192.0.2.10\"; pre-shared-key = \"h\"; },\n"
		"  { name = \"prefix\"; address = \"192.0.2.0/24\"; pre-shared-key = \"p\"; },\n"
		"  { name = \"wildcard\"; address = \"0.0.0.0 0.0.0.0\"; pre-shared-key = \"w\"; }\n"
		"); } );\n"));
	EXPECT_STREQ("host", key_for(self, NULL, "192.0.2.10"));
	EXPECT_STREQ("prefix", key_for(self, NULL, "192.0.2.9"));
}

TEST_F(match, keyring_identity_before_address)
{
	const struct conf_keyring_peer *p;
	struct conf_identity remote = id("fqdn branch1.EXAMPLE.com");

	ASSERT_EQ(0, conf_run_load(&self->r, keyring_matrix));
	/* the identity wins over the host entry of the address */
	EXPECT_STREQ("branch", key_for(self, "fqdn branch1.example.com", "192.0.2.10"));
	/* FQDNs compare without regard to case */
	p = conf_keyring_lookup(conf_keyring_find(self->c, "kr"), &remote,
				addr(&self->ss, "192.0.2.10"));
	ASSERT_NE(NULL, p);
	EXPECT_EQ(1, p->key_local_len);
	EXPECT_EQ('l', p->key_local[0]);
	EXPECT_EQ('r', p->key_remote[0]);
	/* an unknown identity falls back to the address */
	EXPECT_STREQ("host", key_for(self, "fqdn other.example.com", "192.0.2.10"));
	/* a different identity type is a different identity */
	EXPECT_STREQ("wildcard", key_for(self, "key-id branch1.example.com", "203.0.113.9"));
	/* the branch's address entry still works by address */
	EXPECT_STREQ("branch", key_for(self, NULL, "198.51.100.7"));
	/* hostname entries are for initiators: never found by a responder */
	EXPECT_STREQ("-", key_for(self, "fqdn b2.example.com", "2001:db9::2"));
}

TEST_F(match, keyring_identity_index_on_a_large_keyring)
{
	size_t size = 2000 * 120, used = 0;
	char *text = malloc(size), name[32];
	struct conf_keyring copy;

	ASSERT_NE(NULL, text);
	used += snprintf(text + used, size - used, "keyring = ( { name = \"kr\"; peer = (\n");
	for (int i = 0; i < 2000; i++)
		used += snprintf(text + used, size - used,
				 "{ name = \"p%d\"; identity = \"%s%d%s\"; pre-shared-key = \"k\"; },\n",
				 i, i % 3 ? "fqdn h" : "email u", i,
				 i % 3 ? ".example.com" : "@example.com");
	snprintf(text + used, size - used, "{ name = \"dn\"; identity = \"dn O=Example, "
		 "CN=Branch\"; pre-shared-key = \"k\"; } ); } );\n");
	EXPECT_EQ(0, conf_run_load(&self->r, text));
	free(text);
	ASSERT_STREQ("", self->r.errors);
	for (int i = 0; i < 2000; i += 7) {
		char identity[64];

		snprintf(identity, sizeof(identity), "%s%d%s", i % 3 ? "fqdn H" : "email u",
			 i, i % 3 ? ".Example.COM" : "@example.com");
		snprintf(name, sizeof(name), "p%d", i);
		EXPECT_STREQ(name, key_for(self, identity, NULL));
	}
	EXPECT_STREQ("-", key_for(self, "fqdn h2000.example.com", NULL));
	EXPECT_STREQ("-", key_for(self, "email U0@example.com", NULL));
	/* the same DN in another spelling is found too */
	EXPECT_STREQ("dn", key_for(self, "dn o=EXAMPLE,cn=branch", NULL));
	/* a keyring built without the index is searched one by one */
	copy = *conf_keyring_find(self->c, "kr");
	copy.by_identity = NULL;
	copy.n_by_identity = 0;
	{
		struct conf_identity remote = id("fqdn h1000.example.com");

		EXPECT_STREQ("p1000", conf_keyring_lookup(&copy, &remote, NULL)->name);
	}
}

TEST_F(match, keyring_any_matches_both_families)
{
	ASSERT_EQ(0, conf_run_load(&self->r,
		"keyring = ( { name = \"kr\"; peer = (\n"
		"  { name = \"all\"; address = \"any\"; pre-shared-key = \"a\"; },\n"
		"  { name = \"v6all\"; address = \"::/0\"; pre-shared-key = \"6\"; }\n"
		"); } );\n"));
	EXPECT_STREQ("all", key_for(self, NULL, "192.0.2.1"));
	/* ::/0 is more specific than "any" for IPv6 peers */
	EXPECT_STREQ("v6all", key_for(self, NULL, "2001:db8::1"));
}

TEST_F(match, profile_overlap_gives_null_with_the_reason)
{
	ASSERT_EQ(0, conf_run_load(&self->r, "keyring = ( { name = \"kr\"; peer = ( {"
		" name = \"a\"; address = \"any\"; pre-shared-key = \"s\"; } ); } );\n"
		"profile = (\n"
		PSK_PROFILE("ra", "match-identity-remote = \"fqdn domain example.com\";") ",\n"
		PSK_PROFILE("ra2", "match-identity-remote = [ \"key-id x\", \"fqdn vpn.example.com\" ];") ",\n"
		PSK_PROFILE("other", "match-identity-remote = \"fqdn domain example.net\";") "\n"
		");\n"));
	EXPECT_STREQ("-", profile_for(self, "fqdn vpn.example.com", "192.0.2.1"));
	EXPECT_STREQ("profiles ra and ra2 both match fqdn vpn.example.com", self->why);
	EXPECT_STREQ("ra", profile_for(self, "fqdn www.example.com", "192.0.2.1"));
	EXPECT_STREQ("other", profile_for(self, "fqdn a.example.net", "192.0.2.1"));
	EXPECT_STREQ("-", profile_for(self, "fqdn a.example.org", "192.0.2.1"));
	EXPECT_STREQ("no profile matches fqdn a.example.org", self->why);
	EXPECT_STREQ("-", profile_for(self, "email u@example.com", "192.0.2.1"));
	EXPECT_STREQ("no profile matches email u@example.com", self->why);
}

TEST_F(match, profile_without_match_or_shut_down_is_never_selected)
{
	ASSERT_EQ(0, conf_run_load(&self->r, "keyring = ( { name = \"kr\"; peer = ( {"
		" name = \"a\"; address = \"any\"; pre-shared-key = \"s\"; } ); } );\n"
		"profile = (\n"
		PSK_PROFILE("nomatch", "") ",\n"
		PSK_PROFILE("down", "shutdown = true; match-identity-remote = \"address 0.0.0.0/0\";") ",\n"
		PSK_PROFILE("ra", "match-identity-remote = \"address 10.0.0.0/8\";") "\n"
		");\n"));
	EXPECT_STREQ("ra", profile_for(self, "address 10.1.2.3", "192.0.2.1"));
	EXPECT_STREQ("-", profile_for(self, "address 11.1.2.3", "192.0.2.1"));
	EXPECT_STREQ("no profile matches address 11.1.2.3", self->why);
	EXPECT_STREQ("-", profile_for(self, "fqdn x", "192.0.2.1"));
}

TEST_F(match, profile_match_address_local)
{
	ASSERT_EQ(0, conf_run_load(&self->r, "keyring = ( { name = \"kr\"; peer = ( {"
		" name = \"a\"; address = \"any\"; pre-shared-key = \"s\"; } ); } );\n"
		"profile = (\n"
		PSK_PROFILE("v4", "match-identity-remote = \"fqdn domain example.com\";"
			    " match-address-local = [ \"192.0.2.1\", \"198.51.100.0/24\" ];") ",\n"
		PSK_PROFILE("v6", "match-identity-remote = \"fqdn domain example.com\";"
			    " match-address-local = \"2001:db8::1\";") "\n"
		");\n"));
	EXPECT_STREQ("v4", profile_for(self, "fqdn a.example.com", "192.0.2.1"));
	EXPECT_STREQ("v4", profile_for(self, "fqdn a.example.com", "198.51.100.9"));
	EXPECT_STREQ("v6", profile_for(self, "fqdn a.example.com", "2001:db8::1"));
	EXPECT_STREQ("-", profile_for(self, "fqdn a.example.com", "192.0.2.2"));
}

TEST_F(match, fqdn_domain_is_label_aligned_and_case_insensitive)
{
	ASSERT_EQ(0, conf_run_load(&self->r, "keyring = ( { name = \"kr\"; peer = ( {"
		" name = \"a\"; address = \"any\"; pre-shared-key = \"s\"; } ); } );\n"
		"profile = (\n"
		PSK_PROFILE("dom", "match-identity-remote = \"fqdn domain .Example.com\";") ",\n"
		PSK_PROFILE("host", "match-identity-remote = \"fqdn Host.Example.NET\";") "\n"
		");\n"));
	EXPECT_STREQ("dom", profile_for(self, "fqdn vpn.example.com", "192.0.2.1"));
	EXPECT_STREQ("dom", profile_for(self, "fqdn example.com", "192.0.2.1"));
	EXPECT_STREQ("dom", profile_for(self, "fqdn A.B.EXAMPLE.COM", "192.0.2.1"));
	EXPECT_STREQ("-", profile_for(self, "fqdn evil-example.com", "192.0.2.1"));
	EXPECT_STREQ("-", profile_for(self, "fqdn example.com.evil.org", "192.0.2.1"));
	EXPECT_STREQ("-", profile_for(self, "fqdn xample.com", "192.0.2.1"));
	EXPECT_STREQ("host", profile_for(self, "fqdn host.example.net", "192.0.2.1"));
	EXPECT_STREQ("-", profile_for(self, "fqdn vpn.host.example.net", "192.0.2.1"));
	/* an email identity is not an FQDN, even with the right domain */
	EXPECT_STREQ("-", profile_for(self, "email a@example.com", "192.0.2.1"));
}

TEST_F(match, email_key_id_address_and_dn)
{
	ASSERT_EQ(0, conf_run_load(&self->r, "keyring = ( { name = \"kr\"; peer = ( {"
		" name = \"a\"; address = \"any\"; pre-shared-key = \"s\"; } ); } );\n"
		"profile = (\n"
		PSK_PROFILE("mail", "match-identity-remote = \"email domain example.com\";") ",\n"
		PSK_PROFILE("boss", "match-identity-remote = \"email Boss@corp.example\";") ",\n"
		PSK_PROFILE("key", "match-identity-remote = \"key-id group 7\";") ",\n"
		PSK_PROFILE("v6", "match-identity-remote = \"address 2001:db8:1::/48\";") ",\n"
		PSK_PROFILE("dn", "match-identity-remote = \"dn C=US, O=Example, CN=client\";") "\n"
		");\n"));
	EXPECT_STREQ("mail", profile_for(self, "email u@example.com", "192.0.2.1"));
	EXPECT_STREQ("mail", profile_for(self, "email u@EXAMPLE.com", "192.0.2.1"));
	/* the part after '@' must be the domain itself */
	EXPECT_STREQ("-", profile_for(self, "email u@sub.example.com", "192.0.2.1"));
	EXPECT_STREQ("-", profile_for(self, "email u@evil-example.com", "192.0.2.1"));
	EXPECT_STREQ("boss", profile_for(self, "email Boss@corp.example", "192.0.2.1"));
	EXPECT_STREQ("-", profile_for(self, "email boss@corp.example", "192.0.2.1"));
	EXPECT_STREQ("key", profile_for(self, "key-id group 7", "192.0.2.1"));
	EXPECT_STREQ("-", profile_for(self, "key-id group 70", "192.0.2.1"));
	EXPECT_STREQ("v6", profile_for(self, "address 2001:db8:1::5", "192.0.2.1"));
	EXPECT_STREQ("-", profile_for(self, "address 2001:db8:2::5", "192.0.2.1"));
	EXPECT_STREQ("dn", profile_for(self, "dn C=US,O=Example,CN=client", "192.0.2.1"));
	EXPECT_STREQ("-", profile_for(self, "dn C=US,O=Example,CN=other", "192.0.2.1"));
}

TEST_F(match, policy_most_specific_then_first)
{
	ASSERT_EQ(0, conf_run_load(&self->r,
		"policy = (\n"
		"  { name = \"any\"; proposal = \"default\"; },\n"
		"  { name = \"net\"; match-address-local = \"192.0.2.0/24\"; proposal = \"default\"; },\n"
		"  { name = \"host\"; match-address-local = [ \"10.9.9.9\", \"192.0.2.1\" ];\n"
		"    proposal = \"default-cbc\"; },\n"
		"  { name = \"host2\"; match-address-local = \"192.0.2.1\"; proposal = \"default\"; },\n"
		"  { name = \"v6\"; match-address-local = \"2001:db8::/64\"; proposal = \"default\"; }\n"
		");\n"));
	EXPECT_STREQ("host", policy_for(self, "192.0.2.1"));
	EXPECT_STREQ("net", policy_for(self, "192.0.2.2"));
	EXPECT_STREQ("host", policy_for(self, "10.9.9.9"));
	EXPECT_STREQ("v6", policy_for(self, "2001:db8::5"));
	/* a policy without match statements matches every address */
	EXPECT_STREQ("any", policy_for(self, "203.0.113.1"));
	EXPECT_STREQ("any", policy_for(self, "2001:db9::5"));
}

TEST_F(match, policy_falls_back_to_the_default)
{
	const struct conf_policy *p;

	ASSERT_EQ(0, conf_run_load(&self->r,
		"policy = ( { name = \"lan\"; match-address-local = \"10.0.0.0/8\";\n"
		"  proposal = \"default-cbc\"; } );\n"));
	EXPECT_STREQ("lan", policy_for(self, "10.1.1.1"));
	p = conf_policy_match(self->c, addr(&self->ss, "192.0.2.1"));
	EXPECT_STREQ("default", p->name);
	EXPECT_EQ(conf_proposal_find(self->c, "default"), p->proposals[0]);
	ASSERT_EQ(0, conf_run_load(&self->r, ""));
	EXPECT_STREQ("default", policy_for(self, "192.0.2.1"));
}

TEST_F(match, default_local_identity)
{
	struct conf_identity out;
	char text[128];

	free(write_file(self->r.dir, "f.pem", "x"));
	ASSERT_EQ(0, conf_run_load(&self->r, "keyring = ( { name = \"kr\"; peer = ( {"
		" name = \"a\"; address = \"any\"; pre-shared-key = \"s\"; } ); } );\n"
		"profile = (\n"
		PSK_PROFILE("psk", "match-identity-remote = \"fqdn a\";") ",\n"
		PSK_PROFILE("named", "match-identity-remote = \"fqdn b\"; identity-local = \"fqdn vpn.example.com\";") ",\n"
		"{ name = \"cert\"; match-identity-remote = \"fqdn c\"; authentication-local = \"rsa-sig\";\n"
		"  authentication-remote = \"eap\"; pki-trustpoint = \"f.pem\"; certificate = \"f.pem\";\n"
		"  private-key = \"f.pem\"; }\n"
		");\n"));
	conf_profile_local_identity(conf_profile_find(self->c, "psk"),
				    addr(&self->ss, "192.0.2.1"), &out);
	conf_identity_format(&out, text, sizeof(text));
	EXPECT_STREQ("address 192.0.2.1", text);
	EXPECT_EQ(4, out.len);
	conf_profile_local_identity(conf_profile_find(self->c, "psk"),
				    addr(&self->ss, "2001:db8::1"), &out);
	conf_identity_format(&out, text, sizeof(text));
	EXPECT_STREQ("address 2001:db8::1", text);
	EXPECT_EQ(16, out.len);
	conf_profile_local_identity(conf_profile_find(self->c, "psk"),
				    addr(&self->ss, "::ffff:192.0.2.7"), &out);
	conf_identity_format(&out, text, sizeof(text));
	EXPECT_STREQ("address 192.0.2.7", text);
	conf_profile_local_identity(conf_profile_find(self->c, "named"),
				    addr(&self->ss, "192.0.2.1"), &out);
	conf_identity_format(&out, text, sizeof(text));
	EXPECT_STREQ("fqdn vpn.example.com", text);
	/* certificate: the DN, which the caller takes from the certificate */
	conf_profile_local_identity(conf_profile_find(self->c, "cert"),
				    addr(&self->ss, "192.0.2.1"), &out);
	EXPECT_EQ(IKEV2_ID_DER_ASN1_DN, out.type);
	EXPECT_EQ(0, out.len);
}

TEST_HARNESS_MAIN
