// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * IKE_SA_INIT as initiator (RFC 7296 §1.2, §1.3, §2.6): offer the
 * proposals of the policy for our address with a KE of its first
 * group, answer a COOKIE or an INVALID_KE_PAYLOAD by starting over
 * (a bounded number of times), then take the responder's choice,
 * derive the keys, detect NAT (and move to 4500 behind one) and go on
 * with IKE_AUTH.
 */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "auth/cert.h"
#include "common/log.h"
#include "common/xalloc.h"
#include "ike/engine_internal.h"
#include "ike/proposal.h"

#define NONCE_LEN 32
#define INIT_RESTARTS 3

static bool uses_certificates(const struct conf_profile *prof)
{
	return (prof->auth_local | prof->auth_remote) &
	       (CONF_AUTH_RSA_SIG | CONF_AUTH_ECDSA_SIG);
}

int ike_init_send_sa_init(struct ike_engine *e, struct ike_sa *sa,
			  const struct conf_profile *prof)
{
	const struct conf_policy *pol =
		conf_policy_match(e->conf, (const struct sockaddr *)&sa->local);
	static const uint8_t zero_spi[8];
	uint8_t pub[IKE_KE_MAX], hash[20], algs[16];
	const struct xf_dh *group = sa->dh ? sa->dh : pol->proposals[0]->dh[0];
	struct ike_writer w;

	dh_key_free(sa->dh_key);
	sa->dh_key = NULL;
	sa->dh = group;
	if (dh_key_generate(group, &sa->dh_key) != CRYPTO_OK ||
	    dh_key_public(sa->dh_key, pub, sizeof(pub)) != CRYPTO_OK)
		return -1;
	if (!sa->nonce_i) {
		sa->nonce_i = xcalloc(1, NONCE_LEN);
		sa->nonce_i_len = NONCE_LEN;
		RAND_bytes(sa->nonce_i, NONCE_LEN);
	}
	sa->next_own_request_id = 0;
	ike_request_begin(e, sa, IKEV2_EXCH_IKE_SA_INIT, &w);
	/* RFC 7296 §2.6: the cookie comes first */
	if (sa->cookie)
		ike_put_notify(&w, IKEV2_PROTO_NONE, NULL, 0, IKEV2_N_COOKIE,
			       sa->cookie, sa->cookie_len);
	ike_put_ike_proposals(&w, pol, NULL);
	ike_put_ke(&w, group->id, pub, group->public_len);
	ike_put_nonce(&w, sa->nonce_i, sa->nonce_i_len);
	ike_natd_hash(sa->spi_i, zero_spi, &sa->local, hash);
	ike_put_notify(&w, IKEV2_PROTO_NONE, NULL, 0,
		       IKEV2_N_NAT_DETECTION_SOURCE_IP, hash, sizeof(hash));
	ike_natd_hash(sa->spi_i, zero_spi, &sa->peer, hash);
	ike_put_notify(&w, IKEV2_PROTO_NONE, NULL, 0,
		       IKEV2_N_NAT_DETECTION_DESTINATION_IP, hash, sizeof(hash));
	if (uses_certificates(prof))
		ike_put_notify(&w, IKEV2_PROTO_NONE, NULL, 0,
			       IKEV2_N_SIGNATURE_HASH_ALGORITHMS, algs,
			       auth_certs_hash_algorithms(algs, sizeof(algs)));
	free(sa->init_request);
	sa->init_request = NULL;
	if (ike_request_send(e, sa, &w, 0, 0, ike_init_on_sa_init) < 0)
		return -1;
	sa->init_request = xmemdup(sa->request.data, sa->request.len);
	sa->init_request_len = sa->request.len;
	sa->state = IKE_SA_INIT_SENT;
	return 0;
}

/* COOKIE or INVALID_KE_PAYLOAD: 1 when restarted, 0 if not, -1 on refusal. */
static int restart(struct ike_rx *rx, const struct conf_profile *prof,
		   char *why, size_t why_len)
{
	struct ike_sa *sa = rx->sa;
	const struct ike_payload *n;
	uint16_t group;

	if ((n = ike_message_find_notify(rx->msg, IKEV2_N_COOKIE))) {
		free(sa->cookie);
		sa->cookie = xmemdup(n->u.notify.data, n->u.notify.data_len);
		sa->cookie_len = n->u.notify.data_len;
	} else if ((n = ike_message_find_notify(rx->msg, IKEV2_N_INVALID_KE_PAYLOAD)) &&
		   n->u.notify.data_len == 2) {
		group = (uint16_t)(n->u.notify.data[0] << 8 | n->u.notify.data[1]);
		sa->dh = xf_dh_find(group);
		if (!sa->dh || sa->dh->legacy) {
			snprintf(why, why_len, "the peer wants DH group %u, which we do not offer",
				 group);
			return -1;
		}
	} else {
		return 0;
	}
	if (++sa->init_tries > INIT_RESTARTS) {
		snprintf(why, why_len, "the peer keeps asking for another IKE_SA_INIT");
		return -1;
	}
	if (ike_init_send_sa_init(rx->e, sa, prof) < 0) {
		snprintf(why, why_len, "cannot send IKE_SA_INIT again");
		return -1;
	}
	return 1;
}

/* The responder's hashes (with both SPIs) against the addresses used. */
static void detect_nat(struct ike_rx *rx)
{
	struct ike_sa *sa = rx->sa;
	const struct ike_payload *src, *dst;
	uint8_t hash[20];

	src = ike_message_find_notify(rx->msg, IKEV2_N_NAT_DETECTION_SOURCE_IP);
	dst = ike_message_find_notify(rx->msg, IKEV2_N_NAT_DETECTION_DESTINATION_IP);
	if (!src || !dst)
		return;
	ike_natd_hash(sa->spi_i, sa->spi_r, &sa->peer, hash);
	sa->nat_peer = src->u.notify.data_len != 20 ||
		       memcmp(src->u.notify.data, hash, 20);
	ike_natd_hash(sa->spi_i, sa->spi_r, &sa->local, hash);
	sa->nat_local = dst->u.notify.data_len != 20 ||
			memcmp(dst->u.notify.data, hash, 20);
}

/* RFC 7296 §2.23: behind a NAT, IKE and ESP move to port 4500. */
static void float_to_natt(struct ike_engine *e, struct ike_sa *sa)
{
	uint16_t port = htons(ike_net_natt_port(e->net));

	sa->natt = true;
	if (sa->peer.ss_family == AF_INET) {
		((struct sockaddr_in *)&sa->peer)->sin_port = port;
		((struct sockaddr_in *)&sa->local)->sin_port = port;
	} else {
		((struct sockaddr_in6 *)&sa->peer)->sin6_port = port;
		((struct sockaddr_in6 *)&sa->local)->sin6_port = port;
	}
}

static int derive(struct ike_sa *sa, const struct ike_payload *ke)
{
	uint8_t secret[IKE_KE_MAX];
	int ret = -1;

	if (ke->u.ke.dh_group == sa->dh->id &&
	    ke->u.ke.data_len == sa->dh->public_len &&
	    dh_key_shared_secret(sa->dh_key, ke->u.ke.data, ke->u.ke.data_len,
				 secret, sizeof(secret)) == CRYPTO_OK)
		ret = ike_sa_derive_keys(sa, secret);
	explicit_bzero(secret, sizeof(secret));
	dh_key_free(sa->dh_key);
	sa->dh_key = NULL;
	return ret;
}

/* The response to our IKE_SA_INIT (ike_request_done_fn). */
void ike_init_on_sa_init(struct ike_sa *sa, struct ike_rx *rx)
{
	struct ike_engine *e = sa->engine;
	const struct conf_client *client = conf_client_find(e->conf, sa->client);
	const struct ike_payload *sa_p, *ke, *nr, *n;
	struct ike_chosen chosen;
	char why[256] = "";
	int r;

	if (!rx) {
		ike_init_failed(e, sa, "no answer to IKE_SA_INIT");
		return;
	}
	if (!client) {
		ike_init_failed(e, sa, "the client was removed from the configuration");
		return;
	}
	r = restart(rx, client->profile, why, sizeof(why));
	if (r) {
		if (r < 0)
			ike_init_failed(e, sa, why);
		return;
	}
	n = ike_error_notify(rx->msg);
	if (n) {
		snprintf(why, sizeof(why), "the peer refused IKE_SA_INIT with notify %u",
			 n->u.notify.type);
		ike_init_failed(e, sa, why);
		return;
	}
	sa_p = ike_message_find(rx->msg, IKEV2_PT_SA, NULL);
	ke = ike_message_find(rx->msg, IKEV2_PT_KE, NULL);
	nr = ike_message_find(rx->msg, IKEV2_PT_NONCE, NULL);
	if (!sa_p || !ke || !nr || sa_p->u.sa.n_proposals != 1 ||
	    ike_choose_ike(conf_policy_match(e->conf, (const struct sockaddr *)&sa->local),
			   &sa_p->u.sa, 0, ke->u.ke.dh_group, &chosen) != IKE_CHOICE_OK ||
	    chosen.dh != sa->dh) {
		ike_count(e, IKE_CNT_BAD_PAYLOADS);
		ike_init_failed(e, sa, "the IKE_SA_INIT response chose nothing we offered");
		return;
	}
	memcpy(sa->spi_r, rx->msg->hdr.spi_r, 8);
	sa->suite = chosen.suite;
	sa->nonce_r = xmemdup(nr->u.nonce.data, nr->u.nonce.data_len);
	sa->nonce_r_len = nr->u.nonce.data_len;
	sa->init_response = xmemdup(rx->data, rx->len);
	sa->init_response_len = rx->len;
	sa->peer_rfc7427 = ike_message_find_notify(
		rx->msg, IKEV2_N_SIGNATURE_HASH_ALGORITHMS) != NULL;
	if (derive(sa, ke) < 0) {
		ike_init_failed(e, sa, "Diffie-Hellman with the responder's KE failed");
		return;
	}
	detect_nat(rx);
	if (sa->nat_local || sa->nat_peer)
		float_to_natt(e, sa);
	ike_init_send_auth(e, sa, client);
}
