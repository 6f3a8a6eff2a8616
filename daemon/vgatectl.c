// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vgatectl: operate vgate.  Daemon state comes from vgated over its
 * control socket; kernel objects are read directly over generic netlink,
 * so they can be inspected even when vgated is not running.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "common/version.h"
#include "ctl/cli_crypto.h"
#include "ctl/protocol.h"
#include "dataplane/cli.h"

struct options {
	const char *socket_path;
	struct cli_opts cli;
};

/* The kernel commands: the object name, then its words. */
static const struct {
	const char *name;
	int (*run)(const struct cli_opts *opts, int argc, char **argv);
} kernel_commands[] = {
	{ "template", cli_template },
	{ "access", cli_access },
	{ "sa", cli_sa },
	{ "net", cli_net },
	{ "monitor", cli_monitor },
};

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: vgatectl [-s SOCKET] [-j] COMMAND\n"
		"Control the vgate VPN headend.\n"
		"\n"
		"Commands (vgated):\n"
		"  status                 state of vgated (version, pid, uptime, config)\n"
		"  show crypto ikev2 sa [detailed]   IKE SAs: peers, algorithms, SPIs\n"
		"  show crypto session [detail]      sessions, with traffic counters\n"
		"  show crypto ikev2 stats           SA counts and a counter per outcome\n"
		"  show ip local pool     address pools and their use\n"
		"  clear crypto session [all | peer ADDR | id N]\n"
		"                         delete sessions (kernel state included)\n"
		"  logoff all | name USER | index N\n"
		"                         end remote-access sessions by user or index\n"
		"  client connect NAME    connect a configured client (vgated initiates)\n"
		"\n"
		"Kernel commands (this network namespace, over generic netlink):\n"
		"  template show [NAME]\n"
		"  template set NAME [max-access N] [unnumbered IFNAME|none]\n"
		"  access add template NAME [ipv6 off]   prints the new device's name\n"
		"  access del NAME [reason REASON]\n"
		"  access show [NAME] [template NAME]\n"
		"  sa add dev VA dir in|out spi SPI enc ENC key KEY\n"
		"         [integ INTEG ikey KEY] [esn] [replay-window N]\n"
		"         local ADDR peer ADDR [encap udp [sport PORT] [dport PORT]]\n"
		"         [soft-bytes N] [hard-bytes N] [soft-packets N] [hard-packets N]\n"
		"         [soft-seconds N] [hard-seconds N] [prefix CIDR]...\n"
		"  sa del dev VA dir in|out spi SPI [reason REASON]\n"
		"  sa swap dev VA spi SPI              make an outbound SA the active one\n"
		"  sa show [dev VA]\n"
		"  net show\n"
		"  net set max-sa N\n"
		"  monitor                  print notifications until killed\n"
		"\n"
		"  ENC: aes-gcm-128 aes-gcm-256 (key + 4-octet salt), aes-cbc-128\n"
		"       aes-cbc-256 (need integ), chacha20-poly1305 (key + 4-octet salt)\n"
		"  INTEG: hmac-sha1-96 hmac-sha256-128 hmac-sha384-192 hmac-sha512-256\n"
		"  REASON: userspace template access teardown expired rekeyed\n"
		"  KEY: hex, optionally after 0x; SPI: 0xHEX or decimal\n"
		"\n"
		"Options:\n"
		"  -s, --socket PATH   vgated control socket (default %s)\n"
		"  -j, --json          print JSON instead of text\n"
		"  -h, --help          show this help\n"
		"  -V, --version       show the version\n",
		CTL_DEFAULT_SOCKET);
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
	struct cli_daemon daemon;
	int opt, nargs;
	char **args;

	while ((opt = getopt_long(argc, argv, "+s:jhV", long_options, NULL)) != -1) {
		switch (opt) {
		case 's':
			opts.socket_path = optarg;
			break;
		case 'j':
			opts.cli.json = true;
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
		return cli_usage_error("no command given");
	daemon.socket_path = opts.socket_path;
	daemon.json = opts.cli.json;
	if (!strcmp(args[0], "status") && nargs == 1)
		return cli_status(&daemon);
	if (!strcmp(args[0], "show"))
		return cli_show(&daemon, nargs - 1, args + 1);
	if (!strcmp(args[0], "clear"))
		return cli_clear(&daemon, nargs - 1, args + 1);
	if (!strcmp(args[0], "client"))
		return cli_client(&daemon, nargs - 1, args + 1);
	if (!strcmp(args[0], "logoff"))
		return cli_logoff(&daemon, nargs - 1, args + 1);
	for (size_t i = 0; i < sizeof(kernel_commands) / sizeof(kernel_commands[0]); i++)
		if (!strcmp(args[0], kernel_commands[i].name))
			return kernel_commands[i].run(&opts.cli, nargs - 1, args + 1);
	return cli_usage_error("unknown command \"%s\"", args[0]);
}
