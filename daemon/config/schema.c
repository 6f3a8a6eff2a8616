// SPDX-License-Identifier: GPL-2.0-or-later
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
#include "config/schema.h"

/* What the loader needs while walking one file. */
struct load_ctx {
	const char *path;	/* main file, for settings libconfig gives none */
	const char *include_dir;
	struct cfg_diags *diags;
};

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

static void report(const struct load_ctx *ctx, const config_setting_t *s,
		   const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void report(const struct load_ctx *ctx, const config_setting_t *s,
		   const char *fmt, ...)
{
	char file[PATH_MAX];
	va_list ap;

	va_start(ap, fmt);
	cfg_diags_vadd(ctx->diags,
		       resolve_file(ctx, config_setting_source_file(s), file,
				    sizeof(file)),
		       config_setting_source_line(s), fmt, ap);
	va_end(ap);
}

static void *field(void *object, size_t offset)
{
	return (char *)object + offset;
}

static const struct cfg_key *find_key(const struct cfg_key *keys,
				      const char *name)
{
	for (; keys->name; keys++)
		if (!strcmp(keys->name, name))
			return keys;
	return NULL;
}

static int choice_index(const char *const *choices, const char *word)
{
	for (int i = 0; choices[i]; i++)
		if (!strcmp(choices[i], word))
			return i;
	return -1;
}

static char *choice_list(const char *const *choices)
{
	size_t len = 1;
	char *out;

	for (int i = 0; choices[i]; i++)
		len += strlen(choices[i]) + 2;
	out = xcalloc(1, len);
	for (int i = 0; choices[i]; i++) {
		if (i)
			strcat(out, ", ");
		strcat(out, choices[i]);
	}
	return out;
}

/*
 * Checks TEXT against KEY and stores it in OBJECT.  Returns false, with
 * the reason in WHY, when TEXT is not an acceptable value.
 */
static bool store_value(const struct cfg_key *key, void *object,
			const char *text, char *why, size_t why_size)
{
	const char *problem;
	char *choices;
	char **str;
	int index;

	if (key->kind == CFG_VALUE_CHOICE) {
		index = choice_index(key->choices, text);
		if (index < 0) {
			choices = choice_list(key->choices);
			snprintf(why, why_size, "\"%s\" is not one of: %s",
				 text, choices);
			free(choices);
			return false;
		}
		*(int *)field(object, key->offset) = index;
		return true;
	}
	problem = key->check ? key->check(text) : NULL;
	if (problem) {
		snprintf(why, why_size, "%s", problem);
		return false;
	}
	str = field(object, key->offset);
	free(*str);
	*str = xstrdup(text);
	return true;
}

/* Defaults are part of the schema tables, so they are always valid. */
static void apply_defaults(const struct cfg_key *keys, void *object)
{
	char why[256];

	for (; keys->name; keys++)
		if (keys->default_value)
			store_value(keys, object, keys->default_value, why,
				    sizeof(why));
}

static void free_object(const struct cfg_key *keys, void *object)
{
	for (; keys->name; keys++)
		if (keys->kind == CFG_VALUE_STRING) {
			char **str = field(object, keys->offset);

			free(*str);
			*str = NULL;
		}
}

static void load_key(struct load_ctx *ctx, const char *where,
		     const struct cfg_key *key, const config_setting_t *s,
		     void *object)
{
	const char *text = config_setting_get_string(s);
	char why[512];

	if (!text)
		report(ctx, s, "%s.%s must be a string", where, key->name);
	else if (!store_value(key, object, text, why, sizeof(why)))
		report(ctx, s, "%s.%s: %s", where, key->name, why);
}

/* Loads every key of GROUP into OBJECT; WHERE names it in messages. */
static void load_group(struct load_ctx *ctx, const char *where,
		       const struct cfg_key *keys,
		       const config_setting_t *group, void *object)
{
	for (int i = 0; i < config_setting_length(group); i++) {
		const config_setting_t *s = config_setting_get_elem(group, i);
		const struct cfg_key *key = find_key(keys, config_setting_name(s));

		if (!key)
			report(ctx, s, "unknown key \"%s\" in %s",
			       config_setting_name(s), where);
		else
			load_key(ctx, where, key, s, object);
	}
}

static void load_object_list(struct load_ctx *ctx,
			     const struct cfg_section *sec,
			     const config_setting_t *list, void *root)
{
	struct cfg_object_list *objects = field(root, sec->offset);
	int n = config_setting_length(list);

	objects->items = xcalloc(n, sec->object_size);
	for (int i = 0; i < n; i++) {
		const config_setting_t *s = config_setting_get_elem(list, i);
		void *object = field(objects->items, i * sec->object_size);
		const config_setting_t *name_setting;
		const char *name;
		char where[256];

		objects->count++;
		apply_defaults(sec->keys, object);
		if (!config_setting_is_group(s)) {
			report(ctx, s, "%s entries must be groups", sec->name);
			continue;
		}
		name_setting = config_setting_get_member(s, CFG_OBJECT_NAME_KEY);
		name = name_setting ? config_setting_get_string(name_setting) : NULL;
		if (!name_setting) {
			report(ctx, s, "%s entry has no %s", sec->name,
			       CFG_OBJECT_NAME_KEY);
			snprintf(where, sizeof(where), "%s #%d", sec->name, i + 1);
		} else {
			snprintf(where, sizeof(where), "%s \"%s\"", sec->name,
				 name ? name : "?");
		}
		load_group(ctx, where, sec->keys, s, object);
		if (!name)
			continue;
		for (int j = 0; j < i; j++) {
			const config_setting_t *prev =
				config_setting_get_elem(list, j);
			const char *prev_name;

			if (!config_setting_is_group(prev) ||
			    !config_setting_lookup_string(prev, CFG_OBJECT_NAME_KEY,
							  &prev_name) ||
			    strcmp(prev_name, name))
				continue;
			char prev_file[PATH_MAX];

			report(ctx, name_setting,
			       "duplicate %s name \"%s\" (first defined at %s:%d)",
			       sec->name, name,
			       resolve_file(ctx, config_setting_source_file(prev),
					    prev_file, sizeof(prev_file)),
			       config_setting_source_line(prev));
			break;
		}
	}
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
			report(ctx, s, "unknown section \"%s\"",
			       config_setting_name(s));
		} else if (sec->kind == CFG_SECTION_GROUP) {
			if (config_setting_is_group(s))
				load_group(ctx, sec->name, sec->keys, s,
					   field(out, sec->offset));
			else
				report(ctx, s, "%s must be a group", sec->name);
		} else {
			if (config_setting_is_list(s))
				load_object_list(ctx, sec, s, out);
			else
				report(ctx, s, "%s must be a list of groups: ( { ... } )",
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
	     struct cfg_diags *diags)
{
	struct load_ctx ctx = { .path = path, .diags = diags };
	size_t before = diags->count;
	char *dir = xstrdup(path);
	config_t cfg;

	ctx.include_dir = dirname(dir);
	for (const struct cfg_section *sec = schema->sections; sec->name; sec++)
		if (sec->kind == CFG_SECTION_GROUP)
			apply_defaults(sec->keys, field(root, sec->offset));

	config_init(&cfg);
	/* @include paths are relative to the main file's directory. */
	config_set_include_dir(&cfg, ctx.include_dir);
	if (config_read_file(&cfg, path))
		load_root(&ctx, schema, config_root_setting(&cfg), root);
	else
		report_parse_error(&ctx, &cfg);
	config_destroy(&cfg);
	free(dir);
	return diags->count == before ? 0 : -1;
}

void cfg_release(const struct cfg_schema *schema, void *root)
{
	for (const struct cfg_section *sec = schema->sections; sec->name; sec++) {
		struct cfg_object_list *objects;

		if (sec->kind == CFG_SECTION_GROUP) {
			free_object(sec->keys, field(root, sec->offset));
			continue;
		}
		objects = field(root, sec->offset);
		for (size_t i = 0; i < objects->count; i++)
			free_object(sec->keys,
				    field(objects->items, i * sec->object_size));
		free(objects->items);
		objects->items = NULL;
		objects->count = 0;
	}
}
