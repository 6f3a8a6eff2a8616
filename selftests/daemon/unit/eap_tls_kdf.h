/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The EAP-TLS MSK computed the long way, from the client's secrets, to
 * check what the server exports against the RFCs rather than against
 * the same OpenSSL call:
 *   TLS 1.2 (RFC 5216 §2.3): PRF(master_secret, "client EAP encryption",
 *     client_random || server_random), the TLS 1.2 PRF of the suite's hash;
 *   TLS 1.3 (RFC 9190 §2.3, RFC 8446 §7.5): HKDF-Expand-Label(
 *     Derive-Secret(exporter_master_secret, label, ""), "exporter",
 *     Hash(context), 128), the exporter secret taken from the key log.
 */
#ifndef VGATE_TEST_EAP_TLS_KDF_H
#define VGATE_TEST_EAP_TLS_KDF_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/ssl.h>

#include "test_hex.h"

/* The client's exporter_master_secret, from its key log callback. */
static uint8_t kdf_exporter_secret[64];
static size_t kdf_exporter_len;

static void kdf_keylog(const SSL *ssl, const char *line)
{
	static const char tag[] = "EXPORTER_SECRET ";
	const char *secret;

	(void)ssl;
	if (strncmp(line, tag, sizeof(tag) - 1))
		return;
	secret = strchr(line + sizeof(tag) - 1, ' ');
	if (secret)
		kdf_exporter_len = unhex(secret + 1, kdf_exporter_secret,
					 sizeof(kdf_exporter_secret));
}

static bool kdf_run(const char *name, OSSL_PARAM *params, uint8_t *out,
		    size_t len)
{
	EVP_KDF *kdf = EVP_KDF_fetch(NULL, name, NULL);
	EVP_KDF_CTX *ctx = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
	bool ok = ctx && EVP_KDF_derive(ctx, out, len, params) == 1;

	EVP_KDF_CTX_free(ctx);
	EVP_KDF_free(kdf);
	return ok;
}

static const char *kdf_digest(SSL *ssl)
{
	const EVP_MD *md =
		SSL_CIPHER_get_handshake_digest(SSL_get_current_cipher(ssl));

	return md ? EVP_MD_get0_name(md) : "";
}

static bool kdf_msk_tls12(SSL *ssl, uint8_t msk[64])
{
	static const char label[] = "client EAP encryption";
	uint8_t master[48], seed[sizeof(label) - 1 + 64];
	size_t master_len;
	char digest[32];
	OSSL_PARAM params[4];

	master_len = SSL_SESSION_get_master_key(SSL_get_session(ssl), master,
						sizeof(master));
	memcpy(seed, label, sizeof(label) - 1);
	SSL_get_client_random(ssl, seed + sizeof(label) - 1, 32);
	SSL_get_server_random(ssl, seed + sizeof(label) - 1 + 32, 32);
	snprintf(digest, sizeof(digest), "%s", kdf_digest(ssl));
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
						     digest, 0);
	params[1] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SECRET,
						      master, master_len);
	params[2] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SEED,
						      seed, sizeof(seed));
	params[3] = OSSL_PARAM_construct_end();
	return master_len == 48 && kdf_run("TLS1-PRF", params, msk, 64);
}

/* HKDF-Expand-Label(SECRET, LABEL, CONTEXT, LEN), RFC 8446 §7.1. */
static bool kdf_expand_label(const char *digest, const uint8_t *secret,
			     size_t secret_len, const char *label,
			     const uint8_t *context, size_t context_len,
			     uint8_t *out, size_t len)
{
	uint8_t info[2 + 1 + 255 + 1 + 255];
	size_t label_len = strlen("tls13 ") + strlen(label), n = 0;
	char mode[] = "EXPAND_ONLY", md[32];
	OSSL_PARAM params[5];

	info[n++] = (uint8_t)(len >> 8);
	info[n++] = (uint8_t)len;
	info[n++] = (uint8_t)label_len;
	memcpy(info + n, "tls13 ", 6);
	memcpy(info + n + 6, label, strlen(label));
	n += label_len;
	info[n++] = (uint8_t)context_len;
	memcpy(info + n, context, context_len);
	n += context_len;
	snprintf(md, sizeof(md), "%s", digest);
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_MODE, mode, 0);
	params[1] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, md, 0);
	params[2] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY,
						      (void *)secret, secret_len);
	params[3] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO,
						      info, n);
	params[4] = OSSL_PARAM_construct_end();
	return kdf_run("HKDF", params, out, len);
}

/* The first 64 octets of TLS-Exporter(LABEL, CONTEXT, 128). */
static bool kdf_msk_tls13(SSL *ssl, const char *label, const uint8_t *context,
			  size_t context_len, uint8_t msk[64])
{
	const char *digest = kdf_digest(ssl);
	const EVP_MD *md = EVP_get_digestbyname(digest);
	uint8_t empty_hash[64], context_hash[64], secret[64], km[128];
	unsigned int hash_len = 0;
	bool ok;

	ok = md && kdf_exporter_len == (size_t)EVP_MD_get_size(md) &&
	     EVP_Digest("", 0, empty_hash, &hash_len, md, NULL) &&
	     EVP_Digest(context, context_len, context_hash, &hash_len, md,
			NULL) &&
	     kdf_expand_label(digest, kdf_exporter_secret, kdf_exporter_len,
			      label, empty_hash, hash_len, secret, hash_len) &&
	     kdf_expand_label(digest, secret, hash_len, "exporter",
			      context_hash, hash_len, km, sizeof(km));
	if (ok)
		memcpy(msk, km, 64);
	return ok;
}

#endif
