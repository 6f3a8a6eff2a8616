// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common/version.h"
#include "ctl/commands.h"
#include "ctl/protocol.h"

static json_object *status_command(const struct ctl_daemon_info *info)
{
	json_object *data = json_object_new_object();
	struct timespec now;
	char started[32];
	struct tm tm;

	clock_gettime(CLOCK_MONOTONIC, &now);
	gmtime_r(&info->started, &tm);
	strftime(started, sizeof(started), "%Y-%m-%dT%H:%M:%SZ", &tm);

	json_object_object_add(data, "version", json_object_new_string(VGATE_VERSION));
	json_object_object_add(data, "pid", json_object_new_int(getpid()));
	json_object_object_add(data, "uptime",
			       json_object_new_int64(now.tv_sec -
						     info->started_mono.tv_sec));
	json_object_object_add(data, "config",
			       json_object_new_string(info->config_path));
	json_object_object_add(data, "started", json_object_new_string(started));
	return data;
}

static const struct {
	const char *name;
	json_object *(*run)(const struct ctl_daemon_info *info);
} commands[] = {
	{ "status", status_command },
};

char *ctl_handle_request(const struct ctl_daemon_info *info, const char *line,
			 size_t len)
{
	json_object *request, *args, *data;
	const char *command;
	char error[512];
	char *reply;

	command = ctl_request_decode(line, len, &request, error, sizeof(error));
	if (!command)
		return ctl_reply_error(error);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (!strcmp(commands[i].name, command)) {
			reply = ctl_reply_ok(commands[i].run(info));
			json_object_put(request);
			return reply;
		}
	}
	if (!json_object_object_get_ex(request, "args", &args))
		args = NULL;
	for (size_t i = 0; i < info->n_commands; i++) {
		if (strcmp(info->commands[i].name, command))
			continue;
		error[0] = '\0';
		data = info->commands[i].run(info->ctx, args, error,
					     sizeof(error));
		reply = data ? ctl_reply_ok(data) : ctl_reply_error(error);
		json_object_put(request);
		return reply;
	}
	snprintf(error, sizeof(error), "unknown command \"%.400s\"", command);
	json_object_put(request);
	return ctl_reply_error(error);
}
