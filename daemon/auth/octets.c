// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>

#include "auth/octets.h"
#include "common/xalloc.h"
#include "ike/keymat_auth.h"

uint8_t *auth_octets(const struct ike_sa *sa, bool by_initiator,
		     const uint8_t *id_body, size_t id_len, size_t *len)
{
	const struct xf_prf *prf = sa->suite.prf;
	struct crypto_chunk message = by_initiator ?
		(struct crypto_chunk){ sa->init_request, sa->init_request_len } :
		(struct crypto_chunk){ sa->init_response, sa->init_response_len };
	struct crypto_chunk nonce = by_initiator ?
		(struct crypto_chunk){ sa->nonce_r, sa->nonce_r_len } :
		(struct crypto_chunk){ sa->nonce_i, sa->nonce_i_len };
	struct crypto_chunk id = { id_body, id_len };
	size_t cap = keymat_auth_octets_len(prf, message.len, nonce.len);
	uint8_t *octets;

	if (!cap)
		return NULL;
	octets = xcalloc(1, cap);
	if (keymat_auth_octets(prf, by_initiator ? &sa->km.sk_pi : &sa->km.sk_pr,
			       &message, &nonce, &id, octets, cap, len) !=
	    CRYPTO_OK) {
		free(octets);
		return NULL;
	}
	return octets;
}
