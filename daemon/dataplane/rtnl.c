// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/if.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "dataplane/rtnl.h"

int vgate_rtnl_open(struct vgate_genl *g)
{
	return vgate_netlink_open(g, NETLINK_ROUTE);
}

static struct nlmsghdr *rtnl_request(struct vgate_genl *g, uint16_t type,
				     uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(g->buf);

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	nlh->nlmsg_seq = ++g->seq;
	return nlh;
}

int vgate_rtnl_link_up(struct vgate_genl *g, uint32_t ifindex)
{
	struct nlmsghdr *nlh = rtnl_request(g, RTM_NEWLINK, 0);
	struct ifinfomsg *ifi;

	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = (int)ifindex;
	ifi->ifi_flags = IFF_UP;
	ifi->ifi_change = IFF_UP;
	return vgate_genl_transact(g, nlh, NULL, NULL, "setting the link up");
}

int vgate_rtnl_route(struct vgate_genl *g, bool add,
		     const struct vgate_prefix *prefix, uint32_t ifindex,
		     const struct vgate_addr *src)
{
	struct nlmsghdr *nlh;
	struct rtmsg *rtm;
	size_t alen = prefix->addr.family == AF_INET ? 4 : 16;

	nlh = rtnl_request(g, add ? RTM_NEWROUTE : RTM_DELROUTE,
			   add ? NLM_F_CREATE | NLM_F_REPLACE : 0);
	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	rtm->rtm_family = (unsigned char)prefix->addr.family;
	rtm->rtm_dst_len = prefix->len;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = RTPROT_STATIC;
	/* what ip route picks for a device route: link scope for IPv4 */
	rtm->rtm_scope = prefix->addr.family == AF_INET ? RT_SCOPE_LINK
						       : RT_SCOPE_UNIVERSE;
	rtm->rtm_type = RTN_UNICAST;
	mnl_attr_put(nlh, RTA_DST, alen, prefix->addr.bytes);
	mnl_attr_put_u32(nlh, RTA_OIF, ifindex);
	if (src && src->family == prefix->addr.family)
		mnl_attr_put(nlh, RTA_PREFSRC, alen, src->bytes);
	return vgate_genl_transact(g, nlh, NULL, NULL,
				   add ? "adding a route" : "deleting a route");
}
