// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "config/diag.h"

void cfg_diags_vadd(struct cfg_diags *diags, const char *file, int line,
		    const char *fmt, va_list ap)
{
	struct cfg_diag *diag;
	char *message;

	if (vasprintf(&message, fmt, ap) < 0) {
		fputs("vgate: out of memory\n", stderr);
		abort();
	}
	diags->items = xreallocarray(diags->items, diags->count + 1,
				     sizeof(*diags->items));
	diag = &diags->items[diags->count++];
	diag->file = xstrdup(file);
	diag->line = line;
	diag->message = message;
	diag->warning = false;
}

void cfg_diags_add(struct cfg_diags *diags, const char *file, int line,
		   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cfg_diags_vadd(diags, file, line, fmt, ap);
	va_end(ap);
}

void cfg_diags_warn(struct cfg_diags *diags, const char *file, int line,
		    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cfg_diags_vadd(diags, file, line, fmt, ap);
	va_end(ap);
	diags->items[diags->count - 1].warning = true;
}

size_t cfg_diags_errors(const struct cfg_diags *diags)
{
	size_t n = 0;

	for (size_t i = 0; i < diags->count; i++)
		n += !diags->items[i].warning;
	return n;
}

int cfg_diag_format(const struct cfg_diag *diag, char *buf, size_t size)
{
	const char *kind = diag->warning ? "warning: " : "";

	if (diag->line > 0)
		return snprintf(buf, size, "%s:%d: %s%s", diag->file, diag->line,
				kind, diag->message);
	return snprintf(buf, size, "%s: %s%s", diag->file, kind, diag->message);
}

void cfg_diags_print(const struct cfg_diags *diags, FILE *out)
{
	char line[1024];

	for (size_t i = 0; i < diags->count; i++) {
		cfg_diag_format(&diags->items[i], line, sizeof(line));
		fprintf(out, "%s\n", line);
	}
}

void cfg_diags_truncate(struct cfg_diags *diags, size_t count)
{
	for (size_t i = count; i < diags->count; i++) {
		free(diags->items[i].file);
		free(diags->items[i].message);
	}
	diags->count = count < diags->count ? count : diags->count;
	if (!diags->count) {
		free(diags->items);
		diags->items = NULL;
	}
}

void cfg_diags_free(struct cfg_diags *diags)
{
	cfg_diags_truncate(diags, 0);
}
