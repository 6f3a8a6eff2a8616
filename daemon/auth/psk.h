/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Shared-key authentication (RFC 7296 §2.15, AUTH method 2). */
#ifndef VGATE_AUTH_PSK_H
#define VGATE_AUTH_PSK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ike/ike_sa.h"

/*
 * The AUTH data of the initiator's (BY_INITIATOR) or the responder's
 * IKE_AUTH message with KEY and ID_BODY (the ID payload body: type,
 * reserved octets, data), sa->suite.prf->out_len octets to AUTH.
 * 0, or -1 if a computation failed.
 */
int auth_psk_compute(const struct ike_sa *sa, bool by_initiator,
		     const uint8_t *key, size_t key_len,
		     const uint8_t *id_body, size_t id_len, uint8_t *auth);

/* Constant-time check of the peer's AUTH data. */
bool auth_psk_verify(const struct ike_sa *sa, bool by_initiator,
		     const uint8_t *key, size_t key_len,
		     const uint8_t *id_body, size_t id_len,
		     const uint8_t *auth, size_t auth_len);

#endif
