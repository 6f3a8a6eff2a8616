// SPDX-License-Identifier: GPL-2.0
/*
 * vgate: generic-netlink family "vgate" (Documentation/netlink/specs/vgate.yaml).
 *
 * Copyright (C) 2026 The vgate authors
 *
 * Policies do the syntactic checks (strict validation: unknown attributes
 * and wrong types are rejected by the core); handlers do the semantic ones
 * and explain every rejection in the extack.
 *
 * The ops table is written by hand in the genl_ops + family form that
 * builds on 6.1 (no genl_split_ops there) as well as on later kernels.
 *
 * Permissions: VGATE_CMD_TEMPLATE_GET only reads what "ip -d link show"
 * already shows any user, so it needs no privilege.  Commands that change
 * state will carry GENL_UNS_ADMIN_PERM (CAP_NET_ADMIN in the user
 * namespace owning the caller's netns).
 */

#include <linux/if.h>
#include <linux/netdevice.h>
#include <linux/rculist.h>
#include <linux/vgate.h>
#include <net/genetlink.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "netlink.h"
#include "netns.h"
#include "template.h"

static struct genl_family vgate_nl_family;

/* what selects one template in a request */
static const struct nla_policy vgate_tmpl_select_nl_policy[VGATE_A_TMPL_MAX + 1] = {
	[VGATE_A_TMPL_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VGATE_A_TMPL_IFNAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
};

static const struct nla_policy vgate_template_get_nl_policy[VGATE_A_MAX + 1] = {
	[VGATE_A_TEMPLATE] = NLA_POLICY_NESTED(vgate_tmpl_select_nl_policy),
};

/*
 * The template a request selects in its VGATE_A_TEMPLATE nest, by ifindex
 * or, when no ifindex is given, by name; always in the caller's netns.
 *
 * Context: rcu_read_lock() held; the template stays valid until it is
 * dropped.
 */
static struct vgate_tmpl *vgate_nl_tmpl_select(struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct net *net = genl_info_net(info);
	struct nlattr *tb[VGATE_A_TMPL_MAX + 1];
	struct vgate_tmpl *tmpl;
	struct net_device *dev;
	struct nlattr *attr;
	u32 ifindex;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, VGATE_A_TEMPLATE)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "missing template selector: give a VGATE_A_TEMPLATE nest with an ifindex or an ifname");
		return ERR_PTR(-EINVAL);
	}

	/* already validated against the same policy by the core */
	err = nla_parse_nested(tb, VGATE_A_TMPL_MAX,
			       info->attrs[VGATE_A_TEMPLATE],
			       vgate_tmpl_select_nl_policy, extack);
	if (err)
		return ERR_PTR(err);

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

static int vgate_nl_tmpl_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vgate_tmpl *tmpl;
	struct sk_buff *msg;
	void *hdr;
	int err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = genlmsg_put_reply(msg, info, &vgate_nl_family, 0,
				VGATE_CMD_TEMPLATE_GET);
	if (!hdr) {
		err = -EMSGSIZE;
		goto err_free_msg;
	}

	rcu_read_lock();
	tmpl = vgate_nl_tmpl_select(info);
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
err_free_msg:
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
};

static struct genl_family vgate_nl_family __ro_after_init = {
	.name = VGATE_GENL_NAME,
	.version = VGATE_GENL_VERSION,
	.netnsok = true,
	.parallel_ops = true,
	.module = THIS_MODULE,
	.ops = vgate_nl_ops,
	.n_ops = ARRAY_SIZE(vgate_nl_ops),
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
	return genl_register_family(&vgate_nl_family);
}

/**
 * vgate_nl_unregister - unregister the "vgate" generic-netlink family
 *
 * Context: process context, module exit.
 */
void vgate_nl_unregister(void)
{
	genl_unregister_family(&vgate_nl_family);
}

MODULE_ALIAS_GENL_FAMILY(VGATE_GENL_NAME);
