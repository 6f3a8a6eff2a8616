// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The schema engine with a test schema shaped like the FlexVPN objects:
 * a group section and a list of named objects with every kind of value
 * (numbers with ranges, booleans, lists, objects inside an object), so
 * the engine is covered apart from the real sections.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
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

struct test_member {
	char *name;
	char *secret;
};

struct test_pool {
	char *name;
	int family;
	char *range;
	int64_t size;
	bool shared;
	struct cfg_strings dns;
	struct cfg_ints ports;
	struct cfg_object_list members;
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

static const struct cfg_key member_keys[] = {
	{ .name = "name", .kind = CFG_VALUE_STRING,
	  .offset = offsetof(struct test_member, name) },
	{ .name = "secret", .kind = CFG_VALUE_STRING, .secret = true,
	  .offset = offsetof(struct test_member, secret) },
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
	{ .name = "size", .kind = CFG_VALUE_INT, .default_value = "256",
	  .min = 1, .max = 65536, .offset = offsetof(struct test_pool, size) },
	{ .name = "shared", .kind = CFG_VALUE_BOOL, .default_value = "true",
	  .offset = offsetof(struct test_pool, shared) },
	{ .name = "dns", .kind = CFG_VALUE_STRINGS, .max_items = 2,
	  .check = check_not_empty, .offset = offsetof(struct test_pool, dns) },
	{ .name = "ports", .kind = CFG_VALUE_INTS, .min = 1, .max = 65535,
	  .offset = offsetof(struct test_pool, ports) },
	{ .name = "member", .kind = CFG_VALUE_OBJECTS, .keys = member_keys,
	  .object_size = sizeof(struct test_member), .max_items = 3,
	  .offset = offsetof(struct test_pool, members) },
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
	struct cfg_locs locs;
	char *errors;
};

FIXTURE_SETUP(schema)
{
	self->dir = scratch_dir();
	memset(&self->root, 0, sizeof(self->root));
	memset(&self->diags, 0, sizeof(self->diags));
	memset(&self->locs, 0, sizeof(self->locs));
	self->errors = NULL;
}

FIXTURE_TEARDOWN(schema)
{
	cfg_release(&schema, &self->root);
	cfg_diags_free(&self->diags);
	cfg_locs_free(&self->locs);
	free(self->errors);
	scratch_dir_remove(self->dir);
	EXPECT_EQ(0, leaks_found());
}

static int load_text(FIXTURE_DATA(schema) *self, const char *text)
{
	char *path = write_file(self->dir, "test.conf", text);
	int ret = cfg_load(&schema, path, &self->root, &self->diags,
			   &self->locs);

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
		"  colour = \"3\"; } );\n"));
	EXPECT_STREQ("test.conf:2: pool \"a\".family: \"ipx\" is not one of: ipv4, ipv6\n"
		     "test.conf:3: pool \"a\".range: must not be empty\n"
		     "test.conf:4: unknown key \"colour\" in pool \"a\"\n", self->errors);
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

TEST_F(schema, numbers_booleans_and_lists)
{
	ASSERT_EQ(0, load_text(self,
		"pool = ( { name = \"a\"; size = 1024; shared = false;\n"
		"  dns = [ \"192.0.2.53\", \"192.0.2.54\" ]; ports = [ 500, 4500 ]; },\n"
		"  { name = \"b\"; dns = \"192.0.2.1\"; ports = 53; } );\n"));
	EXPECT_STREQ("", self->errors);
	EXPECT_EQ(1024, pool(self, 0)->size);
	EXPECT_FALSE(pool(self, 0)->shared);
	ASSERT_EQ(2, pool(self, 0)->dns.count);
	EXPECT_STREQ("192.0.2.54", pool(self, 0)->dns.items[1]);
	ASSERT_EQ(2, pool(self, 0)->ports.count);
	EXPECT_EQ(4500, pool(self, 0)->ports.items[1]);
	/* a single value stands for a list of one */
	ASSERT_EQ(1, pool(self, 1)->dns.count);
	EXPECT_STREQ("192.0.2.1", pool(self, 1)->dns.items[0]);
	ASSERT_EQ(1, pool(self, 1)->ports.count);
	EXPECT_EQ(53, pool(self, 1)->ports.items[0]);
	/* defaults */
	EXPECT_EQ(256, pool(self, 1)->size);
	EXPECT_TRUE(pool(self, 1)->shared);
}

TEST_F(schema, bad_numbers_booleans_and_lists)
{
	ASSERT_EQ(-1, load_text(self,
		"pool = ( { name = \"a\";\n"
		"  size = 0;\n"
		"  shared = \"yes\";\n"
		"  dns = [ \"x\", \"y\", \"z\" ];\n"
		"  ports = [ 500, 70000 ];\n"
		"  range = 3;\n"
		"  member = { name = \"m\"; };\n"
		"}, { name = \"b\";\n"
		"  size = \"big\";\n"
		"  dns = ( \"x\", 1 );\n"
		"  ports = [ \"http\" ];\n"
		"} );\n"));
	EXPECT_STREQ(
		"test.conf:2: pool \"a\".size: 0 is out of range 1..65536\n"
		"test.conf:3: pool \"a\".shared must be true or false\n"
		"test.conf:4: pool \"a\".dns: more than 2 values\n"
		"test.conf:5: pool \"a\".ports: 70000 is out of range 1..65535\n"
		"test.conf:6: pool \"a\".range must be a string\n"
		"test.conf:7: pool \"a\".member must be a list of groups: ( { ... } )\n"
		"test.conf:9: pool \"b\".size must be a number\n"
		"test.conf:10: pool \"b\".dns must be a string or a list of strings\n"
		"test.conf:11: pool \"b\".ports must be a number or a list of numbers\n",
		self->errors);
}

TEST_F(schema, list_values_are_checked_one_by_one)
{
	ASSERT_EQ(-1, load_text(self,
		"pool = ( { name = \"a\"; dns = [ \"x\", \"\" ]; } );\n"));
	EXPECT_STREQ("test.conf:1: pool \"a\".dns: must not be empty\n", self->errors);
	ASSERT_EQ(1, pool(self, 0)->dns.count);
}

TEST_F(schema, objects_inside_an_object)
{
	const struct test_member *m;

	ASSERT_EQ(0, load_text(self,
		"pool = ( { name = \"a\";\n"
		"  member = ( { name = \"m1\"; secret = \"s1\"; },\n"
		"             { name = \"m2\"; } );\n"
		"} );\n"));
	EXPECT_STREQ("", self->errors);
	ASSERT_EQ(2, pool(self, 0)->members.count);
	m = pool(self, 0)->members.items;
	EXPECT_STREQ("m1", m[0].name);
	EXPECT_STREQ("s1", m[0].secret);
	EXPECT_STREQ("m2", m[1].name);
	EXPECT_EQ(NULL, m[1].secret);
}

TEST_F(schema, errors_inside_nested_objects_name_both)
{
	ASSERT_EQ(-1, load_text(self,
		"pool = ( { name = \"a\";\n"
		"  member = ( { name = \"m1\"; },\n"
		"             { name = \"m1\";\n"
		"               colour = \"red\"; },\n"
		"             { secret = \"x\"; },\n"
		"             { name = \"m4\"; } );\n"
		"} );\n"));
	EXPECT_STREQ(
		"test.conf:2: pool \"a\" member: more than 3 entries\n"
		"test.conf:4: unknown key \"colour\" in pool \"a\" member \"m1\"\n"
		"test.conf:5: pool \"a\" member entry has no name\n"
		"test.conf:3: duplicate pool \"a\" member name \"m1\" (first defined at test.conf:2)\n",
		self->errors);
}

TEST_F(schema, locations_of_objects_and_keys_are_kept)
{
	const struct cfg_loc *loc;

	ASSERT_EQ(0, load_text(self,
		"global = { domain = \"x\"; };\n"
		"pool = (\n"
		"  { name = \"a\";\n"
		"    range = \"r\"; } );\n"));
	loc = cfg_locs_find(&self->locs, pool(self, 0), NULL);
	ASSERT_NE(NULL, loc);
	EXPECT_EQ(3, loc->line);
	loc = cfg_locs_find(&self->locs, pool(self, 0), "range");
	ASSERT_NE(NULL, loc);
	EXPECT_EQ(4, loc->line);
	EXPECT_NE(NULL, strstr(loc->file, "test.conf"));
	EXPECT_EQ(NULL, cfg_locs_find(&self->locs, pool(self, 0), "family"));
	loc = cfg_locs_find(&self->locs, &self->root.global, "domain");
	ASSERT_NE(NULL, loc);
	EXPECT_EQ(1, loc->line);
}

TEST_HARNESS_MAIN
