// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SK payload protection (daemon/ike/crypto_sk*.c).
 *
 * Published vectors, framed as SK payloads (associated data | IV |
 * ciphertext | ICV), whose last plaintext octet is read as the pad
 * length:
 *  - AES-GCM: test cases 4 (AES-128) and 16 (AES-256) of McGrew and
 *    Viega, "The Galois/Counter Mode of Operation", also in NIST's GCM
 *    validation set: 12-octet IV split into salt cafebabe and IV, 20
 *    octets of associated data, 60-octet plaintext, 16-octet tag (whose
 *    first 8 or 12 octets are the truncated tags of RFC 5282).
 *  - ChaCha20-Poly1305: RFC 7539 §2.8.2 (nonce 07000000 | 4041...47
 *    splits into salt and IV as RFC 7634 §2 does).
 *  - AES-128-CBC: NIST SP 800-38A F.2.1 (the ICV is computed here with
 *    HMAC(), so that part is a self-consistency check).
 * Decryption reproduces the whole published plaintext and checks the
 * published tag; encryption reproduces the published ciphertext up to
 * where our padding differs from the vector's bytes.
 */
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "kselftest_harness.h"

#include "test_hex.h"

#include "ike/crypto_integ.h"
#include "ike/crypto_sk.h"


/* An SK payload message put together from its parts. */
struct sk_msg {
	uint8_t bytes[512];
	size_t len;
	size_t aad_len;
};

static void sk_msg_append(struct sk_msg *m, const char *hex)
{
	m->len += unhex(hex, m->bytes + m->len, sizeof(m->bytes) - m->len);
}

/* McGrew-Viega GCM test case 4 / 16 (same P, A, IV; K and C differ) */
#define GCM_P "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72" \
	      "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39"
#define GCM_A "feedfacedeadbeeffeedfacedeadbeefabaddad2"
#define GCM_SALT "cafebabe"
#define GCM_IV "facedbaddecaf888"
#define GCM4_K "feffe9928665731c6d6a8f9467308308"
#define GCM4_C "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e" \
	       "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091"
#define GCM4_T "5bc94fbc3221a5db94fae95ae7121a47"
#define GCM16_K "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308"
#define GCM16_C "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa" \
		"8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
#define GCM16_T "76fc6ece0f4e1768cddf8853bb2d551b"

/* RFC 7539 §2.8.2 */
#define CHACHA_K "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
#define CHACHA_SALT "07000000"
#define CHACHA_IV "4041424344454647"
#define CHACHA_A "50515253c0c1c2c3c4c5c6c7"
#define CHACHA_C "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6" \
		 "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36" \
		 "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc" \
		 "3ff4def08e4b7a9de576d26586cec64b6116"
#define CHACHA_T "1ae10b594f09e26a7e902ecbd0600691"
static const char chacha_p[] = "Ladies and Gentlemen of the class of '99: If I "
	"could offer you only one tip for the future, sunscreen would be it.";

/* NIST SP 800-38A F.2.1 CBC-AES128.Encrypt */
#define CBC_K "2b7e151628aed2a6abf7158809cf4f3c"
#define CBC_IV "000102030405060708090a0b0c0d0e0f"
#define CBC_P "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51" \
	      "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710"
#define CBC_C "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2" \
	      "73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7"

/*
 * An IKE header and SK generic header stand-in: what matters is that it
 * is authenticated, not what it says.
 */
#define IKE_AAD "0123456789abcdef fedcba9876543210 2e202508 00000002 000000d0" \
		"21000034"

struct key_store {
	uint8_t encr[36];
	uint8_t integ[64];
};

static struct crypto_sk_key aead_key(struct key_store *ks, enum ikev2_encr_id id,
				     unsigned int bits, const char *key_hex,
				     const char *salt_hex)
{
	size_t n = unhex(key_hex, ks->encr, sizeof(ks->encr));

	unhex(salt_hex, ks->encr + n, sizeof(ks->encr) - n);
	return (struct crypto_sk_key){
		.encr = xf_encr_find(id, bits),
		.encr_key = ks->encr,
	};
}

static void check_gcm_decrypt(struct __test_metadata *_metadata, unsigned int bits,
			      const char *k, const char *c, const char *t,
			      enum ikev2_encr_id id, size_t tag_len)
{
	struct key_store ks;
	struct crypto_sk_key key = aead_key(&ks, id, bits, k, GCM_SALT);
	struct sk_msg m = { .len = 0 };
	uint8_t plain[64], want[64], tag[16];
	size_t plain_len = 0;

	ASSERT_NE(NULL, key.encr);
	sk_msg_append(&m, GCM_A);
	m.aad_len = m.len;
	sk_msg_append(&m, GCM_IV);
	sk_msg_append(&m, c);
	unhex(t, tag, sizeof(tag));
	memcpy(m.bytes + m.len, tag, tag_len);
	m.len += tag_len;

	ASSERT_EQ(CRYPTO_OK, crypto_sk_decrypt(&key, m.bytes, m.len, m.aad_len,
					       plain, sizeof(plain), &plain_len));
	ASSERT_EQ(60, unhex(GCM_P, want, sizeof(want)));
	EXPECT_EQ(0, memcmp(want, plain, 60));
	/* last octet 0x39: 57 octets of padding, 2 of payload */
	EXPECT_EQ(2, plain_len);
}

TEST(gcm_tc4_decrypt)
{
	check_gcm_decrypt(_metadata, 128, GCM4_K, GCM4_C, GCM4_T, IKEV2_ENCR_AES_GCM_16, 16);
}

TEST(gcm_tc16_decrypt)
{
	check_gcm_decrypt(_metadata, 256, GCM16_K, GCM16_C, GCM16_T,
			  IKEV2_ENCR_AES_GCM_16, 16);
}

/* RFC 5282 ICVs of 8 and 12 octets are the tag's leading octets. */
TEST(gcm_truncated_icv_decrypt)
{
	check_gcm_decrypt(_metadata, 128, GCM4_K, GCM4_C, GCM4_T, IKEV2_ENCR_AES_GCM_8, 8);
	check_gcm_decrypt(_metadata, 128, GCM4_K, GCM4_C, GCM4_T, IKEV2_ENCR_AES_GCM_12, 12);
	check_gcm_decrypt(_metadata, 256, GCM16_K, GCM16_C, GCM16_T,
			  IKEV2_ENCR_AES_GCM_8, 8);
}

/*
 * Encrypting the vector's first 59 octets: we pad with nothing, so the
 * pad length 0 replaces the vector's 60th octet; the ciphertext up to
 * there is the published one, and our own decryption takes it back.
 */
TEST(gcm_tc4_encrypt)
{
	struct key_store ks;
	struct crypto_sk_key key = aead_key(&ks, IKEV2_ENCR_AES_GCM_12, 128, GCM4_K,
					    GCM_SALT);
	struct sk_msg m = { .len = 0 };
	uint8_t iv[8], p[60], c[60], plain[64];
	size_t len, plain_len;

	sk_msg_append(&m, GCM_A);
	m.aad_len = m.len;
	unhex(GCM_IV, iv, sizeof(iv));
	unhex(GCM_P, p, sizeof(p));
	unhex(GCM4_C, c, sizeof(c));
	EXPECT_EQ(8 + 60 + 12, crypto_sk_sealed_len(&key, 59));
	ASSERT_EQ(CRYPTO_OK, crypto_sk_encrypt(&key, iv, m.bytes, sizeof(m.bytes),
					       m.aad_len, p, 59, &len));
	ASSERT_EQ(m.aad_len + 8 + 60 + 12, len);
	EXPECT_EQ(0, memcmp(iv, m.bytes + m.aad_len, 8));
	EXPECT_EQ(0, memcmp(c, m.bytes + m.aad_len + 8, 59));
	EXPECT_EQ(c[59] ^ p[59], m.bytes[m.aad_len + 8 + 59]);
	ASSERT_EQ(CRYPTO_OK, crypto_sk_decrypt(&key, m.bytes, len, m.aad_len, plain,
					       sizeof(plain), &plain_len));
	EXPECT_EQ(59, plain_len);
	EXPECT_EQ(0, memcmp(p, plain, 59));
}

TEST(chacha20_poly1305_rfc7539_decrypt)
{
	struct key_store ks;
	struct crypto_sk_key key = aead_key(&ks, IKEV2_ENCR_CHACHA20_POLY1305, 0,
					    CHACHA_K, CHACHA_SALT);
	struct sk_msg m = { .len = 0 };
	uint8_t plain[128];
	size_t plain_len = 0;

	ASSERT_NE(NULL, key.encr);
	sk_msg_append(&m, CHACHA_A);
	m.aad_len = m.len;
	sk_msg_append(&m, CHACHA_IV CHACHA_C CHACHA_T);
	ASSERT_EQ(12 + 8 + 114 + 16, m.len);
	ASSERT_EQ(CRYPTO_OK, crypto_sk_decrypt(&key, m.bytes, m.len, m.aad_len,
					       plain, sizeof(plain), &plain_len));
	EXPECT_EQ(0, memcmp(chacha_p, plain, 114));
	/* last octet '.' = 46: padding, leaving 67 octets of payload */
	EXPECT_EQ(67, plain_len);
}

TEST(chacha20_poly1305_rfc7539_encrypt)
{
	struct key_store ks;
	struct crypto_sk_key key = aead_key(&ks, IKEV2_ENCR_CHACHA20_POLY1305, 0,
					    CHACHA_K, CHACHA_SALT);
	struct sk_msg m = { .len = 0 };
	uint8_t iv[8], c[114];
	size_t len;

	sk_msg_append(&m, CHACHA_A);
	m.aad_len = m.len;
	unhex(CHACHA_IV, iv, sizeof(iv));
	unhex(CHACHA_C, c, sizeof(c));
	ASSERT_EQ(CRYPTO_OK, crypto_sk_encrypt(&key, iv, m.bytes, sizeof(m.bytes),
					       m.aad_len, (const uint8_t *)chacha_p,
					       113, &len));
	ASSERT_EQ(m.aad_len + 8 + 114 + 16, len);
	EXPECT_EQ(0, memcmp(c, m.bytes + m.aad_len + 8, 113));
	EXPECT_EQ(c[113] ^ (uint8_t)'.', m.bytes[m.aad_len + 8 + 113]);
}

static struct crypto_sk_key cbc_key(struct key_store *ks)
{
	unhex(CBC_K, ks->encr, sizeof(ks->encr));
	for (size_t i = 0; i < 32; i++)
		ks->integ[i] = (uint8_t)(0x40 + i);
	return (struct crypto_sk_key){
		.encr = xf_encr_find(IKEV2_ENCR_AES_CBC, 128),
		.integ = xf_integ_find(IKEV2_AUTH_HMAC_SHA2_256_128),
		.encr_key = ks->encr,
		.integ_key = ks->integ,
	};
}

/* The ICV as RFC 7296 §3.14 defines it, computed independently. */
static void append_reference_icv(struct sk_msg *m, const uint8_t *integ_key)
{
	uint8_t mac[32];
	unsigned int mac_len;

	HMAC(EVP_sha256(), integ_key, 32, m->bytes, m->len, mac, &mac_len);
	memcpy(m->bytes + m->len, mac, 16);
	m->len += 16;
}

TEST(cbc_sp800_38a_decrypt)
{
	struct key_store ks;
	struct crypto_sk_key key = cbc_key(&ks);
	struct sk_msg m = { .len = 0 };
	uint8_t plain[64], want[64];
	size_t plain_len = 0;

	sk_msg_append(&m, IKE_AAD);
	m.aad_len = m.len;
	sk_msg_append(&m, CBC_IV CBC_C);
	append_reference_icv(&m, ks.integ);
	ASSERT_EQ(CRYPTO_OK, crypto_sk_decrypt(&key, m.bytes, m.len, m.aad_len,
					       plain, sizeof(plain), &plain_len));
	unhex(CBC_P, want, sizeof(want));
	EXPECT_EQ(0, memcmp(want, plain, 64));
	EXPECT_EQ(64 - 1 - 0x10, plain_len);
}

/*
 * 47 octets + pad length fill three blocks: the first two are the
 * published ones; the ICV is the one RFC 7296 defines.
 */
TEST(cbc_sp800_38a_encrypt)
{
	struct key_store ks;
	struct crypto_sk_key key = cbc_key(&ks);
	struct sk_msg m = { .len = 0 }, ref = { .len = 0 };
	uint8_t iv[16], p[64], c[64];
	size_t len;

	sk_msg_append(&m, IKE_AAD);
	m.aad_len = m.len;
	unhex(CBC_IV, iv, sizeof(iv));
	unhex(CBC_P, p, sizeof(p));
	unhex(CBC_C, c, sizeof(c));
	EXPECT_EQ(16 + 48 + 16, crypto_sk_sealed_len(&key, 47));
	ASSERT_EQ(CRYPTO_OK, crypto_sk_encrypt(&key, iv, m.bytes, sizeof(m.bytes),
					       m.aad_len, p, 47, &len));
	ASSERT_EQ(m.aad_len + 16 + 48 + 16, len);
	EXPECT_EQ(0, memcmp(c, m.bytes + m.aad_len + 16, 32));
	memcpy(ref.bytes, m.bytes, len - 16);
	ref.len = len - 16;
	append_reference_icv(&ref, ks.integ);
	EXPECT_EQ(0, memcmp(ref.bytes + ref.len - 16, m.bytes + len - 16, 16));
}

/* Every cipher and every payload length from empty to past two blocks. */
TEST(round_trip_every_cipher)
{
	static const struct {
		enum ikev2_encr_id encr;
		unsigned int bits;
		enum ikev2_integ_id integ;
	} suites[] = {
		{ IKEV2_ENCR_3DES, 0, IKEV2_AUTH_HMAC_SHA1_96 },
		{ IKEV2_ENCR_AES_CBC, 128, IKEV2_AUTH_HMAC_MD5_96 },
		{ IKEV2_ENCR_AES_CBC, 192, IKEV2_AUTH_HMAC_SHA2_384_192 },
		{ IKEV2_ENCR_AES_CBC, 256, IKEV2_AUTH_HMAC_SHA2_512_256 },
		{ IKEV2_ENCR_AES_GCM_8, 128, 0 },
		{ IKEV2_ENCR_AES_GCM_12, 256, 0 },
		{ IKEV2_ENCR_AES_GCM_16, 256, 0 },
		{ IKEV2_ENCR_CHACHA20_POLY1305, 0, 0 },
	};
	struct key_store ks;
	uint8_t payload[40], plain[128];

	for (size_t i = 0; i < sizeof(ks.encr); i++)
		ks.encr[i] = (uint8_t)(i * 13 + 1);
	for (size_t i = 0; i < sizeof(ks.integ); i++)
		ks.integ[i] = (uint8_t)(i * 5 + 2);
	for (size_t i = 0; i < sizeof(payload); i++)
		payload[i] = (uint8_t)(0x80 + i);

	for (size_t s = 0; s < ARRAY_SIZE(suites); s++) {
		struct crypto_sk_key key = {
			.encr = xf_encr_find(suites[s].encr, suites[s].bits),
			.integ = suites[s].integ ? xf_integ_find(suites[s].integ) : NULL,
			.encr_key = ks.encr,
			.integ_key = suites[s].integ ? ks.integ : NULL,
		};

		ASSERT_NE(NULL, key.encr);
		for (size_t n = 0; n <= sizeof(payload); n++) {
			struct sk_msg m = { .len = 0 };
			size_t len, plain_len = 99;

			sk_msg_append(&m, IKE_AAD);
			m.aad_len = m.len;
			ASSERT_EQ(CRYPTO_OK,
				  crypto_sk_encrypt(&key, NULL, m.bytes, sizeof(m.bytes),
						    m.aad_len, payload, n, &len));
			EXPECT_EQ(m.aad_len + crypto_sk_sealed_len(&key, n), len);
			EXPECT_EQ(0, (len - m.aad_len - key.encr->iv_len -
				      (key.integ ? key.integ->icv_len : key.encr->icv_len)) %
				     key.encr->block_len);
			ASSERT_EQ(CRYPTO_OK, crypto_sk_decrypt(&key, m.bytes, len, m.aad_len,
							       plain, sizeof(plain),
							       &plain_len)) {
				TH_LOG("%s, %zu octets", key.encr->name, n);
			}
			EXPECT_EQ(n, plain_len);
			EXPECT_EQ(0, memcmp(payload, plain, n));
		}
	}
}

/* Encrypts a small payload and returns its length in m. */
static void seal_sample(struct __test_metadata *_metadata,
			const struct crypto_sk_key *key, struct sk_msg *m)
{
	static const uint8_t payload[] = "inner payloads";

	m->len = 0;
	sk_msg_append(m, IKE_AAD);
	m->aad_len = m->len;
	ASSERT_EQ(CRYPTO_OK, crypto_sk_encrypt(key, NULL, m->bytes, sizeof(m->bytes),
					       m->aad_len, payload, sizeof(payload),
					       &m->len));
}

/*
 * Any flipped bit - header, IV, ciphertext or ICV - is an integrity
 * failure, and leaves nothing in the output buffer.
 */
static void check_tamper(struct __test_metadata *_metadata,
			 const struct crypto_sk_key *key)
{
	struct sk_msg m;
	uint8_t plain[128];
	size_t plain_len;

	seal_sample(_metadata, key, &m);
	for (size_t at = 0; at < m.len; at++) {
		m.bytes[at] ^= 0x01;
		memset(plain, 0x55, sizeof(plain));
		EXPECT_EQ(CRYPTO_ERR_INTEGRITY,
			  crypto_sk_decrypt(key, m.bytes, m.len, m.aad_len, plain,
					    sizeof(plain), &plain_len)) {
			TH_LOG("%s: flipped octet %zu accepted", key->encr->name, at);
		}
		/* untouched (CBC checks first) or wiped (AEAD) */
		for (size_t i = 0; i < m.len - m.aad_len; i++)
			EXPECT_TRUE(plain[i] == 0x55 || plain[i] == 0);
		m.bytes[at] ^= 0x01;
	}
}

TEST(cbc_icv_tamper)
{
	struct key_store ks;
	struct crypto_sk_key key = cbc_key(&ks);

	check_tamper(_metadata, &key);
}

TEST(aead_icv_tamper)
{
	struct key_store ks;
	struct crypto_sk_key gcm = aead_key(&ks, IKEV2_ENCR_AES_GCM_8, 256, GCM16_K,
					    GCM_SALT);
	struct crypto_sk_key chacha = aead_key(&ks, IKEV2_ENCR_CHACHA20_POLY1305, 0,
					       CHACHA_K, CHACHA_SALT);

	check_tamper(_metadata, &gcm);
	check_tamper(_metadata, &chacha);
}

/*
 * An authentic message whose pad length octet (0xff) exceeds its 31
 * other octets: built here with EVP and HMAC(), not crypto_sk_encrypt(),
 * which cannot produce one.
 */
TEST(cbc_bad_padding)
{
	struct key_store ks;
	struct crypto_sk_key key = cbc_key(&ks);
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	struct sk_msg m = { .len = 0 };
	uint8_t body[32], plain[64];
	size_t plain_len;
	int n;

	memset(body, 0x11, sizeof(body));
	body[31] = 0xff;
	sk_msg_append(&m, IKE_AAD);
	m.aad_len = m.len;
	sk_msg_append(&m, CBC_IV);
	ASSERT_EQ(1, EVP_EncryptInit_ex2(ctx, EVP_aes_128_cbc(), ks.encr,
					 m.bytes + m.aad_len, NULL));
	EVP_CIPHER_CTX_set_padding(ctx, 0);
	ASSERT_EQ(1, EVP_EncryptUpdate(ctx, m.bytes + m.len, &n, body, 32));
	ASSERT_EQ(32, n);
	EVP_CIPHER_CTX_free(ctx);
	m.len += 32;
	append_reference_icv(&m, ks.integ);

	memset(plain, 0x55, sizeof(plain));
	EXPECT_EQ(CRYPTO_ERR_PADDING, crypto_sk_decrypt(&key, m.bytes, m.len, m.aad_len,
							plain, sizeof(plain), &plain_len));
	for (size_t i = 0; i < sizeof(body); i++)
		EXPECT_EQ(0, plain[i]);		/* wiped */
}

/* ChaCha20-Poly1305 over "abc" | pad_len, built with EVP directly. */
static void seal_with_pad_length(struct __test_metadata *_metadata,
				 const struct key_store *ks, uint8_t pad_len,
				 struct sk_msg *m)
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	uint8_t nonce[12], body[4] = { 'a', 'b', 'c', pad_len };
	int n;

	m->len = 0;
	sk_msg_append(m, IKE_AAD);
	m->aad_len = m->len;
	sk_msg_append(m, CHACHA_IV);
	unhex(CHACHA_SALT CHACHA_IV, nonce, sizeof(nonce));
	ASSERT_EQ(1, EVP_EncryptInit_ex2(ctx, EVP_chacha20_poly1305(), ks->encr, nonce,
					 NULL));
	ASSERT_EQ(1, EVP_EncryptUpdate(ctx, NULL, &n, m->bytes, (int)m->aad_len));
	ASSERT_EQ(1, EVP_EncryptUpdate(ctx, m->bytes + m->len, &n, body, 4));
	ASSERT_EQ(1, EVP_EncryptFinal_ex(ctx, m->bytes + m->len + 4, &n));
	m->len += 4;
	ASSERT_EQ(1, EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, 16,
					 m->bytes + m->len));
	m->len += 16;
	EVP_CIPHER_CTX_free(ctx);
}

TEST(aead_bad_padding)
{
	struct key_store ks;
	struct crypto_sk_key key = aead_key(&ks, IKEV2_ENCR_CHACHA20_POLY1305, 0,
					    CHACHA_K, CHACHA_SALT);
	struct sk_msg m;
	uint8_t plain[16];
	size_t plain_len;

	/* pad length 3 after 3 octets: all padding, an empty payload */
	seal_with_pad_length(_metadata, &ks, 3, &m);
	ASSERT_EQ(CRYPTO_OK, crypto_sk_decrypt(&key, m.bytes, m.len, m.aad_len, plain,
					       sizeof(plain), &plain_len));
	EXPECT_EQ(0, plain_len);
	/* pad length 4 after 3 octets: authentic, but impossible */
	seal_with_pad_length(_metadata, &ks, 4, &m);
	EXPECT_EQ(CRYPTO_ERR_PADDING, crypto_sk_decrypt(&key, m.bytes, m.len, m.aad_len,
							plain, sizeof(plain), &plain_len));
}

TEST(lengths_and_buffers)
{
	struct key_store ks;
	struct crypto_sk_key cbc = cbc_key(&ks);
	struct crypto_sk_key gcm = aead_key(&ks, IKEV2_ENCR_AES_GCM_16, 128, GCM4_K,
					    GCM_SALT);
	struct sk_msg m;
	uint8_t plain[128];
	size_t plain_len, len;

	seal_sample(_metadata, &cbc, &m);
	/* a ciphertext that is not whole blocks */
	EXPECT_EQ(CRYPTO_ERR_LENGTH, crypto_sk_decrypt(&cbc, m.bytes, m.len - 1,
						       m.aad_len, plain, sizeof(plain),
						       &plain_len));
	/* IV and ICV with no ciphertext between them */
	EXPECT_EQ(CRYPTO_ERR_LENGTH, crypto_sk_decrypt(&cbc, m.bytes,
						       m.aad_len + 16 + 16, m.aad_len,
						       plain, sizeof(plain), &plain_len));
	/* associated data longer than the message */
	EXPECT_EQ(CRYPTO_ERR_LENGTH, crypto_sk_decrypt(&cbc, m.bytes, m.len, m.len + 1,
						       plain, sizeof(plain), &plain_len));
	/* room for less than the ciphertext */
	EXPECT_EQ(CRYPTO_ERR_BUFFER, crypto_sk_decrypt(&cbc, m.bytes, m.len, m.aad_len,
						       plain, 15, &plain_len));

	seal_sample(_metadata, &gcm, &m);
	EXPECT_EQ(CRYPTO_ERR_LENGTH, crypto_sk_decrypt(&gcm, m.bytes, m.aad_len + 8 + 16,
						       m.aad_len, plain, sizeof(plain),
						       &plain_len));
	/* encrypting into a message buffer one octet short */
	EXPECT_EQ(CRYPTO_ERR_BUFFER,
		  crypto_sk_encrypt(&gcm, NULL, m.bytes,
				    m.aad_len + crypto_sk_sealed_len(&gcm, 10) - 1,
				    m.aad_len, plain, 10, &len));
	EXPECT_EQ(CRYPTO_OK,
		  crypto_sk_encrypt(&gcm, NULL, m.bytes,
				    m.aad_len + crypto_sk_sealed_len(&gcm, 10),
				    m.aad_len, plain, 10, &len));
	EXPECT_EQ(CRYPTO_ERR_LENGTH,
		  crypto_sk_encrypt(&gcm, NULL, m.bytes, sizeof(m.bytes), m.aad_len,
				    plain, CRYPTO_SK_MAX_PLAIN + 1, &len));
}

TEST(mismatched_keys_refused)
{
	struct key_store ks;
	struct crypto_sk_key key = cbc_key(&ks);
	struct sk_msg m = { .len = 32, .aad_len = 32 };
	uint8_t plain[16];
	size_t len;

	key.encr = xf_encr_find(IKEV2_ENCR_AES_GCM_16, 128);	/* AEAD + INTEG */
	EXPECT_EQ(CRYPTO_ERR_ARGUMENT, crypto_sk_encrypt(&key, NULL, m.bytes,
							 sizeof(m.bytes), m.aad_len,
							 plain, 1, &len));
	key.encr = xf_encr_find(IKEV2_ENCR_AES_CBC, 128);	/* CBC, no INTEG */
	key.integ = NULL;
	EXPECT_EQ(CRYPTO_ERR_ARGUMENT, crypto_sk_decrypt(&key, m.bytes, sizeof(m.bytes),
							 m.aad_len, plain, sizeof(plain),
							 &len));
}

TEST_HARNESS_MAIN
