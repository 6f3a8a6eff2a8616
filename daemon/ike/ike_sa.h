/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * An IKE SA and its CHILD SAs as the engine keeps them.
 *
 * An SA copies what it needs from the configuration when it is set up
 * (profile name, DPD, lifetimes, template), so a reload never leaves it
 * pointing at freed objects; transform pointers refer to the static
 * tables of transform.c.
 */
#ifndef VGATE_IKE_IKE_SA_H
#define VGATE_IKE_IKE_SA_H

#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>
#include <time.h>

#include <uthash.h>

#include "config/ikev2_conf.h"
#include "dataplane/parse.h"
#include "ike/dh.h"
#include "ike/keymat.h"

#define IKE_SA_MAX_TS	16	/* inner prefixes of one CHILD SA */

enum ike_sa_state {
	IKE_SA_HALF_OPEN,	/* responder: IKE_SA_INIT answered */
	IKE_SA_INIT_SENT,	/* initiator: IKE_SA_INIT request out */
	IKE_SA_AUTH_SENT,	/* initiator: IKE_AUTH request out */
	IKE_SA_ESTABLISHED,
	IKE_SA_DELETING,	/* our Delete sent, waiting for the answer */
};

struct child_sa {
	uint32_t spi_in;		/* ours: the peer sends with it */
	uint32_t spi_out;		/* the peer's */
	const struct xf_encr *encr;
	const struct xf_integ *integ;	/* NULL with AEAD */
	bool esn;
	/* the selectors as prefixes: the peer's side and ours */
	unsigned int n_ts_peer, n_ts_ours;
	struct vgate_prefix ts_peer[IKE_SA_MAX_TS], ts_ours[IKE_SA_MAX_TS];
	time_t created;
	bool rekey_due;			/* soft expire seen, rekey not started */
	bool rekeying;			/* our CREATE_CHILD_SA is out */
	bool deleting;			/* our Delete of it is out */
	bool replaced;			/* the peer rekeyed it, or it lost a
					 * rekey collision: not ours to rekey */
	struct child_sa *next;
};

/* A response kept for retransmitted requests. */
struct ike_sa_last_response {
	bool valid;
	uint32_t message_id;
	size_t len;
	uint8_t *data;			/* as sent, non-ESP marker excluded */
};

/* The largest message-ID window we grant (ikev2 window). */
#define IKE_WINDOW_MAX 32

/* Requests the peer sends us (window.c). */
struct ike_window {
	uint32_t size;
	uint32_t next;			/* lowest message ID not yet answered */
	uint32_t answered;		/* bit i: next + i answered already */
	struct ike_sa_last_response responses[IKE_WINDOW_MAX];	/* ID % size */
};

enum ike_window_verdict {
	IKE_WINDOW_NEW,			/* in the window, not answered: handle */
	IKE_WINDOW_RETRANSMIT,		/* answered: send *cached again */
	IKE_WINDOW_DROP,		/* outside the window */
};

void ike_window_init(struct ike_window *w, uint32_t size);
enum ike_window_verdict ike_window_check(struct ike_window *w, uint32_t id,
					 const struct ike_sa_last_response **cached);
/* Keeps the response to ID and moves the window on. */
void ike_window_answered(struct ike_window *w, uint32_t id,
			 const uint8_t *data, size_t len);
void ike_window_free(struct ike_window *w);

struct ike_engine;
struct ike_sa;
struct ike_rx;
struct ike_ra;
struct ike_eap;

/* RX: the response, decrypted and decoded; NULL: no answer in time. */
typedef void (*ike_request_done_fn)(struct ike_sa *sa, struct ike_rx *rx);

/* Our one outstanding request (window 1). */
struct ike_request {
	bool active;
	uint8_t exchange;		/* IKE_SA_INIT goes unprotected */
	uint32_t message_id;
	uint8_t *data;			/* as sent, for retransmission */
	size_t len;
	unsigned int tries, max_tries;
	unsigned int fixed_interval;	/* seconds; 0: exponential backoff */
	ike_request_done_fn done;
	struct event *timer;
};

struct ike_sa {
	struct ike_engine *engine;	/* for timer callbacks */
	uint64_t id;			/* session index, for show and clear */
	uint8_t spi_i[8], spi_r[8];
	uint8_t our_spi[8];		/* spi_i or spi_r: the table's key */
	bool initiator;			/* our role in this SA */
	enum ike_sa_state state;
	struct sockaddr_storage local, peer;	/* with ports */
	bool natt;			/* moved to 4500 (non-ESP marker) */
	bool nat_local, nat_peer;	/* NAT detected in front of us / it */
	bool peer_rfc7427;		/* sent SIGNATURE_HASH_ALGORITHMS */

	/* as initiator (init_*.c) */
	char client[64];		/* the client object we connect for */
	struct dh_key *dh_key;		/* ours, until the response */
	uint8_t *cookie;		/* the responder's COOKIE to echo */
	size_t cookie_len;
	unsigned int init_tries;	/* INVALID_KE and COOKIE restarts */
	struct child_sa *pending;	/* the CHILD SA asked for in IKE_AUTH,
					 * or in our CREATE_CHILD_SA */
	struct child_sa *rekeyed;	/* the CHILD SA that one replaces */
	uint8_t rekey_nonce[32];	/* our Ni of that CREATE_CHILD_SA */
	struct ike_rekey *rekey;	/* IKE rekey timer, collisions (ike_rekey.c) */

	/* IKE_SA_INIT results */
	struct xf_suite suite;
	const struct xf_dh *dh;
	struct ike_keymat km;
	uint8_t *nonce_i, *nonce_r;
	size_t nonce_i_len, nonce_r_len;
	uint8_t *init_request, *init_response;	/* signed in AUTH */
	size_t init_request_len, init_response_len;

	/* message IDs (RFC 7296 §2.3) */
	struct ike_window window;	/* the peer's requests */
	uint32_t next_own_request_id;	/* for our requests */
	struct ike_request request;

	/* IKE_AUTH results */
	char profile[64];
	struct conf_identity id_local, id_remote;
	struct ike_owner *owner_id, *owner_user;	/* filed there (owner.c) */
	uint32_t lifetime_seconds;
	enum conf_dpd_mode dpd_mode;
	uint32_t dpd_interval, dpd_retry;
	uint32_t nat_keepalive;		/* seconds; 0: off */
	char access_name[IF_NAMESIZE];
	uint32_t access_ifindex;	/* 0: none yet */
	bool access_ipv6;		/* IPv6 is on on the device */
	uint32_t vrf_table;		/* its routes' table; 0: main */
	struct ike_ra *ra;		/* remote access (ra.h); NULL: none */
	struct ike_eap *eap;		/* EAP under way (resp_eap.c) */
	struct child_sa *children;

	time_t created, established;	/* CLOCK_MONOTONIC seconds */
	time_t last_heard;		/* last authentic message from the peer */
	uint64_t last_rx_packets;	/* inbound ESP seen at the last DPD tick */
	struct event *timer;		/* half-open expiry */
	struct event *dpd_timer;	/* liveness checks; NULL when off */
	struct event *keepalive_timer;	/* NAT keepalives; NULL when off */
	UT_hash_handle hh;		/* by our_spi */
	UT_hash_handle hh_init;		/* half-open, by spi_i + peer */
	uint8_t init_key[8 + sizeof(struct sockaddr_storage)];
};

#endif
