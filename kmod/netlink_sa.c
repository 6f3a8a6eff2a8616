// SPDX-License-Identifier: GPL-2.0
/*
 * vgate: generic-netlink commands on SAs: SA_NEW, SA_DEL, SA_GET, SA_SWAP.
 *
 * Copyright (C) 2026 The vgate authors
 *
 * Same rules as netlink.c: syntactic checks in the policies, semantic
 * ones here with an extack for each, changes under RTNL.  Keys go from the
 * request into the transform and are wiped from the request right after;
 * they are never put into a message.
 */

#include <linux/in.h>
#include <linux/in6.h>
#include <linux/inetdevice.h>
#include <linux/jiffies.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vgate.h>
#include <net/genetlink.h>
#include <net/ipv6.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "access.h"
#include "netlink.h"
#include "netns.h"
#include "sa.h"

/* longest key vgate_crypto_init() might accept; it checks the exact one */
#define VGATE_NL_KEY_MAX	64

static struct netlink_range_validation vgate_nl_sa_ifindex_range = {
	.min = 1, .max = INT_MAX,
};

static struct netlink_range_validation vgate_nl_fd_range = {
	.min = 0, .max = INT_MAX,
};

static int vgate_nl_addr_validate(const struct nlattr *attr,
				  struct netlink_ext_ack *extack)
{
	if (nla_len(attr) == sizeof(struct in_addr) ||
	    nla_len(attr) == sizeof(struct in6_addr))
		return 0;
	NL_SET_ERR_MSG_ATTR(extack, attr,
			    "vgate: an address is 4 (IPv4) or 16 (IPv6) octets");
	return -EINVAL;
}

static const struct nla_policy vgate_lifetime_nl_policy[VGATE_A_LIFETIME_MAX + 1] = {
	[VGATE_A_LIFETIME_BYTES] = { .type = NLA_U64 },
	[VGATE_A_LIFETIME_PACKETS] = { .type = NLA_U64 },
	[VGATE_A_LIFETIME_SECONDS] = { .type = NLA_U64 },
};

static const struct nla_policy vgate_prefix_nl_policy[VGATE_A_PREFIX_MAX + 1] = {
	[VGATE_A_PREFIX_ADDR] = NLA_POLICY_VALIDATE_FN(NLA_BINARY,
						       vgate_nl_addr_validate,
						       sizeof(struct in6_addr)),
	[VGATE_A_PREFIX_LEN] = NLA_POLICY_MAX(NLA_U8, 128),
};

static const struct nla_policy vgate_sa_new_attr_policy[VGATE_A_SA_MAX + 1] = {
	[VGATE_A_SA_ACCESS] = NLA_POLICY_FULL_RANGE(NLA_U32, &vgate_nl_sa_ifindex_range),
	[VGATE_A_SA_DIR] = NLA_POLICY_MAX(NLA_U32, VGATE_SA_DIR_OUT),
	[VGATE_A_SA_SPI] = NLA_POLICY_MIN(NLA_U32, 1),
	[VGATE_A_SA_ENC_ALG] = NLA_POLICY_RANGE(NLA_U32, VGATE_ENC_AES_GCM_16,
						VGATE_ENC_CHACHA20_POLY1305),
	[VGATE_A_SA_ENC_KEY] = { .type = NLA_BINARY, .len = VGATE_NL_KEY_MAX },
	[VGATE_A_SA_INTEG_ALG] = NLA_POLICY_MAX(NLA_U32,
						VGATE_INTEG_HMAC_SHA2_512_256),
	[VGATE_A_SA_INTEG_KEY] = { .type = NLA_BINARY, .len = VGATE_NL_KEY_MAX },
	[VGATE_A_SA_ESN] = { .type = NLA_FLAG },
	[VGATE_A_SA_REPLAY_WINDOW] = NLA_POLICY_MAX(NLA_U32,
						    VGATE_REPLAY_WINDOW_MAX),
	[VGATE_A_SA_LOCAL_ADDR] = NLA_POLICY_VALIDATE_FN(NLA_BINARY,
							 vgate_nl_addr_validate,
							 sizeof(struct in6_addr)),
	[VGATE_A_SA_PEER_ADDR] = NLA_POLICY_VALIDATE_FN(NLA_BINARY,
							vgate_nl_addr_validate,
							sizeof(struct in6_addr)),
	[VGATE_A_SA_ENCAP_FD] = NLA_POLICY_FULL_RANGE(NLA_U32, &vgate_nl_fd_range),
	[VGATE_A_SA_PEER_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[VGATE_A_SA_SOFT] = NLA_POLICY_NESTED(vgate_lifetime_nl_policy),
	[VGATE_A_SA_HARD] = NLA_POLICY_NESTED(vgate_lifetime_nl_policy),
	[VGATE_A_SA_PREFIX] = NLA_POLICY_NESTED(vgate_prefix_nl_policy),
};

const struct nla_policy vgate_sa_new_nl_policy[VGATE_A_MAX + 1] = {
	[VGATE_A_SA] = NLA_POLICY_NESTED(vgate_sa_new_attr_policy),
};

/* what selects one SA: SA_DEL (with a reason) and SA_SWAP */
static const struct nla_policy vgate_sa_sel_attr_policy[VGATE_A_SA_MAX + 1] = {
	[VGATE_A_SA_ACCESS] = NLA_POLICY_FULL_RANGE(NLA_U32, &vgate_nl_sa_ifindex_range),
	[VGATE_A_SA_DIR] = NLA_POLICY_MAX(NLA_U32, VGATE_SA_DIR_OUT),
	[VGATE_A_SA_SPI] = NLA_POLICY_MIN(NLA_U32, 1),
	[VGATE_A_SA_DEL_REASON] = NLA_POLICY_MAX(NLA_U32,
						 VGATE_DEL_REASON_REKEYED),
};

const struct nla_policy vgate_sa_sel_nl_policy[VGATE_A_MAX + 1] = {
	[VGATE_A_SA] = NLA_POLICY_NESTED(vgate_sa_sel_attr_policy),
};

/* SA_GET: the selector (do) or the access device to filter on (dump) */
static const struct nla_policy vgate_sa_get_attr_policy[VGATE_A_SA_MAX + 1] = {
	[VGATE_A_SA_ACCESS] = NLA_POLICY_FULL_RANGE(NLA_U32, &vgate_nl_sa_ifindex_range),
	[VGATE_A_SA_DIR] = NLA_POLICY_MAX(NLA_U32, VGATE_SA_DIR_OUT),
	[VGATE_A_SA_SPI] = NLA_POLICY_MIN(NLA_U32, 1),
};

const struct nla_policy vgate_sa_get_nl_policy[VGATE_A_MAX + 1] = {
	[VGATE_A_SA] = NLA_POLICY_NESTED(vgate_sa_get_attr_policy),
};

static int vgate_nl_lifetime_put(struct sk_buff *skb, int type,
				 const struct vgate_lifetime *lt)
{
	struct nlattr *nest;

	if (!lt->bytes && !lt->packets && !lt->seconds)
		return 0;
	nest = nla_nest_start(skb, type);
	if (!nest ||
	    (lt->bytes &&
	     nla_put_u64_64bit(skb, VGATE_A_LIFETIME_BYTES, lt->bytes,
			       VGATE_A_LIFETIME_PAD)) ||
	    (lt->packets &&
	     nla_put_u64_64bit(skb, VGATE_A_LIFETIME_PACKETS, lt->packets,
			       VGATE_A_LIFETIME_PAD)) ||
	    (lt->seconds &&
	     nla_put_u64_64bit(skb, VGATE_A_LIFETIME_SECONDS, lt->seconds,
			       VGATE_A_LIFETIME_PAD)))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int vgate_nl_addr_put(struct sk_buff *skb, int type, u16 family,
			     const void *addr)
{
	return nla_put(skb, type, family == AF_INET ? sizeof(struct in_addr) :
			sizeof(struct in6_addr), addr);
}

static int vgate_nl_prefixes_put(struct sk_buff *skb, const struct vgate_sa *sa)
{
	const struct vgate_prefix *p;
	struct nlattr *nest;
	unsigned int i;

	for (i = 0; i < sa->n_prefixes; i++) {
		p = &sa->prefixes[i];
		nest = nla_nest_start(skb, VGATE_A_SA_PREFIX);
		if (!nest ||
		    vgate_nl_addr_put(skb, VGATE_A_PREFIX_ADDR, p->family,
				      &p->addr) ||
		    nla_put_u8(skb, VGATE_A_PREFIX_LEN, p->len))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
	}
	return 0;
}

/**
 * vgate_nl_sa_put - put the VGATE_A_SA nest describing an SA (no keys)
 * @skb: the message
 * @sa: the SA
 * @expire: enum vgate_expire_limit for SA_EXPIRE_NTF, -1 otherwise
 * @hard: with @expire: the hard limit
 *
 * Context: any; the caller holds the SA (a reference, RTNL or RCU).
 * Return: 0 or -EMSGSIZE.
 */
int vgate_nl_sa_put(struct sk_buff *skb, struct vgate_sa *sa, int expire,
		    bool hard)
{
	const struct vgate_endpoint *ep = &sa->ep;
	struct nlattr *nest;
	bool active;
	u64 seq;

	if (sa->dir == VGATE_SA_DIR_OUT) {
		seq = min_t(u64, atomic64_read(&sa->seq), sa->seq_limit);
		active = rcu_access_pointer(sa->access->out_sa) == sa;
	} else {
		seq = vgate_replay_top(&sa->replay);
		active = false;
	}

	nest = nla_nest_start(skb, VGATE_A_SA);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, VGATE_A_SA_ACCESS, sa->access->dev->ifindex) ||
	    nla_put_u32(skb, VGATE_A_SA_DIR, sa->dir) ||
	    nla_put_u32(skb, VGATE_A_SA_SPI, sa->spi) ||
	    nla_put_u32(skb, VGATE_A_SA_ENC_ALG, sa->enc_alg) ||
	    nla_put_u32(skb, VGATE_A_SA_ENC_KEY_BITS, sa->crypto.key_bits) ||
	    nla_put_u32(skb, VGATE_A_SA_INTEG_ALG, sa->integ_alg) ||
	    (sa->crypto.esn && nla_put_flag(skb, VGATE_A_SA_ESN)) ||
	    (sa->dir == VGATE_SA_DIR_IN &&
	     nla_put_u32(skb, VGATE_A_SA_REPLAY_WINDOW, sa->replay.window)) ||
	    vgate_nl_addr_put(skb, VGATE_A_SA_LOCAL_ADDR, ep->family,
			      &ep->local) ||
	    vgate_nl_addr_put(skb, VGATE_A_SA_PEER_ADDR, ep->family,
			      &ep->peer) ||
	    (sa->us &&
	     (nla_put_u16(skb, VGATE_A_SA_PEER_PORT, ntohs(ep->peer_port)) ||
	      nla_put_u16(skb, VGATE_A_SA_LOCAL_PORT,
			  ntohs(ep->local_port)))) ||
	    vgate_nl_lifetime_put(skb, VGATE_A_SA_SOFT, &sa->soft) ||
	    vgate_nl_lifetime_put(skb, VGATE_A_SA_HARD, &sa->hard) ||
	    vgate_nl_prefixes_put(skb, sa) ||
	    vgate_nl_stats_put(skb, VGATE_A_SA_STATS, sa->stats) ||
	    nla_put_u64_64bit(skb, VGATE_A_SA_SEQ, seq, VGATE_A_SA_PAD) ||
	    nla_put_u64_64bit(skb, VGATE_A_SA_ADD_TIME,
			      (jiffies - sa->add_jiffies) / HZ,
			      VGATE_A_SA_PAD) ||
	    (active && nla_put_flag(skb, VGATE_A_SA_ACTIVE)) ||
	    (expire >= 0 && hard &&
	     nla_put_flag(skb, VGATE_A_SA_EXPIRE_HARD)) ||
	    (expire >= 0 &&
	     nla_put_u32(skb, VGATE_A_SA_EXPIRE_LIMIT, expire))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* an address attribute (4 or 16 octets, policy-checked) into @family/@a */
static void vgate_nl_addr_get(const struct nlattr *attr, u16 *family, void *a)
{
	*family = nla_len(attr) == sizeof(struct in_addr) ? AF_INET : AF_INET6;
	memcpy(a, nla_data(attr), nla_len(attr));
}

static void vgate_nl_lifetime_get(const struct nlattr *nest,
				  struct vgate_lifetime *lt)
{
	struct nlattr *tb[VGATE_A_LIFETIME_MAX + 1];

	memset(lt, 0, sizeof(*lt));
	if (!nest || nla_parse_nested(tb, VGATE_A_LIFETIME_MAX, nest,
				      vgate_lifetime_nl_policy, NULL))
		return;
	if (tb[VGATE_A_LIFETIME_BYTES])
		lt->bytes = nla_get_u64(tb[VGATE_A_LIFETIME_BYTES]);
	if (tb[VGATE_A_LIFETIME_PACKETS])
		lt->packets = nla_get_u64(tb[VGATE_A_LIFETIME_PACKETS]);
	if (tb[VGATE_A_LIFETIME_SECONDS])
		lt->seconds = nla_get_u64(tb[VGATE_A_LIFETIME_SECONDS]);
}

/* the soft limit of one kind must not lie beyond the hard one */
static int vgate_nl_lifetime_check(struct nlattr **tb,
				   const struct vgate_sa_params *p,
				   struct netlink_ext_ack *extack)
{
	if ((p->soft.bytes && p->hard.bytes && p->soft.bytes > p->hard.bytes) ||
	    (p->soft.packets && p->hard.packets &&
	     p->soft.packets > p->hard.packets) ||
	    (p->soft.seconds && p->hard.seconds &&
	     p->soft.seconds > p->hard.seconds)) {
		NL_SET_BAD_ATTR(extack, tb[VGATE_A_SA_SOFT]);
		NL_SET_ERR_MSG_MOD(extack,
				   "a soft lifetime limit lies beyond the hard one");
		return -EINVAL;
	}
	return 0;
}

static int vgate_nl_prefix_get(const struct nlattr *nest,
			       struct vgate_prefix *pfx,
			       struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VGATE_A_PREFIX_MAX + 1];
	struct in6_addr addr6;
	unsigned int max;
	int err;

	err = nla_parse_nested(tb, VGATE_A_PREFIX_MAX, nest,
			       vgate_prefix_nl_policy, extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(extack, nest, tb, VGATE_A_PREFIX_ADDR) ||
	    NL_REQ_ATTR_CHECK(extack, nest, tb, VGATE_A_PREFIX_LEN)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "an inner prefix needs an address and a length");
		return -EINVAL;
	}
	vgate_nl_addr_get(tb[VGATE_A_PREFIX_ADDR], &pfx->family, &pfx->addr);
	pfx->len = nla_get_u8(tb[VGATE_A_PREFIX_LEN]);
	max = pfx->family == AF_INET ? 32 : 128;
	if (pfx->len > max) {
		NL_SET_BAD_ATTR(extack, tb[VGATE_A_PREFIX_LEN]);
		VGATE_SET_ERR_MSG_FMT(extack,
				      "prefix length too long for its address family",
				      "prefix length %u is longer than %u",
				      pfx->len, max);
		return -EINVAL;
	}
	/* keep only the network part (ipv6_addr_prefix() is not in place) */
	if (pfx->family == AF_INET) {
		pfx->addr.v4 &= inet_make_mask(pfx->len);
	} else {
		addr6 = pfx->addr.v6;
		ipv6_addr_prefix(&pfx->addr.v6, &addr6, pfx->len);
	}
	return 0;
}

/* fill @p from SA_NEW's VGATE_A_SA nest @tb, checking what policies can't */
static int vgate_nl_sa_params(struct nlattr *nest, struct nlattr **tb,
			      struct vgate_sa_params *p,
			      struct netlink_ext_ack *extack)
{
	u16 peer_family;
	struct nlattr *a;
	int rem, err;

	if (NL_REQ_ATTR_CHECK(extack, nest, tb, VGATE_A_SA_ACCESS) ||
	    NL_REQ_ATTR_CHECK(extack, nest, tb, VGATE_A_SA_DIR) ||
	    NL_REQ_ATTR_CHECK(extack, nest, tb, VGATE_A_SA_SPI) ||
	    NL_REQ_ATTR_CHECK(extack, nest, tb, VGATE_A_SA_ENC_ALG) ||
	    NL_REQ_ATTR_CHECK(extack, nest, tb, VGATE_A_SA_ENC_KEY) ||
	    NL_REQ_ATTR_CHECK(extack, nest, tb, VGATE_A_SA_LOCAL_ADDR) ||
	    NL_REQ_ATTR_CHECK(extack, nest, tb, VGATE_A_SA_PEER_ADDR)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "an SA needs access, dir, spi, enc-alg, enc-key, local-addr and peer-addr");
		return -EINVAL;
	}

	p->ifindex = nla_get_u32(tb[VGATE_A_SA_ACCESS]);
	p->dir = nla_get_u32(tb[VGATE_A_SA_DIR]);
	p->spi = nla_get_u32(tb[VGATE_A_SA_SPI]);
	p->crypto.enc_alg = nla_get_u32(tb[VGATE_A_SA_ENC_ALG]);
	p->crypto.enc_key = nla_data(tb[VGATE_A_SA_ENC_KEY]);
	p->crypto.enc_key_len = nla_len(tb[VGATE_A_SA_ENC_KEY]);
	if (tb[VGATE_A_SA_INTEG_ALG])
		p->crypto.integ_alg = nla_get_u32(tb[VGATE_A_SA_INTEG_ALG]);
	if (tb[VGATE_A_SA_INTEG_KEY]) {
		p->crypto.integ_key = nla_data(tb[VGATE_A_SA_INTEG_KEY]);
		p->crypto.integ_key_len = nla_len(tb[VGATE_A_SA_INTEG_KEY]);
	}
	p->crypto.esn = nla_get_flag(tb[VGATE_A_SA_ESN]);
	p->replay_window = tb[VGATE_A_SA_REPLAY_WINDOW] ?
			   nla_get_u32(tb[VGATE_A_SA_REPLAY_WINDOW]) :
			   VGATE_REPLAY_WINDOW_DEFAULT;
	if (p->dir == VGATE_SA_DIR_OUT)
		p->replay_window = 0;

	vgate_nl_addr_get(tb[VGATE_A_SA_LOCAL_ADDR], &p->ep.family,
			  &p->ep.local);
	vgate_nl_addr_get(tb[VGATE_A_SA_PEER_ADDR], &peer_family,
			  &p->ep.peer);
	if (peer_family != p->ep.family) {
		NL_SET_BAD_ATTR(extack, tb[VGATE_A_SA_PEER_ADDR]);
		NL_SET_ERR_MSG_MOD(extack,
				   "local and peer addresses are of different families");
		return -EINVAL;
	}

	p->encap_fd = -1;
	if (tb[VGATE_A_SA_ENCAP_FD]) {
		if (NL_REQ_ATTR_CHECK(extack, nest, tb, VGATE_A_SA_PEER_PORT)) {
			NL_SET_ERR_MSG_MOD(extack,
					   "UDP encapsulation needs the peer port");
			return -EINVAL;
		}
		p->encap_fd = nla_get_u32(tb[VGATE_A_SA_ENCAP_FD]);
		p->ep.peer_port = htons(nla_get_u16(tb[VGATE_A_SA_PEER_PORT]));
	} else if (tb[VGATE_A_SA_PEER_PORT]) {
		NL_SET_BAD_ATTR(extack, tb[VGATE_A_SA_PEER_PORT]);
		NL_SET_ERR_MSG_MOD(extack,
				   "a peer port needs UDP encapsulation (encap-fd)");
		return -EINVAL;
	}

	vgate_nl_lifetime_get(tb[VGATE_A_SA_SOFT], &p->soft);
	vgate_nl_lifetime_get(tb[VGATE_A_SA_HARD], &p->hard);
	err = vgate_nl_lifetime_check(tb, p, extack);
	if (err)
		return err;

	nla_for_each_nested(a, nest, rem) {
		if (nla_type(a) != VGATE_A_SA_PREFIX)
			continue;
		if (p->dir != VGATE_SA_DIR_IN) {
			NL_SET_BAD_ATTR(extack, a);
			NL_SET_ERR_MSG_MOD(extack,
					   "inner prefixes belong to inbound SAs only");
			return -EINVAL;
		}
		if (p->n_prefixes == VGATE_SA_PREFIXES_MAX) {
			NL_SET_BAD_ATTR(extack, a);
			VGATE_SET_ERR_MSG_FMT(extack,
					      "too many inner prefixes",
					      "more than %u inner prefixes",
					      VGATE_SA_PREFIXES_MAX);
			return -E2BIG;
		}
		err = vgate_nl_prefix_get(a, &p->prefixes[p->n_prefixes],
					  extack);
		if (err)
			return err;
		p->n_prefixes++;
	}
	return 0;
}

/**
 * vgate_nl_sa_new_doit - SA_NEW
 * @skb: the request
 * @info: its parsed form
 *
 * Context: process context.
 * Return: 0 or a negative errno, explained in the extack.
 */
int vgate_nl_sa_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct net *net = genl_info_net(info);
	struct vgate_net *vn = vgate_net_get(net);
	struct nlattr *tb[VGATE_A_SA_MAX + 1];
	struct vgate_sa_params *p;
	struct vgate_access *acc;
	struct vgate_sa *sa;
	int err;

	err = vgate_nl_nest_parse(info, VGATE_A_SA, VGATE_A_SA_MAX,
				  vgate_sa_new_attr_policy, tb,
				  "missing VGATE_A_SA nest");
	if (err)
		return err;

	/* params hold up to VGATE_SA_PREFIXES_MAX prefixes: not on the stack */
	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	err = vgate_nl_sa_params(info->attrs[VGATE_A_SA], tb, p, extack);
	if (err)
		goto out_wipe;

	/* an early answer for the common mistake, before keying anything */
	rcu_read_lock();
	acc = vgate_nl_access_select(net, tb[VGATE_A_SA_ACCESS], extack);
	rcu_read_unlock();
	if (IS_ERR(acc)) {
		err = PTR_ERR(acc);
		goto out_wipe;
	}

	sa = vgate_sa_create(net, p, extack);
	if (IS_ERR(sa)) {
		err = PTR_ERR(sa);
		if (err == -EINVAL && !extack->_msg)
			NL_SET_ERR_MSG_MOD(extack, "invalid algorithm or key");
		goto out_wipe;
	}

	rtnl_lock();
	rcu_read_lock();
	acc = vgate_nl_access_select(net, tb[VGATE_A_SA_ACCESS], extack);
	rcu_read_unlock();
	err = IS_ERR(acc) ? PTR_ERR(acc) : vgate_sa_link(vn, acc, sa, extack);
	if (err == -EEXIST)
		NL_SET_BAD_ATTR(extack, tb[VGATE_A_SA_SPI]);
	rtnl_unlock();
	if (err)
		vgate_sa_put(sa);

out_wipe:
	/* the keys now live in the transform only */
	if (tb[VGATE_A_SA_ENC_KEY])
		memzero_explicit(nla_data(tb[VGATE_A_SA_ENC_KEY]),
				 nla_len(tb[VGATE_A_SA_ENC_KEY]));
	if (tb[VGATE_A_SA_INTEG_KEY])
		memzero_explicit(nla_data(tb[VGATE_A_SA_INTEG_KEY]),
				 nla_len(tb[VGATE_A_SA_INTEG_KEY]));
	kfree(p);
	return err;
}

/*
 * The SA a request selects: (access, dir, spi); dir defaults to inbound,
 * where the SPI alone is enough.
 *
 * Context: rcu_read_lock() held.
 */
static struct vgate_sa *vgate_nl_sa_select(struct net *net, struct nlattr *nest,
					   struct nlattr **tb,
					   struct netlink_ext_ack *extack)
{
	struct vgate_net *vn = vgate_net_get(net);
	struct vgate_access *acc = NULL;
	struct vgate_sa *sa;
	u32 dir, spi;

	if (NL_REQ_ATTR_CHECK(extack, nest, tb, VGATE_A_SA_SPI)) {
		NL_SET_ERR_MSG_MOD(extack, "missing SPI");
		return ERR_PTR(-EINVAL);
	}
	spi = nla_get_u32(tb[VGATE_A_SA_SPI]);
	dir = tb[VGATE_A_SA_DIR] ? nla_get_u32(tb[VGATE_A_SA_DIR]) :
				   VGATE_SA_DIR_IN;
	if (dir == VGATE_SA_DIR_OUT || tb[VGATE_A_SA_ACCESS]) {
		acc = vgate_nl_access_select(net, tb[VGATE_A_SA_ACCESS],
					     extack);
		if (IS_ERR(acc))
			return ERR_CAST(acc);
	}

	if (dir == VGATE_SA_DIR_IN) {
		sa = vgate_sa_lookup_in(vn, spi);
		if (sa && (!acc || sa->access == acc))
			return sa;
		NL_SET_BAD_ATTR(extack, tb[VGATE_A_SA_SPI]);
		VGATE_SET_ERR_MSG_FMT(extack, "no inbound SA with this SPI",
				      "no inbound SA with SPI 0x%08x%s%s", spi,
				      acc ? " on " : "",
				      acc ? acc->dev->name : "");
		return ERR_PTR(-ENOENT);
	}
	list_for_each_entry_rcu(sa, &acc->sas, node)
		if (sa->dir == VGATE_SA_DIR_OUT && sa->spi == spi)
			return sa;
	NL_SET_BAD_ATTR(extack, tb[VGATE_A_SA_SPI]);
	VGATE_SET_ERR_MSG_FMT(extack, "no outbound SA with this SPI",
			      "no outbound SA with SPI 0x%08x on %s", spi,
			      acc->dev->name);
	return ERR_PTR(-ENOENT);
}

/**
 * vgate_nl_sa_del_doit - SA_DEL
 * @skb: the request
 * @info: its parsed form
 *
 * Context: process context.
 * Return: 0 or a negative errno, explained in the extack.
 */
int vgate_nl_sa_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VGATE_A_SA_MAX + 1];
	u32 reason = VGATE_DEL_REASON_USERSPACE;
	struct vgate_sa *sa;
	int err;

	err = vgate_nl_nest_parse(info, VGATE_A_SA, VGATE_A_SA_MAX,
				  vgate_sa_sel_attr_policy, tb,
				  "missing VGATE_A_SA nest");
	if (err)
		return err;
	if (tb[VGATE_A_SA_DEL_REASON])
		reason = nla_get_u32(tb[VGATE_A_SA_DEL_REASON]);

	rtnl_lock();
	rcu_read_lock();
	sa = vgate_nl_sa_select(genl_info_net(info), info->attrs[VGATE_A_SA],
				tb, info->extack);
	rcu_read_unlock();
	/* RTNL keeps a linked SA linked */
	if (IS_ERR(sa))
		err = PTR_ERR(sa);
	else
		vgate_sa_unlink(sa, reason);
	rtnl_unlock();
	return err;
}

/**
 * vgate_nl_sa_swap_doit - SA_SWAP
 * @skb: the request
 * @info: its parsed form
 *
 * Context: process context.
 * Return: 0 or a negative errno, explained in the extack.
 */
int vgate_nl_sa_swap_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VGATE_A_SA_MAX + 1];
	struct vgate_sa *sa;
	int err;

	err = vgate_nl_nest_parse(info, VGATE_A_SA, VGATE_A_SA_MAX,
				  vgate_sa_sel_attr_policy, tb,
				  "missing VGATE_A_SA nest");
	if (err)
		return err;
	if (!tb[VGATE_A_SA_DIR] ||
	    nla_get_u32(tb[VGATE_A_SA_DIR]) != VGATE_SA_DIR_OUT) {
		NL_SET_BAD_ATTR(info->extack, tb[VGATE_A_SA_DIR]);
		NL_SET_ERR_MSG_MOD(info->extack,
				   "only an outbound SA (dir out) can become the active one");
		return -EINVAL;
	}

	rtnl_lock();
	rcu_read_lock();
	sa = vgate_nl_sa_select(genl_info_net(info), info->attrs[VGATE_A_SA],
				tb, info->extack);
	rcu_read_unlock();
	if (IS_ERR(sa))
		err = PTR_ERR(sa);
	else
		vgate_sa_swap(sa);
	rtnl_unlock();
	return err;
}

/**
 * vgate_nl_sa_get_doit - SA_GET (do)
 * @skb: the request
 * @info: its parsed form
 *
 * Context: process context.
 * Return: 0 or a negative errno, explained in the extack.
 */
int vgate_nl_sa_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VGATE_A_SA_MAX + 1];
	struct vgate_sa *sa;
	struct sk_buff *msg;
	void *hdr;
	int err;

	err = vgate_nl_nest_parse(info, VGATE_A_SA, VGATE_A_SA_MAX,
				  vgate_sa_get_attr_policy, tb,
				  "missing VGATE_A_SA nest");
	if (err)
		return err;

	msg = vgate_nl_reply_new(info, VGATE_CMD_SA_GET, &hdr);
	if (IS_ERR(msg))
		return PTR_ERR(msg);

	rcu_read_lock();
	sa = vgate_nl_sa_select(genl_info_net(info), info->attrs[VGATE_A_SA],
				tb, info->extack);
	if (IS_ERR(sa)) {
		err = PTR_ERR(sa);
		goto err_unlock;
	}
	err = vgate_nl_sa_put(msg, sa, -1, false);
	if (err)
		goto err_unlock;
	rcu_read_unlock();

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_unlock:
	rcu_read_unlock();
	nlmsg_free(msg);
	return err;
}

/**
 * vgate_nl_sa_get_dumpit - SA_GET (dump): every SA of the caller's netns,
 *	or of one access device
 * @skb: the message being filled
 * @cb: the dump's state: cb->args[0] counts the SAs already sent
 *
 * A change of the access devices or SAs between two parts of the dump sets
 * NLM_F_DUMP_INTR.
 *
 * Context: process context.
 * Return: the message's length, 0 at the end.
 */
int vgate_nl_sa_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct vgate_net *vn = vgate_net_get(sock_net(skb->sk));
	unsigned long skip = cb->args[0], idx = 0;
	struct nlattr *tb[VGATE_A_SA_MAX + 1];
	struct vgate_access *acc;
	struct nlattr *nest;
	struct vgate_sa *sa;
	int ifindex = 0;
	void *hdr;

	nest = vgate_nl_dump_nest(cb, VGATE_A_SA, vgate_sa_get_nl_policy);
	if (nest &&
	    !nla_parse_nested(tb, VGATE_A_SA_MAX, nest,
			      vgate_sa_get_attr_policy, NULL) &&
	    tb[VGATE_A_SA_ACCESS])
		ifindex = nla_get_u32(tb[VGATE_A_SA_ACCESS]);

	rcu_read_lock();
	cb->seq = READ_ONCE(vn->gen);
	list_for_each_entry_rcu(acc, &vn->access, node) {
		if (ifindex && acc->dev->ifindex != ifindex)
			continue;
		list_for_each_entry_rcu(sa, &acc->sas, node) {
			if (idx < skip) {
				idx++;
				continue;
			}
			hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
					  cb->nlh->nlmsg_seq, &vgate_nl_family,
					  NLM_F_MULTI, VGATE_CMD_SA_GET);
			if (!hdr)
				goto out;
			genl_dump_check_consistent(cb, hdr);
			if (vgate_nl_sa_put(skb, sa, -1, false)) {
				genlmsg_cancel(skb, hdr);
				goto out;
			}
			genlmsg_end(skb, hdr);
			idx++;
		}
	}
out:
	rcu_read_unlock();
	cb->args[0] = idx;
	return skb->len;
}
