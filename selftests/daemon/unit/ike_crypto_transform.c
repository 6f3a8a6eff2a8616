// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The transform registry (daemon/ike/transform.c): the sizes key
 * derivation and the SK payload depend on, what is refused, what is
 * legacy, and which transform combinations make a usable suite.  Sizes
 * are those of the defining RFCs (RFC 3602, 4868, 5282, 5903, 7634, 8031).
 */
#include "kselftest_harness.h"

#include "ike/transform.h"

TEST(registry_sizes)
{
	const struct xf_encr *gcm = xf_encr_find(IKEV2_ENCR_AES_GCM_16, 256);
	const struct xf_encr *cbc = xf_encr_find(IKEV2_ENCR_AES_CBC, 128);
	const struct xf_encr *chacha = xf_encr_find(IKEV2_ENCR_CHACHA20_POLY1305, 0);

	ASSERT_NE(NULL, gcm);
	EXPECT_EQ(36, xf_encr_keymat_len(gcm));
	EXPECT_EQ(8, gcm->iv_len);
	EXPECT_EQ(16, gcm->icv_len);
	EXPECT_TRUE(gcm->aead);
	EXPECT_EQ(8, xf_encr_find(IKEV2_ENCR_AES_GCM_8, 128)->icv_len);
	EXPECT_EQ(12, xf_encr_find(IKEV2_ENCR_AES_GCM_12, 128)->icv_len);
	ASSERT_NE(NULL, cbc);
	EXPECT_EQ(16, xf_encr_keymat_len(cbc));
	EXPECT_EQ(16, cbc->block_len);
	EXPECT_EQ(16, cbc->iv_len);
	EXPECT_FALSE(cbc->aead);
	ASSERT_NE(NULL, chacha);
	EXPECT_EQ(36, xf_encr_keymat_len(chacha));
	EXPECT_EQ(24, xf_encr_find(IKEV2_ENCR_AES_CBC, 192)->key_len);
	EXPECT_EQ(48, xf_prf_find(IKEV2_PRF_HMAC_SHA2_384)->key_len);
	EXPECT_EQ(24, xf_integ_find(IKEV2_AUTH_HMAC_SHA2_384_192)->icv_len);
	EXPECT_EQ(132, xf_dh_find(IKEV2_DH_ECP_521)->public_len);
	EXPECT_EQ(66, xf_dh_find(IKEV2_DH_ECP_521)->secret_len);
	EXPECT_EQ(256, xf_dh_find(IKEV2_DH_MODP_2048)->public_len);
	EXPECT_EQ(56, xf_dh_find(IKEV2_DH_CURVE448)->public_len);
}

TEST(registry_refuses_unknown_and_flags_legacy)
{
	/* a Key Length the transform does not have, or none where needed */
	EXPECT_EQ(NULL, xf_encr_find(IKEV2_ENCR_AES_CBC, 0));
	EXPECT_EQ(NULL, xf_encr_find(IKEV2_ENCR_AES_GCM_16, 192));
	EXPECT_EQ(NULL, xf_encr_find(IKEV2_ENCR_CHACHA20_POLY1305, 256));
	EXPECT_EQ(NULL, xf_encr_find(IKEV2_ENCR_AES_CCM_16, 128));
	EXPECT_EQ(NULL, xf_prf_find(IKEV2_PRF_AES128_XCBC));
	EXPECT_EQ(NULL, xf_dh_find(IKEV2_DH_MODP_768));

	EXPECT_TRUE(xf_encr_find(IKEV2_ENCR_3DES, 0)->legacy);
	EXPECT_TRUE(xf_prf_find(IKEV2_PRF_HMAC_MD5)->legacy);
	EXPECT_TRUE(xf_integ_find(IKEV2_AUTH_HMAC_MD5_96)->legacy);
	EXPECT_TRUE(xf_dh_find(IKEV2_DH_MODP_1024)->legacy);
	EXPECT_TRUE(xf_dh_find(IKEV2_DH_MODP_1536)->legacy);
	EXPECT_FALSE(xf_dh_find(IKEV2_DH_MODP_2048)->legacy);
	EXPECT_FALSE(xf_encr_find(IKEV2_ENCR_AES_CBC, 256)->legacy);
}

TEST(suite_consistency)
{
	struct xf_suite suite = {
		.encr = xf_encr_find(IKEV2_ENCR_AES_GCM_16, 128),
		.prf = xf_prf_find(IKEV2_PRF_HMAC_SHA2_256),
	};

	EXPECT_TRUE(xf_suite_is_consistent(&suite, true));
	suite.integ = xf_integ_find(IKEV2_AUTH_HMAC_SHA2_256_128);
	EXPECT_FALSE(xf_suite_is_consistent(&suite, true));	/* AEAD + INTEG */
	suite.encr = xf_encr_find(IKEV2_ENCR_AES_CBC, 128);
	EXPECT_TRUE(xf_suite_is_consistent(&suite, true));
	suite.integ = NULL;
	EXPECT_FALSE(xf_suite_is_consistent(&suite, true));	/* CBC alone */
	suite.integ = xf_integ_find(IKEV2_AUTH_HMAC_SHA1_96);
	suite.prf = NULL;
	EXPECT_FALSE(xf_suite_is_consistent(&suite, true));
	EXPECT_TRUE(xf_suite_is_consistent(&suite, false));	/* ESP: no PRF */
}

TEST_HARNESS_MAIN
