// SPDX-License-Identifier: GPL-2.0-or-later
/* Checking one signature with a public key, as an AUTH method says. */
#include <openssl/err.h>
#include <openssl/rsa.h>

#include "auth/cert_internal.h"

int cert_sig_check(EVP_PKEY *pkey, const struct cert_sig_alg *alg,
		   const uint8_t *sig, size_t sig_len, const uint8_t *octets,
		   size_t octets_len)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	EVP_PKEY_CTX *pctx;
	int ok = 0;

	if (!ctx || EVP_DigestVerifyInit(ctx, &pctx, alg->md, NULL, pkey) != 1)
		goto out;
	if (alg->scheme == CERT_SIG_RSA_PKCS1 &&
	    EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) != 1)
		goto out;
	if (alg->scheme == CERT_SIG_RSA_PSS &&
	    (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
	     EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, alg->mgf1_md) != 1 ||
	     EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, alg->salt_len) != 1))
		goto out;
	ok = EVP_DigestVerify(ctx, sig, sig_len, octets, octets_len) == 1;
out:
	EVP_MD_CTX_free(ctx);
	ERR_clear_error();
	return ok ? 0 : -1;
}
