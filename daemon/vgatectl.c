// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vgatectl: operate vgate.  Daemon state comes from vgated over its
 * control socket; kernel objects are read directly over generic netlink,
 * so they can be inspected even when vgated is not running.
 */
#include <getopt.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "common/version.h"
#include "ctl/client.h"
#include "ctl/protocol.h"
#include "dataplane/genl_templates.h"

struct options {
	const char *socket_path;
	bool json;
};

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: vgatectl [-s SOCKET] [-j] COMMAND\n"
		"Control the vgate VPN headend.\n"
		"\n"
		"Commands:\n"
		"  status                 state of vgated (version, pid, uptime, config)\n"
		"  template show [NAME]   virtual templates, read from the kernel\n"
		"\n"
		"Options:\n"
		"  -s, --socket PATH   vgated control socket (default %s)\n"
		"  -j, --json          print JSON instead of text\n"
		"  -h, --help          show this help\n"
		"  -V, --version       show the version\n",
		CTL_DEFAULT_SOCKET);
}

static void print_json(json_object *obj)
{
	printf("%s\n", json_object_to_json_string_ext(obj,
						      JSON_C_TO_STRING_PRETTY |
						      JSON_C_TO_STRING_NOSLASHESCAPE));
}

static int status_command(const struct options *opts)
{
	json_object *reply, *ok, *data, *field;
	char error[512];
	int ret = 1;

	reply = ctl_client_call(opts->socket_path, "status", error, sizeof(error));
	if (!reply) {
		fprintf(stderr, "vgatectl: %s\n", error);
		return 1;
	}
	if (!json_object_object_get_ex(reply, "ok", &ok) ||
	    !json_object_get_boolean(ok)) {
		json_object_object_get_ex(reply, "error", &field);
		fprintf(stderr, "vgatectl: vgated: %s\n",
			field ? json_object_get_string(field) : "request failed");
	} else if (!json_object_object_get_ex(reply, "data", &data)) {
		fprintf(stderr, "vgatectl: vgated sent a reply without data\n");
	} else {
		ret = 0;
		if (opts->json) {
			print_json(data);
		} else {
			json_object *version = NULL, *pid = NULL, *uptime = NULL,
				    *config = NULL;

			json_object_object_get_ex(data, "version", &version);
			json_object_object_get_ex(data, "pid", &pid);
			json_object_object_get_ex(data, "uptime", &uptime);
			json_object_object_get_ex(data, "config", &config);
			printf("vgated %s, pid %d, up %llds, config %s\n",
			       json_object_get_string(version),
			       json_object_get_int(pid),
			       (long long)json_object_get_int64(uptime),
			       json_object_get_string(config));
		}
	}
	json_object_put(reply);
	return ret;
}

static const char *unnumbered_name(const struct vgate_template *t, char *buf)
{
	if (!if_indextoname(t->unnumbered_ifindex, buf))
		snprintf(buf, IF_NAMESIZE, "%u", t->unnumbered_ifindex);
	return buf;
}

static json_object *template_json(const struct vgate_template *t)
{
	json_object *obj = json_object_new_object();
	char name[IF_NAMESIZE];

	json_object_object_add(obj, "name", json_object_new_string(t->ifname));
	json_object_object_add(obj, "ifindex", json_object_new_int64(t->ifindex));
	json_object_object_add(obj, "mtu", json_object_new_int64(t->mtu));
	json_object_object_add(obj, "max_access",
			       json_object_new_int64(t->max_access));
	json_object_object_add(obj, "access", json_object_new_int64(t->n_access));
	if (t->has_unnumbered)
		json_object_object_add(obj, "unnumbered",
				       json_object_new_string(unnumbered_name(t, name)));
	return obj;
}

static int template_show(const struct options *opts, const char *name)
{
	struct vgate_template *templates = NULL;
	char error[512], unnumbered[IF_NAMESIZE];
	json_object *list;
	size_t count;

	if (vgate_templates_get(name, &templates, &count, error, sizeof(error)) < 0) {
		fprintf(stderr, "vgatectl: %s\n", error);
		return 1;
	}
	if (opts->json) {
		list = json_object_new_array();
		for (size_t i = 0; i < count; i++)
			json_object_array_add(list, template_json(&templates[i]));
		print_json(list);
		json_object_put(list);
	}
	for (size_t i = 0; i < count && !opts->json; i++) {
		const struct vgate_template *t = &templates[i];

		printf("%s: mtu %u max-access %u access %u", t->ifname, t->mtu,
		       t->max_access, t->n_access);
		if (t->has_unnumbered)
			printf(" unnumbered %s", unnumbered_name(t, unnumbered));
		printf("\n");
	}
	free(templates);
	return 0;
}

static int bad_usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "vgatectl: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'vgatectl --help'.\n");
	return 2;
}

int main(int argc, char **argv)
{
	static const struct option long_options[] = {
		{ "socket", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 }
	};
	struct options opts = { .socket_path = CTL_DEFAULT_SOCKET };
	int opt, nargs;
	char **args;

	while ((opt = getopt_long(argc, argv, "+s:jhV", long_options, NULL)) != -1) {
		switch (opt) {
		case 's':
			opts.socket_path = optarg;
			break;
		case 'j':
			opts.json = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("vgatectl %s\n", VGATE_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	args = argv + optind;
	nargs = argc - optind;
	if (nargs == 0)
		return bad_usage("%s", "no command given");
	if (!strcmp(args[0], "status") && nargs == 1)
		return status_command(&opts);
	if (!strcmp(args[0], "template") && nargs >= 2 &&
	    !strcmp(args[1], "show") && nargs <= 3)
		return template_show(&opts, nargs == 3 ? args[2] : NULL);
	return bad_usage("unknown command \"%s\"", args[0]);
}
