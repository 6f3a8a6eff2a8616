// SPDX-License-Identifier: GPL-2.0-or-later
#include <stddef.h>
#include <string.h>
#include <sys/un.h>

#include "common/log.h"
#include "config/schema.h"
#include "config/vgated_conf.h"
#include "ctl/protocol.h"

const char *vgated_conf_check_socket_path(const char *path)
{
	if (path[0] != '/')
		return "must be an absolute path";
	if (strlen(path) >= sizeof(((struct sockaddr_un *)0)->sun_path))
		return "is longer than a Unix socket path can be (107 bytes)";
	return NULL;
}

static const struct cfg_key daemon_keys[] = {
	{
		.name = "control-socket",
		.kind = CFG_VALUE_STRING,
		.offset = offsetof(struct vgated_daemon_settings, control_socket),
		.default_value = CTL_DEFAULT_SOCKET,
		.check = vgated_conf_check_socket_path,
	},
	{
		.name = "log-level",
		.kind = CFG_VALUE_CHOICE,
		.offset = offsetof(struct vgated_daemon_settings, log_level),
		.default_value = "notice",
		.choices = log_level_names,
	},
	{ 0 }
};

static const struct cfg_section sections[] = {
	{
		.name = "daemon",
		.kind = CFG_SECTION_GROUP,
		.keys = daemon_keys,
		.offset = offsetof(struct vgated_conf, daemon),
	},
	{ 0 }
};

static const struct cfg_schema schema = { .sections = sections };

int vgated_conf_load(const char *path, struct vgated_conf *conf,
		     struct cfg_diags *diags)
{
	memset(conf, 0, sizeof(*conf));
	if (cfg_load(&schema, path, conf, diags) == 0)
		return 0;
	cfg_release(&schema, conf);
	return -1;
}

void vgated_conf_free(struct vgated_conf *conf)
{
	cfg_release(&schema, conf);
}
