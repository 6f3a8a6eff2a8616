// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The SK payload's framing, shared by CBC and AEAD: argument and length
 * checks, IV, padding and pad length; the ciphers live in crypto_sk_cbc.c
 * and crypto_sk_aead.c.
 */
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "ike/crypto_sk_impl.h"

static bool key_is_usable(const struct crypto_sk_key *key)
{
	if (!key || !key->encr || !key->encr_key)
		return false;
	if (key->encr->aead)
		return !key->integ;
	return key->integ && key->integ_key;
}

static size_t icv_len_of(const struct crypto_sk_key *key)
{
	return key->encr->aead ? key->encr->icv_len : key->integ->icv_len;
}

/*
 * The least padding that makes inner payloads | padding | pad length
 * whole blocks; RFC 7296 §3.14 lets the sender choose any amount.
 */
static size_t pad_len_for(const struct xf_encr *encr, size_t plain_len)
{
	size_t block = encr->block_len;

	return (block - (plain_len + 1) % block) % block;
}

size_t crypto_sk_sealed_len(const struct crypto_sk_key *key, size_t plain_len)
{
	return key->encr->iv_len + plain_len + pad_len_for(key->encr, plain_len) +
	       1 + icv_len_of(key);
}

enum crypto_status crypto_sk_encrypt(const struct crypto_sk_key *key,
				     const uint8_t *iv, uint8_t *msg, size_t cap,
				     size_t aad_len, const uint8_t *plain,
				     size_t plain_len, size_t *msg_len)
{
	const struct xf_encr *encr;
	struct crypto_sk_layout layout;
	uint8_t tail[256];	/* padding and the one-octet pad length */
	enum crypto_status status;
	size_t pad_len, sealed;

	if (!key_is_usable(key) || !msg || !msg_len || (!plain && plain_len))
		return CRYPTO_ERR_ARGUMENT;
	if (plain_len > CRYPTO_SK_MAX_PLAIN)
		return CRYPTO_ERR_LENGTH;
	encr = key->encr;
	sealed = crypto_sk_sealed_len(key, plain_len);
	if (aad_len > cap || cap - aad_len < sealed)
		return CRYPTO_ERR_BUFFER;

	if (iv)
		memcpy(msg + aad_len, iv, encr->iv_len);
	else if (RAND_bytes(msg + aad_len, (int)encr->iv_len) != 1)
		return CRYPTO_ERR_LIBRARY;

	pad_len = pad_len_for(encr, plain_len);
	memset(tail, 0, pad_len);
	tail[pad_len] = (uint8_t)pad_len;
	layout = (struct crypto_sk_layout){
		.aad_len = aad_len,
		.ct_len = plain_len + pad_len + 1,
		.icv_len = icv_len_of(key),
	};
	if (encr->aead)
		status = crypto_sk_aead_seal(key, &layout, msg, plain, plain_len,
					     tail, pad_len + 1);
	else
		status = crypto_sk_cbc_seal(key, &layout, msg, plain, plain_len,
					    tail, pad_len + 1);
	if (status != CRYPTO_OK) {
		OPENSSL_cleanse(msg + aad_len, sealed);
		return status;
	}
	*msg_len = aad_len + sealed;
	return CRYPTO_OK;
}

enum crypto_status crypto_sk_decrypt(const struct crypto_sk_key *key,
				     const uint8_t *msg, size_t msg_len,
				     size_t aad_len, uint8_t *plain, size_t cap,
				     size_t *plain_len)
{
	struct crypto_sk_layout layout;
	enum crypto_status status;
	size_t overhead, pad_len;

	if (!key_is_usable(key) || !msg || !plain || !plain_len)
		return CRYPTO_ERR_ARGUMENT;
	overhead = key->encr->iv_len + icv_len_of(key);
	/* at least the pad length octet, and whole cipher blocks */
	if (aad_len > msg_len || msg_len - aad_len < overhead + 1)
		return CRYPTO_ERR_LENGTH;
	layout = (struct crypto_sk_layout){
		.aad_len = aad_len,
		.ct_len = msg_len - aad_len - overhead,
		.icv_len = icv_len_of(key),
	};
	if (layout.ct_len % key->encr->block_len)
		return CRYPTO_ERR_LENGTH;
	if (cap < layout.ct_len)
		return CRYPTO_ERR_BUFFER;

	if (key->encr->aead)
		status = crypto_sk_aead_open(key, &layout, msg, plain);
	else
		status = crypto_sk_cbc_open(key, &layout, msg, plain);
	if (status == CRYPTO_OK) {
		pad_len = plain[layout.ct_len - 1];
		if (pad_len > layout.ct_len - 1)
			status = CRYPTO_ERR_PADDING;
	}
	if (status != CRYPTO_OK) {
		OPENSSL_cleanse(plain, layout.ct_len);
		return status;
	}
	*plain_len = layout.ct_len - 1 - pad_len;
	return CRYPTO_OK;
}
