// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SK payload with AES-GCM (RFC 5282) or ChaCha20-Poly1305 (RFC 7634):
 * nonce = salt (last 4 octets of SK_e) | 8-octet IV, associated data =
 * the message from the IKE header to the end of the SK generic header,
 * tag truncated to the transform's ICV length.
 */
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>

#include "ike/crypto_chunk.h"
#include "ike/crypto_sk_impl.h"

#define AEAD_SALT_LEN 4
#define AEAD_IV_LEN 8
#define AEAD_NONCE_LEN (AEAD_SALT_LEN + AEAD_IV_LEN)

/*
 * Keys ctx for one message; for decryption also hands it the received
 * tag (it has to have it before the final step).
 */
static bool aead_init(EVP_CIPHER_CTX *ctx, EVP_CIPHER *cipher,
		      const struct crypto_sk_key *key, const uint8_t *iv,
		      bool encrypt, const uint8_t *tag, size_t tag_len)
{
	const struct xf_encr *encr = key->encr;
	uint8_t nonce[AEAD_NONCE_LEN];
	OSSL_PARAM params[2] = { OSSL_PARAM_END, OSSL_PARAM_END };
	bool ok;

	memcpy(nonce, key->encr_key + encr->key_len, AEAD_SALT_LEN);
	memcpy(nonce + AEAD_SALT_LEN, iv, AEAD_IV_LEN);
	if (!encrypt)
		params[0] = OSSL_PARAM_construct_octet_string(
			OSSL_CIPHER_PARAM_AEAD_TAG, (void *)tag, tag_len);
	ok = EVP_CipherInit_ex2(ctx, cipher, key->encr_key, nonce, encrypt,
				params) == 1;
	OPENSSL_cleanse(nonce, sizeof(nonce));
	return ok;
}

/* Feeds the associated data, then the parts through the cipher. */
static bool aead_update(EVP_CIPHER_CTX *ctx, const uint8_t *aad, size_t aad_len,
			const struct crypto_chunk *parts, size_t n_parts,
			uint8_t *out, size_t *done)
{
	int n;

	if (aad_len && !EVP_CipherUpdate(ctx, NULL, &n, aad, (int)aad_len))
		return false;
	*done = 0;
	for (size_t i = 0; i < n_parts; i++) {
		if (!parts[i].len)
			continue;
		if (!EVP_CipherUpdate(ctx, out + *done, &n, parts[i].ptr,
				      (int)parts[i].len))
			return false;
		*done += (size_t)n;
	}
	return true;
}

enum crypto_status crypto_sk_aead_seal(const struct crypto_sk_key *key,
				       const struct crypto_sk_layout *layout,
				       uint8_t *msg, const uint8_t *plain,
				       size_t plain_len, const uint8_t *tail,
				       size_t tail_len)
{
	const uint8_t *iv = msg + layout->aad_len;
	uint8_t *ct = msg + layout->aad_len + key->encr->iv_len;
	const struct crypto_chunk parts[] = {
		{ plain, plain_len },
		{ tail, tail_len },
	};
	EVP_CIPHER *cipher = EVP_CIPHER_fetch(NULL, key->encr->ossl_cipher, NULL);
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	enum crypto_status status = CRYPTO_ERR_LIBRARY;
	OSSL_PARAM get_tag[2];
	size_t done;
	int n;

	if (!cipher || !ctx || !aead_init(ctx, cipher, key, iv, true, NULL, 0) ||
	    !aead_update(ctx, msg, layout->aad_len, parts, 2, ct, &done) ||
	    !EVP_CipherFinal_ex(ctx, ct + done, &n) ||
	    done + (size_t)n != layout->ct_len)
		goto out;
	/* GCM hands out a truncated tag when asked for fewer octets. */
	get_tag[0] = OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG,
						       ct + layout->ct_len,
						       layout->icv_len);
	get_tag[1] = OSSL_PARAM_construct_end();
	if (EVP_CIPHER_CTX_get_params(ctx, get_tag) == 1)
		status = CRYPTO_OK;
out:
	EVP_CIPHER_CTX_free(ctx);
	EVP_CIPHER_free(cipher);
	return status;
}

enum crypto_status crypto_sk_aead_open(const struct crypto_sk_key *key,
				       const struct crypto_sk_layout *layout,
				       const uint8_t *msg, uint8_t *plain)
{
	const uint8_t *iv = msg + layout->aad_len;
	const uint8_t *ct = iv + key->encr->iv_len;
	const struct crypto_chunk whole_ct = { ct, layout->ct_len };
	EVP_CIPHER *cipher = EVP_CIPHER_fetch(NULL, key->encr->ossl_cipher, NULL);
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	enum crypto_status status = CRYPTO_ERR_LIBRARY;
	size_t done;
	int n;

	if (!cipher || !ctx ||
	    !aead_init(ctx, cipher, key, iv, false, ct + layout->ct_len,
		       layout->icv_len) ||
	    !aead_update(ctx, msg, layout->aad_len, &whole_ct, 1, plain, &done))
		goto out;
	/* The tag is checked here, in constant time, by OpenSSL. */
	if (EVP_CipherFinal_ex(ctx, plain + done, &n) != 1) {
		ERR_clear_error();
		status = CRYPTO_ERR_INTEGRITY;
		goto out;
	}
	if (done + (size_t)n == layout->ct_len)
		status = CRYPTO_OK;
out:
	EVP_CIPHER_CTX_free(ctx);
	EVP_CIPHER_free(cipher);
	return status;
}
