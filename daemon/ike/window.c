// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The responder's side of the message-ID window (RFC 7296 §2.3): the
 * peer may have up to SIZE requests outstanding, so any ID from the
 * lowest unanswered one to SIZE - 1 above it is taken, in any order,
 * each exactly once; the response to every answered ID in the window
 * is kept, and a request repeating one gets the same octets again.
 */
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "ike/ike_sa.h"

void ike_window_init(struct ike_window *w, uint32_t size)
{
	memset(w, 0, sizeof(*w));
	w->size = size < 1 ? 1 : size > IKE_WINDOW_MAX ? IKE_WINDOW_MAX : size;
}

static struct ike_sa_last_response *slot(struct ike_window *w, uint32_t id)
{
	return &w->responses[id % w->size];
}

enum ike_window_verdict ike_window_check(struct ike_window *w, uint32_t id,
					 const struct ike_sa_last_response **cached)
{
	struct ike_sa_last_response *r = slot(w, id);
	uint32_t ahead = id - w->next;

	if (ahead < w->size && !(w->answered & (1u << ahead)))
		return IKE_WINDOW_NEW;
	if (r->valid && r->message_id == id) {
		*cached = r;
		return IKE_WINDOW_RETRANSMIT;
	}
	return IKE_WINDOW_DROP;
}

void ike_window_answered(struct ike_window *w, uint32_t id,
			 const uint8_t *data, size_t len)
{
	struct ike_sa_last_response *r = slot(w, id);
	uint32_t ahead = id - w->next;

	free(r->data);
	r->data = xmemdup(data, len);
	r->len = len;
	r->message_id = id;
	r->valid = true;
	if (ahead >= w->size)
		return;
	w->answered |= 1u << ahead;
	while (w->answered & 1) {
		w->answered >>= 1;
		w->next++;
	}
}

void ike_window_free(struct ike_window *w)
{
	for (uint32_t i = 0; i < IKE_WINDOW_MAX; i++)
		free(w->responses[i].data);
	memset(w, 0, sizeof(*w));
}
