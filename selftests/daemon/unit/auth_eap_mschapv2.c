// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * MS-CHAPv2's computations (daemon/auth/eap_mschapv2_crypto.c) against
 * published vectors: RFC 1320 §A.5 (MD4), RFC 2759 §9.2 (NT hash,
 * ChallengeHash, NT-Response, AuthenticatorResponse) and RFC 3079 §3.5.3
 * (PasswordHashHash, MasterKey, SendStartKey128).  The MSK layout is
 * checked piece by piece against the same start keys.
 */
#include <string.h>

#include <openssl/evp.h>
#include <openssl/provider.h>

#include "kselftest_harness.h"

#include "test_hex.h"

#include "auth/eap_mschapv2.h"

#define EXPECT_BYTES(hex, buf, len) do {				\
	uint8_t want_[128];						\
	size_t want_len_ = unhex(hex, want_, sizeof(want_));		\
	EXPECT_EQ(want_len_, (size_t)(len));				\
	EXPECT_EQ(0, memcmp(want_, buf, want_len_));			\
} while (0)

/* RFC 2759 §9.2 = RFC 3079 §3.5.3 inputs. */
static const char user[] = "User";
static const char password[] = "clientPass";
static const char auth_challenge_hex[] = "5b5d7c7d7b3f2f3e3c2c602132262628";
static const char peer_challenge_hex[] = "21402324255e262a28295f2b3a337c7e";
static const char nt_hash_hex[] = "44ebba8d5312b8d611474411f56989ae";
static const char nt_response_hex[] =
	"82309ecd8d708b5ea08faa3981cd83544233114a3d85d6df";

struct vec {
	uint8_t auth[16], peer[16], nt_hash[16], nt_response[24];
};

static void load(struct vec *v)
{
	unhex(auth_challenge_hex, v->auth, 16);
	unhex(peer_challenge_hex, v->peer, 16);
	unhex(nt_hash_hex, v->nt_hash, 16);
	unhex(nt_response_hex, v->nt_response, 24);
}

/* RFC 1320 §A.5, all seven. */
TEST(rfc1320_md4)
{
	static const struct {
		const char *in, *hex;
	} cases[] = {
		{ "", "31d6cfe0d16ae931b73c59d7e0c089c0" },
		{ "a", "bde52cb31de33e46245e05fbdbd6fb24" },
		{ "abc", "a448017aaf21d8525fc10ae87aa6729d" },
		{ "message digest", "d9130a8164549fe818874806e1c7014b" },
		{ "abcdefghijklmnopqrstuvwxyz", "d79e1c308aa5bbcdeea8ed63df412da9" },
		{ "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
		  "043f8582f241db351ce627e153e7f0e4" },
		{ "1234567890123456789012345678901234567890123456789012345678901234"
		  "5678901234567890", "e33b4ddc9c38f2199c3e7b164fcc0536" },
	};
	uint8_t out[16];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		mschapv2_md4((const uint8_t *)cases[i].in, strlen(cases[i].in),
			     out);
		EXPECT_BYTES(cases[i].hex, out, 16);
	}
}

/*
 * Every length across the padding edges (55, 56, 63, 64, ... octets)
 * against OpenSSL's MD4 where this machine has the legacy provider (the
 * test loads it; vgated does not).
 */
TEST(md4_lengths_against_openssl)
{
	OSSL_PROVIDER *legacy = OSSL_PROVIDER_load(NULL, "legacy");
	EVP_MD *md4 = legacy ? EVP_MD_fetch(NULL, "MD4", NULL) : NULL;
	uint8_t buf[200], ours[16], theirs[16];
	unsigned int len;
	size_t n;

	if (!md4) {
		if (legacy)
			OSSL_PROVIDER_unload(legacy);
		SKIP(return, "OpenSSL's legacy provider (MD4) is not installed");
	}
	for (n = 0; n < sizeof(buf); n++)
		buf[n] = (uint8_t)(n * 7 + 1);
	for (n = 0; n <= sizeof(buf); n++) {
		mschapv2_md4(buf, n, ours);
		ASSERT_EQ(1, EVP_Digest(buf, n, theirs, &len, md4, NULL));
		EXPECT_EQ(0, memcmp(ours, theirs, 16)) {
			TH_LOG("length %zu", n);
		}
	}
	EVP_MD_free(md4);
	OSSL_PROVIDER_unload(legacy);
}

TEST(rfc2759_nt_hash)
{
	uint8_t out[16];

	ASSERT_TRUE(mschapv2_nt_hash(password, out));
	EXPECT_BYTES(nt_hash_hex, out, 16);
}

/* UTF-8 becomes UTF-16LE: "é" (U+00E9) and U+1F600 (a surrogate pair). */
TEST(nt_hash_utf16)
{
	static const uint8_t e_acute[] = { 0xe9, 0x00 };
	static const uint8_t smiley[] = { 0x3d, 0xd8, 0x00, 0xde };
	uint8_t got[16], want[16];

	ASSERT_TRUE(mschapv2_nt_hash("\xc3\xa9", got));
	mschapv2_md4(e_acute, sizeof(e_acute), want);
	EXPECT_EQ(0, memcmp(got, want, 16));
	ASSERT_TRUE(mschapv2_nt_hash("\xf0\x9f\x98\x80", got));
	mschapv2_md4(smiley, sizeof(smiley), want);
	EXPECT_EQ(0, memcmp(got, want, 16));
	/* Not UTF-8: a lone continuation, an overlong '/', a surrogate. */
	EXPECT_FALSE(mschapv2_nt_hash("\x80", got));
	EXPECT_FALSE(mschapv2_nt_hash("\xc0\xaf", got));
	EXPECT_FALSE(mschapv2_nt_hash("\xed\xa0\x80", got));
	EXPECT_FALSE(mschapv2_nt_hash("ab\xc3", got));
}

TEST(rfc2759_challenge_hash)
{
	struct vec v;
	uint8_t out[8];

	load(&v);
	ASSERT_TRUE(mschapv2_challenge_hash(v.peer, v.auth, user, 4, out));
	EXPECT_BYTES("d02e4386bce91226", out, 8);
}

TEST(rfc2759_nt_response)
{
	struct vec v;
	uint8_t out[24];

	load(&v);
	ASSERT_TRUE(mschapv2_nt_response(v.auth, v.peer, user, 4, v.nt_hash, out));
	EXPECT_BYTES(nt_response_hex, out, 24);
}

TEST(rfc2759_authenticator_response)
{
	struct vec v;
	uint8_t out[20];

	load(&v);
	ASSERT_TRUE(mschapv2_authenticator_response(v.nt_hash, v.nt_response,
						    v.peer, v.auth, user, 4,
						    out));
	/* "S=407A5589115FD0D6209F510FE9C04566932CDA56" */
	EXPECT_BYTES("407a5589115fd0d6209f510fe9c04566932cda56", out, 20);
}

TEST(rfc3079_keys)
{
	struct vec v;
	uint8_t hash_hash[16], master[16], key[16];

	load(&v);
	mschapv2_md4(v.nt_hash, 16, hash_hash);
	EXPECT_BYTES("41c00c584bd2d91c4017a2a12fa59f3f", hash_hash, 16);
	ASSERT_TRUE(mschapv2_master_key(hash_hash, v.nt_response, master));
	EXPECT_BYTES("fdece3717a8c838cb388e527ae3cdd31", master, 16);
	/* SendStartKey128 is the server's send key, the client's receive. */
	ASSERT_TRUE(mschapv2_start_key(master, true, true, key));
	EXPECT_BYTES("8b7cdc149b993a1ba118cb153f56dccb", key, 16);
	ASSERT_TRUE(mschapv2_start_key(master, false, false, key));
	EXPECT_BYTES("8b7cdc149b993a1ba118cb153f56dccb", key, 16);
}

/* The other direction agrees on both ends and differs from the first. */
TEST(rfc3079_send_receive_pairs)
{
	static const uint8_t master[16] = { 0xfd, 0xec, 0xe3, 0x71, 0x7a,
		0x8c, 0x83, 0x8c, 0xb3, 0x88, 0xe5, 0x27, 0xae, 0x3c, 0xdd, 0x31 };
	uint8_t client_send[16], server_receive[16], server_send[16];

	ASSERT_TRUE(mschapv2_start_key(master, true, false, client_send));
	ASSERT_TRUE(mschapv2_start_key(master, false, true, server_receive));
	ASSERT_TRUE(mschapv2_start_key(master, true, true, server_send));
	EXPECT_EQ(0, memcmp(client_send, server_receive, 16));
	EXPECT_NE(0, memcmp(client_send, server_send, 16));
}

/*
 * strongSwan's GenerateMSK(): MasterReceiveKey (Magic2: the client's
 * send key) || MasterSendKey (Magic3) || 32 zeros, from the server's
 * view; both ends build the same.
 */
TEST(msk_layout_is_strongswans)
{
	struct vec v;
	uint8_t msk[64], master[16], hash_hash[16], receive[16];
	static const uint8_t zeros[32];

	load(&v);
	ASSERT_TRUE(mschapv2_msk(v.nt_hash, v.nt_response, msk));
	mschapv2_md4(v.nt_hash, 16, hash_hash);
	ASSERT_TRUE(mschapv2_master_key(hash_hash, v.nt_response, master));
	ASSERT_TRUE(mschapv2_start_key(master, false, true, receive));
	EXPECT_EQ(0, memcmp(msk, receive, 16));
	EXPECT_BYTES("8b7cdc149b993a1ba118cb153f56dccb", msk + 16, 16);
	EXPECT_EQ(0, memcmp(msk + 32, zeros, 32));
}

TEST(user_part)
{
	size_t len;
	const char *p;

	p = mschapv2_user_part("DOMAIN\\bob", 10, &len);
	EXPECT_EQ(3u, len);
	EXPECT_EQ(0, memcmp(p, "bob", 3));
	p = mschapv2_user_part("bob@example.com", 15, &len);
	EXPECT_EQ(15u, len);
	p = mschapv2_user_part("DOMAIN\\", 7, &len);
	EXPECT_EQ(0u, len);
	(void)p;
}

TEST_HARNESS_MAIN
