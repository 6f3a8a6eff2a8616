// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Every check of the FlexVPN sections: each bad config gives exactly the
 * expected "FILE:LINE: message" lines, and legacy transforms are
 * accepted with a warning.
 */
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include "conf_load.h"
#include "leak_check.h"

FIXTURE(errors)
{
	struct conf_run r;
};

FIXTURE_SETUP(errors)
{
	conf_run_init(&self->r);
}

FIXTURE_TEARDOWN(errors)
{
	conf_run_free(&self->r);
	EXPECT_EQ(0, leaks_found());
}

/* TEXT fails to load with exactly the lines WANT. */
#define EXPECT_REFUSED(text, want) do {					\
	ASSERT_EQ(-1, conf_run_load(&self->r, text));			\
	EXPECT_STREQ(want, self->r.errors);				\
} while (0)

/* TEXT loads, with exactly the warnings WANT. */
#define EXPECT_LOADED(text, want) do {					\
	ASSERT_EQ(0, conf_run_load(&self->r, text));			\
	EXPECT_STREQ(want, self->r.errors);				\
} while (0)

/* A keyring for profiles that use pre-share. */
#define KEYRING "keyring = ( { name = \"kr\"; peer = ( { name = \"all\"; " \
	"address = \"any\"; pre-shared-key = \"s\"; } ); } );\n"

/* ---- ikev2 (global options) ---------------------------------------- */

TEST_F(errors, global_values)
{
	EXPECT_REFUSED(
		"ikev2 = {\n"
		"  window = 0;\n"
		"  dpd = \"30 5\";\n"
		"  nat-keepalive = 2;\n"
		"  port = 4500;\n"
		"  cookie-challenge = -1;\n"
		"  compat = 1;\n"
		"};\n",
		"vgated.conf:2: ikev2.window: 0 is out of range 1..20\n"
		"vgated.conf:6: ikev2.cookie-challenge: -1 is out of range 0..100000\n"
		"vgated.conf:7: ikev2.compat must be true or false\n"
		"vgated.conf:4: ikev2.nat-keepalive: must be 0 (off) or 5 to 3600 seconds\n"
		"vgated.conf:5: ikev2.port: must differ from natt-port (4500)\n"
		"vgated.conf:3: ikev2.dpd: \"30 5\": must be \"INTERVAL RETRY "
		"periodic|on-demand\", e.g. \"30 5 on-demand\"\n");
}

TEST_F(errors, dpd_values)
{
	EXPECT_REFUSED("ikev2 = { dpd = \"9 5 periodic\"; };\n",
		"vgated.conf:1: ikev2.dpd: \"9 5 periodic\": interval must be 10 to 3600 seconds\n");
	EXPECT_REFUSED("ikev2 = { dpd = \"10 61 periodic\"; };\n",
		"vgated.conf:1: ikev2.dpd: \"10 61 periodic\": retry must be 2 to 60 seconds\n");
	EXPECT_REFUSED("ikev2 = { dpd = \"10 5 always\"; };\n",
		"vgated.conf:1: ikev2.dpd: \"10 5 always\": mode must be periodic or on-demand\n");
	EXPECT_REFUSED("ikev2 = { dpd = \"10 5 periodic now\"; };\n",
		"vgated.conf:1: ikev2.dpd: \"10 5 periodic now\": must be \"INTERVAL RETRY "
		"periodic|on-demand\", e.g. \"30 5 on-demand\"\n");
}

TEST_F(errors, compat_is_a_warning)
{
	EXPECT_LOADED("\nikev2 = { compat = true; };\n",
		"vgated.conf:2: warning: ikev2.compat: the default policy also offers "
		"IOS XE 16.10's legacy proposal (MD5, SHA-1, DH groups 5 and 2)\n");
}

/* ---- proposal ------------------------------------------------------ */

TEST_F(errors, proposal_unknown_and_unimplemented_names)
{
	EXPECT_REFUSED(
		"proposal = ( { name = \"p\";\n"
		"  encryption = [ \"aes-gcm-256\", \"aes-gcm-192\", \"aes-256\" ];\n"
		"  prf = [ \"sha3\" ];\n"
		"  group = [ 19, 24, 1 ];\n"
		"} );\n",
		"vgated.conf:2: proposal \"p\".encryption: \"aes-gcm-192\" is not implemented by vgated\n"
		"vgated.conf:2: proposal \"p\".encryption: \"aes-256\" is not an encryption name\n"
		"vgated.conf:3: proposal \"p\".prf: \"sha3\" is not a prf name\n"
		"vgated.conf:4: proposal \"p\".group: 24 is not implemented by vgated "
		"(supported: 2, 5, 14, 15, 16, 19, 20, 21, 31, 32)\n"
		"vgated.conf:4: proposal \"p\".group: 1 is not implemented by vgated "
		"(supported: 2, 5, 14, 15, 16, 19, 20, 21, 31, 32)\n");
	EXPECT_REFUSED(
		"proposal = ( { name = \"p\"; encryption = \"aes-cbc-128\";\n"
		"  integrity = \"sha224\"; group = 14; } );\n",
		"vgated.conf:2: proposal \"p\".integrity: \"sha224\" is not an integrity name\n");
}

TEST_F(errors, proposal_needs_encryption_and_group)
{
	EXPECT_REFUSED(
		"proposal = ( { name = \"p\";\n"
		"  prf = \"sha256\";\n"
		"} );\n",
		"vgated.conf:1: proposal \"p\" needs at least one encryption\n"
		"vgated.conf:1: proposal \"p\" needs at least one group\n");
}

TEST_F(errors, proposal_aead_rules)
{
	EXPECT_REFUSED(
		"proposal = ( { name = \"gcm\";\n"
		"  encryption = \"aes-gcm-128\";\n"
		"  integrity = \"sha256\";\n"
		"  group = 19; } );\n",
		"vgated.conf:3: proposal \"gcm\".integrity: must not be set with AEAD "
		"encryption (aes-gcm-128)\n"
		"vgated.conf:1: proposal \"gcm\" with AEAD encryption (aes-gcm-128) needs a prf\n");
	EXPECT_REFUSED(
		"proposal = ( { name = \"cbc\"; encryption = \"aes-cbc-128\"; group = 19; } );\n",
		"vgated.conf:1: proposal \"cbc\" needs at least one integrity with "
		"non-AEAD encryption (aes-cbc-128)\n");
}

TEST_F(errors, proposal_may_not_mix_aead_and_plain_ciphers)
{
	EXPECT_REFUSED(
		"proposal = ( { name = \"mix\"; prf = \"sha256\"; group = 19;\n"
		"  encryption = [ \"chacha20-poly1305\", \"aes-cbc-256\" ]; } );\n",
		"vgated.conf:2: proposal \"mix\".encryption: mixes AEAD (chacha20-poly1305) "
		"and non-AEAD (aes-cbc-256) ciphers; put them in separate proposals (RFC 5282)\n");
}

TEST_F(errors, legacy_transforms_are_warnings_in_user_proposals)
{
	EXPECT_LOADED(
		"proposal = ( { name = \"old\";\n"
		"  encryption = [ \"3des\" ];\n"
		"  integrity = [ \"sha1\", \"md5\" ];\n"
		"  group = [ 5, 2 ];\n"
		"} );\n",
		"vgated.conf:2: warning: proposal \"old\".encryption: 3des is a legacy "
		"transform; offer it only to peers that cannot do better\n"
		"vgated.conf:3: warning: proposal \"old\".integrity: md5 is a legacy "
		"transform; offer it only to peers that cannot do better\n"
		"vgated.conf:4: warning: proposal \"old\".group: group 5 is a legacy "
		"transform; offer it only to peers that cannot do better\n"
		"vgated.conf:4: warning: proposal \"old\".group: group 2 is a legacy "
		"transform; offer it only to peers that cannot do better\n");
}

TEST_F(errors, proposal_wrong_types_are_reported_once)
{
	EXPECT_REFUSED(
		"proposal = ( { name = \"p\";\n"
		"  encryption = 5;\n"
		"  group = [ \"ecp256\" ];\n"
		"} );\n",
		"vgated.conf:2: proposal \"p\".encryption must be a string or a list of strings\n"
		"vgated.conf:3: proposal \"p\".group must be a number or a list of numbers\n");
}

TEST_F(errors, duplicate_proposal_name)
{
	EXPECT_REFUSED(
		"proposal = ( { name = \"p\"; encryption = \"aes-gcm-128\"; prf = \"sha256\"; group = 19; },\n"
		"  { name = \"p\"; encryption = \"aes-gcm-256\"; prf = \"sha384\"; group = 20; } );\n",
		"vgated.conf:2: duplicate proposal name \"p\" (first defined at vgated.conf:1)\n");
}

/* ---- policy -------------------------------------------------------- */

TEST_F(errors, policy_references_and_addresses)
{
	EXPECT_REFUSED(
		"policy = ( { name = \"pol\";\n"
		"  match-address-local = [ \"192.0.2.1\", \"10.0.0.1/8\", \"vpn.example.com\",\n"
		"                          \"10.0.0.0 255.0.255.0\", \"2001:db8::/129\" ];\n"
		"  proposal = [ \"default\", \"nope\", \"default-compat\" ];\n"
		"} );\n",
		"vgated.conf:2: policy \"pol\".match-address-local: \"10.0.0.1/8\" has host "
		"bits set after the prefix length\n"
		"vgated.conf:2: policy \"pol\".match-address-local: \"vpn.example.com\" is "
		"not an IPv4 or IPv6 address or prefix\n"
		"vgated.conf:2: policy \"pol\".match-address-local: \"10.0.0.0 255.0.255.0\" "
		"has a netmask that is not contiguous\n"
		"vgated.conf:2: policy \"pol\".match-address-local: \"2001:db8::/129\" has a "
		"prefix length longer than the address\n"
		"vgated.conf:4: policy \"pol\".proposal: no proposal named \"nope\"\n"
		"vgated.conf:4: policy \"pol\".proposal: proposal \"default-compat\" exists "
		"only with ikev2 compat = true\n");
}

TEST_F(errors, policy_needs_a_proposal)
{
	EXPECT_REFUSED("policy = ( { name = \"pol\"; match-address-local = \"any\"; } );\n",
		"vgated.conf:1: policy \"pol\" needs at least one proposal\n");
}

TEST_F(errors, default_policy_cannot_match_an_address)
{
	EXPECT_REFUSED(
		"policy = ( { name = \"default\"; proposal = \"default\";\n"
		"  match-address-local = \"192.0.2.1\"; } );\n",
		"vgated.conf:2: policy \"default\".match-address-local: the default policy "
		"is the fallback for every local address and cannot match one\n");
}

/* ---- keyring ------------------------------------------------------- */

TEST_F(errors, keyring_peer_keys)
{
	EXPECT_REFUSED(
		"keyring = ( { name = \"kr\"; peer = (\n"
		"  { name = \"none\"; address = \"192.0.2.1\"; },\n"
		"  { name = \"both\"; address = \"192.0.2.2\"; pre-shared-key = \"a\";\n"
		"    pre-shared-key-local = \"b\"; pre-shared-key-remote = \"c\"; },\n"
		"  { name = \"half\"; address = \"192.0.2.3\"; pre-shared-key-remote = \"c\"; },\n"
		"  { name = \"twice\"; address = \"192.0.2.4\"; pre-shared-key = \"a\";\n"
		"    pre-shared-key-hex = \"0a\"; },\n"
		"  { name = \"hex\"; address = \"192.0.2.5\"; pre-shared-key-hex = \"0g\"; },\n"
		"  { name = \"odd\"; address = \"192.0.2.6\"; pre-shared-key-local-hex = \"abc\";\n"
		"    pre-shared-key-remote = \"x\"; },\n"
		"  { name = \"empty\"; address = \"192.0.2.7\"; pre-shared-key = \"\"; }\n"
		"); } );\n",
		"vgated.conf:2: keyring \"kr\" peer \"none\" needs a pre-shared-key (or "
		"pre-shared-key-local and pre-shared-key-remote)\n"
		"vgated.conf:3: keyring \"kr\" peer \"both\" has both a symmetric "
		"pre-shared-key and a local/remote pair; give one or the other\n"
		"vgated.conf:5: keyring \"kr\" peer \"half\" needs both pre-shared-key-local "
		"and pre-shared-key-remote\n"
		"vgated.conf:7: keyring \"kr\" peer \"twice\".pre-shared-key-hex: "
		"pre-shared-key is set too; give one of them\n"
		"vgated.conf:8: keyring \"kr\" peer \"hex\".pre-shared-key-hex: is not "
		"hexadecimal\n"
		"vgated.conf:9: keyring \"kr\" peer \"odd\".pre-shared-key-local-hex: has "
		"an odd number of hex digits\n"
		"vgated.conf:11: keyring \"kr\" peer \"empty\".pre-shared-key: is empty\n");
}

TEST_F(errors, keyring_peer_needs_something_to_be_found_by)
{
	EXPECT_REFUSED(
		"keyring = ( { name = \"kr\"; peer = (\n"
		"  { name = \"lost\"; pre-shared-key = \"a\"; } ); } );\n",
		"vgated.conf:2: keyring \"kr\" peer \"lost\" needs an address, identity or "
		"hostname to be found by\n");
}

TEST_F(errors, keyring_identity_twice_is_refused)
{
	EXPECT_REFUSED(
		"keyring = ( { name = \"kr\"; peer = (\n"
		"  { name = \"a\"; identity = \"fqdn Branch.example.com\"; pre-shared-key = \"1\"; },\n"
		"  { name = \"b\"; identity = \"fqdn 10.0.0.1\"; pre-shared-key = \"2\"; },\n"
		"  { name = \"c\";\n"
		"    identity = \"fqdn branch.EXAMPLE.com\"; pre-shared-key = \"3\"; }\n"
		"); } );\n",
		"vgated.conf:5: keyring \"kr\" peer \"c\".identity: fqdn branch.EXAMPLE.com "
		"is already the identity of peer \"a\" (vgated.conf:2)\n");
	/* the same identity in two keyrings is fine */
	EXPECT_LOADED(
		"keyring = ( { name = \"k1\"; peer = ( { name = \"a\"; identity = \"key-id x\"; pre-shared-key = \"1\"; } ); },\n"
		"            { name = \"k2\"; peer = ( { name = \"a\"; identity = \"key-id x\"; pre-shared-key = \"2\"; } ); } );\n",
		"");
}

TEST_F(errors, keyring_identity_twice_as_the_same_dn)
{
	EXPECT_REFUSED(
		"keyring = ( { name = \"kr\"; peer = (\n"
		"  { name = \"a\"; identity = \"dn O=Example, CN=Branch 1\"; pre-shared-key = \"1\"; },\n"
		"  { name = \"b\"; identity = \"dn O=Example, CN=branch 2\"; pre-shared-key = \"2\"; },\n"
		"  { name = \"c\"; identity = \"dn o=example,cn=BRANCH  1\"; pre-shared-key = \"3\"; }\n"
		"); } );\n",
		"vgated.conf:4: keyring \"kr\" peer \"c\".identity: dn O=example, "
		"CN=BRANCH  1 is already the identity of peer \"a\" (vgated.conf:2)\n");
}

/* Thousands of clients in one keyring: checked in well under a second. */
TEST_F(errors, large_keyring_with_one_duplicate)
{
	size_t size = 20000 * 100, used = 0;
	char *text = malloc(size);

	ASSERT_NE(NULL, text);
	used += snprintf(text + used, size - used, "keyring = ( { name = \"kr\"; peer = (\n");
	for (int i = 0; i < 20000; i++)
		used += snprintf(text + used, size - used,
				 "{ name = \"p%d\"; identity = \"fqdn h%d.example.com\"; "
				 "pre-shared-key = \"k\"; },\n", i, i == 19999 ? 7 : i);
	snprintf(text + used, size - used, "{ name = \"p7\"; address = \"any\"; "
		 "pre-shared-key = \"k\"; } ); } );\n");
	EXPECT_REFUSED(text,
		"vgated.conf:20002: duplicate keyring \"kr\" peer name \"p7\" (first "
		"defined at vgated.conf:9)\n"
		"vgated.conf:20001: keyring \"kr\" peer \"p19999\".identity: fqdn "
		"h7.example.com is already the identity of peer \"p7\" (vgated.conf:9)\n");
	free(text);
}

TEST_F(errors, keyring_bad_identity_and_address)
{
	EXPECT_REFUSED(
		"keyring = ( { name = \"kr\"; peer = (\n"
		"  { name = \"a\"; identity = \"host x\"; address = \"10.0.0.0/33\"; pre-shared-key = \"1\"; },\n"
		"  { name = \"b\"; identity = \"email nobody\"; pre-shared-key = \"1\"; },\n"
		"  { name = \"c\"; identity = \"address 10.0.0.0/8\"; pre-shared-key = \"1\"; },\n"
		"  { name = \"d\"; identity = \"dn\"; pre-shared-key = \"1\"; },\n"
		"  { name = \"e\"; identity = \"dn CN\"; pre-shared-key = \"1\"; },\n"
		"  { name = \"f\"; identity = \"dn XYZ=1\"; pre-shared-key = \"1\"; }\n"
		"); } );\n",
		"vgated.conf:2: keyring \"kr\" peer \"a\".address: \"10.0.0.0/33\" has a "
		"prefix length longer than the address\n"
		"vgated.conf:2: keyring \"kr\" peer \"a\".identity: \"host x\": must start "
		"with address, fqdn, email, key-id or dn\n"
		"vgated.conf:3: keyring \"kr\" peer \"b\".identity: \"email nobody\": email "
		"identity needs an '@'\n"
		"vgated.conf:4: keyring \"kr\" peer \"c\".identity: \"address 10.0.0.0/8\": "
		"address identity needs one IPv4 or IPv6 address\n"
		"vgated.conf:5: keyring \"kr\" peer \"d\".identity: \"dn\": dn identity "
		"needs a name, e.g. \"dn CN=vpn,O=Example\"\n"
		"vgated.conf:6: keyring \"kr\" peer \"e\".identity: \"dn CN\": dn needs "
		"TYPE=value parts, e.g. \"CN=vpn,O=Example\"\n"
		"vgated.conf:7: keyring \"kr\" peer \"f\".identity: \"dn XYZ=1\": dn has an "
		"unknown attribute type or a bad value\n");
}

TEST_F(errors, keyring_duplicate_peer_and_no_peer)
{
	EXPECT_REFUSED(
		"keyring = ( { name = \"kr\"; peer = (\n"
		"  { name = \"a\"; address = \"10.0.0.1\"; pre-shared-key = \"1\"; },\n"
		"  { name = \"a\"; address = \"10.0.0.2\"; pre-shared-key = \"2\"; } ); },\n"
		"  { name = \"empty\"; } );\n",
		"vgated.conf:3: duplicate keyring \"kr\" peer name \"a\" (first defined at "
		"vgated.conf:2)\n"
		"vgated.conf:4: keyring \"empty\" needs at least one peer\n");
}

/* ---- transform-set and ipsec-profile -------------------------------- */

TEST_F(errors, transform_set_rules)
{
	EXPECT_REFUSED(
		"transform-set = (\n"
		"  { name = \"none\"; },\n"
		"  { name = \"old\"; encryption = \"3des\"; integrity = \"md5\"; },\n"
		"  { name = \"short\"; encryption = \"aes-gcm-8-128\"; },\n"
		"  { name = \"gcm\"; encryption = \"aes-gcm-256\"; integrity = \"sha256\"; },\n"
		"  { name = \"cbc\"; encryption = \"aes-cbc-256\"; },\n"
		"  { name = \"typo\"; encryption = \"aes-cbc-256\"; integrity = \"sha-256\"; }\n"
		");\n",
		"vgated.conf:2: transform-set \"none\" needs an encryption\n"
		"vgated.conf:3: transform-set \"old\".encryption: \"3des\" is not available "
		"for ESP in vgate.ko\n"
		"vgated.conf:4: transform-set \"short\".encryption: \"aes-gcm-8-128\" is not "
		"available for ESP in vgate.ko\n"
		"vgated.conf:5: transform-set \"gcm\".integrity: must not be set with AEAD "
		"encryption (aes-gcm-256)\n"
		"vgated.conf:6: transform-set \"cbc\" needs an integrity with non-AEAD "
		"encryption (aes-cbc-256)\n"
		"vgated.conf:7: transform-set \"typo\".integrity: \"sha-256\" is not an "
		"integrity name\n");
}

TEST_F(errors, ipsec_profile_rules)
{
	EXPECT_REFUSED(
		"ipsec-profile = (\n"
		"  { name = \"a\"; transform-set = [ \"default-gcm256\", \"ts9\" ]; pfs = 24; },\n"
		"  { name = \"b\"; lifetime-seconds = 60; replay-window = 5000; },\n"
		"  { name = \"c\"; transform-set = \"default-compat\"; lifetime-kilobytes = 10; }\n"
		");\n",
		"vgated.conf:3: ipsec-profile \"b\".lifetime-seconds: 60 is out of range 120..86400\n"
		"vgated.conf:3: ipsec-profile \"b\".replay-window: 5000 is out of range 0..4096\n"
		"vgated.conf:4: ipsec-profile \"c\".lifetime-kilobytes: 10 is out of range "
		"2560..4294967295\n"
		"vgated.conf:2: ipsec-profile \"a\".transform-set: no transform-set named \"ts9\"\n"
		"vgated.conf:2: ipsec-profile \"a\".pfs: group 24 is not implemented by vgated\n"
		"vgated.conf:3: ipsec-profile \"b\" needs at least one transform-set\n"
		"vgated.conf:4: ipsec-profile \"c\".transform-set: transform-set "
		"\"default-compat\" exists only with ikev2 compat = true\n");
	EXPECT_LOADED(
		"ipsec-profile = ( { name = \"a\"; transform-set = \"default-gcm128\";\n"
		"  pfs = 2; } );\n",
		"vgated.conf:2: warning: ipsec-profile \"a\".pfs: group 2 is a legacy group\n");
}

/* ---- profile ------------------------------------------------------- */

TEST_F(errors, profile_authentication_methods)
{
	EXPECT_REFUSED(
		KEYRING
		"profile = (\n"
		"  { name = \"a\"; match-identity-remote = \"fqdn a\"; keyring = \"kr\"; },\n"
		"  { name = \"b\"; match-identity-remote = \"fqdn b\"; keyring = \"kr\";\n"
		"    authentication-local = \"eap\"; authentication-remote = \"pre-share\"; },\n"
		"  { name = \"c\"; match-identity-remote = \"fqdn c\"; keyring = \"kr\";\n"
		"    authentication-local = \"psk\";\n"
		"    authentication-remote = [ \"pre-share\", \"certificate\" ]; },\n"
		"  { name = \"d\"; match-identity-remote = \"fqdn d\"; keyring = \"kr\";\n"
		"    authentication-local = [ \"pre-share\", \"rsa-sig\" ];\n"
		"    authentication-remote = \"pre-share\"; }\n"
		");\n",
		"vgated.conf:10: profile \"d\".authentication-local must be a string\n"
		"vgated.conf:3: profile \"a\" needs authentication-local (exactly one method)\n"
		"vgated.conf:3: profile \"a\" needs authentication-remote (one or more methods)\n"
		"vgated.conf:5: profile \"b\".authentication-local: eap authenticates a "
		"client to its server, and vgated has no EAP client: use pre-share, "
		"rsa-sig or ecdsa-sig\n"
		"vgated.conf:7: profile \"c\".authentication-local: \"psk\" is not one of: "
		"pre-share, rsa-sig, ecdsa-sig\n"
		"vgated.conf:8: profile \"c\".authentication-remote: \"certificate\" is not "
		"one of: pre-share, rsa-sig, ecdsa-sig, eap\n");
}

TEST_F(errors, pre_share_needs_a_keyring)
{
	EXPECT_REFUSED(
		"profile = (\n"
		"  { name = \"a\"; match-identity-remote = \"fqdn a\";\n"
		"    authentication-local = \"pre-share\"; authentication-remote = \"pre-share\"; },\n"
		"  { name = \"b\"; match-identity-remote = \"fqdn b\"; keyring = \"kr\";\n"
		"    authentication-local = \"pre-share\"; authentication-remote = \"pre-share\"; }\n"
		");\n",
		"vgated.conf:2: profile \"a\" uses pre-share but names no keyring\n"
		"vgated.conf:4: profile \"b\".keyring: no keyring named \"kr\"\n");
}

TEST_F(errors, certificates_need_their_files)
{
	free(write_file(self->r.dir, "ca.pem", "x"));
	EXPECT_REFUSED(
		"profile = (\n"
		"  { name = \"a\"; match-identity-remote = \"fqdn a\";\n"
		"    authentication-local = \"rsa-sig\"; authentication-remote = \"rsa-sig\"; },\n"
		"  { name = \"b\"; match-identity-remote = \"fqdn b\";\n"
		"    authentication-local = \"ecdsa-sig\"; authentication-remote = \"eap\";\n"
		"    pki-trustpoint = \"ca.pem\";\n"
		"    certificate = \"absent.pem\";\n"
		"    private-key = \"/nonexistent/key.pem\"; },\n"
		"  { name = \"c\"; match-identity-remote = \"fqdn c\"; keyring = \"kr\";\n"
		"    authentication-local = \"pre-share\"; authentication-remote = \"ecdsa-sig\"; }\n"
		");\n" KEYRING,
		"vgated.conf:2: profile \"a\" signs with a certificate (authentication-local "
		"rsa-sig) but names no certificate\n"
		"vgated.conf:2: profile \"a\" signs with a certificate (authentication-local "
		"rsa-sig) but names no private-key\n"
		"vgated.conf:2: profile \"a\" uses certificates but names no pki-trustpoint\n"
		"vgated.conf:7: profile \"b\".certificate: cannot read absent.pem: No "
		"such file or directory\n"
		"vgated.conf:8: profile \"b\".private-key: cannot read /nonexistent/key.pem: "
		"No such file or directory\n"
		"vgated.conf:9: profile \"c\" uses certificates but names no pki-trustpoint\n");
}

TEST_F(errors, eap_needs_a_certificate_on_our_side)
{
	EXPECT_REFUSED(
		KEYRING
		"profile = ( { name = \"a\"; match-identity-remote = \"email domain example.com\";\n"
		"  keyring = \"kr\"; authentication-local = \"pre-share\";\n"
		"  authentication-remote = [ \"eap\" ]; } );\n",
		"vgated.conf:4: profile \"a\".authentication-remote: eap needs "
		"authentication-local rsa-sig or ecdsa-sig: the server proves itself with "
		"a certificate\n");
}

TEST_F(errors, profile_identity_and_matches)
{
	EXPECT_REFUSED(
		KEYRING
		"profile = ( { name = \"a\"; keyring = \"kr\";\n"
		"  authentication-local = \"pre-share\"; authentication-remote = \"pre-share\";\n"
		"  match-identity-remote = [ \"fqdn domain\", \"user bob\", \"address 10.1.0.0/8\",\n"
		"                            \"email bob\", \"key-id\" ];\n"
		"  match-address-local = \"192.0.2.300\";\n"
		"  identity-local = \"dn\";\n"
		"}, { name = \"b\"; keyring = \"kr\"; match-identity-remote = \"fqdn b\";\n"
		"  authentication-local = \"pre-share\"; authentication-remote = \"pre-share\";\n"
		"  identity-local = \"fqdn two words\"; } );\n",
		"vgated.conf:4: profile \"a\".match-identity-remote: \"fqdn domain\": "
		"needs a value\n"
		"vgated.conf:4: profile \"a\".match-identity-remote: \"user bob\": must be "
		"address, fqdn [domain], email [domain], key-id or dn followed by a value\n"
		"vgated.conf:4: profile \"a\".match-identity-remote: \"address 10.1.0.0/8\": "
		"address needs an IPv4/IPv6 address or prefix\n"
		"vgated.conf:4: profile \"a\".match-identity-remote: \"email bob\": email "
		"needs an '@' (or use \"email domain NAME\")\n"
		"vgated.conf:4: profile \"a\".match-identity-remote: \"key-id\": needs a "
		"value\n"
		"vgated.conf:6: profile \"a\".match-address-local: \"192.0.2.300\" is not an "
		"IPv4 or IPv6 address or prefix\n"
		"vgated.conf:7: profile \"a\".identity-local: dn is the certificate's "
		"subject, but authentication-local is pre-share\n"
		"vgated.conf:10: profile \"b\".identity-local: \"fqdn two words\": must not "
		"contain spaces\n");
}

TEST_F(errors, profile_timers_and_references)
{
	EXPECT_REFUSED(
		KEYRING
		"profile = ( { name = \"a\"; keyring = \"kr\"; match-identity-remote = \"fqdn a\";\n"
		"  authentication-local = \"pre-share\"; authentication-remote = \"pre-share\";\n"
		"  lifetime = 60;\n"
		"  dpd = \"30 5 on demand\";\n"
		"  nat-keepalive = 4;\n"
		"  virtual-template = \"vt 1\";\n"
		"  ipsec-profile = \"ipp\";\n"
		"} );\n",
		"vgated.conf:4: profile \"a\".lifetime: 60 is out of range 120..86400\n"
		"vgated.conf:6: profile \"a\".nat-keepalive: must be 0 (off) or 5 to 3600 seconds\n"
		"vgated.conf:5: profile \"a\".dpd: \"30 5 on demand\": must be \"INTERVAL "
		"RETRY periodic|on-demand\", e.g. \"30 5 on-demand\"\n"
		"vgated.conf:7: profile \"a\".virtual-template: \"vt 1\" is not an interface name\n"
		"vgated.conf:8: profile \"a\".ipsec-profile: no ipsec-profile named \"ipp\"\n");
}

TEST_F(errors, profile_without_match_is_a_warning)
{
	EXPECT_LOADED(
		KEYRING
		"profile = ( { name = \"idle\"; keyring = \"kr\";\n"
		"  authentication-local = \"pre-share\"; authentication-remote = \"pre-share\"; },\n"
		"  { name = \"off\"; keyring = \"kr\"; shutdown = true;\n"
		"  authentication-local = \"pre-share\"; authentication-remote = \"pre-share\"; } );\n",
		"vgated.conf:2: warning: profile \"idle\" has no match-identity-remote, so "
		"no peer ever selects it\n");
}

TEST_F(errors, duplicate_profile_name)
{
	EXPECT_REFUSED(
		KEYRING
		"profile = ( { name = \"ra\"; keyring = \"kr\"; match-identity-remote = \"fqdn a\";\n"
		"  authentication-local = \"pre-share\"; authentication-remote = \"pre-share\"; },\n"
		"  { name = \"ra\"; keyring = \"kr\"; match-identity-remote = \"fqdn b\";\n"
		"  authentication-local = \"pre-share\"; authentication-remote = \"pre-share\"; } );\n",
		"vgated.conf:4: duplicate profile name \"ra\" (first defined at vgated.conf:2)\n");
}

TEST_F(errors, object_names_must_be_printable_words)
{
	EXPECT_REFUSED(
		"transform-set = ( { name = \"\"; encryption = \"aes-gcm-128\"; },\n"
		"  { name = \"my set\"; encryption = \"aes-gcm-128\"; } );\n",
		"vgated.conf:1: transform-set \"\".name: must not be empty\n"
		"vgated.conf:2: transform-set \"my set\".name: must be printable, "
		"without spaces or quotes\n");
}

TEST_F(errors, errors_in_an_include_name_that_file)
{
	free(write_file(self->r.dir, "proposals.inc",
			"proposal = ( { name = \"p\";\n  encryption = \"aes-xts\"; } );\n"));
	EXPECT_REFUSED("@include \"proposals.inc\"\n",
		"proposals.inc:2: proposal \"p\".encryption: \"aes-xts\" is not an "
		"encryption name\n"
		"proposals.inc:1: proposal \"p\" needs at least one group\n");
}

TEST_HARNESS_MAIN
