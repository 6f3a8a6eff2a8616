// SPDX-License-Identifier: GPL-2.0-or-later
/* What we send about ourselves: our DN, our chain, our CERTREQ. */
#include <string.h>

#include <openssl/evp.h>

#include "auth/cert_internal.h"

#define SHA1_LEN	20

int auth_certs_local_dn(const struct auth_certs *ac, uint8_t *der, size_t cap,
			size_t *len)
{
	const X509_NAME *name;
	unsigned char *p;
	int n;

	if (!ac || !ac->n_chain)
		return -1;
	name = X509_get_subject_name(ac->chain[0]);
	n = i2d_X509_NAME(name, NULL);
	if (n <= 0 || (size_t)n > cap)
		return -1;
	p = der;
	if (i2d_X509_NAME(name, &p) != n)
		return -1;
	*len = (size_t)n;
	return 0;
}

size_t auth_certs_chain(const struct auth_certs *ac, const uint8_t **der,
			size_t *len, size_t max)
{
	size_t n = 0;

	for (; ac && n < ac->n_chain && n < max; n++) {
		der[n] = ac->chain_der[n];
		len[n] = ac->chain_der_len[n];
	}
	return n;
}

size_t auth_certs_certreq(const struct auth_certs *ac, uint8_t *out,
			  size_t cap)
{
	size_t used = 0;

	for (int i = 0; ac && ac->anchors && i < sk_X509_num(ac->anchors);
	     i++) {
		X509_PUBKEY *spki =
			X509_get_X509_PUBKEY(sk_X509_value(ac->anchors, i));
		unsigned char *der = NULL;
		int len, ok;

		if (used + SHA1_LEN > cap)
			break;
		len = i2d_X509_PUBKEY(spki, &der);
		ok = len > 0 && EVP_Digest(der, (size_t)len, out + used, NULL,
					   EVP_sha1(), NULL);
		OPENSSL_free(der);
		if (ok)
			used += SHA1_LEN;
	}
	return used;
}
