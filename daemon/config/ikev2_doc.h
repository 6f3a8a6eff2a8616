/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The FlexVPN sections of vgated.conf as written: the schema loader fills
 * these text-level structs (ikev2_schema.c has the key tables), then
 * ikev2_build.c checks them and turns them into struct ikev2_conf.
 */
#ifndef VGATE_CONFIG_IKEV2_DOC_H
#define VGATE_CONFIG_IKEV2_DOC_H

#include <stdbool.h>
#include <stdint.h>

#include "config/schema.h"

/* Peers in one keyring: a bound, so a typo cannot eat the memory. */
#define IKEV2_DOC_MAX_PEERS	65536

struct ikev2_doc_global {
	bool compat;
	int64_t window, cookie_challenge, max_sa, max_in_negotiation;
	int64_t nat_keepalive, port, natt_port;
	char *dpd;
};

struct ikev2_doc_proposal {
	char *name;
	struct cfg_strings encryption, integrity, prf;
	struct cfg_ints group;
};

struct ikev2_doc_policy {
	char *name;
	struct cfg_strings match_address_local, proposal;
};

struct ikev2_doc_peer {
	char *name, *description, *hostname, *address, *identity;
	char *psk, *psk_local, *psk_remote;		/* text */
	char *psk_hex, *psk_local_hex, *psk_remote_hex;
};

struct ikev2_doc_keyring {
	char *name;
	struct cfg_object_list peers;	/* struct ikev2_doc_peer */
};

struct ikev2_doc_transform_set {
	char *name, *encryption, *integrity;
	bool esn;
};

struct ikev2_doc_ipsec_profile {
	char *name;
	struct cfg_strings transform_set;
	int64_t pfs, lifetime_seconds, lifetime_kilobytes, replay_window;
};

/* A profile's eap = { ... } (spec §10). */
struct ikev2_doc_eap {
	struct cfg_strings methods;
	bool query_identity;
	int64_t timeout;
};

struct ikev2_doc_profile {
	char *name, *description;
	struct cfg_strings match_identity_remote, match_address_local;
	char *identity_local;
	char *authentication_local;
	struct cfg_strings authentication_remote;
	char *keyring, *pki_trustpoint, *crl, *certificate, *private_key;
	int64_t lifetime, nat_keepalive;
	char *dpd, *virtual_template, *ipsec_profile;
	bool initial_contact_force, shutdown;
	struct ikev2_doc_eap eap;
	char *authorization_group;
	bool authorization_group_override;
	char *hook;
};

/* `crypto ikev2 client flexvpn NAME` (spec §21). */
struct ikev2_doc_client {
	char *name;
	struct cfg_strings peer;		/* "ADDR" or "ADDR port N" */
	char *profile;
	struct cfg_strings local_selectors, remote_selectors;
	char *identity_remote;
	int connect;				/* index in ikev2_client_connect_names */
};

/* `ip local pool` / `ipv6 local pool`: exactly one of the two. */
struct ikev2_doc_pool {
	char *name, *range, *prefix;
};

/*
 * The authorization attributes (spec §13), the same keys in an
 * authorization-policy and in a user; ikev2_build_attrs.c reads them.
 */
struct ikev2_doc_attrs {
	char *pool, *ipv6_pool, *vrf, *def_domain, *banner, *netmask;
	struct cfg_strings dns, ipv6_dns, wins, split_dns, routes, backup_gw;
	int64_t session_lifetime, flow_limit;
	bool include_local_lan, pfs;
};

struct ikev2_doc_authz {
	char *name;
	struct ikev2_doc_attrs attrs;
};

struct ikev2_doc_user {
	char *name;
	struct ikev2_doc_attrs attrs;
	char *password, *nt_hash, *password_hash, *group;
	char *address, *ipv6_address;
};

struct ikev2_doc {
	struct ikev2_doc_global global;
	struct cfg_object_list proposals, policies, keyrings, transform_sets,
			       ipsec_profiles, profiles, clients;
	struct cfg_object_list pools, authz, users;
};

/* Key tables of the sections, for the schema in vgated_conf.c. */
extern const struct cfg_key ikev2_global_keys[];
extern const struct cfg_key ikev2_proposal_keys[];
extern const struct cfg_key ikev2_policy_keys[];
extern const struct cfg_key ikev2_keyring_keys[];
extern const struct cfg_key ikev2_transform_set_keys[];
extern const struct cfg_key ikev2_ipsec_profile_keys[];
extern const struct cfg_key ikev2_profile_keys[];
extern const struct cfg_key ikev2_client_keys[];
extern const struct cfg_key ikev2_pool_keys[];
extern const struct cfg_key ikev2_authz_keys[];
extern const struct cfg_key ikev2_user_keys[];

/* The values of a client's connect key: "auto" is index 0. */
extern const char *const ikev2_client_connect_names[];

#endif
