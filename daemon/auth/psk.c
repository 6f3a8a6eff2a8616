// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "auth/octets.h"
#include "auth/psk.h"
#include "ike/keymat_auth.h"

int auth_psk_compute(const struct ike_sa *sa, bool by_initiator,
		     const uint8_t *key, size_t key_len,
		     const uint8_t *id_body, size_t id_len, uint8_t *auth)
{
	size_t len;
	uint8_t *octets = auth_octets(sa, by_initiator, id_body, id_len, &len);
	int ret = -1;

	if (octets &&
	    keymat_auth_shared_secret(sa->suite.prf, key, key_len, octets, len,
				      auth) == CRYPTO_OK)
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
