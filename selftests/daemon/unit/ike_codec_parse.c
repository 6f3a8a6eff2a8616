// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * IKEv2 decoding (daemon/ike/codec_parse.c, payload_parse*.c) of the
 * sample messages: every payload type decodes to what was built, and
 * writing the decoded payloads back (ike_put_decoded) gives the same
 * octets, outer and encrypted-inner payloads alike.
 */
#include <string.h>

#include "kselftest_harness.h"

#include "ike/codec.h"
#include "ike/codec_build.h"
#include "ike_codec_samples.h"
#include "ike_codec_strongswan.h"

static struct ike_message msg;
static struct ike_codec_error err;
static uint8_t buf[4096], copy[4096];

static size_t build(void (*sample)(struct ike_writer *w))
{
	struct ike_writer w;
	size_t len = 0;

	ike_writer_init(&w, buf, sizeof(buf));
	sample(&w);
	if (ike_writer_finish(&w, &len) < 0)
		return 0;
	return len;
}

/* MSG's payloads (outer or INNER) written again; header if outer. */
static size_t rebuild(bool inner)
{
	struct ike_writer w;
	unsigned int i;
	size_t len = 0;

	ike_writer_init(&w, copy, sizeof(copy));
	if (!inner)
		ike_write_header(&w, &msg.hdr);
	for (i = 0; i < msg.n_payloads; i++)
		if (msg.payloads[i].inner == inner)
			ike_put_decoded(&w, &msg.payloads[i]);
	if (ike_writer_finish(&w, &len) < 0)
		return 0;
	return len;
}

static void auth_request(struct ike_writer *w)
{
	struct ike_sk_span span;

	sample_ike_auth_request(w, 16, 32, &span);
}

static void (*const samples[])(struct ike_writer *w) = {
	sample_sa_init_request, sample_sa_init_response, auth_request,
	sample_all_payloads, sample_fragment,
};

TEST(samples_round_trip)
{
	size_t i, len;

	for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		len = build(samples[i]);
		ASSERT_NE(0, len);
		ASSERT_EQ(0, ike_parse_message(&msg, buf, len, &err))
			TH_LOG("sample %zu: %s", i, err.message);
		EXPECT_EQ(len, rebuild(false)) TH_LOG("sample %zu", i);
		EXPECT_EQ(0, memcmp(buf, copy, len)) TH_LOG("sample %zu", i);
	}
}

TEST(sa_init_response)
{
	const struct ike_payload *p;
	const struct ike_proposal *prop;

	ASSERT_EQ(0, ike_parse_message(&msg, buf, build(sample_sa_init_response),
				       &err)) TH_LOG("%s", err.message);
	EXPECT_EQ(IKEV2_FLAG_RESPONSE, msg.hdr.flags);
	EXPECT_EQ(0x99, msg.hdr.spi_r[0]);
	p = ike_message_find(&msg, IKEV2_PT_SA, NULL);
	ASSERT_NE(NULL, p);
	ASSERT_EQ(1, p->u.sa.n_proposals);
	prop = p->u.sa.proposals;
	EXPECT_EQ(2, prop->number);
	ASSERT_EQ(3, prop->n_transforms);
	EXPECT_EQ(IKEV2_ENCR_AES_GCM_16, prop->transforms[0].id);
	EXPECT_EQ(128, prop->transforms[0].key_length);
	p = ike_message_find(&msg, IKEV2_PT_CERTREQ, NULL);
	ASSERT_NE(NULL, p);
	EXPECT_EQ(IKEV2_CERT_X509_SIGNATURE, p->u.cert.type);
	EXPECT_EQ(20, p->u.cert.data_len);
}

TEST(sa_init_request_notifies)
{
	const struct ike_payload *p;

	ASSERT_EQ(0, ike_parse_message(&msg, buf, build(sample_sa_init_request),
				       &err)) TH_LOG("%s", err.message);
	EXPECT_EQ(2, ike_message_find(&msg, IKEV2_PT_SA, NULL)->u.sa.n_proposals);
	p = ike_message_find_notify(&msg, IKEV2_N_SIGNATURE_HASH_ALGORITHMS);
	ASSERT_NE(NULL, p);
	EXPECT_EQ(6, p->u.notify.data_len);
	EXPECT_EQ(0, p->u.notify.spi_size);
	EXPECT_EQ(NULL, p->u.notify.spi);
	p = ike_message_find_notify(&msg, IKEV2_N_NAT_DETECTION_DESTINATION_IP);
	ASSERT_NE(NULL, p);
	EXPECT_EQ(20, p->u.notify.data_len);
	/* Repeated N payloads are found one after the other. */
	p = ike_message_find(&msg, IKEV2_PT_N, NULL);
	EXPECT_EQ(IKEV2_N_NAT_DETECTION_SOURCE_IP, p->u.notify.type);
	p = ike_message_find(&msg, IKEV2_PT_N, p);
	EXPECT_EQ(IKEV2_N_NAT_DETECTION_DESTINATION_IP, p->u.notify.type);
	EXPECT_EQ(16, ike_message_find(&msg, IKEV2_PT_V, NULL)->u.vendor.data_len);
}

TEST(ike_auth_inner_payloads)
{
	const struct ike_payload *sk, *p;
	const struct ike_payload_cp *cp;
	const struct ike_traffic_selector *ts;
	struct ike_sk_span span;
	struct ike_writer w;
	size_t len;

	ike_writer_init(&w, buf, sizeof(buf));
	sample_ike_auth_request(&w, 16, 32, &span);
	ASSERT_EQ(0, ike_writer_finish(&w, &len));
	ASSERT_EQ(0, ike_parse_message(&msg, buf, len, &err)) TH_LOG("%s", err.message);
	ASSERT_EQ(1, msg.n_payloads);
	sk = ike_message_find(&msg, IKEV2_PT_SK, NULL);
	ASSERT_NE(NULL, sk);
	EXPECT_EQ(IKEV2_PT_IDI, sk->u.sk.first_inner_type);
	EXPECT_EQ(buf + span.iv_offset, sk->u.sk.encrypted);
	EXPECT_EQ(16 + span.plaintext_len + 32, sk->u.sk.encrypted_len);

	/* What the decryptor hands back: the plaintext, no padding. */
	ASSERT_EQ(0, ike_parse_inner(&msg, sk->u.sk.first_inner_type,
				     buf + span.plaintext_offset,
				     span.plaintext_len, &err)) TH_LOG("%s", err.message);
	ASSERT_EQ(1 + 7, msg.n_payloads);
	EXPECT_TRUE(msg.payloads[1].inner);

	p = ike_message_find(&msg, IKEV2_PT_IDR, NULL);
	ASSERT_NE(NULL, p);
	EXPECT_EQ(IKEV2_ID_FQDN, p->u.id.type);
	ASSERT_EQ(15, p->u.id.data_len);
	EXPECT_EQ(0, memcmp("vpn.example.com", p->u.id.data, 15));
	EXPECT_NE(NULL, ike_message_find_notify(&msg, IKEV2_N_INITIAL_CONTACT));

	p = ike_message_find(&msg, IKEV2_PT_CP, NULL);
	ASSERT_NE(NULL, p);
	cp = &p->u.cp;
	EXPECT_EQ(IKEV2_CFG_REQUEST, cp->cfg_type);
	ASSERT_EQ(6, cp->n_attrs);
	EXPECT_EQ(IKEV2_CFG_INTERNAL_DNS_DOMAIN, cp->attrs[3].type);
	EXPECT_EQ(IKEV2_CFG_UNITY_BANNER, cp->attrs[4].type);
	EXPECT_EQ(0, cp->attrs[4].len);
	EXPECT_EQ(5, cp->attrs[5].len);
	EXPECT_EQ(0, memcmp("vgate", cp->attrs[5].value, 5));

	p = ike_message_find(&msg, IKEV2_PT_SA, NULL);
	ASSERT_NE(NULL, p);
	EXPECT_EQ(IKEV2_PROTO_ESP, p->u.sa.proposals[0].protocol_id);
	EXPECT_EQ(0, memcmp(sample_esp_spi, p->u.sa.proposals[0].spi, 4));
	EXPECT_EQ(IKEV2_TRANSFORM_TYPE_ESN, p->u.sa.proposals[0].transforms[1].type);

	p = ike_message_find(&msg, IKEV2_PT_TSR, NULL);
	ASSERT_NE(NULL, p);
	ASSERT_EQ(2, p->u.ts.n_selectors);
	ts = &p->u.ts.selectors[1];
	EXPECT_EQ(IKEV2_TS_IPV6_ADDR_RANGE, ts->type);
	EXPECT_EQ(17, ts->ip_protocol);
	EXPECT_EQ(53, ts->start_port);
	EXPECT_EQ(16, ts->addr_len);
	EXPECT_EQ(0xff, ts->end_addr[15]);
	EXPECT_EQ(4, p->u.ts.selectors[0].addr_len);

	/* The inner payloads write back to the same plaintext. */
	ASSERT_EQ(span.plaintext_len, rebuild(true));
	EXPECT_EQ(0, memcmp(copy, buf + span.plaintext_offset, span.plaintext_len));

	/* Outer and inner payloads count together for duplicates. */
	EXPECT_EQ(-1, ike_parse_inner(&msg, IKEV2_PT_IDI,
				      buf + span.plaintext_offset,
				      span.plaintext_len, &err));
	EXPECT_EQ(IKE_ERR_DUPLICATE_PAYLOAD, err.code);
}

TEST(all_payloads)
{
	const struct ike_payload *p;

	ASSERT_EQ(0, ike_parse_message(&msg, buf, build(sample_all_payloads),
				       &err)) TH_LOG("%s", err.message);
	p = ike_message_find(&msg, IKEV2_PT_CERT, NULL);
	ASSERT_NE(NULL, p);
	EXPECT_EQ(IKEV2_CERT_HASH_AND_URL_X509, p->u.cert.type);
	p = ike_message_find(&msg, IKEV2_PT_AUTH, NULL);
	ASSERT_NE(NULL, p);
	EXPECT_EQ(IKEV2_AUTH_METHOD_SHARED_KEY_MESSAGE_INTEGRITY_CODE, p->u.auth.type);
	EXPECT_EQ(32, p->u.auth.data_len);
	p = ike_message_find(&msg, IKEV2_PT_EAP, NULL);
	ASSERT_NE(NULL, p);
	EXPECT_EQ(IKEV2_EAP_RESPONSE, p->u.eap.code);
	EXPECT_EQ(7, p->u.eap.identifier);
	EXPECT_EQ(1, p->u.eap.eap_type);
	EXPECT_EQ(5, p->u.eap.type_data_len);
	p = ike_message_find(&msg, IKEV2_PT_D, NULL);
	ASSERT_NE(NULL, p);
	EXPECT_EQ(IKEV2_PROTO_ESP, p->u.del.protocol_id);
	EXPECT_EQ(2, p->u.del.n_spis);
	EXPECT_EQ(5, p->u.del.spis[4]);
	p = ike_message_find(&msg, IKEV2_PT_D, p);
	ASSERT_NE(NULL, p);
	EXPECT_EQ(IKEV2_PROTO_IKE, p->u.del.protocol_id);
	EXPECT_EQ(0, p->u.del.n_spis);
	p = ike_message_find_notify(&msg, IKEV2_N_REKEY_SA);
	ASSERT_NE(NULL, p);
	EXPECT_EQ(IKEV2_PROTO_ESP, p->u.notify.protocol_id);
	EXPECT_EQ(4, p->u.notify.spi_size);
	EXPECT_EQ(1, p->u.notify.spi[0]);
}

TEST(unknown_payload_kept_in_round_trip)
{
	struct ike_writer w;
	size_t len;

	ike_writer_init(&w, buf, sizeof(buf));
	sample_header(&w, IKEV2_EXCH_INFORMATIONAL, IKEV2_FLAG_RESPONSE, 9, true);
	ike_put_vendor(&w, (const uint8_t *)"a", 1);
	ike_payload_begin(&w, 54, false);	/* PS (RFC 8019), not ours */
	ike_put_bytes(&w, "puzzle", 6);
	ike_payload_end(&w);
	ike_put_notify(&w, IKEV2_PROTO_NONE, NULL, 0, IKEV2_N_COOKIE,
		       (const uint8_t *)"cookie", 6);
	ASSERT_EQ(0, ike_writer_finish(&w, &len));
	ASSERT_EQ(0, ike_parse_message(&msg, buf, len, &err)) TH_LOG("%s", err.message);
	ASSERT_EQ(3, msg.n_payloads);
	EXPECT_FALSE(msg.payloads[1].known);
	EXPECT_EQ(6, msg.payloads[1].body_len);
	EXPECT_NE(NULL, ike_message_find_notify(&msg, IKEV2_N_COOKIE));
	EXPECT_EQ(len, rebuild(false));
	EXPECT_EQ(0, memcmp(buf, copy, len));
}

TEST(real_strongswan_sa_init_request)
{
	const uint8_t *in = strongswan_sa_init_request;
	const size_t len = sizeof(strongswan_sa_init_request);
	static const uint16_t notifies[] = {
		IKEV2_N_NAT_DETECTION_SOURCE_IP,
		IKEV2_N_NAT_DETECTION_DESTINATION_IP,
		IKEV2_N_IKEV2_FRAGMENTATION_SUPPORTED,
		IKEV2_N_SIGNATURE_HASH_ALGORITHMS,
		IKEV2_N_REDIRECT_SUPPORTED,
	};
	const struct ike_payload *p;
	const struct ike_proposal *prop;
	size_t i;

	ASSERT_EQ(0, ike_parse_message(&msg, in, len, &err)) TH_LOG("%s", err.message);
	EXPECT_EQ(IKEV2_EXCH_IKE_SA_INIT, msg.hdr.exchange_type);
	EXPECT_EQ(IKEV2_FLAG_INITIATOR, msg.hdr.flags);
	EXPECT_EQ(len, msg.hdr.length);
	ASSERT_EQ(3 + 5, msg.n_payloads);

	p = ike_message_find(&msg, IKEV2_PT_SA, NULL);
	ASSERT_NE(NULL, p);
	ASSERT_EQ(2, p->u.sa.n_proposals);
	prop = &p->u.sa.proposals[0];
	ASSERT_EQ(4, prop->n_transforms);
	EXPECT_EQ(IKEV2_ENCR_AES_CBC, prop->transforms[0].id);
	EXPECT_EQ(256, prop->transforms[0].key_length);
	EXPECT_EQ(IKEV2_DH_MODP_2048, prop->transforms[3].id);
	prop = &p->u.sa.proposals[1];
	EXPECT_EQ(2, prop->number);
	EXPECT_EQ(128, prop->transforms[0].key_length);
	EXPECT_EQ(IKEV2_DH_CURVE25519, prop->transforms[3].id);

	p = ike_message_find(&msg, IKEV2_PT_KE, NULL);
	ASSERT_NE(NULL, p);
	EXPECT_EQ(IKEV2_DH_MODP_2048, p->u.ke.dh_group);
	EXPECT_EQ(256, p->u.ke.data_len);
	EXPECT_EQ(32, ike_message_find(&msg, IKEV2_PT_NONCE, NULL)->u.nonce.data_len);
	for (i = 0; i < sizeof(notifies) / sizeof(notifies[0]); i++)
		EXPECT_NE(NULL, ike_message_find_notify(&msg, notifies[i]))
			TH_LOG("notify %u", notifies[i]);

	/* Our writer produces strongSwan's octets from the decoded form. */
	ASSERT_EQ(len, rebuild(false));
	EXPECT_EQ(0, memcmp(in, copy, len));
}

TEST_HARNESS_MAIN
