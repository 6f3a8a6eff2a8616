// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The keys of the FlexVPN sections: names mirror the IOS commands
 * (`crypto ikev2 window 5` is `ikev2 = { window = 5; }`), ranges are the
 * IOS ones where IOS has one.  Values that need parsing (addresses,
 * identities, transform names) are checked by ikev2_build.c, which also
 * sees the other objects.
 */
#include <stddef.h>

#include "config/ikev2_conf.h"
#include "config/ikev2_doc.h"

/* Object names appear in messages and references: printable, not empty. */
static const char *check_name(const char *name)
{
	if (!*name)
		return "must not be empty";
	for (const char *p = name; *p; p++)
		if ((unsigned char)*p < 0x21 || *p == 0x7f || *p == '"')
			return "must be printable, without spaces or quotes";
	return NULL;
}

#define NAME(type) \
	{ .name = "name", .kind = CFG_VALUE_STRING, .check = check_name, \
	  .offset = offsetof(type, name) }
#define STR(key, type, field) \
	{ .name = key, .kind = CFG_VALUE_STRING, .offset = offsetof(type, field) }
#define SECRET(key, type, field) \
	{ .name = key, .kind = CFG_VALUE_STRING, .secret = true, \
	  .offset = offsetof(type, field) }
#define STRS(key, type, field, n) \
	{ .name = key, .kind = CFG_VALUE_STRINGS, .max_items = n, \
	  .offset = offsetof(type, field) }
#define INT(key, type, field, def, lo, hi) \
	{ .name = key, .kind = CFG_VALUE_INT, .default_value = def, \
	  .min = lo, .max = hi, .offset = offsetof(type, field) }
#define BOOL(key, type, field) \
	{ .name = key, .kind = CFG_VALUE_BOOL, .default_value = "false", \
	  .offset = offsetof(type, field) }

#define G struct ikev2_doc_global
const struct cfg_key ikev2_global_keys[] = {
	BOOL("compat", G, compat),
	INT("window", G, window, "5", 1, 20),
	INT("cookie-challenge", G, cookie_challenge, "0", 0, 100000),
	INT("limit-max-sa", G, max_sa, "0", 0, 10000000),
	INT("limit-max-in-negotiation", G, max_in_negotiation, "0", 0, 10000000),
	INT("nat-keepalive", G, nat_keepalive, "0", 0, 3600),
	STR("dpd", G, dpd),
	INT("port", G, port, "500", 1, 65535),
	INT("natt-port", G, natt_port, "4500", 1, 65535),
	{ 0 }
};
#undef G

#define P struct ikev2_doc_proposal
const struct cfg_key ikev2_proposal_keys[] = {
	NAME(P),
	STRS("encryption", P, encryption, CONF_MAX_XF),
	STRS("integrity", P, integrity, CONF_MAX_XF),
	STRS("prf", P, prf, CONF_MAX_XF),
	{ .name = "group", .kind = CFG_VALUE_INTS, .max_items = CONF_MAX_XF,
	  .min = 1, .max = 65535, .offset = offsetof(P, group) },
	{ 0 }
};
#undef P

#define P struct ikev2_doc_policy
const struct cfg_key ikev2_policy_keys[] = {
	NAME(P),
	STRS("match-address-local", P, match_address_local, CONF_MAX_MATCHES),
	STRS("proposal", P, proposal, CONF_MAX_REFS),
	{ 0 }
};
#undef P

#define P struct ikev2_doc_peer
static const struct cfg_key peer_keys[] = {
	NAME(P),
	STR("description", P, description),
	STR("hostname", P, hostname),
	STR("address", P, address),
	STR("identity", P, identity),
	SECRET("pre-shared-key", P, psk),
	SECRET("pre-shared-key-local", P, psk_local),
	SECRET("pre-shared-key-remote", P, psk_remote),
	SECRET("pre-shared-key-hex", P, psk_hex),
	SECRET("pre-shared-key-local-hex", P, psk_local_hex),
	SECRET("pre-shared-key-remote-hex", P, psk_remote_hex),
	{ 0 }
};
#undef P

const struct cfg_key ikev2_keyring_keys[] = {
	NAME(struct ikev2_doc_keyring),
	{ .name = "peer", .kind = CFG_VALUE_OBJECTS,
	  .offset = offsetof(struct ikev2_doc_keyring, peers),
	  .keys = peer_keys, .object_size = sizeof(struct ikev2_doc_peer),
	  .max_items = IKEV2_DOC_MAX_PEERS },
	{ 0 }
};

#define T struct ikev2_doc_transform_set
const struct cfg_key ikev2_transform_set_keys[] = {
	NAME(T),
	STR("encryption", T, encryption),
	STR("integrity", T, integrity),
	BOOL("esn", T, esn),
	{ 0 }
};
#undef T

#define I struct ikev2_doc_ipsec_profile
const struct cfg_key ikev2_ipsec_profile_keys[] = {
	NAME(I),
	STRS("transform-set", I, transform_set, CONF_MAX_REFS),
	INT("pfs", I, pfs, "0", 0, 65535),
	INT("lifetime-seconds", I, lifetime_seconds, "3600", 120, 86400),
	INT("lifetime-kilobytes", I, lifetime_kilobytes, "4608000", 2560,
	    4294967295LL),
	INT("replay-window", I, replay_window, "64", 0, 4096),
	{ 0 }
};
#undef I

/* `authentication remote eap [query-identity] [timeout S]` */
#define E struct ikev2_doc_eap
static const struct cfg_key eap_keys[] = {
	STRS("methods", E, methods, 4),
	BOOL("query-identity", E, query_identity),
	INT("timeout", E, timeout, "90", 45, 180),
	{ 0 }
};
#undef E

#define P struct ikev2_doc_profile
const struct cfg_key ikev2_profile_keys[] = {
	NAME(P),
	STR("description", P, description),
	STRS("match-identity-remote", P, match_identity_remote, CONF_MAX_MATCHES),
	STRS("match-address-local", P, match_address_local, CONF_MAX_MATCHES),
	STR("identity-local", P, identity_local),
	STR("authentication-local", P, authentication_local),
	STRS("authentication-remote", P, authentication_remote, 4),
	STR("keyring", P, keyring),
	STR("pki-trustpoint", P, pki_trustpoint),
	STR("crl", P, crl),
	STR("certificate", P, certificate),
	STR("private-key", P, private_key),
	INT("lifetime", P, lifetime, "86400", 120, 86400),
	STR("dpd", P, dpd),
	INT("nat-keepalive", P, nat_keepalive, "0", 0, 3600),
	STR("virtual-template", P, virtual_template),
	STR("ipsec-profile", P, ipsec_profile),
	BOOL("initial-contact-force", P, initial_contact_force),
	BOOL("shutdown", P, shutdown),
	{ .name = "eap", .kind = CFG_VALUE_GROUP, .keys = eap_keys,
	  .offset = offsetof(P, eap) },
	STR("authorization-group", P, authorization_group),
	BOOL("authorization-group-override", P, authorization_group_override),
	STR("hook", P, hook),
	{ 0 }
};
#undef P

const char *const ikev2_client_connect_names[] = { "auto", "manual", NULL };

#define C struct ikev2_doc_client
const struct cfg_key ikev2_client_keys[] = {
	NAME(C),
	STRS("peer", C, peer, CONF_MAX_REFS),
	STR("profile", C, profile),
	STRS("local-selectors", C, local_selectors, CONF_MAX_MATCHES),
	STRS("remote-selectors", C, remote_selectors, CONF_MAX_MATCHES),
	STR("identity-remote", C, identity_remote),
	{ .name = "connect", .kind = CFG_VALUE_CHOICE, .default_value = "auto",
	  .choices = ikev2_client_connect_names,
	  .offset = offsetof(C, connect) },
	{ 0 }
};
#undef C

#define P struct ikev2_doc_pool
const struct cfg_key ikev2_pool_keys[] = {
	NAME(P),
	STR("range", P, range),
	STR("prefix", P, prefix),
	{ 0 }
};
#undef P

/* The attributes (struct ikev2_doc_attrs attrs) of a policy or a user. */
#define ATTR_KEYS(T)							\
	STR("pool", T, attrs.pool),					\
	STR("ipv6-pool", T, attrs.ipv6_pool),				\
	STRS("dns", T, attrs.dns, AAA_MAX_SERVERS),			\
	STRS("ipv6-dns", T, attrs.ipv6_dns, AAA_MAX_SERVERS),		\
	STRS("wins", T, attrs.wins, AAA_MAX_SERVERS),			\
	STR("def-domain", T, attrs.def_domain),				\
	STRS("split-dns", T, attrs.split_dns, AAA_MAX_SPLIT_DNS),	\
	STR("banner", T, attrs.banner),					\
	STR("netmask", T, attrs.netmask),				\
	STRS("route-set-remote", T, attrs.routes, AAA_MAX_ROUTES),	\
	INT("session-lifetime", T, attrs.session_lifetime, NULL, 120, 25920000), \
	INT("flow-limit", T, attrs.flow_limit, "-1", 0, 50000), /* -1: unset */ \
	STR("vrf", T, attrs.vrf),					\
	BOOL("include-local-lan", T, attrs.include_local_lan),		\
	BOOL("pfs", T, attrs.pfs),					\
	STRS("backup-gateway", T, attrs.backup_gw, AAA_MAX_BACKUP_GW)

const struct cfg_key ikev2_authz_keys[] = {
	NAME(struct ikev2_doc_authz),
	ATTR_KEYS(struct ikev2_doc_authz),
	{ 0 }
};

#define U struct ikev2_doc_user
const struct cfg_key ikev2_user_keys[] = {
	NAME(U),
	SECRET("password", U, password),
	SECRET("nt-hash", U, nt_hash),
	SECRET("password-hash", U, password_hash),
	STR("group", U, group),
	STR("address", U, address),
	STR("ipv6-address", U, ipv6_address),
	ATTR_KEYS(U),
	{ 0 }
};
#undef U
