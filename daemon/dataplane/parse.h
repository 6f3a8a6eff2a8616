/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Parsing and printing the values of vgatectl's kernel commands:
 * numbers, SPIs, hex keys, addresses, prefixes and the names of
 * algorithms, directions and delete reasons (uapi/linux/vgate.h).
 * Pure functions: no I/O, no netlink.  Each parser returns 0, or -1 with
 * a one-line reason in ERR (ERR_SIZE octets).
 */
#ifndef VGATE_DATAPLANE_PARSE_H
#define VGATE_DATAPLANE_PARSE_H

#include <arpa/inet.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Longest key: AES-256 or ChaCha20 key + 4-octet salt; HMAC-SHA-512. */
#define VGATE_ENC_KEY_MAX	36
#define VGATE_INTEG_KEY_MAX	64

struct vgate_addr {
	int family;		/* AF_INET or AF_INET6 */
	uint8_t bytes[16];	/* 4 or 16 used */
};

struct vgate_prefix {
	struct vgate_addr addr;
	uint8_t len;
};

struct vgate_enc_desc {
	const char *name;	/* as vgatectl spells it, e.g. aes-gcm-128 */
	uint32_t alg;		/* enum vgate_enc_alg */
	size_t key_len;		/* octets, salt included */
	bool aead;		/* combined mode: no integrity algorithm */
	const char *key_text;	/* for errors: "16 key + 4 salt" */
};

struct vgate_integ_desc {
	const char *name;
	uint32_t alg;		/* enum vgate_integ_alg */
	size_t key_len;
};

/* Address length for FAMILY (4 or 16). */
size_t vgate_addr_len(int family);

int vgate_parse_u64(const char *s, uint64_t max, uint64_t *v, const char *what,
		    char *err, size_t err_size);
int vgate_parse_u32(const char *s, uint32_t max, uint32_t *v, const char *what,
		    char *err, size_t err_size);
/* 0xHEX or decimal, 1 to 0xffffffff. */
int vgate_parse_spi(const char *s, uint32_t *spi, char *err, size_t err_size);
/* Hex digits, optionally after 0x, exactly WANT octets into BUF. */
int vgate_parse_key(const char *s, uint8_t *buf, size_t want, const char *what,
		    char *err, size_t err_size);
int vgate_parse_addr(const char *s, struct vgate_addr *a, char *err,
		     size_t err_size);
/* ADDR/LEN or ADDR (a host prefix); host bits must be clear. */
int vgate_parse_prefix(const char *s, struct vgate_prefix *p, char *err,
		       size_t err_size);

const struct vgate_enc_desc *vgate_enc_by_name(const char *name);
const struct vgate_integ_desc *vgate_integ_by_name(const char *name);
/* The salt that follows the key of the AEAD algorithms (RFC 4106, 7634). */
#define VGATE_AEAD_SALT_LEN	4

/* "aes-gcm", "aes-cbc", "chacha20-poly1305": the family, whatever the key */
const char *vgate_enc_alg_name(uint32_t alg);
/*
 * The name "sa add" takes ("aes-gcm-128", "aes-cbc-256",
 * "chacha20-poly1305") for ALG with a key of KEY_BITS (salt excluded);
 * the family name when no such algorithm exists (KEY_BITS 0: a kernel
 * that does not report it).
 */
const char *vgate_enc_name(uint32_t alg, uint32_t key_bits);
/* "none", "hmac-sha1-96", ... */
const char *vgate_integ_alg_name(uint32_t alg);

int vgate_parse_dir(const char *s, uint32_t *dir, char *err, size_t err_size);
const char *vgate_dir_name(uint32_t dir);
int vgate_parse_reason(const char *s, uint32_t *reason, char *err,
		       size_t err_size);
const char *vgate_reason_name(uint32_t reason);
/* "bytes", "packets", "seconds", "seq" */
const char *vgate_limit_name(uint32_t limit);

/* BUF must hold INET6_ADDRSTRLEN (+4 for a prefix) octets. */
const char *vgate_format_addr(const struct vgate_addr *a, char *buf,
			      size_t size);
const char *vgate_format_prefix(const struct vgate_prefix *p, char *buf,
				size_t size);
#define VGATE_PREFIX_STRLEN (INET6_ADDRSTRLEN + 4)

#endif
