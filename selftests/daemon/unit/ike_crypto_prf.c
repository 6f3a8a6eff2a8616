// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * PRF, prf+ and INTEG (daemon/ike/crypto_prf.c, crypto_integ.c).
 *
 * Published vectors: RFC 4868 §2.7.1 PRF-1 (the RFC 4231 §4.2 HMAC
 * values), RFC 4231 §4.7 (key longer than a block), RFC 4868 §2.7.2.1
 * AUTH256-1 / AUTH384-1 / AUTH512-1 (truncated), RFC 2202 §3 test 1
 * (HMAC-SHA1-96 of RFC 2404).  prf+ is a self-consistency check against
 * a second implementation written here with OpenSSL's one-shot HMAC().
 */
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "kselftest_harness.h"

#include "test_hex.h"

#include "ike/crypto_integ.h"
#include "ike/crypto_prf.h"


#define EXPECT_BYTES(hex, buf, len) do {				\
	uint8_t want_[512];						\
	size_t want_len_ = unhex(hex, want_, sizeof(want_));		\
	EXPECT_EQ(want_len_, (size_t)(len));				\
	EXPECT_EQ(0, memcmp(want_, buf, want_len_));			\
} while (0)

static const uint8_t hi_there[] = "Hi There";

static enum crypto_status prf_of(enum ikev2_prf_id id, const uint8_t *key,
				 size_t key_len, const uint8_t *data,
				 size_t len, uint8_t *out)
{
	const struct crypto_chunk chunk = { data, len };

	return crypto_prf(xf_prf_find(id), key, key_len, &chunk, 1, out);
}

/* RFC 4868 §2.7.1 PRF-1 = RFC 4231 §4.2: key 0x0b x 20, "Hi There". */
TEST(rfc4868_prf1_sha2)
{
	uint8_t key[20], out[64];

	memset(key, 0x0b, sizeof(key));
	ASSERT_EQ(CRYPTO_OK, prf_of(IKEV2_PRF_HMAC_SHA2_256, key, 20, hi_there, 8, out));
	EXPECT_BYTES("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
		     out, 32);
	ASSERT_EQ(CRYPTO_OK, prf_of(IKEV2_PRF_HMAC_SHA2_384, key, 20, hi_there, 8, out));
	EXPECT_BYTES("afd03944d84895626b0825f4ab46907f15f9dadbe4101ec6"
		     "82aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6", out, 48);
	ASSERT_EQ(CRYPTO_OK, prf_of(IKEV2_PRF_HMAC_SHA2_512, key, 20, hi_there, 8, out));
	EXPECT_BYTES("87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
		     "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854",
		     out, 64);
}

/* RFC 4231 §4.7: a 131-octet key is hashed first (nonces can be long). */
TEST(rfc4231_long_key)
{
	static const uint8_t data[] =
		"Test Using Larger Than Block-Size Key - Hash Key First";
	uint8_t key[131], out[32];

	memset(key, 0xaa, sizeof(key));
	ASSERT_EQ(CRYPTO_OK, prf_of(IKEV2_PRF_HMAC_SHA2_256, key, sizeof(key), data,
				    sizeof(data) - 1, out));
	EXPECT_BYTES("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
		     out, 32);
}

/* RFC 2202 §3 test case 1, the PRF untruncated. */
TEST(rfc2202_prf_sha1)
{
	uint8_t key[20], out[20];

	memset(key, 0x0b, sizeof(key));
	ASSERT_EQ(CRYPTO_OK, prf_of(IKEV2_PRF_HMAC_SHA1, key, 20, hi_there, 8, out));
	EXPECT_BYTES("b617318655057264e28bc0b6fb378c8ef146be00", out, 20);
}

static void integ_of(struct __test_metadata *_metadata, enum ikev2_integ_id id,
		     const char *want)
{
	const struct xf_integ *integ = xf_integ_find(id);
	uint8_t key[64], icv[64];

	ASSERT_NE(NULL, integ);
	memset(key, 0x0b, sizeof(key));
	memset(icv, 0xee, sizeof(icv));
	ASSERT_EQ(CRYPTO_OK, crypto_integ_icv(integ, key, hi_there, 8, icv));
	EXPECT_BYTES(want, icv, integ->icv_len);
	/* nothing written past the truncated ICV */
	EXPECT_EQ(0xee, icv[integ->icv_len]);
}

/* RFC 4868 §2.7.2.1: keys of the digest size, 0x0b, "Hi There". */
TEST(rfc4868_auth_truncated)
{
	integ_of(_metadata, IKEV2_AUTH_HMAC_SHA2_256_128,
		 "198a607eb44bfbc69903a0f1cf2bbdc5");
	integ_of(_metadata, IKEV2_AUTH_HMAC_SHA2_384_192,
		 "b6a8d5636f5c6a7224f9977dcf7ee6c7fb6d0c48cbdee973");
	integ_of(_metadata, IKEV2_AUTH_HMAC_SHA2_512_256,
		 "637edc6e01dce7e6742a99451aae82df23da3e92439e590e43e761b33e910fb8");
}

/* RFC 2404 HMAC-SHA1-96 = the first 12 octets of RFC 2202 test 1. */
TEST(rfc2202_integ_sha1_96)
{
	integ_of(_metadata, IKEV2_AUTH_HMAC_SHA1_96, "b617318655057264e28bc0b6");
}

/*
 * Self-consistency: prf+ against a direct transcription of RFC 7296
 * §2.13 on HMAC(), over lengths that end inside, at and past a block.
 */
static void reference_prf_plus(const EVP_MD *md, const uint8_t *key, size_t key_len,
			       const uint8_t *seed, size_t seed_len, uint8_t *out,
			       size_t out_len)
{
	uint8_t buf[64 + 256 + 1], t[64];
	unsigned int t_len = 0;
	size_t done = 0;

	for (uint8_t n = 1; done < out_len; n++) {
		size_t in = 0;

		memcpy(buf, t, t_len);
		in += t_len;
		memcpy(buf + in, seed, seed_len);
		in += seed_len;
		buf[in++] = n;
		HMAC(md, key, (int)key_len, buf, in, t, &t_len);
		memcpy(out + done, t, out_len - done < t_len ? out_len - done : t_len);
		done += t_len;
	}
}

TEST(prf_plus_matches_reference)
{
	static const size_t lengths[] = { 1, 31, 32, 33, 64, 100, 7 * 64 };
	const struct xf_prf *prf = xf_prf_find(IKEV2_PRF_HMAC_SHA2_256);
	uint8_t key[48], seed_a[40], seed_b[24], seed[64], got[448], want[448];
	struct crypto_chunk chunks[2] = { { seed_a, 40 }, { seed_b, 24 } };

	for (size_t i = 0; i < sizeof(key); i++)
		key[i] = (uint8_t)(i * 7 + 3);
	for (size_t i = 0; i < sizeof(seed); i++)
		seed[i] = (uint8_t)(0xa0 ^ i);
	memcpy(seed_a, seed, 40);
	memcpy(seed_b, seed + 40, 24);
	for (size_t i = 0; i < ARRAY_SIZE(lengths); i++) {
		memset(got, 0, sizeof(got));
		ASSERT_EQ(CRYPTO_OK, crypto_prf_plus(prf, key, sizeof(key), chunks, 2,
						     got, lengths[i]));
		reference_prf_plus(EVP_sha256(), key, sizeof(key), seed, sizeof(seed),
				   want, lengths[i]);
		EXPECT_EQ(0, memcmp(want, got, lengths[i])) {
			TH_LOG("prf+ output of %zu octets differs", lengths[i]);
		}
	}
}

/* The one-octet counter allows 255 blocks and no more. */
TEST(prf_plus_counter_limit)
{
	const struct xf_prf *prf = xf_prf_find(IKEV2_PRF_HMAC_SHA1);
	static uint8_t out[255 * 20 + 1];
	uint8_t key[20] = { 1 };

	EXPECT_EQ(CRYPTO_OK, crypto_prf_plus(prf, key, 20, NULL, 0, out, 255 * 20));
	EXPECT_EQ(CRYPTO_ERR_LENGTH,
		  crypto_prf_plus(prf, key, 20, NULL, 0, out, 255 * 20 + 1));
}

TEST_HARNESS_MAIN
