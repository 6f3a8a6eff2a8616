// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "auth/psk.h"
#include "common/xalloc.h"
#include "ike/keymat_auth.h"

int auth_psk_compute(const struct ike_sa *sa, bool by_initiator,
		     const uint8_t *key, size_t key_len,
		     const uint8_t *id_body, size_t id_len, uint8_t *auth)
{
	const struct xf_prf *prf = sa->suite.prf;
	/* signed octets: the sender's IKE_SA_INIT message, the other's nonce */
	struct crypto_chunk message = by_initiator ?
		(struct crypto_chunk){ sa->init_request, sa->init_request_len } :
		(struct crypto_chunk){ sa->init_response, sa->init_response_len };
	struct crypto_chunk nonce = by_initiator ?
		(struct crypto_chunk){ sa->nonce_r, sa->nonce_r_len } :
		(struct crypto_chunk){ sa->nonce_i, sa->nonce_i_len };
	struct crypto_chunk id = { id_body, id_len };
	size_t cap = keymat_auth_octets_len(prf, message.len, nonce.len);
	uint8_t *octets = xcalloc(1, cap);
	size_t len;
	int ret = -1;

	if (keymat_auth_octets(prf, by_initiator ? &sa->km.sk_pi : &sa->km.sk_pr,
			       &message, &nonce, &id, octets, cap, &len) ==
		    CRYPTO_OK &&
	    keymat_auth_shared_secret(prf, key, key_len, octets, len, auth) ==
		    CRYPTO_OK)
		ret = 0;
	free(octets);
	return ret;
}

bool auth_psk_verify(const struct ike_sa *sa, bool by_initiator,
		     const uint8_t *key, size_t key_len,
		     const uint8_t *id_body, size_t id_len,
		     const uint8_t *auth, size_t auth_len)
{
	uint8_t expect[KEYMAT_KEY_MAX];
	bool ok;

	if (auth_len != sa->suite.prf->out_len ||
	    auth_psk_compute(sa, by_initiator, key, key_len, id_body, id_len,
			     expect) < 0)
		return false;
	ok = !CRYPTO_memcmp(expect, auth, auth_len);
	explicit_bzero(expect, sizeof(expect));
	return ok;
}
