// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * EAP-MSCHAPv2 server (draft-kamath-pppext-eap-mschapv2, RFC 2759):
 *
 *   Challenge request  -> Response (NT-Response over our challenge)
 *   right:  Success request "S=<authenticator response> M=..."
 *           -> Success response -> EAP-Success, MSK exported
 *   wrong:  Failure request "E=691 R=0 C=... V=3 M=..."
 *           -> Failure response -> EAP-Failure
 *
 * Type-Data is OpCode, MS-CHAPv2-ID, MS-Length (the Type-Data's own
 * length), then the OpCode's fields; the client's Success and Failure
 * responses are the OpCode alone.  No retries (R=0) and no password
 * change.  The failure is recorded when the Failure request goes out:
 * strongSwan's client (5.9.8, process_peer_failure) never answers it.
 *
 * The computations and the MSK layout are in eap_mschapv2_crypto.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "auth/eap_method.h"
#include "auth/eap_mschapv2.h"

enum mschapv2_opcode {
	MSCHAPV2_OP_CHALLENGE = 1,
	MSCHAPV2_OP_RESPONSE = 2,
	MSCHAPV2_OP_SUCCESS = 3,
	MSCHAPV2_OP_FAILURE = 4,
	MSCHAPV2_OP_CHANGE_PASSWORD = 7,
};

#define MS_HEADER_LEN		4	/* OpCode, MS-CHAPv2-ID, MS-Length */
#define MS_RESPONSE_VALUE_LEN	49	/* peer challenge, 8 zeros, NT-Response, flags */
#define MS_SERVER_NAME		"vgate"
#define MS_SUCCESS_TEXT		"Welcome to vgate"
#define MS_FAILURE_TEXT		"Authentication failed"

enum mschapv2_phase {
	MS_AWAIT_RESPONSE,	/* sent the Challenge */
	MS_AWAIT_SUCCESS,	/* sent the Success request */
	MS_AWAIT_FAILURE,	/* sent the Failure request */
};

struct mschapv2_state {
	enum mschapv2_phase phase;
	uint8_t ms_id;
	uint8_t challenge[MSCHAPV2_CHALLENGE_LEN];
	uint8_t msk[MSCHAPV2_MSK_LEN];
};

/* The header of a Request; the caller has put the body after it. */
static void put_ms_header(struct eap_out *out, enum mschapv2_opcode op,
			  uint8_t ms_id, size_t body_len)
{
	size_t len = MS_HEADER_LEN + body_len;

	out->data[0] = (uint8_t)op;
	out->data[1] = ms_id;
	out->data[2] = (uint8_t)(len >> 8);
	out->data[3] = (uint8_t)len;
	out->len = len;
}

static bool random_bytes(struct eap_server *s, uint8_t *buf, size_t len)
{
	if (RAND_bytes(buf, (int)len) == 1)
		return true;
	eap_server_fail(s, EAP_FAIL_PROTOCOL, "MSCHAPv2: no random octets");
	return false;
}

static enum eap_method_result ms_start(struct eap_server *s,
				       struct eap_out *out)
{
	struct mschapv2_state *st = calloc(1, sizeof(*st));
	uint8_t *body = out->data + MS_HEADER_LEN;
	size_t name_len = strlen(MS_SERVER_NAME);

	if (!st) {
		eap_server_fail(s, EAP_FAIL_PROTOCOL, "MSCHAPv2: out of memory");
		return EAP_METHOD_FAILURE;
	}
	s->method_state = st;
	if (!random_bytes(s, st->challenge, sizeof(st->challenge)) ||
	    !random_bytes(s, &st->ms_id, 1))
		return EAP_METHOD_FAILURE;
	body[0] = MSCHAPV2_CHALLENGE_LEN;
	memcpy(body + 1, st->challenge, MSCHAPV2_CHALLENGE_LEN);
	memcpy(body + 1 + MSCHAPV2_CHALLENGE_LEN, MS_SERVER_NAME, name_len);
	put_ms_header(out, MSCHAPV2_OP_CHALLENGE, st->ms_id,
		      1 + MSCHAPV2_CHALLENGE_LEN + name_len);
	st->phase = MS_AWAIT_RESPONSE;
	return EAP_METHOD_CONTINUE;
}

static void to_hex(const uint8_t *in, size_t len, char *out)
{
	static const char digits[] = "0123456789ABCDEF";
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * len] = '\0';
}

/* The Failure request; the failure itself is already recorded. */
static enum eap_method_result send_failure(struct eap_server *s,
					   struct mschapv2_state *st,
					   struct eap_out *out)
{
	uint8_t fresh[MSCHAPV2_CHALLENGE_LEN];
	char hex[2 * MSCHAPV2_CHALLENGE_LEN + 1];
	int n;

	/* C= must be there even without retries (R=0). */
	if (!random_bytes(s, fresh, sizeof(fresh)))
		return EAP_METHOD_FAILURE;
	to_hex(fresh, sizeof(fresh), hex);
	n = snprintf((char *)out->data + MS_HEADER_LEN,
		     out->cap - MS_HEADER_LEN, "E=691 R=0 C=%s V=3 M=%s", hex,
		     MS_FAILURE_TEXT);
	put_ms_header(out, MSCHAPV2_OP_FAILURE, st->ms_id, (size_t)n);
	explicit_bzero(st->msk, sizeof(st->msk));
	st->phase = MS_AWAIT_FAILURE;
	return EAP_METHOD_CONTINUE;
}

/* The NT hash of the user's password; false (failure recorded) if none. */
static bool user_nt_hash(struct eap_server *s, uint8_t nt_hash[16])
{
	struct eap_credential cred;

	if (!eap_server_credential(s, &cred))
		return false;
	if (cred.has_nt_hash) {
		memcpy(nt_hash, cred.nt_hash, MSCHAPV2_NT_HASH_LEN);
		return true;
	}
	if (!cred.password) {
		eap_server_fail(s, EAP_FAIL_BAD_CREDENTIALS,
				"the stored form of \"%s\"'s password (%s) cannot serve MSCHAPv2, which needs the cleartext or the NT hash",
				s->identity, cred.crypt_hash ? "crypt(3) hash" : "none");
		return false;
	}
	if (!mschapv2_nt_hash(cred.password, nt_hash)) {
		eap_server_fail(s, EAP_FAIL_BAD_CREDENTIALS,
				"the stored password of \"%s\" is not UTF-8 (or too long) for MSCHAPv2",
				s->identity);
		return false;
	}
	return true;
}

/* The Success request: S=<authenticator response> M=<text>. */
static enum eap_method_result send_success(struct mschapv2_state *st,
					   const uint8_t auth_resp[20],
					   struct eap_out *out)
{
	char hex[2 * MSCHAPV2_AUTH_RESPONSE_LEN + 1];
	int n;

	to_hex(auth_resp, MSCHAPV2_AUTH_RESPONSE_LEN, hex);
	n = snprintf((char *)out->data + MS_HEADER_LEN,
		     out->cap - MS_HEADER_LEN, "S=%s M=%s", hex,
		     MS_SUCCESS_TEXT);
	put_ms_header(out, MSCHAPV2_OP_SUCCESS, st->ms_id, (size_t)n);
	st->phase = MS_AWAIT_SUCCESS;
	return EAP_METHOD_CONTINUE;
}

/* The client's Response: check its NT-Response against the password. */
static enum eap_method_result take_response(struct eap_server *s,
					    struct mschapv2_state *st,
					    const uint8_t *data, size_t len,
					    struct eap_out *out)
{
	const uint8_t *peer = data + MS_HEADER_LEN + 1;
	const uint8_t *nt_response = peer + MSCHAPV2_CHALLENGE_LEN + 8;
	const char *name = (const char *)data + MS_HEADER_LEN + 1 +
		MS_RESPONSE_VALUE_LEN;
	size_t name_len = len - MS_HEADER_LEN - 1 - MS_RESPONSE_VALUE_LEN;
	uint8_t nt_hash[MSCHAPV2_NT_HASH_LEN], expect[MSCHAPV2_NT_RESPONSE_LEN];
	uint8_t auth_resp[MSCHAPV2_AUTH_RESPONSE_LEN];
	const char *user, *id_user;
	size_t user_len, id_user_len;
	char shown[EAP_IDENTITY_MAX + 1];
	bool ok;

	if (data[MS_HEADER_LEN] != MS_RESPONSE_VALUE_LEN) {
		eap_server_fail(s, EAP_FAIL_PROTOCOL,
				"MSCHAPv2 Response Value-Size %u",
				data[MS_HEADER_LEN]);
		return EAP_METHOD_FAILURE;
	}
	if (name_len > EAP_IDENTITY_MAX) {
		eap_server_fail(s, EAP_FAIL_PROTOCOL,
				"MSCHAPv2 Name of %zu octets", name_len);
		return EAP_METHOD_FAILURE;
	}
	/* The name must be the identity's, a "DOMAIN\" aside. */
	user = mschapv2_user_part(name, name_len, &user_len);
	id_user = mschapv2_user_part(s->identity, strlen(s->identity),
				     &id_user_len);
	if (user_len != id_user_len || memcmp(user, id_user, user_len)) {
		eap_server_fail(s, EAP_FAIL_PROTOCOL,
				"MSCHAPv2 Name \"%s\" is not the identity \"%s\"",
				eap_printable((const uint8_t *)name, name_len,
					      shown, sizeof(shown)),
				s->identity);
		return EAP_METHOD_FAILURE;
	}
	if (!user_nt_hash(s, nt_hash))
		return send_failure(s, st, out);
	ok = mschapv2_nt_response(st->challenge, peer, user, user_len, nt_hash,
				  expect);
	if (ok && CRYPTO_memcmp(expect, nt_response, sizeof(expect))) {
		eap_server_fail(s, EAP_FAIL_BAD_CREDENTIALS,
				"wrong password for \"%s\" (MSCHAPv2)",
				s->identity);
		explicit_bzero(nt_hash, sizeof(nt_hash));
		return send_failure(s, st, out);
	}
	ok = ok && mschapv2_authenticator_response(nt_hash, nt_response, peer,
						   st->challenge, user,
						   user_len, auth_resp) &&
		mschapv2_msk(nt_hash, nt_response, st->msk);
	explicit_bzero(nt_hash, sizeof(nt_hash));
	explicit_bzero(expect, sizeof(expect));
	if (!ok) {
		eap_server_fail(s, EAP_FAIL_PROTOCOL,
				"MSCHAPv2: OpenSSL failed (SHA1 or DES-EDE3)");
		return EAP_METHOD_FAILURE;
	}
	return send_success(st, auth_resp, out);
}

static const char *opcode_name(uint8_t op)
{
	switch (op) {
	case MSCHAPV2_OP_CHALLENGE: return "Challenge";
	case MSCHAPV2_OP_RESPONSE: return "Response";
	case MSCHAPV2_OP_SUCCESS: return "Success";
	case MSCHAPV2_OP_FAILURE: return "Failure";
	case MSCHAPV2_OP_CHANGE_PASSWORD: return "Change-Password";
	default: return "unknown";
	}
}

static enum eap_method_result ms_input(struct eap_server *s,
				       const uint8_t *data, size_t len,
				       struct eap_out *out)
{
	struct mschapv2_state *st = s->method_state;
	uint8_t op = len ? data[0] : 0;

	/* After our Failure request, whatever comes ends it (as recorded). */
	if (st->phase == MS_AWAIT_FAILURE)
		return EAP_METHOD_FAILURE;
	if (st->phase == MS_AWAIT_SUCCESS && op == MSCHAPV2_OP_SUCCESS) {
		eap_server_set_msk(s, st->msk, sizeof(st->msk));
		return EAP_METHOD_SUCCESS;
	}
	if (st->phase == MS_AWAIT_SUCCESS && op == MSCHAPV2_OP_FAILURE) {
		eap_server_fail(s, EAP_FAIL_PROTOCOL,
				"client \"%s\" refused our MSCHAPv2 authenticator response",
				s->identity);
		return EAP_METHOD_FAILURE;
	}
	if (st->phase == MS_AWAIT_RESPONSE && op == MSCHAPV2_OP_RESPONSE) {
		if (len < MS_HEADER_LEN + 1 + MS_RESPONSE_VALUE_LEN ||
		    data[1] != st->ms_id ||
		    ((size_t)data[2] << 8 | data[3]) != len) {
			eap_server_fail(s, EAP_FAIL_PROTOCOL,
					"malformed MSCHAPv2 Response (%zu octets)",
					len);
			return EAP_METHOD_FAILURE;
		}
		return take_response(s, st, data, len, out);
	}
	if (st->phase == MS_AWAIT_RESPONSE && op == MSCHAPV2_OP_FAILURE) {
		eap_server_fail(s, EAP_FAIL_PROTOCOL,
				"client \"%s\" abandoned MSCHAPv2", s->identity);
		return EAP_METHOD_FAILURE;
	}
	eap_server_fail(s, EAP_FAIL_PROTOCOL,
			"unexpected MSCHAPv2 %s (OpCode %u) from the client",
			len ? opcode_name(op) : "empty message", op);
	return EAP_METHOD_FAILURE;
}

static void ms_free(struct eap_server *s)
{
	if (s->method_state)
		explicit_bzero(s->method_state, sizeof(struct mschapv2_state));
	free(s->method_state);
	s->method_state = NULL;
}

const struct eap_method_ops eap_mschapv2_ops = {
	.type = EAP_TYPE_MSCHAPV2,
	.start = ms_start,
	.input = ms_input,
	.free = ms_free,
};
