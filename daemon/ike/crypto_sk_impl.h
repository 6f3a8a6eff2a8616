/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The cipher-specific halves of crypto_sk.c.  crypto_sk.c has checked
 * every length, picked the padding and placed the IV; these functions
 * only run the cipher.  Layout after the associated data (aad_len):
 * IV (iv_len) | ciphertext (ct_len) | ICV.
 */
#ifndef VGATE_IKE_CRYPTO_SK_IMPL_H
#define VGATE_IKE_CRYPTO_SK_IMPL_H

#include "ike/crypto_sk.h"

struct crypto_sk_layout {
	size_t aad_len;
	size_t ct_len;
	size_t icv_len;
};

/*
 * Encrypts plain | tail (padding and pad length) after the IV and
 * appends the ICV.
 */
enum crypto_status crypto_sk_cbc_seal(const struct crypto_sk_key *key,
				      const struct crypto_sk_layout *layout,
				      uint8_t *msg, const uint8_t *plain,
				      size_t plain_len, const uint8_t *tail,
				      size_t tail_len);
enum crypto_status crypto_sk_aead_seal(const struct crypto_sk_key *key,
				       const struct crypto_sk_layout *layout,
				       uint8_t *msg, const uint8_t *plain,
				       size_t plain_len, const uint8_t *tail,
				       size_t tail_len);

/* Verifies and decrypts all ct_len octets, padding included, to plain. */
enum crypto_status crypto_sk_cbc_open(const struct crypto_sk_key *key,
				      const struct crypto_sk_layout *layout,
				      const uint8_t *msg, uint8_t *plain);
enum crypto_status crypto_sk_aead_open(const struct crypto_sk_key *key,
				       const struct crypto_sk_layout *layout,
				       const uint8_t *msg, uint8_t *plain);

#endif
