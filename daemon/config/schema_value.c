// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Storing one key's value, per kind: type check, range or choice check,
 * the key's own check, then the C value at the key's offset.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "config/schema_internal.h"

static int choice_index(const char *const *choices, const char *word)
{
	for (int i = 0; choices[i]; i++)
		if (!strcmp(choices[i], word))
			return i;
	return -1;
}

static void report_choices(struct load_ctx *ctx, const config_setting_t *s,
			   const char *where, const struct cfg_key *key,
			   const char *text)
{
	char list[512] = "";

	for (int i = 0; key->choices[i]; i++) {
		if (i)
			strncat(list, ", ", sizeof(list) - strlen(list) - 1);
		strncat(list, key->choices[i], sizeof(list) - strlen(list) - 1);
	}
	cfg_report(ctx, s, "%s.%s: \"%s\" is not one of: %s", where, key->name,
		   text, list);
}

static void free_string(char *str, bool secret)
{
	if (str && secret)
		explicit_bzero(str, strlen(str));
	free(str);
}

/* A string that passed the key's check, or NULL after reporting why not. */
static char *checked_string(struct load_ctx *ctx, const char *where,
			    const struct cfg_key *key,
			    const config_setting_t *s)
{
	const char *text = config_setting_get_string(s);
	const char *problem;

	if (!text)
		return NULL;
	problem = key->check ? key->check(text) : NULL;
	if (problem) {
		cfg_report(ctx, s, "%s.%s: %s", where, key->name, problem);
		return NULL;
	}
	return xstrdup(text);
}

static bool is_int(const config_setting_t *s)
{
	int type = config_setting_type(s);

	return type == CONFIG_TYPE_INT || type == CONFIG_TYPE_INT64;
}

static bool checked_int(struct load_ctx *ctx, const char *where,
			const struct cfg_key *key, const config_setting_t *s,
			int64_t *out)
{
	int64_t v = config_setting_get_int64(s);

	if (v < key->min || v > key->max) {
		cfg_report(ctx, s, "%s.%s: %" PRId64 " is out of range %" PRId64
			   "..%" PRId64, where, key->name, v, key->min, key->max);
		return false;
	}
	*out = v;
	return true;
}

/* A scalar or a list/array of them: the elements to store. */
static int elements(const config_setting_t *s, const config_setting_t **first)
{
	if (config_setting_is_aggregate(s)) {
		*first = NULL;
		return config_setting_length(s);
	}
	*first = s;
	return 1;
}

static const config_setting_t *element(const config_setting_t *s,
				       const config_setting_t *scalar, int i)
{
	return scalar ? scalar : config_setting_get_elem(s, i);
}

static bool too_many(struct load_ctx *ctx, const char *where,
		     const struct cfg_key *key, const config_setting_t *s, int n)
{
	if (!key->max_items || (size_t)n <= key->max_items)
		return false;
	cfg_report(ctx, s, "%s.%s: more than %zu values", where, key->name,
		   key->max_items);
	return true;
}

static void load_strings(struct load_ctx *ctx, const char *where,
			 const struct cfg_key *key, const config_setting_t *s,
			 struct cfg_strings *out)
{
	const config_setting_t *scalar;
	int n = elements(s, &scalar);
	bool ok = !config_setting_is_group(s);

	for (int i = 0; ok && i < n; i++)
		ok = config_setting_type(element(s, scalar, i)) == CONFIG_TYPE_STRING;
	if (!ok) {
		cfg_report(ctx, s, "%s.%s must be a string or a list of strings",
			   where, key->name);
		return;
	}
	if (too_many(ctx, where, key, s, n))
		return;
	out->items = xcalloc(n ? n : 1, sizeof(*out->items));
	for (int i = 0; i < n; i++) {
		char *v = checked_string(ctx, where, key, element(s, scalar, i));

		if (v)
			out->items[out->count++] = v;
	}
}

static void load_ints(struct load_ctx *ctx, const char *where,
		      const struct cfg_key *key, const config_setting_t *s,
		      struct cfg_ints *out)
{
	const config_setting_t *scalar;
	int n = elements(s, &scalar);
	bool ok = !config_setting_is_group(s);

	for (int i = 0; ok && i < n; i++)
		ok = is_int(element(s, scalar, i));
	if (!ok) {
		cfg_report(ctx, s, "%s.%s must be a number or a list of numbers",
			   where, key->name);
		return;
	}
	if (too_many(ctx, where, key, s, n))
		return;
	out->items = xcalloc(n ? n : 1, sizeof(*out->items));
	for (int i = 0; i < n; i++)
		if (checked_int(ctx, where, key, element(s, scalar, i),
				&out->items[out->count]))
			out->count++;
}

static void load_objects(struct load_ctx *ctx, const char *where,
			 const struct cfg_key *key, const config_setting_t *s,
			 void *object)
{
	char what[320];

	if (!config_setting_is_list(s)) {
		cfg_report(ctx, s, "%s.%s must be a list of groups: ( { ... } )",
			   where, key->name);
		return;
	}
	snprintf(what, sizeof(what), "%s %s", where, key->name);
	cfg_load_objects(ctx, what, key->keys, key->object_size, key->max_items,
			 s, cfg_field(object, key->offset));
}

static void load_group(struct load_ctx *ctx, const char *where,
		       const struct cfg_key *key, const config_setting_t *s,
		       void *object)
{
	char what[320];

	if (!config_setting_is_group(s)) {
		cfg_report(ctx, s, "%s.%s must be a group: { ... }", where,
			   key->name);
		return;
	}
	snprintf(what, sizeof(what), "%s.%s", where, key->name);
	object = cfg_field(object, key->offset);
	cfg_note(ctx, object, NULL, s);
	cfg_load_group(ctx, what, key->keys, s, object);
}

static void load_scalar(struct load_ctx *ctx, const char *where,
			const struct cfg_key *key, const config_setting_t *s,
			void *object)
{
	void *value = cfg_field(object, key->offset);
	const char *text;
	char *str;
	int index;

	switch (key->kind) {
	case CFG_VALUE_STRING:
		if (config_setting_type(s) != CONFIG_TYPE_STRING)
			break;
		str = checked_string(ctx, where, key, s);
		if (str) {
			free_string(*(char **)value, key->secret);
			*(char **)value = str;
		}
		return;
	case CFG_VALUE_CHOICE:
		text = config_setting_get_string(s);
		if (!text)
			break;
		index = choice_index(key->choices, text);
		if (index < 0)
			report_choices(ctx, s, where, key, text);
		else
			*(int *)value = index;
		return;
	case CFG_VALUE_INT:
		if (!is_int(s)) {
			cfg_report(ctx, s, "%s.%s must be a number", where, key->name);
			return;
		}
		checked_int(ctx, where, key, s, value);
		return;
	case CFG_VALUE_BOOL:
		if (config_setting_type(s) != CONFIG_TYPE_BOOL) {
			cfg_report(ctx, s, "%s.%s must be true or false", where,
				   key->name);
			return;
		}
		*(bool *)value = config_setting_get_bool(s);
		return;
	default:
		return;
	}
	cfg_report(ctx, s, "%s.%s must be a string", where, key->name);
}

void cfg_load_value(struct load_ctx *ctx, const char *where,
		    const struct cfg_key *key, const config_setting_t *s,
		    void *object)
{
	switch (key->kind) {
	case CFG_VALUE_STRINGS:
		load_strings(ctx, where, key, s, cfg_field(object, key->offset));
		break;
	case CFG_VALUE_INTS:
		load_ints(ctx, where, key, s, cfg_field(object, key->offset));
		break;
	case CFG_VALUE_OBJECTS:
		load_objects(ctx, where, key, s, object);
		break;
	case CFG_VALUE_GROUP:
		load_group(ctx, where, key, s, object);
		break;
	default:
		load_scalar(ctx, where, key, s, object);
	}
}

/* Defaults are part of the schema tables, so they are always valid. */
void cfg_apply_defaults(const struct cfg_key *keys, void *object)
{
	for (; keys->name; keys++) {
		void *value = cfg_field(object, keys->offset);

		if (keys->kind == CFG_VALUE_GROUP)
			cfg_apply_defaults(keys->keys, value);
		if (!keys->default_value)
			continue;
		switch (keys->kind) {
		case CFG_VALUE_STRING:
			*(char **)value = xstrdup(keys->default_value);
			break;
		case CFG_VALUE_CHOICE:
			*(int *)value = choice_index(keys->choices,
						     keys->default_value);
			break;
		case CFG_VALUE_INT:
			*(int64_t *)value = strtoll(keys->default_value, NULL, 0);
			break;
		case CFG_VALUE_BOOL:
			*(bool *)value = !strcmp(keys->default_value, "true");
			break;
		default:	/* lists have no default: empty */
			break;
		}
	}
}

void cfg_free_object(const struct cfg_key *keys, void *object)
{
	for (; keys->name; keys++) {
		void *value = cfg_field(object, keys->offset);
		struct cfg_object_list *objects = value;
		struct cfg_strings *strings = value;
		struct cfg_ints *ints = value;

		switch (keys->kind) {
		case CFG_VALUE_STRING:
			free_string(*(char **)value, keys->secret);
			*(char **)value = NULL;
			break;
		case CFG_VALUE_STRINGS:
			for (size_t i = 0; i < strings->count; i++)
				free_string(strings->items[i], keys->secret);
			free(strings->items);
			memset(strings, 0, sizeof(*strings));
			break;
		case CFG_VALUE_INTS:
			free(ints->items);
			memset(ints, 0, sizeof(*ints));
			break;
		case CFG_VALUE_OBJECTS:
			for (size_t i = 0; i < objects->count; i++)
				cfg_free_object(keys->keys,
						cfg_field(objects->items,
							  i * keys->object_size));
			free(objects->items);
			memset(objects, 0, sizeof(*objects));
			break;
		case CFG_VALUE_GROUP:
			cfg_free_object(keys->keys, value);
			break;
		default:
			break;
		}
	}
}
