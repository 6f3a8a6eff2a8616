// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Liveness checks (RFC 7296 §2.4, spec §6.4 `dpd INTERVAL RETRY MODE`)
 * and NAT keepalives (RFC 3948 §2.3).  Every INTERVAL seconds an SA with
 * DPD sends an empty INFORMATIONAL request; on-demand mode skips it
 * when the peer was heard from since the last tick (inbound ESP on the
 * session's device, or an IKE request).  An unanswered check is
 * retransmitted every RETRY seconds five times; then the peer is dead
 * and the session goes: with `dpd 30 6`, 30 + 6 + 5 x 6 = 66 s after
 * the last sign of life at most, as the spec's example says.
 */
#include <stdlib.h>

#include "common/log.h"
#include "dataplane/genl_access.h"
#include "ike/engine_internal.h"

#define DPD_RETRIES 5

static void dpd_done(struct ike_sa *sa, struct ike_rx *rx)
{
	if (rx) {
		sa->last_heard = ike_now();
		ike_child_rekey_pending(sa->engine, sa);
		return;
	}
	ike_sa_destroy(sa->engine, sa, "the peer did not answer liveness checks (DPD)");
}

/* Inbound packets on the session's device so far. */
static uint64_t rx_packets(struct ike_engine *e, const struct ike_sa *sa)
{
	struct vgate_access *list = NULL;
	uint64_t n = 0;
	size_t count = 0;

	if (sa->access_ifindex &&
	    vgate_access_get(&e->genl, sa->access_ifindex, 0, &list, &count) == 0 &&
	    count)
		n = list[0].stats.v[VGATE_A_STATS_RX_PACKETS];
	free(list);
	return n;
}

static void on_dpd_tick(evutil_socket_t fd, short what, void *arg)
{
	struct ike_sa *sa = arg;
	struct ike_engine *e = sa->engine;
	struct ike_writer w;
	uint64_t packets;

	(void)fd;
	(void)what;
	if (sa->request.active || sa->state != IKE_SA_ESTABLISHED)
		return;
	ike_child_rekey_pending(e, sa);
	if (sa->request.active)
		return;
	if (sa->dpd_mode == CONF_DPD_ON_DEMAND) {
		packets = rx_packets(e, sa);
		if (packets != sa->last_rx_packets ||
		    ike_now() - sa->last_heard < (time_t)sa->dpd_interval) {
			sa->last_rx_packets = packets;
			return;
		}
	}
	ike_request_begin(e, sa, IKEV2_EXCH_INFORMATIONAL, &w);
	ike_request_send(e, sa, &w, sa->dpd_retry, DPD_RETRIES, dpd_done);
}

static void on_keepalive(evutil_socket_t fd, short what, void *arg)
{
	struct ike_sa *sa = arg;

	(void)fd;
	(void)what;
	ike_net_send_keepalive(sa->engine->net, &sa->local, &sa->peer);
}

static struct event *every(struct ike_engine *e, uint32_t seconds,
			   event_callback_fn fn, struct ike_sa *sa)
{
	struct timeval tv = { seconds, 0 };
	struct event *ev = event_new(e->base, -1, EV_PERSIST, fn, sa);

	event_add(ev, &tv);
	return ev;
}

void ike_dpd_start(struct ike_engine *e, struct ike_sa *sa,
		   uint32_t nat_keepalive)
{
	sa->last_heard = ike_now();
	if (sa->dpd_mode != CONF_DPD_OFF && sa->dpd_interval && !sa->dpd_timer)
		sa->dpd_timer = every(e, sa->dpd_interval, on_dpd_tick, sa);
	/* only the side behind the NAT keeps its binding open */
	if (nat_keepalive && sa->nat_local && !sa->keepalive_timer)
		sa->keepalive_timer = every(e, nat_keepalive, on_keepalive, sa);
}

void ike_dpd_stop(struct ike_sa *sa)
{
	if (sa->dpd_timer)
		event_free(sa->dpd_timer);
	if (sa->keepalive_timer)
		event_free(sa->keepalive_timer);
	sa->dpd_timer = sa->keepalive_timer = NULL;
}
