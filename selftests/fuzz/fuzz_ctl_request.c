// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target for the control-socket request path: one request line
 * (as the server hands it over, newline stripped) through decode,
 * dispatch and reply encoding.  Every reply must be exactly one line of
 * valid JSON with an "ok" member.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "ctl/commands.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct ctl_daemon_info info = {
		.config_path = "/etc/vgate/vgated.conf",
	};
	const char *line = (const char *)data;
	json_object *reply, *ok;
	char *text;
	size_t len;

	/* The server never passes a line that contains its newline. */
	if (memchr(line, '\n', size))
		return -1;
	text = ctl_handle_request(&info, line, size);
	len = strlen(text);
	if (!len || text[len - 1] != '\n' || memchr(text, '\n', len - 1) != NULL)
		abort();
	reply = json_tokener_parse(text);
	if (!reply || !json_object_object_get_ex(reply, "ok", &ok))
		abort();
	json_object_put(reply);
	free(text);
	return 0;
}
