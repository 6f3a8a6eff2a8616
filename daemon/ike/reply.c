// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Responses: build, protect (SK payload), send, and keep the last one
 * so a retransmitted request is answered with the very same octets
 * (RFC 7296 §2.1).  Also the opening of received SK payloads.
 */
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/xalloc.h"
#include "ike/crypto_sk.h"
#include "ike/engine_internal.h"

static bool reply_is_protected(const struct ike_rx *rx)
{
	return rx->sa && rx->msg->hdr.exchange_type != IKEV2_EXCH_IKE_SA_INIT;
}

void ike_reply_begin(struct ike_rx *rx, struct ike_writer *w)
{
	const struct ike_header *req = &rx->msg->hdr;
	struct ike_header h = {
		.exchange_type = req->exchange_type,
		.flags = IKEV2_FLAG_RESPONSE,
		.message_id = req->message_id,
	};

	memcpy(h.spi_i, req->spi_i, 8);
	if (rx->sa)
		memcpy(h.spi_r, rx->sa->spi_r, 8);
	if (rx->sa && rx->sa->initiator)
		h.flags |= IKEV2_FLAG_INITIATOR;
	ike_writer_init(w, rx->e->out, sizeof(rx->e->out));
	ike_write_header(w, &h);
	if (reply_is_protected(rx))
		ike_sk_begin(w, rx->sa->suite.encr->iv_len);
}

int ike_seal(struct ike_engine *e, struct ike_sa *sa, struct ike_writer *w,
	     size_t *len)
{
	struct crypto_sk_key key = keymat_ike_sk_key(&sa->km, sa->initiator);
	struct ike_sk_span span;
	size_t iv_len, sealed;

	ike_sk_end(w, &span);
	if (w->err.code != IKE_OK)
		return -1;
	iv_len = span.plaintext_offset - span.iv_offset;
	memcpy(e->inner, w->buf + span.plaintext_offset, span.plaintext_len);
	sealed = crypto_sk_sealed_len(&key, span.plaintext_len);
	if (!ike_sk_extend(w, &span, sealed - iv_len - span.plaintext_len) ||
	    ike_writer_finish(w, len) < 0)
		return -1;
	if (crypto_sk_encrypt(&key, NULL, w->buf, w->cap, span.iv_offset,
			      e->inner, span.plaintext_len, len) != CRYPTO_OK)
		return -1;
	explicit_bzero(e->inner, span.plaintext_len);
	return 0;
}

int ike_reply_send(struct ike_rx *rx, struct ike_writer *w)
{
	struct ike_sa *sa = rx->sa;
	size_t len;

	if (reply_is_protected(rx) ? ike_seal(rx->e, sa, w, &len) :
				     ike_writer_finish(w, &len)) {
		log_error("building an IKE response failed: %s", w->err.message);
		return -1;
	}
	if (sa)
		ike_window_answered(&sa->window, rx->msg->hdr.message_id,
				    w->buf, len);
	ike_count(rx->e, IKE_CNT_TX);
	return ike_net_send(rx->e->net, &rx->local, &rx->peer, rx->natt,
			    w->buf, len);
}

void ike_reply_notify(struct ike_rx *rx, uint16_t type, const void *data,
		      size_t len)
{
	struct ike_writer w;

	ike_reply_begin(rx, &w);
	ike_put_notify(&w, IKEV2_PROTO_NONE, NULL, 0, type, data, len);
	ike_reply_send(rx, &w);
}

int ike_rx_open(struct ike_rx *rx)
{
	struct ike_sa *sa = rx->sa;
	const struct ike_payload *sk;
	struct crypto_sk_key key;
	struct ike_codec_error err;
	size_t plain_len;
	enum crypto_status st;

	sk = ike_message_find(rx->msg, IKEV2_PT_SK, NULL);
	if (!sk) {
		ike_count(rx->e, IKE_CNT_BAD_PAYLOADS);
		return -1;
	}
	key = keymat_ike_sk_key(&sa->km, !sa->initiator);
	st = crypto_sk_decrypt(&key, rx->data, rx->len, sk->header_offset + 4,
			       rx->e->plain, sizeof(rx->e->plain), &plain_len);
	if (st != CRYPTO_OK) {
		ike_count(rx->e, IKE_CNT_INTEGRITY_FAILED);
		return -1;
	}
	rx->e->plain_len = plain_len;
	if (ike_parse_inner(rx->msg, sk->u.sk.first_inner_type, rx->e->plain,
			    plain_len, &err) < 0) {
		ike_count(rx->e, err.code == IKE_ERR_UNSUPPORTED_CRITICAL ?
			  IKE_CNT_UNSUPPORTED_CRITICAL : IKE_CNT_MALFORMED);
		log_info("malformed encrypted payloads: %s", err.message);
		/* RFC 7296 §2.21.2: an authentic request gets told why */
		if (!(rx->msg->hdr.flags & IKEV2_FLAG_RESPONSE))
			ike_reply_notify(rx, ike_codec_err_notify(err.code),
					 &err.payload_type,
					 err.code == IKE_ERR_UNSUPPORTED_CRITICAL ? 1 : 0);
		return -1;
	}
	return 0;
}

void ike_send_delete(struct ike_engine *e, struct ike_sa *sa)
{
	struct ike_writer w;
	size_t len;

	if (sa->state != IKE_SA_ESTABLISHED)
		return;
	ike_request_begin(e, sa, IKEV2_EXCH_INFORMATIONAL, &w);
	ike_put_delete(&w, IKEV2_PROTO_IKE, 0, 0, NULL);
	if (ike_seal(e, sa, &w, &len) < 0)
		return;
	sa->next_own_request_id++;
	ike_count(e, IKE_CNT_TX);
	ike_net_send(e->net, &sa->local, &sa->peer, sa->natt, w.buf, len);
}

const struct ike_payload *ike_error_notify(const struct ike_message *msg)
{
	const struct ike_payload *n = NULL;

	while ((n = ike_message_find(msg, IKEV2_PT_N, n)))
		if (n->u.notify.type < IKEV2_N_FIRST_STATUS)
			return n;
	return NULL;
}
