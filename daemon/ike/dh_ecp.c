// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ECP groups (RFC 5903): the wire value is x | y, each coordinate padded
 * to the field size; OpenSSL takes the SEC1 form 0x04 | x | y, so the
 * prefix is added on import and dropped on export.
 */
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/param_build.h>

#include "ike/dh_backend.h"

#define SEC1_UNCOMPRESSED 0x04
/* 0x04 | x | y of P-521, the largest group */
#define SEC1_POINT_MAX (1 + 2 * 66)

/* The key pair of private key PRIV and its public POINT (SEC1). */
static enum crypto_status ecp_keypair(const struct xf_dh *group,
				      const BIGNUM *priv, const uint8_t *point,
				      EVP_PKEY **out)
{
	enum crypto_status status = CRYPTO_ERR_LIBRARY;
	OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
	OSSL_PARAM *params = NULL;
	EVP_PKEY_CTX *ctx = NULL;

	if (!bld ||
	    !OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME,
					     group->ossl_group, 0) ||
	    !OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point,
					      1 + group->public_len) ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, priv))
		goto out;
	params = OSSL_PARAM_BLD_to_param(bld);
	ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	if (!params || !ctx || EVP_PKEY_fromdata_init(ctx) != 1)
		goto out;
	/* Decoding the point checks that it lies on the curve. */
	if (EVP_PKEY_fromdata(ctx, out, EVP_PKEY_KEYPAIR, params) != 1) {
		ERR_clear_error();
		status = CRYPTO_ERR_POINT;
		goto out;
	}
	status = CRYPTO_OK;
out:
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	EVP_PKEY_CTX_free(ctx);
	return status;
}

/*
 * The group's domain parameters as a key, made on first use and kept:
 * keys generated or imported from it skip the lookup of the curve by
 * name (a provider fetch and the curve's construction), which cost as
 * much as the arithmetic.  vgated's event loop is its only user.
 */
static EVP_PKEY *group_params(const struct xf_dh *group)
{
	static EVP_PKEY *params[IKEV2_DH_ECP_521 - IKEV2_DH_ECP_256 + 1];
	unsigned int i = group->id - IKEV2_DH_ECP_256;
	EVP_PKEY_CTX *ctx;
	OSSL_PARAM p[2];

	if (i >= sizeof(params) / sizeof(params[0]))
		return NULL;
	if (params[i])
		return params[i];
	p[0] = OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME,
						(char *)group->ossl_group, 0);
	p[1] = OSSL_PARAM_construct_end();
	ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	if (!ctx || EVP_PKEY_fromdata_init(ctx) != 1 ||
	    EVP_PKEY_fromdata(ctx, &params[i], EVP_PKEY_KEY_PARAMETERS, p) != 1)
		params[i] = NULL;
	EVP_PKEY_CTX_free(ctx);
	return params[i];
}

static enum crypto_status ecp_generate(const struct xf_dh *group, EVP_PKEY **key)
{
	EVP_PKEY *params = group_params(group);
	EVP_PKEY_CTX *ctx = params ? EVP_PKEY_CTX_new_from_pkey(NULL, params, NULL)
				   : NULL;

	*key = NULL;
	if (!ctx || EVP_PKEY_keygen_init(ctx) != 1 || EVP_PKEY_keygen(ctx, key) != 1)
		*key = NULL;
	EVP_PKEY_CTX_free(ctx);
	return *key ? CRYPTO_OK : CRYPTO_ERR_LIBRARY;
}

/* d * G in SEC1 uncompressed form, after checking 0 < d < n. */
static enum crypto_status ecp_public_of(const struct xf_dh *group,
					const BIGNUM *d, uint8_t *point)
{
	EC_GROUP *curve = EC_GROUP_new_by_curve_name(EC_curve_nist2nid(group->ossl_group));
	enum crypto_status status = CRYPTO_ERR_LIBRARY;
	BN_CTX *bnctx = BN_CTX_secure_new();
	EC_POINT *q = NULL;

	if (!curve || !bnctx)
		goto out;
	if (BN_is_zero(d) || BN_cmp(d, EC_GROUP_get0_order(curve)) >= 0) {
		status = CRYPTO_ERR_RANGE;
		goto out;
	}
	q = EC_POINT_new(curve);
	if (q && EC_POINT_mul(curve, q, d, NULL, NULL, bnctx) &&
	    EC_POINT_point2oct(curve, q, POINT_CONVERSION_UNCOMPRESSED, point,
			       1 + group->public_len, bnctx) == 1 + group->public_len)
		status = CRYPTO_OK;
out:
	EC_POINT_free(q);
	EC_GROUP_free(curve);
	BN_CTX_free(bnctx);
	return status;
}

static enum crypto_status ecp_from_private(const struct xf_dh *group,
					   const uint8_t *priv, size_t len,
					   EVP_PKEY **key)
{
	uint8_t point[SEC1_POINT_MAX];
	BIGNUM *d = BN_secure_new();
	enum crypto_status status = CRYPTO_ERR_LIBRARY;

	if (len == 0 || len > group->secret_len)
		status = CRYPTO_ERR_LENGTH;
	else if (d && BN_bin2bn(priv, (int)len, d))
		status = ecp_public_of(group, d, point);
	if (status == CRYPTO_OK)
		status = ecp_keypair(group, d, point, key);
	BN_clear_free(d);
	return status;
}

static enum crypto_status ecp_export_public(const struct xf_dh *group,
					    EVP_PKEY *key, uint8_t *out)
{
	uint8_t point[SEC1_POINT_MAX];
	size_t len;

	if (EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, point,
					    sizeof(point), &len) != 1 ||
	    len != 1 + group->public_len || point[0] != SEC1_UNCOMPRESSED)
		return CRYPTO_ERR_LIBRARY;
	memcpy(out, point + 1, group->public_len);
	return CRYPTO_OK;
}

static enum crypto_status ecp_import_peer(const struct xf_dh *group,
					  const uint8_t *value, EVP_PKEY **peer)
{
	uint8_t point[SEC1_POINT_MAX];
	EVP_PKEY *params = group_params(group);
	enum crypto_status status = CRYPTO_OK;
	EVP_PKEY_CTX *ctx = NULL;

	point[0] = SEC1_UNCOMPRESSED;
	memcpy(point + 1, value, group->public_len);
	*peer = params ? EVP_PKEY_dup(params) : NULL;
	if (!*peer)
		return CRYPTO_ERR_LIBRARY;
	/*
	 * Decoding the point checks that it lies on the curve.  RFC 6989 §2:
	 * coordinates below p, on the curve, not infinity; checked again
	 * rather than trusting the decoder to have done it.  The curves have
	 * cofactor 1, so no subgroup check is needed.
	 */
	if (EVP_PKEY_set1_encoded_public_key(*peer, point, 1 + group->public_len) != 1)
		status = CRYPTO_ERR_POINT;
	else if (!(ctx = EVP_PKEY_CTX_new_from_pkey(NULL, *peer, NULL)))
		status = CRYPTO_ERR_LIBRARY;
	else if (EVP_PKEY_public_check_quick(ctx) != 1)
		status = CRYPTO_ERR_POINT;
	EVP_PKEY_CTX_free(ctx);
	if (status != CRYPTO_OK) {
		ERR_clear_error();
		EVP_PKEY_free(*peer);
		*peer = NULL;
	}
	return status;
}

const struct dh_backend dh_ecp_backend = {
	.generate = ecp_generate,
	.from_private = ecp_from_private,
	.export_public = ecp_export_public,
	.import_peer = ecp_import_peer,
};
