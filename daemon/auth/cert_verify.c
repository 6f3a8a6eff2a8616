// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Checking a peer's certificates, identity and AUTH payload, in that
 * order: the signature means nothing until the key is known to be
 * the identity's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/x509_vfy.h>

#include "auth/cert_internal.h"
#include "ike/codec_constants.h"

/* The reason OpenSSL's chain verification gave, for the log. */
static void chain_error(X509_STORE_CTX *ctx, char *why, size_t why_len)
{
	int err = X509_STORE_CTX_get_error(ctx);
	X509 *at = X509_STORE_CTX_get_current_cert(ctx);
	const char *text = X509_verify_cert_error_string(err);
	char subject[300] = "?";

	if (at)
		cert_name_format(X509_get_subject_name(at), subject,
				 sizeof(subject));
	switch (err) {
	case X509_V_ERR_CERT_REVOKED:
		snprintf(why, why_len, "certificate revoked: %s", subject);
		break;
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
	case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
	case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
	case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
	case X509_V_ERR_CERT_UNTRUSTED:
		snprintf(why, why_len, "chain does not lead to a trust anchor: %s (at %s)",
			 text, subject);
		break;
	case X509_V_ERR_UNABLE_TO_GET_CRL:
		snprintf(why, why_len, "no CRL from the issuer of %s", subject);
		break;
	case X509_V_ERR_CRL_HAS_EXPIRED:
	case X509_V_ERR_CRL_NOT_YET_VALID:
	case X509_V_ERR_CRL_SIGNATURE_FAILURE:
	case X509_V_ERR_UNABLE_TO_DECRYPT_CRL_SIGNATURE:
		snprintf(why, why_len, "%s: the one from the issuer of %s",
			 text, subject);
		break;
	case X509_V_ERR_CERT_HAS_EXPIRED:
		snprintf(why, why_len, "certificate expired: %s", subject);
		break;
	default:
		snprintf(why, why_len, "certificate %s rejected: %s", subject,
			 text);
	}
}

static int verify_chain(const struct auth_certs *trust, X509 *leaf,
			STACK_OF(X509) *untrusted, char *why, size_t why_len)
{
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	int ret = -1;

	if (!ctx ||
	    !X509_STORE_CTX_init(ctx, trust->store, leaf, untrusted)) {
		cert_fail(why, why_len, "cannot verify the chain");
		X509_STORE_CTX_free(ctx);
		return -1;
	}
	if (X509_verify_cert(ctx) == 1)
		ret = 0;
	else
		chain_error(ctx, why, why_len);
	X509_STORE_CTX_free(ctx);
	return ret;
}

/* The AUTH payload: its method says how the signature is made. */
static int verify_auth(EVP_PKEY *pkey, uint8_t method, const uint8_t *data,
		       size_t len, const uint8_t *octets, size_t octets_len,
		       char *why, size_t why_len)
{
	enum cert_key_kind kind = cert_key_kind(pkey);
	struct cert_sig_alg alg = { .scheme = CERT_SIG_RSA_PKCS1 };
	uint8_t *der = NULL;
	size_t der_len;
	int ret;

	switch (method) {
	case IKEV2_AUTH_METHOD_RSA_DIGITAL_SIGNATURE:
		if (kind != CERT_KEY_RSA) {
			snprintf(why, why_len, "AUTH method 1 (RSA) but the certificate's key is not RSA");
			return -1;
		}
		alg.md = EVP_sha1();
		break;
	case IKEV2_AUTH_METHOD_ECDSA_SHA_256_P_256:
	case IKEV2_AUTH_METHOD_ECDSA_SHA_384_P_384:
	case IKEV2_AUTH_METHOD_ECDSA_SHA_512_P_521:
		if (cert_ecdsa_method(kind) != method) {
			snprintf(why, why_len, "AUTH method %u but the certificate's key is not ECDSA on its curve",
				 method);
			return -1;
		}
		if (len != 2 * cert_ecdsa_half(kind)) {
			snprintf(why, why_len, "ECDSA signature of %zu octets, %zu expected",
				 len, 2 * cert_ecdsa_half(kind));
			return -1;
		}
		if (cert_ecdsa_raw_to_der(data, cert_ecdsa_half(kind), &der,
					  &der_len) < 0) {
			snprintf(why, why_len, "cannot convert the ECDSA signature");
			return -1;
		}
		alg.scheme = CERT_SIG_ECDSA;
		alg.md = cert_ecdsa_md(kind);
		ret = cert_sig_check(pkey, &alg, der, der_len, octets,
				     octets_len);
		OPENSSL_free(der);
		if (ret < 0)
			snprintf(why, why_len, "signature does not verify");
		return ret;
	case IKEV2_AUTH_METHOD_DIGITAL_SIGNATURE:
		if (len < 1 || (size_t)data[0] + 1 > len) {
			snprintf(why, why_len, "AUTH data shorter than its AlgorithmIdentifier");
			return -1;
		}
		if (cert_algid_parse(data + 1, data[0], &alg, why, why_len) < 0)
			return -1;
		if ((alg.scheme == CERT_SIG_ECDSA) != (kind != CERT_KEY_RSA)) {
			snprintf(why, why_len, "signature algorithm does not match the certificate's key");
			return -1;
		}
		len -= (size_t)data[0] + 1;
		data += (size_t)data[0] + 1;
		break;
	default:
		snprintf(why, why_len, "AUTH method %u is not a certificate method",
			 method);
		return -1;
	}
	if (cert_sig_check(pkey, &alg, data, len, octets, octets_len) < 0) {
		snprintf(why, why_len, "signature does not verify");
		return -1;
	}
	return 0;
}

int auth_certs_verify(const struct auth_certs *trust,
		      const uint8_t *const *certs, const size_t *lens, size_t n,
		      const struct conf_identity *id, uint8_t method,
		      const uint8_t *auth_data, size_t auth_len,
		      const uint8_t *octets, size_t octets_len,
		      char *why, size_t why_len)
{
	STACK_OF(X509) *untrusted = NULL;
	X509 *leaf = NULL;
	int ret = -1;

	ERR_clear_error();
	if (!trust || !trust->store) {
		snprintf(why, why_len, "no trust anchor configured");
		return -1;
	}
	if (n == 0 || n > AUTH_CERTS_CHAIN_MAX) {
		snprintf(why, why_len, "%zu certificates from the peer, 1 to %d accepted",
			 n, AUTH_CERTS_CHAIN_MAX);
		return -1;
	}
	untrusted = sk_X509_new_null();
	for (size_t i = 0; untrusted && i < n; i++) {
		const unsigned char *p = certs[i];
		X509 *x = d2i_X509(NULL, &p, (long)lens[i]);

		if (!x || p != certs[i] + lens[i]) {
			X509_free(x);
			cert_fail(why, why_len, "certificate %zu from the peer is malformed",
				  i + 1);
			goto out;
		}
		if (i == 0)
			leaf = x;
		else if (!sk_X509_push(untrusted, x)) {
			X509_free(x);
			goto out;
		}
	}
	if (!untrusted) {
		snprintf(why, why_len, "out of memory");
		goto out;
	}
	if (verify_chain(trust, leaf, untrusted, why, why_len) == 0 &&
	    cert_id_check(leaf, id, why, why_len) == 0 &&
	    verify_auth(X509_get0_pubkey(leaf), method, auth_data, auth_len,
			octets, octets_len, why, why_len) == 0)
		ret = 0;
out:
	X509_free(leaf);
	sk_X509_pop_free(untrusted, X509_free);
	ERR_clear_error();
	return ret;
}
