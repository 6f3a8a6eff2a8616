// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/vgate.h>

#include "common/xalloc.h"
#include "dataplane/genl.h"

/* Big enough for any message a kernel dump packs into one datagram. */
#define GENL_RECV_BUFFER 65536

/* One request: what the caller wants to see, and G for the errors. */
struct genl_call {
	struct vgate_genl *g;
	mnl_cb_t cb;
	void *data;
};

/* The kernel's error text, in the TLVs from OFFSET of an error or done. */
static void read_extack(const struct nlmsghdr *nlh, size_t offset,
			struct vgate_genl *g)
{
	const struct nlattr *attr;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	mnl_attr_for_each(attr, nlh, offset) {
		if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_MSG &&
		    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
			snprintf(g->extack, sizeof(g->extack), "%s",
				 mnl_attr_get_str(attr));
	}
}

static int error_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	struct vgate_genl *g = ((struct genl_call *)data)->g;
	size_t offset = sizeof(*err);

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*err))) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (err->error == 0)
		return MNL_CB_STOP;	/* the ACK */
	/* Unless capped, our request is echoed before the TLVs. */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		offset += err->msg.nlmsg_len - sizeof(struct nlmsghdr);
	read_extack(nlh, offset, g);
	g->kernel_errno = -err->error;
	errno = g->kernel_errno;
	return MNL_CB_ERROR;
}

/* A dump that failed midway ends with NLMSG_DONE carrying the error. */
static int done_cb(const struct nlmsghdr *nlh, void *data)
{
	struct vgate_genl *g = ((struct genl_call *)data)->g;
	int status;

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(status))
		return MNL_CB_STOP;
	memcpy(&status, mnl_nlmsg_get_payload(nlh), sizeof(status));
	if (status >= 0)
		return MNL_CB_STOP;
	read_extack(nlh, sizeof(status), g);
	g->kernel_errno = -status;
	errno = g->kernel_errno;
	return MNL_CB_ERROR;
}

static int call_cb(const struct nlmsghdr *nlh, void *data)
{
	struct genl_call *call = data;

	if (mnl_nlmsg_get_payload_len(nlh) < GENL_HDRLEN)
		return MNL_CB_OK;
	return call->cb ? call->cb(nlh, call->data) : MNL_CB_OK;
}

static int run(struct vgate_genl *g, size_t len, unsigned int seq,
	       unsigned int portid, struct genl_call *call)
{
	mnl_cb_t ctl_cbs[NLMSG_MIN_TYPE] = {
		[NLMSG_ERROR] = error_cb,
		[NLMSG_DONE] = done_cb,
	};

	return mnl_cb_run2(g->buf, len, seq, portid, call_cb, call, ctl_cbs,
			   NLMSG_MIN_TYPE);
}

static void describe_error(struct vgate_genl *g, const char *what)
{
	if (g->extack[0])
		snprintf(g->error, sizeof(g->error), "kernel: %s", g->extack);
	else if (g->kernel_errno)
		snprintf(g->error, sizeof(g->error), "kernel: %s: %s", what,
			 strerror(g->kernel_errno));
	else
		snprintf(g->error, sizeof(g->error), "netlink: %s: %s", what,
			 strerror(errno));
}

struct nlmsghdr *vgate_genl_request(struct vgate_genl *g, uint8_t cmd,
				    uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(g->buf);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = g->family_id;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = ++g->seq;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = g->family_id == GENL_ID_CTRL ? 1 : VGATE_GENL_VERSION;
	return nlh;
}

int vgate_genl_transact(struct vgate_genl *g, struct nlmsghdr *nlh,
			mnl_cb_t cb, void *data, const char *what)
{
	struct genl_call call = { .g = g, .cb = cb, .data = data };
	unsigned int seq = nlh->nlmsg_seq;
	ssize_t n;
	int ret;

	g->kernel_errno = 0;
	g->extack[0] = '\0';
	if (mnl_socket_sendto(g->nl, nlh, nlh->nlmsg_len) < 0) {
		describe_error(g, what);
		return -1;
	}
	do {
		n = mnl_socket_recvfrom(g->nl, g->buf, GENL_RECV_BUFFER);
		ret = n < 0 ? -1 : run(g, (size_t)n, seq, g->portid, &call);
	} while (ret > 0);
	if (ret < 0) {
		describe_error(g, what);
		return -1;
	}
	return 0;
}

static int mcast_group_cb(const struct nlattr *group, struct vgate_genl *g)
{
	const struct nlattr *tb[CTRL_ATTR_MCAST_GRP_MAX + 1] = { 0 };
	char name[GENL_NAMSIZ];
	uint32_t id;

	vgate_attr_table(NULL, group, tb, CTRL_ATTR_MCAST_GRP_MAX);
	if (vgate_attr_str(tb[CTRL_ATTR_MCAST_GRP_NAME], name, sizeof(name)) &&
	    !strcmp(name, VGATE_MCGRP_EVENTS) &&
	    vgate_attr_u32(tb[CTRL_ATTR_MCAST_GRP_ID], &id))
		g->events_group = id;
	return MNL_CB_OK;
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[CTRL_ATTR_MAX + 1] = { 0 };
	struct vgate_genl *g = data;
	const struct nlattr *group;
	uint16_t id;

	vgate_attr_table(nlh, NULL, tb, CTRL_ATTR_MAX);
	if (vgate_attr_u16(tb[CTRL_ATTR_FAMILY_ID], &id))
		g->family_id = id;
	if (tb[CTRL_ATTR_MCAST_GROUPS])
		mnl_attr_for_each_nested(group, tb[CTRL_ATTR_MCAST_GROUPS])
			mcast_group_cb(group, g);
	return MNL_CB_OK;
}

static int resolve_family(struct vgate_genl *g)
{
	struct nlmsghdr *nlh;

	g->family_id = GENL_ID_CTRL;
	nlh = vgate_genl_request(g, CTRL_CMD_GETFAMILY, NLM_F_ACK);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, VGATE_GENL_NAME);
	g->family_id = 0;
	if (vgate_genl_transact(g, nlh, family_cb, g,
				"resolving the vgate family") < 0) {
		if (g->kernel_errno == ENOENT)
			snprintf(g->error, sizeof(g->error),
				 "vgate kernel module not loaded (generic netlink family %s not found)",
				 VGATE_GENL_NAME);
		return -1;
	}
	return 0;
}

int vgate_netlink_open(struct vgate_genl *g, int bus)
{
	int on = 1;

	memset(g, 0, sizeof(*g));
	g->nl = mnl_socket_open(bus);
	if (!g->nl || mnl_socket_bind(g->nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		snprintf(g->error, sizeof(g->error), "netlink: %s",
			 strerror(errno));
		if (g->nl)
			mnl_socket_close(g->nl);
		g->nl = NULL;
		return -1;
	}
	/* Ask for the kernel's error text and no echo of our request. */
	mnl_socket_setsockopt(g->nl, NETLINK_EXT_ACK, &on, sizeof(on));
	mnl_socket_setsockopt(g->nl, NETLINK_CAP_ACK, &on, sizeof(on));
	g->portid = mnl_socket_get_portid(g->nl);
	g->seq = (unsigned int)time(NULL);
	g->buf = xcalloc(1, GENL_RECV_BUFFER);
	return 0;
}

int vgate_genl_open(struct vgate_genl *g)
{
	if (vgate_netlink_open(g, NETLINK_GENERIC) < 0)
		return -1;
	if (resolve_family(g) < 0) {
		char error[sizeof(g->error)];

		memcpy(error, g->error, sizeof(error));
		vgate_genl_close(g);
		memcpy(g->error, error, sizeof(error));
		return -1;
	}
	return 0;
}

void vgate_genl_close(struct vgate_genl *g)
{
	if (g->nl)
		mnl_socket_close(g->nl);
	free(g->buf);
	memset(g, 0, sizeof(*g));
}

int vgate_genl_subscribe(struct vgate_genl *g)
{
	uint32_t group = g->events_group;

	if (!group) {
		snprintf(g->error, sizeof(g->error),
			 "the vgate family has no \"%s\" multicast group",
			 VGATE_MCGRP_EVENTS);
		return -1;
	}
	if (mnl_socket_setsockopt(g->nl, NETLINK_ADD_MEMBERSHIP, &group,
				  sizeof(group)) < 0) {
		snprintf(g->error, sizeof(g->error),
			 "netlink: joining the events group: %s",
			 strerror(errno));
		return -1;
	}
	return 0;
}

int vgate_genl_recv_events(struct vgate_genl *g, mnl_cb_t cb, void *data)
{
	struct genl_call call = { .g = g, .cb = cb, .data = data };
	ssize_t n;

	n = mnl_socket_recvfrom(g->nl, g->buf, GENL_RECV_BUFFER);
	if (n < 0) {
		if (errno == ENOBUFS)
			return -2;
		snprintf(g->error, sizeof(g->error), "netlink: %s",
			 strerror(errno));
		return -1;
	}
	if (run(g, (size_t)n, 0, 0, &call) < 0) {
		describe_error(g, "reading notifications");
		return -1;
	}
	return 0;
}

struct attr_table {
	const struct nlattr **tb;
	unsigned int max;
};

static int attr_table_cb(const struct nlattr *attr, void *data)
{
	struct attr_table *t = data;
	uint16_t type = mnl_attr_get_type(attr);

	if (type <= t->max)
		t->tb[type] = attr;
	return MNL_CB_OK;
}

void vgate_attr_table(const struct nlmsghdr *nlh, const struct nlattr *nest,
		      const struct nlattr **tb, unsigned int max)
{
	struct attr_table t = { .tb = tb, .max = max };

	memset(tb, 0, (max + 1) * sizeof(*tb));
	if (nest)
		mnl_attr_parse_nested(nest, attr_table_cb, &t);
	else
		mnl_attr_parse(nlh, GENL_HDRLEN, attr_table_cb, &t);
}

static bool attr_fixed(const struct nlattr *attr, void *v, size_t size)
{
	if (!attr || mnl_attr_get_payload_len(attr) != size)
		return false;
	memcpy(v, mnl_attr_get_payload(attr), size);
	return true;
}

bool vgate_attr_u8(const struct nlattr *attr, uint8_t *v)
{
	return attr_fixed(attr, v, sizeof(*v));
}

bool vgate_attr_u16(const struct nlattr *attr, uint16_t *v)
{
	return attr_fixed(attr, v, sizeof(*v));
}

bool vgate_attr_u32(const struct nlattr *attr, uint32_t *v)
{
	return attr_fixed(attr, v, sizeof(*v));
}

bool vgate_attr_u64(const struct nlattr *attr, uint64_t *v)
{
	return attr_fixed(attr, v, sizeof(*v));
}

bool vgate_attr_str(const struct nlattr *attr, char *buf, size_t size)
{
	if (!attr || mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) < 0)
		return false;
	snprintf(buf, size, "%s", mnl_attr_get_str(attr));
	return true;
}
