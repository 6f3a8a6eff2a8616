// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * CREATE_CHILD_SA as responder (RFC 7296 §1.3): a new CHILD SA, the
 * rekey of one (N(REKEY_SA)), or the rekey of the IKE SA itself (an
 * IKE proposal).  Rekeying is make-before-break: the new CHILD SA is
 * installed and made the device's outbound SA at once, and the old
 * pair carries on until the initiator deletes it.  A rekeyed IKE SA
 * hands its session (access device, CHILD SAs) to its successor, so
 * the Delete of the old one that follows removes nothing else.
 *
 * Collisions (RFC 7296 §2.25): a rekey of an SA we are deleting, and
 * any CREATE_CHILD_SA while our own IKE rekey is out or on an IKE SA
 * already replaced, get TEMPORARY_FAILURE; a rekey of a CHILD SA we
 * are deleting too; one of an SA we no longer have CHILD_SA_NOT_FOUND.
 * A rekey of an SA we are rekeying ourselves is answered as usual; our
 * answer then tells which of the two new SAs stays (rekey_collision.c).
 * A new CHILD SA is the outbound one at once even then; a new IKE SA
 * gets the session only once it is known to stay.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include <openssl/rand.h>

#include "common/log.h"
#include "common/xalloc.h"
#include "dataplane/genl_sa.h"
#include "ike/engine_internal.h"
#include "ike/ike_rekey.h"
#include "ike/proposal.h"

#define NONCE_LEN 32

static void temporary_failure(struct ike_rx *rx, const char *why)
{
	char desc[512];

	ike_sa_describe(rx->sa, desc, sizeof(desc));
	log_info("%s: CREATE_CHILD_SA answered TEMPORARY_FAILURE: %s", desc, why);
	ike_count(rx->e, IKE_CNT_TEMPORARY_FAILURE);
	ike_reply_notify(rx, IKEV2_N_TEMPORARY_FAILURE, NULL, 0);
}

static struct child_sa *rekeyed_child(struct ike_rx *rx)
{
	const struct ike_payload *n = ike_message_find_notify(rx->msg, IKEV2_N_REKEY_SA);
	uint32_t spi;

	if (!n || n->u.notify.protocol_id != IKEV2_PROTO_ESP ||
	    n->u.notify.spi_size != 4)
		return NULL;
	memcpy(&spi, n->u.notify.spi, 4);
	spi = ntohl(spi);
	for (struct child_sa *c = rx->sa->children; c; c = c->next)
		if (c->spi_out == spi || c->spi_in == spi)
			return c;
	return NULL;
}

static void create_child(struct ike_rx *rx, const uint8_t *ni, size_t ni_len)
{
	struct ike_sa *sa = rx->sa;
	const struct conf_profile *prof = conf_profile_find(rx->e->conf, sa->profile);
	struct child_sa *old = rekeyed_child(rx), *child = NULL;
	uint8_t nr[NONCE_LEN], ke[IKE_KE_MAX];
	struct keymat_exchange ex = {
		.ni = { ni, ni_len },
		.nr = { nr, sizeof(nr) },
	};
	struct ike_chosen chosen;
	struct ike_writer w;
	uint16_t notify;
	char desc[512];

	if (ike_message_find_notify(rx->msg, IKEV2_N_REKEY_SA) && !old) {
		ike_reply_notify(rx, IKEV2_N_CHILD_SA_NOT_FOUND, NULL, 0);
		return;
	}
	if (old && old->deleting) {
		temporary_failure(rx, "rekey of a CHILD SA we are deleting");
		return;
	}
	if (!prof) {
		ike_reply_notify(rx, IKEV2_N_NO_ADDITIONAL_SAS, NULL, 0);
		return;
	}
	RAND_bytes(nr, sizeof(nr));
	notify = ike_child_negotiate(rx, prof, &ex, ke, &chosen, &child);
	if (notify) {
		ike_reply_notify(rx, notify, NULL, 0);
		return;
	}
	/*
	 * make-before-break: traffic leaves on the new SA from now on, also
	 * in a collision, so that it flows whichever SA the peer deletes
	 * first; our answer may switch to our own SA later.
	 */
	if (vgate_sa_swap(&rx->e->genl, sa->access_ifindex, child->spi_out) < 0)
		log_warning("switching to the new CHILD SA: %s", rx->e->genl.error);
	ike_sa_describe(sa, desc, sizeof(desc));
	if (old && old->rekeying) {
		/* §2.8.1: ours is out too; its answer decides which stays */
		ike_child_collision_note(sa, child, ni, ni_len, nr, sizeof(nr));
		log_notice("%s: CHILD SA 0x%08x/0x%08x rekeyed by the peer while we rekey it too",
			   desc, child->spi_in, child->spi_out);
	} else {
		if (old) {
			old->replaced = true;	/* the peer deletes it */
			ike_count(rx->e, IKE_CNT_CHILD_REKEYED);
		}
		log_notice("%s: CHILD SA 0x%08x/0x%08x %s", desc, child->spi_in,
			   child->spi_out, old ? "rekeyed" : "added");
	}

	ike_reply_begin(rx, &w);
	{
		uint32_t spi = htonl(child->spi_in);

		ike_put_chosen(&w, &chosen, IKEV2_PROTO_ESP, (uint8_t *)&spi, 4);
	}
	ike_put_nonce(&w, nr, sizeof(nr));
	if (chosen.dh)
		ike_put_ke(&w, chosen.dh->id, ke, chosen.dh->public_len);
	ike_put_decoded(&w, ike_message_find(rx->msg, IKEV2_PT_TSI, NULL));
	ike_put_decoded(&w, ike_message_find(rx->msg, IKEV2_PT_TSR, NULL));
	ike_reply_send(rx, &w);
}

/* The new IKE SA's keys from the old one's (RFC 7296 §2.18). */
static int rekey_keys(struct ike_sa *old, struct ike_sa *new,
		      const struct ike_payload *ke, uint8_t *ke_out)
{
	uint8_t secret[IKE_KE_MAX];
	struct keymat_exchange ex = {
		.ni = { new->nonce_i, new->nonce_i_len },
		.nr = { new->nonce_r, new->nonce_r_len },
		.g_ir = { secret, new->dh->secret_len },
	};
	int ret = -1;

	memcpy(ex.spi_i, new->spi_i, 8);
	memcpy(ex.spi_r, new->spi_r, 8);
	if (ike_dh_respond(new->dh, ke, ke_out, secret) == 0 &&
	    keymat_ike_rekey(&new->km, &old->km, &new->suite, &ex) == CRYPTO_OK)
		ret = 0;
	explicit_bzero(secret, sizeof(secret));
	return ret;
}

static void rekey_ike(struct ike_rx *rx, const struct ike_payload *sa_p,
		      const struct ike_payload *ke, const struct ike_payload *ni)
{
	const struct conf_policy *policy =
		conf_policy_match(rx->e->conf, (const struct sockaddr *)&rx->sa->local);
	struct ike_sa *old = rx->sa, *new;
	uint8_t ke_out[IKE_KE_MAX];
	struct ike_chosen chosen;
	struct ike_writer w;
	char desc[512];
	uint16_t group;

	/* §2.25.2; and a CHILD SA request of ours would lose its session */
	if (old->request.active && (old->rekeyed || old->pending)) {
		temporary_failure(rx, "IKE rekey while our CHILD SA exchange is out");
		return;
	}
	if (!ke) {
		ike_count(rx->e, IKE_CNT_BAD_PAYLOADS);
		ike_reply_notify(rx, IKEV2_N_INVALID_SYNTAX, NULL, 0);
		return;
	}
	switch (ike_choose_ike(policy, &sa_p->u.sa, 8, ke->u.ke.dh_group, &chosen)) {
	case IKE_CHOICE_NONE:
		ike_count(rx->e, IKE_CNT_NO_PROPOSAL_CHOSEN);
		ike_reply_notify(rx, IKEV2_N_NO_PROPOSAL_CHOSEN, NULL, 0);
		return;
	case IKE_CHOICE_INVALID_KE:
		ike_count(rx->e, IKE_CNT_INVALID_KE);
		group = htons(chosen.dh->id);
		ike_reply_notify(rx, IKEV2_N_INVALID_KE_PAYLOAD, &group, sizeof(group));
		return;
	case IKE_CHOICE_OK:
		break;
	}
	new = ike_sa_rekeyed(rx->e, old, chosen.spi);
	new->suite = chosen.suite;
	new->dh = chosen.dh;
	new->nonce_i = xmemdup(ni->u.nonce.data, ni->u.nonce.data_len);
	new->nonce_i_len = ni->u.nonce.data_len;
	new->nonce_r = xcalloc(1, NONCE_LEN);
	new->nonce_r_len = NONCE_LEN;
	RAND_bytes(new->nonce_r, NONCE_LEN);
	if (rekey_keys(old, new, ke, ke_out) < 0) {
		ike_sa_destroy(rx->e, new, "IKE rekey: Diffie-Hellman failed");
		ike_reply_notify(rx, IKEV2_N_NO_PROPOSAL_CHOSEN, NULL, 0);
		return;
	}
	if (ike_rekey_in_progress(old)) {
		/* §2.8.2: ours is out too; its answer decides which stays */
		ike_sa_collision_note(old, new, new->nonce_i, new->nonce_i_len,
				      new->nonce_r, new->nonce_r_len);
		ike_sa_describe(old, desc, sizeof(desc));
		log_notice("%s: IKE SA rekeyed by the peer while we rekey it too", desc);
	} else {
		ike_rekey_move_session(rx->e, new, old);
		ike_count(rx->e, IKE_CNT_IKE_REKEYED);
	}
	ike_reply_begin(rx, &w);
	ike_put_chosen(&w, &chosen, IKEV2_PROTO_IKE, new->spi_r, 8);
	ike_put_nonce(&w, new->nonce_r, new->nonce_r_len);
	ike_put_ke(&w, new->dh->id, ke_out, new->dh->public_len);
	ike_reply_send(rx, &w);
}

void ike_resp_create_child(struct ike_rx *rx)
{
	const struct ike_payload *sa_p = ike_message_find(rx->msg, IKEV2_PT_SA, NULL);
	const struct ike_payload *ni = ike_message_find(rx->msg, IKEV2_PT_NONCE, NULL);
	const struct ike_payload *ke = ike_message_find(rx->msg, IKEV2_PT_KE, NULL);
	bool ike = sa_p->u.sa.n_proposals &&
		   sa_p->u.sa.proposals[0].protocol_id == IKEV2_PROTO_IKE;

	/* §2.25.2: an IKE SA replaced or being deleted, or being rekeyed */
	if (rx->sa->state != IKE_SA_ESTABLISHED) {
		temporary_failure(rx, "the IKE SA is being deleted");
		return;
	}
	if (ike_rekey_in_progress(rx->sa) && !ike) {
		temporary_failure(rx, "CHILD SA request while we rekey the IKE SA");
		return;
	}
	if (ike) {
		rekey_ike(rx, sa_p, ke, ni);
		return;
	}
	if (!ike_message_find(rx->msg, IKEV2_PT_TSI, NULL) ||
	    !ike_message_find(rx->msg, IKEV2_PT_TSR, NULL)) {
		ike_count(rx->e, IKE_CNT_BAD_PAYLOADS);
		ike_reply_notify(rx, IKEV2_N_INVALID_SYNTAX, NULL, 0);
		return;
	}
	create_child(rx, ni->u.nonce.data, ni->u.nonce.data_len);
}
