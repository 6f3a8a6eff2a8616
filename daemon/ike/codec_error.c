// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Codec error names (stable: they label counters), the notify each parse
 * error is answered with, and the payload names used in messages.
 */
#include <stdarg.h>
#include <stdio.h>

#include "ike/codec_internal.h"

static const char *const err_names[IKE_ERR_COUNT] = {
	[IKE_OK]			= "ok",
	[IKE_ERR_TRUNCATED]		= "truncated",
	[IKE_ERR_BAD_LENGTH]		= "bad-length",
	[IKE_ERR_BAD_VERSION]		= "bad-version",
	[IKE_ERR_TRAILING_DATA]		= "trailing-data",
	[IKE_ERR_UNSUPPORTED_CRITICAL]	= "unsupported-critical-payload",
	[IKE_ERR_DUPLICATE_PAYLOAD]	= "duplicate-payload",
	[IKE_ERR_SK_NOT_LAST]		= "sk-not-last",
	[IKE_ERR_BAD_SUBSTRUCTURE]	= "bad-substructure",
	[IKE_ERR_BAD_PROPOSAL_NUMBER]	= "bad-proposal-number",
	[IKE_ERR_BAD_SPI_SIZE]		= "bad-spi-size",
	[IKE_ERR_BAD_ATTRIBUTE]		= "bad-attribute",
	[IKE_ERR_BAD_NONCE_LENGTH]	= "bad-nonce-length",
	[IKE_ERR_BAD_TS]		= "bad-traffic-selector",
	[IKE_ERR_BAD_EAP]		= "bad-eap",
	[IKE_ERR_BAD_FRAGMENT]		= "bad-fragment",
	[IKE_ERR_TOO_MANY_PAYLOADS]	= "too-many-payloads",
	[IKE_ERR_TOO_MANY_PROPOSALS]	= "too-many-proposals",
	[IKE_ERR_TOO_MANY_TRANSFORMS]	= "too-many-transforms",
	[IKE_ERR_TOO_MANY_SELECTORS]	= "too-many-selectors",
	[IKE_ERR_TOO_MANY_CFG_ATTRS]	= "too-many-cfg-attributes",
	[IKE_ERR_NO_SPACE]		= "no-space",
	[IKE_ERR_BAD_ARGUMENT]		= "bad-argument",
};

const char *ike_codec_err_name(enum ike_codec_err code)
{
	if ((unsigned int)code >= IKE_ERR_COUNT)
		return "unknown";
	return err_names[code];
}

uint16_t ike_codec_err_notify(enum ike_codec_err code)
{
	switch (code) {
	case IKE_ERR_UNSUPPORTED_CRITICAL:
		return IKEV2_N_UNSUPPORTED_CRITICAL_PAYLOAD;
	case IKE_ERR_BAD_VERSION:
		return IKEV2_N_INVALID_MAJOR_VERSION;
	default:
		return IKEV2_N_INVALID_SYNTAX;
	}
}

int codec_fail(struct ike_codec_error *err, enum ike_codec_err code,
	       uint8_t payload_type, size_t offset, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	err->code = code;
	err->payload_type = payload_type;
	err->offset = offset;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return -1;
}

const char *codec_payload_name(uint8_t type)
{
	switch (type) {
	case IKEV2_PT_NONE:	return "none";
	case IKEV2_PT_SA:	return "SA";
	case IKEV2_PT_KE:	return "KE";
	case IKEV2_PT_IDI:	return "IDi";
	case IKEV2_PT_IDR:	return "IDr";
	case IKEV2_PT_CERT:	return "CERT";
	case IKEV2_PT_CERTREQ:	return "CERTREQ";
	case IKEV2_PT_AUTH:	return "AUTH";
	case IKEV2_PT_NONCE:	return "Nonce";
	case IKEV2_PT_N:	return "N";
	case IKEV2_PT_D:	return "D";
	case IKEV2_PT_V:	return "V";
	case IKEV2_PT_TSI:	return "TSi";
	case IKEV2_PT_TSR:	return "TSr";
	case IKEV2_PT_SK:	return "SK";
	case IKEV2_PT_CP:	return "CP";
	case IKEV2_PT_EAP:	return "EAP";
	case IKEV2_PT_SKF:	return "SKF";
	default:		return "unknown";
	}
}
