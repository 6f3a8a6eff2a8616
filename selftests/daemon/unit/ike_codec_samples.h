/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Sample IKEv2 messages built with the codec's writer, shared by the
 * codec unit tests, the tshark suite (through ike_codec_dump) and the
 * fuzz seed corpus.  Each writes one whole message into an initialised
 * writer; the caller finishes it.  static inline: each user takes what
 * it needs.
 */
#ifndef VGATE_TEST_IKE_CODEC_SAMPLES_H
#define VGATE_TEST_IKE_CODEC_SAMPLES_H

#include <stdint.h>
#include <string.h>

#include "ike/codec_build.h"

#define SAMPLE_SPI_I	{ 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88 }
#define SAMPLE_SPI_R	{ 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xf0, 0x01 }

/* Deterministic filler: octet i of a field seeded with SEED. */
static inline void sample_fill(uint8_t *p, size_t len, uint8_t seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (uint8_t)(seed + i * 7);
}

static const struct ike_transform sample_ike_transforms_cbc[] = {
	{ .type = IKEV2_TRANSFORM_TYPE_ENCR, .id = IKEV2_ENCR_AES_CBC,
	  .has_key_length = true, .key_length = 256 },
	{ .type = IKEV2_TRANSFORM_TYPE_PRF, .id = IKEV2_PRF_HMAC_SHA2_256 },
	{ .type = IKEV2_TRANSFORM_TYPE_INTEG, .id = IKEV2_AUTH_HMAC_SHA2_256_128 },
	{ .type = IKEV2_TRANSFORM_TYPE_DH, .id = IKEV2_DH_ECP_256 },
};

static const struct ike_transform sample_ike_transforms_gcm[] = {
	{ .type = IKEV2_TRANSFORM_TYPE_ENCR, .id = IKEV2_ENCR_AES_GCM_16,
	  .has_key_length = true, .key_length = 128 },
	{ .type = IKEV2_TRANSFORM_TYPE_PRF, .id = IKEV2_PRF_HMAC_SHA2_256 },
	{ .type = IKEV2_TRANSFORM_TYPE_DH, .id = IKEV2_DH_ECP_256 },
	{ .type = IKEV2_TRANSFORM_TYPE_DH, .id = IKEV2_DH_CURVE25519 },
};

static const struct ike_transform sample_esp_transforms[] = {
	{ .type = IKEV2_TRANSFORM_TYPE_ENCR, .id = IKEV2_ENCR_AES_GCM_16,
	  .has_key_length = true, .key_length = 256 },
	{ .type = IKEV2_TRANSFORM_TYPE_ESN, .id = IKEV2_ESN_NO },
};

static const uint8_t sample_esp_spi[4] = { 0xc0, 0xff, 0xee, 0x01 };

static const struct ike_proposal sample_ike_offer[] = {
	{ .number = 1, .protocol_id = IKEV2_PROTO_IKE, .n_transforms = 4,
	  .transforms = sample_ike_transforms_cbc },
	{ .number = 2, .protocol_id = IKEV2_PROTO_IKE, .n_transforms = 4,
	  .transforms = sample_ike_transforms_gcm },
};

static const struct ike_proposal sample_esp_offer[] = {
	{ .number = 1, .protocol_id = IKEV2_PROTO_ESP, .spi_size = 4,
	  .spi = sample_esp_spi, .n_transforms = 2,
	  .transforms = sample_esp_transforms },
};

static const uint8_t sample_v4_any[2][4] = {
	{ 0, 0, 0, 0 }, { 255, 255, 255, 255 },
};

static const uint8_t sample_v6_any[2][16] = {
	{ 0 },
	{ 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff },
};

static const struct ike_traffic_selector sample_selectors[] = {
	{ .type = IKEV2_TS_IPV4_ADDR_RANGE, .end_port = 65535, .addr_len = 4,
	  .start_addr = sample_v4_any[0], .end_addr = sample_v4_any[1] },
	{ .type = IKEV2_TS_IPV6_ADDR_RANGE, .ip_protocol = 17,
	  .start_port = 53, .end_port = 53, .addr_len = 16,
	  .start_addr = sample_v6_any[0], .end_addr = sample_v6_any[1] },
};

static const struct ike_cfg_attr sample_cfg_request[] = {
	{ .type = IKEV2_CFG_INTERNAL_IP4_ADDRESS },
	{ .type = IKEV2_CFG_INTERNAL_IP4_DNS },
	{ .type = IKEV2_CFG_INTERNAL_IP6_ADDRESS },
	{ .type = IKEV2_CFG_INTERNAL_DNS_DOMAIN },
	{ .type = IKEV2_CFG_UNITY_BANNER },
	{ .type = IKEV2_CFG_APPLICATION_VERSION, .len = 5,
	  .value = (const uint8_t *)"vgate" },
};

static inline void sample_header(struct ike_writer *w, uint8_t exchange,
				 uint8_t flags, uint32_t message_id,
				 bool with_spi_r)
{
	struct ike_header h = {
		.spi_i = SAMPLE_SPI_I,
		.exchange_type = exchange,
		.flags = flags,
		.message_id = message_id,
	};
	static const uint8_t spi_r[IKEV2_SPI_LEN] = SAMPLE_SPI_R;

	if (with_spi_r)
		memcpy(h.spi_r, spi_r, IKEV2_SPI_LEN);
	ike_write_header(w, &h);
}

/* IKE_SA_INIT request as a remote-access client sends it. */
static inline void sample_sa_init_request(struct ike_writer *w)
{
	static const uint8_t hash_algorithms[] = { 0, 2, 0, 3, 0, 4 };
	uint8_t ke[64], nonce[32], natd[20], vid[16];

	sample_fill(ke, sizeof(ke), 1);
	sample_fill(nonce, sizeof(nonce), 2);
	sample_fill(natd, sizeof(natd), 3);
	sample_fill(vid, sizeof(vid), 4);
	sample_header(w, IKEV2_EXCH_IKE_SA_INIT, IKEV2_FLAG_INITIATOR, 0, false);
	ike_put_sa(w, sample_ike_offer, 2);
	ike_put_ke(w, IKEV2_DH_ECP_256, ke, sizeof(ke));
	ike_put_nonce(w, nonce, sizeof(nonce));
	ike_put_notify(w, IKEV2_PROTO_NONE, NULL, 0,
		       IKEV2_N_NAT_DETECTION_SOURCE_IP, natd, sizeof(natd));
	ike_put_notify(w, IKEV2_PROTO_NONE, NULL, 0,
		       IKEV2_N_NAT_DETECTION_DESTINATION_IP, natd, sizeof(natd));
	ike_put_notify(w, IKEV2_PROTO_NONE, NULL, 0,
		       IKEV2_N_IKEV2_FRAGMENTATION_SUPPORTED, NULL, 0);
	ike_put_notify(w, IKEV2_PROTO_NONE, NULL, 0,
		       IKEV2_N_SIGNATURE_HASH_ALGORITHMS, hash_algorithms,
		       sizeof(hash_algorithms));
	ike_put_notify(w, IKEV2_PROTO_NONE, NULL, 0,
		       IKEV2_N_REDIRECT_SUPPORTED, NULL, 0);
	ike_put_vendor(w, vid, sizeof(vid));
}

/* The responder's answer: the second proposal chosen, CERTREQ. */
static inline void sample_sa_init_response(struct ike_writer *w)
{
	const struct ike_proposal chosen = {
		.number = 2, .protocol_id = IKEV2_PROTO_IKE, .n_transforms = 3,
		.transforms = sample_ike_transforms_gcm,
	};
	uint8_t ke[64], nonce[32], ca_hash[20];

	sample_fill(ke, sizeof(ke), 5);
	sample_fill(nonce, sizeof(nonce), 6);
	sample_fill(ca_hash, sizeof(ca_hash), 7);
	sample_header(w, IKEV2_EXCH_IKE_SA_INIT, IKEV2_FLAG_RESPONSE, 0, true);
	ike_put_sa(w, &chosen, 1);
	ike_put_ke(w, IKEV2_DH_ECP_256, ke, sizeof(ke));
	ike_put_nonce(w, nonce, sizeof(nonce));
	ike_put_cert(w, IKEV2_PT_CERTREQ, IKEV2_CERT_X509_SIGNATURE, ca_hash,
		     sizeof(ca_hash));
	ike_put_notify(w, IKEV2_PROTO_NONE, NULL, 0,
		       IKEV2_N_IKEV2_FRAGMENTATION_SUPPORTED, NULL, 0);
}

/* The inner payloads of an EAP client's first IKE_AUTH request. */
static inline void sample_ike_auth_inner(struct ike_writer *w)
{
	static const char idi[] = "client.example.com";
	static const char idr[] = "vpn.example.com";

	ike_put_id(w, IKEV2_PT_IDI, IKEV2_ID_FQDN, (const uint8_t *)idi,
		   sizeof(idi) - 1);
	ike_put_notify(w, IKEV2_PROTO_NONE, NULL, 0, IKEV2_N_INITIAL_CONTACT,
		       NULL, 0);
	ike_put_id(w, IKEV2_PT_IDR, IKEV2_ID_FQDN, (const uint8_t *)idr,
		   sizeof(idr) - 1);
	ike_put_cp(w, IKEV2_CFG_REQUEST, sample_cfg_request, 6);
	ike_put_sa(w, sample_esp_offer, 1);
	ike_put_ts(w, IKEV2_PT_TSI, sample_selectors, 2);
	ike_put_ts(w, IKEV2_PT_TSR, sample_selectors, 2);
}

/*
 * IKE_AUTH request with the inner payloads in an SK payload, unencrypted
 * (the encryptor's job): IV_LEN zero octets first, then TRAILER_LEN
 * zero octets for padding, Pad Length and ICV.
 */
static inline void sample_ike_auth_request(struct ike_writer *w, size_t iv_len,
					   size_t trailer_len,
					   struct ike_sk_span *span)
{
	sample_header(w, IKEV2_EXCH_IKE_AUTH, IKEV2_FLAG_INITIATOR, 1, true);
	ike_sk_begin(w, iv_len);
	sample_ike_auth_inner(w);
	ike_sk_end(w, span);
	ike_sk_extend(w, span, trailer_len);
}

/*
 * Every payload the codec knows but SK/SKF, unencrypted, so that tshark
 * can dissect them (not a valid exchange, a codec exercise).
 */
static inline void sample_all_payloads(struct ike_writer *w)
{
	static const uint8_t eap_identity[] = { 2, 7, 0, 10, 1, 'a', 'l', 'i', 'c', 'e' };
	static const uint8_t esp_spis[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	/* Hash and URL: SHA-1 of the certificate, then where to fetch it. */
	static const char url[] = "http://ca.example.com/client.der";
	uint8_t auth[32], cert[20 + sizeof(url) - 1];

	sample_fill(auth, sizeof(auth), 8);
	sample_fill(cert, 20, 9);
	memcpy(cert + 20, url, sizeof(url) - 1);
	sample_header(w, IKEV2_EXCH_INFORMATIONAL, IKEV2_FLAG_INITIATOR, 2, true);
	sample_ike_auth_inner(w);
	ike_put_cert(w, IKEV2_PT_CERT, IKEV2_CERT_HASH_AND_URL_X509, cert,
		     sizeof(cert));
	ike_put_auth(w, IKEV2_AUTH_METHOD_SHARED_KEY_MESSAGE_INTEGRITY_CODE,
		     auth, sizeof(auth));
	ike_put_eap(w, eap_identity, sizeof(eap_identity));
	ike_put_delete(w, IKEV2_PROTO_ESP, 4, 2, esp_spis);
	ike_put_delete(w, IKEV2_PROTO_IKE, 0, 0, NULL);
	ike_put_notify(w, IKEV2_PROTO_ESP, esp_spis, 4, IKEV2_N_REKEY_SA, NULL, 0);
}

/* Fragment 1 of 3 of an IKE_AUTH request (RFC 7383), unencrypted. */
static inline void sample_fragment(struct ike_writer *w)
{
	struct ike_sk_span span;
	uint8_t chunk[48];

	sample_fill(chunk, sizeof(chunk), 10);
	sample_header(w, IKEV2_EXCH_IKE_AUTH, IKEV2_FLAG_INITIATOR, 1, true);
	ike_skf_begin(w, IKEV2_PT_IDI, 1, 3, 16);
	ike_put_bytes(w, chunk, sizeof(chunk));
	ike_sk_end(w, &span);
	ike_sk_extend(w, &span, 16);
}

#endif
