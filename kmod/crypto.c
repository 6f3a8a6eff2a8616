// SPDX-License-Identifier: GPL-2.0
/*
 * vgate: ESP transforms on top of the kernel crypto API.
 *
 * Copyright (C) 2026 The vgate authors
 *
 * Every algorithm is driven through one AEAD interface, so that the ESP
 * code has a single path:
 *
 *  - AES-GCM-16:        rfc4106(gcm(aes)), key || 4-octet salt
 *  - ChaCha20-Poly1305: rfc7539esp(chacha20,poly1305), key || 4-octet salt
 *  - AES-CBC + HMAC:    authenc(hmac(shaN),cbc(aes)), or authencesn(...)
 *                       with extended sequence numbers; the key is the
 *                       rtattr-framed blob crypto/authenc.c parses
 *
 * No IV generator template (seqiv, echainiv) is stacked on top: the ESP
 * code writes the explicit IV itself (see esp.c), which keeps the
 * associated data layout the same for every algorithm.
 */

#include <crypto/aead.h>
#include <crypto/authenc.h>
#include <linux/kernel.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vgate.h>

#include "crypto.h"

/* RFC 4106 / RFC 7634: the salt that follows the key in the keying material */
#define VGATE_AEAD_SALT_LEN	4
#define VGATE_AEAD_ICV_LEN	16

/**
 * struct vgate_integ_desc - an ESP integrity algorithm
 * @name: its crypto API name
 * @label: its name in error messages
 * @keylen: key length in octets
 * @icvlen: truncated ICV length in octets
 */
struct vgate_integ_desc {
	const char *name;
	const char *label;
	unsigned int keylen;
	unsigned int icvlen;
};

static const struct vgate_integ_desc vgate_integ_descs[] = {
	[VGATE_INTEG_HMAC_SHA1_96] = {
		.name = "hmac(sha1)", .label = "HMAC-SHA-1-96",
		.keylen = 20, .icvlen = 12,
	},
	[VGATE_INTEG_HMAC_SHA2_256_128] = {
		.name = "hmac(sha256)", .label = "HMAC-SHA-256-128",
		.keylen = 32, .icvlen = 16,
	},
	[VGATE_INTEG_HMAC_SHA2_384_192] = {
		.name = "hmac(sha384)", .label = "HMAC-SHA-384-192",
		.keylen = 48, .icvlen = 24,
	},
	[VGATE_INTEG_HMAC_SHA2_512_256] = {
		.name = "hmac(sha512)", .label = "HMAC-SHA-512-256",
		.keylen = 64, .icvlen = 32,
	},
};

#ifdef VGATE_SELFTESTS
/*
 * The ESP self-tests wrap transforms in this template ("cryptd") to have
 * every request complete asynchronously.  cryptd needs a synchronous
 * child, so the generic implementations are named explicitly.
 */
const char *vgate_crypto_selftest_wrap;

static const char *vgate_crypto_selftest_name(const char *name)
{
	static const char *const generic[][2] = {
		{ "rfc4106(gcm(aes))",
		  "rfc4106(gcm_base(ctr(aes-generic),ghash-generic))" },
		{ "rfc7539esp(chacha20,poly1305)",
		  "rfc7539esp(chacha20-generic,poly1305-generic)" },
		{ "authenc(hmac(sha256),cbc(aes))",
		  "authenc(hmac(sha256-generic),cbc(aes-generic))" },
		{ "authencesn(hmac(sha256),cbc(aes))",
		  "authencesn(hmac(sha256-generic),cbc(aes-generic))" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(generic); i++)
		if (!strcmp(name, generic[i][0]))
			return generic[i][1];
	return name;
}
#endif

static struct crypto_aead *vgate_crypto_alloc(const char *name,
					      struct netlink_ext_ack *extack)
{
	struct crypto_aead *aead;
#ifdef VGATE_SELFTESTS
	char wrapped[CRYPTO_MAX_ALG_NAME];

	if (vgate_crypto_selftest_wrap) {
		snprintf(wrapped, sizeof(wrapped), "%s(%s)",
			 vgate_crypto_selftest_wrap,
			 vgate_crypto_selftest_name(name));
		name = wrapped;
	}
#endif

	/* asynchronous implementations allowed: esp.c copes with them */
	aead = crypto_alloc_aead(name, 0, 0);
	if (IS_ERR(aead))
		VGATE_SET_ERR_MSG_FMT(extack,
				      "the kernel cannot provide the ESP transform",
				      "the kernel cannot provide %s (%ld)",
				      name, PTR_ERR(aead));
	return aead;
}

/* rfc4106(gcm(aes)) and rfc7539esp(chacha20,poly1305): key || salt */
static int vgate_crypto_init_aead(struct vgate_crypto *c,
				  const struct vgate_crypto_cfg *cfg,
				  struct netlink_ext_ack *extack)
{
	const char *name;
	int err;

	if (cfg->integ_alg != VGATE_INTEG_NONE) {
		NL_SET_ERR_MSG_MOD(extack,
				   "combined-mode encryption takes no integrity algorithm");
		return -EINVAL;
	}

	if (cfg->enc_alg == VGATE_ENC_AES_GCM_16) {
		if (cfg->enc_key_len != 16 + VGATE_AEAD_SALT_LEN &&
		    cfg->enc_key_len != 32 + VGATE_AEAD_SALT_LEN) {
			VGATE_SET_ERR_MSG_FMT(extack,
					      "AES-GCM needs a 20 or 36 octet key (AES key + 4 octet salt)",
					      "AES-GCM needs a 20 or 36 octet key (AES key + 4 octet salt), got %u",
					      cfg->enc_key_len);
			return -EINVAL;
		}
		name = "rfc4106(gcm(aes))";
	} else {
		if (cfg->enc_key_len != 32 + VGATE_AEAD_SALT_LEN) {
			VGATE_SET_ERR_MSG_FMT(extack,
					      "ChaCha20-Poly1305 needs a 36 octet key (key + 4 octet salt)",
					      "ChaCha20-Poly1305 needs a 36 octet key (key + 4 octet salt), got %u",
					      cfg->enc_key_len);
			return -EINVAL;
		}
		name = "rfc7539esp(chacha20,poly1305)";
	}

	c->aead = vgate_crypto_alloc(name, extack);
	if (IS_ERR(c->aead)) {
		err = PTR_ERR(c->aead);
		c->aead = NULL;
		return err;
	}

	err = crypto_aead_setkey(c->aead, cfg->enc_key, cfg->enc_key_len);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack, "the AEAD transform refused the key");
		return err;
	}
	err = crypto_aead_setauthsize(c->aead, VGATE_AEAD_ICV_LEN);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack, "the AEAD transform refused a 16 octet ICV");
		return err;
	}

	/* the explicit IV of counter modes is the sequence number */
	c->seqiv = true;
	return 0;
}

/* authenc(hmac(shaN),cbc(aes)) or authencesn(...) */
static int vgate_crypto_init_authenc(struct vgate_crypto *c,
				     const struct vgate_crypto_cfg *cfg,
				     struct netlink_ext_ack *extack)
{
	const struct vgate_integ_desc *integ;
	struct crypto_authenc_key_param *param;
	char name[CRYPTO_MAX_ALG_NAME];
	unsigned int keylen;
	struct rtattr *rta;
	u8 *key, *p;
	int err;

	if (cfg->integ_alg == VGATE_INTEG_NONE) {
		NL_SET_ERR_MSG_MOD(extack, "AES-CBC needs an integrity algorithm");
		return -EINVAL;
	}
	if (cfg->integ_alg >= ARRAY_SIZE(vgate_integ_descs) ||
	    !vgate_integ_descs[cfg->integ_alg].name) {
		VGATE_SET_ERR_MSG_FMT(extack, "unknown integrity algorithm",
				      "unknown integrity algorithm %u",
				      cfg->integ_alg);
		return -EINVAL;
	}
	integ = &vgate_integ_descs[cfg->integ_alg];

	if (cfg->enc_key_len != 16 && cfg->enc_key_len != 32) {
		VGATE_SET_ERR_MSG_FMT(extack,
				      "AES-CBC needs a 16 or 32 octet key",
				      "AES-CBC needs a 16 or 32 octet key, got %u",
				      cfg->enc_key_len);
		return -EINVAL;
	}
	if (cfg->integ_key_len != integ->keylen || !cfg->integ_key) {
		VGATE_SET_ERR_MSG_FMT(extack,
				      "the integrity key has the wrong length",
				      "%s needs a %u octet key, got %u",
				      integ->label, integ->keylen,
				      cfg->integ_key ? cfg->integ_key_len : 0);
		return -EINVAL;
	}

	snprintf(name, sizeof(name), "%s(%s,cbc(aes))",
		 cfg->esn ? "authencesn" : "authenc", integ->name);
	c->aead = vgate_crypto_alloc(name, extack);
	if (IS_ERR(c->aead)) {
		err = PTR_ERR(c->aead);
		c->aead = NULL;
		return err;
	}

	/* the layout crypto_authenc_extractkeys() parses */
	keylen = RTA_SPACE(sizeof(*param)) + cfg->integ_key_len +
		 cfg->enc_key_len;
	key = kmalloc(keylen, GFP_KERNEL);
	if (!key)
		return -ENOMEM;

	p = key;
	rta = (struct rtattr *)p;
	rta->rta_type = CRYPTO_AUTHENC_KEYA_PARAM;
	rta->rta_len = RTA_LENGTH(sizeof(*param));
	param = RTA_DATA(rta);
	param->enckeylen = cpu_to_be32(cfg->enc_key_len);
	p += RTA_SPACE(sizeof(*param));
	memcpy(p, cfg->integ_key, cfg->integ_key_len);
	p += cfg->integ_key_len;
	memcpy(p, cfg->enc_key, cfg->enc_key_len);

	err = crypto_aead_setkey(c->aead, key, keylen);
	kfree_sensitive(key);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack, "the AES-CBC transform refused the keys");
		return err;
	}

	err = crypto_aead_setauthsize(c->aead, integ->icvlen);
	if (err) {
		VGATE_SET_ERR_MSG_FMT(extack,
				      "the transform refused the truncated ICV length",
				      "%s: the transform refused a %u octet ICV",
				      integ->label, integ->icvlen);
		return err;
	}

	/* CBC needs an unpredictable IV: esp.c draws a random one */
	c->seqiv = false;
	return 0;
}

/**
 * vgate_crypto_init - allocate and key the ESP transform of an SA
 * @c: the transform to set up; zeroed here
 * @cfg: algorithms and keys; the keys stay the caller's (to wipe)
 * @extack: where to say what is wrong with @cfg
 *
 * Context: process context (may load crypto modules and sleep).
 * Return: 0, -EINVAL for an unknown algorithm, a wrong key length or a
 * missing/superfluous integrity algorithm, -ENOENT if the kernel lacks
 * the transform, -ENOMEM.  On error @c holds nothing to destroy.
 */
int vgate_crypto_init(struct vgate_crypto *c, const struct vgate_crypto_cfg *cfg,
		      struct netlink_ext_ack *extack)
{
	int err;

	memset(c, 0, sizeof(*c));

	if (!cfg->enc_key) {
		NL_SET_ERR_MSG_MOD(extack, "no encryption key");
		return -EINVAL;
	}

	switch (cfg->enc_alg) {
	case VGATE_ENC_AES_GCM_16:
	case VGATE_ENC_CHACHA20_POLY1305:
		err = vgate_crypto_init_aead(c, cfg, extack);
		break;
	case VGATE_ENC_AES_CBC:
		err = vgate_crypto_init_authenc(c, cfg, extack);
		break;
	default:
		VGATE_SET_ERR_MSG_FMT(extack, "unknown encryption algorithm",
				      "unknown encryption algorithm %u",
				      cfg->enc_alg);
		return -EINVAL;
	}
	if (err)
		goto err_free;

	c->ivlen = crypto_aead_ivsize(c->aead);
	/* the sequence number is the whole explicit IV of counter modes */
	if (c->seqiv && c->ivlen != sizeof(u64)) {
		NL_SET_ERR_MSG_MOD(extack, "unexpected IV size of the AEAD transform");
		err = -EINVAL;
		goto err_free;
	}
	c->icvlen = crypto_aead_authsize(c->aead);
	/* RFC 4303 2.4: the trailer ends on a 4-octet boundary at least */
	c->blocksize = ALIGN(crypto_aead_blocksize(c->aead), 4);
	/* the key lengths were checked above: AES-128/256, ChaCha20-256 */
	c->key_bits = (cfg->enc_key_len -
		       (cfg->enc_alg == VGATE_ENC_AES_CBC ? 0 :
			VGATE_AEAD_SALT_LEN)) * BITS_PER_BYTE;
	c->esn = cfg->esn;
	return 0;

err_free:
	vgate_crypto_destroy(c);
	return err;
}

/**
 * vgate_crypto_destroy - free the transform of an SA
 * @c: the transform; may be one vgate_crypto_init() failed on
 *
 * The crypto API wipes the key schedule when it frees the transform.
 *
 * Context: process or softirq context, once no request on @c is in
 * flight (every vgate_esp_encrypt/decrypt() @done has run).
 */
void vgate_crypto_destroy(struct vgate_crypto *c)
{
	if (c->aead)
		crypto_free_aead(c->aead);
	c->aead = NULL;
}
