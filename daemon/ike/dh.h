/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Diffie-Hellman for the KE payload: a key pair for one group, its public
 * value in IKEv2 wire format and the shared secret g^ir from the peer's
 * value, which is validated first (RFC 6989, RFC 7748 §6).
 *
 * Wire formats: MODP big-endian padded to the prime length; ECP x | y
 * without the 0x04 prefix and g^ir = x (RFC 5903 §7, §9); X25519/X448 the
 * raw u-coordinate (RFC 8031).  A key is used by one thread at a time.
 */
#ifndef VGATE_IKE_DH_H
#define VGATE_IKE_DH_H

#include <stddef.h>
#include <stdint.h>

#include "ike/crypto_status.h"
#include "ike/transform.h"

struct dh_key;

/* A fresh key pair for group. */
enum crypto_status dh_key_generate(const struct xf_dh *group, struct dh_key **out);

/*
 * The key pair of a given private value: big-endian for MODP and ECP,
 * the raw scalar for X25519/X448.  For known-answer tests; the daemon
 * generates its keys.
 */
enum crypto_status dh_key_from_private(const struct xf_dh *group,
				       const uint8_t *priv, size_t priv_len,
				       struct dh_key **out);

const struct xf_dh *dh_key_group(const struct dh_key *key);

/* Writes the group->public_len octet KE value; cap is out's size. */
enum crypto_status dh_key_public(const struct dh_key *key, uint8_t *out, size_t cap);

/*
 * Writes g^ir, group->secret_len octets, from the peer's KE value.
 * CRYPTO_ERR_LENGTH for a value of the wrong size, CRYPTO_ERR_RANGE for a
 * MODP value outside 1 < y < p-1, CRYPTO_ERR_POINT for an ECP value not
 * on the curve, CRYPTO_ERR_ZERO_SECRET for a small-order X25519/X448
 * value.  The caller wipes the secret when done.
 */
enum crypto_status dh_key_shared_secret(const struct dh_key *key,
					const uint8_t *peer, size_t peer_len,
					uint8_t *secret, size_t cap);

/* Frees the key; OpenSSL wipes the private value as it frees it. */
void dh_key_free(struct dh_key *key);

#endif
