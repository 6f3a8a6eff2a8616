// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The group-independent half of DH: argument and length checks, the
 * derivation itself and the fixed-length secret, dispatching to the
 * backend of the group's kind for everything format-specific.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/err.h>

#include "common/xalloc.h"
#include "ike/dh_backend.h"

struct dh_key {
	const struct xf_dh *group;
	EVP_PKEY *pkey;
};

static const struct dh_backend *backend_of(const struct xf_dh *group)
{
	switch (group->kind) {
	case XF_DH_KIND_MODP:
		return &dh_modp_backend;
	case XF_DH_KIND_ECP:
		return &dh_ecp_backend;
	case XF_DH_KIND_ECX:
		return &dh_ecx_backend;
	}
	return NULL;
}

static enum crypto_status wrap(const struct xf_dh *group, EVP_PKEY *pkey,
			       enum crypto_status status, struct dh_key **out)
{
	*out = NULL;
	if (status != CRYPTO_OK)
		return status;
	*out = xcalloc(1, sizeof(**out));
	(*out)->group = group;
	(*out)->pkey = pkey;
	return CRYPTO_OK;
}

enum crypto_status dh_key_generate(const struct xf_dh *group, struct dh_key **out)
{
	EVP_PKEY *pkey = NULL;

	if (!group || !out)
		return CRYPTO_ERR_ARGUMENT;
	return wrap(group, pkey, backend_of(group)->generate(group, &pkey), out);
}

enum crypto_status dh_key_from_private(const struct xf_dh *group,
				       const uint8_t *priv, size_t priv_len,
				       struct dh_key **out)
{
	EVP_PKEY *pkey = NULL;
	enum crypto_status status;

	if (!group || !priv || !out)
		return CRYPTO_ERR_ARGUMENT;
	status = backend_of(group)->from_private(group, priv, priv_len, &pkey);
	return wrap(group, pkey, status, out);
}

const struct xf_dh *dh_key_group(const struct dh_key *key)
{
	return key->group;
}

enum crypto_status dh_key_public(const struct dh_key *key, uint8_t *out, size_t cap)
{
	if (cap < key->group->public_len)
		return CRYPTO_ERR_BUFFER;
	return backend_of(key->group)->export_public(key->group, key->pkey, out);
}

/* Constant time: the secret's value must not show in the timing. */
static bool is_all_zero(const uint8_t *p, size_t len)
{
	uint8_t acc = 0;

	for (size_t i = 0; i < len; i++)
		acc |= p[i];
	return acc == 0;
}

static enum crypto_status derive(const struct dh_key *key, EVP_PKEY *peer,
				 uint8_t *secret, size_t cap)
{
	const struct xf_dh *group = key->group;
	enum crypto_status status = CRYPTO_ERR_LIBRARY;
	size_t len = cap;
	EVP_PKEY_CTX *ctx;

	ctx = EVP_PKEY_CTX_new_from_pkey(NULL, key->pkey, NULL);
	/* validate = 0: the backend validated the peer's value already */
	if (!ctx || EVP_PKEY_derive_init(ctx) != 1 ||
	    EVP_PKEY_derive_set_peer_ex(ctx, peer, 0) != 1)
		goto out;
	if (EVP_PKEY_derive(ctx, secret, &len) != 1) {
		/*
		 * With the length checked, the only failure a peer can cause
		 * for X25519/X448 is OpenSSL refusing an all-zero result.
		 */
		if (group->kind == XF_DH_KIND_ECX) {
			ERR_clear_error();
			status = CRYPTO_ERR_ZERO_SECRET;
		}
		goto out;
	}
	if (len > group->secret_len)
		goto out;
	/* A MODP secret with leading zero octets comes back short. */
	if (len < group->secret_len) {
		size_t pad = group->secret_len - len;

		memmove(secret + pad, secret, len);
		memset(secret, 0, pad);
	}
	if (group->kind == XF_DH_KIND_ECX &&
	    is_all_zero(secret, group->secret_len)) {
		status = CRYPTO_ERR_ZERO_SECRET;
		goto out;
	}
	status = CRYPTO_OK;
out:
	EVP_PKEY_CTX_free(ctx);
	return status;
}

enum crypto_status dh_key_shared_secret(const struct dh_key *key,
					const uint8_t *peer, size_t peer_len,
					uint8_t *secret, size_t cap)
{
	const struct xf_dh *group = key->group;
	EVP_PKEY *peer_key = NULL;
	enum crypto_status status;

	if (!peer)
		return CRYPTO_ERR_ARGUMENT;
	if (peer_len != group->public_len)
		return CRYPTO_ERR_LENGTH;
	if (cap < group->secret_len)
		return CRYPTO_ERR_BUFFER;
	status = backend_of(group)->import_peer(group, peer, &peer_key);
	if (status == CRYPTO_OK)
		status = derive(key, peer_key, secret, cap);
	if (status != CRYPTO_OK)
		OPENSSL_cleanse(secret, cap);
	EVP_PKEY_free(peer_key);
	return status;
}

void dh_key_free(struct dh_key *key)
{
	if (!key)
		return;
	EVP_PKEY_free(key->pkey);
	free(key);
}
