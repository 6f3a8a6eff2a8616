// SPDX-License-Identifier: GPL-2.0
/*
 * vgate: ESP security associations: creation, lookup, lifetimes, deletion.
 *
 * Copyright (C) 2026 The vgate authors
 *
 * Every function that changes an SA's links runs under RTNL (see sa.h);
 * the data path only looks up (RCU), takes references and raises
 * lifetime events, which defer the deletion to a work item.
 */

#include <linux/inet.h>
#include <linux/jiffies.h>
#include <linux/netdevice.h>
#include <linux/rhashtable.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/vgate.h>
#include <net/inet_sock.h>
#include <net/sock.h>

#include "access.h"
#include "netns.h"
#include "notify.h"
#include "sa.h"

struct workqueue_struct *vgate_wq;

/*
 * Inbound SPIs are chosen by the daemon (the receiver), randomly, so the
 * SPI itself is a fine hash key; rhashtable grows with the number of SAs.
 */
static const struct rhashtable_params vgate_sa_ht_params = {
	.key_len = sizeof(u32),
	.key_offset = offsetof(struct vgate_sa, spi),
	.head_offset = offsetof(struct vgate_sa, hnode),
	.automatic_shrinking = true,
};

/**
 * vgate_sa_table_init - set up the inbound SPI table of a netns
 * @vn: the netns state
 *
 * Context: process context.
 * Return: 0 or a negative errno.
 */
int vgate_sa_table_init(struct vgate_net *vn)
{
	return rhashtable_init(&vn->sa_in, &vgate_sa_ht_params);
}

/**
 * vgate_sa_table_destroy - free the (empty) inbound SPI table of a netns
 * @vn: the netns state
 *
 * Context: process context, netns exit, after its devices are gone.
 */
void vgate_sa_table_destroy(struct vgate_net *vn)
{
	rhashtable_destroy(&vn->sa_in);
}

static void vgate_sa_free(struct vgate_sa *sa)
{
	vgate_crypto_destroy(&sa->crypto);
	dst_cache_destroy(&sa->dst_cache);
	if (sa->us)
		vgate_udp_sock_put(sa->us);
	free_percpu(sa->stats);
	if (sa->access)
		netdev_put(sa->access->dev, &sa->dev_tracker);
	/* wipes the replay state and everything else with it */
	kfree_sensitive(sa);
}

/* process context, an RCU grace period after the last reference */
static void vgate_sa_free_work(struct work_struct *work)
{
	vgate_sa_free(container_of(to_rcu_work(work), struct vgate_sa,
				   free_work));
}

static void vgate_sa_release(struct kref *kref)
{
	struct vgate_sa *sa = container_of(kref, struct vgate_sa, refcount);

	/* lockless readers may still see it; socket and crypto frees sleep */
	queue_rcu_work(vgate_wq, &sa->free_work);
}

/**
 * vgate_sa_put - drop a reference to an SA
 * @sa: the SA
 *
 * Context: any.
 */
void vgate_sa_put(struct vgate_sa *sa)
{
	kref_put(&sa->refcount, vgate_sa_release);
}

/**
 * vgate_sa_hold - take a reference to an SA found under RCU
 * @sa: the SA
 *
 * Context: rcu_read_lock() held, or a reference already held.
 * Return: false if the SA is on its way out and must not be used.
 */
bool vgate_sa_hold(struct vgate_sa *sa)
{
	return kref_get_unless_zero(&sa->refcount);
}

/* the hard-expiry deletion, in process context */
static void vgate_sa_del_work(struct work_struct *work)
{
	struct vgate_sa *sa = container_of(work, struct vgate_sa, del_work);

	rtnl_lock();
	vgate_sa_unlink(sa, VGATE_DEL_REASON_EXPIRED);
	rtnl_unlock();
	vgate_sa_put(sa);
}

/**
 * vgate_sa_expire - an SA reached a lifetime limit
 * @sa: the SA, held by the caller
 * @hard: the hard limit (else the soft one)
 * @limit: enum vgate_expire_limit
 * @gfp: allocation context of the notification
 *
 * The soft limit is notified once.  The hard limit is notified once, stops
 * the SA's traffic at once and deletes the SA from a work item.
 *
 * Context: any.
 */
void vgate_sa_expire(struct vgate_sa *sa, bool hard, u32 limit, gfp_t gfp)
{
	if (!hard) {
		if (!test_and_set_bit(VGATE_SA_F_SOFT, &sa->flags))
			vgate_notify_sa_expire(sa, false, limit, gfp);
		return;
	}
	if (test_and_set_bit(VGATE_SA_F_HARD, &sa->flags))
		return;
	set_bit(VGATE_SA_F_SOFT, &sa->flags);
	vgate_notify_sa_expire(sa, true, limit, gfp);
	/* the work's reference; the caller's keeps the SA alive meanwhile */
	kref_get(&sa->refcount);
	if (!queue_work(vgate_wq, &sa->del_work))
		vgate_sa_put(sa);
}

/**
 * vgate_sa_account - count one packet against an SA's lifetime limits
 * @sa: the SA, held by the caller
 * @len: inner length of the packet
 *
 * Context: any (data path).
 */
void vgate_sa_account(struct vgate_sa *sa, unsigned int len)
{
	u64 bytes, packets;

	if (likely(!sa->has_count_limits))
		return;
	bytes = atomic64_add_return(len, &sa->bytes);
	packets = atomic64_inc_return(&sa->packets);
	if (sa->hard.bytes && bytes >= sa->hard.bytes)
		vgate_sa_expire(sa, true, VGATE_EXPIRE_BYTES, GFP_ATOMIC);
	else if (sa->hard.packets && packets >= sa->hard.packets)
		vgate_sa_expire(sa, true, VGATE_EXPIRE_PACKETS, GFP_ATOMIC);
	else if (sa->soft.bytes && bytes >= sa->soft.bytes)
		vgate_sa_expire(sa, false, VGATE_EXPIRE_BYTES, GFP_ATOMIC);
	else if (sa->soft.packets && packets >= sa->soft.packets)
		vgate_sa_expire(sa, false, VGATE_EXPIRE_PACKETS, GFP_ATOMIC);
}

static unsigned long vgate_secs_to_jiffies(u64 secs)
{
	if (secs >= MAX_JIFFY_OFFSET / HZ)
		return MAX_JIFFY_OFFSET;
	return secs * HZ;
}

/* queue the seconds-lifetime work for the next limit not yet reached */
static void vgate_sa_arm_expire(struct vgate_sa *sa)
{
	unsigned long age = jiffies - sa->add_jiffies, next = ULONG_MAX;

	ASSERT_RTNL();

	if (sa->soft.seconds && !test_bit(VGATE_SA_F_SOFT, &sa->flags))
		next = vgate_secs_to_jiffies(sa->soft.seconds);
	if (sa->hard.seconds)
		next = min(next, vgate_secs_to_jiffies(sa->hard.seconds));
	if (next == ULONG_MAX)
		return;
	kref_get(&sa->refcount);
	if (!queue_delayed_work(vgate_wq, &sa->expire_work,
				next > age ? next - age : 0))
		vgate_sa_put(sa);
}

/*
 * Runs under RTNL so that it cannot re-arm itself past vgate_sa_unlink(),
 * which cancels it: an SA that is gone holds no work item.
 */
static void vgate_sa_expire_work(struct work_struct *work)
{
	struct vgate_sa *sa = container_of(to_delayed_work(work),
					   struct vgate_sa, expire_work);
	unsigned long age;

	rtnl_lock();
	if (!test_bit(VGATE_SA_F_DEAD, &sa->flags)) {
		age = jiffies - sa->add_jiffies;
		if (sa->hard.seconds &&
		    age >= vgate_secs_to_jiffies(sa->hard.seconds)) {
			vgate_sa_expire(sa, true, VGATE_EXPIRE_SECONDS,
					GFP_KERNEL);
		} else {
			if (sa->soft.seconds &&
			    age >= vgate_secs_to_jiffies(sa->soft.seconds))
				vgate_sa_expire(sa, false, VGATE_EXPIRE_SECONDS,
						GFP_KERNEL);
			vgate_sa_arm_expire(sa);
		}
	}
	rtnl_unlock();
	vgate_sa_put(sa);
}

/**
 * vgate_sa_create - build an SA that is not linked anywhere yet
 * @net: netns of the request (the UDP socket's fd is looked up in the
 *	caller's process)
 * @p: the checked parameters
 * @extack: where to explain a refusal
 *
 * Keys the transform and takes the UDP socket.  The result is private to
 * the caller until vgate_sa_link(); on its failure, vgate_sa_put() frees it.
 *
 * Context: process context, may sleep; RTNL not needed.
 * Return: the SA, with one reference, or an ERR_PTR().
 */
struct vgate_sa *vgate_sa_create(struct net *net,
				 const struct vgate_sa_params *p,
				 struct netlink_ext_ack *extack)
{
	struct vgate_udp_sock *us;
	struct vgate_sa *sa;
	int err;

	sa = kzalloc(struct_size(sa, prefixes, p->n_prefixes), GFP_KERNEL);
	if (!sa)
		return ERR_PTR(-ENOMEM);
	sa->n_prefixes = p->n_prefixes;
	memcpy(sa->prefixes, p->prefixes,
	       flex_array_size(sa, prefixes, p->n_prefixes));
	kref_init(&sa->refcount);
	INIT_DELAYED_WORK(&sa->expire_work, vgate_sa_expire_work);
	INIT_WORK(&sa->del_work, vgate_sa_del_work);
	INIT_RCU_WORK(&sa->free_work, vgate_sa_free_work);
	sa->spi = p->spi;
	sa->dir = p->dir;
	sa->enc_alg = p->crypto.enc_alg;
	sa->integ_alg = p->crypto.integ_alg;
	sa->ep = p->ep;
	sa->soft = p->soft;
	sa->hard = p->hard;
	sa->has_count_limits = p->soft.bytes || p->soft.packets ||
			       p->hard.bytes || p->hard.packets;
	/* RFC 4303 3.3.3: never let the sequence number cycle */
	sa->seq_limit = p->crypto.esn ? U64_MAX : U32_MAX;
	atomic64_set(&sa->seq, 0);
	atomic64_set(&sa->bytes, 0);
	atomic64_set(&sa->packets, 0);
	vgate_replay_init(&sa->replay, p->replay_window, p->crypto.esn);

	err = dst_cache_init(&sa->dst_cache, GFP_KERNEL);
	if (err)
		goto err_free;

	sa->stats = vgate_stats_alloc();
	if (!sa->stats) {
		err = -ENOMEM;
		goto err_dst;
	}

	err = vgate_crypto_init(&sa->crypto, &p->crypto, extack);
	if (err)
		goto err_stats;

	if (p->encap_fd >= 0) {
		us = vgate_udp_sock_get(net, p->encap_fd, extack);
		if (IS_ERR_OR_NULL(us)) {
			err = us ? PTR_ERR(us) : -EBADF;
			goto err_crypto;
		}
		sa->us = us;
		sa->ep.local_port = inet_sk(us->sock->sk)->inet_sport;
	}
	return sa;

err_crypto:
	vgate_crypto_destroy(&sa->crypto);
err_stats:
	free_percpu(sa->stats);
err_dst:
	dst_cache_destroy(&sa->dst_cache);
err_free:
	kfree_sensitive(sa);
	return ERR_PTR(err);
}

/**
 * vgate_sa_link - bind a new SA to its access device and make it live
 * @vn: the netns state of @acc
 * @acc: the access device
 * @sa: from vgate_sa_create(); on success its reference belongs to the
 *	links, on failure it is still the caller's
 * @extack: where to explain a refusal
 *
 * An inbound SA enters the SPI table; an outbound one becomes the active
 * SA of @acc if there is none, else it waits for vgate_sa_swap().
 *
 * Context: RTNL held.
 * Return: 0, -ENOSPC (netns SA limit), -EEXIST (SPI taken) or another
 * negative errno.
 */
int vgate_sa_link(struct vgate_net *vn, struct vgate_access *acc,
		  struct vgate_sa *sa, struct netlink_ext_ack *extack)
{
	int err;

	ASSERT_RTNL();

	if (vn->n_sa >= vn->max_sa) {
		VGATE_SET_ERR_MSG_FMT(extack,
				      "this netns reached its SA limit",
				      "this netns reached its SA limit (%u)",
				      vn->max_sa);
		return -ENOSPC;
	}

	/* set before the SA can be found */
	sa->access = acc;
	netdev_hold(acc->dev, &sa->dev_tracker, GFP_KERNEL);

	if (sa->dir == VGATE_SA_DIR_IN) {
		err = rhashtable_lookup_insert_fast(&vn->sa_in, &sa->hnode,
						    vgate_sa_ht_params);
		if (err == -EEXIST)
			VGATE_SET_ERR_MSG_FMT(extack,
					      "inbound SPI already in use in this netns",
					      "inbound SPI 0x%08x is already in use in this netns",
					      sa->spi);
		if (err)
			goto err_put;
	} else if (vgate_sa_find(vn, acc, VGATE_SA_DIR_OUT, sa->spi)) {
		VGATE_SET_ERR_MSG_FMT(extack,
				      "the access device already has an outbound SA with this SPI",
				      "%s already has an outbound SA with SPI 0x%08x",
				      acc->dev->name, sa->spi);
		err = -EEXIST;
		goto err_put;
	}

	list_add_tail_rcu(&sa->node, &acc->sas);
	WRITE_ONCE(acc->n_sa, acc->n_sa + 1);
	WRITE_ONCE(vn->n_sa, vn->n_sa + 1);
	WRITE_ONCE(vn->gen, vn->gen + 1);
	sa->add_jiffies = jiffies;
	if (sa->dir == VGATE_SA_DIR_OUT && !rcu_access_pointer(acc->out_sa))
		rcu_assign_pointer(acc->out_sa, sa);
	vgate_sa_arm_expire(sa);
	return 0;

err_put:
	netdev_put(acc->dev, &sa->dev_tracker);
	sa->access = NULL;
	return err;
}

/**
 * vgate_sa_unlink - delete an SA: no new packet finds it
 * @sa: the SA (a no-op if it is already unlinked)
 * @reason: enum vgate_del_reason
 *
 * Packets in flight keep it until they are done; then it is freed.
 *
 * Context: RTNL held.
 */
void vgate_sa_unlink(struct vgate_sa *sa, u32 reason)
{
	struct vgate_access *acc = sa->access;
	struct vgate_net *vn = vgate_net_get(dev_net(acc->dev));

	ASSERT_RTNL();

	if (test_and_set_bit(VGATE_SA_F_DEAD, &sa->flags))
		return;
	sa->del_reason = reason;
	if (sa->dir == VGATE_SA_DIR_IN)
		rhashtable_remove_fast(&vn->sa_in, &sa->hnode,
				       vgate_sa_ht_params);
	list_del_rcu(&sa->node);
	if (rcu_access_pointer(acc->out_sa) == sa)
		RCU_INIT_POINTER(acc->out_sa, NULL);
	WRITE_ONCE(acc->n_sa, acc->n_sa - 1);
	WRITE_ONCE(vn->n_sa, vn->n_sa - 1);
	WRITE_ONCE(vn->gen, vn->gen + 1);
	if (cancel_delayed_work(&sa->expire_work))
		vgate_sa_put(sa);
	/* the links' reference */
	vgate_sa_put(sa);
}

/**
 * vgate_sa_unlink_all - delete every SA of an access device
 * @acc: the access device
 * @reason: enum vgate_del_reason
 *
 * Context: RTNL held.
 */
void vgate_sa_unlink_all(struct vgate_access *acc, u32 reason)
{
	struct vgate_sa *sa, *tmp;

	ASSERT_RTNL();

	list_for_each_entry_safe(sa, tmp, &acc->sas, node)
		vgate_sa_unlink(sa, reason);
}

/**
 * vgate_sa_lookup_in - the inbound SA with an SPI
 * @vn: the netns state
 * @spi: the SPI, host order
 *
 * Context: rcu_read_lock() held (or RTNL); take a reference with
 * vgate_sa_hold() to use the SA after that.
 * Return: the SA or NULL.
 */
struct vgate_sa *vgate_sa_lookup_in(struct vgate_net *vn, u32 spi)
{
	return rhashtable_lookup(&vn->sa_in, &spi, vgate_sa_ht_params);
}

/**
 * vgate_sa_find - the SA (@dir, @spi) of an access device
 * @vn: the netns state
 * @acc: the access device; NULL for any (inbound SAs only)
 * @dir: enum vgate_sa_dir
 * @spi: the SPI, host order
 *
 * Context: RTNL held.
 * Return: the SA or NULL.
 */
struct vgate_sa *vgate_sa_find(struct vgate_net *vn, struct vgate_access *acc,
			       u32 dir, u32 spi)
{
	struct vgate_sa *sa;

	ASSERT_RTNL();

	if (dir == VGATE_SA_DIR_IN) {
		sa = rhashtable_lookup_fast(&vn->sa_in, &spi,
					    vgate_sa_ht_params);
		return sa && (!acc || sa->access == acc) ? sa : NULL;
	}
	if (!acc)
		return NULL;
	list_for_each_entry(sa, &acc->sas, node)
		if (sa->dir == VGATE_SA_DIR_OUT && sa->spi == spi)
			return sa;
	return NULL;
}

/**
 * vgate_sa_swap - make an outbound SA its device's active one
 * @sa: the linked outbound SA
 *
 * Packets sent from now on use @sa; the SA it replaces is deleted with
 * reason rekeyed, and its packets in flight complete under it.
 *
 * Context: RTNL held.
 */
void vgate_sa_swap(struct vgate_sa *sa)
{
	struct vgate_access *acc = sa->access;
	struct vgate_sa *old;

	ASSERT_RTNL();

	old = rcu_replace_pointer(acc->out_sa, sa, lockdep_rtnl_is_held());
	if (old && old != sa)
		vgate_sa_unlink(old, VGATE_DEL_REASON_REKEYED);
}
