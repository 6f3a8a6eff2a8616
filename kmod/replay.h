/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vgate: inbound ESP sequence numbers: ESN inference (RFC 4303 App. A2)
 * and the anti-replay window (RFC 4303 3.4.3, bitmap as in RFC 6479).
 *
 * Copyright (C) 2026 The vgate authors
 *
 * vgate_replay_check() is a cheap lockless pre-check before decryption;
 * vgate_replay_advance() is the authoritative check-and-set, called only
 * after the ICV verified.
 *
 * Both return 0 (accept), -EINVAL (sequence number 0, never valid),
 * -ERANGE (left of the window; with ESN also a number that would fall
 * before the first or past the last 2^32 subspace) or -EEXIST (already
 * accepted): all three count as replay drops.
 */
#ifndef _VGATE_REPLAY_H_
#define _VGATE_REPLAY_H_

#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/vgate.h>

/**
 * struct vgate_replay - inbound sequence state of one SA
 * @lock: serialises vgate_replay_advance(); the pre-check reads without it
 * @top: highest sequence number accepted so far (64-bit, ESN or not)
 * @window: window size in packets, 0 = no replay check
 * @esn: extended sequence numbers
 * @bitmap: one bit per sequence number in the window, ring-indexed
 */
struct vgate_replay {
	spinlock_t lock; /* protects top and bitmap against concurrent advance */
	u64 top;
	u32 window;
	bool esn;
	unsigned long bitmap[(VGATE_REPLAY_WINDOW_MAX + BITS_PER_LONG) /
			     BITS_PER_LONG];
};

void vgate_replay_init(struct vgate_replay *r, u32 window, bool esn);
int vgate_replay_check(const struct vgate_replay *r, u32 seq_lo, u64 *seq);
int vgate_replay_advance(struct vgate_replay *r, u64 seq);
u64 vgate_replay_top(const struct vgate_replay *r);

#ifdef VGATE_SELFTESTS
bool vgate_replay_selftest(void);
#endif

#endif /* _VGATE_REPLAY_H_ */
