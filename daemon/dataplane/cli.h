/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vgatectl's kernel commands (template, access, sa, net, monitor): the
 * words after the object name in, an exit status out (0 done, 1 failed,
 * 2 usage error), messages on stderr as "vgatectl: ...".  See
 * vgatectl(8) and Documentation/dataplane.md.
 */
#ifndef VGATE_DATAPLANE_CLI_H
#define VGATE_DATAPLANE_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <json-c/json.h>

#include "dataplane/genl.h"
#include "dataplane/stats.h"

struct cli_opts {
	bool json;	/* -j: JSON instead of text */
};

int cli_template(const struct cli_opts *opts, int argc, char **argv);
int cli_access(const struct cli_opts *opts, int argc, char **argv);
int cli_sa(const struct cli_opts *opts, int argc, char **argv);
int cli_net(const struct cli_opts *opts, int argc, char **argv);
int cli_monitor(const struct cli_opts *opts, int argc, char **argv);

/* Helpers shared by the commands (cli_util.c). */

/* Prints "vgatectl: MESSAGE" and the --help hint; returns 2. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "vgatectl: MESSAGE"; returns 1. */
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Opens the genl client; on failure prints why and returns -1. */
int cli_open(struct vgate_genl *g);
/* Prints G's error, closes G and returns 1. */
int cli_kernel_fail(struct vgate_genl *g);
/* The ifindex of the device NAME in this netns, or 0 after printing why. */
uint32_t cli_ifindex(const char *name);
/* NAME of IFINDEX in this netns, or "if<N>" when it has none (BUF IF_NAMESIZE+8). */
const char *cli_ifname(uint32_t ifindex, char *buf);
#define CLI_IFNAME_SIZE 24

/* Prints OBJ pretty (show commands) or on one line (monitor), flushed. */
void cli_print_json(json_object *obj, bool one_line);
/* The "stats" member: every counter by its name. */
json_object *cli_stats_json(const struct vgate_stats *stats);
/* Text: "rx 1 packets 2 bytes errors 0 drops 0" and the tx line. */
void cli_stats_print(FILE *out, const struct vgate_stats *stats,
		     const char *indent);
/* "0x0000abcd" */
const char *cli_spi(uint32_t spi, char *buf);
#define CLI_SPI_SIZE 12

#endif
