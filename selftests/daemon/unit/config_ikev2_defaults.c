// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The built-in objects (spec §4) and every default value: what an empty
 * config gives, what ikev2 compat = true adds, and that a user object
 * with a built-in's name replaces it.
 */
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include "conf_load.h"
#include "leak_check.h"
#include "config/conf_names.h"

FIXTURE(defaults)
{
	struct conf_run r;
	const struct ikev2_conf *c;
};

FIXTURE_SETUP(defaults)
{
	conf_run_init(&self->r);
	self->c = &self->r.conf.ikev2;
}

FIXTURE_TEARDOWN(defaults)
{
	conf_run_free(&self->r);
	EXPECT_EQ(0, leaks_found());
}

/* "aes-gcm-256 aes-gcm-128 | | sha512 sha384 | 31 19": a proposal as text. */
static char *proposal_text(const struct conf_proposal *p)
{
	static char buf[512];
	size_t n = 0;

	buf[0] = '\0';
	for (unsigned int i = 0; i < p->n_encr; i++)
		n += snprintf(buf + n, sizeof(buf) - n, "%s ", conf_encr_name(p->encr[i]));
	n += snprintf(buf + n, sizeof(buf) - n, "|");
	for (unsigned int i = 0; i < p->n_integ; i++)
		n += snprintf(buf + n, sizeof(buf) - n, " %s", conf_integ_name(p->integ[i]));
	n += snprintf(buf + n, sizeof(buf) - n, " |");
	for (unsigned int i = 0; i < p->n_prf; i++)
		n += snprintf(buf + n, sizeof(buf) - n, " %s", conf_prf_name(p->prf[i]));
	n += snprintf(buf + n, sizeof(buf) - n, " |");
	for (unsigned int i = 0; i < p->n_dh; i++)
		n += snprintf(buf + n, sizeof(buf) - n, " %d", p->dh[i]->id);
	return buf;
}

static const char *policy_proposals(const struct conf_policy *p)
{
	static char buf[256];
	size_t n = 0;

	buf[0] = '\0';
	for (unsigned int i = 0; i < p->n_proposals; i++)
		n += snprintf(buf + n, sizeof(buf) - n, "%s%s", i ? " " : "",
			      p->proposals[i]->name);
	return buf;
}

static const char *profile_sets(const struct conf_ipsec_profile *p)
{
	static char buf[256];
	size_t n = 0;

	buf[0] = '\0';
	for (unsigned int i = 0; i < p->n_transform_sets; i++)
		n += snprintf(buf + n, sizeof(buf) - n, "%s%s", i ? " " : "",
			      p->transform_sets[i]->name);
	return buf;
}

TEST_F(defaults, empty_config_has_the_modern_defaults)
{
	const struct conf_transform_set *ts;
	const struct conf_ipsec_profile *ipp;

	ASSERT_EQ(0, conf_run_load(&self->r, "# nothing\n"));
	EXPECT_STREQ("", self->r.errors);

	ASSERT_EQ(2, self->c->n_proposals);
	EXPECT_STREQ("default", self->c->proposals[0].name);
	EXPECT_STREQ("aes-gcm-256 aes-gcm-128 chacha20-poly1305 | | sha512 sha384 "
		     "sha256 | 31 19 20 21 14", proposal_text(&self->c->proposals[0]));
	EXPECT_STREQ("default-cbc", self->c->proposals[1].name);
	EXPECT_STREQ("aes-cbc-256 aes-cbc-192 aes-cbc-128 | sha512 sha384 sha256 | "
		     "sha512 sha384 sha256 | 31 19 20 21 14",
		     proposal_text(&self->c->proposals[1]));
	EXPECT_EQ(NULL, conf_proposal_find(self->c, "default-compat"));

	ASSERT_EQ(1, self->c->n_policies);
	EXPECT_STREQ("default", self->c->policies[0].name);
	EXPECT_EQ(0, self->c->policies[0].n_match_local);
	EXPECT_STREQ("default default-cbc", policy_proposals(&self->c->policies[0]));

	ASSERT_EQ(3, self->c->n_transform_sets);
	ts = conf_transform_set_find(self->c, "default-gcm256");
	ASSERT_NE(NULL, ts);
	EXPECT_STREQ("aes-gcm-256", conf_encr_name(ts->encr));
	EXPECT_EQ(NULL, ts->integ);
	EXPECT_FALSE(ts->esn);
	ts = conf_transform_set_find(self->c, "default-gcm128");
	ASSERT_NE(NULL, ts);
	EXPECT_STREQ("aes-gcm-128", conf_encr_name(ts->encr));
	ts = conf_transform_set_find(self->c, "default-cbc256");
	ASSERT_NE(NULL, ts);
	EXPECT_STREQ("aes-cbc-256", conf_encr_name(ts->encr));
	EXPECT_STREQ("sha256", conf_integ_name(ts->integ));
	EXPECT_EQ(NULL, conf_transform_set_find(self->c, "default-compat"));

	ASSERT_EQ(1, self->c->n_ipsec_profiles);
	ipp = &self->c->ipsec_profiles[0];
	EXPECT_STREQ("default", ipp->name);
	EXPECT_STREQ("default-gcm256 default-gcm128 default-cbc256", profile_sets(ipp));
	EXPECT_EQ(NULL, ipp->pfs);
	EXPECT_EQ(3600, ipp->lifetime_seconds);
	EXPECT_EQ(4608000, ipp->lifetime_kilobytes);
	EXPECT_EQ(64, ipp->replay_window);

	EXPECT_EQ(0, self->c->n_keyrings);
	EXPECT_EQ(0, self->c->n_profiles);
}

TEST_F(defaults, global_options)
{
	const struct conf_ikev2_global *g = &self->c->global;

	ASSERT_EQ(0, conf_run_load(&self->r, ""));
	EXPECT_FALSE(g->compat);
	EXPECT_EQ(5, g->window);
	EXPECT_EQ(0, g->cookie_challenge);
	EXPECT_EQ(0, g->max_sa);
	EXPECT_EQ(0, g->max_in_negotiation);
	EXPECT_EQ(0, g->nat_keepalive);
	EXPECT_EQ(CONF_DPD_OFF, g->dpd_mode);
	EXPECT_EQ(500, g->port);
	EXPECT_EQ(4500, g->natt_port);

	ASSERT_EQ(0, conf_run_load(&self->r,
		"ikev2 = { window = 20; cookie-challenge = 100; limit-max-sa = 5000;\n"
		"  limit-max-in-negotiation = 200; nat-keepalive = 20;\n"
		"  dpd = \"30 5 on-demand\"; port = 1500; natt-port = 14500; };\n"));
	EXPECT_EQ(20, g->window);
	EXPECT_EQ(100, g->cookie_challenge);
	EXPECT_EQ(5000, g->max_sa);
	EXPECT_EQ(200, g->max_in_negotiation);
	EXPECT_EQ(20, g->nat_keepalive);
	EXPECT_EQ(CONF_DPD_ON_DEMAND, g->dpd_mode);
	EXPECT_EQ(30, g->dpd_interval);
	EXPECT_EQ(5, g->dpd_retry);
	EXPECT_EQ(1500, g->port);
	EXPECT_EQ(14500, g->natt_port);
}

TEST_F(defaults, compat_adds_the_ios_16_10_set)
{
	const struct conf_transform_set *ts;

	ASSERT_EQ(0, conf_run_load(&self->r, "ikev2 = { compat = true; };\n"));
	EXPECT_TRUE(self->c->global.compat);
	ASSERT_NE(NULL, conf_proposal_find(self->c, "default-compat"));
	EXPECT_STREQ("aes-cbc-256 aes-cbc-192 aes-cbc-128 | sha512 sha384 sha256 sha1 "
		     "md5 | sha512 sha384 sha256 sha1 md5 | 5 2",
		     proposal_text(conf_proposal_find(self->c, "default-compat")));
	EXPECT_STREQ("default default-cbc default-compat",
		     policy_proposals(conf_policy_find(self->c, "default")));
	ts = conf_transform_set_find(self->c, "default-compat");
	ASSERT_NE(NULL, ts);
	EXPECT_STREQ("aes-cbc-128", conf_encr_name(ts->encr));
	EXPECT_STREQ("sha1", conf_integ_name(ts->integ));
	EXPECT_STREQ("default-gcm256 default-gcm128 default-cbc256 default-compat",
		     profile_sets(conf_ipsec_profile_find(self->c, "default")));
}

TEST_F(defaults, user_objects_replace_built_ins_of_the_same_name)
{
	const struct conf_policy *def;

	ASSERT_EQ(0, conf_run_load(&self->r,
		"proposal = ( { name = \"default\"; encryption = \"aes-gcm-128\";\n"
		"  prf = \"sha256\"; group = 19; } );\n"
		"transform-set = ( { name = \"default-gcm256\"; encryption = \"chacha20-poly1305\"; } );\n"
		"ipsec-profile = ( { name = \"default\"; transform-set = \"default-cbc256\";\n"
		"  pfs = 19; lifetime-seconds = 1800; } );\n"));
	EXPECT_STREQ("", self->r.errors);
	ASSERT_EQ(2, self->c->n_proposals);
	EXPECT_STREQ("aes-gcm-128 | | sha256 | 19",
		     proposal_text(conf_proposal_find(self->c, "default")));
	def = conf_policy_find(self->c, "default");
	ASSERT_NE(NULL, def);
	/* the built-in default policy now offers the user's "default" */
	EXPECT_EQ(conf_proposal_find(self->c, "default"), def->proposals[0]);
	EXPECT_STREQ("chacha20-poly1305",
		     conf_encr_name(conf_transform_set_find(self->c, "default-gcm256")->encr));
	ASSERT_EQ(1, self->c->n_ipsec_profiles);
	EXPECT_STREQ("default-cbc256", profile_sets(&self->c->ipsec_profiles[0]));
	EXPECT_EQ(19, self->c->ipsec_profiles[0].pfs->id);
	EXPECT_EQ(1800, self->c->ipsec_profiles[0].lifetime_seconds);
	EXPECT_EQ(4608000, self->c->ipsec_profiles[0].lifetime_kilobytes);
}

TEST_F(defaults, user_default_policy_is_still_the_fallback_and_last)
{
	ASSERT_EQ(0, conf_run_load(&self->r,
		"policy = ( { name = \"default\"; proposal = \"default-cbc\"; },\n"
		"           { name = \"lan\"; match-address-local = \"10.0.0.0/8\";\n"
		"             proposal = \"default\"; } );\n"));
	ASSERT_EQ(2, self->c->n_policies);
	EXPECT_STREQ("lan", self->c->policies[0].name);
	EXPECT_STREQ("default", self->c->policies[1].name);
	EXPECT_STREQ("default-cbc", policy_proposals(&self->c->policies[1]));
}

TEST_F(defaults, prf_defaults_to_the_integrity_hashes)
{
	ASSERT_EQ(0, conf_run_load(&self->r,
		"proposal = ( { name = \"p\"; encryption = [ \"aes-cbc-128\" ];\n"
		"  integrity = [ \"sha384\", \"sha1\" ]; group = 14; },\n"
		"  { name = \"q\"; encryption = \"aes-cbc-256\"; integrity = \"sha256\";\n"
		"  prf = \"sha512\"; group = [ 31, 32 ]; } );\n"));
	EXPECT_STREQ("aes-cbc-128 | sha384 sha1 | sha384 sha1 | 14",
		     proposal_text(conf_proposal_find(self->c, "p")));
	EXPECT_STREQ("aes-cbc-256 | sha256 | sha512 | 31 32",
		     proposal_text(conf_proposal_find(self->c, "q")));
	/* user proposals come first, in config order */
	EXPECT_STREQ("p", self->c->proposals[0].name);
	EXPECT_STREQ("q", self->c->proposals[1].name);
	EXPECT_STREQ("default", self->c->proposals[2].name);
}

TEST_F(defaults, gcm_icv_variants_and_chacha)
{
	ASSERT_EQ(0, conf_run_load(&self->r,
		"proposal = ( { name = \"p\"; encryption = [ \"aes-gcm-8-128\",\n"
		"  \"aes-gcm-12-256\", \"chacha20-poly1305\" ]; prf = \"sha256\"; group = 19; } );\n"));
	EXPECT_EQ(IKEV2_ENCR_AES_GCM_8, self->c->proposals[0].encr[0]->id);
	EXPECT_EQ(128, self->c->proposals[0].encr[0]->key_bits);
	EXPECT_EQ(IKEV2_ENCR_AES_GCM_12, self->c->proposals[0].encr[1]->id);
	EXPECT_EQ(256, self->c->proposals[0].encr[1]->key_bits);
	EXPECT_EQ(IKEV2_ENCR_CHACHA20_POLY1305, self->c->proposals[0].encr[2]->id);
}

TEST_F(defaults, profile_defaults)
{
	const struct conf_profile *p;

	ASSERT_EQ(0, conf_run_load(&self->r,
		"keyring = ( { name = \"kr\"; peer = ( { name = \"all\"; address = \"any\";\n"
		"  pre-shared-key = \"s\"; } ); } );\n"
		"profile = ( { name = \"ra\"; match-identity-remote = \"fqdn domain example.com\";\n"
		"  authentication-local = \"pre-share\"; authentication-remote = \"pre-share\";\n"
		"  keyring = \"kr\"; } );\n"));
	p = conf_profile_find(self->c, "ra");
	ASSERT_NE(NULL, p);
	EXPECT_EQ(86400, p->lifetime_seconds);
	EXPECT_EQ(CONF_DPD_OFF, p->dpd_mode);
	EXPECT_EQ(0, p->nat_keepalive);
	EXPECT_EQ(conf_ipsec_profile_find(self->c, "default"), p->ipsec_profile);
	EXPECT_EQ(0, p->identity_local.type);
	EXPECT_EQ(CONF_AUTH_PSK, p->auth_local);
	EXPECT_EQ(CONF_AUTH_PSK, p->auth_remote);
	EXPECT_EQ(conf_keyring_find(self->c, "kr"), p->keyring);
	EXPECT_EQ(NULL, p->virtual_template);
	EXPECT_EQ(NULL, p->description);
	EXPECT_EQ(NULL, p->trust_anchor);
	EXPECT_EQ(0, p->n_match_local);
	EXPECT_FALSE(p->initial_contact_force);
	EXPECT_FALSE(p->shutdown);
}

TEST_F(defaults, profile_values)
{
	const struct conf_profile *p;

	free(write_file(self->r.dir, "ca.pem", "x"));
	free(write_file(self->r.dir, "crl.pem", "x"));
	free(write_file(self->r.dir, "cert.pem", "x"));
	free(write_file(self->r.dir, "key.pem", "x"));
	ASSERT_EQ(0, conf_run_load(&self->r,
		"keyring = ( { name = \"kr\"; peer = ( { name = \"all\"; address = \"any\";\n"
		"  pre-shared-key = \"s\"; } ); } );\n"
		"transform-set = ( { name = \"ts\"; encryption = \"aes-cbc-128\";\n"
		"  integrity = \"sha512\"; esn = true; } );\n"
		"ipsec-profile = ( { name = \"ipp\"; transform-set = [ \"ts\", \"default-gcm128\" ];\n"
		"  pfs = 20; lifetime-seconds = 7200; lifetime-kilobytes = 100000;\n"
		"  replay-window = 0; } );\n"
		"profile = ( { name = \"ra\"; description = \"remote access\";\n"
		"  match-identity-remote = [ \"fqdn domain example.com\", \"address 10.0.0.0/8\" ];\n"
		"  match-address-local = [ \"192.0.2.1\", \"2001:db8::/64\" ];\n"
		"  identity-local = \"fqdn vpn.example.com\";\n"
		"  authentication-local = \"ecdsa-sig\";\n"
		"  authentication-remote = [ \"pre-share\", \"rsa-sig\", \"ecdsa-sig\", \"eap\" ];\n"
		"  keyring = \"kr\"; pki-trustpoint = \"ca.pem\"; crl = \"crl.pem\";\n"
		"  certificate = \"cert.pem\"; private-key = \"key.pem\";\n"
		"  lifetime = 3600; dpd = \"10 2 periodic\"; nat-keepalive = 20;\n"
		"  virtual-template = \"vt1\"; ipsec-profile = \"ipp\";\n"
		"  initial-contact-force = true; } );\n"));
	EXPECT_STREQ("", self->r.errors);
	p = conf_profile_find(self->c, "ra");
	ASSERT_NE(NULL, p);
	EXPECT_STREQ("remote access", p->description);
	EXPECT_EQ(2, p->n_match_identity);
	EXPECT_EQ(CONF_ID_MATCH_FQDN_DOMAIN, p->match_identity[0].kind);
	EXPECT_STREQ("example.com", p->match_identity[0].text);
	EXPECT_EQ(CONF_ID_MATCH_ADDRESS, p->match_identity[1].kind);
	EXPECT_EQ(2, p->n_match_local);
	EXPECT_EQ(IKEV2_ID_FQDN, p->identity_local.type);
	EXPECT_EQ(CONF_AUTH_ECDSA_SIG, p->auth_local);
	EXPECT_EQ(CONF_AUTH_PSK | CONF_AUTH_RSA_SIG | CONF_AUTH_ECDSA_SIG | CONF_AUTH_EAP,
		  p->auth_remote);
	/* relative file names are taken from the config's directory */
	EXPECT_EQ(0, strncmp(p->trust_anchor, self->r.dir, strlen(self->r.dir)));
	EXPECT_NE(NULL, strstr(p->trust_anchor, "/ca.pem"));
	EXPECT_NE(NULL, strstr(p->crl, "/crl.pem"));
	EXPECT_NE(NULL, strstr(p->certificate, "/cert.pem"));
	EXPECT_NE(NULL, strstr(p->private_key, "/key.pem"));
	EXPECT_EQ(3600, p->lifetime_seconds);
	EXPECT_EQ(CONF_DPD_PERIODIC, p->dpd_mode);
	EXPECT_EQ(10, p->dpd_interval);
	EXPECT_EQ(2, p->dpd_retry);
	EXPECT_EQ(20, p->nat_keepalive);
	EXPECT_STREQ("vt1", p->virtual_template);
	EXPECT_TRUE(p->initial_contact_force);
	ASSERT_EQ(conf_ipsec_profile_find(self->c, "ipp"), p->ipsec_profile);
	EXPECT_STREQ("ts default-gcm128", profile_sets(p->ipsec_profile));
	EXPECT_TRUE(p->ipsec_profile->transform_sets[0]->esn);
	EXPECT_EQ(20, p->ipsec_profile->pfs->id);
	EXPECT_EQ(7200, p->ipsec_profile->lifetime_seconds);
	EXPECT_EQ(100000, p->ipsec_profile->lifetime_kilobytes);
	EXPECT_EQ(0, p->ipsec_profile->replay_window);
}

TEST_F(defaults, keyring_keys)
{
	const struct conf_keyring *kr;

	ASSERT_EQ(0, conf_run_load(&self->r,
		"keyring = ( { name = \"kr\"; peer = (\n"
		"  { name = \"sym\"; address = \"192.0.2.0/24\"; pre-shared-key = \"secret\"; },\n"
		"  { name = \"asym\"; identity = \"email a@example.com\";\n"
		"    pre-shared-key-local = \"mine\"; pre-shared-key-remote-hex = \"01:02 ff\"; },\n"
		"  { name = \"hex\"; hostname = \"b2.example.com\"; pre-shared-key-hex = \"0A0b\"; }\n"
		"); } );\n"));
	kr = conf_keyring_find(self->c, "kr");
	ASSERT_NE(NULL, kr);
	ASSERT_EQ(3, kr->n_peers);
	EXPECT_EQ(kr->peers[0].key_local, kr->peers[0].key_remote);
	ASSERT_EQ(6, kr->peers[0].key_local_len);
	EXPECT_EQ(0, memcmp("secret", kr->peers[0].key_local, 6));
	EXPECT_TRUE(kr->peers[0].has_address);
	EXPECT_EQ(24, kr->peers[0].address.len);
	EXPECT_FALSE(kr->peers[0].has_identity);
	ASSERT_EQ(4, kr->peers[1].key_local_len);
	EXPECT_EQ(0, memcmp("mine", kr->peers[1].key_local, 4));
	ASSERT_EQ(3, kr->peers[1].key_remote_len);
	EXPECT_EQ(0, memcmp("\x01\x02\xff", kr->peers[1].key_remote, 3));
	EXPECT_TRUE(kr->peers[1].has_identity);
	EXPECT_EQ(IKEV2_ID_RFC822_ADDR, kr->peers[1].identity.type);
	EXPECT_STREQ("b2.example.com", kr->peers[2].hostname);
	ASSERT_EQ(2, kr->peers[2].key_local_len);
	EXPECT_EQ(0, memcmp("\x0a\x0b", kr->peers[2].key_local, 2));
}

TEST_HARNESS_MAIN
