// SPDX-License-Identifier: GPL-2.0-or-later
#include <string.h>

#include <linux/vgate.h>

#include "dataplane/genl_net.h"

static int net_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *top[VGATE_A_MAX + 1], *tb[VGATE_A_NET_MAX + 1];
	struct vgate_net *net = data;

	vgate_attr_table(nlh, NULL, top, VGATE_A_MAX);
	if (!top[VGATE_A_NET])
		return MNL_CB_OK;
	vgate_attr_table(NULL, top[VGATE_A_NET], tb, VGATE_A_NET_MAX);
	vgate_attr_u32(tb[VGATE_A_NET_MAX_SA], &net->max_sa);
	vgate_attr_u32(tb[VGATE_A_NET_N_SA], &net->n_sa);
	vgate_attr_u32(tb[VGATE_A_NET_N_ACCESS], &net->n_access);
	vgate_attr_u64(tb[VGATE_A_NET_UNKNOWN_SPI], &net->unknown_spi);
	return MNL_CB_OK;
}

int vgate_net_get(struct vgate_genl *g, struct vgate_net *net)
{
	struct nlmsghdr *nlh;

	memset(net, 0, sizeof(*net));
	nlh = vgate_genl_request(g, VGATE_CMD_NET_GET, NLM_F_ACK);
	return vgate_genl_transact(g, nlh, net_cb, net,
				   "reading the netns limits");
}

int vgate_net_set_max_sa(struct vgate_genl *g, uint32_t max_sa)
{
	struct nlmsghdr *nlh;
	struct nlattr *nest;

	nlh = vgate_genl_request(g, VGATE_CMD_NET_SET, NLM_F_ACK);
	nest = mnl_attr_nest_start(nlh, VGATE_A_NET);
	mnl_attr_put_u32(nlh, VGATE_A_NET_MAX_SA, max_sa);
	mnl_attr_nest_end(nlh, nest);
	return vgate_genl_transact(g, nlh, NULL, NULL,
				   "changing the netns limits");
}
