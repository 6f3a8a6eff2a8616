// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Proposal choice as responder (daemon/ike/proposal.c): our order wins
 * among what was offered (spec §2 "Selection"), the KE payload's group
 * is taken when acceptable and otherwise the group to ask for comes
 * back (INVALID_KE_PAYLOAD), AEAD and integrity never mix, and ESP
 * transform sets the kernel cannot run are never chosen.
 */
#include "kselftest_harness.h"

#include "ike/proposal.h"

/* One offered proposal built from (type, id, key bits) triples. */
struct offer {
	struct ike_transform t[16];
	struct ike_proposal p;
	struct ike_payload_sa sa;
};

static void offer_init(struct offer *o, uint8_t protocol)
{
	static const uint8_t spi[4] = { 1, 2, 3, 4 };

	memset(o, 0, sizeof(*o));
	o->p.number = 1;
	o->p.protocol_id = protocol;
	o->p.spi_size = protocol == IKEV2_PROTO_ESP ? 4 : 0;
	o->p.spi = protocol == IKEV2_PROTO_ESP ? spi : NULL;
	o->p.transforms = o->t;
	o->sa.n_proposals = 1;
	o->sa.proposals = &o->p;
}

static void add(struct offer *o, uint8_t type, uint16_t id, uint16_t bits)
{
	o->t[o->p.n_transforms++] = (struct ike_transform){
		.type = type, .id = id, .key_length = bits,
		.has_key_length = bits != 0,
	};
}

static struct conf_proposal ours_cbc(void)
{
	struct conf_proposal p = { .name = "p" };

	p.encr[p.n_encr++] = xf_encr_find(IKEV2_ENCR_AES_CBC, 128);
	p.encr[p.n_encr++] = xf_encr_find(IKEV2_ENCR_AES_CBC, 256);
	p.integ[p.n_integ++] = xf_integ_find(IKEV2_AUTH_HMAC_SHA1_96);
	p.integ[p.n_integ++] = xf_integ_find(IKEV2_AUTH_HMAC_SHA2_256_128);
	p.prf[p.n_prf++] = xf_prf_find(IKEV2_PRF_HMAC_SHA2_256);
	p.dh[p.n_dh++] = xf_dh_find(IKEV2_DH_MODP_2048_256) ?
		xf_dh_find(IKEV2_DH_MODP_2048_256) : xf_dh_find(IKEV2_DH_ECP_384);
	p.dh[p.n_dh++] = xf_dh_find(IKEV2_DH_MODP_2048);
	return p;
}

/* The seed's worked example (spec §2): our enc/integ order, KE's group. */
TEST(responder_order_wins)
{
	struct conf_proposal p = ours_cbc();
	struct conf_policy pol = { .name = "x", .n_proposals = 1, .proposals = { &p } };
	struct ike_chosen c;
	struct offer o;

	offer_init(&o, IKEV2_PROTO_IKE);
	add(&o, IKEV2_TRANSFORM_TYPE_ENCR, IKEV2_ENCR_AES_CBC, 256);
	add(&o, IKEV2_TRANSFORM_TYPE_ENCR, IKEV2_ENCR_AES_CBC, 128);
	add(&o, IKEV2_TRANSFORM_TYPE_INTEG, IKEV2_AUTH_HMAC_SHA2_256_128, 0);
	add(&o, IKEV2_TRANSFORM_TYPE_INTEG, IKEV2_AUTH_HMAC_SHA1_96, 0);
	add(&o, IKEV2_TRANSFORM_TYPE_PRF, IKEV2_PRF_HMAC_SHA2_256, 0);
	add(&o, IKEV2_TRANSFORM_TYPE_DH, IKEV2_DH_MODP_2048, 0);
	add(&o, IKEV2_TRANSFORM_TYPE_DH, p.dh[0]->id, 0);
	ASSERT_EQ(IKE_CHOICE_OK, ike_choose_ike(&pol, &o.sa, 0, IKEV2_DH_MODP_2048, &c));
	EXPECT_EQ(128, c.suite.encr->key_bits);
	EXPECT_EQ(IKEV2_AUTH_HMAC_SHA1_96, c.suite.integ->id);
	EXPECT_EQ(IKEV2_DH_MODP_2048, c.dh->id);
	/* a KE for a group we do not list: ask for our preferred offered one */
	ASSERT_EQ(IKE_CHOICE_INVALID_KE,
		  ike_choose_ike(&pol, &o.sa, 0, IKEV2_DH_ECP_256, &c));
	EXPECT_EQ(p.dh[0]->id, c.dh->id);
}

TEST(aead_and_integrity_never_mix)
{
	struct conf_proposal p = { .name = "gcm" };
	struct conf_policy pol = { .name = "x", .n_proposals = 1, .proposals = { &p } };
	struct ike_chosen c;
	struct offer o;

	p.encr[p.n_encr++] = xf_encr_find(IKEV2_ENCR_AES_GCM_16, 256);
	p.prf[p.n_prf++] = xf_prf_find(IKEV2_PRF_HMAC_SHA2_384);
	p.dh[p.n_dh++] = xf_dh_find(IKEV2_DH_CURVE25519);
	offer_init(&o, IKEV2_PROTO_IKE);
	add(&o, IKEV2_TRANSFORM_TYPE_ENCR, IKEV2_ENCR_AES_GCM_16, 256);
	add(&o, IKEV2_TRANSFORM_TYPE_PRF, IKEV2_PRF_HMAC_SHA2_384, 0);
	add(&o, IKEV2_TRANSFORM_TYPE_DH, IKEV2_DH_CURVE25519, 0);
	ASSERT_EQ(IKE_CHOICE_OK, ike_choose_ike(&pol, &o.sa, 0, IKEV2_DH_CURVE25519, &c));
	EXPECT_EQ(NULL, c.suite.integ);
	/* an AEAD offer that insists on an integrity algorithm is refused */
	add(&o, IKEV2_TRANSFORM_TYPE_INTEG, IKEV2_AUTH_HMAC_SHA2_256_128, 0);
	EXPECT_EQ(IKE_CHOICE_NONE, ike_choose_ike(&pol, &o.sa, 0, IKEV2_DH_CURVE25519, &c));
	/* and an ESP offer for IKE is no IKE proposal */
	offer_init(&o, IKEV2_PROTO_ESP);
	add(&o, IKEV2_TRANSFORM_TYPE_ENCR, IKEV2_ENCR_AES_GCM_16, 256);
	EXPECT_EQ(IKE_CHOICE_NONE, ike_choose_ike(&pol, &o.sa, 0, IKEV2_DH_CURVE25519, &c));
}

TEST(esp_choice)
{
	struct conf_transform_set cbc192 = {
		.name = "cbc192", .encr = xf_encr_find(IKEV2_ENCR_AES_CBC, 192),
		.integ = xf_integ_find(IKEV2_AUTH_HMAC_SHA2_256_128),
	};
	struct conf_transform_set cbc = {
		.name = "cbc", .encr = xf_encr_find(IKEV2_ENCR_AES_CBC, 128),
		.integ = xf_integ_find(IKEV2_AUTH_HMAC_SHA2_256_128), .esn = true,
	};
	struct conf_ipsec_profile ipp = {
		.name = "i", .n_transform_sets = 2,
		.transform_sets = { &cbc192, &cbc },
	};
	struct ike_chosen c;
	struct offer o;

	offer_init(&o, IKEV2_PROTO_ESP);
	add(&o, IKEV2_TRANSFORM_TYPE_ENCR, IKEV2_ENCR_AES_CBC, 192);
	add(&o, IKEV2_TRANSFORM_TYPE_INTEG, IKEV2_AUTH_HMAC_SHA2_256_128, 0);
	add(&o, IKEV2_TRANSFORM_TYPE_ESN, IKEV2_ESN_NO, 0);
	/* vgate.ko has no AES-192: nothing to choose */
	EXPECT_EQ(IKE_CHOICE_NONE, ike_choose_esp(&ipp, &o.sa, true, 0, &c));
	offer_init(&o, IKEV2_PROTO_ESP);
	add(&o, IKEV2_TRANSFORM_TYPE_ENCR, IKEV2_ENCR_AES_CBC, 128);
	add(&o, IKEV2_TRANSFORM_TYPE_INTEG, IKEV2_AUTH_HMAC_SHA2_256_128, 0);
	add(&o, IKEV2_TRANSFORM_TYPE_ESN, IKEV2_ESN_NO, 0);
	add(&o, IKEV2_TRANSFORM_TYPE_ESN, IKEV2_ESN_YES, 0);
	ASSERT_EQ(IKE_CHOICE_OK, ike_choose_esp(&ipp, &o.sa, true, 0, &c));
	EXPECT_TRUE(c.esn);
	EXPECT_EQ(4, c.spi[3]);
	/* without integrity CBC is not acceptable */
	offer_init(&o, IKEV2_PROTO_ESP);
	add(&o, IKEV2_TRANSFORM_TYPE_ENCR, IKEV2_ENCR_AES_CBC, 128);
	add(&o, IKEV2_TRANSFORM_TYPE_ESN, IKEV2_ESN_NO, 0);
	EXPECT_EQ(IKE_CHOICE_NONE, ike_choose_esp(&ipp, &o.sa, true, 0, &c));
}

TEST_HARNESS_MAIN
