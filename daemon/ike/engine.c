// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The receive path and the engine's life.  A datagram is decoded, tied
 * to its SA, checked against the message-ID window (a retransmitted
 * request gets the cached response again, RFC 7296 §2.1), decrypted,
 * and handed to the transition table.  Nothing in the SA changes until
 * the message has authenticated.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/xalloc.h"
#include "dataplane/genl_access.h"
#include "dataplane/genl_templates.h"
#include "dataplane/rtnl.h"
#include "aaa/aaa.h"
#include "ike/engine_internal.h"
#include "ike/ra.h"

static const char *const counter_names[IKE_CNT_COUNT] = {
	[IKE_CNT_RX] = "rx",
	[IKE_CNT_TX] = "tx",
	[IKE_CNT_RETRANSMIT_ANSWERED] = "retransmit_answered",
	[IKE_CNT_MALFORMED] = "malformed",
	[IKE_CNT_UNKNOWN_SPI] = "unknown_spi",
	[IKE_CNT_BAD_MESSAGE_ID] = "bad_message_id",
	[IKE_CNT_INTEGRITY_FAILED] = "integrity_failed",
	[IKE_CNT_UNEXPECTED] = "unexpected_exchange",
	[IKE_CNT_BAD_PAYLOADS] = "bad_payloads",
	[IKE_CNT_UNSUPPORTED] = "unsupported",
	[IKE_CNT_NO_PROPOSAL_CHOSEN] = "no_proposal_chosen",
	[IKE_CNT_INVALID_KE] = "invalid_ke",
	[IKE_CNT_NO_PROFILE] = "no_profile",
	[IKE_CNT_AUTH_FAILED] = "auth_failed",
	[IKE_CNT_TS_UNACCEPTABLE] = "ts_unacceptable",
	[IKE_CNT_KERNEL_FAILED] = "kernel_failed",
	[IKE_CNT_REFUSED_LIMIT] = "refused_limit",
	[IKE_CNT_COOKIE_SENT] = "cookie_sent",
	[IKE_CNT_HALF_OPEN_EXPIRED] = "half_open_expired",
	[IKE_CNT_SA_ESTABLISHED] = "sa_established",
	[IKE_CNT_SA_DELETED] = "sa_deleted",
	[IKE_CNT_UNSUPPORTED_CRITICAL] = "unsupported_critical",
	[IKE_CNT_TEMPORARY_FAILURE] = "temporary_failure",
	[IKE_CNT_CHILD_REKEYED] = "child_rekeyed",
	[IKE_CNT_IKE_REKEYED] = "ike_rekeyed",
	[IKE_CNT_REKEY_COLLISION_WON] = "rekey_collision_won",
	[IKE_CNT_REKEY_COLLISION_LOST] = "rekey_collision_lost",
	[IKE_CNT_ADDRESS_FAILED] = "address_failed",
	[IKE_CNT_EAP_UNKNOWN_USER] = "eap_unknown_user",
	[IKE_CNT_EAP_REJECTED] = "eap_rejected",
	[IKE_CNT_EAP_ERROR] = "eap_error",
	[IKE_CNT_EAP_TIMEOUT] = "eap_timeout",
};

const char *ike_counter_name(enum ike_counter c)
{
	return counter_names[c];
}

static bool spi_is_zero(const uint8_t *spi)
{
	static const uint8_t zero[8];

	return !memcmp(spi, zero, 8);
}

/* IKE_SA_INIT: a retransmission, or a new negotiation for the table. */
static void receive_sa_init(struct ike_rx *rx)
{
	const struct ike_header *h = &rx->msg->hdr;
	struct ike_sa *sa;

	if (!spi_is_zero(h->spi_r) || h->message_id != 0 ||
	    !(h->flags & IKEV2_FLAG_INITIATOR)) {
		ike_count(rx->e, IKE_CNT_MALFORMED);
		return;
	}
	sa = ike_sa_find_half_open(rx->e, h->spi_i, &rx->peer);
	if (sa) {
		if (sa->init_request && sa->init_request_len == rx->len &&
		    !memcmp(sa->init_request, rx->data, rx->len)) {
			ike_count(rx->e, IKE_CNT_RETRANSMIT_ANSWERED);
			ike_net_send(rx->e->net, &sa->local, &sa->peer,
				     sa->natt, sa->init_response,
				     sa->init_response_len);
		} else {
			ike_count(rx->e, IKE_CNT_UNEXPECTED);
		}
		return;
	}
	ike_exchange_dispatch(rx);
}

/*
 * The SA a message belongs to: the sender's I flag says which SPI is
 * ours (RFC 7296 §3.1), the other must be the peer's.
 */
static struct ike_sa *find_sa(struct ike_rx *rx)
{
	const struct ike_header *h = &rx->msg->hdr;
	bool from_initiator = h->flags & IKEV2_FLAG_INITIATOR;
	struct ike_sa *sa = ike_sa_find(rx->e, from_initiator ? h->spi_r : h->spi_i);

	if (!sa || sa->initiator == from_initiator ||
	    memcmp(from_initiator ? sa->spi_i : sa->spi_r,
		   from_initiator ? h->spi_i : h->spi_r, 8))
		return NULL;
	return sa;
}

static void receive_request(struct ike_rx *rx)
{
	const struct ike_header *h = &rx->msg->hdr;
	struct ike_sa *sa = find_sa(rx);
	const struct ike_sa_last_response *cached;

	if (!sa) {
		ike_count(rx->e, IKE_CNT_UNKNOWN_SPI);
		return;
	}
	switch (ike_window_check(&sa->window, h->message_id, &cached)) {
	case IKE_WINDOW_RETRANSMIT:
		ike_count(rx->e, IKE_CNT_RETRANSMIT_ANSWERED);
		ike_net_send(rx->e->net, &sa->local, &sa->peer, sa->natt,
			     cached->data, cached->len);
		return;
	case IKE_WINDOW_DROP:
		ike_count(rx->e, IKE_CNT_BAD_MESSAGE_ID);
		return;
	case IKE_WINDOW_NEW:
		break;
	}
	rx->sa = sa;
	if (ike_rx_open(rx) < 0)
		return;
	sa->last_heard = ike_now();
	/* RFC 7296 §2.23: a NAT may move the peer; follow authentic requests */
	if (sa->state == IKE_SA_ESTABLISHED || rx->natt) {
		sa->peer = rx->peer;
		sa->local = rx->local;
		sa->natt = rx->natt;
	}
	ike_exchange_dispatch(rx);
}

/* A response: to our outstanding request on the SA, or dropped. */
static void receive_response(struct ike_rx *rx)
{
	const struct ike_header *h = &rx->msg->hdr;
	struct ike_sa *sa = find_sa(rx);

	/* the first response names the responder's SPI (or none, if it refuses) */
	if (!sa && h->exchange_type == IKEV2_EXCH_IKE_SA_INIT &&
	    !(h->flags & IKEV2_FLAG_INITIATOR)) {
		sa = ike_sa_find(rx->e, h->spi_i);
		if (sa && (!sa->initiator || sa->state != IKE_SA_INIT_SENT))
			sa = NULL;
	}
	if (!sa || sa->state == IKE_SA_HALF_OPEN) {
		ike_count(rx->e, IKE_CNT_UNKNOWN_SPI);
		return;
	}
	rx->sa = sa;
	ike_request_response(rx);
}

static void on_datagram(void *ctx, const uint8_t *data, size_t len,
			const struct sockaddr_storage *local,
			const struct sockaddr_storage *peer, bool natt)
{
	struct ike_engine *e = ctx;
	struct ike_codec_error err;
	struct ike_rx rx = {
		.e = e, .msg = &e->msg, .data = data, .len = len,
		.local = *local, .peer = *peer, .natt = natt,
	};

	ike_count(e, IKE_CNT_RX);
	if (ike_parse_message(&e->msg, data, len, &err) < 0) {
		char from[64];

		ike_count(e, err.code == IKE_ERR_UNSUPPORTED_CRITICAL ?
			  IKE_CNT_UNSUPPORTED_CRITICAL : IKE_CNT_MALFORMED);
		ike_sockaddr_format(peer, from, sizeof(from));
		log_info("malformed IKE message from %s: %s", from, err.message);
		/*
		 * RFC 7296 §2.5: an IKE_SA_INIT request with a critical
		 * payload we do not know is answered (unprotected, and no
		 * bigger than the request: nothing to amplify); any other
		 * message that does not parse cannot be authenticated.
		 */
		if (err.code == IKE_ERR_UNSUPPORTED_CRITICAL &&
		    e->msg.hdr.exchange_type == IKEV2_EXCH_IKE_SA_INIT &&
		    !(e->msg.hdr.flags & IKEV2_FLAG_RESPONSE))
			ike_reply_notify(&rx, IKEV2_N_UNSUPPORTED_CRITICAL_PAYLOAD,
					 &err.payload_type, 1);
		return;
	}
	if (e->msg.hdr.flags & IKEV2_FLAG_RESPONSE) {
		receive_response(&rx);
		return;
	}
	if (e->msg.hdr.exchange_type == IKEV2_EXCH_IKE_SA_INIT)
		receive_sa_init(&rx);
	else
		receive_request(&rx);
}

/*
 * vgated's sessions die with it (their keys were in its memory): remove
 * whatever access devices a previous instance left on our templates, so
 * clients reconnect to clean state and the NAT-T port is free again.
 */
static void flush_templates(struct ike_engine *e)
{
	for (unsigned int i = 0; i < e->conf->n_profiles; i++) {
		const char *name = e->conf->profiles[i].virtual_template;
		unsigned int ifindex = name ? if_nametoindex(name) : 0;
		struct vgate_access *list = NULL;
		size_t n = 0;

		if (!ifindex ||
		    vgate_access_get(&e->genl, 0, ifindex, &list, &n) < 0)
			continue;
		for (size_t j = 0; j < n; j++) {
			log_notice("removing %s, left by a previous vgated",
				   list[j].ifname);
			vgate_access_del(&e->genl, list[j].ifindex, true,
					 VGATE_DEL_REASON_USERSPACE);
		}
		free(list);
	}
}

struct ike_engine *ike_engine_new(struct event_base *base,
				  const struct ikev2_conf *conf,
				  char *error, size_t error_len)
{
	struct ike_engine *e = xcalloc(1, sizeof(*e));

	e->base = base;
	e->conf = conf;
	e->pools = aaa_pools_new();
	if (aaa_pools_sync(e->pools, conf, error, error_len) < 0)
		goto err_pools;
	if (vgate_genl_open(&e->genl) < 0) {
		snprintf(error, error_len, "%s", e->genl.error);
		goto err_pools;
	}
	if (vgate_rtnl_open(&e->rtnl) < 0) {
		snprintf(error, error_len, "%s", e->rtnl.error);
		goto err_genl;
	}
	if (ike_certs_load(e, conf, error, error_len) < 0)
		goto err_rtnl;
	if (ike_kernel_events_open(e, error, error_len) < 0)
		goto err_certs;
	if (ike_ra_hook_init(e) < 0) {
		snprintf(error, error_len, "cannot watch SIGCHLD for session hooks");
		goto err_events;
	}
	flush_templates(e);
	e->net = ike_net_open(base, conf->global.port, conf->global.natt_port,
			      on_datagram, e, error, error_len);
	if (!e->net)
		goto err_hook;
	ike_clients_start(e);
	return e;

err_hook:
	ike_ra_hook_fini(e);
err_events:
	ike_kernel_events_close(e);
err_certs:
	ike_certs_free(e);
err_rtnl:
	vgate_genl_close(&e->rtnl);
err_genl:
	vgate_genl_close(&e->genl);
err_pools:
	aaa_pools_free(e->pools);
	free(e);
	return NULL;
}

void ike_engine_set_conf(struct ike_engine *e, const struct ikev2_conf *conf)
{
	char error[512];

	e->conf = conf;
	if (ike_certs_load(e, conf, error, sizeof(error)) < 0)
		log_error("%s; certificate authentication keeps the files loaded before",
			  error);
	if (aaa_pools_sync(e->pools, conf, error, sizeof(error)) < 0)
		log_error("address pools: %s", error);
}

void ike_engine_free(struct ike_engine *e)
{
	struct ike_sa *sa, *tmp;

	if (!e)
		return;
	e->stopping = true;
	HASH_ITER(hh, e->by_spi, sa, tmp) {
		ike_send_delete(e, sa);
		ike_sa_destroy(e, sa, "vgated is stopping");
	}
	ike_clients_free(e);
	ike_kernel_events_close(e);
	ike_net_close(e->net);
	ike_certs_free(e);
	ike_ra_hook_fini(e);
	aaa_pools_free(e->pools);
	ike_cookies_destroy(&e->cookies);
	vgate_genl_close(&e->rtnl);
	vgate_genl_close(&e->genl);
	free(e);
}
