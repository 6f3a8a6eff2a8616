// SPDX-License-Identifier: GPL-2.0-or-later
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "config/conf_parse.h"

const char *conf_parse_address(const char *text, sa_family_t *family,
			       uint8_t addr[16])
{
	memset(addr, 0, 16);
	if (inet_pton(AF_INET, text, addr) == 1) {
		*family = AF_INET;
		return NULL;
	}
	if (inet_pton(AF_INET6, text, addr) == 1) {
		*family = AF_INET6;
		return NULL;
	}
	return "is not an IPv4 or IPv6 address";
}

static void set_endpoint(sa_family_t family, const uint8_t addr[16],
			 uint16_t port, struct sockaddr_storage *out)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)out;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)out;

	memset(out, 0, sizeof(*out));
	if (family == AF_INET) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons(port);
		memcpy(&sin->sin_addr, addr, 4);
	} else {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(port);
		memcpy(&sin6->sin6_addr, addr, 16);
	}
}

const char *conf_parse_endpoint(const char *text, uint16_t default_port,
				struct sockaddr_storage *out)
{
	char addr_text[64], word[16], port_text[16], extra[2];
	uint8_t addr[16];
	sa_family_t family;
	unsigned long port = default_port;
	char *end;
	int n;

	n = sscanf(text, "%63s %15s %15s %1s", addr_text, word, port_text, extra);
	if (n != 1 && (n != 3 || strcmp(word, "port")))
		return "must be \"ADDRESS\" or \"ADDRESS port N\"";
	if (conf_parse_address(addr_text, &family, addr))
		return "is not an IPv4 or IPv6 address";
	if (n == 3) {
		errno = 0;
		port = strtoul(port_text, &end, 10);
		if (errno || *end || !isdigit((unsigned char)port_text[0]) ||
		    port < 1 || port > 65535)
			return "port must be 1 to 65535";
	}
	set_endpoint(family, addr, port, out);
	return NULL;
}

/* The prefix length a dotted netmask stands for; -1 if not contiguous. */
static int mask_len(const char *text)
{
	struct in_addr mask;
	uint32_t m;
	int len = 0;

	if (inet_pton(AF_INET, text, &mask) != 1)
		return -1;
	m = ntohl(mask.s_addr);
	while (m & 0x80000000u) {
		len++;
		m <<= 1;
	}
	return m ? -1 : len;
}

static bool host_bits_clear(const struct conf_prefix *p)
{
	unsigned int octets = p->family == AF_INET ? 4 : 16;

	for (unsigned int bit = p->len; bit < octets * 8; bit++)
		if (p->addr[bit / 8] & (0x80 >> (bit % 8)))
			return false;
	return true;
}

const char *conf_parse_prefix(const char *text, struct conf_prefix *out)
{
	char buf[128], *len_text;
	long len = -1;
	const char *problem;

	memset(out, 0, sizeof(*out));
	if (!strcmp(text, "any")) {
		out->family = AF_UNSPEC;
		return NULL;
	}
	if (strlen(text) >= sizeof(buf))
		return "is not an address or prefix";
	strcpy(buf, text);
	len_text = strpbrk(buf, "/ ");
	if (len_text) {
		char sep = *len_text, *end;

		*len_text++ = '\0';
		if (sep == ' ') {
			len = mask_len(len_text);
			if (len < 0)
				return "has a netmask that is not contiguous";
		} else {
			errno = 0;
			len = strtol(len_text, &end, 10);
			if (errno || end == len_text || *end)
				return "has a prefix length that is not a number";
		}
	}
	problem = conf_parse_address(buf, &out->family, out->addr);
	if (problem)
		return "is not an IPv4 or IPv6 address or prefix";
	if (len_text && text[len_text - buf - 1] == ' ' && out->family != AF_INET)
		return "uses a netmask, which only IPv4 has";
	if (len < 0)
		len = out->family == AF_INET ? 32 : 128;
	if (len > (out->family == AF_INET ? 32 : 128))
		return "has a prefix length longer than the address";
	out->len = len;
	if (!host_bits_clear(out))
		return "has host bits set after the prefix length";
	return NULL;
}

static const char *parse_seconds(const char *word, uint32_t lo, uint32_t hi,
				 uint32_t *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(word, &end, 10);
	if (errno || end == word || *end || v < (long)lo || v > (long)hi)
		return "out of range";
	*out = v;
	return NULL;
}

const char *conf_parse_dpd(const char *text, enum conf_dpd_mode *mode,
			   uint32_t *interval, uint32_t *retry)
{
	char interval_w[16], retry_w[16], mode_w[16], extra[2];

	if (sscanf(text, "%15s %15s %15s %1s", interval_w, retry_w, mode_w,
		   extra) != 3)
		return "must be \"INTERVAL RETRY periodic|on-demand\", e.g. \"30 5 on-demand\"";
	/* IOS ranges: interval 10-3600 s, retry 2-60 s. */
	if (parse_seconds(interval_w, 10, 3600, interval))
		return "interval must be 10 to 3600 seconds";
	if (parse_seconds(retry_w, 2, 60, retry))
		return "retry must be 2 to 60 seconds";
	if (!strcmp(mode_w, "periodic"))
		*mode = CONF_DPD_PERIODIC;
	else if (!strcmp(mode_w, "on-demand"))
		*mode = CONF_DPD_ON_DEMAND;
	else
		return "mode must be periodic or on-demand";
	return NULL;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

const char *conf_parse_hex(const char *text, uint8_t **out, size_t *len)
{
	size_t n = 0, digits = 0;
	uint8_t *key = xcalloc(strlen(text) / 2 + 1, 1);
	int high = -1;

	for (const char *p = text; *p; p++) {
		int d = hex_digit(*p);

		if (*p == ':' || *p == ' ')
			continue;
		if (d < 0) {
			free(key);
			return "is not hexadecimal";
		}
		digits++;
		if (high < 0) {
			high = d;
		} else {
			key[n++] = high << 4 | d;
			high = -1;
		}
	}
	if (high >= 0 || !digits) {
		explicit_bzero(key, n);
		free(key);
		return digits ? "has an odd number of hex digits" : "is empty";
	}
	*out = key;
	*len = n;
	return NULL;
}

bool conf_sockaddr_addr(const struct sockaddr *sa, sa_family_t *family,
			uint8_t addr[16])
{
	memset(addr, 0, 16);
	if (sa->sa_family == AF_INET) {
		memcpy(addr, &((const struct sockaddr_in *)sa)->sin_addr, 4);
		*family = AF_INET;
		return true;
	}
	if (sa->sa_family == AF_INET6) {
		const struct in6_addr *a = &((const struct sockaddr_in6 *)sa)->sin6_addr;

		if (IN6_IS_ADDR_V4MAPPED(a)) {
			memcpy(addr, &a->s6_addr[12], 4);
			*family = AF_INET;
		} else {
			memcpy(addr, a->s6_addr, 16);
			*family = AF_INET6;
		}
		return true;
	}
	return false;
}

bool conf_prefix_contains(const struct conf_prefix *p,
			  const struct sockaddr *sa)
{
	sa_family_t family;
	uint8_t addr[16];
	unsigned int full = p->len / 8, rest = p->len % 8;

	if (!sa || !conf_sockaddr_addr(sa, &family, addr))
		return false;
	if (p->family == AF_UNSPEC)
		return true;
	if (p->family != family || memcmp(addr, p->addr, full))
		return false;
	return !rest || !((addr[full] ^ p->addr[full]) & (0xff00 >> rest));
}

void conf_prefix_format(const struct conf_prefix *p, char *buf, size_t len)
{
	char text[INET6_ADDRSTRLEN];

	if (p->family == AF_UNSPEC) {
		snprintf(buf, len, "any");
		return;
	}
	inet_ntop(p->family, p->addr, text, sizeof(text));
	snprintf(buf, len, "%s/%u", text, p->len);
}
