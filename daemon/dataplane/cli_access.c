// SPDX-License-Identifier: GPL-2.0-or-later
/* vgatectl access add|del|show */
#include <stdlib.h>
#include <string.h>

#include "dataplane/cli.h"
#include "dataplane/genl_access.h"
#include "dataplane/parse.h"

#define ACCESS_USAGE \
	"usage: access add template NAME [ipv6 off] | access del NAME [reason R] | access show [NAME] [template NAME]"

static json_object *access_json(const struct vgate_access *a)
{
	json_object *obj = json_object_new_object();
	char name[CLI_IFNAME_SIZE];

	json_object_object_add(obj, "name", json_object_new_string(a->ifname));
	json_object_object_add(obj, "ifindex", json_object_new_int64(a->ifindex));
	json_object_object_add(obj, "template",
			       json_object_new_string(cli_ifname(a->template_ifindex,
								 name)));
	if (a->has_out_spi)
		json_object_object_add(obj, "out_spi",
				       json_object_new_int64(a->out_spi));
	json_object_object_add(obj, "sa", json_object_new_int64(a->n_sa));
	json_object_object_add(obj, "stats", cli_stats_json(&a->stats));
	return obj;
}

static void access_print(const struct vgate_access *a)
{
	char name[CLI_IFNAME_SIZE], spi[CLI_SPI_SIZE];

	printf("%s: template %s sa %u", a->ifname,
	       cli_ifname(a->template_ifindex, name), a->n_sa);
	if (a->has_out_spi)
		printf(" out-spi %s", cli_spi(a->out_spi, spi));
	printf("\n");
	cli_stats_print(stdout, &a->stats, "\t");
}

static int access_add(const struct cli_opts *opts, int argc, char **argv)
{
	struct vgate_access created;
	struct vgate_genl g;
	uint32_t tmpl;
	json_object *obj;

	if ((argc != 2 && argc != 4) || strcmp(argv[0], "template") ||
	    (argc == 4 && (strcmp(argv[2], "ipv6") || strcmp(argv[3], "off"))))
		return cli_usage_error("usage: access add template NAME [ipv6 off]");
	tmpl = cli_ifindex(argv[1]);
	if (!tmpl || cli_open(&g) < 0)
		return 1;
	if (vgate_access_new(&g, tmpl, argc != 4, &created) < 0)
		return cli_kernel_fail(&g);
	vgate_genl_close(&g);
	if (!opts->json) {
		printf("%s\n", created.ifname);
		return 0;
	}
	obj = json_object_new_object();
	json_object_object_add(obj, "name", json_object_new_string(created.ifname));
	json_object_object_add(obj, "ifindex",
			       json_object_new_int64(created.ifindex));
	cli_print_json(obj, false);
	json_object_put(obj);
	return 0;
}

static int access_del(int argc, char **argv)
{
	uint32_t ifindex, reason = 0;
	struct vgate_genl g;
	char err[256];

	if ((argc != 1 && argc != 3) || (argc == 3 && strcmp(argv[1], "reason")))
		return cli_usage_error("usage: access del NAME [reason R]");
	if (argc == 3 && vgate_parse_reason(argv[2], &reason, err, sizeof(err)) < 0)
		return cli_usage_error("%s", err);
	ifindex = cli_ifindex(argv[0]);
	if (!ifindex || cli_open(&g) < 0)
		return 1;
	if (vgate_access_del(&g, ifindex, argc == 3, reason) < 0)
		return cli_kernel_fail(&g);
	vgate_genl_close(&g);
	return 0;
}

static void access_output(const struct cli_opts *opts,
			  const struct vgate_access *items, size_t count,
			  uint32_t tmpl)
{
	json_object *list = json_object_new_array();

	for (size_t i = 0; i < count; i++) {
		if (tmpl && items[i].template_ifindex != tmpl)
			continue;
		if (opts->json)
			json_object_array_add(list, access_json(&items[i]));
		else
			access_print(&items[i]);
	}
	if (opts->json)
		cli_print_json(list, false);
	json_object_put(list);
}

/* access show [NAME] [template NAME] */
static int access_show(const struct cli_opts *opts, int argc, char **argv)
{
	struct vgate_access *items = NULL;
	uint32_t ifindex = 0, tmpl = 0;
	const char *name = NULL, *tmpl_name = NULL;
	struct vgate_genl g;
	size_t count;

	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "template") && i + 1 < argc && !tmpl_name)
			tmpl_name = argv[++i];
		else if (!name && i == 0)
			name = argv[i];
		else
			return cli_usage_error("usage: access show [NAME] [template NAME]");
	}
	if ((name && !(ifindex = cli_ifindex(name))) ||
	    (tmpl_name && !(tmpl = cli_ifindex(tmpl_name))) || cli_open(&g) < 0)
		return 1;
	if (vgate_access_get(&g, ifindex, tmpl, &items, &count) < 0)
		return cli_kernel_fail(&g);
	vgate_genl_close(&g);
	access_output(opts, items, count, tmpl);
	free(items);
	return 0;
}

int cli_access(const struct cli_opts *opts, int argc, char **argv)
{
	if (argc >= 1 && !strcmp(argv[0], "add"))
		return access_add(opts, argc - 1, argv + 1);
	if (argc >= 1 && !strcmp(argv[0], "del"))
		return access_del(argc - 1, argv + 1);
	if (argc >= 1 && !strcmp(argv[0], "show"))
		return access_show(opts, argc - 1, argv + 1);
	return cli_usage_error(ACCESS_USAGE);
}
