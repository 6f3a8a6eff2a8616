// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <netinet/in.h>

#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "dataplane/rtnl.h"

int vgate_rtnl_open(struct vgate_genl *g)
{
	int on = 1;

	if (vgate_netlink_open(g, NETLINK_ROUTE) < 0)
		return -1;
	/* dumps filtered by the kernel (an interface's addresses) */
	mnl_socket_setsockopt(g->nl, NETLINK_GET_STRICT_CHK, &on, sizeof(on));
	return 0;
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

int vgate_link_ipv6_on(struct vgate_genl *g, const char *ifname)
{
	char path[96];
	bool ok = false;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/sys/net/ipv6/conf/%s/disable_ipv6",
		 ifname);
	f = fopen(path, "w");
	if (f) {
		ok = fputs("0\n", f) >= 0;
		/* the write reaches the kernel, and fails, only here */
		ok = fclose(f) == 0 && ok;
	}
	if (ok)
		return 0;
	snprintf(g->error, sizeof(g->error), "turning IPv6 on on %s: %s", ifname,
		 errno == ENOENT ? "the kernel has no IPv6" : strerror(errno));
	return -1;
}

int vgate_rtnl_route(struct vgate_genl *g, bool add,
		     const struct vgate_prefix *prefix, uint32_t ifindex,
		     const struct vgate_addr *src, uint32_t table)
{
	struct nlmsghdr *nlh;
	struct rtmsg *rtm;
	size_t alen = prefix->addr.family == AF_INET ? 4 : 16;

	nlh = rtnl_request(g, add ? RTM_NEWROUTE : RTM_DELROUTE,
			   add ? NLM_F_CREATE | NLM_F_REPLACE : 0);
	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	rtm->rtm_family = (unsigned char)prefix->addr.family;
	rtm->rtm_dst_len = prefix->len;
	rtm->rtm_table = table && table < 256 ? (unsigned char)table : RT_TABLE_MAIN;
	rtm->rtm_protocol = RTPROT_STATIC;
	/* what ip route picks for a device route: link scope for IPv4 */
	rtm->rtm_scope = prefix->addr.family == AF_INET ? RT_SCOPE_LINK
						       : RT_SCOPE_UNIVERSE;
	rtm->rtm_type = RTN_UNICAST;
	mnl_attr_put(nlh, RTA_DST, alen, prefix->addr.bytes);
	mnl_attr_put_u32(nlh, RTA_OIF, ifindex);
	if (table >= 256)
		mnl_attr_put_u32(nlh, RTA_TABLE, table);
	if (src && src->family == prefix->addr.family)
		mnl_attr_put(nlh, RTA_PREFSRC, alen, src->bytes);
	return vgate_genl_transact(g, nlh, NULL, NULL,
				   add ? "adding a route" : "deleting a route");
}

int vgate_rtnl_link_set_master(struct vgate_genl *g, uint32_t ifindex,
			       uint32_t master)
{
	struct nlmsghdr *nlh = rtnl_request(g, RTM_NEWLINK, 0);
	struct ifinfomsg *ifi;

	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = (int)ifindex;
	mnl_attr_put_u32(nlh, IFLA_MASTER, master);
	return vgate_genl_transact(g, nlh, NULL, NULL, "enslaving the link to its VRF");
}

struct vrf_lookup {
	bool is_vrf;
	uint32_t table;
};

static int vrf_info_cb(const struct nlattr *attr, void *data)
{
	struct vrf_lookup *v = data;

	if (mnl_attr_get_type(attr) == IFLA_VRF_TABLE &&
	    mnl_attr_validate(attr, MNL_TYPE_U32) == 0)
		v->table = mnl_attr_get_u32(attr);
	return MNL_CB_OK;
}

static int vrf_linkinfo_cb(const struct nlattr *attr, void *data)
{
	struct vrf_lookup *v = data;

	switch (mnl_attr_get_type(attr)) {
	case IFLA_INFO_KIND:
		v->is_vrf = mnl_attr_validate(attr, MNL_TYPE_STRING) == 0 &&
			    !strcmp(mnl_attr_get_str(attr), "vrf");
		break;
	case IFLA_INFO_DATA:
		mnl_attr_parse_nested(attr, vrf_info_cb, data);
		break;
	}
	return MNL_CB_OK;
}

static int vrf_link_attr_cb(const struct nlattr *attr, void *data)
{
	if (mnl_attr_get_type(attr) == IFLA_LINKINFO)
		mnl_attr_parse_nested(attr, vrf_linkinfo_cb, data);
	return MNL_CB_OK;
}

static int vrf_link_cb(const struct nlmsghdr *nlh, void *data)
{
	return mnl_attr_parse(nlh, sizeof(struct ifinfomsg), vrf_link_attr_cb, data);
}

int vgate_rtnl_vrf_table(struct vgate_genl *g, uint32_t ifindex, uint32_t *table)
{
	struct nlmsghdr *nlh = rtnl_request(g, RTM_GETLINK, 0);
	struct vrf_lookup v = { 0 };
	struct ifinfomsg *ifi;

	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = (int)ifindex;
	if (vgate_genl_transact(g, nlh, vrf_link_cb, &v, "looking up the VRF") < 0)
		return -1;
	if (!v.is_vrf || !v.table) {
		snprintf(g->error, sizeof(g->error), "interface %u is not a VRF device",
			 ifindex);
		return -1;
	}
	*table = v.table;
	return 0;
}

struct addr_lookup {
	uint32_t ifindex;
	struct vgate_addr *out;		/* [0] IPv4, [1] IPv6 */
};

static int addr_attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	uint16_t type = mnl_attr_get_type(attr);

	if ((type == IFA_LOCAL || type == IFA_ADDRESS) &&
	    mnl_attr_validate(attr, MNL_TYPE_BINARY) == 0)
		tb[type] = attr;
	return MNL_CB_OK;
}

static int addr_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[IFA_MAX + 1] = { 0 };
	struct addr_lookup *l = data;
	const struct nlattr *a;
	struct vgate_addr *out;
	size_t len;

	if (ifa->ifa_index != l->ifindex ||
	    (ifa->ifa_family != AF_INET && ifa->ifa_family != AF_INET6))
		return MNL_CB_OK;
	out = &l->out[ifa->ifa_family == AF_INET ? 0 : 1];
	len = vgate_addr_len(ifa->ifa_family);
	mnl_attr_parse(nlh, sizeof(*ifa), addr_attr_cb, tb);
	/* IFA_LOCAL is the interface's own end on a point-to-point link */
	a = tb[IFA_LOCAL] ? tb[IFA_LOCAL] : tb[IFA_ADDRESS];
	if (out->family || !a || mnl_attr_get_payload_len(a) != len ||
	    (ifa->ifa_family == AF_INET6 &&
	     IN6_IS_ADDR_LINKLOCAL((const struct in6_addr *)mnl_attr_get_payload(a))))
		return MNL_CB_OK;
	out->family = ifa->ifa_family;
	memcpy(out->bytes, mnl_attr_get_payload(a), len);
	return MNL_CB_OK;
}

int vgate_rtnl_addrs_first(struct vgate_genl *g, uint32_t ifindex,
			   struct vgate_addr out[2])
{
	struct nlmsghdr *nlh = rtnl_request(g, RTM_GETADDR, NLM_F_DUMP);
	struct addr_lookup l = { ifindex, out };
	struct ifaddrmsg *ifa;

	memset(out, 0, 2 * sizeof(out[0]));
	ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	ifa->ifa_family = AF_UNSPEC;
	ifa->ifa_index = ifindex;
	return vgate_genl_transact(g, nlh, addr_cb, &l, "reading the interface's addresses");
}
