// SPDX-License-Identifier: GPL-2.0
/*
 * vgate_nl: send one hand-built VGATE_CMD_TEMPLATE_GET request, well
 * formed or not, and print what the kernel answers.
 *
 * Copyright (C) 2026 The vgate authors
 *
 * usage: vgate_nl [-d] [-c CMD] [ATTR...]
 *   -d       dump instead of do
 *   -c CMD   command number (default VGATE_CMD_TEMPLATE_GET)
 *   ATTR     SET.ID:TYPE=VALUE, or the bare word "tmpl" for an empty
 *            template nest
 *            SET   top (top level) or tmpl (inside VGATE_A_TEMPLATE)
 *            ID    a number or ifindex, ifname, mtu, unnumbered,
 *                  max_access, n_access, template
 *            TYPE  u8 u16 u32 u64 str (NUL-terminated) nstr (no NUL)
 *
 * Prints one line per template in the reply:
 *   ifindex=N ifname=NAME mtu=N max_access=N n_access=N [unnumbered=N]
 * On an error reply prints
 *   error=-ERRNO [bad_attr_off=N] [missing_type=N] msg=EXTACK-MESSAGE
 * (the message is the rest of the line) and exits 1.  Exits 2 on usage or local errors.
 */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/vgate.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#ifndef NLM_F_ACK_TLVS
#define NLM_F_ACK_TLVS 0x200
#endif

static const struct {
	const char *name;
	int id;
} attr_names[] = {
	{ "ifindex", VGATE_A_TMPL_IFINDEX },
	{ "ifname", VGATE_A_TMPL_IFNAME },
	{ "mtu", VGATE_A_TMPL_MTU },
	{ "unnumbered", VGATE_A_TMPL_UNNUMBERED },
	{ "max_access", VGATE_A_TMPL_MAX_ACCESS },
	{ "n_access", VGATE_A_TMPL_N_ACCESS },
	{ "template", VGATE_A_TEMPLATE },
};

struct attr_spec {
	int top;		/* 1: top level, 0: inside the template nest */
	int id;
	char type[8];
	const char *value;
};

static _Noreturn void usage(void)
{
	fprintf(stderr,
		"usage: vgate_nl [-d] [-c CMD] [top|tmpl.ID:TYPE=VALUE | tmpl]...\n");
	exit(2);
}

static int parse_attr(const char *arg, struct attr_spec *a)
{
	const char *dot = strchr(arg, '.');
	const char *colon = dot ? strchr(dot, ':') : NULL;
	const char *eq = colon ? strchr(colon, '=') : NULL;
	char id[32];
	size_t i, n;

	if (!eq)
		return -1;
	if (!strncmp(arg, "top", dot - arg) && dot - arg == 3)
		a->top = 1;
	else if (!strncmp(arg, "tmpl", dot - arg) && dot - arg == 4)
		a->top = 0;
	else
		return -1;

	n = colon - dot - 1;
	if (n == 0 || n >= sizeof(id))
		return -1;
	memcpy(id, dot + 1, n);
	id[n] = '\0';
	a->id = -1;
	for (i = 0; i < ARRAY_SIZE(attr_names); i++)
		if (!strcmp(id, attr_names[i].name))
			a->id = attr_names[i].id;
	if (a->id < 0)
		a->id = (int)strtoul(id, NULL, 0);

	n = eq - colon - 1;
	if (n == 0 || n >= sizeof(a->type))
		return -1;
	memcpy(a->type, colon + 1, n);
	a->type[n] = '\0';
	a->value = eq + 1;
	return 0;
}

static int put_attr(struct nlmsghdr *nlh, const struct attr_spec *a)
{
	unsigned long long v = strtoull(a->value, NULL, 0);

	if (!strcmp(a->type, "u8"))
		mnl_attr_put_u8(nlh, a->id, (uint8_t)v);
	else if (!strcmp(a->type, "u16"))
		mnl_attr_put_u16(nlh, a->id, (uint16_t)v);
	else if (!strcmp(a->type, "u32"))
		mnl_attr_put_u32(nlh, a->id, (uint32_t)v);
	else if (!strcmp(a->type, "u64"))
		mnl_attr_put_u64(nlh, a->id, (uint64_t)v);
	else if (!strcmp(a->type, "str"))
		mnl_attr_put_strz(nlh, a->id, a->value);
	else if (!strcmp(a->type, "nstr"))
		mnl_attr_put_str(nlh, a->id, a->value);
	else
		return -1;
	return 0;
}

/* shared by every callback of one request */
struct reply {
	int status;		/* 1 once an error reply was seen */
	uint16_t family;	/* CTRL_ATTR_FAMILY_ID of a ctrl reply */
};

static int ctrl_attr_cb(const struct nlattr *attr, void *data)
{
	struct reply *r = data;

	if (mnl_attr_get_type(attr) == CTRL_ATTR_FAMILY_ID &&
	    mnl_attr_validate(attr, MNL_TYPE_U16) >= 0)
		r->family = mnl_attr_get_u16(attr);
	return MNL_CB_OK;
}

static int ctrl_cb(const struct nlmsghdr *nlh, void *data)
{
	return mnl_attr_parse(nlh, sizeof(struct genlmsghdr), ctrl_attr_cb,
			      data);
}

static int tmpl_attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	int type = mnl_attr_get_type(attr);

	if (type > 0 && type <= VGATE_A_TMPL_MAX)
		tb[type] = attr;
	return MNL_CB_OK;
}

/* fields are separated by one space, with none before the first */
static const char *sep = "";

static void print_u32(const struct nlattr *attr, const char *name)
{
	if (attr && mnl_attr_validate(attr, MNL_TYPE_U32) >= 0) {
		printf("%s%s=%u", sep, name, mnl_attr_get_u32(attr));
		sep = " ";
	}
}

static int top_attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr *tb[VGATE_A_TMPL_MAX + 1] = { NULL };

	(void)data;
	if (mnl_attr_get_type(attr) != VGATE_A_TEMPLATE)
		return MNL_CB_OK;
	if (mnl_attr_parse_nested(attr, tmpl_attr_cb, tb) < 0)
		return MNL_CB_ERROR;
	print_u32(tb[VGATE_A_TMPL_IFINDEX], "ifindex");
	if (tb[VGATE_A_TMPL_IFNAME] &&
	    mnl_attr_validate(tb[VGATE_A_TMPL_IFNAME], MNL_TYPE_NUL_STRING) >= 0) {
		printf("%sifname=%s", sep,
		       mnl_attr_get_str(tb[VGATE_A_TMPL_IFNAME]));
		sep = " ";
	}
	print_u32(tb[VGATE_A_TMPL_MTU], "mtu");
	print_u32(tb[VGATE_A_TMPL_MAX_ACCESS], "max_access");
	print_u32(tb[VGATE_A_TMPL_N_ACCESS], "n_access");
	print_u32(tb[VGATE_A_TMPL_UNNUMBERED], "unnumbered");
	printf("\n");
	sep = "";
	return MNL_CB_OK;
}

static int reply_cb(const struct nlmsghdr *nlh, void *data)
{
	return mnl_attr_parse(nlh, sizeof(struct genlmsghdr), top_attr_cb,
			      data);
}

/* no error lines while resolving the family id */
static int quiet;

struct extack {
	const char *msg;
	long off;
	long miss_type;
};

static int ext_attr_cb(const struct nlattr *attr, void *data)
{
	struct extack *ext = data;

	switch (mnl_attr_get_type(attr)) {
	case NLMSGERR_ATTR_MSG:
		if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) >= 0)
			ext->msg = mnl_attr_get_str(attr);
		break;
	case NLMSGERR_ATTR_OFFS:
		if (mnl_attr_validate(attr, MNL_TYPE_U32) >= 0)
			ext->off = mnl_attr_get_u32(attr);
		break;
	case NLMSGERR_ATTR_MISS_TYPE:
		if (mnl_attr_validate(attr, MNL_TYPE_U32) >= 0)
			ext->miss_type = mnl_attr_get_u32(attr);
		break;
	}
	return MNL_CB_OK;
}

/* NETLINK_CAP_ACK is set: the echoed request is its header only. */
static int error_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	struct extack ext = { .msg = NULL, .off = -1, .miss_type = -1 };
	struct reply *r = data;

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*err)))
		return MNL_CB_ERROR;
	if (err->error == 0)
		return MNL_CB_STOP;
	r->status = 1;
	if (quiet)
		return MNL_CB_STOP;
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS)
		mnl_attr_parse(nlh, sizeof(*err), ext_attr_cb, &ext);
	printf("error=%d", err->error);
	if (ext.off >= 0)
		printf(" bad_attr_off=%ld", ext.off);
	if (ext.miss_type >= 0)
		printf(" missing_type=%ld", ext.miss_type);
	printf(" msg=%s\n", ext.msg ? ext.msg : "");
	return MNL_CB_STOP;
}

static int done_cb(const struct nlmsghdr *nlh, void *data)
{
	(void)nlh;
	(void)data;
	return MNL_CB_STOP;
}

/* Send @nlh and run @cb on every reply until the ack, error or done. */
static int talk(struct mnl_socket *nl, struct nlmsghdr *nlh, mnl_cb_t cb,
		struct reply *r)
{
	mnl_cb_t ctl[NLMSG_MIN_TYPE] = { NULL };
	char buf[MNL_SOCKET_BUFFER_SIZE];
	unsigned int portid = mnl_socket_get_portid(nl);
	unsigned int seq = nlh->nlmsg_seq;
	int ret;

	ctl[NLMSG_ERROR] = error_cb;
	ctl[NLMSG_DONE] = done_cb;
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0) {
		perror("vgate_nl: send");
		return -1;
	}
	do {
		ret = mnl_socket_recvfrom(nl, buf, sizeof(buf));
		if (ret < 0) {
			perror("vgate_nl: recv");
			return -1;
		}
		ret = mnl_cb_run2(buf, ret, seq, portid, cb, r, ctl,
				  NLMSG_MIN_TYPE);
	} while (ret == MNL_CB_OK);
	if (ret < 0) {
		perror("vgate_nl: reply");
		return -1;
	}
	return 0;
}

static int family_id(struct mnl_socket *nl, uint16_t *id)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct genlmsghdr *genl;
	struct reply r = { 0 };
	struct nlmsghdr *nlh;

	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = (unsigned int)time(NULL);
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = CTRL_CMD_GETFAMILY;
	genl->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, VGATE_GENL_NAME);

	quiet = 1;
	if (talk(nl, nlh, ctrl_cb, &r) < 0 || r.status || !r.family)
		return -1;
	quiet = 0;
	*id = r.family;
	return 0;
}

int main(int argc, char **argv)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlattr *nest = NULL;
	struct genlmsghdr *genl;
	struct attr_spec a;
	struct mnl_socket *nl;
	struct nlmsghdr *nlh;
	int cmd = VGATE_CMD_TEMPLATE_GET, dump = 0, one = 1;
	struct reply r = { 0 };
	int opt, i;
	uint16_t id;

	while ((opt = getopt(argc, argv, "dc:")) != -1) {
		switch (opt) {
		case 'd':
			dump = 1;
			break;
		case 'c':
			cmd = atoi(optarg);
			break;
		default:
			usage();
		}
	}

	nl = mnl_socket_open(NETLINK_GENERIC);
	if (!nl || mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		perror("vgate_nl: socket");
		return 2;
	}
	mnl_socket_setsockopt(nl, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl, NETLINK_CAP_ACK, &one, sizeof(one));
	if (family_id(nl, &id) < 0) {
		fprintf(stderr, "vgate_nl: genl family %s not found\n",
			VGATE_GENL_NAME);
		return 2;
	}

	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = id;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | (dump ? NLM_F_DUMP : 0);
	nlh->nlmsg_seq = (unsigned int)time(NULL) + 1;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = (uint8_t)cmd;
	genl->version = VGATE_GENL_VERSION;

	/* top-level attributes first, then the template nest */
	for (i = optind; i < argc; i++) {
		if (!strcmp(argv[i], "tmpl"))
			continue;
		if (parse_attr(argv[i], &a) < 0)
			usage();
		if (a.top && put_attr(nlh, &a) < 0)
			usage();
	}
	for (i = optind; i < argc; i++) {
		if (strcmp(argv[i], "tmpl") && (parse_attr(argv[i], &a) < 0 ||
						a.top))
			continue;
		if (!nest)
			nest = mnl_attr_nest_start(nlh, VGATE_A_TEMPLATE);
		if (strcmp(argv[i], "tmpl") && put_attr(nlh, &a) < 0)
			usage();
	}
	if (nest)
		mnl_attr_nest_end(nlh, nest);

	if (talk(nl, nlh, reply_cb, &r) < 0)
		r.status = 2;
	mnl_socket_close(nl);
	return r.status;
}
