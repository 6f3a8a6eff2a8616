// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * X25519 and X448 (RFC 7748, RFC 8031): the wire value is OpenSSL's raw
 * public key.  Any 32 / 56 octets are a valid u-coordinate; the
 * small-order ones are caught by the all-zero secret check in dh.c.
 */
#include "ike/dh_backend.h"

/*
 * One key-generation context per group, made on first use and kept: a
 * new one per key fetches the algorithm by name each time.  vgated's
 * event loop is its only user.
 */
static enum crypto_status ecx_generate(const struct xf_dh *group, EVP_PKEY **key)
{
	static EVP_PKEY_CTX *x25519, *x448;
	EVP_PKEY_CTX **ctx = group->id == IKEV2_DH_CURVE25519 ? &x25519 : &x448;

	if (!*ctx) {
		*ctx = EVP_PKEY_CTX_new_from_name(NULL, group->ossl_group, NULL);
		if (*ctx && EVP_PKEY_keygen_init(*ctx) != 1) {
			EVP_PKEY_CTX_free(*ctx);
			*ctx = NULL;
		}
	}
	*key = NULL;
	if (!*ctx || EVP_PKEY_keygen(*ctx, key) != 1)
		*key = NULL;
	return *key ? CRYPTO_OK : CRYPTO_ERR_LIBRARY;
}

static enum crypto_status ecx_from_private(const struct xf_dh *group,
					   const uint8_t *priv, size_t len,
					   EVP_PKEY **key)
{
	if (len != group->public_len)
		return CRYPTO_ERR_LENGTH;
	*key = EVP_PKEY_new_raw_private_key_ex(NULL, group->ossl_group, NULL,
					       priv, len);
	return *key ? CRYPTO_OK : CRYPTO_ERR_LIBRARY;
}

static enum crypto_status ecx_export_public(const struct xf_dh *group,
					    EVP_PKEY *key, uint8_t *out)
{
	size_t len = group->public_len;

	if (EVP_PKEY_get_raw_public_key(key, out, &len) != 1 ||
	    len != group->public_len)
		return CRYPTO_ERR_LIBRARY;
	return CRYPTO_OK;
}

static enum crypto_status ecx_import_peer(const struct xf_dh *group,
					  const uint8_t *value, EVP_PKEY **peer)
{
	*peer = EVP_PKEY_new_raw_public_key_ex(NULL, group->ossl_group, NULL,
					       value, group->public_len);
	return *peer ? CRYPTO_OK : CRYPTO_ERR_LIBRARY;
}

const struct dh_backend dh_ecx_backend = {
	.generate = ecx_generate,
	.from_private = ecx_from_private,
	.export_public = ecx_export_public,
	.import_peer = ecx_import_peer,
};
