// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Checking a peer: its chain against our trust anchors and CRLs, its
 * identity against its certificate, each failure with its own reason.
 * The peer's certificates are read here with OpenSSL directly, so the
 * checks do not depend on our own loader.
 */
#include <string.h>

#include <openssl/err.h>

#include "kselftest_harness.h"

#include "auth_cert_pki.h"
#include "leak_check.h"
#include "auth/cert.h"
#include "config/conf_identity.h"
#include "ike/codec_constants.h"

static const uint8_t octets[] = "the octets a peer signs";

struct peer {
	uint8_t *der[4];
	size_t len[4], n;
	uint8_t method, auth[AUTH_CERTS_SIG_MAX];
	size_t auth_len;
};

/* The certificates of CERT_FILE as DER; AUTH signed with KEY_FILE. */
static int peer_make(struct peer *p, const char *cert_file,
		     const char *key_file)
{
	FILE *f = fopen(pki(cert_file), "r");
	struct auth_certs *signer;
	char err[256];
	X509 *x;
	int ret;

	memset(p, 0, sizeof(*p));
	if (!f)
		return -1;
	while (p->n < 4 && (x = PEM_read_X509(f, NULL, NULL, NULL))) {
		unsigned char *der = NULL;
		int len = i2d_X509(x, &der);

		X509_free(x);
		if (len <= 0)
			break;
		p->der[p->n] = der;
		p->len[p->n++] = (size_t)len;
	}
	fclose(f);
	ERR_clear_error();
	/* the key alone: an expired certificate would not load */
	signer = auth_certs_load(NULL, pki(key_file), NULL, NULL, err,
				 sizeof(err));
	if (!signer) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	ret = auth_certs_sign(signer, true, octets, sizeof(octets), &p->method,
			      p->auth, sizeof(p->auth), &p->auth_len);
	auth_certs_free(signer);
	return p->n ? ret : -1;
}

static void peer_free(struct peer *p)
{
	for (size_t i = 0; i < p->n; i++)
		OPENSSL_free(p->der[i]);
}

static struct auth_certs *trust(const char *anchors, const char *crl)
{
	char err[256];
	struct auth_certs *ac = auth_certs_load(NULL, NULL, pki(anchors),
						crl ? pki(crl) : NULL, err,
						sizeof(err));

	if (!ac)
		fprintf(stderr, "%s\n", err);
	return ac;
}

static struct conf_identity ident(const char *text)
{
	struct conf_identity id;

	memset(&id, 0, sizeof(id));
	if (conf_identity_parse(text, false, &id))
		fprintf(stderr, "bad identity %s\n", text);
	return id;
}

/* Verifies P as ID against T; the reason, or "" when it passed. */
static const char *check(const struct auth_certs *t, const struct peer *p,
			 const char *id_text)
{
	static char why[512];
	struct conf_identity id = ident(id_text);

	strcpy(why, "(not set)");
	if (auth_certs_verify(t, (const uint8_t *const *)p->der, p->len, p->n,
			      &id, p->method, p->auth, p->auth_len, octets,
			      sizeof(octets), why, sizeof(why)) == 0)
		return "";
	return why;
}

TEST(intermediate_sent_by_the_peer)
{
	struct auth_certs *t = trust("root.pem", NULL);
	struct peer chain, alone;

	ASSERT_NE(NULL, t);
	ASSERT_EQ(0, peer_make(&chain, "p256-chain.pem", "p256.key"));
	ASSERT_EQ(2, chain.n);
	EXPECT_STREQ("", check(t, &chain, "fqdn p256.vpn.example.com"));
	ASSERT_EQ(0, peer_make(&alone, "p256.pem", "p256.key"));
	EXPECT_STREQ("chain does not lead to a trust anchor: unable to get local issuer certificate "
		     "(at C=US, O=vgate test, CN=p256.vpn.example.com)",
		     check(t, &alone, "fqdn p256.vpn.example.com"));
	peer_free(&chain);
	peer_free(&alone);
	auth_certs_free(t);
	EXPECT_EQ(0, leaks_found());
}

TEST(intermediate_as_trust_anchor)
{
	struct auth_certs *t = trust("inter.pem", NULL);
	struct peer alone;

	ASSERT_NE(NULL, t);
	ASSERT_EQ(0, peer_make(&alone, "p384.pem", "p384.key"));
	/* an issuing CA may be the anchor, as an IOS trustpoint */
	EXPECT_STREQ("", check(t, &alone, "fqdn p384.vpn.example.com"));
	peer_free(&alone);
	auth_certs_free(t);
	/* the CRL check then needs a CRL about the anchor too */
	t = trust("inter.pem", "crl-inter.der");
	ASSERT_NE(NULL, t);
	ASSERT_EQ(0, peer_make(&alone, "p384.pem", "p384.key"));
	EXPECT_STREQ("no CRL from the issuer of C=US, O=vgate test, CN=vgate test intermediate",
		     check(t, &alone, "fqdn p384.vpn.example.com"));
	peer_free(&alone);
	auth_certs_free(t);
	EXPECT_EQ(0, leaks_found());
}

TEST(wrong_trust_anchor)
{
	struct auth_certs *t = trust("other-root.pem", NULL);
	struct peer p;

	ASSERT_NE(NULL, t);
	ASSERT_EQ(0, peer_make(&p, "rsa-chain.pem", "rsa.key"));
	EXPECT_NE(NULL, strstr(check(t, &p, "fqdn rsa.vpn.example.com"),
			       "chain does not lead to a trust anchor: unable to get local issuer certificate"));
	peer_free(&p);
	auth_certs_free(t);
	EXPECT_EQ(0, leaks_found());
}

TEST(several_anchors)
{
	struct auth_certs *t = trust("anchors2.pem", "crl.pem");
	struct peer p;

	ASSERT_NE(NULL, t);
	ASSERT_EQ(0, peer_make(&p, "p521-chain.pem", "p521.key"));
	EXPECT_STREQ("", check(t, &p, "fqdn p521.vpn.example.com"));
	peer_free(&p);
	auth_certs_free(t);
	EXPECT_EQ(0, leaks_found());
}

TEST(revoked_with_crl_only)
{
	struct auth_certs *with = trust("root.pem", "crl.pem");
	struct auth_certs *without = trust("root.pem", NULL);
	struct auth_certs *der = trust("root.pem", "crl-inter.der");
	struct peer revoked, good;

	ASSERT_NE(NULL, with);
	ASSERT_NE(NULL, without);
	ASSERT_NE(NULL, der);
	ASSERT_EQ(0, peer_make(&revoked, "revoked-chain.pem", "revoked.key"));
	ASSERT_EQ(0, peer_make(&good, "p256-chain.pem", "p256.key"));
	EXPECT_STREQ("certificate revoked: C=US, O=vgate test, CN=revoked.vpn.example.com",
		     check(with, &revoked, "fqdn revoked.vpn.example.com"));
	EXPECT_STREQ("", check(without, &revoked,
			       "fqdn revoked.vpn.example.com"));
	EXPECT_STREQ("", check(with, &good, "fqdn p256.vpn.example.com"));
	/* the DER file holds the intermediate's CRL alone */
	EXPECT_STREQ("certificate revoked: C=US, O=vgate test, CN=revoked.vpn.example.com",
		     check(der, &revoked, "fqdn revoked.vpn.example.com"));
	EXPECT_STREQ("no CRL from the issuer of C=US, O=vgate test, CN=vgate test intermediate",
		     check(der, &good, "fqdn p256.vpn.example.com"));
	peer_free(&revoked);
	peer_free(&good);
	auth_certs_free(with);
	auth_certs_free(without);
	auth_certs_free(der);
	EXPECT_EQ(0, leaks_found());
}

TEST(missing_crl_for_an_issuer)
{
	struct auth_certs *t = trust("root.pem", "crl-root-only.pem");
	struct peer p;

	ASSERT_NE(NULL, t);
	ASSERT_EQ(0, peer_make(&p, "p256-chain.pem", "p256.key"));
	EXPECT_STREQ("no CRL from the issuer of C=US, O=vgate test, CN=p256.vpn.example.com",
		     check(t, &p, "fqdn p256.vpn.example.com"));
	peer_free(&p);
	auth_certs_free(t);
	EXPECT_EQ(0, leaks_found());
}

TEST(stale_crl)
{
	struct auth_certs *t = trust("root.pem", "crl-stale.pem");
	struct peer p;

	ASSERT_NE(NULL, t);
	ASSERT_EQ(0, peer_make(&p, "p256-chain.pem", "p256.key"));
	EXPECT_STREQ("CRL has expired: the one from the issuer of C=US, O=vgate test, CN=p256.vpn.example.com",
		     check(t, &p, "fqdn p256.vpn.example.com"));
	peer_free(&p);
	auth_certs_free(t);
	EXPECT_EQ(0, leaks_found());
}

TEST(expired)
{
	struct auth_certs *t = trust("root.pem", "crl.pem");
	struct peer p;

	ASSERT_NE(NULL, t);
	ASSERT_EQ(0, peer_make(&p, "expired-chain.pem", "expired.key"));
	EXPECT_STREQ("certificate expired: C=US, O=vgate test, CN=expired.vpn.example.com",
		     check(t, &p, "fqdn expired.vpn.example.com"));
	peer_free(&p);
	auth_certs_free(t);
	EXPECT_EQ(0, leaks_found());
}

TEST(identity_of_every_type)
{
	struct auth_certs *t = trust("root.pem", "crl.pem");
	struct peer p;

	ASSERT_NE(NULL, t);
	ASSERT_EQ(0, peer_make(&p, "p384-chain.pem", "p384.key"));
	/* matches */
	EXPECT_STREQ("", check(t, &p, "fqdn p384.vpn.example.com"));
	EXPECT_STREQ("", check(t, &p, "fqdn P384.VPN.Example.COM"));
	EXPECT_STREQ("", check(t, &p, "email p384@example.com"));
	EXPECT_STREQ("", check(t, &p, "email p384@EXAMPLE.com"));
	EXPECT_STREQ("", check(t, &p, "address 192.0.2.12"));
	EXPECT_STREQ("", check(t, &p, "address 2001:db8::12"));
	EXPECT_STREQ("", check(t, &p, "dn C=US, O=vgate test, CN=p384.vpn.example.com"));
	/* mismatches, one per type */
	EXPECT_STREQ("identity fqdn p256.vpn.example.com not in the certificate's subjectAltName",
		     check(t, &p, "fqdn p256.vpn.example.com"));
	EXPECT_STREQ("identity fqdn vpn.example.com not in the certificate's subjectAltName",
		     check(t, &p, "fqdn vpn.example.com"));
	EXPECT_STREQ("identity email P384@example.com not in the certificate's subjectAltName",
		     check(t, &p, "email P384@example.com"));
	EXPECT_STREQ("identity email p384@example.org not in the certificate's subjectAltName",
		     check(t, &p, "email p384@example.org"));
	EXPECT_STREQ("identity address 192.0.2.11 not in the certificate's subjectAltName",
		     check(t, &p, "address 192.0.2.11"));
	EXPECT_STREQ("identity address 2001:db8::11 not in the certificate's subjectAltName",
		     check(t, &p, "address 2001:db8::11"));
	EXPECT_STREQ("identity dn C=US, O=vgate test, CN=p521.vpn.example.com is not the certificate's subject "
		     "C=US, O=vgate test, CN=p384.vpn.example.com",
		     check(t, &p, "dn C=US, O=vgate test, CN=p521.vpn.example.com"));
	EXPECT_STREQ("identity key-id p384 cannot be proven by a certificate",
		     check(t, &p, "key-id p384"));
	/* the issuer's names prove nothing about the peer */
	EXPECT_NE(NULL, strstr(check(t, &p, "dn C=US, O=vgate test, CN=vgate test intermediate"),
			       "is not the certificate's subject"));
	peer_free(&p);
	auth_certs_free(t);
	EXPECT_EQ(0, leaks_found());
}

TEST(identity_type_without_certificate_form)
{
	struct auth_certs *t = trust("root.pem", NULL);
	struct conf_identity id = { .type = IKEV2_ID_DER_ASN1_GN, .len = 2,
				    .data = { 0x30, 0x00 } };
	char why[256];
	struct peer p;

	ASSERT_NE(NULL, t);
	ASSERT_EQ(0, peer_make(&p, "rsa-chain.pem", "rsa.key"));
	EXPECT_EQ(-1, auth_certs_verify(t, (const uint8_t *const *)p.der,
					p.len, p.n, &id, p.method, p.auth,
					p.auth_len, octets, sizeof(octets),
					why, sizeof(why)));
	EXPECT_STREQ("identity type 10 is not supported with certificates",
		     why);
	peer_free(&p);
	auth_certs_free(t);
	EXPECT_EQ(0, leaks_found());
}

TEST(malformed_or_missing_input)
{
	struct auth_certs *t = trust("root.pem", NULL);
	struct auth_certs *sign_only;
	struct conf_identity id = ident("fqdn rsa.vpn.example.com");
	const uint8_t *der[1];
	size_t len[1];
	char why[256], err[256];
	struct peer p;

	ASSERT_NE(NULL, t);
	ASSERT_EQ(0, peer_make(&p, "rsa-chain.pem", "rsa.key"));
	der[0] = p.der[0];
	len[0] = p.len[0] - 1;
	EXPECT_EQ(-1, auth_certs_verify(t, der, len, 1, &id, p.method, p.auth,
					p.auth_len, octets, sizeof(octets),
					why, sizeof(why)));
	EXPECT_NE(NULL, strstr(why, "certificate 1 from the peer is malformed"));
	EXPECT_EQ(-1, auth_certs_verify(t, der, len, 0, &id, p.method, p.auth,
					p.auth_len, octets, sizeof(octets),
					why, sizeof(why)));
	EXPECT_STREQ("0 certificates from the peer, 1 to 8 accepted", why);
	sign_only = auth_certs_load(pki("rsa.pem"), pki("rsa.key"), NULL, NULL,
				    err, sizeof(err));
	ASSERT_NE(NULL, sign_only);
	EXPECT_EQ(-1, auth_certs_verify(sign_only,
					(const uint8_t *const *)p.der, p.len,
					p.n, &id, p.method, p.auth,
					p.auth_len, octets, sizeof(octets),
					why, sizeof(why)));
	EXPECT_STREQ("no trust anchor configured", why);
	peer_free(&p);
	auth_certs_free(sign_only);
	auth_certs_free(t);
	EXPECT_EQ(0, leaks_found());
}

TEST(key_kind_of_a_peer_certificate)
{
	struct peer rsa, ec;

	ASSERT_EQ(0, peer_make(&rsa, "rsa.pem", "rsa.key"));
	ASSERT_EQ(0, peer_make(&ec, "p521.pem", "p521.key"));
	EXPECT_EQ(CONF_AUTH_RSA_SIG, auth_certs_der_kind(rsa.der[0], rsa.len[0]));
	EXPECT_EQ(CONF_AUTH_ECDSA_SIG, auth_certs_der_kind(ec.der[0], ec.len[0]));
	EXPECT_EQ(0, auth_certs_der_kind(ec.der[0], 10));
	peer_free(&rsa);
	peer_free(&ec);
	EXPECT_EQ(0, leaks_found());
}

TEST_HARNESS_MAIN
