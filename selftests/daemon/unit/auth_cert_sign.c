// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * AUTH signatures: sign -> verify round trips for every method, the
 * wire forms (RFC 7427 AlgorithmIdentifiers, RFC 4754 r||s), and known
 * answers from the openssl command line in both directions, so the
 * format is not only consistent with itself.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/ec.h>

#include "kselftest_harness.h"

#include "auth_cert_pki.h"
#include "leak_check.h"
#include "auth/cert.h"
#include "config/conf_identity.h"
#include "ike/codec_constants.h"

static const uint8_t octets[] =
	"IKE_SA_INIT message | Nr | prf(SK_pi, IDi'): the signed octets";

/* RFC 7427 Appendix A, with the length octet in front. */
static const uint8_t algid_sha256_rsa[] = {
	0x0f, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
	0x01, 0x01, 0x0b, 0x05, 0x00 };
static const uint8_t algid_sha1_rsa[] = {
	0x0f, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
	0x01, 0x01, 0x05, 0x05, 0x00 };
static const uint8_t algid_ecdsa_sha256[] = {
	0x0c, 0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04,
	0x03, 0x02 };
static const uint8_t algid_ecdsa_sha384[] = {
	0x0c, 0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04,
	0x03, 0x03 };
static const uint8_t algid_ecdsa_sha512[] = {
	0x0c, 0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04,
	0x03, 0x04 };
/* RSASSA-PSS, SHA-256, MGF1 with SHA-256, salt 32 (DER by hand). */
static const uint8_t algid_pss_sha256[] = {
	0x43, 0x30, 0x41, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
	0x01, 0x01, 0x0a, 0x30, 0x34,
	0xa0, 0x0f, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65,
	0x03, 0x04, 0x02, 0x01, 0x05, 0x00,
	0xa1, 0x1c, 0x30, 0x1a, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7,
	0x0d, 0x01, 0x01, 0x08, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48,
	0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00,
	0xa2, 0x03, 0x02, 0x01, 0x20 };

struct peer {
	struct auth_certs *own;		/* its chain and key */
	struct auth_certs *trust;	/* root.pem and crl.pem */
	const uint8_t *der[4];
	size_t len[4], n;
	struct conf_identity id;	/* its fqdn */
};

static void peer_load(struct __test_metadata *_metadata, struct peer *p,
		      const char *ee)
{
	char cert[32], key[32], fqdn[64], err[256];

	snprintf(cert, sizeof(cert), "%s-chain.pem", ee);
	snprintf(key, sizeof(key), "%s.key", ee);
	snprintf(fqdn, sizeof(fqdn), "fqdn %s.vpn.example.com", ee);
	p->own = auth_certs_load(pki(cert), pki(key), NULL, NULL, err,
				 sizeof(err));
	ASSERT_NE(NULL, p->own) TH_LOG("%s", err);
	p->trust = auth_certs_load(NULL, NULL, pki("root.pem"), pki("crl.pem"),
				   err, sizeof(err));
	ASSERT_NE(NULL, p->trust) TH_LOG("%s", err);
	p->n = auth_certs_chain(p->own, p->der, p->len, 4);
	ASSERT_EQ(NULL, conf_identity_parse(fqdn, false, &p->id));
}

static void peer_free(struct peer *p)
{
	auth_certs_free(p->own);
	auth_certs_free(p->trust);
}

static int peer_verify(struct peer *p, uint8_t method, const uint8_t *auth,
		       size_t auth_len, const uint8_t *data, size_t data_len,
		       char *why, size_t why_len)
{
	why[0] = '\0';
	return auth_certs_verify(p->trust, p->der, p->len, p->n, &p->id,
				 method, auth, auth_len, data, data_len, why,
				 why_len);
}

static size_t read_all(const char *path, uint8_t *buf, size_t cap)
{
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(buf, 1, cap, f) : 0;

	if (f)
		fclose(f);
	return n;
}

static void write_all(const char *path, const uint8_t *buf, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (f) {
		fwrite(buf, 1, len, f);
		fclose(f);
	}
}

/* Runs an openssl command line; 0 when it succeeded. */
static int run(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	return system(cmd);
}

/* The known answers need the openssl command (package openssl). */
#define NEED_OPENSSL_COMMAND()						\
	do {								\
		if (system("command -v openssl >/dev/null 2>&1"))	\
			SKIP(return, "no openssl command");		\
	} while (0)

TEST(round_trip_every_method)
{
	static const struct {
		const char *ee;
		bool rfc7427;
		uint8_t method;
		size_t len;	/* 0: RSA-2048 (256) plus any AlgorithmIdentifier */
	} cases[] = {
		{ "rsa", false, 1, 256 },
		{ "p256", false, 9, 64 },
		{ "p384", false, 10, 96 },
		{ "p521", false, 11, 132 },
		{ "rsa", true, 14, 16 + 256 },
		{ "p256", true, 14, 0 },
		{ "p384", true, 14, 0 },
		{ "p521", true, 14, 0 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint8_t auth[AUTH_CERTS_SIG_MAX], method = 0;
		uint8_t changed[sizeof(octets)];
		char why[256];
		size_t len;
		struct peer p;

		peer_load(_metadata, &p, cases[i].ee);
		ASSERT_EQ(0, auth_certs_sign(p.own, cases[i].rfc7427, octets,
					     sizeof(octets), &method, auth,
					     sizeof(auth), &len));
		EXPECT_EQ(cases[i].method, method);
		if (cases[i].len)
			EXPECT_EQ(cases[i].len, len);
		EXPECT_EQ(0, peer_verify(&p, method, auth, len, octets,
					 sizeof(octets), why, sizeof(why)))
			TH_LOG("%s method %u: %s", cases[i].ee, method, why);

		/* one flipped octet in the signed data, then in AUTH */
		memcpy(changed, octets, sizeof(octets));
		changed[7] ^= 0x01;
		EXPECT_EQ(-1, peer_verify(&p, method, auth, len, changed,
					  sizeof(changed), why, sizeof(why)));
		EXPECT_STREQ("signature does not verify", why);
		auth[len - 1] ^= 0x80;
		EXPECT_EQ(-1, peer_verify(&p, method, auth, len, octets,
					  sizeof(octets), why, sizeof(why)));
		/* and truncated */
		auth[len - 1] ^= 0x80;
		EXPECT_EQ(-1, peer_verify(&p, method, auth, len - 1, octets,
					  sizeof(octets), why, sizeof(why)));
		peer_free(&p);
	}
	EXPECT_EQ(0, leaks_found());
}

TEST(rfc7427_algorithm_identifiers)
{
	static const struct {
		const char *ee;
		const uint8_t *algid;
		size_t len;
	} cases[] = {
		{ "rsa", algid_sha256_rsa, sizeof(algid_sha256_rsa) },
		{ "p256", algid_ecdsa_sha256, sizeof(algid_ecdsa_sha256) },
		{ "p384", algid_ecdsa_sha384, sizeof(algid_ecdsa_sha384) },
		{ "p521", algid_ecdsa_sha512, sizeof(algid_ecdsa_sha512) },
	};

	for (size_t i = 0; i < 4; i++) {
		uint8_t auth[AUTH_CERTS_SIG_MAX], method;
		size_t len;
		struct peer p;

		peer_load(_metadata, &p, cases[i].ee);
		ASSERT_EQ(0, auth_certs_sign(p.own, true, octets,
					     sizeof(octets), &method, auth,
					     sizeof(auth), &len));
		ASSERT_LT(cases[i].len, len);
		EXPECT_EQ(0, memcmp(cases[i].algid, auth, cases[i].len))
			TH_LOG("%s", cases[i].ee);
		peer_free(&p);
	}
	EXPECT_EQ(0, leaks_found());
}

TEST(sign_needs_a_key_and_room)
{
	uint8_t auth[AUTH_CERTS_SIG_MAX], method;
	size_t len;
	char err[256];
	struct auth_certs *no_key = auth_certs_load(pki("p256.pem"), NULL,
						    NULL, NULL, err,
						    sizeof(err));
	struct peer p;

	ASSERT_NE(NULL, no_key) TH_LOG("%s", err);
	EXPECT_EQ(-1, auth_certs_sign(no_key, false, octets, sizeof(octets),
				      &method, auth, sizeof(auth), &len));
	auth_certs_free(no_key);
	peer_load(_metadata, &p, "p256");
	EXPECT_EQ(-1, auth_certs_sign(p.own, false, octets, sizeof(octets),
				      &method, auth, 63, &len));
	EXPECT_EQ(-1, auth_certs_sign(p.own, true, octets, sizeof(octets),
				      &method, auth, 20, &len));
	peer_free(&p);
	EXPECT_EQ(0, leaks_found());
}

/* RSA PKCS#1 v1.5 is deterministic: our bytes must be openssl's. */
TEST(known_answer_rsa_pkcs1_from_openssl)
{
	uint8_t auth[AUTH_CERTS_SIG_MAX], expect[512], method;
	size_t len, n;
	struct peer p;

	NEED_OPENSSL_COMMAND();

	peer_load(_metadata, &p, "rsa");
	write_all(pki("kat-rsa.bin"), octets, sizeof(octets));
	ASSERT_EQ(0, run("openssl dgst -sha1 -sign %s -out %s %s",
			 pki("rsa.key"), pki("kat-rsa.sha1"),
			 pki("kat-rsa.bin")));
	ASSERT_EQ(0, run("openssl dgst -sha256 -sign %s -out %s %s",
			 pki("rsa.key"), pki("kat-rsa.sha256"),
			 pki("kat-rsa.bin")));

	/* method 1: SHA-1, no AlgorithmIdentifier */
	ASSERT_EQ(0, auth_certs_sign(p.own, false, octets, sizeof(octets),
				     &method, auth, sizeof(auth), &len));
	n = read_all(pki("kat-rsa.sha1"), expect, sizeof(expect));
	ASSERT_EQ(256, n);
	ASSERT_EQ(n, len);
	EXPECT_EQ(0, memcmp(expect, auth, n));

	/* method 14: sha256WithRSAEncryption, then the same signature */
	ASSERT_EQ(0, auth_certs_sign(p.own, true, octets, sizeof(octets),
				     &method, auth, sizeof(auth), &len));
	n = read_all(pki("kat-rsa.sha256"), expect, sizeof(expect));
	ASSERT_EQ(256, n);
	ASSERT_EQ(sizeof(algid_sha256_rsa) + n, len);
	EXPECT_EQ(0, memcmp(expect, auth + sizeof(algid_sha256_rsa), n));
	peer_free(&p);
	EXPECT_EQ(0, leaks_found());
}

/* ECDSA and RSASSA-PSS made by openssl verify in both AUTH forms. */
TEST(known_answer_openssl_signatures_verify)
{
	uint8_t sig[512], auth[AUTH_CERTS_SIG_MAX];
	const unsigned char *cursor;
	const BIGNUM *r, *s;
	ECDSA_SIG *ecdsa;
	char why[256];
	size_t n;
	struct peer p;

	NEED_OPENSSL_COMMAND();

	write_all(pki("kat.bin"), octets, sizeof(octets));

	/* P-384 with SHA-384: method 14 (DER) and method 10 (r||s) */
	peer_load(_metadata, &p, "p384");
	ASSERT_EQ(0, run("openssl dgst -sha384 -sign %s -out %s %s",
			 pki("p384.key"), pki("kat-p384.sig"), pki("kat.bin")));
	n = read_all(pki("kat-p384.sig"), sig, sizeof(sig));
	ASSERT_LT(0, n);
	memcpy(auth, algid_ecdsa_sha384, sizeof(algid_ecdsa_sha384));
	memcpy(auth + sizeof(algid_ecdsa_sha384), sig, n);
	EXPECT_EQ(0, peer_verify(&p, 14, auth, sizeof(algid_ecdsa_sha384) + n,
				 octets, sizeof(octets), why, sizeof(why)))
		TH_LOG("%s", why);
	cursor = sig;
	ecdsa = d2i_ECDSA_SIG(NULL, &cursor, (long)n);
	ASSERT_NE(NULL, ecdsa);
	ECDSA_SIG_get0(ecdsa, &r, &s);
	ASSERT_EQ(48, BN_bn2binpad(r, auth, 48));
	ASSERT_EQ(48, BN_bn2binpad(s, auth + 48, 48));
	ECDSA_SIG_free(ecdsa);
	EXPECT_EQ(0, peer_verify(&p, 10, auth, 96, octets, sizeof(octets),
				 why, sizeof(why)))
		TH_LOG("%s", why);
	peer_free(&p);

	/* RSASSA-PSS, SHA-256, MGF1-SHA-256, salt 32 */
	peer_load(_metadata, &p, "rsa");
	ASSERT_EQ(0, run("openssl dgst -sha256 -sign %s -sigopt rsa_padding_mode:pss "
			 "-sigopt rsa_pss_saltlen:32 -sigopt rsa_mgf1_md:sha256 -out %s %s",
			 pki("rsa.key"), pki("kat-pss.sig"), pki("kat.bin")));
	n = read_all(pki("kat-pss.sig"), sig, sizeof(sig));
	ASSERT_EQ(256, n);
	memcpy(auth, algid_pss_sha256, sizeof(algid_pss_sha256));
	memcpy(auth + sizeof(algid_pss_sha256), sig, n);
	EXPECT_EQ(0, peer_verify(&p, 14, auth, sizeof(algid_pss_sha256) + n,
				 octets, sizeof(octets), why, sizeof(why)))
		TH_LOG("%s", why);
	/* the same signature announced with salt 20 must fail */
	auth[sizeof(algid_pss_sha256) - 1] = 20;
	EXPECT_EQ(-1, peer_verify(&p, 14, auth, sizeof(algid_pss_sha256) + n,
				  octets, sizeof(octets), why, sizeof(why)));
	EXPECT_STREQ("signature does not verify", why);
	/* SHA-1 is refused in method 14, whatever the signature */
	memcpy(auth, algid_sha1_rsa, sizeof(algid_sha1_rsa));
	memcpy(auth + sizeof(algid_sha1_rsa), sig, n);
	EXPECT_EQ(-1, peer_verify(&p, 14, auth, sizeof(algid_sha1_rsa) + n,
				  octets, sizeof(octets), why, sizeof(why)));
	EXPECT_STREQ("SHA-1 is refused in a digital signature (method 14)",
		     why);
	peer_free(&p);
	EXPECT_EQ(0, leaks_found());
}

/* And the other way: openssl accepts what we sign. */
TEST(openssl_verifies_our_signatures)
{
	static const char *const ee[] = { "rsa", "p256", "p384", "p521" };
	static const char *const md[] = { "sha256", "sha256", "sha384",
					  "sha512" };

	NEED_OPENSSL_COMMAND();

	write_all(pki("ours.bin"), octets, sizeof(octets));
	for (size_t i = 0; i < 4; i++) {
		uint8_t auth[AUTH_CERTS_SIG_MAX], method;
		char cert[32];
		size_t len;
		struct peer p;

		peer_load(_metadata, &p, ee[i]);
		ASSERT_EQ(0, auth_certs_sign(p.own, true, octets,
					     sizeof(octets), &method, auth,
					     sizeof(auth), &len));
		/* the signature follows the AlgorithmIdentifier */
		write_all(pki("ours.sig"), auth + 1 + auth[0],
			  len - 1 - auth[0]);
		snprintf(cert, sizeof(cert), "%s.pem", ee[i]);
		ASSERT_EQ(0, run("openssl x509 -in %s -pubkey -noout > %s",
				 pki(cert), pki("ours.pub")));
		EXPECT_EQ(0, run("openssl dgst -%s -verify %s -signature %s %s >/dev/null",
				 md[i], pki("ours.pub"), pki("ours.sig"),
				 pki("ours.bin")))
			TH_LOG("%s", ee[i]);
		peer_free(&p);
	}
	EXPECT_EQ(0, leaks_found());
}

TEST(method_must_fit_the_key)
{
	uint8_t auth[AUTH_CERTS_SIG_MAX], method;
	char why[256];
	size_t len;
	struct peer p;

	peer_load(_metadata, &p, "p256");
	ASSERT_EQ(0, auth_certs_sign(p.own, false, octets, sizeof(octets),
				     &method, auth, sizeof(auth), &len));
	EXPECT_EQ(-1, peer_verify(&p, 1, auth, len, octets, sizeof(octets),
				  why, sizeof(why)));
	EXPECT_STREQ("AUTH method 1 (RSA) but the certificate's key is not RSA",
		     why);
	EXPECT_EQ(-1, peer_verify(&p, 10, auth, len, octets, sizeof(octets),
				  why, sizeof(why)));
	EXPECT_STREQ("AUTH method 10 but the certificate's key is not ECDSA on its curve",
		     why);
	EXPECT_EQ(-1, peer_verify(&p, 9, auth, len - 1, octets,
				  sizeof(octets), why, sizeof(why)));
	EXPECT_STREQ("ECDSA signature of 63 octets, 64 expected", why);
	EXPECT_EQ(-1, peer_verify(&p, 2, auth, len, octets, sizeof(octets),
				  why, sizeof(why)));
	EXPECT_STREQ("AUTH method 2 is not a certificate method", why);
	/* an RSA AlgorithmIdentifier before an ECDSA signature */
	memcpy(auth, algid_sha256_rsa, sizeof(algid_sha256_rsa));
	EXPECT_EQ(-1, peer_verify(&p, 14, auth, 100, octets, sizeof(octets),
				  why, sizeof(why)));
	EXPECT_STREQ("signature algorithm does not match the certificate's key",
		     why);
	/* a length octet pointing past the data */
	auth[0] = 200;
	EXPECT_EQ(-1, peer_verify(&p, 14, auth, 100, octets, sizeof(octets),
				  why, sizeof(why)));
	EXPECT_STREQ("AUTH data shorter than its AlgorithmIdentifier", why);
	EXPECT_EQ(-1, peer_verify(&p, 14, auth, 0, octets, sizeof(octets),
				  why, sizeof(why)));
	/* a length octet cutting the AlgorithmIdentifier short */
	memcpy(auth, algid_ecdsa_sha256, sizeof(algid_ecdsa_sha256));
	auth[0] = 11;
	EXPECT_EQ(-1, peer_verify(&p, 14, auth, 100, octets, sizeof(octets),
				  why, sizeof(why)));
	EXPECT_STREQ("malformed AlgorithmIdentifier in AUTH", why);
	peer_free(&p);
	EXPECT_EQ(0, leaks_found());
}

TEST_HARNESS_MAIN
