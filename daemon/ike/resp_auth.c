// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * IKE_AUTH as responder (RFC 7296 §1.2, §2.15): pick the profile from
 * IDi (exactly one must match, spec §6.1), verify the peer's AUTH (the
 * keyring's key, or its certificates against the profile's trust
 * anchor), answer with ours, and set up the first CHILD SA
 * on the session's access device.  A failed CHILD SA does not fail the
 * IKE SA (§1.2); a failed authentication removes everything.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/xalloc.h"
#include "ike/engine_internal.h"
#include "ike/proposal.h"
#include "ike/ra.h"
#include "ike/ts.h"

static void fail_auth(struct ike_rx *rx, enum ike_counter c, const char *why)
{
	ike_count(rx->e, c);
	ike_reply_notify(rx, IKEV2_N_AUTHENTICATION_FAILED, NULL, 0);
	ike_sa_destroy(rx->e, rx->sa, why);
}

/*
 * OTHER is the same peer as SA for INITIAL_CONTACT: the same profile
 * and, for an EAP user, the same user (clients behind NATs may all
 * send the same private address as IDi), else the same IDi.
 */
static bool same_peer(const struct ike_sa *other, const struct ike_sa *sa,
		      const char *eap_user)
{
	if (strcmp(other->profile, sa->profile))
		return false;
	if (eap_user)
		return other->ra && !strcmp(other->ra->user, eap_user);
	return other->id_remote.type == sa->id_remote.type &&
	       other->id_remote.len == sa->id_remote.len &&
	       !memcmp(other->id_remote.data, sa->id_remote.data,
		       other->id_remote.len);
}

/* INITIAL_CONTACT (RFC 7296 §2.4): the peer lost its old SAs. */
static void initial_contact(struct ike_rx *rx, bool forced, const char *eap_user)
{
	struct ike_sa **others;
	unsigned int n;

	if (!forced && !ike_message_find_notify(rx->msg, IKEV2_N_INITIAL_CONTACT))
		return;
	/* a copy: each destroy takes the SA out of the index */
	others = ike_owner_candidates(rx->e, rx->sa, eap_user, &n);
	for (unsigned int i = 0; i < n; i++) {
		struct ike_sa *other = others[i];

		if (other == rx->sa || other->state != IKE_SA_ESTABLISHED ||
		    !same_peer(other, rx->sa, eap_user))
			continue;
		ike_sa_destroy(rx->e, other, "replaced (INITIAL_CONTACT)");
	}
	free(others);
}

void ike_resp_auth(struct ike_rx *rx)
{
	const struct ike_payload *idi = ike_message_find(rx->msg, IKEV2_PT_IDI, NULL);
	const struct conf_profile *prof;
	struct ike_sa *sa = rx->sa;
	struct ike_our_auth auth;
	char why[512];

	ike_identity_from_payload(idi, &sa->id_remote);
	prof = conf_profile_match(rx->e->conf, &sa->id_remote,
				  (const struct sockaddr *)&sa->local, why, sizeof(why));
	if (!prof) {
		fail_auth(rx, IKE_CNT_NO_PROFILE, why);
		return;
	}
	ike_sa_take_profile(sa, prof, &rx->e->conf->global);
	/* RFC 7296 §2.16: no AUTH payload asks for EAP */
	if (!ike_message_find(rx->msg, IKEV2_PT_AUTH, NULL) &&
	    (prof->auth_remote & CONF_AUTH_EAP)) {
		ike_eap_begin(rx, prof, idi);
		return;
	}
	if (!ike_auth_verify_peer(rx, prof, idi, why, sizeof(why)) ||
	    !ike_auth_make_ours(rx->e, sa, prof, &auth, why, sizeof(why))) {
		explicit_bzero(&auth, sizeof(auth));
		fail_auth(rx, IKE_CNT_AUTH_FAILED, why);
		return;
	}
	ike_resp_auth_complete(rx, rx->msg, prof, &auth, true, NULL);
}

void ike_resp_auth_complete(struct ike_rx *rx, const struct ike_message *m1,
			    const struct conf_profile *prof,
			    struct ike_our_auth *auth, bool put_id,
			    const char *user)
{
	const struct ike_payload *cp = ike_message_find(m1, IKEV2_PT_CP, NULL);
	const struct ike_payload *cfg_set = NULL;
	struct ike_rx rx1 = *rx;
	struct ike_sa *sa = rx->sa;
	struct child_sa *child = NULL;
	struct ike_chosen chosen;
	struct aaa_attrs attrs;
	char idtext[CONF_ID_MAX + 1];
	struct ike_writer w;
	uint16_t child_notify = 0, ra_notify = 0;

	rx1.msg = (struct ike_message *)m1;
	initial_contact(&rx1, prof->initial_contact_force, user);
	/* a client that asks for an address, or logged in as a user, is a
	 * remote-access session (spec §12: authorization needs one of them) */
	if (cp && cp->u.cp.cfg_type == IKEV2_CFG_SET)
		cfg_set = cp;
	if (cp && cp->u.cp.cfg_type != IKEV2_CFG_REQUEST)
		cp = NULL;
	if (cp || user) {
		if (!user) {
			conf_identity_name(&sa->id_remote, idtext, sizeof(idtext));
			user = idtext;
		}
		ra_notify = ike_ra_setup(rx->e, sa, prof, user, cp, &attrs);
	}
	if (!ra_notify && ike_message_find(m1, IKEV2_PT_SA, NULL) &&
	    ike_message_find(m1, IKEV2_PT_TSI, NULL) &&
	    ike_message_find(m1, IKEV2_PT_TSR, NULL)) {
		struct keymat_exchange ex = {
			.ni = { sa->nonce_i, sa->nonce_i_len },
			.nr = { sa->nonce_r, sa->nonce_r_len },
		};

		child_notify = ike_child_negotiate(&rx1, prof, &ex, NULL,
						   &chosen, &child);
	}

	ike_reply_begin(rx, &w);
	if (put_id)
		ike_auth_put_id_certs(&w, sa, auth);
	ike_auth_put_auth(&w, auth);
	if (ra_notify) {
		/* authenticated, but nothing to give it: it cannot work */
		ike_put_notify(&w, IKEV2_PROTO_NONE, NULL, 0, ra_notify, NULL, 0);
		ike_reply_send(rx, &w);
		ike_sa_destroy(rx->e, sa, "no address for the client");
		return;
	}
	if (cp && sa->ra)
		ike_cp_put_reply(&w, cp, sa->ra, &attrs);
	if (cfg_set)
		ike_cp_put_ack(&w, cfg_set, child);
	if (child) {
		uint32_t spi = htonl(child->spi_in);

		ike_put_chosen(&w, &chosen, IKEV2_PROTO_ESP, (uint8_t *)&spi, 4);
		ike_ts_put_prefixes(&w, IKEV2_PT_TSI, child->ts_peer, child->n_ts_peer);
		ike_ts_put_prefixes(&w, IKEV2_PT_TSR, child->ts_ours, child->n_ts_ours);
	} else if (child_notify) {
		ike_put_notify(&w, IKEV2_PROTO_NONE, NULL, 0, child_notify, NULL, 0);
	}
	if (sa->window.size > 1) {
		/* RFC 7296 §2.3: tell the peer it may send more at once */
		uint32_t size = htonl(sa->window.size);

		ike_put_notify(&w, IKEV2_PROTO_NONE, NULL, 0,
			       IKEV2_N_SET_WINDOW_SIZE, (const uint8_t *)&size,
			       sizeof(size));
	}
	ike_sa_established(rx->e, sa);
	ike_ra_started(rx->e, sa, sa->ra ? attrs.session_lifetime : 0);
	ike_reply_send(rx, &w);
}
