// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * INFORMATIONAL requests on an established SA.  An empty INFORMATIONAL is a liveness check (DPD) and gets an empty
 * answer; Delete payloads remove the IKE SA or the named CHILD SAs and
 * the answer names our side of each (RFC 7296 §1.4.1).
 */
#include <netinet/in.h>
#include <string.h>

#include "common/log.h"
#include <linux/vgate.h>

#include "ike/engine_internal.h"

#define MAX_DELETED 64

/* Removes the CHILD SA whose outbound SPI is SPI; our inbound one, or 0. */
static uint32_t delete_child(struct ike_engine *e, struct ike_sa *sa,
			     uint32_t spi)
{
	uint32_t spi_in;

	for (struct child_sa *c = sa->children; c; c = c->next) {
		if (c->spi_out != spi)
			continue;
		spi_in = c->spi_in;
		ike_child_remove(e, sa, c, VGATE_DEL_REASON_USERSPACE);
		return spi_in;
	}
	return 0;
}

void ike_resp_informational(struct ike_rx *rx)
{
	const struct ike_payload *d = NULL;
	uint32_t deleted[MAX_DELETED];
	uint16_t n_deleted = 0;
	struct ike_writer w;
	char desc[512];

	while ((d = ike_message_find(rx->msg, IKEV2_PT_D, d))) {
		if (d->u.del.protocol_id == IKEV2_PROTO_IKE) {
			/* a rekey of the peer's that crossed ours stays */
			bool rekeyed = ike_sa_collision_adopt(rx->e, rx->sa);

			ike_reply_begin(rx, &w);
			ike_reply_send(rx, &w);
			ike_sa_destroy(rx->e, rx->sa, rekeyed ? "rekeyed by the peer"
							      : "deleted by the peer");
			return;
		}
		if (d->u.del.protocol_id != IKEV2_PROTO_ESP || d->u.del.spi_size != 4)
			continue;
		for (uint16_t i = 0; i < d->u.del.n_spis && n_deleted < MAX_DELETED; i++) {
			uint32_t spi, ours;

			memcpy(&spi, d->u.del.spis + 4 * i, 4);
			ours = delete_child(rx->e, rx->sa, ntohl(spi));
			if (ours)
				deleted[n_deleted++] = htonl(ours);
		}
	}
	ike_reply_begin(rx, &w);
	if (n_deleted) {
		ike_sa_describe(rx->sa, desc, sizeof(desc));
		log_notice("%s: %u CHILD SA(s) deleted by the peer", desc, n_deleted);
		ike_put_delete(&w, IKEV2_PROTO_ESP, 4, n_deleted,
			       (const uint8_t *)deleted);
	}
	ike_reply_send(rx, &w);
}
