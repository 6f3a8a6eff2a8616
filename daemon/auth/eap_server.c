// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The EAP server framework (RFC 3748): the packet header, Identifiers,
 * the Identity exchange, method choice with the legacy Nak, the round
 * limit and the final Success/Failure.  The methods (eap_md5.c,
 * eap_gtc.c, eap_mschapv2.c, eap_tls.c) see only Type-Data.
 *
 * The conversation is strict: one Request outstanding, and any Response
 * that is not the exact answer to it ends the conversation (see eap.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "auth/eap_method.h"

enum eap_code {
	EAP_CODE_REQUEST = 1,
	EAP_CODE_RESPONSE = 2,
	EAP_CODE_SUCCESS = 3,
	EAP_CODE_FAILURE = 4,
};

#define EAP_HEADER_LEN		4	/* Code, Identifier, Length */
#define EAP_TYPED_HEADER_LEN	5	/* ... and Type */
#define EAP_DEFAULT_MAX_ROUNDS	50

static const struct eap_method_ops *const eap_methods[] = {
	&eap_md5_ops, &eap_gtc_ops, &eap_mschapv2_ops, &eap_tls_ops,
};

static const struct eap_method_ops *method_ops(unsigned int type)
{
	size_t i;

	for (i = 0; i < sizeof(eap_methods) / sizeof(eap_methods[0]); i++)
		if ((unsigned int)eap_methods[i]->type == type)
			return eap_methods[i];
	return NULL;
}

/* A type's name for a log line; BUF (at least 12 octets) for unknown ones. */
static const char *type_label(unsigned int type, char *buf, size_t cap)
{
	const char *name = eap_type_name((enum eap_type)type);

	if (name)
		return name;
	snprintf(buf, cap, "type %u", type);
	return buf;
}

/* ---- services for the methods (eap_method.h) ------------------------ */

void eap_server_fail(struct eap_server *s, enum eap_failure kind,
		     const char *fmt, ...)
{
	va_list ap;

	if (s->failure != EAP_FAIL_NONE)
		return;
	s->failure = kind;
	va_start(ap, fmt);
	vsnprintf(s->failure_reason, sizeof(s->failure_reason), fmt, ap);
	va_end(ap);
}

bool eap_server_credential(struct eap_server *s, struct eap_credential *out)
{
	memset(out, 0, sizeof(*out));
	if (!s->p.lookup || !s->p.lookup(s->p.lookup_ctx, s->identity, out)) {
		memset(out, 0, sizeof(*out));
		eap_server_fail(s, EAP_FAIL_UNKNOWN_USER, "unknown user \"%s\"",
				s->identity);
		return false;
	}
	return true;
}

void eap_server_set_msk(struct eap_server *s, const uint8_t *msk, size_t len)
{
	if (len > EAP_MSK_LEN)
		len = EAP_MSK_LEN;
	memset(s->msk, 0, sizeof(s->msk));
	memcpy(s->msk, msk, len);
	s->has_msk = true;
}

const char *eap_printable(const uint8_t *text, size_t len, char *buf,
			  size_t cap)
{
	size_t i;

	if (!cap)
		return buf;
	for (i = 0; i < len && i + 1 < cap; i++)
		buf[i] = text[i] >= 0x20 && text[i] < 0x7f ? (char)text[i] : '?';
	buf[i] = '\0';
	return buf;
}

/* ---- writing packets --------------------------------------------------- */

static void put_header(uint8_t *out, enum eap_code code, uint8_t id,
		       size_t len)
{
	out[0] = (uint8_t)code;
	out[1] = id;
	out[2] = (uint8_t)(len >> 8);
	out[3] = (uint8_t)len;
}

/* Success or Failure: 4 octets, the Identifier of the Response (§4.2). */
static enum eap_status finish(struct eap_server *s, bool success,
			      uint8_t *out, size_t *out_len)
{
	s->done = true;
	if (s->method && s->method->free)
		s->method->free(s);
	s->method_state = NULL;
	if (success && s->failure == EAP_FAIL_NONE) {
		put_header(out, EAP_CODE_SUCCESS, s->last_id, EAP_HEADER_LEN);
		*out_len = EAP_HEADER_LEN;
		return EAP_STATUS_SUCCESS;
	}
	if (s->failure == EAP_FAIL_NONE)
		eap_server_fail(s, EAP_FAIL_PROTOCOL, "%s failed without a reason",
				s->method ? eap_type_name(s->method->type) : "EAP");
	explicit_bzero(s->msk, sizeof(s->msk));
	s->has_msk = false;
	put_header(out, EAP_CODE_FAILURE, s->last_id, EAP_HEADER_LEN);
	*out_len = EAP_HEADER_LEN;
	return EAP_STATUS_FAILURE;
}

static enum eap_status fail(struct eap_server *s, enum eap_failure kind,
			    const char *reason, uint8_t *out, size_t *out_len)
{
	eap_server_fail(s, kind, "%s", reason);
	return finish(s, false, out, out_len);
}

/* Sends the Request of TYPE whose Type-Data the caller put at OUT + 5. */
static enum eap_status send_request(struct eap_server *s, uint8_t type,
				    size_t data_len, uint8_t *out,
				    size_t *out_len)
{
	unsigned int max = s->p.max_rounds ? s->p.max_rounds :
		EAP_DEFAULT_MAX_ROUNDS;

	if (s->rounds >= max) {
		eap_server_fail(s, EAP_FAIL_TOO_MANY_ROUNDS,
				"no result after %u EAP requests", max);
		return finish(s, false, out, out_len);
	}
	if (s->rounds)
		s->last_id++;
	s->rounds++;
	s->method_rounds++;
	s->last_type = type;
	put_header(out, EAP_CODE_REQUEST, s->last_id,
		   EAP_TYPED_HEADER_LEN + data_len);
	out[4] = type;
	*out_len = EAP_TYPED_HEADER_LEN + data_len;
	return EAP_STATUS_CONTINUE;
}

/* The method's room: Type-Data after the 5 octets of header. */
static struct eap_out method_out(uint8_t *out)
{
	struct eap_out o = {
		.data = out + EAP_TYPED_HEADER_LEN,
		.cap = EAP_PACKET_MAX - EAP_TYPED_HEADER_LEN,
	};

	return o;
}

static enum eap_status method_result(struct eap_server *s,
				     enum eap_method_result r,
				     const struct eap_out *o, uint8_t *out,
				     size_t *out_len)
{
	switch (r) {
	case EAP_METHOD_CONTINUE:
		if (o->len > o->cap)
			return fail(s, EAP_FAIL_PROTOCOL,
				    "method overran its buffer", out, out_len);
		return send_request(s, (uint8_t)s->method->type, o->len, out,
				    out_len);
	case EAP_METHOD_SUCCESS:
		return finish(s, true, out, out_len);
	case EAP_METHOD_FAILURE:
	default:
		return finish(s, false, out, out_len);
	}
}

static enum eap_status start_method(struct eap_server *s, unsigned int index,
				    uint8_t *out, size_t *out_len)
{
	struct eap_out o = method_out(out);

	if (s->method && s->method->free)
		s->method->free(s);
	s->method_state = NULL;
	s->method = method_ops(s->p.methods[index]);
	s->method_rounds = 0;
	s->tried |= 1u << index;
	return method_result(s, s->method->start(s, &o), &o, out, out_len);
}

/* ---- reading Responses ------------------------------------------------- */

/* The Identity Response's text (RFC 3748 §5.1), checked and kept. */
static enum eap_status take_identity(struct eap_server *s,
				     const uint8_t *data, size_t len,
				     uint8_t *out, size_t *out_len)
{
	size_t i;

	/* Some clients count the C string's terminator. */
	if (len && !data[len - 1])
		len--;
	if (!len)
		return fail(s, EAP_FAIL_PROTOCOL, "empty EAP identity", out,
			    out_len);
	if (len > EAP_IDENTITY_MAX) {
		eap_server_fail(s, EAP_FAIL_PROTOCOL,
				"EAP identity of %zu octets (at most %d)", len,
				EAP_IDENTITY_MAX);
		return finish(s, false, out, out_len);
	}
	for (i = 0; i < len; i++)
		if (data[i] < 0x20 || data[i] == 0x7f) {
			char shown[EAP_IDENTITY_MAX + 1];

			eap_server_fail(s, EAP_FAIL_PROTOCOL,
					"EAP identity \"%s\" has control characters",
					eap_printable(data, len, shown,
						      sizeof(shown)));
			return finish(s, false, out, out_len);
		}
	memcpy(s->identity, data, len);
	s->identity[len] = '\0';
	return start_method(s, 0, out, out_len);
}

/* A legacy Nak (RFC 3748 §5.3.1): its Type-Data lists the client's wishes. */
static enum eap_status take_nak(struct eap_server *s, const uint8_t *data,
				size_t len, uint8_t *out, size_t *out_len)
{
	char list[120], label[16];
	size_t i, used = 0;
	unsigned int m;

	if (!len)
		return fail(s, EAP_FAIL_PROTOCOL, "Nak without a type", out,
			    out_len);
	for (i = 0; i < len; i++)
		for (m = 0; m < s->p.n_methods; m++)
			if (data[i] == s->p.methods[m] && !(s->tried & 1u << m))
				return start_method(s, m, out, out_len);

	/* The log line lists what the client would have taken. */
	list[0] = '\0';
	for (i = 0; i < len && data[i]; i++) {
		int n = snprintf(list + used, sizeof(list) - used, "%s%s",
				 i ? ", " : "",
				 type_label(data[i], label, sizeof(label)));

		if (n < 0 || (size_t)n >= sizeof(list) - used)
			break;
		used += (size_t)n;
	}
	if (!list[0])
		eap_server_fail(s, EAP_FAIL_NO_METHOD,
				"client refused %s and offered no alternative",
				eap_type_name(s->method->type));
	else
		eap_server_fail(s, EAP_FAIL_NO_METHOD,
				"client refused %s and offered only [%s]",
				eap_type_name(s->method->type), list);
	return finish(s, false, out, out_len);
}

static enum eap_status take_response(struct eap_server *s, uint8_t type,
				     const uint8_t *data, size_t len,
				     uint8_t *out, size_t *out_len)
{
	char got[16], want[16];

	if (!s->method) {
		if (type == EAP_TYPE_IDENTITY)
			return take_identity(s, data, len, out, out_len);
	} else if (type == s->method->type) {
		struct eap_out o = method_out(out);

		return method_result(s, s->method->input(s, data, len, &o), &o,
				     out, out_len);
	} else if (type == EAP_TYPE_NAK && s->method_rounds == 1) {
		return take_nak(s, data, len, out, out_len);
	}
	eap_server_fail(s, EAP_FAIL_PROTOCOL,
			"client answered our %s Request with %s",
			type_label(s->last_type, want, sizeof(want)),
			type_label(type, got, sizeof(got)));
	return finish(s, false, out, out_len);
}

/* ---- the API (eap.h) --------------------------------------------------- */

/* The caller broke the contract on CAP: end, with a Failure if it fits. */
static enum eap_status small_buffer(struct eap_server *s, size_t cap,
				    uint8_t *out, size_t *out_len)
{
	eap_server_fail(s, EAP_FAIL_PROTOCOL, "output buffer of %zu octets",
			cap);
	if (cap >= EAP_HEADER_LEN)
		return finish(s, false, out, out_len);
	s->done = true;
	return EAP_STATUS_FAILURE;
}

static bool identity_ok(const char *id)
{
	size_t len = strlen(id), i;

	if (!len || len > EAP_IDENTITY_MAX)
		return false;
	for (i = 0; i < len; i++)
		if ((unsigned char)id[i] < 0x20 || id[i] == 0x7f)
			return false;
	return true;
}

static bool params_ok(const struct eap_server_params *p)
{
	unsigned int i, j;

	if (!p || !p->n_methods || p->n_methods > EAP_MAX_METHODS)
		return false;
	if (!p->query_identity && (!p->identity || !identity_ok(p->identity)))
		return false;
	for (i = 0; i < p->n_methods; i++) {
		if (!method_ops(p->methods[i]))
			return false;
		for (j = 0; j < i; j++)
			if (p->methods[j] == p->methods[i])
				return false;
		if (p->methods[i] == EAP_TYPE_TLS ? !p->tls_ctx : !p->lookup)
			return false;
	}
	return true;
}

struct eap_server *eap_server_new(const struct eap_server_params *p)
{
	struct eap_server *s;

	if (!params_ok(p))
		return NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->p = *p;
	if (!p->query_identity)
		strcpy(s->identity, p->identity);	/* length checked */
	s->p.identity = s->identity;
	if (p->tls_ctx && !SSL_CTX_up_ref(p->tls_ctx)) {
		free(s);
		return NULL;
	}
	return s;
}

enum eap_status eap_server_start(struct eap_server *s, uint8_t *out,
				 size_t cap, size_t *out_len)
{
	*out_len = 0;
	if (cap < EAP_PACKET_MAX)
		return small_buffer(s, cap, out, out_len);
	if (s->started)
		return fail(s, EAP_FAIL_PROTOCOL, "EAP server started twice",
			    out, out_len);
	s->started = true;
	if (RAND_bytes(&s->last_id, 1) != 1)
		return fail(s, EAP_FAIL_PROTOCOL, "no random Identifier", out,
			    out_len);
	if (!s->p.query_identity)
		return start_method(s, 0, out, out_len);
	return send_request(s, EAP_TYPE_IDENTITY, 0, out, out_len);
}

enum eap_status eap_server_input(struct eap_server *s, const uint8_t *in,
				 size_t len, uint8_t *out, size_t cap,
				 size_t *out_len)
{
	size_t eap_len;

	*out_len = 0;
	if (cap < EAP_PACKET_MAX)
		return small_buffer(s, cap, out, out_len);
	if (!s->started || s->done)
		return fail(s, EAP_FAIL_PROTOCOL, s->done ?
			    "EAP Response after the conversation ended" :
			    "EAP Response before the first Request", out,
			    out_len);
	if (len < EAP_HEADER_LEN) {
		eap_server_fail(s, EAP_FAIL_PROTOCOL,
				"truncated EAP packet of %zu octets", len);
		return finish(s, false, out, out_len);
	}
	/* Octets past Length are link-layer padding (§4.1). */
	eap_len = (size_t)in[2] << 8 | in[3];
	if (eap_len < EAP_HEADER_LEN || eap_len > len) {
		eap_server_fail(s, EAP_FAIL_PROTOCOL,
				"EAP Length %zu in a packet of %zu octets",
				eap_len, len);
		return finish(s, false, out, out_len);
	}
	if (in[0] != EAP_CODE_RESPONSE) {
		eap_server_fail(s, EAP_FAIL_PROTOCOL,
				"EAP Code %u from the client, not a Response",
				in[0]);
		return finish(s, false, out, out_len);
	}
	if (in[1] != s->last_id) {
		eap_server_fail(s, EAP_FAIL_PROTOCOL,
				"EAP Identifier %u, expected %u", in[1],
				s->last_id);
		return finish(s, false, out, out_len);
	}
	if (eap_len < EAP_TYPED_HEADER_LEN)
		return fail(s, EAP_FAIL_PROTOCOL, "EAP Response without a Type",
			    out, out_len);
	return take_response(s, in[4], in + EAP_TYPED_HEADER_LEN,
			     eap_len - EAP_TYPED_HEADER_LEN, out, out_len);
}

const char *eap_server_identity(const struct eap_server *s)
{
	return s->identity;
}

enum eap_type eap_server_method(const struct eap_server *s)
{
	return s->method ? s->method->type : 0;
}

bool eap_server_msk(const struct eap_server *s, uint8_t msk[EAP_MSK_LEN])
{
	if (!s->done || s->failure != EAP_FAIL_NONE || !s->has_msk)
		return false;
	memcpy(msk, s->msk, EAP_MSK_LEN);
	return true;
}

enum eap_failure eap_server_failure(const struct eap_server *s)
{
	return s->failure;
}

const char *eap_server_failure_reason(const struct eap_server *s)
{
	return s->failure_reason;
}

void eap_server_free(struct eap_server *s)
{
	if (!s)
		return;
	if (s->method && s->method->free)
		s->method->free(s);
	SSL_CTX_free(s->p.tls_ctx);
	explicit_bzero(s, sizeof(*s));
	free(s);
}
