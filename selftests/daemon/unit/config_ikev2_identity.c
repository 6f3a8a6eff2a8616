// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Identities as written in vgated.conf and as sent on the wire: parsing
 * into wire form, formatting for logs (escaped: the data may come from a
 * peer), distinguished names, and the small value parsers.
 */
#include <openssl/x509.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include "leak_check.h"
#include "config/conf_id_match.h"
#include "config/conf_identity.h"
#include "config/conf_parse.h"
#include "ike/codec_constants.h"

static const char *formatted(const struct conf_identity *id)
{
	static char buf[300];

	conf_identity_format(id, buf, sizeof(buf));
	return buf;
}

TEST(identity_wire_forms)
{
	struct conf_identity id;

	ASSERT_EQ(NULL, conf_identity_parse("address 192.0.2.1", false, &id));
	EXPECT_EQ(IKEV2_ID_IPV4_ADDR, id.type);
	ASSERT_EQ(4, id.len);
	EXPECT_EQ(0, memcmp("\xc0\x00\x02\x01", id.data, 4));
	ASSERT_EQ(NULL, conf_identity_parse("address 2001:db8::1", false, &id));
	EXPECT_EQ(IKEV2_ID_IPV6_ADDR, id.type);
	ASSERT_EQ(16, id.len);
	EXPECT_EQ(0x20, id.data[0]);
	EXPECT_EQ(0x01, id.data[15]);
	ASSERT_EQ(NULL, conf_identity_parse("fqdn vpn.example.com", false, &id));
	EXPECT_EQ(IKEV2_ID_FQDN, id.type);
	ASSERT_EQ(15, id.len);
	EXPECT_EQ(0, memcmp("vpn.example.com", id.data, 15));
	ASSERT_EQ(NULL, conf_identity_parse("email x@y", false, &id));
	EXPECT_EQ(IKEV2_ID_RFC822_ADDR, id.type);
	EXPECT_EQ(3, id.len);
	/* a key-id is its text's octets, spaces included */
	ASSERT_EQ(NULL, conf_identity_parse("key-id my key", false, &id));
	EXPECT_EQ(IKEV2_ID_KEY_ID, id.type);
	ASSERT_EQ(6, id.len);
	EXPECT_EQ(0, memcmp("my key", id.data, 6));
	ASSERT_EQ(NULL, conf_identity_parse("dn CN=vpn,O=Example", false, &id));
	EXPECT_EQ(IKEV2_ID_DER_ASN1_DN, id.type);
	EXPECT_EQ(0x30, id.data[0]);	/* a DER SEQUENCE */
	EXPECT_STREQ("dn CN=vpn, O=Example", formatted(&id));
	/* "dn" alone only where the certificate supplies it */
	EXPECT_NE(NULL, conf_identity_parse("dn", false, &id));
	ASSERT_EQ(NULL, conf_identity_parse("dn", true, &id));
	EXPECT_EQ(IKEV2_ID_DER_ASN1_DN, id.type);
	EXPECT_EQ(0, id.len);
	EXPECT_STREQ("dn (the certificate's subject)", formatted(&id));
}

TEST(identity_parse_errors)
{
	struct conf_identity id;
	char big[400];

	EXPECT_STREQ("needs a value after the identity type",
		     conf_identity_parse("fqdn", false, &id));
	EXPECT_STREQ("must start with address, fqdn, email, key-id or dn",
		     conf_identity_parse("ip 1.2.3.4", false, &id));
	memset(big, 'a', sizeof(big));
	memcpy(big, "fqdn ", 5);
	big[sizeof(big) - 1] = '\0';
	EXPECT_STREQ("is longer than an identity can be (256 octets)",
		     conf_identity_parse(big, false, &id));
}

TEST(identity_format_escapes_peer_data)
{
	struct conf_identity id = { .type = IKEV2_ID_FQDN, .len = 9 };

	memcpy(id.data, "a\nb\\c\x01\xff\x7f" "d", 9);
	EXPECT_STREQ("fqdn a\\x0ab\\x5cc\\x01\\xff\\x7fd", formatted(&id));
	id.type = IKEV2_ID_KEY_ID;
	id.len = 3;
	memcpy(id.data, "\x00\x01\xfe", 3);
	EXPECT_STREQ("key-id 0x0001fe", formatted(&id));
	id.type = IKEV2_ID_DER_ASN1_DN;
	id.len = 2;
	EXPECT_STREQ("dn 0x0001", formatted(&id));
	id.type = 0;
	EXPECT_STREQ("(no identity)", formatted(&id));
	id.type = 42;
	EXPECT_STREQ("id type 42 (2 octets)", formatted(&id));
	id.type = IKEV2_ID_IPV4_ADDR;
	id.len = 3;
	memcpy(id.data, "\x0a\x00\x00", 3);
	EXPECT_STREQ("address 0x0a0000", formatted(&id));
}

TEST(identity_format_truncates_safely)
{
	struct conf_identity id;
	char small[8];

	ASSERT_EQ(NULL, conf_identity_parse("fqdn vpn.example.com", false, &id));
	conf_identity_format(&id, small, sizeof(small));
	EXPECT_STREQ("fqdn vp", small);
}

TEST(fqdn_equality_ignores_case_email_does_not)
{
	struct conf_identity a, b;

	conf_identity_parse("fqdn VPN.Example.com", false, &a);
	conf_identity_parse("fqdn vpn.example.COM", false, &b);
	EXPECT_TRUE(conf_identity_equal(&a, &b));
	conf_identity_parse("email Bob@example.com", false, &a);
	conf_identity_parse("email bob@example.com", false, &b);
	EXPECT_FALSE(conf_identity_equal(&a, &b));
	conf_identity_parse("key-id bob@example.com", false, &a);
	EXPECT_FALSE(conf_identity_equal(&a, &b));
}

/* A DN with the same text but PrintableString values (as many CAs write). */
static size_t printable_dn(uint8_t *out)
{
	X509_NAME *name = X509_NAME_new();
	unsigned char *p = out;
	size_t len;

	X509_NAME_add_entry(name, X509_NAME_ENTRY_create_by_txt(NULL, "C",
		V_ASN1_PRINTABLESTRING, (const unsigned char *)"US", -1), -1, 0);
	X509_NAME_add_entry_by_txt(name, "CN", V_ASN1_PRINTABLESTRING,
				   (const unsigned char *)"VPN  Gateway", -1, -1, 0);
	len = i2d_X509_NAME(name, &p);
	X509_NAME_free(name);
	return len;
}

TEST(dn_compares_as_a_name)
{
	struct conf_identity mine, wire = { .type = IKEV2_ID_DER_ASN1_DN };
	ASSERT_EQ(NULL, conf_identity_parse("dn C=US, CN=vpn gateway", false, &mine));
	wire.len = printable_dn(wire.data);
	ASSERT_LT(0, wire.len);
	EXPECT_NE(0, memcmp(mine.data, wire.data, wire.len < mine.len ? wire.len : mine.len));
	/* canonical comparison: case and inner spaces folded, string types too */
	EXPECT_TRUE(conf_identity_equal(&mine, &wire));
	ASSERT_EQ(NULL, conf_identity_parse("dn CN=vpn gateway, C=US", false, &mine));
	EXPECT_FALSE(conf_identity_equal(&mine, &wire));	/* order matters */
	/* garbage is equal to nothing, not even itself */
	wire.len = 3;
	memcpy(wire.data, "\x30\x05\x00", 3);
	EXPECT_FALSE(conf_dn_equal(wire.data, wire.len, mine.data, mine.len));
	EXPECT_FALSE(conf_dn_equal(wire.data, 0, wire.data, 0));
}

TEST(dn_commas_escaped_or_quoted)
{
	struct conf_identity a, b;

	ASSERT_EQ(NULL, conf_identity_parse("dn O=Example\\, Inc., CN=vpn", false, &a));
	EXPECT_STREQ("dn O=\"Example, Inc.\", CN=vpn", formatted(&a));
	/* what the log shows can be pasted back into the config */
	ASSERT_EQ(NULL, conf_identity_parse("dn O=\"Example, Inc.\", CN=vpn", false, &b));
	EXPECT_TRUE(conf_identity_equal(&a, &b));
}

TEST(id_match_kinds)
{
	struct conf_id_match m;

	ASSERT_EQ(NULL, conf_id_match_parse("fqdn domain example.com", &m));
	EXPECT_EQ(CONF_ID_MATCH_FQDN_DOMAIN, m.kind);
	EXPECT_STREQ("example.com", m.text);
	conf_id_match_free(&m);
	ASSERT_EQ(NULL, conf_id_match_parse("fqdn host.example.com", &m));
	EXPECT_EQ(CONF_ID_MATCH_FQDN, m.kind);
	conf_id_match_free(&m);
	/* a host literally named "domain" needs no keyword trick */
	ASSERT_EQ(NULL, conf_id_match_parse("fqdn domainname.example", &m));
	EXPECT_EQ(CONF_ID_MATCH_FQDN, m.kind);
	EXPECT_STREQ("domainname.example", m.text);
	conf_id_match_free(&m);
	ASSERT_EQ(NULL, conf_id_match_parse("email domain example.com", &m));
	EXPECT_EQ(CONF_ID_MATCH_EMAIL_DOMAIN, m.kind);
	conf_id_match_free(&m);
	ASSERT_EQ(NULL, conf_id_match_parse("email u@example.com", &m));
	EXPECT_EQ(CONF_ID_MATCH_EMAIL, m.kind);
	conf_id_match_free(&m);
	ASSERT_EQ(NULL, conf_id_match_parse("key-id abc", &m));
	EXPECT_EQ(CONF_ID_MATCH_KEY_ID, m.kind);
	conf_id_match_free(&m);
	ASSERT_EQ(NULL, conf_id_match_parse("address 10.0.0.0/8", &m));
	EXPECT_EQ(CONF_ID_MATCH_ADDRESS, m.kind);
	EXPECT_EQ(8, m.prefix.len);
	conf_id_match_free(&m);
	ASSERT_EQ(NULL, conf_id_match_parse("address 192.0.2.1", &m));
	EXPECT_EQ(32, m.prefix.len);
	conf_id_match_free(&m);
	ASSERT_EQ(NULL, conf_id_match_parse("dn CN=x", &m));
	EXPECT_EQ(CONF_ID_MATCH_DN, m.kind);
	EXPECT_LT(0, m.der_len);
	conf_id_match_free(&m);
}

TEST(prefixes)
{
	struct conf_prefix p;
	char text[64];

	ASSERT_EQ(NULL, conf_parse_prefix("10.0.0.0 255.255.0.0", &p));
	conf_prefix_format(&p, text, sizeof(text));
	EXPECT_STREQ("10.0.0.0/16", text);
	ASSERT_EQ(NULL, conf_parse_prefix("2001:db8::/32", &p));
	conf_prefix_format(&p, text, sizeof(text));
	EXPECT_STREQ("2001:db8::/32", text);
	ASSERT_EQ(NULL, conf_parse_prefix("any", &p));
	EXPECT_EQ(AF_UNSPEC, p.family);
	conf_prefix_format(&p, text, sizeof(text));
	EXPECT_STREQ("any", text);
	EXPECT_STREQ("uses a netmask, which only IPv4 has",
		     conf_parse_prefix("2001:db8:: 255.255.0.0", &p));
	EXPECT_STREQ("has a prefix length that is not a number",
		     conf_parse_prefix("10.0.0.0/x", &p));
	EXPECT_STREQ("has host bits set after the prefix length",
		     conf_parse_prefix("2001:db8::1/64", &p));
}

TEST(hex_keys)
{
	uint8_t *key;
	size_t len;

	ASSERT_EQ(NULL, conf_parse_hex("DE:ad be ef", &key, &len));
	ASSERT_EQ(4, len);
	EXPECT_EQ(0, memcmp("\xde\xad\xbe\xef", key, 4));
	free(key);
	EXPECT_STREQ("is empty", conf_parse_hex(" : ", &key, &len));
	EXPECT_STREQ("is not hexadecimal", conf_parse_hex("0x12", &key, &len));
	EXPECT_STREQ("has an odd number of hex digits", conf_parse_hex("123", &key, &len));
	EXPECT_EQ(0, leaks_found());
}

TEST_HARNESS_MAIN
