/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Choosing from a peer's SA payload, as responder: our preference order
 * decides (spec §2, "Selection"), among what the peer offered.  The DH
 * group is the one of the peer's KE payload when we accept it; when we
 * do not, the caller answers INVALID_KE_PAYLOAD with the group we
 * prefer among those offered.
 */
#ifndef VGATE_IKE_PROPOSAL_H
#define VGATE_IKE_PROPOSAL_H

#include <stdbool.h>
#include <stdint.h>

#include "config/ikev2_conf.h"
#include "ike/codec.h"

enum ike_choice {
	IKE_CHOICE_OK,
	IKE_CHOICE_INVALID_KE,		/* acceptable, but not with KE's group */
	IKE_CHOICE_NONE,		/* NO_PROPOSAL_CHOSEN */
};

struct ike_chosen {
	uint8_t number;			/* the peer's proposal number */
	struct xf_suite suite;
	const struct xf_dh *dh;		/* IKE: the group (INVALID_KE: the one
				 * we want); ESP: PFS, or NULL */
	bool esn;			/* ESP only */
	const uint8_t *spi;		/* the peer's SPI: ESP 4, IKE rekey 8 */
};

/* SPI_SIZE: 0 in IKE_SA_INIT, 8 when rekeying the IKE SA. */
enum ike_choice ike_choose_ike(const struct conf_policy *policy,
			       const struct ike_payload_sa *offer,
			       uint8_t spi_size, uint16_t ke_group,
			       struct ike_chosen *out);

/*
 * ESP for a CHILD SA; transform sets vgate.ko cannot run are skipped.
 * KE_GROUP is the group of the exchange's KE payload (PFS), 0 if none:
 * it must be the profile's PFS group, or any modern one if it has none,
 * and be offered in the chosen proposal.  IN_IKE_AUTH: the first CHILD
 * SA, which never has PFS.
 */
enum ike_choice ike_choose_esp(const struct conf_ipsec_profile *ipp,
			       const struct ike_payload_sa *offer,
			       bool in_ike_auth, uint16_t ke_group,
			       struct ike_chosen *out);

/*
 * The one-proposal SA payload answering with CHOSEN: PROTOCOL, SPI
 * (SPI_SIZE octets, may be NULL) and the transforms, written to W.
 */
struct ike_writer;
void ike_put_chosen(struct ike_writer *w, const struct ike_chosen *chosen,
		    uint8_t protocol, const uint8_t *spi, uint8_t spi_size);

/*
 * An SA payload offering POL's proposals for the IKE SA, in order; SPI
 * (8 octets) in each for an IKE rekey, NULL in IKE_SA_INIT.
 */
struct ike_writer;
void ike_put_ike_proposals(struct ike_writer *w, const struct conf_policy *pol,
			   const uint8_t *spi);

#endif
