// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vgatectl's value parsers (daemon/dataplane/parse.c): numbers, SPIs,
 * hex keys, addresses, prefixes and algorithm/direction/reason names.
 */
#include <string.h>
#include <sys/socket.h>

#include "kselftest_harness.h"

#include <linux/vgate.h>

#include "dataplane/parse.h"

static char err[256];

TEST(numbers)
{
	uint64_t v64;
	uint32_t v32;

	EXPECT_EQ(0, vgate_parse_u64("0", 10, &v64, "n", err, sizeof(err)));
	EXPECT_EQ(0, v64);
	EXPECT_EQ(0, vgate_parse_u64("18446744073709551615", UINT64_MAX, &v64,
				     "n", err, sizeof(err)));
	EXPECT_EQ(UINT64_MAX, v64);
	EXPECT_EQ(-1, vgate_parse_u64("18446744073709551616", UINT64_MAX, &v64,
				      "n", err, sizeof(err)));
	EXPECT_EQ(0, vgate_parse_u32("4096", VGATE_REPLAY_WINDOW_MAX, &v32,
				     "replay-window", err, sizeof(err)));
	EXPECT_EQ(4096, v32);
	EXPECT_EQ(-1, vgate_parse_u32("4097", VGATE_REPLAY_WINDOW_MAX, &v32,
				      "replay-window", err, sizeof(err)));
	EXPECT_STREQ("replay-window must be a number from 0 to 4096, not \"4097\"",
		     err);
	EXPECT_EQ(-1, vgate_parse_u32("-1", 100, &v32, "n", err, sizeof(err)));
	EXPECT_EQ(-1, vgate_parse_u32("+1", 100, &v32, "n", err, sizeof(err)));
	EXPECT_EQ(-1, vgate_parse_u32(" 1", 100, &v32, "n", err, sizeof(err)));
	EXPECT_EQ(-1, vgate_parse_u32("1k", 100, &v32, "n", err, sizeof(err)));
	EXPECT_EQ(-1, vgate_parse_u32("", 100, &v32, "n", err, sizeof(err)));
}

TEST(spi)
{
	uint32_t spi;

	EXPECT_EQ(0, vgate_parse_spi("0x1000", &spi, err, sizeof(err)));
	EXPECT_EQ(0x1000, spi);
	EXPECT_EQ(0, vgate_parse_spi("0XFFFFFFFF", &spi, err, sizeof(err)));
	EXPECT_EQ(0xffffffff, spi);
	EXPECT_EQ(0, vgate_parse_spi("4096", &spi, err, sizeof(err)));
	EXPECT_EQ(4096, spi);
	EXPECT_EQ(-1, vgate_parse_spi("0x100000000", &spi, err, sizeof(err)));
	EXPECT_EQ(-1, vgate_parse_spi("0x0", &spi, err, sizeof(err)));
	EXPECT_EQ(-1, vgate_parse_spi("0", &spi, err, sizeof(err)));
	EXPECT_EQ(-1, vgate_parse_spi("0x", &spi, err, sizeof(err)));
	EXPECT_EQ(-1, vgate_parse_spi("0x12g", &spi, err, sizeof(err)));
	EXPECT_EQ(-1, vgate_parse_spi("4294967296", &spi, err, sizeof(err)));
	EXPECT_EQ(-1, vgate_parse_spi("", &spi, err, sizeof(err)));
	EXPECT_STREQ("spi must be 0x1 to 0xffffffff (hex with 0x, or decimal), not \"\"",
		     err);
}

TEST(keys)
{
	static const uint8_t want[4] = { 0x00, 0xab, 0xCD, 0xef };
	uint8_t key[4];

	EXPECT_EQ(0, vgate_parse_key("0x00abCDef", key, 4, "key", err, sizeof(err)));
	EXPECT_EQ(0, memcmp(key, want, 4));
	EXPECT_EQ(0, vgate_parse_key("00ABcdEF", key, 4, "key", err, sizeof(err)));
	EXPECT_EQ(0, memcmp(key, want, 4));
	EXPECT_EQ(-1, vgate_parse_key("0x00abcd", key, 4, "key", err, sizeof(err)));
	EXPECT_STREQ("key must be 4 octets (8 hex digits), got 6 digits", err);
	EXPECT_EQ(-1, vgate_parse_key("0x00abcdef0", key, 4, "key", err, sizeof(err)));
	EXPECT_EQ(-1, vgate_parse_key("0x00abcdeg", key, 4, "key", err, sizeof(err)));
	EXPECT_STREQ("key must be hex digits (after an optional 0x)", err);
	EXPECT_EQ(-1, vgate_parse_key("0x", key, 4, "key", err, sizeof(err)));
}

TEST(addresses)
{
	static const uint8_t v6[16] = { 0xfd, [15] = 1 };
	static const uint8_t v4[4] = { 10, 0, 0, 1 };
	struct vgate_addr a;
	char buf[INET6_ADDRSTRLEN];

	EXPECT_EQ(0, vgate_parse_addr("10.0.0.1", &a, err, sizeof(err)));
	EXPECT_EQ(AF_INET, a.family);
	EXPECT_EQ(0, memcmp(a.bytes, v4, 4));
	EXPECT_STREQ("10.0.0.1", vgate_format_addr(&a, buf, sizeof(buf)));
	EXPECT_EQ(0, vgate_parse_addr("fd00::1", &a, err, sizeof(err)));
	EXPECT_EQ(AF_INET6, a.family);
	EXPECT_EQ(0, memcmp(a.bytes, v6, 16));
	EXPECT_STREQ("fd00::1", vgate_format_addr(&a, buf, sizeof(buf)));
	EXPECT_EQ(-1, vgate_parse_addr("10.0.0.256", &a, err, sizeof(err)));
	EXPECT_STREQ("\"10.0.0.256\" is not an IPv4 or IPv6 address", err);
	EXPECT_EQ(-1, vgate_parse_addr("host.example", &a, err, sizeof(err)));
	EXPECT_EQ(-1, vgate_parse_addr("10.0.0.1/32", &a, err, sizeof(err)));
}

TEST(prefixes)
{
	struct vgate_prefix p;
	char buf[VGATE_PREFIX_STRLEN];

	EXPECT_EQ(0, vgate_parse_prefix("10.99.0.0/16", &p, err, sizeof(err)));
	EXPECT_EQ(AF_INET, p.addr.family);
	EXPECT_EQ(16, p.len);
	EXPECT_STREQ("10.99.0.0/16", vgate_format_prefix(&p, buf, sizeof(buf)));
	EXPECT_EQ(0, vgate_parse_prefix("10.99.0.2", &p, err, sizeof(err)));
	EXPECT_EQ(32, p.len);
	EXPECT_EQ(0, vgate_parse_prefix("0.0.0.0/0", &p, err, sizeof(err)));
	EXPECT_EQ(0, p.len);
	EXPECT_EQ(0, vgate_parse_prefix("fd99::/64", &p, err, sizeof(err)));
	EXPECT_EQ(AF_INET6, p.addr.family);
	EXPECT_EQ(64, p.len);
	EXPECT_EQ(0, vgate_parse_prefix("fd99::2", &p, err, sizeof(err)));
	EXPECT_EQ(128, p.len);
	EXPECT_STREQ("fd99::2/128", vgate_format_prefix(&p, buf, sizeof(buf)));
	EXPECT_EQ(-1, vgate_parse_prefix("10.99.0.1/16", &p, err, sizeof(err)));
	EXPECT_STREQ("prefix 10.99.0.1/16 has bits set after its length", err);
	EXPECT_EQ(-1, vgate_parse_prefix("fd99::1/127", &p, err, sizeof(err)));
	/* a length inside a 16-bit group: fd77:0:0:8::/61 is :8 to :f */
	EXPECT_EQ(0, vgate_parse_prefix("fd77:0:0:8::/61", &p, err, sizeof(err)));
	EXPECT_EQ(AF_INET6, p.addr.family);
	EXPECT_EQ(61, p.len);
	EXPECT_EQ(0x08, p.addr.bytes[7]);
	EXPECT_STREQ("fd77:0:0:8::/61", vgate_format_prefix(&p, buf, sizeof(buf)));
	EXPECT_EQ(-1, vgate_parse_prefix("fd77:0:0:c::/61", &p, err, sizeof(err)));
	EXPECT_STREQ("prefix fd77:0:0:c::/61 has bits set after its length", err);
	EXPECT_EQ(-1, vgate_parse_prefix("fd77:0:0:9::/61", &p, err, sizeof(err)));
	EXPECT_EQ(-1, vgate_parse_prefix("10.0.0.0/33", &p, err, sizeof(err)));
	EXPECT_STREQ("prefix length of 10.0.0.0/33 must be a number from 0 to 32, not \"33\"",
		     err);
	EXPECT_EQ(-1, vgate_parse_prefix("fd99::/129", &p, err, sizeof(err)));
	EXPECT_EQ(-1, vgate_parse_prefix("10.0.0.0/", &p, err, sizeof(err)));
	EXPECT_EQ(-1, vgate_parse_prefix("/8", &p, err, sizeof(err)));
	EXPECT_EQ(-1, vgate_parse_prefix("1111:2222:3333:4444:5555:6666:7777:8888:9999/8",
					 &p, err, sizeof(err)));
}

TEST(algorithm_names)
{
	const struct vgate_integ_desc *integ;
	const struct vgate_enc_desc *enc;

	enc = vgate_enc_by_name("aes-gcm-128");
	ASSERT_NE(NULL, enc);
	EXPECT_EQ(VGATE_ENC_AES_GCM_16, enc->alg);
	EXPECT_EQ(20, enc->key_len);
	EXPECT_EQ(36, vgate_enc_by_name("aes-gcm-256")->key_len);
	EXPECT_EQ(16, vgate_enc_by_name("aes-cbc-128")->key_len);
	EXPECT_EQ(32, vgate_enc_by_name("aes-cbc-256")->key_len);
	EXPECT_FALSE(vgate_enc_by_name("aes-cbc-256")->aead);
	enc = vgate_enc_by_name("chacha20-poly1305");
	ASSERT_NE(NULL, enc);
	EXPECT_EQ(VGATE_ENC_CHACHA20_POLY1305, enc->alg);
	EXPECT_EQ(36, enc->key_len);
	EXPECT_EQ(NULL, vgate_enc_by_name("aes-gcm"));
	integ = vgate_integ_by_name("hmac-sha384-192");
	ASSERT_NE(NULL, integ);
	EXPECT_EQ(VGATE_INTEG_HMAC_SHA2_384_192, integ->alg);
	EXPECT_EQ(48, integ->key_len);
	EXPECT_EQ(20, vgate_integ_by_name("hmac-sha1-96")->key_len);
	EXPECT_EQ(32, vgate_integ_by_name("hmac-sha256-128")->key_len);
	EXPECT_EQ(64, vgate_integ_by_name("hmac-sha512-256")->key_len);
	EXPECT_EQ(NULL, vgate_integ_by_name("sha1"));
	EXPECT_STREQ("aes-gcm", vgate_enc_alg_name(VGATE_ENC_AES_GCM_16));
	/* SA_GET's key length makes the name sa add takes */
	EXPECT_STREQ("aes-gcm-128", vgate_enc_name(VGATE_ENC_AES_GCM_16, 128));
	EXPECT_STREQ("aes-gcm-256", vgate_enc_name(VGATE_ENC_AES_GCM_16, 256));
	EXPECT_STREQ("aes-cbc-128", vgate_enc_name(VGATE_ENC_AES_CBC, 128));
	EXPECT_STREQ("aes-cbc-256", vgate_enc_name(VGATE_ENC_AES_CBC, 256));
	EXPECT_STREQ("chacha20-poly1305",
		     vgate_enc_name(VGATE_ENC_CHACHA20_POLY1305, 256));
	/* a kernel without ENC_KEY_BITS, or a size vgatectl does not know */
	EXPECT_STREQ("aes-gcm", vgate_enc_name(VGATE_ENC_AES_GCM_16, 0));
	EXPECT_STREQ("aes-cbc", vgate_enc_name(VGATE_ENC_AES_CBC, 192));
	EXPECT_STREQ("unknown", vgate_enc_name(99, 128));
	EXPECT_STREQ("none", vgate_integ_alg_name(VGATE_INTEG_NONE));
	EXPECT_STREQ("hmac-sha512-256",
		     vgate_integ_alg_name(VGATE_INTEG_HMAC_SHA2_512_256));
	EXPECT_STREQ("unknown", vgate_integ_alg_name(99));
}

TEST(directions_and_reasons)
{
	uint32_t v;

	EXPECT_EQ(0, vgate_parse_dir("in", &v, err, sizeof(err)));
	EXPECT_EQ(VGATE_SA_DIR_IN, v);
	EXPECT_EQ(0, vgate_parse_dir("out", &v, err, sizeof(err)));
	EXPECT_EQ(VGATE_SA_DIR_OUT, v);
	EXPECT_EQ(-1, vgate_parse_dir("both", &v, err, sizeof(err)));
	EXPECT_EQ(0, vgate_parse_reason("rekeyed", &v, err, sizeof(err)));
	EXPECT_EQ(VGATE_DEL_REASON_REKEYED, v);
	EXPECT_STREQ("rekeyed", vgate_reason_name(VGATE_DEL_REASON_REKEYED));
	/* an SA holds its socket: "socket" is no reason (any more) */
	EXPECT_STREQ("unknown", vgate_reason_name(VGATE_DEL_REASON_REKEYED + 1));
	EXPECT_EQ(-1, vgate_parse_reason("socket", &v, err, sizeof(err)));
	EXPECT_STREQ("unknown", vgate_reason_name(42));
	EXPECT_EQ(-1, vgate_parse_reason("timeout", &v, err, sizeof(err)));
	EXPECT_STREQ("packets", vgate_limit_name(VGATE_EXPIRE_PACKETS));
}

TEST_HARNESS_MAIN
