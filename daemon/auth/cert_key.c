// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Key kinds and the ECDSA signature forms: DER (X.509, RFC 7427) and
 * r||s with fixed-size halves (RFC 4754, methods 9-11).
 */
#include <string.h>

#include <openssl/ec.h>
#include <openssl/objects.h>

#include "auth/cert_internal.h"

enum cert_key_kind cert_key_kind(EVP_PKEY *key)
{
	char group[64];

	if (!key)
		return CERT_KEY_OTHER;
	if (EVP_PKEY_is_a(key, "RSA"))
		return CERT_KEY_RSA;
	if (!EVP_PKEY_is_a(key, "EC") ||
	    !EVP_PKEY_get_group_name(key, group, sizeof(group), NULL))
		return CERT_KEY_OTHER;
	switch (OBJ_txt2nid(group)) {
	case NID_X9_62_prime256v1:
		return CERT_KEY_P256;
	case NID_secp384r1:
		return CERT_KEY_P384;
	case NID_secp521r1:
		return CERT_KEY_P521;
	default:
		return CERT_KEY_OTHER;
	}
}

uint8_t cert_ecdsa_method(enum cert_key_kind kind)
{
	switch (kind) {
	case CERT_KEY_P256:
		return 9;
	case CERT_KEY_P384:
		return 10;
	case CERT_KEY_P521:
		return 11;
	default:
		return 0;
	}
}

const EVP_MD *cert_ecdsa_md(enum cert_key_kind kind)
{
	switch (kind) {
	case CERT_KEY_P256:
		return EVP_sha256();
	case CERT_KEY_P384:
		return EVP_sha384();
	case CERT_KEY_P521:
		return EVP_sha512();
	default:
		return NULL;
	}
}

size_t cert_ecdsa_half(enum cert_key_kind kind)
{
	switch (kind) {
	case CERT_KEY_P256:
		return 32;
	case CERT_KEY_P384:
		return 48;
	case CERT_KEY_P521:
		return 66;
	default:
		return 0;
	}
}

int cert_ecdsa_der_to_raw(const uint8_t *der, size_t der_len, size_t half,
			  uint8_t *raw)
{
	const unsigned char *p = der;
	ECDSA_SIG *sig = d2i_ECDSA_SIG(NULL, &p, (long)der_len);
	const BIGNUM *r, *s;
	int ret = -1;

	if (!sig)
		return -1;
	ECDSA_SIG_get0(sig, &r, &s);
	if (p == der + der_len && BN_bn2binpad(r, raw, (int)half) == (int)half &&
	    BN_bn2binpad(s, raw + half, (int)half) == (int)half)
		ret = 0;
	ECDSA_SIG_free(sig);
	return ret;
}

int cert_ecdsa_raw_to_der(const uint8_t *raw, size_t half, uint8_t **der,
			  size_t *der_len)
{
	ECDSA_SIG *sig = ECDSA_SIG_new();
	BIGNUM *r = BN_bin2bn(raw, (int)half, NULL);
	BIGNUM *s = BN_bin2bn(raw + half, (int)half, NULL);
	unsigned char *out = NULL;
	int len;

	if (!sig || !r || !s || !ECDSA_SIG_set0(sig, r, s)) {
		BN_free(r);
		BN_free(s);
		ECDSA_SIG_free(sig);
		return -1;
	}
	len = i2d_ECDSA_SIG(sig, &out);
	ECDSA_SIG_free(sig);
	if (len <= 0)
		return -1;
	*der = out;
	*der_len = (size_t)len;
	return 0;
}

unsigned int auth_certs_der_kind(const uint8_t *der, size_t len)
{
	const unsigned char *p = der;
	X509 *cert = d2i_X509(NULL, &p, (long)len);
	enum cert_key_kind kind =
		cert ? cert_key_kind(X509_get0_pubkey(cert)) : CERT_KEY_OTHER;

	X509_free(cert);
	if (kind == CERT_KEY_RSA)
		return CONF_AUTH_RSA_SIG;
	return kind == CERT_KEY_OTHER ? 0 : CONF_AUTH_ECDSA_SIG;
}

unsigned int auth_certs_local_kind(const struct auth_certs *ac)
{
	enum cert_key_kind kind = cert_key_kind(ac ? ac->key : NULL);

	if (kind == CERT_KEY_RSA)
		return CONF_AUTH_RSA_SIG;
	return kind == CERT_KEY_OTHER ? 0 : CONF_AUTH_ECDSA_SIG;
}
