/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * IKE SA key derivation (RFC 7296 §2.14, rekeying §2.18):
 *
 *	SKEYSEED = prf(Ni | Nr, g^ir)
 *	SKEYSEED = prf_old(SK_d_old, g^ir | Ni | Nr)		(rekey)
 *	SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr
 *		= prf+(SKEYSEED, Ni | Nr | SPIi | SPIr)
 *
 * SK_d and SK_p take the PRF's key size, SK_a the INTEG key size (none
 * with an AEAD), SK_e the cipher key plus its AEAD salt.  The keys live
 * in the struct, which the caller embeds in its SA and must destroy.
 */
#ifndef VGATE_IKE_KEYMAT_H
#define VGATE_IKE_KEYMAT_H

#include <stdbool.h>

#include "ike/crypto_chunk.h"
#include "ike/crypto_sk.h"
#include "ike/transform.h"

/* SHA-512 sized: the largest PRF key, INTEG key and SK_e (36) fit. */
#define KEYMAT_KEY_MAX 64
#define KEYMAT_SPI_LEN 8

struct keymat_key {
	uint8_t octets[KEYMAT_KEY_MAX];
	size_t len;
};

/*
 * What one exchange contributes: nonce data without payload headers,
 * the DH shared secret, and (IKE SAs only) the SPIs in wire order.
 */
struct keymat_exchange {
	struct crypto_chunk ni, nr;
	struct crypto_chunk g_ir;	/* len 0: no KE payload (CHILD SA only) */
	uint8_t spi_i[KEYMAT_SPI_LEN], spi_r[KEYMAT_SPI_LEN];
};

struct ike_keymat {
	struct xf_suite suite;
	struct keymat_key sk_d, sk_ai, sk_ar, sk_ei, sk_er, sk_pi, sk_pr;
};

/* SKEYSEED of a new IKE SA: prf->out_len octets to out. */
enum crypto_status keymat_skeyseed(const struct xf_prf *prf,
				   const struct keymat_exchange *ex, uint8_t *out);

/* The keys of an IKE SA from its IKE_SA_INIT exchange. */
enum crypto_status keymat_ike_derive(struct ike_keymat *km,
				     const struct xf_suite *suite,
				     const struct keymat_exchange *ex);

/*
 * The keys of the IKE SA that replaces old (CREATE_CHILD_SA rekey): old's
 * PRF and SK_d make SKEYSEED (RFC 7296 §2.18), the new suite the rest.
 */
enum crypto_status keymat_ike_rekey(struct ike_keymat *km,
				    const struct ike_keymat *old,
				    const struct xf_suite *suite,
				    const struct keymat_exchange *ex);

/*
 * The SK payload keys for messages the initiator sends (SK_ei, SK_ai)
 * or the responder sends (SK_er, SK_ar).
 */
struct crypto_sk_key keymat_ike_sk_key(const struct ike_keymat *km,
				       bool sent_by_initiator);

/* Wipes every key. */
void keymat_ike_destroy(struct ike_keymat *km);

#endif
