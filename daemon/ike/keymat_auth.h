/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The octets an AUTH payload covers (RFC 7296 §2.15):
 *
 *	octets = message | peer's nonce data | prf(SK_p, ID body)
 *
 * where message is the sender's whole IKE_SA_INIT message, SK_p is the
 * sender's SK_pi or SK_pr and the ID body is the sender's ID payload
 * after its generic header.  A signature covers the octets; a shared
 * secret (PSK, or the EAP MSK of §2.16) gives
 *
 *	AUTH = prf(prf(secret, "Key Pad for IKEv2"), octets)
 */
#ifndef VGATE_IKE_KEYMAT_AUTH_H
#define VGATE_IKE_KEYMAT_AUTH_H

#include "ike/keymat.h"

/*
 * Length of the octets for a message and nonce of these sizes; 0 if it
 * would overflow.
 */
size_t keymat_auth_octets_len(const struct xf_prf *prf, size_t message_len,
			      size_t nonce_len);

/* Writes the octets to out (cap octets of room); *out_len their length. */
enum crypto_status keymat_auth_octets(const struct xf_prf *prf,
				      const struct keymat_key *sk_p,
				      const struct crypto_chunk *message,
				      const struct crypto_chunk *nonce,
				      const struct crypto_chunk *id_body,
				      uint8_t *out, size_t cap, size_t *out_len);

/* The shared-secret AUTH data, prf->out_len octets to auth. */
enum crypto_status keymat_auth_shared_secret(const struct xf_prf *prf,
					     const uint8_t *secret,
					     size_t secret_len,
					     const uint8_t *octets,
					     size_t octets_len, uint8_t *auth);

#endif
