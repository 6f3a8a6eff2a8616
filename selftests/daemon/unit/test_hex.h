/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Test helper shared by the unit tests that carry published vectors as
 * hex text.
 */
#ifndef VGATE_TEST_HEX_H
#define VGATE_TEST_HEX_H

#include <stddef.h>
#include <stdint.h>

/* Decodes lower-case hex (anything else is skipped, so vectors may be
 * spaced and wrapped as printed in the RFCs) into out; returns the octet
 * count, at most cap.
 */
static inline size_t unhex(const char *hex, uint8_t *out, size_t cap)
{
	size_t n = 0;
	int hi = -1;

	for (; *hex; hex++) {
		int v;

		if (*hex >= '0' && *hex <= '9')
			v = *hex - '0';
		else if (*hex >= 'a' && *hex <= 'f')
			v = *hex - 'a' + 10;
		else
			continue;
		if (hi < 0) {
			hi = v;
		} else if (n < cap) {
			out[n++] = (uint8_t)(hi << 4 | v);
			hi = -1;
		}
	}
	return n;
}

#endif /* VGATE_TEST_HEX_H */
