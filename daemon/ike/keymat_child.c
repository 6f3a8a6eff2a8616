// SPDX-License-Identifier: GPL-2.0-or-later
#include <string.h>

#include <openssl/crypto.h>

#include "ike/crypto_prf.h"
#include "ike/keymat_child.h"

static void take_key(struct keymat_key *key, const uint8_t **stream, size_t len)
{
	memcpy(key->octets, *stream, len);
	key->len = len;
	*stream += len;
}

enum crypto_status keymat_child_derive(struct child_keymat *ck,
				       const struct ike_keymat *ike,
				       const struct xf_suite *esp,
				       const struct keymat_exchange *ex)
{
	uint8_t stream[4 * KEYMAT_KEY_MAX];
	const uint8_t *pos = stream;
	struct crypto_chunk seed[3];
	enum crypto_status status;
	size_t encr_len, integ_len;

	if (!ck || !ike || !ike->suite.prf || !esp ||
	    !xf_suite_is_consistent(esp, false) || !ex || !ex->ni.len ||
	    !ex->ni.ptr || !ex->nr.len || !ex->nr.ptr ||
	    (ex->g_ir.len && !ex->g_ir.ptr))
		return CRYPTO_ERR_ARGUMENT;
	encr_len = xf_encr_keymat_len(esp->encr);
	integ_len = esp->integ ? esp->integ->key_len : 0;

	/* An empty g^ir chunk drops out of the concatenation. */
	seed[0] = ex->g_ir;
	seed[1] = ex->ni;
	seed[2] = ex->nr;
	status = crypto_prf_plus(ike->suite.prf, ike->sk_d.octets, ike->sk_d.len,
				 seed, 3, stream, 2 * (encr_len + integ_len));
	if (status == CRYPTO_OK) {
		keymat_child_destroy(ck);
		ck->suite = *esp;
		take_key(&ck->i2r_encr, &pos, encr_len);
		take_key(&ck->i2r_integ, &pos, integ_len);
		take_key(&ck->r2i_encr, &pos, encr_len);
		take_key(&ck->r2i_integ, &pos, integ_len);
	}
	OPENSSL_cleanse(stream, sizeof(stream));
	return status;
}

void keymat_child_destroy(struct child_keymat *ck)
{
	OPENSSL_cleanse(ck, sizeof(*ck));
}
