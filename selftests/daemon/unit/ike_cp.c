// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The CFG_REPLY a remote-access client gets (daemon/ike/cp.c, spec ch2-5
 * §11): addresses only as asked and assigned, the netmask only with an
 * IPv4 address, the standard attributes whenever configured, the Cisco
 * Unity ones and our version only when asked for.  Each reply is built,
 * parsed back with the codec and checked attribute by attribute.
 */
#include <arpa/inet.h>
#include <string.h>

#include "kselftest_harness.h"

#include "ike/codec_build.h"
#include "ike/ike_sa.h"
#include "ike/ra.h"

struct reply {
	struct ike_message msg;
	uint8_t buf[4096];
	const struct ike_payload *cp;
};

/* Builds the reply to a CFG_REQUEST of the N attribute TYPES, parses it. */
static void build(struct reply *r, const uint16_t *types, unsigned int n,
		  const struct ike_ra *ra, const struct aaa_attrs *a)
{
	struct ike_cfg_attr req_attrs[16];
	struct ike_payload req = { .type = IKEV2_PT_CP };
	struct ike_codec_error err;
	struct ike_writer w;
	size_t len;

	for (unsigned int i = 0; i < n; i++)
		req_attrs[i] = (struct ike_cfg_attr){ .type = types[i] };
	req.u.cp = (struct ike_payload_cp){
		.cfg_type = IKEV2_CFG_REQUEST, .n_attrs = n, .attrs = req_attrs,
	};
	memset(r, 0, sizeof(*r));
	ike_writer_init(&w, r->buf, sizeof(r->buf));
	ike_cp_put_reply(&w, &req, ra, a);
	len = w.len;
	if (w.err.code != IKE_OK ||
	    ike_parse_inner(&r->msg, IKEV2_PT_CP, r->buf, len, &err) < 0)
		return;
	r->cp = ike_message_find(&r->msg, IKEV2_PT_CP, NULL);
}

static unsigned int count(const struct reply *r, uint16_t type)
{
	unsigned int n = 0;

	for (unsigned int i = 0; r->cp && i < r->cp->u.cp.n_attrs; i++)
		n += r->cp->u.cp.attrs[i].type == type;
	return n;
}

/* The Kth value of TYPE as text (addresses) or as it is (strings). */
static const char *value(const struct reply *r, uint16_t type, unsigned int k,
			 char *buf)
{
	for (unsigned int i = 0; r->cp && i < r->cp->u.cp.n_attrs; i++) {
		const struct ike_cfg_attr *a = &r->cp->u.cp.attrs[i];

		if (a->type != type || k--)
			continue;
		if (a->len == 4 || a->len == 8)
			return inet_ntop(AF_INET, a->value, buf, 64);
		if (a->len == 16 || a->len == 17) {
			inet_ntop(AF_INET6, a->value, buf, 64);
			if (a->len == 17)
				sprintf(buf + strlen(buf), "/%u", a->value[16]);
			return buf;
		}
		memcpy(buf, a->value, a->len);
		buf[a->len] = '\0';
		return buf;
	}
	return "(none)";
}

static void fill(struct ike_ra *ra, struct aaa_attrs *a)
{
	static const char *dns[] = { "corp.example", "lab.example" };

	memset(ra, 0, sizeof(*ra));
	memset(a, 0, sizeof(*a));
	ra->has_vip4 = ra->has_vip6 = true;
	inet_pton(AF_INET, "10.10.0.7", &ra->vip4);
	inet_pton(AF_INET6, "2001:db8:100::7", &ra->vip6);
	a->has_netmask = true;
	inet_pton(AF_INET, "255.255.255.0", &a->netmask);
	a->n_dns = 2;
	inet_pton(AF_INET, "10.0.0.53", &a->dns[0]);
	inet_pton(AF_INET, "10.0.0.54", &a->dns[1]);
	a->n_dns6 = 1;
	inet_pton(AF_INET6, "2001:db8::53", &a->dns6[0]);
	a->n_wins = 1;
	inet_pton(AF_INET, "10.0.0.137", &a->wins[0]);
	a->n_routes = 2;
	a->routes[0] = (struct conf_prefix){ .family = AF_INET, .len = 16 };
	inet_pton(AF_INET, "10.1.0.0", a->routes[0].addr);
	a->routes[1] = (struct conf_prefix){ .family = AF_INET6, .len = 48 };
	inet_pton(AF_INET6, "2001:db8:10::", a->routes[1].addr);
	a->n_split_dns = 2;
	a->split_dns[0] = dns[0];
	a->split_dns[1] = dns[1];
	a->def_domain = "example.com";
	a->banner = "Authorized users only";
}

TEST(standard_attributes_without_unity)
{
	static const uint16_t asked[] = {
		IKEV2_CFG_INTERNAL_IP4_ADDRESS, IKEV2_CFG_INTERNAL_IP6_ADDRESS,
		IKEV2_CFG_INTERNAL_IP4_DNS,
	};
	struct ike_ra ra;
	struct aaa_attrs a;
	struct reply r;
	char buf[600];

	fill(&ra, &a);
	build(&r, asked, 3, &ra, &a);
	ASSERT_NE(NULL, r.cp);
	EXPECT_EQ(IKEV2_CFG_REPLY, r.cp->u.cp.cfg_type);
	EXPECT_STREQ("10.10.0.7", value(&r, IKEV2_CFG_INTERNAL_IP4_ADDRESS, 0, buf));
	EXPECT_STREQ("255.255.255.0", value(&r, IKEV2_CFG_INTERNAL_IP4_NETMASK, 0, buf));
	EXPECT_STREQ("2001:db8:100::7/128", value(&r, IKEV2_CFG_INTERNAL_IP6_ADDRESS, 0, buf));
	EXPECT_STREQ("10.0.0.53", value(&r, IKEV2_CFG_INTERNAL_IP4_DNS, 0, buf));
	EXPECT_STREQ("10.0.0.54", value(&r, IKEV2_CFG_INTERNAL_IP4_DNS, 1, buf));
	/* configured, not asked: standard attributes go anyway */
	EXPECT_STREQ("2001:db8::53", value(&r, IKEV2_CFG_INTERNAL_IP6_DNS, 0, buf));
	EXPECT_STREQ("10.0.0.137", value(&r, IKEV2_CFG_INTERNAL_IP4_NBNS, 0, buf));
	EXPECT_STREQ("10.1.0.0", value(&r, IKEV2_CFG_INTERNAL_IP4_SUBNET, 0, buf));
	EXPECT_STREQ("2001:db8:10::/48", value(&r, IKEV2_CFG_INTERNAL_IP6_SUBNET, 0, buf));
	EXPECT_STREQ("corp.example", value(&r, IKEV2_CFG_INTERNAL_DNS_DOMAIN, 0, buf));
	EXPECT_STREQ("lab.example", value(&r, IKEV2_CFG_INTERNAL_DNS_DOMAIN, 1, buf));
	/* the Unity ones and our version only when asked */
	EXPECT_EQ(0, count(&r, IKEV2_CFG_UNITY_BANNER));
	EXPECT_EQ(0, count(&r, IKEV2_CFG_UNITY_DEF_DOMAIN));
	EXPECT_EQ(0, count(&r, IKEV2_CFG_UNITY_SPLITDNS_NAME));
	EXPECT_EQ(0, count(&r, IKEV2_CFG_APPLICATION_VERSION));
}

TEST(subnet_carries_its_mask)
{
	struct ike_ra ra;
	struct aaa_attrs a;
	struct reply r;

	fill(&ra, &a);
	build(&r, NULL, 0, &ra, &a);
	ASSERT_NE(NULL, r.cp);
	for (unsigned int i = 0; i < r.cp->u.cp.n_attrs; i++) {
		const struct ike_cfg_attr *at = &r.cp->u.cp.attrs[i];
		static const uint8_t mask16[4] = { 255, 255, 0, 0 };

		if (at->type != IKEV2_CFG_INTERNAL_IP4_SUBNET)
			continue;
		ASSERT_EQ(8, at->len);
		EXPECT_EQ(0, memcmp(at->value + 4, mask16, 4));
	}
	EXPECT_EQ(1, count(&r, IKEV2_CFG_INTERNAL_IP4_SUBNET));
}

TEST(unity_and_version_when_asked)
{
	static const uint16_t asked[] = {
		IKEV2_CFG_INTERNAL_IP4_ADDRESS, IKEV2_CFG_UNITY_BANNER,
		IKEV2_CFG_UNITY_DEF_DOMAIN, IKEV2_CFG_UNITY_SPLITDNS_NAME,
		IKEV2_CFG_APPLICATION_VERSION,
	};
	struct ike_ra ra;
	struct aaa_attrs a;
	struct reply r;
	char buf[600];

	fill(&ra, &a);
	build(&r, asked, 5, &ra, &a);
	ASSERT_NE(NULL, r.cp);
	EXPECT_STREQ("Authorized users only", value(&r, IKEV2_CFG_UNITY_BANNER, 0, buf));
	EXPECT_STREQ("example.com", value(&r, IKEV2_CFG_UNITY_DEF_DOMAIN, 0, buf));
	EXPECT_STREQ("corp.example,lab.example",
		     value(&r, IKEV2_CFG_UNITY_SPLITDNS_NAME, 0, buf));
	EXPECT_EQ(0, strncmp("vgate ", value(&r, IKEV2_CFG_APPLICATION_VERSION, 0, buf), 6));
}

TEST(no_address_no_netmask)
{
	struct ike_ra ra;
	struct aaa_attrs a;
	struct reply r;

	fill(&ra, &a);
	ra.has_vip4 = ra.has_vip6 = false;	/* the client asked for none */
	build(&r, NULL, 0, &ra, &a);
	ASSERT_NE(NULL, r.cp);
	EXPECT_EQ(0, count(&r, IKEV2_CFG_INTERNAL_IP4_ADDRESS));
	EXPECT_EQ(0, count(&r, IKEV2_CFG_INTERNAL_IP4_NETMASK));
	EXPECT_EQ(0, count(&r, IKEV2_CFG_INTERNAL_IP6_ADDRESS));
	EXPECT_EQ(2, count(&r, IKEV2_CFG_INTERNAL_IP4_DNS));
}

TEST(nothing_configured_is_an_empty_reply)
{
	struct ike_ra ra;
	struct aaa_attrs a;
	struct reply r;

	memset(&ra, 0, sizeof(ra));
	memset(&a, 0, sizeof(a));
	build(&r, NULL, 0, &ra, &a);
	ASSERT_NE(NULL, r.cp);
	EXPECT_EQ(0, r.cp->u.cp.n_attrs);
}

/* A FlexVPN client's CFG_SET: only the subnets its CHILD SA routes. */
TEST(cfg_set_acks_routed_subnets_only)
{
	struct ike_cfg_attr set_attrs[4];
	uint8_t v[4][17] = { { 0 } };
	struct ike_payload set = { .type = IKEV2_PT_CP };
	struct child_sa child = { .n_ts_peer = 1 };
	struct ike_codec_error err;
	struct ike_message msg = { 0 };
	const struct ike_payload *ack;
	uint8_t buf[512];
	struct ike_writer w;

	child.ts_peer[0] = (struct vgate_prefix){ .addr = { .family = AF_INET }, .len = 16 };
	inet_pton(AF_INET, "10.9.0.0", child.ts_peer[0].addr.bytes);
	/* 10.9.1.0/24: inside the CHILD SA's 10.9.0.0/16 */
	inet_pton(AF_INET, "10.9.1.0", v[0]);
	inet_pton(AF_INET, "255.255.255.0", v[0] + 4);
	/* 10.8.0.0/16: not routed to this client */
	inet_pton(AF_INET, "10.8.0.0", v[1]);
	inet_pton(AF_INET, "255.255.0.0", v[1] + 4);
	/* a mask with a hole: malformed */
	inet_pton(AF_INET, "10.9.2.0", v[2]);
	inet_pton(AF_INET, "255.0.255.0", v[2] + 4);
	for (int i = 0; i < 3; i++)
		set_attrs[i] = (struct ike_cfg_attr){
			.type = IKEV2_CFG_INTERNAL_IP4_SUBNET, .len = 8, .value = v[i],
		};
	set_attrs[3] = (struct ike_cfg_attr){ .type = IKEV2_CFG_INTERNAL_IP4_DNS,
					      .len = 4, .value = v[3] };
	set.u.cp = (struct ike_payload_cp){
		.cfg_type = IKEV2_CFG_SET, .n_attrs = 4, .attrs = set_attrs,
	};
	ike_writer_init(&w, buf, sizeof(buf));
	ike_cp_put_ack(&w, &set, &child);
	ASSERT_EQ(0, ike_parse_inner(&msg, IKEV2_PT_CP, buf, w.len, &err));
	ack = ike_message_find(&msg, IKEV2_PT_CP, NULL);
	ASSERT_NE(NULL, ack);
	EXPECT_EQ(IKEV2_CFG_ACK, ack->u.cp.cfg_type);
	ASSERT_EQ(1, ack->u.cp.n_attrs);
	EXPECT_EQ(IKEV2_CFG_INTERNAL_IP4_SUBNET, ack->u.cp.attrs[0].type);
	EXPECT_EQ(0, ack->u.cp.attrs[0].len);

	/* nothing accepted: no CP payload at all */
	set.u.cp.attrs = set_attrs + 1;
	set.u.cp.n_attrs = 3;
	ike_writer_init(&w, buf, sizeof(buf));
	ike_cp_put_ack(&w, &set, &child);
	EXPECT_EQ(0, w.len);
}

TEST_HARNESS_MAIN
