// SPDX-License-Identifier: GPL-2.0-or-later
#include <arpa/inet.h>
#include <ctype.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <string.h>

#include "config/conf_identity.h"
#include "config/conf_parse.h"
#include "ike/codec_constants.h"

int conf_mem_casecmp(const uint8_t *a, const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int d = tolower(a[i]) - tolower(b[i]);

		if (d)
			return d;
	}
	return 0;
}

/* Splits "kind rest" at the first run of spaces; REST may be "". */
static const char *split_kind(const char *text, char *kind, size_t size)
{
	size_t n = strcspn(text, " \t");

	snprintf(kind, size, "%.*s", (int)(n < size ? n : size - 1), text);
	text += n;
	return text + strspn(text, " \t");
}

static const char *set_text(struct conf_identity *out, uint8_t type,
			    const char *value)
{
	size_t len = strlen(value);

	if (!len)
		return "needs a value after the identity type";
	if (len > CONF_ID_MAX)
		return "is longer than an identity can be (256 octets)";
	if (type != IKEV2_ID_KEY_ID && strpbrk(value, " \t"))
		return "must not contain spaces";
	if (type == IKEV2_ID_RFC822_ADDR && !strchr(value, '@'))
		return "email identity needs an '@'";
	out->type = type;
	out->len = len;
	memcpy(out->data, value, len);
	return NULL;
}

const char *conf_identity_parse(const char *text, bool bare_dn,
				struct conf_identity *out)
{
	char kind[16];
	const char *value = split_kind(text, kind, sizeof(kind));
	const char *problem;
	sa_family_t family;
	uint8_t addr[16];
	size_t len;

	memset(out, 0, sizeof(*out));
	if (!strcmp(kind, "address")) {
		if (conf_parse_address(value, &family, addr))
			return "address identity needs one IPv4 or IPv6 address";
		out->type = family == AF_INET ? IKEV2_ID_IPV4_ADDR : IKEV2_ID_IPV6_ADDR;
		out->len = family == AF_INET ? 4 : 16;
		memcpy(out->data, addr, out->len);
		return NULL;
	}
	if (!strcmp(kind, "fqdn"))
		return set_text(out, IKEV2_ID_FQDN, value);
	if (!strcmp(kind, "email"))
		return set_text(out, IKEV2_ID_RFC822_ADDR, value);
	if (!strcmp(kind, "key-id"))
		return set_text(out, IKEV2_ID_KEY_ID, value);
	if (!strcmp(kind, "dn")) {
		out->type = IKEV2_ID_DER_ASN1_DN;
		if (!*value)
			return bare_dn ? NULL : "dn identity needs a name, e.g. \"dn CN=vpn,O=Example\"";
		problem = conf_dn_parse(value, out->data, sizeof(out->data), &len);
		out->len = problem ? 0 : len;
		return problem;
	}
	return "must start with address, fqdn, email, key-id or dn";
}

bool conf_identity_equal(const struct conf_identity *a,
			 const struct conf_identity *b)
{
	if (a->type != b->type)
		return false;
	if (a->type == IKEV2_ID_DER_ASN1_DN)
		return conf_dn_equal(a->data, a->len, b->data, b->len);
	if (a->len != b->len)
		return false;
	if (a->type == IKEV2_ID_FQDN)
		return !conf_mem_casecmp(a->data, b->data, a->len);
	return !memcmp(a->data, b->data, a->len);
}

int conf_identity_order(const struct conf_identity *a,
			const struct conf_identity *b)
{
	if (a->type != b->type)
		return a->type - b->type;
	if (a->len != b->len)
		return a->len - b->len;
	return a->type == IKEV2_ID_FQDN ? conf_mem_casecmp(a->data, b->data, a->len)
					: memcmp(a->data, b->data, a->len);
}
