// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>

#include <linux/vgate.h>

#include "common/xalloc.h"
#include "dataplane/genl_access.h"

struct access_list {
	struct vgate_access *items;
	size_t count;
};

static void access_parse(const struct nlattr *nest, struct vgate_access *a)
{
	const struct nlattr *tb[VGATE_A_ACCESS_MAX + 1];

	memset(a, 0, sizeof(*a));
	vgate_attr_table(NULL, nest, tb, VGATE_A_ACCESS_MAX);
	vgate_attr_u32(tb[VGATE_A_ACCESS_IFINDEX], &a->ifindex);
	vgate_attr_str(tb[VGATE_A_ACCESS_IFNAME], a->ifname, sizeof(a->ifname));
	vgate_attr_u32(tb[VGATE_A_ACCESS_TEMPLATE], &a->template_ifindex);
	a->has_out_spi = vgate_attr_u32(tb[VGATE_A_ACCESS_OUT_SPI], &a->out_spi);
	vgate_attr_u32(tb[VGATE_A_ACCESS_N_SA], &a->n_sa);
	vgate_stats_parse(tb[VGATE_A_ACCESS_STATS], &a->stats);
}

static int access_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[VGATE_A_MAX + 1];
	struct access_list *list = data;

	vgate_attr_table(nlh, NULL, tb, VGATE_A_MAX);
	if (!tb[VGATE_A_ACCESS])
		return MNL_CB_OK;
	list->items = xreallocarray(list->items, list->count + 1,
				    sizeof(*list->items));
	access_parse(tb[VGATE_A_ACCESS], &list->items[list->count++]);
	return MNL_CB_OK;
}

int vgate_access_new(struct vgate_genl *g, uint32_t template_ifindex,
		     bool ipv6, struct vgate_access *created)
{
	struct access_list list = { 0 };
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	int ret = -1;

	nlh = vgate_genl_request(g, VGATE_CMD_ACCESS_NEW, NLM_F_ACK);
	nest = mnl_attr_nest_start(nlh, VGATE_A_ACCESS);
	mnl_attr_put_u32(nlh, VGATE_A_ACCESS_TEMPLATE, template_ifindex);
	if (!ipv6)
		mnl_attr_put(nlh, VGATE_A_ACCESS_NO_IPV6, 0, NULL);
	mnl_attr_nest_end(nlh, nest);
	if (vgate_genl_transact(g, nlh, access_cb, &list,
				"creating an access device") < 0)
		goto out;
	if (list.count != 1) {
		snprintf(g->error, sizeof(g->error),
			 "kernel: the reply to ACCESS_NEW carries no access device");
		goto out;
	}
	*created = list.items[0];
	ret = 0;
out:
	free(list.items);
	return ret;
}

int vgate_access_del(struct vgate_genl *g, uint32_t ifindex, bool has_reason,
		     uint32_t reason)
{
	struct nlmsghdr *nlh;
	struct nlattr *nest;

	nlh = vgate_genl_request(g, VGATE_CMD_ACCESS_DEL, NLM_F_ACK);
	nest = mnl_attr_nest_start(nlh, VGATE_A_ACCESS);
	mnl_attr_put_u32(nlh, VGATE_A_ACCESS_IFINDEX, ifindex);
	if (has_reason)
		mnl_attr_put_u32(nlh, VGATE_A_ACCESS_DEL_REASON, reason);
	mnl_attr_nest_end(nlh, nest);
	return vgate_genl_transact(g, nlh, NULL, NULL,
				   "deleting the access device");
}

int vgate_access_get(struct vgate_genl *g, uint32_t ifindex,
		     uint32_t template_ifindex, struct vgate_access **items,
		     size_t *count)
{
	struct access_list list = { 0 };
	struct nlmsghdr *nlh;
	struct nlattr *nest;

	nlh = vgate_genl_request(g, VGATE_CMD_ACCESS_GET,
				 ifindex ? NLM_F_ACK : NLM_F_DUMP);
	if (ifindex || template_ifindex) {
		nest = mnl_attr_nest_start(nlh, VGATE_A_ACCESS);
		if (ifindex)
			mnl_attr_put_u32(nlh, VGATE_A_ACCESS_IFINDEX, ifindex);
		else
			mnl_attr_put_u32(nlh, VGATE_A_ACCESS_TEMPLATE,
					 template_ifindex);
		mnl_attr_nest_end(nlh, nest);
	}
	if (vgate_genl_transact(g, nlh, access_cb, &list,
				"reading access devices") < 0) {
		free(list.items);
		return -1;
	}
	*items = list.items;
	*count = list.count;
	return 0;
}
