// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The IKEv2 parser's refusals (daemon/ike/codec_parse.c, payload_parse*.c):
 * each error class from a minimal malformed datagram, built as a valid
 * header plus raw payload bodies, so each input has exactly one fault.
 */
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include "ike/codec.h"
#include "ike/codec_build.h"

static struct ike_message msg;
static struct ike_codec_error err;
static uint8_t buf[16384];

/* A header (FLAGS) and one raw payload; returns the datagram length. */
static size_t one_payload(uint8_t flags, uint8_t type, bool critical,
			  const void *body, size_t len)
{
	const struct ike_header h = {
		.spi_i = { 1, 2, 3, 4, 5, 6, 7, 8 },
		.exchange_type = IKEV2_EXCH_IKE_SA_INIT,
		.flags = flags,
	};
	struct ike_writer w;
	size_t out = 0;

	ike_writer_init(&w, buf, sizeof(buf));
	ike_write_header(&w, &h);
	ike_payload_begin(&w, type, critical);
	ike_put_bytes(&w, body, len);
	ike_payload_end(&w);
	ike_writer_finish(&w, &out);
	return out;
}

static size_t request(uint8_t type, const void *body, size_t len)
{
	return one_payload(IKEV2_FLAG_INITIATOR, type, false, body, len);
}

static enum ike_codec_err parse(size_t len)
{
	memset(&err, 0, sizeof(err));
	if (ike_parse_message(&msg, buf, len, &err) == 0)
		return IKE_OK;
	return err.code;
}

/* Each failure must say why, for the log line. */
#define EXPECT_PARSE_ERR(want, len) do { \
		EXPECT_EQ(want, parse(len)) TH_LOG("got: %s", err.message); \
		EXPECT_NE(0, strlen(err.message)); \
	} while (0)

static const uint8_t nonce16[16];

TEST(header_errors)
{
	size_t len = request(IKEV2_PT_NONCE, nonce16, sizeof(nonce16));

	EXPECT_EQ(IKE_OK, parse(len));
	EXPECT_PARSE_ERR(IKE_ERR_TRUNCATED, IKEV2_HEADER_LEN - 1);
	EXPECT_PARSE_ERR(IKE_ERR_TRUNCATED, 0);
	/* Datagram shorter, then longer, than the header says. */
	EXPECT_PARSE_ERR(IKE_ERR_BAD_LENGTH, len - 1);
	EXPECT_PARSE_ERR(IKE_ERR_BAD_LENGTH, len + 1);
	buf[27] = 20;		/* length below the header's own */
	EXPECT_PARSE_ERR(IKE_ERR_BAD_LENGTH, len);

	len = request(IKEV2_PT_NONCE, nonce16, sizeof(nonce16));
	buf[17] = 0x30;		/* version 3.0 */
	EXPECT_PARSE_ERR(IKE_ERR_BAD_VERSION, len);
	EXPECT_EQ(IKEV2_N_INVALID_MAJOR_VERSION, ike_codec_err_notify(err.code));
	buf[17] = 0x21;		/* 2.1: minor versions are ignored */
	EXPECT_EQ(IKE_OK, parse(len));
	EXPECT_EQ(1, msg.hdr.minor_version);
}

TEST(chain_errors)
{
	size_t len = request(IKEV2_PT_NONCE, nonce16, sizeof(nonce16));

	/* Payload length below 4 would loop on the same header. */
	buf[30] = 0;
	buf[31] = 0;
	EXPECT_PARSE_ERR(IKE_ERR_BAD_LENGTH, len);
	buf[31] = 3;
	EXPECT_PARSE_ERR(IKE_ERR_BAD_LENGTH, len);
	/* Payload length beyond the message. */
	buf[31] = 4 + 16 + 1;
	EXPECT_PARSE_ERR(IKE_ERR_BAD_LENGTH, len);
	EXPECT_EQ(30, err.offset);
	/* The chain announces another payload but the message ends. */
	len = request(IKEV2_PT_NONCE, nonce16, sizeof(nonce16));
	buf[28] = IKEV2_PT_V;
	EXPECT_PARSE_ERR(IKE_ERR_TRUNCATED, len);
	/* The chain ends early: octets after the last payload. */
	len = request(IKEV2_PT_V, nonce16, sizeof(nonce16));
	buf[31] = 4 + 8;
	EXPECT_PARSE_ERR(IKE_ERR_TRAILING_DATA, len);
	/* Header says no payload at all, yet octets follow. */
	len = request(IKEV2_PT_V, nonce16, sizeof(nonce16));
	buf[16] = IKEV2_PT_NONE;
	EXPECT_PARSE_ERR(IKE_ERR_TRAILING_DATA, len);
}

TEST(unknown_payloads)
{
	size_t len = one_payload(IKEV2_FLAG_INITIATOR, 200, true, "x", 1);

	EXPECT_PARSE_ERR(IKE_ERR_UNSUPPORTED_CRITICAL, len);
	EXPECT_EQ(200, err.payload_type);
	EXPECT_EQ(IKEV2_N_UNSUPPORTED_CRITICAL_PAYLOAD,
		  ike_codec_err_notify(err.code));
	/* IKEv1 payload numbers are unknown to IKEv2 too. */
	len = one_payload(IKEV2_FLAG_INITIATOR, 1, true, "x", 1);
	EXPECT_PARSE_ERR(IKE_ERR_UNSUPPORTED_CRITICAL, len);
	/* Not critical: skipped, kept as unknown. */
	len = one_payload(IKEV2_FLAG_INITIATOR, 200, false, "x", 1);
	ASSERT_EQ(IKE_OK, parse(len));
	ASSERT_EQ(1, msg.n_payloads);
	EXPECT_FALSE(msg.payloads[0].known);
	EXPECT_EQ(NULL, ike_message_find(&msg, 200, NULL));
	/* The critical bit of a known payload is ignored. */
	len = one_payload(IKEV2_FLAG_INITIATOR, IKEV2_PT_V, true, "x", 1);
	EXPECT_EQ(IKE_OK, parse(len));
}

/* Two payloads of TYPE, each with BODY. */
static size_t twice(uint8_t type, const void *body, size_t len)
{
	const struct ike_header h = { .flags = IKEV2_FLAG_INITIATOR };
	struct ike_writer w;
	size_t out = 0;
	int i;

	ike_writer_init(&w, buf, sizeof(buf));
	ike_write_header(&w, &h);
	for (i = 0; i < 2; i++) {
		ike_payload_begin(&w, type, false);
		ike_put_bytes(&w, body, len);
		ike_payload_end(&w);
	}
	ike_writer_finish(&w, &out);
	return out;
}

TEST(duplicates)
{
	static const uint8_t ke[8] = { 0, 19 };
	static const uint8_t notify[4] = { 0, 0, 0x40, 0x2e };

	EXPECT_PARSE_ERR(IKE_ERR_DUPLICATE_PAYLOAD,
			 twice(IKEV2_PT_NONCE, nonce16, sizeof(nonce16)));
	EXPECT_EQ(IKEV2_PT_NONCE, err.payload_type);
	EXPECT_PARSE_ERR(IKE_ERR_DUPLICATE_PAYLOAD,
			 twice(IKEV2_PT_KE, ke, sizeof(ke)));
	/* N, V, CERT, CERTREQ and D may repeat. */
	EXPECT_EQ(IKE_OK, parse(twice(IKEV2_PT_N, notify, sizeof(notify))));
	EXPECT_EQ(IKE_OK, parse(twice(IKEV2_PT_V, "v", 1)));
	EXPECT_EQ(IKE_OK, parse(twice(IKEV2_PT_CERTREQ, "\x04", 1)));
}

TEST(encrypted_payloads)
{
	static const uint8_t skf[8] = { 0, 1, 0, 2, 0xaa };
	uint8_t copy[64];
	size_t len;

	/* A payload after SK. */
	len = twice(IKEV2_PT_SK, "ivct", 4);
	EXPECT_PARSE_ERR(IKE_ERR_SK_NOT_LAST, len);
	len = request(IKEV2_PT_SKF, skf, sizeof(skf));
	EXPECT_EQ(IKE_OK, parse(len));
	buf[33] = 0;		/* fragment 0 */
	EXPECT_PARSE_ERR(IKE_ERR_BAD_FRAGMENT, len);
	buf[33] = 3;		/* fragment 3 of 2 */
	EXPECT_PARSE_ERR(IKE_ERR_BAD_FRAGMENT, len);
	len = request(IKEV2_PT_SKF, skf, 3);
	EXPECT_PARSE_ERR(IKE_ERR_TRUNCATED, len);

	/* Decrypted content holding another SK. */
	len = request(IKEV2_PT_SK, "iv", 2);
	ASSERT_EQ(IKE_OK, parse(len));
	memcpy(copy, "\x00\x00\x00\x06xy", 6);
	EXPECT_EQ(-1, ike_parse_inner(&msg, IKEV2_PT_SK, copy, 6, &err));
	EXPECT_EQ(IKE_ERR_DUPLICATE_PAYLOAD, err.code);
}

/* SA bodies written octet by octet: one proposal of TRANSFORMS octets. */
static size_t sa_with(uint8_t flags, const uint8_t *sa, size_t len)
{
	return one_payload(flags, IKEV2_PT_SA, false, sa, len);
}

TEST(sa_structure)
{
	uint8_t sa[] = {
		0, 0, 0, 8 + 8 + 12,	/* last proposal, length 28 */
		1, IKEV2_PROTO_IKE, 0, 2,	/* #1, IKE, no SPI, 2 transforms */
		3, 0, 0, 8, IKEV2_TRANSFORM_TYPE_PRF, 0, 0, IKEV2_PRF_HMAC_SHA2_256,
		0, 0, 0, 12, IKEV2_TRANSFORM_TYPE_ENCR, 0, 0, IKEV2_ENCR_AES_CBC,
		0x80, IKEV2_ATTR_KEY_LENGTH, 0x01, 0x00,
	};
	uint8_t bad[sizeof(sa)];

	ASSERT_EQ(IKE_OK, parse(sa_with(IKEV2_FLAG_INITIATOR, sa, sizeof(sa))));
	EXPECT_EQ(256, msg.payloads[0].u.sa.proposals[0].transforms[1].key_length);

#define MUTATE(at, value) (memcpy(bad, sa, sizeof(sa)), bad[at] = (value), \
			   sa_with(IKEV2_FLAG_INITIATOR, bad, sizeof(bad)))
	EXPECT_PARSE_ERR(IKE_ERR_BAD_SUBSTRUCTURE, MUTATE(0, 2));	/* "more" */
	EXPECT_PARSE_ERR(IKE_ERR_BAD_SUBSTRUCTURE, MUTATE(7, 3));	/* count */
	EXPECT_PARSE_ERR(IKE_ERR_BAD_SUBSTRUCTURE, MUTATE(7, 1));
	EXPECT_PARSE_ERR(IKE_ERR_BAD_SUBSTRUCTURE, MUTATE(8, 0));	/* marker */
	EXPECT_PARSE_ERR(IKE_ERR_BAD_SUBSTRUCTURE, MUTATE(16, 3));
	EXPECT_PARSE_ERR(IKE_ERR_BAD_LENGTH, MUTATE(3, 7));	/* < header */
	EXPECT_PARSE_ERR(IKE_ERR_BAD_LENGTH, MUTATE(3, 29));	/* > body */
	EXPECT_PARSE_ERR(IKE_ERR_BAD_LENGTH, MUTATE(11, 7));	/* transform */
	EXPECT_PARSE_ERR(IKE_ERR_BAD_LENGTH, MUTATE(11, 30));
	EXPECT_PARSE_ERR(IKE_ERR_BAD_PROPOSAL_NUMBER, MUTATE(4, 2));
	EXPECT_PARSE_ERR(IKE_ERR_BAD_PROPOSAL_NUMBER, MUTATE(4, 0));
	EXPECT_PARSE_ERR(IKE_ERR_BAD_SPI_SIZE, MUTATE(6, 4));	/* IKE: 0 or 8 */
	/* Key Length as TLV: its "length" 0x0100 overflows the transform. */
	EXPECT_PARSE_ERR(IKE_ERR_BAD_ATTRIBUTE, MUTATE(24, 0x00));
	/* Truncated attribute header: transform length cuts it. */
	memcpy(bad, sa, sizeof(sa));
	bad[3] = 26;
	bad[19] = 10;
	EXPECT_PARSE_ERR(IKE_ERR_BAD_ATTRIBUTE,
			 sa_with(IKEV2_FLAG_INITIATOR, bad, 26));
	/* A reply echoes the chosen number, which need not be 1. */
	memcpy(bad, sa, sizeof(sa));
	bad[4] = 5;
	EXPECT_EQ(IKE_OK, parse(sa_with(IKEV2_FLAG_RESPONSE, bad, sizeof(bad))));
	EXPECT_PARSE_ERR(IKE_ERR_BAD_PROPOSAL_NUMBER, MUTATE(4, 0));
#undef MUTATE
	EXPECT_PARSE_ERR(IKE_ERR_BAD_SUBSTRUCTURE, sa_with(0, sa, 0));
	EXPECT_PARSE_ERR(IKE_ERR_TRUNCATED, sa_with(0, sa, 7));
}

TEST(sa_attributes)
{
	uint8_t sa[] = {
		0, 0, 0, 8 + 20,
		1, IKEV2_PROTO_ESP, 4, 1,
		0xc0, 0xff, 0xee, 0x01,
		0, 0, 0, 16, IKEV2_TRANSFORM_TYPE_ENCR, 0, 0, IKEV2_ENCR_AES_GCM_16,
		0x80, IKEV2_ATTR_KEY_LENGTH, 0x01, 0x00,
		0x80, IKEV2_ATTR_KEY_LENGTH, 0x00, 0x80,
	};

	/* Key Length twice. */
	EXPECT_PARSE_ERR(IKE_ERR_BAD_ATTRIBUTE,
			 sa_with(IKEV2_FLAG_INITIATOR, sa, sizeof(sa)));
	/* An unknown TV attribute is kept for the selector to refuse. */
	sa[25] = 99;
	ASSERT_EQ(IKE_OK, parse(sa_with(IKEV2_FLAG_INITIATOR, sa, sizeof(sa))));
	EXPECT_TRUE(msg.transforms[0].unknown_attribute);
	EXPECT_EQ(0, memcmp(msg.proposals[0].spi, "\xc0\xff\xee\x01", 4));
	/* A TLV attribute whose value runs past the transform. */
	sa[24] = 0x00;
	sa[26] = 0;
	sa[27] = 1;
	EXPECT_PARSE_ERR(IKE_ERR_BAD_ATTRIBUTE,
			 sa_with(IKEV2_FLAG_INITIATOR, sa, sizeof(sa)));
	/* ESP needs a 4-octet SPI. */
	sa[6] = 8;
	EXPECT_PARSE_ERR(IKE_ERR_BAD_SPI_SIZE,
			 sa_with(IKEV2_FLAG_INITIATOR, sa, sizeof(sa)));
}

TEST(sa_limits)
{
	uint8_t sa[IKE_MAX_PROPOSALS + 1][8];
	size_t i, len;
	uint8_t *big = malloc(3 * (8 + 200 * 8));

	/* One proposal more than the arena holds (each without transforms). */
	for (i = 0; i <= IKE_MAX_PROPOSALS; i++) {
		uint8_t p[8] = { i == IKE_MAX_PROPOSALS ? 0 : 2, 0, 0, 8,
				 (uint8_t)(i + 1), IKEV2_PROTO_IKE, 0, 0 };

		memcpy(sa[i], p, 8);
	}
	EXPECT_PARSE_ERR(IKE_ERR_TOO_MANY_PROPOSALS,
			 sa_with(IKEV2_FLAG_INITIATOR, sa[0], sizeof(sa)));

	/* 3 proposals of 200 transforms: more than IKE_MAX_TRANSFORMS. */
	ASSERT_NE(NULL, big);
	len = 0;
	for (i = 0; i < 3; i++) {
		uint8_t *p = big + len;
		int t;

		p[0] = i == 2 ? 0 : 2;
		p[1] = 0;
		p[2] = (8 + 200 * 8) >> 8;
		p[3] = (8 + 200 * 8) & 0xff;
		p[4] = (uint8_t)(i + 1);
		p[5] = IKEV2_PROTO_IKE;
		p[6] = 0;
		p[7] = 200;
		for (t = 0; t < 200; t++) {
			uint8_t tr[8] = { t == 199 ? 0 : 3, 0, 0, 8,
					  IKEV2_TRANSFORM_TYPE_ENCR, 0, 0, 12 };

			memcpy(p + 8 + t * 8, tr, 8);
		}
		len += 8 + 200 * 8;
	}
	EXPECT_PARSE_ERR(IKE_ERR_TOO_MANY_TRANSFORMS,
			 sa_with(IKEV2_FLAG_INITIATOR, big, len));
	free(big);
}

TEST(nonce_lengths)
{
	static const uint8_t nonce[IKEV2_NONCE_MAX_LEN + 1];

	EXPECT_PARSE_ERR(IKE_ERR_BAD_NONCE_LENGTH, request(IKEV2_PT_NONCE, nonce, 15));
	EXPECT_EQ(IKE_OK, parse(request(IKEV2_PT_NONCE, nonce, 16)));
	EXPECT_EQ(IKE_OK, parse(request(IKEV2_PT_NONCE, nonce, 256)));
	EXPECT_PARSE_ERR(IKE_ERR_BAD_NONCE_LENGTH, request(IKEV2_PT_NONCE, nonce, 257));
	EXPECT_PARSE_ERR(IKE_ERR_BAD_NONCE_LENGTH, request(IKEV2_PT_NONCE, nonce, 0));
}

TEST(short_fixed_parts)
{
	EXPECT_PARSE_ERR(IKE_ERR_TRUNCATED, request(IKEV2_PT_KE, "\0\x13\0", 3));
	EXPECT_PARSE_ERR(IKE_ERR_TRUNCATED, request(IKEV2_PT_IDI, "\x02", 1));
	EXPECT_PARSE_ERR(IKE_ERR_TRUNCATED, request(IKEV2_PT_AUTH, "", 0));
	EXPECT_PARSE_ERR(IKE_ERR_TRUNCATED, request(IKEV2_PT_CERT, "", 0));
	EXPECT_PARSE_ERR(IKE_ERR_TRUNCATED, request(IKEV2_PT_N, "\0\0\x40", 3));
	EXPECT_PARSE_ERR(IKE_ERR_TRUNCATED, request(IKEV2_PT_D, "\x01", 1));
	EXPECT_PARSE_ERR(IKE_ERR_TRUNCATED, request(IKEV2_PT_TSI, "\x01", 1));
	EXPECT_PARSE_ERR(IKE_ERR_TRUNCATED, request(IKEV2_PT_CP, "\x01", 1));
	EXPECT_PARSE_ERR(IKE_ERR_TRUNCATED, request(IKEV2_PT_EAP, "\x01", 1));
}

TEST(notify_and_delete)
{
	/* Notify SPI size beyond the body. */
	EXPECT_PARSE_ERR(IKE_ERR_BAD_SPI_SIZE,
			 request(IKEV2_PT_N, "\x03\x04\x40\x09\xaa\xbb", 6));
	EXPECT_EQ(IKE_OK, parse(request(IKEV2_PT_N, "\x03\x04\x40\x09\xaa\xbb\xcc\xdd", 8)));
	EXPECT_EQ(4, msg.payloads[0].u.notify.spi_size);
	EXPECT_EQ(0, msg.payloads[0].u.notify.data_len);
	/* Delete: SPI size per protocol, SPI count against the body. */
	EXPECT_PARSE_ERR(IKE_ERR_BAD_SPI_SIZE,
			 request(IKEV2_PT_D, "\x01\x08\x00\x00", 4));
	EXPECT_PARSE_ERR(IKE_ERR_BAD_SPI_SIZE,
			 request(IKEV2_PT_D, "\x03\x08\x00\x01" "abcdefgh", 12));
	EXPECT_PARSE_ERR(IKE_ERR_BAD_LENGTH,
			 request(IKEV2_PT_D, "\x03\x04\x00\x02" "abcd", 8));
	EXPECT_PARSE_ERR(IKE_ERR_BAD_LENGTH,
			 request(IKEV2_PT_D, "\x03\x04\x00\x01" "abcdefgh", 12));
	EXPECT_EQ(IKE_OK, parse(request(IKEV2_PT_D, "\x03\x04\x00\x02" "abcdefgh", 12)));
	EXPECT_EQ(2, msg.payloads[0].u.del.n_spis);
}

TEST(traffic_selectors)
{
	uint8_t ts[4 + 16] = {
		1, 0, 0, 0,
		IKEV2_TS_IPV4_ADDR_RANGE, 6, 0, 16, 0, 80, 443 >> 8, 443 & 0xff,
		10, 0, 0, 1, 10, 0, 0, 9,
	};
	uint8_t many[4 + (IKE_MAX_SELECTORS + 1) * 16];
	size_t i;

	ASSERT_EQ(IKE_OK, parse(request(IKEV2_PT_TSI, ts, sizeof(ts))));
	EXPECT_EQ(443, msg.payloads[0].u.ts.selectors[0].end_port);
	ts[0] = 0;
	EXPECT_PARSE_ERR(IKE_ERR_BAD_TS, request(IKEV2_PT_TSI, ts, sizeof(ts)));
	ts[0] = 2;	/* announces two, carries one */
	EXPECT_PARSE_ERR(IKE_ERR_TRUNCATED, request(IKEV2_PT_TSR, ts, sizeof(ts)));
	ts[0] = 1;
	ts[4] = 9;	/* unknown type */
	EXPECT_PARSE_ERR(IKE_ERR_BAD_TS, request(IKEV2_PT_TSI, ts, sizeof(ts)));
	ts[4] = IKEV2_TS_IPV6_ADDR_RANGE;	/* v6 type, v4 length */
	EXPECT_PARSE_ERR(IKE_ERR_BAD_TS, request(IKEV2_PT_TSI, ts, sizeof(ts)));
	ts[4] = IKEV2_TS_IPV4_ADDR_RANGE;
	EXPECT_PARSE_ERR(IKE_ERR_TRUNCATED, request(IKEV2_PT_TSI, ts, sizeof(ts) - 1));
	/* Octets after the announced selectors. */
	memcpy(many, ts, sizeof(ts));
	EXPECT_PARSE_ERR(IKE_ERR_BAD_TS, request(IKEV2_PT_TSI, many, sizeof(ts) + 2));

	many[0] = IKE_MAX_SELECTORS + 1;
	for (i = 0; i <= IKE_MAX_SELECTORS; i++)
		memcpy(many + 4 + i * 16, ts + 4, 16);
	EXPECT_PARSE_ERR(IKE_ERR_TOO_MANY_SELECTORS,
			 request(IKEV2_PT_TSI, many, sizeof(many)));
}

TEST(eap)
{
	EXPECT_EQ(IKE_OK, parse(request(IKEV2_PT_EAP, "\x02\x01\x00\x06\x01u", 6)));
	EXPECT_EQ(IKEV2_EAP_RESPONSE, msg.payloads[0].u.eap.code);
	EXPECT_EQ(1, msg.payloads[0].u.eap.eap_type);
	EXPECT_EQ(1, msg.payloads[0].u.eap.type_data_len);
	EXPECT_EQ(IKE_OK, parse(request(IKEV2_PT_EAP, "\x03\x01\x00\x04", 4)));
	/* EAP Length disagrees with the payload. */
	EXPECT_PARSE_ERR(IKE_ERR_BAD_EAP, request(IKEV2_PT_EAP, "\x02\x01\x00\x07\x01u", 6));
	EXPECT_PARSE_ERR(IKE_ERR_BAD_EAP, request(IKEV2_PT_EAP, "\x02\x01\x00\x05\x01u", 6));
	/* Request without a type; Success with data; unknown code. */
	EXPECT_PARSE_ERR(IKE_ERR_BAD_EAP, request(IKEV2_PT_EAP, "\x01\x01\x00\x04", 4));
	EXPECT_PARSE_ERR(IKE_ERR_BAD_EAP, request(IKEV2_PT_EAP, "\x03\x01\x00\x05x", 5));
	EXPECT_PARSE_ERR(IKE_ERR_BAD_EAP, request(IKEV2_PT_EAP, "\x05\x01\x00\x04", 4));
}

TEST(configuration_attributes)
{
	uint8_t cp[4 + (IKE_MAX_CFG_ATTRS + 1) * 4] = { IKEV2_CFG_REQUEST };
	size_t i;

	/* Attribute length beyond the payload; attribute header cut. */
	EXPECT_PARSE_ERR(IKE_ERR_BAD_LENGTH,
			 request(IKEV2_PT_CP, "\x01\0\0\0\x00\x01\x00\x04" "abc", 11));
	EXPECT_PARSE_ERR(IKE_ERR_TRUNCATED,
			 request(IKEV2_PT_CP, "\x01\0\0\0\x00\x01\x00", 7));
	/* The reserved bit is not part of the type. */
	ASSERT_EQ(IKE_OK, parse(request(IKEV2_PT_CP, "\x02\0\0\0\x80\x01\x00\x04" "abcd", 12)));
	EXPECT_EQ(IKEV2_CFG_INTERNAL_IP4_ADDRESS, msg.payloads[0].u.cp.attrs[0].type);

	for (i = 0; i <= IKE_MAX_CFG_ATTRS; i++)
		cp[4 + i * 4 + 1] = IKEV2_CFG_INTERNAL_IP4_DNS;
	EXPECT_PARSE_ERR(IKE_ERR_TOO_MANY_CFG_ATTRS,
			 request(IKEV2_PT_CP, cp, sizeof(cp)));
}

TEST(too_many_payloads)
{
	const struct ike_header h = { .flags = IKEV2_FLAG_INITIATOR };
	struct ike_writer w;
	size_t len = 0;
	int i;

	ike_writer_init(&w, buf, sizeof(buf));
	ike_write_header(&w, &h);
	for (i = 0; i <= IKE_MAX_PAYLOADS; i++)
		ike_put_vendor(&w, (const uint8_t *)"v", 1);
	ASSERT_EQ(0, ike_writer_finish(&w, &len));
	EXPECT_PARSE_ERR(IKE_ERR_TOO_MANY_PAYLOADS, len);
}

TEST(error_names)
{
	int a, b;

	for (a = 0; a < IKE_ERR_COUNT; a++) {
		EXPECT_STRNE("unknown", ike_codec_err_name(a));
		for (b = 0; b < a; b++)
			EXPECT_STRNE(ike_codec_err_name(a), ike_codec_err_name(b));
	}
	EXPECT_STREQ("unknown", ike_codec_err_name(IKE_ERR_COUNT));
	EXPECT_STREQ("truncated", ike_codec_err_name(IKE_ERR_TRUNCATED));
	EXPECT_EQ(IKEV2_N_INVALID_SYNTAX, ike_codec_err_notify(IKE_ERR_BAD_TS));
}

TEST_HARNESS_MAIN
