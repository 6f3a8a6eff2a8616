/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A remote-access session: what an IKE SA of a client that asked for an
 * address (CP) or logged in with EAP was given: its user and group, its
 * inner addresses from a pool or its user entry, the split routes that
 * narrow its selectors, the inside VRF, its up/down hook, and its
 * session lifetime.  Spec ch2-5 §9-13.
 */
#ifndef VGATE_IKE_RA_H
#define VGATE_IKE_RA_H

#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>

#include "aaa/aaa.h"
#include "dataplane/parse.h"

struct ike_engine;
struct ike_sa;
struct ike_payload;
struct ike_writer;
struct conf_profile;

struct ike_ra {
	struct ike_sa *sa;		/* whose session (moves on IKE rekey) */
	char user[128];			/* EAP identity, else IDi as text */
	char group[64];			/* authorization policy; "" none */
	char profile_hook[256];		/* "" none */
	char vrf[IF_NAMESIZE];		/* "" the main table */
	char ifname[IF_NAMESIZE];	/* its access device, for the hook's
					 * "down" (the device is gone by then) */
	bool has_vip4, has_vip6;
	struct in_addr vip4;
	struct in6_addr vip6;
	char pool4[64], pool6[64];	/* where they came from; "" fixed */
	unsigned int n_routes;		/* split include: TSr narrows to them */
	struct vgate_prefix routes[AAA_MAX_ROUTES];
	bool has_flow_limit;
	uint32_t flow_limit;		/* CHILD SAs at most */
	bool hook_up;			/* "up" ran: "down" runs at the end */
	struct event *lifetime_timer;	/* session-lifetime; NULL: none */
};

/*
 * Makes SA a remote-access session of USER under PROF: its attributes
 * (aaa_authorize(), to ATTRS: valid while the configuration is) and,
 * for a CFG_REQUEST CP (may be NULL), the addresses it asked for.
 * Returns 0; or the notify to refuse with (INTERNAL_ADDRESS_FAILURE),
 * the reason logged and nothing kept.
 */
uint16_t ike_ra_setup(struct ike_engine *e, struct ike_sa *sa,
		      const struct conf_profile *prof, const char *user,
		      const struct ike_payload *cp, struct aaa_attrs *attrs);

/*
 * The session is up: runs the hook's "up" and arms the session
 * LIFETIME (seconds; 0: none).
 */
void ike_ra_started(struct ike_engine *e, struct ike_sa *sa, uint32_t lifetime);

/* Gives everything back: addresses, hook "down", timer.  NULL is fine. */
void ike_ra_free(struct ike_engine *e, struct ike_sa *sa);

/*
 * Narrows a CHILD SA's selectors for a remote-access client: TSi to
 * its virtual addresses, TSr to the split routes (if any).  False when
 * nothing is left of either.
 */
bool ike_ra_narrow(const struct ike_ra *ra, struct vgate_prefix *peer,
		   unsigned int *n_peer, struct vgate_prefix *ours,
		   unsigned int *n_ours);

/* CP (cp.c): CP is a CFG_REQUEST (NULL is fine) asking for attribute TYPE. */
bool ike_cp_requested(const struct ike_payload *cp, uint16_t type);

/* The attributes of a CFG_REPLY for REQ from ATTRS. */
void ike_cp_put_reply(struct ike_writer *w, const struct ike_payload *req,
		      const struct ike_ra *ra, const struct aaa_attrs *attrs);

/* The CFG_ACK to a client's CFG_SET SET, given its first CHILD SA. */
struct child_sa;
void ike_cp_put_ack(struct ike_writer *w, const struct ike_payload *set,
		    const struct child_sa *child);

/* Hooks (ra_hook.c): runs PATH with the session in its environment. */
void ike_ra_hook_run(struct ike_engine *e, const struct ike_sa *sa,
		     const char *event);
int ike_ra_hook_init(struct ike_engine *e);
void ike_ra_hook_fini(struct ike_engine *e);

#endif
