// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target for the SK payload decryptor and the inner payload
 * parser, with fixed keys.  The first octet picks the suite (AES-GCM,
 * AES-CBC + HMAC-SHA-256, ChaCha20-Poly1305) and a mode:
 *  - raw: the rest is the protected span (IV | ciphertext | ICV) of an
 *    SK payload; it must fail cleanly (the fuzzer cannot forge an ICV),
 *    and never crash on any length;
 *  - sealed: the rest is the inner payload chain; it is sealed into a
 *    message, which must open to the very same octets and then either
 *    decode or fail with a named error; the same message with one bit
 *    flipped (position from the input) must not open.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ike/codec.h"
#include "ike/codec_build.h"
#include "ike/crypto_sk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_DATAGRAM 65535

static struct ike_message msg;
static uint8_t buf[MAX_DATAGRAM], plain[MAX_DATAGRAM], copy[MAX_DATAGRAM];

static const uint8_t encr_key[36] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
static const uint8_t integ_key[32] = { 9, 8, 7, 6, 5, 4, 3, 2, 1 };

static struct crypto_sk_key suite_key(unsigned int which)
{
	switch (which % 3) {
	case 0:
		return (struct crypto_sk_key){
			xf_encr_find(IKEV2_ENCR_AES_GCM_16, 256), NULL, encr_key, NULL };
	case 1:
		return (struct crypto_sk_key){
			xf_encr_find(IKEV2_ENCR_AES_CBC, 128),
			xf_integ_find(IKEV2_AUTH_HMAC_SHA2_256_128), encr_key, integ_key };
	default:
		return (struct crypto_sk_key){
			xf_encr_find(IKEV2_ENCR_CHACHA20_POLY1305, 0), NULL, encr_key, NULL };
	}
}

/* Header + SK generic header, then SPAN: the associated data length. */
static size_t write_aad(size_t span_len, uint8_t first_inner)
{
	size_t total = 28 + 4 + span_len;

	memset(buf, 0, 28);
	buf[16] = IKEV2_PT_SK;
	buf[17] = 0x20;
	buf[18] = IKEV2_EXCH_INFORMATIONAL;
	buf[24] = (uint8_t)(total >> 24);
	buf[25] = (uint8_t)(total >> 16);
	buf[26] = (uint8_t)(total >> 8);
	buf[27] = (uint8_t)total;
	buf[28] = first_inner;
	buf[29] = 0;
	buf[30] = (uint8_t)((4 + span_len) >> 8);
	buf[31] = (uint8_t)(4 + span_len);
	return 32;
}

static void raw(const struct crypto_sk_key *key, const uint8_t *data,
		size_t size)
{
	size_t aad = write_aad(size, IKEV2_PT_N), plain_len;

	if (aad + size > MAX_DATAGRAM)
		return;
	memcpy(buf + aad, data, size);
	if (crypto_sk_decrypt(key, buf, aad + size, aad, plain, sizeof(plain),
			      &plain_len) == CRYPTO_OK)
		abort();
}

static void sealed(const struct crypto_sk_key *key, const uint8_t *data,
		   size_t size, uint8_t first_inner)
{
	struct ike_codec_error err;
	size_t sealed_len = crypto_sk_sealed_len(key, size), aad, len, plain_len;
	size_t flip;

	if (size > 60000)
		return;
	aad = write_aad(sealed_len, first_inner);
	if (crypto_sk_encrypt(key, NULL, buf, sizeof(buf), aad, data, size,
			      &len) != CRYPTO_OK || len != aad + sealed_len)
		abort();
	memcpy(copy, buf, len);
	if (crypto_sk_decrypt(key, buf, len, aad, plain, sizeof(plain),
			      &plain_len) != CRYPTO_OK ||
	    plain_len != size || memcmp(plain, data, size))
		abort();
	memset(&msg, 0, sizeof(msg));
	if (ike_parse_inner(&msg, first_inner, plain, plain_len, &err) < 0 &&
	    (err.code <= IKE_OK || err.code >= IKE_ERR_COUNT))
		abort();
	/* any single bit flip after the SK header is caught */
	flip = size ? (data[0] * 131u + data[size - 1]) % (len - 28) : 0;
	copy[28 + flip] ^= 1 << (size ? data[0] % 8 : 0);
	if (28 + flip != 28 && 28 + flip != 29 &&
	    crypto_sk_decrypt(key, copy, len, aad, plain, sizeof(plain),
			      &plain_len) == CRYPTO_OK)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crypto_sk_key key;

	if (size < 2)
		return 0;
	key = suite_key(data[0] >> 1);
	if (data[0] & 1)
		sealed(&key, data + 2, size - 2, data[1]);
	else
		raw(&key, data + 2, size - 2);
	return 0;
}
