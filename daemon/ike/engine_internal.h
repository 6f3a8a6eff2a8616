/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the engine's files share; nothing outside daemon/ike uses it. */
#ifndef VGATE_IKE_ENGINE_INTERNAL_H
#define VGATE_IKE_ENGINE_INTERNAL_H

#include "dataplane/genl.h"
#include "ike/codec.h"
#include "ike/codec_build.h"
#include "ike/cookie.h"
#include "ike/engine.h"
#include "ike/ike_sa.h"
#include "ike/net.h"

struct aaa_pools;

/* The largest IKE message we build or accept (no fragmentation yet). */
#define IKE_MSG_MAX 65535

/* The largest KE value (MODP 8192). */
#define IKE_KE_MAX 1024

/* Half-open SAs are dropped after this many seconds. */
#define IKE_HALF_OPEN_TIMEOUT 30

/* A profile's certificates (certs.c). */
struct auth_certs;
struct ike_profile_certs {
	char *profile;
	struct auth_certs *certs;
	struct ssl_ctx_st *eap_tls;	/* SSL_CTX for EAP-TLS; NULL: not offered */
};

struct ike_engine {
	struct event_base *base;
	const struct ikev2_conf *conf;
	struct ike_net *net;
	struct vgate_genl genl;		/* vgate family: access devices, SAs */
	struct vgate_genl rtnl;		/* links and routes */
	struct vgate_genl events;	/* vgate.ko's notifications */
	struct event *events_ev;
	struct ike_sa *by_spi;		/* uthash: every SA, by our SPI */
	struct ike_sa *half_open;	/* uthash (hh_init): spi_i + peer */
	struct ike_owner *owners;	/* established SAs by owner (owner.c) */
	unsigned int n_sa, n_half_open;
	uint64_t next_id;
	uint64_t counters[IKE_CNT_COUNT];
	struct ike_cookies cookies;
	struct aaa_pools *pools;	/* address pools (aaa/aaa.h) */
	struct event *sigchld;		/* reaps session hooks (ra_hook.c) */
	struct ike_profile_certs *certs;	/* profiles using certificates */
	size_t n_certs;
	struct ike_client_run *runs;	/* clients we connected, by name
					 * (init_connect.c) */
	bool stopping;			/* no reconnecting */
	struct ike_message msg;		/* the message being handled */
	uint8_t plain[IKE_MSG_MAX];	/* its decrypted SK content */
	size_t plain_len;
	uint8_t out[IKE_MSG_MAX];	/* the reply being built */
	uint8_t inner[IKE_MSG_MAX];	/* the reply's inner payloads */
};

/* One received message on its way through the engine. */
struct ike_rx {
	struct ike_engine *e;
	struct ike_sa *sa;		/* NULL until the SA exists */
	struct ike_message *msg;
	const uint8_t *data;		/* the datagram, marker stripped */
	size_t len;
	struct sockaddr_storage local, peer;
	bool natt;			/* came on 4500 */
};

static inline void ike_count(struct ike_engine *e, enum ike_counter c)
{
	e->counters[c]++;
}

/* sa.c: the tables */
time_t ike_now(void);	/* CLOCK_MONOTONIC seconds */
struct ike_sa *ike_sa_new(struct ike_engine *e, const struct ike_rx *rx);
struct ike_sa *ike_sa_find(struct ike_engine *e, const uint8_t *our_spi);
struct ike_sa *ike_sa_find_half_open(struct ike_engine *e,
				     const uint8_t *spi_i,
				     const struct sockaddr_storage *peer);
void ike_sa_established(struct ike_engine *e, struct ike_sa *sa);
/* The established successor of OLD (IKE rekey), SPIi from the peer. */
struct ike_sa *ike_sa_rekeyed(struct ike_engine *e, const struct ike_sa *old,
			      const uint8_t *spi_i);
/* NEW takes OLD's session: identities, profile, access device, CHILD SAs. */
void ike_sa_adopt_session(struct ike_sa *new, struct ike_sa *old);
/* A new SA of ours to PEER from LOCAL, waiting to send IKE_SA_INIT. */
struct ike_sa *ike_sa_new_initiator(struct ike_engine *e,
				    const struct sockaddr_storage *local,
				    const struct sockaddr_storage *peer);
/* SA's IKE keys (RFC 7296 §2.14) from its nonces, SPIs and G_IR. */
int ike_sa_derive_keys(struct ike_sa *sa, const uint8_t *g_ir);
/* What SA keeps of its profile (DPD and keepalives: global fallback). */
void ike_sa_take_profile(struct ike_sa *sa, const struct conf_profile *prof,
			 const struct conf_ikev2_global *g);
/* Removes SA (kernel state too) and logs WHY. */
void ike_sa_destroy(struct ike_engine *e, struct ike_sa *sa, const char *why);
/* "192.0.2.1[500] fqdn client.example.com": for log lines. */
void ike_sa_describe(const struct ike_sa *sa, char *buf, size_t len);
void ike_sockaddr_format(const struct sockaddr_storage *ss, char *buf,
			 size_t len);

/* reply.c: responses */
/* Opens a response to RX's request in E->out: header, then SK if SA. */
void ike_reply_begin(struct ike_rx *rx, struct ike_writer *w);
/*
 * Seals (when encrypted), sends, and keeps it for retransmissions of
 * the request.  0, or -1 when it could not be built or sealed.
 */
int ike_reply_send(struct ike_rx *rx, struct ike_writer *w);
/* A response holding only the notify TYPE (an error), sealed if SA. */
void ike_reply_notify(struct ike_rx *rx, uint16_t type, const void *data,
		      size_t len);
/*
 * Tells SA's peer it is gone: one INFORMATIONAL Delete, not
 * retransmitted (the SA is removed right after; a lost one is covered
 * by the peer's liveness checks).
 */
void ike_send_delete(struct ike_engine *e, struct ike_sa *sa);
/* Seals the SK payload W has open (request or response) for SA's peer. */
int ike_seal(struct ike_engine *e, struct ike_sa *sa, struct ike_writer *w,
	     size_t *len);

/* request.c: our requests */
/* Opens a request of EXCHANGE on SA in E->out: header, then SK. */
void ike_request_begin(struct ike_engine *e, struct ike_sa *sa,
		       uint8_t exchange, struct ike_writer *w);
/*
 * Seals and sends it, retransmitting every FIXED_INTERVAL seconds (0:
 * backing off from 2 s) up to MAX_TRIES times (0: 5); DONE runs once.
 * -1 if a request is already outstanding or sealing failed.
 */
int ike_request_send(struct ike_engine *e, struct ike_sa *sa,
		     struct ike_writer *w, unsigned int fixed_interval,
		     unsigned int max_tries, ike_request_done_fn done);
/* A response to our request arrived in RX (RX->sa set). */
void ike_request_response(struct ike_rx *rx);
/* Frees the request state (the SA is going away). */
void ike_request_cancel(struct ike_sa *sa);

/* dpd.c: liveness checks and NAT keepalives */
void ike_dpd_start(struct ike_engine *e, struct ike_sa *sa,
		   uint32_t nat_keepalive);
void ike_dpd_stop(struct ike_sa *sa);

/* The first error notify (type below 16384) of MSG, or NULL. */
const struct ike_payload *ike_error_notify(const struct ike_message *msg);
/* Decrypts RX's SK payload and decodes it into rx->msg: 0 or -1. */
int ike_rx_open(struct ike_rx *rx);

/* exchange.c: the transition table and its handlers */
void ike_exchange_dispatch(struct ike_rx *rx);
void ike_resp_sa_init(struct ike_rx *rx);
void ike_resp_auth(struct ike_rx *rx);
void ike_resp_informational(struct ike_rx *rx);
void ike_resp_create_child(struct ike_rx *rx);
/* resp_eap.c: IKE_AUTH with EAP (RFC 7296 §2.16) */
struct conf_profile;
struct ike_our_auth;
/* The first IKE_AUTH request asked for EAP: start it for PROF. */
void ike_eap_begin(struct ike_rx *rx, const struct conf_profile *prof,
		   const struct ike_payload *idi);
void ike_resp_eap(struct ike_rx *rx);		/* an EAP round */
void ike_resp_eap_auth(struct ike_rx *rx);	/* the AUTH after EAP-Success */
/* The client gave up during EAP (its AUTHENTICATION_FAILED or Delete). */
void ike_resp_eap_abort(struct ike_rx *rx);
/* True while SA's EAP is under way, false once it succeeded. */
bool ike_eap_in_progress(const struct ike_sa *sa);
void ike_eap_free(struct ike_sa *sa);
/* The EAP round timeout ran out: counts why and removes SA. */
void ike_eap_timed_out(struct ike_engine *e, struct ike_sa *sa);
/*
 * resp_auth.c: the rest of IKE_AUTH once the peer is authenticated as
 * USER (NULL: its IDi): remote-access setup, the first CHILD SA from
 * M1 (the request that carried SA, TSi, TSr and CP) and our response
 * with AUTH (after our ID and certificates when PUT_ID).
 */
void ike_resp_auth_complete(struct ike_rx *rx, const struct ike_message *m1,
			    const struct conf_profile *prof,
			    struct ike_our_auth *auth, bool put_id,
			    const char *user);
/* Resets SA's negotiation timeout to SECONDS from now. */
void ike_sa_set_timeout(struct ike_sa *sa, uint32_t seconds);

/* certs.c: the profiles' certificate material */
/* (Re)loads it for CONF; on failure -1, ERROR, and the old set stays. */
int ike_certs_load(struct ike_engine *e, const struct ikev2_conf *conf,
		   char *error, size_t error_len);
void ike_certs_free(struct ike_engine *e);
/* PROFILE's store, or NULL when it uses no certificates. */
const struct auth_certs *ike_certs_for(const struct ike_engine *e,
				       const char *profile);
/* PROFILE's EAP-TLS context, or NULL. */
struct ssl_ctx_st *ike_certs_eap_tls(const struct ike_engine *e, const char *profile);
/* CERTREQ data naming every profile's trust anchors (0: none). */
size_t ike_certs_certreq(const struct ike_engine *e, uint8_t *out, size_t cap);

/*
 * dh_respond.c: our KE value for GROUP to PUB and g^ir to SECRET (both
 * IKE_KE_MAX octets of room) from the peer's KE payload; 0, or -1 when
 * its value is malformed.
 */
int ike_dh_respond(const struct xf_dh *group, const struct ike_payload *ke,
		   uint8_t *pub, uint8_t *secret);

/* natd.c: NAT_DETECTION_*_IP hashes (RFC 7296 §2.23) */
void ike_natd_hash(const uint8_t *spi_i, const uint8_t *spi_r,
		   const struct sockaddr_storage *addr, uint8_t out[20]);

/* auth_payloads.c: ID, CERT and AUTH of IKE_AUTH, either role */
#define IKE_AUTH_DATA_MAX 1040		/* an RSA-8192 signature + RFC 7427 */
struct auth_certs;
struct ike_our_auth {
	uint8_t method;
	uint8_t data[IKE_AUTH_DATA_MAX];
	size_t len;
	const struct auth_certs *certs;		/* NULL: PSK */
};
void ike_identity_from_payload(const struct ike_payload *p,
			       struct conf_identity *id);
/* ID's payload body as AUTH signs it (type, three zero octets, data) to
 * OUT (4 + CONF_ID_MAX octets); returns its length. */
size_t ike_id_body(const struct conf_identity *id, uint8_t *out);
/* Checks the peer's AUTH payload (ID its ID payload) by its method. */
bool ike_auth_verify_peer(struct ike_rx *rx, const struct conf_profile *prof,
			  const struct ike_payload *id, char *why,
			  size_t why_len);
/* Sets sa->id_local and computes our AUTH data. */
bool ike_auth_make_ours(struct ike_engine *e, struct ike_sa *sa,
			const struct conf_profile *prof, struct ike_our_auth *out,
			char *why, size_t why_len);
/* Our ID payload and certificate chain, then (after any IDr) AUTH. */
void ike_auth_put_id_certs(struct ike_writer *w, const struct ike_sa *sa,
			   const struct ike_our_auth *a);
void ike_auth_put_auth(struct ike_writer *w, struct ike_our_auth *a);

/* init_*.c: vgated as initiator */
struct conf_client;
int ike_client_connect(struct ike_engine *e, const char *name, char *error,
		       size_t error_len);
/* Connects the automatic clients once the event loop runs. */
void ike_clients_start(struct ike_engine *e);
void ike_clients_free(struct ike_engine *e);
/* CLIENT's session ended or failed: retry later with its next peer. */
void ike_client_lost(struct ike_engine *e, const char *name);
/* A negotiation of ours failed: log WHY, remove SA. */
void ike_init_failed(struct ike_engine *e, struct ike_sa *sa, const char *why);
int ike_init_send_sa_init(struct ike_engine *e, struct ike_sa *sa,
			  const struct conf_profile *prof);
void ike_init_on_sa_init(struct ike_sa *sa, struct ike_rx *rx);
void ike_init_send_auth(struct ike_engine *e, struct ike_sa *sa,
			const struct conf_client *client);
void ike_init_on_auth(struct ike_sa *sa, struct ike_rx *rx);

/* kernel_events.c: vgate.ko's notifications */
int ike_kernel_events_open(struct ike_engine *e, char *error, size_t error_len);
void ike_kernel_events_close(struct ike_engine *e);

/* child_rekey.c: CHILD SAs we rekey or remove ourselves */
/* Soft expire: rekey CHILD with CREATE_CHILD_SA (make-before-break). */
void ike_child_rekey(struct ike_engine *e, struct ike_sa *sa,
		     struct child_sa *child);
/* Hard expire: the kernel removed CHILD's SA; forget it, tell the peer. */
void ike_child_expired(struct ike_engine *e, struct ike_sa *sa,
		       struct child_sa *child);
/* Runs a rekey that waited for an outstanding request, if any. */
void ike_child_rekey_pending(struct ike_engine *e, struct ike_sa *sa);

/* ike_rekey.c: rekeying the IKE SA ourselves (RFC 7296 §2.8, §2.18) */
/* Arms SA's rekey at its lifetime minus a jittered margin. */
void ike_rekey_arm(struct ike_engine *e, struct ike_sa *sa);
/* Frees SA's rekey state and timer (the SA is going away). */
void ike_rekey_forget(struct ike_sa *sa);
/* True while our CREATE_CHILD_SA rekeying SA's IKE SA is out. */
bool ike_rekey_in_progress(const struct ike_sa *sa);
/*
 * NEW takes OLD's session (ike_sa_adopt_session), its client and the
 * rekey timer; OLD is removed 30 s later unless deleted before.
 */
void ike_rekey_move_session(struct ike_engine *e, struct ike_sa *new,
			    struct ike_sa *old);

/* owner.c: established SAs by profile + remote identity, and by
 * profile + user for remote-access sessions */
struct ike_owner;
/* Files SA (established; profile, identity and session set) under both. */
void ike_owner_add(struct ike_engine *e, struct ike_sa *sa);
/* Takes SA out of the index, if it is there. */
void ike_owner_remove(struct ike_engine *e, struct ike_sa *sa);
/*
 * A copy (to free) of the N SAs filed under SA's profile and USER, or
 * its remote identity when USER is NULL: a superset of the owner's SAs
 * (digests may collide), SA itself included.
 */
struct ike_sa **ike_owner_candidates(struct ike_engine *e,
				     const struct ike_sa *sa, const char *user,
				     unsigned int *n);

/* rekey_collision.c: simultaneous rekeys (RFC 7296 §2.8.1, §2.8.2) */
struct ike_rekey;
struct ike_rekey_nonce;
/* SA's rekey state, allocated on first use. */
struct ike_rekey *ike_rekey_state(struct ike_sa *sa);
/* OUT: the lower of A and B (memcmp over the shorter length). */
void ike_rekey_nonce_lower(struct ike_rekey_nonce *out, const uint8_t *a,
			   size_t a_len, const uint8_t *b, size_t b_len);
/* True when the exchange of nonces A, B holds a lower one than OTHER. */
bool ike_rekey_loses(const uint8_t *a, size_t a_len, const uint8_t *b,
		     size_t b_len, const struct ike_rekey_nonce *other);
/* We answered the peer's rekey of CHILD (SA THEIRS made) while ours was out. */
void ike_child_collision_note(struct ike_sa *sa, const struct child_sa *theirs,
			      const uint8_t *ni, size_t ni_len,
			      const uint8_t *nr, size_t nr_len);
/* The peer's CHILD SA of such a collision, forgotten here; NULL if none. */
struct child_sa *ike_child_collision_take(struct ike_sa *sa);
/* The same for the IKE SA: NEW is the SA the peer's rekey made. */
void ike_sa_collision_note(struct ike_sa *sa, const struct ike_sa *new,
			   const uint8_t *ni, size_t ni_len,
			   const uint8_t *nr, size_t nr_len);
/*
 * Our rekey of SA failed, or the peer deletes SA, after such a note: the
 * peer's rekey was no collision but the rekey, so SA's session moves to
 * the SA it made (ike_rekey_move_session).  False when there is none.
 */
bool ike_sa_collision_adopt(struct ike_engine *e, struct ike_sa *sa);

/* child_negotiate.c */
struct ike_chosen;
struct keymat_exchange;
/*
 * Negotiates, installs and links one CHILD SA from RX's SA, TSi, TSr
 * (and KE: PFS, our value to KE_OUT, which is NULL in IKE_AUTH) with
 * PROF's IPsec profile, keys from EX.  0 with *OUT set, or the notify
 * to answer with (logged).
 */
uint16_t ike_child_negotiate(struct ike_rx *rx, const struct conf_profile *prof,
			     struct keymat_exchange *ex, uint8_t *ke_out,
			     struct ike_chosen *chosen, struct child_sa **out);

/* child.c: CHILD SAs in vgate.ko */
struct child_keymat;
/*
 * Installs CHILD in vgate.ko: the SA's access device (cloned from
 * TEMPLATE on first use and brought up), the inbound and outbound SA
 * with keys from CK (inbound is i->r when we were the RESPONDER of the
 * exchange that made it), and routes to the peer's selectors through
 * the device.  0, or -1 with the reason in WHY (nothing left behind).
 */
int ike_child_install(struct ike_engine *e, struct ike_sa *sa,
		      const struct child_sa *child,
		      const struct child_keymat *ck, bool responder,
		      const char *template_name,
		      const struct conf_ipsec_profile *ipp, char *why,
		      size_t why_len);
/* Unlinks CHILD from SA, deletes its pair in vgate.ko with REASON, frees it. */
void ike_child_remove(struct ike_engine *e, struct ike_sa *sa,
		      struct child_sa *child, uint32_t reason);
/* Removes the SA's access device: its SAs and routes go with it. */
void ike_child_remove_all(struct ike_engine *e, struct ike_sa *sa,
			  uint32_t reason);

#endif
