/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Shared by the daemon/auth/cert*.c files only. */
#ifndef VGATE_AUTH_CERT_INTERNAL_H
#define VGATE_AUTH_CERT_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "auth/cert.h"

struct auth_certs {
	/* ours; n_chain 0 without a certificate */
	size_t n_chain;
	X509 *chain[AUTH_CERTS_CHAIN_MAX];
	uint8_t *chain_der[AUTH_CERTS_CHAIN_MAX];
	size_t chain_der_len[AUTH_CERTS_CHAIN_MAX];
	EVP_PKEY *key;			/* NULL: cannot sign */
	/* theirs: NULL without trust anchors */
	X509_STORE *store;
	STACK_OF(X509) *anchors;	/* for CERTREQ */
};

/* What signs: the key kind and, for ECDSA, the curve's AUTH method. */
enum cert_key_kind {
	CERT_KEY_OTHER,
	CERT_KEY_RSA,
	CERT_KEY_P256,
	CERT_KEY_P384,
	CERT_KEY_P521,
};

enum cert_key_kind cert_key_kind(EVP_PKEY *key);

/* The RFC 4754 method (9, 10, 11) of an ECDSA kind, its hash and the
 * size of r and s; 0 / NULL for RSA.
 */
uint8_t cert_ecdsa_method(enum cert_key_kind kind);
const EVP_MD *cert_ecdsa_md(enum cert_key_kind kind);
size_t cert_ecdsa_half(enum cert_key_kind kind);

/* DER ECDSA-Sig-Value <-> r||s with HALF octets each.  0 or -1. */
int cert_ecdsa_der_to_raw(const uint8_t *der, size_t der_len, size_t half,
			  uint8_t *raw);
int cert_ecdsa_raw_to_der(const uint8_t *raw, size_t half, uint8_t **der,
			  size_t *der_len);

/*
 * RFC 7427 signature algorithms: how to sign or check with an
 * AlgorithmIdentifier.
 */
enum cert_sig_scheme {
	CERT_SIG_RSA_PKCS1,
	CERT_SIG_RSA_PSS,
	CERT_SIG_ECDSA,
};

struct cert_sig_alg {
	enum cert_sig_scheme scheme;
	const EVP_MD *md;
	const EVP_MD *mgf1_md;		/* PSS */
	int salt_len;			/* PSS */
};

/* DER AlgorithmIdentifier for our signatures with KIND, into OUT. */
int cert_algid_encode(enum cert_key_kind kind, uint8_t *out, size_t cap,
		      size_t *len);

/* Parses a peer's AlgorithmIdentifier; -1 with why not in WHY. */
int cert_algid_parse(const uint8_t *der, size_t len, struct cert_sig_alg *alg,
		     char *why, size_t why_len);

/* Plain signature check with PKEY; 0 when it verifies. */
int cert_sig_check(EVP_PKEY *pkey, const struct cert_sig_alg *alg,
		   const uint8_t *sig, size_t sig_len, const uint8_t *octets,
		   size_t octets_len);

/* Whether ID is proven by CERT; -1 with the reason in WHY. */
int cert_id_check(X509 *cert, const struct conf_identity *id, char *why,
		  size_t why_len);

/* "C=US, O=Example, CN=vpn" of NAME into BUF (for messages). */
void cert_name_format(const X509_NAME *name, char *buf, size_t size);

/* snprintf into BUF, then ": " and OpenSSL's oldest queued error if
 * there is one; the error queue is cleared.
 */
void cert_fail(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
