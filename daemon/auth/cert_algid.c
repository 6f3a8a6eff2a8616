// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * RFC 7427 AlgorithmIdentifiers: the one we put before our signature,
 * and the peer's, which says how its signature is to be checked.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/objects.h>
#include <openssl/rsa.h>

#include "auth/cert_internal.h"

int cert_algid_encode(enum cert_key_kind kind, uint8_t *out, size_t cap,
		      size_t *len)
{
	X509_ALGOR *alg = X509_ALGOR_new();
	unsigned char *p = out;
	int nid, n;

	switch (kind) {
	case CERT_KEY_RSA:
		nid = NID_sha256WithRSAEncryption;
		break;
	case CERT_KEY_P256:
		nid = NID_ecdsa_with_SHA256;
		break;
	case CERT_KEY_P384:
		nid = NID_ecdsa_with_SHA384;
		break;
	case CERT_KEY_P521:
		nid = NID_ecdsa_with_SHA512;
		break;
	default:
		nid = NID_undef;
	}
	/* RSA carries an explicit NULL; ECDSA leaves parameters out (RFC 5758) */
	if (!alg || nid == NID_undef ||
	    !X509_ALGOR_set0(alg, OBJ_nid2obj(nid),
			     kind == CERT_KEY_RSA ? V_ASN1_NULL : V_ASN1_UNDEF,
			     NULL)) {
		X509_ALGOR_free(alg);
		return -1;
	}
	n = i2d_X509_ALGOR(alg, NULL);
	if (n <= 0 || (size_t)n > cap || i2d_X509_ALGOR(alg, &p) != n) {
		X509_ALGOR_free(alg);
		return -1;
	}
	X509_ALGOR_free(alg);
	*len = (size_t)n;
	return 0;
}

/* Only the SHA-2 hashes RFC 7427 peers announce; never SHA-1. */
static const EVP_MD *sha2_md(const ASN1_OBJECT *obj)
{
	switch (OBJ_obj2nid(obj)) {
	case NID_sha256:
		return EVP_sha256();
	case NID_sha384:
		return EVP_sha384();
	case NID_sha512:
		return EVP_sha512();
	default:
		return NULL;
	}
}

/* Parameters absent or NULL, as both forms are seen in the wild. */
static bool params_empty(const X509_ALGOR *alg)
{
	int type;

	X509_ALGOR_get0(NULL, &type, NULL, alg);
	return type == V_ASN1_UNDEF || type == V_ASN1_NULL;
}

/* A hash AlgorithmIdentifier held inside other parameters. */
static const EVP_MD *inner_hash(const X509_ALGOR *alg)
{
	if (!alg)
		return EVP_sha1();	/* the PSS default: refused by caller */
	return params_empty(alg) ? sha2_md(alg->algorithm) : NULL;
}

/* MGF1's parameter is the hash's AlgorithmIdentifier. */
static const EVP_MD *mgf1_hash(const X509_ALGOR *mgf)
{
	const ASN1_OBJECT *obj;
	const void *val;
	int type;
	const ASN1_STRING *seq;
	const unsigned char *p;
	X509_ALGOR *hash;
	const EVP_MD *md;

	if (!mgf)
		return EVP_sha1();
	X509_ALGOR_get0(&obj, &type, &val, mgf);
	if (OBJ_obj2nid(obj) != NID_mgf1 || type != V_ASN1_SEQUENCE)
		return NULL;
	seq = val;
	p = ASN1_STRING_get0_data(seq);
	hash = d2i_X509_ALGOR(NULL, &p, ASN1_STRING_length(seq));
	md = hash && p == ASN1_STRING_get0_data(seq) + ASN1_STRING_length(seq) ?
		inner_hash(hash) : NULL;
	X509_ALGOR_free(hash);
	return md;
}

static int parse_pss(const X509_ALGOR *alg, struct cert_sig_alg *out,
		     char *why, size_t why_len)
{
	const ASN1_STRING *seq;
	const unsigned char *p;
	RSA_PSS_PARAMS *pss;
	long salt = 20, trailer = 1;	/* the ASN.1 defaults */
	int type, ret = -1;
	const void *val;

	X509_ALGOR_get0(NULL, &type, &val, alg);
	if (type != V_ASN1_SEQUENCE) {
		snprintf(why, why_len, "RSASSA-PSS without parameters");
		return -1;
	}
	seq = val;
	p = ASN1_STRING_get0_data(seq);
	pss = d2i_RSA_PSS_PARAMS(NULL, &p, ASN1_STRING_length(seq));
	if (!pss) {
		snprintf(why, why_len, "malformed RSASSA-PSS parameters");
		return -1;
	}
	out->scheme = CERT_SIG_RSA_PSS;
	out->md = inner_hash(pss->hashAlgorithm);
	out->mgf1_md = mgf1_hash(pss->maskGenAlgorithm);
	if (pss->saltLength)
		salt = ASN1_INTEGER_get(pss->saltLength);
	if (pss->trailerField)
		trailer = ASN1_INTEGER_get(pss->trailerField);
	if (!out->md || out->md == EVP_sha1() || !out->mgf1_md ||
	    out->mgf1_md == EVP_sha1())
		snprintf(why, why_len, "RSASSA-PSS with a hash other than SHA-256/384/512");
	else if (salt < 0 || salt > 512 || trailer != 1)
		snprintf(why, why_len, "RSASSA-PSS with salt length %ld, trailer %ld",
			 salt, trailer);
	else
		ret = 0;
	out->salt_len = (int)salt;
	RSA_PSS_PARAMS_free(pss);
	return ret;
}

int cert_algid_parse(const uint8_t *der, size_t len, struct cert_sig_alg *alg,
		     char *why, size_t why_len)
{
	const unsigned char *p = der;
	X509_ALGOR *a = d2i_X509_ALGOR(NULL, &p, (long)len);
	int nid, ret = -1;

	memset(alg, 0, sizeof(*alg));
	if (!a || p != der + len) {
		snprintf(why, why_len, "malformed AlgorithmIdentifier in AUTH");
		X509_ALGOR_free(a);
		return -1;
	}
	nid = OBJ_obj2nid(a->algorithm);
	switch (nid) {
	case NID_sha256WithRSAEncryption:
	case NID_sha384WithRSAEncryption:
	case NID_sha512WithRSAEncryption:
		alg->scheme = CERT_SIG_RSA_PKCS1;
		alg->md = nid == NID_sha256WithRSAEncryption ? EVP_sha256() :
			  nid == NID_sha384WithRSAEncryption ? EVP_sha384() :
							       EVP_sha512();
		ret = params_empty(a) ? 0 : -1;
		break;
	case NID_ecdsa_with_SHA256:
	case NID_ecdsa_with_SHA384:
	case NID_ecdsa_with_SHA512:
		alg->scheme = CERT_SIG_ECDSA;
		alg->md = nid == NID_ecdsa_with_SHA256 ? EVP_sha256() :
			  nid == NID_ecdsa_with_SHA384 ? EVP_sha384() :
							 EVP_sha512();
		ret = params_empty(a) ? 0 : -1;
		break;
	case NID_rsassaPss:
		ret = parse_pss(a, alg, why, why_len);
		X509_ALGOR_free(a);
		return ret;
	case NID_sha1WithRSAEncryption:
	case NID_ecdsa_with_SHA1:
		snprintf(why, why_len, "SHA-1 is refused in a digital signature (method 14)");
		X509_ALGOR_free(a);
		return -1;
	default: {
		char name[80];

		OBJ_obj2txt(name, sizeof(name), a->algorithm, 0);
		snprintf(why, why_len, "unsupported signature algorithm %s",
			 name);
		X509_ALGOR_free(a);
		return -1;
	}
	}
	if (ret < 0)
		snprintf(why, why_len, "unexpected parameters in the AlgorithmIdentifier");
	X509_ALGOR_free(a);
	return ret;
}
