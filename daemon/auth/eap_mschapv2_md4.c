// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * MD4 (RFC 1320), for the NT password hash only.  OpenSSL 3 moved MD4 to
 * its "legacy" provider, which a minimal system or the test guest may not
 * ship and which loading would also expose to the rest of the process;
 * MD4 is small, and here it only hashes secrets we already hold, so a
 * private copy is the smaller risk.  Checked against RFC 1320 §A.5.
 */
#include <string.h>

#include "auth/eap_mschapv2.h"

#define ROTL(x, n)	((uint32_t)((x) << (n) | (x) >> (32 - (n))))
#define F(x, y, z)	(((x) & (y)) | (~(x) & (z)))
#define G(x, y, z)	(((x) & (y)) | ((x) & (z)) | ((y) & (z)))
#define H(x, y, z)	((x) ^ (y) ^ (z))

static uint32_t load_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
		(uint32_t)p[3] << 24;
}

static void store_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/* One 64-octet block into the state (RFC 1320 §3.4, rounds 1 to 3). */
static void md4_block(uint32_t st[4], const uint8_t block[64])
{
	static const unsigned int r1[4] = { 3, 7, 11, 19 };
	static const unsigned int r2[4] = { 3, 5, 9, 13 };
	static const unsigned int r3[4] = { 3, 9, 11, 15 };
	static const unsigned int order3[16] = {
		0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15 };
	uint32_t x[16], a = st[0], b = st[1], c = st[2], d = st[3], t;
	unsigned int i, k;

	for (i = 0; i < 16; i++)
		x[i] = load_le32(block + 4 * i);
	for (i = 0; i < 16; i++) {
		t = a + F(b, c, d) + x[i];
		a = d; d = c; c = b; b = ROTL(t, r1[i % 4]);
	}
	for (i = 0; i < 16; i++) {
		k = (i % 4) * 4 + i / 4;	/* 0,4,8,12,1,5,... */
		t = a + G(b, c, d) + x[k] + 0x5a827999u;
		a = d; d = c; c = b; b = ROTL(t, r2[i % 4]);
	}
	for (i = 0; i < 16; i++) {
		t = a + H(b, c, d) + x[order3[i]] + 0x6ed9eba1u;
		a = d; d = c; c = b; b = ROTL(t, r3[i % 4]);
	}
	st[0] += a;
	st[1] += b;
	st[2] += c;
	st[3] += d;
	explicit_bzero(x, sizeof(x));
}

void mschapv2_md4(const uint8_t *data, size_t len, uint8_t out[16])
{
	uint32_t st[4] = { 0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u };
	uint8_t tail[128];
	size_t done = len - len % 64, rest = len % 64, tail_len, i;
	uint64_t bits = (uint64_t)len * 8;

	for (i = 0; i < done; i += 64)
		md4_block(st, data + i);
	/* Padding: 0x80, zeros to 56 mod 64, then the bit length (LE). */
	memset(tail, 0, sizeof(tail));
	memcpy(tail, data + done, rest);
	tail[rest] = 0x80;
	tail_len = rest < 56 ? 64 : 128;
	for (i = 0; i < 8; i++)
		tail[tail_len - 8 + i] = (uint8_t)(bits >> (8 * i));
	for (i = 0; i < tail_len; i += 64)
		md4_block(st, tail + i);
	for (i = 0; i < 4; i++)
		store_le32(out + 4 * i, st[i]);
	explicit_bzero(tail, sizeof(tail));
	explicit_bzero(st, sizeof(st));
}
