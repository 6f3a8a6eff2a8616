// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The ID, CERT and AUTH payloads of IKE_AUTH, for either role
 * (RFC 7296 §2.15, §3.5-3.8): checking the peer's AUTH with the
 * keyring's key or its certificates, and making ours.  Which side
 * signed what follows from sa->initiator.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/cert.h"
#include "auth/octets.h"
#include "auth/psk.h"
#include "ike/engine_internal.h"

void ike_identity_from_payload(const struct ike_payload *p,
				  struct conf_identity *id)
{
	memset(id, 0, sizeof(*id));
	id->type = p->u.id.type;
	id->len = p->u.id.data_len > CONF_ID_MAX ? CONF_ID_MAX
						 : p->u.id.data_len;
	memcpy(id->data, p->u.id.data, id->len);
}

size_t ike_id_body(const struct conf_identity *id, uint8_t *out)
{
	out[0] = id->type;
	memset(out + 1, 0, 3);
	memcpy(out + 4, id->data, id->len);
	return 4 + id->len;
}

/*
 * The keyring entry for SA's peer (spec §5): by its identity when we
 * respond, by its address when we initiate.
 */
static const struct conf_keyring_peer *keyring_entry(const struct ike_sa *sa,
						     const struct conf_profile *prof)
{
	const struct sockaddr *peer = (const struct sockaddr *)&sa->peer;

	if (!prof->keyring)
		return NULL;
	return sa->initiator ? conf_keyring_lookup_peer(prof->keyring, NULL, peer)
			     : conf_keyring_lookup(prof->keyring, &sa->id_remote, peer);
}

/* The peer's PSK AUTH, with the keyring's remote key. */
static bool verify_psk(struct ike_rx *rx, const struct conf_profile *prof,
		       const struct ike_payload *idi,
		       const struct ike_payload *auth, char *why, size_t why_len)
{
	struct ike_sa *sa = rx->sa;
	const struct conf_keyring_peer *key = keyring_entry(sa, prof);

	if (!key) {
		snprintf(why, why_len, "no pre-shared key for this peer in keyring %s",
			 prof->keyring ? prof->keyring->name : "(none)");
		return false;
	}
	if (!auth_psk_verify(sa, !sa->initiator, key->key_remote, key->key_remote_len,
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
	if (!n) {
		snprintf(why, why_len, "AUTH method %u without an X.509 certificate",
			 auth->u.auth.type);
		return false;
	}
	if (!(prof->auth_remote & cert_method_kind(auth->u.auth.type, ee))) {
		snprintf(why, why_len, "AUTH method %u not accepted by profile %s",
			 auth->u.auth.type, prof->name);
		return false;
	}
	if (!certs) {
		snprintf(why, why_len, "profile %s has no trust anchor loaded",
			 prof->name);
		return false;
	}
	octets = auth_octets(rx->sa, !rx->sa->initiator, idi->body, idi->body_len,
			     &len);
	ret = octets ? auth_certs_verify(certs, der, lens, n, &rx->sa->id_remote,
					 auth->u.auth.type, auth->u.auth.data,
					 auth->u.auth.data_len, octets, len, why,
					 why_len)
		     : -1;
	free(octets);
	return ret == 0;
}

bool ike_auth_verify_peer(struct ike_rx *rx, const struct conf_profile *prof,
			  const struct ike_payload *idi, char *why,
			  size_t why_len)
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

bool ike_auth_make_ours(struct ike_engine *e, struct ike_sa *sa,
			const struct conf_profile *prof, struct ike_our_auth *out,
			char *why, size_t why_len)
{
	uint8_t body[4 + CONF_ID_MAX];
	size_t body_len, len;
	uint8_t *octets;
	int ret;

	conf_profile_local_identity(prof, (const struct sockaddr *)&sa->local,
				    &sa->id_local);
	out->certs = prof->auth_local == CONF_AUTH_PSK ? NULL :
		     ike_certs_for(e, prof->name);
	if (prof->auth_local != CONF_AUTH_PSK && !out->certs) {
		snprintf(why, why_len, "profile %s has no certificate loaded", prof->name);
		return false;
	}
	if (out->certs && sa->id_local.type == IKEV2_ID_DER_ASN1_DN &&
	    !sa->id_local.len &&
	    auth_certs_local_dn(out->certs, sa->id_local.data,
				sizeof(sa->id_local.data), &len) == 0)
		sa->id_local.len = (uint16_t)len;
	body_len = ike_id_body(&sa->id_local, body);
	if (!out->certs) {
		const struct conf_keyring_peer *key = keyring_entry(sa, prof);

		out->method = IKEV2_AUTH_METHOD_SHARED_KEY_MESSAGE_INTEGRITY_CODE;
		out->len = sa->suite.prf->out_len;
		if (key && auth_psk_compute(sa, sa->initiator, key->key_local,
					    key->key_local_len, body, body_len,
					    out->data) == 0)
			return true;
		snprintf(why, why_len, "no local pre-shared key for this peer in keyring %s",
			 prof->keyring ? prof->keyring->name : "(none)");
		return false;
	}
	octets = auth_octets(sa, sa->initiator, body, body_len, &len);
	ret = octets ? auth_certs_sign(out->certs, sa->peer_rfc7427, octets, len,
				       &out->method, out->data, sizeof(out->data),
				       &out->len)
		     : -1;
	free(octets);
	if (ret < 0)
		snprintf(why, why_len, "signing our AUTH failed");
	return ret == 0;
}

void ike_auth_put_id_certs(struct ike_writer *w, const struct ike_sa *sa,
			   const struct ike_our_auth *a)
{
	const uint8_t *der[AUTH_CERTS_CHAIN_MAX];
	size_t lens[AUTH_CERTS_CHAIN_MAX], n = 0;

	ike_put_id(w, sa->initiator ? IKEV2_PT_IDI : IKEV2_PT_IDR,
		   sa->id_local.type, sa->id_local.data, sa->id_local.len);
	if (a->certs)
		n = auth_certs_chain(a->certs, der, lens, AUTH_CERTS_CHAIN_MAX);
	for (size_t i = 0; i < n; i++)
		ike_put_cert(w, IKEV2_PT_CERT, IKEV2_CERT_X509_SIGNATURE, der[i],
			     lens[i]);
}

void ike_auth_put_auth(struct ike_writer *w, struct ike_our_auth *a)
{
	ike_put_auth(w, a->method, a->data, a->len);
	explicit_bzero(a, sizeof(*a));
}
