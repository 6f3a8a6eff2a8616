/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The IKEv2 transforms vgated implements (RFC 7296 §3.3.2 and the IANA
 * "IKEv2 Parameters" registry), each with the sizes key derivation and
 * SK payload protection need.  Transforms are identified by the wire
 * codec's IANA numbers (ike/codec_constants.h), so a parsed proposal
 * looks its transforms up here directly.
 *
 * Transforms marked legacy (3DES, MD5, MODP 1024/1536) are here so that a
 * configuration can still reach old peers, but the config layer must only
 * offer them when the operator enabled them explicitly.
 */
#ifndef VGATE_IKE_TRANSFORM_H
#define VGATE_IKE_TRANSFORM_H

#include <stdbool.h>
#include <stddef.h>

#include "ike/codec_constants.h"

struct xf_encr {
	enum ikev2_encr_id id;
	unsigned int key_bits;	/* Key Length attribute; 0: the transform has none */
	const char *name;
	const char *ossl_cipher;
	size_t key_len;		/* cipher key octets */
	size_t salt_len;	/* AEAD: nonce salt octets after the key in SK_e */
	size_t block_len;	/* plaintext is padded to a multiple of this */
	size_t iv_len;		/* IV octets on the wire */
	size_t icv_len;		/* AEAD tag octets; 0: the ICV comes from INTEG */
	bool aead;
	bool legacy;
};

struct xf_prf {
	enum ikev2_prf_id id;
	const char *name;
	const char *ossl_digest;
	size_t out_len;		/* octets per PRF output */
	size_t key_len;		/* preferred key size: SK_d, SK_pi, SK_pr */
	bool legacy;
};

struct xf_integ {
	enum ikev2_integ_id id;
	const char *name;
	const char *ossl_digest;
	size_t key_len;		/* SK_ai/SK_ar and ESP integrity key octets */
	size_t icv_len;		/* truncated HMAC octets on the wire */
	bool legacy;
};

enum xf_dh_kind {
	XF_DH_KIND_MODP,	/* RFC 3526 / RFC 2409 prime groups */
	XF_DH_KIND_ECP,		/* RFC 5903 NIST prime curves */
	XF_DH_KIND_ECX,		/* RFC 8031 X25519 / X448 */
};

struct xf_dh {
	enum ikev2_dh_id id;
	enum xf_dh_kind kind;
	const char *name;
	const char *ossl_group;	/* OpenSSL curve or key type; NULL for MODP */
	size_t public_len;	/* KE payload data octets */
	size_t secret_len;	/* g^ir octets */
	bool legacy;
};

/*
 * The transforms keys are derived for: integ is NULL with an AEAD cipher
 * (RFC 5282), prf is unused by a CHILD SA.  The DH group only shapes
 * g^ir, which the caller passes on its own.
 */
struct xf_suite {
	const struct xf_encr *encr;
	const struct xf_integ *integ;
	const struct xf_prf *prf;
};

/*
 * NULL when vgated does not implement the transform; key_bits is the
 * Key Length attribute, 0 when the proposal had none.
 */
const struct xf_encr *xf_encr_find(enum ikev2_encr_id id, unsigned int key_bits);
const struct xf_prf *xf_prf_find(enum ikev2_prf_id id);
const struct xf_integ *xf_integ_find(enum ikev2_integ_id id);
const struct xf_dh *xf_dh_find(enum ikev2_dh_id id);

/* SK_e and ESP encryption key size: the cipher key and then its salt. */
static inline size_t xf_encr_keymat_len(const struct xf_encr *encr)
{
	return encr->key_len + encr->salt_len;
}

/*
 * True when encr, integ and (for IKE) prf fit together: an AEAD cipher
 * with no INTEG transform, any other cipher with one.
 */
bool xf_suite_is_consistent(const struct xf_suite *suite, bool needs_prf);

#endif
