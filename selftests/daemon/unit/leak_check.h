/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The harness ends each test's child with _exit(), which skips
 * LeakSanitizer's exit-time check; tests call leaks_found() themselves.
 * Without ASan it always reports none.
 */
#ifndef VGATE_TEST_LEAK_CHECK_H
#define VGATE_TEST_LEAK_CHECK_H

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>

static inline int leaks_found(void)
{
	return __lsan_do_recoverable_leak_check();
}
#else
static inline int leaks_found(void)
{
	return 0;
}
#endif

#endif
