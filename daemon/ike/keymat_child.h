/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * CHILD SA (ESP) keys, RFC 7296 §2.17:
 *
 *	KEYMAT = prf+(SK_d, [g^ir (new)] | Ni | Nr)
 *
 * taken in this order: initiator-to-responder encryption key (with its
 * AEAD salt, RFC 4106 §8.1, RFC 7634), its integrity key, then the
 * same two for responder-to-initiator.  Ni and Nr are those of
 * IKE_SA_INIT for the first CHILD SA, else of the CREATE_CHILD_SA.
 */
#ifndef VGATE_IKE_KEYMAT_CHILD_H
#define VGATE_IKE_KEYMAT_CHILD_H

#include "ike/keymat.h"

struct child_keymat {
	struct xf_suite suite;
	struct keymat_key i2r_encr, i2r_integ;	/* integ len 0 with AEAD */
	struct keymat_key r2i_encr, r2i_integ;
};

/*
 * The keys of a CHILD SA negotiated over the IKE SA ike with the ESP
 * transforms esp (encr and integ; prf unused).  ex->g_ir is empty when
 * the exchange carried no KE payload; the SPIs of ex are unused.
 */
enum crypto_status keymat_child_derive(struct child_keymat *ck,
				       const struct ike_keymat *ike,
				       const struct xf_suite *esp,
				       const struct keymat_exchange *ex);

/* Wipes every key. */
void keymat_child_destroy(struct child_keymat *ck);

#endif
