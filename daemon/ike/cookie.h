/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Stateless cookies (RFC 7296 §2.6) and the once-per-interval logging
 * of refused peers.  A cookie is a secret's version octet followed by
 * HMAC-SHA-256(secret, Ni | IPi | SPIi); the secret changes every few
 * minutes and the previous one is still accepted, so a client that
 * got a cookie just before the change is not turned away.
 */
#ifndef VGATE_IKE_COOKIE_H
#define VGATE_IKE_COOKIE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <time.h>

#define IKE_COOKIE_LEN		33
#define IKE_COOKIE_ROTATE	300	/* seconds per secret */
#define IKE_REFUSAL_LOG_SLOTS	256
#define IKE_REFUSAL_LOG_INTERVAL 60	/* seconds between log lines per peer */

struct ike_cookies {
	uint8_t version;
	uint8_t secret[32], previous[32];
	time_t rotated;
	struct {
		struct sockaddr_storage peer;
		time_t logged;
	} refusals[IKE_REFUSAL_LOG_SLOTS];
};

void ike_cookie_make(struct ike_cookies *c, const uint8_t *spi_i,
		     const struct sockaddr_storage *peer, const uint8_t *ni,
		     size_t ni_len, uint8_t out[IKE_COOKIE_LEN]);

bool ike_cookie_check(struct ike_cookies *c, const uint8_t *spi_i,
		      const struct sockaddr_storage *peer, const uint8_t *ni,
		      size_t ni_len, const uint8_t *cookie, size_t len);

/* Logs "refused FROM: WHY" unless this peer was logged recently. */
void ike_cookie_log_refusal(struct ike_cookies *c,
			    const struct sockaddr_storage *peer,
			    const char *why, const char *from);

/* Wipes the secrets. */
void ike_cookies_destroy(struct ike_cookies *c);

#endif
