// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "common/xalloc.h"
#include "dataplane/genl_sa.h"

struct sa_list {
	struct vgate_sa *items;
	size_t count;
};

void vgate_sa_wipe_keys(struct vgate_sa *sa)
{
	explicit_bzero(sa->enc_key, sizeof(sa->enc_key));
	explicit_bzero(sa->integ_key, sizeof(sa->integ_key));
}

static void addr_parse(const struct nlattr *attr, struct vgate_addr *a)
{
	size_t len = attr ? mnl_attr_get_payload_len(attr) : 0;

	memset(a, 0, sizeof(*a));
	if (len != 4 && len != 16)
		return;
	a->family = len == 4 ? AF_INET : AF_INET6;
	memcpy(a->bytes, mnl_attr_get_payload(attr), len);
}

static void lifetime_parse(const struct nlattr *nest, struct vgate_lifetime *l)
{
	const struct nlattr *tb[VGATE_A_LIFETIME_MAX + 1];

	memset(l, 0, sizeof(*l));
	if (!nest)
		return;
	vgate_attr_table(NULL, nest, tb, VGATE_A_LIFETIME_MAX);
	vgate_attr_u64(tb[VGATE_A_LIFETIME_BYTES], &l->bytes);
	vgate_attr_u64(tb[VGATE_A_LIFETIME_PACKETS], &l->packets);
	vgate_attr_u64(tb[VGATE_A_LIFETIME_SECONDS], &l->seconds);
}

static int prefix_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr *tb[VGATE_A_PREFIX_MAX + 1];
	struct vgate_sa *sa = data;
	struct vgate_prefix *p;

	if (mnl_attr_get_type(attr) != VGATE_A_SA_PREFIX ||
	    sa->n_prefixes == VGATE_SA_PREFIXES_MAX)
		return MNL_CB_OK;
	p = &sa->prefixes[sa->n_prefixes];
	vgate_attr_table(NULL, attr, tb, VGATE_A_PREFIX_MAX);
	addr_parse(tb[VGATE_A_PREFIX_ADDR], &p->addr);
	if (p->addr.family && vgate_attr_u8(tb[VGATE_A_PREFIX_LEN], &p->len))
		sa->n_prefixes++;
	return MNL_CB_OK;
}

static void sa_parse(const struct nlattr *nest, struct vgate_sa *sa)
{
	const struct nlattr *tb[VGATE_A_SA_MAX + 1];

	memset(sa, 0, sizeof(*sa));
	sa->encap_fd = -1;
	vgate_attr_table(NULL, nest, tb, VGATE_A_SA_MAX);
	vgate_attr_u32(tb[VGATE_A_SA_ACCESS], &sa->access);
	vgate_attr_u32(tb[VGATE_A_SA_DIR], &sa->dir);
	vgate_attr_u32(tb[VGATE_A_SA_SPI], &sa->spi);
	vgate_attr_u32(tb[VGATE_A_SA_ENC_ALG], &sa->enc_alg);
	vgate_attr_u32(tb[VGATE_A_SA_ENC_KEY_BITS], &sa->enc_key_bits);
	vgate_attr_u32(tb[VGATE_A_SA_INTEG_ALG], &sa->integ_alg);
	sa->esn = tb[VGATE_A_SA_ESN] != NULL;
	sa->has_replay_window = vgate_attr_u32(tb[VGATE_A_SA_REPLAY_WINDOW],
					       &sa->replay_window);
	addr_parse(tb[VGATE_A_SA_LOCAL_ADDR], &sa->local);
	addr_parse(tb[VGATE_A_SA_PEER_ADDR], &sa->peer);
	sa->encap = vgate_attr_u16(tb[VGATE_A_SA_PEER_PORT], &sa->peer_port);
	vgate_attr_u16(tb[VGATE_A_SA_LOCAL_PORT], &sa->local_port);
	lifetime_parse(tb[VGATE_A_SA_SOFT], &sa->soft);
	lifetime_parse(tb[VGATE_A_SA_HARD], &sa->hard);
	mnl_attr_parse_nested(nest, prefix_cb, sa);
	vgate_attr_u64(tb[VGATE_A_SA_SEQ], &sa->seq);
	vgate_attr_u64(tb[VGATE_A_SA_ADD_TIME], &sa->add_time);
	sa->active = tb[VGATE_A_SA_ACTIVE] != NULL;
	vgate_stats_parse(tb[VGATE_A_SA_STATS], &sa->stats);
}

static int sa_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[VGATE_A_MAX + 1];
	struct sa_list *list = data;

	vgate_attr_table(nlh, NULL, tb, VGATE_A_MAX);
	if (!tb[VGATE_A_SA])
		return MNL_CB_OK;
	list->items = xreallocarray(list->items, list->count + 1,
				    sizeof(*list->items));
	sa_parse(tb[VGATE_A_SA], &list->items[list->count++]);
	return MNL_CB_OK;
}

static void put_lifetime(struct nlmsghdr *nlh, uint16_t type,
			 const struct vgate_lifetime *l)
{
	struct nlattr *nest;

	if (!l->bytes && !l->packets && !l->seconds)
		return;
	nest = mnl_attr_nest_start(nlh, type);
	if (l->bytes)
		mnl_attr_put_u64(nlh, VGATE_A_LIFETIME_BYTES, l->bytes);
	if (l->packets)
		mnl_attr_put_u64(nlh, VGATE_A_LIFETIME_PACKETS, l->packets);
	if (l->seconds)
		mnl_attr_put_u64(nlh, VGATE_A_LIFETIME_SECONDS, l->seconds);
	mnl_attr_nest_end(nlh, nest);
}

static void put_addr(struct nlmsghdr *nlh, uint16_t type,
		     const struct vgate_addr *a)
{
	mnl_attr_put(nlh, type, vgate_addr_len(a->family), a->bytes);
}

static void put_prefixes(struct nlmsghdr *nlh, const struct vgate_sa *sa)
{
	struct nlattr *nest;

	for (size_t i = 0; i < sa->n_prefixes; i++) {
		nest = mnl_attr_nest_start(nlh, VGATE_A_SA_PREFIX);
		put_addr(nlh, VGATE_A_PREFIX_ADDR, &sa->prefixes[i].addr);
		mnl_attr_put_u8(nlh, VGATE_A_PREFIX_LEN, sa->prefixes[i].len);
		mnl_attr_nest_end(nlh, nest);
	}
}

/* The SA selector (ACCESS, DIR, SPI) every request carries. */
static struct nlattr *put_selector(struct nlmsghdr *nlh, uint32_t access,
				   uint32_t dir, uint32_t spi)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, VGATE_A_SA);

	mnl_attr_put_u32(nlh, VGATE_A_SA_ACCESS, access);
	mnl_attr_put_u32(nlh, VGATE_A_SA_DIR, dir);
	mnl_attr_put_u32(nlh, VGATE_A_SA_SPI, spi);
	return nest;
}

int vgate_sa_new(struct vgate_genl *g, const struct vgate_sa *sa)
{
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	int ret;

	nlh = vgate_genl_request(g, VGATE_CMD_SA_NEW, NLM_F_ACK);
	nest = put_selector(nlh, sa->access, sa->dir, sa->spi);
	mnl_attr_put_u32(nlh, VGATE_A_SA_ENC_ALG, sa->enc_alg);
	mnl_attr_put(nlh, VGATE_A_SA_ENC_KEY, sa->enc_key_len, sa->enc_key);
	if (sa->integ_alg != VGATE_INTEG_NONE) {
		mnl_attr_put_u32(nlh, VGATE_A_SA_INTEG_ALG, sa->integ_alg);
		mnl_attr_put(nlh, VGATE_A_SA_INTEG_KEY, sa->integ_key_len,
			     sa->integ_key);
	}
	if (sa->esn)
		mnl_attr_put(nlh, VGATE_A_SA_ESN, 0, NULL);
	if (sa->has_replay_window)
		mnl_attr_put_u32(nlh, VGATE_A_SA_REPLAY_WINDOW,
				 sa->replay_window);
	put_addr(nlh, VGATE_A_SA_LOCAL_ADDR, &sa->local);
	put_addr(nlh, VGATE_A_SA_PEER_ADDR, &sa->peer);
	if (sa->encap) {
		mnl_attr_put_u32(nlh, VGATE_A_SA_ENCAP_FD, (uint32_t)sa->encap_fd);
		mnl_attr_put_u16(nlh, VGATE_A_SA_PEER_PORT, sa->peer_port);
	}
	put_lifetime(nlh, VGATE_A_SA_SOFT, &sa->soft);
	put_lifetime(nlh, VGATE_A_SA_HARD, &sa->hard);
	put_prefixes(nlh, sa);
	mnl_attr_nest_end(nlh, nest);
	ret = vgate_genl_transact(g, nlh, NULL, NULL, "installing the SA");
	/* The request, keys included, is still in the buffer. */
	explicit_bzero(nlh, nlh->nlmsg_len);
	return ret;
}

int vgate_sa_del(struct vgate_genl *g, uint32_t access, uint32_t dir,
		 uint32_t spi, bool has_reason, uint32_t reason)
{
	struct nlmsghdr *nlh;
	struct nlattr *nest;

	nlh = vgate_genl_request(g, VGATE_CMD_SA_DEL, NLM_F_ACK);
	nest = put_selector(nlh, access, dir, spi);
	if (has_reason)
		mnl_attr_put_u32(nlh, VGATE_A_SA_DEL_REASON, reason);
	mnl_attr_nest_end(nlh, nest);
	return vgate_genl_transact(g, nlh, NULL, NULL, "deleting the SA");
}

int vgate_sa_swap(struct vgate_genl *g, uint32_t access, uint32_t spi)
{
	struct nlmsghdr *nlh;
	struct nlattr *nest;

	nlh = vgate_genl_request(g, VGATE_CMD_SA_SWAP, NLM_F_ACK);
	nest = put_selector(nlh, access, VGATE_SA_DIR_OUT, spi);
	mnl_attr_nest_end(nlh, nest);
	return vgate_genl_transact(g, nlh, NULL, NULL,
				   "switching the outbound SA");
}

int vgate_sa_get(struct vgate_genl *g, uint32_t access, struct vgate_sa **items,
		 size_t *count)
{
	struct sa_list list = { 0 };
	struct nlmsghdr *nlh;
	struct nlattr *nest;

	nlh = vgate_genl_request(g, VGATE_CMD_SA_GET, NLM_F_DUMP);
	if (access) {
		nest = mnl_attr_nest_start(nlh, VGATE_A_SA);
		mnl_attr_put_u32(nlh, VGATE_A_SA_ACCESS, access);
		mnl_attr_nest_end(nlh, nest);
	}
	if (vgate_genl_transact(g, nlh, sa_cb, &list, "reading SAs") < 0) {
		free(list.items);
		return -1;
	}
	*items = list.items;
	*count = list.count;
	return 0;
}
