// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SK payload with a CBC cipher and a separate INTEG transform: encrypt,
 * then MAC the whole message; verify the MAC before decrypting anything,
 * so nothing about the plaintext or its padding is revealed to forgers.
 */
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "ike/crypto_chunk.h"
#include "ike/crypto_integ.h"
#include "ike/crypto_sk_impl.h"

/* Runs the cipher over the parts in order into out; all of it or fails. */
static bool cbc_run(const struct crypto_sk_key *key, bool encrypt,
		    const uint8_t *iv, const struct crypto_chunk *parts,
		    size_t n_parts, uint8_t *out, size_t out_len)
{
	EVP_CIPHER *cipher = EVP_CIPHER_fetch(NULL, key->encr->ossl_cipher, NULL);
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	size_t done = 0;
	bool ok = false;
	int n;

	if (!cipher || !ctx ||
	    !EVP_CipherInit_ex2(ctx, cipher, key->encr_key, iv, encrypt, NULL) ||
	    !EVP_CIPHER_CTX_set_padding(ctx, 0))
		goto out;
	for (size_t i = 0; i < n_parts; i++) {
		if (!parts[i].len)
			continue;
		if (!EVP_CipherUpdate(ctx, out + done, &n, parts[i].ptr,
				      (int)parts[i].len))
			goto out;
		done += (size_t)n;
	}
	if (!EVP_CipherFinal_ex(ctx, out + done, &n))
		goto out;
	ok = done + (size_t)n == out_len;
out:
	/* frees and wipes the expanded key schedule */
	EVP_CIPHER_CTX_free(ctx);
	EVP_CIPHER_free(cipher);
	return ok;
}

enum crypto_status crypto_sk_cbc_seal(const struct crypto_sk_key *key,
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

	if (!cbc_run(key, true, iv, parts, 2, ct, layout->ct_len))
		return CRYPTO_ERR_LIBRARY;
	return crypto_integ_icv(key->integ, key->integ_key, msg,
				(size_t)(ct - msg) + layout->ct_len,
				ct + layout->ct_len);
}

enum crypto_status crypto_sk_cbc_open(const struct crypto_sk_key *key,
				      const struct crypto_sk_layout *layout,
				      const uint8_t *msg, uint8_t *plain)
{
	const uint8_t *iv = msg + layout->aad_len;
	const uint8_t *ct = iv + key->encr->iv_len;
	const uint8_t *icv = ct + layout->ct_len;
	const struct crypto_chunk whole_ct = { ct, layout->ct_len };
	uint8_t expected[EVP_MAX_MD_SIZE];
	enum crypto_status status;

	status = crypto_integ_icv(key->integ, key->integ_key, msg,
				  (size_t)(icv - msg), expected);
	if (status != CRYPTO_OK)
		return status;
	if (CRYPTO_memcmp(expected, icv, layout->icv_len) != 0)
		return CRYPTO_ERR_INTEGRITY;
	if (!cbc_run(key, false, iv, &whole_ct, 1, plain, layout->ct_len))
		return CRYPTO_ERR_LIBRARY;
	return CRYPTO_OK;
}
