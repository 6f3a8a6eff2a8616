/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The FlexVPN objects of vgated.conf, resolved: proposals, policies,
 * keyrings, transform sets, IPsec profiles, IKEv2 profiles and the global
 * IKEv2 options, and the FlexVPN clients (the initiator side), with every
 * reference between them already checked and turned into a pointer, and
 * with the built-in default objects filled in.
 *
 * The IKE engine reads configuration only through the lookups at the end
 * of this file; each one implements one matching rule of the FlexVPN spec
 * (../shared/spec/seed-spec-ch2-5.md §2-7) and says which.
 */
#ifndef VGATE_CONFIG_IKEV2_CONF_H
#define VGATE_CONFIG_IKEV2_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "ike/transform.h"

#define CONF_MAX_XF		16	/* transforms of one type in a proposal */
#define CONF_MAX_REFS		16	/* names in one reference list */
#define CONF_MAX_MATCHES	32	/* match statements of one kind */
#define CONF_ID_MAX		256	/* identity data octets */

/* An IPv4 or IPv6 prefix; len 0 with family AF_UNSPEC matches anything. */
struct conf_prefix {
	sa_family_t family;
	uint8_t len;
	uint8_t addr[16];	/* network order; host bits cleared */
};

#define AAA_MAX_SERVERS		2	/* DNS / WINS: primary, secondary */
#define AAA_MAX_SPLIT_DNS	10	/* spec §13: up to 10 */
#define AAA_MAX_BACKUP_GW	10	/* spec §13: up to 10 */
#define AAA_MAX_ROUTES		32	/* split-include prefixes, both families */

/*
 * Authorization attributes (spec §13; merged by aaa/aaa.h).  One level's attributes (a user, a group = an authorization policy, the
 * default policy) or their merge.  Every attribute is either unset (NULL,
 * 0 count, has_* false) or set as a whole: merging never mixes two
 * levels' DNS lists.
 */
struct aaa_attrs {
	/* local: applied on the headend */
	const char *pool, *ipv6_pool;		/* pool names */
	bool has_address, has_ipv6_address;	/* a fixed address (a user's
						 * Framed-IP-Address) */
	struct in_addr address;
	struct in6_addr ipv6_address;
	const char *vrf;			/* Linux VRF device name */
	uint32_t session_lifetime;		/* seconds, 120..25920000 */
	bool has_flow_limit;
	uint32_t flow_limit;			/* CHILD SAs; 0: none allowed */
	/* remote: pushed to the client in CP */
	bool has_netmask;
	struct in_addr netmask;
	unsigned int n_dns, n_dns6, n_wins;
	struct in_addr dns[AAA_MAX_SERVERS];
	struct in6_addr dns6[AAA_MAX_SERVERS];
	struct in_addr wins[AAA_MAX_SERVERS];
	const char *def_domain;
	const char *banner;
	unsigned int n_split_dns;
	const char *split_dns[AAA_MAX_SPLIT_DNS];
	unsigned int n_routes;			/* `route set remote`: split include */
	struct conf_prefix routes[AAA_MAX_ROUTES];
	bool has_include_local_lan, include_local_lan;
	bool has_pfs, pfs;
	unsigned int n_backup_gw;
	const char *backup_gw[AAA_MAX_BACKUP_GW];
};

/* An IKE identity as it goes on the wire (RFC 7296 §3.5). */
struct conf_identity {
	uint8_t type;		/* IKEV2_ID_*; 0: not set */
	uint16_t len;
	uint8_t data[CONF_ID_MAX];
};

/* One `match identity remote` statement (spec §6.1). */
enum conf_id_match_kind {
	CONF_ID_MATCH_ADDRESS,		/* IPV4/IPV6_ADDR inside prefix */
	CONF_ID_MATCH_FQDN,		/* exact, case-insensitive */
	CONF_ID_MATCH_FQDN_DOMAIN,	/* equal to or below the domain */
	CONF_ID_MATCH_EMAIL,		/* exact */
	CONF_ID_MATCH_EMAIL_DOMAIN,	/* the part after '@' is the domain */
	CONF_ID_MATCH_KEY_ID,		/* exact octets */
	CONF_ID_MATCH_DN,		/* the same name: DER compared in
					 * OpenSSL's canonical form */
};

struct conf_id_match {
	enum conf_id_match_kind kind;
	struct conf_prefix prefix;	/* ADDRESS */
	char *text;			/* FQDN/EMAIL (domain) and KEY_ID */
	uint8_t *der;			/* DN */
	size_t der_len;
};

/* `crypto ikev2 proposal` (spec §2): ordered preference lists. */
struct conf_proposal {
	char *name;
	unsigned int n_encr, n_integ, n_prf, n_dh;
	const struct xf_encr *encr[CONF_MAX_XF];
	const struct xf_integ *integ[CONF_MAX_XF];	/* none with AEAD only */
	const struct xf_prf *prf[CONF_MAX_XF];
	const struct xf_dh *dh[CONF_MAX_XF];
};

/* `crypto ikev2 policy` (spec §3). */
struct conf_policy {
	char *name;
	unsigned int n_match_local;		/* 0: any local address */
	struct conf_prefix match_local[CONF_MAX_MATCHES];
	unsigned int n_proposals;
	const struct conf_proposal *proposals[CONF_MAX_REFS];
};

/* One `peer` block of a keyring (spec §5). */
struct conf_keyring_peer {
	char *name;
	char *hostname;			/* NULL: none */
	bool has_address;
	struct conf_prefix address;	/* the IKE endpoint, not the ID */
	bool has_identity;
	struct conf_identity identity;	/* responder lookups only */
	uint8_t *key_local, *key_remote;	/* equal pointers: symmetric */
	size_t key_local_len, key_remote_len;
};

struct conf_keyring {
	char *name;
	unsigned int n_peers;
	struct conf_keyring_peer *peers;
	/* Indices of the peers with an identity, sorted for lookups by
	 * conf_keyring_lookup(); NULL: it searches linearly. */
	unsigned int n_by_identity;
	unsigned int *by_identity;
};

/* `crypto ipsec transform-set`: one ESP combination. */
struct conf_transform_set {
	char *name;
	const struct xf_encr *encr;
	const struct xf_integ *integ;	/* NULL with an AEAD cipher */
	bool esn;
};

/* `crypto ipsec profile`: what CHILD SAs are made of. */
struct conf_ipsec_profile {
	char *name;
	unsigned int n_transform_sets;
	const struct conf_transform_set *transform_sets[CONF_MAX_REFS];
	const struct xf_dh *pfs;	/* NULL: no PFS */
	uint32_t lifetime_seconds;	/* default 3600 */
	uint64_t lifetime_kilobytes;	/* default 4608000 */
	uint32_t replay_window;		/* default 64 */
};

enum conf_auth_method {
	CONF_AUTH_PSK		= 1u << 0,
	CONF_AUTH_RSA_SIG	= 1u << 1,
	CONF_AUTH_ECDSA_SIG	= 1u << 2,
	CONF_AUTH_EAP		= 1u << 3,
};

enum conf_dpd_mode {
	CONF_DPD_OFF,
	CONF_DPD_PERIODIC,
	CONF_DPD_ON_DEMAND,
};

/* `crypto ikev2 profile` (spec §6). */
struct conf_profile {
	char *name;
	char *description;
	unsigned int n_match_identity;		/* 0: profile incomplete */
	struct conf_id_match match_identity[CONF_MAX_MATCHES];
	unsigned int n_match_local;		/* 0: any local address */
	struct conf_prefix match_local[CONF_MAX_MATCHES];
	struct conf_identity identity_local;	/* type 0: the default (§6.3) */
	enum conf_auth_method auth_local;	/* exactly one bit */
	unsigned int auth_remote;		/* one or more bits */
	const struct conf_keyring *keyring;	/* NULL: no PSK */
	char *trust_anchor;		/* PEM file of CA certs; NULL: none */
	char *crl;			/* PEM/DER CRL file; NULL: none */
	char *certificate;		/* our cert (chain) PEM; NULL: none */
	char *private_key;		/* its key PEM; NULL: none */
	uint32_t lifetime_seconds;	/* IKE SA; default 86400 */
	enum conf_dpd_mode dpd_mode;	/* default off */
	uint32_t dpd_interval, dpd_retry;	/* seconds */
	uint32_t nat_keepalive;		/* seconds; 0: off (default) */
	char *virtual_template;		/* vgate template device, e.g. "vt1" */
	const struct conf_ipsec_profile *ipsec_profile;	/* default: "default" */
	bool initial_contact_force;
	bool shutdown;
	/* EAP (spec §10), when auth_remote has CONF_AUTH_EAP */
	unsigned int n_eap_methods;
	uint8_t eap_methods[4];		/* enum eap_type, preferred first;
					 * default: mschapv2 */
	bool eap_query_identity;	/* default false */
	uint32_t eap_timeout;		/* seconds between rounds; default 90 */
	/* authorization (spec §12): the group level for clients whose
	 * user entry names no group, and whether it beats the user level */
	const struct conf_authz *authz_group;	/* NULL: none */
	bool authz_group_override;
	char *hook;			/* session up/down executable; NULL: none */
};

/* `crypto ikev2 ...` global options (spec §7). */
struct conf_ikev2_global {
	bool compat;			/* defaults = IOS XE 16.10's weak set */
	uint32_t window;		/* default 5 */
	uint32_t cookie_challenge;	/* half-open threshold; 0: off */
	uint32_t max_sa;		/* 0: no limit */
	uint32_t max_in_negotiation;	/* 0: no limit */
	uint32_t nat_keepalive;		/* seconds; 0: off */
	enum conf_dpd_mode dpd_mode;
	uint32_t dpd_interval, dpd_retry;
	uint16_t port;			/* IKE port; default 500 (NAT-T: 4500) */
	uint16_t natt_port;
};

/* `crypto ikev2 client flexvpn NAME` (spec §21): vgated initiates. */
struct conf_client {
	char *name;
	unsigned int n_peers;
	struct sockaddr_storage peers[CONF_MAX_REFS];	/* in order; port set (default 500) */
	const struct conf_profile *profile;	/* identities, authentication, keyring,
						 * ipsec-profile, virtual-template */
	unsigned int n_local_ts, n_remote_ts;	/* traffic selectors to propose */
	struct conf_prefix local_ts[CONF_MAX_MATCHES], remote_ts[CONF_MAX_MATCHES];
	struct conf_identity identity_remote;	/* IDr to send; type 0: none */
	bool auto_connect;			/* connect = "auto" (default) or "manual" */
};

/* `ip local pool` / `ipv6 local pool` (spec ch6-13 §14). */
struct conf_pool {
	char *name;
	sa_family_t family;
	struct in_addr first, last;	/* AF_INET: inclusive range */
	struct conf_prefix prefix;	/* AF_INET6: one /128 per client */
};

/* `crypto ikev2 authorization policy` (spec §13); a user's group is one. */
struct conf_authz {
	char *name;
	struct aaa_attrs attrs;
};

/* A user of the local database (spec §12 "user" level). */
struct conf_user {
	char *name;
	char *password;			/* cleartext; NULL: not stored */
	bool has_nt_hash;
	uint8_t nt_hash[16];		/* MD4(UTF-16LE(password)) */
	char *password_hash;		/* crypt(3) form; NULL: none */
	const struct conf_authz *group;	/* NULL: the profile's */
	struct aaa_attrs attrs;		/* the user's own */
};

struct ikev2_conf {
	struct conf_ikev2_global global;
	unsigned int n_proposals, n_policies, n_keyrings, n_transform_sets,
		     n_ipsec_profiles, n_profiles;
	struct conf_proposal *proposals;	/* includes "default" */
	struct conf_policy *policies;		/* includes "default", last */
	struct conf_keyring *keyrings;
	struct conf_transform_set *transform_sets;	/* includes "default" */
	struct conf_ipsec_profile *ipsec_profiles;	/* includes "default" */
	struct conf_profile *profiles;
	unsigned int n_clients;
	struct conf_client *clients;		/* in config order */
	unsigned int n_pools, n_authz, n_users;
	struct conf_pool *pools;		/* in config order */
	struct conf_authz *authz;		/* "default" included (empty
						 * unless configured) */
	struct conf_user *users;		/* sorted by name */
};

/* Objects by name (built-ins included); NULL when there is none. */
const struct conf_proposal *conf_proposal_find(const struct ikev2_conf *conf,
					       const char *name);
const struct conf_policy *conf_policy_find(const struct ikev2_conf *conf,
					   const char *name);
const struct conf_keyring *conf_keyring_find(const struct ikev2_conf *conf,
					     const char *name);
const struct conf_transform_set *
conf_transform_set_find(const struct ikev2_conf *conf, const char *name);
const struct conf_ipsec_profile *
conf_ipsec_profile_find(const struct ikev2_conf *conf, const char *name);
const struct conf_profile *conf_profile_find(const struct ikev2_conf *conf,
					     const char *name);
/* A client by exact name, in O(log n). */
const struct conf_client *conf_client_find(const struct ikev2_conf *conf,
					   const char *name);
const struct conf_pool *conf_pool_find(const struct ikev2_conf *conf,
				       const char *name);
const struct conf_authz *conf_authz_find(const struct ikev2_conf *conf,
					 const char *name);
/* A user by exact name, in O(log n). */
const struct conf_user *conf_user_find(const struct ikev2_conf *conf,
				       const char *name);

/* Frees everything CONF owns; keys are wiped first. */
void ikev2_conf_free(struct ikev2_conf *conf);

/*
 * The policy for an IKE_SA_INIT received on LOCAL (spec §3): the most
 * specific user policy whose match-address-local holds LOCAL (a policy
 * with no match statement matches every address), first in config order
 * on a tie, else the default policy.  Never NULL.
 */
const struct conf_policy *conf_policy_match(const struct ikev2_conf *conf,
					    const struct sockaddr *local);

/*
 * The profile for a peer whose IDi is REMOTE, reached on LOCAL (spec
 * §6.1): a profile matches when it is not shut down, has at least one
 * match-identity statement and one of them holds REMOTE, and LOCAL is
 * in its match-address-local (if any).  Exactly one match is the
 * answer; none or several give NULL with the reason in WHY.
 */
const struct conf_profile *conf_profile_match(const struct ikev2_conf *conf,
					      const struct conf_identity *remote,
					      const struct sockaddr *local,
					      char *why, size_t why_len);

/*
 * The keyring entry for a responder's peer (spec §5): by IDi first
 * (exact identity; FQDNs in any case), then by the peer's IKE address
 * with longest-prefix match (a host entry ends the search, 0.0.0.0/0 or
 * ::/0 is the wildcard, "any" below them).  NULL when nothing matches.
 */
const struct conf_keyring_peer *conf_keyring_lookup(const struct conf_keyring *kr,
						    const struct conf_identity *remote,
						    const struct sockaddr *peer);

/*
 * The keyring entry for a peer we initiate to (spec §5, initiator): by
 * HOSTNAME (may be NULL) first, then by the peer's address with longest-prefix
 * match (host entry wins, 0.0.0.0/0 and ::/0 the wildcard).  NULL when nothing matches.
 */
const struct conf_keyring_peer *conf_keyring_lookup_peer(const struct conf_keyring *kr,
							 const char *hostname,
							 const struct sockaddr *peer);

/* True when one of P's match-identity-remote statements holds ID (the initiator's check of IDr). */
bool conf_profile_matches_identity(const struct conf_profile *p, const struct conf_identity *id);

/*
 * The profile's local identity, or its default per §6.3 given LOCAL:
 * LOCAL's address (IPV4_ADDR/IPV6_ADDR; an IPv4-mapped address counts as
 * IPv4) when authentication-local is pre-share, else DER_ASN1_DN with
 * len 0, which the caller fills in from the certificate's subject.
 */
void conf_profile_local_identity(const struct conf_profile *p,
				 const struct sockaddr *local,
				 struct conf_identity *out);

/* "fqdn vpn.example.com", "address 192.0.2.1", ... for logs. */
void conf_identity_format(const struct conf_identity *id, char *buf,
			  size_t len);

/*
 * ID as a user name (spec §12: a client's default user name is its
 * IKE identity): the FQDN, email or key-id text, the address, the DN's
 * text form.  False, BUF "", when it is not printable text.
 */
bool conf_identity_name(const struct conf_identity *id, char *buf, size_t len);

#endif
