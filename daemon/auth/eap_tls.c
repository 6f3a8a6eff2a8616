// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * EAP-TLS as server (RFC 5216; TLS 1.3 as RFC 9190).  OpenSSL runs the
 * handshake over two memory BIOs; this file does the EAP-TLS framing:
 * flags, reassembly of the client's fragments, our fragments of 1000
 * octets with the ACK round trips between them, and the MSK.
 *
 * Interop with strongSwan 5.9.8 (Debian bookworm's charon, its own TLS
 * stack libtls), from its sources:
 *  - TLS 1.2 only by default: src/libtls/tls.c determine_versions()
 *    caps version_max at 1.2 "until 1.3 is stable for use in EAP" unless
 *    charon.tls.version_max says otherwise.
 *  - With 1.3 forced, 5.9.8 is pre-RFC 9190: its MSK is the TLS exporter
 *    with label "client EAP encryption" and no context
 *    (src/libtls/tls_crypto.c derive_app_keys()), and its eap-tls plugin
 *    has no TLS application, so the commitment message crashes it
 *    (tls_fragmentation.c process_application(); seen with Debian's
 *    libtls).  Both fixed in 5.9.10 (commits 06abdf1d31, 5401a74d36).
 *    So eap_tls_ctx_new() caps at 1.2; the 1.3 code here is RFC 9190's.
 *  - Its fragments are EAP-TLS packets of 1024 octets with the L flag on
 *    every first fragment and, by default, on unfragmented messages too;
 *    it acknowledges ours with an empty response and expects ours
 *    (src/libtls/tls_eap.c build_pkt(), create_ack(); eap_tls.c
 *    MAX_FRAGMENT_LEN).  It handles at most 32 EAP-TLS messages.
 *  - After our last handshake flight it answers with an empty response,
 *    and we end with EAP-Success (tls_eap.c process()).
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "auth/eap_method.h"
#include "common/log.h"

#define FLAG_LENGTH		0x80	/* a 4-octet total length follows */
#define FLAG_MORE		0x40	/* more fragments follow */
#define FLAG_START		0x20	/* ours only, in the first request */
#define FRAGMENT_MAX		1000	/* TLS octets in one of our requests */
#define REASSEMBLY_MAX		(64 * 1024)
#define KEY_MATERIAL_LEN	128	/* MSK || EMSK */

enum tls_phase {
	PHASE_RECEIVING,	/* the client's next TLS data is due */
	PHASE_SENDING,		/* a fragment of ours is out; its ACK is due */
	PHASE_FINAL_ACK,	/* all sent, handshake done; the ACK ends it */
};

struct eap_tls {
	SSL *ssl;
	BIO *to_tls;		/* the client's octets, for OpenSSL to read */
	BIO *from_tls;		/* OpenSSL's output, for the client */
	enum tls_phase phase;
	bool handshake_done;
	uint8_t *rx;		/* the client's message being reassembled */
	size_t rx_len;
	uint32_t rx_total;	/* from the L flag; 0: none given */
	bool rx_fragmented;
	uint8_t *tx;		/* our message being fragmented */
	size_t tx_len, tx_sent;
	uint8_t msk[EAP_MSK_LEN];
	int verify_error;	/* the first one OpenSSL reported */
	int verify_depth;
	char verify_subject[128];	/* the client certificate's subject */
};

/* NAME as text, in the form conf_dn_format() gives IKE identities. */
static void name_to_text(const X509_NAME *name, char *buf, size_t size)
{
	BIO *bio = BIO_new(BIO_s_mem());
	int n = -1;

	if (bio && X509_NAME_print_ex(bio, name, 0,
				      XN_FLAG_ONELINE & ~XN_FLAG_SPC_EQ) >= 0)
		n = BIO_read(bio, buf, (int)size - 1);
	buf[n > 0 ? n : 0] = '\0';
	BIO_free(bio);
}

/* Keeps the first error OpenSSL finds in the client's chain, for the log. */
static int remember_verify_error(int ok, X509_STORE_CTX *store)
{
	SSL *ssl = X509_STORE_CTX_get_ex_data(store,
					SSL_get_ex_data_X509_STORE_CTX_idx());
	struct eap_tls *st = ssl ? SSL_get_app_data(ssl) : NULL;
	X509 *leaf = X509_STORE_CTX_get0_cert(store);

	if (!ok && st && st->verify_error == X509_V_OK) {
		st->verify_error = X509_STORE_CTX_get_error(store);
		st->verify_depth = X509_STORE_CTX_get_error_depth(store);
		if (leaf)
			name_to_text(X509_get_subject_name(leaf),
				     st->verify_subject,
				     sizeof(st->verify_subject));
	}
	return ok;
}

static void free_tx(struct eap_tls *st)
{
	free(st->tx);
	st->tx = NULL;
	st->tx_len = st->tx_sent = 0;
}

static void free_rx(struct eap_tls *st)
{
	OPENSSL_clear_free(st->rx, st->rx_len);
	st->rx = NULL;
	st->rx_len = 0;
	st->rx_total = 0;
	st->rx_fragmented = false;
}

static enum eap_method_result start(struct eap_server *s, struct eap_out *out)
{
	struct eap_tls *st = calloc(1, sizeof(*st));

	if (!st || !s->p.tls_ctx || out->cap < 1) {
		free(st);
		eap_server_fail(s, EAP_FAIL_PROTOCOL, "EAP-TLS: %s",
				s->p.tls_ctx ? "out of memory" : "no TLS context");
		return EAP_METHOD_FAILURE;
	}
	st->ssl = SSL_new(s->p.tls_ctx);
	st->to_tls = BIO_new(BIO_s_mem());
	st->from_tls = BIO_new(BIO_s_mem());
	if (!st->ssl || !st->to_tls || !st->from_tls) {
		SSL_free(st->ssl);
		BIO_free(st->to_tls);
		BIO_free(st->from_tls);
		free(st);
		eap_server_fail(s, EAP_FAIL_PROTOCOL, "EAP-TLS: out of memory");
		return EAP_METHOD_FAILURE;
	}
	SSL_set_bio(st->ssl, st->to_tls, st->from_tls);	/* SSL owns them */
	s->method_state = st;
	SSL_set_app_data(st->ssl, st);
	SSL_set_verify(st->ssl, SSL_get_verify_mode(st->ssl),
		       remember_verify_error);
	SSL_set_num_tickets(st->ssl, 0);	/* even on a context not ours */
	SSL_set_accept_state(st->ssl);
	st->phase = PHASE_RECEIVING;
	out->data[0] = FLAG_START;
	out->len = 1;
	return EAP_METHOD_CONTINUE;
}

/* An empty request: "go on" for the client's next fragment. */
static enum eap_method_result send_ack(struct eap_out *out)
{
	out->data[0] = 0;
	out->len = 1;
	return EAP_METHOD_CONTINUE;
}

static enum eap_method_result send_fragment(struct eap_server *s,
					    struct eap_tls *st,
					    struct eap_out *out)
{
	size_t left = st->tx_len - st->tx_sent;
	size_t n = left < FRAGMENT_MAX ? left : FRAGMENT_MAX;
	bool first = st->tx_sent == 0, more = n < left;
	size_t at = 1;

	if (out->cap < 1 + 4 + FRAGMENT_MAX) {
		eap_server_fail(s, EAP_FAIL_PROTOCOL,
				"EAP-TLS: no room for a fragment (%zu octets)",
				out->cap);
		return EAP_METHOD_FAILURE;
	}
	out->data[0] = more ? FLAG_MORE : 0;
	if (first && more) {
		out->data[0] |= FLAG_LENGTH;
		out->data[1] = (uint8_t)(st->tx_len >> 24);
		out->data[2] = (uint8_t)(st->tx_len >> 16);
		out->data[3] = (uint8_t)(st->tx_len >> 8);
		out->data[4] = (uint8_t)st->tx_len;
		at = 5;
	}
	memcpy(out->data + at, st->tx + st->tx_sent, n);
	out->len = at + n;
	st->tx_sent += n;
	if (more) {
		st->phase = PHASE_SENDING;
	} else {
		free_tx(st);
		st->phase = st->handshake_done ? PHASE_FINAL_ACK
					       : PHASE_RECEIVING;
	}
	return EAP_METHOD_CONTINUE;
}

/* Why the handshake failed, told to the framework. */
static enum eap_method_result handshake_failed(struct eap_server *s,
					       struct eap_tls *st)
{
	unsigned long e = ERR_peek_last_error();
	const char *why = e ? ERR_reason_error_string(e) : NULL;

	if (st->verify_error != X509_V_OK) {
		eap_server_fail(s, EAP_FAIL_BAD_CREDENTIALS,
				"EAP-TLS: client certificate %s rejected: %s%s",
				st->verify_subject,
				X509_verify_cert_error_string(st->verify_error),
				st->verify_depth ? " (in its chain)" : "");
	} else if (ERR_GET_REASON(e) == SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE) {
		eap_server_fail(s, EAP_FAIL_BAD_CREDENTIALS,
				"EAP-TLS: the client sent no certificate");
	} else {
		eap_server_fail(s, EAP_FAIL_PROTOCOL,
				"EAP-TLS: TLS handshake failed: %s",
				why ? why : "unknown error");
	}
	ERR_clear_error();
	return EAP_METHOD_FAILURE;
}

/*
 * The MSK: RFC 5216 §2.3 for TLS 1.2 (the PRF with "client EAP
 * encryption" over client_random || server_random, which is OpenSSL's
 * exporter without context), RFC 9190 §2.3 for TLS 1.3.
 */
static bool export_msk(struct eap_tls *st)
{
	static const char label12[] = "client EAP encryption";
	static const char label13[] = "EXPORTER_EAP_TLS_Key_Material";
	static const uint8_t type_code = EAP_TYPE_TLS;
	uint8_t km[KEY_MATERIAL_LEN];
	bool ok;

	if (SSL_version(st->ssl) >= TLS1_3_VERSION)
		ok = SSL_export_keying_material(st->ssl, km, sizeof(km),
						label13, sizeof(label13) - 1,
						&type_code, 1, 1) == 1;
	else
		ok = SSL_export_keying_material(st->ssl, km, sizeof(km),
						label12, sizeof(label12) - 1,
						NULL, 0, 0) == 1;
	if (ok)
		memcpy(st->msk, km, EAP_MSK_LEN);
	OPENSSL_cleanse(km, sizeof(km));
	return ok;
}

/* The handshake is done: check the client, make the MSK, commit (1.3). */
static enum eap_method_result handshake_done(struct eap_server *s,
					     struct eap_tls *st)
{
	static const uint8_t commitment = 0x00;	/* RFC 9190 §2.5 */
	X509 *peer = SSL_get0_peer_certificate(st->ssl);
	char subject[128];

	st->handshake_done = true;
	if (!peer || SSL_get_verify_result(st->ssl) != X509_V_OK) {
		eap_server_fail(s, EAP_FAIL_BAD_CREDENTIALS,
				"EAP-TLS: no verified client certificate");
		return EAP_METHOD_FAILURE;
	}
	/*
	 * The EAP identity is only what the client claimed; the certificate
	 * is what it proved, so authorization by that identity is sound only
	 * if the certificate names it (DNS or email subjectAltName, or the
	 * subject's CN when it has no subjectAltName).
	 */
	name_to_text(X509_get_subject_name(peer), subject, sizeof(subject));
	if (X509_check_host(peer, s->identity, 0,
			    X509_CHECK_FLAG_NO_WILDCARDS, NULL) != 1 &&
	    X509_check_email(peer, s->identity, 0, 0) != 1) {
		eap_server_fail(s, EAP_FAIL_BAD_CREDENTIALS,
				"EAP-TLS: certificate %s does not name the identity \"%s\"",
				subject, s->identity);
		return EAP_METHOD_FAILURE;
	}
	log_info("EAP-TLS: verified client certificate %s (%s, %s)", subject,
		 SSL_get_version(st->ssl), SSL_get_cipher_name(st->ssl));
	if (SSL_version(st->ssl) >= TLS1_3_VERSION &&
	    SSL_write(st->ssl, &commitment, 1) != 1)
		return handshake_failed(s, st);
	if (!export_msk(st)) {
		eap_server_fail(s, EAP_FAIL_PROTOCOL,
				"EAP-TLS: cannot export the MSK (%s)",
				SSL_get_version(st->ssl));
		ERR_clear_error();
		return EAP_METHOD_FAILURE;
	}
	return EAP_METHOD_CONTINUE;
}

/* Hands the client's whole message to OpenSSL and sends what it answers. */
static enum eap_method_result run_tls(struct eap_server *s, struct eap_tls *st,
				      struct eap_out *out)
{
	int r, pending;

	if (BIO_write(st->to_tls, st->rx, (int)st->rx_len) != (int)st->rx_len) {
		eap_server_fail(s, EAP_FAIL_PROTOCOL, "EAP-TLS: out of memory");
		return EAP_METHOD_FAILURE;
	}
	free_rx(st);
	ERR_clear_error();
	r = SSL_do_handshake(st->ssl);
	if (r == 1) {
		if (handshake_done(s, st) == EAP_METHOD_FAILURE)
			return EAP_METHOD_FAILURE;
	} else if (SSL_get_error(st->ssl, r) != SSL_ERROR_WANT_READ) {
		/*
		 * OpenSSL has an alert for the client in from_tls; RFC 5216
		 * §2.1.3 says we SHOULD send it and fail after the client's
		 * answer.  strongSwan's client does not answer an alert (its
		 * method fails, eap_authenticator.c client_process_eap()), so
		 * the exchange would hang: EAP-Failure now.
		 */
		return handshake_failed(s, st);
	}
	pending = BIO_pending(st->from_tls);
	if (pending <= 0)
		return send_ack(out);	/* OpenSSL wants more of the client */
	st->tx = malloc((size_t)pending);
	if (!st->tx || BIO_read(st->from_tls, st->tx, pending) != pending) {
		free_tx(st);
		eap_server_fail(s, EAP_FAIL_PROTOCOL, "EAP-TLS: out of memory");
		return EAP_METHOD_FAILURE;
	}
	st->tx_len = (size_t)pending;
	st->tx_sent = 0;
	return send_fragment(s, st, out);
}

/* One fragment of the client's TLS data; L already parsed. */
static enum eap_method_result receive(struct eap_server *s, struct eap_tls *st,
				      uint8_t flags, uint32_t total,
				      const uint8_t *p, size_t n,
				      struct eap_out *out)
{
	uint8_t *grown;

	if (n == 0) {
		eap_server_fail(s, EAP_FAIL_PROTOCOL, "EAP-TLS: %s",
				flags & FLAG_MORE ? "an empty fragment" :
				"an acknowledgement when TLS data was due");
		return EAP_METHOD_FAILURE;
	}
	if (!st->rx_fragmented) {
		if ((flags & FLAG_MORE) && !(flags & FLAG_LENGTH)) {
			eap_server_fail(s, EAP_FAIL_PROTOCOL,
					"EAP-TLS: a first fragment without the L flag");
			return EAP_METHOD_FAILURE;
		}
		if ((flags & FLAG_LENGTH) && total > REASSEMBLY_MAX) {
			eap_server_fail(s, EAP_FAIL_PROTOCOL,
					"EAP-TLS: the client announces %u octets, more than %u",
					total, REASSEMBLY_MAX);
			return EAP_METHOD_FAILURE;
		}
		st->rx_total = flags & FLAG_LENGTH ? total : 0;
	} else if ((flags & FLAG_LENGTH) && total != st->rx_total) {
		eap_server_fail(s, EAP_FAIL_PROTOCOL,
				"EAP-TLS: the message length changed from %u to %u",
				st->rx_total, total);
		return EAP_METHOD_FAILURE;
	}
	if (st->rx_len + n > REASSEMBLY_MAX ||
	    (st->rx_total && st->rx_len + n > st->rx_total)) {
		eap_server_fail(s, EAP_FAIL_PROTOCOL,
				"EAP-TLS: the client's message exceeds %s",
				st->rx_total ? "its announced length" : "64 KiB");
		return EAP_METHOD_FAILURE;
	}
	grown = realloc(st->rx, st->rx_len + n);
	if (!grown) {
		eap_server_fail(s, EAP_FAIL_PROTOCOL, "EAP-TLS: out of memory");
		return EAP_METHOD_FAILURE;
	}
	st->rx = grown;
	memcpy(st->rx + st->rx_len, p, n);
	st->rx_len += n;
	if (flags & FLAG_MORE) {
		st->rx_fragmented = true;
		return send_ack(out);
	}
	if (st->rx_total && st->rx_len != st->rx_total) {
		eap_server_fail(s, EAP_FAIL_PROTOCOL,
				"EAP-TLS: the client's message has %zu octets, %u announced",
				st->rx_len, st->rx_total);
		return EAP_METHOD_FAILURE;
	}
	return run_tls(s, st, out);
}

/* Data where only an ACK belongs; an alert in it makes a better log. */
static enum eap_method_result not_an_ack(struct eap_server *s,
					 struct eap_tls *st, const uint8_t *p,
					 size_t n)
{
	uint8_t sink[16];
	unsigned long e;

	ERR_clear_error();
	if (n <= REASSEMBLY_MAX && BIO_write(st->to_tls, p, (int)n) == (int)n)
		(void)SSL_read(st->ssl, sink, sizeof(sink));
	e = ERR_peek_last_error();
	eap_server_fail(s, EAP_FAIL_PROTOCOL,
			"EAP-TLS: %zu octets where an acknowledgement was due%s%s",
			n, e ? ": " : "", e ? ERR_reason_error_string(e) : "");
	ERR_clear_error();
	OPENSSL_cleanse(sink, sizeof(sink));
	return EAP_METHOD_FAILURE;
}

static enum eap_method_result input(struct eap_server *s, const uint8_t *data,
				    size_t len, struct eap_out *out)
{
	struct eap_tls *st = s->method_state;
	uint32_t total = 0;
	uint8_t flags;

	if (!st || len < 1) {
		eap_server_fail(s, EAP_FAIL_PROTOCOL,
				"EAP-TLS: a response without flags");
		return EAP_METHOD_FAILURE;
	}
	flags = data[0];
	data++;
	len--;
	if (flags & FLAG_START) {
		eap_server_fail(s, EAP_FAIL_PROTOCOL,
				"EAP-TLS: the client set the Start flag");
		return EAP_METHOD_FAILURE;
	}
	if (flags & FLAG_LENGTH) {
		if (len < 4) {
			eap_server_fail(s, EAP_FAIL_PROTOCOL,
					"EAP-TLS: the L flag without a length");
			return EAP_METHOD_FAILURE;
		}
		total = (uint32_t)data[0] << 24 | (uint32_t)data[1] << 16 |
			(uint32_t)data[2] << 8 | data[3];
		data += 4;
		len -= 4;
	}
	switch (st->phase) {
	case PHASE_SENDING:
		if (len || (flags & FLAG_MORE))
			return not_an_ack(s, st, data, len);
		return send_fragment(s, st, out);
	case PHASE_FINAL_ACK:
		if (len || (flags & FLAG_MORE))
			return not_an_ack(s, st, data, len);
		eap_server_set_msk(s, st->msk, EAP_MSK_LEN);
		OPENSSL_cleanse(st->msk, sizeof(st->msk));
		return EAP_METHOD_SUCCESS;
	case PHASE_RECEIVING:
		break;
	}
	return receive(s, st, flags, total, data, len, out);
}

static void tls_free(struct eap_server *s)
{
	struct eap_tls *st = s->method_state;

	if (!st)
		return;
	SSL_free(st->ssl);	/* and both BIOs; OpenSSL wipes its secrets */
	free_rx(st);
	free_tx(st);
	OPENSSL_cleanse(st, sizeof(*st));
	free(st);
	s->method_state = NULL;
}

const struct eap_method_ops eap_tls_ops = {
	.type = EAP_TYPE_TLS,
	.start = start,
	.input = input,
	.free = tls_free,
};
