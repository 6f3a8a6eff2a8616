/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vgated.conf: what the daemon reads from its config file: the daemon's
 * own settings and the FlexVPN objects (ikev2_conf.h).
 */
#ifndef VGATE_CONFIG_VGATED_CONF_H
#define VGATE_CONFIG_VGATED_CONF_H

#include "config/diag.h"
#include "config/ikev2_conf.h"

#define VGATED_DEFAULT_CONFIG "/etc/vgate/vgated.conf"

struct vgated_daemon_settings {
	char *control_socket;
	int log_level;		/* enum log_level */
};

struct vgated_conf {
	struct vgated_daemon_settings daemon;
	struct ikev2_conf ikev2;
};

/*
 * Loads PATH into CONF; on failure DIAGS holds every problem, CONF none.
 * On success the warnings (legacy transforms, ...) are logged, and DIAGS
 * is left as it was.
 */
int vgated_conf_load(const char *path, struct vgated_conf *conf,
		     struct cfg_diags *diags);

/* The same, but warnings stay in DIAGS on success too (for tests). */
int vgated_conf_parse(const char *path, struct vgated_conf *conf,
		      struct cfg_diags *diags);

void vgated_conf_free(struct vgated_conf *conf);

/* NULL when PATH can be a control socket, else why not. */
const char *vgated_conf_check_socket_path(const char *path);

#endif
