// SPDX-License-Identifier: GPL-2.0-or-later
#include "ike/crypto_integ.h"

enum crypto_status crypto_integ_icv(const struct xf_integ *integ,
				    const uint8_t *key, const uint8_t *data,
				    size_t len, uint8_t *icv)
{
	const struct crypto_chunk whole = { data, len };

	return crypto_hmac(integ->ossl_digest, key, integ->key_len, &whole, 1,
			   icv, integ->icv_len);
}
