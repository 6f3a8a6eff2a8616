// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The IKEv2 writer (daemon/ike/codec_build.c, payload_build.c): a message
 * written octet by octet from the RFC 7296 §3 layouts must come out of
 * the writer identically (and parse back), the SK/SKF framing must put
 * every part where the encryptor expects it, and misuse must fail.
 */
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include "ike/codec.h"
#include "ike/codec_build.h"
#include "ike_codec_samples.h"

static struct ike_message msg;
static struct ike_codec_error err;
static uint8_t buf[UINT16_MAX + 4096];

/*
 * IKE_SA_INIT request, RFC 7296 §1.2: HDR, SAi1, KEi, Ni, plus
 * N(IKEV2_FRAGMENTATION_SUPPORTED) (RFC 7383 §2.3).
 */
static const uint8_t sa_init_vector[144] = {
	/* §3.1 header: SPIi, SPIr (0: not known yet) */
	0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	/* Next Payload SA, version 2.0, IKE_SA_INIT, flags Initiator */
	33, 0x20, 34, 0x08,
	/* Message ID 0, Length 144 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 144,
	/* §3.3 SA: Next Payload KE, length 48 */
	34, 0x00, 0x00, 48,
	/* Proposal: last, length 44, #1, IKE, SPI size 0, 4 transforms */
	0, 0, 0, 44, 1, 1, 0, 4,
	/* Transform ENCR AES_CBC, Key Length (TV, 14) 128 */
	3, 0, 0, 12, 1, 0, 0, 12, 0x80, 14, 0x00, 0x80,
	/* Transform PRF_HMAC_SHA2_256 */
	3, 0, 0, 8, 2, 0, 0, 5,
	/* Transform AUTH_HMAC_SHA2_256_128 */
	3, 0, 0, 8, 3, 0, 0, 12,
	/* Transform D-H Curve25519, last */
	0, 0, 0, 8, 4, 0, 0, 31,
	/* §3.4 KE: Next Payload Nonce, length 40, group 31, reserved */
	40, 0x00, 0x00, 40, 0x00, 31, 0x00, 0x00,
	0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
	0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf,
	0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7,
	0xb8, 0xb9, 0xba, 0xbb, 0xbc, 0xbd, 0xbe, 0xbf,
	/* §3.9 Nonce: Next Payload N, length 20 */
	41, 0x00, 0x00, 20,
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
	0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
	/* §3.10 N: last, length 8, protocol 0, SPI size 0, type 16430 */
	0, 0x00, 0x00, 8, 0, 0, 0x40, 0x2e,
};

static const struct ike_transform vector_transforms[] = {
	{ .type = IKEV2_TRANSFORM_TYPE_ENCR, .id = IKEV2_ENCR_AES_CBC,
	  .has_key_length = true, .key_length = 128 },
	{ .type = IKEV2_TRANSFORM_TYPE_PRF, .id = IKEV2_PRF_HMAC_SHA2_256 },
	{ .type = IKEV2_TRANSFORM_TYPE_INTEG, .id = IKEV2_AUTH_HMAC_SHA2_256_128 },
	{ .type = IKEV2_TRANSFORM_TYPE_DH, .id = IKEV2_DH_CURVE25519 },
};

TEST(sa_init_request_matches_rfc_layout)
{
	const struct ike_header h = {
		.spi_i = { 1, 2, 3, 4, 5, 6, 7, 8 },
		.exchange_type = IKEV2_EXCH_IKE_SA_INIT,
		.flags = IKEV2_FLAG_INITIATOR,
	};
	const struct ike_proposal proposal = {
		.number = 1, .protocol_id = IKEV2_PROTO_IKE, .n_transforms = 4,
		.transforms = vector_transforms,
	};
	uint8_t ke[32], nonce[16];
	struct ike_writer w;
	size_t len, i;

	for (i = 0; i < sizeof(ke); i++)
		ke[i] = 0xa0 + i;
	for (i = 0; i < sizeof(nonce); i++)
		nonce[i] = 0x10 + i;
	ike_writer_init(&w, buf, sizeof(buf));
	ike_write_header(&w, &h);
	ike_put_sa(&w, &proposal, 1);
	ike_put_ke(&w, IKEV2_DH_CURVE25519, ke, sizeof(ke));
	ike_put_nonce(&w, nonce, sizeof(nonce));
	ike_put_notify(&w, IKEV2_PROTO_NONE, NULL, 0,
		       IKEV2_N_IKEV2_FRAGMENTATION_SUPPORTED, NULL, 0);
	ASSERT_EQ(0, ike_writer_finish(&w, &len));
	ASSERT_EQ(sizeof(sa_init_vector), len);
	for (i = 0; i < len; i++)
		EXPECT_EQ(sa_init_vector[i], buf[i]) TH_LOG("octet %zu", i);
}

TEST(sa_init_request_vector_parses)
{
	const struct ike_payload *p;
	const struct ike_proposal *prop;

	ASSERT_EQ(0, ike_parse_message(&msg, sa_init_vector,
				       sizeof(sa_init_vector), &err));
	EXPECT_EQ(0, memcmp(msg.hdr.spi_i, sa_init_vector, 8));
	EXPECT_EQ(IKEV2_EXCH_IKE_SA_INIT, msg.hdr.exchange_type);
	EXPECT_EQ(IKEV2_FLAG_INITIATOR, msg.hdr.flags);
	EXPECT_EQ(0, msg.hdr.message_id);
	EXPECT_EQ(144, msg.hdr.length);
	ASSERT_EQ(4, msg.n_payloads);

	p = ike_message_find(&msg, IKEV2_PT_SA, NULL);
	ASSERT_NE(NULL, p);
	ASSERT_EQ(1, p->u.sa.n_proposals);
	prop = &p->u.sa.proposals[0];
	EXPECT_EQ(1, prop->number);
	EXPECT_EQ(IKEV2_PROTO_IKE, prop->protocol_id);
	ASSERT_EQ(4, prop->n_transforms);
	EXPECT_EQ(IKEV2_ENCR_AES_CBC, prop->transforms[0].id);
	EXPECT_TRUE(prop->transforms[0].has_key_length);
	EXPECT_EQ(128, prop->transforms[0].key_length);
	EXPECT_FALSE(prop->transforms[1].has_key_length);
	EXPECT_EQ(IKEV2_TRANSFORM_TYPE_DH, prop->transforms[3].type);
	EXPECT_EQ(IKEV2_DH_CURVE25519, prop->transforms[3].id);

	p = ike_message_find(&msg, IKEV2_PT_KE, NULL);
	ASSERT_NE(NULL, p);
	EXPECT_EQ(31, p->u.ke.dh_group);
	EXPECT_EQ(32, p->u.ke.data_len);
	EXPECT_EQ(sa_init_vector + 84, p->u.ke.data);	/* points into the datagram */
	p = ike_message_find(&msg, IKEV2_PT_NONCE, NULL);
	ASSERT_NE(NULL, p);
	EXPECT_EQ(16, p->u.nonce.data_len);
	EXPECT_EQ(0x10, p->u.nonce.data[0]);
	p = ike_message_find_notify(&msg, IKEV2_N_IKEV2_FRAGMENTATION_SUPPORTED);
	EXPECT_NE(NULL, p);
	EXPECT_EQ(NULL, ike_message_find_notify(&msg, IKEV2_N_COOKIE));
}

TEST(sk_layout_for_the_encryptor)
{
	struct ike_sk_span span;
	struct ike_writer w;
	uint8_t *trailer;
	size_t len;

	ike_writer_init(&w, buf, sizeof(buf));
	sample_ike_auth_request(&w, 8, 0, &span);
	ASSERT_EQ(IKE_OK, w.err.code) TH_LOG("%s", w.err.message);
	EXPECT_EQ(IKEV2_HEADER_LEN, span.payload_offset);
	EXPECT_EQ(IKEV2_HEADER_LEN + 4, span.iv_offset);
	EXPECT_EQ(IKEV2_HEADER_LEN + 4 + 8, span.plaintext_offset);
	EXPECT_EQ(w.len - span.plaintext_offset, span.plaintext_len);

	/* Padding + Pad Length + ICV: lengths follow, AAD is final. */
	trailer = ike_sk_extend(&w, &span, 1 + 16);
	ASSERT_NE(NULL, trailer);
	EXPECT_EQ(buf + span.plaintext_offset + span.plaintext_len, trailer);
	ASSERT_EQ(0, ike_writer_finish(&w, &len));
	EXPECT_EQ(span.plaintext_offset + span.plaintext_len + 17, len);
	EXPECT_EQ(IKEV2_PT_SK, buf[16]);
	EXPECT_EQ(IKEV2_PT_IDI, buf[span.payload_offset]);	/* first inner */
	EXPECT_EQ(len - IKEV2_HEADER_LEN,
		  (size_t)(buf[span.payload_offset + 2] << 8 |
			   buf[span.payload_offset + 3]));
	EXPECT_EQ(len, (size_t)(buf[26] << 8 | buf[27]));
	/* Nothing may follow SK. */
	ike_put_vendor(&w, buf, 1);
	EXPECT_EQ(-1, ike_writer_finish(&w, &len));
	EXPECT_EQ(IKE_ERR_BAD_ARGUMENT, w.err.code);
}

TEST(skf_layout)
{
	const struct ike_payload_encrypted *skf;
	struct ike_writer w;
	size_t len;

	ike_writer_init(&w, buf, sizeof(buf));
	sample_fragment(&w);
	ASSERT_EQ(0, ike_writer_finish(&w, &len));
	/* Next Payload IDi, length, fragment 1 of 3, 16-octet IV. */
	EXPECT_EQ(IKEV2_PT_SKF, buf[16]);
	EXPECT_EQ(IKEV2_PT_IDI, buf[28]);
	EXPECT_EQ(len - 28, (size_t)(buf[30] << 8 | buf[31]));
	EXPECT_EQ(0, memcmp(buf + 32, "\x00\x01\x00\x03", 4));
	ASSERT_EQ(0, ike_parse_message(&msg, buf, len, &err)) TH_LOG("%s", err.message);
	skf = &msg.payloads[0].u.sk;
	EXPECT_EQ(1, skf->fragment_number);
	EXPECT_EQ(3, skf->total_fragments);
	EXPECT_EQ(IKEV2_PT_IDI, skf->first_inner_type);
	EXPECT_EQ(16 + 48 + 16, skf->encrypted_len);
	EXPECT_EQ(buf + 36, skf->encrypted);
}

TEST(buffer_too_small)
{
	uint8_t *exact;
	struct ike_writer w;
	size_t full, cap, len;

	ike_writer_init(&w, buf, sizeof(buf));
	sample_sa_init_request(&w);
	ASSERT_EQ(0, ike_writer_finish(&w, &full));
	/* Heap buffers of every smaller size: ASan sees any overrun. */
	for (cap = 0; cap <= full; cap++) {
		exact = malloc(cap ? cap : 1);
		ASSERT_NE(NULL, exact);
		ike_writer_init(&w, exact, cap);
		sample_sa_init_request(&w);
		if (cap < full) {
			EXPECT_EQ(-1, ike_writer_finish(&w, &len));
			EXPECT_EQ(IKE_ERR_NO_SPACE, w.err.code);
		} else {
			EXPECT_EQ(0, ike_writer_finish(&w, &len));
			EXPECT_EQ(0, memcmp(exact, buf, full));
		}
		free(exact);
	}
}

/* Build with BUILD's misuse; the writer must refuse with BAD_ARGUMENT. */
#define EXPECT_MISUSE(...) do { \
		struct ike_writer w_; \
		size_t len_; \
		ike_writer_init(&w_, buf, sizeof(buf)); \
		sample_header(&w_, IKEV2_EXCH_IKE_AUTH, 0, 1, true); \
		{ struct ike_writer *w = &w_; __VA_ARGS__; } \
		EXPECT_EQ(-1, ike_writer_finish(&w_, &len_)); \
		EXPECT_EQ(IKE_ERR_BAD_ARGUMENT, w_.err.code); \
		EXPECT_NE(0, strlen(w_.err.message)); \
	} while (0)

TEST(misuse)
{
	static const uint8_t eap_bad[] = { 2, 1, 0, 9, 1 };
	static uint8_t big[UINT16_MAX];
	const struct ike_traffic_selector bad_ts = { .type = 9 };
	struct ike_sk_span span;

	EXPECT_MISUSE(ike_put_nonce(w, big, 15));
	EXPECT_MISUSE(ike_put_nonce(w, big, 257));
	EXPECT_MISUSE(ike_put_vendor(w, big, UINT16_MAX - 3));	/* > 65535 */
	EXPECT_MISUSE(ike_put_ts(w, IKEV2_PT_TSI, &bad_ts, 1));
	EXPECT_MISUSE(ike_put_ts(w, IKEV2_PT_TSI, &bad_ts, 0));
	EXPECT_MISUSE(ike_put_sa(w, NULL, 0));
	EXPECT_MISUSE(ike_put_eap(w, eap_bad, sizeof(eap_bad)));
	EXPECT_MISUSE(ike_payload_end(w));
	EXPECT_MISUSE(ike_payload_begin(w, IKEV2_PT_V, false));	/* never closed */
	EXPECT_MISUSE(ike_payload_begin(w, IKEV2_PT_V, false);
		      ike_payload_begin(w, IKEV2_PT_V, false));
	EXPECT_MISUSE(ike_sk_end(w, &span));
	EXPECT_MISUSE(ike_sk_extend(w, &span, 4));
	EXPECT_MISUSE(ike_sk_begin(w, 16); ike_sk_begin(w, 16));
	EXPECT_MISUSE(ike_skf_begin(w, IKEV2_PT_IDI, 0, 1, 16));
	EXPECT_MISUSE(ike_skf_begin(w, IKEV2_PT_IDI, 2, 1, 16));
	/* SKF carries raw octets, not payloads. */
	EXPECT_MISUSE(ike_skf_begin(w, IKEV2_PT_IDI, 1, 1, 16);
		      ike_put_vendor(w, big, 1));
	EXPECT_MISUSE(ike_write_header(w, &(struct ike_header){ 0 }));
}

TEST(errors_are_sticky)
{
	struct ike_writer w;
	size_t len, at;

	ike_writer_init(&w, buf, 40);
	sample_header(&w, IKEV2_EXCH_INFORMATIONAL, 0, 3, true);
	ike_put_vendor(&w, buf, 20);	/* does not fit */
	at = w.len;
	ike_put_vendor(&w, buf, 1);	/* would fit, but must not run */
	EXPECT_EQ(at, w.len);
	EXPECT_EQ(-1, ike_writer_finish(&w, &len));
	EXPECT_EQ(IKE_ERR_NO_SPACE, w.err.code);
}

TEST_HARNESS_MAIN
