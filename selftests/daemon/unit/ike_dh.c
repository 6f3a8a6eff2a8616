// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Diffie-Hellman for the KE payload (daemon/ike/dh*.c).
 *
 * Published vectors: RFC 5903 §8.1-8.3 (ECP-256/384/521: private keys,
 * public values x | y, shared secret x), RFC 7748 §5.2 (first X25519 and
 * X448 scalar-multiplication vectors) and §6.1/§6.2 (X25519/X448 DH).
 * MODP: RFC 3526 / RFC 2409 groups checked by agreement and sizes, plus
 * a hand-verifiable answer (2^3, 2^5, 2^15 for private values 3 and 5)
 * and the range limits around the prime from OpenSSL's RFC 3526 table.
 */
#include <string.h>

#include <openssl/bn.h>

#include "kselftest_harness.h"

#include "test_hex.h"

#include "ike/dh.h"
#include "leak_check.h"


struct dh_vector {
	enum ikev2_dh_id group;
	const char *i, *gi, *r, *gr, *gir;
};

/* RFC 5903 §8.1: 256-bit random ECP group */
static const struct dh_vector vec_5903_ecp256 = {
	IKEV2_DH_ECP_256,
	"c88f01f510d9ac3f70a292daa2316de544e9aab8afe84049c62a9c57862d1433",
	"dad0b65394221cf9b051e1feca5787d098dfe637fc90b9ef945d0c3772581180"
	"5271a0461cdb8252d61f1c456fa3e59ab1f45b33accf5f58389e0577b8990bb3",
	"c6ef9c5d78ae012a011164acb397ce2088685d8f06bf9be0b283ab46476bee53",
	"d12dfb5289c8d4f81208b70270398c342296970a0bccb74c736fc7554494bf63"
	"56fbf3ca366cc23e8157854c13c58d6aac23f046ada30f8353e74f33039872ab",
	"d6840f6b42f6edafd13116e0e12565202fef8e9ece7dce03812464d04b9442de",
};

/* RFC 5903 §8.2: 384-bit random ECP group */
static const struct dh_vector vec_5903_ecp384 = {
	IKEV2_DH_ECP_384,
	"099f3c7034d4a2c699884d73a375a67f7624ef7c6b3c0f160647b67414dce655"
	"e35b538041e649ee3faef896783ab194",
	"667842d7d180ac2cde6f74f37551f55755c7645c20ef73e31634fe72b4c55ee6"
	"de3ac808acb4bdb4c88732aee95f41aa"
	"9482ed1fc0eeb9cafc4984625ccfc23f65032149e0e144ada024181535a0f38e"
	"eb9fcff3c2c947dae69b4c634573a81c",
	"41cb0779b4bdb85d47846725fbec3c9430fab46cc8dc5060855cc9bda0aa2942"
	"e0308312916b8ed2960e4bd55a7448fc",
	"e558dbef53eecde3d3fccfc1aea08a89a987475d12fd950d83cfa41732bc509d"
	"0d1ac43a0336def96fda41d0774a3571"
	"dcfbec7aacf3196472169e838430367f66eebe3c6e70c416dd5f0c68759dd1ff"
	"f83fa40142209dff5eaad96db9e6386c",
	"11187331c279962d93d604243fd592cb9d0a926f422e47187521287e7156c5c4"
	"d603135569b9e9d09cf5d4a270f59746",
};

/* RFC 5903 §8.3: 521-bit random ECP group (coordinates of 66 octets) */
static const struct dh_vector vec_5903_ecp521 = {
	IKEV2_DH_ECP_521,
	"0037ade9319a89f4dabdb3ef411aaccca5123c61acab57b5393dce47608172a0"
	"95aa85a30fe1c2952c6771d937ba9777f5957b2639bab072462f68c27a57382d"
	"4a52",
	"0015417e84dbf28c0ad3c278713349dc7df153c897a1891bd98bab4357c9ecbe"
	"e1e3bf42e00b8e380aeae57c2d107564941885942af5a7f4601723c4195d176c"
	"ed3e"
	"017cae20b6641d2eeb695786d8c946146239d099e18e1d5a514c739d7cb4a10a"
	"d8a788015ac405d7799dc75e7b7d5b6cf2261a6a7f1507438bf01beb6ca3926f"
	"9582",
	"0145ba99a847af43793fdd0e872e7cdfa16be30fdc780f97bccc3f078380201e"
	"9c677d600b343757a3bdbf2a3163e4c2f869cca7458aa4a4effc311f5cb15168"
	"5eb9",
	"00d0b3975ac4b799f5bea16d5e13e9af971d5e9b984c9f39728b5e5739735a21"
	"9b97c356436adc6e95bb0352f6be64a6c2912d4ef2d0433ced2b6171640012d9"
	"460f"
	"015c68226383956e3bd066e797b623c27ce0eac2f551a10c2c724d9852077b87"
	"220b6536c5c408a1d2aebb8e86d678ae49cb57091f4732296579ab44fcd17f0f"
	"c56a",
	"01144c7d79ae6956bc8edb8e7c787c4521cb086fa64407f97894e5e6b2d79b04"
	"d1427e73ca4baa240a34786859810c06b3c715a3a8cc3151f2bee417996d19f3"
	"ddea",
};

/* RFC 7748 §6.1: X25519 (Alice = i, Bob = r) */
static const struct dh_vector vec_7748_x25519 = {
	IKEV2_DH_CURVE25519,
	"77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a",
	"8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
	"5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb",
	"de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
	"4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742",
};

/* RFC 7748 §6.2: X448 */
static const struct dh_vector vec_7748_x448 = {
	IKEV2_DH_CURVE448,
	"9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf5"
	"74a9419744897391006382a6f127ab1d9ac2d8c0a598726b",
	"9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bb"
	"c836647241d953d40c5b12da88120d53177f80e532c41fa0",
	"1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d6927c120"
	"bb5ee8972b0d3e21374c9c921b09d1b0366f10b65173992d",
	"3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972"
	"fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609",
	"07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282bb60c0b56"
	"fd2464c335543936521c24403085d59a449a5037514a879d",
};

/*
 * One side: its private value gives its public value, and with the
 * other side's public value the shared secret.
 */
static void check_side(struct __test_metadata *_metadata, const struct xf_dh *group,
		       const char *priv_hex, const char *pub_hex,
		       const char *peer_hex, const char *secret_hex)
{
	uint8_t priv[66], pub[132], peer[132], secret[66], want[132];
	size_t priv_len = unhex(priv_hex, priv, sizeof(priv));
	struct dh_key *key;

	ASSERT_EQ(group->public_len, unhex(peer_hex, peer, sizeof(peer)));
	ASSERT_EQ(CRYPTO_OK, dh_key_from_private(group, priv, priv_len, &key));
	EXPECT_EQ(group, dh_key_group(key));
	ASSERT_EQ(CRYPTO_OK, dh_key_public(key, pub, sizeof(pub)));
	ASSERT_EQ(group->public_len, unhex(pub_hex, want, sizeof(want)));
	EXPECT_EQ(0, memcmp(want, pub, group->public_len));
	ASSERT_EQ(CRYPTO_OK, dh_key_shared_secret(key, peer, group->public_len,
						  secret, sizeof(secret)));
	ASSERT_EQ(group->secret_len, unhex(secret_hex, want, sizeof(want)));
	EXPECT_EQ(0, memcmp(want, secret, group->secret_len));
	dh_key_free(key);
}

static void check_vector(struct __test_metadata *_metadata, const struct dh_vector *v)
{
	const struct xf_dh *group = xf_dh_find(v->group);

	ASSERT_NE(NULL, group);
	check_side(_metadata, group, v->i, v->gi, v->gr, v->gir);
	check_side(_metadata, group, v->r, v->gr, v->gi, v->gir);
	EXPECT_EQ(0, leaks_found());
}

TEST(rfc5903_ecp256)
{
	check_vector(_metadata, &vec_5903_ecp256);
}

TEST(rfc5903_ecp384)
{
	check_vector(_metadata, &vec_5903_ecp384);
}

TEST(rfc5903_ecp521)
{
	check_vector(_metadata, &vec_5903_ecp521);
}

TEST(rfc7748_x25519_dh)
{
	check_vector(_metadata, &vec_7748_x25519);
}

TEST(rfc7748_x448_dh)
{
	check_vector(_metadata, &vec_7748_x448);
}

/* The scalar multiplication vectors: the "public value" is not used. */
static void check_scalar_mult(struct __test_metadata *_metadata, enum ikev2_dh_id id,
			      const char *scalar_hex, const char *u_hex,
			      const char *out_hex)
{
	const struct xf_dh *group = xf_dh_find(id);
	uint8_t scalar[56], u[56], out[56], want[56];
	struct dh_key *key;

	ASSERT_EQ(group->public_len, unhex(scalar_hex, scalar, sizeof(scalar)));
	ASSERT_EQ(group->public_len, unhex(u_hex, u, sizeof(u)));
	ASSERT_EQ(group->secret_len, unhex(out_hex, want, sizeof(want)));
	ASSERT_EQ(CRYPTO_OK, dh_key_from_private(group, scalar, group->public_len, &key));
	ASSERT_EQ(CRYPTO_OK, dh_key_shared_secret(key, u, group->public_len, out,
						  sizeof(out)));
	EXPECT_EQ(0, memcmp(want, out, group->secret_len));
	dh_key_free(key);
}

/* RFC 7748 §5.2, the first test vector of each function */
TEST(rfc7748_scalar_mult)
{
	check_scalar_mult(_metadata, IKEV2_DH_CURVE25519,
		"a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
		"e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c",
		"c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
	check_scalar_mult(_metadata, IKEV2_DH_CURVE448,
		"3d262fddf9ec8e88495266fea19a34d28882acef045104d0d1aae121700a779c"
		"984c24f8cdd78fbff44943eba368f54b29259a4f1c600ad3",
		"06fce640fa3487bfda5f6cf2d5263f8aad88334cbd07437f020f08f9814dc031"
		"ddbdc38c19c6da2583fa5429db94ada18aa7a7fb4ef8a086",
		"ce3e4ff95a60dc6697da1db1d85e6afbdf79b50a2412d7546d5f239fe14fbaad"
		"eb445fc66a01b0779d98223961111e21766282f73dd96b6f");
}

/* Two fresh key pairs of every group agree, with values of wire size. */
TEST(generated_keys_agree_in_every_group)
{
	static const enum ikev2_dh_id groups[] = {
		IKEV2_DH_MODP_1024, IKEV2_DH_MODP_1536, IKEV2_DH_MODP_2048,
		IKEV2_DH_MODP_3072, IKEV2_DH_MODP_4096, IKEV2_DH_ECP_256,
		IKEV2_DH_ECP_384, IKEV2_DH_ECP_521, IKEV2_DH_CURVE25519,
		IKEV2_DH_CURVE448,
	};

	for (size_t g = 0; g < ARRAY_SIZE(groups); g++) {
		const struct xf_dh *group = xf_dh_find(groups[g]);
		uint8_t pub_a[512], pub_b[512], sec_a[512], sec_b[512];
		struct dh_key *a, *b;

		ASSERT_NE(NULL, group);
		ASSERT_EQ(CRYPTO_OK, dh_key_generate(group, &a));
		ASSERT_EQ(CRYPTO_OK, dh_key_generate(group, &b));
		ASSERT_EQ(CRYPTO_OK, dh_key_public(a, pub_a, sizeof(pub_a)));
		ASSERT_EQ(CRYPTO_OK, dh_key_public(b, pub_b, sizeof(pub_b)));
		EXPECT_NE(0, memcmp(pub_a, pub_b, group->public_len));
		ASSERT_EQ(CRYPTO_OK, dh_key_shared_secret(a, pub_b, group->public_len,
							  sec_a, sizeof(sec_a)));
		ASSERT_EQ(CRYPTO_OK, dh_key_shared_secret(b, pub_a, group->public_len,
							  sec_b, sizeof(sec_b)));
		EXPECT_EQ(0, memcmp(sec_a, sec_b, group->secret_len)) {
			TH_LOG("group %s: secrets differ", group->name);
		}
		dh_key_free(a);
		dh_key_free(b);
	}
	EXPECT_EQ(0, leaks_found());
}

/*
 * With generator 2, private values 3 and 5 give public values 8 and 32
 * and the secret 2^15, each padded to the prime length: checkable by
 * hand, and it pins the padding of short values and secrets.
 */
TEST(modp_small_exponents_padded)
{
	const struct xf_dh *group = xf_dh_find(IKEV2_DH_MODP_2048);
	uint8_t three = 3, five = 5, pub[256], peer[256], secret[256], want[256];
	struct dh_key *key;

	ASSERT_EQ(CRYPTO_OK, dh_key_from_private(group, &three, 1, &key));
	ASSERT_EQ(CRYPTO_OK, dh_key_public(key, pub, sizeof(pub)));
	memset(want, 0, sizeof(want));
	want[255] = 8;
	EXPECT_EQ(0, memcmp(want, pub, 256));

	memset(peer, 0, sizeof(peer));
	peer[255] = 32;		/* 2^5, the other side's public value */
	ASSERT_EQ(CRYPTO_OK, dh_key_shared_secret(key, peer, 256, secret, sizeof(secret)));
	want[255] = 0x00;
	want[254] = 0x80;	/* 2^15 */
	EXPECT_EQ(0, memcmp(want, secret, 256));
	dh_key_free(key);

	ASSERT_EQ(CRYPTO_OK, dh_key_from_private(group, &five, 1, &key));
	ASSERT_EQ(CRYPTO_OK, dh_key_public(key, pub, sizeof(pub)));
	EXPECT_EQ(0, memcmp(peer, pub, 256));
	dh_key_free(key);
	EXPECT_EQ(0, leaks_found());
}

/* The RFC 3526 2048-bit prime: 64 high and 64 low bits set, then pi. */
TEST(modp_prime_range)
{
	const struct xf_dh *group = xf_dh_find(IKEV2_DH_MODP_2048);
	static const uint8_t pi_start[] = { 0xc9, 0x0f, 0xda, 0xa2 };
	uint8_t p[256], value[256], secret[256];
	BIGNUM *bn = BN_get_rfc3526_prime_2048(NULL);
	struct dh_key *key;

	ASSERT_EQ(256, BN_bn2binpad(bn, p, sizeof(p)));
	BN_free(bn);
	for (int i = 0; i < 8; i++) {
		EXPECT_EQ(0xff, p[i]);
		EXPECT_EQ(0xff, p[255 - i]);
	}
	EXPECT_EQ(0, memcmp(pi_start, p + 8, sizeof(pi_start)));

	ASSERT_EQ(CRYPTO_OK, dh_key_generate(group, &key));
	memset(value, 0, sizeof(value));	/* 0 */
	EXPECT_EQ(CRYPTO_ERR_RANGE, dh_key_shared_secret(key, value, 256, secret, 256));
	value[255] = 1;				/* 1 */
	EXPECT_EQ(CRYPTO_ERR_RANGE, dh_key_shared_secret(key, value, 256, secret, 256));
	memcpy(value, p, 256);
	value[255] -= 1;			/* p - 1 */
	EXPECT_EQ(CRYPTO_ERR_RANGE, dh_key_shared_secret(key, value, 256, secret, 256));
	memcpy(value, p, 256);			/* p */
	EXPECT_EQ(CRYPTO_ERR_RANGE, dh_key_shared_secret(key, value, 256, secret, 256));
	memset(value, 0xff, sizeof(value));	/* above p */
	EXPECT_EQ(CRYPTO_ERR_RANGE, dh_key_shared_secret(key, value, 256, secret, 256));
	value[0] = 0;
	value[255] = 2;				/* 2 = g: in range */
	memset(value, 0, 255);
	EXPECT_EQ(CRYPTO_OK, dh_key_shared_secret(key, value, 256, secret, 256));
	dh_key_free(key);

	/* a private value of 0 */
	memset(value, 0, sizeof(value));
	EXPECT_EQ(CRYPTO_ERR_RANGE, dh_key_from_private(group, value, 256, &key));
	EXPECT_EQ(NULL, key);
	EXPECT_EQ(0, leaks_found());
}

static struct dh_key *vector_key(struct __test_metadata *_metadata,
				 const struct dh_vector *v, uint8_t *peer)
{
	const struct xf_dh *group = xf_dh_find(v->group);
	uint8_t priv[66];
	struct dh_key *key = NULL;

	EXPECT_EQ(CRYPTO_OK, dh_key_from_private(group, priv,
						 unhex(v->i, priv, sizeof(priv)), &key));
	unhex(v->gr, peer, group->public_len);
	return key;
}

TEST(ecp_invalid_points)
{
	uint8_t peer[64], secret[32];
	struct dh_key *key = vector_key(_metadata, &vec_5903_ecp256, peer);

	ASSERT_NE(NULL, key);
	peer[63] ^= 1;				/* y off by one: not on the curve */
	memset(secret, 0xaa, sizeof(secret));
	EXPECT_EQ(CRYPTO_ERR_POINT, dh_key_shared_secret(key, peer, 64, secret, 32));
	for (size_t i = 0; i < sizeof(secret); i++)
		EXPECT_EQ(0, secret[i]);	/* wiped, not left half-written */

	memset(peer, 0, sizeof(peer));		/* (0, 0) */
	EXPECT_EQ(CRYPTO_ERR_POINT, dh_key_shared_secret(key, peer, 64, secret, 32));
	memset(peer, 0xff, sizeof(peer));	/* coordinates above p */
	EXPECT_EQ(CRYPTO_ERR_POINT, dh_key_shared_secret(key, peer, 64, secret, 32));
	dh_key_free(key);
	EXPECT_EQ(0, leaks_found());
}

TEST(wrong_lengths)
{
	uint8_t peer[133], secret[66], pub[132];
	struct dh_key *key = vector_key(_metadata, &vec_5903_ecp256, peer);
	struct dh_key *x25519, *modp;

	ASSERT_NE(NULL, key);
	/* the SEC1 form, 0x04 | x | y, is not the IKEv2 wire format */
	memmove(peer + 1, peer, 64);
	peer[0] = 0x04;
	EXPECT_EQ(CRYPTO_ERR_LENGTH, dh_key_shared_secret(key, peer, 65, secret, 32));
	EXPECT_EQ(CRYPTO_ERR_LENGTH, dh_key_shared_secret(key, peer + 1, 63, secret, 32));
	EXPECT_EQ(CRYPTO_ERR_BUFFER, dh_key_shared_secret(key, peer + 1, 64, secret, 31));
	EXPECT_EQ(CRYPTO_ERR_BUFFER, dh_key_public(key, pub, 63));
	dh_key_free(key);

	ASSERT_EQ(CRYPTO_OK, dh_key_generate(xf_dh_find(IKEV2_DH_CURVE25519), &x25519));
	EXPECT_EQ(CRYPTO_ERR_LENGTH, dh_key_shared_secret(x25519, peer, 31, secret, 32));
	EXPECT_EQ(CRYPTO_ERR_LENGTH, dh_key_shared_secret(x25519, peer, 33, secret, 33));
	dh_key_free(x25519);

	ASSERT_EQ(CRYPTO_OK, dh_key_generate(xf_dh_find(IKEV2_DH_MODP_1024), &modp));
	EXPECT_EQ(CRYPTO_ERR_LENGTH, dh_key_shared_secret(modp, peer, 127, secret, 66));
	dh_key_free(modp);

	/* private values of the wrong size */
	EXPECT_EQ(CRYPTO_ERR_LENGTH,
		  dh_key_from_private(xf_dh_find(IKEV2_DH_CURVE25519), peer, 31, &key));
	EXPECT_EQ(CRYPTO_ERR_LENGTH,
		  dh_key_from_private(xf_dh_find(IKEV2_DH_ECP_256), peer, 33, &key));
	EXPECT_EQ(0, leaks_found());
}

/*
 * RFC 7748 §6.1 / RFC 8031 §2.3: small-order values give an all-zero
 * secret, which must be refused.
 */
TEST(xdh_zero_secret_rejected)
{
	static const enum ikev2_dh_id groups[] = {
		IKEV2_DH_CURVE25519, IKEV2_DH_CURVE448,
	};

	for (size_t g = 0; g < 2; g++) {
		const struct xf_dh *group = xf_dh_find(groups[g]);
		uint8_t u[56], secret[56];
		struct dh_key *key;

		ASSERT_EQ(CRYPTO_OK, dh_key_generate(group, &key));
		memset(u, 0, sizeof(u));	/* u = 0 */
		EXPECT_EQ(CRYPTO_ERR_ZERO_SECRET,
			  dh_key_shared_secret(key, u, group->public_len, secret, 56));
		u[0] = 1;			/* u = 1 (little-endian) */
		EXPECT_EQ(CRYPTO_ERR_ZERO_SECRET,
			  dh_key_shared_secret(key, u, group->public_len, secret, 56));
		dh_key_free(key);
	}
	EXPECT_EQ(0, leaks_found());
}

TEST(ecp_private_out_of_range)
{
	/* P-256 order n (FIPS 186-4 D.1.2.3), then 0 */
	uint8_t n[32], zero[32] = { 0 };
	struct dh_key *key = NULL;

	unhex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", n, 32);
	EXPECT_EQ(CRYPTO_ERR_RANGE,
		  dh_key_from_private(xf_dh_find(IKEV2_DH_ECP_256), n, 32, &key));
	EXPECT_EQ(CRYPTO_ERR_RANGE,
		  dh_key_from_private(xf_dh_find(IKEV2_DH_ECP_256), zero, 32, &key));
	EXPECT_EQ(NULL, key);
	EXPECT_EQ(0, leaks_found());
}

TEST_HARNESS_MAIN
