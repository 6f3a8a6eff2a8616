// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * IKE_AUTH as initiator (RFC 7296 §1.2): our identity, certificates
 * and AUTH, INITIAL_CONTACT (we keep no state across restarts), the
 * CHILD SA with the client's selectors; then the responder's identity
 * must fit the profile, its AUTH must verify, and the CHILD SA it
 * chose (selectors possibly narrowed) goes into vgate.ko.
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
#include "ike/ts.h"

/* One ESP proposal per transform set vgate.ko runs, our SPI in each. */
static void put_esp_proposals(struct ike_writer *w,
			      const struct conf_ipsec_profile *ipp, uint32_t spi)
{
	struct ike_proposal props[CONF_MAX_REFS];
	struct ike_transform t[CONF_MAX_REFS][3];
	unsigned int n = 0;

	spi = htonl(spi);
	for (unsigned int i = 0; i < ipp->n_transform_sets; i++) {
		const struct conf_transform_set *ts = ipp->transform_sets[i];
		unsigned int k = 0;

		t[n][k++] = (struct ike_transform){
			.type = IKEV2_TRANSFORM_TYPE_ENCR, .id = ts->encr->id,
			.key_length = (uint16_t)ts->encr->key_bits,
			.has_key_length = ts->encr->key_bits != 0,
		};
		if (ts->integ)
			t[n][k++] = (struct ike_transform){
				.type = IKEV2_TRANSFORM_TYPE_INTEG, .id = ts->integ->id,
			};
		t[n][k++] = (struct ike_transform){
			.type = IKEV2_TRANSFORM_TYPE_ESN,
			.id = ts->esn ? IKEV2_ESN_YES : IKEV2_ESN_NO,
		};
		props[n] = (struct ike_proposal){
			.number = (uint8_t)(n + 1), .protocol_id = IKEV2_PROTO_ESP,
			.spi_size = 4, .spi = (const uint8_t *)&spi,
			.n_transforms = (uint8_t)k, .transforms = t[n],
		};
		n++;
	}
	ike_put_sa(w, props, n);
}

static void put_selectors(struct ike_writer *w, uint8_t type,
			  const struct conf_prefix *p, unsigned int n)
{
	struct ike_traffic_selector ts[CONF_MAX_MATCHES];
	uint8_t addrs[CONF_MAX_MATCHES][2][16];

	for (unsigned int i = 0; i < n; i++)
		ike_ts_from_prefix(&p[i], &ts[i], addrs[i][0], addrs[i][1]);
	ike_put_ts(w, type, ts, n);
}

void ike_init_send_auth(struct ike_engine *e, struct ike_sa *sa,
			const struct conf_client *client)
{
	const struct conf_profile *prof = client->profile;
	struct ike_our_auth auth;
	struct ike_writer w;
	char why[256];

	if (!ike_auth_make_ours(e, sa, prof, &auth, why, sizeof(why))) {
		explicit_bzero(&auth, sizeof(auth));
		ike_init_failed(e, sa, why);
		return;
	}
	sa->pending = xcalloc(1, sizeof(*sa->pending));
	do {
		RAND_bytes((uint8_t *)&sa->pending->spi_in, 4);
	} while (sa->pending->spi_in < 256);
	ike_request_begin(e, sa, IKEV2_EXCH_IKE_AUTH, &w);
	ike_auth_put_id_certs(&w, sa, &auth);
	/* RFC 7296 §1.2: a peer such as charon sends its certificate if asked */
	if (prof->auth_remote & (CONF_AUTH_RSA_SIG | CONF_AUTH_ECDSA_SIG)) {
		uint8_t certreq[IKE_KE_MAX];
		size_t len = ike_certs_certreq(e, certreq, sizeof(certreq));

		if (len)
			ike_put_cert(&w, IKEV2_PT_CERTREQ, IKEV2_CERT_X509_SIGNATURE,
				     certreq, len);
	}
	ike_put_notify(&w, IKEV2_PROTO_NONE, NULL, 0, IKEV2_N_INITIAL_CONTACT,
		       NULL, 0);
	if (client->identity_remote.type)
		ike_put_id(&w, IKEV2_PT_IDR, client->identity_remote.type,
			   client->identity_remote.data,
			   client->identity_remote.len);
	ike_auth_put_auth(&w, &auth);
	put_esp_proposals(&w, prof->ipsec_profile, sa->pending->spi_in);
	put_selectors(&w, IKEV2_PT_TSI, client->local_ts, client->n_local_ts);
	put_selectors(&w, IKEV2_PT_TSR, client->remote_ts, client->n_remote_ts);
	if (ike_request_send(e, sa, &w, 0, 0, ike_init_on_auth) < 0) {
		ike_init_failed(e, sa, "cannot send IKE_AUTH");
		return;
	}
	sa->state = IKE_SA_AUTH_SENT;
}

/* The responder's selectors (narrowed, maybe) into the pending CHILD SA. */
static bool take_selectors(struct ike_rx *rx, struct child_sa *c)
{
	const struct ike_payload *tsi = ike_message_find(rx->msg, IKEV2_PT_TSI, NULL);
	const struct ike_payload *tsr = ike_message_find(rx->msg, IKEV2_PT_TSR, NULL);

	if (!tsi || !tsr)
		return false;
	for (unsigned int i = 0; i < tsi->u.ts.n_selectors; i++)
		if (!ike_ts_to_prefixes(&tsi->u.ts.selectors[i], c->ts_ours,
					IKE_SA_MAX_TS, &c->n_ts_ours))
			return false;
	for (unsigned int i = 0; i < tsr->u.ts.n_selectors; i++)
		if (!ike_ts_to_prefixes(&tsr->u.ts.selectors[i], c->ts_peer,
					IKE_SA_MAX_TS, &c->n_ts_peer))
			return false;
	return true;
}

/* The CHILD SA the responder accepted, into vgate.ko. */
static void install_child(struct ike_rx *rx, const struct conf_profile *prof)
{
	const struct ike_payload *sa_p = ike_message_find(rx->msg, IKEV2_PT_SA, NULL);
	struct ike_sa *sa = rx->sa;
	struct child_sa *c = sa->pending;
	struct keymat_exchange ex = {
		.ni = { sa->nonce_i, sa->nonce_i_len },
		.nr = { sa->nonce_r, sa->nonce_r_len },
	};
	struct ike_chosen chosen;
	struct child_keymat ck;
	char why[512] = "", desc[512];

	sa->pending = NULL;
	if (!sa_p || ike_choose_esp(prof->ipsec_profile, &sa_p->u.sa, true, 0,
				    &chosen) != IKE_CHOICE_OK)
		snprintf(why, sizeof(why), "the responder chose no ESP proposal of ours");
	else if (!take_selectors(rx, c))
		snprintf(why, sizeof(why), "the responder's selectors are not whole ranges");
	if (why[0])
		goto fail;
	c->encr = chosen.suite.encr;
	c->integ = chosen.suite.integ;
	c->esn = chosen.esn;
	memcpy(&c->spi_out, chosen.spi, 4);
	c->spi_out = ntohl(c->spi_out);
	if (keymat_child_derive(&ck, &sa->km, &chosen.suite, &ex) != CRYPTO_OK) {
		snprintf(why, sizeof(why), "CHILD SA key derivation failed");
		goto fail;
	}
	if (ike_child_install(rx->e, sa, c, &ck, false, prof->virtual_template,
			      prof->ipsec_profile, why, sizeof(why)) < 0) {
		keymat_child_destroy(&ck);
		goto fail;
	}
	keymat_child_destroy(&ck);
	c->created = ike_now();
	c->next = sa->children;
	sa->children = c;
	return;
fail:
	free(c);
	ike_sa_describe(sa, desc, sizeof(desc));
	log_warning("%s: no CHILD SA: %s", desc, why);
}

void ike_init_on_auth(struct ike_sa *sa, struct ike_rx *rx)
{
	struct ike_engine *e = sa->engine;
	const struct conf_client *client = conf_client_find(e->conf, sa->client);
	const struct ike_payload *idr, *n;
	const struct conf_profile *prof;
	char why[512];

	if (!rx || !client) {
		ike_init_failed(e, sa, rx ? "the client was removed from the configuration"
					  : "no answer to IKE_AUTH");
		return;
	}
	prof = client->profile;
	n = ike_error_notify(rx->msg);
	if (n && n->u.notify.type == IKEV2_N_AUTHENTICATION_FAILED) {
		ike_count(e, IKE_CNT_AUTH_FAILED);
		ike_init_failed(e, sa, "the responder refused our authentication");
		return;
	}
	idr = ike_message_find(rx->msg, IKEV2_PT_IDR, NULL);
	if (!idr || !ike_message_find(rx->msg, IKEV2_PT_AUTH, NULL)) {
		ike_count(e, IKE_CNT_BAD_PAYLOADS);
		ike_init_failed(e, sa, "IKE_AUTH response without IDr or AUTH");
		return;
	}
	ike_identity_from_payload(idr, &sa->id_remote);
	if (prof->n_match_identity &&
	    !conf_profile_matches_identity(prof, &sa->id_remote)) {
		char id[300];

		conf_identity_format(&sa->id_remote, id, sizeof(id));
		snprintf(why, sizeof(why),
			 "the responder's identity %s is not one profile %s's match-identity-remote allows",
			 id, prof->name);
		ike_count(e, IKE_CNT_AUTH_FAILED);
		ike_init_failed(e, sa, why);
		return;
	}
	if (!ike_auth_verify_peer(rx, prof, idr, why, sizeof(why))) {
		ike_count(e, IKE_CNT_AUTH_FAILED);
		ike_init_failed(e, sa, why);
		return;
	}
	ike_sa_take_profile(sa, prof, &e->conf->global);
	install_child(rx, prof);
	ike_sa_established(e, sa);
}
