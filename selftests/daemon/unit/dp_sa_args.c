// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The arguments of "vgatectl sa add" (daemon/dataplane/sa_args.c): every
 * keyword, the defaults, each way to get them wrong, and key wiping.
 */
#include <string.h>
#include <sys/socket.h>

#include "kselftest_harness.h"

#include <linux/vgate.h>

#include "dataplane/sa_args.h"
#include "leak_check.h"

#define GCM128_KEY "0x00112233445566778899aabbccddeeff01020304"
#define SHA1_KEY "0x000102030405060708090a0b0c0d0e0f10111213"

static char err[256];
static struct vgate_sa sa;

/* Parses the words of LINE (copied: the parser wipes keys in place). */
static int parse_line(const char *line)
{
	static char copy[1024];
	char *argv[64], *save = NULL, *word;
	int argc = 0;

	snprintf(copy, sizeof(copy), "%s", line);
	for (word = strtok_r(copy, " ", &save); word && argc < 64;
	     word = strtok_r(NULL, " ", &save))
		argv[argc++] = word;
	err[0] = '\0';
	return vgate_sa_args_parse(argc, argv, &sa, err, sizeof(err));
}

static bool all_zero(const void *p, size_t n)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i])
			return false;
	return true;
}

TEST(gcm_inbound_udp_with_everything)
{
	ASSERT_EQ(0, parse_line("dev va0 dir in spi 0x1001 enc aes-gcm-128 key " GCM128_KEY
				" esn replay-window 64 local 10.0.0.2 peer 10.0.0.1"
				" encap udp dport 4501 soft-bytes 1000 hard-bytes 2000"
				" soft-packets 10 hard-packets 20 soft-seconds 30"
				" hard-seconds 40 prefix 10.99.0.2/32 prefix fd99::/64"));
	EXPECT_STREQ("va0", sa.dev);
	EXPECT_EQ(VGATE_SA_DIR_IN, sa.dir);
	EXPECT_EQ(0x1001, sa.spi);
	EXPECT_EQ(VGATE_ENC_AES_GCM_16, sa.enc_alg);
	EXPECT_EQ(20, sa.enc_key_len);
	EXPECT_EQ(0x00, sa.enc_key[0]);
	EXPECT_EQ(0x04, sa.enc_key[19]);
	EXPECT_EQ(VGATE_INTEG_NONE, sa.integ_alg);
	EXPECT_TRUE(sa.esn);
	EXPECT_TRUE(sa.has_replay_window);
	EXPECT_EQ(64, sa.replay_window);
	EXPECT_EQ(AF_INET, sa.local.family);
	EXPECT_EQ(2, sa.local.bytes[3]);
	EXPECT_EQ(1, sa.peer.bytes[3]);
	EXPECT_TRUE(sa.encap);
	EXPECT_EQ(4500, sa.local_port);
	EXPECT_EQ(4501, sa.peer_port);
	EXPECT_EQ(1000, sa.soft.bytes);
	EXPECT_EQ(2000, sa.hard.bytes);
	EXPECT_EQ(10, sa.soft.packets);
	EXPECT_EQ(20, sa.hard.packets);
	EXPECT_EQ(30, sa.soft.seconds);
	EXPECT_EQ(40, sa.hard.seconds);
	ASSERT_EQ(2, sa.n_prefixes);
	EXPECT_EQ(32, sa.prefixes[0].len);
	EXPECT_EQ(AF_INET6, sa.prefixes[1].addr.family);
	EXPECT_EQ(64, sa.prefixes[1].len);
	EXPECT_EQ(-1, sa.encap_fd);
	EXPECT_EQ(0, leaks_found());
}

TEST(minimal_outbound_defaults)
{
	ASSERT_EQ(0, parse_line("local fd00::2 peer fd00::1 dev va0 dir out spi 4096"
				" enc chacha20-poly1305 key"
				" 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20212223"));
	EXPECT_EQ(VGATE_SA_DIR_OUT, sa.dir);
	EXPECT_EQ(4096, sa.spi);
	EXPECT_EQ(VGATE_ENC_CHACHA20_POLY1305, sa.enc_alg);
	EXPECT_EQ(36, sa.enc_key_len);
	EXPECT_EQ(0x23, sa.enc_key[35]);
	EXPECT_FALSE(sa.esn);
	EXPECT_FALSE(sa.has_replay_window);
	EXPECT_FALSE(sa.encap);
	EXPECT_EQ(AF_INET6, sa.local.family);
	EXPECT_EQ(0, sa.n_prefixes);
	EXPECT_EQ(0, sa.hard.bytes);
}

TEST(cbc_with_integrity)
{
	ASSERT_EQ(0, parse_line("dev va0 dir out spi 0x10 enc aes-cbc-128"
				" key 0x00112233445566778899aabbccddeeff"
				" integ hmac-sha1-96 ikey " SHA1_KEY
				" local 10.0.0.2 peer 10.0.0.1 encap udp sport 4600"));
	EXPECT_EQ(VGATE_ENC_AES_CBC, sa.enc_alg);
	EXPECT_EQ(16, sa.enc_key_len);
	EXPECT_EQ(VGATE_INTEG_HMAC_SHA1_96, sa.integ_alg);
	EXPECT_EQ(20, sa.integ_key_len);
	EXPECT_EQ(0x13, sa.integ_key[19]);
	EXPECT_EQ(4600, sa.local_port);
	EXPECT_EQ(4500, sa.peer_port);
}

#define BASE "dev va0 dir in spi 0x10 local 10.0.0.2 peer 10.0.0.1 "
#define GCM "enc aes-gcm-128 key " GCM128_KEY " "

TEST(errors)
{
	static const struct {
		const char *line;
		const char *error;
	} cases[] = {
		{ BASE, "sa add: enc is required" },
		{ "dir in spi 1 " GCM "local 10.0.0.2 peer 10.0.0.1",
		  "sa add: dev is required" },
		{ BASE GCM "spi 2", "sa add: spi given twice" },
		{ BASE GCM "bogus 1", "sa add: unknown argument \"bogus\"" },
		{ BASE GCM "prefix", "sa add: prefix needs a value" },
		{ BASE "enc aes-gcm key 00",
		  "enc must be aes-gcm-128, aes-gcm-256, aes-cbc-128, aes-cbc-256 or chacha20-poly1305, not \"aes-gcm\"" },
		{ BASE "enc aes-gcm-256 key " GCM128_KEY,
		  "key of aes-gcm-256 (32 key + 4 salt) must be 36 octets (72 hex digits), got 40 digits" },
		{ BASE GCM "integ hmac-sha1-96 ikey " SHA1_KEY,
		  "aes-gcm-128 is a combined-mode algorithm: give no integ or ikey" },
		{ BASE "enc aes-cbc-128 key 00112233445566778899aabbccddeeff",
		  "aes-cbc-128 needs integ ALG and ikey KEY" },
		{ BASE "enc aes-cbc-128 key 00112233445566778899aabbccddeeff integ md5 ikey 00",
		  "integ must be hmac-sha1-96, hmac-sha256-128, hmac-sha384-192 or hmac-sha512-256, not \"md5\"" },
		{ BASE "enc aes-cbc-256 key 00112233445566778899aabbccddeeff integ hmac-sha256-128 ikey 00",
		  "key of aes-cbc-256 (no salt) must be 32 octets (64 hex digits), got 32 digits" },
		{ BASE "enc aes-cbc-128 key 00112233445566778899aabbccddeeff integ hmac-sha256-128 ikey " SHA1_KEY,
		  "ikey of hmac-sha256-128 must be 32 octets (64 hex digits), got 40 digits" },
		{ "dev va0 dir in spi 0x10 local 10.0.0.2 peer fd00::1 " GCM,
		  "local and peer must both be IPv4 or both IPv6" },
		{ BASE GCM "dir sideways", "sa add: dir given twice" },
		{ "dev va0 dir sideways spi 0x10 local 10.0.0.2 peer 10.0.0.1 " GCM,
		  "dir must be in or out, not \"sideways\"" },
		{ BASE GCM "encap tcp", "encap must be udp, not \"tcp\"" },
		{ BASE GCM "sport 4500", "sport and dport need encap udp" },
		{ BASE GCM "encap udp dport 0", "dport must not be 0" },
		{ BASE GCM "encap udp sport 65536",
		  "sport must be a number from 0 to 65535, not \"65536\"" },
		{ BASE GCM "replay-window 5000",
		  "replay-window must be a number from 0 to 4096, not \"5000\"" },
		{ BASE GCM "hard-bytes 1e6",
		  "hard-bytes must be a number from 0 to 18446744073709551615, not \"1e6\"" },
		{ BASE GCM "prefix 10.0.0.1/8", "prefix 10.0.0.1/8 has bits set after its length" },
		{ "dev va0 dir out spi 0x10 local 10.0.0.2 peer 10.0.0.1 " GCM "prefix 10.0.0.0/8",
		  "prefix applies to inbound SAs only (dir in)" },
		{ "dev va0123456789abcdef dir in spi 1 local 10.0.0.2 peer 10.0.0.1 " GCM,
		  "dev \"va0123456789abcdef\" is longer than an interface name" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		EXPECT_EQ(-1, parse_line(cases[i].line)) {
			TH_LOG("accepted: %s", cases[i].line);
		}
		EXPECT_STREQ(cases[i].error, err) {
			TH_LOG("line: %s", cases[i].line);
		}
		/* A refused SA keeps no key material. */
		EXPECT_TRUE(all_zero(sa.enc_key, sizeof(sa.enc_key)));
		EXPECT_TRUE(all_zero(sa.integ_key, sizeof(sa.integ_key)));
	}
}

TEST(too_many_prefixes)
{
	char line[4096];
	size_t n = (size_t)snprintf(line, sizeof(line), "%s%s", BASE, GCM);

	for (int i = 0; i <= VGATE_SA_PREFIXES_MAX; i++)
		n += (size_t)snprintf(line + n, sizeof(line) - n,
				      " prefix 10.%d.0.0/16", i);
	EXPECT_EQ(-1, vgate_sa_args_parse(0, NULL, &sa, err, sizeof(err)));
	EXPECT_STREQ("sa add: dev is required", err);
	/* parse_line's copy is 1024 octets: split by hand instead. */
	{
		char *argv[200], *save = NULL, *word;
		int argc = 0;

		for (word = strtok_r(line, " ", &save); word && argc < 200;
		     word = strtok_r(NULL, " ", &save))
			argv[argc++] = word;
		EXPECT_EQ(-1, vgate_sa_args_parse(argc, argv, &sa, err,
						  sizeof(err)));
		EXPECT_STREQ("sa add: more than 64 prefixes", err);
	}
}

TEST(key_arguments_are_wiped)
{
	char key[] = GCM128_KEY;
	char ikey[] = SHA1_KEY;
	char cbc_key[] = "00112233445566778899aabbccddeeff";
	char *argv[] = { "dev", "va0", "dir", "in", "spi", "1", "enc",
			 "aes-gcm-128", "key", key, "local", "10.0.0.2",
			 "peer", "10.0.0.1" };
	char *argv_cbc[] = { "dev", "va0", "dir", "in", "spi", "1", "enc",
			     "aes-cbc-128", "key", cbc_key, "integ",
			     "hmac-sha1-96", "ikey", ikey, "local",
			     "10.0.0.2", "peer", "10.0.0.1" };

	ASSERT_EQ(0, vgate_sa_args_parse(14, argv, &sa, err, sizeof(err)));
	EXPECT_TRUE(all_zero(key, sizeof(key)));
	ASSERT_EQ(0, vgate_sa_args_parse(18, argv_cbc, &sa, err, sizeof(err)));
	EXPECT_TRUE(all_zero(cbc_key, sizeof(cbc_key)));
	EXPECT_TRUE(all_zero(ikey, sizeof(ikey)));
	EXPECT_FALSE(all_zero(sa.integ_key, sizeof(sa.integ_key)));
	vgate_sa_wipe_keys(&sa);
	EXPECT_TRUE(all_zero(sa.enc_key, sizeof(sa.enc_key)));
	EXPECT_TRUE(all_zero(sa.integ_key, sizeof(sa.integ_key)));
}

TEST_HARNESS_MAIN
