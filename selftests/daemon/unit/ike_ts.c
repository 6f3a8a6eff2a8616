// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Traffic selectors to prefixes (daemon/ike/ts.c): a range becomes the
 * fewest prefixes that cover exactly it; selectors that limit protocol
 * or ports are refused, since an access device carries whole ranges.
 */
#include <arpa/inet.h>

#include "kselftest_harness.h"

#include "ike/ts.h"

static struct ike_traffic_selector v4(const char *from, const char *to,
				      uint8_t start[4], uint8_t end[4])
{
	inet_pton(AF_INET, from, start);
	inet_pton(AF_INET, to, end);
	return (struct ike_traffic_selector){
		.type = IKEV2_TS_IPV4_ADDR_RANGE, .end_port = 65535,
		.addr_len = 4, .start_addr = start, .end_addr = end,
	};
}

static const char *fmt(const struct vgate_prefix *p, char *buf)
{
	return vgate_format_prefix(p, buf, 64);
}

TEST(single_host_and_subnet)
{
	uint8_t s[4], e[4];
	struct vgate_prefix out[8];
	struct ike_traffic_selector ts = v4("10.1.2.3", "10.1.2.3", s, e);
	unsigned int n = 0;
	char buf[64];

	ASSERT_TRUE(ike_ts_to_prefixes(&ts, out, 8, &n));
	ASSERT_EQ(1, n);
	EXPECT_STREQ("10.1.2.3/32", fmt(&out[0], buf));
	ts = v4("10.1.0.0", "10.1.255.255", s, e);
	ASSERT_TRUE(ike_ts_to_prefixes(&ts, out, 8, &n));
	ASSERT_EQ(2, n);
	EXPECT_STREQ("10.1.0.0/16", fmt(&out[1], buf));
}

TEST(everything_and_odd_ranges)
{
	uint8_t s[4], e[4];
	struct vgate_prefix out[40];
	struct ike_traffic_selector ts = v4("0.0.0.0", "255.255.255.255", s, e);
	unsigned int n = 0;
	char buf[64];

	ASSERT_TRUE(ike_ts_to_prefixes(&ts, out, 40, &n));
	ASSERT_EQ(1, n);
	EXPECT_STREQ("0.0.0.0/0", fmt(&out[0], buf));
	/* .1-.6: /32, /31, /31, /32 */
	n = 0;
	ts = v4("192.0.2.1", "192.0.2.6", s, e);
	ASSERT_TRUE(ike_ts_to_prefixes(&ts, out, 40, &n));
	ASSERT_EQ(4, n);
	EXPECT_STREQ("192.0.2.1/32", fmt(&out[0], buf));
	EXPECT_STREQ("192.0.2.2/31", fmt(&out[1], buf));
	EXPECT_STREQ("192.0.2.4/31", fmt(&out[2], buf));
	EXPECT_STREQ("192.0.2.6/32", fmt(&out[3], buf));
	/* 1.0.0.1 - 255.255.255.254 needs about 60 prefixes: more than 40 */
	n = 0;
	ts = v4("1.0.0.1", "255.255.255.254", s, e);
	EXPECT_FALSE(ike_ts_to_prefixes(&ts, out, 40, &n));
}

TEST(ipv6_range)
{
	uint8_t s[16], e[16];
	struct vgate_prefix out[4];
	struct ike_traffic_selector ts = {
		.type = IKEV2_TS_IPV6_ADDR_RANGE, .end_port = 65535,
		.addr_len = 16, .start_addr = s, .end_addr = e,
	};
	unsigned int n = 0;
	char buf[64];

	inet_pton(AF_INET6, "2001:db8::", s);
	inet_pton(AF_INET6, "2001:db8::ffff:ffff:ffff:ffff", e);
	ASSERT_TRUE(ike_ts_to_prefixes(&ts, out, 4, &n));
	ASSERT_EQ(1, n);
	EXPECT_STREQ("2001:db8::/64", fmt(&out[0], buf));
}

TEST(refused_selectors)
{
	uint8_t s[4], e[4];
	struct vgate_prefix out[4];
	struct ike_traffic_selector ts = v4("10.0.0.0", "10.0.0.255", s, e);
	unsigned int n = 0;

	ts.ip_protocol = 6;
	EXPECT_FALSE(ike_ts_to_prefixes(&ts, out, 4, &n));
	ts.ip_protocol = 0;
	ts.end_port = 80;
	EXPECT_FALSE(ike_ts_to_prefixes(&ts, out, 4, &n));
	ts = v4("10.0.0.9", "10.0.0.1", s, e);	/* start after end */
	EXPECT_FALSE(ike_ts_to_prefixes(&ts, out, 4, &n));
	EXPECT_EQ(0, n);
}

TEST(contains)
{
	uint8_t s[4], e[4];
	struct vgate_prefix out[4];
	struct ike_traffic_selector ts = v4("10.0.0.0", "10.0.0.255", s, e);
	struct vgate_addr a = { .family = AF_INET };
	unsigned int n = 0;

	ASSERT_TRUE(ike_ts_to_prefixes(&ts, out, 4, &n));
	inet_pton(AF_INET, "10.0.0.77", a.bytes);
	EXPECT_TRUE(ike_prefixes_contain(out, n, &a));
	inet_pton(AF_INET, "10.0.1.77", a.bytes);
	EXPECT_FALSE(ike_prefixes_contain(out, n, &a));
	a.family = AF_INET6;
	EXPECT_FALSE(ike_prefixes_contain(out, n, &a));
}

TEST_HARNESS_MAIN
