// SPDX-License-Identifier: GPL-2.0-or-later
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/vgate.h>

#include "dataplane/parse.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const struct vgate_enc_desc enc_descs[] = {
	{ "aes-gcm-128", VGATE_ENC_AES_GCM_16, 20, true, "16 key + 4 salt" },
	{ "aes-gcm-256", VGATE_ENC_AES_GCM_16, 36, true, "32 key + 4 salt" },
	{ "aes-cbc-128", VGATE_ENC_AES_CBC, 16, false, "no salt" },
	{ "aes-cbc-256", VGATE_ENC_AES_CBC, 32, false, "no salt" },
	{ "chacha20-poly1305", VGATE_ENC_CHACHA20_POLY1305, 36, true,
	  "32 key + 4 salt" },
};

static const struct vgate_integ_desc integ_descs[] = {
	{ "hmac-sha1-96", VGATE_INTEG_HMAC_SHA1_96, 20 },
	{ "hmac-sha256-128", VGATE_INTEG_HMAC_SHA2_256_128, 32 },
	{ "hmac-sha384-192", VGATE_INTEG_HMAC_SHA2_384_192, 48 },
	{ "hmac-sha512-256", VGATE_INTEG_HMAC_SHA2_512_256, 64 },
};

static const char *const reason_names[] = {
	[VGATE_DEL_REASON_USERSPACE] = "userspace",
	[VGATE_DEL_REASON_TEMPLATE] = "template",
	[VGATE_DEL_REASON_ACCESS] = "access",
	[VGATE_DEL_REASON_TEARDOWN] = "teardown",
	[VGATE_DEL_REASON_EXPIRED] = "expired",
	[VGATE_DEL_REASON_REKEYED] = "rekeyed",
};

static const char *const limit_names[] = {
	[VGATE_EXPIRE_BYTES] = "bytes",
	[VGATE_EXPIRE_PACKETS] = "packets",
	[VGATE_EXPIRE_SECONDS] = "seconds",
	[VGATE_EXPIRE_SEQ] = "seq",
};

size_t vgate_addr_len(int family)
{
	return family == AF_INET ? 4 : 16;
}

int vgate_parse_u64(const char *s, uint64_t max, uint64_t *v, const char *what,
		    char *err, size_t err_size)
{
	unsigned long long n;
	char *end;

	errno = 0;
	if (!isdigit((unsigned char)s[0]))
		goto bad;
	n = strtoull(s, &end, 10);
	if (*end || errno == ERANGE || n > max)
		goto bad;
	*v = n;
	return 0;
bad:
	snprintf(err, err_size, "%s must be a number from 0 to %llu, not \"%s\"",
		 what, (unsigned long long)max, s);
	return -1;
}

int vgate_parse_u32(const char *s, uint32_t max, uint32_t *v, const char *what,
		    char *err, size_t err_size)
{
	uint64_t n;

	if (vgate_parse_u64(s, max, &n, what, err, err_size) < 0)
		return -1;
	*v = (uint32_t)n;
	return 0;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static bool has_hex_prefix(const char *s)
{
	return s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
}

int vgate_parse_spi(const char *s, uint32_t *spi, char *err, size_t err_size)
{
	unsigned long long n = 0;
	const char *p = s;

	if (has_hex_prefix(s)) {
		for (p = s + 2; *p && hex_digit(*p) >= 0 && n <= UINT32_MAX; p++)
			n = n * 16 + (unsigned int)hex_digit(*p);
		if (p == s + 2)
			p = s;	/* "0x" alone */
	} else {
		for (; isdigit((unsigned char)*p) && n <= UINT32_MAX; p++)
			n = n * 10 + (unsigned int)(*p - '0');
	}
	if (p == s || *p || n == 0 || n > UINT32_MAX) {
		snprintf(err, err_size,
			 "spi must be 0x1 to 0xffffffff (hex with 0x, or decimal), not \"%s\"",
			 s);
		return -1;
	}
	*spi = (uint32_t)n;
	return 0;
}

int vgate_parse_key(const char *s, uint8_t *buf, size_t want, const char *what,
		    char *err, size_t err_size)
{
	const char *hex = has_hex_prefix(s) ? s + 2 : s;
	size_t digits = strlen(hex), i;

	for (i = 0; i < digits; i++) {
		if (hex_digit(hex[i]) < 0) {
			snprintf(err, err_size,
				 "%s must be hex digits (after an optional 0x)",
				 what);
			return -1;
		}
	}
	if (digits != want * 2) {
		snprintf(err, err_size,
			 "%s must be %zu octets (%zu hex digits), got %zu digits",
			 what, want, want * 2, digits);
		return -1;
	}
	for (i = 0; i < want; i++)
		buf[i] = (uint8_t)(hex_digit(hex[2 * i]) << 4 |
				   hex_digit(hex[2 * i + 1]));
	return 0;
}

int vgate_parse_addr(const char *s, struct vgate_addr *a, char *err,
		     size_t err_size)
{
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, s, a->bytes) == 1) {
		a->family = AF_INET;
		return 0;
	}
	if (inet_pton(AF_INET6, s, a->bytes) == 1) {
		a->family = AF_INET6;
		return 0;
	}
	snprintf(err, err_size, "\"%s\" is not an IPv4 or IPv6 address", s);
	return -1;
}

int vgate_parse_prefix(const char *s, struct vgate_prefix *p, char *err,
		       size_t err_size)
{
	char addr[INET6_ADDRSTRLEN + 1], what[64];
	const char *slash = strchr(s, '/');
	size_t alen = slash ? (size_t)(slash - s) : strlen(s), bits, i;
	uint32_t len;

	memset(p, 0, sizeof(*p));
	if (alen >= sizeof(addr)) {
		snprintf(err, err_size, "\"%s\" is not an IPv4 or IPv6 prefix", s);
		return -1;
	}
	memcpy(addr, s, alen);
	addr[alen] = '\0';
	if (vgate_parse_addr(addr, &p->addr, err, err_size) < 0)
		return -1;
	bits = vgate_addr_len(p->addr.family) * 8;
	len = (uint32_t)bits;
	snprintf(what, sizeof(what), "prefix length of %s", s);
	if (slash && vgate_parse_u32(slash + 1, (uint32_t)bits, &len, what, err,
				     err_size) < 0)
		return -1;
	p->len = (uint8_t)len;
	for (i = len; i < bits; i++) {
		if (p->addr.bytes[i / 8] & (0x80 >> (i % 8))) {
			snprintf(err, err_size,
				 "prefix %s has bits set after its length", s);
			return -1;
		}
	}
	return 0;
}

const struct vgate_enc_desc *vgate_enc_by_name(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(enc_descs); i++)
		if (!strcmp(enc_descs[i].name, name))
			return &enc_descs[i];
	return NULL;
}

const struct vgate_integ_desc *vgate_integ_by_name(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(integ_descs); i++)
		if (!strcmp(integ_descs[i].name, name))
			return &integ_descs[i];
	return NULL;
}

const char *vgate_enc_name(uint32_t alg, uint32_t key_bits)
{
	const struct vgate_enc_desc *d;
	size_t salt;

	for (size_t i = 0; i < ARRAY_SIZE(enc_descs); i++) {
		d = &enc_descs[i];
		salt = d->aead ? VGATE_AEAD_SALT_LEN : 0;
		if (d->alg == alg && (d->key_len - salt) * 8 == key_bits)
			return d->name;
	}
	return vgate_enc_alg_name(alg);
}

const char *vgate_enc_alg_name(uint32_t alg)
{
	switch (alg) {
	case VGATE_ENC_AES_GCM_16:
		return "aes-gcm";
	case VGATE_ENC_AES_CBC:
		return "aes-cbc";
	case VGATE_ENC_CHACHA20_POLY1305:
		return "chacha20-poly1305";
	}
	return "unknown";
}

const char *vgate_integ_alg_name(uint32_t alg)
{
	if (alg == VGATE_INTEG_NONE)
		return "none";
	for (size_t i = 0; i < ARRAY_SIZE(integ_descs); i++)
		if (integ_descs[i].alg == alg)
			return integ_descs[i].name;
	return "unknown";
}

int vgate_parse_dir(const char *s, uint32_t *dir, char *err, size_t err_size)
{
	if (!strcmp(s, "in")) {
		*dir = VGATE_SA_DIR_IN;
		return 0;
	}
	if (!strcmp(s, "out")) {
		*dir = VGATE_SA_DIR_OUT;
		return 0;
	}
	snprintf(err, err_size, "dir must be in or out, not \"%s\"", s);
	return -1;
}

const char *vgate_dir_name(uint32_t dir)
{
	return dir == VGATE_SA_DIR_IN ? "in" : dir == VGATE_SA_DIR_OUT ? "out" :
	       "unknown";
}

int vgate_parse_reason(const char *s, uint32_t *reason, char *err,
		       size_t err_size)
{
	for (size_t i = 0; i < ARRAY_SIZE(reason_names); i++) {
		if (!strcmp(reason_names[i], s)) {
			*reason = (uint32_t)i;
			return 0;
		}
	}
	snprintf(err, err_size,
		 "reason must be userspace, template, access, teardown, expired or rekeyed, not \"%s\"",
		 s);
	return -1;
}

const char *vgate_reason_name(uint32_t reason)
{
	return reason < ARRAY_SIZE(reason_names) ? reason_names[reason] :
	       "unknown";
}

const char *vgate_limit_name(uint32_t limit)
{
	return limit < ARRAY_SIZE(limit_names) ? limit_names[limit] : "unknown";
}

const char *vgate_format_addr(const struct vgate_addr *a, char *buf,
			      size_t size)
{
	if ((a->family != AF_INET && a->family != AF_INET6) ||
	    !inet_ntop(a->family, a->bytes, buf, (socklen_t)size))
		snprintf(buf, size, "?");
	return buf;
}

const char *vgate_format_prefix(const struct vgate_prefix *p, char *buf,
				size_t size)
{
	char addr[INET6_ADDRSTRLEN];

	snprintf(buf, size, "%s/%u", vgate_format_addr(&p->addr, addr,
						       sizeof(addr)), p->len);
	return buf;
}
