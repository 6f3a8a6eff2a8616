/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Helpers for the config unit tests: write config text into a scratch
 * directory and render diagnostics as the "FILE:LINE: message" lines
 * vgated prints, so tests compare exactly what an operator would see.
 */
#ifndef VGATE_TEST_CONF_FILES_H
#define VGATE_TEST_CONF_FILES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/diag.h"

/* Creates a scratch directory; returns its path (malloc'ed). */
static inline char *scratch_dir(void)
{
	char *dir = strdup("/tmp/vgate-unit.XXXXXX");

	if (!dir || !mkdtemp(dir)) {
		perror("mkdtemp");
		exit(1);
	}
	return dir;
}

static inline void scratch_dir_remove(char *dir)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "# could not remove %s\n", dir);
	free(dir);
}

/* Writes TEXT to DIR/NAME; returns the full path (malloc'ed). */
static inline char *write_file(const char *dir, const char *name,
			       const char *text)
{
	char *path;
	FILE *f;

	if (asprintf(&path, "%s/%s", dir, name) < 0)
		exit(1);
	f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
	return path;
}

/* Every diagnostic, one "FILE:LINE: message\n" each, with "DIR/" cut out. */
static inline char *render_diags(const struct cfg_diags *diags, const char *dir)
{
	size_t dir_len = strlen(dir);
	char *out = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&out, &size);
	char line[1024];

	for (size_t i = 0; i < diags->count; i++) {
		cfg_diag_format(&diags->items[i], line, sizeof(line));
		for (const char *p = line; *p; p++) {
			if (!strncmp(p, dir, dir_len) && p[dir_len] == '/')
				p += dir_len + 1;
			fputc(*p, f);
		}
		fputc('\n', f);
	}
	fclose(f);
	return out;
}

#endif
