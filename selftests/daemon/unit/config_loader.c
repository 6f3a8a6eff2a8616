// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vgated.conf loading: values, defaults, and the exact "FILE:LINE:
 * message" of every class of error, including errors in @include'd files.
 */
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include "conf_files.h"
#include "leak_check.h"
#include "common/log.h"
#include "config/vgated_conf.h"

FIXTURE(conf)
{
	char *dir;
	struct vgated_conf conf;
	struct cfg_diags diags;
	char *errors;
};

FIXTURE_SETUP(conf)
{
	self->dir = scratch_dir();
	memset(&self->conf, 0, sizeof(self->conf));
	memset(&self->diags, 0, sizeof(self->diags));
	self->errors = NULL;
}

FIXTURE_TEARDOWN(conf)
{
	vgated_conf_free(&self->conf);
	cfg_diags_free(&self->diags);
	free(self->errors);
	scratch_dir_remove(self->dir);
	EXPECT_EQ(0, leaks_found());
}

/* Loads TEXT as DIR/vgated.conf; returns vgated_conf_load's result. */
static int load_text(FIXTURE_DATA(conf) *self, const char *text)
{
	char *path = write_file(self->dir, "vgated.conf", text);
	int ret = vgated_conf_load(path, &self->conf, &self->diags);

	free(self->errors);
	self->errors = render_diags(&self->diags, self->dir);
	free(path);
	return ret;
}

TEST_F(conf, good_config_sets_every_value)
{
	ASSERT_EQ(0, load_text(self,
		"daemon = {\n"
		"  control-socket = \"/run/vgate/test.sock\";\n"
		"  log-level = \"debug\";\n"
		"};\n"));
	EXPECT_STREQ("", self->errors);
	EXPECT_STREQ("/run/vgate/test.sock", self->conf.daemon.control_socket);
	EXPECT_EQ(LOG_LEVEL_DEBUG, self->conf.daemon.log_level);
}

TEST_F(conf, empty_file_gives_defaults)
{
	ASSERT_EQ(0, load_text(self, "# nothing set\n"));
	EXPECT_STREQ("/run/vgate/vgated.sock", self->conf.daemon.control_socket);
	EXPECT_EQ(LOG_LEVEL_NOTICE, self->conf.daemon.log_level);
}

TEST_F(conf, partial_group_keeps_other_defaults)
{
	ASSERT_EQ(0, load_text(self, "daemon: { log-level = \"error\"; };\n"));
	EXPECT_EQ(LOG_LEVEL_ERROR, self->conf.daemon.log_level);
	EXPECT_STREQ("/run/vgate/vgated.sock", self->conf.daemon.control_socket);
}

TEST_F(conf, syntax_error_has_file_and_line)
{
	ASSERT_EQ(-1, load_text(self,
		"daemon = {\n"
		"  log-level = \"info\";\n"
		"  control-socket = ;\n"
		"};\n"));
	EXPECT_STREQ("vgated.conf:3: syntax error\n", self->errors);
}

TEST_F(conf, unknown_key)
{
	ASSERT_EQ(-1, load_text(self,
		"daemon = {\n"
		"  log-level = \"info\";\n"
		"  listen = \"0.0.0.0\";\n"
		"};\n"));
	EXPECT_STREQ("vgated.conf:3: unknown key \"listen\" in daemon\n",
		     self->errors);
}

TEST_F(conf, unknown_section)
{
	ASSERT_EQ(-1, load_text(self, "\ndeamon = { };\n"));
	EXPECT_STREQ("vgated.conf:2: unknown section \"deamon\"\n", self->errors);
}

TEST_F(conf, wrong_type)
{
	ASSERT_EQ(-1, load_text(self, "daemon = {\n  log-level = 7;\n};\n"));
	EXPECT_STREQ("vgated.conf:2: daemon.log-level must be a string\n",
		     self->errors);
}

TEST_F(conf, section_of_wrong_type)
{
	ASSERT_EQ(-1, load_text(self, "daemon = \"yes\";\n"));
	EXPECT_STREQ("vgated.conf:1: daemon must be a group\n", self->errors);
}

TEST_F(conf, bad_choice_lists_the_allowed_values)
{
	ASSERT_EQ(-1, load_text(self, "daemon = {\n  log-level = \"verbose\";\n};\n"));
	EXPECT_STREQ("vgated.conf:2: daemon.log-level: \"verbose\" is not one of: "
		     "error, warning, notice, info, debug\n", self->errors);
}

TEST_F(conf, relative_socket_path_is_rejected)
{
	ASSERT_EQ(-1, load_text(self,
		"daemon = {\n  control-socket = \"vgated.sock\";\n};\n"));
	EXPECT_STREQ("vgated.conf:2: daemon.control-socket: must be an absolute path\n",
		     self->errors);
}

TEST_F(conf, overlong_socket_path_is_rejected)
{
	char text[512];

	snprintf(text, sizeof(text), "daemon = {\n  control-socket = \"/%0120d\";\n};\n", 0);
	ASSERT_EQ(-1, load_text(self, text));
	EXPECT_STREQ("vgated.conf:2: daemon.control-socket: is longer than a Unix "
		     "socket path can be (107 bytes)\n", self->errors);
}

TEST_F(conf, duplicate_group_is_a_libconfig_error)
{
	ASSERT_EQ(-1, load_text(self, "daemon = { };\ndaemon = { };\n"));
	EXPECT_STREQ("vgated.conf:2: duplicate setting name\n", self->errors);
}

TEST_F(conf, every_semantic_error_is_reported)
{
	ASSERT_EQ(-1, load_text(self,
		"daemon = {\n"
		"  log-level = \"loud\";\n"
		"  colour = \"blue\";\n"
		"  control-socket = 1;\n"
		"};\n"
		"extra = 1;\n"));
	EXPECT_STREQ("vgated.conf:2: daemon.log-level: \"loud\" is not one of: "
		     "error, warning, notice, info, debug\n"
		     "vgated.conf:3: unknown key \"colour\" in daemon\n"
		     "vgated.conf:4: daemon.control-socket must be a string\n"
		     "vgated.conf:6: unknown section \"extra\"\n", self->errors);
}

TEST_F(conf, include_is_read)
{
	free(write_file(self->dir, "daemon.inc", "daemon = { log-level = \"info\"; };\n"));
	ASSERT_EQ(0, load_text(self, "@include \"daemon.inc\"\n"));
	EXPECT_EQ(LOG_LEVEL_INFO, self->conf.daemon.log_level);
}

TEST_F(conf, error_in_include_names_the_included_file)
{
	free(write_file(self->dir, "daemon.inc",
			"daemon = {\n\n  log-level = \"chatty\";\n};\n"));
	ASSERT_EQ(-1, load_text(self, "# main\n@include \"daemon.inc\"\n"));
	EXPECT_STREQ("daemon.inc:3: daemon.log-level: \"chatty\" is not one of: "
		     "error, warning, notice, info, debug\n", self->errors);
}

TEST_F(conf, syntax_error_in_include_names_the_included_file)
{
	free(write_file(self->dir, "daemon.inc", "daemon = {\n  log-level = ;\n};\n"));
	ASSERT_EQ(-1, load_text(self, "@include \"daemon.inc\"\n"));
	EXPECT_STREQ("daemon.inc:2: syntax error\n", self->errors);
}

TEST_F(conf, missing_include)
{
	ASSERT_EQ(-1, load_text(self, "\n@include \"absent.inc\"\n"));
	EXPECT_STREQ("vgated.conf:2: cannot open include file\n", self->errors);
}

TEST_F(conf, missing_file)
{
	char *path;

	ASSERT_LT(0, asprintf(&path, "%s/absent.conf", self->dir));
	ASSERT_EQ(-1, vgated_conf_load(path, &self->conf, &self->diags));
	self->errors = render_diags(&self->diags, self->dir);
	free(path);
	EXPECT_STREQ("absent.conf: cannot read: No such file or directory\n",
		     self->errors);
}

TEST_HARNESS_MAIN
