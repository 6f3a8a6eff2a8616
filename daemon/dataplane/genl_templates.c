// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>

#include <linux/vgate.h>

#include "common/xalloc.h"
#include "dataplane/genl_templates.h"

struct template_list {
	struct vgate_template *items;
	size_t count;
};

static void template_parse(const struct nlattr *nest, struct vgate_template *t)
{
	const struct nlattr *tb[VGATE_A_TMPL_MAX + 1];

	memset(t, 0, sizeof(*t));
	vgate_attr_table(NULL, nest, tb, VGATE_A_TMPL_MAX);
	vgate_attr_str(tb[VGATE_A_TMPL_IFNAME], t->ifname, sizeof(t->ifname));
	vgate_attr_u32(tb[VGATE_A_TMPL_IFINDEX], &t->ifindex);
	vgate_attr_u32(tb[VGATE_A_TMPL_MTU], &t->mtu);
	t->has_unnumbered = vgate_attr_u32(tb[VGATE_A_TMPL_UNNUMBERED],
					   &t->unnumbered_ifindex);
	vgate_attr_u32(tb[VGATE_A_TMPL_MAX_ACCESS], &t->max_access);
	vgate_attr_u32(tb[VGATE_A_TMPL_N_ACCESS], &t->n_access);
}

static int template_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[VGATE_A_MAX + 1];
	struct template_list *list = data;

	vgate_attr_table(nlh, NULL, tb, VGATE_A_MAX);
	if (!tb[VGATE_A_TEMPLATE])
		return MNL_CB_OK;
	list->items = xreallocarray(list->items, list->count + 1,
				    sizeof(*list->items));
	template_parse(tb[VGATE_A_TEMPLATE], &list->items[list->count++]);
	return MNL_CB_OK;
}

int vgate_templates_get(struct vgate_genl *g, const char *ifname,
			struct vgate_template **templates, size_t *count)
{
	struct template_list list = { 0 };
	struct nlmsghdr *nlh;
	struct nlattr *nest;

	nlh = vgate_genl_request(g, VGATE_CMD_TEMPLATE_GET,
				 ifname ? NLM_F_ACK : NLM_F_DUMP);
	if (ifname) {
		nest = mnl_attr_nest_start(nlh, VGATE_A_TEMPLATE);
		mnl_attr_put_strz(nlh, VGATE_A_TMPL_IFNAME, ifname);
		mnl_attr_nest_end(nlh, nest);
	}
	if (vgate_genl_transact(g, nlh, template_cb, &list,
				"reading templates") < 0) {
		free(list.items);
		return -1;
	}
	*templates = list.items;
	*count = list.count;
	return 0;
}

int vgate_template_set(struct vgate_genl *g,
		       const struct vgate_template_change *change)
{
	struct nlmsghdr *nlh;
	struct nlattr *nest;

	nlh = vgate_genl_request(g, VGATE_CMD_TEMPLATE_SET, NLM_F_ACK);
	nest = mnl_attr_nest_start(nlh, VGATE_A_TEMPLATE);
	mnl_attr_put_strz(nlh, VGATE_A_TMPL_IFNAME, change->ifname);
	if (change->set_max_access)
		mnl_attr_put_u32(nlh, VGATE_A_TMPL_MAX_ACCESS,
				 change->max_access);
	if (change->set_unnumbered)
		mnl_attr_put_u32(nlh, VGATE_A_TMPL_UNNUMBERED,
				 change->unnumbered_ifindex);
	mnl_attr_nest_end(nlh, nest);
	return vgate_genl_transact(g, nlh, NULL, NULL, "changing the template");
}
