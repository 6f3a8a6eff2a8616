// SPDX-License-Identifier: GPL-2.0-or-later
/* The SA tables (uthash) and the life of an SA: create, establish, destroy. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/rand.h>

#include <linux/vgate.h>

#include "common/log.h"
#include "common/xalloc.h"
#include "ike/engine_internal.h"
#include "ike/ra.h"

time_t ike_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

void ike_sockaddr_format(const struct sockaddr_storage *ss, char *buf,
			 size_t len)
{
	char addr[INET6_ADDRSTRLEN] = "?";
	unsigned int port = 0;

	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *sin = (const struct sockaddr_in *)ss;

		inet_ntop(AF_INET, &sin->sin_addr, addr, sizeof(addr));
		port = ntohs(sin->sin_port);
	} else if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *sin6 =
			(const struct sockaddr_in6 *)ss;

		inet_ntop(AF_INET6, &sin6->sin6_addr, addr, sizeof(addr));
		port = ntohs(sin6->sin6_port);
	}
	snprintf(buf, len, "%s[%u]", addr, port);
}

void ike_sa_describe(const struct ike_sa *sa, char *buf, size_t len)
{
	char peer[64], id[300] = "";

	ike_sockaddr_format(&sa->peer, peer, sizeof(peer));
	if (sa->id_remote.type)
		conf_identity_format(&sa->id_remote, id, sizeof(id));
	snprintf(buf, len, "session %llu peer %s%s%s",
		 (unsigned long long)sa->id, peer, id[0] ? " id " : "", id);
}

/* Half-open key: the initiator's SPI and its address (RFC 7296 §2.1). */
static void init_key(uint8_t *key, const uint8_t *spi_i,
		     const struct sockaddr_storage *peer)
{
	memset(key, 0, 8 + sizeof(*peer));
	memcpy(key, spi_i, 8);
	if (peer->ss_family == AF_INET)
		memcpy(key + 8, peer, sizeof(struct sockaddr_in));
	else
		memcpy(key + 8, peer, sizeof(struct sockaddr_in6));
}

static void on_half_open_timeout(evutil_socket_t fd, short what, void *arg)
{
	struct ike_sa *sa = arg;
	struct ike_engine *e = sa->engine;

	(void)fd;
	(void)what;
	if (sa->eap) {
		ike_eap_timed_out(e, sa);
		return;
	}
	ike_count(e, IKE_CNT_HALF_OPEN_EXPIRED);
	ike_sa_destroy(e, sa, "no IKE_AUTH within 30 s");
}

void ike_sa_set_timeout(struct ike_sa *sa, uint32_t seconds)
{
	struct timeval tv = { seconds, 0 };

	if (sa->state == IKE_SA_HALF_OPEN)
		evtimer_add(sa->timer, &tv);
}

/*
 * A new SA in the table with a fresh SPI of ours: SPIi when we
 * INITIATE, else SPIr, the other being PEER_SPI (zeros: not known yet).
 */
static struct ike_sa *sa_alloc(struct ike_engine *e, bool initiate,
			       const uint8_t *peer_spi, enum ike_sa_state state)
{
	struct ike_sa *sa = xcalloc(1, sizeof(*sa));

	sa->engine = e;
	sa->id = ++e->next_id;
	sa->state = state;
	sa->initiator = initiate;
	do {
		RAND_bytes(sa->our_spi, sizeof(sa->our_spi));
	} while (ike_sa_find(e, sa->our_spi));
	memcpy(initiate ? sa->spi_i : sa->spi_r, sa->our_spi, 8);
	memcpy(initiate ? sa->spi_r : sa->spi_i, peer_spi, 8);
	sa->created = ike_now();
	ike_window_init(&sa->window, e->conf->global.window);
	sa->timer = evtimer_new(e->base, on_half_open_timeout, sa);
	HASH_ADD(hh, e->by_spi, our_spi, sizeof(sa->our_spi), sa);
	e->n_sa++;
	return sa;
}

struct ike_sa *ike_sa_new(struct ike_engine *e, const struct ike_rx *rx)
{
	struct ike_sa *sa = sa_alloc(e, false, rx->msg->hdr.spi_i, IKE_SA_HALF_OPEN);
	struct timeval tv = { IKE_HALF_OPEN_TIMEOUT, 0 };

	sa->local = rx->local;
	sa->peer = rx->peer;
	sa->natt = rx->natt;
	init_key(sa->init_key, sa->spi_i, &sa->peer);
	HASH_ADD(hh_init, e->half_open, init_key, sizeof(sa->init_key), sa);
	e->n_half_open++;
	evtimer_add(sa->timer, &tv);
	return sa;
}

struct ike_sa *ike_sa_new_initiator(struct ike_engine *e,
				    const struct sockaddr_storage *local,
				    const struct sockaddr_storage *peer)
{
	static const uint8_t unknown[8];
	struct ike_sa *sa = sa_alloc(e, true, unknown, IKE_SA_INIT_SENT);

	sa->local = *local;
	sa->peer = *peer;
	return sa;
}

void ike_sa_take_profile(struct ike_sa *sa, const struct conf_profile *prof,
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

int ike_sa_derive_keys(struct ike_sa *sa, const uint8_t *g_ir)
{
	struct keymat_exchange ex = {
		.ni = { sa->nonce_i, sa->nonce_i_len },
		.nr = { sa->nonce_r, sa->nonce_r_len },
		.g_ir = { g_ir, sa->dh->secret_len },
	};

	memcpy(ex.spi_i, sa->spi_i, 8);
	memcpy(ex.spi_r, sa->spi_r, 8);
	return keymat_ike_derive(&sa->km, &sa->suite, &ex) == CRYPTO_OK ? 0 : -1;
}

struct ike_sa *ike_sa_find(struct ike_engine *e, const uint8_t *our_spi)
{
	struct ike_sa *sa;

	HASH_FIND(hh, e->by_spi, our_spi, 8, sa);
	return sa;
}

struct ike_sa *ike_sa_find_half_open(struct ike_engine *e,
				     const uint8_t *spi_i,
				     const struct sockaddr_storage *peer)
{
	uint8_t key[8 + sizeof(struct sockaddr_storage)];
	struct ike_sa *sa;

	init_key(key, spi_i, peer);
	HASH_FIND(hh_init, e->half_open, key, sizeof(key), sa);
	return sa;
}

static void leave_half_open(struct ike_engine *e, struct ike_sa *sa)
{
	if (sa->state != IKE_SA_HALF_OPEN)
		return;
	HASH_DELETE(hh_init, e->half_open, sa);
	e->n_half_open--;
	evtimer_del(sa->timer);
}

void ike_sa_established(struct ike_engine *e, struct ike_sa *sa)
{
	char desc[512];

	leave_half_open(e, sa);
	ike_eap_free(sa);
	sa->state = IKE_SA_ESTABLISHED;
	sa->established = ike_now();
	ike_owner_add(e, sa);
	/* the IKE_SA_INIT messages were only needed for AUTH */
	free(sa->init_request);
	free(sa->init_response);
	sa->init_request = sa->init_response = NULL;
	sa->init_request_len = sa->init_response_len = 0;
	ike_count(e, IKE_CNT_SA_ESTABLISHED);
	ike_dpd_start(e, sa, sa->nat_keepalive);
	ike_rekey_arm(e, sa);
	ike_sa_describe(sa, desc, sizeof(desc));
	log_notice("%s: IKE SA established, profile %s, interface %s",
		   desc, sa->profile, sa->access_name[0] ? sa->access_name : "-");
}

static void free_children(struct ike_sa *sa)
{
	struct child_sa *c, *next;

	for (c = sa->children; c; c = next) {
		next = c->next;
		free(c);
	}
	sa->children = NULL;
}

void ike_sa_destroy(struct ike_engine *e, struct ike_sa *sa, const char *why)
{
	char desc[512];

	ike_sa_describe(sa, desc, sizeof(desc));
	if (sa->state == IKE_SA_HALF_OPEN)
		log_info("%s: half-open IKE SA removed: %s", desc, why);
	else
		log_notice("%s: IKE SA deleted: %s", desc, why);
	if (sa->state != IKE_SA_HALF_OPEN)
		ike_count(e, IKE_CNT_SA_DELETED);
	leave_half_open(e, sa);
	/* a client's session may live on in an SA the peer rekeyed */
	if (sa->client[0])
		ike_client_lost(e, sa->client);
	ike_dpd_stop(sa);
	ike_rekey_forget(sa);
	ike_request_cancel(sa);
	ike_eap_free(sa);
	ike_child_remove_all(e, sa, VGATE_DEL_REASON_USERSPACE);
	ike_ra_free(e, sa);	/* after the device: the hook's "down" sees it gone */
	ike_owner_remove(e, sa);
	free_children(sa);
	HASH_DELETE(hh, e->by_spi, sa);
	e->n_sa--;
	event_free(sa->timer);
	keymat_ike_destroy(&sa->km);
	free(sa->nonce_i);
	free(sa->nonce_r);
	free(sa->init_request);
	free(sa->init_response);
	free(sa->cookie);
	free(sa->pending);
	dh_key_free(sa->dh_key);
	ike_window_free(&sa->window);
	explicit_bzero(sa, sizeof(*sa));
	free(sa);
}

struct ike_sa *ike_sa_rekeyed(struct ike_engine *e, const struct ike_sa *old,
			      const uint8_t *spi_i)
{
	/* the rekey's initiator is the new SA's original initiator (§2.18) */
	struct ike_sa *sa = sa_alloc(e, false, spi_i, IKE_SA_ESTABLISHED);

	sa->local = old->local;
	sa->peer = old->peer;
	sa->natt = old->natt;
	sa->nat_local = old->nat_local;
	sa->nat_peer = old->nat_peer;
	sa->established = sa->created;
	return sa;
}

void ike_sa_adopt_session(struct ike_sa *new, struct ike_sa *old)
{
	memcpy(new->profile, old->profile, sizeof(new->profile));
	new->id_local = old->id_local;
	new->id_remote = old->id_remote;
	new->lifetime_seconds = old->lifetime_seconds;
	new->dpd_mode = old->dpd_mode;
	new->dpd_interval = old->dpd_interval;
	new->dpd_retry = old->dpd_retry;
	new->nat_keepalive = old->nat_keepalive;
	memcpy(new->access_name, old->access_name, sizeof(new->access_name));
	new->access_ifindex = old->access_ifindex;
	new->access_ipv6 = old->access_ipv6;
	new->vrf_table = old->vrf_table;
	new->ra = old->ra;
	if (new->ra)
		new->ra->sa = new;
	new->children = old->children;
	/* the old SA keeps nothing its Delete could remove */
	old->access_ifindex = 0;
	old->access_name[0] = '\0';
	old->children = NULL;
	old->ra = NULL;
	old->state = IKE_SA_DELETING;
	ike_owner_remove(old->engine, old);
	ike_owner_add(new->engine, new);
	ike_dpd_stop(old);
	ike_dpd_start(new->engine, new, new->nat_keepalive);
}
