// SPDX-License-Identifier: GPL-2.0-or-later
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "ike/crypto_prf.h"
#include "ike/keymat.h"

/* RFC 7296 §3.9: a nonce is at most 256 octets. */
#define NONCE_MAX 256

static bool chunk_is_valid(const struct crypto_chunk *c)
{
	return c->ptr || !c->len;
}

static bool exchange_is_valid(const struct keymat_exchange *ex)
{
	return ex && ex->ni.len && ex->nr.len && chunk_is_valid(&ex->ni) &&
	       chunk_is_valid(&ex->nr) && ex->g_ir.len && ex->g_ir.ptr;
}

static void take_key(struct keymat_key *key, const uint8_t **stream, size_t len)
{
	memcpy(key->octets, *stream, len);
	key->len = len;
	*stream += len;
}

/* The seven keys, in the order RFC 7296 §2.14 takes them from prf+. */
static enum crypto_status ike_keys_from_skeyseed(struct ike_keymat *km,
						 const struct xf_suite *suite,
						 const uint8_t *skeyseed,
						 size_t skeyseed_len,
						 const struct keymat_exchange *ex)
{
	const struct xf_prf *prf = suite->prf;
	const size_t integ_len = suite->integ ? suite->integ->key_len : 0;
	const size_t encr_len = xf_encr_keymat_len(suite->encr);
	const struct crypto_chunk seed[] = {
		ex->ni, ex->nr,
		{ ex->spi_i, KEYMAT_SPI_LEN }, { ex->spi_r, KEYMAT_SPI_LEN },
	};
	uint8_t stream[7 * KEYMAT_KEY_MAX];
	const uint8_t *pos = stream;
	enum crypto_status status;

	status = crypto_prf_plus(prf, skeyseed, skeyseed_len, seed, 4, stream,
				 3 * prf->key_len + 2 * integ_len + 2 * encr_len);
	if (status == CRYPTO_OK) {
		keymat_ike_destroy(km);
		km->suite = *suite;
		take_key(&km->sk_d, &pos, prf->key_len);
		take_key(&km->sk_ai, &pos, integ_len);
		take_key(&km->sk_ar, &pos, integ_len);
		take_key(&km->sk_ei, &pos, encr_len);
		take_key(&km->sk_er, &pos, encr_len);
		take_key(&km->sk_pi, &pos, prf->key_len);
		take_key(&km->sk_pr, &pos, prf->key_len);
	}
	OPENSSL_cleanse(stream, sizeof(stream));
	return status;
}

enum crypto_status keymat_skeyseed(const struct xf_prf *prf,
				   const struct keymat_exchange *ex, uint8_t *out)
{
	uint8_t nonces[2 * NONCE_MAX];
	enum crypto_status status;

	if (!prf || !exchange_is_valid(ex) || !out)
		return CRYPTO_ERR_ARGUMENT;
	if (ex->ni.len > NONCE_MAX || ex->nr.len > NONCE_MAX)
		return CRYPTO_ERR_LENGTH;
	/* HMAC PRFs take the whole Ni | Nr as key (RFC 7296 §2.14). */
	memcpy(nonces, ex->ni.ptr, ex->ni.len);
	memcpy(nonces + ex->ni.len, ex->nr.ptr, ex->nr.len);
	status = crypto_prf(prf, nonces, ex->ni.len + ex->nr.len, &ex->g_ir, 1, out);
	OPENSSL_cleanse(nonces, sizeof(nonces));
	return status;
}

enum crypto_status keymat_ike_derive(struct ike_keymat *km,
				     const struct xf_suite *suite,
				     const struct keymat_exchange *ex)
{
	uint8_t skeyseed[EVP_MAX_MD_SIZE];
	enum crypto_status status;

	if (!km || !suite || !xf_suite_is_consistent(suite, true))
		return CRYPTO_ERR_ARGUMENT;
	status = keymat_skeyseed(suite->prf, ex, skeyseed);
	if (status == CRYPTO_OK)
		status = ike_keys_from_skeyseed(km, suite, skeyseed,
						suite->prf->out_len, ex);
	OPENSSL_cleanse(skeyseed, sizeof(skeyseed));
	return status;
}

enum crypto_status keymat_ike_rekey(struct ike_keymat *km,
				    const struct ike_keymat *old,
				    const struct xf_suite *suite,
				    const struct keymat_exchange *ex)
{
	struct crypto_chunk seed[3];
	const struct xf_prf *old_prf;
	uint8_t skeyseed[EVP_MAX_MD_SIZE];
	enum crypto_status status;

	if (!km || !old || !old->suite.prf || !suite ||
	    !xf_suite_is_consistent(suite, true) || !exchange_is_valid(ex))
		return CRYPTO_ERR_ARGUMENT;
	/* The exchange belongs to the old SA, so its PRF makes SKEYSEED. */
	old_prf = old->suite.prf;
	seed[0] = ex->g_ir;
	seed[1] = ex->ni;
	seed[2] = ex->nr;
	status = crypto_prf(old_prf, old->sk_d.octets, old->sk_d.len, seed, 3,
			    skeyseed);
	if (status == CRYPTO_OK)
		status = ike_keys_from_skeyseed(km, suite, skeyseed,
						old_prf->out_len, ex);
	OPENSSL_cleanse(skeyseed, sizeof(skeyseed));
	return status;
}

struct crypto_sk_key keymat_ike_sk_key(const struct ike_keymat *km,
				       bool sent_by_initiator)
{
	const struct keymat_key *encr = sent_by_initiator ? &km->sk_ei : &km->sk_er;
	const struct keymat_key *integ = sent_by_initiator ? &km->sk_ai : &km->sk_ar;

	return (struct crypto_sk_key){
		.encr = km->suite.encr,
		.integ = km->suite.integ,
		.encr_key = encr->octets,
		.integ_key = km->suite.integ ? integ->octets : NULL,
	};
}

void keymat_ike_destroy(struct ike_keymat *km)
{
	OPENSSL_cleanse(km, sizeof(*km));
}
