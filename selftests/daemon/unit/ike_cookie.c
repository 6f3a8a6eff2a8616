// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Stateless cookies (daemon/ike/cookie.c, RFC 7296 §2.6): a cookie is
 * accepted back only for the same SPIi, nonce and address, and under
 * the current or the previous secret.
 */
#include <arpa/inet.h>
#include <netinet/in.h>

#include "kselftest_harness.h"

#include "ike/cookie.h"

TEST(cookie_binds_spi_nonce_and_address)
{
	static struct ike_cookies c;
	struct sockaddr_storage peer = { 0 }, other;
	struct sockaddr_in *sin = (struct sockaddr_in *)&peer;
	uint8_t spi[8] = { 1, 2, 3, 4, 5, 6, 7, 8 }, nonce[32] = { 9 };
	uint8_t cookie[IKE_COOKIE_LEN];

	sin->sin_family = AF_INET;
	inet_pton(AF_INET, "192.0.2.7", &sin->sin_addr);
	ike_cookie_make(&c, spi, &peer, nonce, sizeof(nonce), cookie);
	EXPECT_TRUE(ike_cookie_check(&c, spi, &peer, nonce, sizeof(nonce),
				     cookie, sizeof(cookie)));
	EXPECT_FALSE(ike_cookie_check(&c, spi, &peer, nonce, sizeof(nonce),
				      cookie, sizeof(cookie) - 1));
	nonce[0]++;
	EXPECT_FALSE(ike_cookie_check(&c, spi, &peer, nonce, sizeof(nonce),
				      cookie, sizeof(cookie)));
	nonce[0]--;
	spi[7]++;
	EXPECT_FALSE(ike_cookie_check(&c, spi, &peer, nonce, sizeof(nonce),
				      cookie, sizeof(cookie)));
	spi[7]--;
	other = peer;
	inet_pton(AF_INET, "192.0.2.8", &((struct sockaddr_in *)&other)->sin_addr);
	EXPECT_FALSE(ike_cookie_check(&c, spi, &other, nonce, sizeof(nonce),
				      cookie, sizeof(cookie)));
	cookie[5] ^= 1;
	EXPECT_FALSE(ike_cookie_check(&c, spi, &peer, nonce, sizeof(nonce),
				      cookie, sizeof(cookie)));
	ike_cookies_destroy(&c);
}

TEST(no_cookie_before_any_was_made)
{
	static struct ike_cookies c;
	struct sockaddr_storage peer = { .ss_family = AF_INET };
	uint8_t spi[8] = { 0 }, nonce[16] = { 0 }, forged[IKE_COOKIE_LEN] = { 0 };

	EXPECT_FALSE(ike_cookie_check(&c, spi, &peer, nonce, sizeof(nonce),
				      forged, sizeof(forged)));
}

TEST_HARNESS_MAIN
