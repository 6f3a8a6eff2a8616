/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * IKE identities written in vgated.conf ("fqdn vpn.example.com") and
 * compared with the ones peers send: parsing into the wire form,
 * equality, and the distinguished-name (DN) encoding.
 */
#ifndef VGATE_CONFIG_CONF_IDENTITY_H
#define VGATE_CONFIG_CONF_IDENTITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config/ikev2_conf.h"

/*
 * "address 192.0.2.1" (IPV4_ADDR or IPV6_ADDR), "fqdn vpn.example.com",
 * "email user@example.com" (RFC822_ADDR), "key-id TEXT" (KEY_ID, the
 * text's octets) or "dn CN=vpn,O=Example" (DER_ASN1_DN).  BARE_DN also
 * allows "dn" alone: DER_ASN1_DN with len 0, the certificate's subject,
 * which the IKE engine fills in.  NULL on success, else why not.
 */
const char *conf_identity_parse(const char *text, bool bare_dn,
				struct conf_identity *out);

/*
 * Same type and data.  FQDNs compare case-insensitively (DNS names are);
 * DNs compare as names (OpenSSL's canonical form), so a PrintableString
 * and a UTF8String with the same text are the same DN.
 */
bool conf_identity_equal(const struct conf_identity *a,
			 const struct conf_identity *b);

/*
 * A total order on identities in which equal ones are neighbours (FQDNs
 * in any case; DNs by their octets, so one name in two encodings is
 * not): sorting and binary search of keyring identities.
 */
int conf_identity_order(const struct conf_identity *a,
			const struct conf_identity *b);

/* "CN=vpn,O=Example" as DER into OUT (MAX octets).  NULL or why not. */
const char *conf_dn_parse(const char *text, uint8_t *out, size_t max,
			  size_t *len);
bool conf_dn_equal(const uint8_t *a, size_t a_len, const uint8_t *b,
		   size_t b_len);

/* "C=US, O=Example, CN=vpn" into BUF; -1 when DER is not a name. */
int conf_dn_format(const uint8_t *der, size_t len, char *buf, size_t size);

/* Case-insensitive (ASCII) comparison of N octets; 0 when equal. */
int conf_mem_casecmp(const uint8_t *a, const uint8_t *b, size_t n);

#endif
