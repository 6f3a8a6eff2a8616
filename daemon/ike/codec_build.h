/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * IKEv2 message encoding into a caller's bounded buffer.
 *
 * A writer appends the header, then payloads; each new payload's type is
 * patched into the previous Next Payload field and every length (payload
 * and message) is patched as the payload is closed, so the buffer always
 * holds a consistent message.  Errors are sticky: after the first one
 * every call does nothing and ike_writer_finish() reports it, so callers
 * build a whole message and check once.
 *
 * Encryption is left to the caller, in place: ike_sk_begin() opens the
 * SK payload (whose Next Payload becomes the first inner payload's type)
 * and reserves the IV, inner payloads follow, ike_sk_end() returns where
 * the IV and plaintext are, and ike_sk_extend() appends padding, Pad
 * Length and ICV space with all lengths updated, so the associated data
 * (octets before the IV) is final before encrypting.
 */
#ifndef VGATE_IKE_CODEC_BUILD_H
#define VGATE_IKE_CODEC_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ike/codec.h"

struct ike_writer {
	uint8_t *buf;
	size_t cap;
	size_t len;
	size_t next_field;	/* Next Payload octet to patch, or NO_FIELD */
	size_t open_payload;	/* generic header being written, or NO_FIELD */
	bool has_header;	/* an IKE header at offset 0 gets its length */
	size_t sk_payload;	/* open or closed SK/SKF payload, or NO_FIELD */
	size_t sk_iv;		/* its IV */
	size_t sk_plaintext;	/* what follows its IV (and SKF numbers) */
	bool sk_fragment;	/* SKF: raw octets follow, not payloads */
	bool sealed;		/* SK/SKF closed: nothing but ike_sk_extend */
	struct ike_codec_error err;	/* err.code IKE_OK while all is well */
};

/* Where an SK or SKF payload's parts are in the writer's buffer. */
struct ike_sk_span {
	size_t payload_offset;		/* its generic payload header */
	size_t iv_offset;		/* AAD is buf[0 .. iv_offset) */
	size_t plaintext_offset;	/* inner payloads (SK), chunk (SKF) */
	size_t plaintext_len;
};

void ike_writer_init(struct ike_writer *w, uint8_t *buf, size_t cap);

/*
 * The 28-octet header from H's SPIs, exchange type, flags and message
 * ID; version is always 2.0, Next Payload and Length are patched later.
 */
void ike_write_header(struct ike_writer *w, const struct ike_header *h);

/* 0 and the message length in *LEN, or -1 (see w->err). */
int ike_writer_finish(struct ike_writer *w, size_t *len);

/* Raw building blocks, for payload bodies. */
void ike_put_u8(struct ike_writer *w, uint8_t v);
void ike_put_u16(struct ike_writer *w, uint16_t v);
void ike_put_u32(struct ike_writer *w, uint32_t v);
void ike_put_bytes(struct ike_writer *w, const void *data, size_t len);
void ike_put_zeros(struct ike_writer *w, size_t len);

/* Open a payload (generic header) and close it (patch its length). */
void ike_payload_begin(struct ike_writer *w, uint8_t type, bool critical);
void ike_payload_end(struct ike_writer *w);

/* One call per payload; their arguments mirror the decoded structures. */
void ike_put_sa(struct ike_writer *w, const struct ike_proposal *proposals,
		unsigned int n_proposals);
void ike_put_ke(struct ike_writer *w, uint16_t dh_group,
		const uint8_t *data, size_t len);
/* IDi or IDr (PAYLOAD_TYPE), ID type and data. */
void ike_put_id(struct ike_writer *w, uint8_t payload_type, uint8_t id_type,
		const uint8_t *data, size_t len);
/* CERT or CERTREQ (PAYLOAD_TYPE), encoding and data. */
void ike_put_cert(struct ike_writer *w, uint8_t payload_type,
		  uint8_t encoding, const uint8_t *data, size_t len);
void ike_put_auth(struct ike_writer *w, uint8_t method,
		  const uint8_t *data, size_t len);
void ike_put_nonce(struct ike_writer *w, const uint8_t *data, size_t len);
void ike_put_notify(struct ike_writer *w, uint8_t protocol_id,
		    const uint8_t *spi, uint8_t spi_size, uint16_t type,
		    const uint8_t *data, size_t len);
void ike_put_delete(struct ike_writer *w, uint8_t protocol_id,
		    uint8_t spi_size, uint16_t n_spis, const uint8_t *spis);
void ike_put_vendor(struct ike_writer *w, const uint8_t *data, size_t len);
/* TSi or TSr (PAYLOAD_TYPE). */
void ike_put_ts(struct ike_writer *w, uint8_t payload_type,
		const struct ike_traffic_selector *selectors, unsigned int n);
void ike_put_cp(struct ike_writer *w, uint8_t cfg_type,
		const struct ike_cfg_attr *attrs, unsigned int n);
/* A whole EAP message whose Length field must be LEN. */
void ike_put_eap(struct ike_writer *w, const uint8_t *message, size_t len);

/* SK: open with an IV of IV_LEN octets (zeroed), inner payloads follow. */
void ike_sk_begin(struct ike_writer *w, size_t iv_len);
/*
 * SKF (RFC 7383): FIRST_INNER_TYPE for fragment 1, 0 for the others;
 * the caller appends its chunk of the inner payloads with ike_put_bytes.
 */
void ike_skf_begin(struct ike_writer *w, uint8_t first_inner_type,
		   uint16_t fragment_number, uint16_t total_fragments,
		   size_t iv_len);
/* Close SK or SKF; the message ends with it. */
void ike_sk_end(struct ike_writer *w, struct ike_sk_span *span);
/*
 * Append N octets (zeroed) after the plaintext for padding, Pad Length
 * and ICV, updating the SK and message lengths: returns them, or NULL.
 */
uint8_t *ike_sk_extend(struct ike_writer *w, const struct ike_sk_span *span,
		       size_t n);

/*
 * Write a decoded payload back: known payloads from their decoded
 * fields (reserved octets and the critical bit as RFC 7296 sends them),
 * unknown ones and SK/SKF bodies as received.
 */
void ike_put_decoded(struct ike_writer *w, const struct ike_payload *p);

#endif
