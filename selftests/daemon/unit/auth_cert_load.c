// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Loading certificate material: what is kept, what is refused and how
 * the messages name the file; what we send about ourselves (DN, chain,
 * CERTREQ, SIGNATURE_HASH_ALGORITHMS).
 */
#include <string.h>

#include "kselftest_harness.h"

#include "auth_cert_pki.h"
#include "leak_check.h"
#include "auth/cert.h"
#include "config/conf_identity.h"

/* Loads and expects a failure whose message holds each of the WANTs. */
static bool load_fails(const char *cert, const char *key, const char *trust,
		       const char *crl, const char *want1, const char *want2)
{
	char err[512] = "";
	struct auth_certs *ac = auth_certs_load(cert, key, trust, crl, err,
						sizeof(err));

	if (ac) {
		auth_certs_free(ac);
		fprintf(stderr, "loaded, expected: %s\n", want1);
		return false;
	}
	if (!strstr(err, want1) || (want2 && !strstr(err, want2))) {
		fprintf(stderr, "got \"%s\", expected \"%s\" and \"%s\"\n",
			err, want1, want2 ? want2 : "");
		return false;
	}
	return true;
}

TEST(load_every_kind)
{
	static const char *const ee[] = { "rsa", "p256", "p384", "p521" };
	static const unsigned int kind[] = { CONF_AUTH_RSA_SIG,
		CONF_AUTH_ECDSA_SIG, CONF_AUTH_ECDSA_SIG, CONF_AUTH_ECDSA_SIG };
	char cert[32], key[32], err[256];

	for (size_t i = 0; i < 4; i++) {
		struct auth_certs *ac;

		snprintf(cert, sizeof(cert), "%s-chain.pem", ee[i]);
		snprintf(key, sizeof(key), "%s.key", ee[i]);
		ac = auth_certs_load(pki(cert), pki(key), pki("root.pem"),
				     pki("crl.pem"), err, sizeof(err));
		ASSERT_NE(NULL, ac) TH_LOG("%s: %s", ee[i], err);
		EXPECT_EQ(kind[i], auth_certs_local_kind(ac));
		auth_certs_free(ac);
	}
	EXPECT_EQ(0, leaks_found());
}

TEST(load_partial_stores)
{
	char err[256];
	struct auth_certs *verify_only, *sign_only, *cert_only;

	verify_only = auth_certs_load(NULL, NULL, pki("root.pem"), NULL, err,
				      sizeof(err));
	ASSERT_NE(NULL, verify_only) TH_LOG("%s", err);
	EXPECT_EQ(0, auth_certs_local_kind(verify_only));
	sign_only = auth_certs_load(pki("p256.pem"), pki("p256.key"), NULL,
				    NULL, err, sizeof(err));
	ASSERT_NE(NULL, sign_only) TH_LOG("%s", err);
	EXPECT_EQ(0, auth_certs_certreq(sign_only, (uint8_t[40]){ 0 }, 40));
	cert_only = auth_certs_load(pki("p256.pem"), NULL, NULL, NULL, err,
				    sizeof(err));
	ASSERT_NE(NULL, cert_only) TH_LOG("%s", err);
	EXPECT_EQ(0, auth_certs_local_kind(cert_only));
	auth_certs_free(verify_only);
	auth_certs_free(sign_only);
	auth_certs_free(cert_only);
	auth_certs_free(NULL);
	EXPECT_EQ(0, leaks_found());
}

TEST(load_errors_name_the_file)
{
	EXPECT_TRUE(load_fails(pki("missing.pem"), NULL, NULL, NULL,
			       "cannot read ", "missing.pem: No such file"));
	EXPECT_TRUE(load_fails(pki("garbage.pem"), NULL, NULL, NULL,
			       "garbage.pem: no PEM certificate in it", NULL));
	EXPECT_TRUE(load_fails(pki("p256.pem"), pki("missing.key"), NULL, NULL,
			       "cannot read ", "missing.key"));
	EXPECT_TRUE(load_fails(pki("p256.pem"), pki("p256.pem"), NULL, NULL,
			       "p256.pem: cannot parse the private key", NULL));
	EXPECT_TRUE(load_fails(pki("rsa.pem"), pki("p256.key"), NULL, NULL,
			       "p256.key: private key does not match the certificate",
			       "rsa.pem"));
	EXPECT_TRUE(load_fails(NULL, pki("weak.key"), NULL, NULL,
			       "weak.key: RSA key of 1024 bits", NULL));
	EXPECT_TRUE(load_fails(pki("expired.pem"), pki("expired.key"), NULL,
			       NULL, "expired.pem: certificate expired on ",
			       NULL));
	EXPECT_TRUE(load_fails(NULL, NULL, pki("missing-ca.pem"), NULL,
			       "cannot read ", "missing-ca.pem"));
	EXPECT_TRUE(load_fails(NULL, NULL, pki("garbage.pem"), NULL,
			       "garbage.pem: no PEM certificate", NULL));
	EXPECT_TRUE(load_fails(NULL, NULL, pki("root.pem"), pki("garbage.pem"),
			       "garbage.pem: no CRL in it", NULL));
	EXPECT_TRUE(load_fails(NULL, NULL, pki("root.pem"), pki("missing.crl"),
			       "cannot read ", "missing.crl"));
	EXPECT_TRUE(load_fails(NULL, NULL, NULL, pki("crl.pem"),
			       "crl.pem: a CRL needs trust anchors", NULL));
	EXPECT_EQ(0, leaks_found());
}

TEST(load_der_crl)
{
	char err[256];
	struct auth_certs *ac = auth_certs_load(NULL, NULL, pki("root.pem"),
						pki("crl-inter.der"), err,
						sizeof(err));

	ASSERT_NE(NULL, ac) TH_LOG("%s", err);
	auth_certs_free(ac);
	EXPECT_EQ(0, leaks_found());
}

TEST(local_dn_is_the_subject)
{
	char err[256], text[300];
	uint8_t der[512];
	size_t len;
	struct conf_identity id;
	struct auth_certs *ac = auth_certs_load(pki("rsa-chain.pem"),
						pki("rsa.key"), NULL, NULL,
						err, sizeof(err));

	ASSERT_NE(NULL, ac) TH_LOG("%s", err);
	ASSERT_EQ(0, auth_certs_local_dn(ac, der, sizeof(der), &len));
	ASSERT_LT(0, conf_dn_format(der, len, text, sizeof(text)));
	EXPECT_STREQ("C=US, O=vgate test, CN=rsa.vpn.example.com", text);
	ASSERT_EQ(NULL, conf_identity_parse("dn C=US, O=vgate test, CN=rsa.vpn.example.com",
					    false, &id));
	EXPECT_TRUE(conf_dn_equal(der, len, id.data, id.len));
	EXPECT_EQ(-1, auth_certs_local_dn(ac, der, 10, &len));
	auth_certs_free(ac);
	EXPECT_EQ(0, leaks_found());
}

TEST(chain_in_file_order)
{
	char err[256];
	const uint8_t *der[4];
	size_t len[4];
	const unsigned char *p;
	X509 *x;
	struct auth_certs *ac = auth_certs_load(pki("p384-chain.pem"),
						pki("p384.key"), NULL, NULL,
						err, sizeof(err));

	ASSERT_NE(NULL, ac) TH_LOG("%s", err);
	ASSERT_EQ(2, auth_certs_chain(ac, der, len, 4));
	p = der[0];
	x = d2i_X509(NULL, &p, (long)len[0]);
	ASSERT_NE(NULL, x);
	EXPECT_EQ(1, X509_check_host(x, "p384.vpn.example.com", 0, 0, NULL));
	X509_free(x);
	p = der[1];
	x = d2i_X509(NULL, &p, (long)len[1]);
	ASSERT_NE(NULL, x);
	EXPECT_EQ(1, X509_check_ca(x));
	X509_free(x);
	EXPECT_EQ(1, auth_certs_chain(ac, der, len, 1));
	auth_certs_free(ac);
	EXPECT_EQ(0, leaks_found());
}

/* SHA-1 of the anchor's SubjectPublicKeyInfo, computed independently. */
static void spki_sha1(const char *file, uint8_t out[20])
{
	FILE *f = fopen(file, "r");
	X509 *x = PEM_read_X509(f, NULL, NULL, NULL);
	EVP_PKEY *pub = X509_get0_pubkey(x);
	unsigned char *der = NULL;
	int len = i2d_PUBKEY(pub, &der);	/* the same SPKI, re-encoded */

	fclose(f);
	EVP_Digest(der, (size_t)len, out, NULL, EVP_sha1(), NULL);
	OPENSSL_free(der);
	X509_free(x);
}

TEST(certreq_hashes_the_anchors_spki)
{
	char err[256];
	uint8_t data[64], root[20], other[20];
	struct auth_certs *ac = auth_certs_load(NULL, NULL, pki("anchors2.pem"),
						NULL, err, sizeof(err));

	ASSERT_NE(NULL, ac) TH_LOG("%s", err);
	spki_sha1(pki("root.pem"), root);
	spki_sha1(pki("other-root.pem"), other);
	ASSERT_EQ(40, auth_certs_certreq(ac, data, sizeof(data)));
	EXPECT_EQ(0, memcmp(data, root, 20));
	EXPECT_EQ(0, memcmp(data + 20, other, 20));
	/* whole hashes only */
	EXPECT_EQ(20, auth_certs_certreq(ac, data, 39));
	auth_certs_free(ac);
	EXPECT_EQ(0, leaks_found());
}

TEST(hash_algorithms_notify)
{
	uint8_t data[8];

	ASSERT_EQ(6, auth_certs_hash_algorithms(data, sizeof(data)));
	EXPECT_EQ(0, memcmp(data, "\x00\x02\x00\x03\x00\x04", 6));
	EXPECT_EQ(0, auth_certs_hash_algorithms(data, 5));
}

TEST_HARNESS_MAIN
