/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The negotiated PRF and prf+ (RFC 7296 §2.13).  Only HMAC PRFs are
 * implemented, which take keys of any length, so nonces and shared
 * secrets key them directly.
 */
#ifndef VGATE_IKE_CRYPTO_PRF_H
#define VGATE_IKE_CRYPTO_PRF_H

#include "ike/crypto_hmac.h"
#include "ike/transform.h"

/* prf(key, data[0] | ...): prf->out_len octets to out. */
enum crypto_status crypto_prf(const struct xf_prf *prf, const uint8_t *key,
			      size_t key_len, const struct crypto_chunk *seed,
			      size_t n_seed, uint8_t *out);

/*
 * prf+(key, seed[0] | ...): the first out_len octets of T1 | T2 | ...,
 * where Tn = prf(key, T(n-1) | seed | n).  The counter is one octet, so
 * at most 255 * prf->out_len octets exist (CRYPTO_ERR_LENGTH beyond);
 * n_seed is at most CRYPTO_MAX_CHUNKS - 2.
 */
enum crypto_status crypto_prf_plus(const struct xf_prf *prf, const uint8_t *key,
				   size_t key_len, const struct crypto_chunk *seed,
				   size_t n_seed, uint8_t *out, size_t out_len);

#endif
