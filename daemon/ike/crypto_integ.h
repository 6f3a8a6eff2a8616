/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The INTEG transform: a truncated HMAC (RFC 2404, RFC 4868 §2.1). */
#ifndef VGATE_IKE_CRYPTO_INTEG_H
#define VGATE_IKE_CRYPTO_INTEG_H

#include "ike/crypto_hmac.h"
#include "ike/transform.h"

/* The integ->icv_len octet ICV of data under key (integ->key_len octets). */
enum crypto_status crypto_integ_icv(const struct xf_integ *integ,
				    const uint8_t *key, const uint8_t *data,
				    size_t len, uint8_t *icv);

#endif
