// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * EAP MD5-Challenge (RFC 3748 §5.4): CHAP (RFC 1994) inside EAP.  The
 * Request carries Value-Size, a 16-octet random challenge and our name;
 * the Response's Value must be MD5(Identifier || secret || challenge).
 * The check needs the cleartext password; the method derives no MSK.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "auth/eap_method.h"

#define MD5_CHALLENGE_LEN	16
#define MD5_VALUE_LEN		16
#define MD5_SERVER_NAME		"vgate"

struct md5_state {
	uint8_t challenge[MD5_CHALLENGE_LEN];
};

static enum eap_method_result md5_start(struct eap_server *s,
					struct eap_out *out)
{
	struct md5_state *st = calloc(1, sizeof(*st));
	size_t name_len = strlen(MD5_SERVER_NAME);

	if (!st) {
		eap_server_fail(s, EAP_FAIL_PROTOCOL, "MD5: out of memory");
		return EAP_METHOD_FAILURE;
	}
	s->method_state = st;
	if (RAND_bytes(st->challenge, sizeof(st->challenge)) != 1) {
		eap_server_fail(s, EAP_FAIL_PROTOCOL, "MD5: no random challenge");
		return EAP_METHOD_FAILURE;
	}
	out->data[0] = MD5_CHALLENGE_LEN;
	memcpy(out->data + 1, st->challenge, MD5_CHALLENGE_LEN);
	memcpy(out->data + 1 + MD5_CHALLENGE_LEN, MD5_SERVER_NAME, name_len);
	out->len = 1 + MD5_CHALLENGE_LEN + name_len;
	return EAP_METHOD_CONTINUE;
}

/* CHAP's value: MD5 over the Identifier, the secret, the challenge. */
static bool chap_md5(uint8_t id, const char *secret,
		     const uint8_t challenge[MD5_CHALLENGE_LEN],
		     uint8_t value[MD5_VALUE_LEN])
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	bool ok = ctx && EVP_DigestInit_ex(ctx, EVP_md5(), NULL) &&
		EVP_DigestUpdate(ctx, &id, 1) &&
		EVP_DigestUpdate(ctx, secret, strlen(secret)) &&
		EVP_DigestUpdate(ctx, challenge, MD5_CHALLENGE_LEN) &&
		EVP_DigestFinal_ex(ctx, value, NULL);

	EVP_MD_CTX_free(ctx);
	return ok;
}

static enum eap_method_result md5_input(struct eap_server *s,
					const uint8_t *data, size_t len,
					struct eap_out *out)
{
	struct md5_state *st = s->method_state;
	struct eap_credential cred;
	uint8_t expect[MD5_VALUE_LEN];
	bool ok;

	(void)out;
	/* Value-Size, Value, then the client's name, which we do not use. */
	if (len < 1 + MD5_VALUE_LEN || data[0] != MD5_VALUE_LEN) {
		eap_server_fail(s, EAP_FAIL_PROTOCOL,
				"MD5 Response of %zu octets, Value-Size %u",
				len, len ? data[0] : 0);
		return EAP_METHOD_FAILURE;
	}
	if (!eap_server_credential(s, &cred))
		return EAP_METHOD_FAILURE;
	if (!cred.password) {
		eap_server_fail(s, EAP_FAIL_BAD_CREDENTIALS,
				"the stored form of \"%s\"'s password (%s) cannot serve MD5, which needs the cleartext",
				s->identity, cred.crypt_hash ? "crypt(3) hash" :
				cred.has_nt_hash ? "NT hash" : "none");
		return EAP_METHOD_FAILURE;
	}
	if (!chap_md5(s->last_id, cred.password, st->challenge, expect)) {
		eap_server_fail(s, EAP_FAIL_PROTOCOL, "MD5: digest failed");
		return EAP_METHOD_FAILURE;
	}
	ok = !CRYPTO_memcmp(expect, data + 1, MD5_VALUE_LEN);
	explicit_bzero(expect, sizeof(expect));
	if (!ok) {
		eap_server_fail(s, EAP_FAIL_BAD_CREDENTIALS,
				"wrong password for \"%s\" (MD5)", s->identity);
		return EAP_METHOD_FAILURE;
	}
	return EAP_METHOD_SUCCESS;
}

static void md5_free(struct eap_server *s)
{
	if (s->method_state)
		explicit_bzero(s->method_state, sizeof(struct md5_state));
	free(s->method_state);
	s->method_state = NULL;
}

const struct eap_method_ops eap_md5_ops = {
	.type = EAP_TYPE_MD5,
	.start = md5_start,
	.input = md5_input,
	.free = md5_free,
};
