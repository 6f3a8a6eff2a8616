/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vgate: ESP security associations.
 *
 * Copyright (C) 2026 The vgate authors
 *
 * Locking: every change of an SA's links (the per-netns inbound SPI hash,
 * the access device's SA list and active outbound SA, the netns counts)
 * happens under RTNL, which also serialises against the deletion of the
 * access device.  The data path finds SAs under RCU and pins them with a
 * reference across the asynchronous crypto.  The last reference frees
 * the SA after an RCU grace period, in process context (vgate_wq): keys
 * wiped, transform freed, socket and device references dropped.
 */
#ifndef _VGATE_SA_H_
#define _VGATE_SA_H_

#include <linux/in6.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/netdevice.h>
#include <linux/rhashtable-types.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <net/dst_cache.h>

#include "crypto.h"
#include "replay.h"
#include "stats.h"
#include "transport.h"

struct vgate_access;
struct vgate_net;

extern struct workqueue_struct *vgate_wq;

/**
 * struct vgate_lifetime - lifetime limits of an SA (0: none)
 * @bytes: octets protected
 * @packets: packets protected
 * @seconds: seconds since installation
 */
struct vgate_lifetime {
	u64 bytes;
	u64 packets;
	u64 seconds;
};

/**
 * struct vgate_prefix - an inner source prefix
 * @family: AF_INET or AF_INET6
 * @len: prefix length
 * @addr: the address, host bits cleared
 */
struct vgate_prefix {
	u16 family;
	u8 len;
	union {
		__be32 v4;
		struct in6_addr v6;
	} addr;
};

/**
 * struct vgate_sa_params - an SA as SA_NEW describes it, checked
 * @ifindex: access device
 * @dir: enum vgate_sa_dir
 * @spi: SPI, host order
 * @crypto: algorithms and keys (pointing into the request)
 * @replay_window: inbound anti-replay window
 * @ep: outer addresses and ports (ports from the socket and request)
 * @encap_fd: UDP socket file descriptor, -1 for raw ESP
 * @soft: soft limits
 * @hard: hard limits
 * @n_prefixes: entries of @prefixes
 * @prefixes: inner source prefixes of an inbound SA
 */
struct vgate_sa_params {
	u32 ifindex;
	u32 dir;
	u32 spi;
	struct vgate_crypto_cfg crypto;
	u32 replay_window;
	struct vgate_endpoint ep;
	int encap_fd;
	struct vgate_lifetime soft;
	struct vgate_lifetime hard;
	unsigned int n_prefixes;
	struct vgate_prefix prefixes[VGATE_SA_PREFIXES_MAX];
};

/* bits of &struct vgate_sa.flags */
enum {
	VGATE_SA_F_DEAD,	/* unlinked; set under RTNL */
	VGATE_SA_F_SOFT,	/* soft expire notified */
	VGATE_SA_F_HARD,	/* hard limit reached: carries no more traffic */
};

/**
 * struct vgate_sa - one ESP SA
 * @hnode: entry in &struct vgate_net.sa_in (inbound SAs only; RTNL)
 * @node: entry in &struct vgate_access.sas (RTNL)
 * @access: the access device it belongs to; its net device is held
 *	(@dev_tracker) until the SA is freed
 * @refcount: one for being linked, one per packet in flight, one per
 *	queued work item
 * @spi: SPI, host order
 * @dir: enum vgate_sa_dir
 * @enc_alg: enum vgate_enc_alg, for reading back
 * @integ_alg: enum vgate_integ_alg, for reading back
 * @crypto: the keyed transform
 * @replay: inbound sequence state
 * @ep: outer addresses and ports
 * @us: UDP socket it sends through and receives on, NULL for raw ESP
 * @dst_cache: route of the outer packets
 * @seq: last outbound sequence number used
 * @seq_limit: the last outbound sequence number allowed
 * @bytes: octets protected so far (inner length)
 * @packets: packets protected so far
 * @soft: soft limits
 * @hard: hard limits
 * @has_count_limits: some byte or packet limit is set
 * @add_jiffies: when it was installed
 * @flags: VGATE_SA_F_* bits
 * @del_reason: enum vgate_del_reason once unlinked
 * @stats: its counters
 * @expire_work: the seconds lifetimes (RTNL)
 * @del_work: deletes it after a hard expiry seen in the data path
 * @free_work: frees it an RCU grace period after the last reference
 * @dev_tracker: tracks the reference to the access device
 * @n_prefixes: entries of @prefixes
 * @prefixes: inner source prefixes (inbound)
 */
struct vgate_sa {
	struct rhash_head hnode;
	struct list_head node;
	struct vgate_access *access;
	struct kref refcount;
	u32 spi;
	u32 dir;
	u32 enc_alg;
	u32 integ_alg;
	struct vgate_crypto crypto;
	struct vgate_replay replay;
	struct vgate_endpoint ep;
	struct vgate_udp_sock *us;
	struct dst_cache dst_cache;
	atomic64_t seq;
	u64 seq_limit;
	atomic64_t bytes;
	atomic64_t packets;
	struct vgate_lifetime soft;
	struct vgate_lifetime hard;
	bool has_count_limits;
	unsigned long add_jiffies;
	unsigned long flags;
	u32 del_reason;
	struct vgate_stats __percpu *stats;
	struct delayed_work expire_work;
	struct work_struct del_work;
	struct rcu_work free_work;
	netdevice_tracker dev_tracker;
	unsigned int n_prefixes;
	struct vgate_prefix prefixes[] __counted_by(n_prefixes);
};

struct vgate_sa *vgate_sa_create(struct net *net,
				 const struct vgate_sa_params *p,
				 struct netlink_ext_ack *extack);
int vgate_sa_link(struct vgate_net *vn, struct vgate_access *acc,
		  struct vgate_sa *sa, struct netlink_ext_ack *extack);
void vgate_sa_unlink(struct vgate_sa *sa, u32 reason);
void vgate_sa_unlink_all(struct vgate_access *acc, u32 reason);
struct vgate_sa *vgate_sa_lookup_in(struct vgate_net *vn, u32 spi);
struct vgate_sa *vgate_sa_find(struct vgate_net *vn, struct vgate_access *acc,
			       u32 dir, u32 spi);
void vgate_sa_swap(struct vgate_sa *sa);
void vgate_sa_put(struct vgate_sa *sa);
bool vgate_sa_hold(struct vgate_sa *sa);
void vgate_sa_account(struct vgate_sa *sa, unsigned int len);
void vgate_sa_expire(struct vgate_sa *sa, bool hard, u32 limit, gfp_t gfp);
int vgate_sa_table_init(struct vgate_net *vn);
void vgate_sa_table_destroy(struct vgate_net *vn);

#endif /* _VGATE_SA_H_ */
