/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The one result type of the IKE crypto layer (DH, PRF, key derivation,
 * SK payload protection).  Each failure a peer can provoke has its own
 * value, so the exchange code can pick the right notify and the logs can
 * say what was wrong without ever printing key material.
 */
#ifndef VGATE_IKE_CRYPTO_STATUS_H
#define VGATE_IKE_CRYPTO_STATUS_H

enum crypto_status {
	CRYPTO_OK = 0,
	CRYPTO_ERR_ARGUMENT,	/* caller broke the contract: NULL, mismatched transforms */
	CRYPTO_ERR_BUFFER,	/* the caller's output buffer is too small */
	CRYPTO_ERR_LENGTH,	/* input of the wrong length for its transform */
	CRYPTO_ERR_RANGE,	/* MODP value not in 1 < y < p-1; private key out of range */
	CRYPTO_ERR_POINT,	/* ECP value is not a point of the group (RFC 6989) */
	CRYPTO_ERR_ZERO_SECRET,	/* X25519/X448 peer value of small order (RFC 7748 §6) */
	CRYPTO_ERR_INTEGRITY,	/* ICV or AEAD tag mismatch: forged or corrupted */
	CRYPTO_ERR_PADDING,	/* authentic, but the pad length exceeds the data */
	CRYPTO_ERR_LIBRARY,	/* OpenSSL failed: allocation, RNG or provider */
};

/* A short fixed name ("integrity-check-failed") for logs and counters. */
const char *crypto_status_name(enum crypto_status status);

#endif
