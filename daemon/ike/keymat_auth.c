// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdint.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "ike/crypto_prf.h"
#include "ike/keymat_auth.h"

/* RFC 7296 §2.15: 17 ASCII characters, no terminating NUL. */
static const char key_pad[] = "Key Pad for IKEv2";
#define KEY_PAD_LEN (sizeof(key_pad) - 1)

size_t keymat_auth_octets_len(const struct xf_prf *prf, size_t message_len,
			      size_t nonce_len)
{
	if (message_len > SIZE_MAX - nonce_len ||
	    message_len + nonce_len > SIZE_MAX - prf->out_len)
		return 0;
	return message_len + nonce_len + prf->out_len;
}

enum crypto_status keymat_auth_octets(const struct xf_prf *prf,
				      const struct keymat_key *sk_p,
				      const struct crypto_chunk *message,
				      const struct crypto_chunk *nonce,
				      const struct crypto_chunk *id_body,
				      uint8_t *out, size_t cap, size_t *out_len)
{
	size_t total;
	enum crypto_status status;

	if (!prf || !sk_p || !message || !message->ptr || !nonce || !nonce->ptr ||
	    !id_body || !id_body->ptr || !out || !out_len)
		return CRYPTO_ERR_ARGUMENT;
	total = keymat_auth_octets_len(prf, message->len, nonce->len);
	if (!total || cap < total)
		return CRYPTO_ERR_BUFFER;
	memcpy(out, message->ptr, message->len);
	memcpy(out + message->len, nonce->ptr, nonce->len);
	status = crypto_prf(prf, sk_p->octets, sk_p->len, id_body, 1,
			    out + message->len + nonce->len);
	if (status != CRYPTO_OK)
		return status;
	*out_len = total;
	return CRYPTO_OK;
}

enum crypto_status keymat_auth_shared_secret(const struct xf_prf *prf,
					     const uint8_t *secret,
					     size_t secret_len,
					     const uint8_t *octets,
					     size_t octets_len, uint8_t *auth)
{
	const struct crypto_chunk pad = { (const uint8_t *)key_pad, KEY_PAD_LEN };
	const struct crypto_chunk data = { octets, octets_len };
	uint8_t padded_key[EVP_MAX_MD_SIZE];
	enum crypto_status status;

	if (!prf || !secret || !octets || !auth)
		return CRYPTO_ERR_ARGUMENT;
	status = crypto_prf(prf, secret, secret_len, &pad, 1, padded_key);
	if (status == CRYPTO_OK)
		status = crypto_prf(prf, padded_key, prf->out_len, &data, 1, auth);
	OPENSSL_cleanse(padded_key, sizeof(padded_key));
	return status;
}
