/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vgatectl's daemon commands: `status`, `show crypto ...` and `clear
 * crypto session ...`, asked of vgated over the control socket and
 * printed in IOS's layout, or as JSON with -j.
 */
#ifndef VGATE_CTL_CLI_CRYPTO_H
#define VGATE_CTL_CLI_CRYPTO_H

#include <stdbool.h>

struct cli_daemon {
	const char *socket_path;
	bool json;
};

int cli_status(const struct cli_daemon *d);
/* ARGV after "show" / "clear". */
int cli_show(const struct cli_daemon *d, int argc, char **argv);
int cli_clear(const struct cli_daemon *d, int argc, char **argv);
/* `client connect NAME`: FlexVPN's `crypto ikev2 client flexvpn connect`. */
int cli_client(const struct cli_daemon *d, int argc, char **argv);
/* `logoff all | name USER | index N`: ASA's `vpn-sessiondb logoff`. */
int cli_logoff(const struct cli_daemon *d, int argc, char **argv);

#endif
