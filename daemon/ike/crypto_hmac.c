// SPDX-License-Identifier: GPL-2.0-or-later
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "ike/crypto_hmac.h"

enum crypto_status crypto_hmac(const char *digest, const uint8_t *key,
			       size_t key_len, const struct crypto_chunk *data,
			       size_t n_data, uint8_t *out, size_t out_len)
{
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
						 (char *)digest, 0),
		OSSL_PARAM_construct_end(),
	};
	uint8_t full[EVP_MAX_MD_SIZE];
	enum crypto_status status = CRYPTO_ERR_LIBRARY;
	EVP_MAC_CTX *ctx = NULL;
	EVP_MAC *mac;
	size_t full_len;

	if (!key || n_data > CRYPTO_MAX_CHUNKS)
		return CRYPTO_ERR_ARGUMENT;
	mac = EVP_MAC_fetch(NULL, OSSL_MAC_NAME_HMAC, NULL);
	if (!mac)
		return CRYPTO_ERR_LIBRARY;
	ctx = EVP_MAC_CTX_new(mac);
	if (!ctx || !EVP_MAC_init(ctx, key, key_len, params))
		goto out;
	for (size_t i = 0; i < n_data; i++)
		if (data[i].len && !EVP_MAC_update(ctx, data[i].ptr, data[i].len))
			goto out;
	if (!EVP_MAC_final(ctx, full, &full_len, sizeof(full)))
		goto out;
	if (out_len > full_len) {
		status = CRYPTO_ERR_ARGUMENT;
		goto out;
	}
	memcpy(out, full, out_len);
	status = CRYPTO_OK;
out:
	/* The untruncated MAC and the context's key schedule are secret. */
	OPENSSL_cleanse(full, sizeof(full));
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	return status;
}
