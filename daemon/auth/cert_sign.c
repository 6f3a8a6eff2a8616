// SPDX-License-Identifier: GPL-2.0-or-later
/* Our AUTH payload: RFC 7296 §2.15 methods 1, 9-11 and RFC 7427's 14. */
#include <stdlib.h>
#include <string.h>

#include <openssl/rsa.h>

#include "auth/cert_internal.h"
#include "ike/codec_constants.h"

size_t auth_certs_hash_algorithms(uint8_t *out, size_t cap)
{
	/* RFC 7427 §7: SHA2-256 (2), SHA2-384 (3), SHA2-512 (4) */
	static const uint8_t ids[] = { 0, 2, 0, 3, 0, 4 };

	if (cap < sizeof(ids))
		return 0;
	memcpy(out, ids, sizeof(ids));
	return sizeof(ids);
}

/* A signature with KEY over OCTETS, DER for ECDSA, into a new buffer. */
static uint8_t *sign_raw(EVP_PKEY *key, const EVP_MD *md,
			 const uint8_t *octets, size_t len, size_t *sig_len)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	EVP_PKEY_CTX *pctx;
	uint8_t *sig = NULL;
	size_t n = 0;

	if (!ctx || EVP_DigestSignInit(ctx, &pctx, md, NULL, key) != 1)
		goto out;
	if (EVP_PKEY_is_a(key, "RSA") &&
	    EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) != 1)
		goto out;
	if (EVP_DigestSign(ctx, NULL, &n, octets, len) != 1)
		goto out;
	sig = OPENSSL_malloc(n);
	if (sig && EVP_DigestSign(ctx, sig, &n, octets, len) != 1) {
		OPENSSL_free(sig);
		sig = NULL;
	}
	*sig_len = n;
out:
	EVP_MD_CTX_free(ctx);
	return sig;
}

int auth_certs_sign(const struct auth_certs *ac, bool rfc7427,
		    const uint8_t *octets, size_t len, uint8_t *method,
		    uint8_t *out, size_t cap, size_t *out_len)
{
	enum cert_key_kind kind = cert_key_kind(ac ? ac->key : NULL);
	const EVP_MD *md;
	size_t algid_len = 0, sig_len, half = cert_ecdsa_half(kind);
	uint8_t *sig;
	int ret = -1;

	if (kind == CERT_KEY_OTHER)
		return -1;
	if (rfc7427) {
		/* one length octet, then the AlgorithmIdentifier */
		if (cap < 1 ||
		    cert_algid_encode(kind, out + 1, cap - 1, &algid_len) < 0 ||
		    algid_len > 255)
			return -1;
		out[0] = (uint8_t)algid_len;
		algid_len++;
		md = kind == CERT_KEY_RSA ? EVP_sha256() : cert_ecdsa_md(kind);
		*method = IKEV2_AUTH_METHOD_DIGITAL_SIGNATURE;
	} else if (kind == CERT_KEY_RSA) {
		md = EVP_sha1();	/* method 1 is defined with SHA-1 */
		*method = IKEV2_AUTH_METHOD_RSA_DIGITAL_SIGNATURE;
	} else {
		md = cert_ecdsa_md(kind);
		*method = cert_ecdsa_method(kind);
	}
	sig = sign_raw(ac->key, md, octets, len, &sig_len);
	if (!sig)
		return -1;
	if (!rfc7427 && kind != CERT_KEY_RSA) {
		/* RFC 4754: r and s, each as long as the field */
		if (2 * half <= cap &&
		    cert_ecdsa_der_to_raw(sig, sig_len, half, out) == 0) {
			*out_len = 2 * half;
			ret = 0;
		}
	} else if (algid_len + sig_len <= cap) {
		memcpy(out + algid_len, sig, sig_len);
		*out_len = algid_len + sig_len;
		ret = 0;
	}
	OPENSSL_free(sig);
	return ret;
}
