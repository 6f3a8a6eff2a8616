// SPDX-License-Identifier: GPL-2.0-or-later
#include <string.h>
#include <sys/socket.h>

#include <linux/genetlink.h>
#include <linux/vgate.h>

#include "dataplane/genl_events.h"

struct events {
	vgate_event_cb cb;
	void *data;
};

static void sa_expire_parse(const struct nlattr *nest, struct vgate_event *ev)
{
	const struct nlattr *tb[VGATE_A_SA_MAX + 1];

	vgate_attr_table(NULL, nest, tb, VGATE_A_SA_MAX);
	vgate_attr_u32(tb[VGATE_A_SA_ACCESS], &ev->ifindex);
	vgate_attr_u32(tb[VGATE_A_SA_DIR], &ev->dir);
	vgate_attr_u32(tb[VGATE_A_SA_SPI], &ev->spi);
	ev->hard = tb[VGATE_A_SA_EXPIRE_HARD] != NULL;
	ev->has_limit = vgate_attr_u32(tb[VGATE_A_SA_EXPIRE_LIMIT], &ev->limit);
}

static void access_del_parse(const struct nlattr *nest, struct vgate_event *ev)
{
	const struct nlattr *tb[VGATE_A_ACCESS_MAX + 1];

	vgate_attr_table(NULL, nest, tb, VGATE_A_ACCESS_MAX);
	vgate_attr_u32(tb[VGATE_A_ACCESS_IFINDEX], &ev->ifindex);
	vgate_attr_str(tb[VGATE_A_ACCESS_IFNAME], ev->ifname,
		       sizeof(ev->ifname));
	ev->has_reason = vgate_attr_u32(tb[VGATE_A_ACCESS_DEL_REASON],
					&ev->reason);
}

static void unknown_spi_parse(const struct nlattr *nest, struct vgate_event *ev)
{
	const struct nlattr *tb[VGATE_A_NET_MAX + 1], *peer;
	size_t len;

	vgate_attr_table(NULL, nest, tb, VGATE_A_NET_MAX);
	vgate_attr_u32(tb[VGATE_A_NET_SPI], &ev->spi);
	peer = tb[VGATE_A_NET_PEER_ADDR];
	len = peer ? mnl_attr_get_payload_len(peer) : 0;
	if (len == 4 || len == 16) {
		ev->peer.family = len == 4 ? AF_INET : AF_INET6;
		memcpy(ev->peer.bytes, mnl_attr_get_payload(peer), len);
	}
	ev->has_peer_port = vgate_attr_u16(tb[VGATE_A_NET_PEER_PORT],
					   &ev->peer_port);
}

static int event_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct genlmsghdr *genl = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[VGATE_A_MAX + 1];
	struct events *events = data;
	struct vgate_event ev = { 0 };

	vgate_attr_table(nlh, NULL, tb, VGATE_A_MAX);
	switch (genl->cmd) {
	case VGATE_CMD_SA_EXPIRE_NTF:
		if (!tb[VGATE_A_SA])
			return MNL_CB_OK;
		ev.type = VGATE_EVENT_SA_EXPIRE;
		sa_expire_parse(tb[VGATE_A_SA], &ev);
		break;
	case VGATE_CMD_ACCESS_DEL_NTF:
		if (!tb[VGATE_A_ACCESS])
			return MNL_CB_OK;
		ev.type = VGATE_EVENT_ACCESS_DEL;
		access_del_parse(tb[VGATE_A_ACCESS], &ev);
		break;
	case VGATE_CMD_UNKNOWN_SPI_NTF:
		if (!tb[VGATE_A_NET])
			return MNL_CB_OK;
		ev.type = VGATE_EVENT_UNKNOWN_SPI;
		unknown_spi_parse(tb[VGATE_A_NET], &ev);
		break;
	default:
		return MNL_CB_OK;	/* a newer kernel's: not ours to print */
	}
	events->cb(&ev, events->data);
	return MNL_CB_OK;
}

int vgate_events_read(struct vgate_genl *g, vgate_event_cb cb, void *data)
{
	struct events events = { .cb = cb, .data = data };
	struct vgate_event lost = { .type = VGATE_EVENT_LOST };
	int ret = vgate_genl_recv_events(g, event_cb, &events);

	if (ret == -2) {
		cb(&lost, data);
		return 0;
	}
	return ret;
}

int vgate_events_run(struct vgate_genl *g, vgate_event_cb cb, void *data)
{
	if (vgate_genl_subscribe(g) < 0)
		return -1;
	while (vgate_events_read(g, cb, data) == 0)
		;
	return -1;
}
