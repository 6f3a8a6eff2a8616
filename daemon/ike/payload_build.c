// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Per-payload encoders (RFC 7296 §3.3-§3.16) on top of the writer, and
 * ike_put_decoded() which writes a decoded payload back with them.
 * Reserved fields are sent as zero.
 */
#include "ike/codec_build.h"
#include "ike/codec_internal.h"

static bool fits16(struct ike_writer *w, const char *what, size_t len)
{
	if (len <= UINT16_MAX)
		return true;
	codec_writer_fail(w, IKE_ERR_BAD_ARGUMENT, "%s of %zu octets", what, len);
	return false;
}

static uint16_t transform_len(const struct ike_transform *t)
{
	return CODEC_TRANSFORM_HEADER_LEN +
	       (t->has_key_length ? CODEC_ATTR_HEADER_LEN : 0);
}

static void put_transform(struct ike_writer *w, const struct ike_transform *t,
			  bool last)
{
	ike_put_u8(w, last ? 0 : CODEC_MORE_TRANSFORMS);
	ike_put_u8(w, 0);
	ike_put_u16(w, transform_len(t));
	ike_put_u8(w, t->type);
	ike_put_u8(w, 0);
	ike_put_u16(w, t->id);
	if (t->has_key_length) {
		ike_put_u16(w, IKEV2_ATTR_FORMAT_TV | IKEV2_ATTR_KEY_LENGTH);
		ike_put_u16(w, t->key_length);
	}
}

static void put_proposal(struct ike_writer *w, const struct ike_proposal *prop,
			 bool last)
{
	size_t len = CODEC_PROPOSAL_HEADER_LEN + prop->spi_size;
	unsigned int i;

	for (i = 0; i < prop->n_transforms; i++)
		len += transform_len(&prop->transforms[i]);
	if (!fits16(w, "proposal", len))
		return;
	ike_put_u8(w, last ? 0 : CODEC_MORE_PROPOSALS);
	ike_put_u8(w, 0);
	ike_put_u16(w, (uint16_t)len);
	ike_put_u8(w, prop->number);
	ike_put_u8(w, prop->protocol_id);
	ike_put_u8(w, prop->spi_size);
	ike_put_u8(w, prop->n_transforms);
	ike_put_bytes(w, prop->spi, prop->spi_size);
	for (i = 0; i < prop->n_transforms; i++)
		put_transform(w, &prop->transforms[i], i + 1 == prop->n_transforms);
}

void ike_put_sa(struct ike_writer *w, const struct ike_proposal *proposals,
		unsigned int n_proposals)
{
	unsigned int i;

	if (!n_proposals) {
		codec_writer_fail(w, IKE_ERR_BAD_ARGUMENT, "SA payload without proposals");
		return;
	}
	ike_payload_begin(w, IKEV2_PT_SA, false);
	for (i = 0; i < n_proposals; i++)
		put_proposal(w, &proposals[i], i + 1 == n_proposals);
	ike_payload_end(w);
}

void ike_put_ke(struct ike_writer *w, uint16_t dh_group,
		const uint8_t *data, size_t len)
{
	ike_payload_begin(w, IKEV2_PT_KE, false);
	ike_put_u16(w, dh_group);
	ike_put_u16(w, 0);
	ike_put_bytes(w, data, len);
	ike_payload_end(w);
}

/* Payloads whose body is a type octet, 3 reserved octets and data. */
static void put_typed_4(struct ike_writer *w, uint8_t payload_type,
			uint8_t type, const uint8_t *data, size_t len)
{
	ike_payload_begin(w, payload_type, false);
	ike_put_u8(w, type);
	ike_put_zeros(w, 3);
	ike_put_bytes(w, data, len);
	ike_payload_end(w);
}

void ike_put_id(struct ike_writer *w, uint8_t payload_type, uint8_t id_type,
		const uint8_t *data, size_t len)
{
	put_typed_4(w, payload_type, id_type, data, len);
}

void ike_put_auth(struct ike_writer *w, uint8_t method,
		  const uint8_t *data, size_t len)
{
	put_typed_4(w, IKEV2_PT_AUTH, method, data, len);
}

void ike_put_cert(struct ike_writer *w, uint8_t payload_type,
		  uint8_t encoding, const uint8_t *data, size_t len)
{
	ike_payload_begin(w, payload_type, false);
	ike_put_u8(w, encoding);
	ike_put_bytes(w, data, len);
	ike_payload_end(w);
}

void ike_put_nonce(struct ike_writer *w, const uint8_t *data, size_t len)
{
	if (len < IKEV2_NONCE_MIN_LEN || len > IKEV2_NONCE_MAX_LEN) {
		codec_writer_fail(w, IKE_ERR_BAD_ARGUMENT,
				  "nonce of %zu octets, must be 16 to 256", len);
		return;
	}
	ike_payload_begin(w, IKEV2_PT_NONCE, false);
	ike_put_bytes(w, data, len);
	ike_payload_end(w);
}

void ike_put_notify(struct ike_writer *w, uint8_t protocol_id,
		    const uint8_t *spi, uint8_t spi_size, uint16_t type,
		    const uint8_t *data, size_t len)
{
	ike_payload_begin(w, IKEV2_PT_N, false);
	ike_put_u8(w, protocol_id);
	ike_put_u8(w, spi_size);
	ike_put_u16(w, type);
	ike_put_bytes(w, spi, spi_size);
	ike_put_bytes(w, data, len);
	ike_payload_end(w);
}

void ike_put_delete(struct ike_writer *w, uint8_t protocol_id,
		    uint8_t spi_size, uint16_t n_spis, const uint8_t *spis)
{
	ike_payload_begin(w, IKEV2_PT_D, false);
	ike_put_u8(w, protocol_id);
	ike_put_u8(w, spi_size);
	ike_put_u16(w, n_spis);
	ike_put_bytes(w, spis, (size_t)spi_size * n_spis);
	ike_payload_end(w);
}

void ike_put_vendor(struct ike_writer *w, const uint8_t *data, size_t len)
{
	ike_payload_begin(w, IKEV2_PT_V, false);
	ike_put_bytes(w, data, len);
	ike_payload_end(w);
}

void ike_put_ts(struct ike_writer *w, uint8_t payload_type,
		const struct ike_traffic_selector *selectors, unsigned int n)
{
	unsigned int i;

	if (!n || n > UINT8_MAX) {
		codec_writer_fail(w, IKE_ERR_BAD_ARGUMENT, "%u traffic selectors", n);
		return;
	}
	ike_payload_begin(w, payload_type, false);
	ike_put_u8(w, (uint8_t)n);
	ike_put_zeros(w, 3);
	for (i = 0; i < n; i++) {
		const struct ike_traffic_selector *ts = &selectors[i];
		uint8_t alen = ts->type == IKEV2_TS_IPV4_ADDR_RANGE ? 4 : 16;

		if (ts->type != IKEV2_TS_IPV4_ADDR_RANGE &&
		    ts->type != IKEV2_TS_IPV6_ADDR_RANGE) {
			codec_writer_fail(w, IKE_ERR_BAD_ARGUMENT,
					  "traffic selector type %u", ts->type);
			return;
		}
		ike_put_u8(w, ts->type);
		ike_put_u8(w, ts->ip_protocol);
		ike_put_u16(w, 8 + 2 * alen);
		ike_put_u16(w, ts->start_port);
		ike_put_u16(w, ts->end_port);
		ike_put_bytes(w, ts->start_addr, alen);
		ike_put_bytes(w, ts->end_addr, alen);
	}
	ike_payload_end(w);
}

void ike_put_cp(struct ike_writer *w, uint8_t cfg_type,
		const struct ike_cfg_attr *attrs, unsigned int n)
{
	unsigned int i;

	ike_payload_begin(w, IKEV2_PT_CP, false);
	ike_put_u8(w, cfg_type);
	ike_put_zeros(w, 3);
	for (i = 0; i < n; i++) {
		ike_put_u16(w, attrs[i].type & IKEV2_CFG_ATTR_TYPE_MASK);
		ike_put_u16(w, attrs[i].len);
		ike_put_bytes(w, attrs[i].value, attrs[i].len);
	}
	ike_payload_end(w);
}

void ike_put_eap(struct ike_writer *w, const uint8_t *message, size_t len)
{
	if (len < 4 || codec_get16(message + 2) != len) {
		codec_writer_fail(w, IKE_ERR_BAD_ARGUMENT,
				  "EAP message of %zu octets with a different Length", len);
		return;
	}
	ike_payload_begin(w, IKEV2_PT_EAP, false);
	ike_put_bytes(w, message, len);
	ike_payload_end(w);
}

void ike_put_decoded(struct ike_writer *w, const struct ike_payload *p)
{
	if (!p->known) {
		ike_payload_begin(w, p->type, p->critical);
		ike_put_bytes(w, p->body, p->body_len);
		ike_payload_end(w);
		return;
	}
	switch (p->type) {
	case IKEV2_PT_SA:
		ike_put_sa(w, p->u.sa.proposals, p->u.sa.n_proposals);
		break;
	case IKEV2_PT_KE:
		ike_put_ke(w, p->u.ke.dh_group, p->u.ke.data, p->u.ke.data_len);
		break;
	case IKEV2_PT_IDI:
	case IKEV2_PT_IDR:
		ike_put_id(w, p->type, p->u.id.type, p->u.id.data, p->u.id.data_len);
		break;
	case IKEV2_PT_AUTH:
		ike_put_auth(w, p->u.auth.type, p->u.auth.data, p->u.auth.data_len);
		break;
	case IKEV2_PT_CERT:
	case IKEV2_PT_CERTREQ:
		ike_put_cert(w, p->type, p->u.cert.type, p->u.cert.data,
			     p->u.cert.data_len);
		break;
	case IKEV2_PT_NONCE:
		ike_put_nonce(w, p->u.nonce.data, p->u.nonce.data_len);
		break;
	case IKEV2_PT_N:
		ike_put_notify(w, p->u.notify.protocol_id, p->u.notify.spi,
			       p->u.notify.spi_size, p->u.notify.type,
			       p->u.notify.data, p->u.notify.data_len);
		break;
	case IKEV2_PT_D:
		ike_put_delete(w, p->u.del.protocol_id, p->u.del.spi_size,
			       p->u.del.n_spis, p->u.del.spis);
		break;
	case IKEV2_PT_V:
		ike_put_vendor(w, p->u.vendor.data, p->u.vendor.data_len);
		break;
	case IKEV2_PT_TSI:
	case IKEV2_PT_TSR:
		ike_put_ts(w, p->type, p->u.ts.selectors, p->u.ts.n_selectors);
		break;
	case IKEV2_PT_CP:
		ike_put_cp(w, p->u.cp.cfg_type, p->u.cp.attrs, p->u.cp.n_attrs);
		break;
	case IKEV2_PT_EAP:
		ike_put_eap(w, p->u.eap.message, p->u.eap.length);
		break;
	case IKEV2_PT_SK:
	case IKEV2_PT_SKF:
		codec_put_encrypted_copy(w, &p->u.sk, p->type);
		break;
	default:
		codec_writer_fail(w, IKE_ERR_BAD_ARGUMENT, "payload type %u", p->type);
	}
}
