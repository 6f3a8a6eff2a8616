// SPDX-License-Identifier: GPL-2.0
/*
 * vgate: inbound ESP sequence numbers: ESN inference (RFC 4303 App. A2)
 * and the anti-replay window (RFC 4303 3.4.3).
 *
 * Copyright (C) 2026 The vgate authors
 *
 * The window is the bitmap of RFC 6479: a ring of words, one bit per
 * sequence number, indexed by the number itself.  Moving the window up
 * clears the words it enters; nothing is ever shifted.  The ring holds
 * ARRAY_SIZE(bitmap) words, at least one more than a full window needs,
 * so that the word the top sits in, only partly inside the window, never
 * shares its slot with the oldest word of the window.
 *
 * All sequence numbers are 64-bit; without ESN they stay below 2^32.
 * Sequence number 0 is never valid (RFC 4303 3.3.3: the first packet is
 * 1; with ESN the counter wraps past 2^32 but never back to 0).
 */

#include <linux/bitops.h>
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "replay.h"

#define VGATE_REPLAY_RING \
	(sizeof_field(struct vgate_replay, bitmap) / sizeof(unsigned long))

/*
 * The window ESN inference assumes when the replay check is off: half the
 * sequence space behind the top and half ahead of it.
 */
#define VGATE_REPLAY_INFER_WINDOW	((u32)BIT(31))

static_assert(VGATE_REPLAY_RING * BITS_PER_LONG >=
	      VGATE_REPLAY_WINDOW_MAX + BITS_PER_LONG - 1);

static unsigned int vgate_replay_slot(u64 seq)
{
	u32 slot;

	div_u64_rem(seq >> ilog2(BITS_PER_LONG), VGATE_REPLAY_RING, &slot);
	return slot;
}

static unsigned int vgate_replay_bit(u64 seq)
{
	return seq & (BITS_PER_LONG - 1);
}

/**
 * vgate_replay_init - reset the inbound sequence state of an SA
 * @r: the state
 * @window: anti-replay window in packets, 0 to turn the check off; at most
 *	VGATE_REPLAY_WINDOW_MAX (larger values are clamped)
 * @esn: the SA uses 64-bit extended sequence numbers
 *
 * Context: any; @r is not in use yet.
 */
void vgate_replay_init(struct vgate_replay *r, u32 window, bool esn)
{
	spin_lock_init(&r->lock);
	r->top = 0;
	r->window = min_t(u32, window, VGATE_REPLAY_WINDOW_MAX);
	r->esn = esn;
	memset(r->bitmap, 0, sizeof(r->bitmap));
}

/*
 * RFC 4303 Appendix A2.1: which 2^32 subspace @seq_lo falls in, given the
 * highest sequence number accepted so far.  The result must still pass
 * the ICV, which authenticates the high bits.
 */
static int vgate_replay_infer(const struct vgate_replay *r, u64 top,
			      u32 seq_lo, u64 *seq)
{
	u32 th = upper_32_bits(top), tl = lower_32_bits(top);
	u32 w = r->window ?: VGATE_REPLAY_INFER_WINDOW;
	u32 bl = tl - w + 1; /* bottom of the window, modulo 2^32 */
	u32 sh;

	if (!r->esn) {
		*seq = seq_lo;
		return seq_lo ? 0 : -EINVAL;
	}

	if (tl >= w - 1) {
		/* the window lies within one subspace */
		if (seq_lo >= bl) {
			sh = th;
		} else {
			if (th == U32_MAX)
				return -ERANGE;
			sh = th + 1;
		}
	} else {
		/* the window spans two subspaces */
		if (seq_lo >= bl) {
			/* before the first subspace: never sent */
			if (!th)
				return -ERANGE;
			sh = th - 1;
		} else {
			sh = th;
		}
	}

	*seq = (u64)sh << 32 | seq_lo;
	return *seq ? 0 : -EINVAL;
}

/**
 * vgate_replay_check - infer and pre-check the sequence number of a packet
 *	before it is decrypted
 * @r: the inbound SA's state
 * @seq_lo: the sequence number field of the ESP header (host order)
 * @seq: the full 64-bit sequence number, for the ICV and for
 *	vgate_replay_advance()
 *
 * Lockless: a packet this lets through may still be refused by
 * vgate_replay_advance(), which is authoritative; a packet it refuses is
 * a replay or too old for the state it saw (never a false refusal: a
 * racing advance that could make a bit look set also moved the top,
 * which is re-read).
 *
 * Context: any (softirq on the receive path).
 * Return: 0 if the packet may be new; -EINVAL for sequence number 0;
 * -ERANGE if it is left of the window (or, with ESN, falls before the
 * first subspace or past the last); -EEXIST if it was already accepted.
 */
int vgate_replay_check(const struct vgate_replay *r, u32 seq_lo, u64 *seq)
{
	u64 top = READ_ONCE(r->top);
	unsigned long word;
	int err;

	err = vgate_replay_infer(r, top, seq_lo, seq);
	if (err)
		return err;
	if (!r->window || *seq > top)
		return 0;
	if (top - *seq >= r->window)
		return -ERANGE;

	/* pairs with the smp_wmb() in vgate_replay_advance() */
	smp_rmb();
	word = READ_ONCE(r->bitmap[vgate_replay_slot(*seq)]);
	if (!(word & BIT(vgate_replay_bit(*seq))))
		return 0;
	/* a bit of a word being recycled?  the top moved then */
	smp_rmb();
	if (READ_ONCE(r->top) != top)
		return 0;
	return -EEXIST;
}

/**
 * vgate_replay_advance - accept a sequence number, after its packet's ICV
 *	verified
 * @r: the inbound SA's state
 * @seq: the full sequence number vgate_replay_check() returned
 *
 * Rechecks under the lock, then moves the window up to @seq if it is the
 * new highest and marks it seen.  With the window off it only tracks the
 * highest sequence number (for ESN inference and reporting).
 *
 * Context: any (softirq or the crypto completion); takes @r->lock with
 * bottom halves off.
 * Return: 0 if accepted; -EINVAL for 0 (or beyond 2^32 - 1 without ESN);
 * -ERANGE if left of the window; -EEXIST if already accepted.
 */
int vgate_replay_advance(struct vgate_replay *r, u64 seq)
{
	unsigned int slot, n;
	u64 top, from;
	int err = 0;

	if (unlikely(!seq || (!r->esn && seq > U32_MAX)))
		return -EINVAL;

	spin_lock_bh(&r->lock);
	top = r->top;
	if (seq > top) {
		if (r->window) {
			/* clear the words the window moves into */
			from = top >> ilog2(BITS_PER_LONG);
			n = min_t(u64, (seq >> ilog2(BITS_PER_LONG)) - from,
				  VGATE_REPLAY_RING);
			slot = vgate_replay_slot(top);
			while (n--) {
				if (++slot == VGATE_REPLAY_RING)
					slot = 0;
				WRITE_ONCE(r->bitmap[slot], 0);
			}
		}
		/* the cleared words before the new top, for the pre-check */
		smp_wmb();
		WRITE_ONCE(r->top, seq);
	} else if (!r->window) {
		goto out;
	} else if (top - seq >= r->window) {
		err = -ERANGE;
		goto out;
	}

	if (r->window && test_and_set_bit(vgate_replay_bit(seq),
					  &r->bitmap[vgate_replay_slot(seq)]))
		err = -EEXIST;
out:
	spin_unlock_bh(&r->lock);
	return err;
}

/**
 * vgate_replay_top - the highest sequence number accepted so far
 * @r: the inbound SA's state
 *
 * Context: any; lockless.
 * Return: the 64-bit sequence number, 0 before the first packet.
 */
u64 vgate_replay_top(const struct vgate_replay *r)
{
	return READ_ONCE(r->top);
}

#include "selftest/replay.c"
