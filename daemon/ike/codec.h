/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * IKEv2 message decoding (RFC 7296 §3, RFC 7383 §2.5).
 *
 * ike_parse_message() checks a whole datagram (UDP/500, or UDP/4500
 * after the caller stripped the non-ESP marker) and decodes every
 * payload it knows.  Nothing is allocated: the decoded message lives in
 * one caller-provided struct ike_message whose fixed arrays (the arena)
 * hold proposals, transforms, selectors and configuration attributes,
 * and whose pointers point either into that arena or into the datagram.
 *
 * Lifetime: a decoded message is valid while the datagram buffer (and,
 * after ike_parse_inner(), the decrypted buffer) is unchanged and the
 * struct ike_message itself stays where it was parsed: it points into
 * itself, so copy it with a new parse, never with memcpy or assignment.
 */
#ifndef VGATE_IKE_CODEC_H
#define VGATE_IKE_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ike/codec_constants.h"

/* Arena sizes; a message needing more is rejected with IKE_ERR_TOO_MANY_*. */
#define IKE_MAX_PAYLOADS	64
#define IKE_MAX_PROPOSALS	64
#define IKE_MAX_TRANSFORMS	512
#define IKE_MAX_SELECTORS	64
#define IKE_MAX_CFG_ATTRS	128

enum ike_codec_err {
	IKE_OK = 0,
	IKE_ERR_TRUNCATED,		/* a field runs past its container */
	IKE_ERR_BAD_LENGTH,		/* a length field is inconsistent */
	IKE_ERR_BAD_VERSION,		/* major version is not 2 */
	IKE_ERR_TRAILING_DATA,		/* octets after the last payload */
	IKE_ERR_UNSUPPORTED_CRITICAL,	/* unknown payload, critical bit set */
	IKE_ERR_DUPLICATE_PAYLOAD,	/* a payload allowed once came twice */
	IKE_ERR_SK_NOT_LAST,		/* a payload follows SK or SKF */
	IKE_ERR_BAD_SUBSTRUCTURE,	/* last-substructure marker or count */
	IKE_ERR_BAD_PROPOSAL_NUMBER,
	IKE_ERR_BAD_SPI_SIZE,
	IKE_ERR_BAD_ATTRIBUTE,		/* transform attribute malformed */
	IKE_ERR_BAD_NONCE_LENGTH,	/* outside 16..256 octets */
	IKE_ERR_BAD_TS,			/* selector type, length or count */
	IKE_ERR_BAD_EAP,		/* EAP code or length */
	IKE_ERR_BAD_FRAGMENT,		/* SKF number or total */
	IKE_ERR_TOO_MANY_PAYLOADS,
	IKE_ERR_TOO_MANY_PROPOSALS,
	IKE_ERR_TOO_MANY_TRANSFORMS,
	IKE_ERR_TOO_MANY_SELECTORS,
	IKE_ERR_TOO_MANY_CFG_ATTRS,
	IKE_ERR_NO_SPACE,		/* writer: the buffer is full */
	IKE_ERR_BAD_ARGUMENT,		/* writer: input cannot be encoded */
	IKE_ERR_COUNT
};

/* Why a parse or build failed: for counters (code) and logs (message). */
struct ike_codec_error {
	enum ike_codec_err code;
	uint8_t payload_type;	/* payload being decoded, 0 for the header */
	size_t offset;		/* octet offset of the offending field */
	char message[128];
};

struct ike_header {
	uint8_t spi_i[IKEV2_SPI_LEN];
	uint8_t spi_r[IKEV2_SPI_LEN];
	uint8_t next_payload;
	uint8_t major_version;
	uint8_t minor_version;
	uint8_t exchange_type;
	uint8_t flags;		/* IKEV2_FLAG_*, reserved bits kept as sent */
	uint32_t message_id;
	uint32_t length;
};

struct ike_transform {
	uint8_t type;		/* enum ikev2_transform_type */
	uint16_t id;
	uint16_t key_length;	/* bits; 0 when has_key_length is false */
	bool has_key_length;
	/*
	 * An attribute other than Key Length: RFC 7296 §3.3.6 says such a
	 * transform must be rejected, which is the selector's job.
	 */
	bool unknown_attribute;
};

struct ike_proposal {
	uint8_t number;
	uint8_t protocol_id;	/* enum ikev2_protocol_id */
	uint8_t spi_size;
	const uint8_t *spi;
	uint8_t n_transforms;
	const struct ike_transform *transforms;
};

struct ike_payload_sa {
	unsigned int n_proposals;
	const struct ike_proposal *proposals;
};

struct ike_payload_ke {
	uint16_t dh_group;
	uint16_t data_len;
	const uint8_t *data;
};

/* IDi/IDr (type, data), CERT/CERTREQ (encoding, data), AUTH (method, data). */
struct ike_payload_typed_data {
	uint8_t type;
	uint16_t data_len;
	const uint8_t *data;
};

/* Ni/Nr, V: the body as is. */
struct ike_payload_data {
	uint16_t data_len;
	const uint8_t *data;
};

struct ike_payload_notify {
	uint8_t protocol_id;
	uint8_t spi_size;
	uint16_t type;		/* enum ikev2_notify_type */
	const uint8_t *spi;
	uint16_t data_len;
	const uint8_t *data;
};

struct ike_payload_delete {
	uint8_t protocol_id;
	uint8_t spi_size;
	uint16_t n_spis;
	const uint8_t *spis;	/* n_spis * spi_size octets */
};

struct ike_traffic_selector {
	uint8_t type;		/* enum ikev2_ts_type */
	uint8_t ip_protocol;	/* 0: any */
	uint16_t start_port;
	uint16_t end_port;
	uint8_t addr_len;	/* 4 or 16, from type */
	const uint8_t *start_addr;
	const uint8_t *end_addr;
};

struct ike_payload_ts {
	unsigned int n_selectors;
	const struct ike_traffic_selector *selectors;
};

/*
 * SK and SKF.  The encrypted span is IV || ciphertext || ICV; the
 * associated data for AEAD (RFC 5282 §5.1) is the message from its
 * first octet up to encrypted (header_offset + 4, or + 8 for SKF).
 */
struct ike_payload_encrypted {
	uint8_t first_inner_type;	/* SK's Next Payload field */
	uint16_t fragment_number;	/* SKF only, else 0 */
	uint16_t total_fragments;	/* SKF only, else 0 */
	uint16_t encrypted_len;
	const uint8_t *encrypted;
};

struct ike_cfg_attr {
	uint16_t type;		/* enum ikev2_cfg_attr_type, reserved bit cleared */
	uint16_t len;
	const uint8_t *value;
};

struct ike_payload_cp {
	uint8_t cfg_type;	/* enum ikev2_cfg_type */
	unsigned int n_attrs;
	const struct ike_cfg_attr *attrs;
};

struct ike_payload_eap {
	uint8_t code;		/* enum ikev2_eap_code */
	uint8_t identifier;
	uint8_t eap_type;	/* Request/Response only, else 0 */
	uint16_t length;	/* EAP Length field: the whole EAP message */
	const uint8_t *message;	/* the whole EAP message (code onwards) */
	uint16_t type_data_len;
	const uint8_t *type_data;
};

struct ike_payload {
	uint8_t type;		/* enum ikev2_payload_type */
	bool critical;
	bool known;		/* false: skipped non-critical unknown type */
	bool inner;		/* came from ike_parse_inner() (was encrypted) */
	size_t header_offset;	/* generic header's offset in its buffer */
	uint16_t body_len;
	const uint8_t *body;	/* after the generic header */
	union {
		struct ike_payload_sa sa;
		struct ike_payload_ke ke;
		struct ike_payload_typed_data id;	/* IDi, IDr */
		struct ike_payload_typed_data cert;	/* CERT, CERTREQ */
		struct ike_payload_typed_data auth;
		struct ike_payload_data nonce;
		struct ike_payload_notify notify;
		struct ike_payload_delete del;
		struct ike_payload_data vendor;
		struct ike_payload_ts ts;		/* TSi, TSr */
		struct ike_payload_encrypted sk;	/* SK, SKF */
		struct ike_payload_cp cp;
		struct ike_payload_eap eap;
	} u;
};

struct ike_message {
	struct ike_header hdr;
	const uint8_t *data;	/* the datagram */
	size_t len;
	uint64_t seen;		/* bit per payload type 0..63 already decoded */
	unsigned int n_payloads;
	struct ike_payload payloads[IKE_MAX_PAYLOADS];
	/* The arena: filled in payload order, referenced from payloads. */
	unsigned int n_proposals, n_transforms, n_selectors, n_cfg_attrs;
	struct ike_proposal proposals[IKE_MAX_PROPOSALS];
	struct ike_transform transforms[IKE_MAX_TRANSFORMS];
	struct ike_traffic_selector selectors[IKE_MAX_SELECTORS];
	struct ike_cfg_attr cfg_attrs[IKE_MAX_CFG_ATTRS];
};

/*
 * Decode a datagram.  Returns 0, or -1 with ERR filled in; on failure
 * MSG holds whatever was decoded before the error (for logs only).
 */
int ike_parse_message(struct ike_message *msg, const uint8_t *buf, size_t len,
		      struct ike_codec_error *err);

/*
 * Decode the decrypted content of an SK payload (padding and Pad Length
 * already removed by the decryptor), whose first payload is FIRST_TYPE
 * (the SK payload's first_inner_type), appending to MSG.  Duplicates are
 * checked across the outer and inner payloads together.
 */
int ike_parse_inner(struct ike_message *msg, uint8_t first_type,
		    const uint8_t *buf, size_t len, struct ike_codec_error *err);

/*
 * The first decoded payload of TYPE after START (from the first if START
 * is NULL); skipped unknown payloads are never returned.
 */
const struct ike_payload *ike_message_find(const struct ike_message *msg,
					   uint8_t type,
					   const struct ike_payload *start);

/* The first N payload of NOTIFY_TYPE, or NULL. */
const struct ike_payload *ike_message_find_notify(const struct ike_message *msg,
						  uint16_t notify_type);

/* Short stable name of an error code, for counters: "truncated", ... */
const char *ike_codec_err_name(enum ike_codec_err code);

/*
 * The notify a responder answers a parse error with: UNSUPPORTED_CRITICAL
 * _PAYLOAD (data: err->payload_type), INVALID_MAJOR_VERSION or
 * INVALID_SYNTAX.
 */
uint16_t ike_codec_err_notify(enum ike_codec_err code);

#endif
