/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Certificate authentication for IKEv2 (RFC 7296 §2.15, §3.6-3.8; RFC
 * 4754; RFC 7427): a profile's own certificate chain and private key,
 * its trust anchors and CRLs, signing our AUTH payload and verifying the
 * peer's certificates, identity and AUTH payload.
 *
 * A loaded struct auth_certs is read-only, so worker threads may sign
 * and verify with the same one at the same time.
 */
#ifndef VGATE_AUTH_CERT_H
#define VGATE_AUTH_CERT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config/ikev2_conf.h"

#define AUTH_CERTS_CHAIN_MAX	8	/* certificates we send, or accept */
#define AUTH_CERTS_SIG_MAX	1040	/* our AUTH data: RSA-8192 + RFC 7427 */

struct auth_certs;

/*
 * Loads a profile's certificate material; every argument but ERR may be
 * NULL, within reason:
 *  CERT_FILE  our chain, PEM, end-entity first, then intermediates
 *  KEY_FILE   its private key, PEM, unencrypted: RSA (2048 bits or more)
 *             or ECDSA on P-256, P-384 or P-521
 *  TRUST_FILE the trust anchors, PEM, one or more CA certificates
 *  CRL_FILE   CRLs, PEM (one or more) or DER (one); with it, every
 *             certificate of a peer's chain must be covered by a CRL
 *             of its issuer, the anchor included (a root's own CRL
 *             covers the root)
 * NULL with a message naming the file in ERR when something is wrong,
 * including our own certificate being expired or not matching the key.
 */
struct auth_certs *auth_certs_load(const char *cert_file, const char *key_file,
				   const char *trust_file, const char *crl_file,
				   char *err, size_t err_len);

/* Frees everything, the private key securely.  NULL is fine. */
void auth_certs_free(struct auth_certs *ac);

/*
 * Our certificate's subject as DER, the data of an IKEV2_ID_DER_ASN1_DN
 * identity.  0, or -1 without a certificate or when CAP is too small.
 */
int auth_certs_local_dn(const struct auth_certs *ac, uint8_t *der, size_t cap,
			size_t *len);

/*
 * Our chain as DER, end-entity first, each one the data of a CERT
 * payload with encoding 4 (X.509 signature).  Fills at most MAX entries
 * of DER and LEN, pointers into AC; returns how many.
 */
size_t auth_certs_chain(const struct auth_certs *ac, const uint8_t **der,
			size_t *len, size_t max);

/*
 * CERTREQ data with encoding 4: the SHA-1 hash of each trust anchor's
 * SubjectPublicKeyInfo, concatenated (RFC 7296 §3.7).  Returns the
 * octets written, whole hashes only (0 without trust anchors).
 */
size_t auth_certs_certreq(const struct auth_certs *ac, uint8_t *out,
			  size_t cap);

/*
 * Our SIGNATURE_HASH_ALGORITHMS notify data (RFC 7427 §4): SHA2-256,
 * SHA2-384 and SHA2-512 as 16-bit ids.  Returns its length, or 0 when
 * CAP is too small.
 */
size_t auth_certs_hash_algorithms(uint8_t *out, size_t cap);

/*
 * Our AUTH payload over OCTETS (the signed octets of RFC 7296 §2.15).
 * With RFC7427 (the peer sent SIGNATURE_HASH_ALGORITHMS): method 14, the
 * AlgorithmIdentifier's length octet and DER, then the signature (RSA:
 * sha256WithRSAEncryption; ECDSA: ecdsa-with-SHA256/384/512 by curve,
 * DER).  Otherwise method 1 (RSA, PKCS#1 v1.5, SHA-1) or 9/10/11 (ECDSA
 * P-256/P-384/P-521 with SHA-256/384/512, r||s as in RFC 4754).
 * *METHOD is the AUTH method; OUT gets the AUTH data.  0, or -1 without
 * a key, with CAP too small or when OpenSSL fails.
 */
int auth_certs_sign(const struct auth_certs *ac, bool rfc7427,
		    const uint8_t *octets, size_t len, uint8_t *method,
		    uint8_t *out, size_t cap, size_t *out_len);

/*
 * Checks a peer: CERTS[0] is its end-entity certificate (DER), the
 * others untrusted intermediates.  The chain must lead to one of
 * TRUST's anchors, be valid now and, when TRUST has CRLs, not revoked;
 * ID (the peer's IDi or IDr) must be the certificate's subject (DN) or
 * in its subjectAltName (FQDN, email, address); AUTH_DATA must be the
 * certificate key's signature over OCTETS with METHOD (1, 9, 10, 11 or
 * 14; SHA-1 is refused in method 14).  0, or -1 with the reason in WHY.
 */
int auth_certs_verify(const struct auth_certs *trust,
		      const uint8_t *const *certs, const size_t *lens, size_t n,
		      const struct conf_identity *id, uint8_t method,
		      const uint8_t *auth_data, size_t auth_len,
		      const uint8_t *octets, size_t octets_len,
		      char *why, size_t why_len);

/*
 * What kind of key a certificate holds, for the profile's
 * authentication-local/remote checks: CONF_AUTH_RSA_SIG,
 * CONF_AUTH_ECDSA_SIG, or 0 (no certificate, or another kind).
 * auth_certs_local_kind is about our private key.
 */
unsigned int auth_certs_local_kind(const struct auth_certs *ac);
unsigned int auth_certs_der_kind(const uint8_t *der, size_t len);

#endif
