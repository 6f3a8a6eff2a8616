/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Configuration diagnostics: every problem found in a config file, with
 * the file (the main file or an @include'd one) and line it is on, so
 * they can all be reported at once as "FILE:LINE: message".
 */
#ifndef VGATE_CONFIG_DIAG_H
#define VGATE_CONFIG_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

struct cfg_diag {
	char *file;
	int line;		/* 0 when the problem is the file as a whole */
	char *message;
};

struct cfg_diags {
	struct cfg_diag *items;
	size_t count;
};

void cfg_diags_add(struct cfg_diags *diags, const char *file, int line,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void cfg_diags_vadd(struct cfg_diags *diags, const char *file, int line,
		    const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));

/* "FILE:LINE: message", or "FILE: message" when there is no line. */
int cfg_diag_format(const struct cfg_diag *diag, char *buf, size_t size);

void cfg_diags_print(const struct cfg_diags *diags, FILE *out);
void cfg_diags_free(struct cfg_diags *diags);

#endif
