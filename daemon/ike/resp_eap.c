// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * IKE_AUTH with EAP as responder (RFC 7296 §2.16, spec ch2-5 §10).
 *
 *   1. IDi, no AUTH [SA TSi TSr CP]  ->  IDr CERT AUTH(our signature) EAP
 *   2. EAP                           ->  EAP            (as many as needed)
 *   n. EAP                           ->  EAP-Success (or EAP-Failure: end)
 *   m. AUTH(from the MSK)            ->  AUTH [CP] SA TSi TSr
 *
 * The SA stays half-open throughout, so it counts against the
 * negotiation limits; each round re-arms its timeout to the profile's
 * EAP timeout.  The first request's SA, TSi, TSr and CP payloads are
 * kept (its decrypted payloads, parsed again at the end) for the CHILD
 * SA and the configuration reply of the last round.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/eap.h"
#include "auth/psk.h"
#include "common/log.h"
#include "common/xalloc.h"
#include "ike/engine_internal.h"

struct ike_eap {
	struct eap_server *server;
	bool succeeded;
	uint32_t timeout;		/* seconds a round may take */
	uint8_t first_type;		/* the first request's inner payloads */
	uint8_t *first;
	size_t first_len;
	uint8_t *idi_body;		/* its IDi payload body, for AUTH */
	size_t idi_len;
	bool has_msk;
	uint8_t msk[EAP_MSK_LEN];
	char user[EAP_IDENTITY_MAX + 1];
};

bool ike_eap_in_progress(const struct ike_sa *sa)
{
	return sa->eap && !sa->eap->succeeded;
}

void ike_eap_free(struct ike_sa *sa)
{
	struct ike_eap *eap = sa->eap;

	if (!eap)
		return;
	eap_server_free(eap->server);
	free(eap->first);
	free(eap->idi_body);
	explicit_bzero(eap, sizeof(*eap));
	free(eap);
	sa->eap = NULL;
}

/* The local user database, for the EAP methods. */
static bool lookup_user(void *ctx, const char *name, struct eap_credential *out)
{
	const struct conf_user *u = conf_user_find(ctx, name);

	if (!u)
		return false;
	memset(out, 0, sizeof(*out));
	out->password = u->password;
	out->has_nt_hash = u->has_nt_hash;
	memcpy(out->nt_hash, u->nt_hash, sizeof(out->nt_hash));
	out->crypt_hash = u->password_hash;
	return true;
}

static void eap_fail(struct ike_rx *rx, enum ike_counter c, const char *why)
{
	ike_count(rx->e, c);
	if (c != IKE_CNT_AUTH_FAILED)
		ike_count(rx->e, IKE_CNT_AUTH_FAILED);
	ike_reply_notify(rx, IKEV2_N_AUTHENTICATION_FAILED, NULL, 0);
	ike_sa_destroy(rx->e, rx->sa, why);
}

/* Answers RX with the EAP packet OUT (and nothing else). */
static void reply_eap(struct ike_rx *rx, const uint8_t *out, size_t len)
{
	struct ike_writer w;

	ike_reply_begin(rx, &w);
	ike_put_eap(&w, out, len);
	ike_reply_send(rx, &w);
	ike_sa_set_timeout(rx->sa, rx->sa->eap->timeout);
}

static struct eap_server *new_server(struct ike_engine *e,
				     const struct conf_profile *prof,
				     const char *identity)
{
	struct eap_server_params p = {
		.query_identity = prof->eap_query_identity,
		.identity = identity,
		.lookup = lookup_user,
		.lookup_ctx = (void *)e->conf,
		.tls_ctx = ike_certs_eap_tls(e, prof->name),
	};

	for (unsigned int i = 0; i < prof->n_eap_methods && i < EAP_MAX_METHODS; i++)
		p.methods[p.n_methods++] = (enum eap_type)prof->eap_methods[i];
	return eap_server_new(&p);
}

void ike_eap_begin(struct ike_rx *rx, const struct conf_profile *prof,
		   const struct ike_payload *idi)
{
	struct ike_sa *sa = rx->sa;
	char identity[CONF_ID_MAX + 1], why[512];
	uint8_t out[EAP_PACKET_MAX];
	const struct ike_payload *sk;
	struct ike_our_auth auth;
	struct ike_writer w;
	struct ike_eap *eap;
	size_t len;

	/* spec §10: an address is no EAP identity; the client must be asked */
	if (!conf_identity_name(&sa->id_remote, identity, sizeof(identity)) ||
	    sa->id_remote.type == IKEV2_ID_IPV4_ADDR ||
	    sa->id_remote.type == IKEV2_ID_IPV6_ADDR) {
		if (!prof->eap_query_identity) {
			eap_fail(rx, IKE_CNT_EAP_ERROR,
				 "EAP without query-identity needs an IDi that names the user, not an address");
			return;
		}
		identity[0] = '\0';
	}
	if (!ike_auth_make_ours(rx->e, sa, prof, &auth, why, sizeof(why))) {
		explicit_bzero(&auth, sizeof(auth));
		eap_fail(rx, IKE_CNT_AUTH_FAILED, why);
		return;
	}
	eap = sa->eap = xcalloc(1, sizeof(*eap));
	eap->timeout = prof->eap_timeout ? prof->eap_timeout : 90;
	eap->server = new_server(rx->e, prof, identity);
	if (!eap->server ||
	    eap_server_start(eap->server, out, sizeof(out), &len) != EAP_STATUS_CONTINUE) {
		explicit_bzero(&auth, sizeof(auth));
		eap_fail(rx, IKE_CNT_EAP_ERROR, "cannot start the EAP server (methods, TLS context)");
		return;
	}
	sk = ike_message_find(rx->msg, IKEV2_PT_SK, NULL);
	eap->first_type = sk->u.sk.first_inner_type;
	eap->first = xmemdup(rx->e->plain, rx->e->plain_len);
	eap->first_len = rx->e->plain_len;
	eap->idi_body = xmemdup(idi->body, idi->body_len);
	eap->idi_len = idi->body_len;

	ike_reply_begin(rx, &w);
	ike_auth_put_id_certs(&w, sa, &auth);
	ike_auth_put_auth(&w, &auth);
	ike_put_eap(&w, out, len);
	ike_reply_send(rx, &w);
	ike_sa_set_timeout(sa, eap->timeout);
}

static enum ike_counter failure_counter(enum eap_failure f)
{
	switch (f) {
	case EAP_FAIL_UNKNOWN_USER:
		return IKE_CNT_EAP_UNKNOWN_USER;
	case EAP_FAIL_BAD_CREDENTIALS:
		return IKE_CNT_EAP_REJECTED;
	default:
		return IKE_CNT_EAP_ERROR;
	}
}

/*
 * If EAP ended in a method's verdict (wrong password, unknown user,
 * ...), counts it and writes "EAP failed: REASON" and HOW to WHY.
 */
static bool method_verdict(struct ike_engine *e, const struct ike_eap *eap,
			   const char *how, char *why, size_t why_len)
{
	enum eap_failure f = eap_server_failure(eap->server);

	if (f == EAP_FAIL_NONE)
		return false;
	snprintf(why, why_len, "EAP failed: %s%s",
		 eap_server_failure_reason(eap->server), how);
	ike_count(e, failure_counter(f));
	ike_count(e, IKE_CNT_AUTH_FAILED);
	return true;
}

void ike_resp_eap(struct ike_rx *rx)
{
	const struct ike_payload *p = ike_message_find(rx->msg, IKEV2_PT_EAP, NULL);
	struct ike_eap *eap = rx->sa->eap;
	uint8_t out[EAP_PACKET_MAX];
	struct ike_writer w;
	char why[256];
	size_t len = 0;

	switch (eap_server_input(eap->server, p->u.eap.message, p->u.eap.length,
				 out, sizeof(out), &len)) {
	case EAP_STATUS_CONTINUE:
		reply_eap(rx, out, len);
		return;
	case EAP_STATUS_SUCCESS:
		eap->succeeded = true;
		eap->has_msk = eap_server_msk(eap->server, eap->msk);
		snprintf(eap->user, sizeof(eap->user), "%s",
			 eap_server_identity(eap->server));
		log_info("EAP-%s: user %s authenticated",
			 eap_type_name(eap_server_method(eap->server)), eap->user);
		reply_eap(rx, out, len);
		return;
	case EAP_STATUS_FAILURE:
		break;
	}
	/* the client learns it from EAP-Failure, the log from the reason */
	method_verdict(rx->e, eap, "", why, sizeof(why));
	ike_reply_begin(rx, &w);
	ike_put_eap(&w, out, len);
	ike_put_notify(&w, IKEV2_PROTO_NONE, NULL, 0,
		       IKEV2_N_AUTHENTICATION_FAILED, NULL, 0);
	ike_reply_send(rx, &w);
	ike_sa_destroy(rx->e, rx->sa, why);
}

void ike_eap_timed_out(struct ike_engine *e, struct ike_sa *sa)
{
	char why[256];

	if (!method_verdict(e, sa->eap, " (the client went silent)", why,
			    sizeof(why))) {
		snprintf(why, sizeof(why), "EAP timed out: no answer within %u s",
			 sa->eap->timeout);
		ike_count(e, IKE_CNT_EAP_TIMEOUT);
	}
	ike_sa_destroy(e, sa, why);
}

void ike_resp_eap_abort(struct ike_rx *rx)
{
	struct ike_writer w;
	char why[256];

	/*
	 * A client told that its password is wrong inside the method (an
	 * MSCHAPv2 Failure request) may give up this way instead of
	 * answering (strongSwan does): the method's verdict is the reason.
	 */
	if (!method_verdict(rx->e, rx->sa->eap, " (the client gave up)", why,
			    sizeof(why))) {
		snprintf(why, sizeof(why), "the client abandoned EAP%s",
			 ike_message_find_notify(rx->msg, IKEV2_N_AUTHENTICATION_FAILED) ?
			 " (AUTHENTICATION_FAILED)" : "");
		ike_count(rx->e, IKE_CNT_EAP_ERROR);
		ike_count(rx->e, IKE_CNT_AUTH_FAILED);
	}
	ike_reply_begin(rx, &w);
	ike_reply_send(rx, &w);
	ike_sa_destroy(rx->e, rx->sa, why);
}

/*
 * The shared key of the AUTH payloads after EAP: the MSK, or SK_pi and
 * SK_pr for a method without one (RFC 7296 §2.16), per side.
 */
static const uint8_t *auth_key(const struct ike_sa *sa, bool initiators,
			       size_t *len)
{
	const struct keymat_key *k = initiators ? &sa->km.sk_pi : &sa->km.sk_pr;

	if (sa->eap->has_msk) {
		*len = EAP_MSK_LEN;
		return sa->eap->msk;
	}
	*len = k->len;
	return k->octets;
}

/* Our AUTH after EAP, over our ID as sent in the first response. */
static bool make_our_auth(struct ike_sa *sa, struct ike_our_auth *out)
{
	uint8_t body[4 + CONF_ID_MAX];
	size_t body_len = ike_id_body(&sa->id_local, body);
	const uint8_t *key;
	size_t key_len;

	key = auth_key(sa, false, &key_len);
	memset(out, 0, sizeof(*out));
	out->method = IKEV2_AUTH_METHOD_SHARED_KEY_MESSAGE_INTEGRITY_CODE;
	out->len = sa->suite.prf->out_len;
	return auth_psk_compute(sa, false, key, key_len, body, body_len,
				out->data) == 0;
}

void ike_resp_eap_auth(struct ike_rx *rx)
{
	const struct ike_payload *auth = ike_message_find(rx->msg, IKEV2_PT_AUTH, NULL);
	struct ike_sa *sa = rx->sa;
	struct ike_eap *eap = sa->eap;
	const struct conf_profile *prof = conf_profile_find(rx->e->conf, sa->profile);
	struct ike_message *m1;
	struct ike_codec_error err;
	struct ike_our_auth ours;
	const uint8_t *key;
	size_t key_len;
	char user[sizeof(eap->user)];

	if (!prof) {
		eap_fail(rx, IKE_CNT_NO_PROFILE, "the profile was removed during EAP");
		return;
	}
	key = auth_key(sa, true, &key_len);
	if (auth->u.auth.type != IKEV2_AUTH_METHOD_SHARED_KEY_MESSAGE_INTEGRITY_CODE ||
	    !auth_psk_verify(sa, true, key, key_len, eap->idi_body, eap->idi_len,
			     auth->u.auth.data, auth->u.auth.data_len)) {
		eap_fail(rx, IKE_CNT_AUTH_FAILED,
			 eap->has_msk ? "AUTH after EAP does not match the MSK"
				      : "AUTH after EAP does not match SK_pi");
		return;
	}
	if (!make_our_auth(sa, &ours)) {
		eap_fail(rx, IKE_CNT_AUTH_FAILED, "computing our AUTH after EAP failed");
		return;
	}
	m1 = xcalloc(1, sizeof(*m1));
	m1->hdr = rx->msg->hdr;
	if (ike_parse_inner(m1, eap->first_type, eap->first, eap->first_len, &err) < 0) {
		/* it parsed the first time: only a bug gets here */
		free(m1);
		explicit_bzero(&ours, sizeof(ours));
		eap_fail(rx, IKE_CNT_MALFORMED, "the first IKE_AUTH request no longer parses");
		return;
	}
	/* established or destroyed by it, the SA frees EAP's state */
	memcpy(user, eap->user, sizeof(user));
	ike_resp_auth_complete(rx, m1, prof, &ours, false, user);
	free(m1);
}
