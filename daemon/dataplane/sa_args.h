/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The arguments of "vgatectl sa add" (see vgatectl(8)) into a struct
 * vgate_sa.  Pure: the access device stays a name (SA->dev) and no
 * socket is opened; the caller resolves and binds.
 */
#ifndef VGATE_DATAPLANE_SA_ARGS_H
#define VGATE_DATAPLANE_SA_ARGS_H

#include <stddef.h>

#include "dataplane/genl_sa.h"

/* Default UDP ports of "encap udp" (RFC 3948). */
#define VGATE_NATT_PORT 4500

/*
 * Parses ARGV[0..ARGC-1] (the words after "sa add").  The hex key
 * arguments are wiped in ARGV once read.  Returns 0, or -1 with the
 * reason in ERR (SA's keys are then wiped too).
 */
int vgate_sa_args_parse(int argc, char **argv, struct vgate_sa *sa, char *err,
			size_t err_size);

#endif
