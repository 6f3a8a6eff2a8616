// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The transform tables.  Sizes come from the RFC defining each transform:
 * AES-CBC RFC 3602, AES-GCM RFC 5282 (4-octet salt, 8-octet IV),
 * ChaCha20-Poly1305 RFC 7634 (same layout), HMAC-SHA2 RFC 4868, the
 * groups RFC 3526, RFC 5903 and RFC 8031.
 */
#include "ike/transform.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Stream-like AEAD ciphers need no padding, so their block size is 1; the
 * receiver accepts any padding anyway (RFC 7296 §3.14).
 */
#define AES_CBC(bits) {							\
	.id = IKEV2_ENCR_AES_CBC, .key_bits = bits, .name = "aes" #bits,	\
	.ossl_cipher = "AES-" #bits "-CBC", .key_len = (bits) / 8,	\
	.block_len = 16, .iv_len = 16,					\
}
#define AES_GCM(icv, bits) {						\
	.id = IKEV2_ENCR_AES_GCM_##icv, .key_bits = bits,			\
	.name = "aes" #bits "gcm" #icv,					\
	.ossl_cipher = "AES-" #bits "-GCM", .key_len = (bits) / 8,	\
	.salt_len = 4, .block_len = 1, .iv_len = 8, .icv_len = icv,	\
	.aead = true,							\
}

static const struct xf_encr encr_table[] = {
	{
		.id = IKEV2_ENCR_3DES, .name = "3des", .ossl_cipher = "DES-EDE3-CBC",
		.key_len = 24, .block_len = 8, .iv_len = 8, .legacy = true,
	},
	AES_CBC(128), AES_CBC(192), AES_CBC(256),
	AES_GCM(8, 128), AES_GCM(12, 128), AES_GCM(16, 128),
	AES_GCM(8, 256), AES_GCM(12, 256), AES_GCM(16, 256),
	{
		/* RFC 7634: no Key Length attribute; a 32-octet key + salt */
		.id = IKEV2_ENCR_CHACHA20_POLY1305, .name = "chacha20poly1305",
		.ossl_cipher = "ChaCha20-Poly1305", .key_len = 32,
		.salt_len = 4, .block_len = 1, .iv_len = 8, .icv_len = 16,
		.aead = true,
	},
};

/* HMAC PRFs prefer a key as long as their output (RFC 7296 §2.13). */
#define HMAC_PRF(prf_id, prf_name, digest, len, is_legacy) {		\
	.id = prf_id, .name = prf_name, .ossl_digest = digest,		\
	.out_len = len, .key_len = len, .legacy = is_legacy,		\
}

static const struct xf_prf prf_table[] = {
	HMAC_PRF(IKEV2_PRF_HMAC_MD5, "prfmd5", "MD5", 16, true),
	HMAC_PRF(IKEV2_PRF_HMAC_SHA1, "prfsha1", "SHA1", 20, false),
	HMAC_PRF(IKEV2_PRF_HMAC_SHA2_256, "prfsha256", "SHA256", 32, false),
	HMAC_PRF(IKEV2_PRF_HMAC_SHA2_384, "prfsha384", "SHA384", 48, false),
	HMAC_PRF(IKEV2_PRF_HMAC_SHA2_512, "prfsha512", "SHA512", 64, false),
};

/* The key is the digest size (RFC 2104 advice, RFC 4868 §2.1.1). */
static const struct xf_integ integ_table[] = {
	{ IKEV2_AUTH_HMAC_MD5_96, "md5_96", "MD5", 16, 12, true },
	{ IKEV2_AUTH_HMAC_SHA1_96, "sha1_96", "SHA1", 20, 12, false },
	{ IKEV2_AUTH_HMAC_SHA2_256_128, "sha256_128", "SHA256", 32, 16, false },
	{ IKEV2_AUTH_HMAC_SHA2_384_192, "sha384_192", "SHA384", 48, 24, false },
	{ IKEV2_AUTH_HMAC_SHA2_512_256, "sha512_256", "SHA512", 64, 32, false },
};

/*
 * MODP values are padded to the prime length (RFC 7296 §3.4); ECP values
 * are x | y and the secret is x (RFC 5903 §7, §9); X25519/X448 values are
 * the raw u-coordinates (RFC 8031 §2).
 */
static const struct xf_dh dh_table[] = {
	{ IKEV2_DH_MODP_1024, XF_DH_KIND_MODP, "modp1024", NULL, 128, 128, true },
	{ IKEV2_DH_MODP_1536, XF_DH_KIND_MODP, "modp1536", NULL, 192, 192, true },
	{ IKEV2_DH_MODP_2048, XF_DH_KIND_MODP, "modp2048", NULL, 256, 256, false },
	{ IKEV2_DH_MODP_3072, XF_DH_KIND_MODP, "modp3072", NULL, 384, 384, false },
	{ IKEV2_DH_MODP_4096, XF_DH_KIND_MODP, "modp4096", NULL, 512, 512, false },
	{ IKEV2_DH_ECP_256, XF_DH_KIND_ECP, "ecp256", "P-256", 64, 32, false },
	{ IKEV2_DH_ECP_384, XF_DH_KIND_ECP, "ecp384", "P-384", 96, 48, false },
	{ IKEV2_DH_ECP_521, XF_DH_KIND_ECP, "ecp521", "P-521", 132, 66, false },
	{ IKEV2_DH_CURVE25519, XF_DH_KIND_ECX, "curve25519", "X25519", 32, 32, false },
	{ IKEV2_DH_CURVE448, XF_DH_KIND_ECX, "curve448", "X448", 56, 56, false },
};

const struct xf_encr *xf_encr_find(enum ikev2_encr_id id, unsigned int key_bits)
{
	for (size_t i = 0; i < ARRAY_SIZE(encr_table); i++)
		if (encr_table[i].id == id && encr_table[i].key_bits == key_bits)
			return &encr_table[i];
	return NULL;
}

const struct xf_prf *xf_prf_find(enum ikev2_prf_id id)
{
	for (size_t i = 0; i < ARRAY_SIZE(prf_table); i++)
		if (prf_table[i].id == id)
			return &prf_table[i];
	return NULL;
}

const struct xf_integ *xf_integ_find(enum ikev2_integ_id id)
{
	for (size_t i = 0; i < ARRAY_SIZE(integ_table); i++)
		if (integ_table[i].id == id)
			return &integ_table[i];
	return NULL;
}

const struct xf_dh *xf_dh_find(enum ikev2_dh_id id)
{
	for (size_t i = 0; i < ARRAY_SIZE(dh_table); i++)
		if (dh_table[i].id == id)
			return &dh_table[i];
	return NULL;
}

bool xf_suite_is_consistent(const struct xf_suite *suite, bool needs_prf)
{
	if (!suite->encr || (needs_prf && !suite->prf))
		return false;
	return suite->encr->aead ? !suite->integ : !!suite->integ;
}
