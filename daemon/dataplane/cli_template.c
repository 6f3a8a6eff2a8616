// SPDX-License-Identifier: GPL-2.0-or-later
/* vgatectl template show|set */
#include <stdlib.h>
#include <string.h>

#include <linux/vgate.h>

#include "dataplane/cli.h"
#include "dataplane/genl_templates.h"
#include "dataplane/parse.h"

static json_object *template_json(const struct vgate_template *t)
{
	json_object *obj = json_object_new_object();
	char name[CLI_IFNAME_SIZE];

	json_object_object_add(obj, "name", json_object_new_string(t->ifname));
	json_object_object_add(obj, "ifindex", json_object_new_int64(t->ifindex));
	json_object_object_add(obj, "mtu", json_object_new_int64(t->mtu));
	json_object_object_add(obj, "max_access",
			       json_object_new_int64(t->max_access));
	json_object_object_add(obj, "access", json_object_new_int64(t->n_access));
	if (t->has_unnumbered)
		json_object_object_add(obj, "unnumbered",
				       json_object_new_string(cli_ifname(t->unnumbered_ifindex,
									 name)));
	return obj;
}

static void template_print(const struct vgate_template *t)
{
	char name[CLI_IFNAME_SIZE];

	printf("%s: mtu %u max-access %u access %u", t->ifname, t->mtu,
	       t->max_access, t->n_access);
	if (t->has_unnumbered)
		printf(" unnumbered %s", cli_ifname(t->unnumbered_ifindex, name));
	printf("\n");
}

static int template_show(const struct cli_opts *opts, const char *name)
{
	struct vgate_template *templates = NULL;
	struct vgate_genl g;
	json_object *list;
	size_t count;

	if (cli_open(&g) < 0)
		return 1;
	if (vgate_templates_get(&g, name, &templates, &count) < 0)
		return cli_kernel_fail(&g);
	vgate_genl_close(&g);
	if (opts->json) {
		list = json_object_new_array();
		for (size_t i = 0; i < count; i++)
			json_object_array_add(list, template_json(&templates[i]));
		cli_print_json(list, false);
		json_object_put(list);
	} else {
		for (size_t i = 0; i < count; i++)
			template_print(&templates[i]);
	}
	free(templates);
	return 0;
}

/* template set NAME [max-access N] [unnumbered IFNAME|none] */
static int template_set(int argc, char **argv)
{
	struct vgate_template_change change = { .ifname = argv[0] };
	struct vgate_genl g;
	char err[256];
	int i;

	for (i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "max-access") && !change.set_max_access) {
			if (vgate_parse_u32(argv[i + 1], VGATE_TMPL_MAX_ACCESS_LIMIT,
					    &change.max_access, "max-access",
					    err, sizeof(err)) < 0)
				return cli_usage_error("%s", err);
			change.set_max_access = true;
		} else if (!strcmp(argv[i], "unnumbered") &&
			   !change.set_unnumbered) {
			change.set_unnumbered = true;
			if (strcmp(argv[i + 1], "none") &&
			    !(change.unnumbered_ifindex = cli_ifindex(argv[i + 1])))
				return 1;
		} else {
			break;
		}
	}
	if (i != argc || argc == 1)
		return cli_usage_error("usage: template set NAME [max-access N] [unnumbered IFNAME|none]");
	if (cli_open(&g) < 0)
		return 1;
	if (vgate_template_set(&g, &change) < 0)
		return cli_kernel_fail(&g);
	vgate_genl_close(&g);
	return 0;
}

int cli_template(const struct cli_opts *opts, int argc, char **argv)
{
	if (argc >= 1 && argc <= 2 && !strcmp(argv[0], "show"))
		return template_show(opts, argc == 2 ? argv[1] : NULL);
	if (argc >= 2 && !strcmp(argv[0], "set"))
		return template_set(argc - 1, argv + 1);
	return cli_usage_error("usage: template show [NAME] | template set NAME [max-access N] [unnumbered IFNAME|none]");
}
