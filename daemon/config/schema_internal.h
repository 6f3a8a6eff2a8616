/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shared by the schema loader's two halves: schema.c walks sections and
 * objects, schema_value.c stores one key's value of each kind.
 */
#ifndef VGATE_CONFIG_SCHEMA_INTERNAL_H
#define VGATE_CONFIG_SCHEMA_INTERNAL_H

#include <libconfig.h>

#include "config/schema.h"

/* What the loader needs while walking one file. */
struct load_ctx {
	const char *path;	/* main file, for settings libconfig gives none */
	const char *include_dir;
	struct cfg_diags *diags;
	struct cfg_locs *locs;	/* NULL: the caller does not want them */
};

static inline void *cfg_field(void *object, size_t offset)
{
	return (char *)object + offset;
}

/* The file S was read from, as a path the reader can open. */
const char *cfg_setting_file(const struct load_ctx *ctx,
			     const config_setting_t *s, char *buf, size_t size);

void cfg_report(const struct load_ctx *ctx, const config_setting_t *s,
		const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Records that OBJECT's KEY (NULL: OBJECT itself) was written at S. */
void cfg_note(const struct load_ctx *ctx, const void *object, const char *key,
	      const config_setting_t *s);

/* schema_value.c */
void cfg_load_value(struct load_ctx *ctx, const char *where,
		    const struct cfg_key *key, const config_setting_t *s,
		    void *object);
void cfg_apply_defaults(const struct cfg_key *keys, void *object);
void cfg_free_object(const struct cfg_key *keys, void *object);

/* schema.c: every key of GROUP into OBJECT; WHERE names it in messages. */
void cfg_load_group(struct load_ctx *ctx, const char *where,
		    const struct cfg_key *keys, const config_setting_t *group,
		    void *object);

/* schema.c: a list of named groups; WHAT names it in messages. */
void cfg_load_objects(struct load_ctx *ctx, const char *what,
		      const struct cfg_key *keys, size_t object_size,
		      size_t max_items, const config_setting_t *list,
		      struct cfg_object_list *objects);

#endif
