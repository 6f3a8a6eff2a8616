// SPDX-License-Identifier: GPL-2.0-or-later
/* vgatectl net show|set */
#include <string.h>

#include <linux/vgate.h>

#include "dataplane/cli.h"
#include "dataplane/genl_net.h"
#include "dataplane/parse.h"

static int net_show(const struct cli_opts *opts)
{
	struct vgate_genl g;
	struct vgate_net net;
	json_object *obj;

	if (cli_open(&g) < 0)
		return 1;
	if (vgate_net_get(&g, &net) < 0)
		return cli_kernel_fail(&g);
	vgate_genl_close(&g);
	if (!opts->json) {
		printf("max-sa %u sa %u access %u unknown-spi %llu\n", net.max_sa,
		       net.n_sa, net.n_access,
		       (unsigned long long)net.unknown_spi);
		return 0;
	}
	obj = json_object_new_object();
	json_object_object_add(obj, "max_sa", json_object_new_int64(net.max_sa));
	json_object_object_add(obj, "sa", json_object_new_int64(net.n_sa));
	json_object_object_add(obj, "access", json_object_new_int64(net.n_access));
	json_object_object_add(obj, "unknown_spi",
			       json_object_new_uint64(net.unknown_spi));
	cli_print_json(obj, false);
	json_object_put(obj);
	return 0;
}

static int net_set(int argc, char **argv)
{
	struct vgate_genl g;
	uint32_t max_sa;
	char err[256];

	if (argc != 2 || strcmp(argv[0], "max-sa"))
		return cli_usage_error("usage: net set max-sa N");
	if (vgate_parse_u32(argv[1], VGATE_NET_MAX_SA_LIMIT, &max_sa, "max-sa",
			    err, sizeof(err)) < 0)
		return cli_usage_error("%s", err);
	if (cli_open(&g) < 0)
		return 1;
	if (vgate_net_set_max_sa(&g, max_sa) < 0)
		return cli_kernel_fail(&g);
	vgate_genl_close(&g);
	return 0;
}

int cli_net(const struct cli_opts *opts, int argc, char **argv)
{
	if (argc == 1 && !strcmp(argv[0], "show"))
		return net_show(opts);
	if (argc >= 1 && !strcmp(argv[0], "set"))
		return net_set(argc - 1, argv + 1);
	return cli_usage_error("usage: net show | net set max-sa N");
}
