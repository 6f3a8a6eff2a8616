// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * X25519 and X448 (RFC 7748, RFC 8031): the wire value is OpenSSL's raw
 * public key.  Any 32 / 56 octets are a valid u-coordinate; the
 * small-order ones are caught by the all-zero secret check in dh.c.
 */
#include "ike/dh_backend.h"

static enum crypto_status ecx_generate(const struct xf_dh *group, EVP_PKEY **key)
{
	*key = EVP_PKEY_Q_keygen(NULL, NULL, group->ossl_group);
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
