// SPDX-License-Identifier: GPL-2.0-or-later
#include "ike/crypto_status.h"

const char *crypto_status_name(enum crypto_status status)
{
	switch (status) {
	case CRYPTO_OK:
		return "ok";
	case CRYPTO_ERR_ARGUMENT:
		return "invalid-argument";
	case CRYPTO_ERR_BUFFER:
		return "buffer-too-small";
	case CRYPTO_ERR_LENGTH:
		return "wrong-length";
	case CRYPTO_ERR_RANGE:
		return "value-out-of-range";
	case CRYPTO_ERR_POINT:
		return "invalid-curve-point";
	case CRYPTO_ERR_ZERO_SECRET:
		return "all-zero-shared-secret";
	case CRYPTO_ERR_INTEGRITY:
		return "integrity-check-failed";
	case CRYPTO_ERR_PADDING:
		return "bad-padding";
	case CRYPTO_ERR_LIBRARY:
		return "crypto-library-failure";
	}
	return "unknown";
}
