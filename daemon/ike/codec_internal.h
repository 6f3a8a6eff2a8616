/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shared by the codec's own files only: big-endian field access, error
 * reporting and the per-payload body decoders called by the chain
 * walker (codec_parse.c).
 */
#ifndef VGATE_IKE_CODEC_INTERNAL_H
#define VGATE_IKE_CODEC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "ike/codec.h"

/* SA substructures (RFC 7296 §3.3.1-§3.3.5). */
#define CODEC_PROPOSAL_HEADER_LEN	8
#define CODEC_TRANSFORM_HEADER_LEN	8
#define CODEC_ATTR_HEADER_LEN		4
/* Last Substruc values: 0 ends the list, else the kind that follows. */
#define CODEC_MORE_PROPOSALS		2
#define CODEC_MORE_TRANSFORMS		3

static inline uint16_t codec_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t codec_get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* Fill ERR (if not NULL) and return -1, for `return codec_fail(...)`. */
int codec_fail(struct ike_codec_error *err, enum ike_codec_err code,
	       uint8_t payload_type, size_t offset, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

struct ike_writer;

/* Record the writer's first error (later ones are its consequences). */
void codec_writer_fail(struct ike_writer *w, enum ike_codec_err code,
		       const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Write an SK or SKF payload whose content (IV, ciphertext, ICV) is
 * CONTENT as received, ending the message: for ike_put_decoded().
 */
void codec_put_encrypted_copy(struct ike_writer *w,
			      const struct ike_payload_encrypted *sk,
			      uint8_t payload_type);

/* The payload's RFC name ("SA", "IDi", "N", ...) or "unknown". */
const char *codec_payload_name(uint8_t type);

/*
 * Decode the body of P (type, body and header_offset set) into P->u,
 * taking arena entries from MSG.  BASE is the buffer P lives in, for
 * error offsets.
 */
int codec_decode_body(struct ike_message *msg, struct ike_payload *p,
		      const uint8_t *base, struct ike_codec_error *err);

/* The SA body decoder, in its own file (payload_parse_sa.c). */
int codec_decode_sa(struct ike_message *msg, struct ike_payload *p,
		    struct ike_codec_error *err);

#endif
