// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Loading a profile's certificate files: our chain and key, the trust
 * anchors and the CRLs, with messages that name the file at fault.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "auth/cert_internal.h"
#include "common/xalloc.h"

#define CERT_FILE_MAX	(1u << 20)	/* no PEM file of ours is bigger */

/*
 * The whole file into a buffer of ours, unbuffered, so that the only
 * copy of a private key outside OpenSSL is one we wipe.
 */
static uint8_t *read_file(const char *path, size_t *len, char *err,
			  size_t err_len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	size_t n;

	if (!f) {
		snprintf(err, err_len, "cannot read %s: %s", path,
			 strerror(errno));
		return NULL;
	}
	setvbuf(f, NULL, _IONBF, 0);
	buf = xcalloc(1, CERT_FILE_MAX + 1);
	n = fread(buf, 1, CERT_FILE_MAX + 1, f);
	if (ferror(f) || n > CERT_FILE_MAX) {
		snprintf(err, err_len, "cannot read %s: %s", path,
			 ferror(f) ? strerror(errno) : "larger than 1 MiB");
		explicit_bzero(buf, CERT_FILE_MAX + 1);
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

static void wipe_free(uint8_t *buf)
{
	if (buf) {
		explicit_bzero(buf, CERT_FILE_MAX + 1);
		free(buf);
	}
}

/* Every PEM certificate of PATH onto OUT; -1 when there is none. */
static int read_certs(const char *path, STACK_OF(X509) *out, char *err,
		      size_t err_len)
{
	size_t len;
	uint8_t *buf = read_file(path, &len, err, err_len);
	BIO *bio;
	X509 *x;

	if (!buf)
		return -1;
	bio = BIO_new_mem_buf(buf, (int)len);
	while (bio && (x = PEM_read_bio_X509(bio, NULL, NULL, NULL))) {
		if (!sk_X509_push(out, x)) {
			X509_free(x);
			break;
		}
	}
	BIO_free(bio);
	wipe_free(buf);
	/* the loop ends on "no start line" at the end of the file */
	if (ERR_GET_REASON(ERR_peek_last_error()) == PEM_R_NO_START_LINE &&
	    sk_X509_num(out) > 0)
		ERR_clear_error();
	if (sk_X509_num(out) == 0) {
		ERR_clear_error();
		snprintf(err, err_len, "%s: no PEM certificate in it", path);
		return -1;
	}
	if (ERR_peek_error()) {
		cert_fail(err, err_len, "%s: cannot parse certificate %d",
			  path, sk_X509_num(out) + 1);
		return -1;
	}
	return 0;
}

/* Valid now?  Our own certificate only: the peer's is checked later. */
static int check_dates(const char *path, X509 *x, char *err, size_t err_len)
{
	const ASN1_TIME *t;
	char when[64] = "?";
	BIO *bio;
	int expired;

	if (X509_cmp_current_time(X509_get0_notAfter(x)) < 0) {
		t = X509_get0_notAfter(x);
		expired = 1;
	} else if (X509_cmp_current_time(X509_get0_notBefore(x)) > 0) {
		t = X509_get0_notBefore(x);
		expired = 0;
	} else {
		return 0;
	}
	bio = BIO_new(BIO_s_mem());
	if (bio && ASN1_TIME_print(bio, t) > 0) {
		int n = BIO_read(bio, when, sizeof(when) - 1);

		when[n > 0 ? n : 0] = '\0';
	}
	BIO_free(bio);
	snprintf(err, err_len, "%s: certificate %s %s", path,
		 expired ? "expired on" : "not valid until", when);
	return -1;
}

static int load_chain(struct auth_certs *ac, const char *path, char *err,
		      size_t err_len)
{
	STACK_OF(X509) *certs = sk_X509_new_null();
	int n, ret = -1;

	if (!certs || read_certs(path, certs, err, err_len) < 0)
		goto out;
	n = sk_X509_num(certs);
	if (n > AUTH_CERTS_CHAIN_MAX) {
		snprintf(err, err_len, "%s: %d certificates, at most %d",
			 path, n, AUTH_CERTS_CHAIN_MAX);
		goto out;
	}
	if (check_dates(path, sk_X509_value(certs, 0), err, err_len) < 0)
		goto out;
	for (int i = 0; i < n; i++) {
		unsigned char *der = NULL;
		int len = i2d_X509(sk_X509_value(certs, i), &der);

		if (len <= 0) {
			cert_fail(err, err_len, "%s: cannot encode", path);
			goto out;
		}
		ac->chain[i] = sk_X509_value(certs, i);
		ac->chain_der[i] = der;
		ac->chain_der_len[i] = (size_t)len;
		ac->n_chain++;
	}
	ret = 0;
out:
	/* the certificates now belong to AC; on failure free the rest */
	for (int i = (int)ac->n_chain; certs && i < sk_X509_num(certs); i++)
		X509_free(sk_X509_value(certs, i));
	sk_X509_free(certs);
	return ret;
}

/* vgated starts unattended: an encrypted key is an error, not a prompt */
static int no_passphrase(char *buf, int size, int rwflag, void *u)
{
	(void)buf;
	(void)size;
	(void)rwflag;
	(void)u;
	return -1;
}

static int load_key(struct auth_certs *ac, const char *path, char *err,
		    size_t err_len)
{
	size_t len;
	uint8_t *buf = read_file(path, &len, err, err_len);
	enum cert_key_kind kind;
	BIO *bio;

	if (!buf)
		return -1;
	bio = BIO_new_mem_buf(buf, (int)len);
	ac->key = bio ? PEM_read_bio_PrivateKey(bio, NULL, no_passphrase, NULL)
		      : NULL;
	BIO_free(bio);
	wipe_free(buf);
	if (!ac->key) {
		cert_fail(err, err_len, "%s: cannot parse the private key (PEM, unencrypted)",
			  path);
		return -1;
	}
	kind = cert_key_kind(ac->key);
	if (kind == CERT_KEY_OTHER) {
		snprintf(err, err_len, "%s: %s keys are not supported (RSA or ECDSA P-256, P-384, P-521)",
			 path, EVP_PKEY_get0_type_name(ac->key));
		return -1;
	}
	if (kind == CERT_KEY_RSA && EVP_PKEY_get_bits(ac->key) < 2048) {
		snprintf(err, err_len, "%s: RSA key of %d bits, at least 2048 needed",
			 path, EVP_PKEY_get_bits(ac->key));
		return -1;
	}
	return 0;
}

static int load_trust(struct auth_certs *ac, const char *path, char *err,
		      size_t err_len)
{
	ac->anchors = sk_X509_new_null();
	ac->store = X509_STORE_new();
	if (!ac->anchors || !ac->store) {
		cert_fail(err, err_len, "%s: out of memory", path);
		return -1;
	}
	if (read_certs(path, ac->anchors, err, err_len) < 0)
		return -1;
	for (int i = 0; i < sk_X509_num(ac->anchors); i++) {
		if (!X509_STORE_add_cert(ac->store,
					 sk_X509_value(ac->anchors, i))) {
			cert_fail(err, err_len, "%s: cannot add certificate %d",
				  path, i + 1);
			return -1;
		}
	}
	/* IKE has no extended key usage of its own: any purpose will do */
	X509_STORE_set_purpose(ac->store, X509_PURPOSE_ANY);
	/* as an IOS trustpoint, an intermediate CA may be the anchor */
	X509_STORE_set_flags(ac->store, X509_V_FLAG_PARTIAL_CHAIN);
	return 0;
}

/* PEM CRLs (one or more) or a single DER CRL into the store. */
static int load_crls(struct auth_certs *ac, const char *path, char *err,
		     size_t err_len)
{
	size_t len;
	uint8_t *buf = read_file(path, &len, err, err_len);
	int count = 0, ret = -1;
	X509_CRL *crl;
	BIO *bio;

	if (!buf)
		return -1;
	bio = BIO_new_mem_buf(buf, (int)len);
	while (bio && (crl = PEM_read_bio_X509_CRL(bio, NULL, NULL, NULL))) {
		ret = X509_STORE_add_crl(ac->store, crl) ? 0 : -1;
		X509_CRL_free(crl);
		if (ret < 0)
			goto out;
		count++;
	}
	if (!count) {
		const unsigned char *p = buf;

		ERR_clear_error();
		crl = d2i_X509_CRL(NULL, &p, (long)len);
		if (crl && X509_STORE_add_crl(ac->store, crl))
			count++;
		X509_CRL_free(crl);
	}
	ret = count ? 0 : -1;
out:
	BIO_free(bio);
	wipe_free(buf);
	if (ret < 0) {
		cert_fail(err, err_len, "%s: %s", path, count ?
			  "cannot add a CRL" : "no CRL in it (PEM or DER)");
		return -1;
	}
	ERR_clear_error();
	/* every certificate of the chain, not just the end entity */
	X509_STORE_set_flags(ac->store,
			     X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL);
	return 0;
}

struct auth_certs *auth_certs_load(const char *cert_file, const char *key_file,
				   const char *trust_file, const char *crl_file,
				   char *err, size_t err_len)
{
	struct auth_certs *ac = xcalloc(1, sizeof(*ac));

	ERR_clear_error();
	if (cert_file && load_chain(ac, cert_file, err, err_len) < 0)
		goto fail;
	if (key_file && load_key(ac, key_file, err, err_len) < 0)
		goto fail;
	if (ac->n_chain && ac->key &&
	    EVP_PKEY_eq(X509_get0_pubkey(ac->chain[0]), ac->key) != 1) {
		snprintf(err, err_len, "%s: private key does not match the certificate in %s",
			 key_file, cert_file);
		goto fail;
	}
	if (crl_file && !trust_file) {
		snprintf(err, err_len, "%s: a CRL needs trust anchors", crl_file);
		goto fail;
	}
	if (trust_file && load_trust(ac, trust_file, err, err_len) < 0)
		goto fail;
	if (crl_file && load_crls(ac, crl_file, err, err_len) < 0)
		goto fail;
	ERR_clear_error();
	return ac;
fail:
	ERR_clear_error();
	auth_certs_free(ac);
	return NULL;
}

void auth_certs_free(struct auth_certs *ac)
{
	if (!ac)
		return;
	for (size_t i = 0; i < ac->n_chain; i++) {
		X509_free(ac->chain[i]);
		OPENSSL_free(ac->chain_der[i]);
	}
	EVP_PKEY_free(ac->key);	/* clears the key material */
	X509_STORE_free(ac->store);
	sk_X509_pop_free(ac->anchors, X509_free);
	free(ac);
}
