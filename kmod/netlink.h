/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vgate: generic-netlink family.
 *
 * Copyright (C) 2026 The vgate authors
 */
#ifndef _VGATE_NETLINK_H_
#define _VGATE_NETLINK_H_

#include <linux/netlink.h>
#include <linux/skbuff.h>
#include <linux/vgate.h>
#include <net/genetlink.h>

struct vgate_access;
struct vgate_sa;
struct vgate_stats;

extern struct genl_family vgate_nl_family;

struct sk_buff *vgate_nl_reply_new(struct genl_info *info, u8 cmd,
				   void **hdr);

int vgate_nl_register(void);
void vgate_nl_unregister(void);
void vgate_nl_multicast(struct net *net, struct sk_buff *msg, gfp_t gfp);

struct nlattr *vgate_nl_dump_nest(struct netlink_callback *cb, int type,
				  const struct nla_policy *policy);
int vgate_nl_stats_put(struct sk_buff *skb, int attrtype,
		       struct vgate_stats __percpu *stats);
int vgate_nl_access_put(struct sk_buff *skb, struct vgate_access *acc,
			int reason);
int vgate_nl_sa_put(struct sk_buff *skb, struct vgate_sa *sa, int expire,
		    bool hard);
struct vgate_access *vgate_nl_access_select(struct net *net,
					    const struct nlattr *attr,
					    struct netlink_ext_ack *extack);

/*
 * vgate_nl_nest_parse - parse the nest @type of a request into @tb; the
 * nest must be present, else the request is refused with the extack
 * message @msg (a string literal).  Evaluates to 0 or a negative errno.
 */
#define vgate_nl_nest_parse(info, type, maxtype, policy, tb, msg) ({	\
	struct genl_info *__vnl_info = (info);				\
	int __err = -EINVAL;						\
									\
	if (GENL_REQ_ATTR_CHECK(__vnl_info, type))				\
		NL_SET_ERR_MSG_MOD(__vnl_info->extack, msg);		\
	else								\
		__err = nla_parse_nested(tb, maxtype,			\
					 __vnl_info->attrs[type], policy,	\
					 __vnl_info->extack);		\
	__err;								\
})

/* netlink_sa.c */
int vgate_nl_sa_new_doit(struct sk_buff *skb, struct genl_info *info);
int vgate_nl_sa_del_doit(struct sk_buff *skb, struct genl_info *info);
int vgate_nl_sa_get_doit(struct sk_buff *skb, struct genl_info *info);
int vgate_nl_sa_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int vgate_nl_sa_swap_doit(struct sk_buff *skb, struct genl_info *info);
extern const struct nla_policy vgate_sa_new_nl_policy[VGATE_A_MAX + 1];
extern const struct nla_policy vgate_sa_sel_nl_policy[VGATE_A_MAX + 1];
extern const struct nla_policy vgate_sa_get_nl_policy[VGATE_A_MAX + 1];

#endif /* _VGATE_NETLINK_H_ */
