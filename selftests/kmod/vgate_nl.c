// SPDX-License-Identifier: GPL-2.0
/*
 * vgate_nl: test client of the vgate generic-netlink family: sends any
 * request, well formed or not, and prints what the kernel answers; also
 * listens to the "events" group and runs batches from stdin.
 *
 * Copyright (C) 2026 The vgate authors
 *
 * usage:
 *   vgate_nl [-d] [-c CMD] [RAW...]       one raw request (default
 *                                         TEMPLATE_GET)
 *   vgate_nl [-d] COMMAND [KEY=VALUE...]  one request in words
 *   vgate_nl monitor [-n COUNT] [-t SECS] print notifications
 *   vgate_nl batch [-q]                   requests in words from stdin,
 *                                         one per line, one socket
 *
 *   -d       dump instead of do
 *   -c CMD   command number or name (template-get, access-new, ...)
 *   RAW      SET.ID:TYPE=VALUE, or a bare SET word for an empty nest
 *            SET   top, tmpl, access, sa, net, or sa.soft, sa.hard,
 *                  sa.prefix (nests inside the SA nest)
 *            ID    a number or an attribute name of that set
 *            TYPE  u8 u16 u32 u64 str (NUL-terminated) nstr (no NUL)
 *                  hex (binary, hex digits) flag
 *
 * COMMAND and its words (numbers in C syntax; addresses as text):
 *   template-get [ifindex=N|ifname=S]   template-set ifindex=N
 *       [max_access=N] [unnumbered=N]
 *   access-new template=N [no_ipv6]     access-del ifindex=N [reason=N]
 *   access-get [ifindex=N] [template=N]
 *   sa-new access=N|last dir=in|out spi=N enc=gcm|cbc|chacha|N key=HEX
 *       [integ=none|sha1|sha256|sha384|sha512|N ikey=HEX] [esn]
 *       [window=N] local=ADDR peer=ADDR [fd=N port=N]
 *       [soft_bytes=N soft_packets=N soft_seconds=N hard_bytes=N ...]
 *       [prefix=ADDR/LEN]...
 *   sa-del spi=N [dir=in|out] [access=N] [reason=N]
 *   sa-get [spi=N] [dir=in|out] [access=N]    sa-swap access=N spi=N
 *   net-get                             net-set max_sa=N
 *
 * Output: one line per object in the reply, fields "name=value" separated
 * by single spaces (templates as before: ifindex ifname mtu max_access
 * n_access [unnumbered]).  Notifications start with the command's name
 * (ACCESS_DEL_NTF, SA_EXPIRE_NTF, UNKNOWN_SPI_NTF).  A key attribute in
 * any message prints KEY-LEAK.  On an error reply prints
 *   error=-ERRNO [bad_attr_off=N] [missing_type=N] msg=EXTACK-MESSAGE
 * and exits 1.  Exits 2 on usage or local errors.  The monitor prints
 * "listening" once it has joined the group.  A batch prints its errors,
 * the replies unless -q, and at the end "ok=N failed=N"; it exits 1 if
 * any request failed.
 */

#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
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

/* the attribute sets raw arguments and words address */
enum set {
	SET_TOP,
	SET_TMPL,
	SET_ACCESS,
	SET_SA,
	SET_NET,
	SET_SOFT,
	SET_HARD,
	SET_PREFIX,
	SET_N,
};

static const char *const set_names[SET_N] = {
	"top", "tmpl", "access", "sa", "net", "sa.soft", "sa.hard", "sa.prefix",
};

/* the nest type of each set; parent SET_SA for the last three */
static const int set_nest[SET_N] = {
	0, VGATE_A_TEMPLATE, VGATE_A_ACCESS, VGATE_A_SA, VGATE_A_NET,
	VGATE_A_SA_SOFT, VGATE_A_SA_HARD, VGATE_A_SA_PREFIX,
};

struct name {
	enum set set;
	const char *name;
	int id;
};

static const struct name attr_names[] = {
	{ SET_TOP, "template", VGATE_A_TEMPLATE },
	{ SET_TOP, "access", VGATE_A_ACCESS },
	{ SET_TOP, "sa", VGATE_A_SA },
	{ SET_TOP, "net", VGATE_A_NET },
	{ SET_TMPL, "ifindex", VGATE_A_TMPL_IFINDEX },
	{ SET_TMPL, "ifname", VGATE_A_TMPL_IFNAME },
	{ SET_TMPL, "mtu", VGATE_A_TMPL_MTU },
	{ SET_TMPL, "unnumbered", VGATE_A_TMPL_UNNUMBERED },
	{ SET_TMPL, "max_access", VGATE_A_TMPL_MAX_ACCESS },
	{ SET_TMPL, "n_access", VGATE_A_TMPL_N_ACCESS },
	{ SET_ACCESS, "ifindex", VGATE_A_ACCESS_IFINDEX },
	{ SET_ACCESS, "ifname", VGATE_A_ACCESS_IFNAME },
	{ SET_ACCESS, "template", VGATE_A_ACCESS_TEMPLATE },
	{ SET_ACCESS, "reason", VGATE_A_ACCESS_DEL_REASON },
	{ SET_ACCESS, "out_spi", VGATE_A_ACCESS_OUT_SPI },
	{ SET_ACCESS, "n_sa", VGATE_A_ACCESS_N_SA },
	{ SET_ACCESS, "stats", VGATE_A_ACCESS_STATS },
	{ SET_SA, "access", VGATE_A_SA_ACCESS },
	{ SET_SA, "dir", VGATE_A_SA_DIR },
	{ SET_SA, "spi", VGATE_A_SA_SPI },
	{ SET_SA, "enc", VGATE_A_SA_ENC_ALG },
	{ SET_SA, "key", VGATE_A_SA_ENC_KEY },
	{ SET_SA, "integ", VGATE_A_SA_INTEG_ALG },
	{ SET_SA, "ikey", VGATE_A_SA_INTEG_KEY },
	{ SET_SA, "esn", VGATE_A_SA_ESN },
	{ SET_SA, "window", VGATE_A_SA_REPLAY_WINDOW },
	{ SET_SA, "local", VGATE_A_SA_LOCAL_ADDR },
	{ SET_SA, "peer", VGATE_A_SA_PEER_ADDR },
	{ SET_SA, "fd", VGATE_A_SA_ENCAP_FD },
	{ SET_SA, "port", VGATE_A_SA_PEER_PORT },
	{ SET_SA, "local_port", VGATE_A_SA_LOCAL_PORT },
	{ SET_SA, "reason", VGATE_A_SA_DEL_REASON },
	{ SET_SA, "seq", VGATE_A_SA_SEQ },
	{ SET_SA, "active", VGATE_A_SA_ACTIVE },
	{ SET_NET, "max_sa", VGATE_A_NET_MAX_SA },
	{ SET_NET, "n_sa", VGATE_A_NET_N_SA },
	{ SET_NET, "n_access", VGATE_A_NET_N_ACCESS },
	{ SET_NET, "unknown_spi", VGATE_A_NET_UNKNOWN_SPI },
	{ SET_SOFT, "bytes", VGATE_A_LIFETIME_BYTES },
	{ SET_SOFT, "packets", VGATE_A_LIFETIME_PACKETS },
	{ SET_SOFT, "seconds", VGATE_A_LIFETIME_SECONDS },
	{ SET_HARD, "bytes", VGATE_A_LIFETIME_BYTES },
	{ SET_HARD, "packets", VGATE_A_LIFETIME_PACKETS },
	{ SET_HARD, "seconds", VGATE_A_LIFETIME_SECONDS },
	{ SET_PREFIX, "addr", VGATE_A_PREFIX_ADDR },
	{ SET_PREFIX, "len", VGATE_A_PREFIX_LEN },
};

static const char *const cmd_names[] = {
	[VGATE_CMD_TEMPLATE_GET] = "template-get",
	[VGATE_CMD_TEMPLATE_SET] = "template-set",
	[VGATE_CMD_ACCESS_NEW] = "access-new",
	[VGATE_CMD_ACCESS_DEL] = "access-del",
	[VGATE_CMD_ACCESS_GET] = "access-get",
	[VGATE_CMD_SA_NEW] = "sa-new",
	[VGATE_CMD_SA_DEL] = "sa-del",
	[VGATE_CMD_SA_GET] = "sa-get",
	[VGATE_CMD_SA_SWAP] = "sa-swap",
	[VGATE_CMD_NET_GET] = "net-get",
	[VGATE_CMD_NET_SET] = "net-set",
	[VGATE_CMD_SA_EXPIRE_NTF] = "SA_EXPIRE_NTF",
	[VGATE_CMD_ACCESS_DEL_NTF] = "ACCESS_DEL_NTF",
	[VGATE_CMD_UNKNOWN_SPI_NTF] = "UNKNOWN_SPI_NTF",
};

static const char *const stats_names[] = {
	[VGATE_A_STATS_RX_PACKETS] = "rx_packets",
	[VGATE_A_STATS_RX_BYTES] = "rx_bytes",
	[VGATE_A_STATS_TX_PACKETS] = "tx_packets",
	[VGATE_A_STATS_TX_BYTES] = "tx_bytes",
	[VGATE_A_STATS_RX_ERRORS] = "rx_errors",
	[VGATE_A_STATS_TX_ERRORS] = "tx_errors",
	[VGATE_A_STATS_RX_DROPS] = "rx_drops",
	[VGATE_A_STATS_TX_DROPS] = "tx_drops",
	[VGATE_A_STATS_REPLAY] = "replay",
	[VGATE_A_STATS_AUTH_FAIL] = "auth_fail",
	[VGATE_A_STATS_BAD_PADDING] = "bad_padding",
	[VGATE_A_STATS_INNER_SRC] = "inner_src",
	[VGATE_A_STATS_MALFORMED] = "malformed",
};

static _Noreturn void usage(void)
{
	fprintf(stderr,
		"usage: vgate_nl [-d] [-c CMD] [SET.ID:TYPE=VALUE | SET]...\n"
		"       vgate_nl [-d] COMMAND [KEY=VALUE]...\n"
		"       vgate_nl monitor [-n COUNT] [-t SECONDS]\n"
		"       vgate_nl batch [-q]\n");
	exit(2);
}

static int cmd_by_name(const char *s)
{
	size_t i;

	for (i = 1; i < ARRAY_SIZE(cmd_names); i++)
		if (cmd_names[i] && !strcmp(s, cmd_names[i]))
			return (int)i;
	return -1;
}

/* ---- building requests ------------------------------------------------ */

/* one attribute to put, in the order given */
struct attr_spec {
	enum set set;
	int id;
	char type[8];
	const char *value;
	int prefix_no;		/* which sa.prefix nest (words: one each) */
};

#define MAX_ATTRS 256

struct request {
	int cmd;
	int dump;
	int n;
	struct attr_spec a[MAX_ATTRS];
	char strbuf[4096];	/* values made up while parsing words */
	size_t strused;
};

static const char *req_strdup(struct request *r, const char *s)
{
	size_t n = strlen(s) + 1;
	char *p;

	if (r->strused + n > sizeof(r->strbuf))
		return NULL;
	p = r->strbuf + r->strused;
	memcpy(p, s, n);
	r->strused += n;
	return p;
}

static int attr_id(enum set set, const char *id)
{
	size_t i;
	char *end;
	long v;

	for (i = 0; i < ARRAY_SIZE(attr_names); i++)
		if (attr_names[i].set == set && !strcmp(id, attr_names[i].name))
			return attr_names[i].id;
	v = strtol(id, &end, 0);
	return *end || v < 0 ? -1 : (int)v;
}

static int parse_raw(const char *arg, struct attr_spec *a)
{
	const char *colon = strchr(arg, ':');
	const char *eq = colon ? strchr(colon, '=') : NULL;
	const char *dot;
	char set[16], id[32];
	size_t n;
	int i;

	if (!eq)
		return -1;
	/* SET is everything before the last dot ahead of the colon */
	dot = NULL;
	for (const char *p = arg; p < colon; p++)
		if (*p == '.')
			dot = p;
	if (!dot || (size_t)(dot - arg) >= sizeof(set))
		return -1;
	memcpy(set, arg, dot - arg);
	set[dot - arg] = '\0';
	a->set = SET_N;
	for (i = 0; i < SET_N; i++)
		if (!strcmp(set, set_names[i]))
			a->set = i;
	if (a->set == SET_N)
		return -1;

	n = colon - dot - 1;
	if (n == 0 || n >= sizeof(id))
		return -1;
	memcpy(id, dot + 1, n);
	id[n] = '\0';
	a->id = attr_id(a->set, id);
	if (a->id < 0)
		return -1;

	n = eq - colon - 1;
	if (n == 0 || n >= sizeof(a->type))
		return -1;
	memcpy(a->type, colon + 1, n);
	a->type[n] = '\0';
	a->value = eq + 1;
	a->prefix_no = 0;
	return 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int put_attr(struct nlmsghdr *nlh, const struct attr_spec *a)
{
	unsigned long long v = strtoull(a->value, NULL, 0);
	unsigned char bin[512];
	const char *s = a->value;
	size_t n = 0;

	if (!strcmp(a->type, "u8")) {
		mnl_attr_put_u8(nlh, a->id, (uint8_t)v);
	} else if (!strcmp(a->type, "u16")) {
		mnl_attr_put_u16(nlh, a->id, (uint16_t)v);
	} else if (!strcmp(a->type, "u32")) {
		mnl_attr_put_u32(nlh, a->id, (uint32_t)v);
	} else if (!strcmp(a->type, "u64")) {
		mnl_attr_put_u64(nlh, a->id, (uint64_t)v);
	} else if (!strcmp(a->type, "str")) {
		mnl_attr_put_strz(nlh, a->id, a->value);
	} else if (!strcmp(a->type, "nstr")) {
		mnl_attr_put_str(nlh, a->id, a->value);
	} else if (!strcmp(a->type, "flag")) {
		mnl_attr_put(nlh, a->id, 0, NULL);
	} else if (!strcmp(a->type, "hex")) {
		if (!strncmp(s, "0x", 2))
			s += 2;
		for (; s[0] && s[1] && n < sizeof(bin); s += 2) {
			if (hexval(s[0]) < 0 || hexval(s[1]) < 0)
				return -1;
			bin[n++] = (unsigned char)(hexval(s[0]) << 4 | hexval(s[1]));
		}
		if (*s)
			return -1;
		mnl_attr_put(nlh, a->id, n, bin);
	} else if (!strcmp(a->type, "addr")) {
		if (inet_pton(AF_INET, a->value, bin) == 1)
			mnl_attr_put(nlh, a->id, 4, bin);
		else if (inet_pton(AF_INET6, a->value, bin) == 1)
			mnl_attr_put(nlh, a->id, 16, bin);
		else
			return -1;
	} else {
		return -1;
	}
	return 0;
}

/*
 * Put the request's attributes: top level first, then one nest per set in
 * the order tmpl, access, sa (with its inner nests), net.  A spec whose
 * value is NULL opens the nest of its set without an attribute.
 */
static int put_request(struct nlmsghdr *nlh, const struct request *r)
{
	struct nlattr *nest, *inner;
	int i, s, k, pno, maxp = 0;

	for (i = 0; i < r->n; i++) {
		if (r->a[i].set == SET_TOP && r->a[i].value &&
		    put_attr(nlh, &r->a[i]) < 0)
			return -1;
		if (r->a[i].set == SET_PREFIX && r->a[i].prefix_no > maxp)
			maxp = r->a[i].prefix_no;
	}
	for (s = SET_TMPL; s <= SET_NET; s++) {
		nest = NULL;
		for (i = 0; i < r->n; i++) {
			enum set as = r->a[i].set;

			if (as != (enum set)s &&
			    !(s == SET_SA && as >= SET_SOFT))
				continue;
			if (!nest)
				nest = mnl_attr_nest_start(nlh, set_nest[s]);
			if (as == (enum set)s && r->a[i].value &&
			    put_attr(nlh, &r->a[i]) < 0)
				return -1;
		}
		if (s != SET_SA || !nest)
			goto end;
		for (k = SET_SOFT; k <= SET_PREFIX; k++) {
			for (pno = 0; pno <= (k == SET_PREFIX ? maxp : 0); pno++) {
				inner = NULL;
				for (i = 0; i < r->n; i++) {
					if (r->a[i].set != (enum set)k ||
					    r->a[i].prefix_no != pno)
						continue;
					if (!inner)
						inner = mnl_attr_nest_start(nlh,
								set_nest[k]);
					if (r->a[i].value &&
					    put_attr(nlh, &r->a[i]) < 0)
						return -1;
				}
				if (inner)
					mnl_attr_nest_end(nlh, inner);
			}
		}
end:
		if (nest)
			mnl_attr_nest_end(nlh, nest);
	}
	return 0;
}

static int add_spec(struct request *r, enum set set, int id, const char *type,
		    const char *value)
{
	struct attr_spec *a;

	if (r->n == MAX_ATTRS || !value)
		return -1;
	a = &r->a[r->n++];
	a->set = set;
	a->id = id;
	snprintf(a->type, sizeof(a->type), "%s", type);
	a->value = value;
	a->prefix_no = 0;
	return 0;
}

/* the ifindex of the last access device created (batch "access=last") */
static unsigned int last_access;

static const char *word_num(struct request *r, const char *v,
			    const char *const *names, size_t n_names)
{
	char buf[32];
	size_t i;

	for (i = 0; i < n_names; i++)
		if (names[i] && !strcmp(v, names[i])) {
			snprintf(buf, sizeof(buf), "%zu", i);
			return req_strdup(r, buf);
		}
	if (!strcmp(v, "last")) {
		snprintf(buf, sizeof(buf), "%u", last_access);
		return req_strdup(r, buf);
	}
	return v;
}

static const char *const dir_words[] = { "in", "out" };
static const char *const enc_words[] = { NULL, "gcm", "cbc", "chacha" };
static const char *const integ_words[] = {
	"none", "sha1", "sha256", "sha384", "sha512",
};

/* one KEY=VALUE word of COMMAND into @r */
static int parse_word(struct request *r, const char *word)
{
	const char *eq = strchr(word, '=');
	char key[32], *slash;
	const char *v;
	enum set set;
	static const struct {
		const char *key;
		enum set set;
		int id;
		const char *type;
	} sa_words[] = {
		{ "access", SET_SA, VGATE_A_SA_ACCESS, "u32" },
		{ "dir", SET_SA, VGATE_A_SA_DIR, "u32" },
		{ "spi", SET_SA, VGATE_A_SA_SPI, "u32" },
		{ "enc", SET_SA, VGATE_A_SA_ENC_ALG, "u32" },
		{ "key", SET_SA, VGATE_A_SA_ENC_KEY, "hex" },
		{ "integ", SET_SA, VGATE_A_SA_INTEG_ALG, "u32" },
		{ "ikey", SET_SA, VGATE_A_SA_INTEG_KEY, "hex" },
		{ "window", SET_SA, VGATE_A_SA_REPLAY_WINDOW, "u32" },
		{ "local", SET_SA, VGATE_A_SA_LOCAL_ADDR, "addr" },
		{ "peer", SET_SA, VGATE_A_SA_PEER_ADDR, "addr" },
		{ "fd", SET_SA, VGATE_A_SA_ENCAP_FD, "u32" },
		{ "port", SET_SA, VGATE_A_SA_PEER_PORT, "u16" },
		{ "reason", SET_SA, VGATE_A_SA_DEL_REASON, "u32" },
		{ "soft_bytes", SET_SOFT, VGATE_A_LIFETIME_BYTES, "u64" },
		{ "soft_packets", SET_SOFT, VGATE_A_LIFETIME_PACKETS, "u64" },
		{ "soft_seconds", SET_SOFT, VGATE_A_LIFETIME_SECONDS, "u64" },
		{ "hard_bytes", SET_HARD, VGATE_A_LIFETIME_BYTES, "u64" },
		{ "hard_packets", SET_HARD, VGATE_A_LIFETIME_PACKETS, "u64" },
		{ "hard_seconds", SET_HARD, VGATE_A_LIFETIME_SECONDS, "u64" },
	};
	size_t i, n;
	int id;

	switch (r->cmd) {
	case VGATE_CMD_TEMPLATE_GET:
	case VGATE_CMD_TEMPLATE_SET:
		set = SET_TMPL;
		break;
	case VGATE_CMD_ACCESS_NEW:
	case VGATE_CMD_ACCESS_DEL:
	case VGATE_CMD_ACCESS_GET:
		set = SET_ACCESS;
		break;
	case VGATE_CMD_NET_GET:
	case VGATE_CMD_NET_SET:
		set = SET_NET;
		break;
	default:
		set = SET_SA;
	}

	if (set == SET_SA && !strcmp(word, "esn"))
		return add_spec(r, SET_SA, VGATE_A_SA_ESN, "flag", "");
	if (r->cmd == VGATE_CMD_ACCESS_NEW && !strcmp(word, "no_ipv6"))
		return add_spec(r, SET_ACCESS, VGATE_A_ACCESS_NO_IPV6, "flag", "");
	if (!eq || (size_t)(eq - word) >= sizeof(key))
		return -1;
	memcpy(key, word, eq - word);
	key[eq - word] = '\0';
	v = eq + 1;

	if (set != SET_SA) {
		id = attr_id(set, key);
		if (id < 0)
			return -1;
		if (set == SET_TMPL && id == VGATE_A_TMPL_IFNAME)
			return add_spec(r, set, id, "str", v);
		if (set == SET_ACCESS && id == VGATE_A_ACCESS_IFINDEX)
			v = word_num(r, v, NULL, 0);
		return add_spec(r, set, id, "u32", v);
	}

	if (!strcmp(key, "prefix")) {
		char addr[64];
		int pno = 0;

		for (i = 0; i < (size_t)r->n; i++)
			if (r->a[i].set == SET_PREFIX &&
			    r->a[i].prefix_no >= pno)
				pno = r->a[i].prefix_no + 1;
		snprintf(addr, sizeof(addr), "%s", v);
		slash = strchr(addr, '/');
		if (!slash)
			return -1;
		*slash = '\0';
		if (add_spec(r, SET_PREFIX, VGATE_A_PREFIX_ADDR, "addr",
			     req_strdup(r, addr)) ||
		    add_spec(r, SET_PREFIX, VGATE_A_PREFIX_LEN, "u8",
			     req_strdup(r, slash + 1)))
			return -1;
		r->a[r->n - 1].prefix_no = pno;
		r->a[r->n - 2].prefix_no = pno;
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(sa_words); i++) {
		if (strcmp(key, sa_words[i].key))
			continue;
		n = 0;
		if (sa_words[i].id == VGATE_A_SA_DIR)
			v = word_num(r, v, dir_words, ARRAY_SIZE(dir_words));
		else if (sa_words[i].id == VGATE_A_SA_ENC_ALG)
			v = word_num(r, v, enc_words, ARRAY_SIZE(enc_words));
		else if (sa_words[i].id == VGATE_A_SA_INTEG_ALG)
			v = word_num(r, v, integ_words,
				     ARRAY_SIZE(integ_words));
		else if (sa_words[i].id == VGATE_A_SA_ACCESS)
			v = word_num(r, v, NULL, n);
		return add_spec(r, sa_words[i].set, sa_words[i].id,
				sa_words[i].type, v);
	}
	return -1;
}

/* ---- printing replies ------------------------------------------------- */

/* fields are separated by one space, with none before the first */
static const char *sep = "";
static int printed_key;

static void field(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void field(const char *fmt, ...)
{
	va_list ap;

	fputs(sep, stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	sep = " ";
}

static void end_line(void)
{
	if (*sep)
		printf("\n");
	sep = "";
}

struct tb {
	const struct nlattr *a[64];
	int max;
};

static int tb_cb(const struct nlattr *attr, void *data)
{
	struct tb *tb = data;
	int type = mnl_attr_get_type(attr);

	if (type > 0 && type <= tb->max && type < 64)
		tb->a[type] = attr;
	return MNL_CB_OK;
}

static void parse_nest(const struct nlattr *nest, struct tb *tb, int max)
{
	memset(tb, 0, sizeof(*tb));
	tb->max = max;
	mnl_attr_parse_nested(nest, tb_cb, tb);
}

static void print_u32(const struct nlattr *attr, const char *name)
{
	if (attr && mnl_attr_validate(attr, MNL_TYPE_U32) >= 0)
		field("%s=%u", name, mnl_attr_get_u32(attr));
}

static void print_x32(const struct nlattr *attr, const char *name)
{
	if (attr && mnl_attr_validate(attr, MNL_TYPE_U32) >= 0)
		field("%s=0x%08x", name, mnl_attr_get_u32(attr));
}

static void print_u64(const struct nlattr *attr, const char *name)
{
	if (attr && mnl_attr_validate(attr, MNL_TYPE_U64) >= 0)
		field("%s=%llu", name,
		      (unsigned long long)mnl_attr_get_u64(attr));
}

static void print_u16(const struct nlattr *attr, const char *name)
{
	if (attr && mnl_attr_validate(attr, MNL_TYPE_U16) >= 0)
		field("%s=%u", name, mnl_attr_get_u16(attr));
}

static void print_str(const struct nlattr *attr, const char *name)
{
	if (attr && mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) >= 0)
		field("%s=%s", name, mnl_attr_get_str(attr));
}

static void print_addr(const struct nlattr *attr, const char *name)
{
	char buf[INET6_ADDRSTRLEN];
	uint16_t len;

	if (!attr)
		return;
	len = mnl_attr_get_payload_len(attr);
	if ((len == 4 && inet_ntop(AF_INET, mnl_attr_get_payload(attr), buf,
				   sizeof(buf))) ||
	    (len == 16 && inet_ntop(AF_INET6, mnl_attr_get_payload(attr), buf,
				    sizeof(buf))))
		field("%s=%s", name, buf);
	else
		field("%s=?len%u", name, len);
}

/* -s: print the counters too */
static int show_stats;

static void print_stats(const struct nlattr *nest, const char *prefix)
{
	struct tb tb;
	char name[64];
	int i;

	if (!nest || !show_stats)
		return;
	parse_nest(nest, &tb, VGATE_A_STATS_MAX);
	for (i = VGATE_A_STATS_RX_PACKETS; i <= VGATE_A_STATS_MALFORMED; i++) {
		snprintf(name, sizeof(name), "%s%s", prefix, stats_names[i]);
		print_u64(tb.a[i], name);
	}
}

static void print_tmpl(const struct nlattr *nest)
{
	struct tb tb;

	parse_nest(nest, &tb, VGATE_A_TMPL_MAX);
	print_u32(tb.a[VGATE_A_TMPL_IFINDEX], "ifindex");
	print_str(tb.a[VGATE_A_TMPL_IFNAME], "ifname");
	print_u32(tb.a[VGATE_A_TMPL_MTU], "mtu");
	print_u32(tb.a[VGATE_A_TMPL_MAX_ACCESS], "max_access");
	print_u32(tb.a[VGATE_A_TMPL_N_ACCESS], "n_access");
	print_u32(tb.a[VGATE_A_TMPL_UNNUMBERED], "unnumbered");
}

static void print_access(const struct nlattr *nest)
{
	struct tb tb;

	parse_nest(nest, &tb, VGATE_A_ACCESS_MAX);
	print_u32(tb.a[VGATE_A_ACCESS_IFINDEX], "ifindex");
	print_str(tb.a[VGATE_A_ACCESS_IFNAME], "ifname");
	print_u32(tb.a[VGATE_A_ACCESS_TEMPLATE], "template");
	print_x32(tb.a[VGATE_A_ACCESS_OUT_SPI], "out_spi");
	print_u32(tb.a[VGATE_A_ACCESS_N_SA], "n_sa");
	print_u32(tb.a[VGATE_A_ACCESS_DEL_REASON], "reason");
	print_stats(tb.a[VGATE_A_ACCESS_STATS], "");
	if (tb.a[VGATE_A_ACCESS_IFINDEX] &&
	    mnl_attr_validate(tb.a[VGATE_A_ACCESS_IFINDEX], MNL_TYPE_U32) >= 0)
		last_access = mnl_attr_get_u32(tb.a[VGATE_A_ACCESS_IFINDEX]);
}

static void print_lifetime(const struct nlattr *nest, const char *name)
{
	struct tb tb;
	char buf[32];

	if (!nest)
		return;
	parse_nest(nest, &tb, VGATE_A_LIFETIME_MAX);
	snprintf(buf, sizeof(buf), "%s_bytes", name);
	print_u64(tb.a[VGATE_A_LIFETIME_BYTES], buf);
	snprintf(buf, sizeof(buf), "%s_packets", name);
	print_u64(tb.a[VGATE_A_LIFETIME_PACKETS], buf);
	snprintf(buf, sizeof(buf), "%s_seconds", name);
	print_u64(tb.a[VGATE_A_LIFETIME_SECONDS], buf);
}

static int prefix_cb(const struct nlattr *attr, void *data)
{
	char buf[INET6_ADDRSTRLEN];
	struct tb tb;
	uint16_t len;

	(void)data;
	if (mnl_attr_get_type(attr) == VGATE_A_SA_ENC_KEY ||
	    mnl_attr_get_type(attr) == VGATE_A_SA_INTEG_KEY)
		printed_key = 1;
	if (mnl_attr_get_type(attr) != VGATE_A_SA_PREFIX)
		return MNL_CB_OK;
	parse_nest(attr, &tb, VGATE_A_PREFIX_MAX);
	if (!tb.a[VGATE_A_PREFIX_ADDR] || !tb.a[VGATE_A_PREFIX_LEN])
		return MNL_CB_OK;
	len = mnl_attr_get_payload_len(tb.a[VGATE_A_PREFIX_ADDR]);
	if (!inet_ntop(len == 4 ? AF_INET : AF_INET6,
		       mnl_attr_get_payload(tb.a[VGATE_A_PREFIX_ADDR]), buf,
		       sizeof(buf)))
		return MNL_CB_OK;
	field("prefix=%s/%u", buf, mnl_attr_get_u8(tb.a[VGATE_A_PREFIX_LEN]));
	return MNL_CB_OK;
}

static void print_sa(const struct nlattr *nest)
{
	struct tb tb;

	parse_nest(nest, &tb, VGATE_A_SA_MAX);
	print_u32(tb.a[VGATE_A_SA_ACCESS], "access");
	if (tb.a[VGATE_A_SA_DIR])
		field("dir=%s", mnl_attr_get_u32(tb.a[VGATE_A_SA_DIR]) ?
		      "out" : "in");
	print_x32(tb.a[VGATE_A_SA_SPI], "spi");
	print_u32(tb.a[VGATE_A_SA_ENC_ALG], "enc");
	print_u32(tb.a[VGATE_A_SA_INTEG_ALG], "integ");
	if (tb.a[VGATE_A_SA_ESN])
		field("esn");
	print_u32(tb.a[VGATE_A_SA_REPLAY_WINDOW], "window");
	print_addr(tb.a[VGATE_A_SA_LOCAL_ADDR], "local");
	print_addr(tb.a[VGATE_A_SA_PEER_ADDR], "peer");
	print_u16(tb.a[VGATE_A_SA_LOCAL_PORT], "local_port");
	print_u16(tb.a[VGATE_A_SA_PEER_PORT], "port");
	print_lifetime(tb.a[VGATE_A_SA_SOFT], "soft");
	print_lifetime(tb.a[VGATE_A_SA_HARD], "hard");
	mnl_attr_parse_nested(nest, prefix_cb, NULL);
	if (tb.a[VGATE_A_SA_ACTIVE])
		field("active");
	print_u32(tb.a[VGATE_A_SA_DEL_REASON], "reason");
	if (tb.a[VGATE_A_SA_EXPIRE_LIMIT]) {
		field("expire=%s", tb.a[VGATE_A_SA_EXPIRE_HARD] ? "hard" :
		      "soft");
		print_u32(tb.a[VGATE_A_SA_EXPIRE_LIMIT], "limit");
	}
	if (show_stats) {
		print_u64(tb.a[VGATE_A_SA_SEQ], "seq");
		print_stats(tb.a[VGATE_A_SA_STATS], "");
	}
	if (printed_key) {
		field("KEY-LEAK");
		printed_key = 0;
	}
}

static void print_net(const struct nlattr *nest)
{
	struct tb tb;

	parse_nest(nest, &tb, VGATE_A_NET_MAX);
	print_u32(tb.a[VGATE_A_NET_MAX_SA], "max_sa");
	print_u32(tb.a[VGATE_A_NET_N_SA], "n_sa");
	print_u32(tb.a[VGATE_A_NET_N_ACCESS], "n_access");
	print_u64(tb.a[VGATE_A_NET_UNKNOWN_SPI], "unknown_spi");
	print_x32(tb.a[VGATE_A_NET_SPI], "spi");
	print_addr(tb.a[VGATE_A_NET_PEER_ADDR], "peer");
	print_u16(tb.a[VGATE_A_NET_PEER_PORT], "port");
}

/* quiet batch: replies are not printed */
static int quiet_replies;

static int top_attr_cb(const struct nlattr *attr, void *data)
{
	(void)data;
	if (quiet_replies && mnl_attr_get_type(attr) == VGATE_A_ACCESS) {
		struct tb tb;

		parse_nest(attr, &tb, VGATE_A_ACCESS_MAX);
		if (tb.a[VGATE_A_ACCESS_IFINDEX])
			last_access = mnl_attr_get_u32(tb.a[VGATE_A_ACCESS_IFINDEX]);
		return MNL_CB_OK;
	}
	if (quiet_replies)
		return MNL_CB_OK;
	switch (mnl_attr_get_type(attr)) {
	case VGATE_A_TEMPLATE:
		print_tmpl(attr);
		break;
	case VGATE_A_ACCESS:
		print_access(attr);
		break;
	case VGATE_A_SA:
		print_sa(attr);
		break;
	case VGATE_A_NET:
		print_net(attr);
		break;
	}
	return MNL_CB_OK;
}

static int reply_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct genlmsghdr *genl = mnl_nlmsg_get_payload(nlh);
	int ret;

	(void)data;
	if (genl->cmd >= VGATE_CMD_SA_EXPIRE_NTF &&
	    genl->cmd < ARRAY_SIZE(cmd_names))
		field("%s", cmd_names[genl->cmd]);
	ret = mnl_attr_parse(nlh, sizeof(struct genlmsghdr), top_attr_cb, NULL);
	end_line();
	return ret;
}

/* ---- talking ---------------------------------------------------------- */

/* shared by every callback of one request */
struct reply {
	int status;		/* 1 once an error reply was seen */
	uint16_t family;	/* CTRL_ATTR_FAMILY_ID of a ctrl reply */
	uint32_t events;	/* id of the "events" multicast group */
};

static int mcgrp_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr *tb[CTRL_ATTR_MCAST_GRP_MAX + 1] = { NULL };
	struct reply *r = data;
	const struct nlattr *a;

	mnl_attr_for_each_nested(a, attr) {
		int type = mnl_attr_get_type(a);

		if (type <= CTRL_ATTR_MCAST_GRP_MAX)
			tb[type] = a;
	}
	if (tb[CTRL_ATTR_MCAST_GRP_NAME] && tb[CTRL_ATTR_MCAST_GRP_ID] &&
	    !strcmp(mnl_attr_get_str(tb[CTRL_ATTR_MCAST_GRP_NAME]),
		    VGATE_MCGRP_EVENTS))
		r->events = mnl_attr_get_u32(tb[CTRL_ATTR_MCAST_GRP_ID]);
	return MNL_CB_OK;
}

static int ctrl_attr_cb(const struct nlattr *attr, void *data)
{
	struct reply *r = data;

	if (mnl_attr_get_type(attr) == CTRL_ATTR_FAMILY_ID &&
	    mnl_attr_validate(attr, MNL_TYPE_U16) >= 0)
		r->family = mnl_attr_get_u16(attr);
	if (mnl_attr_get_type(attr) == CTRL_ATTR_MCAST_GROUPS)
		mnl_attr_parse_nested(attr, mcgrp_cb, data);
	return MNL_CB_OK;
}

static int ctrl_cb(const struct nlmsghdr *nlh, void *data)
{
	return mnl_attr_parse(nlh, sizeof(struct genlmsghdr), ctrl_attr_cb,
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

/* a dump of 10,000 objects needs room */
static char rxbuf[1 << 16];

/* Send @nlh and run @cb on every reply until the ack, error or done. */
static int talk(struct mnl_socket *nl, struct nlmsghdr *nlh, mnl_cb_t cb,
		struct reply *r)
{
	mnl_cb_t ctl[NLMSG_MIN_TYPE] = { NULL };
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
		ret = mnl_socket_recvfrom(nl, rxbuf, sizeof(rxbuf));
		if (ret < 0) {
			perror("vgate_nl: recv");
			return -1;
		}
		ret = mnl_cb_run2(rxbuf, ret, seq, portid, cb, r, ctl,
				  NLMSG_MIN_TYPE);
	} while (ret == MNL_CB_OK);
	if (ret < 0) {
		perror("vgate_nl: reply");
		return -1;
	}
	return 0;
}

static int family_id(struct mnl_socket *nl, uint16_t *id, uint32_t *events)
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
	if (events)
		*events = r.events;
	return 0;
}

static unsigned int seqno;

/* send one request; 0 ok, 1 error reply, 2 local error */
static int run_request(struct mnl_socket *nl, uint16_t id,
		       const struct request *req)
{
	static char buf[1 << 16];
	struct genlmsghdr *genl;
	struct reply r = { 0 };
	struct nlmsghdr *nlh;

	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = id;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK |
			   (req->dump ? NLM_F_DUMP : 0);
	nlh->nlmsg_seq = ++seqno;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = (uint8_t)req->cmd;
	genl->version = VGATE_GENL_VERSION;
	if (put_request(nlh, req) < 0) {
		fprintf(stderr, "vgate_nl: bad attribute value\n");
		return 2;
	}
	if (talk(nl, nlh, reply_cb, &r) < 0)
		return 2;
	fflush(stdout);
	return r.status;
}

/* COMMAND WORD... into @req */
static int parse_words(struct request *req, int argc, char **argv)
{
	int i;

	req->cmd = cmd_by_name(argv[0]);
	if (req->cmd <= 0 || req->cmd >= VGATE_CMD_SA_EXPIRE_NTF)
		return -1;
	for (i = 1; i < argc; i++)
		if (parse_word(req, argv[i]) < 0) {
			fprintf(stderr, "vgate_nl: bad word %s\n", argv[i]);
			return -1;
		}
	return 0;
}

static int batch(struct mnl_socket *nl, uint16_t id)
{
	static struct request req;
	unsigned long ok = 0, failed = 0;
	char line[4096], *argv[128], *tok, *save;
	int argc, dump, ret;

	while (fgets(line, sizeof(line), stdin)) {
		argc = 0;
		dump = 0;
		for (tok = strtok_r(line, " \t\n", &save); tok && argc < 128;
		     tok = strtok_r(NULL, " \t\n", &save)) {
			if (!argc && !strcmp(tok, "-d")) {
				dump = 1;
				continue;
			}
			argv[argc++] = tok;
		}
		if (!argc || argv[0][0] == '#')
			continue;
		memset(&req, 0, sizeof(req));
		req.dump = dump;
		if (parse_words(&req, argc, argv) < 0) {
			failed++;
			continue;
		}
		ret = run_request(nl, id, &req);
		if (ret == 2)
			return 2;
		if (ret)
			failed++;
		else
			ok++;
	}
	printf("ok=%lu failed=%lu\n", ok, failed);
	return failed ? 1 : 0;
}

static int monitor(struct mnl_socket *nl, uint32_t group, long count,
		   long secs)
{
	time_t end = secs ? time(NULL) + secs : 0;
	int fd = mnl_socket_get_fd(nl), ret;
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	if (!group || mnl_socket_setsockopt(nl, NETLINK_ADD_MEMBERSHIP, &group,
					    sizeof(group)) < 0) {
		perror("vgate_nl: join events");
		return 2;
	}
	printf("listening\n");
	fflush(stdout);
	while (count < 0 || count > 0) {
		int left = end ? (int)(end - time(NULL)) : -1;

		if (end && left <= 0)
			break;
		ret = poll(&pfd, 1, left < 0 ? -1 : left * 1000);
		if (ret <= 0)
			continue;
		ret = mnl_socket_recvfrom(nl, rxbuf, sizeof(rxbuf));
		if (ret < 0) {
			perror("vgate_nl: recv");
			return 2;
		}
		mnl_cb_run(rxbuf, ret, 0, 0, reply_cb, NULL);
		fflush(stdout);
		if (count > 0)
			count--;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static struct request req;
	long count = -1, secs = 0;
	struct attr_spec a;
	struct mnl_socket *nl;
	int one = 1, opt, i, ret, q = 0;
	uint32_t events;
	uint16_t id;

	req.cmd = VGATE_CMD_TEMPLATE_GET;
	while ((opt = getopt(argc, argv, "+dsc:")) != -1) {
		switch (opt) {
		case 'd':
			req.dump = 1;
			break;
		case 's':
			show_stats = 1;
			break;
		case 'c':
			req.cmd = cmd_by_name(optarg);
			if (req.cmd < 0)
				req.cmd = atoi(optarg);
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
	if (family_id(nl, &id, &events) < 0) {
		fprintf(stderr, "vgate_nl: genl family %s not found\n",
			VGATE_GENL_NAME);
		return 2;
	}
	seqno = (unsigned int)time(NULL);

	if (optind < argc && !strcmp(argv[optind], "monitor")) {
		optind++;
		while ((opt = getopt(argc, argv, "n:t:")) != -1) {
			if (opt == 'n')
				count = atol(optarg);
			else if (opt == 't')
				secs = atol(optarg);
			else
				usage();
		}
		ret = monitor(nl, events, count, secs);
	} else if (optind < argc && !strcmp(argv[optind], "batch")) {
		optind++;
		while ((opt = getopt(argc, argv, "q")) != -1) {
			if (opt == 'q')
				q = 1;
			else
				usage();
		}
		quiet_replies = q;
		ret = batch(nl, id);
	} else if (optind < argc && cmd_by_name(argv[optind]) > 0) {
		int dump = req.dump;

		if (parse_words(&req, argc - optind, argv + optind) < 0)
			usage();
		req.dump = dump;
		ret = run_request(nl, id, &req);
	} else {
		for (i = optind; i < argc; i++) {
			int s, found = 0;

			for (s = SET_TMPL; s < SET_N; s++)
				if (!strcmp(argv[i], set_names[s])) {
					/* an empty nest of that set */
					if (req.n == MAX_ATTRS)
						usage();
					req.a[req.n].set = s;
					req.a[req.n].value = NULL;
					req.a[req.n].prefix_no = 0;
					req.n++;
					found = 1;
				}
			if (found)
				continue;
			if (parse_raw(argv[i], &a) < 0 || req.n == MAX_ATTRS)
				usage();
			req.a[req.n++] = a;
		}
		ret = run_request(nl, id, &req);
	}
	mnl_socket_close(nl);
	return ret;
}
