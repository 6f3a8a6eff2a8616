/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The octets every IKEv2 AUTH payload signs or MACs (RFC 7296 §2.15):
 * the sender's IKE_SA_INIT message, the other side's nonce, and
 * prf(SK_p, the sender's ID payload body).
 */
#ifndef VGATE_AUTH_OCTETS_H
#define VGATE_AUTH_OCTETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ike/ike_sa.h"

/* Those of the initiator (BY_INITIATOR) or responder; malloc'ed, or NULL. */
uint8_t *auth_octets(const struct ike_sa *sa, bool by_initiator,
		     const uint8_t *id_body, size_t id_len, size_t *len);

#endif
