// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "config/locs.h"

/* Files are few (the main file and its includes): a list is enough. */
static const char *intern_file(struct cfg_locs *locs, const char *file)
{
	for (size_t i = 0; i < locs->n_files; i++)
		if (!strcmp(locs->files[i], file))
			return locs->files[i];
	locs->files = xreallocarray(locs->files, locs->n_files + 1,
				    sizeof(*locs->files));
	locs->files[locs->n_files] = xstrdup(file);
	return locs->files[locs->n_files++];
}

void cfg_locs_add(struct cfg_locs *locs, const void *object, const char *key,
		  const char *file, int line)
{
	struct cfg_loc_entry *e;

	if (locs->count == locs->capacity) {
		locs->capacity = locs->capacity ? 2 * locs->capacity : 64;
		locs->items = xreallocarray(locs->items, locs->capacity,
					    sizeof(*locs->items));
	}
	e = &locs->items[locs->count++];
	e->object = object;
	e->key = key;
	e->loc.file = intern_file(locs, file);
	e->loc.line = line;
}

const struct cfg_loc *cfg_locs_find(const struct cfg_locs *locs,
				    const void *object, const char *key)
{
	if (!locs)
		return NULL;
	for (size_t i = 0; i < locs->count; i++) {
		const struct cfg_loc_entry *e = &locs->items[i];

		if (e->object != object)
			continue;
		if (key ? (e->key && !strcmp(e->key, key)) : !e->key)
			return &e->loc;
	}
	return NULL;
}

void cfg_locs_free(struct cfg_locs *locs)
{
	for (size_t i = 0; i < locs->n_files; i++)
		free(locs->files[i]);
	free(locs->files);
	free(locs->items);
	memset(locs, 0, sizeof(*locs));
}
