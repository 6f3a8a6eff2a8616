/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * vgate: IKEv2 remote-access headend data plane, generic-netlink ABI.
 *
 * This is the only header shared by vgate.ko and its userspace.  The
 * authoritative description of every command and attribute, with its
 * checks, is Documentation/netlink/specs/vgate.yaml; keep the two in step.
 *
 * Objects (all per network namespace):
 *  - template: a "virtual template" net device (rtnl kind "vgate") that
 *    holds the settings access devices are cloned from.  It carries no
 *    traffic itself.  Created and deleted with rtnetlink
 *    ("ip link add vt10 type vgate"), read and tuned over this family.
 *  - access device: a "virtual-access" net device (va<N>) cloned from a
 *    template for one VPN session.  Created and deleted over this family.
 *    Traffic routed into it leaves ESP-encrypted under its outbound SA;
 *    traffic arriving under one of its inbound SAs comes out of it.
 *  - SA: one ESP tunnel-mode security association, inbound or outbound,
 *    bound to one access device.  Inbound SPIs are unique per netns.
 */
#ifndef _UAPI_LINUX_VGATE_H
#define _UAPI_LINUX_VGATE_H

#define VGATE_GENL_NAME		"vgate"
#define VGATE_GENL_VERSION	1
#define VGATE_MCGRP_EVENTS	"events"

/* rtnl link kind of every vgate device */
#define VGATE_LINK_KIND		"vgate"

/* Default and largest number of access devices one template may clone. */
#define VGATE_TMPL_MAX_ACCESS_DEFAULT	65536
#define VGATE_TMPL_MAX_ACCESS_LIMIT	1048576

/* Default and largest number of SAs in one netns. */
#define VGATE_NET_MAX_SA_DEFAULT	262144
#define VGATE_NET_MAX_SA_LIMIT		4194304

/* Largest anti-replay window, in packets (RFC 4303 3.4.3). */
#define VGATE_REPLAY_WINDOW_MAX		4096
#define VGATE_REPLAY_WINDOW_DEFAULT	128

/* Most inner prefixes one inbound SA may carry. */
#define VGATE_SA_PREFIXES_MAX		64

/**
 * enum vgate_cmd - generic-netlink commands
 * @VGATE_CMD_TEMPLATE_GET: read one template (do, by ifindex or ifname) or
 *	every template of the caller's netns (dump)
 * @VGATE_CMD_TEMPLATE_SET: change a template's max-access or unnumbered
 *	device
 * @VGATE_CMD_ACCESS_NEW: clone an access device from a template; the reply
 *	carries its ifindex and name
 * @VGATE_CMD_ACCESS_DEL: delete an access device and its SAs, with a reason
 * @VGATE_CMD_ACCESS_GET: read one access device or dump them (optionally
 *	those of one template)
 * @VGATE_CMD_SA_NEW: install an SA on an access device.  The first outbound
 *	SA of a device becomes its active one; later ones wait for SA_SWAP.
 * @VGATE_CMD_SA_DEL: delete an SA, with a reason
 * @VGATE_CMD_SA_GET: read one SA or dump them (optionally those of one
 *	access device)
 * @VGATE_CMD_SA_SWAP: make an installed outbound SA the device's active
 *	one, atomically, and delete the one it replaces (reason rekeyed)
 * @VGATE_CMD_NET_GET: read the netns-wide limits and counts
 * @VGATE_CMD_NET_SET: change the netns-wide limits
 * @VGATE_CMD_SA_EXPIRE_NTF: notification: an SA reached a soft or hard
 *	lifetime limit (hard: the SA is gone)
 * @VGATE_CMD_ACCESS_DEL_NTF: notification: an access device was deleted
 * @VGATE_CMD_UNKNOWN_SPI_NTF: notification: ESP arrived for an SPI that no
 *	SA of this netns has (rate-limited), so IKE can send INVALID_SPI
 */
enum vgate_cmd {
	VGATE_CMD_UNSPEC,
	VGATE_CMD_TEMPLATE_GET,
	VGATE_CMD_TEMPLATE_SET,
	VGATE_CMD_ACCESS_NEW,
	VGATE_CMD_ACCESS_DEL,
	VGATE_CMD_ACCESS_GET,
	VGATE_CMD_SA_NEW,
	VGATE_CMD_SA_DEL,
	VGATE_CMD_SA_GET,
	VGATE_CMD_SA_SWAP,
	VGATE_CMD_NET_GET,
	VGATE_CMD_NET_SET,
	VGATE_CMD_SA_EXPIRE_NTF,
	VGATE_CMD_ACCESS_DEL_NTF,
	VGATE_CMD_UNKNOWN_SPI_NTF,

	/* private */
	__VGATE_CMD_MAX,
	VGATE_CMD_MAX = __VGATE_CMD_MAX - 1,
};

/**
 * enum vgate_a - top-level attributes
 * @VGATE_A_TEMPLATE: nest of enum vgate_a_tmpl
 * @VGATE_A_ACCESS: nest of enum vgate_a_access
 * @VGATE_A_SA: nest of enum vgate_a_sa
 * @VGATE_A_NET: nest of enum vgate_a_net
 */
enum vgate_a {
	VGATE_A_UNSPEC,
	VGATE_A_TEMPLATE,
	VGATE_A_ACCESS,
	VGATE_A_SA,
	VGATE_A_NET,

	/* private */
	__VGATE_A_MAX,
	VGATE_A_MAX = __VGATE_A_MAX - 1,
};

/**
 * enum vgate_a_tmpl - attributes of a virtual template
 * @VGATE_A_TMPL_IFINDEX: u32, interface index (selects the template in
 *	requests)
 * @VGATE_A_TMPL_IFNAME: string, interface name (selects the template in
 *	requests when no ifindex is given)
 * @VGATE_A_TMPL_MTU: u32, MTU given to cloned access devices
 * @VGATE_A_TMPL_UNNUMBERED: u32, ifindex of the device whose address
 *	access devices borrow ("ip unnumbered"); absent when none is set,
 *	0 in TEMPLATE_SET clears it
 * @VGATE_A_TMPL_MAX_ACCESS: u32, most access devices this template may
 *	clone
 * @VGATE_A_TMPL_N_ACCESS: u32, access devices currently cloned (read-only)
 */
enum vgate_a_tmpl {
	VGATE_A_TMPL_UNSPEC,
	VGATE_A_TMPL_IFINDEX,
	VGATE_A_TMPL_IFNAME,
	VGATE_A_TMPL_MTU,
	VGATE_A_TMPL_UNNUMBERED,
	VGATE_A_TMPL_MAX_ACCESS,
	VGATE_A_TMPL_N_ACCESS,

	/* private */
	__VGATE_A_TMPL_MAX,
	VGATE_A_TMPL_MAX = __VGATE_A_TMPL_MAX - 1,
};

/**
 * enum vgate_del_reason - why an access device or an SA went away
 * @VGATE_DEL_REASON_USERSPACE: deleted on request (genl or ip link del)
 * @VGATE_DEL_REASON_TEMPLATE: its template was deleted
 * @VGATE_DEL_REASON_ACCESS: its access device was deleted
 * @VGATE_DEL_REASON_TEARDOWN: netns exit or module unload
 * @VGATE_DEL_REASON_EXPIRED: an SA reached a hard lifetime limit
 * @VGATE_DEL_REASON_REKEYED: an outbound SA was replaced by SA_SWAP
 *
 * No reason is "socket closed": an SA holds its UDP socket (see
 * VGATE_A_SA_ENCAP_FD), so the socket cannot go before the SA.
 */
enum vgate_del_reason {
	VGATE_DEL_REASON_USERSPACE,
	VGATE_DEL_REASON_TEMPLATE,
	VGATE_DEL_REASON_ACCESS,
	VGATE_DEL_REASON_TEARDOWN,
	VGATE_DEL_REASON_EXPIRED,
	VGATE_DEL_REASON_REKEYED,
};

/**
 * enum vgate_a_access - attributes of an access device
 * @VGATE_A_ACCESS_IFINDEX: u32, its interface index (selects it)
 * @VGATE_A_ACCESS_IFNAME: string, its name, va<N> (read-only)
 * @VGATE_A_ACCESS_TEMPLATE: u32, ifindex of the template it is cloned
 *	from (required in ACCESS_NEW; filters ACCESS_GET dumps)
 * @VGATE_A_ACCESS_DEL_REASON: u32, enum vgate_del_reason (ACCESS_DEL,
 *	ACCESS_DEL_NTF)
 * @VGATE_A_ACCESS_OUT_SPI: u32, SPI of the active outbound SA (read-only)
 * @VGATE_A_ACCESS_N_SA: u32, SAs bound to it (read-only)
 * @VGATE_A_ACCESS_STATS: nest of enum vgate_a_stats: device counters
 *	(read-only)
 * @VGATE_A_ACCESS_NO_IPV6: flag, ACCESS_NEW only: the device starts with
 *	IPv6 off (net.ipv6.conf.<dev>.disable_ipv6 is 1 before it first comes
 *	up), so that a session without IPv6 costs no IPv6 configuration;
 *	that sysctl turns IPv6 on later
 */
enum vgate_a_access {
	VGATE_A_ACCESS_UNSPEC,
	VGATE_A_ACCESS_IFINDEX,
	VGATE_A_ACCESS_IFNAME,
	VGATE_A_ACCESS_TEMPLATE,
	VGATE_A_ACCESS_DEL_REASON,
	VGATE_A_ACCESS_OUT_SPI,
	VGATE_A_ACCESS_N_SA,
	VGATE_A_ACCESS_STATS,
	VGATE_A_ACCESS_NO_IPV6,

	/* private */
	__VGATE_A_ACCESS_MAX,
	VGATE_A_ACCESS_MAX = __VGATE_A_ACCESS_MAX - 1,
};

/**
 * enum vgate_sa_dir - direction of an SA
 * @VGATE_SA_DIR_IN: inbound: decrypts what arrives with its SPI
 * @VGATE_SA_DIR_OUT: outbound: encrypts what the access device sends
 */
enum vgate_sa_dir {
	VGATE_SA_DIR_IN,
	VGATE_SA_DIR_OUT,
};

/**
 * enum vgate_enc_alg - ESP encryption transforms (IKEv2 transform type 1)
 * @VGATE_ENC_AES_GCM_16: AES-GCM with a 16-octet ICV (RFC 4106); key is
 *	16 or 32 octets of AES key followed by the 4-octet salt
 * @VGATE_ENC_AES_CBC: AES-CBC (RFC 3602); key is 16 or 32 octets; needs an
 *	integrity algorithm
 * @VGATE_ENC_CHACHA20_POLY1305: ChaCha20-Poly1305 (RFC 7634); key is 32
 *	octets followed by the 4-octet salt
 */
enum vgate_enc_alg {
	VGATE_ENC_AES_GCM_16 = 1,
	VGATE_ENC_AES_CBC,
	VGATE_ENC_CHACHA20_POLY1305,
};

/**
 * enum vgate_integ_alg - ESP integrity transforms (IKEv2 transform type 3)
 * @VGATE_INTEG_NONE: none (combined-mode encryption)
 * @VGATE_INTEG_HMAC_SHA1_96: HMAC-SHA-1-96 (RFC 2404), 20-octet key
 * @VGATE_INTEG_HMAC_SHA2_256_128: HMAC-SHA-256-128 (RFC 4868), 32-octet key
 * @VGATE_INTEG_HMAC_SHA2_384_192: HMAC-SHA-384-192 (RFC 4868), 48-octet key
 * @VGATE_INTEG_HMAC_SHA2_512_256: HMAC-SHA-512-256 (RFC 4868), 64-octet key
 */
enum vgate_integ_alg {
	VGATE_INTEG_NONE,
	VGATE_INTEG_HMAC_SHA1_96,
	VGATE_INTEG_HMAC_SHA2_256_128,
	VGATE_INTEG_HMAC_SHA2_384_192,
	VGATE_INTEG_HMAC_SHA2_512_256,
};

/**
 * enum vgate_expire_limit - which lifetime limit an SA reached
 * @VGATE_EXPIRE_BYTES: octets protected
 * @VGATE_EXPIRE_PACKETS: packets protected
 * @VGATE_EXPIRE_SECONDS: seconds since it was installed
 * @VGATE_EXPIRE_SEQ: the sequence number space is exhausted (hard only)
 */
enum vgate_expire_limit {
	VGATE_EXPIRE_BYTES,
	VGATE_EXPIRE_PACKETS,
	VGATE_EXPIRE_SECONDS,
	VGATE_EXPIRE_SEQ,
};

/**
 * enum vgate_a_sa - attributes of an SA
 *
 * An SA is selected by (ACCESS, DIR, SPI); for inbound SAs the SPI alone
 * is enough, as inbound SPIs are unique per netns.
 *
 * @VGATE_A_SA_ACCESS: u32, ifindex of the access device it belongs to
 * @VGATE_A_SA_DIR: u32, enum vgate_sa_dir
 * @VGATE_A_SA_SPI: u32, the SPI (host order), not 0
 * @VGATE_A_SA_ENC_ALG: u32, enum vgate_enc_alg
 * @VGATE_A_SA_ENC_KEY: binary, encryption key (and salt); never returned
 * @VGATE_A_SA_INTEG_ALG: u32, enum vgate_integ_alg (default none)
 * @VGATE_A_SA_INTEG_KEY: binary, integrity key; never returned
 * @VGATE_A_SA_ESN: flag, 64-bit extended sequence numbers (RFC 4304)
 * @VGATE_A_SA_REPLAY_WINDOW: u32, inbound anti-replay window in packets,
 *	0 disables the check, at most VGATE_REPLAY_WINDOW_MAX
 * @VGATE_A_SA_LOCAL_ADDR: binary (4 or 16 octets), outer local address
 * @VGATE_A_SA_PEER_ADDR: binary (4 or 16 octets), outer peer address, the
 *	same family as the local one
 * @VGATE_A_SA_ENCAP_FD: u32, file descriptor of a bound UDP socket in the
 *	caller's process: ESP goes in UDP through it (RFC 3948).  Absent:
 *	raw ESP (IP protocol 50).  The module keeps its own reference.
 * @VGATE_A_SA_PEER_PORT: u16, peer UDP port (with ENCAP_FD)
 * @VGATE_A_SA_LOCAL_PORT: u16, local UDP port (read-only, from the socket)
 * @VGATE_A_SA_SOFT: nest of enum vgate_a_lifetime, soft limits
 * @VGATE_A_SA_HARD: nest of enum vgate_a_lifetime, hard limits
 * @VGATE_A_SA_PREFIX: nest of enum vgate_a_prefix, repeated: the inner
 *	source prefixes an inbound SA may carry (none: anything)
 * @VGATE_A_SA_DEL_REASON: u32, enum vgate_del_reason
 * @VGATE_A_SA_STATS: nest of enum vgate_a_stats (read-only)
 * @VGATE_A_SA_SEQ: u64, last outbound sequence number sent, or highest
 *	inbound one accepted (read-only)
 * @VGATE_A_SA_ADD_TIME: u64, seconds the SA has existed (read-only)
 * @VGATE_A_SA_ACTIVE: flag, this outbound SA is the device's active one
 *	(read-only)
 * @VGATE_A_SA_EXPIRE_HARD: flag, in SA_EXPIRE_NTF: the hard limit (the SA
 *	is deleted); absent: the soft limit
 * @VGATE_A_SA_EXPIRE_LIMIT: u32, enum vgate_expire_limit, in SA_EXPIRE_NTF
 * @VGATE_A_SA_PAD: padding for 64-bit attributes
 * @VGATE_A_SA_ENC_KEY_BITS: u32, length of the encryption key in bits,
 *	without the salt of AES-GCM and ChaCha20-Poly1305: 128 or 256
 *	(read-only)
 */
enum vgate_a_sa {
	VGATE_A_SA_UNSPEC,
	VGATE_A_SA_ACCESS,
	VGATE_A_SA_DIR,
	VGATE_A_SA_SPI,
	VGATE_A_SA_ENC_ALG,
	VGATE_A_SA_ENC_KEY,
	VGATE_A_SA_INTEG_ALG,
	VGATE_A_SA_INTEG_KEY,
	VGATE_A_SA_ESN,
	VGATE_A_SA_REPLAY_WINDOW,
	VGATE_A_SA_LOCAL_ADDR,
	VGATE_A_SA_PEER_ADDR,
	VGATE_A_SA_ENCAP_FD,
	VGATE_A_SA_PEER_PORT,
	VGATE_A_SA_LOCAL_PORT,
	VGATE_A_SA_SOFT,
	VGATE_A_SA_HARD,
	VGATE_A_SA_PREFIX,
	VGATE_A_SA_DEL_REASON,
	VGATE_A_SA_STATS,
	VGATE_A_SA_SEQ,
	VGATE_A_SA_ADD_TIME,
	VGATE_A_SA_ACTIVE,
	VGATE_A_SA_EXPIRE_HARD,
	VGATE_A_SA_EXPIRE_LIMIT,
	VGATE_A_SA_PAD,
	VGATE_A_SA_ENC_KEY_BITS,

	/* private */
	__VGATE_A_SA_MAX,
	VGATE_A_SA_MAX = __VGATE_A_SA_MAX - 1,
};

/**
 * enum vgate_a_lifetime - lifetime limits of an SA; absent or 0: none
 * @VGATE_A_LIFETIME_BYTES: u64, octets of ESP payload protected
 * @VGATE_A_LIFETIME_PACKETS: u64, packets protected
 * @VGATE_A_LIFETIME_SECONDS: u64, seconds since the SA was installed
 * @VGATE_A_LIFETIME_PAD: padding for 64-bit attributes
 */
enum vgate_a_lifetime {
	VGATE_A_LIFETIME_UNSPEC,
	VGATE_A_LIFETIME_BYTES,
	VGATE_A_LIFETIME_PACKETS,
	VGATE_A_LIFETIME_SECONDS,
	VGATE_A_LIFETIME_PAD,

	/* private */
	__VGATE_A_LIFETIME_MAX,
	VGATE_A_LIFETIME_MAX = __VGATE_A_LIFETIME_MAX - 1,
};

/**
 * enum vgate_a_prefix - an IP prefix
 * @VGATE_A_PREFIX_ADDR: binary, 4 or 16 octets
 * @VGATE_A_PREFIX_LEN: u8, prefix length (0..32 or 0..128)
 */
enum vgate_a_prefix {
	VGATE_A_PREFIX_UNSPEC,
	VGATE_A_PREFIX_ADDR,
	VGATE_A_PREFIX_LEN,

	/* private */
	__VGATE_A_PREFIX_MAX,
	VGATE_A_PREFIX_MAX = __VGATE_A_PREFIX_MAX - 1,
};

/**
 * enum vgate_a_stats - counters (all u64, read-only)
 * @VGATE_A_STATS_RX_PACKETS: packets received (decrypted and delivered)
 * @VGATE_A_STATS_RX_BYTES: inner octets received
 * @VGATE_A_STATS_TX_PACKETS: packets sent (encrypted)
 * @VGATE_A_STATS_TX_BYTES: inner octets sent
 * @VGATE_A_STATS_RX_ERRORS: inbound packets dropped for any reason below
 * @VGATE_A_STATS_TX_ERRORS: outbound packets that could not be sent
 * @VGATE_A_STATS_RX_DROPS: inbound packets dropped for lack of resources
 * @VGATE_A_STATS_TX_DROPS: outbound packets dropped (no SA, no memory)
 * @VGATE_A_STATS_REPLAY: inbound packets rejected as replayed or too old
 * @VGATE_A_STATS_AUTH_FAIL: inbound packets whose ICV did not verify
 * @VGATE_A_STATS_BAD_PADDING: inbound packets with malformed padding or
 *	trailer
 * @VGATE_A_STATS_INNER_SRC: inbound packets whose inner source is outside
 *	the SA's prefixes
 * @VGATE_A_STATS_MALFORMED: inbound packets too short or with a bad inner
 *	header
 * @VGATE_A_STATS_PAD: padding for 64-bit attributes
 */
enum vgate_a_stats {
	VGATE_A_STATS_UNSPEC,
	VGATE_A_STATS_RX_PACKETS,
	VGATE_A_STATS_RX_BYTES,
	VGATE_A_STATS_TX_PACKETS,
	VGATE_A_STATS_TX_BYTES,
	VGATE_A_STATS_RX_ERRORS,
	VGATE_A_STATS_TX_ERRORS,
	VGATE_A_STATS_RX_DROPS,
	VGATE_A_STATS_TX_DROPS,
	VGATE_A_STATS_REPLAY,
	VGATE_A_STATS_AUTH_FAIL,
	VGATE_A_STATS_BAD_PADDING,
	VGATE_A_STATS_INNER_SRC,
	VGATE_A_STATS_MALFORMED,
	VGATE_A_STATS_PAD,

	/* private */
	__VGATE_A_STATS_MAX,
	VGATE_A_STATS_MAX = __VGATE_A_STATS_MAX - 1,
};

/**
 * enum vgate_a_net - netns-wide limits and counts
 * @VGATE_A_NET_MAX_SA: u32, most SAs this netns may hold
 * @VGATE_A_NET_N_SA: u32, SAs it holds (read-only)
 * @VGATE_A_NET_N_ACCESS: u32, access devices it holds (read-only)
 * @VGATE_A_NET_UNKNOWN_SPI: u64, ESP packets for unknown SPIs (read-only)
 * @VGATE_A_NET_PAD: padding for 64-bit attributes
 * @VGATE_A_NET_SPI: u32, in UNKNOWN_SPI_NTF: the SPI
 * @VGATE_A_NET_PEER_ADDR: binary, in UNKNOWN_SPI_NTF: outer source
 * @VGATE_A_NET_PEER_PORT: u16, in UNKNOWN_SPI_NTF: outer UDP source port
 *	(absent for raw ESP)
 */
enum vgate_a_net {
	VGATE_A_NET_UNSPEC,
	VGATE_A_NET_MAX_SA,
	VGATE_A_NET_N_SA,
	VGATE_A_NET_N_ACCESS,
	VGATE_A_NET_UNKNOWN_SPI,
	VGATE_A_NET_PAD,
	VGATE_A_NET_SPI,
	VGATE_A_NET_PEER_ADDR,
	VGATE_A_NET_PEER_PORT,

	/* private */
	__VGATE_A_NET_MAX,
	VGATE_A_NET_MAX = __VGATE_A_NET_MAX - 1,
};

#endif /* _UAPI_LINUX_VGATE_H */
