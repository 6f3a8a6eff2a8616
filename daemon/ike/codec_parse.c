// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * IKEv2 datagram decoding: the fixed header (RFC 7296 §3.1) and the
 * chain of generic payload headers (§3.2).  Every length is checked
 * against what remains before it is used; payload bodies are decoded by
 * codec_decode_body() (payload_parse*.c).
 */
#include <string.h>

#include "ike/codec_internal.h"

/* Payload types this codec decodes; others are skipped or refused. */
static bool payload_type_known(uint8_t type)
{
	return (type >= IKEV2_PT_SA && type <= IKEV2_PT_EAP) ||
	       type == IKEV2_PT_SKF;
}

/*
 * Types a message carries at most once (RFC 7296 §1.2-§1.3, §3.14,
 * RFC 7383 §2.5); N, D, V, CERT and CERTREQ may repeat.
 */
static bool payload_type_once(uint8_t type)
{
	switch (type) {
	case IKEV2_PT_N:
	case IKEV2_PT_D:
	case IKEV2_PT_V:
	case IKEV2_PT_CERT:
	case IKEV2_PT_CERTREQ:
		return false;
	default:
		return true;
	}
}

static bool payload_type_encrypted(uint8_t type)
{
	return type == IKEV2_PT_SK || type == IKEV2_PT_SKF;
}

/* The SK and SKF bits together: one encrypted payload per message. */
#define SEEN_ENCRYPTED	((1ULL << IKEV2_PT_SK) | (1ULL << IKEV2_PT_SKF))

static int check_duplicate(struct ike_message *msg, uint8_t type,
			   size_t offset, struct ike_codec_error *err)
{
	uint64_t bit = 1ULL << type;

	if (payload_type_encrypted(type) && (msg->seen & SEEN_ENCRYPTED))
		return codec_fail(err, IKE_ERR_DUPLICATE_PAYLOAD, type, offset,
				  "%s payload after an encrypted payload",
				  codec_payload_name(type));
	if (payload_type_once(type) && (msg->seen & bit))
		return codec_fail(err, IKE_ERR_DUPLICATE_PAYLOAD, type, offset,
				  "second %s payload", codec_payload_name(type));
	msg->seen |= bit;
	return 0;
}

/*
 * Walk the chain starting with payload type NEXT at OFF in BASE, up to
 * END, which the chain must fill exactly.
 */
static int parse_chain(struct ike_message *msg, uint8_t next,
		       const uint8_t *base, size_t off, size_t end, bool inner,
		       struct ike_codec_error *err)
{
	while (next != IKEV2_PT_NONE) {
		struct ike_payload *p;
		uint16_t plen;

		if (end - off < IKEV2_GENERIC_HEADER_LEN)
			return codec_fail(err, IKE_ERR_TRUNCATED, next, off,
					  "%s payload header at offset %zu needs 4 octets, %zu left",
					  codec_payload_name(next), off, end - off);
		plen = codec_get16(base + off + 2);
		if (plen < IKEV2_GENERIC_HEADER_LEN || plen > end - off)
			return codec_fail(err, IKE_ERR_BAD_LENGTH, next, off + 2,
					  "%s payload length %u at offset %zu, %zu octets left",
					  codec_payload_name(next), plen, off, end - off);
		if (msg->n_payloads == IKE_MAX_PAYLOADS)
			return codec_fail(err, IKE_ERR_TOO_MANY_PAYLOADS, next, off,
					  "more than %d payloads", IKE_MAX_PAYLOADS);

		p = &msg->payloads[msg->n_payloads++];
		memset(p, 0, sizeof(*p));
		p->type = next;
		p->critical = base[off + 1] & IKEV2_PAYLOAD_CRITICAL;
		p->inner = inner;
		p->header_offset = off;
		p->body = base + off + IKEV2_GENERIC_HEADER_LEN;
		p->body_len = plen - IKEV2_GENERIC_HEADER_LEN;
		next = base[off];
		off += plen;

		/* The critical bit only matters for types we do not know. */
		if (!payload_type_known(p->type)) {
			if (p->critical)
				return codec_fail(err, IKE_ERR_UNSUPPORTED_CRITICAL,
						  p->type, p->header_offset,
						  "unsupported critical payload type %u",
						  p->type);
			continue;
		}
		p->known = true;
		if (check_duplicate(msg, p->type, p->header_offset, err) < 0)
			return -1;
		if (codec_decode_body(msg, p, base, err) < 0)
			return -1;
		if (payload_type_encrypted(p->type)) {
			/* Its Next Payload names the first inner payload. */
			if (off != end)
				return codec_fail(err, IKE_ERR_SK_NOT_LAST, p->type,
						  off, "%zu octets after the %s payload",
						  end - off, codec_payload_name(p->type));
			return 0;
		}
	}
	if (off != end)
		return codec_fail(err, IKE_ERR_TRAILING_DATA, 0, off,
				  "%zu octets after the last payload", end - off);
	return 0;
}

static void decode_header(struct ike_header *h, const uint8_t *buf)
{
	memcpy(h->spi_i, buf, IKEV2_SPI_LEN);
	memcpy(h->spi_r, buf + 8, IKEV2_SPI_LEN);
	h->next_payload = buf[16];
	h->major_version = buf[17] >> 4;
	h->minor_version = buf[17] & 0x0f;
	h->exchange_type = buf[18];
	h->flags = buf[19];
	h->message_id = codec_get32(buf + 20);
	h->length = codec_get32(buf + 24);
}

int ike_parse_message(struct ike_message *msg, const uint8_t *buf, size_t len,
		      struct ike_codec_error *err)
{
	msg->data = buf;
	msg->len = len;
	msg->seen = 0;
	msg->n_payloads = 0;
	msg->n_proposals = 0;
	msg->n_transforms = 0;
	msg->n_selectors = 0;
	msg->n_cfg_attrs = 0;
	memset(&msg->hdr, 0, sizeof(msg->hdr));

	if (len < IKEV2_HEADER_LEN)
		return codec_fail(err, IKE_ERR_TRUNCATED, 0, 0,
				  "datagram of %zu octets is shorter than the IKE header",
				  len);
	decode_header(&msg->hdr, buf);
	/* Minor version is ignored on receipt (RFC 7296 §3.1). */
	if (msg->hdr.major_version != IKEV2_MAJOR_VERSION)
		return codec_fail(err, IKE_ERR_BAD_VERSION, 0, 17,
				  "major version %u, not 2", msg->hdr.major_version);
	if (msg->hdr.length < IKEV2_HEADER_LEN || msg->hdr.length != len)
		return codec_fail(err, IKE_ERR_BAD_LENGTH, 0, 24,
				  "header length %u, datagram %zu octets",
				  msg->hdr.length, len);
	return parse_chain(msg, msg->hdr.next_payload, buf, IKEV2_HEADER_LEN,
			   len, false, err);
}

int ike_parse_inner(struct ike_message *msg, uint8_t first_type,
		    const uint8_t *buf, size_t len, struct ike_codec_error *err)
{
	return parse_chain(msg, first_type, buf, 0, len, true, err);
}

const struct ike_payload *ike_message_find(const struct ike_message *msg,
					   uint8_t type,
					   const struct ike_payload *start)
{
	unsigned int i = start ? (unsigned int)(start - msg->payloads) + 1 : 0;

	for (; i < msg->n_payloads; i++)
		if (msg->payloads[i].known && msg->payloads[i].type == type)
			return &msg->payloads[i];
	return NULL;
}

const struct ike_payload *ike_message_find_notify(const struct ike_message *msg,
						  uint16_t notify_type)
{
	const struct ike_payload *p = NULL;

	while ((p = ike_message_find(msg, IKEV2_PT_N, p)))
		if (p->u.notify.type == notify_type)
			return p;
	return NULL;
}
