// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The loader's walk over a file: sections, groups and lists of named
 * objects.  Values are stored by schema_value.c.
 */
#include <errno.h>
#include <libconfig.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "config/schema_internal.h"

/*
 * libconfig names an included file as the @include line wrote it; make
 * it a path the reader can open (relative to the main file's directory).
 */
static const char *resolve_file(const struct load_ctx *ctx, const char *file,
				char *buf, size_t size)
{
	if (!file)
		return ctx->path;
	if (!strcmp(file, ctx->path) || file[0] == '/' ||
	    !strcmp(ctx->include_dir, "."))
		return file;
	snprintf(buf, size, "%s/%s", ctx->include_dir, file);
	return buf;
}

const char *cfg_setting_file(const struct load_ctx *ctx,
			     const config_setting_t *s, char *buf, size_t size)
{
	return resolve_file(ctx, config_setting_source_file(s), buf, size);
}

void cfg_report(const struct load_ctx *ctx, const config_setting_t *s,
		const char *fmt, ...)
{
	char file[PATH_MAX];
	va_list ap;

	va_start(ap, fmt);
	cfg_diags_vadd(ctx->diags, cfg_setting_file(ctx, s, file, sizeof(file)),
		       config_setting_source_line(s), fmt, ap);
	va_end(ap);
}

void cfg_note(const struct load_ctx *ctx, const void *object, const char *key,
	      const config_setting_t *s)
{
	char file[PATH_MAX];

	if (ctx->locs)
		cfg_locs_add(ctx->locs, object, key,
			     cfg_setting_file(ctx, s, file, sizeof(file)),
			     config_setting_source_line(s));
}

static const struct cfg_key *find_key(const struct cfg_key *keys,
				      const char *name)
{
	for (; keys->name; keys++)
		if (!strcmp(keys->name, name))
			return keys;
	return NULL;
}

void cfg_load_group(struct load_ctx *ctx, const char *where,
		    const struct cfg_key *keys, const config_setting_t *group,
		    void *object)
{
	for (int i = 0; i < config_setting_length(group); i++) {
		const config_setting_t *s = config_setting_get_elem(group, i);
		const struct cfg_key *key = find_key(keys, config_setting_name(s));

		if (!key) {
			cfg_report(ctx, s, "unknown key \"%s\" in %s",
				   config_setting_name(s), where);
			continue;
		}
		cfg_note(ctx, object, key->name, s);
		cfg_load_value(ctx, where, key, s, object);
	}
}

struct named {
	const char *name;
	int index;
};

static int by_name_then_index(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int d = strcmp(x->name, y->name);

	return d ? d : x->index - y->index;
}

/*
 * Reports every object of LIST (N groups) whose name an earlier one has,
 * in config order.  Sorted, not pairwise: keyrings may have thousands of
 * peers.
 */
static void check_unique_names(struct load_ctx *ctx, const char *what,
			       const config_setting_t *list, int n)
{
	struct named *v = xcalloc(n ? n : 1, sizeof(*v));
	int *first = xcalloc(n ? n : 1, sizeof(*first));
	int m = 0;

	for (int i = 0; i < n; i++) {
		const config_setting_t *s = config_setting_get_elem(list, i);

		first[i] = -1;
		if (config_setting_is_group(s) &&
		    config_setting_lookup_string(s, CFG_OBJECT_NAME_KEY, &v[m].name))
			v[m++].index = i;
	}
	qsort(v, m, sizeof(*v), by_name_then_index);
	for (int k = 1, run = 0; k < m; k++) {
		if (strcmp(v[k].name, v[run].name))
			run = k;
		else
			first[v[k].index] = v[run].index;
	}
	for (int i = 0; i < n; i++) {
		const config_setting_t *name, *prev;
		char prev_file[PATH_MAX];

		if (first[i] < 0)
			continue;
		name = config_setting_get_member(config_setting_get_elem(list, i),
						 CFG_OBJECT_NAME_KEY);
		prev = config_setting_get_elem(list, first[i]);
		cfg_report(ctx, name, "duplicate %s name \"%s\" (first defined at %s:%d)",
			   what, config_setting_get_string(name),
			   cfg_setting_file(ctx, prev, prev_file, sizeof(prev_file)),
			   config_setting_source_line(prev));
	}
	free(first);
	free(v);
}

void cfg_load_objects(struct load_ctx *ctx, const char *what,
		      const struct cfg_key *keys, size_t object_size,
		      size_t max_items, const config_setting_t *list,
		      struct cfg_object_list *objects)
{
	int n = config_setting_length(list);

	if (max_items && (size_t)n > max_items) {
		cfg_report(ctx, list, "%s: more than %zu entries", what, max_items);
		n = max_items;
	}
	objects->items = xcalloc(n ? n : 1, object_size);
	for (int i = 0; i < n; i++) {
		const config_setting_t *s = config_setting_get_elem(list, i);
		void *object = cfg_field(objects->items, i * object_size);
		const config_setting_t *name_setting;
		const char *name;
		char where[256];

		objects->count++;
		cfg_apply_defaults(keys, object);
		cfg_note(ctx, object, NULL, s);
		if (!config_setting_is_group(s)) {
			cfg_report(ctx, s, "%s entries must be groups", what);
			continue;
		}
		name_setting = config_setting_get_member(s, CFG_OBJECT_NAME_KEY);
		name = name_setting ? config_setting_get_string(name_setting) : NULL;
		if (!name_setting) {
			cfg_report(ctx, s, "%s entry has no %s", what,
				   CFG_OBJECT_NAME_KEY);
			snprintf(where, sizeof(where), "%s #%d", what, i + 1);
		} else {
			snprintf(where, sizeof(where), "%s \"%s\"", what,
				 name ? name : "?");
		}
		cfg_load_group(ctx, where, keys, s, object);
	}
	check_unique_names(ctx, what, list, n);
}

static const struct cfg_section *find_section(const struct cfg_schema *schema,
					      const char *name)
{
	for (const struct cfg_section *sec = schema->sections; sec->name; sec++)
		if (!strcmp(sec->name, name))
			return sec;
	return NULL;
}

static void load_root(struct load_ctx *ctx, const struct cfg_schema *schema,
		      const config_setting_t *root, void *out)
{
	for (int i = 0; i < config_setting_length(root); i++) {
		const config_setting_t *s = config_setting_get_elem(root, i);
		const struct cfg_section *sec =
			find_section(schema, config_setting_name(s));

		if (!sec) {
			cfg_report(ctx, s, "unknown section \"%s\"",
				   config_setting_name(s));
		} else if (sec->kind == CFG_SECTION_GROUP) {
			if (config_setting_is_group(s)) {
				cfg_note(ctx, cfg_field(out, sec->offset), NULL, s);
				cfg_load_group(ctx, sec->name, sec->keys, s,
					       cfg_field(out, sec->offset));
			} else {
				cfg_report(ctx, s, "%s must be a group", sec->name);
			}
		} else if (config_setting_is_list(s)) {
			cfg_load_objects(ctx, sec->name, sec->keys,
					 sec->object_size, 0, s,
					 cfg_field(out, sec->offset));
		} else {
			cfg_report(ctx, s, "%s must be a list of groups: ( { ... } )",
				   sec->name);
		}
	}
}

static void report_parse_error(const struct load_ctx *ctx, const config_t *cfg)
{
	const char *file = config_error_file(cfg);
	char buf[PATH_MAX];

	if (config_error_type(cfg) == CONFIG_ERR_FILE_IO && !file)
		cfg_diags_add(ctx->diags, ctx->path, 0, "cannot read: %s",
			      strerror(errno));
	else
		cfg_diags_add(ctx->diags, resolve_file(ctx, file, buf, sizeof(buf)),
			      config_error_line(cfg), "%s",
			      config_error_text(cfg));
}

int cfg_load(const struct cfg_schema *schema, const char *path, void *root,
	     struct cfg_diags *diags, struct cfg_locs *locs)
{
	struct load_ctx ctx = { .path = path, .diags = diags, .locs = locs };
	size_t before = cfg_diags_errors(diags);
	char *dir = xstrdup(path);
	config_t cfg;

	ctx.include_dir = dirname(dir);
	for (const struct cfg_section *sec = schema->sections; sec->name; sec++)
		if (sec->kind == CFG_SECTION_GROUP)
			cfg_apply_defaults(sec->keys, cfg_field(root, sec->offset));

	config_init(&cfg);
	/* @include paths are relative to the main file's directory. */
	config_set_include_dir(&cfg, ctx.include_dir);
	if (config_read_file(&cfg, path))
		load_root(&ctx, schema, config_root_setting(&cfg), root);
	else
		report_parse_error(&ctx, &cfg);
	config_destroy(&cfg);
	free(dir);
	return cfg_diags_errors(diags) == before ? 0 : -1;
}

void cfg_release(const struct cfg_schema *schema, void *root)
{
	for (const struct cfg_section *sec = schema->sections; sec->name; sec++) {
		struct cfg_object_list *objects;

		if (sec->kind == CFG_SECTION_GROUP) {
			cfg_free_object(sec->keys, cfg_field(root, sec->offset));
			continue;
		}
		objects = cfg_field(root, sec->offset);
		for (size_t i = 0; i < objects->count; i++)
			cfg_free_object(sec->keys, cfg_field(objects->items,
							     i * sec->object_size));
		free(objects->items);
		objects->items = NULL;
		objects->count = 0;
	}
}
