// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The IKEv2 message writer: bounded appends, Next Payload chaining,
 * length patching and the SK/SKF framing the encryptor works on.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ike/codec_build.h"
#include "ike/codec_internal.h"

#define NO_FIELD	SIZE_MAX
#define MAX_PAYLOAD_LEN	UINT16_MAX

static void set16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static void set32(uint8_t *p, uint32_t v)
{
	set16(p, v >> 16);
	set16(p + 2, v & 0xffff);
}

static bool writer_failed(const struct ike_writer *w)
{
	return w->err.code != IKE_OK;
}

void codec_writer_fail(struct ike_writer *w, enum ike_codec_err code,
		       const char *fmt, ...)
{
	va_list ap;

	if (writer_failed(w))
		return;
	w->err.code = code;
	w->err.payload_type = 0;
	w->err.offset = w->len;
	va_start(ap, fmt);
	vsnprintf(w->err.message, sizeof(w->err.message), fmt, ap);
	va_end(ap);
}

/* Reserve N octets at the end: their address, or NULL. */
static uint8_t *reserve(struct ike_writer *w, size_t n)
{
	uint8_t *p;

	if (writer_failed(w))
		return NULL;
	if (n > w->cap - w->len) {
		codec_writer_fail(w, IKE_ERR_NO_SPACE,
				  "%zu octets do not fit: %zu of %zu used",
				  n, w->len, w->cap);
		return NULL;
	}
	p = w->buf + w->len;
	w->len += n;
	return p;
}

void ike_writer_init(struct ike_writer *w, uint8_t *buf, size_t cap)
{
	*w = (struct ike_writer){
		.buf = buf,
		.cap = cap,
		.next_field = NO_FIELD,
		.open_payload = NO_FIELD,
		.sk_payload = NO_FIELD,
	};
}

/* Set the length field of the payload at PAYLOAD to reach the end. */
static bool patch_payload_length(struct ike_writer *w, size_t payload)
{
	size_t len = w->len - payload;

	if (len > MAX_PAYLOAD_LEN) {
		codec_writer_fail(w, IKE_ERR_BAD_ARGUMENT, "%s payload of %zu octets",
				  codec_payload_name(w->buf[payload]), len);
		return false;
	}
	set16(w->buf + payload + 2, (uint16_t)len);
	return true;
}

/* Lengths of the enclosing SK payload and of the message. */
static void patch_outer_lengths(struct ike_writer *w)
{
	if (w->sk_payload != NO_FIELD && !patch_payload_length(w, w->sk_payload))
		return;
	if (w->has_header)
		set32(w->buf + 24, (uint32_t)w->len);
}

void ike_write_header(struct ike_writer *w, const struct ike_header *h)
{
	uint8_t *p;

	if (w->len) {
		codec_writer_fail(w, IKE_ERR_BAD_ARGUMENT, "header after %zu octets", w->len);
		return;
	}
	p = reserve(w, IKEV2_HEADER_LEN);
	if (!p)
		return;
	memcpy(p, h->spi_i, IKEV2_SPI_LEN);
	memcpy(p + 8, h->spi_r, IKEV2_SPI_LEN);
	p[16] = IKEV2_PT_NONE;
	p[17] = IKEV2_MAJOR_VERSION << 4 | IKEV2_MINOR_VERSION;
	p[18] = h->exchange_type;
	p[19] = h->flags;
	set32(p + 20, h->message_id);
	w->has_header = true;
	w->next_field = 16;
	patch_outer_lengths(w);
}

int ike_writer_finish(struct ike_writer *w, size_t *len)
{
	if (!writer_failed(w) && w->open_payload != NO_FIELD)
		codec_writer_fail(w, IKE_ERR_BAD_ARGUMENT, "payload at offset %zu not closed",
				  w->open_payload);
	if (writer_failed(w))
		return -1;
	*len = w->len;
	return 0;
}

void ike_put_u8(struct ike_writer *w, uint8_t v)
{
	uint8_t *p = reserve(w, 1);

	if (p)
		*p = v;
}

void ike_put_u16(struct ike_writer *w, uint16_t v)
{
	uint8_t *p = reserve(w, 2);

	if (p)
		set16(p, v);
}

void ike_put_u32(struct ike_writer *w, uint32_t v)
{
	uint8_t *p = reserve(w, 4);

	if (p)
		set32(p, v);
}

void ike_put_bytes(struct ike_writer *w, const void *data, size_t len)
{
	uint8_t *p = reserve(w, len);

	if (p && len)
		memcpy(p, data, len);
}

void ike_put_zeros(struct ike_writer *w, size_t len)
{
	uint8_t *p = reserve(w, len);

	if (p)
		memset(p, 0, len);
}

void ike_payload_begin(struct ike_writer *w, uint8_t type, bool critical)
{
	size_t at = w->len;
	uint8_t *p;

	if (w->open_payload != NO_FIELD || w->sealed || w->sk_fragment) {
		codec_writer_fail(w, IKE_ERR_BAD_ARGUMENT,
				  "%s payload inside another or after SK/SKF",
				  codec_payload_name(type));
		return;
	}
	p = reserve(w, IKEV2_GENERIC_HEADER_LEN);
	if (!p)
		return;
	if (w->next_field != NO_FIELD)
		w->buf[w->next_field] = type;
	p[0] = IKEV2_PT_NONE;
	p[1] = critical ? IKEV2_PAYLOAD_CRITICAL : 0;
	set16(p + 2, IKEV2_GENERIC_HEADER_LEN);
	w->next_field = at;
	w->open_payload = at;
}

void ike_payload_end(struct ike_writer *w)
{
	if (writer_failed(w))
		return;
	if (w->open_payload == NO_FIELD) {
		codec_writer_fail(w, IKE_ERR_BAD_ARGUMENT, "no payload to close");
		return;
	}
	if (!patch_payload_length(w, w->open_payload))
		return;
	w->open_payload = NO_FIELD;
	patch_outer_lengths(w);
}

/* The generic header and IV of SK or SKF; the payload stays open. */
static void encrypted_begin(struct ike_writer *w, uint8_t type, size_t iv_len)
{
	size_t payload = w->len;

	if (w->sk_payload != NO_FIELD) {
		codec_writer_fail(w, IKE_ERR_BAD_ARGUMENT, "second encrypted payload");
		return;
	}
	ike_payload_begin(w, type, false);
	if (type == IKEV2_PT_SKF)
		ike_put_zeros(w, 4);	/* numbers, set by the caller */
	w->sk_iv = w->len;
	ike_put_zeros(w, iv_len);
	if (writer_failed(w))
		return;
	w->open_payload = NO_FIELD;
	w->sk_payload = payload;
	w->sk_plaintext = w->len;
	patch_outer_lengths(w);
}

void ike_sk_begin(struct ike_writer *w, size_t iv_len)
{
	size_t payload = w->len;

	encrypted_begin(w, IKEV2_PT_SK, iv_len);
	/* Inner payloads chain from SK's own Next Payload (RFC 7296 §3.14). */
	if (!writer_failed(w))
		w->next_field = payload;
}

void ike_skf_begin(struct ike_writer *w, uint8_t first_inner_type,
		   uint16_t fragment_number, uint16_t total_fragments,
		   size_t iv_len)
{
	size_t payload = w->len;

	if (!fragment_number || fragment_number > total_fragments) {
		codec_writer_fail(w, IKE_ERR_BAD_ARGUMENT, "fragment %u of %u",
				  fragment_number, total_fragments);
		return;
	}
	encrypted_begin(w, IKEV2_PT_SKF, iv_len);
	if (writer_failed(w))
		return;
	w->buf[payload] = first_inner_type;
	set16(w->buf + payload + 4, fragment_number);
	set16(w->buf + payload + 6, total_fragments);
	w->next_field = NO_FIELD;
	w->sk_fragment = true;
}

void ike_sk_end(struct ike_writer *w, struct ike_sk_span *span)
{
	if (!writer_failed(w) &&
	    (w->sk_payload == NO_FIELD || w->sealed || w->open_payload != NO_FIELD))
		codec_writer_fail(w, IKE_ERR_BAD_ARGUMENT,
				  "no open SK/SKF payload to close, or an inner one is open");
	if (writer_failed(w))
		return;
	patch_outer_lengths(w);
	w->sealed = true;
	w->next_field = NO_FIELD;
	*span = (struct ike_sk_span){
		.payload_offset = w->sk_payload,
		.iv_offset = w->sk_iv,
		.plaintext_offset = w->sk_plaintext,
		.plaintext_len = w->len - w->sk_plaintext,
	};
}

uint8_t *ike_sk_extend(struct ike_writer *w, const struct ike_sk_span *span,
		       size_t n)
{
	uint8_t *p;

	if (!writer_failed(w) && (!w->sealed || span->payload_offset != w->sk_payload))
		codec_writer_fail(w, IKE_ERR_BAD_ARGUMENT, "SK payload not closed");
	p = reserve(w, n);
	if (!p)
		return NULL;
	memset(p, 0, n);
	patch_outer_lengths(w);
	return writer_failed(w) ? NULL : p;
}

void codec_put_encrypted_copy(struct ike_writer *w,
			      const struct ike_payload_encrypted *sk,
			      uint8_t payload_type)
{
	struct ike_sk_span span;
	size_t payload = w->len;

	if (payload_type == IKEV2_PT_SKF) {
		ike_skf_begin(w, sk->first_inner_type, sk->fragment_number,
			      sk->total_fragments, 0);
	} else {
		encrypted_begin(w, IKEV2_PT_SK, 0);
		if (writer_failed(w))
			return;
		/* No inner payloads to chain: the type is known already. */
		w->buf[payload] = sk->first_inner_type;
		w->sk_fragment = true;
	}
	ike_put_bytes(w, sk->encrypted, sk->encrypted_len);
	ike_sk_end(w, &span);
}
