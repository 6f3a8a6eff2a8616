// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Simultaneous rekeys (RFC 7296 §2.8.1 for CHILD SAs, §2.8.2 for the
 * IKE SA).  When both ends rekey the same SA at once, each answers the
 * other's request as usual and two new SAs exist.  Of the four nonces
 * of the two exchanges, the exchange holding the lowest made the SA
 * that goes: its initiator deletes it, and the other end (the winner)
 * deletes the old SA as after any rekey.  Both ends reach the same
 * verdict on their own once they hold all four nonces, that is when
 * the answer to their own request arrives; until then the peer's
 * exchange is noted here: the SA it made and its lower nonce.
 * Nonces of different lengths compare over the shorter one, as
 * strongSwan and libreswan do, so every implementation agrees.
 */
#include <string.h>

#include "common/xalloc.h"
#include "ike/engine_internal.h"
#include "ike/ike_rekey.h"

struct ike_rekey *ike_rekey_state(struct ike_sa *sa)
{
	if (!sa->rekey)
		sa->rekey = xcalloc(1, sizeof(*sa->rekey));
	return sa->rekey;
}

static int nonce_cmp(const uint8_t *a, size_t a_len, const uint8_t *b,
		     size_t b_len)
{
	return memcmp(a, b, a_len < b_len ? a_len : b_len);
}

void ike_rekey_nonce_lower(struct ike_rekey_nonce *out, const uint8_t *a,
			   size_t a_len, const uint8_t *b, size_t b_len)
{
	const uint8_t *low = nonce_cmp(a, a_len, b, b_len) <= 0 ? a : b;
	size_t len = low == a ? a_len : b_len;

	if (len > sizeof(out->data))
		len = sizeof(out->data);
	memcpy(out->data, low, len);
	out->len = len;
}

bool ike_rekey_loses(const uint8_t *a, size_t a_len, const uint8_t *b,
		     size_t b_len, const struct ike_rekey_nonce *other)
{
	struct ike_rekey_nonce mine;

	ike_rekey_nonce_lower(&mine, a, a_len, b, b_len);
	return nonce_cmp(mine.data, mine.len, other->data, other->len) < 0;
}

void ike_child_collision_note(struct ike_sa *sa, const struct child_sa *theirs,
			      const uint8_t *ni, size_t ni_len,
			      const uint8_t *nr, size_t nr_len)
{
	struct ike_rekey *r = ike_rekey_state(sa);

	r->child_theirs_spi = theirs->spi_in;
	ike_rekey_nonce_lower(&r->child_theirs_low, ni, ni_len, nr, nr_len);
}

struct child_sa *ike_child_collision_take(struct ike_sa *sa)
{
	struct ike_rekey *r = sa->rekey;
	uint32_t spi;

	if (!r || !r->child_theirs_spi)
		return NULL;
	spi = r->child_theirs_spi;
	r->child_theirs_spi = 0;
	/* the peer may have deleted it meanwhile */
	for (struct child_sa *c = sa->children; c; c = c->next)
		if (c->spi_in == spi)
			return c;
	return NULL;
}

void ike_sa_collision_note(struct ike_sa *sa, const struct ike_sa *new,
			   const uint8_t *ni, size_t ni_len,
			   const uint8_t *nr, size_t nr_len)
{
	struct ike_rekey *r = ike_rekey_state(sa);

	r->ike_theirs = true;
	memcpy(r->ike_theirs_spi, new->our_spi, 8);
	ike_rekey_nonce_lower(&r->ike_theirs_low, ni, ni_len, nr, nr_len);
}

bool ike_sa_collision_adopt(struct ike_engine *e, struct ike_sa *sa)
{
	struct ike_rekey *r = sa->rekey;
	struct ike_sa *theirs = r && r->ike_theirs ? ike_sa_find(e, r->ike_theirs_spi)
						   : NULL;

	if (r)
		r->ike_theirs = false;
	if (!theirs || theirs->state != IKE_SA_ESTABLISHED || theirs->children)
		return false;
	ike_count(e, IKE_CNT_IKE_REKEYED);
	ike_rekey_move_session(e, theirs, sa);
	return true;
}
