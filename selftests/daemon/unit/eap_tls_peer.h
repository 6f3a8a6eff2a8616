/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The other end for the EAP-TLS tests: an OpenSSL client over memory
 * BIOs that speaks EAP-TLS framing (RFC 5216 §3.1/3.2) written here,
 * independently of daemon/auth/eap_tls.c.  It answers the server's
 * Type-Data with its own, fragments to FRAG octets of TLS data (the L
 * flag on each first fragment, and on unfragmented messages too when
 * L_ALWAYS, as strongSwan does), acknowledges the server's fragments,
 * and checks the server's framing as it goes.
 */
#ifndef VGATE_TEST_EAP_TLS_PEER_H
#define VGATE_TEST_EAP_TLS_PEER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#define PEER_L		0x80
#define PEER_M		0x40
#define PEER_S		0x20

struct peer {
	SSL_CTX *ctx;
	SSL *ssl;
	BIO *in, *out;
	size_t frag;		/* TLS octets per fragment of ours */
	bool l_always;
	bool started, done;
	uint8_t commitment;	/* TLS 1.3: what the server committed with */
	bool got_commitment;
	uint8_t tx[65536];	/* our message being fragmented */
	size_t tx_len, tx_sent;
	uint8_t rx[65536];	/* the server's message being reassembled */
	size_t rx_len;
	uint32_t rx_total;
	/* what the server did, for the tests to check */
	unsigned int server_fragments;	/* requests with M set */
	unsigned int our_fragments;	/* responses with M set */
	char error[200];		/* why the peer gave up */
};

/*
 * A client trusting ROOT, authenticating with CHAIN/KEY (NULL: none),
 * at most MAX_VERSION (0: OpenSSL's highest).
 */
static bool peer_init(struct peer *p, const char *root, const char *chain,
		      const char *key, int max_version)
{
	memset(p, 0, sizeof(*p));
	p->frag = 1014;		/* strongSwan's 1024-octet packets */
	p->ctx = SSL_CTX_new(TLS_client_method());
	if (!p->ctx)
		return false;
	SSL_CTX_set_verify(p->ctx, SSL_VERIFY_PEER, NULL);
	if (SSL_CTX_load_verify_locations(p->ctx, root, NULL) != 1)
		return false;
	if (chain && (SSL_CTX_use_certificate_chain_file(p->ctx, chain) != 1 ||
		      SSL_CTX_use_PrivateKey_file(p->ctx, key,
						  SSL_FILETYPE_PEM) != 1))
		return false;
	if (max_version)
		SSL_CTX_set_max_proto_version(p->ctx, max_version);
	p->ssl = SSL_new(p->ctx);
	p->in = BIO_new(BIO_s_mem());
	p->out = BIO_new(BIO_s_mem());
	if (!p->ssl || !p->in || !p->out)
		return false;
	SSL_set_bio(p->ssl, p->in, p->out);
	SSL_set_connect_state(p->ssl);
	return true;
}

static void peer_free(struct peer *p)
{
	SSL_free(p->ssl);
	SSL_CTX_free(p->ctx);
}

static bool peer_fail(struct peer *p, const char *why)
{
	unsigned long e = ERR_peek_last_error();

	snprintf(p->error, sizeof(p->error), "peer: %s%s%s", why,
		 e ? ": " : "", e ? ERR_reason_error_string(e) : "");
	ERR_clear_error();
	return false;
}

/* The next fragment of p->tx as Type-Data into RESP. */
static void peer_send_fragment(struct peer *p, uint8_t *resp, size_t *len)
{
	size_t left = p->tx_len - p->tx_sent;
	size_t n = left < p->frag ? left : p->frag;
	bool first = p->tx_sent == 0, more = n < left;
	size_t at = 1;

	resp[0] = more ? PEER_M : 0;
	if (first && (more || p->l_always)) {
		resp[0] |= PEER_L;
		resp[1] = (uint8_t)(p->tx_len >> 24);
		resp[2] = (uint8_t)(p->tx_len >> 16);
		resp[3] = (uint8_t)(p->tx_len >> 8);
		resp[4] = (uint8_t)p->tx_len;
		at = 5;
	}
	memcpy(resp + at, p->tx + p->tx_sent, n);
	p->tx_sent += n;
	p->our_fragments += more;
	*len = at + n;
	if (!more)
		p->tx_len = p->tx_sent = 0;
}

/* Runs OpenSSL on what the server sent; our answer (or an ACK) in RESP. */
static bool peer_run_tls(struct peer *p, uint8_t *resp, size_t *len)
{
	int r, pending;

	if (!p->done) {
		r = SSL_do_handshake(p->ssl);
		if (r == 1)
			p->done = true;
		else if (SSL_get_error(p->ssl, r) != SSL_ERROR_WANT_READ &&
			 (peer_fail(p, "handshake"), BIO_pending(p->out) <= 0))
			return false;	/* else the alert goes out */
	}
	if (p->done && BIO_pending(p->in) > 0) {
		r = SSL_read(p->ssl, &p->commitment, 1);
		if (r == 1)
			p->got_commitment = true;
		else if (SSL_get_error(p->ssl, r) != SSL_ERROR_WANT_READ)
			return peer_fail(p, "reading after the handshake");
	}
	pending = BIO_pending(p->out);
	if (pending > 0) {
		if ((size_t)pending > sizeof(p->tx))
			return peer_fail(p, "our flight is too large");
		p->tx_len = (size_t)BIO_read(p->out, p->tx, pending);
		p->tx_sent = 0;
		peer_send_fragment(p, resp, len);
	} else {
		resp[0] = 0;	/* ACK */
		*len = 1;
	}
	return true;
}

/*
 * The Response to the server's Request Type-Data REQ (LEN octets) into
 * RESP (at least p->frag + 5 octets); false when the peer gives up.
 */
static bool peer_respond(struct peer *p, const uint8_t *req, size_t len,
			 uint8_t *resp, size_t *resp_len)
{
	uint8_t flags;
	size_t at = 1;

	if (len < 1)
		return peer_fail(p, "a request without flags");
	flags = req[0];
	if (flags & PEER_S) {
		if (p->started || len != 1 || flags != PEER_S)
			return peer_fail(p, "a malformed or second Start");
		p->started = true;
		return peer_run_tls(p, resp, resp_len);
	}
	if (!p->started)
		return peer_fail(p, "no Start first");
	if (len == 1 && flags == 0 && p->tx_len) {	/* ACK of ours */
		peer_send_fragment(p, resp, resp_len);
		return true;
	}
	if (p->tx_len)
		return peer_fail(p, "data while our fragments were pending");
	if (flags & PEER_L) {
		if (len < 5)
			return peer_fail(p, "L without a length");
		if (p->rx_len || !(flags & PEER_M))
			return peer_fail(p, "L on other than a first fragment");
		p->rx_total = (uint32_t)req[1] << 24 | (uint32_t)req[2] << 16 |
			      (uint32_t)req[3] << 8 | req[4];
		at = 5;
	} else if (!p->rx_len && (flags & PEER_M)) {
		return peer_fail(p, "a first fragment without L");
	}
	if (len - at > 1000)
		return peer_fail(p, "a fragment over 1000 octets");
	if (len == at)
		return peer_fail(p, "a request without TLS data");
	if (p->rx_len + len - at > sizeof(p->rx))
		return peer_fail(p, "too much data");
	memcpy(p->rx + p->rx_len, req + at, len - at);
	p->rx_len += len - at;
	if (flags & PEER_M) {
		if (len - at != 1000)
			return peer_fail(p, "a non-final fragment under 1000 octets");
		p->server_fragments++;
		resp[0] = 0;
		*resp_len = 1;
		return true;
	}
	if (p->rx_total && p->rx_total != p->rx_len)
		return peer_fail(p, "the server's length is wrong");
	BIO_write(p->in, p->rx, (int)p->rx_len);
	p->rx_len = 0;
	p->rx_total = 0;
	return peer_run_tls(p, resp, resp_len);
}

#endif
