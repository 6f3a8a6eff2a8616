// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * IKE and CHILD SA key derivation and the AUTH octets
 * (daemon/ike/keymat*.c).
 *
 * Published anchor: SKEYSEED = prf(Ni | Nr, g^ir) with Ni | Nr = "Jefe"
 * and g^ir = "what do ya want for nothing?" is RFC 4231 §4.3 test case 2
 * (HMAC-SHA-256) and RFC 2202 §3 test case 2 (HMAC-SHA1).  No NIST CAVP
 * IKEv2 KDF (SP 800-135) vector is reproduced here: none was available
 * exactly, so none is claimed.
 *
 * Self-consistency, two ways:
 *  - vectors A-F below are literals produced by an independent
 *    implementation in Python on CPython's own SHA code (_sha1,
 *    _sha256: not OpenSSL), the script being, in essence:
 *	def prf(h, k, m): HMAC per RFC 2104 with block size 64
 *	def prfplus(h, k, s, n): T = b''; for i in 1..: T = prf(h, k, T + s
 *	    + bytes([i])), concatenated and cut to n
 *	A: SKEYSEED = prf(Ni + Nr, gir); keys = prfplus(SKEYSEED,
 *	   Ni + Nr + SPIi + SPIr, 7 * 32) split 32 each
 *	B: the same with SHA-1, keys of 20 octets, no SK_a
 *	C: SKEYSEED = prf(SK_d(A), gir2 + Ni2 + Nr2), then as A
 *	D: prfplus(SK_d(A), Ni + Nr, 72); E: prfplus(SK_d(A), gir2 + Ni2 +
 *	   Nr2, 72)
 *	F: prf(prf(b"vgate-psk", b"Key Pad for IKEv2"), b"IKE_SA_INIT" + Nr
 *	   + prf(SK_pi(A), ID body))
 *    with Ni = 00..1f, Nr = 20..3f, g^ir = 40..5f, SPIi = 01..08,
 *    SPIr = 11..18, Ni2 = 80..9f, Nr2 = a0..bf, g^ir2 = c0..df,
 *    SPIi2 = 21..28, SPIr2 = 31..38;
 *  - reference_* below transcribe RFC 7296 §2.13-2.18 again on OpenSSL's
 *    one-shot HMAC(), for the transform combinations A-F do not cover.
 */
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "kselftest_harness.h"

#include "test_hex.h"

#include "ike/keymat.h"
#include "ike/keymat_auth.h"
#include "ike/keymat_child.h"


#define EXPECT_KEY(hex, key) do {					\
	uint8_t want_[KEYMAT_KEY_MAX];					\
	size_t want_len_ = unhex(hex, want_, sizeof(want_));		\
	EXPECT_EQ(want_len_, (key).len);				\
	EXPECT_EQ(0, memcmp(want_, (key).octets, want_len_));		\
} while (0)

static void fill_range(uint8_t *p, size_t n, uint8_t first)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(first + i);
}

/* The inputs of vectors A, B, D (first) and C, E (second). */
struct inputs {
	uint8_t ni[32], nr[32], g_ir[32];
	struct keymat_exchange ex;
};

static void inputs_init(struct inputs *in, uint8_t ni, uint8_t nr, uint8_t g_ir,
			uint8_t spi_i, uint8_t spi_r)
{
	fill_range(in->ni, 32, ni);
	fill_range(in->nr, 32, nr);
	fill_range(in->g_ir, 32, g_ir);
	in->ex = (struct keymat_exchange){
		.ni = { in->ni, 32 }, .nr = { in->nr, 32 }, .g_ir = { in->g_ir, 32 },
	};
	fill_range(in->ex.spi_i, 8, spi_i);
	fill_range(in->ex.spi_r, 8, spi_r);
}

static struct xf_suite suite_of(enum ikev2_prf_id prf, enum ikev2_encr_id encr,
				unsigned int bits, enum ikev2_integ_id integ)
{
	return (struct xf_suite){
		.prf = xf_prf_find(prf),
		.encr = xf_encr_find(encr, bits),
		.integ = integ ? xf_integ_find(integ) : NULL,
	};
}

#define SUITE_A suite_of(IKEV2_PRF_HMAC_SHA2_256, IKEV2_ENCR_AES_CBC, 256, \
			 IKEV2_AUTH_HMAC_SHA2_256_128)

TEST(skeyseed_rfc4231_rfc2202_anchor)
{
	static const uint8_t g_ir[] = "what do ya want for nothing?";
	const struct keymat_exchange ex = {
		.ni = { (const uint8_t *)"Je", 2 },
		.nr = { (const uint8_t *)"fe", 2 },
		.g_ir = { g_ir, sizeof(g_ir) - 1 },
	};
	uint8_t out[32], want[32];

	ASSERT_EQ(CRYPTO_OK, keymat_skeyseed(xf_prf_find(IKEV2_PRF_HMAC_SHA2_256), &ex, out));
	unhex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", want, 32);
	EXPECT_EQ(0, memcmp(want, out, 32));
	ASSERT_EQ(CRYPTO_OK, keymat_skeyseed(xf_prf_find(IKEV2_PRF_HMAC_SHA1), &ex, out));
	unhex("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79", want, 20);
	EXPECT_EQ(0, memcmp(want, out, 20));
}

static void derive_a(struct __test_metadata *_metadata, struct ike_keymat *km)
{
	struct inputs in;
	const struct xf_suite suite = SUITE_A;

	inputs_init(&in, 0x00, 0x20, 0x40, 0x01, 0x11);
	ASSERT_EQ(CRYPTO_OK, keymat_ike_derive(km, &suite, &in.ex));
}

TEST(ike_vector_a_cbc)
{
	struct ike_keymat km;
	struct inputs in;
	uint8_t skeyseed[32], want[32];

	inputs_init(&in, 0x00, 0x20, 0x40, 0x01, 0x11);
	ASSERT_EQ(CRYPTO_OK, keymat_skeyseed(xf_prf_find(IKEV2_PRF_HMAC_SHA2_256),
					     &in.ex, skeyseed));
	unhex("fb7b0d6107cf71fb87cb4f19020bd81cc0f757a8f6a81a8a62c5b6f3a2660ac5", want, 32);
	EXPECT_EQ(0, memcmp(want, skeyseed, 32));

	derive_a(_metadata, &km);
	EXPECT_KEY("0c26341d77313c227236f4aebf29182f0629dbe10e8ac56347f067a8defc22d5", km.sk_d);
	EXPECT_KEY("8748594d3353b3e04121026ebf49d4a4907e2ae4eb2a9831832397da89af6f79", km.sk_ai);
	EXPECT_KEY("68b67ce3c70fad273ae0bbb34ee581341bbfd3303ab1d48166dde54604d0286b", km.sk_ar);
	EXPECT_KEY("d75427665fbbb117f4d9f877d73606ca959fbdb34f746d24f8939191f8d3af60", km.sk_ei);
	EXPECT_KEY("fc816d7edfca54ae0e23cdb44dc9e8476619d587774b27a4824b6c47d2e341e5", km.sk_er);
	EXPECT_KEY("7237e03458c7e3e9ef8a55ca566e9ba411bc3eec87b56ee85d17b5e931c8851f", km.sk_pi);
	EXPECT_KEY("545cb06e0764651119223b0ac6626f859f5f492fa5d7626c15c16ba4ef98e503", km.sk_pr);
	keymat_ike_destroy(&km);
}

/* AEAD: no SK_a, and SK_e carries the 4-octet salt. */
TEST(ike_vector_b_aead)
{
	const struct xf_suite suite = suite_of(IKEV2_PRF_HMAC_SHA1, IKEV2_ENCR_AES_GCM_16,
					       128, 0);
	struct ike_keymat km;
	struct inputs in;

	inputs_init(&in, 0x00, 0x20, 0x40, 0x01, 0x11);
	ASSERT_EQ(CRYPTO_OK, keymat_ike_derive(&km, &suite, &in.ex));
	EXPECT_KEY("b9f91512e7304665f8bde203a085d034f9d21292", km.sk_d);
	EXPECT_EQ(0, km.sk_ai.len);
	EXPECT_EQ(0, km.sk_ar.len);
	EXPECT_KEY("9dfad333770a351956ea771cd22002ece12ad7ba", km.sk_ei);
	EXPECT_KEY("8fbe5b41e171a4f9d25c7caa5eb3cc81740d482a", km.sk_er);
	EXPECT_KEY("3fa10402733669dfb85c4f6a12530f923bebbfbc", km.sk_pi);
	EXPECT_KEY("c051f27864150fb3960f2ebd666b1b35369578f1", km.sk_pr);
	keymat_ike_destroy(&km);
}

TEST(ike_vector_c_rekey)
{
	const struct xf_suite suite = SUITE_A;
	struct ike_keymat old, km;
	struct inputs in;

	derive_a(_metadata, &old);
	inputs_init(&in, 0x80, 0xa0, 0xc0, 0x21, 0x31);
	ASSERT_EQ(CRYPTO_OK, keymat_ike_rekey(&km, &old, &suite, &in.ex));
	EXPECT_KEY("a46404e7c177001a5a3d45d53126a70ab078d208e2c7f5ee43e2c2e54f6c1992", km.sk_d);
	EXPECT_KEY("f8ca57b34169f79869ca9a5fd28894cc068312ef54c445b3e5018fc257b180a1", km.sk_pr);
	keymat_ike_destroy(&km);
	keymat_ike_destroy(&old);
}

TEST(child_vector_d_aead_no_pfs)
{
	const struct xf_suite esp = suite_of(0, IKEV2_ENCR_AES_GCM_16, 256, 0);
	struct ike_keymat ike;
	struct child_keymat ck;
	struct inputs in;

	derive_a(_metadata, &ike);
	inputs_init(&in, 0x00, 0x20, 0x40, 0x01, 0x11);
	in.ex.g_ir.len = 0;
	ASSERT_EQ(CRYPTO_OK, keymat_child_derive(&ck, &ike, &esp, &in.ex));
	EXPECT_KEY("2b9b2f8d7f6469c5053114fe8b9f093e4c8d1156c64f995b9b6455e3a98772fa"
		   "1f7a4aac", ck.i2r_encr);
	EXPECT_KEY("e2fe2358d4a4ce9eeb031a0a46eb7d740081ef5fef0f164d899155a8e69520c0"
		   "e5aac2f4", ck.r2i_encr);
	EXPECT_EQ(0, ck.i2r_integ.len);
	EXPECT_EQ(0, ck.r2i_integ.len);
	keymat_child_destroy(&ck);
	keymat_ike_destroy(&ike);
}

/* With PFS; the 72 octets split encr, integ (i->r), encr, integ (r->i). */
TEST(child_vector_e_cbc_pfs)
{
	const struct xf_suite esp = suite_of(0, IKEV2_ENCR_AES_CBC, 128,
					     IKEV2_AUTH_HMAC_SHA1_96);
	struct ike_keymat ike;
	struct child_keymat ck;
	struct inputs in;

	derive_a(_metadata, &ike);
	inputs_init(&in, 0x80, 0xa0, 0xc0, 0x21, 0x31);
	ASSERT_EQ(CRYPTO_OK, keymat_child_derive(&ck, &ike, &esp, &in.ex));
	EXPECT_KEY("03d6e26d93847a03cef2e12c4ebc8cfc", ck.i2r_encr);
	EXPECT_KEY("593d333ec38962b71fd2f9868abde6e6c3b79b18", ck.i2r_integ);
	EXPECT_KEY("1a2bf4439d68d042848a5eb95e8d77f8", ck.r2i_encr);
	EXPECT_KEY("6c0129baad58fb0867296b918851d75ecd348bad", ck.r2i_integ);
	keymat_child_destroy(&ck);
	keymat_ike_destroy(&ike);
}

TEST(auth_vector_f_psk)
{
	static const uint8_t message[] = "IKE_SA_INIT";
	static const uint8_t id_body[] = "\x02\x00\x00\x00" "client.example";
	const struct xf_prf *prf = xf_prf_find(IKEV2_PRF_HMAC_SHA2_256);
	struct crypto_chunk msg = { message, 11 }, nonce, id = { id_body, 18 };
	struct ike_keymat km;
	struct inputs in;
	uint8_t octets[128], auth[32], want[32];
	size_t len = 0;

	derive_a(_metadata, &km);
	inputs_init(&in, 0x00, 0x20, 0x40, 0x01, 0x11);
	nonce = in.ex.nr;
	EXPECT_EQ(11 + 32 + 32, keymat_auth_octets_len(prf, 11, 32));
	ASSERT_EQ(CRYPTO_OK, keymat_auth_octets(prf, &km.sk_pi, &msg, &nonce, &id,
						octets, sizeof(octets), &len));
	ASSERT_EQ(75, len);
	EXPECT_EQ(0, memcmp("IKE_SA_INIT", octets, 11));
	EXPECT_EQ(0, memcmp(in.nr, octets + 11, 32));
	ASSERT_EQ(CRYPTO_OK, keymat_auth_shared_secret(prf, (const uint8_t *)"vgate-psk", 9,
						       octets, len, auth));
	unhex("0fda769632b44fc30ceb2f23f8ec09cffdc89d3acec42a772613b163eae681c6", want, 32);
	EXPECT_EQ(0, memcmp(want, auth, 32));

	EXPECT_EQ(CRYPTO_ERR_BUFFER, keymat_auth_octets(prf, &km.sk_pi, &msg, &nonce, &id,
							octets, 74, &len));
	keymat_ike_destroy(&km);
}

/* RFC 7296 §2.13-2.14 again, concatenating into buffers for HMAC(). */
static void reference_prf_plus(const EVP_MD *md, const uint8_t *key, size_t key_len,
			       const uint8_t *seed, size_t seed_len, uint8_t *out,
			       size_t out_len)
{
	uint8_t buf[64 + 512 + 1], t[64];
	unsigned int t_len = 0;

	for (uint8_t n = 1; out_len; n++) {
		size_t in = 0, take;

		memcpy(buf, t, t_len);
		in += t_len;
		memcpy(buf + in, seed, seed_len);
		in += seed_len;
		buf[in++] = n;
		HMAC(md, key, (int)key_len, buf, in, t, &t_len);
		take = out_len < t_len ? out_len : t_len;
		memcpy(out, t, take);
		out += take;
		out_len -= take;
	}
}

/* The seven keys as one stream, for the reference comparison. */
static size_t keymat_stream(const struct ike_keymat *km, uint8_t *out)
{
	const struct keymat_key *keys[] = {
		&km->sk_d, &km->sk_ai, &km->sk_ar, &km->sk_ei, &km->sk_er,
		&km->sk_pi, &km->sk_pr,
	};
	size_t n = 0;

	for (size_t i = 0; i < 7; i++) {
		memcpy(out + n, keys[i]->octets, keys[i]->len);
		n += keys[i]->len;
	}
	return n;
}

static void reference_ike(const EVP_MD *md, const struct inputs *in,
			  uint8_t *out, size_t out_len)
{
	uint8_t key[64], seed[80], skeyseed[64];
	unsigned int skeyseed_len;

	memcpy(key, in->ni, 32);
	memcpy(key + 32, in->nr, 32);
	HMAC(md, key, 64, in->g_ir, 32, skeyseed, &skeyseed_len);
	memcpy(seed, key, 64);
	memcpy(seed + 64, in->ex.spi_i, 8);
	memcpy(seed + 72, in->ex.spi_r, 8);
	reference_prf_plus(md, skeyseed, skeyseed_len, seed, 80, out, out_len);
}

TEST(ike_matches_reference_every_prf)
{
	static const struct {
		enum ikev2_prf_id prf;
		const EVP_MD *(*md)(void);
		enum ikev2_encr_id encr;
		unsigned int bits;
		enum ikev2_integ_id integ;
		size_t total;
	} cases[] = {
		{ IKEV2_PRF_HMAC_MD5, EVP_md5, IKEV2_ENCR_3DES, 0,
		  IKEV2_AUTH_HMAC_MD5_96, 3 * 16 + 2 * 16 + 2 * 24 },
		{ IKEV2_PRF_HMAC_SHA2_384, EVP_sha384, IKEV2_ENCR_AES_CBC, 192,
		  IKEV2_AUTH_HMAC_SHA2_384_192, 3 * 48 + 2 * 48 + 2 * 24 },
		{ IKEV2_PRF_HMAC_SHA2_512, EVP_sha512, IKEV2_ENCR_CHACHA20_POLY1305, 0,
		  0, 3 * 64 + 2 * 36 },
		{ IKEV2_PRF_HMAC_SHA2_512, EVP_sha512, IKEV2_ENCR_AES_CBC, 256,
		  IKEV2_AUTH_HMAC_SHA2_512_256, 3 * 64 + 2 * 64 + 2 * 32 },
	};
	uint8_t got[7 * KEYMAT_KEY_MAX], want[7 * KEYMAT_KEY_MAX];

	for (size_t c = 0; c < ARRAY_SIZE(cases); c++) {
		const struct xf_suite suite = suite_of(cases[c].prf, cases[c].encr,
						       cases[c].bits, cases[c].integ);
		struct ike_keymat km;
		struct inputs in;

		inputs_init(&in, 0x10, 0x50, 0x90, 0xd0, 0xe0);
		ASSERT_EQ(CRYPTO_OK, keymat_ike_derive(&km, &suite, &in.ex));
		ASSERT_EQ(cases[c].total, keymat_stream(&km, got));
		reference_ike(cases[c].md(), &in, want, cases[c].total);
		EXPECT_EQ(0, memcmp(want, got, cases[c].total)) {
			TH_LOG("%s/%s differ", suite.prf->name, suite.encr->name);
		}
		keymat_ike_destroy(&km);
	}
}

/*
 * Rekeying to another PRF: SKEYSEED by the old PRF (SHA-256), the keys
 * by the new one (SHA-384) keyed with that 32-octet SKEYSEED.
 */
TEST(rekey_uses_old_prf_for_skeyseed)
{
	const struct xf_suite suite = suite_of(IKEV2_PRF_HMAC_SHA2_384,
					       IKEV2_ENCR_AES_GCM_16, 256, 0);
	uint8_t buf[96], skeyseed[64], seed[80], want[3 * 48 + 2 * 36], got[sizeof(want)];
	unsigned int skeyseed_len;
	struct ike_keymat old, km;
	struct inputs in;

	derive_a(_metadata, &old);
	inputs_init(&in, 0x80, 0xa0, 0xc0, 0x21, 0x31);
	ASSERT_EQ(CRYPTO_OK, keymat_ike_rekey(&km, &old, &suite, &in.ex));

	memcpy(buf, in.g_ir, 32);
	memcpy(buf + 32, in.ni, 32);
	memcpy(buf + 64, in.nr, 32);
	HMAC(EVP_sha256(), old.sk_d.octets, 32, buf, 96, skeyseed, &skeyseed_len);
	ASSERT_EQ(32, skeyseed_len);
	memcpy(seed, in.ni, 32);
	memcpy(seed + 32, in.nr, 32);
	memcpy(seed + 64, in.ex.spi_i, 8);
	memcpy(seed + 72, in.ex.spi_r, 8);
	reference_prf_plus(EVP_sha384(), skeyseed, 32, seed, 80, want, sizeof(want));
	ASSERT_EQ(sizeof(want), keymat_stream(&km, got));
	EXPECT_EQ(0, memcmp(want, got, sizeof(want)));
	keymat_ike_destroy(&km);
	keymat_ike_destroy(&old);
}

/*
 * The SK keys by direction, and a message one side protects and the
 * other side's view of the same keymat opens.
 */
TEST(sk_keys_by_direction)
{
	struct ike_keymat km;
	struct crypto_sk_key from_i, from_r;
	uint8_t msg[256] = { 0 }, plain[128];
	size_t len, plain_len;

	derive_a(_metadata, &km);
	from_i = keymat_ike_sk_key(&km, true);
	from_r = keymat_ike_sk_key(&km, false);
	EXPECT_TRUE(&km.sk_ei.octets[0] == from_i.encr_key);
	EXPECT_TRUE(&km.sk_ai.octets[0] == from_i.integ_key);
	EXPECT_TRUE(&km.sk_er.octets[0] == from_r.encr_key);
	EXPECT_TRUE(&km.sk_ar.octets[0] == from_r.integ_key);

	ASSERT_EQ(CRYPTO_OK, crypto_sk_encrypt(&from_i, NULL, msg, sizeof(msg), 32,
					       (const uint8_t *)"payloads", 8, &len));
	EXPECT_EQ(CRYPTO_ERR_INTEGRITY, crypto_sk_decrypt(&from_r, msg, len, 32, plain,
							  sizeof(plain), &plain_len));
	ASSERT_EQ(CRYPTO_OK, crypto_sk_decrypt(&from_i, msg, len, 32, plain,
					       sizeof(plain), &plain_len));
	EXPECT_EQ(8, plain_len);
	keymat_ike_destroy(&km);
}

TEST(destroy_wipes)
{
	static const uint8_t zero[sizeof(struct ike_keymat)];
	struct ike_keymat km;

	derive_a(_metadata, &km);
	EXPECT_NE(0, memcmp(zero, &km, sizeof(km)));
	keymat_ike_destroy(&km);
	EXPECT_EQ(0, memcmp(zero, &km, sizeof(km)));
}

TEST(refused_inputs)
{
	struct xf_suite suite = SUITE_A;
	struct ike_keymat km;
	struct inputs in;
	uint8_t long_nonce[257] = { 0 };

	inputs_init(&in, 0x00, 0x20, 0x40, 0x01, 0x11);
	suite.encr = xf_encr_find(IKEV2_ENCR_AES_GCM_16, 128);	/* AEAD + INTEG */
	EXPECT_EQ(CRYPTO_ERR_ARGUMENT, keymat_ike_derive(&km, &suite, &in.ex));
	suite = SUITE_A;
	in.ex.g_ir.len = 0;			/* IKE SAs always have a KE */
	EXPECT_EQ(CRYPTO_ERR_ARGUMENT, keymat_ike_derive(&km, &suite, &in.ex));
	in.ex.g_ir.len = 32;
	in.ex.ni = (struct crypto_chunk){ long_nonce, sizeof(long_nonce) };
	EXPECT_EQ(CRYPTO_ERR_LENGTH, keymat_ike_derive(&km, &suite, &in.ex));
}

TEST_HARNESS_MAIN
