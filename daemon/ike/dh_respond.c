// SPDX-License-Identifier: GPL-2.0-or-later
/* The responder's half of a Diffie-Hellman exchange, for every exchange. */
#include "ike/dh.h"
#include "ike/engine_internal.h"

int ike_dh_respond(const struct xf_dh *group, const struct ike_payload *ke,
		   uint8_t *pub, uint8_t *secret)
{
	struct dh_key *key = NULL;
	int ret = -1;

	if (ke->u.ke.data_len == group->public_len &&
	    group->public_len <= IKE_KE_MAX && group->secret_len <= IKE_KE_MAX &&
	    dh_key_generate(group, &key) == CRYPTO_OK &&
	    dh_key_public(key, pub, IKE_KE_MAX) == CRYPTO_OK &&
	    dh_key_shared_secret(key, ke->u.ke.data, ke->u.ke.data_len, secret,
				 IKE_KE_MAX) == CRYPTO_OK)
		ret = 0;
	dh_key_free(key);
	return ret;
}
