// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Whether a certificate proves the peer's IKE identity (RFC 7296 §3.5,
 * RFC 4945 §3.1): a DN must be the subject, any other identity must be
 * one of the subjectAltNames, exactly (no wildcards, no CN fallback).
 */
#include <stdio.h>
#include <string.h>

#include <openssl/x509v3.h>

#include "auth/cert_internal.h"
#include "config/conf_identity.h"
#include "ike/codec_constants.h"

/* The SAN type an identity is found under, or -1. */
static int san_type(uint8_t id_type)
{
	switch (id_type) {
	case IKEV2_ID_FQDN:
		return GEN_DNS;
	case IKEV2_ID_RFC822_ADDR:
		return GEN_EMAIL;
	case IKEV2_ID_IPV4_ADDR:
	case IKEV2_ID_IPV6_ADDR:
		return GEN_IPADD;
	default:
		return -1;
	}
}

static bool san_matches(const GENERAL_NAME *gn, const struct conf_identity *id)
{
	int type;
	const void *value = GENERAL_NAME_get0_value(gn, &type);
	const ASN1_STRING *s;
	const uint8_t *data, *at;
	size_t len;

	/* only these three types hold a string */
	if (type != san_type(id->type))
		return false;
	s = value;
	data = ASN1_STRING_get0_data(s);
	len = (size_t)ASN1_STRING_length(s);
	if (len != id->len)
		return false;
	switch (id->type) {
	case IKEV2_ID_FQDN:
		return !conf_mem_casecmp(data, id->data, len);
	case IKEV2_ID_RFC822_ADDR:
		/* the mailbox is exact, the domain is a DNS name */
		at = memchr(id->data, '@', len);
		if (!at)
			return !memcmp(data, id->data, len);
		return !memcmp(data, id->data, (size_t)(at - id->data)) &&
		       !conf_mem_casecmp(data + (at - id->data), at,
					 len - (size_t)(at - id->data));
	default:
		return !memcmp(data, id->data, len);	/* 4 or 16 octets */
	}
}

int cert_id_check(X509 *cert, const struct conf_identity *id, char *why,
		  size_t why_len)
{
	char shown[300], subject[300];
	GENERAL_NAMES *sans;
	bool found = false;

	conf_identity_format(id, shown, sizeof(shown));
	if (id->type == IKEV2_ID_DER_ASN1_DN) {
		unsigned char *der = NULL;
		int len = i2d_X509_NAME(X509_get_subject_name(cert), &der);
		bool same = len > 0 && conf_dn_equal(id->data, id->len, der,
						     (size_t)len);

		OPENSSL_free(der);
		if (same)
			return 0;
		cert_name_format(X509_get_subject_name(cert), subject,
				 sizeof(subject));
		snprintf(why, why_len, "identity %s is not the certificate's subject %s",
			 shown, subject);
		return -1;
	}
	if (id->type == IKEV2_ID_KEY_ID) {
		snprintf(why, why_len, "identity %s cannot be proven by a certificate",
			 shown);
		return -1;
	}
	if (san_type(id->type) < 0) {
		snprintf(why, why_len, "identity type %u is not supported with certificates",
			 id->type);
		return -1;
	}
	sans = X509_get_ext_d2i(cert, NID_subject_alt_name, NULL, NULL);
	for (int i = 0; sans && !found && i < sk_GENERAL_NAME_num(sans); i++)
		found = san_matches(sk_GENERAL_NAME_value(sans, i), id);
	GENERAL_NAMES_free(sans);
	if (found)
		return 0;
	snprintf(why, why_len, "identity %s not in the certificate's subjectAltName",
		 shown);
	return -1;
}
