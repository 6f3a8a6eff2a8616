/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Schema-driven loader for libconfig files.
 *
 * A schema is a table of sections.  A section is either one group
 * ("daemon { ... }") or a list of named objects ("pool = ( { name = "a";
 * ... }, ... )", the FlexVPN object model: proposal, policy, profile...).
 * Each section has a table of allowed keys with their kind, default and
 * check; the loader stores parsed values straight into the caller's C
 * structs at the offsets the tables give.  Every problem is reported with
 * the file and line it is on, and loading continues so all of them are
 * reported in one go.
 */
#ifndef VGATE_CONFIG_SCHEMA_H
#define VGATE_CONFIG_SCHEMA_H

#include <stddef.h>

#include "config/diag.h"

/* Every object of a list section has this key, unique in its section. */
#define CFG_OBJECT_NAME_KEY "name"

enum cfg_value_kind {
	CFG_VALUE_STRING,	/* stored as char * (owned, freed by cfg_release) */
	CFG_VALUE_CHOICE,	/* one of key->choices, stored as int index */
};

struct cfg_key {
	const char *name;
	enum cfg_value_kind kind;
	size_t offset;			/* of the value inside the object */
	const char *default_value;	/* NULL: none (string stays NULL) */
	const char *const *choices;	/* CHOICE: NULL-terminated words */
	/* STRING: returns NULL when the value is acceptable, else why not. */
	const char *(*check)(const char *value);
};

enum cfg_section_kind {
	CFG_SECTION_GROUP,
	CFG_SECTION_OBJECT_LIST,
};

/* Where a list section's objects go: an array of object_size items. */
struct cfg_object_list {
	void *items;
	size_t count;
};

struct cfg_section {
	const char *name;
	enum cfg_section_kind kind;
	const struct cfg_key *keys;	/* ends with a key whose name is NULL */
	size_t offset;			/* of the object (GROUP) or of its
					 * struct cfg_object_list (LIST) */
	size_t object_size;		/* LIST only */
};

struct cfg_schema {
	const struct cfg_section *sections;	/* ends with a NULL name */
};

/*
 * Load PATH into ROOT (zeroed by the caller).  @include paths are taken
 * relative to PATH's directory.  Returns 0, or -1 with every problem in
 * DIAGS.  ROOT must be released with cfg_release() either way.
 */
int cfg_load(const struct cfg_schema *schema, const char *path, void *root,
	     struct cfg_diags *diags);

void cfg_release(const struct cfg_schema *schema, void *root);

#endif
