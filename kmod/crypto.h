/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vgate: ESP transforms on top of the kernel crypto API.
 *
 * Copyright (C) 2026 The vgate authors
 *
 * One &struct vgate_crypto per SA: the AEAD transform (rfc4106(gcm(aes)),
 * rfc7539esp(chacha20,poly1305), or authenc/authencesn(hmac(...),cbc(aes)))
 * keyed once at SA creation, with the sizes the ESP code needs.
 */
#ifndef _VGATE_CRYPTO_H_
#define _VGATE_CRYPTO_H_

#include <crypto/aead.h>
#include <linux/netlink.h>
#include <linux/types.h>

/**
 * struct vgate_crypto_cfg - what SA_NEW asks for (keys are the caller's)
 * @enc_alg: enum vgate_enc_alg
 * @integ_alg: enum vgate_integ_alg
 * @enc_key: encryption key, salt appended for AEAD algorithms
 * @enc_key_len: its length in octets
 * @integ_key: integrity key (NULL for AEAD algorithms)
 * @integ_key_len: its length in octets
 * @esn: extended sequence numbers (changes the AAD layout)
 */
struct vgate_crypto_cfg {
	u32 enc_alg;
	u32 integ_alg;
	const u8 *enc_key;
	unsigned int enc_key_len;
	const u8 *integ_key;
	unsigned int integ_key_len;
	bool esn;
};

/**
 * struct vgate_crypto - a keyed ESP transform; immutable once set up
 * @aead: the transform, safe to use from any CPU concurrently
 * @ivlen: explicit IV octets carried in each ESP packet
 * @icvlen: ICV octets at the end of each ESP packet
 * @blocksize: the payload+trailer is padded to a multiple of this (>= 4)
 * @key_bits: length of the encryption key in bits, without the salt
 *	(128 or 256), as SA_GET reports it
 * @esn: extended sequence numbers
 * @seqiv: the explicit IV is the 64-bit sequence number (AES-GCM,
 *	ChaCha20-Poly1305: unique per SA, RFC 4106 3.1); otherwise it is
 *	drawn at random per packet (AES-CBC, RFC 3602 2.3)
 */
struct vgate_crypto {
	struct crypto_aead *aead;
	unsigned int ivlen;
	unsigned int icvlen;
	unsigned int blocksize;
	unsigned int key_bits;
	bool esn;
	bool seqiv;
};

int vgate_crypto_init(struct vgate_crypto *c, const struct vgate_crypto_cfg *cfg,
		      struct netlink_ext_ack *extack);
void vgate_crypto_destroy(struct vgate_crypto *c);

#ifdef VGATE_SELFTESTS
extern const char *vgate_crypto_selftest_wrap;
#endif

#endif /* _VGATE_CRYPTO_H_ */
