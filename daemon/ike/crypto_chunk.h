/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One part of a concatenation.  IKE feeds its MACs concatenations
 * (Ni | Nr, T | S | n, message | nonce | ID); passing the parts as a list
 * spares copying key material into scratch buffers.
 */
#ifndef VGATE_IKE_CRYPTO_CHUNK_H
#define VGATE_IKE_CRYPTO_CHUNK_H

#include <stddef.h>
#include <stdint.h>

struct crypto_chunk {
	const uint8_t *ptr;	/* may be NULL when len is 0 */
	size_t len;
};

/* At most this many parts in one concatenation. */
#define CRYPTO_MAX_CHUNKS 8

#endif
