// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/vgate.h>

#include "common/xalloc.h"
#include "dataplane/genl_templates.h"

/* Big enough for any message a kernel dump packs into one datagram. */
#define GENL_RECV_BUFFER 65536

struct genl_conn {
	struct mnl_socket *nl;
	unsigned int portid;
	unsigned int seq;
	char *buf;
};

/* What one request's replies produce. */
struct genl_reply {
	uint16_t family_id;
	struct vgate_template *templates;
	size_t count;
	int kernel_errno;
	char extack[256];
};

/* The kernel's error text, in the TLVs from OFFSET of an error or done. */
static void read_extack(const struct nlmsghdr *nlh, size_t offset,
			struct genl_reply *reply)
{
	const struct nlattr *attr;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	mnl_attr_for_each(attr, nlh, offset) {
		if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_MSG &&
		    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
			snprintf(reply->extack, sizeof(reply->extack), "%s",
				 mnl_attr_get_str(attr));
	}
}

static int error_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	struct genl_reply *reply = data;
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
	read_extack(nlh, offset, reply);
	reply->kernel_errno = -err->error;
	errno = reply->kernel_errno;
	return MNL_CB_ERROR;
}

/* A dump that failed midway ends with NLMSG_DONE carrying the error. */
static int done_cb(const struct nlmsghdr *nlh, void *data)
{
	struct genl_reply *reply = data;
	int status;

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(status))
		return MNL_CB_STOP;
	memcpy(&status, mnl_nlmsg_get_payload(nlh), sizeof(status));
	if (status >= 0)
		return MNL_CB_STOP;
	read_extack(nlh, sizeof(status), reply);
	reply->kernel_errno = -status;
	errno = reply->kernel_errno;
	return MNL_CB_ERROR;
}

static int family_attr_cb(const struct nlattr *attr, void *data)
{
	struct genl_reply *reply = data;

	if (mnl_attr_get_type(attr) == CTRL_ATTR_FAMILY_ID &&
	    mnl_attr_validate(attr, MNL_TYPE_U16) == 0)
		reply->family_id = mnl_attr_get_u16(attr);
	return MNL_CB_OK;
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	return mnl_attr_parse(nlh, GENL_HDRLEN, family_attr_cb, data);
}

static int template_attr_cb(const struct nlattr *attr, void *data)
{
	struct vgate_template *t = data;
	uint16_t type = mnl_attr_get_type(attr);

	if (type == VGATE_A_TMPL_IFNAME) {
		if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
			snprintf(t->ifname, sizeof(t->ifname), "%s",
				 mnl_attr_get_str(attr));
		return MNL_CB_OK;
	}
	if (type > VGATE_A_TMPL_MAX || mnl_attr_validate(attr, MNL_TYPE_U32) < 0)
		return MNL_CB_OK;	/* newer kernel: skip what we do not know */
	switch (type) {
	case VGATE_A_TMPL_IFINDEX:
		t->ifindex = mnl_attr_get_u32(attr);
		break;
	case VGATE_A_TMPL_MTU:
		t->mtu = mnl_attr_get_u32(attr);
		break;
	case VGATE_A_TMPL_UNNUMBERED:
		t->has_unnumbered = true;
		t->unnumbered_ifindex = mnl_attr_get_u32(attr);
		break;
	case VGATE_A_TMPL_MAX_ACCESS:
		t->max_access = mnl_attr_get_u32(attr);
		break;
	case VGATE_A_TMPL_N_ACCESS:
		t->n_access = mnl_attr_get_u32(attr);
		break;
	}
	return MNL_CB_OK;
}

static int template_cb(const struct nlmsghdr *nlh, void *data)
{
	struct genl_reply *reply = data;
	struct vgate_template *t;
	const struct nlattr *attr;

	mnl_attr_for_each(attr, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(attr) != VGATE_A_TEMPLATE ||
		    mnl_attr_validate(attr, MNL_TYPE_NESTED) < 0)
			continue;
		reply->templates = xreallocarray(reply->templates,
						 reply->count + 1,
						 sizeof(*reply->templates));
		t = &reply->templates[reply->count++];
		memset(t, 0, sizeof(*t));
		if (mnl_attr_parse_nested(attr, template_attr_cb, t) < 0)
			return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

static struct nlmsghdr *put_request(struct genl_conn *conn, uint16_t type,
				    uint16_t flags, uint8_t cmd, uint8_t version)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(conn->buf);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = ++conn->seq;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = version;
	return nlh;
}

/* Sends NLH and runs CB on every reply until the kernel is done. */
static int transact(struct genl_conn *conn, struct nlmsghdr *nlh,
		    mnl_cb_t cb, struct genl_reply *reply)
{
	mnl_cb_t ctl_cbs[NLMSG_MIN_TYPE] = {
		[NLMSG_ERROR] = error_cb,
		[NLMSG_DONE] = done_cb,
	};
	unsigned int seq = nlh->nlmsg_seq;
	ssize_t n;
	int ret;

	if (mnl_socket_sendto(conn->nl, nlh, nlh->nlmsg_len) < 0)
		return -1;
	do {
		n = mnl_socket_recvfrom(conn->nl, conn->buf, GENL_RECV_BUFFER);
		if (n < 0)
			return -1;
		ret = mnl_cb_run2(conn->buf, (size_t)n, seq, conn->portid, cb,
				  reply, ctl_cbs, NLMSG_MIN_TYPE);
	} while (ret > 0);
	return ret < 0 ? -1 : 0;
}

static void describe_error(const struct genl_reply *reply, const char *what,
			   char *error, size_t error_size)
{
	if (reply->extack[0])
		snprintf(error, error_size, "kernel: %s", reply->extack);
	else if (reply->kernel_errno)
		snprintf(error, error_size, "kernel: %s: %s", what,
			 strerror(reply->kernel_errno));
	else
		snprintf(error, error_size, "netlink: %s: %s", what,
			 strerror(errno));
}

static int resolve_family(struct genl_conn *conn, uint16_t *family_id,
			  char *error, size_t error_size)
{
	struct genl_reply reply = { 0 };
	struct nlmsghdr *nlh;

	nlh = put_request(conn, GENL_ID_CTRL, NLM_F_ACK, CTRL_CMD_GETFAMILY, 1);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, VGATE_GENL_NAME);
	if (transact(conn, nlh, family_cb, &reply) < 0) {
		if (reply.kernel_errno == ENOENT)
			snprintf(error, error_size,
				 "vgate kernel module not loaded (generic netlink family %s not found)",
				 VGATE_GENL_NAME);
		else
			describe_error(&reply, "resolving the vgate family",
				       error, error_size);
		return -1;
	}
	*family_id = reply.family_id;
	return 0;
}

static int open_conn(struct genl_conn *conn, char *error, size_t error_size)
{
	int on = 1;

	conn->nl = mnl_socket_open(NETLINK_GENERIC);
	if (!conn->nl || mnl_socket_bind(conn->nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		snprintf(error, error_size, "netlink: %s", strerror(errno));
		if (conn->nl)
			mnl_socket_close(conn->nl);
		return -1;
	}
	/* Ask for the kernel's error text and no echo of our request. */
	mnl_socket_setsockopt(conn->nl, NETLINK_EXT_ACK, &on, sizeof(on));
	mnl_socket_setsockopt(conn->nl, NETLINK_CAP_ACK, &on, sizeof(on));
	conn->portid = mnl_socket_get_portid(conn->nl);
	conn->seq = (unsigned int)time(NULL);
	conn->buf = xcalloc(1, GENL_RECV_BUFFER);
	return 0;
}

int vgate_templates_get(const char *ifname, struct vgate_template **templates,
			size_t *count, char *error, size_t error_size)
{
	struct genl_reply reply = { 0 };
	struct genl_conn conn = { 0 };
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	uint16_t family_id;
	int ret = -1;

	if (open_conn(&conn, error, error_size) < 0)
		return -1;
	if (resolve_family(&conn, &family_id, error, error_size) < 0)
		goto out;

	nlh = put_request(&conn, family_id, ifname ? NLM_F_ACK : NLM_F_DUMP,
			  VGATE_CMD_TEMPLATE_GET, VGATE_GENL_VERSION);
	if (ifname) {
		nest = mnl_attr_nest_start(nlh, VGATE_A_TEMPLATE);
		mnl_attr_put_strz(nlh, VGATE_A_TMPL_IFNAME, ifname);
		mnl_attr_nest_end(nlh, nest);
	}
	if (transact(&conn, nlh, template_cb, &reply) < 0) {
		describe_error(&reply, "reading templates", error, error_size);
		free(reply.templates);
		goto out;
	}
	*templates = reply.templates;
	*count = reply.count;
	ret = 0;
out:
	free(conn.buf);
	mnl_socket_close(conn.nl);
	return ret;
}
