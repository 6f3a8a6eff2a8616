// SPDX-License-Identifier: GPL-2.0-or-later
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "ike/crypto_hmac.h"

#define DIGESTS_MAX 8	/* more than the transforms name (MD5, SHA-1, SHA-2) */

/*
 * An HMAC context per digest with the digest set and no key, made on
 * first use and kept; each MAC starts from a copy.  Fetching HMAC and the
 * digest by name for every MAC cost more than the MAC itself, and IKE
 * computes dozens per SA.  vgated's event loop is its only user.
 */
static EVP_MAC_CTX *prototype(const char *digest)
{
	static struct {
		const char *digest;
		EVP_MAC_CTX *ctx;
	} cache[DIGESTS_MAX];
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
						 (char *)digest, 0),
		OSSL_PARAM_construct_end(),
	};
	EVP_MAC_CTX *ctx = NULL;
	EVP_MAC *mac;
	unsigned int i;

	for (i = 0; i < DIGESTS_MAX && cache[i].digest; i++)
		if (!strcmp(cache[i].digest, digest))
			return cache[i].ctx;
	if (i == DIGESTS_MAX)
		return NULL;
	mac = EVP_MAC_fetch(NULL, OSSL_MAC_NAME_HMAC, NULL);
	if (mac)
		ctx = EVP_MAC_CTX_new(mac);
	EVP_MAC_free(mac);	/* the context holds its own reference */
	if (!ctx || !EVP_MAC_CTX_set_params(ctx, params)) {
		EVP_MAC_CTX_free(ctx);
		return NULL;
	}
	cache[i].digest = digest;
	cache[i].ctx = ctx;
	return ctx;
}

enum crypto_status crypto_hmac(const char *digest, const uint8_t *key,
			       size_t key_len, const struct crypto_chunk *data,
			       size_t n_data, uint8_t *out, size_t out_len)
{
	uint8_t full[EVP_MAX_MD_SIZE];
	enum crypto_status status = CRYPTO_ERR_LIBRARY;
	EVP_MAC_CTX *proto, *ctx = NULL;
	size_t full_len;

	if (!key || n_data > CRYPTO_MAX_CHUNKS)
		return CRYPTO_ERR_ARGUMENT;
	proto = prototype(digest);
	if (proto)
		ctx = EVP_MAC_CTX_dup(proto);
	if (!ctx || !EVP_MAC_init(ctx, key, key_len, NULL))
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
	return status;
}
