/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Allocation that cannot fail: running out of memory in the control
 * plane is not recoverable in a useful way, so it aborts loudly.
 */
#ifndef VGATE_COMMON_XALLOC_H
#define VGATE_COMMON_XALLOC_H

#include <stddef.h>

void *xcalloc(size_t n, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
void *xmemdup(const void *p, size_t len);

#endif
