// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Payload body decoders (RFC 7296 §3.4-§3.16, RFC 7383 §2.5), except SA
 * (payload_parse_sa.c).  Each one checks its fixed part against the body
 * length, then points into the body for the variable part.
 */
#include "ike/codec_internal.h"

/* Offset of body octet I in the buffer, for error reports. */
static size_t body_offset(const struct ike_payload *p, size_t i)
{
	return p->header_offset + IKEV2_GENERIC_HEADER_LEN + i;
}

static int need_fixed(const struct ike_payload *p, size_t fixed,
		      struct ike_codec_error *err)
{
	if (p->body_len < fixed)
		return codec_fail(err, IKE_ERR_TRUNCATED, p->type, body_offset(p, 0),
				  "%s payload body of %u octets, needs %zu",
				  codec_payload_name(p->type), p->body_len, fixed);
	return 0;
}

/* Type (1 octet), 3 reserved, data: IDi/IDr and AUTH. */
static int decode_typed_4(struct ike_payload *p, struct ike_payload_typed_data *t,
			  struct ike_codec_error *err)
{
	if (need_fixed(p, 4, err) < 0)
		return -1;
	t->type = p->body[0];
	t->data = p->body + 4;
	t->data_len = p->body_len - 4;
	return 0;
}

static int decode_cert(struct ike_payload *p, struct ike_codec_error *err)
{
	if (need_fixed(p, 1, err) < 0)
		return -1;
	p->u.cert.type = p->body[0];
	p->u.cert.data = p->body + 1;
	p->u.cert.data_len = p->body_len - 1;
	return 0;
}

static int decode_ke(struct ike_payload *p, struct ike_codec_error *err)
{
	if (need_fixed(p, 4, err) < 0)
		return -1;
	p->u.ke.dh_group = codec_get16(p->body);
	p->u.ke.data = p->body + 4;
	p->u.ke.data_len = p->body_len - 4;
	return 0;
}

static int decode_nonce(struct ike_payload *p, struct ike_codec_error *err)
{
	if (p->body_len < IKEV2_NONCE_MIN_LEN || p->body_len > IKEV2_NONCE_MAX_LEN)
		return codec_fail(err, IKE_ERR_BAD_NONCE_LENGTH, p->type,
				  p->header_offset + 2,
				  "nonce of %u octets, must be 16 to 256", p->body_len);
	p->u.nonce.data = p->body;
	p->u.nonce.data_len = p->body_len;
	return 0;
}

static int decode_notify(struct ike_payload *p, struct ike_codec_error *err)
{
	struct ike_payload_notify *n = &p->u.notify;

	if (need_fixed(p, 4, err) < 0)
		return -1;
	n->protocol_id = p->body[0];
	n->spi_size = p->body[1];
	n->type = codec_get16(p->body + 2);
	if (n->spi_size > p->body_len - 4)
		return codec_fail(err, IKE_ERR_BAD_SPI_SIZE, p->type,
				  body_offset(p, 1),
				  "notify SPI size %u, %u octets left",
				  n->spi_size, p->body_len - 4);
	n->spi = n->spi_size ? p->body + 4 : NULL;
	n->data = p->body + 4 + n->spi_size;
	n->data_len = p->body_len - 4 - n->spi_size;
	return 0;
}

static int decode_delete(struct ike_payload *p, struct ike_codec_error *err)
{
	struct ike_payload_delete *d = &p->u.del;

	if (need_fixed(p, 4, err) < 0)
		return -1;
	d->protocol_id = p->body[0];
	d->spi_size = p->body[1];
	d->n_spis = codec_get16(p->body + 2);
	/* IKE SA: no SPI (it is in the header); ESP/AH: 4-octet SPIs. */
	if ((d->protocol_id == IKEV2_PROTO_IKE && d->spi_size != 0) ||
	    ((d->protocol_id == IKEV2_PROTO_ESP || d->protocol_id == IKEV2_PROTO_AH) &&
	     d->spi_size != 4))
		return codec_fail(err, IKE_ERR_BAD_SPI_SIZE, p->type,
				  body_offset(p, 1),
				  "delete SPI size %u for protocol %u",
				  d->spi_size, d->protocol_id);
	if ((size_t)d->spi_size * d->n_spis != p->body_len - 4u)
		return codec_fail(err, IKE_ERR_BAD_LENGTH, p->type,
				  body_offset(p, 2),
				  "%u SPIs of %u octets in %u octets",
				  d->n_spis, d->spi_size, p->body_len - 4);
	d->spis = p->body + 4;
	return 0;
}

static int decode_one_selector(struct ike_message *msg, struct ike_payload *p,
			       size_t *pos, struct ike_codec_error *err)
{
	struct ike_traffic_selector *ts;
	const uint8_t *s = p->body + *pos;
	size_t left = p->body_len - *pos;
	uint16_t len;
	uint8_t alen;

	if (left < 8)
		return codec_fail(err, IKE_ERR_TRUNCATED, p->type, body_offset(p, *pos),
				  "traffic selector needs 8 octets, %zu left", left);
	if (s[0] == IKEV2_TS_IPV4_ADDR_RANGE)
		alen = 4;
	else if (s[0] == IKEV2_TS_IPV6_ADDR_RANGE)
		alen = 16;
	else
		return codec_fail(err, IKE_ERR_BAD_TS, p->type, body_offset(p, *pos),
				  "unsupported traffic selector type %u", s[0]);
	len = codec_get16(s + 2);
	if (len != 8 + 2 * alen)
		return codec_fail(err, IKE_ERR_BAD_TS, p->type,
				  body_offset(p, *pos + 2),
				  "traffic selector type %u of length %u, must be %u",
				  s[0], len, 8 + 2 * alen);
	if (len > left)
		return codec_fail(err, IKE_ERR_TRUNCATED, p->type,
				  body_offset(p, *pos),
				  "traffic selector of %u octets, %zu left", len, left);
	if (msg->n_selectors == IKE_MAX_SELECTORS)
		return codec_fail(err, IKE_ERR_TOO_MANY_SELECTORS, p->type,
				  body_offset(p, *pos), "more than %d traffic selectors",
				  IKE_MAX_SELECTORS);
	ts = &msg->selectors[msg->n_selectors++];
	ts->type = s[0];
	ts->ip_protocol = s[1];
	ts->start_port = codec_get16(s + 4);
	ts->end_port = codec_get16(s + 6);
	ts->addr_len = alen;
	ts->start_addr = s + 8;
	ts->end_addr = s + 8 + alen;
	*pos += len;
	return 0;
}

static int decode_ts(struct ike_message *msg, struct ike_payload *p,
		     struct ike_codec_error *err)
{
	size_t pos = 4;
	unsigned int i, count;

	if (need_fixed(p, 4, err) < 0)
		return -1;
	count = p->body[0];
	if (!count)
		return codec_fail(err, IKE_ERR_BAD_TS, p->type, body_offset(p, 0),
				  "%s payload with no traffic selector",
				  codec_payload_name(p->type));
	p->u.ts.selectors = &msg->selectors[msg->n_selectors];
	for (i = 0; i < count; i++)
		if (decode_one_selector(msg, p, &pos, err) < 0)
			return -1;
	p->u.ts.n_selectors = count;
	if (pos != p->body_len)
		return codec_fail(err, IKE_ERR_BAD_TS, p->type, body_offset(p, pos),
				  "%zu octets after %u traffic selectors",
				  p->body_len - pos, count);
	return 0;
}

static int decode_cp(struct ike_message *msg, struct ike_payload *p,
		     struct ike_codec_error *err)
{
	struct ike_payload_cp *cp = &p->u.cp;
	size_t pos = 4;

	if (need_fixed(p, 4, err) < 0)
		return -1;
	cp->cfg_type = p->body[0];
	cp->attrs = &msg->cfg_attrs[msg->n_cfg_attrs];
	while (pos < p->body_len) {
		struct ike_cfg_attr *a;
		uint16_t alen;

		if (p->body_len - pos < 4)
			return codec_fail(err, IKE_ERR_TRUNCATED, p->type,
					  body_offset(p, pos),
					  "configuration attribute header needs 4 octets, %zu left",
					  p->body_len - pos);
		alen = codec_get16(p->body + pos + 2);
		if (alen > p->body_len - pos - 4)
			return codec_fail(err, IKE_ERR_BAD_LENGTH, p->type,
					  body_offset(p, pos + 2),
					  "configuration attribute of %u octets, %zu left",
					  alen, p->body_len - pos - 4);
		if (msg->n_cfg_attrs == IKE_MAX_CFG_ATTRS)
			return codec_fail(err, IKE_ERR_TOO_MANY_CFG_ATTRS, p->type,
					  body_offset(p, pos),
					  "more than %d configuration attributes",
					  IKE_MAX_CFG_ATTRS);
		a = &msg->cfg_attrs[msg->n_cfg_attrs++];
		a->type = codec_get16(p->body + pos) & IKEV2_CFG_ATTR_TYPE_MASK;
		a->len = alen;
		a->value = p->body + pos + 4;
		cp->n_attrs++;
		pos += 4u + alen;
	}
	return 0;
}

static int decode_eap(struct ike_payload *p, struct ike_codec_error *err)
{
	struct ike_payload_eap *e = &p->u.eap;
	size_t header;

	if (need_fixed(p, 4, err) < 0)
		return -1;
	e->code = p->body[0];
	e->identifier = p->body[1];
	e->length = codec_get16(p->body + 2);
	e->message = p->body;
	/* RFC 7296 §3.16: the payload carries exactly one EAP message. */
	if (e->length != p->body_len)
		return codec_fail(err, IKE_ERR_BAD_EAP, p->type, body_offset(p, 2),
				  "EAP length %u in a payload body of %u octets",
				  e->length, p->body_len);
	switch (e->code) {
	case IKEV2_EAP_REQUEST:
	case IKEV2_EAP_RESPONSE:
		header = 5;
		if (e->length < header)
			return codec_fail(err, IKE_ERR_BAD_EAP, p->type,
					  body_offset(p, 2),
					  "EAP request/response of %u octets has no type",
					  e->length);
		e->eap_type = p->body[4];
		break;
	case IKEV2_EAP_SUCCESS:
	case IKEV2_EAP_FAILURE:
		header = 4;
		if (e->length != header)
			return codec_fail(err, IKE_ERR_BAD_EAP, p->type,
					  body_offset(p, 2),
					  "EAP success/failure of %u octets, must be 4",
					  e->length);
		break;
	default:
		return codec_fail(err, IKE_ERR_BAD_EAP, p->type, body_offset(p, 0),
				  "EAP code %u", e->code);
	}
	e->type_data = p->body + header;
	e->type_data_len = e->length - header;
	return 0;
}

static int decode_encrypted(struct ike_payload *p, const uint8_t *base,
			    struct ike_codec_error *err)
{
	struct ike_payload_encrypted *sk = &p->u.sk;
	size_t fixed = 0;

	sk->first_inner_type = base[p->header_offset];
	if (p->type == IKEV2_PT_SKF) {
		fixed = 4;
		if (need_fixed(p, fixed, err) < 0)
			return -1;
		sk->fragment_number = codec_get16(p->body);
		sk->total_fragments = codec_get16(p->body + 2);
		/* RFC 7383 §2.5: numbered from 1, never beyond the total. */
		if (!sk->fragment_number || sk->fragment_number > sk->total_fragments)
			return codec_fail(err, IKE_ERR_BAD_FRAGMENT, p->type,
					  body_offset(p, 0),
					  "fragment %u of %u", sk->fragment_number,
					  sk->total_fragments);
	}
	sk->encrypted = p->body + fixed;
	sk->encrypted_len = p->body_len - fixed;
	return 0;
}

int codec_decode_body(struct ike_message *msg, struct ike_payload *p,
		      const uint8_t *base, struct ike_codec_error *err)
{
	switch (p->type) {
	case IKEV2_PT_SA:
		return codec_decode_sa(msg, p, err);
	case IKEV2_PT_KE:
		return decode_ke(p, err);
	case IKEV2_PT_IDI:
	case IKEV2_PT_IDR:
		return decode_typed_4(p, &p->u.id, err);
	case IKEV2_PT_CERT:
	case IKEV2_PT_CERTREQ:
		return decode_cert(p, err);
	case IKEV2_PT_AUTH:
		return decode_typed_4(p, &p->u.auth, err);
	case IKEV2_PT_NONCE:
		return decode_nonce(p, err);
	case IKEV2_PT_N:
		return decode_notify(p, err);
	case IKEV2_PT_D:
		return decode_delete(p, err);
	case IKEV2_PT_V:
		p->u.vendor.data = p->body;
		p->u.vendor.data_len = p->body_len;
		return 0;
	case IKEV2_PT_TSI:
	case IKEV2_PT_TSR:
		return decode_ts(msg, p, err);
	case IKEV2_PT_SK:
	case IKEV2_PT_SKF:
		return decode_encrypted(p, base, err);
	case IKEV2_PT_CP:
		return decode_cp(msg, p, err);
	case IKEV2_PT_EAP:
		return decode_eap(p, err);
	default:
		return codec_fail(err, IKE_ERR_BAD_ARGUMENT, p->type, p->header_offset,
				  "no decoder for payload type %u", p->type);
	}
}
