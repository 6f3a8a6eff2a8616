// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * MODP groups: the RFC 2409 / RFC 3526 safe primes with generator 2.
 * OpenSSL is given p and g only: it recognises the RFC 3526 groups by
 * them and adds their q and short private exponent length itself.  For
 * the RFC 2409 group it knows no q, and q = (p - 1) / 2 must not be
 * given either: its parameter check wants FIPS 186-4 sizes for an
 * explicit q, and refuses a 1023-bit one.
 */
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/param_build.h>

#include "ike/dh_backend.h"

struct modp_params {
	BIGNUM *p, *q, *g;	/* q: order of g, bounds private values */
};

static BIGNUM *modp_prime(const struct xf_dh *group)
{
	switch (group->id) {
	case IKEV2_DH_MODP_1024:
		return BN_get_rfc2409_prime_1024(NULL);
	case IKEV2_DH_MODP_1536:
		return BN_get_rfc3526_prime_1536(NULL);
	case IKEV2_DH_MODP_2048:
		return BN_get_rfc3526_prime_2048(NULL);
	case IKEV2_DH_MODP_3072:
		return BN_get_rfc3526_prime_3072(NULL);
	case IKEV2_DH_MODP_4096:
		return BN_get_rfc3526_prime_4096(NULL);
	default:
		return NULL;
	}
}

static void modp_params_free(struct modp_params *mp)
{
	BN_free(mp->p);
	BN_free(mp->q);
	BN_free(mp->g);
}

static enum crypto_status modp_params_load(const struct xf_dh *group,
					   struct modp_params *mp)
{
	mp->p = modp_prime(group);
	mp->q = BN_new();
	mp->g = BN_new();
	/* p is odd, so (p - 1) / 2 is p shifted right by one */
	if (!mp->p || !mp->q || !mp->g || !BN_rshift1(mp->q, mp->p) ||
	    !BN_set_word(mp->g, 2)) {
		modp_params_free(mp);
		return CRYPTO_ERR_LIBRARY;
	}
	return CRYPTO_OK;
}

/* An EVP_PKEY of the group holding what selection names. */
static enum crypto_status modp_fromdata(const struct modp_params *mp,
					const BIGNUM *priv, const BIGNUM *pub,
					int selection, EVP_PKEY **out)
{
	enum crypto_status status = CRYPTO_ERR_LIBRARY;
	OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
	OSSL_PARAM *params = NULL;
	EVP_PKEY_CTX *ctx = NULL;

	if (!bld || !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_FFC_P, mp->p) ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_FFC_G, mp->g) ||
	    (priv && !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, priv)) ||
	    (pub && !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PUB_KEY, pub)))
		goto out;
	params = OSSL_PARAM_BLD_to_param(bld);
	ctx = EVP_PKEY_CTX_new_from_name(NULL, "DH", NULL);
	if (params && ctx && EVP_PKEY_fromdata_init(ctx) == 1 &&
	    EVP_PKEY_fromdata(ctx, out, selection, params) == 1)
		status = CRYPTO_OK;
out:
	/* A private value sits in the secure, wiped-on-free part. */
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	EVP_PKEY_CTX_free(ctx);
	return status;
}

static enum crypto_status modp_generate(const struct xf_dh *group, EVP_PKEY **key)
{
	EVP_PKEY *domain = NULL;
	EVP_PKEY_CTX *ctx = NULL;
	struct modp_params mp;
	enum crypto_status status = modp_params_load(group, &mp);

	if (status != CRYPTO_OK)
		return status;
	status = modp_fromdata(&mp, NULL, NULL, EVP_PKEY_KEY_PARAMETERS, &domain);
	if (status == CRYPTO_OK) {
		ctx = EVP_PKEY_CTX_new_from_pkey(NULL, domain, NULL);
		if (!ctx || EVP_PKEY_keygen_init(ctx) != 1 ||
		    EVP_PKEY_keygen(ctx, key) != 1)
			status = CRYPTO_ERR_LIBRARY;
	}
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(domain);
	modp_params_free(&mp);
	return status;
}

static enum crypto_status modp_from_private(const struct xf_dh *group,
					    const uint8_t *priv, size_t len,
					    EVP_PKEY **key)
{
	BIGNUM *x = BN_secure_new(), *y = BN_new();
	BN_CTX *bnctx = BN_CTX_secure_new();
	struct modp_params mp;
	enum crypto_status status;

	if (len == 0 || len > group->public_len) {
		status = CRYPTO_ERR_LENGTH;
		goto out_bn;
	}
	status = modp_params_load(group, &mp);
	if (status != CRYPTO_OK)
		goto out_bn;
	status = CRYPTO_ERR_LIBRARY;
	if (!x || !y || !bnctx || !BN_bin2bn(priv, (int)len, x))
		goto out;
	/* The exponent of a subgroup of order q: 0 < x < q. */
	if (BN_is_zero(x) || BN_cmp(x, mp.q) >= 0) {
		status = CRYPTO_ERR_RANGE;
		goto out;
	}
	BN_set_flags(x, BN_FLG_CONSTTIME);
	if (!BN_mod_exp_mont_consttime(y, mp.g, x, mp.p, bnctx, NULL))
		goto out;
	status = modp_fromdata(&mp, x, y, EVP_PKEY_KEYPAIR, key);
out:
	modp_params_free(&mp);
out_bn:
	BN_clear_free(x);
	BN_free(y);
	BN_CTX_free(bnctx);
	return status;
}

static enum crypto_status modp_export_public(const struct xf_dh *group,
					     EVP_PKEY *key, uint8_t *out)
{
	BIGNUM *y = NULL;
	int written;

	if (EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PUB_KEY, &y) != 1)
		return CRYPTO_ERR_LIBRARY;
	written = BN_bn2binpad(y, out, (int)group->public_len);
	BN_free(y);
	return written == (int)group->public_len ? CRYPTO_OK : CRYPTO_ERR_LIBRARY;
}

static enum crypto_status modp_import_peer(const struct xf_dh *group,
					   const uint8_t *value, EVP_PKEY **peer)
{
	BIGNUM *y = BN_bin2bn(value, (int)group->public_len, NULL);
	BIGNUM *p_minus_1 = BN_new();
	struct modp_params mp;
	enum crypto_status status = CRYPTO_ERR_LIBRARY;

	if (!y || !p_minus_1 || modp_params_load(group, &mp) != CRYPTO_OK)
		goto out_bn;
	if (!BN_sub(p_minus_1, mp.p, BN_value_one()))
		goto out;
	/* RFC 6989 §2: 1 and p-1 would give a trivial secret */
	if (BN_cmp(y, BN_value_one()) <= 0 || BN_cmp(y, p_minus_1) >= 0) {
		status = CRYPTO_ERR_RANGE;
		goto out;
	}
	status = modp_fromdata(&mp, NULL, y, EVP_PKEY_PUBLIC_KEY, peer);
out:
	modp_params_free(&mp);
out_bn:
	BN_free(y);
	BN_free(p_minus_1);
	return status;
}

const struct dh_backend dh_modp_backend = {
	.generate = modp_generate,
	.from_private = modp_from_private,
	.export_public = modp_export_public,
	.import_peer = modp_import_peer,
};
