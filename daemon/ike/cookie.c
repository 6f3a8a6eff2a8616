// SPDX-License-Identifier: GPL-2.0-or-later
#include <netinet/in.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "common/log.h"
#include "ike/cookie.h"

static time_t now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

static void rotate(struct ike_cookies *c)
{
	time_t t = now();

	if (c->rotated && t - c->rotated < IKE_COOKIE_ROTATE)
		return;
	/* never a zero secret, not even as the "previous" one */
	if (c->rotated)
		memcpy(c->previous, c->secret, sizeof(c->secret));
	else
		RAND_bytes(c->previous, sizeof(c->previous));
	RAND_bytes(c->secret, sizeof(c->secret));
	c->version++;
	c->rotated = t;
}

/* The peer's address octets: what the cookie and the log slot bind to. */
static size_t addr_octets(const struct sockaddr_storage *peer,
			  const uint8_t **addr)
{
	if (peer->ss_family == AF_INET) {
		*addr = (const uint8_t *)&((const struct sockaddr_in *)peer)->sin_addr;
		return 4;
	}
	*addr = (const uint8_t *)&((const struct sockaddr_in6 *)peer)->sin6_addr;
	return 16;
}

static void compute(const uint8_t *secret, uint8_t version,
		    const uint8_t *spi_i, const struct sockaddr_storage *peer,
		    const uint8_t *ni, size_t ni_len, uint8_t *out)
{
	uint8_t data[256 + 16 + 8];
	const uint8_t *addr;
	size_t alen = addr_octets(peer, &addr);
	unsigned int mac_len = 32;

	memcpy(data, ni, ni_len);
	memcpy(data + ni_len, addr, alen);
	memcpy(data + ni_len + alen, spi_i, 8);
	out[0] = version;
	HMAC(EVP_sha256(), secret, 32, data, ni_len + alen + 8, out + 1,
	     &mac_len);
}

void ike_cookie_make(struct ike_cookies *c, const uint8_t *spi_i,
		     const struct sockaddr_storage *peer, const uint8_t *ni,
		     size_t ni_len, uint8_t out[IKE_COOKIE_LEN])
{
	rotate(c);
	compute(c->secret, c->version, spi_i, peer, ni, ni_len, out);
}

bool ike_cookie_check(struct ike_cookies *c, const uint8_t *spi_i,
		      const struct sockaddr_storage *peer, const uint8_t *ni,
		      size_t ni_len, const uint8_t *cookie, size_t len)
{
	uint8_t expect[IKE_COOKIE_LEN];
	const uint8_t *secret;

	if (len != IKE_COOKIE_LEN || !c->rotated)
		return false;
	if (cookie[0] == c->version)
		secret = c->secret;
	else if (cookie[0] == (uint8_t)(c->version - 1))
		secret = c->previous;
	else
		return false;
	compute(secret, cookie[0], spi_i, peer, ni, ni_len, expect);
	return !CRYPTO_memcmp(expect, cookie, IKE_COOKIE_LEN);
}

void ike_cookie_log_refusal(struct ike_cookies *c,
			    const struct sockaddr_storage *peer,
			    const char *why, const char *from)
{
	const uint8_t *addr;
	size_t alen = addr_octets(peer, &addr);
	unsigned int slot = 0;
	time_t t = now();

	for (size_t i = 0; i < alen; i++)
		slot = slot * 31 + addr[i];
	slot %= IKE_REFUSAL_LOG_SLOTS;
	if (!memcmp(&c->refusals[slot].peer, peer, sizeof(*peer)) &&
	    t - c->refusals[slot].logged < IKE_REFUSAL_LOG_INTERVAL)
		return;
	c->refusals[slot].peer = *peer;
	c->refusals[slot].logged = t;
	log_warning("refused IKE_SA_INIT from %s: %s", from, why);
}

void ike_cookies_destroy(struct ike_cookies *c)
{
	explicit_bzero(c, sizeof(*c));
}
