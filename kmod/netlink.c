// SPDX-License-Identifier: GPL-2.0
/*
 * vgate: generic-netlink family "vgate" (Documentation/netlink/specs/vgate.yaml):
 * the family, templates, access devices, netns limits.  SAs are in
 * netlink_sa.c.
 *
 * Copyright (C) 2026 The vgate authors
 *
 * Policies do the syntactic checks (strict validation: unknown attributes
 * and wrong types are rejected by the core); handlers do the semantic ones
 * and explain every rejection in the extack.  Each command has its own
 * policy, which lists only the attributes a request of it may carry, so
 * read-only attributes in a request are refused as unsupported.
 *
 * The ops table is written by hand in the genl_ops + family form that
 * builds on 6.1 (no genl_split_ops there) as well as on later kernels.
 *
 * Permissions: TEMPLATE_GET, ACCESS_GET and NET_GET only read what
 * "ip -d link show" shows any user, so they need no privilege.  SA_GET
 * (like "ip xfrm state") and every command that changes state need
 * GENL_UNS_ADMIN_PERM: CAP_NET_ADMIN in the user namespace owning the
 * caller's netns.  So does joining the "events" group.
 *
 * Locking: every state-changing command runs under RTNL, the one lock of
 * vgate's control plane (see sa.h); reads and dumps run under
 * rcu_read_lock().
 */

#include <linux/if.h>
#include <linux/netdevice.h>
#include <linux/rculist.h>
#include <linux/rtnetlink.h>
#include <linux/vgate.h>
#include <net/genetlink.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "access.h"
#include "netlink.h"
#include "netns.h"
#include "sa.h"
#include "template.h"

/* cleared (then an RCU grace period) before the family goes away */
static bool vgate_nl_live;

/*
 * Ranges beyond what NLA_POLICY_RANGE's s16 bounds can say (not const:
 * 6.1's policy points at them through a non-const pointer).
 */
static struct netlink_range_validation vgate_nl_ifindex_range = {
	.min = 1, .max = INT_MAX,
};

static struct netlink_range_validation vgate_nl_unnumbered_range = {
	.min = 0, .max = INT_MAX,
};

static struct netlink_range_validation vgate_nl_max_access_range = {
	.min = 1, .max = VGATE_TMPL_MAX_ACCESS_LIMIT,
};

static struct netlink_range_validation vgate_nl_max_sa_range = {
	.min = 1, .max = VGATE_NET_MAX_SA_LIMIT,
};

/* what selects one template in a request */
static const struct nla_policy vgate_tmpl_select_nl_policy[VGATE_A_TMPL_MAX + 1] = {
	[VGATE_A_TMPL_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VGATE_A_TMPL_IFNAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
};

static const struct nla_policy vgate_template_get_nl_policy[VGATE_A_MAX + 1] = {
	[VGATE_A_TEMPLATE] = NLA_POLICY_NESTED(vgate_tmpl_select_nl_policy),
};

static const struct nla_policy vgate_tmpl_set_nl_policy[VGATE_A_TMPL_MAX + 1] = {
	[VGATE_A_TMPL_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VGATE_A_TMPL_IFNAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[VGATE_A_TMPL_UNNUMBERED] = NLA_POLICY_FULL_RANGE(NLA_U32, &vgate_nl_unnumbered_range),
	[VGATE_A_TMPL_MAX_ACCESS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &vgate_nl_max_access_range),
};

static const struct nla_policy vgate_template_set_nl_policy[VGATE_A_MAX + 1] = {
	[VGATE_A_TEMPLATE] = NLA_POLICY_NESTED(vgate_tmpl_set_nl_policy),
};

static const struct nla_policy vgate_access_new_attr_policy[VGATE_A_ACCESS_MAX + 1] = {
	[VGATE_A_ACCESS_TEMPLATE] = NLA_POLICY_FULL_RANGE(NLA_U32, &vgate_nl_ifindex_range),
	[VGATE_A_ACCESS_NO_IPV6] = { .type = NLA_FLAG },
};

static const struct nla_policy vgate_access_new_nl_policy[VGATE_A_MAX + 1] = {
	[VGATE_A_ACCESS] = NLA_POLICY_NESTED(vgate_access_new_attr_policy),
};

static const struct nla_policy vgate_access_del_attr_policy[VGATE_A_ACCESS_MAX + 1] = {
	[VGATE_A_ACCESS_IFINDEX] = NLA_POLICY_FULL_RANGE(NLA_U32, &vgate_nl_ifindex_range),
	[VGATE_A_ACCESS_DEL_REASON] =
		NLA_POLICY_MAX(NLA_U32, VGATE_DEL_REASON_REKEYED),
};

static const struct nla_policy vgate_access_del_nl_policy[VGATE_A_MAX + 1] = {
	[VGATE_A_ACCESS] = NLA_POLICY_NESTED(vgate_access_del_attr_policy),
};

static const struct nla_policy vgate_access_get_attr_policy[VGATE_A_ACCESS_MAX + 1] = {
	[VGATE_A_ACCESS_IFINDEX] = NLA_POLICY_FULL_RANGE(NLA_U32, &vgate_nl_ifindex_range),
	[VGATE_A_ACCESS_TEMPLATE] = NLA_POLICY_FULL_RANGE(NLA_U32, &vgate_nl_ifindex_range),
};

static const struct nla_policy vgate_access_get_nl_policy[VGATE_A_MAX + 1] = {
	[VGATE_A_ACCESS] = NLA_POLICY_NESTED(vgate_access_get_attr_policy),
};

static const struct nla_policy vgate_net_set_attr_policy[VGATE_A_NET_MAX + 1] = {
	[VGATE_A_NET_MAX_SA] = NLA_POLICY_FULL_RANGE(NLA_U32,
						     &vgate_nl_max_sa_range),
};

static const struct nla_policy vgate_net_set_nl_policy[VGATE_A_MAX + 1] = {
	[VGATE_A_NET] = NLA_POLICY_NESTED(vgate_net_set_attr_policy),
};

static const struct nla_policy vgate_net_get_nl_policy[VGATE_A_MAX + 1] = {
};

/**
 * vgate_nl_multicast - send a notification to the "events" group
 * @net: the netns it concerns; only listeners in it get it
 * @msg: the message, consumed
 * @gfp: allocation context
 *
 * Context: any.
 */
void vgate_nl_multicast(struct net *net, struct sk_buff *msg, gfp_t gfp)
{
	rcu_read_lock();
	if (READ_ONCE(vgate_nl_live))
		genlmsg_multicast_netns(&vgate_nl_family, net, msg, 0, 0, gfp);
	else
		nlmsg_free(msg);
	rcu_read_unlock();
}

/**
 * vgate_nl_dump_nest - a top-level attribute of a dump request
 * @cb: the dump
 * @type: the attribute's type
 * @policy: the request's (top-level) policy, already checked by the core
 *
 * Parsed here rather than taken from the core's parse, whose place moved
 * between 6.1 (genl_dumpit_info) and 6.12 (genl_info_dump).
 *
 * Context: process context.
 * Return: the attribute or NULL.
 */
struct nlattr *vgate_nl_dump_nest(struct netlink_callback *cb, int type,
				  const struct nla_policy *policy)
{
	struct nlattr *tb[VGATE_A_MAX + 1];

	if (nlmsg_parse(cb->nlh, GENL_HDRLEN, tb, VGATE_A_MAX, policy, NULL))
		return NULL;
	return tb[type];
}

/**
 * vgate_nl_stats_put - put a nest of enum vgate_a_stats counters
 * @skb: the message
 * @attrtype: the nest's type
 * @stats: the counters
 *
 * Context: any.
 * Return: 0 or -EMSGSIZE.
 */
int vgate_nl_stats_put(struct sk_buff *skb, int attrtype,
		       struct vgate_stats __percpu *stats)
{
	u64 c[__VGATE_A_STATS_MAX];
	struct nlattr *nest;
	int i;

	vgate_stats_read(stats, c);
	nest = nla_nest_start(skb, attrtype);
	if (!nest)
		return -EMSGSIZE;
	for (i = VGATE_A_STATS_RX_PACKETS; i <= VGATE_A_STATS_MALFORMED; i++) {
		if (nla_put_u64_64bit(skb, i, c[i], VGATE_A_STATS_PAD)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * The template a request selects in its VGATE_A_TEMPLATE nest (already
 * parsed into @tb), by ifindex or, when no ifindex is given, by name;
 * always in the caller's netns.
 *
 * Context: rcu_read_lock() held; the template stays valid until it is
 * dropped (or as long as RTNL is held, if it is).
 */
static struct vgate_tmpl *vgate_nl_tmpl_select(struct genl_info *info,
					       struct nlattr **tb)
{
	struct netlink_ext_ack *extack = info->extack;
	struct net *net = genl_info_net(info);
	struct vgate_tmpl *tmpl;
	struct net_device *dev;
	struct nlattr *attr;
	u32 ifindex;

	if (tb[VGATE_A_TMPL_IFINDEX]) {
		attr = tb[VGATE_A_TMPL_IFINDEX];
		ifindex = nla_get_u32(attr);
		dev = ifindex <= INT_MAX ? dev_get_by_index_rcu(net, ifindex) :
					   NULL;
		if (!dev) {
			NL_SET_BAD_ATTR(extack, attr);
			VGATE_SET_ERR_MSG_FMT(extack,
					      "no vgate template with this ifindex",
					      "no vgate template with ifindex %u",
					      ifindex);
			return ERR_PTR(-ENODEV);
		}
	} else if (tb[VGATE_A_TMPL_IFNAME]) {
		attr = tb[VGATE_A_TMPL_IFNAME];
		dev = dev_get_by_name_rcu(net, nla_data(attr));
		if (!dev) {
			NL_SET_BAD_ATTR(extack, attr);
			VGATE_SET_ERR_MSG_FMT(extack,
					      "no vgate template with this name",
					      "no vgate template named \"%s\"",
					      (const char *)nla_data(attr));
			return ERR_PTR(-ENODEV);
		}
	} else {
		NL_SET_ERR_ATTR_MISS(extack, info->attrs[VGATE_A_TEMPLATE],
				     VGATE_A_TMPL_IFINDEX);
		NL_SET_ERR_MSG_MOD(extack,
				   "missing template selector: the VGATE_A_TEMPLATE nest needs an ifindex or an ifname");
		return ERR_PTR(-EINVAL);
	}

	tmpl = vgate_tmpl_from_dev(dev);
	if (!tmpl) {
		NL_SET_BAD_ATTR(extack, attr);
		VGATE_SET_ERR_MSG_FMT(extack,
				      "device is not a vgate template",
				      "device %s (ifindex %d) is not a vgate template",
				      dev->name, dev->ifindex);
		return ERR_PTR(-EINVAL);
	}
	return tmpl;
}

/* parse the VGATE_A_TEMPLATE nest of a request into @tb */
static int vgate_nl_tmpl_parse(struct genl_info *info,
			       const struct nla_policy *policy,
			       struct nlattr **tb)
{
	if (GENL_REQ_ATTR_CHECK(info, VGATE_A_TEMPLATE)) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "missing template selector: give a VGATE_A_TEMPLATE nest with an ifindex or an ifname");
		return -EINVAL;
	}
	/* already validated against the same policy by the core */
	return nla_parse_nested(tb, VGATE_A_TMPL_MAX,
				info->attrs[VGATE_A_TEMPLATE], policy,
				info->extack);
}

/*
 * Put the VGATE_A_TEMPLATE nest describing @tmpl.  A rename racing with a
 * lockless reader may show either name; the rest are single words.
 *
 * Context: RTNL or rcu_read_lock() held.
 */
static int vgate_nl_tmpl_put(struct sk_buff *skb, const struct vgate_tmpl *tmpl)
{
	const struct net_device *dev = tmpl->dev;
	int unnumbered = READ_ONCE(tmpl->unnumbered);
	struct nlattr *nest;

	nest = nla_nest_start(skb, VGATE_A_TEMPLATE);
	if (!nest)
		return -EMSGSIZE;

	if (nla_put_u32(skb, VGATE_A_TMPL_IFINDEX, dev->ifindex) ||
	    nla_put_string(skb, VGATE_A_TMPL_IFNAME, dev->name) ||
	    nla_put_u32(skb, VGATE_A_TMPL_MTU, READ_ONCE(dev->mtu)) ||
	    (unnumbered &&
	     nla_put_u32(skb, VGATE_A_TMPL_UNNUMBERED, unnumbered)) ||
	    nla_put_u32(skb, VGATE_A_TMPL_MAX_ACCESS,
			READ_ONCE(tmpl->max_access)) ||
	    nla_put_u32(skb, VGATE_A_TMPL_N_ACCESS,
			READ_ONCE(tmpl->n_access))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}

	nla_nest_end(skb, nest);
	return 0;
}

/**
 * vgate_nl_reply_new - a reply to a do request, its genl header in place
 * @info: the request
 * @cmd: the command the reply carries
 * @hdr: set to the genl header, for genlmsg_end()
 *
 * Context: process context.
 * Return: the message, or ERR_PTR(-ENOMEM) or ERR_PTR(-EMSGSIZE).
 */
struct sk_buff *vgate_nl_reply_new(struct genl_info *info, u8 cmd, void **hdr)
{
	struct sk_buff *msg;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return ERR_PTR(-ENOMEM);
	*hdr = genlmsg_put_reply(msg, info, &vgate_nl_family, 0, cmd);
	if (!*hdr) {
		nlmsg_free(msg);
		return ERR_PTR(-EMSGSIZE);
	}
	return msg;
}

static int vgate_nl_tmpl_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VGATE_A_TMPL_MAX + 1];
	struct vgate_tmpl *tmpl;
	struct sk_buff *msg;
	void *hdr;
	int err;

	err = vgate_nl_tmpl_parse(info, vgate_tmpl_select_nl_policy, tb);
	if (err)
		return err;

	msg = vgate_nl_reply_new(info, VGATE_CMD_TEMPLATE_GET, &hdr);
	if (IS_ERR(msg))
		return PTR_ERR(msg);

	rcu_read_lock();
	tmpl = vgate_nl_tmpl_select(info, tb);
	if (IS_ERR(tmpl)) {
		err = PTR_ERR(tmpl);
		goto err_unlock;
	}
	err = vgate_nl_tmpl_put(msg, tmpl);
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

/*
 * Every template of the caller's netns, resuming at the index saved in
 * cb->args[0].  A change of the list between two parts of the dump sets
 * NLM_F_DUMP_INTR on the later messages.
 */
static int vgate_nl_tmpl_get_dumpit(struct sk_buff *skb,
				    struct netlink_callback *cb)
{
	struct vgate_net *vn = vgate_net_get(sock_net(skb->sk));
	unsigned long skip = cb->args[0], idx = 0;
	struct vgate_tmpl *tmpl;
	void *hdr;

	rcu_read_lock();
	cb->seq = READ_ONCE(vn->tmpls_gen);
	list_for_each_entry_rcu(tmpl, &vn->tmpls, node) {
		if (idx < skip) {
			idx++;
			continue;
		}
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &vgate_nl_family,
				  NLM_F_MULTI, VGATE_CMD_TEMPLATE_GET);
		if (!hdr)
			break;
		genl_dump_check_consistent(cb, hdr);
		if (vgate_nl_tmpl_put(skb, tmpl)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		idx++;
	}
	rcu_read_unlock();

	cb->args[0] = idx;
	return skb->len;
}

static int vgate_nl_tmpl_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *tb[VGATE_A_TMPL_MAX + 1];
	struct net *net = genl_info_net(info);
	struct net_device *udev;
	struct vgate_tmpl *tmpl;
	u32 unnumbered;
	int err;

	err = vgate_nl_tmpl_parse(info, vgate_tmpl_set_nl_policy, tb);
	if (err)
		return err;

	rtnl_lock();
	rcu_read_lock();
	tmpl = vgate_nl_tmpl_select(info, tb);
	rcu_read_unlock();
	if (IS_ERR(tmpl)) {
		err = PTR_ERR(tmpl);
		goto out_unlock;
	}

	if (tb[VGATE_A_TMPL_UNNUMBERED]) {
		unnumbered = nla_get_u32(tb[VGATE_A_TMPL_UNNUMBERED]);
		udev = unnumbered ? __dev_get_by_index(net, unnumbered) : NULL;
		if (unnumbered && !udev) {
			NL_SET_BAD_ATTR(extack, tb[VGATE_A_TMPL_UNNUMBERED]);
			VGATE_SET_ERR_MSG_FMT(extack,
					      "no device with this ifindex to borrow an address from",
					      "no device with ifindex %u to borrow an address from",
					      unnumbered);
			err = -ENODEV;
			goto out_unlock;
		}
		if (udev && udev->rtnl_link_ops == &vgate_link_ops) {
			NL_SET_BAD_ATTR(extack, tb[VGATE_A_TMPL_UNNUMBERED]);
			NL_SET_ERR_MSG_MOD(extack,
					   "cannot borrow the address of a vgate device");
			err = -EINVAL;
			goto out_unlock;
		}
		WRITE_ONCE(tmpl->unnumbered, unnumbered);
	}
	/* below the current count it only stops new clones */
	if (tb[VGATE_A_TMPL_MAX_ACCESS])
		WRITE_ONCE(tmpl->max_access,
			   nla_get_u32(tb[VGATE_A_TMPL_MAX_ACCESS]));
	err = 0;

out_unlock:
	rtnl_unlock();
	return err;
}

/**
 * vgate_nl_access_put - put the VGATE_A_ACCESS nest describing a device
 * @skb: the message
 * @acc: the access device
 * @reason: enum vgate_del_reason to report, or -1 for none
 *
 * Context: RTNL or rcu_read_lock() held.
 * Return: 0 or -EMSGSIZE.
 */
int vgate_nl_access_put(struct sk_buff *skb, struct vgate_access *acc,
			int reason)
{
	const struct net_device *dev = acc->dev;
	struct nlattr *nest;
	struct vgate_sa *sa;
	bool has_out;
	u32 out_spi;

	rcu_read_lock();
	sa = rcu_dereference(acc->out_sa);
	has_out = sa;
	out_spi = sa ? sa->spi : 0;
	rcu_read_unlock();

	nest = nla_nest_start(skb, VGATE_A_ACCESS);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, VGATE_A_ACCESS_IFINDEX, dev->ifindex) ||
	    nla_put_string(skb, VGATE_A_ACCESS_IFNAME, dev->name) ||
	    nla_put_u32(skb, VGATE_A_ACCESS_TEMPLATE, acc->tmpl->dev->ifindex) ||
	    (reason >= 0 &&
	     nla_put_u32(skb, VGATE_A_ACCESS_DEL_REASON, reason)) ||
	    (has_out && nla_put_u32(skb, VGATE_A_ACCESS_OUT_SPI, out_spi)) ||
	    nla_put_u32(skb, VGATE_A_ACCESS_N_SA, READ_ONCE(acc->n_sa)) ||
	    vgate_nl_stats_put(skb, VGATE_A_ACCESS_STATS, acc->stats)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/**
 * vgate_nl_access_select - the access device named by an ifindex attribute
 * @net: the caller's netns
 * @attr: a u32 ifindex attribute (VGATE_A_ACCESS_IFINDEX or
 *	VGATE_A_SA_ACCESS); NULL if the request lacks it
 * @extack: where to explain a refusal
 *
 * Context: rcu_read_lock() or RTNL held.
 * Return: the access device or an ERR_PTR().
 */
struct vgate_access *vgate_nl_access_select(struct net *net,
					    const struct nlattr *attr,
					    struct netlink_ext_ack *extack)
{
	struct vgate_access *acc;
	struct net_device *dev;
	u32 ifindex;

	if (!attr) {
		NL_SET_ERR_MSG_MOD(extack,
				   "missing access device: give its ifindex");
		return ERR_PTR(-EINVAL);
	}
	ifindex = nla_get_u32(attr);
	dev = ifindex <= INT_MAX ? dev_get_by_index_rcu(net, ifindex) : NULL;
	if (!dev) {
		NL_SET_BAD_ATTR(extack, attr);
		VGATE_SET_ERR_MSG_FMT(extack,
				      "no vgate access device with this ifindex",
				      "no vgate access device with ifindex %u",
				      ifindex);
		return ERR_PTR(-ENODEV);
	}
	acc = vgate_access_from_dev(dev);
	if (!acc) {
		NL_SET_BAD_ATTR(extack, attr);
		VGATE_SET_ERR_MSG_FMT(extack,
				      "device is not a vgate access device",
				      "device %s (ifindex %d) is not a vgate access device",
				      dev->name, dev->ifindex);
		return ERR_PTR(-EINVAL);
	}
	return acc;
}

static int vgate_nl_access_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *tb[VGATE_A_ACCESS_MAX + 1];
	struct net *net = genl_info_net(info);
	struct vgate_access *acc;
	struct vgate_tmpl *tmpl;
	struct net_device *dev;
	struct sk_buff *msg;
	u32 ifindex;
	void *hdr;
	int err;

	err = vgate_nl_nest_parse(info, VGATE_A_ACCESS, VGATE_A_ACCESS_MAX,
				  vgate_access_new_attr_policy, tb,
				  "missing VGATE_A_ACCESS nest with the template");
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(extack, info->attrs[VGATE_A_ACCESS], tb,
			      VGATE_A_ACCESS_TEMPLATE)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "missing template: give the ifindex of the template to clone");
		return -EINVAL;
	}
	ifindex = nla_get_u32(tb[VGATE_A_ACCESS_TEMPLATE]);

	msg = vgate_nl_reply_new(info, VGATE_CMD_ACCESS_NEW, &hdr);
	if (IS_ERR(msg))
		return PTR_ERR(msg);

	rtnl_lock();
	dev = __dev_get_by_index(net, ifindex);
	tmpl = dev ? vgate_tmpl_from_dev(dev) : NULL;
	if (!tmpl) {
		NL_SET_BAD_ATTR(extack, tb[VGATE_A_ACCESS_TEMPLATE]);
		if (dev)
			VGATE_SET_ERR_MSG_FMT(extack,
					      "device is not a vgate template",
					      "device %s (ifindex %d) is not a vgate template",
					      dev->name, dev->ifindex);
		else
			VGATE_SET_ERR_MSG_FMT(extack,
					      "no vgate template with this ifindex",
					      "no vgate template with ifindex %u",
					      ifindex);
		err = dev ? -EINVAL : -ENODEV;
		goto err_unlock;
	}
	acc = vgate_access_new(net, tmpl, !tb[VGATE_A_ACCESS_NO_IPV6], extack);
	if (IS_ERR(acc)) {
		err = PTR_ERR(acc);
		if (err == -ENOSPC)
			NL_SET_BAD_ATTR(extack, tb[VGATE_A_ACCESS_TEMPLATE]);
		goto err_unlock;
	}
	err = vgate_nl_access_put(msg, acc, -1);
	rtnl_unlock();
	if (err)
		goto err_free_msg;

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_unlock:
	rtnl_unlock();
err_free_msg:
	nlmsg_free(msg);
	return err;
}

static int vgate_nl_access_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *tb[VGATE_A_ACCESS_MAX + 1];
	u32 reason = VGATE_DEL_REASON_USERSPACE;
	struct vgate_access *acc;
	int err;

	err = vgate_nl_nest_parse(info, VGATE_A_ACCESS, VGATE_A_ACCESS_MAX,
				  vgate_access_del_attr_policy, tb,
				  "missing VGATE_A_ACCESS nest with the ifindex");
	if (err)
		return err;
	if (tb[VGATE_A_ACCESS_DEL_REASON])
		reason = nla_get_u32(tb[VGATE_A_ACCESS_DEL_REASON]);

	rtnl_lock();
	rcu_read_lock();
	acc = vgate_nl_access_select(genl_info_net(info),
				     tb[VGATE_A_ACCESS_IFINDEX], extack);
	rcu_read_unlock();
	if (IS_ERR(acc)) {
		err = PTR_ERR(acc);
		goto out_unlock;
	}
	vgate_access_del(acc, reason);
	err = 0;
out_unlock:
	rtnl_unlock();
	return err;
}

static int vgate_nl_access_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VGATE_A_ACCESS_MAX + 1];
	struct vgate_access *acc;
	struct sk_buff *msg;
	void *hdr;
	int err;

	err = vgate_nl_nest_parse(info, VGATE_A_ACCESS, VGATE_A_ACCESS_MAX,
				  vgate_access_get_attr_policy, tb,
				  "missing VGATE_A_ACCESS nest with the ifindex");
	if (err)
		return err;

	msg = vgate_nl_reply_new(info, VGATE_CMD_ACCESS_GET, &hdr);
	if (IS_ERR(msg))
		return PTR_ERR(msg);

	rcu_read_lock();
	acc = vgate_nl_access_select(genl_info_net(info),
				     tb[VGATE_A_ACCESS_IFINDEX], info->extack);
	if (IS_ERR(acc)) {
		err = PTR_ERR(acc);
		goto err_unlock;
	}
	err = vgate_nl_access_put(msg, acc, -1);
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

/*
 * Every access device of the caller's netns, or of one template, resuming
 * at the index saved in cb->args[0].  A change of the access devices or
 * SAs between two parts of the dump sets NLM_F_DUMP_INTR.
 */
static int vgate_nl_access_get_dumpit(struct sk_buff *skb,
				      struct netlink_callback *cb)
{
	struct vgate_net *vn = vgate_net_get(sock_net(skb->sk));
	unsigned long skip = cb->args[0], idx = 0;
	struct nlattr *tb[VGATE_A_ACCESS_MAX + 1];
	struct vgate_access *acc;
	struct nlattr *nest;
	int tmpl_ifindex = 0;
	void *hdr;

	nest = vgate_nl_dump_nest(cb, VGATE_A_ACCESS, vgate_access_get_nl_policy);
	if (nest &&
	    !nla_parse_nested(tb, VGATE_A_ACCESS_MAX, nest,
			      vgate_access_get_attr_policy, NULL) &&
	    tb[VGATE_A_ACCESS_TEMPLATE])
		tmpl_ifindex = nla_get_u32(tb[VGATE_A_ACCESS_TEMPLATE]);

	rcu_read_lock();
	cb->seq = READ_ONCE(vn->gen);
	list_for_each_entry_rcu(acc, &vn->access, node) {
		if (tmpl_ifindex && acc->tmpl->dev->ifindex != tmpl_ifindex)
			continue;
		if (idx < skip) {
			idx++;
			continue;
		}
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &vgate_nl_family,
				  NLM_F_MULTI, VGATE_CMD_ACCESS_GET);
		if (!hdr)
			break;
		genl_dump_check_consistent(cb, hdr);
		if (vgate_nl_access_put(skb, acc, -1)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		idx++;
	}
	rcu_read_unlock();

	cb->args[0] = idx;
	return skb->len;
}

static int vgate_nl_net_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vgate_net *vn = vgate_net_get(genl_info_net(info));
	struct nlattr *nest;
	struct sk_buff *msg;
	void *hdr;

	msg = vgate_nl_reply_new(info, VGATE_CMD_NET_GET, &hdr);
	if (IS_ERR(msg))
		return PTR_ERR(msg);
	nest = nla_nest_start(msg, VGATE_A_NET);
	if (!nest ||
	    nla_put_u32(msg, VGATE_A_NET_MAX_SA, READ_ONCE(vn->max_sa)) ||
	    nla_put_u32(msg, VGATE_A_NET_N_SA, READ_ONCE(vn->n_sa)) ||
	    nla_put_u32(msg, VGATE_A_NET_N_ACCESS, READ_ONCE(vn->n_access)) ||
	    nla_put_u64_64bit(msg, VGATE_A_NET_UNKNOWN_SPI,
			      atomic64_read(&vn->unknown_spi),
			      VGATE_A_NET_PAD))
		goto err_free_msg;
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_free_msg:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static int vgate_nl_net_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vgate_net *vn = vgate_net_get(genl_info_net(info));
	struct nlattr *tb[VGATE_A_NET_MAX + 1];
	int err;

	err = vgate_nl_nest_parse(info, VGATE_A_NET, VGATE_A_NET_MAX,
				  vgate_net_set_attr_policy, tb,
				  "missing VGATE_A_NET nest");
	if (err)
		return err;

	rtnl_lock();
	/* below the current count it only stops new SAs */
	if (tb[VGATE_A_NET_MAX_SA])
		WRITE_ONCE(vn->max_sa, nla_get_u32(tb[VGATE_A_NET_MAX_SA]));
	rtnl_unlock();
	return 0;
}

static const struct genl_ops vgate_nl_ops[] = {
	{
		.cmd = VGATE_CMD_TEMPLATE_GET,
		/* read-only: no privilege needed, see the top of the file */
		.flags = 0,
		.doit = vgate_nl_tmpl_get_doit,
		.dumpit = vgate_nl_tmpl_get_dumpit,
		.policy = vgate_template_get_nl_policy,
		.maxattr = VGATE_A_MAX,
	},
	{
		.cmd = VGATE_CMD_TEMPLATE_SET,
		.flags = GENL_UNS_ADMIN_PERM,
		.doit = vgate_nl_tmpl_set_doit,
		.policy = vgate_template_set_nl_policy,
		.maxattr = VGATE_A_MAX,
	},
	{
		.cmd = VGATE_CMD_ACCESS_NEW,
		.flags = GENL_UNS_ADMIN_PERM,
		.doit = vgate_nl_access_new_doit,
		.policy = vgate_access_new_nl_policy,
		.maxattr = VGATE_A_MAX,
	},
	{
		.cmd = VGATE_CMD_ACCESS_DEL,
		.flags = GENL_UNS_ADMIN_PERM,
		.doit = vgate_nl_access_del_doit,
		.policy = vgate_access_del_nl_policy,
		.maxattr = VGATE_A_MAX,
	},
	{
		.cmd = VGATE_CMD_ACCESS_GET,
		.flags = 0,
		.doit = vgate_nl_access_get_doit,
		.dumpit = vgate_nl_access_get_dumpit,
		.policy = vgate_access_get_nl_policy,
		.maxattr = VGATE_A_MAX,
	},
	{
		.cmd = VGATE_CMD_SA_NEW,
		.flags = GENL_UNS_ADMIN_PERM,
		.doit = vgate_nl_sa_new_doit,
		.policy = vgate_sa_new_nl_policy,
		.maxattr = VGATE_A_MAX,
	},
	{
		.cmd = VGATE_CMD_SA_DEL,
		.flags = GENL_UNS_ADMIN_PERM,
		.doit = vgate_nl_sa_del_doit,
		.policy = vgate_sa_sel_nl_policy,
		.maxattr = VGATE_A_MAX,
	},
	{
		.cmd = VGATE_CMD_SA_GET,
		/* SPIs and peers are not for everyone, as with ip xfrm */
		.flags = GENL_UNS_ADMIN_PERM,
		.doit = vgate_nl_sa_get_doit,
		.dumpit = vgate_nl_sa_get_dumpit,
		.policy = vgate_sa_get_nl_policy,
		.maxattr = VGATE_A_MAX,
	},
	{
		.cmd = VGATE_CMD_SA_SWAP,
		.flags = GENL_UNS_ADMIN_PERM,
		.doit = vgate_nl_sa_swap_doit,
		.policy = vgate_sa_sel_nl_policy,
		.maxattr = VGATE_A_MAX,
	},
	{
		.cmd = VGATE_CMD_NET_GET,
		.flags = 0,
		.doit = vgate_nl_net_get_doit,
		.policy = vgate_net_get_nl_policy,
		.maxattr = VGATE_A_MAX,
	},
	{
		.cmd = VGATE_CMD_NET_SET,
		.flags = GENL_UNS_ADMIN_PERM,
		.doit = vgate_nl_net_set_doit,
		.policy = vgate_net_set_nl_policy,
		.maxattr = VGATE_A_MAX,
	},
};

static const struct genl_multicast_group vgate_nl_mcgrps[] = {
	/* SA and session events are for the daemon, not for everyone */
	{ .name = VGATE_MCGRP_EVENTS, .flags = GENL_UNS_ADMIN_PERM, },
};

struct genl_family vgate_nl_family __ro_after_init = {
	.name = VGATE_GENL_NAME,
	.version = VGATE_GENL_VERSION,
	.netnsok = true,
	.parallel_ops = true,
	.module = THIS_MODULE,
	.ops = vgate_nl_ops,
	.n_ops = ARRAY_SIZE(vgate_nl_ops),
	.mcgrps = vgate_nl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(vgate_nl_mcgrps),
	/* every command validates the reserved header byte and needs a policy */
	.resv_start_op = VGATE_CMD_TEMPLATE_GET,
};

/**
 * vgate_nl_register - register the "vgate" generic-netlink family
 *
 * Context: process context, module init.
 * Return: 0 or a negative errno.
 */
int vgate_nl_register(void)
{
	int err;

	err = genl_register_family(&vgate_nl_family);
	if (!err)
		WRITE_ONCE(vgate_nl_live, true);
	return err;
}

/**
 * vgate_nl_unregister - unregister the "vgate" generic-netlink family
 *
 * Notifications stop first: none is sent through a family on its way out.
 *
 * Context: process context, module exit.
 */
void vgate_nl_unregister(void)
{
	WRITE_ONCE(vgate_nl_live, false);
	synchronize_rcu();
	genl_unregister_family(&vgate_nl_family);
}

MODULE_ALIAS_GENL_FAMILY(VGATE_GENL_NAME);
