/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Configuration diagnostics: every problem found in a config file, with
 * the file (the main file or an @include'd one) and line it is on, so
 * they can all be reported at once as "FILE:LINE: message".  Warnings
 * (accepted but worth a look, e.g. a legacy transform) are kept in the
 * same list, marked, and printed as "FILE:LINE: warning: message".
 */
#ifndef VGATE_CONFIG_DIAG_H
#define VGATE_CONFIG_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct cfg_diag {
	char *file;
	int line;		/* 0 when the problem is the file as a whole */
	char *message;
	bool warning;		/* does not make the load fail */
};

struct cfg_diags {
	struct cfg_diag *items;
	size_t count;
};

void cfg_diags_add(struct cfg_diags *diags, const char *file, int line,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void cfg_diags_vadd(struct cfg_diags *diags, const char *file, int line,
		    const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));

void cfg_diags_warn(struct cfg_diags *diags, const char *file, int line,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* How many of DIAGS are errors (not warnings). */
size_t cfg_diags_errors(const struct cfg_diags *diags);

/* "FILE:LINE: message", or "FILE: message" when there is no line. */
int cfg_diag_format(const struct cfg_diag *diag, char *buf, size_t size);

void cfg_diags_print(const struct cfg_diags *diags, FILE *out);
void cfg_diags_free(struct cfg_diags *diags);

/* Drops every diagnostic after the first COUNT. */
void cfg_diags_truncate(struct cfg_diags *diags, size_t count);

#endif
