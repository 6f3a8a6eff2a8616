/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The IKEv2 engine: owns the IKE sockets, the SA tables, the kernel
 * (genl and rtnetlink) sockets and the counters; runs in vgated's event
 * loop.  Every received message goes through one path (engine.c):
 * decode, find the SA, check the message ID, decrypt, look the exchange
 * up in the transition table (exchange.c), then call its handler.
 */
#ifndef VGATE_IKE_ENGINE_H
#define VGATE_IKE_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include <event2/event.h>
#include <json-c/json.h>

#include "config/ikev2_conf.h"
#include "ctl/commands.h"

struct ike_engine;

/*
 * Counters, one per outcome: every message dropped or refused is
 * counted under exactly one reason.
 */
enum ike_counter {
	IKE_CNT_RX,			/* datagrams received */
	IKE_CNT_TX,			/* datagrams sent */
	IKE_CNT_RETRANSMIT_ANSWERED,	/* request seen again: cached reply */
	IKE_CNT_MALFORMED,		/* the codec refused it */
	IKE_CNT_UNKNOWN_SPI,		/* no IKE SA for its SPIs */
	IKE_CNT_BAD_MESSAGE_ID,		/* outside the window */
	IKE_CNT_INTEGRITY_FAILED,	/* SK payload did not verify */
	IKE_CNT_UNEXPECTED,		/* exchange not valid in the state */
	IKE_CNT_BAD_PAYLOADS,		/* a required payload missing, ... */
	IKE_CNT_UNSUPPORTED,		/* a response we never asked for */
	IKE_CNT_NO_PROPOSAL_CHOSEN,
	IKE_CNT_INVALID_KE,		/* INVALID_KE_PAYLOAD sent */
	IKE_CNT_NO_PROFILE,		/* no or several profiles matched */
	IKE_CNT_AUTH_FAILED,
	IKE_CNT_TS_UNACCEPTABLE,
	IKE_CNT_KERNEL_FAILED,		/* installing state in vgate.ko */
	IKE_CNT_REFUSED_LIMIT,		/* max-sa, max-in-negotiation */
	IKE_CNT_COOKIE_SENT,		/* challenge answered instead */
	IKE_CNT_HALF_OPEN_EXPIRED,
	IKE_CNT_SA_ESTABLISHED,
	IKE_CNT_SA_DELETED,
	IKE_CNT_ADDRESS_FAILED,		/* INTERNAL_ADDRESS_FAILURE sent */
	IKE_CNT_EAP_UNKNOWN_USER,	/* EAP: no such user */
	IKE_CNT_EAP_REJECTED,		/* EAP: wrong password or certificate */
	IKE_CNT_EAP_ERROR,		/* EAP: malformed, no common method, ... */
	IKE_CNT_EAP_TIMEOUT,		/* EAP: the client stopped answering */
	IKE_CNT_UNSUPPORTED_CRITICAL,	/* unknown payload marked critical */
	IKE_CNT_TEMPORARY_FAILURE,	/* TEMPORARY_FAILURE sent (RFC 7296 §2.25) */
	IKE_CNT_CHILD_REKEYED,		/* CHILD SA rekeys done, either side's */
	IKE_CNT_IKE_REKEYED,		/* IKE SA rekeys done, either side's */
	IKE_CNT_REKEY_COLLISION_WON,	/* simultaneous rekey, ours survived */
	IKE_CNT_REKEY_COLLISION_LOST,	/* simultaneous rekey, the peer's did */
	IKE_CNT_COUNT
};

/* "rx", "malformed", ... as show and JSON print them. */
const char *ike_counter_name(enum ike_counter c);

/*
 * Starts the engine on BASE with CONF (borrowed until the next
 * ike_engine_set_conf): removes the access devices that a previous
 * vgated left on the profiles' templates (their keys died with it),
 * then binds the IKE ports.  NULL with the reason in ERROR.
 */
struct ike_engine *ike_engine_new(struct event_base *base,
				  const struct ikev2_conf *conf,
				  char *error, size_t error_len);

/* A reloaded configuration: new negotiations use it, SAs keep theirs. */
void ike_engine_set_conf(struct ike_engine *e, const struct ikev2_conf *conf);

/* Deletes every SA (kernel state included) and frees the engine. */
void ike_engine_free(struct ike_engine *e);

/* The control commands vgated serves for the engine (ctx: the engine). */
extern const struct ctl_command ike_ctl_commands[];
extern const size_t ike_ctl_n_commands;

/* The control commands' answers (ctl_ikev2.c). */
json_object *ike_engine_show_sa(struct ike_engine *e);
json_object *ike_engine_show_stats(struct ike_engine *e);
/*
 * Deletes the sessions selected by WHAT: "all", "id" (VALUE a session
 * index) or "peer" (VALUE an address).  Returns how many, or -1 with
 * the reason in ERROR.
 */
int ike_engine_clear(struct ike_engine *e, const char *what,
		     const char *value, char *error, size_t error_len);

#endif
