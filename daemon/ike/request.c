// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Our own requests (RFC 7296 §2.1, §2.3): one at
 * a time (window 1), retransmitted until its response arrives or the
 * tries run out, then the caller's callback says which.  Liveness
 * checks (dpd.c) retransmit every DPD retry interval, as FlexVPN's
 * `dpd INTERVAL RETRY` does; other requests back off exponentially.
 */
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/xalloc.h"
#include "ike/engine_internal.h"

#define BACKOFF_FIRST	2u	/* seconds before the first retransmission */
#define BACKOFF_TRIES	5

static void arm(struct ike_sa *sa)
{
	struct ike_request *r = &sa->request;
	unsigned int wait = r->fixed_interval ? r->fixed_interval
					      : BACKOFF_FIRST << r->tries;
	struct timeval tv = { wait, 0 };

	evtimer_add(r->timer, &tv);
}

static void finish(struct ike_sa *sa, struct ike_rx *rx)
{
	struct ike_request *r = &sa->request;
	ike_request_done_fn done = r->done;

	evtimer_del(r->timer);
	free(r->data);
	r->data = NULL;
	r->active = false;
	done(sa, rx);	/* may destroy SA */
}

static void on_retransmit(evutil_socket_t fd, short what, void *arg)
{
	struct ike_sa *sa = arg;
	struct ike_request *r = &sa->request;

	(void)fd;
	(void)what;
	if (++r->tries > r->max_tries) {
		finish(sa, NULL);
		return;
	}
	ike_count(sa->engine, IKE_CNT_TX);
	ike_net_send(sa->engine->net, &sa->local, &sa->peer, sa->natt,
		     r->data, r->len);
	arm(sa);
}

void ike_request_begin(struct ike_engine *e, struct ike_sa *sa,
		       uint8_t exchange, struct ike_writer *w)
{
	struct ike_header h = {
		.exchange_type = exchange,
		.flags = sa->initiator ? IKEV2_FLAG_INITIATOR : 0,
		.message_id = sa->next_own_request_id,
	};

	memcpy(h.spi_i, sa->spi_i, 8);
	memcpy(h.spi_r, sa->spi_r, 8);
	sa->request.exchange = exchange;
	ike_writer_init(w, e->out, sizeof(e->out));
	ike_write_header(w, &h);
	if (exchange != IKEV2_EXCH_IKE_SA_INIT)
		ike_sk_begin(w, sa->suite.encr->iv_len);
}

int ike_request_send(struct ike_engine *e, struct ike_sa *sa,
		     struct ike_writer *w, unsigned int fixed_interval,
		     unsigned int max_tries, ike_request_done_fn done)
{
	struct ike_request *r = &sa->request;
	size_t len;

	if (r->active ||
	    (r->exchange == IKEV2_EXCH_IKE_SA_INIT ? ike_writer_finish(w, &len)
						   : ike_seal(e, sa, w, &len)) < 0)
		return -1;
	if (!r->timer)
		r->timer = evtimer_new(e->base, on_retransmit, sa);
	r->active = true;
	r->message_id = sa->next_own_request_id++;
	r->data = xmemdup(w->buf, len);
	r->len = len;
	r->tries = 0;
	r->max_tries = max_tries ? max_tries : BACKOFF_TRIES;
	r->fixed_interval = fixed_interval;
	r->done = done;
	ike_count(e, IKE_CNT_TX);
	ike_net_send(e->net, &sa->local, &sa->peer, sa->natt, w->buf, len);
	arm(sa);
	return 0;
}

void ike_request_response(struct ike_rx *rx)
{
	struct ike_sa *sa = rx->sa;
	struct ike_request *r = &sa->request;

	if (!r->active || rx->msg->hdr.message_id != r->message_id ||
	    rx->msg->hdr.exchange_type != r->exchange) {
		ike_count(rx->e, IKE_CNT_BAD_MESSAGE_ID);
		return;
	}
	if (r->exchange != IKEV2_EXCH_IKE_SA_INIT && ike_rx_open(rx) < 0)
		return;
	finish(sa, rx);
}

void ike_request_cancel(struct ike_sa *sa)
{
	struct ike_request *r = &sa->request;

	if (r->timer)
		event_free(r->timer);
	free(r->data);
	memset(r, 0, sizeof(*r));
}
