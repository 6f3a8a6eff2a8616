// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Control protocol: decoding of request lines (every way a request can
 * be malformed) and the replies of the command dispatcher.
 */
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "common/version.h"
#include "ctl/commands.h"
#include "ctl/protocol.h"
#include "leak_check.h"

/* Decodes LINE; returns the command or the error text (static buffer). */
static const char *decode(const char *line, size_t len)
{
	static char result[512];
	json_object *request;
	const char *command;

	command = ctl_request_decode(line, len, &request, result, sizeof(result));
	if (command) {
		snprintf(result, sizeof(result), "command=%s", command);
		json_object_put(request);
	}
	return result;
}

#define DECODE(s) decode(s, sizeof(s) - 1)

TEST(valid_request)
{
	EXPECT_STREQ("command=status", DECODE("{\"command\":\"status\"}"));
	EXPECT_STREQ("command=status", DECODE(" { \"command\" : \"status\" } \r"));
	EXPECT_EQ(0, leaks_found());
}

TEST(malformed_requests)
{
	EXPECT_STREQ("request is not valid JSON: unexpected end", DECODE("{\"command\":"));
	EXPECT_STREQ("request is not valid JSON: unexpected end", DECODE(""));
	EXPECT_STREQ("request must be a JSON object", DECODE("[\"status\"]"));
	EXPECT_STREQ("request has no \"command\" string", DECODE("{\"cmd\":\"status\"}"));
	EXPECT_STREQ("request has no \"command\" string", DECODE("{\"command\":1}"));
	EXPECT_STREQ("trailing data after the request object",
		     DECODE("{\"command\":\"status\"}{}"));
	EXPECT_STREQ("request contains a NUL byte", DECODE("{\"command\":\"st\0atus\"}"));
	EXPECT_EQ(0, leaks_found());
}

TEST(oversized_request)
{
	char line[CTL_MAX_REQUEST_BYTES + 1];

	memset(line, ' ', sizeof(line));
	EXPECT_STREQ("request longer than 4096 bytes", decode(line, sizeof(line)));
	EXPECT_EQ(0, leaks_found());
}

static json_object *handle(const char *line)
{
	struct ctl_daemon_info info = {
		.config_path = "/etc/vgate/vgated.conf",
		.started = 1700000000,
	};
	char *reply;
	json_object *obj;

	clock_gettime(CLOCK_MONOTONIC, &info.started_mono);
	info.started_mono.tv_sec -= 42;
	reply = ctl_handle_request(&info, line, strlen(line));
	/* Exactly one line per reply. */
	if (strchr(reply, '\n') != reply + strlen(reply) - 1) {
		free(reply);
		return NULL;
	}
	obj = json_tokener_parse(reply);
	free(reply);
	return obj;
}

static const char *get_str(json_object *obj, const char *key)
{
	json_object *v;

	return json_object_object_get_ex(obj, key, &v) ? json_object_get_string(v) : NULL;
}

TEST(status_reply)
{
	json_object *reply = handle("{\"command\":\"status\"}");
	json_object *data, *v;

	ASSERT_NE(NULL, reply);
	EXPECT_STREQ("true", get_str(reply, "ok"));
	ASSERT_TRUE(json_object_object_get_ex(reply, "data", &data));
	EXPECT_STREQ(VGATE_VERSION, get_str(data, "version"));
	EXPECT_STREQ("/etc/vgate/vgated.conf", get_str(data, "config"));
	EXPECT_STREQ("2023-11-14T22:13:20Z", get_str(data, "started"));
	ASSERT_TRUE(json_object_object_get_ex(data, "pid", &v));
	EXPECT_EQ(getpid(), json_object_get_int(v));
	ASSERT_TRUE(json_object_object_get_ex(data, "uptime", &v));
	EXPECT_EQ(42, json_object_get_int(v));
	json_object_put(reply);
	EXPECT_EQ(0, leaks_found());
}

TEST(unknown_command_reply)
{
	json_object *reply = handle("{\"command\":\"reboot\"}");

	ASSERT_NE(NULL, reply);
	EXPECT_STREQ("false", get_str(reply, "ok"));
	EXPECT_STREQ("unknown command \"reboot\"", get_str(reply, "error"));
	json_object_put(reply);
	EXPECT_EQ(0, leaks_found());
}

TEST(malformed_request_reply)
{
	static const char prefix[] = "request is not valid JSON: ";
	json_object *reply = handle("nonsense");

	ASSERT_NE(NULL, reply);
	EXPECT_STREQ("false", get_str(reply, "ok"));
	/* The rest is json-c's own wording, which varies by version. */
	EXPECT_EQ(0, strncmp(prefix, get_str(reply, "error"), strlen(prefix)));
	json_object_put(reply);
	EXPECT_EQ(0, leaks_found());
}

TEST_HARNESS_MAIN
