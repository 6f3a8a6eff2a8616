// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * IKE_SA_INIT as responder (RFC 7296 §1.2): admission (limits, cookie),
 * proposal choice, Diffie-Hellman, nonces, NAT detection, keys.  The
 * transition table has checked SA, KE and Ni are present.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "auth/cert.h"
#include "common/log.h"
#include "common/xalloc.h"
#include "ike/cookie.h"
#include "ike/engine_internal.h"
#include "ike/proposal.h"

#define NONCE_LEN 32

/* An unprotected error answer: the header has no responder SPI. */
static void refuse(struct ike_rx *rx, enum ike_counter c, uint16_t type,
		   const void *data, size_t len)
{
	ike_count(rx->e, c);
	ike_reply_notify(rx, type, data, len);
}

/* max-sa, max-in-negotiation, and the cookie challenge (spec §7). */
static bool admitted(struct ike_rx *rx, const struct ike_payload *ni)
{
	const struct conf_ikev2_global *g = &rx->e->conf->global;
	struct ike_engine *e = rx->e;
	uint8_t cookie[IKE_COOKIE_LEN];
	const struct ike_payload *n;
	char from[64];

	ike_sockaddr_format(&rx->peer, from, sizeof(from));
	if ((g->max_sa && e->n_sa >= g->max_sa) ||
	    (g->max_in_negotiation && e->n_half_open >= g->max_in_negotiation)) {
		ike_count(e, IKE_CNT_REFUSED_LIMIT);
		ike_cookie_log_refusal(&e->cookies, &rx->peer,
				       "IKE SA limit reached", from);
		return false;
	}
	if (!g->cookie_challenge || e->n_half_open < g->cookie_challenge)
		return true;
	n = ike_message_find_notify(rx->msg, IKEV2_N_COOKIE);
	if (n && ike_cookie_check(&e->cookies, rx->msg->hdr.spi_i, &rx->peer,
				  ni->u.nonce.data, ni->u.nonce.data_len,
				  n->u.notify.data, n->u.notify.data_len))
		return true;
	ike_cookie_make(&e->cookies, rx->msg->hdr.spi_i, &rx->peer,
			ni->u.nonce.data, ni->u.nonce.data_len, cookie);
	ike_count(e, IKE_CNT_COOKIE_SENT);
	ike_reply_notify(rx, IKEV2_N_COOKIE, cookie, IKE_COOKIE_LEN);
	return false;
}

/* RFC 7296 §2.23: compare the peer's hashes (computed with SPIr 0). */
static void detect_nat(struct ike_rx *rx, struct ike_sa *sa)
{
	static const uint8_t zero_spi[8];
	const struct ike_payload *n = NULL;
	uint8_t hash[20];
	bool saw_src = false, src_ok = false;

	ike_natd_hash(sa->spi_i, zero_spi, &rx->peer, hash);
	while ((n = ike_message_find(rx->msg, IKEV2_PT_N, n))) {
		if (n->u.notify.type != IKEV2_N_NAT_DETECTION_SOURCE_IP)
			continue;
		saw_src = true;
		if (n->u.notify.data_len == 20 &&
		    !memcmp(n->u.notify.data, hash, 20))
			src_ok = true;
	}
	n = ike_message_find_notify(rx->msg, IKEV2_N_NAT_DETECTION_DESTINATION_IP);
	if (!saw_src || !n)
		return;
	sa->nat_peer = !src_ok;
	ike_natd_hash(sa->spi_i, zero_spi, &rx->local, hash);
	sa->nat_local = n->u.notify.data_len != 20 ||
			memcmp(n->u.notify.data, hash, 20);
}

/* Our KE value to PUB (IKE_KE_MAX octets of room), and the keys. */
static int derive_keys(struct ike_sa *sa, const struct ike_payload *ke,
		       uint8_t *pub)
{
	uint8_t secret[IKE_KE_MAX];
	int ret = -1;

	if (ike_dh_respond(sa->dh, ke, pub, secret) == 0)
		ret = ike_sa_derive_keys(sa, secret);
	explicit_bzero(secret, sizeof(secret));
	return ret;
}

/*
 * With certificate profiles: CERTREQ for our trust anchors (RFC 7296
 * §3.7) and the hashes we sign with (RFC 7427 §4); and whether the
 * peer can verify RFC 7427 signatures.
 */
static void put_certificate_hints(struct ike_rx *rx, struct ike_writer *w)
{
	uint8_t data[IKE_KE_MAX];
	size_t len;

	rx->sa->peer_rfc7427 = ike_message_find_notify(
		rx->msg, IKEV2_N_SIGNATURE_HASH_ALGORITHMS) != NULL;
	if (!rx->e->n_certs)
		return;
	len = ike_certs_certreq(rx->e, data, sizeof(data));
	if (len)
		ike_put_cert(w, IKEV2_PT_CERTREQ, IKEV2_CERT_X509_SIGNATURE,
			     data, len);
	len = auth_certs_hash_algorithms(data, sizeof(data));
	ike_put_notify(w, IKEV2_PROTO_NONE, NULL, 0,
		       IKEV2_N_SIGNATURE_HASH_ALGORITHMS, data, len);
}

void ike_resp_sa_init(struct ike_rx *rx)
{
	const struct ike_payload *sa_p, *ke, *ni;
	const struct conf_policy *policy;
	struct ike_chosen chosen;
	struct ike_writer w;
	struct ike_sa *sa;
	uint8_t hash[20], pub[IKE_KE_MAX];
	uint16_t group;

	sa_p = ike_message_find(rx->msg, IKEV2_PT_SA, NULL);
	ke = ike_message_find(rx->msg, IKEV2_PT_KE, NULL);
	ni = ike_message_find(rx->msg, IKEV2_PT_NONCE, NULL);
	if (!admitted(rx, ni))
		return;
	policy = conf_policy_match(rx->e->conf, (const struct sockaddr *)&rx->local);
	switch (ike_choose_ike(policy, &sa_p->u.sa, 0, ke->u.ke.dh_group, &chosen)) {
	case IKE_CHOICE_NONE:
		log_info("IKE_SA_INIT: no proposal of policy %s was offered",
			 policy->name);
		refuse(rx, IKE_CNT_NO_PROPOSAL_CHOSEN, IKEV2_N_NO_PROPOSAL_CHOSEN,
		       NULL, 0);
		return;
	case IKE_CHOICE_INVALID_KE:
		group = htons(chosen.dh->id);
		refuse(rx, IKE_CNT_INVALID_KE, IKEV2_N_INVALID_KE_PAYLOAD,
		       &group, sizeof(group));
		return;
	case IKE_CHOICE_OK:
		break;
	}
	if (ke->u.ke.data_len != chosen.dh->public_len) {
		refuse(rx, IKE_CNT_MALFORMED, IKEV2_N_INVALID_SYNTAX, NULL, 0);
		return;
	}

	sa = ike_sa_new(rx->e, rx);
	sa->suite = chosen.suite;
	sa->dh = chosen.dh;
	sa->nonce_i = xmemdup(ni->u.nonce.data, ni->u.nonce.data_len);
	sa->nonce_i_len = ni->u.nonce.data_len;
	sa->nonce_r = xcalloc(1, NONCE_LEN);
	sa->nonce_r_len = NONCE_LEN;
	RAND_bytes(sa->nonce_r, NONCE_LEN);
	if (derive_keys(sa, ke, pub) < 0) {
		ike_count(rx->e, IKE_CNT_MALFORMED);
		ike_sa_destroy(rx->e, sa, "Diffie-Hellman failed (bad KE value)");
		return;
	}
	detect_nat(rx, sa);
	sa->init_request = xmemdup(rx->data, rx->len);
	sa->init_request_len = rx->len;

	rx->sa = sa;
	ike_reply_begin(rx, &w);
	ike_put_chosen(&w, &chosen, IKEV2_PROTO_IKE, NULL, 0);
	ike_put_ke(&w, sa->dh->id, pub, sa->dh->public_len);
	ike_put_nonce(&w, sa->nonce_r, sa->nonce_r_len);
	ike_natd_hash(sa->spi_i, sa->spi_r, &rx->local, hash);
	ike_put_notify(&w, IKEV2_PROTO_NONE, NULL, 0,
		       IKEV2_N_NAT_DETECTION_SOURCE_IP, hash, sizeof(hash));
	ike_natd_hash(sa->spi_i, sa->spi_r, &rx->peer, hash);
	ike_put_notify(&w, IKEV2_PROTO_NONE, NULL, 0,
		       IKEV2_N_NAT_DETECTION_DESTINATION_IP, hash, sizeof(hash));
	put_certificate_hints(rx, &w);
	if (ike_reply_send(rx, &w) < 0 || !sa->window.responses[0].valid) {
		ike_sa_destroy(rx->e, sa, "could not build IKE_SA_INIT response");
		return;
	}
	/* signed in AUTH, and sent again for a retransmitted request */
	sa->init_response = xmemdup(sa->window.responses[0].data,
				    sa->window.responses[0].len);
	sa->init_response_len = sa->window.responses[0].len;
}
