// SPDX-License-Identifier: GPL-2.0-or-later
/* NAT detection (RFC 7296 §2.23): SHA-1(SPIi | SPIr | IP | port). */
#include <netinet/in.h>
#include <string.h>

#include <openssl/sha.h>

#include "ike/engine_internal.h"

void ike_natd_hash(const uint8_t *spi_i, const uint8_t *spi_r,
		   const struct sockaddr_storage *addr, uint8_t out[20])
{
	uint8_t buf[8 + 8 + 16 + 2];
	size_t len = 16;

	memcpy(buf, spi_i, 8);
	memcpy(buf + 8, spi_r, 8);
	if (addr->ss_family == AF_INET) {
		const struct sockaddr_in *sin = (const struct sockaddr_in *)addr;

		memcpy(buf + len, &sin->sin_addr, 4);
		memcpy(buf + len + 4, &sin->sin_port, 2);
		len += 6;
	} else {
		const struct sockaddr_in6 *sin6 =
			(const struct sockaddr_in6 *)addr;

		memcpy(buf + len, &sin6->sin6_addr, 16);
		memcpy(buf + len + 16, &sin6->sin6_port, 2);
		len += 18;
	}
	SHA1(buf, len, out);
}
