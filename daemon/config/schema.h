/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Schema-driven loader for libconfig files.
 *
 * A schema is a table of sections.  A section is either one group
 * ("daemon { ... }") or a list of named objects ("pool = ( { name = "a";
 * ... }, ... )", the FlexVPN object model: proposal, policy, profile...).
 * Each section has a table of allowed keys with their kind, default and
 * check; the loader stores parsed values straight into the caller's C
 * structs at the offsets the tables give.  A key may itself hold a list
 * of named objects (a keyring's peers).  Every problem is reported with
 * the file and line it is on, and loading continues so all of them are
 * reported in one go.  Where each object and key was written is kept in
 * a struct cfg_locs, so checks made after loading can name the line too.
 */
#ifndef VGATE_CONFIG_SCHEMA_H
#define VGATE_CONFIG_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config/diag.h"
#include "config/locs.h"

/* Every object of a list section has this key, unique in its section. */
#define CFG_OBJECT_NAME_KEY "name"

enum cfg_value_kind {
	CFG_VALUE_STRING,	/* char * (owned, freed by cfg_release) */
	CFG_VALUE_CHOICE,	/* one of key->choices, stored as int index */
	CFG_VALUE_INT,		/* int64_t within [min, max] */
	CFG_VALUE_BOOL,		/* bool */
	CFG_VALUE_STRINGS,	/* struct cfg_strings: [ "a", "b" ] or "a" */
	CFG_VALUE_INTS,		/* struct cfg_ints: [ 1, 2 ] or 1 */
	CFG_VALUE_OBJECTS,	/* struct cfg_object_list: ( { name = ...; } ) */
	CFG_VALUE_GROUP,	/* { key = ...; }: keys->keys into a struct at
				 * offset (a profile's eap = { ... }) */
};

struct cfg_strings {
	char **items;
	size_t count;
};

struct cfg_ints {
	int64_t *items;
	size_t count;
};

/* Where a list's objects go: an array of object_size items. */
struct cfg_object_list {
	void *items;
	size_t count;
};

struct cfg_key {
	const char *name;
	enum cfg_value_kind kind;
	size_t offset;			/* of the value inside the object */
	/* As it would be written in the file: "5", "true", "notice".
	 * NULL: none (string stays NULL, numbers 0). */
	const char *default_value;
	const char *const *choices;	/* CHOICE: NULL-terminated words */
	/* STRING(S): returns NULL when the value is acceptable, else why not. */
	const char *(*check)(const char *value);
	int64_t min, max;		/* INT(S): inclusive range */
	size_t max_items;		/* STRINGS/INTS/OBJECTS: 0 = no limit */
	bool secret;			/* STRING: wiped before it is freed */
	/* OBJECTS: the nested objects' keys and size; GROUP: its keys. */
	const struct cfg_key *keys;
	size_t object_size;
};

enum cfg_section_kind {
	CFG_SECTION_GROUP,
	CFG_SECTION_OBJECT_LIST,
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
 * DIAGS.  LOCS (may be NULL) receives where each object and key was
 * written.  ROOT must be released with cfg_release() either way.
 */
int cfg_load(const struct cfg_schema *schema, const char *path, void *root,
	     struct cfg_diags *diags, struct cfg_locs *locs);

void cfg_release(const struct cfg_schema *schema, void *root);

#endif
