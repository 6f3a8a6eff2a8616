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

#include "auth/cert.h"
#include "auth/octets.h"
#include "auth/psk.h"
#include "common/log.h"
#include "common/xalloc.h"
#include "ike/engine_internal.h"
#include "ike/proposal.h"

static void identity_from_payload(const struct ike_payload *p,
				  struct conf_identity *id)
{
	memset(id, 0, sizeof(*id));
	id->type = p->u.id.type;
	id->len = p->u.id.data_len > CONF_ID_MAX ? CONF_ID_MAX
						 : p->u.id.data_len;
	memcpy(id->data, p->u.id.data, id->len);
}

/* The ID payload body as AUTH signs it: type, three zero octets, data. */
static size_t id_body(const struct conf_identity *id, uint8_t *out)
{
	out[0] = id->type;
	memset(out + 1, 0, 3);
	memcpy(out + 4, id->data, id->len);
	return 4 + id->len;
}

static void fail_auth(struct ike_rx *rx, enum ike_counter c, const char *why)
{
	ike_count(rx->e, c);
	ike_reply_notify(rx, IKEV2_N_AUTHENTICATION_FAILED, NULL, 0);
	ike_sa_destroy(rx->e, rx->sa, why);
}

/* The peer's PSK AUTH, with the keyring's remote key. */
static bool verify_psk(struct ike_rx *rx, const struct conf_profile *prof,
		       const struct ike_payload *idi,
		       const struct ike_payload *auth, char *why, size_t why_len)
{
	struct ike_sa *sa = rx->sa;
	const struct conf_keyring_peer *key = prof->keyring ?
		conf_keyring_lookup(prof->keyring, &sa->id_remote,
				    (const struct sockaddr *)&sa->peer) : NULL;

	if (!key) {
		snprintf(why, why_len, "no pre-shared key for this peer in keyring %s",
			 prof->keyring ? prof->keyring->name : "(none)");
		return false;
	}
	if (!auth_psk_verify(sa, true, key->key_remote, key->key_remote_len,
			     idi->body, idi->body_len, auth->u.auth.data,
			     auth->u.auth.data_len)) {
		snprintf(why, why_len, "pre-shared key AUTH mismatch (keyring %s peer %s)",
			 prof->keyring->name, key->name);
		return false;
	}
	return true;
}

/* Which profile method an AUTH method with end-entity certificate EE needs. */
static unsigned int cert_method_kind(uint8_t method, const struct ike_payload *ee)
{
	switch (method) {
	case IKEV2_AUTH_METHOD_RSA_DIGITAL_SIGNATURE:
		return CONF_AUTH_RSA_SIG;
	case IKEV2_AUTH_METHOD_ECDSA_SHA_256_P_256:
	case IKEV2_AUTH_METHOD_ECDSA_SHA_384_P_384:
	case IKEV2_AUTH_METHOD_ECDSA_SHA_512_P_521:
		return CONF_AUTH_ECDSA_SIG;
	case IKEV2_AUTH_METHOD_DIGITAL_SIGNATURE:
		return ee ? auth_certs_der_kind(ee->u.cert.data, ee->u.cert.data_len) : 0;
	default:
		return 0;
	}
}

/* The peer's certificates (end-entity first) and signature AUTH. */
static bool verify_cert(struct ike_rx *rx, const struct conf_profile *prof,
			const struct ike_payload *idi,
			const struct ike_payload *auth, char *why, size_t why_len)
{
	const struct auth_certs *certs = ike_certs_for(rx->e, prof->name);
	const uint8_t *der[AUTH_CERTS_CHAIN_MAX];
	size_t lens[AUTH_CERTS_CHAIN_MAX], n = 0, len;
	const struct ike_payload *c = NULL, *ee = NULL;
	uint8_t *octets;
	int ret;

	while ((c = ike_message_find(rx->msg, IKEV2_PT_CERT, c)) &&
	       n < AUTH_CERTS_CHAIN_MAX) {
		if (c->u.cert.type != IKEV2_CERT_X509_SIGNATURE)
			continue;
		if (!ee)
			ee = c;
		der[n] = c->u.cert.data;
		lens[n++] = c->u.cert.data_len;
	}
	if (!(prof->auth_remote & cert_method_kind(auth->u.auth.type, ee))) {
		snprintf(why, why_len, "AUTH method %u not accepted by profile %s",
			 auth->u.auth.type, prof->name);
		return false;
	}
	if (!n || !certs) {
		snprintf(why, why_len, n ? "profile %s has no trust anchor loaded"
					 : "no X.509 certificate sent",
			 prof->name);
		return false;
	}
	octets = auth_octets(rx->sa, true, idi->body, idi->body_len, &len);
	ret = octets ? auth_certs_verify(certs, der, lens, n, &rx->sa->id_remote,
					 auth->u.auth.type, auth->u.auth.data,
					 auth->u.auth.data_len, octets, len, why,
					 why_len)
		     : -1;
	free(octets);
	return ret == 0;
}

/* Checks the peer's AUTH payload by its method. */
static bool verify_peer(struct ike_rx *rx, const struct conf_profile *prof,
			const struct ike_payload *idi, char *why, size_t why_len)
{
	const struct ike_payload *auth = ike_message_find(rx->msg, IKEV2_PT_AUTH, NULL);

	if (!auth) {
		snprintf(why, why_len, "EAP requested (no AUTH payload), not offered by profile %s",
			 prof->name);
		return false;
	}
	if (auth->u.auth.type == IKEV2_AUTH_METHOD_SHARED_KEY_MESSAGE_INTEGRITY_CODE) {
		if (prof->auth_remote & CONF_AUTH_PSK)
			return verify_psk(rx, prof, idi, auth, why, why_len);
		snprintf(why, why_len, "pre-shared key not accepted by profile %s",
			 prof->name);
		return false;
	}
	return verify_cert(rx, prof, idi, auth, why, why_len);
}

/* Our AUTH payload: what, and (certificates) the chain to send. */
struct our_auth {
	uint8_t method;
	uint8_t data[AUTH_CERTS_SIG_MAX];
	size_t len;
	const struct auth_certs *certs;		/* NULL: PSK */
};

static bool make_our_auth(struct ike_rx *rx, const struct conf_profile *prof,
			  struct our_auth *out, char *why, size_t why_len)
{
	struct ike_sa *sa = rx->sa;
	uint8_t body[4 + CONF_ID_MAX];
	size_t body_len, len;
	uint8_t *octets;
	int ret;

	conf_profile_local_identity(prof, (const struct sockaddr *)&sa->local,
				    &sa->id_local);
	out->certs = prof->auth_local == CONF_AUTH_PSK ? NULL :
		     ike_certs_for(rx->e, prof->name);
	if (prof->auth_local != CONF_AUTH_PSK && !out->certs) {
		snprintf(why, why_len, "profile %s has no certificate loaded", prof->name);
		return false;
	}
	if (out->certs && sa->id_local.type == IKEV2_ID_DER_ASN1_DN &&
	    !sa->id_local.len &&
	    auth_certs_local_dn(out->certs, sa->id_local.data,
				sizeof(sa->id_local.data), &len) == 0)
		sa->id_local.len = (uint16_t)len;
	body_len = id_body(&sa->id_local, body);
	if (!out->certs) {
		const struct conf_keyring_peer *key =
			conf_keyring_lookup(prof->keyring, &sa->id_remote,
					    (const struct sockaddr *)&sa->peer);

		out->method = IKEV2_AUTH_METHOD_SHARED_KEY_MESSAGE_INTEGRITY_CODE;
		out->len = sa->suite.prf->out_len;
		if (key && auth_psk_compute(sa, false, key->key_local,
					    key->key_local_len, body, body_len,
					    out->data) == 0)
			return true;
		snprintf(why, why_len, "no local pre-shared key for this peer in keyring %s",
			 prof->keyring ? prof->keyring->name : "(none)");
		return false;
	}
	octets = auth_octets(sa, false, body, body_len, &len);
	ret = octets ? auth_certs_sign(out->certs, sa->peer_rfc7427, octets, len,
				       &out->method, out->data, sizeof(out->data),
				       &out->len)
		     : -1;
	free(octets);
	if (ret < 0)
		snprintf(why, why_len, "signing our AUTH failed");
	return ret == 0;
}

/* INITIAL_CONTACT (RFC 7296 §2.4): the peer lost its old SAs. */
static void initial_contact(struct ike_rx *rx, bool forced)
{
	struct ike_sa *other, *tmp;

	if (!forced && !ike_message_find_notify(rx->msg, IKEV2_N_INITIAL_CONTACT))
		return;
	HASH_ITER(hh, rx->e->by_spi, other, tmp) {
		if (other == rx->sa || other->state != IKE_SA_ESTABLISHED ||
		    other->id_remote.type != rx->sa->id_remote.type ||
		    other->id_remote.len != rx->sa->id_remote.len ||
		    memcmp(other->id_remote.data, rx->sa->id_remote.data,
			   other->id_remote.len) ||
		    strcmp(other->profile, rx->sa->profile))
			continue;
		ike_sa_destroy(rx->e, other, "replaced (INITIAL_CONTACT)");
	}
}

/* What the SA keeps of its profile; DPD and keepalives fall back to the
 * global settings when the profile has none (spec §6.4, §7). */
static void copy_profile(struct ike_sa *sa, const struct conf_profile *prof,
			 const struct conf_ikev2_global *g)
{
	snprintf(sa->profile, sizeof(sa->profile), "%s", prof->name);
	sa->lifetime_seconds = prof->lifetime_seconds;
	if (prof->dpd_mode != CONF_DPD_OFF) {
		sa->dpd_mode = prof->dpd_mode;
		sa->dpd_interval = prof->dpd_interval;
		sa->dpd_retry = prof->dpd_retry;
	} else {
		sa->dpd_mode = g->dpd_mode;
		sa->dpd_interval = g->dpd_interval;
		sa->dpd_retry = g->dpd_retry;
	}
	sa->nat_keepalive = prof->nat_keepalive ? prof->nat_keepalive
						: g->nat_keepalive;
}

void ike_resp_auth(struct ike_rx *rx)
{
	const struct ike_payload *idi = ike_message_find(rx->msg, IKEV2_PT_IDI, NULL);
	const struct conf_profile *prof;
	struct ike_sa *sa = rx->sa;
	struct child_sa *child = NULL;
	struct ike_chosen chosen;
	struct our_auth auth;
	const uint8_t *der[AUTH_CERTS_CHAIN_MAX];
	size_t lens[AUTH_CERTS_CHAIN_MAX], n_certs = 0;
	char why[512];
	struct ike_writer w;
	uint16_t child_notify = 0;

	identity_from_payload(idi, &sa->id_remote);
	prof = conf_profile_match(rx->e->conf, &sa->id_remote,
				  (const struct sockaddr *)&sa->local, why, sizeof(why));
	if (!prof) {
		fail_auth(rx, IKE_CNT_NO_PROFILE, why);
		return;
	}
	copy_profile(sa, prof, &rx->e->conf->global);
	if (!verify_peer(rx, prof, idi, why, sizeof(why)) ||
	    !make_our_auth(rx, prof, &auth, why, sizeof(why))) {
		explicit_bzero(&auth, sizeof(auth));
		fail_auth(rx, IKE_CNT_AUTH_FAILED, why);
		return;
	}
	initial_contact(rx, prof->initial_contact_force);
	if (ike_message_find(rx->msg, IKEV2_PT_SA, NULL) &&
	    ike_message_find(rx->msg, IKEV2_PT_TSI, NULL) &&
	    ike_message_find(rx->msg, IKEV2_PT_TSR, NULL)) {
		struct keymat_exchange ex = {
			.ni = { sa->nonce_i, sa->nonce_i_len },
			.nr = { sa->nonce_r, sa->nonce_r_len },
		};

		child_notify = ike_child_negotiate(rx, prof, &ex, NULL,
						   &chosen, &child);
	}

	ike_reply_begin(rx, &w);
	ike_put_id(&w, IKEV2_PT_IDR, sa->id_local.type, sa->id_local.data,
		   sa->id_local.len);
	if (auth.certs)
		n_certs = auth_certs_chain(auth.certs, der, lens, AUTH_CERTS_CHAIN_MAX);
	for (size_t i = 0; i < n_certs; i++)
		ike_put_cert(&w, IKEV2_PT_CERT, IKEV2_CERT_X509_SIGNATURE, der[i],
			     lens[i]);
	ike_put_auth(&w, auth.method, auth.data, auth.len);
	explicit_bzero(&auth, sizeof(auth));
	if (child) {
		uint32_t spi = htonl(child->spi_in);

		ike_put_chosen(&w, &chosen, IKEV2_PROTO_ESP, (uint8_t *)&spi, 4);
		ike_put_decoded(&w, ike_message_find(rx->msg, IKEV2_PT_TSI, NULL));
		ike_put_decoded(&w, ike_message_find(rx->msg, IKEV2_PT_TSR, NULL));
	} else if (child_notify) {
		ike_put_notify(&w, IKEV2_PROTO_NONE, NULL, 0, child_notify, NULL, 0);
	}
	ike_sa_established(rx->e, sa);
	ike_reply_send(rx, &w);
}
