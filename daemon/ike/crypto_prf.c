// SPDX-License-Identifier: GPL-2.0-or-later
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "ike/crypto_prf.h"

enum crypto_status crypto_prf(const struct xf_prf *prf, const uint8_t *key,
			      size_t key_len, const struct crypto_chunk *seed,
			      size_t n_seed, uint8_t *out)
{
	return crypto_hmac(prf->ossl_digest, key, key_len, seed, n_seed, out,
			   prf->out_len);
}

enum crypto_status crypto_prf_plus(const struct xf_prf *prf, const uint8_t *key,
				   size_t key_len, const struct crypto_chunk *seed,
				   size_t n_seed, uint8_t *out, size_t out_len)
{
	struct crypto_chunk parts[CRYPTO_MAX_CHUNKS];
	uint8_t block[EVP_MAX_MD_SIZE];
	enum crypto_status status = CRYPTO_OK;
	uint8_t counter = 1;
	size_t done = 0;

	if (n_seed > CRYPTO_MAX_CHUNKS - 2)
		return CRYPTO_ERR_ARGUMENT;
	if (out_len > 255 * prf->out_len)
		return CRYPTO_ERR_LENGTH;

	/* parts: T(n-1) (empty for T1), the seed, the counter octet */
	parts[0] = (struct crypto_chunk){ block, 0 };
	for (size_t i = 0; i < n_seed; i++)
		parts[1 + i] = seed[i];
	parts[n_seed + 1] = (struct crypto_chunk){ &counter, 1 };

	while (done < out_len) {
		size_t take = out_len - done;

		status = crypto_prf(prf, key, key_len, parts, n_seed + 2, block);
		if (status != CRYPTO_OK)
			break;
		if (take > prf->out_len)
			take = prf->out_len;
		memcpy(out + done, block, take);
		done += take;
		parts[0].len = prf->out_len;
		counter++;
	}
	OPENSSL_cleanse(block, sizeof(block));
	if (status != CRYPTO_OK)
		OPENSSL_cleanse(out, out_len);
	return status;
}
