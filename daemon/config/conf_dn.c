// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Distinguished names: "C=US, O=Example, CN=vpn" (in the order written,
 * as `openssl x509 -subject` and strongSwan print them) to the DER of
 * an X.509 Name, and comparison of two DER names as names.
 */
#include <ctype.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "config/conf_identity.h"

static char *trim(char *s)
{
	char *end;

	s += strspn(s, " \t");
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	return s;
}

/*
 * Cuts the next RDN off *CURSOR at an unescaped ',' outside double quotes
 * (RFC 4514 and OpenSSL write "O=\"Example, Inc.\"" or "O=Example\,
 * Inc."), dropping the escapes and quotes in place.
 */
static char *next_rdn(char **cursor)
{
	char *start = *cursor, *out = start, *p = start;
	bool quoted = false;

	for (; *p && (quoted || *p != ','); p++) {
		if (*p == '"') {
			quoted = !quoted;
			continue;
		}
		if (*p == '\\' && p[1])
			p++;
		*out++ = *p;
	}
	*cursor = *p ? p + 1 : NULL;
	*out = '\0';
	return start;
}

static bool add_rdn(X509_NAME *name, const char *key, const char *value)
{
	if (X509_NAME_add_entry_by_txt(name, key, MBSTRING_UTF8,
				       (const unsigned char *)value, -1, -1, 0))
		return true;
	/* Leave no stale error for the next OpenSSL user to misread. */
	ERR_clear_error();
	return false;
}

static const char *add_rdns(X509_NAME *name, char *text)
{
	char *cursor = text;

	while (cursor) {
		char *rdn = next_rdn(&cursor), *eq = strchr(rdn, '='), *key;

		if (!eq)
			return "dn needs TYPE=value parts, e.g. \"CN=vpn,O=Example\"";
		*eq = '\0';
		key = trim(rdn);
		if (add_rdn(name, key, trim(eq + 1)))
			continue;
		/* OpenSSL knows "CN", not "cn"; "commonName" is as written. */
		for (char *k = key; *k; k++)
			*k = toupper((unsigned char)*k);
		if (!add_rdn(name, key, trim(eq + 1)))
			return "dn has an unknown attribute type or a bad value";
	}
	return NULL;
}

const char *conf_dn_parse(const char *text, uint8_t *out, size_t max,
			  size_t *len)
{
	X509_NAME *name = X509_NAME_new();
	char *copy = xstrdup(text);
	const char *problem = name ? add_rdns(name, copy) : "out of memory";
	unsigned char *p = out;
	int n;

	if (!problem) {
		n = i2d_X509_NAME(name, NULL);
		if (n <= 0)
			problem = "dn cannot be encoded";
		else if ((size_t)n > max)
			problem = "dn is longer than an identity can be (256 octets)";
		else
			*len = i2d_X509_NAME(name, &p);
	}
	X509_NAME_free(name);
	free(copy);
	return problem;
}

static X509_NAME *decode(const uint8_t *der, size_t len)
{
	const unsigned char *p = der;
	X509_NAME *name = d2i_X509_NAME(NULL, &p, len);

	if (!name)
		ERR_clear_error();
	/* Trailing octets are not part of a name: no match. */
	if (name && p != der + len) {
		X509_NAME_free(name);
		return NULL;
	}
	return name;
}

bool conf_dn_equal(const uint8_t *a, size_t a_len, const uint8_t *b,
		   size_t b_len)
{
	X509_NAME *na, *nb;
	bool equal;

	if (a_len == b_len && !memcmp(a, b, a_len))
		return a_len > 0;
	na = decode(a, a_len);
	nb = decode(b, b_len);
	equal = na && nb && !X509_NAME_cmp(na, nb);
	X509_NAME_free(na);
	X509_NAME_free(nb);
	return equal;
}

int conf_dn_format(const uint8_t *der, size_t len, char *buf, size_t size)
{
	X509_NAME *name = decode(der, len);
	BIO *bio = name ? BIO_new(BIO_s_mem()) : NULL;
	int n = -1;

	if (bio && X509_NAME_print_ex(bio, name, 0,
				      XN_FLAG_ONELINE & ~XN_FLAG_SPC_EQ) >= 0) {
		n = BIO_read(bio, buf, size > 1 ? size - 1 : 0);
		buf[n > 0 ? n : 0] = '\0';
	}
	BIO_free(bio);
	X509_NAME_free(name);
	return n;
}
