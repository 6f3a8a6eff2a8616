// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * CHILD SAs that vgated rekeys or removes itself, driven by vgate.ko's
 * expire notifications (RFC 7296 §1.3.3, §2.8).  A rekey is our own
 * CREATE_CHILD_SA: a new SPI, a nonce, a KE with the IPsec profile's
 * PFS group, N(REKEY_SA) naming the old SA, the old SA's selectors.
 * The answer's CHILD SA is installed and made the outbound one at once
 * (make-before-break), then the old one is deleted with an
 * INFORMATIONAL exchange, in the kernel once the peer confirmed.
 * When the peer rekeyed the same SA meanwhile (§2.8.1), the answer
 * decides: if our exchange holds the lowest nonce, our new SA is
 * deleted and the peer's becomes the outbound one (the peer deletes
 * the old SA); otherwise ours stays, we delete the old SA and the peer
 * deletes its own new one.  SAs the peer rekeyed, or that lost a
 * collision, are never rekeyed by us.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "common/log.h"
#include "common/xalloc.h"
#include "dataplane/genl_sa.h"
#include "ike/engine_internal.h"
#include "ike/ike_rekey.h"
#include "ike/keymat_child.h"
#include "ike/proposal.h"
#include "ike/ts.h"

#define NONCE_LEN 32

/* The old SA after its replacement: our Delete, then the kernel's. */
static void on_delete_answered(struct ike_sa *sa, struct ike_rx *rx)
{
	struct ike_engine *e = sa->engine;

	(void)rx;
	if (sa->rekeyed)
		ike_child_remove(e, sa, sa->rekeyed, VGATE_DEL_REASON_REKEYED);
	sa->rekeyed = NULL;
	ike_child_rekey_pending(e, sa);
}

/* Deletes C (sa->rekeyed) at the peer, then in the kernel. */
static void send_delete(struct ike_engine *e, struct ike_sa *sa,
			struct child_sa *c)
{
	uint32_t spi = htonl(c->spi_in);
	struct ike_writer w;

	c->rekeying = false;
	c->deleting = true;
	sa->rekeyed = c;
	ike_request_begin(e, sa, IKEV2_EXCH_INFORMATIONAL, &w);
	ike_put_delete(&w, IKEV2_PROTO_ESP, 4, 1, (const uint8_t *)&spi);
	if (ike_request_send(e, sa, &w, 0, 0, on_delete_answered) < 0)
		on_delete_answered(sa, NULL);
}

/* The ESP proposal of the old SA's transforms, with PFS if configured. */
static void put_proposal(struct ike_writer *w, const struct child_sa *old,
			 uint32_t spi, const struct xf_dh *pfs)
{
	struct ike_transform t[4];
	struct ike_proposal p = {
		.number = 1, .protocol_id = IKEV2_PROTO_ESP, .spi_size = 4,
		.spi = (const uint8_t *)&spi, .transforms = t,
	};
	unsigned int n = 0;

	t[n++] = (struct ike_transform){
		.type = IKEV2_TRANSFORM_TYPE_ENCR, .id = old->encr->id,
		.key_length = (uint16_t)old->encr->key_bits,
		.has_key_length = old->encr->key_bits != 0,
	};
	if (old->integ)
		t[n++] = (struct ike_transform){
			.type = IKEV2_TRANSFORM_TYPE_INTEG, .id = old->integ->id,
		};
	if (pfs)
		t[n++] = (struct ike_transform){
			.type = IKEV2_TRANSFORM_TYPE_DH, .id = pfs->id,
		};
	t[n++] = (struct ike_transform){
		.type = IKEV2_TRANSFORM_TYPE_ESN,
		.id = old->esn ? IKEV2_ESN_YES : IKEV2_ESN_NO,
	};
	p.n_transforms = (uint8_t)n;
	ike_put_sa(w, &p, 1);
}

static void rekey_failed(struct ike_sa *sa, const char *why)
{
	char desc[512];

	/* tried again after the next exchange or liveness check */
	if (sa->rekeyed) {
		sa->rekeyed->rekeying = false;
		sa->rekeyed->rekey_due = true;
	}
	sa->rekeyed = NULL;
	free(sa->pending);
	sa->pending = NULL;
	dh_key_free(sa->dh_key);
	sa->dh_key = NULL;
	ike_sa_describe(sa, desc, sizeof(desc));
	log_warning("%s: CHILD SA rekey failed: %s", desc, why);
}

/* Installs the answer's CHILD SA; 0, or -1 with WHY. */
static int install(struct ike_rx *rx, const struct conf_profile *prof,
		   char *why, size_t why_len)
{
	const struct ike_payload *sa_p = ike_message_find(rx->msg, IKEV2_PT_SA, NULL);
	const struct ike_payload *nr = ike_message_find(rx->msg, IKEV2_PT_NONCE, NULL);
	const struct ike_payload *ke = ike_message_find(rx->msg, IKEV2_PT_KE, NULL);
	struct ike_sa *sa = rx->sa;
	struct child_sa *c = sa->pending, *old = sa->rekeyed;
	uint8_t secret[IKE_KE_MAX];
	struct keymat_exchange ex = {
		.ni = { sa->rekey_nonce, NONCE_LEN },
	};
	struct ike_chosen chosen;
	struct child_keymat ck;
	int ret = -1;

	if (!sa_p || !nr ||
	    ike_choose_esp(prof->ipsec_profile, &sa_p->u.sa, false,
			   ke ? ke->u.ke.dh_group : 0, &chosen) != IKE_CHOICE_OK) {
		snprintf(why, why_len, "the answer chose nothing we offered");
		return -1;
	}
	ex.nr = (struct crypto_chunk){ nr->u.nonce.data, nr->u.nonce.data_len };
	if (chosen.dh) {
		if (!sa->dh_key || ke->u.ke.data_len != chosen.dh->public_len ||
		    dh_key_shared_secret(sa->dh_key, ke->u.ke.data, ke->u.ke.data_len,
					 secret, sizeof(secret)) != CRYPTO_OK) {
			snprintf(why, why_len, "PFS Diffie-Hellman failed");
			goto out;
		}
		ex.g_ir = (struct crypto_chunk){ secret, chosen.dh->secret_len };
	}
	c->encr = chosen.suite.encr;
	c->integ = chosen.suite.integ;
	c->esn = chosen.esn;
	memcpy(&c->spi_out, chosen.spi, 4);
	c->spi_out = ntohl(c->spi_out);
	c->n_ts_ours = old->n_ts_ours;
	c->n_ts_peer = old->n_ts_peer;
	memcpy(c->ts_ours, old->ts_ours, sizeof(c->ts_ours));
	memcpy(c->ts_peer, old->ts_peer, sizeof(c->ts_peer));
	if (keymat_child_derive(&ck, &sa->km, &chosen.suite, &ex) != CRYPTO_OK) {
		snprintf(why, why_len, "key derivation failed");
		goto out;
	}
	/* we started this exchange: inbound is r->i */
	ret = ike_child_install(rx->e, sa, c, &ck, false, prof->virtual_template,
				prof->ipsec_profile, why, why_len);
	keymat_child_destroy(&ck);
out:
	explicit_bzero(secret, sizeof(secret));
	return ret;
}

/* Our rekey of OLD failed, but the peer's of it made THEIRS: that one stays. */
static void take_theirs(struct ike_engine *e, struct ike_sa *sa,
			struct child_sa *old, struct child_sa *theirs)
{
	char desc[512];

	if (vgate_sa_swap(&e->genl, sa->access_ifindex, theirs->spi_out) < 0)
		log_warning("switching to the new CHILD SA: %s", e->genl.error);
	old->rekeying = false;
	old->rekey_due = false;
	old->replaced = true;	/* the peer deletes it */
	ike_count(e, IKE_CNT_CHILD_REKEYED);
	ike_sa_describe(sa, desc, sizeof(desc));
	log_notice("%s: CHILD SA 0x%08x/0x%08x replaces 0x%08x (the peer's rekey)",
		   desc, theirs->spi_in, theirs->spi_out, old->spi_in);
}

static void failed(struct ike_sa *sa, const char *why)
{
	struct child_sa *old = sa->rekeyed;
	struct child_sa *theirs = ike_child_collision_take(sa);

	rekey_failed(sa, why);
	if (theirs && old)
		take_theirs(sa->engine, sa, old, theirs);
}

static void on_orphan_deleted(struct ike_sa *sa, struct ike_rx *rx)
{
	(void)rx;
	ike_child_rekey_pending(sa->engine, sa);
}

/* §2.8.1: both rekeyed OLD; ours (C, nonces NI, NR) holds the lowest nonce? */
static bool lost_collision(struct ike_sa *sa, const struct ike_rx *rx,
			   struct child_sa *theirs)
{
	const struct ike_payload *nr = ike_message_find(rx->msg, IKEV2_PT_NONCE, NULL);

	return ike_rekey_loses(sa->rekey_nonce, NONCE_LEN, nr->u.nonce.data,
			       nr->u.nonce.data_len, &sa->rekey->child_theirs_low) &&
	       theirs;
}

static void on_rekey_answered(struct ike_sa *sa, struct ike_rx *rx)
{
	struct ike_engine *e = sa->engine;
	const struct conf_profile *prof = conf_profile_find(e->conf, sa->profile);
	struct child_sa *c, *old = sa->rekeyed, *theirs;
	char why[256], desc[512];
	bool lost;

	if (!rx || !prof || ike_error_notify(rx->msg)) {
		failed(sa, !rx ? "no answer" : !prof ? "profile removed"
					      : "the peer refused it");
		return;
	}
	if (!old) {
		/*
		 * The peer deleted it meanwhile: drop the SA the answer made.
		 * In a collision only the winner deletes the old SA, so the
		 * peer's new one (already our outbound SA) stays.
		 */
		uint32_t spi = htonl(sa->pending->spi_in);
		struct ike_writer w;

		if (ike_child_collision_take(sa))
			ike_count(e, IKE_CNT_REKEY_COLLISION_LOST);
		failed(sa, "the CHILD SA was deleted meanwhile");
		ike_request_begin(e, sa, IKEV2_EXCH_INFORMATIONAL, &w);
		ike_put_delete(&w, IKEV2_PROTO_ESP, 4, 1, (const uint8_t *)&spi);
		ike_request_send(e, sa, &w, 0, 0, on_orphan_deleted);
		return;
	}
	if (install(rx, prof, why, sizeof(why)) < 0) {
		failed(sa, why);
		return;
	}
	theirs = ike_child_collision_take(sa);
	lost = theirs && lost_collision(sa, rx, theirs);
	c = sa->pending;
	sa->pending = NULL;
	dh_key_free(sa->dh_key);
	sa->dh_key = NULL;
	c->created = ike_now();
	c->next = sa->children;
	sa->children = c;
	ike_sa_describe(sa, desc, sizeof(desc));
	if (lost) {
		ike_count(e, IKE_CNT_REKEY_COLLISION_LOST);
		log_notice("%s: simultaneous rekey of CHILD SA 0x%08x: the peer's 0x%08x stays, ours 0x%08x is deleted",
			   desc, old->spi_in, theirs->spi_in, c->spi_in);
		take_theirs(e, sa, old, theirs);
		c->replaced = true;
		send_delete(e, sa, c);
		return;
	}
	if (theirs) {
		ike_count(e, IKE_CNT_REKEY_COLLISION_WON);
		log_notice("%s: simultaneous rekey of CHILD SA 0x%08x: ours stays, the peer deletes its 0x%08x",
			   desc, old->spi_in, theirs->spi_in);
		theirs->replaced = true;
	}
	if (vgate_sa_swap(&e->genl, sa->access_ifindex, c->spi_out) < 0)
		log_warning("switching to the new CHILD SA: %s", e->genl.error);
	ike_count(e, IKE_CNT_CHILD_REKEYED);
	log_notice("%s: CHILD SA 0x%08x/0x%08x rekeyed by us, replaces 0x%08x",
		   desc, c->spi_in, c->spi_out, old->spi_in);
	send_delete(e, sa, old);
}

void ike_child_rekey(struct ike_engine *e, struct ike_sa *sa,
		     struct child_sa *old)
{
	const struct conf_profile *prof = conf_profile_find(e->conf, sa->profile);
	const struct xf_dh *pfs = prof ? prof->ipsec_profile->pfs : NULL;
	uint8_t pub[IKE_KE_MAX];
	uint32_t spi;
	struct ike_writer w;
	char desc[512];

	if (old->rekeying || old->deleting || old->replaced || !prof) {
		old->rekey_due = false;
		return;
	}
	if (sa->request.active || sa->rekeyed || ike_rekey_in_progress(sa) ||
	    sa->state != IKE_SA_ESTABLISHED) {
		old->rekey_due = true;	/* after the outstanding request */
		return;
	}
	old->rekey_due = false;
	sa->pending = xcalloc(1, sizeof(*sa->pending));
	do {
		RAND_bytes((uint8_t *)&sa->pending->spi_in, 4);
	} while (sa->pending->spi_in < 256);
	RAND_bytes(sa->rekey_nonce, NONCE_LEN);
	if (pfs && (dh_key_generate(pfs, &sa->dh_key) != CRYPTO_OK ||
		    dh_key_public(sa->dh_key, pub, sizeof(pub)) != CRYPTO_OK)) {
		rekey_failed(sa, "cannot make a PFS key");
		return;
	}
	spi = htonl(sa->pending->spi_in);
	ike_sa_describe(sa, desc, sizeof(desc));
	log_info("%s: rekeying CHILD SA 0x%08x/0x%08x", desc, old->spi_in,
		 old->spi_out);
	ike_request_begin(e, sa, IKEV2_EXCH_CREATE_CHILD_SA, &w);
	put_proposal(&w, old, spi, pfs);
	ike_put_nonce(&w, sa->rekey_nonce, NONCE_LEN);
	if (pfs)
		ike_put_ke(&w, pfs->id, pub, pfs->public_len);
	spi = htonl(old->spi_in);
	ike_put_notify(&w, IKEV2_PROTO_ESP, (const uint8_t *)&spi, 4,
		       IKEV2_N_REKEY_SA, NULL, 0);
	/* TSi is the exchange initiator's side: ours */
	ike_ts_put_prefixes(&w, IKEV2_PT_TSI, old->ts_ours, old->n_ts_ours);
	ike_ts_put_prefixes(&w, IKEV2_PT_TSR, old->ts_peer, old->n_ts_peer);
	old->rekeying = true;
	sa->rekeyed = old;
	if (ike_request_send(e, sa, &w, 0, 0, on_rekey_answered) < 0)
		rekey_failed(sa, "cannot send CREATE_CHILD_SA");
}

void ike_child_rekey_pending(struct ike_engine *e, struct ike_sa *sa)
{
	for (struct child_sa *c = sa->children; c; c = c->next)
		if (c->rekey_due) {
			ike_child_rekey(e, sa, c);
			return;
		}
}

void ike_child_expired(struct ike_engine *e, struct ike_sa *sa,
		       struct child_sa *c)
{
	char desc[512];

	ike_sa_describe(sa, desc, sizeof(desc));
	log_notice("%s: CHILD SA 0x%08x/0x%08x reached its hard lifetime",
		   desc, c->spi_in, c->spi_out);
	if (c->deleting)
		return;		/* its Delete is under way */
	if (sa->rekeyed == c)
		return;		/* our rekey's answer will find it gone */
	if (!sa->request.active) {
		uint32_t spi = htonl(c->spi_in);
		struct ike_writer w;

		ike_request_begin(e, sa, IKEV2_EXCH_INFORMATIONAL, &w);
		ike_put_delete(&w, IKEV2_PROTO_ESP, 4, 1, (const uint8_t *)&spi);
		sa->rekeyed = c;
		c->deleting = true;
		if (ike_request_send(e, sa, &w, 0, 0, on_delete_answered) == 0)
			return;
		sa->rekeyed = NULL;
		c->deleting = false;
	}
	ike_child_remove(e, sa, c, VGATE_DEL_REASON_REKEYED);
}
