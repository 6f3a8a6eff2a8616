// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The schema engine with a test schema shaped like the FlexVPN objects
 * to come: a group section and a list of named objects, so object
 * lists, per-object defaults and duplicate names are covered before the
 * real sections use them.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include "conf_files.h"
#include "leak_check.h"
#include "config/schema.h"

static const char *const families[] = { "ipv4", "ipv6", NULL };

static const char *check_not_empty(const char *value)
{
	return value[0] ? NULL : "must not be empty";
}

struct test_pool {
	char *name;
	int family;
	char *range;
};

struct test_global {
	char *domain;
};

struct test_root {
	struct test_global global;
	struct cfg_object_list pools;
};

static const struct cfg_key global_keys[] = {
	{ .name = "domain", .kind = CFG_VALUE_STRING,
	  .offset = offsetof(struct test_global, domain),
	  .default_value = "example.net", .check = check_not_empty },
	{ 0 }
};

static const struct cfg_key pool_keys[] = {
	{ .name = "name", .kind = CFG_VALUE_STRING,
	  .offset = offsetof(struct test_pool, name) },
	{ .name = "family", .kind = CFG_VALUE_CHOICE,
	  .offset = offsetof(struct test_pool, family),
	  .default_value = "ipv4", .choices = families },
	{ .name = "range", .kind = CFG_VALUE_STRING,
	  .offset = offsetof(struct test_pool, range), .check = check_not_empty },
	{ 0 }
};

static const struct cfg_section sections[] = {
	{ .name = "global", .kind = CFG_SECTION_GROUP, .keys = global_keys,
	  .offset = offsetof(struct test_root, global) },
	{ .name = "pool", .kind = CFG_SECTION_OBJECT_LIST, .keys = pool_keys,
	  .offset = offsetof(struct test_root, pools),
	  .object_size = sizeof(struct test_pool) },
	{ 0 }
};

static const struct cfg_schema schema = { .sections = sections };

FIXTURE(schema)
{
	char *dir;
	struct test_root root;
	struct cfg_diags diags;
	char *errors;
};

FIXTURE_SETUP(schema)
{
	self->dir = scratch_dir();
	memset(&self->root, 0, sizeof(self->root));
	memset(&self->diags, 0, sizeof(self->diags));
	self->errors = NULL;
}

FIXTURE_TEARDOWN(schema)
{
	cfg_release(&schema, &self->root);
	cfg_diags_free(&self->diags);
	free(self->errors);
	scratch_dir_remove(self->dir);
	EXPECT_EQ(0, leaks_found());
}

static int load_text(FIXTURE_DATA(schema) *self, const char *text)
{
	char *path = write_file(self->dir, "test.conf", text);
	int ret = cfg_load(&schema, path, &self->root, &self->diags, NULL);

	self->errors = render_diags(&self->diags, self->dir);
	free(path);
	return ret;
}

static const struct test_pool *pool(FIXTURE_DATA(schema) *self, size_t i)
{
	return &((const struct test_pool *)self->root.pools.items)[i];
}

TEST_F(schema, objects_are_loaded_in_order_with_defaults)
{
	ASSERT_EQ(0, load_text(self,
		"pool = (\n"
		"  { name = \"a\"; range = \"10.0.0.0/24\"; },\n"
		"  { name = \"b\"; family = \"ipv6\"; range = \"2001:db8::/64\"; }\n"
		");\n"));
	EXPECT_STREQ("", self->errors);
	ASSERT_EQ(2, self->root.pools.count);
	EXPECT_STREQ("a", pool(self, 0)->name);
	EXPECT_EQ(0, pool(self, 0)->family);
	EXPECT_STREQ("10.0.0.0/24", pool(self, 0)->range);
	EXPECT_STREQ("b", pool(self, 1)->name);
	EXPECT_EQ(1, pool(self, 1)->family);
	EXPECT_STREQ("example.net", self->root.global.domain);
}

TEST_F(schema, duplicate_object_names_point_at_the_first)
{
	ASSERT_EQ(-1, load_text(self,
		"pool = (\n"
		"  { name = \"a\"; },\n"
		"  { name = \"b\"; },\n"
		"  {\n"
		"    name = \"a\";\n"
		"  }\n"
		");\n"));
	EXPECT_STREQ("test.conf:5: duplicate pool name \"a\" (first defined at "
		     "test.conf:2)\n", self->errors);
}

TEST_F(schema, object_without_name)
{
	ASSERT_EQ(-1, load_text(self, "pool = (\n  { range = \"x\"; }\n);\n"));
	EXPECT_STREQ("test.conf:2: pool entry has no name\n", self->errors);
}

TEST_F(schema, errors_inside_objects_name_the_object)
{
	ASSERT_EQ(-1, load_text(self,
		"pool = ( { name = \"a\";\n"
		"  family = \"ipx\";\n"
		"  range = \"\";\n"
		"  size = \"3\"; } );\n"));
	EXPECT_STREQ("test.conf:2: pool \"a\".family: \"ipx\" is not one of: ipv4, ipv6\n"
		     "test.conf:3: pool \"a\".range: must not be empty\n"
		     "test.conf:4: unknown key \"size\" in pool \"a\"\n", self->errors);
}

TEST_F(schema, list_section_must_be_a_list)
{
	ASSERT_EQ(-1, load_text(self, "pool = { name = \"a\"; };\n"));
	EXPECT_STREQ("test.conf:1: pool must be a list of groups: ( { ... } )\n",
		     self->errors);
}

TEST_F(schema, list_entries_must_be_groups)
{
	ASSERT_EQ(-1, load_text(self, "pool = ( \"a\" );\n"));
	EXPECT_STREQ("test.conf:1: pool entries must be groups\n", self->errors);
}

TEST_F(schema, group_check_function_runs)
{
	ASSERT_EQ(-1, load_text(self, "global = {\n  domain = \"\";\n};\n"));
	EXPECT_STREQ("test.conf:2: global.domain: must not be empty\n", self->errors);
}

TEST_F(schema, duplicate_across_include_names_both_files)
{
	free(write_file(self->dir, "pools.inc", "{ name = \"a\"; },\n"));
	ASSERT_EQ(-1, load_text(self,
		"pool = (\n"
		"@include \"pools.inc\"\n"
		"  { name = \"a\"; }\n"
		");\n"));
	EXPECT_STREQ("test.conf:3: duplicate pool name \"a\" (first defined at "
		     "pools.inc:1)\n", self->errors);
}

TEST_HARNESS_MAIN
