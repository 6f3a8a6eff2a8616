/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What an IKE SA keeps about rekeys beyond one exchange: the timer of
 * its own IKE rekey, that rekey while it is out, and the peer's rekeys
 * answered while one of ours was out (the collisions of RFC 7296
 * §2.8.1 and §2.8.2, resolved when our answer arrives).  Allocated on
 * first use (ike_rekey_state), freed with the SA.
 */
#ifndef VGATE_IKE_IKE_REKEY_H
#define VGATE_IKE_IKE_REKEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "ike/dh.h"

#define IKE_NONCE_MAX 256	/* RFC 7296 §3.9: 16 to 256 octets */
#define IKE_REKEY_NONCE_LEN 32	/* ours */

/* The lower of the two nonces of one exchange. */
struct ike_rekey_nonce {
	uint8_t data[IKE_NONCE_MAX];
	size_t len;
};

struct ike_rekey {
	struct event *timer;		/* our rekey is due; or, once the SA
					 * was replaced, its removal */
	time_t hard_end;		/* established + lifetime */
	bool retiring;			/* replaced: the timer removes it */

	/* our CREATE_CHILD_SA rekeying the IKE SA */
	bool active;
	uint8_t spi[8];			/* the new SA's SPI, ours */
	uint8_t ni[IKE_REKEY_NONCE_LEN];
	const struct xf_dh *group;	/* of our KE */
	struct dh_key *dh;
	unsigned int ke_restarts;	/* INVALID_KE_PAYLOAD answers */

	/* the peer's IKE rekey we answered while ours was out */
	bool ike_theirs;
	uint8_t ike_theirs_spi[8];	/* our SPI of the SA it made */
	struct ike_rekey_nonce ike_theirs_low;

	/* the peer's CHILD rekey answered while ours of the same SA was out */
	uint32_t child_theirs_spi;	/* our inbound SPI of its SA; 0: none */
	struct ike_rekey_nonce child_theirs_low;
};

#endif
