/* SPDX-License-Identifier: GPL-2.0-or-later */
/* HMAC over the parts of a concatenation, through OpenSSL's EVP_MAC. */
#ifndef VGATE_IKE_CRYPTO_HMAC_H
#define VGATE_IKE_CRYPTO_HMAC_H

#include "ike/crypto_chunk.h"
#include "ike/crypto_status.h"

/*
 * HMAC-<digest>(key, data[0] | ... | data[n-1]), its first out_len octets
 * written to out: out_len may truncate but not exceed the digest size.
 */
enum crypto_status crypto_hmac(const char *digest, const uint8_t *key,
			       size_t key_len, const struct crypto_chunk *data,
			       size_t n_data, uint8_t *out, size_t out_len);

#endif
