/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What dh.c needs from each kind of group (dh_modp.c, dh_ecp.c,
 * dh_ecx.c): the parts that differ in how OpenSSL holds the key and in
 * how the wire format maps onto it.  Lengths are checked by dh.c.
 */
#ifndef VGATE_IKE_DH_BACKEND_H
#define VGATE_IKE_DH_BACKEND_H

#include <openssl/evp.h>

#include "ike/dh.h"

struct dh_backend {
	enum crypto_status (*generate)(const struct xf_dh *group, EVP_PKEY **key);
	enum crypto_status (*from_private)(const struct xf_dh *group,
					   const uint8_t *priv, size_t len,
					   EVP_PKEY **key);
	/* Writes exactly group->public_len octets. */
	enum crypto_status (*export_public)(const struct xf_dh *group,
					    EVP_PKEY *key, uint8_t *out);
	/* A validated public key of group->public_len octets. */
	enum crypto_status (*import_peer)(const struct xf_dh *group,
					  const uint8_t *value, EVP_PKEY **peer);
};

extern const struct dh_backend dh_modp_backend;
extern const struct dh_backend dh_ecp_backend;
extern const struct dh_backend dh_ecx_backend;

#endif
