// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The SSL_CTX behind EAP-TLS (RFC 5216) as server: our chain and key,
 * the anchors and CRLs that client certificates must verify against,
 * client certificates required, TLS 1.2 (see below), no session
 * resumption.  Error messages name the file at fault.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "auth/eap.h"

/* The reason of OpenSSL's latest error, or FALLBACK; clears the queue. */
static const char *openssl_reason(const char *fallback)
{
	unsigned long e = ERR_peek_last_error();
	const char *r = e ? ERR_reason_error_string(e) : NULL;

	ERR_clear_error();
	return r ? r : fallback;
}

/* A BIO on PATH, or NULL with "PATH: strerror" in ERR. */
static BIO *open_file(const char *path, const char *what, char *err,
		      size_t err_len)
{
	BIO *bio;

	if (!path || !*path) {
		snprintf(err, err_len, "EAP-TLS needs %s", what);
		return NULL;
	}
	errno = 0;
	bio = BIO_new_file(path, "rb");
	if (!bio) {
		snprintf(err, err_len, "%s: cannot open %s: %s", path, what,
			 errno ? strerror(errno) : openssl_reason("unknown"));
		ERR_clear_error();
	}
	return bio;
}

static int load_chain(SSL_CTX *ctx, const char *cert_file, char *err,
		      size_t err_len)
{
	BIO *bio = open_file(cert_file, "a certificate file", err, err_len);

	if (!bio)
		return -1;
	BIO_free(bio);
	if (SSL_CTX_use_certificate_chain_file(ctx, cert_file) != 1) {
		snprintf(err, err_len, "%s: no usable PEM certificate chain (%s)",
			 cert_file, openssl_reason("unreadable"));
		return -1;
	}
	return 0;
}

static int load_key(SSL_CTX *ctx, const char *key_file, const char *cert_file,
		    char *err, size_t err_len)
{
	BIO *bio = open_file(key_file, "a private key file", err, err_len);

	if (!bio)
		return -1;
	BIO_free(bio);
	if (SSL_CTX_use_PrivateKey_file(ctx, key_file, SSL_FILETYPE_PEM) != 1) {
		snprintf(err, err_len, "%s: no usable PEM private key (%s)",
			 key_file, openssl_reason("unreadable"));
		return -1;
	}
	if (SSL_CTX_check_private_key(ctx) != 1) {
		snprintf(err, err_len,
			 "%s: the private key does not match the certificate in %s",
			 key_file, cert_file);
		ERR_clear_error();
		return -1;
	}
	return 0;
}

/*
 * Every PEM certificate in TRUST_FILE becomes a trust anchor and a name
 * in the CertificateRequest, so a client with several certificates
 * picks one we can verify.
 */
static int load_trust(SSL_CTX *ctx, const char *trust_file, char *err,
		      size_t err_len)
{
	BIO *bio = open_file(trust_file, "a trust anchor file", err, err_len);
	X509_STORE *store = SSL_CTX_get_cert_store(ctx);
	STACK_OF(X509_NAME) *names = sk_X509_NAME_new_null();
	unsigned int n = 0;
	X509 *x;
	int ret = 0;

	if (!bio || !names) {
		if (bio)
			snprintf(err, err_len, "%s: out of memory", trust_file);
		BIO_free(bio);
		sk_X509_NAME_free(names);
		return -1;
	}
	while (ret == 0 && (x = PEM_read_bio_X509(bio, NULL, NULL, NULL))) {
		X509_NAME *name = X509_NAME_dup(X509_get_subject_name(x));

		if (!X509_STORE_add_cert(store, x) || !name ||
		    !sk_X509_NAME_push(names, name)) {
			X509_NAME_free(name);
			snprintf(err, err_len, "%s: cannot add a trust anchor (%s)",
				 trust_file, openssl_reason("out of memory"));
			ret = -1;
		}
		X509_free(x);
		n++;
	}
	BIO_free(bio);
	ERR_clear_error();	/* the loop ends on "no start line" */
	if (ret == 0 && n == 0) {
		snprintf(err, err_len, "%s: no PEM certificate in it", trust_file);
		ret = -1;
	}
	if (ret < 0) {
		sk_X509_NAME_pop_free(names, X509_NAME_free);
		return -1;
	}
	SSL_CTX_set_client_CA_list(ctx, names);
	return 0;
}

/* PEM CRLs (one or more) or a single DER CRL; checked on the whole chain. */
static int load_crls(SSL_CTX *ctx, const char *crl_file, char *err,
		     size_t err_len)
{
	BIO *bio = open_file(crl_file, "a CRL file", err, err_len);
	X509_STORE *store = SSL_CTX_get_cert_store(ctx);
	unsigned int n = 0;
	X509_CRL *crl;
	int ret = 0;

	if (!bio)
		return -1;
	while (ret == 0 && (crl = PEM_read_bio_X509_CRL(bio, NULL, NULL, NULL))) {
		ret = X509_STORE_add_crl(store, crl) ? 0 : -1;
		X509_CRL_free(crl);
		n++;
	}
	if (ret == 0 && n == 0) {
		ERR_clear_error();
		(void)BIO_reset(bio);
		crl = d2i_X509_CRL_bio(bio, NULL);
		ret = crl && X509_STORE_add_crl(store, crl) ? 0 : -1;
		X509_CRL_free(crl);
		n = crl ? 1 : 0;
	}
	BIO_free(bio);
	ERR_clear_error();
	if (ret < 0) {
		snprintf(err, err_len, "%s: %s", crl_file,
			 n ? "cannot add a CRL" : "no CRL in it (PEM or DER)");
		return -1;
	}
	X509_STORE_set_flags(store,
			     X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL);
	return 0;
}

SSL_CTX *eap_tls_ctx_new(const char *cert_file, const char *key_file,
			 const char *trust_file, const char *crl_file,
			 char *err, size_t err_len)
{
	static const unsigned char sid_ctx[] = "vgate EAP-TLS";
	SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

	if (!ctx) {
		snprintf(err, err_len, "EAP-TLS: cannot create a TLS context (%s)",
			 openssl_reason("out of memory"));
		return NULL;
	}
	if (load_chain(ctx, cert_file, err, err_len) < 0 ||
	    load_key(ctx, key_file, cert_file, err, err_len) < 0 ||
	    load_trust(ctx, trust_file, err, err_len) < 0 ||
	    (crl_file && load_crls(ctx, crl_file, err, err_len) < 0)) {
		SSL_CTX_free(ctx);
		return NULL;
	}
	SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT,
			   NULL);
	/*
	 * TLS 1.2 only, though eap_tls.c does TLS 1.3 as RFC 9190 says:
	 * strongSwan 5.9.8 (Debian bookworm's charon, our peer) set to
	 * charon.tls.version_max = 1.3 implements a draft (another MSK) and
	 * crashes on RFC 9190's commitment message, and every strongSwan up
	 * to 6.0 offers 1.2 only by default.  1.2 works with all of them.
	 */
	SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
	SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
	/* One handshake per authentication: no resumption, no renegotiation. */
	SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET | SSL_OP_NO_RENEGOTIATION |
				 SSL_OP_CIPHER_SERVER_PREFERENCE);
	SSL_CTX_set_num_tickets(ctx, 0);
	SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
	SSL_CTX_set_session_id_context(ctx, sid_ctx, sizeof(sid_ctx) - 1);
	return ctx;
}
