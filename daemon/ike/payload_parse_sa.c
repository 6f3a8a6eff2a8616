// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SA payload decoding (RFC 7296 §3.3): proposals, their transforms and
 * the transforms' attributes, three nested substructures whose lengths,
 * last-substructure markers, numbering and counts must all agree.
 */
#include "ike/codec_internal.h"

/* Where in the buffer a substructure lives, for error reports. */
struct sa_cursor {
	struct ike_message *msg;
	struct ike_codec_error *err;
	size_t base_offset;	/* buffer offset of the SA body */
};

#define sa_fail(c, code, pos, ...) \
	codec_fail((c)->err, code, IKEV2_PT_SA, (c)->base_offset + (pos), \
		   __VA_ARGS__)

static int decode_attributes(const struct sa_cursor *c, struct ike_transform *t,
			     const uint8_t *body, size_t pos, size_t end)
{
	while (pos < end) {
		uint16_t type, len;
		bool tv;

		if (end - pos < CODEC_ATTR_HEADER_LEN)
			return sa_fail(c, IKE_ERR_BAD_ATTRIBUTE, pos,
				       "transform attribute header needs %u octets, %u left",
				       CODEC_ATTR_HEADER_LEN, (unsigned int)(end - pos));
		type = codec_get16(body + pos);
		tv = type & IKEV2_ATTR_FORMAT_TV;
		type &= ~IKEV2_ATTR_FORMAT_TV;
		len = tv ? 0 : codec_get16(body + pos + 2);
		if (len > end - pos - CODEC_ATTR_HEADER_LEN)
			return sa_fail(c, IKE_ERR_BAD_ATTRIBUTE, pos + 2,
				       "transform attribute value of %u octets, %u left",
				       len, (unsigned int)(end - pos - CODEC_ATTR_HEADER_LEN));
		if (type == IKEV2_ATTR_KEY_LENGTH) {
			/* §3.3.5: Key Length is TV, and given once. */
			if (!tv || t->has_key_length)
				return sa_fail(c, IKE_ERR_BAD_ATTRIBUTE, pos,
					       "key length attribute %s (transform type %u)",
					       tv ? "given twice" : "not in TV format",
					       t->type);
			t->has_key_length = true;
			t->key_length = codec_get16(body + pos + 2);
		} else {
			t->unknown_attribute = true;
		}
		pos += CODEC_ATTR_HEADER_LEN + len;
	}
	return 0;
}

/* Transforms of one proposal: body[pos..end), COUNT announced. */
static int decode_transforms(const struct sa_cursor *c, struct ike_proposal *prop,
			     const uint8_t *body, size_t pos, size_t end,
			     unsigned int count)
{
	struct ike_message *msg = c->msg;
	unsigned int n = 0;

	prop->transforms = &msg->transforms[msg->n_transforms];
	while (pos < end) {
		struct ike_transform *t;
		size_t left = end - pos;
		uint16_t len;
		bool last;

		if (left < CODEC_TRANSFORM_HEADER_LEN)
			return sa_fail(c, IKE_ERR_TRUNCATED, pos,
				       "transform needs %u octets, %u left",
				       CODEC_TRANSFORM_HEADER_LEN, (unsigned int)left);
		len = codec_get16(body + pos + 2);
		if (len < CODEC_TRANSFORM_HEADER_LEN || len > left)
			return sa_fail(c, IKE_ERR_BAD_LENGTH, pos + 2,
				       "transform length %u, %u octets left",
				       len, (unsigned int)left);
		last = len == left;
		if (body[pos] != (last ? 0 : CODEC_MORE_TRANSFORMS))
			return sa_fail(c, IKE_ERR_BAD_SUBSTRUCTURE, pos,
				       "transform marker %u, expected %u",
				       body[pos], last ? 0 : CODEC_MORE_TRANSFORMS);
		if (msg->n_transforms == IKE_MAX_TRANSFORMS)
			return sa_fail(c, IKE_ERR_TOO_MANY_TRANSFORMS, pos,
				       "more than %u transforms",
				       IKE_MAX_TRANSFORMS);
		t = &msg->transforms[msg->n_transforms++];
		*t = (struct ike_transform){
			.type = body[pos + 4],
			.id = codec_get16(body + pos + 6),
		};
		if (decode_attributes(c, t, body, pos + CODEC_TRANSFORM_HEADER_LEN,
				      pos + len) < 0)
			return -1;
		n++;
		pos += len;
	}
	if (n != count)
		return sa_fail(c, IKE_ERR_BAD_SUBSTRUCTURE, pos,
			       "proposal announces %u transforms, has %u", count, n);
	prop->n_transforms = (uint8_t)n;
	return 0;
}

static bool spi_size_valid(uint8_t protocol_id, uint8_t spi_size)
{
	switch (protocol_id) {
	case IKEV2_PROTO_IKE:
		/* 0 in IKE_SA_INIT, 8 when rekeying (§3.3.1). */
		return spi_size == 0 || spi_size == IKEV2_SPI_LEN;
	case IKEV2_PROTO_AH:
	case IKEV2_PROTO_ESP:
		return spi_size == 4;
	default:
		return true;	/* the selector rejects unknown protocols */
	}
}

static int decode_proposal(const struct sa_cursor *c, const uint8_t *body,
			   size_t pos, size_t len, unsigned int expected_number)
{
	struct ike_message *msg = c->msg;
	struct ike_proposal *prop;
	uint8_t spi_size = body[pos + 6];

	if (msg->n_proposals == IKE_MAX_PROPOSALS)
		return sa_fail(c, IKE_ERR_TOO_MANY_PROPOSALS, pos,
			       "more than %u proposals", IKE_MAX_PROPOSALS);
	prop = &msg->proposals[msg->n_proposals++];
	prop->number = body[pos + 4];
	prop->protocol_id = body[pos + 5];
	prop->spi_size = spi_size;
	/*
	 * §3.3.1: 1, 2, 3... in offers; a reply echoes the number chosen
	 * (EXPECTED_NUMBER 0: any but 0).
	 */
	if (expected_number ? prop->number != expected_number : !prop->number)
		return sa_fail(c, IKE_ERR_BAD_PROPOSAL_NUMBER, pos + 4,
			       "proposal number %u, expected %u",
			       prop->number, expected_number);
	if (!spi_size_valid(prop->protocol_id, spi_size))
		return sa_fail(c, IKE_ERR_BAD_SPI_SIZE, pos + 6,
			       "SPI size %u for protocol %u", spi_size,
			       prop->protocol_id);
	if (spi_size > len - CODEC_PROPOSAL_HEADER_LEN)
		return sa_fail(c, IKE_ERR_BAD_LENGTH, pos + 6,
			       "SPI of %u octets in a proposal of %u", spi_size,
			       (unsigned int)len);
	prop->spi = spi_size ? body + pos + CODEC_PROPOSAL_HEADER_LEN : NULL;
	return decode_transforms(c, prop, body,
				 pos + CODEC_PROPOSAL_HEADER_LEN + spi_size, pos + len,
				 body[pos + 7]);
}

int codec_decode_sa(struct ike_message *msg, struct ike_payload *p,
		    struct ike_codec_error *err)
{
	const struct sa_cursor c = {
		.msg = msg,
		.err = err,
		.base_offset = p->header_offset + IKEV2_GENERIC_HEADER_LEN,
	};
	bool request = !(msg->hdr.flags & IKEV2_FLAG_RESPONSE);
	const uint8_t *body = p->body;
	unsigned int previous = 0, expected;
	size_t pos = 0;

	if (!p->body_len)
		return sa_fail(&c, IKE_ERR_BAD_SUBSTRUCTURE, 0,
			       "SA payload without proposals");
	p->u.sa.proposals = &msg->proposals[msg->n_proposals];
	while (pos < p->body_len) {
		size_t left = p->body_len - pos;
		uint16_t len;
		bool last;

		if (left < CODEC_PROPOSAL_HEADER_LEN)
			return sa_fail(&c, IKE_ERR_TRUNCATED, pos,
				       "proposal needs %u octets, %u left",
				       CODEC_PROPOSAL_HEADER_LEN, (unsigned int)left);
		len = codec_get16(body + pos + 2);
		if (len < CODEC_PROPOSAL_HEADER_LEN || len > left)
			return sa_fail(&c, IKE_ERR_BAD_LENGTH, pos + 2,
				       "proposal length %u, %u octets left",
				       len, (unsigned int)left);
		last = len == left;
		if (body[pos] != (last ? 0 : CODEC_MORE_PROPOSALS))
			return sa_fail(&c, IKE_ERR_BAD_SUBSTRUCTURE, pos,
				       "proposal marker %u, expected %u",
				       body[pos], last ? 0 : CODEC_MORE_PROPOSALS);
		expected = previous ? previous + 1 : request ? 1 : 0;
		if (decode_proposal(&c, body, pos, len, expected) < 0)
			return -1;
		previous = msg->proposals[msg->n_proposals - 1].number;
		p->u.sa.n_proposals++;
		pos += len;
	}
	return 0;
}
