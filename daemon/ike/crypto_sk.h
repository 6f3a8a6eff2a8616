/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Protection of the Encrypted (SK) payload, RFC 7296 §3.14, with AES-GCM
 * (RFC 5282) and ChaCha20-Poly1305 (RFC 7634).  The caller owns every
 * buffer: a message is the IKE header and any payloads up to and
 * including the SK payload's generic header (the "associated data"),
 * followed by what this module writes or reads:
 *
 *	IV | E(inner payloads | padding | pad length) | ICV
 *
 * CBC: random IV, plaintext padded to the block size, ICV = truncated
 * HMAC over the whole message up to the ICV.  AEAD: 8-octet IV, nonce =
 * salt | IV with the salt the last 4 octets of SK_e, tag over the
 * associated data.  The header lengths must be final before either call,
 * since they are authenticated; crypto_sk_sealed_len() tells them.
 */
#ifndef VGATE_IKE_CRYPTO_SK_H
#define VGATE_IKE_CRYPTO_SK_H

#include <stddef.h>
#include <stdint.h>

#include "ike/crypto_status.h"
#include "ike/transform.h"

/* Larger inner payloads cannot fit one IKE message over UDP. */
#define CRYPTO_SK_MAX_PLAIN 65535

/* The keys of one direction: SK_ei/SK_ai or SK_er/SK_ar. */
struct crypto_sk_key {
	const struct xf_encr *encr;
	const struct xf_integ *integ;	/* NULL with an AEAD cipher */
	const uint8_t *encr_key;	/* xf_encr_keymat_len(encr) octets */
	const uint8_t *integ_key;	/* integ->key_len octets; NULL with AEAD */
};

/* Octets crypto_sk_encrypt() writes after the associated data. */
size_t crypto_sk_sealed_len(const struct crypto_sk_key *key, size_t plain_len);

/*
 * Writes IV, ciphertext and ICV at msg + aad_len; msg[0, aad_len) must
 * already hold the header, with lengths counting the sealed part.  iv is
 * NULL for a fresh random IV (always, except in known-answer tests).
 * plain must not overlap msg.  *msg_len is set to the whole length.
 */
enum crypto_status crypto_sk_encrypt(const struct crypto_sk_key *key,
				     const uint8_t *iv, uint8_t *msg, size_t cap,
				     size_t aad_len, const uint8_t *plain,
				     size_t plain_len, size_t *msg_len);

/*
 * Checks the ICV (in constant time, before anything is decrypted, or as
 * part of AEAD decryption) and decrypts into plain, which needs room for
 * the whole ciphertext.  *plain_len is the inner payloads' length.
 * CRYPTO_ERR_LENGTH: too short or not whole blocks; CRYPTO_ERR_INTEGRITY:
 * forged or corrupted; CRYPTO_ERR_PADDING: authentic but the pad length
 * is impossible.  On failure plain is wiped.
 */
enum crypto_status crypto_sk_decrypt(const struct crypto_sk_key *key,
				     const uint8_t *msg, size_t msg_len,
				     size_t aad_len, uint8_t *plain, size_t cap,
				     size_t *plain_len);

#endif
