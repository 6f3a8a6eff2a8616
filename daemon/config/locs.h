/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Where each loaded object and key was written (file and line), kept
 * after libconfig's own tree is gone, so that checks across objects
 * (references, duplicates) can point at the right line.
 */
#ifndef VGATE_CONFIG_LOCS_H
#define VGATE_CONFIG_LOCS_H

#include <stddef.h>

struct cfg_loc {
	const char *file;	/* owned by the struct cfg_locs */
	int line;
};

struct cfg_loc_entry {
	const void *object;
	const char *key;	/* the schema's key name; NULL: the object */
	struct cfg_loc loc;
};

struct cfg_locs {
	struct cfg_loc_entry *items;
	size_t count, capacity;
	char **files;		/* each file name once */
	size_t n_files;
};

void cfg_locs_add(struct cfg_locs *locs, const void *object, const char *key,
		  const char *file, int line);

/* Where OBJECT's KEY (or, KEY NULL, OBJECT) was written; NULL: not in the file. */
const struct cfg_loc *cfg_locs_find(const struct cfg_locs *locs,
				    const void *object, const char *key);

void cfg_locs_free(struct cfg_locs *locs);

#endif
