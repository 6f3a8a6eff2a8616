/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vgated.conf: what the daemon reads from its config file.  Later issues
 * add the FlexVPN objects (proposal, policy, keyring, profile, ...) as
 * further sections of the schema in vgated_conf.c.
 */
#ifndef VGATE_CONFIG_VGATED_CONF_H
#define VGATE_CONFIG_VGATED_CONF_H

#include "config/diag.h"

#define VGATED_DEFAULT_CONFIG "/etc/vgate/vgated.conf"

struct vgated_daemon_settings {
	char *control_socket;
	int log_level;		/* enum log_level */
};

struct vgated_conf {
	struct vgated_daemon_settings daemon;
};

/* Loads PATH into CONF; on failure DIAGS holds every problem, CONF none. */
int vgated_conf_load(const char *path, struct vgated_conf *conf,
		     struct cfg_diags *diags);

void vgated_conf_free(struct vgated_conf *conf);

/* NULL when PATH can be a control socket, else why not. */
const char *vgated_conf_check_socket_path(const char *path);

#endif
