// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The `client` section (spec §21, FlexVPN's `crypto ikev2 client flexvpn`):
 * parsing and defaults, every check with its message and line, and the
 * two lookups the initiator uses: the keyring by hostname then address
 * (spec §5) and the check of IDr against a profile's match statements.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include "conf_load.h"
#include "leak_check.h"
#include "config/conf_identity.h"
#include "config/conf_parse.h"
#include "ike/codec_constants.h"

FIXTURE(client)
{
	struct conf_run r;
	const struct ikev2_conf *c;
	struct sockaddr_storage ss;
};

FIXTURE_SETUP(client)
{
	conf_run_init(&self->r);
	self->c = &self->r.conf.ikev2;
}

FIXTURE_TEARDOWN(client)
{
	conf_run_free(&self->r);
	EXPECT_EQ(0, leaks_found());
}

#define EXPECT_REFUSED(text, want) do {					\
	ASSERT_EQ(-1, conf_run_load(&self->r, text));			\
	EXPECT_STREQ(want, self->r.errors);				\
} while (0)

#define EXPECT_LOADED(text, want) do {					\
	ASSERT_EQ(0, conf_run_load(&self->r, text));			\
	EXPECT_STREQ(want, self->r.errors);				\
} while (0)

/* Line 1: a keyring with a key for 198.51.100.0/24 only; line 2: a
 * pre-share profile using it; line 3: a certificate-free client base. */
#define KR_PROFILE \
	"keyring = ( { name = \"kr\"; peer = ( { name = \"hubs\"; " \
	"address = \"198.51.100.0/24\"; pre-shared-key = \"s\"; } ); } );\n" \
	"profile = ( { name = \"site\"; authentication-local = \"pre-share\"; " \
	"authentication-remote = \"pre-share\"; keyring = \"kr\"; } );\n"

/* A working client on lines 3-8, after KR_PROFILE. */
#define HUB_CLIENT \
	"client = ( { name = \"hub\";\n" \
	"  peer = [ \"198.51.100.1\", \"198.51.100.2 port 4501\" ];\n" \
	"  profile = \"site\";\n" \
	"  local-selectors = [ \"10.1.0.0/24\" ];\n" \
	"  remote-selectors = [ \"10.2.0.0/24\", \"2001:db8:2::/64\" ];\n" \
	"} );\n"

static const struct sockaddr *addr(struct sockaddr_storage *ss, const char *text)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, text, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
	} else if (inet_pton(AF_INET6, text, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
	} else {
		abort();
	}
	return (struct sockaddr *)ss;
}

static struct conf_identity id(const char *text)
{
	struct conf_identity out;

	if (conf_identity_parse(text, false, &out))
		abort();
	return out;
}

/* "ADDR port" of a client's peer I. */
static const char *peer_text(const struct conf_client *c, unsigned int i,
			     char *buf, size_t len)
{
	const struct sockaddr_storage *ss = &c->peers[i];
	char a[INET6_ADDRSTRLEN];
	unsigned int port;

	if (ss->ss_family == AF_INET) {
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ss)->sin_addr, a, sizeof(a));
		port = ntohs(((const struct sockaddr_in *)ss)->sin_port);
	} else {
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ss)->sin6_addr, a, sizeof(a));
		port = ntohs(((const struct sockaddr_in6 *)ss)->sin6_port);
	}
	snprintf(buf, len, "%s %u", a, port);
	return buf;
}

static const char *prefix_text(const struct conf_prefix *p, char *buf, size_t len)
{
	conf_prefix_format(p, buf, len);
	return buf;
}

/* ---- parsing and defaults ------------------------------------------ */

TEST_F(client, parses_every_key)
{
	const struct conf_client *c;
	char buf[128];

	EXPECT_LOADED(
		"keyring = ( { name = \"kr\"; peer = ( { name = \"all\"; "
		"address = \"any\"; pre-shared-key = \"s\"; } ); } );\n"
		"profile = ( { name = \"site\"; authentication-local = \"pre-share\"; "
		"authentication-remote = \"pre-share\"; keyring = \"kr\";\n"
		"  match-identity-remote = \"fqdn domain example.com\"; } );\n"
		"client = ( { name = \"hub\";\n"
		"  peer = [ \"198.51.100.1\", \"2001:db8::1 port 4501\" ];\n"
		"  profile = \"site\";\n"
		"  local-selectors = [ \"10.1.0.0/24\" ];\n"
		"  remote-selectors = [ \"10.2.0.0/24\", \"2001:db8:2::/64\" ];\n"
		"  identity-remote = \"fqdn hub.example.com\";\n"
		"  connect = \"manual\"; } );\n", "");
	ASSERT_EQ(1, self->c->n_clients);
	c = conf_client_find(self->c, "hub");
	ASSERT_NE(NULL, c);
	EXPECT_EQ(&self->c->clients[0], c);
	EXPECT_STREQ("hub", c->name);
	ASSERT_EQ(2, c->n_peers);
	EXPECT_STREQ("198.51.100.1 500", peer_text(c, 0, buf, sizeof(buf)));
	EXPECT_STREQ("2001:db8::1 4501", peer_text(c, 1, buf, sizeof(buf)));
	EXPECT_EQ(conf_profile_find(self->c, "site"), c->profile);
	ASSERT_EQ(1, c->n_local_ts);
	EXPECT_STREQ("10.1.0.0/24", prefix_text(&c->local_ts[0], buf, sizeof(buf)));
	ASSERT_EQ(2, c->n_remote_ts);
	EXPECT_STREQ("10.2.0.0/24", prefix_text(&c->remote_ts[0], buf, sizeof(buf)));
	EXPECT_STREQ("2001:db8:2::/64", prefix_text(&c->remote_ts[1], buf, sizeof(buf)));
	EXPECT_EQ(IKEV2_ID_FQDN, c->identity_remote.type);
	EXPECT_EQ(15, c->identity_remote.len);
	EXPECT_EQ(0, memcmp("hub.example.com", c->identity_remote.data, 15));
	EXPECT_FALSE(c->auto_connect);
	EXPECT_EQ(NULL, conf_client_find(self->c, "spoke"));
	EXPECT_EQ(NULL, conf_client_find(self->c, NULL));
}

TEST_F(client, defaults_and_no_match_warning_for_a_client_profile)
{
	const struct conf_client *c;

	/* The profile has no match-identity-remote: no warning, as the
	 * client picks it by name. */
	EXPECT_LOADED(KR_PROFILE HUB_CLIENT, "");
	c = conf_client_find(self->c, "hub");
	ASSERT_NE(NULL, c);
	EXPECT_TRUE(c->auto_connect);
	EXPECT_EQ(0, c->identity_remote.type);
	EXPECT_EQ(0, c->profile->n_match_identity);
}

TEST_F(client, no_clients)
{
	EXPECT_LOADED("", "");
	EXPECT_EQ(0, self->c->n_clients);
	EXPECT_EQ(NULL, conf_client_find(self->c, "hub"));
}

/* kept sorted by name: found in O(log n) whatever the file's order */
TEST_F(client, several_clients_found_by_name)
{
	const struct conf_client *c;

	EXPECT_LOADED(KR_PROFILE
		"client = ( { name = \"zeta\"; peer = \"198.51.100.9\"; profile = \"site\";\n"
		"  local-selectors = \"0.0.0.0/0\"; remote-selectors = \"0.0.0.0/0\"; },\n"
		"  { name = \"alpha\"; peer = \"198.51.100.8\"; profile = \"site\";\n"
		"  local-selectors = \"::/0\"; remote-selectors = \"::/0\"; },\n"
		"  { name = \"mid\"; peer = \"198.51.100.7\"; profile = \"site\";\n"
		"  local-selectors = \"0.0.0.0/0\"; remote-selectors = \"0.0.0.0/0\"; } );\n", "");
	ASSERT_EQ(3, self->c->n_clients);
	c = conf_client_find(self->c, "alpha");
	ASSERT_NE(NULL, c);
	EXPECT_STREQ("alpha", c->name);
	EXPECT_EQ(AF_INET6, c->local_ts[0].family);
	EXPECT_EQ(0, c->local_ts[0].len);
	c = conf_client_find(self->c, "zeta");
	ASSERT_NE(NULL, c);
	EXPECT_EQ(htonl(0xc6336409), ((const struct sockaddr_in *)&c->peers[0])->sin_addr.s_addr);
	c = conf_client_find(self->c, "mid");
	ASSERT_NE(NULL, c);
	EXPECT_EQ(htonl(0xc6336407), ((const struct sockaddr_in *)&c->peers[0])->sin_addr.s_addr);
	EXPECT_EQ(NULL, conf_client_find(self->c, "beta"));
	EXPECT_EQ(NULL, conf_client_find(self->c, "zz"));
}

/* ---- errors --------------------------------------------------------- */

TEST_F(client, unknown_profile)
{
	EXPECT_REFUSED(KR_PROFILE
		"client = ( { name = \"hub\"; peer = \"198.51.100.1\";\n"
		"  profile = \"typo\";\n"
		"  local-selectors = \"10.1.0.0/24\"; remote-selectors = \"10.2.0.0/24\"; } );\n",
		"vgated.conf:2: warning: profile \"site\" has no match-identity-remote, "
		"so no peer ever selects it\n"
		"vgated.conf:4: client \"hub\".profile: no profile named \"typo\"\n");
}

TEST_F(client, missing_profile_peer_and_selectors)
{
	EXPECT_REFUSED("client = ( { name = \"hub\"; } );\n",
		"vgated.conf:1: client \"hub\" needs at least one peer\n"
		"vgated.conf:1: client \"hub\" needs a profile\n"
		"vgated.conf:1: client \"hub\" needs at least one local selector\n"
		"vgated.conf:1: client \"hub\" needs at least one remote selector\n");
}

TEST_F(client, empty_lists_count_as_missing)
{
	EXPECT_REFUSED(KR_PROFILE
		"client = ( { name = \"hub\"; profile = \"site\";\n"
		"  peer = [ ];\n"
		"  local-selectors = [ ];\n"
		"  remote-selectors = [ \"10.2.0.0/24\" ]; } );\n",
		"vgated.conf:4: client \"hub\".peer: needs at least one peer\n"
		"vgated.conf:5: client \"hub\".local-selectors: needs at least one local selector\n");
}

TEST_F(client, too_many_peers)
{
	EXPECT_REFUSED(KR_PROFILE
		"client = ( { name = \"hub\"; profile = \"site\";\n"
		"  peer = [ \"198.51.100.1\", \"198.51.100.2\", \"198.51.100.3\", "
		"\"198.51.100.4\", \"198.51.100.5\", \"198.51.100.6\", \"198.51.100.7\", "
		"\"198.51.100.8\", \"198.51.100.9\", \"198.51.100.10\", \"198.51.100.11\", "
		"\"198.51.100.12\", \"198.51.100.13\", \"198.51.100.14\", \"198.51.100.15\", "
		"\"198.51.100.16\", \"198.51.100.17\" ];\n"
		"  local-selectors = \"10.1.0.0/24\"; remote-selectors = \"10.2.0.0/24\"; } );\n",
		"vgated.conf:4: client \"hub\".peer: more than 16 values\n");
}

TEST_F(client, bad_peers)
{
	EXPECT_REFUSED(KR_PROFILE
		"client = ( { name = \"hub\"; profile = \"site\";\n"
		"  peer = [ \"hub.example.com\", \"198.51.100.1 port 0\",\n"
		"           \"198.51.100.1 port 70000\", \"198.51.100.1 4500\",\n"
		"           \"198.51.100.1 port 500 x\", \"198.51.100.1\",\n"
		"           \"198.51.100.1 port 500\", \"198.51.100.1 port 4500\" ];\n"
		"  local-selectors = \"10.1.0.0/24\"; remote-selectors = \"10.2.0.0/24\"; } );\n",
		"vgated.conf:4: client \"hub\".peer: \"hub.example.com\": is not an IPv4 or IPv6 address\n"
		"vgated.conf:4: client \"hub\".peer: \"198.51.100.1 port 0\": port must be 1 to 65535\n"
		"vgated.conf:4: client \"hub\".peer: \"198.51.100.1 port 70000\": port must be 1 to 65535\n"
		"vgated.conf:4: client \"hub\".peer: \"198.51.100.1 4500\": must be \"ADDRESS\" or \"ADDRESS port N\"\n"
		"vgated.conf:4: client \"hub\".peer: \"198.51.100.1 port 500 x\": must be \"ADDRESS\" or \"ADDRESS port N\"\n"
		"vgated.conf:4: client \"hub\".peer: \"198.51.100.1 port 500\" is listed twice\n");
}

TEST_F(client, bad_selectors)
{
	EXPECT_REFUSED(KR_PROFILE
		"client = ( { name = \"hub\"; profile = \"site\"; peer = \"198.51.100.1\";\n"
		"  local-selectors = [ \"10.1.0.1/24\", \"any\", \"10.1.0.0/24\" ];\n"
		"  remote-selectors = [ \"2001:db8:2::/64\" ]; } );\n",
		"vgated.conf:4: client \"hub\".local-selectors: \"10.1.0.1/24\" has host bits set "
		"after the prefix length\n"
		"vgated.conf:4: client \"hub\".local-selectors: \"any\" is not a traffic selector: "
		"write 0.0.0.0/0 and/or ::/0\n"
		"vgated.conf:5: client \"hub\".remote-selectors: no remote selector has the "
		"address family of a local one\n");
}

TEST_F(client, eap_local_is_refused)
{
	EXPECT_REFUSED(
		"profile = ( { name = \"site\"; authentication-local = \"eap\";\n"
		"  authentication-remote = \"rsa-sig\"; pki-trustpoint = \"/dev/null\"; } );\n"
		HUB_CLIENT,
		"vgated.conf:1: profile \"site\".authentication-local: eap authenticates a "
		"client to its server, and vgated has no EAP client: use pre-share, "
		"rsa-sig or ecdsa-sig\n"
		"vgated.conf:5: client \"hub\".profile: profile \"site\" authenticates "
		"locally with eap, and vgated has no EAP client\n");
}

TEST_F(client, every_peer_needs_a_key)
{
	EXPECT_REFUSED(KR_PROFILE
		"client = ( { name = \"hub\"; profile = \"site\";\n"
		"  peer = [ \"198.51.100.1\", \"203.0.113.1\", \"2001:db8::1 port 4501\" ];\n"
		"  local-selectors = \"10.1.0.0/24\"; remote-selectors = \"10.2.0.0/24\"; } );\n",
		"vgated.conf:4: client \"hub\".peer: no pre-shared key for peer 203.0.113.1 "
		"in keyring \"kr\"\n"
		"vgated.conf:4: client \"hub\".peer: no pre-shared key for peer 2001:db8::1 "
		"in keyring \"kr\"\n");
}

TEST_F(client, certificates_need_no_keyring_entry)
{
	/* Certificates both ways: no keyring, no key per peer. */
	EXPECT_LOADED(
		"profile = ( { name = \"site\"; authentication-local = \"rsa-sig\";\n"
		"  authentication-remote = \"rsa-sig\"; pki-trustpoint = \"/dev/null\";\n"
		"  certificate = \"/dev/null\"; private-key = \"/dev/null\"; } );\n"
		"client = ( { name = \"hub\"; profile = \"site\"; peer = \"203.0.113.1\";\n"
		"  local-selectors = \"10.1.0.0/24\"; remote-selectors = \"10.2.0.0/24\"; } );\n",
		"");
}

TEST_F(client, remote_pre_share_needs_a_key_too)
{
	/* We sign, the hub proves itself with a key we must hold. */
	EXPECT_REFUSED(
		"keyring = ( { name = \"kr\"; peer = ( { name = \"hub\"; "
		"identity = \"fqdn hub.example.com\"; pre-shared-key = \"s\"; } ); } );\n"
		"profile = ( { name = \"site\"; authentication-local = \"rsa-sig\";\n"
		"  authentication-remote = \"pre-share\"; keyring = \"kr\"; pki-trustpoint = \"/dev/null\";\n"
		"  certificate = \"/dev/null\"; private-key = \"/dev/null\"; } );\n"
		"client = ( { name = \"hub\"; profile = \"site\";\n"
		"  peer = \"203.0.113.1\";\n"
		"  local-selectors = \"10.1.0.0/24\"; remote-selectors = \"10.2.0.0/24\"; } );\n",
		"vgated.conf:6: client \"hub\".peer: no pre-shared key for peer 203.0.113.1 "
		"in keyring \"kr\"\n");
}

TEST_F(client, bad_identity_remote_and_connect)
{
	EXPECT_REFUSED(KR_PROFILE
		"client = ( { name = \"hub\"; profile = \"site\"; peer = \"198.51.100.1\";\n"
		"  local-selectors = \"10.1.0.0/24\"; remote-selectors = \"10.2.0.0/24\";\n"
		"  identity-remote = \"dn\";\n"
		"  connect = \"track 1 up\"; } );\n",
		"vgated.conf:6: client \"hub\".connect: \"track 1 up\" is not one of: auto, manual\n"
		"vgated.conf:5: client \"hub\".identity-remote: \"dn\": "
		"dn identity needs a name, e.g. \"dn CN=vpn,O=Example\"\n");
}

TEST_F(client, identity_remote_outside_the_profile_matches_warns)
{
	EXPECT_LOADED(
		"keyring = ( { name = \"kr\"; peer = ( { name = \"all\"; "
		"address = \"any\"; pre-shared-key = \"s\"; } ); } );\n"
		"profile = ( { name = \"site\"; authentication-local = \"pre-share\"; "
		"authentication-remote = \"pre-share\"; keyring = \"kr\";\n"
		"  match-identity-remote = \"fqdn domain example.com\"; } );\n"
		"client = ( { name = \"hub\"; profile = \"site\"; peer = \"198.51.100.1\";\n"
		"  local-selectors = \"10.1.0.0/24\"; remote-selectors = \"10.2.0.0/24\";\n"
		"  identity-remote = \"fqdn hub.example.net\"; } );\n",
		"vgated.conf:6: warning: client \"hub\".identity-remote: fqdn hub.example.net matches "
		"no match-identity-remote of profile \"site\", so a peer that answers "
		"with it is refused\n");
}

TEST_F(client, duplicate_names)
{
	EXPECT_REFUSED(KR_PROFILE
		"client = ( { name = \"hub\"; profile = \"site\"; peer = \"198.51.100.1\";\n"
		"  local-selectors = \"10.1.0.0/24\"; remote-selectors = \"10.2.0.0/24\"; },\n"
		"  { name = \"hub\"; profile = \"site\"; peer = \"198.51.100.2\";\n"
		"  local-selectors = \"10.1.0.0/24\"; remote-selectors = \"10.3.0.0/24\"; } );\n",
		"vgated.conf:5: duplicate client name \"hub\" (first defined at vgated.conf:3)\n");
}

/* ---- conf_keyring_lookup_peer (spec §5, initiator) ------------------ */

#define LOOKUP_KEYRING \
	"keyring = ( { name = \"kr\"; peer = (\n" \
	"  { name = \"wild\"; address = \"0.0.0.0/0\"; pre-shared-key = \"w\"; },\n" \
	"  { name = \"net\"; address = \"198.51.100.0/24\"; pre-shared-key = \"n\"; },\n" \
	"  { name = \"host\"; address = \"198.51.100.1\"; pre-shared-key = \"h\"; },\n" \
	"  { name = \"named\"; hostname = \"Hub.Example.com\"; pre-shared-key = \"d\"; },\n" \
	"  { name = \"v6\"; address = \"2001:db8::/32\"; pre-shared-key = \"6\"; },\n" \
	"  { name = \"by-id\"; identity = \"fqdn other.example.com\"; pre-shared-key = \"i\"; }\n" \
	"); } );\n"

static const char *peer_key(FIXTURE_DATA(client) *self, const char *hostname,
			    const char *peer)
{
	const struct conf_keyring_peer *p;

	p = conf_keyring_lookup_peer(conf_keyring_find(self->c, "kr"), hostname,
				     peer ? addr(&self->ss, peer) : NULL);
	return p ? p->name : "-";
}

TEST_F(client, lookup_peer_host_beats_prefix_beats_wildcard)
{
	EXPECT_LOADED(LOOKUP_KEYRING, "");
	EXPECT_STREQ("host", peer_key(self, NULL, "198.51.100.1"));
	EXPECT_STREQ("net", peer_key(self, NULL, "198.51.100.2"));
	EXPECT_STREQ("wild", peer_key(self, NULL, "203.0.113.1"));
	EXPECT_STREQ("v6", peer_key(self, NULL, "2001:db8::1"));
	/* 0.0.0.0/0 is IPv4 only. */
	EXPECT_STREQ("-", peer_key(self, NULL, "2001:db9::1"));
	EXPECT_STREQ("-", peer_key(self, NULL, NULL));
}

TEST_F(client, lookup_peer_hostname_before_address)
{
	EXPECT_LOADED(LOOKUP_KEYRING, "");
	/* A hostname hit beats even a host address entry; any case. */
	EXPECT_STREQ("named", peer_key(self, "hub.example.com", "198.51.100.1"));
	EXPECT_STREQ("named", peer_key(self, "HUB.EXAMPLE.COM", NULL));
	/* An unknown hostname falls back to the address. */
	EXPECT_STREQ("host", peer_key(self, "other.example.com", "198.51.100.1"));
	EXPECT_STREQ("-", peer_key(self, "other.example.com", NULL));
	EXPECT_STREQ("net", peer_key(self, "", "198.51.100.7"));
	/* Identity entries are for responders only (spec §5). */
	EXPECT_STREQ("-", peer_key(self, "other.example.com", "2001:db9::1"));
	EXPECT_EQ(NULL, conf_keyring_lookup_peer(NULL, "hub.example.com",
						 addr(&self->ss, "198.51.100.1")));
}

TEST_F(client, lookup_peer_any_is_below_the_family_wildcards)
{
	EXPECT_LOADED(
		"keyring = ( { name = \"kr\"; peer = (\n"
		"  { name = \"any\"; address = \"any\"; pre-shared-key = \"a\"; },\n"
		"  { name = \"wild6\"; address = \"::/0\"; pre-shared-key = \"6\"; }\n"
		"); } );\n", "");
	EXPECT_STREQ("wild6", peer_key(self, NULL, "2001:db8::1"));
	EXPECT_STREQ("any", peer_key(self, NULL, "192.0.2.1"));
}

/* ---- conf_profile_matches_identity ---------------------------------- */

TEST_F(client, profile_matches_identity)
{
	const struct conf_profile *p;
	struct conf_identity i;

	EXPECT_LOADED(
		"keyring = ( { name = \"kr\"; peer = ( { name = \"all\"; "
		"address = \"any\"; pre-shared-key = \"s\"; } ); } );\n"
		"profile = ( { name = \"site\"; authentication-local = \"pre-share\"; "
		"authentication-remote = \"pre-share\"; keyring = \"kr\";\n"
		"  match-identity-remote = [ \"fqdn domain example.com\", "
		"\"address 198.51.100.0/24\", \"email hub@example.net\" ]; },\n"
		"  { name = \"bare\"; authentication-local = \"pre-share\"; "
		"authentication-remote = \"pre-share\"; keyring = \"kr\"; } );\n"
		"client = ( { name = \"hub\"; profile = \"bare\"; peer = \"198.51.100.1\";\n"
		"  local-selectors = \"10.1.0.0/24\"; remote-selectors = \"10.2.0.0/24\"; } );\n",
		"");
	p = conf_profile_find(self->c, "site");
	ASSERT_NE(NULL, p);
	i = id("fqdn hub.example.com");
	EXPECT_TRUE(conf_profile_matches_identity(p, &i));
	i = id("fqdn HUB.EXAMPLE.COM");
	EXPECT_TRUE(conf_profile_matches_identity(p, &i));
	i = id("fqdn hub.example.net");
	EXPECT_FALSE(conf_profile_matches_identity(p, &i));
	i = id("address 198.51.100.77");
	EXPECT_TRUE(conf_profile_matches_identity(p, &i));
	i = id("address 198.51.101.1");
	EXPECT_FALSE(conf_profile_matches_identity(p, &i));
	i = id("email hub@example.net");
	EXPECT_TRUE(conf_profile_matches_identity(p, &i));
	i = id("key-id hub.example.com");
	EXPECT_FALSE(conf_profile_matches_identity(p, &i));
	EXPECT_FALSE(conf_profile_matches_identity(p, NULL));
	/* No match statements: nothing holds (the engine then skips the check). */
	p = conf_profile_find(self->c, "bare");
	ASSERT_NE(NULL, p);
	i = id("fqdn hub.example.com");
	EXPECT_FALSE(conf_profile_matches_identity(p, &i));
}

TEST_HARNESS_MAIN
