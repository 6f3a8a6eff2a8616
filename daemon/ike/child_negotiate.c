// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * One CHILD SA as responder, from the request's SA, TSi and TSr (and
 * KE for PFS): ESP choice, selectors, SPI, keys, vgate.ko.  Shared by
 * IKE_AUTH (the first CHILD SA) and CREATE_CHILD_SA.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "common/log.h"
#include "common/xalloc.h"
#include "ike/engine_internal.h"
#include "ike/keymat_child.h"
#include "ike/proposal.h"
#include "ike/ra.h"
#include "ike/ts.h"

/* TSi/TSr to prefixes; the peer's may not hold its own IKE address. */
static bool accept_selectors(struct ike_rx *rx, struct child_sa *c,
			     char *why, size_t why_len)
{
	const struct ike_payload *tsi = ike_message_find(rx->msg, IKEV2_PT_TSI, NULL);
	const struct ike_payload *tsr = ike_message_find(rx->msg, IKEV2_PT_TSR, NULL);
	const struct sockaddr_storage *ss = &rx->sa->peer;
	struct vgate_addr peer = { .family = ss->ss_family };

	for (unsigned int i = 0; i < tsi->u.ts.n_selectors; i++)
		if (!ike_ts_to_prefixes(&tsi->u.ts.selectors[i], c->ts_peer,
					IKE_SA_MAX_TS, &c->n_ts_peer)) {
			snprintf(why, why_len, "TSi %u limits protocol or ports, or is too fragmented", i);
			return false;
		}
	for (unsigned int i = 0; i < tsr->u.ts.n_selectors; i++)
		if (!ike_ts_to_prefixes(&tsr->u.ts.selectors[i], c->ts_ours,
					IKE_SA_MAX_TS, &c->n_ts_ours)) {
			snprintf(why, why_len, "TSr %u limits protocol or ports, or is too fragmented", i);
			return false;
		}
	/* a remote-access client gets its own addresses and the split routes */
	if (rx->sa->ra && !ike_ra_narrow(rx->sa->ra, c->ts_peer, &c->n_ts_peer,
					 c->ts_ours, &c->n_ts_ours)) {
		snprintf(why, why_len,
			 "the selectors hold neither the client's assigned address nor a split route");
		return false;
	}
	if (peer.family == AF_INET)
		memcpy(peer.bytes, &((const struct sockaddr_in *)ss)->sin_addr, 4);
	else
		memcpy(peer.bytes, &((const struct sockaddr_in6 *)ss)->sin6_addr, 16);
	if (ike_prefixes_contain(c->ts_peer, c->n_ts_peer, &peer)) {
		snprintf(why, why_len,
			 "TSi holds the peer's own IKE address: routing it into the tunnel would cut IKE off (use a virtual IP or an inner subnet)");
		return false;
	}
	return true;
}

/* Spec §13 `ipsec flow-limit`: a new CHILD SA (not a rekey) over it. */
static bool over_flow_limit(const struct ike_rx *rx)
{
	const struct ike_ra *ra = rx->sa->ra;
	unsigned int n = 0;

	if (!ra || !ra->has_flow_limit ||
	    ike_message_find_notify(rx->msg, IKEV2_N_REKEY_SA))
		return false;
	for (const struct child_sa *c = rx->sa->children; c; c = c->next)
		n++;
	return n >= ra->flow_limit;
}

uint16_t ike_child_negotiate(struct ike_rx *rx, const struct conf_profile *prof,
			     struct keymat_exchange *ex, uint8_t *ke_out,
			     struct ike_chosen *chosen, struct child_sa **out)
{
	const struct ike_payload *sa_p = ike_message_find(rx->msg, IKEV2_PT_SA, NULL);
	const struct ike_payload *ke = ike_message_find(rx->msg, IKEV2_PT_KE, NULL);
	const struct conf_ipsec_profile *ipp = prof->ipsec_profile;
	struct ike_sa *sa = rx->sa;
	struct child_keymat ck;
	uint8_t secret[IKE_KE_MAX];
	struct child_sa *c = NULL;
	char why[512], desc[512];
	uint16_t notify;

	if (ike_choose_esp(ipp, &sa_p->u.sa, !ke_out, ke ? ke->u.ke.dh_group : 0,
			   chosen) != IKE_CHOICE_OK) {
		ike_count(rx->e, IKE_CNT_NO_PROPOSAL_CHOSEN);
		snprintf(why, sizeof(why), "no ESP proposal of ipsec-profile %s was offered%s",
			 ipp->name, ke ? " with this PFS group" : "");
		notify = IKEV2_N_NO_PROPOSAL_CHOSEN;
		goto refuse;
	}
	if (over_flow_limit(rx)) {
		snprintf(why, sizeof(why), "flow-limit %u reached",
			 sa->ra->flow_limit);
		notify = IKEV2_N_NO_ADDITIONAL_SAS;
		goto refuse;
	}
	c = xcalloc(1, sizeof(*c));
	if (!accept_selectors(rx, c, why, sizeof(why))) {
		ike_count(rx->e, IKE_CNT_TS_UNACCEPTABLE);
		notify = IKEV2_N_TS_UNACCEPTABLE;
		goto refuse;
	}
	notify = IKEV2_N_NO_ADDITIONAL_SAS;
	/* PFS (RFC 7296 §1.3.1): g^ir joins the CHILD SA's key material */
	if (chosen->dh) {
		if (ike_dh_respond(chosen->dh, ke, ke_out, secret) < 0) {
			snprintf(why, sizeof(why), "PFS Diffie-Hellman failed (bad KE value)");
			goto refuse;
		}
		ex->g_ir = (struct crypto_chunk){ secret, chosen->dh->secret_len };
	}
	c->encr = chosen->suite.encr;
	c->integ = chosen->suite.integ;
	c->esn = chosen->esn;
	memcpy(&c->spi_out, chosen->spi, 4);
	c->spi_out = ntohl(c->spi_out);
	do {
		RAND_bytes((uint8_t *)&c->spi_in, sizeof(c->spi_in));
	} while (c->spi_in < 256);	/* 1-255 are reserved (RFC 4303) */
	if (keymat_child_derive(&ck, &sa->km, &chosen->suite, ex) != CRYPTO_OK) {
		snprintf(why, sizeof(why), "CHILD SA key derivation failed");
		goto refuse;
	}
	explicit_bzero(secret, sizeof(secret));
	if (ike_child_install(rx->e, sa, c, &ck, true, prof->virtual_template,
			      ipp, why, sizeof(why)) < 0) {
		keymat_child_destroy(&ck);
		goto refuse;
	}
	keymat_child_destroy(&ck);
	c->created = ike_now();
	c->next = sa->children;
	sa->children = c;
	*out = c;
	return 0;
refuse:
	explicit_bzero(secret, sizeof(secret));
	free(c);
	ike_sa_describe(sa, desc, sizeof(desc));
	log_warning("%s: CHILD SA refused: %s", desc, why);
	return notify;
}
