// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The transition table: which request is valid in which state, with
 * which payloads.  A request is checked against it before its handler
 * runs, and for IKE_SA_INIT before any state exists, so a handler only
 * ever sees a message of the right shape.
 */
#include <stdint.h>

#include "common/log.h"
#include "ike/engine_internal.h"

#define PT(type) (UINT64_C(1) << (type))

enum exchange_state {
	STATE_NONE,		/* no IKE SA yet */
	STATE_HALF_OPEN,
	STATE_EAP,		/* EAP rounds under way (resp_eap.c) */
	STATE_EAP_AUTH,		/* EAP-Success sent: the AUTH must follow */
	STATE_NEGOTIATING,	/* we initiated it: no request is valid yet */
	STATE_ESTABLISHED,
};

struct transition {
	enum exchange_state state;
	uint8_t exchange;
	uint64_t required;	/* payload types that must be present */
	uint64_t allowed;	/* and those that may be */
	void (*handle)(struct ike_rx *rx);
};

static const struct transition transitions[] = {
	{
		STATE_NONE, IKEV2_EXCH_IKE_SA_INIT,
		PT(IKEV2_PT_SA) | PT(IKEV2_PT_KE) | PT(IKEV2_PT_NONCE),
		PT(IKEV2_PT_N) | PT(IKEV2_PT_V) | PT(IKEV2_PT_CERTREQ),
		ike_resp_sa_init,
	},
	{
		STATE_HALF_OPEN, IKEV2_EXCH_IKE_AUTH,
		PT(IKEV2_PT_SK) | PT(IKEV2_PT_IDI),
		PT(IKEV2_PT_IDR) | PT(IKEV2_PT_AUTH) | PT(IKEV2_PT_SA) |
		PT(IKEV2_PT_TSI) | PT(IKEV2_PT_TSR) | PT(IKEV2_PT_N) |
		PT(IKEV2_PT_CERT) | PT(IKEV2_PT_CERTREQ) | PT(IKEV2_PT_CP) |
		PT(IKEV2_PT_V) | PT(IKEV2_PT_EAP),
		ike_resp_auth,
	},
	{
		STATE_EAP, IKEV2_EXCH_IKE_AUTH,
		PT(IKEV2_PT_SK) | PT(IKEV2_PT_EAP),
		PT(IKEV2_PT_N) | PT(IKEV2_PT_V),
		ike_resp_eap,
	},
	{
		STATE_EAP, IKEV2_EXCH_INFORMATIONAL,
		PT(IKEV2_PT_SK),
		PT(IKEV2_PT_N) | PT(IKEV2_PT_D) | PT(IKEV2_PT_V),
		ike_resp_eap_abort,
	},
	{
		STATE_EAP_AUTH, IKEV2_EXCH_INFORMATIONAL,
		PT(IKEV2_PT_SK),
		PT(IKEV2_PT_N) | PT(IKEV2_PT_D) | PT(IKEV2_PT_V),
		ike_resp_eap_abort,
	},
	{
		STATE_EAP_AUTH, IKEV2_EXCH_IKE_AUTH,
		PT(IKEV2_PT_SK) | PT(IKEV2_PT_AUTH),
		PT(IKEV2_PT_N) | PT(IKEV2_PT_V),
		ike_resp_eap_auth,
	},
	{
		STATE_ESTABLISHED, IKEV2_EXCH_INFORMATIONAL,
		PT(IKEV2_PT_SK),
		PT(IKEV2_PT_N) | PT(IKEV2_PT_D) | PT(IKEV2_PT_CP) |
		PT(IKEV2_PT_V),
		ike_resp_informational,
	},
	{
		STATE_ESTABLISHED, IKEV2_EXCH_CREATE_CHILD_SA,
		PT(IKEV2_PT_SK) | PT(IKEV2_PT_SA) | PT(IKEV2_PT_NONCE),
		PT(IKEV2_PT_KE) | PT(IKEV2_PT_TSI) | PT(IKEV2_PT_TSR) |
		PT(IKEV2_PT_N) | PT(IKEV2_PT_V),
		ike_resp_create_child,
	},
};

static enum exchange_state state_of(const struct ike_sa *sa)
{
	if (!sa)
		return STATE_NONE;
	switch (sa->state) {
	case IKE_SA_HALF_OPEN:
		if (sa->eap)
			return ike_eap_in_progress(sa) ? STATE_EAP : STATE_EAP_AUTH;
		return STATE_HALF_OPEN;
	case IKE_SA_INIT_SENT:
	case IKE_SA_AUTH_SENT:
		return STATE_NEGOTIATING;
	default:
		return STATE_ESTABLISHED;
	}
}

void ike_exchange_dispatch(struct ike_rx *rx)
{
	enum exchange_state state = state_of(rx->sa);
	uint8_t exchange = rx->msg->hdr.exchange_type;
	uint64_t seen = rx->msg->seen;

	for (size_t i = 0; i < sizeof(transitions) / sizeof(transitions[0]); i++) {
		const struct transition *t = &transitions[i];

		if (t->state != state || t->exchange != exchange)
			continue;
		if ((seen & t->required) != t->required ||
		    (seen & ~(t->required | t->allowed))) {
			ike_count(rx->e, IKE_CNT_BAD_PAYLOADS);
			log_info("exchange %u: payloads %#llx do not fit (need %#llx)",
				 exchange, (unsigned long long)seen,
				 (unsigned long long)t->required);
			/* RFC 7296 §2.21.2: answer a protected request */
			if (rx->sa)
				ike_reply_notify(rx, IKEV2_N_INVALID_SYNTAX,
						 NULL, 0);
			return;
		}
		t->handle(rx);
		return;
	}
	ike_count(rx->e, IKE_CNT_UNEXPECTED);
	log_info("exchange %u not expected in this state, dropped", exchange);
}
