// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdio.h>
#include <string.h>

#include "common/xalloc.h"
#include "ctl/protocol.h"

const char *ctl_request_decode(const char *line, size_t len,
			       json_object **request, char *error,
			       size_t error_size)
{
	json_tokener *tok;
	json_object *obj, *command;
	size_t used;

	*request = NULL;
	if (len > CTL_MAX_REQUEST_BYTES) {
		snprintf(error, error_size, "request longer than %d bytes",
			 CTL_MAX_REQUEST_BYTES);
		return NULL;
	}
	if (memchr(line, '\0', len)) {
		snprintf(error, error_size, "request contains a NUL byte");
		return NULL;
	}
	tok = json_tokener_new();
	if (!tok) {
		snprintf(error, error_size, "out of memory");
		return NULL;
	}
	obj = json_tokener_parse_ex(tok, line, (int)len);
	if (!obj) {
		enum json_tokener_error jerr = json_tokener_get_error(tok);

		snprintf(error, error_size, "request is not valid JSON: %s",
			 jerr == json_tokener_continue ? "unexpected end" :
			 json_tokener_error_desc(jerr));
		json_tokener_free(tok);
		return NULL;
	}
	used = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	/* One object per line: nothing but blanks may follow it. */
	while (used < len && line[used] && strchr(" \t\r", line[used]))
		used++;
	if (used != len) {
		snprintf(error, error_size, "trailing data after the request object");
		json_object_put(obj);
		return NULL;
	}
	if (!json_object_is_type(obj, json_type_object)) {
		snprintf(error, error_size, "request must be a JSON object");
		json_object_put(obj);
		return NULL;
	}
	if (!json_object_object_get_ex(obj, "command", &command) ||
	    !json_object_is_type(command, json_type_string)) {
		snprintf(error, error_size, "request has no \"command\" string");
		json_object_put(obj);
		return NULL;
	}
	*request = obj;
	return json_object_get_string(command);
}

static char *encode_line(json_object *reply)
{
	const char *text = json_object_to_json_string_ext(reply,
							  JSON_C_TO_STRING_PLAIN);
	size_t len = strlen(text);
	char *line = xcalloc(1, len + 2);

	memcpy(line, text, len);
	line[len] = '\n';
	json_object_put(reply);
	return line;
}

char *ctl_reply_ok(json_object *data)
{
	json_object *reply = json_object_new_object();

	json_object_object_add(reply, "ok", json_object_new_boolean(1));
	json_object_object_add(reply, "data", data);
	return encode_line(reply);
}

char *ctl_reply_error(const char *message)
{
	json_object *reply = json_object_new_object();

	json_object_object_add(reply, "ok", json_object_new_boolean(0));
	json_object_object_add(reply, "error", json_object_new_string(message));
	return encode_line(reply);
}
