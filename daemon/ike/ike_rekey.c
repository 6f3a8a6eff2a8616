// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vgated rekeys the IKE SA itself (RFC 7296 §2.8, §2.18) when the
 * profile's `lifetime` runs out, in either role.  The rekey starts at
 * the lifetime minus a margin of 10 % less up to 5 % at random, so
 * between 90 % and 95 % of it: many SAs set up together do not rekey
 * together, and we come before a peer with the same lifetime and a
 * fixed margin.  The request (CREATE_CHILD_SA) offers the policy's
 * proposals with a new SPI, a nonce and a KE of the SA's group (another
 * one after INVALID_KE_PAYLOAD).  The answer makes the new SA, whose
 * original initiator we are; the session (access device, CHILD SAs,
 * client) moves to it, then the old SA is deleted with an
 * INFORMATIONAL exchange (make-before-break).  A refused rekey is
 * tried again every 10 s; a request the peer never answers (all its
 * retransmissions, about two minutes) means the peer is gone, as for
 * any request (RFC 7296 §2.4), and the SA ends.  An SA that reaches its
 * lifetime unrekeyed is deleted then, even with a rekey still out.
 * When the peer rekeyed at the same time, the lowest nonce decides
 * which new SA stays (rekey_collision.c); when ours fails, the peer's
 * is the rekey.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "common/log.h"
#include "common/xalloc.h"
#include "ike/engine_internal.h"
#include "ike/ike_rekey.h"
#include "ike/proposal.h"

#define RETRY_BUSY	1	/* seconds: another request of ours is out */
#define RETRY_FAILED	10	/* seconds: the last attempt failed */
#define RETIRE_AFTER	30	/* seconds a replaced SA waits for its Delete */
#define KE_RESTARTS	2

static void on_timer(evutil_socket_t fd, short what, void *arg);

static void arm_in(struct ike_sa *sa, time_t seconds)
{
	struct ike_rekey *r = ike_rekey_state(sa);
	struct timeval tv = { seconds > 0 ? seconds : 0, 0 };

	if (!r->timer)
		r->timer = evtimer_new(sa->engine->base, on_timer, sa);
	evtimer_add(r->timer, &tv);
}

/* Seconds until SA's lifetime ends, at most SECONDS. */
static time_t before_hard_end(const struct ike_sa *sa, time_t seconds)
{
	time_t left = sa->rekey->hard_end - ike_now();

	return left < seconds ? left : seconds;
}

void ike_rekey_arm(struct ike_engine *e, struct ike_sa *sa)
{
	uint32_t life = sa->lifetime_seconds;
	uint16_t r;
	time_t at;

	(void)e;
	if (!life)
		return;
	/* 90 % of the lifetime plus 0 to 5 % of it (per mille steps) */
	RAND_bytes((uint8_t *)&r, sizeof(r));
	at = (time_t)((uint64_t)life * 900 / 1000 + (uint64_t)life * (r % 51) / 1000);
	ike_rekey_state(sa)->hard_end = ike_now() + life;
	arm_in(sa, at);
}

bool ike_rekey_in_progress(const struct ike_sa *sa)
{
	return sa->rekey && sa->rekey->active;
}

void ike_rekey_forget(struct ike_sa *sa)
{
	struct ike_rekey *r = sa->rekey;

	if (!r)
		return;
	if (r->timer)
		event_free(r->timer);
	dh_key_free(r->dh);
	explicit_bzero(r, sizeof(*r));
	free(r);
	sa->rekey = NULL;
}

void ike_rekey_move_session(struct ike_engine *e, struct ike_sa *new,
			    struct ike_sa *old)
{
	char desc[512];

	ike_sa_adopt_session(new, old);
	memcpy(new->client, old->client, sizeof(new->client));
	old->client[0] = '\0';	/* its end is no longer the session's */
	new->peer_rfc7427 = old->peer_rfc7427;
	ike_rekey_arm(e, new);
	ike_rekey_state(old)->retiring = true;
	arm_in(old, RETIRE_AFTER);
	ike_sa_describe(new, desc, sizeof(desc));
	log_notice("%s: IKE SA rekeyed (replaces session %llu)", desc,
		   (unsigned long long)old->id);
	ike_child_rekey_pending(e, new);
}

static bool policy_offers(const struct conf_policy *pol, const struct xf_dh *g)
{
	for (unsigned int i = 0; g && i < pol->n_proposals; i++)
		for (unsigned int k = 0; k < pol->proposals[i]->n_dh; k++)
			if (pol->proposals[i]->dh[k] == g)
				return true;
	return false;
}

static void on_answer(struct ike_sa *sa, struct ike_rx *rx);

static int send_request(struct ike_engine *e, struct ike_sa *sa)
{
	const struct conf_policy *pol =
		conf_policy_match(e->conf, (const struct sockaddr *)&sa->local);
	struct ike_rekey *r = ike_rekey_state(sa);
	uint8_t pub[IKE_KE_MAX];
	struct ike_writer w;

	if (!pol || !pol->n_proposals)
		return -1;
	if (!policy_offers(pol, r->group))
		r->group = policy_offers(pol, sa->dh) ? sa->dh
						      : pol->proposals[0]->dh[0];
	do {
		RAND_bytes(r->spi, sizeof(r->spi));
	} while (ike_sa_find(e, r->spi));
	RAND_bytes(r->ni, sizeof(r->ni));
	dh_key_free(r->dh);
	r->dh = NULL;
	if (dh_key_generate(r->group, &r->dh) != CRYPTO_OK ||
	    dh_key_public(r->dh, pub, sizeof(pub)) != CRYPTO_OK)
		return -1;
	ike_request_begin(e, sa, IKEV2_EXCH_CREATE_CHILD_SA, &w);
	ike_put_ike_proposals(&w, pol, r->spi);
	ike_put_nonce(&w, r->ni, sizeof(r->ni));
	ike_put_ke(&w, r->group->id, pub, r->group->public_len);
	if (ike_request_send(e, sa, &w, 0, 0, on_answer) < 0)
		return -1;
	r->active = true;
	return 0;
}

static void start(struct ike_engine *e, struct ike_sa *sa)
{
	struct ike_rekey *r = ike_rekey_state(sa);
	char desc[512];

	ike_sa_describe(sa, desc, sizeof(desc));
	if (ike_now() >= r->hard_end) {
		if (ike_sa_collision_adopt(e, sa))
			return;
		log_notice("%s: IKE SA reached its lifetime without a rekey", desc);
		ike_send_delete(e, sa);
		ike_sa_destroy(e, sa, "lifetime expired");
		return;
	}
	/* one request at a time: after the CHILD rekey, DPD, ... */
	if (sa->request.active || sa->rekeyed || sa->pending) {
		arm_in(sa, RETRY_BUSY);
		return;
	}
	r->ke_restarts = 0;
	if (send_request(e, sa) < 0) {
		log_warning("%s: cannot send the IKE SA rekey", desc);
		arm_in(sa, before_hard_end(sa, RETRY_FAILED));
		return;
	}
	/* the SA ends at its lifetime unless this rekey replaced it */
	arm_in(sa, r->hard_end - ike_now());
	log_info("%s: rekeying the IKE SA", desc);
}

static void on_timer(evutil_socket_t fd, short what, void *arg)
{
	struct ike_sa *sa = arg;

	(void)fd;
	(void)what;
	if (sa->rekey->retiring) {
		ike_sa_destroy(sa->engine, sa, "replaced by its rekey, the peer did not delete it");
		return;
	}
	if (sa->state == IKE_SA_ESTABLISHED)
		start(sa->engine, sa);
}

static void failed(struct ike_sa *sa, const char *why)
{
	time_t retry = before_hard_end(sa, RETRY_FAILED);
	char desc[512];

	ike_sa_describe(sa, desc, sizeof(desc));
	if (ike_sa_collision_adopt(sa->engine, sa)) {
		log_notice("%s: our IKE SA rekey failed (%s); the peer's stays",
			   desc, why);
		return;
	}
	log_warning("%s: IKE SA rekey failed: %s; trying again in %lld s",
		    desc, why, (long long)retry);
	arm_in(sa, retry);
}

/* The old SA after its replacement: our Delete, then it goes. */
static void on_deleted(struct ike_sa *sa, struct ike_rx *rx)
{
	(void)rx;
	ike_sa_destroy(sa->engine, sa, rx ? "rekeyed" : "rekeyed (its Delete went unanswered)");
}

static void delete_sa(struct ike_engine *e, struct ike_sa *sa)
{
	struct ike_writer w;

	ike_request_begin(e, sa, IKEV2_EXCH_INFORMATIONAL, &w);
	ike_put_delete(&w, IKEV2_PROTO_IKE, 0, 0, NULL);
	if (ike_request_send(e, sa, &w, 2, 3, on_deleted) < 0)
		ike_sa_destroy(e, sa, "rekeyed");
}

/* Takes the SPI we announced: the table knows the SA by it. */
static void take_spi(struct ike_engine *e, struct ike_sa *sa, const uint8_t *spi)
{
	HASH_DELETE(hh, e->by_spi, sa);
	memcpy(sa->our_spi, spi, 8);
	memcpy(sa->spi_i, spi, 8);
	HASH_ADD(hh, e->by_spi, our_spi, sizeof(sa->our_spi), sa);
}

/* The new SA from the answer's SA, Nr and KE; NULL with WHY. */
static struct ike_sa *make_successor(struct ike_rx *rx, char *why, size_t why_len)
{
	struct ike_sa *old = rx->sa, *new;
	struct ike_rekey *r = old->rekey;
	const struct ike_payload *sa_p = ike_message_find(rx->msg, IKEV2_PT_SA, NULL);
	const struct ike_payload *nr = ike_message_find(rx->msg, IKEV2_PT_NONCE, NULL);
	const struct ike_payload *ke = ike_message_find(rx->msg, IKEV2_PT_KE, NULL);
	const struct conf_policy *pol =
		conf_policy_match(rx->e->conf, (const struct sockaddr *)&old->local);
	uint8_t secret[IKE_KE_MAX];
	struct keymat_exchange ex;
	struct ike_chosen chosen;
	enum crypto_status st;

	if (!sa_p || !nr || !ke || !pol || sa_p->u.sa.n_proposals != 1 ||
	    ike_choose_ike(pol, &sa_p->u.sa, 8, ke->u.ke.dh_group, &chosen) != IKE_CHOICE_OK ||
	    chosen.dh != r->group || ke->u.ke.data_len != r->group->public_len ||
	    nr->u.nonce.data_len < 16 || nr->u.nonce.data_len > IKE_NONCE_MAX) {
		ike_count(rx->e, IKE_CNT_BAD_PAYLOADS);
		snprintf(why, why_len, "the answer chose nothing we offered");
		return NULL;
	}
	if (ike_sa_find(rx->e, r->spi)) {
		snprintf(why, why_len, "our new SPI was taken meanwhile");
		return NULL;
	}
	if (dh_key_shared_secret(r->dh, ke->u.ke.data, ke->u.ke.data_len,
				 secret, sizeof(secret)) != CRYPTO_OK) {
		snprintf(why, why_len, "Diffie-Hellman with the peer's KE failed");
		return NULL;
	}
	new = ike_sa_new_initiator(rx->e, &old->local, &old->peer);
	take_spi(rx->e, new, r->spi);
	memcpy(new->spi_r, chosen.spi, 8);
	new->natt = old->natt;
	new->nat_local = old->nat_local;
	new->nat_peer = old->nat_peer;
	new->suite = chosen.suite;
	new->dh = chosen.dh;
	new->nonce_i = xmemdup(r->ni, sizeof(r->ni));
	new->nonce_i_len = sizeof(r->ni);
	new->nonce_r = xmemdup(nr->u.nonce.data, nr->u.nonce.data_len);
	new->nonce_r_len = nr->u.nonce.data_len;
	ex = (struct keymat_exchange){
		.ni = { new->nonce_i, new->nonce_i_len },
		.nr = { new->nonce_r, new->nonce_r_len },
		.g_ir = { secret, new->dh->secret_len },
	};
	memcpy(ex.spi_i, new->spi_i, 8);
	memcpy(ex.spi_r, new->spi_r, 8);
	st = keymat_ike_rekey(&new->km, &old->km, &new->suite, &ex);
	explicit_bzero(secret, sizeof(secret));
	if (st != CRYPTO_OK) {
		ike_sa_destroy(rx->e, new, "IKE rekey: key derivation failed");
		snprintf(why, why_len, "key derivation failed");
		return NULL;
	}
	new->state = IKE_SA_ESTABLISHED;
	new->established = ike_now();
	return new;
}

/* INVALID_KE_PAYLOAD naming a group we offer: 1 when sent again. */
static int restart_with_group(struct ike_engine *e, struct ike_sa *sa,
			      struct ike_rx *rx)
{
	const struct ike_payload *n =
		ike_message_find_notify(rx->msg, IKEV2_N_INVALID_KE_PAYLOAD);
	const struct conf_policy *pol =
		conf_policy_match(e->conf, (const struct sockaddr *)&sa->local);
	struct ike_rekey *r = sa->rekey;
	const struct xf_dh *g;

	if (!n || n->u.notify.data_len != 2 || !pol ||
	    ++r->ke_restarts > KE_RESTARTS)
		return 0;
	g = xf_dh_find((uint16_t)(n->u.notify.data[0] << 8 | n->u.notify.data[1]));
	if (!policy_offers(pol, g) || g == r->group)
		return 0;
	r->group = g;
	return send_request(e, sa) == 0;
}

static void on_answer(struct ike_sa *sa, struct ike_rx *rx)
{
	struct ike_engine *e = sa->engine;
	struct ike_rekey *r = sa->rekey;
	const struct ike_payload *err;
	struct ike_sa *new, *theirs = NULL;
	char why[256], desc[512];

	r->active = false;
	if (!rx) {
		if (!ike_sa_collision_adopt(e, sa))
			ike_sa_destroy(e, sa, "the peer did not answer the IKE SA rekey");
		return;
	}
	if (restart_with_group(e, sa, rx))
		return;
	if ((err = ike_error_notify(rx->msg))) {
		snprintf(why, sizeof(why), "the peer answered with notify %u",
			 err->u.notify.type);
		failed(sa, why);
		return;
	}
	new = make_successor(rx, why, sizeof(why));
	if (!new) {
		failed(sa, why);
		return;
	}
	dh_key_free(r->dh);
	r->dh = NULL;
	ike_count(e, IKE_CNT_IKE_REKEYED);
	if (r->ike_theirs)
		theirs = ike_sa_find(e, r->ike_theirs_spi);
	r->ike_theirs = false;
	if (theirs && theirs->state == IKE_SA_ESTABLISHED && !theirs->children &&
	    ike_rekey_loses(new->nonce_i, new->nonce_i_len, new->nonce_r,
			    new->nonce_r_len, &r->ike_theirs_low)) {
		/* §2.8.2: ours holds the lowest nonce, so ours goes */
		ike_count(e, IKE_CNT_REKEY_COLLISION_LOST);
		ike_sa_describe(sa, desc, sizeof(desc));
		log_notice("%s: simultaneous IKE SA rekey: the peer's survives, ours is deleted",
			   desc);
		ike_rekey_move_session(e, theirs, sa);
		delete_sa(e, new);
		return;		/* the peer deletes the old SA */
	}
	if (theirs) {
		/* the peer deletes the SA its rekey made; if not, we do */
		ike_rekey_state(theirs)->retiring = true;
		arm_in(theirs, RETIRE_AFTER);
		ike_count(e, IKE_CNT_REKEY_COLLISION_WON);
		ike_sa_describe(sa, desc, sizeof(desc));
		log_notice("%s: simultaneous IKE SA rekey: ours survives, the peer deletes its own",
			   desc);
	}
	ike_rekey_move_session(e, new, sa);
	ike_sa_describe(new, desc, sizeof(desc));
	log_notice("%s: IKE SA rekeyed by us", desc);
	delete_sa(e, sa);
}
