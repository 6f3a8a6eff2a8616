/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A small PKI built at test time with the OpenSSL API, in a temporary
 * directory, before the harness runs any test (each test then runs in
 * a child that inherits the paths):
 *
 *   root (P-256) -> inter (P-256) -> rsa (RSA-2048), p256, p384, p521,
 *                                    expired, revoked (serial 666)
 *   other-root (P-256): a trust anchor that signed none of them
 *
 * Each end entity "X" has X.key, X.pem (itself) and X-chain.pem (itself
 * and inter), subject C=US, O=vgate test, CN=X.vpn.example.com and
 * subjectAltNames DNS:X.vpn.example.com, email:X@example.com and an
 * IPv4 and an IPv6 address (pki_ipv4/pki_ipv6).  CRLs: crl.pem (root's,
 * empty, and inter's, revoking 666), crl-root-only.pem, crl-inter.der,
 * crl-stale.pem (root's, and inter's past its nextUpdate).
 */
#ifndef VGATE_TEST_AUTH_CERT_PKI_H
#define VGATE_TEST_AUTH_CERT_PKI_H

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#define PKI_REVOKED_SERIAL	666

static char pki_dir[64];

/* DIR/NAME; a few results may be alive at once. */
static const char *pki(const char *name)
{
	static char buf[8][128];
	static int next;
	char *p = buf[next++ % 8];

	snprintf(p, 128, "%s/%s", pki_dir, name);
	return p;
}

static FILE *pki_create(const char *name, const char *mode)
{
	FILE *f = fopen(pki(name), mode);

	if (!f) {
		perror(pki(name));
		abort();
	}
	return f;
}

static void pki_check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "test PKI: %s failed\n", what);
		abort();
	}
}

/* "rsa", "rsa1024" or a curve name such as "P-256". */
static EVP_PKEY *pki_key(const char *kind)
{
	EVP_PKEY *key;

	if (!strcmp(kind, "rsa"))
		key = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048);
	else if (!strcmp(kind, "rsa1024"))
		key = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)1024);
	else
		key = EVP_PKEY_Q_keygen(NULL, NULL, "EC", kind);
	pki_check(key != NULL, kind);
	return key;
}

static void pki_ext(X509 *x, X509V3_CTX *ctx, int nid, const char *value)
{
	X509_EXTENSION *ext = X509V3_EXT_conf_nid(NULL, ctx, nid, value);

	pki_check(ext && X509_add_ext(x, ext, -1), value);
	X509_EXTENSION_free(ext);
}

/*
 * A certificate for KEY named CN, signed by ISSUER's key (self-signed
 * when ISSUER is NULL), valid from FROM to TO days from now.
 */
static X509 *pki_cert(X509 *issuer, EVP_PKEY *issuer_key, EVP_PKEY *key,
		      const char *cn, long serial, long from, long to, bool ca,
		      const char *san)
{
	X509 *x = X509_new();
	X509_NAME *name = X509_NAME_new();
	X509V3_CTX ctx;

	pki_check(x && name, "X509_new");
	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), serial);
	X509_NAME_add_entry_by_txt(name, "C", MBSTRING_ASC,
				   (const unsigned char *)"US", -1, -1, 0);
	X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
				   (const unsigned char *)"vgate test", -1, -1, 0);
	X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
				   (const unsigned char *)cn, -1, -1, 0);
	X509_set_subject_name(x, name);
	X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : name);
	X509_NAME_free(name);
	X509_time_adj_ex(X509_getm_notBefore(x), (int)from, 0, NULL);
	X509_time_adj_ex(X509_getm_notAfter(x), (int)to, 0, NULL);
	X509_set_pubkey(x, key);
	X509V3_set_ctx(&ctx, issuer ? issuer : x, x, NULL, NULL, 0);
	pki_ext(x, &ctx, NID_basic_constraints,
		ca ? "critical,CA:TRUE" : "CA:FALSE");
	pki_ext(x, &ctx, NID_key_usage, ca ? "critical,keyCertSign,cRLSign" :
					     "critical,digitalSignature");
	pki_ext(x, &ctx, NID_subject_key_identifier, "hash");
	pki_ext(x, &ctx, NID_authority_key_identifier, "keyid:always");
	if (san)
		pki_ext(x, &ctx, NID_subject_alt_name, san);
	pki_check(X509_sign(x, issuer_key, EVP_sha256()) > 0, cn);
	return x;
}

/* A CRL revoking REVOKED (0: none), due again in NEXT_DAYS days. */
static X509_CRL *pki_crl(X509 *issuer, EVP_PKEY *key, long revoked,
			 int next_days)
{
	X509_CRL *crl = X509_CRL_new();
	ASN1_TIME *now = X509_time_adj_ex(NULL, next_days < 0 ? -30 : 0, 0,
					  NULL);
	ASN1_TIME *next = X509_time_adj_ex(NULL, next_days, 0, NULL);

	pki_check(crl && now && next, "X509_CRL_new");
	X509_CRL_set_version(crl, 1);
	X509_CRL_set_issuer_name(crl, X509_get_subject_name(issuer));
	X509_CRL_set1_lastUpdate(crl, now);
	X509_CRL_set1_nextUpdate(crl, next);
	if (revoked) {
		X509_REVOKED *r = X509_REVOKED_new();
		ASN1_INTEGER *serial = ASN1_INTEGER_new();

		ASN1_INTEGER_set(serial, revoked);
		X509_REVOKED_set_serialNumber(r, serial);
		X509_REVOKED_set_revocationDate(r, now);
		X509_CRL_add0_revoked(crl, r);
		ASN1_INTEGER_free(serial);
	}
	X509_CRL_sort(crl);
	pki_check(X509_CRL_sign(crl, key, EVP_sha256()) > 0, "CRL");
	ASN1_TIME_free(now);
	ASN1_TIME_free(next);
	return crl;
}

static void pki_write_certs(const char *name, X509 *a, X509 *b)
{
	FILE *f = pki_create(name, "w");

	pki_check(PEM_write_X509(f, a) && (!b || PEM_write_X509(f, b)), name);
	fclose(f);
}

static void pki_write_key(const char *name, EVP_PKEY *key)
{
	FILE *f = pki_create(name, "w");

	pki_check(PEM_write_PrivateKey(f, key, NULL, NULL, 0, NULL, NULL),
		  name);
	fclose(f);
}

/* The address each end entity has in its subjectAltName. */
static const char *pki_ipv4(const char *ee)
{
	return !strcmp(ee, "rsa") ? "192.0.2.10" :
	       !strcmp(ee, "p256") ? "192.0.2.11" :
	       !strcmp(ee, "p384") ? "192.0.2.12" :
	       !strcmp(ee, "p521") ? "192.0.2.13" : "192.0.2.14";
}

static const char *pki_ipv6(const char *ee)
{
	return !strcmp(ee, "rsa") ? "2001:db8::10" :
	       !strcmp(ee, "p256") ? "2001:db8::11" :
	       !strcmp(ee, "p384") ? "2001:db8::12" :
	       !strcmp(ee, "p521") ? "2001:db8::13" : "2001:db8::14";
}

static void pki_end_entity(X509 *inter, EVP_PKEY *inter_key, const char *ee,
			   const char *kind, long serial, long from, long to)
{
	EVP_PKEY *key = pki_key(kind);
	char cn[64], san[256], file[32];
	X509 *x;

	snprintf(cn, sizeof(cn), "%s.vpn.example.com", ee);
	snprintf(san, sizeof(san), "DNS:%s,email:%s@example.com,IP:%s,IP:%s",
		 cn, ee, pki_ipv4(ee), pki_ipv6(ee));
	x = pki_cert(inter, inter_key, key, cn, serial, from, to, false, san);
	snprintf(file, sizeof(file), "%s.key", ee);
	pki_write_key(file, key);
	snprintf(file, sizeof(file), "%s.pem", ee);
	pki_write_certs(file, x, NULL);
	snprintf(file, sizeof(file), "%s-chain.pem", ee);
	pki_write_certs(file, x, inter);
	X509_free(x);
	EVP_PKEY_free(key);
}

__attribute__((constructor)) static void pki_build(void)
{
	EVP_PKEY *root_key = pki_key("P-256"), *inter_key = pki_key("P-256");
	EVP_PKEY *other_key = pki_key("P-256"), *weak = pki_key("rsa1024");
	X509 *root, *inter, *other;
	X509_CRL *root_crl, *inter_crl, *stale_crl;
	FILE *f;

	snprintf(pki_dir, sizeof(pki_dir), "/tmp/vgate-auth-cert-XXXXXX");
	pki_check(mkdtemp(pki_dir) != NULL, "mkdtemp");
	root = pki_cert(NULL, root_key, root_key, "vgate test root", 1, -1,
			3650, true, NULL);
	inter = pki_cert(root, root_key, inter_key, "vgate test intermediate",
			 2, -1, 3650, true, NULL);
	other = pki_cert(NULL, other_key, other_key, "vgate other root", 3, -1,
			 3650, true, NULL);
	pki_write_certs("root.pem", root, NULL);
	pki_write_key("root.key", root_key);
	pki_write_certs("inter.pem", inter, NULL);
	pki_write_certs("other-root.pem", other, NULL);
	pki_write_certs("anchors2.pem", root, other);
	pki_write_key("weak.key", weak);

	pki_end_entity(inter, inter_key, "rsa", "rsa", 100, -1, 365);
	pki_end_entity(inter, inter_key, "p256", "P-256", 101, -1, 365);
	pki_end_entity(inter, inter_key, "p384", "P-384", 102, -1, 365);
	pki_end_entity(inter, inter_key, "p521", "P-521", 103, -1, 365);
	pki_end_entity(inter, inter_key, "expired", "P-256", 104, -30, -1);
	pki_end_entity(inter, inter_key, "revoked", "P-256",
		       PKI_REVOKED_SERIAL, -1, 365);

	root_crl = pki_crl(root, root_key, 0, 30);
	inter_crl = pki_crl(inter, inter_key, PKI_REVOKED_SERIAL, 30);
	f = pki_create("crl.pem", "w");
	pki_check(PEM_write_X509_CRL(f, root_crl) &&
		  PEM_write_X509_CRL(f, inter_crl), "crl.pem");
	fclose(f);
	stale_crl = pki_crl(inter, inter_key, 0, -1);
	f = pki_create("crl-stale.pem", "w");
	pki_check(PEM_write_X509_CRL(f, root_crl) &&
		  PEM_write_X509_CRL(f, stale_crl), "crl-stale.pem");
	fclose(f);
	X509_CRL_free(stale_crl);
	f = pki_create("crl-root-only.pem", "w");
	pki_check(PEM_write_X509_CRL(f, root_crl), "crl-root-only.pem");
	fclose(f);
	f = pki_create("crl-inter.der", "wb");
	pki_check(i2d_X509_CRL_fp(f, inter_crl), "crl-inter.der");
	fclose(f);
	f = pki_create("garbage.pem", "w");
	fputs("this is not PEM\n", f);
	fclose(f);

	X509_CRL_free(root_crl);
	X509_CRL_free(inter_crl);
	X509_free(root);
	X509_free(inter);
	X509_free(other);
	EVP_PKEY_free(root_key);
	EVP_PKEY_free(inter_key);
	EVP_PKEY_free(other_key);
	EVP_PKEY_free(weak);
}

/*
 * Only the harness's parent gets here (the test children _exit()), so
 * it also removes what the tests wrote into the directory.
 */
__attribute__((destructor)) static void pki_remove(void)
{
	DIR *d = pki_dir[0] ? opendir(pki_dir) : NULL;
	struct dirent *e;

	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.')
			unlink(pki(e->d_name));
	if (d)
		closedir(d);
	if (pki_dir[0])
		rmdir(pki_dir);
}

#endif
