// SPDX-License-Identifier: GPL-2.0-or-later
/* vgatectl sa add|del|swap|show */
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dataplane/cli.h"
#include "dataplane/genl_sa.h"
#include "dataplane/parse.h"
#include "dataplane/sa_args.h"

#define SA_USAGE \
	"usage: sa add dev VA dir in|out spi SPI enc ALG key KEY ... | sa del dev VA dir in|out spi SPI [reason R] | sa swap dev VA spi SPI | sa show [dev VA]"

/*
 * A UDP socket bound to the SA's local address and port, for the module
 * to send and receive ESP-in-UDP through.  SO_REUSEADDR: the inbound and
 * the outbound SA of a session (and a rekeyed pair) each get their own
 * socket on the same port; the module receives ESP on all of them.
 */
static int encap_socket(const struct vgate_sa *sa)
{
	union {
		struct sockaddr_in v4;
		struct sockaddr_in6 v6;
	} addr = { 0 };
	char text[INET6_ADDRSTRLEN];
	socklen_t len;
	int fd, on = 1;

	if (sa->local.family == AF_INET) {
		addr.v4.sin_family = AF_INET;
		addr.v4.sin_port = htons(sa->local_port);
		memcpy(&addr.v4.sin_addr, sa->local.bytes, 4);
		len = sizeof(addr.v4);
	} else {
		addr.v6.sin6_family = AF_INET6;
		addr.v6.sin6_port = htons(sa->local_port);
		memcpy(&addr.v6.sin6_addr, sa->local.bytes, 16);
		len = sizeof(addr.v6);
	}
	fd = socket(sa->local.family, SOCK_DGRAM | SOCK_CLOEXEC, IPPROTO_UDP);
	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) < 0 ||
	    (sa->local.family == AF_INET6 &&
	     setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof(on)) < 0) ||
	    bind(fd, (struct sockaddr *)&addr, len) < 0) {
		cli_fail("UDP socket on %s port %u: %s",
			 vgate_format_addr(&sa->local, text, sizeof(text)),
			 sa->local_port, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static int sa_add(int argc, char **argv)
{
	struct vgate_sa sa;
	struct vgate_genl g;
	char err[256];
	int ret = 1;

	if (vgate_sa_args_parse(argc, argv, &sa, err, sizeof(err)) < 0)
		return cli_usage_error("%s", err);
	sa.access = cli_ifindex(sa.dev);
	if (!sa.access)
		goto out;
	if (cli_open(&g) < 0)
		goto out;
	if (sa.encap && (sa.encap_fd = encap_socket(&sa)) < 0) {
		vgate_genl_close(&g);
		goto out;
	}
	if (vgate_sa_new(&g, &sa) < 0) {
		cli_kernel_fail(&g);
		goto out;
	}
	vgate_genl_close(&g);
	ret = 0;
out:
	/* The module holds its own reference to the socket. */
	if (sa.encap_fd >= 0)
		close(sa.encap_fd);
	vgate_sa_wipe_keys(&sa);
	return ret;
}

/* The words of sa del and sa swap: dev VA [dir D] spi SPI [reason R]. */
struct sa_selector {
	const char *dev;
	const char *dir;
	const char *spi;
	const char *reason;
};

static int selector_parse(int argc, char **argv, struct sa_selector *sel,
			  bool with_dir)
{
	const char **slot;

	memset(sel, 0, sizeof(*sel));
	if (argc % 2)
		return -1;
	for (int i = 0; i < argc; i += 2) {
		if (!strcmp(argv[i], "dev"))
			slot = &sel->dev;
		else if (!strcmp(argv[i], "dir") && with_dir)
			slot = &sel->dir;
		else if (!strcmp(argv[i], "spi"))
			slot = &sel->spi;
		else if (!strcmp(argv[i], "reason") && with_dir)
			slot = &sel->reason;
		else
			return -1;
		if (*slot)
			return -1;
		*slot = argv[i + 1];
	}
	return sel->dev && sel->spi && (sel->dir || !with_dir) ? 0 : -1;
}

static int sa_del_or_swap(int argc, char **argv, bool del)
{
	uint32_t access, dir = 0, spi, reason = 0;
	struct sa_selector sel;
	struct vgate_genl g;
	char err[256];
	int ret;

	if (selector_parse(argc, argv, &sel, del) < 0)
		return cli_usage_error(del ?
				       "usage: sa del dev VA dir in|out spi SPI [reason R]" :
				       "usage: sa swap dev VA spi SPI");
	if ((del && vgate_parse_dir(sel.dir, &dir, err, sizeof(err)) < 0) ||
	    vgate_parse_spi(sel.spi, &spi, err, sizeof(err)) < 0 ||
	    (sel.reason &&
	     vgate_parse_reason(sel.reason, &reason, err, sizeof(err)) < 0))
		return cli_usage_error("%s", err);
	access = cli_ifindex(sel.dev);
	if (!access || cli_open(&g) < 0)
		return 1;
	ret = del ? vgate_sa_del(&g, access, dir, spi, sel.reason, reason) :
		    vgate_sa_swap(&g, access, spi);
	if (ret < 0)
		return cli_kernel_fail(&g);
	vgate_genl_close(&g);
	return 0;
}

static json_object *lifetime_json(const struct vgate_lifetime *l)
{
	json_object *obj = json_object_new_object();

	json_object_object_add(obj, "bytes", json_object_new_uint64(l->bytes));
	json_object_object_add(obj, "packets", json_object_new_uint64(l->packets));
	json_object_object_add(obj, "seconds", json_object_new_uint64(l->seconds));
	return obj;
}

static json_object *sa_json(const struct vgate_sa *sa)
{
	json_object *obj = json_object_new_object(), *prefixes;
	char buf[VGATE_PREFIX_STRLEN], name[CLI_IFNAME_SIZE];

#define ADD(key, value) json_object_object_add(obj, key, value)
	ADD("dev", json_object_new_string(cli_ifname(sa->access, name)));
	ADD("ifindex", json_object_new_int64(sa->access));
	ADD("dir", json_object_new_string(vgate_dir_name(sa->dir)));
	ADD("spi", json_object_new_int64(sa->spi));
	ADD("enc", json_object_new_string(vgate_enc_name(sa->enc_alg,
							 sa->enc_key_bits)));
	ADD("enc_key_bits", json_object_new_int64(sa->enc_key_bits));
	ADD("integ", json_object_new_string(vgate_integ_alg_name(sa->integ_alg)));
	ADD("esn", json_object_new_boolean(sa->esn));
	ADD("replay_window", json_object_new_int64(sa->replay_window));
	ADD("local", json_object_new_string(vgate_format_addr(&sa->local, buf,
							      sizeof(buf))));
	ADD("peer", json_object_new_string(vgate_format_addr(&sa->peer, buf,
							     sizeof(buf))));
	ADD("encap", json_object_new_string(sa->encap ? "udp" : "none"));
	if (sa->encap) {
		ADD("local_port", json_object_new_int64(sa->local_port));
		ADD("peer_port", json_object_new_int64(sa->peer_port));
	}
	ADD("seq", json_object_new_uint64(sa->seq));
	ADD("age", json_object_new_uint64(sa->add_time));
	ADD("active", json_object_new_boolean(sa->active));
	ADD("soft", lifetime_json(&sa->soft));
	ADD("hard", lifetime_json(&sa->hard));
	prefixes = json_object_new_array();
	for (size_t i = 0; i < sa->n_prefixes; i++)
		json_object_array_add(prefixes, json_object_new_string(
			vgate_format_prefix(&sa->prefixes[i], buf, sizeof(buf))));
	ADD("prefixes", prefixes);
	ADD("stats", cli_stats_json(&sa->stats));
#undef ADD
	return obj;
}

static void lifetime_print(const char *which, const struct vgate_lifetime *l)
{
	if (!l->bytes && !l->packets && !l->seconds)
		return;
	printf(" %s", which);
	if (l->bytes)
		printf(" bytes %llu", (unsigned long long)l->bytes);
	if (l->packets)
		printf(" packets %llu", (unsigned long long)l->packets);
	if (l->seconds)
		printf(" seconds %llu", (unsigned long long)l->seconds);
}

static void sa_print(const struct vgate_sa *sa)
{
	char a[VGATE_PREFIX_STRLEN], b[INET6_ADDRSTRLEN], name[CLI_IFNAME_SIZE],
	     spi[CLI_SPI_SIZE];
	const uint64_t *v = sa->stats.v;

	printf("%s dir %s spi %s enc %s", cli_ifname(sa->access, name),
	       vgate_dir_name(sa->dir), cli_spi(sa->spi, spi),
	       vgate_enc_name(sa->enc_alg, sa->enc_key_bits));
	if (sa->integ_alg)
		printf(" integ %s", vgate_integ_alg_name(sa->integ_alg));
	if (sa->esn)
		printf(" esn");
	if (sa->dir == VGATE_SA_DIR_IN)
		printf(" replay-window %u", sa->replay_window);
	printf("%s\n", sa->active ? " active" : "");
	printf("\tlocal %s peer %s", vgate_format_addr(&sa->local, a, sizeof(a)),
	       vgate_format_addr(&sa->peer, b, sizeof(b)));
	if (sa->encap)
		printf(" encap udp sport %u dport %u", sa->local_port,
		       sa->peer_port);
	printf("\n\tseq %llu age %llus", (unsigned long long)sa->seq,
	       (unsigned long long)sa->add_time);
	lifetime_print("soft", &sa->soft);
	lifetime_print("hard", &sa->hard);
	printf("\n");
	for (size_t i = 0; i < sa->n_prefixes; i++)
		printf("%s%s", i ? " " : "\tprefix ",
		       vgate_format_prefix(&sa->prefixes[i], a, sizeof(a)));
	if (sa->n_prefixes)
		printf("\n");
	cli_stats_print(stdout, &sa->stats, "\t");
	printf("\treplay %llu auth-fail %llu bad-padding %llu inner-src %llu malformed %llu\n",
	       (unsigned long long)v[VGATE_A_STATS_REPLAY],
	       (unsigned long long)v[VGATE_A_STATS_AUTH_FAIL],
	       (unsigned long long)v[VGATE_A_STATS_BAD_PADDING],
	       (unsigned long long)v[VGATE_A_STATS_INNER_SRC],
	       (unsigned long long)v[VGATE_A_STATS_MALFORMED]);
}

static int sa_show(const struct cli_opts *opts, int argc, char **argv)
{
	struct vgate_sa *items = NULL;
	struct vgate_genl g;
	uint32_t access = 0;
	json_object *list;
	size_t count;

	if (argc != 0 && (argc != 2 || strcmp(argv[0], "dev")))
		return cli_usage_error("usage: sa show [dev VA]");
	if ((argc == 2 && !(access = cli_ifindex(argv[1]))) || cli_open(&g) < 0)
		return 1;
	if (vgate_sa_get(&g, access, &items, &count) < 0)
		return cli_kernel_fail(&g);
	vgate_genl_close(&g);
	list = json_object_new_array();
	for (size_t i = 0; i < count; i++) {
		if (opts->json)
			json_object_array_add(list, sa_json(&items[i]));
		else
			sa_print(&items[i]);
	}
	if (opts->json)
		cli_print_json(list, false);
	json_object_put(list);
	free(items);
	return 0;
}

int cli_sa(const struct cli_opts *opts, int argc, char **argv)
{
	if (argc >= 1 && !strcmp(argv[0], "add"))
		return sa_add(argc - 1, argv + 1);
	if (argc >= 1 && !strcmp(argv[0], "del"))
		return sa_del_or_swap(argc - 1, argv + 1, true);
	if (argc >= 1 && !strcmp(argv[0], "swap"))
		return sa_del_or_swap(argc - 1, argv + 1, false);
	if (argc >= 1 && !strcmp(argv[0], "show"))
		return sa_show(opts, argc - 1, argv + 1);
	return cli_usage_error(SA_USAGE);
}
